//! Tables of `pns estimate`: one estimate, the validation table of every pair, and the learned geography.

use crate::estimate::geography::Learned;
use crate::estimate::validation::{Accuracy, Validation};
use crate::estimate::{BaselineSource, Estimate};
use std::fmt::Write;

fn opt(v: Option<f64>) -> String {
    v.map_or("—".to_string(), |v| format!("{v:.0}"))
}

fn year_label(y: Option<u16>) -> String {
    y.map_or("base".to_string(), |y| y.to_string())
}

/// The table of one estimate: parties, then the change by region.
pub fn render(e: &Estimate) -> String {
    let mut s = String::new();
    write_heading(&mut s, e);
    write_parties(&mut s, e);
    let _ = writeln!(s);
    write_regions(&mut s, e);
    for n in &e.notes {
        let _ = writeln!(s, "note: {n}");
    }
    s
}

/// The pair, its key wards, the wards dropped and the bootstrap.
fn write_heading(s: &mut String, e: &Estimate) {
    let _ = writeln!(
        s,
        "PNS estimate {}{}",
        e.pair,
        if e.description.is_empty() { String::new() } else { format!(" — {}", e.description) }
    );
    let keys: Vec<&str> = e.key_parties.iter().map(|p| p.code()).collect();
    let _ = writeln!(
        s,
        "key wards: {} of {} wards, in {} councils ({} standing at both contests)",
        e.key_wards,
        e.wards,
        e.key_councils,
        keys.join(", ")
    );
    for d in &e.dropped {
        let _ = writeln!(s, "  dropped {:>5}: {}", d.wards, d.reason);
    }
    if e.bootstrap > 0 {
        let _ = writeln!(
            s,
            "sampling 90%: {} bootstrap resamples of wards within strata (seed {}): which wards were fought, not the \
             method's error",
            e.bootstrap, e.seed
        );
    }
    if let Some(v) = &e.validation {
        write_validation_line(s, v);
    }
    let _ = writeln!(s);
}

/// The validation interval's half-width and how it was found.
fn write_validation_line(s: &mut String, v: &Validation) {
    let _ = writeln!(s, "validation 90%: ± {:.1} points, {}", v.half_width90, v.method);
}

/// An interval as `[lo, hi]`, or a dash when there is none.
fn interval(lo: Option<f64>, hi: Option<f64>) -> String {
    match (lo, hi) {
        (Some(lo), Some(hi)) => format!("[{lo:.1}, {hi:.1}]"),
        _ => "—".to_string(),
    }
}

/// One row per party: the earlier share and its source, the estimate with its interval, the published figure.
fn write_parties(s: &mut String, e: &Estimate) {
    let base = year_label(e.earlier_year);
    let later = year_label(e.later_year);
    let _ = writeln!(
        s,
        "{:<8} {:>7}  {:>9} {:>14} {:>16} {:>7} {:>10} {:>7}",
        "party",
        base,
        "estimate",
        "sampling 90%",
        "validation 90%",
        "change",
        format!("BBC {later}"),
        "naive"
    );
    for p in &e.parties {
        let mark = match p.baseline_source {
            BaselineSource::Published => "",
            BaselineSource::User => "u",
            BaselineSource::Estimated => "e",
            BaselineSource::Remainder => "r",
        };
        let _ = writeln!(
            s,
            "{:<8} {:>7.1}{:1} {:>9.1} {:>14} {:>16} {:>+7.1} {:>10} {:>7.1}",
            p.party.code(),
            p.baseline_pns,
            mark,
            p.pns,
            interval(Some(p.sampling_lo90), Some(p.sampling_hi90)),
            interval(p.validation_lo90, p.validation_hi90),
            p.change,
            opt(p.published),
            p.naive
        );
    }
    let _ = writeln!(
        s,
        "baseline: published BBC PNS; u = --baseline-pns; e = estimated from the key wards; r = remainder to 100"
    );
}

/// The change by region of the modelled parties: observed in the key wards and modelled.
fn write_regions(s: &mut String, e: &Estimate) {
    let parties: Vec<&String> = e.regions.first().map(|r| r.modelled.keys().collect()).unwrap_or_default();
    let parties: Vec<&str> =
        e.parties.iter().map(|p| p.party.code()).filter(|c| parties.iter().any(|q| q.as_str() == *c)).collect();
    let _ = writeln!(s, "change by region, points: observed in the key wards / modelled (used in the GB estimate)");
    let mut head = format!("{:<26} {:>5} {:>6}", "region", "wards", "elect%");
    for p in &parties {
        let _ = write!(head, " {:>13}", p);
    }
    let _ = writeln!(s, "{head}");
    for r in &e.regions {
        let mut line = format!("{:<26} {:>5} {:>6.1}", r.region, r.key_wards, r.electorate_share);
        for p in &parties {
            let obs = r.observed.get(*p).map_or("    —".to_string(), |v| format!("{v:+5.1}"));
            let model = r.modelled.get(*p).copied().unwrap_or(0.0);
            let _ = write!(line, " {:>13}", format!("{obs} / {model:+5.1}"));
        }
        let _ = writeln!(s, "{line}");
    }
}

