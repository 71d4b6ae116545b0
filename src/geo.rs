//! Nations and regions of the United Kingdom, as named in the baseline CSVs.

use serde::Serialize;
use std::fmt;

/// The four nations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Nation {
    England,
    Scotland,
    Wales,
    NorthernIreland,
}

impl Nation {
    pub const ALL: [Nation; 4] = [Nation::England, Nation::Scotland, Nation::Wales, Nation::NorthernIreland];

    /// Name as written in the `country` column.
    pub fn name(self) -> &'static str {
        match self {
            Nation::England => "England",
            Nation::Scotland => "Scotland",
            Nation::Wales => "Wales",
            Nation::NorthernIreland => "Northern Ireland",
        }
    }

    /// Parses the `country` column.
    pub fn from_name(s: &str) -> Option<Nation> {
        Nation::ALL.into_iter().find(|n| n.name().eq_ignore_ascii_case(s.trim()))
    }
}

impl fmt::Display for Nation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The twelve regions (nine English regions plus Scotland, Wales and Northern Ireland).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Region {
    NorthEast,
    NorthWest,
    YorkshireAndTheHumber,
    EastMidlands,
    WestMidlands,
    EastOfEngland,
    London,
    SouthEast,
    SouthWest,
    Wales,
    Scotland,
    NorthernIreland,
}

/// Number of regions.
pub const N_REGIONS: usize = 12;

impl Region {
    pub const ALL: [Region; N_REGIONS] = [
        Region::NorthEast,
        Region::NorthWest,
        Region::YorkshireAndTheHumber,
        Region::EastMidlands,
        Region::WestMidlands,
        Region::EastOfEngland,
        Region::London,
        Region::SouthEast,
        Region::SouthWest,
        Region::Wales,
        Region::Scotland,
        Region::NorthernIreland,
    ];

    /// Name as written in the `region` column.
    pub fn name(self) -> &'static str {
        match self {
            Region::NorthEast => "North East",
            Region::NorthWest => "North West",
            Region::YorkshireAndTheHumber => "Yorkshire and The Humber",
            Region::EastMidlands => "East Midlands",
            Region::WestMidlands => "West Midlands",
            Region::EastOfEngland => "East of England",
            Region::London => "London",
            Region::SouthEast => "South East",
            Region::SouthWest => "South West",
            Region::Wales => "Wales",
            Region::Scotland => "Scotland",
            Region::NorthernIreland => "Northern Ireland",
        }
    }

    /// Short key used in scenario files (`[regions.north_east]`).
    pub fn key(self) -> &'static str {
        match self {
            Region::NorthEast => "north_east",
            Region::NorthWest => "north_west",
            Region::YorkshireAndTheHumber => "yorkshire",
            Region::EastMidlands => "east_midlands",
            Region::WestMidlands => "west_midlands",
            Region::EastOfEngland => "east",
            Region::London => "london",
            Region::SouthEast => "south_east",
            Region::SouthWest => "south_west",
            Region::Wales => "wales",
            Region::Scotland => "scotland",
            Region::NorthernIreland => "northern_ireland",
        }
    }

    /// Index in [`Region::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// Parses the `region` column.
    pub fn from_name(s: &str) -> Option<Region> {
        Region::ALL.into_iter().find(|r| r.name().eq_ignore_ascii_case(s.trim()))
    }

    /// The nation a region belongs to.
    pub fn nation(self) -> Nation {
        match self {
            Region::Wales => Nation::Wales,
            Region::Scotland => Nation::Scotland,
            Region::NorthernIreland => Nation::NorthernIreland,
            _ => Nation::England,
        }
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An area a scenario can give shares for: a nation or a region.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Area {
    Nation(Nation),
    Region(Region),
}

impl Area {
    /// Parses a scenario key: a region key (`london`, `north_east`, …), a nation (`england`, `scotland`, `wales`),
    /// or a region's full name; hyphens, spaces and case are ignored.
    pub fn from_key(key: &str) -> Option<Area> {
        let norm: String =
            key.trim().chars().map(|c| if c == '-' || c == ' ' { '_' } else { c.to_ascii_lowercase() }).collect();
        match norm.as_str() {
            "england" => return Some(Area::Nation(Nation::England)),
            "scotland" => return Some(Area::Nation(Nation::Scotland)),
            "wales" => return Some(Area::Nation(Nation::Wales)),
            "northern_ireland" | "ni" => return Some(Area::Nation(Nation::NorthernIreland)),
            "yorkshire_and_the_humber" => return Some(Area::Region(Region::YorkshireAndTheHumber)),
            "east_of_england" | "eastern" => return Some(Area::Region(Region::EastOfEngland)),
            _ => {}
        }
        Region::ALL.into_iter().find(|r| r.key() == norm).map(Area::Region)
    }

    /// Whether a seat in `region` lies in this area.
    pub fn contains(self, region: Region) -> bool {
        match self {
            Area::Nation(n) => region.nation() == n,
            Area::Region(r) => region == r,
        }
    }

    /// The key a scenario file writes for it (`scotland`, `north_east`, …).
    pub fn key(self) -> &'static str {
        match self {
            Area::Nation(Nation::England) => "england",
            Area::Nation(Nation::Scotland) => "scotland",
            Area::Nation(Nation::Wales) => "wales",
            Area::Nation(Nation::NorthernIreland) => "northern_ireland",
            Area::Region(r) => r.key(),
        }
    }

    /// Display name.
    pub fn name(self) -> &'static str {
        match self {
            Area::Nation(n) => n.name(),
            Area::Region(r) => r.name(),
        }
    }

    /// Every key accepted in scenario files, for error messages.
    pub fn valid_keys() -> String {
        let mut keys = vec!["england", "scotland", "wales"];
        keys.extend(Region::ALL.iter().filter(|r| r.nation() == Nation::England).map(|r| r.key()));
        keys.join(", ")
    }
}

impl Serialize for Area {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn area_keys() {
        assert_eq!(Area::from_key("Scotland"), Some(Area::Nation(Nation::Scotland)));
        assert_eq!(Area::from_key("north-east"), Some(Area::Region(Region::NorthEast)));
        assert_eq!(Area::from_key("Yorkshire and The Humber"), Some(Area::Region(Region::YorkshireAndTheHumber)));
        assert_eq!(Area::from_key("mercia"), None);
        assert!(Area::Nation(Nation::England).contains(Region::London));
        assert!(!Area::Region(Region::London).contains(Region::SouthEast));
    }
}
