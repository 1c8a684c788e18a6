//! Documents that did not compile: their errors, grouped so that one
//! mistake in a template is reported once, and the failing sources kept
//! beside the output folder (`out.failed/`) for the user to open.

use std::path::Path;

use crate::compile;
use crate::diag::Failure;
use crate::documents::Document;
use crate::error::{Error, Kept};
use crate::layout;
use crate::output;
use crate::render::Renderer;

/// Documents that did not compile, grouped by error.
#[derive(Default)]
pub struct Failures(Vec<Group>);

/// One error, the document it is shown for, and how many others it stops.
struct Group {
    key: Vec<String>,
    failure: Failure,
    /// The generated source the error names: path in the project, text.
    source: (String, String),
}

impl Failures {
    /// Records that `doc`, rendered as `source`, failed with `e`.
    pub fn add(&mut self, e: compile::CompileError, doc: &Document, source: &str, renderer: &Renderer) {
        let key: Vec<String> =
            e.messages().map(str::to_string).chain(e.places.iter().map(|p| format!("{p:?}"))).collect();
        if let Some(group) = self.0.iter_mut().find(|g| g.key == key) {
            group.failure.others += 1;
            return;
        }
        let path = doc.source_path();
        let origins = renderer.origins(&e, doc.template(), &path);
        let failure = Failure { diagnostics: e.diagnostics, origins, others: 0 };
        self.0.push(Group { key, failure, source: (path, source.to_string()) });
    }

    /// True when every document compiled.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The failures, and the sources they name.
    fn into_parts(self) -> (Vec<Failure>, Vec<(String, String)>) {
        self.0.into_iter().map(|Group { failure, source, .. }| (failure, source)).unzip()
    }
}

/// Where a run keeps the sources of the documents that fail.
pub struct Keeping<'a> {
    /// Where they go: `Kept::In(out.failed/)` when the run writes and may
    /// use that folder, `Kept::Refused` when a folder there is someone
    /// else's, `Kept::NotWriting` for `check`.
    pub place: Kept,
    /// What the failing sources need beside them to compile again.
    pub project_files: &'a [(String, Vec<u8>)],
}

impl<'a> Keeping<'a> {
    /// Keeping in `dir` (`out.failed/`), if `writes`.
    pub fn new(dir: &Path, writes: bool, project_files: &'a [(String, Vec<u8>)]) -> Keeping<'a> {
        let place = match (writes, output::may_keep_failed(dir)) {
            (false, _) => Kept::NotWriting,
            (true, true) => Kept::In(dir.to_path_buf()),
            (true, false) => Kept::Refused(dir.to_path_buf()),
        };
        Keeping { place, project_files }
    }

    /// The error of a run that typst stopped. A build also keeps the
    /// generated sources the errors name, with the project's files, in
    /// `out.failed/` (the output folder keeps the last good run whole), so
    /// that the paths in the errors can be opened and typst rerun on them.
    pub fn error(&self, failures: Failures) -> Error {
        let (failures, sources) = failures.into_parts();
        let kept = match &self.place {
            Kept::NotWriting | Kept::Failed(_) => Kept::NotWriting,
            Kept::Refused(dir) => Kept::Refused(dir.clone()),
            Kept::In(dir) => {
                let files = self
                    .project_files
                    .iter()
                    .map(|(path, data)| (path, data.as_slice()))
                    .chain(sources.iter().map(|(path, text)| (path, text.as_bytes())))
                    .map(|(path, data)| (layout::typst_file(path), data));
                match output::keep_failed(dir, files) {
                    Ok(()) => Kept::In(dir.clone()),
                    Err(e) => Kept::Failed(e),
                }
            }
        };
        Error::Compile { failures, kept }
    }
}
