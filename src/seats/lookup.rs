//! Finding one constituency of a baseline from what a user typed: its ONS code, its name, or a part of its name.

use super::names::{distance, fold, partial_distance};
use crate::baseline::Constituency;
use crate::error::InputError;

/// Longest query looked up, in characters (the longest constituency name has about 60).
pub const MAX_QUERY: usize = 200;

/// Suggestions given when nothing matches.
pub const SUGGESTIONS: usize = 5;

/// Candidates named when a query matches several seats.
const LISTED: usize = 12;

/// What a query found, as indices into the seats.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup {
    /// One seat: its ONS code, its folded name, or the only name with a word starting with each word of the query.
    One(usize),
    /// Several seats whose names start a word with each word of the query (or share the folded name), in baseline
    /// order.
    Several(Vec<usize>),
    /// Nothing: the nearest names by edit distance, nearest first (empty when none is near).
    Nothing(Vec<usize>),
}

/// Looks `query` up among `seats`. In order: an ONS code (case ignored); a name equal to the query once both are
/// folded ([`fold`]: case, accents, punctuation and spacing ignored); names with a word starting with each word of
/// the query (`croydon e` finds Croydon East, [`holds_words`]). When nothing matches, up to [`SUGGESTIONS`] names
/// near the query by edit distance (to the whole name or a part of it) are suggested.
pub fn find(seats: &[Constituency], query: &str) -> Lookup {
    let code = query.trim();
    if let Some(k) = seats.iter().position(|c| c.code.eq_ignore_ascii_case(code)) {
        return Lookup::One(k);
    }
    let q = fold(query);
    let names: Vec<String> = seats.iter().map(|c| fold(&c.name)).collect();
    let exact: Vec<usize> = (0..seats.len()).filter(|&k| names[k] == q).collect();
    if !exact.is_empty() {
        return one_or_several(exact);
    }
    let words: Vec<&str> = q.split(' ').filter(|w| !w.is_empty()).collect();
    let holding: Vec<usize> =
        if words.is_empty() { vec![] } else { (0..seats.len()).filter(|&k| holds_words(&names[k], &words)).collect() };
    if !holding.is_empty() {
        return one_or_several(holding);
    }
    Lookup::Nothing(suggest(&names, &q))
}

/// Whether each of `words` starts a word of the folded `name` (`norwich s` in `norwich south`).
pub fn holds_words(name: &str, words: &[&str]) -> bool {
    words.iter().all(|w| name.split(' ').any(|n| n.starts_with(w)))
}

fn one_or_several(ks: Vec<usize>) -> Lookup {
    if ks.len() == 1 { Lookup::One(ks[0]) } else { Lookup::Several(ks) }
}

/// The names nearest the folded query: ranked by the distance to the nearest part of the name, then to the whole
/// name, then baseline order; only those within a third of the query's length (at least 2) of a part.
fn suggest(names: &[String], q: &str) -> Vec<usize> {
    let query: Vec<char> = q.chars().collect();
    if query.is_empty() {
        return vec![];
    }
    let near = (query.len() / 3).max(2);
    let mut ranked: Vec<(usize, usize, usize)> = names
        .iter()
        .enumerate()
        .filter_map(|(k, n)| {
            let name: Vec<char> = n.chars().collect();
            let part = partial_distance(&query, &name);
            (part <= near).then(|| (part, distance(&query, &name), k))
        })
        .collect();
    ranked.sort_unstable();
    ranked.into_iter().take(SUGGESTIONS).map(|(_, _, k)| k).collect()
}

