//! Parsing and validating baseline CSV text (the `ge*.csv` column scheme).

use super::{Baseline, Constituency, plurality};
use crate::csvrows::Row;
use crate::error::InputError;
use crate::geo::{Nation, Region};
use crate::party::{N_PARTIES, PARTY_CODES, Party};
use crate::scenario::rules::{MAX_VOTES, votes};
use std::collections::HashMap;

/// Columns every baseline must have besides the party columns.
const REQUIRED: [&str; 4] = ["ons_id", "constituency_name", "region", "country"];

/// Parses a baseline; `file` names the source in errors.
pub fn parse(text: &str, file: &str) -> Result<Baseline, InputError> {
    if text.trim().is_empty() {
        return Err(InputError::new(file, "empty file: expected a header row and one row per constituency"));
    }
    let mut reader = csv::ReaderBuilder::new().has_headers(true).trim(csv::Trim::All).from_reader(text.as_bytes());
    let headers = crate::csvrows::header(&mut reader, file)?;
    let columns = Columns::find(&headers, file)?;
    let mut seats = Vec::new();
    let mut first_line: HashMap<String, u64> = HashMap::new();
    for row in crate::csvrows::records(&mut reader, text, file) {
        let (line, record) = row?;
        let row = Row { record: &record, line, file };
        let code = row.get(columns.fixed[0]).to_string();
        if code.is_empty() {
            return Err(row.err("ons_id", "expected an ONS constituency code, found an empty value".into()));
        }
        if let Some(first) = first_line.get(&code) {
            return Err(row.err("ons_id", format!("duplicate constituency code {code} (first on line {first})")));
        }
        first_line.insert(code.clone(), line);
        seats.push(constituency(&row, &columns, code)?);
    }
    if seats.is_empty() {
        return Err(InputError::new(file, "no constituency rows: expected one row per constituency after the header"));
    }
    let speakers = seats.iter().filter(|c| c.winner == Party::SPEAKER).count();
    if speakers > 1 {
        return Err(InputError::new(file, format!("{speakers} seats are won by the Speaker: expected at most one"))
            .field("speaker"));
    }
    Ok(Baseline { name: file.to_string(), seats })
}

/// Where the columns of a baseline are.
struct Columns {
    /// The [`REQUIRED`] columns.
    fixed: [usize; 4],
    /// The party columns, in [`PARTY_CODES`] order.
    parties: [usize; N_PARTIES],
    electorate: Option<usize>,
    valid: Option<usize>,
    winner: Option<usize>,
}

impl Columns {
    /// Finds the columns in the header row (case-insensitive); the required and party columns must be there.
    fn find(headers: &csv::StringRecord, file: &str) -> Result<Columns, InputError> {
        let column = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
        let mut fixed = [0usize; 4];
        for (slot, name) in fixed.iter_mut().zip(REQUIRED) {
            *slot = column(name).ok_or_else(|| missing(file, name))?;
        }
        let mut parties = [0usize; N_PARTIES];
        for (slot, name) in parties.iter_mut().zip(PARTY_CODES) {
            *slot = column(name).ok_or_else(|| missing(file, name))?;
        }
        Ok(Columns {
            fixed,
            parties,
            electorate: column("electorate"),
            valid: column("valid_votes"),
            winner: column("winner"),
        })
    }
}

