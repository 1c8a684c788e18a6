//! Checking that every quote occurs in its candidate's source text.
//!
//! The briefing is handed to the public with the candidates' own words in it,
//! so a quote must be found in the source, word for word. Only what PDF
//! extraction and typing change is ignored: white space and line breaks,
//! hyphens (end-of-line hyphenation), the variants of apostrophes and
//! quotation marks, and `…` written as three dots. `[…]` in a quote stands
//! for an elision: the parts around it must appear in order.

use std::ops::Range;

use memchr::memmem;

/// A text reduced for comparison, with the byte offset in the original text
/// of every byte of the reduced one (as `u32`: half the memory to fill, for
/// texts read whole into memory).
pub struct Folded {
    text: Vec<u8>,
    origin: Vec<u32>,
}

impl Folded {
    /// The offset in the original text of byte `at` of the reduced one.
    fn origin(&self, at: usize) -> usize {
        self.origin[at] as usize
    }
}

/// The longest text [`fold`] takes: its offsets are 32 bits.
pub const LONGEST: usize = u32::MAX as usize;

/// Reduces `text` for comparison; `text` is at most [`LONGEST`] bytes.
pub fn fold(text: &str) -> Folded {
    assert!(text.len() <= LONGEST, "a text of {} bytes is too long to fold", text.len());
    let mut folded = Folded { text: Vec::with_capacity(text.len()), origin: Vec::with_capacity(text.len()) };
    let mut buf = [0u8; 4];
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        // Most of a French text is ASCII kept as it is: each run of it
        // copied at once.
        let run = bytes[at..].iter().position(|&b| !b.is_ascii() || folds(b)).unwrap_or(bytes.len() - at);
        if run > 0 {
            folded.text.extend_from_slice(&bytes[at..at + run]);
            folded.origin.extend(at as u32..(at + run) as u32);
            at += run;
            continue;
        }
        let b = bytes[at];
        if b.is_ascii() {
            if b == b'`' {
                folded.text.push(b'\'');
                folded.origin.push(at as u32);
            }
            at += 1;
            continue;
        }
        let c = text[at..].chars().next().expect("at a character boundary");
        let replacement: Option<&str> = match c {
            c if c.is_whitespace() => None,
            '\u{ad}' | '\u{2010}' | '\u{2011}' => None,
            '’' | '‘' | 'ʼ' | '´' | '′' => Some("'"),
            '“' | '”' | '„' | '«' | '»' | '″' => Some("\""),
            '…' => Some("..."),
            c => Some(c.encode_utf8(&mut buf)),
        };
        if let Some(replacement) = replacement {
            folded.text.extend_from_slice(replacement.as_bytes());
            folded.origin.extend(std::iter::repeat_n(at as u32, replacement.len()));
        }
        at += c.len_utf8();
    }
    folded
}

