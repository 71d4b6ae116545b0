//! Writing a run's files: an output directory always holds one complete run — the new one or the previous one,
//! never a mix — and only one `pns` writes into it at a time.
//!
//! # The rule
//!
//! `manifest.json` lists the run's files (name, size, SHA-256). Between runs the directory is plain: regular files
//! at their documented names, and nothing else of ours. A run changes it in five steps, all under an advisory lock
//! (`flock` on `DIR/.pns-lock`, taken before the simulation and removed at the end; a second run is refused):
//!
//! 1. **Adopt** the previous run: hard links of its files in a fresh generation directory `DIR/.pns-gen-<id>/`,
//!    and the symlink `DIR/.pns-current -> .pns-gen-<id>`. Nothing visible changes.
//! 2. **Stage** the new run in another generation directory, each file fsynced, then its `manifest.json`.
//! 3. **Link**: every name of either run (and the manifest) becomes the symlink `NAME -> .pns-current/NAME`, each by
//!    one `rename` over the old name. The link reads the previous run's file, so the content seen under each name
//!    is unchanged (a name the previous run lacks is a dangling link: absent, as before).
//! 4. **Commit**: one `rename` points `.pns-current` at the new generation. Every name switches at once: this
//!    instant is the only one at which the directory's content changes. Names the new run lacks now dangle.
//! 5. **Settle**: each link is replaced (`rename`) by a regular file — a hard link to the new generation's file,
//!    same bytes — dangling links are removed, then `.pns-current` and both generation directories.
//!
//! A kill at any point leaves the previous run (before step 4) or the new one (from step 4 on), each checkable
//! against the `manifest.json` the directory then shows; what is left of our hidden names (`.pns-*`) only points at
//! that run, and the next run into the directory removes it first. A step that fails before the commit (a name that
//! is a directory, a full disk) undoes steps 1–3 and reports one error. Readers need nothing special: the names are
//! plain files, or for the instants of a run symlinks that the OS follows.
//!
//! Without symlinks (not Unix) the new files replace the old by one rename each, the manifest last: each file is
//! whole, but a kill mid-way can leave a mix, which the manifest's checksums reveal.

use super::generation::{
    GEN, PROBE, adopt, all_names, clean_stale, current_gen, gen_names, link_or_copy, publish, settle, sync_dir, unique,
};
use super::lock::lock;
use super::manifest::{self, Manifest, is_output_name};
use anyhow::Context;
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

/// A file to write: its name inside the output directory and its bytes.
pub struct OutputFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// An output directory, locked for this process until dropped.
pub struct OutputDir {
    dir: PathBuf,
    _lock: File,
}

/// Checks, before any long work, that `dir` exists or can be created, that a file can be written in it and that no
/// other `pns` is writing to it; the lock is held until the returned value is dropped.
pub fn check_writable(dir: &Path) -> anyhow::Result<OutputDir> {
    OutputDir::open(dir)
}

/// Writes `files` as the run in `dir`, replacing the previous one (see the module's rule).
pub fn write_all(dir: &Path, files: &[OutputFile]) -> anyhow::Result<Vec<PathBuf>> {
    OutputDir::open(dir)?.write_run(files)
}

impl OutputDir {
    /// Creates `dir` if needed, takes its lock and checks that it can be written.
    pub fn open(dir: &Path) -> anyhow::Result<OutputDir> {
        fs::create_dir_all(dir).with_context(|| format!("{}: cannot create the output directory", dir.display()))?;
        let lock = lock(dir)?;
        let probe = dir.join(format!("{PROBE}{}", std::process::id()));
        fs::write(&probe, b"").with_context(|| format!("{}: cannot write in the output directory", dir.display()))?;
        let _ = fs::remove_file(&probe);
        Ok(OutputDir { dir: dir.to_path_buf(), _lock: lock })
    }

    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Replaces the directory's run by `files` (and their manifest): names of the previous run that `files` lacks
    /// are removed. Returns the paths of `files`.
    pub fn write_run(&self, files: &[OutputFile]) -> anyhow::Result<Vec<PathBuf>> {
        self.commit(files, false)
    }

