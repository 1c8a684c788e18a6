//! Compiling one generated Typst source, in process: into a PDF held to a
//! standard (PDF/A-2a with PDF/UA-1, PDF/UA-1), or into a web page with HTML export.
//!
//! Typst's diagnostics come back as data ([`Diagnostic`]): message, hints,
//! and the spans with the text they point at, each file named as it is
//! written under `out/typst/` (warnings), or under `out.failed/typst/` (the
//! errors that stop a build, which keeps the failing sources there), so a
//! user can open the generated source or rerun the typst CLI on it. The
//! command line shows them as the typst CLI does.

use chrono::Datelike;
use typst::diag::{SourceDiagnostic, Warned};
use typst::foundations::{Datetime, Smart};
use typst::{World, WorldExt};
use typst_kit::diagnostics::DiagnosticWorld;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::diag::{Diagnostic, Label, Severity, SourceText, TracePoint};
use crate::world::{DocumentWorld, Project};

/// A compiled document.
#[derive(Debug, Clone)]
pub struct Pdf {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Typst's warnings.
    pub warnings: Vec<Diagnostic>,
}

/// A document that did not compile.
#[derive(Debug, Clone)]
pub struct CompileError {
    pub diagnostics: Vec<Diagnostic>,
    /// Where each error is: the generated line of the main source, or the
    /// project file (e.g. `/style.typ`) and its 1-based line.
    pub places: Vec<Place>,
}

impl CompileError {
    /// The messages alone, to tell documents with the same error apart.
    pub fn messages(&self) -> impl Iterator<Item = &str> {
        self.diagnostics.iter().map(|d| d.message.as_str())
    }
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
    /// PDF/A-2a and PDF/UA-1 at once, for correspondence that is archived
    /// and read with screen readers: the letters and proofs.
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
fn compile(world: &DocumentWorld<'_>, path: &str, standard: Standard) -> Result<Pdf, CompileError> {
    let Warned { output, warnings } = typst::compile::<PagedDocument>(world);
    let document = output.map_err(|errors| error(&world.failed(), &errors))?;
    let date = world.project().date;
    let timestamp =
        Datetime::from_ymd_hms(date.year(), date.month() as u8, date.day() as u8, 0, 0, 0).map(Timestamp::new_utc);
    let standards = match standard {
        Standard::Archival => PdfStandards::new(&[PdfStandard::A_2a, PdfStandard::Ua_1]),
        Standard::Accessible => PdfStandards::new(&[PdfStandard::Ua_1]),
        Standard::Tagged => Ok(PdfStandards::default()),
    }
    .expect("PDF/A-2a goes with PDF/UA-1");
    let options = PdfOptions { ident: Smart::Custom(path.to_string()), timestamp, standards, ..PdfOptions::default() };
    let bytes = typst_pdf::pdf(&document, &options).map_err(|errors| error(&world.failed(), &errors))?;
    Ok(Pdf { bytes, pages: document.pages().len(), warnings: data(world, &warnings) })
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
    CompileError { diagnostics: data(world, errors), places }
}

/// Typst's diagnostics as data, with the text of the files they point into.
fn data(world: &DocumentWorld<'_>, diagnostics: &[SourceDiagnostic]) -> Vec<Diagnostic> {
    diagnostics
        .iter()
        .map(|d| {
            let mut files = Files { world, ids: Vec::new(), ends: Vec::new() };
            let mut labels: Vec<Label> = files
                .place(d.span)
                .map(|(file, range)| Label { file, range, primary: true, message: String::new() })
                .into_iter()
                .collect();
            let mut hints = Vec::new();
            for hint in &d.hints {
                match files.place(hint.span) {
                    Some((file, range)) => {
                        labels.push(Label { file, range, primary: false, message: hint.v.to_string() })
                    }
                    None if hint.span.is_detached() => hints.push(hint.v.to_string()),
                    None => {}
                }
            }
            let trace = d
                .trace
                .iter()
                .filter_map(|point| {
                    let (file, range) = files.place(point.span)?;
                    Some(TracePoint { what: point.v.to_string(), file, range })
                })
                .collect();
            let severity = match d.severity {
                typst::diag::Severity::Error => Severity::Error,
                typst::diag::Severity::Warning => Severity::Warning,
            };
            Diagnostic { severity, message: d.message.to_string(), hints, labels, trace, files: files.texts() }
        })
        .collect()
}

/// The files one diagnostic points into, and how far into each.
struct Files<'w, 'a> {
    world: &'w DocumentWorld<'a>,
    ids: Vec<typst::syntax::FileId>,
    /// The end of the furthest span in each file.
    ends: Vec<usize>,
}

impl Files<'_, '_> {
    /// The file (its index) and byte range of `span`, if it is in a file.
    fn place(&mut self, span: impl Into<typst::syntax::DiagSpan>) -> Option<(usize, std::ops::Range<usize>)> {
        let span = span.into();
        let id = span.id()?;
        let range = self.world.range(span)?;
        let index = match self.ids.iter().position(|i| *i == id) {
            Some(index) => index,
            None => {
                self.ids.push(id);
                self.ends.push(0);
                self.ids.len() - 1
            }
        };
        self.ends[index] = self.ends[index].max(range.end);
        Some((index, range))
    }

    /// Each file's name and its text up to the end of the last line a span
    /// touches.
    fn texts(&self) -> Vec<SourceText> {
        self.ids
            .iter()
            .zip(&self.ends)
            .map(|(id, end)| {
                let text = match self.world.source(*id) {
                    Ok(source) => source.text().to_string(),
                    Err(_) => {
                        self.world.file(*id).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default()
                    }
                };
                let end = (*end).min(text.len());
                let cut = text[end..].find('\n').map_or(text.len(), |n| end + n);
                SourceText { name: self.world.name(*id), text: text[..cut].to_string() }
            })
            .collect()
    }
}
