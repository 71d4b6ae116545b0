//! `pns targets`: each listed seat falls at the share it reports, checked by projecting the scenario there with
//! `pns project`; the list is in order; the formats read back; bad flags are one-line errors.

mod common;

use common::{fails_one_line, pns};
use serde_json::Value;

/// A small step in the national share (percentage points), far above the search's 1e-7 points and the 1e-6
/// rounding of the JSON.
const EPS: f64 = 1e-4;

fn json(args: &[&str]) -> Value {
    let out = pns().args(args).args(["--format", "json"]).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Winner of every constituency when `party` is given `share` percent (the only named party, as in the lists).
fn winners(baseline: &str, model: &str, party: &str, share: f64) -> std::collections::BTreeMap<String, String> {
    let share = format!("{party}={share}");
    let v = json(&["project", "--baseline", baseline, "--model", model, "--share", &share]);
    v["constituencies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["code"].as_str().unwrap().to_string(), c["winner"].as_str().unwrap().to_string()))
        .collect()
}

/// Seats `party` wins in `w`.
fn won(w: &std::collections::BTreeMap<String, String>, party: &str) -> std::collections::BTreeSet<String> {
    w.iter().filter(|(_, p)| *p == party).map(|(c, _)| c.clone()).collect()
}

/// For uniform swing and the hybrid (raked): the first seat of the list falls exactly at the share reported — won
/// just above it, not just below — and at the k-th seat's share the party has gained exactly the first k seats.
#[test]
fn each_seat_falls_at_the_share_it_reports() {
    for model in ["uns", "hybrid"] {
        let list = json(&["targets", "--party", "lab", "--baseline", "ge2024", "--share", "lab=25", "--model", model]);
        let seats = list["seats"].as_array().unwrap();
        assert_eq!(seats.len(), 25);
        assert_eq!(list["national_share"], 25.0);
        let central = won(&winners("ge2024", model, "lab", 25.0), "lab");
        for k in [1usize, 2, 10, 25] {
            let at = seats[k - 1]["falls_at"].as_f64().unwrap();
            let code = seats[k - 1]["code"].as_str().unwrap();
            let above = winners("ge2024", model, "lab", at + EPS);
            let below = winners("ge2024", model, "lab", at - EPS);
            assert_eq!(above[code], "lab", "{model} #{k} {code} at {at} + {EPS}");
            assert_ne!(below[code], "lab", "{model} #{k} {code} at {at} − {EPS}");
            assert_eq!(seats[k - 1]["holder"], below[code].as_str(), "{model} #{k}");
            let gained: std::collections::BTreeSet<String> = won(&above, "lab").difference(&central).cloned().collect();
            let first: std::collections::BTreeSet<String> =
                seats[..k].iter().map(|s| s["code"].as_str().unwrap().to_string()).collect();
            assert_eq!(gained, first, "{model}: at the #{k} seat's share");
            assert!((seats[k - 1]["change"].as_f64().unwrap() - (at - 25.0)).abs() < 1e-5);
        }
        for w in seats.windows(2) {
            assert!(w[0]["falls_at"].as_f64() <= w[1]["falls_at"].as_f64(), "{model}: out of order");
        }
        assert!(seats.iter().all(|s| s["to"] == "lab" && s["holder"] != "lab"));
    }
}

/// `--defend` under the strong transition model: the first seat is lost just below the share reported (to the
/// party it names), held just above.
#[test]
fn defended_seats_fall_at_the_share_they_report() {
    let list =
        json(&["targets", "--party", "lab", "--defend", "--baseline", "ge2024", "--share", "lab=30", "--model", "stm"]);
    assert_eq!(list["kind"], "defend");
    let first = &list["seats"][0];
    let (at, code) = (first["falls_at"].as_f64().unwrap(), first["code"].as_str().unwrap());
    assert!(at < 30.0 && first["change"].as_f64().unwrap() < 0.0);
    assert_eq!(winners("ge2024", "stm", "lab", at + EPS)[code], "lab");
    assert_eq!(winners("ge2024", "stm", "lab", at - EPS)[code], first["to"].as_str().unwrap());
    assert_eq!(first["holder"], "lab");
    let won_now = won(&winners("ge2024", "stm", "lab", 30.0), "lab").len();
    assert_eq!(list["within_reach"].as_u64().unwrap() + list["out_of_reach"].as_u64().unwrap(), won_now as u64);
}

/// The holder's majority is the projection's: winner's share less the runner-up's, read from `pns project`.
#[test]
fn the_majority_is_the_projections() {
    let list = json(&["targets", "--party", "con", "--baseline", "ge2019", "--share", "con=40", "--top", "3"]);
    let proj = json(&["project", "--baseline", "ge2019", "--share", "con=40"]);
    for s in list["seats"].as_array().unwrap() {
        let c = proj["constituencies"].as_array().unwrap().iter().find(|c| c["code"] == s["code"]).unwrap();
        let mut shares: Vec<f64> = c["shares"].as_object().unwrap().values().map(|v| v.as_f64().unwrap()).collect();
        shares.sort_by(|a, b| b.total_cmp(a));
        assert!((s["majority_points"].as_f64().unwrap() - (shares[0] - shares[1])).abs() < 1e-4, "{s}");
        assert_eq!(s["holder"], c["winner"]);
    }
}

/// A party that stood in few seats cannot win the others under uniform swing: they are counted out of reach.
#[test]
fn seats_never_won_are_out_of_reach() {
    let list = json(&["targets", "--party", "ukip", "--baseline", "ge2024", "--share", "ukip=5", "--top", "5"]);
    let out = list["out_of_reach"].as_u64().unwrap();
    assert!(out >= 600, "{list}");
    assert_eq!(list["within_reach"].as_u64().unwrap() + out, 631);
}

#[test]
fn table_and_csv() {
    let out = pns().args(["targets", "scenarios/2018-bbc-pns.toml", "--party", "lab", "--top", "3"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("BBC PNS May 2018 — baseline ge2017, model uns: lab at 35.00% (England)"), "{text}");
    assert!(text.contains("3 of ") && text.contains("out of reach"), "{text}");
    let out =
        pns().args(["targets", "scenarios/2018-bbc-pns.toml", "--party", "lab", "--format", "csv"]).output().unwrap();
    assert!(out.status.success());
    let mut r = csv::Reader::from_reader(&out.stdout[..]);
    let header = r.headers().unwrap().clone();
    assert_eq!(&header[0], "party");
    let rows: Vec<csv::StringRecord> = r.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 25);
    let ranks: Vec<&str> = rows.iter().map(|r| &r[2]).collect();
    assert_eq!(ranks[..3], ["1", "2", "3"]);
}

#[test]
fn bad_flags_are_one_line_errors() {
    fails_one_line(
        pns().args(["targets", "scenarios/2018-bbc-pns.toml", "--party", "whig"]),
        &["--party", "unknown party 'whig'"],
    );
    fails_one_line(
        pns().args(["targets", "scenarios/2018-bbc-pns.toml", "--party", "lab", "--top", "0"]),
        &["--top", "≥ 1"],
    );
    fails_one_line(pns().args(["targets", "--party", "lab"]), &["no scenario"]);
}
