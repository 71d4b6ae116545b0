//! A sweep point's results as integers (seat counts, quantiles, simulation counts): what a shard writes into its
//! partial and what every point's reported figures are computed from, so that merged shards give the same bytes.

use crate::error::InputError;
use crate::shard::Counts;

/// One point's integer results, one entry per listed party in the sweep's party order.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct PointCounts {
    /// Seats in the deterministic projection.
    pub central: Vec<u64>,
    /// Over the simulations: total seats, the 50th, 5th and 95th percentiles, majorities and largest-party
    /// finishes (all 0 without simulations).
    pub seat_sum: Vec<u64>,
    pub median: Vec<u64>,
    pub p5: Vec<u64>,
    pub p95: Vec<u64>,
    pub majority: Vec<u64>,
    pub largest: Vec<u64>,
    /// Simulations with no majority.
    pub hung: u64,
    /// The most likely outcome (index into the tally's outcomes) and its number of simulations (0 without
    /// simulations: then the outcome of the projection).
    pub outcome: u64,
    pub outcome_count: u64,
}

/// The per-party arrays, in this order, then the per-point ones.
const PARTY_ARRAYS: [&str; 7] = ["central", "seat_sum", "median", "p5", "p95", "majority", "largest"];
const POINT_ARRAYS: [&str; 3] = ["hung", "outcome", "outcome_count"];

impl PointCounts {
    fn party_arrays(&self) -> [&Vec<u64>; 7] {
        [&self.central, &self.seat_sum, &self.median, &self.p5, &self.p95, &self.majority, &self.largest]
    }

    fn party_arrays_mut(&mut self) -> [&mut Vec<u64>; 7] {
        [
            &mut self.central,
            &mut self.seat_sum,
            &mut self.median,
            &mut self.p5,
            &mut self.p95,
            &mut self.majority,
            &mut self.largest,
        ]
    }
}

/// The points' counts as named arrays, point after point (`parties` values a point in the per-party arrays).
pub fn to_counts(points: &[PointCounts]) -> Vec<Counts> {
    let mut out: Vec<Counts> =
        PARTY_ARRAYS.iter().chain(&POINT_ARRAYS).map(|n| Counts { name: (*n).into(), counts: Vec::new() }).collect();
    for p in points {
        for (k, a) in p.party_arrays().into_iter().enumerate() {
            out[k].counts.extend(a);
        }
        for (k, v) in [p.hung, p.outcome, p.outcome_count].into_iter().enumerate() {
            out[PARTY_ARRAYS.len() + k].counts.push(v);
        }
    }
    out
}

/// The counts of `points` points of `parties` parties each held by `counts` (from `file`): the arrays
/// [`to_counts`] writes, with those lengths.
pub fn from_counts(counts: &[Counts], points: u64, parties: usize, file: &str) -> Result<Vec<PointCounts>, InputError> {
    let n = usize::try_from(points).unwrap_or(usize::MAX);
    let expected: Vec<(&str, usize)> = PARTY_ARRAYS
        .iter()
        .map(|a| (*a, n.saturating_mul(parties)))
        .chain(POINT_ARRAYS.iter().map(|a| (*a, n)))
        .collect();
    let found: Vec<(&str, usize)> = counts.iter().map(|c| (c.name.as_str(), c.counts.len())).collect();
    if expected != found {
        let show = |v: &[(&str, usize)]| v.iter().map(|(n, l)| format!("{n}[{l}]")).collect::<Vec<_>>().join(" ");
        let msg = format!("expected the arrays {} of this sweep, found '{}'", show(&expected), show(&found));
        return Err(InputError::new(file, msg).field("tallies"));
    }
    let mut out = vec![PointCounts::default(); n];
    for (i, p) in out.iter_mut().enumerate() {
        for (k, a) in p.party_arrays_mut().into_iter().enumerate() {
            a.extend_from_slice(&counts[k].counts[i * parties..(i + 1) * parties]);
        }
        let at = |k: usize| counts[PARTY_ARRAYS.len() + k].counts[i];
        (p.hung, p.outcome, p.outcome_count) = (at(0), at(1), at(2));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(seed: u64) -> PointCounts {
        let v = |k: u64| (0..3).map(|i| seed * 100 + k * 10 + i).collect::<Vec<u64>>();
        PointCounts {
            central: v(1),
            seat_sum: v(2),
            median: v(3),
            p5: v(4),
            p95: v(5),
            majority: v(6),
            largest: v(7),
            hung: seed,
            outcome: seed + 1,
            outcome_count: seed + 2,
        }
    }

    #[test]
    fn counts_round_trip_and_lengths_are_checked() {
        let points = vec![point(1), point(2)];
        let counts = to_counts(&points);
        assert_eq!(from_counts(&counts, 2, 3, "p").unwrap(), points);
        let e = from_counts(&counts, 3, 3, "p").unwrap_err().to_string();
        assert!(e.starts_with("p: field `tallies`: expected the arrays central[9]"), "{e}");
        assert!(e.ends_with("found 'central[6] seat_sum[6] median[6] p5[6] p95[6] majority[6] largest[6] hung[2] outcome[2] outcome_count[2]'"), "{e}");
    }
}
