//! National errors: correlated normal draws per party, turned into perturbed targets that stay ≥ 0 and sum to 1.

use crate::error::InputError;
use crate::party::{N_PARTIES, Party, PartyVec};
use crate::project::AreaPlan;
use crate::scenario::Uncertainty;
use rand::Rng;
use rand_distr::{Distribution, StandardNormal};

/// Draws the national error of every perturbed party and applies it to each area's targets.
#[derive(Clone, Debug)]
pub struct National {
    /// Perturbed parties, in column order.
    pub parties: Vec<Party>,
    /// Lower-triangular factor L (row-major, parties × parties) of the covariance, in fractions.
    chol: Vec<f64>,
    /// Whether any σ is non-zero.
    pub active: bool,
}

impl National {
    /// The parties named in any area are perturbed, with σ and correlations from `u`.
    pub fn new(areas: &[AreaPlan], u: &Uncertainty, file: &str) -> Result<National, InputError> {
        let parties: Vec<Party> = Party::all().filter(|p| areas.iter().any(|a| a.named[p.index()])).collect();
        let n = parties.len();
        let sigma: Vec<f64> = parties.iter().map(|p| u.national_sigma_of(*p) / 100.0).collect();
        let mut cov = vec![0.0; n * n];
        for i in 0..n {
            cov[i * n + i] = sigma[i] * sigma[i];
        }
        let preset = Uncertainty::preset(u.preset).correlations;
        for (a, b, rho) in &u.correlations {
            let (Some(i), Some(j)) = (parties.iter().position(|p| p == a), parties.iter().position(|p| p == b)) else {
                // The preset's own correlations apply where both parties are named; the user's must.
                if preset.contains(&(*a, *b, *rho)) {
                    continue;
                }
                let missing = if parties.contains(a) { b } else { a };
                return Err(InputError::new(
                    file,
                    format!("'{missing}' in the correlation {a}-{b} has no target share: expected a named party"),
                )
                .field("uncertainty.correlations"));
            };
            cov[i * n + j] = rho * sigma[i] * sigma[j];
            cov[j * n + i] = cov[i * n + j];
        }
        let chol = cholesky(&cov, n).ok_or_else(|| {
            InputError::new(
                file,
                "the correlations do not form a valid correlation matrix: expected it positive semi-definite",
            )
            .field("uncertainty.correlations")
        })?;
        let active = sigma.iter().any(|s| *s > 0.0);
        Ok(National { parties, chol, active })
    }

    /// Draws one national error vector (fractions, per party column) into `err`.
    pub fn draw<R: Rng + ?Sized>(&self, rng: &mut R, z: &mut [f64], err: &mut PartyVec) {
        let n = self.parties.len();
        for zi in z.iter_mut().take(n) {
            *zi = StandardNormal.sample(rng);
        }
        for (i, p) in self.parties.iter().enumerate() {
            let row = &self.chol[i * n..i * n + i + 1];
            err[p.index()] = row.iter().zip(&z[..=i]).map(|(l, z)| l * z).sum();
        }
    }
}

/// Applies national errors to an area's targets: named parties move by their error (floored at 0); held parties
/// stay; the other parties absorb the difference pro rata (so all of them move by the same factor). If the named
/// parties alone then exceed what is left, they are scaled down and the others get nothing. With a zero error the
/// targets are returned bit for bit.
pub fn perturb(area: &AreaPlan, err: &PartyVec, out: &mut PartyVec) {
    let p = &area.target;
    let mut named_new = 0.0;
    let mut delta = 0.0;
    let mut held = 0.0;
    let mut free = 0.0;
    for i in 0..N_PARTIES {
        if area.named[i] {
            out[i] = (p[i] + err[i]).max(0.0);
            named_new += out[i];
            delta += out[i] - p[i];
        } else if area.held[i] {
            out[i] = p[i];
            held += p[i];
        } else {
            free += p[i];
        }
    }
    if free > 0.0 && free - delta >= 0.0 {
        let factor = (free - delta) / free;
        for i in 0..N_PARTIES {
            if !area.named[i] && !area.held[i] {
                out[i] = p[i] * factor;
            }
        }
    } else {
        let room = (1.0 - held).max(0.0);
        let scale = if named_new > 0.0 { room / named_new } else { 0.0 };
        for i in 0..N_PARTIES {
            if area.named[i] {
                out[i] *= scale;
            } else if !area.held[i] {
                out[i] = 0.0;
            }
        }
    }
}

/// Cholesky factor of a symmetric positive semi-definite matrix (zero pivots allowed); `None` if not PSD.
fn cholesky(a: &[f64], n: usize) -> Option<Vec<f64>> {
    let mut l = vec![0.0; n * n];
    for j in 0..n {
        let mut d = a[j * n + j];
        for k in 0..j {
            d -= l[j * n + k] * l[j * n + k];
        }
        let scale = a[j * n + j].abs().max(1e-300);
        if d < -1e-9 * scale {
            return None;
        }
        let ljj = d.max(0.0).sqrt();
        l[j * n + j] = ljj;
        for i in j + 1..n {
            let mut s = a[i * n + j];
            for k in 0..j {
                s -= l[i * n + k] * l[j * n + k];
            }
            if ljj > 0.0 {
                l[i * n + j] = s / ljj;
            } else if s.abs() > 1e-9 * (a[i * n + i].abs() * a[j * n + j].abs()).sqrt().max(1e-300) {
                return None;
            }
        }
    }
    Some(l)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cholesky_of_a_correlated_pair() {
        let s = [0.025, 0.02];
        let rho = -0.6;
        let cov = [s[0] * s[0], rho * s[0] * s[1], rho * s[0] * s[1], s[1] * s[1]];
        let l = cholesky(&cov, 2).unwrap();
        // L Lᵀ = cov
        assert!((l[0] * l[0] - cov[0]).abs() < 1e-15);
        assert!((l[2] * l[0] - cov[2]).abs() < 1e-15);
        assert!((l[2] * l[2] + l[3] * l[3] - cov[3]).abs() < 1e-15);
        assert!(cholesky(&[1.0, 2.0, 2.0, 1.0], 2).is_none());
        assert!(cholesky(&[1.0, 1.0, 1.0, 1.0], 2).is_some());
    }

    #[test]
    fn perturbed_targets_sum_to_one() {
        let mut target = [0.0; N_PARTIES];
        target[0] = 0.35;
        target[1] = 0.35;
        target[7] = 0.04;
        target[17] = 0.26;
        let mut named = [false; N_PARTIES];
        named[0] = true;
        named[1] = true;
        let mut held = [false; N_PARTIES];
        held[7] = true;
        let area = AreaPlan {
            label: "GB".into(),
            base: target,
            target,
            strong: [0.0; N_PARTIES],
            named,
            held,
            standing: [1.0; N_PARTIES],
        };
        let mut err = [0.0; N_PARTIES];
        let mut out = [0.0; N_PARTIES];
        perturb(&area, &err, &mut out);
        assert_eq!(out, target);
        err[0] = 0.03;
        err[1] = -0.01;
        perturb(&area, &err, &mut out);
        assert!((out.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!((out[0] - 0.38).abs() < 1e-12 && out[7] == 0.04);
        err[0] = 0.5;
        perturb(&area, &err, &mut out);
        assert!((out.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!(out.iter().all(|v| *v >= 0.0));
        assert_eq!(out[17], 0.0);
    }
}
