//! The print files: a run's letters, or its briefings, in PDFs to print
//! duplex, each after a cover sheet that lists what it holds.
//!
//! Each document's pages are taken from its own PDF as written (typst
//! embeds them as vector graphics), so what is printed is exactly what is
//! archived and sent, and each document starts on a right-hand page.
//! Embedding costs memory in proportion to the pages of a file, so a large
//! campaign is printed in volumes of at most [`VOLUME`] documents and
//! [`VOLUME_PAGES`] pages.

use std::path::Path;

use chrono::NaiveDate;

use crate::campaign::Campaign;
use crate::compile::{self, Pdf, Standard};
use crate::documents::DocKind;
use crate::error::Error;
use crate::layout;
use crate::render::{PRINT, Renderer};
use crate::view::{self, PrintEntry, Volume};
use crate::world::{Project, disk_slot};

/// The most documents in one print file. Embedding takes memory in
/// proportion to the documents of a file (measured on synthetic letters,
/// BENCHMARKS.md); a volume of 50 letters is some 130 pages, 65 sheets
/// printed duplex.
pub const VOLUME: usize = 50;

/// The most pages in one print file (blank backs counted), so that long
/// briefings (a commune of many lists, national programmes quoted in each)
/// do not bind into one volume of thousands of pages: a document longer
/// than this is a volume of its own.
pub const VOLUME_PAGES: usize = 200;

/// One print file to make.
#[derive(Debug, Clone)]
pub struct PrintFile {
    /// Under the output folder: `print/letters.pdf`, or
    /// `print/letters-02.pdf` for the second of several volumes.
    pub path: String,
    /// What it binds: the letters or the briefings.
    pub kind: DocKind,
    pub volume: Volume,
    pub entries: Vec<PrintEntry>,
}

/// The print files of `entries` (all letters, or all briefings), in order,
/// in volumes of at most [`VOLUME`] documents and [`VOLUME_PAGES`] pages.
pub fn plan(kind: DocKind, entries: Vec<PrintEntry>) -> Vec<PrintFile> {
    let mut volumes: Vec<Vec<PrintEntry>> = Vec::new();
    let mut pages = 0;
    for entry in entries {
        // Each document starts on a right-hand page: an odd one takes a blank back.
        let printed = entry.pages.next_multiple_of(2);
        match volumes.last_mut() {
            Some(volume) if volume.len() < VOLUME && pages + printed <= VOLUME_PAGES => volume.push(entry),
            _ => {
                pages = 0;
                volumes.push(vec![entry]);
            }
        }
        pages += printed;
    }
    let count = volumes.len();
    let mut first = 1;
    let mut files = Vec::with_capacity(count);
    for (i, entries) in volumes.into_iter().enumerate() {
        let index = i + 1;
        let volume = Volume { index, count, first };
        first += entries.len();
        files.push(PrintFile { path: layout::print_file(kind, index, count), kind, volume, entries });
    }
    files
}

/// A print file of no documents, its cover alone: what `check` compiles,
/// as it writes no PDFs to take pages from.
pub fn cover(kind: DocKind) -> PrintFile {
    PrintFile {
        path: layout::print_file(kind, 1, 1),
        kind,
        volume: Volume { index: 1, count: 1, first: 1 },
        entries: Vec::new(),
    }
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
        files.push(dir.join(layout::shown(&entry.file)));
        entry.file = disk_slot(slot, k);
    }
    let view = view::print(campaign, date, file.kind, file.volume, entries);
    let source =
        renderer.render(PRINT, &view).map_err(|p| Failed { error: Error::Problems(p.into()), source: None })?;
    let path = layout::print_source(&file.path);
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
        let one = plan(DocKind::Letter, entries(VOLUME));
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].path, "print/letters.pdf");
        let three = plan(DocKind::Briefing, entries(2 * VOLUME + 1));
        let paths: Vec<&str> = three.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["print/briefings-01.pdf", "print/briefings-02.pdf", "print/briefings-03.pdf"]);
        assert_eq!(three[2].volume, Volume { index: 3, count: 3, first: 2 * VOLUME + 1 });
        assert_eq!(three[2].entries.len(), 1);
        assert_eq!(three.iter().map(|f| f.entries.len()).sum::<usize>(), 2 * VOLUME + 1);
        assert!(plan(DocKind::Letter, Vec::new()).is_empty());
    }

    #[test]
    fn long_documents_make_shorter_volumes() {
        // Briefings of 61 pages (62 printed): three fit in 200 pages.
        let mut long = entries(7);
        long.iter_mut().for_each(|e| e.pages = 61);
        let files = plan(DocKind::Briefing, long);
        assert_eq!(files.iter().map(|f| f.entries.len()).collect::<Vec<_>>(), [3, 3, 1]);
        assert_eq!(files[1].volume, Volume { index: 2, count: 3, first: 4 });
        // A document longer than a volume is a volume of its own.
        let mut huge = entries(3);
        huge[1].pages = 900;
        let files = plan(DocKind::Briefing, huge);
        assert_eq!(files.iter().map(|f| f.entries.len()).collect::<Vec<_>>(), [1, 1, 1]);
    }
}
