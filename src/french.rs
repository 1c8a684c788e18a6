//! French conventions the documents follow: dates, sort order, file-name slugs
//! and the no-break spaces of French punctuation.

use chrono::{Datelike, NaiveDate};

/// The months' names, in order, as French writes them.
pub const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// A date as French prose writes it: « 3 mars 2026 », « 1er mai 2026 »,
/// with no-break spaces, so that a line never breaks inside it.
pub fn date(date: NaiveDate) -> String {
    let day = date.day();
    let day = if day == 1 { "1er".to_string() } else { day.to_string() };
    format!("{day}\u{a0}{}\u{a0}{}", MONTHS[date.month0() as usize], date.year())
}

/// The key lists are sorted by: case, accents and punctuation ignored, as a
/// reader scanning an alphabetical list expects (« Alès, C’est Vous ! »
/// sorts as « ales cest vous »), and numbers in the order of their values
/// (« Secteur 2 » before « Secteur 10 »).
pub fn sort_key(text: &str) -> String {
    let folded = deunicode::deunicode(text).to_lowercase();
    let mut key = String::with_capacity(folded.len() + 8);
    let mut chars = folded.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            let mut digits = String::from(c);
            while let Some(d) = chars.next_if(char::is_ascii_digit) {
                digits.push(d);
            }
            push_number(&mut key, &digits);
        } else if c.is_ascii_alphanumeric() {
            key.push(c);
        } else if c.is_whitespace() && !key.ends_with(' ') && !key.is_empty() {
            key.push(' ');
        }
    }
    let trimmed = key.trim_end().len();
    key.truncate(trimmed);
    key
}

/// Pushes a run of digits so that keys compare by its value: its length
/// without leading zeros comes first, as two digits (runs of up to 99
/// digits; longer ones still sort after every shorter one).
fn push_number(key: &mut String, digits: &str) {
    let value = digits.trim_start_matches('0');
    let value = if value.is_empty() { "0" } else { value };
    key.push_str(&format!("{:02}", value.len().min(99)));
    key.push_str(value);
}

/// A file-name slug: lowercase ASCII letters, digits and single `-`
/// (« Saint-Jean-du-Gard » → `saint-jean-du-gard`, « Nîmes » → `nimes`).
pub fn slug(text: &str) -> String {
    let folded = deunicode::deunicode(text).to_lowercase();
    let mut slug = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// Applies the no-break spaces of French typography (Imprimerie nationale)
/// to free text, so that the sign never starts a line: a space before `;`
/// `!` `?` becomes a thin no-break space (U+202F); one before `:` and `»`
/// or after `«`, a no-break space. Nothing else changes: the words stay
/// verbatim.
pub fn nbsp(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let prev = if i > 0 { Some(chars[i - 1]) } else { None };
        let is_space = matches!(c, ' ' | '\u{a0}' | '\u{202f}');
        if is_space && matches!(next, Some(';' | '!' | '?')) {
            out.push('\u{202f}');
        } else if is_space && (matches!(next, Some(':' | '»')) || prev == Some('«')) {
            out.push('\u{a0}');
        } else {
            out.push(c);
        }
    }
    out
}

/// Quotation marks inside a quotation that the documents set in « »: the
/// quote's own « » and straight double quotes become “ ” (French nests
/// English quotes inside guillemets), so that a reader sees where the
/// quotation ends.
pub fn nested_quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut open = false;
    let mut prev: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '«' => {
                out.push('“');
                while chars.next_if(|&n| matches!(n, ' ' | '\u{a0}' | '\u{202f}')).is_some() {}
            }
            '»' => {
                while out.ends_with([' ', '\u{a0}', '\u{202f}']) {
                    out.pop();
                }
                out.push('”');
            }
            '"' => {
                // Opening after a space, a bracket or at the start; closing otherwise.
                let opening = !open && prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '\''));
                out.push(if opening { '“' } else { '”' });
                open = opening;
            }
            c => out.push(c),
        }
        prev = Some(c);
    }
    out
}

/// A title as it reads inside a sentence, after a name and a comma: the
/// first letter lowercase (« Tête de liste » → « tête de liste »), unless the
/// first word is an acronym or a name in capitals (« UDI », « EELV »).
pub fn in_text(title: &str) -> String {
    let title = title.trim();
    let first_word = title.split_whitespace().next().unwrap_or_default();
    let letters: Vec<char> = first_word.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return title.to_string();
    }
    let mut chars = title.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_french_prose() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(date(d(2026, 3, 3)), "3\u{a0}mars\u{a0}2026");
        assert_eq!(date(d(2026, 5, 1)), "1er\u{a0}mai\u{a0}2026");
        assert_eq!(date(d(2026, 8, 15)), "15\u{a0}août\u{a0}2026");
        assert_eq!(date(d(2026, 12, 31)), "31\u{a0}décembre\u{a0}2026");
    }

    #[test]
    fn sort_key_ignores_case_accents_and_punctuation() {
        assert_eq!(sort_key("Alès, C’est Vous !"), "ales cest vous");
        let mut lists = vec!["Alès, Moderne et Authentique", "Alès Commun", "Alès, C’est Vous !"];
        lists.sort_by_key(|l| sort_key(l));
        assert_eq!(lists, ["Alès, C’est Vous !", "Alès Commun", "Alès, Moderne et Authentique"]);
    }

    #[test]
    fn sort_key_orders_numbers_by_value() {
        let mut communes = vec!["Secteur 10", "Secteur 2", "Secteur 1 bis", "Secteur 002", "Secteur 9", "Secteur"];
        communes.sort_by_key(|c| sort_key(c));
        assert_eq!(communes, ["Secteur", "Secteur 1 bis", "Secteur 2", "Secteur 002", "Secteur 9", "Secteur 10"]);
        assert!(sort_key("Liste 99") < sort_key("Liste 100"));
        assert!(sort_key("2e liste") < sort_key("liste"));
    }

    #[test]
    fn slugs_are_plain_ascii_file_names() {
        assert_eq!(slug("Alès"), "ales");
        assert_eq!(slug("Nîmes"), "nimes");
        assert_eq!(slug("  Saint-Jean-du-Gard "), "saint-jean-du-gard");
        assert_eq!(slug("L’Isle-sur-la-Sorgue"), "l-isle-sur-la-sorgue");
        assert_eq!(slug("../.."), "");
    }

    #[test]
    fn titles_in_a_sentence_start_lowercase_but_acronyms_stay() {
        assert_eq!(in_text("Tête de liste"), "tête de liste");
        assert_eq!(in_text(" Élue sortante "), "élue sortante");
        assert_eq!(in_text("EELV, porte-parole"), "EELV, porte-parole");
        assert_eq!(in_text("A"), "a");
        assert_eq!(in_text(""), "");
    }

    #[test]
    fn nbsp_binds_french_punctuation() {
        assert_eq!(nbsp("Objet : suite ; oui ! non ?"), "Objet\u{a0}: suite\u{202f}; oui\u{202f}! non\u{202f}?");
        assert_eq!(nbsp("« Alès »"), "«\u{a0}Alès\u{a0}»");
        assert_eq!(nbsp("https://x.fr a:b"), "https://x.fr a:b");
    }

    #[test]
    fn quotes_inside_a_quotation_are_english_ones() {
        assert_eq!(nested_quotes("des « parcours de sortie » ici"), "des “parcours de sortie” ici");
        assert_eq!(nested_quotes("les \"compétences\" des jeunes"), "les “compétences” des jeunes");
        assert_eq!(nested_quotes("sans guillemets"), "sans guillemets");
    }
}
