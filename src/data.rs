//! The open data: every excerpt the documents quote, as CSV and JSON, the
//! questions, and a note on the fields and the licence, for journalists,
//! federations and voters to reuse (`out/data/`).
//!
//! From the campaign to the files' bytes, written to the writer it is
//! handed, in a fixed order (the candidates as `candidates.csv` lists
//! them, each one's excerpts as `answers.csv` does), so that the same
//! inputs give the same bytes.

use std::cell::RefCell;
use std::io::{BufWriter, Write};

use serde::Serialize;

use crate::campaign::{Campaign, Candidate, Received, Stance};
use crate::error::Error;
use crate::french;
use crate::view;

/// One excerpt, as the open data gives it.
#[derive(Debug, Serialize)]
pub struct Record<'a> {
    /// Empty for a national programme.
    pub commune: &'a str,
    pub list: &'a str,
    pub candidate: &'a str,
    /// `réponse` (the list's own answer) or `programme` (a published
    /// programme, which is not an answer).
    pub kind: &'static str,
    pub question: &'a str,
    pub question_title: &'a str,
    /// `commitment`, `intent`, `absent`, or empty for a programme's excerpt.
    pub stance: &'static str,
    /// The stance as the documents print it.
    pub stance_label: String,
    /// Verbatim from the source.
    pub quote: &'a str,
    /// The association's one-sentence summary.
    pub summary: &'a str,
    /// A qualifier the source attaches to the excerpt.
    pub context: &'a str,
    /// What the source is and when it came, as the briefing says it.
    pub source: String,
    /// The date the source bears, `YYYY-MM-DD`, or empty.
    pub dated: String,
    /// The date the source was received, `YYYY-MM-DD`, or empty.
    pub received: String,
}

/// The whole data set, as `answers.json` holds it.
#[derive(Serialize)]
struct DataSet<'a> {
    title: &'a str,
    election: &'a str,
    publisher: &'a str,
    licence: &'a str,
    date: String,
    records: Records<'a>,
}

/// The files of `data/`, in the order they are written.
pub const FILES: [&str; 4] = [ANSWERS_CSV, ANSWERS_JSON, QUESTIONS_CSV, README];

/// Writes the file of `data/` called `name` (one of [`FILES`]) to `out`,
/// for the documents' `date`, from the candidates `included` selects.
///
/// The excerpts are read back and written one candidate at a time, so a
/// campaign of any size takes no more memory than its longest answer.
pub fn write(
    campaign: &Campaign,
    date: chrono::NaiveDate,
    included: &dyn Fn(&Candidate) -> bool,
    name: &str,
    out: impl Write,
) -> Result<(), Error> {
    let records = || Records {
        campaign,
        candidates: campaign
            .candidates
            .iter()
            .filter(|c| c.kind != Received::Nothing)
            .filter(|c| included(c))
            .collect(),
        failed: RefCell::new(None),
    };
    let settings = &campaign.settings;
    let licence = licence(campaign);
    let failed = |e: &dyn std::fmt::Display| Error::Internal(format!("open data: {e}"));
    let mut out = BufWriter::new(out);
    match name {
        ANSWERS_CSV => {
            let mut writer = csv::Writer::from_writer(&mut out);
            records().each(|record| writer.serialize(record).map_err(|e| failed(&e)))?;
            writer.flush().map_err(|e| failed(&e))?;
        }
        ANSWERS_JSON => {
            let set = DataSet {
                title: &settings.campaign.title,
                election: &settings.campaign.election,
                publisher: &settings.association.name,
                licence: &licence,
                date: date.to_string(),
                records: records(),
            };
            let written = serde_json::to_writer_pretty(&mut out, &set);
            // A failure to read the answers back, as it was.
            if let Some(e) = set.records.failed.take() {
                return Err(e);
            }
            written.map_err(|e| failed(&e))?;
            out.write_all(b"\n").map_err(|e| failed(&e))?;
        }
        QUESTIONS_CSV => questions(campaign, &mut out)?,
        README => out.write_all(readme(campaign, &licence, date).as_bytes()).map_err(|e| failed(&e))?,
        _ => return Err(Error::Internal(format!("no open data file called {name}"))),
    }
    out.flush().map_err(|e| failed(&e))
}

/// The excerpts of some candidates, read back one candidate at a time
/// as they are written; the first failure to read them is kept in
/// `failed`.
struct Records<'a> {
    campaign: &'a Campaign,
    candidates: Vec<&'a Candidate>,
    failed: RefCell<Option<Error>>,
}

