//! `pns project`: one deterministic projection, printed as a table, JSON or CSV.

use super::{overrides, scenario_with_local};
use crate::cli::{Format, ProjectArgs};
use crate::output::emit;
use crate::output::finite::ensure;
use crate::project::{Plan, load_baseline, project};
use crate::render::{csv, json, table};
use crate::report::ProjectionReport;

pub fn run(args: &ProjectArgs) -> anyhow::Result<()> {
    let (scenario, _) = scenario_with_local(&args.input, &overrides(&args.input), false)?;
    let baseline = load_baseline(&scenario)?;
    let plan = Plan::new(&baseline, &scenario, &scenario.file_label()).map_err(|e| scenario.locate(e))?;
    for note in &plan.notes {
        eprintln!("note: {note}");
    }
    let projection = project(&baseline, &plan);
    let warnings = super::missed_targets(&baseline, &plan, &projection, false);
    let mut report = ProjectionReport::build(&baseline, &scenario, &plan, &projection);
    report.notes.extend(warnings);
    ensure(&report, &scenario.file_label(), "the projection")?;
    match args.format {
        Format::Table => emit(&table::projection::render(&report))?,
        Format::Json => emit(&json::pretty(&report)?)?,
        Format::Csv => emit(&csv::projection::render(&report)?)?,
    }
    Ok(())
}
