//! Standard normals in bulk for the regional and constituency errors: Box–Muller, one Xoshiro256++ stream a lane.
//!
//! Everything here is straight-line arithmetic on fixed-length arrays (the generator steps [`STREAMS`] streams
//! at once; the logarithm, sine and cosine are polynomials), so the compiler turns it into vector instructions
//! on every variant of the kernel, and every variant computes the same numbers bit for bit.

use super::lanes::{LANES, Row, blend};
use super::rng::ChunkRng;
use rand::Rng;

/// Independent Xoshiro256++ streams stepped side by side: one per lane, so that one step of all of them gives
/// the random bits of a row.
const STREAMS: usize = LANES;

/// Rows of normals drawn ahead. A seat or a region never needs more rows than there are parties, far fewer.
const ROWS: usize = 64;

/// Rows of standard normals, one value per lane, drawn ahead in a block from the chunk's own streams: they
/// depend on (seed, chunk) only. Rows drawn earlier (`drawn`, see `streams::SharedRows`) are read first.
#[derive(Clone)]
pub struct Normals<'a> {
    /// Rows already drawn, read before the streams' own; `drawn[read..]` are not yet read, and those before
    /// `fetched` have been asked into the cache.
    drawn: &'a [Row],
    read: usize,
    fetched: usize,
    /// Xoshiro256++ state words, `state[k][i]` the k-th word of stream i.
    state: Box<[[u64; STREAMS]; 4]>,
    block: Vec<Row>,
    /// Rows `next..end` of the block are drawn and not yet used.
    next: usize,
    end: usize,
}

impl<'a> Normals<'a> {
    /// Seeds the streams from the chunk's generator (four words each, none all-zero).
    pub fn new(rng: &mut ChunkRng) -> Normals<'a> {
        let mut state = Box::new([[0; STREAMS]; 4]);
        for i in 0..STREAMS {
            loop {
                let words: [u64; 4] = std::array::from_fn(|_| rng.next_u64());
                if words != [0; 4] {
                    for (k, w) in words.into_iter().enumerate() {
                        state[k][i] = w;
                    }
                    break;
                }
            }
        }
        Normals { drawn: &[], read: 0, fetched: 0, state, block: vec![Row::splat(0.0); ROWS], next: 0, end: 0 }
    }

    /// These normals, to be read after `drawn`: the rows drawn from the same streams before them.
    pub fn after<'b>(self, drawn: &'b [Row]) -> Normals<'b> {
        Normals { drawn, read: 0, fetched: 0, state: self.state, block: self.block, next: self.next, end: self.end }
    }

    /// Makes sure the next `rows` calls to [`Normals::row`] are ready: the rows not yet used move to the front
    /// of the block and the rest is drawn afresh, two rows (one step of every stream) at a time. Rows drawn
    /// earlier are read from memory that other threads share, too large for the core's own cache: the
    /// [`PREFETCH`] rows after these are asked for now, so that they are in the cache when the next call wants
    /// them.
    #[inline(always)]
    pub fn reserve(&mut self, rows: usize) {
        debug_assert!(rows + 1 < ROWS);
        let ahead = self.drawn.len() - self.read;
        let want = (self.read + rows + PREFETCH).min(self.drawn.len());
        if want > self.fetched {
            prefetch(&self.drawn[self.fetched.max(self.read + rows).min(want)..want]);
            self.fetched = want;
        }
        if ahead + self.end - self.next < rows {
            self.block.copy_within(self.next..self.end, 0);
            self.end -= self.next;
            self.next = 0;
            while self.end + 2 <= ROWS {
                let (first, second) = self.block[self.end..].split_at_mut(1);
                fill(&mut self.state, &mut first[0], &mut second[0]);
                self.end += 2;
            }
        }
    }

    /// The next row of normals (reserved beforehand).
    #[inline(always)]
    pub fn row(&mut self) -> &Row {
        if self.read < self.drawn.len() {
            self.read += 1;
            return &self.drawn[self.read - 1];
        }
        debug_assert!(self.next < self.end, "row() without reserve()");
        self.next += 1;
        &self.block[self.next - 1]
    }
}

/// Rows of drawn normals asked into the cache ahead of their use: more than a seat reads.
const PREFETCH: usize = 8;

