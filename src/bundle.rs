//! The zip of the letters and its manifest, byte-for-byte reproducible.

use std::io::{Cursor, Write};

use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// One letter in the bundle.
pub struct Entry<'a> {
    pub candidate: &'a str,
    pub list: &'a str,
    pub commune: &'a str,
    /// The entry name in the zip, e.g. `paul-planque.pdf`.
    pub file: String,
    pub pages: usize,
    pub pdf: &'a [u8],
}

/// The manifest: one row per letter with its pages and SHA-256.
pub fn manifest(entries: &[Entry<'_>]) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(["candidate", "list", "commune", "file", "pages", "sha256"]).expect("in memory");
    for e in entries {
        let digest = Sha256::digest(e.pdf);
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        writer.write_record([e.candidate, e.list, e.commune, &e.file, &e.pages.to_string(), &hex]).expect("in memory");
    }
    writer.into_inner().expect("in memory")
}

/// The zip of every letter and `manifest.csv`. Entries carry a fixed date
/// and mode, so the same letters give the same bytes.
pub fn zip(entries: &[Entry<'_>]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    let mut add = |name: &str, data: &[u8]| {
        zip.start_file(name, options).expect("in memory");
        zip.write_all(data).expect("in memory");
    };
    add("manifest.csv", &manifest(entries));
    for e in entries {
        add(&e.file, e.pdf);
    }
    zip.finish().expect("in memory").into_inner()
}
