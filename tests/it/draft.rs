//! `interpel draft`: proposed rows for the letters that have none, written
//! to `answers.draft.csv` only, verbatim (the quote check passes once staff
//! move them into `answers.csv`), never published; `--score` measures them.

use std::path::Path;

use crate::common::*;

/// Moves every row of the draft into `answers.csv`, as staff would once
/// each is read: a summary written, the note column dropped.
fn accept_draft(dir: &Path) {
    let draft = csv_rows(&dir.join("inputs/answers.draft.csv"));
    assert_eq!(draft[0], ["candidate", "question", "stance", "quote", "summary", "follow_up", "context", "note"]);
    let answers = dir.join("inputs/answers.csv");
    let mut rows = csv_rows(&answers);
    let width = rows[0].len();
    for row in &draft[1..] {
        let mut row = row[..width].to_vec();
        row[4] = "La liste répond.".to_string();
        rows.push(row);
    }
    let mut out = csv::Writer::from_path(&answers).unwrap();
    for row in rows {
        out.write_record(&row).unwrap();
    }
    out.flush().unwrap();
    std::fs::remove_file(dir.join("inputs/answers.draft.csv")).unwrap();
}

#[test]
fn a_letter_without_rows_gets_a_verbatim_draft_that_check_accepts() {
    let dir = campaign_copy();
    let campaign = dir.path().to_str().unwrap();
    let removed = remove_rows(dir.path(), "julien-plantier");
    assert!(removed.len() > 3);
    let answers_before = std::fs::read(dir.path().join("inputs/answers.csv")).unwrap();

    let output = interpel(&["draft", campaign]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_contains(&stderr(&output), "wrote inputs/answers.draft.csv", "draft's report");
    assert_contains(&stderr(&output), "julien-plantier:", "draft's report");
    // answers.csv untouched; the draft holds only his rows, each with a
    // stance, a quote, an empty summary and a note saying why.
    assert_eq!(std::fs::read(dir.path().join("inputs/answers.csv")).unwrap(), answers_before);
    let draft = csv_rows(&dir.path().join("inputs/answers.draft.csv"));
    assert!(draft.len() > 4, "{draft:?}");
    let questions: std::collections::HashSet<&str> = draft[1..].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(questions.len(), 4, "every question gets a passage: {draft:?}");
    for row in &draft[1..] {
        assert_eq!(row[0], "julien-plantier");
        assert!(["commitment", "intent"].contains(&row[2].as_str()), "{row:?}");
        assert!(!row[3].is_empty() && row[4].is_empty() && row[5].is_empty(), "{row:?}");
        assert!(row[7].starts_with("passage n° "), "{row:?}");
        assert!(!row[3].contains('\n'), "line breaks joined: {row:?}");
    }
    // His person-made excerpts are among the passages proposed.
    let opening = |quote: &str| quote.chars().take(40).collect::<String>();
    let held = removed.iter().filter(|r| draft.iter().any(|d| d[3].contains(&opening(&r[3])))).count();
    assert!(held * 2 >= removed.len(), "{held} of {} excerpts proposed", removed.len());

    // The draft is not published, and check says so.
    let output = interpel(&["check", campaign, "--date", "2026-11-22"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_contains(&stderr(&output), "inputs/answers.draft.csv: ", "check's warning");
    assert_contains(&stderr(&output), "(julien-plantier) are not published", "check's warning");

    // Moved into answers.csv with their summaries, every quote verifies.
    accept_draft(dir.path());
    let output = interpel(&["check", campaign, "--date", "2026-11-22"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!stderr(&output).contains("draft"), "{}", stderr(&output));
}

#[test]
fn a_pdf_letter_is_drafted_verbatim() {
    let dir = campaign_copy();
    let campaign = dir.path().to_str().unwrap();
    std::fs::copy(
        shipped().join("tests/fixtures/sources/paul-planque.pdf"),
        dir.path().join("inputs/letters/paul-planque.pdf"),
    )
    .unwrap();
    let candidates = dir.path().join("inputs/candidates.csv");
    let text = std::fs::read_to_string(&candidates).unwrap();
    std::fs::write(&candidates, text.replace("letters/paul-planque.txt", "letters/paul-planque.pdf")).unwrap();
    remove_rows(dir.path(), "paul-planque");

    let output = interpel(&["draft", campaign, "--candidate", "paul-planque"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let draft = csv_rows(&dir.path().join("inputs/answers.draft.csv"));
    // Paul Planque copies out each question before answering it: his answer
    // on the police is proposed for q3.
    assert!(draft.iter().any(|r| r[1] == "q3" && r[3].contains("Police de Proximité")), "{draft:?}");
    accept_draft(dir.path());
    let output = interpel(&["check", campaign, "--date", "2026-11-22"]);
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn drafting_again_keeps_the_rows_of_others_and_names_what_it_refuses() {
    let dir = campaign_copy();
    let campaign = dir.path().to_str().unwrap();
    remove_rows(dir.path(), "julien-plantier");
    let draft = dir.path().join("inputs/answers.draft.csv");
    // Staff already edited a row of another candidate in the draft.
    std::fs::write(
        &draft,
        "candidate,question,stance,quote,summary,follow_up,context,note\nmarc-infantes,q1,intent,Texte gardé,Résumé en cours,,,\n",
    )
    .unwrap();
    assert!(interpel(&["draft", campaign]).status.success());
    let rows = csv_rows(&draft);
    assert_eq!(rows[1], ["marc-infantes", "q1", "intent", "Texte gardé", "Résumé en cours", "", "", ""]);
    assert!(rows[2..].iter().all(|r| r[0] == "julien-plantier"));

    // Nothing left to draft: the file is left as it is.
    let before = std::fs::read(&draft).unwrap();
    let output = interpel(&["draft", campaign]);
    assert!(output.status.success());
    assert_contains(&stderr(&output), "nothing to draft", "second run");
    assert_eq!(std::fs::read(&draft).unwrap(), before);

    // A column a draft does not have: refused, the file kept.
    let edited = String::from_utf8(before.clone()).unwrap().replacen("note", "avis", 1);
    std::fs::write(&draft, &edited).unwrap();
    let output = interpel(&["draft", campaign, "--candidate", "julien-plantier"]);
    assert_eq!(output.status.code(), Some(1));
    assert_contains(&stderr(&output), "inputs/answers.draft.csv: it has a column « avis »", "refusal");
    assert_eq!(std::fs::read_to_string(&draft).unwrap(), edited);

    // Rows of his that staff began to work on are not drafted over.
    let worked = "candidate,question,stance,quote,summary,follow_up,context,note\njulien-plantier,q1,intent,Texte,Mon résumé,,,\n";
    std::fs::write(&draft, worked).unwrap();
    let output = interpel(&["draft", campaign, "--candidate", "julien-plantier", "--candidate", "julien-plantier"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_contains(&stderr(&output), "« julien-plantier » has rows in the draft with a summary", "worked rows");
    assert_eq!(std::fs::read_to_string(&draft).unwrap(), worked);

    let output = interpel(&["draft", campaign, "--candidate", "nobody"]);
    assert_eq!(output.status.code(), Some(2));
    assert_contains(&stderr(&output), "no candidate « nobody » in candidates.csv", "unknown id");
}

#[test]
fn a_draft_saved_again_by_a_french_spreadsheet_is_read_back() {
    let dir = campaign_copy();
    let campaign = dir.path().to_str().unwrap();
    remove_rows(dir.path(), "julien-plantier");
    // Excel in French: semicolons, Windows-1252, no byte order mark.
    let draft = dir.path().join("inputs/answers.draft.csv");
    let text = "candidat;question;position;citation;résumé;question de suivi;précision;note\r\nmarc-infantes;q1;intent;Texte gardé;Résumé en cours;;;\r\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    std::fs::write(&draft, &bytes).unwrap();
    let output = interpel(&["draft", campaign]);
    assert!(output.status.success(), "{}", stderr(&output));
    let bytes = std::fs::read(&draft).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "written as UTF-8 with a byte order mark");
    let rows = csv_rows(&draft);
    assert_eq!(rows[1], ["marc-infantes", "q1", "intent", "Texte gardé", "Résumé en cours", "", "", ""]);
    assert!(rows.len() > 3 && rows[2..].iter().all(|r| r[0] == "julien-plantier"));
    let output = interpel(&["check", campaign, "--date", "2026-11-22"]);
    assert_contains(&stderr(&output), "(marc-infantes, julien-plantier) are not published", "check");
}

#[test]
fn score_compares_the_draft_with_the_extraction_and_writes_nothing() {
    let dir = campaign_copy();
    let output = interpel(&["draft", dir.path().to_str().unwrap(), "--score"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let report = String::from_utf8(output.stdout).unwrap();
    for line in ["basile-imbert", "paul-planque", "marc-infantes", "julien-plantier", "all "] {
        assert_contains(&report, line, "score report");
    }
    // « all 25/34 (74 %) · … »: the shipped extraction has 34 excerpts.
    let all = report.lines().find(|l| l.starts_with("all ")).unwrap();
    assert!(all.contains("/34 ("), "{all}");
    assert!(!dir.path().join("inputs/answers.draft.csv").exists());
}
