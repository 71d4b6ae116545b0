//! A run's joined exports and self-explaining headlines: per-seat shares, majorities and P(win) in one file, checked
//! against `pns project` and recomputed here; every figure named.

mod common;

use common::pns;
use serde_json::Value;
use std::collections::BTreeMap;

/// The 2018 scenario run into `dir` (2,000 simulations, seed 3) and its projection, both as JSON.
fn run_and_project(dir: &std::path::Path) -> (Value, Value, String) {
    let out = pns()
        .args(["run", "scenarios/2018-bbc-pns.toml", "--sims", "2000", "--seed", "3", "--quiet", "--out"])
        .arg(dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let table = String::from_utf8(out.stdout).unwrap();
    let summary = serde_json::from_slice(&std::fs::read(dir.join("summary.json")).unwrap()).unwrap();
    let out = pns().args(["project", "scenarios/2018-bbc-pns.toml", "--format", "json"]).output().unwrap();
    assert!(out.status.success());
    (summary, serde_json::from_slice(&out.stdout).unwrap(), table)
}

fn shares(v: &Value) -> BTreeMap<String, f64> {
    v.as_object().unwrap().iter().map(|(k, x)| (k.clone(), x.as_f64().unwrap())).collect()
}

/// Winner (largest share, ties to `incumbent`) and the gap to the next share, recomputed from a share map.
fn contest(s: &BTreeMap<String, f64>, incumbent: &str) -> (String, f64) {
    let top = s.values().cloned().fold(f64::MIN, f64::max);
    let winner = if s.get(incumbent) == Some(&top) {
        incumbent.to_string()
    } else {
        s.iter().find(|(_, v)| **v == top).unwrap().0.clone()
    };
    let second = s.iter().filter(|(k, _)| **k != winner).map(|(_, v)| *v).fold(0.0, f64::max);
    (winner, top - second)
}

#[test]
fn every_seat_joins_shares_majority_and_chances_that_agree_with_the_projection() {
    let dir = tempfile::tempdir().unwrap();
    let (summary, projection, _) = run_and_project(dir.path());
    let seats = summary["constituencies"].as_array().unwrap();
    let projected = projection["constituencies"].as_array().unwrap();
    assert_eq!(seats.len(), 650);
    for (c, p) in seats.iter().zip(projected) {
        assert_eq!(c["code"], p["code"]);
        assert_eq!(c["nation"], p["nation"]);
        assert_eq!(c["central_winner"], p["winner"], "{}", c["name"]);
        let central = shares(&c["central_shares"]);
        assert_eq!(central, shares(&p["shares"]), "{}", c["name"]);
        for m in [&central, &shares(&c["baseline_shares"])] {
            let sum: f64 = m.values().sum();
            assert!((sum - 100.0).abs() < 1e-4, "{} sums to {sum}", c["name"]);
        }
        let (winner, gap) = contest(&central, c["baseline_winner"].as_str().unwrap());
        assert_eq!(c["central_winner"], winner.as_str());
        let majority = c["central_majority"].as_f64().unwrap();
        assert!((majority - gap).abs() < 1e-5, "{}: {majority} vs {gap}", c["name"]);
        let p_win = shares(&c["p_win"]);
        let total: f64 = p_win.values().sum();
        assert!((total - 1.0).abs() < 1e-6, "{}", c["name"]);
    }
}

#[test]
fn the_csv_carries_the_same_figures_as_the_json() {
    let dir = tempfile::tempdir().unwrap();
    let (summary, _, _) = run_and_project(dir.path());
    let mut reader = csv::Reader::from_path(dir.path().join("constituencies.csv")).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let seats = summary["constituencies"].as_array().unwrap();
    assert_eq!(rows.len(), seats.len());
    for (row, c) in rows.iter().zip(seats) {
        assert_eq!(&row[col("code")], c["code"].as_str().unwrap());
        let winner = c["central_winner"].as_str().unwrap();
        let votes: u64 = row[col("central_majority_votes")].parse().unwrap();
        assert_eq!(votes, c["central_majority_votes"].as_u64().unwrap());
        let p: f64 = row[col(&format!("p_{winner}"))].parse().unwrap();
        assert_eq!(p, c["p_win"].get(winner).and_then(Value::as_f64).unwrap_or(0.0));
        let share: f64 = row[col(&format!("central_{winner}"))].parse().unwrap();
        assert_eq!(share, c["central_shares"][winner].as_f64().unwrap());
        for (party, v) in shares(&c["baseline_shares"]) {
            assert_eq!(row[col(&format!("baseline_{party}"))].parse::<f64>().unwrap(), v);
        }
    }
}

#[test]
fn favourites_count_every_seat_once_and_the_summary_names_its_figures() {
    let dir = tempfile::tempdir().unwrap();
    let (summary, projection, table) = run_and_project(dir.path());
    let seats = summary["constituencies"].as_array().unwrap();
    let mut total = 0;
    for p in summary["parties"].as_array().unwrap() {
        let party = p["party"].as_str().unwrap();
        let n = seats.iter().filter(|c| c["favourite"] == party).count() as u64;
        assert_eq!(p["favourite_seats"].as_u64().unwrap(), n, "{party}");
        total += n;
    }
    assert_eq!(total, 650);
    for key in ["central", "mean", "median", "favourite_seats"] {
        assert!(summary["figures"][key].as_str().is_some_and(|s| !s.is_empty()), "{key}");
    }
    assert!(projection["figure"].as_str().unwrap().starts_with("central projection"));
    // The run table names its columns and says why Labour's central lead is not the simulations' verdict.
    assert!(table.contains(" fav ") && table.contains("central: the central projection"), "{table}");
    assert!(table.contains("note: lab is largest in the central projection but in"), "{table}");
}
