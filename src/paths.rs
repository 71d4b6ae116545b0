//! File paths as the user names them: lexical normalisation, and telling a path from a shipped name.

use std::path::{Component, Path, PathBuf};

/// `p` with `.` removed and `dir/..` collapsed, without touching the file system (`./s.toml` → `s.toml`,
/// `scenarios/../output/2018` → `output/2018`). Leading `..` of a relative path are kept.
pub fn normalise(p: &Path) -> PathBuf {
    let mut out: Vec<Component> = Vec::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => match out.last() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(c),
            },
            _ => out.push(c),
        }
    }
    if out.is_empty() { PathBuf::from(".") } else { out.iter().collect() }
}

/// A relative `p` taken from inside the folder `dir` (absolute paths are kept), normalised.
pub fn under(dir: &Path, p: &str) -> PathBuf {
    normalise(&dir.join(p))
}

/// Whether a name given where a shipped name or a file may go is meant as a file: it has a folder separator or a
/// data-file extension.
pub fn looks_like_path(s: &str) -> bool {
    let lower = s.trim().to_ascii_lowercase();
    s.contains('/') || s.contains('\\') || lower.ends_with(".csv") || lower.ends_with(".gz")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_lexically() {
        assert_eq!(normalise(Path::new("./s.toml")), PathBuf::from("s.toml"));
        assert_eq!(normalise(Path::new("scenarios/../output/2018")), PathBuf::from("output/2018"));
        assert_eq!(normalise(Path::new("../a/./b")), PathBuf::from("../a/b"));
        assert_eq!(normalise(Path::new("/x/../../y")), PathBuf::from("/y"));
        assert_eq!(under(Path::new("scenarios"), "/abs/b.csv"), PathBuf::from("/abs/b.csv"));
        assert_eq!(under(Path::new(""), "b.csv"), PathBuf::from("b.csv"));
        assert!(looks_like_path("my.csv") && looks_like_path("x/y") && !looks_like_path("ge2031"));
    }
}
