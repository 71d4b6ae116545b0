//! `pns estimate`: the method on synthetic and real pairs, bootstrap determinism, and bad input via the CLI.

mod common;

use common::pns;
use pns::estimate::{EstimateOptions, estimate_file, estimate_shipped};
use pns::party::Party;
use std::collections::HashMap;
use std::io::{Read, Write};

fn opts(bootstrap: u64) -> EstimateOptions {
    EstimateOptions { bootstrap, ..EstimateOptions::default() }
}

const HEADER: &str = "pair,ward,council_code,earlier_total,earlier_con,earlier_lab,earlier_ld,earlier_green,\
                      later_total,later_con,later_lab,later_ld,later_green";

/// Councils in different regions and kinds of authority, with different Leave shares.
const COUNCILS: [&str; 6] = ["E08000001", "E09000002", "E07000224", "E06000001", "E10000016", "E08000025"];

/// A pair in which every ward's Con share rises by exactly 3 points (taken from Labour), whatever its size.
fn plus_three_file() -> String {
    let mut text = format!("{HEADER}\n");
    for i in 0..60 {
        let total = 1000 + 100 * (i % 7);
        let con = total * (20 + i % 30) / 100;
        let lab = total * (40 - i % 20) / 100;
        let ld = total / 10;
        let green = total - con - lab - ld;
        let three = total * 3 / 100;
        let council = COUNCILS[i % COUNCILS.len()];
        text.push_str(&format!(
            "2030-2034,W{i},{council},{total},{con},{lab},{ld},{green},{total},{},{},{ld},{green}\n",
            con + three,
            lab - three
        ));
    }
    text
}

fn write_temp(text: &str) -> tempfile::NamedTempFile {
    let mut f = tempfile::Builder::new().suffix(".csv").tempfile().unwrap();
    f.write_all(text.as_bytes()).unwrap();
    f
}

#[test]
fn every_ward_plus_three_gives_plus_three() {
    let f = write_temp(&plus_three_file());
    let o = EstimateOptions {
        baseline_pns: Some(vec![(Party::CON, 0.35), (Party::LAB, 0.35), (Party::LD, 0.16)]),
        ..opts(200)
    };
    let e = estimate_file(f.path(), &o).unwrap();
    assert_eq!(e.key_wards, 60);
    let con = e.party(Party::CON).unwrap();
    assert!((con.change - 3.0).abs() < 1e-9, "con change {}", con.change);
    assert!((con.pns - 38.0).abs() < 1e-9);
    assert!((con.sampling_lo90 - 38.0).abs() < 1e-9 && (con.sampling_hi90 - 38.0).abs() < 1e-9);
    assert!((e.party(Party::LAB).unwrap().pns - 32.0).abs() < 1e-9);
    assert!((e.party(Party::LD).unwrap().pns - 16.0).abs() < 1e-9);
    // Every region, with or without wards, is modelled at +3.
    for r in &e.regions {
        assert!((r.modelled["con"] - 3.0).abs() < 1e-9, "{}: {}", r.region, r.modelled["con"]);
    }
    // The same through the CLI.
    let out = pns()
        .args(["estimate", "--baseline-pns", "con=35,lab=35,ld=16", "--format", "csv", "--bootstrap", "50"])
        .arg(f.path())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let con_row = text.lines().find(|l| l.contains(",con,")).unwrap();
    assert!(con_row.contains(",38,"), "{con_row}");
}

#[test]
fn bootstrap_is_thread_count_independent_and_contains_the_estimate() {
    let run = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| estimate_shipped("2018-2022", &opts(500)).unwrap())
    };
    let one = run(1);
    let two = run(2);
    assert_eq!(one, two);
    for p in &one.parties {
        assert!(
            p.sampling_lo90 <= p.pns && p.pns <= p.sampling_hi90,
            "{}: {} not in [{}, {}]",
            p.party,
            p.pns,
            p.sampling_lo90,
            p.sampling_hi90
        );
        assert!(p.sampling_sd > 0.0 && p.sampling_lo90 < p.sampling_hi90, "{}: no spread", p.party);
    }
    let other_seed = estimate_shipped("2018-2022", &EstimateOptions { seed: 7, ..opts(500) }).unwrap();
    assert_ne!(one.party(Party::CON).unwrap().sampling_lo90, other_seed.party(Party::CON).unwrap().sampling_lo90);
}

