//! The command-line interface: clap definitions only (no behaviour).

use crate::scenario::{Model, Scope};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Projected national share to parliament: seat projections and Monte Carlo for UK general elections.
#[derive(Parser, Debug)]
#[command(name = "pns", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// List the shipped baselines with their seat totals and GB shares.
    Baselines {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Project every constituency deterministically and count the seats.
    Project(ProjectArgs),
    /// Simulate the election many times: seat distributions, majority and hung-parliament odds, coalitions.
    Run(RunArgs),
    /// Measure Monte Carlo throughput (simulations per second) on a fixed GE2019 scenario.
    Bench(BenchArgs),
}

/// Where the scenario comes from: a TOML file, inline flags, or a file with flags overriding it.
#[derive(Args, Debug, Clone, Default)]
pub struct ScenarioArgs {
    /// Scenario file (TOML). Without it, give --baseline and --share.
    #[arg(value_name = "SCENARIO.toml")]
    pub scenario: Option<PathBuf>,
    /// Baseline: a shipped name (ge2010, ge2015, ge2017, ge2019, ge2019n, ge2024) or a CSV path (default: ge2019).
    #[arg(long, value_name = "NAME|FILE")]
    pub baseline: Option<String>,
    /// National share of a party in percent, e.g. --share lab=36 (repeatable, or comma-separated).
    #[arg(long = "share", value_name = "PARTY=PCT")]
    pub shares: Vec<String>,
    /// Swing model (default: uns).
    #[arg(long, value_enum)]
    pub model: Option<Model>,
    /// Parties held at their baseline share, comma-separated, or "none" (default: snp,pc).
    #[arg(long, value_name = "PARTIES")]
    pub hold: Option<String>,
    /// Seats the national change applies to (default: gb).
    #[arg(long, value_enum)]
    pub scope: Option<Scope>,
}

#[derive(Args, Debug)]
pub struct ProjectArgs {
    #[command(flatten)]
    pub input: ScenarioArgs,
    /// Output format: a table, one JSON object, or one CSV row per constituency.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Args, Debug)]
pub struct RunArgs {
    #[command(flatten)]
    pub input: ScenarioArgs,
    /// Number of simulations (default: the scenario's, else 10000).
    #[arg(long, value_name = "N")]
    pub sims: Option<u64>,
    /// Random seed (default: the scenario's, else a random one, printed so the run can be repeated).
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
    /// Worker threads (default: one per core). Results do not depend on it.
    #[arg(long, value_name = "T")]
    pub threads: Option<usize>,
    /// Output directory for summary.json, parties.csv, histogram.csv and constituencies.csv (default: the
    /// scenario's output.dir; none for inline scenarios).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// What to print on stdout.
    #[arg(long, value_enum, default_value_t = RunFormat::Table)]
    pub format: RunFormat,
    /// No progress bar and no notes on stderr.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Output format of `pns run`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RunFormat {
    Table,
    Json,
}

#[derive(Args, Debug)]
pub struct BenchArgs {
    /// Simulations per timed run.
    #[arg(long, value_name = "N", default_value_t = 200_000)]
    pub sims: u64,
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "T")]
    pub threads: Option<usize>,
    /// Timed runs (the median is reported).
    #[arg(long, value_name = "R", default_value_t = 5)]
    pub runs: usize,
    /// Swing model of the benchmark scenario.
    #[arg(long, value_enum, default_value_t = Model::Uns)]
    pub model: Model,
}

/// Output format of a command.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}
