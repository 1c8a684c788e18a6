//! A new campaign folder: a small fictional campaign, the default templates
//! and a guide to filling the tables, ready to build as it is.
//!
//! The example lives in the repository's `example/` folder and is built into
//! the binary, so `interpel init` works anywhere; a test builds the folder it
//! writes, so the example can never fall out of step with the loader.

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

/// Keeps the outputs out of version control.
const GITIGNORE: &str = "/out/\n";

/// Every file of a new campaign, by path relative to its folder.
pub fn files() -> Vec<(String, &'static str)> {
    let mut files: Vec<(String, &str)> = EXAMPLE.iter().map(|(path, text)| (path.to_string(), *text)).collect();
    files.extend(DEFAULTS.iter().map(|(name, text)| (format!("{TEMPLATES}/{name}"), *text)));
    files.push((".gitignore".into(), GITIGNORE));
    files
}

/// Writes a new campaign into `dir` (created if need be) and returns the
/// files written. Refuses, before writing anything, a folder that already
/// holds a campaign (`inputs/`, `templates/` or `out/`) or any file a new
/// campaign would replace.
pub fn write(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let files = files();
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
    for (path, text) in files {
        let path = dir.join(path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        // create_new: a file that appeared since the check is not replaced.
        let mut file = OpenOptions::new().write(true).create_new(true).open(&path).map_err(IoError::at(&path))?;
        file.write_all(text.as_bytes()).map_err(IoError::at(&path))?;
        written.push(path);
    }
    Ok(written)
}
