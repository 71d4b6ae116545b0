//! `pns estimate`: the PNS from ward-level local results, for one pair or every shipped pair (validation).

use crate::cli::{EstimateArgs, Format};
use crate::error::InputError;
use crate::estimate::geography::{Learned, check_spec, learn_source};
use crate::estimate::{
    BaselineSource, DEFAULT_KEY_PARTIES, Estimate, EstimateOptions, check_key_parties, estimate_all, estimate_file,
    estimate_shipped,
};
use crate::output::emit;
use crate::party::Party;
use crate::scenario::{TacticalSpec, Where, parse_party};
use std::fmt::Write;

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
    if let Some(dir) = &args.chart {
        crate::export::check_writable(dir)?;
    }
    if args.all {
        let all = estimate_all(&opts)?;
        match args.format {
            Format::Table => emit(&render_all(&all))?,
            Format::Json => emit(&(serde_json::to_string_pretty(&all)? + "\n"))?,
            Format::Csv => emit(&render_csv(&all)?)?,
        }
        return Ok(());
    }
    let estimate = match (&args.pair, &args.wards) {
        (Some(pair), _) => estimate_shipped(pair, &opts)?,
        (None, Some(path)) => estimate_file(path, &opts)?,
        (None, None) => return Err(InputError::new("command line", "expected WARDS.csv, --pair or --all").into()),
    };
    match args.format {
        Format::Table => emit(&render(&estimate))?,
        Format::Json => emit(&(serde_json::to_string_pretty(&estimate)? + "\n"))?,
        Format::Csv => emit(&render_csv(std::slice::from_ref(&estimate))?)?,
    }
    if let Some(dir) = &args.chart {
        let (w, h) = crate::render::chart::DEFAULT_SIZE;
        let png = crate::render::chart::pns::render(&estimate, w, h)?;
        crate::export::write_all(dir, &[crate::export::OutputFile { name: "pns.png".into(), bytes: png }])?;
        eprintln!("wrote pns.png to {}", dir.display());
    }
    Ok(())
}

/// `pns estimate --geography`: the Leave slopes and the tactical strength learned from one pair.
fn geography(args: &EstimateArgs) -> anyhow::Result<()> {
    let spec = tactical_spec(args)?;
    let source = match (&args.pair, &args.wards) {
        (Some(pair), _) => pair.clone(),
        (None, Some(path)) => path.display().to_string(),
        (None, None) => return Err(InputError::new("--geography", "expected --pair or WARDS.csv").into()),
    };
    let learned = learn_source(&source, &spec)?;
    match args.format {
        Format::Table => emit(&render_geography(&learned))?,
        Format::Json => emit(&(serde_json::to_string_pretty(&learned)? + "\n"))?,
        Format::Csv => {
            return Err(
                InputError::new("--format", "csv is not available with --geography: expected table or json").into()
            );
        }
    }
    Ok(())
}

/// The tactical spec of `--against`, `--bloc` and `--where` (defaults: con; lab,ld; first).
pub fn tactical_spec(args: &EstimateArgs) -> Result<TacticalSpec, InputError> {
    let mut spec = TacticalSpec::default();
    if let Some(a) = &args.against {
        spec.against = parse_party(a).map_err(|m| InputError::new("--against", m))?;
    }
    if let Some(list) = &args.bloc {
        spec.bloc = list
            .split(',')
            .filter(|s| !s.trim().is_empty())
            .map(|p| parse_party(p).map_err(|m| InputError::new("--bloc", m)))
            .collect::<Result<_, _>>()?;
    }
    if let Some(w) = &args.seats {
        spec.seats = Where::from_code(w).ok_or_else(|| {
            InputError::new("--where", format!("unknown '{}': expected first or first_or_second", w.trim()))
        })?;
    }
    check_spec(&spec).map_err(|(flag, m)| InputError::new(format!("--{flag}"), m))?;
    Ok(spec)
}

/// 90 % normal quantile.
const Z90: f64 = 1.644_853_626_951_472_2;

/// The table of `--geography`: slopes, then the tactical strength, then notes.
pub fn render_geography(l: &Learned) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "geography learned from {} ({})", l.pair, l.source);
    let _ = writeln!(
        s,
        "Leave slopes: change in share per point of council Leave share (region effects, council-electorate weights, \
         se clustered by council)"
    );
    let _ = writeln!(
        s,
        "{:<8} {:>8} {:>7} {:>18} {:>6} {:>8}",
        "party", "slope", "se", "90% interval", "wards", "councils"
    );
    for e in &l.slopes {
        let ci = format!("[{:+.3}, {:+.3}]", e.slope - Z90 * e.se, e.slope + Z90 * e.se);
        let _ = writeln!(
            s,
            "{:<8} {:>+8.3} {:>7.3} {:>18} {:>6} {:>8}",
            e.party.code(),
            e.slope,
            e.se,
            ci,
            e.wards,
            e.councils
        );
    }
    let t = &l.tactical;
    let bloc: Vec<&str> = t.spec.bloc.iter().map(|p| p.code()).collect();
    let _ = writeln!(
        s,
        "tactical: against {}, bloc {}, where {}: t = {:.3} (se {:.3}), {} wards ({} treated) in {} councils",
        t.spec.against,
        bloc.join(","),
        t.spec.seats.code(),
        t.strength,
        t.se,
        t.wards,
        t.treated,
        t.councils
    );
    for n in &l.notes {
        let _ = writeln!(s, "note: {n}");
    }
    s
}

