//! Combining partials: the same job, every shard exactly once, the counts added exactly (runs) or joined in
//! shard order (sweeps).

use super::partial::{Counts, Job, Partial};
use crate::error::InputError;

/// The merged partials: their shared job and the counts of all their units (summed, or joined in shard order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub job: Job,
    pub total: u64,
    pub tallies: Vec<Counts>,
}

/// Combines `partials` (each with the file it came from) by adding their counts (a run: every shard tallies its
/// own simulations into the same arrays): all must be of one job and cut into the same number of shards, each
/// present once.
pub fn combine(partials: &[(String, Partial)]) -> Result<Merged, InputError> {
    let order = check(partials)?;
    let first = &partials[order[0]].1;
    let mut tallies = first.tallies.clone();
    for &i in &order[1..] {
        let (file, p) = &partials[i];
        add(&mut tallies, &p.tallies, file)?;
    }
    Ok(Merged { job: first.job.clone(), total: first.units.total, tallies })
}

/// Combines `partials` by joining their arrays in shard order (a sweep: every shard holds its own points). Within
/// each partial every array holds the same number of values per unit as in the others.
pub fn concat(partials: &[(String, Partial)]) -> Result<Merged, InputError> {
    let order = check(partials)?;
    let first = &partials[order[0]].1;
    let mut tallies: Vec<Counts> =
        first.tallies.iter().map(|c| Counts { name: c.name.clone(), counts: Vec::new() }).collect();
    let mut width: Vec<Option<usize>> = vec![None; tallies.len()];
    for &i in &order {
        let (file, p) = &partials[i];
        let units = (p.units.end - p.units.start) as usize;
        let names = |c: &[Counts]| c.iter().map(|c| c.name.clone()).collect::<Vec<_>>();
        if names(&p.tallies) != names(&tallies) {
            let msg =
                format!("expected the arrays {}, found '{}'", names(&tallies).join(" "), names(&p.tallies).join(" "));
            return Err(InputError::new(file, msg).field("tallies"));
        }
        for ((sum, more), w) in tallies.iter_mut().zip(&p.tallies).zip(width.iter_mut()) {
            let len = more.counts.len();
            let fits = match (units, *w) {
                (0, _) => len == 0,
                (u, Some(w)) => len == u * w,
                (u, None) => len % u == 0,
            };
            if !fits {
                let per = w.map_or("a whole number of".to_string(), |w| w.to_string());
                let msg = format!("expected {per} values per unit for its {units} units, found {len}");
                return Err(InputError::new(file, msg).field(format!("tallies.{}", more.name)));
            }
            if let Some(per) = len.checked_div(units) {
                *w = Some(per);
            }
            sum.counts.extend_from_slice(&more.counts);
        }
    }
    Ok(Merged { job: first.job.clone(), total: first.units.total, tallies })
}

/// Checks that `partials` are of one job, cut into the same number of shards, each present once; returns their
/// positions in shard order.
fn check(partials: &[(String, Partial)]) -> Result<Vec<usize>, InputError> {
    let Some((first_file, first)) = partials.first() else {
        return Err(InputError::new("pns merge", "expected at least one partial, found none"));
    };
    let n = first.units.count;
    let mut seen: Vec<Option<usize>> = vec![None; usize::try_from(n).unwrap_or(usize::MAX).min(partials.len() + 1)];
    for (i, (file, p)) in partials.iter().enumerate() {
        same_job(file, p, first_file, first)?;
        let slot = (p.units.index - 1) as usize;
        if slot >= seen.len() {
            // More shards than partials: one is missing, reported below.
            continue;
        }
        if let Some(other) = seen[slot] {
            let msg =
                format!("expected each shard once, found shard {}/{n} also in {}", p.units.index, partials[other].0);
            return Err(InputError::new(file, msg).field("units.index"));
        }
        seen[slot] = Some(i);
    }
    if let Some(missing) = (1..=n).find(|&k| seen.get((k - 1) as usize).is_none_or(|s| s.is_none())) {
        let msg = format!("expected all {n} shards, found {} partials without shard {missing}/{n}", partials.len());
        return Err(InputError::new("pns merge", msg));
    }
    Ok(seen.into_iter().flatten().collect())
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
