//! The checks a saved summary passes before anything is drawn from it: format, lengths, counts, sizes and figures.

use super::*;
use crate::error::InputError;
use crate::scenario::{CHART_NAMES, rules};

/// Checks a summary read back from JSON, as a run writes it: the format tag; lengths that must agree (every
/// per-step array of the swing sweep, each histogram, one constituency per seat); every count and size within the
/// limits a run obeys (chart sides, simulations, at most [`rules::MAX_SEATS`] seats, seat counts within the total);
/// probabilities in [0, 1], shares in [0, 100], every figure finite. An error names `file` and the JSON path of the
/// field.
pub fn check(s: &Summary, file: &str) -> Result<(), InputError> {
    let mut c = Ctx { file, total: 0 };
    if s.format != FORMAT {
        return Err(InputError::new(file, format!("is '{}': expected {FORMAT}", s.format)).field("format"));
    }
    let seats = rules::count(i128::from(s.total_seats), "a number of seats", rules::MAX_SEATS);
    c.total = c.at(|| "total_seats".into(), seats)? as u32;
    c.at(|| "sims".into(), rules::count(i128::from(s.sims), "a number of simulations", rules::MAX_SIMS))?;
    c.at(|| "chunk_size".into(), rules::count(i128::from(s.chunk_size), "a chunk size", rules::MAX_SIMS))?;
    c.at(|| "majority".into(), rules::count(i128::from(s.majority), "a majority", u64::from(s.total_seats)))?;
    let effective = rules::count(i128::from(s.effective_majority), "an effective majority", u64::from(s.majority));
    c.at(|| "effective_majority".into(), effective)?;
    uncertainty(&c, &s.uncertainty)?;
    for (p, v) in &s.national_shares {
        c.at(|| format!("national_shares.{p}"), rules::percent(*v))?;
    }
    c.seat_map("central_seats", &s.central_seats)?;
    c.seat_map("median_parliament", &s.median_parliament)?;
    c.prob(|| "p_hung".into(), s.p_hung)?;
    for (i, p) in s.parties.iter().enumerate() {
        party(&c, &format!("parties[{i}]"), p, s.sims)?;
    }
    c.sum("parties[].favourite_seats", s.parties.iter().map(|p| u64::from(p.favourite_seats)).sum())?;
    for (i, o) in s.outcomes.iter().enumerate() {
        c.prob(|| format!("outcomes[{i}].probability"), o.probability)?;
    }
    for (i, k) in s.coalitions.iter().enumerate() {
        c.seats(|| format!("coalitions[{i}].central"), k.central.into())?;
        c.prob(|| format!("coalitions[{i}].p_majority"), k.p_majority)?;
        c.prob(|| format!("coalitions[{i}].p_effective_majority"), k.p_effective_majority)?;
    }
    regions(&c, &s.regions)?;
    charts(&c, &s.charts)?;
    if let Some(sweep) = &s.swing_sweep {
        swing_sweep(&c, sweep)?;
    }
    constituencies(&c, &s.constituencies)?;
    match &s.local {
        Some(l) => local(&c, l),
        None => Ok(()),
    }
}

/// What every check needs: the file for the error and the seats of the parliament.
struct Ctx<'a> {
    file: &'a str,
    total: u32,
}

impl Ctx<'_> {
    /// `r`, its error naming the field at `path`.
    fn at<T>(&self, path: impl FnOnce() -> String, r: Result<T, String>) -> Result<T, InputError> {
        r.map_err(|m| InputError::new(self.file, m).field(path()))
    }

    /// A number of seats: at most the total.
    fn seats(&self, path: impl FnOnce() -> String, n: u64) -> Result<(), InputError> {
        let total = self.total;
        let ok = n <= u64::from(total);
        self.at(
            path,
            if ok { Ok(()) } else { Err(format!("is {n}: expected at most the {total} seats (total_seats)")) },
        )
    }

    /// A probability.
    fn prob(&self, path: impl FnOnce() -> String, p: f64) -> Result<(), InputError> {
        self.at(path, rules::probability(p)).map(drop)
    }

    /// Party → seats: each and their sum at most the total.
    fn seat_map(&self, path: &str, m: &BTreeMap<String, u32>) -> Result<(), InputError> {
        for (p, n) in m {
            self.seats(|| format!("{path}.{p}"), u64::from(*n))?;
        }
        self.sum(path, m.values().map(|n| u64::from(*n)).sum())
    }

    /// Seats summed over a table: at most the total.
    fn sum(&self, path: &str, sum: u64) -> Result<(), InputError> {
        let total = self.total;
        let r = if sum <= u64::from(total) {
            Ok(())
        } else {
            Err(format!("sums to {sum} seats: expected at most the {total} seats (total_seats)"))
        };
        self.at(|| path.to_string(), r)
    }
}

