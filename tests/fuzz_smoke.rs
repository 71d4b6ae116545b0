//! A short seeded pass of every fuzz target (the harness is `tests/fuzz/`, its long passes `examples/fuzz.rs`).

mod fuzz;

use fuzz::runner::{Config, run};
use fuzz::targets::Target;
use std::time::Duration;

#[global_allocator]
static ALLOC: fuzz::alloc::Counting = fuzz::alloc::Counting;

/// Inputs per target: about 20 s in all on two cores in release mode.
fn inputs(target: Target) -> u64 {
    match target {
        Target::Scenario => 300_000,
        Target::Baseline => 60_000,
        Target::Ward => 30_000,
        Target::Cli => 150_000,
        Target::Summary => 3_000,
        Target::Seat => 6_000,
        Target::Partial => 2_000,
    }
}

fn pass(target: Target) {
    let cfg = Config {
        target,
        seed: 20260101,
        start: 0,
        inputs: inputs(target),
        jobs: 2,
        timeout: Duration::from_secs(2),
        max_findings: 5,
        progress: None,
    };
    let report = run(&cfg);
    let findings: Vec<String> =
        report.findings.iter().map(|f| format!("#{} {}: {} — {:?}", f.index, f.kind, f.message, f.input)).collect();
    assert!(findings.is_empty(), "{}: {} findings:\n{}", target.name(), findings.len(), findings.join("\n"));
    assert_eq!(report.inputs, cfg.inputs);
    assert!(report.accepted > 0, "{}: no input was accepted: the mutations are too strong", target.name());
}

#[test]
fn scenario_loader() {
    pass(Target::Scenario);
}

#[test]
fn baseline_loader() {
    pass(Target::Baseline);
}

#[test]
fn ward_loader_and_estimate() {
    pass(Target::Ward);
}

#[test]
fn command_line() {
    pass(Target::Cli);
}

/// `pns plot`'s reader and the charts: `read_summary` validates what the charts index (a mutated `swing_sweep` once
/// panicked in `src/render/chart/swing.rs`: `--target summary --seed 1 --start 98 --inputs 1`).
#[test]
fn summary_reader_and_charts() {
    pass(Target::Summary);
}

/// `pns seat`'s query: the lookup (folding, word match, edit-distance suggestions) and the seat's report.
#[test]
fn seat_query() {
    pass(Target::Seat);
}

/// `pns merge`'s reader of `partial.json` (format, checksum, units), then the merge and the tallies' shapes.
#[test]
fn partial_reader_and_merge() {
    pass(Target::Partial);
}
