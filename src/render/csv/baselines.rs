//! CSV of `pns baselines`: one row per baseline and party with a seat or a share.

use crate::party::Party;
use crate::report::baselines::BaselineInfo;

/// `baseline,party,seats,gb_share` rows.
pub fn render(infos: &[BaselineInfo]) -> anyhow::Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["baseline", "party", "seats", "gb_share"])?;
    for i in infos {
        for p in Party::all() {
            let seats = i.seats.get(p.code()).copied().unwrap_or(0);
            let share = i.gb_shares.get(p.code()).copied().unwrap_or(0.0);
            if seats > 0 || share > 0.0 {
                w.write_record([i.name, p.code(), &seats.to_string(), &format!("{share:.2}")])?;
            }
        }
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}
