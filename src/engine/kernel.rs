//! The per-chunk kernel: simulate a fixed number of elections with one random stream, tallying as it goes.

use super::draws::{Normals, Tails, bits, winners};
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
/// national and regional errors of every simulation are drawn first, then seat by seat the shares are evaluated
/// in all lanes and the constituency errors drawn (party by party, lane by lane) — a fixed order, so the results
/// depend on the seed and chunk only, never on the thread count.
pub fn simulate_chunk(m: &SimModel, seed: u64, chunk: u64, n: u64, tally: &mut Tally) {
    let mut rng = chunk_rng(seed, chunk);
    let mut normals = Normals::new();
    let tails = Tails::new();
    let areas = &m.plan.areas;
    let mut cols = Columns::new(areas.len(), N_REGIONS);
    for (a, area) in areas.iter().enumerate() {
        cols.fill_swing(a, &Swing::new(m.model, &area.base, &area.target, &area.strong, m.threshold));
    }
    let mut lanes = SeatLanes::new(m.longest);
    let mut target: PartyVec = [0.0; N_PARTIES];
    let mut z = vec![0.0; m.national.parties.len()];
    let mut err = [0.0; N_PARTIES];
    // Seats won per party (rows) in each simulation of the batch (lanes).
    let mut seats = [[0u32; LANES]; N_PARTIES];
    let mut done = 0;
    while done < n {
        let b = LANES.min((n - done) as usize);
        for (row, &fixed) in seats.iter_mut().zip(&m.fixed_counts) {
            *row = [fixed; LANES];
        }
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
        }
        let mut win = [0.0; LANES];
        for (k, seat) in m.seats.iter().enumerate() {
            lanes.evaluate(m, seat, &cols);
            let list = seat.list.clone();
            // Only parties within reach of a lane's leader can win (every leader is within reach).
            let can_win = if m.constituency_active {
                let reach = lanes.reach(&m.sigma2[list.clone()]);
                winners(&lanes, &m.sigma[list.clone()], reach, &tails, &mut normals, &mut rng, &mut win);
                reach.0
            } else {
                win = lanes.lead;
                u64::MAX >> (64 - list.len())
            };
            let parties = &m.parties[list];
            let wins = &mut tally.wins[k * N_PARTIES..(k + 1) * N_PARTIES];
            for j in bits(can_win) {
                let p = parties[j] as usize;
                let (row, mut n) = (&mut seats[p], 0);
                for s in 0..LANES {
                    let here = (win[s] == j as f64) as u32;
                    row[s] += here;
                    n += here;
                }
                // Lanes past the end of the chunk are counted in `seats` (and never read) but not in `wins`.
                if b < LANES {
                    n = win[..b].iter().filter(|w| **w == j as f64).count() as u32;
                }
                wins[p] += n as u64;
            }
        }
        for s in 0..b {
            let parliament: [u32; N_PARTIES] = std::array::from_fn(|p| seats[p][s]);
            debug_assert_eq!(parliament.iter().sum::<u32>(), m.total_seats);
            tally.record(m, &parliament);
        }
        done += b as u64;
    }
}
