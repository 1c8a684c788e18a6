//! The draft as a table: the rows proposed for a candidate, and
//! `answers.draft.csv` written with the columns of `answers.csv` plus a
//! `note` saying why each row was proposed. Pure: bytes in, bytes out.

use std::collections::HashSet;

use super::{PER_QUESTION, Proposal, Query, propose};
use crate::campaign::{Candidate, DRAFT_COLUMNS as COLUMNS, DraftFile, Question, Received, Stance};

/// One proposed row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub candidate: String,
    pub question: String,
    /// `commitment` or `intent`; empty for a programme, which is not graded.
    pub stance: &'static str,
    pub quote: String,
    /// Why the row is proposed, for staff (French, as the table is).
    pub note: String,
}

/// What each question is looked for by: its title, its text and its
/// keywords.
pub fn queries(questions: &[Question]) -> Vec<Query> {
    questions
        .iter()
        .map(|q| Query { asked: format!("{}. {}", q.title, q.text), keywords: q.keywords.clone() })
        .collect()
}

/// The rows proposed for `candidate`, whose source's text is `text`.
pub fn rows(questions: &[Question], candidate: &Candidate, text: &str) -> Vec<Row> {
    let proposals = propose(text, &queries(questions), PER_QUESTION);
    proposals.iter().map(|p| row(questions, candidate, p, &proposals)).collect()
}

fn row(questions: &[Question], candidate: &Candidate, p: &Proposal, all: &[Proposal]) -> Row {
    let graded = candidate.kind != Received::Program;
    let stance = if graded { p.guess.stance } else { Stance::Ungraded };
    let why = match (stance, p.guess.phrase.is_empty()) {
        (Stance::Ungraded, _) => "programme : pas de position".to_string(),
        (Stance::Commitment, _) => format!("engagement d’après « {} »", p.guess.phrase),
        (_, false) => format!("orientation d’après « {} »", p.guess.phrase),
        (_, true) => "orientation : aucune formule d’engagement".to_string(),
    };
    Row {
        candidate: candidate.id.clone(),
        question: questions[p.question].id.clone(),
        stance: stance.code(),
        quote: p.quote.clone(),
        note: format!("passage n° {} ; {why}{}", p.rank, also(questions, p, all)),
    }
}

/// « ; aussi proposé pour q3 : n’en garder qu’un » when a passage overlaps
/// one proposed for another question: a passage is quoted under one
/// question only.
fn also(questions: &[Question], p: &Proposal, all: &[Proposal]) -> String {
    let mut others: Vec<&str> = all
        .iter()
        .filter(|o| o.question != p.question && o.span.start < p.span.end && p.span.start < o.span.end)
        .map(|o| questions[o.question].id.as_str())
        .collect();
    others.dedup();
    if others.is_empty() {
        String::new()
    } else {
        format!(" ; aussi proposé pour {} : ne le garder que sous une question", others.join(", "))
    }
}

/// `answers.draft.csv` with `rows`, keeping the rows of `existing` (the
/// file as it was, if any, read however a spreadsheet saved it) for every
/// candidate not in `replaced`. An existing file whose columns are not the
/// draft's is refused rather than rewritten, so that no edit is lost. The
/// file is UTF-8 with a byte order mark, which Excel needs to read its
/// accents (interpel reads it either way).
pub fn write(existing: Option<&DraftFile>, replaced: &HashSet<&str>, rows: &[Row]) -> Result<Vec<u8>, String> {
    let mut out = csv::WriterBuilder::new().from_writer(b"\xEF\xBB\xBF".to_vec());
    let io = |e: csv::Error| e.to_string();
    out.write_record(COLUMNS).map_err(io)?;
    if let Some(draft) = existing {
        if let Some(i) = draft.columns.iter().position(Option::is_none) {
            return Err(format!(
                "it has a column « {} » that a draft does not: move the file away (or copy its rows into answers.csv), then draft again",
                draft.header[i]
            ));
        }
        for (line, record) in &draft.rows {
            if record.iter().skip(draft.columns.len()).any(|f| !f.trim().is_empty()) {
                return Err(format!("line {line} has more fields than its header: correct it, then draft again"));
            }
            if replaced.contains(draft.get(record, "candidate")) {
                continue;
            }
            let mut fields = vec![""; COLUMNS.len()];
            for (field, column) in record.iter().zip(&draft.columns) {
                let i = COLUMNS.iter().position(|k| Some(*k) == *column).expect("a draft column");
                fields[i] = field;
            }
            out.write_record(&fields).map_err(io)?;
        }
    }
    for row in rows {
        out.write_record([&row.candidate, &row.question, row.stance, &row.quote, "", "", "", &row.note]).map_err(io)?;
    }
    out.into_inner().map_err(|e| e.to_string())
}
