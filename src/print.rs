//! The print files: a run's letters, or its briefings, in PDFs to print
//! duplex, each after a cover sheet that lists what it holds.
//!
//! Each document's pages are taken from its own PDF as written (typst
//! embeds them as vector graphics), so what is printed is exactly what is
//! archived and sent, and each document starts on a right-hand page.
//! Embedding costs memory in proportion to the pages of a file, so a large
//! campaign is printed in volumes of at most [`VOLUME`] documents and
//! [`VOLUME_PAGES`] pages.

use std::path::PathBuf;

use crate::documents::DocKind;
use crate::layout;
use crate::view::{PrintEntry, Volume};

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

/// One print file to make: a document of the run's second round
/// ([`crate::documents::Document::volume`]).
#[derive(Debug, Clone)]
pub struct PrintFile {
    /// Its name: `letters`, or `letters-02` for the second of several
    /// volumes (see [`layout::print_name`]).
    pub name: String,
    /// What it binds: the letters or the briefings.
    pub bound: DocKind,
    pub volume: Volume,
    /// Its documents, each naming its PDF under the output folder.
    pub entries: Vec<PrintEntry>,
    /// Where those PDFs are on the disk, as this run wrote them, and their
    /// digests: what the print file is compiled from, and part of its key.
    pub reads: Vec<(PathBuf, String)>,
}

/// The print files of `entries` (all letters, or all briefings), in order,
/// in volumes of at most [`VOLUME`] documents and [`VOLUME_PAGES`] pages;
/// `reads` gives each entry's PDF on the disk and its digest.
pub fn plan(
    bound: DocKind,
    entries: Vec<PrintEntry>,
    reads: impl Fn(&PrintEntry) -> (PathBuf, String),
) -> Vec<PrintFile> {
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
        let name = layout::print_name(bound, index, count);
        let reads = entries.iter().map(&reads).collect();
        files.push(PrintFile { name, bound, volume, entries, reads });
    }
    files
}

/// A print file of no documents, its cover alone: what `check` compiles,
/// as it writes no PDFs to take pages from.
pub fn cover(bound: DocKind) -> PrintFile {
    PrintFile {
        name: layout::print_name(bound, 1, 1),
        bound,
        volume: Volume { index: 1, count: 1, first: 1 },
        entries: Vec::new(),
        reads: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nowhere(e: &PrintEntry) -> (PathBuf, String) {
        (PathBuf::from(&e.file), String::new())
    }

    fn entries(n: usize) -> Vec<PrintEntry> {
        (0..n)
            .map(|i| PrintEntry {
                title: format!("L{i}"),
                detail: String::new(),
                file: format!("letters/l{i}.pdf"),
                pages: 2,
                alt: String::new(),
            })
            .collect()
    }

    #[test]
    fn one_file_up_to_a_volume_then_numbered_volumes() {
        let one = plan(DocKind::Letter, entries(VOLUME), nowhere);
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].name, "letters");
        assert_eq!(one[0].reads.len(), VOLUME);
        let three = plan(DocKind::Briefing, entries(2 * VOLUME + 1), nowhere);
        let names: Vec<&str> = three.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["briefings-01", "briefings-02", "briefings-03"]);
        assert_eq!(three[2].volume, Volume { index: 3, count: 3, first: 2 * VOLUME + 1 });
        assert_eq!(three[2].entries.len(), 1);
        assert_eq!(three.iter().map(|f| f.entries.len()).sum::<usize>(), 2 * VOLUME + 1);
        assert!(plan(DocKind::Letter, Vec::new(), nowhere).is_empty());
    }

    #[test]
    fn long_documents_make_shorter_volumes() {
        // Briefings of 61 pages (62 printed): three fit in 200 pages.
        let mut long = entries(7);
        long.iter_mut().for_each(|e| e.pages = 61);
        let files = plan(DocKind::Briefing, long, nowhere);
        assert_eq!(files.iter().map(|f| f.entries.len()).collect::<Vec<_>>(), [3, 3, 1]);
        assert_eq!(files[1].volume, Volume { index: 2, count: 3, first: 4 });
        // A document longer than a volume is a volume of its own.
        let mut huge = entries(3);
        huge[1].pages = 900;
        let files = plan(DocKind::Briefing, huge, nowhere);
        assert_eq!(files.iter().map(|f| f.entries.len()).collect::<Vec<_>>(), [1, 1, 1]);
    }
}