/// Builds the options from the flags.
pub fn options(args: &EstimateArgs) -> Result<EstimateOptions, InputError> {
    let key_parties = match &args.key_parties {
        Some(list) => {
            let parties = list
                .split(',')
                .filter(|s| !s.trim().is_empty())
                .map(|p| parse_party(p).map_err(|m| InputError::new("--key-parties", m).field(p.trim().to_string())))
                .collect::<Result<Vec<_>, _>>()?;
            check_key_parties(&parties).map_err(|m| InputError::new("--key-parties", m))?;
            parties
        }
        None => DEFAULT_KEY_PARTIES.to_vec(),
    };
    let baseline_pns = if args.baseline_pns.is_empty() { None } else { Some(parse_baseline_pns(&args.baseline_pns)?) };
    Ok(EstimateOptions { key_parties, bootstrap: args.bootstrap, seed: args.seed, baseline_pns })
}

/// Parses `--baseline-pns con=35,lab=35` (repeatable) into fractions.
pub fn parse_baseline_pns(flags: &[String]) -> Result<Vec<(Party, f64)>, InputError> {
    super::parse_party_values("--baseline-pns", flags, super::PartyValue::Percent)
}

fn opt(v: Option<f64>) -> String {
    v.map_or("—".to_string(), |v| format!("{v:.0}"))
}

fn year_label(y: Option<u16>) -> String {
    y.map_or("base".to_string(), |y| y.to_string())
}

/// The table of one estimate: parties, then the change by region.
pub fn render(e: &Estimate) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "PNS estimate {}{}",
        e.pair,
        if e.description.is_empty() { String::new() } else { format!(" — {}", e.description) }
    );
    let keys: Vec<&str> = e.key_parties.iter().map(|p| p.code()).collect();
    let _ = writeln!(
        s,
        "key wards: {} of {} wards, in {} councils ({} standing at both contests)",
        e.key_wards,
        e.wards,
        e.key_councils,
        keys.join(", ")
    );
    for d in &e.dropped {
        let _ = writeln!(s, "  dropped {:>5}: {}", d.wards, d.reason);
    }
    if e.bootstrap > 0 {
        let _ =
            writeln!(s, "90% intervals: {} bootstrap resamples of wards within strata (seed {})", e.bootstrap, e.seed);
    }
    let _ = writeln!(s);
    let base = year_label(e.earlier_year);
    let later = year_label(e.later_year);
    let _ = writeln!(
        s,
        "{:<8} {:>7}  {:>9} {:>16} {:>7} {:>10} {:>7}",
        "party",
        base,
        "estimate",
        "90% interval",
        "change",
        format!("BBC {later}"),
        "naive"
    );
    for p in &e.parties {
        let mark = match p.baseline_source {
            BaselineSource::Published => "",
            BaselineSource::User => "u",
            BaselineSource::Estimated => "e",
            BaselineSource::Remainder => "r",
        };
        let _ = writeln!(
            s,
            "{:<8} {:>7.1}{:1} {:>9.1} {:>16} {:>+7.1} {:>10} {:>7.1}",
            p.party.code(),
            p.baseline_pns,
            mark,
            p.pns,
            format!("[{:.1}, {:.1}]", p.lo90, p.hi90),
            p.change,
            opt(p.published),
            p.naive
        );
    }
    let _ = writeln!(
        s,
        "baseline: published BBC PNS; u = --baseline-pns; e = estimated from the key wards; r = remainder to 100"
    );
    let _ = writeln!(s);
    let parties: Vec<&String> = e.regions.first().map(|r| r.modelled.keys().collect()).unwrap_or_default();
    let parties: Vec<&str> =
        e.parties.iter().map(|p| p.party.code()).filter(|c| parties.iter().any(|q| q.as_str() == *c)).collect();
    let _ = writeln!(s, "change by region, points: observed in the key wards / modelled (used in the GB estimate)");
    let mut head = format!("{:<26} {:>5} {:>6}", "region", "wards", "elect%");
    for p in &parties {
        let _ = write!(head, " {:>13}", p);
    }
    let _ = writeln!(s, "{head}");
    for r in &e.regions {
        let mut line = format!("{:<26} {:>5} {:>6.1}", r.region, r.key_wards, r.electorate_share);
        for p in &parties {
            let obs = r.observed.get(*p).map_or("    —".to_string(), |v| format!("{v:+5.1}"));
            let model = r.modelled.get(*p).copied().unwrap_or(0.0);
            let _ = write!(line, " {:>13}", format!("{obs} / {model:+5.1}"));
        }
        let _ = writeln!(s, "{line}");
    }
    for n in &e.notes {
        let _ = writeln!(s, "note: {n}");
    }
    s
}

