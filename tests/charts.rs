//! The charts of the 2018 scenario rendered, written, decoded back and checked; the swing sweep; the hemicycle.

mod common;

use pns::output::write_all;
use pns::project::{Plan, load_baseline, project};
use pns::render::chart::{self, colours, parliament};
use pns::scenario::Scenario;
use pns::summary::{Summary, sweep};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

const SIMS: u64 = 2000;
const SEED: u64 = 2018;

/// The 2018 scenario run with 2,000 simulations and a fixed seed (once per test binary).
fn summary() -> &'static Summary {
    static S: OnceLock<Summary> = OnceLock::new();
    S.get_or_init(|| common::summary_2018(SIMS, SEED))
}

/// A decoded RGB image.
struct Image {
    w: u32,
    h: u32,
    rgb: Vec<u8>,
}

impl Image {
    fn decode(bytes: &[u8]) -> Image {
        let mut reader = png::Decoder::new(std::io::Cursor::new(bytes)).read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        assert_eq!(info.color_type, png::ColorType::Rgb);
        assert_eq!(info.bit_depth, png::BitDepth::Eight);
        buf.truncate(info.buffer_size());
        Image { w: info.width, h: info.height, rgb: buf }
    }

    fn pixel(&self, i: usize) -> (u8, u8, u8) {
        (self.rgb[3 * i], self.rgb[3 * i + 1], self.rgb[3 * i + 2])
    }

    fn count(&self, c: (u8, u8, u8)) -> usize {
        (0..(self.w * self.h) as usize).filter(|&i| self.pixel(i) == c).count()
    }

    fn non_background(&self) -> f64 {
        let n = (self.w * self.h) as usize;
        (0..n).filter(|&i| self.pixel(i) != (255, 255, 255)).count() as f64 / n as f64
    }

    /// Connected regions (4-neighbour) of exactly colour `c` with at least `min` pixels.
    fn blobs(&self, c: (u8, u8, u8), min: usize) -> usize {
        let (w, h) = (self.w as usize, self.h as usize);
        let mut seen = vec![false; w * h];
        let mut blobs = 0;
        for start in 0..w * h {
            if seen[start] || self.pixel(start) != c {
                continue;
            }
            let mut stack = vec![start];
            seen[start] = true;
            let mut size = 0;
            while let Some(i) = stack.pop() {
                size += 1;
                let (x, y) = (i % w, i / w);
                let mut push = |j: usize| {
                    if !seen[j] && self.pixel(j) == c {
                        seen[j] = true;
                        stack.push(j);
                    }
                };
                if x > 0 {
                    push(i - 1);
                }
                if x + 1 < w {
                    push(i + 1);
                }
                if y > 0 {
                    push(i - w);
                }
                if y + 1 < h {
                    push(i + w);
                }
            }
            if size >= min {
                blobs += 1;
            }
        }
        blobs
    }
}

fn rgb(code: &str) -> (u8, u8, u8) {
    let c = colours::of(code);
    (c.0, c.1, c.2)
}

/// Renders the summary's charts into a temporary directory through the atomic writer and decodes them back.
fn rendered(s: &Summary) -> BTreeMap<String, Image> {
    let dir = tempfile::tempdir().unwrap();
    let (files, notes) = chart::render(s).unwrap();
    assert!(notes.is_empty(), "{notes:?}");
    let written = write_all(dir.path(), &files).unwrap();
    assert_eq!(written.len(), 5);
    written
        .iter()
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            (name, Image::decode(&std::fs::read(p).unwrap()))
        })
        .collect()
}

#[test]
fn every_chart_has_the_size_content_and_party_colours() {
    let s = summary();
    let images = rendered(s);
    assert_eq!(images.keys().cloned().collect::<Vec<_>>(), ["nations", "outcomes", "parliament", "seats", "swing"]);
    let expected: [(&str, &[&str]); 5] = [
        ("seats", &["con", "lab", "ld"]),
        ("outcomes", &["con", "lab", "snp", "ld"]),
        ("parliament", &["con", "lab", "snp", "ld", "dup"]),
        ("swing", &["con", "lab", "ld", "snp"]),
        ("nations", &["con", "lab", "ld", "snp", "dup"]),
    ];
    for (name, parties) in expected {
        let img = &images[name];
        assert_eq!((img.w, img.h), (1600, 1000), "{name}");
        let ink = img.non_background();
        assert!(ink > 0.04, "{name}: only {:.1}% of the pixels are drawn", ink * 100.0);
        for p in parties {
            let n = img.count(rgb(p));
            assert!(n >= 100, "{name}: {n} pixels of {p}'s colour");
        }
    }
}

