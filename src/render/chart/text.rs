//! Text with ab_glyph and the embedded DejaVu Sans: fonts, measuring, anchored drawing, titles and footers.

use super::canvas::{Area, BACKGROUND, Geom, INK, MUTED, draw_err};
use ab_glyph::{Font as _, FontRef, GlyphId, PxScale, ScaleFont, point};
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
fn face(bold: bool) -> &'static FontRef<'static> {
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
    fn layout(&self, s: &str) -> (Vec<(GlyphId, f32)>, f32) {
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
        self.layout(s).1.round() as i32
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

/// Draws one line of text; `h` anchors it horizontally at `x`, `v` vertically at `y`. Glyphs are laid out with
/// their advance widths, kerning and side bearings at sub-pixel positions and blended by coverage.
pub fn text(area: &Area, s: &str, (x, y): (i32, i32), font: Font, h: HPos, v: V) -> anyhow::Result<()> {
    let baseline = match v {
        V::Top => y as f32 + font.cap() as f32,
        V::Middle => y as f32 + font.cap() as f32 / 2.0,
        V::Baseline => y as f32,
    };
    let (glyphs, width) = font.layout(s);
    let left = match h {
        HPos::Left => x as f32,
        HPos::Center => x as f32 - width / 2.0,
        HPos::Right => x as f32 - width,
    };
    // Whole-pixel origin keeps the same string identical wherever it is drawn.
    let (left, baseline) = (left.round(), baseline.round());
    let f = face(font.bold);
    for (id, dx) in glyphs {
        let glyph = id.with_scale_and_position(PxScale::from(font.size as f32), point(left + dx, baseline));
        if let Some(outline) = f.outline_glyph(glyph) {
            let b = outline.px_bounds();
            let mut result = Ok(());
            outline.draw(|gx, gy, coverage| {
                if coverage > 0.0 && result.is_ok() {
                    let p = (b.min.x as i32 + gx as i32, b.min.y as i32 + gy as i32);
                    result = area.draw_pixel(p, &font.colour.mix(coverage.min(1.0) as f64));
                }
            });
            result.map_err(draw_err)?;
        }
    }
    Ok(())
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

/// Title block: a bold title, a subtitle under it; returns the y where the chart body may start.
pub fn header(area: &Area, g: Geom, title: &str, subtitle: &str) -> anyhow::Result<i32> {
    let x = g.px(40.0);
    text(area, title, (x, g.px(30.0)), Font::new(g.font(32.0), INK).bold(), HPos::Left, V::Top)?;
    text(area, subtitle, (x, g.px(78.0)), Font::new(g.font(19.0), MUTED), HPos::Left, V::Top)?;
    Ok(g.px(122.0))
}

/// Footer: notes at the bottom left (one per line, last line at the bottom) and the program at the bottom right;
/// returns the y above which the chart body must stay.
pub fn footer(area: &Area, g: Geom, notes: &[String], credit: &str) -> anyhow::Result<i32> {
    let font = Font::new(g.font(15.0), MUTED);
    let step = g.px(24.0);
    let bottom = g.h - g.px(22.0);
    for (i, n) in notes.iter().rev().enumerate() {
        text(area, n, (g.px(40.0), bottom - i as i32 * step), font, HPos::Left, V::Baseline)?;
    }
    text(area, credit, (g.w - g.px(40.0), bottom), font, HPos::Right, V::Baseline)?;
    Ok(bottom - (notes.len().max(1) as i32 - 1) * step - font.cap() as i32 - g.px(22.0))
}
