//! A candidate's answer as it arrived (plain text, Markdown, PDF, Word or
//! LibreOffice document, e-mail) turned into the text its quotes are
//! checked against, in process and with nothing sent anywhere.
//!
//! The text is normalised as a reader sees it: Unicode composed (NFC),
//! typographic ligatures spelt out, soft hyphens dropped. Line breaks,
//! hyphens at line ends and spacing are left to the quote comparison
//! ([`super::quotes`]), which ignores them.

use std::io::{Cursor, Read};

use mail_parser::MimeHeaders;
use quick_xml::events::Event;
use unicode_normalization::UnicodeNormalization;

/// What a source's name says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceFormat {
    /// `.txt`, `.md` or any other name: UTF-8 text, taken as it is.
    Text,
    Pdf,
    Docx,
    Odt,
    /// `.eml`: the message's text, then the text of its attachments.
    Email,
    /// A format interpel does not read (`.doc`, `.rtf`, HTML, an image…).
    Unread,
}

impl SourceFormat {
    /// The format of the file `name`, by its extension.
    pub fn of(name: &str) -> SourceFormat {
        let extension = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        match extension.as_str() {
            "pdf" => SourceFormat::Pdf,
            "docx" => SourceFormat::Docx,
            "odt" => SourceFormat::Odt,
            "eml" => SourceFormat::Email,
            "doc" | "rtf" | "htm" | "html" | "msg" | "pages" | "wpd" | "xls" | "xlsx" | "ods" | "png" | "jpg"
            | "jpeg" | "tif" | "tiff" => SourceFormat::Unread,
            _ => SourceFormat::Text,
        }
    }
}

/// The text of the source `name` whose bytes are `bytes`, normalised; or
/// why it has none, with what to do, as a sentence to follow the name.
pub fn text(name: &str, bytes: &[u8]) -> Result<String, String> {
    let raw = match SourceFormat::of(name) {
        SourceFormat::Text => String::from_utf8(bytes.to_vec()).map_err(|_| {
            "is not UTF-8 text: save it as UTF-8 (« Unicode (UTF-8) » in the editor's « Save as »)".to_string()
        })?,
        SourceFormat::Pdf => pdf(bytes)?,
        SourceFormat::Docx => office(bytes, "word/document.xml", &DOCX)?,
        SourceFormat::Odt => office(bytes, "content.xml", &ODT)?,
        SourceFormat::Email => email(bytes)?,
        SourceFormat::Unread => {
            return Err("is in a format interpel does not read: save it as PDF, DOCX, ODT or UTF-8 text (.txt) and name that file in the « source » column".into());
        }
    };
    Ok(normalise(&raw))
}

