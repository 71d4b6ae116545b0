//! Council lookups: GSS code → region, authority type, 2016 electorate and Leave share; the GB strata.

use crate::error::InputError;
use crate::geo::Region;
use serde::Serialize;
use std::collections::HashMap;
use std::io::Read;
use std::sync::OnceLock;

/// The shipped council table (built by `scenarios/local/build.py`), gzip-compressed.
const COUNCILS_GZ: &[u8] = include_bytes!("../../scenarios/local/councils.csv.gz");

/// The kind of authority a stratum groups. Counties and shire districts both cover the two-tier shire areas.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    London,
    Metropolitan,
    Unitary,
    /// Shire counties and their districts.
    Shire,
    /// Scotland or Wales as a whole (no local results are used from them).
    Nation,
}

impl Kind {
    /// Parses the `authority_type` column of the lookups.
    pub fn from_authority_type(s: &str) -> Option<Kind> {
        match s {
            "london_borough" => Some(Kind::London),
            "metropolitan" => Some(Kind::Metropolitan),
            "unitary" => Some(Kind::Unitary),
            "shire_district" | "county" => Some(Kind::Shire),
            "nation" => Some(Kind::Nation),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::London => "london",
            Kind::Metropolitan => "metropolitan",
            Kind::Unitary => "unitary",
            Kind::Shire => "shire",
            Kind::Nation => "nation",
        }
    }
}

/// One council (or, for Scotland and Wales, one nation).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Council {
    pub code: String,
    pub name: String,
    pub region: Region,
    pub kind: Kind,
    /// Electorate at the 2016 EU referendum (parliamentary register plus peers).
    pub electorate: f64,
    /// Leave share at the 2016 EU referendum, fraction.
    pub leave: f64,
    /// Whether the council is one of the 2016 counting areas that partition Great Britain (plus Scotland, Wales).
    pub partition: bool,
}

/// A stratum: region × kind of authority.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Stratum {
    pub region: Region,
    pub kind: Kind,
}

/// A stratum of the GB population with its electorate and Leave share.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PopulationStratum {
    pub stratum: Stratum,
    pub electorate: f64,
    /// Electorate-weighted Leave share of its councils, fraction.
    pub leave: f64,
}

/// Every council of the shipped table, indexed by code, and the GB strata.
#[derive(Debug)]
pub struct Councils {
    pub councils: Vec<Council>,
    by_code: HashMap<String, usize>,
    pub strata: Vec<PopulationStratum>,
}

