//! `pns merge`: the partials of a sharded run or sweep, checked and combined, written as the files one run or
//! sweep writes.

use crate::cli::{Cli, Command, Format, MergeArgs, RunArgs, SweepArgs};
use crate::error::InputError;
use crate::output::OutputDir;
use crate::shard::{self, Partial};
use clap::Parser;

pub fn run(args: &MergeArgs) -> anyhow::Result<()> {
    // Everything is read and checked before the output directory is touched.
    let partials = args.partials.iter().map(|p| Partial::read(p)).collect::<Result<Vec<_>, _>>()?;
    let first = partials.first().map(|(f, p)| (f.clone(), p.job.command.clone()));
    match first {
        Some((file, command)) if command == "sweep" => merge_sweep(args, &partials, &file),
        Some((file, command)) if command == "run" => merge_run(args, &partials, &file),
        Some((file, command)) => {
            let msg = format!("expected a partial of pns run or pns sweep, found '{command}'");
            Err(InputError::new(file, msg).field("job.command").into())
        }
        None => Err(InputError::new("pns merge", "expected at least one partial, found none").into()),
    }
}

fn merge_run(args: &MergeArgs, partials: &[(String, Partial)], first: &str) -> anyhow::Result<()> {
    let merged = shard::combine(partials)?;
    let run_args: RunArgs = match job_args(&merged.job, args, first)? {
        Command::Run(run) if run.exec.shard.is_none() => run,
        _ => return Err(bad_args(&merged.job, first).into()),
    };
    let job = super::run::prepare(&run_args)?;
    if shard::job::fingerprint(&job.scenario, &job.model) != merged.job.fingerprint {
        return Err(changed(first).into());
    }
    let sims = job.scenario.simulation.sims;
    let tally = shard::tally::from_counts(&merged.tallies, &job.model, sims, first)?;
    let out = OutputDir::open(&args.out)?;
    if !args.quiet {
        eprintln!("merged {} partials ({sims} simulations, seed {})", partials.len(), merged.job.seed);
    }
    super::run::finish(&job, &tally, merged.job.seed, &run_args, Some(&out))
}

fn merge_sweep(args: &MergeArgs, partials: &[(String, Partial)], first: &str) -> anyhow::Result<()> {
    let merged = shard::concat(partials)?;
    let sweep_args: SweepArgs = match job_args(&merged.job, args, first)? {
        Command::Sweep(sweep) if sweep.exec.shard.is_none() => sweep,
        _ => return Err(bad_args(&merged.job, first).into()),
    };
    let job = super::sweep::prepare(&sweep_args)?;
    if shard::job::sweep_fingerprint(&job.scenario, &job.baseline, &job.points) != merged.job.fingerprint {
        return Err(changed(first).into());
    }
    let counts = crate::sweep::counts::from_counts(&merged.tallies, merged.total, job.parties.len(), first)?;
    let out = OutputDir::open(&args.out)?;
    if !args.quiet {
        eprintln!("merged {} partials ({} points, seed {})", partials.len(), merged.total, merged.job.seed);
    }
    super::sweep::finish(&job, merged.job.seed, &counts, &sweep_args, Some(&out))
}

fn changed(file: &str) -> InputError {
    let msg = "expected the scenario and baseline the shards ran with, found them changed since (or another \
               working directory)";
    InputError::new(file, msg).field("job.fingerprint")
}

fn bad_args(job: &shard::Job, file: &str) -> InputError {
    let msg = format!("expected the arguments of pns {}, found '{}'", job.command, job.args.join(" "));
    InputError::new(file, msg).field("job.args")
}

/// The job's command parsed again, writing into `--out` and printing as asked.
fn job_args(job: &shard::Job, args: &MergeArgs, file: &str) -> anyhow::Result<Command> {
    let format = match (args.format, job.command.as_str()) {
        (Format::Table, _) => "table",
        (Format::Json, _) => "json",
        (Format::Csv, "sweep") => "csv",
        (Format::Csv, _) => {
            let msg = "expected table or json for the partials of pns run, found 'csv'";
            return Err(InputError::new("--format", msg).into());
        }
    };
    let out = args.out.to_string_lossy();
    let mut words = vec!["pns".to_string(), job.command.clone(), format!("--out={out}"), format!("--format={format}")];
    if args.quiet {
        words.push("--quiet".into());
    }
    words.extend(job.args.iter().cloned());
    let bad = |e: String| InputError::new(file, format!("expected the arguments of pns {}, found '{e}'", job.command));
    Ok(Cli::try_parse_from(&words).map_err(|e| bad(e.kind().to_string()))?.command)
}
