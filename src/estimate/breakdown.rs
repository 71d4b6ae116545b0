//! The tables beside the GB estimate: change by stratum and by region, how each party was modelled, and the notes.

use super::baselines::Chosen;
use super::lookup::PopulationStratum;
use super::method::{ColumnFit, Design};
use super::{BaselineSource, PartyModel, RegionChange, StratumChange, r4};
use crate::geo::Region;
use crate::party::Party;
use std::collections::BTreeMap;

/// Every population stratum as modelled, with its key wards (`key`: ward index and population stratum).
pub fn strata(
    pop: &[PopulationStratum],
    key: &[(usize, usize)],
    fits: &[ColumnFit],
    available: &[Party],
) -> Vec<StratumChange> {
    pop.iter()
        .enumerate()
        .map(|(t, s)| StratumChange {
            region: s.stratum.region.name().to_string(),
            kind: s.stratum.kind,
            key_wards: key.iter().filter(|&&(_, st)| st == t).count(),
            electorate: s.electorate,
            leave: r4(100.0 * s.leave),
            change: available
                .iter()
                .enumerate()
                .map(|(k, p)| (p.code().to_string(), r4(fits[2 * k].by_stratum[t])))
                .collect(),
        })
        .collect()
}

/// Change by GB region: observed in its key wards and as modelled (`gb`: the GB electorate).
pub fn regions(
    pop: &[PopulationStratum],
    key: &[(usize, usize)],
    design: &Design,
    fits: &[ColumnFit],
    available: &[Party],
    gb: f64,
) -> Vec<RegionChange> {
    let mut regions = Vec::new();
    for region in Region::ALL.into_iter().filter(|r| *r != Region::NorthernIreland) {
        let in_region: Vec<usize> = (0..pop.len()).filter(|&t| pop[t].stratum.region == region).collect();
        let electorate: f64 = in_region.iter().map(|&t| pop[t].electorate).sum();
        let wards_here: Vec<usize> = (0..key.len()).filter(|&pos| in_region.contains(&key[pos].1)).collect();
        let mut observed = BTreeMap::new();
        let mut modelled = BTreeMap::new();
        for (k, p) in available.iter().enumerate() {
            if !wards_here.is_empty() {
                let w: f64 = wards_here.iter().map(|&i| design.v[i]).sum();
                let m: f64 = wards_here.iter().map(|&i| design.v[i] * design.y[2 * k][i]).sum::<f64>() / w;
                observed.insert(p.code().to_string(), r4(m));
            }
            let m: f64 =
                in_region.iter().map(|&t| pop[t].electorate * fits[2 * k].by_stratum[t]).sum::<f64>() / electorate;
            modelled.insert(p.code().to_string(), r4(m));
        }
        regions.push(RegionChange {
            region: region.name().to_string(),
            key_wards: wards_here.len(),
            electorate_share: r4(100.0 * electorate / gb),
            observed,
            modelled,
        });
    }
    regions
}

/// How each available party's change was modelled.
pub fn model(fits: &[ColumnFit], available: &[Party]) -> Vec<PartyModel> {
    available
        .iter()
        .enumerate()
        .map(|(k, &p)| {
            let f = &fits[2 * k];
            PartyModel {
                party: p,
                slope_per_10pt_leave: r4(f.beta / 10.0),
                within_sd: r4(f.sigma2.sqrt()),
                between_sd: r4(f.tau2.sqrt()),
                shrinkage_k: (f.tau2 > 0.0).then(|| r4(f.sigma2 / f.tau2)),
            }
        })
        .collect()
}

/// Notes on the estimate: regions without key wards, estimated baselines, the Reform lineage.
pub fn notes(regions: &[RegionChange], available: &[Party], baseline: &[Chosen]) -> Vec<String> {
    let mut notes = Vec::new();
    let empty: Vec<&str> = regions.iter().filter(|r| r.key_wards == 0).map(|r| r.region.as_str()).collect();
    if !empty.is_empty() {
        notes.push(format!(
            "no key wards in {}: they take the modelled national change at their Leave share",
            empty.join(", ")
        ));
    }
    let estimated: Vec<&str> = available
        .iter()
        .zip(baseline)
        .filter(|(_, b)| b.1 == BaselineSource::Estimated)
        .map(|(p, _)| p.code())
        .collect();
    if !estimated.is_empty() {
        notes.push(format!(
            "no published {} share for the earlier year: the baseline is the stratified estimate of its share at the \
             earlier contest in the key wards",
            estimated.join(", ")
        ));
    }
    if available.contains(&Party::REFORM) {
        notes.push("reform is the UKIP → Reform UK lineage (UKIP and Reform votes together)".into());
    }
    notes
}
