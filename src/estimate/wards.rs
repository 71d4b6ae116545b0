//! The ward-pair format: one row per ward fought at both contests; parsing, validation and the shipped pairs.

use super::lookup::gunzip;
use crate::error::InputError;
use std::collections::HashMap;

/// Party columns of the format, in order: `earlier_<party>` and `later_<party>` for each.
pub const WARD_PARTIES: [&str; 8] = ["con", "lab", "ld", "green", "reform", "ukip", "ind", "other"];

/// The shipped pairs, oldest first: label and gzip-compressed ward-pair CSV.
pub const SHIPPED: [(&str, &[u8]); 7] = [
    ("2014-2018", include_bytes!("../../scenarios/local/pair_2014_2018.csv.gz")),
    ("2016-2021", include_bytes!("../../scenarios/local/pair_2016_2021.csv.gz")),
    ("2017-2021", include_bytes!("../../scenarios/local/pair_2017_2021.csv.gz")),
    ("2018-2022", include_bytes!("../../scenarios/local/pair_2018_2022.csv.gz")),
    ("2019-2023", include_bytes!("../../scenarios/local/pair_2019_2023.csv.gz")),
    ("2021-2024", include_bytes!("../../scenarios/local/pair_2021_2024.csv.gz")),
    ("2021-2025", include_bytes!("../../scenarios/local/pair_2021_2025.csv.gz")),
];

/// What each shipped pair is.
pub fn describe(pair: &str) -> &'static str {
    match pair {
        "2014-2018" => "London boroughs only: May 2018 wards last fought in May 2014",
        "2016-2021" => "Metropolitan boroughs and councils by thirds: 2021 seats last fought in 2016",
        "2017-2021" => "County divisions and some unitaries: 2021 seats last fought in 2017",
        "2018-2022" => {
            "London (7 boroughs), metropolitan boroughs, districts and unitaries: 2022 seats last fought in 2018"
        }
        "2019-2023" => "Shire districts and unitaries plus mets: 2023 seats last fought in 2019 (matched by ward name)",
        "2021-2024" => "Metropolitan boroughs and councils by thirds: 2024 seats last fought in 2021",
        "2021-2025" => "County divisions and unitaries: 2025 seats last fought in 2021",
        _ => "",
    }
}

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
    let norm = s.trim().replace(['_', '–', '→'], "-");
    SHIPPED.iter().map(|(l, _)| *l).find(|l| *l == norm)
}

