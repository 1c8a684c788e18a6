//! The zip of the letters and its manifest, byte-for-byte reproducible.

use std::io::{Seek, Write};

use zip::write::{SimpleFileOptions, StreamWriter};
use zip::{CompressionMethod, DateTime, ZipWriter};

/// The manifest's columns.
const MANIFEST: [&str; 6] = ["candidate", "list", "commune", "file", "pages", "sha256"];

/// One letter's line in the manifest.
pub struct ManifestRow<'a> {
    pub candidate: &'a str,
    pub list: &'a str,
    pub commune: &'a str,
    /// Its name in the zip.
    pub file: &'a str,
    pub pages: usize,
    /// The digest of the PDF, in hexadecimal.
    pub sha256: &'a str,
}

/// A zip being written: letters go in one by one, the manifest last.
pub struct Bundle<W: Write + Seek> {
    zip: ZipWriter<W>,
    manifest: csv::Writer<Vec<u8>>,
}

/// Entries carry a fixed date and mode, so the same letters give the same
/// bytes. PDFs are compressed already: stored, not deflated again.
fn options(method: CompressionMethod) -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(method)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644)
}

/// The manifest of `rows`, as the zip holds it.
pub fn manifest(rows: &[ManifestRow]) -> Vec<u8> {
    let mut manifest = csv::Writer::from_writer(Vec::new());
    manifest.write_record(MANIFEST).expect("in memory");
    for row in rows {
        manifest.write_record(row.fields()).expect("in memory");
    }
    manifest.into_inner().expect("in memory")
}

impl ManifestRow<'_> {
    fn fields(&self) -> [String; 6] {
        let ManifestRow { candidate, list, commune, file, pages, sha256 } = *self;
        [candidate, list, commune, file, &pages.to_string(), sha256].map(str::to_string)
    }
}

impl<W: Write> Bundle<StreamWriter<W>> {
    /// A zip written straight through, never going back: each entry's size
    /// and checksum follow its data, so the zip can be hashed as it is
    /// written.
    pub fn streamed(writer: W) -> Self {
        let mut manifest = csv::Writer::from_writer(Vec::new());
        manifest.write_record(MANIFEST).expect("in memory");
        Bundle { zip: ZipWriter::new_stream(writer), manifest }
    }
}

impl<W: Write + Seek> Bundle<W> {
    /// Adds one letter, `pdf`, under the name its manifest row gives.
    pub fn add(&mut self, row: &ManifestRow<'_>, pdf: &[u8]) -> zip::result::ZipResult<()> {
        self.manifest.write_record(row.fields()).expect("in memory");
        self.zip.start_file(row.file, options(CompressionMethod::Stored))?;
        self.zip.write_all(pdf)?;
        Ok(())
    }

    /// Writes `manifest.csv` and the zip's directory.
    pub fn finish(mut self) -> zip::result::ZipResult<W> {
        let manifest = self.manifest.into_inner().expect("in memory");
        self.zip.start_file(crate::layout::MANIFEST, options(CompressionMethod::Deflated))?;
        self.zip.write_all(&manifest)?;
        self.zip.finish()
    }
}
