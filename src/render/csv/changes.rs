//! CSV of `pns changes`: one row per seat changing hands, in the report's order.

use crate::report::changes::ChangesReport;

/// The columns, in order (documented in the README).
pub const HEADER: [&str; 12] = [
    "code",
    "name",
    "region",
    "nation",
    "from",
    "to",
    "runner_up",
    "majority_points",
    "majority_votes",
    "swing_to_undo",
    "p_win",
    "rating",
];

/// Renders the rows; `p_win` and `rating` are empty without a run, `runner_up` when nobody else has a vote.
pub fn render(r: &ChangesReport) -> anyhow::Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(HEADER)?;
    for c in &r.seats {
        w.write_record([
            c.code.clone(),
            c.name.clone(),
            c.region.clone(),
            c.nation.clone(),
            c.from.clone(),
            c.to.clone(),
            c.runner_up.clone().unwrap_or_default(),
            c.majority_points.to_string(),
            c.majority_votes.to_string(),
            c.swing_to_undo.to_string(),
            c.p_win.map(|p| p.to_string()).unwrap_or_default(),
            c.rating.clone().unwrap_or_default(),
        ])?;
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}
