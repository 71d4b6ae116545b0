//! Rendering: pure functions from results to what users read — tables, CSV, JSON and charts — one module per kind.
//!
//! Nothing here computes a result or writes a file: commands load, compute, render with these functions, and hand
//! the bytes to [`crate::output`].

pub mod chart;
pub mod csv;
pub mod json;
pub mod table;
