//! Deterministic projection: apply the swing model to every constituency and count the seats.

mod plan;
pub mod swing;

pub use plan::{AreaPlan, Plan, targets};
pub use swing::{Slots, Swing};

use crate::baseline::Baseline;
use crate::error::InputError;
use crate::party::{N_PARTIES, Party, PartyVec};
use crate::scenario::Scenario;

/// The winner of a seat: the largest share; a tie goes to the baseline winner if it is among the tied parties,
/// otherwise to the first tied party in column order.
#[inline]
pub fn winner(shares: &PartyVec, incumbent: Party) -> Party {
    let mut best = incumbent.index();
    for i in 0..N_PARTIES {
        if shares[i] > shares[best] {
            best = i;
        }
    }
    Party::from_index(best)
}

/// Loads the scenario's baseline and merges its party lineages.
pub fn load_baseline(scenario: &Scenario) -> Result<Baseline, InputError> {
    let mut baseline = Baseline::load(&scenario.baseline)?;
    for (successor, predecessor) in &scenario.lineage {
        baseline.merge_party(*predecessor, *successor);
    }
    Ok(baseline)
}

/// The result of projecting one scenario.
#[derive(Clone, Debug)]
pub struct Projection {
    /// Projected shares per seat (fractions, summing to 1), in baseline order.
    pub shares: Vec<PartyVec>,
    pub winners: Vec<Party>,
    /// Whether the seat was moved by a swing model (false: NI, the Speaker, out of scope).
    pub moved: Vec<bool>,
}

impl Projection {
    /// Seats per party.
    pub fn seat_counts(&self) -> [u32; N_PARTIES] {
        let mut counts = [0u32; N_PARTIES];
        for w in &self.winners {
            counts[w.index()] += 1;
        }
        counts
    }

    /// Vote-weighted shares of the projected result over the seats `include` selects (turnout as at the baseline).
    pub fn shares_over(&self, baseline: &Baseline, include: impl Fn(usize) -> bool) -> PartyVec {
        let mut out = [0.0; N_PARTIES];
        let mut total = 0.0;
        for (k, c) in baseline.seats.iter().enumerate().filter(|(k, _)| include(*k)) {
            for i in 0..N_PARTIES {
                out[i] += c.valid_votes * self.shares[k][i];
            }
            total += c.valid_votes;
        }
        if total > 0.0 {
            out.iter_mut().for_each(|v| *v /= total);
        }
        out
    }
}

/// Projects every seat with the plan's own targets.
pub fn project(baseline: &Baseline, plan: &Plan) -> Projection {
    let targets: Vec<PartyVec> = plan.areas.iter().map(|a| a.target).collect();
    project_with(baseline, plan, &targets)
}

/// Projects every seat with the given per-area targets (the Monte Carlo passes perturbed ones).
pub fn project_with(baseline: &Baseline, plan: &Plan, targets: &[PartyVec]) -> Projection {
    let swings: Vec<Swing> = plan
        .areas
        .iter()
        .zip(targets)
        .map(|(a, p)| Swing::new(plan.model, &a.base, p, &a.strong, plan.threshold))
        .collect();
    let n = baseline.seats.len();
    let mut shares = Vec::with_capacity(n);
    let mut winners = Vec::with_capacity(n);
    let mut moved = Vec::with_capacity(n);
    for (k, c) in baseline.seats.iter().enumerate() {
        match plan.seat_area[k] {
            Some(a) => {
                let mut out = [0.0; N_PARTIES];
                swings[a].apply(&c.shares, &plan.stands, &mut out);
                winners.push(winner(&out, c.winner));
                shares.push(out);
                moved.push(true);
            }
            None => {
                shares.push(c.shares);
                winners.push(c.winner);
                moved.push(false);
            }
        }
    }
    Projection { shares, winners, moved }
}
