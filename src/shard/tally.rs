//! A run's [`Tally`] as the named count arrays of a partial, and back.

use super::partial::Counts;
use crate::engine::{SimModel, Tally};
use crate::error::InputError;

/// The arrays of a tally, in this order.
const NAMES: [&str; 11] = [
    "sims",
    "hist",
    "wins",
    "majority",
    "effective",
    "largest",
    "joint_largest",
    "hung",
    "outcomes",
    "coalition_majority",
    "coalition_effective",
];

/// The tally's counts, every field an array.
pub fn to_counts(t: &Tally) -> Vec<Counts> {
    let arrays: [&[u64]; 11] = [
        &[t.sims],
        &t.hist,
        &t.wins,
        &t.majority,
        &t.effective,
        &t.largest,
        &t.joint_largest,
        &[t.hung],
        &t.outcomes,
        &t.coalition_majority,
        &t.coalition_effective,
    ];
    NAMES.iter().zip(arrays).map(|(name, a)| Counts { name: (*name).into(), counts: a.to_vec() }).collect()
}

/// The tally of `model` held by `counts` (from `file`): the arrays must be those [`to_counts`] writes, with the
/// lengths the model gives, and hold `sims` simulations.
pub fn from_counts(counts: &[Counts], model: &SimModel, sims: u64, file: &str) -> Result<Tally, InputError> {
    let mut t = Tally::new(model);
    let expected: Vec<(&str, usize)> =
        NAMES.iter().copied().zip(to_counts(&t).iter().map(|c| c.counts.len())).collect();
    let found: Vec<(&str, usize)> = counts.iter().map(|c| (c.name.as_str(), c.counts.len())).collect();
    if expected != found {
        let show = |v: &[(&str, usize)]| v.iter().map(|(n, l)| format!("{n}[{l}]")).collect::<Vec<_>>().join(" ");
        let msg = format!("expected the arrays {} of this scenario, found '{}'", show(&expected), show(&found));
        return Err(InputError::new(file, msg).field("tallies"));
    }
    let c = |i: usize| counts[i].counts.as_slice();
    t.sims = c(0)[0];
    t.hist.copy_from_slice(c(1));
    t.wins.copy_from_slice(c(2));
    t.majority.copy_from_slice(c(3));
    t.effective.copy_from_slice(c(4));
    t.largest.copy_from_slice(c(5));
    t.joint_largest.copy_from_slice(c(6));
    t.hung = c(7)[0];
    t.outcomes.copy_from_slice(c(8));
    t.coalition_majority.copy_from_slice(c(9));
    t.coalition_effective.copy_from_slice(c(10));
    if t.sims != sims {
        let msg = format!("expected {sims} simulations in all, found '{}'", t.sims);
        return Err(InputError::new(file, msg).field("tallies.sims"));
    }
    // Every party has a seat count in every simulation.
    let width = model.total_seats as usize + 1;
    if let Some(row) =
        t.hist.chunks(width).map(|r| r.iter().map(|&c| c as u128).sum::<u128>()).find(|&s| s != sims as u128)
    {
        let msg = format!("expected each party's seat counts to add up to {sims} simulations, found '{row}'");
        return Err(InputError::new(file, msg).field("tallies.hist"));
    }
    Ok(t)
}
