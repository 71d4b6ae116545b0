//! The votes-to-seats sweep: central seats as the swing between the two leading parties runs from −15 to +15.

use crate::baseline::Baseline;
use crate::party::{N_PARTIES, Party, PartyVec};
use crate::project::{Plan, Projection, project_with};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Largest swing of the sweep either way, points.
pub const SWEEP_MAX: f64 = 15.0;
/// Step of the sweep, points.
pub const SWEEP_STEP: f64 = 0.5;

/// Deterministic projections of the scenario with a swing between its two leading parties.
///
/// A swing of `s` points adds `s/2` points to `to`'s target share and takes `s/2` points from `from`'s, in the
/// target shares of every area the scenario sets (the scope-wide shares and any nation/region table); every other
/// party keeps its target. So `to`'s lead over `from` grows by `s` points.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct SwingSweep {
    /// The leading party of the scope-wide target shares (ties: more central seats, then column order).
    pub to: String,
    /// The second party.
    pub from: String,
    /// The areas whose targets are swung, e.g. `["England"]`.
    pub areas: Vec<String>,
    /// `to`'s lead over `from` in the scope-wide targets at the scenario (swing 0), points.
    pub scenario_lead: f64,
    /// The swing at each step, points: −15, −14.5, …, +15 (steps that would take a target below 0 or above 100
    /// are left out).
    pub swing: Vec<f64>,
    /// Central seats at each step, for every party with a seat at some step.
    pub seats: BTreeMap<String, Vec<u32>>,
}

/// Computes the sweep (in parallel; the result does not depend on the thread count). `None` when the scenario
/// has fewer than two parties with a target share.
pub fn sweep(baseline: &Baseline, plan: &Plan, central: &Projection) -> Option<SwingSweep> {
    let reference = plan.national_target()?;
    let counts = central.seat_counts();
    let mut order: Vec<Party> = Party::all()
        .filter(|p| ![Party::SPEAKER, Party::IND, Party::OTHER].contains(p) && reference[p.index()] > 0.0)
        .collect();
    order.sort_by(|a, b| {
        reference[b.index()]
            .total_cmp(&reference[a.index()])
            .then(counts[b.index()].cmp(&counts[a.index()]))
            .then(a.cmp(b))
    });
    let (to, from) = match order[..] {
        [a, b, ..] => (a, b),
        _ => return None,
    };
    let steps = (2.0 * SWEEP_MAX / SWEEP_STEP).round() as i64;
    let mut swings = Vec::new();
    let mut targets: Vec<Vec<PartyVec>> = Vec::new();
    'step: for i in 0..=steps {
        let s = -SWEEP_MAX + i as f64 * SWEEP_STEP;
        let mut step = Vec::with_capacity(plan.areas.len());
        for a in &plan.areas {
            let mut t = a.target;
            t[to.index()] += s / 200.0;
            t[from.index()] -= s / 200.0;
            if [t[to.index()], t[from.index()]].iter().any(|v| !(-1e-12..=1.0 + 1e-12).contains(v)) {
                continue 'step;
            }
            t[to.index()] = t[to.index()].clamp(0.0, 1.0);
            t[from.index()] = t[from.index()].clamp(0.0, 1.0);
            step.push(t);
        }
        swings.push(s);
        targets.push(step);
    }
    let counts: Vec<[u32; N_PARTIES]> =
        targets.par_iter().map(|t| project_with(baseline, plan, t).seat_counts()).collect();
    let seats = Party::all()
        .filter(|p| counts.iter().any(|c| c[p.index()] > 0))
        .map(|p| (p.code().to_string(), counts.iter().map(|c| c[p.index()]).collect()))
        .collect();
    let lead = (reference[to.index()] - reference[from.index()]) * 100.0;
    Some(SwingSweep {
        to: to.code().into(),
        from: from.code().into(),
        areas: plan.areas.iter().map(|a| a.label.clone()).collect(),
        scenario_lead: crate::round::round6(lead),
        swing: swings,
        seats,
    })
}
