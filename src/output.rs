//! Writing the outputs so that a failed run never destroys the last good one.
//!
//! Every new file is written into a fresh staging folder beside the output
//! folder; only when all of them are on disk does the output change. A
//! build that made everything anew puts the staging folder in the output
//! folder's place, in one atomic exchange where the system has one (Linux
//! `renameat2(RENAME_EXCHANGE)`). A build that took files back unchanged
//! from the last output (see [`crate::reuse`]) moves only its new files
//! into the output folder, each by an atomic rename, removes the files it
//! no longer makes, and replaces the record of keys last: creating and
//! removing thousands of files costs far more than the build itself when
//! one letter changed. Either way no reader ever sees a half-written PDF or
//! zip, even if the process is killed; a run killed while it moves files in
//! leaves each file whole, old or new, under the old record, so the next
//! build compiles again whatever does not match it. What a killed run
//! leaves besides is a hidden staging folder, removed by the next run.
//!
//! Such a build puts its files in place in two steps, so that a changed
//! letter is on the disk without waiting for what binds it: first the
//! documents ([`Staging::publish`]), with a record that still gives the
//! print files and the zip as the last output made them (they are, on the
//! disk), then those files, remade from the documents, and the full
//! record ([`Staging::commit`]); the zip goes in as soon as it is flushed
//! (see [`crate::sink::Sink::bundle`]). A run that fails or is killed
//! between the two leaves new documents beside print files and a zip that
//! are each whole, the last good ones or this run's, and recorded with the
//! key the last ones were made from: their keys no longer match the
//! documents', so the next build makes them again. The documents go first
//! only when the print template is the last output's
//! ([`crate::sink::Sink::publish`]), so that a mistake in a template
//! leaves the output as it was.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::layout::{FAILED_MARKER, MARKER};
use crate::utils::fs::{self, IoError};

/// What the output folder holds besides the generated files, so that a
/// campaign kept in git never shows them as changes, and where.
const GITIGNORE: &str = "*\n";
const GITIGNORE_FILE: &str = ".gitignore";

/// Why `out` may not be replaced, if it may not: it holds files that
/// `interpel` did not write (no marker and more than a `.gitignore`), or it
/// is not a folder.
pub fn refuse_to_replace(out: &Path) -> Option<String> {
    if !out.exists() {
        return None;
    }
    if !out.is_dir() {
        return Some(format!("{}: exists and is not a folder", out.display()));
    }
    let entries: Vec<_> = std::fs::read_dir(out).ok()?.filter_map(Result::ok).map(|e| e.file_name()).collect();
    let ours = entries.iter().any(|n| n == MARKER) || entries.iter().all(|n| n == GITIGNORE_FILE);
    (!ours).then(|| {
        format!(
            "{}: holds files that interpel did not write, and a build replaces its output folder as a whole; choose an empty or new folder",
            out.display()
        )
    })
}

/// The new content of an output folder, written beside it until
/// [`Staging::commit`] puts it in the folder's place. Dropped without a
/// commit, it vanishes and leaves the output folder as it was.
pub struct Staging {
    dir: tempfile::TempDir,
    out: PathBuf,
    /// Files of the new output taken unchanged from the last one, or put in
    /// place by [`Staging::publish`]: path in the output, and where the
    /// file is now.
    kept: HashMap<String, PathBuf>,
    /// Once the others are published, the files of the output folder left
    /// for the commit to replace or remove.
    later: Option<Vec<String>>,
}

impl Staging {
    /// A fresh staging folder for `out`, after removing those that killed
    /// runs left behind.
    pub fn new(out: &Path) -> Result<Staging, IoError> {
        let (parent, name) = parent_and_name(out);
        let parent = if parent.as_os_str().is_empty() { PathBuf::from(".") } else { parent };
        fs::create_dir_all(&parent)?;
        let prefix = format!(".{name}.interpel-");
        remove_leftovers(&parent, &prefix)?;
        let dir = tempfile::Builder::new().prefix(&prefix).tempdir_in(&parent).map_err(IoError::at(&parent))?;
        fs::write(&dir.path().join(GITIGNORE_FILE), GITIGNORE.as_bytes())?;
        fs::write(&dir.path().join(MARKER), b"This folder is interpel's output: each build replaces it as a whole.\n")?;
        Ok(Staging { dir, out: out.to_path_buf(), kept: HashMap::new(), later: None })
    }