/// Mean and maximum absolute error of the estimate and the naive estimate over Con, Lab and LD of the pairs whose
/// earlier year is at least `from` and whose later year has a published PNS.
pub fn errors(all: &[Estimate], from: u16) -> Option<((f64, f64), (f64, f64))> {
    let mut est = Vec::new();
    let mut naive = Vec::new();
    for e in all.iter().filter(|e| e.earlier_year.is_some_and(|y| y >= from)) {
        for p in e.parties.iter().filter(|p| [Party::CON, Party::LAB, Party::LD].contains(&p.party)) {
            if let Some(pub_) = p.published {
                est.push((p.pns - pub_).abs());
                naive.push((p.naive - pub_).abs());
            }
        }
    }
    if est.is_empty() {
        return None;
    }
    let stats = |v: &[f64]| (v.iter().sum::<f64>() / v.len() as f64, v.iter().copied().fold(0.0, f64::max));
    Some((stats(&est), stats(&naive)))
}

/// The validation table: every pair's estimate beside the published PNS and the naive estimate.
pub fn render_all(all: &[Estimate]) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{:<10} {:<7} {:>5} {:>6} {:>9} {:>14} {:>5} {:>6} {:>6} {:>6}",
        "pair", "party", "wards", "base", "estimate", "90% interval", "BBC", "error", "naive", "error"
    );
    for e in all {
        for p in &e.parties {
            let err = p.published.map_or("—".to_string(), |v| format!("{:+.1}", p.pns - v));
            let nerr = p.published.map_or("—".to_string(), |v| format!("{:+.1}", p.naive - v));
            let _ = writeln!(
                s,
                "{:<10} {:<7} {:>5} {:>6.1} {:>9.1} {:>14} {:>5} {:>6} {:>6.1} {:>6}",
                e.pair,
                p.party.code(),
                e.key_wards,
                p.baseline_pns,
                p.pns,
                format!("[{:.1}, {:.1}]", p.lo90, p.hi90),
                opt(p.published),
                err,
                p.naive,
                nerr
            );
        }
    }
    for (label, from) in [("pairs from 2016", 2016), ("all pairs", 0)] {
        if let Some(((m, x), (nm, nx))) = errors(all, from) {
            let _ = writeln!(
                s,
                "con, lab, ld, {label}: mean |error| {m:.2}, max {x:.2} (naive: mean {nm:.2}, max {nx:.2})"
            );
        }
    }
    s
}

/// One CSV row per pair and party.
pub fn render_csv(all: &[Estimate]) -> anyhow::Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "pair",
        "party",
        "key_wards",
        "baseline_pns",
        "baseline_source",
        "pns",
        "lo90",
        "hi90",
        "sd",
        "change",
        "published",
        "naive",
    ])?;
    for e in all {
        for p in &e.parties {
            let source = serde_json::to_value(p.baseline_source)?.as_str().unwrap_or("").to_string();
            w.write_record([
                e.pair.clone(),
                p.party.code().to_string(),
                e.key_wards.to_string(),
                p.baseline_pns.to_string(),
                source,
                p.pns.to_string(),
                p.lo90.to_string(),
                p.hi90.to_string(),
                p.sd.to_string(),
                p.change.to_string(),
                p.published.map_or(String::new(), |v| v.to_string()),
                p.naive.to_string(),
            ])?;
        }
    }
    Ok(String::from_utf8(w.into_inner()?)?)
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

    #[test]
    fn renders_tables_and_csv() {
        let opts = EstimateOptions { bootstrap: 20, ..EstimateOptions::default() };
        let e = estimate_shipped("2018-2022", &opts).unwrap();
        let table = render(&e);
        assert!(table.contains("key wards: 1093 of 1775"));
        assert!(table.contains("London"));
        let csv = render_csv(std::slice::from_ref(&e)).unwrap();
        assert_eq!(csv.lines().count(), 1 + e.parties.len());
        assert!(csv.lines().nth(1).unwrap().starts_with("2018-2022,con,1093,35,published,"));
        let ((mean, max), _) = errors(std::slice::from_ref(&e), 2016).unwrap();
        assert!(mean > 0.0 && max <= 2.0);
    }
}
