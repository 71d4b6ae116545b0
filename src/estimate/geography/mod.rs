//! The seat model's geography learned from a ward pair: Leave slopes by party and the tactical strength (`docs/estimate.md`).

use super::lookup::{Council, Councils};
use super::wards::{self, Contest, WardFile};
use super::{ESTIMATED, columns_of, stood};
use crate::error::InputError;
use crate::geo::Region;
use crate::party::Party;
use crate::scenario::{Covariate, CovariateSlopes, Geography, Slope, Tactical, TacticalSpec, Where};
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;

/// The parties whose Leave slope is learned, in output order.
pub const SLOPE_PARTIES: [Party; 5] = [Party::CON, Party::LAB, Party::LD, Party::GREEN, Party::REFORM];

/// Smallest sample a slope is learned from: wards and councils.
pub const MIN_WARDS: usize = 30;
pub const MIN_COUNCILS: usize = 10;
/// Smallest number of treated wards the tactical strength is learned from.
pub const MIN_TREATED: usize = 10;

/// One party's Leave slope: points of change per point of council Leave share, with its clustered standard error.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SlopeEstimate {
    pub party: Party,
    pub slope: f64,
    pub se: f64,
    pub wards: usize,
    pub councils: usize,
}

/// The tactical strength `t`: the extra fraction of its earlier share the weaker bloc party lost where the targeted
/// party led (before clamping to 0–1), with its clustered standard error.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TacticalEstimate {
    pub spec: TacticalSpec,
    pub strength: f64,
    pub se: f64,
    pub wards: usize,
    pub treated: usize,
    pub councils: usize,
}

/// Everything learned from one ward pair.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Learned {
    /// The pair (`2021-2024`), or the file name when it has no `pair` column.
    pub pair: String,
    /// Where the wards came from.
    pub source: String,
    pub slopes: Vec<SlopeEstimate>,
    pub tactical: TacticalEstimate,
    pub notes: Vec<String>,
}

impl Learned {
    /// The learned values as a scenario geography: Leave slopes and the strength clamped to 0–1.
    pub fn geography(&self) -> Geography {
        let slopes = self.slopes.iter().map(|s| Slope { party: s.party, slope: s.slope, se: s.se }).collect();
        let t = &self.tactical;
        Geography {
            covariates: vec![CovariateSlopes { covariate: Covariate::Leave, slopes }],
            tactical: Some(Tactical { spec: t.spec.clone(), strength: t.strength.clamp(0.0, 1.0), se: t.se }),
            learned_from: Some(self.pair.clone()),
        }
    }
}

/// Learns from a shipped pair (`2021-2024`) or, if `source` is not one, a ward-pair file.
pub fn learn_source(source: &str, spec: &TacticalSpec) -> Result<Learned, InputError> {
    let file = match wards::shipped_label(source) {
        Some(label) => wards::shipped(label)?,
        None => wards::read(Path::new(source))?,
    };
    learn(&file, spec)
}

/// Checks a tactical spec: a bloc of at least two distinct parties without the targeted one, all of them parties
/// the ward files carry. `Err((what, message))`, `what` being `against` or `bloc`.
pub fn check_spec(spec: &TacticalSpec) -> Result<(), (&'static str, String)> {
    let codes = ESTIMATED.iter().map(|p| p.code()).collect::<Vec<_>>().join(", ");
    if columns_of(spec.against).is_empty() {
        return Err(("against", format!("'{}' is not in the ward files: expected one of {codes}", spec.against)));
    }
    for (i, p) in spec.bloc.iter().enumerate() {
        if columns_of(*p).is_empty() {
            return Err(("bloc", format!("'{p}' is not in the ward files: expected some of {codes}")));
        }
        if *p == spec.against {
            return Err((
                "bloc",
                format!("the bloc names '{p}', the party voted against: expected the parties voted for"),
            ));
        }
        if spec.bloc[..i].contains(p) {
            return Err(("bloc", format!("party '{p}' is given twice")));
        }
    }
    if spec.bloc.len() < 2 {
        return Err(("bloc", "expected at least two parties, e.g. lab,ld".into()));
    }
    Ok(())
}

