//! The rules a value obeys wherever it comes from (scenario file or flag): one check and one wording each.

use crate::geo::{Area, Nation, Region};

/// Most simulations a run, a backtest case or a benchmark accepts (10¹²).
pub const MAX_SIMS: u64 = 1_000_000_000_000;
/// Most worker threads (`--threads`).
pub const MAX_THREADS: u64 = 1024;
/// Most bootstrap resamples of a PNS estimate (10⁷).
pub const MAX_BOOTSTRAP: u64 = 10_000_000;
/// Most timed runs of `pns bench`.
pub const MAX_RUNS: u64 = 1000;
/// Smallest and largest chart width in pixels (the charts are laid out to read from 800×500 up).
pub const CHART_WIDTH: (i64, i64) = (800, 8000);
/// Smallest and largest chart height in pixels.
pub const CHART_HEIGHT: (i64, i64) = (500, 8000);
/// Most seats a parliament may have for the charts of a run (one dot, bar or step per seat); far above any real House.
pub const MAX_SEATS: u64 = 10_000;
/// Most votes a ward, a constituency or an electorate may count (10⁸): far above any real one, and small enough
/// that no sum, square or product of votes can overflow.
pub const MAX_VOTES: u64 = 100_000_000;
/// Largest covariate slope (points of change per point of the covariate).
pub const MAX_SLOPE: f64 = 5.0;

/// A number as an error message shows it: as written for everyday magnitudes, in exponent form (`1e308`) for the
/// very large and very small, which would otherwise print hundreds of digits.
pub fn shown(x: f64) -> String {
    if x == 0.0 || !x.is_finite() || (1e-6..1e16).contains(&x.abs()) { format!("{x}") } else { format!("{x:e}") }
}

/// A share in percent, returned as a fraction: finite and from 0 to 100.
pub fn percent(v: f64) -> Result<f64, String> {
    if v.is_finite() && (0.0..=100.0).contains(&v) {
        Ok(v / 100.0)
    } else {
        Err(format!("share is {}: expected a percentage from 0 to 100", shown(v)))
    }
}

/// A count (simulations, seats, resamples, threads, runs): from 1 to `max`; `what` names it ("a number of
/// simulations").
pub fn count(n: i128, what: &str, max: u64) -> Result<u64, String> {
    if n < 1 {
        return Err(format!("is {n}: expected {what} ≥ 1"));
    }
    if n > max as i128 {
        return Err(format!("is {n}: expected {what} ≤ {max}"));
    }
    Ok(n as u64)
}

/// A count given by a flag (`--sims`, `--runs`, `--threads`), with the flag named in the error.
pub fn count_flag(flag: &str, n: u64, what: &str, max: u64) -> Result<u64, crate::error::InputError> {
    count(i128::from(n), what, max).map_err(|m| crate::error::InputError::new(flag, m))
}

/// A random seed: a whole number from 0 to 2⁶⁴ − 1.
pub fn seed(v: i128) -> Result<u64, String> {
    u64::try_from(v).map_err(|_| format!("is {v}: expected a seed ≥ 0"))
}

/// A standard deviation in points: finite and ≥ 0.
pub fn sigma(x: f64) -> Result<f64, String> {
    if x.is_finite() && x >= 0.0 {
        Ok(x)
    } else {
        Err(format!("is {}: expected a standard deviation ≥ 0 (points)", shown(x)))
    }
}

/// A correlation: finite and in [-1, 1].
pub fn correlation(rho: f64) -> Result<f64, String> {
    if rho.is_finite() && (-1.0..=1.0).contains(&rho) {
        Ok(rho)
    } else {
        Err(format!("is {}: expected a correlation in [-1, 1]", shown(rho)))
    }
}

/// A fraction from 0 to 1 (tactical strength).
pub fn fraction(v: f64) -> Result<f64, String> {
    if v.is_finite() && (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("is {}: expected a fraction from 0 to 1", shown(v)))
    }
}

