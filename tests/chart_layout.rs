//! Chart text that always fits: for every run chart (of the 2018 run, a run with a 196-character title and a nation
//! table, and a five-party run on GE2024) and pns.png at 800×500, 1600×1000 and 3200×2000, every line of text lies
//! inside the canvas and no two lines' boxes (advance width × ascent to descent) intersect.

mod common;

use pns::render::chart::{self, TextBox};
use pns::summary::Summary;

const SIZES: [(u32, u32); 3] = [(800, 500), (1600, 1000), (3200, 2000)];

/// A title of 196 characters: more than two lines (so shortened) at 800 pixels.
const LONG_TITLE: &str = "Projected national share after the May local elections, with a much longer name than \
                          any chart title would usually need to carry, to see how the charts wrap it and then \
                          shorten it with an ellipsis";

/// Boxes may share an edge (a wrapped line's descent meeting the next line's ascent), not more.
const EPS: f64 = 0.01;

fn intersect(a: &TextBox, b: &TextBox) -> bool {
    let (a, b) = (a.rect, b.rect);
    a.0 < b.2 - EPS && b.0 < a.2 - EPS && a.1 < b.3 - EPS && b.1 < a.3 - EPS
}

/// What is wrong with the text of one chart: boxes off the canvas and pairs that intersect.
fn problems(chart: &str, (w, h): (u32, u32), boxes: &[TextBox]) -> Vec<String> {
    let mut out = Vec::new();
    let boxes: Vec<&TextBox> = boxes.iter().filter(|b| !b.text.trim().is_empty()).collect();
    for b in &boxes {
        let (l, t, r, btm) = b.rect;
        if l < 0.0 || t < 0.0 || r > f64::from(w) || btm > f64::from(h) {
            out.push(format!("{chart} {w}×{h}: '{}' leaves the canvas: {:?}", b.text, b.rect));
        }
    }
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            if intersect(a, b) {
                out.push(format!("{chart} {w}×{h}: '{}' {:?} overlaps '{}' {:?}", a.text, a.rect, b.text, b.rect));
            }
        }
    }
    out
}

/// The problems of every run chart of `s` at every size.
fn run_chart_problems(label: &str, s: &Summary) -> Vec<String> {
    let mut out = Vec::new();
    for size in SIZES {
        let mut s = s.clone();
        (s.charts.width, s.charts.height) = size;
        for name in chart::RUN_CHARTS {
            let boxes = chart::layout(&s, name).unwrap().unwrap_or_else(|| panic!("{label}: no {name} chart"));
            assert!(boxes.len() >= 4, "{label} {name}: {} lines", boxes.len());
            out.extend(problems(&format!("{label} {name}.png"), size, &boxes));
        }
    }
    out
}

/// A scenario file in a temporary directory, run with 400 simulations.
fn summary_of(toml: &str) -> Summary {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scenario.toml");
    std::fs::write(&path, toml).unwrap();
    common::summary_of(&path, 400, 7)
}

fn long_title() -> Summary {
    summary_of(&format!(
        "name = \"{LONG_TITLE}\"\nbaseline = \"ge2017\"\nmodel = \"uns\"\n[shares]\ncon = 35\nlab = 35\nld = 16\n\
         [regions.scotland]\nsnp = 38\ncon = 27\nlab = 25\nld = 7\n"
    ))
}

fn five_parties() -> Summary {
    summary_of(
        "name = \"Five parties\"\nbaseline = \"ge2024\"\n[shares]\nreform = 29\nlab = 20\ncon = 18\nld = 13\n\
         green = 12\n",
    )
}

