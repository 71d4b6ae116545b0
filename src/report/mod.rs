//! Reports: the serialisable results users read — a deterministic projection, the shipped baselines — which
//! `crate::render` turns into tables, JSON and CSV.

pub mod baselines;
pub mod changes;
pub mod seat;

use crate::baseline::Baseline;
use crate::party::{N_PARTIES, Party, PartyVec};
use crate::project::{Plan, Projection};
pub use crate::round::pct;
use crate::scenario::Scenario;
use serde::Serialize;
use std::collections::BTreeMap;

/// Party → percent for every party with a non-zero value.
pub fn share_map(v: &PartyVec) -> BTreeMap<String, f64> {
    Party::all().filter(|p| v[p.index()] > 0.0).map(|p| (p.code().to_string(), pct(v[p.index()]))).collect()
}

/// Party → seats for every party with at least one seat.
pub fn seat_map(v: &[u32; N_PARTIES]) -> BTreeMap<String, u32> {
    Party::all().filter(|p| v[p.index()] > 0).map(|p| (p.code().to_string(), v[p.index()])).collect()
}

/// What a deterministic projection's seats are, as every report and chart of one names them.
pub const CENTRAL: &str = "central projection: deterministic, at the input shares, no uncertainty drawn";

/// One area's inputs, as reported.
#[derive(Serialize, Debug)]
pub struct AreaReport {
    pub area: String,
    /// E, percent.
    pub baseline_shares: BTreeMap<String, f64>,
    /// P, percent.
    pub target_shares: BTreeMap<String, f64>,
    pub named: Vec<String>,
    pub held: Vec<String>,
}

impl AreaReport {
    /// The inputs of one area of a plan.
    pub fn new(a: &crate::project::AreaPlan) -> AreaReport {
        AreaReport {
            area: a.label.clone(),
            baseline_shares: share_map(&a.base),
            target_shares: share_map(&a.target),
            named: Party::all().filter(|p| a.named[p.index()]).map(|p| p.code().to_string()).collect(),
            held: Party::all().filter(|p| a.held[p.index()]).map(|p| p.code().to_string()).collect(),
        }
    }
}

/// One constituency, as reported.
#[derive(Serialize, Debug)]
pub struct ConstituencyReport {
    pub code: String,
    pub name: String,
    pub region: String,
    pub nation: String,
    pub baseline_winner: String,
    pub winner: String,
    /// Whether a swing model moved this seat (false: Northern Ireland, the Speaker, outside the scope).
    pub projected: bool,
    /// Projected shares, percent, every party with a non-zero share.
    pub shares: BTreeMap<String, f64>,
}

/// Per-party summary row.
#[derive(Serialize, Debug, Clone)]
pub struct PartyRow {
    pub party: String,
    pub baseline_seats: u32,
    pub seats: u32,
    pub change: i64,
    /// Baseline share over the projected GB seats (the Speaker's excluded), percent.
    pub baseline_share: f64,
    /// Projected share over the same seats, percent (vote-weighted, baseline turnout).
    pub projected_share: f64,
}

/// A deterministic projection, everything an analyst needs to check it.
#[derive(Serialize, Debug)]
pub struct ProjectionReport {
    /// Which figure this is: always the central projection ([`CENTRAL`]).
    pub figure: &'static str,
    pub scenario: String,
    pub baseline: String,
    pub model: crate::scenario::Model,
    pub scope: crate::scenario::Scope,
    /// Target shares of the scope-wide area (GB or England), percent.
    pub national_shares: BTreeMap<String, f64>,
    /// Baseline GB shares over the projected seats, percent.
    pub baseline_gb_shares: BTreeMap<String, f64>,
    /// Projected GB shares over the same seats (vote-weighted), percent; differs from the targets where UNS clipped.
    pub projected_gb_shares: BTreeMap<String, f64>,
    pub areas: Vec<AreaReport>,
    pub baseline_seats: BTreeMap<String, u32>,
    pub seats: BTreeMap<String, u32>,
    pub total_seats: u32,
    pub parties: Vec<PartyRow>,
    pub notes: Vec<String>,
    /// Covariate slopes and tactical voting, when the scenario has any that move a seat.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub geography: Option<crate::scenario::Geography>,
    pub constituencies: Vec<ConstituencyReport>,
}

impl ProjectionReport {
    pub fn build(baseline: &Baseline, scenario: &Scenario, plan: &Plan, projection: &Projection) -> ProjectionReport {
        let gb = |k: usize| Baseline::is_gb_party_seat(&baseline.seats[k]);
        let base_gb = baseline.shares_over(Baseline::is_gb_party_seat);
        let proj_gb = projection.shares_over(baseline, gb);
        let base_seats = baseline.seat_counts();
        let seats = projection.seat_counts();
        let national = plan.national_target().unwrap_or(base_gb);
        let mut parties: Vec<PartyRow> = Party::all()
            .filter(|p| {
                base_seats[p.index()] > 0
                    || seats[p.index()] > 0
                    || base_gb[p.index()] >= 0.001
                    || proj_gb[p.index()] >= 0.001
            })
            .map(|p| PartyRow {
                party: p.code().to_string(),
                baseline_seats: base_seats[p.index()],
                seats: seats[p.index()],
                change: seats[p.index()] as i64 - base_seats[p.index()] as i64,
                baseline_share: pct(base_gb[p.index()]),
                projected_share: pct(proj_gb[p.index()]),
            })
            .collect();
        parties.sort_by(|a, b| b.seats.cmp(&a.seats).then(b.projected_share.total_cmp(&a.projected_share)));
        let areas = plan.areas.iter().map(AreaReport::new).collect();
        let constituencies = baseline
            .seats
            .iter()
            .enumerate()
            .map(|(k, c)| ConstituencyReport {
                code: c.code.clone(),
                name: c.name.clone(),
                region: c.region.name().to_string(),
                nation: c.nation.name().to_string(),
                baseline_winner: c.winner.code().to_string(),
                winner: projection.winners[k].code().to_string(),
                projected: projection.moved[k],
                shares: share_map(&projection.shares[k]),
            })
            .collect();
        ProjectionReport {
            figure: CENTRAL,
            scenario: scenario.name.clone(),
            baseline: baseline.name.clone(),
            model: scenario.model,
            scope: scenario.scope,
            national_shares: share_map(&national),
            baseline_gb_shares: share_map(&base_gb),
            projected_gb_shares: share_map(&proj_gb),
            areas,
            baseline_seats: seat_map(&base_seats),
            seats: seat_map(&seats),
            total_seats: seats.iter().sum(),
            parties,
            notes: plan.notes.clone(),
            geography: plan.geography.is_some().then(|| scenario.geography.clone()),
            constituencies,
        }
    }
}
