//! Item 3 of the hardening review: vote counts that could overflow are refused at load, so no NaN or infinity is
//! ever printed or written (the reproducers: ward totals of 1e155 through `pns estimate` and a `[local]` scenario).

mod common;
use common::{fails_one_line, pns};
use std::io::Read;

/// The first `rows` wards of the shipped 2018–2022 pair, every vote count written as `count × 10^exp`.
fn scaled_wards(rows: usize, exp: u32) -> String {
    let mut text = String::new();
    flate2::read::GzDecoder::new(&include_bytes!("../scenarios/local/pair_2018_2022.csv.gz")[..])
        .read_to_string(&mut text)
        .unwrap();
    let mut lines = text.lines();
    let mut out = lines.next().unwrap().to_string() + "\n";
    for line in lines.take(rows) {
        let cells: Vec<String> = line
            .split(',')
            .enumerate()
            .map(|(i, c)| if i >= 3 && !c.is_empty() { format!("{c}{}", "0".repeat(exp as usize)) } else { c.into() })
            .collect();
        out += &(cells.join(",") + "\n");
    }
    out
}

#[test]
fn huge_ward_totals_are_refused_by_pns_estimate() {
    let dir = tempfile::tempdir().unwrap();
    let wards = dir.path().join("wards.csv");
    std::fs::write(&wards, scaled_wards(300, 155)).unwrap();
    let needles = ["wards.csv:2: field `earlier_total`", "expected a whole number of votes up to 100000000"];
    fails_one_line(pns().arg("estimate").arg(&wards), &needles);
    fails_one_line(pns().arg("estimate").arg(&wards).args(["--format", "json"]), &needles);
    // Just above the bound is refused too; the bound itself loads.
    let mut text = scaled_wards(300, 0);
    text = text.replacen(",4336,", ",100000001,", 1);
    std::fs::write(&wards, &text).unwrap();
    fails_one_line(pns().arg("estimate").arg(&wards), &["wards.csv:2: field `earlier_total`", "found '100000001'"]);
    std::fs::write(&wards, text.replacen(",100000001,", ",100000000,", 1)).unwrap();
    pns().arg("estimate").arg(&wards).args(["--bootstrap", "0"]).assert().success();
}

#[test]
fn huge_ward_totals_are_refused_through_a_local_scenario() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("wards.csv"), scaled_wards(300, 155)).unwrap();
    let scenario = dir.path().join("s.toml");
    std::fs::write(&scenario, "baseline = \"ge2019\"\nscope = \"england\"\n[local]\npair = \"wards.csv\"\n").unwrap();
    let needles = ["wards.csv:2: field `earlier_total`", "expected a whole number of votes up to 100000000"];
    fails_one_line(pns().arg("project").arg(&scenario), &needles);
    fails_one_line(pns().arg("run").arg(&scenario).args(["--sims", "10", "--quiet", "--no-charts"]), &needles);
}

#[test]
fn huge_baseline_counts_and_electorates_are_refused() {
    let text = std::fs::read_to_string("scenarios/baselines/ge2019.csv").unwrap();
    let mut lines: Vec<String> = text.lines().take(22).map(String::from).collect();
    let header: Vec<String> = lines[0].split(',').map(String::from).collect();
    let column = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("base.csv");
    for (col, value, needle) in [
        ("lab", "1".to_string() + &"0".repeat(155), "field `lab`: expected a whole number of votes up to 100000000"),
        ("electorate", "100000001".into(), "field `electorate`: expected a whole number of votes up to 100000000"),
    ] {
        let mut cells: Vec<String> = lines[3].split(',').map(String::from).collect();
        cells[column(col)] = value;
        let saved = std::mem::replace(&mut lines[3], cells.join(","));
        std::fs::write(&path, lines.join("\n") + "\n").unwrap();
        lines[3] = saved;
        let needles = ["base.csv:4: ", needle];
        fails_one_line(pns().arg("project").arg("--baseline").arg(&path).args(["--share", "lab=40"]), &needles);
    }
    // Every party just under the bound: the row sums to more than a constituency can count.
    let mut cells: Vec<String> = lines[3].split(',').map(String::from).collect();
    for p in ["con", "lab", "ld"] {
        cells[column(p)] = "60000000".into();
    }
    cells[column("valid_votes")] = String::new();
    lines[3] = cells.join(",");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let needles = ["base.csv:4: field `valid_votes`", "expected at most 100000000 per constituency"];
    fails_one_line(pns().arg("project").arg("--baseline").arg(&path).args(["--share", "lab=40"]), &needles);
}
