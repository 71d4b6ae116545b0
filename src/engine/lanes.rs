//! One seat across a batch of simulations, one lane per simulation: projected shares, leader and contenders.
//!
//! Every array here is a [`Row`] of `LANES` values (simulations side by side), so the loops have a fixed length, no
//! branches that depend on the data and no gathers: the compiler turns them into vector instructions.

use super::model::{SKIP_Z, SimModel, SimSeat};
use super::shape::HybridRows;
use crate::project::Swing;

/// Simulations evaluated side by side. Batches are always this wide; lanes past the end of a chunk are computed
/// and ignored.
pub const LANES: usize = 64;

/// A row of lanes: one value per simulation of the batch, aligned to a cache line so that no vector load or
/// store of a row straddles two lines.
#[derive(Clone, Copy, Debug, PartialEq)]
#[repr(C, align(64))]
pub struct Row(pub [f64; LANES]);

impl Row {
    /// Every lane `v`.
    pub const fn splat(v: f64) -> Row {
        Row([v; LANES])
    }
}

impl std::ops::Deref for Row {
    type Target = [f64; LANES];
    #[inline(always)]
    fn deref(&self) -> &[f64; LANES] {
        &self.0
    }
}

impl std::ops::DerefMut for Row {
    #[inline(always)]
    fn deref_mut(&mut self) -> &mut [f64; LANES] {
        &mut self.0
    }
}

pub(super) use crate::project::swing::{SLOTS, slot};

/// The per-simulation inputs of one batch: each area's swing-model parameters and each region's errors, one
/// row per (area or region) × party slot.
pub struct Columns {
    /// Up to four parameter rows per area × slot, `p[k][area * 32 + slot]`; which parameter is which depends
    /// on the model (see [`Columns::set_swing`]).
    p: [Vec<Row>; 4],
    /// Regional error (fraction) per region × slot, `regional[region * 32 + slot]`.
    pub regional: Vec<Row>,
    /// Covariate slope per party slot (fraction per fraction) and tactical strength, per simulation.
    pub slopes: Vec<Row>,
    pub strength: Row,
}

impl Columns {
    pub fn new(areas: usize, regions: usize) -> Columns {
        let rows = || vec![Row::splat(0.0); areas * SLOTS];
        Columns {
            p: [rows(), rows(), rows(), rows()],
            regional: vec![Row::splat(0.0); regions * SLOTS],
            slopes: vec![Row::splat(0.0); SLOTS],
            strength: Row::splat(0.0),
        }
    }

    /// Stores simulation `s`'s covariate slopes (per party slot) and tactical strength.
    pub fn set_shape(&mut self, s: usize, slopes: &crate::project::Slots, strength: f64) {
        for (row, b) in self.slopes.iter_mut().zip(slopes) {
            row[s] = *b;
        }
        self.strength[s] = strength;
    }

    /// Stores simulation `s`'s swing for area `a`: UNS the change P − E; proportional the ratio and the
    /// fallback; STM the strong and weak loyalty, the declining flag and the gain weight.
    pub fn set_swing(&mut self, a: usize, s: usize, swing: &Swing) {
        let rows: [&crate::project::Slots; 4] = match swing {
            Swing::Uns { delta } => [delta, delta, delta, delta],
            Swing::Proportional { ratio, fallback } => [ratio, fallback, ratio, ratio],
            Swing::Stm { strong_loyalty, weak_loyalty, declining, gain_weight, .. } => {
                [strong_loyalty, weak_loyalty, declining, gain_weight]
            }
            Swing::Hybrid { ratio, gain, falling } => [ratio, gain, falling, ratio],
        };
        for (k, values) in rows.iter().enumerate() {
            for (i, v) in values.iter().enumerate() {
                self.p[k][a * SLOTS + i][s] = *v;
            }
        }
    }

    /// Stores `swing` in every lane (used when the national error is off, so the swing never changes).
    pub fn fill_swing(&mut self, a: usize, swing: &Swing) {
        for s in 0..LANES {
            self.set_swing(a, s, swing);
        }
    }
}

/// Scratch space for one seat across a batch: shares per listed party, the leader and the contenders.
pub struct SeatLanes {
    /// Share of each listed party (fraction, regional error added; −∞ for a party at 0, which cannot win).
    pub y: Vec<Row>,
    pub(super) tot: Row,
    inv: Row,
    /// The leader's share, its position in the seat's list and its constituency σ².
    pub lead_share: Row,
    pub lead: Row,
    pub lead_sigma2: Row,
}

impl SeatLanes {
    pub fn new(width: usize) -> SeatLanes {
        SeatLanes {
            y: vec![Row::splat(0.0); width],
            tot: Row::splat(0.0),
            inv: Row::splat(0.0),
            lead_share: Row::splat(0.0),
            lead: Row::splat(0.0),
            lead_sigma2: Row::splat(0.0),
        }
    }

