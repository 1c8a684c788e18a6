//! The campaign: what the association asked, who answered what, and the
//! source texts, loaded from a campaign folder and validated as a whole.
//!
//! Everything downstream (rendering, compiling, bundling) works on these
//! types only, so it never sees unvalidated text or touches the disk.

mod decode;
mod load;
pub(crate) mod quotes;
pub mod review;
mod settings;
pub mod sources;
mod store;
mod table;
mod words;
mod workbook;

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use load::{
    CSV_FILES, DRAFT, DRAFT_COLUMNS, DraftFile, INPUTS, InputFiles, Places, ReadInput, TableFiles, load, parse,
    source_text,
};
pub use settings::{Association, CampaignInfo, Forum, Publication, Review, Settings, StanceText, StanceTexts};
pub use store::{AnswerStore, SPILL_ABOVE};
pub use table::Place;
pub use words::column;
pub use workbook::{is_workbook, write as write_workbook};

use crate::diag::Problem;

/// Answer rows by candidate id: what a document prints of its candidates.
pub type Answers<'c> = HashMap<&'c str, Vec<Answer>>;

/// One question of the questionnaire.
#[derive(Debug, Clone)]
pub struct Question {
    /// Short id used in `answers.csv` (`q1`).
    pub id: String,
    /// A short title for tables and headings.
    pub title: String,
    /// The question as the association asked it.
    pub text: String,
    /// Words its answers may use that its text does not (optional), which
    /// `interpel draft` looks for too.
    pub keywords: String,
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

impl Civility {
    /// What precedes the name: « M. », « Mme » or nothing.
    pub fn abbreviation(self) -> &'static str {
        match self {
            Civility::Monsieur => "M.",
            Civility::Madame => "Mme",
            Civility::Unknown => "",
        }
    }

    /// « M. Paul Planque », or the name alone.
    pub fn with_name(self, name: &str) -> String {
        match self.abbreviation() {
            "" => name.to_string(),
            civility => format!("{civility} {name}"),
        }
    }
}

/// What the association has from this candidate (the `kind` column).
/// Not to be confused with [`crate::documents::DocKind::Letter`], the
/// association's letter to the candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Received {
    /// A written answer to the questionnaire (`letter`).
    Answer,
    /// A published programme used as the source; no letter is sent.
    Program,
    /// No answer received (`none`): the candidate gets a reminder.
    Nothing,
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
    pub kind: Received,
    pub received: Option<NaiveDate>,
    /// What a programme is and where it comes from (« boîte à outils
    /// programmatique… »), empty for a letter.
    pub nature: String,
    /// The date written on the document, if it has one.
    pub dated: Option<NaiveDate>,
    /// When the association sent this list the questionnaire, if the tables say.
    pub contacted: Option<NaiveDate>,
    /// When it sent a reminder, if it did and the tables say.
    pub reminded: Option<NaiveDate>,
    /// Where to send the letter by e-mail, if the tables say.
    pub email: Option<String>,
    /// Line in `candidates.csv`.
    pub line: u64,
}

/// How precise an answer is on one question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    /// An excerpt of a programme: programmes are references, never graded.
    Ungraded,
    /// Not addressed.
    Absent,
    /// A general orientation.
    Intent,
    /// A precise commitment.
    Commitment,
}

impl Stance {
    /// The machine name used in the CSV and in templates; empty for an
    /// ungraded excerpt.
    pub fn code(self) -> &'static str {
        match self {
            Stance::Commitment => "commitment",
            Stance::Intent => "intent",
            Stance::Absent => "absent",
            Stance::Ungraded => "",
        }
    }
}

/// One excerpt of a candidate's answer to one question.
#[derive(Debug, Clone, Serialize, Deserialize)]
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
    /// A qualifier the source attaches to the excerpt (« Moyennes et grandes
    /// communes »), printed with it; empty when there is none.
    pub context: String,
    /// Line in `answers.csv`.
    pub line: u64,
    /// The page of the source the quote starts on, for a source in pages
    /// (a PDF); found when the quote is verified.
    #[serde(default)]
    pub page: Option<u32>,
}

/// A whole validated campaign.
#[derive(Debug)]
pub struct Campaign {
    pub settings: Settings,
    pub questions: Vec<Question>,
    pub candidates: Vec<Candidate>,
    /// Each candidate's answer rows, read back as documents need them.
    answers: AnswerStore,
    /// Where the tables were read from (CSV files or a workbook's sheets).
    pub places: Places,
    /// Images referenced by the settings, by their path relative to `inputs/`.
    pub images: BTreeMap<String, Vec<u8>>,
    /// The letter date set in `campaign.toml`, if any.
    pub date: Option<NaiveDate>,
    /// The forum's date, if a forum is set.
    pub forum_date: Option<NaiveDate>,
    /// The date before which the lists may correct their entry, if set.
    pub review_deadline: Option<NaiveDate>,
    /// The text of each list's answer (kind `letter`), by candidate id, as
    /// its source reads: kept only when `[publication] full_text` asks to
    /// publish it.
    pub full_texts: BTreeMap<String, String>,
    /// What was assumed while reading (an encoding, a separator).
    pub notes: Vec<String>,
    /// What staff should look at before publishing, though nothing stops the
    /// build: unfair cuts, missing legal mentions, letters that cannot be
    /// posted (see [`crate::campaign::review`]).
    pub warnings: Vec<Problem>,
}

impl Campaign {
    /// The answer rows of one candidate, in file order. They were checked
    /// when the campaign was loaded: failing to read them back is a fault
    /// of interpel's temporary file, not of the inputs, and says so.
    pub fn answers_of(&self, candidate: &str) -> Result<Vec<Answer>, crate::error::Error> {
        self.answers.of(candidate).map_err(|e| {
            crate::error::Error::Internal(format!(
                "cannot read back the answers of « {candidate} » from interpel's temporary file in {}: {e}; the inputs are not at fault: check the disk that holds TMPDIR, and run again",
                std::env::temp_dir().display()
            ))
        })
    }

    /// The answer rows of each of `candidates`, by id.
    pub fn answers_for<'c>(
        &self,
        candidates: impl IntoIterator<Item = &'c Candidate>,
    ) -> Result<Answers<'c>, crate::error::Error> {
        candidates.into_iter().map(|c| Ok((c.id.as_str(), self.answers_of(&c.id)?))).collect()
    }

    /// True when the answers were moved out of memory into a temporary file.
    pub fn answers_spilled(&self) -> bool {
        self.answers.spilled()
    }

    /// The communes that have candidates, in alphabetical order, each once.
    pub fn communes(&self) -> Vec<&str> {
        let mut communes: Vec<&str> = self.candidates.iter().filter_map(|c| c.commune.as_deref()).collect();
        communes.sort_by_key(|c| crate::french::sort_key(c));
        communes.dedup();
        communes
    }
}
