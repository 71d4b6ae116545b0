//! `pns sweep` through the binary: files read back, invariants of every point, the point that is `pns run`,
//! byte-identical across threads, the chart in both formats, one-line errors that write nothing.

mod common;
#[path = "common/xml.rs"]
mod xml;

use common::{pns, scenario_file, sweep_refused as refused};
use serde_json::Value;
use std::path::Path;

const SHIPPED: &str = "scenarios/sweep-reform-lab.toml";

/// `pns sweep SHIPPED ARGS --quiet --out DIR`: its stdout (the run must succeed).
fn sweep(dir: &Path, args: &[&str]) -> Vec<u8> {
    let out = pns().args(["sweep", SHIPPED, "--quiet", "--out"]).arg(dir).args(args).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

fn read_json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn png_size(bytes: &[u8]) -> (u32, u32) {
    let reader = png::Decoder::new(std::io::Cursor::new(bytes)).read_info().unwrap();
    (reader.info().width, reader.info().height)
}

#[test]
fn files_read_back_and_every_point_adds_up() {
    let dir = tempfile::tempdir().unwrap();
    let args = ["--x", "reform=26:32:2", "--y", "lab=18:22:2", "--sims", "300", "--format", "json"];
    let stdout = sweep(dir.path(), &[&args[..], &["--chart-format", "both"]].concat());
    let s = read_json(&dir.path().join("sweep.json"));
    assert_eq!(serde_json::from_slice::<Value>(&stdout).unwrap(), s);
    assert_eq!(s["format"], "pns-sweep/1");
    assert_eq!((s["x"]["n"].as_u64(), s["y"]["n"].as_u64(), s["sims"].as_u64()), (Some(4), Some(3), Some(300)));
    assert_eq!(s["seed"], 2025);
    let total = s["total_seats"].as_u64().unwrap();
    assert_eq!(total, 650);
    let points = s["points"].as_array().unwrap();
    let parties = s["parties"].as_array().unwrap();
    assert_eq!(points.len(), 12);
    for (k, p) in points.iter().enumerate() {
        assert_eq!(p["index"], k as u64);
        assert_eq!(p["x"].as_f64().unwrap(), 26.0 + 2.0 * (k % 4) as f64);
        assert_eq!(p["y"].as_f64().unwrap(), 18.0 + 2.0 * (k / 4) as f64);
        // Others scaled: the named parties still sum to the scenario's 93%.
        let named: f64 = p["shares"].as_object().unwrap().values().map(|v| v.as_f64().unwrap()).sum();
        assert!((named - 93.0).abs() < 1e-4, "{named}");
        let rows = p["parties"].as_array().unwrap();
        assert_eq!(rows.len(), parties.len());
        assert_eq!(rows.iter().map(|r| r["central"].as_u64().unwrap()).sum::<u64>(), total);
        let mean: f64 = rows.iter().map(|r| r["mean"].as_f64().unwrap()).sum();
        assert!((mean - total as f64).abs() < 1e-3, "{mean}");
        let mut p_maj = p["p_hung"].as_f64().unwrap();
        for r in rows {
            for key in ["p_majority", "p_largest"] {
                assert!((0.0..=1.0).contains(&r[key].as_f64().unwrap()));
            }
            let (p5, med, p95) = (r["p5"].as_u64(), r["median"].as_u64(), r["p95"].as_u64());
            assert!(p5 <= med && med <= p95);
            p_maj += r["p_majority"].as_f64().unwrap();
        }
        // Majorities and a hung parliament are the only outcomes.
        assert!((p_maj - 1.0).abs() < 1e-6, "{p_maj}");
    }
    let mut r = csv::Reader::from_path(dir.path().join("sweep.csv")).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert_eq!(rows.len(), points.len() * parties.len());
    for k in 0..points.len() {
        let seats: u64 =
            rows.iter().filter(|row| row[0] == *k.to_string()).map(|row| row[9].parse::<u64>().unwrap()).sum();
        assert_eq!(seats, total);
    }
    assert_eq!(png_size(&std::fs::read(dir.path().join("sweep.png")).unwrap()), (1600, 1000));
    let svg = std::fs::read_to_string(dir.path().join("sweep.svg")).unwrap();
    let doc = xml::parse(&svg).unwrap_or_else(|e| panic!("sweep.svg is not well-formed: {e}"));
    assert!(doc.iter().any(|e| e.name == "text" && e.text.contains("most likely outcome")));
    let manifest = read_json(&dir.path().join("manifest.json"));
    let names: Vec<&str> = manifest["files"].as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap()).collect();
    assert_eq!(names.len(), 4, "{names:?}");
}

