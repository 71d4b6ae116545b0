//! One seat beyond its area's swing: covariate slopes, tactical voting and the raking factors, in a fixed order.
//!
//! The order is: the swing model's raw shares; plus each party's slope × the seat's covariate deviation, clipped at
//! 0 (parties with a slope only); tactical voting in the seats it applies to; each party's raking factor; division by the seat's total. The
//! Monte Carlo's lanes do the same operations in the same order, so both give the same bits.

use super::swing::{SLOTS, SlotMask, Slots, Swing, normalise, slot};

/// What a seat carries for the geography: its covariate deviation x − x̄ (of its area) and whether tactical
/// voting applies in it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SeatGeo {
    pub dev: f64,
    pub tactical: bool,
}

/// The parameters of one evaluation (the Monte Carlo draws the slopes and the strength per simulation): slopes
/// per party slot, the tactical bloc and strength, and the area's raking factors.
#[derive(Clone, Copy, Debug)]
pub struct Shape<'a> {
    pub slopes: Option<&'a Slots>,
    /// The parties that have a slope; the covariate leaves the others as the swing puts them.
    pub sloped: &'a SlotMask,
    pub bloc: &'a SlotMask,
    pub strength: f64,
    pub alpha: Option<&'a Slots>,
}

impl Shape<'_> {
    /// No geography and no raking: the swing model as it is.
    pub const NONE: Shape<'static> =
        Shape { slopes: None, sloped: &[false; SLOTS], bloc: &[false; SLOTS], strength: 0.0, alpha: None };

    /// Whether anything beyond the swing model applies.
    pub fn is_plain(&self) -> bool {
        self.slopes.is_none() && self.strength == 0.0 && self.alpha.is_none()
    }
}

/// The seat's shares before the raking factors: the swing's raw shares (`out[..parties.len()]`), moved by the
/// covariate and by tactical voting. A plain shape leaves the raw shares; the returned total is theirs.
#[inline]
pub fn raw(swing: &Swing, parties: &[u8], c: &[f64], seat: SeatGeo, shape: &Shape, out: &mut [f64]) -> f64 {
    let n = parties.len();
    let total = swing.apply_raw(parties, c, out);
    if let Some(b) = shape.slopes {
        for (o, &p) in out[..n].iter_mut().zip(parties).filter(|(_, p)| shape.sloped[slot(**p)]) {
            *o = (*o + b[slot(p)] * seat.dev).max(0.0);
        }
    }
    if seat.tactical && shape.strength > 0.0 {
        tactical(parties, &mut out[..n], shape.bloc, shape.strength);
    }
    total
}

/// Moves a fraction `t` of each weaker bloc party's share to the strongest bloc party in the list (the largest
/// share; a tie goes to the first in column order). The seat's total is unchanged.
#[inline]
pub fn tactical(parties: &[u8], out: &mut [f64], bloc: &SlotMask, t: f64) {
    let mut best: Option<usize> = None;
    for (j, &p) in parties.iter().enumerate() {
        if bloc[slot(p)] && best.is_none_or(|b| out[j] > out[b]) {
            best = Some(j);
        }
    }
    let Some(s) = best else { return };
    let mut moved = 0.0;
    for (j, &p) in parties.iter().enumerate() {
        if bloc[slot(p)] && j != s {
            let m = t * out[j];
            out[j] -= m;
            moved += m;
        }
    }
    out[s] += moved;
}

/// Applies the raking factors to raw shares and divides by the seat's total (keeping the baseline `c` if every
/// share is 0). `total` is the raw total, used as it is when the shape is plain.
#[inline]
pub fn finish(parties: &[u8], c: &[f64], shape: &Shape, total: f64, out: &mut [f64]) {
    let n = parties.len();
    if shape.is_plain() {
        normalise(&mut out[..n], &c[..n], total);
        return;
    }
    if let Some(a) = shape.alpha {
        for (o, &p) in out[..n].iter_mut().zip(parties) {
            *o *= a[slot(p)];
        }
    }
    let total: f64 = out[..n].iter().sum();
    normalise(&mut out[..n], &c[..n], total);
}

/// The whole rule for one seat: [`raw`] then [`finish`].
#[inline]
pub fn apply(swing: &Swing, parties: &[u8], c: &[f64], seat: SeatGeo, shape: &Shape, out: &mut [f64]) {
    let total = raw(swing, parties, c, seat, shape, out);
    finish(parties, c, shape, total, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tactical_moves_from_the_weaker_to_the_stronger() {
        let mut bloc = [false; SLOTS];
        bloc[1] = true;
        bloc[2] = true;
        // con 0.5, lab 0.2, ld 0.3: a fifth of Labour's 0.2 moves to the Lib Dems.
        let mut out = [0.5, 0.2, 0.3];
        tactical(&[0, 1, 2], &mut out, &bloc, 0.2);
        assert_eq!(out, [0.5, 0.2 - 0.2 * 0.2, 0.3 + 0.2 * 0.2]);
        // A tie goes to the first bloc party in column order; one bloc party alone keeps its share.
        let mut out = [0.4, 0.3, 0.3];
        tactical(&[0, 1, 2], &mut out, &bloc, 0.5);
        assert_eq!(out, [0.4, 0.3 + 0.3 * 0.5, 0.3 - 0.3 * 0.5]);
        let mut out = [0.6, 0.4];
        tactical(&[0, 1], &mut out, &bloc, 0.5);
        assert_eq!(out, [0.6, 0.4]);
    }
}
