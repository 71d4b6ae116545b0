//! A backtest pair: two elections on the same boundaries, lineage-merged and cut down to the seats compared.

use crate::baseline::{Baseline, Constituency};
use crate::error::InputError;
use crate::geo::Nation;
use crate::party::{N_PARTIES, Party};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// The UKIP → Brexit Party → Reform UK lineage, oldest first: one series in a backtest.
pub const LINEAGE: [Party; 3] = [Party::UKIP, Party::BREXIT, Party::REFORM];

/// The party columns of [`LINEAGE`] are merged into whichever of them won the most GB votes at the later election
/// (UKIP for 2015 and 2017, the Brexit Party for 2019, Reform UK for 2024), so the series carries its later name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Lineage {
    /// The column the series is kept in.
    pub series: Party,
    /// The columns merged into it (on both sides).
    pub merged: Vec<Party>,
}

/// A seat left out of the comparison.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExcludedSeat {
    pub code: String,
    pub name: String,
    pub reason: String,
}

/// Two elections matched seat by seat on ONS code, over the seats a backtest compares.
///
/// Seats compared: every Great Britain seat that is not the Speaker's at either election. Northern Ireland's 18
/// seats are left out (no swing model projects them, so they would score the baseline, not the model), and so is
/// any seat the Speaker holds on either side (the Speaker stands unopposed by the main parties, so a swing model has
/// nothing to say about it).
#[derive(Clone, Debug)]
pub struct Pair {
    /// Name of the earlier election as given (`ge2017`).
    pub from: String,
    /// Name of the later election as given (`ge2019`).
    pub to: String,
    /// The earlier election over the compared seats, lineage merged: the baseline the models swing.
    pub base: Baseline,
    /// The later election over the same seats in the same order, lineage merged: what really happened.
    pub actual: Baseline,
    pub lineage: Lineage,
    /// Northern Ireland seats left out.
    pub excluded_ni: usize,
    /// Speaker's seats left out.
    pub excluded_speaker: Vec<ExcludedSeat>,
}

impl Pair {
    /// Loads `from` and `to` (shipped names or CSV paths) and matches them; errors name the `--from`/`--to` flag.
    pub fn load(from: &str, to: &str) -> Result<Pair, InputError> {
        let earlier = load_election(from, "--from")?;
        let later = load_election(to, "--to")?;
        Pair::new(from, to, earlier, later)
    }

    /// Matches two loaded elections seat by seat.
    pub fn new(from: &str, to: &str, earlier: Baseline, later: Baseline) -> Result<Pair, InputError> {
        let index: HashMap<&str, usize> = later.seats.iter().enumerate().map(|(k, c)| (c.code.as_str(), k)).collect();
        let unmatched = earlier.seats.iter().filter(|c| !index.contains_key(c.code.as_str())).count();
        if unmatched > 0 || earlier.seats.len() != later.seats.len() {
            return Err(InputError::new(
                "--to",
                format!(
                    "the constituencies of {to} do not match those of {from} ({unmatched} of {} {from} codes \
                        are not in {to}): a backtest compares seat by seat, so both elections must be on the \
                        same boundaries{}",
                    earlier.seats.len(),
                    boundary_hint(&later)
                ),
            ));
        }
        let lineage = lineage_of(&earlier, &later);
        let mut base_seats = Vec::new();
        let mut actual_seats = Vec::new();
        let mut excluded_ni = 0;
        let mut excluded_speaker = Vec::new();
        for c in &earlier.seats {
            let a = &later.seats[index[c.code.as_str()]];
            if c.nation == Nation::NorthernIreland || a.nation == Nation::NorthernIreland {
                excluded_ni += 1;
                continue;
            }
            let speaker = |x: &Constituency| x.winner == Party::SPEAKER;
            if speaker(c) || speaker(a) {
                let reason = match (speaker(c), speaker(a)) {
                    (true, true) => format!("the Speaker's seat at {from} and {to}"),
                    (true, false) => format!("the Speaker's seat at {from}"),
                    _ => format!("the Speaker's seat at {to}"),
                };
                excluded_speaker.push(ExcludedSeat { code: c.code.clone(), name: c.name.clone(), reason });
                continue;
            }
            base_seats.push(c.clone());
            actual_seats.push(a.clone());
        }
        let mut base = Baseline { name: earlier.name, seats: base_seats };
        let mut actual = Baseline { name: later.name, seats: actual_seats };
        for &p in &lineage.merged {
            base.merge_party(p, lineage.series);
            actual.merge_party(p, lineage.series);
        }
        Ok(Pair { from: from.to_string(), to: to.to_string(), base, actual, lineage, excluded_ni, excluded_speaker })
    }

