//! The words a person types in the tables, in English or in French: column
//! names, the codes of stances, kinds and civilities, and dates as a French
//! spreadsheet writes them.
//!
//! Everything is compared folded: case, accents, surrounding spaces and a
//! final full stop aside (« Non abordé », « non aborde », « NON ABORDÉ. »).

use chrono::NaiveDate;

use super::{Civility, Received, Stance};

/// `text` folded for comparison: ASCII, lowercase, single spaces, no final
/// full stop; `_` and `-` read as spaces.
pub fn fold(text: &str) -> String {
    let ascii = deunicode::deunicode(text).to_lowercase();
    let spaced: String = ascii.chars().map(|c| if matches!(c, '_' | '-') { ' ' } else { c }).collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ").trim_end_matches('.').trim().to_string()
}

/// The column a header cell names, English or French, among `columns`.
pub fn column<'c>(header: &str, columns: &[&'c str]) -> Option<&'c str> {
    let folded = fold(header);
    columns.iter().copied().find(|c| fold(c) == folded || ALIASES.iter().any(|(a, to)| to == c && *a == folded))
}

/// The French name a workbook written by interpel gives each column.
pub const FRENCH_HEADERS: &[(&str, &str)] = &[
    ("id", "identifiant"),
    ("title", "titre"),
    ("text", "texte"),
    ("civility", "civilité"),
    ("name", "nom"),
    ("role", "fonction"),
    ("list", "liste"),
    ("commune", "commune"),
    ("address", "adresse"),
    ("source", "source"),
    ("kind", "type de réponse"),
    ("received", "reçu le"),
    ("nature", "nature"),
    ("dated", "date du document"),
    ("contacted", "envoyé le"),
    ("reminded", "relancé le"),
    ("email", "courriel"),
    ("candidate", "candidat"),
    ("question", "question"),
    ("stance", "position"),
    ("quote", "citation"),
    ("summary", "résumé"),
    ("follow_up", "question de suivi"),
    ("context", "précision"),
    ("keywords", "mots-clés"),
    ("note", "note"),
];

/// The columns that hold dates.
pub const DATE_COLUMNS: &[&str] = &["received", "dated", "contacted", "reminded"];

/// French names of columns, folded, and the column each stands for.
const ALIASES: &[(&str, &str)] = &[
    ("identifiant", "id"),
    ("titre", "title"),
    ("texte", "text"),
    ("libelle", "text"),
    ("civilite", "civility"),
    ("nom", "name"),
    ("role", "role"),
    ("fonction", "role"),
    ("liste", "list"),
    ("adresse", "address"),
    ("type", "kind"),
    ("type de reponse", "kind"),
    ("recu", "received"),
    ("recu le", "received"),
    ("date de reception", "received"),
    ("date du document", "dated"),
    ("date", "dated"),
    ("contacte", "contacted"),
    ("contacte le", "contacted"),
    ("envoye le", "contacted"),
    ("date d'envoi", "contacted"),
    ("relance le", "reminded"),
    ("date de relance", "reminded"),
    ("courriel", "email"),
    ("e mail", "email"),
    ("mail", "email"),
    ("adresse electronique", "email"),
    ("candidat", "candidate"),
    ("candidature", "candidate"),
    ("position", "stance"),
    ("mention", "stance"),
    ("citation", "quote"),
    ("extrait", "quote"),
    ("resume", "summary"),
    ("question de suivi", "follow_up"),
    ("relance", "follow_up"),
    ("contexte", "context"),
    ("precision", "context"),
    ("mots cles", "keywords"),
    ("mots clefs", "keywords"),
    ("remarque", "note"),
];

/// A stance as typed, or `None` when no word matches. Empty is an
/// ungraded (programme) excerpt.
pub fn stance(text: &str) -> Option<Stance> {
    match fold(text).as_str() {
        "" => Some(Stance::Ungraded),
        "commitment" | "engagement" | "engagement precis" | "precis" => Some(Stance::Commitment),
        "intent" | "orientation" | "orientation generale" | "intention" => Some(Stance::Intent),
        "absent" | "non aborde" | "non abordee" | "pas aborde" => Some(Stance::Absent),
        _ => None,
    }
}

/// The words the message about an unknown stance suggests.
pub const STANCE_WORDS: &str = "commitment (« engagement »), intent (« orientation ») or absent (« non abordé »)";

