//! Seat-level questions analysts ask of a projection: margins, seats changing hands, targets, one seat.

pub mod changes;
pub mod crossing;
pub mod lookup;
pub mod margin;
pub mod names;
pub mod run;
pub mod shift;
pub mod targets;

pub use margin::Margin;
