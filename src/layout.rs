//! The output folder's layout: every path interpel writes under `out/` (and
//! beside it, `out.failed/`) is spelled here, and nowhere else.
//!
//! Paths are relative to the output folder, with `/` separators. The Typst
//! project in which documents are compiled is rooted at `/`: a document's
//! source there is `/letters/x.typ`, and the output keeps it as
//! `typst/letters/x.typ`.

use crate::documents::{DocKind, Format};

/// The Typst sources of the documents, as they were compiled.
pub const TYPST: &str = "typst";
/// The zip of the letters.
pub const ZIP: &str = "letters.zip";
/// The zip's list of its letters, inside the zip.
pub const MANIFEST: &str = "manifest.csv";
/// The open data: the excerpts as CSV and JSON, the questions, a note.
pub const DATA: &str = "data";

/// The letters by e-mail: a message per letter, and an mbox of them all.
pub const MAIL: &str = "mail";

/// A file of the letters by e-mail: `mail/paul-planque.eml`.
pub fn mail_file(name: &str) -> String {
    format!("{MAIL}/{name}")
}

/// A file of the open data: `data/answers.csv`.
pub fn data_file(name: &str) -> String {
    format!("{DATA}/{name}")
}

/// The print files' folder (see [`DocKind::Print`]).
pub const PRINT: &str = DocKind::Print.describe().folder;
/// The file that marks a folder as interpel's output, which a build may
/// replace as a whole. No other non-empty folder is ever replaced.
pub const MARKER: &str = ".interpel-output";
/// The file that marks a folder of failing sources as interpel's.
pub const FAILED_MARKER: &str = ".interpel-failed";
/// The record of each output file's key, which the next build reads to
/// take back what did not change (see [`crate::reuse`]).
pub const KEYS: &str = ".interpel-keys.json";
/// What the system said of each file the last build left in place, so that
/// the next one can tell an untouched file without reading it (see
/// [`crate::reuse::Seen`]). A cache: not an output, and any build may
/// ignore it.
pub const SEEN: &str = ".interpel-seen.json";
/// What the folder of failing sources adds to the output folder's name:
/// `out.failed/` for `out/`.
pub const FAILED_SUFFIX: &str = ".failed";

/// Whether a file of the output binds the documents, and so is made after
/// them: a print file, or the zip of letters. An incremental build puts the
/// documents in place first, then these (see [`crate::output::Staging::publish`]).
pub fn binds_documents(path: &str) -> bool {
    path == ZIP || path.strip_prefix(PRINT).is_some_and(|rest| rest.starts_with('/'))
}

/// The folder of a kind of document, for its PDF and for its source.
pub fn folder(kind: DocKind) -> &'static str {
    kind.describe().folder
}

/// A document's output file: its PDF, `letters/x.pdf`, or its web page,
/// `site/ales.html`.
pub fn output(kind: DocKind, name: &str) -> String {
    let extension = match kind.describe().format {
        Format::Pdf(_) => "pdf",
        Format::Html => "html",
    };
    format!("{}/{name}.{extension}", folder(kind))
}

/// The web edition: its pages, its stylesheet, and a copy of the open data.
pub const SITE: &str = DocKind::Index.describe().folder;

/// A file of the web edition that is not a page: `site/style.css`.
pub fn site_file(name: &str) -> String {
    format!("{SITE}/{name}")
}

/// A commune's page, as the site's other pages link to it: `ales.html`.
pub fn page_href(commune: &str) -> String {
    format!("{}.html", crate::french::slug(commune))
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

/// The name of the print file of the documents of `bound` (letters or
/// briefings): `letters` when it is the only one, else volume `index` of
/// `count`, `letters-02`; its PDF is then `print/letters-02.pdf`.
pub fn print_name(bound: DocKind, index: usize, count: usize) -> String {
    let name = folder(bound);
    if count == 1 {
        name.to_string()
    } else {
        let width = count.to_string().len().max(2);
        format!("{name}-{index:0width$}")
    }
}

/// The path in the Typst project under which a print file's source names
/// the `k`th PDF it binds, served from the disk while it is compiled: the
/// same few paths for every volume, however many documents a campaign
/// prints (typst has 65 535 file ids for the life of the process).
pub fn bound_file(k: usize) -> String {
    format!("/.interpel-volume/{k}.pdf")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(output(DocKind::Proof, "x"), "proofs/x.pdf");
        assert_eq!(typst_file(&source(DocKind::Letter, "x")), "typst/letters/x.typ");
        assert_eq!(output(DocKind::Print, &print_name(DocKind::Letter, 1, 1)), "print/letters.pdf");
        assert_eq!(output(DocKind::Print, &print_name(DocKind::Briefing, 2, 3)), "print/briefings-02.pdf");
        assert_eq!(source(DocKind::Print, "letters-02"), "/print/letters-02.typ");
        assert_eq!(output(DocKind::Page, "ales"), "site/ales.html");
        assert_eq!(site_file("style.css"), "site/style.css");
        assert!(binds_documents(ZIP) && binds_documents("print/letters-02.pdf"));
        assert!(!binds_documents("letters/x.pdf") && !binds_documents("printed/x.pdf"));
        assert!(!binds_documents(&typst_file(&source(DocKind::Print, "letters"))));
    }
}
