//! How errors and warnings look on a terminal: the library hands them over
//! as data ([`interpel::diag`], [`interpel::Error`]); this module writes
//! them as the typst CLI writes its own, with `error:`/`warning:`/`note:`
//! labels, typst's source snippets and carets, in colour when asked.

use std::io::Write;

use codespan_reporting::diagnostic::{Diagnostic as Shown, Label as ShownLabel};
use codespan_reporting::files::{Files, SimpleFiles};
use codespan_reporting::term::{
    self, termcolor::Buffer, termcolor::Color, termcolor::ColorSpec, termcolor::WriteColor,
};

use interpel::Error;
use interpel::diag::{Diagnostic, Severity, TracePoint, Warning};
use interpel::error::{Kept, compile_failed, problems_found, unfinished};

/// An error that stopped a run, every part of it.
pub fn error(e: &Error, color: bool) -> String {
    let last = match e {
        Error::Problems(problems) => problems_found(problems).to_string(),
        Error::Compile { kept, .. } => compile_failed(kept).to_string(),
        Error::Unfinished(inner) => unfinished(inner),
        Error::Usage(_) | Error::Io(_) | Error::Internal(_) => return format!("error: {e}\n"),
    };
    format!("{}error: {last}\n", details(e, color))
}

/// What went wrong, before the last line that says what became of the
/// output.
fn details(e: &Error, color: bool) -> String {
    match e {
        Error::Problems(problems) => problems.to_string(),
        Error::Compile { failures, kept } => {
            let mut out = String::new();
            for failure in failures {
                out.push_str(&diagnostics(&failure.diagnostics, color));
                for origin in &failure.origins {
                    out.push_str(&format!("note: {origin}\n"));
                }
                if failure.others > 0 {
                    out.push_str(&format!("note: the same error stops {} other document(s)\n", failure.others));
                }
            }
            match kept {
                Kept::NotWriting => {}
                Kept::In(dir) => out.push_str(&format!(
                    "note: the generated sources these errors name are kept in {}/ until a build succeeds\n",
                    dir.display()
                )),
                Kept::Refused(dir) => out.push_str(&format!(
                    "warning: {} holds files that interpel did not write, so the failing sources were not kept there: rename or remove it to keep them\n",
                    dir.display()
                )),
                Kept::Failed(e) => out.push_str(&format!("warning: the failing sources could not be kept: {e}\n")),
            }
            out
        }
        Error::Unfinished(inner) => details(inner, color),
        Error::Usage(_) | Error::Io(_) | Error::Internal(_) => format!("error: {e}\n"),
    }
}

/// A warning of a run that succeeded.
pub fn warning(w: &Warning, color: bool) -> String {
    match w {
        Warning::Typst(list) => diagnostics(list, color),
        Warning::Input(_) | Warning::StaleFailed(_) => format!("warning: {w}\n"),
    }
}

/// Typst's diagnostics as the typst CLI shows them: the message, the
/// lines it points at with carets, hints, then the calls that led there.
pub fn diagnostics(list: &[Diagnostic], color: bool) -> String {
    let mut out = if color { Buffer::ansi() } else { Buffer::no_color() };
    let config = term::Config { tab_width: 2, ..Default::default() };
    for d in list {
        let mut files = Texts(SimpleFiles::new());
        let ids: Vec<usize> = d.files.iter().map(|f| files.0.add(f.name.as_str(), f.text.as_str())).collect();
        let labels = d
            .labels
            .iter()
            .filter_map(|l| {
                let id = *ids.get(l.file)?;
                Some(match l.primary {
                    true => ShownLabel::primary(id, l.range.clone()),
                    false => ShownLabel::secondary(id, l.range.clone()).with_message(&l.message),
                })
            })
            .collect();
        let shown = match d.severity {
            Severity::Error => Shown::error(),
            Severity::Warning => Shown::warning(),
        }
        .with_message(&d.message)
        .with_notes(d.hints.iter().map(|h| format!("hint: {h}")).collect())
        .with_labels(labels);
        if term::emit(&mut out, &config, &files, &shown).is_err() {
            // A span that does not fit its text: the message alone.
            let _ = writeln!(out, "{}", d);
        }
        for point in &d.trace {
            let _ = trace(&mut out, &files, &ids, point);
        }
        if !d.trace.is_empty() {
            let _ = writeln!(out);
        }
    }
    String::from_utf8_lossy(&out.into_inner()).into_owned()
}

/// A call or import that led to a diagnostic, on two lines: where, and the
/// text there (its first line, and its last character if it runs on).
fn trace(out: &mut Buffer, files: &Texts, ids: &[usize], point: &TracePoint) -> Result<(), Box<dyn std::error::Error>> {
    let id = *ids.get(point.file).ok_or("no such file")?;
    let file = files.0.get(id)?;
    let text = file.source().get(point.range.clone()).ok_or("out of the file")?;
    let index = files.line_index(id, point.range.start)?;
    let line = files.line_number(id, index)?;
    let column = files.column_number(id, index, point.range.start)?;
    write!(out, "  {} at ", point.what)?;
    out.set_color(ColorSpec::new().set_underline(true))?;
    write!(out, "{}:{line}:{column}", file.name())?;
    out.reset()?;
    writeln!(out)?;
    let mut lines = text.lines();
    write!(out, "    ")?;
    out.set_color(ColorSpec::new().set_fg(Some(Color::Ansi256(248))))?;
    if let Some(first) = lines.next() {
        write!(out, "{first}")?;
    }
    if let Some(last) = lines.next_back()
        && let Some(last_char) = last.chars().next_back()
        && !last_char.is_whitespace()
    {
        write!(out, "…{last_char}")?;
    }
    out.reset()?;
    writeln!(out)?;
    Ok(())
}

/// The files a diagnostic points into, numbering columns as typst does:
/// the count of characters before the place on its line.
struct Texts<'a>(SimpleFiles<&'a str, &'a str>);

impl<'a> Files<'a> for Texts<'a> {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<&'a str, codespan_reporting::files::Error> {
        self.0.name(id)
    }

    fn source(&'a self, id: usize) -> Result<&'a str, codespan_reporting::files::Error> {
        self.0.source(id)
    }

    fn line_index(&'a self, id: usize, byte: usize) -> Result<usize, codespan_reporting::files::Error> {
        self.0.line_index(id, byte)
    }

    fn line_range(
        &'a self,
        id: usize,
        line: usize,
    ) -> Result<std::ops::Range<usize>, codespan_reporting::files::Error> {
        self.0.line_range(id, line)
    }

    fn column_number(&'a self, id: usize, line: usize, byte: usize) -> Result<usize, codespan_reporting::files::Error> {
        Ok(self.0.column_number(id, line, byte)? - 1)
    }
}
