//! Settings of an estimate: key parties, bootstrap, seed and the earlier year's PNS, with their defaults and checks.

use super::ESTIMATED;
use crate::error::InputError;
use crate::party::Party;
use crate::scenario::parse_party;

/// Default key parties: the broadcasters' full-candidature rule.
pub const DEFAULT_KEY_PARTIES: [Party; 3] = [Party::CON, Party::LAB, Party::LD];

/// Default number of bootstrap resamples.
pub const DEFAULT_BOOTSTRAP: u64 = 2000;

/// Default bootstrap seed.
pub const DEFAULT_SEED: u64 = 1982;

/// Settings of an estimate.
#[derive(Clone, Debug, PartialEq)]
pub struct EstimateOptions {
    /// A ward qualifies if every key party stood at both contests.
    pub key_parties: Vec<Party>,
    /// Bootstrap resamples (0: no interval).
    pub bootstrap: u64,
    pub seed: u64,
    /// Override of the earlier year's PNS, fractions; parties not given keep the published figure.
    pub baseline_pns: Option<Vec<(Party, f64)>>,
}

impl Default for EstimateOptions {
    fn default() -> Self {
        EstimateOptions {
            key_parties: DEFAULT_KEY_PARTIES.to_vec(),
            bootstrap: DEFAULT_BOOTSTRAP,
            seed: DEFAULT_SEED,
            baseline_pns: None,
        }
    }
}

/// Parses `--key-parties con,lab` (`None`: the default key parties) and checks the list.
pub fn parse_key_parties(list: Option<&str>) -> Result<Vec<Party>, InputError> {
    let Some(list) = list else { return Ok(DEFAULT_KEY_PARTIES.to_vec()) };
    let parties = list
        .split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|p| parse_party(p).map_err(|m| InputError::new("--key-parties", m).field(p.trim().to_string())))
        .collect::<Result<Vec<_>, _>>()?;
    check_key_parties(&parties).map_err(|m| InputError::new("--key-parties", m))?;
    Ok(parties)
}

/// Checks a key-party list: non-empty, no repeats, each one of the estimated parties.
pub fn check_key_parties(parties: &[Party]) -> Result<(), String> {
    if parties.is_empty() {
        return Err("no key parties: expected e.g. con,lab,ld".into());
    }
    for (i, p) in parties.iter().enumerate() {
        if !ESTIMATED.contains(p) {
            return Err(format!("'{p}' cannot be a key party: expected some of {}", estimated_codes()));
        }
        if parties[..i].contains(p) {
            return Err(format!("'{p}' is given twice"));
        }
    }
    Ok(())
}

/// The codes of the estimated parties, for "expected some of …" messages.
pub(super) fn estimated_codes() -> String {
    ESTIMATED.iter().map(|p| p.code()).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_party_rules() {
        assert!(check_key_parties(&[Party::CON, Party::LAB]).is_ok());
        assert!(check_key_parties(&[]).is_err());
        assert!(check_key_parties(&[Party::SNP]).unwrap_err().contains("cannot be a key party"));
        assert!(check_key_parties(&[Party::CON, Party::CON]).unwrap_err().contains("twice"));
        assert_eq!(parse_key_parties(None).unwrap(), DEFAULT_KEY_PARTIES.to_vec());
        assert_eq!(parse_key_parties(Some("lab, ld,")).unwrap(), vec![Party::LAB, Party::LD]);
        assert_eq!(parse_key_parties(Some("whig")).unwrap_err().field.as_deref(), Some("whig"));
    }
}
