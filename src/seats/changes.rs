//! The seats a projection moves from one party to another, their new majorities, and the tallies.

use super::Margin;
use crate::baseline::Baseline;
use crate::geo::{Nation, Region};
use crate::party::{N_PARTIES, Party};
use crate::project::Projection;

/// One seat changing hands.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// Index of the seat in the baseline.
    pub seat: usize,
    /// The baseline winner, who loses the seat.
    pub from: Party,
    /// The projected contest: `margin.winner` gains the seat.
    pub margin: Margin,
}

impl Change {
    /// The gaining party.
    pub fn to(&self) -> Party {
        self.margin.winner
    }
}

/// Gains and losses per party over a set of seats.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tally {
    /// Seats in the set.
    pub seats: u32,
    /// Seats of the set that change hands.
    pub changing: u32,
    pub gains: [u32; N_PARTIES],
    pub losses: [u32; N_PARTIES],
}

impl Tally {
    fn new() -> Tally {
        Tally { seats: 0, changing: 0, gains: [0; N_PARTIES], losses: [0; N_PARTIES] }
    }

    /// Gains less losses of a party.
    pub fn net(&self, p: Party) -> i64 {
        i64::from(self.gains[p.index()]) - i64::from(self.losses[p.index()])
    }

    /// The parties with a gain or a loss here, in column order.
    pub fn parties(&self) -> impl Iterator<Item = Party> + '_ {
        Party::all().filter(|p| self.gains[p.index()] + self.losses[p.index()] > 0)
    }
}

/// Every seat changing hands and the tallies of them.
#[derive(Clone, Debug, PartialEq)]
pub struct Changes {
    /// Grouped by gaining party (most gains first, ties in column order), each group by projected majority
    /// (narrowest first), then by name.
    pub seats: Vec<Change>,
    /// `matrix[gaining][losing]`: seats the first party takes from the second.
    pub matrix: [[u32; N_PARTIES]; N_PARTIES],
    /// All seats.
    pub total: Tally,
    /// Each nation with a seat, in the order of [`Nation::ALL`].
    pub nations: Vec<(Nation, Tally)>,
    /// Each English region with a seat (the other nations are one region each), in the order of [`Region::ALL`].
    pub regions: Vec<(Region, Tally)>,
}

/// The seats whose projected winner is not their baseline winner, with their projected majorities (ties go to the
/// baseline winner, as in the projection), and the tallies by party pair, nation and English region.
pub fn changes(baseline: &Baseline, projection: &Projection) -> Changes {
    let mut seats = Vec::new();
    let mut matrix = [[0u32; N_PARTIES]; N_PARTIES];
    let mut total = Tally::new();
    let mut nations: Vec<(Nation, Tally)> = Nation::ALL.iter().map(|n| (*n, Tally::new())).collect();
    let mut regions: Vec<(Region, Tally)> = Region::ALL.iter().map(|r| (*r, Tally::new())).collect();
    for (k, c) in baseline.seats.iter().enumerate() {
        let to = projection.winners[k];
        let nation = Nation::ALL.iter().position(|n| *n == c.nation).unwrap_or(0);
        let region = c.region.index();
        for t in [&mut total, &mut nations[nation].1, &mut regions[region].1] {
            t.seats += 1;
            if to != c.winner {
                t.changing += 1;
                t.gains[to.index()] += 1;
                t.losses[c.winner.index()] += 1;
            }
        }
        if to != c.winner {
            matrix[to.index()][c.winner.index()] += 1;
            let margin = Margin::of(&projection.shares[k], c.winner, c.valid_votes);
            debug_assert_eq!(margin.winner, to);
            seats.push(Change { seat: k, from: c.winner, margin });
        }
    }
    let gains = total.gains;
    let rank = |p: Party| (std::cmp::Reverse(gains[p.index()]), p);
    seats.sort_by(|a, b| {
        rank(a.to())
            .cmp(&rank(b.to()))
            .then(a.margin.points.total_cmp(&b.margin.points))
            .then_with(|| baseline.seats[a.seat].name.cmp(&baseline.seats[b.seat].name))
    });
    nations.retain(|(_, t)| t.seats > 0);
    regions.retain(|(r, t)| t.seats > 0 && r.nation() == Nation::England);
    Changes { seats, matrix, total, nations, regions }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::{Plan, load_baseline, project};
    use crate::scenario::{Scenario, Scope};

    fn bbc2018() -> (Baseline, Projection) {
        let s = Scenario {
            baseline: "ge2017".into(),
            scope: Scope::England,
            shares: vec![(Party::CON, 0.35), (Party::LAB, 0.35), (Party::LD, 0.16)],
            ..Scenario::default()
        };
        let b = load_baseline(&s).unwrap();
        let plan = Plan::new(&b, &s, "t").unwrap();
        let p = project(&b, &plan);
        (b, p)
    }

    #[test]
    fn tallies_agree_with_the_seat_counts() {
        let (b, p) = bbc2018();
        let ch = changes(&b, &p);
        let (before, after) = (b.seat_counts(), p.seat_counts());
        for party in Party::all() {
            let i = party.index();
            assert_eq!(ch.total.net(party), i64::from(after[i]) - i64::from(before[i]), "{party}");
            assert_eq!(ch.total.gains[i], ch.matrix[i].iter().sum::<u32>());
            assert_eq!(ch.total.losses[i], ch.matrix.iter().map(|row| row[i]).sum::<u32>());
            let by_nation: i64 = ch.nations.iter().map(|(_, t)| t.net(party)).sum();
            assert_eq!(by_nation, ch.total.net(party));
        }
        assert_eq!(ch.seats.len() as u32, ch.total.changing);
        assert_eq!(ch.nations.iter().map(|(_, t)| t.seats).sum::<u32>(), 650);
        let england = &ch.nations.iter().find(|(n, _)| *n == Nation::England).unwrap().1;
        assert_eq!(ch.regions.iter().map(|(_, t)| t.changing).sum::<u32>(), england.changing);
        assert_eq!(ch.regions.len(), 9);
        // Under scope = england nothing in Scotland, Wales or Northern Ireland moves.
        assert!(ch.nations.iter().filter(|(n, _)| *n != Nation::England).all(|(_, t)| t.changing == 0));
    }

    #[test]
    fn seats_are_the_changed_winners_grouped_by_gainer_narrowest_first() {
        let (b, p) = bbc2018();
        let ch = changes(&b, &p);
        let changed: Vec<usize> = (0..b.seats.len()).filter(|&k| p.winners[k] != b.seats[k].winner).collect();
        let mut listed: Vec<usize> = ch.seats.iter().map(|c| c.seat).collect();
        listed.sort_unstable();
        assert_eq!(listed, changed);
        assert!(!changed.is_empty());
        for w in ch.seats.windows(2) {
            let (x, y) = (&w[0], &w[1]);
            let gx = ch.total.gains[x.to().index()];
            let gy = ch.total.gains[y.to().index()];
            assert!(gx > gy || (gx == gy && x.to() <= y.to()));
            if x.to() == y.to() {
                assert!(x.margin.points <= y.margin.points);
            }
        }
        for c in &ch.seats {
            assert_eq!(c.from, b.seats[c.seat].winner);
            assert_ne!(c.to(), c.from);
            assert!(c.margin.points >= 0.0 && c.margin.points <= 100.0);
        }
    }
}
