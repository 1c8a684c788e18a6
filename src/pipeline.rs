//! The build, as a short list of stages: load and validate, plan, then two
//! rounds of the [scheduler](crate::schedule) (render, compile and write
//! the documents, put in place at once when the output takes files one by
//! one; then the print files and the zip that bind them), commit.
//!
//! `check` is the same run in [`Mode::Check`]: everything is compiled and
//! nothing written. With the answers out of memory once validated
//! ([`crate::campaign::AnswerStore`]), memory holds little more than the
//! documents being compiled, however many letters a campaign has.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use crate::campaign::{self, Campaign};
use crate::config::{Config, default_date};
use crate::data;
use crate::diag::{Problem, Warning};
use crate::documents::{self, DocKind, Document, Round, Selection};
use crate::error::Error;
use crate::error::Kept;
use crate::failed::Keeping;
use crate::layout;
use crate::output;
use crate::print::{self, PrintFile};
use crate::render::{Renderer, TemplateFiles};
use crate::reuse::{Base, Keys, Rebuild};
use crate::schedule::{self, Outcome, Stream, Written};
use crate::sink::Sink;
use crate::view;
use crate::world::{Fonts, Project};

/// What a run made.
#[derive(Debug, Default)]
pub struct Report {
    /// How many documents of each kind were made (print files and web
    /// pages too), and of them how many taken unchanged from the last good
    /// output instead of being compiled.
    pub counts: BTreeMap<DocKind, Count>,
    /// The pages of the documents of the first round (not the print files,
    /// which bind them again).
    pub pages: usize,
    /// What was assumed while reading the inputs (an encoding, a separator).
    pub notes: Vec<String>,
    /// What the user should know: the inputs' warnings, then typst's, once each.
    pub warnings: Vec<Warning>,
    /// The print files written, e.g. `print/letters.pdf`.
    pub print_files: Vec<String>,
    /// How many letters were also made into e-mail messages (`mail/`).
    pub mail: usize,
    pub elapsed: Duration,
    /// Where the time went.
    pub stages: Stages,
}

/// Documents of one kind in a [`Report`].
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Count {
    pub made: usize,
    /// Of them, taken unchanged from the last good output.
    pub unchanged: usize,
}

impl Report {
    /// How many documents of `kind` the run made.
    pub fn made(&self, kind: DocKind) -> usize {
        self.counts.get(&kind).map_or(0, |c| c.made)
    }

    /// How many documents of the first round (briefings, letters, proofs…,
    /// not print files or web pages) were taken unchanged.
    pub fn unchanged_documents(&self) -> usize {
        self.counts.iter().filter(|(kind, _)| kind.describe().is_document()).map(|(_, c)| c.unchanged).sum()
    }
}

/// Time per stage. Rendering and compiling run on every thread at once and
/// are summed over the threads; writing and zipping run on the calling
/// thread alongside them.
#[derive(Debug, Default, Clone)]
pub struct Stages {
    /// Reading and validating inputs and templates, loading fonts.
    pub load: Duration,
    /// Filling the templates, summed over the threads.
    pub render: Duration,
    /// Typst's compilation and PDF export, summed over the threads.
    pub compile: Duration,
    /// Writing PDFs and sources, and committing the output folder.
    pub write: Duration,
    /// Checking or writing the zip, on a thread of its own beside the print
    /// files.
    pub zip: Duration,
    /// Making the print files.
    pub print: Duration,
    /// How many threads rendered and compiled.
    pub threads: usize,
    /// When the documents were in the output folder, from the start, if
    /// they went in ahead of the print files and the zip.
    pub published: Option<Duration>,
}

/// What a run does with the documents it compiles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write them, and replace the output folder: `interpel build`.
    Build,
    /// Compile every document and write nothing: `interpel check`.
    Check,
}

/// Runs every stage but the writing: what `interpel check` does.
pub fn check(config: &Config) -> Result<Report, Error> {
    run(config, Mode::Check, &|_, _| {})
}

/// Runs every stage and replaces the output folder.
pub fn build(config: &Config) -> Result<Report, Error> {
    run(config, Mode::Build, &|_, _| {})
}

