//! The scheduler: one round of documents, each rendered and compiled on
//! every core (or taken back from the last good output), written in plan
//! order. Every kind of document goes through it, the print files in a
//! round of their own once the documents they bind are written.
//!
//! Each thread takes the next document as soon as it is free (a long
//! briefing holds no one up); the calling thread takes the results in plan
//! order, so that what is written does not depend on timing, and hands them
//! to the [`Sink`]. Threads never run more than a few documents ahead of the
//! writer, and typst's memo cache is trimmed as the round goes.

use std::collections::BTreeMap;
use std::panic::AssertUnwindSafe;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, SyncSender};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use crate::campaign::Campaign;
use crate::compile::{self, Pdf, Standard};
use crate::diag::{Diagnostic, Problem, Problems, Severity, Warning};
use crate::documents::{Document, Format, Round, View};
use crate::error::Error;
use crate::failed::Failures;
use crate::layout;
use crate::pipeline::{Report, Stages};
use crate::render::Renderer;
use crate::reuse::{Base, Digests, Keys};
use crate::sink::Sink;
use crate::world::Project;

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

/// How many documents a thread takes between two returns of its free
/// memory to the system, besides the one after each long document.
const TRIM_HEAP_EVERY: usize = 256;

/// The most source text compiled at once, in bytes: typst holds some 270
/// bytes of layout per byte of source while it compiles (a briefing of
/// 0.9 MB, 190 pages, takes 250 MB), so this bounds the memory of the
/// documents in flight to about 70 MB plus each one's fixed cost, whatever
/// the campaign's shape. Letters (4–7 KB) and the usual briefings (under
/// 30 KB) never wait; a document longer than [`LONG`] waits until no other
/// long one compiles, so two long briefings are never laid out at once
/// (BENCHMARKS.md, twelfth session).
const IN_FLIGHT: usize = 256 * 1024;
/// What a long document takes of [`IN_FLIGHT`] at most: the rest stays
/// free for the short documents beside it.
const LONG: usize = IN_FLIGHT * 3 / 4;

/// What every round of a run shares.
pub struct Stream<'a> {
    pub campaign: &'a Campaign,
    pub renderer: &'a Renderer,
    pub project: &'a Project,
    pub date: NaiveDate,
    /// What every document's key shares.
    pub base: &'a Base,
    /// The keys of the last good output, in `out`.
    pub previous: &'a Keys,
    pub out: &'a Path,
    /// Gives the allocator's free memory back to the system (the binary's
    /// allocator): called by a thread after a long document, before it
    /// waits for another.
    pub trim_heap: Option<fn()>,
}

/// What a thread made of one document.
enum Made {
    /// Its template failed.
    Problem(Problem),
    /// Rendered but not compiled: a template failed earlier, so the run fails.
    Skipped,
    /// Compiled, or taken back from the last good output.
    Ready(Compiled),
    /// Its source, and typst's errors on it.
    Failed(String, compile::CompileError),
    /// Typst panicked on it: a bug of typst's or interpel's, reported as
    /// this document's failure rather than the end of the run.
    Crashed(String, String),
    /// Its answers could not be read back from interpel's temporary file:
    /// the run stops.
    Unreadable(Error),
}

/// A document made: its files, its pages, the warnings typst gave while
/// making them, and the key they were made from.
pub struct Compiled {
    pub files: Files,
    pub pages: usize,
    pub warnings: Vec<Warning>,
    pub key: String,
    /// The digests of the PDF or web page, made on the compiling thread.
    pub digests: Digests,
}

/// Where a document's files come from.
pub enum Files {
    /// Just made: its source, and its output (a PDF, or the web page that
    /// its source is).
    New { source: String, output: Vec<u8> },
    /// The last good output's, checked: it was made from the same key and
    /// its files still have the bytes recorded.
    Kept,
}

impl Compiled {
    /// Taken from the last good output rather than compiled.
    pub fn reused(&self) -> bool {
        matches!(self.files, Files::Kept)
    }
}

/// One document done by a thread, and the thread time it took.
struct Done {
    index: usize,
    made: Made,
    render: Duration,
    compile: Duration,
}

/// What a round leaves for the rounds after it: each document written, in
/// plan order, with its page count.
pub type Written<'d> = Vec<(Document<'d>, usize)>;

