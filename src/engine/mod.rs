//! The parallel Monte Carlo engine: fixed-size chunks with their own random streams, integer tallies.

mod draws;
pub mod isa;
mod kernel;
mod lanes;
pub mod model;
pub mod national;
mod normals;
pub mod rng;
mod shape;
mod streams;
pub mod tally;

pub use isa::Isa;
pub use model::{SimModel, SimSeat, Thresholds};
pub use streams::SharedRows;
use streams::Streams;
pub use tally::Tally;

use rayon::prelude::*;
use std::sync::atomic::{AtomicU64, Ordering};

/// Simulations per chunk. A constant, never derived from the thread count: results depend on the seed and this
/// number only, so they are identical on any number of threads.
pub const CHUNK: u64 = 1024;

/// Runs `sims` simulations in parallel on the current rayon pool; `on_chunk(done)` is called after each chunk
/// with the number of simulations completed so far (for progress bars).
pub fn simulate(m: &SimModel, sims: u64, seed: u64, on_chunk: &(dyn Fn(u64) + Sync)) -> Tally {
    simulate_on(Isa::detect(), m, sims, seed, on_chunk)
}

/// [`simulate`] on a given variant of the kernel (one of [`Isa::available`]); the result is the same on all.
pub fn simulate_on(isa: Isa, m: &SimModel, sims: u64, seed: u64, on_chunk: &(dyn Fn(u64) + Sync)) -> Tally {
    simulate_chunks(isa, m, sims, seed, 0..sims.div_ceil(CHUNK), on_chunk)
}

/// The chunks `range` of a run of `sims` simulations (chunk `c` holds simulations `[c * CHUNK, (c + 1) * CHUNK)`,
/// the last one fewer): the tallies of any partition of `0..ceil(sims / CHUNK)` add up to [`simulate`]'s.
pub fn simulate_chunks(
    isa: Isa,
    m: &SimModel,
    sims: u64,
    seed: u64,
    range: std::ops::Range<u64>,
    on_chunk: &(dyn Fn(u64) + Sync),
) -> Tally {
    assert!(Isa::available().contains(&isa), "this CPU cannot run the {isa} kernel");
    assert!(range.end <= sims.div_ceil(CHUNK), "chunks {range:?} beyond a run of {sims} simulations");
    let done = AtomicU64::new(0);
    range
        .into_par_iter()
        .fold(
            || Tally::new(m),
            |mut t, c| {
                let n = CHUNK.min(sims - c * CHUNK);
                kernel::simulate_chunk(isa, m, Streams::Fresh { seed, chunk: c }, n, &mut t);
                on_chunk(done.fetch_add(n, Ordering::Relaxed) + n);
                t
            },
        )
        .reduce(|| Tally::new(m), Tally::merge)
}

/// Runs `sims` simulations of every model in `models` from the same `seed`, in parallel on the current rayon pool:
/// each tally equals [`simulate`]'s for that model. The chunks go one after another, each chunk's normals drawn
/// once ([`SharedRows`]) and read by every model, which saves each model drawing them; the next chunk's rows are
/// drawn while the models simulate this one.
pub fn simulate_many(isa: Isa, models: &[&SimModel], sims: u64, seed: u64) -> Vec<Tally> {
    assert!(Isa::available().contains(&isa), "this CPU cannot run the {isa} kernel");
    let chunks = sims.div_ceil(CHUNK);
    let size = |c: u64| CHUNK.min(sims - c * CHUNK);
    let rows = |c: u64| models.iter().map(|m| SharedRows::bound(m, size(c))).max().unwrap_or(0);
    let mut tallies: Vec<Tally> = models.iter().map(|m| Tally::new(m)).collect();
    // Two sets of rows, this chunk's and the next one's, reused from chunk to chunk.
    let (mut this, mut next) = (SharedRows::new(seed, 0, rows(0)), SharedRows::new(seed, 0, 0));
    for c in 0..chunks {
        let simulate = || {
            tallies.par_iter_mut().zip(models).for_each(|(t, m)| {
                kernel::simulate_chunk(isa, m, Streams::Shared(&this), size(c), t);
            })
        };
        let ahead = || {
            if c + 1 < chunks {
                next.redraw(seed, c + 1, rows(c + 1));
            }
        };
        rayon::join(simulate, ahead);
        std::mem::swap(&mut this, &mut next);
    }
    tallies
}
