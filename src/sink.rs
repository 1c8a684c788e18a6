//! Where a build's outputs go while they are made: each document's files
//! into the staging folder, each letter into the zip, each key into the
//! record, until [`Sink::commit`] puts the new output in place of the old.

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::bundle::{Bundle, ManifestRow};
use crate::documents::Document;
use crate::error::Error;
use crate::layout;
use crate::output::Staging;
use crate::pipeline::Stages;
use crate::reuse::{self, Digests, Keys};
use crate::schedule::{Compiled, Files};
use crate::utils::fs::IoError;

/// The output being made.
pub struct Sink<'a> {
    staging: Staging,
    /// The last good output, and the record of its files.
    previous: (&'a Path, &'a Keys),
    /// The letters to zip, in plan order.
    zipped: Vec<Zipped>,
    /// The key of each file written, for the next build.
    keys: Keys,
    zip: ZipThread,
}

/// The thread that makes the zip, and the time it took.
type Making = std::thread::JoinHandle<Result<(Zip, Duration), Error>>;

/// The zip of a build.
enum Zip {
    /// The last output's, which holds the same letters: its record and its path.
    Kept(reuse::Entry, PathBuf),
    /// Written anew, with this digest.
    Written(String),
}

/// A letter to put in the zip: its manifest row, and its PDF's path in the
/// output.
struct Zipped {
    candidate: String,
    list: String,
    commune: String,
    pages: usize,
    sha256: String,
    pdf: String,
}

impl<'a> Sink<'a> {
    /// A new output for `out`, holding the Typst project's own files;
    /// `previous` is the record of the last good output there.
    pub fn new(out: &'a Path, previous: &'a Keys, project_files: &[(String, Vec<u8>)]) -> Result<Sink<'a>, Error> {
        let staging = Staging::new(out)?;
        let mut sink = Sink {
            staging,
            previous: (out, previous),
            zipped: Vec::new(),
            keys: Keys::new(),
            zip: ZipThread::default(),
        };
        for (path, data) in project_files {
            sink.write(&layout::typst_file(path), data)?;
        }
        Ok(sink)
    }

    /// Where a file of the output being made is, while it is made.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.staging.find(rel)
    }

    /// Writes a file of the new output that is not a document's; the last
    /// output's file is kept instead when it has these very bytes.
    pub fn write(&mut self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        let old = self.previous.0.join(rel);
        match std::fs::read(&old).is_ok_and(|old| old == bytes) {
            true => self.staging.keep(rel, &old),
            false => self.staging.write(rel, bytes)?,
        }
        Ok(())
    }

    /// The digest a file was written with in this output.
    pub fn digest_of(&self, rel: &str) -> Option<&str> {
        self.keys.digest_of(rel)
    }

    /// Puts a document's files into the new output: those just made are
    /// written, those of the last good output kept where they are.
    pub fn accept(&mut self, doc: &Document, compiled: &Compiled, stages: &mut Stages) -> Result<(), Error> {
        let Compiled { files, pages, warnings, key, digests } = compiled;
        let t = Instant::now();
        let pdf = doc.output_path();
        let source = doc.describe().source_kept.then(|| layout::typst_file(&doc.source_path()));
        match files {
            Files::New { source: text, output } => {
                self.staging.write(&pdf, output)?;
                self.keys.record(&pdf, key, digests.clone(), *pages, warnings);
                if let Some(source) = &source {
                    self.staging.write(source, text.as_bytes())?;
                    self.keys.record(source, key, Digests::of(text.as_bytes(), false), 0, &[]);
                }
            }
            Files::Kept => {
                for rel in [Some(&pdf), source.as_ref()].into_iter().flatten() {
                    self.staging.keep(rel, &self.previous.0.join(rel));
                    self.keys.carry(self.previous.1, rel);
                }
            }
        }
        if let (true, Some(c)) = (doc.describe().zipped, doc.candidate()) {
            self.zipped.push(Zipped {
                candidate: c.id.clone(),
                list: c.list.clone(),
                commune: c.commune.clone().unwrap_or_default(),
                pages: *pages,
                sha256: digests.sha256.clone().ok_or_else(|| Error::Internal(format!("no SHA-256 for {pdf}")))?,
                pdf,
            });
        }
        stages.write += t.elapsed();
        Ok(())
    }

    /// Starts the zip of the letters and its manifest, once every letter is
    /// in the output: on a thread of its own, while the print files are
    /// made. The last output's zip is kept when it holds the same letters.
    pub fn bundle(&mut self) {
        if self.zipped.is_empty() {
            return;
        }
        let rows: Vec<ManifestRow> = self.zipped.iter().map(Zipped::row).collect();
        let key = reuse::digest(&crate::bundle::manifest(&rows));
        let (out, previous) = self.previous;
        let old = previous.entry(layout::ZIP).filter(|e| e.key == key).map(|e| (e.clone(), out.join(layout::ZIP)));
        let letters: Vec<(Zipped, PathBuf)> = std::mem::take(&mut self.zipped)
            .into_iter()
            .map(|z| {
                let from = self.staging.find(&z.pdf);
                (z, from)
            })
            .collect();
        let path = self.staging.path(layout::ZIP);
        let making = std::thread::spawn(move || {
            let t = Instant::now();
            let zip = match old {
                Some((entry, old)) if entry.holds(&old) => Zip::Kept(entry, old),
                _ => Zip::Written(write_zip(&path, &letters)?),
            };
            Ok((zip, t.elapsed()))
        });
        self.zip.0 = Some((key, making));
    }

    /// Finishes the zip and the record, and puts the new output in place.
    pub fn commit(mut self, stages: &mut Stages) -> Result<(), Error> {
        if let Some((key, making)) = self.zip.0.take() {
            let made = making.join().map_err(|_| Error::Internal("the zip's thread stopped".into()))?;
            let (zip, spent) = made?;
            match zip {
                Zip::Kept(entry, old) => {
                    self.staging.keep(layout::ZIP, &old);
                    self.keys.insert(layout::ZIP, entry);
                }
                Zip::Written(digest) => self.keys.record(layout::ZIP, &key, Digests { digest, sha256: None }, 0, &[]),
            }
            stages.zip += spent;
        }
        let t = Instant::now();
        self.staging.write(layout::KEYS, &self.keys.to_json())?;
        self.staging.commit(layout::KEYS)?;
        stages.write += t.elapsed();
        Ok(())
    }
}

