//! Finding a shipped baseline of [`crate::shipped::BASELINES`] by the name a user gives.

/// Year and month of polling day of a shipped baseline (the notional 2019 result: December 2019).
pub fn polling_date(name: &str) -> Option<(i32, u32)> {
    crate::shipped::baseline(name).map(|b| b.data.polling_date)
}

/// The CSV text of a shipped baseline (see [`crate::shipped::baseline`] for the names accepted).
pub fn lookup(name: &str) -> Option<&'static str> {
    crate::shipped::baseline(name).map(|b| b.data.csv)
}
