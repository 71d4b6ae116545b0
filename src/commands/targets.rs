//! `pns targets`: a party's target seats (or, `--defend`, the seats it holds), as a table, JSON or CSV.

use super::{missed_targets, overrides, scenario_with_local};
use crate::cli::{Format, TargetsArgs};
use crate::error::InputError;
use crate::output::emit;
use crate::output::finite::ensure;
use crate::party::Party;
use crate::project::{Plan, load_baseline, project};
use crate::render::{csv, json, table};
use crate::scenario::rules::{MAX_SEATS, count_flag};

pub fn run(args: &TargetsArgs) -> anyhow::Result<()> {
    let (party, top) = options(args)?;
    let (scenario, _) = scenario_with_local(&args.input, &overrides(&args.input), false)?;
    let baseline = load_baseline(&scenario)?;
    let plan = Plan::new(&baseline, &scenario, &scenario.file_label()).map_err(|e| scenario.locate(e))?;
    for note in &plan.notes {
        eprintln!("note: {note}");
    }
    let central = project(&baseline, &plan);
    missed_targets(&baseline, &plan, &central, false);
    let list = crate::seats::targets::targets(&baseline, &scenario, &plan, &central, party, args.defend, top);
    ensure(&list, &scenario.file_label(), "the target list")?;
    match args.format {
        Format::Table => emit(&table::targets::render(&list))?,
        Format::Json => emit(&json::pretty(&list)?)?,
        Format::Csv => emit(&csv::targets::render(&list)?)?,
    }
    Ok(())
}

/// The party and the number of seats, checked before anything is read.
pub fn options(args: &TargetsArgs) -> Result<(Party, usize), InputError> {
    let party = crate::scenario::parse_party(&args.party).map_err(|m| InputError::new("--party", m))?;
    let top = count_flag("--top", args.top, "a number of seats", MAX_SEATS)?;
    Ok((party, top as usize))
}
