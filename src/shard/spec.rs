//! `--shard i/n`: which of n equal shares of a job's work units this process does.

use crate::error::InputError;
use std::ops::Range;

/// Shard `index` (1-based) of `count`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

/// Most shards a job may be cut into.
pub const MAX_SHARDS: u64 = 1_000_000;

impl Shard {
    /// Reads `i/n` (1 ≤ i ≤ n ≤ [`MAX_SHARDS`]); errors name `--shard`.
    pub fn parse(text: &str) -> Result<Shard, InputError> {
        let bad = |what: &str| {
            InputError::new("--shard", format!("expected i/n with 1 ≤ i ≤ n ≤ {MAX_SHARDS}{what}, found '{text}'"))
        };
        let (i, n) = text.split_once('/').ok_or_else(|| bad(""))?;
        let number = |s: &str| s.trim().parse::<u64>().ok().filter(|_| !s.trim().starts_with('+'));
        let (Some(index), Some(count)) = (number(i), number(n)) else {
            return Err(bad(" (two whole numbers)"));
        };
        if count == 0 || count > MAX_SHARDS {
            return Err(bad(" (n from 1)"));
        }
        if index == 0 || index > count {
            return Err(bad(" (i from 1 to n)"));
        }
        Ok(Shard { index, count })
    }

    /// The work units of this shard out of `total`: `[(i-1)·total/n, i·total/n)`. Shares differ by at most one
    /// unit; with more shards than units some shards are empty.
    pub fn units(self, total: u64) -> Range<u64> {
        let at = |k: u64| ((k as u128 * total as u128) / self.count as u128) as u64;
        at(self.index - 1)..at(self.index)
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_partition_the_units() {
        for total in [0, 1, 2, 7, 10, 977, 1000] {
            for count in [1, 2, 3, 7, 11, 100] {
                let mut next = 0;
                for index in 1..=count {
                    let r = Shard { index, count }.units(total);
                    assert_eq!(r.start, next);
                    assert!(r.end - r.start <= total.div_ceil(count));
                    next = r.end;
                }
                assert_eq!(next, total);
            }
        }
    }

    #[test]
    fn bad_shards_name_the_flag() {
        for bad in ["0/3", "4/3", "a/b", "1/0", "3", "", "1/2/3", "-1/3", "+1/3", "1/1000001"] {
            let e = Shard::parse(bad).unwrap_err().to_string();
            assert!(e.starts_with("--shard: expected i/n"), "{bad}: {e}");
            assert!(e.ends_with(&format!("found '{bad}'")), "{bad}: {e}");
        }
        assert_eq!(Shard::parse("3/7").unwrap(), Shard { index: 3, count: 7 });
        assert_eq!(Shard::parse("1/1").unwrap().units(5), 0..5);
    }
}
