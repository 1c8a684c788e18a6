//! The campaign: what the association asked, who answered what, and the
//! source texts, loaded from a campaign folder and validated as a whole.
//!
//! Everything downstream (rendering, compiling, bundling) works on these
//! types only, so it never sees unvalidated text or touches the disk.

mod decode;
mod load;
mod quotes;
mod settings;
mod table;

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

pub use load::{INPUTS, InputFiles, ReadInput, load, parse};
pub use settings::{Association, CampaignInfo, Forum, Settings};

/// One question of the questionnaire.
#[derive(Debug, Clone)]
pub struct Question {
    /// Short id used in `answers.csv` (`q1`).
    pub id: String,
    /// A short title for tables and headings.
    pub title: String,
    /// The question as the association asked it.
    pub text: String,
}

/// How the candidate's form of address reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Civility {
    /// « M. »
    Monsieur,
    /// « Mme »
    Madame,
    /// Unknown: « Madame, Monsieur, ».
    Unknown,
}

/// What the association has from this candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A written answer to the questionnaire.
    Letter,
    /// A published programme used as the source; no letter is sent.
    Program,
    /// No answer received: the candidate gets a reminder.
    None,
}

/// One list (or national reference) and its head.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Safe file-name id.
    pub id: String,
    pub civility: Civility,
    pub name: String,
    pub role: String,
    pub list: String,
    /// `None` for a national reference, shown in every commune.
    pub commune: Option<String>,
    /// Postal lines, empty when unknown.
    pub address: Vec<String>,
    /// Path relative to `inputs/` of the source text.
    pub source: Option<String>,
    pub kind: Kind,
    pub received: Option<NaiveDate>,
    /// Line in `candidates.csv`.
    pub line: u64,
}

/// How precise an answer is on one question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stance {
    /// Not addressed.
    Absent,
    /// A general orientation.
    Intent,
    /// A precise commitment.
    Commitment,
}

impl Stance {
    /// The label the documents print.
    pub fn label(self) -> &'static str {
        match self {
            Stance::Commitment => "Engagement précis",
            Stance::Intent => "Orientation générale",
            Stance::Absent => "Non abordé",
        }
    }

    /// The machine name used in the CSV and in templates.
    pub fn code(self) -> &'static str {
        match self {
            Stance::Commitment => "commitment",
            Stance::Intent => "intent",
            Stance::Absent => "absent",
        }
    }
}

/// One excerpt of a candidate's answer to one question.
#[derive(Debug, Clone)]
pub struct Answer {
    pub candidate: String,
    pub question: String,
    pub stance: Stance,
    /// Verbatim from the source.
    pub quote: String,
    /// One sentence by the association.
    pub summary: String,
    /// The question the letter asks back, if any.
    pub follow_up: String,
    /// Line in `answers.csv`.
    pub line: u64,
}

/// A whole validated campaign.
#[derive(Debug, Clone)]
pub struct Campaign {
    pub settings: Settings,
    pub questions: Vec<Question>,
    pub candidates: Vec<Candidate>,
    /// In file order.
    pub answers: Vec<Answer>,
    /// Images referenced by the settings, by their path relative to `inputs/`.
    pub images: BTreeMap<String, Vec<u8>>,
    /// The letter date set in `campaign.toml`, if any.
    pub date: Option<NaiveDate>,
    /// The forum's date, if a forum is set.
    pub forum_date: Option<NaiveDate>,
    /// What was assumed while reading (an encoding, a separator).
    pub notes: Vec<String>,
    /// The indices in `answers` of each candidate's rows, in file order.
    by_candidate: HashMap<String, Vec<usize>>,
}

impl Campaign {
    /// Indexes the answers by candidate.
    fn indexed(mut self) -> Self {
        self.by_candidate.clear();
        for (i, a) in self.answers.iter().enumerate() {
            self.by_candidate.entry(a.candidate.clone()).or_default().push(i);
        }
        self
    }

    /// The answer rows of one candidate, in file order.
    pub fn answers_of<'a>(&'a self, candidate: &str) -> impl Iterator<Item = &'a Answer> {
        self.by_candidate.get(candidate).into_iter().flatten().map(|&i| &self.answers[i])
    }

    /// The excerpts of one candidate on one question, in file order.
    pub fn excerpts<'a>(&'a self, candidate: &str, question: &'a str) -> impl Iterator<Item = &'a Answer> {
        self.answers_of(candidate).filter(move |a| a.question == question)
    }

    /// The communes that have candidates, in alphabetical order, each once.
    pub fn communes(&self) -> Vec<&str> {
        let mut communes: Vec<&str> = self.candidates.iter().filter_map(|c| c.commune.as_deref()).collect();
        communes.sort_by_key(|c| crate::french::sort_key(c));
        communes.dedup();
        communes
    }
}
