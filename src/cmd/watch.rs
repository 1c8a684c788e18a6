//! `interpel watch`: build, then build again each time a file of the
//! campaign's `inputs/` or `templates/` changes, until interrupted.
//!
//! A failed build prints its errors and leaves the output folder as the
//! last good build left it (the pipeline only ever swaps in a whole new
//! output), so a document open in a viewer never goes blank mid-edit.

use std::path::{Path, PathBuf};
use std::time::Duration;

use notify::RecursiveMode;
use notify_debouncer_mini::new_debouncer;

use super::BuildArgs;
use super::term::Term;
use interpel::{Config, Error};

/// Editors save in bursts (a temporary file, a rename): one build per burst.
const QUIET_TIME: Duration = Duration::from_millis(250);

pub fn run(args: BuildArgs, term: &Term) -> Result<(), Error> {
    let config = super::build::config(&args, term)?;
    let dir = config.dir.canonicalize().map_err(interpel::utils::fs::IoError::at(&config.dir))?;
    let watched: Vec<PathBuf> = ["inputs", "templates"].iter().map(|f| dir.join(f)).collect();

    let (tx, rx) = std::sync::mpsc::channel();
    let mut debouncer =
        new_debouncer(QUIET_TIME, tx).map_err(|e| Error::Internal(format!("cannot watch for changes: {e}")))?;
    // The whole folder, so that a templates/ created later is seen too;
    // changes elsewhere (the output, an editor's files) are ignored below.
    debouncer
        .watcher()
        .watch(&dir, RecursiveMode::Recursive)
        .map_err(|e| Error::Internal(format!("cannot watch {}: {e}", dir.display())))?;

    build_once(&config, term);
    term.info(&format!("watching {}/inputs and {}/templates; Ctrl+C to stop\n", shown(&config), shown(&config)));
    for events in rx {
        let Ok(events) = events else { continue };
        let mut changed: Vec<&Path> = events
            .iter()
            .map(|e| e.path.as_path())
            .filter(|path| watched.iter().any(|w| path.starts_with(w)))
            .collect();
        if changed.is_empty() {
            continue;
        }
        changed.sort();
        changed.dedup();
        let names: Vec<String> =
            changed.iter().map(|p| p.strip_prefix(&dir).unwrap_or(p).display().to_string()).collect();
        term.info(&format!("changed: {}; building again\n", names.join(", ")));
        build_once(&config, term);
    }
    Ok(())
}

/// One build; its errors are printed, not returned, so watching goes on.
fn build_once(config: &Config, term: &Term) {
    match super::build::with_progress(term, |progress| interpel::pipeline::run(config, true, progress)) {
        Ok(report) => super::build::print_report(&report, config, term),
        Err(e) => {
            term.error(&e.to_string());
            term.error(&format!(
                "note: {} still holds the last good build; waiting for the next change\n",
                config.out.display()
            ));
        }
    }
}

fn shown(config: &Config) -> String {
    config.dir.display().to_string()
}
