//! The scenario's targets: baseline, swing model, scope, held parties, shares, regions and lineages.

use super::super::raw::RawScenario;
use super::super::rules;
use super::super::{Model, Scenario, Scope};
use super::check::area_key;
use super::ctx::{At, Ctx, Val, locate_header, parse_party};
use super::merge::Given;
use crate::error::InputError;

/// Sets the baseline, model, STM threshold and scope.
pub(super) fn model(cx: &Ctx, raw: &RawScenario, given: &Given, s: &mut Scenario) -> Result<(), InputError> {
    match &given.baseline {
        Some(b) => s.baseline = b.v.clone(),
        None if cx.text.is_empty() => {}
        None => {
            return Err(InputError::new(
                cx.file,
                "missing key: expected a baseline name (e.g. \"ge2019\") or CSV path",
            )
            .field("baseline"));
        }
    }
    if let Some(m) = &given.model {
        s.model = cx.rule(m, "model", |code| {
            Model::from_code(code)
                .ok_or_else(|| format!("unknown model '{code}', expected uns, proportional, stm or hybrid"))
        })?;
    }
    if let Some(t) = &raw.stm_threshold {
        s.stm_threshold = cx.spanned(t, "stm_threshold", |&v| {
            if v > 0.0 && v <= 1.0 { Ok(v) } else { Err(format!("is {v}: expected a fraction in (0, 1]")) }
        })?;
    }
    if let Some(sc) = &given.scope {
        s.scope = cx.rule(sc, "scope", |code| match code.to_ascii_lowercase().as_str() {
            "gb" => Ok(Scope::Gb),
            "england" => Ok(Scope::England),
            other => Err(format!("unknown scope '{other}', expected gb or england")),
        })?;
    }
    Ok(())
}

/// Sets the held parties, the parties standing everywhere, the national shares, the regions and the lineages.
/// Returns where each area table given by a flag came from, keyed `regions.NAME` as the scenario's checks name it.
pub(super) fn targets(
    cx: &Ctx,
    raw: &RawScenario,
    given: &Given,
    s: &mut Scenario,
) -> Result<Vec<(String, At)>, InputError> {
    if let Some(h) = &given.hold {
        s.hold = cx.parties(h, "hold")?;
    }
    if let Some(list) = &given.stands_everywhere {
        s.stands_everywhere = cx.parties(list, "stands_everywhere")?;
    }
    if let Some(table) = &given.shares {
        s.shares = cx.shares(table, "shares")?;
    }
    let mut flagged = Vec::new();
    for t in &given.areas {
        let field = format!("regions.{}", t.key.v);
        let area = cx.rule(&t.key, &field, |k| rules::area(k, t.kind)).map_err(|e| match t.table.is_empty() {
            true => locate_header(e, cx.text, &t.key.v),
            false => e,
        })?;
        if let At::Flag { .. } = &t.key.at {
            if s.regions.iter().any(|(a, _)| *a == area) {
                return Err(cx.err_at(
                    &t.key.at,
                    &field,
                    format!("'{}' is given twice: expected one table per nation or region", area_key(area)),
                ));
            }
            flagged.push((format!("regions.{}", area_key(area)), t.key.at.clone()));
        }
        s.regions.push((area, cx.shares(&t.table, &field)?));
    }
    for (succ, pred) in raw.lineage.iter().flatten() {
        let field = format!("lineage.{succ}");
        let successor = parse_party(succ).map_err(|m| cx.err(pred.span(), &field, m))?;
        let predecessor = cx.party(&Val::file(pred), &field)?;
        s.lineage.push((successor, predecessor));
    }
    Ok(flagged)
}
