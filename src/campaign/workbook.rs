//! Reading the three tables from the sheets of one workbook (`.ods` or
//! `.xlsx`) kept in `inputs/`, as the person who fills it sees them.
//!
//! Cells read as they are shown: a date cell gives its date, a number its
//! digits, a formula its last computed value. Every position is the
//! spreadsheet's own: sheet, row and column. A damaged, encrypted or
//! outsized file is refused with a message saying what to do, before any
//! cell is read; nothing here may crash on what a file holds.

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Seek};
use std::path::Path;

use calamine::{Data, Ods, Reader, Xlsx};

use super::load::CSV_FILES;
use super::table::{Columns, Grid, Place};
use crate::diag::{Problem, Problems};

/// The extensions of the workbooks read.
const EXTENSIONS: [&str; 2] = ["ods", "xlsx"];

/// The largest workbook read: the tables of a national campaign of 10 000
/// letters weigh about 5 MB as a workbook.
const MAX_BYTES: usize = 64 << 20;
/// The most its parts may hold once unpacked (a « zip bomb » holds far more).
const MAX_UNPACKED: u64 = 512 << 20;
/// The most filled cells a sheet may hold: 100 000 rows of ten columns.
const MAX_CELLS: usize = 1_000_000;

/// The sheets of the three tables, as staff may name them, folded (lower
/// case, no accents), in the order of [`CSV_FILES`].
const SHEETS: [&[&str]; 3] = [&["questions"], &["candidates", "candidats", "listes"], &["answers", "reponses"]];

/// What to do with a workbook that cannot be read.
const RESAVE: &str = "open it in LibreOffice Calc or Excel and save it again (« Enregistrer sous… ») as .ods or .xlsx, without a password; or keep the tables as CSV files";

/// True for a name that a campaign's workbook may have: `.ods` or `.xlsx`,
/// and not the lock file an open spreadsheet leaves beside it
/// (`.~lock.campagne.ods#`, `~$campagne.xlsx`).
pub fn is_workbook(name: &str) -> bool {
    let lower = name.to_lowercase();
    !name.starts_with('.')
        && !name.starts_with("~$")
        && EXTENSIONS
            .iter()
            .any(|ext| lower.strip_suffix(ext).is_some_and(|stem| stem.ends_with('.') && stem.len() > 1))
}

/// The workbook of the campaign whose inputs are in `inputs`, if it keeps
/// its tables in one; an error when the folder holds two workbooks, or a
/// workbook and CSV tables, since either could be the one staff edit.
pub fn find(inputs: &Path) -> Result<Option<String>, Problem> {
    let Ok(entries) = std::fs::read_dir(inputs) else { return Ok(None) };
    let mut workbooks: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|name| is_workbook(name))
        .collect();
    workbooks.sort();
    let csv: Vec<&str> = CSV_FILES.iter().copied().filter(|name| inputs.join(name).exists()).collect();
    match (&workbooks[..], &csv[..]) {
        ([], _) => Ok(None),
        ([one], []) => Ok(Some(one.clone())),
        ([one], csv) => Err(Problem::file(
            format!("{}/{one}", super::INPUTS),
            format!(
                "inputs/ holds both this workbook and {}: interpel would not know which tables are the right ones; keep one, and move the other out of inputs/",
                csv.join(", ")
            ),
        )),
        (several, _) => Err(Problem::file(
            super::INPUTS,
            format!(
                "inputs/ holds {} workbooks ({}): keep the one that holds the campaign's tables, and move the others out of inputs/",
                several.len(),
                several.join(", ")
            ),
        )),
    }
}

