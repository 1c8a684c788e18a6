//! The print files: a run's letters, or its briefings, in PDFs to print
//! duplex, each after a cover sheet that lists what it holds.
//!
//! Each document's pages are taken from its own PDF as written (typst
//! embeds them as vector graphics), so what is printed is exactly what is
//! archived and sent, and each document starts on a right-hand page.
//! Embedding costs memory in proportion to the documents of a file, so a
//! large campaign is printed in volumes of [`VOLUME`] documents.

use std::path::Path;

use chrono::NaiveDate;

use crate::campaign::Campaign;
use crate::compile::{self, Pdf, Standard};
use crate::error::Error;
use crate::render::{PRINT, Renderer};
use crate::view::{self, PrintEntry, Volume};
use crate::world::{Project, disk_slot};

/// The folder of the print files under the output folder.
pub const PRINT_DIR: &str = "print";

/// The most documents in one print file. Embedding takes memory in
/// proportion to the documents of a file (measured on synthetic letters,
/// BENCHMARKS.md); a volume of 50 letters is some 130 pages, 65 sheets
/// printed duplex.
pub const VOLUME: usize = 50;

/// One print file to make.
#[derive(Debug, Clone)]
pub struct PrintFile {
    /// Under the output folder: `print/letters.pdf`, or
    /// `print/letters-02.pdf` for the second of several volumes.
    pub path: String,
    pub letters: bool,
    pub volume: Volume,
    pub entries: Vec<PrintEntry>,
}

/// The print file's path under the output folder, when it is the only one:
/// `print/letters.pdf` or `print/briefings.pdf`.
pub fn path(letters: bool) -> String {
    format!("{PRINT_DIR}/{}.pdf", if letters { "letters" } else { "briefings" })
}

/// The print files of `entries` (all letters, or all briefings), in volumes.
pub fn plan(letters: bool, entries: Vec<PrintEntry>) -> Vec<PrintFile> {
    let name = if letters { "letters" } else { "briefings" };
    let count = entries.len().div_ceil(VOLUME);
    let width = count.to_string().len().max(2);
    let mut files = Vec::with_capacity(count);
    let mut entries = entries.into_iter().peekable();
    while entries.peek().is_some() {
        let index = files.len() + 1;
        let path = if count == 1 { path(letters) } else { format!("{PRINT_DIR}/{name}-{index:0width$}.pdf") };
        let volume = Volume { index, count, first: (index - 1) * VOLUME + 1 };
        files.push(PrintFile { path, letters, volume, entries: entries.by_ref().take(VOLUME).collect() });
    }
    files
}

/// A print file of no documents, its cover alone: what `check` compiles,
/// as it writes no PDFs to take pages from.
pub fn cover(letters: bool) -> PrintFile {
    PrintFile { path: path(letters), letters, volume: Volume { index: 1, count: 1, first: 1 }, entries: Vec::new() }
}

/// A print file that could not be made.
#[derive(Debug)]
pub struct Failed {
    pub error: Error,
    /// The generated source typst rejected, if it did: its path in the
    /// Typst project and its text.
    pub source: Option<(String, String)>,
}

impl From<Failed> for Error {
    fn from(failed: Failed) -> Error {
        failed.error
    }
}

/// Renders and compiles a print file, reading the documents' PDFs from the
/// folder `dir` (where the run is writing them), on compile slot `slot`.
pub fn make(
    project: &Project,
    renderer: &Renderer,
    campaign: &Campaign,
    date: NaiveDate,
    file: PrintFile,
    dir: &Path,
    slot: usize,
) -> Result<Pdf, Failed> {
    let mut entries = file.entries;
    let mut files = Vec::with_capacity(entries.len());
    for (k, entry) in entries.iter_mut().enumerate() {
        files.push(dir.join(entry.file.trim_start_matches('/')));
        entry.file = disk_slot(slot, k);
    }
    let view = view::print(campaign, date, file.letters, file.volume, entries);
    let source =
        renderer.render(PRINT, &view).map_err(|p| Failed { error: Error::Problems(p.into()), source: None })?;
    let path = format!("/{}", file.path.replace(".pdf", ".typ"));
    let world = project.document_on_disk(slot, &path, source, &files);
    compile::compile(&world, &path, Standard::Tagged).map_err(|e| Failed {
        error: Error::Compile { diagnostics: vec![renderer.annotate(e, PRINT, &path)], kept: None },
        source: Some((path.clone(), world.main_text().to_string())),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(n: usize) -> Vec<PrintEntry> {
        (0..n)
            .map(|i| PrintEntry {
                title: format!("L{i}"),
                detail: String::new(),
                file: format!("/letters/l{i}.pdf"),
                pages: 2,
                alt: String::new(),
            })
            .collect()
    }

    #[test]
    fn one_file_up_to_a_volume_then_numbered_volumes() {
        let one = plan(true, entries(VOLUME));
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].path, "print/letters.pdf");
        let three = plan(false, entries(2 * VOLUME + 1));
        let paths: Vec<&str> = three.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["print/briefings-01.pdf", "print/briefings-02.pdf", "print/briefings-03.pdf"]);
        assert_eq!(three[2].volume, Volume { index: 3, count: 3, first: 2 * VOLUME + 1 });
        assert_eq!(three[2].entries.len(), 1);
        assert_eq!(three.iter().map(|f| f.entries.len()).sum::<usize>(), 2 * VOLUME + 1);
        assert!(plan(true, Vec::new()).is_empty());
    }
}
