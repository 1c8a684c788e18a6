//! Data is never code: CSV values full of Typst syntax come out of the PDF
//! as the same text, and cannot read files.

use crate::common::*;

/// A value that would be markup, code, a comment, a raw block, a label, a
/// reference, a heading, a list or a template if it were not escaped.
const HOSTILE: &str =
    "# $ * _ ` < > @ [ ] \\ // = - + ~ #read(\"/etc/passwd\") {{x}} #let x = 1 $x^2$ <lab> @ref /* c */ https://a.b";

#[test]
fn typst_syntax_in_csv_values_comes_out_literally() {
    let dir = campaign_copy();
    let inputs = dir.path().join("inputs");
    let hostile_csv = HOSTILE.replace('"', "\"\"");
    // A new candidate whose every text field is hostile, with a multi-line
    // quote; its address is left empty, as a window refuses lines so long
    // (hostile lines in an address are tested below).
    std::fs::write(
        inputs.join("letters/hostile.txt"),
        format!("Début.\n{HOSTILE}\nFin de ligne\n= titre\n- liste\nFin."),
    )
    .unwrap();
    let mut candidates = std::fs::read_to_string(inputs.join("candidates.csv")).unwrap();
    candidates.push_str(&format!(
        "hostile,Mme,\"{hostile_csv}\",\"{hostile_csv}\",\"Liste {hostile_csv}\",Alès,,letters/hostile.txt,letter,2026-03-01\n"
    ));
    std::fs::write(inputs.join("candidates.csv"), candidates).unwrap();
    let mut answers = std::fs::read_to_string(inputs.join("answers.csv")).unwrap();
    answers.push_str(&format!(
        "hostile,q1,commitment,\"{hostile_csv}\nFin de ligne\n= titre\n- liste\",\"Résumé {hostile_csv}\",\"Question {hostile_csv} ?\"\n"
    ));
    std::fs::write(inputs.join("answers.csv"), answers).unwrap();

    build(dir.path(), &[]);
    let letter = pdf_text(&dir.path().join("out/letters/hostile.pdf"));
    let briefing = pdf_text(&dir.path().join("out/briefings/ales.pdf"));
    for (what, text) in [("letter", &letter), ("briefing", &briefing)] {
        assert_contains(text, HOSTILE, what);
        assert_contains(text, "= titre", what);
        assert!(!text.contains("root:"), "{what} read /etc/passwd");
    }
    assert_contains(&letter, "Madame,", "letter");
    assert_contains(&letter, &format!("Liste « Liste {HOSTILE} »"), "letter window");
    assert_contains(&letter, "reçue le 1er mars 2026", "letter");
    assert_contains(&letter, &format!("Question {HOSTILE} ?"), "letter");
    assert_contains(&briefing, &format!("Résumé {HOSTILE}"), "briefing");
    assert_contains(&briefing, &format!("Liste {HOSTILE}"), "briefing");

    // The print file's cover lists the name and list as text too.
    let print = std::fs::read(dir.path().join("out/print/letters.pdf")).unwrap();
    let cover = &pdf_extract::extract_text_from_mem_by_pages(&print).unwrap()[0];
    assert_contains(cover, &format!("{HOSTILE}, liste « Liste {HOSTILE} »"), "print cover");
    // And the web page holds it as escaped text: no element of its own.
    // The web edition escapes for HTML: the same text, never an element.
    let page = std::fs::read_to_string(dir.path().join("out/site/ales.html")).unwrap();
    assert!(page.contains("&lt;lab") && !page.contains("<lab>"), "site: the hostile text became an element");
    let unescaped = page
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#x60;", "`")
        .replace("&#x3D;", "=")
        .replace("<br>\n", "\n")
        .replace("&amp;", "&");
    assert_contains(&unescaped, HOSTILE, "site page");
}

#[test]
fn line_breaks_in_a_quote_stay_line_breaks() {
    let dir = campaign_copy();
    build(dir.path(), &["--candidate", "paul-planque"]);
    // The bullets of point 4 keep their own lines: each is a forced line
    // break in the source (the PDF text extractor joins the lines of a
    // justified quotation, so the source is where the break shows).
    let source = std::fs::read_to_string(dir.path().join("out/typst/letters/paul-planque.typ")).unwrap();
    assert!(source.contains("extra\\-municipales\\,\\\n\\- en dotant les Conseils"), "{source}");
    let text = pdf_text(&dir.path().join("out/letters/paul-planque.pdf"));
    assert_contains(&text, "- en dotant les Conseils de quartier", "letter");
}

#[test]
fn typst_syntax_in_an_address_comes_out_literally() {
    let dir = campaign_copy();
    let address = "2 rue #let $x$ <lab> @r [a]\n30100 Alès";
    let path = dir.path().join("inputs/candidates.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("Avenir Nîmois,Nîmes,,", &format!("Avenir Nîmois,Nîmes,\"{address}\",")))
        .unwrap();
    build(dir.path(), &["--candidate", "julien-plantier"]);
    let letter = pdf_text(&dir.path().join("out/letters/julien-plantier.pdf"));
    assert_contains(&letter, "2 rue #let $x$ <lab> @r [a] 30100 ALES", "letter window");
}
