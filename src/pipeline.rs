//! The build, as a short list of stages: load and validate, plan, render,
//! compile (PDFs, and the briefings' web pages), write and bundle, print
//! files, commit.
//!
//! Documents are rendered and compiled on every core, each thread taking the
//! next document as soon as it is free; each PDF goes to disk and into the
//! zip as soon as it and those before it are done, and typst's memo cache is
//! trimmed as the run goes; threads never run more than a few documents
//! ahead of the writer. With the answers out of memory once validated
//! ([`crate::campaign::AnswerStore`]), memory holds little more than the
//! documents being compiled, however many letters a campaign has.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::BufWriter;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, SyncSender};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::bundle::Bundle;
use crate::campaign::{self, Campaign};
use crate::compile::{self, Pdf};
use crate::config::{Config, default_date};
use crate::diag::{Problem, Problems};
use crate::documents::{self, DocKind, Document, Selection};
use crate::error::Error;
use crate::layout;
use crate::output::{self, Staging};
use crate::print;
use crate::render::{Renderer, TemplateFiles};
use crate::reuse::{Base, Keys, Rebuild};
use crate::utils::fs::IoError;
use crate::view;
use crate::world::{Fonts, Project};

/// What a run made.
#[derive(Debug, Default)]
pub struct Report {
    pub briefings: usize,
    pub letters: usize,
    /// Proofs of the lists' entries, `proofs/<candidate>.pdf`.
    pub proofs: usize,
    pub pages: usize,
    /// What was assumed while reading the inputs (an encoding, a separator).
    pub notes: Vec<String>,
    /// Typst warnings, rendered, once each.
    pub warnings: Vec<String>,
    /// The print files written, e.g. `print/letters.pdf`.
    pub print_files: Vec<String>,
    /// How many documents were taken unchanged from the last good output
    /// instead of being compiled.
    pub unchanged: usize,
    /// How many print files were, likewise.
    pub unchanged_print_files: usize,
    /// How many web pages of briefings were made (`html/<commune>.html`).
    pub html_pages: usize,
    pub elapsed: Duration,
    /// Where the time went.
    pub stages: Stages,
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
    /// Adding the letters to the zip.
    pub zip: Duration,
    /// Making the print files.
    pub print: Duration,
    /// How many threads rendered and compiled.
    pub threads: usize,
}