/// [`build`] or [`check`], calling `progress(done, total)` as documents
/// are compiled.
pub fn run(config: &Config, mode: Mode, progress: &(dyn Fn(usize, usize) + Sync)) -> Result<Report, Error> {
    let start = Instant::now();
    let mut stages = Stages::default();

    // 1. Load and validate the data and the templates.
    // The templates are read and parsed beside the tables.
    let (loaded, read) = std::thread::scope(|scope| {
        let templates = scope.spawn(|| {
            let templates = TemplateFiles::read(&config.dir)?;
            let renderer = Renderer::new(&templates);
            Ok((templates, renderer))
        });
        let campaign = campaign::load(&config.dir);
        (campaign, templates.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    });
    let (mut campaign, templates, renderer) = match (loaded, read) {
        (Ok(c), Ok((t, r))) => (c, t, r?),
        (Err(mut p), Err(q)) => {
            p.0.extend(q.0);
            return Err(p.into());
        }
        (Err(p), _) | (_, Err(p)) => return Err(p.into()),
    };
    let date = config.date.or(campaign.date).unwrap_or_else(default_date);
    if let Some(deadline) = campaign.review_deadline.filter(|d| config.proofs && *d < date) {
        campaign.warnings.push(Problem::file(
            "inputs/campaign.toml",
            format!(
                "the [review] deadline, {}, is before the documents' date, {}: the proofs would ask for corrections by a date already past",
                crate::french::date(deadline).replace('\u{a0}', " "),
                crate::french::date(date).replace('\u{a0}', " ")
            ),
        ));
    }
    let project_files = project_files(&campaign, &templates);
    let out = config.out.strip_prefix(".").unwrap_or(&config.out);
    let display_root = out.join(layout::TYPST).to_string_lossy().into_owned();
    let mut project = Project::new(Fonts::load(&config.font_paths), project_files.clone(), date, display_root);
    // The errors of a build name the failing sources where it will keep
    // them, unless a folder there is someone else's.
    let failed_dir = output::failed_dir(out);
    let keeping = Keeping::new(&failed_dir, mode == Mode::Build, &project_files);
    if let Kept::In(dir) = &keeping.place {
        project.failed_root = dir.join(layout::TYPST).to_string_lossy().into_owned();
    }
    if let Some(trim_heap) = config.trim_heap {
        trim_heap();
    }
    stages.load = start.elapsed();

    // 2. Plan the documents.
    let selection = Selection {
        communes: config.communes.clone(),
        candidates: config.candidates.clone(),
        shard: config.shard,
        proofs: config.proofs,
        site: config.html,
    };
    let documents = documents::plan(&campaign, &selection)?;
    // What the last good output can give back: nothing to `check`, which
    // compiles everything, nor with `--force`.
    let template_texts = templates.files.iter().map(|(name, (_, text))| (name.as_str(), text.as_str()));
    let base = Base::new(template_texts, &project_files, &date.to_string(), &config.font_paths);
    let previous = match (mode, config.rebuild) {
        (Mode::Build, Rebuild::Changed) => Keys::of(&config.out),
        _ => Keys::default(),
    };

    // 3. Render, 4. compile, 5. write and zip the documents, on every
    // thread, in plan order.
    let t = Instant::now();
    let mut sink = match mode {
        Mode::Build => Some(Sink::new(&config.out, &previous, &project_files)?),
        Mode::Check => None,
    };
    stages.write += t.elapsed();
    let pool = schedule::pool(config.jobs)?;
    let stream = Stream {
        campaign: &campaign,
        renderer: &renderer,
        project: &project,
        date,
        base: &base,
        previous: &previous,
        out: &config.out,
        trim_heap: config.trim_heap,
    };
    let mut report = Report::default();
    // The open data, for the communes the run makes briefings of: written
    // beside the documents, straight into the new output.
    let communes: Vec<String> =
        documents.iter().filter(|d| d.kind == DocKind::Briefing).map(|d| d.commune().to_string()).collect();
    let included = |c: &campaign::Candidate| c.commune.as_ref().is_none_or(|commune| communes.contains(commune));
    let mut data_files = Vec::new();
    for name in data::FILES {
        let file: Box<dyn std::io::Write + Send> = match &sink {
            Some(sink) => Box::new(sink.create(&layout::data_file(name))?),
            None => Box::new(std::io::sink()),
        };
        data_files.push((name, file));
    }
    let open_data =
        || data_files.into_iter().try_for_each(|(name, file)| data::write(&campaign, date, &included, name, file));
    let (first, data) = std::thread::scope(|scope| {
        let data = scope.spawn(open_data);
        let first = stream.round(
            &documents,
            Round::Documents.ahead(),
            &pool,
            sink.as_mut(),
            progress,
            &mut report,
            &mut stages,
        );
        (first, data.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    });
    let written = finished(first, &keeping)?;
    data?;
    // The letters by e-mail, and the open data. The web edition carries its
    // own copy of the data, to be put online as it is, and its stylesheet.
    let site = documents.iter().any(|d| d.kind == DocKind::Index);
    if let Some(sink) = &mut sink {
        report.mail = mail(&campaign, &written, date, sink)?;
        for name in data::FILES {
            let file = layout::data_file(name);
            sink.adopt(&file)?;
            if site {
                sink.copy(&file, &layout::site_file(&file))?;
            }
        }
        for (name, text) in templates.site_files().filter(|_| site) {
            sink.write(&layout::site_file(name), text.as_bytes())?;
        }
    }

    // 6. The documents in place, when the output takes new files one by
    // one and the print files are made as the last ones were: a letter is
    // on the disk without waiting for what binds it. From here on, a
    // failure leaves the last good print files and zip beside the new
    // documents, and says so.
    let published = match &mut sink {
        Some(sink) => {
            let binding = if config.print { base.binding(DocKind::Print.describe().template) } else { String::new() };
            sink.publish(&binding, &mut stages)?
        }
        None => false,
    };
    stages.published = published.then(|| start.elapsed());
    let unfinished = |e| if published { Error::Unfinished(Box::new(e)) } else { e };

    // 7. The zip of the letters, on a thread of its own, and the print
    // files, from the PDFs just made: a later round of the same scheduler.
    if let Some(sink) = &mut sink {
        sink.bundle();
    }
    if config.print {
        let t = Instant::now();
        let files = print_files(mode, &written, sink.as_ref());
        let volumes: Vec<Document> = files.iter().map(Document::volume).collect();
        let second =
            stream.round(&volumes, Round::Print.ahead(), &pool, sink.as_mut(), progress, &mut report, &mut stages);
        finished(second, &keeping).map_err(unfinished)?;
        report.print_files.sort();
        stages.print += t.elapsed();
    }

    // 8. Put the rest of the new outputs in place of the old; the sources
    // an earlier failed build kept are out of date.
    if let Some(sink) = sink {
        sink.commit(&mut stages).map_err(unfinished)?;
        if let Err(e) = output::clear_failed(&failed_dir) {
            report.warnings.push(Warning::StaleFailed(e.to_string()));
        }
    }
    report.notes = campaign.notes;
    report.warnings.splice(0..0, campaign.warnings.into_iter().map(Warning::Input));
    report.stages = stages;
    report.elapsed = start.elapsed();
    Ok(report)
}

impl Round {
    /// How many documents per thread the threads may run ahead of the
    /// writer: a few letters, but a single print file, each of which holds
    /// the pages of fifty documents.
    fn ahead(self) -> usize {
        match self {
            Round::Documents => 8,
            Round::Print => 1,
        }
    }
}

/// The letters by e-mail, for the candidates whose row gives an address,
/// from the letters just written: how many messages.
fn mail(campaign: &Campaign, written: &Written, date: chrono::NaiveDate, sink: &mut Sink) -> Result<usize, Error> {
    let mut messages = Vec::new();
    for (doc, _) in written.iter().filter(|(doc, _)| doc.kind == DocKind::Letter) {
        let Some(c) = doc.candidate().filter(|c| c.email.is_some()) else { continue };
        let path = sink.path(&doc.output_path());
        let pdf = std::fs::read(&path).map_err(crate::utils::fs::IoError::at(&path))?;
        messages.extend(crate::mail::message(campaign, c, &pdf, date));
    }
    for message in &messages {
        sink.write(&layout::mail_file(&format!("{}.eml", message.id)), &message.bytes)?;
    }
    if let (false, Some(settings)) = (messages.is_empty(), &campaign.settings.mail) {
        let mbox = crate::mail::mbox(&messages, settings.from.get_ref().trim(), date);
        sink.write(&layout::mail_file(crate::mail::MBOX), &mbox)?;
    }
    Ok(messages.len())
}

/// What a round wrote, or the error that stops the run: its templates'
/// problems, else typst's errors (with the failing sources kept).
fn finished<'d>(round: Result<Outcome<'d>, Error>, keeping: &Keeping) -> Result<Written<'d>, Error> {
    let Outcome { written, problems, failures } = round?;
    if !problems.is_empty() {
        return Err(problems.into());
    }
    if !failures.is_empty() {
        return Err(keeping.error(failures));
    }
    Ok(written)
}

/// The print files of the documents `written`: a build binds them in
/// volumes; `check`, which writes no PDFs to take pages from, compiles the
/// covers alone, which tries the print templates all the same.
fn print_files(mode: Mode, written: &Written, sink: Option<&Sink>) -> Vec<PrintFile> {
    let bound = DocKind::ALL.into_iter().filter(|kind| kind.describe().bound);
    let of = |kind: DocKind| written.iter().filter(move |(doc, _)| doc.kind == kind);
    match (mode, sink) {
        (Mode::Build, Some(sink)) => bound
            .flat_map(|kind| {
                let entries = of(kind).map(|(doc, pages)| doc.print_entry(*pages)).collect();
                print::plan(kind, entries, |entry| {
                    (sink.path(&entry.file), sink.digest_of(&entry.file).unwrap_or_default().to_string())
                })
            })
            .collect(),
        _ => bound.filter(|kind| of(*kind).next().is_some()).map(print::cover).collect(),
    }
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
