//! Bootstrap over wards within strata: seeded, parallel, and identical whatever the number of threads.

use super::method::Design;
use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};
use rayon::prelude::*;

/// Resamples per chunk. Chunk `c` draws from its own ChaCha8 stream `c` of the seed, so the resamples do not
/// depend on how rayon spreads the chunks over threads.
pub const CHUNK: u64 = 64;

/// Summary of one output over the resamples.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spread {
    pub sd: f64,
    /// 5th and 95th percentiles (linear interpolation between order statistics).
    pub lo90: f64,
    pub hi90: f64,
}

/// Runs `n` resamples: in each, every sample stratum's wards are drawn with replacement (as many as it has), the
/// design is refitted, and `transform` maps the column totals to the outputs. Returns one spread per output.
pub fn bootstrap<F>(design: &Design, n: u64, seed: u64, n_out: usize, transform: F) -> Vec<Spread>
where
    F: Fn(&[f64], &mut [f64]) + Sync,
{
    if n == 0 {
        return vec![Spread { sd: 0.0, lo90: f64::NAN, hi90: f64::NAN }; n_out];
    }
    let chunks = n.div_ceil(CHUNK);
    // About 30,000 resamples a second on one core: a bar from 30,000 on (hidden off a terminal).
    let bar = crate::output::progress::labelled("bootstrap", n, 30_000, false);
    let draws: Vec<Vec<f64>> = (0..chunks)
        .into_par_iter()
        .map(|c| {
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            rng.set_stream(c);
            let reps = CHUNK.min(n - c * CHUNK) as usize;
            let mut mult = vec![0u32; design.len()];
            let mut totals = vec![0.0; design.y.len()];
            let mut out = Vec::with_capacity(reps * n_out);
            let mut row = vec![0.0; n_out];
            for _ in 0..reps {
                mult.fill(0);
                for g in &design.groups {
                    for _ in g.start..g.end {
                        mult[rng.random_range(g.start..g.end)] += 1;
                    }
                }
                design.totals(Some(&mult), &mut totals);
                transform(&totals, &mut row);
                out.extend_from_slice(&row);
            }
            bar.inc(reps as u64);
            out
        })
        .collect();
    bar.finish_and_clear();
    let flat: Vec<f64> = draws.into_iter().flatten().collect();
    (0..n_out)
        .map(|k| {
            let mut v: Vec<f64> = flat.iter().skip(k).step_by(n_out).copied().collect();
            spread(&mut v)
        })
        .collect()
}

/// Standard deviation and 90 % percentile interval of the values (sorted in place).
pub fn spread(v: &mut [f64]) -> Spread {
    let n = v.len() as f64;
    let mean = v.iter().sum::<f64>() / n;
    let var = if v.len() > 1 { v.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1.0) } else { 0.0 };
    v.sort_by(f64::total_cmp);
    Spread { sd: var.sqrt(), lo90: quantile(v, 0.05), hi90: quantile(v, 0.95) }
}

/// Quantile of sorted values, interpolating linearly between order statistics (Hyndman–Fan type 7).
pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * q;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::estimate::method::Group;

    fn design() -> Design {
        let n = 40;
        Design {
            electorate: vec![2.0, 1.0, 1.0],
            leave: vec![0.5, 0.6, 0.4],
            groups: vec![Group { stratum: 0, start: 0, end: 25 }, Group { stratum: 1, start: 25, end: n }],
            x: (0..n).map(|i| 0.4 + 0.01 * (i % 20) as f64).collect(),
            v: (0..n).map(|i| 1000.0 + 37.0 * (i % 7) as f64).collect(),
            y: vec![(0..n).map(|i| ((i * 7919) % 13) as f64 - 6.0).collect()],
            shrink: true,
            clamp: true,
        }
    }

    #[test]
    fn quantiles_interpolate() {
        let v = [1.0, 2.0, 3.0, 4.0, 5.0];
        assert_eq!(quantile(&v, 0.0), 1.0);
        assert_eq!(quantile(&v, 0.5), 3.0);
        assert!((quantile(&v, 0.05) - 1.2).abs() < 1e-12);
    }

    #[test]
    fn same_seed_same_spread_different_seed_differs() {
        let d = design();
        let copy = |t: &[f64], o: &mut [f64]| o[0] = t[0];
        let a = bootstrap(&d, 300, 7, 1, copy);
        let b = bootstrap(&d, 300, 7, 1, copy);
        let c = bootstrap(&d, 300, 8, 1, copy);
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert!(a[0].sd > 0.0 && a[0].lo90 < a[0].hi90);
    }
}
