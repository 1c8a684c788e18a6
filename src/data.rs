//! The open data: every excerpt the documents quote, as CSV and JSON, the
//! questions, and a note on the fields and the licence, for journalists,
//! federations and voters to reuse (`out/data/`).
//!
//! Pure: from the campaign to the files' bytes, in a fixed order (the
//! candidates as `candidates.csv` lists them, each one's excerpts as
//! `answers.csv` does), so that the same inputs give the same bytes.

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
#[derive(Debug, Serialize)]
struct DataSet<'a> {
    title: &'a str,
    election: &'a str,
    publisher: &'a str,
    licence: &'a str,
    date: String,
    records: &'a [Record<'a>],
}

/// The files of `data/` and their bytes, for the documents' `date`, from
/// the candidates `included` selects.
pub fn files(
    campaign: &Campaign,
    date: chrono::NaiveDate,
    included: impl Fn(&Candidate) -> bool,
) -> Result<Vec<(&'static str, Vec<u8>)>, Error> {
    let candidates: Vec<&Candidate> =
        campaign.candidates.iter().filter(|c| c.kind != Received::Nothing).filter(|c| included(c)).collect();
    let answers = campaign.answers_for(candidates.iter().copied())?;
    let mut records = Vec::new();
    for c in &candidates {
        // Data, not typesetting: plain spaces.
        let source = view::source_text(c).replace('\u{a0}', " ");
        let received = c.received.map(|d| d.to_string()).unwrap_or_default();
        let dated = c.dated.map(|d| d.to_string()).unwrap_or_default();
        for a in answers.get(c.id.as_str()).map_or(&[][..], Vec::as_slice) {
            let title = campaign.questions.iter().find(|q| q.id == a.question).map_or("", |q| q.title.as_str());
            let stance_label = match a.stance {
                Stance::Ungraded => String::new(),
                s => campaign.settings.stances.of(s).0.to_string(),
            };
            records.push(Record {
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
            });
        }
    }
    let settings = &campaign.settings;
    let licence = licence(campaign);
    let set = DataSet {
        title: &settings.campaign.title,
        election: &settings.campaign.election,
        publisher: &settings.association.name,
        licence: &licence,
        date: date.to_string(),
        records: &records,
    };
    let mut json = serde_json::to_vec_pretty(&set).map_err(|e| Error::Internal(e.to_string()))?;
    json.push(b'\n');
    Ok(vec![
        (ANSWERS_CSV, csv_of(&records)?),
        (ANSWERS_JSON, json),
        (QUESTIONS_CSV, questions(campaign)?),
        (README, readme(campaign, &licence, date).into_bytes()),
    ])
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

fn csv_of<T: Serialize>(rows: &[T]) -> Result<Vec<u8>, Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        writer.serialize(row).map_err(|e| Error::Internal(format!("open data: {e}")))?;
    }
    writer.into_inner().map_err(|e| Error::Internal(format!("open data: {e}")))
}

fn questions(campaign: &Campaign) -> Result<Vec<u8>, Error> {
    #[derive(Serialize)]
    struct Row<'a> {
        id: &'a str,
        title: &'a str,
        text: &'a str,
    }
    let rows: Vec<Row> = campaign.questions.iter().map(|q| Row { id: &q.id, title: &q.title, text: &q.text }).collect();
    csv_of(&rows)
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
