//! Probabilistic scores of a backtest case: simulate the case with the Monte Carlo engine and score the per-seat
//! win probabilities and the seat intervals against what really happened.

use super::case::{Case, SwingBy};
use super::pair::Pair;
use crate::engine::{CHUNK, SimModel, simulate};
use crate::error::InputError;
use crate::geo::{N_REGIONS, Region};
use crate::party::{N_PARTIES, Party};
use crate::project::Projection;
pub use crate::round::prob;
use crate::round::round6;
use crate::scenario::{Preset, Uncertainty};
use crate::summary::quantile;
use serde::Serialize;

/// How a backtest simulates: the settings and the uncertainty, recorded in the report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Simulation {
    /// Simulations per case.
    pub sims: u64,
    /// Every case uses this seed, so a case run alone gives the same numbers as in `--all`.
    pub seed: u64,
    /// Simulations per random stream (results depend on seed and chunk size, never on threads).
    pub chunk_size: u64,
    /// σ in points. `national_sigma` is the error of the inputs (0 by default: a backtest gives the actual
    /// shares); see [`Simulation::layers`] for how each layer is applied.
    pub uncertainty: Uncertainty,
    /// How the layers are applied in a backtest, in words.
    pub layers: Vec<&'static str>,
}

/// The rules of the noise layers in a backtest.
pub const LAYERS: [&str; 4] = [
    "national: the error of the shares an analyst would have (a PNS or a poll); a backtest gives the model the \
        actual shares, so it is 0 unless set; when set it applies, as in a what-if scenario, to Con, Lab, LD, \
        Green and the UKIP/Brexit/Reform series (SNP and Plaid Cymru are held and independents and others absorb \
        the rest in a what-if scenario, so they take none)",
    "regional: how far each region departs from the change the model is given; off in the regions whose actual \
        shares the case gives (every region when swinging by region; Scotland and Wales when swinging by nation), \
        on elsewhere",
    "constituency: how far each seat departs from the model, on in every seat",
    "coverage: the actual seat total of a party is covered by an interval if it lies within it, ends included; \
        intervals are the empirical 25–75 % and 5–95 % quantiles of the simulated totals (the smallest s with \
        P(seats ≤ s) ≥ q); a party is scored if it won a seat at either election or in the deterministic projection",
];

impl Simulation {
    /// Settings with the what-if preset's regional and constituency layers and no national error.
    pub fn new(sims: u64, seed: u64) -> Simulation {
        let mut uncertainty = Uncertainty::preset(Preset::WhatIf);
        uncertainty.national_sigma = 0.0;
        Simulation::with_uncertainty(sims, seed, uncertainty)
    }

    pub fn with_uncertainty(sims: u64, seed: u64, uncertainty: Uncertainty) -> Simulation {
        Simulation { sims, seed, chunk_size: CHUNK, uncertainty, layers: LAYERS.to_vec() }
    }

    /// The uncertainty of one pair: the national error only on the parties a what-if scenario names.
    fn uncertainty_for(&self, pair: &Pair) -> Uncertainty {
        let mut u = self.uncertainty.clone();
        let named = [Party::CON, Party::LAB, Party::LD, Party::GREEN, pair.lineage.series];
        u.national_sigma_party = Party::all()
            .map(|p| (p, if named.contains(&p) { self.uncertainty.national_sigma_of(p) } else { 0.0 }))
            .collect();
        u
    }
}

/// Regions whose shares a case gives: their regional error is not a model error, so it is off.
fn known_regions(swing_by: SwingBy) -> Vec<Region> {
    match swing_by {
        SwingBy::Gb => vec![],
        SwingBy::Nation => vec![Region::Scotland, Region::Wales],
        SwingBy::Region => Region::ALL.to_vec(),
    }
}

/// The bins of the calibration table: exactly 0, (0, 0.1), [0.1, 0.2), …, [0.9, 1), exactly 1.
pub const BINS: usize = 12;

fn bin_of(p: f64) -> usize {
    if p <= 0.0 {
        0
    } else if p >= 1.0 {
        BINS - 1
    } else {
        1 + ((p * 10.0).floor() as usize).min(9)
    }
}

fn bin_bounds(b: usize) -> (f64, f64, String) {
    match b {
        0 => (0.0, 0.0, "0".into()),
        1 => (0.0, 0.1, "(0, 0.1)".into()),
        b if b == BINS - 1 => (1.0, 1.0, "1".into()),
        b => {
            let lo = (b - 1) as f64 / 10.0;
            let hi = b as f64 / 10.0;
            (lo, hi, format!("[{lo:.1}, {hi:.1})"))
        }
    }
}

