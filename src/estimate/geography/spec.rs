//! The tactical spec of `--against`, `--bloc` and `--where`: parsed and checked against the ward files' parties.

use crate::error::InputError;
use crate::estimate::{ESTIMATED, columns_of};
use crate::scenario::{TacticalSpec, Where, parse_party};

/// Checks a tactical spec: a bloc of at least two distinct parties without the targeted one, all of them parties
/// the ward files carry. `Err((what, message))`, `what` being `against` or `bloc`.
pub fn check_spec(spec: &TacticalSpec) -> Result<(), (&'static str, String)> {
    let codes = ESTIMATED.iter().map(|p| p.code()).collect::<Vec<_>>().join(", ");
    if columns_of(spec.against).is_empty() {
        return Err(("against", format!("'{}' is not in the ward files: expected one of {codes}", spec.against)));
    }
    for (i, p) in spec.bloc.iter().enumerate() {
        if columns_of(*p).is_empty() {
            return Err(("bloc", format!("'{p}' is not in the ward files: expected some of {codes}")));
        }
        if *p == spec.against {
            return Err((
                "bloc",
                format!("the bloc names '{p}', the party voted against: expected the parties voted for"),
            ));
        }
        if spec.bloc[..i].contains(p) {
            return Err(("bloc", format!("party '{p}' is given twice")));
        }
    }
    if spec.bloc.len() < 2 {
        return Err(("bloc", "expected at least two parties, e.g. lab,ld".into()));
    }
    Ok(())
}

/// The tactical spec of `--against`, `--bloc` and `--where` (defaults: con; lab,ld; first), checked.
pub fn parse_spec(against: Option<&str>, bloc: Option<&str>, seats: Option<&str>) -> Result<TacticalSpec, InputError> {
    let mut spec = TacticalSpec::default();
    if let Some(a) = against {
        spec.against = parse_party(a).map_err(|m| InputError::new("--against", m))?;
    }
    if let Some(list) = bloc {
        spec.bloc = list
            .split(',')
            .filter(|s| !s.trim().is_empty())
            .map(|p| parse_party(p).map_err(|m| InputError::new("--bloc", m)))
            .collect::<Result<_, _>>()?;
    }
    if let Some(w) = seats {
        spec.seats = Where::from_code(w).ok_or_else(|| {
            InputError::new("--where", format!("unknown '{}': expected first or first_or_second", w.trim()))
        })?;
    }
    check_spec(&spec).map_err(|(flag, m)| InputError::new(format!("--{flag}"), m))?;
    Ok(spec)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::party::Party;

    #[test]
    fn spec_checks_name_the_flag() {
        let bad = TacticalSpec { bloc: vec![Party::CON, Party::LAB], ..TacticalSpec::default() };
        assert_eq!(check_spec(&bad).unwrap_err().0, "bloc");
        let one = TacticalSpec { bloc: vec![Party::LAB], ..TacticalSpec::default() };
        assert!(check_spec(&one).unwrap_err().1.contains("at least two"));
        let snp = TacticalSpec { against: Party::SNP, ..TacticalSpec::default() };
        assert_eq!(check_spec(&snp).unwrap_err().0, "against");
        assert!(check_spec(&TacticalSpec::default()).is_ok());
    }
}
