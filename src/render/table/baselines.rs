//! The table of `pns baselines`: each shipped baseline's seats and GB shares.

use crate::report::baselines::BaselineInfo;
use std::fmt::Write;

/// Seats (largest first) and GB shares of at least 0.5 % of each baseline.
pub fn render(infos: &[BaselineInfo]) -> String {
    let mut o = String::new();
    for i in infos {
        let _ = writeln!(o, "{:<8} {} — {} constituencies", i.name, i.description, i.constituencies);
        let mut seats: Vec<_> = i.seats.iter().collect();
        seats.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let seats: Vec<String> = seats.iter().map(|(p, n)| format!("{p} {n}")).collect();
        let _ = writeln!(o, "         seats:    {}", seats.join(", "));
        let mut shares: Vec<_> = i.gb_shares.iter().filter(|(_, v)| **v >= 0.5).collect();
        shares.sort_by(|a, b| b.1.total_cmp(a.1));
        let shares: Vec<String> = shares.iter().map(|(p, v)| format!("{p} {v:.2}")).collect();
        let _ = writeln!(o, "         GB share: {}", shares.join(", "));
    }
    o
}
