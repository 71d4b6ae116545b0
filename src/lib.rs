//! `pns`: from projected national shares to a parliament — load, estimate, project, simulate, report.

// Indexed loops over party columns read more clearly than zipped iterators in the numeric kernels.
#![allow(clippy::needless_range_loop)]

pub mod baseline;
pub mod cli;
pub mod commands;
pub mod error;
pub mod estimate;
pub mod geo;
pub mod party;
pub mod project;
pub mod report;
pub mod scenario;
