//! Reading CSV records with errors that name the physical line: the one place that turns a record or a CSV error
//! into a file:line.

use crate::error::InputError;

/// The physical line (1-based) where the record at `position` starts in `text`: the line a text editor shows,
/// counted from the byte offset, so that quoted multi-line fields and CRLF line ends are counted right (the csv
/// crate's own line count is one short per CRLF).
pub fn line(text: &str, position: Option<&csv::Position>) -> u64 {
    let bytes = text.as_bytes();
    let mut byte = position.map_or(0, |p| p.byte() as usize).min(bytes.len());
    // After a CRLF the csv crate places the next record at the LF: the record starts past any line end there.
    while byte < bytes.len() && (bytes[byte] == b'\n' || bytes[byte] == b'\r') {
        byte += 1;
    }
    bytes[..byte].iter().filter(|&&b| b == b'\n').count() as u64 + 1
}

/// Every record of `reader` over `text` with its physical line; a malformed row is a one-line error naming `file`
/// and the line.
pub fn records<'a, R: std::io::Read + 'a>(
    reader: &'a mut csv::Reader<R>,
    text: &'a str,
    file: &'a str,
) -> impl Iterator<Item = Result<(u64, csv::StringRecord), InputError>> + 'a {
    reader.records().map(move |r| match r {
        Ok(rec) => Ok((line(text, rec.position()), rec)),
        Err(e) => Err(InputError::new(file, format!("malformed CSV row: {e}")).at_line(line(text, e.position()))),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_physical_with_crlf_and_quoted_newlines() {
        for text in ["a,b\n1,2\n\"x\ny\",3\n4,5\n", "a,b\r\n1,2\r\n\"x\r\ny\",3\r\n4,5\r\n"] {
            let mut r = csv::Reader::from_reader(text.as_bytes());
            let lines: Vec<u64> = records(&mut r, text, "t.csv").map(|r| r.unwrap().0).collect();
            assert_eq!(lines, vec![2, 3, 5], "{text:?}");
        }
    }
}
