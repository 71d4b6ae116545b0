//! Terminal output: the progress bar, the run table, and writing to stdout.

pub mod progress;

use std::io::Write;

/// Writes `text` to stdout; a closed pipe comes back as an error (which `main` treats as success) instead of the
/// panic `print!` would raise.
pub fn emit(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}
