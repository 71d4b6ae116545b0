//! One point of a sweep, computed from the scenario, the point's index and the seed alone: its projection and,
//! with simulations, the summary figures `pns run` would report for those shares (integers first, then figures).

use super::Points;
use super::counts::PointCounts;
use crate::baseline::Baseline;
use crate::engine::{SimModel, Tally};
use crate::party::{N_PARTIES, Party};
use crate::project::{Plan, project};
use crate::round::{pct, prob, round6};
use crate::scenario::Scenario;
use crate::summary::quantile;
use serde::Serialize;
use std::collections::BTreeMap;

/// What a sweep needs at every point: the scenario (for a list, the sweep file's name and path on the first listed
/// scenario), its baseline, the points, the parties reported, the seed.
pub struct Context<'a> {
    pub scenario: &'a Scenario,
    pub baseline: &'a Baseline,
    pub points: &'a Points,
    /// The parties with a row at every point (in party order).
    pub parties: &'a [Party],
    pub seed: u64,
    /// The majority threshold.
    pub majority: u32,
}

/// One point's result.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct Point {
    /// Index in the grid (x fastest), and the position on each axis.
    pub index: u64,
    pub i: u64,
    pub j: u64,
    /// The swept shares, percent (absent for a list of scenarios; `y` null with one axis).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub x: Option<f64>,
    pub y: Option<f64>,
    /// A listed scenario's name, file and model (absent on a grid).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scenario: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<crate::scenario::Model>,
    /// The named shares the point projects, percent.
    pub shares: BTreeMap<String, f64>,
    /// The most likely outcome ("lab majority", "hung, lab largest", "hung, tie for largest"): over the simulations,
    /// or of the deterministic projection without them.
    pub outcome: String,
    /// Its probability (absent without simulations).
    pub outcome_probability: Option<f64>,
    /// P(no party reaches the majority) (absent without simulations).
    pub p_hung: Option<f64>,
    pub parties: Vec<PartyPoint>,
}

/// One party at one point.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct PartyPoint {
    pub party: String,
    /// Seats in the deterministic projection.
    pub central: u32,
    /// Simulated figures as `pns run` computes them (absent without simulations).
    pub mean: Option<f64>,
    pub median: Option<u32>,
    pub p5: Option<u32>,
    pub p95: Option<u32>,
    pub p_majority: Option<f64>,
    pub p_largest: Option<f64>,
}

/// Point `k` before its simulations: its integer results so far (the projection; all of them without
/// simulations) and, with simulations, the model to simulate.
pub struct Prepared {
    pub counts: PointCounts,
    pub model: Option<SimModel>,
}

/// Prepares point `k`: its plan, projection and (with simulations) model.
pub fn prepare(cx: &Context, k: u64) -> anyhow::Result<Prepared> {
    let s = cx.points.scenario(cx.scenario, k);
    let plan = Plan::new(cx.baseline, &s, &s.file_label()).map_err(|e| s.locate(e))?;
    let central = project(cx.baseline, &plan);
    let seats = central.seat_counts();
    let mut c = PointCounts { central: listed(cx, &|p| u64::from(seats[p.index()])), ..PointCounts::default() };
    if cx.points.sims() == 0 {
        c.outcome = central_outcome(&seats, cx.majority) as u64;
        let zeros = || vec![0; cx.parties.len()];
        (c.seat_sum, c.median, c.p5, c.p95, c.majority, c.largest) =
            (zeros(), zeros(), zeros(), zeros(), zeros(), zeros());
        return Ok(Prepared { counts: c, model: None });
    }
    let model = SimModel::new(cx.baseline, &s, &plan, &central, vec![])?;
    Ok(Prepared { counts: c, model: Some(model) })
}

/// `f` of each reported party, in order.
fn listed(cx: &Context, f: &dyn Fn(Party) -> u64) -> Vec<u64> {
    cx.parties.iter().map(|&p| f(p)).collect()
}

