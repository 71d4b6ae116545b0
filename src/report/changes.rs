//! The report of `pns changes`: seats changing hands in the central projection, gains matrix, area tallies.

use crate::baseline::Baseline;
use crate::party::{N_PARTIES, Party, PartyVec};
use crate::report::share_map;
use crate::round::round6;
use crate::scenario::{Model, Scenario, Scope};
use crate::seats::changes::{Changes, Tally};
use crate::summary::{SeatSummary, Summary};
use serde::Serialize;
use std::collections::BTreeMap;

/// Which figure every seat, majority and tally of these reports is.
pub const FIGURE: &str = "central (deterministic) projection";

/// The run a report's P(win) and ratings come from.
#[derive(Serialize, Debug, Clone)]
pub struct RunInfo {
    /// The summary.json read.
    pub file: String,
    pub sims: u64,
    pub seed: u64,
}

impl RunInfo {
    pub fn new(summary: &Summary, file: &str) -> RunInfo {
        RunInfo { file: file.to_string(), sims: summary.sims, seed: summary.seed }
    }
}

/// One seat changing hands.
#[derive(Serialize, Debug)]
pub struct SeatChange {
    pub code: String,
    pub name: String,
    pub region: String,
    pub nation: String,
    /// The baseline winner.
    pub from: String,
    /// The projected winner.
    pub to: String,
    /// Second in the projection (`null` when nobody else has a vote).
    pub runner_up: Option<String>,
    /// Projected majority over the runner-up, percentage points.
    pub majority_points: f64,
    /// The same majority in votes at the baseline's turnout, to the nearest vote.
    pub majority_votes: u64,
    /// Two-party swing from the winner to the runner-up that would make them level (half the majority), points.
    pub swing_to_undo: f64,
    /// With a run: the projected winner's probability of winning the seat.
    pub p_win: Option<f64>,
    /// With a run: the seat's rating (safe, likely, lean, tossup).
    pub rating: Option<String>,
}

/// A party's gains and losses over some seats.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct PartyChange {
    pub party: String,
    pub gains: u32,
    pub losses: u32,
    /// Gains less losses.
    pub net: i64,
}

/// A party's seats before and after, with its gains and losses.
#[derive(Serialize, Debug)]
pub struct PartyTotal {
    pub party: String,
    pub baseline_seats: u32,
    pub seats: u32,
    pub gains: u32,
    pub losses: u32,
    pub net: i64,
}

/// The tallies of one nation or English region.
#[derive(Serialize, Debug)]
pub struct AreaChange {
    pub area: String,
    /// `nation` or `region`.
    pub kind: &'static str,
    pub nation: String,
    pub seats: u32,
    /// Seats changing hands.
    pub changing: u32,
    /// Every party with a gain or a loss here, in column order.
    pub parties: Vec<PartyChange>,
}

/// Everything `pns changes` reports.
#[derive(Serialize, Debug)]
pub struct ChangesReport {
    /// Always the central (deterministic) projection.
    pub figure: &'static str,
    pub scenario: String,
    pub baseline: String,
    pub model: Model,
    pub scope: Scope,
    /// Target shares of the scope-wide area, percent.
    pub national_shares: BTreeMap<String, f64>,
    /// The run P(win) and the ratings come from (`null` without `--run`).
    pub run: Option<RunInfo>,
    pub total_seats: u32,
    pub seats_changing: u32,
    /// By gaining party (most gains first), then by projected majority (narrowest first), then by name.
    pub seats: Vec<SeatChange>,
    /// Gaining party → losing party → seats.
    pub matrix: BTreeMap<String, BTreeMap<String, u32>>,
    /// Every party with a seat or a change, by seats (descending).
    pub parties: Vec<PartyTotal>,
    /// Each nation, then each English region.
    pub by_area: Vec<AreaChange>,
}

/// The parties of a tally with a gain or a loss.
fn party_changes(t: &Tally) -> Vec<PartyChange> {
    t.parties()
        .map(|p| PartyChange {
            party: p.code().into(),
            gains: t.gains[p.index()],
            losses: t.losses[p.index()],
            net: t.net(p),
        })
        .collect()
}

impl ChangesReport {
    /// The report of `changes` of `baseline` under `scenario` (scope-wide targets `national`, fractions); `run`
    /// gives each seat's run summary in baseline order.
    pub fn build(
        baseline: &Baseline,
        scenario: &Scenario,
        national: &PartyVec,
        changes: &Changes,
        run: Option<(RunInfo, Vec<&SeatSummary>)>,
    ) -> ChangesReport {
        let seats = changes
            .seats
            .iter()
            .map(|ch| {
                let c = &baseline.seats[ch.seat];
                let ran = run.as_ref().map(|(_, s)| s[ch.seat]);
                SeatChange {
                    code: c.code.clone(),
                    name: c.name.clone(),
                    region: c.region.name().into(),
                    nation: c.nation.name().into(),
                    from: ch.from.code().into(),
                    to: ch.to().code().into(),
                    runner_up: ch.margin.runner_up.map(|p| p.code().into()),
                    majority_points: round6(ch.margin.points),
                    majority_votes: ch.margin.votes.round() as u64,
                    swing_to_undo: round6(ch.margin.swing_to_undo()),
                    p_win: ran.map(|s| s.p_win.get(ch.to().code()).copied().unwrap_or(0.0)),
                    rating: ran.map(|s| s.rating.clone()),
                }
            })
            .collect();
        let mut matrix: BTreeMap<String, BTreeMap<String, u32>> = BTreeMap::new();
        for (gainer, losers) in Party::all().zip(changes.matrix.iter()) {
            for (loser, &n) in Party::all().zip(losers.iter()).filter(|(_, n)| **n > 0) {
                matrix.entry(gainer.code().into()).or_default().insert(loser.code().into(), n);
            }
        }
        let mut by_area: Vec<AreaChange> = Vec::new();
        for (n, t) in &changes.nations {
            by_area.push(area(n.name(), "nation", n.name(), t));
        }
        for (r, t) in &changes.regions {
            by_area.push(area(r.name(), "region", r.nation().name(), t));
        }
        ChangesReport {
            figure: FIGURE,
            scenario: scenario.name.clone(),
            baseline: baseline.name.clone(),
            model: scenario.model,
            scope: scenario.scope,
            national_shares: share_map(national),
            run: run.map(|(info, _)| info),
            total_seats: changes.total.seats,
            seats_changing: changes.total.changing,
            seats,
            matrix,
            parties: totals(baseline, &changes.total),
            by_area,
        }
    }
}

fn area(name: &str, kind: &'static str, nation: &str, t: &Tally) -> AreaChange {
    AreaChange {
        area: name.into(),
        kind,
        nation: nation.into(),
        seats: t.seats,
        changing: t.changing,
        parties: party_changes(t),
    }
}

/// Seats before and after per party, largest first (ties in column order).
fn totals(baseline: &Baseline, t: &Tally) -> Vec<PartyTotal> {
    let before = baseline.seat_counts();
    let after: [i64; N_PARTIES] = std::array::from_fn(|i| i64::from(before[i]) + t.net(Party::from_index(i)));
    let mut rows: Vec<PartyTotal> = Party::all()
        .filter(|p| before[p.index()] > 0 || after[p.index()] > 0)
        .map(|p| PartyTotal {
            party: p.code().into(),
            baseline_seats: before[p.index()],
            seats: after[p.index()] as u32,
            gains: t.gains[p.index()],
            losses: t.losses[p.index()],
            net: t.net(p),
        })
        .collect();
    rows.sort_by_key(|r| std::cmp::Reverse(r.seats));
    rows
}
