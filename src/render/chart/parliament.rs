//! parliament.png: the median parliament as a hemicycle, one dot per seat in party colours.

use super::canvas::*;
use super::colours;
use super::labels::*;
use super::shapes::*;
use super::text::*;
use crate::summary::Summary;
use plotters::style::text_anchor::HPos;
use std::f64::consts::PI;

/// Inner radius of the hemicycle as a fraction of the outer radius.
const INNER: f64 = 0.38;

/// Seat positions of a hemicycle: centre (0, 0), outer radius 1, y pointing up.
#[derive(Clone, Debug, PartialEq)]
pub struct Hemicycle {
    /// One position per seat, ordered left to right by angle (from π down to 0; inner rows first at equal angles).
    pub seats: Vec<(f64, f64)>,
    /// Seats per row, inner row first.
    pub rows: Vec<usize>,
    /// Dot radius, in units of the outer radius.
    pub dot: f64,
}

/// Seats a row of radius `r` holds when neighbours are `d` apart along the arc.
fn row_capacity(r: f64, d: f64) -> usize {
    (PI * r / d).floor() as usize + 1
}

/// Lays out `n` seats in concentric semicircular rows with the same spacing along and across rows.
///
/// The number of rows is the smallest whose rows can hold `n` seats at that spacing; seats are shared between rows
/// in proportion to their radius (largest remainders), each row's seats evenly spread from angle π to 0.
pub fn hemicycle(n: usize) -> Hemicycle {
    if n == 0 {
        return Hemicycle { seats: vec![], rows: vec![], dot: 0.0 };
    }
    let radii = |rows: usize| -> Vec<f64> {
        if rows == 1 {
            vec![(1.0 + INNER) / 2.0]
        } else {
            (0..rows).map(|i| INNER + (1.0 - INNER) * i as f64 / (rows - 1) as f64).collect()
        }
    };
    let spacing = |rows: usize| if rows == 1 { 1.0 - INNER } else { (1.0 - INNER) / (rows - 1) as f64 };
    let mut rows = 1;
    while radii(rows).iter().map(|r| row_capacity(*r, spacing(rows))).sum::<usize>() < n {
        rows += 1;
    }
    let r = radii(rows);
    let d = spacing(rows);
    let total: f64 = r.iter().sum();
    let quotas: Vec<f64> = r.iter().map(|ri| n as f64 * ri / total).collect();
    let mut counts: Vec<usize> = quotas.iter().map(|q| q.floor() as usize).collect();
    let mut order: Vec<usize> = (0..rows).collect();
    order
        .sort_by(|a, b| (quotas[*b] - quotas[*b].floor()).total_cmp(&(quotas[*a] - quotas[*a].floor())).then(b.cmp(a)));
    let mut left = n - counts.iter().sum::<usize>();
    for i in order.iter().cycle() {
        if left == 0 {
            break;
        }
        if counts[*i] < row_capacity(r[*i], d) {
            counts[*i] += 1;
            left -= 1;
        }
    }
    let mut placed: Vec<(f64, usize, f64, f64)> = Vec::with_capacity(n);
    for (row, (&k, &ri)) in counts.iter().zip(&r).enumerate() {
        for j in 0..k {
            let theta = if k == 1 { PI / 2.0 } else { PI * (1.0 - j as f64 / (k - 1) as f64) };
            placed.push((theta, row, ri * theta.cos(), ri * theta.sin()));
        }
    }
    placed.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    Hemicycle { seats: placed.iter().map(|p| (p.2, p.3)).collect(), rows: counts, dot: d * 0.42 }
}

/// The parties of the median parliament in seating order (left to right) with their seats.
pub fn seating(s: &Summary) -> Vec<(String, u32)> {
    let mut parties: Vec<(String, u32)> =
        s.median_parliament.iter().filter(|(_, n)| **n > 0).map(|(p, n)| (p.clone(), *n)).collect();
    parties.sort_by(|a, b| colours::seating_rank(&a.0).cmp(&colours::seating_rank(&b.0)).then(a.0.cmp(&b.0)));
    parties
}

/// The party of every seat position, left to right.
pub fn seat_parties(s: &Summary) -> Vec<String> {
    seating(s).into_iter().flat_map(|(p, n)| std::iter::repeat_n(p, n as usize)).collect()
}

