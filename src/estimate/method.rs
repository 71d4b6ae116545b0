//! The stratified estimator: a Leave-adjusted, shrunk stratum mean of ward changes, weighted by GB electorate.
//!
//! For one column `y` (a party's change in share, in points) over the key wards `i` of sample strata `s`, with
//! ward size `v_i` (total votes at the earlier contest), bootstrap multiplicity `m_i` and council Leave share `x_i`:
//!
//! 1. stratum means `ȳ_s = Σ m v y / Σ m v`, `x̄_s` likewise, effective size `n_s = (Σ m v)² / Σ m v²`;
//! 2. pooled within-stratum slope `β = Σ_s Σ_i m v (x − x̄_s)(y − ȳ_s) / Σ_s Σ_i m v (x − x̄_s)²`;
//! 3. Leave-adjusted levels `a_s = ȳ_s − β x̄_s`, residual variance `σ²` and between-strata variance
//!    `τ² = max(0, Σ_s (a_s − ā)²/(S − 1) − mean_s σ²/n_s)`;
//! 4. national level `μ = Σ π_s a_s / Σ π_s`, `π_s = 1/(τ² + σ²/n_s)`; stratum effects shrunk towards it,
//!    `u_s = (a_s − μ) · n_s / (n_s + σ²/τ²)` (0 when `τ² = 0`);
//! 5. every GB stratum `t` (electorate `E_t`, Leave `L_t`): `Δ_t = μ + β · clamp(L_t, min x, max x) + u_t`,
//!    with `u_t = 0` where it has no key wards (the modelled national change at its Leave share);
//! 6. `Δ = Σ_t E_t Δ_t / Σ_t E_t`.

/// A sample stratum: the wards `start..end` of the design, all in population stratum `stratum`.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub stratum: usize,
    pub start: usize,
    pub end: usize,
}

/// The prepared input of the estimator: key wards sorted by stratum, and the GB population strata.
#[derive(Clone, Debug, PartialEq)]
pub struct Design {
    /// Electorate of each population stratum.
    pub electorate: Vec<f64>,
    /// Leave share of each population stratum, fraction.
    pub leave: Vec<f64>,
    /// Sample strata, each a contiguous run of wards.
    pub groups: Vec<Group>,
    /// Council Leave share of each ward, fraction.
    pub x: Vec<f64>,
    /// Size weight of each ward.
    pub v: Vec<f64>,
    /// Columns to estimate: `y[j][i]`, in points.
    pub y: Vec<Vec<f64>>,
    /// Shrink stratum effects towards the national model (step 4); `false` keeps each stratum's own mean.
    pub shrink: bool,
    /// Clamp the Leave share of a stratum to the sample's range before applying the slope (step 5).
    pub clamp: bool,
}

/// How one column was modelled.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ColumnFit {
    /// GB estimate.
    pub total: f64,
    /// Modelled value in every population stratum.
    pub by_stratum: Vec<f64>,
    /// Slope on the Leave share (points per unit fraction).
    pub beta: f64,
    pub sigma2: f64,
    pub tau2: f64,
    /// National level at Leave share 0 (μ).
    pub mu: f64,
}

/// Sums over one group that every column shares.
#[derive(Clone, Copy, Default)]
struct GroupSums {
    w: f64,
    wx: f64,
    wxx: f64,
    w2: f64,
    n: f64,
}

impl Design {
    /// Number of wards.
    pub fn len(&self) -> usize {
        self.x.len()
    }

    pub fn is_empty(&self) -> bool {
        self.x.is_empty()
    }

    /// GB estimates of every column, with every ward counted `mult[i]` times (`None`: once).
    pub fn totals(&self, mult: Option<&[u32]>, out: &mut [f64]) {
        self.fit_columns(mult, &mut |j, fit| out[j] = fit.total, false);
    }

    /// Full fit of every column (per-stratum values and diagnostics), every ward once.
    pub fn fit(&self) -> Vec<ColumnFit> {
        let mut fits = vec![ColumnFit::default(); self.y.len()];
        self.fit_columns(None, &mut |j, fit| fits[j] = fit, true);
        fits
    }

    fn fit_columns(&self, mult: Option<&[u32]>, sink: &mut dyn FnMut(usize, ColumnFit), keep: bool) {
        let shared = self.shared(mult);
        let n_active = shared.active.len();
        let mut scratch = Scratch { wy: vec![0.0; n_active], a: vec![0.0; n_active], neff: vec![0.0; n_active] };
        for (j, y) in self.y.iter().enumerate() {
            sink(j, self.fit_column(y, mult, &shared, &mut scratch, keep));
        }
    }

