//! Helpers shared by the command-line tests: the binary, and the rule that bad input is one line on stderr.

// Each test crate compiles this module and uses part of it.
#![allow(dead_code)]

use assert_cmd::Command;

/// The `pns` binary of this build.
pub fn pns() -> Command {
    Command::cargo_bin("pns").unwrap()
}

/// Runs `cmd` and checks that it failed with exactly one line on stderr, no panic, containing every needle.
pub fn fails_one_line(cmd: &mut Command, needles: &[&str]) {
    assert_one_line_error(&cmd.output().unwrap(), needles);
}

/// Checks that `out` is a failure whose stderr is one line, `error: …`, no panic, containing every needle.
pub fn assert_one_line_error(out: &std::process::Output, needles: &[&str]) {
    assert!(!out.status.success(), "expected a failure");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "panic: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "not one line: {err}");
    assert!(err.starts_with("error: "), "{err}");
    for n in needles {
        assert!(err.contains(n), "'{n}' not in: {err}");
    }
}

/// Checks that `out` succeeded (showing its stderr otherwise) and returns it.
pub fn succeeded(out: std::process::Output) -> std::process::Output {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    out
}

/// Every file of `dir`, by name, with its bytes.
pub fn files_of(dir: &std::path::Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
        .collect()
}

/// `pns merge DIRS --out OUT` fails with one line holding every needle and creates nothing (OUT: a sibling of the
/// first directory).
pub fn merge_refused(dirs: &[std::path::PathBuf], needles: &[&str]) {
    let out_dir = dirs[0].parent().unwrap().join("refused-merge");
    let out = pns().arg("merge").args(dirs).arg("--out").arg(&out_dir).arg("--quiet").output().unwrap();
    assert_one_line_error(&out, needles);
    assert!(!out_dir.exists(), "{needles:?}: the output directory was created");
}

/// Rewrites the partial in `dir` changed by `edit`, with a correct checksum (a partial made by another job).
pub fn rewrite_partial(dir: &std::path::Path, edit: impl FnOnce(&mut pns::shard::Partial)) {
    let (file, mut p) = pns::shard::Partial::read(dir).unwrap();
    edit(&mut p);
    std::fs::write(file, p.to_bytes()).unwrap();
}

/// `pns sweep ARGS --out DIR` fails with one line holding every needle, and DIR is never created.
pub fn sweep_refused(args: &[&str], needles: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    fails_one_line(pns().arg("sweep").args(args).arg("--out").arg(&out), needles);
    assert!(!out.exists(), "{args:?} created the output directory");
}

/// Writes `dir/name`: a scenario on GE2019 with Lab 36 and Con 29, then `body` (lines 1–4 are fixed, so `body`
/// starts on line 5).
pub fn scenario_file(dir: &std::path::Path, name: &str, body: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, format!("baseline = \"ge2019\"\n[shares]\nlab = 36\ncon = 29\n{body}")).unwrap();
    p
}

/// `pns run SCENARIO --out OUT --quiet`.
pub fn run_into(scenario: &std::path::Path, out: &std::path::Path) -> Command {
    let mut c = pns();
    c.arg("run").arg(scenario).arg("--out").arg(out).arg("--quiet");
    c
}

/// Runs `cmd` and checks that it was refused as a malformed command line: exit code 2, clap's whole message on
/// stderr (not cut to one line), no panic, containing every needle.
pub fn fails_usage(cmd: &mut Command, needles: &[&str]) {
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(2), "expected a usage error");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked") && err.contains("Usage:"), "{err}");
    for n in needles {
        assert!(err.contains(n), "'{n}' not in: {err}");
    }
}

/// The summary of the 2018 scenario run in-process with `sims` simulations and `seed` (what the chart tests draw).
pub fn summary_2018(sims: u64, seed: u64) -> pns::summary::Summary {
    summary_of(std::path::Path::new("scenarios/2018-bbc-pns.toml"), sims, seed)
}

/// The summary of the scenario file at `path` run in-process with `sims` simulations and `seed`.
pub fn summary_of(path: &std::path::Path, sims: u64, seed: u64) -> pns::summary::Summary {
    use pns::project::{Plan, load_baseline, project};
    let scenario = pns::scenario::Scenario::load(path).unwrap();
    let baseline = load_baseline(&scenario).unwrap();
    let plan = Plan::new(&baseline, &scenario, &path.display().to_string()).unwrap();
    let central = project(&baseline, &plan);
    let coalitions = pns::summary::coalitions_for(&scenario, &central);
    let model = pns::engine::SimModel::new(&baseline, &scenario, &plan, &central, coalitions).unwrap();
    let tally = pns::engine::simulate(&model, sims, seed, &|_| {});
    pns::summary::build(&baseline, &scenario, &model, &central, &tally, seed)
}
