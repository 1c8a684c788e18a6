//! Rebuilding only what changed: each document's key, and what the last
//! good output can give back.
//!
//! A document's key is a digest of everything that decides its bytes: the
//! view its template is filled with and the templates (which together
//! decide its Typst source, so that an unchanged document is not even
//! rendered), the project files it can read (the style, the images), the
//! fonts, the date, the standard it is held to, and interpel's version and
//! executable. A build records each output file's key, its own digest
//! (BLAKE3) and page count in `out/.interpel-keys.json`; the next build
//! takes a file from there instead of compiling when the keys match and the
//! file still has the recorded digest, so a corrupted or foreign file is
//! never reused. The outputs are byte-identical to a build from scratch,
//! since the same key means the same input to a deterministic compiler.
//!
//! Reading back a thousand letters to check their digests costs more than
//! the rest of a build with nothing to do, so a build also notes what the
//! system says of each file it left (device, inode, size, times of
//! modification and of change, in nanoseconds) in `out/.interpel-seen.json`
//! ([`Seen`]), as git's index does. A file that still shows the same is
//! taken without being read: no program can write to a file, replace it or
//! rename another in its place without changing its time of change, which
//! only the system sets. A file whose time of change is not older than the
//! note itself may have changed within the clock's last tick, and is read.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::diag::{Diagnostic, Warning};
use crate::documents::Format;
use crate::layout;
use crate::render::PARTIALS;

/// Whether a build may take files from the last good output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Rebuild {
    /// Compile only the documents whose key changed.
    #[default]
    Changed,
    /// Compile every document (`--force`).
    All,
}

/// What every document's key shares: interpel's version and executable,
/// the date, the project's files, the partial templates and the fonts; and
/// each template's own digest.
#[derive(Debug, Clone)]
pub struct Base {
    shared: [u8; 32],
    templates: BTreeMap<String, [u8; 32]>,
}

impl Base {
    /// The digest of what every document of a run depends on besides its
    /// own view and template: the partial templates among `templates` (name
    /// and text; any template may use any of them), the `project_files`
    /// (path and bytes), the `date`, and the font folders (each font file's
    /// path, size and time of change).
    pub fn new<'t>(
        templates: impl Iterator<Item = (&'t str, &'t str)>,
        project_files: &[(String, Vec<u8>)],
        date: &str,
        font_paths: &[std::path::PathBuf],
    ) -> Base {
        let mut hash = blake3::Hasher::new();
        let (partials, tops): (Vec<_>, Vec<_>) = templates.partition(|(name, _)| name.starts_with(PARTIALS));
        for (name, text) in partials {
            field(&mut hash, name.as_bytes());
            field(&mut hash, text.as_bytes());
        }
        // A template may also use another by its name, as a partial: it
        // depends on those it names too.
        let mut own = BTreeMap::new();
        for (name, text) in &tops {
            let mut template = blake3::Hasher::new();
            for (other, other_text) in tops.iter().filter(|(other, _)| other == name || text.contains(*other)) {
                field(&mut template, other.as_bytes());
                field(&mut template, other_text.as_bytes());
            }
            own.insert(name.to_string(), template.finalize().into());
        }
        field(&mut hash, env!("CARGO_PKG_VERSION").as_bytes());
        // The program itself, by size and time: a rebuilt interpel (or typst
        // within it) may compile the same source to other bytes.
        let program = std::env::current_exe().and_then(std::fs::metadata).ok();
        let stamp =
            program.map(|m| (m.len(), m.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())));
        field(&mut hash, format!("{stamp:?}").as_bytes());
        field(&mut hash, date.as_bytes());
        for (path, bytes) in project_files {
            field(&mut hash, path.as_bytes());
            field(&mut hash, bytes);
        }
        for dir in font_paths {
            let mut fonts = Vec::new();
            font_files(dir, &mut fonts);
            fonts.sort();
            for font in fonts {
                field(&mut hash, font.as_bytes());
            }
        }
        Base { shared: hash.finalize().into(), templates: own }
    }

    /// What the documents made from `template` depend on besides their
    /// view and what they read: interpel, the date, the project files, the
    /// partials, the fonts and that template. Recorded for the print files,
    /// so that a build knows, before making them, whether the print
    /// template changed since the last output.
    pub fn binding(&self, template: &str) -> String {
        let mut hash = blake3::Hasher::new();
        hash.update(&self.shared);
        field(&mut hash, template.as_bytes());
        field(&mut hash, self.templates.get(template).map_or(&[][..], |d| &d[..]));
        hash.finalize().to_hex().to_string()
    }

    /// The key of a document rendered from `template` filled with `view`
    /// and made into `format`;
    /// `reads`, the digests of the files of the run it reads (the PDFs a
    /// print file binds).
    pub fn key<'d>(
        &self,
        template: &str,
        view: &impl Serialize,
        format: Format,
        reads: impl Iterator<Item = &'d str>,
    ) -> String {
        let mut hash = blake3::Hasher::new();
        hash.update(&self.shared);
        field(&mut hash, format!("{template} {format:?}").as_bytes());
        field(&mut hash, self.templates.get(template).map_or(&[][..], |d| &d[..]));
        // The view as JSON, which is what the templates see: a digest of it
        // is one field of the key. Written out whole first, since BLAKE3 is
        // fast on long inputs and slow on the JSON writer's small pieces.
        let json = serde_json::to_vec(view).expect("a view serializes to JSON");
        field(&mut hash, blake3::hash(&json).as_bytes());
        for digest in reads {
            field(&mut hash, digest.as_bytes());
        }
        hash.finalize().to_hex().to_string()
    }
}

