//! Constituency errors for one seat across a batch: a row of normals for each party that can plausibly win, and
//! for long shots an exact draw only in the lanes where their error is large enough to matter.

use super::lanes::{LANES, Row, SeatLanes, blend};
use super::normals::Normals;
use super::rng::ChunkRng;
use rand::Rng;
use statrs::function::erf::erfc;

/// Upper-tail probabilities of the standard normal on a grid of cut-offs `a_k = FIRST + k · STEP`.
pub struct Tails {
    /// ln(1 − P(N(0, 1) > a_k)): the log-probability that one lane's error stays below the cut-off.
    ln_below: [f64; Tails::GRID],
    /// (1 − P(N(0, 1) > a_k))^LANES: the probability that no lane of a batch exceeds the cut-off.
    none: [f64; Tails::GRID],
}

impl Tails {
    const FIRST: f64 = 2.0;
    const STEP: f64 = 0.25;
    const GRID: usize = 25;

    pub fn new() -> Tails {
        let ln_below: [f64; Tails::GRID] = std::array::from_fn(|k| {
            let a = Tails::FIRST + k as f64 * Tails::STEP;
            (-0.5 * erfc(a / std::f64::consts::SQRT_2)).ln_1p()
        });
        Tails { ln_below, none: ln_below.map(|l| (l * LANES as f64).exp()) }
    }
}

/// The winner in every lane of one seat (its position in the seat's list, as `f64`), once constituency errors
/// are drawn: the largest share plus σ·N(0, 1), list order breaking ties. `reach` and `likely` come from
/// [`SeatLanes::reach`]; the likely parties get a full row of errors, then each long shot (within reach, not
/// likely) is drawn by [`long_shot`].
#[allow(clippy::too_many_arguments)]
#[inline(always)]
pub fn winners(
    lanes: &SeatLanes,
    sigma: &[f64],
    (reach, likely): (u64, u64),
    tails: &Tails,
    normals: &mut Normals,
    rng: &mut ChunkRng,
    win: &mut Row,
) {
    if reach & (reach - 1) == 0 {
        // Only one party is within reach, in every lane: it leads everywhere and nothing can change that.
        *win = lanes.lead;
        return;
    }
    let mut best = Row::splat(f64::NEG_INFINITY);
    for j in bits(likely) {
        full_row(&lanes.y[j], sigma[j], j as f64, normals.row(), &mut best, win);
    }
    for j in bits(reach & !likely) {
        long_shot(&lanes.y[j], sigma[j], j as f64, tails, normals, rng, &mut best, win);
    }
}

/// The set bits of `mask`, lowest first.
pub fn bits(mut mask: u64) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        (mask != 0).then(|| {
            let j = mask.trailing_zeros() as usize;
            mask &= mask - 1;
            j
        })
    })
}

/// Party `j` (shares `y`, σ `sg`) with its errors `e` in every lane: it becomes the winner where it beats `best`.
#[inline(always)]
fn full_row(y: &Row, sg: f64, j: f64, e: &Row, best: &mut Row, win: &mut Row) {
    for s in 0..LANES {
        let v = y[s] + sg * e[s];
        let m = ((v > best[s]) as u64).wrapping_neg();
        best[s] = blend(m, v, best[s]);
        win[s] = blend(m, j, win[s]);
    }
}