impl Records<'_> {
    /// Calls `each` on every record, in order.
    fn each(&self, mut each: impl FnMut(&Record) -> Result<(), Error>) -> Result<(), Error> {
        let campaign = self.campaign;
        for c in &self.candidates {
            let answers = campaign.answers_of(&c.id)?;
            // Data, not typesetting: plain spaces.
            let source = view::source_text(c).replace('\u{a0}', " ");
            let received = c.received.map(|d| d.to_string()).unwrap_or_default();
            let dated = c.dated.map(|d| d.to_string()).unwrap_or_default();
            for a in &answers {
                let title = campaign.questions.iter().find(|q| q.id == a.question).map_or("", |q| q.title.as_str());
                let stance_label = match a.stance {
                    Stance::Ungraded => String::new(),
                    s => campaign.settings.stances.of(s).0.to_string(),
                };
                each(&Record {
                    commune: c.commune.as_deref().unwrap_or_default(),
                    list: &c.list,
                    candidate: &c.name,
                    kind: if c.kind == Received::Program { "programme" } else { "réponse" },
                    question: &a.question,
                    question_title: title,
                    stance: a.stance.code(),
                    stance_label,
                    quote: &a.quote,
                    summary: &a.summary,
                    context: &a.context,
                    source: source.clone(),
                    dated: dated.clone(),
                    received: received.clone(),
                })?;
            }
        }
        Ok(())
    }
}

/// The records as a JSON array, serialized as they are read back.
impl Serialize for Records<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error as _, SerializeSeq};
        let mut seq = serializer.serialize_seq(None)?;
        let mut failed = None;
        let result = self.each(|record| {
            seq.serialize_element(record).map_err(|e| {
                failed = Some(e);
                Error::Internal(String::new())
            })
        });
        if let Some(e) = failed {
            return Err(e);
        }
        if let Err(e) = result {
            let message = e.to_string();
            *self.failed.borrow_mut() = Some(e);
            return Err(S::Error::custom(message));
        }
        seq.end()
    }
}

/// The data files' names in `data/`.
pub const ANSWERS_CSV: &str = "answers.csv";
pub const ANSWERS_JSON: &str = "answers.json";
pub const QUESTIONS_CSV: &str = "questions.csv";
pub const README: &str = "LISEZMOI.txt";

/// The licence `campaign.toml` names for the data, or empty.
pub fn licence(campaign: &Campaign) -> String {
    campaign.settings.publication.as_ref().and_then(|p| p.licence.clone()).unwrap_or_default()
}

fn questions(campaign: &Campaign, out: impl Write) -> Result<(), Error> {
    #[derive(Serialize)]
    struct Row<'a> {
        id: &'a str,
        title: &'a str,
        text: &'a str,
    }
    let mut writer = csv::Writer::from_writer(out);
    for q in &campaign.questions {
        let row = Row { id: &q.id, title: &q.title, text: &q.text };
        writer.serialize(row).map_err(|e| Error::Internal(format!("open data: {e}")))?;
    }
    writer.flush().map_err(|e| Error::Internal(format!("open data: {e}")))
}

/// What the data is, its fields, and the licence, in French.
fn readme(campaign: &Campaign, licence: &str, date: chrono::NaiveDate) -> String {
    let s = &campaign.settings;
    let licence = match licence {
        "" => "non précisée (l’association la fixe dans campaign.toml, [publication] licence)".to_string(),
        l => l.to_string(),
    };
    format!(
        "Réponses des listes candidates au questionnaire « {title} » — {election}\n\
         Publié par {publisher}, données au {date}.\n\
         Licence : {licence}.\n\n\
         answers.csv et answers.json : un enregistrement par extrait cité.\n\
         - commune : la commune de la liste (vide pour un programme national) ;\n\
         - list, candidate : la liste et sa tête de liste ;\n\
         - kind : « réponse » (la réponse écrite de la liste) ou « programme » (un programme publié,\n  qui n’est pas une réponse au questionnaire) ;\n\
         - question, question_title : la question (voir questions.csv) ;\n\
         - stance, stance_label : la nature de la réponse selon la méthode de l’association\n  (commitment, intent, absent ; vide pour un programme) ;\n\
         - quote : l’extrait, mot pour mot ;\n\
         - summary : le résumé qu’en fait l’association ;\n\
         - context : la précision que la source attache à l’extrait, s’il y en a une ;\n\
         - source, dated, received : ce qu’est la source, la date qu’elle porte et celle de sa réception\n  (AAAA-MM-JJ ; vides quand on ne les connaît pas).\n\n\
         questions.csv : les questions posées (id, title, text).\n",
        title = s.campaign.title,
        election = s.campaign.election,
        publisher = s.association.name,
        date = french::date(date).replace('\u{a0}', " "),
    )
}
