//! Golden backtest of the hybrid model with the geography learned from the 2021-2024 wards (2019n → 2024 by
//! region), checked against an independent calculation written here from the raw CSVs.

use std::collections::BTreeMap;
use std::process::Command;

const COLUMNS: [&str; 14] =
    ["con", "lab", "ld", "ukip", "brexit", "reform", "green", "snp", "pc", "speaker", "ind", "other", "dup", "sf"];

struct Seat {
    code: String,
    region: String,
    votes: BTreeMap<String, f64>,
    winner: String,
}

fn series(c: &str) -> &str {
    if ["ukip", "brexit", "reform"].contains(&c) { "reform" } else { c }
}

fn read(file: &str) -> Vec<Seat> {
    let path = format!("{}/scenarios/baselines/{file}", env!("CARGO_MANIFEST_DIR"));
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    reader
        .records()
        .map(|r| {
            let f = r.unwrap();
            let mut votes = BTreeMap::new();
            for c in COLUMNS {
                *votes.entry(series(c).to_string()).or_insert(0.0) += f[col(c)].parse::<f64>().unwrap_or(0.0);
            }
            Seat {
                code: f[col("ons_id")].into(),
                region: f[col("region")].into(),
                votes,
                winner: series(&f[col("winner")]).into(),
            }
        })
        .filter(|s| s.region != "Northern Ireland")
        .collect()
}

fn shares(s: &Seat) -> BTreeMap<String, f64> {
    let total: f64 = s.votes.values().sum();
    s.votes.iter().map(|(p, v)| (p.clone(), v / total)).collect()
}

fn total(s: &Seat) -> f64 {
    s.votes.values().sum()
}

fn argmax(m: &BTreeMap<String, f64>) -> String {
    m.iter().max_by(|a, b| a.1.total_cmp(b.1)).unwrap().0.clone()
}

