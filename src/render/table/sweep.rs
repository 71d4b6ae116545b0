//! Plain-text table of a sweep: one line per point with the swept shares (or the scenario), the largest parties
//! and the outcome.

use crate::sweep::{Point, Sweep};
use std::fmt::Write;

/// Renders the sweep with a header saying what moves.
pub fn render(s: &Sweep) -> String {
    let mut out = String::new();
    let axis = |a: &crate::sweep::AxisInfo| format!("{} {}–{} step {} ({} points)", a.party, a.from, a.to, a.step, a.n);
    let sims = match s.seed {
        Some(seed) => format!("{} simulations a point, seed {seed} at every point", s.sims),
        None => "projections only (add --sims N for the odds)".to_string(),
    };
    let Some(x) = &s.x else {
        let n = s.points.len();
        let _ = writeln!(out, "{} — baseline {}: {n} scenarios", s.scenario, s.baseline);
        let _ = writeln!(out, "{sims}; majority {} of {}\n", s.majority, s.total_seats);
        let names: Vec<String> = s.points.iter().map(|p| p.scenario.clone().unwrap_or_default()).collect();
        let w = names.iter().map(|n| n.chars().count()).max().unwrap_or(0).max(8);
        let _ = writeln!(
            out,
            "{:<w$} {:<28} {:<28} {:>7}",
            "scenario", "central seats (top 3)", "most likely outcome", "P(hung)"
        );
        for (p, name) in s.points.iter().zip(&names) {
            let _ = writeln!(out, "{name:<w$} {:<28} {:<28} {:>7}", top(p), outcome(p), hung(p));
        }
        return out;
    };
    let y = s.y.as_ref().map(|a| format!(" × {}", axis(a))).unwrap_or_default();
    let model = s.model.map(|m| m.code()).unwrap_or_default();
    let _ = writeln!(out, "{} — baseline {}, model {model}: {}{y}", s.scenario, s.baseline, axis(x));
    let others = s.others.as_deref().unwrap_or_default();
    let _ = writeln!(out, "others {others}; {sims}; majority {} of {}\n", s.majority, s.total_seats);
    let y_head = s.y.as_ref().map(|a| a.party.clone()).unwrap_or_default();
    let _ = writeln!(
        out,
        "{:>8} {:>8}  {:<28} {:<28} {:>7}",
        x.party, y_head, "central seats (top 3)", "most likely outcome", "P(hung)"
    );
    for p in &s.points {
        let y = p.y.map(|v| format!("{v:.2}")).unwrap_or_default();
        let x = p.x.unwrap_or_default();
        let _ = writeln!(out, "{x:>8.2} {y:>8}  {:<28} {:<28} {:>7}", top(p), outcome(p), hung(p));
    }
    out
}

/// The most likely outcome, with its probability when simulated.
fn outcome(p: &Point) -> String {
    match p.outcome_probability {
        Some(q) => format!("{} {:.1}%", p.outcome, q * 100.0),
        None => p.outcome.clone(),
    }
}

fn hung(p: &Point) -> String {
    p.p_hung.map(|q| format!("{:.1}%", q * 100.0)).unwrap_or_default()
}

/// The three parties with most central seats, e.g. `reform 310, lab 150, ld 70`.
fn top(p: &Point) -> String {
    let mut rows: Vec<_> = p.parties.iter().filter(|r| r.central > 0).collect();
    rows.sort_by(|a, b| b.central.cmp(&a.central).then(a.party.cmp(&b.party)));
    rows.iter().take(3).map(|r| format!("{} {}", r.party, r.central)).collect::<Vec<_>>().join(", ")
}
