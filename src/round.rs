//! The rounding of every figure `pns` writes, so JSON and CSV stay compact and byte-stable: defined once.

/// Probability from a count, rounded to 1e-9 (0 when there is no simulation).
pub fn prob(count: u64, n: u64) -> f64 {
    if n == 0 { 0.0 } else { (count as f64 / n as f64 * 1e9).round() / 1e9 }
}

/// A figure rounded to 1e-6.
pub fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// A fraction as percent, rounded to 1e-6.
pub fn pct(x: f64) -> f64 {
    (x * 100.0 * 1e6).round() / 1e6
}
