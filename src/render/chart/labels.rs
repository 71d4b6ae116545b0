//! Label text: thousands, simulation counts, baseline names, run and sweep subtitles, credits, percentages, signed
//! points.

use crate::summary::Summary;

/// `10000` → `10,000`.
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `1 simulation`, `10,000 simulations`.
pub fn simulations(n: u64) -> String {
    if n == 1 { "1 simulation".into() } else { format!("{} simulations", thousands(n)) }
}

/// A baseline name for titles: `ge2017` → `GE2017`, `ge2019n` → `GE2019 (notional)`; paths as given.
pub fn baseline_name(b: &str) -> String {
    // Sliced with `get`, so a name with non-ASCII characters (a file path) is never cut inside one.
    let year = b.get(2..6).filter(|y| y.bytes().all(|c| c.is_ascii_digit()));
    match (b.get(..2), year) {
        (Some(ge), Some(year)) if ge.eq_ignore_ascii_case("ge") => {
            let rest = &b[6..];
            let rest = if rest.eq_ignore_ascii_case("n") { " (notional)" } else { rest };
            format!("GE{year}{rest}")
        }
        _ => b.to_string(),
    }
}

/// The subtitle every run chart carries: the inputs. The target shares in the order of the summary's parties
/// (then any other party with a share), the nation/region tables, baseline, model, scope, simulations and seed.
pub fn run_subtitle(s: &Summary) -> String {
    let scope = match s.scope {
        crate::scenario::Scope::England => "change applied in England",
        crate::scenario::Scope::Gb => "change applied across GB",
    };
    let mut inputs = vec![target_shares(s)];
    match s.target_areas.len() {
        0 => {}
        1 => inputs.push(format!("+ {} table", s.target_areas[0])),
        n => inputs.push(format!("+ {n} nation/region tables")),
    }
    inputs.retain(|t| !t.is_empty());
    let run = format!(
        "baseline {} · {} · {} · {} · seed {}",
        baseline_name(&s.baseline),
        s.model.name(),
        scope,
        simulations(s.sims),
        s.seed
    );
    if inputs.is_empty() { format!("B{}", &run[1..]) } else { format!("Shares {} · {run}", inputs.join(" ")) }
}

/// The subtitle of a two-party sweep chart, in the run charts' style: the swept ranges, the other named shares of
/// the scenario and what they do, baseline, model, scope, simulations a point and seed.
pub fn sweep_subtitle(s: &crate::sweep::Sweep) -> String {
    let short = super::colours::short;
    let axis = |a: &crate::sweep::AxisInfo| format!("{} {}–{}", short(&a.party), share(a.from), share(a.to));
    let mut swept: Vec<&crate::sweep::AxisInfo> = s.x.iter().collect();
    swept.extend(s.y.as_ref());
    let steps: Vec<String> = swept.iter().map(|a| share(a.step)).collect();
    let step = if steps.windows(2).all(|w| w[0] == w[1]) { steps[..1].join("") } else { steps.join(" × ") };
    let mut parts = vec![format!("{} (step {step})", swept.iter().map(|a| axis(a)).collect::<Vec<_>>().join(" × "))];
    let mut others: Vec<(&String, &f64)> =
        s.scenario_shares.iter().flatten().filter(|(c, _)| !swept.iter().any(|a| &a.party == *c)).collect();
    others.sort_by(|a, b| b.1.total_cmp(a.1));
    if !others.is_empty() {
        let verb = if s.others.as_deref() == Some("hold") { "held at" } else { "scaled from" };
        let list: Vec<String> = others.iter().map(|(c, v)| format!("{} {}", short(c), share(**v))).collect();
        parts.push(format!("others {verb} {}", list.join(" · ")));
    }
    parts.push(format!("baseline {}", baseline_name(&s.baseline)));
    parts.extend(s.model.map(|m| m.name().to_string()));
    parts.extend(s.scope.map(|sc| match sc {
        crate::scenario::Scope::England => "change applied in England".to_string(),
        crate::scenario::Scope::Gb => "change applied across GB".to_string(),
    }));
    match s.seed {
        Some(seed) => parts.push(format!("{} a point · seed {seed}", simulations(s.sims))),
        None => parts.push("central projection only".into()),
    }
    parts.join(" · ")
}

/// A share for a label, to a tenth of a point: `35`, `17.5`.
fn share(v: f64) -> String {
    let t = format!("{:.1}", (v * 10.0).round() / 10.0);
    t.strip_suffix(".0").map_or(t.clone(), str::to_string)
}

/// `Con 35 · Lab 35 · LD 16`: the scope-wide target shares the scenario gave (to a tenth of a point; every target
/// share for a summary that does not say which were given), in the order of the summary's parties.
fn target_shares(s: &Summary) -> String {
    let shown =
        |c: &String| s.national_shares.contains_key(c) && (s.shares_given.is_empty() || s.shares_given.contains(c));
    let mut codes: Vec<&String> = s.parties.iter().map(|p| &p.party).filter(|c| shown(c)).collect();
    let others: Vec<&String> = s.national_shares.keys().filter(|c| shown(c) && !codes.contains(c)).collect();
    codes.extend(others);
    // Largest share first; a tie keeps the summary's order (by seats).
    codes.sort_by(|a, b| s.national_shares[*b].total_cmp(&s.national_shares[*a]));
    let items: Vec<String> =
        codes.iter().map(|c| format!("{} {}", super::colours::short(c), share(s.national_shares[*c]))).collect();
    items.join(" · ")
}

/// The credit line of run charts.
pub fn credit(s: &Summary) -> String {
    format!("pns {}", s.pns_version)
}

/// A probability as a label: `<0.1%`, `>99.9%`, else one decimal.
pub fn percent(p: f64) -> String {
    let v = p * 100.0;
    if v == 0.0 {
        "0%".into()
    } else if v == 100.0 {
        "100%".into()
    } else if v < 0.1 {
        "<0.1%".into()
    } else if v > 99.9 && v < 100.0 {
        ">99.9%".into()
    } else {
        format!("{v:.1}%")
    }
}

/// Points with one decimal and their sign: `+11.5`, `0.0`, `−8.0` (a true minus sign).
pub fn signed_points(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r > 0.0 {
        format!("+{r:.1}")
    } else if r < 0.0 {
        format!("−{:.1}", -r)
    } else {
        "0.0".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(thousands(2000), "2,000");
        assert_eq!(thousands(999), "999");
        assert_eq!(simulations(1), "1 simulation");
        assert_eq!(simulations(2000), "2,000 simulations");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(baseline_name("ge2017"), "GE2017");
        assert_eq!(baseline_name("ge2019n"), "GE2019 (notional)");
        assert_eq!(baseline_name("my.csv"), "my.csv");
        assert_eq!(percent(0.0), "0%");
        assert_eq!(percent(0.0004), "<0.1%");
        assert_eq!(percent(0.9996), ">99.9%");
        assert_eq!(percent(1.0), "100%");
        assert_eq!(percent(0.1234), "12.3%");
    }
}
