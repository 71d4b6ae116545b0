//! A seat's result read as a contest: winner, runner-up, and the majority in points and in votes.

use crate::party::{N_PARTIES, Party, PartyVec};

/// The contest in one seat, from its shares (fractions summing to 1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Margin {
    /// The winner by the projection's rule ([`crate::project::winner`]: ties go to the incumbent).
    pub winner: Party,
    /// The largest other share (ties: first in column order); `None` when nobody else has a vote.
    pub runner_up: Option<Party>,
    /// Winner's share minus the runner-up's, in percentage points (≥ 0).
    pub points: f64,
    /// The same majority in votes at the baseline's turnout (unrounded).
    pub votes: f64,
}

impl Margin {
    /// The contest of a seat with `shares`, `incumbent` winning ties, `valid_votes` cast.
    pub fn of(shares: &PartyVec, incumbent: Party, valid_votes: f64) -> Margin {
        let winner = crate::project::winner(shares, incumbent);
        let mut runner_up: Option<usize> = None;
        for i in (0..N_PARTIES).filter(|&i| i != winner.index() && shares[i] > 0.0) {
            if runner_up.is_none_or(|r| shares[i] > shares[r]) {
                runner_up = Some(i);
            }
        }
        let second = runner_up.map_or(0.0, |r| shares[r]);
        let points = (shares[winner.index()] - second) * 100.0;
        Margin { winner, runner_up: runner_up.map(Party::from_index), points, votes: points / 100.0 * valid_votes }
    }

    /// The two-party (Butler) swing from winner to runner-up, in points, that would make them level: half the
    /// majority.
    pub fn swing_to_undo(&self) -> f64 {
        self.points / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shares(pairs: &[(Party, f64)]) -> PartyVec {
        let mut v = [0.0; N_PARTIES];
        pairs.iter().for_each(|(p, s)| v[p.index()] = *s);
        v
    }

    #[test]
    fn majority_is_the_gap_to_the_second() {
        let s = shares(&[(Party::LAB, 0.45), (Party::CON, 0.30), (Party::LD, 0.25)]);
        let m = Margin::of(&s, Party::CON, 40_000.0);
        assert_eq!(m.winner, Party::LAB);
        assert_eq!(m.runner_up, Some(Party::CON));
        assert!((m.points - 15.0).abs() < 1e-9);
        assert!((m.votes - 6_000.0).abs() < 1e-6);
        assert!((m.swing_to_undo() - 7.5).abs() < 1e-9);
    }

    #[test]
    fn a_tie_goes_to_the_incumbent_with_a_zero_majority() {
        let s = shares(&[(Party::LAB, 0.4), (Party::CON, 0.4), (Party::LD, 0.2)]);
        let m = Margin::of(&s, Party::CON, 1000.0);
        assert_eq!((m.winner, m.runner_up, m.points), (Party::CON, Some(Party::LAB), 0.0));
    }

    #[test]
    fn an_unopposed_seat_has_no_runner_up() {
        let m = Margin::of(&shares(&[(Party::SPEAKER, 1.0)]), Party::SPEAKER, 30_000.0);
        assert_eq!((m.runner_up, m.points), (None, 100.0));
    }
}