pub fn render(s: &Summary, w: u32, h: u32) -> anyhow::Result<Drawing> {
    record(w, h, |area, g| draw(area, g, s))
}

fn draw(area: &Area, g: Geom, s: &Summary) -> anyhow::Result<()> {
    let top = header(area, g, &format!("{}: the median parliament (simulations)", s.scenario.name), &run_subtitle(s))?;
    let notes = vec![
        "One dot per seat. Median parliament: each party's median seats over the simulations, adjusted seat by seat \
         towards the means so that they sum to the House."
            .to_string(),
    ];
    let bottom = footer(area, g, &notes, &credit(s))?;
    let seating = seating(s);
    let total: u32 = seating.iter().map(|(_, n)| n).sum();
    let legend = Legend::new(g, &seating, bottom);
    let house = House::new(g, total, top, legend.top);
    for ((x, y), p) in house.layout.seats.iter().zip(&seat_parties(s)) {
        let centre = (house.cx + (x * house.radius).round() as i32, house.cy - (y * house.radius).round() as i32);
        dot(area, centre, house.dot_r, colours::of(p))?;
    }
    majority_marker(area, g, s, &house)?;
    verdict(area, g, s, &seating, total, &house)?;
    legend.draw(area, g)
}

/// The legend under the hemicycle: each party with its seats, in centred lines.
struct Legend {
    /// Per line, each item's party, label and width.
    lines: Vec<Vec<(String, String, i32)>>,
    name_font: Font,
    /// Swatch size.
    sw: i32,
    row_h: i32,
    /// Top of the first line.
    top: i32,
}

impl Legend {
    /// Lays the items out in lines no wider than the chart's body, the last line ending at `bottom`.
    fn new(g: Geom, seating: &[(String, u32)], bottom: i32) -> Legend {
        let name_font = Font::new(g.font(18.0), INK);
        let sw = g.px(18.0);
        let items: Vec<(String, String, i32)> = seating
            .iter()
            .map(|(p, n)| {
                let label = format!("{} {n}", colours::name(p));
                let width = sw + g.px(8.0) + name_font.width(&label) + g.px(30.0);
                (p.clone(), label, width)
            })
            .collect();
        let max_w = g.w - g.px(80.0);
        let mut lines: Vec<Vec<(String, String, i32)>> = vec![vec![]];
        let mut used = 0;
        for it in items {
            if used + it.2 > max_w && !lines.last().is_some_and(|l| l.is_empty()) {
                lines.push(vec![]);
                used = 0;
            }
            used += it.2;
            lines.last_mut().expect("one line at least").push(it);
        }
        let row_h = g.px(34.0);
        let legend_h = lines.len() as i32 * row_h;
        Legend { lines, name_font, sw, row_h, top: bottom - legend_h }
    }

    /// Draws the legend, each line centred.
    fn draw(&self, area: &Area, g: Geom) -> anyhow::Result<()> {
        let sw = self.sw;
        for (i, line_items) in self.lines.iter().enumerate() {
            let width: i32 = line_items.iter().map(|it| it.2).sum::<i32>() - g.px(30.0);
            let mut x = (g.w - width) / 2;
            let mid = self.top + i as i32 * self.row_h + self.row_h / 2;
            for (p, label, w) in line_items.iter().map(|it| (&it.0, &it.1, it.2)) {
                dot(area, (x + sw / 2, mid), sw / 2, colours::of(p))?;
                text(area, label, (x + sw + g.px(8.0), mid), self.name_font, HPos::Left, V::Middle)?;
                x += w;
            }
        }
        Ok(())
    }
}

/// The hemicycle in pixels: it fills the space between the header and the legend.
struct House {
    layout: Hemicycle,
    /// Outer radius in pixels.
    radius: f64,
    /// Centre of the hemicycle.
    cx: i32,
    cy: i32,
    /// Dot radius in pixels.
    dot_r: i32,
}

impl House {
    fn new(g: Geom, total: u32, top: i32, legend_top: i32) -> House {
        let layout = hemicycle(total as usize);
        let avail_h = (legend_top - g.px(40.0) - (top + g.px(50.0))) as f64;
        let avail_w = (g.w - g.px(120.0)) as f64 / 2.0;
        let radius = (avail_h / (1.0 + layout.dot)).min(avail_w / (1.0 + layout.dot));
        let cx = g.w / 2;
        let cy = legend_top - g.px(40.0);
        let dot_r = (layout.dot * radius).floor().max(1.0) as i32;
        House { layout, radius, cx, cy, dot_r }
    }
}