/// A long shot: it wins lane s only if its error exceeds t_s = (best_s − y_s) / σ, and every t_s is at least
/// the grid cut-off `a` just below their minimum. Whether a lane's error exceeds `a` is a Bernoulli trial with
/// probability Q(a) = P(N(0, 1) > a); the lanes where it does are found by geometric jumps (one uniform per
/// success, plus one), and only there is the error drawn, from the normal's tail beyond `a`. This is the same
/// distribution as drawing every lane, exactly. If the minimum is below the grid, the party gets a full row.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn long_shot(
    y: &Row,
    sg: f64,
    j: f64,
    tails: &Tails,
    normals: &mut Normals,
    rng: &mut ChunkRng,
    best: &mut Row,
    win: &mut Row,
) {
    let t = min_gap(best, y) / sg;
    // Below the grid, or NaN (σ = 0 with a tie): a full row.
    if t.is_nan() || t < Tails::FIRST {
        full_row(y, sg, j, normals.row(), best, win);
        return;
    }
    let k = (((t - Tails::FIRST) / Tails::STEP) as usize).min(Tails::GRID - 1);
    let (a, ln_below) = (Tails::FIRST + k as f64 * Tails::STEP, tails.ln_below[k]);
    // Usually no lane's error exceeds `a`: that is u ≤ (1 − Q(a))^LANES, tested without a logarithm.
    let mut u = open_unit(rng);
    if u <= tails.none[k] {
        return;
    }
    let mut s = 0;
    loop {
        // Lanes skipped before the next one whose error exceeds `a`: P(skip ≥ n) = (1 − Q(a))ⁿ.
        let skip = u.ln() / ln_below;
        if skip >= (LANES - s) as f64 {
            return;
        }
        s += skip as usize;
        let v = y[s] + sg * normal_tail(a, rng);
        if v > best[s] {
            best[s] = v;
            win[s] = j;
        }
        s += 1;
        u = open_unit(rng);
    }
}

/// The smallest `best − y` over the lanes (NaN gaps skipped; +∞ if all are NaN): 32 independent minima, so that
/// the loop vectorises with several vectors in flight, then halved down to one. The minimum of a set is the same
/// whatever the order (up to the sign of a zero gap, and every gap below the grid's first cut-off is treated alike).
#[inline(always)]
fn min_gap(best: &Row, y: &Row) -> f64 {
    const W: usize = 32;
    let min = |a: f64, b: f64| if b < a { b } else { a };
    let mut acc = [f64::INFINITY; W];
    for c in (0..LANES).step_by(W) {
        for (i, a) in acc.iter_mut().enumerate() {
            *a = min(*a, best[c + i] - y[c + i]);
        }
    }
    let mut w = W;
    while w > 1 {
        w /= 2;
        for i in 0..w {
            acc[i] = min(acc[i], acc[i + w]);
        }
    }
    acc[0]
}

/// A uniform draw in (0, 1].
#[inline(always)]
pub fn open_unit(rng: &mut ChunkRng) -> f64 {
    ((rng.next_u64() >> 11) + 1) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// A draw from N(0, 1) conditioned on exceeding `a` > 0: x = √(a² − 2 ln U₁), accepted with probability a / x
/// (Marsaglia's tail method).
pub fn normal_tail(a: f64, rng: &mut ChunkRng) -> f64 {
    loop {
        let x = (a * a - 2.0 * open_unit(rng).ln()).sqrt();
        if (1.0 - open_unit(rng)) * x <= a {
            return x;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rng::chunk_rng;
    use statrs::distribution::{ContinuousCDF, Normal};

    #[test]
    fn tail_draws_exceed_the_cut_off_with_the_right_spread() {
        let mut rng = chunk_rng(5, 0);
        let phi = Normal::standard();
        for a in [2.0, 3.0, 5.0] {
            let n = 200_000;
            let xs: Vec<f64> = (0..n).map(|_| normal_tail(a, &mut rng)).collect();
            assert!(xs.iter().all(|x| *x > a));
            // P(X > a + 0.5 | X > a) = Q(a + 0.5) / Q(a).
            let p = phi.sf(a + 0.5) / phi.sf(a);
            let k = xs.iter().filter(|x| **x > a + 0.5).count() as f64;
            assert!((k - n as f64 * p).abs() < 3.3 * (n as f64 * p * (1.0 - p)).sqrt(), "{a}: {k} vs {}", n as f64 * p);
        }
    }

    #[test]
    fn tail_grid_holds_the_normal_tail_probabilities() {
        let (t, phi) = (Tails::new(), Normal::standard());
        for (k, l) in t.ln_below.iter().enumerate() {
            let a = Tails::FIRST + k as f64 * Tails::STEP;
            assert!((l.exp() - phi.cdf(a)).abs() < 1e-15, "{a}");
        }
    }
}
