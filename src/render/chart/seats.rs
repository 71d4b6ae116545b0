//! seats.png: seat-distribution histograms of the main parties, with the majority lines and central projections.

use super::axis::{Scale, nice_step, tick, x_labels, y_grid};
use super::canvas::*;
use super::colours;
use super::labels::*;
use super::seats_side::side_column;
use super::shapes::*;
use super::text::*;
use crate::summary::{PartySummary, Summary};
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

/// Small panels beside the main one, at most.
const MAX_SMALL: usize = 4;

/// Which parties are drawn where.
#[derive(Debug, Default)]
pub struct Selection<'a> {
    /// Parties that could be largest: overlaid in the main panel.
    pub contenders: Vec<&'a PartySummary>,
    /// Smaller parties with a meaningful number of seats (95th percentile ≥ 3): one small panel each.
    pub small: Vec<&'a PartySummary>,
    /// Other parties whose seats vary, named in the notes.
    pub rest: Vec<&'a PartySummary>,
    /// Parties whose seats never vary (Northern Ireland, the Speaker).
    pub fixed: Vec<&'a PartySummary>,
}

/// Sorts the parties of a summary into the panels. Contenders: parties ever largest in at least 0.1% of the
/// simulations, or with a 95th percentile of at least half the majority.
pub fn select(s: &Summary) -> Selection<'_> {
    let mut sel = Selection::default();
    let big = |p: &PartySummary| p.p_largest + p.p_joint_largest >= 0.001 || p.p95 as f64 >= s.majority as f64 / 2.0;
    sel.contenders = s.parties.iter().filter(|p| p.max > 0 && big(p)).collect();
    if sel.contenders.is_empty() {
        sel.contenders = s.parties.iter().filter(|p| p.max > 0).take(2).collect();
    }
    for p in s.parties.iter().filter(|p| p.max > 0) {
        if sel.contenders.iter().any(|c| c.party == p.party) {
            continue;
        }
        if p.min == p.max {
            sel.fixed.push(p);
        } else if p.p95 >= 3 && sel.small.len() < MAX_SMALL {
            sel.small.push(p);
        } else {
            sel.rest.push(p);
        }
    }
    sel
}

pub fn render(s: &Summary, w: u32, h: u32) -> anyhow::Result<Drawing> {
    record(w, h, |area, g| draw(area, g, s))
}

fn draw(area: &Area, g: Geom, s: &Summary) -> anyhow::Result<()> {
    let sel = select(s);
    let top = header(area, g, &format!("{}: seat distributions", s.scenario.name), &run_subtitle(s))?;
    let notes = vec![format!(
        "Bars: share of the {} giving a party that many seats. Dashed lines: each party's central \
         (deterministic) projection. Effective majority {}: Sinn Féin's abstentions and the Speaker set aside.",
        simulations(s.sims),
        s.effective_majority
    )];
    let bottom = footer(area, g, &notes, &credit(s))?;
    let (x0, x1) = (g.px(40.0), g.w - g.px(40.0));
    if sel.small.is_empty() && sel.rest.is_empty() && sel.fixed.is_empty() {
        return main_panel(area, g, s, &sel.contenders, (x0, top), (x1, bottom));
    }
    let split = x0 + ((x1 - x0) as f64 * 0.66) as i32;
    main_panel(area, g, s, &sel.contenders, (x0, top), (split, bottom))?;
    side_column(area, g, s, &sel, (split + g.px(60.0), top), (x1, bottom))
}

/// Fraction of simulations per seat count.
pub(super) fn fractions(p: &PartySummary, sims: u64) -> Vec<f64> {
    p.histogram.iter().map(|c| *c as f64 / sims.max(1) as f64).collect()
}

