//! Reading one CSV table with its header checked and every row's line kept.
//!
//! Spreadsheets export CSV with surprises; each one becomes a problem that
//! names the file and line instead of a silent misreading.

use std::collections::HashMap;

use crate::diag::{Problem, Problems};

/// Where a table is kept: a CSV file of `inputs/`, or a sheet of the
/// campaign's workbook. Problems are made here, so that each names the
/// place as the person who keeps the table finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The file, relative to the campaign folder.
    pub path: String,
    /// The sheet of a workbook.
    pub sheet: Option<String>,
}

impl Place {
    /// A CSV file.
    pub fn csv(path: impl Into<String>) -> Self {
        Place { path: path.into(), sheet: None }
    }

    /// A sheet of the workbook `path`.
    pub fn sheet(path: impl Into<String>, sheet: impl Into<String>) -> Self {
        Place { path: path.into(), sheet: Some(sheet.into()) }
    }

    /// A problem with the whole table.
    pub fn file(&self, message: impl Into<String>) -> Problem {
        self.placed(Problem::file(&self.path, message))
    }

    /// A problem on one line of the file (one row of the sheet).
    pub fn at(&self, line: u64, message: impl Into<String>) -> Problem {
        self.placed(Problem::at(&self.path, line, message))
    }

    /// `problem`, in this table's sheet if it is one.
    fn placed(&self, problem: Problem) -> Problem {
        match &self.sheet {
            Some(sheet) => problem.in_sheet(sheet),
            None => problem,
        }
    }

    /// What the table's positions count: lines of a file, rows of a sheet.
    pub fn unit(&self) -> &'static str {
        if self.sheet.is_some() { "row" } else { "line" }
    }

    /// The table as messages name it: « answers.csv », « sheet answers ».
    pub fn name(&self) -> String {
        match &self.sheet {
            Some(sheet) => format!("sheet « {sheet} »"),
            None => self.path.rsplit('/').next().unwrap_or(&self.path).to_string(),
        }
    }
}

/// A table whose header holds the expected columns, each once, and no
/// other: the required ones always, the optional ones when the campaign uses
/// them (a missing optional column reads as empty in every row).
#[derive(Debug)]
pub struct Table {
    pub place: Place,
    index: HashMap<&'static str, usize>,
    /// The sheet column of each header cell (a CSV file names none).
    columns: Option<Vec<u64>>,
    pub rows: Vec<Row>,
}

/// One data row and the line it starts on (its row, in a sheet).
#[derive(Debug)]
pub struct Row {
    pub line: u64,
    fields: Vec<String>,
}

/// A table as read, before its header is checked: the header cells, and
/// each row with its line (or sheet row).
#[derive(Debug, Default)]
pub struct Grid {
    pub header: Vec<String>,
    pub rows: Vec<(u64, Vec<String>)>,
    /// The sheet column of each header cell, for a workbook.
    pub columns: Option<Vec<u64>>,
}

/// The columns a table expects.
#[derive(Debug, Clone, Copy)]
pub struct Columns<'c> {
    pub required: &'c [&'static str],
    pub optional: &'c [&'static str],
}

impl Table {
    /// Parses `bytes`, the content of the CSV file at `place`, expecting
    /// `columns`. Problems go to `problems`; `None` when the table is
    /// unusable.
    pub fn parse(
        place: Place,
        bytes: &[u8],
        columns: Columns<'_>,
        problems: &mut Problems,
        notes: &mut Vec<String>,
    ) -> Option<Table> {
        let grid = csv_grid(&place, bytes, &columns, problems, notes)?;
        Table::from_grid(place, grid, columns, problems)
    }