/// What a round ended with, unless it failed: the documents it wrote, and
/// everything that stops the run.
pub struct Outcome<'d> {
    pub written: Written<'d>,
    pub problems: Problems,
    pub failures: Failures,
}

impl<'a> Stream<'a> {
    /// Makes `documents` on every thread of `pool`, no thread more than
    /// `ahead` documents ahead of the writer, handing each to `sink` (when
    /// the run writes) in plan order, and counting it in `report`.
    #[allow(clippy::too_many_arguments)]
    pub fn round<'d>(
        &self,
        documents: &[Document<'d>],
        ahead: usize,
        pool: &rayon::ThreadPool,
        mut sink: Option<&mut Sink>,
        progress: &(dyn Fn(usize, usize) + Sync),
        report: &mut Report,
        stages: &mut Stages,
    ) -> Result<Outcome<'d>, Error> {
        let threads = pool.current_num_threads();
        stages.threads = threads;
        let turns = &Turns {
            next: AtomicUsize::new(0),
            failed: AtomicBool::new(false),
            window: Window::new(threads * ahead),
            budget: Budget::new(IN_FLIGHT),
        };
        let window = &turns.window;
        let mut outcome = Outcome { written: Vec::new(), problems: Problems::default(), failures: Failures::default() };
        let total = documents.len();
        let result = std::thread::scope(|scope| -> Result<(), Error> {
            let (tx, rx) = mpsc::sync_channel::<Done>(threads * 2);
            scope.spawn(move || pool.broadcast(|ctx| self.work(documents, ctx.index(), turns, &tx)));
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
                    let doc = &documents[done];
                    done += 1;
                    let Outcome { written, problems, failures } = &mut outcome;
                    match made {
                        // One template error shows up once, not once per letter.
                        Made::Problem(p) if !problems.0.contains(&p) => problems.push(p),
                        Made::Problem(_) | Made::Skipped => {}
                        Made::Unreadable(e) => return Err(e),
                        Made::Failed(source, e) => failures.add(e, doc, &source, self.renderer),
                        Made::Crashed(source, message) => {
                            failures.add(crash(doc, &message), doc, &source, self.renderer)
                        }
                        Made::Ready(compiled) => {
                            let kept = match (&mut sink, failures.is_empty()) {
                                // Leaving the loop drops the receiver: the
                                // threads stop after their current document.
                                (Some(sink), true) => {
                                    sink.accept(doc, &compiled, stages)?;
                                    true
                                }
                                _ => false,
                            };
                            report.count(doc, &compiled, kept);
                            written.push((*doc, compiled.pages));
                        }
                    }
                    window.advance(done);
                    progress(done, total);
                }
            }
            Ok(())
        });
        typst::comemo::evict(0);
        result?;
        Ok(outcome)
    }

    /// One thread's share: the next document not yet taken, until none is
    /// left or the writer has stopped.
    fn work(&self, documents: &[Document], slot: usize, turns: &Turns, tx: &SyncSender<Done>) {
        let Turns { next, failed, window, budget } = turns;
        for taken in 1.. {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(doc) = documents.get(index) else { return };
            if !window.enter(index) {
                return;
            }
            // The allocator keeps what a thread freed for the thread to
            // use again; over thousands of letters after long briefings,
            // that grew by a few kilobytes a document.
            if taken % TRIM_HEAP_EVERY == 0
                && let Some(trim) = self.trim_heap
            {
                trim();
            }
            let t = Instant::now();
            let (made, compile) = match self.campaign.answers_for(doc.needs(self.campaign)) {
                Err(e) => {
                    failed.store(true, Ordering::Relaxed);
                    (Made::Unreadable(e), Duration::ZERO)
                }
                Ok(answers) => self.make(doc, slot, doc.view(self.campaign, &answers, self.date), failed, budget),
            };
            // Rendering, and the key and the check of a document kept.
            let render = t.elapsed().saturating_sub(compile);
            if tx.send(Done { index, made, render, compile }).is_err() {
                return;
            }
        }
    }

    /// A document's files, taken from the last good output when their key
    /// is unchanged, rendered and compiled otherwise; and the time spent
    /// compiling.
    fn make(&self, doc: &Document, slot: usize, view: View, failed: &AtomicBool, budget: &Budget) -> (Made, Duration) {
        let reads = doc.reads().iter().map(|(_, digest)| digest.as_str());
        let key = self.base.key(doc.template(), &view, doc.format(), reads);
        if let Some(kept) = self.kept(doc, &key) {
            return (Made::Ready(kept), Duration::ZERO);
        }
        let published = doc.describe().zipped;
        let source = match doc.render(&view, self.renderer) {
            Err(p) => {
                failed.store(true, Ordering::Relaxed);
                return (Made::Problem(p), Duration::ZERO);
            }
            Ok(_) if failed.load(Ordering::Relaxed) => return (Made::Skipped, Duration::ZERO),
            Ok(source) => source,
        };
        drop(view);
        let standard = match doc.format() {
            Format::Pdf(standard) => standard,
            // A web page is its rendered template.
            Format::Html => {
                let (bytes, digests) = (source.as_bytes().to_vec(), Digests::of(source.as_bytes(), published));
                let files = Files::New { source, output: bytes };
                let page = Compiled { files, pages: 0, warnings: Vec::new(), key, digests };
                return (Made::Ready(page), Duration::ZERO);
            }
        };
        let share = budget.take(source.len());
        let t = Instant::now();
        let made = match std::panic::catch_unwind(AssertUnwindSafe(|| self.compile(doc, slot, &source, standard))) {
            Ok(Ok(pdf)) => {
                let digests = Digests::of(&pdf.bytes, published);
                let typst = Some(pdf.warnings).filter(|w| !w.is_empty()).map(Warning::Typst);
                let files = Files::New { source, output: pdf.bytes };
                Made::Ready(Compiled { files, pages: pdf.pages, warnings: typst.into_iter().collect(), key, digests })
            }
            Ok(Err(e)) => Made::Failed(source, e),
            Err(panic) => Made::Crashed(source, panic_message(&*panic)),
        };
        // Typst's cache holds a long document's layout until it is trimmed,
        // and a thread that waits keeps what it freed: the next long
        // document, compiled by another thread, would add to both.
        if share.long {
            typst::comemo::evict(CACHE_AGE);
            if let Some(trim) = self.trim_heap {
                trim();
            }
        }
        drop(share);
        (made, t.elapsed())
    }

    /// A document as the last good output has it, if it was made from `key`
    /// and every file of it (PDF, web page, source) still has the bytes
    /// recorded.
    fn kept(&self, doc: &Document, key: &str) -> Option<Compiled> {
        let pdf = self.previous.check(self.out, &doc.output_path(), key)?;
        // A letter of the zip needs its SHA-256 for the manifest.
        if doc.describe().zipped && pdf.sha256.is_none() {
            return None;
        }
        if doc.describe().source_kept {
            self.previous.check(self.out, &layout::typst_file(&doc.source_path()), key)?;
        }
        let warnings = pdf.warnings.into_iter().map(Warning::Typst).collect();
        let digests = Digests { digest: pdf.digest, sha256: pdf.sha256 };
        Some(Compiled { files: Files::Kept, pages: pdf.pages, warnings, key: key.to_string(), digests })
    }

    /// A document's PDF.
    fn compile(
        &self,
        doc: &Document,
        slot: usize,
        source: &str,
        standard: Standard,
    ) -> Result<Pdf, compile::CompileError> {
        compile::pdf(self.project, slot, &doc.source_path(), source.to_string(), standard, doc.reads())
    }
}

