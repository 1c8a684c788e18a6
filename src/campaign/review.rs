//! The editor's review of a valid campaign: what a list could fairly contest
//! or what would make a document unfit to publish, reported as warnings with
//! the file and line to look at. Nothing here stops a build: staff judge.
//!
//! - quotes cut inside a sentence without « […] », and the same passage
//!   quoted twice;
//! - per commune, a list whose quoted share of its own answer is far below
//!   the others', and a programme quoted at more length than a list that
//!   answered;
//! - missing legal mentions, a missing review deadline, a programme that
//!   does not say what it is, letters without a postal address.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use super::load::Places;
use super::table::Place;
use super::{Answer, Candidate, Received, Settings};
use crate::diag::Problem;

const SETTINGS: &str = "inputs/campaign.toml";

/// How many letters without an address are named one by one; the rest are counted.
const NAMED_LETTERS: usize = 10;

/// Where one candidate's quotes sit in their source.
#[derive(Debug, Default)]
pub struct Quoted {
    /// Words in the whole source.
    pub source_words: usize,
    /// Each quote's line (or row) in the answers table, question, and parts in the source.
    pub quotes: Vec<(u64, String, Vec<Range<usize>>)>,
    /// Words of the source inside at least one quote.
    pub quoted_words: usize,
    /// For a source in pages (form feeds between them, as PDFs are read):
    /// each quote's line and the page it starts on.
    pub pages: Vec<(u64, u32)>,
}

/// The warnings about one candidate's quotes in `text`, their source:
/// unmarked cuts and passages quoted twice. Fills in the word counts.
pub fn quotes(place: &Place, text: &str, answers: &[&Answer], quoted: &mut Quoted, warnings: &mut Vec<Problem>) {
    let unit = place.unit();
    quoted.source_words = word_count(text);
    for (a, (line, _, spans)) in answers.iter().zip(&quoted.quotes) {
        let (Some(first), Some(last)) = (spans.first(), spans.last()) else { continue };
        let quote = a.quote.trim();
        let marked_start = quote.starts_with("[…]") || quote.starts_with("[...]");
        let marked_end = quote.ends_with("[…]") || quote.ends_with("[...]");
        if !marked_start && !starts_sentence(text, first.start) {
            warnings.push(place.at(
                *line,
                format!(
                    "this quote starts inside a sentence of its source: « {}… » comes after « …{} »; start it with the sentence, or mark the cut with « […] »",
                    head(&text[first.start..], 4),
                    tail(&text[..first.start], 6)
                ),
            ));
        }
        if !marked_end && !ends_sentence(text, last.end) {
            warnings.push(place.at(
                *line,
                format!(
                    "this quote ends inside a sentence of its source: « …{} » goes on with « {}… »; end it with the sentence, or mark the cut with « […] »",
                    tail(&text[..last.end], 4),
                    head(&text[last.end..], 6)
                ),
            ));
        }
    }
    // The same passage under two questions (or twice under one).
    for (i, (line, question, spans)) in quoted.quotes.iter().enumerate() {
        let earlier = quoted.quotes[..i].iter().find(|(_, _, other)| {
            spans.iter().any(|a| other.iter().any(|b| overlap(a, b) >= 40.min(a.len()).min(b.len())))
        });
        if let Some((first_line, first_question, _)) = earlier {
            let message = if first_question == question {
                format!("this excerpt repeats words already quoted on {unit} {first_line}, under the same question")
            } else {
                format!(
                    "this excerpt repeats words already quoted on {unit} {first_line}, under question « {first_question} »: quote a passage under one question only"
                )
            };
            warnings.push(place.at(*line, message));
        }
    }
    let mut ranges: Vec<Range<usize>> = quoted.quotes.iter().flat_map(|(_, _, s)| s.iter().cloned()).collect();
    ranges.sort_by_key(|r| r.start);
    let mut covered: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        match covered.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => covered.push(r),
        }
    }
    quoted.quoted_words = covered.iter().map(|r| word_count(&text[r.clone()])).sum();
}