    /// Evaluates `seat` in every lane: the swing model (bit for bit as `project::shape::apply`), the regional
    /// error and the leader (a tie goes to the incumbent, then to the first party in column order, as in
    /// `project::winner`).
    #[inline(always)]
    pub fn evaluate(&mut self, m: &SimModel, seat: &SimSeat, cols: &Columns) {
        let lanes = seat.list.clone();
        let parties = &m.parties[lanes.clone()];
        let base = &m.base[lanes.clone()];
        let area = seat.area * SLOTS;
        match m.model {
            crate::scenario::Model::Uns => self.uns(parties, base, &cols.p[0][area..area + SLOTS]),
            crate::scenario::Model::Proportional => {
                self.proportional(parties, base, &cols.p[0][area..area + SLOTS], &cols.p[1][area..area + SLOTS])
            }
            crate::scenario::Model::Stm => {
                let rows = |i: usize| &cols.p[i][area..area + SLOTS];
                self.stm(parties, base, [rows(0), rows(1), rows(2), rows(3)], m.threshold)
            }
            crate::scenario::Model::Hybrid => {
                let rows = |i: usize| &cols.p[i][area..area + SLOTS];
                let hybrid = HybridRows { ratio: rows(0), gain: rows(1), falling: rows(2) };
                let shape = m.shape.as_ref().expect("the hybrid is always raked");
                self.shape(parties, base, Some(&hybrid), shape, seat, cols);
            }
        }
        if let (Some(shape), false) = (&m.shape, m.model == crate::scenario::Model::Hybrid) {
            self.shape(parties, base, None, shape, seat, cols);
        }
        self.normalise(base);
        self.leader(parties, &m.sigma2[lanes.clone()], seat.incumbent, &cols.regional[seat.region * SLOTS..][..SLOTS]);
    }

    /// UNS: A = max(C + (P − E), 0), summed in list order.
    #[inline(always)]
    fn uns(&mut self, parties: &[u8], base: &[f64], delta: &[Row]) {
        let mut tot = Row::splat(0.0);
        for (j, (&p, &c)) in parties.iter().zip(base).enumerate() {
            let (d, y) = (&delta[slot(p)], &mut self.y[j]);
            for s in 0..LANES {
                let v = (c + d[s]).max(0.0);
                y[s] = v;
                tot[s] += v;
            }
        }
        self.tot = tot;
    }

    /// Proportional: A = C · P / E, or the additive fallback where the party had no baseline share.
    #[inline(always)]
    fn proportional(&mut self, parties: &[u8], base: &[f64], ratio: &[Row], fallback: &[Row]) {
        let mut tot = Row::splat(0.0);
        for (j, (&p, &c)) in parties.iter().zip(base).enumerate() {
            let y = &mut self.y[j];
            if c > 0.0 {
                let r = &ratio[slot(p)];
                for s in 0..LANES {
                    y[s] = c * r[s];
                    tot[s] += y[s];
                }
            } else {
                let f = &fallback[slot(p)];
                *y = *f;
                for s in 0..LANES {
                    tot[s] += f[s];
                }
            }
        }
        self.tot = tot;
    }

    /// Strong transition: declining parties keep their loyal votes, gainers share what is released. A party
    /// can decline in one simulation and gain in the next, so both branches are computed and one selected.
    #[inline(always)]
    fn stm(&mut self, parties: &[u8], base: &[f64], rows: [&[Row]; 4], threshold: f64) {
        let [strong_loyalty, weak_loyalty, declining, gain_weight] = rows;
        let mut released = Row::splat(0.0);
        for (j, (&p, &c)) in parties.iter().zip(base).enumerate() {
            let strong = (c - threshold).max(0.0);
            let weak = c - strong;
            let (sl, wl, dc, y) =
                (&strong_loyalty[slot(p)], &weak_loyalty[slot(p)], &declining[slot(p)], &mut self.y[j]);
            for s in 0..LANES {
                let kept = sl[s] * strong + wl[s] * weak;
                let d = dc[s] > 0.0;
                y[s] = if d { kept } else { 0.0 };
                released[s] = if d { released[s] + (c - kept) } else { released[s] };
            }
        }
        for (j, (&p, &c)) in parties.iter().zip(base).enumerate() {
            let (dc, gw, y) = (&declining[slot(p)], &gain_weight[slot(p)], &mut self.y[j]);
            for s in 0..LANES {
                y[s] = if dc[s] > 0.0 { y[s] } else { c + released[s] * gw[s] };
            }
        }
        self.tot = Row::splat(1.0);
    }