    /// Where a file of the new output goes.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Where a file of the new output is until the commit: in the staging
    /// folder, or where it was kept from.
    pub fn find(&self, rel: &str) -> PathBuf {
        self.kept.get(rel).cloned().unwrap_or_else(|| self.path(rel))
    }

    /// Writes one file of the new output.
    pub fn write(&self, rel: &str, data: &[u8]) -> Result<(), IoError> {
        fs::write(&self.path(rel), data)
    }

    /// Puts `from`, a file of the previous output, unchanged into the new
    /// output as `rel`.
    pub fn keep(&mut self, rel: &str, from: &Path) {
        self.kept.insert(rel.to_string(), from.to_path_buf());
    }

    /// Whether the commit will move new files into the output folder one by
    /// one, rather than swap whole folders: some files are kept from the
    /// last output, which is interpel's.
    fn moves_in(&self) -> bool {
        !self.kept.is_empty() && self.out.join(MARKER).is_file()
    }

    /// Puts the files staged so far in place ahead of the commit, except
    /// those that `later` names, and removes those the run does not make,
    /// except those too; then the
    /// record of keys `last`, written as `record`, which must describe the
    /// files `later` names as they are in the last output. Only when the
    /// commit will move files in one by one: returns false, and does
    /// nothing, when it will swap whole folders, or when nothing new is
    /// staged. Once published, a file's path ([`Staging::find`]) is in the
    /// output folder.
    pub fn publish(&mut self, last: &str, record: &[u8], later: fn(&str) -> bool) -> Result<bool, IoError> {
        if !self.moves_in() {
            return Ok(false);
        }
        let staged: Vec<String> =
            fs::files_under(self.dir.path())?.into_iter().filter(|rel| rel != last && !later(rel)).collect();
        // Nothing new but the marker and .gitignore: nothing to put in ahead.
        if staged.iter().all(|rel| rel == MARKER || rel == GITIGNORE_FILE) {
            return Ok(false);
        }
        sync_tree(self.dir.path())?;
        for rel in staged {
            let to = self.out.join(&rel);
            if let Some(parent) = to.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::rename(&self.path(&rel), &to)?;
            self.kept.insert(rel, to);
        }
        // The files the run does not make, but those left for the commit.
        let (left, others): (Vec<String>, Vec<String>) =
            fs::files_under(&self.out)?.into_iter().filter(|rel| rel != last).partition(|rel| later(rel));
        let unmade: Vec<String> = others.into_iter().filter(|rel| !self.kept.contains_key(rel)).collect();
        remove(&self.out, &unmade)?;
        self.write(last, record)?;
        sync_file(&self.path(last))?;
        fs::rename(&self.path(last), &self.out.join(last))?;
        self.later = Some(left);
        Ok(true)
    }

    /// Flushes everything to disk and puts the new output in place of the
    /// old; `last` (the record of keys) is moved in after every other file.
    pub fn commit(self, last: &str) -> Result<(), IoError> {
        sync_tree(self.dir.path())?;
        if self.moves_in() {
            return self.move_in(last);
        }
        // The kept files join the staging folder, linked, not copied, where
        // the file system allows.
        for (rel, from) in &self.kept {
            fs::link_or_copy(from, &self.path(rel))?;
        }
        if self.out.exists() {
            // After the exchange the staging folder holds the previous
            // outputs, and dropping it removes them.
            exchange(self.dir.path(), &self.out)
        } else {
            fs::rename(&self.dir.keep(), &self.out)
        }
    }

    /// Moves the new files into the output folder, one by one, then removes
    /// those the run did not make (after [`Staging::publish`], only among
    /// those it left for the commit), then moves `last` in.
    fn move_in(self, last: &str) -> Result<(), IoError> {
        let staged = fs::files_under(self.dir.path())?;
        let staged_set: HashSet<&str> = staged.iter().map(String::as_str).collect();
        // What the output folder holds or, once the others are published,
        // what it holds that is left for this commit.
        let present = match &self.later {
            Some(left) => left.clone(),
            None => fs::files_under(&self.out)?,
        };
        let unmade: Vec<String> = present
            .into_iter()
            .filter(|rel| rel != last && !staged_set.contains(rel.as_str()) && !self.kept.contains_key(rel))
            .collect();
        for rel in staged.iter().filter(|rel| *rel != last) {
            let to = self.out.join(rel);
            if let Some(parent) = to.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::rename(&self.path(rel), &to)?;
        }
        remove(&self.out, &unmade)?;
        if staged_set.contains(last) {
            fs::rename(&self.path(last), &self.out.join(last))?;
        }
        Ok(())
    }
}

