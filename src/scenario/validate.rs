//! Turning the raw TOML into a validated [`Scenario`], with file, line and field in every error.

use super::raw::{RawScenario, RawShares};
use super::{CHART_NAMES, Local, Model, Preset, Scenario, Scope, Uncertainty};
use crate::error::InputError;
use crate::geo::Area;
use crate::party::{Party, valid_codes};
use std::ops::Range;
use toml::Spanned;

/// Line (1-based) of a byte offset.
fn line_of(text: &str, offset: usize) -> u64 {
    text.as_bytes()[..offset.min(text.len())].iter().filter(|&&b| b == b'\n').count() as u64 + 1
}

/// Error builder bound to one file's text.
pub(super) struct Ctx<'a> {
    pub text: &'a str,
    pub file: &'a str,
}

impl Ctx<'_> {
    pub(super) fn err(&self, span: Range<usize>, field: &str, message: impl Into<String>) -> InputError {
        InputError::new(self.file, message).at_line(line_of(self.text, span.start)).field(field)
    }

    pub(super) fn party(&self, s: &Spanned<String>, field: &str) -> Result<Party, InputError> {
        parse_party(s.get_ref()).map_err(|m| self.err(s.span(), field, m))
    }

    fn parties(&self, list: &Option<Vec<Spanned<String>>>, field: &str) -> Result<Option<Vec<Party>>, InputError> {
        match list {
            None => Ok(None),
            Some(items) => items.iter().map(|s| self.party(s, field)).collect::<Result<Vec<_>, _>>().map(Some),
        }
    }

    /// Shares in percent → fractions, each in [0, 100].
    fn shares(&self, shares: &RawShares, section: &str) -> Result<Vec<(Party, f64)>, InputError> {
        let mut out = Vec::new();
        for (key, value) in shares {
            let field = format!("{section}.{key}");
            let party = parse_party(key).map_err(|m| self.err(value.span(), &field, m))?;
            let v = *value.get_ref();
            if !v.is_finite() || !(0.0..=100.0).contains(&v) {
                return Err(self.err(
                    value.span(),
                    &field,
                    format!("share is {v}: expected a percentage from 0 to 100"),
                ));
            }
            if out.iter().any(|(p, _)| *p == party) {
                return Err(self.err(value.span(), &field, format!("party '{party}' is given twice")));
            }
            out.push((party, v / 100.0));
        }
        Ok(out)
    }

    fn sigma(&self, v: &Spanned<f64>, field: &str) -> Result<f64, InputError> {
        let x = *v.get_ref();
        if !x.is_finite() || x < 0.0 {
            return Err(self.err(v.span(), field, format!("is {x}: expected a standard deviation ≥ 0 (points)")));
        }
        Ok(x)
    }

    fn sigmas(&self, map: &RawShares, section: &str) -> Result<Vec<(Party, f64)>, InputError> {
        let mut out = Vec::new();
        for (key, value) in map {
            let field = format!("{section}.{key}");
            let party = parse_party(key).map_err(|m| self.err(value.span(), &field, m))?;
            out.push((party, self.sigma(value, &field)?));
        }
        Ok(out)
    }

    fn positive(&self, v: &Spanned<i64>, field: &str, what: &str) -> Result<u64, InputError> {
        let x = *v.get_ref();
        if x <= 0 {
            return Err(self.err(v.span(), field, format!("is {x}: expected {what}")));
        }
        Ok(x as u64)
    }
}

/// Parses a party code, with the list of valid codes in the error.
pub fn parse_party(code: &str) -> Result<Party, String> {
    Party::from_code(code).ok_or_else(|| format!("unknown party '{code}', expected one of {}", valid_codes()))
}

