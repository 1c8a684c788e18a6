//! Fuzzes `interpel draft`'s reading of a letter: any text must give
//! passages that are whole slices of it (verbatim by construction) with a
//! stance, never a panic, whatever its lines, bullets and punctuation.
#![no_main]

use interpel::draft::{Query, propose};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let queries = [
        Query { asked: "Prévention. La prévention des addictions.".into(), keywords: "jeunes, écoles".into() },
        Query { asked: "Sécurité. Réponse sécuritaire et action sociale.".into(), keywords: "police".into() },
    ];
    for p in propose(&text, &queries, 3) {
        assert!(p.span.end <= text.len() && text.is_char_boundary(p.span.start) && text.is_char_boundary(p.span.end));
        assert!(!p.quote.is_empty());
    }
});
