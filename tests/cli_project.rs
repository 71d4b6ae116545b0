//! `pns project` and `pns baselines` through the binary: formats read back, and every kind of bad input.

mod common;

use common::{fails_one_line as fails_with, pns};
use std::io::Write;

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn temp_file(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let path = dir.path().join(name);
    std::fs::File::create(&path).unwrap().write_all(text.as_bytes()).unwrap();
    path.display().to_string()
}

#[test]
fn json_reads_back() {
    let out = pns()
        .args(["project", "--baseline", "ge2019", "--share", "lab=36", "--share", "con=29", "--share", "ld=18"])
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["baseline"], "ge2019");
    assert_eq!(v["model"], "uns");
    assert_eq!(v["total_seats"], 650);
    let seats: u64 = v["seats"].as_object().unwrap().values().map(|x| x.as_u64().unwrap()).sum();
    assert_eq!(seats, 650);
    assert_eq!(v["seats"]["speaker"], 1);
    assert_eq!(v["seats"]["sf"], 7);
    assert_eq!(v["national_shares"]["lab"], 36.0);
    let cons = v["constituencies"].as_array().unwrap();
    assert_eq!(cons.len(), 650);
    for c in cons {
        let total: f64 = c["shares"].as_object().unwrap().values().map(|x| x.as_f64().unwrap()).sum();
        assert!((total - 100.0).abs() < 1e-3, "{c}");
        assert!(c["code"].as_str().unwrap().len() == 9);
    }
    let speaker = cons.iter().find(|c| c["baseline_winner"] == "speaker").unwrap();
    assert_eq!(speaker["winner"], "speaker");
}

#[test]
fn table_shows_the_2018_projection() {
    let out = pns().args(["project", "scenarios/2018-bbc-pns.toml"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let row = |party: &str| -> Vec<String> {
        text.lines()
            .find(|l| l.starts_with(&format!("{party} ")))
            .unwrap()
            .split_whitespace()
            .map(String::from)
            .collect()
    };
    assert_eq!(row("lab")[1..4], ["262", "284", "+22"]);
    assert_eq!(row("con")[1..4], ["317", "281", "-36"]);
    assert!(text.contains("total") && text.contains("650"));
}

#[test]
fn csv_has_one_row_per_constituency() {
    let out = pns().args(["project", "scenarios/2018-bbc-pns.toml", "--format", "csv"]).output().unwrap();
    assert!(out.status.success());
    let mut r = csv::Reader::from_reader(out.stdout.as_slice());
    let headers = r.headers().unwrap().clone();
    assert_eq!(&headers[0], "code");
    let winner = headers.iter().position(|h| h == "winner").unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert_eq!(rows.len(), 650);
    assert_eq!(rows.iter().filter(|r| &r[winner] == "lab").count(), 284);
}

#[test]
fn every_shipped_scenario_projects() {
    for entry in std::fs::read_dir("scenarios").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            let out = pns().arg("project").arg(&path).args(["--format", "json"]).output().unwrap();
            assert!(out.status.success(), "{}: {}", path.display(), stderr_of(&out));
            let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(v["total_seats"], 650);
        }
    }
}

#[test]
fn baselines_lists_seat_totals() {
    let out = pns().args(["baselines", "--format", "json"]).output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), 6);
    let ge2024 = list.iter().find(|b| b["name"] == "ge2024").unwrap();
    assert_eq!(ge2024["seats"]["lab"], 411);
    assert_eq!(ge2024["seats"]["reform"], 5);
    // Published GB share (data/SOURCES.md): Lab 34.64.
    assert!((ge2024["gb_shares"]["lab"].as_f64().unwrap() - 34.64).abs() < 0.005);
}

#[test]
fn bad_scenarios_give_one_line_errors() {
    let dir = tempfile::tempdir().unwrap();
    let cases: &[(&str, &str, &[&str])] = &[
        ("over.toml", "baseline = \"ge2019\"\n[shares]\ncon = 60\nlab = 50\n", &["over.toml:2", "shares", "100"]),
        ("neg.toml", "baseline = \"ge2019\"\n[shares]\ncon = -5\n", &["neg.toml:3", "shares.con", "0 to 100"]),
        ("nan.toml", "baseline = \"ge2019\"\n[shares]\ncon = nan\n", &["nan.toml:3", "shares.con"]),
        (
            "party.toml",
            "baseline = \"ge2019\"\n[shares]\nwhig = 20\n",
            &["party.toml:3", "shares.whig", "unknown party"],
        ),
        ("base.toml", "baseline = \"ge1832\"\n[shares]\ncon = 20\n", &["ge1832", "baseline", "expected one of"]),
        (
            "region.toml",
            "baseline = \"ge2019\"\n[regions.mercia]\ncon = 20\n",
            &["region.toml:3", "regions.mercia", "unknown region"],
        ),
        ("key.toml", "baseline = \"ge2019\"\ncolour = \"blue\"\n[shares]\ncon = 20\n", &["key.toml:2", "colour"]),
        ("type.toml", "baseline = \"ge2019\"\n[shares]\ncon = \"lots\"\n", &["type.toml:3"]),
        ("empty.toml", "", &["empty.toml", "empty"]),
    ];
    for (name, text, needles) in cases {
        let path = temp_file(&dir, name, text);
        fails_with(pns().args(["project", &path]), needles);
    }
}

