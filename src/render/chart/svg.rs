//! A recorded chart as SVG: replayed onto plotters' SVG backend, text as `<text>` in DejaVu Sans at its layout.

use super::canvas::draw_err;
use super::drawing::Drawing;
use plotters::prelude::SVGBackend;
use plotters_backend::DrawingBackend;

impl Drawing {
    /// SVG bytes (UTF-8): every shape as the bitmap gets it, and each line of text as one `<text>` element whose
    /// left end and baseline are where the PNG's glyphs sit (to within half a pixel) at the same em size, so a
    /// viewer with DejaVu Sans shows the PNG's layout and any other sans-serif face shows it closely.
    pub fn svg(&self) -> anyhow::Result<Vec<u8>> {
        let mut out = String::new();
        {
            let mut svg = SVGBackend::with_string(&mut out, (self.w, self.h));
            self.replay(&mut svg, |db, label| db.draw_text(&label.text, label, label.svg_origin()))
                .map_err(draw_err)?;
        }
        Ok(out.into_bytes())
    }
}
