//! `pns run`: the Monte Carlo — simulate, summarise, print, and write the output files (or, with `--shard`, one
//! shard's partial result).

use super::{run_overrides, scenario_with_local, threads_rule, with_threads};
use crate::baseline::Baseline;
use crate::cli::{RunArgs, RunFormat};
use crate::engine::{CHUNK, Isa, SimModel, Tally, simulate, simulate_chunks};
use crate::error::InputError;
use crate::estimate::Estimate;
use crate::output::{OutputDir, OutputFile, emit, progress};
use crate::project::{Plan, Projection, load_baseline, project};
use crate::render::chart;
use crate::render::csv::run as csv;
use crate::render::table::run as run_table;
use crate::scenario::Scenario;
use crate::shard::{self, Partial, Shard};
use crate::summary::{LocalSummary, build, coalitions_for};

pub fn run(args: &RunArgs) -> anyhow::Result<()> {
    args.exec.threads.map(threads_rule).transpose()?;
    let shard = args.exec.shard.as_deref().map(Shard::parse).transpose()?;
    let job = prepare(args)?;
    if let Some(shard) = shard {
        return run_shard(args, &job, shard);
    }
    // Locked from here until the files are written: a second run into the directory is refused before simulating.
    let out = job.scenario.output.dir.as_deref().map(OutputDir::open).transpose()?;
    let seed = job.scenario.simulation.seed.unwrap_or_else(rand::random);
    let sims = job.scenario.simulation.sims;
    if !args.exec.quiet {
        eprintln!("seed: {seed} (repeat this run with --seed {seed})");
    }
    let bar = progress::bar(sims, args.exec.quiet);
    let tally = with_threads(args.exec.threads, || simulate(&job.model, sims, seed, &|done| bar.set_position(done)))?;
    bar.finish_and_clear();
    finish(&job, &tally, seed, args, out.as_ref())
}

/// A run up to the simulation: its scenario, baseline, plan, central projection and model.
pub struct Job {
    pub scenario: Scenario,
    pub estimate: Option<Estimate>,
    pub baseline: Baseline,
    pub plan: Plan,
    pub central: Projection,
    pub warnings: Vec<String>,
    pub model: SimModel,
}

/// Reads the scenario and builds the model, printing the notes and warnings on stderr unless `--quiet`.
pub fn prepare(args: &RunArgs) -> anyhow::Result<Job> {
    let size = crate::scenario::rules::chart_size_flag(args.exec.size.as_deref())?;
    let (mut scenario, estimate) = scenario_with_local(&args.input, &run_overrides(args), args.exec.quiet)?;
    if let Some((w, h)) = size {
        (scenario.output.width, scenario.output.height) = (w, h);
    }
    let baseline = load_baseline(&scenario)?;
    let plan = Plan::new(&baseline, &scenario, &scenario.file_label()).map_err(|e| scenario.locate(e))?;
    if !args.exec.quiet {
        for note in &plan.notes {
            eprintln!("note: {note}");
        }
    }
    let central = project(&baseline, &plan);
    let warnings = super::missed_targets(&baseline, &plan, &central, args.exec.quiet);
    let model = SimModel::new(&baseline, &scenario, &plan, &central, coalitions_for(&scenario, &central))?;
    Ok(Job { scenario, estimate, baseline, plan, central, warnings, model })
}

