//! The shipped baselines, compiled into the binary so `pns` needs no files beside it.

/// Name and CSV text of each shipped baseline, oldest first.
pub const EMBEDDED: [(&str, &str); 6] = [
    ("ge2010", include_str!("../../scenarios/baselines/ge2010.csv")),
    ("ge2015", include_str!("../../scenarios/baselines/ge2015.csv")),
    ("ge2017", include_str!("../../scenarios/baselines/ge2017.csv")),
    ("ge2019", include_str!("../../scenarios/baselines/ge2019.csv")),
    ("ge2019n", include_str!("../../scenarios/baselines/ge2019n.csv")),
    ("ge2024", include_str!("../../scenarios/baselines/ge2024.csv")),
];

/// Description of each shipped baseline.
pub fn describe(name: &str) -> &'static str {
    match name {
        "ge2010" => "General election 6 May 2010 (2010 boundaries)",
        "ge2015" => "General election 7 May 2015 (2010 boundaries)",
        "ge2017" => "General election 8 June 2017 (2010 boundaries)",
        "ge2019" => "General election 12 December 2019 (2010 boundaries)",
        "ge2019n" => "Notional 2019 result on the 2024 boundaries (Rallings & Thrasher)",
        "ge2024" => "General election 4 July 2024 (2024 boundaries)",
        _ => "",
    }
}

/// Year and month of polling day of a shipped baseline (the notional 2019 result: December 2019).
pub fn polling_date(name: &str) -> Option<(i32, u32)> {
    match name.trim().to_ascii_lowercase().as_str() {
        "ge2010" => Some((2010, 5)),
        "ge2015" => Some((2015, 5)),
        "ge2017" => Some((2017, 6)),
        "ge2019" | "ge2019n" => Some((2019, 12)),
        "ge2024" => Some((2024, 7)),
        _ => None,
    }
}

/// The CSV text of a shipped baseline (case-insensitive; `ge2019_notional_2024` is accepted for `ge2019n`).
pub fn lookup(name: &str) -> Option<&'static str> {
    let lower = name.trim().to_ascii_lowercase();
    let key = match lower.as_str() {
        "ge2019_notional_2024" | "ge2019-notional" | "ge2019_notional" => "ge2019n",
        other => other,
    };
    EMBEDDED.iter().find(|(n, _)| *n == key).map(|(_, text)| *text)
}

/// Names of the shipped baselines.
pub fn embedded_names() -> Vec<&'static str> {
    EMBEDDED.iter().map(|(n, _)| *n).collect()
}