/// A writer that hashes what goes through it.
pub struct Tee<W> {
    inner: W,
    hash: Hasher,
}

impl<W: std::io::Write> Tee<W> {
    pub fn new(inner: W) -> Self {
        Tee { inner, hash: Hasher::default() }
    }

    /// The writer, and the digest of what was written to it.
    pub fn into_parts(self) -> (W, Hasher) {
        (self.inner, self.hash)
    }
}

impl<W: std::io::Write> std::io::Write for Tee<W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(bytes)?;
        self.hash.0.update(&bytes[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// A digest of what is written to it, as [`digest`] makes it.
#[derive(Default)]
pub struct Hasher(blake3::Hasher);

impl Hasher {
    /// The digest, as recorded.
    pub fn hex(self) -> String {
        self.0.finalize().to_hex().to_string()
    }
}

impl std::io::Write for Hasher {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.update(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Hashes `bytes` with its length, so that fields cannot run into each other.
fn field(hash: &mut blake3::Hasher, bytes: &[u8]) {
    hash.update(&(bytes.len() as u64).to_le_bytes());
    hash.update(bytes);
}

/// Every file under `dir`, as « path size modified », for the fonts' part of
/// the key: a font replaced or added rebuilds everything.
fn font_files(dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        match entry.metadata() {
            Ok(m) if m.is_dir() => font_files(&path, out),
            Ok(m) => {
                let modified = m.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
                out.push(format!("{} {} {:?}", path.display(), m.len(), modified));
            }
            Err(_) => {}
        }
    }
}

/// The digest of an output file's bytes, as recorded and checked: BLAKE3,
/// which checks the whole last output faster than it is read from disk.
pub fn digest(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

/// A file's digests as recorded: its [`digest`] and, for a file published
/// with its SHA-256, that too.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Digests {
    pub digest: String,
    pub sha256: Option<String>,
}

impl Digests {
    /// The digests of `bytes`; their SHA-256 when `published`.
    pub fn of(bytes: &[u8], published: bool) -> Digests {
        Digests { digest: digest(bytes), sha256: published.then(|| sha256(bytes)) }
    }
}

/// The SHA-256 of a file that others verify with common tools: a letter,
/// in the zip's manifest.
pub fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// One output file as recorded: the key it was made from, the digest of
/// its bytes (and their SHA-256 for a letter of the zip), its pages (for a
/// PDF) and the warnings typst gave making it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Entry {
    pub key: String,
    pub digest: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    #[serde(default)]
    pub pages: usize,
    /// Typst's warnings, a list per compilation (the PDF, the web page).
    #[serde(default)]
    pub warnings: Vec<Vec<Diagnostic>>,
}

impl Entry {
    /// Whether the file at `path` has the bytes recorded.
    pub fn holds(&self, path: &Path) -> bool {
        // Hashed as it is read: no room to find for a whole zip of letters.
        let Ok(file) = std::fs::File::open(path) else { return false };
        let mut hash = blake3::Hasher::new();
        hash.update_reader(file).is_ok() && hash.finalize().to_hex().as_str() == self.digest
    }
}

/// What the system says of a file: enough to tell that nothing wrote to
/// it, replaced it or moved another in its place since. Device, inode,
/// size, and the times of modification and of change (of the content or
/// the inode) in nanoseconds since 1970; written as a list, to keep the
/// note small.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Stamp(u64, u64, u64, i64, i64);

impl Stamp {
    /// The stamp of the file at `path`, where the system gives one.
    #[cfg(unix)]
    fn of(path: &Path) -> Option<Stamp> {
        use std::os::unix::fs::MetadataExt;
        let m = std::fs::symlink_metadata(path).ok().filter(|m| m.is_file())?;
        let ns = |secs: i64, nanos: i64| secs.checked_mul(1_000_000_000)?.checked_add(nanos);
        Some(Stamp(m.dev(), m.ino(), m.len(), ns(m.mtime(), m.mtime_nsec())?, ns(m.ctime(), m.ctime_nsec())?))
    }

    /// Elsewhere, no stamp: every file is read to be checked.
    #[cfg(not(unix))]
    fn of(_path: &Path) -> Option<Stamp> {
        None
    }

    /// The time of change.
    fn changed(&self) -> i64 {
        self.4
    }
}

/// What a build saw of the files it left in the output folder, each with
/// the bytes the record of keys gives it: their [`Stamp`]s, and the digest
/// of that record. The next build takes a file whose stamp is unchanged as
/// having the recorded bytes, without reading it.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Seen {
    record: String,
    files: HashMap<String, Stamp>,
    /// The note's own time of change, which the file system's clock set
    /// after every stamp in it was taken.
    #[serde(skip)]
    noted: Option<i64>,
}

impl Seen {
    /// The note of the output folder `out`, if it goes with the record of
    /// keys `record` (its bytes' [`digest`]); an empty one otherwise.
    fn of(out: &Path, record: &str) -> Seen {
        let path = out.join(layout::SEEN);
        let Some(noted) = Stamp::of(&path) else { return Seen::default() };
        let seen: Option<Seen> = std::fs::read(&path).ok().and_then(|bytes| serde_json::from_slice(&bytes).ok());
        let seen = seen.filter(|seen| seen.record == record);
        seen.map(|seen| Seen { noted: Some(noted.changed()), ..seen }).unwrap_or_default()
    }

    /// Notes what the system says of every file of `keys` in `out`, whose
    /// record was written as `record`, for the next build. Nothing is lost
    /// if it fails: that build reads the files.
    pub fn note(out: &Path, keys: &Keys, record: &[u8]) {
        let stamp = |rel: &String| Some((rel.clone(), Stamp::of(&out.join(rel))?));
        let files = keys.files.keys().filter_map(stamp).collect();
        let seen = Seen { record: digest(record), files, noted: None };
        let path = out.join(layout::SEEN);
        if serde_json::to_vec(&seen).ok().and_then(|json| std::fs::write(&path, json).ok()).is_none() {
            let _ = std::fs::remove_file(&path);
        }
    }

    /// Whether the file `rel`, at `path`, shows what it showed when the
    /// note was taken, which was before the note's clock tick.
    fn vouches(&self, rel: &str, path: &Path) -> bool {
        let (Some(noted), Some(stamp)) = (self.noted, self.files.get(rel)) else { return false };
        stamp.changed() < noted && Stamp::of(path).as_ref() == Some(stamp)
    }
}

/// The keys of an output folder's files, by path under it.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Keys {
    version: String,
    /// What the files that bind the documents (the print files) were made
    /// with, besides the documents: see [`Base::binding`].
    #[serde(default)]
    binding: String,
    files: BTreeMap<String, Entry>,
    /// What the last build saw of the files, read with the record.
    #[serde(skip)]
    seen: Seen,
}

