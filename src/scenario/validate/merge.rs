//! The merge of the two steps: each overridable value taken from its flag if given, else from the file.

use super::super::flags::{Overrides, hold_items, split_items};
use super::super::raw::RawScenario;
use super::ctx::{At, Table, Val, file_table};
use crate::error::InputError;
use std::path::PathBuf;

/// The values a flag can override, each with where it came from; not yet checked.
pub(crate) struct Given {
    pub baseline: Option<Val<String>>,
    pub model: Option<Val<String>>,
    pub scope: Option<Val<String>>,
    pub hold: Option<Vec<Val<String>>>,
    pub shares: Option<Table>,
    pub sims: Option<Val<i128>>,
    pub seed: Option<Val<i128>>,
    /// The output folder, and whether it came from the file (`output.dir`) rather than `--out`.
    pub out: Option<(PathBuf, bool)>,
    /// The charts' file format (`--chart-format` or `output.chart_format`).
    pub chart_format: Option<Val<String>>,
    /// What the flags replaced, said on stderr.
    pub notes: Vec<String>,
}

impl Given {
    /// Takes each value from its flag if given, else from the file. Only the flags' syntax is checked here.
    pub fn new(raw: &RawScenario, flags: &Overrides) -> Result<Given, InputError> {
        let sim = raw.simulation.as_ref();
        let mut given = Given {
            baseline: flag_or(flags.baseline.clone(), "--baseline", raw.baseline.as_ref().map(Val::file)),
            model: flag_or(flags.model.map(|m| m.code().to_string()), "--model", raw.model.as_ref().map(Val::file)),
            scope: flag_or(flags.scope.map(|s| s.code().to_string()), "--scope", raw.scope.as_ref().map(Val::file)),
            hold: match &flags.hold {
                Some(h) => Some(hold_items(h).into_iter().map(|p| Val::flag(p, "--hold")).collect()),
                None => raw.hold.as_ref().map(|list| list.iter().map(Val::file).collect()),
            },
            shares: raw.shares.as_ref().map(file_table),
            sims: flag_or(flags.sims.map(i128::from), "--sims", sim.and_then(|s| s.sims.as_ref()).map(widen)),
            seed: flag_or(flags.seed.map(i128::from), "--seed", sim.and_then(|s| s.seed.as_ref()).map(widen)),
            out: match &flags.out {
                Some(d) => Some((d.clone(), false)),
                None => raw.output.as_ref().and_then(|o| o.dir.as_ref()).map(|d| (PathBuf::from(d), true)),
            },
            chart_format: flag_or(
                flags.chart_format.clone(),
                "--chart-format",
                raw.output.as_ref().and_then(|o| o.chart_format.as_ref()).map(Val::file),
            ),
            notes: vec![],
        };
        if !flags.shares.is_empty() {
            if let Some(table) = &given.shares {
                let named: Vec<&str> = table.iter().map(|(k, _)| k.v.as_str()).collect();
                given.notes.push(format!(
                    "--share replaces the scenario's [shares] table ({}); its other sections still apply",
                    named.join(", ")
                ));
            }
            given.shares = Some(share_flags(&flags.shares)?);
        }
        Ok(given)
    }
}

/// The flag's value if given, else the file's.
fn flag_or<T: Clone>(flag: Option<T>, name: &'static str, file: Option<Val<T>>) -> Option<Val<T>> {
    flag.map(|v| Val::flag(v, name)).or(file)
}

fn widen(v: &toml::Spanned<i64>) -> Val<i128> {
    Val { v: i128::from(*v.get_ref()), at: At::File(v.span()) }
}

/// `--share` items as a table, each naming the flag and the item in its errors.
fn share_flags(flags: &[String]) -> Result<Table, InputError> {
    let items = split_items("--share", flags, "PARTY=PCT, e.g. lab=36")?;
    Ok(items
        .into_iter()
        .map(|i| {
            let at = At::Flag { flag: "--share", item: Some(i.text) };
            (Val { v: i.party, at: at.clone() }, Val { v: i.value, at })
        })
        .collect())
}
