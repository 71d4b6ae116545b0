//! The hybrid model and the geography through the binary: reproducible runs, reports, and one-line errors.

mod common;

use common::{fails_one_line, pns, run_into, scenario_file};

const HYBRID: &str = "scenarios/local-elections/2021-2024-hybrid.toml";

#[test]
fn the_hybrid_scenario_is_byte_identical_on_1_2_and_8_threads_and_records_its_geography() {
    let dirs: Vec<tempfile::TempDir> = (0..3).map(|_| tempfile::tempdir().unwrap()).collect();
    let mut files = Vec::new();
    for (threads, dir) in ["1", "2", "8"].iter().zip(&dirs) {
        let out = pns()
            .args([
                "run",
                HYBRID,
                "--sims",
                "3000",
                "--seed",
                "11",
                "--quiet",
                "--no-charts",
                "--threads",
                threads,
                "--out",
            ])
            .arg(dir.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        files.push(std::fs::read(dir.path().join("summary.json")).unwrap());
    }
    assert!(files[0] == files[1] && files[1] == files[2]);
    let s: serde_json::Value = serde_json::from_slice(&files[0]).unwrap();
    assert_eq!(s["model"], "hybrid");
    let g = s["geography"].as_str().unwrap();
    assert!(g.contains("leave slopes con -0.386") && g.contains("strength 0.158") && g.contains("2021-2024"), "{g}");
    // The deterministic projection reports the same geography, structured.
    let out = pns().args(["project", HYBRID, "--format", "json"]).output().unwrap();
    let p: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(p["geography"]["learned_from"], "2021-2024");
    assert_eq!(p["geography"]["tactical"]["against"], "con");
    assert_eq!(p["central_seats"], serde_json::Value::Null);
    assert_eq!(s["central_seats"]["lab"], p["seats"]["lab"]);
}

#[test]
fn scenario_sections_are_applied_and_change_the_projection() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, body: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, format!("baseline = \"ge2024\"\nmodel = \"hybrid\"\n[shares]\nreform = 29\nlab = 20\ncon = 18\nld = 13\ngreen = 12\n{body}")).unwrap();
        p
    };
    let seats = |p: &std::path::Path| -> serde_json::Value {
        let out = pns().arg("project").arg(p).args(["--format", "json"]).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()["seats"].clone()
    };
    let plain = seats(&write("plain.toml", ""));
    let sloped = seats(&write("leave.toml", "[swing.covariates]\nleave = { con = -0.37, reform = 0.26 }\n"));
    let tactical = seats(&write(
        "tactical.toml",
        "[tactical]\nagainst = \"reform\"\nbloc = [\"lab\", \"ld\", \"green\"]\nstrength = 0.3\nwhere = \"first_or_second\"\n",
    ));
    assert_ne!(plain, sloped);
    assert_ne!(plain, tactical);
    assert!(
        tactical["reform"].as_u64().unwrap() < plain["reform"].as_u64().unwrap(),
        "anti-Reform voting costs Reform seats"
    );
}

