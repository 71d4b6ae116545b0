//! Projected national share from ward-level local results: key wards, stratified change, chaining, bootstrap.
//!
//! The method is documented with its formulas in `docs/estimate.md`; [`method`] holds the estimator itself.

mod baselines;
pub mod bootstrap;
mod breakdown;
pub mod chain;
pub mod geography;
pub mod lookup;
pub mod method;
mod options;
pub mod published;
pub mod validation;
mod variant;
pub mod wards;

pub use options::{
    DEFAULT_BOOTSTRAP, DEFAULT_KEY_PARTIES, DEFAULT_SEED, EstimateOptions, check_key_parties, parse_key_parties,
};
pub use variant::{Variant, estimate_variant};

use crate::error::InputError;
use crate::party::Party;
use lookup::Kind;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;
use wards::WardFile;

/// The parties estimated from the ward results, in output order; "other" is the remainder to 100.
pub const ESTIMATED: [Party; 6] = [Party::CON, Party::LAB, Party::LD, Party::GREEN, Party::REFORM, Party::IND];

/// Ward-file party columns that make up an estimated party (Reform is the UKIP → Reform UK lineage).
fn columns_of(p: Party) -> &'static [usize] {
    match p {
        Party::CON => &[0],
        Party::LAB => &[1],
        Party::LD => &[2],
        Party::GREEN => &[3],
        Party::REFORM => &[4, 5],
        Party::IND => &[6],
        _ => &[],
    }
}

/// Where a party's earlier-year share came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BaselineSource {
    /// The published BBC PNS of the earlier year.
    Published,
    /// `--baseline-pns` (or the scenario's `baseline_pns`).
    User,
    /// No published figure: the stratified estimate of the party's share at the earlier contest.
    Estimated,
    /// "other": 100 minus the named parties.
    Remainder,
}

/// One party's estimated PNS; all figures in percent of the GB vote.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PartyEstimate {
    /// `other` is everyone not named (100 minus the named parties).
    pub party: Party,
    pub pns: f64,
    /// 90 % bootstrap interval (equal to `pns` without a bootstrap): sampling uncertainty only — which wards happened
    /// to be fought — not the error of the method.
    pub sampling_lo90: f64,
    pub sampling_hi90: f64,
    /// Bootstrap standard deviation (sampling only).
    pub sampling_sd: f64,
    /// 90 % validation interval: `pns` ± the estimator's 90th-percentile absolute error against the published BBC
    /// PNS over the shipped pairs (see [`validation`]), clipped to 0–100; `None` when it could not be computed.
    pub validation_lo90: Option<f64>,
    pub validation_hi90: Option<f64>,
    /// `pns − baseline_pns`.
    pub change: f64,
    /// The published BBC PNS of the later year, where known.
    pub published: Option<f64>,
    /// The earlier year's share the change is added to.
    pub baseline_pns: f64,
    pub baseline_source: BaselineSource,
    /// The naive estimate: the baseline plus the unweighted mean change over the key wards.
    pub naive: f64,
}

/// Wards left out, by reason.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Dropped {
    pub reason: String,
    pub wards: usize,
}

/// Change by region: observed in its key wards and as modelled.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RegionChange {
    pub region: String,
    pub key_wards: usize,
    /// Share of the GB electorate, percent.
    pub electorate_share: f64,
    /// Mean change of its key wards (weighted by ward size), points; empty without key wards.
    pub observed: BTreeMap<String, f64>,
    /// Modelled change used in the GB estimate (its strata, electorate-weighted), points.
    pub modelled: BTreeMap<String, f64>,
}

/// One GB stratum (region × kind of authority) as modelled.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StratumChange {
    pub region: String,
    pub kind: Kind,
    pub key_wards: usize,
    pub electorate: f64,
    /// Leave share at the 2016 referendum, percent.
    pub leave: f64,
    /// Modelled change, points.
    pub change: BTreeMap<String, f64>,
}

/// How a party's change was modelled.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PartyModel {
    pub party: Party,
    /// Change per 10 points of council Leave share, points.
    pub slope_per_10pt_leave: f64,
    /// Ward-level residual standard deviation σ, points.
    pub within_sd: f64,
    /// Standard deviation τ of the stratum effects, points.
    pub between_sd: f64,
    /// Shrinkage constant σ²/τ² (effective wards at which a stratum's own mean gets half weight); `None`: τ = 0,
    /// every stratum takes the national model.
    pub shrinkage_k: Option<f64>,
}

