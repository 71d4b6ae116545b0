//! A recorded chart: its display list replayed onto any plotters backend, its files by format, and its text boxes.

use super::label::Label;
use super::recorder::Op;
use crate::output::OutputFile;
use crate::scenario::ChartFormat;
use plotters_backend::{DrawingBackend, DrawingErrorKind};

/// One chart as drawn: its size in pixels and every drawing call in order.
#[derive(Clone)]
pub struct Drawing {
    pub w: u32,
    pub h: u32,
    ops: Vec<Op>,
}

/// A line of text of a chart and the box it takes: its advance width from the left end, and the font's ascent
/// above the baseline to its descent below (the line box, which holds every glyph of DejaVu Sans but accents on
/// capitals). Pixels, y pointing down.
#[derive(Clone, Debug, PartialEq)]
pub struct TextBox {
    pub text: String,
    /// Font size in pixels (ab_glyph's scale: the height from descent to ascent) and weight.
    pub size: f64,
    pub bold: bool,
    /// The point the chart anchored the text at, and how: `left`, `center` or `right` of the text at it
    /// horizontally; its capitals' top, middle or its baseline vertically.
    pub at: (i32, i32),
    pub align: &'static str,
    pub v: super::text::V,
    /// Left, top, right and bottom of the box.
    pub rect: (f64, f64, f64, f64),
}

impl std::fmt::Debug for Drawing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Drawing {}×{} of {} calls", self.w, self.h, self.ops.len())
    }
}

impl Drawing {
    pub(super) fn new(w: u32, h: u32, ops: Vec<Op>) -> Drawing {
        Drawing { w, h, ops }
    }

    /// Replays the display list onto `db`, each call with the arguments it was recorded with; `text` draws a label.
    pub(super) fn replay<DB: DrawingBackend>(
        &self,
        db: &mut DB,
        mut text: impl FnMut(&mut DB, &Label) -> Result<(), DrawingErrorKind<DB::ErrorType>>,
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        db.ensure_prepared()?;
        for op in &self.ops {
            match op {
                Op::Pixel(p, c) => db.draw_pixel(*p, *c)?,
                Op::Line(a, b, pen) => db.draw_line(*a, *b, pen)?,
                Op::Rect(a, b, pen, fill) => db.draw_rect(*a, *b, pen, *fill)?,
                Op::Path(points, pen) => db.draw_path(points.iter().copied(), pen)?,
                Op::Circle(c, r, pen, fill) => db.draw_circle(*c, *r, pen, *fill)?,
                Op::Polygon(points, pen) => db.fill_polygon(points.iter().copied(), pen)?,
                Op::Text(label) => text(db, label)?,
            }
        }
        db.present()
    }

    /// Every line of text, in drawing order, with its box.
    pub fn texts(&self) -> Vec<TextBox> {
        self.labels()
            .map(|l| {
                let (ascent, descent) = l.font.ascent_descent();
                let (left, baseline) = (f64::from(l.left), f64::from(l.baseline));
                TextBox {
                    text: l.text.clone(),
                    size: l.font.size,
                    bold: l.font.bold,
                    at: l.at,
                    align: l.align,
                    v: l.v,
                    rect: (left, baseline - ascent, left + f64::from(l.width), baseline - descent),
                }
            })
            .collect()
    }

    pub(super) fn labels(&self) -> impl Iterator<Item = &Label> {
        self.ops.iter().filter_map(|op| match op {
            Op::Text(l) => Some(l),
            _ => None,
        })
    }

    /// The chart's files in `format`: `NAME.png`, `NAME.svg` or both.
    pub fn files(&self, name: &str, format: ChartFormat) -> anyhow::Result<Vec<OutputFile>> {
        let mut out = Vec::new();
        if format.png() {
            out.push(OutputFile { name: format!("{name}.png"), bytes: self.png()? });
        }
        if format.svg() {
            out.push(OutputFile { name: format!("{name}.svg"), bytes: self.svg()? });
        }
        Ok(out)
    }
}