/// The folder where a build that typst stopped keeps the generated sources
/// its errors name, beside the output folder: `out.failed/` for `out/`.
/// The output folder keeps the last good run whole; this one holds what
/// the user needs to read the errors, and goes with the next good build.
pub fn failed_dir(out: &Path) -> PathBuf {
    let (parent, name) = parent_and_name(out);
    parent.join(format!("{name}{}", crate::layout::FAILED_SUFFIX))
}

/// The folder that holds the output folder (empty for the current one) and
/// the output folder's name: where the folders that go beside it are made.
fn parent_and_name(out: &Path) -> (PathBuf, String) {
    let parent = out.parent().map(Path::to_path_buf).unwrap_or_default();
    (parent, out.file_name().map_or("out".into(), |n| n.to_string_lossy().into_owned()))
}

/// Whether a build may keep failing sources in `dir`: it does not exist, or
/// `interpel` made it. A folder of that name that is someone else's is
/// never written to nor removed.
pub fn may_keep_failed(dir: &Path) -> bool {
    !dir.exists() || dir.join(FAILED_MARKER).is_file()
}

/// Writes `files` (path in the folder, content) into the folder of failing
/// sources `dir`, in place of what an earlier failed build left; `dir` must
/// be one that [`may_keep_failed`].
pub fn keep_failed<'a>(dir: &Path, files: impl IntoIterator<Item = (String, &'a [u8])>) -> Result<(), IoError> {
    fs::remove_dir_all(dir)?;
    fs::write(&dir.join(FAILED_MARKER), b"The sources of the documents that failed in interpel's last build.\n")?;
    fs::write(&dir.join(GITIGNORE_FILE), GITIGNORE.as_bytes())?;
    for (path, data) in files {
        fs::write(&dir.join(crate::layout::shown(&path)), data)?;
    }
    Ok(())
}

/// Removes the folder of failing sources, once a build has succeeded, if it
/// is `interpel`'s.
pub fn clear_failed(dir: &Path) -> Result<(), IoError> {
    if dir.join(FAILED_MARKER).is_file() {
        fs::remove_dir_all(dir)?;
    }
    Ok(())
}

/// Staging folders left by runs that were killed.
fn remove_leftovers(parent: &Path, prefix: &str) -> Result<(), IoError> {
    for entry in fs::read_dir_sorted(parent)? {
        let is_ours = entry.file_name().is_some_and(|n| n.to_string_lossy().starts_with(prefix));
        if is_ours && entry.is_dir() {
            fs::remove_dir_all(&entry)?;
        }
    }
    Ok(())
}

/// Flushes the written files to disk, so that the commit never publishes
/// files whose content a crash could still lose: each file, several at a
/// time (the disk takes them together), rather than the whole file system,
/// whose other writers' data a `syncfs` would wait for too.
fn sync_tree(dir: &Path) -> Result<(), IoError> {
    use rayon::prelude::*;
    fs::files_under(dir)?.par_iter().try_for_each(|rel| sync_file(&dir.join(rel)))
}

/// Removes the files `unmade` of the output folder `out`, and the folders
/// that leaves empty.
fn remove(out: &Path, unmade: &[String]) -> Result<(), IoError> {
    for rel in unmade {
        fs::remove_file(&out.join(rel))?;
    }
    // Only a removed file can leave a folder empty.
    if !unmade.is_empty() {
        fs::remove_empty_dirs(out)?;
    }
    Ok(())
}

/// Flushes one file to disk.
fn sync_file(path: &Path) -> Result<(), IoError> {
    std::fs::File::open(path).and_then(|f| f.sync_all()).map_err(IoError::at(path))
}

/// Swaps two folders atomically.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> Result<(), IoError> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(()),
        // Some file systems cannot exchange: fall back to two renames.
        Err(rustix::io::Errno::INVAL | rustix::io::Errno::NOSYS | rustix::io::Errno::NOTSUP) => two_renames(a, b),
        Err(e) => Err(IoError::at(b)(e.into())),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(a: &Path, b: &Path) -> Result<(), IoError> {
    two_renames(a, b)
}

