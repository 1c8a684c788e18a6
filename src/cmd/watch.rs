//! `interpel watch`: build, then build again each time a file of the
//! campaign's `inputs/` or `templates/` changes, until interrupted.
//!
//! A failed build prints its errors and leaves the output folder as the
//! last good build left it (the pipeline never puts a half-written file in
//! place), so a document open in a viewer never goes blank mid-edit; one
//! that fails after its documents were put in place (on the print files)
//! leaves them beside the last good print files and zip.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use notify::event::ModifyKind;
use notify::{EventKind, RecursiveMode, Watcher};

use super::BuildArgs;
use super::term::Term;
use interpel::{Config, Error};

/// Editors save in bursts (a temporary file, a rename), within a few
/// milliseconds: a build starts once nothing has changed for this long
/// (watchexec waits as long by default). A build started on a half-saved
/// file is followed by another as soon as the save ends.
const QUIET_TIME: Duration = Duration::from_millis(50);
/// A build starts at the latest this long after the first change, even if
/// changes keep coming.
const LONGEST_BURST: Duration = Duration::from_secs(2);

pub fn run(args: BuildArgs, term: &Term) -> Result<(), Error> {
    let config = super::build::config(&args)?;
    let dir = config.dir.canonicalize().map_err(interpel::utils::fs::IoError::at(&config.dir))?;
    let watched: Vec<PathBuf> = ["inputs", "templates"].iter().map(|f| dir.join(f)).collect();

    let (tx, rx) = std::sync::mpsc::channel();
    let mut watcher =
        notify::recommended_watcher(tx).map_err(|e| Error::Internal(format!("cannot watch for changes: {e}")))?;
    // The whole folder, so that a templates/ created later is seen too;
    // changes elsewhere (the output, an editor's files) are ignored below.
    watcher
        .watch(&dir, RecursiveMode::Recursive)
        .map_err(|e| Error::Internal(format!("cannot watch {}: {e}", dir.display())))?;

    build_once(&config, term);
    let shown = config.dir.display();
    term.info(&format!("watching {shown}/inputs and {shown}/templates; Ctrl+C to stop\n"));
    // Blocks until a change; then gathers the rest of the burst, which ends
    // after a quiet moment without changes, or at the latest after a while
    // (events that are not changes, such as the build's own reads, or
    // files elsewhere in the folder, do not hold it up).
    while let Ok(first) = rx.recv() {
        let mut changed: Vec<PathBuf> = relevant(first, &watched);
        let mut last_change = Instant::now();
        let started = Instant::now();
        while !changed.is_empty() && last_change.elapsed() < QUIET_TIME && started.elapsed() < LONGEST_BURST {
            if let Ok(event) = rx.recv_timeout(QUIET_TIME.saturating_sub(last_change.elapsed())) {
                let more = relevant(event, &watched);
                if !more.is_empty() {
                    last_change = Instant::now();
                }
                changed.extend(more);
            }
        }
        if changed.is_empty() {
            continue;
        }
        changed.sort();
        changed.dedup();
        // An editor's temporary files come and go within the burst.
        if changed.iter().any(|p| p.exists()) {
            changed.retain(|p| p.exists());
        }
        let names: Vec<String> =
            changed.iter().map(|p| p.strip_prefix(&dir).unwrap_or(p).display().to_string()).collect();
        term.info(&format!("changed: {}; building again\n", names.join(", ")));
        build_once(&config, term);
    }
    Ok(())
}

/// The paths under `watched` that `event` changed, but for the lock files
/// a spreadsheet keeps beside an open workbook.
fn relevant(event: notify::Result<notify::Event>, watched: &[PathBuf]) -> Vec<PathBuf> {
    match event {
        Ok(e) if is_change(&e.kind) => e
            .paths
            .into_iter()
            .filter(|path| watched.iter().any(|w| path.starts_with(w)) && !is_lock_file(path))
            .collect(),
        _ => Vec::new(),
    }
}

/// LibreOffice's `.~lock.campagne.ods#` and Excel's `~$campagne.xlsx`: they
/// come and go as a workbook is opened and closed, and change no table.
fn is_lock_file(path: &std::path::Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    name.starts_with(".~lock.") || name.starts_with("~$")
}

/// A change to what a file holds or to which files exist; reading a file
/// (as every build does) or touching its metadata is not one.
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    }
}

/// One build; its errors are printed, not returned, so watching goes on.
fn build_once(config: &Config, term: &Term) {
    match super::build::with_progress(term, |progress| {
        interpel::pipeline::run(config, interpel::pipeline::Mode::Build, progress)
    }) {
        Ok(report) => super::build::print_report(&report, config, term),
        Err(e) => {
            term.error(&super::show::error(&e, term.color));
            let holds = match e {
                Error::Unfinished(_) => "holds the new documents beside the last good print files and zip",
                _ => "still holds the last good build",
            };
            term.error(&format!("note: {} {holds}; waiting for the next change\n", config.out.display()));
        }
    }
}
