//! Turning integer tallies into the reported summary: quantiles, probabilities, ratings.

use super::*;
use crate::baseline::Baseline;
use crate::engine::{SimModel, Tally};
use crate::party::{N_PARTIES, Party};
use crate::project::Projection;
use crate::report::{seat_map, share_map};
use crate::round::{prob, round6};
use crate::scenario::Scenario;
use crate::seats::Margin;

/// Smallest s with P(seats ≤ s) ≥ q (empirical quantile, inverse of the empirical CDF).
pub fn quantile(hist: &[u64], n: u64, q: f64) -> u32 {
    let need = (q * n as f64).ceil().max(1.0) as u64;
    let mut cum = 0;
    for (s, c) in hist.iter().enumerate() {
        cum += c;
        if cum >= need {
            return s as u32;
        }
    }
    hist.len().saturating_sub(1) as u32
}

/// Coalitions to tally: the scenario's (`[parliament] coalitions` or `--coalition`), then, unless
/// `auto_coalitions = false`, every pair among the five largest parties of the central projection except the two
/// largest together (a grand coalition is reported only when the scenario names it) and any pair with a party that
/// holds a majority alone in the central projection (that pair's odds would be mostly the party's own).
pub fn coalitions_for(scenario: &Scenario, central: &Projection) -> Vec<Vec<Party>> {
    let mut out: Vec<Vec<Party>> = scenario.parliament.coalitions.clone();
    if !scenario.parliament.auto_coalitions {
        return out;
    }
    let counts = central.seat_counts();
    let total = central.winners.len() as u32;
    let majority = scenario.parliament.thresholds(total).map_or(total / 2 + 1, |(m, _)| m);
    let mut order: Vec<Party> = Party::all().filter(|p| *p != Party::SPEAKER && counts[p.index()] > 0).collect();
    order.sort_by(|a, b| counts[b.index()].cmp(&counts[a.index()]).then(a.cmp(b)));
    order.truncate(5);
    // Only the largest party can hold a majority alone; then no automatic pair includes it.
    let alone = order.first().is_some_and(|p| counts[p.index()] >= majority);
    let same = |a: &[Party], b: &[Party]| a.len() == b.len() && a.iter().all(|p| b.contains(p));
    for i in usize::from(alone)..order.len() {
        for j in (i + 1..order.len()).filter(|&j| (i, j) != (0, 1)) {
            let pair = vec![order[i], order[j]];
            if !out.iter().any(|c| same(c, &pair)) {
                out.push(pair);
            }
        }
    }
    out
}

/// Builds the summary of a run.
pub fn build(
    baseline: &Baseline,
    scenario: &Scenario,
    m: &SimModel,
    central: &Projection,
    tally: &Tally,
    seed: u64,
) -> Summary {
    let n = tally.sims;
    let central_counts = central.seat_counts();
    let constituencies = seat_summaries(baseline, m, central, tally);
    let parties = party_summaries(m, &central_counts, &constituencies, tally);
    let outcomes = outcome_list(tally);
    let coalitions = coalition_summaries(m, &central_counts, tally);
    let regions = region_seats(baseline, central);
    Summary {
        format: FORMAT.into(),
        pns_version: env!("CARGO_PKG_VERSION").into(),
        scenario: ScenarioInfo {
            name: scenario.name.clone(),
            description: scenario.description.clone(),
            source: scenario.source.clone(),
            file: scenario.path.as_ref().map(|p| p.display().to_string()),
        },
        figures: FIGURES.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        baseline: baseline.name.clone(),
        model: scenario.model,
        scope: scenario.scope,
        sims: n,
        seed,
        chunk_size: crate::engine::CHUNK,
        uncertainty: uncertainty_info(scenario, m),
        majority: m.thresholds.majority,
        effective_majority: m.thresholds.effective_majority,
        total_seats: m.total_seats,
        national_shares: m.plan.national_target().map(|t| share_map(&t)).unwrap_or_default(),
        shares_given: scenario.shares.iter().map(|(p, _)| p.code().to_string()).collect(),
        central_seats: seat_map(&central_counts),
        median_parliament: median_parliament(&parties, m.total_seats),
        p_hung: prob(tally.hung, n),
        parties,
        outcomes,
        coalitions,
        regions,
        target_areas: scenario.regions.iter().map(|(a, _)| a.name().to_string()).collect(),
        charts: ChartSettings {
            names: scenario.output.charts.clone(),
            width: scenario.output.width,
            height: scenario.output.height,
            format: scenario.output.chart_format,
        },
        swing_sweep: sweep(baseline, &m.plan, central),
        constituencies,
        local: None,
        geography: m.plan.geography.is_some().then(|| scenario.geography.describe()),
        notes: vec![],
    }
}