/// `b` aside, `a` in its place, the old `b` where `a` was. Not atomic: for a
/// moment `b` does not exist.
fn two_renames(a: &Path, b: &Path) -> Result<(), IoError> {
    let aside = a.with_extension("old");
    fs::rename(b, &aside)?;
    if let Err(e) = fs::rename(a, b) {
        let _ = fs::rename(&aside, b);
        return Err(e);
    }
    fs::rename(&aside, a)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(path: PathBuf) -> String {
        std::fs::read_to_string(path).unwrap()
    }

    fn later(rel: &str) -> bool {
        rel.starts_with("print/")
    }

    /// The last output: a kept document, a changed one, one the run no
    /// longer makes, two print files (one no longer made) and a record.
    fn last_output() -> (tempfile::TempDir, PathBuf) {
        let parent = tempfile::tempdir().unwrap();
        let out = parent.path().join("out");
        for (rel, text) in [
            (MARKER, ""),
            ("keys", "old record"),
            ("letters/kept.pdf", "kept"),
            ("letters/changed.pdf", "old"),
            ("letters/withdrawn.pdf", "old"),
            ("print/letters-01.pdf", "old volume"),
            ("print/letters-02.pdf", "old volume"),
        ] {
            fs::write(&out.join(rel), text.as_bytes()).unwrap();
        }
        (parent, out)
    }

    #[test]
    fn published_documents_stay_beside_the_last_print_files_when_the_run_stops() {
        let (parent, out) = last_output();
        let mut staging = Staging::new(&out).unwrap();
        staging.keep("letters/kept.pdf", &out.join("letters/kept.pdf"));
        staging.write("letters/changed.pdf", b"new").unwrap();
        assert!(staging.publish("keys", b"record of the documents", later).unwrap());
        assert_eq!(staging.find("letters/changed.pdf"), out.join("letters/changed.pdf"));
        // The run stops here.
        drop(staging);
        assert_eq!(read(out.join("letters/changed.pdf")), "new");
        assert_eq!(read(out.join("letters/kept.pdf")), "kept");
        assert!(!out.join("letters/withdrawn.pdf").exists());
        assert_eq!(read(out.join("print/letters-01.pdf")), "old volume");
        assert_eq!(read(out.join("print/letters-02.pdf")), "old volume");
        assert_eq!(read(out.join("keys")), "record of the documents");
        let left: Vec<_> = std::fs::read_dir(parent.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left, ["out"], "a staging folder was left behind");
    }

    #[test]
    fn the_commit_after_publishing_puts_the_print_files_in_place() {
        let (_parent, out) = last_output();
        let mut staging = Staging::new(&out).unwrap();
        staging.keep("letters/kept.pdf", &out.join("letters/kept.pdf"));
        staging.write("letters/changed.pdf", b"new").unwrap();
        assert!(staging.publish("keys", b"record of the documents", later).unwrap());
        staging.write("print/letters.pdf", b"new volume").unwrap();
        staging.write("keys", b"full record").unwrap();
        staging.commit("keys").unwrap();
        let mut files = fs::files_under(&out).unwrap();
        files.sort();
        assert_eq!(
            files,
            [".gitignore", MARKER, "keys", "letters/changed.pdf", "letters/kept.pdf", "print/letters.pdf"]
        );
        assert_eq!(read(out.join("print/letters.pdf")), "new volume");
        assert_eq!(read(out.join("keys")), "full record");
    }

    #[test]
    fn nothing_new_nothing_published_ahead() {
        let (_parent, out) = last_output();
        let mut staging = Staging::new(&out).unwrap();
        staging.keep("letters/kept.pdf", &out.join("letters/kept.pdf"));
        assert!(!staging.publish("keys", b"record", later).unwrap());
        assert_eq!(read(out.join("keys")), "old record");
        assert!(out.join("letters/withdrawn.pdf").exists(), "the commit removes it, not publish");
    }

    #[test]
    fn a_build_that_swaps_whole_folders_publishes_nothing_ahead() {
        let (_parent, out) = last_output();
        let mut staging = Staging::new(&out).unwrap();
        staging.write("letters/changed.pdf", b"new").unwrap();
        // Nothing kept: the commit swaps whole folders, at once.
        assert!(!staging.publish("keys", b"record", later).unwrap());
        assert_eq!(read(out.join("letters/changed.pdf")), "old");
        assert_eq!(read(out.join("keys")), "old record");
    }
}
