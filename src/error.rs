//! Why a run stopped, and the exit status that says so: data, which the
//! command line shows (with colours, snippets and labels) as it sees fit.

use std::fmt;
use std::path::PathBuf;

use crate::diag::{Failure, Problems};
use crate::utils::fs::IoError;

/// Everything that can stop a run.
#[derive(Debug)]
pub enum Error {
    /// The command line asks for something that cannot be (exit status 2).
    Usage(String),
    /// Problems in the inputs or templates, all of them (exit status 1).
    Problems(Problems),
    /// Typst rejected generated sources: one failure per distinct error,
    /// and what became of the sources they name (exit status 1).
    Compile { failures: Vec<Failure>, kept: Kept },
    /// Reading or writing a file failed (exit status 1).
    Io(IoError),
    /// The system refused a resource, such as threads, or interpel's own
    /// temporary files failed it (exit status 1).
    Internal(String),
    /// The new documents were put in the output folder, then making what
    /// binds them (the print files, the zip of letters) failed with this
    /// error: those not yet replaced are the last good build's, recorded
    /// with their keys, and the next build makes them again (exit status 1).
    Unfinished(Box<Error>),
}

/// What became of the generated sources a compile error names.
#[derive(Debug)]
pub enum Kept {
    /// The run writes nothing (`check`): they are not kept.
    NotWriting,
    /// Kept in this folder (`out.failed/`) until a build succeeds; the
    /// output folder was left as it was.
    In(PathBuf),
    /// Not kept: this folder holds files that interpel did not write.
    Refused(PathBuf),
    /// Keeping them failed.
    Failed(IoError),
}

impl Error {
    /// The process exit status for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) => 2,
            _ => 1,
        }
    }

    /// What went wrong, without the last line saying what became of the
    /// output: the inputs' problems, typst's diagnostics, the message.
    fn details(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(message) | Error::Internal(message) => writeln!(f, "{message}"),
            Error::Problems(problems) => write!(f, "{problems}"),
            Error::Compile { failures, .. } => {
                for failure in failures {
                    for d in &failure.diagnostics {
                        writeln!(f, "{d}")?;
                    }
                }
                Ok(())
            }
            Error::Io(e) => writeln!(f, "{e}"),
            Error::Unfinished(inner) => inner.details(f),
        }
    }
}

impl fmt::Display for Error {
    /// Plain text, one message per line, the last saying what became of
    /// the output.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(message) | Error::Internal(message) => write!(f, "{message}"),
            Error::Problems(problems) => {
                write!(f, "{problems}")?;
                write!(f, "{}", problems_found(problems))
            }
            Error::Compile { failures, kept } => {
                for failure in failures {
                    for d in &failure.diagnostics {
                        writeln!(f, "{d}")?;
                    }
                }
                write!(f, "{}", compile_failed(kept))
            }
            Error::Io(e) => write!(f, "{e}"),
            Error::Unfinished(inner) => {
                inner.details(f)?;
                write!(f, "{}", unfinished(inner))
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io(e) => Some(e),
            Error::Unfinished(inner) => Some(&**inner),
            _ => None,
        }
    }
}

/// « 3 problems found; nothing was written ».
pub fn problems_found(problems: &Problems) -> String {
    let n = problems.0.len();
    format!("{n} problem{} found; nothing was written", if n == 1 { "" } else { "s" })
}

/// What a compile failure did to the output.
pub fn compile_failed(kept: &Kept) -> &'static str {
    match kept {
        Kept::In(_) => "typst could not compile the documents; the output folder was left as it was",
        _ => "typst could not compile the documents; nothing was written",
    }
}

/// What an unfinished build (see [`Error::Unfinished`]) did to the output,
/// after the error that stopped it.
pub fn unfinished(error: &Error) -> String {
    let what = match error {
        Error::Problems(problems) => {
            let n = problems.0.len();
            format!("{n} problem{} found in the print files", if n == 1 { "" } else { "s" })
        }
        Error::Compile { .. } => "typst could not compile the print files".into(),
        _ => "the print files or the zip of letters could not be made".into(),
    };
    format!(
        "{what}; the new documents were put in the output folder, but its print files and zip of letters may still be the last good build's: the next build makes them again"
    )
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