#[test]
fn configured_size_is_honoured() {
    let mut s = summary().clone();
    s.charts.width = 1000;
    s.charts.height = 700;
    for (name, img) in rendered(&s) {
        assert_eq!((img.w, img.h), (1000, 700), "{name}");
        assert!(img.non_background() > 0.04, "{name}");
        assert!(img.count(rgb("lab")) >= 50, "{name}");
    }
}

#[test]
fn parliament_has_one_dot_per_seat_in_each_party_colour() {
    let s = summary();
    let images = rendered(s);
    let img = &images["parliament"];
    assert_eq!(s.median_parliament.values().sum::<u32>(), 650);
    for (party, seats) in &s.median_parliament {
        // Every seat's dot, plus the party's dot in the legend.
        assert_eq!(img.blobs(rgb(party), 20), *seats as usize + 1, "{party}");
    }
    // The layout the chart uses: one position per seat, parties in seating order.
    let layout = parliament::hemicycle(650);
    assert_eq!(layout.seats.len(), 650);
    let parties = parliament::seat_parties(s);
    assert_eq!(parties.len(), 650);
    for (party, seats) in &s.median_parliament {
        assert_eq!(parties.iter().filter(|p| *p == party).count(), *seats as usize, "{party}");
    }
}

#[test]
fn swing_sweep_is_centred_on_the_scenario_and_monotone() {
    let s = summary();
    let sw = s.swing_sweep.as_ref().expect("a sweep");
    // Con 35 = Lab 35: Labour leads on central seats (284 to 281).
    assert_eq!((sw.to.as_str(), sw.from.as_str()), ("lab", "con"));
    assert_eq!(sw.areas, ["England"]);
    assert_eq!(sw.scenario_lead, 0.0);
    assert_eq!(sw.swing.len(), 61);
    assert_eq!((sw.swing[0], sw.swing[30], sw.swing[60]), (-15.0, 0.0, 15.0));
    for (party, seats) in &sw.seats {
        assert_eq!(seats.len(), 61);
        assert_eq!(seats[30], s.central_seats.get(party).copied().unwrap_or(0), "{party} at swing 0");
    }
    for i in 0..61 {
        assert_eq!(sw.seats.values().map(|v| v[i]).sum::<u32>(), 650);
    }
    assert!(sw.seats["lab"].windows(2).all(|w| w[0] <= w[1]));
    assert!(sw.seats["con"].windows(2).all(|w| w[0] >= w[1]));
    // The same on one thread as on the default pool.
    let scenario = Scenario::load(Path::new("scenarios/2018-bbc-pns.toml")).unwrap();
    let baseline = load_baseline(&scenario).unwrap();
    let plan = Plan::new(&baseline, &scenario, "2018").unwrap();
    let central = project(&baseline, &plan);
    let one = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
    assert_eq!(one.install(|| sweep(&baseline, &plan, &central)).as_ref(), Some(sw));
}

#[test]
fn charts_are_the_same_bytes_from_the_saved_json() {
    let s = summary();
    let json = serde_json::to_vec_pretty(s).unwrap();
    let (a, _) = chart::render_saved(&json, "summary.json", None, None).unwrap();
    let (b, _) = chart::render_saved(&json, "summary.json", None, None).unwrap();
    assert_eq!(a.len(), 5);
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x.name, y.name);
        assert!(x.bytes == y.bytes, "{}", x.name);
    }
}

#[test]
fn bad_summaries_are_one_line_errors() {
    let json = serde_json::to_string(summary()).unwrap();
    let cases = [
        (json[..json.len() / 2].to_string(), "not valid JSON"),
        (r#"{"format": "pns-backtest/1"}"#.to_string(), "format is 'pns-backtest/1'"),
        ("[1, 2, 3]".to_string(), "no format tag"),
        (r#"{"format": "pns-summary/2", "sims": 3}"#.to_string(), "incomplete summary"),
        // A summary of the first format (no per-seat shares) names both formats.
        (
            r#"{"format": "pns-summary/1", "sims": 3}"#.to_string(),
            "format is 'pns-summary/1': expected a summary.json written by `pns run` (format pns-summary/2)",
        ),
    ];
    for (text, needle) in cases {
        let e = chart::read_summary(text.as_bytes(), "x.json").unwrap_err().to_string();
        assert!(e.starts_with("x.json: ") && e.contains(needle), "{e}");
        assert!(!e.contains('\n'), "{e}");
    }
}