// ---- Golden values for 2018-2022, from an independent, direct implementation of docs/estimate.md ----

fn gunzip(bytes: &[u8]) -> String {
    let mut s = String::new();
    flate2::read::GzDecoder::new(bytes).read_to_string(&mut s).unwrap();
    s
}

struct Ward {
    stratum: String,
    leave: f64,
    size: f64,
    change: [f64; 3],
}

/// Reads the shipped files with plain CSV code and applies the formulas one step at a time (two-pass sums).
fn independent_2018_2022() -> (usize, [f64; 3], [f64; 3]) {
    let councils = gunzip(include_bytes!("../scenarios/local/councils.csv.gz"));
    let mut council: HashMap<String, (String, f64)> = HashMap::new();
    let mut population: HashMap<String, (f64, f64)> = HashMap::new(); // stratum → (electorate, Σ electorate·leave)
    let kind = |t: &str| match t {
        "county" | "shire_district" => "shire".to_string(),
        other => other.to_string(),
    };
    let mut rdr = csv::Reader::from_reader(councils.as_bytes());
    for r in rdr.records() {
        let r = r.unwrap();
        let stratum = format!("{}|{}", &r[2], kind(&r[3]));
        let electorate: f64 = r[4].parse().unwrap();
        let leave: f64 = r[5].parse().unwrap();
        council.insert(r[0].to_string(), (stratum.clone(), leave));
        if &r[6] == "1" {
            let e = population.entry(stratum).or_insert((0.0, 0.0));
            e.0 += electorate;
            e.1 += electorate * leave;
        }
    }
    let text = gunzip(include_bytes!("../scenarios/local/pair_2018_2022.csv.gz"));
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let mut wards = Vec::new();
    for r in rdr.records() {
        let r = r.unwrap();
        let stood = |role: &str, p: &str| !r[col(&format!("{role}_{p}"))].is_empty();
        if !["con", "lab", "ld"].iter().all(|p| stood("earlier", p) && stood("later", p)) {
            continue;
        }
        let share = |role: &str, p: &str| {
            let v: f64 = r[col(&format!("{role}_{p}"))].parse().unwrap();
            100.0 * v / r[col(&format!("{role}_total"))].parse::<f64>().unwrap()
        };
        let (stratum, leave) = council[&r[col("council_code")]].clone();
        wards.push(Ward {
            stratum,
            leave,
            size: r[col("earlier_total")].parse().unwrap(),
            change: ["con", "lab", "ld"].map(|p| share("later", p) - share("earlier", p)),
        });
    }
    let naive = [0, 1, 2].map(|k| wards.iter().map(|w| w.change[k]).sum::<f64>() / wards.len() as f64);

    let mut strata: Vec<String> = wards.iter().map(|w| w.stratum.clone()).collect();
    strata.sort();
    strata.dedup();
    let (xmin, xmax) = wards.iter().fold((1.0f64, 0.0f64), |(a, b), w| (a.min(w.leave), b.max(w.leave)));
    let stratified = [0, 1, 2].map(|k| {
        let groups: Vec<Vec<&Ward>> =
            strata.iter().map(|s| wards.iter().filter(|w| &w.stratum == s).collect()).collect();
        let members = |j: usize| groups[j].iter().copied();
        let mean = |j: usize, f: &dyn Fn(&Ward) -> f64| {
            members(j).map(|w| w.size * f(w)).sum::<f64>() / members(j).map(|w| w.size).sum::<f64>()
        };
        let xbar: Vec<f64> = (0..strata.len()).map(|j| mean(j, &|w| w.leave)).collect();
        let ybar: Vec<f64> = (0..strata.len()).map(|j| mean(j, &|w| w.change[k])).collect();
        let (mut num, mut den) = (0.0, 0.0);
        for j in 0..strata.len() {
            for w in members(j) {
                num += w.size * (w.leave - xbar[j]) * (w.change[k] - ybar[j]);
                den += w.size * (w.leave - xbar[j]).powi(2);
            }
        }
        let beta = num / den;
        let mut ssr = 0.0;
        for j in 0..strata.len() {
            for w in members(j) {
                ssr += w.size * (w.change[k] - ybar[j] - beta * (w.leave - xbar[j])).powi(2);
            }
        }
        let total_size: f64 = wards.iter().map(|w| w.size).sum();
        let n = wards.len() as f64;
        let sigma2 = ssr / total_size * n / (n - strata.len() as f64 - 1.0);
        let a: Vec<f64> = (0..strata.len()).map(|j| ybar[j] - beta * xbar[j]).collect();
        let neff: Vec<f64> = (0..strata.len())
            .map(|j| members(j).map(|w| w.size).sum::<f64>().powi(2) / members(j).map(|w| w.size * w.size).sum::<f64>())
            .collect();
        let abar = a.iter().zip(&neff).map(|(a, n)| a * n).sum::<f64>() / neff.iter().sum::<f64>();
        let s_count = strata.len() as f64;
        let between = a.iter().map(|a| (a - abar).powi(2)).sum::<f64>() / (s_count - 1.0);
        let tau2 = (between - neff.iter().map(|n| sigma2 / n).sum::<f64>() / s_count).max(0.0);
        assert!(tau2 > 0.0);
        let pi: Vec<f64> = neff.iter().map(|n| 1.0 / (tau2 + sigma2 / n)).collect();
        let mu = a.iter().zip(&pi).map(|(a, p)| a * p).sum::<f64>() / pi.iter().sum::<f64>();
        let (mut total, mut electorate) = (0.0, 0.0);
        for (stratum, (e, e_leave)) in &population {
            let u = strata
                .iter()
                .position(|s| s == stratum)
                .map_or(0.0, |j| (a[j] - mu) * neff[j] / (neff[j] + sigma2 / tau2));
            total += e * (mu + beta * (e_leave / e).clamp(xmin, xmax) + u);
            electorate += e;
        }
        total / electorate
    });
    (wards.len(), naive, stratified)
}

