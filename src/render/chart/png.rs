//! A recorded chart as PNG: replayed onto plotters' bitmap backend and encoded with the `png` crate.

use super::canvas::draw_err;
use super::drawing::Drawing;
use plotters::prelude::BitMapBackend;
use plotters_backend::DrawingBackend;

impl Drawing {
    /// PNG bytes: the same pixels as drawing each call straight onto the bitmap; text is its glyph raster.
    pub fn png(&self) -> anyhow::Result<Vec<u8>> {
        let mut buf = vec![0u8; self.w as usize * self.h as usize * 3];
        {
            let mut bitmap = BitMapBackend::with_buffer(&mut buf, (self.w, self.h));
            self.replay(&mut bitmap, |db, label| label.raster(|p, c| db.draw_pixel(p, c))).map_err(draw_err)?;
        }
        encode(&buf, self.w, self.h)
    }
}

/// PNG bytes of an RGB buffer.
fn encode(rgb: &[u8], w: u32, h: u32) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_compression(png::Compression::Balanced);
        let mut writer = enc.write_header()?;
        writer.write_image_data(rgb)?;
        writer.finish()?;
    }
    Ok(out)
}