/// Learns the Leave slopes and the tactical strength from a parsed ward-pair file.
pub fn learn(file: &WardFile, spec: &TacticalSpec) -> Result<Learned, InputError> {
    let err = |m: String| InputError::new(&file.file, m).field("geography");
    check_spec(spec).map_err(|(_, m)| err(m))?;
    let councils = resolve_councils(file)?;
    let mut notes = Vec::new();
    let mut slopes = Vec::new();
    for p in SLOPE_PARTIES {
        match fit_slope(file, &councils, p).map_err(&err)? {
            Ok(s) => slopes.push(s),
            Err(why) if p == Party::CON => {
                return Err(err(format!("cannot learn the con Leave slope: {why}; expected a larger ward pair")));
            }
            Err(why) => notes.push(format!("{p}: no Leave slope ({why})")),
        }
    }
    let tactical = fit_tactical(file, &councils, spec).map_err(&err)?;
    if tactical.strength < 0.0 || tactical.strength > 1.0 {
        notes.push(format!("t = {:.3} is outside 0–1: the scenario geography uses it clamped", tactical.strength));
    }
    if slopes.iter().any(|s| s.party == Party::REFORM) {
        notes.push("reform = reform + ukip columns; its earlier share counts as 0 where it did not stand".into());
    }
    Ok(Learned {
        pair: file.pair.clone().unwrap_or_else(|| file.file.clone()),
        source: file.file.clone(),
        slopes,
        tactical,
        notes,
    })
}

