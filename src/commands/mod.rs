//! The subcommands: each turns validated input into output on stdout (or files), nothing else.

pub mod backtest;
pub mod baselines;
pub mod bench;
pub mod estimate;
pub mod plot;
pub mod project;
pub mod run;

use crate::cli::{Cli, Command, ScenarioArgs};
use crate::error::InputError;
use crate::party::Party;
use crate::scenario::{Scenario, parse_party};

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

/// Builds the scenario from a file and/or inline flags (flags override the file).
pub fn scenario_from(args: &ScenarioArgs) -> Result<Scenario, InputError> {
    let mut s = match &args.scenario {
        Some(path) => Scenario::load(path)?,
        None => {
            if args.shares.is_empty() {
                return Err(InputError::new(
                    "command line",
                    "no scenario: expected a SCENARIO.toml file or --share PARTY=PCT flags (with --baseline)",
                ));
            }
            Scenario::default()
        }
    };
    if let Some(b) = &args.baseline {
        s.baseline = b.clone();
    }
    if let Some(m) = args.model {
        s.model = m;
    }
    if let Some(sc) = args.scope {
        s.scope = sc;
    }
    if let Some(h) = &args.hold {
        s.hold = if h.trim().eq_ignore_ascii_case("none") || h.trim().is_empty() {
            vec![]
        } else {
            h.split(',').map(|p| parse_party(p).map_err(|m| InputError::new("--hold", m))).collect::<Result<_, _>>()?
        };
    }
    if !args.shares.is_empty() {
        s.shares = parse_share_flags(&args.shares)?;
        if args.scenario.is_none() {
            s.name = format!(
                "{} on {}",
                s.shares.iter().map(|(p, v)| format!("{p} {}", crate::round::pct(*v))).collect::<Vec<_>>().join(", "),
                s.baseline
            );
        }
    }
    let file = args.scenario.as_ref().map(|p| p.display().to_string()).unwrap_or_else(|| "--share".to_string());
    s.check(&file)?;
    Ok(s)
}

/// The scenario from a file and/or flags, with its shares estimated from local results when it has a `[local]`
/// section (notes about the estimate go to stderr unless `quiet`).
pub fn scenario_with_local(
    args: &ScenarioArgs,
    quiet: bool,
) -> anyhow::Result<(Scenario, Option<crate::estimate::Estimate>)> {
    let mut s = scenario_from(args)?;
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
        Some(0) => Err(crate::error::at_least_one("--threads", 0, "a number of threads").unwrap_err().into()),
        Some(n) => Ok(rayon::ThreadPoolBuilder::new().num_threads(n).build()?.install(f)),
    }
}

/// What the values of a `PARTY=VALUE` list are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartyValue {
    /// A percentage from 0 to 100, returned as a fraction.
    Percent,
    /// A slope in points per point, from -5 to 5.
    Slope,
}

/// Parses `PARTY=VALUE` flags (each may hold a comma-separated list; empty items are skipped): the one parser of
/// `--share`, `--baseline-pns` and `--leave-slope`. A repeated party, an unknown party or a value out of range is
/// a one-line error naming the flag and the item.
pub fn parse_party_values(flag: &str, flags: &[String], kind: PartyValue) -> Result<Vec<(Party, f64)>, InputError> {
    let mut out: Vec<(Party, f64)> = Vec::new();
    for item in flags.iter().flat_map(|f| f.split(',')).filter(|s| !s.trim().is_empty()) {
        let err = |m: String| InputError::new(flag, m).field(item.trim().to_string());
        let example = match kind {
            PartyValue::Percent => "expected PARTY=PCT, e.g. lab=36",
            PartyValue::Slope => "expected PARTY=SLOPE, e.g. con=-0.37",
        };
        let (party, value) = item.split_once('=').ok_or_else(|| err(example.into()))?;
        let party = parse_party(party).map_err(err)?;
        let v: f64 = value.trim().parse().map_err(|_| err(format!("'{}' is not a number: {example}", value.trim())))?;
        let v = match kind {
            PartyValue::Percent if v.is_finite() && (0.0..=100.0).contains(&v) => v / 100.0,
            PartyValue::Percent => return Err(err(format!("share is {v}: expected a percentage from 0 to 100"))),
            PartyValue::Slope if v.is_finite() && v.abs() <= 5.0 => v,
            PartyValue::Slope => return Err(err(format!("slope is {v}: expected a slope from -5 to 5"))),
        };
        if out.iter().any(|(p, _)| *p == party) {
            return Err(err(format!("party '{party}' is given twice")));
        }
        out.push((party, v));
    }
    Ok(out)
}

/// Parses `--share lab=36` flags.
pub fn parse_share_flags(flags: &[String]) -> Result<Vec<(Party, f64)>, InputError> {
    parse_party_values("--share", flags, PartyValue::Percent)
}
