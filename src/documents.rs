//! Which documents a run makes, what each kind of document is, and their
//! Typst sources.
//!
//! Every kind is described in one place, [`DocKind::describe`]: its
//! template, the standard it is held to, its folder, the round of the run
//! that makes it and what else is made of it. Adding a kind costs a
//! template, a view ([`crate::view`]) and an entry here.
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
use crate::print::PrintFile;
use crate::render::Renderer;
use crate::view;

/// What a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DocKind {
    /// A commune's briefing.
    Briefing,
    /// The national programmes, quoted once for every commune when there
    /// are too many to quote in each briefing
    /// ([`view::NATIONAL_IN_BRIEFINGS`]).
    Programmes,
    /// The association's letter to a candidate.
    Letter,
    /// A list's entry as the briefing prints it, sent to the list to check
    /// before publication.
    Proof,
    /// A print file: letters or briefings bound after a cover sheet, to
    /// print duplex.
    Print,
    /// A commune's page of the web edition: its briefing, in HTML.
    Page,
    /// The web edition's home page.
    Index,
}

/// What a kind of document is made into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A PDF compiled by typst, held to a standard.
    Pdf(Standard),
    /// A web page: the rendered template is the page.
    Html,
}

/// Which round of a run makes a kind of document: a print file binds the
/// PDFs of the first round, so it is made once they exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Round {
    Documents,
    Print,
}

/// Everything that sets a kind of document apart.
#[derive(Debug, Clone, Copy)]
pub struct Description {
    /// The template it is rendered from.
    pub template: &'static str,
    /// What it is made into.
    pub format: Format,
    /// Its folder in the output, for its PDF and its source.
    pub folder: &'static str,
    pub round: Round,
    /// Its Typst source is kept in `typst/` (a print file's names the PDFs
    /// it binds by paths that exist only while it is compiled).
    pub source_kept: bool,
    /// It goes into the zip of letters.
    pub zipped: bool,
    /// It is bound into a print file of its kind.
    pub bound: bool,
    /// What one is called in the run's summary, and its plural.
    pub noun: (&'static str, &'static str),
    /// What its folder holds, as the run's summary says it; none for a
    /// kind whose folder another kind's line names, or that the summary
    /// names its own way (the print files).
    pub summary: Option<&'static str>,
}

impl Description {
    /// A document of the first round compiled to a PDF (a briefing, a
    /// letter…): counted with its pages, unlike print files and web pages.
    pub const fn is_document(&self) -> bool {
        matches!((self.round, self.format), (Round::Documents, Format::Pdf(_)))
    }
}

impl DocKind {
    /// Every kind, in the order a run makes them.
    pub const ALL: [DocKind; 7] = [
        DocKind::Briefing,
        DocKind::Programmes,
        DocKind::Letter,
        DocKind::Proof,
        DocKind::Print,
        DocKind::Page,
        DocKind::Index,
    ];

