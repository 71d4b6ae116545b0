//! The two regressions of a ward pair: each party's Leave slope and the tactical strength, clustered by council.

use super::wls::wls_clustered;
use super::{MIN_COUNCILS, MIN_TREATED, MIN_WARDS, SlopeEstimate, TacticalEstimate};
use crate::estimate::lookup::Council;
use crate::estimate::wards::{Contest, WardFile};
use crate::estimate::{ESTIMATED, columns_of, stood};
use crate::geo::Region;
use crate::party::Party;
use crate::scenario::{TacticalSpec, Where};
use std::collections::HashMap;

/// Share of party `p` in a contest, fraction (0 where it did not stand).
fn frac(c: &Contest, p: Party) -> f64 {
    columns_of(p).iter().filter_map(|&k| c.votes[k]).sum::<f64>() / c.total
}

/// The `other` column of the ward files.
const OTHER_COLUMN: usize = 7;

/// A regression sample: ward indices with their council (cluster) index and council-electorate weight.
struct Sample {
    wards: Vec<usize>,
    cluster: Vec<usize>,
    weight: Vec<f64>,
    councils: usize,
}

/// Builds the sample of `wards`: each council weighs its electorate, shared equally among its wards in the sample.
fn sample(wards: Vec<usize>, councils: &[&Council]) -> Sample {
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut count: Vec<usize> = Vec::new();
    let cluster: Vec<usize> = wards
        .iter()
        .map(|&i| {
            let next = ids.len();
            let g = *ids.entry(councils[i].code.as_str()).or_insert(next);
            if g == count.len() {
                count.push(0);
            }
            count[g] += 1;
            g
        })
        .collect();
    let weight = wards.iter().zip(&cluster).map(|(&i, &g)| councils[i].electorate / count[g] as f64).collect();
    Sample { wards, cluster, weight, councils: count.len() }
}

/// Regions present in a sample, in region order.
fn regions_of(s: &Sample, councils: &[&Council]) -> Vec<Region> {
    Region::ALL.into_iter().filter(|r| s.wards.iter().any(|&i| councils[i].region == *r)).collect()
}

/// Fits one party's Leave slope; the inner `Err` says why the sample is too small.
pub(super) fn fit_slope(
    file: &WardFile,
    councils: &[&Council],
    p: Party,
) -> Result<Result<SlopeEstimate, String>, String> {
    let reform = p == Party::REFORM;
    let rows: Vec<usize> = (0..file.wards.len())
        .filter(|&i| {
            let w = &file.wards[i];
            stood(&w.later, p) && (reform || stood(&w.earlier, p))
        })
        .collect();
    let s = sample(rows, councils);
    if s.wards.len() < MIN_WARDS || s.councils < MIN_COUNCILS {
        let need = if reform { "standing at the later contest" } else { "standing at both contests" };
        return Ok(Err(format!(
            "{} wards in {} councils {need}, fewer than {MIN_WARDS} wards or {MIN_COUNCILS} councils",
            s.wards.len(),
            s.councils
        )));
    }
    let regions = regions_of(&s, councils);
    let k = regions.len() + 1;
    let mut x = Vec::with_capacity(s.wards.len() * k);
    let mut y = Vec::with_capacity(s.wards.len());
    for &i in &s.wards {
        let c = councils[i];
        x.extend(regions.iter().map(|r| if c.region == *r { 1.0 } else { 0.0 }));
        x.push(c.leave);
        let w = &file.wards[i];
        y.push(frac(&w.later, p) - frac(&w.earlier, p));
    }
    let fit = wls_clustered(&x, k, &y, &s.weight, &s.cluster)
        .ok_or_else(|| format!("the {p} Leave regression is singular: expected wards with differing Leave shares"))?;
    let (slope, se) = (fit.coef[k - 1], fit.se[k - 1]);
    if !slope.is_finite() || !se.is_finite() {
        return Err(format!("the {p} Leave slope is not finite: expected a well-conditioned sample"));
    }
    Ok(Ok(SlopeEstimate { party: p, slope, se, wards: s.wards.len(), councils: s.councils }))
}

/// One ward of the tactical sample: its weakest bloc party (index into the bloc), that party's earlier share and
/// change, and whether the targeted party had the largest earlier share of every column (or the second largest too,
/// per [`Where`]).
struct TacticalRow {
    weak: usize,
    s: f64,
    delta: f64,
    treated: bool,
}