/// A prepared point's integer results once its simulations are tallied in `t`.
pub fn simulated(cx: &Context, mut c: PointCounts, model: &SimModel, t: &Tally) -> PointCounts {
    let width = model.total_seats as usize + 1;
    let hist = |p: Party| &t.hist[p.index() * width..(p.index() + 1) * width];
    c.seat_sum = listed(cx, &|p| hist(p).iter().enumerate().map(|(s, n)| s as u64 * n).sum());
    c.median = listed(cx, &|p| u64::from(quantile(hist(p), t.sims, 0.5)));
    c.p5 = listed(cx, &|p| u64::from(quantile(hist(p), t.sims, 0.05)));
    c.p95 = listed(cx, &|p| u64::from(quantile(hist(p), t.sims, 0.95)));
    c.majority = listed(cx, &|p| t.majority[p.index()]);
    c.largest = listed(cx, &|p| t.largest[p.index()]);
    c.hung = t.hung;
    let best = likeliest(t);
    (c.outcome, c.outcome_count) = (best as u64, t.outcomes[best]);
    c
}

/// Point `k` as reported, from its integer results `c`.
pub fn finish(cx: &Context, k: u64, c: &PointCounts) -> Point {
    let sims = cx.points.sims();
    let simulated = |v: &dyn Fn() -> f64| (sims > 0).then(v);
    // The point's place and shares, borrowed from the grid or the listed scenario (no scenario cloned).
    let ((i, j), (x, y), shares, listed) = match cx.points {
        Points::Grid(g) => {
            let (x, y) = g.values(k);
            (g.coords(k), (Some(x), y), g.shares(k), None)
        }
        Points::List { scenarios, .. } => {
            let s = &scenarios[k as usize];
            ((k, 0), (None, None), s.shares.clone(), Some(s))
        }
    };
    let parties = cx
        .parties
        .iter()
        .enumerate()
        .map(|(n, p)| PartyPoint {
            party: p.code().to_string(),
            central: c.central[n] as u32,
            mean: simulated(&|| round6(c.seat_sum[n] as f64 / sims as f64)),
            median: (sims > 0).then_some(c.median[n] as u32),
            p5: (sims > 0).then_some(c.p5[n] as u32),
            p95: (sims > 0).then_some(c.p95[n] as u32),
            p_majority: simulated(&|| prob(c.majority[n], sims)),
            p_largest: simulated(&|| prob(c.largest[n], sims)),
        })
        .collect();
    Point {
        index: k,
        i,
        j,
        x,
        y,
        scenario: listed.map(|s| s.name.clone()),
        file: listed.map(|s| s.file_label()),
        model: listed.map(|s| s.model),
        shares: shares.iter().map(|(p, v)| (p.code().to_string(), pct(*v))).collect(),
        outcome: outcome_name(c.outcome as usize),
        outcome_probability: simulated(&|| prob(c.outcome_count, sims)),
        p_hung: simulated(&|| prob(c.hung, sims)),
        parties,
    }
}

/// The outcome with the most simulations (the first in the tally's order on a tie).
fn likeliest(t: &Tally) -> usize {
    let mut best = 0;
    for (i, &c) in t.outcomes.iter().enumerate() {
        if c > t.outcomes[best] {
            best = i;
        }
    }
    best
}

/// The name of outcome `i` of a tally (the same words as summary.json's outcomes).
pub fn outcome_name(i: usize) -> String {
    if i < N_PARTIES {
        format!("{} majority", Party::from_index(i))
    } else if i < 2 * N_PARTIES {
        format!("hung, {} largest", Party::from_index(i - N_PARTIES))
    } else {
        "hung, tie for largest".to_string()
    }
}

/// The outcome of the deterministic projection (its index, as a tally's outcomes).
fn central_outcome(counts: &[u32; N_PARTIES], majority: u32) -> usize {
    let max = counts.iter().copied().max().unwrap_or(0);
    let top: Vec<usize> = (0..N_PARTIES).filter(|&p| counts[p] == max).collect();
    match top[..] {
        [p] if max >= majority => p,
        [p] => N_PARTIES + p,
        _ => 2 * N_PARTIES,
    }
}
