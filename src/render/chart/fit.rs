//! Fitting text to a width, measured with the embedded font: wrapping at words, then an ellipsis.

use super::text::Font;

/// The ellipsis that ends a shortened line.
pub const ELLIPSIS: char = '…';

/// `s` as at most `max_lines` lines, each at most `width` pixels wide in `font`: words go on a line while they
/// fit (a space between words), a line that breaks ends at the last " · " separator when it has one (the separator
/// dropped), and the last line, if the text does not fit, is shortened with "…" ([`ellipsize`]). At least one line.
pub fn wrap(s: &str, font: Font, width: f64, max_lines: usize) -> Vec<String> {
    let fits = |t: &[&str]| f64::from(font.advance(&t.join(" "))) <= width;
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut lines: Vec<String> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if lines.len() + 1 == max_lines.max(1) {
            lines.push(ellipsize(&words[i..].join(" "), font, width));
            break;
        }
        let mut j = i + 1;
        while j < words.len() && fits(&words[i..=j]) {
            j += 1;
        }
        let sep = (i + 1..j).rev().find(|&k| words[k] == "·");
        let (end, next) = match sep {
            Some(k) if j < words.len() => (k, k + 1),
            _ => (j, j),
        };
        lines.push(ellipsize(&words[i..end].join(" "), font, width));
        i = next;
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// `s` if it fits in `width` pixels, else its longest start that fits with "…" after it, cut after a whole word
/// when one fits (trailing separators dropped), otherwise after a character.
pub fn ellipsize(s: &str, font: Font, width: f64) -> String {
    if f64::from(font.advance(s)) <= width {
        return s.to_string();
    }
    let with = |t: &str| format!("{}{ELLIPSIS}", t.trim_end_matches([' ', '·', ',', ':', ';', '—', '–']));
    let fits = |t: &str| f64::from(font.advance(&with(t))) <= width;
    let ends: Vec<usize> = s.char_indices().map(|(i, _)| i).skip(1).collect();
    // The longest cut that fits, found by bisection (a longer start is no narrower), so a very long text costs
    // a few dozen measurements.
    // Trimmed separators make the widths not quite monotonic: step back until the cut surely fits.
    let mut fitting = ends.partition_point(|&e| fits(&s[..e]));
    while fitting > 0 && !fits(&s[..ends[fitting - 1]]) {
        fitting -= 1;
    }
    let Some(&cut) = fitting.checked_sub(1).and_then(|i| ends.get(i)) else { return ELLIPSIS.to_string() };
    let by_word =
        if s[cut..].starts_with(' ') { Some(cut) } else { s[..cut].rfind(' ') }.filter(|&b| !s[..b].trim().is_empty());
    match by_word {
        Some(b) if b * 2 >= cut => with(&s[..b]),
        _ => with(&s[..cut]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters::style::BLACK;

    fn font() -> Font {
        Font::new(20.0, BLACK)
    }

    #[test]
    fn wraps_at_words_within_the_width() {
        let s = "The quick brown fox jumps over the lazy dog and keeps running far away";
        let w = f64::from(font().advance("The quick brown fox jumps"));
        let lines = wrap(s, font(), w, 10);
        assert!(lines.len() >= 3, "{lines:?}");
        assert_eq!(lines.join(" "), s);
        assert!(lines.iter().all(|l| f64::from(font().advance(l)) <= w), "{lines:?}");
        assert_eq!(lines[0], "The quick brown fox jumps");
    }

    #[test]
    fn the_last_line_ends_with_an_ellipsis() {
        let s = "one two three four five six seven eight nine ten";
        let w = f64::from(font().advance("one two three"));
        let lines = wrap(s, font(), w, 2);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0], "one two three");
        assert!(lines[1].ends_with(ELLIPSIS) && lines[1].starts_with("four"), "{lines:?}");
        assert!(f64::from(font().advance(&lines[1])) <= w);
    }

    #[test]
    fn lines_break_at_separators() {
        let s = "Con 35 · Lab 35 · LD 16 · baseline GE2017";
        let w = f64::from(font().advance("Con 35 · Lab 35 · LD 16 · baseline"));
        assert_eq!(wrap(s, font(), w, 3), vec!["Con 35 · Lab 35 · LD 16", "baseline GE2017"]);
    }

    #[test]
    fn a_very_long_text_is_shortened_to_the_width() {
        let s = "word ".repeat(20_000);
        let lines = wrap(&s, font(), 300.0, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| font().advance(l) <= 300.0), "{lines:?}");
        assert!(lines[1].ends_with("word…"), "{lines:?}");
    }

    #[test]
    fn a_short_text_is_unchanged_and_a_long_word_is_cut() {
        assert_eq!(wrap("short", font(), 500.0, 2), vec!["short"]);
        let e = ellipsize("Supercalifragilisticexpialidocious", font(), 100.0);
        assert!(e.ends_with(ELLIPSIS) && e.starts_with("Super") && font().advance(&e) <= 100.0, "{e}");
        assert_eq!(ellipsize("abc", font(), 1.0), "…");
        assert_eq!(wrap("", font(), 100.0, 2), vec![""]);
    }
}
