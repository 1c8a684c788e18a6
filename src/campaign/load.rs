//! Loading a campaign folder: read every input, check every rule, report all
//! problems at once.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use chrono::NaiveDate;
use rayon::prelude::*;

use super::quotes;
use super::review::{self, Quoted};
use super::table::{Columns, Grid, Place, Row, Table};
use super::{Answer, AnswerStore, Campaign, Candidate, Civility, Question, Received, SPILL_ABOVE, Settings, Stance};
use super::{words, workbook};
use crate::diag::{Problem, Problems};

/// The folder of a campaign that holds its inputs.
pub const INPUTS: &str = "inputs";

const QUESTION_COLUMNS: &[&str] = &["id", "title", "text"];
/// Words a question's answers may use that its text does not, for
/// `interpel draft`.
const QUESTION_OPTIONAL: &[&str] = &["keywords"];
const QUESTIONS: Columns<'static> = Columns { required: QUESTION_COLUMNS, optional: QUESTION_OPTIONAL };
const CANDIDATE_COLUMNS: &[&str] =
    &["id", "civility", "name", "role", "list", "commune", "address", "source", "kind", "received"];
/// Columns a campaign may leave out: what a programme is, the date on the
/// document, when the questionnaire and a reminder were sent.
const CANDIDATE_OPTIONAL: &[&str] = &["nature", "dated", "contacted", "reminded", "email"];
const ANSWER_COLUMNS: &[&str] = &["candidate", "question", "stance", "quote", "summary", "follow_up"];
/// A qualifier the source attaches to the excerpt; a note for staff, never
/// published (`interpel draft` says there why it proposed the row).
const ANSWER_OPTIONAL: &[&str] = &["context", "note"];
const CANDIDATES: Columns<'static> = Columns { required: CANDIDATE_COLUMNS, optional: CANDIDATE_OPTIONAL };
const ANSWERS: Columns<'static> = Columns { required: ANSWER_COLUMNS, optional: ANSWER_OPTIONAL };

/// The CSV files of a campaign's tables, in `inputs/`.
pub const CSV_FILES: [&str; 3] = ["questions.csv", "candidates.csv", "answers.csv"];

/// The settings and tables of a campaign as bytes, or why a file could not
/// be read.
pub struct InputFiles {
    pub settings: Result<Vec<u8>, String>,
    pub tables: TableFiles,
    /// `answers.draft.csv`, if the folder has one: rows `interpel draft`
    /// proposed, never published.
    pub draft: Option<Vec<u8>>,
}

/// The file `interpel draft` writes its proposed rows to, in `inputs/`.
pub const DRAFT: &str = "answers.draft.csv";

/// Where a campaign keeps its three tables.
pub enum TableFiles {
    /// `questions.csv`, `candidates.csv` and `answers.csv`.
    Csv { questions: Result<Vec<u8>, String>, candidates: Result<Vec<u8>, String>, answers: Result<Vec<u8>, String> },
    /// One workbook (`.ods`, `.xlsx`) whose sheets hold the three tables;
    /// `path` is relative to the campaign folder.
    Workbook { path: String, bytes: Result<Vec<u8>, String> },
    /// The folder does not say which tables to read: both kinds, or two
    /// workbooks.
    Unclear(Problem),
}

/// Where each of the three tables was read from.
#[derive(Debug, Clone)]
pub struct Places {
    pub questions: Place,
    pub candidates: Place,
    pub answers: Place,
}

/// Reads a file named relative to `inputs/` (a source text, an image).
pub type ReadInput<'a> = &'a (dyn Fn(&str) -> Result<Vec<u8>, String> + Sync);

/// Loads and validates the campaign in `dir`.
pub fn load(dir: &Path) -> Result<Campaign, Problems> {
    let read = |name: &str| std::fs::read(dir.join(INPUTS).join(name)).map_err(|e| format!("cannot read: {e}"));
    let tables = match workbook::find(&dir.join(INPUTS)) {
        Err(problem) => TableFiles::Unclear(problem),
        Ok(None) => TableFiles::Csv {
            questions: read(CSV_FILES[0]),
            candidates: read(CSV_FILES[1]),
            answers: read(CSV_FILES[2]),
        },
        Ok(Some(name)) => TableFiles::Workbook { path: format!("{INPUTS}/{name}"), bytes: read(&name) },
    };
    let files = InputFiles { settings: read("campaign.toml"), tables, draft: read(DRAFT).ok() };
    parse(&files, &|rel| read_inside_inputs(dir, rel))
}

