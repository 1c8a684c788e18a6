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

    #[test]
    fn string_literals_are_closed() {
        assert_eq!(string("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
    }
}
