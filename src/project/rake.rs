//! Raking: one factor per party and area so that the seats' shares, each renormalised, meet the area targets.
//!
//! Given each seat's raw shares r (≥ 0) and valid votes v, the factors α solve
//! Σ_k v_k · r_ki α_i / Σ_j r_kj α_j = P_i · Σ_k v_k for every party i — the biproportional fit of the raw shares
//! to the seat totals (1) and the area targets (P). It is found by iterative proportional fitting: α_i ← α_i · P_i
//! / A_i, A being the shares the current factors achieve, until every |A_i − P_i| < [`TOLERANCE`].

use super::swing::Slots;
use crate::party::{N_PARTIES, Party, PartyVec};

/// Largest difference between an achieved and a target share (fractions) at which the iteration stops.
pub const TOLERANCE: f64 = 1e-13;

/// Iterations after which the fit stops even if not within [`TOLERANCE`] (it then reports what it achieved).
pub const MAX_ITERATIONS: usize = 10_000;

/// One seat of an area: its raw shares (every party column), baseline shares (kept if every raw share is 0) and
/// valid votes.
pub struct RakeSeat<'a> {
    pub raw: &'a PartyVec,
    pub base: &'a PartyVec,
    pub votes: f64,
}

/// The fitted factors, the shares they achieve and the parties whose target cannot be met (no raw share in any
/// seat of the area while the target is above 0).
#[derive(Clone, Debug)]
pub struct Fit {
    pub alpha: Slots,
    pub achieved: PartyVec,
    pub iterations: usize,
    pub unreachable: Vec<Party>,
}

/// The shares the factors `alpha` achieve over `seats` (vote-weighted), each seat divided by its total.
pub fn achieved(seats: &[RakeSeat], alpha: &Slots) -> PartyVec {
    let mut sums = [0.0; N_PARTIES];
    let mut votes = 0.0;
    for s in seats {
        let mut row = [0.0; N_PARTIES];
        let mut total = 0.0;
        for i in 0..N_PARTIES {
            row[i] = s.raw[i] * alpha[i];
            total += row[i];
        }
        let (row, inv) = if total > 0.0 { (row, 1.0 / total) } else { (*s.base, 1.0) };
        for i in 0..N_PARTIES {
            sums[i] += s.votes * (row[i] * inv);
        }
        votes += s.votes;
    }
    if votes > 0.0 {
        sums.iter_mut().for_each(|x| *x /= votes);
    }
    sums
}

/// The seats of [`achieved`] with only each seat's parties that have a raw share: the same sums in the same order
/// without the terms that add 0, so the same bits at a fraction of the cost (the fit evaluates it every iteration).
struct Packed<'a> {
    /// Per seat: its first entry in `parties`/`raw`, its votes, and its baseline row (used when its total is 0).
    seats: Vec<(usize, f64, &'a PartyVec)>,
    parties: Vec<usize>,
    raw: Vec<f64>,
}

