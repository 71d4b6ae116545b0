//! `pns sweep` over a sweep file listing scenarios: each point is `pns run` of its file with the sweep's seed, the
//! files read back, shards merge byte for byte, and bad lists are one-line errors that write nothing.

mod common;

use common::{pns, succeeded as ok, sweep_refused as refused};
use serde_json::Value;
use std::path::Path;

const SHIPPED: &str = "scenarios/sweeps/ge2024-scenarios.toml";

fn read_json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn each_listed_scenario_is_pns_run_of_its_file_with_the_sweeps_seed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sweep");
    ok(pns().args(["sweep", SHIPPED, "--sims", "1500", "--quiet", "--out"]).arg(&dir).output().unwrap());
    let s = read_json(&dir.join("sweep.json"));
    assert_eq!((s["seed"].as_u64(), s["sims"].as_u64()), (Some(2026), Some(1500)));
    assert!(s.get("x").is_none() && s["y"].is_null() && s.get("model").is_none());
    let points = s["points"].as_array().unwrap();
    let files = ["scenarios/2025-bbc-pns.toml", "scenarios/2026-five-party.toml"];
    assert_eq!(points.len(), files.len());
    for (point, file) in points.iter().zip(files) {
        assert_eq!(point["file"], file);
        let run_dir = tmp.path().join(point["index"].to_string());
        let args = ["--seed", "2026", "--sims", "1500", "--quiet", "--no-charts", "--out"];
        ok(pns().arg("run").arg(file).args(args).arg(&run_dir).output().unwrap());
        let run = read_json(&run_dir.join("summary.json"));
        assert_eq!(point["scenario"], run["scenario"]["name"]);
        assert_eq!(point["model"], run["model"]);
        assert_eq!(point["p_hung"], run["p_hung"], "{file}");
        assert_eq!(point["outcome"], run["outcomes"][0]["outcome"], "{file}");
        assert_eq!(point["outcome_probability"], run["outcomes"][0]["probability"], "{file}");
        let mut compared = 0;
        for r in point["parties"].as_array().unwrap() {
            let Some(q) = run["parties"].as_array().unwrap().iter().find(|q| q["party"] == r["party"]) else {
                assert_eq!(r["central"].as_u64(), Some(0), "{r}");
                continue;
            };
            for key in ["central", "mean", "median", "p5", "p95", "p_majority", "p_largest"] {
                assert_eq!(r[key], q[key], "{file} {} {key}", r["party"]);
            }
            compared += 1;
        }
        assert!(compared >= 7, "{compared}");
        let seats: u64 = point["parties"].as_array().unwrap().iter().map(|r| r["central"].as_u64().unwrap()).sum();
        assert_eq!(seats, 650, "every seat: {file}");
    }
    // The CSV: a row per point × party, the scenario's name and file on each, no axis and no chart.
    let csv = std::fs::read_to_string(dir.join("sweep.csv")).unwrap();
    let header = csv.lines().next().unwrap();
    assert!(header.ends_with(",outcome,outcome_probability,scenario,file"), "{header}");
    let parties = s["parties"].as_array().unwrap().len();
    assert_eq!(csv.lines().count(), 1 + 2 * parties);
    assert!(csv.lines().nth(1).unwrap().ends_with(",BBC PNS May 2025,scenarios/2025-bbc-pns.toml"));
    assert!(!dir.join("sweep.png").exists());
}

#[test]
fn a_sharded_list_merges_to_the_single_sweep() {
    let tmp = tempfile::tempdir().unwrap();
    let run = |out: &Path, extra: &[&str]| {
        ok(pns().args(["sweep", SHIPPED, "--sims", "1100", "--quiet", "--out"]).arg(out).args(extra).output().unwrap())
    };
    let single = run(&tmp.path().join("single"), &["--format", "csv"]).stdout;
    let dirs: Vec<_> = (1..=3).map(|i| tmp.path().join(format!("s{i}"))).collect();
    for (i, d) in dirs.iter().enumerate() {
        run(d, &["--shard", &format!("{}/3", i + 1), "--threads", "1"]);
    }
    let merged = tmp.path().join("merged");
    let out =
        ok(pns().arg("merge").args(&dirs).args(["--format", "csv", "-q", "--out"]).arg(&merged).output().unwrap());
    assert_eq!(out.stdout, single);
    for f in ["sweep.csv", "sweep.json", "manifest.json"] {
        let (a, b) = (std::fs::read(tmp.path().join("single").join(f)), std::fs::read(merged.join(f)));
        assert_eq!(a.unwrap(), b.unwrap(), "{f}");
    }
}

#[test]
fn bad_lists_are_one_line_errors_naming_file_line_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let root = std::env::current_dir().unwrap().join("scenarios");
    let list = |body: &str| {
        let f = dir.path().join("list.toml");
        std::fs::write(&f, body).unwrap();
        f.to_str().unwrap().to_string()
    };
    let mixed = list(&format!(
        "[sweep]\nscenarios = [\"{}\", \"{}\"]\n",
        root.join("2025-bbc-pns.toml").display(),
        root.join("2018-bbc-pns.toml").display()
    ));
    refused(
        &[&mixed],
        &["2018-bbc-pns.toml", "field `baseline`", "expected the baseline of", "('ge2024'), found 'ge2017'"],
    );
    refused(&[&mixed, "--x", "reform=1:2:1"], &["error: --x: expected no axis for a sweep file listing scenarios"]);
    let missing = list("[sweep]\nscenarios = [\"nope.toml\"]\n");
    refused(&[&missing], &["list.toml:2: field `sweep.scenarios`", "nope.toml"]);
    let extra = list("[shares]\nlab = 30\n[sweep]\nscenarios = [\"a.toml\"]\n");
    refused(&[&extra], &["list.toml:1: unknown field `shares`"]);
    let empty = list("[sweep]\nscenarios = []\n");
    refused(&[&empty], &["list.toml:2: field `sweep.scenarios`: expected 1 to 10000 scenario files, found 0"]);
    let sims = list(&format!("[sweep]\nscenarios = [\"{}\"]\nsims = -5\n", root.join("2025-bbc-pns.toml").display()));
    refused(&[&sims], &["list.toml:3: field `sweep.sims`"]);
}
