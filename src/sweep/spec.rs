//! What a sweep varies: the `[sweep]` section of a scenario file and the `--x`/`--y`/`--others` flags, checked.

use crate::error::InputError;
use crate::party::Party;
use serde::Deserialize;
use std::ops::Range;
use toml::Spanned;

/// Most points a sweep may have (both axes together).
pub const MAX_POINTS: u64 = 1_000_000;

/// One swept party: its share from `from` to `to` (percent) in steps of `step`.
#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    pub party: Party,
    pub from: f64,
    pub to: f64,
    pub step: f64,
    /// Number of values: `from`, `from + step`, … up to `to` (within 1e-9 of a step).
    pub n: u64,
    /// The flag that gave the axis (`--x`, `--y`), or `None` for the file's `[sweep]`.
    pub flag: Option<&'static str>,
}

impl Axis {
    /// The `i`-th value, percent, rounded to 1e-9 so that `15 + 30 × 0.5` and a scenario's `30` are the same number.
    pub fn value(&self, i: u64) -> f64 {
        ((self.from + i as f64 * self.step) * 1e9).round() / 1e9
    }
}

/// What happens to the other parties the scenario names as a swept party moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Others {
    /// Scaled in proportion, so the named parties' total stays what the scenario gave.
    Scale,
    /// Kept as given; the named total changes with the swept shares (and must stay ≤ 100 at every point).
    Hold,
}

impl Others {
    pub fn code(self) -> &'static str {
        match self {
            Others::Scale => "scale",
            Others::Hold => "hold",
        }
    }

    fn parse(s: &str) -> Result<Others, String> {
        match s.to_ascii_lowercase().as_str() {
            "scale" => Ok(Others::Scale),
            "hold" => Ok(Others::Hold),
            _ => Err(format!("expected scale or hold, found '{s}'")),
        }
    }
}

/// A checked sweep: one or two axes, the rule for the other parties and the simulations per point.
#[derive(Clone, Debug, PartialEq)]
pub struct Spec {
    pub x: Axis,
    pub y: Option<Axis>,
    pub others: Others,
    /// Simulations per point (0: the deterministic projection only).
    pub sims: u64,
}

/// The sweep's flags as typed.
#[derive(Clone, Debug, Default)]
pub struct Flags {
    pub x: Option<String>,
    pub y: Option<String>,
    pub others: Option<String>,
    pub sims: Option<u64>,
}

#[derive(Deserialize, Default)]
struct File {
    sweep: Option<RawSweep>,
}

/// `[sweep]` as written.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawSweep {
    x: Option<Spanned<RawAxis>>,
    y: Option<Spanned<RawAxis>>,
    others: Option<Spanned<String>>,
    sims: Option<Spanned<i64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAxis {
    party: Spanned<String>,
    from: Spanned<f64>,
    to: Spanned<f64>,
    step: Spanned<f64>,
}

/// An axis before its checks, each part with the place errors name.
struct Given {
    party: (String, Place),
    from: (f64, Place),
    to: (f64, Place),
    step: (f64, Place),
}

