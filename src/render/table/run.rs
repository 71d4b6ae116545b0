//! The human-readable table of a run: party summary, P(hung), top outcomes and coalitions.

use crate::summary::Summary;
use std::fmt::Write;

fn pc(p: f64) -> String {
    let v = p * 100.0;
    if v > 0.0 && v < 0.1 {
        "<0.1%".into()
    } else if v < 100.0 && v > 99.9 {
        ">99.9%".into()
    } else {
        format!("{v:.1}%")
    }
}

/// Says what each column is and, where a party's central projection lies outside the middle half of its simulated
/// seats, why the two differ.
fn legend(o: &mut String, s: &Summary) {
    let _ = writeln!(
        o,
        "\ncentral: the central projection (deterministic, at the input shares) · mean: expected seats\n\
         fav: seats where the party is the favourite · median, 90% interval: over the {} simulations",
        s.sims
    );
    let mut apart: Vec<String> = s
        .parties
        .iter()
        .filter(|p| {
            let (q25, q75) = (quartile(p, 0.25), quartile(p, 0.75));
            p.central < q25 || p.central > q75
        })
        .map(|p| format!("{} central {} vs median {}", p.party, p.central, p.median))
        .collect();
    let central_first = s
        .parties
        .iter()
        .max_by_key(|p| p.central)
        .filter(|c| s.parties.iter().filter(|p| p.central == c.central).count() == 1);
    let sim_first = s.parties.iter().max_by(|a, b| a.p_largest.total_cmp(&b.p_largest));
    if let (Some(c), Some(f)) = (central_first, sim_first)
        && c.party != f.party
    {
        apart.push(format!(
            "{} is largest in the central projection but in {} of the simulations ({} in {})",
            c.party,
            pc(c.p_largest),
            f.party,
            pc(f.p_largest)
        ));
    }
    if !apart.is_empty() {
        let _ = writeln!(
            o,
            "note: {}.\n  The central projection is one outcome at the input shares; with seat-level uncertainty close \
             contests fall\n  both ways, and a party leading many of them wins fewer on average (README: \"Central \
             projection and simulations\").",
            apart.join(", ")
        );
    }
}

/// The q-quantile of a party's simulated seats, from its histogram.
fn quartile(p: &crate::summary::PartySummary, q: f64) -> u32 {
    crate::summary::quantile(&p.histogram, p.histogram.iter().sum(), q)
}

pub fn render(s: &Summary) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "{} — baseline {}, model {}, scope {}",
        s.scenario.name,
        s.baseline,
        s.model.code(),
        s.scope.code()
    );
    let _ = writeln!(
        o,
        "{} simulations, seed {}, uncertainty {} (majority {}, effective majority {})\n",
        s.sims, s.seed, s.uncertainty.preset, s.majority, s.effective_majority
    );
    if let Some(l) = &s.local {
        let est: Vec<String> =
            l.parties.iter().map(|p| format!("{} {:.1} [{:.1}–{:.1}]", p.party, p.pns, p.lo90, p.hi90)).collect();
        let _ = writeln!(
            o,
            "PNS estimated from {} ({} key wards; 90% sampling intervals): {}\n",
            l.pair,
            l.key_wards,
            est.join(", ")
        );
    }
    let _ = writeln!(
        o,
        "{:<9} {:>7} {:>7} {:>5} {:>6} {:>13} {:>8} {:>8} {:>8}",
        "party", "central", "mean", "fav", "median", "90% interval", "P(maj)", "P(eff)", "P(lgst)"
    );
    for p in s.parties.iter().filter(|p| p.max > 0 || p.central > 0) {
        let _ = writeln!(
            o,
            "{:<9} {:>7} {:>7.1} {:>5} {:>6} {:>13} {:>8} {:>8} {:>8}",
            p.party,
            p.central,
            p.mean,
            p.favourite_seats,
            p.median,
            format!("{}–{}", p.p5, p.p95),
            pc(p.p_majority),
            pc(p.p_effective_majority),
            pc(p.p_largest)
        );
    }
    legend(&mut o, s);
    let _ = writeln!(o, "\nP(hung parliament) = {}", pc(s.p_hung));
    let _ = writeln!(o, "\ntop outcomes:");
    for out in s.outcomes.iter().take(6) {
        let _ = writeln!(o, "  {:<28} {:>7}", out.outcome, pc(out.probability));
    }
    if !s.coalitions.is_empty() {
        let _ = writeln!(o, "\ncoalitions:          central  P(≥{})  P(≥{})", s.majority, s.effective_majority);
        for c in &s.coalitions {
            let _ = writeln!(
                o,
                "  {:<18} {:>7} {:>8} {:>8}",
                c.parties.join("+"),
                c.central,
                pc(c.p_majority),
                pc(c.p_effective_majority)
            );
        }
    }
    let mut ratings = std::collections::BTreeMap::new();
    for c in &s.constituencies {
        *ratings.entry(c.rating.as_str()).or_insert(0) += 1;
    }
    let order = ["safe", "likely", "lean", "tossup", "fixed"];
    let r: Vec<String> = order.iter().filter_map(|k| ratings.get(k).map(|n| format!("{k} {n}"))).collect();
    let _ = writeln!(o, "\nseat ratings: {}", r.join(", "));
    let _ = writeln!(o, "P(largest): strictly more seats than any other party; ties are reported as joint largest.");
    o
}