/// Converts toml's multi-line parse error into one line naming the line and, where it can, the `section.key`.
fn toml_error(e: toml::de::Error, text: &str, file: &str) -> InputError {
    let Some(span) = e.span() else {
        return InputError::new(file, e.message());
    };
    let line = line_of(text, span.start);
    let message =
        e.message().replace("expected f64", "expected a number").replace("expected i64", "expected a whole number");
    let mut err = InputError::new(file, message).at_line(line);
    let lines: Vec<&str> = text.lines().collect();
    if let Some(current) = lines.get(line as usize - 1)
        && let Some((key, _)) = current.split_once('=')
    {
        let key = key.trim().trim_matches('"');
        let section = lines[..line as usize - 1]
            .iter()
            .rev()
            .map(|l| l.trim())
            .find(|l| l.starts_with('['))
            .map(|l| l.trim_matches(|c| c == '[' || c == ']').trim().to_string());
        err = err.field(match section {
            Some(sec) => format!("{sec}.{key}"),
            None => key.to_string(),
        });
    }
    err
}

pub fn from_toml(text: &str, file: &str) -> Result<Scenario, InputError> {
    if text.trim().is_empty() {
        return Err(InputError::new(file, "empty file: expected a TOML scenario (see scenarios/example.toml)"));
    }
    let raw: RawScenario = toml::from_str(text).map_err(|e| toml_error(e, text, file))?;
    let cx = Ctx { text, file };
    let mut s = Scenario::default();
    if let Some(v) = raw.name {
        s.name = v;
    } else {
        s.name = std::path::Path::new(file).file_stem().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
    }
    s.description = raw.description.unwrap_or_default();
    s.source = raw.source.unwrap_or_default();
    match raw.baseline {
        Some(b) => s.baseline = b.into_inner(),
        None => {
            return Err(InputError::new(file, "missing key: expected a baseline name (e.g. \"ge2019\") or CSV path")
                .field("baseline"));
        }
    }
    if let Some(m) = raw.model {
        s.model = Model::from_code(m.get_ref()).ok_or_else(|| {
            cx.err(
                m.span(),
                "model",
                format!("unknown model '{}', expected uns, proportional, stm or hybrid", m.get_ref()),
            )
        })?;
    }
    if let Some(t) = raw.stm_threshold {
        let v = *t.get_ref();
        if !(v > 0.0 && v <= 1.0) {
            return Err(cx.err(t.span(), "stm_threshold", format!("is {v}: expected a fraction in (0, 1]")));
        }
        s.stm_threshold = v;
    }
    if let Some(sc) = raw.scope {
        s.scope = match sc.get_ref().to_ascii_lowercase().as_str() {
            "gb" => Scope::Gb,
            "england" => Scope::England,
            other => {
                return Err(cx.err(sc.span(), "scope", format!("unknown scope '{other}', expected gb or england")));
            }
        };
    }
    if let Some(h) = cx.parties(&raw.hold, "hold")? {
        s.hold = h;
    }
    if let Some(h) = cx.parties(&raw.stands_everywhere, "stands_everywhere")? {
        s.stands_everywhere = h;
    }
    if let Some(shares) = &raw.shares {
        s.shares = cx.shares(shares, "shares")?;
    }
    if let Some(regions) = &raw.regions {
        for (key, shares) in regions {
            let area = Area::from_key(key).ok_or_else(|| {
                let span = shares.values().next().map(|v| v.span()).unwrap_or(0..0);
                let e = cx.err(
                    span,
                    &format!("regions.{key}"),
                    format!("unknown region '{key}', expected one of {}", Area::valid_keys()),
                );
                if shares.is_empty() { locate_header(e, text, key) } else { e }
            })?;
            s.regions.push((area, cx.shares(shares, &format!("regions.{key}"))?));
        }
    }
    if let Some(lineage) = &raw.lineage {
        for (succ, pred) in lineage {
            let field = format!("lineage.{succ}");
            let successor = parse_party(succ).map_err(|m| cx.err(pred.span(), &field, m))?;
            let predecessor = cx.party(pred, &field)?;
            s.lineage.push((successor, predecessor));
        }
    }
    if let Some(u) = &raw.uncertainty {
        let preset = match &u.preset {
            None => Preset::WhatIf,
            Some(p) => match p.get_ref().to_ascii_lowercase().as_str() {
                "what-if" | "whatif" | "what_if" => Preset::WhatIf,
                "forecast" => Preset::Forecast,
                other => {
                    return Err(cx.err(
                        p.span(),
                        "uncertainty.preset",
                        format!("unknown preset '{other}', expected what-if or forecast"),
                    ));
                }
            },
        };
        let mut unc = Uncertainty::preset(preset);
        if let Some(v) = &u.national_sigma {
            unc.national_sigma = cx.sigma(v, "uncertainty.national_sigma")?;
        }
        if let Some(m) = &u.national_sigma_party {
            unc.national_sigma_party = cx.sigmas(m, "uncertainty.national_sigma_party")?;
        }
        if let Some(m) = &u.correlations {
            unc.correlations.clear();
            for (key, value) in m {
                let field = format!("uncertainty.correlations.{key}");
                let (a, b) = key.split_once('-').ok_or_else(|| {
                    cx.err(value.span(), &field, "expected a key naming two parties, like \"con-lab\"")
                })?;
                let pa = parse_party(a).map_err(|m| cx.err(value.span(), &field, m))?;
                let pb = parse_party(b).map_err(|m| cx.err(value.span(), &field, m))?;
                if pa == pb {
                    return Err(cx.err(value.span(), &field, "expected two different parties"));
                }
                let rho = *value.get_ref();
                if !rho.is_finite() || !(-1.0..=1.0).contains(&rho) {
                    return Err(cx.err(value.span(), &field, format!("is {rho}: expected a correlation in [-1, 1]")));
                }
                unc.correlations.push((pa, pb, rho));
            }
        }
        if let Some(v) = &u.regional_sigma {
            unc.regional_sigma = cx.sigma(v, "uncertainty.regional_sigma")?;
        }
        if let Some(m) = &u.regional_sigma_party {
            unc.regional_sigma_party = cx.sigmas(m, "uncertainty.regional_sigma_party")?;
        }
        if let Some(v) = &u.constituency_scale {
            unc.constituency_scale = cx.sigma(v, "uncertainty.constituency_scale")?;
        }
        if let Some(v) = &u.constituency_floor {
            unc.constituency_floor = cx.sigma(v, "uncertainty.constituency_floor")?;
        }
        s.uncertainty = unc;
    }
    if let Some(sim) = &raw.simulation {
        if let Some(n) = &sim.sims {
            s.simulation.sims = cx.positive(n, "simulation.sims", "a number of simulations ≥ 1")?;
        }
        if let Some(seed) = &sim.seed {
            let v = *seed.get_ref();
            if v < 0 {
                return Err(cx.err(seed.span(), "simulation.seed", format!("is {v}: expected a seed ≥ 0")));
            }
            s.simulation.seed = Some(v as u64);
        }
    }
    if let Some(p) = &raw.parliament {
        if let Some(m) = &p.majority {
            s.parliament.majority = cx.positive(m, "parliament.majority", "a number of seats ≥ 1")? as u32;
        }
        if let Some(m) = &p.effective_majority {
            s.parliament.effective_majority =
                cx.positive(m, "parliament.effective_majority", "a number of seats ≥ 1")? as u32;
        }
        if let Some(cs) = &p.coalitions {
            for c in cs {
                let mut parties = Vec::new();
                for code in c.get_ref() {
                    let party = parse_party(code).map_err(|m| cx.err(c.span(), "parliament.coalitions", m))?;
                    if !parties.contains(&party) {
                        parties.push(party);
                    }
                }
                if parties.len() < 2 {
                    return Err(cx.err(
                        c.span(),
                        "parliament.coalitions",
                        "expected a coalition of at least two parties",
                    ));
                }
                s.parliament.coalitions.push(parties);
            }
        }
    }
    if let Some(o) = &raw.output {
        if let Some(d) = &o.dir {
            s.output.dir = Some(d.into());
        }
        if let Some(c) = &o.charts {
            for name in c.get_ref() {
                if !CHART_NAMES.contains(&name.as_str()) {
                    return Err(cx.err(
                        c.span(),
                        "output.charts",
                        format!("unknown chart '{name}', expected one of {}", CHART_NAMES.join(", ")),
                    ));
                }
            }
            s.output.charts = c.get_ref().clone();
        }
        if let Some(w) = &o.width {
            s.output.width = size(&cx, w, "output.width")?;
        }
        if let Some(h) = &o.height {
            s.output.height = size(&cx, h, "output.height")?;
        }
    }
    if let Some(l) = &raw.local {
        let pair = l.pair.as_ref().ok_or_else(|| {
            InputError::new(file, "missing key: expected a shipped pair like \"2018-2022\" or a ward-pair CSV path")
                .field("local.pair")
        })?;
        let key_parties =
            cx.parties(&l.key_parties, "local.key_parties")?.unwrap_or(vec![Party::CON, Party::LAB, Party::LD]);
        let bootstrap = match &l.bootstrap {
            Some(b) => Some(cx.positive(b, "local.bootstrap", "a number of resamples ≥ 1")?),
            None => None,
        };
        let baseline_pns = match &l.baseline_pns {
            Some(m) => cx.shares(m, "local.baseline_pns")?,
            None => vec![],
        };
        let geography = l.geography.as_ref().is_some_and(|g| *g.get_ref());
        s.local = Some(Local { pair: pair.get_ref().clone(), key_parties, bootstrap, baseline_pns, geography });
    }
    let learned = s.local.as_ref().is_some_and(|l| l.geography);
    s.geography = super::geography::parse(&cx, raw.swing.as_ref(), raw.tactical.as_ref(), learned)?;
    if s.shares.is_empty() && s.regions.is_empty() && s.local.is_none() {
        return Err(InputError::new(
            file,
            "no shares given: expected a [shares] table (percent per party), a [regions.*] table or a [local] section",
        )
        .field("shares"));
    }
    check(&s, file).map_err(|e| locate(e, text))?;
    Ok(s)
}

