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

use super::manifest::{self, Manifest, is_output_name};
use anyhow::{Context, anyhow};
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

/// A file to write: its name inside the output directory and its bytes.
pub struct OutputFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

const LOCK: &str = ".pns-lock";
const CURRENT: &str = ".pns-current";
const GEN: &str = ".pns-gen-";
const TMP: &str = ".pns-tmp-";
const PROBE: &str = ".pns-probe-";

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
        let _ = fs::remove_file(self.dir.join(LOCK));
    }
}

/// Takes the advisory lock on `dir/.pns-lock`, or refuses at once if another run holds it.
fn lock(dir: &Path) -> anyhow::Result<File> {
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

/// A name no other process or call uses: pid, time and a counter.
fn unique() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |t| t.as_nanos());
    format!("{}-{nanos}-{}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed))
}

/// Removes what an interrupted run left: temporary names, generation directories other than the current one, and
/// the fixed temporary names of older versions (`.summary.json.tmp`).
fn clean_stale(d: &Path) -> std::io::Result<()> {
    let current = fs::read_link(d.join(CURRENT)).ok();
    for entry in fs::read_dir(d)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        let legacy_tmp = name.strip_prefix('.').and_then(|n| n.strip_suffix(".tmp")).is_some_and(is_output_name);
        let stale_gen = name.starts_with(GEN) && current.as_deref() != Some(Path::new(&name));
        if name.starts_with(TMP) || name.starts_with(PROBE) || legacy_tmp || stale_gen {
            remove_any(&path)?;
        }
    }
    Ok(())
}

