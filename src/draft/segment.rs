//! Cutting a source text into the pieces a quote may be made of: blocks
//! (paragraphs, list items, headings) and the sentences inside them, as byte
//! ranges of the text, so that every passage is the source's own words.

use std::ops::Range;

use crate::campaign::sources::item_marker;

/// What a block of the text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// Running text: one or more sentences, hard line breaks joined.
    Paragraph,
    /// An item of a list (`-`, `•`, `1.`, `a)`…).
    Item,
    /// A short line standing alone that ends with no sentence punctuation
    /// (« 1. Prévention », « Sur la question de la sécurité : »).
    Heading,
}

/// A paragraph, list item or heading, with its sentences.
#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    pub span: Range<usize>,
    /// The sentences, in order, each trimmed; one for a heading.
    pub sentences: Vec<Range<usize>>,
}

/// The blocks of `text`, in order. Blank lines and form feeds end a block;
/// a line that starts a list item or stands alone as a heading is a block of
/// its own; a block that ends in the middle of a sentence continues into
/// the next one when that starts in lower case (a stray blank line of a
/// PDF's text).
pub fn blocks(text: &str) -> Vec<Block> {
    let lines = lines(text);
    let mut raw: Vec<(BlockKind, Range<usize>)> = Vec::new();
    let mut current: Option<(BlockKind, Range<usize>)> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        let content = text[line.clone()].trim();
        if content.is_empty() {
            raw.extend(current.take());
            i += 1;
            continue;
        }
        let alone_before = current.is_none();
        let next = lines.get(i + 1).map_or("", |next| text[next.clone()].trim());
        // A title stands alone, or opens a list or a paragraph as a short
        // line (a line of a wrapped paragraph runs longer).
        let titles = next.is_empty()
            || item_marker(next).is_some()
            || (content.split_whitespace().count() <= 8 && next.starts_with(char::is_uppercase));
        let trimmed = trim_range(text, line.clone());
        if alone_before && titles && is_heading(content) {
            raw.push((BlockKind::Heading, trimmed));
        } else if let Some(marker) = item_marker(content) {
            raw.extend(current.take());
            // The bullet or number is not part of the item's words.
            let words = text[trimmed.start + marker..trimmed.end].trim_start();
            current = Some((BlockKind::Item, trimmed.end - words.len()..trimmed.end));
        } else {
            match &mut current {
                Some((_, span)) => span.end = trimmed.end,
                None => current = Some((BlockKind::Paragraph, trimmed)),
            }
        }
        i += 1;
    }
    raw.extend(current.take());

    // A block cut in the middle of a sentence by a stray blank line or a
    // page break goes on in the next one.
    let mut joined: Vec<(BlockKind, Range<usize>)> = Vec::with_capacity(raw.len());
    for (kind, span) in raw {
        if let Some((last_kind, last)) = joined.last_mut()
            && kind == BlockKind::Paragraph
            && !ends_sentence(&text[last.clone()])
            && (starts_lower(&text[span.clone()])
                || (*last_kind != BlockKind::Heading && text[last.clone()].ends_with(char::is_lowercase)))
        {
            // A « heading » whose sentence goes on was a paragraph's start.
            *last_kind = if *last_kind == BlockKind::Item { BlockKind::Item } else { BlockKind::Paragraph };
            last.end = span.end;
            continue;
        }
        joined.push((kind, span));
    }
    joined
        .into_iter()
        .map(|(kind, span)| {
            let sentences = match kind {
                BlockKind::Heading => vec![span.clone()],
                _ => sentences(text, span.clone()),
            };
            Block { kind, span, sentences }
        })
        .collect()
}

/// The lines of `text`, without their line ends; a form feed ends a line too.
fn lines(text: &str) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    for (at, c) in text.char_indices() {
        if c == '\n' || c == '\u{c}' {
            lines.push(start..at);
            if c == '\u{c}' {
                // A page break is a blank line: it ends a block, and the
                // next block joins on if the sentence goes on.
                lines.push(at..at);
            }
            start = at + 1;
        }
    }
    lines.push(start..text.len());
    lines
}

/// `range` without the white space around it.
fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.end - (slice.len() - slice.trim_end().len());
    start..end.max(start)
}

/// A short line with no sentence end: a title. One that ends with a colon
/// and speaks in a person (« nous avons imaginé les pistes suivantes : »)
/// is a sentence leading in to a list, not a title.
fn is_heading(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let lead_in = line.ends_with(':')
        && line
            .split(|c: char| !c.is_alphabetic())
            .any(|w| matches!(w.to_lowercase().as_str(), "nous" | "je" | "j" | "vous" | "on" | "il" | "elle" | "ils"));
    // A line that ends on a cut word or a word that needs the next one is
    // the start of a sentence (« Nous créerons à Saint- », « … avec les »).
    let last = line.rsplit(|c: char| !c.is_alphabetic() && c != '’' && c != '\'').next().unwrap_or("").to_lowercase();
    let cut = line.ends_with('-')
        || matches!(
            last.as_str(),
            "de" | "d"
                | "la"
                | "le"
                | "les"
                | "l"
                | "des"
                | "du"
                | "à"
                | "au"
                | "aux"
                | "et"
                | "en"
                | "un"
                | "une"
                | "pour"
                | "par"
                | "sur"
                | "dans"
                | "avec"
                | "que"
                | "qui"
                | "ou"
                | "nous"
                | "je"
        );
    words > 0
        && words <= 14
        && !lead_in
        && !cut
        && !line.ends_with(['.', '!', '?', '…', ',', ';'])
        && line.chars().count() <= 110
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end().ends_with(['.', '!', '?', '…', ':', '»', '"', ')'])
}

