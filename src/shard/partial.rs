//! The partial-result file `pns-partial/1`: a job's identity, the work units done and their integer tallies, with
//! a SHA-256 of its content.

use crate::error::InputError;
use crate::output::sha256_hex;
use serde::{Deserialize, Serialize};

/// The format's name and version, the first field of every partial.
pub const FORMAT: &str = "pns-partial/1";

/// The name of a partial inside a shard's output directory.
pub const FILE_NAME: &str = "partial.json";

/// What a set of partials must share to be merged.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Job {
    /// The command that made it (`run`).
    pub command: String,
    /// Its arguments, those that decide the result (not `--shard`, `--out`, `--threads`, `--format`, `--quiet`).
    pub args: Vec<String>,
    /// SHA-256 of the resolved scenario and simulation model: equal exactly when the inputs were.
    pub fingerprint: String,
    pub seed: u64,
    pub pns_version: String,
}

/// Shard `index` (1-based) of `count`, which did work units `[start, end)` of `total`.
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Units {
    pub index: u64,
    pub count: u64,
    pub start: u64,
    pub end: u64,
    pub total: u64,
}

/// One named array of counts.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Counts {
    pub name: String,
    pub counts: Vec<u64>,
}

/// A partial result: the job, the units and their tallies.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Partial {
    pub job: Job,
    pub units: Units,
    pub tallies: Vec<Counts>,
}

/// The file: the format, the SHA-256 (hex) of the compact JSON of `partial`, then `partial`.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Envelope {
    format: String,
    sha256: String,
    partial: Partial,
}

impl Partial {
    /// The file's bytes (one line of JSON).
    pub fn to_bytes(&self) -> Vec<u8> {
        let body = serde_json::to_vec(self).expect("a partial serialises");
        let envelope = Envelope { format: FORMAT.into(), sha256: sha256_hex(&body), partial: self.clone() };
        let mut bytes = serde_json::to_vec(&envelope).expect("a partial serialises");
        bytes.push(b'\n');
        bytes
    }

    /// Reads a partial from `bytes` (named `file` in errors): the format, the checksum and the units are checked.
    pub fn from_bytes(bytes: &[u8], file: &str) -> Result<Partial, InputError> {
        let err = |field: &str, msg: String| InputError::new(file, msg).field(field);
        let envelope: Envelope = serde_json::from_slice(bytes).map_err(|e| {
            let what = if e.is_eof() { "the file ends early (truncated?)" } else { "not a partial" };
            InputError::new(file, format!("expected a {FORMAT} file, found {what}: {e}")).at_line(e.line() as u64)
        })?;
        if envelope.format != FORMAT {
            return Err(err("format", format!("expected '{FORMAT}', found '{}'", envelope.format)));
        }
        let body = serde_json::to_vec(&envelope.partial).expect("a partial serialises");
        let sum = sha256_hex(&body);
        if sum != envelope.sha256 {
            return Err(err(
                "sha256",
                format!(
                    "the content does not match its checksum (altered?): expected {sum}, found '{}'",
                    envelope.sha256
                ),
            ));
        }
        let u = envelope.partial.units;
        let expected = crate::shard::Shard::parse(&format!("{}/{}", u.index, u.count)).ok().map(|s| s.units(u.total));
        if expected != Some(u.start..u.end) {
            let found = format!("shard {}/{} of {} units: [{}, {})", u.index, u.count, u.total, u.start, u.end);
            return Err(err(
                "units",
                format!("expected shard i/n to hold units [(i-1)·total/n, i·total/n), found '{found}'"),
            ));
        }
        Ok(envelope.partial)
    }

    /// Reads the partial at `path`, or in the directory `path` (its [`FILE_NAME`]).
    pub fn read(path: &std::path::Path) -> Result<(String, Partial), InputError> {
        let file = if path.is_dir() { path.join(FILE_NAME) } else { path.to_path_buf() };
        let label = file.display().to_string();
        let bytes = std::fs::read(&file)
            .map_err(|e| InputError::new(&label, format!("expected a {FORMAT} file, cannot read it: {e}")))?;
        let partial = Partial::from_bytes(&bytes, &label)?;
        Ok((label, partial))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Partial {
        Partial {
            job: Job {
                command: "run".into(),
                args: vec!["a.toml".into()],
                fingerprint: "00".into(),
                seed: 7,
                pns_version: "0.1.0".into(),
            },
            units: Units { index: 2, count: 3, start: 3, end: 6, total: 10 },
            tallies: vec![Counts { name: "hist".into(), counts: vec![1, 2, 3] }],
        }
    }

    #[test]
    fn round_trips_and_refuses_alterations() {
        let bytes = sample().to_bytes();
        assert_eq!(Partial::from_bytes(&bytes, "p").unwrap(), sample());
        let text = String::from_utf8(bytes.clone()).unwrap();
        let altered = text.replace("[1,2,3]", "[1,2,4]");
        let e = Partial::from_bytes(altered.as_bytes(), "p").unwrap_err().to_string();
        assert!(e.starts_with("p: field `sha256`: the content does not match"), "{e}");
        let e = Partial::from_bytes(&bytes[..bytes.len() / 2], "p").unwrap_err().to_string();
        assert!(e.starts_with("p:1: expected a pns-partial/1 file, found the file ends early"), "{e}");
        let mut wrong = sample();
        wrong.units.start = 4;
        let e = Partial::from_bytes(&wrong.to_bytes(), "p").unwrap_err().to_string();
        assert!(e.starts_with("p: field `units`: expected shard i/n"), "{e}");
    }
}