/// Whether [`fold`] drops or changes the ASCII byte `b`.
fn folds(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c' | b'-' | b'`')
}

/// Why a quote was not found: where the source comes closest.
#[derive(Debug, PartialEq, Eq)]
pub struct Mismatch {
    /// The passage of the source that resembles the quote most, if any.
    pub closest: Option<String>,
    /// Its line in the source.
    pub line: u64,
}

/// Checks that `quote` occurs in `source` (already folded); `source_text` is
/// the original, to show the closest passage. Returns where each part of
/// the quote (between its `[…]`) is in `source_text`, as byte ranges.
pub fn find(quote: &str, source: &Folded, source_text: &str) -> Result<Vec<Range<usize>>, Mismatch> {
    let folded = fold(quote);
    let mut from = 0;
    let mut spans = Vec::new();
    for part in split_elisions(&folded.text) {
        if part.is_empty() {
            continue;
        }
        match memmem::find(&source.text[from..], part) {
            Some(at) => {
                let (first, last) = (from + at, from + at + part.len() - 1);
                let end = source.origin(last);
                let end = end + source_text[end..].chars().next().map_or(0, char::len_utf8);
                spans.push(source.origin(first)..end);
                from = last + 1;
            }
            None => return Err(closest(part, source, source_text)),
        }
    }
    Ok(spans)
}

/// The parts of a folded quote between its `[...]` elisions.
fn split_elisions(quote: &[u8]) -> Vec<&[u8]> {
    let mut parts = Vec::new();
    let mut rest = quote;
    while let Some(at) = memmem::find(rest, b"[...]") {
        parts.push(&rest[..at]);
        rest = &rest[at + 5..];
    }
    parts.push(rest);
    parts
}

/// The source passage that shares the longest beginning or end with `part`.
fn closest(part: &[u8], source: &Folded, source_text: &str) -> Mismatch {
    // The longest prefix found (being found is monotone in the length).
    let longest = |found: &dyn Fn(usize) -> Option<usize>| {
        let (mut lo, mut hi, mut best) = (1usize, part.len(), None);
        while lo <= hi {
            let mid = (lo + hi) / 2;
            match found(mid) {
                Some(at) => {
                    best = Some((mid, at));
                    lo = mid + 1;
                }
                None => hi = mid - 1,
            }
        }
        best
    };
    let prefix = longest(&|n| memmem::find(&source.text, &part[..n]));
    let suffix = longest(&|n| memmem::find(&source.text, &part[part.len() - n..]));
    let start = match (prefix, suffix) {
        (Some((p, at)), Some((s, _))) if p >= s => Some(at),
        (_, Some((s, at))) => Some(at.saturating_sub(part.len() - s)),
        (Some((_, at)), None) => Some(at),
        (None, None) => None,
    };
    // Too short a match says nothing about where the quote comes from.
    let best_len = prefix.map_or(0, |p| p.0).max(suffix.map_or(0, |s| s.0));
    let Some(start) = start.filter(|_| best_len >= 8) else {
        return Mismatch { closest: None, line: 0 };
    };
    // Start at the beginning of a word: the start is only as exact as the
    // lengths of the words that differ.
    let mut begin = source.origin(start);
    // The word starts after the last white space, which may be several
    // bytes long (a no-break space).
    let word_start =
        source_text[..begin].char_indices().rfind(|(_, c)| c.is_whitespace()).map_or(0, |(i, c)| i + c.len_utf8());
    if begin - word_start <= 24 {
        begin = word_start;
    }
    let end_index = (start + part.len()).min(source.origin.len() - 1);
    let mut end = source.origin(end_index);
    while !source_text.is_char_boundary(end) {
        end += 1;
    }
    let end = source_text[end..].char_indices().nth(1).map_or(source_text.len(), |(i, _)| end + i);
    let passage = source_text[begin..end].split_whitespace().collect::<Vec<_>>().join(" ");
    let line = 1 + source_text[..begin].matches('\n').count() as u64;
    Mismatch { closest: Some(passage), line }
}

/// `text` on one line, cut to about `max` characters.
pub fn excerpt(text: &str, max: usize) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        one_line
    } else {
        let cut: String = one_line.chars().take(max).collect();
        format!("{cut}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `fold` as first written, a character at a time, to check the fast
    /// path for ASCII against.
    fn fold_by_chars(text: &str) -> (Vec<u8>, Vec<u32>) {
        let (mut out, mut origin, mut buf) = (Vec::new(), Vec::new(), [0u8; 4]);
        for (at, c) in text.char_indices() {
            let replacement: &str = match c {
                c if c.is_whitespace() => continue,
                '-' | '\u{ad}' | '\u{2010}' | '\u{2011}' => continue,
                '’' | '‘' | 'ʼ' | '`' | '´' | '′' => "'",
                '“' | '”' | '„' | '«' | '»' | '″' => "\"",
                '…' => "...",
                c => c.encode_utf8(&mut buf),
            };
            out.extend_from_slice(replacement.as_bytes());
            origin.extend(std::iter::repeat_n(at as u32, replacement.len()));
        }
        (out, origin)
    }

    #[test]
    fn folding_by_bytes_is_folding_by_characters() {
        let texts = [
            "Nous   proposons\nune « maison »\u{a0}: l’accueil — sans-abri, co-\nconstruit…",
            "\t`x` \"y\" ‘z’ \u{ad}ab\u{2010}cd œuvre Ça — 12\u{202f}% \u{1f600} fin",
            "",
        ];
        for text in texts {
            let folded = fold(text);
            assert_eq!((folded.text, folded.origin), fold_by_chars(text), "{text:?}");
        }
    }

    fn check(quote: &str, source: &str) -> Result<(), Mismatch> {
        find(quote, &fold(source), source).map(|_| ())
    }

    #[test]
    fn found_quotes_give_their_place_in_the_source() {
        let source = "Un. Deux « trois ». Quatre…";
        let spans = find("Deux \"trois\". […] Quatre", &fold(source), source).unwrap();
        let parts: Vec<&str> = spans.iter().map(|r| &source[r.clone()]).collect();
        assert_eq!(parts, ["Deux « trois ».", "Quatre"]);
    }

    #[test]
    fn white_space_hyphenation_and_quote_marks_are_ignored() {
        let source = "C’est bien ce type de dispo-\nsitif que nous\n\n entendons « mettre » en place";
        assert_eq!(check("C'est bien ce type de dispositif que nous entendons \"mettre\" en place", source), Ok(()));
        assert_eq!(check("médico-social", "médico-\nsocial"), Ok(()));
        assert_eq!(check("l’essentiel", "l ’essentiel"), Ok(()));
    }

    #[test]
    fn elisions_need_their_parts_in_order() {
        let source = "Un. Deux. Trois.";
        assert_eq!(check("Un. […] Trois.", source), Ok(()));
        assert_eq!(check("Un. [...] Trois.", source), Ok(()));
        assert!(check("Trois. […] Un.", source).is_err());
    }

    #[test]
    fn a_changed_word_is_found_missing_with_the_closest_passage() {
        let source = "Premier paragraphe.\nNous soutiendrons les interventions d'EKKO dans les écoles.\nFin.";
        let e = check("Nous soutiendrons les interventions d'EKKO dans les collèges.", source).unwrap_err();
        assert_eq!(e.line, 2);
        // The passage is as long as the quote, give or take a word.
        assert!(e.closest.unwrap().starts_with("Nous soutiendrons les interventions d'EKKO dans les écoles."));
    }

    #[test]
    fn a_closest_passage_after_a_no_break_space_is_cut_at_a_character() {
        // A narrow no-break space (three bytes) before the word the
        // passage starts in: it used to cut inside it and panic.
        for space in ['\u{202f}', '\u{a0}', ' ', '\u{3000}'] {
            let source = format!("Prix{space}: nous soutiendrons les écoles.");
            let e = check("Prix : nous soutiendrons les collèges.", &source).unwrap_err();
            assert_eq!(e.line, 1);
            assert!(e.closest.unwrap().contains("nous soutiendrons"), "{space:?}");
            let source = format!("X{space}soutiendrons les écoles de la ville.");
            let e = check("soutiendrons les collèges de la ville.", &source).unwrap_err();
            assert!(e.closest.unwrap().starts_with("soutiendrons"), "{space:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// Whatever the quote and the source, checking gives spans or the
        /// closest passage, cut at characters, and never panics.
        #[test]
        fn any_quote_against_any_source_is_checked_without_a_panic(
            text in "([a-zé« »’'\"…. \n-]|\u{a0}|\u{202f}|\u{ad}|\u{3000}|œ|😀){0,80}",
            wanted in "([a-zé« »’'\"…. \n-]|\u{a0}|\u{202f}|\\[…\\]|œ){0,30}",
        ) {
            match find(&wanted, &fold(&text), &text) {
                Ok(spans) => for span in spans {
                    proptest::prop_assert!(text.get(span.clone()).is_some(), "{span:?}");
                },
                Err(e) => if let Some(passage) = e.closest {
                    proptest::prop_assert!(e.line >= 1 && !passage.is_empty());
                },
            }
        }
    }

    #[test]
    fn nothing_alike_has_no_closest_passage() {
        assert_eq!(check("zzzz zzzz", "abc"), Err(Mismatch { closest: None, line: 0 }));
    }
}