/// The three tables, checked against their columns: from CSV files or from
/// the sheets of a workbook.
fn tables(files: &TableFiles, problems: &mut Problems, notes: &mut Vec<String>) -> [Option<Table>; 3] {
    let columns = [QUESTIONS, CANDIDATES, ANSWERS];
    match files {
        TableFiles::Csv { questions, candidates, answers } => {
            let files = [questions, candidates, answers];
            std::array::from_fn(|i| {
                let bytes = readable(CSV_FILES[i], files[i], problems)?;
                Table::parse(Place::csv(format!("{INPUTS}/{}", CSV_FILES[i])), bytes, columns[i], problems, notes)
            })
        }
        TableFiles::Workbook { path, bytes } => {
            let Some(bytes) = readable_at(path, bytes, problems) else { return [None, None, None] };
            let mut sheets = workbook::read(path, bytes, columns, problems);
            std::array::from_fn(|i| {
                let (name, grid): (String, Grid) = sheets[i].take()?;
                Table::from_grid(Place::sheet(path, name), grid, columns[i], problems)
            })
        }
        TableFiles::Unclear(problem) => {
            problems.push(problem.clone());
            [None, None, None]
        }
    }
}

/// Validates a campaign from its files: every problem of every file, with
/// its position. Pure but for `read`, which fetches source texts and images.
pub fn parse(files: &InputFiles, read: ReadInput<'_>) -> Result<Campaign, Problems> {
    let mut problems = Problems::default();
    let mut notes = Vec::new();
    let settings_bytes = readable("campaign.toml", &files.settings, &mut problems);
    let settings_text = settings_bytes.map(|b| String::from_utf8_lossy(b).into_owned());
    let settings = settings_text.as_deref().and_then(|t| parse_settings(t, &mut problems));
    let [questions, candidates, answers] = tables(&files.tables, &mut problems, &mut notes);
    let questions = questions.map(|t| parse_questions(t, &mut problems));
    let candidates = candidates.map(|t| parse_candidates(t, &mut problems));
    let answers = answers.map(|t| parse_answers(t, &mut problems));

    let (
        Some(settings),
        Some((questions, questions_at)),
        Some((candidates, candidates_at)),
        Some((answers, answers_at)),
    ) = (settings, questions, candidates, answers)
    else {
        return Err(problems);
    };
    let places = Places { questions: questions_at, candidates: candidates_at, answers: answers_at };

    check_stance_texts(&settings, &mut problems);
    let mut warnings = Vec::new();
    check_communes(&places.candidates, &candidates, &mut problems);
    check_mail(settings_text.as_deref().unwrap_or_default(), &settings, &places, &candidates, &mut problems);
    let mut answers = answers;
    check_answers(&places, &questions, &candidates, &mut answers, &mut problems);
    let keep = settings.publication.as_ref().is_some_and(|p| p.full_text);
    let (pages, full_texts) = verify_sources(read, &places, &candidates, &answers, keep, &mut problems, &mut warnings);
    for a in &mut answers {
        a.page = pages.get(&a.line).copied();
    }
    let images = load_images(read, &settings, &mut problems);
    let text = settings_text.unwrap_or_default();
    let date = settings.date.as_ref().and_then(|d| toml_date(&text, d, &mut problems));
    let forum_date = settings.forum.as_ref().and_then(|f| toml_date(&text, &f.date, &mut problems));
    let review_deadline = settings.review.as_ref().and_then(|r| toml_date(&text, &r.deadline, &mut problems));

    if !problems.is_empty() {
        return Err(problems);
    }
    review::settings(&settings, &mut warnings);
    review::candidates(&places, &candidates, &answers, &mut warnings);
    if let Some(bytes) = &files.draft {
        warnings.extend(draft_rows(bytes));
    }
    let (answers, kept_in_memory) = AnswerStore::new(answers, SPILL_ABOVE).map_err(|e| {
        Problems(vec![places.answers.file(format!(
            "cannot write the answers to a temporary file in {}: {e}; set TMPDIR to a folder with room",
            std::env::temp_dir().display()
        ))])
    })?;
    notes.extend(kept_in_memory);
    Ok(Campaign {
        settings,
        questions,
        candidates,
        answers,
        places,
        images,
        full_texts,
        date,
        forum_date,
        review_deadline,
        notes,
        warnings,
    })
}

/// The bytes of input `name`, or a problem saying why it could not be read.
fn readable<'f>(name: &str, file: &'f Result<Vec<u8>, String>, problems: &mut Problems) -> Option<&'f [u8]> {
    readable_at(&format!("{INPUTS}/{name}"), file, problems)
}

/// The bytes of the file at `path`, or a problem saying why it could not be read.
fn readable_at<'f>(path: &str, file: &'f Result<Vec<u8>, String>, problems: &mut Problems) -> Option<&'f [u8]> {
    match file {
        Ok(bytes) => Some(bytes),
        Err(message) => {
            problems.push(Problem::file(path, message.clone()));
            None
        }
    }
}

const SETTINGS: &str = "inputs/campaign.toml";

fn parse_settings(text: &str, problems: &mut Problems) -> Option<Settings> {
    if text.contains('\u{fffd}') {
        problems.push(Problem::file(SETTINGS, "this file is not UTF-8; save it again as UTF-8"));
        return None;
    }
    match toml::from_str::<Settings>(text) {
        Ok(settings) => Some(settings),
        Err(e) => {
            let line = e.span().map_or(1, |s| line_of(text, s.start));
            problems.push(Problem::at(SETTINGS, line, e.message().trim().to_string()));
            None
        }
    }
}

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> u64 {
    1 + text.as_bytes()[..offset.min(text.len())].iter().filter(|&&b| b == b'\n').count() as u64
}

