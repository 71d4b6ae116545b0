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
pub mod tally;

pub use isa::Isa;
pub use model::{SimModel, SimSeat, Thresholds};
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
                kernel::simulate_chunk(isa, m, seed, c, n, &mut t);
                on_chunk(done.fetch_add(n, Ordering::Relaxed) + n);
                t
            },
        )
        .reduce(|| Tally::new(m), Tally::merge)
}