/// Where a value came from: a line and field of the file, or a flag.
#[derive(Clone)]
enum Place {
    File { line: u64, field: String },
    Flag(&'static str),
}

/// Reads the sweep from the scenario file's `[sweep]` section (`text`, labelled `file`; empty without a file) and
/// the flags, flags winning; every rule but the scenario's own is checked here.
pub fn read(text: &str, file: &str, flags: &Flags) -> Result<Spec, InputError> {
    let raw: File = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| line_of(text, s.start));
        InputError::new(file, e.message().to_string()).at_line_opt(line).field("sweep")
    })?;
    let raw = raw.sweep.unwrap_or_default();
    let err = |p: &Place, m: String| match p {
        Place::File { line, field } => InputError::new(file, m).at_line(*line).field(field.clone()),
        Place::Flag(f) => InputError::new(*f, m),
    };
    let from_file = |a: &Spanned<RawAxis>, key: &str| file_axis(text, a.get_ref(), key);
    let x = match &flags.x {
        Some(s) => Some(flag_axis("--x", s)?),
        None => raw.x.as_ref().map(|a| from_file(a, "x")),
    };
    let y = match &flags.y {
        Some(s) => Some(flag_axis("--y", s)?),
        None => raw.y.as_ref().map(|a| from_file(a, "y")),
    };
    let Some(x) = x else {
        return Err(InputError::new(
            file,
            "expected a swept party: [sweep] x = { party, from, to, step } or --x PARTY=FROM:TO:STEP",
        )
        .field("sweep.x"));
    };
    let x = axis(x, &err)?;
    let y = y.map(|y| axis(y, &err)).transpose()?;
    if let Some(y) = &y {
        if y.party == x.party {
            let place = match (&flags.y, &raw.y) {
                (Some(_), _) | (None, None) => Place::Flag("--y"),
                (None, Some(a)) => place(text, a.get_ref().party.span(), "sweep.y.party"),
            };
            return Err(err(&place, format!("expected a party other than x's, found '{}'", y.party)));
        }
        if x.n.saturating_mul(y.n) > MAX_POINTS {
            return Err(InputError::new(file, format!("{} × {} points: expected at most {MAX_POINTS}", x.n, y.n))
                .field("sweep"));
        }
    }
    let others = match (&flags.others, &raw.others) {
        (Some(s), _) => Others::parse(s).map_err(|m| InputError::new("--others", m))?,
        (None, Some(s)) => Others::parse(s.get_ref()).map_err(|m| err(&place(text, s.span(), "sweep.others"), m))?,
        (None, None) => Others::Scale,
    };
    let sims = match (flags.sims, &raw.sims) {
        (Some(n), _) => crate::scenario::rules::count_flag(
            "--sims",
            n,
            "a number of simulations",
            crate::scenario::rules::MAX_SIMS,
        )?,
        (None, Some(n)) => crate::scenario::rules::count(
            i128::from(*n.get_ref()),
            "a number of simulations",
            crate::scenario::rules::MAX_SIMS,
        )
        .map_err(|m| err(&place(text, n.span(), "sweep.sims"), m))?,
        (None, None) => 0,
    };
    Ok(Spec { x, y, others, sims })
}

/// Line (1-based) of a byte offset of `text`.
fn line_of(text: &str, offset: usize) -> u64 {
    text.as_bytes()[..offset.min(text.len())].iter().filter(|&&b| b == b'\n').count() as u64 + 1
}

fn place(text: &str, span: Range<usize>, field: &str) -> Place {
    Place::File { line: line_of(text, span.start), field: field.to_string() }
}

fn file_axis(text: &str, a: &RawAxis, key: &str) -> Given {
    let at = |s: Range<usize>, k: &str| place(text, s, &format!("sweep.{key}.{k}"));
    Given {
        party: (a.party.get_ref().clone(), at(a.party.span(), "party")),
        from: (*a.from.get_ref(), at(a.from.span(), "from")),
        to: (*a.to.get_ref(), at(a.to.span(), "to")),
        step: (*a.step.get_ref(), at(a.step.span(), "step")),
    }
}

/// `PARTY=FROM:TO:STEP`.
fn flag_axis(flag: &'static str, s: &str) -> Result<Given, InputError> {
    let bad = || InputError::new(flag, format!("expected PARTY=FROM:TO:STEP, e.g. reform=15:35:0.5, found '{s}'"));
    let (party, range) = s.split_once('=').ok_or_else(bad)?;
    let parts: Vec<&str> = range.split(':').collect();
    let [from, to, step] = parts[..] else { return Err(bad()) };
    let num = |v: &str| v.trim().parse::<f64>().map_err(|_| bad());
    let p = Place::Flag(flag);
    Ok(Given {
        party: (party.trim().to_string(), p.clone()),
        from: (num(from)?, p.clone()),
        to: (num(to)?, p.clone()),
        step: (num(step)?, p),
    })
}

