//! Which documents a run makes, and their Typst sources.
//!
//! Pure: from a validated campaign and the selection on the command line to
//! the list of documents; each document's source is rendered only when its
//! turn to be compiled comes, so that sources never pile up in memory.

use chrono::NaiveDate;

use crate::campaign::{Answers, Campaign, Candidate, Received};
use crate::compile::Standard;
use crate::config::Shard;
use crate::diag::Problem;
use crate::error::Error;
use crate::french;
use crate::layout;
use crate::render::{BRIEFING, LETTER, PROOF, Renderer};
use crate::view;

/// What a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    /// A commune's briefing.
    Briefing,
    /// The association's letter to a candidate.
    Letter,
    /// A list's entry as the briefing prints it, sent to the list to check
    /// before publication.
    Proof,
}

/// One document to compile: a few bytes that point into the campaign, so
/// that a plan of 10 000 letters costs no memory to speak of; names and
/// paths are made when they are needed.
#[derive(Debug, Clone, Copy)]
pub struct Document<'a> {
    pub kind: DocKind,
    subject: Subject<'a>,
}

#[derive(Debug, Clone, Copy)]
enum Subject<'a> {
    /// A briefing's commune.
    Commune(&'a str),
    /// A letter's candidate.
    Candidate(&'a Candidate),
}

impl<'a> Document<'a> {
    /// The template this document is rendered from.
    pub fn template(&self) -> &'static str {
        match self.kind {
            DocKind::Briefing => BRIEFING,
            DocKind::Letter => LETTER,
            DocKind::Proof => PROOF,
        }
    }

    /// The PDF standard it is held to: letters and proofs are archived
    /// correspondence (PDF/A-2b), briefings are read with screen readers
    /// too (PDF/UA-1).
    pub fn standard(&self) -> Standard {
        match self.kind {
            DocKind::Briefing => Standard::Accessible,
            DocKind::Letter | DocKind::Proof => Standard::Archival,
        }
    }

    /// The output name without extension: a commune's file name or a
    /// candidate's id.
    pub fn name(&self) -> String {
        match self.subject {
            Subject::Commune(commune) => french::slug(commune),
            Subject::Candidate(c) => c.id.clone(),
        }
    }

    /// Path of the generated source in the Typst project, e.g. `/letters/x.typ`.
    pub fn source_path(&self) -> String {
        layout::source(self.kind, &self.name())
    }

    /// Path of the PDF under the output folder, e.g. `letters/x.pdf`.
    pub fn pdf_path(&self) -> String {
        layout::pdf(self.kind, &self.name())
    }

    /// A letter's candidate (not a proof's: only letters go into the zip).
    pub fn letter_candidate(&self) -> Option<&'a Candidate> {
        match (self.kind, self.subject) {
            (DocKind::Letter, Subject::Candidate(c)) => Some(c),
            _ => None,
        }
    }

    /// The candidates whose answers the document prints: a briefing's
    /// lists and the national programmes, or a letter's candidate.
    pub fn needs(&self, campaign: &'a Campaign) -> Vec<&'a Candidate> {
        match self.subject {
            Subject::Commune(commune) => campaign
                .candidates
                .iter()
                .filter(|c| c.commune.is_none() || c.commune.as_deref() == Some(commune))
                .collect(),
            Subject::Candidate(c) => vec![c],
        }
    }

    /// The generated Typst source, from the `answers` of the candidates it
    /// [`needs`](Self::needs), which the caller fetches: pure.
    pub fn render(
        &self,
        campaign: &Campaign,
        answers: &Answers<'_>,
        renderer: &Renderer,
        date: NaiveDate,
    ) -> Result<String, Problem> {
        let rows = |c: &Candidate| answers.get(c.id.as_str()).map_or(&[][..], Vec::as_slice);
        match (self.kind, self.subject) {
            (_, Subject::Commune(commune)) => {
                renderer.render(self.template(), &view::briefing(campaign, commune, answers, date))
            }
            (DocKind::Proof, Subject::Candidate(c)) => {
                renderer.render(self.template(), &view::proof(campaign, c, rows(c), date))
            }
            (_, Subject::Candidate(c)) => renderer.render(self.template(), &view::letter(campaign, c, rows(c), date)),
        }
    }

    /// This document's line in a print file, once compiled into `pages` pages.
    pub fn print_entry(&self, pages: usize) -> view::PrintEntry {
        let file = layout::project_path(&self.pdf_path());
        match self.subject {
            Subject::Commune(commune) => view::PrintEntry {
                title: commune.to_string(),
                detail: String::new(),
                file,
                pages,
                alt: format!("Synthèse des réponses des listes candidates, {commune}"),
            },
            Subject::Candidate(c) => {
                let title = format!("{}, liste «\u{a0}{}\u{a0}»", c.name, c.list);
                let alt = match self.kind {
                    DocKind::Proof => format!("Épreuve soumise à {title}"),
                    _ => format!("Lettre à {title}"),
                };
                view::PrintEntry { title, detail: c.commune.clone().unwrap_or_default(), file, pages, alt }
            }
        }
    }
}

