//! The simulation model: everything the kernel needs, precomputed once from the baseline, plan and uncertainty.

use super::national::National;
use crate::baseline::Baseline;
use crate::error::InputError;
use crate::geo::N_REGIONS;
use crate::party::{N_PARTIES, Party};
use crate::project::swing::{SLOTS, SlotMask};
use crate::project::{Plan, Projection, SeatGeo, Slots};
use crate::scenario::{Model, Scenario};

/// Gap (in σ of the difference of two seat errors) beyond which a trailing party is not drawn: P(N(0,1) > 7.1)
/// ≈ 6e-13, so the probability of a win ignored this way is below 1e-12 per seat and party.
pub const SKIP_Z: f64 = 7.1;

/// One seat a swing model moves; its party list is entries `list` of the lists in [`SimModel`].
#[derive(Clone, Debug)]
pub struct SimSeat {
    /// Index in the baseline.
    pub index: usize,
    pub area: usize,
    pub region: usize,
    /// Position of the baseline winner in the seat's list.
    pub incumbent: usize,
    /// Where the seat's party list is in the lists of [`SimModel`].
    pub list: std::ops::Range<usize>,
    /// Its covariate deviation and whether tactical voting applies there.
    pub geo: SeatGeo,
}

/// What moves the seats beyond their areas' swing in every simulation: the covariate slopes and tactical
/// strength (central values, and standard errors when they were learned: then each simulation draws its own), the
/// tactical bloc and each area's raking factors.
#[derive(Clone, Debug)]
pub struct SimShape {
    pub slopes: bool,
    pub sloped: SlotMask,
    pub slope_mean: Slots,
    pub slope_se: Slots,
    pub bloc: SlotMask,
    pub strength: f64,
    pub strength_se: f64,
    pub alpha: Vec<Slots>,
}

impl SimShape {
    /// From the plan (`None` when it does not rake).
    fn new(plan: &Plan) -> Option<SimShape> {
        if !plan.rakes() {
            return None;
        }
        let geo = plan.geography.as_ref();
        let tactical = geo.and_then(|g| g.tactical.as_ref());
        Some(SimShape {
            slopes: geo.is_some_and(|g| g.slopes.is_some()),
            sloped: geo.map(|g| g.sloped).unwrap_or([false; SLOTS]),
            slope_mean: geo.and_then(|g| g.slopes).unwrap_or([0.0; SLOTS]),
            slope_se: geo.map(|g| g.slope_se).unwrap_or([0.0; SLOTS]),
            bloc: tactical.map(|t| t.bloc).unwrap_or([false; SLOTS]),
            strength: tactical.map(|t| t.strength).unwrap_or(0.0),
            strength_se: tactical.map(|t| t.se).unwrap_or(0.0),
            alpha: plan.alpha.iter().map(|a| a.expect("a raking plan has factors for every area")).collect(),
        })
    }

    /// Whether each simulation draws its own slopes and strength.
    pub fn random(&self) -> bool {
        self.strength_se > 0.0 || (self.slopes && self.slope_se.iter().any(|s| *s > 0.0))
    }

    /// Draws one simulation's slopes (normal around the central values) and strength (normal, clipped to [0, 1]).
    pub fn draw<R: rand::Rng + ?Sized>(&self, rng: &mut R, slopes: &mut Slots) -> f64 {
        use rand_distr::{Distribution, StandardNormal};
        for i in 0..SLOTS {
            slopes[i] = self.slope_mean[i];
            if self.slope_se[i] > 0.0 {
                let z: f64 = StandardNormal.sample(rng);
                slopes[i] += self.slope_se[i] * z;
            }
        }
        if self.strength_se > 0.0 {
            let z: f64 = StandardNormal.sample(rng);
            (self.strength + self.strength_se * z).clamp(0.0, 1.0)
        } else {
            self.strength
        }
    }
}

/// Parliament thresholds and coalitions tallied in every simulation.
#[derive(Clone, Debug)]
pub struct Thresholds {
    pub majority: u32,
    pub effective_majority: u32,
    pub coalitions: Vec<Vec<Party>>,
}

/// The precomputed simulation model.
#[derive(Clone, Debug)]
pub struct SimModel {
    pub model: Model,
    pub threshold: f64,
    pub plan: Plan,
    pub seats: Vec<SimSeat>,
    /// Party lists of all seats, one after another (ascending column order within a seat): the parties that can
    /// have a non-zero share there, their baseline share C, and their constituency σ (fraction) and σ².
    /// `longest` is the length of the longest list.
    pub longest: usize,
    pub parties: Vec<u8>,
    pub base: Vec<f64>,
    pub sigma: Vec<f64>,
    pub sigma2: Vec<f64>,
    /// Seats per party of the seats no model moves (NI, the Speaker, out of scope).
    pub fixed_counts: [u32; N_PARTIES],
    pub total_seats: u32,
    pub national: National,
    /// Regional σ per region × party (fractions); zero rows for regions with no moved seat.
    pub regional_sigma: [[f64; N_PARTIES]; N_REGIONS],
    pub regional_active: bool,
    pub constituency_active: bool,
    pub thresholds: Thresholds,
    /// Covariates, tactical voting and raking (`None`: the swing model alone).
    pub shape: Option<SimShape>,
}

