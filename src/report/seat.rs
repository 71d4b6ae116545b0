//! The report of `pns seat`: one constituency's baseline result, its central projection and, with a run, its odds.

use super::changes::{FIGURE, RunInfo};
use crate::baseline::Constituency;
use crate::party::{Party, PartyVec};
use crate::report::share_map;
use crate::round::{pct, round6};
use crate::scenario::{Model, Scenario, Scope};
use crate::seats::Margin;
use crate::summary::SeatSummary;
use serde::Serialize;
use std::collections::BTreeMap;

/// A seat's contest: winner, runner-up, majority and shares.
#[derive(Serialize, Debug)]
pub struct Contest {
    pub winner: String,
    /// `null` when nobody else has a vote.
    pub runner_up: Option<String>,
    /// Percentage points.
    pub majority_points: f64,
    /// Votes (at the baseline's turnout for a projection), to the nearest vote.
    pub majority_votes: u64,
    /// Two-party swing from the winner to the runner-up that would make them level (half the majority), points.
    pub swing_to_undo: f64,
    /// Percent, every party with a share.
    pub shares: BTreeMap<String, f64>,
}

impl Contest {
    fn new(shares: &PartyVec, incumbent: Party, valid_votes: f64) -> Contest {
        let m = Margin::of(shares, incumbent, valid_votes);
        Contest {
            winner: m.winner.code().into(),
            runner_up: m.runner_up.map(|p| p.code().into()),
            majority_points: round6(m.points),
            majority_votes: m.votes.round() as u64,
            swing_to_undo: round6(m.swing_to_undo()),
            shares: share_map(shares),
        }
    }
}

/// One party's line: baseline votes and share, projected share and change, P(win).
#[derive(Serialize, Debug)]
pub struct PartyLine {
    pub party: String,
    pub name: String,
    pub baseline_votes: u64,
    /// Percent.
    pub baseline_share: f64,
    /// Percent (`null` without a scenario).
    pub projected_share: Option<f64>,
    /// Projected less baseline share, points (`null` without a scenario).
    pub change: Option<f64>,
    /// With a run: P(win), 0 for a party that never won a simulation.
    pub p_win: Option<f64>,
}

/// What the run says of the seat.
#[derive(Serialize, Debug)]
pub struct SeatRun {
    #[serde(flatten)]
    pub run: RunInfo,
    /// safe, likely, lean, tossup; fixed for a seat not simulated.
    pub rating: String,
    /// The party winning most often.
    pub favourite: String,
}

/// Everything `pns seat` reports.
#[derive(Serialize, Debug)]
pub struct SeatReport {
    /// The central (deterministic) projection.
    pub figure: &'static str,
    pub scenario: String,
    pub baseline: String,
    pub model: Model,
    pub scope: Scope,
    pub code: String,
    pub name: String,
    pub region: String,
    pub nation: String,
    pub electorate: u64,
    pub valid_votes: u64,
    /// The baseline result.
    pub baseline_result: Contest,
    /// The projected result (`null` with no scenario and no shares: the baseline alone).
    pub projected: Option<Contest>,
    /// Whether the projected winner differs from the baseline's.
    pub changes_hands: bool,
    /// Whether a swing model moved the seat (false: Northern Ireland, the Speaker's seat, outside the scope).
    pub moved: bool,
    /// Every party with a vote at the baseline, a projected share or a chance, by projected share (else baseline).
    pub parties: Vec<PartyLine>,
    /// With `--run`: the run, the rating and the favourite (P(win) is in `parties`).
    pub run: Option<SeatRun>,
}

/// The projection of the seat beside its baseline: `None` for the baseline alone.
pub struct Projected<'a> {
    pub shares: &'a PartyVec,
    pub winner: Party,
    pub moved: bool,
}

impl SeatReport {
    /// The report of seat `c` of `baseline_name` under `scenario`.
    pub fn build(
        c: &Constituency,
        baseline_name: &str,
        scenario: &Scenario,
        projected: Option<Projected>,
        run: Option<(RunInfo, &SeatSummary)>,
    ) -> SeatReport {
        let p_win = |p: Party| run.as_ref().map(|(_, s)| s.p_win.get(p.code()).copied().unwrap_or(0.0));
        let mut lines: Vec<(f64, PartyLine)> = Party::all()
            .filter(|p| {
                let i = p.index();
                c.votes[i] > 0.0
                    || projected.as_ref().is_some_and(|x| x.shares[i] > 0.0)
                    || p_win(*p).is_some_and(|w| w > 0.0)
            })
            .map(|p| {
                let i = p.index();
                let now = projected.as_ref().map(|x| x.shares[i]);
                let line = PartyLine {
                    party: p.code().into(),
                    name: p.name().into(),
                    baseline_votes: c.votes[i].round() as u64,
                    baseline_share: pct(c.shares[i]),
                    projected_share: now.map(pct),
                    change: now.map(|s| round6((s - c.shares[i]) * 100.0)),
                    p_win: p_win(p),
                };
                (now.unwrap_or(c.shares[i]), line)
            })
            .collect();
        lines.sort_by(|a, b| b.0.total_cmp(&a.0));
        SeatReport {
            figure: FIGURE,
            scenario: scenario.name.clone(),
            baseline: baseline_name.into(),
            model: scenario.model,
            scope: scenario.scope,
            code: c.code.clone(),
            name: c.name.clone(),
            region: c.region.name().into(),
            nation: c.nation.name().into(),
            electorate: c.electorate,
            valid_votes: c.valid_votes.round() as u64,
            baseline_result: Contest::new(&c.shares, c.winner, c.valid_votes),
            changes_hands: projected.as_ref().is_some_and(|x| x.winner != c.winner),
            moved: projected.as_ref().is_some_and(|x| x.moved),
            projected: projected.as_ref().map(|x| Contest::new(x.shares, c.winner, c.valid_votes)),
            parties: lines.into_iter().map(|(_, l)| l).collect(),
            run: run.map(|(run, s)| SeatRun { run, rating: s.rating.clone(), favourite: s.favourite.clone() }),
        }
    }
}