/// A kind of answer as typed.
pub fn kind(text: &str) -> Option<Received> {
    match fold(text).as_str() {
        "letter" | "lettre" | "reponse" | "reponse ecrite" => Some(Received::Answer),
        "program" | "programme" | "programme publie" => Some(Received::Program),
        "none" | "sans reponse" | "pas de reponse" | "aucune reponse" | "aucune" => Some(Received::Nothing),
        _ => None,
    }
}

/// The words the message about an unknown kind suggests.
pub const KIND_WORDS: &str = "letter (« lettre »), program (« programme ») or none (« sans réponse »)";

/// A civility as typed.
pub fn civility(text: &str) -> Option<Civility> {
    match fold(text).as_str() {
        "" => Some(Civility::Unknown),
        "m" | "mr" | "monsieur" => Some(Civility::Monsieur),
        "mme" | "madame" | "mlle" | "mademoiselle" => Some(Civility::Madame),
        _ => None,
    }
}

/// A date as typed: `2026-03-03`, `03/03/2026`, `3/3/2026` (day first, as
/// in France), with `/`, `.` or `-`; or why it is not one, with how to
/// write it.
pub fn date(text: &str) -> Result<NaiveDate, String> {
    let text = text.trim();
    const HOW: &str = "write it as 03/03/2026 (day/month/year) or 2026-03-03";
    let parts: Vec<&str> = text.split(['/', '.', '-']).map(str::trim).collect();
    let numbers: Option<Vec<u32>> = parts.iter().map(|p| p.parse::<u32>().ok()).collect();
    let (Some(numbers), 3) = (numbers, parts.len()) else {
        return Err(format!("« {text} » is not a date: {HOW}"));
    };
    let (year, month, day) = match (parts[0].len(), parts[2].len()) {
        (4, 1..=2) => (numbers[0], numbers[1], numbers[2]),
        (1..=2, 4) => (numbers[2], numbers[1], numbers[0]),
        (1..=2, 1..=2) => {
            return Err(format!("« {text} » is ambiguous: its year has two digits; {HOW}"));
        }
        _ => return Err(format!("« {text} » is not a date: {HOW}")),
    };
    NaiveDate::from_ymd_opt(year as i32, month, day).ok_or_else(|| {
        format!("« {text} » is not a day of the calendar (day {day}, month {month}, year {year}); {HOW}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_headers_read_back() {
        for (column, french) in FRENCH_HEADERS {
            assert_eq!(self::column(french, &[column]), Some(*column), "{french}");
        }
    }

    #[test]
    fn french_and_english_words_for_codes() {
        for (typed, expected) in [
            ("commitment", Stance::Commitment),
            ("Engagement précis", Stance::Commitment),
            (" ENGAGEMENT ", Stance::Commitment),
            ("orientation générale", Stance::Intent),
            ("Non abordé", Stance::Absent),
            ("", Stance::Ungraded),
        ] {
            assert_eq!(stance(typed), Some(expected), "{typed}");
        }
        assert_eq!(stance("promesse"), None);
        assert_eq!(kind("Lettre"), Some(Received::Answer));
        assert_eq!(kind("Sans réponse"), Some(Received::Nothing));
        assert_eq!(kind("programme"), Some(Received::Program));
        assert_eq!(kind("courrier"), None);
        assert_eq!(civility("Madame"), Some(Civility::Madame));
        assert_eq!(civility("M."), Some(Civility::Monsieur));
        assert_eq!(civility("M"), Some(Civility::Monsieur));
        assert_eq!(civility("Sir"), None);
    }

    #[test]
    fn dates_as_a_french_spreadsheet_writes_them() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 3).unwrap();
        for typed in ["2026-03-03", "03/03/2026", "3/3/2026", "3.3.2026", "03-03-2026", " 2026/3/3 "] {
            assert_eq!(date(typed), Ok(d), "{typed}");
        }
        assert!(date("3/3/26").unwrap_err().contains("ambiguous"));
        assert!(date("31/02/2026").unwrap_err().contains("not a day of the calendar"));
        assert!(date("3 mars").unwrap_err().contains("03/03/2026"));
    }

    #[test]
    fn french_column_names() {
        let columns = ["id", "civility", "received", "follow_up"];
        assert_eq!(column("Civilité", &columns), Some("civility"));
        assert_eq!(column("Reçu le", &columns), Some("received"));
        assert_eq!(column("follow up", &columns), Some("follow_up"));
        for written in ["E-mail", "Courriel", "Adresse électronique"] {
            assert_eq!(column(written, &["email"]), Some("email"), "{written}");
        }
        assert_eq!(column("Relance", &columns), Some("follow_up"));
        assert_eq!(column("ID", &columns), Some("id"));
        assert_eq!(column("couleur", &columns), None);
    }
}