/// The council of every ward (an English council of the shipped table, else an error naming the line).
fn resolve_councils(file: &WardFile) -> Result<Vec<&'static Council>, InputError> {
    let table = Councils::shipped();
    file.wards.iter().map(|w| table.of_ward(file, w)).collect()
}

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
fn fit_slope(file: &WardFile, councils: &[&Council], p: Party) -> Result<Result<SlopeEstimate, String>, String> {
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
fn fit_tactical(file: &WardFile, councils: &[&Council], spec: &TacticalSpec) -> Result<TacticalEstimate, String> {
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

/// A weighted least-squares fit: coefficients and their cluster-robust (CR1) standard errors.
#[derive(Clone, Debug, PartialEq)]
pub struct Fit {
    pub coef: Vec<f64>,
    pub se: Vec<f64>,
}

/// Weighted least squares of `y` on the row-major `n × k` matrix `x` with weights `w`, standard errors clustered by
/// `cluster` (CR1: `(X'WX)⁻¹ Σ_g s_g s_gᵀ (X'WX)⁻¹ · G/(G−1) · (n−1)/(n−k)`, `s_g = Σ_{i∈g} x_i w_i e_i`).
/// `None` if `X'WX` is singular or there are too few rows or clusters.
pub fn wls_clustered(x: &[f64], k: usize, y: &[f64], w: &[f64], cluster: &[usize]) -> Option<Fit> {
    let n = y.len();
    let g_count = cluster.iter().max().map_or(0, |g| g + 1);
    if k == 0 || n <= k || g_count < 2 || x.len() != n * k || w.len() != n || cluster.len() != n {
        return None;
    }
    let mut a = vec![0.0; k * k];
    let mut b = vec![0.0; k];
    for i in 0..n {
        let row = &x[i * k..(i + 1) * k];
        for j in 0..k {
            b[j] += w[i] * row[j] * y[i];
            for l in 0..=j {
                a[j * k + l] += w[i] * row[j] * row[l];
            }
        }
    }
    let chol = cholesky(&a, k)?;
    let coef = chol_solve(&chol, k, &b);
    let inv: Vec<Vec<f64>> = (0..k).map(|j| chol_solve(&chol, k, &unit(k, j))).collect();
    let mut scores = vec![vec![0.0; k]; g_count];
    for i in 0..n {
        let row = &x[i * k..(i + 1) * k];
        let e = y[i] - row.iter().zip(&coef).map(|(a, b)| a * b).sum::<f64>();
        for j in 0..k {
            scores[cluster[i]][j] += row[j] * w[i] * e;
        }
    }
    let g = g_count as f64;
    let scale = g / (g - 1.0) * (n as f64 - 1.0) / (n as f64 - k as f64);
    let se = (0..k)
        .map(|j| {
            // Row j of (X'WX)⁻¹ times each cluster's score.
            let v: f64 = scores.iter().map(|s| inv[j].iter().zip(s).map(|(a, b)| a * b).sum::<f64>().powi(2)).sum();
            (v * scale).sqrt()
        })
        .collect();
    Some(Fit { coef, se })
}

fn unit(k: usize, j: usize) -> Vec<f64> {
    (0..k).map(|i| if i == j { 1.0 } else { 0.0 }).collect()
}

/// Cholesky factor `L` (row-major, lower) of the symmetric matrix whose lower triangle is `a`; `None` unless
/// clearly positive definite.
fn cholesky(a: &[f64], k: usize) -> Option<Vec<f64>> {
    let scale = (0..k).map(|j| a[j * k + j]).fold(0.0, f64::max);
    let mut l = vec![0.0; k * k];
    for j in 0..k {
        for i in j..k {
            let sum = a[i * k + j] - (0..j).map(|m| l[i * k + m] * l[j * k + m]).sum::<f64>();
            if i == j {
                // NaN fails this too.
                if sum.partial_cmp(&(1e-12 * scale)) != Some(std::cmp::Ordering::Greater) {
                    return None;
                }
                l[j * k + j] = sum.sqrt();
            } else {
                l[i * k + j] = sum / l[j * k + j];
            }
        }
    }
    Some(l)
}

/// Solves `L Lᵀ z = b`.
fn chol_solve(l: &[f64], k: usize, b: &[f64]) -> Vec<f64> {
    let mut z = vec![0.0; k];
    for i in 0..k {
        z[i] = (b[i] - (0..i).map(|m| l[i * k + m] * z[m]).sum::<f64>()) / l[i * k + i];
    }
    for i in (0..k).rev() {
        z[i] = (z[i] - (i + 1..k).map(|m| l[m * k + i] * z[m]).sum::<f64>()) / l[i * k + i];
    }
    z
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wls_recovers_an_exact_line_with_zero_se() {
        // y = 1 + 2x exactly, in 4 clusters.
        let xs = [0.1, 0.4, 0.2, 0.9, 0.5, 0.7, 0.3, 0.8];
        let x: Vec<f64> = xs.iter().flat_map(|&v| [1.0, v]).collect();
        let y: Vec<f64> = xs.iter().map(|v| 1.0 + 2.0 * v).collect();
        let w = [1.0, 2.0, 1.0, 3.0, 1.0, 1.0, 2.0, 1.0];
        let cl = [0, 0, 1, 1, 2, 2, 3, 3];
        let f = wls_clustered(&x, 2, &y, &w, &cl).unwrap();
        assert!((f.coef[0] - 1.0).abs() < 1e-12 && (f.coef[1] - 2.0).abs() < 1e-12, "{f:?}");
        assert!(f.se.iter().all(|s| *s < 1e-9));
    }

    #[test]
    fn wls_matches_a_hand_sandwich_and_flags_singular() {
        // Intercept-only: coefficient = weighted mean; CR1 se by hand.
        let y = [1.0, 3.0, 2.0, 6.0];
        let w = [1.0, 1.0, 2.0, 2.0];
        let cl = [0, 0, 1, 1];
        let f = wls_clustered(&[1.0; 4], 1, &y, &w, &cl).unwrap();
        let mean = (1.0 + 3.0 + 4.0 + 12.0) / 6.0;
        assert!((f.coef[0] - mean).abs() < 1e-12);
        let s0 = (1.0 - mean) + (3.0 - mean);
        let s1 = 2.0 * (2.0 - mean) + 2.0 * (6.0 - mean);
        let v = (s0 * s0 + s1 * s1) / 36.0 * 2.0 * 3.0 / 3.0;
        assert!((f.se[0] - v.sqrt()).abs() < 1e-12);
        // Two identical columns are singular.
        assert!(wls_clustered(&[1.0, 1.0, 1.0, 1.0, 1.0, 1.0], 2, &[1.0, 2.0, 3.0], &[1.0; 3], &[0, 1, 2]).is_none());
    }

    #[test]
    fn spec_checks_name_the_flag() {
        let bad = TacticalSpec { bloc: vec![Party::CON, Party::LAB], ..TacticalSpec::default() };
        assert_eq!(check_spec(&bad).unwrap_err().0, "bloc");
        let one = TacticalSpec { bloc: vec![Party::LAB], ..TacticalSpec::default() };
        assert!(check_spec(&one).unwrap_err().1.contains("at least two"));
        let snp = TacticalSpec { against: Party::SNP, ..TacticalSpec::default() };
        assert_eq!(check_spec(&snp).unwrap_err().0, "against");
        assert!(check_spec(&TacticalSpec::default()).is_ok());
    }

    #[test]
    fn learns_2021_2024_with_the_expected_signs() {
        let l = learn(&wards::shipped("2021-2024").unwrap(), &TacticalSpec::default()).unwrap();
        let slope = |p| l.slopes.iter().find(|s| s.party == p).unwrap();
        assert!(slope(Party::CON).slope < -0.2 && slope(Party::LAB).slope > 0.2 && slope(Party::REFORM).slope > 0.0);
        assert_eq!(l.slopes.len(), 5);
        assert!(l.tactical.strength > 0.0 && l.tactical.treated >= MIN_TREATED);
        let g = l.geography();
        assert_eq!(g.learned_from.as_deref(), Some("2021-2024"));
        assert!(g.slope(Covariate::Leave, Party::LAB).is_some());
        assert!((0.0..=1.0).contains(&g.tactical.unwrap().strength));
    }
}
