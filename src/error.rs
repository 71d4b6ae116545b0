//! The one error type for bad input: names the file, line and field, and says what was expected.

use std::fmt;

/// An error in a user-supplied input (scenario, baseline CSV, ward file, flag).
///
/// Displays on one line as `FILE:LINE: field `FIELD`: MESSAGE`, leaving out the parts that do not apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The file (or `--flag`) the bad value came from.
    pub file: String,
    /// 1-based line number, where there is one.
    pub line: Option<u64>,
    /// The field, column or key.
    pub field: Option<String>,
    /// What was wrong and what was expected.
    pub message: String,
}

impl InputError {
    /// An error about `file` as a whole.
    pub fn new(file: impl Into<String>, message: impl Into<String>) -> Self {
        InputError { file: file.into(), line: None, field: None, message: message.into() }
    }

    /// Adds the line number.
    pub fn at_line(mut self, line: u64) -> Self {
        self.line = Some(line);
        self
    }

    /// Adds the line number if known.
    pub fn at_line_opt(mut self, line: Option<u64>) -> Self {
        self.line = line;
        self
    }

    /// Adds the field name.
    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", printable(&self.file))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ": field `{}`", printable(field))?;
        }
        write!(f, ": {}", printable(&self.message).trim())
    }
}

/// `s` safe to print on one terminal line: line breaks become spaces and other control characters (escape
/// sequences from a hostile file, NUL, …) are shown escaped as `\u{1b}`.
pub fn printable(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

impl std::error::Error for InputError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_with_all_parts() {
        let e = InputError::new("a.toml", "expected a number\nfound text").at_line(3).field("shares.con");
        assert_eq!(e.to_string(), "a.toml:3: field `shares.con`: expected a number found text");
        assert_eq!(InputError::new("b.csv", "empty file").to_string(), "b.csv: empty file");
        let hostile = InputError::new("c.csv", "unknown party '\u{1b}[31mred'").field("x\u{7}");
        assert_eq!(hostile.to_string(), "c.csv: field `x\\u{7}`: unknown party '\\u{1b}[31mred'");
    }
}
