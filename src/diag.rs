//! What a run has to tell its user, kept as data until the command line
//! shows it: problems in a campaign, each tied to the file and line a user
//! must fix; typst's diagnostics on the generated sources, with their spans;
//! and the warnings of a run that succeeded.
//!
//! Staff fix their spreadsheets from these messages, so every problem names
//! the file (relative to the campaign folder), the line and, where it helps,
//! the column. Loading collects all problems before giving up, so that one
//! run lists everything that needs fixing.

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

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

/// How serious a typst diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Severity {
    Error,
    Warning,
}

/// One of typst's diagnostics on a generated source, with the text it
/// points at: it outlives the compilation (and, for a warning, the run: the
/// next build that reuses the document shows it again).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    /// Hints that point nowhere.
    pub hints: Vec<String>,
    /// Where it is: the primary span, then the spans hints point at.
    pub labels: Vec<Label>,
    /// The calls and imports that led there, innermost first.
    pub trace: Vec<TracePoint>,
    /// The files the labels and the trace point into.
    pub files: Vec<SourceText>,
}

/// A span of a [`Diagnostic`]'s file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    /// Index in [`Diagnostic::files`].
    pub file: usize,
    /// Byte range in that file's text.
    pub range: Range<usize>,
    /// The diagnostic's own place, not a hint's.
    pub primary: bool,
    /// A hint's message.
    pub message: String,
}

/// A call or import that led to a [`Diagnostic`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TracePoint {
    /// What happened there, as typst says it: « while calling `boom` ».
    pub what: String,
    pub file: usize,
    pub range: Range<usize>,
}

/// A file a diagnostic points into: its name as messages show it (e.g.
/// `out/typst/letters/x.typ`) and its text from the start up to the end of
/// the last line pointed at, enough to show those lines with their numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceText {
    pub name: String,
    pub text: String,
}

impl Diagnostic {
    /// A diagnostic that points nowhere.
    pub fn bare(severity: Severity, message: impl Into<String>) -> Diagnostic {
        let message = message.into();
        Diagnostic { severity, message, hints: Vec::new(), labels: Vec::new(), trace: Vec::new(), files: Vec::new() }
    }

    /// Where it is, as `file:line:column`, if it points somewhere.
    pub fn place(&self) -> Option<String> {
        let label = self.labels.iter().find(|l| l.primary)?;
        let file = self.files.get(label.file)?;
        let before = file.text.get(..label.range.start)?;
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
        Some(format!("{}:{line}:{column}", file.name))
    }
}

impl fmt::Display for Diagnostic {
    /// On one line: `file:line:column: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.place() {
            Some(place) => write!(f, "{place}: {}", self.message),
            None => write!(f, "{}", self.message),
        }
    }
}

/// A document that typst could not compile: its diagnostics, where the
/// lines they point at come from, and how many other documents the same
/// error stops.
#[derive(Debug, Clone)]
pub struct Failure {
    pub diagnostics: Vec<Diagnostic>,
    /// Where each line pointed at comes from: « this line of
    /// letters/x.typ comes from templates/letter.typ.hbs:7 ».
    pub origins: Vec<String>,
    pub others: usize,
}

/// Something a user should know of a run that succeeded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// Something in the inputs that may make a document unfit to publish.
    Input(Problem),
    /// Typst's warnings on a document.
    Typst(Vec<Diagnostic>),
    /// The sources an earlier failed build kept could not be removed.
    StaleFailed(String),
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::Input(problem) => write!(f, "{problem}"),
            Warning::Typst(diagnostics) => {
                let lines: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
                write!(f, "{}", lines.join("\n"))
            }
            Warning::StaleFailed(e) => write!(f, "the sources of an earlier failed build are still there: {e}"),
        }
    }
}
