//! Projected national share from ward-level local results: key wards, stratified change, chaining, bootstrap.
//!
//! The method is documented with its formulas in `docs/estimate.md`; [`method`] holds the estimator itself.

pub mod bootstrap;
pub mod chain;
pub mod geography;
pub mod lookup;
pub mod method;
pub mod published;
pub mod wards;

use crate::error::InputError;
use crate::geo::Region;
use crate::party::Party;
use lookup::{Councils, Kind};
use method::{Design, Group};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;
use wards::{WARD_PARTIES, WardFile};

/// The parties estimated from the ward results, in output order; "other" is the remainder to 100.
pub const ESTIMATED: [Party; 6] = [Party::CON, Party::LAB, Party::LD, Party::GREEN, Party::REFORM, Party::IND];

/// Default key parties: the broadcasters' full-candidature rule.
pub const DEFAULT_KEY_PARTIES: [Party; 3] = [Party::CON, Party::LAB, Party::LD];

/// Default number of bootstrap resamples.
pub const DEFAULT_BOOTSTRAP: u64 = 2000;

/// Default bootstrap seed.
pub const DEFAULT_SEED: u64 = 1982;

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

/// Settings of an estimate.
#[derive(Clone, Debug, PartialEq)]
pub struct EstimateOptions {
    /// A ward qualifies if every key party stood at both contests.
    pub key_parties: Vec<Party>,
    /// Bootstrap resamples (0: no interval).
    pub bootstrap: u64,
    pub seed: u64,
    /// Override of the earlier year's PNS, fractions; parties not given keep the published figure.
    pub baseline_pns: Option<Vec<(Party, f64)>>,
}

