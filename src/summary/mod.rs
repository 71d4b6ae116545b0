//! The summary of a Monte Carlo run: every figure reported, from the simulated distribution, serialisable.

mod build;
mod check;
mod sweep;

pub use build::{build, coalitions_for, quantile};
pub use check::check;
pub use sweep::{SWEEP_MAX, SWEEP_STEP, SwingSweep, sweep};

use crate::scenario::ChartFormat;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Format tag written into every summary.json (checked, with everything else, by [`check`]). Version 2 added the
/// per-seat shares and majorities, the parties' favourite seats and the `figures` legend.
pub const FORMAT: &str = "pns-summary/2";

/// What each seat figure of a summary is, written into it as `figures` so the JSON explains itself.
pub const FIGURES: [(&str, &str); 6] = [
    ("central", "central projection: the deterministic projection at the input shares, no uncertainty drawn"),
    ("mean", "expected seats: the mean over the simulations"),
    ("median", "simulation median: half the simulations give at most this many seats"),
    ("p5_p95", "the 5th and 95th percentiles over the simulations (a 90% interval)"),
    ("favourite_seats", "seats the party wins in more simulations than any other party"),
    ("median_parliament", "each party's median seats, adjusted seat by seat to sum to the total"),
];

/// Everything a run reports. Probabilities are fractions in [0, 1]; shares are percent.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Summary {
    /// Always [`FORMAT`].
    pub format: String,
    /// Version of pns that wrote it.
    pub pns_version: String,
    pub scenario: ScenarioInfo,
    /// What `central`, `mean`, `median`, … are ([`FIGURES`]).
    pub figures: BTreeMap<String, String>,
    pub baseline: String,
    pub model: crate::scenario::Model,
    pub scope: crate::scenario::Scope,
    pub sims: u64,
    pub seed: u64,
    /// Simulations per random stream (results depend on seed and chunk size, not on threads).
    pub chunk_size: u64,
    pub uncertainty: UncertaintyInfo,
    pub majority: u32,
    pub effective_majority: u32,
    pub total_seats: u32,
    /// Target shares of the scope-wide area, percent.
    pub national_shares: BTreeMap<String, f64>,
    /// The parties the scenario gave a scope-wide share, in its order (the rest of `national_shares` follows from
    /// the baseline; summaries written before it was added read as empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shares_given: Vec<String>,
    /// Seats of the deterministic projection (every party with a seat).
    pub central_seats: BTreeMap<String, u32>,
    /// Per party, ordered by mean seats (descending).
    pub parties: Vec<PartySummary>,
    /// P(no party reaches the majority threshold).
    pub p_hung: f64,
    /// A parliament summing to the total seats, built from the median seats.
    pub median_parliament: BTreeMap<String, u32>,
    /// Outcomes ("lab majority", "hung, lab largest", "hung, tie for largest") by probability.
    pub outcomes: Vec<Outcome>,
    pub coalitions: Vec<CoalitionSummary>,
    /// Central projection by region: region → party → seats.
    pub regions: Vec<RegionSeats>,
    /// The nations and regions the scenario gave their own target shares, by name (absent when none; summaries
    /// written before it was added read as none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub target_areas: Vec<String>,
    /// The charts of the run and their size (`pns plot` redraws exactly these).
    #[serde(default)]
    pub charts: ChartSettings,
    /// Votes-to-seats curves for swing.png (absent when the scenario has fewer than two parties with a share).
    #[serde(default)]
    pub swing_sweep: Option<SwingSweep>,
    pub constituencies: Vec<SeatSummary>,
    /// The PNS estimated from local results, when the scenario has a `[local]` section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local: Option<LocalSummary>,
    /// Covariate slopes and tactical voting (one line), when the scenario has any that move a seat.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geography: Option<String>,
    /// What the projection's plan noted and the area targets the central projection missed by more than half a
    /// point (absent when there are none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// The estimated PNS a run took its shares from.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct LocalSummary {
    /// Ward pair (shipped label or file).
    pub pair: String,
    pub description: String,
    pub key_wards: usize,
    pub bootstrap: u64,
    pub bootstrap_seed: u64,
    /// Method error added in quadrature to the bootstrap sd for the national σ (points).
    pub method_sigma: f64,
    pub parties: Vec<LocalParty>,
}

/// One party's estimated PNS (percent) and the national σ it gave the run.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct LocalParty {
    pub party: String,
    pub pns: f64,
    /// The 90 % bootstrap interval and SD: sampling uncertainty only (`sampling_lo90`, … in `pns estimate`).
    pub lo90: f64,
    pub hi90: f64,
    pub sd: f64,
    /// The published BBC PNS of the later year, where known.
    pub published: Option<f64>,
    pub national_sigma: Option<f64>,
}

