//! `pns changes` and `pns seat`: read back against `pns project` and `pns run`, every shipped seat found, bad input.

mod common;

use common::{fails_one_line, fails_usage, pns};
use pns::baseline::Baseline;
use pns::seats::lookup::{Lookup, find, resolve};
use pns::seats::names::fold;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const BBC2018: &str = "scenarios/2018-bbc-pns.toml";

/// Runs `pns ARGS`, expects success and an empty stderr unless notes are allowed, and returns stdout.
fn stdout_of(args: &[&str]) -> String {
    let out = pns().args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn json_of(args: &[&str]) -> Value {
    serde_json::from_str(&stdout_of(args)).unwrap()
}

fn shipped() -> Vec<Baseline> {
    pns::shipped::names(&pns::shipped::BASELINES).into_iter().map(|n| Baseline::load(n).unwrap()).collect()
}

/// `pns run` of `args` into a fresh temporary directory, 2000 simulations, seed 1, no charts.
fn run_into(args: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let mut all = vec!["run"];
    all.extend(args);
    all.extend(["--out", out, "--sims", "2000", "--seed", "1", "--quiet", "--no-charts"]);
    stdout_of(&all);
    dir
}

fn summary_seats(dir: &Path) -> BTreeMap<String, Value> {
    let s: Value = serde_json::from_slice(&std::fs::read(dir.join("summary.json")).unwrap()).unwrap();
    s["constituencies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["code"].as_str().unwrap().to_string(), c.clone()))
        .collect()
}

fn as_u(v: &Value) -> i64 {
    v.as_i64().unwrap_or_else(|| panic!("not an integer: {v}"))
}

#[test]
fn changes_are_exactly_the_seats_the_projection_moves() {
    let proj = json_of(&["project", BBC2018, "--format", "json"]);
    let ch = json_of(&["changes", BBC2018, "--format", "json"]);
    let moved: BTreeMap<&str, (&str, &str)> = proj["constituencies"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["winner"] != c["baseline_winner"])
        .map(|c| (c["code"].as_str().unwrap(), (c["baseline_winner"].as_str().unwrap(), c["winner"].as_str().unwrap())))
        .collect();
    let listed: BTreeMap<&str, (&str, &str)> = ch["seats"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["code"].as_str().unwrap(), (c["from"].as_str().unwrap(), c["to"].as_str().unwrap())))
        .collect();
    assert_eq!(listed, moved);
    assert_eq!(listed.len(), 38);
    assert_eq!(as_u(&ch["seats_changing"]), 38);
    assert_eq!(ch["figure"], "central (deterministic) projection");
    assert_eq!((&ch["baseline"], &ch["model"], &ch["scope"]), (&proj["baseline"], &proj["model"], &proj["scope"]));
    assert_eq!(ch["scenario"], "BBC PNS May 2018");
    assert_eq!(ch["run"], Value::Null);

    // Per party, gains less losses is the projection's change in seats; the matrix's rows and columns give them.
    let seats = |key: &str, p: &str| proj[key].get(p).map_or(0, as_u);
    let parties: BTreeSet<&str> = proj["seats"].as_object().unwrap().keys().map(String::as_str).collect();
    let matrix = ch["matrix"].as_object().unwrap();
    for p in parties {
        let gains: i64 = matrix.get(p).map_or(0, |row| row.as_object().unwrap().values().map(as_u).sum());
        let losses: i64 = matrix.values().filter_map(|row| row.get(p)).map(as_u).sum();
        assert_eq!(gains - losses, seats("seats", p) - seats("baseline_seats", p), "{p}");
        let total = ch["parties"].as_array().unwrap().iter().find(|t| t["party"] == p).unwrap();
        assert_eq!((as_u(&total["gains"]), as_u(&total["losses"])), (gains, losses), "{p}");
        assert_eq!(as_u(&total["net"]), gains - losses);
        // The nations add up to the whole.
        let by_nation: i64 = ch["by_area"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["kind"] == "nation")
            .flat_map(|a| a["parties"].as_array().unwrap().iter().filter(|x| x["party"] == p).map(|x| as_u(&x["net"])))
            .sum();
        assert_eq!(by_nation, gains - losses, "{p}");
    }
    assert_eq!(matrix["lab"]["con"], 24);
    assert_eq!(matrix["ld"]["lab"], 2);
}

#[test]
fn changes_majorities_agree_with_the_projected_shares() {
    let proj = json_of(&["project", BBC2018, "--format", "json"]);
    let ch = json_of(&["changes", BBC2018, "--format", "json"]);
    let by_code: BTreeMap<&str, &Value> =
        proj["constituencies"].as_array().unwrap().iter().map(|c| (c["code"].as_str().unwrap(), c)).collect();
    let mut last: Option<(String, f64)> = None;
    for s in ch["seats"].as_array().unwrap() {
        let shares = by_code[s["code"].as_str().unwrap()]["shares"].as_object().unwrap();
        let mut v: Vec<(f64, &str)> = shares.iter().map(|(p, x)| (x.as_f64().unwrap(), p.as_str())).collect();
        v.sort_by(|a, b| b.0.total_cmp(&a.0));
        assert_eq!(s["to"], v[0].1);
        assert_eq!(s["runner_up"], v[1].1);
        let points = s["majority_points"].as_f64().unwrap();
        assert!((points - (v[0].0 - v[1].0)).abs() < 1e-5, "{s}");
        assert!((s["swing_to_undo"].as_f64().unwrap() - points / 2.0).abs() < 1e-5);
        // Within a gaining party the narrowest majority comes first.
        let to = s["to"].as_str().unwrap().to_string();
        if let Some((p, m)) = &last
            && *p == to
        {
            assert!(*m <= points);
        }
        last = Some((to, points));
    }
}

#[test]
fn changes_csv_is_one_row_per_seat_of_the_json() {
    let ch = json_of(&["changes", BBC2018, "--format", "json"]);
    let csv_text = stdout_of(&["changes", BBC2018, "--format", "csv"]);
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, pns::render::csv::changes::HEADER);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let seats = ch["seats"].as_array().unwrap();
    assert_eq!(rows.len(), seats.len());
    for (row, s) in rows.iter().zip(seats) {
        assert_eq!(&row[0], s["code"].as_str().unwrap());
        assert_eq!(&row[5], s["to"].as_str().unwrap());
        assert_eq!(row[7].parse::<f64>().unwrap(), s["majority_points"].as_f64().unwrap());
        assert_eq!((&row[10], &row[11]), ("", ""));
    }
}