impl Default for EstimateOptions {
    fn default() -> Self {
        EstimateOptions {
            key_parties: DEFAULT_KEY_PARTIES.to_vec(),
            bootstrap: DEFAULT_BOOTSTRAP,
            seed: DEFAULT_SEED,
            baseline_pns: None,
        }
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
    /// 90 % bootstrap interval (equal to `pns` without a bootstrap).
    pub lo90: f64,
    pub hi90: f64,
    /// Bootstrap standard deviation.
    pub sd: f64,
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
    wards::SHIPPED.iter().map(|(label, _)| estimate_shipped(label, &opts)).collect()
}

/// Checks a key-party list: non-empty, no repeats, each one of the estimated parties.
pub fn check_key_parties(parties: &[Party]) -> Result<(), String> {
    if parties.is_empty() {
        return Err("no key parties: expected e.g. con,lab,ld".into());
    }
    for (i, p) in parties.iter().enumerate() {
        if !ESTIMATED.contains(p) {
            return Err(format!("'{p}' cannot be a key party: expected some of {}", estimated_codes()));
        }
        if parties[..i].contains(p) {
            return Err(format!("'{p}' is given twice"));
        }
    }
    Ok(())
}

fn estimated_codes() -> String {
    ESTIMATED.iter().map(|p| p.code()).collect::<Vec<_>>().join(", ")
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

/// Switches of the method, for the sensitivity analysis in `docs/estimate.md`; the default is the method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Variant {
    /// Strata are region × kind of authority (`false`: region only).
    pub by_kind: bool,
    /// Adjust for the council Leave share.
    pub leave: bool,
    /// Clamp the Leave share to the sample's range.
    pub clamp: bool,
    /// Shrink stratum effects towards the national model.
    pub shrink: bool,
    /// Weight wards by their size (`false`: every ward alike).
    pub size_weights: bool,
}

impl Default for Variant {
    fn default() -> Self {
        Variant { by_kind: true, leave: true, clamp: true, shrink: true, size_weights: true }
    }
}

/// Estimates the PNS from a parsed ward-pair file.
pub fn estimate_wards(file: &WardFile, opts: &EstimateOptions) -> Result<Estimate, InputError> {
    estimate_variant(file, opts, Variant::default())
}

/// Estimates the PNS with a variant of the method (see [`Variant`]).
pub fn estimate_variant(file: &WardFile, opts: &EstimateOptions, variant: Variant) -> Result<Estimate, InputError> {
    check_key_parties(&opts.key_parties).map_err(|m| InputError::new("--key-parties", m))?;
    let available: Vec<Party> =
        ESTIMATED.iter().copied().filter(|p| columns_of(*p).iter().any(|&k| file.has_party[k])).collect();
    for p in &opts.key_parties {
        if !available.contains(p) {
            let col = WARD_PARTIES[columns_of(*p)[0]];
            return Err(InputError::new(
                &file.file,
                format!("missing column: key party '{p}' needs earlier_{col} and later_{col}"),
            )
            .at_line(1)
            .field(format!("earlier_{col}")));
        }
    }
    let councils = Councils::shipped();
    // Population strata of the variant: index `t` into `pop`, and the map from the council table's strata.
    let (pop, pop_of): (Vec<lookup::PopulationStratum>, Vec<usize>) = if variant.by_kind {
        (councils.strata.clone(), (0..councils.strata.len()).collect())
    } else {
        let mut pop: Vec<lookup::PopulationStratum> = Vec::new();
        let mut map = Vec::new();
        for s in &councils.strata {
            let merged = lookup::Stratum { region: s.stratum.region, kind: Kind::Nation };
            let i = match pop.iter().position(|p| p.stratum == merged) {
                Some(i) => {
                    let p = &mut pop[i];
                    p.leave = (p.leave * p.electorate + s.leave * s.electorate) / (p.electorate + s.electorate);
                    p.electorate += s.electorate;
                    i
                }
                None => {
                    pop.push(lookup::PopulationStratum { stratum: merged, ..s.clone() });
                    pop.len() - 1
                }
            };
            map.push(i);
        }
        (pop, map)
    };

    // Key wards, with the first reason each other ward fails.
    let mut dropped: Vec<Dropped> = Vec::new();
    let mut key: Vec<(usize, usize)> = Vec::new(); // (ward index, population stratum)
    for (i, w) in file.wards.iter().enumerate() {
        let council = councils.of_ward(file, w)?;
        let reason = opts.key_parties.iter().find_map(|&p| {
            if !stood(&w.earlier, p) {
                Some(format!("{p} did not stand at the earlier contest"))
            } else if !stood(&w.later, p) {
                Some(format!("{p} did not stand at the later contest"))
            } else {
                None
            }
        });
        match reason {
            Some(r) => match dropped.iter_mut().find(|d| d.reason == r) {
                Some(d) => d.wards += 1,
                None => dropped.push(Dropped { reason: r, wards: 1 }),
            },
            None => key.push((i, pop_of[councils.stratum_index(councils.stratum_of(council))])),
        }
    }
    let key_list = opts.key_parties.iter().map(|p| p.code()).collect::<Vec<_>>().join(", ");
    if key.is_empty() {
        let reasons: Vec<String> = dropped.iter().map(|d| format!("{}: {}", d.reason, d.wards)).collect();
        return Err(InputError::new(
            &file.file,
            format!(
                "no qualifying key wards: none of the {} wards had all of {key_list} standing at both contests ({}); \
                 expected at least one",
                file.wards.len(),
                reasons.join("; ")
            ),
        )
        .field("key_parties"));
    }
    dropped.sort_by(|a, b| b.wards.cmp(&a.wards).then(a.reason.cmp(&b.reason)));
    key.sort_by_key(|&(i, s)| (s, i));

    // The design: columns 2k (change) and 2k + 1 (earlier level) of every available party k.
    let mut groups: Vec<Group> = Vec::new();
    for (pos, &(_, s)) in key.iter().enumerate() {
        match groups.last_mut() {
            Some(g) if g.stratum == s => g.end = pos + 1,
            _ => groups.push(Group { stratum: s, start: pos, end: pos + 1 }),
        }
    }
    let ward = |pos: usize| &file.wards[key[pos].0];
    let mut y = Vec::with_capacity(2 * available.len());
    for &p in &available {
        y.push((0..key.len()).map(|k| share(&ward(k).later, p) - share(&ward(k).earlier, p)).collect::<Vec<_>>());
        y.push((0..key.len()).map(|k| share(&ward(k).earlier, p)).collect());
    }
    let design =
        Design {
            electorate: pop.iter().map(|s| s.electorate).collect(),
            leave: pop.iter().map(|s| if variant.leave { s.leave } else { 0.5 }).collect(),
            groups,
            x: (0..key.len())
                .map(|k| {
                    if variant.leave { councils.get(&ward(k).council_code).expect("resolved above").leave } else { 0.5 }
                })
                .collect(),
            v: (0..key.len()).map(|k| if variant.size_weights { ward(k).earlier.total } else { 1.0 }).collect(),
            y,
            shrink: variant.shrink,
            clamp: variant.clamp,
        };

    // Baselines: user > published > estimated level (not allowed for con, lab, ld).
    let (earlier_year, later_year) = file.years.map_or((None, None), |(a, b)| (Some(a), Some(b)));
    let user = user_baselines(opts.baseline_pns.as_deref())?;
    let published_earlier = earlier_year.and_then(published::published);
    let published_later = later_year.and_then(published::published);
    let mut baseline: Vec<(Option<f64>, BaselineSource)> = Vec::new();
    for &p in &available {
        let b = if let Some(v) = user.iter().find(|(q, _)| *q == p).map(|(_, v)| *v) {
            (Some(v), BaselineSource::User)
        } else if let Some(v) = published_earlier.and_then(|pp| pp.share(p)) {
            (Some(v), BaselineSource::Published)
        } else if DEFAULT_KEY_PARTIES.contains(&p) {
            let year = earlier_year
                .map_or("the earlier contest (the file has no `pair` column)".to_string(), |y| format!("{y}"));
            return Err(InputError::new(
                "--baseline-pns",
                format!("no published PNS for {year}: expected --baseline-pns con=PCT,lab=PCT,ld=PCT"),
            )
            .field(p.code()));
        } else {
            (None, BaselineSource::Estimated)
        };
        baseline.push(b);
    }
    if let Some((p, _)) = user.iter().find(|(p, _)| !available.contains(p)) {
        return Err(InputError::new(
            "--baseline-pns",
            format!("'{p}' is not among the parties estimated from this file: expected some of {}", {
                available.iter().map(|p| p.code()).collect::<Vec<_>>().join(", ")
            }),
        )
        .field(p.code()));
    }

    // Column totals → PNS of every available party, then other.
    let n_out = available.len() + 1;
    let transform = |totals: &[f64], out: &mut [f64]| {
        let mut named = 0.0;
        for k in 0..available.len() {
            let base = baseline[k].0.unwrap_or(totals[2 * k + 1]);
            out[k] = (base + totals[2 * k]).max(0.0);
            named += out[k];
        }
        out[available.len()] = (100.0 - named).max(0.0);
    };
    let fits = design.fit();
    let totals: Vec<f64> = fits.iter().map(|f| f.total).collect();
    let mut point = vec![0.0; n_out];
    transform(&totals, &mut point);
    let naive_totals: Vec<f64> =
        design.y.iter().map(|col| col.iter().sum::<f64>() / col.len() as f64).collect::<Vec<_>>();
    let mut naive = vec![0.0; n_out];
    transform(&naive_totals, &mut naive);
    let spreads = bootstrap::bootstrap(&design, opts.bootstrap, opts.seed, n_out, transform);

    let base_of = |k: usize| baseline[k].0.unwrap_or(totals[2 * k + 1]);
    let named_base: f64 = (0..available.len()).map(base_of).sum();
    let mut parties = Vec::with_capacity(n_out);
    for k in 0..n_out {
        let (party, base, source, published) = if k < available.len() {
            let p = available[k];
            (p, base_of(k), baseline[k].1, published_later.and_then(|pp| pp.share(p)))
        } else {
            (Party::OTHER, (100.0 - named_base).max(0.0), BaselineSource::Remainder, None)
        };
        let s = spreads[k];
        let (lo90, hi90) = if opts.bootstrap == 0 { (point[k], point[k]) } else { (s.lo90, s.hi90) };
        parties.push(PartyEstimate {
            party,
            pns: r4(point[k]),
            lo90: r4(lo90),
            hi90: r4(hi90),
            sd: r4(s.sd),
            change: r4(point[k] - base),
            published,
            baseline_pns: r4(base),
            baseline_source: source,
            naive: r4(naive[k]),
        });
    }

    // Region and stratum tables (changes of the available parties).
    let gb = councils.gb_electorate();
    let mut strata = Vec::new();
    for (t, s) in pop.iter().enumerate() {
        let n = key.iter().filter(|&&(_, st)| st == t).count();
        strata.push(StratumChange {
            region: s.stratum.region.name().to_string(),
            kind: s.stratum.kind,
            key_wards: n,
            electorate: s.electorate,
            leave: r4(100.0 * s.leave),
            change: available
                .iter()
                .enumerate()
                .map(|(k, p)| (p.code().to_string(), r4(fits[2 * k].by_stratum[t])))
                .collect(),
        });
    }
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
    let model = available
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
        .collect();

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
        .zip(&baseline)
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
    let key_councils = {
        let mut c: Vec<&str> = key.iter().map(|&(i, _)| file.wards[i].council_code.as_str()).collect();
        c.sort_unstable();
        c.dedup();
        c.len()
    };
    let pair = file.pair.clone().unwrap_or_else(|| file.file.clone());
    Ok(Estimate {
        description: wards::describe(&pair).to_string(),
        pair,
        source: file.file.clone(),
        earlier_year,
        later_year,
        key_parties: opts.key_parties.clone(),
        wards: file.wards.len(),
        key_wards: key.len(),
        key_councils,
        dropped,
        parties,
        regions,
        strata,
        model,
        bootstrap: opts.bootstrap,
        seed: opts.seed,
        notes,
    })
}

/// Validates `--baseline-pns` (fractions) and converts to percent; UKIP stands for the Reform lineage.
fn user_baselines(given: Option<&[(Party, f64)]>) -> Result<Vec<(Party, f64)>, InputError> {
    let mut out: Vec<(Party, f64)> = Vec::new();
    for &(p, v) in given.unwrap_or(&[]) {
        let p = if p == Party::UKIP || p == Party::BREXIT { Party::REFORM } else { p };
        let err = |m: String| InputError::new("--baseline-pns", m).field(p.code());
        if !ESTIMATED.contains(&p) {
            return Err(err(format!(
                "'{p}' is not estimated from local results: expected some of {}",
                estimated_codes()
            )));
        }
        if !v.is_finite() || !(0.0..=1.0).contains(&v) {
            return Err(err(format!("share {} is out of range: expected a percentage from 0 to 100", v * 100.0)));
        }
        if out.iter().any(|(q, _)| *q == p) {
            return Err(err(format!("'{p}' is given twice")));
        }
        out.push((p, v * 100.0));
    }
    let sum: f64 = out.iter().map(|(_, v)| v).sum();
    if sum > 100.0 + 1e-9 {
        return Err(InputError::new("--baseline-pns", format!("shares sum to {sum}: expected at most 100")));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_party_rules() {
        assert!(check_key_parties(&[Party::CON, Party::LAB]).is_ok());
        assert!(check_key_parties(&[]).is_err());
        assert!(check_key_parties(&[Party::SNP]).unwrap_err().contains("cannot be a key party"));
        assert!(check_key_parties(&[Party::CON, Party::CON]).unwrap_err().contains("twice"));
    }

    #[test]
    fn user_baselines_map_ukip_to_reform_and_check_sums() {
        let b = user_baselines(Some(&[(Party::CON, 0.3), (Party::UKIP, 0.12)])).unwrap();
        assert_eq!(b, vec![(Party::CON, 30.0), (Party::REFORM, 12.0)]);
        assert!(user_baselines(Some(&[(Party::CON, 0.6), (Party::LAB, 0.6)])).is_err());
        assert!(user_baselines(Some(&[(Party::SNP, 0.1)])).is_err());
    }

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