    /// Divides by the total (a total of 1 leaves the shares unchanged); where every share was clipped to 0 the
    /// baseline shares are kept, as `project::swing::normalise` does.
    #[inline(always)]
    fn normalise(&mut self, base: &[f64]) {
        let (tot, inv) = (&self.tot, &mut self.inv);
        for s in 0..LANES {
            inv[s] = 1.0 / tot[s];
        }
        // `t > 0` is false for 0, negatives and NaN alike.
        let clipped = |t: f64| t.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater);
        if tot.iter().any(|t| clipped(*t)) {
            for s in (0..LANES).filter(|&s| clipped(self.tot[s])) {
                for (y, &c) in self.y.iter_mut().zip(base) {
                    y[s] = c;
                }
                self.inv[s] = 1.0;
            }
        }
    }

    /// Normalised shares plus regional error, and the leader with its share and σ².
    #[inline(always)]
    fn leader(&mut self, parties: &[u8], sigma2: &[f64], incumbent: usize, regional: &[Row]) {
        // Locals rather than fields, so that the compiler can keep them in registers across the parties.
        let mut yl = Row::splat(f64::NEG_INFINITY);
        let mut lead = Row::splat(incumbent as f64);
        let mut sl2 = Row::splat(sigma2[incumbent]);
        let inv = self.inv;
        for (j, (&p, &sg2)) in parties.iter().zip(sigma2).enumerate() {
            let y = &mut self.y[j];
            shares(y, &inv, &regional[slot(p)]);
            if j == incumbent {
                pick(y, j as f64, sg2, |v, yl| v >= yl, &mut yl, &mut lead, &mut sl2);
            } else {
                pick(y, j as f64, sg2, |v, yl| v > yl, &mut yl, &mut lead, &mut sl2);
            }
        }
        (self.lead_share, self.lead, self.lead_sigma2) = (yl, lead, sl2);
    }

    /// The list positions within reach of the leader in at least one lane (bit j for position j), at two
    /// distances: `(reach, likely)`. A party is within reach when it is less than [`SKIP_Z`] standard deviations
    /// of the difference of the two constituency errors behind the leader (further behind, it wins with
    /// probability below 1e-12), and likely within [`LIKELY_Z`] of them. Every lane's leader is in both.
    #[inline(always)]
    pub fn reach(&self, sigma2: &[f64]) -> (u64, u64) {
        const Z2: f64 = SKIP_Z * SKIP_Z;
        const L2: f64 = LIKELY_Z * LIKELY_Z;
        let (yl, sl2) = (&self.lead_share, &self.lead_sigma2);
        let (mut reach, mut likely) = (0, 0);
        for (j, &sg2) in sigma2.iter().enumerate() {
            let y = &self.y[j];
            let (mut far, mut near) = (0u64, 0u64);
            for s in 0..LANES {
                let gap = yl[s] - y[s];
                let g2 = gap * gap;
                let v = sl2[s] + sg2;
                far |= (g2 <= Z2 * v) as u64;
                near |= (g2 <= L2 * v) as u64;
            }
            reach |= far << j;
            likely |= near << j;
        }
        (reach, likely)
    }
}

/// Parties within this many standard deviations of the error difference behind the leader in some lane get a
/// full row of constituency errors; those further behind (but within [`SKIP_Z`]) are long shots, drawn only
/// where they could win (see `draws::long_shot`).
pub const LIKELY_Z: f64 = 2.5;

/// Normalises one party's raw shares (`inv` = 1 / total) and adds the regional error; −∞ where the share is 0.
#[inline(always)]
fn shares(y: &mut Row, inv: &Row, regional: &Row) {
    for s in 0..LANES {
        let a = y[s] * inv[s];
        y[s] = blend(((a > 0.0) as u64).wrapping_neg(), a + regional[s], f64::NEG_INFINITY);
    }
}

/// Makes party `j` (shares `y`, σ² `sg2`) the leader in every lane where `better(y, leader's share)`.
#[inline(always)]
fn pick(y: &Row, j: f64, sg2: f64, better: impl Fn(f64, f64) -> bool, yl: &mut Row, lead: &mut Row, sl2: &mut Row) {
    for s in 0..LANES {
        let m = (better(y[s], yl[s]) as u64).wrapping_neg();
        yl[s] = blend(m, y[s], yl[s]);
        lead[s] = blend(m, j, lead[s]);
        sl2[s] = blend(m, sg2, sl2[s]);
    }
}

/// `a` where the mask `m` is all ones, `b` where it is 0. Written with bit operations, because a plain `if`
/// here becomes a conditional store and a branch rather than a vector select.
#[inline(always)]
pub fn blend(m: u64, a: f64, b: f64) -> f64 {
    f64::from_bits((a.to_bits() & m) | (b.to_bits() & !m))
}

#[cfg(test)]
#[path = "lanes_tests.rs"]
mod tests;
