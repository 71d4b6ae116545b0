//! One seat across a batch beyond its area's swing: the hybrid's raw shares, the covariate, tactical voting and the
//! raking factors, lane by lane, in the order and with the operations of `project::shape`.

use super::lanes::{Columns, LANES, Row, SeatLanes, blend, slot};
use super::model::{SimSeat, SimShape};

impl SeatLanes {
    /// Hybrid: a falling party keeps `ratio` of its share, a rising one gains `gain`; both are computed and the
    /// lane's direction selects one (a party can fall in one simulation and rise in the next).
    #[inline(always)]
    pub(super) fn hybrid(&mut self, parties: &[u8], base: &[f64], rows: [&[Row]; 3]) {
        let [ratio, gain, falling] = rows;
        // No total: the hybrid is always raked, and the raking pass sums the shares it scales.
        for (j, (&p, &c)) in parties.iter().zip(base).enumerate() {
            let (r, g, f, y) = (&ratio[slot(p)], &gain[slot(p)], &falling[slot(p)], &mut self.y[j]);
            for s in 0..LANES {
                y[s] = blend(((f[s] > 0.0) as u64).wrapping_neg(), c * r[s], c + g[s]);
            }
        }
    }

    /// The hybrid and the seat's covariate and raking factors in one pass, where no tactical voting comes between
    /// them: the same operations in the same order as [`SeatLanes::hybrid`] then [`SeatLanes::shape`].
    #[inline(always)]
    pub(super) fn hybrid_shaped(
        &mut self,
        parties: &[u8],
        base: &[f64],
        rows: [&[Row]; 3],
        shape: &SimShape,
        seat: &SimSeat,
        cols: &Columns,
    ) {
        let [ratio, gain, falling] = rows;
        let (alpha, dev) = (&shape.alpha[seat.area], seat.geo.dev);
        let mut tot = Row::splat(0.0);
        for (j, (&p, &c)) in parties.iter().zip(base).enumerate() {
            let (r, g, f, a, y) = (&ratio[slot(p)], &gain[slot(p)], &falling[slot(p)], alpha[slot(p)], &mut self.y[j]);
            if shape.slopes {
                let b = &cols.slopes[slot(p)];
                for s in 0..LANES {
                    let v = blend(((f[s] > 0.0) as u64).wrapping_neg(), c * r[s], c + g[s]);
                    y[s] = (v + b[s] * dev).max(0.0) * a;
                    tot[s] += y[s];
                }
            } else {
                for s in 0..LANES {
                    y[s] = blend(((f[s] > 0.0) as u64).wrapping_neg(), c * r[s], c + g[s]) * a;
                    tot[s] += y[s];
                }
            }
        }
        self.tot = tot;
    }

    /// The seat beyond its area's swing, as `project::shape` does it: the covariate (clipped at 0), tactical
    /// voting where it applies, the raking factors, and the new total.
    #[inline(always)]
    pub(super) fn shape(&mut self, parties: &[u8], shape: &SimShape, seat: &SimSeat, cols: &Columns) {
        let alpha = &shape.alpha[seat.area];
        let dev = seat.geo.dev;
        let mut tot = Row::splat(0.0);
        if seat.geo.tactical {
            if shape.slopes {
                for (j, &p) in parties.iter().enumerate() {
                    let (b, y) = (&cols.slopes[slot(p)], &mut self.y[j]);
                    for s in 0..LANES {
                        y[s] = (y[s] + b[s] * dev).max(0.0);
                    }
                }
            }
            tot = self.tactical(parties, &shape.bloc, &cols.strength, alpha);
        } else if shape.slopes {
            // The same operations in the same order, in one pass (no tactical voting in between).
            for (j, &p) in parties.iter().enumerate() {
                let (a, b, y) = (alpha[slot(p)], &cols.slopes[slot(p)], &mut self.y[j]);
                for s in 0..LANES {
                    y[s] = (y[s] + b[s] * dev).max(0.0) * a;
                    tot[s] += y[s];
                }
            }
        } else {
            for (j, &p) in parties.iter().enumerate() {
                let (a, y) = (alpha[slot(p)], &mut self.y[j]);
                for s in 0..LANES {
                    y[s] *= a;
                    tot[s] += y[s];
                }
            }
        }
        self.tot = tot;
    }

    /// Tactical voting in every lane, as `project::shape::tactical` does it: a fraction `t` of each weaker bloc
    /// party's share moves to the strongest (the first maximum in column order). Its last step, adding what moved
    /// to the strongest, is fused with the raking factors and the total that follow it.
    #[inline(always)]
    fn tactical(&mut self, parties: &[u8], bloc: &[bool; 32], t: &Row, alpha: &crate::project::Slots) -> Row {
        let mut best_y = Row::splat(f64::NEG_INFINITY);
        let mut best = Row::splat(-1.0);
        for (j, &p) in parties.iter().enumerate() {
            if bloc[slot(p)] {
                let y = &self.y[j];
                for s in 0..LANES {
                    let m = ((y[s] > best_y[s]) as u64).wrapping_neg();
                    best_y[s] = blend(m, y[s], best_y[s]);
                    best[s] = blend(m, j as f64, best[s]);
                }
            }
        }
        let mut moved = Row::splat(0.0);
        for (j, &p) in parties.iter().enumerate() {
            if bloc[slot(p)] {
                let y = &mut self.y[j];
                for s in 0..LANES {
                    let m = t[s] * y[s];
                    let other = ((best[s] != j as f64) as u64).wrapping_neg();
                    y[s] = blend(other, y[s] - m, y[s]);
                    moved[s] = blend(other, moved[s] + m, moved[s]);
                }
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
                for s in 0..LANES {
                    y[s] *= a;
                    tot[s] += y[s];
                }
            }
        }
        tot
    }
}