/// How many documents per thread the threads may run ahead of the writer.
const AHEAD_PER_THREAD: usize = 8;
/// Typst's memo cache is trimmed each time this many documents per thread
/// have been compiled: once per round of the threads. The cache then holds
/// little more than the documents being compiled; counting documents
/// compiled rather than written, a slow document at the head of the plan
/// cannot let it grow while the others wait to be written. Measured on 1 000
/// synthetic letters, 2 threads, `--no-print --no-html`: trimming every 16
/// documents peaked at 172 MB, every 2 at 78 MB, in the same time (7.7 s);
/// trimming after every document saves 2 MB more but costs 8 % of the time,
/// as a document's second layout pass (for « page N / M ») loses the first
/// pass's results more often.
const TRIM_PER_THREAD: usize = 1;
/// Memo cache entries unused for this many trims are dropped. Keeping them
/// for one trim costs memory (93 MB against 78 MB at 1 000 letters) and
/// saves no time, since letters share little layout beyond the style, which
/// is cheap to evaluate again.
const CACHE_AGE: usize = 0;

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
    let write = mode == Mode::Build;
    let start = Instant::now();
    let mut stages = Stages::default();

    // 1. Load and validate the data and the templates.
    let (mut campaign, templates) = match (campaign::load(&config.dir), TemplateFiles::read(&config.dir)) {
        (Ok(c), Ok(t)) => (c, t),
        (Err(mut p), Err(q)) => {
            p.0.extend(q.0);
            return Err(p.into());
        }
        (Err(p), _) | (_, Err(p)) => return Err(p.into()),
    };
    let renderer = Renderer::new(&templates)?;
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
    project.color = config.color;
    // The errors of a build name the failing sources where it will keep
    // them, unless a folder there is someone else's.
    let failed_dir = output::failed_dir(out);
    let keep_failed = write && output::may_keep_failed(&failed_dir);
    if keep_failed {
        project.failed_root = failed_dir.join(layout::TYPST).to_string_lossy().into_owned();
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
    };
    let documents = documents::plan(&campaign, &selection)?;
    // What the last good output can give back: nothing to `check`, which
    // compiles everything, nor with `--force`.
    let base = Base::new(&project_files, &date.to_string(), &config.font_paths);
    let previous = match (write, config.rebuild) {
        (true, Rebuild::Changed) => Keys::of(&config.out),
        _ => Keys::default(),
    };

    // 3. Render and 4. compile on every thread, a document at a time, while
    // 5. this thread writes each PDF and zips each letter, in plan order.
    let t = Instant::now();
    let sink = if write { Some(Sink::new(&config.out, &project_files)?) } else { None };
    stages.write += t.elapsed();
    let pool = compile_pool(config.jobs)?;
    let stream = Stream {
        documents: &documents,
        campaign: &campaign,
        renderer: &renderer,
        project: &project,
        date,
        html: config.html,
        print: config.print,
        base: &base,
        previous: &previous,
        out: &config.out,
    };
    let collected = stream.run(&pool, sink, progress, &mut stages)?;
    let Collected { mut report, problems, failures, mut sink, printed } = collected;
    if !problems.is_empty() {
        return Err(problems.into());
    }
    if !failures.0.is_empty() {
        let (diagnostics, sources) = failures.into_parts();
        return Err(compile_failure(write.then_some(&failed_dir), keep_failed, &project_files, diagnostics, sources));
    }

    // 6. The print files, from the PDFs just written: a volume per thread
    // at a time, each written before the next ones start.
    if let (Some(sink), true) = (&mut sink, config.print) {
        let t = Instant::now();
        let Printed { briefings, letters } = printed;
        let entries =
            |printed: Vec<(Document, usize)>| printed.iter().map(|(d, pages)| d.print_entry(*pages)).collect();
        let files: Vec<print::PrintFile> = print::plan(DocKind::Briefing, entries(briefings))
            .into_iter()
            .chain(print::plan(DocKind::Letter, entries(letters)))
            .collect();
        let dir = sink.staging.path(".");
        // A print file is remade only when its view or one of its
        // documents changed; the others are taken from the last output.
        let templates_text: String =
            templates.files.iter().map(|(name, (_, text))| format!("{name}\n{text}\n")).collect();
        let mut todo = Vec::new();
        for file in files {
            let key = print_key(&base, &templates_text, &campaign, date, &file, &sink.keys);
            match previous.take(&config.out, &file.path, &key) {
                Some(reused) => {
                    sink.staging.keep(&file.path, &config.out.join(&file.path), &reused.bytes)?;
                    sink.keys.record(&file.path, &key, &reused.bytes, reused.entry.pages, &[]);
                    report.print_files.push(file.path.clone());
                    report.unchanged_print_files += 1;
                }
                None => todo.push((file, key)),
            }
        }
        for batch in todo.chunks(pool.current_num_threads()) {
            let made: Vec<Result<Pdf, print::Failed>> = pool.install(|| {
                // The slot is the place in the batch, not the thread: a
                // thread waiting inside typst may start another volume.
                batch
                    .par_iter()
                    .enumerate()
                    .map(|(slot, (file, _))| {
                        print::make(&project, &renderer, &campaign, date, file.clone(), &dir, slot)
                    })
                    .collect()
            });
            for ((file, key), pdf) in batch.iter().zip(made) {
                let pdf = match pdf {
                    Ok(pdf) => pdf,
                    Err(print::Failed { error: Error::Compile { diagnostics, .. }, source }) => {
                        let sources = source.into_iter().collect();
                        return Err(compile_failure(
                            Some(&failed_dir),
                            keep_failed,
                            &project_files,
                            diagnostics,
                            sources,
                        ));
                    }
                    Err(failed) => return Err(failed.error),
                };
                sink.staging.write(&file.path, &pdf.bytes)?;
                sink.keys.record(&file.path, key, &pdf.bytes, pdf.pages, &[]);
                report.print_files.push(file.path.clone());
            }
            typst::comemo::evict(CACHE_AGE);
        }
        report.print_files.sort();
        stages.print += t.elapsed();
    }

    // `check` writes no PDFs for the print files to take pages from: it
    // compiles their covers alone, which tries print.typ.hbs and
    // print-style.typ all the same.
    if sink.is_none() && config.print {
        for (kind, made) in [(DocKind::Briefing, report.briefings), (DocKind::Letter, report.letters)] {
            if made > 0 {
                let cover = print::cover(kind);
                print::make(&project, &renderer, &campaign, date, cover, std::path::Path::new("."), 0)?;
            }
        }
    }

    // 7. Put the new outputs in place of the old; the sources an earlier
    // failed build kept are out of date.
    if let Some(sink) = sink {
        sink.commit(&mut stages)?;
        if let Err(e) = output::clear_failed(&failed_dir) {
            report.warnings.push(format!("warning: the sources of an earlier failed build are still there: {e}\n"));
        }
    }
    report.notes = campaign.notes;
    report.warnings.splice(0..0, campaign.warnings.iter().map(|w| format!("warning: {w}\n")));
    report.stages = stages;
    report.elapsed = start.elapsed();
    Ok(report)
}