impl Councils {
    /// The shipped table (decoded once).
    pub fn shipped() -> &'static Councils {
        static TABLE: OnceLock<Councils> = OnceLock::new();
        TABLE.get_or_init(|| {
            let text = gunzip(COUNCILS_GZ).expect("shipped councils.csv.gz decodes");
            Councils::parse(&text, "councils.csv").expect("shipped councils.csv parses")
        })
    }

    /// Parses the council table (columns code, name, region, authority_type, electorate, leave, partition).
    pub fn parse(text: &str, file: &str) -> Result<Councils, InputError> {
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let mut councils = Vec::new();
        for row in crate::csvrows::records(&mut reader, text, file) {
            let (line, rec) = row?;
            let get = |k: usize| rec.get(k).unwrap_or("").trim();
            let err = |field: &str, m: &str| InputError::new(file, m.to_string()).at_line(line).field(field);
            let region = Region::from_name(get(2)).ok_or_else(|| err("region", "expected a GB region name"))?;
            let kind = Kind::from_authority_type(get(3)).ok_or_else(|| err("authority_type", "unknown type"))?;
            let electorate: f64 = get(4).parse().map_err(|_| err("electorate", "expected a number"))?;
            let leave: f64 = get(5).parse().map_err(|_| err("leave", "expected a fraction"))?;
            councils.push(Council {
                code: get(0).to_string(),
                name: get(1).to_string(),
                region,
                kind,
                electorate,
                leave,
                partition: get(6) == "1",
            });
        }
        let by_code = councils.iter().enumerate().map(|(i, c)| (c.code.clone(), i)).collect();
        let mut strata: Vec<PopulationStratum> = Vec::new();
        for c in councils.iter().filter(|c| c.partition) {
            let stratum = Stratum { region: c.region, kind: c.kind };
            match strata.iter_mut().find(|s| s.stratum == stratum) {
                Some(s) => {
                    s.leave = (s.leave * s.electorate + c.leave * c.electorate) / (s.electorate + c.electorate);
                    s.electorate += c.electorate;
                }
                None => strata.push(PopulationStratum { stratum, electorate: c.electorate, leave: c.leave }),
            }
        }
        strata.sort_by_key(|s| s.stratum);
        Ok(Councils { councils, by_code, strata })
    }

    /// The council with a GSS code (case-insensitive), if known.
    pub fn get(&self, code: &str) -> Option<&Council> {
        let code = code.trim().to_ascii_uppercase();
        self.by_code.get(&code).map(|&i| &self.councils[i])
    }

    /// The English council of ward `w` of `file`, or a one-line error naming the file, the line and the column.
    pub fn of_ward(&self, file: &super::wards::WardFile, w: &super::wards::Ward) -> Result<&Council, InputError> {
        self.get(&w.council_code).filter(|c| c.kind != Kind::Nation).ok_or_else(|| {
            InputError::new(
                &file.file,
                format!(
                    "unknown council code '{}': expected the GSS code of an English council (E06, E07, E08, E09 or E10)",
                    w.council_code
                ),
            )
            .at_line(w.line)
            .field("council_code")
        })
    }

    /// The stratum a council's wards fall in.
    pub fn stratum_of(&self, council: &Council) -> Stratum {
        Stratum { region: council.region, kind: council.kind }
    }

    /// Index of a stratum in [`Councils::strata`]; a council type absent from the GB partition of its region
    /// (possible only for authorities created after 2016) falls back to the region's shire or unitary stratum.
    pub fn stratum_index(&self, stratum: Stratum) -> usize {
        if let Some(i) = self.strata.iter().position(|s| s.stratum == stratum) {
            return i;
        }
        [Kind::Shire, Kind::Unitary, Kind::Metropolitan, Kind::London]
            .iter()
            .find_map(|&kind| self.strata.iter().position(|s| s.stratum == Stratum { region: stratum.region, kind }))
            .expect("every English region has a stratum")
    }

    /// Total GB electorate of the partition.
    pub fn gb_electorate(&self) -> f64 {
        self.strata.iter().map(|s| s.electorate).sum()
    }
}

/// Decompresses a gzip member into text.
pub fn gunzip(bytes: &[u8]) -> std::io::Result<String> {
    let mut text = String::new();
    flate2::read::GzDecoder::new(bytes).read_to_string(&mut text)?;
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_table_partitions_gb() {
        let c = Councils::shipped();
        assert_eq!(c.councils.len(), 373);
        // England's 2016 counting areas sum to the Commission's total; Scotland and Wales are added.
        let england: f64 = c.strata.iter().filter(|s| s.stratum.kind != Kind::Nation).map(|s| s.electorate).sum();
        assert_eq!(england, 38_957_543.0);
        assert_eq!(c.gb_electorate(), 38_957_543.0 + 3_987_112.0 + 2_270_272.0);
        let london = c.strata.iter().find(|s| s.stratum.region == Region::London).unwrap();
        assert_eq!(london.stratum.kind, Kind::London);
        assert!((0.39..0.41).contains(&london.leave), "London Leave {}", london.leave);
    }

    #[test]
    fn codes_resolve_with_type_and_region() {
        let c = Councils::shipped();
        let bolton = c.get("e08000001").unwrap();
        assert_eq!((bolton.region, bolton.kind), (Region::NorthWest, Kind::Metropolitan));
        let kent = c.get("E10000016").unwrap();
        assert_eq!((kent.region, kent.kind, kent.partition), (Region::SouthEast, Kind::Shire, false));
        assert!(c.get("E99999999").is_none());
    }
}