/// An estimated projected national share.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Estimate {
    /// The pair (`2018-2022`), or the file name when it has no `pair` column.
    pub pair: String,
    /// Where the wards came from.
    pub source: String,
    pub description: String,
    pub earlier_year: Option<u16>,
    pub later_year: Option<u16>,
    pub key_parties: Vec<Party>,
    /// Wards in the file.
    pub wards: usize,
    /// Key wards used.
    pub key_wards: usize,
    /// Councils the key wards lie in.
    pub key_councils: usize,
    pub dropped: Vec<Dropped>,
    pub parties: Vec<PartyEstimate>,
    pub regions: Vec<RegionChange>,
    pub strata: Vec<StratumChange>,
    pub model: Vec<PartyModel>,
    pub bootstrap: u64,
    pub seed: u64,
    /// The estimator's errors against the published PNS that give the validation intervals.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub validation: Option<validation::Validation>,
    pub notes: Vec<String>,
}

impl Estimate {
    /// The estimate of one party (`Party::OTHER` for the remainder).
    pub fn party(&self, p: Party) -> Option<&PartyEstimate> {
        self.parties.iter().find(|e| e.party == p)
    }
}

/// Estimates a shipped pair (`2018-2022`).
pub fn estimate_shipped(pair: &str, opts: &EstimateOptions) -> Result<Estimate, InputError> {
    estimate_wards(&wards::shipped(pair)?, opts)
}

/// Estimates a ward-pair CSV file (plain or gzip).
pub fn estimate_file(path: &Path, opts: &EstimateOptions) -> Result<Estimate, InputError> {
    estimate_wards(&wards::read(path)?, opts)
}

/// Estimates a shipped pair or a file: `source` is a shipped pair label if it is one, else a path.
pub fn estimate_source(source: &str, opts: &EstimateOptions) -> Result<Estimate, InputError> {
    match wards::shipped_label(source) {
        Some(label) => estimate_shipped(label, opts),
        None => estimate_file(Path::new(source), opts),
    }
}

/// Estimates every shipped pair, each chained onto its own published baseline.
pub fn estimate_all(opts: &EstimateOptions) -> Result<Vec<Estimate>, InputError> {
    let opts = EstimateOptions { baseline_pns: None, ..opts.clone() };
    crate::shipped::WARD_PAIRS.iter().map(|pair| estimate_shipped(pair.name, &opts)).collect()
}

/// Share of party `p` in a contest, points (0 where it did not stand).
fn share(c: &wards::Contest, p: Party) -> f64 {
    100.0 * columns_of(p).iter().filter_map(|&k| c.votes[k]).sum::<f64>() / c.total
}

fn stood(c: &wards::Contest, p: Party) -> bool {
    columns_of(p).iter().any(|&k| c.votes[k].is_some())
}

/// Rounds to 1e-4 so output stays readable and byte-stable.
fn r4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

/// Estimates the PNS from a parsed ward-pair file.
pub fn estimate_wards(file: &WardFile, opts: &EstimateOptions) -> Result<Estimate, InputError> {
    estimate_variant(file, opts, Variant::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_baseline_chains_and_others_is_the_remainder() {
        let e = estimate_shipped("2018-2022", &EstimateOptions { bootstrap: 0, ..Default::default() }).unwrap();
        let con = e.party(Party::CON).unwrap();
        assert_eq!(
            (con.baseline_pns, con.baseline_source, con.published),
            (35.0, BaselineSource::Published, Some(30.0))
        );
        assert!((con.pns - con.baseline_pns - con.change).abs() < 1e-3);
        let total: f64 = e.parties.iter().map(|p| p.pns).sum();
        assert!((total - 100.0).abs() < 1e-2, "shares sum to {total}");
        assert_eq!(e.party(Party::GREEN).unwrap().baseline_source, BaselineSource::Estimated);
        assert_eq!(e.wards, e.key_wards + e.dropped.iter().map(|d| d.wards).sum::<usize>());
        // An override replaces the published figure for that party only.
        let o = EstimateOptions { bootstrap: 0, baseline_pns: Some(vec![(Party::CON, 0.40)]), ..Default::default() };
        let u = estimate_shipped("2018-2022", &o).unwrap();
        assert!((u.party(Party::CON).unwrap().pns - con.pns - 5.0).abs() < 1e-3);
        assert_eq!(u.party(Party::LAB).unwrap().pns, e.party(Party::LAB).unwrap().pns);
    }
}