/// Composed Unicode, ligatures spelt out, soft hyphens dropped.
pub fn normalise(text: &str) -> String {
    // Most letters are already composed and free of both: a quick check
    // spares recomposing them at every build.
    let plain = |c: char| !matches!(c, '\u{ad}' | '\u{fb00}'..='\u{fb06}');
    if unicode_normalization::is_nfc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes
        && text.chars().all(plain)
    {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.nfc() {
        match c {
            '\u{ad}' => {}
            '\u{fb00}' => out.push_str("ff"),
            '\u{fb01}' => out.push_str("fi"),
            '\u{fb02}' => out.push_str("fl"),
            '\u{fb03}' => out.push_str("ffi"),
            '\u{fb04}' => out.push_str("ffl"),
            '\u{fb05}' | '\u{fb06}' => out.push_str("st"),
            c => out.push(c),
        }
    }
    out
}

/// What to do when a document's text cannot be taken out.
const SAVE_AS_TEXT: &str =
    "copy its text into a .txt file beside it (UTF-8) and name that file in the « source » column";

/// The text of a PDF, page after page (pages separated by a form feed).
fn pdf(bytes: &[u8]) -> Result<String, String> {
    if !bytes.starts_with(b"%PDF") {
        return Err(format!("is not a PDF file (it does not start with %PDF): {SAVE_AS_TEXT}"));
    }
    // The reader may give up on a damaged file by panicking: that is one
    // document's problem, not the run's, and says so without a trace.
    match quietly(|| pdf_pages(bytes)) {
        Some(Ok(pages)) if pages.iter().all(|p| p.trim().is_empty()) => Err(
            "has no text to read, only images (a scan?): type or recognise its text (OCR) into a .txt file beside it (UTF-8) and name that file in the « source » column".into(),
        ),
        Some(Ok(mut pages)) => {
            strip_furniture(&mut pages);
            Ok(pages.join("\u{c}"))
        }
        Some(Err(why)) => Err(format!("{why}: {SAVE_AS_TEXT}")),
        None => Err(format!("is damaged or uses PDF features interpel cannot read: {SAVE_AS_TEXT}")),
    }
}

/// Takes out of a PDF's pages what the layout prints on every page and
/// the writer never wrote in the letter: page numbers (« 2 », « - 2 - »,
/// « 2/3 », « Page 2 sur 3 ») and running heads or feet (a first or last
/// line found, numbers aside, on most pages). A quote that runs on from one
/// page to the next would otherwise have them in its middle.
fn strip_furniture(pages: &mut [String]) {
    // The first and last lines with text of each page, twice: a running
    // foot may sit above the page number.
    for _ in 0..2 {
        let ends: Vec<[Option<std::ops::Range<usize>>; 2]> = pages.iter().map(|p| edge_lines(p)).collect();
        let shape = |page: &str, line: &Option<std::ops::Range<usize>>| {
            line.as_ref().map(|r| {
                page[r.clone()].trim().chars().map(|c| if c.is_ascii_digit() { '#' } else { c }).collect::<String>()
            })
        };
        let mut cut: Vec<Vec<std::ops::Range<usize>>> = vec![Vec::new(); pages.len()];
        for side in 0..2 {
            let shapes: Vec<Option<String>> = pages.iter().zip(&ends).map(|(p, e)| shape(p, &e[side])).collect();
            for (i, found) in shapes.iter().enumerate() {
                let Some(found) = found else { continue };
                let line = pages[i][ends[i][side].clone().expect("a line")].trim();
                let repeated =
                    pages.len() >= 3 && shapes.iter().filter(|s| s.as_ref() == Some(found)).count() * 2 > pages.len();
                if is_page_number(line) || repeated {
                    cut[i].push(ends[i][side].clone().expect("a line"));
                }
            }
        }
        let mut changed = false;
        for (page, ranges) in pages.iter_mut().zip(cut) {
            let mut ranges = ranges;
            ranges.sort_by_key(|r| std::cmp::Reverse(r.start));
            ranges.dedup();
            for range in ranges {
                page.replace_range(range, "");
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

/// The byte ranges of the first and the last line with text of `page`
/// (the same line when it has one).
fn edge_lines(page: &str) -> [Option<std::ops::Range<usize>>; 2] {
    let mut lines = Vec::new();
    let mut start = 0;
    for (at, c) in page.char_indices() {
        if c == '\n' {
            lines.push(start..at);
            start = at + 1;
        }
    }
    lines.push(start..page.len());
    let with_text: Vec<&std::ops::Range<usize>> =
        lines.iter().filter(|r| !page[(*r).clone()].trim().is_empty()).collect();
    match with_text.as_slice() {
        [] => [None, None],
        [only] => [Some((*only).clone()), None],
        [first, .., last] => [Some((*first).clone()), Some((*last).clone())],
    }
}

/// « 2 », « - 2 - », « 2/3 », « Page 2 », « page 2 sur 3 », « p. 2 ».
fn is_page_number(line: &str) -> bool {
    let lower = line.to_lowercase();
    let rest = lower.trim_start_matches("page").trim_start_matches("p.").replace("sur", "/");
    rest.chars().any(|c| c.is_ascii_digit())
        && rest
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_whitespace() || matches!(c, '-' | '–' | '—' | '/' | '|' | '.'))
        && line.chars().count() <= 20
}

/// Each page's text of a PDF, or why it cannot be read.
fn pdf_pages(bytes: &[u8]) -> Result<Vec<String>, String> {
    let mut doc = pdf_extract::Document::load_mem(bytes).map_err(|e| format!("could not be read as a PDF ({e})"))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err("is protected by a password".into());
    }
    if draws_itself(&doc) {
        return Err("has a drawing that draws itself without end (a damaged or hostile file)".into());
    }
    let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
    let mut pages = Vec::with_capacity(numbers.len());
    for n in numbers {
        let mut text = String::new();
        let mut output = pdf_extract::PlainTextOutput::new(&mut text);
        pdf_extract::output_doc_page(&doc, &mut output, n)
            .map_err(|e| format!("has a page, {n}, that cannot be read ({e})"))?;
        pages.push(text);
    }
    Ok(pages)
}

/// How deep forms may draw forms, and how many drawings of forms a PDF
/// may make in all, before it counts as one that draws itself.
const DEEPEST_FORM: usize = 32;
const MOST_FORMS: usize = 100_000;

/// Whether an XObject of the PDF draws itself, directly or through
/// others (a form, or a stream that says it is an image or says nothing): pdf-extract follows `Do` without a limit, and such a file would
/// overflow the stack and abort the whole run, which no `catch_unwind`
/// stops. Only the forms a content stream draws are followed, with the
/// resources they would be drawn with (their own, else their drawer's).
fn draws_itself(doc: &pdf_extract::Document) -> bool {
    let mut budget = MOST_FORMS;
    doc.get_pages().values().any(|&page| {
        let Ok(content) = doc.get_page_content(page) else { return false };
        let resources = inherited_resources(doc, page);
        forms_loop(doc, &content, resources, &mut Vec::new(), &mut budget)
    })
}

/// The resources of a page, from it or the nearest of its parents.
fn inherited_resources(doc: &pdf_extract::Document, page: pdf_extract::ObjectId) -> Option<&pdf_extract::Dictionary> {
    let mut node = doc.get_dictionary(page).ok();
    for _ in 0..DEEPEST_FORM {
        let dict = node?;
        if let Some(resources) = dict.get(b"Resources").ok().and_then(|r| as_dict(doc, r)) {
            return Some(resources);
        }
        node = dict.get(b"Parent").ok().and_then(|p| as_dict(doc, p));
    }
    None
}

/// `object` as a dictionary, following one reference.
fn as_dict<'d>(doc: &'d pdf_extract::Document, object: &'d pdf_extract::Object) -> Option<&'d pdf_extract::Dictionary> {
    match object {
        pdf_extract::Object::Reference(id) => doc.get_dictionary(*id).ok(),
        other => other.as_dict().ok(),
    }
}

/// Whether drawing `content` with `resources` leads to a form already being
/// drawn (on `stack`), too deep, or past the budget.
fn forms_loop(
    doc: &pdf_extract::Document,
    content: &[u8],
    resources: Option<&pdf_extract::Dictionary>,
    stack: &mut Vec<pdf_extract::ObjectId>,
    budget: &mut usize,
) -> bool {
    let Some(xobjects) = resources.and_then(|r| r.get(b"XObject").ok()).and_then(|x| as_dict(doc, x)) else {
        return false;
    };
    let Ok(operations) = pdf_extract::content::Content::decode(content) else { return false };
    for operation in operations.operations.iter().filter(|o| o.operator == "Do") {
        let Some(name) = operation.operands.first().and_then(|n| n.as_name().ok()) else { continue };
        let Ok(&pdf_extract::Object::Reference(id)) = xobjects.get(name) else { continue };
        // Any stream, whatever its Subtype says: pdf-extract draws them all.
        let Ok(form) = doc.get_object(id).and_then(|o| o.as_stream()) else { continue };
        if stack.contains(&id) || stack.len() >= DEEPEST_FORM || *budget == 0 {
            return true;
        }
        *budget -= 1;
        let own = form.dict.get(b"Resources").ok().and_then(|r| as_dict(doc, r));
        let content = form.decompressed_content().unwrap_or_else(|_| form.content.clone());
        stack.push(id);
        if forms_loop(doc, &content, own.or(resources), stack, budget) {
            return true;
        }
        stack.pop();
    }
    false
}

/// `passage` (a part of the source `text`) on one line, as a quote prints
/// it: its line breaks and page breaks joined by a space, a word cut by a
/// hyphen at a line's end joined again (the hyphen kept when `text` writes
/// the word with one elsewhere), runs of spaces made one. The quote check
/// ignores white space and hyphens, so this is still verbatim.
pub fn joined(passage: &str, text: &str) -> String {
    let mut out = String::with_capacity(passage.len());
    let mut rest = passage;
    while let Some(at) = rest.find(['\n', '\r', '\u{c}']) {
        let (line, after) = rest.split_at(at);
        let after = after.trim_start();
        let line = line.trim_end();
        if let Some(stem) = line.strip_suffix('-')
            && stem.chars().last().is_some_and(char::is_alphabetic)
            && after.chars().next().is_some_and(char::is_alphabetic)
        {
            let tail: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
            let head: String =
                stem.chars().rev().take_while(|c| c.is_alphabetic()).collect::<Vec<_>>().into_iter().rev().collect();
            out.push_str(stem);
            if keeps_hyphen(&head, &tail, text) {
                out.push('-');
            }
        } else {
            out.push_str(line);
            if !line.is_empty() && !after.is_empty() {
                out.push(' ');
            }
        }
        rest = after;
    }
    out.push_str(rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether the hyphen at the end of a line, between `head` and `tail`, is
/// the word's own (« sans-abri », « Saint-Étienne », « peut-être ») rather
/// than a cut made by the layout (« intercom-munal »): the text writes the
/// word with it elsewhere, or not without it, and it joins a capital, a
/// word that makes compounds or a pronoun.
fn keeps_hyphen(head: &str, tail: &str, text: &str) -> bool {
    const COMPOUNDING: &[&str] = &[
        "sans",
        "dix",
        "vingt",
        "trente",
        "quarante",
        "cinquante",
        "soixante",
        "quatre",
        "peut",
        "vis",
        "rez",
        "après",
        "avant",
        "arrière",
        "demi",
        "mi",
        "semi",
        "non",
        "anti",
        "contre",
        "sous",
        "sur",
        "extra",
        "ex",
        "auto",
        "porte",
        "garde",
        "grand",
        "grande",
        "bien",
        "mal",
        "haut",
        "bas",
        "belle",
        "beau",
        "saint",
        "sainte",
        "nord",
        "sud",
        "est",
        "ouest",
        "centre",
        "médico",
        "socio",
        "psycho",
        "post",
        "pré",
        "co",
        "inter",
        "multi",
        "pluri",
        "micro",
        "ci",
        "celle",
        "celui",
        "ceux",
        "là",
        "au",
        "c",
    ];
    const CLITICS: &[&str] =
        &["être", "là", "ci", "même", "mêmes", "il", "elle", "on", "ils", "elles", "y", "en", "nous", "vous", "t"];
    let lower = head.to_lowercase();
    if text.contains(&format!("{head}-{tail}")) {
        return true;
    }
    if text.contains(&format!("{head}{tail}")) {
        return false;
    }
    tail.starts_with(char::is_uppercase) || COMPOUNDING.contains(&lower.as_str()) || CLITICS.contains(&tail)
}

/// The length of the marker that starts a list item: a bullet, or a
/// number with `.` or `)` (« 1. », « 2) »), before white space; `None` for a
/// line that starts no item.
pub fn item_marker(line: &str) -> Option<usize> {
    let mut chars = line.char_indices();
    let (_, first) = chars.next()?;
    let end = if matches!(
        first,
        '-' | '•'
            | '–'
            | '—'
            | '*'
            | '·'
            | '▪'
            | '◦'
            | '‣'
            | '●'
            | '■'
            | '➢'
            | '➤'
            | '→'
            | '✓'
            | '✔'
            | '\u{f0b7}'
            | '\u{f0a7}'
    ) {
        first.len_utf8()
    } else {
        let digits = line.chars().take_while(char::is_ascii_digit).count();
        if digits == 0 || digits > 2 || !line[digits..].starts_with(['.', ')']) {
            return None;
        }
        digits + 1
    };
    line[end..].starts_with(char::is_whitespace).then_some(end)
}

/// The paragraphs of a source's text, each on one line (see [`joined`]):
/// a blank line ends a paragraph, and so does a page break, unless the sentence goes
/// on after it in lower case (a page break in the middle of a sentence).
pub fn paragraphs(text: &str) -> Vec<String> {
    // Blocks of lines between blank lines and page breaks.
    let mut blocks: Vec<String> = vec![String::new()];
    for line in text.replace('\u{c}', "\n\n").split('\n') {
        let item = item_marker(line.trim_start()).is_some();
        if line.trim().is_empty() {
            blocks.push(String::new());
        } else {
            // A list item starts a paragraph of its own.
            if item && blocks.last().is_some_and(|b| !b.is_empty()) {
                blocks.push(String::new());
            }
            let block = blocks.last_mut().expect("one block at least");
            block.push_str(line);
            block.push('\n');
        }
    }
    let mut out: Vec<String> = Vec::new();
    for block in blocks {
        let line = joined(&block, text);
        if line.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some(last)
                if !last.ends_with(['.', '!', '?', '…', ':', '»', ')', '"'])
                    && line.starts_with(char::is_lowercase) =>
            {
                last.push(' ');
                last.push_str(&line);
            }
            _ => out.push(line),
        }
    }
    out
}

thread_local! {
    /// Set while a reader that may panic runs on this thread.
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `read`, `None` if it panicked; the panic's message is not printed
/// (other threads' panics still are).
fn quietly<T>(read: impl FnOnce() -> T) -> Option<T> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).ok();
    QUIET.with(|q| q.set(false));
    result
}

/// How an office format marks its text: the element of a paragraph, of a
/// run of text, of a tab, of a line break, of a run of spaces; and the
/// elements whose text is not the document's (comments, deleted text).
struct Markup {
    paragraphs: &'static [&'static str],
    text: &'static str,
    tab: &'static str,
    line_break: &'static [&'static str],
    spaces: Option<&'static str>,
    skipped: &'static [&'static str],
    /// The parts read after the text, if the document has them (notes).
    notes: &'static [&'static str],
    /// The elements of a text box, or of a note written where it is cited
    /// (ODT): their paragraphs are anchored inside a paragraph of the page,
    /// but are not part of its sentence, so they come after that
    /// paragraph, each a paragraph of its own.
    boxes: &'static [&'static str],
}

