//! Moving one party's share: its target in every area shifted by Δ, the other parties scaled so each area sums to 1.
//!
//! In each area of the plan the party's target P becomes x = P + Δ, kept within [0, R]; every other party's target
//! but the held parties' (which stay as they are) is multiplied by the same factor (1 − H − x) / (1 − H − P), H
//! being the held parties' targets, so the area still sums to 1 and the others keep their proportions. R is all the
//! held parties leave, 1 − H; when the plan rakes, [`REACH`] of that and of the vote share of the seats where the
//! model gives the party votes, so that every target can be met (never below P). At Δ = 0 the targets are the
//! plan's, bit for bit. The party's national share at Δ is its target share over the seats the scope-wide figures
//! cover (GB, or England under `scope = "england"`; every moved seat when the scenario has only nation or region
//! tables), vote-weighted with the baseline's turnout. The range searched ([`Shift::range`]) runs from the party at
//! 0 in every area to the party at R in every area.

use crate::baseline::Baseline;
use crate::geo::Nation;
use crate::party::{N_PARTIES, Party, PartyVec};
use crate::project::Plan;
use crate::scenario::Scope;

/// One party's share moved by Δ across a plan's areas.
#[derive(Clone, Debug)]
pub struct Shift {
    pub party: Party,
    /// Each area's targets and baseline shares (the fallback proportions when no other party has a target).
    targets: Vec<PartyVec>,
    base: Vec<PartyVec>,
    /// Parties held in each area (the moved party never is).
    held: Vec<[bool; N_PARTIES]>,
    /// Valid votes of each area's seats that the national share is over.
    weights: Vec<f64>,
    /// The most the search gives the party in each area: what the held parties leave; when the plan rakes,
    /// [`REACH`] of that and of the vote share of the seats where the model gives it votes.
    reach: Vec<f64>,
}

/// When the plan rakes, the search upwards stops where the party has this fraction of what it can reach: beyond it
/// the others are squeezed into the seats where it gets no votes, and raking converges ever more slowly, then not at
/// all (targets it cannot meet).
pub const REACH: f64 = 0.9;

impl Shift {
    /// The shift of `party` in `plan`'s areas; `scope` says which seats the national share is over.
    pub fn new(baseline: &Baseline, plan: &Plan, scope: Scope, party: Party) -> Shift {
        let national = |c: &crate::baseline::Constituency| {
            plan.national.is_none() || scope == Scope::Gb || c.nation == Nation::England
        };
        let mut weights = vec![0.0; plan.areas.len()];
        for (c, a) in baseline.seats.iter().zip(&plan.seat_area) {
            if let Some(a) = *a
                && national(c)
            {
                weights[a] += c.valid_votes;
            }
        }
        let held = plan.areas.iter().map(|a| std::array::from_fn(|i| a.held[i] && i != party.index())).collect();
        let mut shift = Shift {
            party,
            targets: plan.areas.iter().map(|a| a.target).collect(),
            base: plan.areas.iter().map(|a| a.base).collect(),
            held,
            weights,
            reach: vec![],
        };
        let reach = |a: usize, area: &crate::project::AreaPlan| {
            let left = 1.0 - shift.held_share(a);
            if plan.rakes() { REACH * left.min(area.standing[party.index()]) } else { left }
        };
        shift.reach = plan.areas.iter().enumerate().map(|(a, area)| reach(a, area)).collect();
        shift
    }

    /// The held parties' share of area `a`.
    fn held_share(&self, a: usize) -> f64 {
        (0..N_PARTIES).filter(|&i| self.held[a][i]).map(|i| self.targets[a][i]).sum()
    }

    /// The party's target in area `a` at Δ: P + Δ within [0, R], R its reach there (never below P).
    fn share_in(&self, a: usize, delta: f64) -> f64 {
        let p = self.targets[a][self.party.index()];
        (p + delta).clamp(0.0, self.reach[a].max(p))
    }

