//! The progress bar factory: a styled bar on a terminal, a hidden one otherwise.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// A bar over `len` simulations; hidden with `quiet`, when stderr is not a terminal, or for short runs.
pub fn bar(len: u64, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() || len < 50_000 {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    pb.set_style(
        ProgressStyle::with_template(" {spinner} simulating {wide_bar} {pos}/{len} ETA {eta_precise} ")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    pb
}
