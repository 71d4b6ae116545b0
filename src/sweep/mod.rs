//! `pns sweep`: a scenario's projection (and simulated summary) over a grid of one or two parties' shares, or
//! several scenario files' side by side.
//!
//! Every point is computed from the scenario, its index and the seed alone (every point uses the same seed), so
//! points can be computed in any order, on any thread, or split across machines, with the same result; the point
//! at the scenario's own shares (or a listed scenario) is exactly `pns run` of the scenario with that seed.

pub mod counts;
pub mod grid;
pub mod list;
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
    /// The scenario's model and scope (absent for a list of scenarios: each point gives its own model).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<crate::scenario::Model>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<crate::scenario::Scope>,
    /// The swept axes (absent for a list of scenarios, `y` null with one axis).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub x: Option<AxisInfo>,
    pub y: Option<AxisInfo>,
    /// `scale` or `hold`: what the other named parties do as the swept ones move (absent for a list).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub others: Option<String>,
    /// The scenario's own named shares, percent (absent for a list).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scenario_shares: Option<std::collections::BTreeMap<String, f64>>,
    /// Simulations per point (0: projections only).
    pub sims: u64,
    /// The seed every point uses (absent without simulations).
    pub seed: Option<u64>,
    pub chunk_size: u64,
    pub total_seats: u32,
    pub majority: u32,
    /// The parties every point lists.
    pub parties: Vec<String>,
    /// The points, x fastest: point `index` is at `(index % x.n, index / x.n)`; or the listed scenarios in order.
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

/// What a sweep's points are: a grid of shares over one scenario, or a list of scenarios.
#[derive(Clone, Debug)]
pub enum Points {
    Grid(Grid),
    /// The listed scenarios (all on the same baseline) and the simulations each point runs.
    List {
        scenarios: Vec<Scenario>,
        sims: u64,
    },
}

impl Points {
    pub fn len(&self) -> u64 {
        match self {
            Points::Grid(g) => g.len(),
            Points::List { scenarios, .. } => scenarios.len() as u64,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Simulations per point.
    pub fn sims(&self) -> u64 {
        match self {
            Points::Grid(g) => g.spec.sims,
            Points::List { sims, .. } => *sims,
        }
    }

    /// The scenario point `k` projects: `base` with the grid's shares, or the `k`-th listed scenario.
    pub fn scenario(&self, base: &Scenario, k: u64) -> Scenario {
        match self {
            Points::Grid(g) => {
                let mut s = base.clone();
                s.shares = g.shares(k);
                s
            }
            Points::List { scenarios, .. } => scenarios[k as usize].clone(),
        }
    }
}

/// The parties every point lists: those with a vote or a seat in the baseline, named, or standing everywhere (in
/// any of `scenarios`).
pub fn parties(baseline: &Baseline, scenarios: &[&Scenario]) -> Vec<Party> {
    Party::all()
        .filter(|p| {
            baseline.seats.iter().any(|c| c.shares[p.index()] > 0.0 || c.winner == *p)
                || scenarios.iter().any(|s| s.shares.iter().any(|(q, _)| q == p) || s.stands_everywhere.contains(p))
        })
        .collect()
}

/// Computes the integer results of the points `range`, [`BLOCK`] at a time: a block's points are prepared in
/// parallel, then simulated together ([`crate::engine::simulate_many`]: each chunk's normals drawn once for the
/// whole block, the points in parallel); `done(n)` is called after each block with the number of points done.
pub fn count(cx: &Context, range: std::ops::Range<u64>, done: &dyn Fn(u64)) -> anyhow::Result<Vec<PointCounts>> {
    let mut points = Vec::with_capacity((range.end - range.start).min(1 << 20) as usize);
    let mut start = range.start;
    while start < range.end {
        let end = (start + BLOCK).min(range.end);
        let block: Vec<point::Prepared> =
            (start..end).into_par_iter().map(|k| point::prepare(cx, k)).collect::<anyhow::Result<_>>()?;
        let models: Vec<&crate::engine::SimModel> = block.iter().filter_map(|p| p.model.as_ref()).collect();
        let isa = crate::engine::Isa::detect();
        let mut tallies = crate::engine::simulate_many(isa, &models, cx.points.sims(), cx.seed).into_iter();
        for p in block {
            points.push(match &p.model {
                Some(m) => point::simulated(cx, p.counts, m, &tallies.next().expect("a tally per model")),
                None => p.counts,
            });
        }
        done(end - range.start);
        start = end;
    }
    Ok(points)
}

/// The sweep as reported, from the integer results of all its points (in grid order).
pub fn assemble(cx: &Context, counts: &[PointCounts]) -> Sweep {
    debug_assert_eq!(counts.len() as u64, cx.points.len());
    let points = counts.iter().enumerate().map(|(k, c)| point::finish(cx, k as u64, c)).collect();
    let s = cx.scenario;
    let grid = match cx.points {
        Points::Grid(g) => Some(&g.spec),
        Points::List { .. } => None,
    };
    let sims = cx.points.sims();
    Sweep {
        format: FORMAT.into(),
        pns_version: env!("CARGO_PKG_VERSION").into(),
        scenario: s.name.clone(),
        file: s.path.as_ref().map(|p| p.display().to_string()),
        baseline: cx.baseline.name.clone(),
        model: grid.map(|_| s.model),
        scope: grid.map(|_| s.scope),
        x: grid.map(|g| AxisInfo::of(&g.x)),
        y: grid.and_then(|g| g.y.as_ref().map(AxisInfo::of)),
        others: grid.map(|g| g.others.code().into()),
        scenario_shares: grid
            .map(|_| s.shares.iter().map(|(p, v)| (p.code().to_string(), crate::round::pct(*v))).collect()),
        sims,
        seed: (sims > 0).then_some(cx.seed),
        chunk_size: crate::engine::CHUNK,
        total_seats: cx.baseline.seats.len() as u32,
        majority: cx.majority,
        parties: cx.parties.iter().map(|p| p.code().to_string()).collect(),
        points,
    }
}