#[test]
fn reforms_median_seats_rise_with_its_share_along_a_row() {
    let dir = tempfile::tempdir().unwrap();
    sweep(dir.path(), &["--x", "reform=15:35:2.5", "--y", "lab=20:20:1", "--sims", "400", "--no-charts"]);
    let s = read_json(&dir.path().join("sweep.json"));
    let reform = |p: &Value, key: &str| {
        p["parties"].as_array().unwrap().iter().find(|r| r["party"] == "reform").unwrap()[key].as_u64().unwrap()
    };
    let points = s["points"].as_array().unwrap();
    assert_eq!(points.len(), 9);
    for pair in points.windows(2) {
        for key in ["central", "median", "p5", "p95"] {
            assert!(reform(&pair[0], key) <= reform(&pair[1], key), "{key}: {} then {}", pair[0], pair[1]);
        }
    }
    assert!(reform(&points[8], "median") > reform(&points[0], "median") + 100);
    // One swept party: no chart.
    assert!(!dir.path().join("sweep.png").exists());
}

#[test]
fn the_point_at_the_scenarios_shares_is_pns_run() {
    let (sweep_dir, run_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    sweep(sweep_dir.path(), &["--x", "reform=29:31:1", "--y", "lab=19:21:1", "--sims", "3000", "--no-charts"]);
    let out = pns()
        .args(["run", SHIPPED, "--sims", "3000", "--quiet", "--no-charts", "--out"])
        .arg(run_dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let s = read_json(&sweep_dir.path().join("sweep.json"));
    let run = read_json(&run_dir.path().join("summary.json"));
    assert_eq!(run["seed"], s["seed"]);
    let point = &s["points"][4];
    assert_eq!((point["x"].as_f64(), point["y"].as_f64()), (Some(30.0), Some(20.0)));
    for (party, share) in point["shares"].as_object().unwrap() {
        assert_eq!(share, &run["national_shares"][party], "{party}");
    }
    assert_eq!(point["p_hung"], run["p_hung"]);
    assert_eq!(point["outcome"], run["outcomes"][0]["outcome"]);
    assert_eq!(point["outcome_probability"], run["outcomes"][0]["probability"]);
    let mut compared = 0;
    for r in point["parties"].as_array().unwrap() {
        let Some(q) = run["parties"].as_array().unwrap().iter().find(|q| q["party"] == r["party"]) else {
            assert_eq!((r["central"].as_u64(), r["p95"].as_u64()), (Some(0), Some(0)), "{r}");
            continue;
        };
        for key in ["central", "mean", "median", "p5", "p95", "p_majority", "p_largest"] {
            assert_eq!(r[key], q[key], "{} {key}", r["party"]);
        }
        compared += 1;
    }
    assert!(compared >= 8, "{compared}");
}

#[test]
fn same_bytes_on_one_and_two_threads() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let args = ["--x", "reform=20:30:5", "--y", "lab=20:30:5", "--sims", "2500", "--format", "csv"];
    let one = sweep(a.path(), &[&args[..], &["--threads", "1"]].concat());
    let two = sweep(b.path(), &[&args[..], &["--threads", "2"]].concat());
    assert_eq!(one, two);
    for f in ["sweep.csv", "sweep.json", "sweep.png", "manifest.json"] {
        assert_eq!(std::fs::read(a.path().join(f)).unwrap(), std::fs::read(b.path().join(f)).unwrap(), "{f}");
    }
}

#[test]
fn bad_flags_are_one_line_and_write_nothing() {
    refused(&[SHIPPED, "--x", "reform=35:15:1"], &["--x: expected at least from (35), found '15'"]);
    refused(&[SHIPPED, "--x", "reform=15:35:0"], &["--x: expected a step above 0, found '0'"]);
    refused(&[SHIPPED, "--x", "reform=15:35"], &["--x: expected PARTY=FROM:TO:STEP"]);
    refused(&[SHIPPED, "--x", "reform=-1:35:1"], &["--x: expected a share from 0 to 100 percent, found '-1'"]);
    refused(&[SHIPPED, "--x", "nope=1:2:1"], &["--x", "nope"]);
    refused(&[SHIPPED, "--x", "lab=1:2:1", "--y", "lab=1:3:1"], &["--y: expected a party other than x's, found 'lab'"]);
    refused(
        &[SHIPPED, "--x", "snp=1:2:1"],
        &["error: --x: expected a party the scenario's [shares] names", "found 'snp'"],
    );
    refused(
        &["--baseline", "ge2024", "--share", "reform=30,lab=20", "--x", "reform=1:2:1", "--y", "ld=1:2:1"],
        &["error: --y: expected a party the scenario's [shares] names (reform, lab), found 'ld'"],
    );
    refused(&[SHIPPED, "--x", "reform=0:100:0.01", "--y", "lab=0:100:0.01"], &["expected at most 1000000"]);
    refused(&[SHIPPED, "--others", "keep"], &["--others: expected scale or hold, found 'keep'"]);
    refused(
        &[SHIPPED, "--others", "hold", "--x", "reform=15:60:5"],
        &["field `sweep`", "at reform 60 and lab 35", "sum to 138.00%", "at most 100"],
    );
    refused(&[SHIPPED, "--x", "reform=15:60:5", "--y", "lab=20:50:5"], &["field `sweep`", "others = \"scale\""]);
    refused(&[SHIPPED, "--threads", "0"], &["--threads"]);
    refused(&[SHIPPED, "--chart-format", "gif"], &["--chart-format"]);
    refused(&["scenarios/2025-bbc-pns.toml"], &["field `sweep.x`", "--x PARTY=FROM:TO:STEP"]);
}

#[test]
fn bad_sweep_sections_name_the_line_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let file = |body: &str| scenario_file(dir.path(), "s.toml", &format!("[sweep]\n{body}"));
    let f = file("x = { party = \"lab\", from = 30, to = 40, step = -1 }\n");
    refused(&[f.to_str().unwrap()], &[":6: field `sweep.x.step`: expected a step above 0, found '-1'"]);
    let f = file(
        "x = { party = \"lab\", from = 30, to = 40, step = 1 }\ny = { party = \"lab\", from = 1, to = 2, step = 1 }\n",
    );
    refused(&[f.to_str().unwrap()], &[":7: field `sweep.y.party`: expected a party other than x's"]);
    let f = file("x = { party = \"lab\", from = 30, to = 40, step = 1 }\nsims = 0\n");
    refused(&[f.to_str().unwrap()], &[":7: field `sweep.sims`"]);
    let f = file("x = { party = \"lab\", from = 30, to = 40 }\n");
    refused(&[f.to_str().unwrap()], &[":6", "step"]);
    let f = file("x = { party = \"ld\", from = 1, to = 2, step = 1 }\n");
    refused(
        &[f.to_str().unwrap()],
        &[":6: field `sweep.x.party`: expected a party the scenario's [shares] names (con, lab)"],
    );
    let f = file("z = 1\n");
    refused(&[f.to_str().unwrap()], &[":6", "unknown field `z`"]);
    // The flag wins over the file's bad value.
    let f = file("x = { party = \"lab\", from = 30, to = 20, step = 1 }\n");
    let out = pns().arg("sweep").arg(&f).args(["--x", "lab=30:32:1", "--quiet"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().filter(|l| l.starts_with("   3")).count(), 3);
}