fn json(args: &[&str]) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_pns")).args(args).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The hybrid with slopes and tactical voting in one region, raked to the region's actual shares.
fn project_region(
    base: &[&Seat],
    actual: &[&Seat],
    leave: &BTreeMap<String, f64>,
    learned: &serde_json::Value,
    stands: &[String],
) -> Vec<String> {
    let parties: Vec<String> = base[0].votes.keys().cloned().collect();
    let over = |seats: &[&Seat]| -> BTreeMap<String, f64> {
        let t: f64 = seats.iter().map(|s| total(s)).sum();
        parties.iter().map(|p| (p.clone(), seats.iter().map(|s| s.votes[p]).sum::<f64>() / t)).collect()
    };
    let (e, target) = (over(base), over(actual));
    let v_total: f64 = base.iter().map(|s| total(s)).sum();
    let listed = |s: &Seat, p: &str| s.votes[p] > 0.0 || stands.iter().any(|q| q == p);
    let w: BTreeMap<&String, f64> = parties
        .iter()
        .map(|p| (p, base.iter().filter(|s| listed(s, p)).map(|s| total(s)).sum::<f64>() / v_total))
        .collect();
    let xbar: f64 = base.iter().map(|s| total(s) * leave[&s.code]).sum::<f64>() / v_total;
    let slope = |p: &str| {
        learned["slopes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["party"] == p)
            .map(|x| x["slope"].as_f64().unwrap())
            .unwrap_or(0.0)
    };
    let t = learned["tactical"]["strength"].as_f64().unwrap().clamp(0.0, 1.0);
    let raws: Vec<BTreeMap<String, f64>> = base
        .iter()
        .map(|s| {
            let c = shares(s);
            let mut r: BTreeMap<String, f64> = BTreeMap::new();
            for p in parties.iter().filter(|p| listed(s, p)) {
                let v = if target[p] < e[p] { c[p] * target[p] / e[p] } else { c[p] + (target[p] - e[p]) / w[p] };
                r.insert(p.clone(), (v + slope(p) * (leave[&s.code] - xbar)).max(0.0));
            }
            if argmax(&c) == "con" && r.contains_key("lab") && r.contains_key("ld") {
                let (strong, weak) = if r["ld"] > r["lab"] { ("ld", "lab") } else { ("lab", "ld") };
                let moved = t * r[weak];
                *r.get_mut(weak).unwrap() -= moved;
                *r.get_mut(strong).unwrap() += moved;
            }
            r
        })
        .collect();
    // Iterative proportional fitting of the raw shares to the region's targets.
    let mut alpha: BTreeMap<String, f64> = parties.iter().map(|p| (p.clone(), 1.0)).collect();
    let fitted = |alpha: &BTreeMap<String, f64>| -> Vec<BTreeMap<String, f64>> {
        raws.iter()
            .map(|r| {
                let sum: f64 = r.iter().map(|(p, v)| v * alpha[p]).sum();
                r.iter().map(|(p, v)| (p.clone(), v * alpha[p] / sum)).collect()
            })
            .collect()
    };
    for _ in 0..2000 {
        let now = fitted(&alpha);
        for p in &parties {
            let got: f64 =
                base.iter().zip(&now).map(|(s, a)| total(s) * a.get(p).copied().unwrap_or(0.0)).sum::<f64>() / v_total;
            if got > 0.0 {
                *alpha.get_mut(p).unwrap() *= target[p] / got;
            }
        }
    }
    fitted(&alpha).iter().map(argmax).collect()
}

#[test]
fn hybrid_with_the_learned_geography_calls_2024_as_an_independent_calculation_does() {
    let learned = json(&["estimate", "--pair", "2021-2024", "--geography", "--format", "json"]);
    let report = json(&[
        "backtest",
        "--from",
        "ge2019n",
        "--to",
        "ge2024",
        "--model",
        "hybrid",
        "--swing-by",
        "region",
        "--locals",
        "2021-2024",
        "--format",
        "json",
    ]);
    let case = &report["pairs"][0]["cases"][0];
    let (wrong, con) = (case["scores"]["wrong"].as_u64().unwrap(), &case["scores"]["parties"]);
    let con =
        con.as_array().unwrap().iter().find(|p| p["party"] == "con").unwrap()["predicted_seats"].as_u64().unwrap();
    // Golden: 84 of 631 seats wrong (STM by region without the geography: 127), the Conservatives on 142 (121 won).
    assert_eq!((wrong, con), (84, 142));

    let (base, actual) = (read("ge2019n.csv"), read("ge2024.csv"));
    let actual: BTreeMap<&str, &Seat> = actual.iter().map(|s| (s.code.as_str(), s)).collect();
    let compared: Vec<&Seat> =
        base.iter().filter(|s| s.votes["speaker"] == 0.0 && actual[s.code.as_str()].votes["speaker"] == 0.0).collect();
    assert_eq!(compared.len(), 631);
    let path = format!("{}/scenarios/covariates/leave_pcon2024.csv", env!("CARGO_MANIFEST_DIR"));
    let mut reader = csv::Reader::from_path(path).unwrap();
    let leave: BTreeMap<String, f64> =
        reader.records().map(|r| r.unwrap()).map(|r| (r[0].to_string(), r[2].parse().unwrap())).collect();
    // Parties contesting at least 90 % of the compared seats in 2024 stand everywhere (the backtest's auto rule).
    let stands: Vec<String> = base[0]
        .votes
        .keys()
        .filter(|p| compared.iter().filter(|s| actual[s.code.as_str()].votes[*p] > 0.0).count() as f64 >= 0.9 * 631.0)
        .cloned()
        .collect();
    let regions: std::collections::BTreeSet<&str> = compared.iter().map(|s| s.region.as_str()).collect();
    let (mut wrong_here, mut con_here) = (0, 0);
    for region in regions {
        let b: Vec<&Seat> = compared.iter().copied().filter(|s| s.region == region).collect();
        let a: Vec<&Seat> = b.iter().map(|s| actual[s.code.as_str()]).collect();
        for (winner, real) in project_region(&b, &a, &leave, &learned, &stands).iter().zip(&a) {
            wrong_here += usize::from(*winner != real.winner);
            con_here += usize::from(winner == "con");
        }
    }
    assert_eq!((wrong_here as u64, con_here as u64), (wrong, con));
}