/// Adds the line of the key or section an error's field names, when the error has no line yet.
pub fn locate(e: InputError, text: &str) -> InputError {
    match &e.field {
        Some(f) if e.line.is_none() => {
            let key = f.split('.').next_back().unwrap_or(f).to_string();
            let section = f.split('.').next().unwrap_or(f).to_string();
            locate_key(e, text, &section, &key)
        }
        _ => e,
    }
}

fn size(cx: &Ctx, v: &Spanned<i64>, field: &str) -> Result<u32, InputError> {
    let x = *v.get_ref();
    if !(200..=10_000).contains(&x) {
        return Err(cx.err(v.span(), field, format!("is {x}: expected a size in pixels from 200 to 10000")));
    }
    Ok(x as u32)
}

/// Adds the line of a `[... key]` table header when the error has no line yet.
fn locate_header(e: InputError, text: &str, key: &str) -> InputError {
    let line = text.lines().position(|l| l.trim_start().starts_with('[') && l.contains(key));
    e.at_line_opt(line.map(|l| l as u64 + 1))
}

/// Adds the line of `key =` inside `[section]` (or a `[section…]` header) when the error has no line yet.
fn locate_key(e: InputError, text: &str, section: &str, key: &str) -> InputError {
    let mut current = String::new();
    let mut header_line = None;
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        if t.starts_with('[') {
            current = t.trim_matches(|c| c == '[' || c == ']').trim().to_string();
            if current == section || current.starts_with(&format!("{section}.")) {
                header_line.get_or_insert(i as u64 + 1);
            }
            continue;
        }
        if (current == section || current.starts_with(&format!("{section}.")))
            && t.starts_with(key)
            && t[key.len()..].trim_start().starts_with('=')
        {
            return e.at_line(i as u64 + 1);
        }
    }
    e.at_line_opt(header_line)
}