#[test]
fn bad_flags_give_one_line_errors() {
    fails_with(pns().args(["project", "--share", "con=abc"]), &["--share", "not a number"]);
    fails_with(pns().args(["project", "--share", "con=-3"]), &["--share", "0 to 100"]);
    fails_with(pns().args(["project", "--share", "tory=30"]), &["unknown party 'tory'"]);
    fails_with(pns().args(["project", "--share", "con=70,lab=40"]), &["shares", "100"]);
    fails_with(pns().args(["project", "--baseline", "ge1999", "--share", "con=30"]), &["unknown baseline 'ge1999'"]);
    fails_with(pns().args(["project", "missing.toml"]), &["missing.toml", "cannot read"]);
}

#[test]
fn bad_baseline_csvs_give_one_line_errors() {
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read_to_string("scenarios/baselines/ge2019.csv").unwrap();
    let mut lines: Vec<String> = good.lines().map(String::from).collect();
    // Missing column: drop `green` from the header and every row.
    let header: Vec<&str> = lines[0].split(',').collect();
    let green = header.iter().position(|h| *h == "green").unwrap();
    let drop_col = |l: &str| -> String {
        let f: Vec<&str> = l.split(',').collect();
        f.iter().enumerate().filter(|(i, _)| *i != green).map(|(_, x)| *x).collect::<Vec<_>>().join(",")
    };
    let missing = temp_file(&dir, "missing.csv", &format!("{}\n{}\n", drop_col(&lines[0]), drop_col(&lines[1])));
    fails_with(
        pns().args(["project", "--baseline", &missing, "--share", "con=30"]),
        &["missing.csv:1", "green", "missing column"],
    );
    // Duplicate code: repeat row 2 as row 4.
    let dup = temp_file(&dir, "dup.csv", &format!("{}\n{}\n{}\n{}\n", lines[0], lines[1], lines[2], lines[1]));
    fails_with(
        pns().args(["project", "--baseline", &dup, "--share", "con=30"]),
        &["dup.csv:4", "ons_id", "duplicate", "line 2"],
    );
    // Non-numeric vote count in `lab` on line 3.
    let lab = header.iter().position(|h| *h == "lab").unwrap();
    let mut f: Vec<String> = lines[2].split(',').map(String::from).collect();
    f[lab] = "lots".into();
    lines[2] = f.join(",");
    let nonnum = temp_file(&dir, "nonnum.csv", &format!("{}\n{}\n{}\n", lines[0], lines[1], lines[2]));
    fails_with(
        pns().args(["project", "--baseline", &nonnum, "--share", "con=30"]),
        &["nonnum.csv:3", "`lab`", "whole number"],
    );
    let empty = temp_file(&dir, "empty.csv", "");
    fails_with(pns().args(["project", "--baseline", &empty, "--share", "con=30"]), &["empty.csv", "empty file"]);
}

/// Line numbers in CSV errors are physical lines: right for CRLF files and after a quoted field spanning lines.
#[test]
fn csv_errors_name_the_physical_line_with_crlf_and_multiline_fields() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string("scenarios/baselines/ge2019.csv").unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let lab = header.split(',').position(|h| h == "lab").unwrap();
    let (first, second) = (lines.next().unwrap().to_string(), lines.next().unwrap());
    let mut bad: Vec<String> = second.split(',').map(String::from).collect();
    bad[lab] = "x".into();
    let bad = bad.join(",");
    // The constituency name as a quoted field over two lines.
    let mut quoted: Vec<String> = first.split(',').map(String::from).collect();
    quoted[1] = format!("\"{}\r\n(two lines)\"", quoted[1]);
    let quoted = quoted.join(",");
    for (name, end, first_row, want) in [
        ("lf.csv", "\n", first.clone(), ":3:"),
        ("crlf.csv", "\r\n", first.clone(), ":3:"),
        ("multiline.csv", "\r\n", quoted.clone(), ":4:"),
    ] {
        let body = [header, first_row.as_str(), bad.as_str()].join(end) + end;
        let path = temp_file(&dir, name, &body);
        fails_with(
            pns().args(["project", "--baseline", &path, "--share", "con=40"]),
            &[&format!("{name}{want}"), "`lab`"],
        );
    }
    // A row with too few fields on line 4 (the csv crate's own count would say line 3 of a CRLF file): the error
    // names line 4 and carries no other line number.
    for (name, end) in [("short-lf.csv", "\n"), ("short-crlf.csv", "\r\n")] {
        let body = [header, first.as_str(), second, "E14999999,Nowhere,London"].join(end) + end;
        let path = temp_file(&dir, name, &body);
        let out = pns().args(["project", "--baseline", &path, "--share", "con=40"]).output().unwrap();
        common::assert_one_line_error(&out, &[&format!("{name}:4: malformed CSV row: found 3 fields, expected")]);
        assert!(!String::from_utf8_lossy(&out.stderr).contains("line:"), "{}", String::from_utf8_lossy(&out.stderr));
    }
}

#[test]
fn flags_override_the_file_and_say_what_they_replaced() {
    let out = pns().args(["project", "scenarios/2018-bbc-pns.toml", "--share", "lab=40", "--format", "json"]).output();
    let out = out.unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("note: --share replaces the scenario's [shares] table (con, lab, ld)"));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["national_shares"]["lab"], 40.0);
    assert_ne!(json["national_shares"]["con"], 35.0, "the file's table is replaced, not merged");
    // A contradiction between two flags is refused, naming the flag that gave the field.
    fails_with(
        pns().args(["project", "--baseline", "ge2019", "--share", "snp=10,lab=40", "--hold", "snp"]),
        &["error: --hold: 'snp' is both held"],
    );
}
