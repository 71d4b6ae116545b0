//! What users see, pinned: the README's main run (`output/2018/`), the 2018 charts as SVG
//! (`tests/golden/2018/`), the five charts of `scenarios/2026-five-party.toml` at 1600×1000 and 800×500 as PNG and
//! SVG (`tests/golden/five-party/`), a sweep's files and tables (`tests/golden/sweep/`), and the tables of
//! `project`, `backtest --all` and `estimate --all`, compared byte for byte (the SVGs as text) with the committed
//! fixtures.
//!
//! An intended change of an output is recorded with one command, which rewrites the fixtures (then review the diff
//! and say so in the commit):
//!
//! ```sh
//! PNS_BLESS=1 cargo test --release --test golden_outputs
//! ```

mod common;

use common::pns;
use pns::output::manifest;
use std::path::{Path, PathBuf};

/// Whether this run rewrites the fixtures instead of comparing with them.
fn blessing() -> bool {
    std::env::var_os("PNS_BLESS").is_some_and(|v| v == "1")
}

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Compares `got` with the fixture at `path` (or writes it when blessing); a mismatch names the first differing
/// line.
fn check(path: &Path, got: &[u8]) {
    if blessing() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, got).unwrap();
        return;
    }
    let want = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e} (PNS_BLESS=1 writes it)", path.display()));
    if want != got {
        let (w, g) = (String::from_utf8_lossy(&want), String::from_utf8_lossy(got));
        let line = w.lines().zip(g.lines()).position(|(a, b)| a != b).map(|i| i + 1);
        panic!(
            "{} differs from what the program now writes (first differing line: {line:?}); if the change is intended, \
             run `PNS_BLESS=1 cargo test --release --test golden_outputs` and say so in the commit",
            path.display()
        );
    }
}

fn stdout_of(args: &[&str]) -> Vec<u8> {
    let out = pns().args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

/// The README's main command, written to a fresh directory, equals the committed `output/2018/` file by file:
/// `summary.json` (but for the scenario's path), the three CSVs, the five charts and `manifest.json` (but for the
/// entry of `summary.json`); the committed directory matches its own manifest.
#[test]
fn the_readme_run_writes_output_2018_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let out = pns().args(["run", "scenarios/2018-bbc-pns.toml", "--quiet", "--out"]).arg(dir.path()).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let names = [
        "summary.json",
        "parties.csv",
        "histogram.csv",
        "constituencies.csv",
        "seats.png",
        "outcomes.png",
        "parliament.png",
        "swing.png",
        "nations.png",
        "manifest.json",
    ];
    let written: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(written.len(), names.len(), "{written:?}");
    for name in names {
        let got = std::fs::read(dir.path().join(name)).unwrap();
        let fixture = repo("output/2018").join(name);
        if name == "summary.json" && !blessing() {
            let without_path = |bytes: &[u8]| {
                let mut v: serde_json::Value = serde_json::from_slice(bytes).unwrap();
                v["scenario"]["file"] = serde_json::Value::Null;
                v
            };
            let want = std::fs::read(&fixture).unwrap();
            assert_eq!(without_path(&got), without_path(&want), "output/2018/summary.json");
            continue;
        }
        if name == "manifest.json" && !blessing() {
            let without_summary = |bytes: &[u8]| {
                let mut m = manifest::Manifest::parse(bytes, "manifest.json").unwrap();
                m.files.retain(|e| e.name != "summary.json");
                m
            };
            let want = std::fs::read(&fixture).unwrap();
            assert_eq!(without_summary(&got), without_summary(&want), "output/2018/manifest.json");
            continue;
        }
        check(&fixture, &got);
    }
    if !blessing() {
        manifest::verify(&repo("output/2018")).unwrap();
    }
}

/// Compares each chart `NAME.EXT` written in `dir` with the fixture of the same name in `fixtures`.
fn check_charts(dir: &Path, fixtures: &Path, exts: &[&str]) {
    for name in pns::render::chart::RUN_CHARTS {
        for ext in exts {
            let file = format!("{name}.{ext}");
            let got = std::fs::read(dir.join(&file)).unwrap_or_else(|e| panic!("{file} not written: {e}"));
            check(&fixtures.join(&file), &got);
        }
    }
}

