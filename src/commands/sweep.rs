//! `pns sweep`: the scenario over a grid of one or two parties' shares — table, JSON or CSV, and the files (or,
//! with `--shard`, one shard's partial result).

use super::{overrides, scenario_and_notes, threads_rule, with_threads};
use crate::baseline::Baseline;
use crate::cli::{Format, SweepArgs};
use crate::error::InputError;
use crate::output::{OutputDir, OutputFile, emit, progress};
use crate::party::Party;
use crate::project::{Plan, load_baseline};
use crate::render::{chart, csv, json, table};
use crate::scenario::{ChartFormat, Overrides, Scenario, rules};
use crate::shard::{self, Partial, Shard};
use crate::sweep::{self, Context, Flags, Grid, PointCounts, Points};

pub fn run(args: &SweepArgs) -> anyhow::Result<()> {
    args.exec.threads.map(threads_rule).transpose()?;
    let shard = args.exec.shard.as_deref().map(Shard::parse).transpose()?;
    let job = prepare(args)?;
    if let Some(shard) = shard {
        return run_shard(args, &job, shard);
    }
    let out = args.exec.out.as_deref().map(OutputDir::open).transpose()?;
    let seed = job.scenario.simulation.seed.unwrap_or_else(rand::random);
    job.say_notes(args.exec.quiet, Some(seed));
    let cx = job.context(seed);
    let n = job.points.len();
    let bar = progress::labelled("sweeping", n, 2, args.exec.quiet || n * job.points.sims() < 50_000);
    let counts = with_threads(args.exec.threads, || sweep::count(&cx, 0..n, &|d| bar.set_position(d)))??;
    bar.finish_and_clear();
    finish(&job, seed, &counts, args, out.as_ref())
}

/// A sweep up to its points: the scenario (for a list: the first listed, named as the sweep file), its baseline,
/// the points, the parties reported and the majority.
pub struct Job {
    pub scenario: Scenario,
    pub baseline: Baseline,
    pub points: Points,
    pub parties: Vec<Party>,
    pub majority: u32,
    pub chart_format: ChartFormat,
    pub notes: Vec<String>,
}

impl Job {
    pub fn context(&self, seed: u64) -> Context<'_> {
        Context {
            scenario: &self.scenario,
            baseline: &self.baseline,
            points: &self.points,
            parties: &self.parties,
            seed,
            majority: self.majority,
        }
    }

    fn say_notes(&self, quiet: bool, seed: Option<u64>) {
        if quiet {
            return;
        }
        self.notes.iter().for_each(|n| eprintln!("note: {n}"));
        if let Some(seed) = seed.filter(|_| self.points.sims() > 0) {
            eprintln!("seed: {seed} (every point uses it; repeat with --seed {seed})");
        }
    }
}

/// Reads and checks everything the sweep needs (the grid's corner points planned, or every listed scenario),
/// printing nothing.
pub fn prepare(args: &SweepArgs) -> anyhow::Result<Job> {
    let chart_format = rules::chart_format_flag(args.exec.chart_format.as_deref())?;
    let size = rules::chart_size_flag(args.exec.size.as_deref())?;
    if let Some(path) = &args.input.scenario
        && let Some(text) = std::fs::read_to_string(path).ok().filter(|t| sweep::list::is_list(t))
    {
        return super::sweep_list::prepare(args, path, &text, chart_format);
    }
    let flags = Overrides { seed: args.exec.seed, ..overrides(&args.input) };
    let (mut scenario, _, notes) = scenario_and_notes(&args.input, &flags)?;
    if let Some((w, h)) = size {
        (scenario.output.width, scenario.output.height) = (w, h);
    }
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
    let parties = sweep::parties(&baseline, &[&scenario]);
    let chart_format = chart_format.unwrap_or(scenario.output.chart_format);
    Ok(Job { scenario, baseline, points: Points::Grid(grid), parties, majority, chart_format, notes })
}

/// Builds the sweep from every point's `counts`, prints it and writes its files into `out` (if any).
pub fn finish(
    job: &Job,
    seed: u64,
    counts: &[PointCounts],
    args: &SweepArgs,
    out: Option<&OutputDir>,
) -> anyhow::Result<()> {
    let result = sweep::assemble(&job.context(seed), counts);
    crate::output::finite::ensure(&result, &job.scenario.file_label(), "the sweep")?;
    let json = json::pretty(&result)?;
    let csv = csv::sweep::render(&result)?;
    match args.format {
        Format::Table => emit(&table::sweep::render(&result))?,
        Format::Json => emit(&json)?,
        Format::Csv => emit(&csv)?,
    }
    let quiet = args.exec.quiet;
    let Some(out) = out else {
        if !quiet {
            eprintln!("note: no files written: add --out DIR to write sweep.csv, sweep.json and the chart");
        }
        return Ok(());
    };
    let mut files = vec![
        OutputFile { name: "sweep.json".into(), bytes: json.into_bytes() },
        OutputFile { name: "sweep.csv".into(), bytes: csv.into_bytes() },
    ];
    if !args.exec.no_charts && result.x.is_some() && result.y.is_some() {
        let (w, h) = (job.scenario.output.width, job.scenario.output.height);
        files.extend(chart::sweep::render(&result, w, h)?.files("sweep", job.chart_format)?);
    }
    let written = out.write_run(&files)?;
    if !quiet {
        eprintln!("wrote {} files and {} to {}", written.len(), crate::output::manifest::NAME, out.path().display());
    }
    Ok(())
}

/// `--shard i/n`: computes the shard's points and writes its partial result, nothing else.
fn run_shard(args: &SweepArgs, job: &Job, shard: Shard) -> anyhow::Result<()> {
    let needs = |what: &str| InputError::new("--shard", format!("expected {what} with --shard, found none"));
    let sims = job.points.sims();
    let seed = match job.scenario.simulation.seed {
        Some(seed) => seed,
        None if sims == 0 => 0,
        None => {
            return Err(needs(
                "a fixed seed, the same for every shard (--seed S, or simulation.seed in the scenario),",
            )
            .into());
        }
    };
    let dir = args.exec.out.as_deref().ok_or_else(|| needs("an output directory (--out DIR)"))?;
    let out = OutputDir::open(dir)?;
    let total = job.points.len();
    let units = shard.units(total);
    if !args.exec.quiet {
        job.say_notes(false, None);
        eprintln!("shard {shard}: points {}..{} of {total}, seed {seed}", units.start, units.end);
    }
    let cx = job.context(seed);
    let n = units.end - units.start;
    let bar = progress::labelled("sweeping", n, 2, args.exec.quiet || n * sims < 50_000);
    let range = units.clone();
    let counts = with_threads(args.exec.threads, || sweep::count(&cx, range, &|d| bar.set_position(d)))??;
    bar.finish_and_clear();
    let partial = Partial {
        job: shard::Job {
            command: "sweep".into(),
            args: shard::job::sweep_args(args),
            fingerprint: shard::job::sweep_fingerprint(&job.scenario, &job.baseline, &job.points),
            seed,
            pns_version: env!("CARGO_PKG_VERSION").into(),
        },
        units: shard::Units { index: shard.index, count: shard.count, start: units.start, end: units.end, total },
        tallies: sweep::counts::to_counts(&counts),
    };
    out.write_run(&[OutputFile { name: shard::FILE_NAME.into(), bytes: partial.to_bytes() }])?;
    if !args.exec.quiet {
        eprintln!("wrote {} to {} (combine the shards with pns merge)", shard::FILE_NAME, out.path().display());
    }
    Ok(())
}
