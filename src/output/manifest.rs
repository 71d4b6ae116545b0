//! `manifest.json`: the list of a run's files — name, size and SHA-256 — that defines what an output directory
//! holds. A reader checks a directory with [`verify`]; `sha256sum FILE` prints the same digests.

use super::sha256;
use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The manifest's own file name.
pub const NAME: &str = "manifest.json";

/// The format tag of a manifest.
pub const FORMAT: &str = "pns-manifest/1";

/// Every name `pns` writes into an output directory (the manifest included). Only these are ever replaced or removed
/// by a run; any other file in the directory is left alone.
pub fn is_output_name(name: &str) -> bool {
    // `partial.json`: a sharded run's partial result (src/shard); `sweep.*`: a sweep's tables (src/sweep).
    const DATA: [&str; 8] = [
        "summary.json",
        "parties.csv",
        "histogram.csv",
        "constituencies.csv",
        "partial.json",
        "sweep.csv",
        "sweep.json",
        NAME,
    ];
    // The charts a run can draw (`pns.png` among them), as PNG or SVG, named in the scenario's vocabulary, not render's: output
    // sits below render and does not import it.
    let chart = name.strip_suffix(".png").or_else(|| name.strip_suffix(".svg"));
    DATA.contains(&name) || chart.is_some_and(|c| c == "sweep" || crate::scenario::CHART_NAMES.contains(&c))
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Manifest {
    pub format: String,
    pub pns_version: String,
    /// The run's files, the manifest excluded, in the order they were written.
    pub files: Vec<Entry>,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Entry {
    pub name: String,
    pub bytes: u64,
    /// Lower-case hex, as `sha256sum` prints it.
    pub sha256: String,
}

impl Manifest {
    /// The manifest of `files` (name, bytes).
    pub fn of<'a>(files: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> Manifest {
        let files = files
            .into_iter()
            .map(|(name, b)| Entry { name: name.to_string(), bytes: b.len() as u64, sha256: sha256::hex(b) })
            .collect();
        Manifest { format: FORMAT.into(), pns_version: env!("CARGO_PKG_VERSION").into(), files }
    }

    /// The manifest as written: pretty JSON and a final newline.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut v = serde_json::to_vec_pretty(self).expect("a manifest serialises");
        v.push(b'\n');
        v
    }

    /// Parses a manifest's bytes; `file` names it in errors.
    pub fn parse(bytes: &[u8], file: &str) -> anyhow::Result<Manifest> {
        let m: Manifest = serde_json::from_slice(bytes).with_context(|| format!("{file}: not a pns manifest"))?;
        if m.format != FORMAT {
            bail!("{file}: format is '{}': expected '{FORMAT}'", m.format);
        }
        Ok(m)
    }

    /// Checks that `dir` holds exactly this run: every listed file with its size and checksum, and no other file
    /// that `pns` writes (a name the run did not produce must not be readable).
    pub fn check(&self, dir: &Path) -> anyhow::Result<()> {
        for e in &self.files {
            let path = dir.join(&e.name);
            let bytes = std::fs::read(&path).with_context(|| format!("{}: listed in {NAME}", path.display()))?;
            if bytes.len() as u64 != e.bytes || sha256::hex(&bytes) != e.sha256 {
                bail!("{}: does not match {NAME} (size or checksum)", path.display());
            }
        }
        for entry in std::fs::read_dir(dir).with_context(|| format!("{}: cannot read", dir.display()))? {
            let name = entry?.file_name().to_string_lossy().into_owned();
            let listed = name == NAME || self.files.iter().any(|e| e.name == name);
            // A dangling link of an interrupted run reads as absent, which is what counts.
            if is_output_name(&name) && !listed && std::fs::metadata(dir.join(&name)).is_ok_and(|m| m.is_file()) {
                bail!("{}: not listed in {NAME}", dir.join(&name).display());
            }
        }
        Ok(())
    }
}

/// Reads `dir/manifest.json` and checks the directory against it; returns the manifest.
pub fn verify(dir: &Path) -> anyhow::Result<Manifest> {
    let path = dir.join(NAME);
    let bytes = std::fs::read(&path).with_context(|| format!("{}: cannot read", path.display()))?;
    let m = Manifest::parse(&bytes, &path.display().to_string())?;
    m.check(dir)?;
    Ok(m)
}