    /// Number of seats compared.
    pub fn len(&self) -> usize {
        self.base.seats.len()
    }

    /// Whether no seat is compared.
    pub fn is_empty(&self) -> bool {
        self.base.seats.is_empty()
    }

    /// Seats whose winner changed between the two elections (what a "no change" forecast gets wrong).
    pub fn changed_hands(&self) -> usize {
        self.base.seats.iter().zip(&self.actual.seats).filter(|(b, a)| b.winner != a.winner).count()
    }

    /// Parties that contested at least `fraction` of the compared seats at the later election.
    pub fn contesting(&self, fraction: f64) -> Vec<Party> {
        let mut stood = [0usize; N_PARTIES];
        for c in &self.actual.seats {
            for i in 0..N_PARTIES {
                if c.votes[i] > 0.0 {
                    stood[i] += 1;
                }
            }
        }
        let n = self.len() as f64;
        Party::all().filter(|p| n > 0.0 && stood[p.index()] as f64 >= fraction * n).collect()
    }
}

/// Loads one election, naming the flag (not the name) as the source of an unknown-name error.
fn load_election(name: &str, flag: &str) -> Result<Baseline, InputError> {
    Baseline::load(name).map_err(|e| {
        if e.field.as_deref() == Some("baseline") && e.line.is_none() {
            InputError::new(flag, e.message.replace("unknown baseline", "unknown election"))
        } else {
            e
        }
    })
}

/// The lineage column with the most GB votes at the later election (ties to the later column), and the other
/// lineage columns that polled at either election.
fn lineage_of(earlier: &Baseline, later: &Baseline) -> Lineage {
    let gb = later.gb_shares();
    let mut series = LINEAGE[0];
    for &p in &LINEAGE[1..] {
        if gb[p.index()] >= gb[series.index()] {
            series = p;
        }
    }
    let polled = |p: Party| [earlier, later].iter().any(|b| b.seats.iter().any(|c| c.votes[p.index()] > 0.0));
    Lineage { series, merged: LINEAGE.iter().copied().filter(|&p| p != series && polled(p)).collect() }
}

/// Names the shipped elections on the same boundaries as `later`, for the mismatch error.
fn boundary_hint(later: &Baseline) -> String {
    let codes: HashSet<&str> = later.seats.iter().map(|c| c.code.as_str()).collect();
    let same: Vec<&str> = crate::shipped::names(&crate::shipped::BASELINES)
        .into_iter()
        .filter(|name| {
            Baseline::load(name)
                .is_ok_and(|b| b.seats.len() == codes.len() && b.seats.iter().all(|c| codes.contains(c.code.as_str())))
        })
        .collect();
    if same.is_empty() {
        String::new()
    } else {
        let notional = if same.contains(&"ge2019n") {
            " (ge2019n is the notional 2019 result on the 2024 boundaries: use --from ge2019n)"
        } else {
            ""
        };
        format!("; the shipped elections on the boundaries of {} are {}{notional}", later.name, same.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_of_compared_seats() {
        let p = Pair::load("ge2017", "ge2019").unwrap();
        // 632 GB seats less Buckingham (Speaker 2017) and Chorley (Speaker 2019).
        assert_eq!(p.len(), 630);
        assert_eq!(p.excluded_ni, 18);
        let names: Vec<&str> = p.excluded_speaker.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Buckingham", "Chorley"]);
        assert_eq!(p.lineage, Lineage { series: Party::BREXIT, merged: vec![Party::UKIP] });
        assert!(p.base.seats.iter().zip(&p.actual.seats).all(|(b, a)| b.code == a.code));
        assert!(p.actual.seats.iter().all(|c| c.votes[Party::UKIP.index()] == 0.0));
    }

    #[test]
    fn lineage_takes_the_later_name() {
        assert_eq!(Pair::load("ge2010", "ge2015").unwrap().lineage.series, Party::UKIP);
        assert_eq!(Pair::load("ge2019n", "ge2024").unwrap().lineage.series, Party::REFORM);
    }

    #[test]
    fn boundaries_must_match() {
        let e = Pair::load("ge2019", "ge2024").unwrap_err().to_string();
        assert!(e.contains("do not match") && e.contains("--from ge2019n"), "{e}");
        assert!(!e.contains('\n'));
        let e = Pair::load("ge2023", "ge2024").unwrap_err().to_string();
        assert!(e.starts_with("--from: unknown election 'ge2023'"), "{e}");
    }
}