#[test]
fn golden_2018_2022_matches_an_independent_calculation() {
    let (n, naive, stratified) = independent_2018_2022();
    // Key-ward count also found by a separate script on the unprocessed files of data/local (see docs/estimate.md).
    assert_eq!(n, 1093);
    let e = estimate_shipped("2018-2022", &opts(0)).unwrap();
    assert_eq!(e.key_wards, n);
    let base = [35.0, 35.0, 16.0];
    for (k, p) in [Party::CON, Party::LAB, Party::LD].into_iter().enumerate() {
        let got = e.party(p).unwrap();
        assert!((got.naive - (base[k] + naive[k])).abs() < 1e-3, "{p} naive {} vs {}", got.naive, base[k] + naive[k]);
        assert!(
            (got.pns - (base[k] + stratified[k])).abs() < 1e-3,
            "{p} stratified {} vs {}",
            got.pns,
            base[k] + stratified[k]
        );
    }
}

// ---- Bad input: one line, non-zero exit, no panic ----

fn assert_one_line_error(args: &[&str], file_text: Option<&str>, wanted: &[&str]) {
    let f = file_text.map(write_temp);
    let mut cmd = pns();
    cmd.arg("estimate").args(args);
    if let Some(f) = &f {
        cmd.arg(f.path());
    }
    let out = cmd.assert().failure().code(1).get_output().clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.trim_end().lines().count(), 1, "not one line: {stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for w in wanted {
        assert!(stderr.contains(w), "{stderr:?} lacks {w:?}");
    }
}

