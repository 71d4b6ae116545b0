//! The paths a scenario names (baseline CSV, ward-pair CSV, output folder), resolved against the scenario's folder.

use super::super::Scenario;
use super::super::raw::RawScenario;
use super::ctx::{At, Ctx};
use super::merge::Given;
use crate::error::InputError;
use crate::paths::{looks_like_path, normalise, under};
use crate::shipped::{BASELINES, WARD_PAIRS, name_list};
use std::path::Path;

/// A path written in the scenario file is relative to the file's folder; a path given by a flag is relative to the
/// working directory. A name that is neither shipped nor a path is refused here, naming where it was written.
pub(super) fn resolve(cx: &Ctx, raw: &RawScenario, given: &Given, s: &mut Scenario) -> Result<(), InputError> {
    let dir = Path::new(cx.file).parent().unwrap_or(Path::new(""));
    if let Some(b) = &given.baseline
        && crate::shipped::baseline(&b.v).is_none()
    {
        if !looks_like_path(&b.v) {
            let names = name_list(&BASELINES);
            let message = format!("unknown baseline '{}': expected one of {names} or a path to a CSV file", b.v);
            return Err(cx.err_at(&b.at, "baseline", message));
        }
        if matches!(b.at, At::File(_)) {
            s.baseline = under(dir, &b.v).display().to_string();
        }
    }
    if let (Some(local), Some(raw_pair)) = (s.local.as_mut(), raw.local.as_ref().and_then(|l| l.pair.as_ref()))
        && crate::shipped::ward_pair(&local.pair).is_none()
    {
        if !looks_like_path(&local.pair) {
            let message = format!(
                "unknown shipped pair '{}': expected one of {} or a path to a ward-pair CSV",
                local.pair,
                name_list(&WARD_PAIRS)
            );
            return Err(cx.err(raw_pair.span(), "local.pair", message));
        }
        local.pair = under(dir, &local.pair).display().to_string();
    }
    s.output.dir = match &given.out {
        Some((d, true)) => Some(under(dir, &d.display().to_string())),
        Some((d, false)) => Some(normalise(d)),
        None => None,
    };
    Ok(())
}
