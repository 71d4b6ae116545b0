//! Resolving a scenario against a baseline: which seats move, their baseline shares E and target shares P.

use super::geography::PlanGeography;
use super::shape::{SeatGeo, Shape};
use super::swing::{SLOTS, Slots, strong_shares};
use crate::baseline::{Baseline, Constituency};
use crate::error::InputError;
use crate::geo::Nation;
use crate::party::{N_PARTIES, Party, PartyVec};
use crate::scenario::{Model, Scenario, Scope};

/// One area with its own national inputs: the scope (GB or England) or a nation/region the scenario names.
#[derive(Clone, Debug)]
pub struct AreaPlan {
    /// "GB", "England", or the nation/region name.
    pub label: String,
    /// E: baseline shares over the seats that define the area (fractions).
    pub base: PartyVec,
    /// P: target shares (fractions, sum to 1).
    pub target: PartyVec,
    /// S: national strong shares for the strong transition model.
    pub strong: PartyVec,
    /// Whether each party's target was set by the scenario (rather than held or scaled).
    pub named: [bool; N_PARTIES],
    /// Whether each party is held at its baseline share.
    pub held: [bool; N_PARTIES],
    /// W: the share of the votes of the seats this area moves that were cast where each party stands (listed by
    /// the model); the hybrid spreads a rising party's gain over them.
    pub standing: PartyVec,
}

/// A scenario resolved against a baseline: the per-area inputs and which area moves each seat.
#[derive(Clone, Debug)]
pub struct Plan {
    pub model: Model,
    pub threshold: f64,
    pub areas: Vec<AreaPlan>,
    /// For each seat, the area whose change it takes; `None` keeps the baseline (NI, the Speaker, out of scope).
    pub seat_area: Vec<Option<usize>>,
    /// Parties that take the swing where they did not stand at the baseline.
    pub stands: [bool; N_PARTIES],
    /// Warnings for the user (printed to stderr, recorded in JSON).
    pub notes: Vec<String>,
    /// Covariate slopes and tactical voting, when the scenario has any that move a seat.
    pub geography: Option<PlanGeography>,
    /// The scope-wide (GB or England) target shares as they hold over the whole scope, when the scenario gives
    /// any: the scope area's own targets, or, beside nation or region tables inside the scope, the tables and the
    /// rest of the scope vote-weighted (the named parties exactly as given).
    pub national: Option<PartyVec>,
    /// Raking factors of each area for its own targets, when the model or the geography needs them (see
    /// [`Plan::rakes`]); the Monte Carlo applies them to every simulation.
    pub alpha: Vec<Option<Slots>>,
}

/// Whether a seat is moved by the GB-level change under `scope`.
pub(super) fn in_scope(c: &Constituency, scope: Scope) -> bool {
    Baseline::is_gb_party_seat(c) && (scope == Scope::Gb || c.nation == Nation::England)
}

