//! CSV exports of a run summary: parties, histogram (long format) and constituencies.

use crate::summary::{SeatSummary, Summary};
use std::collections::BTreeMap;

fn finish(w: csv::Writer<Vec<u8>>) -> anyhow::Result<Vec<u8>> {
    Ok(w.into_inner()?)
}

/// `parties.csv`: one row per party with every summary statistic.
pub fn parties(s: &Summary) -> anyhow::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "party",
        "name",
        "central",
        "mean",
        "favourite_seats",
        "median",
        "p5",
        "p95",
        "min",
        "max",
        "p_majority",
        "p_effective_majority",
        "p_largest",
        "p_joint_largest",
    ])?;
    for p in &s.parties {
        w.write_record([
            p.party.clone(),
            p.name.clone(),
            p.central.to_string(),
            p.mean.to_string(),
            p.favourite_seats.to_string(),
            p.median.to_string(),
            p.p5.to_string(),
            p.p95.to_string(),
            p.min.to_string(),
            p.max.to_string(),
            p.p_majority.to_string(),
            p.p_effective_majority.to_string(),
            p.p_largest.to_string(),
            p.p_joint_largest.to_string(),
        ])?;
    }
    finish(w)
}

/// `histogram.csv`: long format, one row per party and seat count with a non-zero count.
pub fn histogram(s: &Summary) -> anyhow::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["party", "seats", "count", "probability"])?;
    for p in &s.parties {
        for (seats, &count) in p.histogram.iter().enumerate() {
            if count > 0 {
                let prob = count as f64 / s.sims as f64;
                w.write_record([p.party.clone(), seats.to_string(), count.to_string(), prob.to_string()])?;
            }
        }
    }
    finish(w)
}

/// The party codes (in column order) for which `value` is present in any seat.
fn columns<'a>(s: &'a Summary, value: impl Fn(&'a SeatSummary) -> &'a BTreeMap<String, f64>) -> Vec<&'a str> {
    crate::party::PARTY_CODES
        .iter()
        .copied()
        .filter(|p| s.constituencies.iter().any(|c| value(c).contains_key(*p)))
        .collect()
}

/// `constituencies.csv`: one row per seat — the central projection's winner, runner-up and majority, the simulated
/// favourite and rating, P(win) for every party that won the seat in any simulation, and the baseline and central
/// shares of every party with a vote anywhere (percent; 0 where a party did not stand).
pub fn constituencies(s: &Summary) -> anyhow::Result<Vec<u8>> {
    let p_win = columns(s, |c| &c.p_win);
    let base = columns(s, |c| &c.baseline_shares);
    let shares = columns(s, |c| &c.central_shares);
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = [
        "code",
        "name",
        "nation",
        "region",
        "baseline_winner",
        "central_winner",
        "central_runner_up",
        "central_majority",
        "central_majority_votes",
        "favourite",
        "rating",
    ]
    .map(String::from)
    .to_vec();
    header.extend(p_win.iter().map(|p| format!("p_{p}")));
    header.extend(base.iter().map(|p| format!("baseline_{p}")));
    header.extend(shares.iter().map(|p| format!("central_{p}")));
    w.write_record(&header)?;
    let get = |m: &BTreeMap<String, f64>, p: &str| m.get(p).copied().unwrap_or(0.0).to_string();
    for c in &s.constituencies {
        let mut row = vec![
            c.code.clone(),
            c.name.clone(),
            c.nation.clone(),
            c.region.clone(),
            c.baseline_winner.clone(),
            c.central_winner.clone(),
            c.central_runner_up.clone().unwrap_or_default(),
            c.central_majority.to_string(),
            c.central_majority_votes.to_string(),
            c.favourite.clone(),
            c.rating.clone(),
        ];
        row.extend(p_win.iter().map(|p| get(&c.p_win, p)));
        row.extend(base.iter().map(|p| get(&c.baseline_shares, p)));
        row.extend(shares.iter().map(|p| get(&c.central_shares, p)));
        w.write_record(&row)?;
    }
    finish(w)
}
