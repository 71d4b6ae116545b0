//! The `[swing.covariates]` and `[tactical]` sections, read into the scenario's geography.

use super::super::raw::{RawSwing, RawTactical};
use super::super::rules;
use super::super::{Covariate, CovariateSlopes, Geography, Slope, Tactical, TacticalSpec, Where};
use super::ctx::{Ctx, Val, parse_party};
use crate::error::InputError;

/// Parses `[swing.covariates]` and `[tactical]`; `learned`: `[local] geography = true` learns the slopes and the
/// strength, so the scenario may not also set them.
pub(super) fn parse(
    cx: &Ctx,
    swing: Option<&RawSwing>,
    tactical: Option<&RawTactical>,
    learned: bool,
) -> Result<Geography, InputError> {
    let covariates = match swing {
        Some(sw) => parse_swing(cx, sw)?,
        None => vec![],
    };
    if learned && let Some(c) = covariates.iter().find(|c| !c.slopes.is_empty()) {
        return Err(InputError::new(
            cx.file,
            "[local] geography = true learns the Leave slopes from the ward pair: expected no slopes here as well",
        )
        .field(format!("swing.covariates.{}", c.covariate.code())));
    }
    let tactical = match tactical {
        Some(t) => {
            if learned && let Some(s) = &t.strength {
                return Err(cx.err(
                    s.span(),
                    "tactical.strength",
                    "[local] geography = true learns the strength from the ward pair: expected it left out",
                ));
            }
            Some(parse_tactical(cx, t, learned)?)
        }
        None => None,
    };
    Ok(Geography { covariates, tactical, learned_from: None })
}

/// Parses `[swing.covariates]`.
fn parse_swing(cx: &Ctx, raw: &RawSwing) -> Result<Vec<CovariateSlopes>, InputError> {
    let mut out = Vec::new();
    for (name, slopes) in raw.covariates.iter().flatten() {
        let field = format!("swing.covariates.{name}");
        let covariate = Covariate::from_code(name).ok_or_else(|| {
            let span = slopes.values().next().map(|v| v.span()).unwrap_or(0..0);
            cx.err(span, &field, format!("unknown covariate '{name}', expected leave"))
        })?;
        let mut list: Vec<Slope> = Vec::new();
        for (party, value) in slopes {
            let field = format!("{field}.{party}");
            let p = parse_party(party).map_err(|m| cx.err(value.span(), &field, m))?;
            let b = cx.spanned(value, &field, |&b| rules::slope(b, name))?;
            list.push(Slope { party: p, slope: b, se: 0.0 });
        }
        out.push(CovariateSlopes { covariate, slopes: list });
    }
    Ok(out)
}

/// Parses `[tactical]`. `strength` may be left out only when `[local] geography = true` learns it (`learned`).
fn parse_tactical(cx: &Ctx, raw: &RawTactical, learned: bool) -> Result<Tactical, InputError> {
    let mut spec = TacticalSpec::default();
    if let Some(a) = &raw.against {
        spec.against = cx.party(&Val::file(a), "tactical.against")?;
    }
    if let Some(bloc) = &raw.bloc {
        spec.bloc.clear();
        for b in bloc {
            let p = cx.party(&Val::file(b), "tactical.bloc")?;
            if p == spec.against {
                return Err(cx.err(
                    b.span(),
                    "tactical.bloc",
                    format!("the bloc names '{p}', the party voted against: expected the parties voted for"),
                ));
            }
            if spec.bloc.contains(&p) {
                return Err(cx.err(b.span(), "tactical.bloc", format!("party '{p}' is given twice")));
            }
            spec.bloc.push(p);
        }
        if spec.bloc.len() < 2 {
            let span = bloc.first().map(|b| b.span()).unwrap_or(0..0);
            return Err(cx.err(span, "tactical.bloc", "expected at least two parties"));
        }
    } else if spec.bloc.contains(&spec.against) {
        return Err(InputError::new(
            cx.file,
            "the default bloc (lab, ld) contains the party voted against: expected a bloc",
        )
        .field("tactical.bloc"));
    }
    if let Some(w) = &raw.r#where {
        spec.seats = Where::from_code(w.get_ref()).ok_or_else(|| {
            cx.err(w.span(), "tactical.where", format!("unknown '{}', expected first or first_or_second", w.get_ref()))
        })?;
    }
    let strength = match &raw.strength {
        Some(t) => cx.spanned(t, "tactical.strength", |&v| rules::fraction(v))?,
        None if learned => 0.0,
        None => {
            return Err(InputError::new(
                cx.file,
                "missing key: expected the fraction of the weaker bloc parties' vote that moves (0–1), or [local] geography = true to learn it",
            )
            .field("tactical.strength"));
        }
    };
    Ok(Tactical { spec, strength, se: 0.0 })
}