/// The key of a print file: what its template sees, the templates, and
/// the digests of the documents it binds, as this run wrote them.
fn print_key(
    base: &Base,
    templates: &str,
    campaign: &Campaign,
    date: NaiveDate,
    file: &print::PrintFile,
    written: &Keys,
) -> String {
    let view = view::print(campaign, date, file.kind, file.volume, file.entries.clone());
    let view = serde_json::to_string(&view).unwrap_or_default();
    let digests: Vec<&str> = file.entries.iter().filter_map(|e| written.digest_of(layout::shown(&e.file))).collect();
    base.print_key(templates, &view, &digests)
}

/// The documents of a run on their way from template to disk.
struct Stream<'a> {
    documents: &'a [Document<'a>],
    campaign: &'a Campaign,
    renderer: &'a Renderer,
    project: &'a Project,
    date: NaiveDate,
    /// Make the briefings' web pages.
    html: bool,
    /// Keep what the print files list.
    print: bool,
    /// What every document's key shares.
    base: &'a Base,
    /// The keys of the last good output, in `out`.
    previous: &'a Keys,
    out: &'a std::path::Path,
}

/// What a thread made of one document.
enum Made {
    /// Its template failed.
    Problem(Problem),
    /// Rendered but not compiled: a template failed earlier, so the run fails.
    Skipped,
    /// Its source, and what typst made of it.
    Compiled(String, Result<Compiled, compile::CompileError>),
    /// Typst panicked on it: a bug of typst's or interpel's, reported as
    /// this document's failure rather than the end of the run.
    Crashed(String, String),
    /// Its answers could not be read back from interpel's temporary file:
    /// the run stops.
    Unreadable(Error),
}

/// A compiled document: its PDF, a briefing's web page, the warnings
/// typst gave while making them, and the key they were made from.
struct Compiled {
    pdf: Pdf,
    page: Option<String>,
    warnings: Vec<String>,
    key: String,
    /// Taken from the last good output rather than compiled.
    reused: bool,
}

/// One document done by a thread, and the thread time it took.
struct Done {
    index: usize,
    made: Made,
    render: Duration,
    compile: Duration,
}

/// What is left once every document has gone through the stream.
struct Collected<'a> {
    report: Report,
    problems: Problems,
    failures: Failures,
    sink: Option<Sink>,
    /// What the print files list.
    printed: Printed<'a>,
}

