//! The recording backend: every drawing call of a chart kept in a display list, replayed later as PNG or SVG.

use super::label::Label;
use super::text::Font;
use plotters::style::RGBColor;
use plotters::style::text_anchor::VPos;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind, FontStyle,
    FontTransform,
};

/// The colour and line width of a shape, as the backend was given them.
#[derive(Clone, Copy)]
pub struct Pen {
    pub colour: BackendColor,
    pub width: u32,
}

impl BackendStyle for Pen {
    fn color(&self) -> BackendColor {
        self.colour
    }

    fn stroke_width(&self) -> u32 {
        self.width
    }
}

impl Pen {
    fn of<S: BackendStyle>(style: &S) -> Pen {
        Pen { colour: style.color(), width: style.stroke_width() }
    }
}

/// One drawing call, in backend pixels, with the arguments it was made with.
#[derive(Clone)]
pub enum Op {
    Pixel(BackendCoord, BackendColor),
    Line(BackendCoord, BackendCoord, Pen),
    /// Corners and whether the rectangle is filled.
    Rect(BackendCoord, BackendCoord, Pen, bool),
    Path(Vec<BackendCoord>, Pen),
    /// Centre, radius and whether the circle is filled.
    Circle(BackendCoord, u32, Pen, bool),
    Polygon(Vec<BackendCoord>, Pen),
    Text(Label),
}

/// A drawing backend that draws nothing: it appends each call to `ops`.
pub struct Recorder<'a> {
    size: (u32, u32),
    ops: &'a mut Vec<Op>,
}

impl<'a> Recorder<'a> {
    pub fn new(ops: &'a mut Vec<Op>, size: (u32, u32)) -> Recorder<'a> {
        Recorder { size, ops }
    }

    /// Records a line of text placed by the chart's own text layout.
    pub fn push_text(&mut self, label: Label) {
        self.ops.push(Op::Text(label));
    }
}

/// Nothing the recorder does can fail except plotters' rotated text, which no chart draws.
pub type RecordError = std::io::Error;

type Result = std::result::Result<(), DrawingErrorKind<RecordError>>;

impl DrawingBackend for Recorder<'_> {
    type ErrorType = RecordError;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result {
        Ok(())
    }

    fn present(&mut self) -> Result {
        Ok(())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result {
        self.ops.push(Op::Pixel(point, color));
        Ok(())
    }

    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> Result {
        self.ops.push(Op::Line(from, to, Pen::of(style)));
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(&mut self, ul: BackendCoord, br: BackendCoord, style: &S, fill: bool) -> Result {
        self.ops.push(Op::Rect(ul, br, Pen::of(style), fill));
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> Result {
        self.ops.push(Op::Path(path.into_iter().collect(), Pen::of(style)));
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(&mut self, c: BackendCoord, r: u32, style: &S, fill: bool) -> Result {
        self.ops.push(Op::Circle(c, r, Pen::of(style), fill));
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, vert: I, style: &S) -> Result {
        self.ops.push(Op::Polygon(vert.into_iter().collect(), Pen::of(style)));
        Ok(())
    }

    /// Plotters' own text (a `Text` element) is recorded as a label in the embedded DejaVu Sans: the style's size,
    /// weight, colour and anchor are kept (a centred anchor is taken as the middle of the capitals, a bottom one
    /// as the baseline); its family is not, since only DejaVu Sans is embedded.
    fn draw_text<T: BackendTextStyle>(&mut self, text: &str, style: &T, pos: BackendCoord) -> Result {
        if !matches!(style.transform(), FontTransform::None) {
            let e = RecordError::other("rotated text is not supported: charts draw text horizontally");
            return Err(DrawingErrorKind::DrawingError(e));
        }
        let font = font_of(style);
        let v = match style.anchor().v_pos {
            VPos::Top => super::text::V::Top,
            VPos::Center => super::text::V::Middle,
            VPos::Bottom => super::text::V::Baseline,
        };
        let label = Label::new(text, pos, font, style.anchor().h_pos, v);
        self.ops.push(Op::Text(label));
        Ok(())
    }

    /// The size plotters' text would take: measured with the embedded font, as the charts' own text is.
    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> std::result::Result<(u32, u32), DrawingErrorKind<RecordError>> {
        let font = font_of(style);
        Ok((font.width(text).max(0) as u32, font.size.round() as u32))
    }
}

/// The embedded font closest to a plotters text style.
fn font_of<T: BackendTextStyle>(style: &T) -> Font {
    let (r, g, b) = style.color().rgb;
    let font = Font::new(style.size(), RGBColor(r, g, b));
    if matches!(style.style(), FontStyle::Bold) { font.bold() } else { font }
}
