//! pns.png: an estimated projected national share with its 90% sampling (bootstrap) intervals, the earlier year's
//! share and the published figure.

use super::axis::{Scale, nice_step, tick, y_grid};
use super::canvas::*;
use super::colours;
use super::labels::*;
use super::shapes::*;
use super::text::*;
use crate::estimate::{BaselineSource, Estimate, PartyEstimate};
use plotters::style::text_anchor::HPos;

/// Draws pns.png for an estimate.
pub fn render(e: &Estimate, w: u32, h: u32) -> anyhow::Result<Drawing> {
    record(w, h, |area, g| draw(area, g, e))
}

fn year(y: Option<u16>, fallback: &str) -> String {
    y.map_or(fallback.to_string(), |y| y.to_string())
}

fn draw(area: &Area, g: Geom, e: &Estimate) -> anyhow::Result<()> {
    let (before, after) = (year(e.earlier_year, "earlier"), year(e.later_year, "later"));
    let top = header(area, g, &title(e), &subtitle(e))?;
    let bottom = footer(area, g, &notes(e, &before), &format!("pns {}", env!("CARGO_PKG_VERSION")))?;
    let legend_y = top + g.px(4.0);
    legend(area, g, e, legend_y, (&before, &after))?;
    let (xs, y) = axes(area, g, e, legend_y, bottom)?;
    let bar_w = (xs.unit() * 0.26).round() as i32;
    for (i, p) in e.parties.iter().enumerate() {
        party_bars(area, g, e, p, (xs.px(i as f64 + 0.5), bar_w), y)?;
    }
    Ok(())
}

/// The chart's title: the two years of the pair when known.
fn title(e: &Estimate) -> String {
    match (e.earlier_year, e.later_year) {
        (Some(a), Some(b)) => format!("Projected national share from the {a} → {b} local elections"),
        _ => format!("Projected national share: {}", e.pair),
    }
}

/// The subtitle: the key wards, the key parties and the bootstrap.
fn subtitle(e: &Estimate) -> String {
    let keys: Vec<String> = e.key_parties.iter().map(|p| colours::short(p.code())).collect();
    let interval = if e.bootstrap > 0 {
        format!(
            "90% sampling intervals (which wards were fought) from {} bootstrap resamples (seed {})",
            thousands(e.bootstrap),
            e.seed
        )
    } else {
        "no bootstrap: no intervals".to_string()
    };
    format!(
        "{} key wards of {} in {} councils ({} standing at both contests) · {}",
        thousands(e.key_wards as u64),
        thousands(e.wards as u64),
        e.key_councils,
        keys.join(", "),
        interval
    )
}

/// The footer notes: how the estimate is made, and its misses against the published figures.
fn notes(e: &Estimate, before: &str) -> Vec<String> {
    let mut notes = vec![format!(
        "Estimate = the {before} share + the change in the key wards, stratified by region and kind of council and \
         weighted by electorate. \"Other\" is the remainder to 100."
    )];
    let misses: Vec<String> = e
        .parties
        .iter()
        .filter_map(|p| {
            p.published
                .map(|v| format!("{} {}", colours::short(p.party.code()), super::labels::signed_points(p.pns - v)))
        })
        .collect();
    if !misses.is_empty() {
        notes.push(format!("Estimate minus published, points: {}.", misses.join(" · ")));
    }
    if let Some(v) = &e.validation {
        notes.push(format!(
            "The whiskers are sampling uncertainty only. Against the published PNS over {} shipped pairs, 90% of the \
             estimator's errors are within ±{:.1} points (the validation interval).",
            v.pairs, v.half_width90
        ));
    }
    notes
}

/// The legend under the title, at `legend_y`.
fn legend(area: &Area, g: Geom, e: &Estimate, legend_y: i32, (before, after): (&str, &str)) -> anyhow::Result<()> {
    let lf = Font::new(g.font(17.0), INK);
    let sw = g.px(16.0);
    let mut x = g.px(40.0);
    let grey = colours::OTHER_GREY;
    rect(area, (x, legend_y), (x + sw, legend_y + sw), colours::tint(grey, 0.45))?;
    let label = format!("{before} share (published BBC PNS; * no published figure: estimated)");
    text(area, &label, (x + sw + g.px(8.0), legend_y + sw / 2), lf, HPos::Left, V::Middle)?;
    x += sw + g.px(8.0) + lf.width(&label) + g.px(34.0);
    rect(area, (x, legend_y), (x + sw, legend_y + sw), grey)?;
    let label = if e.bootstrap > 0 {
        format!("{after} estimate with 90% sampling interval")
    } else {
        format!("{after} estimate")
    };
    text(area, &label, (x + sw + g.px(8.0), legend_y + sw / 2), lf, HPos::Left, V::Middle)?;
    x += sw + g.px(8.0) + lf.width(&label) + g.px(34.0);
    diamond(area, (x + sw / 2, legend_y + sw / 2), g.px(9.0))?;
    let label = format!("published BBC PNS {after}");
    text(area, &label, (x + sw + g.px(8.0), legend_y + sw / 2), lf, HPos::Left, V::Middle)
}

