//! Plain-text tables of a backtest: one pair in detail, and the summary of every case.

use crate::backtest::Simulation;
use crate::backtest::pooled::Pooled;
use crate::backtest::prob::{CalibrationBin, ProbabilisticScores};
use crate::backtest::{Backtest, CaseReport, PairReport};
use crate::party::Party;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Renders a backtest: each pair in detail when there is one pair, else the summary table of every case.
pub fn render(b: &Backtest, misses: usize) -> String {
    let mut s = String::new();
    if let Some(g) = &b.geography {
        let _ = writeln!(s, "geography given to every case: {}", g.describe());
    }
    if let [pair] = b.pairs.as_slice() {
        s += &render_pair(pair, misses);
        if pair.cases.len() > 1 {
            let _ = writeln!(s);
            s += &render_summary(b);
        }
    } else {
        s += &render_summary(b);
    }
    let cases: usize = b.pairs.iter().map(|p| p.cases.len()).sum();
    if let (Some(sim), Some(pooled), true) = (&b.simulation, &b.pooled, cases > 1) {
        let _ = writeln!(s);
        s += &render_pooled(sim, pooled);
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
    let prob = sc.probabilistic.as_ref();
    let _ = write!(s, "  {:<10} {:>7} {:>10} {:>7} {:>10}", "party", "actual", "predicted", "error", "share MAE");
    if prob.is_some() {
        let _ = write!(s, " {:>8} {:>6} {:>10} {:>10}", "sim mean", "median", "50% int", "90% int");
    }
    let _ = writeln!(s);
    for p in &sc.parties {
        let mae = p.share_mae.map(|m| format!("{m:.2}")).unwrap_or_default();
        let _ = write!(
            s,
            "  {:<10} {:>7} {:>10} {:>+7} {:>10}",
            p.party.code(),
            p.actual_seats,
            p.predicted_seats,
            p.error,
            mae
        );
        if let Some(c) = prob.and_then(|x| x.coverage.iter().find(|c| c.party == p.party)) {
            let iv = |iv: [u32; 2], inside: bool| format!("{}–{}{}", iv[0], iv[1], if inside { " " } else { "*" });
            let _ = write!(
                s,
                " {:>8.1} {:>6} {:>10} {:>10}",
                c.mean,
                c.median,
                iv(c.interval50, c.in50),
                iv(c.interval90, c.in90)
            );
        }
        let _ = writeln!(s);
    }
    let actual: u32 = sc.parties.iter().map(|p| p.actual_seats).sum();
    let predicted: u32 = sc.parties.iter().map(|p| p.predicted_seats).sum();
    let _ = writeln!(s, "  {:<10} {:>7} {:>10}", "total", actual, predicted);
    if let Some(p) = prob {
        s += &render_probabilistic(p);
    }
    if misses > 0 && !sc.misses.is_empty() {
        let shown = misses.min(sc.misses.len());
        let _ = writeln!(s, "  largest misses ({shown} of {}; leads in points):", sc.misses.len());
        let label = |m: &crate::backtest::scores::Miss| format!("{} ({})", m.name, m.region);
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
    let sims = b.simulation.is_some();
    let _ = write!(
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
    if sims {
        let _ = write!(s, " {:>6} {:>6} {:>5} {:>5}", "Brier", "logL", "in50", "in90");
    }
    let _ = writeln!(s);
    for p in &b.pairs {
        for c in &p.cases {
            let sc = &c.scores;
            let err = |party: Party| sc.parties.iter().find(|x| x.party == party).map(|x| x.error).unwrap_or(0);
            let _ = write!(
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
            if let Some(x) = &sc.probabilistic {
                let frac = |k: u32| format!("{k}/{}", x.scored);
                let _ = write!(
                    s,
                    " {:>6.3} {:>6.3} {:>5} {:>5}",
                    x.brier,
                    x.log_loss,
                    frac(x.covered50),
                    frac(x.covered90)
                );
            }
            let _ = writeln!(s);
        }
    }
    let _ = writeln!(s);
    let _ =
        writeln!(s, "changed: seats whose winner changed between the two elections (what \"no change\" gets wrong)");
    let _ = writeln!(s, "wrong:   seats the model called wrongly; right%: the share it called rightly");
    let _ = writeln!(s, "Σ|Δ|:    sum over parties of |predicted − actual seats|");
    let _ = writeln!(s, "MAE:     main parties' share error per seat, points");
    let _ = writeln!(s, "Δparty:  predicted − actual seats; series: UKIP → Brexit Party → Reform UK as one party");
    if sims {
        let _ = writeln!(
            s,
            "Brier:   mean over seats of Σ over parties of (p − won)², from the simulated win probabilities"
        );
        let _ = writeln!(s, "logL:    mean over seats of −ln p(actual winner), p clipped at 1/(2·sims)");
        let _ =
            writeln!(s, "in50/90: parties whose actual seat total lies in the central 50 % / 90 % simulated interval");
    }
    s
}

/// The probabilistic scores of one case below its party table.
fn render_probabilistic(p: &ProbabilisticScores) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "  simulated ({} sims, seed {}): Brier {:.4}, log loss {:.4} (p clipped at {:.1e}); 50% intervals cover \
            {} of {} parties, 90% intervals {} (* actual outside)",
        p.sims, p.seed, p.brier, p.log_loss, p.clip, p.covered50, p.scored, p.covered90
    );
    let _ = writeln!(
        s,
        "  favourites that lost: {} (the simulations expected {:.1}); winners never seen in the simulations: {}",
        p.favourite_wrong, p.expected_wrong, p.unforeseen
    );
    s += &render_calibration_row(&p.calibration, "  ");
    s
}

/// The calibration table as three rows (bins across).
fn render_calibration_row(bins: &[CalibrationBin], indent: &str) -> String {
    let mut s = String::new();
    let _ = write!(s, "{indent}{:<17}", "calibration p");
    for b in bins {
        let label = match b.bin.as_str() {
            "0" | "1" => b.bin.clone(),
            _ if b.lo == 0.0 => "<.1".to_string(),
            _ => format!(".{:.0}–", b.lo * 10.0),
        };
        let _ = write!(s, " {label:>6}");
    }
    let _ = writeln!(s);
    let _ = write!(s, "{indent}{:<17}", "  seat × party");
    for b in bins {
        let _ = write!(s, " {:>6}", b.count);
    }
    let _ = writeln!(s);
    let _ = write!(s, "{indent}{:<17}", "  mean p");
    for b in bins {
        let _ = write!(s, " {:>6}", if b.count > 0 { format!("{:.3}", b.mean_predicted) } else { "-".into() });
    }
    let _ = writeln!(s);
    let _ = write!(s, "{indent}{:<17}", "  observed");
    for b in bins {
        let _ = write!(s, " {:>6}", if b.count > 0 { format!("{:.3}", b.observed) } else { "-".into() });
    }
    let _ = writeln!(s);
    s
}

/// One line of σ: what the simulations used.
pub fn describe_uncertainty(sim: &Simulation) -> String {
    let u = &sim.uncertainty;
    let overrides: Vec<String> = u.regional_sigma_party.iter().map(|(p, v)| format!("{} {v}", p.code())).collect();
    format!(
        "σ national {} (Con, Lab, LD, Green, series), regional {}{} where the case does not give the region's \
            shares, constituency {} · √(p(1−p)/0.21) floored at {}",
        u.national_sigma,
        u.regional_sigma,
        if overrides.is_empty() { String::new() } else { format!(" ({})", overrides.join(", ")) },
        u.constituency_scale,
        u.constituency_floor
    )
}

/// Coverage and calibration pooled over every case.
pub fn render_pooled(sim: &Simulation, pooled: &Pooled) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "Pooled over the cases ({} simulations per case, seed {}):", sim.sims, sim.seed);
    let _ = writeln!(s, "  {}", describe_uncertainty(sim));
    let _ = writeln!(
        s,
        "  {:<8} {:<18} {:>5} {:>6} {:>7} {:>7} {:>7} {:>7} {:>6} {:>6} {:>11}",
        "by", "group", "cases", "scored", "in 50%", "in 90%", "width50", "width90", "Brier", "logL", "fav lost"
    );
    for r in &pooled.rows {
        let opt = |x: Option<f64>| x.map(|v| format!("{v:.3}")).unwrap_or_default();
        let fav = match (r.favourite_wrong, r.expected_wrong) {
            (Some(w), Some(e)) => format!("{w} / {e:.0}"),
            _ => String::new(),
        };
        let _ = writeln!(
            s,
            "  {:<8} {:<18} {:>5} {:>6} {:>6.1}% {:>6.1}% {:>7.1} {:>7.1} {:>6} {:>6} {:>11}",
            r.by,
            r.group,
            if r.cases > 0 { r.cases.to_string() } else { String::new() },
            r.scored,
            r.coverage50,
            r.coverage90,
            r.mean_width50,
            r.mean_width90,
            opt(r.brier),
            opt(r.log_loss),
            fav
        );
    }
    let _ = writeln!(s);
    s += &render_calibration_row(&pooled.calibration, "  ");
    let _ = writeln!(s);
    let _ =
        writeln!(s, "scored:   party seat totals scored (parties with a seat at either election or in the projection)");
    let _ = writeln!(s, "in 50/90: share of them inside the central 50 % / 90 % simulated interval");
    let _ = writeln!(
        s,
        "width:    mean interval width, seats; fav lost: favourites that lost / how many the simulations expected"
    );
    let _ = writeln!(
        s,
        "calibration: (seat, party) pairs where the party stood, by simulated win probability, and how often it won"
    );
    s
}
