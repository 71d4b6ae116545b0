//! Scores of a backtest case: seats per party, wrong calls, share errors and the largest misses.

use super::pair::Pair;
use crate::geo::Nation;
use crate::party::{N_PARTIES, Party, PartyVec};
use crate::project::Projection;
use crate::report::pct;
use crate::round::round6;
use serde::Serialize;

/// Seats and share error of one party.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PartyScore {
    pub party: Party,
    pub actual_seats: u32,
    pub predicted_seats: u32,
    /// Predicted minus actual seats.
    pub error: i64,
    /// Mean absolute error of the party's share per seat (points), over the seats where it is a main party
    /// (see [`main_party`]); `None` for the others.
    pub share_mae: Option<f64>,
}

/// A seat called wrongly.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Miss {
    pub code: String,
    pub name: String,
    pub region: String,
    pub predicted: Party,
    pub actual: Party,
    /// How confidently wrong the model was: the predicted winner's lead over the actual winner in the projection
    /// (points).
    pub predicted_lead: f64,
    /// The actual winner's lead over the predicted winner in the result (points).
    pub actual_lead: f64,
}

/// Every score of one case.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Scores {
    pub seats_compared: u32,
    /// Seats whose predicted winner is not the actual winner.
    pub wrong: u32,
    /// Share of seats called rightly, percent.
    pub accuracy: f64,
    /// Σ over parties of |predicted − actual seats|: twice the seats misallocated in the totals.
    pub seat_total_error: u32,
    /// Mean absolute error of the main parties' shares per seat (points), over every (seat, main party) pair.
    pub share_mae: f64,
    /// Every party that won or was predicted a seat, or is a main party, most actual seats first.
    pub parties: Vec<PartyScore>,
    /// Every seat called wrongly, most confidently wrong first.
    pub misses: Vec<Miss>,
    /// With `--sims`: the Monte Carlo scores of the case.
    pub probabilistic: Option<super::prob::ProbabilisticScores>,
}

/// Whether `party` counts as a main party in a seat of `nation`: Con, Lab, LD, Green and the UKIP/Brexit/Reform
/// series everywhere in GB, the SNP in Scotland, Plaid Cymru in Wales.
pub fn main_party(party: Party, series: Party, nation: Nation) -> bool {
    match party {
        Party::CON | Party::LAB | Party::LD | Party::GREEN => true,
        Party::SNP => nation == Nation::Scotland,
        Party::PC => nation == Nation::Wales,
        p => p == series,
    }
}

/// The deterministic scores of a projection of `pair.base` against `pair.actual`.
pub fn deterministic(pair: &Pair, projection: &Projection) -> Scores {
    let series = pair.lineage.series;
    let mut actual_seats = [0u32; N_PARTIES];
    let mut predicted_seats = [0u32; N_PARTIES];
    let mut abs_error: PartyVec = [0.0; N_PARTIES];
    let mut n_main = [0u32; N_PARTIES];
    let mut misses = Vec::new();
    for (k, (b, a)) in pair.base.seats.iter().zip(&pair.actual.seats).enumerate() {
        let predicted = projection.winners[k];
        let shares = &projection.shares[k];
        actual_seats[a.winner.index()] += 1;
        predicted_seats[predicted.index()] += 1;
        for p in Party::all().filter(|&p| main_party(p, series, b.nation)) {
            abs_error[p.index()] += (shares[p.index()] - a.shares[p.index()]).abs();
            n_main[p.index()] += 1;
        }
        if predicted != a.winner {
            misses.push(Miss {
                code: b.code.clone(),
                name: b.name.clone(),
                region: b.region.name().to_string(),
                predicted,
                actual: a.winner,
                predicted_lead: pct(shares[predicted.index()] - shares[a.winner.index()]),
                actual_lead: pct(a.shares[a.winner.index()] - a.shares[predicted.index()]),
            });
        }
    }
    misses.sort_by(|x, y| y.predicted_lead.total_cmp(&x.predicted_lead).then_with(|| x.name.cmp(&y.name)));
    let n = pair.len() as u32;
    let wrong = misses.len() as u32;
    let total_error: f64 = abs_error.iter().sum();
    let total_main: u32 = n_main.iter().sum();
    let mut parties: Vec<PartyScore> = Party::all()
        .filter(|p| actual_seats[p.index()] > 0 || predicted_seats[p.index()] > 0 || n_main[p.index()] > 0)
        .map(|p| {
            let i = p.index();
            PartyScore {
                party: p,
                actual_seats: actual_seats[i],
                predicted_seats: predicted_seats[i],
                error: predicted_seats[i] as i64 - actual_seats[i] as i64,
                share_mae: (n_main[i] > 0).then(|| pct(abs_error[i] / n_main[i] as f64)),
            }
        })
        .collect();
    parties.sort_by(|x, y| y.actual_seats.cmp(&x.actual_seats).then(y.predicted_seats.cmp(&x.predicted_seats)));
    Scores {
        seats_compared: n,
        wrong,
        accuracy: if n > 0 { round6(100.0 * (n - wrong) as f64 / n as f64) } else { 0.0 },
        seat_total_error: parties.iter().map(|p| p.error.unsigned_abs() as u32).sum(),
        share_mae: if total_main > 0 { pct(total_error / total_main as f64) } else { 0.0 },
        parties,
        misses,
        probabilistic: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backtest::case::{Case, SwingBy};
    use crate::scenario::Model;

    #[test]
    fn seat_sums_match_on_both_sides() {
        let pair = Pair::load("ge2015", "ge2017").unwrap();
        let case = Case::new(&pair, Model::Stm, SwingBy::Region, &[]).unwrap();
        let s = deterministic(&pair, &case.project(&pair));
        let actual: u32 = s.parties.iter().map(|p| p.actual_seats).sum();
        let predicted: u32 = s.parties.iter().map(|p| p.predicted_seats).sum();
        assert_eq!((actual, predicted), (s.seats_compared, s.seats_compared));
        assert_eq!(s.wrong as usize, s.misses.len());
        assert!(s.misses.windows(2).all(|w| w[0].predicted_lead >= w[1].predicted_lead));
        assert!(s.misses.iter().all(|m| m.predicted_lead >= 0.0 && m.actual_lead >= 0.0));
    }

    #[test]
    fn main_parties_by_nation() {
        assert!(main_party(Party::SNP, Party::UKIP, Nation::Scotland));
        assert!(!main_party(Party::SNP, Party::UKIP, Nation::England));
        assert!(main_party(Party::UKIP, Party::UKIP, Nation::Wales));
        assert!(!main_party(Party::REFORM, Party::UKIP, Nation::Wales));
        assert!(!main_party(Party::IND, Party::UKIP, Nation::England));
    }
}
