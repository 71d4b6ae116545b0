//! An output directory always holds one complete run — the new one or the previous one, never a mix — checked
//! against its `manifest.json`; one `pns` at a time writes into it (src/output/files.rs has the rule).

mod common;

use common::{assert_one_line_error, pns};
use pns::output::manifest::{self, Manifest};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const SCENARIO: &str = "scenarios/2018-bbc-pns.toml";
const CHARTS: [&str; 5] = ["seats.png", "outcomes.png", "parliament.png", "swing.png", "nations.png"];

/// `pns run SCENARIO --quiet --seed SEED --sims SIMS --out DIR` and `extra`, as a command to spawn.
fn run_cmd(dir: &Path, seed: u64, sims: u64, extra: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_pns"));
    c.args(["run", SCENARIO, "--quiet", "--format", "json", "--seed", &seed.to_string(), "--sims", &sims.to_string()]);
    c.arg("--out").arg(dir).args(extra).stdout(Stdio::null()).stderr(Stdio::piped());
    c
}

fn run_ok(dir: &Path, seed: u64, extra: &[&str]) {
    let out = run_cmd(dir, seed, 2000, extra).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// Every entry of a directory, sorted.
fn entries(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}

/// Every entry with its bytes (directories as None).
fn snapshot(dir: &Path) -> Vec<(String, Option<Vec<u8>>)> {
    entries(dir).into_iter().map(|n| (n.clone(), std::fs::read(dir.join(&n)).ok())).collect()
}

/// The seed of the run in `dir`, from its summary.json.
fn seed_of(dir: &Path) -> u64 {
    let s: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.join("summary.json")).unwrap()).unwrap();
    s["seed"].as_u64().unwrap()
}

/// The directory is plain between runs: nothing of ours but the output files.
fn assert_tidy(dir: &Path) {
    let hidden: Vec<String> = entries(dir).into_iter().filter(|n| n.starts_with('.')).collect();
    assert!(hidden.is_empty(), "left behind: {hidden:?}");
}

#[test]
fn a_run_writes_a_manifest_that_sha256sum_agrees_with() {
    let dir = tempfile::tempdir().unwrap();
    run_ok(dir.path(), 1, &[]);
    let m = manifest::verify(dir.path()).unwrap();
    let names: Vec<&str> = m.files.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        names,
        ["summary.json", "parties.csv", "histogram.csv", "constituencies.csv"]
            .iter()
            .chain(&CHARTS)
            .copied()
            .collect::<Vec<_>>()
    );
    assert_eq!(m.pns_version, env!("CARGO_PKG_VERSION"));
    assert_tidy(dir.path());
    // The digests are SHA-256 as the standard tool prints them.
    if let Ok(out) = Command::new("sha256sum").args(&names).current_dir(dir.path()).output() {
        let text = String::from_utf8_lossy(&out.stdout);
        for (line, e) in text.lines().zip(&m.files) {
            assert_eq!(line, format!("{}  {}", e.sha256, e.name));
        }
    }
    // A changed file no longer matches.
    std::fs::write(dir.path().join("parties.csv"), "party\n").unwrap();
    let e = manifest::verify(dir.path()).unwrap_err().to_string();
    assert!(e.contains("parties.csv") && e.contains("does not match"), "{e}");
}

#[test]
fn a_write_that_fails_part_way_leaves_the_previous_run() {
    let dir = tempfile::tempdir().unwrap();
    run_ok(dir.path(), 1, &["--no-charts"]);
    let before_manifest = manifest::verify(dir.path()).unwrap();
    // The second run's fifth file cannot take its name: a directory is in the way.
    std::fs::create_dir(dir.path().join("seats.png")).unwrap();
    let before = snapshot(dir.path());
    let out = run_cmd(dir.path(), 2, 2000, &[]).output().unwrap();
    assert_one_line_error(&out, &["seats.png", "cannot write"]);
    assert_eq!(manifest::verify(dir.path()).unwrap(), before_manifest);
    assert_eq!(seed_of(dir.path()), 1);
    assert!(snapshot(dir.path()) == before, "the directory changed: {:?}", entries(dir.path()));
    assert_tidy(dir.path());
    // Out of the way, the same run succeeds.
    std::fs::remove_dir(dir.path().join("seats.png")).unwrap();
    run_ok(dir.path(), 2, &[]);
    assert_eq!(manifest::verify(dir.path()).unwrap().files.len(), 9);
    assert_eq!(seed_of(dir.path()), 2);
}

