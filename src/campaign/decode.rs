//! Reading what spreadsheets export: the encoding and the separator.
//!
//! LibreOffice Calc and Excel write « CSV » as UTF-8 with or without a byte
//! order mark, as Windows-1252 (Excel's « CSV » in a French locale), or as
//! UTF-16; with commas, or semicolons where the comma is the decimal sign.
//! Each is read as it is when it can be told apart for certain, with a note
//! saying what was assumed; anything else is refused with how to re-export.

use std::borrow::Cow;

use crate::diag::Problem;

/// How to fix an unreadable file.
const REEXPORT: &str = "save it again as « CSV UTF-8 » (LibreOffice: « Enregistrer sous… », type « Texte CSV », jeu de caractères « Unicode (UTF-8) »; Excel: « CSV UTF-8 (délimité par des virgules) »)";

/// Bytes 0x81, 0x8D, 0x8F, 0x90 and 0x9D have no character in Windows-1252.
fn is_windows_1252(bytes: &[u8]) -> bool {
    !bytes.iter().any(|b| matches!(b, 0x00 | 0x81 | 0x8D | 0x8F | 0x90 | 0x9D))
}

/// The text of `bytes`, and a note when it was not plain UTF-8.
pub fn text<'a>(path: &str, bytes: &'a [u8]) -> Result<(Cow<'a, str>, Option<String>), Problem> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(path, rest).map(|t| (Cow::Borrowed(t), None));
    }
    for (bom, encoding, name) in [
        (&b"\xFF\xFE"[..], encoding_rs::UTF_16LE, "UTF-16 (little-endian)"),
        (&b"\xFE\xFF"[..], encoding_rs::UTF_16BE, "UTF-16 (big-endian)"),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let (text, had_errors) = encoding.decode_without_bom_handling(rest);
            if had_errors {
                return Err(Problem::file(path, format!("this file is not valid {name}; {REEXPORT}")));
            }
            return Ok((Cow::Owned(text.into_owned()), Some(format!("{path}: read as {name}"))));
        }
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((Cow::Borrowed(text), None));
    }
    if is_windows_1252(bytes) {
        let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
        let note = format!(
            "{path}: not UTF-8, read as Windows-1252 (Excel's « CSV » in French); to avoid this guess, {REEXPORT}"
        );
        return Ok((Cow::Owned(text.into_owned()), Some(note)));
    }
    utf8(path, bytes).map(|t| (Cow::Borrowed(t), None))
}

fn utf8<'a>(path: &str, bytes: &'a [u8]) -> Result<&'a str, Problem> {
    std::str::from_utf8(bytes).map_err(|e| {
        let line = 1 + bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() as u64;
        Problem::at(path, line, format!("this file is neither UTF-8 nor Windows-1252; {REEXPORT}"))
    })
}

/// The separator of a CSV file whose header holds some of `columns`: the
/// one that splits the first line into the most known column names (a
/// comma when there is a tie), and a note when it is not a comma.
pub fn separator(path: &str, text: &str, columns: &[&str]) -> (u8, Option<String>) {
    let header = text.lines().next().unwrap_or_default();
    let known = |sep: char| {
        header.split(sep).filter(|f| super::words::column(f.trim().trim_matches('"'), columns).is_some()).count()
    };
    let mut best = (b',', known(','));
    for (sep, byte) in [(';', b';'), ('\t', b'\t')] {
        let n = known(sep);
        if n > best.1 {
            best = (byte, n);
        }
    }
    let note = match best.0 {
        b';' => Some(format!("{path}: columns separated by semicolons (;)")),
        b'\t' => Some(format!("{path}: columns separated by tabs")),
        _ => None,
    };
    (best.0, note)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_is_read_with_a_note() {
        let (text, note) = text("a.csv", b"id,title\nq1,Pr\xe9vention \x80\n").unwrap();
        assert_eq!(text, "id,title\nq1,Prévention €\n");
        assert!(note.unwrap().contains("Windows-1252"));
    }

    #[test]
    fn utf8_with_and_without_bom_needs_no_note() {
        assert_eq!(text("a.csv", "\u{feff}é".as_bytes()).unwrap(), ("é".into(), None));
        assert_eq!(text("a.csv", "é".as_bytes()).unwrap(), ("é".into(), None));
    }

    #[test]
    fn utf16_with_a_bom_is_read() {
        let bytes: Vec<u8> = [0xFF, 0xFE].into_iter().chain("id;é".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(text("a.csv", &bytes).unwrap().0, "id;é");
    }

    #[test]
    fn undecidable_bytes_are_refused_with_how_to_reexport() {
        let e = text("a.csv", b"id\n\x81\x8d\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("CSV UTF-8"));
    }

    #[test]
    fn the_separator_is_found_from_the_header() {
        assert_eq!(separator("a", "id;title;text\n1;a,b;c", &["id", "title", "text"]).0, b';');
        assert_eq!(separator("a", "id,title,text\n1,a;b,c", &["id", "title", "text"]).0, b',');
        assert_eq!(separator("a", "\"id\"\t\"title\"\n", &["id", "title"]).0, b'\t');
    }
}
