//! CSV of `pns estimate`: one row per pair and party.

use crate::estimate::Estimate;

/// One CSV row per pair and party.
pub fn render(all: &[Estimate]) -> anyhow::Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "pair",
        "party",
        "key_wards",
        "baseline_pns",
        "baseline_source",
        "pns",
        "sampling_lo90",
        "sampling_hi90",
        "sampling_sd",
        "validation_lo90",
        "validation_hi90",
        "change",
        "published",
        "naive",
    ])?;
    for e in all {
        for p in &e.parties {
            let source = serde_json::to_value(p.baseline_source)?.as_str().unwrap_or("").to_string();
            w.write_record([
                e.pair.clone(),
                p.party.code().to_string(),
                e.key_wards.to_string(),
                p.baseline_pns.to_string(),
                source,
                p.pns.to_string(),
                p.sampling_lo90.to_string(),
                p.sampling_hi90.to_string(),
                p.sampling_sd.to_string(),
                p.validation_lo90.map_or(String::new(), |v| v.to_string()),
                p.validation_hi90.map_or(String::new(), |v| v.to_string()),
                p.change.to_string(),
                p.published.map_or(String::new(), |v| v.to_string()),
                p.naive.to_string(),
            ])?;
        }
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}