impl Keys {
    /// An empty record, for the output being made.
    pub fn new() -> Keys {
        Keys {
            version: env!("CARGO_PKG_VERSION").into(),
            binding: String::new(),
            files: BTreeMap::new(),
            seen: Seen::default(),
        }
    }

    /// The record of the output folder `out`, if it has a readable one made
    /// by this version of interpel; an empty one otherwise.
    pub fn of(out: &Path) -> Keys {
        let read = std::fs::read(out.join(layout::KEYS)).ok();
        let Some(bytes) = read else { return Keys::default() };
        let keys: Option<Keys> = serde_json::from_slice(&bytes).ok();
        let keys = keys.filter(|k| k.version == env!("CARGO_PKG_VERSION"));
        keys.map(|keys| Keys { seen: Seen::of(out, &digest(&bytes)), ..keys }).unwrap_or_default()
    }

    /// What the print files of this output were made with besides the
    /// documents ([`Base::binding`]); empty if unknown.
    pub fn binding(&self) -> &str {
        &self.binding
    }

    /// Records what the print files were made with besides the documents.
    pub fn set_binding(&mut self, binding: &str) {
        self.binding = binding.to_string();
    }

    /// Records `path`, made from `key`.
    pub fn record(&mut self, path: &str, key: &str, digest: Digests, pages: usize, warnings: &[Warning]) {
        // Only typst's warnings come back with the file: a missing web page
        // is not recorded, so the next build tries again.
        let warnings = warnings
            .iter()
            .filter_map(|w| match w {
                Warning::Typst(diagnostics) => Some(diagnostics.clone()),
                _ => None,
            })
            .collect();
        let Digests { digest, sha256 } = digest;
        let entry = Entry { key: key.into(), digest, sha256, pages, warnings };
        self.files.insert(path.to_string(), entry);
    }