    /// What this kind of document is.
    pub const fn describe(self) -> Description {
        match self {
            // Read with screen readers too: PDF/UA-1.
            DocKind::Briefing => Description {
                template: "briefing.typ.hbs",
                format: Format::Pdf(Standard::Accessible),
                folder: "briefings",
                round: Round::Documents,
                source_kept: true,
                zipped: false,
                bound: true,
                noun: ("briefing", "briefings"),
                summary: Some("one PDF per commune (tagged, PDF/UA-1)"),
            },
            // Read as the briefings are, beside them.
            DocKind::Programmes => Description {
                template: "programmes.typ.hbs",
                format: Format::Pdf(Standard::Accessible),
                folder: "programmes",
                round: Round::Documents,
                source_kept: true,
                zipped: false,
                bound: false,
                noun: ("national programmes document", "national programmes documents"),
                summary: Some("the national programmes, quoted once for every commune (PDF/UA-1)"),
            },
            // Archived correspondence, read with screen readers too: PDF/A-2a and PDF/UA-1.
            DocKind::Letter => Description {
                template: "letter.typ.hbs",
                format: Format::Pdf(Standard::Archival),
                folder: "letters",
                round: Round::Documents,
                source_kept: true,
                zipped: true,
                bound: true,
                noun: ("letter", "letters"),
                summary: Some("one PDF per candidate (PDF/A-2a, PDF/UA-1)"),
            },
            // Sent one by one, not printed in a volume.
            DocKind::Proof => Description {
                template: "proof.typ.hbs",
                format: Format::Pdf(Standard::Archival),
                folder: "proofs",
                round: Round::Documents,
                source_kept: true,
                zipped: false,
                bound: false,
                noun: ("proof", "proofs"),
                summary: Some("one proof per list that answered (PDF/A-2a, PDF/UA-1)"),
            },
            DocKind::Print => Description {
                template: "print.typ.hbs",
                format: Format::Pdf(Standard::Tagged),
                folder: "print",
                round: Round::Print,
                source_kept: false,
                zipped: false,
                bound: false,
                noun: ("print file", "print files"),
                summary: None,
            },
            // The web edition: pages made from the same views, no typst.
            DocKind::Page => Description {
                template: "site/commune.html.hbs",
                format: Format::Html,
                folder: "site",
                round: Round::Documents,
                source_kept: false,
                zipped: false,
                bound: false,
                noun: ("web page", "web pages"),
                summary: Some("the web edition: a page per commune, an index, the open data"),
            },
            DocKind::Index => Description {
                template: "site/index.html.hbs",
                format: Format::Html,
                folder: "site",
                round: Round::Documents,
                source_kept: false,
                zipped: false,
                bound: false,
                noun: ("home page", "home pages"),
                summary: None,
            },
        }
    }
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
    /// A letter's or a proof's candidate.
    Candidate(&'a Candidate),
    /// A print file's volume.
    Volume(&'a PrintFile),
    /// The national programmes, for their document.
    National,
    /// The web edition, for its home page, which lists every commune (so
    /// that the shards of a campaign make the same one).
    Site,
}

impl<'a> Document<'a> {
    /// A print file's document.
    pub fn volume(file: &'a PrintFile) -> Document<'a> {
        Document { kind: DocKind::Print, subject: Subject::Volume(file) }
    }

    /// What its kind is.
    pub fn describe(&self) -> Description {
        self.kind.describe()
    }

    /// The template this document is rendered from.
    pub fn template(&self) -> &'static str {
        self.describe().template
    }

    /// What it is made into.
    pub fn format(&self) -> Format {
        self.describe().format
    }

    /// The output name without extension: a commune's file name, a
    /// candidate's id, or a print file's (`letters`, `letters-02`).
    pub fn name(&self) -> String {
        match self.subject {
            Subject::Commune(commune) => french::slug(commune),
            Subject::Candidate(c) => c.id.clone(),
            Subject::Volume(file) => file.name.clone(),
            Subject::National => "nationaux".to_string(),
            Subject::Site => "index".to_string(),
        }
    }

    /// The files of the last round it reads, by their path on the disk,
    /// and the digests they were written with: the PDFs a print file binds.
    pub fn reads(&self) -> &'a [(std::path::PathBuf, String)] {
        match self.subject {
            Subject::Volume(file) => &file.reads,
            _ => &[],
        }
    }

    /// Path of the generated source in the Typst project, e.g. `/letters/x.typ`.
    pub fn source_path(&self) -> String {
        layout::source(self.kind, &self.name())
    }

    /// Path of its output file (PDF or web page) under the output folder,
    /// e.g. `letters/x.pdf`.
    pub fn output_path(&self) -> String {
        layout::output(self.kind, &self.name())
    }

    /// A briefing's commune; empty for other documents.
    pub fn commune(&self) -> &'a str {
        match self.subject {
            Subject::Commune(commune) => commune,
            _ => "",
        }
    }

