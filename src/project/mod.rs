//! Deterministic projection: apply the swing model to every constituency and count the seats.

pub mod geography;
mod misses;
mod plan;
pub mod rake;
mod remainder;
pub mod shape;
pub mod swing;

pub use misses::{MISS_POINTS, Miss, misses};
pub use plan::{AreaPlan, Plan, targets};
pub use shape::{SeatGeo, Shape};
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
    let mut baseline = Baseline::load(&scenario.baseline).map_err(|e| {
        // A baseline file that cannot be read at all is the scenario's error: name where it was written.
        if e.file == scenario.baseline && e.line.is_none() && e.field.is_none() && scenario.path.is_some() {
            scenario
                .locate(InputError::new(scenario.file_label(), format!("{}: {}", e.file, e.message)).field("baseline"))
        } else {
            e
        }
    })?;
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
    // The plan holds the raking factors of its own targets.
    project_with_swings(baseline, plan, &swings(plan, &targets), &plan.alpha)
}

/// Each area's swing model for the given per-area targets.
pub fn swings(plan: &Plan, targets: &[PartyVec]) -> Vec<Swing> {
    plan.areas
        .iter()
        .zip(targets)
        .map(|(a, p)| Swing::new(plan.model, &a.base, p, &a.strong, &a.standing, plan.threshold))
        .collect()
}

/// A seat's party list under `swing` (ascending columns) and their baseline shares; returns the list length.
fn seat_list(swing: &Swing, c: &PartyVec, stands: &[bool; N_PARTIES], parties: &mut [u8], cs: &mut [f64]) -> usize {
    let mut n = 0;
    for i in 0..N_PARTIES {
        if swing.lists(c[i], stands[i]) {
            parties[n] = i as u8;
            cs[n] = c[i];
            n += 1;
        }
    }
    n
}

/// Projects seat `k` (moved by area `a` with `swing`) under `shape`, every party column in `out`.
fn project_seat(plan: &Plan, swing: &Swing, c: &PartyVec, k: usize, shape: &Shape, raw_only: bool) -> PartyVec {
    let (mut parties, mut cs, mut tmp) = ([0u8; N_PARTIES], [0.0; N_PARTIES], [0.0; N_PARTIES]);
    let n = seat_list(swing, c, &plan.stands, &mut parties, &mut cs);
    if raw_only {
        shape::raw(swing, &parties[..n], &cs[..n], plan.seat_geo(k), shape, &mut tmp[..n]);
    } else {
        shape::apply(swing, &parties[..n], &cs[..n], plan.seat_geo(k), shape, &mut tmp[..n]);
    }
    let mut out = [0.0; N_PARTIES];
    for j in 0..n {
        out[parties[j] as usize] = tmp[j];
    }
    out
}

/// The raking fit of every area for `targets`: each seat's raw shares (swing, covariates, tactical voting) fitted
/// so that the seats the area moves meet its target. (Every area moves exactly the seats its baseline shares are
/// over, the scope's remainder beside nation or region tables included, so its baseline there plus the area's
/// change is its target.)
pub fn fit_areas(baseline: &Baseline, plan: &Plan, targets: &[PartyVec]) -> Vec<rake::Fit> {
    fit_with(baseline, plan, &swings(plan, targets), targets)
}

/// [`fit_areas`] with the areas' swing models given.
pub fn fit_with(baseline: &Baseline, plan: &Plan, swings: &[Swing], targets: &[PartyVec]) -> Vec<rake::Fit> {
    let shape = plan.shape(None);
    let raws: Vec<Option<PartyVec>> = baseline
        .seats
        .iter()
        .enumerate()
        .map(|(k, c)| plan.seat_area[k].map(|a| project_seat(plan, &swings[a], &c.shares, k, &shape, true)))
        .collect();
    (0..plan.areas.len())
        .map(|a| {
            let seats: Vec<rake::RakeSeat> = baseline
                .seats
                .iter()
                .zip(&raws)
                .enumerate()
                .filter_map(|(k, (c, r))| {
                    let raw = r.as_ref().filter(|_| plan.seat_area[k] == Some(a))?;
                    Some(rake::RakeSeat { raw, base: &c.shares, votes: c.valid_votes })
                })
                .collect();
            let moved = baseline.shares_over_indices(|k| plan.seat_area[k] == Some(a));
            let area = &plan.areas[a];
            let mut goal: PartyVec = std::array::from_fn(|i| (targets[a][i] + moved[i] - area.base[i]).max(0.0));
            let sum: f64 = goal.iter().sum();
            goal.iter_mut().for_each(|g| *g /= sum);
            rake::fit(&seats, &goal)
        })
        .collect()
}

/// Seat `k`'s shares under `swings` before the seat is renormalised (and before any raking): what the model gives
/// each party, clipping included. `None` for a seat no area moves.
pub fn raw_shares(baseline: &Baseline, plan: &Plan, swings: &[Swing], k: usize) -> Option<PartyVec> {
    let a = plan.seat_area[k]?;
    Some(project_seat(plan, &swings[a], &baseline.seats[k].shares, k, &plan.shape(None), true))
}

/// Seat `k`'s projected shares under `swings` with raking factors `alpha` (one per area), exactly as
/// [`project_with_swings`] gives them. `None` for a seat no area moves.
pub fn seat_shares(
    baseline: &Baseline,
    plan: &Plan,
    swings: &[Swing],
    alpha: &[Option<Slots>],
    k: usize,
) -> Option<PartyVec> {
    let a = plan.seat_area[k]?;
    Some(project_seat(plan, &swings[a], &baseline.seats[k].shares, k, &plan.shape(alpha[a].as_ref()), false))
}

/// Projects every seat with the given per-area targets (the Monte Carlo passes perturbed ones).
pub fn project_with(baseline: &Baseline, plan: &Plan, targets: &[PartyVec]) -> Projection {
    let swings = swings(plan, targets);
    let alpha: Vec<Option<Slots>> = if plan.rakes() {
        fit_with(baseline, plan, &swings, targets).into_iter().map(|f| Some(f.alpha)).collect()
    } else {
        vec![None; plan.areas.len()]
    };
    project_with_swings(baseline, plan, &swings, &alpha)
}

/// Projects every seat with each area's swing model and raking factors given.
pub fn project_with_swings(baseline: &Baseline, plan: &Plan, swings: &[Swing], alpha: &[Option<Slots>]) -> Projection {
    let n = baseline.seats.len();
    let mut shares = Vec::with_capacity(n);
    let mut winners = Vec::with_capacity(n);
    let mut moved = Vec::with_capacity(n);
    for (k, c) in baseline.seats.iter().enumerate() {
        match plan.seat_area[k] {
            Some(a) => {
                let out = project_seat(plan, &swings[a], &c.shares, k, &plan.shape(alpha[a].as_ref()), false);
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
