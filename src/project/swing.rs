//! The swing models: how a change in national shares maps onto one constituency.

use crate::party::{N_PARTIES, PartyVec};
use crate::scenario::Model;

/// Party slots: per-party parameters are padded from the 18 party columns to 32, so that a `u8` party index
/// masked with 31 ([`slot`]) needs no bounds check in the Monte Carlo's inner loop.
pub const SLOTS: usize = 32;

/// Per-party parameters, one per party slot.
pub type Slots = [f64; SLOTS];

/// A yes/no per party slot.
pub type SlotMask = [bool; SLOTS];

/// Slot of a party index.
#[inline(always)]
pub fn slot(p: u8) -> usize {
    (p as usize) & (SLOTS - 1)
}

fn slots(f: impl Fn(usize) -> f64) -> Slots {
    std::array::from_fn(|i| if i < N_PARTIES { f(i) } else { 0.0 })
}

/// A swing model with its national inputs resolved, ready to apply to any seat of its area. (The variants differ
/// in size, but a run holds one `Swing` per area, rebuilt in place, so boxing would only add an indirection.)
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug)]
pub enum Swing {
    /// A = C + (P − E) where the party stands, clipped at 0, renormalised.
    Uns { delta: Slots },
    /// A = C · P / E (additive fallback A = P where E = 0 and the party stands everywhere), renormalised.
    Proportional { ratio: Slots, fallback: Slots },
    /// Strong transition: decliners keep ℓs of their strong and ℓw of their weak vote; gainers share the released
    /// votes. `declining` is 1.0 for a declining party, 0.0 otherwise.
    Stm { strong_loyalty: Slots, weak_loyalty: Slots, declining: Slots, gain_weight: Slots, threshold: f64 },
    /// Hybrid: a falling party (`falling` 1.0) keeps `ratio` = P/E of its share in every seat; a rising party gains
    /// `gain` = (P − E) / W points wherever it stands, W being the share of the area's votes cast in the seats
    /// where it stands. The raw shares are then made consistent by raking ([`super::rake`]).
    Hybrid { ratio: Slots, gain: Slots, falling: Slots },
}

