//! CSV: the comma-separated outputs for pandas and R, one module per subject.

pub mod backtest;
pub mod baselines;
pub mod changes;
pub mod estimate;
pub mod projection;
pub mod run;
pub mod sweep;
pub mod targets;