fn toml_date(text: &str, value: &toml::Spanned<String>, problems: &mut Problems) -> Option<NaiveDate> {
    match words::date(value.get_ref()) {
        Ok(d) => Some(d),
        Err(message) => {
            problems.push(Problem::at(SETTINGS, line_of(text, value.span().start), message));
            None
        }
    }
}

/// An address of `[mail]`: a plain e-mail address.
fn toml_email(text: &str, key: &str, value: &toml::Spanned<String>, problems: &mut Problems) {
    let email = value.get_ref().trim();
    if !email.parse::<email_address::EmailAddress>().is_ok_and(|e| e.email() == email) {
        let message = format!("[mail] {key}: « {email} » is not an e-mail address (write it as nom@exemple.fr)");
        problems.push(Problem::at(SETTINGS, line_of(text, value.span().start), message));
    }
}

/// The letters go by e-mail to the candidates whose row gives an address:
/// `[mail]` must then say who they come from, with addresses that are ones.
fn check_mail(text: &str, settings: &Settings, places: &Places, candidates: &[Candidate], problems: &mut Problems) {
    match &settings.mail {
        Some(mail) => {
            toml_email(text, "from", &mail.from, problems);
            if let Some(reply_to) = &mail.reply_to {
                toml_email(text, "reply_to", reply_to, problems);
            }
        }
        None => {
            if let Some(c) = candidates.iter().find(|c| c.email.is_some()) {
                problems.push(Problem::file(
                    SETTINGS,
                    format!(
                        "{} gives e-mail addresses (line {} first): add a [mail] section with from = \"your address\" (and reply_to if answers go elsewhere) to send the letters by e-mail",
                        places.candidates.name(),
                        c.line
                    ),
                ));
            }
        }
    }
}

/// The longest question label: a short code people choose (« Q1 », « 1 »,
/// « prévention »).
const MAX_QUESTION_ID: usize = 40;

/// A question's id is any short label, unique whatever its case and accents.
fn check_question_id(
    table: &Table,
    row: &Row,
    id: &str,
    seen: &mut HashMap<String, (String, u64)>,
    problems: &mut Problems,
) {
    let for_what = "a question id is the label the answers use to name the question";
    let unit = table.place.unit();
    if id.is_empty() {
        problems.push(table.at(row, "id", format!("column « id » is empty: {for_what} (e.g. « Q1 »)")));
        return;
    }
    if id.chars().count() > MAX_QUESTION_ID {
        problems.push(table.at(
            row,
            "id",
            format!("question id « {id} » is longer than {MAX_QUESTION_ID} characters: {for_what}; keep it short (e.g. « Q1 »)"),
        ));
    }
    if let Some((first, line)) = seen.insert(words::fold(id), (id.to_string(), row.line)) {
        problems.push(table.at(
            row,
            "id",
            format!(
                "question id « {id} » is already used on {unit} {line} (« {first} »): {for_what}, so each must differ"
            ),
        ));
    }
}

/// A candidate's id is written as people write it (« Jeanne Martin »); its
/// file name is derived from it (`jeanne-martin`), and must be unique.
fn candidate_id(
    table: &Table,
    row: &Row,
    written: &str,
    seen: &mut HashMap<String, (String, u64)>,
    problems: &mut Problems,
) -> String {
    let id = crate::french::slug(written);
    let for_what = "a candidate's id names its letter and proof (letters/<id>.pdf) and is what the answers refer to";
    let unit = table.place.unit();
    if id.is_empty() {
        problems.push(table.at(
            row,
            "id",
            format!("id « {written} » has no letters or digits: {for_what}; write e.g. « jeanne-martin » or « Jeanne Martin »"),
        ));
    } else if id.len() > 64 {
        problems.push(table.at(row, "id", format!("id « {written} » is longer than 64 characters: {for_what}")));
    } else if let Some((first, line)) = seen.insert(id.clone(), (written.to_string(), row.line)) {
        let message = if first == written {
            format!("id « {written} » is already used on {unit} {line}: {for_what}, so each must differ")
        } else {
            format!(
                "ids « {written} » and « {first} » ({unit} {line}) both give the file name letters/{id}.pdf: {for_what}, so make them differ"
            )
        };
        problems.push(table.at(row, "id", message));
    }
    id
}

/// The longest text each column may hold: a printed page holds about
/// 3 500 characters, and beyond these lengths a document stops being
/// readable long before the compiler stops being fast.
fn max_chars(column: &str) -> usize {
    match column {
        "quote" => 50_000,
        "summary" | "follow_up" | "text" | "address" => 2_000,
        _ => 300,
    }
}

/// Checks the length of every text column of `row`.
fn check_lengths(table: &Table, row: &Row, columns: &[&str], problems: &mut Problems) {
    for column in columns {
        let n = table.get(row, column).chars().count();
        let max = max_chars(column);
        if n > max {
            problems.push(table.at(
                row,
                column,
                format!("column « {column} » holds {n} characters, more than the {max} a document can print legibly; shorten it"),
            ));
        }
    }
}

