//! The canvas: the drawing area, its colours, sizes scaled to it, and recording a chart as a display list.

pub use super::drawing::Drawing;
use super::recorder::Recorder;
use plotters::coord::Shift;
use plotters::prelude::*;

/// The drawing surface every chart draws on: a recorder, replayed as PNG or SVG ([`Drawing`]).
pub type Area<'a> = DrawingArea<Recorder<'a>, Shift>;

/// Text colour of titles and labels.
pub const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);
/// Secondary text (subtitles, notes, tick labels).
pub const MUTED: RGBColor = RGBColor(0x5F, 0x5F, 0x5F);
/// Grid lines.
pub const GRID: RGBColor = RGBColor(0xE4, 0xE4, 0xE4);
/// Axis lines and reference lines.
pub const AXIS: RGBColor = RGBColor(0x88, 0x88, 0x88);
/// Background.
pub const BACKGROUND: RGBColor = RGBColor(0xFF, 0xFF, 0xFF);

/// Sizes of one canvas: everything is designed for 1600×1000 and scaled by `k`.
#[derive(Clone, Copy, Debug)]
pub struct Geom {
    pub w: i32,
    pub h: i32,
    pub k: f64,
}

impl Geom {
    pub fn new(w: u32, h: u32) -> Geom {
        Geom { w: w as i32, h: h as i32, k: (w as f64 / 1600.0).min(h as f64 / 1000.0) }
    }

    /// A length designed at 1600×1000, in pixels of this canvas.
    pub fn px(&self, v: f64) -> i32 {
        (v * self.k).round() as i32
    }

    /// A line width (at least 1 pixel).
    pub fn stroke(&self, v: f64) -> u32 {
        (v * self.k).round().max(1.0) as u32
    }

    /// A font size designed at 1600×1000 (never below 9 pixels).
    pub fn font(&self, size: f64) -> f64 {
        (size * self.k).max(9.0)
    }
}

/// Converts a plotters error (not `Send` for every backend) into anyhow.
pub fn draw_err<E: std::fmt::Display>(e: E) -> anyhow::Error {
    anyhow::anyhow!("drawing a chart failed: {e}")
}

/// Records a chart drawn on a `w`×`h` canvas with a white background. The display list depends only on the inputs.
/// A side outside [`crate::scenario::rules::CHART_WIDTH`] or [`crate::scenario::rules::CHART_HEIGHT`] is refused
/// before anything is drawn.
pub fn record(w: u32, h: u32, draw: impl FnOnce(&Area, Geom) -> anyhow::Result<()>) -> anyhow::Result<Drawing> {
    use crate::scenario::rules::{chart_height, chart_width};
    chart_width(i64::from(w)).map_err(|m| anyhow::anyhow!("chart width {m}"))?;
    chart_height(i64::from(h)).map_err(|m| anyhow::anyhow!("chart height {m}"))?;
    let mut ops = Vec::new();
    {
        let area = Recorder::new(&mut ops, (w, h)).into_drawing_area();
        area.fill(&BACKGROUND).map_err(draw_err)?;
        draw(&area, Geom::new(w, h))?;
        area.present().map_err(draw_err)?;
    }
    Ok(Drawing::new(w, h, ops))
}
