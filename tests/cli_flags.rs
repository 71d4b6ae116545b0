//! The scenario flags of `pns project` and `pns run` (issue 14): areas, stands-everywhere, preset, coalitions, the
//! default baseline, case-insensitive values and suggestions for mistyped flags, read back from the outputs.

mod common;

use common::{fails_one_line, fails_usage, pns};
use serde_json::Value;

/// stdout of a successful command, as JSON.
fn json_of(cmd: &mut assert_cmd::Command) -> Value {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn area<'a>(v: &'a Value, name: &str) -> &'a Value {
    v["areas"].as_array().unwrap().iter().find(|a| a["area"] == name).unwrap_or_else(|| panic!("no area {name}"))
}

/// `--nation` and `--region` are the scenario's `[regions.NAME]` tables: the same projection, seat for seat.
#[test]
fn area_flags_project_as_the_scenario_tables_do() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("areas.toml");
    std::fs::write(
        &file,
        "baseline = \"ge2024\"\n[shares]\nlab = 30\nreform = 22\n[regions.scotland]\nsnp = 36\nlab = 20\n\
         [regions.london]\nlab = 45\ncon = 18\n",
    )
    .unwrap();
    let from_file = json_of(pns().arg("project").arg(&file).args(["--format", "json"]));
    let from_flags = json_of(pns().args([
        "project",
        "--share",
        "lab=30,reform=22",
        "--nation",
        "SCOTLAND:SNP=36,lab=20",
        "--region",
        "London:lab=45,con=18",
        "--format",
        "json",
    ]));
    assert_eq!(from_flags["baseline"], "ge2024", "the default baseline is the latest election");
    assert_eq!(area(&from_flags, "Scotland")["target_shares"]["snp"], 36.0);
    assert_eq!(area(&from_flags, "London")["target_shares"]["con"], 18.0);
    for key in ["seats", "projected_gb_shares", "constituencies"] {
        assert_eq!(from_file[key], from_flags[key], "{key}");
    }
    let sorted = |v: &Value| {
        let mut areas = v["areas"].as_array().unwrap().clone();
        areas.sort_by_key(|a| a["area"].to_string());
        areas
    };
    assert_eq!(sorted(&from_file), sorted(&from_flags));
    // On a file, a flag replaces that area's table only, and says so.
    let out =
        pns().arg("project").arg(&file).args(["--nation", "scotland:snp=40", "--format", "json"]).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(area(&v, "Scotland")["target_shares"]["snp"], 40.0);
    assert_eq!(area(&v, "London")["target_shares"]["lab"], 45.0);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("note: --nation scotland replaces the scenario's [regions.scotland] table"), "{err}");
}

#[test]
fn bad_area_flags_are_one_line_errors_listing_the_valid_names() {
    let project = |flag: &str, value: &str| {
        let mut c = pns();
        c.args(["project", "--share", "lab=30", flag, value]);
        c
    };
    fails_one_line(
        &mut project("--nation", "scotlnd:snp=30"),
        &["--nation: field `scotlnd:snp=30`: unknown nation 'scotlnd', expected one of england, scotland, wales"],
    );
    fails_one_line(
        &mut project("--region", "scotland:snp=30"),
        &["--region", "unknown region 'scotland'", "north_east", "south_west", "a nation takes --nation"],
    );
    fails_one_line(&mut project("--nation", "scotland"), &["--nation", "expected NATION:PARTY=PCT"]);
    fails_one_line(&mut project("--region", "london:lab=forty"), &["--region: field `lab=forty`", "not a number"]);
    fails_one_line(&mut project("--nation", "wales:lab=70,con=40"), &["--nation", "Wales shares sum to 110.00%"]);
    fails_one_line(&mut project("--nation", "ni:sf=30"), &["--nation", "Northern Ireland's seats keep"]);
    fails_one_line(
        pns().args(["project", "--share", "lab=30", "--nation", "england:lab=30", "--region", "london:lab=40"]),
        &["--region: field `london:lab=40`", "overlap"],
    );
    fails_one_line(
        pns().args(["project", "--share", "lab=30", "--nation", "wales:lab=30", "--nation", "Wales:lab=31"]),
        &["--nation: field `Wales:lab=31`: 'wales' is given twice"],
    );
}