/// Interval coverage of one party's seat total.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Coverage {
    pub party: Party,
    pub actual: u32,
    /// Seats in the deterministic projection.
    pub central: u32,
    pub mean: f64,
    pub median: u32,
    /// Central 50 % interval: 25th and 75th percentiles.
    pub interval50: [u32; 2],
    /// Central 90 % interval: 5th and 95th percentiles.
    pub interval90: [u32; 2],
    pub in50: bool,
    pub in90: bool,
}

/// One bin of the calibration table, over (seat, party) pairs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CalibrationBin {
    pub bin: String,
    /// Bounds of the predicted win probability (equal for the exact bins 0 and 1).
    pub lo: f64,
    pub hi: f64,
    /// (seat, party) pairs in the bin.
    pub count: u64,
    /// How many of them the party really won.
    pub won: u64,
    /// Mean predicted win probability in the bin.
    pub mean_predicted: f64,
    /// won / count.
    pub observed: f64,
}

/// Probabilistic scores of a case (Monte Carlo).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProbabilisticScores {
    pub sims: u64,
    pub seed: u64,
    /// Multi-category Brier score: mean over seats of Σ over parties of (p − won)², won = 1 for the actual
    /// winner, else 0. 0 is perfect; 2 is certain and wrong everywhere.
    pub brier: f64,
    /// Mean over seats of −ln p(actual winner), with p clipped below at [`ProbabilisticScores::clip`].
    pub log_loss: f64,
    /// 1/(2·sims): the probability given to a winner never seen in the simulations, so that a single
    /// unforeseen seat costs ln(2·sims) and not infinity.
    pub clip: f64,
    /// Seats whose favourite (the party winning most often in the simulations; ties to the deterministic
    /// winner) lost.
    pub favourite_wrong: u32,
    /// Σ over seats of (1 − p(favourite)): how many favourites the simulations expected to lose. Calibrated
    /// probabilities give about `favourite_wrong`; fewer means overconfidence.
    pub expected_wrong: f64,
    /// Seats whose actual winner never won in the simulations.
    pub unforeseen: u32,
    /// Parties scored for coverage, and how many of their seat totals the intervals covered.
    pub scored: u32,
    pub covered50: u32,
    pub covered90: u32,
    /// Per party that won a seat at either election or in the deterministic projection (the same parties
    /// whatever the σ), most actual seats first.
    pub coverage: Vec<Coverage>,
    /// Predicted win probability against the observed frequency, over every (seat, party) pair where the party
    /// stood at either election.
    pub calibration: Vec<CalibrationBin>,
}

/// Simulated counts of one case: per compared seat, how often each party won; per party, the seat histogram.
#[derive(Clone, Debug)]
pub struct Counts {
    pub sims: u64,
    /// `wins[k][p]`, k in the pair's seat order.
    pub wins: Vec<[u64; N_PARTIES]>,
    /// `hist[p * (seats + 1) + s]`: simulations in which party p won s seats.
    pub hist: Vec<u64>,
}

/// Simulates a case. Every compared seat is moved by the model; a seat that is not would keep its deterministic
/// winner in every simulation.
pub fn simulate_case(
    pair: &Pair,
    case: &Case,
    projection: &Projection,
    sim: &Simulation,
) -> Result<Counts, InputError> {
    let mut scenario = case.scenario.clone();
    scenario.uncertainty = sim.uncertainty_for(pair);
    let mut model = SimModel::new(&pair.base, &scenario, &case.plan, projection, vec![])?;
    for r in known_regions(case.swing_by) {
        model.regional_sigma[r.index()] = [0.0; N_PARTIES];
    }
    model.regional_active = model.regional_sigma.iter().flatten().any(|s| *s > 0.0);
    debug_assert_eq!(model.regional_sigma.len(), N_REGIONS);
    let tally = simulate(&model, sim.sims, sim.seed, &|_| {});
    let mut wins: Vec<[u64; N_PARTIES]> = projection
        .winners
        .iter()
        .map(|w| {
            let mut row = [0u64; N_PARTIES];
            row[w.index()] = tally.sims;
            row
        })
        .collect();
    for (j, seat) in model.seats.iter().enumerate() {
        wins[seat.index].copy_from_slice(&tally.wins[j * N_PARTIES..(j + 1) * N_PARTIES]);
    }
    Ok(Counts { sims: tally.sims, wins, hist: tally.hist })
}