const DOCX: Markup = Markup {
    paragraphs: &["w:p"],
    text: "w:t",
    tab: "w:tab",
    line_break: &["w:br", "w:cr"],
    spaces: None,
    // Properties (their w:tab are tab stops), deleted and moved-away text,
    // field codes, and the fallback copy of every text box.
    skipped: &["w:pPr", "w:rPr", "w:del", "w:moveFrom", "w:instrText", "w:delText", "mc:Fallback"],
    notes: &["word/footnotes.xml", "word/endnotes.xml"],
    boxes: &["w:txbxContent"],
};

const ODT: Markup = Markup {
    paragraphs: &["text:p", "text:h"],
    text: "",
    tab: "text:tab",
    line_break: &["text:line-break"],
    spaces: Some("text:s"),
    skipped: &["office:annotation", "text:note-citation", "text:tracked-changes", "svg:title", "svg:desc"],
    // An ODT's notes are in the paragraph that cites them.
    notes: &[],
    boxes: &["draw:text-box", "text:note-body"],
};

/// The most a document's XML may unpack to: a letter is a few hundred
/// kilobytes; more is a damaged or hostile file.
const LARGEST_XML: u64 = 64 << 20;

/// The text of a DOCX or ODT file: the paragraphs of its XML part `part`,
/// then (DOCX) its footnotes and endnotes; an ODT's notes follow the
/// paragraph that cites them.
fn office(bytes: &[u8], part: &str, markup: &Markup) -> Result<String, String> {
    if bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0]) {
        return Err(format!(
            "is protected by a password, or is an old .doc file saved under another name: {SAVE_AS_TEXT}"
        ));
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| {
        format!("is not a readable document (not a zip archive as DOCX and ODT files are): {SAVE_AS_TEXT}")
    })?;
    let encrypted =
        read_part(&mut archive, "META-INF/manifest.xml").ok().flatten().is_some_and(|m| m.contains("encryption-data"));
    if encrypted {
        return Err(format!("is protected by a password: {SAVE_AS_TEXT}"));
    }
    let Some(xml) = read_part(&mut archive, part)? else {
        return Err(format!("has no {part}: it is not a document of this kind: {SAVE_AS_TEXT}"));
    };
    let damaged = |e: quick_xml::Error| format!("is damaged ({e}): {SAVE_AS_TEXT}");
    let mut text = office_text(&xml, markup).map_err(damaged)?;
    for notes in markup.notes {
        if let Some(xml) = read_part(&mut archive, notes)? {
            text.push_str(&office_text(&xml, markup).map_err(damaged)?);
        }
    }
    if text.trim().is_empty() {
        return Err(format!("has no text that interpel can find: {SAVE_AS_TEXT}"));
    }
    Ok(text)
}

