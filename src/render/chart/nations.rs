//! nations.png: central seats by nation and by English region, as stacked bars with the change since the baseline.

use super::axis::Scale;
use super::canvas::*;
use super::colours;
use super::labels::*;
use super::shapes::*;
use super::text::*;
use crate::summary::Summary;
use plotters::style::text_anchor::HPos;
use std::collections::BTreeMap;

/// One bar: an area's central seats per party and the change since the baseline.
#[derive(Clone, Debug, PartialEq)]
pub struct AreaSeats {
    pub name: String,
    pub seats: BTreeMap<String, u32>,
    pub change: BTreeMap<String, i64>,
}

impl AreaSeats {
    pub fn total(&self) -> u32 {
        self.seats.values().sum()
    }
}

/// Nations (in the summary's order) and the regions of England, from `summary.regions` and the baseline winners.
pub fn areas(s: &Summary) -> (Vec<AreaSeats>, Vec<AreaSeats>) {
    let mut baseline: BTreeMap<&str, BTreeMap<String, u32>> = BTreeMap::new();
    for c in &s.constituencies {
        *baseline.entry(c.region.as_str()).or_default().entry(c.baseline_winner.clone()).or_default() += 1;
    }
    let change = |now: &BTreeMap<String, u32>, before: &BTreeMap<String, u32>| -> BTreeMap<String, i64> {
        let mut d: BTreeMap<String, i64> = BTreeMap::new();
        for (p, n) in now {
            *d.entry(p.clone()).or_default() += *n as i64;
        }
        for (p, n) in before {
            *d.entry(p.clone()).or_default() -= *n as i64;
        }
        d.retain(|_, v| *v != 0);
        d
    };
    let mut nations: Vec<AreaSeats> = Vec::new();
    let mut nation_before: BTreeMap<String, BTreeMap<String, u32>> = BTreeMap::new();
    let mut regions = Vec::new();
    for r in &s.regions {
        let before = baseline.get(r.region.as_str()).cloned().unwrap_or_default();
        let i = match nations.iter().position(|n| n.name == r.nation) {
            Some(i) => i,
            None => {
                nations.push(AreaSeats { name: r.nation.clone(), seats: BTreeMap::new(), change: BTreeMap::new() });
                nations.len() - 1
            }
        };
        for (p, n) in &r.seats {
            *nations[i].seats.entry(p.clone()).or_default() += n;
        }
        let nb = nation_before.entry(r.nation.clone()).or_default();
        for (p, n) in &before {
            *nb.entry(p.clone()).or_default() += n;
        }
        if r.nation != r.region {
            regions.push(AreaSeats {
                name: r.region.clone(),
                seats: r.seats.clone(),
                change: change(&r.seats, &before),
            });
        }
    }
    for n in &mut nations {
        n.change = change(&n.seats, nation_before.get(&n.name).unwrap_or(&BTreeMap::new()));
    }
    (nations, regions)
}

/// Segment order: parties by central seats (largest first), independents, others and the Speaker last.
fn party_order(s: &Summary) -> Vec<String> {
    let last = |p: &str| ["ind", "other", "speaker"].iter().position(|q| *q == p).map_or(0, |i| i + 1);
    let mut parties: Vec<(&String, &u32)> = s.central_seats.iter().collect();
    parties.sort_by(|a, b| last(a.0).cmp(&last(b.0)).then(b.1.cmp(a.1)).then(a.0.cmp(b.0)));
    parties.into_iter().map(|(p, _)| p.clone()).collect()
}

pub fn render(s: &Summary, w: u32, h: u32) -> anyhow::Result<Drawing> {
    record(w, h, |area, g| draw(area, g, s))
}

fn draw(area: &Area, g: Geom, s: &Summary) -> anyhow::Result<()> {
    let top =
        header(area, g, &format!("{}: central projection by nation and region", s.scenario.name), &run_subtitle(s))?;
    let notes = vec![format!(
        "Central (deterministic) projection. Change: seats gained or lost since the {} baseline.",
        baseline_name(&s.baseline)
    )];
    let bottom = footer(area, g, &notes, &credit(s))?;
    let order = party_order(s);

    // Legend along the bottom.
    let font = Font::new(g.font(17.0), INK);
    let sw = g.px(16.0);
    let items: Vec<(String, i32)> = order
        .iter()
        .map(|p| {
            let label = format!("{} {}", colours::name(p), s.central_seats.get(p).copied().unwrap_or(0));
            let w = sw + g.px(8.0) + font.width(&label) + g.px(26.0);
            (label, w)
        })
        .collect();
    let max_w = g.w - g.px(80.0);
    let mut lines: Vec<Vec<usize>> = vec![vec![]];
    let mut used = 0;
    for (i, (_, w)) in items.iter().enumerate() {
        if used + w > max_w && !lines.last().is_some_and(|l| l.is_empty()) {
            lines.push(vec![]);
            used = 0;
        }
        lines.last_mut().expect("a line").push(i);
        used += w;
    }
    let row_h = g.px(30.0);
    let legend_top = bottom - lines.len() as i32 * row_h;
    for (li, line_items) in lines.iter().enumerate() {
        let mut x = g.px(40.0);
        let mid = legend_top + li as i32 * row_h + row_h / 2;
        for &i in line_items {
            swatch(area, (x, mid - sw / 2), sw, &order[i])?;
            text(area, &items[i].0, (x + sw + g.px(8.0), mid), font, HPos::Left, V::Middle)?;
            x += items[i].1;
        }
    }

    let (nations, regions) = areas(s);
    let mut sections = vec![("Nations", nations)];
    if !regions.is_empty() {
        sections.push(("Regions of England", regions));
    }
    bars(area, g, &sections, &order, (g.px(40.0), top), (g.w - g.px(40.0), legend_top - g.px(24.0)))
}

