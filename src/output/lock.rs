//! The output directory's advisory lock: one `pns` writes into a directory at a time.

use anyhow::{Context, anyhow};
use std::fs::{self, File};
use std::path::Path;

pub(super) const LOCK: &str = ".pns-lock";

/// Takes the advisory lock on `dir/.pns-lock`, or refuses at once if another run holds it.
pub(super) fn lock(dir: &Path) -> anyhow::Result<File> {
    let path = dir.join(LOCK);
    loop {
        let file = fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .with_context(|| format!("{}: cannot write in the output directory", dir.display()))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                return Err(anyhow!("{}: another pns run is writing to this directory", dir.display()));
            }
            Err(fs::TryLockError::Error(e)) => {
                return Err(anyhow!("{}: cannot lock the output directory: {e}", dir.display()));
            }
        }
        // The run that held it may have removed the file between our open and our lock: then lock the new one.
        if same_file(&file, &path) {
            return Ok(file);
        }
    }
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &File, _: &Path) -> bool {
    true
}