/// The validation table: every pair's estimate beside the published PNS and the naive estimate.
pub fn render_all(all: &[Estimate]) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{:<10} {:<7} {:>5} {:>6} {:>9} {:>14} {:>5} {:>6} {:>6} {:>6}",
        "pair", "party", "wards", "base", "estimate", "sampling 90%", "BBC", "error", "naive", "error"
    );
    for e in all {
        for p in &e.parties {
            let err = p.published.map_or("—".to_string(), |v| format!("{:+.1}", p.pns - v));
            let nerr = p.published.map_or("—".to_string(), |v| format!("{:+.1}", p.naive - v));
            let _ = writeln!(
                s,
                "{:<10} {:<7} {:>5} {:>6.1} {:>9.1} {:>14} {:>5} {:>6} {:>6.1} {:>6}",
                e.pair,
                p.party.code(),
                e.key_wards,
                p.baseline_pns,
                p.pns,
                format!("[{:.1}, {:.1}]", p.sampling_lo90, p.sampling_hi90),
                opt(p.published),
                err,
                p.naive,
                nerr
            );
        }
    }
    if let Some(v) = all.iter().find_map(|e| e.validation.as_ref()) {
        write_accuracy(&mut s, v);
    }
    s
}

/// The errors against the published PNS of every party with a published figure, then all together, and the
/// validation interval they give.
fn write_accuracy(s: &mut String, v: &Validation) {
    let _ = writeln!(s, "\naccuracy against the published BBC PNS, points (every party with a published figure):");
    let _ = writeln!(
        s,
        "{:<7} {:>3} {:>13} {:>12} {:>6} {:>11} {:>10}",
        "party", "n", "mean |error|", "max |error|", "rmse", "naive mean", "naive max"
    );
    let row = |s: &mut String, name: &str, a: &Accuracy| {
        let _ = writeln!(
            s,
            "{:<7} {:>3} {:>13.2} {:>12.2} {:>6.2} {:>11.2} {:>10.2}",
            name, a.n, a.mean_abs_error, a.max_abs_error, a.rmse, a.naive_mean_abs_error, a.naive_max_abs_error
        );
    };
    for p in &v.by_party {
        row(s, p.party.code(), &p.accuracy);
    }
    row(s, "all", &v.overall);
    write_validation_line(s, v);
}

/// 90 % normal quantile.
const Z90: f64 = 1.644_853_626_951_472_2;

/// The table of `--geography`: slopes, then the tactical strength, then notes.
pub fn render_geography(l: &Learned) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "geography learned from {} ({})", l.pair, l.source);
    let _ = writeln!(
        s,
        "Leave slopes: change in share per point of council Leave share (region effects, council-electorate weights, \
         se clustered by council)"
    );
    let _ = writeln!(
        s,
        "{:<8} {:>8} {:>7} {:>18} {:>6} {:>8}",
        "party", "slope", "se", "90% interval", "wards", "councils"
    );
    for e in &l.slopes {
        let ci = format!("[{:+.3}, {:+.3}]", e.slope - Z90 * e.se, e.slope + Z90 * e.se);
        let _ = writeln!(
            s,
            "{:<8} {:>+8.3} {:>7.3} {:>18} {:>6} {:>8}",
            e.party.code(),
            e.slope,
            e.se,
            ci,
            e.wards,
            e.councils
        );
    }
    let t = &l.tactical;
    let bloc: Vec<&str> = t.spec.bloc.iter().map(|p| p.code()).collect();
    let _ = writeln!(
        s,
        "tactical: against {}, bloc {}, where {}: t = {:.3} (se {:.3}), {} wards ({} treated) in {} councils",
        t.spec.against,
        bloc.join(","),
        t.spec.seats.code(),
        t.strength,
        t.se,
        t.wards,
        t.treated,
        t.councils
    );
    for n in &l.notes {
        let _ = writeln!(s, "note: {n}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::estimate::{EstimateOptions, estimate_shipped};

    #[test]
    fn renders_tables_and_csv() {
        let opts = EstimateOptions { bootstrap: 20, ..EstimateOptions::default() };
        let e = estimate_shipped("2018-2022", &opts).unwrap();
        let table = render(&e);
        assert!(table.contains("key wards: 1093 of 1775"));
        assert!(table.contains("London"));
        let csv = crate::render::csv::estimate::render(std::slice::from_ref(&e)).unwrap();
        assert_eq!(csv.lines().count(), 1 + e.parties.len());
        assert!(csv.lines().nth(1).unwrap().starts_with("2018-2022,con,1093,35,published,"));
        // Without a validation the column is a dash; with one, each party gets its interval.
        assert!(table.contains("validation 90%") && table.contains("—"));
        let v = crate::estimate::validation::from_estimates(std::slice::from_ref(&e)).unwrap();
        assert!(v.overall.mean_abs_error > 0.0 && v.overall.max_abs_error <= 2.0);
        let mut with = e.clone();
        crate::estimate::validation::apply(&mut with, &v);
        let table = render(&with);
        assert!(table.contains(&format!("validation 90%: ± {:.1} points", v.half_width90)), "{table}");
        let con = with.parties[0].clone();
        let want = format!("[{:.1}, {:.1}]", con.validation_lo90.unwrap(), con.validation_hi90.unwrap());
        assert!(table.lines().any(|l| l.starts_with("con") && l.contains(&want)), "{table}");
    }
}
