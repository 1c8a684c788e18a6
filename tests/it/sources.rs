//! Sources as the lists sent them: a PDF, a Word or a LibreOffice document
//! in place of a `.txt`, read in process, its quotes verified against it.

use crate::common::*;

/// The shipped campaign with Paul Planque's letter as a `format` file
/// (made by LibreOffice 7.4 from the shipped text) instead of its `.txt`.
fn campaign_with_source(format: &str) -> tempfile::TempDir {
    let dir = campaign_copy();
    let name = format!("paul-planque.{format}");
    let fixture = shipped().join("tests/fixtures/sources").join(&name);
    std::fs::copy(fixture, dir.path().join("inputs/letters").join(&name)).unwrap();
    std::fs::remove_file(dir.path().join("inputs/letters/paul-planque.txt")).unwrap();
    let candidates = dir.path().join("inputs/candidates.csv");
    let text = std::fs::read_to_string(&candidates).unwrap();
    std::fs::write(&candidates, text.replace("letters/paul-planque.txt", &format!("letters/{name}"))).unwrap();
    dir
}

#[test]
fn a_pdf_a_docx_and_an_odt_answer_are_read_and_their_quotes_verified() {
    for format in ["pdf", "docx", "odt"] {
        let dir = campaign_with_source(format);
        let output = interpel(&["check", dir.path().to_str().unwrap(), "--date", "2026-11-22"]);
        assert!(output.status.success(), "{format}: {}", stderr(&output));
        // Every quote of his, found in the document as the list sent it.
        let text = interpel::campaign::sources::text(
            &format!("x.{format}"),
            &std::fs::read(dir.path().join(format!("inputs/letters/paul-planque.{format}"))).unwrap(),
        )
        .unwrap();
        assert!(text.contains("Alès"), "{format}: accents lost: {text}");
    }
}

