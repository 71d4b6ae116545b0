//! A placed line of text in the display list: where the layout put it, its glyph raster, and its SVG text style.

use super::recorder::{RecordError, Recorder};
use super::text::{Font, V, face};
use ab_glyph::{Font as _, PxScale, point};
use plotters::element::{Drawable, PointCollection};
use plotters::style::Color;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_backend::{BackendColor, BackendCoord, BackendTextStyle, DrawingErrorKind, FontFamily, FontStyle};

/// The family an SVG names: the embedded face first, then the generic fallback.
const FAMILY: &str = "DejaVu Sans, sans-serif";

/// One line of text as laid out: the string, its font, the point and anchor the chart gave, and the whole-pixel
/// left end and baseline its glyphs are drawn from (so the same string is identical wherever it is drawn).
#[derive(Clone, Debug)]
pub struct Label {
    pub text: String,
    pub font: Font,
    /// The point the chart anchored the text at.
    pub at: BackendCoord,
    /// `left`, `center` or `right`: which end of the text is at `at`.
    pub align: &'static str,
    /// Which height of the text is at `at`.
    pub v: V,
    /// Left end of the first glyph's advance, in whole pixels.
    pub left: f32,
    /// Baseline, in whole pixels.
    pub baseline: f32,
    /// Advance width with kerning, in pixels.
    pub width: f32,
}

impl Label {
    /// Lays `s` out with `h` anchoring it horizontally at `x` and `v` vertically at `y`.
    pub fn new(s: &str, (x, y): BackendCoord, font: Font, h: HPos, v: V) -> Label {
        let baseline = match v {
            V::Top => y as f32 + font.cap() as f32,
            V::Middle => y as f32 + font.cap() as f32 / 2.0,
            V::Baseline => y as f32,
        };
        let width = font.advance(s);
        let (left, align) = match h {
            HPos::Left => (x as f32, "left"),
            HPos::Center => (x as f32 - width / 2.0, "center"),
            HPos::Right => (x as f32 - width, "right"),
        };
        Label { text: s.to_string(), font, at: (x, y), align, v, left: left.round(), baseline: baseline.round(), width }
    }

    /// The same label moved by `(dx, dy)` pixels.
    fn shifted(&self, (dx, dy): BackendCoord) -> Label {
        let mut l = self.clone();
        l.at = (l.at.0 + dx, l.at.1 + dy);
        l.left += dx as f32;
        l.baseline += dy as f32;
        l
    }

    /// The glyphs' pixels: advance widths, kerning and side bearings at sub-pixel positions, each pixel given the
    /// font's colour with its coverage as alpha.
    pub fn raster<E>(&self, mut put: impl FnMut(BackendCoord, BackendColor) -> Result<(), E>) -> Result<(), E> {
        let (glyphs, _) = self.font.layout(&self.text);
        let f = face(self.font.bold);
        for (id, dx) in glyphs {
            let glyph =
                id.with_scale_and_position(PxScale::from(self.font.size as f32), point(self.left + dx, self.baseline));
            if let Some(outline) = f.outline_glyph(glyph) {
                let b = outline.px_bounds();
                let mut result = Ok(());
                outline.draw(|gx, gy, coverage| {
                    if coverage > 0.0 && result.is_ok() {
                        let p = (b.min.x as i32 + gx as i32, b.min.y as i32 + gy as i32);
                        result = put(p, self.font.colour.mix(coverage.min(1.0) as f64).to_backend_color());
                    }
                });
                result?;
            }
        }
        Ok(())
    }

    /// Where an SVG `<text>` anchored at its top (plotters writes `dy="0.76em"`) puts this label's baseline.
    pub fn svg_origin(&self) -> BackendCoord {
        (self.left as i32, (self.baseline as f64 - 0.76 * self.font.em()).round() as i32)
    }
}

/// Drawn on the recorder, a label is kept whole in the display list.
impl Drawable<Recorder<'_>> for Label {
    fn draw<I: Iterator<Item = BackendCoord>>(
        &self,
        mut pos: I,
        backend: &mut Recorder<'_>,
        _: (u32, u32),
    ) -> Result<(), DrawingErrorKind<RecordError>> {
        if let Some((x, y)) = pos.next() {
            backend.push_text(self.shifted((x - self.left as i32, y - self.baseline as i32)));
        }
        Ok(())
    }
}

/// A label's one point is its origin (left end of the baseline), so the drawing area can move it.
impl<'a> PointCollection<'a, BackendCoord> for &'a Label {
    type Point = BackendCoord;
    type IntoIter = std::iter::Once<BackendCoord>;

    fn point_iter(self) -> Self::IntoIter {
        std::iter::once((self.left as i32, self.baseline as i32))
    }
}

/// A label as the SVG backend's text style: DejaVu Sans at the label's em size, its weight and colour, anchored at
/// the top left (see [`Label::svg_origin`]).
impl BackendTextStyle for Label {
    type FontError = RecordError;

    fn color(&self) -> BackendColor {
        self.font.colour.to_backend_color()
    }

    /// Plotters' SVG backend writes `font-size` as this size / 1.24: a size whose quotient is the em size to 1/100
    /// of a pixel, written as such (`12.89`, not `12.889999999999999`) when a size within a few hundredths has one.
    fn size(&self) -> f64 {
        let em = (self.font.em() * 100.0).round();
        let exact = |e: f64| {
            let target = e / 100.0;
            let (mut up, mut down) = (target * 1.24, target * 1.24);
            for _ in 0..4 {
                if let Some(s) = [up, down].into_iter().find(|s| s / 1.24 == target) {
                    return Some(s);
                }
                (up, down) = (up.next_up(), down.next_down());
            }
            None
        };
        [0.0, 1.0, -1.0, 2.0, -2.0].into_iter().find_map(|d| exact(em + d)).unwrap_or(em / 100.0 * 1.24)
    }

    fn style(&self) -> FontStyle {
        if self.font.bold { FontStyle::Bold } else { FontStyle::Normal }
    }

    fn anchor(&self) -> Pos {
        Pos::new(HPos::Left, VPos::Top)
    }

    fn family(&self) -> FontFamily<'_> {
        FontFamily::Name(FAMILY)
    }

    /// The advance box from the ascent to the descent, relative to the top-left anchor.
    fn layout_box(&self, _: &str) -> Result<((i32, i32), (i32, i32)), RecordError> {
        let (ascent, descent) = self.font.ascent_descent();
        Ok(((0, 0), (self.width.round() as i32, (ascent - descent).round() as i32)))
    }

    /// The glyph raster with the layout box's top left at `pos`.
    fn draw<E, F: FnMut(i32, i32, BackendColor) -> Result<(), E>>(
        &self,
        _: &str,
        pos: BackendCoord,
        mut draw: F,
    ) -> Result<Result<(), E>, RecordError> {
        let top = self.baseline - self.font.ascent_descent().0 as f32;
        let (dx, dy) = (pos.0 - self.left as i32, pos.1 - top.round() as i32);
        Ok(self.raster(|(x, y), c| draw(x + dx, y + dy, c)))
    }
}
