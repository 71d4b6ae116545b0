//! Output: everything `pns` writes — stdout, files written atomically into an output directory, the progress bar.

mod files;
pub mod progress;

pub use files::{OutputFile, check_writable, write_all};

use std::io::Write;

/// Writes `text` to stdout; a closed pipe comes back as an error (which `main` treats as success) instead of the
/// panic `print!` would raise.
pub fn emit(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}
