//! Constituency covariates shipped with the tool (the 2016 Leave share), looked up by ONS code for a baseline.

use super::Baseline;
use crate::error::InputError;
use crate::scenario::Covariate;
use crate::shipped::LEAVE_TABLES;
use std::collections::HashMap;
use std::sync::OnceLock;

/// ONS code → Leave share (fraction), from both shipped tables.
fn leave_table() -> &'static HashMap<String, f64> {
    static TABLE: OnceLock<HashMap<String, f64>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map = HashMap::new();
        for table in LEAVE_TABLES {
            parse(table.data, table.name, &mut map).expect("the shipped Leave tables parse");
        }
        map
    })
}

/// Reads `ons_id` and `leave_share` from one table into `map`.
fn parse(text: &str, file: &str, map: &mut HashMap<String, f64>) -> Result<(), InputError> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = crate::csvrows::header(&mut reader, file)?;
    let column = |name: &str| {
        headers.iter().position(|h| h == name).ok_or_else(|| InputError::new(file, "missing column").field(name))
    };
    let (code, leave) = (column("ons_id")?, column("leave_share")?);
    for row in crate::csvrows::records(&mut reader, text, file) {
        let (line, record) = row?;
        let v: f64 = record[leave]
            .trim()
            .parse()
            .map_err(|_| InputError::new(file, "expected a share from 0 to 1").at_line(line).field("leave_share"))?;
        if !(0.0..=1.0).contains(&v) {
            return Err(InputError::new(file, "expected a share from 0 to 1").at_line(line).field("leave_share"));
        }
        map.insert(record[code].trim().to_string(), v);
    }
    Ok(())
}

/// The covariate's value for every seat of `baseline` (a fraction), `None` where no shipped table has the seat.
pub fn values(covariate: Covariate, baseline: &Baseline) -> Vec<Option<f64>> {
    match covariate {
        Covariate::Leave => baseline.seats.iter().map(|c| leave_table().get(&c.code).copied()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::Nation;

    #[test]
    fn every_gb_seat_of_every_shipped_baseline_has_a_leave_share() {
        for name in crate::shipped::names(&crate::shipped::BASELINES) {
            let b = Baseline::load(name).unwrap();
            let x = values(Covariate::Leave, &b);
            for (c, v) in b.seats.iter().zip(&x) {
                if c.nation != Nation::NorthernIreland {
                    assert!(v.is_some(), "{name}: {} {}", c.code, c.name);
                }
            }
        }
        // Published figures: Hanretty's Clacton (2024 boundaries) and Boston and Skegness (2010), the two most
        // Leave seats.
        let b = Baseline::load("ge2024").unwrap();
        let x = values(Covariate::Leave, &b);
        let k = b.seats.iter().position(|c| c.name == "Clacton").unwrap();
        assert!((x[k].unwrap() - 0.70).abs() < 0.02, "{:?}", x[k]);
        let b = Baseline::load("ge2019").unwrap();
        let x = values(Covariate::Leave, &b);
        let k = b.seats.iter().position(|c| c.name == "Boston and Skegness").unwrap();
        assert!((x[k].unwrap() - 0.75).abs() < 0.01, "{:?}", x[k]);
    }
}
