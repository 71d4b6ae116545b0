//! One seat across a batch beyond its area's swing: the hybrid's raw shares, the covariate, tactical voting and the
//! raking factors, lane by lane, in the order and with the operations of `project::shape`.
//!
//! The steps are fused into as few passes over the seat's parties as their order allows: outside the seats where
//! tactical voting applies, one pass (raw share, covariate, raking factor, total); inside them, three (raw share,
//! covariate and the strongest bloc party; the transfers between bloc parties; what moved, raking factor, total).

use super::lanes::{Columns, LANES, Row, SeatLanes, blend, slot};
use super::model::{SimSeat, SimShape};

/// The hybrid's parameter rows of the seat's area: ratio, gain and falling flag per party slot.
pub struct HybridRows<'a> {
    pub ratio: &'a [Row],
    pub gain: &'a [Row],
    pub falling: &'a [Row],
}

impl HybridRows<'_> {
    /// The hybrid's raw share of a party with baseline share `c` in slot `k`, in every lane.
    #[inline(always)]
    fn raw(&self, c: f64, k: usize, y: &mut Row) {
        let (r, g, f) = (&self.ratio[k], &self.gain[k], &self.falling[k]);
        for s in 0..LANES {
            y[s] = blend(((f[s] > 0.0) as u64).wrapping_neg(), c * r[s], c + g[s]);
        }
    }
}

/// Multiplies a party's shares by its raking factor `a` and adds them to the seat's total.
#[inline(always)]
fn scale_into(y: &mut Row, a: f64, tot: &mut Row) {
    for s in 0..LANES {
        y[s] *= a;
        tot[s] += y[s];
    }
}

impl SeatLanes {
    /// The seat beyond its area's swing, as `project::shape` does it: (for the hybrid, `hybrid`, the raw shares
    /// first; the other models have written theirs) the covariate for the parties with a slope, clipped at 0;
    /// tactical voting where it applies; the raking factors; and the new total.
    #[inline(always)]
    pub(super) fn shape(
        &mut self,
        parties: &[u8],
        base: &[f64],
        hybrid: Option<&HybridRows>,
        shape: &SimShape,
        seat: &SimSeat,
        cols: &Columns,
    ) {
        if seat.geo.tactical {
            self.shape_tactical(parties, base, hybrid, shape, seat, cols);
            return;
        }
        let (alpha, dev) = (&shape.alpha[seat.area], seat.geo.dev);
        let mut tot = Row::splat(0.0);
        for (j, (&p, &c)) in parties.iter().zip(base).enumerate() {
            let (k, y) = (slot(p), &mut self.y[j]);
            if let Some(h) = hybrid {
                h.raw(c, k, y);
            }
            let a = alpha[k];
            if shape.slopes && shape.sloped[k] {
                let b = &cols.slopes[k];
                for s in 0..LANES {
                    y[s] = (y[s] + b[s] * dev).max(0.0) * a;
                    tot[s] += y[s];
                }
            } else {
                scale_into(y, a, &mut tot);
            }
        }
        self.tot = tot;
    }

    /// [`SeatLanes::shape`] in a seat where tactical voting applies: a fraction `t` of each weaker bloc party's
    /// share moves to the strongest (the first maximum in column order), as `project::shape::tactical` does it.
    #[inline(always)]
    fn shape_tactical(
        &mut self,
        parties: &[u8],
        base: &[f64],
        hybrid: Option<&HybridRows>,
        shape: &SimShape,
        seat: &SimSeat,
        cols: &Columns,
    ) {
        let (alpha, dev, bloc, t) = (&shape.alpha[seat.area], seat.geo.dev, &shape.bloc, &cols.strength);
        let mut best_y = Row::splat(f64::NEG_INFINITY);
        let mut best = Row::splat(-1.0);
        for (j, (&p, &c)) in parties.iter().zip(base).enumerate() {
            let (k, y) = (slot(p), &mut self.y[j]);
            if let Some(h) = hybrid {
                h.raw(c, k, y);
            }
            if shape.slopes && shape.sloped[k] {
                let b = &cols.slopes[k];
                for s in 0..LANES {
                    y[s] = (y[s] + b[s] * dev).max(0.0);
                }
            }
            if bloc[k] {
                for s in 0..LANES {
                    let m = ((y[s] > best_y[s]) as u64).wrapping_neg();
                    best_y[s] = blend(m, y[s], best_y[s]);
                    best[s] = blend(m, j as f64, best[s]);
                }
            }
        }
        let mut moved = Row::splat(0.0);
        for (j, _) in parties.iter().enumerate().filter(|(_, p)| bloc[slot(**p)]) {
            let y = &mut self.y[j];
            for s in 0..LANES {
                let m = t[s] * y[s];
                let other = ((best[s] != j as f64) as u64).wrapping_neg();
                y[s] = blend(other, y[s] - m, y[s]);
                moved[s] = blend(other, moved[s] + m, moved[s]);
            }
        }
        let mut tot = Row::splat(0.0);
        for (j, &p) in parties.iter().enumerate() {
            let (a, y) = (alpha[slot(p)], &mut self.y[j]);
            if bloc[slot(p)] {
                for s in 0..LANES {
                    let m = ((best[s] == j as f64) as u64).wrapping_neg();
                    y[s] = blend(m, y[s] + moved[s], y[s]) * a;
                    tot[s] += y[s];
                }
            } else {
                scale_into(y, a, &mut tot);
            }
        }
        self.tot = tot;
    }
}