/// The sheets of the questions, candidates and answers in the workbook at
/// `path` (relative to the campaign folder), each with its name as written
/// in the workbook; `None` for a sheet that could not be read, with the
/// problems that say why. `columns` are each table's, to find its header.
pub fn read(
    path: &str,
    bytes: &[u8],
    columns: [Columns<'_>; 3],
    problems: &mut Problems,
) -> [Option<(String, Grid)>; 3] {
    match open(path, bytes) {
        Ok(mut book) => {
            let names = book.sheet_names();
            std::array::from_fn(|i| {
                let (wanted, columns) = (SHEETS[i], columns[i]);
                let Some(name) = names.iter().find(|n| wanted.contains(&super::words::fold(n).as_str())) else {
                    problems.push(Problem::file(
                        path,
                        format!(
                            "no sheet named « {} »{}; the workbook's sheets are: {}",
                            wanted[0],
                            match &wanted[1..] {
                                [] => String::new(),
                                others => format!(" (or « {} »)", others.join(" », « ")),
                            },
                            names.join(", ")
                        ),
                    ));
                    return None;
                };
                let place = Place::sheet(path, name.as_str());
                let grid = match book.cells(name) {
                    Ok(cells) => grid(&place, cells, columns, problems)?,
                    Err(message) => {
                        problems.push(place.file(message));
                        return None;
                    }
                };
                Some((name.clone(), grid))
            })
        }
        Err(message) => {
            problems.push(Problem::file(path, message));
            [None, None, None]
        }
    }
}

/// An open workbook of either kind.
enum Book<RS: Read + Seek> {
    Ods(Box<Ods<RS>>),
    Xlsx(Box<Xlsx<RS>>),
}

/// One filled cell: its 0-based row and column, and its value.
type Cells = Vec<(u32, u32, Data)>;

impl<RS: Read + Seek> Book<RS> {
    fn sheet_names(&self) -> Vec<String> {
        match self {
            Book::Ods(b) => b.sheet_names(),
            Book::Xlsx(b) => b.sheet_names(),
        }
    }

    /// The filled cells of sheet `name`, at most [`MAX_CELLS`]. An `.xlsx`
    /// sheet is read cell by cell, so that one cell far down and right
    /// costs no more than itself.
    fn cells(&mut self, name: &str) -> Result<Cells, String> {
        let too_many = || {
            format!(
                "this sheet holds more than {MAX_CELLS} filled cells, far more than a campaign's table; delete what is not part of it, or keep the table as a CSV file"
            )
        };
        let mut cells = Vec::new();
        match self {
            Book::Ods(b) => {
                let range = b.worksheet_range(name).map_err(|e| unreadable(&e.to_string()))?;
                let (top, left) = range.start().unwrap_or_default();
                for (row, column, data) in range.used_cells() {
                    if cells.len() == MAX_CELLS {
                        return Err(too_many());
                    }
                    cells.push((top + row as u32, left + column as u32, data.clone()));
                }
            }
            Book::Xlsx(b) => {
                let mut reader = b.worksheet_cells_reader(name).map_err(|e| unreadable(&e.to_string()))?;
                while let Some(cell) = reader.next_cell().map_err(|e| unreadable(&e.to_string()))? {
                    let data = Data::from(cell.get_value().clone());
                    if data == Data::Empty {
                        continue;
                    }
                    if cells.len() == MAX_CELLS {
                        return Err(too_many());
                    }
                    let (row, column) = cell.get_position();
                    cells.push((row, column, data));
                }
            }
        }
        Ok(cells)
    }
}

fn unreadable(cause: &str) -> String {
    format!("this sheet cannot be read ({cause}); {RESAVE}")
}

/// Opens the workbook in `bytes` after checking that it is one, of a size
/// a campaign can have.
fn open<'b>(path: &str, bytes: &'b [u8]) -> Result<Book<Cursor<&'b [u8]>>, String> {
    if bytes.is_empty() {
        return Err(format!("the file is empty (0 bytes); {RESAVE}"));
    }
    if bytes.len() > MAX_BYTES {
        return Err(format!(
            "the workbook weighs {} MB, more than the {} MB a campaign's tables can take; delete what is not part of the three tables (images, other sheets), or keep them as CSV files",
            bytes.len() >> 20,
            MAX_BYTES >> 20
        ));
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(format!(
            "this workbook is protected by a password (encrypted), or is an old Excel 97-2003 file renamed: interpel cannot read it; {RESAVE}"
        ));
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(format!(
            "this is not an .ods or .xlsx workbook (it may be damaged, or another kind of file renamed); {RESAVE}"
        ));
    }
    let unpacked = unpacked_size(bytes).map_err(|e| format!("this workbook is damaged ({e}); {RESAVE}"))?;
    if unpacked > MAX_UNPACKED {
        return Err(format!(
            "this workbook unpacks to {} MB, far more than a campaign's tables; {RESAVE}",
            unpacked >> 20
        ));
    }
    let lower = path.to_lowercase();
    let cursor = Cursor::new(bytes);
    if lower.ends_with(".ods") {
        Ods::new(cursor).map(|b| Book::Ods(Box::new(b))).map_err(|e| match e {
            calamine::OdsError::Password => {
                format!("this workbook is protected by a password: interpel cannot read it; {RESAVE}")
            }
            e => format!("this workbook is damaged ({e}); {RESAVE}"),
        })
    } else {
        Xlsx::new(cursor)
            .map(|b| Book::Xlsx(Box::new(b)))
            .map_err(|e| format!("this workbook is damaged ({e}); {RESAVE}"))
    }
}

