//! The Typst world: a virtual project served from memory, fonts loaded once.
//!
//! The compiler sees exactly the files of the generated Typst project (the
//! style, the other plain Typst files of `templates/` and the images named in
//! `campaign.toml`) and nothing else: no packages, no network, and no disk
//! but, for a print file, the PDFs of the run it lists, each by the path
//! interpel gives it. The same files are written to `out/typst/`, so
//! `typst compile --root out/typst` sees the same project as the documents.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Feature, Library, LibraryExt, World};
use typst_kit::diagnostics::DiagnosticWorld;
use typst_kit::fonts::FontStore;

use crate::layout;

/// Fonts: the ones built into typst plus those found in `--font-path`
/// folders. Loaded once per run and shared by every compilation.
pub struct Fonts(FontStore);

impl Fonts {
    /// The embedded fonts, then those of `paths`.
    pub fn load(paths: &[PathBuf]) -> Self {
        let mut store = FontStore::new();
        store.extend(typst_kit::fonts::embedded());
        for path in paths {
            store.extend(typst_kit::fonts::scan(path));
        }
        Fonts(store)
    }
}

/// A file id in the project root.
pub fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("paths built by interpel are valid");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// What every document of a run shares: library, fonts, project files.
pub struct Project {
    library: LazyHash<Library>,
    fonts: Fonts,
    sources: HashMap<FileId, Source>,
    files: HashMap<FileId, Bytes>,
    /// How diagnostics name the project's root, e.g. `out/typst`.
    display_root: String,
    /// How the errors of a document that fails name it: where a build keeps
    /// the failing sources, e.g. `out.failed/typst` (`out/` keeps the last
    /// good run's). By default, the display root.
    pub failed_root: String,
    /// The date of the documents.
    pub date: NaiveDate,
}

impl Project {
    /// A project with these files (path from the root, e.g. `/style.typ`).
    pub fn new(fonts: Fonts, files: Vec<(String, Vec<u8>)>, today: NaiveDate, display_root: String) -> Self {
        let mut sources = HashMap::new();
        let mut bytes = HashMap::new();
        for (path, data) in files {
            let id = file_id(&path);
            if path.ends_with(".typ") {
                let text = String::from_utf8_lossy(&data).into_owned();
                sources.insert(id, Source::new(id, text));
            }
            bytes.insert(id, Bytes::new(data));
        }
        Project {
            // HTML export makes the briefings' web pages.
            library: LazyHash::new(Library::builder().with_features([Feature::Html].into_iter().collect()).build()),
            fonts,
            sources,
            files: bytes,
            failed_root: display_root.clone(),
            display_root,
            date: today,
        }
    }

    /// The world in which `text`, written to `path`, is the main file.
    ///
    /// Typst interns every file id for the life of the process and has
    /// 65 535 of them: one per document would cap a campaign. The main file
    /// gets instead the id of a numbered `slot` in the same folder (so that
    /// relative paths resolve alike); a compilation at a time uses a slot,
    /// and messages still name `path`.
    pub fn document(&self, slot: usize, path: &str, text: String) -> DocumentWorld<'_> {
        let folder = path.rsplit_once('/').map_or("", |(folder, _)| folder);
        let id = file_id(&format!("{folder}/.interpel-slot-{slot}.typ"));
        DocumentWorld {
            project: self,
            main: Source::new(id, text),
            path: path.to_string(),
            disk: HashMap::new(),
            root: &self.display_root,
        }
    }

    /// Like [`Project::document`], with files read from the disk: the PDFs
    /// a print file takes its pages from, the `k`th of `files` under
    /// [`layout::bound_file`]`(k)`, which the source names instead of the
    /// files' own paths: however many documents a campaign prints, its print
    /// files use a bounded number of file ids. Two worlds may serve other
    /// bytes under the same id at once: typst's cache checks what each world
    /// returns, not the id.
    pub fn document_on_disk<'p>(
        &self,
        slot: usize,
        path: &str,
        text: String,
        files: impl IntoIterator<Item = &'p PathBuf>,
    ) -> DocumentWorld<'_> {
        let disk = files
            .into_iter()
            .enumerate()
            .map(|(k, file)| (file_id(&layout::bound_file(k)), DiskFile { path: file.clone(), bytes: OnceLock::new() }))
            .collect();
        DocumentWorld { disk, ..self.document(slot, path, text) }
    }
}

/// A file of the disk that a document reads, read once: typst asks for a
/// file again at each use (a print file takes each page of a PDF by its own
/// `image` call), and each read would be a copy of its own, held until the
/// document is written: binding a briefing of 190 pages took 540 MB of
/// copies of one 2.8 MB file (BENCHMARKS.md, twelfth session).
#[derive(Clone)]
struct DiskFile {
    path: PathBuf,
    bytes: OnceLock<FileResult<Bytes>>,
}

/// One document's view of the project.
pub struct DocumentWorld<'a> {
    project: &'a Project,
    main: Source,
    /// Where the main file is written, e.g. `/letters/x.typ`.
    path: String,
    /// Files read from the disk, by the id the source names them with.
    disk: HashMap<FileId, DiskFile>,
    /// How diagnostics name the project's root.
    root: &'a str,
}

impl<'a> DocumentWorld<'a> {
    /// What this document shares with the others.
    pub fn project(&self) -> &'a Project {
        self.project
    }

    /// The text of the main file.
    pub fn main_text(&self) -> &str {
        self.main.text()
    }

    /// The same world, naming its files where a failed build keeps them:
    /// the view to render the errors of a document that fails with.
    pub fn failed(&self) -> DocumentWorld<'a> {
        DocumentWorld {
            project: self.project,
            main: self.main.clone(),
            path: self.path.clone(),
            disk: self.disk.clone(),
            root: &self.project.failed_root,
        }
    }
}

impl World for DocumentWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.project.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.project.fonts.0.book()
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        self.project.sources.get(&id).cloned().ok_or_else(|| not_found(id))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.clone()));
        }
        if let Some(bytes) = self.project.files.get(&id) {
            return Ok(bytes.clone());
        }
        let Some(file) = self.disk.get(&id) else { return Err(not_found(id)) };
        file.bytes
            .get_or_init(|| std::fs::read(&file.path).map(Bytes::new).map_err(|e| FileError::from_io(e, &file.path)))
            .clone()
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.project.fonts.0.font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        let date = self.project.date;
        Datetime::from_ymd(date.year(), date.month() as u8, date.day() as u8)
    }
}

impl DiagnosticWorld for DocumentWorld<'_> {
    fn name(&self, id: FileId) -> String {
        let path = if id == self.main.id() { self.path.as_str() } else { id.vpath().get_with_slash() };
        format!("{}{path}", self.root)
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.vpath().get_without_slash().into())
}
