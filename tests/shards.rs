//! `pns run --shard i/n` and `pns merge` through the binary: sharded and merged equals one run byte for byte, and
//! every bad set of partials is refused with one line and nothing written.

mod common;

use common::{
    fails_one_line, files_of as files, merge_refused as refused, pns, rewrite_partial as rewrite, succeeded as ok,
};
use pns::shard::Partial;
use std::path::{Path, PathBuf};

/// 7 chunks of 1024 and a short last one: every shard of 1, 3 and 7 holds at least one chunk.
const SIMS: &str = "7000";
const SCENARIO: &str = "scenarios/2018-bbc-pns.toml";

fn run(out: &Path, extra: &[&str]) -> std::process::Output {
    pns()
        .args(["run", SCENARIO, "--sims", SIMS, "--seed", "11", "--quiet", "--out"])
        .arg(out)
        .args(extra)
        .output()
        .unwrap()
}

/// Runs shards 1..=n of `extra`'s run into `root/shard-i`, returning their directories.
fn shards(root: &Path, n: u64, extra: &[&str]) -> Vec<PathBuf> {
    (1..=n)
        .map(|i| {
            let dir = root.join(format!("shard-{i}"));
            ok(run(&dir, &[&["--shard", &format!("{i}/{n}")], extra].concat()));
            dir
        })
        .collect()
}

fn merge(dirs: &[PathBuf], out: &Path) -> std::process::Output {
    pns().arg("merge").args(dirs).arg("--out").arg(out).arg("--quiet").output().unwrap()
}

#[test]
fn sharded_and_merged_is_the_single_run_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let single = tmp.path().join("single");
    let printed = ok(run(&single, &["--format", "json"])).stdout;
    let expected = files(&single);
    assert!(expected.contains_key("summary.json") && expected.contains_key("seats.png"), "{:?}", expected.keys());
    for n in [1, 3, 7] {
        for threads in ["1", "2"] {
            let root = tmp.path().join(format!("n{n}-t{threads}"));
            let mut dirs = shards(&root, n, &["--threads", threads]);
            // Only the partial (and the directory's manifest) is written by a shard.
            let names: Vec<String> = files(&dirs[0]).into_keys().collect();
            assert_eq!(names, ["manifest.json", "partial.json"]);
            dirs.reverse();
            let merged = root.join("merged");
            let out =
                pns().arg("merge").args(&dirs).arg("--out").arg(&merged).args(["--format", "json", "-q"]).output();
            let out = ok(out.unwrap());
            assert_eq!(out.stdout, printed, "n = {n}, {threads} threads: stdout");
            let got = files(&merged);
            assert_eq!(got.keys().collect::<Vec<_>>(), expected.keys().collect::<Vec<_>>());
            for (name, bytes) in &expected {
                assert!(got[name] == *bytes, "n = {n}, {threads} threads: {name} differs from the single run's");
            }
        }
    }
}

#[test]
fn partials_hold_exact_integer_tallies_of_their_chunks() {
    let tmp = tempfile::tempdir().unwrap();
    let dirs = shards(tmp.path(), 3, &["--no-charts"]);
    let mut sims = 0;
    for (i, dir) in dirs.iter().enumerate() {
        let (_, p) = Partial::read(dir).unwrap();
        assert_eq!(p.job.seed, 11);
        assert_eq!((p.units.index, p.units.count, p.units.total), (i as u64 + 1, 3, 7));
        assert_eq!(p.units.start..p.units.end, [0..2, 2..4, 4..7][i]);
        let n = p.tallies.iter().find(|c| c.name == "sims").unwrap().counts[0];
        assert_eq!(n, [2048, 2048, 2904][i]);
        sims += n;
    }
    assert_eq!(sims, 7000);
}

#[test]
fn more_shards_than_chunks_leaves_some_empty_and_still_merges() {
    let tmp = tempfile::tempdir().unwrap();
    let run3 = |out: &Path, extra: &[&str]| {
        let args = ["run", SCENARIO, "--sims", "2500", "--seed", "3", "--quiet", "--no-charts", "--out"];
        ok(pns().args(args).arg(out).args(extra).output().unwrap())
    };
    run3(&tmp.path().join("single"), &[]);
    let dirs: Vec<PathBuf> = (1..=5)
        .map(|i| {
            let d = tmp.path().join(format!("s{i}"));
            run3(&d, &["--shard", &format!("{i}/5")]);
            d
        })
        .collect();
    let (_, first) = Partial::read(&dirs[0]).unwrap();
    assert_eq!(first.units.start, first.units.end, "3 chunks in 5 shards: shard 1 is empty");
    ok(merge(&dirs, &tmp.path().join("m")));
    assert_eq!(files(&tmp.path().join("m")), files(&tmp.path().join("single")));
}

