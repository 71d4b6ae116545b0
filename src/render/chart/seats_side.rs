//! The side column of seats.png: a small histogram panel per smaller party, then the list of the other parties.

use super::axis::{Scale, nice_step, tick, x_labels};
use super::canvas::*;
use super::colours;
use super::seats::{Selection, fractions};
use super::shapes::*;
use super::text::*;
use crate::summary::{PartySummary, Summary};
use plotters::style::text_anchor::HPos;

/// The column right of the main panel: the small panels, then the list of the other parties (laid out first, from
/// the bottom, so the small panels share what is left). Small panels that do not fit join the list.
pub(super) fn side_column(
    area: &Area,
    g: Geom,
    s: &Summary,
    sel: &Selection,
    (col0, top): (i32, i32),
    (x1, bottom): (i32, i32),
) -> anyhow::Result<()> {
    let list = OtherList::new(g, &sel.fixed, col0 - g.px(40.0), x1);
    // Height of the list when `moved` small panels do not fit and join it.
    let list_h = |moved: usize| list.height(g, sel.rest.len() + moved);
    let gap = g.px(34.0);
    let min_h = g.px(150.0);
    let k = sel.small.len();
    let n = (0..=k)
        .rev()
        .find(|&n| n == 0 || (bottom - top - list_h(k - n) - gap * n as i32) / n as i32 >= min_h)
        .unwrap_or(0) as i32;
    let space = bottom - top - list_h(k - n as usize);
    let mut y = top;
    if n > 0 {
        let height = ((space - gap * n) / n).min(g.px(260.0));
        for p in &sel.small[..n as usize] {
            small_panel(area, g, s, p, (col0, y), (x1, y + height))?;
            y += height + gap;
        }
    }
    let mut rest: Vec<&PartySummary> = sel.small[n as usize..].to_vec();
    rest.extend(sel.rest.iter().copied());
    if rest.is_empty() && list.fixed_lines.is_empty() {
        return Ok(());
    }
    list.draw(area, g, &rest, y)
}

/// The list of the other parties: one row each for those whose seats vary, then those whose seats never vary,
/// several to a line.
struct OtherList {
    /// Left edge of the list.
    left: i32,
    name_font: Font,
    info_font: Font,
    row: i32,
    /// Swatch size.
    sw: i32,
    /// The parties whose seats never vary, by line: party and label.
    fixed_lines: Vec<Vec<(String, String)>>,
}

impl OtherList {
    /// Lays out the fixed parties in lines between `left` and `x1`.
    fn new(g: Geom, fixed: &[&PartySummary], left: i32, x1: i32) -> OtherList {
        let mut list = OtherList {
            left,
            name_font: Font::new(g.font(16.0), INK),
            info_font: Font::new(g.font(15.0), MUTED),
            row: g.px(28.0),
            sw: g.px(14.0),
            fixed_lines: Vec::new(),
        };
        let fixed_items: Vec<(String, String)> =
            fixed.iter().map(|p| (p.party.clone(), format!("{} {}", colours::short(&p.party), p.central))).collect();
        let mut used = 0;
        for it in fixed_items {
            let w = list.item_w(g, &it.1);
            match list.fixed_lines.last_mut() {
                Some(l) if used + w <= x1 - left => l.push(it),
                _ => {
                    list.fixed_lines.push(vec![it]);
                    used = 0;
                }
            }
            used += w;
        }
        list
    }

    /// Width of one fixed party's item.
    fn item_w(&self, g: Geom, label: &str) -> i32 {
        self.sw + g.px(7.0) + self.name_font.width(label) + g.px(20.0)
    }

    /// Height of the list with `rows` parties whose seats vary.
    fn height(&self, g: Geom, rows: usize) -> i32 {
        let mut h = 0;
        if rows > 0 || !self.fixed_lines.is_empty() {
            h += g.px(40.0) + rows as i32 * self.row;
            if !self.fixed_lines.is_empty() {
                h += g.px(28.0) + self.fixed_lines.len() as i32 * self.row;
            }
        }
        h
    }