/// The total size its parts declare once unpacked.
fn unpacked_size(bytes: &[u8]) -> Result<u64, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut total = 0u64;
    for i in 0..archive.len() {
        let part = archive.by_index_raw(i).map_err(|e| e.to_string())?;
        total = total.saturating_add(part.size());
    }
    Ok(total)
}

/// The table in `cells`. Its header is the first row that names one of
/// `columns` (rows above it, such as a title, are not part of the table),
/// or else the first filled row; the header's first and last filled cells
/// bound the table's columns; each later filled row is a row of the table,
/// numbered as the spreadsheet numbers it.
fn grid(place: &Place, cells: Cells, columns: Columns<'_>, problems: &mut Problems) -> Option<Grid> {
    let mut by_row: BTreeMap<u32, Vec<(u32, Data)>> = BTreeMap::new();
    for (row, column, data) in cells {
        by_row.entry(row).or_default().push((column, data));
    }
    let all: Vec<&str> = columns.required.iter().chain(columns.optional).copied().collect();
    let names_a_column = |cells: &Vec<(u32, Data)>| {
        cells.iter().any(|(_, d)| matches!(d, Data::String(s) if super::words::column(s, &all).is_some()))
    };
    let header_at = by_row.iter().find(|(_, cells)| names_a_column(cells)).map(|(row, _)| *row);
    let mut rows = by_row.into_iter().skip_while(|(row, _)| header_at.is_some_and(|h| *row < h));
    let Some((header_row, header_cells)) = rows.next() else {
        problems.push(
            place
                .file(format!("this sheet is empty; its first row names the columns: {}", columns.required.join(", "))),
        );
        return None;
    };
    let first = header_cells.iter().map(|(c, _)| *c).min().unwrap_or_default();
    let last = header_cells.iter().map(|(c, _)| *c).max().unwrap_or_default();
    let width = (last - first + 1) as usize;
    // A cell at fault is reported and read as empty: the rest of the table
    // is still checked, so that one run lists every problem.
    let mut text = |row: u32, column: u32, data: &Data| match shown(data) {
        Ok(text) => text,
        Err(message) => {
            problems.push(place.at(u64::from(row) + 1, message).with_column(u64::from(column) + 1));
            String::new()
        }
    };
    let mut header = vec![String::new(); width];
    for (column, data) in &header_cells {
        header[(column - first) as usize] = text(header_row, *column, data).trim().to_string();
    }
    let mut table = Vec::new();
    let mut outside = Vec::new();
    for (row, cells) in rows {
        let mut fields = vec![String::new(); width];
        for (column, data) in &cells {
            let value = text(row, *column, data);
            if (first..=last).contains(column) {
                fields[(column - first) as usize] = value;
            } else if !value.trim().is_empty() {
                outside.push((row, *column));
            }
        }
        table.push((u64::from(row) + 1, fields));
    }
    for (row, column) in outside {
        problems.push(
            place
                .at(u64::from(row) + 1, "this cell is filled but has no column name in the header row above it: name its column, or empty the cell")
                .with_column(u64::from(column) + 1),
        );
    }
    Some(Grid { header, rows: table, columns: Some((first..=last).map(|c| u64::from(c) + 1).collect()) })
}

