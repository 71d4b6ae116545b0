//! `pns sweep`: a scenario's projection (and simulated summary) over a grid of one or two parties' shares.
//!
//! Every point is computed from the scenario, its index and the seed alone (every point uses the scenario's seed),
//! so points can be computed in any order, on any thread, or split across machines, with the same result; the point
//! at the scenario's own shares is exactly `pns run` of the scenario.

pub mod counts;
pub mod grid;
pub mod point;
pub mod spec;

pub use counts::PointCounts;
pub use grid::Grid;
pub use point::{Context, PartyPoint, Point};
pub use spec::{Axis, Flags, Others, Spec};

use crate::baseline::Baseline;
use crate::party::Party;
use crate::scenario::Scenario;
use rayon::prelude::*;
use serde::Serialize;

/// The format tag of sweep.json.
pub const FORMAT: &str = "pns-sweep/1";

/// Points computed side by side before their results are kept (their tallies are dropped at once): memory holds
/// one block of tallies whatever the grid's size.
pub const BLOCK: u64 = 64;

/// Everything a sweep reports (`sweep.json`).
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct Sweep {
    /// Always [`FORMAT`].
    pub format: String,
    pub pns_version: String,
    pub scenario: String,
    pub file: Option<String>,
    pub baseline: String,
    pub model: crate::scenario::Model,
    pub scope: crate::scenario::Scope,
    pub x: AxisInfo,
    pub y: Option<AxisInfo>,
    /// `scale` or `hold`: what the other named parties do as the swept ones move.
    pub others: String,
    /// Simulations per point (0: projections only).
    pub sims: u64,
    /// The seed every point uses (absent without simulations).
    pub seed: Option<u64>,
    pub chunk_size: u64,
    pub total_seats: u32,
    pub majority: u32,
    /// The parties every point lists.
    pub parties: Vec<String>,
    /// The points, x fastest: point `index` is at `(index % x.n, index / x.n)`.
    pub points: Vec<Point>,
}

/// One axis as reported.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct AxisInfo {
    pub party: String,
    pub from: f64,
    pub to: f64,
    pub step: f64,
    pub n: u64,
}

impl AxisInfo {
    fn of(a: &Axis) -> AxisInfo {
        AxisInfo { party: a.party.code().to_string(), from: a.from, to: a.to, step: a.step, n: a.n }
    }
}

/// The parties every point lists: those with a vote or a seat in the baseline, named, or standing everywhere.
pub fn parties(baseline: &Baseline, scenario: &Scenario) -> Vec<Party> {
    Party::all()
        .filter(|p| {
            baseline.seats.iter().any(|c| c.shares[p.index()] > 0.0 || c.winner == *p)
                || scenario.shares.iter().any(|(q, _)| q == p)
                || scenario.stands_everywhere.contains(p)
        })
        .collect()
}

/// Computes the integer results of the points `range`, [`BLOCK`] at a time in parallel (each point's simulations
/// parallel too); `done(n)` is called after each block with the number of points done.
pub fn count(cx: &Context, range: std::ops::Range<u64>, done: &dyn Fn(u64)) -> anyhow::Result<Vec<PointCounts>> {
    let mut points = Vec::with_capacity((range.end - range.start).min(1 << 20) as usize);
    let mut start = range.start;
    while start < range.end {
        let end = (start + BLOCK).min(range.end);
        let block: Vec<PointCounts> =
            (start..end).into_par_iter().map(|k| point::count(cx, k)).collect::<anyhow::Result<_>>()?;
        points.extend(block);
        done(end - range.start);
        start = end;
    }
    Ok(points)
}

/// The sweep as reported, from the integer results of all its points (in grid order).
pub fn assemble(cx: &Context, counts: &[PointCounts]) -> Sweep {
    debug_assert_eq!(counts.len() as u64, cx.grid.len());
    let points = counts.iter().enumerate().map(|(k, c)| point::finish(cx, k as u64, c)).collect();
    let s = cx.scenario;
    let spec = &cx.grid.spec;
    Sweep {
        format: FORMAT.into(),
        pns_version: env!("CARGO_PKG_VERSION").into(),
        scenario: s.name.clone(),
        file: s.path.as_ref().map(|p| p.display().to_string()),
        baseline: cx.baseline.name.clone(),
        model: s.model,
        scope: s.scope,
        x: AxisInfo::of(&spec.x),
        y: spec.y.as_ref().map(AxisInfo::of),
        others: spec.others.code().into(),
        sims: spec.sims,
        seed: (spec.sims > 0).then_some(cx.seed),
        chunk_size: crate::engine::CHUNK,
        total_seats: cx.baseline.seats.len() as u32,
        majority: cx.majority,
        parties: cx.parties.iter().map(|p| p.code().to_string()).collect(),
        points,
    }
}
