//! Where a build's outputs go while they are made: each document's files
//! into the staging folder, each letter into the zip, each key into the
//! record, until [`Sink::commit`] puts the new output in place of the old.

use std::fs::File;
use std::io::BufWriter;
use std::path::Path;
use std::time::Instant;

use crate::bundle::{Bundle, ManifestRow};
use crate::documents::Document;
use crate::error::Error;
use crate::layout;
use crate::output::Staging;
use crate::pipeline::Stages;
use crate::reuse::Keys;
use crate::schedule::Compiled;
use crate::utils::fs::IoError;

/// The output being made.
pub struct Sink {
    staging: Staging,
    bundle: Option<Bundle<BufWriter<File>>>,
    /// The key of each file written, for the next build.
    keys: Keys,
}

impl Sink {
    /// A new output for `out`, holding the Typst project's own files.
    pub fn new(out: &Path, project_files: &[(String, Vec<u8>)]) -> Result<Sink, Error> {
        let staging = Staging::new(out)?;
        for (path, data) in project_files {
            staging.write(&layout::typst_file(path), data)?;
        }
        Ok(Sink { staging, bundle: None, keys: Keys::new() })
    }

    /// Where a file of the output being made is, while it is made.
    pub fn path(&self, rel: &str) -> std::path::PathBuf {
        self.staging.find(rel)
    }

    /// Writes a file of the new output that is not a document's.
    pub fn write(&mut self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        Ok(self.staging.write(rel, bytes)?)
    }

    /// The digest a file was written with in this output.
    pub fn digest_of(&self, rel: &str) -> Option<&str> {
        self.keys.digest_of(rel)
    }

    /// Writes a document's files into the new output; the PDF and page taken
    /// back from the previous output (in `previous`) are linked, not copied.
    pub fn accept(
        &mut self,
        doc: &Document,
        source: &str,
        compiled: &Compiled,
        previous: &Path,
        stages: &mut Stages,
    ) -> Result<(), Error> {
        let Compiled { pdf, page, warnings, key, digest, reused } = compiled;
        let t = Instant::now();
        // Only files whose content was just checked are kept: the PDF and
        // page by their digest, the source if its copy there is the same.
        let mut put = |path: &str, bytes: &[u8]| match reused {
            true => {
                self.staging.keep(path, &previous.join(path));
                Ok(())
            }
            false => self.staging.write(path, bytes),
        };
        put(&doc.pdf_path(), &pdf.bytes)?;
        if let Some(page) = page {
            put(&layout::web_page(&doc.name()), page.as_bytes())?;
        }
        if doc.describe().source_kept {
            let source_file = layout::typst_file(&doc.source_path());
            let old_source = previous.join(&source_file);
            match *reused && std::fs::read(&old_source).is_ok_and(|old| old == source.as_bytes()) {
                true => self.staging.keep(&source_file, &old_source),
                false => self.staging.write(&source_file, source.as_bytes())?,
            }
        }
        self.keys.record(&doc.pdf_path(), key, digest.clone(), pdf.pages, warnings);
        if let Some(page) = page {
            self.keys.record(&layout::web_page(&doc.name()), key, crate::reuse::digest(page.as_bytes()), 0, &[]);
        }
        stages.write += t.elapsed();
        if let (true, Some(c)) = (doc.describe().zipped, doc.candidate()) {
            let t = Instant::now();
            if self.bundle.is_none() {
                let path = self.staging.path(layout::ZIP);
                let file = File::create(&path).map_err(IoError::at(path))?;
                self.bundle = Some(Bundle::new(BufWriter::new(file)));
            }
            let bundle = self.bundle.as_mut().expect("just created");
            let file = format!("{}.pdf", doc.name());
            let commune = c.commune.as_deref().unwrap_or_default();
            let row =
                ManifestRow { candidate: &c.id, list: &c.list, commune, file: &file, pages: pdf.pages, sha256: digest };
            bundle.add(&row, &pdf.bytes).map_err(|e| self.zip_error(e))?;
            stages.zip += t.elapsed();
        }
        Ok(())
    }

    /// Finishes the zip and the record, and puts the new output in place.
    pub fn commit(mut self, stages: &mut Stages) -> Result<(), Error> {
        let t = Instant::now();
        if let Some(bundle) = self.bundle.take() {
            let writer = bundle.finish().map_err(|e| self.zip_error(e))?;
            writer.into_inner().map_err(|e| self.zip_error(e.into_error().into()))?;
        }
        stages.zip += t.elapsed();
        let t = Instant::now();
        self.staging.write(layout::KEYS, &self.keys.to_json())?;
        self.staging.commit(layout::KEYS)?;
        stages.write += t.elapsed();
        Ok(())
    }

    fn zip_error(&self, e: zip::result::ZipError) -> Error {
        let source = match e {
            zip::result::ZipError::Io(e) => e,
            other => std::io::Error::other(other),
        };
        Error::Io(IoError::at(self.staging.path(layout::ZIP))(source))
    }
}