    /// Every area's targets at Δ (a fraction: 0.01 is one point).
    pub fn targets(&self, delta: f64) -> Vec<PartyVec> {
        (0..self.targets.len()).map(|a| self.area_targets(a, delta)).collect()
    }

    fn area_targets(&self, a: usize, delta: f64) -> PartyVec {
        let (p, held) = (self.party.index(), &self.held[a]);
        let mut t = self.targets[a];
        let h = self.held_share(a);
        let x = self.share_in(a, delta);
        let (free, left) = (1.0 - h - t[p], 1.0 - h - x);
        let others = |i: usize| i != p && !held[i];
        if free > 0.0 {
            let factor = left / free;
            (0..N_PARTIES).filter(|&i| others(i)).for_each(|i| t[i] *= factor);
        } else {
            // No other party has a target to scale: share what the party gives up by their baseline shares.
            let base: f64 = (0..N_PARTIES).filter(|&i| others(i)).map(|i| self.base[a][i]).sum();
            if base <= 0.0 {
                return t;
            }
            (0..N_PARTIES).filter(|&i| others(i)).for_each(|i| t[i] = self.base[a][i] * left / base);
        }
        t[p] = x;
        t
    }

    /// The party's national target share at Δ (a fraction).
    pub fn national(&self, delta: f64) -> f64 {
        let total: f64 = self.weights.iter().sum();
        if total <= 0.0 {
            return 0.0;
        }
        self.weights.iter().enumerate().map(|(a, w)| w * self.share_in(a, delta)).sum::<f64>() / total
    }

    /// The Δ range searched: down to where the party has nothing in any area, up to where it has its reach R in
    /// every area.
    pub fn range(&self) -> (f64, f64) {
        let p = self.party.index();
        let n = self.targets.len();
        let down = (0..n).map(|a| self.targets[a][p]).fold(0.0, f64::max);
        let up = (0..n).map(|a| (self.reach[a] - self.targets[a][p]).max(0.0)).fold(0.0, f64::max);
        (-down, up)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::load_baseline;
    use crate::scenario::Scenario;

    #[test]
    fn areas_still_sum_to_one_and_others_keep_their_proportions() {
        let s =
            Scenario { shares: vec![(Party::LAB, 0.36), (Party::CON, 0.29), (Party::LD, 0.15)], ..Scenario::default() };
        let b = load_baseline(&s).unwrap();
        let plan = Plan::new(&b, &s, "test").unwrap();
        let shift = Shift::new(&b, &plan, Scope::Gb, Party::LAB);
        assert_eq!(shift.targets(0.0), vec![plan.areas[0].target]);
        let t = &shift.targets(0.05)[0];
        let p = &plan.areas[0].target;
        assert!((t.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!((t[Party::LAB.index()] - 0.41).abs() < 1e-15);
        // SNP and Plaid are held; every other party is scaled by the same factor.
        assert_eq!(t[Party::SNP.index()], p[Party::SNP.index()]);
        let factor = t[Party::CON.index()] / p[Party::CON.index()];
        assert!((t[Party::GREEN.index()] / p[Party::GREEN.index()] - factor).abs() < 1e-12);
        assert!((shift.national(0.05) - 0.41).abs() < 1e-12);
        let (lo, hi) = shift.range();
        assert!((lo + 0.36).abs() < 1e-15);
        let held = p[Party::SNP.index()] + p[Party::PC.index()];
        assert!((hi - (1.0 - held - 0.36)).abs() < 1e-12);
        // Beyond the range the share stays within [0, 1 − H].
        assert_eq!(shift.targets(-0.5)[0][Party::LAB.index()], 0.0);
        // Raked, the search stops at 90 % of what the party can reach where it stands.
        let s = Scenario { model: crate::scenario::Model::Hybrid, ..s };
        let plan = Plan::new(&b, &s, "test").unwrap();
        let (_, hi) = Shift::new(&b, &plan, Scope::Gb, Party::LAB).range();
        let w = plan.areas[0].standing[Party::LAB.index()];
        assert!((hi - (REACH * (1.0 - held).min(w) - 0.36)).abs() < 1e-12);
    }
}
