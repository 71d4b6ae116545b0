//! One estimate, step by step: the key wards, the design, the baselines, the fits and bootstrap, the assembled result.

use super::baselines::{self, Chosen};
use super::lookup::{self, Councils, Kind, PopulationStratum};
use super::method::{ColumnFit, Design, Group};
use super::wards::{self, WARD_PARTIES, Ward, WardFile};
use super::{
    BaselineSource, Dropped, ESTIMATED, Estimate, EstimateOptions, PartyEstimate, bootstrap, breakdown,
    check_key_parties, columns_of, published, r4, share, stood,
};
use crate::error::InputError;
use crate::party::Party;

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

/// A key ward: its index in the file and its population stratum.
type KeyWard = (usize, usize);

/// Estimates the PNS with a variant of the method (see [`Variant`]).
pub fn estimate_variant(file: &WardFile, opts: &EstimateOptions, variant: Variant) -> Result<Estimate, InputError> {
    check_key_parties(&opts.key_parties).map_err(|m| InputError::new("--key-parties", m))?;
    let available = available_parties(file, &opts.key_parties)?;
    let councils = Councils::shipped();
    let (pop, pop_of) = population(councils, variant.by_kind);
    let (key, dropped) = key_wards(file, councils, &pop_of, &opts.key_parties)?;
    let design = design(file, councils, &pop, &key, &available, variant);
    let (earlier_year, later_year) = file.years.map_or((None, None), |(a, b)| (Some(a), Some(b)));
    let baseline = baselines::choose(&available, earlier_year, opts.baseline_pns.as_deref())?;
    let fits = design.fit();
    let parties = party_estimates(&design, &fits, &available, &baseline, opts, later_year);
    let strata = breakdown::strata(&pop, &key, &fits, &available);
    let regions = breakdown::regions(&pop, &key, &design, &fits, &available, councils.gb_electorate());
    let notes = breakdown::notes(&regions, &available, &baseline);
    let pair = file.pair.clone().unwrap_or_else(|| file.file.clone());
    let estimate = Estimate {
        description: wards::describe(&pair).to_string(),
        pair,
        source: file.file.clone(),
        earlier_year,
        later_year,
        key_parties: opts.key_parties.clone(),
        wards: file.wards.len(),
        key_wards: key.len(),
        key_councils: key_councils(file, &key),
        dropped,
        parties,
        regions,
        strata,
        model: breakdown::model(&fits, &available),
        bootstrap: opts.bootstrap,
        seed: opts.seed,
        validation: None,
        notes,
    };
    crate::output::finite::ensure(&estimate, &file.file, "the estimate")?;
    Ok(estimate)
}

/// The estimated parties the file has columns for; every key party must be one of them.
fn available_parties(file: &WardFile, key_parties: &[Party]) -> Result<Vec<Party>, InputError> {
    let available: Vec<Party> =
        ESTIMATED.iter().copied().filter(|p| columns_of(*p).iter().any(|&k| file.has_party[k])).collect();
    for p in key_parties {
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
    Ok(available)
}

/// The population strata of the variant, and the index among them of each stratum of the council table: the
/// table's own strata, or (not `by_kind`) one per region, electorate-weighting the Leave shares.
fn population(councils: &Councils, by_kind: bool) -> (Vec<PopulationStratum>, Vec<usize>) {
    if by_kind {
        return (councils.strata.clone(), (0..councils.strata.len()).collect());
    }
    let mut pop: Vec<PopulationStratum> = Vec::new();
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
                pop.push(PopulationStratum { stratum: merged, ..s.clone() });
                pop.len() - 1
            }
        };
        map.push(i);
    }
    (pop, map)
}