/// What the command line selected.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub communes: Vec<String>,
    pub candidates: Vec<String>,
    pub shard: Option<Shard>,
    /// Make the proofs of the selected lists that answered.
    pub proofs: bool,
}

/// True when `wanted`, as given on the command line, names `commune`: its
/// name or its file name.
fn names(wanted: &str, commune: &str) -> bool {
    wanted == commune || wanted == french::slug(commune)
}

/// The documents of the selection, in a stable order: briefings by commune,
/// then letters by candidate id.
pub fn plan<'a>(campaign: &'a Campaign, selection: &Selection) -> Result<Vec<Document<'a>>, Error> {
    let communes = campaign.communes();
    for wanted in &selection.communes {
        if !communes.iter().any(|c| names(wanted, c)) {
            return Err(Error::Usage(format!(
                "--commune « {wanted} »: no such commune; known: {}",
                communes.join(", ")
            )));
        }
    }
    // A candidate may be named as in candidates.csv (« Jeanne Martin ») or
    // by its id (`jeanne-martin`).
    let wanted_candidates: Vec<String> = selection.candidates.iter().map(|w| french::slug(w)).collect();
    for (wanted, id) in selection.candidates.iter().zip(&wanted_candidates) {
        if !campaign.candidates.iter().any(|c| &c.id == id) {
            let known: Vec<&str> = campaign.candidates.iter().map(|c| c.id.as_str()).collect();
            return Err(Error::Usage(format!(
                "--candidate « {wanted} »: no such candidate; known: {}",
                known.join(", ")
            )));
        }
    }
    let everything = selection.communes.is_empty() && selection.candidates.is_empty();
    let commune_selected = |c: &str| selection.communes.iter().any(|w| names(w, c));

    let mut documents = Vec::new();
    let in_shard = |key: &str| selection.shard.is_none_or(|s| s.holds(key));
    for commune in communes.iter().filter(|c| everything || commune_selected(c)).filter(|c| in_shard(&french::slug(c)))
    {
        documents.push(Document { kind: DocKind::Briefing, subject: Subject::Commune(commune) });
    }

    let mut candidates: Vec<&Candidate> = campaign
        .candidates
        .iter()
        .filter(|c| c.kind != Received::Program)
        .filter(|c| {
            everything || wanted_candidates.contains(&c.id) || c.commune.as_deref().is_some_and(commune_selected)
        })
        .filter(|c| in_shard(&c.commune.as_deref().map_or_else(|| c.id.clone(), french::slug)))
        .collect();
    candidates.sort_by(|a, b| a.id.cmp(&b.id));
    documents.extend(candidates.iter().map(|c| Document { kind: DocKind::Letter, subject: Subject::Candidate(c) }));
    // Every list that answered checks its entry before publication.
    documents.extend(
        candidates
            .iter()
            .filter(|c| selection.proofs && c.kind == Received::Answer)
            .map(|c| Document { kind: DocKind::Proof, subject: Subject::Candidate(c) }),
    );
    Ok(documents)
}