fn remove_any(p: &Path) -> std::io::Result<()> {
    match fs::symlink_metadata(p) {
        Ok(m) if m.is_dir() => fs::remove_dir_all(p),
        Ok(_) => fs::remove_file(p),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// The generation `.pns-current` points at, when an interrupted run left one.
fn current_gen(d: &Path) -> Option<PathBuf> {
    let target = fs::read_link(d.join(CURRENT)).ok()?;
    let name = target.to_str()?;
    let generation = d.join(name);
    if name.starts_with(GEN) && !name.contains('/') && generation.is_dir() {
        Some(generation)
    } else {
        let _ = fs::remove_file(d.join(CURRENT));
        None
    }
}

/// The names in a generation directory: its manifest's order first, then any other file.
fn gen_names(generation: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read(generation.join(manifest::NAME))
        .ok()
        .and_then(|b| Manifest::parse(&b, "").ok())
        .map(|m| m.files.into_iter().map(|e| e.name).collect())
        .unwrap_or_default();
    let mut others: Vec<String> = fs::read_dir(generation)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    others.sort();
    for n in others {
        if !names.contains(&n) && is_output_name(&n) {
            names.push(n);
        }
    }
    names
}

/// Writes `bytes` to a new file at `path` and flushes it to disk.
fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = fs::OpenOptions::new().write(true).create_new(true).open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

fn link_or_copy(from: &Path, to: &Path) -> std::io::Result<()> {
    fs::hard_link(from, to).or_else(|_| fs::copy(from, to).map(|_| ()))
}

#[cfg(unix)]
fn sync_dir(d: &Path) -> std::io::Result<()> {
    File::open(d)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_: &Path) -> std::io::Result<()> {
    Ok(())
}

/// Replaces `d/name` by a regular file with the bytes of `from` (a hard link where the file system allows).
fn replace_with_file(d: &Path, name: &str, from: &Path) -> std::io::Result<()> {
    let tmp = d.join(format!("{TMP}{}-{name}", unique()));
    link_or_copy(from, &tmp)?;
    fs::rename(&tmp, d.join(name)).inspect_err(|_| {
        let _ = fs::remove_file(&tmp);
    })
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

/// Every name a run must handle: those of the previous and the new run, and any link through `.pns-current` left
/// by an interrupted run; the manifest last.
fn all_names(d: &Path, prev: Option<&Path>, new: &[String]) -> Vec<String> {
    let mut names: Vec<String> = prev.map(gen_names).unwrap_or_default();
    for n in new {
        if !names.contains(n) {
            names.push(n.clone());
        }
    }
    if let Ok(rd) = fs::read_dir(d) {
        for e in rd.filter_map(|e| e.ok()) {
            let n = e.file_name().to_string_lossy().into_owned();
            if is_output_name(&n) && !names.contains(&n) && is_our_link(d, &n) {
                names.push(n);
            }
        }
    }
    names.retain(|n| n != manifest::NAME);
    names.push(manifest::NAME.into());
    names
}

fn link_target(name: &str) -> PathBuf {
    Path::new(CURRENT).join(name)
}

fn is_our_link(d: &Path, name: &str) -> bool {
    fs::read_link(d.join(name)).is_ok_and(|t| t == link_target(name))
}

/// Step 5 (and the undoing of a failed run with the previous generation): every name becomes the regular file of
/// `generation`, or is removed if it is one of our links and `generation` lacks it; then `.pns-current` and `generation` go.
fn settle(d: &Path, generation: Option<&Path>, names: &[String]) -> std::io::Result<()> {
    for name in names {
        match generation.map(|g| g.join(name)).filter(|p| p.is_file()) {
            Some(from) => {
                let is_regular = fs::symlink_metadata(d.join(name)).is_ok_and(|m| m.is_file());
                if !is_regular || !same_inode(&d.join(name), &from) {
                    replace_with_file(d, name, &from)?;
                }
            }
            None if is_our_link(d, name) => fs::remove_file(d.join(name))?,
            None => {}
        }
    }
    sync_dir(d)?;
    remove_any(&d.join(CURRENT))?;
    sync_dir(d)?;
    if let Some(g) = generation {
        remove_any(g)?;
    }
    Ok(())
}

#[cfg(unix)]
fn same_inode(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::symlink_metadata(a), fs::symlink_metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_inode(_: &Path, _: &Path) -> bool {
    false
}

#[cfg(unix)]
mod links {
    use super::*;

    /// Points `d/name` at `target` by a symlink renamed over it.
    pub fn replace_with_link(d: &Path, name: &str, target: &Path) -> std::io::Result<()> {
        let tmp = d.join(format!("{TMP}{}-{name}", unique()));
        std::os::unix::fs::symlink(target, &tmp)?;
        fs::rename(&tmp, d.join(name)).inspect_err(|_| {
            let _ = fs::remove_file(&tmp);
        })
    }

    /// Step 1: the previous run's files (regular files under output names) as a generation `.pns-current` points
    /// at. None if the directory holds no run.
    pub fn adopt(d: &Path) -> std::io::Result<Option<PathBuf>> {
        let mut names: Vec<String> = Vec::new();
        for e in fs::read_dir(d)? {
            let e = e?;
            let n = e.file_name().to_string_lossy().into_owned();
            if is_output_name(&n) && e.file_type()?.is_file() {
                names.push(n);
            }
        }
        if names.is_empty() {
            return Ok(None);
        }
        let name = format!("{GEN}{}", unique());
        let generation = d.join(&name);
        fs::create_dir(&generation)?;
        for n in &names {
            link_or_copy(&d.join(n), &generation.join(n))?;
        }
        sync_dir(&generation)?;
        replace_with_link(d, CURRENT, Path::new(&name))?;
        sync_dir(d)?;
        Ok(Some(generation))
    }

    /// Steps 3–5.
    pub fn publish(d: &Path, prev: Option<&Path>, generation: &Path, new: &[String]) -> anyhow::Result<()> {
        let names = all_names(d, prev, new);
        let linked = (|| -> anyhow::Result<()> {
            for name in &names {
                if !is_our_link(d, name) {
                    replace_with_link(d, name, &link_target(name))
                        .with_context(|| format!("{}: cannot write", d.join(name).display()))?;
                }
            }
            sync_dir(d).with_context(|| format!("{}: cannot write", d.display()))
        })();
        let gen_name = generation.file_name().map(PathBuf::from).unwrap_or_default();
        if let Err(e) = linked.and_then(|()| {
            replace_with_link(d, CURRENT, &gen_name).with_context(|| format!("{}: cannot write", d.display()))
        }) {
            let _ = fs::remove_dir_all(generation);
            let _ = settle(d, prev, &names);
            return Err(e);
        }
        // Committed: from here on the directory holds the new run whatever happens.
        let _ = sync_dir(d);
        let settled = settle(d, Some(generation), &names).and_then(|()| prev.map_or(Ok(()), remove_any));
        if let Err(e) = settled {
            eprintln!("warning: {}: the run is written, but tidying the directory failed: {e}", d.display());
        }
        Ok(())
    }
}

#[cfg(not(unix))]
mod links {
    use super::*;

    pub fn adopt(_: &Path) -> std::io::Result<Option<PathBuf>> {
        Ok(None)
    }

    /// Without symlinks: one rename per file, the manifest last, then the names the new run lacks are removed.
    pub fn publish(d: &Path, prev: Option<&Path>, generation: &Path, new: &[String]) -> anyhow::Result<()> {
        for name in new {
            replace_with_file(d, name, &generation.join(name))
                .with_context(|| format!("{}: cannot write", d.join(name).display()))?;
        }
        let old: Vec<String> = fs::read_dir(d)?
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| is_output_name(n) && !new.contains(n))
            .collect();
        for n in old {
            let _ = fs::remove_file(d.join(n));
        }
        let _ = prev.map(remove_any);
        let _ = remove_any(generation);
        Ok(())
    }
}

use links::{adopt, publish};