/// Lays out the plot under the legend and draws its grid, axis and title; returns the party and share scales.
fn axes(area: &Area, g: Geom, e: &Estimate, legend_y: i32, bottom: i32) -> anyhow::Result<(Scale, Scale)> {
    let ymax = e
        .parties
        .iter()
        .map(|p| p.sampling_hi90.max(p.pns).max(p.baseline_pns).max(p.published.unwrap_or(0.0)))
        .fold(1.0, f64::max);
    let ystep = nice_step(ymax, 6);
    let ytop = (ymax * 1.12 / ystep).ceil() * ystep;
    let (plot_top, plot_bottom) = (legend_y + g.px(70.0), bottom - g.px(60.0));
    let (x0, x1) = (g.px(40.0) + g.px(50.0), g.w - g.px(40.0));
    let y = Scale::new((0.0, ytop), (plot_bottom, plot_top));
    let xs = Scale::new((0.0, e.parties.len().max(1) as f64), (x0, x1));
    let yt: Vec<f64> = (0..=((ytop / ystep).round() as i64)).map(|i| i as f64 * ystep).collect();
    y_grid(area, g, xs, y, &yt, |v| format!("{}%", tick(v)))?;
    line(area, &[(xs.r0, y.r0), (xs.r1, y.r0)], AXIS, g.stroke(1.0))?;
    text(
        area,
        "Share of the GB vote",
        (g.px(40.0), plot_top - g.px(24.0)),
        Font::new(g.font(17.0), MUTED),
        HPos::Left,
        V::Baseline,
    )?;
    Ok((xs, y))
}

/// One party's bars centred at `centre`, each `bar_w` wide: the earlier year's share, the estimate with its
/// interval and the published figure, with the party's name and interval under the axis.
fn party_bars(
    area: &Area,
    g: Geom,
    e: &Estimate,
    p: &PartyEstimate,
    (centre, bar_w): (i32, i32),
    y: Scale,
) -> anyhow::Result<()> {
    let value_font = Font::new(g.font(18.0), INK).bold();
    let small = Font::new(g.font(15.0), MUTED);
    let code = p.party.code();
    let c = colours::of(code);
    // The earlier year's share, pale, left of the estimate.
    let (b0, b1) = (centre - bar_w - g.px(3.0), centre - g.px(3.0));
    rect(area, (b0, y.px(p.baseline_pns)), (b1, y.r0), colours::tint(c, 0.55))?;
    let star =
        if matches!(p.baseline_source, BaselineSource::Estimated | BaselineSource::Remainder) { "*" } else { "" };
    let bl = format!("{:.1}{star}", p.baseline_pns);
    text(area, &bl, ((b0 + b1) / 2, y.px(p.baseline_pns) - g.px(8.0)), small, HPos::Center, V::Baseline)?;
    // The estimate with its interval.
    let (e0, e1) = (centre + g.px(3.0), centre + g.px(3.0) + bar_w);
    rect(area, (e0, y.px(p.pns)), (e1, y.r0), c)?;
    let ex = (e0 + e1) / 2;
    let (lo, hi) = (y.px(p.sampling_lo90), y.px(p.sampling_hi90));
    let cap = g.px(7.0);
    if e.bootstrap > 0 {
        line(area, &[(ex, lo), (ex, hi)], INK, g.stroke(2.0))?;
        line(area, &[(ex - cap, lo), (ex + cap, lo)], INK, g.stroke(2.0))?;
        line(area, &[(ex - cap, hi), (ex + cap, hi)], INK, g.stroke(2.0))?;
    }
    if let Some(v) = p.published {
        let dx = e1 + g.px(14.0);
        diamond(area, (dx, y.px(v)), g.px(9.0))?;
        text(area, &tick(v), (dx + g.px(14.0), y.px(v)), small.colour(INK), HPos::Left, V::Middle)?;
    }
    let label_y = y.px(p.sampling_hi90.max(p.pns).max(p.published.unwrap_or(0.0))) - g.px(14.0);
    text(area, &format!("{:.1}", p.pns), (ex, label_y), value_font, HPos::Center, V::Baseline)?;
    // Party name and the interval under the axis.
    text(area, &colours::name(code), (centre, y.r0 + g.px(12.0)), Font::new(g.font(17.0), INK), HPos::Center, V::Top)?;
    let iv = if e.bootstrap > 0 { format!("{:.1}–{:.1}", p.sampling_lo90, p.sampling_hi90) } else { String::new() };
    text(area, &iv, (centre, y.r0 + g.px(38.0)), small, HPos::Center, V::Top)
}

/// The published-figure marker: a dark diamond with a white edge.
fn diamond(area: &Area, (x, y): (i32, i32), r: i32) -> anyhow::Result<()> {
    polygon(area, &[(x, y - r - 2), (x + r + 2, y), (x, y + r + 2), (x - r - 2, y)], BACKGROUND)?;
    polygon(area, &[(x, y - r), (x + r, y), (x, y + r), (x - r, y)], INK)
}