/// A probability: finite and from 0 to 1.
pub fn probability(p: f64) -> Result<f64, String> {
    if p.is_finite() && (0.0..=1.0).contains(&p) {
        Ok(p)
    } else {
        Err(format!("is {}: expected a probability from 0 to 1", shown(p)))
    }
}

/// A covariate slope: finite and within ±[`MAX_SLOPE`]; `of` names the covariate.
pub fn slope(b: f64, of: &str) -> Result<f64, String> {
    if b.is_finite() && b.abs() <= MAX_SLOPE {
        Ok(b)
    } else {
        Err(format!("slope is {}: expected points of change per point of {of}, from -5 to 5", shown(b)))
    }
}

/// A count of votes (or voters) as written in a CSV cell: a whole number from 0 to [`MAX_VOTES`].
pub fn votes(text: &str) -> Result<u64, String> {
    match text.parse::<u64>() {
        Ok(v) if v <= MAX_VOTES => Ok(v),
        _ => Err(format!("expected a whole number of votes up to {MAX_VOTES}, found '{text}'")),
    }
}

/// Which areas a table of target shares may name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AreaKind {
    /// `[regions.NAME]`: a nation or a region.
    Any,
    /// `--nation`: England, Scotland or Wales.
    Nation,
    /// `--region`: an English region.
    Region,
}

/// The nations `--nation` names.
pub const NATION_KEYS: &str = "england, scotland, wales";

/// The keys of the English regions, as `--region` and `[regions.*]` name them.
pub fn region_keys() -> String {
    let keys: Vec<&str> = Region::ALL.iter().filter(|r| r.nation() == Nation::England).map(|r| r.key()).collect();
    keys.join(", ")
}

/// An area named as `kind` allows (case-insensitive; `-` or a space for `_`), with the valid names in the error.
/// Northern Ireland is a nation here; that its seats cannot take targets is a rule of the whole scenario.
pub fn area(key: &str, kind: AreaKind) -> Result<Area, String> {
    match (kind, Area::from_key(key)) {
        (AreaKind::Any, Some(a)) | (AreaKind::Nation, Some(a @ Area::Nation(_))) => Ok(a),
        (AreaKind::Region, Some(a @ Area::Region(r))) if r.nation() == Nation::England => Ok(a),
        (AreaKind::Any, None) => Err(format!("unknown region '{key}', expected one of {}", Area::valid_keys())),
        (AreaKind::Nation, _) => {
            Err(format!("unknown nation '{key}', expected one of {NATION_KEYS} (an English region takes --region)"))
        }
        (AreaKind::Region, _) => {
            Err(format!("unknown region '{key}', expected one of {} (a nation takes --nation)", region_keys()))
        }
    }
}

/// A chart width in pixels.
pub fn chart_width(x: i64) -> Result<u32, String> {
    chart_side(x, "width", CHART_WIDTH)
}

/// A chart height in pixels.
pub fn chart_height(x: i64) -> Result<u32, String> {
    chart_side(x, "height", CHART_HEIGHT)
}

fn chart_side(x: i64, side: &str, (lo, hi): (i64, i64)) -> Result<u32, String> {
    if (lo..=hi).contains(&x) {
        Ok(x as u32)
    } else {
        Err(format!("is {x}: expected a {side} in pixels from {lo} to {hi}"))
    }
}

/// `--size WIDTHxHEIGHT` (`x` or `×`, any case), each side within its limits.
pub fn chart_size(s: &str) -> Result<(u32, u32), String> {
    let (lo_w, hi_w) = CHART_WIDTH;
    let (lo_h, hi_h) = CHART_HEIGHT;
    let syntax = || format!("expected WIDTHxHEIGHT in pixels, e.g. 1600x1000, found '{s}'");
    let (w, h) = s.trim().split_once(['x', 'X', '×']).ok_or_else(syntax)?;
    let side = |v: &str| v.trim().parse::<u32>().ok().filter(|_| !v.trim().starts_with('+'));
    let (w, h) = (side(w).ok_or_else(syntax)?, side(h).ok_or_else(syntax)?);
    let range = format!("expected a width from {lo_w} to {hi_w} and a height from {lo_h} to {hi_h} pixels");
    match (chart_width(i64::from(w)), chart_height(i64::from(h))) {
        (Ok(w), Ok(h)) => Ok((w, h)),
        _ => Err(format!("{range}, found '{s}'")),
    }
}

