//! Finding a shipped baseline of [`crate::shipped::BASELINES`] by the name a user gives.

use crate::shipped::{BASELINES, find};

/// Year and month of polling day of a shipped baseline (the notional 2019 result: December 2019).
pub fn polling_date(name: &str) -> Option<(i32, u32)> {
    find(&BASELINES, &name.trim().to_ascii_lowercase()).map(|b| b.data.polling_date)
}

/// The CSV text of a shipped baseline (case-insensitive; `ge2019_notional_2024` is accepted for `ge2019n`).
pub fn lookup(name: &str) -> Option<&'static str> {
    let lower = name.trim().to_ascii_lowercase();
    let key = match lower.as_str() {
        "ge2019_notional_2024" | "ge2019-notional" | "ge2019_notional" => "ge2019n",
        other => other,
    };
    find(&BASELINES, key).map(|b| b.data.csv)
}
