//! Backtests: project a later election from an earlier one with its actual shares, and score each model seat by seat.

pub mod case;
pub mod pair;
pub mod pooled;
pub mod prob;
pub mod scores;
pub mod simulation;

pub use case::{Case, SwingBy};
pub use pair::{Lineage, Pair};
pub use pooled::Pooled;
pub use scores::Scores;
pub use simulation::Simulation;

use crate::error::InputError;
use crate::geo::Nation;
use crate::party::Party;
use crate::report::{AreaReport, seat_map, share_map};
use crate::scenario::{Geography, Model};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// The shipped pairs of consecutive elections on the same boundaries (2019 → 2024 through the notional 2019).
pub const PAIRS: [(&str, &str); 4] =
    [("ge2010", "ge2015"), ("ge2015", "ge2017"), ("ge2017", "ge2019"), ("ge2019n", "ge2024")];

/// Under [`Stands::Auto`], a party takes the swing in seats it did not contest at the baseline when it contested at
/// least this fraction of the compared seats at the later election (known from the nominations before polling day).
pub const STANDS_AUTO_FRACTION: f64 = 0.9;

/// Which parties take the swing in seats they did not contest at the baseline (the scenario's `stands_everywhere`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stands {
    /// Parties that contested at least [`STANDS_AUTO_FRACTION`] of the compared seats at the later election.
    Auto,
    /// These parties (empty: none, the models as they are).
    Parties(Vec<Party>),
}

impl Stands {
    /// The parties for a pair.
    pub fn resolve(&self, pair: &Pair) -> Vec<Party> {
        match self {
            Stands::Auto => pair.contesting(STANDS_AUTO_FRACTION),
            Stands::Parties(list) => {
                // A merged predecessor stands as its series.
                let mut out: Vec<Party> = Vec::new();
                for p in list {
                    let p = if pair.lineage.merged.contains(p) { pair.lineage.series } else { *p };
                    if !out.contains(&p) {
                        out.push(p);
                    }
                }
                out
            }
        }
    }
}

/// What to run for each pair.
#[derive(Clone, Debug)]
pub struct Options {
    pub models: Vec<Model>,
    pub levels: Vec<SwingBy>,
    pub stands: Stands,
    /// Simulations for the probabilistic scores; `None`: deterministic scores only.
    pub simulation: Option<Simulation>,
    /// Covariate slopes and tactical voting given to every case (given by hand or learned from a ward pair).
    pub geography: Geography,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            models: Model::ALL.to_vec(),
            levels: SwingBy::ALL.to_vec(),
            stands: Stands::Auto,
            simulation: None,
            geography: Geography::default(),
        }
    }
}

/// The rules a backtest follows, stated in every report.
#[derive(Clone, Debug, Serialize)]
pub struct Rules {
    pub seats: &'static str,
    pub shares: &'static str,
    pub lineage: &'static str,
    pub independents: &'static str,
    pub stands: String,
    pub share_mae: &'static str,
}

impl Rules {
    pub fn new(stands: &Stands) -> Rules {
        Rules {
            seats: "Great Britain seats matched on ONS code; Northern Ireland (no swing model projects it) and \
                any seat held by the Speaker at either election are left out, on both sides",
            shares: "the later election's actual vote shares over the compared seats (vote-weighted; by GB, \
                nation or region), every party named, nothing held",
            lineage: "UKIP, the Brexit Party and Reform UK are one series on both sides, kept in the column of \
                whichever polled most at the later election",
            independents: "kept as they are in the data on both sides: `ind` (the strongest independent in \
                each seat) and `other` (everyone else) swing like parties, and seats they win are compared \
                like any other",
            stands: match stands {
                Stands::Auto => format!(
                    "parties that contested at least {:.0}% of the compared seats at the later election take \
                        the swing where they did not stand at the baseline",
                    STANDS_AUTO_FRACTION * 100.0
                ),
                Stands::Parties(p) if p.is_empty() => {
                    "no party takes the swing where it did not stand at the baseline".into()
                }
                Stands::Parties(p) => format!(
                    "{} take the swing where they did not stand at the baseline",
                    p.iter().map(|p| p.code()).collect::<Vec<_>>().join(", ")
                ),
            },
            share_mae: "mean over seats of |predicted − actual share| in points, for Con, Lab, LD, Green and \
                the UKIP/Brexit/Reform series in every seat, the SNP in Scotland and Plaid Cymru in Wales",
        }
    }
}