impl<'a> Packed<'a> {
    fn new(seats: &[RakeSeat<'a>]) -> Packed<'a> {
        const NONE: PartyVec = [0.0; N_PARTIES];
        let mut p = Packed { seats: Vec::with_capacity(seats.len() + 1), parties: vec![], raw: vec![] };
        for s in seats {
            p.seats.push((p.parties.len(), s.votes, s.base));
            for (i, r) in s.raw.iter().enumerate().filter(|(_, r)| **r != 0.0) {
                p.parties.push(i);
                p.raw.push(*r);
            }
        }
        p.seats.push((p.parties.len(), 0.0, &NONE));
        p
    }

    /// [`achieved`] over the packed seats.
    fn achieved(&self, alpha: &Slots) -> PartyVec {
        let mut sums = [0.0; N_PARTIES];
        let mut votes = 0.0;
        let mut row = [0.0; N_PARTIES];
        for w in self.seats.windows(2) {
            let ((from, v, base), (to, _, _)) = (w[0], w[1]);
            let (parties, raw) = (&self.parties[from..to], &self.raw[from..to]);
            let mut total = 0.0;
            for (j, (&i, &r)) in parties.iter().zip(raw).enumerate() {
                row[j] = r * alpha[i];
                total += row[j];
            }
            if total > 0.0 {
                let inv = 1.0 / total;
                for (j, &i) in parties.iter().enumerate() {
                    sums[i] += v * (row[j] * inv);
                }
            } else {
                base.iter().zip(sums.iter_mut()).for_each(|(x, s)| *s += v * (x * 1.0));
            }
            votes += v;
        }
        if votes > 0.0 {
            sums.iter_mut().for_each(|x| *x /= votes);
        }
        sums
    }
}

/// Fits the factors of one area to `target` (fractions summing to 1). A party with a target above 0 but no raw
/// share in any seat cannot be given votes; its target is shared among the others pro rata, and it is reported.
pub fn fit(seats: &[RakeSeat], target: &PartyVec) -> Fit {
    let unreachable: Vec<Party> = (0..N_PARTIES)
        .filter(|&i| target[i] > 0.0 && seats.iter().all(|s| s.raw[i] == 0.0))
        .map(Party::from_index)
        .collect();
    let lost: f64 = unreachable.iter().map(|p| target[p.index()]).sum();
    let target: PartyVec = std::array::from_fn(|i| {
        if unreachable.contains(&Party::from_index(i)) || lost >= 1.0 { 0.0 } else { target[i] / (1.0 - lost) }
    });
    let target = &target;
    let mut alpha: Slots = [0.0; 32];
    alpha[..N_PARTIES].iter_mut().for_each(|a| *a = 1.0);
    let packed = Packed::new(seats);
    let mut iterations = 0;
    loop {
        let got = packed.achieved(&alpha);
        let worst = (0..N_PARTIES)
            .filter(|&i| !unreachable.contains(&Party::from_index(i)))
            .map(|i| (got[i] - target[i]).abs())
            .fold(0.0, f64::max);
        if worst < TOLERANCE || iterations == MAX_ITERATIONS {
            return Fit { alpha, achieved: got, iterations, unreachable };
        }
        for i in 0..N_PARTIES {
            if got[i] > 0.0 {
                alpha[i] *= target[i] / got[i];
            }
        }
        iterations += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(v: &[f64]) -> PartyVec {
        let mut r = [0.0; N_PARTIES];
        r[..v.len()].copy_from_slice(v);
        r
    }

    #[test]
    fn meets_the_targets_and_keeps_the_shape() {
        let raws = [row(&[0.6, 0.3, 0.2]), row(&[0.2, 0.5, 0.2]), row(&[0.1, 0.1, 0.9])];
        let votes = [100.0, 200.0, 50.0];
        let seats: Vec<RakeSeat> =
            raws.iter().zip(votes).map(|(r, v)| RakeSeat { raw: r, base: r, votes: v }).collect();
        let target = row(&[0.3, 0.45, 0.25]);
        let f = fit(&seats, &target);
        assert!(f.unreachable.is_empty());
        for i in 0..3 {
            assert!((f.achieved[i] - target[i]).abs() < 1e-12, "{:?}", f.achieved);
        }
        // Biproportional: every seat's odds between two parties keep the raw odds times α_i / α_j.
        let a = f.alpha;
        for r in &raws {
            let odds = (r[0] * a[0]) / (r[1] * a[1]);
            assert!((odds - r[0] / r[1] * a[0] / a[1]).abs() < 1e-12);
        }
    }

    /// The packed sums are the plain ones bit for bit, zeros, factors of 0 and all-zero seats included.
    #[test]
    fn packed_achieved_is_achieved_bit_for_bit() {
        let raws = [
            row(&[0.6, 0.0, 0.2, 0.0, 1e-9]),
            row(&[0.0, 0.5, 0.2]),
            row(&[0.0; 3]),
            row(&[0.1, 0.1, 0.9, 0.3]),
            row(&[0.0, 0.0, 0.0, 0.7]),
        ];
        let base = row(&[0.2, 0.3, 0.5]);
        let seats: Vec<RakeSeat> = raws
            .iter()
            .enumerate()
            .map(|(k, r)| RakeSeat { raw: r, base: &base, votes: 100.0 + 37.0 * k as f64 })
            .collect();
        let packed = Packed::new(&seats);
        let mut alpha: Slots = [1.0; 32];
        for a in [[1.0, 1.0, 1.0, 1.0], [0.7, 1.3, 0.9, 0.0], [1.1, 0.0, 2.5, 3.0]] {
            alpha[..4].copy_from_slice(&a);
            let (plain, fast) = (achieved(&seats, &alpha), packed.achieved(&alpha));
            assert_eq!(plain.map(f64::to_bits), fast.map(f64::to_bits), "{a:?}");
        }
    }

    #[test]
    fn a_party_with_no_votes_anywhere_is_reported() {
        let raws = [row(&[0.5, 0.5, 0.0]), row(&[0.3, 0.7, 0.0])];
        let seats: Vec<RakeSeat> = raws.iter().map(|r| RakeSeat { raw: r, base: r, votes: 1.0 }).collect();
        let f = fit(&seats, &row(&[0.4, 0.5, 0.1]));
        assert_eq!(f.unreachable, vec![Party::from_index(2)]);
    }
}
