//! CSV exports of a run summary: parties, histogram (long format) and constituencies.

use crate::summary::Summary;

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

/// `constituencies.csv`: one row per seat, with P(win) for every party that won any seat in any simulation.
pub fn constituencies(s: &Summary) -> anyhow::Result<Vec<u8>> {
    let mut parties: Vec<String> = Vec::new();
    for c in &s.constituencies {
        for p in c.p_win.keys() {
            if !parties.contains(p) {
                parties.push(p.clone());
            }
        }
    }
    let order: Vec<&str> = crate::party::PARTY_CODES.to_vec();
    parties.sort_by_key(|p| order.iter().position(|q| q == p));
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> =
        ["code", "name", "region", "baseline_winner", "central_winner", "favourite", "rating"]
            .map(String::from)
            .to_vec();
    header.extend(parties.iter().map(|p| format!("p_{p}")));
    w.write_record(&header)?;
    for c in &s.constituencies {
        let mut row = vec![
            c.code.clone(),
            c.name.clone(),
            c.region.clone(),
            c.baseline_winner.clone(),
            c.central_winner.clone(),
            c.favourite.clone(),
            c.rating.clone(),
        ];
        row.extend(parties.iter().map(|p| c.p_win.get(p).copied().unwrap_or(0.0).to_string()));
        w.write_record(&row)?;
    }
    finish(w)
}