/// The one seat `query` names in the baseline `baseline_name`, or a one-line error: the candidates when it is
/// ambiguous, the nearest names when nothing matches.
pub fn resolve(seats: &[Constituency], baseline_name: &str, query: &str) -> Result<usize, InputError> {
    let shown = query.trim();
    let err = |m: String| InputError::new(baseline_name, m).field("constituency");
    let length = shown.chars().count();
    if length > MAX_QUERY {
        return Err(err(format!("the seat asked for is {length} characters long: expected at most {MAX_QUERY}")));
    }
    if fold(query).is_empty() {
        return Err(err(format!("no seat given ('{shown}'): expected a constituency name or ONS code")));
    }
    let label = |k: &usize| format!("{} ({})", seats[*k].name, seats[*k].code);
    match find(seats, query) {
        Lookup::One(k) => Ok(k),
        Lookup::Several(ks) => {
            let mut listed: Vec<String> = ks.iter().take(LISTED).map(label).collect();
            if ks.len() > LISTED {
                listed.push(format!("and {} more", ks.len() - LISTED));
            }
            Err(err(format!(
                "'{shown}' matches {} constituencies: {}; expected one name or ONS code",
                ks.len(),
                listed.join(", ")
            )))
        }
        Lookup::Nothing(near) if near.is_empty() => {
            Err(err(format!("no constituency is named '{shown}' or has it as its ONS code")))
        }
        Lookup::Nothing(near) => {
            let listed: Vec<String> = near.iter().map(label).collect();
            Err(err(format!(
                "no constituency is named '{shown}' or has it as its ONS code: did you mean {}?",
                listed.join(", ")
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::baseline::Baseline;

    fn ge2024() -> Baseline {
        Baseline::load("ge2024").unwrap()
    }

    fn name_of(b: &Baseline, k: usize) -> &str {
        &b.seats[k].name
    }

    #[test]
    fn codes_and_folded_names_match() {
        let b = ge2024();
        let mon = b.seats.iter().position(|c| c.name == "Ynys Môn").unwrap();
        for q in ["Ynys Môn", "ynys mon", "  YNYS-MON ", "Ynys Mo\u{302}n", &b.seats[mon].code.to_lowercase()] {
            assert_eq!(find(&b.seats, q), Lookup::One(mon), "{q}");
        }
        let ashton = b.seats.iter().position(|c| c.name == "Ashton-under-Lyne").unwrap();
        assert_eq!(find(&b.seats, "ashton under lyne"), Lookup::One(ashton));
    }

    #[test]
    fn an_exact_name_wins_over_longer_names_holding_it() {
        let b = ge2024();
        // "Bath" is a seat, and a word of no other name; "Norwich" is a word of two names and no seat itself.
        let bath = b.seats.iter().position(|c| c.name == "Bath").unwrap();
        assert_eq!(find(&b.seats, "BATH"), Lookup::One(bath));
        match find(&b.seats, "norwich") {
            Lookup::Several(ks) => {
                let names: Vec<&str> = ks.iter().map(|&k| name_of(&b, k)).collect();
                assert_eq!(names, ["Norwich North", "Norwich South"]);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn words_start_words_of_the_name() {
        let b = ge2024();
        let east = b.seats.iter().position(|c| c.name == "Croydon East").unwrap();
        assert_eq!(find(&b.seats, "croydon e"), Lookup::One(east));
        assert_eq!(find(&b.seats, "E CROYDON"), Lookup::One(east));
        // "roydon" is inside the names but starts none of their words: the nearest names are suggested.
        let Lookup::Nothing(near) = find(&b.seats, "roydon") else { panic!() };
        assert!(near[..4].iter().all(|&k| b.seats[k].name.contains("Croydon")), "{near:?}");
        assert!(holds_words("streatham and croydon north", &["cr", "n"]));
        assert!(!holds_words("croydon west", &["croydon", "e"]));
    }

    #[test]
    fn a_misspelling_is_answered_with_the_nearest_names() {
        let b = ge2024();
        let Lookup::Nothing(near) = find(&b.seats, "Croydon Eats") else { panic!() };
        assert_eq!(name_of(&b, near[0]), "Croydon East");
        assert!(near.len() <= SUGGESTIONS);
        let e = resolve(&b.seats, "ge2024", "Croydon Eats").unwrap_err().to_string();
        assert!(e.starts_with("ge2024: field `constituency`: no constituency is named 'Croydon Eats'"), "{e}");
        assert!(e.contains("did you mean Croydon East (E14001186)"), "{e}");
        let e = resolve(&b.seats, "ge2024", "qqqqqqqqqqqqqqqqqqqq").unwrap_err().to_string();
        assert!(!e.contains("did you mean"), "{e}");
    }

    #[test]
    fn empty_and_long_queries_are_refused() {
        let b = ge2024();
        for q in ["", "  ", "--"] {
            let e = resolve(&b.seats, "ge2024", q).unwrap_err().to_string();
            assert!(e.contains("no seat given") && e.contains("expected a constituency name or ONS code"), "{e}");
        }
        let e = resolve(&b.seats, "ge2024", &"a".repeat(MAX_QUERY + 1)).unwrap_err().to_string();
        assert!(e.contains("expected at most 200"), "{e}");
    }
}
