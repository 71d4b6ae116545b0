//! The progress bar factory: a styled bar on a terminal, a hidden one otherwise.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// A bar over `len` simulations; hidden with `quiet`, when stderr is not a terminal, or for short runs.
pub fn bar(len: u64, quiet: bool) -> ProgressBar {
    labelled("simulating", len, 50_000, quiet)
}

/// A bar over `len` steps of `what` (e.g. "bootstrap"); hidden with `quiet`, when stderr is not a terminal, or when
/// `len` is below `shown_from` (work that takes less than about a second).
pub fn labelled(what: &str, len: u64, shown_from: u64, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() || len < shown_from {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    let template = format!(" {{spinner}} {what} {{wide_bar}} {{pos}}/{{len}} ETA {{eta_precise}} ");
    pb.set_style(ProgressStyle::with_template(&template).unwrap_or_else(|_| ProgressStyle::default_bar()));
    pb
}
