//! `pns project`: one deterministic projection, printed as a table, JSON or CSV.

use super::scenario_with_local;
use crate::cli::{Format, ProjectArgs};
use crate::output::emit;
use crate::project::{Plan, load_baseline, project};
use crate::report::{ProjectionReport, csv, table};

pub fn run(args: &ProjectArgs) -> anyhow::Result<()> {
    let (scenario, _) = scenario_with_local(&args.input, false)?;
    let baseline = load_baseline(&scenario)?;
    let plan = Plan::new(&baseline, &scenario, &scenario.file_label()).map_err(|e| scenario.locate(e))?;
    for note in &plan.notes {
        eprintln!("note: {note}");
    }
    let projection = project(&baseline, &plan);
    let report = ProjectionReport::build(&baseline, &scenario, &plan, &projection);
    match args.format {
        Format::Table => emit(&table::render(&report))?,
        Format::Json => emit(&(serde_json::to_string_pretty(&report)? + "\n"))?,
        Format::Csv => emit(&csv::render(&report)?)?,
    }
    Ok(())
}
