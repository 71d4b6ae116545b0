//! The per-chunk kernel: simulate a fixed number of elections with one random stream, tallying as it goes.

use super::model::{SKIP_Z, SimModel, SimSeat};
use super::national::perturb;
use super::rng::{ChunkRng, chunk_rng};
use super::tally::Tally;
use crate::geo::N_REGIONS;
use crate::party::{N_PARTIES, PartyVec};
use crate::project::Slots;
use crate::project::Swing;
use rand_distr::{Distribution, StandardNormal};

/// Simulations processed together, seat by seat: the same seat's branches then repeat across the batch, which the
/// processor predicts far better than 632 different seats in a row.
const BATCH: usize = 100;

/// Simulates `n` elections of chunk `chunk` and adds them to `tally`. Within a batch, the national and regional
/// errors of every simulation are drawn first, then the constituency errors seat by seat — a fixed order, so the
/// results depend on the seed and chunk only.
pub fn simulate_chunk(m: &SimModel, seed: u64, chunk: u64, n: u64, tally: &mut Tally) {
    let mut rng = chunk_rng(seed, chunk);
    let areas = &m.plan.areas;
    let central: Vec<Swing> =
        areas.iter().map(|a| Swing::new(m.model, &a.base, &a.target, &a.strong, m.threshold)).collect();
    let mut swings: Vec<Vec<Swing>> = vec![central; BATCH];
    let mut target: PartyVec = [0.0; N_PARTIES];
    let mut z = vec![0.0; m.national.parties.len()];
    let mut err = [0.0; N_PARTIES];
    let mut regional: Vec<[Slots; N_REGIONS]> = vec![[[0.0; 32]; N_REGIONS]; BATCH];
    let mut seats = [[0u32; N_PARTIES]; BATCH];
    let mut done = 0;
    while done < n {
        let b = BATCH.min((n - done) as usize);
        for s in 0..b {
            if m.national.active {
                m.national.draw(&mut rng, &mut z, &mut err);
                for (a, area) in areas.iter().enumerate() {
                    perturb(area, &err, &mut target);
                    swings[s][a] = Swing::new(m.model, &area.base, &target, &area.strong, m.threshold);
                }
            }
            if m.regional_active {
                for (row, sig) in regional[s].iter_mut().zip(&m.regional_sigma) {
                    let row = &mut row[..N_PARTIES];
                    for (r, &sg) in row.iter_mut().zip(sig) {
                        if sg > 0.0 {
                            let x: f64 = StandardNormal.sample(&mut rng);
                            *r = sg * x;
                        }
                    }
                }
            }
            seats[s] = m.fixed_counts;
        }
        for (k, seat) in m.seats.iter().enumerate() {
            let wins = &mut tally.wins[k * N_PARTIES..(k + 1) * N_PARTIES];
            for s in 0..b {
                let (swing, reg) = (&swings[s][seat.area], &regional[s][seat.region]);
                let w = match m.width {
                    8 => seat_winner::<8>(m, k, seat, swing, reg, &mut rng),
                    16 => seat_winner::<16>(m, k, seat, swing, reg, &mut rng),
                    _ => seat_winner::<32>(m, k, seat, swing, reg, &mut rng),
                };
                seats[s][w] += 1;
                wins[w] += 1;
            }
        }
        for s in seats.iter().take(b) {
            debug_assert_eq!(s.iter().sum::<u32>(), m.total_seats);
            tally.record(m, s);
        }
        done += b as u64;
    }
}

/// The winner of seat `k` (list width `W`) in one simulation, as a party column index.
#[inline(always)]
fn seat_winner<const W: usize>(
    m: &SimModel,
    k: usize,
    seat: &SimSeat,
    swing: &Swing,
    regional: &Slots,
    rng: &mut ChunkRng,
) -> usize {
    let lanes = k * W..(k + 1) * W;
    let parties: &[u8; W] = m.parties[lanes.clone()].try_into().expect("list width");
    let base: &[f64; W] = m.base[lanes.clone()].try_into().expect("list width");
    // Padding entries come out at 0 in every model, so the whole padded list can be processed.
    let mut y = [0.0; W];
    let total = swing.apply_raw(parties, base, &mut y);
    let mut inv = 1.0 / total;
    if total <= 0.0 || total.is_nan() {
        y = *base;
        inv = 1.0;
    }
    // Normalise as `Swing::apply_sparse` does (bit for bit), add the regional error to standing parties (a party
    // at 0 cannot win), and find the leader: a tie goes to the incumbent, then to the first party in column
    // order (as in `project::winner`).
    let inc = seat.incumbent;
    let mut lead = inc;
    let mut yl = f64::NEG_INFINITY;
    for j in 0..W {
        let a = y[j] * inv;
        let v = if a > 0.0 { a + regional[(parties[j] & 31) as usize] } else { f64::NEG_INFINITY };
        y[j] = v;
        if v > yl || (v == yl && j == inc) {
            lead = j;
            yl = v;
        }
    }
    if !m.constituency_active {
        return parties[lead] as usize;
    }
    // Constituency errors, drawn only for parties that could overtake: first a party further behind the leader
    // than SKIP_Z standard deviations of the difference of the two errors is ruled out; if any party is left, the
    // leader's error is drawn, and then each remaining party's only if it could still beat the best value so far,
    // i.e. unless it is more than SKIP_Z of its own σ behind. Either way the probability ignored is below 1e-12.
    // With a single party left, one draw of the difference of the two errors decides the seat.
    let sigma: &[f64; W] = m.sigma[lanes.clone()].try_into().expect("list width");
    let sigma2: &[f64; W] = m.sigma2[lanes].try_into().expect("list width");
    let sl2 = sigma2[lead];
    const Z2: f64 = SKIP_Z * SKIP_Z;
    let mut open = 0u32;
    for j in 0..W {
        let gap = yl - y[j];
        open |= ((gap * gap <= Z2 * (sl2 + sigma2[j])) as u32) << j;
    }
    open &= !(1u32 << lead);
    if open == 0 {
        return parties[lead] as usize;
    }
    if open.count_ones() == 1 {
        // One contender: only the difference of the two errors matters, N(0, σL² + σj²): one draw.
        let j = open.trailing_zeros() as usize;
        let x: f64 = StandardNormal.sample(rng);
        return if y[j] + (sl2 + sigma2[j]).sqrt() * x > yl { parties[j] as usize } else { parties[lead] as usize };
    }
    let x: f64 = StandardNormal.sample(rng);
    let mut best = lead;
    let mut best_value = yl + sigma[lead] * x;
    while open != 0 {
        let j = open.trailing_zeros() as usize;
        open &= open - 1;
        if best_value - y[j] > SKIP_Z * sigma[j] {
            continue;
        }
        let x: f64 = StandardNormal.sample(rng);
        let v = y[j] + sigma[j] * x;
        if v > best_value {
            best_value = v;
            best = j;
        }
    }
    parties[best] as usize
}
