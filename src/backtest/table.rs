//! Plain-text tables of a backtest: one pair in detail, and the summary of every case.

use super::{Backtest, CaseReport, PairReport};
use crate::party::Party;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Renders a backtest: each pair in detail when there is one pair, else the summary table of every case.
pub fn render(b: &Backtest, misses: usize) -> String {
    let mut s = String::new();
    if let [pair] = b.pairs.as_slice() {
        s += &render_pair(pair, misses);
        if pair.cases.len() > 1 {
            let _ = writeln!(s);
            s += &render_summary(b);
        }
    } else {
        s += &render_summary(b);
    }
    s
}

/// `ge2017 → ge2019`.
fn pair_label(p: &PairReport) -> String {
    format!("{} → {}", p.from, p.to)
}

/// `con 365, lab 202, …` largest first.
fn seats_line(m: &BTreeMap<String, u32>) -> String {
    let mut v: Vec<_> = m.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    v.iter().map(|(p, n)| format!("{p} {n}")).collect::<Vec<_>>().join(", ")
}

/// The header of a pair: what is compared and under which rules.
fn render_header(p: &PairReport) -> String {
    let mut s = String::new();
    let speaker: Vec<&str> = p.excluded_speaker.iter().map(|x| x.name.as_str()).collect();
    let _ = writeln!(
        s,
        "Backtest {}: {} GB seats compared (left out: {} Northern Ireland seats{})",
        pair_label(p),
        p.seats_compared,
        p.excluded_northern_ireland,
        match speaker.len() {
            0 => String::new(),
            1 => format!(", the Speaker's seat {}", speaker[0]),
            _ => format!(", the Speaker's seats {}", speaker.join(" and ")),
        }
    );
    let mut shares: Vec<_> = p.actual_shares.iter().filter(|(_, v)| **v >= 0.5).collect();
    shares.sort_by(|a, b| b.1.total_cmp(a.1));
    let shares: Vec<String> = shares.iter().map(|(k, v)| format!("{k} {v:.1}")).collect();
    let _ = writeln!(s, "  actual shares over these seats: {}", shares.join(", "));
    let _ = writeln!(s, "  seats at {}: {}", p.from, seats_line(&p.baseline_seats));
    let _ = writeln!(s, "  seats at {}: {} ({} changed hands)", p.to, seats_line(&p.actual_seats), p.changed_hands);
    let merged: Vec<&str> = p.lineage.merged.iter().map(|x| x.code()).collect();
    let lineage = if merged.is_empty() {
        format!("{} alone", p.lineage.series)
    } else {
        format!("{} merged into {}", merged.join(" and "), p.lineage.series)
    };
    let stands: Vec<&str> = p.stands_everywhere.iter().map(|x| x.code()).collect();
    let _ = writeln!(
        s,
        "  lineage: {lineage}; nothing held; stand everywhere: {}",
        if stands.is_empty() { "none".to_string() } else { stands.join(", ") }
    );
    s
}

/// One pair: header, then each case with its party table and largest misses.
pub fn render_pair(p: &PairReport, misses: usize) -> String {
    let mut s = render_header(p);
    for c in &p.cases {
        let _ = writeln!(s);
        s += &render_case(c, misses);
    }
    s
}

fn render_case(c: &CaseReport, misses: usize) -> String {
    let mut s = String::new();
    let sc = &c.scores;
    let _ = writeln!(
        s,
        "{} by {}: {} of {} seats called wrongly ({:.1}% right), seat-total error {}, share MAE {:.2} pts",
        c.model.code(),
        c.swing_by.code(),
        sc.wrong,
        sc.seats_compared,
        sc.accuracy,
        sc.seat_total_error,
        sc.share_mae
    );
    for note in &c.notes {
        let _ = writeln!(s, "  note: {note}");
    }
    let _ = writeln!(s, "  {:<10} {:>7} {:>10} {:>7} {:>10}", "party", "actual", "predicted", "error", "share MAE");
    for p in &sc.parties {
        let mae = p.share_mae.map(|m| format!("{m:.2}")).unwrap_or_default();
        let _ = writeln!(
            s,
            "  {:<10} {:>7} {:>10} {:>+7} {:>10}",
            p.party.code(),
            p.actual_seats,
            p.predicted_seats,
            p.error,
            mae
        );
    }
    let actual: u32 = sc.parties.iter().map(|p| p.actual_seats).sum();
    let predicted: u32 = sc.parties.iter().map(|p| p.predicted_seats).sum();
    let _ = writeln!(s, "  {:<10} {:>7} {:>10}", "total", actual, predicted);
    if misses > 0 && !sc.misses.is_empty() {
        let shown = misses.min(sc.misses.len());
        let _ = writeln!(s, "  largest misses ({shown} of {}; leads in points):", sc.misses.len());
        let label = |m: &super::scores::Miss| format!("{} ({})", m.name, m.region);
        let width = sc.misses[..shown].iter().map(|m| label(m).chars().count()).max().unwrap_or(0);
        for m in &sc.misses[..shown] {
            let _ = writeln!(
                s,
                "    {:<width$}  predicted {} by {:>4.1}, won by {} by {:>4.1}",
                label(m),
                m.predicted.code(),
                m.predicted_lead,
                m.actual.code(),
                m.actual_lead
            );
        }
    }
    s
}

/// One row per pair × model × swing level.
pub fn render_summary(b: &Backtest) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{:<17} {:<12} {:<6} {:>5} {:>7} {:>5} {:>6} {:>5} {:>5} {:>6} {:>6} {:>5} {:>5} {:>7}",
        "pair",
        "model",
        "swing",
        "seats",
        "changed",
        "wrong",
        "right%",
        "Σ|Δ|",
        "MAE",
        "Δcon",
        "Δlab",
        "Δld",
        "Δsnp",
        "Δseries"
    );
    for p in &b.pairs {
        for c in &p.cases {
            let sc = &c.scores;
            let err = |party: Party| sc.parties.iter().find(|x| x.party == party).map(|x| x.error).unwrap_or(0);
            let _ = writeln!(
                s,
                "{:<17} {:<12} {:<6} {:>5} {:>7} {:>5} {:>6.1} {:>5} {:>5.2} {:>+6} {:>+6} {:>+5} {:>+5} {:>+7}",
                pair_label(p),
                c.model.code(),
                c.swing_by.code(),
                sc.seats_compared,
                p.changed_hands,
                sc.wrong,
                sc.accuracy,
                sc.seat_total_error,
                sc.share_mae,
                err(Party::CON),
                err(Party::LAB),
                err(Party::LD),
                err(Party::SNP),
                err(p.lineage.series)
            );
        }
    }
    let _ = writeln!(s);
    let _ =
        writeln!(s, "changed: seats whose winner changed between the two elections (what \"no change\" gets wrong)");
    let _ = writeln!(s, "wrong:   seats the model called wrongly; right%: the share it called rightly");
    let _ = writeln!(s, "Σ|Δ|:    sum over parties of |predicted − actual seats|");
    let _ = writeln!(s, "MAE:     main parties' share error per seat, points");
    let _ = writeln!(s, "Δparty:  predicted − actual seats; series: UKIP → Brexit Party → Reform UK as one party");
    s
}
