//! Where a scenario value came from (a span of the file or a flag) and the errors that name it.

use super::super::rules;
use crate::error::InputError;
use crate::party::{Party, valid_codes};
use std::ops::Range;
use toml::Spanned;

/// Where a value came from: a byte span of the scenario file, or a command-line flag (with the item as typed).
#[derive(Clone, Debug)]
pub(crate) enum At {
    File(Range<usize>),
    Flag { flag: &'static str, item: Option<String> },
}

/// A value and where it came from.
#[derive(Clone, Debug)]
pub(crate) struct Val<T> {
    pub v: T,
    pub at: At,
}

impl<T: Clone> Val<T> {
    /// A value of the scenario file.
    pub fn file(s: &Spanned<T>) -> Val<T> {
        Val { v: s.get_ref().clone(), at: At::File(s.span()) }
    }

    /// A value of a flag.
    pub fn flag(v: T, flag: &'static str) -> Val<T> {
        Val { v, at: At::Flag { flag, item: None } }
    }
}

/// A party → value table (`[shares]`, `--share`), in the order given.
pub(crate) type Table = Vec<(Val<String>, Val<f64>)>;

/// A file's table as a [`Table`]; each key is placed at its value.
pub(crate) fn file_table(map: &super::super::raw::RawShares) -> Table {
    map.iter().map(|(k, v)| (Val { v: k.clone(), at: At::File(v.span()) }, Val::file(v))).collect()
}

/// Line (1-based) of a byte offset.
pub(crate) fn line_of(text: &str, offset: usize) -> u64 {
    text.as_bytes()[..offset.min(text.len())].iter().filter(|&&b| b == b'\n').count() as u64 + 1
}

/// Error builder bound to one file's text (empty for an inline scenario).
pub(crate) struct Ctx<'a> {
    pub text: &'a str,
    pub file: &'a str,
}

impl Ctx<'_> {
    pub(crate) fn err(&self, span: Range<usize>, field: &str, message: impl Into<String>) -> InputError {
        InputError::new(self.file, message).at_line(line_of(self.text, span.start)).field(field)
    }

    /// An error about a value from wherever it came: the file's line and field, or the flag and its item.
    pub(crate) fn err_at(&self, at: &At, field: &str, message: impl Into<String>) -> InputError {
        match at {
            At::File(span) => self.err(span.clone(), field, message),
            At::Flag { flag, item: None } => InputError::new(*flag, message),
            At::Flag { flag, item: Some(item) } => InputError::new(*flag, message).field(item.clone()),
        }
    }

    /// Checks a value with `rule`, naming where it came from when it fails.
    pub(crate) fn rule<T, U>(
        &self,
        v: &Val<T>,
        field: &str,
        rule: impl Fn(&T) -> Result<U, String>,
    ) -> Result<U, InputError> {
        rule(&v.v).map_err(|m| self.err_at(&v.at, field, m))
    }

    /// A file value checked with `rule`.
    pub(crate) fn spanned<T: Clone, U>(
        &self,
        v: &Spanned<T>,
        field: &str,
        rule: impl Fn(&T) -> Result<U, String>,
    ) -> Result<U, InputError> {
        self.rule(&Val::file(v), field, rule)
    }

    pub(crate) fn party(&self, s: &Val<String>, field: &str) -> Result<Party, InputError> {
        self.rule(s, field, |code| parse_party(code))
    }

    pub(crate) fn parties(&self, list: &[Val<String>], field: &str) -> Result<Vec<Party>, InputError> {
        list.iter().map(|s| self.party(s, field)).collect()
    }

    /// A party → percent table as fractions: known parties, each once, each a percentage.
    pub(crate) fn shares(&self, table: &Table, section: &str) -> Result<Vec<(Party, f64)>, InputError> {
        let mut out: Vec<(Party, f64)> = Vec::new();
        for (key, value) in table {
            let field = format!("{section}.{}", key.v);
            let party = self.party(key, &field)?;
            let v = self.rule(value, &field, |v| rules::percent(*v))?;
            if out.iter().any(|(p, _)| *p == party) {
                return Err(self.err_at(&value.at, &field, format!("party '{party}' is given twice")));
            }
            out.push((party, v));
        }
        Ok(out)
    }

    /// A party → σ table.
    pub(crate) fn sigmas(&self, table: &Table, section: &str) -> Result<Vec<(Party, f64)>, InputError> {
        let mut out = Vec::new();
        for (key, value) in table {
            let field = format!("{section}.{}", key.v);
            out.push((self.party(key, &field)?, self.rule(value, &field, |v| rules::sigma(*v))?));
        }
        Ok(out)
    }
}

/// Parses a party code, with the list of valid codes in the error.
pub fn parse_party(code: &str) -> Result<Party, String> {
    Party::from_code(code).ok_or_else(|| format!("unknown party '{code}', expected one of {}", valid_codes()))
}

/// Converts toml's multi-line parse error into one line naming the line and, where it can, the `section.key`.
pub(crate) fn toml_error(e: toml::de::Error, text: &str, file: &str) -> InputError {
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

/// Adds the line of the key or section an error's field names, when the error has no line yet: for
/// `local.baseline_pns.snp` the line of `snp =`, else of `baseline_pns =`, inside `[local]`, else the header.
pub fn locate(e: InputError, text: &str) -> InputError {
    match &e.field {
        Some(f) if e.line.is_none() => {
            let parts: Vec<&str> = f.split('.').collect();
            if parts.len() == 1 {
                // A top-level key (`baseline`), or a section named alone (`shares`).
                let line = key_line(text, "", parts[0]).or_else(|| header_line(text, parts[0]));
                return e.at_line_opt(line);
            }
            let section = parts[0];
            let line = parts[1..].iter().rev().find_map(|key| key_line(text, section, key));
            let line = line.or_else(|| header_line(text, section));
            e.at_line_opt(line)
        }
        _ => e,
    }
}

/// Adds the line of a `[... key]` table header when the error has no line yet.
pub(crate) fn locate_header(e: InputError, text: &str, key: &str) -> InputError {
    let line = text.lines().position(|l| l.trim_start().starts_with('[') && l.contains(key));
    e.at_line_opt(line.map(|l| l as u64 + 1))
}

/// The line of `key =` inside `[section]` (or a `[section.…]` table).
fn key_line(text: &str, section: &str, key: &str) -> Option<u64> {
    let mut current = String::new();
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        if t.starts_with('[') {
            current = t.trim_matches(|c| c == '[' || c == ']').trim().to_string();
            continue;
        }
        if (current == section || current.starts_with(&format!("{section}.")))
            && t.starts_with(key)
            && t[key.len()..].trim_start().starts_with('=')
        {
            return Some(i as u64 + 1);
        }
    }
    None
}

/// The line of the first `[section]` or `[section.…]` header.
fn header_line(text: &str, section: &str) -> Option<u64> {
    text.lines()
        .position(|l| {
            let t = l.trim();
            t.starts_with('[') && {
                let name = t.trim_matches(|c| c == '[' || c == ']').trim();
                name == section || name.starts_with(&format!("{section}."))
            }
        })
        .map(|i| i as u64 + 1)
}
