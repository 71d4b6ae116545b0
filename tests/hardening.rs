//! Reproducers of the hardening review: contradictions refused or announced, paths, limits and messages.

mod common;
use common::{fails_one_line, pns, scenario_file};

/// A 21-seat baseline: the first rows of the shipped GE2019 file.
fn small_baseline(dir: &std::path::Path) -> std::path::PathBuf {
    let text = std::fs::read_to_string("scenarios/baselines/ge2019.csv").unwrap();
    let p = dir.join("small.csv");
    std::fs::write(&p, text.lines().take(22).collect::<Vec<_>>().join("\n") + "\n").unwrap();
    p
}

#[test]
fn the_majority_follows_the_baselines_seats_unless_set() {
    let dir = tempfile::tempdir().unwrap();
    let base = small_baseline(dir.path());
    let run = |extra: &[&str]| {
        let mut c = pns();
        c.args(["run", "--baseline"]).arg(&base).args(["--share", "lab=40,con=30", "--sims", "50", "--seed", "1"]);
        c.args(["--quiet", "--format", "json"]).args(extra);
        c.output().unwrap()
    };
    let out = run(&[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["total_seats"], 21);
    assert_eq!((json["majority"].as_u64(), json["effective_majority"].as_u64()), (Some(11), Some(6)));
    // Set above the seats that exist: refused, naming the field.
    let scen = dir.path().join("big.toml");
    std::fs::write(&scen, "baseline = \"small.csv\"\n[shares]\nlab = 40\n[parliament]\nmajority = 1000\n").unwrap();
    fails_one_line(
        pns().arg("run").arg(&scen).args(["--sims", "10", "--quiet"]),
        &["big.toml:5", "parliament.majority", "is 1000: expected at most the 21 seats"],
    );
}

#[test]
fn paths_in_a_scenario_are_relative_to_it_and_unknown_names_are_listed() {
    let dir = tempfile::tempdir().unwrap();
    small_baseline(dir.path());
    let scen = dir.path().join("s.toml");
    std::fs::write(&scen, "baseline = \"small.csv\"\n[shares]\nlab = 40\n[output]\ndir = \"out\"\n").unwrap();
    // Run from another working directory: the baseline and the output folder are found next to the scenario.
    let out = pns().current_dir(std::env::temp_dir()).arg("run").arg(&scen).args(["--sims", "20", "--quiet"]).output();
    let out = out.unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let summary = std::fs::read_to_string(dir.path().join("out/summary.json")).unwrap();
    assert!(summary.contains(&format!("\"baseline\": \"{}\"", dir.path().join("small.csv").display())), "{summary}");
    let bad = scenario_file(dir.path(), "pair.toml", "[local]\npair = \"2031-2035\"\n");
    fails_one_line(
        pns().arg("project").arg(&bad),
        &["pair.toml:6", "local.pair", "unknown shipped pair '2031-2035'", "2018-2022"],
    );
    let unknown = dir.path().join("base.toml");
    std::fs::write(&unknown, "name = \"x\"\nbaseline = \"ge2031\"\n[shares]\nlab = 40\n").unwrap();
    fails_one_line(pns().arg("project").arg(&unknown), &["base.toml:2", "`baseline`", "ge2024"]);
}

#[test]
fn the_scenario_path_is_recorded_normalised() {
    let dir = tempfile::tempdir().unwrap();
    let summary = |path: &str| {
        let mut cmd = pns();
        cmd.args(["run", path, "--sims", "20", "--quiet", "--format", "json", "--out"]).arg(dir.path());
        let out = cmd.output().unwrap();
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        json["scenario"]["file"].as_str().unwrap().to_string()
    };
    assert_eq!(summary("./scenarios/2018-bbc-pns.toml"), "scenarios/2018-bbc-pns.toml");
    assert_eq!(summary("scenarios/../scenarios/2018-bbc-pns.toml"), "scenarios/2018-bbc-pns.toml");
}

#[test]
fn contradictions_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("rho.toml", "[uncertainty]\ncorrelations = { \"con-lab\" = 0.5, \"lab-con\" = -0.5 }\n", "given twice"),
        (
            "unnamed.toml",
            "[uncertainty]\ncorrelations = { \"lab-ukip\" = 0.5 }\n",
            "'ukip' in the correlation lab-ukip",
        ),
        ("lineage.toml", "[lineage]\nreform = \"brexit\"\nukip = \"brexit\"\n", "merged into both"),
        ("held.toml", "[regions.scotland]\nsnp = 40\n", ""),
    ];
    for (name, body, needle) in cases {
        let p = scenario_file(dir.path(), name, body);
        if needle.is_empty() {
            let text = std::fs::read_to_string(&p).unwrap();
            std::fs::write(&p, format!("hold = [\"snp\"]\n{text}")).unwrap();
        }
        let mut cmd = pns();
        cmd.arg("run").arg(&p).args(["--sims", "10", "--quiet"]);
        if needle.is_empty() {
            // A held party given a region's share takes it there: a documented rule, not a contradiction.
            assert!(cmd.output().unwrap().status.success(), "{name}");
        } else {
            fails_one_line(&mut cmd, &[name, needle]);
        }
    }
}

