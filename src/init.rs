//! A new campaign folder: a small fictional campaign, the default templates
//! and a guide to filling the tables, ready to build as it is.
//!
//! The example lives in the repository's `example/` folder and is built into
//! the binary, so `interpel init` works anywhere; a test builds the folder it
//! writes, so the example can never fall out of step with the loader.

use std::borrow::Cow;
use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::render::{DEFAULTS, TEMPLATES};
use crate::utils::fs::{self, IoError};

/// The example campaign, by path in the new folder.
const EXAMPLE: &[(&str, &str)] = &[
    ("GUIDE.md", include_str!("../example/GUIDE.md")),
    ("inputs/campaign.toml", include_str!("../example/inputs/campaign.toml")),
    ("inputs/questions.csv", include_str!("../example/inputs/questions.csv")),
    ("inputs/candidates.csv", include_str!("../example/inputs/candidates.csv")),
    ("inputs/answers.csv", include_str!("../example/inputs/answers.csv")),
    ("inputs/logo.svg", include_str!("../example/inputs/logo.svg")),
    ("inputs/letters/sylvie-garnier.txt", include_str!("../example/inputs/letters/sylvie-garnier.txt")),
    ("inputs/letters/thomas-renaud.txt", include_str!("../example/inputs/letters/thomas-renaud.txt")),
];

/// How a new campaign keeps its tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Tables {
    /// `questions.csv`, `candidates.csv` and `answers.csv`.
    Csv,
    /// The sheets of one workbook, [`WORKBOOK`].
    Workbook,
}

/// The example's workbook, when its tables are kept in one.
pub const WORKBOOK: &str = "inputs/campagne.xlsx";

/// The date the example's workbook says it was made: the example's date.
const WORKBOOK_DATE: (i32, u32, u32) = (2026, 2, 16);

/// The example's binary files: the picture of the workbook in GUIDE.md.
const EXAMPLE_BINARY: &[(&str, &[u8])] = &[("guide-workbook.png", include_bytes!("../example/guide-workbook.png"))];

/// Keeps the outputs out of version control.
const GITIGNORE: &str = "/out/\n";

/// A file of a new campaign: its path relative to the campaign's folder,
/// and its bytes.
pub type File = (String, Cow<'static, [u8]>);

/// Every file of a new campaign.
pub fn files(tables: Tables) -> Result<Vec<File>, Error> {
    let csv: Vec<String> =
        crate::campaign::CSV_FILES.iter().map(|name| format!("{}/{name}", crate::campaign::INPUTS)).collect();
    let text = |path: &str| EXAMPLE.iter().find(|(p, _)| *p == path).map_or("", |(_, text)| *text);
    let mut files: Vec<File> = EXAMPLE
        .iter()
        .filter(|(path, _)| tables == Tables::Csv || !csv.iter().any(|c| c == path))
        .map(|(path, text)| (path.to_string(), Cow::Borrowed(text.as_bytes())))
        .collect();
    files.extend(EXAMPLE_BINARY.iter().map(|(path, bytes)| (path.to_string(), Cow::Borrowed(*bytes))));
    if tables == Tables::Workbook {
        let (y, m, d) = WORKBOOK_DATE;
        let date = chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
        let book = crate::campaign::write_workbook([text(&csv[0]), text(&csv[1]), text(&csv[2])], date)
            .map_err(Error::Internal)?;
        files.push((WORKBOOK.into(), Cow::Owned(book)));
    }
    files.extend(DEFAULTS.iter().map(|(name, text)| (format!("{TEMPLATES}/{name}"), Cow::Borrowed(text.as_bytes()))));
    files.push((".gitignore".into(), Cow::Borrowed(GITIGNORE.as_bytes())));
    Ok(files)
}

/// Writes a new campaign into `dir` (created if need be) and returns the
/// files written. Refuses, before writing anything, a folder that already
/// holds a campaign (`inputs/`, `templates/` or `out/`) or any file a new
/// campaign would replace.
pub fn write(dir: &Path, tables: Tables) -> Result<Vec<PathBuf>, Error> {
    let files = files(tables)?;
    let taken: Vec<String> = ["inputs", TEMPLATES, "out"]
        .into_iter()
        .map(String::from)
        .chain(files.iter().map(|(path, _)| path.clone()))
        .filter(|path| dir.join(path).symlink_metadata().is_ok())
        .collect();
    if !taken.is_empty() {
        let more = if taken.len() > 3 { format!(" and {} more", taken.len() - 3) } else { String::new() };
        return Err(Error::Usage(format!(
            "{}: already holds {}{more}; interpel init never replaces a campaign: choose a new or empty folder",
            dir.display(),
            taken[..taken.len().min(3)].join(", ")
        )));
    }
    let mut written = Vec::with_capacity(files.len());
    for (path, bytes) in files {
        let path = dir.join(path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        // create_new: a file that appeared since the check is not replaced.
        let mut file = OpenOptions::new().write(true).create_new(true).open(&path).map_err(IoError::at(&path))?;
        file.write_all(&bytes).map_err(IoError::at(&path))?;
        written.push(path);
    }
    Ok(written)
}
