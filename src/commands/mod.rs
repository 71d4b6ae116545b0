//! The subcommands: each turns validated input into output on stdout (or files), nothing else.

pub mod backtest;
pub mod baselines;
pub mod bench;
pub mod changes;
pub mod estimate;
pub mod merge;
pub mod plot;
pub mod project;
pub mod run;
pub mod seat;
pub mod sweep;
pub mod sweep_list;
pub mod targets;

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
        Command::Changes(args) => changes::run(&args),
        Command::Seat(args) => seat::run(&args),
        Command::Targets(args) => targets::run(&args),
        Command::Merge(args) => merge::run(&args),
        Command::Sweep(args) => sweep::run(&args),
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
        seed: args.exec.seed,
        out: args.exec.out.clone(),
        preset: args.preset,
        coalitions: args.coalitions.clone(),
        chart_format: args.exec.chart_format.clone(),
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
    let (s, estimate, notes) = scenario_and_notes(args, flags)?;
    if !quiet {
        notes.iter().for_each(|n| eprintln!("note: {n}"));
    }
    Ok((s, estimate))
}

/// [`scenario_with_local`] with its notes returned rather than printed, for commands that print nothing before an
/// error.
pub fn scenario_and_notes(
    args: &ScenarioArgs,
    flags: &Overrides,
) -> anyhow::Result<(Scenario, Option<crate::estimate::Estimate>, Vec<String>)> {
    let mut s = Scenario::resolve(args.scenario.as_deref(), flags)?;
    let mut notes = s.notes.clone();
    let local = crate::estimate::chain::apply_local(&mut s)?;
    let estimate = local.map(|(estimate, more)| {
        notes.extend(more);
        estimate
    });
    Ok((s, estimate, notes))
}

/// The central projection of a scenario, with every note its reading and planning made (for the seat tools, which
/// print them only once the output is ready).
pub struct Central {
    pub scenario: Scenario,
    pub baseline: crate::baseline::Baseline,
    pub plan: crate::project::Plan,
    pub projection: crate::project::Projection,
    pub notes: Vec<String>,
}

/// Reads the scenario (file and/or flags), loads its baseline, plans and projects it; nothing is printed.
pub fn central(args: &ScenarioArgs, flags: &Overrides) -> anyhow::Result<Central> {
    let (scenario, _, mut notes) = scenario_and_notes(args, flags)?;
    let baseline = crate::project::load_baseline(&scenario)?;
    let plan =
        crate::project::Plan::new(&baseline, &scenario, &scenario.file_label()).map_err(|e| scenario.locate(e))?;
    notes.extend(plan.notes.iter().cloned());
    let projection = crate::project::project(&baseline, &plan);
    Ok(Central { scenario, baseline, plan, projection, notes })
}

/// The area targets the central projection misses by more than half a point, each printed as a `warning:` line
/// (unless `quiet`); returns them for the JSON's notes.
pub fn missed_targets(
    baseline: &crate::baseline::Baseline,
    plan: &crate::project::Plan,
    projection: &crate::project::Projection,
    quiet: bool,
) -> Vec<String> {
    let warnings: Vec<String> =
        crate::project::misses(baseline, plan, projection).iter().map(|m| m.message(plan.model)).collect();
    if !quiet {
        warnings.iter().for_each(|w| eprintln!("warning: {w}"));
    }
    warnings
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
