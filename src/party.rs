//! The party vocabulary: the vote columns of the baseline CSVs, as compact indices.

use std::fmt;

/// Number of party columns in the baseline column scheme.
pub const N_PARTIES: usize = 18;

/// Party column names, in the column order of the shipped baseline CSVs.
pub const PARTY_CODES: [&str; N_PARTIES] = [
    "con", "lab", "ld", "ukip", "brexit", "reform", "green", "snp", "pc", "dup", "sf", "sdlp", "uup", "alliance",
    "tuv", "speaker", "ind", "other",
];

/// Display names for tables and charts.
const PARTY_NAMES: [&str; N_PARTIES] = [
    "Conservative",
    "Labour",
    "Liberal Democrat",
    "UKIP",
    "Brexit Party",
    "Reform UK",
    "Green",
    "SNP",
    "Plaid Cymru",
    "DUP",
    "Sinn Féin",
    "SDLP",
    "UUP",
    "Alliance",
    "TUV",
    "Speaker",
    "Independent",
    "Other",
];

/// A party, as an index into [`PARTY_CODES`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Party(u8);

impl Party {
    pub const CON: Party = Party(0);
    pub const LAB: Party = Party(1);
    pub const LD: Party = Party(2);
    pub const UKIP: Party = Party(3);
    pub const BREXIT: Party = Party(4);
    pub const REFORM: Party = Party(5);
    pub const GREEN: Party = Party(6);
    pub const SNP: Party = Party(7);
    pub const PC: Party = Party(8);
    pub const SF: Party = Party(10);
    pub const SPEAKER: Party = Party(15);
    pub const IND: Party = Party(16);
    pub const OTHER: Party = Party(17);

    /// Every party, in column order.
    pub fn all() -> impl Iterator<Item = Party> {
        (0..N_PARTIES as u8).map(Party)
    }

    /// The party with column index `i` (panics if `i >= N_PARTIES`).
    pub fn from_index(i: usize) -> Party {
        assert!(i < N_PARTIES, "party index {i} out of range");
        Party(i as u8)
    }

    /// Looks a party up by its column code (case-insensitive; a few common aliases accepted).
    pub fn from_code(code: &str) -> Option<Party> {
        let lower = code.trim().to_ascii_lowercase();
        let canonical = match lower.as_str() {
            "lib" | "libdem" | "lib_dem" | "lab_dem" => "ld",
            "grn" | "greens" => "green",
            "plaid" => "pc",
            "ruk" | "reform_uk" => "reform",
            "brx" => "brexit",
            "spk" => "speaker",
            "apni" => "alliance",
            "independent" => "ind",
            "oth" | "others" => "other",
            other => other,
        };
        PARTY_CODES.iter().position(|c| *c == canonical).map(|i| Party(i as u8))
    }

    /// Column index of the party.
    pub fn index(self) -> usize {
        self.0 as usize
    }

    /// Column code, e.g. `"con"`.
    pub fn code(self) -> &'static str {
        PARTY_CODES[self.index()]
    }

    /// Display name, e.g. `"Conservative"`.
    pub fn name(self) -> &'static str {
        PARTY_NAMES[self.index()]
    }
}

impl fmt::Display for Party {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl serde::Serialize for Party {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// The list of valid codes, for error messages.
pub fn valid_codes() -> String {
    PARTY_CODES.join(", ")
}

/// Per-party values, indexed by [`Party`].
pub type PartyVec = [f64; N_PARTIES];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for p in Party::all() {
            assert_eq!(Party::from_code(p.code()), Some(p));
        }
        assert_eq!(Party::from_code("LibDem"), Some(Party::LD));
        assert_eq!(Party::from_code("ruk"), Some(Party::REFORM));
        assert_eq!(Party::from_code("whig"), None);
    }
}
