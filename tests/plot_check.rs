//! `pns plot` on summaries edited to be wrong: a one-line error naming the file and field, exit code 1, nothing written.

mod common;

use common::{assert_one_line_error, pns};
use serde_json::{Value, json};
use std::path::Path;
use std::time::Duration;

/// The committed summary of the README's run.
fn real() -> Value {
    serde_json::from_slice(&std::fs::read("output/2018/summary.json").unwrap()).unwrap()
}

/// Every entry of a directory, sorted.
fn entries(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}

/// `pns plot FILE [--out DIR]`, stopped if it runs for more than a minute (the reproducers used to hang or eat
/// memory).
fn plot(file: &Path, out: Option<&Path>) -> std::process::Output {
    let mut cmd = pns();
    cmd.arg("plot").arg(file).timeout(Duration::from_secs(60));
    if let Some(d) = out {
        cmd.arg("--out").arg(d);
    }
    cmd.output().unwrap()
}

/// Writes the real summary as edited by `edit`, then checks that `pns plot` on it, into its own directory and
/// with `--out` a directory that does not exist, fails on one line naming the file and `field`, with `needle`,
/// exit code 1, and writes nothing.
fn refused(edit: impl FnOnce(&mut Value), field: &str, needle: &str) {
    let mut v = real();
    edit(&mut v);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("summary.json");
    std::fs::write(&file, serde_json::to_vec_pretty(&v).unwrap()).unwrap();
    let out_dir = dir.path().join("charts");
    for out in [None, Some(out_dir.as_path())] {
        let result = plot(&file, out);
        let path = file.display().to_string();
        let field = format!("field `{field}`");
        assert_one_line_error(&result, &[&path, &field, needle]);
        assert_eq!(result.status.code(), Some(1), "{field}");
    }
    assert_eq!(entries(dir.path()), ["summary.json"], "{field}: something was written");
}

#[test]
fn unequal_sweep_arrays_are_refused() {
    refused(|v| drop(v["swing_sweep"]["seats"]["lab"].as_array_mut().unwrap().pop()), "swing_sweep.seats.lab", "(61)");
    refused(|v| drop(v["swing_sweep"]["swing"].as_array_mut().unwrap().pop()), "swing_sweep.seats.con", "(60)");
    refused(|v| v["swing_sweep"]["seats"]["lab"][3] = json!(651), "swing_sweep.seats.lab[3]", "at most the 650");
    refused(|v| v["swing_sweep"]["swing"][2] = json!(-15.0), "swing_sweep.swing[2]", "above the one before");
}

#[test]
fn chart_sizes_outside_the_scenario_limits_are_refused() {
    refused(
        |v| v["charts"]["width"] = json!(1_000_000_000),
        "charts.width",
        "expected a width in pixels from 800 to 8000",
    );
    refused(|v| v["charts"]["width"] = json!(799), "charts.width", "is 799: expected a width in pixels from 800");
    let expected = "expected a height in pixels from 500 to 8000";
    refused(|v| v["charts"]["height"] = json!(1_000_000_000), "charts.height", expected);
    refused(|v| v["charts"]["height"] = json!(8001), "charts.height", "is 8001");
    refused(|v| v["charts"]["height"] = json!(0), "charts.height", "is 0");
    refused(|v| v["charts"]["height"] = json!(1), "charts.height", "is 1");
    refused(|v| v["charts"]["names"][1] = json!("pie"), "charts.names[1]", "unknown chart 'pie'");
}

#[test]
fn seat_counts_beyond_the_parliament_are_refused() {
    refused(|v| v["total_seats"] = json!(1_000_000_000), "total_seats", "≤ 10000");
    refused(|v| v["parties"][0]["max"] = json!(1u64 << 31), "parties[0].max", "is 2147483648: expected at most");
    refused(|v| v["parties"][1]["median"] = json!(651), "parties[1].median", "at most the 650 seats");
    refused(|v| v["central_seats"]["lab"] = json!(651), "central_seats.lab", "at most the 650 seats");
    refused(|v| v["median_parliament"]["lab"] = json!(300), "median_parliament", "sums to 672 seats");
    refused(|v| v["majority"] = json!(651), "majority", "≤ 650");
    refused(|v| drop(v["parties"][0]["histogram"].as_array_mut().unwrap().pop()), "parties[0].histogram", "337");
    refused(|v| v["parties"][0]["histogram"][300] = json!(1u64 << 40), "parties[0].histogram", "10000 simulations");
    refused(|v| drop(v["constituencies"].as_array_mut().unwrap().pop()), "constituencies", "lists 649 seats");
    refused(|v| v["sims"] = json!(0), "sims", "≥ 1");
}

#[test]
fn figures_out_of_range_are_refused() {
    refused(|v| v["p_hung"] = json!(1.5), "p_hung", "is 1.5: expected a probability from 0 to 1");
    refused(|v| v["outcomes"][0]["probability"] = json!(-0.1), "outcomes[0].probability", "probability");
    refused(|v| v["constituencies"][4]["p_win"]["snp"] = json!(2), "constituencies[4].p_win.snp", "probability");
    refused(
        |v| v["national_shares"]["con"] = json!(1e308),
        "national_shares.con",
        "share is 1e308: expected a percentage",
    );
    refused(|v| v["parties"][0]["mean"] = json!(1e308), "parties[0].mean", "from 0 to 650");
    refused(|v| v["swing_sweep"]["scenario_lead"] = json!(-1e308), "swing_sweep.scenario_lead", "-100 to 100");
    refused(
        |v| v["uncertainty"]["correlations"]["con-lab"] = json!(1e308),
        "uncertainty.correlations.con-lab",
        "[-1, 1]",
    );
}

#[test]
fn a_byte_order_mark_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("summary.json");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(std::fs::read("output/2018/summary.json").unwrap());
    std::fs::write(&file, bytes).unwrap();
    let out = plot(&file, None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for chart in ["seats.png", "outcomes.png", "parliament.png", "swing.png", "nations.png"] {
        let want = std::fs::read(Path::new("output/2018").join(chart)).unwrap();
        assert!(std::fs::read(dir.path().join(chart)).unwrap() == want, "{chart} differs from output/2018");
    }
}
