//! The fuzz harness shared by `examples/fuzz.rs` (long passes) and `tests/fuzz_smoke.rs` (a short pass in CI).

// Each of the two binaries uses part of it.
#![allow(dead_code)]

pub mod alloc;
pub mod args;
pub mod corpus;
pub mod mutate;
pub mod runner;
pub mod targets;
