//! The run's settings: `[simulation]`, `[parliament]` and `[output]`.

use super::super::raw::{RawOutput, RawParliament};
use super::super::rules;
use super::super::{CHART_NAMES, Scenario};
use super::ctx::{Ctx, parse_party};
use super::merge::Given;
use crate::error::InputError;

/// Sets the simulations and the seed.
pub(super) fn simulation(cx: &Ctx, given: &Given, s: &mut Scenario) -> Result<(), InputError> {
    if let Some(n) = &given.sims {
        s.simulation.sims =
            cx.rule(n, "simulation.sims", |&n| rules::count(n, "a number of simulations", rules::MAX_SIMS))?;
    }
    if let Some(seed) = &given.seed {
        s.simulation.seed = Some(cx.rule(seed, "simulation.seed", |&v| rules::seed(v))?);
    }
    Ok(())
}

/// Sets the majority thresholds and the coalitions to report.
pub(super) fn parliament(cx: &Ctx, p: &RawParliament, s: &mut Scenario) -> Result<(), InputError> {
    let seats = |n: &i64| rules::count(i128::from(*n), "a number of seats", u32::MAX as u64).map(|n| n as u32);
    if let Some(m) = &p.majority {
        s.parliament.majority = Some(cx.spanned(m, "parliament.majority", seats)?);
    }
    if let Some(m) = &p.effective_majority {
        s.parliament.effective_majority = Some(cx.spanned(m, "parliament.effective_majority", seats)?);
    }
    for c in p.coalitions.iter().flatten() {
        let mut parties = Vec::new();
        for code in c.get_ref() {
            let party = parse_party(code).map_err(|m| cx.err(c.span(), "parliament.coalitions", m))?;
            if !parties.contains(&party) {
                parties.push(party);
            }
        }
        if parties.len() < 2 {
            return Err(cx.err(c.span(), "parliament.coalitions", "expected a coalition of at least two parties"));
        }
        s.parliament.coalitions.push(parties);
    }
    Ok(())
}

/// Sets the charts' file format, from `--chart-format` or `output.chart_format`.
pub(super) fn chart_format(cx: &Ctx, given: &Given, s: &mut Scenario) -> Result<(), InputError> {
    if let Some(f) = &given.chart_format {
        s.output.chart_format = cx.rule(f, "output.chart_format", |f| rules::chart_format(f))?;
    }
    Ok(())
}

/// Sets the charts and their size (the directory comes from `--out` or `output.dir`, merged before).
pub(super) fn output(cx: &Ctx, o: &RawOutput, s: &mut Scenario) -> Result<(), InputError> {
    if let Some(c) = &o.charts {
        s.output.charts =
            cx.spanned(c, "output.charts", |names| match names.iter().find(|n| !CHART_NAMES.contains(&n.as_str())) {
                Some(name) => Err(format!("unknown chart '{name}', expected one of {}", CHART_NAMES.join(", "))),
                None => Ok(names.clone()),
            })?;
    }
    if let Some(w) = &o.width {
        s.output.width = cx.spanned(w, "output.width", |&x| rules::chart_size(x))?;
    }
    if let Some(h) = &o.height {
        s.output.height = cx.spanned(h, "output.height", |&x| rules::chart_size(x))?;
    }
    Ok(())
}
