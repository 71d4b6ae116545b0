//! `pns estimate`: the PNS from ward-level local results, for one pair or every shipped pair (validation).

use crate::cli::{EstimateArgs, Format};
use crate::error::InputError;
use crate::estimate::geography::{learn_source, parse_spec};
use crate::estimate::{EstimateOptions, estimate_all, estimate_file, estimate_shipped, parse_key_parties, validation};
use crate::output::finite::ensure;
use crate::output::{OutputDir, emit};
use crate::party::Party;
use crate::render::csv::estimate as csv;
use crate::render::table::estimate as table;
use crate::render::{chart, json};
use crate::scenario::rules::{self, MAX_BOOTSTRAP, count_flag};

pub fn run(args: &EstimateArgs) -> anyhow::Result<()> {
    if args.geography {
        return geography(args);
    }
    let given =
        [("--against", args.against.is_some()), ("--bloc", args.bloc.is_some()), ("--where", args.seats.is_some())];
    if let Some((flag, _)) = given.iter().find(|(_, g)| *g) {
        return Err(
            InputError::new(*flag, "applies to the tactical strength only: expected --geography as well").into()
        );
    }
    let opts = options(args)?;
    let format = rules::chart_format_flag(args.chart_format.as_deref())?.unwrap_or_default();
    let size = rules::chart_size_flag(args.size.as_deref())?;
    let out = args.chart.as_deref().map(OutputDir::open).transpose()?;
    if args.all {
        let mut all = estimate_all(&opts)?;
        if let Some(v) = validation::from_estimates(&all) {
            all.iter_mut().for_each(|e| validation::apply(e, &v));
        }
        ensure(&all, "--all", "the estimate")?;
        match args.format {
            Format::Table => emit(&table::render_all(&all))?,
            Format::Json => emit(&json::pretty(&all)?)?,
            Format::Csv => emit(&csv::render(&all)?)?,
        }
        return Ok(());
    }
    let mut estimate = match (&args.pair, &args.wards) {
        (Some(pair), _) => estimate_shipped(pair, &opts)?,
        (None, Some(path)) => estimate_file(path, &opts)?,
        (None, None) => return Err(InputError::new("command line", "expected WARDS.csv, --pair or --all").into()),
    };
    match validation::of_estimator(&opts) {
        Some(v) => validation::apply(&mut estimate, &v),
        None => {
            estimate.notes.push("no validation interval: no shipped pair could be estimated with these options".into())
        }
    }
    ensure(&estimate, &estimate.source, "the estimate")?;
    match args.format {
        Format::Table => emit(&table::render(&estimate))?,
        Format::Json => emit(&json::pretty(&estimate)?)?,
        Format::Csv => emit(&csv::render(std::slice::from_ref(&estimate))?)?,
    }
    if let Some(out) = &out {
        let (w, h) = size.unwrap_or(chart::DEFAULT_SIZE);
        let files = chart::pns::render(&estimate, w, h)?.files("pns", format)?;
        out.add(&files)?;
        let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
        eprintln!("wrote {} to {}", names.join(" and "), out.path().display());
    }
    Ok(())
}

/// `pns estimate --geography`: the Leave slopes and the tactical strength learned from one pair.
fn geography(args: &EstimateArgs) -> anyhow::Result<()> {
    let spec = parse_spec(args.against.as_deref(), args.bloc.as_deref(), args.seats.as_deref())?;
    let source = match (&args.pair, &args.wards) {
        (Some(pair), _) => pair.clone(),
        (None, Some(path)) => path.display().to_string(),
        (None, None) => return Err(InputError::new("--geography", "expected --pair or WARDS.csv").into()),
    };
    let learned = learn_source(&source, &spec)?;
    ensure(&learned, &source, "the geography")?;
    match args.format {
        Format::Table => emit(&table::render_geography(&learned))?,
        Format::Json => emit(&json::pretty(&learned)?)?,
        Format::Csv => {
            return Err(
                InputError::new("--format", "csv is not available with --geography: expected table or json").into()
            );
        }
    }
    Ok(())
}

/// Builds the options from the flags.
pub fn options(args: &EstimateArgs) -> Result<EstimateOptions, InputError> {
    let key_parties = parse_key_parties(args.key_parties.as_deref())?;
    let baseline_pns = if args.baseline_pns.is_empty() { None } else { Some(parse_baseline_pns(&args.baseline_pns)?) };
    // 0 resamples is allowed (no intervals), so only the maximum is checked.
    let bootstrap = match args.bootstrap {
        0 => 0,
        n => count_flag("--bootstrap", n, "a number of resamples", MAX_BOOTSTRAP)?,
    };
    Ok(EstimateOptions { key_parties, bootstrap, seed: args.seed, baseline_pns })
}

/// Parses `--baseline-pns con=35,lab=35` (repeatable) into fractions.
pub fn parse_baseline_pns(flags: &[String]) -> Result<Vec<(Party, f64)>, InputError> {
    super::parse_party_values("--baseline-pns", flags, super::PartyValue::Percent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn baseline_flags_parse_to_fractions() {
        let v = parse_baseline_pns(&["con=35,lab=35".into(), "ld=16".into()]).unwrap();
        assert_eq!(v, vec![(Party::CON, 0.35), (Party::LAB, 0.35), (Party::LD, 0.16)]);
        let e = parse_baseline_pns(&["con35".into()]).unwrap_err().to_string();
        assert_eq!(e, "--baseline-pns: field `con35`: expected PARTY=PCT, e.g. lab=36");
        assert!(parse_baseline_pns(&["con=abc".into()]).is_err());
        assert!(parse_baseline_pns(&["whig=3".into()]).is_err());
        // The one parser of PARTY=VALUE lists: a repeated party is refused here as for --share.
        let e = parse_baseline_pns(&["con=35,con=30".into()]).unwrap_err().to_string();
        assert!(e.contains("given twice"), "{e}");
    }
}