/// Every party with a seat in a simulation or in the central projection, by mean seats (descending).
fn party_summaries(
    m: &SimModel,
    central_counts: &[u32; N_PARTIES],
    seats: &[SeatSummary],
    tally: &Tally,
) -> Vec<PartySummary> {
    let n = tally.sims;
    let width = m.total_seats as usize + 1;
    let mut parties: Vec<PartySummary> = Vec::new();
    for p in Party::all() {
        let hist = &tally.hist[p.index() * width..(p.index() + 1) * width];
        let total: u64 = hist.iter().enumerate().map(|(s, c)| s as u64 * c).sum();
        if total == 0 && central_counts[p.index()] == 0 {
            continue;
        }
        let min = hist.iter().position(|c| *c > 0).unwrap_or(0) as u32;
        let max = hist.iter().rposition(|c| *c > 0).unwrap_or(0) as u32;
        parties.push(PartySummary {
            party: p.code().to_string(),
            name: p.name().to_string(),
            central: central_counts[p.index()],
            mean: round6(total as f64 / n as f64),
            favourite_seats: seats.iter().filter(|c| c.favourite == p.code()).count() as u32,
            median: quantile(hist, n, 0.5),
            p5: quantile(hist, n, 0.05),
            p95: quantile(hist, n, 0.95),
            min,
            max,
            p_majority: prob(tally.majority[p.index()], n),
            p_effective_majority: prob(tally.effective[p.index()], n),
            p_largest: prob(tally.largest[p.index()], n),
            p_joint_largest: prob(tally.joint_largest[p.index()], n),
            histogram: hist[..=max as usize].to_vec(),
        });
    }
    parties.sort_by(|a, b| b.mean.total_cmp(&a.mean).then(a.party.cmp(&b.party)));
    parties
}

/// The outcomes that happened, most likely first.
fn outcome_list(tally: &Tally) -> Vec<Outcome> {
    let mut outcomes: Vec<Outcome> = Vec::new();
    for (i, &c) in tally.outcomes.iter().enumerate() {
        if c == 0 {
            continue;
        }
        let outcome = if i < N_PARTIES {
            format!("{} majority", Party::from_index(i))
        } else if i < 2 * N_PARTIES {
            format!("hung, {} largest", Party::from_index(i - N_PARTIES))
        } else {
            "hung, tie for largest".to_string()
        };
        outcomes.push(Outcome { outcome, probability: prob(c, tally.sims) });
    }
    outcomes.sort_by(|a, b| b.probability.total_cmp(&a.probability).then(a.outcome.cmp(&b.outcome)));
    outcomes
}

/// The tallied coalitions in the model's order.
fn coalition_summaries(m: &SimModel, central_counts: &[u32; N_PARTIES], tally: &Tally) -> Vec<CoalitionSummary> {
    m.thresholds
        .coalitions
        .iter()
        .enumerate()
        .map(|(c, ps)| CoalitionSummary {
            parties: ps.iter().map(|p| p.code().to_string()).collect(),
            central: ps.iter().map(|p| central_counts[p.index()]).sum(),
            p_majority: prob(tally.coalition_majority[c], tally.sims),
            p_effective_majority: prob(tally.coalition_effective[c], tally.sims),
        })
        .collect()
}