/// The documents written that the print files bind, with their page counts.
#[derive(Default)]
struct Printed<'a> {
    briefings: Vec<(Document<'a>, usize)>,
    letters: Vec<(Document<'a>, usize)>,
}

impl<'a> Printed<'a> {
    /// The print files' list of `kind`; none for proofs, which are sent one
    /// by one, not printed in a volume.
    fn of(&mut self, kind: DocKind) -> Option<&mut Vec<(Document<'a>, usize)>> {
        match kind {
            DocKind::Briefing => Some(&mut self.briefings),
            DocKind::Letter => Some(&mut self.letters),
            DocKind::Proof => None,
        }
    }
}

impl<'a> Stream<'a> {
    /// Renders and compiles on every thread of `pool`, each taking the next
    /// document as soon as it is free (a long briefing holds no one up, and
    /// no thread waits for the others between documents), while the calling
    /// thread takes the results in plan order, so that what is written does
    /// not depend on timing, and writes them.
    fn run(
        &self,
        pool: &rayon::ThreadPool,
        mut sink: Option<Sink>,
        progress: &(dyn Fn(usize, usize) + Sync),
        stages: &mut Stages,
    ) -> Result<Collected<'a>, Error> {
        let threads = pool.current_num_threads();
        stages.threads = threads;
        let (next, failed) = (&AtomicUsize::new(0), &AtomicBool::new(false));
        let mut report = Report::default();
        let mut problems = Problems::default();
        let mut failures = Failures::default();
        let mut printed = Printed::default();
        let total = self.documents.len();
        let window = &Window::new(threads * AHEAD_PER_THREAD);
        let written = std::thread::scope(|scope| -> Result<(), Error> {
            let (tx, rx) = mpsc::sync_channel::<Done>(threads * 2);
            scope.spawn(move || pool.broadcast(|ctx| self.work(ctx.index(), next, failed, window, &tx)));
            // However this closure ends, the threads stop waiting for room.
            let _close = window.closer();
            // Results that came in before those of earlier documents.
            let mut pending = BTreeMap::new();
            let mut done = 0;
            for (received, d) in rx.into_iter().enumerate() {
                stages.render += d.render;
                stages.compile += d.compile;
                pending.insert(d.index, d.made);
                if (received + 1) % (threads * TRIM_PER_THREAD) == 0 {
                    typst::comemo::evict(CACHE_AGE);
                }
                while let Some(made) = pending.remove(&done) {
                    let doc = &self.documents[done];
                    done += 1;
                    match made {
                        // One template error shows up once, not once per letter.
                        Made::Problem(p) if !problems.0.contains(&p) => problems.push(p),
                        Made::Problem(_) | Made::Skipped => {}
                        Made::Unreadable(e) => return Err(e),
                        Made::Compiled(source, Err(e)) => failures.add(e, doc, &source, self.renderer),
                        Made::Crashed(source, message) => {
                            failures.add(crash(doc, &message), doc, &source, self.renderer)
                        }
                        Made::Compiled(source, Ok(compiled)) => {
                            let Compiled { pdf, page, warnings, reused, .. } = &compiled;
                            report.pages += pdf.pages;
                            report.unchanged += usize::from(*reused);
                            for w in warnings {
                                if !report.warnings.contains(w) {
                                    report.warnings.push(w.clone());
                                }
                            }
                            report.html_pages += usize::from(page.is_some());
                            match doc.kind {
                                DocKind::Briefing => report.briefings += 1,
                                DocKind::Letter => report.letters += 1,
                                DocKind::Proof => report.proofs += 1,
                            }
                            if let (Some(sink), true) = (&mut sink, failures.0.is_empty()) {
                                // Leaving the loop drops the receiver: the
                                // threads stop after their current document.
                                sink.accept(doc, &source, &compiled, self.out, stages)?;
                                if let (true, Some(printed)) = (self.print, printed.of(doc.kind)) {
                                    printed.push((*doc, pdf.pages));
                                }
                            }
                        }
                    }
                    window.advance(done);
                    progress(done, total);
                }
            }
            Ok(())
        });
        typst::comemo::evict(0);
        written?;
        Ok(Collected { report, problems, failures, sink, printed })
    }

    /// One thread's share: the next document not yet taken, until none is
    /// left or the writer has stopped.
    fn work(&self, slot: usize, next: &AtomicUsize, failed: &AtomicBool, window: &Window, tx: &SyncSender<Done>) {
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(doc) = self.documents.get(index) else { return };
            if !window.enter(index) {
                return;
            }
            let t = Instant::now();
            let rendered = match self.campaign.answers_for(doc.needs(self.campaign)) {
                Ok(answers) => Ok(doc.render(self.campaign, &answers, self.renderer, self.date)),
                Err(e) => Err(e),
            };
            let render = t.elapsed();
            let t = Instant::now();
            let made = match rendered {
                Err(e) => {
                    failed.store(true, Ordering::Relaxed);
                    Made::Unreadable(e)
                }
                Ok(Err(p)) => {
                    failed.store(true, Ordering::Relaxed);
                    Made::Problem(p)
                }
                Ok(Ok(_)) if failed.load(Ordering::Relaxed) => Made::Skipped,
                Ok(Ok(source)) => match std::panic::catch_unwind(AssertUnwindSafe(|| self.make(doc, slot, &source))) {
                    Ok(compiled) => Made::Compiled(source, compiled),
                    Err(panic) => Made::Crashed(source, panic_message(&*panic)),
                },
            };
            if tx.send(Done { index, made, render, compile: t.elapsed() }).is_err() {
                return;
            }
        }
    }

    /// Whether `doc` gets a web page.
    fn has_page(&self, doc: &Document) -> bool {
        doc.kind == DocKind::Briefing && self.html
    }

    /// A document's PDF and web page, taken from the last good output when
    /// their key is unchanged, compiled otherwise.
    fn make(&self, doc: &Document, slot: usize, source: &str) -> Result<Compiled, compile::CompileError> {
        let key = self.base.key(source, doc.standard(), self.has_page(doc));
        if let Some(pdf) = self.previous.take(self.out, &doc.pdf_path(), &key) {
            let page = match self.has_page(doc) {
                true => self
                    .previous
                    .take(self.out, &layout::web_page(&doc.name()), &key)
                    .and_then(|p| String::from_utf8(p.bytes).ok())
                    .map(Some),
                false => Some(None),
            };
            if let Some(page) = page {
                let warnings = pdf.entry.warnings;
                let pdf = Pdf { bytes: pdf.bytes, pages: pdf.entry.pages, warnings: String::new() };
                return Ok(Compiled { pdf, page, warnings, key, reused: true });
            }
        }
        self.compile(doc, slot, source, key)
    }

    /// A document's PDF and, for a briefing, its web page. HTML export is
    /// experimental in typst: when it fails, the briefing gets a warning and
    /// no web page, and the run goes on.
    fn compile(
        &self,
        doc: &Document,
        slot: usize,
        source: &str,
        key: String,
    ) -> Result<Compiled, compile::CompileError> {
        let path = doc.source_path();
        let pdf = compile::pdf(self.project, slot, &path, source.to_string(), doc.standard())?;
        let mut warnings: Vec<String> = Some(pdf.warnings.clone()).filter(|w| !w.is_empty()).into_iter().collect();
        let mut page = None;
        if self.has_page(doc) {
            match compile::html(self.project, slot, &path, source.to_string()) {
                Ok((html, w)) => {
                    page = Some(html);
                    warnings.extend(Some(w).filter(|w| !w.is_empty()));
                }
                Err(e) => warnings.push(format!(
                    "warning: no web page for {}: typst's HTML export failed (--no-html skips the web pages)\n{}",
                    layout::shown(&path),
                    e.rendered
                )),
            }
        }
        Ok(Compiled { pdf, page, warnings, key, reused: false })
    }
}

