//! `pns estimate --geography`: golden 2021-2024 values checked by independent calculations, and the CLI.

mod common;

use common::{fails_one_line, pns};
use pns::estimate::geography::{Learned, learn};
use pns::estimate::lookup::{Council, Councils};
use pns::estimate::wards::{self, Contest, WardFile};
use pns::party::Party;
use pns::scenario::{TacticalSpec, Where};
use std::collections::HashMap;
use std::io::Write;

// ---- Independent calculations (no library code beyond loading the wards and the council table) ----

/// Ward-file columns (con, lab, ld, green, reform, ukip, ind, other) of each party as the test sees them.
fn cols(p: &str) -> &'static [usize] {
    match p {
        "con" => &[0],
        "lab" => &[1],
        "ld" => &[2],
        "green" => &[3],
        "reform" => &[4, 5],
        "ind" => &[6],
        "other" => &[7],
        _ => panic!("{p}"),
    }
}

fn share(c: &Contest, p: &str) -> f64 {
    cols(p).iter().map(|&k| c.votes[k].unwrap_or(0.0)).sum::<f64>() / c.total
}

fn stands(c: &Contest, p: &str) -> bool {
    cols(p).iter().any(|&k| c.votes[k].is_some())
}

/// One regression observation: cluster (council code), weight, region, Leave, and the values.
struct Obs {
    council: String,
    w: f64,
    region: String,
    leave: f64,
}

/// Council-electorate weights shared among each council's wards in the sample.
fn observations(file: &WardFile, rows: &[usize]) -> Vec<Obs> {
    let table = Councils::shipped();
    let council = |i: usize| -> &Council { table.get(&file.wards[i].council_code).unwrap() };
    let mut n: HashMap<String, f64> = HashMap::new();
    for &i in rows {
        *n.entry(council(i).code.clone()).or_default() += 1.0;
    }
    rows.iter()
        .map(|&i| {
            let c = council(i);
            Obs {
                council: c.code.clone(),
                w: c.electorate / n[&c.code],
                region: c.region.name().to_string(),
                leave: c.leave,
            }
        })
        .collect()
}

/// Scalar CR1 sandwich of the coefficient of a partialled regressor `z` with residuals `e`; `k` regressors in all.
fn scalar_cr1(obs: &[Obs], z: &[f64], e: &[f64], k: usize) -> f64 {
    let mut score: HashMap<&str, f64> = HashMap::new();
    let mut szz = 0.0;
    for (i, o) in obs.iter().enumerate() {
        *score.entry(o.council.as_str()).or_default() += o.w * z[i] * e[i];
        szz += o.w * z[i] * z[i];
    }
    let (n, g) = (obs.len() as f64, score.len() as f64);
    let meat: f64 = score.values().map(|s| s * s).sum();
    (meat / (szz * szz) * g / (g - 1.0) * (n - 1.0) / (n - k as f64)).sqrt()
}

/// Frisch–Waugh: weighted-demean the change and Leave within region, slope = Σwỹx̃ / Σwx̃², se by the scalar sandwich.
fn fwl_slope(file: &WardFile, p: &str) -> (f64, f64, usize) {
    let rows: Vec<usize> = (0..file.wards.len())
        .filter(|&i| stands(&file.wards[i].later, p) && (p == "reform" || stands(&file.wards[i].earlier, p)))
        .collect();
    let obs = observations(file, &rows);
    let y: Vec<f64> = rows.iter().map(|&i| share(&file.wards[i].later, p) - share(&file.wards[i].earlier, p)).collect();
    let mut sums: HashMap<&str, (f64, f64, f64)> = HashMap::new();
    for (o, yi) in obs.iter().zip(&y) {
        let s = sums.entry(o.region.as_str()).or_default();
        s.0 += o.w;
        s.1 += o.w * yi;
        s.2 += o.w * o.leave;
    }
    let yt: Vec<f64> =
        obs.iter().zip(&y).map(|(o, yi)| yi - sums[o.region.as_str()].1 / sums[o.region.as_str()].0).collect();
    let xt: Vec<f64> = obs.iter().map(|o| o.leave - sums[o.region.as_str()].2 / sums[o.region.as_str()].0).collect();
    let b = obs.iter().enumerate().map(|(i, o)| o.w * yt[i] * xt[i]).sum::<f64>()
        / obs.iter().enumerate().map(|(i, o)| o.w * xt[i] * xt[i]).sum::<f64>();
    let e: Vec<f64> = yt.iter().zip(&xt).map(|(y, x)| y - b * x).collect();
    (b, scalar_cr1(&obs, &xt, &e, sums.len() + 1), rows.len())
}

