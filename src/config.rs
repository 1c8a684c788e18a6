//! One checked configuration for a run, built from the command line before
//! any work starts.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::error::Error;

/// What to build and where.
#[derive(Debug, Clone)]
pub struct Config {
    /// The campaign folder (holds `inputs/` and optionally `templates/`).
    pub dir: PathBuf,
    /// Where outputs go; `DIR/out` by default.
    pub out: PathBuf,
    /// Only these communes (names or slugs); all when empty.
    pub communes: Vec<String>,
    /// Only these candidates' letters; all when empty.
    pub candidates: Vec<String>,
    /// The date printed on the documents, when given on the command line.
    pub date: Option<NaiveDate>,
    /// Extra font folders.
    pub font_paths: Vec<PathBuf>,
}

impl Config {
    /// Checks the paths and the date given on the command line.
    pub fn new(
        dir: PathBuf,
        out: Option<PathBuf>,
        communes: Vec<String>,
        candidates: Vec<String>,
        date: Option<String>,
        font_paths: Vec<PathBuf>,
    ) -> Result<Config, Error> {
        if !dir.is_dir() {
            return Err(Error::Usage(format!("{}: no such campaign folder", dir.display())));
        }
        let date = match date {
            None => None,
            Some(text) => Some(
                NaiveDate::parse_from_str(&text, "%Y-%m-%d")
                    .map_err(|_| Error::Usage(format!("--date « {text} » is not a date: write YYYY-MM-DD")))?,
            ),
        };
        for path in &font_paths {
            if !path.is_dir() {
                return Err(Error::Usage(format!("--font-path {}: no such folder", path.display())));
            }
        }
        let out = out.unwrap_or_else(|| dir.join("out"));
        Ok(Config { dir, out, communes, candidates, date, font_paths })
    }
}

/// The date to print when neither `--date` nor `campaign.toml` sets one:
/// `SOURCE_DATE_EPOCH` if set (reproducible builds), today otherwise.
pub fn default_date() -> NaiveDate {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        .map(|t| t.date_naive())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}
