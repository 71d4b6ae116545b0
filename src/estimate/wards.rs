//! The ward-pair format: one row per ward fought at both contests; parsing, validation and the shipped pairs.

use super::lookup::gunzip;
use crate::csvrows::Row;
use crate::error::InputError;
use crate::scenario::rules::votes;
use crate::shipped::{WARD_PAIRS, find, name_list};
use std::collections::HashMap;

/// Party columns of the format, in order: `earlier_<party>` and `later_<party>` for each.
pub const WARD_PARTIES: [&str; 8] = ["con", "lab", "ld", "green", "reform", "ukip", "ind", "other"];

/// One contest of a ward: the total and each party's top-candidate votes (`None`: the party did not stand).
#[derive(Clone, Debug, PartialEq)]
pub struct Contest {
    pub total: f64,
    pub votes: [Option<f64>; 8],
}

/// One ward fought at both contests.
#[derive(Clone, Debug, PartialEq)]
pub struct Ward {
    /// Line of the row in its file (for error messages).
    pub line: u64,
    pub ward: String,
    pub council_code: String,
    pub earlier: Contest,
    pub later: Contest,
}

/// A parsed ward-pair file.
#[derive(Clone, Debug, PartialEq)]
pub struct WardFile {
    /// Where it came from: the path, or `shipped pair 2018-2022`.
    pub file: String,
    /// The `pair` column (`2018-2022`), if the file has one.
    pub pair: Option<String>,
    /// Earlier and later year, from the `pair` column.
    pub years: Option<(u16, u16)>,
    /// Which party columns the file has (index into [`WARD_PARTIES`]).
    pub has_party: [bool; 8],
    pub wards: Vec<Ward>,
}

/// Parses `2018-2022` (or `2018_2022`) into the two years.
pub fn parse_pair_label(s: &str) -> Option<(u16, u16)> {
    let (a, b) = s.trim().split_once(['-', '_'])?;
    let (a, b): (u16, u16) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
    ((1900..=2100).contains(&a) && a < b && b <= 2100).then_some((a, b))
}

/// Canonical label of a shipped pair given as `2018-2022`, `2018_2022` or `2018–2022`.
pub fn shipped_label(s: &str) -> Option<&'static str> {
    crate::shipped::ward_pair(s).map(|p| p.name)
}

/// What a shipped pair is (empty for any other label).
pub fn describe(pair: &str) -> &'static str {
    find(&WARD_PAIRS, pair).map_or("", |p| p.description)
}

/// Loads a shipped pair.
pub fn shipped(pair: &str) -> Result<WardFile, InputError> {
    let shipped = crate::shipped::ward_pair(pair).ok_or_else(|| {
        InputError::new(
            "--pair",
            format!("unknown shipped pair '{}': expected one of {}", pair.trim(), name_list(&WARD_PAIRS)),
        )
    })?;
    let file = format!("shipped pair {}", shipped.name);
    let text = gunzip(shipped.data).map_err(|e| InputError::new(&file, format!("cannot decompress: {e}")))?;
    parse(&text, &file)
}

/// Reads a ward-pair CSV file (plain or `.gz`).
pub fn read(path: &std::path::Path) -> Result<WardFile, InputError> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| InputError::new(&file, format!("cannot read ward file: {e}")))?;
    let text = if bytes.starts_with(&[0x1f, 0x8b]) {
        gunzip(&bytes).map_err(|e| InputError::new(&file, format!("cannot decompress: {e}")))?
    } else {
        String::from_utf8(bytes).map_err(|_| InputError::new(&file, "not UTF-8 text: expected a CSV file"))?
    };
    parse(&text, &file)
}

/// Parses and validates ward-pair CSV text; `file` labels errors.
pub fn parse(text: &str, file: &str) -> Result<WardFile, InputError> {
    let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(text.as_bytes());
    let headers = crate::csvrows::header(&mut reader, file)?;
    let columns = Columns::find(&headers, file)?;
    let mut wards = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut pair: Option<(String, u64)> = None;
    for row in crate::csvrows::records(&mut reader, text, file) {
        let (line, rec) = row?;
        let row = Row { record: &rec, line, file };
        if let Some(c) = columns.pair {
            check_pair(&row, row.get(c), &mut pair)?;
        }
        wards.push(ward(&row, &columns, &mut seen)?);
    }
    if wards.is_empty() {
        return Err(InputError::new(file, "no ward rows: expected one row per ward after the header"));
    }
    let years = pair.as_ref().and_then(|(p, _)| parse_pair_label(p));
    let pair = pair.map(|(p, _)| p.replace('_', "-"));
    Ok(WardFile { file: file.to_string(), pair, years, has_party: columns.has_party, wards })
}