/// Solves `A β = b` by Gaussian elimination with partial pivoting.
fn gauss(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Vec<f64> {
    let k = b.len();
    for c in 0..k {
        let p = (c..k).max_by(|&i, &j| a[i][c].abs().total_cmp(&a[j][c].abs())).unwrap();
        a.swap(c, p);
        b.swap(c, p);
        for r in c + 1..k {
            let f = a[r][c] / a[c][c];
            for j in c..k {
                a[r][j] -= f * a[c][j];
            }
            b[r] -= f * b[c];
        }
    }
    let mut x = vec![0.0; k];
    for r in (0..k).rev() {
        x[r] = (b[r] - (r + 1..k).map(|j| a[r][j] * x[j]).sum::<f64>()) / a[r][r];
    }
    x
}

/// `v` minus its weighted projection on the columns `z`.
fn residualize(z: &[Vec<f64>], v: &[f64], w: &[f64]) -> Vec<f64> {
    let dot = |a: &[f64], b: &[f64]| a.iter().zip(b).zip(w).map(|((a, b), w)| a * b * w).sum::<f64>();
    let a: Vec<Vec<f64>> = z.iter().map(|zi| z.iter().map(|zj| dot(zi, zj)).collect()).collect();
    let beta = gauss(a, z.iter().map(|zi| dot(zi, v)).collect());
    (0..v.len()).map(|i| v[i] - z.iter().zip(&beta).map(|(zj, b)| zj[i] * b).sum::<f64>()).collect()
}

/// The tactical strength by Frisch–Waugh: T·s and Δ partialled on the other regressors (Gaussian elimination).
fn fwl_tactical(file: &WardFile, first_or_second: bool) -> (f64, f64, usize, usize) {
    let bloc = ["lab", "ld"];
    let rows: Vec<usize> = (0..file.wards.len())
        .filter(|&i| bloc.iter().all(|p| stands(&file.wards[i].earlier, p) && stands(&file.wards[i].later, p)))
        .collect();
    let obs = observations(file, &rows);
    let (mut weak, mut s, mut delta, mut ts) = (vec![], vec![], vec![], vec![]);
    for &i in &rows {
        let (e, l) = (&file.wards[i].earlier, &file.wards[i].later);
        let q = if share(e, "ld") < share(e, "lab") { 1 } else { 0 };
        let con = share(e, "con");
        let above = ["lab", "ld", "green", "reform", "ind", "other"].iter().filter(|p| share(e, p) > con).count();
        let treated = stands(e, "con") && above <= usize::from(first_or_second);
        weak.push(q);
        s.push(share(e, bloc[q]));
        delta.push(share(l, bloc[q]) - share(e, bloc[q]));
        ts.push(if treated { share(e, bloc[q]) } else { 0.0 });
    }
    let mut z: Vec<Vec<f64>> = Vec::new();
    let mut regions: Vec<&str> = obs.iter().map(|o| o.region.as_str()).collect();
    regions.sort();
    regions.dedup();
    for q in 0..2 {
        for r in &regions {
            z.push(obs.iter().zip(&weak).map(|(o, &k)| if k == q && o.region == *r { 1.0 } else { 0.0 }).collect());
        }
        z.push(obs.iter().zip(&weak).map(|(o, &k)| if k == q { o.leave } else { 0.0 }).collect());
        z.push(s.iter().zip(&weak).map(|(v, &k)| if k == q { *v } else { 0.0 }).collect());
    }
    z.retain(|col| col.iter().any(|v| *v != 0.0));
    let w: Vec<f64> = obs.iter().map(|o| o.w).collect();
    let rz = residualize(&z, &ts, &w);
    let ry = residualize(&z, &delta, &w);
    let b = rz.iter().zip(&ry).zip(&w).map(|((a, b), w)| a * b * w).sum::<f64>()
        / rz.iter().zip(&w).map(|(a, w)| a * a * w).sum::<f64>();
    let e: Vec<f64> = ry.iter().zip(&rz).map(|(y, z)| y - b * z).collect();
    let treated = ts.iter().filter(|v| **v > 0.0).count();
    (-b, scalar_cr1(&obs, &rz, &e, z.len() + 1), rows.len(), treated)
}

// ---- Golden values ----

fn learned(seats: Where) -> Learned {
    learn(&wards::shipped("2021-2024").unwrap(), &TacticalSpec { seats, ..TacticalSpec::default() }).unwrap()
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() < tol
}

#[test]
fn slopes_2021_2024_golden_and_by_frisch_waugh() {
    let l = learned(Where::First);
    let file = wards::shipped("2021-2024").unwrap();
    // party, slope, se, wards, councils (as `pns estimate --pair 2021-2024 --geography --format json` prints).
    let golden = [
        ("con", -0.385701194, 0.058456249, 1207, 74),
        ("lab", 0.415339175, 0.084390531, 1212, 74),
        ("ld", 0.009869371, 0.056634305, 896, 67),
        ("green", -0.058495509, 0.070105975, 781, 64),
        ("reform", 0.253987455, 0.078854338, 209, 47),
    ];
    assert_eq!(l.slopes.len(), golden.len());
    for (e, (p, slope, se, n, g)) in l.slopes.iter().zip(golden) {
        assert_eq!(e.party, Party::from_code(p).unwrap());
        assert!(close(e.slope, slope, 1e-6) && close(e.se, se, 1e-6), "{p}: {} ({})", e.slope, e.se);
        assert_eq!((e.wards, e.councils), (n, g), "{p}");
        let (b, s, rows) = fwl_slope(&file, p);
        assert!(
            close(e.slope, b, 1e-9) && close(e.se, s, 1e-9),
            "{p}: library {} ({}) vs FWL {b} ({s})",
            e.slope,
            e.se
        );
        assert_eq!(rows, e.wards);
    }
}

#[test]
fn tactical_2021_2024_golden_and_by_frisch_waugh() {
    let file = wards::shipped("2021-2024").unwrap();
    for (seats, t, se, treated) in
        [(Where::First, 0.158044049, 0.057759959, 307), (Where::FirstOrSecond, 0.087618355, 0.066808081, 665)]
    {
        let l = learned(seats).tactical;
        assert!(close(l.strength, t, 1e-6) && close(l.se, se, 1e-6), "{seats:?}: {} ({})", l.strength, l.se);
        assert_eq!((l.wards, l.treated, l.councils), (874, treated, 67));
        let (b, s, n, tr) = fwl_tactical(&file, seats == Where::FirstOrSecond);
        assert!(
            close(l.strength, b, 1e-9) && close(l.se, s, 1e-9),
            "{seats:?}: {} ({}) vs FWL {b} ({s})",
            l.strength,
            l.se
        );
        assert_eq!((n, tr), (l.wards, l.treated));
    }
}

#[test]
fn geography_carries_the_slopes_and_clamps_t() {
    let mut l = learned(Where::First);
    let g = l.geography();
    assert_eq!(g.learned_from.as_deref(), Some("2021-2024"));
    assert_eq!(g.covariates[0].slopes.len(), 5);
    assert_eq!(g.tactical.as_ref().unwrap().strength, l.tactical.strength);
    l.tactical.strength = 1.4;
    assert_eq!(l.geography().tactical.unwrap().strength, 1.0);
}

// ---- The command line ----

#[test]
fn cli_json_and_table() {
    let out = pns().args(["estimate", "--pair", "2021-2024", "--geography", "--format", "json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let slopes = v["slopes"].as_array().unwrap();
    assert_eq!(slopes.len(), 5);
    assert_eq!(slopes[0]["party"], "con");
    assert!(close(slopes[0]["slope"].as_f64().unwrap(), -0.385701194, 1e-6));
    assert_eq!(v["tactical"]["spec"]["where"], "first");
    assert_eq!(v["tactical"]["treated"], 307);

    let out =
        pns().args(["estimate", "--pair", "2021-2024", "--geography", "--where", "first_or_second"]).output().unwrap();
    assert!(out.status.success());
    let table = String::from_utf8(out.stdout).unwrap();
    for p in ["con", "lab", "ld", "green", "reform", "tactical: against con, bloc lab,ld, where first_or_second"] {
        assert!(table.contains(p), "{p} missing from\n{table}");
    }
}

fn one_line_failure(args: &[&str], want: &str) {
    fails_one_line(pns().args(args), &[want]);
}

#[test]
fn cli_rejects_bad_flags_on_one_line() {
    common::fails_usage(pns().args(["estimate", "--all", "--geography"]), &["--all"]);
    one_line_failure(&["estimate", "--pair", "2021-2024", "--geography", "--bloc", "con,lab"], "--bloc");
    one_line_failure(&["estimate", "--pair", "2021-2024", "--geography", "--bloc", "lab"], "--bloc");
    one_line_failure(&["estimate", "--pair", "2021-2024", "--geography", "--bloc", "lab,lab"], "--bloc");
    one_line_failure(&["estimate", "--pair", "2021-2024", "--geography", "--against", "whig"], "--against");
    one_line_failure(&["estimate", "--pair", "2021-2024", "--geography", "--where", "third"], "--where");
    one_line_failure(&["estimate", "--pair", "2021-2024", "--bloc", "lab,ld"], "--geography");
}

#[test]
fn cli_too_few_wards_names_the_file() {
    let mut f = tempfile::Builder::new().suffix(".csv").tempfile().unwrap();
    let mut text = String::from(
        "pair,ward,council_code,earlier_total,earlier_con,earlier_lab,earlier_ld,later_total,later_con,later_lab,later_ld\n",
    );
    for i in 0..5 {
        text.push_str(&format!("2030-2034,W{i},E08000001,1000,400,300,200,1000,350,350,200\n"));
    }
    f.write_all(text.as_bytes()).unwrap();
    let path = f.path().display().to_string();
    one_line_failure(&["estimate", &path, "--geography"], &format!("{path}: field `geography`"));
}
