//! Plain-text report of `pns seat`: one constituency's parties, baseline and projected result, and its odds.

use crate::report::seat::{Contest, SeatReport};
use std::fmt::Write;

/// Renders the seat: a header, one line per party, then the baseline, projected and run verdicts.
pub fn render(r: &SeatReport) -> String {
    let mut s = String::new();
    let place = if r.region == r.nation { r.nation.clone() } else { format!("{}, {}", r.region, r.nation) };
    let _ = writeln!(s, "{} ({}) — {place}", r.name, r.code);
    match &r.projected {
        Some(_) => {
            let _ = writeln!(
                s,
                "{} — baseline {}, model {}, scope {}: the {}",
                r.scenario,
                r.baseline,
                r.model.code(),
                r.scope.code(),
                r.figure
            );
        }
        None => {
            let _ = writeln!(s, "baseline {}: the result itself (no scenario or --share given)", r.baseline);
        }
    }
    if let Some(run) = &r.run {
        let _ = writeln!(s, "P(win) from {} ({} simulations, seed {})", run.run.file, run.run.sims, run.run.seed);
    }
    let _ = writeln!(s, "electorate {}, valid votes {}\n", r.electorate, r.valid_votes);
    table(&mut s, r);
    let _ = writeln!(s, "\nbaseline:  {}", verdict(&r.baseline_result, "won"));
    if let Some(p) = &r.projected {
        let how = if !r.changes_hands { "hold".to_string() } else { format!("gain from {}", r.baseline_result.winner) };
        let _ = writeln!(s, "projected: {}", verdict(p, &how));
        if let Some(second) = &p.runner_up {
            let _ = writeln!(
                s,
                "           a swing of {:.2} points from {} to {second} would make them level",
                p.swing_to_undo, p.winner
            );
        }
        if !r.moved {
            let _ = writeln!(
                s,
                "           (not moved by the swing model: Northern Ireland, the Speaker's seat or outside the scope)"
            );
        }
    }
    if let Some(run) = &r.run {
        let _ = writeln!(s, "run:       rating {}, favourite {}", run.rating, run.favourite);
    }
    s
}

/// One line per party: votes and share at the baseline, then the projected share, change and P(win) where known.
fn table(s: &mut String, r: &SeatReport) {
    let projected = r.projected.is_some();
    let with_run = r.run.is_some();
    let _ = write!(s, "{:<8} {:<18} {:>9} {:>8}", "party", "", "votes", "base %");
    if projected {
        let _ = write!(s, " {:>8} {:>8}", "proj %", "change");
    }
    if with_run {
        let _ = write!(s, " {:>7}", "P(win)");
    }
    let _ = writeln!(s);
    for p in &r.parties {
        let _ = write!(s, "{:<8} {:<18} {:>9} {:>8.2}", p.party, p.name, p.baseline_votes, p.baseline_share);
        if let (Some(share), Some(change)) = (p.projected_share, p.change) {
            let _ = write!(s, " {share:>8.2} {change:>+8.2}");
        }
        if let Some(w) = p.p_win {
            let _ = write!(s, " {w:>7.3}");
        }
        let _ = writeln!(s);
    }
}

/// `lab won, majority 12.34 points (5400 votes) over con`.
fn verdict(c: &Contest, how: &str) -> String {
    match &c.runner_up {
        Some(second) => format!(
            "{} {how}, majority {:.2} points ({} votes) over {second}",
            c.winner, c.majority_points, c.majority_votes
        ),
        None => format!("{} {how}, unopposed", c.winner),
    }
}