    /// Records `path` as `previous` recorded it: a file kept from there.
    pub fn carry(&mut self, previous: &Keys, path: &str) {
        if let Some(entry) = previous.entry(path) {
            self.insert(path, entry.clone());
        }
    }

    /// The digest recorded for `path`.
    pub fn digest_of(&self, path: &str) -> Option<&str> {
        self.files.get(path).map(|e| e.digest.as_str())
    }

    /// What is recorded of the file `path` of the output folder `out`, when
    /// it was made from `key` and still has the bytes it was made with.
    pub fn check(&self, out: &Path, path: &str, key: &str) -> Option<Entry> {
        let entry = self.files.get(path).filter(|e| e.key == key)?;
        self.intact(out, path, entry).then(|| entry.clone())
    }

    /// Whether the file `path` of the output folder `out` still has the
    /// bytes `entry` records: untouched since the last build saw it with
    /// them, or read and found so.
    fn intact(&self, out: &Path, path: &str, entry: &Entry) -> bool {
        let full = out.join(path);
        self.seen.vouches(path, &full) || entry.holds(&full)
    }

    /// Whether the last build saw the file `path` of `out` with the bytes
    /// recorded, and nothing has touched it since.
    pub fn untouched(&self, out: &Path, path: &str) -> bool {
        self.seen.vouches(path, &out.join(path))
    }

    /// What is recorded of `path`.
    pub fn entry(&self, path: &str) -> Option<&Entry> {
        self.files.get(path)
    }

    /// Records `path` as `entry` says.
    pub fn insert(&mut self, path: &str, entry: Entry) {
        self.files.insert(path.to_string(), entry);
    }

    /// The record as written to the output folder.
    pub fn to_json(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }

