//! A chunk's random streams: its generator and its rows of normals, drawn afresh or read from rows drawn once for
//! many runs with the same seed.
//!
//! The rows of normals of a chunk depend on (seed, chunk) only, never on the scenario: every run reads the same
//! sequence, each as far as it needs. A sweep runs hundreds of scenarios with one seed, so it draws each chunk's
//! rows once ([`SharedRows`]) and every point reads them; a point that needs more rows than were drawn goes on
//! drawing from where they stop. Either way a run sees the same numbers, bit for bit.

use super::lanes::Row;
use super::model::SimModel;
use super::normals::Normals;
use super::rng::{ChunkRng, chunk_rng};

/// Where a chunk's kernel takes its random numbers from.
#[derive(Clone, Copy)]
pub enum Streams<'a> {
    /// Chunk `chunk` of seed `seed`, its normals drawn as they are needed.
    Fresh { seed: u64, chunk: u64 },
    /// The same chunk's streams, with its first rows of normals already drawn.
    Shared(&'a SharedRows),
}

impl<'a> Streams<'a> {
    /// The chunk's generator and normals, positioned at the start of the chunk.
    #[inline(always)]
    pub(super) fn open(self) -> (ChunkRng, Normals<'a>) {
        match self {
            Streams::Fresh { seed, chunk } => {
                let mut rng = chunk_rng(seed, chunk);
                let normals = Normals::new(&mut rng);
                (rng, normals)
            }
            Streams::Shared(shared) => (shared.rng.clone(), shared.rest.clone().after(&shared.rows)),
        }
    }
}

/// The first rows of normals of one chunk, drawn once, with the chunk's generator as it stands after seeding the
/// normals and the normals' state after those rows.
pub struct SharedRows {
    rng: ChunkRng,
    rows: Vec<Row>,
    rest: Normals<'static>,
}

impl SharedRows {
    /// Draws the first `rows` rows of normals of chunk `chunk` under `seed`.
    pub fn new(seed: u64, chunk: u64, rows: usize) -> SharedRows {
        let mut rng = chunk_rng(seed, chunk);
        let rest = Normals::new(&mut rng);
        let mut shared = SharedRows { rng, rows: Vec::with_capacity(rows), rest };
        shared.draw(rows);
        shared
    }

    /// Draws the first `rows` rows of chunk `chunk` under `seed` in place of these (reusing their memory).
    pub fn redraw(&mut self, seed: u64, chunk: u64, rows: usize) {
        self.rng = chunk_rng(seed, chunk);
        self.rest = Normals::new(&mut self.rng);
        self.rows.clear();
        self.rows.reserve_exact(rows);
        self.draw(rows);
    }

    /// Appends the next `rows` rows of the streams to the rows drawn.
    fn draw(&mut self, rows: usize) {
        for _ in 0..rows {
            self.rest.reserve(1);
            self.rows.push(*self.rest.row());
        }
    }

    /// The rows a chunk of `n` simulations of `m` can read at most: per batch, one per region × party with a
    /// regional error and one per party listed in each seat with constituency errors.
    pub fn bound(m: &SimModel, n: u64) -> usize {
        let regional: usize = if m.regional_active {
            m.regional_sigma.iter().map(|sig| sig.iter().filter(|sg| **sg > 0.0).count()).sum()
        } else {
            0
        };
        let seats: usize = if m.constituency_active { m.seats.iter().map(|s| s.list.len()).sum() } else { 0 };
        n.div_ceil(super::lanes::LANES as u64) as usize * (regional + seats)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rows read through shared rows, past their end and on into fresh ones, are the fresh sequence.
    #[test]
    fn shared_rows_continue_the_fresh_sequence() {
        let (rng, mut fresh) = Streams::Fresh { seed: 9, chunk: 4 }.open();
        let want: Vec<Row> = (0..300)
            .map(|k| {
                fresh.reserve(1 + k % 7);
                *fresh.row()
            })
            .collect();
        let mut reused = SharedRows::new(2, 7, 500);
        for drawn in [0, 1, 63, 64, 65, 200, 299, 300, 400] {
            // Rows drawn afresh, and rows drawn in place of another chunk's (reusing their memory).
            reused.redraw(9, 4, drawn);
            for shared in [&SharedRows::new(9, 4, drawn), &reused] {
                let (mut r2, mut normals) = Streams::Shared(shared).open();
                let got: Vec<Row> = (0..300)
                    .map(|k| {
                        normals.reserve(1 + k % 7);
                        *normals.row()
                    })
                    .collect();
                assert!(got == want, "{drawn} rows drawn ahead");
                // Reading normals never touches the chunk's generator: both stand just after seeding them.
                assert_eq!(rand::Rng::next_u64(&mut r2), rand::Rng::next_u64(&mut rng.clone()));
            }
        }
    }
}
