//! The swing models: how a change in national shares maps onto one constituency.

use crate::party::{N_PARTIES, PartyVec};
use crate::scenario::Model;

/// A swing model with its national inputs resolved, ready to apply to any seat of its area.
#[derive(Clone, Debug)]
pub enum Swing {
    /// A = C + (P − E) where the party stands, clipped at 0, renormalised.
    Uns { delta: PartyVec },
    /// A = C · P / E (additive fallback A = P where E = 0 and the party stands everywhere), renormalised.
    Proportional { ratio: PartyVec, fallback: PartyVec },
    /// Strong transition: decliners keep ℓs of their strong and ℓw of their weak vote; gainers share the released votes.
    Stm {
        strong_loyalty: PartyVec,
        weak_loyalty: PartyVec,
        declining: [bool; N_PARTIES],
        gain_weight: PartyVec,
        threshold: f64,
    },
}

impl Swing {
    /// Resolves a model from baseline shares `e`, targets `p` and (for STM) national strong shares `strong`,
    /// all fractions over the same seats.
    pub fn new(model: Model, e: &PartyVec, p: &PartyVec, strong: &PartyVec, threshold: f64) -> Swing {
        match model {
            Model::Uns => Swing::Uns { delta: std::array::from_fn(|i| p[i] - e[i]) },
            Model::Proportional => {
                let ratio = std::array::from_fn(|i| if e[i] > 0.0 { p[i] / e[i] } else { 0.0 });
                let fallback = std::array::from_fn(|i| if e[i] > 0.0 { 0.0 } else { p[i] });
                Swing::Proportional { ratio, fallback }
            }
            Model::Stm => {
                let mut strong_loyalty = [1.0; N_PARTIES];
                let mut weak_loyalty = [1.0; N_PARTIES];
                let mut declining = [false; N_PARTIES];
                let mut gain_weight = [0.0; N_PARTIES];
                let total_gain: f64 = (0..N_PARTIES).map(|i| (p[i] - e[i]).max(0.0)).sum();
                for i in 0..N_PARTIES {
                    if p[i] < e[i] {
                        declining[i] = true;
                        let s = strong[i];
                        let w = e[i] - s;
                        if p[i] >= s {
                            strong_loyalty[i] = 1.0;
                            weak_loyalty[i] = if w > 0.0 { (p[i] - s) / w } else { 0.0 };
                        } else {
                            strong_loyalty[i] = p[i] / s;
                            weak_loyalty[i] = 0.0;
                        }
                    } else if total_gain > 0.0 {
                        gain_weight[i] = (p[i] - e[i]) / total_gain;
                    }
                }
                Swing::Stm { strong_loyalty, weak_loyalty, declining, gain_weight, threshold }
            }
        }
    }

    /// Projects one seat's baseline shares `c` (fractions) into `out`; `stands[i]` lets a party that did not
    /// contest the seat take the swing (UNS and proportional). The result sums to 1 and is ≥ 0.
    pub fn apply(&self, c: &PartyVec, stands: &[bool; N_PARTIES], out: &mut PartyVec) {
        match self {
            Swing::Uns { delta } => {
                for i in 0..N_PARTIES {
                    out[i] = if c[i] > 0.0 || stands[i] { (c[i] + delta[i]).max(0.0) } else { 0.0 };
                }
                normalise(out, c);
            }
            Swing::Proportional { ratio, fallback } => {
                for i in 0..N_PARTIES {
                    out[i] = if c[i] > 0.0 {
                        c[i] * ratio[i]
                    } else if stands[i] {
                        fallback[i]
                    } else {
                        0.0
                    };
                }
                normalise(out, c);
            }
            Swing::Stm { strong_loyalty, weak_loyalty, declining, gain_weight, threshold } => {
                let mut released = 0.0;
                for i in 0..N_PARTIES {
                    if declining[i] {
                        let strong = (c[i] - threshold).max(0.0);
                        let weak = c[i] - strong;
                        out[i] = strong_loyalty[i] * strong + weak_loyalty[i] * weak;
                        released += c[i] - out[i];
                    }
                }
                for i in 0..N_PARTIES {
                    if !declining[i] {
                        out[i] = c[i] + released * gain_weight[i];
                    }
                }
            }
        }
    }
}

/// Rescales `out` to sum to 1; if every share was clipped away, keeps the baseline `c`.
fn normalise(out: &mut PartyVec, c: &PartyVec) {
    let total: f64 = out.iter().sum();
    if total > 0.0 {
        let inv = 1.0 / total;
        out.iter_mut().for_each(|v| *v *= inv);
    } else {
        *out = *c;
    }
}

/// National strong share S(i) = Σ v_k max(C(i,k) − T, 0) / Σ v_k over the given seats.
pub fn strong_shares<'a>(seats: impl Iterator<Item = (&'a PartyVec, f64)>, threshold: f64) -> PartyVec {
    let mut s = [0.0; N_PARTIES];
    let mut total = 0.0;
    for (c, v) in seats {
        for i in 0..N_PARTIES {
            s[i] += v * (c[i] - threshold).max(0.0);
        }
        total += v;
    }
    if total > 0.0 {
        s.iter_mut().for_each(|x| *x /= total);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vec3(a: f64, b: f64, c: f64) -> PartyVec {
        let mut v = [0.0; N_PARTIES];
        v[0] = a;
        v[1] = b;
        v[2] = c;
        v
    }

    #[test]
    fn uns_clips_and_renormalises() {
        let e = vec3(0.4, 0.4, 0.2);
        let p = vec3(0.5, 0.45, 0.05);
        let sw = Swing::new(Model::Uns, &e, &p, &[0.0; N_PARTIES], 0.2);
        let mut out = [0.0; N_PARTIES];
        sw.apply(&vec3(0.5, 0.4, 0.1), &[false; N_PARTIES], &mut out);
        // 0.6, 0.45, max(0.1 - 0.15, 0) = 0, then / 1.05
        assert!((out[0] - 0.6 / 1.05).abs() < 1e-15);
        assert!((out[1] - 0.45 / 1.05).abs() < 1e-15);
        assert_eq!(out[2], 0.0);
    }

    #[test]
    fn proportional_multiplies() {
        let e = vec3(0.5, 0.3, 0.2);
        let p = vec3(0.4, 0.4, 0.2);
        let sw = Swing::new(Model::Proportional, &e, &p, &[0.0; N_PARTIES], 0.2);
        let mut out = [0.0; N_PARTIES];
        sw.apply(&vec3(0.6, 0.3, 0.1), &[false; N_PARTIES], &mut out);
        let raw = [0.6 * 0.8, 0.3 * 4.0 / 3.0, 0.1];
        let t: f64 = raw.iter().sum();
        for i in 0..3 {
            assert!((out[i] - raw[i] / t).abs() < 1e-15);
        }
    }
}
