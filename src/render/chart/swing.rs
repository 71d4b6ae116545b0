//! swing.png: votes-to-seats curves of the main parties as the swing between the two leading parties sweeps.

use super::axis::{Scale, nice_step, tick, x_labels, y_grid};
use super::canvas::*;
use super::colours;
use super::labels::*;
use super::shapes::*;
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

/// The first lead on the sweep where `holds` is true, scanning from the left (`from_left`) or from the right.
fn threshold_lead(sweep: &SwingSweep, holds: impl Fn(usize) -> bool, from_left: bool) -> Option<f64> {
    let n = sweep.swing.len();
    let idx: Vec<usize> = if from_left { (0..n).collect() } else { (0..n).rev().collect() };
    idx.into_iter().find(|&i| holds(i)).map(|i| sweep.scenario_lead + sweep.swing[i])
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

/// Shading where the gaining or losing party has a majority, named when the label fits.
fn majority_shading(area: &Area, g: Geom, plot: &Plot) -> anyhow::Result<()> {
    let (x, y, lead, s) = (plot.x, plot.y, &plot.lead, plot.s);
    let shade = |from_i: usize, to_i: usize, code: &str| -> anyhow::Result<()> {
        let half = (SWEEP_STEP / 2.0) * x.unit();
        let a = (x.px(lead[from_i]) as f64 - half).max(x.r0 as f64) as i32;
        let b = (x.px(lead[to_i]) as f64 + half).min(x.r1 as f64) as i32;
        rect(area, (a, y.r1), (b, y.r0), colours::tint(colours::of(code), 0.88))
    };
    for code in [plot.sweep.to.as_str(), plot.sweep.from.as_str()] {
        let idx: Vec<usize> = (0..plot.n()).filter(|&i| plot.seats_of(code, i) >= s.majority).collect();
        if let (Some(&a), Some(&b)) = (idx.first(), idx.last()) {
            shade(a, b, code)?;
            let cx = (x.px(lead[a]) + x.px(lead[b])) / 2;
            let label = format!("{} majority", colours::short(code));
            let f = Font::new(g.font(16.0), colours::text_on(colours::tint(colours::of(code), 0.88)));
            if f.width(&label) < x.px(lead[b]) - x.px(lead[a]) {
                text(area, &label, (cx, y.r1 + g.px(12.0)), f, HPos::Center, V::Top)?;
            }
        }
    }
    Ok(())
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

/// The seats of each party at the right end of the sweep, nudged apart vertically.
fn end_labels(area: &Area, g: Geom, plot: &Plot) -> anyhow::Result<()> {
    let last = plot.n() - 1;
    let mut labels: Vec<(i32, String, String)> = plot
        .parties
        .iter()
        .map(|p| {
            let seats = plot.seats_of(p, last);
            (plot.y.px(seats as f64), format!("{} {}", colours::short(p), seats), p.clone())
        })
        .collect();
    labels.sort_by_key(|l| l.0);
    let min_gap = g.px(22.0);
    for i in 1..labels.len() {
        if labels[i].0 < labels[i - 1].0 + min_gap {
            labels[i].0 = labels[i - 1].0 + min_gap;
        }
    }
    for (ly, label, p) in &labels {
        let font = plot.label_font.colour(colours::on_white(colours::of(p)));
        text(area, label, (plot.x.r1 + g.px(10.0), *ly), font, HPos::Left, V::Middle)?;
    }
    Ok(())
}

/// Key figures above the plot: where the gaining party becomes largest and each party wins a majority.
fn key_figures(area: &Area, g: Geom, plot: &Plot) -> anyhow::Result<()> {
    let (s, sweep) = (plot.s, plot.sweep);
    let (to, from) = (sweep.to.as_str(), sweep.from.as_str());
    let to_largest = (0..plot.n()).find(|&i| plot.seats_of(to, i) > plot.seats_of(from, i)).map(|i| plot.lead[i]);
    let to_majority = threshold_lead(sweep, |i| plot.seats_of(to, i) >= s.majority, true);
    let from_majority = threshold_lead(sweep, |i| plot.seats_of(from, i) >= s.majority, false);
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
