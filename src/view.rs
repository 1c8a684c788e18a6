//! The data each template sees: plain values, already in French form.
//!
//! Templates stay simple (no date formatting, no sorting, no lookups) because
//! every decision about what a document says is taken here, in code that is
//! tested, and handed to the template as text, booleans and lists.

use chrono::NaiveDate;
use serde::Serialize;

use crate::campaign::{Answer, Campaign, Candidate, Civility, Kind, Stance};
use crate::diag::Problem;
use crate::french;

/// Where the images referenced by the settings sit in the Typst project.
pub const ASSETS: &str = "assets";

#[derive(Debug, Clone, Serialize)]
pub struct AssociationView {
    pub name: String,
    pub unit: String,
    pub address: Vec<String>,
    pub city: String,
    pub signatory: String,
    pub signatory_title: String,
    pub has_signature: bool,
    /// Absolute path in the Typst project, e.g. `/assets/signature.png`.
    pub signature: String,
    pub has_logo: bool,
    pub logo: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CampaignView {
    pub title: String,
    pub election: String,
    pub question_count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ForumView {
    pub has_forum: bool,
    /// « 5 mars 2026 », empty without a forum.
    pub date: String,
    pub place: String,
}

/// What both kinds of document share.
#[derive(Debug, Clone, Serialize)]
pub struct Common {
    pub association: AssociationView,
    pub campaign: CampaignView,
    pub forum: ForumView,
    /// The document date, « 22 novembre 2026 ».
    pub date: String,
    /// « Alès, le 22 novembre 2026 »
    pub place_date: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExcerptView {
    pub quote: String,
    pub summary: String,
    pub stance: &'static str,
    pub stance_label: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuestionRef {
    pub id: String,
    pub number: usize,
    pub title: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct FollowUpView {
    pub number: usize,
    pub question: String,
    pub text: String,
}

/// A candidate's answer to one question.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerView {
    pub question: QuestionRef,
    pub stance: &'static str,
    pub stance_label: &'static str,
    pub excerpts: Vec<ExcerptView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CandidateView {
    pub id: String,
    pub civility: String,
    pub name: String,
    /// « M. Paul Planque »
    pub full_name: String,
    /// As written in `candidates.csv` (« Tête de liste »), or empty.
    pub role: String,
    /// The role inside a sentence, after the name: « tête de liste ».
    pub role_in_text: String,
    pub list: String,
    pub commune: String,
    pub is_national: bool,
    /// « Réponse écrite », « Programme publié », « Pas de réponse »
    pub kind_label: &'static str,
    pub has_received: bool,
    pub received: String,
    pub source: String,
}

/// Everything `letter.typ.hbs` sees.
#[derive(Debug, Clone, Serialize)]
pub struct LetterView {
    #[serde(flatten)]
    pub common: Common,
    pub candidate: CandidateView,
    /// The recipient block, line by line.
    pub recipient: Vec<String>,
    /// « Monsieur », « Madame » or « Madame, Monsieur »: the appel, repeated
    /// in the formule de politesse.
    pub appel: String,
    /// True for a candidate who has not answered: the letter is a reminder.
    pub reminder: bool,
    /// The questions the candidate answered, with their own words.
    pub answered: Vec<AnswerView>,
    pub has_answered: bool,
    pub unanswered: Vec<QuestionRef>,
    pub has_unanswered: bool,
    pub follow_ups: Vec<FollowUpView>,
    pub has_follow_ups: bool,
    pub questions: Vec<QuestionRef>,
}

/// One list in a briefing.
#[derive(Debug, Clone, Serialize)]
pub struct ListView {
    pub candidate: CandidateView,
    pub answers: Vec<AnswerView>,
}

/// One question of a briefing with every list's answer to it.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionSection {
    pub question: QuestionRef,
    pub entries: Vec<ListAnswer>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ListAnswer {
    pub candidate: CandidateView,
    pub stance: &'static str,
    pub stance_label: &'static str,
    pub excerpts: Vec<ExcerptView>,
}

/// Everything `briefing.typ.hbs` sees.
#[derive(Debug, Clone, Serialize)]
pub struct BriefingView {
    #[serde(flatten)]
    pub common: Common,
    pub commune: String,
    pub questions: Vec<QuestionRef>,
    /// The lists of the commune that answered, in alphabetical order.
    pub lists: Vec<ListView>,
    pub has_lists: bool,
    /// Question by question.
    pub sections: Vec<QuestionSection>,
    /// The lists that did not answer.
    pub non_respondents: Vec<CandidateView>,
    pub has_non_respondents: bool,
    /// National references, shown in every commune.
    pub national: Vec<ListView>,
    pub has_national: bool,
    /// Every source quoted, lists then national references.
    pub sources: Vec<CandidateView>,
}

/// The association's name and date line, shared by all documents.
pub fn common(campaign: &Campaign, date: NaiveDate) -> Common {
    let s = &campaign.settings;
    let a = &s.association;
    let asset = |p: &Option<toml::Spanned<String>>| p.as_ref().map(|p| asset_path(p.get_ref())).unwrap_or_default();
    let date_text = french::date(date);
    Common {
        association: AssociationView {
            name: a.name.clone(),
            unit: a.unit.clone(),
            address: a.address.clone(),
            city: a.city.clone(),
            signatory: a.signatory.clone(),
            signatory_title: a.signatory_title.clone(),
            has_signature: a.signature.is_some(),
            signature: asset(&a.signature),
            has_logo: a.logo.is_some(),
            logo: asset(&a.logo),
        },
        campaign: CampaignView {
            title: s.campaign.title.clone(),
            election: s.campaign.election.clone(),
            question_count: campaign.questions.len(),
        },
        forum: ForumView {
            has_forum: s.forum.is_some(),
            date: campaign.forum_date.map(french::date).unwrap_or_default(),
            place: s.forum.as_ref().map(|f| f.place.clone()).unwrap_or_default(),
        },
        place_date: format!("{}, le {date_text}", a.city),
        date: date_text,
    }
}

/// Where an input image is served in the Typst project: `/assets/<path>`.
pub fn asset_path(input_path: &str) -> String {
    format!("/{ASSETS}/{input_path}")
}

fn question_refs(campaign: &Campaign) -> Vec<QuestionRef> {
    campaign
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| QuestionRef { id: q.id.clone(), number: i + 1, title: q.title.clone(), text: q.text.clone() })
        .collect()
}

fn excerpt(a: &Answer) -> ExcerptView {
    ExcerptView {
        quote: a.quote.clone(),
        summary: a.summary.clone(),
        stance: a.stance.code(),
        stance_label: a.stance.label(),
    }
}

fn candidate_view(c: &Candidate) -> CandidateView {
    let civility = match c.civility {
        Civility::Monsieur => "M.",
        Civility::Madame => "Mme",
        Civility::Unknown => "",
    };
    CandidateView {
        id: c.id.clone(),
        civility: civility.to_string(),
        name: c.name.clone(),
        full_name: if civility.is_empty() { c.name.clone() } else { format!("{civility} {}", c.name) },
        role: c.role.clone(),
        role_in_text: french::in_text(&c.role),
        list: c.list.clone(),
        commune: c.commune.clone().unwrap_or_default(),
        is_national: c.commune.is_none(),
        kind_label: match c.kind {
            Kind::Letter => "Réponse écrite",
            Kind::Program => "Programme publié",
            Kind::None => "Pas de réponse",
        },
        has_received: c.received.is_some(),
        received: c.received.map(french::date).unwrap_or_default(),
        source: c.source.clone().unwrap_or_default(),
    }
}

/// A candidate's answers, one per question, `absent` included, from the
/// candidate's answer `rows`.
fn answers(campaign: &Campaign, rows: &[Answer]) -> Vec<AnswerView> {
    question_refs(campaign)
        .into_iter()
        .map(|q| {
            let excerpts: Vec<&Answer> =
                rows.iter().filter(|a| a.question == q.id && a.stance != Stance::Absent).collect();
            let stance = excerpts.iter().map(|a| a.stance).max().unwrap_or(Stance::Absent);
            let excerpts = excerpts.into_iter().map(excerpt).collect();
            AnswerView { question: q, stance: stance.code(), stance_label: stance.label(), excerpts }
        })
        .collect()
}

/// The view of one candidate's letter.
pub fn letter(campaign: &Campaign, c: &Candidate, date: NaiveDate) -> Result<LetterView, Problem> {
    let rows = campaign.answers_of(&c.id)?;
    let all = answers(campaign, &rows);
    let mut follow_ups = Vec::new();
    for a in rows.iter().filter(|a| !a.follow_up.is_empty()) {
        let question = campaign.questions.iter().find(|q| q.id == a.question).map(|q| q.title.clone());
        follow_ups.push(FollowUpView {
            number: follow_ups.len() + 1,
            question: question.unwrap_or_default(),
            text: a.follow_up.clone(),
        });
    }
    let (answered, unanswered): (Vec<_>, Vec<_>) = all.into_iter().partition(|a| !a.excerpts.is_empty());
    let unanswered: Vec<QuestionRef> = unanswered.into_iter().map(|a| a.question).collect();

    let view = candidate_view(c);
    let mut recipient = vec![view.full_name.clone()];
    recipient.extend(Some(c.role.clone()).filter(|r| !r.is_empty()));
    if c.address.is_empty() {
        recipient.push(format!("Liste « {} »", c.list));
        recipient.extend(c.commune.clone());
    } else {
        recipient.extend(c.address.iter().cloned());
    }
    Ok(LetterView {
        common: common(campaign, date),
        appel: match c.civility {
            Civility::Monsieur => "Monsieur",
            Civility::Madame => "Madame",
            Civility::Unknown => "Madame, Monsieur",
        }
        .to_string(),
        reminder: c.kind == Kind::None,
        has_answered: !answered.is_empty(),
        answered,
        has_unanswered: !unanswered.is_empty() && c.kind != Kind::None,
        unanswered,
        has_follow_ups: !follow_ups.is_empty(),
        follow_ups,
        questions: question_refs(campaign),
        candidate: view,
        recipient,
    })
}

/// The candidates shown in `commune`'s briefing, in alphabetical order of
/// list name: `(answered, did not answer)`.
pub fn lists_of<'a>(campaign: &'a Campaign, commune: Option<&str>) -> (Vec<&'a Candidate>, Vec<&'a Candidate>) {
    let mut here: Vec<&Candidate> = campaign.candidates.iter().filter(|c| c.commune.as_deref() == commune).collect();
    here.sort_by_key(|c| (french::sort_key(&c.list), french::sort_key(&c.name)));
    here.into_iter().partition(|c| c.kind != Kind::None)
}

/// The view of one commune's briefing.
pub fn briefing(campaign: &Campaign, commune: &str, date: NaiveDate) -> Result<BriefingView, Problem> {
    let (lists, non_respondents) = lists_of(campaign, Some(commune));
    let (national, _) = lists_of(campaign, None);
    let list_view = |c: &&Candidate| -> Result<ListView, Problem> {
        Ok(ListView { candidate: candidate_view(c), answers: answers(campaign, &campaign.answers_of(&c.id)?) })
    };
    let lists: Vec<ListView> = lists.iter().map(list_view).collect::<Result<_, _>>()?;
    let national: Vec<ListView> = national.iter().map(list_view).collect::<Result<_, _>>()?;
    let sections = question_refs(campaign)
        .into_iter()
        .enumerate()
        .map(|(i, question)| QuestionSection {
            question,
            entries: lists
                .iter()
                .map(|l| ListAnswer {
                    candidate: l.candidate.clone(),
                    stance: l.answers[i].stance,
                    stance_label: l.answers[i].stance_label,
                    excerpts: l.answers[i].excerpts.clone(),
                })
                .collect(),
        })
        .collect();
    let sources = lists.iter().chain(&national).map(|l| l.candidate.clone()).collect();
    Ok(BriefingView {
        common: common(campaign, date),
        commune: commune.to_string(),
        questions: question_refs(campaign),
        has_lists: !lists.is_empty(),
        lists,
        sections,
        has_non_respondents: !non_respondents.is_empty(),
        non_respondents: non_respondents.into_iter().map(candidate_view).collect(),
        has_national: !national.is_empty(),
        national,
        sources,
    })
}

/// One document in a print file.
#[derive(Debug, Clone, Serialize)]
pub struct PrintEntry {
    /// The candidate and list, or the commune.
    pub title: String,
    /// The commune of a letter, or empty.
    pub detail: String,
    /// The document's PDF, e.g. `/letters/x.pdf`; in the print file's
    /// source, a slot path (see [`crate::world::disk_slot`]).
    pub file: String,
    pub pages: usize,
    /// What a screen reader says of each page.
    pub alt: String,
}

/// Everything `print.typ.hbs` sees.
#[derive(Debug, Clone, Serialize)]
pub struct PrintView {
    #[serde(flatten)]
    pub common: Common,
    /// True for the letters' print file, false for the briefings'.
    pub letters: bool,
    /// « 3 lettres », « 1 synthèse »: in this file.
    pub count: String,
    /// « volume 2 sur 10, lettres 51 à 100 », or empty when there is one file.
    pub volume: String,
    /// True when the file holds one document.
    pub single: bool,
    /// The number of the first document in this file.
    pub first: usize,
    pub entries: Vec<PrintEntry>,
}

/// Which part of a run's print files one file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Volume {
    /// 1-based.
    pub index: usize,
    pub count: usize,
    /// The number of its first document.
    pub first: usize,
}

/// The view of a print file of `entries`, in order.
pub fn print(
    campaign: &Campaign,
    date: NaiveDate,
    letters: bool,
    volume: Volume,
    entries: Vec<PrintEntry>,
) -> PrintView {
    let n = entries.len();
    let volume_text = if volume.count > 1 {
        format!(
            "volume {} sur {}, {} {} à {}",
            volume.index,
            volume.count,
            if letters { "lettres" } else { "synthèses" },
            volume.first,
            volume.first + n - 1
        )
    } else {
        String::new()
    };
    let word = match (letters, n) {
        (true, 1) => "lettre",
        (true, _) => "lettres",
        (false, 1) => "synthèse",
        (false, _) => "synthèses",
    };
    PrintView {
        common: common(campaign, date),
        letters,
        count: format!("{n}\u{a0}{word}"),
        volume: volume_text,
        single: n == 1,
        first: volume.first,
        entries,
    }
}
