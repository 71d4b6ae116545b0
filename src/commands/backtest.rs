//! `pns backtest`: score the swing models on real pairs of elections, as tables, JSON or CSV.

use super::with_threads;
use crate::backtest::{self, Options, PAIRS, Simulation, Stands, SwingBy};
use crate::cli::{BacktestArgs, Format};
use crate::error::InputError;
use crate::estimate::geography::learn_source;
use crate::render;
use crate::scenario::rules::{MAX_SIMS, count_flag};
use crate::scenario::{
    Covariate, CovariateSlopes, Geography, Model, Slope, Tactical, TacticalSpec, Uncertainty, parse_party,
};
use std::io::Write;

pub fn run(args: &BacktestArgs) -> anyhow::Result<()> {
    let (pairs, options) = resolve(args)?;
    let pair_refs: Vec<(&str, &str)> = pairs.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    // A bar over the cases when they simulate enough to take more than a second (hidden off a terminal).
    let cases = (pairs.len() * options.models.len() * options.levels.len()) as u64;
    let sims = options.simulation.as_ref().map_or(0, |s| s.sims);
    let shown_from = if sims.saturating_mul(cases) >= 500_000 { 0 } else { u64::MAX };
    let bar = crate::output::progress::labelled("backtest cases", cases, shown_from, false);
    let result = with_threads(args.threads, || backtest::run(&pair_refs, &options, &|| bar.inc(1)))??;
    bar.finish_and_clear();
    if let (Some(sim), None) = (&options.simulation, args.seed) {
        eprintln!("seed: {} (repeat this backtest with --seed {})", sim.seed, sim.seed);
    }
    let text = match args.format {
        Format::Table => render::table::backtest::render(&result, args.misses),
        Format::Json => render::json::pretty(&result)?,
        Format::Csv => render::csv::backtest::render(&result)?,
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
            InputError::new("--model", format!("unknown model '{m}': expected uns, proportional, stm, hybrid or all"))
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
    let geography = geography(args, &pairs)?;
    Ok((pairs, Options { models, levels, stands, simulation: simulation(args)?, geography }))
}

/// The slopes and tactical strength given by hand or learned from `--locals`; a ward pair held after a later
/// election of `pairs` is refused (it would not be a backtest).
fn geography(args: &BacktestArgs, pairs: &[(String, String)]) -> Result<Geography, InputError> {
    if let Some(pair) = &args.locals {
        for (_, to) in pairs {
            check_held_before(pair, to)?;
        }
        return Ok(learn_source(pair, &TacticalSpec::default())?.geography());
    }
    let mut g = Geography::default();
    if let Some(list) = &args.leave_slope {
        let slopes = super::parse_party_values("--leave-slope", std::slice::from_ref(list), super::PartyValue::Slope)?;
        let slopes = slopes.into_iter().map(|(party, slope)| Slope { party, slope, se: 0.0 }).collect();
        g.covariates.push(CovariateSlopes { covariate: Covariate::Leave, slopes });
    }
    if let Some(t) = args.tactical {
        if !(0.0..=1.0).contains(&t) {
            return Err(InputError::new("--tactical", format!("is {t}: expected a fraction from 0 to 1")));
        }
        g.tactical = Some(Tactical { spec: TacticalSpec::default(), strength: t, se: 0.0 });
    }
    Ok(g)
}

/// Refuses a ward pair whose later contest (May of its later year) came after election `to`; warns when both were
/// held on the same day (2010 and 2015).
fn check_held_before(pair: &str, to: &str) -> Result<(), InputError> {
    let Some((_, local)) = crate::estimate::wards::parse_pair_label(pair) else {
        return Err(InputError::new(
            "--locals",
            format!("'{pair}' is not a shipped ward pair: expected one like 2021-2024"),
        ));
    };
    let Some((year, month)) = crate::baseline::polling_date(to) else {
        eprintln!("warning: cannot tell whether the {pair} local elections were held before {to}: check it yourself");
        return Ok(());
    };
    let local = i32::from(local);
    if local > year || (local == year && month < 5) {
        return Err(InputError::new(
            "--locals",
            format!(
                "the {pair} local elections were held after {to} (May {local}): expected a pair held before the election it backtests"
            ),
        ));
    }
    if local == year && month == 5 {
        eprintln!(
            "warning: the {pair} local elections were held on the same day as {to}: these parameters are not out of sample"
        );
    }
    Ok(())
}

/// The simulation settings, validated; `None` without `--sims`. Without `--seed` a random seed is drawn.
fn simulation(args: &BacktestArgs) -> Result<Option<Simulation>, InputError> {
    let needs_sims =
        |flag: &str, what: &str| InputError::new(flag, format!("{what} the simulations: expected --sims N with it"));
    match args.sims {
        Some(sims) => {
            count_flag("--sims", sims, "a number of simulations", MAX_SIMS)?;
            args.threads.map(super::threads_rule).transpose()?;
            let seed = args.seed.unwrap_or_else(rand::random);
            let mut sim = Simulation::new(sims, seed);
            if let Some(spec) = &args.uncertainty {
                sim.uncertainty = uncertainty(spec, sim.uncertainty)?;
            }
            Ok(Some(sim))
        }
        None if args.seed.is_some() => Err(needs_sims("--seed", "seeds")),
        None if args.uncertainty.is_some() => Err(needs_sims("--uncertainty", "sets the noise of")),
        None if args.threads.is_some() => Err(needs_sims("--threads", "runs")),
        None => Ok(None),
    }
}

/// Applies `--uncertainty zero,national=1.5,regional=3,constituency=5,floor=1` to the backtest's default.
/// `regional` sets every party's regional σ, per-party overrides (Green 1.0) capped at it.
pub fn uncertainty(spec: &str, mut u: Uncertainty) -> Result<Uncertainty, InputError> {
    let bad = |m: String| InputError::new("--uncertainty", m);
    for item in spec.split(',').map(str::trim).filter(|x| !x.is_empty()) {
        if item.eq_ignore_ascii_case("zero") {
            u = Uncertainty { preset: u.preset, ..Uncertainty::zero() };
            continue;
        }
        let Some((key, value)) = item.split_once('=') else {
            return Err(bad(format!("'{item}': expected KEY=VALUE (national, regional, constituency, floor) or zero")));
        };
        let v: f64 = value
            .trim()
            .parse()
            .ok()
            .filter(|v: &f64| v.is_finite() && *v >= 0.0)
            .ok_or_else(|| bad(format!("'{item}': expected a σ in points ≥ 0")))?;
        match key.trim().to_ascii_lowercase().as_str() {
            "national" => u.national_sigma = v,
            "regional" => {
                u.regional_sigma = v;
                u.regional_sigma_party.iter_mut().for_each(|(_, s)| *s = s.min(v));
            }
            "constituency" => u.constituency_scale = v,
            "floor" => u.constituency_floor = v,
            other => {
                return Err(bad(format!(
                    "unknown key '{other}': expected national, regional, constituency, floor or zero"
                )));
            }
        }
    }
    Ok(u)
}
