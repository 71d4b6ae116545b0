//! Constituency errors: standard normals drawn ahead, a row of lanes at a time.

use super::lanes::{LANES, Row};
use super::rng::ChunkRng;
use rand_distr::{Distribution, StandardNormal};

/// Rows of normals drawn ahead in blocks: filling a block is a tight loop, and taking a row is a pointer. The
/// block is filled from the chunk's generator whenever it runs out, so the draws depend on (seed, chunk) only.
pub struct Normals {
    block: Vec<Row>,
    next: usize,
}

impl Normals {
    const ROWS: usize = 8;

    pub fn new() -> Normals {
        Normals { block: vec![[0.0; LANES]; Normals::ROWS], next: Normals::ROWS }
    }

    #[inline(always)]
    pub fn row(&mut self, rng: &mut ChunkRng) -> &Row {
        if self.next == Normals::ROWS {
            self.refill(rng);
        }
        self.next += 1;
        &self.block[self.next - 1]
    }

    #[inline(never)]
    fn refill(&mut self, rng: &mut ChunkRng) {
        for x in self.block.iter_mut().flatten() {
            *x = StandardNormal.sample(rng);
        }
        self.next = 0;
    }
}