    /// The record as written to the output folder, with the entries of
    /// `previous` for the paths that `which` names, in place of this
    /// record's: the files the last output has there, still in place.
    pub fn to_json_with(&self, previous: &Keys, which: impl Fn(&str) -> bool) -> Vec<u8> {
        #[derive(Serialize)]
        struct Record<'a> {
            version: &'a str,
            binding: &'a str,
            files: BTreeMap<&'a str, &'a Entry>,
        }
        let ours = self.files.iter().filter(|(path, _)| !which(path));
        let theirs = previous.files.iter().filter(|(path, _)| which(path));
        let files = ours.chain(theirs).map(|(path, entry)| (path.as_str(), entry)).collect();
        let record = Record { version: &self.version, binding: &previous.binding, files };
        serde_json::to_vec(&record).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::Standard;

    #[test]
    fn keys_change_with_what_decides_the_bytes() {
        let files = vec![("/style.typ".to_string(), b"#let x = 1".to_vec())];
        let templates = [("letter.typ.hbs", "{{x}}")];
        let new = |files, date| Base::new(templates.into_iter(), files, date, &[]);
        let base = new(&files, "2026-11-22");
        let key_of = |base: &Base, source: &str, standard, reads: &[&str]| {
            base.key("letter.typ.hbs", &source, standard, reads.iter().copied())
        };
        let key = key_of(&base, "= Hello", Format::Pdf(Standard::Archival), &[]);
        assert_eq!(key, key_of(&new(&files, "2026-11-22"), "= Hello", Format::Pdf(Standard::Archival), &[]));
        assert_ne!(key, key_of(&base, "= Hello!", Format::Pdf(Standard::Archival), &[]));
        assert_ne!(key, key_of(&base, "= Hello", Format::Pdf(Standard::Accessible), &[]));
        assert_ne!(key, key_of(&base, "= Hello", Format::Html, &[]));
        assert_ne!(key, key_of(&base, "= Hello", Format::Pdf(Standard::Archival), &["a"]));
        assert_ne!(
            key_of(&base, "= Hello", Format::Pdf(Standard::Archival), &["ab"]),
            key_of(&base, "= Hello", Format::Pdf(Standard::Archival), &["a", "b"])
        );
        assert_ne!(key, key_of(&new(&files, "2026-11-23"), "= Hello", Format::Pdf(Standard::Archival), &[]));
        let style = vec![("/style.typ".to_string(), b"#let x = 2".to_vec())];
        assert_ne!(key, key_of(&new(&style, "2026-11-22"), "= Hello", Format::Pdf(Standard::Archival), &[]));
        let other_template = Base::new([("letter.typ.hbs", "{{y}}")].into_iter(), &files, "2026-11-22", &[]);
        assert_ne!(key, key_of(&other_template, "= Hello", Format::Pdf(Standard::Archival), &[]));
        let other_partial = [("letter.typ.hbs", "{{x}}"), ("partials/p.typ.hbs", "{{z}}")];
        assert_ne!(
            key,
            key_of(
                &Base::new(other_partial.into_iter(), &files, "2026-11-22", &[]),
                "= Hello",
                Format::Pdf(Standard::Archival),
                &[]
            )
        );
        // Another document's template is not this one's.
        let proof = [("letter.typ.hbs", "{{x}}"), ("proof.typ.hbs", "{{z}}")];
        assert_eq!(
            key,
            key_of(
                &Base::new(proof.into_iter(), &files, "2026-11-22", &[]),
                "= Hello",
                Format::Pdf(Standard::Archival),
                &[]
            )
        );
        assert_ne!(key, base.key("proof.typ.hbs", &"= Hello", Format::Pdf(Standard::Archival), std::iter::empty()));
        // What the print files are made with besides the documents.
        let binding = base.binding("print.typ.hbs");
        assert_eq!(binding, new(&files, "2026-11-22").binding("print.typ.hbs"));
        assert_ne!(binding, new(&files, "2026-11-23").binding("print.typ.hbs"));
        let print = |text| Base::new([("print.typ.hbs", text)].into_iter(), &files, "2026-11-22", &[]);
        assert_ne!(print("{{a}}").binding("print.typ.hbs"), print("{{b}}").binding("print.typ.hbs"));
        // Unless this one uses it by its name.
        let key_with = |templates: [(&'static str, &'static str); 2]| {
            let base = Base::new(templates.into_iter(), &files, "2026-11-22", &[]);
            key_of(&base, "= Hello", Format::Pdf(Standard::Archival), &[])
        };
        assert_ne!(
            key_with([("letter.typ.hbs", "{{> proof.typ.hbs}}"), ("proof.typ.hbs", "{{z}}")]),
            key_with([("letter.typ.hbs", "{{> proof.typ.hbs}}"), ("proof.typ.hbs", "{{y}}")])
        );
    }

