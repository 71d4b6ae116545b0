//! The sweep's grid: each point's index, its place on the axes and the scenario shares it projects.

use super::spec::{Others, Spec};
use crate::error::InputError;
use crate::party::Party;
use crate::scenario::Scenario;

/// The points of a sweep over one scenario: point `k` is at `(i, j) = (k % nx, k / nx)`.
#[derive(Clone, Debug)]
pub struct Grid {
    pub spec: Spec,
    /// The scenario's GB (scope-wide) named shares, fractions, in its order.
    base: Vec<(Party, f64)>,
}

impl Grid {
    /// The grid of `spec` over `scenario`; each swept party must be one the scenario's `[shares]` names. Every point's
    /// shares are checked here (the named total within 0–100 %), before anything is simulated.
    pub fn new(spec: Spec, scenario: &Scenario) -> Result<Grid, InputError> {
        let file = scenario.file_label();
        let named: Vec<String> = scenario.shares.iter().map(|(p, _)| p.code().to_string()).collect();
        for (key, axis) in [("sweep.x.party", Some(&spec.x)), ("sweep.y.party", spec.y.as_ref())] {
            if let Some(a) = axis.filter(|a| !scenario.shares.iter().any(|(p, _)| *p == a.party)) {
                let list = if named.is_empty() { "none".to_string() } else { named.join(", ") };
                let m = format!("expected a party the scenario's [shares] names ({list}), found '{}'", a.party);
                return Err(match a.flag {
                    Some(flag) => InputError::new(flag, m),
                    None => scenario.locate(InputError::new(&file, m).field(key)),
                });
            }
        }
        let grid = Grid { spec, base: scenario.shares.clone() };
        grid.check_corners(&file)?;
        Ok(grid)
    }

    /// Number of points along x and y (1 without y).
    pub fn dims(&self) -> (u64, u64) {
        (self.spec.x.n, self.spec.y.as_ref().map_or(1, |y| y.n))
    }

    pub fn len(&self) -> u64 {
        let (nx, ny) = self.dims();
        nx * ny
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The axis position `(i, j)` of point `k`.
    pub fn coords(&self, k: u64) -> (u64, u64) {
        let nx = self.spec.x.n;
        (k % nx, k / nx)
    }

    /// The swept shares (percent) at point `k`: x's, and y's when there is a y.
    pub fn values(&self, k: u64) -> (f64, Option<f64>) {
        let (i, j) = self.coords(k);
        (self.spec.x.value(i), self.spec.y.as_ref().map(|y| y.value(j)))
    }

    /// The named shares (fractions, the scenario's order) at point `k`.
    pub fn shares(&self, k: u64) -> Vec<(Party, f64)> {
        let factor = self.factor(k);
        self.base.iter().map(|&(p, v)| (p, self.swept(k, p).unwrap_or(v * factor))).collect()
    }

    /// What the other named parties are multiplied by at point `k`: 1 under `hold`; under `scale`, their total then
    /// over their total in the scenario (1 when they have none).
    fn factor(&self, k: u64) -> f64 {
        let (then, now) = self.others_total(k);
        if self.spec.others == Others::Hold || then == 0.0 { 1.0 } else { now / then }
    }

    /// The other named parties' total in the scenario, and what the swept shares leave them (scale) at point `k`.
    fn others_total(&self, k: u64) -> (f64, f64) {
        let now = |p: Party| self.swept(k, p);
        let total: f64 = self.base.iter().map(|(_, v)| v).sum();
        let swept_then: f64 = self.base.iter().filter(|(p, _)| now(*p).is_some()).map(|(_, v)| v).sum();
        let swept_now: f64 = self.base.iter().filter_map(|(p, _)| now(*p)).sum();
        (total - swept_then, total - swept_now)
    }

    /// A swept party's share (fraction) at point `k`; `None` for the others. Same bits as the scenario's own
    /// `v / 100` where the axis passes through its share, so that point reproduces the scenario exactly.
    fn swept(&self, k: u64, p: Party) -> Option<f64> {
        let (x, y) = self.values(k);
        let swept = [Some((self.spec.x.party, x)), self.spec.y.as_ref().zip(y).map(|(a, v)| (a.party, v))];
        swept.iter().flatten().find(|(q, _)| *q == p).map(|(_, v)| v / 100.0)
    }

    /// Checks the named total at the grid's far corner (the largest swept shares), where it is tightest.
    fn check_corners(&self, file: &str) -> Result<(), InputError> {
        let last = self.len() - 1;
        let (x, y) = self.values(last);
        let at = match y {
            Some(y) => {
                format!("{} {x} and {} {y}", self.spec.x.party, self.spec.y.as_ref().map_or("", |a| a.party.code()))
            }
            None => format!("{} {x}", self.spec.x.party),
        };
        let (then, now) = self.others_total(last);
        match self.spec.others {
            Others::Scale if then > 0.0 && now < -1e-12 => Err(InputError::new(
                file,
                format!("at {at} the other named parties would need {:.2}%: expected x + y to leave them at least 0 (others = \"scale\")", now * 100.0),
            )
            .field("sweep")),
            _ => {
                let total: f64 = self.shares(last).iter().map(|(_, v)| v).sum();
                if total > 1.0 + 1e-9 {
                    return Err(InputError::new(
                        file,
                        format!("at {at} the named shares sum to {:.2}%: expected at most 100", total * 100.0),
                    )
                    .field("sweep"));
                }
                Ok(())
            }
        }
    }
}
