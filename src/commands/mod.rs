//! The subcommands: each turns validated input into output on stdout (or files), nothing else.

pub mod backtest;
pub mod baselines;
pub mod bench;
pub mod estimate;
pub mod plot;
pub mod project;
pub mod run;

use crate::cli::{Cli, Command, RunArgs, ScenarioArgs};
use crate::scenario::{Overrides, Scenario};

/// Runs a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Baselines { format } => baselines::run(format),
        Command::Project(args) => project::run(&args),
        Command::Run(args) => run::run(&args),
        Command::Bench(args) => bench::run(&args),
        Command::Backtest(args) => backtest::run(&args),
        Command::Estimate(args) => estimate::run(&args),
        Command::Plot(args) => plot::run(&args),
    }
}

/// The scenario's flags as given (step one; `validate` merges them into the file's values and checks them once).
pub fn overrides(args: &ScenarioArgs) -> Overrides {
    Overrides {
        baseline: args.baseline.clone(),
        model: args.model,
        scope: args.scope,
        hold: args.hold.clone(),
        shares: args.shares.clone(),
        nations: args.nations.clone(),
        regions: args.regions.clone(),
        stands_everywhere: args.stands_everywhere.clone(),
        ..Overrides::default()
    }
}

/// The scenario's flags of `pns run`: the shared ones and the run's own (simulations, seed, output directory,
/// uncertainty preset, coalitions).
pub fn run_overrides(args: &RunArgs) -> Overrides {
    Overrides {
        sims: args.sims,
        seed: args.seed,
        out: args.out.clone(),
        preset: args.preset,
        coalitions: args.coalitions.clone(),
        ..overrides(&args.input)
    }
}

/// The scenario from a file and/or flags, with its shares estimated from local results when it has a `[local]`
/// section (notes about the estimate go to stderr unless `quiet`).
pub fn scenario_with_local(
    args: &ScenarioArgs,
    flags: &Overrides,
    quiet: bool,
) -> anyhow::Result<(Scenario, Option<crate::estimate::Estimate>)> {
    let mut s = Scenario::resolve(args.scenario.as_deref(), flags)?;
    if !quiet {
        s.notes.iter().for_each(|n| eprintln!("note: {n}"));
    }
    let local = crate::estimate::chain::apply_local(&mut s)?;
    Ok(match local {
        Some((estimate, notes)) => {
            if !quiet {
                for n in notes {
                    eprintln!("note: {n}");
                }
            }
            (s, Some(estimate))
        }
        None => (s, None),
    })
}

/// Runs `f` on a rayon pool of `threads` workers (or the global pool).
pub fn with_threads<T: Send>(threads: Option<usize>, f: impl FnOnce() -> T + Send) -> anyhow::Result<T> {
    match threads {
        None => Ok(f()),
        Some(n) => {
            let n = threads_rule(n)?;
            let pool = rayon::ThreadPoolBuilder::new().num_threads(n).build().map_err(|e| {
                crate::error::InputError::new(
                    "--threads",
                    format!("cannot start {n} worker threads ({e}): expected fewer"),
                )
            })?;
            Ok(pool.install(f))
        }
    }
}

pub use crate::scenario::flags::{PartyValue, parse_party_values};

/// `--threads`: from 1 to [`MAX_THREADS`](crate::scenario::rules::MAX_THREADS), checked before any side effect.
pub fn threads_rule(n: usize) -> Result<usize, crate::error::InputError> {
    use crate::scenario::rules::{MAX_THREADS, count_flag};
    count_flag("--threads", n as u64, "a number of threads", MAX_THREADS).map(|n| n as usize)
}