    /// Checks the header of `grid`, read from `place`, and keeps its rows.
    pub fn from_grid(place: Place, grid: Grid, columns: Columns<'_>, problems: &mut Problems) -> Option<Table> {
        let Grid { header, rows: records, columns: sheet_columns } = grid;
        let Columns { required, optional } = columns;
        let all: Vec<&'static str> = required.iter().chain(optional).copied().collect();
        // Each header cell names a column, in English or in French.
        let mut index = HashMap::new();
        let mut header_ok = true;
        let mut canonical: Vec<&str> = Vec::with_capacity(header.len());
        let header_at = |i: usize, message: String| {
            let problem = place.at(1, message);
            match &sheet_columns {
                Some(c) => problem.with_column(c[i]),
                None => problem,
            }
        };
        for (i, name) in header.iter().enumerate() {
            let name = name.trim();
            let column = super::words::column(name, &all);
            canonical.push(column.unwrap_or(""));
            match column {
                Some(c) if index.contains_key(c) => {
                    problems.push(header_at(i, format!("column « {name} » ({c}) appears twice")));
                    header_ok = false;
                }
                Some(c) => {
                    index.insert(c, i);
                }
                None => {
                    problems.push(header_at(
                        i,
                        format!(
                            "unknown column « {name} »; the columns are: {} (or their French names, listed in GUIDE.md)",
                            all.join(",")
                        ),
                    ));
                    header_ok = false;
                }
            }
        }
        for c in required {
            if !index.contains_key(c) {
                problems.push(place.at(1, format!("missing column « {c} »; the columns are: {}", required.join(","))));
                header_ok = false;
            }
        }
        if !header_ok {
            return None;
        }

        let mut rows = Vec::with_capacity(records.len());
        for (line, mut fields) in records {
            if fields.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            // A row may leave out trailing optional columns (a table
            // written by hand often does): they read as empty.
            let short_but_whole =
                fields.len() < header.len() && canonical[fields.len()..].iter().all(|h| optional.contains(h));
            if fields.len() != header.len() && !short_but_whole {
                problems.push(place.at(
                    line,
                    format!(
                        "this row has {} field{} but the header has {}",
                        fields.len(),
                        if fields.len() == 1 { "" } else { "s" },
                        header.len()
                    ),
                ));
                continue;
            }
            fields.resize(header.len(), String::new());
            rows.push(Row { line, fields });
        }
        Some(Table { place, index, columns: sheet_columns, rows })
    }

    /// A problem with `column` of `row`: in a workbook, the cell is named.
    pub fn at(&self, row: &Row, column: &str, message: impl Into<String>) -> Problem {
        let problem = self.place.at(row.line, message);
        match (&self.columns, self.index.get(column)) {
            (Some(columns), Some(&i)) => problem.with_column(columns[i]),
            _ => problem,
        }
    }

    /// The value of `column` in `row`, as written; empty for an optional
    /// column the table does not have.
    pub fn get<'r>(&self, row: &'r Row, column: &str) -> &'r str {
        self.index.get(column).map_or("", |&i| &row.fields[i])
    }

    /// The value of `column` in `row`, trimmed, moved out of the row (which
    /// keeps an empty string).
    pub fn take(&self, row: &mut Row, column: &str) -> String {
        let Some(&i) = self.index.get(column) else { return String::new() };
        let field = std::mem::take(&mut row.fields[i]);
        if field.trim().len() == field.len() { field } else { field.trim().to_string() }
    }
}

/// The header and rows of the CSV file at `place`, each row with the line
/// it starts on; `None` when the file cannot be read as a table.
fn csv_grid(
    place: &Place,
    bytes: &[u8],
    columns: &Columns<'_>,
    problems: &mut Problems,
    notes: &mut Vec<String>,
) -> Option<Grid> {
    let path = place.path.as_str();
    let text = match super::decode::text(path, bytes) {
        Ok((text, note)) => {
            notes.extend(note);
            text
        }
        Err(problem) => {
            problems.push(problem);
            return None;
        }
    };
    if text.trim().is_empty() {
        problems.push(place.file(format!("the file is empty; it needs a header line: {}", columns.required.join(","))));
        return None;
    }
    if let Some(line) = unbalanced_quote(&text) {
        problems.push(place.at(
            line,
            "a quoted field opened here is never closed (unbalanced \"); close it, or double each \" inside a quoted field",
        ));
        return None;
    }

    let all: Vec<&'static str> = columns.required.iter().chain(columns.optional).copied().collect();
    let (separator, note) = super::decode::separator(path, &text, &all);
    notes.extend(note);
    let mut reader =
        csv::ReaderBuilder::new().delimiter(separator).has_headers(true).flexible(true).from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|h| h.trim().to_string()).collect(),
        Err(e) => {
            problems.push(place.at(1, format!("unreadable header: {e}")));
            return None;
        }
    };
    let mut lines = Lines::new(&text);
    let mut rows = Vec::new();
    for record in reader.records() {
        match record {
            Ok(record) => {
                let line = record.position().map_or(0, |p| lines.of(p.byte()));
                rows.push((line, record.iter().map(str::to_string).collect()));
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| lines.of(p.byte()));
                problems.push(place.at(line, format!("unreadable row: {e}")));
            }
        }
    }
    Some(Grid { header, rows, columns: None })
}

