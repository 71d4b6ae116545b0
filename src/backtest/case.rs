//! One backtest case: the later election's actual shares as a scenario on the earlier baseline, resolved to a plan.

use super::pair::Pair;
use crate::baseline::Constituency;
use crate::error::InputError;
use crate::geo::{Area, Nation, Region};
use crate::party::{N_PARTIES, Party, PartyVec};
use crate::project::{Plan, Projection, project};
use crate::scenario::{Geography, Model, Scenario};
use serde::Serialize;

/// The level at which the actual shares are given to the model.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SwingBy {
    /// One change over all compared seats in Great Britain.
    Gb,
    /// England, Scotland and Wales each take their own change.
    Nation,
    /// The nine English regions, Scotland and Wales each take their own change.
    Region,
}

impl SwingBy {
    pub const ALL: [SwingBy; 3] = [SwingBy::Gb, SwingBy::Nation, SwingBy::Region];

    pub fn code(self) -> &'static str {
        match self {
            SwingBy::Gb => "gb",
            SwingBy::Nation => "nation",
            SwingBy::Region => "region",
        }
    }

    pub fn from_code(s: &str) -> Option<SwingBy> {
        SwingBy::ALL.into_iter().find(|l| l.code().eq_ignore_ascii_case(s.trim()))
    }

    /// The areas that each get their own shares (empty for GB: one scope-wide change).
    pub fn areas(self) -> Vec<Area> {
        match self {
            SwingBy::Gb => vec![],
            SwingBy::Nation => {
                [Nation::England, Nation::Scotland, Nation::Wales].into_iter().map(Area::Nation).collect()
            }
            SwingBy::Region => {
                Region::ALL.into_iter().filter(|r| r.nation() != Nation::NorthernIreland).map(Area::Region).collect()
            }
        }
    }
}

/// A case resolved against its pair: the scenario a backtest feeds the model, and its plan.
#[derive(Clone, Debug)]
pub struct Case {
    pub model: Model,
    pub swing_by: SwingBy,
    /// The actual shares as a scenario: every party named (nothing held), lineage already merged in the pair.
    pub scenario: Scenario,
    /// The scenario resolved against `pair.base`; [`crate::project::project_with`] takes perturbed targets.
    pub plan: Plan,
}

impl Case {
    /// Builds the case. `stands` are the parties given the swing where they did not stand at the baseline.
    pub fn new(pair: &Pair, model: Model, swing_by: SwingBy, stands: &[Party]) -> Result<Case, InputError> {
        Case::with_geography(pair, model, swing_by, stands, &Geography::default())
    }

    /// [`Case::new`] with covariate slopes and tactical voting; a slope or bloc party of the UKIP → Reform series
    /// is applied to the column the pair keeps it in.
    pub fn with_geography(
        pair: &Pair,
        model: Model,
        swing_by: SwingBy,
        stands: &[Party],
        geography: &Geography,
    ) -> Result<Case, InputError> {
        let label = format!("backtest {} → {}", pair.from, pair.to);
        let mut scenario = Scenario {
            name: format!("{label}, {} by {}", model.code(), swing_by.code()),
            baseline: pair.from.clone(),
            model,
            hold: vec![],
            stands_everywhere: stands.to_vec(),
            lineage: pair.lineage.merged.iter().map(|&p| (pair.lineage.series, p)).collect(),
            geography: series_geography(geography, pair),
            ..Scenario::default()
        };
        let areas = swing_by.areas();
        if areas.is_empty() {
            scenario.shares = actual_shares(pair, |_| true);
        } else {
            scenario.regions = areas.iter().map(|a| (*a, actual_shares(pair, |c| a.contains(c.region)))).collect();
        }
        scenario.check(&label)?;
        let plan = Plan::new(&pair.base, &scenario, &label)?;
        Ok(Case { model, swing_by, scenario, plan })
    }

    /// The deterministic projection of the case.
    pub fn project(&self, pair: &Pair) -> Projection {
        project(&pair.base, &self.plan)
    }
}

/// `geography` with the UKIP → Reform series mapped onto the column the pair keeps it in.
fn series_geography(geography: &Geography, pair: &Pair) -> Geography {
    let series = |p: Party| {
        if [Party::UKIP, Party::BREXIT, Party::REFORM].contains(&p) { pair.lineage.series } else { p }
    };
    let mut g = geography.clone();
    for c in &mut g.covariates {
        c.slopes.iter_mut().for_each(|s| s.party = series(s.party));
    }
    if let Some(t) = &mut g.tactical {
        t.spec.against = series(t.spec.against);
        t.spec.bloc.iter_mut().for_each(|p| *p = series(*p));
    }
    g
}

/// The later election's shares over the compared seats `include` selects (vote-weighted), for every party that
/// polled there at either election: named shares sum to 1, so nothing is held or scaled.
fn actual_shares(pair: &Pair, include: impl Fn(&Constituency) -> bool) -> Vec<(Party, f64)> {
    let later: PartyVec = pair.actual.shares_over(&include);
    let earlier: PartyVec = pair.base.shares_over(&include);
    (0..N_PARTIES).filter(|&i| later[i] > 0.0 || earlier[i] > 0.0).map(|i| (Party::from_index(i), later[i])).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_the_actual_shares() {
        let pair = Pair::load("ge2017", "ge2019").unwrap();
        for swing_by in SwingBy::ALL {
            let case = Case::new(&pair, Model::Uns, swing_by, &[]).unwrap();
            assert_eq!(case.plan.areas.len(), swing_by.areas().len().max(1));
            for a in &case.plan.areas {
                assert!(a.held.iter().all(|h| !h), "nothing is held");
                assert!((a.target.iter().sum::<f64>() - 1.0).abs() < 1e-12);
            }
            assert!(case.plan.seat_area.iter().all(|a| a.is_some()), "every compared seat is projected");
        }
        let gb = Case::new(&pair, Model::Uns, SwingBy::Gb, &[]).unwrap();
        let con = gb.plan.areas[0].target[Party::CON.index()];
        let expected = pair.actual.shares_over(|_| true)[Party::CON.index()];
        assert_eq!(con, expected);
        assert!((con - 0.447).abs() < 0.002, "Con 2019 GB share over the compared seats {con}");
    }
}
