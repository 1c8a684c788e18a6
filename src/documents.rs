//! Which documents a run makes, and their Typst sources.
//!
//! Pure: from a validated campaign, the parsed templates and the selection on
//! the command line to a list of documents with their generated sources.

use chrono::NaiveDate;

use crate::campaign::{Campaign, Candidate, Kind};
use crate::config::Shard;
use crate::diag::Problems;
use crate::error::Error;
use crate::french;
use crate::render::{BRIEFING, LETTER, Renderer};
use crate::view;

/// A briefing or a letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    Briefing,
    Letter,
}

/// One document to compile.
#[derive(Debug, Clone)]
pub struct Document {
    pub kind: DocKind,
    /// The output name without extension: a commune slug or a candidate id.
    pub name: String,
    /// Path of the generated source in the Typst project, e.g. `/letters/x.typ`.
    pub source_path: String,
    /// The generated Typst source.
    pub source: String,
    /// For letters: candidate id, list and commune, for the manifest.
    pub candidate: Option<(String, String, String)>,
}

impl Document {
    /// Path of the PDF under the output folder, e.g. `letters/x.pdf`.
    pub fn pdf_path(&self) -> String {
        format!("{}.pdf", self.source_path.trim_start_matches('/').trim_end_matches(".typ"))
    }
}

/// What the command line selected.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub communes: Vec<String>,
    pub candidates: Vec<String>,
    pub shard: Option<Shard>,
}

/// True when `wanted`, as given on the command line, names `commune`: its
/// name or its file name.
fn names(wanted: &str, commune: &str) -> bool {
    wanted == commune || wanted == french::slug(commune)
}

/// The documents of the selection, in a stable order: briefings by commune,
/// then letters by candidate id.
pub fn plan(
    campaign: &Campaign,
    renderer: &Renderer,
    selection: &Selection,
    date: NaiveDate,
) -> Result<Vec<Document>, Error> {
    let communes = campaign.communes();
    for wanted in &selection.communes {
        if !communes.iter().any(|c| names(wanted, c)) {
            return Err(Error::Usage(format!(
                "--commune « {wanted} »: no such commune; known: {}",
                communes.join(", ")
            )));
        }
    }
    for wanted in &selection.candidates {
        if !campaign.candidates.iter().any(|c| &c.id == wanted) {
            let known: Vec<&str> = campaign.candidates.iter().map(|c| c.id.as_str()).collect();
            return Err(Error::Usage(format!(
                "--candidate « {wanted} »: no such candidate; known: {}",
                known.join(", ")
            )));
        }
    }
    let everything = selection.communes.is_empty() && selection.candidates.is_empty();
    let commune_selected = |c: &str| selection.communes.iter().any(|w| names(w, c));

    let mut problems = Problems::default();
    let mut documents = Vec::new();
    let in_shard = |key: &str| selection.shard.is_none_or(|s| s.holds(key));
    for commune in communes.iter().filter(|c| everything || commune_selected(c)).filter(|c| in_shard(&french::slug(c)))
    {
        let slug = french::slug(commune);
        match renderer.render(BRIEFING, &view::briefing(campaign, commune, date)) {
            Ok(source) => documents.push(Document {
                kind: DocKind::Briefing,
                source_path: format!("/briefings/{slug}.typ"),
                name: slug,
                source,
                candidate: None,
            }),
            Err(p) => problems.push(p),
        }
    }

    let mut candidates: Vec<&Candidate> = campaign
        .candidates
        .iter()
        .filter(|c| c.kind != Kind::Program)
        .filter(|c| {
            everything || selection.candidates.contains(&c.id) || c.commune.as_deref().is_some_and(commune_selected)
        })
        .filter(|c| in_shard(&c.commune.as_deref().map_or_else(|| c.id.clone(), french::slug)))
        .collect();
    candidates.sort_by(|a, b| a.id.cmp(&b.id));
    for c in candidates {
        match renderer.render(LETTER, &view::letter(campaign, c, date)) {
            Ok(source) => documents.push(Document {
                kind: DocKind::Letter,
                name: c.id.clone(),
                source_path: format!("/letters/{}.typ", c.id),
                source,
                candidate: Some((c.id.clone(), c.list.clone(), c.commune.clone().unwrap_or_default())),
            }),
            Err(p) => {
                // One template error shows up once, not once per letter.
                if !problems.0.contains(&p) {
                    problems.push(p);
                }
            }
        }
    }
    problems.into_result(documents).map_err(Error::from)
}
