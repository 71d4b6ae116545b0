//! Plain-text table of a projection for the terminal.

use crate::report::ProjectionReport;
use std::fmt::Write;

/// Renders the party table with a header naming the scenario, baseline, model and scope.
pub fn render(r: &ProjectionReport) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{} — baseline {}, model {}, scope {}", r.scenario, r.baseline, r.model.code(), r.scope.code());
    for a in &r.areas {
        let named: Vec<String> =
            a.named.iter().map(|p| format!("{p} {:.1}", a.target_shares.get(p).copied().unwrap_or(0.0))).collect();
        let held = if a.held.is_empty() { String::new() } else { format!("; held: {}", a.held.join(", ")) };
        let _ = writeln!(s, "  {}: {}{}", a.area, named.join(", "), held);
    }
    let _ = writeln!(s);
    let _ = writeln!(s, "{:<10} {:>9} {:>9} {:>7} {:>9} {:>9}", "party", "base", "seats", "change", "base %", "proj %");
    for p in &r.parties {
        let _ = writeln!(
            s,
            "{:<10} {:>9} {:>9} {:>+7} {:>9.2} {:>9.2}",
            p.party, p.baseline_seats, p.seats, p.change, p.baseline_share, p.projected_share
        );
    }
    let base_total: u32 = r.parties.iter().map(|p| p.baseline_seats).sum();
    let _ = writeln!(s, "{:<10} {:>9} {:>9}", "total", base_total, r.total_seats);
    let _ = writeln!(
        s,
        "\nseats (all {}): the {}\n\
         shares: GB, projected seats only (NI and the Speaker's seat excluded)",
        r.total_seats, r.figure
    );
    s
}