impl Swing {
    /// Resolves a model from baseline shares `e`, targets `p`, (for STM) national strong shares `strong` and (for
    /// the hybrid) each party's `standing`, the share of the area's votes cast where it stands; all fractions over
    /// the same seats.
    pub fn new(
        model: Model,
        e: &PartyVec,
        p: &PartyVec,
        strong: &PartyVec,
        standing: &PartyVec,
        threshold: f64,
    ) -> Swing {
        match model {
            Model::Hybrid => Swing::hybrid_in_modes(e, p, standing, &std::array::from_fn(|i| p[i] < e[i])),
            Model::Uns => Swing::Uns { delta: slots(|i| p[i] - e[i]) },
            Model::Proportional => {
                let ratio = slots(|i| if e[i] > 0.0 { p[i] / e[i] } else { 0.0 });
                let fallback = slots(|i| if e[i] > 0.0 { 0.0 } else { p[i] });
                Swing::Proportional { ratio, fallback }
            }
            Model::Stm => {
                let mut strong_loyalty = [1.0; 32];
                let mut weak_loyalty = [1.0; 32];
                let mut declining = [0.0; 32];
                let mut gain_weight = [0.0; 32];
                let total_gain: f64 = (0..N_PARTIES).map(|i| (p[i] - e[i]).max(0.0)).sum();
                for i in 0..N_PARTIES {
                    if p[i] < e[i] {
                        declining[i] = 1.0;
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

    /// The hybrid with each party's rule chosen by `falling` (the model chooses it by direction, P < E): a
    /// falling party keeps P/E of its share (none if E = 0), any other gains (P − E) / W where it stands (none if
    /// W = 0).
    pub fn hybrid_in_modes(e: &PartyVec, p: &PartyVec, standing: &PartyVec, falling: &[bool; N_PARTIES]) -> Swing {
        let ratio = slots(|i| if falling[i] { if e[i] > 0.0 { p[i] / e[i] } else { 0.0 } } else { 1.0 });
        let gain = slots(|i| if !falling[i] && standing[i] > 0.0 { (p[i] - e[i]) / standing[i] } else { 0.0 });
        Swing::Hybrid { ratio, gain, falling: slots(|i| if falling[i] { 1.0 } else { 0.0 }) }
    }

    /// Whether a party with baseline share `c` in a seat must be in the seat's party list: under UNS and
    /// proportional swing the parties that stood (or stand everywhere); under STM, which gives gaining parties
    /// votes in every seat, every party.
    pub fn lists(&self, c: f64, stands: bool) -> bool {
        match self {
            Swing::Stm { .. } => true,
            _ => c > 0.0 || stands,
        }
    }

    /// The model on a seat's party list, before its final renormalisation: `parties` (ascending column indices,
    /// every party [`Swing::lists`] asks for) with baseline shares `c`; writes the raw shares to
    /// `out[..parties.len()]` and returns their sum (1 for STM, whose shares already sum to 1). Sums run in column
    /// order, so a longer list that adds parties at 0 gives bit for bit the same shares. [`super::shape::apply`]
    /// takes it from there (for a plain model: dividing by a positive sum, or keeping `c` when it is 0).
    #[inline(always)]
    pub fn apply_raw(&self, parties: &[u8], c: &[f64], out: &mut [f64]) -> f64 {
        let n = parties.len();
        let (c, out) = (&c[..n], &mut out[..n]);
        match self {
            Swing::Uns { delta } => {
                let mut total = 0.0;
                for ((o, &cj), &p) in out.iter_mut().zip(c).zip(parties) {
                    let v = (cj + delta[slot(p)]).max(0.0);
                    *o = v;
                    total += v;
                }
                total
            }
            Swing::Proportional { ratio, fallback } => {
                let mut total = 0.0;
                for ((o, &cj), &p) in out.iter_mut().zip(c).zip(parties) {
                    let v = if cj > 0.0 { cj * ratio[slot(p)] } else { fallback[slot(p)] };
                    *o = v;
                    total += v;
                }
                total
            }
            Swing::Stm { strong_loyalty, weak_loyalty, declining, gain_weight, threshold } => {
                let mut released = 0.0;
                for ((o, &cj), &p) in out.iter_mut().zip(c).zip(parties) {
                    if declining[slot(p)] > 0.0 {
                        let strong = (cj - threshold).max(0.0);
                        let weak = cj - strong;
                        *o = strong_loyalty[slot(p)] * strong + weak_loyalty[slot(p)] * weak;
                        released += cj - *o;
                    }
                }
                for ((o, &cj), &p) in out.iter_mut().zip(c).zip(parties) {
                    if declining[slot(p)] == 0.0 {
                        *o = cj + released * gain_weight[slot(p)];
                    }
                }
                1.0
            }
            Swing::Hybrid { ratio, gain, falling } => {
                let mut total = 0.0;
                for ((o, &cj), &p) in out.iter_mut().zip(c).zip(parties) {
                    let v = if falling[slot(p)] > 0.0 { cj * ratio[slot(p)] } else { cj + gain[slot(p)] };
                    *o = v;
                    total += v;
                }
                total
            }
        }
    }
}

/// Rescales `out` (summing to `total`) to sum to 1; if every share was clipped away, keeps the baseline `c`.
/// A total of exactly 1 (STM) leaves the shares as they are.
#[inline]
pub fn normalise(out: &mut [f64], c: &[f64], total: f64) {
    if total == 1.0 {
        return;
    }
    if total > 0.0 {
        let inv = 1.0 / total;
        out.iter_mut().for_each(|v| *v *= inv);
    } else {
        out.copy_from_slice(c);
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

    /// The model on a seat where every party with a share stands, renormalised.
    fn apply(sw: &Swing, c: &PartyVec, out: &mut PartyVec) {
        let parties: Vec<u8> = (0..N_PARTIES as u8).filter(|&i| c[i as usize] > 0.0).collect();
        let cs: Vec<f64> = parties.iter().map(|&i| c[i as usize]).collect();
        let mut tmp = vec![0.0; parties.len()];
        crate::project::shape::apply(sw, &parties, &cs, Default::default(), &crate::project::Shape::NONE, &mut tmp);
        *out = [0.0; N_PARTIES];
        for (j, &i) in parties.iter().enumerate() {
            out[i as usize] = tmp[j];
        }
    }

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
        let sw = Swing::new(Model::Uns, &e, &p, &[0.0; N_PARTIES], &[1.0; N_PARTIES], 0.2);
        let mut out = [0.0; N_PARTIES];
        apply(&sw, &vec3(0.5, 0.4, 0.1), &mut out);
        // 0.6, 0.45, max(0.1 - 0.15, 0) = 0, then / 1.05
        assert!((out[0] - 0.6 / 1.05).abs() < 1e-15);
        assert!((out[1] - 0.45 / 1.05).abs() < 1e-15);
        assert_eq!(out[2], 0.0);
    }

    #[test]
    fn proportional_multiplies() {
        let e = vec3(0.5, 0.3, 0.2);
        let p = vec3(0.4, 0.4, 0.2);
        let sw = Swing::new(Model::Proportional, &e, &p, &[0.0; N_PARTIES], &[1.0; N_PARTIES], 0.2);
        let mut out = [0.0; N_PARTIES];
        apply(&sw, &vec3(0.6, 0.3, 0.1), &mut out);
        let raw = [0.6 * 0.8, 0.3 * 4.0 / 3.0, 0.1];
        let t: f64 = raw.iter().sum();
        for i in 0..3 {
            assert!((out[i] - raw[i] / t).abs() < 1e-15);
        }
    }
}
