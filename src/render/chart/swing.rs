//! swing.png: votes-to-seats curves of the main parties as the swing between the two leading parties sweeps.

use super::axis::{Scale, nice_step, tick, x_labels, y_grid};
use super::canvas::*;
use super::colours;
use super::crossing::runs_at_or_above;
use super::labels::*;
use super::shapes::*;
use super::spread::spread;
use super::text::*;
use crate::summary::{SWEEP_STEP, Summary, SwingSweep};
use plotters::style::text_anchor::HPos;

/// How the swing is applied, in words.
pub fn rule(sweep: &SwingSweep) -> String {
    format!(
        "Swing s: {} +s/2 and {} −s/2 points in the target shares of {}, other parties unchanged; central \
         projection every {} points.",
        colours::short(&sweep.to),
        colours::short(&sweep.from),
        sweep.areas.join(", "),
        SWEEP_STEP
    )
}

/// The parties drawn: those with at least 3% of the seats somewhere on the sweep, or whose seats move by 10 or more.
pub fn drawn(s: &Summary, sweep: &SwingSweep) -> Vec<String> {
    let mut out: Vec<(String, u32)> = sweep
        .seats
        .iter()
        .filter(|(p, _)| p.as_str() != "speaker")
        .filter_map(|(p, v)| {
            let (lo, hi) = (*v.iter().min()?, *v.iter().max()?);
            (hi as f64 >= 0.03 * s.total_seats as f64 || hi - lo >= 10 || *p == sweep.to || *p == sweep.from)
                .then(|| (p.clone(), hi))
        })
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    out.into_iter().map(|(p, _)| p).collect()
}

pub fn render(s: &Summary, sweep: &SwingSweep, w: u32, h: u32) -> anyhow::Result<Drawing> {
    record(w, h, |area, g| draw(area, g, s, sweep))
}

/// The plot of the sweep and the layout values its steps share.
struct Plot<'a> {
    s: &'a Summary,
    sweep: &'a SwingSweep,
    /// The parties drawn, most seats first.
    parties: Vec<String>,
    /// The lead of the gaining party at each step of the sweep.
    lead: Vec<f64>,
    x: Scale,
    y: Scale,
    /// Grid values of the seat axis.
    yt: Vec<f64>,
    /// The chart body: below the header, above the footer.
    top: i32,
    bottom: i32,
    plot_top: i32,
    /// The font of the end labels.
    label_font: Font,
}

impl<'a> Plot<'a> {
    /// Lays out the plot, with room on the right for the end labels; `None` for an empty sweep.
    fn new(g: Geom, s: &'a Summary, sweep: &'a SwingSweep, top: i32, bottom: i32) -> Option<Plot<'a>> {
        let parties = drawn(s, sweep);
        let lead: Vec<f64> = sweep.swing.iter().map(|sw| sweep.scenario_lead + sw).collect();
        if lead.is_empty() {
            return None;
        }
        let n = lead.len();
        let label_font = Font::new(g.font(17.0), INK).bold();
        let end_w = parties.iter().map(|p| label_font.width(&format!("{} 000", colours::short(p)))).max().unwrap_or(0);
        let (x0, x1) = (g.px(40.0) + g.px(56.0), g.w - g.px(40.0) - end_w - g.px(16.0));
        let box_h = g.px(36.0);
        let (plot_top, plot_bottom) = (top + box_h + g.px(50.0), bottom - g.px(62.0));
        let x = Scale::new((lead[0], lead[n - 1]), (x0, x1));
        let ymax = parties
            .iter()
            .filter_map(|p| sweep.seats.get(p).and_then(|v| v.iter().max()).copied())
            .max()
            .unwrap_or(0)
            .max(s.majority) as f64;
        let ystep = nice_step(ymax, 7);
        let ytop = (ymax * 1.04 / ystep).ceil() * ystep;
        let y = Scale::new((0.0, ytop), (plot_bottom, plot_top));
        let yt: Vec<f64> = (0..=((ytop / ystep).round() as i64)).map(|i| i as f64 * ystep).collect();
        Some(Plot { s, sweep, parties, lead, x, y, yt, top, bottom, plot_top, label_font })
    }

    /// Steps of the sweep.
    fn n(&self) -> usize {
        self.lead.len()
    }

    /// Seats of party `p` at step `i` of the sweep (0 where the party has no value).
    fn seats_of(&self, p: &str, i: usize) -> u32 {
        self.sweep.seats.get(p).and_then(|v| v.get(i)).copied().unwrap_or(0)
    }

    /// The curve of party `p` in pixels.
    fn curve(&self, p: &str) -> Vec<(i32, i32)> {
        (0..self.n()).map(|i| (self.x.px(self.lead[i]), self.y.px(self.seats_of(p, i) as f64))).collect()
    }

    /// The stretches of the lead where party `code` has a majority in the central projections, each end the lead
    /// where its seats cross the majority line (interpolated linearly between the steps) or an end of the sweep.
    fn majority_runs(&self, code: &str) -> Vec<(f64, f64)> {
        let seats: Vec<u32> = (0..self.n()).map(|i| self.seats_of(code, i)).collect();
        runs_at_or_above(&self.lead, &seats, self.s.majority)
    }

    /// Pixel rows of the majority and effective-majority lines.
    fn majority_rows(&self) -> (i32, i32) {
        (self.y.px(self.s.majority as f64), self.y.px(self.s.effective_majority as f64))
    }
}

