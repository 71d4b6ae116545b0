//! The lanes against the scalar rule, bit for bit, for every model with and without the geography.

use super::*;
use crate::baseline::Baseline;
use crate::party::{N_PARTIES, Party};
use crate::project::{Plan, Shape, project, shape};
use crate::scenario::{Covariate, CovariateSlopes, Geography, Model, Scenario, Slope, Tactical, TacticalSpec};
use crate::scenario::{Uncertainty, Where};

/// A geography with Leave slopes and anti-Conservative tactical voting (standard errors so lanes differ).
fn geography() -> Geography {
    let slope = |party, slope| Slope { party, slope, se: 0.1 };
    Geography {
        covariates: vec![CovariateSlopes {
            covariate: Covariate::Leave,
            slopes: vec![slope(Party::CON, -0.4), slope(Party::LAB, 0.3), slope(Party::BREXIT, 0.3)],
        }],
        tactical: Some(Tactical {
            spec: TacticalSpec { against: Party::CON, bloc: vec![Party::LAB, Party::LD], seats: Where::First },
            strength: 0.2,
            se: 0.05,
        }),
        learned_from: None,
    }
}

/// Every lane, with its own swing, slopes, strength and regional errors, gives bit for bit the shares
/// `project::shape::apply` gives for the seat's list, plus the lane's regional error; the leader is the first
/// maximum, ties to the incumbent. Every model, with and without covariates and tactical voting.
#[test]
fn lanes_match_the_scalar_swing_model() {
    let b = Baseline::load("ge2019").unwrap();
    for model in Model::ALL {
        for geo in [Geography::default(), geography()] {
            let s = Scenario {
                baseline: "ge2019".into(),
                model,
                shares: vec![(Party::LAB, 0.36), (Party::CON, 0.29), (Party::LD, 0.18)],
                uncertainty: Uncertainty::zero(),
                geography: geo,
                ..Scenario::default()
            };
            let plan = Plan::new(&b, &s, "test").unwrap();
            check_lanes(&b, &s, &plan, model);
        }
    }
}

fn check_lanes(b: &Baseline, s: &Scenario, plan: &Plan, model: Model) {
    let central = project(b, plan);
    let m = SimModel::new(b, s, plan, &central, vec![]).unwrap();
    let area = &plan.areas[0];
    let mut cols = Columns::new(1, crate::geo::N_REGIONS);
    let mut swings = Vec::new();
    let mut shapes = Vec::new();
    for lane in 0..LANES {
        // Lane-specific targets, some swinging Con far down (clipping under UNS, declining under STM and the
        // hybrid) and some up; lane-specific slopes and strength; a deterministic pattern of regional errors.
        let mut t = area.target;
        let shift = (lane as f64 - 32.0) / 100.0;
        t[Party::CON.index()] = (t[Party::CON.index()] + shift).max(0.0);
        t[Party::LAB.index()] = (t[Party::LAB.index()] - shift).max(0.0);
        let sw = Swing::new(model, &area.base, &t, &area.strong, &area.standing, plan.threshold);
        cols.set_swing(0, lane, &sw);
        swings.push(sw);
        let mut slopes = plan.geography.as_ref().and_then(|g| g.slopes).unwrap_or([0.0; 32]);
        slopes[Party::CON.index()] -= shift;
        let strength = (0.2 + shift).clamp(0.0, 1.0);
        cols.set_shape(lane, &slopes, strength);
        shapes.push((slopes, strength));
        for (i, row) in cols.regional.iter_mut().enumerate() {
            row[lane] = ((i * 7 + lane * 3) % 11) as f64 / 1000.0 - 0.005;
        }
    }
    let mut lanes = SeatLanes::new(m.longest);
    for (k, seat) in m.seats.iter().enumerate() {
        lanes.evaluate(&m, seat, &cols);
        let list = seat.list.clone();
        let parties = &m.parties[list.clone()];
        for (lane, sw) in swings.iter().enumerate() {
            let mut out = [0.0; N_PARTIES];
            let mut shape = plan.shape(plan.alpha[seat.area].as_ref());
            if plan.geography.is_some() {
                shape = Shape { slopes: Some(&shapes[lane].0), strength: shapes[lane].1, ..shape };
            }
            shape::apply(sw, parties, &m.base[list.clone()], plan.seat_geo(seat.index), &shape, &mut out);
            let mut lead = seat.incumbent;
            for (j, &p) in parties.iter().enumerate() {
                let want = if out[j] > 0.0 {
                    out[j] + cols.regional[seat.region * 32 + p as usize][lane]
                } else {
                    f64::NEG_INFINITY
                };
                assert_eq!(lanes.y[j][lane].to_bits(), want.to_bits(), "{model:?} seat {k} lane {lane}");
                let yl = lanes.y[lead][lane];
                if want > yl || (want == yl && j == seat.incumbent) {
                    lead = j;
                }
            }
            assert_eq!(lanes.lead[lane] as usize, lead, "{model:?} seat {k} lane {lane}");
            assert_eq!(lanes.lead_share[lane], lanes.y[lead][lane]);
        }
    }
}