/// Checks an axis: a known party, `0 ≤ from ≤ to ≤ 100`, `step > 0`, at most [`MAX_POINTS`] values.
fn axis(g: Given, err: &dyn Fn(&Place, String) -> InputError) -> Result<Axis, InputError> {
    let party = crate::scenario::parse_party(&g.party.0).map_err(|m| err(&g.party.1, m))?;
    for (v, p) in [&g.from, &g.to] {
        if !(v.is_finite() && (0.0..=100.0).contains(v)) {
            return Err(err(p, format!("expected a share from 0 to 100 percent, found '{v}'")));
        }
    }
    if g.to.0 < g.from.0 {
        return Err(err(&g.to.1, format!("expected at least from ({}), found '{}'", g.from.0, g.to.0)));
    }
    let step = g.step.0;
    if !(step.is_finite() && step > 0.0) {
        return Err(err(&g.step.1, format!("expected a step above 0, found '{step}'")));
    }
    let span = (g.to.0 - g.from.0) / step;
    if span >= MAX_POINTS as f64 {
        return Err(err(&g.step.1, format!("{span:.0} steps: expected at most {MAX_POINTS} points")));
    }
    let n = (span + 1e-9).floor() as u64 + 1;
    let flag = match g.party.1 {
        Place::Flag(f) => Some(f),
        Place::File { .. } => None,
    };
    Ok(Axis { party, from: g.from.0, to: g.to.0, step, n, flag })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flags(x: &str) -> Flags {
        Flags { x: Some(x.into()), ..Flags::default() }
    }

    #[test]
    fn axis_values_reach_to_and_round() {
        let s = read("", "t.toml", &flags("reform=15:35:0.5")).unwrap();
        assert_eq!(s.x.n, 41);
        assert_eq!(s.x.value(30), 30.0);
        assert_eq!(s.x.value(40), 35.0);
        let s = read("", "t.toml", &flags("lab=10:11:0.1")).unwrap();
        assert_eq!(s.x.n, 11);
        assert_eq!(s.x.value(7), 10.7);
    }

    #[test]
    fn file_errors_name_line_and_field() {
        let text = "name = \"a\"\n[sweep]\nx = { party = \"lab\", from = 20, to = 10, step = 1 }\n";
        let e = read(text, "t.toml", &Flags::default()).unwrap_err().to_string();
        assert_eq!(e, "t.toml:3: field `sweep.x.to`: expected at least from (20), found '10'");
        let text = "[sweep]\nx = { party = \"lab\", from = 1, to = 10, step = 1 }\nothers = \"keep\"\n";
        let e = read(text, "t.toml", &Flags::default()).unwrap_err().to_string();
        assert_eq!(e, "t.toml:3: field `sweep.others`: expected scale or hold, found 'keep'");
    }

    #[test]
    fn flag_errors_name_the_flag() {
        let e = read("", "t.toml", &flags("lab=1:2")).unwrap_err().to_string();
        assert_eq!(e, "--x: expected PARTY=FROM:TO:STEP, e.g. reform=15:35:0.5, found 'lab=1:2'");
        let e = read("", "t.toml", &flags("lab=1:2:0")).unwrap_err().to_string();
        assert_eq!(e, "--x: expected a step above 0, found '0'");
        let f = Flags { y: Some("lab=1:2:1".into()), ..flags("lab=1:5:1") };
        let e = read("", "t.toml", &f).unwrap_err().to_string();
        assert_eq!(e, "--y: expected a party other than x's, found 'lab'");
        let f = Flags { y: Some("con=0:100:0.01".into()), ..flags("lab=0:100:0.01") };
        assert!(read("", "t.toml", &f).unwrap_err().to_string().contains("expected at most 1000000"));
    }
}