fn tactical_row(c: &Contest, later: &Contest, spec: &TacticalSpec) -> TacticalRow {
    let shares: Vec<f64> = spec.bloc.iter().map(|&p| frac(c, p)).collect();
    let weak = (0..shares.len()).fold(0, |m, k| if shares[k] < shares[m] { k } else { m });
    let target = frac(c, spec.against);
    // Every other column of the ward competes, `other` included (the Reform lineage counts as one).
    let other = c.votes[OTHER_COLUMN].map_or(0.0, |v| v / c.total);
    let above =
        ESTIMATED.iter().filter(|&&q| q != spec.against && frac(c, q) > target).count() + usize::from(other > target);
    let limit = match spec.seats {
        Where::First => 0,
        Where::FirstOrSecond => 1,
    };
    let treated = stood(c, spec.against) && above <= limit;
    TacticalRow { weak, s: shares[weak], delta: frac(later, spec.bloc[weak]) - shares[weak], treated }
}

/// Fits the tactical strength (see `docs/estimate.md`); `Err` says why it cannot be learned.
pub(super) fn fit_tactical(
    file: &WardFile,
    councils: &[&Council],
    spec: &TacticalSpec,
) -> Result<TacticalEstimate, String> {
    let rows: Vec<usize> = (0..file.wards.len())
        .filter(|&i| spec.bloc.iter().all(|&p| stood(&file.wards[i].earlier, p) && stood(&file.wards[i].later, p)))
        .collect();
    let s = sample(rows, councils);
    let t: Vec<TacticalRow> =
        s.wards.iter().map(|&i| tactical_row(&file.wards[i].earlier, &file.wards[i].later, spec)).collect();
    let treated = t.iter().filter(|r| r.treated).count();
    let bloc = spec.bloc.iter().map(|p| p.code()).collect::<Vec<_>>().join(", ");
    if s.wards.len() < MIN_WARDS || treated < MIN_TREATED || s.councils < MIN_COUNCILS {
        return Err(format!(
            "the tactical sample has {} wards ({} where {} was {}) in {} councils with all of {bloc} standing at both \
             contests: expected at least {MIN_WARDS} wards, {MIN_TREATED} of them treated, in {MIN_COUNCILS} councils",
            s.wards.len(),
            treated,
            spec.against,
            spec.seats.code(),
            s.councils
        ));
    }
    let regions = regions_of(&s, councils);
    let nb = spec.bloc.len();
    // Candidate columns: region × weak party, then [weak = q]·x and [weak = q]·s, then T·s (last).
    let k_all = regions.len() * nb + 2 * nb + 1;
    let mut x = Vec::with_capacity(s.wards.len() * k_all);
    for (&i, r) in s.wards.iter().zip(&t) {
        let c = councils[i];
        for reg in &regions {
            x.extend((0..nb).map(|q| if c.region == *reg && r.weak == q { 1.0 } else { 0.0 }));
        }
        x.extend((0..nb).map(|q| if r.weak == q { c.leave } else { 0.0 }));
        x.extend((0..nb).map(|q| if r.weak == q { r.s } else { 0.0 }));
        x.push(if r.treated { r.s } else { 0.0 });
    }
    let (x, k) = drop_zero_columns(&x, k_all);
    let y: Vec<f64> = t.iter().map(|r| r.delta).collect();
    let fit = wls_clustered(&x, k, &y, &s.weight, &s.cluster)
        .ok_or_else(|| "the tactical regression is singular: expected both treated and untreated wards".to_string())?;
    let (strength, se) = (-fit.coef[k - 1], fit.se[k - 1]);
    if !strength.is_finite() || !se.is_finite() {
        return Err("the tactical strength is not finite: expected a well-conditioned sample".into());
    }
    Ok(TacticalEstimate { spec: spec.clone(), strength, se, wards: s.wards.len(), treated, councils: s.councils })
}

/// Removes the all-zero columns of a row-major `n × k` matrix; returns it and its new width.
fn drop_zero_columns(x: &[f64], k: usize) -> (Vec<f64>, usize) {
    let keep: Vec<usize> = (0..k).filter(|&j| x.chunks(k).any(|row| row[j] != 0.0)).collect();
    let out = x.chunks(k).flat_map(|row| keep.iter().map(|&j| row[j])).collect();
    (out, keep.len())
}