    /// The sums over every sample stratum that all columns share (steps 1–2), with the wards counted `mult` times.
    fn shared(&self, mult: Option<&[u32]>) -> Shared {
        let mut sums = vec![GroupSums::default(); self.groups.len()];
        let (mut xmin, mut xmax) = (f64::INFINITY, f64::NEG_INFINITY);
        for (g, group) in self.groups.iter().enumerate() {
            let s = &mut sums[g];
            for i in group.start..group.end {
                let mi = multiplicity(mult, i);
                if mi == 0.0 {
                    continue;
                }
                let w = self.v[i] * mi;
                s.w += w;
                s.wx += w * self.x[i];
                s.wxx += w * self.x[i] * self.x[i];
                s.w2 += self.v[i] * self.v[i] * mi;
                s.n += mi;
                xmin = xmin.min(self.x[i]);
                xmax = xmax.max(self.x[i]);
            }
        }
        let active: Vec<usize> = (0..self.groups.len()).filter(|&g| sums[g].w > 0.0).collect();
        let w_total: f64 = active.iter().map(|&g| sums[g].w).sum();
        let n_total: f64 = active.iter().map(|&g| sums[g].n).sum();
        let sxx: f64 = active.iter().map(|&g| sums[g].wxx - sums[g].wx * sums[g].wx / sums[g].w).sum();
        // Which active group (if any) each population stratum has.
        let mut group_of = vec![None; self.electorate.len()];
        for (k, &g) in active.iter().enumerate() {
            group_of[self.groups[g].stratum] = Some(k);
        }
        let (lo, hi) = if self.clamp { (xmin, xmax) } else { (f64::NEG_INFINITY, f64::INFINITY) };
        Shared { sums, active, w_total, n_total, sxx, group_of, lo, hi }
    }

    /// Fits one column (steps 2–6).
    fn fit_column(&self, y: &[f64], mult: Option<&[u32]>, sh: &Shared, sc: &mut Scratch, keep: bool) -> ColumnFit {
        let n_active = sh.active.len();
        let (sxy, syy) = self.moments(y, mult, sh, &mut sc.wy);
        let beta = if sh.sxx > 1e-12 * sh.w_total { sxy / sh.sxx } else { 0.0 };
        let ssr = (syy - 2.0 * beta * sxy + beta * beta * sh.sxx).max(0.0);
        let dof = sh.n_total - n_active as f64 - if beta != 0.0 { 1.0 } else { 0.0 };
        let sigma2 = if dof > 0.0 { ssr / sh.w_total * sh.n_total / dof } else { ssr / sh.w_total };
        for (k, &g) in sh.active.iter().enumerate() {
            let s = sh.sums[g];
            sc.a[k] = sc.wy[k] / s.w - beta * s.wx / s.w;
            sc.neff[k] = s.w * s.w / s.w2;
        }
        let (a, neff) = (&sc.a, &sc.neff);
        let tau2 = between_variance(a, neff, sigma2);
        let precision = |k: usize| if tau2 > 0.0 { 1.0 / (tau2 + sigma2 / neff[k]) } else { neff[k] };
        let (mut num, mut den) = (0.0, 0.0);
        for k in 0..n_active {
            num += precision(k) * a[k];
            den += precision(k);
        }
        let mu = num / den;
        let effect = |k: usize| {
            if !self.shrink {
                a[k] - mu
            } else if tau2 > 0.0 {
                (a[k] - mu) * neff[k] / (neff[k] + sigma2 / tau2)
            } else {
                0.0
            }
        };
        let gb: f64 = self.electorate.iter().sum();
        let mut total = 0.0;
        let mut by_stratum = if keep { Vec::with_capacity(self.electorate.len()) } else { Vec::new() };
        for t in 0..self.electorate.len() {
            let u = sh.group_of[t].map_or(0.0, effect);
            let d = mu + beta * self.leave[t].clamp(sh.lo, sh.hi) + u;
            total += self.electorate[t] * d;
            if keep {
                by_stratum.push(d);
            }
        }
        ColumnFit { total: total / gb, by_stratum, beta, sigma2, tau2, mu }
    }