/// Majority marker: ticks above the outer row and below the inner row through the middle (no dot is covered),
/// with half the House plus one either side of it.
fn majority_marker(area: &Area, g: Geom, s: &Summary, house: &House) -> anyhow::Result<()> {
    let (cx, cy) = (house.cx, house.cy);
    let outer = house.radius * (1.0 + house.layout.dot);
    let inner = house.radius * (INNER - house.layout.dot);
    let gap = g.px(6.0);
    let y_top = cy - outer.round() as i32 - g.px(26.0);
    let pattern = (g.px(6.0), g.px(4.0));
    dashed(area, (cx, y_top), (cx, cy - outer.round() as i32 - gap), INK, g.stroke(2.0), pattern)?;
    dashed(
        area,
        (cx, cy - inner.round() as i32 + gap),
        (cx, cy - inner.round() as i32 + g.px(26.0)),
        INK,
        g.stroke(2.0),
        pattern,
    )?;
    text(
        area,
        &format!("{} seats for a majority", s.majority),
        (cx, y_top - g.px(8.0)),
        Font::new(g.font(17.0), INK).bold(),
        HPos::Center,
        V::Baseline,
    )
}

/// The verdict in the middle of the hemicycle: a majority or a hung parliament, and the House's size.
fn verdict(
    area: &Area,
    g: Geom,
    s: &Summary,
    seating: &[(String, u32)],
    total: u32,
    house: &House,
) -> anyhow::Result<()> {
    let (cx, cy) = (house.cx, house.cy);
    let (lead_party, lead_seats) =
        seating.iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0))).cloned().unwrap_or_default();
    let (headline, detail) = if lead_seats >= s.majority {
        (
            format!("{} majority", colours::name(&lead_party)),
            format!("{} seats, a majority of {}", lead_seats, 2 * lead_seats as i64 - total as i64),
        )
    } else {
        (
            "Hung parliament".to_string(),
            format!("{} largest with {}, {} short", colours::name(&lead_party), lead_seats, s.majority - lead_seats),
        )
    };
    let big = Font::new(g.font(34.0), INK).bold();
    text(area, &headline, (cx, cy - g.px(54.0)), big, HPos::Center, V::Baseline)?;
    text(area, &detail, (cx, cy - g.px(22.0)), Font::new(g.font(19.0), MUTED), HPos::Center, V::Baseline)?;
    text(area, &format!("{total} seats"), (cx, cy + g.px(4.0)), Font::new(g.font(16.0), MUTED), HPos::Center, V::Top)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_seat_has_a_place_and_no_dots_touch() {
        for n in [1, 2, 5, 18, 59, 100, 650, 651] {
            let h = hemicycle(n);
            assert_eq!(h.seats.len(), n, "{n}");
            assert_eq!(h.rows.iter().sum::<usize>(), n);
            for (x, y) in &h.seats {
                let r = (x * x + y * y).sqrt();
                assert!(*y >= -1e-12 && (INNER - 1e-12..=1.0 + 1e-12).contains(&r), "{n}: ({x}, {y})");
            }
            for i in 0..n {
                for j in i + 1..n {
                    let (a, b) = (h.seats[i], h.seats[j]);
                    let dist = ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt();
                    assert!(dist > 2.0 * h.dot, "{n}: seats {i} and {j} overlap");
                }
            }
        }
    }

    #[test]
    fn seats_run_left_to_right() {
        let h = hemicycle(650);
        let angle = |p: (f64, f64)| p.1.atan2(p.0);
        assert!(h.seats.windows(2).all(|w| angle(w[0]) >= angle(w[1]) - 1e-12));
        // Rows grow outwards, and the left and right halves hold the same number of seats.
        assert!(h.rows.windows(2).all(|w| w[0] <= w[1]));
        let left = h.seats.iter().filter(|p| p.0 < -1e-9).count();
        let right = h.seats.iter().filter(|p| p.0 > 1e-9).count();
        assert_eq!(left, right);
    }
}