/// How far ahead of the writer the threads may go. A result waits in memory
/// until those of every earlier document are written: without a bound, one
/// slow briefing at the head of the plan would let the other threads pile
/// up the whole campaign behind it.
struct Window {
    /// Documents written so far, and whether the writer has stopped.
    state: Mutex<(usize, bool)>,
    moved: Condvar,
    size: usize,
}

impl Window {
    fn new(size: usize) -> Window {
        Window { state: Mutex::new((0, false)), moved: Condvar::new(), size }
    }

    /// Waits until document `index` is within the window of those written;
    /// false if the writer has stopped instead.
    fn enter(&self, index: usize) -> bool {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        while !state.1 && index >= state.0 + self.size {
            state = self.moved.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        !state.1
    }

    /// `written` documents are written.
    fn advance(&self, written: usize) {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).0 = written;
        self.moved.notify_all();
    }

    /// A guard that tells the threads, when dropped, that the writer stopped.
    fn closer(&self) -> impl Drop + '_ {
        struct Closer<'a>(&'a Window);
        impl Drop for Closer<'_> {
            fn drop(&mut self) {
                self.0.state.lock().unwrap_or_else(|e| e.into_inner()).1 = true;
                self.0.moved.notify_all();
            }
        }
        Closer(self)
    }
}

