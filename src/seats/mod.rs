//! Seat-level questions analysts ask of a projection: margins, seats changing hands, targets, one seat.

pub mod margin;

pub use margin::Margin;