/// The part `name` of an office document as text, if it has one.
fn read_part(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<String>, String> {
    let mut file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("cannot be opened ({e}): {SAVE_AS_TEXT}")),
    };
    if file.size() > LARGEST_XML {
        return Err(format!("unpacks to {} MB: that is not a letter: {SAVE_AS_TEXT}", file.size() >> 20));
    }
    let mut xml = String::new();
    (&mut file)
        .take(LARGEST_XML + 1)
        .read_to_string(&mut xml)
        .map_err(|e| format!("is damaged ({e}): {SAVE_AS_TEXT}"))?;
    if xml.len() as u64 > LARGEST_XML {
        return Err(format!("unpacks to more than {} MB: that is not a letter: {SAVE_AS_TEXT}", LARGEST_XML >> 20));
    }
    Ok(Some(xml))
}

/// The text of an office document's XML. A text box's paragraphs follow
/// the paragraph they are anchored in (not cut into its sentence), in the
/// order of their anchors.
fn office_text(xml: &str, markup: &Markup) -> Result<String, quick_xml::Error> {
    let mut reader = quick_xml::Reader::from_str(xml);
    // The text being read, one level per text box open around it: each
    // level's text, and the text boxes closed inside its current paragraph.
    let mut levels: Vec<(String, String)> = vec![Default::default()];
    // Inside how many skipped elements, and inside a text run (DOCX).
    let (mut skipped, mut in_text) = (0usize, markup.text.is_empty());
    loop {
        let event = reader.read_event()?;
        let (out, boxed) = levels.last_mut().expect("the document's own level is never closed");
        match event {
            Event::Start(e) => {
                let name = e.name().0;
                if markup.skipped.contains(&name) {
                    skipped += 1;
                } else if name == markup.text {
                    in_text = true;
                } else if skipped == 0 && markup.boxes.contains(&name) {
                    levels.push(Default::default());
                }
            }
            Event::End(e) => {
                let name = e.name().0;
                if markup.skipped.contains(&name) {
                    skipped = skipped.saturating_sub(1);
                } else if name == markup.text {
                    in_text = false;
                } else if skipped == 0 && markup.paragraphs.contains(&name) {
                    out.push('\n');
                    out.push_str(boxed);
                    boxed.clear();
                } else if skipped == 0 && markup.boxes.contains(&name) && levels.len() > 1 {
                    let (text, inner) = levels.pop().expect("a text box's level");
                    let (_, boxed) = levels.last_mut().expect("the document's own level");
                    boxed.push_str(&text);
                    boxed.push_str(&inner);
                }
            }
            Event::Empty(e) if skipped == 0 => {
                let name = e.name().0;
                if name == markup.tab {
                    out.push('\t');
                } else if markup.line_break.contains(&name) || markup.paragraphs.contains(&name) {
                    out.push('\n');
                } else if Some(name) == markup.spaces {
                    let count = e
                        .try_get_attribute("text:c")
                        .ok()
                        .flatten()
                        .and_then(|a| a.value.parse::<usize>().ok())
                        .unwrap_or(1);
                    out.extend(std::iter::repeat_n(' ', count.min(1000)));
                }
            }
            Event::Text(t) if skipped == 0 && in_text => out.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if skipped == 0 && in_text => match r.resolve_char_ref()? {
                Some(c) => out.push(c),
                None => out.push_str(quick_xml::escape::resolve_predefined_entity(&r.xml10_content()).unwrap_or("")),
            },
            Event::Eof => break,
            _ => {}
        }
    }
    // Text boxes left open by a damaged file, or anchored outside any
    // paragraph, come last.
    let mut text = String::new();
    for (out, boxed) in levels {
        text.push_str(&out);
        text.push_str(&boxed);
    }
    Ok(text)
}