impl Plan {
    /// Resolves `scenario` against `baseline` (with lineages already merged). `file` labels errors.
    pub fn new(baseline: &Baseline, scenario: &Scenario, file: &str) -> Result<Plan, InputError> {
        let mut stands = [false; N_PARTIES];
        for p in &scenario.stands_everywhere {
            stands[p.index()] = true;
        }
        let mut plan = Plan {
            model: scenario.model,
            threshold: scenario.stm_threshold,
            areas: vec![],
            seat_area: vec![None; baseline.seats.len()],
            stands,
            notes: vec![],
            geography: None,
            national: None,
            alpha: vec![],
        };
        // Nation and region targets: E and P within the area.
        for (area, shares) in &scenario.regions {
            let member = |c: &Constituency| Baseline::is_gb_party_seat(c) && area.contains(c.region);
            if !baseline.seats.iter().any(member) {
                return Err(InputError::new(file, format!("the baseline has no projected seats in {}", area.name()))
                    .field(format!("regions.{}", area.name().to_ascii_lowercase())));
            }
            let idx = plan.areas.len();
            let a = plan.area(baseline, area.name(), &member, shares, &scenario.hold, file)?;
            plan.areas.push(a);
            for (k, c) in baseline.seats.iter().enumerate() {
                if member(c) {
                    plan.seat_area[k] = Some(idx);
                }
            }
        }
        // The scope-wide target: over the scope's seats that no table took, with the scope's figures less the
        // tables' when tables take part of it (`remainder.rs`).
        if !scenario.shares.is_empty() {
            plan.add_scope(baseline, scenario, file)?;
        }
        plan.set_standing(baseline);
        plan.geography =
            PlanGeography::resolve(&scenario.geography, baseline, &plan.seat_area, plan.areas.len(), file)?;
        plan.alpha = vec![None; plan.areas.len()];
        if plan.rakes() {
            let targets: Vec<PartyVec> = plan.areas.iter().map(|a| a.target).collect();
            let fits = super::fit_areas(baseline, &plan, &targets);
            plan.alpha = fits.iter().map(|f| Some(f.alpha)).collect();
            for (a, f) in plan.areas.iter().zip(&fits) {
                for p in &f.unreachable {
                    plan.notes.push(format!(
                        "{}: '{p}' has no share in any seat the {} model gives it, so its target goes to the others pro rata; list it in stands_everywhere or map it with [lineage]",
                        a.label,
                        plan.model.code()
                    ));
                }
            }
        }
        Ok(plan)
    }

    /// The scope-wide target shares ([`Plan::national`]), or those of the last area when the scenario gives
    /// nation or region tables only.
    pub fn national_target(&self) -> Option<PartyVec> {
        self.national.or_else(|| self.areas.last().map(|a| a.target))
    }

    /// Whether the seats are raked to meet the area targets exactly: under the hybrid model always, under the
    /// others when covariates or tactical voting move the seats.
    pub fn rakes(&self) -> bool {
        self.model == Model::Hybrid || self.geography.is_some()
    }

    /// The seat-level parameters of area `area` with raking factors `alpha`.
    pub fn shape<'a>(&'a self, alpha: Option<&'a Slots>) -> Shape<'a> {
        let geo = self.geography.as_ref();
        let tactical = geo.and_then(|g| g.tactical.as_ref());
        Shape {
            slopes: geo.and_then(|g| g.slopes.as_ref()),
            sloped: geo.map(|g| &g.sloped).unwrap_or(&[false; SLOTS]),
            bloc: tactical.map(|t| &t.bloc).unwrap_or(&[false; SLOTS]),
            strength: tactical.map(|t| t.strength).unwrap_or(0.0),
            alpha,
        }
    }

    /// Seat `k`'s covariate deviation and whether tactical voting applies there.
    pub fn seat_geo(&self, k: usize) -> SeatGeo {
        match &self.geography {
            None => SeatGeo::default(),
            Some(g) => SeatGeo { dev: g.dev[k], tactical: g.tactical.as_ref().is_some_and(|t| t.seats[k]) },
        }
    }

    /// W of every area: the vote share of its moved seats where each party is listed (stood, or stands
    /// everywhere; every party under STM).
    fn set_standing(&mut self, baseline: &Baseline) {
        let n = self.areas.len();
        let (mut listed, mut votes) = (vec![[0.0; N_PARTIES]; n], vec![0.0; n]);
        for (c, a) in baseline.seats.iter().zip(&self.seat_area) {
            if let Some(a) = *a {
                for i in 0..N_PARTIES {
                    if c.shares[i] > 0.0 || self.stands[i] || self.model == Model::Stm {
                        listed[a][i] += c.valid_votes;
                    }
                }
                votes[a] += c.valid_votes;
            }
        }
        for (a, area) in self.areas.iter_mut().enumerate() {
            area.standing = std::array::from_fn(|i| if votes[a] > 0.0 { listed[a][i] / votes[a] } else { 0.0 });
        }
    }

