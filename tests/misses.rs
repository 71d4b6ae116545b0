//! No silent misses: a named party whose swing model could not give or take its change by more than half a point is
//! a `warning:` on stderr and a note in the JSON, checked against an independent calculation.

mod common;

use common::pns;
use pns::baseline::Baseline;
use pns::party::{N_PARTIES, Party};
use pns::project::{Plan, load_baseline};
use pns::scenario::{Model, Overrides};

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn warnings(err: &str) -> Vec<&str> {
    err.lines().filter(|l| l.starts_with("warning: ")).collect()
}

/// GB E of `party` over the projected seats, from the seat votes.
fn gb_base(b: &Baseline, party: Party) -> f64 {
    let seats = b.seats.iter().filter(|c| Baseline::is_gb_party_seat(c));
    let (v, t) = seats.fold((0.0, 0.0), |(v, t), c| (v + c.votes[party.index()], t + c.valid_votes));
    v / t
}

/// The first reproducer: UKIP at 29 % on GE2024 stood in 24 seats; uniform swing gives it 1.1 %.
#[test]
fn a_party_that_did_not_stand_is_a_warning() {
    let out =
        pns().args(["project", "--baseline", "ge2024", "--share", "ukip=29", "--format", "json"]).output().unwrap();
    assert!(out.status.success());
    let b = Baseline::load("ge2024").unwrap();
    let absent =
        b.seats.iter().filter(|c| Baseline::is_gb_party_seat(c) && c.shares[Party::UKIP.index()] == 0.0).count();
    let err = stderr(&out);
    let w = warnings(&err);
    assert_eq!(w.len(), 1, "{err}");
    assert!(w[0].starts_with("warning: GB: 'ukip' reaches 1.1% against its target of 29.0%"), "{err}");
    assert!(w[0].contains(&format!("did not stand in {absent} of the 631 seats")), "{err}");
    assert!(w[0].contains("stands_everywhere") && w[0].contains("stm or hybrid"), "{err}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["notes"].as_array().unwrap().iter().any(|n| format!("warning: {}", n.as_str().unwrap()) == w[0]));
    assert!((v["projected_gb_shares"]["ukip"].as_f64().unwrap() - 1.1).abs() < 0.05);
}

/// The second reproducer: Labour at 12 % on GE2024 falls below 0 in 118 seats under uniform swing.
#[test]
fn a_clipped_party_is_a_warning() {
    let shares = "reform=38,lab=12,con=15,ld=12,green=15";
    let out = pns().args(["project", "--baseline", "ge2024", "--share", shares, "--format", "json"]).output().unwrap();
    assert!(out.status.success());
    let b = Baseline::load("ge2024").unwrap();
    let change = 0.12 - gb_base(&b, Party::LAB);
    let clipped = b
        .seats
        .iter()
        .filter(|c| Baseline::is_gb_party_seat(c))
        .filter(|c| c.shares[Party::LAB.index()] > 0.0 && c.shares[Party::LAB.index()] + change < 0.0)
        .count();
    assert_eq!(clipped, 118);
    let err = stderr(&out);
    let lab = warnings(&err).into_iter().find(|w| w.starts_with("warning: GB: 'lab'")).expect(&err);
    assert!(lab.contains("reaches 14.3% against its target of 12.0%"), "{lab}");
    assert!(lab.contains("clipped at 0 in 118 of the 631 seats") && lab.contains("proportional or hybrid"), "{lab}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["notes"].as_array().unwrap().iter().any(|n| n.as_str().unwrap().starts_with("GB: 'lab' reaches 14.3%")));
    // The hybrid meets every target: no warning.
    let out = pns().args(["project", "--baseline", "ge2024", "--share", shares, "--model", "hybrid"]).output().unwrap();
    assert!(out.status.success() && warnings(&stderr(&out)).is_empty(), "{}", stderr(&out));
}

/// The run summary carries the warnings as notes (and has no `notes` when there are none: output/2018 is pinned
/// byte for byte by `tests/golden_outputs.rs`).
#[test]
fn the_run_summary_carries_them() {
    let out = pns()
        .args(["run", "--baseline", "ge2024", "--share", "ukip=29", "--sims", "200", "--seed", "1", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(warnings(&stderr(&out)).len(), 1);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["notes"][0].as_str().unwrap().starts_with("GB: 'ukip' reaches 1.1% against its target of 29.0%"));
    let quiet = pns()
        .args(["run", "--baseline", "ge2024", "--share", "ukip=29", "--sims", "200", "--seed", "1", "--quiet"])
        .output()
        .unwrap();
    assert!(quiet.status.success() && quiet.stderr.is_empty());
}

/// Every shipped scenario warns exactly where a named party's own share — max(C + P − E, 0) in the seats where it
/// stood, computed here from the baseline — misses its target by more than half a point: never where the
/// renormalisation alone moves it (the May 2018 projection, pinned by the golden outputs, has no warning), never
/// under the models that meet their targets.
#[test]
fn shipped_scenarios_warn_exactly_where_the_rule_says() {
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for dir in ["scenarios", "scenarios/local-elections"] {
        let mut found: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        found.sort();
        files.extend(found);
    }
    assert!(files.len() >= 15);
    for file in files {
        let out = pns().arg("project").arg(&file).output().unwrap();
        assert!(out.status.success(), "{}: {}", file.display(), stderr(&out));
        let err = stderr(&out);
        let mut got: Vec<String> = warnings(&err)
            .iter()
            .map(|w| w.trim_start_matches("warning: ").split(" reaches ").next().unwrap().to_string())
            .collect();
        got.sort();
        assert_eq!(got, expected(&file), "{}", file.display());
        if file.ends_with("2018-bbc-pns.toml") {
            assert!(got.is_empty());
        }
    }
}

/// "AREA: 'party'" of every named party whose own share misses its target by more than 0.5 points.
fn expected(file: &std::path::Path) -> Vec<String> {
    let args = pns::cli::ScenarioArgs { scenario: Some(file.to_path_buf()), ..Default::default() };
    let (s, _) = pns::commands::scenario_with_local(&args, &Overrides::default(), true).unwrap();
    let b = load_baseline(&s).unwrap();
    let plan = Plan::new(&b, &s, "test").unwrap();
    let mut out = Vec::new();
    if plan.rakes() || s.model != Model::Uns {
        return out; // every shipped scenario is UNS or raked
    }
    for (a, area) in plan.areas.iter().enumerate() {
        let (mut own, mut votes) = ([0.0; N_PARTIES], 0.0);
        for (_, c) in b.seats.iter().enumerate().filter(|(k, _)| plan.seat_area[*k] == Some(a)) {
            for i in 0..N_PARTIES {
                if c.shares[i] > 0.0 || plan.stands[i] {
                    own[i] += c.valid_votes * (c.shares[i] + area.target[i] - area.base[i]).max(0.0);
                }
            }
            votes += c.valid_votes;
        }
        for i in (0..N_PARTIES).filter(|&i| area.named[i]) {
            if (own[i] / votes - area.target[i]).abs() > 0.005 {
                out.push(format!("{}: '{}'", area.label, Party::from_index(i)));
            }
        }
    }
    out.sort();
    out
}