/// Seats of the central projection by region (regions with a seat).
fn region_seats(baseline: &Baseline, central: &Projection) -> Vec<RegionSeats> {
    let mut regions = Vec::new();
    for r in crate::geo::Region::ALL {
        let mut counts = [0u32; N_PARTIES];
        for (k, c) in baseline.seats.iter().enumerate() {
            if c.region == r {
                counts[central.winners[k].index()] += 1;
            }
        }
        if counts.iter().any(|c| *c > 0) {
            regions.push(RegionSeats {
                region: r.name().into(),
                nation: r.nation().name().into(),
                seats: seat_map(&counts),
            });
        }
    }
    regions
}

/// Every constituency of the baseline: win probabilities, favourite and rating (`fixed` for a seat the model does
/// not simulate, which keeps its central winner).
fn seat_summaries(baseline: &Baseline, m: &SimModel, central: &Projection, tally: &Tally) -> Vec<SeatSummary> {
    let mut constituencies = Vec::with_capacity(baseline.seats.len());
    let mut sim_index = vec![None; baseline.seats.len()];
    for (j, s) in m.seats.iter().enumerate() {
        sim_index[s.index] = Some(j);
    }
    for (k, c) in baseline.seats.iter().enumerate() {
        let (p_win, favourite, rating) = match sim_index[k] {
            Some(j) => seat_chances(&tally.wins[j * N_PARTIES..(j + 1) * N_PARTIES], tally.sims),
            None => {
                let w = central.winners[k];
                ([(w.code().to_string(), 1.0)].into_iter().collect(), w, "fixed")
            }
        };
        let margin = Margin::of(&central.shares[k], c.winner, c.valid_votes);
        constituencies.push(SeatSummary {
            code: c.code.clone(),
            name: c.name.clone(),
            region: c.region.name().into(),
            nation: c.nation.name().into(),
            baseline_winner: c.winner.code().into(),
            baseline_shares: share_map(&c.shares),
            central_winner: central.winners[k].code().into(),
            central_runner_up: margin.runner_up.map(|p| p.code().into()),
            central_majority: round6(margin.points),
            central_majority_votes: margin.votes.round() as u64,
            central_shares: share_map(&central.shares[k]),
            favourite: favourite.code().into(),
            p_win,
            rating: rating.into(),
        });
    }
    constituencies
}

/// A simulated seat's win probabilities, its favourite (the first party with the most wins) and its rating.
fn seat_chances(wins: &[u64], n: u64) -> (BTreeMap<String, f64>, Party, &'static str) {
    let mut fav = 0;
    for i in 1..N_PARTIES {
        if wins[i] > wins[fav] {
            fav = i;
        }
    }
    let p_fav = wins[fav] as f64 / n as f64;
    let rating = if p_fav >= 0.9 {
        "safe"
    } else if p_fav >= 0.8 {
        "likely"
    } else if p_fav >= 0.7 {
        "lean"
    } else {
        "tossup"
    };
    let map = Party::all()
        .filter(|p| wins[p.index()] > 0)
        .map(|p| (p.code().to_string(), prob(wins[p.index()], n)))
        .collect();
    (map, Party::from_index(fav), rating)
}

/// The scenario's uncertainty as reported, with the national σ of each party the model moves.
fn uncertainty_info(scenario: &Scenario, m: &SimModel) -> UncertaintyInfo {
    let u = &scenario.uncertainty;
    let national_parties: Vec<Party> = m.national.parties.clone();
    UncertaintyInfo {
        preset: u.preset.code().into(),
        national_sigma: national_parties.iter().map(|p| (p.code().to_string(), u.national_sigma_of(*p))).collect(),
        // The correlations that applied: a preset's pair applies only where the run moves both parties.
        correlations: u
            .correlations
            .iter()
            .filter(|(a, b, _)| national_parties.contains(a) && national_parties.contains(b))
            .map(|(a, b, r)| (format!("{a}-{b}"), *r))
            .collect(),
        regional_sigma: u.regional_sigma,
        regional_sigma_party: u.regional_sigma_party.iter().map(|(p, s)| (p.code().to_string(), *s)).collect(),
        constituency_scale: u.constituency_scale,
        constituency_floor: u.constituency_floor,
    }
}