fn draw(area: &Area, g: Geom, s: &Summary, sweep: &SwingSweep) -> anyhow::Result<()> {
    let top = header(area, g, &format!("{}: votes to seats", s.scenario.name), &run_subtitle(s))?;
    let notes = vec![rule(sweep)];
    let bottom = footer(area, g, &notes, &credit(s))?;
    let Some(plot) = Plot::new(g, s, sweep, top, bottom) else { return Ok(()) };
    majority_shading(area, g, &plot)?;
    axes(area, g, &plot)?;
    reference_lines(area, g, &plot)?;
    // Curves, smallest first so the main parties sit on top.
    for p in plot.parties.iter().rev() {
        line(area, &plot.curve(p), colours::of(p), g.stroke(3.0))?;
    }
    majority_labels(area, g, &plot)?;
    end_labels(area, g, &plot)?;
    key_figures(area, g, &plot)
}

/// Shading where the gaining or losing party has a majority, from the exact leads the key figures state; every
/// band is named.
fn majority_shading(area: &Area, g: Geom, plot: &Plot) -> anyhow::Result<()> {
    let (x, y) = (plot.x, plot.y);
    for code in [plot.sweep.to.as_str(), plot.sweep.from.as_str()] {
        let tint = colours::tint(colours::of(code), 0.88);
        for (a, b) in plot.majority_runs(code) {
            let (a, b) = (x.px(a), x.px(b));
            rect(area, (a, y.r1), (b, y.r0), tint)?;
            band_label(area, g, plot, code, (a, b))?;
        }
    }
    Ok(())
}

/// Names the majority band of `code` between pixel columns `a` and `b`: inside, at its top, when the name fits with
/// a margin; otherwise beside the band on a halo (on the side with room for it, the right if both have), with a
/// leader line from the name to the middle of the band.
fn band_label(area: &Area, g: Geom, plot: &Plot, code: &str, (a, b): (i32, i32)) -> anyhow::Result<()> {
    let (x, y) = (plot.x, plot.y);
    let label = format!("{} majority", colours::short(code));
    let tint = colours::tint(colours::of(code), 0.88);
    let font = Font::new(g.font(16.0), colours::text_on(tint));
    let (w, margin, top) = (font.width(&label), g.px(8.0), y.r1 + g.px(12.0));
    if w + 2 * margin <= b - a {
        return text(area, &label, ((a + b) / 2, top), font, HPos::Center, V::Top);
    }
    let font = font.colour(colours::on_white(colours::of(code)));
    let (leader, mid, row) = (g.px(24.0), (a + b) / 2, top + (font.cap() / 2.0).round() as i32);
    let fits_right = b + leader + w + margin <= x.r1;
    let fits_left = a - leader - w - margin >= x.r0;
    let right = fits_right || (!fits_left && x.r1 - b >= a - x.r0);
    let (end, h) = if right { (b + leader, HPos::Left) } else { (a - leader, HPos::Right) };
    line(area, &[(mid, row), (end, row)], AXIS, g.stroke(1.0))?;
    let at = if right { end + g.px(6.0) } else { end - g.px(6.0) };
    halo_text(area, g, &label, (at, row), font, h, V::Middle)
}

