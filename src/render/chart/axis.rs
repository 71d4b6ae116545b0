//! Linear scales, "nice" tick steps, grids and tick labels, drawn in pixel coordinates.

use super::canvas::{Area, GRID, Geom, MUTED};
use super::shapes::line;
use super::text::{Font, V, text};
use plotters::style::text_anchor::HPos;

/// A linear map from data values `[d0, d1]` to pixels `[r0, r1]` (r1 < r0 for a y axis pointing up).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    pub d0: f64,
    pub d1: f64,
    pub r0: i32,
    pub r1: i32,
}

impl Scale {
    pub fn new((d0, d1): (f64, f64), (r0, r1): (i32, i32)) -> Scale {
        Scale { d0, d1, r0, r1 }
    }

    /// The pixel of a value (not clamped).
    pub fn px(&self, v: f64) -> i32 {
        let t = if self.d1 == self.d0 { 0.0 } else { (v - self.d0) / (self.d1 - self.d0) };
        (self.r0 as f64 + t * (self.r1 - self.r0) as f64).round() as i32
    }

    /// Pixels per data unit (absolute).
    pub fn unit(&self) -> f64 {
        if self.d1 == self.d0 { 0.0 } else { ((self.r1 - self.r0) as f64 / (self.d1 - self.d0)).abs() }
    }

    /// Tick values: multiples of a nice step inside the domain.
    pub fn ticks(&self, target: usize) -> Vec<f64> {
        let step = nice_step(self.d1 - self.d0, target);
        let first = (self.d0 / step).ceil() as i64;
        let last = (self.d1 / step + 1e-9).floor() as i64;
        (first..=last).map(|i| i as f64 * step).collect()
    }
}

/// A step of 1, 2, 2.5 or 5 × 10^k giving about `target` intervals over `span`.
pub fn nice_step(span: f64, target: usize) -> f64 {
    let span = span.abs().max(1e-12);
    let raw = span / target.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let m = if norm <= 1.0 {
        1.0
    } else if norm <= 2.0 {
        2.0
    } else if norm <= 2.5 {
        2.5
    } else if norm <= 5.0 {
        5.0
    } else {
        10.0
    };
    m * mag
}

/// Horizontal grid lines with labels left of `x.r0`, for a vertical scale `y`.
pub fn y_grid(
    area: &Area,
    g: Geom,
    x: Scale,
    y: Scale,
    ticks: &[f64],
    label: impl Fn(f64) -> String,
) -> anyhow::Result<()> {
    let font = Font::new(g.font(16.0), MUTED);
    for &t in ticks {
        let py = y.px(t);
        line(area, &[(x.r0, py), (x.r1, py)], GRID, g.stroke(1.0))?;
        text(area, &label(t), (x.r0 - g.px(10.0), py), font, HPos::Right, V::Middle)?;
    }
    Ok(())
}

/// Tick labels under `y.r0` without grid lines.
pub fn x_labels(
    area: &Area,
    g: Geom,
    x: Scale,
    y: Scale,
    ticks: &[f64],
    label: impl Fn(f64) -> String,
) -> anyhow::Result<()> {
    let font = Font::new(g.font(16.0), MUTED);
    for &t in ticks {
        let px = x.px(t);
        line(area, &[(px, y.r0), (px, y.r0 + g.px(5.0))], super::canvas::AXIS, g.stroke(1.0))?;
        text(area, &label(t), (px, y.r0 + g.px(11.0)), font, HPos::Center, V::Top)?;
    }
    Ok(())
}

/// Formats a tick value without needless decimals.
pub fn tick(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 { format!("{}", v.round() as i64) } else { format!("{v:.1}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_steps_and_ticks() {
        assert_eq!(nice_step(100.0, 5), 20.0);
        assert_eq!(nice_step(30.0, 6), 5.0);
        assert_eq!(nice_step(0.9, 4), 0.25);
        let s = Scale::new((0.0, 100.0), (0, 1000));
        assert_eq!(s.px(25.0), 250);
        assert_eq!(s.ticks(4), vec![0.0, 25.0, 50.0, 75.0, 100.0]);
        let y = Scale::new((0.0, 10.0), (500, 100));
        assert_eq!(y.px(10.0), 100);
        assert_eq!(y.unit(), 40.0);
        assert_eq!(tick(5.0), "5");
        assert_eq!(tick(2.5), "2.5");
    }
}