/// Median seats per party, adjusted one seat at a time (towards each party's mean, largest gap first) until
/// they sum to the total.
fn median_parliament(parties: &[PartySummary], total: u32) -> BTreeMap<String, u32> {
    let mut seats: Vec<i64> = parties.iter().map(|p| p.median as i64).collect();
    let mut diff = total as i64 - seats.iter().sum::<i64>();
    while diff != 0 {
        let step = diff.signum();
        let mut best: Option<(usize, f64)> = None;
        for (i, p) in parties.iter().enumerate() {
            if step < 0 && seats[i] == 0 {
                continue;
            }
            let gap = (p.mean - seats[i] as f64) * step as f64;
            if best.is_none_or(|(_, g)| gap > g) {
                best = Some((i, gap));
            }
        }
        let Some((i, _)) = best else { break };
        seats[i] += step;
        diff -= step;
    }
    parties.iter().zip(seats).filter(|(_, s)| *s > 0).map(|(p, s)| (p.party.clone(), s as u32)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A central projection with these seats per party.
    fn central(seats: &[(Party, usize)]) -> Projection {
        let winners: Vec<Party> = seats.iter().flat_map(|(p, n)| std::iter::repeat_n(*p, *n)).collect();
        let n = winners.len();
        Projection { shares: vec![[0.0; N_PARTIES]; n], winners, moved: vec![true; n] }
    }

    #[test]
    fn automatic_pairs_leave_out_the_two_largest_together() {
        let c = central(&[
            (Party::LAB, 300),
            (Party::CON, 250),
            (Party::LD, 40),
            (Party::SNP, 30),
            (Party::GREEN, 5),
            (Party::PC, 4),
            (Party::SPEAKER, 1),
        ]);
        let mut s = Scenario::default();
        let pairs = coalitions_for(&s, &c);
        // C(5, 2) = 10 pairs among lab, con, ld, snp, green, less lab+con; never PC (sixth) or the Speaker.
        assert_eq!(pairs.len(), 9);
        assert!(!pairs.iter().any(|p| p.contains(&Party::LAB) && p.contains(&Party::CON)));
        assert!(!pairs.iter().flatten().any(|p| [Party::PC, Party::SPEAKER].contains(p)));
        assert_eq!(pairs[0], vec![Party::LAB, Party::LD]);
        // Named, the grand coalition is reported, first and once; a named pair is not repeated in another order.
        s.parliament.coalitions = vec![vec![Party::CON, Party::LAB], vec![Party::LD, Party::LAB]];
        let named = coalitions_for(&s, &c);
        assert_eq!(&named[..2], &s.parliament.coalitions[..]);
        assert_eq!(named.len(), 2 + 8);
        // auto_coalitions = false: only the named ones.
        s.parliament.auto_coalitions = false;
        assert_eq!(coalitions_for(&s, &c), s.parliament.coalitions);
    }

    #[test]
    fn automatic_pairs_leave_out_a_party_with_a_majority_alone() {
        let c = central(&[(Party::REFORM, 364), (Party::LD, 83), (Party::LAB, 80), (Party::SNP, 45), (Party::CON, 33)]);
        let pairs = coalitions_for(&Scenario::default(), &c);
        // Reform holds 364 of 605 seats alone: the pairs are the C(4, 2) = 6 among LD, Lab, SNP and Con.
        assert!(!pairs.iter().flatten().any(|p| *p == Party::REFORM), "{pairs:?}");
        assert_eq!(pairs.len(), 6);
        // One seat short of a majority (303 of 605), it pairs again.
        let c =
            central(&[(Party::REFORM, 302), (Party::LD, 145), (Party::LAB, 80), (Party::SNP, 45), (Party::CON, 33)]);
        assert!(coalitions_for(&Scenario::default(), &c).iter().flatten().any(|p| *p == Party::REFORM));
    }

    #[test]
    fn empirical_quantiles() {
        // 10 sims: seats 0,1,1,2,2,2,3,3,3,3
        let hist = [1, 2, 3, 4];
        assert_eq!(quantile(&hist, 10, 0.05), 0);
        assert_eq!(quantile(&hist, 10, 0.1), 0);
        assert_eq!(quantile(&hist, 10, 0.11), 1);
        assert_eq!(quantile(&hist, 10, 0.5), 2);
        assert_eq!(quantile(&hist, 10, 0.95), 3);
    }
}