/// The σ (points, ≥ 0) and correlations (in [-1, 1]) of the run's uncertainty.
fn uncertainty(c: &Ctx, u: &UncertaintyInfo) -> Result<(), InputError> {
    let sigmas = [("national_sigma", &u.national_sigma), ("regional_sigma_party", &u.regional_sigma_party)];
    for (name, map) in sigmas {
        for (p, v) in map {
            c.at(|| format!("uncertainty.{name}.{p}"), rules::sigma(*v))?;
        }
    }
    for (pair, rho) in &u.correlations {
        c.at(|| format!("uncertainty.correlations.{pair}"), rules::correlation(*rho))?;
    }
    let scalars = [
        ("regional_sigma", u.regional_sigma),
        ("constituency_scale", u.constituency_scale),
        ("constituency_floor", u.constituency_floor),
    ];
    for (name, v) in scalars {
        c.at(|| format!("uncertainty.{name}"), rules::sigma(v))?;
    }
    Ok(())
}

/// One party's distribution at `path`: seats within the total and in order (min ≤ p5 ≤ median ≤ p95 ≤ max), a mean
/// within the total, probabilities, and a histogram of seats 0 to max counting every simulation once.
fn party(c: &Ctx, path: &str, p: &PartySummary, sims: u64) -> Result<(), InputError> {
    c.seats(|| format!("{path}.central"), p.central.into())?;
    c.seats(|| format!("{path}.favourite_seats"), p.favourite_seats.into())?;
    let ordered = [("min", p.min), ("p5", p.p5), ("median", p.median), ("p95", p.p95), ("max", p.max)];
    for (k, (name, v)) in ordered.iter().enumerate() {
        c.seats(|| format!("{path}.{name}"), u64::from(*v))?;
        if let Some((before, b)) = k.checked_sub(1).map(|j| ordered[j]).filter(|(_, b)| v < b) {
            c.at(|| format!("{path}.{name}"), Err::<(), _>(format!("is {v}: expected at least {before} ({b})")))?;
        }
    }
    let total = c.total;
    let mean = if p.mean.is_finite() && (0.0..=f64::from(total)).contains(&p.mean) {
        Ok(())
    } else {
        Err(format!("is {}: expected a mean number of seats from 0 to {total}", rules::shown(p.mean)))
    };
    c.at(|| format!("{path}.mean"), mean)?;
    let probs = [
        ("p_majority", p.p_majority),
        ("p_effective_majority", p.p_effective_majority),
        ("p_largest", p.p_largest),
        ("p_joint_largest", p.p_joint_largest),
    ];
    for (name, v) in probs {
        c.prob(|| format!("{path}.{name}"), v)?;
    }
    let (len, want) = (p.histogram.len(), p.max as usize + 1);
    if len != want {
        let m = format!("has {len} counts: expected one for each of 0 to max seats ({want})");
        return c.at(|| format!("{path}.histogram"), Err(m));
    }
    let counted: u128 = p.histogram.iter().map(|n| u128::from(*n)).sum();
    if counted != u128::from(sims) {
        let m = format!("counts {counted} simulations: expected each of the {sims} simulations (sims) once");
        return c.at(|| format!("{path}.histogram"), Err(m));
    }
    Ok(())
}

/// Seats by region: each within the total, and all regions together too.
fn regions(c: &Ctx, regions: &[RegionSeats]) -> Result<(), InputError> {
    for (i, r) in regions.iter().enumerate() {
        for (p, n) in &r.seats {
            c.seats(|| format!("regions[{i}].seats.{p}"), u64::from(*n))?;
        }
    }
    c.sum("regions", regions.iter().flat_map(|r| r.seats.values()).map(|n| u64::from(*n)).sum())
}