/// The seat grid, the lead ticks, the axis line and both axis titles.
fn axes(area: &Area, g: Geom, plot: &Plot) -> anyhow::Result<()> {
    let (x, y) = (plot.x, plot.y);
    y_grid(area, g, x, y, &plot.yt, tick)?;
    let xt = x.ticks(12);
    x_labels(area, g, x, y, &xt, signed)?;
    line(area, &[(x.r0, y.r0), (x.r1, y.r0)], AXIS, g.stroke(1.0))?;
    let axis_font = Font::new(g.font(17.0), MUTED);
    text(area, "Seats", (g.px(40.0), plot.plot_top - g.px(22.0)), axis_font, HPos::Left, V::Baseline)?;
    let x_title = format!(
        "{} lead over {}, points ({} target shares)",
        colours::name(&plot.sweep.to),
        colours::name(&plot.sweep.from),
        plot.sweep.areas.last().map_or("", |a| a.as_str())
    );
    text(area, &x_title, ((x.r0 + x.r1) / 2, plot.bottom - g.px(4.0)), axis_font, HPos::Center, V::Baseline)
}

/// The majority lines and the scenario's lead, labelled.
fn reference_lines(area: &Area, g: Geom, plot: &Plot) -> anyhow::Result<()> {
    let (x, y, sweep) = (plot.x, plot.y, plot.sweep);
    let (pm, pe) = plot.majority_rows();
    line(area, &[(x.r0, pm), (x.r1, pm)], INK, g.stroke(1.5))?;
    dashed(area, (x.r0, pe), (x.r1, pe), AXIS, g.stroke(1.5), (g.px(8.0), g.px(6.0)))?;
    // The scenario.
    let px = x.px(sweep.scenario_lead);
    dashed(area, (px, y.r0), (px, y.r1), INK, g.stroke(2.0), (g.px(6.0), g.px(5.0)))?;
    let scen =
        format!("Scenario: {} lead {}", colours::short(&sweep.to), super::labels::signed_points(sweep.scenario_lead));
    text(area, &scen, (px, y.r1 - g.px(10.0)), Font::new(g.font(16.0), INK).bold(), HPos::Center, V::Baseline)
}

/// Majority labels where no curve crosses them (left if possible), else on a light halo at the left.
fn majority_labels(area: &Area, g: Geom, plot: &Plot) -> anyhow::Result<()> {
    let (x, s) = (plot.x, plot.s);
    let (pm, pe) = plot.majority_rows();
    let small = Font::new(g.font(15.0), INK);
    let maj = format!("Majority {}", s.majority);
    let eff = format!("Effective majority {}", s.effective_majority);
    let label_w = small.bold().width(&maj).max(small.width(&eff)) + g.px(16.0);
    let band = (
        pm - g.px(7.0) - small.cap().round() as i32 - g.px(4.0),
        pe + g.px(7.0) + small.cap().round() as i32 + g.px(8.0),
    );
    let curves: Vec<Vec<(i32, i32)>> = plot.parties.iter().map(|p| plot.curve(p)).collect();
    let clear = |left: i32| {
        let scenario_x = x.px(plot.sweep.scenario_lead);
        (scenario_x < left - g.px(16.0) || scenario_x > left + label_w + g.px(8.0))
            && curves.iter().all(|c| {
                c.windows(2).all(|w| {
                    let (a, b) = (w[0], w[1]);
                    let outside = b.0 < left || a.0 > left + label_w;
                    outside || (a.1.max(b.1) < band.0 || a.1.min(b.1) > band.1)
                })
            })
    };
    let step = g.px(20.0).max(1);
    let lx = (0..).map(|i| x.r0 + g.px(4.0) + i * step).take_while(|l| l + label_w <= x.r1).find(|l| clear(*l));
    let (lx, halo) = match lx {
        Some(l) => (l, false),
        None => (x.r0 + g.px(4.0), true),
    };
    let write = |s: &str, p: (i32, i32), f: Font, v: V| {
        if halo { halo_text(area, g, s, p, f, HPos::Left, v) } else { text(area, s, p, f, HPos::Left, v) }
    };
    write(&maj, (lx + g.px(4.0), pm - g.px(7.0)), small.bold(), V::Baseline)?;
    write(&eff, (lx + g.px(4.0), pe + g.px(7.0)), small.colour(MUTED), V::Top)
}

/// The seats of each party at the right end of the sweep, in the order of their seats, pushed apart inside the plot.
fn end_labels(area: &Area, g: Geom, plot: &Plot) -> anyhow::Result<()> {
    let last = plot.n() - 1;
    let ends: Vec<(String, u32)> = plot.parties.iter().map(|p| (p.clone(), plot.seats_of(p, last))).collect();
    let half = (plot.label_font.cap() / 2.0).round() as i32;
    let rows = end_rows(&ends, plot.y, g.px(22.0), (plot.y.r1 + half, plot.y.r0 - half));
    for (row, p, seats) in rows {
        let font = plot.label_font.colour(colours::on_white(colours::of(&p)));
        let label = format!("{} {}", colours::short(&p), seats);
        text(area, &label, (plot.x.r1 + g.px(10.0), row), font, HPos::Left, V::Middle)?;
    }
    Ok(())
}

