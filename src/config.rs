//! One checked configuration for a run, built from the command line before
//! any work starts.

use std::path::{Path, PathBuf};

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
    /// How many documents to compile at once; all cores by default.
    pub jobs: Option<usize>,
    /// Only this share of the documents.
    pub shard: Option<Shard>,
    /// Make the print files.
    pub print: bool,
    /// Make the web edition (`site/`).
    pub html: bool,
    /// Make the proofs of the lists that answered.
    pub proofs: bool,
    /// Take unchanged documents from the last good output, or compile all.
    pub rebuild: crate::reuse::Rebuild,
    /// Hands the memory freed so far back to the system. The build calls it
    /// once the campaign is loaded, as loading frees most of what it
    /// allocates; the binary sets it, since only it knows its allocator.
    pub trim_heap: Option<fn()>,
}

/// Share `index` (1-based) of `count`: each commune's briefing and letters
/// fall in exactly one share, so shards built apart merge by copying.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

impl std::str::FromStr for Shard {
    type Err = String;

    /// `K/N`, with 1 ≤ K ≤ N.
    fn from_str(text: &str) -> Result<Shard, String> {
        let bad = || format!("« {text} » is not a shard: write K/N with 1 ≤ K ≤ N, e.g. 3/8");
        let (k, n) = text.split_once('/').ok_or_else(bad)?;
        let (index, count): (u32, u32) = (k.trim().parse().map_err(|_| bad())?, n.trim().parse().map_err(|_| bad())?);
        if index == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

impl Shard {
    /// True when the documents keyed `key` (a commune's file name, or a
    /// candidate id for a letter with no commune) belong to this share.
    pub fn holds(&self, key: &str) -> bool {
        // FNV-1a: stable across runs, machines and versions of Rust.
        let hash = key.bytes().fold(0xcbf29ce484222325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100000001b3));
        hash % u64::from(self.count) == u64::from(self.index - 1)
    }
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
        check_out(&dir, &out)?;
        Ok(Config {
            dir,
            out,
            communes,
            candidates,
            date,
            font_paths,
            jobs: None,
            shard: None,
            print: true,
            html: true,
            proofs: true,
            rebuild: crate::reuse::Rebuild::Changed,
            trim_heap: None,
        })
    }
}

/// The output folder is replaced as a whole: it must not be, or hold, the
/// campaign, nor sit among its inputs or templates, nor hold anything that
/// interpel did not write.
fn check_out(dir: &Path, out: &Path) -> Result<(), Error> {
    let absolute = |p: &Path| {
        std::path::absolute(p).map(|p| p.components().collect::<PathBuf>()).unwrap_or_else(|_| p.to_path_buf())
    };
    let (dir, out_abs) = (absolute(&dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf())), absolute(out));
    let out_real = out.canonicalize().unwrap_or(out_abs);
    let protected = [dir.join(crate::campaign::INPUTS), dir.join(crate::render::TEMPLATES)];
    if dir.starts_with(&out_real) || protected.iter().any(|p| out_real.starts_with(p)) {
        return Err(Error::Usage(format!(
            "--out {}: would replace the campaign's own files; choose a folder outside inputs/ and templates/",
            out.display()
        )));
    }
    match crate::output::refuse_to_replace(out) {
        Some(reason) => Err(Error::Usage(format!("--out {reason}"))),
        None => Ok(()),
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
