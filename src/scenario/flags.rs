//! Step one of reading a scenario from the command line: the flags as given, before any rule is checked.

use super::rules;
use super::{Model, Preset, Scope, parse_party};
use crate::error::InputError;
use crate::party::Party;
use std::path::PathBuf;

/// The command line's part of a scenario: each flag as typed, merged into the file's values (flags win) and then
/// validated once with them (see `validate`).
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    /// `--baseline`.
    pub baseline: Option<String>,
    /// `--model`.
    pub model: Option<Model>,
    /// `--scope`.
    pub scope: Option<Scope>,
    /// `--hold`: a comma-separated list of parties, or `none`.
    pub hold: Option<String>,
    /// `--share` items, each `PARTY=PCT` or a comma-separated list of them.
    pub shares: Vec<String>,
    /// `--sims`.
    pub sims: Option<u64>,
    /// `--seed`.
    pub seed: Option<u64>,
    /// `--out`.
    pub out: Option<PathBuf>,
    /// `--preset` (`pns run`): the uncertainty preset, under the file's `[uncertainty]` keys.
    pub preset: Option<Preset>,
    /// `--nation` items, each `NATION:PARTY=PCT,…` (a nation's target shares).
    pub nations: Vec<String>,
    /// `--region` items, each `REGION:PARTY=PCT,…` (an English region's target shares).
    pub regions: Vec<String>,
    /// `--stands-everywhere`: a comma-separated list of parties, or `none`.
    pub stands_everywhere: Option<String>,
    /// `--coalition` items (`pns run`), each `P1+P2[+…]` or a comma-separated list of them.
    pub coalitions: Vec<String>,
    /// With no file and no `--share`, the baseline as it was (every target at its baseline share, so a projection
    /// changes nothing) instead of an error: `pns seat NAME --baseline ge2024`.
    pub baseline_alone: bool,
    /// `--chart-format`, as typed.
    pub chart_format: Option<String>,
}

/// One `PARTY=VALUE` item of a flag, split but not yet checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// The item as typed (named in errors).
    pub text: String,
    pub party: String,
    pub value: f64,
}

/// Splits `PARTY=VALUE` flags (each may hold a comma-separated list; empty items are skipped) into items. Only
/// the syntax is checked here: a missing `=` or a value that is not a number.
pub fn split_items(flag: &str, flags: &[String], example: &str) -> Result<Vec<Item>, InputError> {
    let mut out = Vec::new();
    for item in flags.iter().flat_map(|f| f.split(',')).map(str::trim).filter(|s| !s.is_empty()) {
        let err = |m: String| InputError::new(flag, m).field(item.to_string());
        let (party, value) = item.split_once('=').ok_or_else(|| err(format!("expected {example}")))?;
        let value = value.trim();
        let value: f64 = value.parse().map_err(|_| err(format!("'{value}' is not a number: expected {example}")))?;
        out.push(Item { text: item.to_string(), party: party.trim().to_string(), value });
    }
    Ok(out)
}

/// What the values of a `PARTY=VALUE` list are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartyValue {
    /// A percentage from 0 to 100, returned as a fraction.
    Percent,
    /// A Leave slope in points per point, from -5 to 5.
    Slope,
}

/// Parses a `PARTY=VALUE` flag that is not part of a scenario (`--baseline-pns`, `--leave-slope`) with the same
/// rules as the scenario's tables: a repeated party, an unknown party or a value out of range is a one-line error
/// naming the flag and the item.
pub fn parse_party_values(flag: &str, flags: &[String], kind: PartyValue) -> Result<Vec<(Party, f64)>, InputError> {
    let example = match kind {
        PartyValue::Percent => "PARTY=PCT, e.g. lab=36",
        PartyValue::Slope => "PARTY=SLOPE, e.g. con=-0.37",
    };
    let mut out: Vec<(Party, f64)> = Vec::new();
    for item in split_items(flag, flags, example)? {
        let err = |m: String| InputError::new(flag, m).field(item.text.clone());
        let party = parse_party(&item.party).map_err(err)?;
        let v = match kind {
            PartyValue::Percent => rules::percent(item.value),
            PartyValue::Slope => rules::slope(item.value, "leave"),
        }
        .map_err(err)?;
        if out.iter().any(|(p, _)| *p == party) {
            return Err(err(format!("party '{party}' is given twice")));
        }
        out.push((party, v));
    }
    Ok(out)
}