/// The words of `text`, as `split_whitespace` counts them, a byte at a time
/// for ASCII: a federation's sources are megabytes.
fn word_count(text: &str) -> usize {
    let (mut words, mut in_word, mut at) = (0, false, 0);
    let bytes = text.as_bytes();
    while at < bytes.len() {
        let (space, len) = match bytes[at] {
            b if b.is_ascii() => (matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c'), 1),
            _ => {
                let c = text[at..].chars().next().expect("at a character boundary");
                (c.is_whitespace(), c.len_utf8())
            }
        };
        words += usize::from(!space && !in_word);
        in_word = !space;
        at += len;
    }
    words
}

fn overlap(a: &Range<usize>, b: &Range<usize>) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// The last `n` words of `text`, read from its end.
fn tail(text: &str, n: usize) -> String {
    let mut words: Vec<&str> = text.split_whitespace().rev().take(n).collect();
    words.reverse();
    words.join(" ")
}

/// The first `n` words of `text`.
fn head(text: &str, n: usize) -> String {
    text.split_whitespace().take(n).collect::<Vec<_>>().join(" ")
}

/// Signs that end a sentence, or a clause a quote may fairly start after.
fn ends_a_sentence(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | ':')
}

/// True when a line starts with a list marker: a bullet or « 1. », « 2) ».
fn is_list_item(line: &str) -> bool {
    let line = line.trim_start();
    if line.starts_with(['-', '•', '–', '—', '*', '·', '▪', '◦', '>']) {
        return true;
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && line[digits..].starts_with(['.', ')'])
}

/// True when a quote starting at byte `at` of `text` starts a sentence, a
/// paragraph or a list item.
fn starts_sentence(text: &str, at: usize) -> bool {
    let before = &text[..at];
    // The quote may start with the list marker's text removed.
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let on_line = &before[line_start..];
    if on_line.trim().is_empty() || is_list_item(on_line) && on_line.trim().chars().count() <= 3 {
        // At the start of a line (after its indent or list marker): a new
        // sentence if the line is a list item, follows a blank line (a
        // paragraph) or a line that ended a sentence.
        if line_start == 0 || is_list_item(&text[line_start..]) {
            return true;
        }
        let previous = &before[..line_start];
        let trimmed = previous.trim_end();
        let blank_line = previous[trimmed.len()..].matches('\n').count() >= 2;
        return trimmed.is_empty()
            || blank_line
            || trimmed.chars().last().is_some_and(|c| ends_a_sentence(c) || matches!(c, '»' | '"' | ')' | ';'));
    }
    // Inside a line: after the end of a sentence, and closing signs.
    let trimmed = on_line.trim_end();
    let last = trimmed.chars().last();
    match last {
        Some('»' | '"' | '”' | ')') => {
            let inner = trimmed[..trimmed.len() - last.map_or(0, char::len_utf8)].trim_end();
            inner.chars().last().is_some_and(ends_a_sentence)
        }
        Some(c) => ends_a_sentence(c),
        None => true,
    }
}

/// True when a quote ending at byte `at` of `text` ends a sentence, a
/// paragraph or a list item (an item may end without a full stop).
fn ends_sentence(text: &str, at: usize) -> bool {
    let quoted = text[..at].trim_end();
    if quoted.chars().last().is_some_and(|c| matches!(c, '.' | '!' | '?' | '…')) {
        return true;
    }
    if quoted.ends_with(['»', '"', '”', ')']) {
        let inner = quoted[..quoted.len() - quoted.chars().last().map_or(0, char::len_utf8)].trim_end();
        if inner.chars().last().is_some_and(|c| matches!(c, '.' | '!' | '?' | '…')) {
            return true;
        }
    }
    let after = &text[at..];
    let rest = after.trim_start_matches([' ', '\t', '\u{a0}']);
    match rest.chars().next() {
        None => true,
        // The source's own full stop, left out of the quote.
        Some('.' | '!' | '?' | '…') => true,
        // At the end of a line: the end of a paragraph (a blank line
        // follows), of a list item (its line is one, or the next line is
        // one). Letters pasted from PDFs wrap their lines inside sentences,
        // so a line end alone, even before a capital, ends nothing.
        Some('\n' | '\r') => {
            let blank = rest.chars().take_while(|c| c.is_whitespace()).filter(|&c| c == '\n').count() >= 2;
            let next = rest.trim_start();
            let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            blank || next.is_empty() || is_list_item(next) || is_list_item(&text[line_start..at])
        }
        Some(_) => false,
    }
}

/// Per commune: a list whose quoted share of its own answer is far below
/// the others', and a programme quoted at more length than a list that
/// answered there.
pub fn shares(
    places: &Places,
    candidates: &[Candidate],
    quoted: &HashMap<String, Quoted>,
    warnings: &mut Vec<Problem>,
) {
    let at = &places.candidates;
    let programs: Vec<(&Candidate, &Quoted)> = candidates
        .iter()
        .filter(|c| c.kind == Received::Program)
        .filter_map(|c| quoted.get(&c.id).map(|q| (c, q)))
        .collect();
    // The lists that answered, by commune, in one pass.
    let mut communes: BTreeMap<&str, Vec<(&Candidate, &Quoted)>> = BTreeMap::new();
    for c in candidates.iter().filter(|c| c.kind == Received::Answer) {
        if let (Some(commune), Some(q)) = (c.commune.as_deref(), quoted.get(&c.id).filter(|q| q.source_words > 0)) {
            communes.entry(commune).or_default().push((c, q));
        }
    }
    let share = |q: &Quoted| q.quoted_words as f64 / q.source_words as f64;
    for (commune, lists) in &communes {
        for (c, q) in lists {
            let others: Vec<&(&Candidate, &Quoted)> = lists.iter().filter(|(o, _)| o.id != c.id).collect();
            if others.is_empty() {
                continue;
            }
            let mean = others.iter().map(|(_, o)| share(o)).sum::<f64>() / others.len() as f64;
            if share(q) < mean / 2.0 {
                // Every other list by name, as long as that stays readable.
                let against = match others.len() {
                    n if n <= NAMED => {
                        let figures: Vec<String> =
                            others.iter().map(|(o, oq)| format!("« {} » {}", o.list, percent(oq))).collect();
                        figures.join(", ")
                    }
                    n => format!("{} % on average for the {n} other lists", (100.0 * mean).round()),
                };
                warnings.push(at.at(c.line,
                    format!(
                        "« {} » is quoted far less than the other lists of {commune}: {} of its answer against {against}; check that its answers are all quoted",
                        c.list,
                        percent(q),
                    ),
                ));
            }
        }
    }
    // One warning per programme, however many lists it outweighs.
    for (p, pq) in &programs {
        let mut shorter: Vec<(&str, &Candidate, &Quoted)> = communes
            .iter()
            .filter(|(commune, _)| p.commune.is_none() || p.commune.as_deref() == Some(**commune))
            .flat_map(|(commune, lists)| lists.iter().map(move |(c, q)| (*commune, *c, *q)))
            .filter(|(_, _, q)| q.quoted_words < pq.quoted_words)
            .collect();
        // The most outweighed first.
        shorter.sort_by_key(|(_, _, q)| q.quoted_words);
        let than = match shorter.as_slice() {
            [] => continue,
            [(commune, c, q)] => format!("« {} », which answered in {commune} ({} words)", c.list, q.quoted_words),
            many => {
                let named = |(commune, c, q): &(&str, &Candidate, &Quoted)| {
                    format!("« {} » in {commune} ({} words)", c.list, q.quoted_words)
                };
                let first: Vec<String> = many.iter().take(NAMED_PROGRAMME).map(named).collect();
                let more = match many.len().saturating_sub(NAMED_PROGRAMME) {
                    0 => String::new(),
                    n => format!(" and {n} more"),
                };
                format!("{} lists that answered: {}{more}", many.len(), first.join("; "))
            }
        };
        warnings.push(at.at(
            p.line,
            format!("the programme « {} » is quoted at more length ({} words) than {than}", p.list, pq.quoted_words),
        ));
    }
}

/// How many other lists a warning on a list's share names before it gives
/// their average instead.
const NAMED: usize = 8;
/// How many lists a warning on a programme names before it counts the rest.
const NAMED_PROGRAMME: usize = 3;

/// « 12 % (230 of 1 900 words) »
fn percent(q: &Quoted) -> String {
    let pct = (100.0 * q.quoted_words as f64 / q.source_words as f64).round();
    format!("{pct} % ({} of {} words)", q.quoted_words, q.source_words)
}

/// Missing legal mentions and review deadline.
pub fn settings(settings: &Settings, warnings: &mut Vec<Problem>) {
    if settings.publication.is_none() {
        warnings.push(Problem::file(
            SETTINGS,
            "no [publication]: a printed document made public must name its printer and the printer's address (loi du 29 juillet 1881, art. 2); add printer, printer_address and director (the person responsible for the publication) before handing the briefings out",
        ));
    }
    if settings.review.is_none() {
        warnings.push(Problem::file(
            SETTINGS,
            "no [review] deadline: the proofs ask the lists to report mistakes « dans les meilleurs délais »; set deadline = \"YYYY-MM-DD\" to give them a date",
        ));
    }
}

/// Programmes that do not say what they are or come from one party alone,
/// lists that answered with nothing quoted, lists said not to have
/// answered with no record of being asked, and letters that cannot be
/// posted for want of an address.
pub fn candidates(places: &Places, candidates: &[Candidate], answers: &[Answer], warnings: &mut Vec<Problem>) {
    let at = &places.candidates;
    let programmes: Vec<&Candidate> = candidates.iter().filter(|c| c.kind == Received::Program).collect();
    let mut authors: Vec<&str> = programmes.iter().map(|c| c.list.as_str()).collect();
    authors.sort_unstable();
    authors.dedup();
    if let [author] = authors[..] {
        let first = programmes.iter().find(|c| c.list == author).expect("an author has a programme");
        warnings.push(at.at(first.line,
            format!(
                "only « {author} » has a published programme quoted: quoting one party's programme and no other's can read as support for it (Code électoral, art. L52-8); quote the programmes of every party alike, or none"
            ),
        ));
    }
    let quoted: HashSet<&str> = answers.iter().filter(|a| !a.quote.is_empty()).map(|a| a.candidate.as_str()).collect();
    for c in candidates {
        let message = match c.kind {
            Received::Answer if !quoted.contains(c.id.as_str()) => format!(
                "« {} » answered (kind letter) but nothing of its answer is quoted: the briefing shows it as « Non abordé » on every question",
                c.id
            ),
            Received::Nothing if c.contacted.is_none() => format!(
                "« {} » is listed as not having answered, but no date says when it was sent the questionnaire: fill « contacted »",
                c.id
            ),
            Received::Program if c.nature.is_empty() => format!(
                "programme « {} » has no nature: say what the document is and where it comes from (« programme publié sur le site de la liste… »), so that no reader takes it for an answer",
                c.id
            ),
            _ => continue,
        };
        warnings.push(at.at(c.line, message));
    }
    let unaddressed: Vec<&Candidate> =
        candidates.iter().filter(|c| c.kind != Received::Program && c.address.is_empty()).collect();
    for c in unaddressed.iter().take(NAMED_LETTERS) {
        warnings.push(at.at(c.line,
            format!(
                "no postal address for « {} »: the letter shows a name, a list and a commune in its window and cannot be posted as it is",
                c.id
            ),
        ));
    }
    if unaddressed.len() > NAMED_LETTERS {
        warnings
            .push(at.file(format!("and {} more letters without a postal address", unaddressed.len() - NAMED_LETTERS)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        for text in [
            "",
            "   ",
            "un",
            " un  deux\ttrois\n",
            "l’accueil\u{a0}: « maison »\u{202f}; co-construit…\u{2003}fin\u{85}x",
            "\u{a0}\u{a0}début",
            "été\r\nçà\x0blà\x0cici",
        ] {
            assert_eq!(word_count(text), text.split_whitespace().count(), "{text:?}");
        }
    }

    #[test]
    fn sentence_starts() {
        let text = "Un. Deux trois, quatre.\n  • Cinq six\n  • Sept\nhuit neuf\n\nDix";
        let at = |s: &str| text.find(s).unwrap();
        assert!(starts_sentence(text, 0));
        assert!(starts_sentence(text, at("Deux")));
        assert!(!starts_sentence(text, at("quatre")));
        assert!(starts_sentence(text, at("Cinq")));
        assert!(starts_sentence(text, at("Sept")));
        assert!(!starts_sentence(text, at("huit")));
        assert!(starts_sentence(text, at("Dix")));
    }

    #[test]
    fn sentence_ends() {
        let text = "Un deux ; trois.\n  • Quatre cinq\n    Toutes communes\nsix sept\nhuit du\nService public.";
        let end = |s: &str| text.find(s).unwrap() + s.len();
        assert!(!ends_sentence(text, end("Un deux")));
        assert!(ends_sentence(text, end("trois.")));
        assert!(ends_sentence(text, end("trois")));
        assert!(ends_sentence(text, end("cinq")));
        assert!(!ends_sentence(text, end("six")));
        assert!(!ends_sentence(text, end("sept")));
        assert!(!ends_sentence(text, end("huit du")), "a wrapped line before a capital");
        assert!(ends_sentence(text, text.len()));
    }
}
