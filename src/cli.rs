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
    /// Estimate the projected national share (PNS) from ward-level local election results.
    Estimate(EstimateArgs),
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

/// Where the wards come from and how the PNS is estimated.
#[derive(Args, Debug, Clone)]
#[command(group(clap::ArgGroup::new("input").required(true).args(["wards", "pair", "all"])))]
pub struct EstimateArgs {
    /// Ward-pair CSV (plain or .gz) in the format of docs/estimate.md; or give --pair or --all.
    #[arg(value_name = "WARDS.csv", conflicts_with_all = ["pair", "all"])]
    pub wards: Option<PathBuf>,
    /// A shipped pair: 2014-2018 (London), 2016-2021, 2017-2021, 2018-2022, 2019-2023, 2021-2024, 2021-2025.
    #[arg(long, value_name = "EARLIER-LATER")]
    pub pair: Option<String>,
    /// Every shipped pair beside the published PNS and the naive estimate (the validation table).
    #[arg(long, conflicts_with = "pair")]
    pub all: bool,
    /// The earlier year's PNS in percent, e.g. con=35,lab=35,ld=16 (default: the published BBC figure).
    #[arg(long, value_name = "PARTY=PCT,...", conflicts_with = "all")]
    pub baseline_pns: Vec<String>,
    /// Parties that must stand at both contests for a ward to count, comma-separated (default: con,lab,ld).
    #[arg(long, value_name = "PARTIES")]
    pub key_parties: Option<String>,
    /// Bootstrap resamples for the 90% intervals (0: none).
    #[arg(long, value_name = "N", default_value_t = crate::estimate::DEFAULT_BOOTSTRAP)]
    pub bootstrap: u64,
    /// Seed of the bootstrap.
    #[arg(long, value_name = "S", default_value_t = crate::estimate::DEFAULT_SEED)]
    pub seed: u64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
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
