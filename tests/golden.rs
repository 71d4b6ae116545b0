//! Golden seat totals on the real data, each checked against an independent calculation written here from the
//! raw CSV (plain vectors, party columns by header name), not against the program's own output.

use pns::baseline::Baseline;
use pns::party::Party;
use pns::project::{Plan, project};
use pns::scenario::{Model, Scenario, Scope};
use std::collections::BTreeMap;

const PARTIES: [&str; 18] = [
    "con", "lab", "ld", "ukip", "brexit", "reform", "green", "snp", "pc", "dup", "sf", "sdlp", "uup", "alliance",
    "tuv", "speaker", "ind", "other",
];

struct Row {
    country: String,
    votes: Vec<f64>,
}

fn rows(file: &str) -> Vec<Row> {
    let text = std::fs::read_to_string(format!("{}/scenarios/baselines/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |n: &str| header.iter().position(|h| *h == n).unwrap();
    let cols: Vec<usize> = PARTIES.iter().map(|p| col(p)).collect();
    let country = col("country");
    lines
        .map(|l| {
            // Names with commas are quoted; the fields we need come after, so split from the right is unsafe —
            // parse quotes properly.
            let mut fields = Vec::new();
            let mut cur = String::new();
            let mut quoted = false;
            for ch in l.chars() {
                match ch {
                    '"' => quoted = !quoted,
                    ',' if !quoted => fields.push(std::mem::take(&mut cur)),
                    c => cur.push(c),
                }
            }
            fields.push(cur);
            Row {
                country: fields[country].clone(),
                votes: cols.iter().map(|&c| fields[c].parse::<f64>().unwrap_or(0.0)).collect(),
            }
        })
        .collect()
}

fn argmax(v: &[f64]) -> usize {
    let mut best = 0;
    for i in 1..v.len() {
        if v[i] > v[best] {
            best = i;
        }
    }
    best
}

/// Independent projection: returns seats per party name.
fn independent(
    file: &str,
    model: &str,
    named: &[(&str, f64)],
    hold: &[&str],
    england_only: bool,
) -> BTreeMap<String, u32> {
    let rows = rows(file);
    let speaker = PARTIES.iter().position(|p| *p == "speaker").unwrap();
    let n = PARTIES.len();
    let projected = |r: &Row| {
        r.country != "Northern Ireland" && argmax(&r.votes) != speaker && (!england_only || r.country == "England")
    };
    // E over the projected seats.
    let mut e = vec![0.0; n];
    let mut total = 0.0;
    for r in rows.iter().filter(|r| projected(r)) {
        for i in 0..n {
            e[i] += r.votes[i];
        }
        total += r.votes.iter().sum::<f64>();
    }
    e.iter_mut().for_each(|x| *x /= total);
    // P: named, held, the rest pro rata.
    let mut p = vec![f64::NAN; n];
    for (name, v) in named {
        p[PARTIES.iter().position(|q| q == name).unwrap()] = v / 100.0;
    }
    for name in hold {
        let i = PARTIES.iter().position(|q| q == name).unwrap();
        if p[i].is_nan() {
            p[i] = e[i];
        }
    }
    let fixed: f64 = p.iter().filter(|x| !x.is_nan()).sum();
    let free: f64 = (0..n).filter(|&i| p[i].is_nan()).map(|i| e[i]).sum();
    for i in 0..n {
        if p[i].is_nan() {
            p[i] = e[i] * (1.0 - fixed) / free;
        }
    }
    // Strong shares for STM.
    let t = 0.2;
    let mut strong = vec![0.0; n];
    for r in rows.iter().filter(|r| projected(r)) {
        let v: f64 = r.votes.iter().sum();
        for i in 0..n {
            strong[i] += (r.votes[i] / v - t).max(0.0) * v;
        }
    }
    strong.iter_mut().for_each(|x| *x /= total);
    let mut seats = BTreeMap::new();
    for r in &rows {
        let v: f64 = r.votes.iter().sum();
        let c: Vec<f64> = r.votes.iter().map(|x| x / v).collect();
        let a: Vec<f64> = if !projected(r) {
            c.clone()
        } else {
            match model {
                "uns" => (0..n).map(|i| if c[i] > 0.0 { (c[i] + p[i] - e[i]).max(0.0) } else { 0.0 }).collect(),
                "proportional" => (0..n).map(|i| if e[i] > 0.0 { c[i] * p[i] / e[i] } else { 0.0 }).collect(),
                _ => {
                    let mut a = c.clone();
                    let mut released = 0.0;
                    for i in 0..n {
                        if p[i] < e[i] {
                            let s_k = (c[i] - t).max(0.0);
                            let w_k = c[i] - s_k;
                            let w = e[i] - strong[i];
                            a[i] = if p[i] >= strong[i] {
                                s_k + w_k * (p[i] - strong[i]) / w
                            } else {
                                s_k * p[i] / strong[i]
                            };
                            released += c[i] - a[i];
                        }
                    }
                    let gain: f64 = (0..n).filter(|&i| p[i] > e[i]).map(|i| p[i] - e[i]).sum();
                    for i in 0..n {
                        if p[i] > e[i] {
                            a[i] = c[i] + released * (p[i] - e[i]) / gain;
                        }
                    }
                    a
                }
            }
        };
        // Renormalising does not change the argmax; keep the incumbent on ties.
        let inc = argmax(&c);
        let mut best = inc;
        for i in 0..n {
            if a[i] > a[best] {
                best = i;
            }
        }
        *seats.entry(PARTIES[best].to_string()).or_insert(0) += 1;
    }
    seats
}

fn program(baseline: &str, model: Model, named: &[(&str, f64)], hold: &[&str], scope: Scope) -> BTreeMap<String, u32> {
    let s = Scenario {
        baseline: baseline.into(),
        model,
        scope,
        shares: named.iter().map(|(p, v)| (Party::from_code(p).unwrap(), v / 100.0)).collect(),
        hold: hold.iter().map(|p| Party::from_code(p).unwrap()).collect(),
        ..Scenario::default()
    };
    let b = Baseline::load(baseline).unwrap();
    let plan = Plan::new(&b, &s, "test").unwrap();
    let counts = project(&b, &plan).seat_counts();
    Party::all().filter(|p| counts[p.index()] > 0).map(|p| (p.code().to_string(), counts[p.index()])).collect()
}

#[test]
fn bbc_2018_uniform_swing_england_scope() {
    let named = [("con", 35.0), ("lab", 35.0), ("ld", 16.0)];
    let ours = program("ge2017", Model::Uns, &named, &["snp", "pc"], Scope::England);
    assert_eq!(ours, independent("ge2017.csv", "uns", &named, &["snp", "pc"], true));
    // The BBC's projection: a hung parliament with Labour three seats ahead.
    assert_eq!(ours["lab"], 284);
    assert_eq!(ours["con"], 281);
    assert_eq!(ours.values().sum::<u32>(), 650);
}

#[test]
fn proportional_2022_on_ge2019() {
    let named = [("con", 30.0), ("lab", 35.0), ("ld", 19.0)];
    let ours = program("ge2019", Model::Proportional, &named, &["snp", "pc"], Scope::Gb);
    let theirs = independent("ge2019.csv", "proportional", &named, &["snp", "pc"], false);
    assert_eq!(ours, theirs);
    // Proportional swing multiplies the Brexit Party's strongholds by the pro-rata scaling of the unnamed parties.
    assert_eq!((ours["con"], ours["lab"], ours["ld"], ours["snp"], ours["brexit"]), (203, 296, 67, 53, 3));
}

#[test]
fn stm_2023_on_ge2019() {
    let named = [("con", 26.0), ("lab", 35.0), ("ld", 20.0)];
    let ours = program("ge2019", Model::Stm, &named, &["snp", "pc"], Scope::Gb);
    assert_eq!(ours, independent("ge2019.csv", "stm", &named, &["snp", "pc"], false));
    assert_eq!((ours["con"], ours["lab"], ours["ld"], ours["snp"]), (214, 305, 52, 53));
}

#[test]
fn uns_2024_on_notionals_gb_scope() {
    let named = [("con", 25.0), ("lab", 34.0), ("ld", 17.0)];
    let ours = program("ge2019n", Model::Uns, &named, &["snp", "pc"], Scope::Gb);
    assert_eq!(ours, independent("ge2019n.csv", "uns", &named, &["snp", "pc"], false));
    assert_eq!((ours["con"], ours["lab"], ours["ld"], ours["snp"]), (239, 292, 42, 52));
}
