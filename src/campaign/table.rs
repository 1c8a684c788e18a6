//! Reading one CSV table with its header checked and every row's line kept.
//!
//! Spreadsheets export CSV with surprises; each one becomes a problem that
//! names the file and line instead of a silent misreading.

use std::collections::HashMap;

use crate::diag::{Problem, Problems};

/// A CSV table whose header holds the expected columns, each once, and no
/// other: the required ones always, the optional ones when the campaign uses
/// them (a missing optional column reads as empty in every row).
#[derive(Debug)]
pub struct Table {
    index: HashMap<&'static str, usize>,
    pub rows: Vec<Row>,
}

/// One data row and the line it starts on.
#[derive(Debug)]
pub struct Row {
    pub line: u64,
    fields: Vec<String>,
}

impl Table {
    /// Parses `bytes`, the content of `path`, expecting `columns` in any
    /// order, and `optional` ones if present. Problems go to `problems`;
    /// `None` when the table is unusable.
    pub fn parse(
        path: &str,
        bytes: &[u8],
        columns: &[&'static str],
        optional: &[&'static str],
        problems: &mut Problems,
        notes: &mut Vec<String>,
    ) -> Option<Table> {
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
            problems
                .push(Problem::file(path, format!("the file is empty; it needs a header line: {}", columns.join(","))));
            return None;
        }
        if let Some(line) = unbalanced_quote(&text) {
            problems.push(Problem::at(
                path,
                line,
                "a quoted field opened here is never closed (unbalanced \"); close it, or double each \" inside a quoted field",
            ));
            return None;
        }

        let all: Vec<&'static str> = columns.iter().chain(optional).copied().collect();
        let (separator, note) = super::decode::separator(path, &text, &all);
        notes.extend(note);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(separator)
            .has_headers(true)
            .flexible(true)
            .from_reader(text.as_bytes());
        let header: Vec<String> = match reader.headers() {
            Ok(h) => h.iter().map(|h| h.trim().to_string()).collect(),
            Err(e) => {
                problems.push(Problem::at(path, 1, format!("unreadable header: {e}")));
                return None;
            }
        };

        // Each header cell names a column, in English or in French.
        let mut index = HashMap::new();
        let mut header_ok = true;
        let mut canonical: Vec<&str> = Vec::with_capacity(header.len());
        for (i, name) in header.iter().enumerate() {
            let column = super::words::column(name, &all);
            canonical.push(column.unwrap_or(""));
            match column {
                Some(c) if index.contains_key(c) => {
                    problems.push(Problem::at(path, 1, format!("column « {name} » ({c}) appears twice")));
                    header_ok = false;
                }
                Some(c) => {
                    index.insert(c, i);
                }
                None => {
                    problems.push(Problem::at(
                        path,
                        1,
                        format!(
                            "unknown column « {name} »; the columns are: {} (or their French names, listed in GUIDE.md)",
                            all.join(",")
                        ),
                    ));
                    header_ok = false;
                }
            }
        }
        for c in columns {
            if !index.contains_key(c) {
                problems.push(Problem::at(
                    path,
                    1,
                    format!("missing column « {c} »; the columns are: {}", columns.join(",")),
                ));
                header_ok = false;
            }
        }
        if !header_ok {
            return None;
        }

        let mut lines = Lines::new(&text);
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map_or(0, |p| lines.of(p.byte()));
                    problems.push(Problem::at(path, line, format!("unreadable row: {e}")));
                    continue;
                }
            };
            let line = record.position().map_or(0, |p| lines.of(p.byte()));
            if record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            // A row may leave out trailing optional columns (a table
            // written by hand often does): they read as empty.
            let short_but_whole =
                record.len() < header.len() && canonical[record.len()..].iter().all(|h| optional.contains(h));
            if record.len() != header.len() && !short_but_whole {
                problems.push(Problem::at(
                    path,
                    line,
                    format!(
                        "this row has {} field{} but the header has {}",
                        record.len(),
                        if record.len() == 1 { "" } else { "s" },
                        header.len()
                    ),
                ));
                continue;
            }
            let mut fields: Vec<String> = record.iter().map(str::to_string).collect();
            fields.resize(header.len(), String::new());
            rows.push(Row { line, fields });
        }
        Some(Table { index, rows })
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
            let t = Table::parse("t.csv", text.as_bytes(), &["a", "b"], &[], &mut problems, &mut vec![]).unwrap();
            assert!(problems.is_empty(), "{end:?}");
            assert_eq!(t.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 4], "{end:?}");
        }
    }

    #[test]
    fn rows_keep_their_first_line() {
        let mut problems = Problems::default();
        let t =
            Table::parse("t.csv", b"\xEF\xBB\xBFb,a\n\"x\ny\",1\nz,2\n", &["a", "b"], &[], &mut problems, &mut vec![])
                .unwrap();
        assert!(problems.is_empty());
        assert_eq!(t.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 4]);
        assert_eq!(t.get(&t.rows[0], "b"), "x\ny");
        assert_eq!(t.get(&t.rows[1], "a"), "2");
    }
}