fn required(table: &Table, row: &Row, column: &str, problems: &mut Problems) -> String {
    let value = table.get(row, column).trim();
    if value.is_empty() {
        problems.push(table.at(row, column, format!("column « {column} » is empty")));
    }
    value.to_string()
}

fn parse_questions(table: Table, problems: &mut Problems) -> (Vec<Question>, Place) {
    let mut seen = HashMap::new();
    let mut questions = Vec::new();
    for row in &table.rows {
        check_lengths(&table, row, QUESTION_COLUMNS, problems);
        let id = table.get(row, "id").trim().to_string();
        check_question_id(&table, row, &id, &mut seen, problems);
        let title = required(&table, row, "title", problems);
        let text = required(&table, row, "text", problems);
        let keywords = table.get(row, "keywords").trim().to_string();
        questions.push(Question { id, title, text, keywords });
    }
    if table.rows.is_empty() {
        problems.push(table.place.file("no questions: add one row per question"));
    }
    (questions, table.place)
}

fn parse_candidates(table: Table, problems: &mut Problems) -> (Vec<Candidate>, Place) {
    let mut seen = HashMap::new();
    let mut candidates = Vec::new();
    for row in &table.rows {
        check_lengths(&table, row, CANDIDATE_COLUMNS, problems);
        let id = candidate_id(&table, row, table.get(row, "id").trim(), &mut seen, problems);
        let civility = match words::civility(table.get(row, "civility")) {
            Some(c) => c,
            None => {
                problems.push(table.at(
                    row,
                    "civility",
                    format!(
                        "civility « {} » is unknown: write « M. » (« Monsieur »), « Mme » (« Madame ») or leave it empty",
                        table.get(row, "civility").trim()
                    ),
                ));
                Civility::Unknown
            }
        };
        let kind = match words::kind(table.get(row, "kind")) {
            Some(k) => k,
            None => {
                let other = table.get(row, "kind").trim();
                problems.push(table.at(
                    row,
                    "kind",
                    format!("kind « {other} » is unknown: write {}", words::KIND_WORDS),
                ));
                // Read on as a letter, so that its answers raise no further,
                // misleading problems.
                Received::Answer
            }
        };
        let mut date = |column| table_date(&table, row, column, problems);
        let (received, dated, contacted, reminded) =
            (date("received"), date("dated"), date("contacted"), date("reminded"));
        if table.get(row, "commune").trim().is_empty() && kind != Received::Program {
            problems.push(table.at(
                row,
                "commune",
                "column « commune » is empty: a list stands in a commune (only a programme, kind program, may be national)",
            ));
        }
        let nature = table.get(row, "nature").trim().to_string();
        if !nature.is_empty() && kind != Received::Program {
            problems.push(table.at(
                row,
                "nature",
                "column « nature » says what a programme is; this candidate's kind is not program: leave it empty",
            ));
        }
        let source = table.get(row, "source").trim();
        let commune = table.get(row, "commune").trim();
        let address: Vec<String> =
            table.get(row, "address").lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect();
        if !address.is_empty() {
            // The window holds the name as the letter prints it.
            let name = civility.with_name(table.get(row, "name").trim());
            if let Err(e) = crate::postal::window(&name, "", &address) {
                problems.push(table.at(row, "address", format!("column « address »: {e}")));
            }
        }
        let email = table.get(row, "email").trim();
        if !email.is_empty() && !email.parse::<email_address::EmailAddress>().is_ok_and(|e| e.email() == email) {
            problems.push(table.at(
                row,
                "email",
                format!(
                    "column « email »: « {email} » is not an e-mail address (write it as nom@exemple.fr, nothing else)"
                ),
            ));
        }
        candidates.push(Candidate {
            email: (!email.is_empty()).then(|| email.to_string()),
            civility,
            name: required(&table, row, "name", problems),
            role: table.get(row, "role").trim().to_string(),
            list: required(&table, row, "list", problems),
            commune: (!commune.is_empty()).then(|| commune.to_string()),
            address,
            source: (!source.is_empty()).then(|| source.to_string()),
            kind,
            received,
            nature,
            dated,
            contacted,
            reminded,
            line: row.line,
            id,
        });
    }
    (candidates, table.place)
}