impl LocalSummary {
    /// Summarises an estimate; `sigma` gives the national σ the run used for a party.
    pub fn new(e: &crate::estimate::Estimate, sigma: impl Fn(crate::party::Party) -> Option<f64>) -> LocalSummary {
        LocalSummary {
            pair: e.pair.clone(),
            description: e.description.clone(),
            key_wards: e.key_wards,
            bootstrap: e.bootstrap,
            bootstrap_seed: e.seed,
            method_sigma: crate::estimate::chain::METHOD_SIGMA,
            parties: e
                .parties
                .iter()
                .map(|p| LocalParty {
                    party: p.party.code().to_string(),
                    pns: p.pns,
                    lo90: p.sampling_lo90,
                    hi90: p.sampling_hi90,
                    sd: p.sampling_sd,
                    published: p.published,
                    national_sigma: sigma(p.party),
                })
                .collect(),
        }
    }
}

/// Which charts a run draws, their size in pixels and their file format.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct ChartSettings {
    pub names: Vec<String>,
    pub width: u32,
    pub height: u32,
    /// `png` (the default, then not written), `svg` or `both`.
    #[serde(default, skip_serializing_if = "ChartFormat::is_png")]
    pub format: ChartFormat,
}

impl Default for ChartSettings {
    fn default() -> Self {
        let o = crate::scenario::Scenario::default().output;
        ChartSettings { names: o.charts, width: o.width, height: o.height, format: o.chart_format }
    }
}

/// What the run was.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct ScenarioInfo {
    pub name: String,
    pub description: String,
    pub source: String,
    /// The scenario file, if any.
    pub file: Option<String>,
}

/// The uncertainty used (σ in points).
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct UncertaintyInfo {
    pub preset: String,
    pub national_sigma: BTreeMap<String, f64>,
    /// "a-b" → ρ.
    pub correlations: BTreeMap<String, f64>,
    pub regional_sigma: f64,
    pub regional_sigma_party: BTreeMap<String, f64>,
    pub constituency_scale: f64,
    pub constituency_floor: f64,
}

/// One party's seat distribution.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct PartySummary {
    pub party: String,
    pub name: String,
    /// Seats in the central (deterministic) projection.
    pub central: u32,
    /// Expected seats: the mean over the simulations.
    pub mean: f64,
    /// Seats where the party is the favourite (wins more simulations than any other party).
    pub favourite_seats: u32,
    /// Simulation median.
    pub median: u32,
    /// 5th and 95th percentiles (empirical: the smallest s with P(seats ≤ s) ≥ q).
    pub p5: u32,
    pub p95: u32,
    pub min: u32,
    pub max: u32,
    /// P(seats ≥ majority).
    pub p_majority: f64,
    /// P(seats ≥ effective majority).
    pub p_effective_majority: f64,
    /// P(strictly more seats than every other party).
    pub p_largest: f64,
    /// P(tied for the most seats).
    pub p_joint_largest: f64,
    /// `histogram[s]` = simulations with s seats, for s = 0 ..= max.
    pub histogram: Vec<u64>,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Outcome {
    pub outcome: String,
    pub probability: f64,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct CoalitionSummary {
    pub parties: Vec<String>,
    /// Combined seats in the deterministic projection.
    pub central: u32,
    pub p_majority: f64,
    pub p_effective_majority: f64,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct RegionSeats {
    pub region: String,
    pub nation: String,
    pub seats: BTreeMap<String, u32>,
}

/// One constituency's simulated result.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct SeatSummary {
    pub code: String,
    pub name: String,
    pub region: String,
    pub nation: String,
    pub baseline_winner: String,
    /// Shares at the baseline, percent, every party with a vote.
    pub baseline_shares: BTreeMap<String, f64>,
    /// Winner in the central (deterministic) projection.
    pub central_winner: String,
    /// Runner-up in the central projection (none in an uncontested seat).
    pub central_runner_up: Option<String>,
    /// Central winner's lead over the runner-up, percentage points.
    pub central_majority: f64,
    /// The same lead in votes at the baseline's turnout (rounded).
    pub central_majority_votes: u64,
    /// Shares in the central projection, percent, every party with a vote.
    pub central_shares: BTreeMap<String, f64>,
    /// The party most often winning.
    pub favourite: String,
    /// P(win) per party with a non-zero probability.
    pub p_win: BTreeMap<String, f64>,
    /// safe (≥ 0.9), likely (≥ 0.8), lean (≥ 0.7), tossup; "fixed" for seats not simulated (NI, the Speaker).
    pub rating: String,
}
