//! A party's target seats (or the seats it defends): each with its holder, majority and the share at which it falls.

use super::Margin;
use super::crossing::{Direction, Found, search};
use super::shift::Shift;
use crate::baseline::Baseline;
use crate::party::Party;
use crate::project::{Plan, Projection};
use crate::round::{pct, round6};
use crate::scenario::Scenario;
use serde::Serialize;

/// The list `pns targets` prints.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct TargetList {
    pub scenario: String,
    pub baseline: String,
    pub model: crate::scenario::Model,
    pub party: String,
    /// `targets` (the seats it does not win, by the rise it needs) or `defend` (the seats it wins, by the fall it
    /// survives).
    pub kind: String,
    /// The party's national target share in the scenario, percent (GB, England under `scope = "england"`).
    pub national_share: f64,
    /// The area whose share `national_share` is: `GB`, `England` or `moved seats`.
    pub national_area: String,
    /// The seats, in order (at most `--top`).
    pub seats: Vec<TargetSeat>,
    /// Seats that change hands somewhere in the feasible range, and seats that never do.
    pub within_reach: usize,
    pub out_of_reach: usize,
    /// The party's national share at the end of the range searched, percent.
    pub range_end_share: f64,
}

/// One seat of the list.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct TargetSeat {
    pub rank: usize,
    pub code: String,
    pub name: String,
    pub region: String,
    /// Winner in the scenario's projection, and its runner-up there.
    pub holder: String,
    pub runner_up: Option<String>,
    /// The holder's majority in the projection: points, and votes at the baseline's turnout.
    pub majority_points: f64,
    pub majority_votes: f64,
    /// Change in the party's share (points; every area moves by it) at which the seat changes hands.
    pub change: f64,
    /// The party's national share at that point, percent.
    pub falls_at: f64,
    /// Who wins the seat just past that point.
    pub to: String,
}

/// The first `top` seats the party does not win (or, `defend`, wins) in the projection, ordered by the change in its
/// share at which they change hands.
pub fn targets(
    baseline: &Baseline,
    scenario: &Scenario,
    plan: &Plan,
    central: &Projection,
    party: Party,
    defend: bool,
    top: usize,
) -> TargetList {
    let shift = Shift::new(baseline, plan, scenario.scope, party);
    let dir = if defend { Direction::Defend } else { Direction::Gain };
    let seats: Vec<usize> = (0..baseline.seats.len())
        .filter(|&k| plan.seat_area[k].is_some() && (central.winners[k] == party) == defend)
        .collect();
    let found = search(baseline, plan, central, &shift, dir, &seats, top);
    list(baseline, scenario, plan, central, &shift, defend, &found)
}

fn list(
    baseline: &Baseline,
    scenario: &Scenario,
    plan: &Plan,
    central: &Projection,
    shift: &Shift,
    defend: bool,
    found: &Found,
) -> TargetList {
    let seats = found
        .crossings
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let c = &baseline.seats[x.seat];
            let m = Margin::of(&central.shares[x.seat], c.winner, c.valid_votes);
            TargetSeat {
                rank: i + 1,
                code: c.code.clone(),
                name: c.name.clone(),
                region: c.region.name().to_string(),
                holder: m.winner.code().to_string(),
                runner_up: m.runner_up.map(|p| p.code().to_string()),
                majority_points: round6(m.points),
                majority_votes: m.votes.round(),
                change: pct(x.delta),
                falls_at: pct(shift.national(x.delta)),
                to: x.to.code().to_string(),
            }
        })
        .collect();
    let national_area = match (plan.national.is_some(), scenario.scope) {
        (false, _) => "moved seats",
        (true, crate::scenario::Scope::Gb) => "GB",
        (true, crate::scenario::Scope::England) => "England",
    };
    TargetList {
        scenario: scenario.name.clone(),
        baseline: baseline.name.clone(),
        model: scenario.model,
        party: shift.party.code().to_string(),
        kind: if defend { "defend" } else { "targets" }.to_string(),
        national_share: pct(shift.national(0.0)),
        national_area: national_area.to_string(),
        seats,
        within_reach: found.within,
        out_of_reach: found.out_of_reach,
        range_end_share: pct(shift.national(found.limit)),
    }
}
