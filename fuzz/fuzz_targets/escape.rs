//! Fuzzes the escaping: any text, escaped, must parse as plain Typst text
//! (no code, markup, comment or raw block) that shows the same characters.
#![no_main]

use libfuzzer_sys::fuzz_target;
use typst::syntax::{SyntaxKind, parse};

fuzz_target!(|text: &str| {
    let escaped = interpel::escape::markup(text);
    let root = parse(&escaped);
    let mut shown = String::new();
    for node in root.children() {
        match node.kind() {
            SyntaxKind::Text | SyntaxKind::SmartQuote => shown.push_str(node.leaf_text()),
            SyntaxKind::Escape => shown.push_str(&node.leaf_text()[1..]),
            SyntaxKind::Space | SyntaxKind::Linebreak => {}
            kind => panic!("{text:?} escaped as {escaped:?} holds a {kind:?}"),
        }
    }
    let letters = |s: &str| s.chars().filter(|c| !c.is_whitespace() && !c.is_control() && *c != '\u{fffd}').collect::<String>();
    assert_eq!(letters(&shown), letters(&interpel::french::nbsp(text)));
});