#[test]
fn usage_errors_keep_claps_whole_message_and_input_is_escaped() {
    let out = pns().args(["estimate"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.lines().count() > 1 && err.contains("Usage:"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    let p = scenario_file(dir.path(), "esc.toml", "");
    std::fs::write(&p, "baseline = \"ge2019\"\n[shares]\n\"\u{1b}[31mred\" = 10\n").unwrap();
    let out = pns().arg("project").arg(&p).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains('\u{1b}') && err.contains("\\u{1b}[31mred"), "{err}");
}

#[test]
fn local_errors_name_the_scenario_and_limits_are_stated() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("l.toml");
    std::fs::write(&p, "baseline = \"ge2019\"\n[local]\npair = \"2018-2022\"\nbaseline_pns = { snp = 35 }\n").unwrap();
    fails_one_line(pns().arg("project").arg(&p), &["l.toml:4", "`local.baseline_pns.snp`", "not estimated"]);
    std::fs::write(&p, "baseline = \"ge2019\"\n[local]\npair = \"2018-2022\"\nbaseline_pns = { con = 35, lab = 70 }\n")
        .unwrap();
    fails_one_line(pns().arg("project").arg(&p), &["l.toml:4", "`local.baseline_pns`", "sum to 105"]);
    fails_one_line(
        pns().args(["estimate", "--pair", "2018-2022", "--bootstrap", "10000001"]),
        &["--bootstrap", "≤ 10000000"],
    );
    std::fs::write(&p, "baseline = \"ge2019\"\n[local]\npair = \"2018-2022\"\nbootstrap = 20000000\n").unwrap();
    fails_one_line(pns().arg("project").arg(&p), &["l.toml:4", "`local.bootstrap`", "≤ 10000000"]);
}

#[test]
fn a_duplicated_csv_column_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let base = small_baseline(dir.path());
    let text = std::fs::read_to_string(&base).unwrap().replacen(",other,", ",lab,", 1);
    std::fs::write(&base, text).unwrap();
    fails_one_line(
        pns().args(["project", "--share", "lab=40", "--baseline"]).arg(&base),
        &["small.csv:1", "column 'lab' appears twice"],
    );
    let wards = dir.path().join("w.csv");
    std::fs::write(&wards, "pair,ward,council_code,earlier_total,earlier_con,later_total,later_con,later_con\n")
        .unwrap();
    fails_one_line(pns().arg("estimate").arg(&wards), &["w.csv:1", "column 'later_con' appears twice"]);
}

#[test]
fn an_unreadable_baseline_names_the_scenario_line() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("nb.toml");
    std::fs::write(&p, "name = \"x\"\nbaseline = \"nothere/b.csv\"\n[shares]\nlab = 40\n").unwrap();
    fails_one_line(pns().arg("project").arg(&p), &["nb.toml:2", "`baseline`", "nothere/b.csv", "cannot read"]);
}
