//! `pns changes`: every seat changing hands in the central projection, with a run's odds when given.

use super::{central, overrides};
use crate::cli::{ChangesArgs, Format};
use crate::output::emit;
use crate::output::finite::ensure;
use crate::render::{csv, json, table};
use crate::report::changes::{ChangesReport, RunInfo};
use crate::seats::{changes::changes, run};

pub fn run(args: &ChangesArgs) -> anyhow::Result<()> {
    let c = central(&args.input, &overrides(&args.input))?;
    let national = c.plan.areas.last().map(|a| a.target).unwrap_or_default();
    let summary = args.run.as_deref().map(run::read).transpose()?;
    let seats = match &summary {
        Some((s, file)) => {
            Some((RunInfo::new(s, file), run::matched(s, file, &c.baseline, &c.scenario, &national, &c.projection)?))
        }
        None => None,
    };
    let found = changes(&c.baseline, &c.projection);
    let report = ChangesReport::build(&c.baseline, &c.scenario, &national, &found, seats);
    ensure(&report, &c.scenario.file_label(), "the seats changing hands")?;
    let text = match args.format {
        Format::Table => table::changes::render(&report),
        Format::Json => json::pretty(&report)?,
        Format::Csv => csv::changes::render(&report)?,
    };
    c.notes.iter().for_each(|n| eprintln!("note: {n}"));
    emit(&text)?;
    Ok(())
}