    /// A letter's or a proof's candidate.
    pub fn candidate(&self) -> Option<&'a Candidate> {
        match self.subject {
            Subject::Candidate(c) => Some(c),
            _ => None,
        }
    }

    /// The candidates whose answers the document prints: a briefing's
    /// lists and the national programmes, or a letter's candidate.
    pub fn needs(&self, campaign: &'a Campaign) -> Vec<&'a Candidate> {
        match self.subject {
            Subject::Commune(commune) => {
                let national = !view::national_apart(campaign);
                campaign
                    .candidates
                    .iter()
                    .filter(|c| c.commune.as_deref() == Some(commune) || (national && c.commune.is_none()))
                    .collect()
            }
            Subject::National => campaign.candidates.iter().filter(|c| c.commune.is_none()).collect(),
            Subject::Candidate(c) => vec![c],
            Subject::Volume(_) | Subject::Site => Vec::new(),
        }
    }

    /// What its template is filled with, from the `answers` of the
    /// candidates it [`needs`](Self::needs), which the caller fetches: pure.
    /// The view decides the source, so it is what the document's key is made
    /// of (with the templates), before anything is rendered.
    pub fn view(&self, campaign: &Campaign, answers: &Answers<'_>, date: NaiveDate) -> View {
        let rows = |c: &Candidate| answers.get(c.id.as_str()).map_or(&[][..], Vec::as_slice);
        match (self.kind, self.subject) {
            (DocKind::Page, Subject::Commune(commune)) => {
                View::Page(view::page(view::briefing(campaign, commune, answers, date), campaign))
            }
            (_, Subject::Commune(commune)) => View::Briefing(view::briefing(campaign, commune, answers, date)),
            (_, Subject::National) => View::Programmes(view::programmes(campaign, answers, date)),
            (_, Subject::Site) => View::Index(view::index(campaign, date)),
            (DocKind::Proof, Subject::Candidate(c)) => View::Proof(view::proof(campaign, c, rows(c), date)),
            (_, Subject::Candidate(c)) => View::Letter(view::letter(campaign, c, rows(c), date)),
            (_, Subject::Volume(file)) => {
                // The source names the PDFs it binds by their place in the
                // volume, which the world serves from the disk.
                let entries = file
                    .entries
                    .iter()
                    .enumerate()
                    .map(|(k, e)| view::PrintEntry { file: layout::bound_file(k), ..e.clone() });
                View::Print(view::print(campaign, date, file.bound, file.volume, entries.collect()))
            }
        }
    }

    /// The generated Typst source, from its [`view`](Self::view).
    pub fn render(&self, view: &View, renderer: &Renderer) -> Result<String, Problem> {
        renderer.render(self.template(), view)
    }

    /// This document's line in a print file, once compiled into `pages` pages.
    pub fn print_entry(&self, pages: usize) -> view::PrintEntry {
        let file = self.output_path();
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
            Subject::Volume(v) => {
                view::PrintEntry { title: v.name.clone(), detail: String::new(), file, pages, alt: String::new() }
            }
            Subject::National => view::PrintEntry {
                title: "Programmes publiés au niveau national".to_string(),
                detail: String::new(),
                file,
                pages,
                alt: "Programmes publiés au niveau national, cités pour information".to_string(),
            },
            Subject::Site => {
                view::PrintEntry { title: String::new(), detail: String::new(), file, pages, alt: String::new() }
            }
        }
    }
}

/// What a document's template is filled with.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(untagged)]
pub enum View {
    Briefing(view::BriefingView),
    Programmes(view::ProgrammesView),
    Letter(view::LetterView),
    Proof(view::ProofView),
    Print(view::PrintView),
    Page(view::PageView),
    Index(view::IndexView),
}

/// What the command line selected.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub communes: Vec<String>,
    pub candidates: Vec<String>,
    pub shard: Option<Shard>,
    /// Make the proofs of the selected lists that answered.
    pub proofs: bool,
    /// Make the web edition of the selected communes.
    pub site: bool,
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
    let selected: Vec<&str> = communes
        .into_iter()
        .filter(|c| everything || commune_selected(c))
        .filter(|c| in_shard(&french::slug(c)))
        .collect();
    for commune in &selected {
        documents.push(Document { kind: DocKind::Briefing, subject: Subject::Commune(commune) });
    }
    // Too many national programmes to quote in each briefing: they are
    // quoted once, beside the briefings (by every shard alike).
    if !selected.is_empty() && view::national_apart(campaign) {
        documents.push(Document { kind: DocKind::Programmes, subject: Subject::National });
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
    // The web edition: a page per commune, and the home page.
    if selection.site && !selected.is_empty() {
        documents.extend(selected.iter().map(|c| Document { kind: DocKind::Page, subject: Subject::Commune(c) }));
        documents.push(Document { kind: DocKind::Index, subject: Subject::Site });
    }
    Ok(documents)
}