/// Where the columns of a ward-pair file are.
struct Columns {
    ward: usize,
    council: usize,
    /// `earlier_total` and `later_total`.
    totals: [usize; 2],
    pair: Option<usize>,
    /// The party columns of the earlier and the later contest (index into [`WARD_PARTIES`]).
    parties: [[Option<usize>; 8]; 2],
    has_party: [bool; 8],
}

impl Columns {
    /// Finds the columns in the header row: the required ones, and each party's in pairs.
    fn find(headers: &csv::StringRecord, file: &str) -> Result<Columns, InputError> {
        let index: HashMap<String, usize> =
            headers.iter().enumerate().map(|(i, h)| (h.trim().to_ascii_lowercase(), i)).collect();
        let column = |name: &str| -> Result<usize, InputError> {
            index.get(name).copied().ok_or_else(|| {
                InputError::new(file, format!("missing column: the ward-pair format needs {}", required_columns()))
                    .at_line(1)
                    .field(name)
            })
        };
        let ward = column("ward")?;
        let council = column("council_code")?;
        let totals = [column("earlier_total")?, column("later_total")?];
        let mut parties = [[None; 8]; 2];
        let mut has_party = [false; 8];
        for (k, p) in WARD_PARTIES.iter().enumerate() {
            let e = index.get(&format!("earlier_{p}")).copied();
            let l = index.get(&format!("later_{p}")).copied();
            match (e, l) {
                (Some(_), Some(_)) => has_party[k] = true,
                (None, None) => {}
                (Some(_), None) => return Err(missing_partner(file, &format!("later_{p}"), &format!("earlier_{p}"))),
                (None, Some(_)) => return Err(missing_partner(file, &format!("earlier_{p}"), &format!("later_{p}"))),
            }
            parties[0][k] = e;
            parties[1][k] = l;
        }
        Ok(Columns { ward, council, totals, pair: index.get("pair").copied(), parties, has_party })
    }
}

/// Checks the `pair` cell `v`: a pair of years, the same on every row (`first`: the first row's, once read).
fn check_pair(row: &Row, v: &str, first: &mut Option<(String, u64)>) -> Result<(), InputError> {
    match first {
        None => {
            if parse_pair_label(v).is_none() {
                return Err(row.err("pair", format!("'{v}' is not a pair of years: expected e.g. 2018-2022")));
            }
            *first = Some((v.to_string(), row.line));
        }
        Some((first, first_line)) if first != v => {
            return Err(row.err(
                "pair",
                format!("'{v}' differs from '{first}' on line {first_line}: expected one pair per file"),
            ));
        }
        Some(_) => {}
    }
    Ok(())
}

/// Reads one ward; `seen` holds the line of every ward read so far.
fn ward(row: &Row, columns: &Columns, seen: &mut HashMap<String, u64>) -> Result<Ward, InputError> {
    let ward = row.get(columns.ward).to_string();
    if ward.is_empty() {
        return Err(row.err("ward", "empty: expected a ward identifier (e.g. its GSS code)".into()));
    }
    if let Some(first) = seen.insert(ward.clone(), row.line) {
        return Err(
            row.err("ward", format!("ward '{ward}' appears twice (first on line {first}): expected one row per ward"))
        );
    }
    let council_code = row.get(columns.council).to_string();
    if council_code.is_empty() {
        return Err(row.err("council_code", "empty: expected the council's GSS code (e.g. E08000001)".into()));
    }
    let earlier = contest(row, columns, 0, "earlier")?;
    let later = contest(row, columns, 1, "later")?;
    Ok(Ward { line: row.line, ward, council_code, earlier, later })
}

/// Reads contest `r` (`role`: earlier or later) of a row: its total and every party's votes, checked against it.
fn contest(row: &Row, columns: &Columns, r: usize, role: &str) -> Result<Contest, InputError> {
    let total_field = format!("{role}_total");
    let total = number(row.get(columns.totals[r]))
        .map_err(|m| row.err(&total_field, m))?
        .ok_or_else(|| row.err(&total_field, "empty: expected the contest's total votes".into()))?;
    if total <= 0.0 {
        return Err(row
            .err(&total_field, "total votes is 0: expected the sum of every party's top-candidate votes, > 0".into()));
    }
    let mut votes = [None; 8];
    let mut sum = 0.0;
    for k in 0..WARD_PARTIES.len() {
        let Some(c) = columns.parties[r][k] else { continue };
        let field = format!("{role}_{}", WARD_PARTIES[k]);
        votes[k] = number(row.get(c)).map_err(|m| row.err(&field, m))?;
        if let Some(v) = votes[k] {
            if v > total {
                return Err(row.err(&field, format!("{v} votes exceed the total {total}: expected at most the total")));
            }
            sum += v;
        }
    }
    if sum > total * (1.0 + 1e-9) + 0.5 {
        return Err(row.err(
            &total_field,
            format!("the parties' votes sum to {sum}, more than the total {total}: expected total ≥ their sum"),
        ));
    }
    Ok(Contest { total, votes })
}