/// Reform has no votes in the 2017 result: without `--stands-everywhere` its share has nowhere to go.
#[test]
fn stands_everywhere_gives_a_party_the_swing_where_it_did_not_stand() {
    let projected = |extra: &[&str]| {
        let v = json_of(
            pns().args(["project", "--baseline", "ge2017", "--share", "reform=10", "--format", "json"]).args(extra),
        );
        v["projected_gb_shares"]["reform"].as_f64().unwrap_or(0.0)
    };
    assert_eq!(projected(&[]), 0.0);
    assert!((projected(&["--stands-everywhere", "Reform"]) - 10.0).abs() < 0.05);
    assert_eq!(projected(&["--stands-everywhere", "none"]), 0.0);
    fails_one_line(
        pns().args(["project", "--share", "lab=30", "--stands-everywhere", "reform,whig"]),
        &["--stands-everywhere: unknown party 'whig'"],
    );
}

/// `--preset`, `--coalition` and the coalitions reported, read back from summary.json.
#[test]
fn run_preset_and_coalitions_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let out = pns()
        .args(["run", "--share", "lab=30,con=20,reform=25,ld=13", "--sims", "500", "--seed", "3", "--quiet"])
        .args(["--preset", "Forecast", "--coalition", "lab+ld+green", "--coalition", "reform+CON", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let s: Value = serde_json::from_slice(&std::fs::read(dir.path().join("summary.json")).unwrap()).unwrap();
    assert_eq!(s["baseline"], "ge2024");
    assert_eq!(s["uncertainty"]["preset"], "forecast");
    assert_eq!(s["uncertainty"]["national_sigma"]["reform"], 2.5);
    assert_eq!(s["uncertainty"]["correlations"]["con-lab"], -0.6);
    assert_eq!(s["uncertainty"]["correlations"]["con-reform"], -0.5);
    let coalitions: Vec<Vec<String>> = s["coalitions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["parties"].as_array().unwrap().iter().map(|p| p.as_str().unwrap().to_string()).collect())
        .collect();
    assert_eq!(coalitions[0], ["lab", "ld", "green"]);
    assert_eq!(coalitions[1], ["reform", "con"]);
    // The automatic pairs: among the five largest, never the two largest together, never a named one again.
    let central = |p: &str| s["central_seats"][p].as_u64().unwrap_or(0);
    let mut largest: Vec<&str> = vec!["lab", "con", "reform", "ld", "snp"];
    largest.sort_by_key(|p| std::cmp::Reverse(central(p)));
    let grand = [largest[0], largest[1]];
    assert!(!coalitions.iter().any(|c| c.len() == 2 && grand.iter().all(|p| c.iter().any(|q| q == p))));
    assert!(!coalitions[2..].iter().any(|c| c.iter().all(|p| p == "reform" || p == "con")));
    // Ten pairs among five, less the two largest together and the named reform + con; when the largest holds a
    // majority alone, the six pairs among the other four, less the named one.
    let alone = central(largest[0]) >= 326;
    assert!(!alone || !coalitions[2..].iter().flatten().any(|p| p == largest[0]), "{coalitions:?}");
    assert_eq!(coalitions.len(), if alone { 2 + 6 - 1 } else { 2 + 10 - 1 - 1 });
    fails_one_line(
        pns().args(["run", "--share", "lab=30", "--sims", "10", "--coalition", "lab+whig"]),
        &["--coalition: field `lab+whig`: unknown party 'whig', expected one of"],
    );
    fails_one_line(
        pns().args(["run", "--share", "lab=30", "--sims", "10", "--coalition", "lab"]),
        &["--coalition: field `lab`: expected a coalition of at least two parties"],
    );
}

/// The 2018 scenario names no Con–Lab coalition, so none is reported; `auto_coalitions = false` keeps only the
/// named ones.
#[test]
fn a_grand_coalition_is_reported_only_when_named() {
    let coalitions = |file: &std::path::Path| {
        let dir = tempfile::tempdir().unwrap();
        let out = pns()
            .arg("run")
            .arg(file)
            .args(["--sims", "200", "--no-charts", "--quiet", "--format", "json", "--out"])
            .arg(dir.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let s: Value = serde_json::from_slice(&out.stdout).unwrap();
        s["coalitions"].as_array().unwrap().iter().map(|c| c["parties"].clone()).collect::<Vec<Value>>()
    };
    let run_2018 = coalitions(std::path::Path::new("scenarios/2018-bbc-pns.toml"));
    let con_lab =
        |c: &Value| c.as_array().unwrap().len() == 2 && c.to_string().contains("con") && c.to_string().contains("lab");
    assert!(!run_2018.iter().any(con_lab), "{run_2018:?}");
    assert!(run_2018.len() > 4, "the automatic pairs are still there: {run_2018:?}");
    let dir = tempfile::tempdir().unwrap();
    let named = dir.path().join("named.toml");
    std::fs::write(
        &named,
        "baseline = \"ge2017\"\nscope = \"england\"\n[shares]\ncon = 35\nlab = 35\nld = 16\n[parliament]\n\
         coalitions = [[\"con\", \"lab\"], [\"lab\", \"snp\"]]\nauto_coalitions = false\n",
    )
    .unwrap();
    assert_eq!(coalitions(&named), vec![serde_json::json!(["con", "lab"]), serde_json::json!(["lab", "snp"])]);
}

#[test]
fn a_run_without_an_output_directory_says_no_files_were_written() {
    let out = pns().args(["run", "--share", "lab=30", "--sims", "100", "--seed", "1"]).output().unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("note: no files written") && err.contains("add --out DIR"), "{err}");
    let quiet = pns().args(["run", "--share", "lab=30", "--sims", "100", "--seed", "1", "--quiet"]).output().unwrap();
    assert!(quiet.stderr.is_empty(), "{}", String::from_utf8_lossy(&quiet.stderr));
    let dir = tempfile::tempdir().unwrap();
    let with_out =
        pns().args(["run", "--share", "lab=30", "--sims", "100", "--seed", "1", "--out"]).arg(dir.path()).output();
    assert!(!String::from_utf8_lossy(&with_out.unwrap().stderr).contains("no files written"));
}

/// Value flags take their values in any case, with the same result.
#[test]
fn value_flags_ignore_case() {
    let lower =
        json_of(pns().args(["project", "--share", "lab=36", "--model", "stm", "--scope", "gb", "--format", "json"]));
    let upper =
        json_of(pns().args(["project", "--share", "lab=36", "--model", "STM", "--scope", "GB", "--format", "JSON"]));
    assert_eq!(lower, upper);
    assert_eq!(upper["model"], "stm");
    pns().args(["baselines", "--format", "Csv"]).assert().success();
    pns().args(["bench", "--sims", "1000", "--runs", "1", "--kernel", "GENERIC"]).assert().success();
    let out = pns().args(["project", "--share", "lab=36", "--model", "unz"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("possible values: uns") && err.contains("tip: a similar value exists: 'uns'"), "{err}");
}

/// A mistyped flag is refused as a usage error with clap's tip naming the flag meant.
#[test]
fn a_flag_close_to_a_real_one_is_suggested() {
    fails_usage(
        pns().args(["backtest", "--from", "ge2017", "--to", "ge2019", "--swing", "region"]),
        &["unexpected argument '--swing'", "tip: a similar argument exists: '--swing-by'"],
    );
    fails_usage(
        pns().args(["run", "--share", "lab=30", "--coalitio", "lab+ld"]),
        &["tip: a similar argument exists: '--coalition'"],
    );
    fails_usage(
        pns().args(["project", "--share", "lab=30", "--natio", "x"]),
        &["tip: a similar argument exists: '--nation'"],
    );
}
