//! Weighted least squares with cluster-robust (CR1) standard errors, by a Cholesky factorisation.

/// A weighted least-squares fit: coefficients and their cluster-robust (CR1) standard errors.
#[derive(Clone, Debug, PartialEq)]
pub struct Fit {
    pub coef: Vec<f64>,
    pub se: Vec<f64>,
}

/// Weighted least squares of `y` on the row-major `n × k` matrix `x` with weights `w`, standard errors clustered by
/// `cluster` (CR1: `(X'WX)⁻¹ Σ_g s_g s_gᵀ (X'WX)⁻¹ · G/(G−1) · (n−1)/(n−k)`, `s_g = Σ_{i∈g} x_i w_i e_i`).
/// `None` if `X'WX` is singular or there are too few rows or clusters.
pub fn wls_clustered(x: &[f64], k: usize, y: &[f64], w: &[f64], cluster: &[usize]) -> Option<Fit> {
    let n = y.len();
    let g_count = cluster.iter().max().map_or(0, |g| g + 1);
    if k == 0 || n <= k || g_count < 2 || x.len() != n * k || w.len() != n || cluster.len() != n {
        return None;
    }
    let mut a = vec![0.0; k * k];
    let mut b = vec![0.0; k];
    for i in 0..n {
        let row = &x[i * k..(i + 1) * k];
        for j in 0..k {
            b[j] += w[i] * row[j] * y[i];
            for l in 0..=j {
                a[j * k + l] += w[i] * row[j] * row[l];
            }
        }
    }
    let chol = cholesky(&a, k)?;
    let coef = chol_solve(&chol, k, &b);
    let inv: Vec<Vec<f64>> = (0..k).map(|j| chol_solve(&chol, k, &unit(k, j))).collect();
    let mut scores = vec![vec![0.0; k]; g_count];
    for i in 0..n {
        let row = &x[i * k..(i + 1) * k];
        let e = y[i] - row.iter().zip(&coef).map(|(a, b)| a * b).sum::<f64>();
        for j in 0..k {
            scores[cluster[i]][j] += row[j] * w[i] * e;
        }
    }
    let g = g_count as f64;
    let scale = g / (g - 1.0) * (n as f64 - 1.0) / (n as f64 - k as f64);
    let se = (0..k)
        .map(|j| {
            // Row j of (X'WX)⁻¹ times each cluster's score.
            let v: f64 = scores.iter().map(|s| inv[j].iter().zip(s).map(|(a, b)| a * b).sum::<f64>().powi(2)).sum();
            (v * scale).sqrt()
        })
        .collect();
    Some(Fit { coef, se })
}

fn unit(k: usize, j: usize) -> Vec<f64> {
    (0..k).map(|i| if i == j { 1.0 } else { 0.0 }).collect()
}

/// Cholesky factor `L` (row-major, lower) of the symmetric matrix whose lower triangle is `a`; `None` unless
/// clearly positive definite.
fn cholesky(a: &[f64], k: usize) -> Option<Vec<f64>> {
    let scale = (0..k).map(|j| a[j * k + j]).fold(0.0, f64::max);
    let mut l = vec![0.0; k * k];
    for j in 0..k {
        for i in j..k {
            let sum = a[i * k + j] - (0..j).map(|m| l[i * k + m] * l[j * k + m]).sum::<f64>();
            if i == j {
                // NaN fails this too.
                if sum.partial_cmp(&(1e-12 * scale)) != Some(std::cmp::Ordering::Greater) {
                    return None;
                }
                l[j * k + j] = sum.sqrt();
            } else {
                l[i * k + j] = sum / l[j * k + j];
            }
        }
    }
    Some(l)
}

/// Solves `L Lᵀ z = b`.
fn chol_solve(l: &[f64], k: usize, b: &[f64]) -> Vec<f64> {
    let mut z = vec![0.0; k];
    for i in 0..k {
        z[i] = (b[i] - (0..i).map(|m| l[i * k + m] * z[m]).sum::<f64>()) / l[i * k + i];
    }
    for i in (0..k).rev() {
        z[i] = (z[i] - (i + 1..k).map(|m| l[m * k + i] * z[m]).sum::<f64>()) / l[i * k + i];
    }
    z
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wls_recovers_an_exact_line_with_zero_se() {
        // y = 1 + 2x exactly, in 4 clusters.
        let xs = [0.1, 0.4, 0.2, 0.9, 0.5, 0.7, 0.3, 0.8];
        let x: Vec<f64> = xs.iter().flat_map(|&v| [1.0, v]).collect();
        let y: Vec<f64> = xs.iter().map(|v| 1.0 + 2.0 * v).collect();
        let w = [1.0, 2.0, 1.0, 3.0, 1.0, 1.0, 2.0, 1.0];
        let cl = [0, 0, 1, 1, 2, 2, 3, 3];
        let f = wls_clustered(&x, 2, &y, &w, &cl).unwrap();
        assert!((f.coef[0] - 1.0).abs() < 1e-12 && (f.coef[1] - 2.0).abs() < 1e-12, "{f:?}");
        assert!(f.se.iter().all(|s| *s < 1e-9));
    }

    #[test]
    fn wls_matches_a_hand_sandwich_and_flags_singular() {
        // Intercept-only: coefficient = weighted mean; CR1 se by hand.
        let y = [1.0, 3.0, 2.0, 6.0];
        let w = [1.0, 1.0, 2.0, 2.0];
        let cl = [0, 0, 1, 1];
        let f = wls_clustered(&[1.0; 4], 1, &y, &w, &cl).unwrap();
        let mean = (1.0 + 3.0 + 4.0 + 12.0) / 6.0;
        assert!((f.coef[0] - mean).abs() < 1e-12);
        let s0 = (1.0 - mean) + (3.0 - mean);
        let s1 = 2.0 * (2.0 - mean) + 2.0 * (6.0 - mean);
        let v = (s0 * s0 + s1 * s1) / 36.0 * 2.0 * 3.0 / 3.0;
        assert!((f.se[0] - v.sqrt()).abs() < 1e-12);
        // Two identical columns are singular.
        assert!(wls_clustered(&[1.0, 1.0, 1.0, 1.0, 1.0, 1.0], 2, &[1.0, 2.0, 3.0], &[1.0; 3], &[0, 1, 2]).is_none());
    }
}