fn parse_answers(mut table: Table, problems: &mut Problems) -> (Vec<Answer>, Place) {
    let mut answers = Vec::with_capacity(table.rows.len());
    // The cells are moved out of the table, not copied: answers are most of
    // a campaign's bytes (13 MB for 10 000 letters).
    for mut row in std::mem::take(&mut table.rows) {
        check_lengths(&table, &row, ANSWER_COLUMNS, problems);
        // Empty is a programme's excerpt; a letter's must have a stance
        // (see check_answers, which knows the candidate's kind).
        let stance = match words::stance(table.get(&row, "stance")) {
            Some(stance) => stance,
            None => {
                let other = table.get(&row, "stance").trim();
                problems.push(table.at(
                    &row,
                    "stance",
                    format!("stance « {other} » is unknown: write {}", words::STANCE_WORDS),
                ));
                Stance::Absent
            }
        };
        let quote = table.take(&mut row, "quote");
        let summary = table.take(&mut row, "summary");
        if stance != Stance::Absent && quote.is_empty() {
            problems.push(table.at(&row, "quote", "column « quote » is empty; only an absent stance has no quote"));
        }
        if stance != Stance::Absent && summary.is_empty() {
            problems.push(table.at(
                &row,
                "summary",
                "column « summary » is empty; only an absent stance has no summary",
            ));
        }
        answers.push(Answer {
            candidate: table.take(&mut row, "candidate"),
            question: table.take(&mut row, "question"),
            stance,
            quote,
            summary,
            follow_up: table.take(&mut row, "follow_up"),
            context: table.take(&mut row, "context"),
            line: row.line,
            page: None,
        });
    }
    (answers, table.place)
}

/// The campaign's stance labels must tell the stances apart.
fn check_stance_texts(settings: &Settings, problems: &mut Problems) {
    let labels: Vec<&str> =
        [Stance::Commitment, Stance::Intent, Stance::Absent].iter().map(|&s| settings.stances.of(s).0.trim()).collect();
    if labels.iter().any(|l| l.is_empty()) {
        problems.push(Problem::file(SETTINGS, "a stance label in [stances] is empty: every stance needs a label"));
    } else if labels[0] == labels[1] || labels[1] == labels[2] || labels[0] == labels[2] {
        problems.push(Problem::file(
            SETTINGS,
            format!(
                "the stance labels in [stances] must differ, or readers cannot tell them apart: {}",
                labels.join(", ")
            ),
        ));
    }
}

/// Two communes must not share a file name.
fn check_communes(place: &Place, candidates: &[Candidate], problems: &mut Problems) {
    let unit = place.unit();
    let mut by_slug: HashMap<String, &Candidate> = HashMap::new();
    for c in candidates {
        let Some(commune) = &c.commune else { continue };
        let slug = crate::french::slug(commune);
        if slug.is_empty() {
            problems.push(
                place.at(c.line, format!("commune « {commune} » has no letters or digits to name its briefing file")),
            );
            continue;
        }
        match by_slug.get(&slug) {
            Some(other) if other.commune.as_deref() != Some(commune) => problems.push(place.at(
                c.line,
                format!(
                    "commune « {commune} » and « {} » ({unit} {}) would both be written to briefings/{slug}.pdf; spell them the same way",
                    other.commune.as_deref().unwrap_or_default(),
                    other.line
                ),
            )),
            Some(_) => {}
            None => {
                by_slug.insert(slug, c);
            }
        }
    }
}

/// The known id closest to `unknown`, for « did you mean » hints.
fn closest<'a>(unknown: &str, known: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    known
        .map(|k| (strsim::levenshtein(unknown, k), k))
        .filter(|(d, k)| *d <= (k.len().max(unknown.len()) / 2).max(2))
        .min()
        .map(|(_, k)| k)
}

fn unknown_id(what: &str, id: &str, known: &[&str]) -> String {
    match closest(id, known.iter().copied()) {
        Some(k) => format!("unknown {what} « {id} »; did you mean « {k} »?"),
        None => format!("unknown {what} « {id} »; known: {}", known.join(", ")),
    }
}

/// Every answer names a known candidate and question, as people write
/// them (« Jeanne Martin » for `jeanne-martin`, « q1 » for « Q1 »); each
/// is rewritten to the id it names.
fn check_answers(
    places: &Places,
    questions: &[Question],
    candidates: &[Candidate],
    answers: &mut [Answer],
    problems: &mut Problems,
) {
    let at = &places.answers;
    let candidates_table = places.candidates.name();
    let question_ids: Vec<&str> = questions.iter().map(|q| q.id.as_str()).collect();
    let by_label: HashMap<String, &str> = questions.iter().map(|q| (words::fold(&q.id), q.id.as_str())).collect();
    let candidate_ids: Vec<&str> = candidates.iter().map(|c| c.id.as_str()).collect();
    let by_id: HashMap<&str, &Candidate> = candidates.iter().map(|c| (c.id.as_str(), c)).collect();
    for a in answers.iter_mut() {
        let slug = crate::french::slug(&a.candidate);
        if by_id.contains_key(slug.as_str()) {
            a.candidate = slug;
        }
        if let Some(id) = by_label.get(&words::fold(&a.question)) {
            a.question = id.to_string();
        }
        match by_id.get(a.candidate.as_str()) {
            None => problems.push(at.at(a.line, unknown_id("candidate", &a.candidate, &candidate_ids))),
            Some(c) if c.kind == Received::Nothing => problems.push(at.at(
                a.line,
                format!(
                    "candidate « {} » has kind none (no answer received) in {candidates_table} but has answers here",
                    c.id
                ),
            )),
            Some(c) if c.kind == Received::Program && a.stance != Stance::Ungraded => problems.push(at.at(
                a.line,
                format!(
                    "candidate « {} » is a programme (kind program): a programme is quoted for information, never graded; leave the stance empty",
                    c.id
                ),
            )),
            Some(c) if c.kind == Received::Program && !a.follow_up.is_empty() => problems.push(at.at(
                a.line,
                format!("candidate « {} » is a programme (kind program): no letter is sent to it, so leave follow_up empty", c.id),
            )),
            Some(c) if c.kind != Received::Program && a.stance == Stance::Ungraded => problems.push(at.at(
                a.line,
                "column « stance » is empty: write commitment, intent or absent (only a programme's excerpts have none)",
            )),
            Some(_) => {}
        }
        if !question_ids.contains(&a.question.as_str()) {
            problems.push(at.at(a.line, unknown_id("question", &a.question, &question_ids)));
        }
    }
}

