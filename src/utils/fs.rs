//! File-system wrappers whose errors name the path they failed on.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// An I/O error together with the path it happened on.
#[derive(Debug, thiserror::Error)]
#[error("{}: {source}", path.display())]
pub struct IoError {
    /// The file or folder.
    pub path: PathBuf,
    /// What the operating system said.
    pub source: io::Error,
}

impl IoError {
    /// Names the path of an I/O error: `.map_err(IoError::at(path))`.
    pub fn at(path: impl Into<PathBuf>) -> impl FnOnce(io::Error) -> IoError {
        let path = path.into();
        move |source| IoError { path, source }
    }
}

fn named<T>(path: &Path, result: io::Result<T>) -> Result<T, IoError> {
    result.map_err(IoError::at(path))
}

/// Writes a whole file, creating its parent folders.
pub fn write(path: &Path, data: &[u8]) -> Result<(), IoError> {
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    named(path, fs::write(path, data))
}

/// Makes `to` the same file as `from` (a hard link: no data is written),
/// or, where the file system cannot, writes `data`, its content.
pub fn link_or_write(from: &Path, to: &Path, data: &[u8]) -> Result<(), IoError> {
    if let Some(parent) = to.parent() {
        create_dir_all(parent)?;
    }
    match fs::hard_link(from, to) {
        Ok(()) => Ok(()),
        Err(_) => named(to, fs::write(to, data)),
    }
}

/// Creates a folder and its parents.
pub fn create_dir_all(path: &Path) -> Result<(), IoError> {
    named(path, fs::create_dir_all(path))
}

/// Renames a file or folder.
pub fn rename(from: &Path, to: &Path) -> Result<(), IoError> {
    named(from, fs::rename(from, to))
}

/// Removes a folder and everything in it; a missing folder is fine.
pub fn remove_dir_all(path: &Path) -> Result<(), IoError> {
    match fs::remove_dir_all(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        other => named(path, other),
    }
}

/// Lists the entries of a folder, sorted by name.
pub fn read_dir_sorted(path: &Path) -> Result<Vec<PathBuf>, IoError> {
    let mut entries = Vec::new();
    for entry in named(path, fs::read_dir(path))? {
        entries.push(named(path, entry)?.path());
    }
    entries.sort();
    Ok(entries)
}