/// What a panic said, if it said it with a string.
fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".into())
}

/// A document on which typst panicked, as a failure to report.
fn crash(doc: &Document, message: &str) -> compile::CompileError {
    let text = format!("typst stopped with an internal error on {}: {message}", layout::shown(&doc.source_path()));
    compile::CompileError { rendered: format!("error: {text}\n"), messages: vec![text], places: Vec::new() }
}

/// Where the outputs go while they are made.
struct Sink {
    staging: Staging,
    bundle: Option<Bundle<BufWriter<File>>>,
    /// The key of each file written, for the next build.
    keys: Keys,
}

impl Sink {
    fn new(out: &std::path::Path, project_files: &[(String, Vec<u8>)]) -> Result<Sink, Error> {
        let staging = Staging::new(out)?;
        for (path, data) in project_files {
            staging.write(&layout::typst_file(path), data)?;
        }
        Ok(Sink { staging, bundle: None, keys: Keys::new() })
    }

    /// Writes a document's files into the new output; the PDF and page taken
    /// back from the previous output (in `previous`) are linked, not copied.
    fn accept(
        &mut self,
        doc: &Document,
        source: &str,
        compiled: &Compiled,
        previous: &std::path::Path,
        stages: &mut Stages,
    ) -> Result<(), Error> {
        let Compiled { pdf, page, warnings, key, reused } = compiled;
        let t = Instant::now();
        // Only files whose content was just checked are linked: the PDF and
        // page by their digest, the source if its copy there is the same.
        let put = |path: &str, bytes: &[u8]| match reused {
            true => self.staging.keep(path, &previous.join(path), bytes),
            false => self.staging.write(path, bytes),
        };
        let source_file = layout::typst_file(&doc.source_path());
        let old_source = previous.join(&source_file);
        match *reused && std::fs::read(&old_source).is_ok_and(|old| old == source.as_bytes()) {
            true => self.staging.keep(&source_file, &old_source, source.as_bytes())?,
            false => self.staging.write(&source_file, source.as_bytes())?,
        }
        put(&doc.pdf_path(), &pdf.bytes)?;
        if let Some(page) = page {
            put(&layout::web_page(&doc.name()), page.as_bytes())?;
        }
        self.keys.record(&doc.pdf_path(), key, &pdf.bytes, pdf.pages, warnings);
        if let Some(page) = page {
            self.keys.record(&layout::web_page(&doc.name()), key, page.as_bytes(), 0, &[]);
        }
        stages.write += t.elapsed();
        if let Some(c) = doc.letter_candidate() {
            let t = Instant::now();
            if self.bundle.is_none() {
                let path = self.staging.path(layout::ZIP);
                let file = File::create(&path).map_err(IoError::at(path))?;
                self.bundle = Some(Bundle::new(BufWriter::new(file)));
            }
            let bundle = self.bundle.as_mut().expect("just created");
            let file = format!("{}.pdf", doc.name());
            let commune = c.commune.as_deref().unwrap_or_default();
            bundle.add(&c.id, &c.list, commune, &file, pdf.pages, &pdf.bytes).map_err(|e| self.zip_error(e))?;
            stages.zip += t.elapsed();
        }
        Ok(())
    }

