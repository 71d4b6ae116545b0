//! The one table of conventional party colours, and the order parties sit in the hemicycle.

use super::colour_metrics::contrast;
use crate::party::{N_PARTIES, Party};
use plotters::style::RGBColor;

/// Colour of parties not in the table (and of unknown codes).
pub const OTHER_GREY: RGBColor = RGBColor(0xCD, 0xCD, 0xCD);

/// Dark text on light colours.
pub const DARK_TEXT: RGBColor = RGBColor(0x1A, 0x1A, 0x1A);

/// Least ΔE₀₀ between the colours of two parties that can appear in one chart (every pair but Brexit–Reform).
pub const MIN_DELTA_E: f64 = 15.0;

/// Least WCAG contrast of a label on its background (the AA level for normal text).
pub const MIN_CONTRAST: f64 = 4.5;

/// Party colours by column code: the conventional colour where it keeps [`MIN_DELTA_E`] from every other party of
/// the same parliament, otherwise a shade of it (Sinn Féin olive beside Plaid Cymru's dark teal and the Greens; SDLP
/// light green; UUP periwinkle beside the Conservative blue; Alliance dark gold beside the Lib Dem orange; three
/// greys of distinct lightness). Brexit and Reform keep their related turquoises: a scenario's lineage merges one
/// into the other, so they share a chart only when a 2019 baseline names both.
const TABLE: [(&str, RGBColor); N_PARTIES] = [
    ("con", RGBColor(0x00, 0x87, 0xDC)),      // Conservative blue
    ("lab", RGBColor(0xE4, 0x00, 0x3B)),      // Labour red
    ("ld", RGBColor(0xFA, 0xA6, 0x1A)),       // Liberal Democrat orange
    ("ukip", RGBColor(0x6D, 0x31, 0x77)),     // UKIP purple
    ("brexit", RGBColor(0x0E, 0x8F, 0xA6)),   // Brexit Party dark turquoise
    ("reform", RGBColor(0x12, 0xB6, 0xCF)),   // Reform UK turquoise
    ("green", RGBColor(0x02, 0xA9, 0x5B)),    // Green green
    ("snp", RGBColor(0xFD, 0xE0, 0x3A)),      // SNP yellow
    ("pc", RGBColor(0x00, 0x5B, 0x54)),       // Plaid Cymru dark teal
    ("dup", RGBColor(0xD4, 0x6A, 0x4C)),      // DUP
    ("sf", RGBColor(0x6F, 0x8E, 0x2A)),       // Sinn Féin, olive
    ("sdlp", RGBColor(0x99, 0xE0, 0x6A)),     // SDLP, light green
    ("uup", RGBColor(0x99, 0x99, 0xFF)),      // UUP, periwinkle
    ("alliance", RGBColor(0xB3, 0x94, 0x00)), // Alliance, dark gold
    ("tuv", RGBColor(0x0C, 0x3A, 0x6A)),      // TUV navy
    ("speaker", RGBColor(0x4A, 0x4A, 0x4A)),  // the Speaker, dark grey
    ("ind", RGBColor(0x8A, 0x8A, 0x8A)),      // independents, mid grey
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

/// White or dark text, whichever has the higher WCAG contrast on `c`.
pub fn text_on(c: RGBColor) -> RGBColor {
    let white = RGBColor(0xFF, 0xFF, 0xFF);
    if contrast(DARK_TEXT, c) >= contrast(white, c) { DARK_TEXT } else { white }
}

/// A party colour for text on white: the colour itself if it reaches [`MIN_CONTRAST`], else darkened in even steps
/// (towards black, keeping its hue) until it does.
pub fn on_white(c: RGBColor) -> RGBColor {
    let white = RGBColor(0xFF, 0xFF, 0xFF);
    (0..=20)
        .map(|i| {
            let k = 1.0 - f64::from(i) * 0.05;
            RGBColor((c.0 as f64 * k) as u8, (c.1 as f64 * k) as u8, (c.2 as f64 * k) as u8)
        })
        .find(|d| contrast(*d, white) >= MIN_CONTRAST)
        .unwrap_or(RGBColor(0, 0, 0))
}

#[cfg(test)]
mod tests {
    use super::super::colour_metrics::delta_e;
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

    #[test]
    fn parties_of_one_parliament_are_at_least_min_delta_e_apart() {
        let mut closest = f64::MAX;
        for i in 0..N_PARTIES {
            for j in i + 1..N_PARTIES {
                let ((a, ca), (b, cb)) = (TABLE[i], TABLE[j]);
                let d = delta_e(ca, cb);
                if (a, b) == ("brexit", "reform") {
                    assert!(d >= 10.0, "{a}–{b}: ΔE {d:.1}");
                    continue;
                }
                assert!(d >= MIN_DELTA_E, "{a} and {b} are ΔE {d:.1} apart: expected at least {MIN_DELTA_E}");
                closest = closest.min(d);
            }
        }
        // The table is not looser than it needs to be (Labour–DUP is the closest pair).
        assert!(closest < MIN_DELTA_E + 1.0, "{closest}");
    }

    #[test]
    fn every_label_meets_wcag_contrast_on_its_background() {
        let white = RGBColor(0xFF, 0xFF, 0xFF);
        use super::super::canvas::{BACKGROUND, INK, MUTED};
        for ink in [INK, MUTED, DARK_TEXT] {
            assert!(contrast(ink, BACKGROUND) >= MIN_CONTRAST, "{ink:?} on the page");
        }
        for (code, c) in TABLE {
            // Labels inside a bar or segment of the party's colour, and on the light tints of it the charts use.
            for background in [c, tint(c, 0.6), tint(c, 0.88)] {
                let r = contrast(text_on(background), background);
                assert!(r >= MIN_CONTRAST, "{code}: label on {background:?} has contrast {r:.2}");
            }
            // Text in the party's colour on the white page.
            let r = contrast(on_white(c), white);
            assert!(r >= MIN_CONTRAST, "{code}: text on white has contrast {r:.2}");
        }
    }
}