/// The `--size` flag, if given.
pub fn chart_size_flag(s: Option<&str>) -> Result<Option<(u32, u32)>, crate::error::InputError> {
    s.map(|s| chart_size(s).map_err(|m| crate::error::InputError::new("--size", m))).transpose()
}

/// A chart format as named in `output.chart_format` or `--chart-format`: png, svg or both (any case).
pub fn chart_format(s: &str) -> Result<super::ChartFormat, String> {
    let all = super::ChartFormat::ALL;
    all.into_iter()
        .find(|f| f.code().eq_ignore_ascii_case(s.trim()))
        .ok_or_else(|| format!("unknown chart format '{s}': expected png, svg or both"))
}

/// A chart format given by a flag (`--chart-format` of `pns plot` and `pns estimate`), with the flag named.
pub fn chart_format_flag(s: Option<&str>) -> Result<Option<super::ChartFormat>, crate::error::InputError> {
    s.map(|s| chart_format(s).map_err(|m| crate::error::InputError::new("--chart-format", m))).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_have_both_bounds() {
        assert_eq!(count(1, "a number of simulations", MAX_SIMS), Ok(1));
        assert_eq!(
            count(0, "a number of simulations", MAX_SIMS).unwrap_err(),
            "is 0: expected a number of simulations ≥ 1"
        );
        assert!(count(u64::MAX as i128, "a number of simulations", MAX_SIMS).unwrap_err().contains("≤ 1000000000000"));
        assert!(seed(-1).is_err());
        assert_eq!(percent(35.0), Ok(0.35));
        assert!(percent(f64::NAN).is_err());
        assert_eq!(percent(1e308).unwrap_err(), "share is 1e308: expected a percentage from 0 to 100");
        assert_eq!(probability(1.5).unwrap_err(), "is 1.5: expected a probability from 0 to 1");
        assert_eq!(
            (shown(35.0), shown(0.25), shown(-2e-9), shown(f64::INFINITY)),
            ("35".into(), "0.25".into(), "-2e-9".into(), "inf".into())
        );
    }

    #[test]
    fn areas_are_named_case_insensitively_and_by_kind() {
        let scotland = Area::Nation(Nation::Scotland);
        assert_eq!(area("Scotland", AreaKind::Nation), Ok(scotland));
        assert_eq!(area("SCOTLAND", AreaKind::Any), Ok(scotland));
        assert_eq!(area("London", AreaKind::Region), Ok(Area::Region(Region::London)));
        assert_eq!(area("north-east", AreaKind::Region), Ok(Area::Region(Region::NorthEast)));
        assert_eq!(area("london", AreaKind::Any), Ok(Area::Region(Region::London)));
        assert_eq!(
            area("london", AreaKind::Nation).unwrap_err(),
            "unknown nation 'london', expected one of england, scotland, wales (an English region takes --region)"
        );
        let e = area("Scotland", AreaKind::Region).unwrap_err();
        assert!(e.starts_with("unknown region 'Scotland', expected one of north_east, north_west,"), "{e}");
        assert!(e.ends_with("south_west (a nation takes --nation)"), "{e}");
        assert!(area("mercia", AreaKind::Any).unwrap_err().starts_with("unknown region 'mercia', expected one of"));
        // Northern Ireland parses as a nation; the scenario's check refuses it with its own reason.
        assert!(area("ni", AreaKind::Nation).is_ok());
    }

    #[test]
    fn votes_are_whole_and_bounded() {
        assert_eq!(votes("100000000"), Ok(MAX_VOTES));
        for bad in ["100000001", "1e155", "NaN", "inf", "-1", "1.5", "18446744073709551616", ""] {
            let e = votes(bad).unwrap_err();
            assert_eq!(e, format!("expected a whole number of votes up to 100000000, found '{bad}'"));
        }
    }
}
