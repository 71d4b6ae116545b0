//! Text with ab_glyph and the embedded DejaVu Sans: fonts, measuring, anchored drawing, titles and footers.

use super::canvas::{Area, BACKGROUND, Geom, INK, MUTED, draw_err};
use super::fit::wrap;
use super::label::Label;
use ab_glyph::{Font as _, FontRef, GlyphId, PxScale, ScaleFont};
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;
use std::sync::OnceLock;

/// Cap height of DejaVu Sans as a fraction of the ab_glyph pixel scale (cap 1493 / (ascent 1901 + descent 483)).
const CAP: f64 = 1493.0 / 2384.0;

/// A text style: size in pixels (already scaled), weight and colour.
#[derive(Clone, Copy, Debug)]
pub struct Font {
    pub size: f64,
    pub bold: bool,
    pub colour: RGBColor,
}

/// The embedded faces, parsed once.
pub(super) fn face(bold: bool) -> &'static FontRef<'static> {
    static FACES: OnceLock<[FontRef<'static>; 2]> = OnceLock::new();
    let faces = FACES.get_or_init(|| {
        [dejavu::sans::regular(), dejavu::sans::bold()]
            .map(|bytes| FontRef::try_from_slice(bytes).expect("the embedded DejaVu Sans is a valid font"))
    });
    &faces[bold as usize]
}

impl Font {
    pub fn new(size: f64, colour: RGBColor) -> Font {
        Font { size, bold: false, colour }
    }

    pub fn bold(mut self) -> Font {
        self.bold = true;
        self
    }

    pub fn colour(mut self, colour: RGBColor) -> Font {
        self.colour = colour;
        self
    }

    /// Cap height in pixels.
    pub fn cap(&self) -> f64 {
        self.size * CAP
    }

    /// Horizontal pen positions of each glyph of `s` (advance widths plus kerning), and the total width.
    pub(super) fn layout(&self, s: &str) -> (Vec<(GlyphId, f32)>, f32) {
        let scaled = face(self.bold).as_scaled(PxScale::from(self.size as f32));
        let mut x = 0.0f32;
        let mut prev: Option<GlyphId> = None;
        let mut out = Vec::with_capacity(s.len());
        for c in s.chars() {
            let id = scaled.glyph_id(c);
            if let Some(p) = prev {
                x += scaled.kern(p, id);
            }
            out.push((id, x));
            x += scaled.h_advance(id);
            prev = Some(id);
        }
        (out, x)
    }

    /// Width of `s` in pixels.
    pub fn width(&self, s: &str) -> i32 {
        self.advance(s).round() as i32
    }

    /// Width of `s` in pixels, unrounded.
    pub fn advance(&self, s: &str) -> f32 {
        self.layout(s).1
    }

    /// The em size in pixels (ab_glyph's scale is the height from descent to ascent, CSS's the em).
    pub fn em(&self) -> f64 {
        let f = face(self.bold);
        self.size * f64::from(f.units_per_em().unwrap_or(2048.0)) / f64::from(f.height_unscaled())
    }

    /// Ascent above the baseline and descent (negative) below it, in pixels.
    pub fn ascent_descent(&self) -> (f64, f64) {
        let scaled = face(self.bold).as_scaled(PxScale::from(self.size as f32));
        (f64::from(scaled.ascent()), f64::from(scaled.descent()))
    }
}

/// Vertical placement of text relative to the given y.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum V {
    /// y is the top of the capitals.
    Top,
    /// y is the middle of the capitals.
    Middle,
    /// y is the baseline.
    Baseline,
}

/// Draws one line of text; `h` anchors it horizontally at `x`, `v` vertically at `y` (laid out by [`Label`]).
pub fn text(area: &Area, s: &str, at: (i32, i32), font: Font, h: HPos, v: V) -> anyhow::Result<()> {
    area.draw(&Label::new(s, at, font, h, v)).map_err(draw_err)
}

/// Text on a translucent white box, readable over lines and shading.
pub fn halo_text(area: &Area, g: Geom, s: &str, (x, y): (i32, i32), font: Font, h: HPos, v: V) -> anyhow::Result<()> {
    let w = font.width(s);
    let left = match h {
        HPos::Left => x,
        HPos::Center => x - w / 2,
        HPos::Right => x - w,
    };
    let cap = font.cap().round() as i32;
    let top = match v {
        V::Top => y,
        V::Middle => y - cap / 2,
        V::Baseline => y - cap,
    };
    let pad = g.px(4.0);
    let bottom = top + cap + (font.size * 0.2).round() as i32;
    area.draw(&Rectangle::new(
        [(left - pad, top - pad), (left + w + pad, bottom + pad)],
        BACKGROUND.mix(0.85).filled(),
    ))
    .map_err(draw_err)?;
    text(area, s, (x, y), font, h, v)
}

/// Title block: a bold title (wrapped to two lines, then shortened with "…") and a subtitle under it (likewise);
/// returns the y where the chart body may start, lower by the extra lines.
pub fn header(area: &Area, g: Geom, title: &str, subtitle: &str) -> anyhow::Result<i32> {
    let x = g.px(40.0);
    let width = f64::from(g.w - 2 * x);
    let title_font = Font::new(g.font(32.0), INK).bold();
    let sub_font = Font::new(g.font(19.0), MUTED);
    let title_lines = wrap(title, title_font, width, 2);
    let sub_lines = wrap(subtitle, sub_font, width, 2);
    let (title_step, sub_step) = (line_step(title_font), line_step(sub_font));
    for (i, l) in title_lines.iter().enumerate() {
        text(area, l, (x, g.px(30.0) + i as i32 * title_step), title_font, HPos::Left, V::Top)?;
    }
    let sub_y = g.px(78.0) + (title_lines.len() as i32 - 1) * title_step;
    for (i, l) in sub_lines.iter().enumerate() {
        text(area, l, (x, sub_y + i as i32 * sub_step), sub_font, HPos::Left, V::Top)?;
    }
    Ok(sub_y - g.px(78.0) + g.px(122.0) + (sub_lines.len() as i32 - 1) * sub_step)
}

/// The distance between the baselines of wrapped lines in `font`: its line box and a little.
pub fn line_step(font: Font) -> i32 {
    (font.size * 1.2).ceil() as i32
}

/// Footer: notes at the bottom left (each wrapped to at most three lines beside the credit, last line at the
/// bottom) and the program at the bottom right; returns the y above which the chart body must stay.
pub fn footer(area: &Area, g: Geom, notes: &[String], credit: &str) -> anyhow::Result<i32> {
    let font = Font::new(g.font(15.0), MUTED);
    let step = g.px(24.0).max(line_step(font));
    let bottom = g.h - g.px(22.0);
    let width = f64::from(g.w - 2 * g.px(40.0) - font.width(credit) - g.px(24.0));
    let lines: Vec<String> = notes.iter().flat_map(|n| wrap(n, font, width, 3)).collect();
    for (i, n) in lines.iter().rev().enumerate() {
        text(area, n, (g.px(40.0), bottom - i as i32 * step), font, HPos::Left, V::Baseline)?;
    }
    text(area, credit, (g.w - g.px(40.0), bottom), font, HPos::Right, V::Baseline)?;
    Ok(bottom - (lines.len().max(1) as i32 - 1) * step - font.cap() as i32 - g.px(22.0))
}
