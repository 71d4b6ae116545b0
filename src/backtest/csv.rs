//! CSV of a backtest: one row per pair × model × swing level × party (long format, for notebooks).

use super::Backtest;

/// Renders the long-format CSV.
pub fn render(b: &Backtest) -> anyhow::Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "from",
        "to",
        "model",
        "swing_by",
        "seats_compared",
        "changed_hands",
        "wrong",
        "accuracy",
        "seat_total_error",
        "share_mae",
        "party",
        "actual_seats",
        "predicted_seats",
        "error",
        "party_share_mae",
    ])?;
    for p in &b.pairs {
        for c in &p.cases {
            let s = &c.scores;
            for party in &s.parties {
                w.write_record([
                    p.from.clone(),
                    p.to.clone(),
                    c.model.code().to_string(),
                    c.swing_by.code().to_string(),
                    s.seats_compared.to_string(),
                    p.changed_hands.to_string(),
                    s.wrong.to_string(),
                    s.accuracy.to_string(),
                    s.seat_total_error.to_string(),
                    s.share_mae.to_string(),
                    party.party.code().to_string(),
                    party.actual_seats.to_string(),
                    party.predicted_seats.to_string(),
                    party.error.to_string(),
                    party.share_mae.map(|m| m.to_string()).unwrap_or_default(),
                ])?;
            }
        }
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}