/// Reads each candidate's source text and verifies their quotes against it;
/// a quote needs a source. The texts are not kept: nothing prints them.
/// Returns the page each quote starts on, by its line, for the sources in
/// pages.
fn verify_sources(
    read: ReadInput<'_>,
    places: &Places,
    candidates: &[Candidate],
    answers: &[Answer],
    keep: bool,
    problems: &mut Problems,
    warnings: &mut Vec<Problem>,
) -> (HashMap<u64, u32>, BTreeMap<String, String>) {
    let mut quoted: HashMap<&str, Vec<&Answer>> = HashMap::new();
    for a in answers.iter().filter(|a| !a.quote.is_empty()) {
        quoted.entry(a.candidate.as_str()).or_default().push(a);
    }
    // Each source is read and checked on its own (on every core: a
    // federation's campaign has thousands), its findings gathered in order.
    type Checked = (Problems, Vec<Problem>, Option<Quoted>, Option<String>);
    let checked: Vec<Checked> = candidates
        .par_iter()
        .map(|c| {
            let (mut problems, mut warnings) = (Problems::default(), Vec::new());
            let quotes = quoted.get(c.id.as_str()).map_or(&[][..], Vec::as_slice);
            let keep = keep && c.kind == Received::Answer;
            let (found, text) = verify_source(read, places, c, quotes, keep, &mut problems, &mut warnings);
            (problems, warnings, found, text)
        })
        .collect();
    let (mut shares, mut pages, mut texts) = (HashMap::new(), HashMap::new(), BTreeMap::new());
    for (c, (p, w, found, text)) in candidates.iter().zip(checked) {
        problems.0.extend(p.0);
        warnings.extend(w);
        if let Some(q) = found {
            pages.extend(q.pages.iter().copied());
            shares.insert(c.id.clone(), q);
        }
        if let Some(text) = text {
            texts.insert(c.id.clone(), text);
        } else if keep && c.kind == Received::Answer && c.source.is_none() {
            warnings.push(places.candidates.at(
                c.line,
                format!(
                    "« {} » answered but has no source: [publication] full_text publishes every answer's text, and the annex can only say that this one's is not available",
                    c.id
                ),
            ));
        }
    }
    review::shares(places, candidates, &shares, warnings);
    (pages, texts)
}

/// Reads candidate `c`'s source text and verifies their `quotes` against it:
/// where each one is, when all are found; and the text, if `keep`.
fn verify_source(
    read: ReadInput<'_>,
    places: &Places,
    c: &Candidate,
    quotes: &[&Answer],
    keep: bool,
    problems: &mut Problems,
    warnings: &mut Vec<Problem>,
) -> (Option<Quoted>, Option<String>) {
    let at = &places.candidates;
    let Some(source) = &c.source else {
        if !quotes.is_empty() {
            problems.push(at.at(
                c.line,
                format!(
                    "candidate « {} » has quotes in {} but no source: give the path of the text they come from",
                    c.id,
                    places.answers.name()
                ),
            ));
        }
        return (None, None);
    };
    // Read for each candidate and dropped at once (unless published): the
    // texts of a national campaign would weigh on memory for nothing.
    match read(source).map(|bytes| super::sources::text(source, &bytes)) {
        Ok(Ok(text)) if text.len() > quotes::LONGEST => {
            problems.push(at.at(c.line, format!("source « {source} » is over 4 GB: that is not a letter")));
            (None, None)
        }
        Ok(Ok(text)) => {
            let found = verify_quotes(&places.answers, source, &text, quotes, problems).map(|mut found| {
                review::quotes(&places.answers, &text, quotes, &mut found, warnings);
                found
            });
            (found, keep.then_some(text))
        }
        Ok(Err(why)) => {
            problems.push(at.at(c.line, format!("source « {source} » {why}")));
            (None, None)
        }
        Err(message) => {
            problems.push(at.at(c.line, format!("source « {source} »: {message}")));
            (None, None)
        }
    }
}