/// The sections of bars, one under the other on one scale: each bar is an area's seats as shares of 100%, with the
/// seat numbers in the segments and the change since the baseline on the right.
fn bars(
    area: &Area,
    g: Geom,
    sections: &[(&str, Vec<AreaSeats>)],
    order: &[String],
    (x0, y0): (i32, i32),
    (x1, y1): (i32, i32),
) -> anyhow::Result<()> {
    let title_font = Font::new(g.font(20.0), INK).bold();
    let label_font = Font::new(g.font(17.0), INK);
    let total_font = Font::new(g.font(15.0), MUTED);
    let seg_font = Font::new(g.font(15.0), INK).bold();
    let change_font = Font::new(g.font(15.0), MUTED);
    let all: Vec<&AreaSeats> = sections.iter().flat_map(|(_, b)| b).collect();
    let label_w = all.iter().map(|b| label_font.width(&b.name)).max().unwrap_or(0);
    let change_head = "change since baseline";
    let change_w =
        all.iter().map(|b| change_font.width(&change_text(b))).max().unwrap_or(0).max(total_font.width(change_head));
    let x = Scale::new((0.0, 1.0), (x0 + label_w + g.px(24.0), x1 - change_w - g.px(44.0)));
    let title_h = g.px(44.0);
    let axis_h = g.px(30.0);
    let rows = all.len().max(1) as i32;
    let row = ((y1 - y0 - axis_h - title_h * sections.len() as i32) / rows).min(g.px(62.0));

    // Percentage scale on top, change column heading.
    let plot_top = y0 + axis_h;
    let plot_bottom = plot_top + title_h * sections.len() as i32 + row * rows;
    for t in [0.0, 0.25, 0.5, 0.75, 1.0] {
        let px = x.px(t);
        let colour = if t == 0.0 || t == 1.0 { AXIS } else { GRID };
        line(area, &[(px, plot_top), (px, plot_bottom)], colour, g.stroke(1.0))?;
        let label = format!("{}%", (t * 100.0) as i32);
        text(area, &label, (px, plot_top - g.px(10.0)), Font::new(g.font(15.0), MUTED), HPos::Center, V::Baseline)?;
    }
    text(area, "share of the area's seats", (x0, plot_top - g.px(10.0)), total_font, HPos::Left, V::Baseline)?;
    let cx = x.r1 + g.px(44.0);
    text(area, change_head, (cx, plot_top - g.px(10.0)), total_font, HPos::Left, V::Baseline)?;

    let mut y = plot_top;
    for (title, bars) in sections {
        text(area, title, (x0, y + g.px(16.0)), title_font, HPos::Left, V::Top)?;
        y += title_h;
        for b in bars {
            let yc = y + row / 2;
            let half = (row as f64 * 0.34).round() as i32;
            text(area, &b.name, (x0, yc - g.px(8.0)), label_font, HPos::Left, V::Middle)?;
            text(area, &format!("{} seats", b.total()), (x0, yc + g.px(12.0)), total_font, HPos::Left, V::Middle)?;
            let total = b.total().max(1) as f64;
            let mut acc = 0u32;
            for p in order {
                let Some(&n) = b.seats.get(p) else { continue };
                let (a, z) = (x.px(acc as f64 / total), x.px((acc + n) as f64 / total) - 1);
                let c = colours::of(p);
                rect(area, (a, yc - half), (z.max(a), yc + half), c)?;
                let label = n.to_string();
                if seg_font.width(&label) + g.px(8.0) <= z - a {
                    let f = seg_font.colour(colours::text_on(c));
                    text(area, &label, ((a + z) / 2, yc), f, HPos::Center, V::Middle)?;
                }
                acc += n;
            }
            text(area, &change_text(b), (cx, yc), change_font, HPos::Left, V::Middle)?;
            y += row;
        }
    }
    Ok(())
}

/// `Lab +5 · Con −5`: the three largest changes and `+N more` when there are others (so that the listed changes
/// never pass for all of them), or `no change`.
fn change_text(b: &AreaSeats) -> String {
    let mut c: Vec<(&String, &i64)> = b.change.iter().collect();
    if c.is_empty() {
        return "no change".into();
    }
    c.sort_by(|a, b| b.1.abs().cmp(&a.1.abs()).then(b.1.cmp(a.1)).then(a.0.cmp(b.0)));
    let mut items: Vec<String> = c
        .iter()
        .take(SHOWN_CHANGES)
        .map(|(p, d)| {
            let sign = if **d > 0 { format!("+{d}") } else { format!("−{}", -**d) };
            format!("{} {sign}", colours::short(p))
        })
        .collect();
    if c.len() > SHOWN_CHANGES {
        items.push(format!("+{} more", c.len() - SHOWN_CHANGES));
    }
    items.join(" · ")
}

/// Changes listed by name in an area's row.
const SHOWN_CHANGES: usize = 3;

#[cfg(test)]
mod tests {
    use super::*;

    fn area(changes: &[(&str, i64)]) -> AreaSeats {
        let change = changes.iter().map(|(p, d)| (p.to_string(), *d)).collect();
        AreaSeats { name: "England".into(), seats: BTreeMap::new(), change }
    }

    #[test]
    fn changes_beyond_the_three_largest_are_counted_not_dropped() {
        assert_eq!(change_text(&area(&[])), "no change");
        assert_eq!(change_text(&area(&[("lab", 5), ("con", -5)])), "Lab +5 · Con −5");
        let five = area(&[("con", -36), ("lab", 22), ("ld", 14), ("green", 1), ("ukip", -1)]);
        assert_eq!(change_text(&five), "Con −36 · Lab +22 · LD +14 · +2 more");
    }
}
