//! Shared drawing: the in-memory canvas, sizes scaled to it, text placement, titles and PNG encoding.

use super::colours;
use crate::summary::Summary;
use ab_glyph::{Font as _, FontRef, GlyphId, PxScale, ScaleFont, point};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;
use std::sync::OnceLock;

/// The drawing surface every chart draws on.
pub type Area<'a> = DrawingArea<BitMapBackend<'a>, Shift>;

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

/// Cap height of DejaVu Sans as a fraction of the ab_glyph pixel scale (cap 1493 / (ascent 1901 + descent 483)).
const CAP: f64 = 1493.0 / 2384.0;

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

/// Converts a plotters error (not `Send` for every backend) into anyhow.
pub fn draw_err<E: std::fmt::Display>(e: E) -> anyhow::Error {
    anyhow::anyhow!("drawing a chart failed: {e}")
}

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
    let mut t = 0.0;
    while t < len {
        let end = (t + dash as f64).min(len);
        let p = |s: f64| ((x0 as f64 + dx * s / len).round() as i32, (y0 as f64 + dy * s / len).round() as i32);
        line(area, &[p(t), p(end)], colour, w)?;
        t += (dash + gap) as f64;
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

/// Renders a chart into an RGB buffer and encodes it as PNG. The bytes depend only on the inputs.
pub fn render_png(w: u32, h: u32, draw: impl FnOnce(&Area, Geom) -> anyhow::Result<()>) -> anyhow::Result<Vec<u8>> {
    let mut buf = vec![0u8; w as usize * h as usize * 3];
    {
        let area = BitMapBackend::with_buffer(&mut buf, (w, h)).into_drawing_area();
        area.fill(&BACKGROUND).map_err(draw_err)?;
        draw(&area, Geom::new(w, h))?;
        area.present().map_err(draw_err)?;
    }
    encode(&buf, w, h)
}

/// PNG bytes of an RGB buffer.
pub fn encode(rgb: &[u8], w: u32, h: u32) -> anyhow::Result<Vec<u8>> {
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

/// `10000` → `10,000`.
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `1 simulation`, `10,000 simulations`.
pub fn simulations(n: u64) -> String {
    if n == 1 { "1 simulation".into() } else { format!("{} simulations", thousands(n)) }
}

/// A baseline name for titles: `ge2017` → `GE2017`, `ge2019n` → `GE2019 (notional)`; paths as given.
pub fn baseline_name(b: &str) -> String {
    let lower = b.to_ascii_lowercase();
    if lower.starts_with("ge") && lower.len() >= 6 && lower[2..6].chars().all(|c| c.is_ascii_digit()) {
        let rest = if &lower[6..] == "n" { " (notional)" } else { &b[6..] };
        format!("GE{}{rest}", &b[2..6])
    } else {
        b.to_string()
    }
}

/// The subtitle every run chart carries: baseline, model, scope, simulations and seed.
pub fn run_subtitle(s: &Summary) -> String {
    let scope = match s.scope {
        crate::scenario::Scope::England => "change applied in England",
        crate::scenario::Scope::Gb => "change applied across GB",
    };
    format!(
        "Baseline {} · {} · {} · {} · seed {}",
        baseline_name(&s.baseline),
        s.model.name(),
        scope,
        simulations(s.sims),
        s.seed
    )
}

/// The credit line of run charts.
pub fn credit(s: &Summary) -> String {
    format!("pns {}", s.pns_version)
}

/// A probability as a label: `<0.1%`, `>99.9%`, else one decimal.
pub fn percent(p: f64) -> String {
    let v = p * 100.0;
    if v == 0.0 {
        "0%".into()
    } else if v == 100.0 {
        "100%".into()
    } else if v < 0.1 {
        "<0.1%".into()
    } else if v > 99.9 && v < 100.0 {
        ">99.9%".into()
    } else {
        format!("{v:.1}%")
    }
}

/// A legend swatch: a filled square of the party colour, its top-left at `(x, y)`.
pub fn swatch(area: &Area, (x, y): (i32, i32), size: i32, code: &str) -> anyhow::Result<()> {
    rect(area, (x, y), (x + size - 1, y + size - 1), colours::of(code))
}

/// Points with one decimal and their sign: `+11.5`, `0.0`, `−8.0` (a true minus sign).
pub fn signed_points(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r > 0.0 {
        format!("+{r:.1}")
    } else if r < 0.0 {
        format!("−{:.1}", -r)
    } else {
        "0.0".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(thousands(2000), "2,000");
        assert_eq!(thousands(999), "999");
        assert_eq!(simulations(1), "1 simulation");
        assert_eq!(simulations(2000), "2,000 simulations");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(baseline_name("ge2017"), "GE2017");
        assert_eq!(baseline_name("ge2019n"), "GE2019 (notional)");
        assert_eq!(baseline_name("my.csv"), "my.csv");
        assert_eq!(percent(0.0), "0%");
        assert_eq!(percent(0.0004), "<0.1%");
        assert_eq!(percent(0.9996), ">99.9%");
        assert_eq!(percent(1.0), "100%");
        assert_eq!(percent(0.1234), "12.3%");
    }
}
