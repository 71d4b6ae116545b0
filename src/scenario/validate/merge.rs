//! The merge of the two steps: each overridable value taken from its flag if given, else from the file.

use super::super::flags::{Overrides, coalition_items, hold_items, split_area, split_items};
use super::super::raw::RawScenario;
use super::super::rules::AreaKind;
use super::ctx::{At, Table, Val, file_table};
use crate::error::InputError;
use crate::geo::Area;
use std::path::PathBuf;

/// One area's target shares: a `[regions.NAME]` table or a `--nation`/`--region` flag.
pub(crate) struct AreaTable {
    /// The area's name as written, placed at the table (or the flag's value).
    pub key: Val<String>,
    /// Which areas its source may name.
    pub kind: AreaKind,
    pub table: Table,
}

/// The values a flag can override, each with where it came from; not yet checked.
pub(crate) struct Given {
    pub baseline: Option<Val<String>>,
    pub model: Option<Val<String>>,
    pub scope: Option<Val<String>>,
    pub hold: Option<Vec<Val<String>>>,
    pub shares: Option<Table>,
    pub stands_everywhere: Option<Vec<Val<String>>>,
    /// The file's area tables, then the flags'; a flag replaces the file's table of the same area.
    pub areas: Vec<AreaTable>,
    pub preset: Option<Val<String>>,
    /// Each coalition's party codes, as written.
    pub coalitions: Option<Vec<Val<Vec<String>>>>,
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
            stands_everywhere: match &flags.stands_everywhere {
                Some(h) => Some(hold_items(h).into_iter().map(|p| Val::flag(p, "--stands-everywhere")).collect()),
                None => raw.stands_everywhere.as_ref().map(|list| list.iter().map(Val::file).collect()),
            },
            areas: file_areas(raw),
            preset: flag_or(
                flags.preset.map(|p| p.code().to_string()),
                "--preset",
                raw.uncertainty.as_ref().and_then(|u| u.preset.as_ref()).map(Val::file),
            ),
            coalitions: match coalition_flags(&flags.coalitions) {
                Some(c) => Some(c),
                None => raw
                    .parliament
                    .as_ref()
                    .and_then(|p| p.coalitions.as_ref())
                    .map(|list| list.iter().map(Val::file).collect()),
            },
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
        if !flags.coalitions.is_empty() && raw.parliament.as_ref().is_some_and(|p| p.coalitions.is_some()) {
            given.notes.push("--coalition replaces the scenario's [parliament] coalitions".into());
        }
        for (flag, values, kind, example) in [
            ("--nation", &flags.nations, AreaKind::Nation, "scotland:snp=33,lab=18"),
            ("--region", &flags.regions, AreaKind::Region, "london:lab=40,con=20"),
        ] {
            for value in values {
                given.add_area(area_flag(flag, value, kind, example)?);
            }
        }
        Ok(given)
    }

    /// The fields the scenario's cross-field checks name that a flag gave, with the flag.
    pub fn flagged(&self) -> Vec<(String, At)> {
        let flag = |name: &'static str| At::Flag { flag: name, item: None };
        let mut out = Vec::new();
        if let Some((_, value)) = self.shares.as_ref().and_then(|t| t.first())
            && matches!(value.at, At::Flag { .. })
        {
            out.push(("shares".to_string(), flag("--share")));
        }
        if self.hold.as_ref().and_then(|h| h.first()).is_some_and(|v| matches!(v.at, At::Flag { .. })) {
            out.push(("hold".to_string(), flag("--hold")));
        }
        if self.coalitions.as_ref().and_then(|c| c.first()).is_some_and(|v| matches!(v.at, At::Flag { .. })) {
            out.push(("parliament.coalitions".to_string(), flag("--coalition")));
        }
        out
    }

    /// Adds a flag's area table, replacing (with a note) the file's table of the same area.
    fn add_area(&mut self, table: AreaTable) {
        let area = Area::from_key(&table.key.v);
        let from_file = |t: &AreaTable| matches!(t.key.at, At::File(_)) && area.is_some();
        if let Some(i) = self.areas.iter().position(|t| from_file(t) && Area::from_key(&t.key.v) == area) {
            let replaced = self.areas.remove(i);
            if let At::Flag { flag, .. } = &table.key.at {
                self.notes
                    .push(format!("{flag} {} replaces the scenario's [regions.{}] table", table.key.v, replaced.key.v));
            }
        }
        self.areas.push(table);
    }
}

/// The file's `[regions.NAME]` tables; each name is placed at its first value (an empty table has no place).
fn file_areas(raw: &RawScenario) -> Vec<AreaTable> {
    let tables = raw.regions.iter().flatten();
    tables
        .map(|(key, shares)| {
            let span = shares.values().next().map(|v| v.span()).unwrap_or(0..0);
            AreaTable {
                key: Val { v: key.clone(), at: At::File(span) },
                kind: AreaKind::Any,
                table: file_table(shares),
            }
        })
        .collect()
}

/// One `--nation`/`--region` value as an area table, each item naming the flag and the item in its errors.
fn area_flag(flag: &'static str, value: &str, kind: AreaKind, example: &str) -> Result<AreaTable, InputError> {
    let (name, items) = split_area(flag, value, example)?;
    let key = Val { v: name.to_string(), at: At::Flag { flag, item: Some(value.trim().to_string()) } };
    let table = split_items(flag, &[items.to_string()], "PARTY=PCT, e.g. lab=36")?
        .into_iter()
        .map(|i| {
            let at = At::Flag { flag, item: Some(i.text) };
            (Val { v: i.party, at: at.clone() }, Val { v: i.value, at })
        })
        .collect();
    Ok(AreaTable { key, kind, table })
}

/// `--coalition` flags as coalitions, each naming the flag and the coalition as typed; `None` when none is given.
fn coalition_flags(flags: &[String]) -> Option<Vec<Val<Vec<String>>>> {
    let items = coalition_items(flags);
    (!items.is_empty()).then(|| {
        items
            .into_iter()
            .map(|(text, parties)| Val { v: parties, at: At::Flag { flag: "--coalition", item: Some(text) } })
            .collect()
    })
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
