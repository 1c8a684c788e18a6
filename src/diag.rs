//! Problems found in a campaign, each tied to the file and line a user must fix.
//!
//! Staff fix their spreadsheets from these messages, so every problem names
//! the file (relative to the campaign folder), the line and, where it helps,
//! the column. Loading collects all problems before giving up, so that one
//! run lists everything that needs fixing.

use std::fmt;

/// One problem in the inputs or the templates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file, relative to the campaign folder, with `/` separators.
    pub path: String,
    /// The sheet, when the file is a workbook; `line` is then its row.
    pub sheet: Option<String>,
    /// The 1-based line (or row of a sheet), when the problem sits on one.
    pub line: Option<u64>,
    /// The 1-based column, when known (template errors, workbook cells).
    pub column: Option<u64>,
    /// What is wrong and, where it can, how to fix it.
    pub message: String,
}

impl Problem {
    /// A problem with a whole file.
    pub fn file(path: impl Into<String>, message: impl Into<String>) -> Self {
        Problem { path: path.into(), sheet: None, line: None, column: None, message: message.into() }
    }

    /// A problem on one line of a file.
    pub fn at(path: impl Into<String>, line: u64, message: impl Into<String>) -> Self {
        Problem { path: path.into(), sheet: None, line: Some(line), column: None, message: message.into() }
    }

    /// Adds the column.
    pub fn with_column(mut self, column: u64) -> Self {
        self.column = Some(column);
        self
    }

    /// Places the problem in a sheet of the workbook `path`.
    pub fn in_sheet(mut self, sheet: impl Into<String>) -> Self {
        self.sheet = Some(sheet.into());
        self
    }
}

/// A spreadsheet's name for its 1-based column `n`: A, B, …, Z, AA, …
pub fn column_letters(mut n: u64) -> String {
    let mut letters = Vec::new();
    while n > 0 {
        n -= 1;
        letters.push(b'A' + (n % 26) as u8);
        n /= 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path)?;
        if let Some(sheet) = &self.sheet {
            // As a spreadsheet user finds the cell: sheet, row, column letter.
            write!(f, ": sheet « {sheet} »")?;
            if let Some(row) = self.line {
                write!(f, ", row {row}")?;
            }
            if let Some(column) = self.column {
                write!(f, ", column {}", column_letters(column))?;
            }
            return write!(f, ": {}", self.message);
        }
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

/// Everything that stops a build, reported together.
#[derive(Debug, Default)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    /// Records one problem.
    pub fn push(&mut self, problem: Problem) {
        self.0.push(problem);
    }

    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(value)` when nothing was recorded, the problems otherwise.
    pub fn into_result<T>(self, value: T) -> Result<T, Problems> {
        if self.is_empty() { Ok(value) } else { Err(self) }
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for problem in &self.0 {
            writeln!(f, "{problem}")?;
        }
        Ok(())
    }
}

impl From<Problem> for Problems {
    fn from(problem: Problem) -> Self {
        Problems(vec![problem])
    }
}