/// Reads the constituency `code` from its row: place, votes, and the checks of the optional columns.
fn constituency(row: &Row, columns: &Columns, code: String) -> Result<Constituency, InputError> {
    let name = row.get(columns.fixed[1]).to_string();
    let (region, nation) = place(row, columns)?;
    let mut votes = [0.0; N_PARTIES];
    for (p, &col) in columns.parties.iter().enumerate() {
        votes[p] = count(row.get(col)).map_err(|m| row.err(PARTY_CODES[p], m))?;
    }
    let total: f64 = votes.iter().sum();
    if total <= 0.0 {
        return Err(row.err("valid_votes", "the party columns sum to 0 votes: expected at least one vote".into()));
    }
    if total > MAX_VOTES as f64 {
        return Err(row.err(
            "valid_votes",
            format!("the party columns sum to {total} votes: expected at most {MAX_VOTES} per constituency"),
        ));
    }
    if let Some(col) = columns.valid {
        let valid = count(row.get(col)).map_err(|m| row.err("valid_votes", m))?;
        if valid != total {
            return Err(row.err(
                "valid_votes",
                format!("is {valid} but the party columns sum to {total}: expected them to agree"),
            ));
        }
    }
    let electorate = match columns.electorate {
        Some(col) if !row.get(col).is_empty() => count(row.get(col)).map_err(|m| row.err("electorate", m))? as u64,
        _ => 0,
    };
    let shares = votes.map(|v| v / total);
    let winner = plurality(&votes);
    if let Some(col) = columns.winner {
        check_winner(row, row.get(col), winner)?;
    }
    Ok(Constituency { code, name, region, nation, electorate, valid_votes: total, votes, shares, winner })
}

/// The region and nation of a row, which must agree.
fn place(row: &Row, columns: &Columns) -> Result<(Region, Nation), InputError> {
    let region_text = row.get(columns.fixed[2]);
    let region = Region::from_name(region_text).ok_or_else(|| {
        row.err(
            "region",
            format!(
                "unknown region '{region_text}', expected one of {}",
                Region::ALL.iter().map(|r| r.name()).collect::<Vec<_>>().join(", ")
            ),
        )
    })?;
    let country_text = row.get(columns.fixed[3]);
    let nation = Nation::from_name(country_text).ok_or_else(|| {
        row.err(
            "country",
            format!("unknown country '{country_text}', expected England, Scotland, Wales or Northern Ireland"),
        )
    })?;
    if region.nation() != nation {
        return Err(row.err("country", format!("country '{country_text}' does not contain region '{region_text}'")));
    }
    Ok((region, nation))
}

/// Checks a stated winner (if the cell is not empty) against the winner on the votes.
fn check_winner(row: &Row, stated: &str, winner: Party) -> Result<(), InputError> {
    if stated.is_empty() {
        return Ok(());
    }
    match Party::from_code(stated) {
        Some(p) if p == winner => Ok(()),
        _ => Err(row.err(
            "winner",
            format!("is '{stated}' but the vote columns make '{winner}' the winner: expected them to agree"),
        )),
    }
}

fn missing(file: &str, column: &str) -> InputError {
    InputError::new(file, format!("missing column `{column}` in the header: expected the ge*.csv column scheme"))
        .at_line(1)
        .field(column)
}

/// Parses a vote count: a whole number up to [`MAX_VOTES`] (an empty cell counts as 0).
fn count(text: &str) -> Result<f64, String> {
    if text.is_empty() {
        return Ok(0.0);
    }
    votes(text).map(|v| v as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "ons_id,constituency_name,region,country,electorate,valid_votes,con,lab,ld,ukip,brexit,reform,green,snp,pc,dup,sf,sdlp,uup,alliance,tuv,speaker,ind,other,winner";

    #[test]
    fn parses_a_small_file() {
        let text = format!("{HEADER}\nE1,A,London,England,100,60,10,50,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,lab\n");
        let b = parse(&text, "t.csv").unwrap();
        assert_eq!(b.seats.len(), 1);
        assert_eq!(b.seats[0].winner, Party::LAB);
        assert!((b.seats[0].shares[1] - 50.0 / 60.0).abs() < 1e-15);
    }

    #[test]
    fn names_line_and_field() {
        let text = format!("{HEADER}\nE1,A,London,England,100,60,10,5x,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,lab\n");
        let e = parse(&text, "t.csv").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert_eq!(e.field.as_deref(), Some("lab"));
    }
}
