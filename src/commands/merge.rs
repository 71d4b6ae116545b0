//! `pns merge`: the partials of a sharded run, checked and combined, written as the files one run writes.

use super::run::{finish, prepare};
use crate::cli::{Cli, Command, MergeArgs, RunFormat};
use crate::error::InputError;
use crate::output::OutputDir;
use crate::shard::{self, Partial};
use clap::Parser;

pub fn run(args: &MergeArgs) -> anyhow::Result<()> {
    // Everything is read and checked before the output directory is touched.
    let partials = args.partials.iter().map(|p| Partial::read(p)).collect::<Result<Vec<_>, _>>()?;
    let merged = shard::combine(&partials)?;
    let first = &partials[0].0;
    let run_args = job_run_args(&merged.job, args, first)?;
    let job = prepare(&run_args)?;
    if shard::job::fingerprint(&job.scenario, &job.model) != merged.job.fingerprint {
        let msg = "expected the scenario and baseline the shards ran with, found them changed since (or another \
                   working directory)";
        return Err(InputError::new(first, msg).field("job.fingerprint").into());
    }
    let sims = job.scenario.simulation.sims;
    let tally = shard::tally::from_counts(&merged.tallies, &job.model, sims, first)?;
    let out = OutputDir::open(&args.out)?;
    if !args.quiet {
        eprintln!("merged {} partials ({sims} simulations, seed {})", partials.len(), merged.job.seed);
    }
    finish(&job, &tally, merged.job.seed, &run_args, Some(&out))
}

/// The `pns run` arguments of the job, writing into `--out` and printing as asked.
fn job_run_args(job: &shard::Job, args: &MergeArgs, file: &str) -> anyhow::Result<crate::cli::RunArgs> {
    if job.command != "run" {
        let msg = format!("expected a partial of pns run, found '{}'", job.command);
        return Err(InputError::new(file, msg).field("job.command").into());
    }
    let format = match args.format {
        RunFormat::Table => "table",
        RunFormat::Json => "json",
    };
    let out = args.out.to_string_lossy();
    let mut words = vec!["pns".to_string(), "run".into(), format!("--out={out}"), format!("--format={format}")];
    if args.quiet {
        words.push("--quiet".into());
    }
    words.extend(job.args.iter().cloned());
    let bad = |e: String| InputError::new(file, format!("expected the arguments of pns run, found '{e}'"));
    match Cli::try_parse_from(&words).map_err(|e| bad(e.kind().to_string()))?.command {
        Command::Run(run) if run.shard.is_none() => Ok(run),
        _ => Err(bad(job.args.join(" ")).field("job.args").into()),
    }
}
