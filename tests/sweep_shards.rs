//! `pns sweep --shard i/n` and `pns merge` through the binary: the shards' points merged equal one sweep byte for
//! byte, on any cut and thread count, and bad sets of sweep partials are refused with one line and nothing written.

mod common;

use common::{
    fails_one_line, files_of as files, merge_refused as refused, pns, rewrite_partial as rewrite, succeeded as ok,
};
use pns::shard::Partial;
use std::path::{Path, PathBuf};

const SCENARIO: &str = "scenarios/sweep-reform-lab.toml";
/// 5 × 4 = 20 points of 1,100 simulations (two chunks, the second short).
const GRID: [&str; 6] = ["--x", "reform=22:30:2", "--y", "lab=16:25:3", "--sims", "1100"];

fn sweep(out: &Path, extra: &[&str]) -> std::process::Output {
    pns().arg("sweep").arg(SCENARIO).args(GRID).args(["--quiet", "--out"]).arg(out).args(extra).output().unwrap()
}

fn shards(root: &Path, n: u64, extra: &[&str]) -> Vec<PathBuf> {
    (1..=n)
        .map(|i| {
            let dir = root.join(format!("shard-{i}"));
            ok(sweep(&dir, &[&["--shard", &format!("{i}/{n}")], extra].concat()));
            dir
        })
        .collect()
}

fn merge(dirs: &[PathBuf], out: &Path, extra: &[&str]) -> std::process::Output {
    pns().arg("merge").args(dirs).arg("--out").arg(out).arg("--quiet").args(extra).output().unwrap()
}

#[test]
fn sharded_and_merged_sweep_is_the_single_sweep_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let single = tmp.path().join("single");
    let printed = ok(sweep(&single, &["--format", "csv"])).stdout;
    let expected = files(&single);
    assert_eq!(expected.keys().collect::<Vec<_>>(), ["manifest.json", "sweep.csv", "sweep.json", "sweep.png"]);
    // 20 points and a header: the CSV has a row per point × party.
    let sweep: serde_json::Value = serde_json::from_slice(&expected["sweep.json"]).unwrap();
    assert_eq!(sweep["points"].as_array().unwrap().len(), 20);
    for n in [1, 3, 7] {
        for threads in ["1", "2"] {
            let root = tmp.path().join(format!("n{n}-t{threads}"));
            let mut dirs = shards(&root, n, &["--threads", threads]);
            assert_eq!(files(&dirs[0]).into_keys().collect::<Vec<_>>(), ["manifest.json", "partial.json"]);
            let (_, p) = Partial::read(&dirs[0]).unwrap();
            assert_eq!((p.job.command.as_str(), p.units.total, p.job.seed), ("sweep", 20, 2025));
            dirs.reverse();
            let merged = root.join("merged");
            let out = ok(merge(&dirs, &merged, &["--format", "csv"]));
            assert_eq!(out.stdout, printed, "n = {n}, {threads} threads: stdout");
            let got = files(&merged);
            assert_eq!(got.keys().collect::<Vec<_>>(), expected.keys().collect::<Vec<_>>());
            for (name, bytes) in &expected {
                assert!(got[name] == *bytes, "n = {n}, {threads} threads: {name} differs from the single sweep's");
            }
        }
    }
}

#[test]
fn more_shards_than_points_and_projection_only_sweeps_merge() {
    let tmp = tempfile::tempdir().unwrap();
    // Four points, no simulations, no fixed seed needed.
    let run = |out: &Path, extra: &[&str]| {
        let args = ["sweep", "--baseline", "ge2024", "--share", "reform=30,lab=20,con=15", "--x", "con=10:25:5"];
        ok(pns().args(args).args(["--quiet", "--out"]).arg(out).args(extra).output().unwrap())
    };
    run(&tmp.path().join("single"), &[]);
    let dirs: Vec<PathBuf> = (1..=6)
        .map(|i| {
            let d = tmp.path().join(format!("s{i}"));
            run(&d, &["--shard", &format!("{i}/6")]);
            d
        })
        .collect();
    let (_, first) = Partial::read(&dirs[0]).unwrap();
    assert_eq!(first.units.start, first.units.end, "4 points in 6 shards: shard 1 is empty");
    assert!(first.tallies.iter().all(|c| c.counts.is_empty()));
    ok(merge(&dirs, &tmp.path().join("m"), &[]));
    assert_eq!(files(&tmp.path().join("m")), files(&tmp.path().join("single")));
}