/// Parses a vote count: empty → `None` (did not stand), else a whole number from 0 to [`MAX_VOTES`](crate::scenario::rules::MAX_VOTES).
fn number(s: &str) -> Result<Option<f64>, String> {
    if s.is_empty() {
        return Ok(None);
    }
    if s.starts_with('-') && s.parse::<f64>().is_ok_and(|v| v < 0.0) {
        return Err(format!("votes are negative ({s}): expected a count ≥ 0"));
    }
    votes(s).map(|v| Some(v as f64))
}

fn missing_partner(file: &str, missing: &str, present: &str) -> InputError {
    InputError::new(file, format!("missing column: `{present}` is given, so `{missing}` is needed too"))
        .at_line(1)
        .field(missing)
}

/// The required columns, for error messages.
pub fn required_columns() -> String {
    "ward, council_code, earlier_total, later_total and earlier_/later_ columns of the key parties \
     (con, lab, ld, green, reform, ukip, ind, other; empty cell = did not stand)"
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "pair,ward,council_code,earlier_total,earlier_con,earlier_lab,earlier_ld,later_total,later_con,later_lab,later_ld\n";

    #[test]
    fn parses_rows_and_blanks() {
        let text = format!("{HEAD}2018-2022,W1,E08000001,100,50,30,,120,60,40,20\n");
        let f = parse(&text, "t.csv").unwrap();
        assert_eq!(f.years, Some((2018, 2022)));
        assert_eq!(f.wards.len(), 1);
        assert_eq!(f.wards[0].earlier.votes[2], None);
        assert_eq!(f.wards[0].later.votes[2], Some(20.0));
        assert_eq!(f.wards[0].line, 2);
        assert!(f.has_party[0] && !f.has_party[3]);
    }

    #[test]
    fn rejects_bad_rows_on_one_line() {
        let cases = [
            (
                format!("{HEAD}2018-2022,W1,E08000001,100,-5,30,,120,60,40,20\n"),
                "t.csv:2: field `earlier_con`: votes are negative",
            ),
            (
                format!("{HEAD}2018-2022,W1,E08000001,0,,,,120,60,40,20\n"),
                "t.csv:2: field `earlier_total`: total votes is 0",
            ),
            (
                format!("{HEAD}2018-2022,W1,E08000001,100,80,30,,120,60,40,20\n"),
                "t.csv:2: field `earlier_total`: the parties' votes sum",
            ),
            (
                "ward,council_code,earlier_total,later_total,later_con\nW1,E1,1,1,1\n".to_string(),
                "t.csv:1: field `earlier_con`: missing column",
            ),
            ("ward,earlier_total,later_total\nW1,1,1\n".to_string(), "t.csv:1: field `council_code`: missing column"),
            (
                format!(
                    "{HEAD}2018-2022,W1,E08000001,100,5,30,,120,60,40,20\n2018-2022,W1,E08000001,100,5,30,,120,60,40,20\n"
                ),
                "t.csv:3: field `ward`: ward 'W1' appears twice",
            ),
        ];
        for (text, want) in cases {
            let e = parse(&text, "t.csv").unwrap_err().to_string();
            assert!(e.starts_with(want), "{e}\nwanted {want}");
            assert!(!e.contains('\n'));
        }
    }

    #[test]
    fn shipped_pairs_load() {
        for label in crate::shipped::names(&WARD_PAIRS) {
            let f = shipped(label).unwrap();
            assert_eq!(f.pair.as_deref(), Some(label));
            assert!(f.wards.len() > 500, "{label}: {}", f.wards.len());
            assert!(f.has_party.iter().all(|h| *h));
        }
        assert_eq!(shipped("2018_2022").unwrap().wards.len(), 1775);
        assert!(shipped("2020-2024").unwrap_err().to_string().starts_with("--pair: unknown shipped pair"));
    }
}