    /// Draws the list from `y` down: its title, the `rest` with their figures, then the fixed parties.
    fn draw(&self, area: &Area, g: Geom, rest: &[&PartySummary], mut y: i32) -> anyhow::Result<()> {
        let (left, row, sw, name_font, info_font) = (self.left, self.row, self.sw, self.name_font, self.info_font);
        text(area, "Other parties", (left, y), Font::new(g.font(18.0), INK).bold(), HPos::Left, V::Top)?;
        y += g.px(40.0);
        let name_w = rest.iter().map(|p| name_font.width(&colours::short(&p.party))).max().unwrap_or(0);
        for p in rest {
            let mid = y + row / 2 - g.px(6.0);
            swatch(area, (left, mid - sw / 2), sw, &p.party)?;
            text(area, &colours::short(&p.party), (left + sw + g.px(8.0), mid), name_font, HPos::Left, V::Middle)?;
            let info = format!("median {} · 90% range {}–{}", p.median, p.p5, p.p95);
            text(area, &info, (left + sw + g.px(20.0) + name_w, mid), info_font, HPos::Left, V::Middle)?;
            y += row;
        }
        if !self.fixed_lines.is_empty() {
            text(area, "The same in every simulation:", (left, y + g.px(4.0)), info_font, HPos::Left, V::Top)?;
            y += g.px(28.0);
            for l in &self.fixed_lines {
                let mid = y + row / 2 - g.px(2.0);
                let mut x = left;
                for (code, label) in l.iter().map(|it| (&it.0, &it.1)) {
                    swatch(area, (x, mid - sw / 2), sw, code)?;
                    text(area, label, (x + sw + g.px(7.0), mid), name_font, HPos::Left, V::Middle)?;
                    x += self.item_w(g, label);
                }
                y += row;
            }
        }
        Ok(())
    }
}

/// The range of seats holding all but 0.1% of the simulations at either end.
fn core_range(p: &PartySummary, sims: u64) -> (u32, u32) {
    let cut = (sims as f64 * 0.001).floor() as u64;
    let (mut lo, mut acc) = (p.min, 0);
    for (s, c) in p.histogram.iter().enumerate() {
        acc += c;
        if acc > cut {
            lo = s as u32;
            break;
        }
    }
    let (mut hi, mut acc) = (p.max, 0);
    for (s, c) in p.histogram.iter().enumerate().rev() {
        acc += c;
        if acc > cut {
            hi = s as u32;
            break;
        }
    }
    (lo, hi.max(lo))
}

fn small_panel(
    area: &Area,
    g: Geom,
    s: &Summary,
    p: &PartySummary,
    (x0, y0): (i32, i32),
    (x1, y1): (i32, i32),
) -> anyhow::Result<()> {
    let c = colours::of(&p.party);
    let title = Font::new(g.font(18.0), INK).bold();
    let sw = g.px(16.0);
    swatch(area, (x0 - g.px(40.0), y0), sw, &p.party)?;
    text(
        area,
        &colours::name(&p.party),
        (x0 - g.px(40.0) + sw + g.px(8.0), y0 + sw / 2),
        title,
        HPos::Left,
        V::Middle,
    )?;
    let info = format!("central {} · median {} · 90% range {}–{}", p.central, p.median, p.p5, p.p95);
    text(area, &info, (x0 - g.px(40.0), y0 + g.px(38.0)), Font::new(g.font(15.0), MUTED), HPos::Left, V::Middle)?;

    let f = fractions(p, s.sims);
    let (min, max) = core_range(p, s.sims);
    let (min, max) = (min.min(p.central), max.max(p.central));
    let span = (max - min) as f64;
    let pad = (span * 0.08).max(2.0);
    let lo = (min as f64 - pad).max(-0.5);
    let hi = max as f64 + pad;
    let ymax = f.iter().copied().fold(0.0, f64::max).max(1e-9);
    let x = Scale::new((lo, hi), (x0, x1 - g.px(8.0)));
    let y = Scale::new((0.0, ymax * 1.1), (y1 - g.px(34.0), y0 + g.px(60.0)));
    let bar_gap = if x.unit() >= 6.0 { 1 } else { 0 };
    for (seats, v) in f.iter().enumerate().filter(|(seats, _)| (min as usize..=max as usize).contains(seats)) {
        if *v > 0.0 {
            let (a, b) = (x.px(seats as f64 - 0.5), x.px(seats as f64 + 0.5) - bar_gap);
            rect(area, (a, y.px(*v)), (b.max(a), y.r0), c)?;
        }
    }
    line(area, &[(x.r0, y.r0), (x.r1, y.r0)], AXIS, g.stroke(1.0))?;
    let mut step = nice_step(hi - lo, 5);
    if step.fract() != 0.0 {
        step = step.floor().max(1.0);
    }
    let xt: Vec<f64> = ((lo / step).ceil() as i64..=(hi / step).floor() as i64)
        .map(|i| i as f64 * step)
        .filter(|t| *t >= 0.0)
        .collect();
    x_labels(area, g, x, y, &xt, tick)?;
    let px = x.px(p.central as f64);
    dashed(area, (px, y.r0), (px, y.r1 - g.px(4.0)), INK, g.stroke(2.0), (g.px(6.0), g.px(5.0)))?;
    Ok(())
}
