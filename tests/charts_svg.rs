//! The run charts as SVG: well-formed XML with the same text at the same place and size as the PNG's layout, the
//! same shapes, and text boxes that hold the PNG's glyphs.

#[path = "common/xml.rs"]
mod xml;

mod common;

use pns::render::chart::{self, TextBox};
use pns::summary::Summary;
use std::sync::OnceLock;

/// DejaVu Sans' metrics (font units): em, ascent and descent. ab_glyph's pixel size is ascent + descent.
const EM: f64 = 2048.0;
const ASCENT: f64 = 1901.0;
const DESCENT: f64 = 483.0;

/// The 2018 scenario run with 2,000 simulations and a fixed seed (once per test binary).
fn summary() -> &'static Summary {
    static S: OnceLock<Summary> = OnceLock::new();
    S.get_or_init(|| common::summary_2018(2000, 2018))
}

/// A chart's SVG, parsed.
fn svg(name: &str) -> Vec<xml::Element> {
    let drawing = chart::render_one(summary(), name).unwrap().unwrap();
    let text = String::from_utf8(drawing.svg().unwrap()).expect("SVG is UTF-8");
    xml::parse(&text).unwrap_or_else(|e| panic!("{name}.svg is not well-formed: {e}"))
}

fn number(e: &xml::Element, attr: &str) -> f64 {
    e.attr(attr).unwrap_or_else(|| panic!("<{}> without {attr}", e.name)).parse().unwrap()
}

#[test]
fn every_run_chart_is_well_formed_svg_with_the_layouts_text_in_place() {
    let s = summary();
    for name in chart::RUN_CHARTS {
        let doc = svg(name);
        let root = &doc[0];
        assert_eq!(root.name, "svg", "{name}");
        assert_eq!((number(root, "width"), number(root, "height")), (1600.0, 1000.0), "{name}");
        let texts: Vec<&xml::Element> = doc.iter().filter(|e| e.name == "text").collect();
        let layout: Vec<TextBox> = chart::layout(s, name).unwrap().unwrap();
        // Titles, legends, ticks and notes: every chart has a few dozen lines at most, and at least its header.
        assert!(layout.len() >= 4, "{name}: {} lines", layout.len());
        assert!(layout[0].text.contains(&s.scenario.name), "{name}: {:?}", layout[0].text);
        let svg_text: Vec<&str> =
            texts.iter().map(|t| t.text.strip_prefix('\n').unwrap().trim_end_matches('\n')).collect();
        let png_text: Vec<&str> = layout.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(svg_text, png_text, "{name}: the SVG's text differs from the PNG's layout");
        for (t, b) in texts.iter().zip(&layout) {
            // The left end at the layout's, the em size from the pixel size, and the baseline (the top anchor
            // plus 0.76 em) within half a pixel of the layout's.
            let em = number(t, "font-size");
            assert!((em - b.size * EM / (ASCENT + DESCENT)).abs() < 0.03, "{name}: {:?} at {em}", b.text);
            assert_eq!(number(t, "x"), b.rect.0, "{name}: {:?}", b.text);
            let baseline = b.rect.1 + b.size * ASCENT / (ASCENT + DESCENT);
            let dy = t.attr("dy").unwrap().strip_suffix("em").unwrap().parse::<f64>().unwrap();
            assert!((number(t, "y") + dy * em - baseline).abs() <= 0.5 + 0.03 * dy, "{name}: {:?}", b.text);
            assert_eq!(t.attr("font-weight") == Some("bold"), b.bold, "{name}: {:?}", b.text);
            assert_eq!(t.attr("text-anchor"), Some("start"));
            assert!(t.attr("font-family").unwrap().starts_with("DejaVu Sans"));
        }
    }
}

#[test]
fn the_parliament_svg_has_a_dot_per_seat_and_per_legend_item() {
    let s = summary();
    let seats: u32 = s.median_parliament.values().sum();
    let parties = s.median_parliament.values().filter(|n| **n > 0).count();
    let circles = svg("parliament").iter().filter(|e| e.name == "circle").count();
    assert_eq!(circles, seats as usize + parties);
}

/// The title's glyphs in the PNG lie inside its text box: the box's measured width is the raster's.
#[test]
fn text_boxes_hold_the_pngs_glyphs() {
    let s = summary();
    for name in chart::RUN_CHARTS {
        let drawing = chart::render_one(s, name).unwrap().unwrap();
        let png = drawing.png().unwrap();
        let mut reader = png::Decoder::new(std::io::Cursor::new(&png)).read_info().unwrap();
        let mut rgb = vec![0; reader.output_buffer_size().unwrap()];
        reader.next_frame(&mut rgb).unwrap();
        let title = &drawing.texts()[0];
        let (x0, y0, x1, y1) = title.rect;
        // Rows of the title's box hold nothing but the title.
        let ink: Vec<u32> = (y0.floor() as u32..y1.ceil() as u32)
            .flat_map(|y| (0..1600u32).map(move |x| (x, y)))
            .filter(|&(x, y)| rgb[3 * (y * 1600 + x) as usize..][..3] != [255, 255, 255])
            .map(|(x, _)| x)
            .collect();
        let (lo, hi) = (*ink.iter().min().unwrap() as f64, *ink.iter().max().unwrap() as f64);
        assert!(lo >= x0 - 1.0 && lo <= x0 + 6.0, "{name}: ink from {lo}, box from {x0}");
        assert!(hi <= x1 + 1.0 && hi >= x1 - 6.0, "{name}: ink to {hi}, box to {x1}");
    }
}

#[test]
fn only_run_charts_have_a_layout() {
    assert!(chart::layout(summary(), "pns").unwrap().is_none());
    assert!(chart::layout(summary(), "seats").unwrap().is_some());
}
