//! Area targets a projection misses: a named party whose model could not give or take its change, and why.
//!
//! The check is on each named party's *own* share before the seats are renormalised — what the swing model gave
//! it, vote-weighted over the seats its area moves — against its target. A party that did not stand in some seats
//! gets nothing there under uniform or proportional swing, and a falling party is clipped at 0 under uniform
//! swing: those are the misses reported. The renormalisation that follows (every party in a seat scaled alike when
//! another party was clipped or could not stand) is the broadcasters' convention and is not reported on its own;
//! the achieved share quoted is the final one. Raked models meet their targets, so only what raking could not
//! reach is reported there.

use super::{Plan, Projection, swings};
use crate::baseline::Baseline;
use crate::party::{N_PARTIES, Party, PartyVec};
use crate::scenario::Model;

/// The largest difference (percentage points) between a named party's own share and its target that passes
/// silently.
pub const MISS_POINTS: f64 = 0.5;

/// One missed target, with the seats that explain it.
#[derive(Clone, Debug, PartialEq)]
pub struct Miss {
    pub area: String,
    pub party: Party,
    /// Target, the party's own share before renormalisation, and the achieved (final) share: fractions over the
    /// seats the area moves, vote-weighted.
    pub target: f64,
    pub own: f64,
    pub achieved: f64,
    /// Seats the area moves.
    pub seats: usize,
    /// Of those, seats where the model gives the party nothing because it did not stand at the baseline.
    pub not_standing: usize,
    /// Seats where it stood but its share fell below 0 and was clipped.
    pub clipped: usize,
}

/// Every named party's target that the projection misses by more than [`MISS_POINTS`], area by area.
pub fn misses(baseline: &Baseline, plan: &Plan, projection: &Projection) -> Vec<Miss> {
    let targets: Vec<PartyVec> = plan.areas.iter().map(|a| a.target).collect();
    let swings = swings(plan, &targets);
    let mut out = Vec::new();
    for (a, area) in plan.areas.iter().enumerate() {
        let moved = |k: usize| plan.seat_area[k] == Some(a);
        let achieved = projection.shares_over(baseline, moved);
        // Raked seats meet their targets: what is left is a target raking could not reach.
        let own = if plan.rakes() { achieved } else { own_shares(baseline, plan, &swings, moved) };
        for i in (0..N_PARTIES).filter(|&i| area.named[i]) {
            if (own[i] - area.target[i]).abs() * 100.0 <= MISS_POINTS {
                continue;
            }
            let mut miss = Miss {
                area: area.label.clone(),
                party: Party::from_index(i),
                target: area.target[i],
                own: own[i],
                achieved: achieved[i],
                seats: 0,
                not_standing: 0,
                clipped: 0,
            };
            for (k, c) in baseline.seats.iter().enumerate().filter(|(k, _)| moved(*k)) {
                miss.seats += 1;
                if c.shares[i] == 0.0 && !plan.stands[i] && plan.model != Model::Stm {
                    miss.not_standing += 1;
                } else if c.shares[i] > 0.0 && projection.shares[k][i] == 0.0 {
                    miss.clipped += 1;
                }
            }
            out.push(miss);
        }
    }
    out
}

/// Each party's share before renormalisation over the seats `moved` selects, vote-weighted.
fn own_shares(baseline: &Baseline, plan: &Plan, swings: &[super::Swing], moved: impl Fn(usize) -> bool) -> PartyVec {
    let (mut sum, mut votes) = ([0.0; N_PARTIES], 0.0);
    for (k, c) in baseline.seats.iter().enumerate().filter(|(k, _)| moved(*k)) {
        if let Some(raw) = super::raw_shares(baseline, plan, swings, k) {
            for i in 0..N_PARTIES {
                sum[i] += c.valid_votes * raw[i];
            }
            votes += c.valid_votes;
        }
    }
    if votes > 0.0 {
        sum.iter_mut().for_each(|s| *s /= votes);
    }
    sum
}

impl Miss {
    /// The warning: the party, its target and achieved share, the cause and what to do about it.
    pub fn message(&self, model: Model) -> String {
        let (p, n) = (self.party, self.seats);
        let mut causes = Vec::new();
        let mut fixes = Vec::new();
        if self.not_standing > 0 && self.own < self.target {
            causes.push(format!(
                "it did not stand in {} of the {n} seats at the baseline, where {} gives it no votes",
                self.not_standing,
                model.code()
            ));
            fixes.push(format!("list '{p}' in stands_everywhere (or map it onto its predecessor with [lineage])"));
            fixes.push("use the stm or hybrid model".to_string());
        }
        if self.clipped > 0 && self.own > self.target {
            causes.push(format!("its share fell below 0 and was clipped at 0 in {} of the {n} seats", self.clipped));
            fixes.push(
                "use the proportional or hybrid model, which scale a falling share instead of subtracting".into(),
            );
        }
        if causes.is_empty() {
            causes.push(format!("{} could not place its change in the seats", model.code()));
            fixes.push("use the hybrid model".into());
        }
        format!(
            "{}: '{p}' reaches {:.1}% against its target of {:.1}% ({:+.1} points before the seats are renormalised): {}; to meet it, {}",
            self.area,
            self.achieved * 100.0,
            self.target * 100.0,
            (self.own - self.target) * 100.0,
            causes.join("; "),
            fixes.join(", or ")
        )
    }
}
