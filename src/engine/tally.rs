//! Integer tallies accumulated over simulations: histograms, seat wins, majorities, outcomes, coalitions.

use super::model::SimModel;
use crate::party::N_PARTIES;

/// Counts over a set of simulations. Every field is an integer count, so merging is exact and order-free.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tally {
    pub sims: u64,
    /// `hist[p * (total + 1) + s]`: simulations in which party p won s seats.
    pub hist: Vec<u64>,
    /// `wins[k * N_PARTIES + p]`: simulations in which party p won moved seat k.
    pub wins: Vec<u64>,
    pub majority: [u64; N_PARTIES],
    pub effective: [u64; N_PARTIES],
    /// Largest party outright (strictly more seats than any other).
    pub largest: [u64; N_PARTIES],
    /// Tied for the most seats with at least one other party.
    pub joint_largest: [u64; N_PARTIES],
    pub hung: u64,
    /// Outcomes: `[0, N)` party majority; `[N, 2N)` hung with party largest outright; `2N` hung with a tie.
    pub outcomes: Vec<u64>,
    pub coalition_majority: Vec<u64>,
    pub coalition_effective: Vec<u64>,
}

impl Tally {
    pub fn new(m: &SimModel) -> Tally {
        Tally {
            sims: 0,
            hist: vec![0; N_PARTIES * (m.total_seats as usize + 1)],
            wins: vec![0; m.seats.len() * N_PARTIES],
            majority: [0; N_PARTIES],
            effective: [0; N_PARTIES],
            largest: [0; N_PARTIES],
            joint_largest: [0; N_PARTIES],
            hung: 0,
            outcomes: vec![0; 2 * N_PARTIES + 1],
            coalition_majority: vec![0; m.thresholds.coalitions.len()],
            coalition_effective: vec![0; m.thresholds.coalitions.len()],
        }
    }

    /// Records one simulated parliament (seat wins are recorded by the kernel as it goes).
    #[inline]
    pub fn record(&mut self, m: &SimModel, seats: &[u32; N_PARTIES]) {
        self.sims += 1;
        let width = m.total_seats as usize + 1;
        let mut max = 0;
        let mut n_max = 0;
        let mut arg = 0;
        let mut majority_party = None;
        for p in 0..N_PARTIES {
            let s = seats[p];
            self.hist[p * width + s as usize] += 1;
            if s >= m.thresholds.majority {
                self.majority[p] += 1;
                majority_party = Some(p);
            }
            if s >= m.thresholds.effective_majority {
                self.effective[p] += 1;
            }
            if s > max {
                max = s;
                n_max = 1;
                arg = p;
            } else if s == max {
                n_max += 1;
            }
        }
        if n_max == 1 {
            self.largest[arg] += 1;
        } else {
            for p in 0..N_PARTIES {
                if seats[p] == max {
                    self.joint_largest[p] += 1;
                }
            }
        }
        match majority_party {
            Some(p) => self.outcomes[p] += 1,
            None => {
                self.hung += 1;
                if n_max == 1 {
                    self.outcomes[N_PARTIES + arg] += 1;
                } else {
                    self.outcomes[2 * N_PARTIES] += 1;
                }
            }
        }
        for (c, parties) in m.thresholds.coalitions.iter().enumerate() {
            let total: u32 = parties.iter().map(|p| seats[p.index()]).sum();
            if total >= m.thresholds.majority {
                self.coalition_majority[c] += 1;
            }
            if total >= m.thresholds.effective_majority {
                self.coalition_effective[c] += 1;
            }
        }
    }

    /// Adds another tally's counts to this one.
    pub fn merge(mut self, other: Tally) -> Tally {
        self.sims += other.sims;
        add(&mut self.hist, &other.hist);
        add(&mut self.wins, &other.wins);
        add(&mut self.majority, &other.majority);
        add(&mut self.effective, &other.effective);
        add(&mut self.largest, &other.largest);
        add(&mut self.joint_largest, &other.joint_largest);
        self.hung += other.hung;
        add(&mut self.outcomes, &other.outcomes);
        add(&mut self.coalition_majority, &other.coalition_majority);
        add(&mut self.coalition_effective, &other.coalition_effective);
        self
    }
}

fn add(a: &mut [u64], b: &[u64]) {
    for (x, y) in a.iter_mut().zip(b) {
        *x += y;
    }
}