/// Every quote of a candidate must occur in their source; where each one
/// is, when all are found.
fn verify_quotes(
    place: &Place,
    source: &str,
    text: &str,
    answers: &[&Answer],
    problems: &mut Problems,
) -> Option<Quoted> {
    let mut quoted = Quoted::default();
    // Pages are separated by form feeds, as PDFs are read.
    let paged = text.contains('\u{c}');
    if answers.is_empty() {
        // Nothing to look for: the source is not folded.
        return Some(quoted);
    }
    let folded = quotes::fold(text);
    let mut all_found = true;
    for a in answers {
        let folded = &folded;
        match quotes::find(&a.quote, folded, text) {
            Ok(spans) => {
                if let Some(first) = spans.first().filter(|_| paged) {
                    let page = 1 + text.as_bytes()[..first.start].iter().filter(|&&b| b == b'\x0c').count();
                    quoted.pages.push((a.line, page as u32));
                }
                quoted.quotes.push((a.line, a.question.clone(), spans));
                continue;
            }
            Err(mismatch) => {
                all_found = false;
                report_mismatch(place, source, a, mismatch, problems);
            }
        }
    }
    all_found.then_some(quoted)
}

/// A quote not found in its source, with the closest passage.
fn report_mismatch(place: &Place, source: &str, a: &Answer, mismatch: quotes::Mismatch, problems: &mut Problems) {
    let mut message = format!(
        "column « quote »: this quote is not in {INPUTS}/{source} (white space, line breaks, hyphens and quote marks aside): « {} »",
        quotes::excerpt(&a.quote, 160)
    );
    match mismatch.closest {
        Some(passage) => message.push_str(&format!(
            "; the closest passage ({INPUTS}/{source}:{}) reads: « {} »",
            mismatch.line,
            quotes::excerpt(&passage, 160)
        )),
        None => message.push_str("; nothing in the source resembles it"),
    }
    problems.push(place.at(a.line, message));
}

/// An optional date column of `row`, as a person types it, or empty.
fn table_date(table: &Table, row: &Row, column: &str, problems: &mut Problems) -> Option<NaiveDate> {
    match table.get(row, column).trim() {
        "" => None,
        text => words::date(text)
            .map_err(|message| problems.push(table.at(row, column, format!("column « {column} »: {message}"))))
            .ok(),
    }
}

/// Reads the signature and the logo, if set.
fn load_images(read: ReadInput<'_>, settings: &Settings, problems: &mut Problems) -> BTreeMap<String, Vec<u8>> {
    let mut images = BTreeMap::new();
    let a = &settings.association;
    for (key, value) in [("signature", &a.signature), ("logo", &a.logo)] {
        let Some(value) = value else { continue };
        let path = value.get_ref();
        let lower = path.to_lowercase();
        if ![".png", ".jpg", ".jpeg", ".svg"].iter().any(|ext| lower.ends_with(ext)) {
            problems
                .push(Problem::file(SETTINGS, format!("association.{key} « {path} » must be a PNG, JPEG or SVG file")));
            continue;
        }
        match read(path).and_then(|bytes| check_image(&bytes).map(|()| bytes)) {
            Ok(bytes) => {
                images.insert(path.clone(), bytes);
            }
            Err(message) => problems.push(Problem::file(SETTINGS, format!("association.{key} « {path} »: {message}"))),
        }
    }
    images
}

/// The image is a PNG, a JPEG or an SVG that typst can decode, whatever its
/// name says: decoded now, a broken logo is an error in campaign.toml
/// rather than in every letter.
fn check_image(bytes: &[u8]) -> Result<(), String> {
    use typst::foundations::Bytes;
    use typst::visualize::{ExchangeFormat, ImageFormat, RasterFormat, RasterImage, SvgImage, VectorFormat};
    match ImageFormat::detect(bytes) {
        Some(ImageFormat::Raster(RasterFormat::Exchange(format @ (ExchangeFormat::Png | ExchangeFormat::Jpg)))) => {
            RasterImage::plain(Bytes::new(bytes.to_vec()), format)
                .map(|_| ())
                .map_err(|e| format!("is not a readable PNG or JPEG image ({e})"))
        }
        Some(ImageFormat::Vector(VectorFormat::Svg)) => SvgImage::new(Bytes::new(bytes.to_vec()))
            .map(|_| ())
            .map_err(|_| "is not a readable SVG image: open it in a browser to see what is wrong".into()),
        _ => Err("is not a PNG, JPEG or SVG image, whatever its name says: export it again as PNG".into()),
    }
}

/// The columns `interpel draft` writes: those of `answers.csv`, then its
/// note.
pub const DRAFT_COLUMNS: [&str; 8] =
    ["candidate", "question", "stance", "quote", "summary", "follow_up", "context", "note"];

/// `answers.draft.csv` as read back, however a spreadsheet saved it again
/// (UTF-8 with or without a byte order mark, Windows-1252, commas or
/// semicolons): its header as written, the draft column each header cell
/// names (`None` for one it does not know), and its rows with their line.
pub struct DraftFile {
    pub header: Vec<String>,
    pub columns: Vec<Option<&'static str>>,
    pub rows: Vec<(u64, Vec<String>)>,
}

