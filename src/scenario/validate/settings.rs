//! The run's settings: `[simulation]`, `[parliament]` and `[output]`.

use super::super::raw::{RawOutput, RawParliament};
use super::super::rules;
use super::super::{CHART_NAMES, Scenario};
use super::ctx::{Ctx, parse_party};
use super::merge::Given;
use crate::error::InputError;
use crate::party::Party;

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

/// Sets the majority thresholds, the coalitions to report (`--coalition`, else the file's) and whether the
/// automatic pairs are added.
pub(super) fn parliament(
    cx: &Ctx,
    p: Option<&RawParliament>,
    given: &Given,
    s: &mut Scenario,
) -> Result<(), InputError> {
    let seats = |n: &i64| rules::count(i128::from(*n), "a number of seats", u32::MAX as u64).map(|n| n as u32);
    if let Some(m) = p.and_then(|p| p.majority.as_ref()) {
        s.parliament.majority = Some(cx.spanned(m, "parliament.majority", seats)?);
    }
    if let Some(m) = p.and_then(|p| p.effective_majority.as_ref()) {
        s.parliament.effective_majority = Some(cx.spanned(m, "parliament.effective_majority", seats)?);
    }
    if let Some(auto) = p.and_then(|p| p.auto_coalitions.as_ref()) {
        s.parliament.auto_coalitions = *auto.get_ref();
    }
    for c in given.coalitions.iter().flatten() {
        s.parliament.coalitions.push(cx.rule(c, "parliament.coalitions", |codes| coalition(codes))?);
    }
    Ok(())
}

/// A coalition: known parties (a repeated one counted once), at least two of them.
pub(super) fn coalition(codes: &[String]) -> Result<Vec<Party>, String> {
    let mut parties = Vec::new();
    for code in codes {
        let party = parse_party(code)?;
        if !parties.contains(&party) {
            parties.push(party);
        }
    }
    if parties.len() < 2 {
        return Err("expected a coalition of at least two parties".into());
    }
    Ok(parties)
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
        s.output.width = cx.spanned(w, "output.width", |&x| rules::chart_width(x))?;
    }
    if let Some(h) = &o.height {
        s.output.height = cx.spanned(h, "output.height", |&x| rules::chart_height(x))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_coalition_is_two_or_more_known_parties() {
        assert_eq!(coalition(&codes(&["lab", "LD", "grn"])), Ok(vec![Party::LAB, Party::LD, Party::GREEN]));
        assert_eq!(coalition(&codes(&["lab", "lab", "ld"])), Ok(vec![Party::LAB, Party::LD]));
        assert_eq!(coalition(&codes(&["lab", "lab"])).unwrap_err(), "expected a coalition of at least two parties");
        assert!(coalition(&codes(&["lab", "whig"])).unwrap_err().starts_with("unknown party 'whig', expected one of"));
        assert!(coalition(&codes(&["lab", ""])).is_err());
    }
}
