//! The per-chunk kernel: simulate a fixed number of elections with one random stream, tallying as it goes.

use super::draws::{Normals, decide};
use super::lanes::{Columns, LANES, SeatLanes};
use super::model::SimModel;
use super::national::perturb;
use super::rng::chunk_rng;
use super::tally::Tally;
use crate::geo::N_REGIONS;
use crate::party::{N_PARTIES, PartyVec};
use crate::project::Swing;
use rand_distr::{Distribution, StandardNormal};

/// Simulates `n` elections of chunk `chunk` and adds them to `tally`, [`LANES`] at a time. Within a batch, the
/// national and regional errors of every simulation are drawn first, then each seat is evaluated in all lanes
/// and its constituency errors drawn simulation by simulation — a fixed order, so the results depend on the seed
/// and chunk only.
pub fn simulate_chunk(m: &SimModel, seed: u64, chunk: u64, n: u64, tally: &mut Tally) {
    let mut rng = chunk_rng(seed, chunk);
    let mut normals = Normals::new();
    let areas = &m.plan.areas;
    let mut cols = Columns::new(areas.len(), N_REGIONS);
    for (a, area) in areas.iter().enumerate() {
        cols.fill_swing(a, &Swing::new(m.model, &area.base, &area.target, &area.strong, m.threshold));
    }
    let mut lanes = SeatLanes::new(m.width);
    let mut target: PartyVec = [0.0; N_PARTIES];
    let mut z = vec![0.0; m.national.parties.len()];
    let mut err = [0.0; N_PARTIES];
    let mut seats = [[0u32; N_PARTIES]; LANES];
    let mut done = 0;
    while done < n {
        let b = LANES.min((n - done) as usize);
        for s in 0..b {
            if m.national.active {
                m.national.draw(&mut rng, &mut z, &mut err);
                for (a, area) in areas.iter().enumerate() {
                    perturb(area, &err, &mut target);
                    cols.set_swing(a, s, &Swing::new(m.model, &area.base, &target, &area.strong, m.threshold));
                }
            }
            if m.regional_active {
                for (g, sig) in m.regional_sigma.iter().enumerate() {
                    for (i, &sg) in sig.iter().enumerate() {
                        if sg > 0.0 {
                            let x: f64 = StandardNormal.sample(&mut rng);
                            cols.regional[g * 32 + i][s] = sg * x;
                        }
                    }
                }
            }
            seats[s] = m.fixed_counts;
        }
        for (k, seat) in m.seats.iter().enumerate() {
            lanes.evaluate(m, k, seat, &cols, m.constituency_active);
            let list = k * m.width..(k + 1) * m.width;
            let parties = &m.parties[list.clone()];
            let (sigma, sigma2) = (&m.sigma[list.clone()], &m.sigma2[list]);
            let wins = &mut tally.wins[k * N_PARTIES..(k + 1) * N_PARTIES];
            for s in 0..b {
                let lead = lanes.lead[s] as usize;
                let open = lanes.open[s] & !(1 << lead);
                let w = if !m.constituency_active || open == 0 {
                    lead
                } else {
                    let y = &lanes.y;
                    decide(|j| y[j][s], lead, lanes.lead_share[s], open, sigma, sigma2, &mut normals, &mut rng)
                };
                let p = parties[w] as usize;
                seats[s][p] += 1;
                wins[p] += 1;
            }
        }
        for s in seats.iter().take(b) {
            debug_assert_eq!(s.iter().sum::<u32>(), m.total_seats);
            tally.record(m, s);
        }
        done += b as u64;
    }
}