/// Cross-field rules: named shares (plus held parties) at most 100, no overlapping regions, lineages sane.
pub fn check(s: &Scenario, file: &str) -> Result<(), InputError> {
    let sum = |shares: &[(Party, f64)]| shares.iter().map(|(_, v)| v).sum::<f64>();
    let total = sum(&s.shares);
    if total > 1.0 + 1e-9 {
        return Err(InputError::new(file, format!("named shares sum to {:.2}%: expected at most 100", total * 100.0))
            .field("shares"));
    }
    for (area, shares) in &s.regions {
        let t = sum(shares);
        if t > 1.0 + 1e-9 {
            return Err(InputError::new(
                file,
                format!("{} shares sum to {:.2}%: expected at most 100", area.name(), t * 100.0),
            )
            .field(format!("regions.{}", area_key(*area))));
        }
    }
    for (i, (a, _)) in s.regions.iter().enumerate() {
        for (b, _) in &s.regions[i + 1..] {
            let overlap = crate::geo::Region::ALL.iter().any(|r| a.contains(*r) && b.contains(*r));
            if overlap {
                return Err(InputError::new(
                    file,
                    format!(
                        "regions '{}' and '{}' overlap: expected each seat in at most one region table",
                        a.name(),
                        b.name()
                    ),
                )
                .field(format!("regions.{}", area_key(*b))));
            }
        }
        if matches!(a, Area::Nation(crate::geo::Nation::NorthernIreland))
            || matches!(a, Area::Region(crate::geo::Region::NorthernIreland))
        {
            return Err(InputError::new(
                file,
                "Northern Ireland's seats keep their baseline winners: expected a GB nation or region",
            )
            .field("regions.northern_ireland"));
        }
    }
    for (succ, pred) in &s.lineage {
        if succ == pred {
            return Err(InputError::new(file, format!("'{succ}' is mapped onto itself: expected a predecessor party"))
                .field(format!("lineage.{succ}")));
        }
        let named =
            |p: Party| s.shares.iter().chain(s.regions.iter().flat_map(|(_, v)| v.iter())).any(|(q, _)| *q == p);
        if named(*pred) {
            return Err(InputError::new(
                file,
                format!("'{pred}' is merged into '{succ}' by the lineage, so it cannot also be given a share"),
            )
            .field(format!("lineage.{succ}")));
        }
    }
    for coalition in &s.parliament.coalitions {
        if coalition.contains(&Party::SPEAKER) {
            return Err(InputError::new(file, "the Speaker does not vote: expected a coalition of parties")
                .field("parliament.coalitions"));
        }
    }
    if s.parliament.effective_majority > s.parliament.majority {
        return Err(InputError::new(
            file,
            format!(
                "effective majority {} exceeds the majority {}: expected at most the majority",
                s.parliament.effective_majority, s.parliament.majority
            ),
        )
        .field("parliament.effective_majority"));
    }
    Ok(())
}