    /// The within-stratum cross-products `(Σ v(x − x̄)(y − ȳ), Σ v(y − ȳ)²)` of column `y`, and each active
    /// stratum's `Σ v y` into `wy`.
    fn moments(&self, y: &[f64], mult: Option<&[u32]>, sh: &Shared, wy: &mut [f64]) -> (f64, f64) {
        let (mut sxy, mut syy) = (0.0, 0.0);
        for (k, &g) in sh.active.iter().enumerate() {
            let group = &self.groups[g];
            let (mut s_y, mut s_xy, mut s_yy) = (0.0, 0.0, 0.0);
            for i in group.start..group.end {
                let mi = multiplicity(mult, i);
                if mi == 0.0 {
                    continue;
                }
                let w = self.v[i] * mi;
                s_y += w * y[i];
                s_xy += w * self.x[i] * y[i];
                s_yy += w * y[i] * y[i];
            }
            let s = sh.sums[g];
            wy[k] = s_y;
            sxy += s_xy - s.wx * s_y / s.w;
            syy += s_yy - s_y * s_y / s.w;
        }
        (sxy, syy)
    }
}

/// How many times ward `i` counts.
fn multiplicity(mult: Option<&[u32]>, i: usize) -> f64 {
    mult.map_or(1.0, |m| m[i] as f64)
}

/// What every column's fit shares: the sums of each sample stratum over the wards drawn.
struct Shared {
    sums: Vec<GroupSums>,
    /// The sample strata with at least one ward drawn.
    active: Vec<usize>,
    w_total: f64,
    n_total: f64,
    /// Within-stratum `Σ v (x − x̄)²`.
    sxx: f64,
    /// Which active stratum (index into `active`), if any, each population stratum has.
    group_of: Vec<Option<usize>>,
    /// The range the population strata's Leave shares are clamped to (step 5).
    lo: f64,
    hi: f64,
}

/// Buffers of one column's fit, one entry per active stratum, reused from column to column.
struct Scratch {
    wy: Vec<f64>,
    /// Leave-adjusted levels `a_s`.
    a: Vec<f64>,
    /// Effective sizes `n_s`.
    neff: Vec<f64>,
}

/// The between-strata variance `τ²` of the levels `a` (step 3); 0 with fewer than two strata.
fn between_variance(a: &[f64], neff: &[f64], sigma2: f64) -> f64 {
    let n_active = a.len();
    if n_active < 2 {
        return 0.0;
    }
    let nsum: f64 = neff.iter().sum();
    let abar = a.iter().zip(neff).map(|(a, n)| a * n).sum::<f64>() / nsum;
    let between = a.iter().map(|a| (a - abar) * (a - abar)).sum::<f64>() / (n_active as f64 - 1.0);
    let noise = neff.iter().map(|n| sigma2 / n).sum::<f64>() / n_active as f64;
    (between - noise).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two population strata, one sampled.
    fn design(y: Vec<f64>, x: Vec<f64>) -> Design {
        let n = y.len();
        Design {
            electorate: vec![3.0, 1.0],
            leave: vec![0.5, 0.3],
            groups: vec![Group { stratum: 0, start: 0, end: n }],
            x,
            v: vec![1.0; n],
            y: vec![y],
            shrink: true,
            clamp: true,
        }
    }

    #[test]
    fn constant_change_is_reproduced_everywhere() {
        let d = design(vec![3.0; 5], vec![0.4, 0.5, 0.6, 0.45, 0.55]);
        let fit = d.fit();
        assert!((fit[0].total - 3.0).abs() < 1e-12);
        assert!(fit[0].by_stratum.iter().all(|v| (v - 3.0).abs() < 1e-12));
    }

    #[test]
    fn leave_slope_extrapolates_within_the_sample_range() {
        // y = 10 x exactly: slope 10; the unsampled stratum's Leave 0.3 is clamped to the sample minimum 0.4.
        let x = vec![0.4, 0.5, 0.6];
        let d = design(x.iter().map(|x| 10.0 * x).collect(), x);
        let fit = &d.fit()[0];
        assert!((fit.beta - 10.0).abs() < 1e-9);
        assert!((fit.by_stratum[0] - 5.0).abs() < 1e-9);
        assert!((fit.by_stratum[1] - 4.0).abs() < 1e-9);
        assert!((fit.total - (3.0 * 5.0 + 4.0) / 4.0).abs() < 1e-9);
    }

    #[test]
    fn multiplicities_equal_repeated_wards() {
        let x = vec![0.4, 0.5, 0.6];
        let y = vec![1.0, -2.0, 4.0];
        let d = design(y.clone(), x.clone());
        let mut out = [0.0];
        d.totals(Some(&[2, 0, 1]), &mut out);
        let repeated = design(vec![1.0, 1.0, 4.0], vec![0.4, 0.4, 0.6]);
        let mut want = [0.0];
        repeated.totals(None, &mut want);
        assert!((out[0] - want[0]).abs() < 1e-12, "{} vs {}", out[0], want[0]);
    }
}
