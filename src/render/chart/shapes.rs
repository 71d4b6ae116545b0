//! Filled and stroked shapes: rectangles, outlines, lines, dashes, polygons, dots and legend swatches.

use super::canvas::{Area, draw_err};
use super::colours;
use plotters::prelude::*;

/// A filled rectangle from `(x0, y0)` to `(x1, y1)` inclusive.
pub fn rect(area: &Area, (x0, y0): (i32, i32), (x1, y1): (i32, i32), colour: RGBColor) -> anyhow::Result<()> {
    area.draw(&Rectangle::new([(x0, y0), (x1, y1)], colour.filled())).map_err(draw_err)
}

/// A rectangle outline.
pub fn frame(area: &Area, (x0, y0): (i32, i32), (x1, y1): (i32, i32), colour: RGBColor, w: u32) -> anyhow::Result<()> {
    area.draw(&Rectangle::new([(x0, y0), (x1, y1)], colour.stroke_width(w))).map_err(draw_err)
}

/// A solid polyline.
pub fn line(area: &Area, points: &[(i32, i32)], colour: RGBColor, w: u32) -> anyhow::Result<()> {
    area.draw(&PathElement::new(points.to_vec(), colour.stroke_width(w))).map_err(draw_err)
}

/// A dashed straight line: `dash` pixels drawn, `gap` pixels left out.
pub fn dashed(
    area: &Area,
    (x0, y0): (i32, i32),
    (x1, y1): (i32, i32),
    colour: RGBColor,
    w: u32,
    (dash, gap): (i32, i32),
) -> anyhow::Result<()> {
    let (dx, dy) = ((x1 - x0) as f64, (y1 - y0) as f64);
    let len = (dx * dx + dy * dy).sqrt();
    if len == 0.0 {
        return Ok(());
    }
    // At least a pixel per period, so that a tiny canvas (where both round to 0) still ends the loop.
    let period = (dash.max(0) + gap.max(0)).max(1) as f64;
    let mut t = 0.0;
    while t < len {
        let end = (t + dash as f64).min(len);
        let p = |s: f64| ((x0 as f64 + dx * s / len).round() as i32, (y0 as f64 + dy * s / len).round() as i32);
        line(area, &[p(t), p(end)], colour, w)?;
        t += period;
    }
    Ok(())
}

/// A filled polygon.
pub fn polygon(area: &Area, points: &[(i32, i32)], colour: RGBColor) -> anyhow::Result<()> {
    area.draw(&Polygon::new(points.to_vec(), colour.filled())).map_err(draw_err)
}

/// A filled circle.
pub fn dot(area: &Area, centre: (i32, i32), radius: i32, colour: RGBColor) -> anyhow::Result<()> {
    area.draw(&Circle::new(centre, radius.max(1), colour.filled())).map_err(draw_err)
}

/// A legend swatch: a filled square of the party colour, its top-left at `(x, y)`.
pub fn swatch(area: &Area, (x, y): (i32, i32), size: i32, code: &str) -> anyhow::Result<()> {
    rect(area, (x, y), (x + size - 1, y + size - 1), colours::of(code))
}
