//! Compiling one generated Typst source into a PDF, in process.
//!
//! Errors come back as the typst CLI prints them: `file:line:col`, the
//! source line and a caret, with the file named as it is written under
//! `out/typst/`, so a user can open the generated source or rerun the typst
//! CLI on it.

use chrono::{Datelike, NaiveDate};
use typst::diag::{SourceDiagnostic, Warned};
use typst::foundations::{Datetime, Smart};
use typst_kit::diagnostics::termcolor::NoColor;
use typst_kit::diagnostics::{DiagnosticFormat, emit};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, Timestamp};

use crate::world::{DocumentWorld, Project};

/// A compiled document.
#[derive(Debug, Clone)]
pub struct Pdf {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Warnings, rendered, if any.
    pub warnings: String,
}

/// A document that did not compile: the diagnostics, rendered.
#[derive(Debug, Clone)]
pub struct CompileError(pub String);

/// Compiles `text`, the source at `path` in the project, into a PDF dated
/// `date` (so that the same inputs give the same bytes).
pub fn pdf(project: &Project, path: &str, text: String, date: NaiveDate) -> Result<Pdf, CompileError> {
    let world = project.document(path, text);
    let Warned { output, warnings } = typst::compile::<PagedDocument>(&world);
    let document = output.map_err(|errors| CompileError(render(&world, &errors)))?;
    let timestamp =
        Datetime::from_ymd_hms(date.year(), date.month() as u8, date.day() as u8, 0, 0, 0).map(Timestamp::new_utc);
    let options = PdfOptions { ident: Smart::Custom(path.to_string()), timestamp, ..PdfOptions::default() };
    let bytes = typst_pdf::pdf(&document, &options).map_err(|errors| CompileError(render(&world, &errors)))?;
    Ok(Pdf { bytes, pages: document.pages().len(), warnings: render(&world, &warnings) })
}

/// Renders diagnostics as the typst CLI does, without colours.
fn render(world: &DocumentWorld<'_>, diagnostics: &[SourceDiagnostic]) -> String {
    if diagnostics.is_empty() {
        return String::new();
    }
    let mut out = NoColor::new(Vec::new());
    if emit(&mut out, world, diagnostics, DiagnosticFormat::Human).is_err() {
        return diagnostics.iter().map(|d| format!("error: {}\n", d.message)).collect();
    }
    String::from_utf8_lossy(&out.into_inner()).into_owned()
}