/// The chart list (charts a run knows) and the chart size (as `output.width` and `output.height` allow).
fn charts(c: &Ctx, ch: &ChartSettings) -> Result<(), InputError> {
    for (i, name) in ch.names.iter().enumerate() {
        let known = if CHART_NAMES.contains(&name.as_str()) {
            Ok(())
        } else {
            Err(format!("unknown chart '{name}': expected one of {}", CHART_NAMES.join(", ")))
        };
        c.at(|| format!("charts.names[{i}]"), known)?;
    }
    c.at(|| "charts.width".into(), rules::chart_width(i64::from(ch.width)))?;
    c.at(|| "charts.height".into(), rules::chart_height(i64::from(ch.height)))?;
    Ok(())
}

/// The votes-to-seats sweep: a lead within ±100 points, swings within ±[`SWEEP_MAX`] and increasing, and for every
/// party one seat count (within the total) per swing.
fn swing_sweep(c: &Ctx, sw: &SwingSweep) -> Result<(), InputError> {
    let lead = if sw.scenario_lead.is_finite() && sw.scenario_lead.abs() <= 100.0 {
        Ok(())
    } else {
        Err(format!("is {}: expected a lead in points from -100 to 100", rules::shown(sw.scenario_lead)))
    };
    c.at(|| "swing_sweep.scenario_lead".into(), lead)?;
    let mut previous = f64::NEG_INFINITY;
    for (i, &x) in sw.swing.iter().enumerate() {
        if !(x.is_finite() && x.abs() <= SWEEP_MAX && x > previous) {
            let m = format!(
                "is {}: expected a swing in points from -{SWEEP_MAX} to {SWEEP_MAX}, above the one before",
                rules::shown(x)
            );
            return c.at(|| format!("swing_sweep.swing[{i}]"), Err(m));
        }
        previous = x;
    }
    let steps = sw.swing.len();
    for (p, seats) in &sw.seats {
        if seats.len() != steps {
            let m = format!("has {} values: expected one per step of swing_sweep.swing ({steps})", seats.len());
            return c.at(|| format!("swing_sweep.seats.{p}"), Err(m));
        }
        for (i, n) in seats.iter().enumerate() {
            c.seats(|| format!("swing_sweep.seats.{p}[{i}]"), u64::from(*n))?;
        }
    }
    Ok(())
}

/// One constituency per seat, each with win probabilities, shares in percent and a majority of 0 to 100 points.
fn constituencies(c: &Ctx, seats: &[SeatSummary]) -> Result<(), InputError> {
    if seats.len() != c.total as usize {
        let m = format!("lists {} seats: expected one per seat ({}, total_seats)", seats.len(), c.total);
        return c.at(|| "constituencies".into(), Err(m));
    }
    for (i, seat) in seats.iter().enumerate() {
        for (p, v) in &seat.p_win {
            c.prob(|| format!("constituencies[{i}].p_win.{p}"), *v)?;
        }
        for (name, shares) in [("baseline_shares", &seat.baseline_shares), ("central_shares", &seat.central_shares)] {
            for (p, v) in shares {
                c.at(|| format!("constituencies[{i}].{name}.{p}"), rules::percent(*v))?;
            }
        }
        c.at(|| format!("constituencies[{i}].central_majority"), rules::percent(seat.central_majority))?;
    }
    Ok(())
}

/// The estimated PNS of a `[local]` run: resamples within the limit, σ ≥ 0, estimated shares finite and ≥ 0.
fn local(c: &Ctx, l: &LocalSummary) -> Result<(), InputError> {
    let resamples = rules::count(i128::from(l.bootstrap), "a number of resamples", rules::MAX_BOOTSTRAP);
    c.at(|| "local.bootstrap".into(), resamples)?;
    c.at(|| "local.method_sigma".into(), rules::sigma(l.method_sigma))?;
    let share = |v: f64| {
        if v.is_finite() && v >= 0.0 {
            Ok(())
        } else {
            Err(format!("is {}: expected a share in percent ≥ 0", rules::shown(v)))
        }
    };
    for (i, p) in l.parties.iter().enumerate() {
        for (name, v) in
            [("pns", Some(p.pns)), ("lo90", Some(p.lo90)), ("hi90", Some(p.hi90)), ("published", p.published)]
        {
            if let Some(v) = v {
                c.at(|| format!("local.parties[{i}].{name}"), share(v))?;
            }
        }
        c.at(|| format!("local.parties[{i}].sd"), rules::sigma(p.sd))?;
        if let Some(v) = p.national_sigma {
            c.at(|| format!("local.parties[{i}].national_sigma"), rules::sigma(v))?;
        }
    }
    Ok(())
}