#[test]
fn changes_table_says_which_figure_it_is() {
    let text = stdout_of(&["changes", BBC2018]);
    assert!(text.contains("Figures: the central (deterministic) projection."), "{text}");
    assert!(text.contains("38 of 650 seats change hands."));
    assert!(text.lines().any(|l| l.starts_with("E14000731  Harrow East")), "{text}");
    let england = text.lines().find(|l| l.starts_with("England ")).unwrap();
    assert_eq!(england.split_whitespace().collect::<Vec<_>>(), ["England", "533", "38", "+22", "-36", "+14"]);
}

#[test]
fn with_a_run_p_win_and_rating_are_the_summarys() {
    let dir = run_into(&[BBC2018]);
    let path = dir.path().to_str().unwrap();
    let summary = summary_seats(dir.path());
    let ch = json_of(&["changes", BBC2018, "--run", path, "--format", "json"]);
    assert_eq!(ch["run"]["sims"], 2000);
    assert_eq!(ch["run"]["seed"], 1);
    let seats = ch["seats"].as_array().unwrap();
    assert_eq!(seats.len(), 38);
    for s in seats {
        let run = &summary[s["code"].as_str().unwrap()];
        let expected = run["p_win"].get(s["to"].as_str().unwrap()).and_then(Value::as_f64).unwrap_or(0.0);
        assert_eq!(s["p_win"].as_f64().unwrap(), expected, "{s}");
        assert_eq!(s["rating"], run["rating"]);
    }
    // The narrowest gains are toss-ups, as they should be.
    assert_eq!(seats[0]["rating"], "tossup");

    let seat = json_of(&["seat", "Harrow East", BBC2018, "--run", path, "--format", "json"]);
    let run = &summary["E14000731"];
    for line in seat["parties"].as_array().unwrap() {
        let expected = run["p_win"].get(line["party"].as_str().unwrap()).and_then(Value::as_f64).unwrap_or(0.0);
        assert_eq!(line["p_win"].as_f64().unwrap(), expected, "{line}");
    }
    assert_eq!(seat["run"]["rating"], run["rating"]);
    assert_eq!(seat["run"]["favourite"], run["favourite"]);
    let csv_text = stdout_of(&["changes", BBC2018, "--run", path, "--format", "csv"]);
    assert!(csv_text.lines().nth(1).unwrap().ends_with(",tossup"), "{csv_text}");
}