fn starts_lower(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_lowercase)
}

/// Words a full stop follows without ending the sentence.
const ABBREVIATIONS: &[&str] = &[
    "M", "MM", "Mme", "Mmes", "Mlle", "Dr", "Pr", "Me", "St", "Ste", "cf", "Cf", "etc", "p", "art", "Art", "n", "no",
    "N", "ex", "env", "vol", "chap", "av", "bd", "fig", "coll", "éd", "hab", "min", "max", "tél", "Tél", "approx",
];

/// The sentences of the block `span` of `text`: a sentence ends with `.`,
/// `!`, `?` or `…` (and a closing quote or bracket) before white space and
/// a capital, a digit, a quote or a bullet; not after an abbreviation or an
/// initial.
fn sentences(text: &str, span: Range<usize>) -> Vec<Range<usize>> {
    let block = &text[span.clone()];
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = block.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (at, c) = chars[k];
        if matches!(c, '.' | '!' | '?' | '…') {
            // Take the run of closing punctuation.
            let mut end_k = k + 1;
            while end_k < chars.len() && matches!(chars[end_k].1, '.' | '!' | '?' | '…' | '»' | '"' | '”' | ')' | '’')
            {
                end_k += 1;
            }
            let end = chars.get(end_k).map_or(block.len(), |&(a, _)| a);
            let followed_by_space = chars.get(end_k).is_none_or(|&(_, n)| n.is_whitespace());
            let next = chars[end_k..].iter().map(|&(_, n)| n).find(|n| !n.is_whitespace());
            let next_starts = next.is_none_or(|n| {
                n.is_uppercase() || n.is_ascii_digit() || matches!(n, '«' | '"' | '“' | '(' | '-' | '•' | '–')
            });
            let word_before = block[start..at].rsplit(|ch: char| !ch.is_alphanumeric()).next().unwrap_or("");
            let abbreviation = c == '.'
                && (ABBREVIATIONS.contains(&word_before)
                    || (word_before.chars().count() == 1 && word_before.chars().all(char::is_uppercase)));
            if followed_by_space && next_starts && !abbreviation {
                out.push(trim_range(text, span.start + start..span.start + end));
                start = end;
            }
            k = end_k;
            continue;
        }
        k += 1;
    }
    if !block[start..].trim().is_empty() {
        out.push(trim_range(text, span.start + start..span.end));
    }
    out.retain(|r| !r.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'t>(text: &'t str, blocks: &[Block]) -> Vec<(BlockKind, Vec<&'t str>)> {
        blocks.iter().map(|b| (b.kind, b.sentences.iter().map(|s| &text[s.clone()]).collect())).collect()
    }

    #[test]
    fn paragraphs_items_and_headings() {
        let text = "Madame, Monsieur,\n\n1. La prévention\n\nNous créerons un poste. M. Dupont le tiendra.\nIl sera\nfinancé par la ville !\n\n- premier point ;\n- second point.\n";
        let blocks = blocks(text);
        assert_eq!(
            texts(text, &blocks),
            vec![
                (BlockKind::Paragraph, vec!["Madame, Monsieur,"]),
                (BlockKind::Heading, vec!["1. La prévention"]),
                (
                    BlockKind::Paragraph,
                    vec!["Nous créerons un poste.", "M. Dupont le tiendra.", "Il sera\nfinancé par la ville !"]
                ),
                (BlockKind::Item, vec!["premier point ;"]),
                (BlockKind::Item, vec!["second point."]),
            ]
        );
    }

    #[test]
    fn a_short_first_line_cut_in_a_word_is_no_heading() {
        let text = "Nous créerons à Saint-\nÉtienne un centre de soins.\n\nFin.";
        let b = blocks(text);
        assert_eq!(b[0].kind, BlockKind::Paragraph);
        assert_eq!(&text[b[0].sentences[0].clone()], "Nous créerons à Saint-\nÉtienne un centre de soins.");
    }

    #[test]
    fn a_stray_blank_line_inside_a_sentence_does_not_cut_it() {
        let text = "La ville soutiendra les\n\nassociations de terrain. Elle les réunira.";
        let blocks = blocks(text);
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].sentences.len(), 2);
        let page = "Nous voulons une politique\u{c}de prévention. Voilà.";
        assert_eq!(texts(page, &super::blocks(page))[0].1[0], "Nous voulons une politique\u{c}de prévention.");
    }

    #[test]
    fn sentences_stop_at_their_end_only() {
        let text = "Le budget, soit 3.5 M€, etc. est voté. « Oui », dit-il. Qui ? Nous.";
        let b = blocks(text);
        assert_eq!(
            texts(text, &b)[0].1,
            vec!["Le budget, soit 3.5 M€, etc. est voté.", "« Oui », dit-il.", "Qui ?", "Nous."]
        );
    }
}
