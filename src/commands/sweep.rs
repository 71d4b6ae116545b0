//! `pns sweep`: the scenario over a grid of one or two parties' shares — table, JSON or CSV, and the files.

use super::{overrides, scenario_and_notes, threads_rule, with_threads};
use crate::cli::{Format, SweepArgs};
use crate::error::InputError;
use crate::output::{OutputDir, OutputFile, emit, progress};
use crate::project::{Plan, load_baseline};
use crate::render::{chart, csv, json, table};
use crate::scenario::{Overrides, rules};
use crate::sweep::{self, Context, Flags, Grid};

pub fn run(args: &SweepArgs) -> anyhow::Result<()> {
    args.threads.map(threads_rule).transpose()?;
    let chart_format = rules::chart_format_flag(args.chart_format.as_deref())?;
    let flags = Overrides { seed: args.seed, ..overrides(&args.input) };
    let (scenario, _, notes) = scenario_and_notes(&args.input, &flags)?;
    let file = scenario.file_label();
    let text = match &scenario.path {
        Some(p) => std::fs::read_to_string(p).map_err(|e| InputError::new(&file, format!("cannot read: {e}")))?,
        None => String::new(),
    };
    let sweep_flags = Flags { x: args.x.clone(), y: args.y.clone(), others: args.others.clone(), sims: args.sims };
    let grid = Grid::new(sweep::spec::read(&text, &file, &sweep_flags)?, &scenario)?;
    let baseline = load_baseline(&scenario)?;
    let (majority, _) = scenario
        .parliament
        .thresholds(baseline.seats.len() as u32)
        .map_err(|(field, m)| scenario.locate(InputError::new(&file, m).field(field)))?;
    // The grid's first and last points planned now, so that shares no plan can meet are refused before any file.
    for k in [0, grid.len() - 1] {
        let mut s = scenario.clone();
        s.shares = grid.shares(k);
        Plan::new(&baseline, &s, &file).map_err(|e| scenario.locate(e))?;
    }
    let out = args.out.as_deref().map(OutputDir::open).transpose()?;
    let seed = scenario.simulation.seed.unwrap_or_else(rand::random);
    if !args.quiet {
        notes.iter().for_each(|n| eprintln!("note: {n}"));
        if grid.spec.sims > 0 {
            eprintln!("seed: {seed} (every point uses it; repeat with --seed {seed})");
        }
    }
    let parties = sweep::parties(&baseline, &scenario);
    let cx = Context { scenario: &scenario, baseline: &baseline, grid: &grid, parties: &parties, seed, majority };
    let bar = progress::labelled("sweeping", grid.len(), 2, args.quiet || grid.len() * grid.spec.sims < 50_000);
    let result = with_threads(args.threads, || sweep::run(&cx, &|d| bar.set_position(d)))??;
    bar.finish_and_clear();
    crate::output::finite::ensure(&result, &file, "the sweep")?;
    let json = json::pretty(&result)?;
    let csv = csv::sweep::render(&result)?;
    match args.format {
        Format::Table => emit(&table::sweep::render(&result))?,
        Format::Json => emit(&json)?,
        Format::Csv => emit(&csv)?,
    }
    if let Some(out) = &out {
        let mut files = vec![
            OutputFile { name: "sweep.json".into(), bytes: json.into_bytes() },
            OutputFile { name: "sweep.csv".into(), bytes: csv.into_bytes() },
        ];
        if !args.no_charts && result.y.is_some() {
            let format = chart_format.unwrap_or(scenario.output.chart_format);
            let drawing = chart::sweep::render(&result, scenario.output.width, scenario.output.height)?;
            files.extend(drawing.files("sweep", format)?);
        }
        let written = out.write_run(&files)?;
        if !args.quiet {
            eprintln!(
                "wrote {} files and {} to {}",
                written.len(),
                crate::output::manifest::NAME,
                out.path().display()
            );
        }
    } else if !args.quiet {
        eprintln!("note: no files written: add --out DIR to write sweep.csv, sweep.json and the chart");
    }
    Ok(())
}
