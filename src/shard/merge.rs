//! Combining partials: the same job, every shard exactly once, the counts added exactly.

use super::partial::{Counts, Job, Partial};
use crate::error::InputError;

/// The merged partials: their shared job and the summed counts of all their units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub job: Job,
    pub total: u64,
    pub tallies: Vec<Counts>,
}

/// Combines `partials` (each with the file it came from): all must be of one job and cut into the same number of
/// shards, each present once.
pub fn combine(partials: &[(String, Partial)]) -> Result<Merged, InputError> {
    let Some((first_file, first)) = partials.first() else {
        return Err(InputError::new("pns merge", "expected at least one partial, found none"));
    };
    let n = first.units.count;
    let mut seen: Vec<Option<&str>> = vec![None; usize::try_from(n).unwrap_or(usize::MAX).min(partials.len() + 1)];
    let mut tallies = first.tallies.clone();
    for (i, (file, p)) in partials.iter().enumerate() {
        same_job(file, p, first_file, first)?;
        let slot = (p.units.index - 1) as usize;
        if slot >= seen.len() {
            // More shards than partials: one is missing, reported below.
            continue;
        }
        if let Some(other) = seen[slot] {
            let msg = format!("expected each shard once, found shard {}/{n} also in {other}", p.units.index);
            return Err(InputError::new(file, msg).field("units.index"));
        }
        seen[slot] = Some(file);
        if i > 0 {
            add(&mut tallies, &p.tallies, file)?;
        }
    }
    if let Some(missing) = (1..=n).find(|&k| seen.get((k - 1) as usize).is_none_or(|s| s.is_none())) {
        let msg = format!("expected all {n} shards, found {} partials without shard {missing}/{n}", partials.len());
        return Err(InputError::new("pns merge", msg));
    }
    Ok(Merged { job: first.job.clone(), total: first.units.total, tallies })
}

/// `p` must be of the same job as `first`, cut the same way.
fn same_job(file: &str, p: &Partial, first_file: &str, first: &Partial) -> Result<(), InputError> {
    let (a, b) = (&p.job, &first.job);
    let differs = |field: &str, found: String, expected: String| {
        let msg = format!("expected the same as {first_file} ({expected}), found '{found}'");
        Err(InputError::new(file, msg).field(field))
    };
    if a.pns_version != b.pns_version {
        return differs("job.pns_version", a.pns_version.clone(), b.pns_version.clone());
    }
    if a.command != b.command {
        return differs("job.command", a.command.clone(), b.command.clone());
    }
    if a.seed != b.seed {
        return differs("job.seed", a.seed.to_string(), b.seed.to_string());
    }
    if a.args != b.args {
        return differs("job.args", a.args.join(" "), b.args.join(" "));
    }
    if a.fingerprint != b.fingerprint {
        return differs("job.fingerprint", a.fingerprint.clone(), b.fingerprint.clone());
    }
    let (u, v) = (p.units, first.units);
    if (u.count, u.total) != (v.count, v.total) {
        let shape = |u: super::Units| format!("{} shards of {} units", u.count, u.total);
        return differs("units.count", shape(u), shape(v));
    }
    Ok(())
}

/// Adds `more` to `sum`, array by array: the names and lengths must agree, and no count may overflow.
fn add(sum: &mut [Counts], more: &[Counts], file: &str) -> Result<(), InputError> {
    let shape = |c: &[Counts]| c.iter().map(|c| format!("{}[{}]", c.name, c.counts.len())).collect::<Vec<_>>();
    if shape(sum) != shape(more) {
        let msg = format!("expected the arrays {}, found '{}'", shape(sum).join(" "), shape(more).join(" "));
        return Err(InputError::new(file, msg).field("tallies"));
    }
    for (s, m) in sum.iter_mut().zip(more) {
        for (x, y) in s.counts.iter_mut().zip(&m.counts) {
            *x = x.checked_add(*y).ok_or_else(|| {
                InputError::new(file, format!("expected counts that add up within 2^64, found '{y}'"))
                    .field(format!("tallies.{}", m.name))
            })?;
        }
    }
    Ok(())
}
