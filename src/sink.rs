//! Where a build's outputs go while they are made: each document's files
//! into the staging folder, each letter into the zip, each key into the
//! record, until [`Sink::commit`] puts the new output in place of the old.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
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
    /// The documents are in place in the output folder
    /// ([`Sink::publish`]): the files made after them may go in as soon
    /// as they are whole.
    published: bool,
}

/// The thread that makes the zip, and the time it took.
type Making = std::thread::JoinHandle<Result<(Zip, Duration), Error>>;

/// The zip of a build.
enum Zip {
    /// The last output's, which holds the same letters: its record and its path.
    Kept(reuse::Entry, PathBuf),
    /// Written anew, with this digest; and whether it is in the output
    /// folder already.
    Written(String, bool),
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
            published: false,
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
        let same = std::fs::metadata(&old).is_ok_and(|m| m.len() == bytes.len() as u64)
            && std::fs::read(&old).is_ok_and(|old| old == bytes);
        match same {
            true => self.staging.keep(rel, &old),
            false => self.staging.write(rel, bytes)?,
        }
        Ok(())
    }

    /// A file of the new output that is not a document's, created empty
    /// for another thread to write; [`Sink::adopt`] takes it in once it is
    /// whole.
    pub fn create(&self, rel: &str) -> Result<File, Error> {
        let path = self.staging.path(rel);
        if let Some(parent) = path.parent() {
            crate::utils::fs::create_dir_all(parent)?;
        }
        Ok(File::create(&path).map_err(IoError::at(&path))?)
    }

    /// Takes in a file written where [`Sink::create`] put it; the last
    /// output's file is kept instead when it has these very bytes.
    pub fn adopt(&mut self, rel: &str) -> Result<(), Error> {
        let (new, old) = (self.staging.path(rel), self.previous.0.join(rel));
        if crate::utils::fs::same_bytes(&new, &old) {
            crate::utils::fs::remove_file(&new)?;
            self.staging.keep(rel, &old);
        }
        Ok(())
    }

    /// Puts a copy of the new output's file `from` at `to`; the last
    /// output's file is kept instead when it has the same bytes.
    pub fn copy(&mut self, from: &str, to: &str) -> Result<(), Error> {
        let (from, old) = (self.staging.find(from), self.previous.0.join(to));
        match crate::utils::fs::same_bytes(&from, &old) {
            true => self.staging.keep(to, &old),
            false => crate::utils::fs::copy(&from, &self.staging.path(to))?,
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

    /// Puts the documents in place ahead of what binds them (the print
    /// files and the zip, made next from the documents in place), when the
    /// commit moves files in one by one: with a record of keys that still
    /// gives the print files and the zip as the last output made them, so
    /// that a run stopped before its commit leaves them to the next build.
    /// Whether it did; when it did not, the commit puts everything in place
    /// at once.
    ///
    /// Only when the print files are made as the last output's were
    /// (`binding`, [`crate::reuse::Base::binding`]; empty when the run
    /// makes none): a changed print template may fail, and a build that
    /// fails on its templates leaves the last good output as it was.
    pub fn publish(&mut self, binding: &str, stages: &mut Stages) -> Result<bool, Error> {
        self.keys.set_binding(binding);
        if binding.is_empty() || self.previous.1.binding() != binding {
            return Ok(false);
        }
        let t = Instant::now();
        let record = self.keys.to_json_with(self.previous.1, layout::binds_documents);
        self.published = self.staging.publish(layout::KEYS, &record, layout::binds_documents)?;
        stages.write += t.elapsed();
        Ok(self.published)
    }

    /// Starts the zip of the letters and its manifest, once every letter is
    /// in the output: on a thread of its own, while the print files are
    /// made. The last output's zip is kept when it holds the same letters.
    /// Once the documents are published, a new zip goes into the output
    /// folder as soon as it is on the disk, in place of the last one (whose
    /// record, that of another zip, keeps it from being taken back should
    /// the run stop before its commit); the commit then has that much less
    /// to wait for.
    pub fn bundle(&mut self) {
        if self.zipped.is_empty() {
            return;
        }
        let rows: Vec<ManifestRow> = self.zipped.iter().map(Zipped::row).collect();
        let key = reuse::digest(&crate::bundle::manifest(&rows));
        let (out, previous) = self.previous;
        let old = previous
            .entry(layout::ZIP)
            .filter(|e| e.key == key)
            .map(|e| (e.clone(), out.join(layout::ZIP), previous.untouched(out, layout::ZIP)));
        let letters: Vec<(Zipped, PathBuf)> = std::mem::take(&mut self.zipped)
            .into_iter()
            .map(|z| {
                let from = self.staging.find(&z.pdf);
                (z, from)
            })
            .collect();
        let path = self.staging.path(layout::ZIP);
        let place = self.published.then(|| out.join(layout::ZIP));
        let making = std::thread::spawn(move || {
            let t = Instant::now();
            let zip = match old {
                Some((entry, old, untouched)) if untouched || entry.holds(&old) => Zip::Kept(entry, old),
                _ => {
                    let digest = write_zip(&path, &letters)?;
                    if let Some(place) = &place {
                        crate::utils::fs::rename(&path, place)?;
                    }
                    Zip::Written(digest, place.is_some())
                }
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
                Zip::Written(digest, placed) => {
                    if placed {
                        self.staging.keep(layout::ZIP, &self.previous.0.join(layout::ZIP));
                    }
                    self.keys.record(layout::ZIP, &key, Digests { digest, sha256: None }, 0, &[]);
                }
            }
            stages.zip += spent;
        }
        let t = Instant::now();
        let record = self.keys.to_json();
        self.staging.write(layout::KEYS, &record)?;
        self.staging.commit(layout::KEYS)?;
        reuse::Seen::note(self.previous.0, &self.keys, &record);
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
    let file = File::create(path).and_then(Writeback::new).map_err(IoError::at(path))?;
    // Buffered before the digest, which is fastest on long pieces.
    let mut bundle = Bundle::streamed(BufWriter::with_capacity(1 << 16, reuse::Tee::new(file)));
    for (z, from) in letters {
        let pdf = std::fs::read(from).map_err(IoError::at(from))?;
        bundle.add(&z.row(), &pdf).map_err(zip_error)?;
    }
    let buffered = bundle.finish().map_err(zip_error)?.into_inner();
    let (file, hash) = buffered.into_inner().map_err(|e| zip_error(e.into_error().into()))?.into_parts();
    file.finish().map_err(IoError::at(path))?;
    Ok(hash.hex())
}

/// How much of a file is written between two flushes of [`Writeback`].
const WRITEBACK: usize = 4 << 20;

/// A file sent to the disk while it is written: a thread of its own
/// flushes what is written so far each time [`WRITEBACK`] bytes more are,
/// so that the disk writes while the file is made, and the flush at its
/// end waits for the last few megabytes, not the whole file.
struct Writeback {
    file: File,
    /// Written since the last flush was asked for.
    unflushed: usize,
    /// Asks the flushing thread for a flush; it ends with the first error.
    flush: mpsc::SyncSender<()>,
    flusher: std::thread::JoinHandle<std::io::Result<()>>,
}

impl Writeback {
    fn new(file: File) -> std::io::Result<Writeback> {
        let other = file.try_clone()?;
        // One flush asked for while another runs: the next takes in what
        // is written meanwhile.
        let (flush, asked) = mpsc::sync_channel::<()>(1);
        let flusher = std::thread::Builder::new().name("zip-flush".into()).spawn(move || {
            for () in asked {
                other.sync_data()?;
            }
            Ok(())
        })?;
        Ok(Writeback { file, unflushed: 0, flush, flusher })
    }

    /// Waits for the flushes asked for, then flushes the rest.
    fn finish(self) -> std::io::Result<()> {
        let Writeback { file, flush, flusher, .. } = self;
        drop(flush);
        flusher.join().map_err(|_| std::io::Error::other("the thread flushing the zip stopped"))??;
        file.sync_all()
    }
}

impl Write for Writeback {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let n = self.file.write(bytes)?;
        self.unflushed += n;
        if self.unflushed >= WRITEBACK {
            // A flusher that stopped on an error reports it in `finish`.
            let _ = self.flush.try_send(());
            self.unflushed = 0;
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}