    #[test]
    fn a_changed_or_foreign_file_is_not_taken() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("letters")).unwrap();
        std::fs::write(dir.path().join("letters/a.pdf"), b"%PDF a").unwrap();
        let mut keys = Keys::new();
        keys.record("letters/a.pdf", "k", Digests::of(b"%PDF a", true), 1, &[]);
        std::fs::write(dir.path().join(layout::KEYS), keys.to_json()).unwrap();
        let keys = Keys::of(dir.path());
        assert_eq!(keys.check(dir.path(), "letters/a.pdf", "k").unwrap().pages, 1);
        assert!(keys.check(dir.path(), "letters/a.pdf", "other").is_none());
        std::fs::write(dir.path().join("letters/a.pdf"), b"%PDF b").unwrap();
        assert!(keys.check(dir.path(), "letters/a.pdf", "k").is_none(), "a changed file was reused");
        std::fs::write(dir.path().join(layout::KEYS), b"{not json").unwrap();
        assert!(Keys::of(dir.path()).check(dir.path(), "letters/a.pdf", "k").is_none());
    }

    #[cfg(unix)]
    #[test]
    fn a_file_is_taken_unread_only_while_the_system_shows_it_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        std::fs::create_dir_all(out.join("letters")).unwrap();
        let pdf = out.join("letters/a.pdf");
        std::fs::write(&pdf, b"%PDF a").unwrap();
        let mut keys = Keys::new();
        keys.record("letters/a.pdf", "k", Digests::of(b"%PDF a", true), 1, &[]);
        let record = keys.to_json();
        std::fs::write(out.join(layout::KEYS), &record).unwrap();
        // A tick of the file system's clock between the file and the note.
        std::thread::sleep(std::time::Duration::from_millis(30));
        Seen::note(out, &keys, &record);
        let keys = Keys::of(out);
        assert!(keys.untouched(out, "letters/a.pdf"));
        assert!(!keys.untouched(out, "letters/b.pdf"), "a file the note does not name");
        // A note taken in the same tick as the file vouches for nothing.
        let stamp = Stamp::of(&pdf).unwrap();
        let same_tick = Seen {
            record: String::new(),
            files: HashMap::from([("letters/a.pdf".to_string(), stamp.clone())]),
            noted: Some(stamp.changed()),
        };
        assert!(!same_tick.vouches("letters/a.pdf", &pdf));
        // Written over with as many bytes, its time of modification put
        // back: the time of change tells, and the file is read.
        let modified = std::fs::metadata(&pdf).unwrap().modified().unwrap();
        std::fs::write(&pdf, b"%PDF b").unwrap();
        std::fs::File::options().write(true).open(&pdf).unwrap().set_modified(modified).unwrap();
        assert!(!keys.untouched(out, "letters/a.pdf"));
        assert!(keys.check(out, "letters/a.pdf", "k").is_none(), "a changed file was reused");
        // A note that goes with another record is not read.
        std::fs::write(&pdf, b"%PDF a").unwrap();
        std::thread::sleep(std::time::Duration::from_millis(30));
        Seen::note(out, &keys, &record);
        assert!(Keys::of(out).untouched(out, "letters/a.pdf"));
        let mut other = record.clone();
        other.push(b'\n');
        std::fs::write(out.join(layout::KEYS), &other).unwrap();
        assert!(!Keys::of(out).untouched(out, "letters/a.pdf"));
    }
}
