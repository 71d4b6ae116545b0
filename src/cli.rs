//! The command-line interface: clap definitions only (no behaviour).

use crate::scenario::{Model, Preset, Scope};
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
        #[arg(long, value_enum, ignore_case = true, default_value_t = Format::Table)]
        format: Format,
    },
    /// Project every constituency deterministically and count the seats.
    Project(ProjectArgs),
    /// Simulate the election many times: seat distributions, majority and hung-parliament odds, coalitions.
    Run(RunArgs),
    /// Measure Monte Carlo throughput (simulations per second) on a fixed GE2019 scenario.
    Bench(BenchArgs),
    /// Backtest the swing models on real elections: the later election's actual shares on the earlier baseline,
    /// compared seat by seat with what happened.
    Backtest(BacktestArgs),
    /// Estimate the projected national share (PNS) from ward-level local election results.
    Estimate(EstimateArgs),
    /// Redraw a run's charts from its summary.json, without simulating again.
    Plot(PlotArgs),
    /// Every seat changing hands in the central projection: from → to, the new majority and the swing that would
    /// undo it, the gains matrix and the totals by nation and region.
    Changes(ChangesArgs),
    /// One constituency: its baseline result, its projected shares, winner and majority, and with --run its odds.
    Seat(SeatArgs),
    /// A party's target seats: those it does not win in the projection, ordered by the rise in its share that wins
    /// each (found under the scenario's own model), with the holder, the majority and the share at which it falls.
    Targets(TargetsArgs),
    /// Combine the partial results of `pns run --shard i/n` or `pns sweep --shard i/n` into the files one run or
    /// sweep writes (byte for byte).
    Merge(MergeArgs),
    /// Sweep one or two parties' shares over a grid, or a list of scenario files: each point's projection and,
    /// with --sims, its simulated summary (majority and largest-party odds, seat quantiles), as sweep.csv,
    /// sweep.json and a chart.
    Sweep(SweepArgs),
}

/// Where the scenario comes from: a TOML file, inline flags, or a file with flags overriding it.
#[derive(Args, Debug, Clone, Default)]
pub struct ScenarioArgs {
    /// Scenario file (TOML). Without it, give --baseline and --share.
    #[arg(value_name = "SCENARIO.toml")]
    pub scenario: Option<PathBuf>,
    /// Baseline: a shipped name (ge2010, ge2015, ge2017, ge2019, ge2019n, ge2024) or a CSV path (default: the
    /// latest election, ge2024).
    #[arg(long, value_name = "NAME|FILE")]
    pub baseline: Option<String>,
    /// National share of a party in percent, e.g. --share lab=36 (repeatable, or comma-separated).
    #[arg(long = "share", value_name = "PARTY=PCT")]
    pub shares: Vec<String>,
    /// Swing model (default: uns).
    #[arg(long, value_enum, ignore_case = true)]
    pub model: Option<Model>,
    /// Parties held at their baseline share, comma-separated, or "none" (default: snp,pc).
    #[arg(long, value_name = "PARTIES")]
    pub hold: Option<String>,
    /// Seats the national change applies to (default: gb).
    #[arg(long, value_enum, ignore_case = true)]
    pub scope: Option<Scope>,
    /// A nation's target shares in percent, e.g. --nation scotland:snp=33,lab=18 (repeatable; england, scotland or
    /// wales): its seats take this change instead of the national one, as a [regions.NAME] table of the scenario.
    #[arg(long = "nation", value_name = "NATION:PARTY=PCT,...")]
    pub nations: Vec<String>,
    /// An English region's target shares in percent, e.g. --region london:lab=40,con=20 (repeatable; north_east,
    /// north_west, yorkshire, east_midlands, west_midlands, east, london, south_east, south_west).
    #[arg(long = "region", value_name = "REGION:PARTY=PCT,...")]
    pub regions: Vec<String>,
    /// Parties that take the swing even in seats they did not contest at the baseline, comma-separated, or "none"
    /// (the scenario's stands_everywhere; default: none).
    #[arg(long, value_name = "PARTIES")]
    pub stands_everywhere: Option<String>,
}

