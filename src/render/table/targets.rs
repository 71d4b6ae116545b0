//! Plain-text table of a target list for the terminal.

use crate::seats::targets::TargetList;
use std::fmt::Write;

/// Renders the list with a header saying what moves and a footer counting the seats not shown.
pub fn render(l: &TargetList) -> String {
    let mut s = String::new();
    let (p, area) = (&l.party, &l.national_area);
    let _ = writeln!(
        s,
        "{} — baseline {}, model {}: {p} at {:.2}% ({area})",
        l.scenario,
        l.baseline,
        l.model.code(),
        l.national_share
    );
    let what = if l.kind == "defend" {
        format!("seats {p} wins, by how far its share can fall before it loses each")
    } else {
        format!("seats {p} does not win, by the rise in its share that wins each")
    };
    let _ =
        writeln!(s, "{what} (its share moves by the same points in every area; the others scale, held parties stay)\n");
    let _ = writeln!(
        s,
        "{:>4}  {:<34} {:<24} {:<8} {:>17}  {:>8} {:>9}  {:<8}",
        "#",
        "seat",
        "region",
        "holder",
        "majority",
        "change",
        format!("{p} at"),
        "to"
    );
    for t in &l.seats {
        let majority = format!("{:.2} ({:.0})", t.majority_points, t.majority_votes);
        let _ = writeln!(
            s,
            "{:>4}  {:<34} {:<24} {:<8} {:>17}  {:>+8.2} {:>8.2}%  {:<8}",
            t.rank,
            clip(&t.name, 34),
            clip(&t.region, 24),
            t.holder,
            majority,
            t.change,
            t.falls_at,
            t.to
        );
    }
    let more = l.within_reach.saturating_sub(l.seats.len());
    let end = if l.kind == "defend" { "down to" } else { "up to" };
    let _ = writeln!(
        s,
        "\n{} of {} seats shown; {more} more change hands with {p} {end} {:.2}%; {} never do (out of reach)",
        l.seats.len(),
        l.within_reach + l.out_of_reach,
        l.range_end_share,
        l.out_of_reach
    );
    let _ = writeln!(s, "majority: the holder's lead in the projection, points (votes at the baseline's turnout)");
    s
}

/// `text` cut to `n` characters.
fn clip(text: &str, n: usize) -> String {
    if text.chars().count() <= n { text.to_string() } else { text.chars().take(n - 1).collect::<String>() + "…" }
}