/// Scores simulated counts against the pair's actual result, given the deterministic winner of each seat.
pub fn score(pair: &Pair, counts: &Counts, central_winner: &[Party], seed: u64) -> ProbabilisticScores {
    let mut central = [0u32; N_PARTIES];
    for w in central_winner {
        central[w.index()] += 1;
    }
    let n = counts.sims;
    let nf = n as f64;
    let clip = 1.0 / (2.0 * nf);
    let mut brier = 0.0;
    let mut log_loss = 0.0;
    let mut expected_wrong = 0.0;
    let mut unforeseen = 0;
    let mut bins = [(0u64, 0u64, 0.0f64); BINS];
    let mut favourite_wrong = 0;
    for (k, ((b, a), w)) in pair.base.seats.iter().zip(&pair.actual.seats).zip(&counts.wins).enumerate() {
        let winner = a.winner.index();
        for i in 0..N_PARTIES {
            let p = w[i] as f64 / nf;
            let o = if i == winner { 1.0 } else { 0.0 };
            brier += (p - o) * (p - o);
            if b.shares[i] > 0.0 || a.shares[i] > 0.0 || w[i] > 0 {
                let bin = &mut bins[bin_of(p)];
                bin.0 += 1;
                bin.1 += (i == winner) as u64;
                bin.2 += p;
            }
        }
        let p = w[winner] as f64 / nf;
        log_loss -= p.max(clip).ln();
        unforeseen += (w[winner] == 0) as u32;
        let mut fav = central_winner[k].index();
        for i in 0..N_PARTIES {
            if w[i] > w[fav] {
                fav = i;
            }
        }
        expected_wrong += 1.0 - w[fav] as f64 / nf;
        favourite_wrong += (fav != winner) as u32;
    }
    let seats = pair.len();
    let k = seats.max(1) as f64;
    let width = seats + 1;
    let actual = pair.actual.seat_counts();
    let baseline = pair.base.seat_counts();
    let mut coverage: Vec<Coverage> = Vec::new();
    for p in Party::all() {
        let i = p.index();
        let hist = &counts.hist[i * width..(i + 1) * width];
        let q = |x: f64| quantile(hist, n, x);
        let interval50 = [q(0.25), q(0.75)];
        let interval90 = [q(0.05), q(0.95)];
        if actual[i] == 0 && baseline[i] == 0 && central[i] == 0 {
            continue;
        }
        let total: u64 = hist.iter().enumerate().map(|(s, c)| s as u64 * c).sum();
        let inside = |iv: [u32; 2]| iv[0] <= actual[i] && actual[i] <= iv[1];
        coverage.push(Coverage {
            party: p,
            actual: actual[i],
            central: central[i],
            mean: round6(total as f64 / nf),
            median: q(0.5),
            interval50,
            interval90,
            in50: inside(interval50),
            in90: inside(interval90),
        });
    }
    coverage.sort_by(|x, y| y.actual.cmp(&x.actual).then(y.central.cmp(&x.central)).then(x.party.cmp(&y.party)));
    let calibration = bins
        .iter()
        .enumerate()
        .map(|(b, &(count, won, sum))| {
            let (lo, hi, label) = bin_bounds(b);
            CalibrationBin {
                bin: label,
                lo,
                hi,
                count,
                won,
                mean_predicted: if count > 0 { round6(sum / count as f64) } else { 0.0 },
                observed: if count > 0 { round6(won as f64 / count as f64) } else { 0.0 },
            }
        })
        .collect();
    ProbabilisticScores {
        sims: n,
        seed,
        brier: round6(brier / k),
        log_loss: round6(log_loss / k),
        clip,
        favourite_wrong,
        expected_wrong: round6(expected_wrong),
        unforeseen,
        scored: coverage.len() as u32,
        covered50: coverage.iter().filter(|c| c.in50).count() as u32,
        covered90: coverage.iter().filter(|c| c.in90).count() as u32,
        coverage,
        calibration,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Model;

    #[test]
    fn bins_cover_zero_to_one() {
        assert_eq!(bin_of(0.0), 0);
        assert_eq!(bin_of(1e-9), 1);
        assert_eq!(bin_of(0.1), 2);
        assert_eq!(bin_of(0.95), 10);
        assert_eq!(bin_of(0.999_999), 10);
        assert_eq!(bin_of(1.0), 11);
        assert_eq!(bin_bounds(2), (0.1, 0.2, "[0.1, 0.2)".to_string()));
    }

    /// Scores recomputed by hand on doctored counts: three seats of 2017 → 2019 given made-up win counts.
    #[test]
    fn scores_of_made_up_counts() {
        let mut pair = Pair::load("ge2017", "ge2019").unwrap();
        pair.base.seats.truncate(3);
        pair.actual.seats.truncate(3);
        let winners: Vec<usize> = pair.actual.seats.iter().map(|c| c.winner.index()).collect();
        let other = |w: usize| if w == Party::CON.index() { Party::LAB.index() } else { Party::CON.index() };
        // Seat 0: actual winner 8 of 10; seat 1: actual winner 0 of 10 (unforeseen); seat 2: 10 of 10.
        let mut wins = vec![[0u64; N_PARTIES]; 3];
        wins[0][winners[0]] = 8;
        wins[0][other(winners[0])] = 2;
        wins[1][other(winners[1])] = 10;
        wins[2][winners[2]] = 10;
        let counts = Counts { sims: 10, wins, hist: vec![0; N_PARTIES * 4] };
        let central: Vec<Party> = pair.actual.seats.iter().map(|c| c.winner).collect();
        let s = score(&pair, &counts, &central, 1);
        let brier = ((0.2f64 * 0.2 + 0.2 * 0.2) + (1.0 + 1.0) + 0.0) / 3.0;
        assert!((s.brier - brier).abs() < 1e-6, "{} {brier}", s.brier);
        let ll = (-(0.8f64.ln()) - (0.05f64).ln() - 0.0) / 3.0;
        assert!((s.log_loss - ll).abs() < 1e-6, "{} {ll}", s.log_loss);
        assert_eq!(s.unforeseen, 1);
        assert_eq!(s.favourite_wrong, 1);
        assert!((s.expected_wrong - 0.2).abs() < 1e-9);
    }

    #[test]
    fn no_noise_gives_the_deterministic_projection() {
        let pair = Pair::load("ge2015", "ge2017").unwrap();
        let case = Case::new(&pair, Model::Stm, SwingBy::Nation, &[]).unwrap();
        let projection = case.project(&pair);
        let sim = Simulation::with_uncertainty(1500, 3, Uncertainty::zero());
        let counts = simulate_case(&pair, &case, &projection, &sim).unwrap();
        for (k, w) in counts.wins.iter().enumerate() {
            assert_eq!(w[projection.winners[k].index()], 1500);
        }
        let central = projection.seat_counts();
        let s = score(&pair, &counts, &projection.winners, 3);
        assert_eq!(s.favourite_wrong, deterministic_wrong(&pair, &projection));
        assert_eq!((s.brier == 0.0, s.expected_wrong), (s.favourite_wrong == 0, 0.0));
        for c in &s.coverage {
            assert_eq!(c.interval90, [central[c.party.index()]; 2]);
            assert_eq!(c.in90, c.actual == c.central);
        }
    }

    fn deterministic_wrong(pair: &Pair, projection: &Projection) -> u32 {
        pair.actual.seats.iter().zip(&projection.winners).filter(|(a, w)| a.winner != **w).count() as u32
    }

    #[test]
    fn regional_layer_is_off_where_the_shares_are_given() {
        let pair = Pair::load("ge2017", "ge2019").unwrap();
        let sim = Simulation::new(1000, 1);
        let mut zero = sim.clone();
        zero.uncertainty.regional_sigma = 0.0;
        zero.uncertainty.regional_sigma_party.clear();
        // By region, the regional layer is off everywhere: the same draws as without it.
        let case = Case::new(&pair, Model::Uns, SwingBy::Region, &[]).unwrap();
        let projection = case.project(&pair);
        let a = simulate_case(&pair, &case, &projection, &sim).unwrap();
        let b = simulate_case(&pair, &case, &projection, &zero).unwrap();
        assert_eq!(a.wins, b.wins);
        // By GB it is on.
        let case = Case::new(&pair, Model::Uns, SwingBy::Gb, &[]).unwrap();
        let projection = case.project(&pair);
        let a = simulate_case(&pair, &case, &projection, &sim).unwrap();
        let b = simulate_case(&pair, &case, &projection, &zero).unwrap();
        assert_ne!(a.wins, b.wins);
    }
}
