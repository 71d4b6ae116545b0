//! The shipped baselines as `pns baselines` reports them: seat totals and published GB shares.

use super::{seat_map, share_map};
use crate::baseline::Baseline;
use crate::error::InputError;
use crate::shipped::BASELINES;
use serde::Serialize;
use std::collections::BTreeMap;

/// One shipped baseline.
#[derive(Serialize)]
pub struct BaselineInfo {
    pub name: &'static str,
    pub description: &'static str,
    pub constituencies: usize,
    pub seats: BTreeMap<String, u32>,
    /// GB shares over every GB seat (as published), percent.
    pub gb_shares: BTreeMap<String, f64>,
}

/// Every shipped baseline, oldest first.
pub fn shipped() -> Result<Vec<BaselineInfo>, InputError> {
    BASELINES
        .iter()
        .map(|shipped| {
            let b = Baseline::load(shipped.name)?;
            Ok(BaselineInfo {
                name: shipped.name,
                description: shipped.description,
                constituencies: b.seats.len(),
                seats: seat_map(&b.seat_counts()),
                gb_shares: share_map(&b.gb_shares()),
            })
        })
        .collect()
}