/// A cell's value as the spreadsheet shows it; an error for a cell that
/// shows an error.
fn shown(data: &Data) -> Result<String, String> {
    Ok(match data {
        Data::Empty => String::new(),
        // An .ods file keeps a formula's error as the text it shows.
        Data::String(s) if is_error_text(s) => {
            return Err(format!(
                "this cell shows an error ({s}) instead of a value: correct its formula, or type the value"
            ));
        }
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::Bool(b) => (if *b { "VRAI" } else { "FAUX" }).to_string(),
        Data::DateTime(d) if d.is_datetime() => {
            let (y, m, day, h, min, s, _) = d.to_ymd_hms_milli();
            if (h, min, s) == (0, 0, 0) {
                format!("{y:04}-{m:02}-{day:02}")
            } else {
                format!("{y:04}-{m:02}-{day:02} {h:02}:{min:02}")
            }
        }
        Data::DateTime(d) => number(d.as_f64()),
        Data::DateTimeIso(s) => s.strip_suffix("T00:00:00").unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => {
            return Err(format!(
                "this cell shows an error ({e}) instead of a value: correct its formula, or type the value"
            ));
        }
    })
}

/// The text a spreadsheet shows for a formula that failed, in English or
/// French (« #DIV/0! », « #VALEUR! », « Err:502 »).
fn is_error_text(text: &str) -> bool {
    const CODES: &[&str] =
        &["#DIV/0!", "#VALUE!", "#VALEUR!", "#NAME?", "#NOM?", "#REF!", "#N/A", "#N/D", "#NUM!", "#NULL!", "#NUL!"];
    CODES.contains(&text)
        || text.strip_prefix("Err:").is_some_and(|code| !code.is_empty() && code.bytes().all(|b| b.is_ascii_digit()))
}

/// A number as a French spreadsheet shows it: whole numbers without a
/// decimal part, others with a decimal comma.
fn number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 { format!("{}", f as i64) } else { f.to_string().replace('.', ",") }
}

/// The French word a workbook written by interpel gives each code of the
/// `kind` and `stance` columns (read back by [`super::words`]).
const FRENCH_CODES: &[(&str, &str, &str)] = &[
    ("kind", "letter", "lettre"),
    ("kind", "program", "programme"),
    ("kind", "none", "sans réponse"),
    ("stance", "commitment", "engagement"),
    ("stance", "intent", "orientation"),
    ("stance", "absent", "non abordé"),
];

/// The sheets of a workbook written by interpel, in the order of [`CSV_FILES`].
const WRITTEN_SHEETS: [&str; 3] = ["questions", "candidats", "réponses"];