/// The zip being made, if it is: its key, and the thread that writes it.
/// A run that stops before its commit waits for the thread, which writes
/// into the staging folder about to be removed.
#[derive(Default)]
struct ZipThread(Option<(String, Making)>);

impl Drop for ZipThread {
    fn drop(&mut self) {
        if let Some((_, making)) = self.0.take() {
            let _ = making.join();
        }
    }
}

impl Zipped {
    fn row(&self) -> ManifestRow<'_> {
        ManifestRow {
            candidate: &self.candidate,
            list: &self.list,
            commune: &self.commune,
            file: self.pdf.rsplit('/').next().unwrap_or(&self.pdf),
            pages: self.pages,
            sha256: &self.sha256,
        }
    }
}

/// Writes the zip of `letters` (each with where its PDF is) to `path`,
/// flushed to the disk; its digest.
fn write_zip(path: &Path, letters: &[(Zipped, PathBuf)]) -> Result<String, Error> {
    let zip_error = |e: zip::result::ZipError| {
        let source = match e {
            zip::result::ZipError::Io(e) => e,
            other => std::io::Error::other(other),
        };
        Error::Io(IoError::at(path)(source))
    };
    let file = File::create(path).map_err(IoError::at(path))?;
    // Buffered before the digest, which is fastest on long pieces.
    let mut bundle = Bundle::streamed(BufWriter::with_capacity(1 << 16, reuse::Tee::new(file)));
    for (z, from) in letters {
        let pdf = std::fs::read(from).map_err(IoError::at(from))?;
        bundle.add(&z.row(), &pdf).map_err(zip_error)?;
    }
    let buffered = bundle.finish().map_err(zip_error)?.into_inner();
    let (file, hash) = buffered.into_inner().map_err(|e| zip_error(e.into_error().into()))?.into_parts();
    file.sync_all().map_err(IoError::at(path))?;
    Ok(hash.hex())
}
