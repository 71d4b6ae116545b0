//! Seat-level questions analysts ask of a projection: margins, seats changing hands, targets, one seat.

pub mod changes;
pub mod lookup;
pub mod margin;
pub mod names;
pub mod run;

pub use margin::Margin;
