//! The `[uncertainty]` section: a preset and the σ and correlations that override it.

use super::super::raw::RawUncertainty;
use super::super::rules;
use super::super::{Preset, Uncertainty};
use super::ctx::{Ctx, Val, file_table, parse_party};
use crate::error::InputError;

/// The uncertainty: the preset (`--preset`, else `uncertainty.preset`, else what-if) with the `[uncertainty]`
/// section's overrides.
pub(super) fn uncertainty(
    cx: &Ctx,
    u: Option<&RawUncertainty>,
    preset: Option<&Val<String>>,
) -> Result<Uncertainty, InputError> {
    let preset = match preset {
        None => Preset::WhatIf,
        Some(p) => cx.rule(p, "uncertainty.preset", |name| match name.to_ascii_lowercase().as_str() {
            "what-if" | "whatif" | "what_if" => Ok(Preset::WhatIf),
            "forecast" => Ok(Preset::Forecast),
            other => Err(format!("unknown preset '{other}', expected what-if or forecast")),
        })?,
    };
    let mut unc = Uncertainty::preset(preset);
    let Some(u) = u else {
        return Ok(unc);
    };
    let sigma = |v: &toml::Spanned<f64>, field: &str| cx.spanned(v, field, |x| rules::sigma(*x));
    if let Some(v) = &u.national_sigma {
        unc.national_sigma = sigma(v, "uncertainty.national_sigma")?;
    }
    if let Some(m) = &u.national_sigma_party {
        unc.national_sigma_party = cx.sigmas(&file_table(m), "uncertainty.national_sigma_party")?;
    }
    if let Some(m) = &u.correlations {
        unc.correlations = correlations(cx, m)?;
    }
    if let Some(v) = &u.regional_sigma {
        unc.regional_sigma = sigma(v, "uncertainty.regional_sigma")?;
    }
    if let Some(m) = &u.regional_sigma_party {
        unc.regional_sigma_party = cx.sigmas(&file_table(m), "uncertainty.regional_sigma_party")?;
    }
    if let Some(v) = &u.constituency_scale {
        unc.constituency_scale = sigma(v, "uncertainty.constituency_scale")?;
    }
    if let Some(v) = &u.constituency_floor {
        unc.constituency_floor = sigma(v, "uncertainty.constituency_floor")?;
    }
    Ok(unc)
}

/// `"con-lab" = ρ` entries: two different known parties and a correlation.
fn correlations(
    cx: &Ctx,
    map: &std::collections::BTreeMap<String, toml::Spanned<f64>>,
) -> Result<Vec<(crate::party::Party, crate::party::Party, f64)>, InputError> {
    let mut out = Vec::new();
    for (key, value) in map {
        let field = format!("uncertainty.correlations.{key}");
        let err = |m: String| cx.err(value.span(), &field, m);
        let (a, b) =
            key.split_once('-').ok_or_else(|| err("expected a key naming two parties, like \"con-lab\"".into()))?;
        let pa = parse_party(a).map_err(err)?;
        let pb = parse_party(b).map_err(err)?;
        if pa == pb {
            return Err(err("expected two different parties".into()));
        }
        if out.iter().any(|&(x, y, _)| (x, y) == (pa, pb) || (x, y) == (pb, pa)) {
            return Err(err(format!("the pair {pa}-{pb} is given twice: expected one correlation per pair")));
        }
        out.push((pa, pb, cx.spanned(value, &field, |r| rules::correlation(*r))?));
    }
    Ok(out)
}
