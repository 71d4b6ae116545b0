//! `pns backtest`: score the swing models on real pairs of elections, as tables, JSON or CSV.

use crate::backtest::{self, Options, PAIRS, SimulationRequest, Stands, SwingBy};
use crate::cli::{BacktestArgs, Format};
use crate::error::InputError;
use crate::scenario::{Model, parse_party};
use std::io::Write;

pub fn run(args: &BacktestArgs) -> anyhow::Result<()> {
    let (pairs, options) = resolve(args)?;
    if let Some(sim) = &options.simulation {
        eprintln!(
            "note: --sims {}: the probabilistic scores need the Monte Carlo engine, which this build lacks; \
                showing the deterministic scores",
            sim.sims
        );
    }
    let pair_refs: Vec<(&str, &str)> = pairs.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let result = backtest::run(&pair_refs, &options)?;
    let text = match args.format {
        Format::Table => backtest::table::render(&result, args.misses),
        Format::Json => serde_json::to_string_pretty(&result)? + "\n",
        Format::Csv => backtest::csv::render(&result)?,
    };
    // Written, not printed, so that a closed pipe (`pns backtest … | head`) is an error `main` can recognise.
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// The pairs and options asked for; every error is one line naming the flag.
pub fn resolve(args: &BacktestArgs) -> Result<(Vec<(String, String)>, Options), InputError> {
    let pairs: Vec<(String, String)> = if args.all {
        if args.from.is_some() || args.to.is_some() {
            return Err(InputError::new("--all", "runs every shipped pair: expected no --from or --to with it"));
        }
        PAIRS.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    } else {
        match (&args.from, &args.to) {
            (Some(from), Some(to)) => vec![(from.trim().to_string(), to.trim().to_string())],
            (None, _) => {
                return Err(InputError::new("--from", "missing: expected --from ELECTION --to ELECTION, or --all"));
            }
            (_, None) => {
                return Err(InputError::new("--to", "missing: expected --from ELECTION --to ELECTION, or --all"));
            }
        }
    };
    let models = match args.model.as_deref().map(str::trim) {
        None => Model::ALL.to_vec(),
        Some(m) if m.eq_ignore_ascii_case("all") => Model::ALL.to_vec(),
        Some(m) => vec![Model::from_code(m).ok_or_else(|| {
            InputError::new("--model", format!("unknown model '{m}': expected uns, proportional, stm or all"))
        })?],
    };
    let levels = match args.swing_by.as_deref().map(str::trim) {
        None if args.all => SwingBy::ALL.to_vec(),
        None => vec![SwingBy::Gb],
        Some(l) if l.eq_ignore_ascii_case("all") => SwingBy::ALL.to_vec(),
        Some(l) => vec![SwingBy::from_code(l).ok_or_else(|| {
            InputError::new("--swing-by", format!("unknown swing level '{l}': expected gb, nation, region or all"))
        })?],
    };
    let stands = match args.stands_everywhere.trim().to_ascii_lowercase().as_str() {
        "auto" => Stands::Auto,
        "none" | "" => Stands::Parties(vec![]),
        list => Stands::Parties(
            list.split(',')
                .map(|p| parse_party(p).map_err(|m| InputError::new("--stands-everywhere", m)))
                .collect::<Result<_, _>>()?,
        ),
    };
    Ok((pairs, Options { models, levels, stands, simulation: simulation(args)? }))
}

/// The simulation settings, validated; `None` without `--sims`.
fn simulation(args: &BacktestArgs) -> Result<Option<SimulationRequest>, InputError> {
    match (args.sims, args.seed) {
        (Some(0), _) => Err(InputError::new("--sims", "is 0: expected a number of simulations ≥ 1")),
        (Some(sims), seed) => Ok(Some(SimulationRequest { sims, seed })),
        (None, Some(_)) => Err(InputError::new("--seed", "seeds the simulations: expected --sims N with it")),
        (None, None) => Ok(None),
    }
}
