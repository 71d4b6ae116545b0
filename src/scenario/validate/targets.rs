//! The scenario's targets: baseline, swing model, scope, held parties, shares, regions and lineages.

use super::super::raw::RawScenario;
use super::super::{Model, Scenario, Scope};
use super::ctx::{Ctx, Val, file_table, locate_header, parse_party};
use super::merge::Given;
use crate::error::InputError;
use crate::geo::Area;

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
pub(super) fn targets(cx: &Ctx, raw: &RawScenario, given: &Given, s: &mut Scenario) -> Result<(), InputError> {
    if let Some(h) = &given.hold {
        s.hold = cx.parties(h, "hold")?;
    }
    if let Some(list) = &raw.stands_everywhere {
        s.stands_everywhere = cx.parties(&list.iter().map(Val::file).collect::<Vec<_>>(), "stands_everywhere")?;
    }
    if let Some(table) = &given.shares {
        s.shares = cx.shares(table, "shares")?;
    }
    for (key, shares) in raw.regions.iter().flatten() {
        let area = Area::from_key(key).ok_or_else(|| {
            let span = shares.values().next().map(|v| v.span()).unwrap_or(0..0);
            let e = cx.err(
                span,
                &format!("regions.{key}"),
                format!("unknown region '{key}', expected one of {}", Area::valid_keys()),
            );
            if shares.is_empty() { locate_header(e, cx.text, key) } else { e }
        })?;
        s.regions.push((area, cx.shares(&file_table(shares), &format!("regions.{key}"))?));
    }
    for (succ, pred) in raw.lineage.iter().flatten() {
        let field = format!("lineage.{succ}");
        let successor = parse_party(succ).map_err(|m| cx.err(pred.span(), &field, m))?;
        let predecessor = cx.party(&Val::file(pred), &field)?;
        s.lineage.push((successor, predecessor));
    }
    Ok(())
}
