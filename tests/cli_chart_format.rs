//! `--chart-format` and `[output] chart_format` through the binary: which files `pns run`, `pns plot` and
//! `pns estimate --chart` write, what the manifest lists, and one-line errors that write nothing.

mod common;

use common::{fails_one_line, pns, run_into, scenario_file};
use pns::output::manifest;
use std::path::Path;

const CHARTS: [&str; 5] = ["seats", "outcomes", "parliament", "swing", "nations"];

fn run_2018(dir: &Path, extra: &[&str]) {
    let out = pns()
        .args(["run", "scenarios/2018-bbc-pns.toml", "--sims", "500", "--seed", "3", "--quiet", "--out"])
        .arg(dir)
        .args(extra)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// The chart files of a directory, sorted.
fn charts_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".png") || n.ends_with(".svg"))
        .collect();
    v.sort();
    v
}

fn names(ext: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = CHARTS.iter().flat_map(|c| ext.iter().map(move |e| format!("{c}.{e}"))).collect();
    v.sort();
    v
}

fn listed(dir: &Path) -> Vec<String> {
    manifest::verify(dir).unwrap().files.into_iter().map(|e| e.name).collect()
}

#[test]
fn run_writes_png_svg_or_both_and_the_manifest_lists_them() {
    let png = tempfile::tempdir().unwrap();
    let both = tempfile::tempdir().unwrap();
    let svg = tempfile::tempdir().unwrap();
    run_2018(png.path(), &[]);
    run_2018(both.path(), &["--chart-format", "both"]);
    run_2018(svg.path(), &["--chart-format", "SVG"]);
    assert_eq!(charts_in(png.path()), names(&["png"]));
    assert_eq!(charts_in(both.path()), names(&["png", "svg"]));
    assert_eq!(charts_in(svg.path()), names(&["svg"]));
    for (dir, files) in [(&png, names(&["png"])), (&both, names(&["png", "svg"])), (&svg, names(&["svg"]))] {
        let listed = listed(dir.path());
        assert!(files.iter().all(|f| listed.contains(f)), "{listed:?}");
    }
    for c in CHARTS {
        let read = |d: &tempfile::TempDir, f: String| std::fs::read(d.path().join(f)).unwrap();
        // The format adds files and changes no bytes: the same PNG, the same SVG.
        assert!(read(&png, format!("{c}.png")) == read(&both, format!("{c}.png")), "{c}.png");
        assert!(read(&svg, format!("{c}.svg")) == read(&both, format!("{c}.svg")), "{c}.svg");
        assert!(read(&svg, format!("{c}.svg")).starts_with(b"<svg width=\"1600\" height=\"1000\""), "{c}.svg");
    }
    // The run's summary records a format other than png, so `pns plot` redraws the same files.
    let summary = |d: &tempfile::TempDir| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(d.path().join("summary.json")).unwrap()).unwrap()
    };
    assert_eq!(summary(&svg)["charts"]["format"], "svg");
    assert!(summary(&png)["charts"].get("format").is_none());
}

#[test]
fn plot_redraws_in_the_runs_format_or_the_flags() {
    let run = tempfile::tempdir().unwrap();
    run_2018(run.path(), &["--chart-format", "svg"]);
    let again = tempfile::tempdir().unwrap();
    pns().arg("plot").arg(run.path().join("summary.json")).arg("--out").arg(again.path()).assert().success();
    assert_eq!(charts_in(again.path()), names(&["svg"]));
    for c in CHARTS {
        let f = format!("{c}.svg");
        assert!(std::fs::read(run.path().join(&f)).unwrap() == std::fs::read(again.path().join(&f)).unwrap(), "{f}");
    }
    // The flag wins, and the new files join the run's in its manifest.
    let out = pns().args(["plot", "--chart-format", "png", "--quiet"]).arg(run.path().join("summary.json")).output();
    assert!(out.unwrap().status.success());
    assert_eq!(charts_in(run.path()), names(&["png", "svg"]));
    let listed = listed(run.path());
    assert!(names(&["png", "svg"]).iter().all(|f| listed.contains(f)), "{listed:?}");
}

#[test]
fn the_scenarios_format_applies_unless_the_flag_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let file =
        scenario_file(dir.path(), "s.toml", "[simulation]\nsims = 200\nseed = 1\n[output]\nchart_format = \"both\"\n");
    let out = dir.path().join("both");
    run_into(&file, &out).assert().success();
    assert_eq!(charts_in(&out), names(&["png", "svg"]));
    let flagged = dir.path().join("flagged");
    run_into(&file, &flagged).args(["--chart-format", "png"]).assert().success();
    assert_eq!(charts_in(&flagged), names(&["png"]));
}

#[test]
fn an_unknown_format_is_one_line_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let expect = "unknown chart format 'gif': expected png, svg or both";
    let mut run = pns();
    run.args(["run", "scenarios/2018-bbc-pns.toml", "--sims", "200", "--chart-format", "gif", "--out"]).arg(&out);
    fails_one_line(&mut run, &["--chart-format", expect]);
    assert!(!out.exists());
    // In a scenario: the file, the line and the field.
    let file = scenario_file(dir.path(), "s.toml", "[output]\nchart_format = \"jpeg\"\n");
    fails_one_line(&mut run_into(&file, &out), &["s.toml:6:", "output.chart_format", "'jpeg'"]);
    fails_one_line(&mut run_into(&file, &out), &["expected png, svg or both"]);
    let file = scenario_file(dir.path(), "n.toml", "[output]\nchart_format = 2\n");
    fails_one_line(&mut run_into(&file, &out), &["n.toml:6:"]);
    assert!(!out.exists());
    // `pns plot` and `pns estimate --chart` refuse it before writing.
    let run_dir = tempfile::tempdir().unwrap();
    run_2018(run_dir.path(), &["--no-charts"]);
    let before = std::fs::read_dir(run_dir.path()).unwrap().count();
    let mut plot = pns();
    plot.args(["plot", "--chart-format", "gif"]).arg(run_dir.path().join("summary.json"));
    fails_one_line(&mut plot, &["--chart-format", expect]);
    assert_eq!(std::fs::read_dir(run_dir.path()).unwrap().count(), before);
    let mut estimate = pns();
    estimate
        .args(["estimate", "--pair", "2018-2022", "--bootstrap", "0", "--chart-format", "gif", "--chart"])
        .arg(&out);
    fails_one_line(&mut estimate, &["--chart-format", expect]);
    assert!(!out.exists());
}

#[test]
fn estimate_draws_pns_as_svg() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("est");
    pns()
        .args(["estimate", "--pair", "2018-2022", "--bootstrap", "0", "--chart-format", "both", "--chart"])
        .arg(&out)
        .assert()
        .success();
    assert_eq!(charts_in(&out), ["pns.png", "pns.svg"]);
    assert!(listed(&out).contains(&"pns.svg".to_string()));
}
