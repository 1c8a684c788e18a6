//! Writing the outputs so that a failed run never destroys the last good one.
//!
//! Every file is written into a fresh staging folder beside the output
//! folder; only when all of them are on disk does the staging folder take
//! the output folder's place. Until then the previous outputs stay as they
//! were, and no reader ever sees a half-written PDF or zip.

use std::path::{Path, PathBuf};

use crate::utils::fs::{self, IoError};

/// What the output folder holds besides the generated files, so that a
/// campaign kept in git never shows them as changes.
const GITIGNORE: &str = "*\n";

/// Writes `files` (relative path, bytes) as the new content of `out`,
/// replacing what it held.
pub fn replace_dir(out: &Path, files: &[(String, Vec<u8>)]) -> Result<(), IoError> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent)?;
    let name = out.file_name().map_or("out".into(), |n| n.to_string_lossy().into_owned());
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.new-"))
        .tempdir_in(&parent)
        .map_err(|source| IoError { path: parent.clone(), source })?;

    fs::write(&staging.path().join(".gitignore"), GITIGNORE.as_bytes())?;
    for (rel, data) in files {
        fs::write(&staging.path().join(rel), data)?;
    }

    let staged = staging.keep();
    if out.exists() {
        let old = tempfile::Builder::new()
            .prefix(&format!(".{name}.old-"))
            .tempdir_in(&parent)
            .map_err(|source| IoError { path: parent.clone(), source })?
            .keep();
        // `old` exists (empty) so that its name is ours; rename needs it gone.
        fs::remove_dir_all(&old)?;
        fs::rename(out, &old)?;
        if let Err(e) = fs::rename(&staged, out) {
            // Put the previous outputs back before reporting.
            let _ = fs::rename(&old, out);
            let _ = fs::remove_dir_all(&staged);
            return Err(e);
        }
        fs::remove_dir_all(&old)?;
    } else if let Err(e) = fs::rename(&staged, out) {
        let _ = fs::remove_dir_all(&staged);
        return Err(e);
    }
    Ok(())
}
