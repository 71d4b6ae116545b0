//! Plain-text table of a sweep: one line per point with the swept shares, the largest parties and the outcome.

use crate::sweep::{Point, Sweep};
use std::fmt::Write;

/// Renders the sweep with a header saying what moves.
pub fn render(s: &Sweep) -> String {
    let mut out = String::new();
    let axis = |a: &crate::sweep::AxisInfo| format!("{} {}–{} step {} ({} points)", a.party, a.from, a.to, a.step, a.n);
    let y = s.y.as_ref().map(|a| format!(" × {}", axis(a))).unwrap_or_default();
    let _ = writeln!(out, "{} — baseline {}, model {}: {}{y}", s.scenario, s.baseline, s.model.code(), axis(&s.x));
    let sims = match s.seed {
        Some(seed) => format!("{} simulations a point, seed {seed} at every point", s.sims),
        None => "projections only (add --sims N for the odds)".to_string(),
    };
    let _ = writeln!(out, "others {}; {sims}; majority {} of {}\n", s.others, s.majority, s.total_seats);
    let y_head = s.y.as_ref().map(|a| a.party.clone()).unwrap_or_default();
    let _ = writeln!(
        out,
        "{:>8} {:>8}  {:<28} {:<28} {:>7}",
        s.x.party, y_head, "central seats (top 3)", "most likely outcome", "P(hung)"
    );
    for p in &s.points {
        let y = p.y.map(|v| format!("{v:.2}")).unwrap_or_default();
        let outcome = match p.outcome_probability {
            Some(q) => format!("{} {:.1}%", p.outcome, q * 100.0),
            None => p.outcome.clone(),
        };
        let hung = p.p_hung.map(|q| format!("{:.1}%", q * 100.0)).unwrap_or_default();
        let _ = writeln!(out, "{:>8.2} {y:>8}  {:<28} {outcome:<28} {hung:>7}", p.x, top(p));
    }
    out
}

/// The three parties with most central seats, e.g. `reform 310, lab 150, ld 70`.
fn top(p: &Point) -> String {
    let mut rows: Vec<_> = p.parties.iter().filter(|r| r.central > 0).collect();
    rows.sort_by(|a, b| b.central.cmp(&a.central).then(a.party.cmp(&b.party)));
    rows.iter().take(3).map(|r| format!("{} {}", r.party, r.central)).collect::<Vec<_>>().join(", ")
}
