//! Turns any text into Typst markup that shows exactly that text.
//!
//! This is the escape function of the Handlebars renderer: every `{{value}}`
//! in a template goes through it, so no value from a CSV file can open a
//! function call, a raw block, a heading, a label or a comment. Every ASCII
//! sign with a meaning in Typst markup is backslash-escaped (an escaped sign
//! is always that sign in Typst, whatever follows it) and every line break
//! becomes a forced line break, so a value cannot even start a paragraph or a
//! list item. Straight quotes `'` and `"` stay unescaped on purpose: Typst
//! prints them as typographic quotes (’ and « ») and they cannot do anything
//! else in markup.

/// Text from the tables as HTML text, for the web edition's templates: the
/// no-break spaces of French typography, the characters HTML gives a
/// meaning escaped (as Handlebars does), and a line break kept as `<br>`,
/// as the PDF keeps it.
pub fn html(text: &str) -> String {
    let text = crate::french::nbsp(text);
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            '`' => out.push_str("&#x60;"),
            '=' => out.push_str("&#x3D;"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("<br>\n");
            }
            '\n' | '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{b}' | '\u{c}' => out.push_str("<br>\n"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes `text` for Typst markup context (inside `[...]` or at top level).
pub fn markup(text: &str) -> String {
    let text = crate::french::nbsp(text);
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\\n");
            }
            '\n' | '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{b}' | '\u{c}' => out.push_str("\\\n"),
            '\'' | '"' => out.push(c),
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            // Other control characters have no visible form; typst would
            // reject some of them. Show them as the replacement character.
            c if c.is_control() && c != '\t' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Escapes `text` as a Typst string literal, quotes included, for the rare
/// template that needs a value in code (a file path, a metadata field).
pub fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_text_with_french_spaces_and_line_breaks() {
        assert_eq!(
            html("<script>alert('x')</script> & co"),
            "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; co"
        );
        assert_eq!(html("Vous !\nOui : « non »"), "Vous\u{202f}!<br>\nOui\u{a0}: «\u{a0}non\u{a0}»");
        assert_eq!(html("a=\"b\" `c`\r\nd"), "a&#x3D;&quot;b&quot; &#x60;c&#x60;<br>\nd");
    }

    #[test]
    fn markup_signs_are_escaped() {
        assert_eq!(markup("#read(\"x\")"), "\\#read\\(\"x\"\\)");
        assert_eq!(markup("a*b*_c_"), "a\\*b\\*\\_c\\_");
        assert_eq!(markup("// no comment"), "\\/\\/ no comment");
    }

    #[test]
    fn line_breaks_become_forced_breaks() {
        assert_eq!(markup("a\nb\r\nc"), "a\\\nb\\\nc");
        assert_eq!(markup("a\n\nb"), "a\\\n\\\nb");
    }

    #[test]
    fn french_text_keeps_its_letters_and_quotes() {
        assert_eq!(markup("L’été d'Alès « oui »"), "L’été d'Alès «\u{a0}oui\u{a0}»");
    }

    /// The text a reader sees when `markup` is shown, read back from
    /// Typst's own parser; `None` if it holds anything but text.
    fn shown(markup: &str) -> Option<String> {
        use typst::syntax::{SyntaxKind, parse};
        let root = parse(markup);
        let mut text = String::new();
        for node in root.children() {
            match node.kind() {
                SyntaxKind::Text | SyntaxKind::SmartQuote => text.push_str(node.leaf_text()),
                SyntaxKind::Space => text.push(' '),
                SyntaxKind::Escape => text.push_str(&node.leaf_text()[1..]),
                SyntaxKind::Linebreak => text.push('\n'),
                _ => return None,
            }
        }
        Some(text)
    }

    /// What `markup` shows of `text`: its no-break spaces and line breaks
    /// made regular, invisible control characters marked.
    fn expected(text: &str) -> String {
        let text = text.replace("\r\n", "\n");
        crate::french::nbsp(&text)
            .chars()
            .map(|c| match c {
                '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{b}' | '\u{c}' => '\n',
                c if c.is_control() && c != '\t' && c != '\n' => '\u{fffd}',
                c => c,
            })
            .collect()
    }

    /// Words and line breaks, spaces aside.
    fn tokens(text: &str) -> Vec<String> {
        let mut tokens = vec![String::new()];
        for c in text.chars() {
            match c {
                ' ' | '\t' => tokens.push(String::new()),
                '\n' => tokens.extend(["\n".to_string(), String::new()]),
                c => tokens.last_mut().unwrap().push(c),
            }
        }
        tokens.retain(|t| !t.is_empty());
        tokens
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// Any string at all parses back as plain text, the same text.
        #[test]
        fn any_string_is_plain_text_to_typst(text in "\\PC*|[#$*_`<>@\\[\\]\\\\/=+~ \n\r\t.:'\"{}()a-z0-9-]*") {
            let escaped = markup(&text);
            let shown = shown(&escaped);
            proptest::prop_assert!(shown.is_some(), "{text:?} escaped as {escaped:?} is not plain text");
            let shown = shown.unwrap();
            // Typst shows a run of spaces as one: compare words and breaks.
            proptest::prop_assert_eq!(tokens(&shown), tokens(&expected(&text)));
        }
    }

    #[test]
    fn string_literals_are_closed() {
        assert_eq!(string("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
    }
}