/// The key wards, sorted by stratum then ward, and the other wards counted by the first reason each fails.
fn key_wards(
    file: &WardFile,
    councils: &Councils,
    pop_of: &[usize],
    key_parties: &[Party],
) -> Result<(Vec<KeyWard>, Vec<Dropped>), InputError> {
    let mut dropped: Vec<Dropped> = Vec::new();
    let mut key: Vec<KeyWard> = Vec::new();
    for (i, w) in file.wards.iter().enumerate() {
        let council = councils.of_ward(file, w)?;
        match failure(w, key_parties) {
            Some(r) => match dropped.iter_mut().find(|d| d.reason == r) {
                Some(d) => d.wards += 1,
                None => dropped.push(Dropped { reason: r, wards: 1 }),
            },
            None => key.push((i, pop_of[councils.stratum_index(councils.stratum_of(council))])),
        }
    }
    if key.is_empty() {
        let key_list = key_parties.iter().map(|p| p.code()).collect::<Vec<_>>().join(", ");
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
    Ok((key, dropped))
}

/// Why a ward is not a key ward: the first key party that did not stand at one of the contests.
fn failure(w: &Ward, key_parties: &[Party]) -> Option<String> {
    key_parties.iter().find_map(|&p| {
        if !stood(&w.earlier, p) {
            Some(format!("{p} did not stand at the earlier contest"))
        } else if !stood(&w.later, p) {
            Some(format!("{p} did not stand at the later contest"))
        } else {
            None
        }
    })
}

/// The design: columns 2k (change) and 2k + 1 (earlier level) of every available party k, over the key wards.
fn design(
    file: &WardFile,
    councils: &Councils,
    pop: &[PopulationStratum],
    key: &[KeyWard],
    available: &[Party],
    variant: Variant,
) -> Design {
    let mut groups: Vec<Group> = Vec::new();
    for (pos, &(_, s)) in key.iter().enumerate() {
        match groups.last_mut() {
            Some(g) if g.stratum == s => g.end = pos + 1,
            _ => groups.push(Group { stratum: s, start: pos, end: pos + 1 }),
        }
    }
    let ward = |pos: usize| &file.wards[key[pos].0];
    let mut y = Vec::with_capacity(2 * available.len());
    for &p in available {
        y.push((0..key.len()).map(|k| share(&ward(k).later, p) - share(&ward(k).earlier, p)).collect::<Vec<_>>());
        y.push((0..key.len()).map(|k| share(&ward(k).earlier, p)).collect());
    }
    let leave_of = |k: usize| councils.get(&ward(k).council_code).expect("resolved above").leave;
    Design {
        electorate: pop.iter().map(|s| s.electorate).collect(),
        leave: pop.iter().map(|s| if variant.leave { s.leave } else { 0.5 }).collect(),
        groups,
        x: (0..key.len()).map(|k| if variant.leave { leave_of(k) } else { 0.5 }).collect(),
        v: (0..key.len()).map(|k| if variant.size_weights { ward(k).earlier.total } else { 1.0 }).collect(),
        y,
        shrink: variant.shrink,
        clamp: variant.clamp,
    }
}

/// Column totals → PNS of every available party (its baseline, or its estimated earlier level, plus its change),
/// then other as the remainder.
fn chain(baseline: &[Chosen], totals: &[f64], out: &mut [f64]) {
    let mut named = 0.0;
    for k in 0..baseline.len() {
        let base = baseline[k].0.unwrap_or(totals[2 * k + 1]);
        out[k] = (base + totals[2 * k]).max(0.0);
        named += out[k];
    }
    out[baseline.len()] = (100.0 - named).max(0.0);
}

/// Every party's estimate: the point estimate, the naive one and the bootstrap interval, then other.
fn party_estimates(
    design: &Design,
    fits: &[ColumnFit],
    available: &[Party],
    baseline: &[Chosen],
    opts: &EstimateOptions,
    later_year: Option<u16>,
) -> Vec<PartyEstimate> {
    let published_later = later_year.and_then(published::published);
    let n_out = available.len() + 1;
    let transform = |totals: &[f64], out: &mut [f64]| chain(baseline, totals, out);
    let totals: Vec<f64> = fits.iter().map(|f| f.total).collect();
    let mut point = vec![0.0; n_out];
    transform(&totals, &mut point);
    let naive_totals: Vec<f64> =
        design.y.iter().map(|col| col.iter().sum::<f64>() / col.len() as f64).collect::<Vec<_>>();
    let mut naive = vec![0.0; n_out];
    transform(&naive_totals, &mut naive);
    let spreads = bootstrap::bootstrap(design, opts.bootstrap, opts.seed, n_out, transform);

    let base_of = |k: usize| baseline[k].0.unwrap_or(totals[2 * k + 1]);
    let named_base: f64 = (0..available.len()).map(base_of).sum();
    (0..n_out)
        .map(|k| {
            let (party, base, source, published) = if k < available.len() {
                let p = available[k];
                (p, base_of(k), baseline[k].1, published_later.and_then(|pp| pp.share(p)))
            } else {
                (Party::OTHER, (100.0 - named_base).max(0.0), BaselineSource::Remainder, None)
            };
            let s = spreads[k];
            let (lo90, hi90) = if opts.bootstrap == 0 { (point[k], point[k]) } else { (s.lo90, s.hi90) };
            PartyEstimate {
                party,
                pns: r4(point[k]),
                sampling_lo90: r4(lo90),
                sampling_hi90: r4(hi90),
                sampling_sd: r4(s.sd),
                validation_lo90: None,
                validation_hi90: None,
                change: r4(point[k] - base),
                published,
                baseline_pns: r4(base),
                baseline_source: source,
                naive: r4(naive[k]),
            }
        })
        .collect()
}

/// Number of councils the key wards lie in.
fn key_councils(file: &WardFile, key: &[KeyWard]) -> usize {
    let mut c: Vec<&str> = key.iter().map(|&(i, _)| file.wards[i].council_code.as_str()).collect();
    c.sort_unstable();
    c.dedup();
    c.len()
}