/// The lines of a text, counted as its records are read in order: the csv
/// reader's own line count is one short after a CR LF line end (a record
/// starts before the LF it has not yet counted), so lines are counted here
/// from the bytes, whatever the line ends: LF, CR LF or CR. Each call counts
/// only the bytes since the last, so a table is read in one pass.
struct Lines<'t> {
    bytes: &'t [u8],
    /// Where counting stopped, and the line there.
    at: usize,
    line: u64,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Self {
        Lines { bytes: text.as_bytes(), at: 0, line: 1 }
    }

    /// The 1-based line of the record that starts at byte `at`, at or after
    /// the last one asked for.
    fn of(&mut self, at: u64) -> u64 {
        let bytes = self.bytes;
        let mut at = (at as usize).clamp(self.at, bytes.len());
        // Line ends the reader had not consumed yet belong before the record.
        while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
            at += 1;
        }
        for i in self.at..at {
            match bytes[i] {
                b'\n' => self.line += 1,
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => self.line += 1,
                _ => {}
            }
        }
        self.at = at;
        self.line
    }
}

/// The line of a quoted field that is never closed, or that closes before
/// the end of its field (`"a"b`: a stray quote swallowed the text after it).
fn unbalanced_quote(text: &str) -> Option<u64> {
    let mut line = 1u64;
    let mut open_at = None;
    let mut in_quotes = false;
    let mut at_field_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quotes {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                } else {
                    in_quotes = false;
                    if !matches!(chars.peek(), None | Some(',' | ';' | '\t' | '\r' | '\n')) {
                        return open_at;
                    }
                }
            }
        } else if c == '"' && at_field_start {
            in_quotes = true;
            open_at = Some(line);
        }
        if c == '\n' {
            line += 1;
        }
        at_field_start = !in_quotes && matches!(c, ',' | '\n' | '\r');
    }
    if in_quotes { open_at } else { None }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AB: Columns<'static> = Columns { required: &["a", "b"], optional: &[] };

    #[test]
    fn unclosed_quote_is_found_on_its_line() {
        assert_eq!(unbalanced_quote("a,b\n\"x,\"\"y\"\"\",z\n\"open,\n"), Some(3));
        assert_eq!(unbalanced_quote("a,b\n\"multi\nline\",z\n"), None);
        assert_eq!(unbalanced_quote("a,b\n\"open,x\n\"y\",z\n"), Some(2));
    }

    #[test]
    fn rows_keep_their_line_whatever_the_line_ends() {
        for end in ["\n", "\r\n", "\r"] {
            let text = ["a,b", "1,\"x", "y\"", "2,z", ""].join(end);
            let mut problems = Problems::default();
            let t = Table::parse(Place::csv("t.csv"), text.as_bytes(), AB, &mut problems, &mut vec![]).unwrap();
            assert!(problems.is_empty(), "{end:?}");
            assert_eq!(t.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 4], "{end:?}");
        }
    }

    #[test]
    fn rows_keep_their_first_line() {
        let mut problems = Problems::default();
        let bytes = b"\xEF\xBB\xBFb,a\n\"x\ny\",1\nz,2\n";
        let t = Table::parse(Place::csv("t.csv"), bytes, AB, &mut problems, &mut vec![]).unwrap();
        assert!(problems.is_empty());
        assert_eq!(t.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 4]);
        assert_eq!(t.get(&t.rows[0], "b"), "x\ny");
        assert_eq!(t.get(&t.rows[1], "a"), "2");
    }
}
