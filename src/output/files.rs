//! Writing a run's files: everything rendered to bytes first, then written as temporary files and renamed.

use anyhow::Context;
use std::path::{Path, PathBuf};

/// A file to write: its name inside the output directory and its bytes.
pub struct OutputFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Checks, before any long work, that `dir` exists or can be created and that a file can be written in it.
pub fn check_writable(dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create the output directory", dir.display()))?;
    let probe = dir.join(format!(".pns-probe-{}", std::process::id()));
    std::fs::write(&probe, b"").with_context(|| format!("{}: cannot write in the output directory", dir.display()))?;
    let _ = std::fs::remove_file(&probe);
    Ok(())
}

/// Writes every file atomically: all temporary files first, then one rename each, so an interrupted run never
/// leaves a half-written file under a final name. On error, the temporary files are removed.
pub fn write_all(dir: &Path, files: &[OutputFile]) -> anyhow::Result<Vec<PathBuf>> {
    check_writable(dir)?;
    let mut temps = Vec::new();
    let result = (|| -> anyhow::Result<Vec<PathBuf>> {
        for f in files {
            let tmp = dir.join(format!(".{}.tmp", f.name));
            temps.push(tmp.clone());
            std::fs::write(&tmp, &f.bytes).with_context(|| format!("{}: cannot write", tmp.display()))?;
        }
        let mut written = Vec::new();
        for (f, tmp) in files.iter().zip(&temps) {
            let path = dir.join(&f.name);
            std::fs::rename(tmp, &path).with_context(|| format!("{}: cannot write", path.display()))?;
            written.push(path);
        }
        Ok(written)
    })();
    if result.is_err() {
        for t in &temps {
            let _ = std::fs::remove_file(t);
        }
    }
    result
}
