//! A sweep over a list of scenario files: a sweep file whose `[sweep]` section names them
//! (`scenarios = ["a.toml", "b.toml"]`), read and checked (the scenarios themselves are loaded by the command).

use crate::error::InputError;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// Most scenario files one sweep may list.
pub const MAX_FILES: usize = 10_000;

/// The sweep file: its name, the seed and simulations every point uses, and the listed files (resolved against
/// the sweep file's directory), each with the line that names it.
#[derive(Clone, Debug, PartialEq)]
pub struct ListFile {
    pub name: String,
    pub seed: Option<u64>,
    pub sims: u64,
    pub files: Vec<(PathBuf, u64)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    name: Option<String>,
    #[allow(dead_code)]
    description: Option<String>,
    simulation: Option<RawSimulation>,
    sweep: RawSweep,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSimulation {
    seed: Option<Spanned<i64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSweep {
    scenarios: Spanned<Vec<Spanned<String>>>,
    sims: Option<Spanned<i64>>,
}

/// Whether `text` is a sweep file listing scenarios (its `[sweep]` section has `scenarios`).
pub fn is_list(text: &str) -> bool {
    let table: Option<toml::Table> = toml::from_str(text).ok();
    table.and_then(|t| t.get("sweep").and_then(|s| s.get("scenarios")).map(drop)).is_some()
}

/// Reads the sweep file `text` (labelled `file`, at `path`); `sims` is the `--sims` flag, which wins. A sweep file
/// holds `name`, `description`, `[simulation] seed` and `[sweep] scenarios` and `sims`, nothing else.
pub fn read(text: &str, file: &str, path: &Path, sims: Option<u64>) -> Result<ListFile, InputError> {
    let line =
        |offset: usize| text.as_bytes()[..offset.min(text.len())].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    let raw: Raw = toml::from_str(text).map_err(|e| {
        let at = e.span().map(|s| line(s.start));
        let msg = format!("{} (a sweep file listing scenarios holds name, description, [simulation] seed and [sweep] scenarios and sims)", e.message().trim_end());
        InputError::new(file, msg).at_line_opt(at)
    })?;
    let err = |span: std::ops::Range<usize>, field: &str, m: String| {
        InputError::new(file, m).at_line(line(span.start)).field(field.to_string())
    };
    let list = &raw.sweep.scenarios;
    if list.get_ref().is_empty() || list.get_ref().len() > MAX_FILES {
        let m = format!("expected 1 to {MAX_FILES} scenario files, found {}", list.get_ref().len());
        return Err(err(list.span(), "sweep.scenarios", m));
    }
    let dir = path.parent().unwrap_or(Path::new(""));
    let mut files = Vec::new();
    for f in list.get_ref() {
        let p = Path::new(f.get_ref());
        if f.get_ref().trim().is_empty() {
            return Err(err(f.span(), "sweep.scenarios", "expected a scenario file, found ''".into()));
        }
        files.push((if p.is_absolute() { p.to_path_buf() } else { tidy(&dir.join(p)) }, line(f.span().start)));
    }
    let seed = match raw.simulation.and_then(|s| s.seed) {
        Some(s) => Some(u64::try_from(*s.get_ref()).map_err(|_| {
            err(s.span(), "simulation.seed", format!("expected a seed from 0, found '{}'", s.get_ref()))
        })?),
        None => None,
    };
    use crate::scenario::rules::{MAX_SIMS, count, count_flag};
    let sims = match (sims, &raw.sweep.sims) {
        (Some(n), _) => count_flag("--sims", n, "a number of simulations", MAX_SIMS)?,
        (None, Some(n)) => count(i128::from(*n.get_ref()), "a number of simulations", MAX_SIMS)
            .map_err(|m| err(n.span(), "sweep.sims", m))?,
        (None, None) => 0,
    };
    let name = raw.name.unwrap_or_else(|| path.file_stem().map_or(file.to_string(), |s| s.to_string_lossy().into()));
    Ok(ListFile { name, seed, sims, files })
}

/// `path` with each `..` taken off the name before it where there is one (`scenarios/sweeps/../a.toml` →
/// `scenarios/a.toml`), lexically: the labels in errors and outputs are the paths a user would type.
fn tidy(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out: Vec<Component> = Vec::new();
    for c in path.components() {
        match (c, out.last()) {
            (Component::ParentDir, Some(Component::Normal(_))) => {
                out.pop();
            }
            (Component::CurDir, _) => {}
            _ => out.push(c),
        }
    }
    out.iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_resolve_against_the_sweep_files_directory() {
        let text =
            "name = \"polls\"\n[simulation]\nseed = 4\n[sweep]\nscenarios = [\"a.toml\", \"/b.toml\"]\nsims = 300\n";
        assert!(is_list(text));
        let l = read(text, "d/s.toml", Path::new("d/s.toml"), None).unwrap();
        assert_eq!(l.name, "polls");
        assert_eq!((l.seed, l.sims), (Some(4), 300));
        assert_eq!(l.files, [(PathBuf::from("d/a.toml"), 5), (PathBuf::from("/b.toml"), 5)]);
        assert_eq!(read(text, "s.toml", Path::new("s.toml"), Some(9)).unwrap().sims, 9);
        assert!(!is_list("[sweep]\nx = 1\n"));
        assert_eq!(tidy(Path::new("s/w/../a.toml")), PathBuf::from("s/a.toml"));
        assert_eq!(tidy(Path::new("../../a.toml")), PathBuf::from("../../a.toml"));
        assert_eq!(tidy(Path::new("./s/./a.toml")), PathBuf::from("s/a.toml"));
    }

    #[test]
    fn bad_lists_name_line_and_field() {
        let e = read("[sweep]\nscenarios = []\n", "s.toml", Path::new("s.toml"), None).unwrap_err().to_string();
        assert_eq!(e, "s.toml:2: field `sweep.scenarios`: expected 1 to 10000 scenario files, found 0");
        let text = "[sweep]\nscenarios = [\"a.toml\"]\nx = { party = \"lab\" }\n";
        let e = read(text, "s.toml", Path::new("s.toml"), None).unwrap_err().to_string();
        assert!(e.starts_with("s.toml:3: unknown field `x`"), "{e}");
        let text = "[shares]\nlab = 30\n[sweep]\nscenarios = [\"a.toml\"]\n";
        let e = read(text, "s.toml", Path::new("s.toml"), None).unwrap_err().to_string();
        assert!(e.starts_with("s.toml:1: unknown field `shares`"), "{e}");
        let text = "[sweep]\nscenarios = [\"a.toml\"]\nsims = -1\n";
        let e = read(text, "s.toml", Path::new("s.toml"), None).unwrap_err().to_string();
        assert!(e.starts_with("s.toml:3: field `sweep.sims`: is -1: expected"), "{e}");
    }
}
