//! sweep.png / sweep.svg: over a two-party sweep, the most likely outcome at each grid point (a party's majority or
//! the largest party in a hung parliament) with the line where a party's P(majority) crosses 50 %.

use super::axis::{Scale, tick};
use super::canvas::*;
use super::colours;
use super::labels::{percent, sweep_subtitle};
use super::shapes::*;
use super::text::*;
use crate::sweep::{Point, Sweep};
use plotters::style::text_anchor::HPos;

/// What a cell shows: the outcome's party (none for a tie) and whether it is a majority.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Cell {
    pub majority: bool,
    pub party: Option<String>,
}

/// The cell of a point, read from its outcome's words.
pub fn cell(p: &Point) -> Cell {
    match p.outcome.strip_suffix(" majority") {
        Some(code) => Cell { majority: true, party: Some(code.to_string()) },
        None => Cell {
            majority: false,
            party: p
                .outcome
                .strip_prefix("hung, ")
                .and_then(|r| r.strip_suffix(" largest"))
                .filter(|c| *c != "tie for")
                .map(str::to_string),
        },
    }
}

/// The party with at least an even chance of a majority at a point (without simulations: a central majority).
pub fn even_majority(p: &Point, majority: u32) -> Option<&str> {
    p.parties
        .iter()
        .find(|r| match r.p_majority {
            Some(q) => q >= 0.5,
            None => r.central >= majority,
        })
        .map(|r| r.party.as_str())
}

/// The colour of a cell: the party's colour for a majority, paler when it is only the largest party, grey for a tie.
fn fill(c: &Cell) -> plotters::style::RGBColor {
    match &c.party {
        Some(code) if c.majority => colours::of(code),
        Some(code) => colours::tint(colours::of(code), 0.6),
        None => GRID,
    }
}

/// Draws the chart of a sweep with a y axis (the caller checks there is one).
pub fn render(s: &Sweep, w: u32, h: u32) -> anyhow::Result<Drawing> {
    anyhow::ensure!(s.x.is_some() && s.y.is_some(), "the sweep chart needs two swept parties");
    record(w, h, |area, g| draw(area, g, s))
}

/// The two axes (the caller checks there are two).
fn axes_of(s: &Sweep) -> (&crate::sweep::AxisInfo, &crate::sweep::AxisInfo) {
    (s.x.as_ref().expect("checked by render"), s.y.as_ref().expect("checked by render"))
}

fn draw(area: &Area, g: Geom, s: &Sweep) -> anyhow::Result<()> {
    let (xa, ya) = axes_of(s);
    let title = format!(
        "{}: most likely outcome by {} and {} share",
        s.scenario,
        colours::name(&xa.party),
        colours::name(&ya.party)
    );
    let subtitle = sweep_subtitle(s);
    let top = header(area, g, &title, &subtitle)?;
    let line_note = if s.seed.is_some() { "P(majority) = 50%" } else { "a central majority" };
    let notes = vec![format!(
        "Full colour: a majority ({} of {} seats) is the most likely outcome; pale: a hung parliament with that party largest; grey: a tie. Black line: where a party's {line_note} begins.",
        s.majority, s.total_seats
    )];
    let bottom = footer(area, g, &notes, &format!("pns {}", s.pns_version))?;
    let cells: Vec<Cell> = s.points.iter().map(cell).collect();
    let entries = legend_entries(&cells);
    let legend_w = legend_width(g, &entries);
    // The plot, a 40-pixel gap, the legend and a 30-pixel margin (at 1600 wide).
    let (x0, x1) = (g.px(110.0), g.w - g.px(70.0) - legend_w);
    let (y0, y1) = (top + g.px(40.0), bottom - g.px(70.0));
    let half = |a: &crate::sweep::AxisInfo| a.step / 2.0;
    let xs = Scale::new((xa.from - half(xa), xa.from + (xa.n as f64 - 0.5) * xa.step), (x0, x1));
    let ys = Scale::new((ya.from - half(ya), ya.from + (ya.n as f64 - 0.5) * ya.step), (y1, y0));
    for (p, c) in s.points.iter().zip(&cells) {
        let x = p.x.unwrap_or(0.0);
        let (a, b) = (xs.px(x - half(xa)), xs.px(x + half(xa)));
        let y = p.y.unwrap_or(0.0);
        rect(area, (a, ys.px(y + half(ya))), (b, ys.px(y - half(ya))), fill(c))?;
    }
    contours(area, g, s, (&xs, &ys))?;
    axes(area, g, s, (&xs, &ys))?;
    legend(area, g, &entries, (x1 + g.px(40.0), y0))
}

