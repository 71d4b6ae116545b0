//! The earlier year's share each party's change is added to: the user's, the published PNS, or estimated.

use super::options::estimated_codes;
use super::{BaselineSource, DEFAULT_KEY_PARTIES, ESTIMATED, published};
use crate::error::InputError;
use crate::party::Party;

/// A party's earlier-year share in percent (`None`: estimated from the wards) and where it comes from.
pub type Chosen = (Option<f64>, BaselineSource);

/// The baseline of every available party: user > published > estimated level (not allowed for con, lab, ld).
/// `given` is `--baseline-pns` (fractions); every party it names must be available.
pub fn choose(
    available: &[Party],
    earlier_year: Option<u16>,
    given: Option<&[(Party, f64)]>,
) -> Result<Vec<Chosen>, InputError> {
    let user = user_baselines(given)?;
    let published_earlier = earlier_year.and_then(published::published);
    let mut baseline: Vec<Chosen> = Vec::new();
    for &p in available {
        let b = if let Some(v) = user.iter().find(|(q, _)| *q == p).map(|(_, v)| *v) {
            (Some(v), BaselineSource::User)
        } else if let Some(v) = published_earlier.and_then(|pp| pp.share(p)) {
            (Some(v), BaselineSource::Published)
        } else if DEFAULT_KEY_PARTIES.contains(&p) {
            let year = earlier_year
                .map_or("the earlier contest (the file has no `pair` column)".to_string(), |y| format!("{y}"));
            return Err(InputError::new(
                "--baseline-pns",
                format!("no published PNS for {year}: expected --baseline-pns con=PCT,lab=PCT,ld=PCT"),
            )
            .field(p.code()));
        } else {
            (None, BaselineSource::Estimated)
        };
        baseline.push(b);
    }
    if let Some((p, _)) = user.iter().find(|(p, _)| !available.contains(p)) {
        return Err(InputError::new(
            "--baseline-pns",
            format!("'{p}' is not among the parties estimated from this file: expected some of {}", {
                available.iter().map(|p| p.code()).collect::<Vec<_>>().join(", ")
            }),
        )
        .field(p.code()));
    }
    Ok(baseline)
}

/// Validates `--baseline-pns` (fractions) and converts to percent; UKIP stands for the Reform lineage.
fn user_baselines(given: Option<&[(Party, f64)]>) -> Result<Vec<(Party, f64)>, InputError> {
    let mut out: Vec<(Party, f64)> = Vec::new();
    for &(p, v) in given.unwrap_or(&[]) {
        let p = if p == Party::UKIP || p == Party::BREXIT { Party::REFORM } else { p };
        let err = |m: String| InputError::new("--baseline-pns", m).field(p.code());
        if !ESTIMATED.contains(&p) {
            return Err(err(format!(
                "'{p}' is not estimated from local results: expected some of {}",
                estimated_codes()
            )));
        }
        if !v.is_finite() || !(0.0..=1.0).contains(&v) {
            return Err(err(format!("share {} is out of range: expected a percentage from 0 to 100", v * 100.0)));
        }
        if out.iter().any(|(q, _)| *q == p) {
            return Err(err(format!("'{p}' is given twice")));
        }
        out.push((p, v * 100.0));
    }
    let sum: f64 = out.iter().map(|(_, v)| v).sum();
    if sum > 100.0 + 1e-9 {
        return Err(InputError::new("--baseline-pns", format!("shares sum to {sum}: expected at most 100")));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_baselines_map_ukip_to_reform_and_check_sums() {
        let b = user_baselines(Some(&[(Party::CON, 0.3), (Party::UKIP, 0.12)])).unwrap();
        assert_eq!(b, vec![(Party::CON, 30.0), (Party::REFORM, 12.0)]);
        assert!(user_baselines(Some(&[(Party::CON, 0.6), (Party::LAB, 0.6)])).is_err());
        assert!(user_baselines(Some(&[(Party::SNP, 0.1)])).is_err());
    }
}
