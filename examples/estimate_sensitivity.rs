//! Prints the sensitivity table of docs/estimate.md: `cargo run --release --example estimate_sensitivity`.

use pns::estimate::EstimateOptions;
use pns::party::Party;

fn opts(bootstrap: u64) -> EstimateOptions {
    EstimateOptions { bootstrap, ..EstimateOptions::default() }
}

fn main() {
    use pns::estimate::{Variant, estimate_variant, wards};
    let base = Variant::default();
    let variants = [
        ("the method", base),
        ("strata by region only", Variant { by_kind: false, ..base }),
        ("no Leave adjustment", Variant { leave: false, ..base }),
        ("Leave share not clamped", Variant { clamp: false, ..base }),
        ("no shrinkage", Variant { shrink: false, ..base }),
        ("wards unweighted", Variant { size_weights: false, ..base }),
        (
            "plain post-stratified mean",
            Variant { by_kind: true, leave: false, clamp: false, shrink: false, size_weights: false },
        ),
    ];
    let files: Vec<_> = pns::shipped::WARD_PAIRS.iter().map(|p| wards::shipped(p.name).unwrap()).collect();
    println!("| variant | mean, from 2016 | max, from 2016 | mean, all pairs | max, all pairs |");
    println!("|---|---|---|---|---|");
    let mut naive = None;
    for (name, v) in variants {
        let (mut recent, mut all, mut nrecent, mut nall) = (vec![], vec![], vec![], vec![]);
        for f in &files {
            let e = estimate_variant(f, &opts(0), v).unwrap();
            for p in [Party::CON, Party::LAB, Party::LD] {
                let got = e.party(p).unwrap();
                let err = (got.pns - got.published.unwrap()).abs();
                let nerr = (got.naive - got.published.unwrap()).abs();
                all.push(err);
                nall.push(nerr);
                if e.earlier_year.unwrap() >= 2016 {
                    recent.push(err);
                    nrecent.push(nerr);
                }
            }
        }
        let stats = |v: &[f64]| (v.iter().sum::<f64>() / v.len() as f64, v.iter().copied().fold(0.0, f64::max));
        let row = |name: &str, r: &[f64], a: &[f64]| {
            let ((rm, rx), (am, ax)) = (stats(r), stats(a));
            println!("| {name} | {rm:.2} | {rx:.2} | {am:.2} | {ax:.2} |");
        };
        row(name, &recent, &all);
        naive.get_or_insert((nrecent, nall));
    }
    let (nr, na) = naive.unwrap();
    let stats = |v: &[f64]| (v.iter().sum::<f64>() / v.len() as f64, v.iter().copied().fold(0.0, f64::max));
    let ((rm, rx), (am, ax)) = (stats(&nr), stats(&na));
    println!("| naive (unweighted mean of key-ward changes) | {rm:.2} | {rx:.2} | {am:.2} | {ax:.2} |");
}