impl Report {
    /// Counts a document made, and `written` when it went to the output.
    fn count(&mut self, doc: &Document, compiled: &Compiled, written: bool) {
        let Compiled { pages, warnings, .. } = compiled;
        let reused = compiled.reused();
        for w in warnings {
            if !self.warnings.contains(w) {
                self.warnings.push(w.clone());
            }
        }
        let count = self.counts.entry(doc.kind).or_default();
        count.made += 1;
        count.unchanged += usize::from(reused);
        if doc.describe().round == Round::Documents {
            self.pages += pages;
        } else if written {
            self.print_files.push(doc.output_path());
        }
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

/// What the threads of a round share to take their turns: the next
/// document to take, whether one failed, how far ahead of the writer they
/// may run, and how much source they may compile at once.
struct Turns {
    next: AtomicUsize,
    failed: AtomicBool,
    window: Window,
    budget: Budget,
}

/// The source bytes being compiled, bounded: a thread takes its document's
/// share before compiling it and gives it back after.
struct Budget {
    in_flight: Mutex<usize>,
    freed: Condvar,
    size: usize,
}

impl Budget {
    fn new(size: usize) -> Budget {
        Budget { in_flight: Mutex::new(0), freed: Condvar::new(), size }
    }

    /// Waits until a document of `source` bytes fits in the budget (a long
    /// one counted as [`LONG`]), or nothing else is in flight, and takes
    /// its share until the share is dropped.
    fn take(&self, source: usize) -> Share<'_> {
        let bytes = source.min(LONG);
        let mut in_flight = self.in_flight.lock().unwrap_or_else(|e| e.into_inner());
        while *in_flight > 0 && *in_flight + bytes > self.size {
            in_flight = self.freed.wait(in_flight).unwrap_or_else(|e| e.into_inner());
        }
        *in_flight += bytes;
        Share { budget: self, bytes, long: source >= LONG }
    }
}

/// A document's share of the [`Budget`], given back when dropped.
struct Share<'a> {
    budget: &'a Budget,
    bytes: usize,
    /// The document is long: it leaves no room for another long one.
    long: bool,
}

