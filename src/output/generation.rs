//! Generation directories and the links through `.pns-current`: steps 1 and 3–5 of the rule in `files.rs`.

use super::manifest::{self, Manifest, is_output_name};
use anyhow::Context;
use std::fs;
use std::path::{Path, PathBuf};

const CURRENT: &str = ".pns-current";
pub(super) const GEN: &str = ".pns-gen-";
const TMP: &str = ".pns-tmp-";
pub(super) const PROBE: &str = ".pns-probe-";

/// A name no other process or call uses: pid, time and a counter.
pub(super) fn unique() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |t| t.as_nanos());
    format!("{}-{nanos}-{}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed))
}

/// Removes what an interrupted run left: temporary names, generation directories other than the current one, and
/// the fixed temporary names of older versions (`.summary.json.tmp`).
pub(super) fn clean_stale(d: &Path) -> std::io::Result<()> {
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
pub(super) fn current_gen(d: &Path) -> Option<PathBuf> {
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
pub(super) fn gen_names(generation: &Path) -> Vec<String> {
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

pub(super) fn link_or_copy(from: &Path, to: &Path) -> std::io::Result<()> {
    fs::hard_link(from, to).or_else(|_| fs::copy(from, to).map(|_| ()))
}

#[cfg(unix)]
pub(super) fn sync_dir(d: &Path) -> std::io::Result<()> {
    fs::File::open(d)?.sync_all()
}

#[cfg(not(unix))]
pub(super) fn sync_dir(_: &Path) -> std::io::Result<()> {
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

/// Every name a run must handle: those of the previous and the new run, and any link through `.pns-current` left
/// by an interrupted run; the manifest last.
pub(super) fn all_names(d: &Path, prev: Option<&Path>, new: &[String]) -> Vec<String> {
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
pub(super) fn settle(d: &Path, generation: Option<&Path>, names: &[String]) -> std::io::Result<()> {
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

pub(super) use links::{adopt, publish};
