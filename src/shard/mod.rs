//! Sharded runs: a job's fixed work units cut into n shards, each written as a partial result with integer
//! tallies, and partials merged back into exactly what one process would have computed.

pub mod job;
pub mod merge;
pub mod partial;
mod spec;
pub mod tally;

pub use merge::{Merged, combine, concat};
pub use partial::{Counts, FILE_NAME, FORMAT, Job, Partial, Units};
pub use spec::{MAX_SHARDS, Shard};