/// The main panel from `(x0, y0)` to `(x1, y1)`: the contenders' legend, their seat histograms overlaid, their
/// central projections and the majority lines.
fn main_panel(
    area: &Area,
    g: Geom,
    s: &Summary,
    parties: &[&PartySummary],
    (x0, y0): (i32, i32),
    (x1, y1): (i32, i32),
) -> anyhow::Result<()> {
    let legend_bottom = main_legend(area, g, parties, (x0, y0))?;
    let fr: Vec<Vec<f64>> = parties.iter().map(|p| fractions(p, s.sims)).collect();
    let (x, y, ystep) = main_scales(g, s, parties, &fr, (x0, legend_bottom), (x1, y1));
    main_axes(area, g, x, y, ystep, y1)?;
    // Histograms: translucent fills, then outlines on top.
    for (p, f) in parties.iter().zip(&fr) {
        let c = colours::of(&p.party);
        for (seats, v) in f.iter().enumerate() {
            if *v > 0.0 {
                let (a, b) = (x.px(seats as f64 - 0.5), x.px(seats as f64 + 0.5));
                area.draw(&Rectangle::new([(a, y.px(*v)), (b, y.r0)], c.mix(0.30).filled())).map_err(draw_err)?;
            }
        }
    }
    for (p, f) in parties.iter().zip(&fr) {
        line(area, &step_outline(f, p.min, p.max, x, y), colours::of(&p.party), g.stroke(2.0))?;
    }
    line(area, &[(x.r0, y.r0), (x.r1, y.r0)], AXIS, g.stroke(1.0))?;
    // Central projections.
    for p in parties {
        let px = x.px(p.central as f64);
        dashed(area, (px, y.r0), (px, y.r1), colours::of(&p.party), g.stroke(2.0), (g.px(8.0), g.px(6.0)))?;
    }
    majority_lines(area, g, s, x, y, x1)
}

/// The legend of the main panel from `(x0, y0)`: one line per party with its figures; returns its bottom.
fn main_legend(area: &Area, g: Geom, parties: &[&PartySummary], (x0, y0): (i32, i32)) -> anyhow::Result<i32> {
    let name_font = Font::new(g.font(19.0), INK).bold();
    let info_font = Font::new(g.font(17.0), MUTED);
    let line_h = g.px(32.0);
    let sw = g.px(18.0);
    let name_w = parties.iter().map(|p| name_font.width(&colours::name(&p.party))).max().unwrap_or(0);
    for (i, p) in parties.iter().enumerate() {
        let y = y0 + i as i32 * line_h;
        swatch(area, (x0, y), sw, &p.party)?;
        let mid = y + sw / 2;
        text(area, &colours::name(&p.party), (x0 + sw + g.px(10.0), mid), name_font, HPos::Left, V::Middle)?;
        let info = format!(
            "central {} · median {} · 90% range {}–{} · P(majority) {} · P(largest) {}",
            p.central,
            p.median,
            p.p5,
            p.p95,
            percent(p.p_majority),
            percent(p.p_largest)
        );
        text(area, &info, (x0 + sw + g.px(24.0) + name_w, mid), info_font, HPos::Left, V::Middle)?;
    }
    Ok(y0 + parties.len() as i32 * line_h)
}

/// The majority line's label and its font.
fn majority_label(g: Geom, s: &Summary) -> (Font, String) {
    (Font::new(g.font(17.0), INK), format!("Majority {}", s.majority))
}

/// The scales of the main panel below its legend, and the step of the share grid. The seat domain holds every
/// contender's range and both majority lines.
fn main_scales(
    g: Geom,
    s: &Summary,
    parties: &[&PartySummary],
    fr: &[Vec<f64>],
    (x0, legend_bottom): (i32, i32),
    (x1, y1): (i32, i32),
) -> (Scale, Scale, f64) {
    let eff = s.effective_majority as f64 - 0.5;
    let maj = s.majority as f64 - 0.5;
    let lo = parties.iter().map(|p| p.min.min(p.central) as f64).fold(eff - 4.0, f64::min);
    let hi = parties.iter().map(|p| p.max.max(p.central) as f64).fold(maj + 4.0, f64::max);
    let pad = (hi - lo) * 0.04 + 2.0;
    let (lo, hi) = ((lo - pad).max(-0.5), hi + pad);
    // Room right of the majority line for its label: (hi − maj) · width ≥ label · (hi − lo).
    let (label_font, maj_label) = majority_label(g, s);
    let (r0, r1) = (x0 + g.px(62.0), x1 - g.px(8.0));
    let (width, label) = ((r1 - r0) as f64, (label_font.bold().width(&maj_label) + g.px(16.0)) as f64);
    let hi = if width > 2.0 * label { hi.max((maj * width - label * lo) / (width - label)) } else { hi };
    let ymax = fr.iter().flatten().copied().fold(0.0, f64::max).max(1e-9);
    let ystep = nice_step(ymax * 100.0, 5) / 100.0;
    let ytop = (((ymax * 1.06) / ystep).ceil() * ystep).min(ymax.max(1.0));
    let plot_top = legend_bottom + g.px(56.0);
    let plot_bottom = y1 - g.px(62.0);
    (Scale::new((lo, hi), (r0, r1)), Scale::new((0.0, ytop), (plot_bottom, plot_top)), ystep)
}