/// Summarises `tally`, prints the summary and writes the run's files into `out` (if any).
pub fn finish(job: &Job, tally: &Tally, seed: u64, args: &RunArgs, out: Option<&OutputDir>) -> anyhow::Result<()> {
    let Job { scenario, estimate, .. } = job;
    let mut summary = build(&job.baseline, scenario, &job.model, &job.central, tally, seed);
    summary.notes = job.plan.notes.iter().cloned().chain(job.warnings.iter().cloned()).collect();
    summary.local = estimate.as_ref().map(|e| LocalSummary::new(e, |p| m_sigma(scenario, p, &job.model)));
    crate::output::finite::ensure(&summary, &scenario.file_label(), "the run summary")?;
    let json = serde_json::to_vec_pretty(&summary)?;
    match args.format {
        RunFormat::Table => emit(&run_table::render(&summary))?,
        RunFormat::Json => emit(&(String::from_utf8_lossy(&json).into_owned() + "\n"))?,
    }
    let Some(out) = out else {
        if !args.exec.quiet {
            eprintln!("{NO_FILES}");
        }
        return Ok(());
    };
    let mut files = vec![
        OutputFile { name: "summary.json".into(), bytes: json },
        OutputFile { name: "parties.csv".into(), bytes: csv::parties(&summary)? },
        OutputFile { name: "histogram.csv".into(), bytes: csv::histogram(&summary)? },
        OutputFile { name: "constituencies.csv".into(), bytes: csv::constituencies(&summary)? },
    ];
    if !args.exec.no_charts {
        // Drawn from the JSON as saved, so that `pns plot` on it gives the same bytes.
        let (charts, notes) = chart::render_saved(&files[0].bytes, "summary.json", None, None)?;
        files.extend(charts);
        // The estimated PNS of a `[local]` scenario, drawn from the estimate itself (not redrawn by `pns plot`).
        let wants_pns = scenario.output.charts.iter().any(|c| c == "pns");
        if let Some(e) = estimate.as_ref().filter(|_| wants_pns) {
            let drawing = chart::pns::render(e, scenario.output.width, scenario.output.height)?;
            files.extend(drawing.files("pns", scenario.output.chart_format)?);
        }
        if !args.exec.quiet {
            notes
                .iter()
                .filter(|n| !(estimate.is_some() && n.starts_with("pns.")))
                .for_each(|n| eprintln!("note: {n}"));
        }
    }
    let written = out.write_run(&files)?;
    if !args.exec.quiet {
        eprintln!("wrote {} files and {} to {}", written.len(), crate::output::manifest::NAME, out.path().display());
    }
    Ok(())
}

/// `--shard i/n`: simulates the shard's chunks and writes its partial result, nothing else.
fn run_shard(args: &RunArgs, job: &Job, shard: Shard) -> anyhow::Result<()> {
    let needs = |what: &str| InputError::new("--shard", format!("expected {what} with --shard, found none"));
    let seed = job.scenario.simulation.seed.ok_or_else(|| {
        needs("a fixed seed, the same for every shard (--seed S, or simulation.seed in the scenario),")
    })?;
    let dir = job.scenario.output.dir.as_deref().ok_or_else(|| needs("an output directory (--out DIR)"))?;
    let out = OutputDir::open(dir)?;
    let sims = job.scenario.simulation.sims;
    let total = sims.div_ceil(CHUNK);
    let units = shard.units(total);
    let shard_sims = (units.start * CHUNK).min(sims)..(units.end * CHUNK).min(sims);
    if !args.exec.quiet {
        let n = shard_sims.end - shard_sims.start;
        eprintln!("shard {shard}: chunks {}..{} of {total} ({n} simulations), seed {seed}", units.start, units.end);
    }
    let bar = progress::bar(shard_sims.end - shard_sims.start, args.exec.quiet);
    let on_chunk = |done| bar.set_position(done);
    let range = units.clone();
    let tally =
        with_threads(args.exec.threads, || simulate_chunks(Isa::detect(), &job.model, sims, seed, range, &on_chunk))?;
    bar.finish_and_clear();
    let partial = Partial {
        job: shard::Job {
            command: "run".into(),
            args: shard::job::run_args(args),
            fingerprint: shard::job::fingerprint(&job.scenario, &job.model),
            seed,
            pns_version: env!("CARGO_PKG_VERSION").into(),
        },
        units: shard::Units { index: shard.index, count: shard.count, start: units.start, end: units.end, total },
        tallies: shard::tally::to_counts(&tally),
    };
    out.write_run(&[OutputFile { name: shard::FILE_NAME.into(), bytes: partial.to_bytes() }])?;
    if !args.exec.quiet {
        eprintln!("wrote {} to {} (combine the shards with pns merge)", shard::FILE_NAME, out.path().display());
    }
    Ok(())
}

/// Said on stderr by a run without an output directory (an inline scenario, or a file without `output.dir`).
pub const NO_FILES: &str = "note: no files written (no output directory): add --out DIR to write summary.json, \
                            parties.csv, histogram.csv, constituencies.csv and the charts";

/// The national σ (points) the run gave a party, if the party was perturbed.
fn m_sigma(scenario: &Scenario, p: crate::party::Party, model: &SimModel) -> Option<f64> {
    model.national.parties.contains(&p).then(|| scenario.uncertainty.national_sigma_of(p))
}
