//! The scenario's geography resolved against a baseline: each seat's covariate deviation, the tactical seats.

use super::swing::{SLOTS, SlotMask, Slots};
use crate::baseline::{Baseline, covariate};
use crate::error::InputError;
use crate::party::Party;
use crate::scenario::{Covariate, Geography, Where};

/// Tactical voting resolved: the bloc as a party-slot mask, the strength (and its standard error for the Monte
/// Carlo) and, per baseline seat, whether it applies there.
#[derive(Clone, Debug)]
pub struct PlanTactical {
    pub bloc: SlotMask,
    pub strength: f64,
    pub se: f64,
    pub seats: Vec<bool>,
}

/// Covariate slopes and tactical voting resolved against a baseline.
#[derive(Clone, Debug)]
pub struct PlanGeography {
    /// Leave slope per party slot (fraction of change per fraction of Leave share) and its standard error.
    pub slopes: Option<Slots>,
    pub slope_se: Slots,
    /// The parties the scenario gives a slope (the others are left as the swing puts them).
    pub sloped: SlotMask,
    /// Per baseline seat: its Leave share minus the vote-weighted mean over the seats of its area (0 if unmoved).
    pub dev: Vec<f64>,
    pub tactical: Option<PlanTactical>,
}

impl PlanGeography {
    /// Resolves `geo` (`None` if nothing in it moves a seat). `seat_area` says which area moves each seat; `file`
    /// labels errors.
    pub fn resolve(
        geo: &Geography,
        baseline: &Baseline,
        seat_area: &[Option<usize>],
        areas: usize,
        file: &str,
    ) -> Result<Option<PlanGeography>, InputError> {
        if !geo.is_active() {
            return Ok(None);
        }
        let gb = baseline.shares_over(Baseline::is_gb_party_seat);
        let absent = |p: Party| gb[p.index()] == 0.0;
        let mut slopes: Option<Slots> = None;
        let mut slope_se: Slots = [0.0; SLOTS];
        let mut sloped = [false; SLOTS];
        let mut dev = vec![0.0; baseline.seats.len()];
        for c in &geo.covariates {
            let Covariate::Leave = c.covariate;
            for s in &c.slopes {
                if absent(s.party) {
                    return Err(InputError::new(
                        file,
                        format!(
                            "'{}' has no votes in {}: expected a slope for a party of the baseline",
                            s.party, baseline.name
                        ),
                    )
                    .field(format!("swing.covariates.{}.{}", c.covariate.code(), s.party)));
                }
                slopes.get_or_insert([0.0; SLOTS])[s.party.index()] = s.slope;
                slope_se[s.party.index()] = s.se;
                sloped[s.party.index()] = true;
            }
            if slopes.is_some() {
                dev = deviations(c.covariate, baseline, seat_area, areas, file)?;
            }
        }
        let tactical = match &geo.tactical {
            Some(t) if t.strength > 0.0 || t.se > 0.0 => {
                let field = |p: Party| if p == t.spec.against { "tactical.against" } else { "tactical.bloc" };
                if let Some(p) = std::iter::once(t.spec.against).chain(t.spec.bloc.iter().copied()).find(|p| absent(*p))
                {
                    return Err(InputError::new(
                        file,
                        format!("'{p}' has no votes in {}: expected parties of the baseline", baseline.name),
                    )
                    .field(field(p)));
                }
                let mut bloc = [false; SLOTS];
                t.spec.bloc.iter().for_each(|p| bloc[p.index()] = true);
                let seats = baseline
                    .seats
                    .iter()
                    .zip(seat_area)
                    .map(|(c, a)| a.is_some() && targeted(&c.shares, t.spec.against, t.spec.seats))
                    .collect();
                Some(PlanTactical { bloc, strength: t.strength, se: t.se, seats })
            }
            _ => None,
        };
        Ok(Some(PlanGeography { slopes, slope_se, sloped, dev, tactical }))
    }
}

/// Whether `against` led the seat (`First`) or was in its first two (`FirstOrSecond`) at the baseline.
fn targeted(shares: &crate::party::PartyVec, against: Party, seats: Where) -> bool {
    let mine = shares[against.index()];
    if mine <= 0.0 {
        return false;
    }
    let ahead = shares.iter().enumerate().filter(|(i, v)| *i != against.index() && **v > mine).count();
    match seats {
        Where::First => ahead == 0,
        Where::FirstOrSecond => ahead <= 1,
    }
}

/// Each moved seat's covariate value minus the vote-weighted mean over the seats its area moves.
fn deviations(
    covariate: Covariate,
    baseline: &Baseline,
    seat_area: &[Option<usize>],
    areas: usize,
    file: &str,
) -> Result<Vec<f64>, InputError> {
    let x = covariate::values(covariate, baseline);
    let (mut sum, mut votes) = (vec![0.0; areas], vec![0.0; areas]);
    for ((c, a), x) in baseline.seats.iter().zip(seat_area).zip(&x) {
        if let Some(a) = *a {
            let x = x.ok_or_else(|| {
                InputError::new(
                    file,
                    format!(
                        "no {} share for seat {} ({}): the shipped estimates cover the Great Britain seats of the 2010 and 2024 boundaries",
                        covariate.code(),
                        c.code,
                        c.name
                    ),
                )
                .field(format!("swing.covariates.{}", covariate.code()))
            })?;
            sum[a] += c.valid_votes * x;
            votes[a] += c.valid_votes;
        }
    }
    Ok(seat_area
        .iter()
        .zip(&x)
        .map(|(a, x)| match (a, x) {
            (Some(a), Some(x)) if votes[*a] > 0.0 => x - sum[*a] / votes[*a],
            _ => 0.0,
        })
        .collect())
}