impl Thresholds {
    /// The scenario's majorities on a parliament of `seats` (see [`crate::scenario::Parliament::thresholds`]).
    fn new(scenario: &Scenario, seats: u32, coalitions: Vec<Vec<Party>>) -> Result<Thresholds, InputError> {
        let (majority, effective_majority) = scenario
            .parliament
            .thresholds(seats)
            .map_err(|(field, m)| scenario.locate(InputError::new(scenario.file_label(), m).field(field)))?;
        Ok(Thresholds { majority, effective_majority, coalitions })
    }
}

/// Regional σ (fractions) per region × party, for the parties standing in the region.
fn regional_sigmas(
    u: &crate::scenario::Uncertainty,
    stands: &[[bool; N_PARTIES]; N_REGIONS],
) -> [[f64; N_PARTIES]; N_REGIONS] {
    let mut sigma = [[0.0; N_PARTIES]; N_REGIONS];
    for (g, row) in stands.iter().enumerate() {
        for (i, &stands) in row.iter().enumerate() {
            if stands {
                sigma[g][i] = u.regional_sigma_of(Party::from_index(i)) / 100.0;
            }
        }
    }
    sigma
}

impl SimModel {
    /// Builds the model; `central` is the deterministic projection (its shares set the constituency σ).
    pub fn new(
        baseline: &Baseline,
        scenario: &Scenario,
        plan: &Plan,
        central: &Projection,
        coalitions: Vec<Vec<Party>>,
    ) -> Result<SimModel, InputError> {
        let file = scenario.file_label();
        let u = &scenario.uncertainty;
        let national = National::new(&plan.areas, u, &file).map_err(|e| scenario.locate(e))?;
        let thresholds = Thresholds::new(scenario, baseline.seats.len() as u32, coalitions)?;
        let mut fixed_counts = [0u32; N_PARTIES];
        let mut seats = Vec::new();
        let (mut parties, mut base, mut sigmas, mut sigma2) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut stands_in_region = [[false; N_PARTIES]; N_REGIONS];
        for (k, c) in baseline.seats.iter().enumerate() {
            match plan.seat_area[k] {
                None => fixed_counts[central.winners[k].index()] += 1,
                Some(area) => {
                    let p = &central.shares[k];
                    let a = &plan.areas[area];
                    let start = parties.len();
                    let mut incumbent = 0;
                    for i in 0..N_PARTIES {
                        // Every party that can have a share here: it stood, or stands everywhere, or (strong
                        // transition, which gives gainers votes in every seat) has a baseline or target share.
                        let listed = match plan.model {
                            Model::Stm => c.shares[i] > 0.0 || a.base[i] > 0.0 || a.target[i] > 0.0,
                            _ => c.shares[i] > 0.0 || plan.stands[i],
                        };
                        if !listed {
                            continue;
                        }
                        if i == c.winner.index() {
                            incumbent = parties.len() - start;
                        }
                        // σ from the central projection's share; a party at 0 there gets the floor, so that its
                        // chance under national or regional errors is not silently zero.
                        let s = (u.constituency_scale * (p[i] * (1.0 - p[i]) / 0.21).sqrt()).max(u.constituency_floor);
                        parties.push(i as u8);
                        base.push(c.shares[i]);
                        sigmas.push(s / 100.0);
                        sigma2.push((s / 100.0) * (s / 100.0));
                        stands_in_region[c.region.index()][i] = true;
                    }
                    let list = start..parties.len();
                    let geo = plan.seat_geo(k);
                    seats.push(SimSeat { index: k, area, region: c.region.index(), incumbent, list, geo });
                }
            }
        }
        let regional_sigma = regional_sigmas(u, &stands_in_region);
        let regional_active = regional_sigma.iter().flatten().any(|s| *s > 0.0);
        let constituency_active = sigmas.iter().any(|x| *x > 0.0);
        Ok(SimModel {
            model: plan.model,
            threshold: plan.threshold,
            plan: plan.clone(),
            total_seats: baseline.seats.len() as u32,
            longest: seats.iter().map(|s| s.list.len()).max().unwrap_or(1),
            seats,
            parties,
            base,
            sigma: sigmas,
            sigma2,
            fixed_counts,
            national,
            regional_sigma,
            regional_active,
            constituency_active,
            thresholds,
            shape: SimShape::new(plan),
        })
    }
}
