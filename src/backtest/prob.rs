//! Probabilistic scores of a backtest case: the per-seat win probabilities and the seat intervals of its simulated
//! counts scored against what really happened.

use super::pair::Pair;
use super::simulation::Counts;
use crate::party::{N_PARTIES, Party};
pub use crate::round::prob;
use crate::round::round6;
use crate::summary::quantile;
use serde::Serialize;

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

/// Scores simulated counts against the pair's actual result, given the deterministic winner of each seat.
pub fn score(pair: &Pair, counts: &Counts, central_winner: &[Party], seed: u64) -> ProbabilisticScores {
    let seats = SeatTotals::of(pair, counts, central_winner);
    let k = pair.len().max(1) as f64;
    let coverage = coverage(pair, counts, central_winner);
    ProbabilisticScores {
        sims: counts.sims,
        seed,
        brier: round6(seats.brier / k),
        log_loss: round6(seats.log_loss / k),
        clip: seats.clip,
        favourite_wrong: seats.favourite_wrong,
        expected_wrong: round6(seats.expected_wrong),
        unforeseen: seats.unforeseen,
        scored: coverage.len() as u32,
        covered50: coverage.iter().filter(|c| c.in50).count() as u32,
        covered90: coverage.iter().filter(|c| c.in90).count() as u32,
        coverage,
        calibration: calibration(&seats.bins),
    }
}

/// The seat-by-seat scores of a case, summed over its seats.
struct SeatTotals {
    /// The probability a never-seen winner is given: 1/(2·sims).
    clip: f64,
    brier: f64,
    log_loss: f64,
    expected_wrong: f64,
    unforeseen: u32,
    favourite_wrong: u32,
    /// Per calibration bin: (seat, party) pairs, how many the party won, and the sum of their probabilities.
    bins: [(u64, u64, f64); BINS],
}

impl SeatTotals {
    fn of(pair: &Pair, counts: &Counts, central_winner: &[Party]) -> SeatTotals {
        let nf = counts.sims as f64;
        let mut t = SeatTotals {
            clip: 1.0 / (2.0 * nf),
            brier: 0.0,
            log_loss: 0.0,
            expected_wrong: 0.0,
            unforeseen: 0,
            favourite_wrong: 0,
            bins: [(0u64, 0u64, 0.0f64); BINS],
        };
        for (k, ((b, a), w)) in pair.base.seats.iter().zip(&pair.actual.seats).zip(&counts.wins).enumerate() {
            let winner = a.winner.index();
            for i in 0..N_PARTIES {
                let p = w[i] as f64 / nf;
                let o = if i == winner { 1.0 } else { 0.0 };
                t.brier += (p - o) * (p - o);
                if b.shares[i] > 0.0 || a.shares[i] > 0.0 || w[i] > 0 {
                    let bin = &mut t.bins[bin_of(p)];
                    bin.0 += 1;
                    bin.1 += (i == winner) as u64;
                    bin.2 += p;
                }
            }
            let p = w[winner] as f64 / nf;
            t.log_loss -= p.max(t.clip).ln();
            t.unforeseen += (w[winner] == 0) as u32;
            let mut fav = central_winner[k].index();
            for i in 0..N_PARTIES {
                if w[i] > w[fav] {
                    fav = i;
                }
            }
            t.expected_wrong += 1.0 - w[fav] as f64 / nf;
            t.favourite_wrong += (fav != winner) as u32;
        }
        t
    }
}

/// Interval coverage of every party that won a seat at either election or in the deterministic projection, most
/// actual seats first.
fn coverage(pair: &Pair, counts: &Counts, central_winner: &[Party]) -> Vec<Coverage> {
    let mut central = [0u32; N_PARTIES];
    for w in central_winner {
        central[w.index()] += 1;
    }
    let n = counts.sims;
    let width = pair.len() + 1;
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
            mean: round6(total as f64 / n as f64),
            median: q(0.5),
            interval50,
            interval90,
            in50: inside(interval50),
            in90: inside(interval90),
        });
    }
    coverage.sort_by(|x, y| y.actual.cmp(&x.actual).then(y.central.cmp(&x.central)).then(x.party.cmp(&y.party)));
    coverage
}

/// The calibration table from the bins' sums.
fn calibration(bins: &[(u64, u64, f64); BINS]) -> Vec<CalibrationBin> {
    bins.iter()
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
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backtest::case::{Case, SwingBy};
    use crate::backtest::simulation::{Simulation, simulate_case};
    use crate::project::Projection;
    use crate::scenario::{Model, Uncertainty};

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
}