#[test]
fn a_run_without_charts_removes_the_previous_runs_charts() {
    let dir = tempfile::tempdir().unwrap();
    run_ok(dir.path(), 1, &[]);
    run_ok(dir.path(), 2, &["--no-charts"]);
    for c in CHARTS {
        assert!(!dir.path().join(c).exists(), "{c} of the first run is still there");
    }
    assert_eq!(manifest::verify(dir.path()).unwrap().files.len(), 4);
    assert_eq!(
        entries(dir.path()),
        ["constituencies.csv", "histogram.csv", "manifest.json", "parties.csv", "summary.json"]
    );
    // Files that are not pns's are left alone.
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    run_ok(dir.path(), 3, &[]);
    assert_eq!(std::fs::read(dir.path().join("notes.txt")).unwrap(), b"mine");
}

#[test]
fn plot_adds_its_charts_to_the_run() {
    let dir = tempfile::tempdir().unwrap();
    run_ok(dir.path(), 1, &["--no-charts"]);
    let before = manifest::verify(dir.path()).unwrap();
    let out = pns().arg("plot").arg(dir.path().join("summary.json")).arg("--quiet").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let after = manifest::verify(dir.path()).unwrap();
    assert_eq!(after.files[..4], before.files[..]);
    assert_eq!(after.files.len(), 9);
    assert_tidy(dir.path());
}

#[test]
fn a_run_of_an_older_pns_is_replaced_whole() {
    // What an older pns left: the files without a manifest, and its fixed temporary names.
    let dir = tempfile::tempdir().unwrap();
    run_ok(dir.path(), 1, &[]);
    std::fs::remove_file(dir.path().join("manifest.json")).unwrap();
    for stale in [".summary.json.tmp", ".pns-tmp-1-2-3-seats.png", ".pns-probe-77"] {
        std::fs::write(dir.path().join(stale), "x").unwrap();
    }
    std::fs::create_dir(dir.path().join(".pns-gen-1-2-3")).unwrap();
    std::fs::write(dir.path().join(".pns-gen-1-2-3/summary.json"), "x").unwrap();
    run_ok(dir.path(), 2, &["--no-charts"]);
    assert_eq!(manifest::verify(dir.path()).unwrap().files.len(), 4);
    assert_eq!(seed_of(dir.path()), 2);
    assert_tidy(dir.path());
}

#[test]
fn a_held_lock_refuses_a_second_run_which_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    run_ok(dir.path(), 1, &[]);
    let lock = std::fs::File::create(dir.path().join(".pns-lock")).unwrap();
    lock.try_lock().unwrap();
    let before = snapshot(dir.path());
    let t = Instant::now();
    // Refused before simulating (a million simulations would take seconds).
    let out = run_cmd(dir.path(), 2, 1_000_000, &[]).output().unwrap();
    assert_one_line_error(&out, &[&dir.path().display().to_string(), "another pns run is writing to this directory"]);
    assert!(t.elapsed() < Duration::from_secs(3), "{:?}", t.elapsed());
    let mut plot = pns();
    plot.arg("plot").arg(dir.path().join("summary.json"));
    common::fails_one_line(&mut plot, &["another pns run is writing to this directory"]);
    let mut estimate = pns();
    estimate.args(["estimate", "--pair", "2018-2022", "--chart"]).arg(dir.path());
    common::fails_one_line(&mut estimate, &["another pns run is writing to this directory"]);
    assert!(snapshot(dir.path()) == before, "the refused runs wrote: {:?}", entries(dir.path()));
    drop(lock);
    std::fs::remove_file(dir.path().join(".pns-lock")).unwrap();
    assert_eq!(seed_of(dir.path()), 1);
    manifest::verify(dir.path()).unwrap();
}

