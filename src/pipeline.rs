//! The build, as a short list of stages: load and validate, render, compile,
//! bundle, write.

use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::campaign::{self, Campaign};
use crate::compile::{self, Pdf};
use crate::config::{Config, default_date};
use crate::documents::{self, DocKind, Document, Selection};
use crate::error::Error;
use crate::render::{Renderer, TemplateFiles};
use crate::world::{Fonts, Project};
use crate::{bundle, output, render, view};

/// What a run made.
#[derive(Debug, Default)]
pub struct Report {
    pub briefings: usize,
    pub letters: usize,
    pub pages: usize,
    /// What was assumed while reading the inputs (an encoding, a separator).
    pub notes: Vec<String>,
    /// Typst warnings, rendered.
    pub warnings: Vec<String>,
    pub elapsed: Duration,
}

/// The generated Typst project folder under the output folder.
pub const TYPST: &str = "typst";

/// Runs every stage but the writing: what `interpel check` does.
pub fn check(config: &Config) -> Result<Report, Error> {
    compile_all(config).map(|(report, _, _, _)| report)
}

/// Runs every stage and replaces the output folder.
pub fn build(config: &Config) -> Result<Report, Error> {
    let (report, project_files, documents, pdfs) = compile_all(config)?;
    let files = output_files(&project_files, &documents, &pdfs);
    output::replace_dir(&config.out, &files)?;
    Ok(report)
}

type Compiled = (Report, Vec<(String, Vec<u8>)>, Vec<Document>, Vec<Pdf>);

fn compile_all(config: &Config) -> Result<Compiled, Error> {
    let start = Instant::now();

    // 1. Load and validate the data and the templates.
    let (campaign, templates) = match (campaign::load(&config.dir), TemplateFiles::read(&config.dir)) {
        (Ok(c), Ok(t)) => (c, t),
        (Err(mut p), Err(q)) => {
            p.0.extend(q.0);
            return Err(p.into());
        }
        (Err(p), _) | (_, Err(p)) => return Err(p.into()),
    };
    let renderer = Renderer::new(&templates)?;

    // 2. Render the templates into Typst sources.
    let date = config.date.or(campaign.date).unwrap_or_else(default_date);
    let selection = Selection { communes: config.communes.clone(), candidates: config.candidates.clone() };
    let documents = documents::plan(&campaign, &renderer, &selection, date)?;

    // 3. Compile every document, in parallel, in memory.
    let project_files = project_files(&campaign, &templates);
    let out = config.out.strip_prefix(".").unwrap_or(&config.out);
    let display_root = out.join(TYPST).to_string_lossy().into_owned();
    let project = Project::new(Fonts::load(&config.font_paths), project_files.clone(), date, display_root);
    let results: Vec<Result<Pdf, compile::CompileError>> = compile_pool()?.install(|| {
        documents.par_iter().map(|d| compile::pdf(&project, &d.source_path, d.source.clone(), date)).collect()
    });

    let mut pdfs = Vec::with_capacity(results.len());
    let mut failures = Failures::default();
    for (result, doc) in results.into_iter().zip(&documents) {
        match result {
            Ok(pdf) => pdfs.push(pdf),
            Err(e) => failures.add(e, doc, &renderer),
        }
    }
    if !failures.0.is_empty() {
        return Err(Error::Compile(failures.into_messages()));
    }

    let mut warnings: Vec<String> =
        pdfs.iter().filter(|p| !p.warnings.is_empty()).map(|p| p.warnings.clone()).collect();
    warnings.dedup();
    let report = Report {
        briefings: documents.iter().filter(|d| d.kind == DocKind::Briefing).count(),
        letters: documents.iter().filter(|d| d.kind == DocKind::Letter).count(),
        pages: pdfs.iter().map(|p| p.pages).sum(),
        notes: campaign.notes.clone(),
        warnings,
        elapsed: start.elapsed(),
    };
    Ok((report, project_files, documents, pdfs))
}

/// Documents that did not compile, grouped by error: the same mistake in a
/// template is reported once, not once per letter.
#[derive(Default)]
struct Failures(Vec<(Vec<String>, String, usize)>);

impl Failures {
    fn add(&mut self, e: compile::CompileError, doc: &Document, renderer: &Renderer) {
        let key: Vec<String> = e.messages.iter().cloned().chain(e.places.iter().map(|p| format!("{p:?}"))).collect();
        if let Some(group) = self.0.iter_mut().find(|g| g.0 == key) {
            group.2 += 1;
            return;
        }
        let template = match doc.kind {
            DocKind::Briefing => render::BRIEFING,
            DocKind::Letter => render::LETTER,
        };
        let mut text = e.rendered;
        for place in &e.places {
            let note = match place {
                compile::Place::Generated(line) => renderer.locate(template, line).map(|(origin, n)| {
                    format!("note: this line of {} comes from {origin}:{n}\n", doc.source_path.trim_start_matches('/'))
                }),
                compile::Place::File(path, n) => renderer
                    .origin_of(path)
                    .map(|origin| format!("note: {} is a copy of {origin}:{n}\n", path.trim_start_matches('/'))),
            };
            if let Some(note) = note.filter(|n| !text.contains(n.as_str())) {
                text.push_str(&note);
            }
        }
        self.0.push((key, text, 0));
    }

    fn into_messages(self) -> Vec<String> {
        self.0
            .into_iter()
            .map(|(_, mut text, others)| {
                if others > 0 {
                    text.push_str(&format!("note: the same error stops {others} other document(s)\n"));
                }
                text
            })
            .collect()
    }
}

/// Threads for compiling. Typst recurses deeply on long documents (a
/// briefing of hundreds of quotes), far past the 2 MiB a thread gets by
/// default: each gets 256 MiB of address space, used only as it is needed.
fn compile_pool() -> Result<rayon::ThreadPool, Error> {
    rayon::ThreadPoolBuilder::new()
        .stack_size(256 << 20)
        .thread_name(|i| format!("compile-{i}"))
        .build()
        .map_err(|e| Error::Internal(format!("cannot start the compiling threads: {e}")))
}

/// The files of the Typst project shared by all documents: the plain Typst
/// files of the templates and the images of the settings.
fn project_files(campaign: &Campaign, templates: &TemplateFiles) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> =
        templates.typst_files().map(|(name, text)| (format!("/{name}"), text.as_bytes().to_vec())).collect();
    for (path, data) in &campaign.images {
        files.push((view::asset_path(path), data.clone()));
    }
    files
}

/// Everything the output folder holds, by path relative to it.
fn output_files(project_files: &[(String, Vec<u8>)], documents: &[Document], pdfs: &[Pdf]) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for (path, data) in project_files {
        files.push((format!("{TYPST}{path}"), data.clone()));
    }
    let mut entries = Vec::new();
    for (doc, pdf) in documents.iter().zip(pdfs) {
        files.push((format!("{TYPST}{}", doc.source_path), doc.source.clone().into_bytes()));
        files.push((doc.pdf_path(), pdf.bytes.clone()));
        if let Some((candidate, list, commune)) = &doc.candidate {
            entries.push(bundle::Entry {
                candidate,
                list,
                commune,
                file: format!("{}.pdf", doc.name),
                pages: pdf.pages,
                pdf: &pdf.bytes,
            });
        }
    }
    if !entries.is_empty() {
        files.push(("letters.zip".to_string(), bundle::zip(&entries)));
    }
    files
}