impl Drop for Share<'_> {
    fn drop(&mut self) {
        *self.budget.in_flight.lock().unwrap_or_else(|e| e.into_inner()) -= self.bytes;
        self.budget.freed.notify_all();
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
    compile::CompileError { diagnostics: vec![Diagnostic::bare(Severity::Error, text)], places: Vec::new() }
}

/// Threads for compiling, `jobs` of them (all cores by default). Typst
/// recurses deeply on long documents (a briefing of hundreds of quotes), far
/// past the 2 MiB a thread gets by default: each gets 256 MiB of address
/// space, used only as it is needed.
pub fn pool(jobs: Option<usize>) -> Result<rayon::ThreadPool, Error> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.unwrap_or(0))
        .stack_size(256 << 20)
        .thread_name(|i| format!("compile-{i}"))
        .build()
        .map_err(|e| Error::Internal(format!("cannot start the compiling threads: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs `sizes` on four threads through one budget and returns the most
    /// bytes and the most long documents that were ever in flight at once.
    fn most_in_flight(sizes: &[usize]) -> (usize, usize) {
        let budget = Budget::new(IN_FLIGHT);
        let now = Mutex::new((0, 0));
        let most = Mutex::new((0, 0));
        let next = AtomicUsize::new(0);
        std::thread::scope(|scope| {
            for _ in 0..4 {
                scope.spawn(|| {
                    while let Some(&size) = sizes.get(next.fetch_add(1, Ordering::Relaxed)) {
                        let share = budget.take(size);
                        let long = usize::from(share.long);
                        {
                            let mut now = now.lock().unwrap();
                            *now = (now.0 + share.bytes, now.1 + long);
                            let mut most = most.lock().unwrap();
                            *most = (most.0.max(now.0), most.1.max(now.1));
                        }
                        std::thread::sleep(Duration::from_millis(2));
                        let mut now = now.lock().unwrap();
                        *now = (now.0 - share.bytes, now.1 - long);
                        drop(share);
                    }
                });
            }
        });
        most.into_inner().unwrap()
    }

    #[test]
    fn long_documents_are_compiled_one_at_a_time() {
        // Briefings of 900 KB of source among letters of 5 KB.
        let sizes: Vec<usize> = (0..40).map(|i| if i % 8 == 0 { 900_000 } else { 5_000 }).collect();
        let (bytes, long) = most_in_flight(&sizes);
        assert_eq!(long, 1, "two long documents were compiled at once");
        assert!(bytes <= IN_FLIGHT, "{bytes} bytes of source in flight");
    }

    #[test]
    fn short_documents_never_wait_for_each_other() {
        // Four letters at once on four threads: the budget lets them all in.
        let budget = Budget::new(IN_FLIGHT);
        let shares: Vec<_> = (0..4).map(|_| budget.take(7_000)).collect();
        assert_eq!(*budget.in_flight.lock().unwrap(), 28_000);
        drop(shares);
        assert_eq!(*budget.in_flight.lock().unwrap(), 0);
        // A document longer than the budget is let in when nothing else is,
        // counted as a long one.
        let share = budget.take(IN_FLIGHT * 4);
        assert!(share.long && share.bytes == LONG);
        drop(share);
        assert_eq!(*budget.in_flight.lock().unwrap(), 0);
    }
}
