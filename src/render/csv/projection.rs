//! CSV of a projection: one row per constituency, shares of every party column in percent.

use crate::party::PARTY_CODES;
use crate::report::ProjectionReport;

/// Renders the per-constituency CSV.
pub fn render(r: &ProjectionReport) -> anyhow::Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["code", "name", "region", "nation", "baseline_winner", "winner", "projected"];
    header.extend(PARTY_CODES);
    w.write_record(&header)?;
    for c in &r.constituencies {
        let mut row = vec![
            c.code.clone(),
            c.name.clone(),
            c.region.clone(),
            c.nation.clone(),
            c.baseline_winner.clone(),
            c.winner.clone(),
            c.projected.to_string(),
        ];
        row.extend(PARTY_CODES.iter().map(|p| format!("{}", c.shares.get(*p).copied().unwrap_or(0.0))));
        w.write_record(&row)?;
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}