/// The cell edges across which the party with an even chance of a majority changes.
fn contours(area: &Area, g: Geom, s: &Sweep, (xs, ys): (&Scale, &Scale)) -> anyhow::Result<()> {
    let (xa, ya) = axes_of(s);
    let nx = xa.n as usize;
    let maj: Vec<Option<&str>> = s.points.iter().map(|p| even_majority(p, s.majority)).collect();
    let (hx, hy) = (xa.step / 2.0, ya.step / 2.0);
    let width = g.stroke(3.0);
    for (k, p) in s.points.iter().enumerate() {
        let (x, y) = (p.x.unwrap_or(0.0), p.y.unwrap_or(0.0));
        if (k + 1) % nx != 0 && maj[k] != maj[k + 1] {
            let xe = xs.px(x + hx);
            line(area, &[(xe, ys.px(y - hy)), (xe, ys.px(y + hy))], INK, width)?;
        }
        if k + nx < maj.len() && maj[k] != maj[k + nx] {
            let ye = ys.px(y + hy);
            line(area, &[(xs.px(x - hx), ye), (xs.px(x + hx), ye)], INK, width)?;
        }
    }
    Ok(())
}

/// Tick labels and titles of both axes.
fn axes(area: &Area, g: Geom, s: &Sweep, (xs, ys): (&Scale, &Scale)) -> anyhow::Result<()> {
    let (xa, ya) = axes_of(s);
    let font = Font::new(g.font(15.0), MUTED);
    let (bottom, left) = (ys.r0, xs.r0);
    for t in xs.ticks(8) {
        let px = xs.px(t);
        line(area, &[(px, bottom), (px, bottom + g.px(6.0))], AXIS, g.stroke(1.0))?;
        text(area, &tick(t), (px, bottom + g.px(12.0)), font, HPos::Center, V::Top)?;
    }
    for t in ys.ticks(8) {
        let py = ys.px(t);
        line(area, &[(left - g.px(6.0), py), (left, py)], AXIS, g.stroke(1.0))?;
        text(area, &tick(t), (left - g.px(10.0), py), font, HPos::Right, V::Middle)?;
    }
    let title = Font::new(g.font(17.0), INK);
    let x_title = format!("{} share, %", colours::name(&xa.party));
    text(area, &x_title, ((xs.r0 + xs.r1) / 2, bottom + g.px(40.0)), title, HPos::Center, V::Top)?;
    let y_title = format!("{} share, %", colours::name(&ya.party));
    text(area, &y_title, (g.px(40.0), ys.r1 - g.px(16.0)), title, HPos::Left, V::Baseline)
}

/// The outcomes the grid shows, majorities first, each with its label and the share of the grid it covers.
fn legend_entries(cells: &[Cell]) -> Vec<(Cell, String)> {
    let mut kinds: Vec<(Cell, usize)> = Vec::new();
    for c in cells {
        match kinds.iter_mut().find(|(k, _)| k == c) {
            Some((_, n)) => *n += 1,
            None => kinds.push((c.clone(), 1)),
        }
    }
    kinds.sort_by(|a, b| b.0.majority.cmp(&a.0.majority).then(b.1.cmp(&a.1)).then(a.0.cmp(&b.0)));
    kinds
        .into_iter()
        .map(|(c, n)| {
            let label = match (&c.party, c.majority) {
                (Some(p), true) => format!("{} majority", colours::short(p)),
                (Some(p), false) => format!("Hung, {} largest", colours::short(p)),
                (None, _) => "Hung, tie".to_string(),
            };
            let share = percent(n as f64 / cells.len().max(1) as f64);
            (c, format!("{label} ({share} of grid)"))
        })
        .collect()
}

const LEGEND_TITLE: &str = "Most likely outcome";

/// The legend's width: its title or its widest swatch and label, whichever is wider.
fn legend_width(g: Geom, entries: &[(Cell, String)]) -> i32 {
    let font = Font::new(g.font(16.0), INK);
    let swatch = g.px(18.0) + g.px(10.0);
    let labels = entries.iter().map(|(_, l)| swatch + font.advance(l).ceil() as i32).max().unwrap_or(0);
    labels.max(font.bold().width(LEGEND_TITLE))
}

/// Draws the legend: a swatch and a label for each outcome.
fn legend(area: &Area, g: Geom, entries: &[(Cell, String)], (x, y): (i32, i32)) -> anyhow::Result<()> {
    let font = Font::new(g.font(16.0), INK);
    let size = g.px(18.0);
    let step = g.px(32.0);
    text(area, LEGEND_TITLE, (x, y), font.bold(), HPos::Left, V::Top)?;
    for (i, (c, label)) in entries.iter().enumerate() {
        let yy = y + g.px(36.0) + i as i32 * step;
        rect(area, (x, yy), (x + size, yy + size), fill(c))?;
        text(area, label, (x + size + g.px(10.0), yy + size / 2), font, HPos::Left, V::Middle)?;
    }
    Ok(())
}