#[test]
fn bad_sets_of_sweep_partials_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let d = shards(tmp.path(), 3, &["--no-charts"]);
    refused(&d[..2], &["expected all 3 shards, found 2 partials without shard 3/3"]);
    refused(&[d[0].clone(), d[1].clone(), d[1].clone()], &["field `units.index`", "found shard 2/3 also in"]);
    // Another grid, another seed.
    let other = |name: &str, extra: &[&str]| {
        let dir = tmp.path().join(name);
        ok(sweep(&dir, &[&["--no-charts", "--shard", "2/3"], extra].concat()));
        vec![d[0].clone(), dir, d[2].clone()]
    };
    refused(&other("seed", &["--seed", "7"]), &["field `job.seed`", "found '7'"]);
    refused(&other("size", &["--size", "800x500"]), &["field `job.args`", "--size=800x500"]);
    // A run's partial among a sweep's.
    let run = tmp.path().join("run");
    let args = ["run", SCENARIO, "--sims", "1000", "--quiet", "--no-charts", "--shard", "2/3", "--out"];
    ok(pns().args(args).arg(&run).output().unwrap());
    refused(&[d[0].clone(), run, d[2].clone()], &["field `job.command`", "found 'run'"]);
    // Points of another shape, correctly checksummed: refused by name.
    let file = d[1].join("partial.json");
    let good = std::fs::read(&file).unwrap();
    rewrite(&d[1], |p| p.tallies[0].counts.push(1));
    refused(&d, &["field `tallies.central`", "values per unit"]);
    std::fs::write(&file, &good).unwrap();
    rewrite(&d[1], |p| p.tallies.pop().map(drop).unwrap());
    refused(&d, &["field `tallies`", "expected the arrays"]);
    std::fs::write(&file, &good).unwrap();
    rewrite(&d[1], |p| p.job.fingerprint = pns::output::sha256_hex(b"another scenario"));
    refused(&d, &["field `job.fingerprint`"]);
}

#[test]
fn sweep_shard_flags_are_checked_before_anything_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let inline = ["sweep", "--baseline", "ge2024", "--share", "reform=30,lab=20,con=15", "--x", "con=10:20:5"];
    fails_one_line(
        pns().args(inline).args(["--sims", "100", "--shard", "1/2", "--out"]).arg(&out),
        &["error: --shard: expected a fixed seed"],
    );
    fails_one_line(pns().args(inline).args(["--shard", "1/2"]), &["error: --shard: expected an output directory"]);
    fails_one_line(pns().args(inline).args(["--shard", "3/2", "--out"]).arg(&out), &["error: --shard: expected i/n"]);
    fails_one_line(pns().args(inline).args(["--size", "10x10", "--out"]).arg(&out), &["--size"]);
    assert!(!out.exists());
    // A run's partials merge to a run, which prints no CSV.
    let shard = tmp.path().join("run-shard");
    let args = ["run", SCENARIO, "--sims", "1000", "--seed", "1", "--quiet", "--no-charts", "--shard", "1/1", "--out"];
    ok(pns().args(args).arg(&shard).output().unwrap());
    fails_one_line(
        pns().arg("merge").arg(&shard).args(["--format", "csv", "--out"]).arg(&out),
        &["error: --format: expected table or json for the partials of pns run, found 'csv'"],
    );
    assert!(!out.exists());
}