/// The pixel rows of the end labels `(party, seats)`: most seats first (ties by party code), each wanted at its
/// seats on `y`, then pushed apart to at least `gap` inside `bounds` (see [`spread`]), so the labels keep the order
/// of their values however close the curves end.
fn end_rows(ends: &[(String, u32)], y: Scale, gap: i32, bounds: (i32, i32)) -> Vec<(i32, String, u32)> {
    let mut ends = ends.to_vec();
    ends.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let wanted: Vec<i32> = ends.iter().map(|(_, seats)| y.px(*seats as f64)).collect();
    spread(&wanted, gap, bounds).into_iter().zip(ends).map(|(row, (p, seats))| (row, p, seats)).collect()
}

/// Key figures above the plot: where the gaining party becomes largest and each party wins a majority.
fn key_figures(area: &Area, g: Geom, plot: &Plot) -> anyhow::Result<()> {
    let sweep = plot.sweep;
    let (to, from) = (sweep.to.as_str(), sweep.from.as_str());
    let to_largest = (0..plot.n()).find(|&i| plot.seats_of(to, i) > plot.seats_of(from, i)).map(|i| plot.lead[i]);
    // The same leads the shading starts from.
    let to_majority = plot.majority_runs(to).first().map(|r| r.0);
    let from_majority = plot.majority_runs(from).last().map(|r| r.1);
    let (st, sf) = (colours::short(to), colours::short(from));
    let mut facts = Vec::new();
    if let Some(l) = to_largest {
        facts.push(format!("{st} largest party from a {st} lead of {}", super::labels::signed_points(l)));
    }
    if let Some(l) = to_majority {
        facts.push(format!("{st} majority from a {st} lead of {}", super::labels::signed_points(l)));
    }
    if let Some(l) = from_majority {
        facts.push(format!("{sf} majority from a {sf} lead of {}", super::labels::signed_points(-l)));
    }
    if facts.is_empty() {
        facts.push("No single-party majority anywhere on the sweep".to_string());
    }
    let facts = format!("{} (central projections).", facts.join(" · "));
    text(area, &facts, (g.px(40.0), plot.top + g.px(6.0)), Font::new(g.font(17.0), INK), HPos::Left, V::Top)
}

/// A tick value with its sign: `+5`, `0`, `−5` (typographic minus).
fn signed(v: f64) -> String {
    if v > 0.0 {
        format!("+{}", tick(v))
    } else if v < 0.0 {
        format!("−{}", tick(-v))
    } else {
        "0".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any seat counts: the labels come out most seats first, each at least the gap below the one above, and
        /// inside the bounds whenever they fit.
        #[test]
        fn end_labels_keep_the_order_of_their_values(
            seats in prop::collection::vec(0u32..700, 1..10),
            ytop in 50i32..300,
            height in 100i32..900,
            gap in 5i32..30,
        ) {
            let ends: Vec<(String, u32)> = seats.iter().enumerate().map(|(i, &n)| (format!("p{i}"), n)).collect();
            let y = Scale::new((0.0, 700.0), (ytop + height, ytop));
            let bounds = (ytop + 6, ytop + height - 6);
            let rows = end_rows(&ends, y, gap, bounds);
            prop_assert_eq!(rows.len(), ends.len());
            for w in rows.windows(2) {
                prop_assert!(w[0].2 >= w[1].2, "{:?}", rows);
                prop_assert!(w[1].0 - w[0].0 >= gap, "{:?}", rows);
            }
            if (rows.len() as i32 - 1) * gap <= bounds.1 - bounds.0 {
                prop_assert!(rows.iter().all(|r| (bounds.0..=bounds.1).contains(&r.0)), "{:?}", rows);
            }
        }
    }

    #[test]
    fn a_label_one_seat_behind_is_drawn_below() {
        // Lab 44 and SNP 45 end a pixel apart: SNP stays above, Lab goes below by the gap.
        let y = Scale::new((0.0, 400.0), (800, 100));
        let ends = [("lab".to_string(), 44), ("snp".to_string(), 45), ("con".to_string(), 300)];
        let rows = end_rows(&ends, y, 22, (106, 794));
        let order: Vec<&str> = rows.iter().map(|r| r.1.as_str()).collect();
        assert_eq!(order, ["con", "snp", "lab"]);
        assert_eq!(rows[2].0 - rows[1].0, 22);
        assert_eq!(rows[0].0, y.px(300.0));
    }
}
