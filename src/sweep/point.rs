//! One point of a sweep, computed from the scenario, the point's index and the seed alone: its projection and,
//! with simulations, the summary figures `pns run` would report for those shares.

use super::grid::Grid;
use crate::baseline::Baseline;
use crate::engine::{SimModel, Tally, simulate};
use crate::party::{N_PARTIES, Party};
use crate::project::{Plan, project};
use crate::round::{pct, prob, round6};
use crate::scenario::Scenario;
use crate::summary::quantile;
use serde::Serialize;
use std::collections::BTreeMap;

/// What a sweep needs at every point: the scenario, its baseline, the grid, the parties reported, the seed.
pub struct Context<'a> {
    pub scenario: &'a Scenario,
    pub baseline: &'a Baseline,
    pub grid: &'a Grid,
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
    /// The swept shares, percent.
    pub x: f64,
    pub y: Option<f64>,
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

/// Computes point `k`: its plan and projection, and `sims` simulations from the shared seed.
pub fn compute(cx: &Context, k: u64) -> anyhow::Result<Point> {
    let mut s = cx.scenario.clone();
    s.shares = cx.grid.shares(k);
    let plan = Plan::new(cx.baseline, &s, &s.file_label()).map_err(|e| s.locate(e))?;
    let central = project(cx.baseline, &plan);
    let counts = central.seat_counts();
    let sims = cx.grid.spec.sims;
    let tally = if sims > 0 {
        let model = SimModel::new(cx.baseline, &s, &plan, &central, vec![])?;
        Some((simulate(&model, sims, cx.seed, &|_| {}), model.total_seats as usize + 1))
    } else {
        None
    };
    let (i, j) = cx.grid.coords(k);
    let (x, y) = cx.grid.values(k);
    let (outcome, outcome_probability) = match &tally {
        Some((t, _)) => likeliest(t),
        None => (central_outcome(&counts, cx.majority), None),
    };
    Ok(Point {
        index: k,
        i,
        j,
        x,
        y,
        shares: s.shares.iter().map(|(p, v)| (p.code().to_string(), pct(*v))).collect(),
        outcome,
        outcome_probability,
        p_hung: tally.as_ref().map(|(t, _)| prob(t.hung, t.sims)),
        parties: cx.parties.iter().map(|&p| party_point(p, counts[p.index()], tally.as_ref())).collect(),
    })
}

fn party_point(p: Party, central: u32, tally: Option<&(Tally, usize)>) -> PartyPoint {
    let mut out = PartyPoint {
        party: p.code().to_string(),
        central,
        mean: None,
        median: None,
        p5: None,
        p95: None,
        p_majority: None,
        p_largest: None,
    };
    if let Some((t, width)) = tally {
        let (n, hist) = (t.sims, &t.hist[p.index() * width..(p.index() + 1) * width]);
        let total: u64 = hist.iter().enumerate().map(|(s, c)| s as u64 * c).sum();
        out.mean = Some(round6(total as f64 / n as f64));
        out.median = Some(quantile(hist, n, 0.5));
        out.p5 = Some(quantile(hist, n, 0.05));
        out.p95 = Some(quantile(hist, n, 0.95));
        out.p_majority = Some(prob(t.majority[p.index()], n));
        out.p_largest = Some(prob(t.largest[p.index()], n));
    }
    out
}

/// The outcome with the most simulations (the first in the tally's order on a tie) and its probability.
fn likeliest(t: &Tally) -> (String, Option<f64>) {
    let mut best = 0;
    for (i, &c) in t.outcomes.iter().enumerate() {
        if c > t.outcomes[best] {
            best = i;
        }
    }
    (outcome_name(best), Some(prob(t.outcomes[best], t.sims)))
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

/// The outcome of the deterministic projection.
fn central_outcome(counts: &[u32; N_PARTIES], majority: u32) -> String {
    let max = counts.iter().copied().max().unwrap_or(0);
    let top: Vec<usize> = (0..N_PARTIES).filter(|&p| counts[p] == max).collect();
    match top[..] {
        [p] if max >= majority => outcome_name(p),
        [p] => outcome_name(N_PARTIES + p),
        _ => outcome_name(2 * N_PARTIES),
    }
}
