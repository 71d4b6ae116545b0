//! `pns plot` and the charts of `pns run` and `pns estimate` through the binary.

mod common;

use common::pns;
use std::path::Path;

const CHARTS: [&str; 5] = ["seats.png", "outcomes.png", "parliament.png", "swing.png", "nations.png"];

fn run_to(dir: &Path, extra: &[&str]) {
    let out = pns()
        .args(["run", "scenarios/2018-bbc-pns.toml", "--sims", "2000", "--seed", "9", "--quiet", "--out"])
        .arg(dir)
        .args(extra)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

fn png_size(bytes: &[u8]) -> (u32, u32) {
    let reader = png::Decoder::new(std::io::Cursor::new(bytes)).read_info().unwrap();
    (reader.info().width, reader.info().height)
}

#[test]
fn plot_redraws_the_same_bytes_as_the_run() {
    let run = tempfile::tempdir().unwrap();
    run_to(run.path(), &[]);
    for c in CHARTS {
        assert_eq!(png_size(&std::fs::read(run.path().join(c)).unwrap()), (1600, 1000), "{c}");
    }
    // Into the summary's own directory (a copy of it), and into --out.
    let copy = tempfile::tempdir().unwrap();
    std::fs::copy(run.path().join("summary.json"), copy.path().join("summary.json")).unwrap();
    let out = pns().arg("plot").arg(copy.path().join("summary.json")).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let elsewhere = tempfile::tempdir().unwrap();
    pns().arg("plot").arg(run.path().join("summary.json")).arg("--out").arg(elsewhere.path()).assert().success();
    for c in CHARTS {
        let original = std::fs::read(run.path().join(c)).unwrap();
        assert!(original == std::fs::read(copy.path().join(c)).unwrap(), "{c} differs after pns plot");
        assert!(original == std::fs::read(elsewhere.path().join(c)).unwrap(), "{c} differs after pns plot --out");
    }
}

#[test]
fn no_charts_writes_none() {
    let dir = tempfile::tempdir().unwrap();
    run_to(dir.path(), &["--no-charts"]);
    assert!(dir.path().join("summary.json").exists());
    for c in CHARTS {
        assert!(!dir.path().join(c).exists(), "{c}");
    }
}

/// Every entry of a directory.
fn entries(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}

#[test]
fn bad_summaries_fail_on_one_line_and_write_nothing() {
    let run = tempfile::tempdir().unwrap();
    run_to(run.path(), &["--no-charts"]);
    let json = std::fs::read_to_string(run.path().join("summary.json")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let project_json =
        pns().args(["project", "scenarios/2018-bbc-pns.toml", "--format", "json"]).output().unwrap().stdout;
    let files: [(&str, Option<Vec<u8>>, &str); 5] = [
        ("missing.json", None, "cannot read"),
        ("truncated.json", Some(json.as_bytes()[..json.len() / 3].to_vec()), "not valid JSON"),
        ("project.json", Some(project_json), "no format tag"),
        ("other.json", Some(br#"{"format": "pns-backtest/1", "cases": []}"#.to_vec()), "format is 'pns-backtest/1'"),
        ("scenario.toml", Some(std::fs::read("scenarios/2018-bbc-pns.toml").unwrap()), "not valid JSON"),
    ];
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    for (name, body, needle) in files {
        let path = dir.path().join(name);
        if let Some(b) = &body {
            std::fs::write(&path, b).unwrap();
        }
        let before = entries(dir.path());
        for with_out in [false, true] {
            let mut cmd = pns();
            cmd.arg("plot").arg(&path);
            if with_out {
                cmd.arg("--out").arg(&out_dir);
            }
            let out = cmd.output().unwrap();
            assert!(!out.status.success(), "{name}");
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(err.trim_end().lines().count(), 1, "{err}");
            assert!(err.contains(&path.display().to_string()) && err.contains(needle), "{name}: {err}");
            assert!(!err.contains("panicked"), "{err}");
        }
        assert_eq!(entries(dir.path()), before, "{name}: something was written next to it");
        assert!(entries(&out_dir).is_empty(), "{name}: something was written to --out");
    }
}

#[test]
fn estimate_draws_pns_png() {
    let dir = tempfile::tempdir().unwrap();
    let out = pns()
        .args(["estimate", "--pair", "2018-2022", "--bootstrap", "200", "--chart"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("PNS estimate 2018-2022"));
    let bytes = std::fs::read(dir.path().join("pns.png")).unwrap();
    assert_eq!(png_size(&bytes), (1600, 1000));
    assert_eq!(entries(dir.path()), ["manifest.json", "pns.png"]);
    pns::output::manifest::verify(dir.path()).unwrap();
}
