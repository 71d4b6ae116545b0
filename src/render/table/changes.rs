//! Plain-text report of `pns changes`: the gains matrix, seats by party and area, and every seat changing hands.

use crate::party::Party;
use crate::report::changes::{ChangesReport, SeatChange};
use std::fmt::Write;

/// Renders the whole report: header, matrix, party totals, area totals, then the seats by gaining party.
pub fn render(r: &ChangesReport) -> String {
    let mut s = String::new();
    header(&mut s, r);
    if r.seats.is_empty() {
        return s;
    }
    matrix(&mut s, r);
    parties(&mut s, r);
    areas(&mut s, r);
    seats(&mut s, r);
    s
}

fn header(s: &mut String, r: &ChangesReport) {
    let _ = writeln!(
        s,
        "Seats changing hands: {} — baseline {}, model {}, scope {}",
        r.scenario,
        r.baseline,
        r.model.code(),
        r.scope.code()
    );
    let from_run = match &r.run {
        Some(run) => format!("; P(win) and ratings from {} ({} simulations, seed {})", run.file, run.sims, run.seed),
        None => String::new(),
    };
    let _ = writeln!(s, "Figures: the {}{from_run}.", r.figure);
    let _ = writeln!(s, "\n{} of {} seats change hands.", r.seats_changing, r.total_seats);
}

/// The parties that gain (rows) and lose (columns), in the order of the party totals.
fn gainers_losers(r: &ChangesReport) -> (Vec<&str>, Vec<&str>) {
    let order = || r.parties.iter();
    let gain = order().filter(|p| p.gains > 0).map(|p| p.party.as_str()).collect();
    let lose = order().filter(|p| p.losses > 0).map(|p| p.party.as_str()).collect();
    (gain, lose)
}

fn matrix(s: &mut String, r: &ChangesReport) {
    let (gainers, losers) = gainers_losers(r);
    let _ = writeln!(s, "\nGains (rows) from (columns):");
    let _ = write!(s, "{:<10}", "");
    losers.iter().for_each(|l| s.push_str(&format!(" {l:>8}")));
    let _ = writeln!(s, " {:>8}", "gains");
    for g in &gainers {
        let row = r.matrix.get(*g);
        let _ = write!(s, "{g:<10}");
        for l in &losers {
            let cell = row.and_then(|m| m.get(*l)).map_or(".".to_string(), u32::to_string);
            let _ = write!(s, " {cell:>8}");
        }
        let total: u32 = row.map_or(0, |m| m.values().sum());
        let _ = writeln!(s, " {total:>8}");
    }
    let _ = write!(s, "{:<10}", "losses");
    for l in &losers {
        let n: u32 = r.matrix.values().filter_map(|m| m.get(*l)).sum();
        let _ = write!(s, " {n:>8}");
    }
    let _ = writeln!(s, " {:>8}", r.seats_changing);
}

fn parties(s: &mut String, r: &ChangesReport) {
    let _ = writeln!(s, "\n{:<10} {:>8} {:>8} {:>8} {:>8} {:>8}", "party", "base", "seats", "gains", "losses", "net");
    for p in r.parties.iter().filter(|p| p.gains + p.losses > 0) {
        let _ = writeln!(
            s,
            "{:<10} {:>8} {:>8} {:>8} {:>8} {:>+8}",
            p.party, p.baseline_seats, p.seats, p.gains, p.losses, p.net
        );
    }
}

/// Net change per party in each nation, each followed by its regions (England's nine).
fn areas(s: &mut String, r: &ChangesReport) {
    let columns: Vec<&str> = r.parties.iter().filter(|p| p.gains + p.losses > 0).map(|p| p.party.as_str()).collect();
    let _ = write!(s, "\n{:<28} {:>6} {:>8}", "net change by area", "seats", "changing");
    columns.iter().for_each(|c| s.push_str(&format!(" {c:>7}")));
    let _ = writeln!(s);
    for nation in r.by_area.iter().filter(|a| a.kind == "nation") {
        let regions = r.by_area.iter().filter(|a| a.kind == "region" && a.nation == nation.area);
        for a in std::iter::once(nation).chain(regions) {
            let label = if a.kind == "region" { format!("  {}", a.area) } else { a.area.clone() };
            let _ = write!(s, "{label:<28} {:>6} {:>8}", a.seats, a.changing);
            for c in &columns {
                let cell = match a.parties.iter().find(|p| p.party == *c) {
                    None => ".".to_string(),
                    Some(p) if p.net == 0 => "0".to_string(),
                    Some(p) => format!("{:+}", p.net),
                };
                let _ = write!(s, " {cell:>7}");
            }
            let _ = writeln!(s);
        }
    }
    let _ = writeln!(s, "(.: no seat gained or lost; 0: as many gained as lost)");
}

/// The seats, one block per gaining party.
fn seats(s: &mut String, r: &ChangesReport) {
    let name_width = r.seats.iter().map(|c| c.name.chars().count()).max().unwrap_or(4).max(4);
    let region_width = r.seats.iter().map(|c| c.region.chars().count()).max().unwrap_or(6).max(6);
    let with_run = r.run.is_some();
    let mut group: Option<&str> = None;
    for c in &r.seats {
        if group != Some(c.to.as_str()) {
            group = Some(c.to.as_str());
            let n = r.seats.iter().filter(|x| x.to == c.to).count();
            let name = Party::from_code(&c.to).map_or(c.to.as_str(), |p| p.name());
            let _ = writeln!(s, "\n{name} gains ({n}), narrowest majority first:");
            let _ = write!(
                s,
                "{:<9}  {:<name_width$}  {:<region_width$}  {:<8} {:<8} {:>7} {:>9} {:>7}",
                "code", "name", "region", "from", "2nd", "maj pts", "maj votes", "undo"
            );
            let _ = writeln!(s, "{}", if with_run { format!(" {:>7}  rating", "P(win)") } else { String::new() });
        }
        line(s, c, name_width, region_width);
    }
    let _ = writeln!(
        s,
        "\nmaj: projected majority over the runner-up (2nd) at the baseline's turnout; undo: the two-party swing"
    );
    let _ = writeln!(s, "from the new winner to the runner-up that would undo the gain (half the majority).");
}

fn line(s: &mut String, c: &SeatChange, name_width: usize, region_width: usize) {
    let second = c.runner_up.as_deref().unwrap_or("-");
    let _ = write!(
        s,
        "{:<9}  {:<name_width$}  {:<region_width$}  {:<8} {:<8} {:>7.2} {:>9} {:>7.2}",
        c.code, c.name, c.region, c.from, second, c.majority_points, c.majority_votes, c.swing_to_undo
    );
    if let (Some(p), Some(rating)) = (c.p_win, &c.rating) {
        let _ = write!(s, " {p:>7.3}  {rating}");
    }
    let _ = writeln!(s);
}
