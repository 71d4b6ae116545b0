//! The per-chunk kernel: simulate a fixed number of elections from the chunk's own random streams, tallying them.

use super::draws::{Tails, bits, winners};
use super::isa::Isa;
use super::lanes::{Columns, LANES, Row, SeatLanes};
use super::model::SimModel;
use super::national::perturb;
use super::normals::Normals;
use super::streams::Streams;
use super::tally::Tally;
use crate::geo::N_REGIONS;
use crate::party::{N_PARTIES, PartyVec};
use crate::project::Swing;

/// Simulates `n` elections of a chunk from its `streams` and adds them to `tally`, on the variant of the kernel
/// compiled for `isa` (which the caller has checked this CPU runs: see [`Isa::available`]). Every variant gives
/// the same result bit for bit.
pub fn simulate_chunk(isa: Isa, m: &SimModel, streams: Streams, n: u64, tally: &mut Tally) {
    match isa {
        Isa::Generic => chunk_body(m, streams, n, tally),
        #[cfg(target_arch = "x86_64")]
        // SAFETY: `Isa::available` listed this variant only after detecting every feature it is compiled for.
        Isa::Avx2 => unsafe { chunk_avx2(m, streams, n, tally) },
        #[cfg(target_arch = "x86_64")]
        // SAFETY: as above.
        Isa::Avx512 => unsafe { chunk_avx512(m, streams, n, tally) },
        #[cfg(not(target_arch = "x86_64"))]
        _ => chunk_body(m, streams, n, tally),
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma,bmi1,bmi2,lzcnt,popcnt")]
fn chunk_avx2(m: &SimModel, streams: Streams, n: u64, tally: &mut Tally) {
    chunk_body(m, streams, n, tally)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512dq,avx512vl,avx512bw,avx2,fma,bmi1,bmi2,lzcnt,popcnt")]
fn chunk_avx512(m: &SimModel, streams: Streams, n: u64, tally: &mut Tally) {
    chunk_body(m, streams, n, tally)
}

/// Every lane's inputs at their central values: each area's swing for its own targets, the central slopes and
/// strength (a simulation overwrites what it draws).
#[inline(always)]
fn central_columns(m: &SimModel) -> Columns {
    let mut cols = Columns::new(m.plan.areas.len(), N_REGIONS);
    for (a, area) in m.plan.areas.iter().enumerate() {
        cols.fill_swing(a, &Swing::new(m.model, &area.base, &area.target, &area.strong, &area.standing, m.threshold));
    }
    if let Some(shape) = &m.shape {
        for s in 0..LANES {
            cols.set_shape(s, &shape.slope_mean, shape.strength);
        }
    }
    cols
}

/// The kernel, inlined into each variant above. Elections are simulated [`LANES`] at a time. Within a batch,
/// the national error of every simulation is drawn first from the chunk's stream, then the regional errors as
/// rows of normals (one stream per lane, seeded from the chunk's stream); then seat by seat the shares are
/// evaluated in all lanes and the constituency errors taken: rows of normals for the likely winners, long-shot
/// tails from the chunk's stream. The order is fixed, so the results depend on the seed and chunk only, never
/// on the thread count (nor on whether the rows of normals were drawn ahead: see [`Streams`]).
#[inline(always)]
fn chunk_body(m: &SimModel, streams: Streams, n: u64, tally: &mut Tally) {
    let (mut rng, mut normals) = streams.open();
    let tails = Tails::new();
    let mut cols = central_columns(m);
    let mut draws = LaneDraws::new(m);
    let mut lanes = SeatLanes::new(m.longest);
    // Seats won per party (rows) in each simulation of the batch (lanes).
    let mut seats = [[0u32; LANES]; N_PARTIES];
    let mut done = 0;
    while done < n {
        let b = LANES.min((n - done) as usize);
        for (row, &fixed) in seats.iter_mut().zip(&m.fixed_counts) {
            *row = [fixed; LANES];
        }
        for s in 0..b {
            draws.national_and_shape(m, &mut rng, s, &mut cols);
        }
        if m.regional_active {
            regional_rows(m, &mut normals, &mut cols);
        }
        let mut win = Row::splat(0.0);
        for (k, seat) in m.seats.iter().enumerate() {
            lanes.evaluate(m, seat, &cols);
            let list = seat.list.clone();
            // Only parties within reach of a lane's leader can win (every leader is within reach).
            let can_win = if m.constituency_active {
                let reach = lanes.reach(&m.sigma2[list.clone()]);
                normals.reserve(reach.0.count_ones() as usize);
                winners(&lanes, &m.sigma[list.clone()], reach, &tails, &mut normals, &mut rng, &mut win);
                reach.0
            } else {
                win = lanes.lead;
                u64::MAX >> (64 - list.len())
            };
            let wins = &mut tally.wins[k * N_PARTIES..(k + 1) * N_PARTIES];
            count_winners(&m.parties[list], can_win, &win, b, &mut seats, wins);
        }
        for s in 0..b {
            let parliament: [u32; N_PARTIES] = std::array::from_fn(|p| seats[p][s]);
            debug_assert_eq!(parliament.iter().sum::<u32>(), m.total_seats);
            tally.record(m, &parliament);
        }
        done += b as u64;
    }
}

/// What one simulation of a batch draws from the chunk's stream before the seats: its national error (the areas'
/// swings for the perturbed targets) and, when they are random, its Leave slopes and tactical strength.
struct LaneDraws {
    slopes: [f64; crate::project::swing::SLOTS],
    target: PartyVec,
    z: Vec<f64>,
    err: PartyVec,
}

impl LaneDraws {
    fn new(m: &SimModel) -> LaneDraws {
        LaneDraws {
            slopes: [0.0; crate::project::swing::SLOTS],
            target: [0.0; N_PARTIES],
            z: vec![0.0; m.national.parties.len()],
            err: [0.0; N_PARTIES],
        }
    }

    /// Draws lane `s`'s national error and shape and writes them into its column of `cols`.
    #[inline(always)]
    fn national_and_shape(&mut self, m: &SimModel, rng: &mut super::rng::ChunkRng, s: usize, cols: &mut Columns) {
        if m.national.active {
            m.national.draw(rng, &mut self.z, &mut self.err);
            for (a, area) in m.plan.areas.iter().enumerate() {
                perturb(area, &self.err, &mut self.target);
                let swing = Swing::new(m.model, &area.base, &self.target, &area.strong, &area.standing, m.threshold);
                cols.set_swing(a, s, &swing);
            }
        }
        if let Some(shape) = m.shape.as_ref().filter(|sh| sh.random()) {
            let strength = shape.draw(rng, &mut self.slopes);
            cols.set_shape(s, &self.slopes, strength);
        }
    }
}

/// The regional errors of a batch: a row of normals per region × party, that error in every lane.
#[inline(always)]
fn regional_rows(m: &SimModel, normals: &mut Normals, cols: &mut Columns) {
    for (g, sig) in m.regional_sigma.iter().enumerate() {
        normals.reserve(sig.iter().filter(|sg| **sg > 0.0).count());
        for (i, &sg) in sig.iter().enumerate() {
            if sg > 0.0 {
                let (e, row) = (normals.row(), &mut cols.regional[g * crate::project::swing::SLOTS + i]);
                for s in 0..LANES {
                    row[s] = sg * e[s];
                }
            }
        }
    }
}

/// Adds one seat's winners to the batch's seat counts (every lane) and to the seat's tally of wins (the first `b`
/// lanes: lanes past the end of the chunk are counted in `seats`, never read, but not in `wins`). `win[s]` is the
/// index in `parties` of lane `s`'s winner; only the parties in `can_win` can be one.
#[inline(always)]
fn count_winners(
    parties: &[u8],
    can_win: u64,
    win: &Row,
    b: usize,
    seats: &mut [[u32; LANES]; N_PARTIES],
    wins: &mut [u64],
) {
    for j in bits(can_win) {
        let p = parties[j] as usize;
        let (row, mut n) = (&mut seats[p], 0);
        for s in 0..LANES {
            let here = (win[s] == j as f64) as u32;
            row[s] += here;
            n += here;
        }
        if b < LANES {
            n = win[..b].iter().filter(|w| **w == j as f64).count() as u32;
        }
        wins[p] += n as u64;
    }
}
