//! Output: everything `pns` writes — stdout, an output directory that always holds one complete run (`files.rs`
//! has the rule) with its `manifest.json`, the progress bar.

mod files;
pub mod finite;
mod generation;
mod lock;
pub mod manifest;
pub mod progress;
mod sha256;

pub use files::{OutputDir, OutputFile, check_writable, write_all};
pub use sha256::hex as sha256_hex;

use std::io::Write;

/// Writes `text` to stdout; a closed pipe comes back as an error (which `main` treats as success) instead of the
/// panic `print!` would raise.
pub fn emit(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}
