//! The validation interval: the estimator's errors against the published BBC PNS over the shipped pairs.
//!
//! The bootstrap interval of an estimate is sampling uncertainty only (which wards happened to be fought). The
//! validation interval is the estimate ± the 90th percentile of the absolute errors the same estimator makes
//! against the published PNS: every party estimate of every shipped pair that has a published figure, pooled (too
//! few per party for a party's own quantile: Reform and the Greens have one each).

use super::{Estimate, EstimateOptions, estimate_shipped};
use crate::party::Party;
use rayon::prelude::*;
use serde::Serialize;

/// The errors of a set of estimates against the published PNS, points.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Accuracy {
    /// Estimates with a published figure.
    pub n: usize,
    pub mean_abs_error: f64,
    pub max_abs_error: f64,
    /// Root mean square error.
    pub rmse: f64,
    /// The naive estimate's mean and largest absolute error on the same figures.
    pub naive_mean_abs_error: f64,
    pub naive_max_abs_error: f64,
}

/// One party's accuracy.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PartyAccuracy {
    pub party: Party,
    #[serde(flatten)]
    pub accuracy: Accuracy,
}

/// What the validation intervals are made of.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Validation {
    /// The interval's half-width, points: the empirical 90th percentile of |estimate − published| (the smallest
    /// error at least 90 % of them do not exceed).
    pub half_width90: f64,
    /// Shipped pairs compared.
    pub pairs: usize,
    /// Every party estimate with a published figure, pooled.
    pub overall: Accuracy,
    /// Per party with a published figure, in output order.
    pub by_party: Vec<PartyAccuracy>,
    pub method: String,
}

/// The validation of the estimator as `opts` configures it (key parties), on every shipped pair without a
/// bootstrap and chained onto the published baselines; pairs the options cannot estimate are left out. `None` when
/// no estimate has a published figure.
pub fn of_estimator(opts: &EstimateOptions) -> Option<Validation> {
    let opts = EstimateOptions { bootstrap: 0, baseline_pns: None, ..opts.clone() };
    let all: Vec<Estimate> =
        crate::shipped::WARD_PAIRS.par_iter().filter_map(|pair| estimate_shipped(pair.name, &opts).ok()).collect();
    from_estimates(&all)
}

/// The validation from estimates already made (`pns estimate --all`).
pub fn from_estimates(all: &[Estimate]) -> Option<Validation> {
    let mut errors: Vec<(Party, f64, f64)> = Vec::new();
    for e in all {
        for p in &e.parties {
            if let Some(published) = p.published {
                errors.push((p.party, p.pns - published, p.naive - published));
            }
        }
    }
    let overall = accuracy(&errors)?;
    let mut abs: Vec<f64> = errors.iter().map(|(_, e, _)| e.abs()).collect();
    abs.sort_by(f64::total_cmp);
    let rank = ((0.9 * abs.len() as f64).ceil() as usize).clamp(1, abs.len());
    let parties = super::ESTIMATED.iter().filter(|p| errors.iter().any(|(q, _, _)| q == *p));
    let by_party = parties
        .filter_map(|&party| {
            let own: Vec<(Party, f64, f64)> = errors.iter().copied().filter(|(q, _, _)| *q == party).collect();
            accuracy(&own).map(|accuracy| PartyAccuracy { party, accuracy })
        })
        .collect();
    let pairs = all.iter().filter(|e| e.parties.iter().any(|p| p.published.is_some())).count();
    Some(Validation {
        half_width90: r4(abs[rank - 1]),
        pairs,
        method: format!(
            "the 90th percentile of |estimate − published BBC PNS| over {n} party estimates of {pairs} shipped pairs \
             (rank {rank} of {n}), parties pooled",
            n = abs.len()
        ),
        overall,
        by_party,
    })
}

/// Sets each party's validation interval (the estimate ± the half-width, clipped to 0–100) and records `v`.
pub fn apply(e: &mut Estimate, v: &Validation) {
    for p in &mut e.parties {
        p.validation_lo90 = Some(r4((p.pns - v.half_width90).max(0.0)));
        p.validation_hi90 = Some(r4((p.pns + v.half_width90).min(100.0)));
    }
    e.validation = Some(v.clone());
}

/// Mean, largest and RMS error of (party, error, naive error) triples; `None` when there are none.
fn accuracy(errors: &[(Party, f64, f64)]) -> Option<Accuracy> {
    if errors.is_empty() {
        return None;
    }
    let n = errors.len() as f64;
    let mean = |f: &dyn Fn(&(Party, f64, f64)) -> f64| errors.iter().map(f).sum::<f64>() / n;
    let max = |f: &dyn Fn(&(Party, f64, f64)) -> f64| errors.iter().map(f).fold(0.0, f64::max);
    Some(Accuracy {
        n: errors.len(),
        mean_abs_error: r4(mean(&|e| e.1.abs())),
        max_abs_error: r4(max(&|e| e.1.abs())),
        rmse: r4(mean(&|e| e.1 * e.1).sqrt()),
        naive_mean_abs_error: r4(mean(&|e| e.2.abs())),
        naive_max_abs_error: r4(max(&|e| e.2.abs())),
    })
}

/// Rounds to 1e-4, as the estimates are.
fn r4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_half_width_is_the_90th_percentile_of_the_pooled_absolute_errors() {
        let opts = EstimateOptions { bootstrap: 0, ..Default::default() };
        let all = super::super::estimate_all(&opts).unwrap();
        let v = from_estimates(&all).unwrap();
        // Independently: every (pair, party) with a published figure, sorted, the ⌈0.9 n⌉-th smallest.
        let mut abs: Vec<f64> =
            all.iter().flat_map(|e| e.parties.iter()).filter_map(|p| p.published.map(|b| (p.pns - b).abs())).collect();
        abs.sort_by(f64::total_cmp);
        assert_eq!(abs.len(), 23, "con, lab, ld in 7 pairs; green and reform in 2025");
        assert_eq!(v.overall.n, 23);
        assert_eq!(v.half_width90, r4(abs[20]));
        assert!(v.half_width90 > 1.5 && v.half_width90 < 3.0, "{}", v.half_width90);
        let rms = (abs.iter().map(|a| a * a).sum::<f64>() / 23.0).sqrt();
        assert!((v.overall.rmse - rms).abs() < 1e-4);
        // Reform is in the accuracy, with its one published figure (2025).
        let parties: Vec<Party> = v.by_party.iter().map(|p| p.party).collect();
        assert_eq!(parties, vec![Party::CON, Party::LAB, Party::LD, Party::GREEN, Party::REFORM]);
        assert_eq!(v.by_party[4].accuracy.n, 1);
        assert_eq!(v.pairs, 7);
        // The parallel run of the estimator gives the same figures.
        assert_eq!(of_estimator(&EstimateOptions::default()), Some(v.clone()));
        // Applied: estimate ± half-width, clipped at 0.
        let mut e = all[0].clone();
        apply(&mut e, &v);
        for p in &e.parties {
            assert_eq!(p.validation_hi90, Some(r4((p.pns + v.half_width90).min(100.0))));
            assert_eq!(p.validation_lo90, Some(r4((p.pns - v.half_width90).max(0.0))));
        }
    }
}
