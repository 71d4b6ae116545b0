//! A run's per-seat P(win) and rating, accepted beside a projection only from a run of the same baseline and scenario.

use crate::baseline::Baseline;
use crate::error::InputError;
use crate::party::PartyVec;
use crate::project::Projection;
use crate::report::share_map;
use crate::scenario::Scenario;
use crate::summary::{SeatSummary, Summary};
use std::path::Path;

/// Reads `DIR/summary.json` with the reader `pns plot` uses (every field checked); errors name the file.
pub fn read(dir: &Path) -> Result<(Summary, String), InputError> {
    let path = dir.join("summary.json");
    let file = path.display().to_string();
    if !dir.is_dir() {
        let m = format!("{}: not a directory: expected the output directory of a `pns run`", dir.display());
        return Err(InputError::new("--run", m));
    }
    let bytes = std::fs::read(&path)
        .map_err(|e| InputError::new(&file, format!("cannot read ({e}): expected the summary.json of a `pns run`")))?;
    Ok((crate::render::chart::read_summary(&bytes, &file)?, file))
}

/// Checks that `summary` (read from `file`) is a run of this projection: the same baseline and seats, the same
/// model, scope and national targets (`national`, fractions), and the same central winner in every seat. The first
/// difference is a one-line error naming the summary's field. On success, each seat's summary in baseline order.
pub fn matched<'a>(
    summary: &'a Summary,
    file: &str,
    baseline: &Baseline,
    scenario: &Scenario,
    national: &PartyVec,
    projection: &Projection,
) -> Result<Vec<&'a SeatSummary>, InputError> {
    let ask = format!("expected a run of the same baseline and scenario ({})", scenario.name);
    let err = |field: String, m: String| Err(InputError::new(file, format!("{m}: {ask}")).field(field));
    if summary.baseline != baseline.name {
        return err("baseline".into(), format!("is '{}', not '{}'", summary.baseline, baseline.name));
    }
    let seats = &summary.constituencies;
    if seats.len() != baseline.seats.len() {
        return err("constituencies".into(), format!("lists {} seats, not {}", seats.len(), baseline.seats.len()));
    }
    if let Some(k) = (0..seats.len()).find(|&k| seats[k].code != baseline.seats[k].code) {
        let m = format!("is '{}', not '{}'", seats[k].code, baseline.seats[k].code);
        return err(format!("constituencies[{k}].code"), m);
    }
    if summary.model != scenario.model || summary.scope != scenario.scope {
        let (given, ours) =
            ((summary.model.code(), summary.scope.code()), (scenario.model.code(), scenario.scope.code()));
        return err(
            "model".into(),
            format!("is {} with scope {}, not {} with scope {}", given.0, given.1, ours.0, ours.1),
        );
    }
    let targets = share_map(national);
    let same = targets.len() == summary.national_shares.len()
        && targets.iter().all(|(p, v)| summary.national_shares.get(p).is_some_and(|w| (v - w).abs() <= 1e-6));
    if !same {
        let show = |m: &std::collections::BTreeMap<String, f64>| {
            m.iter().map(|(p, v)| format!("{p} {v}")).collect::<Vec<_>>().join(", ")
        };
        let m = format!("are {{{}}}, not {{{}}}", show(&summary.national_shares), show(&targets));
        return err("national_shares".into(), m);
    }
    if let Some(k) = (0..seats.len()).find(|&k| seats[k].central_winner != projection.winners[k].code()) {
        let m = format!("is {}, where this projection has {}", seats[k].central_winner, projection.winners[k].code());
        return err(format!("constituencies[{k}].central_winner"), m);
    }
    Ok(seats.iter().collect())
}
