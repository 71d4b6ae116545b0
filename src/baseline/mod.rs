//! Baselines: real constituency results of a general election, loaded from the shipped CSVs or a user's file.

pub mod covariate;
mod embedded;
mod parse;

pub use embedded::{lookup, polling_date};

use crate::error::InputError;
use crate::geo::{Nation, Region};
use crate::party::{N_PARTIES, Party, PartyVec};

/// One constituency's result.
#[derive(Clone, Debug)]
pub struct Constituency {
    /// ONS/GSS code (the key of everything).
    pub code: String,
    /// Name as published.
    pub name: String,
    pub region: Region,
    pub nation: Nation,
    pub electorate: u64,
    /// Valid votes cast (the sum of the party columns).
    pub valid_votes: f64,
    /// Votes per party.
    pub votes: PartyVec,
    /// Shares per party as fractions of the valid vote (sum to 1).
    pub shares: PartyVec,
    /// Plurality winner (ties go to the first party in column order).
    pub winner: Party,
}

/// A general-election result, one row per constituency.
#[derive(Clone, Debug)]
pub struct Baseline {
    /// Short name (`ge2019`) or the file path it was read from.
    pub name: String,
    pub seats: Vec<Constituency>,
}

/// A baseline of at most [`MAX_SEATS`](crate::scenario::rules::MAX_SEATS) constituencies: what the tallies,
/// summaries and charts are sized for.
fn within_limit(b: Baseline, file: &str) -> Result<Baseline, InputError> {
    let max = crate::scenario::rules::MAX_SEATS;
    if b.seats.len() as u64 > max {
        return Err(InputError::new(file, format!("has {} constituencies: expected at most {max}", b.seats.len())));
    }
    Ok(b)
}

impl Baseline {
    /// Loads a shipped baseline by name (`ge2017`, …) or a CSV file in the same column scheme by path.
    pub fn load(name_or_path: &str) -> Result<Baseline, InputError> {
        if let Some(text) = embedded::lookup(name_or_path) {
            return parse::parse(text, name_or_path);
        }
        if !crate::paths::looks_like_path(name_or_path) {
            return Err(InputError::new(
                name_or_path,
                format!(
                    "unknown baseline '{name_or_path}': expected one of {} or a path to a CSV file",
                    crate::shipped::name_list(&crate::shipped::BASELINES)
                ),
            )
            .field("baseline"));
        }
        let text = std::fs::read_to_string(name_or_path)
            .map_err(|e| InputError::new(name_or_path, format!("cannot read baseline file: {e}")))?;
        within_limit(parse::parse(&text, name_or_path)?, name_or_path)
    }

    /// Parses CSV text in the baseline column scheme; `name` labels errors and the result.
    pub fn from_csv_str(text: &str, name: &str) -> Result<Baseline, InputError> {
        within_limit(parse::parse(text, name)?, name)
    }

    /// Seats won per party at the baseline.
    pub fn seat_counts(&self) -> [u32; N_PARTIES] {
        let mut counts = [0u32; N_PARTIES];
        for c in &self.seats {
            counts[c.winner.index()] += 1;
        }
        counts
    }

    /// Vote shares (fractions) over the seats `include` selects, weighted by valid votes.
    pub fn shares_over(&self, include: impl Fn(&Constituency) -> bool) -> PartyVec {
        self.shares_over_indices(|k| include(&self.seats[k]))
    }

    /// [`Baseline::shares_over`] the seats whose index `include` selects.
    pub fn shares_over_indices(&self, include: impl Fn(usize) -> bool) -> PartyVec {
        let mut votes = [0.0; N_PARTIES];
        let mut total = 0.0;
        for c in self.seats.iter().enumerate().filter(|(k, _)| include(*k)).map(|(_, c)| c) {
            for (v, cv) in votes.iter_mut().zip(c.votes.iter()) {
                *v += cv;
            }
            total += c.valid_votes;
        }
        if total > 0.0 {
            votes.iter_mut().for_each(|v| *v /= total);
        }
        votes
    }

    /// Great Britain shares over every GB seat, as published (fractions).
    pub fn gb_shares(&self) -> PartyVec {
        self.shares_over(|c| c.nation != Nation::NorthernIreland)
    }

    /// Whether a seat is projected by a swing model: in Great Britain and not the Speaker's.
    pub fn is_gb_party_seat(c: &Constituency) -> bool {
        c.nation != Nation::NorthernIreland && c.winner != Party::SPEAKER
    }

    /// Moves party `from`'s votes into party `into` in every seat (a party lineage, e.g. UKIP into Reform UK).
    pub fn merge_party(&mut self, from: Party, into: Party) {
        if from == into {
            return;
        }
        for c in &mut self.seats {
            c.votes[into.index()] += c.votes[from.index()];
            c.votes[from.index()] = 0.0;
            c.shares[into.index()] += c.shares[from.index()];
            c.shares[from.index()] = 0.0;
            if c.winner == from {
                c.winner = into;
            }
        }
    }
}

/// Index of the largest value; ties go to the lowest index.
pub fn plurality(values: &PartyVec) -> Party {
    let mut best = 0;
    for i in 1..N_PARTIES {
        if values[i] > values[best] {
            best = i;
        }
    }
    Party::from_index(best)
}