fn assert_none(problems: Vec<String>) {
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn text_of_the_2018_run_charts_fits_at_every_size() {
    assert_none(run_chart_problems("2018", &common::summary_2018(2000, 2018)));
}

#[test]
fn text_of_a_long_titled_run_fits_and_the_title_wraps_then_shortens() {
    let s = long_title();
    assert_none(run_chart_problems("long title", &s));
    assert!(LONG_TITLE.len() >= 118);
    let mut shortened = 0;
    for (w, h) in SIZES {
        let mut s = s.clone();
        (s.charts.width, s.charts.height) = (w, h);
        for name in chart::RUN_CHARTS {
            let boxes = chart::layout(&s, name).unwrap().unwrap();
            let title: Vec<&TextBox> = boxes.iter().take_while(|b| b.bold && b.size == boxes[0].size).collect();
            assert!((1..=2).contains(&title.len()), "{name} {w}×{h}: title in {} lines", title.len());
            let joined = title.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join(" ");
            assert!(joined.starts_with(LONG_TITLE.split(',').next().unwrap()), "{name} {w}×{h}: {joined}");
            match joined.strip_suffix('…') {
                Some(start) => {
                    assert_eq!(title.len(), 2, "{name} {w}×{h}: shortened before using two lines");
                    assert!(LONG_TITLE.starts_with(start.trim_end()) || start.starts_with(LONG_TITLE), "{joined}");
                    shortened += 1;
                }
                None => assert!(joined.starts_with(LONG_TITLE) && !joined.contains('…'), "{name} {w}×{h}: {joined}"),
            }
            if w == 800 {
                assert_eq!(title.len(), 2, "{name}: the long title takes two lines at 800 pixels");
            }
        }
    }
    assert!(shortened > 0, "no title was long enough to be shortened");
}

/// The checker finds what it must: a line moved onto another, and a line moved off the canvas.
#[test]
fn the_checker_finds_overlaps_and_text_off_the_canvas() {
    let mut s = common::summary_2018(200, 1);
    (s.charts.width, s.charts.height) = (800, 500);
    let mut boxes = chart::layout(&s, "seats").unwrap().unwrap();
    assert!(problems("seats", (800, 500), &boxes).is_empty());
    let mut moved = boxes[1].clone();
    moved.rect = (boxes[0].rect.0 + 5.0, boxes[0].rect.1 + 2.0, boxes[0].rect.2, boxes[0].rect.3 + 2.0);
    boxes.push(moved);
    assert_eq!(problems("seats", (800, 500), &boxes).len(), 1);
    let last = boxes.len() - 1;
    boxes[last].rect = (790.0, 480.0, 820.0, 495.0);
    let found = problems("seats", (800, 500), &boxes);
    assert!(found.len() == 1 && found[0].contains("leaves the canvas"), "{found:?}");
}

#[test]
fn text_of_a_five_party_run_fits_at_every_size() {
    assert_none(run_chart_problems("five parties", &five_parties()));
}

#[test]
fn text_of_the_pns_chart_fits_at_every_size() {
    let opts = pns::estimate::EstimateOptions { bootstrap: 200, ..Default::default() };
    let e = pns::estimate::estimate_shipped("2018-2022", &opts).unwrap();
    let mut out = Vec::new();
    for (w, h) in SIZES {
        let d = chart::pns::render(&e, w, h).unwrap();
        out.extend(problems("pns.png", (w, h), &d.texts()));
    }
    assert_none(out);
}

/// The subtitle states the inputs: the target shares in the parties' order, the nation table, baseline, model,
/// simulations and seed.
#[test]
fn every_run_chart_states_its_inputs() {
    let s = long_title();
    for name in chart::RUN_CHARTS {
        let boxes = chart::layout(&s, name).unwrap().unwrap();
        let text: String = boxes.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join(" ");
        for needle in [
            "Con 35 · Lab 35 · LD 16",
            "+ Scotland table",
            "GE2017",
            "uniform national swing",
            "400 simulations",
            "seed 7",
        ] {
            assert!(text.contains(needle), "{name}: '{needle}' not in {text}");
        }
    }
    let s = five_parties();
    let boxes = chart::layout(&s, "seats").unwrap().unwrap();
    let text: String = boxes.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join(" ");
    for party in ["Reform 29", "Lab 20", "Con 18", "LD 13", "Green 12"] {
        assert!(text.contains(party), "'{party}' not in {text}");
    }
}

/// The sweep chart (a 5 × 5 grid of the shipped sweep scenario, 300 simulations a point) at every size.
#[test]
fn text_of_the_sweep_chart_fits_at_every_size() {
    use clap::Parser;
    let argv = ["pns", "sweep", "scenarios/sweep-reform-lab.toml", "--x", "reform=25:35:2.5", "--y", "lab=15:25:2.5"];
    let pns::cli::Command::Sweep(args) =
        pns::cli::Cli::try_parse_from(argv.iter().chain(&["--sims", "300"])).unwrap().command
    else {
        unreachable!("a sweep command line")
    };
    let job = pns::commands::sweep::prepare(&args).unwrap();
    let cx = job.context(2025);
    let counts = pns::sweep::count(&cx, 0..job.points.len(), &|_| {}).unwrap();
    let sweep = pns::sweep::assemble(&cx, &counts);
    let mut found = Vec::new();
    for (w, h) in SIZES {
        let boxes = chart::sweep::render(&sweep, w, h).unwrap().texts();
        assert!(boxes.len() >= 10, "{w}×{h}: {} lines", boxes.len());
        found.extend(problems("sweep.png", (w, h), &boxes));
    }
    assert_none(found);
}