/// A whole backtest: one or more pairs, each with its cases.
#[derive(Debug, Serialize)]
pub struct Backtest {
    pub rules: Rules,
    /// With `--sims`: the settings and uncertainty of the simulations.
    pub simulation: Option<Simulation>,
    pub pairs: Vec<PairReport>,
    /// With `--sims`: coverage and calibration pooled over every case.
    pub pooled: Option<Pooled>,
    /// Covariate slopes and tactical voting given to every case (`--leave-slope`, `--tactical`, `--locals`).
    pub geography: Option<Geography>,
}

/// One seat of a pair: what it was and what really happened.
#[derive(Clone, Debug, Serialize)]
pub struct SeatActual {
    pub code: String,
    pub name: String,
    pub region: String,
    pub nation: Nation,
    pub baseline_winner: Party,
    pub actual_winner: Party,
    /// Actual shares, percent (lineage merged).
    pub actual_shares: BTreeMap<String, f64>,
}

/// One seat of a case: the model's call.
#[derive(Clone, Debug, Serialize)]
pub struct SeatPrediction {
    pub code: String,
    pub winner: Party,
    pub correct: bool,
    /// Projected shares, percent.
    pub shares: BTreeMap<String, f64>,
    /// With `--sims`: the simulated win probability of every party that won in at least one simulation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p_win: Option<BTreeMap<String, f64>>,
}

/// One model at one swing level.
#[derive(Debug, Serialize)]
pub struct CaseReport {
    pub model: Model,
    pub swing_by: SwingBy,
    /// Per area: baseline shares E and the actual shares P given to the model.
    pub areas: Vec<AreaReport>,
    pub notes: Vec<String>,
    pub scores: Scores,
    /// Per seat, in the order of the pair's `seats`.
    pub seats: Vec<SeatPrediction>,
}

/// One pair of elections.
#[derive(Debug, Serialize)]
pub struct PairReport {
    pub from: String,
    pub to: String,
    pub seats_compared: usize,
    pub excluded_northern_ireland: usize,
    pub excluded_speaker: Vec<pair::ExcludedSeat>,
    /// Seats whose winner changed between the elections.
    pub changed_hands: usize,
    pub lineage: Lineage,
    pub stands_everywhere: Vec<Party>,
    /// Seats per party at the earlier election, over the compared seats.
    pub baseline_seats: BTreeMap<String, u32>,
    /// Seats per party at the later election, over the compared seats.
    pub actual_seats: BTreeMap<String, u32>,
    /// Actual shares over the compared seats, percent.
    pub actual_shares: BTreeMap<String, f64>,
    pub cases: Vec<CaseReport>,
    pub seats: Vec<SeatActual>,
}

/// Runs every case of one pair.
/// `on_case` is called as each case finishes (for a progress bar).
pub fn run_pair(pair: &Pair, options: &Options, on_case: &(dyn Fn() + Sync)) -> Result<PairReport, InputError> {
    let stands = options.stands.resolve(pair);
    // Cases run in parallel (each simulation is itself split into chunks): results depend on the seed only.
    let grid: Vec<(Model, SwingBy)> =
        options.models.iter().flat_map(|&m| options.levels.iter().map(move |&l| (m, l))).collect();
    let cases = grid
        .into_par_iter()
        .map(|(model, swing_by)| {
            let case = run_case(pair, options, &stands, model, swing_by);
            on_case();
            case
        })
        .collect::<Result<Vec<CaseReport>, InputError>>()?;
    let seats = pair
        .base
        .seats
        .iter()
        .zip(&pair.actual.seats)
        .map(|(b, a)| SeatActual {
            code: b.code.clone(),
            name: b.name.clone(),
            region: b.region.name().to_string(),
            nation: b.nation,
            baseline_winner: b.winner,
            actual_winner: a.winner,
            actual_shares: share_map(&a.shares),
        })
        .collect();
    Ok(PairReport {
        from: pair.from.clone(),
        to: pair.to.clone(),
        seats_compared: pair.len(),
        excluded_northern_ireland: pair.excluded_ni,
        excluded_speaker: pair.excluded_speaker.clone(),
        changed_hands: pair.changed_hands(),
        lineage: pair.lineage.clone(),
        stands_everywhere: stands,
        baseline_seats: seat_map(&pair.base.seat_counts()),
        actual_seats: seat_map(&pair.actual.seat_counts()),
        actual_shares: share_map(&pair.actual.shares_over(|_| true)),
        cases,
        seats,
    })
}