#[test]
fn a_quote_missing_from_a_pdf_source_is_reported_with_its_line() {
    let dir = campaign_with_source("pdf");
    let answers = dir.path().join("inputs/answers.csv");
    let text = std::fs::read_to_string(&answers).unwrap();
    let (line, _) = text.lines().enumerate().find(|(_, l)| l.starts_with("paul-planque,")).unwrap();
    let quote = "J’ai eu l’occasion, à titre personnel,";
    assert!(text.lines().nth(line).unwrap().contains(quote));
    let changed = text.replacen(quote, "Nous fermerons toutes les structures,", 1);
    std::fs::write(&answers, changed).unwrap();
    let output = interpel(&["check", dir.path().to_str().unwrap(), "--date", "2026-11-22"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_contains(&stderr(&output), &format!("inputs/answers.csv:{}", line + 1), "error");
    assert_contains(&stderr(&output), "letters/paul-planque.pdf", "error");
}

#[test]
fn a_pdf_without_text_or_a_damaged_document_says_what_to_do() {
    for (name, bytes) in [("scan.pdf", &b"%PDF-1.4 damaged"[..]), ("lettre.docx", &b"PK\x03\x04 torn"[..])] {
        let dir = campaign_copy();
        std::fs::write(dir.path().join("inputs/letters").join(name), bytes).unwrap();
        let candidates = dir.path().join("inputs/candidates.csv");
        let text = std::fs::read_to_string(&candidates).unwrap();
        std::fs::write(&candidates, text.replace("letters/paul-planque.txt", &format!("letters/{name}"))).unwrap();
        let output = interpel(&["check", dir.path().to_str().unwrap(), "--date", "2026-11-22"]);
        assert_eq!(output.status.code(), Some(1), "{name}: {}", stderr(&output));
        let err = stderr(&output);
        assert_contains(&err, &format!("inputs/candidates.csv:3: source « letters/{name} »"), name);
        assert_contains(&err, ".txt file beside it", name);
        assert!(!err.contains("panicked"), "{name}: {err}");
    }
}

#[test]
fn quotes_from_a_pdf_cite_their_page_in_the_briefing_the_proof_and_the_site() {
    let dir = campaign_with_source("pdf");
    build(dir.path(), &[]);
    // The page each quote starts on, as the reader of the PDF finds it.
    let pdf = std::fs::read(dir.path().join("inputs/letters/paul-planque.pdf")).unwrap();
    let source = interpel::campaign::sources::text("x.pdf", &pdf).unwrap();
    assert_eq!(source.matches('\u{c}').count(), 2, "three pages, two form feeds");
    let answers = std::fs::read_to_string(dir.path().join("inputs/answers.csv")).unwrap();
    let mut pages = Vec::new();
    for row in csv::Reader::from_reader(answers.as_bytes()).records().map(Result::unwrap) {
        if &row[0] == "paul-planque" && !row[3].is_empty() {
            let first_words: String = row[3].split_whitespace().take(4).collect::<Vec<_>>().join(" ");
            let page = source.split('\u{c}').position(|page| squash(page).contains(&squash(&first_words)));
            pages.push(1 + page.unwrap_or_else(|| panic!("« {first_words} » not in the PDF's text")));
        }
    }
    assert!(pages.iter().any(|&p| p > 1), "every quote on page 1: {pages:?}");
    let out = dir.path().join("out");
    for (what, text) in [
        ("briefing", pdf_text(&out.join("briefings/ales.pdf"))),
        ("proof", pdf_text(&out.join("proofs/paul-planque.pdf"))),
    ] {
        for page in &pages {
            assert_contains(&text, &format!("Source : lettre datée du 3 mars 2026, p. {page}"), what);
        }
        // The other lists' sources are text files, without pages.
        assert_eq!(squash(&text).matches(&squash("Source :")).count(), pages.len(), "{what}");
    }
    let site = std::fs::read_to_string(out.join("site/ales.html")).unwrap();
    assert!(site.contains("Source\u{a0}:</em> lettre datée du 3\u{a0}mars\u{a0}2026, p.\u{a0}"), "site page: {site}");
}

/// A PDF of one page whose content draws a form that draws itself (`/F1
/// Do` in a form without resources of its own, so it inherits the page's).
fn self_drawing_pdf(subtype: Option<&str>) -> Vec<u8> {
    use lopdf::{Document, Object, Stream, dictionary};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let mut form_dict = dictionary! { "Type" => "XObject", "BBox" => vec![0.into(), 0.into(), 100.into(), 100.into()] };
    if let Some(subtype) = subtype {
        form_dict.set("Subtype", Object::Name(subtype.as_bytes().to_vec()));
    }
    let form = doc.add_object(Stream::new(form_dict, b"/F1 Do".to_vec()));
    let content = doc.add_object(Stream::new(dictionary! {}, b"/F1 Do".to_vec()));
    let page = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "Contents" => content,
        "Resources" => dictionary! { "XObject" => dictionary! { "F1" => form } },
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    bytes
}

#[test]
fn a_pdf_whose_drawing_draws_itself_is_refused_not_a_crash() {
    // A form, and streams that call themselves an image or say nothing:
    // pdf-extract draws them all.
    for subtype in [Some("Form"), Some("Image"), None] {
        a_self_drawing_pdf_is_refused(subtype);
    }
}

fn a_self_drawing_pdf_is_refused(subtype: Option<&str>) {
    let dir = campaign_copy();
    std::fs::write(dir.path().join("inputs/letters/boucle.pdf"), self_drawing_pdf(subtype)).unwrap();
    let candidates = dir.path().join("inputs/candidates.csv");
    let text = std::fs::read_to_string(&candidates).unwrap();
    std::fs::write(&candidates, text.replace("letters/paul-planque.txt", "letters/boucle.pdf")).unwrap();
    let output = interpel(&["check", dir.path().to_str().unwrap(), "--date", "2026-11-22"]);
    // Not killed by a stack overflow (which would give no exit code).
    assert_eq!(output.status.code(), Some(1), "{subtype:?}: {}", stderr(&output));
    let err = stderr(&output);
    assert_contains(&err, "inputs/candidates.csv:3: source « letters/boucle.pdf »", "loop");
    assert_contains(&err, "draws itself", "loop");
    assert_contains(&err, ".txt file beside it", "loop");
}

/// Paul Planque's letter set by typst (justified, hyphenated in French, with
/// the font's ligatures), through interpel's own compiler.
fn typst_pdf(text: &str) -> Vec<u8> {
    let literal = text.replace('\\', "\\\\").replace('"', "\\\"");
    let source = format!(
        "#set text(lang: \"fr\", font: \"Libertinus Serif\")\n#set par(justify: true)\n#let body = \"{literal}\"\n#for p in body.split(\"\\n\\n\") [#p.trim() #parbreak()]\n"
    );
    let project = interpel::world::Project::new(
        interpel::world::Fonts::load(&[]),
        Vec::new(),
        chrono::NaiveDate::from_ymd_opt(2026, 3, 3).unwrap(),
        "lettre".into(),
    );
    interpel::compile::pdf(&project, 0, "/lettre.typ", source, interpel::compile::Standard::Tagged, &[])
        .unwrap_or_else(|e| panic!("{e:?}"))
        .bytes
}

#[test]
fn a_letter_set_by_typst_is_read_and_its_quotes_verified() {
    let dir = campaign_copy();
    let text = std::fs::read_to_string(dir.path().join("inputs/letters/paul-planque.txt")).unwrap();
    // Hard line breaks of the shipped text joined: typst sets its own lines.
    let joined = text.split("\n\n").map(|p| p.split_whitespace().collect::<Vec<_>>().join(" ")).collect::<Vec<_>>();
    let pdf = typst_pdf(&joined.join("\n\n"));
    std::fs::write(dir.path().join("inputs/letters/paul-planque.pdf"), &pdf).unwrap();
    let read = interpel::campaign::sources::text("x.pdf", &pdf).unwrap();
    assert!(read.contains("Miramas") && read.contains("Alès"), "{read}");
    let candidates = dir.path().join("inputs/candidates.csv");
    let table = std::fs::read_to_string(&candidates).unwrap();
    std::fs::write(&candidates, table.replace("letters/paul-planque.txt", "letters/paul-planque.pdf")).unwrap();
    let output = interpel(&["check", dir.path().to_str().unwrap(), "--date", "2026-11-22"]);
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn letters_made_by_latex_and_from_words_template_are_read_and_their_quotes_verified() {
    // Made by tests/fixtures/sources/make.sh: pdfTeX (T1 Latin Modern,
    // babel french: hyphenated, ligatures, thin spaces before « : ; ! ? »)
    // and python-docx (Word's default template).
    for name in ["paul-planque-latex.pdf", "paul-planque-word.docx"] {
        let dir = campaign_copy();
        let fixture = shipped().join("tests/fixtures/sources").join(name);
        std::fs::copy(&fixture, dir.path().join("inputs/letters").join(name)).unwrap();
        let candidates = dir.path().join("inputs/candidates.csv");
        let text = std::fs::read_to_string(&candidates).unwrap();
        std::fs::write(&candidates, text.replace("letters/paul-planque.txt", &format!("letters/{name}"))).unwrap();
        let output = interpel(&["check", dir.path().to_str().unwrap(), "--date", "2026-11-22"]);
        assert!(output.status.success(), "{name}: {}", stderr(&output));
        let read = interpel::campaign::sources::text(name, &std::fs::read(&fixture).unwrap()).unwrap();
        for words in ["Alès", "Miramas", "Tranquillité Publique", "œuvrer"] {
            assert!(read.contains(words), "{name}: « {words} » not read in {read}");
        }
    }
}