/// The share grid, the seat ticks and the axis titles of the main panel, whose bottom is `y1`.
fn main_axes(area: &Area, g: Geom, x: Scale, y: Scale, ystep: f64, y1: i32) -> anyhow::Result<()> {
    let yt: Vec<f64> = (0..=((y.d1 / ystep).round() as i64)).map(|i| i as f64 * ystep).collect();
    let decimals = if ystep * 100.0 < 1.0 { 1 } else { 0 };
    y_grid(area, g, x, y, &yt, |v| format!("{:.*}%", decimals, v * 100.0))?;
    let xt = x.ticks(10);
    x_labels(area, g, x, y, &xt, tick)?;
    let axis_font = Font::new(g.font(17.0), MUTED);
    text(area, "Share of simulations", (x.r0 - g.px(62.0), y.r1 - g.px(22.0)), axis_font, HPos::Left, V::Baseline)?;
    text(area, "Seats", ((x.r0 + x.r1) / 2, y1 - g.px(4.0)), axis_font, HPos::Center, V::Baseline)
}

/// The majority lines, labelled above the plot: effective to the left of its line, majority to the right.
fn majority_lines(area: &Area, g: Geom, s: &Summary, x: Scale, y: Scale, x1: i32) -> anyhow::Result<()> {
    let (label_font, maj_label) = majority_label(g, s);
    let (pm, pe) = (x.px(s.majority as f64 - 0.5), x.px(s.effective_majority as f64 - 0.5));
    line(area, &[(pm, y.r0), (pm, y.r1 - g.px(8.0))], INK, g.stroke(2.0))?;
    dashed(area, (pe, y.r0), (pe, y.r1 - g.px(8.0)), INK, g.stroke(2.0), (g.px(10.0), g.px(6.0)))?;
    let ly = y.r1 - g.px(18.0);
    let eff_label = format!("Effective majority {}", s.effective_majority);
    if pm + g.px(8.0) + label_font.bold().width(&maj_label) <= x1 {
        text(area, &maj_label, (pm + g.px(8.0), ly), label_font.bold(), HPos::Left, V::Baseline)?;
        text(area, &eff_label, (pe - g.px(8.0), ly), label_font, HPos::Right, V::Baseline)?;
    } else {
        // No room right of the majority line (a very narrow chart): both labels to the left of their lines.
        text(area, &maj_label, (pm - g.px(8.0), ly), label_font.bold(), HPos::Right, V::Baseline)?;
        text(area, &eff_label, (pe - g.px(8.0), ly - g.px(24.0)), label_font, HPos::Right, V::Baseline)?;
    }
    Ok(())
}

/// The outline of a histogram as a step line from `min − ½` to `max + ½`.
fn step_outline(f: &[f64], min: u32, max: u32, x: Scale, y: Scale) -> Vec<(i32, i32)> {
    let mut pts = vec![(x.px(min as f64 - 0.5), y.r0)];
    for s in min..=max {
        let v = f.get(s as usize).copied().unwrap_or(0.0);
        pts.push((x.px(s as f64 - 0.5), y.px(v)));
        pts.push((x.px(s as f64 + 0.5), y.px(v)));
    }
    pts.push((x.px(max as f64 + 0.5), y.r0));
    pts
}