#[test]
fn a_run_of_another_scenario_is_refused_on_one_line() {
    let other = run_into(&["--baseline", "ge2019", "--share", "lab=36,con=29"]);
    let path = other.path().to_str().unwrap();
    for cmd in [vec!["changes", BBC2018], vec!["seat", "Harrow East", BBC2018]] {
        let out = pns().args(&cmd).args(["--run", path]).output().unwrap();
        common::assert_one_line_error(&out, &["summary.json", "field `baseline`", "is 'ge2019', not 'ge2017'"]);
        assert!(out.stdout.is_empty());
    }
    // The same baseline with other shares, or another model.
    let same_baseline = run_into(&[BBC2018]);
    let path = same_baseline.path().to_str().unwrap();
    fails_one_line(
        pns().args(["changes", BBC2018, "--share", "con=36,lab=35,ld=16", "--run", path]),
        &["field `national_shares`", "con 35", "con 36"],
    );
    fails_one_line(pns().args(["changes", BBC2018, "--model", "stm", "--run", path]), &["field `model`", "not stm"]);
    // A summary edited by hand: a seat code, then a central winner, that this projection does not have.
    let file = same_baseline.path().join("summary.json");
    let original: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    let mut edited = original.clone();
    edited["constituencies"][3]["code"] = "E99999999".into();
    std::fs::write(&file, serde_json::to_vec(&edited).unwrap()).unwrap();
    fails_one_line(pns().args(["changes", BBC2018, "--run", path]), &["field `constituencies[3].code`", "E99999999"]);
    let mut edited = original;
    let seat = &mut edited["constituencies"][0];
    seat["central_winner"] = if seat["central_winner"] == "lab" { "con".into() } else { "lab".into() };
    std::fs::write(&file, serde_json::to_vec(&edited).unwrap()).unwrap();
    fails_one_line(pns().args(["seat", "Bath", BBC2018, "--run", path]), &["field `constituencies[0].central_winner`"]);
}

#[test]
fn a_bad_run_directory_is_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_str().unwrap();
    fails_one_line(pns().args(["changes", BBC2018, "--run", path]), &["summary.json", "cannot read"]);
    let missing = dir.path().join("nowhere");
    fails_one_line(pns().args(["changes", BBC2018, "--run"]).arg(&missing), &["--run", "not a directory"]);
    std::fs::write(dir.path().join("summary.json"), "{\"format\": \"pns-summary/2\"}").unwrap();
    fails_one_line(
        pns().args(["seat", "Harrow East", BBC2018, "--run", path]),
        &["summary.json", "incomplete summary"],
    );
    std::fs::write(dir.path().join("summary.json"), "not json\n{").unwrap();
    fails_one_line(pns().args(["changes", BBC2018, "--run", path]), &["summary.json", "not valid JSON"]);
    // A format clap does not know is a malformed command line, as for every command: exit 2, clap's message.
    for (cmd, bad, known) in
        [(vec!["changes", BBC2018], "xml", "table, json, csv"), (vec!["seat", "Bath"], "csv", "table, json")]
    {
        let out = pns().args(&cmd).args(["--format", bad]).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.starts_with(&format!("error: invalid value '{bad}' for '--format <FORMAT>'")), "{err}");
        assert!(err.contains(&format!("[possible values: {known}]")) && !err.contains("panicked"), "{err}");
        assert!(out.stdout.is_empty());
    }
    fails_usage(pns().args(["seat"]), &["<NAME|CODE>"]);
    fails_one_line(pns().args(["changes"]), &["no scenario"]);
}

