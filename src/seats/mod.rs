//! Seat-level questions analysts ask of a projection: margins, seats changing hands, targets, one seat.

pub mod crossing;
pub mod margin;
pub mod shift;
pub mod targets;

pub use margin::Margin;