/// The text of an e-mail: its text body, then the text of each attachment
/// interpel can read, each under a line naming it.
fn email(bytes: &[u8]) -> Result<String, String> {
    let message = mail_parser::MessageParser::default()
        .parse(bytes)
        .ok_or_else(|| format!("is not a readable e-mail message: {SAVE_AS_TEXT}"))?;
    let (mut out, mut unread) = (String::new(), Vec::new());
    bodies(&message, "", &mut out);
    for attachment in message.attachments() {
        // A message forwarded whole: its text, one level down.
        if let Some(forwarded) = attachment.message() {
            bodies(forwarded, "\n[message transféré]\n", &mut out);
            continue;
        }
        let Some(name) = attachment.attachment_name() else { continue };
        if SourceFormat::of(name) == SourceFormat::Email {
            continue;
        }
        let readable = matches!(SourceFormat::of(name), SourceFormat::Pdf | SourceFormat::Docx | SourceFormat::Odt)
            || name.to_ascii_lowercase().ends_with(".txt")
            || name.to_ascii_lowercase().ends_with(".md");
        if !readable {
            continue;
        }
        match text(name, attachment.contents()) {
            Ok(text) => {
                out.push_str(&format!("\n[pièce jointe : {name}]\n"));
                out.push_str(&text);
                out.push('\n');
            }
            // The body may hold the answer: an attachment that cannot be
            // read is said only when nothing else can be.
            Err(why) => unread.push(format!("« {name} » {why}")),
        }
    }
    if out.trim().is_empty() {
        return match unread.first() {
            Some(why) => Err(format!("has no text in its body, and its attachment {why}")),
            None => Err(format!("has no text, in its body or in an attachment: {SAVE_AS_TEXT}")),
        };
    }
    Ok(out)
}

