//! `pns`: from projected national shares to a parliament — load, estimate, project, simulate, report.

pub mod backtest;
pub mod baseline;
pub mod cli;
pub mod commands;
pub mod csvrows;
pub mod engine;
pub mod error;
pub mod estimate;
pub mod geo;
pub mod output;
pub mod party;
pub mod paths;
pub mod project;
pub mod render;
pub mod report;
pub mod round;
pub mod scenario;
pub mod seats;
pub mod shard;
pub mod shipped;
pub mod summary;
pub mod sweep;