/// One `--nation`/`--region` value split at its first `:` into the area's name and its `PARTY=PCT` items. Only the
/// syntax is checked here; `example` is shown when the `:` is missing.
pub fn split_area<'a>(flag: &str, value: &'a str, example: &str) -> Result<(&'a str, &'a str), InputError> {
    value.split_once(':').map(|(name, items)| (name.trim(), items)).ok_or_else(|| {
        let area = flag.trim_start_matches('-').to_ascii_uppercase();
        InputError::new(flag, format!("expected {area}:PARTY=PCT,…, e.g. {example}")).field(value.trim().to_string())
    })
}

/// The coalitions of `--coalition` flags (each `P1+P2[+…]`, several per flag separated by commas), each as typed and
/// split into its party codes; empty items are skipped.
pub fn coalition_items(flags: &[String]) -> Vec<(String, Vec<String>)> {
    flags
        .iter()
        .flat_map(|f| f.split(','))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|c| (c.to_string(), c.split('+').map(|p| p.trim().to_string()).collect()))
        .collect()
}

/// The parties of `--hold` or `--stands-everywhere`: none for `none` or an empty list.
pub fn hold_items(hold: &str) -> Vec<String> {
    if hold.trim().eq_ignore_ascii_case("none") {
        return vec![];
    }
    hold.split(',').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_parser_for_every_party_list() {
        let v = parse_party_values("--share", &["lab=36, con=29".into(), "ld=18".into()], PartyValue::Percent);
        assert_eq!(v.unwrap(), vec![(Party::LAB, 0.36), (Party::CON, 0.29), (Party::LD, 0.18)]);
        let e = parse_party_values("--baseline-pns", &["con35".into()], PartyValue::Percent).unwrap_err();
        assert_eq!(e.to_string(), "--baseline-pns: field `con35`: expected PARTY=PCT, e.g. lab=36");
        let e = parse_party_values("--leave-slope", &["con=-1,con=2".into()], PartyValue::Slope).unwrap_err();
        assert!(e.to_string().contains("party 'con' is given twice"), "{e}");
        let e = parse_party_values("--share", &["lab=101".into()], PartyValue::Percent).unwrap_err();
        assert_eq!(e.to_string(), "--share: field `lab=101`: share is 101: expected a percentage from 0 to 100");
    }

    #[test]
    fn area_and_coalition_flags_split_as_typed() {
        assert_eq!(split_area("--nation", "Scotland: snp=33,lab=18", "x").unwrap(), ("Scotland", " snp=33,lab=18"));
        let e = split_area("--nation", "scotland snp=33", "scotland:snp=33,lab=18").unwrap_err();
        assert_eq!(
            e.to_string(),
            "--nation: field `scotland snp=33`: expected NATION:PARTY=PCT,…, e.g. scotland:snp=33,lab=18"
        );
        let c = coalition_items(&["lab+ld+green".into(), "con + reform, ,lab+snp".into()]);
        let parties: Vec<Vec<&str>> = c.iter().map(|(_, p)| p.iter().map(String::as_str).collect()).collect();
        assert_eq!(parties, vec![vec!["lab", "ld", "green"], vec!["con", "reform"], vec!["lab", "snp"]]);
        assert_eq!(c[1].0, "con + reform");
    }

    #[test]
    fn hold_none_is_empty() {
        assert!(hold_items("none").is_empty());
        assert!(hold_items(" ").is_empty());
        assert_eq!(hold_items("snp, pc"), vec!["snp", "pc"]);
    }
}