/// One model at one swing level of a pair.
fn run_case(
    pair: &Pair,
    options: &Options,
    stands: &[Party],
    model: Model,
    swing_by: SwingBy,
) -> Result<CaseReport, InputError> {
    let case = Case::with_geography(pair, model, swing_by, stands, &options.geography)?;
    let projection = case.project(pair);
    let mut scores = scores::deterministic(pair, &projection);
    let counts = match &options.simulation {
        Some(sim) => {
            let counts = simulation::simulate_case(pair, &case, &projection, sim)?;
            scores.probabilistic = Some(prob::score(pair, &counts, &projection.winners, sim.seed));
            Some(counts)
        }
        None => None,
    };
    let areas = case.plan.areas.iter().map(AreaReport::new).collect();
    let seats = pair
        .actual
        .seats
        .iter()
        .enumerate()
        .map(|(k, a)| SeatPrediction {
            code: a.code.clone(),
            winner: projection.winners[k],
            correct: projection.winners[k] == a.winner,
            shares: share_map(&projection.shares[k]),
            p_win: counts.as_ref().map(|c| {
                Party::all()
                    .filter(|p| c.wins[k][p.index()] > 0)
                    .map(|p| (p.code().to_string(), prob::prob(c.wins[k][p.index()], c.sims)))
                    .collect()
            }),
        })
        .collect();
    Ok(CaseReport { model, swing_by, areas, notes: case.plan.notes.clone(), scores, seats })
}

/// Loads and runs the given pairs.
pub fn run(pairs: &[(&str, &str)], options: &Options, on_case: &(dyn Fn() + Sync)) -> Result<Backtest, InputError> {
    let mut reports = Vec::with_capacity(pairs.len());
    for (from, to) in pairs {
        let pair = Pair::load(from, to)?;
        reports.push(run_pair(&pair, options, on_case)?);
    }
    let pooled = pooled::pool(&reports);
    let geography = options.geography.is_active().then(|| options.geography.clone());
    Ok(Backtest {
        rules: Rules::new(&options.stands),
        simulation: options.simulation.clone(),
        pairs: reports,
        pooled,
        geography,
    })
}

/// Every shipped pair × model × swing level.
pub fn run_all(options: &Options) -> Result<Backtest, InputError> {
    run(&PAIRS, options, &|| {})
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shipped::{BASELINES, names};

    /// An election backtested against itself calls every seat correctly under each model, level and stands rule.
    #[test]
    fn every_election_against_itself_is_perfect() {
        for name in names(&BASELINES) {
            let pair = Pair::load(name, name).unwrap();
            for stands in [Stands::Auto, Stands::Parties(vec![])] {
                let options = Options { stands, ..Options::default() };
                let report = run_pair(&pair, &options, &|| {}).unwrap();
                assert_eq!(report.cases.len(), Model::ALL.len() * SwingBy::ALL.len());
                assert_eq!(report.changed_hands, 0);
                for case in &report.cases {
                    let s = &case.scores;
                    assert_eq!(s.wrong, 0, "{name} {:?} {:?}: {:?}", case.model, case.swing_by, s.misses.first());
                    assert_eq!(s.seat_total_error, 0);
                    assert!(s.share_mae < 1e-9, "{name} {:?} {:?}: {}", case.model, case.swing_by, s.share_mae);
                }
            }
        }
    }

    #[test]
    fn every_shipped_pair_runs_and_sums() {
        let all = run_all(&Options::default()).unwrap();
        assert_eq!(all.pairs.len(), 4);
        for p in &all.pairs {
            assert_eq!(p.actual_seats.values().sum::<u32>() as usize, p.seats_compared);
            assert_eq!(p.baseline_seats.values().sum::<u32>() as usize, p.seats_compared);
            for c in &p.cases {
                let predicted: u32 = c.scores.parties.iter().map(|x| x.predicted_seats).sum();
                let actual: u32 = c.scores.parties.iter().map(|x| x.actual_seats).sum();
                assert_eq!(predicted as usize, p.seats_compared);
                assert_eq!(actual as usize, p.seats_compared);
                assert_eq!(c.seats.len(), p.seats_compared);
            }
        }
    }

    #[test]
    fn stands_map_predecessors_onto_the_series() {
        let pair = Pair::load("ge2019n", "ge2024").unwrap();
        let s = Stands::Parties(vec![Party::UKIP, Party::GREEN, Party::BREXIT]).resolve(&pair);
        assert_eq!(s, vec![Party::REFORM, Party::GREEN]);
    }
}
