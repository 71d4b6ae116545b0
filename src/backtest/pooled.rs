//! Probabilistic scores pooled over cases: interval coverage and calibration across pairs, models, levels and
//! parties (the evidence for the default uncertainty).

use super::prob::{BINS, CalibrationBin, Coverage, ProbabilisticScores};
use super::{CaseReport, PairReport};
use crate::party::Party;
use crate::round::round6;
use serde::Serialize;

/// One group of cases.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PooledRow {
    /// What the group is: `all`, `pair`, `model`, `swing_by` or `party`.
    pub by: &'static str,
    /// `all`, `ge2010 → ge2015`, `stm`, `region`, `con`, …
    pub group: String,
    pub cases: u32,
    /// Party seat totals scored (party × case).
    pub scored: u32,
    pub covered50: u32,
    pub covered90: u32,
    /// Percent of the scored totals covered.
    pub coverage50: f64,
    pub coverage90: f64,
    /// Mean width of the intervals (high − low seats).
    pub mean_width50: f64,
    pub mean_width90: f64,
    /// Mean over the cases of their Brier score and log loss (`None` for party groups).
    pub brier: Option<f64>,
    pub log_loss: Option<f64>,
    /// Seats whose favourite lost, and how many the simulations expected to lose, summed over the cases.
    pub favourite_wrong: Option<u32>,
    pub expected_wrong: Option<f64>,
}

/// Every pooled figure.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Pooled {
    pub rows: Vec<PooledRow>,
    /// The calibration tables of every case added up.
    pub calibration: Vec<CalibrationBin>,
}

struct Acc {
    cases: u32,
    scored: u32,
    in50: u32,
    in90: u32,
    width50: u64,
    width90: u64,
    brier: f64,
    log_loss: f64,
    favourite_wrong: u32,
    expected_wrong: f64,
}

impl Acc {
    fn new() -> Acc {
        Acc {
            cases: 0,
            scored: 0,
            in50: 0,
            in90: 0,
            width50: 0,
            width90: 0,
            brier: 0.0,
            log_loss: 0.0,
            favourite_wrong: 0,
            expected_wrong: 0.0,
        }
    }

    fn add_coverage(&mut self, c: &Coverage) {
        self.scored += 1;
        self.in50 += c.in50 as u32;
        self.in90 += c.in90 as u32;
        self.width50 += (c.interval50[1] - c.interval50[0]) as u64;
        self.width90 += (c.interval90[1] - c.interval90[0]) as u64;
    }

    fn add_case(&mut self, p: &ProbabilisticScores) {
        self.cases += 1;
        self.brier += p.brier;
        self.log_loss += p.log_loss;
        self.favourite_wrong += p.favourite_wrong;
        self.expected_wrong += p.expected_wrong;
        for c in &p.coverage {
            self.add_coverage(c);
        }
    }

    fn row(&self, by: &'static str, group: String, case_scores: bool) -> PooledRow {
        let pct = |k: u32| if self.scored > 0 { round6(100.0 * k as f64 / self.scored as f64) } else { 0.0 };
        let mean = |w: u64| if self.scored > 0 { round6(w as f64 / self.scored as f64) } else { 0.0 };
        let per_case = |x: f64| (case_scores && self.cases > 0).then(|| round6(x / self.cases as f64));
        PooledRow {
            by,
            group,
            cases: self.cases,
            scored: self.scored,
            covered50: self.in50,
            covered90: self.in90,
            coverage50: pct(self.in50),
            coverage90: pct(self.in90),
            mean_width50: mean(self.width50),
            mean_width90: mean(self.width90),
            brier: per_case(self.brier),
            log_loss: per_case(self.log_loss),
            favourite_wrong: case_scores.then_some(self.favourite_wrong),
            expected_wrong: case_scores.then(|| round6(self.expected_wrong)),
        }
    }
}

/// Pools the probabilistic scores of every case that has them; `None` if none has.
pub fn pool(pairs: &[PairReport]) -> Option<Pooled> {
    let cases: Vec<(&PairReport, &CaseReport, &ProbabilisticScores)> = pairs
        .iter()
        .flat_map(|p| p.cases.iter().filter_map(move |c| c.scores.probabilistic.as_ref().map(|s| (p, c, s))))
        .collect();
    if cases.is_empty() {
        return None;
    }
    let mut rows = Vec::new();
    let mut all = Acc::new();
    for (_, _, s) in &cases {
        all.add_case(s);
    }
    rows.push(all.row("all", "all".into(), true));
    let mut group = |by: &'static str, key: &dyn Fn(&PairReport, &CaseReport) -> String| {
        let mut keys: Vec<String> = Vec::new();
        for (p, c, _) in &cases {
            let k = key(p, c);
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
        for k in keys {
            let mut acc = Acc::new();
            for (_, _, s) in cases.iter().filter(|(p, c, _)| key(p, c) == k) {
                acc.add_case(s);
            }
            rows.push(acc.row(by, k, true));
        }
    };
    group("pair", &|p, _| format!("{} → {}", p.from, p.to));
    group("model", &|_, c| c.model.code().to_string());
    group("swing_by", &|_, c| c.swing_by.code().to_string());
    // Per party, with the UKIP/Brexit/Reform series under one name.
    let series_name = |p: &PairReport, party: Party| {
        if party == p.lineage.series { "ukip/brexit/reform".to_string() } else { party.code().to_string() }
    };
    let mut keys: Vec<String> = Vec::new();
    for (p, _, s) in &cases {
        for c in &s.coverage {
            let k = series_name(p, c.party);
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
    }
    for k in keys {
        let mut acc = Acc::new();
        for (p, _, s) in &cases {
            for c in s.coverage.iter().filter(|c| series_name(p, c.party) == k) {
                acc.add_coverage(c);
            }
        }
        rows.push(acc.row("party", k, false));
    }
    let mut calibration = cases[0].2.calibration.clone();
    debug_assert_eq!(calibration.len(), BINS);
    let mut sums: Vec<f64> = calibration.iter().map(|b| b.mean_predicted * b.count as f64).collect();
    for (_, _, s) in &cases[1..] {
        for ((bin, sum), other) in calibration.iter_mut().zip(&mut sums).zip(&s.calibration) {
            bin.count += other.count;
            bin.won += other.won;
            *sum += other.mean_predicted * other.count as f64;
        }
    }
    for (bin, sum) in calibration.iter_mut().zip(sums) {
        bin.mean_predicted = if bin.count > 0 { round6(sum / bin.count as f64) } else { 0.0 };
        bin.observed = if bin.count > 0 { round6(bin.won as f64 / bin.count as f64) } else { 0.0 };
    }
    Some(Pooled { rows, calibration })
}