/// The 2018 charts as SVG: every shape and line of text, compared as text.
#[test]
fn the_2018_charts_are_pinned_as_svg() {
    let dir = tempfile::tempdir().unwrap();
    let out = pns()
        .args(["run", "scenarios/2018-bbc-pns.toml", "--quiet", "--chart-format", "svg", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    check_charts(dir.path(), &repo("tests/golden/2018"), &["svg"]);
}

/// The five-party scenario runs without a missed-target warning, and its five charts are pinned as PNG (byte for
/// byte) and SVG at the default 1600×1000 and, redrawn by `pns plot` from the same summary, at 800×500.
#[test]
fn the_five_party_charts_are_pinned_at_two_sizes() {
    let dir = tempfile::tempdir().unwrap();
    let out = pns()
        .args(["run", "scenarios/2026-five-party.toml", "--chart-format", "both", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("warning"), "the five-party scenario must meet its targets: {stderr}");
    let fixtures = repo("tests/golden/five-party");
    check_charts(dir.path(), &fixtures.join("1600x1000"), &["png", "svg"]);

    let small = tempfile::tempdir().unwrap();
    let mut summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("summary.json")).unwrap()).unwrap();
    summary["charts"]["width"] = 800.into();
    summary["charts"]["height"] = 500.into();
    let json = small.path().join("summary.json");
    std::fs::write(&json, serde_json::to_vec_pretty(&summary).unwrap()).unwrap();
    let out = pns().args(["plot", "--quiet", "--chart-format", "both"]).arg(&json).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    check_charts(small.path(), &fixtures.join("800x500"), &["png", "svg"]);
}

/// A small sweep of the shipped sweep scenario (5 × 5 points, 1,000 simulations a point) — sweep.csv, sweep.json,
/// the chart as PNG and SVG, the table — and the shipped list of scenarios as a table and CSV.
#[test]
fn the_sweep_outputs_are_pinned() {
    let dir = tempfile::tempdir().unwrap();
    let grid = ["--x", "reform=25:35:2.5", "--y", "lab=15:25:2.5", "--sims", "1000", "--chart-format", "both"];
    let out = pns()
        .args(["sweep", "scenarios/sweep-reform-lab.toml", "--quiet", "--out"])
        .arg(dir.path())
        .args(grid)
        .output();
    let out = out.unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let fixtures = repo("tests/golden/sweep");
    check(&fixtures.join("sweep.txt"), &out.stdout);
    for name in ["sweep.csv", "sweep.json", "sweep.png", "sweep.svg"] {
        check(&fixtures.join(name), &std::fs::read(dir.path().join(name)).unwrap());
    }
    let list = "scenarios/sweeps/ge2024-scenarios.toml";
    check(&fixtures.join("list.txt"), &stdout_of(&["sweep", list, "--sims", "1000", "--quiet"]));
    check(&fixtures.join("list.csv"), &stdout_of(&["sweep", list, "--sims", "1000", "--quiet", "--format", "csv"]));
}

#[test]
fn the_projection_table_is_pinned() {
    check(&repo("tests/golden/project-2018.txt"), &stdout_of(&["project", "scenarios/2018-bbc-pns.toml"]));
    check(
        &repo("tests/golden/project-2021-2024-hybrid.txt"),
        &stdout_of(&["project", "scenarios/local-elections/2021-2024-hybrid.toml"]),
    );
}

#[test]
fn the_backtest_table_is_pinned() {
    check(&repo("tests/golden/backtest-all.txt"), &stdout_of(&["backtest", "--all"]));
    check(&repo("tests/golden/backtest-all.csv"), &stdout_of(&["backtest", "--all", "--format", "csv"]));
}

#[test]
fn the_baselines_and_csv_outputs_are_pinned() {
    check(&repo("tests/golden/baselines.txt"), &stdout_of(&["baselines"]));
    check(&repo("tests/golden/baselines.csv"), &stdout_of(&["baselines", "--format", "csv"]));
    check(
        &repo("tests/golden/project-2018.csv"),
        &stdout_of(&["project", "scenarios/2018-bbc-pns.toml", "--format", "csv"]),
    );
    check(
        &repo("tests/golden/estimate-2018-2022.csv"),
        &stdout_of(&["estimate", "--pair", "2018-2022", "--format", "csv"]),
    );
    check(&repo("tests/golden/estimate-2018-2022.txt"), &stdout_of(&["estimate", "--pair", "2018-2022"]));
}

#[test]
fn the_estimate_tables_are_pinned() {
    check(&repo("tests/golden/estimate-all.txt"), &stdout_of(&["estimate", "--all"]));
    check(
        &repo("tests/golden/estimate-2021-2024-geography.txt"),
        &stdout_of(&["estimate", "--pair", "2021-2024", "--geography"]),
    );
}
