//! Constituency errors: a buffered stream of standard normals and the seat decision among the leader's contenders.

use super::model::SKIP_Z;
use super::rng::ChunkRng;
use rand_distr::{Distribution, StandardNormal};

/// Normals drawn ahead in blocks: filling a block is a tight loop, and taking one is a load. The block is
/// filled from the chunk's generator whenever it runs out, so the draws still depend on (seed, chunk) only.
pub struct Normals {
    block: Box<[f64; Normals::BLOCK]>,
    next: usize,
}

impl Normals {
    const BLOCK: usize = 512;

    pub fn new() -> Normals {
        Normals { block: Box::new([0.0; Normals::BLOCK]), next: Normals::BLOCK }
    }

    #[inline(always)]
    pub fn draw(&mut self, rng: &mut ChunkRng) -> f64 {
        if self.next == Normals::BLOCK {
            self.refill(rng);
        }
        let x = self.block[self.next];
        self.next += 1;
        x
    }

    #[inline(never)]
    fn refill(&mut self, rng: &mut ChunkRng) {
        for x in self.block.iter_mut() {
            *x = StandardNormal.sample(rng);
        }
        self.next = 0;
    }
}

/// One seat in one simulation: the position of the winner in the seat's list, given the listed parties' shares
/// `y` (read as `y(j)`), the leader `lead` with share `yl`, and `open`, the other parties within reach of the
/// leader (bit j for list position j). `sigma` and `sigma2` are the parties' constituency σ and σ².
///
/// A single contender needs one draw of the difference of the two errors, N(0, σL² + σj²). With more, the
/// leader's error is drawn, then each contender's unless it is more than [`SKIP_Z`] of its own σ behind the
/// best value so far (probability ignored below 1e-12).
#[inline(always)]
#[allow(clippy::too_many_arguments)]
pub fn decide(
    y: impl Fn(usize) -> f64,
    lead: usize,
    yl: f64,
    mut open: u64,
    sigma: &[f64],
    sigma2: &[f64],
    normals: &mut Normals,
    rng: &mut ChunkRng,
) -> usize {
    if open & (open - 1) == 0 {
        let j = open.trailing_zeros() as usize;
        let x = normals.draw(rng);
        return if y(j) + (sigma2[lead] + sigma2[j]).sqrt() * x > yl { j } else { lead };
    }
    let mut best = lead;
    let mut best_value = yl + sigma[lead] * normals.draw(rng);
    while open != 0 {
        let j = open.trailing_zeros() as usize;
        open &= open - 1;
        let yj = y(j);
        if best_value - yj > SKIP_Z * sigma[j] {
            continue;
        }
        let v = yj + sigma[j] * normals.draw(rng);
        best = if v > best_value { j } else { best };
        best_value = best_value.max(v);
    }
    best
}