impl DraftFile {
    /// Reads the draft file's bytes; an error says why not, with its line.
    pub fn read(bytes: &[u8]) -> Result<DraftFile, String> {
        let path = format!("{INPUTS}/{DRAFT}");
        let (text, _) = super::decode::text(&path, bytes).map_err(|p| p.message)?;
        let (separator, _) = super::decode::separator(&path, &text, &DRAFT_COLUMNS);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(separator)
            .flexible(true)
            .has_headers(false)
            .from_reader(text.as_bytes());
        let mut records = reader.records();
        let header: Vec<String> = match records.next() {
            Some(Ok(h)) => h.iter().map(|f| f.trim().to_string()).collect(),
            Some(Err(e)) => return Err(format!("line 1: {e}")),
            None => Vec::new(),
        };
        let columns = header.iter().map(|h| words::column(h, &DRAFT_COLUMNS)).collect();
        let mut rows = Vec::new();
        for record in records {
            let record = record.map_err(|e| match e.position() {
                Some(at) => format!("line {}: {e}", at.line()),
                None => e.to_string(),
            })?;
            let line = record.position().map_or(0, |p| p.line());
            if record.iter().any(|f| !f.trim().is_empty()) {
                rows.push((line, record.iter().map(String::from).collect()));
            }
        }
        Ok(DraftFile { header, columns, rows })
    }

    /// The value of `column` in `row`, trimmed, or empty.
    pub fn get<'r>(&self, row: &'r [String], column: &str) -> &'r str {
        self.columns.iter().position(|c| *c == Some(column)).and_then(|i| row.get(i)).map_or("", |f| f.trim())
    }

    /// The candidates the draft has rows for, in order, each once.
    pub fn candidates(&self) -> Vec<&str> {
        let mut seen: Vec<&str> = Vec::new();
        for (_, row) in &self.rows {
            let id = self.get(row, "candidate");
            if !seen.contains(&id) {
                seen.push(id);
            }
        }
        seen
    }
}

/// A reminder that `answers.draft.csv`'s rows are not published, naming
/// the candidates they are for; nothing when it has no rows.
fn draft_rows(bytes: &[u8]) -> Option<Problem> {
    let at = format!("{INPUTS}/{DRAFT}");
    let draft = match DraftFile::read(bytes) {
        Ok(draft) => draft,
        Err(why) => {
            return Some(Problem::file(at, format!("cannot be read ({why}); its rows are not published anyway")));
        }
    };
    let rows = draft.rows.len();
    let candidates = draft.candidates();
    (rows > 0).then(|| {
        let candidates: Vec<&str> = candidates.into_iter().filter(|c| !c.is_empty()).collect();
        let named = match candidates.len() {
            0 => String::new(),
            n if n > 5 => format!(" ({} and {} more)", candidates[..5].join(", "), n - 5),
            _ => format!(" ({})", candidates.join(", ")),
        };
        Problem::file(
            at,
            format!(
                "{rows} proposed row{} of a draft{named} {} not published: keep, cut or delete them, write each kept row's summary and move it into answers.csv",
                if rows == 1 { "" } else { "s" },
                if rows == 1 { "is" } else { "are" }
            ),
        )
    })
}

/// Reads a source named relative to `inputs/` (a letter as a PDF, a DOCX…)
/// and takes its text out, as the quote check sees it.
pub fn source_text(dir: &Path, rel: &str) -> Result<String, String> {
    let bytes = read_inside_inputs(dir, rel)?;
    super::sources::text(rel, &bytes)
}

/// Reads a file named relative to `inputs/`, refusing paths that leave it.
fn read_inside_inputs(dir: &Path, rel: &str) -> Result<Vec<u8>, String> {
    let path = Path::new(rel);
    let plain = path.components().all(|c| matches!(c, std::path::Component::Normal(_)));
    if !plain {
        return Err("must be a path inside inputs/, such as letters/name.txt".into());
    }
    let inputs = dir.join(INPUTS);
    let full = inputs.join(path);
    let missing = || format!("no such file: {INPUTS}/{rel}");
    // Symbolic links must not lead outside the campaign either. A path of
    // plain names with no link among them stays inside inputs/; one with a
    // link is resolved whole (the usual path, without links, takes one
    // call per name under inputs/ instead of one per name from the root).
    let mut walked = inputs.clone();
    let mut linked = false;
    for name in path.components() {
        walked.push(name);
        match walked.symlink_metadata() {
            Ok(m) if m.file_type().is_symlink() => {
                linked = true;
                break;
            }
            Ok(_) => {}
            Err(_) => return Err(missing()),
        }
    }
    if linked {
        match (full.canonicalize(), inputs.canonicalize()) {
            (Ok(real), Ok(root)) if real.starts_with(&root) => {}
            (Ok(_), Ok(_)) => return Err("leads outside inputs/".into()),
            (Err(_), _) | (_, Err(_)) => return Err(missing()),
        }
    }
    std::fs::read(&full).map_err(|e| format!("cannot read {INPUTS}/{rel}: {e}"))
}