    /// The inputs of one area over the seats `member` selects: E, the targets of `named` and `hold`, and S.
    pub(super) fn area(
        &mut self,
        baseline: &Baseline,
        label: &str,
        member: &dyn Fn(&Constituency) -> bool,
        named: &[(Party, f64)],
        hold: &[Party],
        file: &str,
    ) -> Result<AreaPlan, InputError> {
        let base = baseline.shares_over(member);
        let strong = strong_shares(
            baseline.seats.iter().filter(|c| member(c)).map(|c| (&c.shares, c.valid_votes)),
            self.threshold,
        );
        let (target, named_mask, held_mask) =
            targets(&base, named, hold).map_err(|m| InputError::new(file, format!("{label}: {m}")).field("shares"))?;
        for (p, _) in named {
            if base[p.index()] == 0.0 && !self.stands[p.index()] && self.model != Model::Stm {
                self.notes.push(format!(
                    "{label}: '{p}' won no votes at the baseline, so under {} it gains no seats; map it onto its predecessor with [lineage] or list it in stands_everywhere",
                    self.model.code()
                ));
            }
        }
        let standing = [0.0; N_PARTIES];
        Ok(AreaPlan { label: label.to_string(), base, target, strong, named: named_mask, held: held_mask, standing })
    }
}

/// Target shares P from baseline shares E: named parties get their share, held parties keep E, every other party
/// is scaled pro rata so that the targets sum to 1.
pub fn targets(
    base: &PartyVec,
    named: &[(Party, f64)],
    hold: &[Party],
) -> Result<(PartyVec, [bool; N_PARTIES], [bool; N_PARTIES]), String> {
    let mut target = [0.0; N_PARTIES];
    let mut named_mask = [false; N_PARTIES];
    let mut held_mask = [false; N_PARTIES];
    for (p, v) in named {
        target[p.index()] = *v;
        named_mask[p.index()] = true;
    }
    for p in hold {
        if !named_mask[p.index()] {
            held_mask[p.index()] = true;
            target[p.index()] = base[p.index()];
        }
    }
    let fixed: f64 = target.iter().sum();
    let remainder = 1.0 - fixed;
    if remainder < -1e-9 {
        return Err(format!(
            "named shares plus the held parties' baseline shares sum to {:.2}%: expected at most 100",
            fixed * 100.0
        ));
    }
    let remainder = remainder.max(0.0);
    let free: f64 = (0..N_PARTIES).filter(|&i| !named_mask[i] && !held_mask[i]).map(|i| base[i]).sum();
    if free > 0.0 {
        let scale = remainder / free;
        for i in 0..N_PARTIES {
            if !named_mask[i] && !held_mask[i] {
                target[i] = base[i] * scale;
            }
        }
    } else if remainder > 1e-9 {
        return Err(format!(
            "named and held shares sum to {:.2}% and no other party stood to take the remaining {:.2} points: expected 100",
            fixed * 100.0,
            remainder * 100.0
        ));
    }
    Ok((target, named_mask, held_mask))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remainder_is_shared_pro_rata() {
        let mut e = [0.0; N_PARTIES];
        e[0] = 0.4;
        e[1] = 0.3;
        e[6] = 0.1; // green
        e[7] = 0.05; // snp (held)
        e[17] = 0.15; // other
        let (p, _, _) = targets(&e, &[(Party::CON, 0.35), (Party::LAB, 0.35)], &[Party::SNP]).unwrap();
        assert!((p[7] - 0.05).abs() < 1e-15);
        // remainder 1 - 0.7 - 0.05 = 0.25 shared 0.1 : 0.15
        assert!((p[6] - 0.1).abs() < 1e-12);
        assert!((p[17] - 0.15).abs() < 1e-12);
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn too_much_is_an_error() {
        let mut e = [0.0; N_PARTIES];
        e[0] = 0.5;
        e[7] = 0.1;
        e[17] = 0.4;
        assert!(targets(&e, &[(Party::CON, 0.95)], &[Party::SNP]).is_err());
    }
}
