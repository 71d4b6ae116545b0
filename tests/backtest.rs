//! `pns backtest` end to end: self-backtests, seat sums, an independently computed golden case, bad input.

mod common;

use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

/// `pns backtest ARGS`.
fn pns(args: &[&str]) -> std::process::Output {
    common::pns().arg("backtest").args(args).output().unwrap()
}

fn json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let out = pns(&all);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Every case of every pair in a JSON backtest.
fn cases(v: &Value) -> Vec<(&Value, &Value)> {
    v["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["cases"].as_array().unwrap().iter().map(move |c| (p, c)))
        .collect()
}

#[test]
fn an_election_against_itself_is_called_perfectly() {
    for name in ["ge2010", "ge2019", "ge2024"] {
        let v = json(&["--from", name, "--to", name, "--model", "all", "--swing-by", "all"]);
        let cases = cases(&v);
        assert_eq!(cases.len(), 12);
        for (pair, case) in cases {
            let s = &case["scores"];
            assert_eq!(s["wrong"], 0, "{name} {} {}", case["model"], case["swing_by"]);
            assert_eq!(s["seat_total_error"], 0);
            assert_eq!(s["accuracy"], 100.0);
            assert!(s["share_mae"].as_f64().unwrap() < 1e-6);
            assert_eq!(pair["changed_hands"], 0);
        }
    }
}

#[test]
fn seats_per_party_sum_to_the_seats_compared_on_both_sides() {
    let v = json(&["--all"]);
    let cases = cases(&v);
    assert_eq!(cases.len(), 4 * 4 * 3);
    for (pair, case) in cases {
        let n = pair["seats_compared"].as_u64().unwrap();
        assert!((630..=631).contains(&n));
        let parties = case["scores"]["parties"].as_array().unwrap();
        let sum = |key: &str| parties.iter().map(|p| p[key].as_u64().unwrap()).sum::<u64>();
        assert_eq!(sum("actual_seats"), n);
        assert_eq!(sum("predicted_seats"), n);
        assert_eq!(case["scores"]["seats_compared"].as_u64().unwrap(), n);
        assert_eq!(pair["actual_seats"].as_object().unwrap().values().map(|x| x.as_u64().unwrap()).sum::<u64>(), n);
        let wrong = case["seats"].as_array().unwrap().iter().filter(|s| s["correct"] == false).count();
        assert_eq!(case["scores"]["wrong"].as_u64().unwrap() as usize, wrong);
    }
}

/// One row of a shipped baseline CSV, read here without the crate.
struct Row {
    name: String,
    country: String,
    winner: String,
    votes: BTreeMap<String, f64>,
}

/// The party columns, with UKIP, the Brexit Party and Reform UK summed into `series`.
const COLUMNS: [&str; 18] = [
    "con", "lab", "ld", "ukip", "brexit", "reform", "green", "snp", "pc", "dup", "sf", "sdlp", "uup", "alliance",
    "tuv", "speaker", "ind", "other",
];

fn read_rows(file: &str) -> HashMap<String, Row> {
    let path = format!("{}/scenarios/baselines/{file}", env!("CARGO_MANIFEST_DIR"));
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let mut rows = HashMap::new();
    for record in reader.records() {
        let f = record.unwrap();
        let mut votes = BTreeMap::new();
        for c in COLUMNS {
            let v: f64 = f[col(c)].parse().unwrap_or(0.0);
            let key = if ["ukip", "brexit", "reform"].contains(&c) { "series" } else { c };
            *votes.entry(key.to_string()).or_insert(0.0) += v;
        }
        let winner = f[col("winner")].to_string();
        let winner = if ["ukip", "brexit", "reform"].contains(&winner.as_str()) { "series".into() } else { winner };
        rows.insert(
            f[col("ons_id")].to_string(),
            Row {
                name: f[col("constituency_name")].to_string(),
                country: f[col("country")].to_string(),
                winner,
                votes,
            },
        );
    }
    rows
}

/// Vote-weighted shares over the given seats.
fn shares_over(rows: &HashMap<String, Row>, codes: &[String]) -> BTreeMap<String, f64> {
    let mut votes: BTreeMap<String, f64> = BTreeMap::new();
    let mut total = 0.0;
    for code in codes {
        for (p, v) in &rows[code].votes {
            *votes.entry(p.clone()).or_insert(0.0) += v;
            total += v;
        }
    }
    votes.into_iter().map(|(p, v)| (p, v / total)).collect()
}

fn argmax(shares: &BTreeMap<String, f64>) -> String {
    shares.iter().fold(("", -1.0), |best, (p, v)| if *v > best.1 { (p, *v) } else { best }).0.to_string()
}

/// Golden values for 2017 → 2019, UNS at GB level with no party standing everywhere: uniform national swing
/// recomputed here from the raw CSV rows, seat by seat, and compared with the program's calls, seat totals, share
/// error and projected shares.
#[test]
fn golden_2017_to_2019_uns_by_an_independent_calculation() {
    let y2017 = read_rows("ge2017.csv");
    let y2019 = read_rows("ge2019.csv");
    let mut codes: Vec<String> = y2017
        .iter()
        .filter(|(code, r)| {
            r.country != "Northern Ireland" && r.winner != "speaker" && y2019[*code].winner != "speaker"
        })
        .map(|(code, _)| code.clone())
        .collect();
    codes.sort();
    assert_eq!(codes.len(), 630);
    let e = shares_over(&y2017, &codes);
    let p = shares_over(&y2019, &codes);

    let mut predicted: BTreeMap<String, BTreeMap<String, f64>> = BTreeMap::new();
    let mut predicted_seats: BTreeMap<String, u64> = BTreeMap::new();
    let mut actual_seats: BTreeMap<String, u64> = BTreeMap::new();
    let mut wrong = 0;
    let (mut abs_err, mut n_err) = (0.0, 0);
    for code in &codes {
        let before = &y2017[code];
        let valid: f64 = before.votes.values().sum();
        // UNS: add the national change where the party stood, clip at zero, rescale to 100%.
        let mut s: BTreeMap<String, f64> = BTreeMap::new();
        for (party, v) in &before.votes {
            let c = v / valid;
            s.insert(party.clone(), if c > 0.0 { (c + p[party] - e[party]).max(0.0) } else { 0.0 });
        }
        let total: f64 = s.values().sum();
        s.values_mut().for_each(|x| *x /= total);
        let call = argmax(&s);
        let after = &y2019[code];
        *predicted_seats.entry(call.clone()).or_default() += 1;
        *actual_seats.entry(after.winner.clone()).or_default() += 1;
        if call != after.winner {
            wrong += 1;
        }
        let valid_after: f64 = after.votes.values().sum();
        let mut main = vec!["con", "lab", "ld", "green", "series"];
        match after.country.as_str() {
            "Scotland" => main.push("snp"),
            "Wales" => main.push("pc"),
            _ => {}
        }
        for party in main {
            abs_err += (s[party] - after.votes[party] / valid_after).abs();
            n_err += 1;
        }
        predicted.insert(code.clone(), s);
    }
    // The published 2019 GB result less Buckingham (Con, but the Speaker's seat in 2017).
    let published: BTreeMap<String, u64> =
        [("con", 364), ("lab", 202), ("snp", 48), ("ld", 11), ("pc", 4), ("green", 1)]
            .into_iter()
            .map(|(p, n)| (p.to_string(), n))
            .collect();
    assert_eq!(actual_seats, published);

    let v = json(&[
        "--from",
        "ge2017",
        "--to",
        "ge2019",
        "--model",
        "uns",
        "--swing-by",
        "gb",
        "--stands-everywhere",
        "none",
    ]);
    let pair = &v["pairs"][0];
    let case = &pair["cases"][0];
    assert_eq!(case["model"], "uns");
    let scores = &case["scores"];
    assert_eq!(scores["wrong"].as_u64().unwrap(), wrong);
    assert!((scores["share_mae"].as_f64().unwrap() - 100.0 * abs_err / n_err as f64).abs() < 1e-5);
    let series = |p: &str| if p == "brexit" { "series".to_string() } else { p.to_string() };
    for party in scores["parties"].as_array().unwrap() {
        let code = series(party["party"].as_str().unwrap());
        assert_eq!(
            party["predicted_seats"].as_u64().unwrap(),
            predicted_seats.get(&code).copied().unwrap_or(0),
            "{code}"
        );
        assert_eq!(party["actual_seats"].as_u64().unwrap(), actual_seats.get(&code).copied().unwrap_or(0), "{code}");
    }
    // Seat by seat: the call everywhere, the shares to the 1e-6 rounding of the JSON.
    let seats = case["seats"].as_array().unwrap();
    assert_eq!(seats.len(), 630);
    for seat in seats {
        let code = seat["code"].as_str().unwrap();
        let mine = &predicted[code];
        assert_eq!(series(seat["winner"].as_str().unwrap()), argmax(mine), "{}", y2017[code].name);
        for (party, share) in seat["shares"].as_object().unwrap() {
            let expected = 100.0 * mine[&series(party)];
            assert!((share.as_f64().unwrap() - expected).abs() < 2e-6, "{} {party}", y2017[code].name);
        }
    }
    // A handful of named seats, spelled out.
    for name in ["Bolsover", "Bassetlaw", "Kensington", "Canterbury", "East Dunbartonshire"] {
        let code = codes.iter().find(|c| y2017[*c].name == name).unwrap();
        let seat = seats.iter().find(|s| s["code"] == code.as_str()).unwrap();
        let correct = argmax(&predicted[code]) == y2019[code].winner;
        assert_eq!(seat["correct"], correct, "{name}");
    }
}

#[test]
fn all_prints_one_table_of_every_pair_model_and_level() {
    let out = pns(&["--all"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let rows = text.lines().filter(|l| l.starts_with("ge20")).count();
    assert_eq!(rows, 48);
    for pair in ["ge2010 → ge2015", "ge2015 → ge2017", "ge2017 → ge2019", "ge2019n → ge2024"] {
        for model in ["uns", "proportional", "stm", "hybrid"] {
            for level in ["gb", "nation", "region"] {
                let row = text.lines().find(|l| {
                    l.starts_with(pair)
                        && l.split_whitespace().nth(3) == Some(model)
                        && l.split_whitespace().nth(4) == Some(level)
                });
                assert!(row.is_some(), "{pair} {model} {level}");
            }
        }
    }
}

#[test]
fn csv_has_one_row_per_case_and_party() {
    let out = pns(&["--from", "ge2015", "--to", "ge2017", "--model", "stm", "--format", "csv"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    assert!(lines.next().unwrap().starts_with("from,to,model,swing_by,"));
    let rows: Vec<&str> = lines.collect();
    assert!(rows.iter().all(|r| r.starts_with("ge2015,ge2017,stm,gb,631,")));
    assert!(rows.iter().any(|r| r.contains(",con,")));
}

#[test]
fn sims_and_seed_are_recorded_and_a_missing_seed_is_drawn_and_printed() {
    let v = json(&["--from", "ge2017", "--to", "ge2019", "--model", "uns", "--sims", "100", "--seed", "7"]);
    assert_eq!(v["simulation"]["sims"], 100);
    assert_eq!(v["simulation"]["seed"], 7);
    assert_eq!(v["simulation"]["uncertainty"]["national_sigma"], 0.0);
    let p = &v["pairs"][0]["cases"][0]["scores"]["probabilistic"];
    assert_eq!(p["sims"], 100);
    assert_eq!(p["seed"], 7);
    let out = pns(&["--from", "ge2017", "--to", "ge2019", "--model", "uns", "--sims", "100", "--format", "json"]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    let seed: u64 = err.trim().strip_prefix("seed: ").unwrap().split(' ').next().unwrap().parse().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["simulation"]["seed"], seed);
    // Without --sims there is no probabilistic section and no per-seat probability.
    let v = json(&["--from", "ge2017", "--to", "ge2019", "--model", "uns"]);
    assert!(v["simulation"].is_null() && v["pooled"].is_null());
    assert!(v["pairs"][0]["cases"][0]["scores"]["probabilistic"].is_null());
    assert!(v["pairs"][0]["cases"][0]["seats"][0].get("p_win").is_none());
}

/// With every σ at 0 each simulation is the deterministic projection: an election against itself then has
/// Brier score and log loss 0, and every interval is the actual total.
#[test]
fn an_election_against_itself_without_noise_scores_perfectly() {
    for name in ["ge2015", "ge2024"] {
        let v = json(&[
            "--from",
            name,
            "--to",
            name,
            "--model",
            "all",
            "--swing-by",
            "all",
            "--sims",
            "1200",
            "--seed",
            "5",
            "--uncertainty",
            "zero",
        ]);
        let cases = cases(&v);
        assert_eq!(cases.len(), 12);
        for (_, case) in cases {
            let p = &case["scores"]["probabilistic"];
            let label = format!("{name} {} {}", case["model"], case["swing_by"]);
            assert_eq!(p["brier"], 0.0, "{label}");
            assert_eq!(p["log_loss"], 0.0, "{label}");
            assert_eq!(p["favourite_wrong"], 0, "{label}");
            assert_eq!(p["unforeseen"], 0, "{label}");
            assert!(p["scored"].as_u64().unwrap() >= 5, "{label}");
            assert_eq!(p["covered50"], p["scored"], "{label}");
            assert_eq!(p["covered90"], p["scored"], "{label}");
            for c in p["coverage"].as_array().unwrap() {
                let a = &c["actual"];
                assert!(c["interval90"][0] == *a && c["interval90"][1] == *a, "{label} {c}");
            }
            // Every (seat, party) pair is in the exact bins 0 or 1, and the 1s are the winners.
            let bins = p["calibration"].as_array().unwrap();
            assert!(bins[1..11].iter().all(|b| b["count"] == 0), "{label}");
            assert_eq!(bins[0]["won"], 0);
            assert_eq!(bins[11]["count"], bins[11]["won"]);
            assert_eq!(bins[11]["count"].as_u64().unwrap(), case["scores"]["seats_compared"].as_u64().unwrap());
        }
        let pooled = &v["pooled"]["rows"][0];
        assert_eq!((pooled["coverage50"].as_f64(), pooled["coverage90"].as_f64()), (Some(100.0), Some(100.0)));
    }
}

/// Brier score, log loss and the calibration table recomputed here from the per-seat win probabilities of the
/// JSON, the actual winners and the raw CSV rows.
#[test]
fn probabilistic_scores_by_an_independent_calculation() {
    let sims = 2000.0;
    let v = json(&[
        "--from",
        "ge2017",
        "--to",
        "ge2019",
        "--model",
        "stm",
        "--swing-by",
        "nation",
        "--sims",
        "2000",
        "--seed",
        "11",
    ]);
    let y2017 = read_rows("ge2017.csv");
    let pair = &v["pairs"][0];
    let case = &pair["cases"][0];
    let p = &case["scores"]["probabilistic"];
    let series = |p: &str| if p == "brexit" { "series".to_string() } else { p.to_string() };
    let (mut brier, mut log_loss, mut n) = (0.0, 0.0, 0.0);
    let mut count = [0u64; 12];
    let mut won = [0u64; 12];
    for (actual, predicted) in pair["seats"].as_array().unwrap().iter().zip(case["seats"].as_array().unwrap()) {
        assert_eq!(actual["code"], predicted["code"]);
        let winner = actual["actual_winner"].as_str().unwrap();
        let p_win: BTreeMap<String, f64> =
            predicted["p_win"].as_object().unwrap().iter().map(|(k, x)| (k.clone(), x.as_f64().unwrap())).collect();
        assert!((p_win.values().sum::<f64>() - 1.0).abs() < 1e-6);
        let mut parties: Vec<String> = p_win.keys().cloned().collect();
        parties.push(winner.to_string());
        brier += parties
            .iter()
            .collect::<std::collections::BTreeSet<_>>()
            .iter()
            .map(|q| {
                let o = if q.as_str() == winner { 1.0 } else { 0.0 };
                (p_win.get(*q).copied().unwrap_or(0.0) - o).powi(2)
            })
            .sum::<f64>();
        log_loss -= p_win.get(winner).copied().unwrap_or(0.0).max(1.0 / (2.0 * sims)).ln();
        n += 1.0;
        // Calibration: every party that stood at either election in the seat, or won in a simulation.
        let before = &y2017[actual["code"].as_str().unwrap()];
        let mut stood: std::collections::BTreeSet<String> =
            before.votes.iter().filter(|(_, v)| **v > 0.0).map(|(k, _)| k.clone()).collect();
        stood.extend(actual["actual_shares"].as_object().unwrap().keys().map(|k| series(k)));
        stood.extend(p_win.keys().map(|k| series(k)));
        for party in stood {
            let code = if party == "series" { "brexit".to_string() } else { party.clone() };
            let q = p_win.get(&code).copied().unwrap_or(0.0);
            let bin = if q == 0.0 {
                0
            } else if q == 1.0 {
                11
            } else {
                1 + ((q * 10.0).floor() as usize).min(9)
            };
            count[bin] += 1;
            won[bin] += (code == winner) as u64;
        }
    }
    assert!((p["brier"].as_f64().unwrap() - brier / n).abs() < 1e-6, "{} {}", p["brier"], brier / n);
    assert!((p["log_loss"].as_f64().unwrap() - log_loss / n).abs() < 1e-6, "{} {}", p["log_loss"], log_loss / n);
    assert!(p["brier"].as_f64().unwrap() > 0.0);
    let bins = p["calibration"].as_array().unwrap();
    for b in 0..12 {
        assert_eq!(bins[b]["count"].as_u64().unwrap(), count[b], "bin {b}");
        assert_eq!(bins[b]["won"].as_u64().unwrap(), won[b], "bin {b}");
    }
    // Intervals nest and coverage is what the intervals say.
    for c in p["coverage"].as_array().unwrap() {
        let (i50, i90, a) = (&c["interval50"], &c["interval90"], c["actual"].as_u64().unwrap());
        let lo = |i: &Value| i[0].as_u64().unwrap();
        let hi = |i: &Value| i[1].as_u64().unwrap();
        assert!(lo(i90) <= lo(i50) && lo(i50) <= c["median"].as_u64().unwrap() && hi(i50) <= hi(i90));
        assert_eq!(c["in50"], lo(i50) <= a && a <= hi(i50));
        assert_eq!(c["in90"], lo(i90) <= a && a <= hi(i90));
    }
}

#[test]
fn same_seed_gives_identical_json_on_1_and_2_threads() {
    let run = |threads: &str, seed: &str| {
        let out = pns(&[
            "--from",
            "ge2015",
            "--to",
            "ge2017",
            "--model",
            "all",
            "--swing-by",
            "all",
            "--sims",
            "2500",
            "--seed",
            seed,
            "--threads",
            threads,
            "--format",
            "json",
        ]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        out.stdout
    };
    let one = run("1", "21");
    assert_eq!(one, run("2", "21"));
    assert_ne!(one, run("2", "22"));
}

#[test]
fn table_and_csv_show_the_probabilistic_scores() {
    let out = pns(&["--from", "ge2017", "--to", "ge2019", "--model", "uns", "--sims", "300", "--seed", "1"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Brier") && text.contains("90% int") && text.contains("calibration"), "{text}");
    let out = pns(&["--all", "--model", "uns", "--swing-by", "gb", "--sims", "300", "--seed", "1"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Pooled over the cases") && text.contains("in 90%"), "{text}");
    assert_eq!(text.lines().filter(|l| l.starts_with("ge20")).count(), 4);
    let out = pns(&["--from", "ge2015", "--to", "ge2017", "--model", "stm", "--sims", "300", "--format", "csv"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().next().unwrap().ends_with(",in50,in90"));
    assert!(text.lines().skip(1).any(|r| r.contains(",con,") && (r.ends_with(",true") || r.ends_with(",false"))));
}

/// Bad input: one line on stderr, nothing on stdout, a non-zero exit.
#[test]
fn bad_input_is_one_line_and_fails() {
    let cases: [(&[&str], &str); 13] = [
        (&["--from", "ge2019", "--to", "ge2024"], "do not match"),
        (&["--all", "--seed", "1"], "--seed"),
        (&["--all", "--uncertainty", "zero"], "--uncertainty"),
        (&["--all", "--sims", "10", "--uncertainty", "national=-1"], "σ in points ≥ 0"),
        (&["--all", "--sims", "10", "--uncertainty", "seat=2"], "unknown key 'seat'"),
        (&["--all", "--sims", "10", "--threads", "0"], "--threads"),
        (&["--from", "ge2023", "--to", "ge2024"], "unknown election 'ge2023'"),
        (&["--from", "ge2017", "--to", "ge2031"], "unknown election 'ge2031'"),
        (&["--from", "ge2017", "--to", "ge2019", "--model", "cube"], "unknown model 'cube'"),
        (&["--all", "--model", "cube"], "unknown model 'cube'"),
        (&["--from", "ge2017", "--to", "ge2019", "--swing-by", "county"], "unknown swing level"),
        (&["--from", "ge2017"], "--to"),
        (&["--all", "--sims", "0"], "--sims"),
    ];
    for (args, expected) in cases {
        let out = pns(args);
        assert!(out.stdout.is_empty(), "{args:?}");
        common::assert_one_line_error(&out, &[expected]);
    }
}
