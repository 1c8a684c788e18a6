//! The data each template sees: plain values, already in French form.
//!
//! Templates stay simple (no date formatting, no sorting, no lookups) because
//! every decision about what a document says is taken here, in code that is
//! tested, and handed to the template as text, booleans and lists.

use chrono::NaiveDate;
use serde::Serialize;

use crate::campaign::{Answer, Answers, Campaign, Candidate, Civility, Received, Stance};
use crate::documents::DocKind;
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

/// The legal mentions printed on every briefing.
#[derive(Debug, Clone, Serialize)]
pub struct PublicationView {
    /// False when `campaign.toml` has no `[publication]`: the documents say
    /// the mentions are still to be completed.
    pub has_publication: bool,
    pub printer: String,
    pub printer_address: String,
    pub director: String,
}

/// A stance label and what earns it, as the method note states it.
#[derive(Debug, Clone, Serialize)]
pub struct StanceDefinition {
    pub code: &'static str,
    pub label: String,
    pub definition: String,
}

/// What every document shares.
#[derive(Debug, Clone, Serialize)]
pub struct Common {
    pub association: AssociationView,
    pub campaign: CampaignView,
    pub forum: ForumView,
    pub publication: PublicationView,
    /// The three stances, strongest first, with the campaign's labels.
    pub stances: Vec<StanceDefinition>,
    /// The document date, « 22 novembre 2026 ».
    pub date: String,
    /// « Alès, le 22 novembre 2026 »
    pub place_date: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExcerptView {
    /// The quote, its own quotation marks nested as “ ” inside the « » the
    /// documents put around it.
    pub quote: String,
    /// The association's one-sentence summary.
    pub summary: String,
    /// A qualifier the source attaches to the excerpt (« Moyennes et
    /// grandes communes »), or empty.
    pub context: String,
    pub has_context: bool,
    pub stance: &'static str,
    pub stance_label: String,
    /// True when the excerpts of this answer differ in stance: each one
    /// then shows its own label, so the overview's rule can be checked.
    pub show_label: bool,
    /// The source and the page the quote is on (« lettre datée du 2 mars
    /// 2026, p. 2 »), for a source in pages; empty otherwise.
    pub source: String,
    pub has_page: bool,
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
    /// The most precise stance among the excerpts (the overview's rule).
    pub stance: &'static str,
    pub stance_label: String,
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
    /// What a programme is and where it comes from; empty for a list.
    pub nature: String,
    pub has_received: bool,
    pub received: String,
    /// What the source is and when, for the Sources table: « Lettre datée
    /// du 3 mars 2026 », « Lettre non datée, reçue le … », « Programme
    /// publié, non daté ».
    pub source_text: String,
    /// Contact and reminder dates, when the tables give them:
    /// « questionnaire adressé le 2 février 2026, relance le 20 février 2026 ».
    pub contact_text: String,
    pub has_contact_text: bool,
}

/// What every document sent to a candidate shares: who writes, to whom,
/// and how to address them.
#[derive(Debug, Clone, Serialize)]
pub struct Addressed {
    #[serde(flatten)]
    pub common: Common,
    pub candidate: CandidateView,
    /// The recipient block, line by line.
    pub recipient: Vec<String>,
    /// « Monsieur », « Madame » or « Madame, Monsieur »: the appel, repeated
    /// in the formule de politesse.
    pub appel: String,
}

/// Everything `letter.typ.hbs` sees.
#[derive(Debug, Clone, Serialize)]
pub struct LetterView {
    #[serde(flatten)]
    pub to: Addressed,
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

/// A published programme shown for information: never graded, and only the
/// questions on which a passage was quoted.
#[derive(Debug, Clone, Serialize)]
pub struct ReferenceView {
    pub candidate: CandidateView,
    /// The questions with excerpts; each answer's stance is empty.
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
    pub stance_label: String,
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
    /// More than one list: the note says in what order they come.
    pub many_lists: bool,
    /// Question by question.
    pub sections: Vec<QuestionSection>,
    /// What the tables say of the campaign in this commune, as sentences
    /// of the method note: who was sent the questionnaire and when, how
    /// many answered. Derived, never asserted: without contact dates for
    /// every list, it claims nothing about who was contacted.
    pub facts: String,
    /// The lists that did not answer.
    pub non_respondents: Vec<CandidateView>,
    pub has_non_respondents: bool,
    /// True when the tables show that every list contacted here answered
    /// (every list has a contact date and none is without an answer).
    pub all_contacted_answered: bool,
    /// Published programmes, of this commune or national, shown for
    /// information and never graded.
    pub references: Vec<ReferenceView>,
    /// The section of programmes is there: some are quoted here, or the
    /// national ones apart.
    pub has_references: bool,
    pub has_quoted_references: bool,
    /// The national programmes are quoted in a document of their own
    /// ([`programmes`]), not here: how many, as the briefing says it
    /// (« 110 programmes »), or empty when they are quoted here.
    pub national_apart: String,
    pub has_national_apart: bool,
    /// Every source quoted, lists then programmes.
    pub sources: Vec<CandidateView>,
    /// The full text of each list's answer, in the lists' order, when the
    /// campaign publishes it (`[publication] full_text`).
    pub annex: Vec<FullTextView>,
    pub has_annex: bool,
}

/// Everything `programmes.typ.hbs` sees: the national programmes, quoted
/// once for every commune when there are too many to quote in each
/// briefing ([`NATIONAL_IN_BRIEFINGS`]).
#[derive(Debug, Clone, Serialize)]
pub struct ProgrammesView {
    #[serde(flatten)]
    pub common: Common,
    pub questions: Vec<QuestionRef>,
    /// The national programmes, in alphabetical order, each with the
    /// questions on which a passage was quoted.
    pub references: Vec<ReferenceView>,
    /// The same, as the table of sources lists them.
    pub sources: Vec<CandidateView>,
    /// Always true: the programmes' partial says where they are quoted.
    pub has_national_apart: bool,
}

/// How many national programmes each briefing quotes. Beyond that, they
/// are quoted once, in a document of their own that every briefing names
/// (`programmes/nationaux.pdf`): a campaign that quoted 110 national
/// programmes in each of its 40 briefings gave every briefing 76 pages of
/// the same programmes, and a briefing's memory grows with its pages.
pub const NATIONAL_IN_BRIEFINGS: usize = 5;

/// The national programmes (candidates without a commune), in
/// alphabetical order.
fn national_programmes(campaign: &Campaign) -> Vec<&Candidate> {
    lists_of(campaign, None).into_iter().filter(|c| c.kind == Received::Program).collect()
}

/// Whether the national programmes are quoted in a document of their own
/// rather than in each briefing: when there are more than
/// [`NATIONAL_IN_BRIEFINGS`].
pub fn national_apart(campaign: &Campaign) -> bool {
    campaign.candidates.iter().filter(|c| c.commune.is_none() && c.kind == Received::Program).count()
        > NATIONAL_IN_BRIEFINGS
}

/// A programme's view: the questions on which a passage was quoted.
fn reference(campaign: &Campaign, c: &Candidate, rows: &[Answer]) -> ReferenceView {
    ReferenceView {
        candidate: candidate_view(c),
        answers: answers(campaign, rows).into_iter().filter(|a| !a.excerpts.is_empty()).collect(),
    }
}

/// The view of the national programmes' document; `rows` gives each
/// programme's excerpts.
pub fn programmes(campaign: &Campaign, rows: &Answers<'_>, date: NaiveDate) -> ProgrammesView {
    let references: Vec<ReferenceView> = national_programmes(campaign)
        .into_iter()
        .map(|c| reference(campaign, c, rows.get(c.id.as_str()).map_or(&[][..], Vec::as_slice)))
        .collect();
    ProgrammesView {
        common: common(campaign, date),
        questions: question_refs(campaign),
        sources: references.iter().map(|r| r.candidate.clone()).collect(),
        references,
        has_national_apart: true,
    }
}

/// A list's answer in full, as its source reads, for the annex.
#[derive(Debug, Clone, Serialize)]
pub struct FullTextView {
    pub candidate: CandidateView,
    /// Its paragraphs, each on one line.
    pub paragraphs: Vec<String>,
    /// False when the list answered without a source file to read.
    pub has_text: bool,
}

/// The association's name and date line, shared by all documents.
pub fn common(campaign: &Campaign, date: NaiveDate) -> Common {
    let s = &campaign.settings;
    let a = &s.association;
    let asset = |p: &Option<toml::Spanned<String>>| p.as_ref().map(|p| asset_path(p.get_ref())).unwrap_or_default();
    let date_text = french::date(date);
    let publication = s.publication.as_ref();
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
        publication: PublicationView {
            has_publication: publication.is_some(),
            printer: publication.map(|p| p.printer.clone()).unwrap_or_default(),
            printer_address: publication.map(|p| p.printer_address.clone()).unwrap_or_default(),
            director: publication.map(|p| p.director.clone()).unwrap_or_default(),
        },
        stances: [Stance::Commitment, Stance::Intent, Stance::Absent]
            .into_iter()
            .map(|stance| {
                let (label, definition) = s.stances.of(stance);
                StanceDefinition { code: stance.code(), label: label.to_string(), definition: definition.to_string() }
            })
            .collect(),
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

fn label(campaign: &Campaign, stance: Stance) -> String {
    campaign.settings.stances.of(stance).0.to_string()
}

fn excerpt(campaign: &Campaign, a: &Answer, show_label: bool) -> ExcerptView {
    ExcerptView {
        quote: french::nested_quotes(&a.quote),
        summary: a.summary.clone(),
        has_context: !a.context.is_empty(),
        context: a.context.clone(),
        stance: a.stance.code(),
        stance_label: label(campaign, a.stance),
        show_label,
        source: a
            .page
            .and_then(|page| {
                let c = campaign.candidates.iter().find(|c| c.id == a.candidate)?;
                Some(format!("{}, p.\u{a0}{page}", french::in_text(&source_text(c))))
            })
            .unwrap_or_default(),
        has_page: a.page.is_some(),
    }
}

/// « le 3 mars 2026 »
fn on(date: NaiveDate) -> String {
    format!("le {}", french::date(date))
}

/// What a candidate's source is and when it came: « Lettre datée du 2 mars
/// 2026, reçue le 3 mars 2026 », « Programme publié, non daté ».
pub fn source_text(c: &Candidate) -> String {
    let document = match c.kind {
        Received::Answer => "lettre",
        Received::Program => "programme publié,",
        Received::Nothing => "",
    };
    let text = match (c.kind, c.dated, c.received) {
        (Received::Nothing, ..) => "Pas de réponse".to_string(),
        (_, Some(d), Some(r)) => format!("{document} datée du {}, reçue {}", french::date(d), on(r)),
        (_, Some(d), None) => format!("{document} datée du {}", french::date(d)),
        (Received::Answer, None, Some(r)) => format!("lettre non datée, reçue {}", on(r)),
        (Received::Answer, None, None) => "lettre non datée".to_string(),
        (Received::Program, None, _) => "programme publié, non daté".to_string(),
    };
    capitalize(&text)
}

fn candidate_view(c: &Candidate) -> CandidateView {
    let civility = c.civility.abbreviation();
    let contact_text = [
        c.contacted.map(|d| format!("questionnaire adressé {}", on(d))),
        c.reminded.map(|d| format!("relance {}", on(d))),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    CandidateView {
        id: c.id.clone(),
        civility: civility.to_string(),
        name: c.name.clone(),
        full_name: c.civility.with_name(&c.name),
        role: c.role.clone(),
        role_in_text: french::in_text(&c.role),
        list: c.list.clone(),
        commune: c.commune.clone().unwrap_or_default(),
        is_national: c.commune.is_none(),
        kind_label: match c.kind {
            Received::Answer => "Réponse écrite",
            Received::Program => "Programme publié",
            Received::Nothing => "Pas de réponse",
        },
        // The template ends the sentence.
        nature: c.nature.trim_end_matches(['.', ' ']).to_string(),
        has_received: c.received.is_some(),
        received: c.received.map(french::date).unwrap_or_default(),
        source_text: source_text(c),
        has_contact_text: !contact_text.is_empty(),
        contact_text,
    }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// A candidate's answers, one per question, `absent` included, from the
/// candidate's answer `rows`. The answer's stance is the most precise of
/// its excerpts' (the rule the method note states).
fn answers(campaign: &Campaign, rows: &[Answer]) -> Vec<AnswerView> {
    question_refs(campaign)
        .into_iter()
        .map(|q| {
            let excerpts: Vec<&Answer> =
                rows.iter().filter(|a| a.question == q.id && a.stance != Stance::Absent).collect();
            let stance = excerpts.iter().map(|a| a.stance).max().unwrap_or(Stance::Absent);
            let mixed = excerpts.iter().any(|a| a.stance != stance);
            let excerpts = excerpts.into_iter().map(|a| excerpt(campaign, a, mixed)).collect();
            AnswerView { question: q, stance: stance.code(), stance_label: label(campaign, stance), excerpts }
        })
        .collect()
}

/// The window block: the postal address as La Poste reads it, or, without
/// one, the name, list and commune (the build warns that it cannot be posted).
fn recipient(c: &Candidate, view: &CandidateView) -> Vec<String> {
    if !c.address.is_empty()
        && let Ok(lines) = crate::postal::window(&view.full_name, &c.role, &c.address)
    {
        return lines;
    }
    let mut lines = vec![view.full_name.clone()];
    lines.extend(Some(c.role.clone()).filter(|r| !r.is_empty()));
    lines.push(format!("Liste « {} »", c.list));
    lines.extend(c.commune.clone());
    lines
}

/// The sender, the recipient and the appel of a document sent to `c`.
fn addressed(campaign: &Campaign, c: &Candidate, date: NaiveDate) -> Addressed {
    let candidate = candidate_view(c);
    Addressed { common: common(campaign, date), recipient: recipient(c, &candidate), appel: appel(c), candidate }
}

/// « Monsieur », « Madame » or « Madame, Monsieur », for `c`.
pub fn appel(c: &Candidate) -> String {
    match c.civility {
        Civility::Monsieur => "Monsieur",
        Civility::Madame => "Madame",
        Civility::Unknown => "Madame, Monsieur",
    }
    .to_string()
}

/// The view of one candidate's letter, from the candidate's answer `rows`.
pub fn letter(campaign: &Campaign, c: &Candidate, rows: &[Answer], date: NaiveDate) -> LetterView {
    let all = answers(campaign, rows);
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

    LetterView {
        to: addressed(campaign, c, date),
        reminder: c.kind == Received::Nothing,
        has_answered: !answered.is_empty(),
        answered,
        has_unanswered: !unanswered.is_empty() && c.kind != Received::Nothing,
        unanswered,
        has_follow_ups: !follow_ups.is_empty(),
        follow_ups,
        questions: question_refs(campaign),
    }
}

/// Everything `proof.typ.hbs` sees: a list's entry exactly as the briefing
/// prints it, sent to the list before publication.
#[derive(Debug, Clone, Serialize)]
pub struct ProofView {
    #[serde(flatten)]
    pub to: Addressed,
    /// Question by question, as in the briefing (the list's overview row
    /// and its entries).
    pub answers: Vec<AnswerView>,
    /// « 27 février 2026 », or empty when `campaign.toml` sets no deadline.
    pub deadline: String,
    pub has_deadline: bool,
}

/// The view of one list's proof, from its answer `rows`.
pub fn proof(campaign: &Campaign, c: &Candidate, rows: &[Answer], date: NaiveDate) -> ProofView {
    ProofView {
        to: addressed(campaign, c, date),
        answers: answers(campaign, rows),
        has_deadline: campaign.review_deadline.is_some(),
        deadline: campaign.review_deadline.map(french::date).unwrap_or_default(),
    }
}

/// The candidates of `commune` (`None`: the national ones), in alphabetical
/// order of list name.
pub fn lists_of<'a>(campaign: &'a Campaign, commune: Option<&str>) -> Vec<&'a Candidate> {
    let mut here: Vec<&Candidate> = campaign.candidates.iter().filter(|c| c.commune.as_deref() == commune).collect();
    here.sort_by_key(|c| (french::sort_key(&c.list), french::sort_key(&c.name)));
    here
}

/// « une liste », « 3 listes »
fn lists_count(n: usize) -> String {
    match n {
        1 => "une liste".to_string(),
        n => format!("{n}\u{a0}listes"),
    }
}

/// What the tables say of the campaign in `commune`, as the method note's
/// sentences: only what they back.
fn facts(answered: &[&Candidate], silent: &[&Candidate]) -> String {
    let all: Vec<&&Candidate> = answered.iter().chain(silent).collect();
    let mut text = String::new();
    let contacted: Vec<NaiveDate> = all.iter().filter_map(|c| c.contacted).collect();
    if !all.is_empty() && contacted.len() == all.len() {
        let (first, last) = (contacted.iter().min().copied(), contacted.iter().max().copied());
        let when = match (first, last) {
            (Some(a), Some(b)) if a == b => on(a),
            (Some(a), Some(b)) => format!("entre le {} et le {}", french::date(a), french::date(b)),
            _ => String::new(),
        };
        text.push_str(&format!(
            "Le questionnaire a été adressé {when} à {} de cette commune. ",
            lists_count(all.len())
        ));
    }
    let answered_text = match answered.len() {
        0 => "Aucune réponse écrite n’a été reçue".to_string(),
        1 => "Ce document cite la réponse écrite d’une liste".to_string(),
        n => format!("Ce document cite les réponses écrites de {n}\u{a0}listes"),
    };
    text.push_str(&answered_text);
    match silent.len() {
        0 => text.push('.'),
        1 => text.push_str("~; une liste n’a pas répondu à la date de ce document."),
        n => text.push_str(&format!("~; {n}\u{a0}listes n’ont pas répondu à la date de ce document.")),
    }
    text.replace("~;", "\u{202f};")
}

/// The view of one commune's briefing; `rows` gives each candidate's
/// answer rows.
pub fn briefing(campaign: &Campaign, commune: &str, rows: &Answers<'_>, date: NaiveDate) -> BriefingView {
    let rows = |c: &Candidate| rows.get(c.id.as_str()).map_or(&[][..], Vec::as_slice);
    let here = lists_of(campaign, Some(commune));
    let graded: Vec<&Candidate> = here.iter().copied().filter(|c| c.kind == Received::Answer).collect();
    let silent: Vec<&Candidate> = here.iter().copied().filter(|c| c.kind == Received::Nothing).collect();
    let national = national_programmes(campaign);
    let (apart, national_count) = (national.len() > NATIONAL_IN_BRIEFINGS, national.len());
    let quoted_here = if apart { Vec::new() } else { national };
    let programs = here.iter().copied().filter(|c| c.kind == Received::Program).chain(quoted_here);
    let lists: Vec<ListView> =
        graded.iter().map(|c| ListView { candidate: candidate_view(c), answers: answers(campaign, rows(c)) }).collect();
    let references: Vec<ReferenceView> = programs.map(|c| reference(campaign, c, rows(c))).collect();
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
                    stance_label: l.answers[i].stance_label.clone(),
                    excerpts: l.answers[i].excerpts.clone(),
                })
                .collect(),
        })
        .collect();
    let sources = lists.iter().map(|l| &l.candidate).chain(references.iter().map(|r| &r.candidate)).cloned().collect();
    let everyone_contacted = here.iter().filter(|c| c.kind != Received::Program).all(|c| c.contacted.is_some());
    let full_text = campaign.settings.publication.as_ref().is_some_and(|p| p.full_text);
    let annex: Vec<FullTextView> = if full_text {
        lists
            .iter()
            .map(|l| {
                let text = campaign.full_texts.get(&l.candidate.id);
                FullTextView {
                    candidate: l.candidate.clone(),
                    paragraphs: text.map(|t| crate::campaign::sources::paragraphs(t)).unwrap_or_default(),
                    has_text: text.is_some(),
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    BriefingView {
        common: common(campaign, date),
        commune: commune.to_string(),
        questions: question_refs(campaign),
        has_lists: !lists.is_empty(),
        many_lists: lists.len() > 1,
        lists,
        sections,
        facts: facts(&graded, &silent),
        has_non_respondents: !silent.is_empty(),
        all_contacted_answered: silent.is_empty() && everyone_contacted && !graded.is_empty(),
        non_respondents: silent.into_iter().map(candidate_view).collect(),
        has_references: !references.is_empty() || apart,
        has_quoted_references: !references.is_empty(),
        references,
        national_apart: if apart { format!("{national_count}\u{a0}programmes") } else { String::new() },
        has_national_apart: apart,
        sources,
        has_annex: !annex.is_empty(),
        annex,
    }
}

/// One document in a print file.
#[derive(Debug, Clone, Serialize)]
pub struct PrintEntry {
    /// The candidate and list, or the commune.
    pub title: String,
    /// The commune of a letter, or empty.
    pub detail: String,
    /// The document's PDF under the output folder, e.g. `letters/x.pdf`;
    /// in the print file's source, the path the world serves it under (see
    /// [`crate::layout::bound_file`]).
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

/// The view of a print file of `entries` (documents of `kind`: letters or
/// briefings), in order.
pub fn print(
    campaign: &Campaign,
    date: NaiveDate,
    kind: DocKind,
    volume: Volume,
    entries: Vec<PrintEntry>,
) -> PrintView {
    let letters = kind == DocKind::Letter;
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

/// The web edition's links, as its pages see them.
#[derive(Debug, Clone, Serialize)]
pub struct SiteLinks {
    /// The home page, from any page of the site.
    pub index: String,
    pub stylesheet: String,
    pub has_data: bool,
    /// Where the open data is presented.
    pub data: String,
    /// The open data's files, with what each holds.
    pub data_files: Vec<DataLink>,
    /// The data's licence, as `campaign.toml` names it, or empty.
    pub licence: String,
    /// The association's postal address, on one line, as the publisher's.
    pub publisher_address: String,
    /// Who hosts the site, as `[publication] host` says, or empty: the
    /// pages then say the mention is still to be completed.
    pub host: String,
    pub has_host: bool,
}

/// One file of the open data.
#[derive(Debug, Clone, Serialize)]
pub struct DataLink {
    pub name: String,
    pub href: String,
    pub what: String,
}

/// Everything `site/commune.html.hbs` sees: the briefing's view, and the
/// site's links.
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    #[serde(flatten)]
    pub briefing: BriefingView,
    pub site: SiteLinks,
}

/// One commune on the web edition's home page.
#[derive(Debug, Clone, Serialize)]
pub struct CommuneLink {
    pub name: String,
    pub href: String,
    /// « 2 listes ont répondu, 1 sans réponse »
    pub count: String,
}

/// Everything `site/index.html.hbs` sees.
#[derive(Debug, Clone, Serialize)]
pub struct IndexView {
    #[serde(flatten)]
    pub common: Common,
    pub questions: Vec<QuestionRef>,
    pub communes: Vec<CommuneLink>,
    pub site: SiteLinks,
}

/// The links of the web edition, whose pages all sit in one folder.
fn site_links(campaign: &Campaign) -> SiteLinks {
    let publication = campaign.settings.publication.as_ref();
    let host = publication.and_then(|p| p.host.clone()).unwrap_or_default();
    let data_file = |name: &str, what: &str| DataLink {
        name: name.to_string(),
        href: format!("{}/{name}", crate::layout::DATA),
        what: what.to_string(),
    };
    SiteLinks {
        index: "index.html".into(),
        stylesheet: "style.css".into(),
        has_data: true,
        data: "index.html#donnees".into(),
        data_files: vec![
            data_file(crate::data::ANSWERS_CSV, "les extraits, un par ligne (CSV, UTF-8)"),
            data_file(crate::data::ANSWERS_JSON, "les mêmes extraits, en JSON"),
            data_file(crate::data::QUESTIONS_CSV, "les questions posées (CSV, UTF-8)"),
            data_file(crate::data::README, "la description des champs et la licence"),
        ],
        licence: crate::data::licence(campaign),
        publisher_address: campaign.settings.association.address.join(", "),
        has_host: !host.is_empty(),
        host,
    }
}

/// A commune's page of the web edition, from its briefing's view.
pub fn page(briefing: BriefingView, campaign: &Campaign) -> PageView {
    PageView { briefing, site: site_links(campaign) }
}

/// The web edition's home page: every commune, with how many of its lists
/// answered.
pub fn index(campaign: &Campaign, date: NaiveDate) -> IndexView {
    let communes = campaign
        .communes()
        .into_iter()
        .map(|commune| {
            let lists: Vec<&Candidate> =
                lists_of(campaign, Some(commune)).into_iter().filter(|c| c.kind != Received::Program).collect();
            // What the tables say, and no more: other lists may stand that
            // the association did not write to.
            let answered = lists.iter().filter(|c| c.kind == Received::Answer).count();
            let silent = lists.len() - answered;
            let count = match (answered, silent) {
                (0, _) => "aucune réponse reçue".to_string(),
                (1, 0) => "1\u{a0}liste a répondu".to_string(),
                (n, 0) => format!("{n}\u{a0}listes ont répondu"),
                (1, m) => format!("1\u{a0}liste a répondu, {m} sans réponse"),
                (n, m) => format!("{n}\u{a0}listes ont répondu, {m} sans réponse"),
            };
            CommuneLink { name: commune.to_string(), href: crate::layout::page_href(commune), count }
        })
        .collect();
    IndexView {
        common: common(campaign, date),
        questions: question_refs(campaign),
        communes,
        site: site_links(campaign),
    }
}