/// A workbook holding the tables given as CSV texts (questions, candidates,
/// answers, as UTF-8 with commas): a sheet each, French column names and
/// codes, dates
/// as date cells, long texts wrapped, the header row frozen, pages set up
/// to print. Dated
/// `created` so that the same tables give the same bytes.
pub fn write(tables: [&str; 3], created: chrono::NaiveDate) -> Result<Vec<u8>, String> {
    use chrono::Datelike;
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook};
    let fail = |e: rust_xlsxwriter::XlsxError| format!("cannot write the workbook: {e}");
    let date_of = |d: chrono::NaiveDate| ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8);

    let mut book = Workbook::new();
    book.set_properties(&DocProperties::new().set_creation_datetime(&date_of(created).map_err(fail)?));
    let header = Format::new().set_bold().set_background_color(0xDDE4EE).set_align(FormatAlign::Top);
    let text = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let date = Format::new().set_num_format("dd/mm/yyyy").set_align(FormatAlign::Top);
    for (csv_text, name) in tables.iter().zip(WRITTEN_SHEETS) {
        let sheet = book.add_worksheet();
        sheet.set_name(name).map_err(fail)?;
        let mut reader = csv::ReaderBuilder::new().from_reader(csv_text.as_bytes());
        let columns: Vec<String> =
            reader.headers().map_err(|e| format!("cannot read the table: {e}"))?.iter().map(String::from).collect();
        let widths: Vec<u16> = columns
            .iter()
            .map(|column| match column.as_str() {
                "quote" | "text" => 70,
                "summary" | "follow_up" | "address" | "nature" | "context" => 40,
                "list" | "title" | "name" | "source" => 24,
                _ => 14,
            })
            .collect();
        for (i, column) in columns.iter().enumerate() {
            let french =
                super::words::FRENCH_HEADERS.iter().find(|(c, _)| c == column).map_or(column.as_str(), |h| h.1);
            sheet.write_string_with_format(0, i as u16, french, &header).map_err(fail)?;
            sheet.set_column_width(i as u16, widths[i]).map_err(fail)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(fail)?;
        // Printed for a read-through: A4 landscape, one page wide, with the
        // grid, the row numbers and column letters that messages name.
        sheet.set_paper_size(9).set_landscape().set_print_fit_to_pages(1, 0);
        sheet.set_print_gridlines(true).set_print_headings(true);
        sheet.set_repeat_rows(0, 0).map_err(fail)?;
        for (r, record) in reader.records().enumerate() {
            let record = record.map_err(|e| format!("cannot read the table: {e}"))?;
            let row = r as u32 + 1;
            // Each row is as high as its longest wrapped text: spreadsheets
            // do not measure rows written by another program.
            let mut lines = 1;
            for (i, (value, column)) in record.iter().zip(&columns).enumerate() {
                let dated = super::words::DATE_COLUMNS.contains(&column.as_str());
                let day = dated.then(|| super::words::date(value).ok()).flatten();
                match day {
                    Some(day) => sheet.write_datetime_with_format(row, i as u16, date_of(day).map_err(fail)?, &date),
                    None if value.is_empty() => continue,
                    None => {
                        let code = FRENCH_CODES.iter().find(|(c, code, _)| c == column && *code == value);
                        let value = code.map_or(value, |(_, _, french)| french);
                        let per_line = usize::from(widths[i]).saturating_sub(2).max(1);
                        let wrapped: usize = value.lines().map(|l| l.chars().count().div_ceil(per_line).max(1)).sum();
                        lines = lines.max(wrapped);
                        sheet.write_string_with_format(row, i as u16, value, &text)
                    }
                }
                .map_err(fail)?;
            }
            sheet.set_row_height(row, 15 * lines.min(26) as u32).map_err(fail)?;
        }
    }
    book.save_to_buffer().map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workbooks_and_lock_files() {
        assert!(is_workbook("campagne.ods"));
        assert!(is_workbook("Campagne 2026.XLSX"));
        assert!(!is_workbook(".~lock.campagne.ods#"));
        assert!(!is_workbook("~$campagne.xlsx"));
        assert!(!is_workbook("answers.csv"));
        assert!(!is_workbook(".ods"));
    }

    #[test]
    fn numbers_read_as_shown() {
        assert_eq!(number(3.0), "3");
        assert_eq!(number(30100.0), "30100");
        assert_eq!(number(1.5), "1,5");
    }

    #[test]
    fn damaged_files_are_refused_with_a_reason() {
        for (bytes, says) in [
            (&b""[..], "empty"),
            (&b"id,title,text\n"[..], "not an .ods or .xlsx"),
            (&b"\xD0\xCF\x11\xE0rest"[..], "password"),
            (&b"PK\x03\x04truncated"[..], "damaged"),
        ] {
            let mut problems = Problems::default();
            let none = Columns { required: &["id"], optional: &[] };
            let sheets = read("inputs/t.xlsx", bytes, [none; 3], &mut problems);
            assert!(sheets.iter().all(Option::is_none));
            assert!(problems.0[0].message.contains(says), "{}", problems.0[0]);
        }
    }
}