#[test]
fn missing_columns_are_reported() {
    assert_one_line_error(
        &[],
        Some("ward,council_code,earlier_total,later_total,earlier_con,later_con\nW1,E08000001,10,10,5,5\n"),
        &[".csv:1: field `earlier_lab`: missing column"],
    );
    assert_one_line_error(
        &[],
        Some("ward,earlier_total,later_total\nW1,10,10\n"),
        &[".csv:1: field `council_code`: missing column"],
    );
}

#[test]
fn negative_votes_are_reported() {
    let text = plus_three_file();
    let bad: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 4 {
                let mut cells: Vec<String> = l.split(',').map(String::from).collect();
                cells[6] = "-12".into();
                cells.join(",")
            } else {
                l.to_string()
            }
        })
        .collect();
    assert_one_line_error(&[], Some(&(bad.join("\n") + "\n")), &[".csv:5: field `earlier_ld`: votes are negative"]);
}

/// A CRLF ward file with a row of the wrong length on line 6: named at line 6, as in an LF file.
#[test]
fn a_malformed_row_of_a_crlf_file_is_named_at_its_line() {
    let text = plus_three_file();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    lines[5].push_str(",99");
    for end in ["\n", "\r\n"] {
        assert_one_line_error(
            &[],
            Some(&(lines.join(end) + end)),
            &[".csv:6: malformed CSV row: found 14 fields, expected 13 as in the header row"],
        );
    }
}

#[test]
fn zero_total_votes_are_reported() {
    let text = format!("{HEADER}\n2030-2034,W1,E08000001,0,,,,,100,40,30,20,10\n");
    assert_one_line_error(&[], Some(&text), &[".csv:2: field `earlier_total`: total votes is 0"]);
}

#[test]
fn no_key_wards_is_reported() {
    let text = format!("{HEADER}\n2030-2034,W1,E08000001,100,40,30,,30,100,40,30,20,10\n");
    assert_one_line_error(&[], Some(&text), &["field `key_parties`: no qualifying key wards", "ld did not stand"]);
}

#[test]
fn unknown_pair_and_bad_flags_are_reported() {
    assert_one_line_error(&["--pair", "2020-2024"], None, &["--pair: unknown shipped pair '2020-2024'", "2018-2022"]);
    assert_one_line_error(&["--pair", "2018-2022", "--key-parties", "snp"], None, &["--key-parties"]);
    assert_one_line_error(&["--pair", "2018-2022", "--baseline-pns", "con=135"], None, &["--baseline-pns"]);
    assert_one_line_error(
        &[],
        Some(&format!("{HEADER}\n2030-2034,W1,E99999999,100,40,30,20,10,100,40,30,20,10\n")),
        &[".csv:2: field `council_code`: unknown council code 'E99999999'"],
    );
    // A user file for years without a published PNS needs --baseline-pns.
    assert_one_line_error(&[], Some(&plus_three_file()), &["--baseline-pns", "no published PNS for 2030"]);
}

#[test]
fn all_pairs_validation_table() {
    let out = pns().args(["estimate", "--all", "--bootstrap", "100"]).assert().success().get_output().stdout.clone();
    let text = String::from_utf8(out).unwrap();
    for pair in ["2014-2018", "2016-2021", "2017-2021", "2018-2022", "2019-2023", "2021-2024", "2021-2025"] {
        assert!(text.contains(pair), "{pair} missing");
    }
    assert!(text.contains("mean |error|"));
    let json = pns().args(["estimate", "--all", "--bootstrap", "0", "--format", "json"]).assert().success();
    let v: serde_json::Value = serde_json::from_slice(&json.get_output().stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 7);
}