/// Appends each text body of `message` to `out`, each after `heading`,
/// without the message it replies to (see [`own_words`]).
fn bodies(message: &mail_parser::Message, heading: &str, out: &mut String) {
    let mut i = 0;
    while let Some(body) = message.body_text(i) {
        out.push_str(heading);
        out.push_str(&own_words(&body));
        out.push('\n');
        i += 1;
    }
}

/// An e-mail body without the message it answers: the lines quoted with
/// `>` and the line that introduces them (« Le 2 févr. 2026 à 10:12,
/// EKKO <contact@ekko.fr> a écrit : », « On … wrote: »). The association's
/// own questionnaire, quoted back, is not the list's words.
fn own_words(body: &str) -> String {
    let lines: Vec<&str> = body.lines().collect();
    let introduces = |text: &str| {
        let text = text.trim();
        ["a écrit :", "a écrit:", "wrote:"].iter().any(|end| text.ends_with(end))
    };
    // Whether the first line with text from `from` on is quoted.
    let quoted_from = |from: usize| {
        lines
            .get(from..)
            .unwrap_or_default()
            .iter()
            .find(|l| !l.trim().is_empty())
            .is_some_and(|l| l.trim().starts_with('>'))
    };
    let mut out = String::with_capacity(body.len());
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if line.trim().starts_with('>') {
            i += 1;
            continue;
        }
        // The attribution, on one line or cut over two.
        if introduces(line) && quoted_from(i + 1) {
            i += 1;
            continue;
        }
        if let Some(next) = lines.get(i + 1)
            && introduces(&format!("{} {}", line.trim(), next.trim()))
            && !introduces(line)
            && (line.trim_start().starts_with("Le ") || line.trim_start().starts_with("On "))
            && quoted_from(i + 2)
        {
            i += 2;
            continue;
        }
        out.push_str(line);
        out.push('\n');
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn page_numbers_and_running_heads_are_not_the_letters_words() {
        let mut pages: Vec<String> = [
            "Liste Avenir – réponse\nNous voulons une politique\n1\n",
            "Liste Avenir – réponse\nde prévention. Nous créerons\n- 2 -\n",
            "Liste Avenir – réponse\nun poste.\nPage 3 sur 3",
        ]
        .map(String::from)
        .to_vec();
        strip_furniture(&mut pages);
        let text = pages.join("\u{c}");
        assert!(
            !text.contains("Avenir") && !text.contains('1') && !text.contains('2') && !text.contains('3'),
            "{text:?}"
        );
        assert!(text.contains("Nous voulons une politique") && text.contains("un poste."), "{text:?}");
        // A short page's only line, a sentence, stays.
        let mut pages = vec!["Merci.".to_string(), "Nous créerons un poste.".to_string()];
        strip_furniture(&mut pages);
        assert_eq!(pages, ["Merci.", "Nous créerons un poste."]);
    }

    #[test]
    fn a_hyphen_at_a_line_end_is_kept_when_it_is_the_words() {
        let text = "les sans-\nabri et un plan intercom-\nmunal, à Saint-\nÉtienne, peut-\nêtre";
        assert_eq!(joined(text, text), "les sans-abri et un plan intercommunal, à Saint-Étienne, peut-être");
        // The text decides when it writes the word elsewhere.
        let text = "un centre médico-\nsocial et un centre médicosocial";
        assert_eq!(joined(text, text), "un centre médicosocial et un centre médicosocial");
    }

    #[test]
    fn paragraphs_keep_list_items_apart() {
        let text = "Nous proposons :\n- un poste ;\n- un budget.\n\nFin.";
        assert_eq!(paragraphs(text), ["Nous proposons :", "- un poste ;", "- un budget.", "Fin."]);
        // Numbered items and the other bullets the draft knows, alike.
        let text = "Nos engagements :\n1. un poste ;\n2) un budget ;\n➢ un lieu.";
        assert_eq!(paragraphs(text), ["Nos engagements :", "1. un poste ;", "2) un budget ;", "➢ un lieu."]);
        // A number that is no item's marker stays inside its sentence.
        assert_eq!(paragraphs("Nous ouvrirons\n2026 places."), ["Nous ouvrirons 2026 places."]);
    }

    #[test]
    fn a_reply_leaves_out_the_message_it_quotes() {
        let body = "Voici notre réponse : nous créerons un poste.\n\nLe 2 févr. 2026 à 10:12, EKKO <contact@ekko.fr> a\nécrit :\n> Quelle place pour la prévention ?\n> Cordialement\n";
        let own = own_words(body);
        assert!(own.contains("nous créerons un poste"), "{own}");
        assert!(!own.contains("prévention") && !own.contains('>'), "{own}");
        let body = "Oui.\nOn Mon, Feb 2, 2026, EKKO wrote:\n> Quelle place ?\n";
        assert_eq!(own_words(body).trim(), "Oui.");
    }

    #[test]
    fn names_say_the_format() {
        assert_eq!(SourceFormat::of("letters/a.PDF"), SourceFormat::Pdf);
        assert_eq!(SourceFormat::of("a.docx"), SourceFormat::Docx);
        assert_eq!(SourceFormat::of("a.odt"), SourceFormat::Odt);
        assert_eq!(SourceFormat::of("a.eml"), SourceFormat::Email);
        assert_eq!(SourceFormat::of("a.md"), SourceFormat::Text);
        assert_eq!(SourceFormat::of("lettre"), SourceFormat::Text);
    }

    #[test]
    fn normalising_composes_and_spells_out_ligatures() {
        assert_eq!(
            normalise("e\u{301}te\u{301} ef\u{fb01}cace o\u{fb00}re pré\u{ad}vention"),
            "été efficace offre prévention"
        );
        // Each on its own, since composed text free of both is kept as is.
        assert_eq!(normalise("pré\u{ad}vention"), "prévention");
        assert_eq!(normalise("e\u{301}te\u{301}"), "été");
        assert_eq!(normalise("\u{fb02}eur"), "fleur");
        assert_eq!(normalise("déjà « vu »"), "déjà « vu »");
    }

    #[test]
    fn office_xml_gives_paragraphs_tabs_and_spaces() {
        let docx = r#"<w:document><w:body><w:p><w:r><w:t>Nous</w:t></w:r><w:r><w:t xml:space="preserve"> agirons &amp; vite</w:t></w:r></w:p><w:p><w:r><w:tab/><w:t>Deux</w:t><w:br/><w:t>trois</w:t></w:r><w:del><w:r><w:delText>non</w:delText></w:r></w:del></w:p></w:body></w:document>"#;
        assert_eq!(office_text(docx, &DOCX).unwrap(), "Nous agirons & vite\n\tDeux\ntrois\n");
        let odt = r#"<office:document-content><office:body><office:text><text:h>Titre</text:h><text:p>Un<text:s text:c="2"/>deux<text:line-break/>l&apos;été<office:annotation><text:p>note</text:p></office:annotation></text:p></office:text></office:body></office:document-content>"#;
        assert_eq!(office_text(odt, &ODT).unwrap(), "Titre\nUn  deux\nl'été\n");
    }

    #[test]
    fn tab_stops_and_fallbacks_are_not_text() {
        let docx = r#"<w:document><w:body><w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>Un</w:t></w:r><mc:AlternateContent><mc:Choice><w:t>boîte</w:t></mc:Choice><mc:Fallback><w:t>boîte</w:t></mc:Fallback></mc:AlternateContent></w:p></w:body></w:document>"#;
        assert_eq!(office_text(docx, &DOCX).unwrap(), "Unboîte\n");
    }

    #[test]
    fn a_text_box_follows_the_paragraph_it_is_anchored_in() {
        let docx = r#"<w:document><w:body><w:p><w:r><w:t xml:space="preserve">Nous ouvrirons </w:t></w:r><w:r><mc:AlternateContent><mc:Choice><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>Encadré : nos trois engagements.</w:t></w:r></w:p><w:p><w:r><w:t>Un lieu d’accueil.</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>Encadré : nos trois engagements.</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>un lieu d’accueil.</w:t></w:r></w:p><w:p><w:r><w:t>Suite.</w:t></w:r></w:p></w:body></w:document>"#;
        assert_eq!(
            office_text(docx, &DOCX).unwrap(),
            "Nous ouvrirons un lieu d’accueil.\nEncadré : nos trois engagements.\nUn lieu d’accueil.\nSuite.\n"
        );
        let odt = r#"<office:text><text:p>Avant <draw:frame><draw:text-box><text:p>Dans le cadre.</text:p><text:p>Encore <draw:frame><draw:text-box><text:p>Au fond.</text:p></draw:text-box></draw:frame>lui.</text:p></draw:text-box></draw:frame>après.</text:p><text:p>Fin.</text:p></office:text>"#;
        assert_eq!(office_text(odt, &ODT).unwrap(), "Avant après.\nDans le cadre.\nEncore lui.\nAu fond.\nFin.\n");
        // A footnote does not cut the sentence that cites it; its number is
        // not text.
        let odt = r#"<office:text><text:p>Nous créerons un poste<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Financé par la Ville.</text:p></text:note-body></text:note> de coordinateur.</text:p><text:p>Fin.</text:p></office:text>"#;
        assert_eq!(
            office_text(odt, &ODT).unwrap(),
            "Nous créerons un poste de coordinateur.\nFinancé par la Ville.\nFin.\n"
        );
        // A box never closed, in a damaged file, still gives its words.
        let broken = r#"<office:text><text:p>Avant <draw:text-box><text:p>Perdu ?</text:p>"#;
        assert_eq!(office_text(broken, &ODT).unwrap(), "Avant Perdu ?\n");
    }

    /// LibreOffice's own files (made from `note-and-box.fodt`, see
    /// `tests/fixtures/sources/make.sh`), with a footnote called in one
    /// sentence and a text box anchored in another: neither cuts the
    /// sentence it sits in, and both are read.
    #[test]
    fn a_footnote_or_a_text_box_leaves_its_sentence_whole() {
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sources");
        for format in ["odt", "docx", "pdf"] {
            let bytes = std::fs::read(fixtures.join(format!("note-and-box.{format}"))).unwrap();
            let text = text(&format!("x.{format}"), &bytes).unwrap();
            let folded = super::super::quotes::fold(&text);
            // A PDF gives the page as printed: the call number glued to its
            // word, the box (set in the line) inside the sentence.
            let pdf = format == "pdf";
            let mut quotes = vec![
                format!("Nous créerons un poste de coordinateur{} pour la prévention", if pdf { "1" } else { "" }),
                "Financé à parts égales par la Ville et l’Agglomération.".to_string(),
                "Encadré : nos trois priorités, réaffirmées.".to_string(),
            ];
            let around_the_box =
                ["Notre équipe soutiendra", "les associations du territoire, qui font un travail remarquable."];
            if pdf {
                quotes.extend(around_the_box.map(String::from));
            } else {
                quotes.push(around_the_box.join(" "));
            }
            for quote in &quotes {
                let found = super::super::quotes::find(quote, &folded, &text);
                assert!(found.is_ok(), "{format}: « {quote} » not in {text:?}");
            }
        }
    }

    /// A DOCX holding `document` as its text part.
    fn docx_with(document: &[u8]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file("word/document.xml", options).unwrap();
        std::io::Write::write_all(&mut zip, document).unwrap();
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn empty_huge_or_encrypted_documents_say_so() {
        let e = text("a.docx", &docx_with(b"<x:document><x:p>prefixe inconnu</x:p></x:document>")).unwrap_err();
        assert!(e.contains("has no text"), "{e}");
        let e = text("a.docx", &docx_with(&vec![b' '; (LARGEST_XML + 10) as usize])).unwrap_err();
        assert!(e.contains("not a letter"), "{e}");
        let e = text("a.docx", &[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).unwrap_err();
        assert!(e.contains("password"), "{e}");
        let e = text("a.rtf", br"{\rtf1 Nous}").unwrap_err();
        assert!(e.contains("does not read"), "{e}");
    }

    #[test]
    fn unreadable_files_say_what_to_do() {
        let e = text("a.pdf", b"not a pdf").unwrap_err();
        assert!(e.contains(".txt file beside it"), "{e}");
        let e = text("a.docx", b"PK not really").unwrap_err();
        assert!(e.contains("not a zip archive"), "{e}");
        let e = text("a.txt", &[0xff, 0xfe, 0x41]).unwrap_err();
        assert!(e.contains("UTF-8"), "{e}");
        let e = text("a.eml", b"").unwrap_err();
        assert!(e.contains("e-mail"), "{e}");
    }

    #[test]
    fn an_email_gives_its_body_and_its_attachments() {
        let eml = "From: Liste <liste@exemple.fr>\r\nTo: asso@exemple.fr\r\nSubject: =?utf-8?q?R=C3=A9ponse?=\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nNous cr=C3=A9erons une maison.\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Disposition: attachment; filename=\"annexe.txt\"\r\n\r\nEt un accueil de nuit.\r\n--b--\r\n";
        let text = text("a.eml", eml.as_bytes()).unwrap();
        assert!(text.contains("Nous créerons une maison."), "{text}");
        assert!(text.contains("[pièce jointe : annexe.txt]\nEt un accueil de nuit."), "{text}");
        // An attachment that cannot be read does not hide the body.
        let eml = eml.replace("annexe.txt", "annexe.pdf");
        let text = super::text("a.eml", eml.as_bytes()).unwrap();
        assert!(text.contains("Nous créerons une maison.") && !text.contains("accueil de nuit"), "{text}");
    }
}
