//! Why a run stopped, and the exit status that says so.

use std::fmt;
use std::path::PathBuf;

use crate::diag::Problems;
use crate::utils::fs::IoError;

/// Everything that can stop a run.
#[derive(Debug)]
pub enum Error {
    /// The command line asks for something that cannot be (exit status 2).
    Usage(String),
    /// Problems in the inputs or templates, all of them (exit status 1).
    Problems(Problems),
    /// Typst rejected generated sources: the rendered diagnostics, one per
    /// distinct error, and the folder where `build` kept the sources they
    /// name (exit status 1).
    Compile { diagnostics: Vec<String>, kept: Option<PathBuf> },
    /// Reading or writing a file failed (exit status 1).
    Io(IoError),
    /// The system refused a resource, such as threads (exit status 1).
    Internal(String),
}

impl Error {
    /// The process exit status for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) => 2,
            _ => 1,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(message) => writeln!(f, "error: {message}"),
            Error::Problems(problems) => {
                write!(f, "{problems}")?;
                let n = problems.0.len();
                writeln!(f, "error: {n} problem{} found; nothing was written", if n == 1 { "" } else { "s" })
            }
            Error::Compile { diagnostics, kept } => {
                for d in diagnostics {
                    write!(f, "{d}")?;
                }
                let Some(dir) = kept else {
                    return writeln!(f, "error: typst could not compile the documents; nothing was written");
                };
                let dir = dir.display();
                writeln!(f, "note: the generated sources these errors name are kept in {dir}/ until a build succeeds")?;
                writeln!(f, "error: typst could not compile the documents; the output folder was left as it was")
            }
            Error::Io(e) => writeln!(f, "error: {e}"),
            Error::Internal(message) => writeln!(f, "error: {message}"),
        }
    }
}

impl From<Problems> for Error {
    fn from(problems: Problems) -> Self {
        Error::Problems(problems)
    }
}

impl From<IoError> for Error {
    fn from(e: IoError) -> Self {
        Error::Io(e)
    }
}