fn area_key(a: Area) -> &'static str {
    match a {
        Area::Nation(n) => match n {
            crate::geo::Nation::England => "england",
            crate::geo::Nation::Scotland => "scotland",
            crate::geo::Nation::Wales => "wales",
            crate::geo::Nation::NorthernIreland => "northern_ireland",
        },
        Area::Region(r) => r.key(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_scenario() {
        let s = from_toml("baseline = \"ge2017\"\n[shares]\ncon = 35\nlab = 35\nld = 16\n", "t.toml").unwrap();
        assert_eq!(s.shares, vec![(Party::CON, 0.35), (Party::LAB, 0.35), (Party::LD, 0.16)]);
        assert_eq!(s.hold, vec![Party::SNP, Party::PC]);
        assert_eq!(s.model, Model::Uns);
    }

    #[test]
    fn unknown_party_names_line_and_field() {
        let e = from_toml("baseline = \"ge2017\"\n[shares]\ncon = 35\nwhig = 10\n", "t.toml").unwrap_err();
        assert_eq!(e.line, Some(4));
        assert_eq!(e.field.as_deref(), Some("shares.whig"));
        assert!(e.message.contains("unknown party 'whig'"));
    }

    #[test]
    fn sum_over_100_points_at_shares() {
        let e = from_toml("baseline = \"ge2017\"\n[shares]\ncon = 60\nlab = 50\n", "t.toml").unwrap_err();
        assert_eq!(e.field.as_deref(), Some("shares"));
        assert_eq!(e.line, Some(2));
    }

    #[test]
    fn unknown_key_is_an_error() {
        let e = from_toml("baseline = \"ge2017\"\ncolour = 3\n[shares]\ncon = 35\n", "t.toml").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("unknown field"), "{e}");
    }
}
