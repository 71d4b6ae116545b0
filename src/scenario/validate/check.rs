//! Cross-field rules, checked once every value is merged: sums, overlaps, lineages, held parties, majorities.

use super::super::Scenario;
use crate::error::InputError;
use crate::geo::Area;
use crate::party::Party;

/// Cross-field rules: named shares (plus held parties) at most 100, no overlapping regions, lineages sane, no party
/// both held and named, coalitions of voting parties, majorities in order.
pub fn check(s: &Scenario, file: &str) -> Result<(), InputError> {
    shares(s, file)?;
    regions(s, file)?;
    lineages(s, file)?;
    parliament(s, file)
}

/// Every share table sums to at most 100, and no party is both held (as given) and given a national share.
fn shares(s: &Scenario, file: &str) -> Result<(), InputError> {
    let sum = |shares: &[(Party, f64)]| shares.iter().map(|(_, v)| v).sum::<f64>();
    let total = sum(&s.shares);
    if total > 1.0 + 1e-9 {
        return Err(InputError::new(file, format!("named shares sum to {:.2}%: expected at most 100", total * 100.0))
            .field("shares"));
    }
    for (area, shares) in &s.regions {
        let t = sum(shares);
        if t > 1.0 + 1e-9 {
            return Err(InputError::new(
                file,
                format!("{} shares sum to {:.2}%: expected at most 100", area.name(), t * 100.0),
            )
            .field(format!("regions.{}", area_key(*area))));
        }
    }
    if s.hold_given
        && let Some(p) = s.hold.iter().find(|p| s.shares.iter().any(|(q, _)| q == *p))
    {
        return Err(InputError::new(
            file,
            format!("'{p}' is both held at its baseline share and given a national share: expected one of the two"),
        )
        .field("hold"));
    }
    Ok(())
}

/// Region tables do not overlap and none is Northern Ireland's.
fn regions(s: &Scenario, file: &str) -> Result<(), InputError> {
    for (i, (a, _)) in s.regions.iter().enumerate() {
        for (b, _) in &s.regions[i + 1..] {
            let overlap = crate::geo::Region::ALL.iter().any(|r| a.contains(*r) && b.contains(*r));
            if overlap {
                return Err(InputError::new(
                    file,
                    format!(
                        "regions '{}' and '{}' overlap: expected each seat in at most one region table",
                        a.name(),
                        b.name()
                    ),
                )
                .field(format!("regions.{}", area_key(*b))));
            }
        }
        if matches!(a, Area::Nation(crate::geo::Nation::NorthernIreland))
            || matches!(a, Area::Region(crate::geo::Region::NorthernIreland))
        {
            return Err(InputError::new(
                file,
                "Northern Ireland's seats keep their baseline winners: expected a GB nation or region",
            )
            .field("regions.northern_ireland"));
        }
    }
    Ok(())
}

/// Each predecessor has one successor other than itself and is not also given a share.
fn lineages(s: &Scenario, file: &str) -> Result<(), InputError> {
    for (i, (succ, pred)) in s.lineage.iter().enumerate() {
        if let Some((other, _)) = s.lineage[..i].iter().find(|(_, p)| p == pred) {
            return Err(InputError::new(
                file,
                format!("'{pred}' is merged into both '{other}' and '{succ}': expected one successor per party"),
            )
            .field(format!("lineage.{succ}")));
        }
        if succ == pred {
            return Err(InputError::new(file, format!("'{succ}' is mapped onto itself: expected a predecessor party"))
                .field(format!("lineage.{succ}")));
        }
        let named =
            |p: Party| s.shares.iter().chain(s.regions.iter().flat_map(|(_, v)| v.iter())).any(|(q, _)| *q == p);
        if named(*pred) {
            return Err(InputError::new(
                file,
                format!("'{pred}' is merged into '{succ}' by the lineage, so it cannot also be given a share"),
            )
            .field(format!("lineage.{succ}")));
        }
    }
    Ok(())
}

/// Coalitions of voting parties; majorities that can hold together.
fn parliament(s: &Scenario, file: &str) -> Result<(), InputError> {
    for coalition in &s.parliament.coalitions {
        if coalition.contains(&Party::SPEAKER) {
            return Err(InputError::new(file, "the Speaker does not vote: expected a coalition of parties")
                .field("parliament.coalitions"));
        }
    }
    if s.parliament.majority.is_some() || s.parliament.effective_majority.is_some() {
        // Against the largest parliament any baseline could have; the baseline's own seats are checked when loaded.
        s.parliament.thresholds(u32::MAX).map_err(|(field, m)| InputError::new(file, m).field(field))?;
    }
    Ok(())
}

/// The key of an area as the scenario's `[regions.NAME]` tables and its errors name it.
pub(super) fn area_key(a: Area) -> &'static str {
    match a {
        Area::Nation(n) => match n {
            crate::geo::Nation::England => "england",
            crate::geo::Nation::Scotland => "scotland",
            crate::geo::Nation::Wales => "wales",
            crate::geo::Nation::NorthernIreland => "northern_ireland",
        },
        Area::Region(r) => r.key(),
    }
}
