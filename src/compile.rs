//! Compiling one generated Typst source, in process: into a PDF held to a
//! standard (PDF/A-2b, PDF/UA-1), or into a web page with HTML export.
//!
//! Errors come back as the typst CLI prints them: `file:line:col`, the
//! source line and a caret, with the file named as it is written under
//! `out/typst/` (warnings), or under `out.failed/typst/` (the errors that
//! stop a build, which keeps the failing sources there), so a user can open
//! the generated source or rerun the typst CLI on it.

use chrono::Datelike;
use typst::diag::{SourceDiagnostic, Warned};
use typst::foundations::{Datetime, Smart};
use typst::{World, WorldExt};
use typst_html::{HtmlDocument, HtmlOptions};
use typst_kit::diagnostics::termcolor::Buffer;
use typst_kit::diagnostics::{DiagnosticFormat, emit};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::world::{DocumentWorld, Project};

/// A compiled document.
#[derive(Debug, Clone)]
pub struct Pdf {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Warnings, rendered, if any.
    pub warnings: String,
}

/// A document that did not compile.
#[derive(Debug, Clone)]
pub struct CompileError {
    /// The diagnostics, rendered as the typst CLI prints them.
    pub rendered: String,
    /// The messages alone, to tell documents with the same error apart.
    pub messages: Vec<String>,
    /// Where each error is: the generated line of the main source, or the
    /// project file (e.g. `/style.typ`) and its 1-based line.
    pub places: Vec<Place>,
}

/// Where an error is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Place {
    /// A line of the generated source, by its text.
    Generated(String),
    /// A line of another file of the project.
    File(String, usize),
}

/// The standard a PDF is held to; typst refuses to write one that breaks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standard {
    /// PDF/A-2b, for archived correspondence: the letters.
    Archival,
    /// PDF/UA-1, for screen readers: the briefings.
    Accessible,
    /// Typst's default, a tagged PDF: the print files.
    Tagged,
}

/// Compiles `text`, the source at `path` in the project, into a PDF dated
/// with the project's date (so that the same inputs give the same bytes),
/// reading the PDFs `reads` from the disk (a print file's documents).
/// No two compilations at the same time may use the same `slot`.
pub fn pdf(
    project: &Project,
    slot: usize,
    path: &str,
    text: String,
    standard: Standard,
    reads: &[(std::path::PathBuf, String)],
) -> Result<Pdf, CompileError> {
    let world = project.document_on_disk(slot, path, text, reads.iter().map(|(file, _)| file));
    compile(&world, path, standard)
}

/// Compiles the main file of `world`, whose path in the project is `path`.
pub fn compile(world: &DocumentWorld<'_>, path: &str, standard: Standard) -> Result<Pdf, CompileError> {
    let Warned { output, warnings } = typst::compile::<PagedDocument>(world);
    let document = output.map_err(|errors| error(&world.failed(), &errors))?;
    let date = world.project().date;
    let timestamp =
        Datetime::from_ymd_hms(date.year(), date.month() as u8, date.day() as u8, 0, 0, 0).map(Timestamp::new_utc);
    let standards = match standard {
        Standard::Archival => PdfStandards::new(&[PdfStandard::A_2b]),
        Standard::Accessible => PdfStandards::new(&[PdfStandard::Ua_1]),
        Standard::Tagged => Ok(PdfStandards::default()),
    }
    .expect("each standard alone is valid");
    let options = PdfOptions { ident: Smart::Custom(path.to_string()), timestamp, standards, ..PdfOptions::default() };
    let bytes = typst_pdf::pdf(&document, &options).map_err(|errors| error(&world.failed(), &errors))?;
    Ok(Pdf { bytes, pages: document.pages().len(), warnings: render(world, &warnings) })
}

/// Compiles `text`, the source at `path` in the project, into a web page
/// with typst's HTML export; returns the page and any warnings.
pub fn html(project: &Project, slot: usize, path: &str, text: String) -> Result<(String, String), CompileError> {
    let world = project.document(slot, path, text);
    let Warned { output, warnings } = typst::compile::<HtmlDocument>(&world);
    let document = output.map_err(|errors| error(&world, &errors))?;
    let page = typst_html::html(&document, &HtmlOptions { pretty: true }).map_err(|errors| error(&world, &errors))?;
    // Typst warns of its HTML export being experimental on every page:
    // known, and said once in the README rather than once per commune.
    let warnings: Vec<SourceDiagnostic> =
        warnings.into_iter().filter(|w| !w.message.starts_with("html export is under active development")).collect();
    Ok((page, render(&world, &warnings)))
}

fn error(world: &DocumentWorld<'_>, errors: &[SourceDiagnostic]) -> CompileError {
    let places = errors
        .iter()
        .filter_map(|d| {
            let id = d.span.id()?;
            let range = world.range(d.span)?;
            let source = world.source(id).ok()?;
            let line = source.lines().byte_to_line(range.start)?;
            if id == world.main() {
                let text = source.lines().line_to_range(line).map(|r| source.text()[r].to_string())?;
                Some(Place::Generated(text))
            } else {
                Some(Place::File(id.vpath().get_with_slash().to_string(), line + 1))
            }
        })
        .collect();
    CompileError {
        rendered: render(world, errors),
        messages: errors.iter().map(|d| d.message.to_string()).collect(),
        places,
    }
}

/// Renders diagnostics as the typst CLI does, in colour if the project asks.
fn render(world: &DocumentWorld<'_>, diagnostics: &[SourceDiagnostic]) -> String {
    if diagnostics.is_empty() {
        return String::new();
    }
    let mut out = if world.project().color { Buffer::ansi() } else { Buffer::no_color() };
    if emit(&mut out, world, diagnostics, DiagnosticFormat::Human).is_err() {
        return diagnostics.iter().map(|d| format!("error: {}\n", d.message)).collect();
    }
    String::from_utf8_lossy(&out.into_inner()).into_owned()
}
