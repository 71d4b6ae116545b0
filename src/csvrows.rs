//! Reading CSV records with errors that name the physical line: the one place that turns a record or a CSV error
//! into a file:line.

use crate::error::InputError;

/// The physical line (1-based) where the record at `position` starts in `text`: the line a text editor shows,
/// counted from the byte offset, so that quoted multi-line fields and CRLF line ends are counted right (the csv
/// crate's own line count is one short per CRLF).
pub fn line(text: &str, position: Option<&csv::Position>) -> u64 {
    line_from(text, position, &mut (0, 1))
}

/// [`line`], counting from `seen` — a byte offset and the line it is on, moved to this record — when the record
/// starts at or after it (records come in order, so a whole file is read in one pass, not one pass per row).
fn line_from(text: &str, position: Option<&csv::Position>, seen: &mut (usize, u64)) -> u64 {
    let bytes = text.as_bytes();
    let mut byte = position.map_or(0, |p| p.byte() as usize).min(bytes.len());
    // After a CRLF the csv crate places the next record at the LF: the record starts past any line end there.
    while byte < bytes.len() && (bytes[byte] == b'\n' || bytes[byte] == b'\r') {
        byte += 1;
    }
    if byte < seen.0 {
        *seen = (0, 1);
    }
    let newlines = bytes[seen.0..byte].iter().filter(|&&b| b == b'\n').count() as u64;
    *seen = (byte, seen.1 + newlines);
    seen.1
}

/// One data row: its fields, and its line and file for errors.
pub struct Row<'a> {
    pub record: &'a csv::StringRecord,
    pub line: u64,
    pub file: &'a str,
}

impl Row<'_> {
    /// The field in column `i` (empty when the row is short).
    pub fn get(&self, i: usize) -> &str {
        self.record.get(i).unwrap_or("")
    }

    /// An error about column `field` of this row.
    pub fn err(&self, field: &str, message: String) -> InputError {
        InputError::new(self.file, message).at_line(self.line).field(field)
    }
}

/// The header row of `reader`, each column named once (compared trimmed and case-insensitively): a duplicated
/// column is a one-line error at line 1 naming it, rather than one copy silently winning.
pub fn header<R: std::io::Read>(reader: &mut csv::Reader<R>, file: &str) -> Result<csv::StringRecord, InputError> {
    let headers = reader
        .headers()
        .map_err(|e| InputError::new(file, format!("cannot read the header row: {e}")).at_line(1))?
        .clone();
    let names: Vec<String> = headers.iter().map(|h| h.trim().to_ascii_lowercase()).collect();
    for (j, name) in names.iter().enumerate() {
        if let Some(i) = names[..j].iter().position(|n| n == name).filter(|_| !name.is_empty()) {
            return Err(InputError::new(
                file,
                format!("column '{name}' appears twice (columns {} and {}): expected each column once", i + 1, j + 1),
            )
            .at_line(1)
            .field(name.clone()));
        }
    }
    Ok(headers)
}

/// Every record of `reader` over `text` with its physical line; a malformed row is a one-line error naming `file`
/// and the line.
pub fn records<'a, R: std::io::Read + 'a>(
    reader: &'a mut csv::Reader<R>,
    text: &'a str,
    file: &'a str,
) -> impl Iterator<Item = Result<(u64, csv::StringRecord), InputError>> + 'a {
    let mut seen = (0, 1);
    reader.records().map(move |r| match r {
        Ok(rec) => Ok((line_from(text, rec.position(), &mut seen), rec)),
        Err(e) => Err(InputError::new(file, format!("malformed CSV row: {e}")).at_line(line_from(
            text,
            e.position(),
            &mut seen,
        ))),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_duplicated_column_is_refused() {
        let mut r = csv::Reader::from_reader("a,B,b\n1,2,3\n".as_bytes());
        let e = header(&mut r, "t.csv").unwrap_err();
        assert_eq!(
            e.to_string(),
            "t.csv:1: field `b`: column 'b' appears twice (columns 2 and 3): expected each column once"
        );
    }

    #[test]
    fn lines_are_physical_with_crlf_and_quoted_newlines() {
        for text in ["a,b\n1,2\n\"x\ny\",3\n4,5\n", "a,b\r\n1,2\r\n\"x\r\ny\",3\r\n4,5\r\n"] {
            let mut r = csv::Reader::from_reader(text.as_bytes());
            let lines: Vec<u64> = records(&mut r, text, "t.csv").map(|r| r.unwrap().0).collect();
            assert_eq!(lines, vec![2, 3, 5], "{text:?}");
        }
    }
}