#[test]
fn every_seat_of_every_shipped_baseline_is_found_by_name_and_code() {
    for b in shipped() {
        let folded: BTreeSet<String> = b.seats.iter().map(|c| fold(&c.name)).collect();
        // No two names of a shipped baseline fold to the same text, so an exact name is never ambiguous.
        assert_eq!(folded.len(), b.seats.len(), "{}", b.name);
        for (k, c) in b.seats.iter().enumerate() {
            for q in
                [c.name.clone(), c.code.clone(), c.name.to_uppercase(), c.code.to_lowercase(), format!(" {} ", c.name)]
            {
                assert_eq!(find(&b.seats, &q), Lookup::One(k), "{}: {q}", b.name);
            }
            assert_eq!(resolve(&b.seats, &b.name, &c.name), Ok(k));
        }
    }
}

#[test]
fn names_are_found_whatever_the_accents_and_punctuation() {
    let out = stdout_of(&["seat", "ynys mon", "--baseline", "ge2024"]);
    assert!(out.starts_with("Ynys Môn (W07000112) — Wales\n"), "{out}");
    assert!(out.contains("baseline:  pc won, majority 1.95 points (637 votes) over con"), "{out}");
    assert!(!out.contains("projected:"));
    let out = stdout_of(&["seat", "ASHTON UNDER LYNE", "--baseline", "ge2019"]);
    assert!(out.starts_with("Ashton-Under-Lyne (E14000537)"), "{out}");
    let out = stdout_of(&["seat", "queens park and maida vale", "--baseline", "ge2024"]);
    assert!(out.starts_with("Queen's Park and Maida Vale (E14001435)"), "{out}");
    let out = stdout_of(&["seat", "norwich s", "--baseline", "ge2024"]);
    assert!(out.starts_with("Norwich South (E14001409)"), "{out}");
    let by_code = json_of(&["seat", "e14000537", "--baseline", "ge2019", "--format", "json"]);
    assert_eq!(by_code["name"], "Ashton-Under-Lyne");
    assert_eq!(by_code["projected"], Value::Null);
    assert_eq!(by_code["scenario"], "ge2019 as it was");
}

#[test]
fn seat_json_holds_the_baseline_and_the_projection() {
    let s = json_of(&["seat", "Harrow East", BBC2018, "--format", "json"]);
    assert_eq!(s["figure"], "central (deterministic) projection");
    assert_eq!((&s["baseline_result"]["winner"], &s["projected"]["winner"]), (&"con".into(), &"lab".into()));
    assert_eq!(s["changes_hands"], true);
    assert_eq!(s["baseline_result"]["majority_votes"], 25129 - 23372);
    let proj = json_of(&["project", BBC2018, "--format", "json"]);
    let row = proj["constituencies"].as_array().unwrap().iter().find(|c| c["code"] == "E14000731").unwrap();
    assert_eq!(s["projected"]["shares"], row["shares"]);
    for line in s["parties"].as_array().unwrap() {
        let p = line["party"].as_str().unwrap();
        let base = s["baseline_result"]["shares"][p].as_f64().unwrap();
        let now = row["shares"][p].as_f64().unwrap();
        assert!((line["change"].as_f64().unwrap() - (now - base)).abs() < 1e-5, "{line}");
    }
}

#[test]
fn a_misspelt_or_ambiguous_seat_is_one_line_with_the_candidates() {
    let out = pns().args(["seat", "Croydon Eats", "--baseline", "ge2024"]).output().unwrap();
    common::assert_one_line_error(
        &out,
        &["no constituency is named 'Croydon Eats'", "did you mean Croydon East (E14001186)"],
    );
    assert!(out.stdout.is_empty());
    fails_one_line(
        pns().args(["seat", "Croydon", "--baseline", "ge2024"]),
        &["matches 4 constituencies", "Croydon East", "Croydon South", "Croydon West", "Streatham and Croydon North"],
    );
    fails_one_line(
        pns().args(["seat", "Croydon", BBC2018]),
        &["ge2017", "Croydon Central", "Croydon North", "Croydon South"],
    );
    fails_one_line(pns().args(["seat", "\u{1b}[31m", "--baseline", "ge2024"]), &["\\u{1b}"]);
    fails_one_line(pns().args(["seat", "Bath", "--baseline", "ge1997"]), &["unknown baseline 'ge1997'"]);
}
