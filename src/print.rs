//! The print files: a run's letters, or its briefings, in one PDF to print
//! duplex, after a cover sheet that lists them.
//!
//! Each document's pages are taken from its own PDF as written (typst
//! embeds them as vector graphics), so what is printed is exactly what is
//! archived and sent, and each document starts on a right-hand page.

use std::path::Path;

use chrono::NaiveDate;

use crate::campaign::Campaign;
use crate::compile::{self, Pdf, Standard};
use crate::error::Error;
use crate::render::{PRINT, Renderer};
use crate::view::{self, PrintEntry};
use crate::world::Project;

/// The folder of the print files under the output folder.
pub const PRINT_DIR: &str = "print";

/// The print file's path under the output folder: `print/letters.pdf` or
/// `print/briefings.pdf`.
pub fn path(letters: bool) -> String {
    format!("{PRINT_DIR}/{}.pdf", if letters { "letters" } else { "briefings" })
}

/// Renders and compiles the print file of `entries`, whose PDFs are read
/// from the folder `dir` (where the run is writing them).
pub fn make(
    project: &Project,
    renderer: &Renderer,
    campaign: &Campaign,
    date: NaiveDate,
    letters: bool,
    entries: Vec<PrintEntry>,
    dir: &Path,
) -> Result<Pdf, Error> {
    let source = renderer
        .render(PRINT, &view::print(campaign, date, letters, entries))
        .map_err(|p| Error::Problems(p.into()))?;
    let path = format!("/{}", path(letters).replace(".pdf", ".typ"));
    let world = project.document_on_disk(0, &path, source, dir);
    compile::compile(&world, &path, Standard::Tagged).map_err(|e| Error::Compile(vec![e.rendered]))
}
