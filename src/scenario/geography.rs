//! The swing's geography as a scenario states it: covariate slopes (`[swing.covariates]`) and tactical voting.

use crate::party::Party;
use serde::Serialize;

/// A constituency characteristic that moves a party's change seat by seat.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Covariate {
    /// The 2016 EU referendum Leave share (Hanretty's constituency estimates, shipped for both boundary sets).
    Leave,
}

impl Covariate {
    pub const ALL: [Covariate; 1] = [Covariate::Leave];

    pub fn code(self) -> &'static str {
        match self {
            Covariate::Leave => "leave",
        }
    }

    pub fn from_code(s: &str) -> Option<Covariate> {
        Covariate::ALL.into_iter().find(|c| c.code().eq_ignore_ascii_case(s.trim()))
    }
}

/// One party's slope on a covariate: points of change per point of the covariate, with its standard error (0 when
/// the scenario fixes it; learned slopes carry theirs, and a run draws them per simulation).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Slope {
    pub party: Party,
    pub slope: f64,
    pub se: f64,
}

/// The slopes of every party on one covariate.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CovariateSlopes {
    pub covariate: Covariate,
    pub slopes: Vec<Slope>,
}

/// The seats where tactical voting applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Where {
    /// Seats the targeted party led at the baseline.
    First,
    /// Seats where the targeted party was first or second at the baseline.
    FirstOrSecond,
}

impl Where {
    pub fn code(self) -> &'static str {
        match self {
            Where::First => "first",
            Where::FirstOrSecond => "first_or_second",
        }
    }

    pub fn from_code(s: &str) -> Option<Where> {
        [Where::First, Where::FirstOrSecond].into_iter().find(|w| w.code().eq_ignore_ascii_case(s.trim()))
    }
}

/// Which voters act tactically: against one party, for the strongest of a bloc, in some seats.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TacticalSpec {
    pub against: Party,
    pub bloc: Vec<Party>,
    #[serde(rename = "where")]
    pub seats: Where,
}

impl Default for TacticalSpec {
    /// Anti-Conservative voting between Labour and the Liberal Democrats where the Conservatives led.
    fn default() -> Self {
        TacticalSpec { against: Party::CON, bloc: vec![Party::LAB, Party::LD], seats: Where::First }
    }
}

/// Tactical voting: in the seats `spec` selects, a fraction `strength` of each weaker bloc party's projected share
/// moves to the strongest bloc party there (`se` as for [`Slope`]).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Tactical {
    #[serde(flatten)]
    pub spec: TacticalSpec,
    pub strength: f64,
    pub se: f64,
}

/// Covariate slopes and tactical voting: what moves a seat beyond its area's change.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Geography {
    pub covariates: Vec<CovariateSlopes>,
    pub tactical: Option<Tactical>,
    /// The ward pair the values were learned from (`[local] geography = true`), if they were.
    pub learned_from: Option<String>,
}

impl Geography {
    /// Whether anything moves a seat beyond its area's change (a slope or a strength that is not zero).
    pub fn is_active(&self) -> bool {
        let slopes = self.covariates.iter().flat_map(|c| &c.slopes).any(|s| s.slope != 0.0 || s.se > 0.0);
        let tactical = self.tactical.as_ref().is_some_and(|t| t.strength > 0.0 || t.se > 0.0);
        slopes || tactical
    }

    /// One line for reports: `Leave slopes con -0.372 (se 0.064), …; tactical voting against con, …`.
    pub fn describe(&self) -> String {
        let se = |v: f64| if v > 0.0 { format!(" (se {v:.3})") } else { String::new() };
        let mut parts: Vec<String> = self
            .covariates
            .iter()
            .filter(|c| !c.slopes.is_empty())
            .map(|c| {
                let list: Vec<String> =
                    c.slopes.iter().map(|s| format!("{} {:+.3}{}", s.party, s.slope, se(s.se))).collect();
                format!("{} slopes {}", c.covariate.code(), list.join(", "))
            })
            .collect();
        if let Some(t) = &self.tactical {
            let bloc: Vec<&str> = t.spec.bloc.iter().map(|p| p.code()).collect();
            parts.push(format!(
                "tactical voting against {} to the strongest of {} where {} was {}: strength {:.3}{}",
                t.spec.against,
                bloc.join("/"),
                t.spec.against,
                match t.spec.seats {
                    Where::First => "first",
                    Where::FirstOrSecond => "first or second",
                },
                t.strength,
                se(t.se)
            ));
        }
        if let Some(pair) = &self.learned_from {
            parts.push(format!("learned from the {pair} ward pair"));
        }
        parts.join("; ")
    }

    /// The slope of `party` on `covariate` (0 when not given).
    pub fn slope(&self, covariate: Covariate, party: Party) -> Option<&Slope> {
        self.covariates.iter().filter(|c| c.covariate == covariate).flat_map(|c| &c.slopes).find(|s| s.party == party)
    }
}