#[test]
fn missing_duplicated_and_mismatched_partials_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let d = shards(tmp.path(), 3, &["--no-charts"]);
    refused(&d[..2], &["expected all 3 shards, found 2 partials without shard 3/3"]);
    refused(&[d[0].clone(), d[2].clone()], &["without shard 2/3"]);
    refused(&[d[0].clone(), d[1].clone(), d[1].clone()], &["field `units.index`", "found shard 2/3 also in"]);
    // Another seed, another scenario, another cut.
    let other = |name: &str, extra: &[&str]| {
        let dir = tmp.path().join(name);
        let args = ["run", SCENARIO, "--sims", SIMS, "--quiet", "--no-charts", "--shard", "2/3", "--out"];
        ok(pns().args(args).arg(&dir).args(extra).output().unwrap());
        vec![d[0].clone(), dir, d[2].clone()]
    };
    refused(&other("seed", &["--seed", "12"]), &["field `job.seed`", "found '12'"]);
    refused(&other("share", &["--seed", "11", "--share", "lab=40"]), &["field `job.args`", "--share=lab=40"]);
    let other_cut = tmp.path().join("cut");
    ok(run(&other_cut, &["--no-charts", "--shard", "3/3"]));
    rewrite(&other_cut, |p| p.units.count = 4);
    refused(&[d[0].clone(), d[1].clone(), other_cut], &["field `units"]);
    let version = tmp.path().join("version");
    ok(run(&version, &["--no-charts", "--shard", "3/3"]));
    rewrite(&version, |p| p.job.pns_version = "0.0.9".into());
    refused(&[d[0].clone(), d[1].clone(), version], &["field `job.pns_version`", "found '0.0.9'"]);
    // The same arguments on an edited scenario file: its fingerprint differs.
    let edited = tmp.path().join("edited");
    ok(run(&edited, &["--no-charts", "--shard", "2/3"]));
    rewrite(&edited, |p| p.job.fingerprint = pns::output::sha256_hex(b"another scenario"));
    refused(&[d[0].clone(), edited, d[2].clone()], &["field `job.fingerprint`"]);
}

#[test]
fn a_scenario_changed_since_the_shards_ran_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let scenario = tmp.path().join("s.toml");
    std::fs::write(&scenario, "baseline = \"ge2019\"\n[shares]\nlab = 36\ncon = 29\n").unwrap();
    let shard = |i: u64| {
        let dir = tmp.path().join(format!("s{i}"));
        let args = ["--sims", "3000", "--seed", "1", "--quiet", "--no-charts", "--shard", &format!("{i}/2")];
        ok(pns().arg("run").arg(&scenario).args(args).arg("--out").arg(&dir).output().unwrap());
        dir
    };
    let dirs = [shard(1), shard(2)];
    std::fs::write(&scenario, "baseline = \"ge2019\"\n[shares]\nlab = 37\ncon = 29\n").unwrap();
    refused(&dirs, &["field `job.fingerprint`", "changed since"]);
}

#[test]
fn corrupted_or_truncated_partials_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let d = shards(tmp.path(), 2, &["--no-charts"]);
    let file = d[1].join("partial.json");
    let good = std::fs::read(&file).unwrap();
    std::fs::write(&file, &good[..good.len() * 2 / 3]).unwrap();
    refused(&d, &["partial.json:1: expected a pns-partial/1 file, found the file ends early"]);
    // One count changed: the checksum no longer matches.
    let text = String::from_utf8(good.clone()).unwrap();
    let at = text.find("\"hist\",\"counts\":[").unwrap() + 17;
    let digit = text[at..].find(|c: char| c.is_ascii_digit() && c != '9').unwrap() + at;
    let mut bytes = good.clone();
    bytes[digit] += 1;
    std::fs::write(&file, &bytes).unwrap();
    refused(&d, &["partial.json: field `sha256`: the content does not match its checksum"]);
    std::fs::write(&file, b"").unwrap();
    refused(&d, &["partial.json:1: expected a pns-partial/1 file"]);
    std::fs::remove_file(&file).unwrap();
    refused(&d, &["partial.json: expected a pns-partial/1 file, cannot read it"]);
    // Counts of another shape, correctly checksummed: refused by name.
    std::fs::write(&file, &good).unwrap();
    rewrite(&d[1], |p| p.tallies[1].counts.pop().map(|_| ()).unwrap());
    refused(&d, &["field `tallies`", "expected the arrays"]);
    std::fs::write(&file, &good).unwrap();
    rewrite(&d[1], |p| p.tallies[1].counts[0] = u64::MAX);
    refused(&d, &["field `tallies.hist`"]);
}

#[test]
fn bad_shard_flags_are_one_line_naming_the_flag_and_write_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    for bad in ["0/3", "4/3", "a/b", "1/0", "3", "1/2/3"] {
        fails_one_line(
            pns().args(["run", SCENARIO, "--sims", "1000", "--shard", bad, "--out"]).arg(&out),
            &["error: --shard: expected i/n", &format!("found '{bad}'")],
        );
        assert!(!out.exists(), "{bad}: the output directory was created");
    }
    // A shard needs a fixed seed and an output directory.
    fails_one_line(
        pns().args(["run", "--share", "lab=36", "--sims", "1000", "--shard", "1/2", "--out"]).arg(&out),
        &["error: --shard: expected a fixed seed"],
    );
    fails_one_line(
        pns().args(["run", "--share", "lab=36", "--seed", "1", "--sims", "1000", "--shard", "1/2"]),
        &["error: --shard: expected an output directory"],
    );
    assert!(!out.exists());
}
