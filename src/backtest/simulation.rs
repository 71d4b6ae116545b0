//! How a backtest simulates a case: the settings and noise layers recorded in the report, and the simulated
//! counts of a case from the Monte Carlo engine.

use super::case::{Case, SwingBy};
use super::pair::Pair;
use crate::engine::{CHUNK, SimModel, simulate};
use crate::error::InputError;
use crate::geo::{N_REGIONS, Region};
use crate::party::{N_PARTIES, Party};
use crate::project::Projection;
use crate::scenario::{Preset, Uncertainty};
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Model;

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
