//! CSV of a sweep: one row per point × party (empty simulated columns without simulations; empty axis columns, and
//! the scenario's name and file, for a list of scenarios).

use crate::sweep::Sweep;

/// Renders the sweep, points in grid order (x fastest), parties in the sweep's order within each point.
pub fn render(s: &Sweep) -> anyhow::Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "point",
        "i",
        "j",
        "x_party",
        "x",
        "y_party",
        "y",
        "party",
        "share",
        "central",
        "mean",
        "median",
        "p5",
        "p95",
        "p_majority",
        "p_largest",
        "p_hung",
        "outcome",
        "outcome_probability",
        "scenario",
        "file",
    ])?;
    let opt = |v: Option<String>| v.unwrap_or_default();
    let x_party = s.x.as_ref().map(|a| a.party.clone()).unwrap_or_default();
    let y_party = s.y.as_ref().map(|a| a.party.clone()).unwrap_or_default();
    for p in &s.points {
        for r in &p.parties {
            w.write_record([
                p.index.to_string(),
                p.i.to_string(),
                p.j.to_string(),
                x_party.clone(),
                opt(p.x.map(|v| v.to_string())),
                y_party.clone(),
                opt(p.y.map(|v| v.to_string())),
                r.party.clone(),
                opt(p.shares.get(&r.party).map(|v| v.to_string())),
                r.central.to_string(),
                opt(r.mean.map(|v| v.to_string())),
                opt(r.median.map(|v| v.to_string())),
                opt(r.p5.map(|v| v.to_string())),
                opt(r.p95.map(|v| v.to_string())),
                opt(r.p_majority.map(|v| v.to_string())),
                opt(r.p_largest.map(|v| v.to_string())),
                opt(p.p_hung.map(|v| v.to_string())),
                p.outcome.clone(),
                opt(p.outcome_probability.map(|v| v.to_string())),
                opt(p.scenario.clone()),
                opt(p.file.clone()),
            ])?;
        }
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}