/// Loads a shipped pair.
pub fn shipped(pair: &str) -> Result<WardFile, InputError> {
    let label = shipped_label(pair).ok_or_else(|| {
        let names: Vec<&str> = SHIPPED.iter().map(|(l, _)| *l).collect();
        InputError::new(
            "--pair",
            format!("unknown shipped pair '{}': expected one of {}", pair.trim(), names.join(", ")),
        )
    })?;
    let bytes = SHIPPED.iter().find(|(l, _)| *l == label).map(|(_, b)| *b).expect("label is shipped");
    let file = format!("shipped pair {label}");
    let text = gunzip(bytes).map_err(|e| InputError::new(&file, format!("cannot decompress: {e}")))?;
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
    let headers =
        reader.headers().map_err(|e| InputError::new(file, format!("cannot read the header: {e}")).at_line(1))?;
    let index: HashMap<String, usize> =
        headers.iter().enumerate().map(|(i, h)| (h.trim().to_ascii_lowercase(), i)).collect();
    let column = |name: &str| -> Result<usize, InputError> {
        index.get(name).copied().ok_or_else(|| {
            InputError::new(file, format!("missing column: the ward-pair format needs {}", required_columns()))
                .at_line(1)
                .field(name)
        })
    };
    let ward_col = column("ward")?;
    let council_col = column("council_code")?;
    let totals = [column("earlier_total")?, column("later_total")?];
    let pair_col = index.get("pair").copied();
    let mut party_cols = [[None; 8]; 2];
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
        party_cols[0][k] = e;
        party_cols[1][k] = l;
    }

    let mut wards = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut pair: Option<(String, u64)> = None;
    for row in crate::csvrows::records(&mut reader, text, file) {
        let (line, rec) = row?;
        let get = |i: usize| rec.get(i).unwrap_or("");
        let err = |field: &str, m: String| InputError::new(file, m).at_line(line).field(field);
        if let Some(c) = pair_col {
            let v = get(c).to_string();
            match &pair {
                None => {
                    if parse_pair_label(&v).is_none() {
                        return Err(err("pair", format!("'{v}' is not a pair of years: expected e.g. 2018-2022")));
                    }
                    pair = Some((v, line));
                }
                Some((first, first_line)) if *first != v => {
                    return Err(err(
                        "pair",
                        format!("'{v}' differs from '{first}' on line {first_line}: expected one pair per file"),
                    ));
                }
                Some(_) => {}
            }
        }
        let ward = get(ward_col).to_string();
        if ward.is_empty() {
            return Err(err("ward", "empty: expected a ward identifier (e.g. its GSS code)".into()));
        }
        if let Some(first) = seen.insert(ward.clone(), line) {
            return Err(err(
                "ward",
                format!("ward '{ward}' appears twice (first on line {first}): expected one row per ward"),
            ));
        }
        let council_code = get(council_col).to_string();
        if council_code.is_empty() {
            return Err(err("council_code", "empty: expected the council's GSS code (e.g. E08000001)".into()));
        }
        let mut contests = Vec::with_capacity(2);
        for (r, role) in ["earlier", "later"].iter().enumerate() {
            let total_field = format!("{role}_total");
            let total = number(get(totals[r]))
                .map_err(|m| err(&total_field, m))?
                .ok_or_else(|| err(&total_field, "empty: expected the contest's total votes".into()))?;
            if total <= 0.0 {
                return Err(err(
                    &total_field,
                    "total votes is 0: expected the sum of every party's top-candidate votes, > 0".into(),
                ));
            }
            let mut votes = [None; 8];
            let mut sum = 0.0;
            for k in 0..WARD_PARTIES.len() {
                let Some(c) = party_cols[r][k] else { continue };
                let field = format!("{role}_{}", WARD_PARTIES[k]);
                votes[k] = number(get(c)).map_err(|m| err(&field, m))?;
                if let Some(v) = votes[k] {
                    if v > total {
                        return Err(err(
                            &field,
                            format!("{v} votes exceed the total {total}: expected at most the total"),
                        ));
                    }
                    sum += v;
                }
            }
            if sum > total * (1.0 + 1e-9) + 0.5 {
                return Err(err(
                    &total_field,
                    format!("the parties' votes sum to {sum}, more than the total {total}: expected total ≥ their sum"),
                ));
            }
            contests.push(Contest { total, votes });
        }
        let later = contests.pop().expect("two contests");
        let earlier = contests.pop().expect("two contests");
        wards.push(Ward { line, ward, council_code, earlier, later });
    }
    if wards.is_empty() {
        return Err(InputError::new(file, "no ward rows: expected one row per ward after the header"));
    }
    let years = pair.as_ref().and_then(|(p, _)| parse_pair_label(p));
    Ok(WardFile { file: file.to_string(), pair: pair.map(|(p, _)| p.replace('_', "-")), years, has_party, wards })
}

/// Parses a vote count: empty → `None` (did not stand), else a finite number ≥ 0.
fn number(s: &str) -> Result<Option<f64>, String> {
    if s.is_empty() {
        return Ok(None);
    }
    let v: f64 = s
        .parse()
        .map_err(|_| format!("'{s}' is not a number: expected a vote count, or empty if the party did not stand"))?;
    if !v.is_finite() {
        return Err(format!("'{s}' is not a finite number: expected a vote count"));
    }
    if v < 0.0 {
        return Err(format!("votes are negative ({s}): expected a count ≥ 0"));
    }
    Ok(Some(v))
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
        for (label, _) in SHIPPED {
            let f = shipped(label).unwrap();
            assert_eq!(f.pair.as_deref(), Some(label));
            assert!(f.wards.len() > 500, "{label}: {}", f.wards.len());
            assert!(f.has_party.iter().all(|h| *h));
        }
        assert_eq!(shipped("2018_2022").unwrap().wards.len(), 1775);
        assert!(shipped("2020-2024").unwrap_err().to_string().starts_with("--pair: unknown shipped pair"));
    }
}