    fn commit(mut self, stages: &mut Stages) -> Result<(), Error> {
        let t = Instant::now();
        if let Some(bundle) = self.bundle.take() {
            let writer = bundle.finish().map_err(|e| self.zip_error(e))?;
            writer.into_inner().map_err(|e| self.zip_error(e.into_error().into()))?;
        }
        stages.zip += t.elapsed();
        let t = Instant::now();
        self.staging.write(layout::KEYS, &self.keys.to_json())?;
        self.staging.commit()?;
        stages.write += t.elapsed();
        Ok(())
    }

    fn zip_error(&self, e: zip::result::ZipError) -> Error {
        let source = match e {
            zip::result::ZipError::Io(e) => e,
            other => std::io::Error::other(other),
        };
        Error::Io(IoError::at(self.staging.path(layout::ZIP))(source))
    }
}

/// Documents that did not compile, grouped by error: the same mistake in a
/// template is reported once, not once per letter.
#[derive(Default)]
struct Failures(Vec<Failure>);

/// One error, the document it is shown for, and how many others it stops.
struct Failure {
    key: Vec<String>,
    text: String,
    /// The generated source the error names: path in the project, text.
    source: (String, String),
    others: usize,
}

impl Failures {
    fn add(&mut self, e: compile::CompileError, doc: &Document, source: &str, renderer: &Renderer) {
        let key: Vec<String> = e.messages.iter().cloned().chain(e.places.iter().map(|p| format!("{p:?}"))).collect();
        if let Some(group) = self.0.iter_mut().find(|g| g.key == key) {
            group.others += 1;
            return;
        }
        let path = doc.source_path();
        let text = renderer.annotate(e, doc.template(), &path);
        self.0.push(Failure { key, text, source: (path, source.to_string()), others: 0 });
    }

    /// The messages, and the sources they name.
    fn into_parts(self) -> (Vec<String>, Vec<(String, String)>) {
        self.0
            .into_iter()
            .map(|Failure { mut text, others, source, .. }| {
                if others > 0 {
                    text.push_str(&format!("note: the same error stops {others} other document(s)\n"));
                }
                (text, source)
            })
            .unzip()
    }
}

/// The error of a run that typst stopped. A build (`dir` is its folder of
/// failing sources) also keeps the generated sources the errors name, with
/// the project's files, in `out.failed/` (the output folder keeps the last
/// good run whole), so that the paths in the errors can be opened and
/// typst rerun on them; unless `may_keep` is false, as that folder is
/// someone else's.
fn compile_failure(
    dir: Option<&std::path::Path>,
    may_keep: bool,
    project_files: &[(String, Vec<u8>)],
    mut diagnostics: Vec<String>,
    sources: Vec<(String, String)>,
) -> Error {
    let kept = match dir.filter(|_| !sources.is_empty()) {
        None => None,
        Some(dir) if !may_keep => {
            diagnostics.push(format!(
                "warning: {} holds files that interpel did not write, so the failing sources were not kept there: rename or remove it to keep them\n",
                dir.display()
            ));
            None
        }
        Some(dir) => {
            let files = project_files
                .iter()
                .map(|(path, data)| (path, data.as_slice()))
                .chain(sources.iter().map(|(path, text)| (path, text.as_bytes())))
                .map(|(path, data)| (layout::typst_file(path), data));
            match output::keep_failed(dir, files) {
                Ok(()) => Some(dir.to_path_buf()),
                Err(e) => {
                    diagnostics.push(format!("warning: the failing sources could not be kept: {e}\n"));
                    None
                }
            }
        }
    };
    Error::Compile { diagnostics, kept }
}

/// Threads for compiling, `jobs` of them (all cores by default). Typst
/// recurses deeply on long documents (a briefing of hundreds of quotes), far
/// past the 2 MiB a thread gets by default: each gets 256 MiB of address
/// space, used only as it is needed.
fn compile_pool(jobs: Option<usize>) -> Result<rayon::ThreadPool, Error> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.unwrap_or(0))
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