/// Asks for `rows` to be brought into the cache (a hint: nothing waits for it, and the results never depend on it).
#[inline(always)]
fn prefetch(rows: &[Row]) {
    #[cfg(target_arch = "x86_64")]
    for row in rows {
        for line in 0..std::mem::size_of::<Row>() / 64 {
            let at = row.0[line * 8..].as_ptr().cast::<i8>();
            // SAFETY: a prefetch only hints at a load; `at` points into `row`, and SSE is part of x86_64.
            unsafe { std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(at) };
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = rows;
}

/// Fills two rows with normals: lane s of both from one Box–Muller pair of stream s.
#[inline(always)]
fn fill(state: &mut [[u64; STREAMS]; 4], first: &mut Row, second: &mut Row) {
    let (radius, angle) = (step(state), step(state));
    for s in 0..LANES {
        let (z0, z1) = box_muller(radius[s], angle[s]);
        first[s] = z0;
        second[s] = z1;
    }
}

/// One Xoshiro256++ output of every stream.
#[inline(always)]
fn step(state: &mut [[u64; STREAMS]; 4]) -> [u64; STREAMS] {
    let [s0, s1, s2, s3] = state;
    let mut out = [0; STREAMS];
    for i in 0..STREAMS {
        out[i] = s0[i].wrapping_add(s3[i]).rotate_left(23).wrapping_add(s0[i]);
        let t = s1[i] << 17;
        s2[i] ^= s0[i];
        s3[i] ^= s1[i];
        s1[i] ^= s2[i];
        s0[i] ^= s3[i];
        s2[i] ^= t;
        s3[i] = s3[i].rotate_left(45);
    }
    out
}

const ONE: u64 = 0x3ff0_0000_0000_0000;
const MANTISSA: u64 = (1 << 52) - 1;

/// Two independent standard normals from two 64-bit words: R = √(−2 ln U) with U uniform on (0, 1], and an angle
/// uniform on the circle taken as a quadrant (two bits) plus an offset θ ∈ [−π/4, π/4) (52 bits).
///
/// U = 1 − k·2⁻⁵² for a 52-bit k, so R ≤ 8.5: a normal beyond that has probability 2·10⁻¹⁷. Below 2⁻⁴⁰ U is
/// coarse, which touches only |z| > 7.4 (probability 1.4·10⁻¹³, inside the 10⁻¹² the engine ignores).
#[inline(always)]
pub fn box_muller(radius: u64, angle: u64) -> (f64, f64) {
    let u = 2.0 - f64::from_bits(ONE | (radius >> 12));
    let r = (-2.0 * ln_unit(u)).max(0.0).sqrt();
    let theta = (f64::from_bits(ONE | (angle >> 12)) - 1.5) * std::f64::consts::FRAC_PI_2;
    let (s, c) = sin_cos_quarter(theta);
    // Rotate (cos θ, sin θ) by q quarter turns: q = 1 gives (−sin, cos), 2 (−cos, −sin), 3 (sin, −cos).
    let q = angle & 3;
    let swap = (q & 1).wrapping_neg();
    let (x, y) = (blend(swap, s, c), blend(swap, c, s));
    let x = f64::from_bits(x.to_bits() ^ (((q ^ (q >> 1)) & 1) << 63));
    let y = f64::from_bits(y.to_bits() ^ ((q >> 1) << 63));
    (r * x, r * y)
}

// The polynomials below are Chebyshev fits (`mpmath.chebyfit` at 50 digits, coefficients rounded to the nearest
// double), in t = θ² on [0, (π/4)²] and in w = s² on [0, s_max²] with s_max = (√2 − 1)/(√2 + 1):
//   sin(√t)/√t, 7 coefficients, largest error 3.2·10⁻¹⁸;
//   cos(√t), 8 coefficients, 3.0·10⁻²⁰;
//   atanh(√w)/√w, 8 coefficients, 1.2·10⁻¹⁸.
// They need two or three terms fewer than the Taylor series for the same accuracy; the tests below check the
// results against the standard library.

/// sin θ / θ in powers of θ².
const SIN: [f64; 7] = [
    1.0,
    -0.16666666666666616,
    0.008333333333320363,
    -0.000198412698286503,
    2.755731337640013e-06,
    -2.5050716974102745e-08,
    1.5894736651849094e-10,
];

/// cos θ in powers of θ².
const COS: [f64; 8] = [
    1.0,
    -0.5,
    0.04166666666666645,
    -0.0013888888888861095,
    2.4801587283881152e-05,
    -2.7557313097790086e-07,
    2.0875582380663952e-09,
    -1.1353379638297575e-11,
];

/// atanh(s) / s in powers of s².
const ATANH: [f64; 8] = [
    1.0,
    0.33333333333333826,
    0.1999999999965117,
    0.1428571438032084,
    0.11111098528363024,
    0.09091815840114664,
    0.07656264074182095,
    0.07404855180327638,
];

/// ln u for a normal (not subnormal) positive `u`: u = 2ᵉ·m with m ∈ [√½, √2), and ln m = 2 atanh(s) with
/// s = (m − 1)/(m + 1), |s| ≤ 0.172.
#[inline(always)]
pub fn ln_unit(u: f64) -> f64 {
    let bits = u.to_bits();
    let m = f64::from_bits((bits & MANTISSA) | ONE);
    // The biased exponent as a float, exactly: 2⁵² + E − 2⁵².
    let e = f64::from_bits(0x4330_0000_0000_0000 | (bits >> 52)) - 4_503_599_627_370_496.0 - 1023.0;
    let big = ((m > std::f64::consts::SQRT_2) as u64).wrapping_neg();
    let (m, e) = (blend(big, m * 0.5, m), blend(big, e + 1.0, e));
    let s = (m - 1.0) / (m + 1.0);
    let s2 = s * s;
    let mut p = ATANH[7];
    for k in (1..7).rev() {
        p = p * s2 + ATANH[k];
    }
    let ln_m = 2.0 * s + 2.0 * s * (s2 * p);
    e * std::f64::consts::LN_2 + ln_m
}

/// (sin θ, cos θ) for |θ| ≤ π/4, by Horner's rule in θ².
#[inline(always)]
pub fn sin_cos_quarter(theta: f64) -> (f64, f64) {
    let t2 = theta * theta;
    let (mut s, mut c) = (SIN[6], COS[7]);
    for k in (0..6).rev() {
        s = s * t2 + SIN[k];
    }
    for k in (0..7).rev() {
        c = c * t2 + COS[k];
    }
    (theta * s, c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rng::chunk_rng;
    use statrs::distribution::{ContinuousCDF, Normal};

    #[test]
    fn logarithm_matches_the_standard_library() {
        let mut rng = chunk_rng(1, 2);
        let mut worst: f64 = 0.0;
        for i in 0..200_000 {
            // Uniform draws, and powers of two and their neighbours (where the reduction switches).
            let u = if i % 4 == 0 {
                f64::from_bits((1.0f64 / (1u64 << (i % 53)) as f64).to_bits() - (i as u64 / 4) % 3)
            } else {
                2.0 - f64::from_bits(ONE | (rng.next_u64() >> 12))
            };
            let (got, want) = (ln_unit(u), u.ln());
            let err = if want == 0.0 { got.abs() } else { ((got - want) / want).abs() };
            worst = worst.max(err);
        }
        assert!(worst < 5e-16, "worst relative error {worst:e}");
        assert_eq!(ln_unit(1.0), 0.0);
    }

    #[test]
    fn sine_and_cosine_match_the_standard_library() {
        let mut worst: f64 = 0.0;
        for i in 0..=100_000 {
            let t = (i as f64 / 50_000.0 - 1.0) * std::f64::consts::FRAC_PI_4;
            let (s, c) = sin_cos_quarter(t);
            worst = worst.max((s - t.sin()).abs()).max((c - t.cos()).abs());
        }
        assert!(worst < 2.5e-16, "worst absolute error {worst:e}");
    }

    /// One million normals: moments, tail frequencies out to 4σ, and no correlation between the two normals of
    /// a pair (lane s of two consecutive rows).
    #[test]
    fn the_normals_are_standard_normal() {
        let mut rng = chunk_rng(3, 4);
        let mut normals = Normals::new(&mut rng);
        let (mut xs, mut pairs) = (Vec::new(), 0.0);
        for _ in 0..(1_000_000 / (LANES * 8)) {
            normals.reserve(8);
            for _ in 0..4 {
                let (a, b) = (*normals.row(), *normals.row());
                pairs += a.iter().zip(b.iter()).map(|(x, y)| x * y).sum::<f64>();
                xs.extend_from_slice(&a[..]);
                xs.extend_from_slice(&b[..]);
            }
        }
        let n = xs.len() as f64;
        let mean = xs.iter().sum::<f64>() / n;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n;
        let kurt = xs.iter().map(|x| (x - mean).powi(4)).sum::<f64>() / n;
        assert!(mean.abs() < 4.0 / n.sqrt(), "mean {mean}");
        assert!((var - 1.0).abs() < 4.0 * (2.0 / n).sqrt(), "variance {var}");
        assert!((kurt - 3.0).abs() < 4.0 * (96.0 / n).sqrt(), "fourth moment {kurt}");
        assert!((pairs / (n / 2.0)).abs() < 4.0 / (n / 2.0).sqrt(), "pair correlation {}", pairs / (n / 2.0));
        let phi = Normal::standard();
        for a in [-3.0, -2.0, -1.0, 0.0, 0.5, 1.0, 2.0, 3.0, 4.0] {
            let p = phi.sf(a);
            let k = xs.iter().filter(|x| **x > a).count() as f64;
            let sd = (n * p * (1.0 - p)).sqrt();
            assert!((k - n * p).abs() < 4.5 * sd, "P(z > {a}): {} vs {p}", k / n);
        }
    }

    #[test]
    fn reserved_rows_survive_a_refill_and_streams_repeat() {
        let draw = |seed| {
            let mut rng = chunk_rng(seed, 0);
            let mut normals = Normals::new(&mut rng);
            let mut rows = Vec::new();
            for k in [5, 9, 40, 13, 62, 2, 7] {
                normals.reserve(k);
                for _ in 0..k {
                    rows.push(*normals.row());
                }
            }
            rows
        };
        let rows = draw(8);
        assert_eq!(rows, draw(8));
        assert_ne!(rows, draw(9));
        // No row repeats: rows kept across a refill are used once.
        for (i, a) in rows.iter().enumerate() {
            assert!(rows[..i].iter().all(|b| b != a));
        }
    }
}
