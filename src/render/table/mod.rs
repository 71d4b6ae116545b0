//! Tables: the plain-text reports printed on stdout, one module per command's subject.

pub mod backtest;
pub mod baselines;
pub mod changes;
pub mod estimate;
pub mod projection;
pub mod run;
pub mod seat;
pub mod sweep;
pub mod targets;