#[test]
fn bad_geography_is_a_one_line_error_naming_file_line_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    let scen = |name: &str, body: &str| scenario_file(dir.path(), name, body);
    let run = |p: &std::path::Path| run_into(p, &out_dir);
    fails_one_line(
        &mut run(&scen("cov.toml", "[swing.covariates]\nremain = { con = 0.3 }\n")),
        &["cov.toml:6", "swing.covariates.remain", "unknown covariate 'remain'"],
    );
    fails_one_line(
        &mut run(&scen("absent.toml", "[swing.covariates]\nleave = { reform = 0.3 }\n")),
        &["absent.toml:6", "swing.covariates.leave.reform", "no votes in ge2019"],
    );
    fails_one_line(
        &mut run(&scen("big.toml", "[swing.covariates]\nleave = { con = 9 }\n")),
        &["big.toml:6", "swing.covariates.leave.con", "from -5 to 5"],
    );
    fails_one_line(
        &mut run(&scen("t.toml", "[tactical]\nstrength = 1.5\n")),
        &["t.toml:6", "tactical.strength", "from 0 to 1"],
    );
    fails_one_line(
        &mut run(&scen("bloc.toml", "[tactical]\nbloc = [\"lab\", \"con\"]\nstrength = 0.2\n")),
        &["bloc.toml:6", "tactical.bloc", "the party voted against"],
    );
    fails_one_line(
        &mut run(&scen("where.toml", "[tactical]\nstrength = 0.2\nwhere = \"third\"\n")),
        &["where.toml:7", "tactical.where", "first or first_or_second"],
    );
    fails_one_line(
        &mut run(&scen("nostrength.toml", "[tactical]\nagainst = \"lab\"\nbloc = [\"con\", \"ld\"]\n")),
        &["tactical.strength", "missing"],
    );
    fails_one_line(
        &mut run(&scen("both.toml", "[local]\npair = \"2021-2024\"\ngeography = true\n[tactical]\nstrength = 0.2\n")),
        &["both.toml:9", "tactical.strength", "learns the strength"],
    );
    let model = dir.path().join("model.toml");
    std::fs::write(&model, "baseline = \"ge2019\"\nmodel = \"hybird\"\n[shares]\nlab = 36\n").unwrap();
    fails_one_line(&mut run(&model), &["model.toml:2", "field `model`", "uns, proportional, stm or hybrid"]);
    // A ward pair too small to learn from.
    let wards = dir.path().join("wards.csv");
    let mut csv = String::from(
        "pair,ward,council_code,earlier_total,earlier_con,earlier_lab,earlier_ld,later_total,later_con,later_lab,later_ld\n",
    );
    for i in 0..12 {
        csv += &format!("2021-2024,W{i},E08000014,1000,400,300,300,1000,300,400,300\n");
    }
    std::fs::write(&wards, csv).unwrap();
    let small = scen("small.toml", &format!("[local]\npair = \"{}\"\ngeography = true\n", wards.display()));
    fails_one_line(&mut run(&small), &["wards.csv", "geography"]);
    assert!(!out_dir.exists(), "nothing may be written on bad input");
}

#[test]
fn backtest_geography_flags_are_checked() {
    let bt = |extra: &[&str]| {
        let mut c = pns();
        c.args(["backtest", "--from", "ge2017", "--to", "ge2019", "--model", "hybrid"]).args(extra);
        c
    };
    fails_one_line(&mut bt(&["--locals", "2021-2024"]), &["--locals", "held after ge2019"]);
    fails_one_line(&mut bt(&["--tactical", "1.5"]), &["--tactical", "from 0 to 1"]);
    fails_one_line(&mut bt(&["--leave-slope", "con=lots"]), &["--leave-slope", "is not a number"]);
    fails_one_line(&mut bt(&["--leave-slope", "con=-0.3,con=0.1"]), &["--leave-slope", "given twice"]);
    // 2019-2023 local elections before the 2024 election: accepted; by hand: accepted and reported.
    let out = bt(&["--leave-slope", "con=-0.3,reform=0.2", "--tactical", "0.2"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("geography given to every case: leave slopes con -0.300, reform +0.200"), "{text}");
}

/// The annotated example documents every key, the geography sections included, and runs.
#[test]
fn the_annotated_example_projects_with_its_geography() {
    let out = pns().args(["project", "scenarios/example.toml", "--format", "json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let p: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(p["geography"]["covariates"][0]["covariate"], "leave");
    assert_eq!(p["geography"]["tactical"]["strength"], 0.15);
    // Raked: beside its Scotland table the rest of GB takes the remainder, and the GB shares hold exactly although
    // UNS would clip.
    assert!(p["areas"].as_array().unwrap().iter().any(|a| a["area"] == "rest of GB"));
    assert_eq!(p["national_shares"]["lab"], 34.0);
    assert_eq!(p["projected_gb_shares"]["lab"], 34.0);
}
