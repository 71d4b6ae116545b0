//! The one table of conventional party colours, and the order parties sit in the hemicycle.

use crate::party::{N_PARTIES, Party};
use plotters::style::RGBColor;

/// Colour of parties not in the table (and of unknown codes).
pub const OTHER_GREY: RGBColor = RGBColor(0xB4, 0xB4, 0xB4);

/// Party colours by column code. Every colour is distinct, so a chart's pixels can be attributed to a party.
const TABLE: [(&str, RGBColor); N_PARTIES] = [
    ("con", RGBColor(0x00, 0x87, 0xDC)),      // Conservative blue
    ("lab", RGBColor(0xE4, 0x00, 0x3B)),      // Labour red
    ("ld", RGBColor(0xFA, 0xA6, 0x1A)),       // Liberal Democrat orange
    ("ukip", RGBColor(0x6D, 0x31, 0x77)),     // UKIP purple
    ("brexit", RGBColor(0x0E, 0x8F, 0xA6)),   // Brexit Party dark turquoise
    ("reform", RGBColor(0x12, 0xB6, 0xCF)),   // Reform UK turquoise
    ("green", RGBColor(0x02, 0xA9, 0x5B)),    // Green green
    ("snp", RGBColor(0xFD, 0xE0, 0x3A)),      // SNP yellow
    ("pc", RGBColor(0x00, 0x5B, 0x54)),       // Plaid Cymru dark green
    ("dup", RGBColor(0xD4, 0x6A, 0x4C)),      // DUP
    ("sf", RGBColor(0x32, 0x67, 0x60)),       // Sinn Féin
    ("sdlp", RGBColor(0x2A, 0xA8, 0x2C)),     // SDLP
    ("uup", RGBColor(0x48, 0xA5, 0xEE)),      // UUP
    ("alliance", RGBColor(0xC9, 0xA2, 0x00)), // Alliance gold
    ("tuv", RGBColor(0x0C, 0x3A, 0x6A)),      // TUV
    ("speaker", RGBColor(0x55, 0x55, 0x55)),  // the Speaker, dark grey
    ("ind", RGBColor(0x96, 0x96, 0x96)),      // independents, grey
    ("other", OTHER_GREY),                    // others, light grey
];

/// Left-to-right order of the hemicycle: a conventional reading of the Commons from the left benches to the right.
const SEATING: [&str; N_PARTIES] = [
    "sf", "sdlp", "lab", "snp", "pc", "green", "alliance", "ld", "ind", "other", "speaker", "uup", "dup", "tuv", "con",
    "brexit", "ukip", "reform",
];

/// The colour of a party code (grey for codes not in the table).
pub fn of(code: &str) -> RGBColor {
    TABLE.iter().find(|(c, _)| *c == code).map_or(OTHER_GREY, |(_, colour)| *colour)
}

/// The colour of a party.
pub fn party(p: Party) -> RGBColor {
    of(p.code())
}

/// Display name of a party code (the code itself if unknown).
pub fn name(code: &str) -> String {
    Party::from_code(code).map_or_else(|| code.to_string(), |p| p.name().to_string())
}

/// Short label of a party code for tight spaces: `Con`, `Lab`, `LD`, `SNP`, …
pub fn short(code: &str) -> String {
    match code {
        "con" => "Con".into(),
        "lab" => "Lab".into(),
        "ld" => "LD".into(),
        "green" => "Green".into(),
        "reform" => "Reform".into(),
        "brexit" => "Brexit".into(),
        "speaker" => "Speaker".into(),
        "ind" => "Ind".into(),
        "other" => "Other".into(),
        "alliance" => "Alliance".into(),
        "pc" => "PC".into(),
        c => c.to_ascii_uppercase(),
    }
}

/// Position of a party code in the hemicycle's left-to-right order (unknown codes last).
pub fn seating_rank(code: &str) -> usize {
    SEATING.iter().position(|c| *c == code).unwrap_or(N_PARTIES)
}

/// Mixes a colour with white: `amount` 0 keeps it, 1 gives white.
pub fn tint(c: RGBColor, amount: f64) -> RGBColor {
    let mix = |v: u8| (v as f64 + (255.0 - v as f64) * amount).round() as u8;
    RGBColor(mix(c.0), mix(c.1), mix(c.2))
}

/// Black or white, whichever reads better on `c`.
pub fn text_on(c: RGBColor) -> RGBColor {
    let lum = 0.299 * c.0 as f64 + 0.587 * c.1 as f64 + 0.114 * c.2 as f64;
    if lum > 150.0 { RGBColor(0x1A, 0x1A, 0x1A) } else { RGBColor(0xFF, 0xFF, 0xFF) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::party::PARTY_CODES;

    #[test]
    fn every_party_has_a_distinct_colour_and_a_seat_order() {
        for (i, (code, _)) in TABLE.iter().enumerate() {
            assert_eq!(*code, PARTY_CODES[i]);
            assert!(seating_rank(code) < N_PARTIES, "{code}");
        }
        for i in 0..N_PARTIES {
            for j in i + 1..N_PARTIES {
                assert_ne!(TABLE[i].1, TABLE[j].1, "{} and {}", TABLE[i].0, TABLE[j].0);
            }
        }
        assert_eq!(of("whig"), OTHER_GREY);
        assert_eq!(of("lab"), RGBColor(0xE4, 0x00, 0x3B));
    }
}