/// The bootstrap interval is labelled sampling-only, and the validation interval is the estimate ± the 90th
/// percentile of the absolute errors of `--all` against the published PNS (computed here from its JSON).
#[test]
fn sampling_and_validation_intervals_are_labelled_and_read_back() {
    let json = |args: &[&str]| -> serde_json::Value {
        let out = pns().arg("estimate").args(args).args(["--format", "json"]).assert().success();
        serde_json::from_slice(&out.get_output().stdout).unwrap()
    };
    let all = json(&["--all", "--bootstrap", "0"]);
    let mut abs: Vec<f64> = Vec::new();
    let mut reform = 0;
    for e in all.as_array().unwrap() {
        for p in e["parties"].as_array().unwrap() {
            if let Some(published) = p["published"].as_f64() {
                abs.push((p["pns"].as_f64().unwrap() - published).abs());
                reform += usize::from(p["party"] == "reform");
            }
        }
    }
    abs.sort_by(f64::total_cmp);
    let k = (0.9 * abs.len() as f64).ceil() as usize;
    let half = (abs[k - 1] * 1e4).round() / 1e4;
    assert_eq!(reform, 1, "Reform's one published figure (2025) is among the errors");
    let one = json(&["--pair", "2018-2022", "--bootstrap", "200"]);
    assert_eq!(one["validation"]["half_width90"].as_f64().unwrap(), half);
    assert_eq!(one["validation"]["overall"]["n"].as_u64().unwrap() as usize, abs.len());
    for p in one["parties"].as_array().unwrap() {
        let pns_ = p["pns"].as_f64().unwrap();
        let (lo, hi) = (p["validation_lo90"].as_f64().unwrap(), p["validation_hi90"].as_f64().unwrap());
        assert!((lo - (pns_ - half).max(0.0)).abs() < 2e-4 && (hi - (pns_ + half)).abs() < 2e-4, "{p}");
        assert!(p["sampling_lo90"].as_f64().unwrap() <= pns_ && p.get("lo90").is_none(), "{p}");
    }
    let table = pns().args(["estimate", "--pair", "2018-2022", "--bootstrap", "200"]).assert().success();
    let table = String::from_utf8(table.get_output().stdout.clone()).unwrap();
    assert!(table.contains("sampling 90%: 200 bootstrap resamples") && table.contains("not the method's error"));
    assert!(table.contains(&format!("validation 90%: ± {half:.1} points")), "{table}");
    let csv = pns().args(["estimate", "--pair", "2018-2022", "--bootstrap", "0", "--format", "csv"]).assert();
    let csv = String::from_utf8(csv.success().get_output().stdout.clone()).unwrap();
    assert!(
        csv.lines().next().unwrap().contains("sampling_lo90,sampling_hi90,sampling_sd,validation_lo90,validation_hi90")
    );
    // The accuracy lines of --all count every party with a published figure, Reform included.
    let all = pns().args(["estimate", "--all", "--bootstrap", "0"]).assert().success();
    let all = String::from_utf8(all.get_output().stdout.clone()).unwrap();
    let accuracy = all.split("accuracy against the published BBC PNS").nth(1).unwrap();
    let row = |party: &str| accuracy.lines().find(|l| l.starts_with(&format!("{party} "))).unwrap().to_string();
    assert_eq!(row("reform").split_whitespace().nth(1), Some("1"));
    assert_eq!(row("all").split_whitespace().nth(1), Some(abs.len().to_string().as_str()));
}

#[test]
fn targets_con_lab_ld_within_two_points_from_2016() {
    for pair in ["2016-2021", "2017-2021", "2018-2022", "2019-2023", "2021-2024", "2021-2025"] {
        let e = estimate_shipped(pair, &opts(0)).unwrap();
        for p in [Party::CON, Party::LAB, Party::LD] {
            let got = e.party(p).unwrap();
            let published = got.published.unwrap();
            assert!((got.pns - published).abs() <= 2.0, "{pair} {p}: {} vs published {published}", got.pns);
        }
    }
}
