//! CSV of a target list: one row per seat, in order.

use crate::seats::targets::TargetList;

/// Renders the list, one row per seat with the party and the kind of list on every row.
pub fn render(l: &TargetList) -> anyhow::Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "party",
        "kind",
        "rank",
        "code",
        "name",
        "region",
        "holder",
        "runner_up",
        "majority_points",
        "majority_votes",
        "change",
        "falls_at",
        "to",
    ])?;
    for s in &l.seats {
        w.write_record([
            l.party.clone(),
            l.kind.clone(),
            s.rank.to_string(),
            s.code.clone(),
            s.name.clone(),
            s.region.clone(),
            s.holder.clone(),
            s.runner_up.clone().unwrap_or_default(),
            s.majority_points.to_string(),
            s.majority_votes.to_string(),
            s.change.to_string(),
            s.falls_at.to_string(),
            s.to.clone(),
        ])?;
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}
