//! The output folder's layout: every path interpel writes under `out/` (and
//! beside it, `out.failed/`) is spelled here, and nowhere else.
//!
//! Paths are relative to the output folder, with `/` separators. The Typst
//! project in which documents are compiled is rooted at `/`: a document's
//! source there is `/letters/x.typ`, and the output keeps it as
//! `typst/letters/x.typ`.

use crate::documents::DocKind;

/// The Typst sources of the documents, as they were compiled.
pub const TYPST: &str = "typst";
/// The briefings' web pages.
pub const HTML: &str = "html";
/// The zip of the letters.
pub const ZIP: &str = "letters.zip";
/// The zip's list of its letters, inside the zip.
pub const MANIFEST: &str = "manifest.csv";
/// The print files.
pub const PRINT: &str = "print";
/// The file that marks a folder as interpel's output, which a build may
/// replace as a whole. No other non-empty folder is ever replaced.
pub const MARKER: &str = ".interpel-output";
/// The file that marks a folder of failing sources as interpel's.
pub const FAILED_MARKER: &str = ".interpel-failed";
/// The record of each output file's key, which the next build reads to
/// take back what did not change (see [`crate::reuse`]).
pub const KEYS: &str = ".interpel-keys.json";
/// What the folder of failing sources adds to the output folder's name:
/// `out.failed/` for `out/`.
pub const FAILED_SUFFIX: &str = ".failed";

/// The folder of a kind of document, for its PDF and for its source.
pub fn folder(kind: DocKind) -> &'static str {
    match kind {
        DocKind::Briefing => "briefings",
        DocKind::Letter => "letters",
        DocKind::Proof => "proofs",
    }
}

/// A document's PDF: `letters/x.pdf`.
pub fn pdf(kind: DocKind, name: &str) -> String {
    format!("{}/{name}.pdf", folder(kind))
}

/// A document's source in the Typst project: `/letters/x.typ`.
pub fn source(kind: DocKind, name: &str) -> String {
    format!("/{}/{name}.typ", folder(kind))
}

/// Where the output keeps a file of the Typst project: `/letters/x.typ`
/// goes to `typst/letters/x.typ`.
pub fn typst_file(project_path: &str) -> String {
    format!("{TYPST}/{}", project_path.trim_start_matches('/'))
}

/// A Typst project path as messages show it: `letters/x.typ`.
pub fn shown(project_path: &str) -> &str {
    project_path.trim_start_matches('/')
}

/// A briefing's web page: `html/ales.html`.
pub fn web_page(name: &str) -> String {
    format!("{HTML}/{name}.html")
}

/// The print file of the letters or of the briefings: `print/letters.pdf`
/// when it is the only one, else volume `index` of `count`,
/// `print/letters-02.pdf`.
pub fn print_file(kind: DocKind, index: usize, count: usize) -> String {
    let name = folder(kind);
    if count == 1 {
        format!("{PRINT}/{name}.pdf")
    } else {
        let width = count.to_string().len().max(2);
        format!("{PRINT}/{name}-{index:0width$}.pdf")
    }
}

/// A print file's source in the Typst project: `/print/letters.typ`.
pub fn print_source(print_file: &str) -> String {
    format!("/{}", print_file.strip_suffix(".pdf").unwrap_or(print_file)) + ".typ"
}

/// A PDF of the output as a Typst project path, which a print file's
/// entries name: `letters/x.pdf` → `/letters/x.pdf`.
pub fn project_path(output_path: &str) -> String {
    format!("/{output_path}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(pdf(DocKind::Proof, "x"), "proofs/x.pdf");
        assert_eq!(typst_file(&source(DocKind::Letter, "x")), "typst/letters/x.typ");
        assert_eq!(print_file(DocKind::Letter, 1, 1), "print/letters.pdf");
        assert_eq!(print_file(DocKind::Briefing, 2, 3), "print/briefings-02.pdf");
        assert_eq!(print_source("print/letters-02.pdf"), "/print/letters-02.typ");
        assert_eq!(web_page("ales"), "html/ales.html");
    }
}
