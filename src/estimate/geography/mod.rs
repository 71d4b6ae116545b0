//! The seat model's geography learned from a ward pair: Leave slopes by party and the tactical strength (`docs/estimate.md`).

mod fit;
mod spec;
mod wls;

pub use spec::{check_spec, parse_spec};
pub use wls::{Fit, wls_clustered};

use super::lookup::{Council, Councils};
use super::wards::{self, WardFile};
use crate::error::InputError;
use crate::party::Party;
use crate::scenario::{Covariate, CovariateSlopes, Geography, Slope, Tactical, TacticalSpec};
use fit::{fit_slope, fit_tactical};
use serde::Serialize;
use std::path::Path;

/// The parties whose Leave slope is learned, in output order.
pub const SLOPE_PARTIES: [Party; 5] = [Party::CON, Party::LAB, Party::LD, Party::GREEN, Party::REFORM];

/// Smallest sample a slope is learned from: wards and councils.
pub const MIN_WARDS: usize = 30;
pub const MIN_COUNCILS: usize = 10;
/// Smallest number of treated wards the tactical strength is learned from.
pub const MIN_TREATED: usize = 10;

/// One party's Leave slope: points of change per point of council Leave share, with its clustered standard error.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SlopeEstimate {
    pub party: Party,
    pub slope: f64,
    pub se: f64,
    pub wards: usize,
    pub councils: usize,
}

/// The tactical strength `t`: the extra fraction of its earlier share the weaker bloc party lost where the targeted
/// party led (before clamping to 0–1), with its clustered standard error.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TacticalEstimate {
    pub spec: TacticalSpec,
    pub strength: f64,
    pub se: f64,
    pub wards: usize,
    pub treated: usize,
    pub councils: usize,
}

/// Everything learned from one ward pair.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Learned {
    /// The pair (`2021-2024`), or the file name when it has no `pair` column.
    pub pair: String,
    /// Where the wards came from.
    pub source: String,
    pub slopes: Vec<SlopeEstimate>,
    pub tactical: TacticalEstimate,
    pub notes: Vec<String>,
}

impl Learned {
    /// The learned values as a scenario geography: Leave slopes and the strength clamped to 0–1.
    pub fn geography(&self) -> Geography {
        let slopes = self.slopes.iter().map(|s| Slope { party: s.party, slope: s.slope, se: s.se }).collect();
        let t = &self.tactical;
        Geography {
            covariates: vec![CovariateSlopes { covariate: Covariate::Leave, slopes }],
            tactical: Some(Tactical { spec: t.spec.clone(), strength: t.strength.clamp(0.0, 1.0), se: t.se }),
            learned_from: Some(self.pair.clone()),
        }
    }
}

/// Learns from a shipped pair (`2021-2024`) or, if `source` is not one, a ward-pair file.
pub fn learn_source(source: &str, spec: &TacticalSpec) -> Result<Learned, InputError> {
    let file = match wards::shipped_label(source) {
        Some(label) => wards::shipped(label)?,
        None => wards::read(Path::new(source))?,
    };
    learn(&file, spec)
}

/// Learns the Leave slopes and the tactical strength from a parsed ward-pair file.
pub fn learn(file: &WardFile, spec: &TacticalSpec) -> Result<Learned, InputError> {
    let err = |m: String| InputError::new(&file.file, m).field("geography");
    check_spec(spec).map_err(|(_, m)| err(m))?;
    let councils = resolve_councils(file)?;
    let mut notes = Vec::new();
    let mut slopes = Vec::new();
    for p in SLOPE_PARTIES {
        match fit_slope(file, &councils, p).map_err(&err)? {
            Ok(s) => slopes.push(s),
            Err(why) if p == Party::CON => {
                return Err(err(format!("cannot learn the con Leave slope: {why}; expected a larger ward pair")));
            }
            Err(why) => notes.push(format!("{p}: no Leave slope ({why})")),
        }
    }
    let tactical = fit_tactical(file, &councils, spec).map_err(&err)?;
    if tactical.strength < 0.0 || tactical.strength > 1.0 {
        notes.push(format!("t = {:.3} is outside 0–1: the scenario geography uses it clamped", tactical.strength));
    }
    if slopes.iter().any(|s| s.party == Party::REFORM) {
        notes.push("reform = reform + ukip columns; its earlier share counts as 0 where it did not stand".into());
    }
    Ok(Learned {
        pair: file.pair.clone().unwrap_or_else(|| file.file.clone()),
        source: file.file.clone(),
        slopes,
        tactical,
        notes,
    })
}

/// The council of every ward (an English council of the shipped table, else an error naming the line).
fn resolve_councils(file: &WardFile) -> Result<Vec<&'static Council>, InputError> {
    let table = Councils::shipped();
    file.wards.iter().map(|w| table.of_ward(file, w)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_2021_2024_with_the_expected_signs() {
        let l = learn(&wards::shipped("2021-2024").unwrap(), &TacticalSpec::default()).unwrap();
        let slope = |p| l.slopes.iter().find(|s| s.party == p).unwrap();
        assert!(slope(Party::CON).slope < -0.2 && slope(Party::LAB).slope > 0.2 && slope(Party::REFORM).slope > 0.0);
        assert_eq!(l.slopes.len(), 5);
        assert!(l.tactical.strength > 0.0 && l.tactical.treated >= MIN_TREATED);
        let g = l.geography();
        assert_eq!(g.learned_from.as_deref(), Some("2021-2024"));
        assert!(g.slope(Covariate::Leave, Party::LAB).is_some());
        assert!((0.0..=1.0).contains(&g.tactical.unwrap().strength));
    }
}
