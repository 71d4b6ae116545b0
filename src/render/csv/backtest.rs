//! CSV of a backtest: one row per pair × model × swing level × party (long format, for notebooks). The
//! probabilistic columns are empty without `--sims`.

use crate::backtest::Backtest;

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
        "brier",
        "log_loss",
        "sim_mean",
        "sim_median",
        "interval50_lo",
        "interval50_hi",
        "interval90_lo",
        "interval90_hi",
        "in50",
        "in90",
    ])?;
    for p in &b.pairs {
        for c in &p.cases {
            let s = &c.scores;
            let prob = s.probabilistic.as_ref();
            for party in &s.parties {
                let cov = prob.and_then(|x| x.coverage.iter().find(|c| c.party == party.party));
                let text = |f: &dyn Fn(&crate::backtest::prob::Coverage) -> String| cov.map(f).unwrap_or_default();
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
                    prob.map(|x| x.brier.to_string()).unwrap_or_default(),
                    prob.map(|x| x.log_loss.to_string()).unwrap_or_default(),
                    text(&|c| c.mean.to_string()),
                    text(&|c| c.median.to_string()),
                    text(&|c| c.interval50[0].to_string()),
                    text(&|c| c.interval50[1].to_string()),
                    text(&|c| c.interval90[0].to_string()),
                    text(&|c| c.interval90[1].to_string()),
                    text(&|c| c.in50.to_string()),
                    text(&|c| c.in90.to_string()),
                ])?;
            }
        }
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}