#[test]
fn of_two_concurrent_runs_one_writes_and_the_other_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    // Long enough (the lock is held from before the simulation to the end) that the two overlap.
    let children: Vec<_> =
        [1u64, 2].iter().map(|&s| (s, run_cmd(dir.path(), s, 200_000, &[]).spawn().unwrap())).collect();
    let results: Vec<(u64, std::process::Output)> =
        children.into_iter().map(|(s, c)| (s, c.wait_with_output().unwrap())).collect();
    let winners: Vec<u64> = results.iter().filter(|(_, o)| o.status.success()).map(|(s, _)| *s).collect();
    assert_eq!(winners.len(), 1, "exactly one run must succeed");
    for (_, o) in results.iter().filter(|(_, o)| !o.status.success()) {
        assert_one_line_error(o, &["another pns run is writing to this directory"]);
    }
    manifest::verify(dir.path()).unwrap();
    assert_eq!(seed_of(dir.path()), winners[0]);
    assert_tidy(dir.path());
}

/// A small deterministic generator for the kill delays (xorshift64*).
struct Rng(u64);

impl Rng {
    fn unit(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// SIGKILL `pns run` 50 times at random points; after each kill the directory holds, by its manifest's checksums,
/// either the previous complete run or the new one (told apart by the seed). Runs alternate with and without charts,
/// so that the names of the two runs differ. Half the delays are uniform over the whole run; the other half follow a
/// staircase onto the instant the run's files are written (later after a kill that left the previous run, earlier
/// after one that left the new run), with some jitter, so that many kills land in the write itself.
#[test]
fn a_killed_run_leaves_the_previous_run_or_the_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let sims = 20_000;
    let t = Instant::now();
    let out = run_cmd(dir.path(), 1, sims, &[]).output().unwrap();
    assert!(out.status.success());
    let full = t.elapsed().as_secs_f64();
    let mut prev: Manifest = manifest::verify(dir.path()).unwrap();
    let mut prev_seed = 1;
    let seed0 = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 | 1;
    let mut rng = Rng(seed0);
    let mut edge = [0.9 * full; 2];
    let (mut old, mut new, mut mid_write) = (0, 0, 0);
    for i in 0..50u64 {
        let seed = 100 + i;
        let charts = (i % 2) as usize;
        let extra: &[&str] = if charts == 0 { &["--no-charts"] } else { &[] };
        let staircase = (i / 2) % 2 == 1;
        let delay =
            if staircase { (edge[charts] + full * 0.04 * (rng.unit() - 0.5)).max(0.0) } else { rng.unit() * full };
        let mut child = run_cmd(dir.path(), seed, sims, extra).spawn().unwrap();
        std::thread::sleep(Duration::from_secs_f64(delay));
        let _ = child.kill();
        let _ = child.wait();
        if entries(dir.path()).iter().any(|n| n.starts_with(".pns-gen") || n.starts_with(".pns-current")) {
            mid_write += 1;
        }
        let m = manifest::verify(dir.path()).unwrap_or_else(|e| {
            panic!("kill {i} after {delay:.3} s (generator seed {seed0}): not one complete run: {e:#}")
        });
        let left_old = m == prev;
        if left_old {
            assert_eq!(seed_of(dir.path()), prev_seed);
            old += 1;
        } else {
            assert_eq!(seed_of(dir.path()), seed, "kill {i}: a run that is neither the previous one nor the new one");
            new += 1;
            prev_seed = seed;
        }
        if staircase {
            edge[charts] += if left_old { 0.03 * full } else { -0.03 * full };
        }
        prev = m;
    }
    eprintln!(
        "50 kills (one run {full:.2} s, generator seed {seed0}): {old} left the previous run, {new} the new one; \
         {mid_write} interrupted the write itself"
    );
    // The next run tidies whatever a kill left.
    let out = run_cmd(dir.path(), 7, 2000, &[]).output().unwrap();
    assert!(out.status.success());
    manifest::verify(dir.path()).unwrap();
    assert_tidy(dir.path());
}
