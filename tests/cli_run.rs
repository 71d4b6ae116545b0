//! `pns run` through the binary: written files read back, byte-identical across threads, bad input.

mod common;

use common::{fails_one_line, pns, run_into, scenario_file};

fn run_to(dir: &std::path::Path, extra: &[&str]) -> std::process::Output {
    pns()
        .args(["run", "scenarios/2018-bbc-pns.toml", "--sims", "3000", "--quiet", "--out"])
        .arg(dir)
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn writes_summary_and_csvs_that_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_to(dir.path(), &["--seed", "5", "--format", "json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("summary.json")).unwrap()).unwrap();
    // stdout carries the same JSON.
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary, printed);
    assert_eq!(summary["sims"], 3000);
    assert_eq!(summary["seed"], 5);
    assert_eq!(summary["chunk_size"], 1024);
    assert_eq!(summary["baseline"], "ge2017");
    assert_eq!(summary["model"], "uns");
    assert_eq!(summary["pns_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(summary["scenario"]["name"], "BBC PNS May 2018");
    let parties = summary["parties"].as_array().unwrap();
    let mean_total: f64 = parties.iter().map(|p| p["mean"].as_f64().unwrap()).sum();
    assert!((mean_total - 650.0).abs() < 1e-3, "{mean_total}");
    for p in parties {
        let h: u64 = p["histogram"].as_array().unwrap().iter().map(|x| x.as_u64().unwrap()).sum();
        assert_eq!(h, 3000);
    }
    let median: u64 = summary["median_parliament"].as_object().unwrap().values().map(|v| v.as_u64().unwrap()).sum();
    assert_eq!(median, 650);
    assert_eq!(summary["constituencies"].as_array().unwrap().len(), 650);

    let mut r = csv::Reader::from_path(dir.path().join("parties.csv")).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert_eq!(rows.len(), parties.len());
    let mut r = csv::Reader::from_path(dir.path().join("histogram.csv")).unwrap();
    let mut con = 0u64;
    for row in r.records() {
        let row = row.unwrap();
        if &row[0] == "con" {
            con += row[2].parse::<u64>().unwrap();
        }
    }
    assert_eq!(con, 3000);
    let mut r = csv::Reader::from_path(dir.path().join("constituencies.csv")).unwrap();
    assert_eq!(r.records().count(), 650);
    // No temporary files left behind.
    for e in std::fs::read_dir(dir.path()).unwrap() {
        assert!(!e.unwrap().file_name().to_string_lossy().ends_with(".tmp"));
    }
}

#[test]
fn same_seed_is_byte_identical_on_1_2_and_8_threads() {
    let mut files = Vec::new();
    for threads in ["1", "2", "8"] {
        let dir = tempfile::tempdir().unwrap();
        let out = run_to(dir.path(), &["--seed", "42", "--threads", threads]);
        assert!(out.status.success());
        files.push(std::fs::read(dir.path().join("summary.json")).unwrap());
    }
    assert!(files[0] == files[1] && files[1] == files[2]);
    let dir = tempfile::tempdir().unwrap();
    run_to(dir.path(), &["--seed", "43"]);
    assert_ne!(files[0], std::fs::read(dir.path().join("summary.json")).unwrap());
}

#[test]
fn a_random_seed_is_printed() {
    let out = pns()
        .args(["run", "--baseline", "ge2019", "--share", "lab=36,con=29,ld=18", "--sims", "200"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("seed: ") && err.contains("--seed "), "{err}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("P(hung parliament)"));
}

#[test]
fn bad_input_is_a_one_line_error_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    let scen = |name: &str, body: &str| scenario_file(dir.path(), name, body);
    let run = |p: &std::path::Path| run_into(p, &out_dir);
    fails_one_line(&mut run(&scen("zero.toml", "[simulation]\nsims = 0\n")), &["zero.toml:6", "simulation.sims"]);
    fails_one_line(
        &mut run(&scen("neg.toml", "[uncertainty]\nnational_sigma = -1\n")),
        &["neg.toml:6", "uncertainty.national_sigma", "≥ 0"],
    );
    fails_one_line(
        &mut run(&scen("rho.toml", "[uncertainty]\ncorrelations = { \"con-lab\" = -1.5 }\n")),
        &["rho.toml:6", "correlations.con-lab", "[-1, 1]"],
    );
    fails_one_line(
        &mut run(&scen("coal.toml", "[parliament]\ncoalitions = [[\"lab\", \"whigs\"]]\n")),
        &["coal.toml:6", "parliament.coalitions", "unknown party 'whigs'"],
    );
    let ok = scen("ok.toml", "");
    fails_one_line(
        pns().arg("run").arg(&ok).args(["--sims", "0", "--quiet"]),
        &["--sims", "a number of simulations ≥ 1"],
    );
    // Flags are checked before any side effect: no directory, no seed printed.
    for (flag, value, needle) in [
        ("--threads", "0", "a number of threads ≥ 1"),
        ("--threads", "100000", "a number of threads ≤ 1024"),
        ("--sims", "10000000000000", "a number of simulations ≤ 1000000000000"),
    ] {
        fails_one_line(run(&ok).args([flag, value]), &[flag, needle]);
    }
    assert!(!out_dir.exists(), "nothing may be written on bad input");
    // An output directory that cannot be created: a path below a regular file.
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, "x").unwrap();
    fails_one_line(
        pns().arg("run").arg(&ok).arg("--out").arg(blocker.join("out")).arg("--quiet"),
        &["cannot create the output directory"],
    );
}

#[test]
fn local_results_chain_into_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let out = pns()
        .args(["run", "scenarios/local-elections/2018-2022.toml", "--sims", "2000", "--quiet", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let s: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("summary.json")).unwrap()).unwrap();
    let local = &s["local"];
    assert_eq!(local["pair"], "2018-2022");
    // The scenario asks for the pns chart as well as the run charts.
    let png = std::fs::read(dir.path().join("pns.png")).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert!(dir.path().join("seats.png").exists());
    let est = std::process::Command::new(env!("CARGO_BIN_EXE_pns"))
        .args(["estimate", "--pair", "2018-2022", "--seed", "2022", "--format", "json"])
        .output()
        .unwrap();
    let est: serde_json::Value = serde_json::from_slice(&est.stdout).unwrap();
    for party in ["con", "lab", "ld"] {
        let from_run = local["parties"].as_array().unwrap().iter().find(|p| p["party"] == party).unwrap();
        let from_estimate = est["parties"].as_array().unwrap().iter().find(|p| p["party"] == party).unwrap();
        // The run's estimate is `pns estimate` with the scenario's seed, and its shares are the run's targets.
        assert_eq!(from_run["pns"], from_estimate["pns"]);
        // The run's summary keeps `lo90` (pns-summary/1); the estimate names it as the sampling interval it is.
        assert_eq!(from_run["lo90"], from_estimate["sampling_lo90"]);
        let target = s["national_shares"][party].as_f64().unwrap();
        assert!((target - from_estimate["pns"].as_f64().unwrap()).abs() < 1e-6, "{party}");
        // National σ = √(bootstrap sd² + 1²).
        let sd = from_estimate["sampling_sd"].as_f64().unwrap();
        let sigma = from_run["national_sigma"].as_f64().unwrap();
        assert!((sigma - (sd * sd + 1.0).sqrt()).abs() < 1e-9);
        assert_eq!(s["uncertainty"]["national_sigma"][party].as_f64().unwrap(), sigma);
    }
}

/// `pns bench` times every variant of the kernel this CPU runs and names it; bad counts are one-line errors.
#[test]
fn bench_reports_the_rate_of_each_kernel() {
    for isa in pns::engine::Isa::available() {
        let name = isa.to_string();
        let out = pns()
            .args(["bench", "--sims", "1500", "--runs", "1", "--threads", "1", "--kernel", &name])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("threads 1, machine cores ") && text.contains(&format!("kernel {name}")), "{text}");
        let rate: f64 = text
            .lines()
            .find_map(|l| l.strip_prefix("simulations/s: median "))
            .and_then(|r| r.split_whitespace().next())
            .and_then(|r| r.parse().ok())
            .unwrap_or_else(|| panic!("no rate in {text}"));
        assert!(rate > 0.0, "{text}");
    }
    fails_one_line(pns().args(["bench", "--sims", "0"]), &["--sims", "0"]);
    fails_one_line(pns().args(["bench", "--runs", "0"]), &["--runs", "0"]);
    // A malformed command line is a usage error: exit 2 and clap's whole message.
    let out = pns().args(["bench", "--kernel", "sse9"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid value 'sse9' for '--kernel <ISA>'"));
}

/// The shipped bench scenario is the one `pns bench` builds (so `pns run` on it repeats the benchmark end to end).
#[test]
fn the_shipped_bench_scenario_is_the_bench_scenario() {
    use pns::scenario::{Model, Scenario};
    let mut file = Scenario::load(std::path::Path::new("scenarios/bench-ge2019.toml")).unwrap();
    let mut bench = pns::commands::bench::scenario(Model::Uns);
    for s in [&mut file, &mut bench] {
        s.shares.sort_by_key(|(p, _)| p.index());
    }
    assert_eq!(file.simulation.sims, 100_000);
    let file = Scenario { simulation: bench.simulation.clone(), output: bench.output.clone(), path: None, ..file };
    assert_eq!(file, bench);
}