    /// Adds `files` to the directory's run, replacing those of the same name and keeping the others (`pns plot`,
    /// `pns estimate --chart`); the manifest lists them all. Returns the paths of `files`.
    pub fn add(&self, files: &[OutputFile]) -> anyhow::Result<Vec<PathBuf>> {
        self.commit(files, true)
    }

    fn commit(&self, files: &[OutputFile], keep_others: bool) -> anyhow::Result<Vec<PathBuf>> {
        let d = &self.dir;
        let cannot = |p: &Path| format!("{}: cannot write", p.display());
        for f in files {
            assert!(is_output_name(&f.name) && f.name != manifest::NAME, "not an output name: {}", f.name);
        }
        clean_stale(d).with_context(|| cannot(d))?;
        let prev = match current_gen(d) {
            Some(g) => Some(g),
            None => adopt(d).with_context(|| cannot(d))?,
        };
        let generation = d.join(format!("{GEN}{}", unique()));
        let staged = stage(&generation, prev.as_deref(), files, keep_others);
        let names = match staged {
            Ok(names) => names,
            Err(e) => {
                let _ = fs::remove_dir_all(&generation);
                let _ = settle(d, prev.as_deref(), &all_names(d, prev.as_deref(), &[]));
                return Err(e);
            }
        };
        publish(d, prev.as_deref(), &generation, &names)?;
        Ok(files.iter().map(|f| d.join(&f.name)).collect())
    }
}

impl Drop for OutputDir {
    fn drop(&mut self) {
        // Removed while still locked; `lock` checks that the file it locked is still the one at the path.
        #[cfg(unix)]
        let _ = fs::remove_file(self.dir.join(super::lock::LOCK));
    }
}

/// Writes `bytes` to a new file at `path` and flushes it to disk.
fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = fs::OpenOptions::new().write(true).create_new(true).open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// Stages the new run in `generation`: the kept files of `prev` (with `keep_others`), then `files`, then the manifest.
/// Returns the run's names, the manifest last.
fn stage(
    generation: &Path,
    prev: Option<&Path>,
    files: &[OutputFile],
    keep_others: bool,
) -> anyhow::Result<Vec<String>> {
    let cannot = |p: &Path| format!("{}: cannot write", p.display());
    fs::create_dir(generation).with_context(|| cannot(generation))?;
    let mut run: Vec<(String, Vec<u8>)> = Vec::new();
    if let (true, Some(prev)) = (keep_others, prev) {
        for name in gen_names(prev) {
            if name == manifest::NAME {
                continue;
            }
            let path = prev.join(&name);
            let bytes = fs::read(&path).with_context(|| format!("{}: cannot read", path.display()))?;
            link_or_copy(&path, &generation.join(&name)).with_context(|| cannot(&generation.join(&name)))?;
            run.push((name, bytes));
        }
    }
    for f in files {
        let path = generation.join(&f.name);
        if let Some(i) = run.iter().position(|(n, _)| *n == f.name) {
            fs::remove_file(&path).with_context(|| cannot(&path))?;
            run[i].1 = f.bytes.clone();
        } else {
            run.push((f.name.clone(), f.bytes.clone()));
        }
        write_synced(&path, &f.bytes).with_context(|| cannot(&path))?;
    }
    let m = Manifest::of(run.iter().map(|(n, b)| (n.as_str(), b.as_slice())));
    let path = generation.join(manifest::NAME);
    write_synced(&path, &m.to_bytes()).with_context(|| cannot(&path))?;
    sync_dir(generation).with_context(|| cannot(generation))?;
    let mut names: Vec<String> = run.into_iter().map(|(n, _)| n).collect();
    names.push(manifest::NAME.into());
    Ok(names)
}