#[derive(Args, Debug)]
pub struct ProjectArgs {
    #[command(flatten)]
    pub input: ScenarioArgs,
    /// Output format: a table, one JSON object, or one CSV row per constituency.
    #[arg(long, value_enum, ignore_case = true, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Args, Debug)]
pub struct TargetsArgs {
    #[command(flatten)]
    pub input: ScenarioArgs,
    /// The party, e.g. lab.
    #[arg(long, value_name = "PARTY")]
    pub party: String,
    /// Seats listed, in order.
    #[arg(long, value_name = "N", default_value_t = 25)]
    pub top: u64,
    /// List the seats the party wins instead, ordered by how far its share can fall before it loses each, and to whom.
    #[arg(long)]
    pub defend: bool,
    /// Output format: a table, one JSON object, or one CSV row per seat.
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
    /// Uncertainty preset: what-if (these shares at an election today) or forecast (of a future election); the
    /// scenario's [uncertainty] keys still override it (default: the scenario's, else what-if).
    #[arg(long, value_enum, ignore_case = true)]
    pub preset: Option<Preset>,
    /// A coalition to report, parties joined by '+', e.g. --coalition lab+ld+green (repeatable, or
    /// comma-separated); replaces the scenario's [parliament] coalitions.
    #[arg(long = "coalition", value_name = "P1+P2[+...]")]
    pub coalitions: Vec<String>,
    #[command(flatten)]
    pub exec: ExecArgs,
    /// What to print on stdout.
    #[arg(long, value_enum, ignore_case = true, default_value_t = RunFormat::Table)]
    pub format: RunFormat,
}

/// How `pns run` and `pns sweep` execute and where their files go: seed, threads, output directory, charts,
/// shard.
#[derive(Args, Debug, Clone, Default)]
pub struct ExecArgs {
    /// Random seed (default: the scenario's, else a random one, printed so the run can be repeated); a sweep
    /// uses it at every point.
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
    /// Worker threads (default: one per core). Results do not depend on it.
    #[arg(long, value_name = "T")]
    pub threads: Option<usize>,
    /// Output directory. run: summary.json, parties.csv, histogram.csv, constituencies.csv and the charts
    /// (default: the scenario's output.dir; none for inline scenarios). sweep: sweep.csv, sweep.json and the
    /// chart (default: none). Nothing is written without one.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Do not draw the charts.
    #[arg(long)]
    pub no_charts: bool,
    /// File format of the charts: png, svg or both (default: the scenario's output.chart_format, else png).
    #[arg(long, value_name = "png|svg|both")]
    pub chart_format: Option<String>,
    /// Size of the charts in pixels, WIDTHxHEIGHT from 800x500 to 8000x8000 (default: the scenario's
    /// output.width and output.height, else 1600x1000).
    #[arg(long, value_name = "WxH")]
    pub size: Option<String>,
    /// No progress bar and no notes on stderr.
    #[arg(long, short)]
    pub quiet: bool,
    /// Do shard i of n (1 ≤ i ≤ n) of the work (a run's chunks of 1024 simulations, a sweep's points) and write
    /// only its partial result, DIR/partial.json, for `pns merge` (needs a fixed seed and an output directory).
    #[arg(long, value_name = "i/n")]
    pub shard: Option<String>,
}

/// `pns merge`: the partial results of a sharded run, combined into the run's files.
#[derive(Args, Debug)]
pub struct MergeArgs {
    /// The shards' output directories (or their partial.json files), every shard exactly once, all of one
    /// `pns run` or one `pns sweep`.
    #[arg(value_name = "DIR", required = true)]
    pub partials: Vec<PathBuf>,
    /// Output directory for the files a single run or sweep writes (summary.json, the CSVs, the charts; or
    /// sweep.csv, sweep.json and its chart).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// What to print on stdout (csv for a sweep's partials only).
    #[arg(long, value_enum, ignore_case = true, default_value_t = Format::Table)]
    pub format: Format,
    /// No notes on stderr.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Args, Debug)]
pub struct SweepArgs {
    #[command(flatten)]
    pub input: ScenarioArgs,
    /// The first swept party and its range in percent, e.g. --x reform=15:35:0.5 (default: the scenario's [sweep] x).
    #[arg(long = "x", value_name = "PARTY=FROM:TO:STEP")]
    pub x: Option<String>,
    /// A second swept party, e.g. --y lab=15:35:0.5 (default: the scenario's [sweep] y, if any).
    #[arg(long = "y", value_name = "PARTY=FROM:TO:STEP")]
    pub y: Option<String>,
    /// The other named parties as the swept ones move: scale (proportionally, keeping the named total) or hold
    /// (as given) (default: the scenario's [sweep] others, else scale).
    #[arg(long, value_name = "scale|hold")]
    pub others: Option<String>,
    /// Simulations per point (default: the scenario's [sweep] sims, else none: projections only).
    #[arg(long, value_name = "N")]
    pub sims: Option<u64>,
    #[command(flatten)]
    pub exec: ExecArgs,
    /// What to print on stdout.
    #[arg(long, value_enum, ignore_case = true, default_value_t = Format::Table)]
    pub format: Format,
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
    #[arg(long, value_enum, ignore_case = true, default_value_t = Model::Uns)]
    pub model: Model,
    /// Variant of the kernel to time (default: the fastest this CPU runs; all give identical results).
    #[arg(long, value_name = "ISA", ignore_case = true, value_parser = ["generic", "avx2", "avx512"])]
    pub kernel: Option<String>,
    /// Add the Leave slopes and tactical voting learned from the 2021-2024 ward pair, drawn per simulation.
    #[arg(long)]
    pub geography: bool,
}

#[derive(Args, Debug)]
pub struct BacktestArgs {
    /// Earlier election, the baseline (ge2010, ge2015, ge2017, ge2019, ge2019n, ge2024 or a CSV path).
    #[arg(long, value_name = "ELECTION")]
    pub from: Option<String>,
    /// Later election, whose actual shares are applied and whose results are the truth (same boundaries as --from).
    #[arg(long, value_name = "ELECTION")]
    pub to: Option<String>,
    /// Every shipped pair (2010→2015, 2015→2017, 2017→2019, 2019n→2024) × model × swing level, in one table.
    #[arg(long)]
    pub all: bool,
    /// Swing model: uns, proportional, stm, hybrid or all (default: all).
    #[arg(long, value_name = "MODEL")]
    pub model: Option<String>,
    /// Level of the actual shares given to the model: gb, nation, region or all (default: gb; all with --all).
    #[arg(long = "swing-by", value_name = "LEVEL")]
    pub swing_by: Option<String>,
    /// Parties that take the swing where they did not stand at the baseline: auto (those contesting at least 90% of
    /// the seats at the later election), none, or a comma-separated list.
    #[arg(long, value_name = "auto|none|PARTIES", default_value = "auto")]
    pub stands_everywhere: String,
    /// Simulations per case for the probabilistic scores (Monte Carlo).
    #[arg(long, value_name = "N")]
    pub sims: Option<u64>,
    /// Random seed of the simulations (default: a random one, printed so the run can be repeated).
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
    /// σ of the simulations, comma-separated KEY=VALUE in points: national (default 0: the actual shares are
    /// given), regional, constituency (the scale), floor; "zero" sets every σ to 0 (default: the what-if preset).
    #[arg(long, value_name = "KEY=VALUE,...")]
    pub uncertainty: Option<String>,
    /// Worker threads of the simulations (default: one per core). Results do not depend on it.
    #[arg(long, value_name = "T")]
    pub threads: Option<usize>,
    /// Leave slopes given to every case: points of change per point of 2016 Leave share, e.g. con=-0.37,reform=0.26.
    #[arg(long = "leave-slope", value_name = "PARTY=SLOPE,...", conflicts_with = "locals")]
    pub leave_slope: Option<String>,
    /// Tactical voting in every case: the fraction (0–1) of the weaker of Labour and the Lib Dems that moves to the
    /// stronger where the Conservatives led at the earlier election.
    #[arg(long, value_name = "T", conflicts_with = "locals")]
    pub tactical: Option<f64>,
    /// Learn the Leave slopes and the tactical strength from a shipped ward pair (e.g. 2021-2024), which must have
    /// been held before the later election (`pns estimate --pair PAIR --geography` shows them).
    #[arg(long, value_name = "PAIR")]
    pub locals: Option<String>,
    /// Largest misses listed per case in the table.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub misses: usize,
    /// Output format: tables, one JSON document of the whole backtest, or CSV (one row per case × party).
    #[arg(long, value_enum, ignore_case = true, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Args, Debug)]
pub struct PlotArgs {
    /// A summary.json written by `pns run`.
    #[arg(value_name = "SUMMARY.json")]
    pub summary: PathBuf,
    /// Directory for the charts (default: the directory of SUMMARY.json).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// File format of the charts: png, svg or both (default: the run's, as its summary.json records it).
    #[arg(long, value_name = "png|svg|both")]
    pub chart_format: Option<String>,
    /// Size of the charts in pixels, WIDTHxHEIGHT from 800x500 to 8000x8000 (default: the run's, as its
    /// summary.json records it).
    #[arg(long, value_name = "WxH")]
    pub size: Option<String>,
    /// No notes on stderr.
    #[arg(long, short)]
    pub quiet: bool,
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
    #[arg(long, value_enum, ignore_case = true, default_value_t = Format::Table)]
    pub format: Format,
    /// Also draw pns.png (estimate with 90% interval, earlier year's PNS and published figure) into DIR.
    #[arg(long, value_name = "DIR", conflicts_with = "all")]
    pub chart: Option<PathBuf>,
    /// With --chart: the file format of pns.png, png, svg or both (default: png).
    #[arg(long, value_name = "png|svg|both", requires = "chart")]
    pub chart_format: Option<String>,
    /// With --chart: the size of pns.png in pixels, WIDTHxHEIGHT from 800x500 to 8000x8000 (default: 1600x1000).
    #[arg(long, value_name = "WxH", requires = "chart")]
    pub size: Option<String>,
    /// Learn the seat model's geography from the pair instead: each party's Leave slope and the tactical strength.
    #[arg(long, conflicts_with_all = ["all", "chart", "baseline_pns", "key_parties"])]
    pub geography: bool,
    /// With --geography: the party tactical voters vote against (default: con).
    #[arg(long, value_name = "PARTY")]
    pub against: Option<String>,
    /// With --geography: the bloc whose weaker parties' voters switch, comma-separated (default: lab,ld).
    #[arg(long, value_name = "P1,P2")]
    pub bloc: Option<String>,
    /// With --geography: the wards treated as tactical, first or first_or_second of the targeted party (default: first).
    #[arg(long = "where", value_name = "first|first_or_second")]
    pub seats: Option<String>,
}

#[derive(Args, Debug)]
pub struct ChangesArgs {
    #[command(flatten)]
    pub input: ScenarioArgs,
    /// The output directory of a `pns run` of the same scenario: adds the winner's P(win) and each seat's rating.
    #[arg(long, value_name = "DIR")]
    pub run: Option<PathBuf>,
    /// Output format: a report, one CSV row per seat changing hands, or one JSON object.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Args, Debug)]
pub struct SeatArgs {
    /// Constituency name (case, accents and punctuation ignored; words of a name will do when only one name holds
    /// them) or ONS code.
    #[arg(value_name = "NAME|CODE")]
    pub seat: String,
    /// Without a scenario file or --share, the baseline result alone.
    #[command(flatten)]
    pub input: ScenarioArgs,
    /// The output directory of a `pns run` of the same scenario: adds P(win) per party and the seat's rating.
    #[arg(long, value_name = "DIR")]
    pub run: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SeatFormat::Table)]
    pub format: SeatFormat,
}

/// Output format of `pns seat`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SeatFormat {
    Table,
    Json,
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

    /// The help of `--region` lists every English region's key, as the error of a wrong name does.
    #[test]
    fn region_help_lists_the_region_keys() {
        let cli = Cli::command();
        let run = cli.find_subcommand("run").unwrap();
        let help = run.get_arguments().find(|a| a.get_id() == "regions").unwrap().get_help().unwrap().to_string();
        for key in crate::scenario::rules::region_keys().split(", ") {
            assert!(help.contains(key), "{key} not in: {help}");
        }
    }
}
