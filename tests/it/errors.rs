//! Bad inputs: every kind of problem gives `path:line: message`, exit
//! status 1, all problems at once, and leaves the previous outputs alone.

use std::path::Path;

use crate::common::*;

/// The hidden files and folders of `dir`: where staging folders would be.
fn hidden_entries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect()
}

/// Runs `interpel build DIR` expecting it to fail with status 1; its
/// standard error.
fn failed_build(dir: &Path) -> String {
    let output = interpel(&["build", dir.to_str().unwrap(), "--date", "2026-11-22"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    err
}

/// The file of the first `┌─ file:line:col` of `err`, relative to `dir`,
/// without `.typ`, and the line.
fn first_location(err: &str, dir: &Path) -> (String, usize) {
    let location = err.lines().find_map(|l| l.split("┌─ ").nth(1)).expect("a location line");
    let (file, rest) = location.split_once(".typ:").unwrap();
    let file = file.strip_prefix(&format!("{}/", dir.display())).unwrap_or(file);
    (file.to_string(), rest.split(':').next().unwrap().parse().unwrap())
}

fn write(dir: &Path, rel: &str, text: &str) {
    std::fs::write(dir.join(rel), text).unwrap();
}

fn edit(dir: &Path, rel: &str, f: impl FnOnce(String) -> String) {
    let text = std::fs::read_to_string(dir.join(rel)).unwrap();
    write(dir, rel, &f(text));
}

/// Runs `check` and `build` on `dir`; both must fail with status 1 and
/// print every expected message.
fn assert_fails(dir: &Path, expected: &[&str]) {
    for command in ["check", "build"] {
        let output = interpel(&[command, dir.to_str().unwrap(), "--date", "2026-11-22"]);
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{command}: {err}");
        for e in expected {
            assert!(err.contains(e), "{command}: expected « {e} » in:\n{err}");
        }
        assert!(!dir.join("out").exists(), "{command} wrote outputs despite errors");
    }
}

const CANDIDATES: &str = "inputs/candidates.csv";
const ANSWERS: &str = "inputs/answers.csv";

#[test]
fn missing_and_unknown_columns() {
    let dir = campaign_copy();
    edit(dir.path(), CANDIDATES, |t| t.replacen("civility,", "politesse,", 1));
    assert_fails(
        dir.path(),
        &[
            "inputs/candidates.csv:1: unknown column « politesse »",
            "inputs/candidates.csv:1: missing column « civility »",
        ],
    );
}

#[test]
fn duplicate_ids_and_ids_that_name_no_file() {
    let dir = campaign_copy();
    edit(dir.path(), CANDIDATES, |t| {
        t.replace("julien-plantier,M.", "paul-planque,M.")
            .replace("marc-infantes,M.", "!!!,M.")
            .replace("basile-imbert,M.", "Paul Planque,M.")
    });
    edit(dir.path(), "inputs/questions.csv", |t| t.replace("q2,", "Q1,"));
    assert_fails(
        dir.path(),
        &[
            "inputs/candidates.csv:5: id « paul-planque » is already used on line 3: a candidate's id names its letter and proof",
            "inputs/candidates.csv:3: ids « paul-planque » and « Paul Planque » (line 2) both give the file name letters/paul-planque.pdf",
            "inputs/candidates.csv:4: id « !!! » has no letters or digits",
            "inputs/questions.csv:3: question id « Q1 » is already used on line 2 (« q1 »): a question id is the label the answers use",
        ],
    );
}

#[test]
fn unknown_civility_kind_and_stance() {
    let dir = campaign_copy();
    edit(dir.path(), CANDIDATES, |t| {
        t.replace("basile-imbert,M.", "basile-imbert,Sir").replace(",letter,,,2026-02-23", ",courrier,,,2026-02-23")
    });
    edit(dir.path(), ANSWERS, |t| t.replacen("basile-imbert,q1,intent", "basile-imbert,q1,promesse", 1));
    assert_fails(
        dir.path(),
        &[
            "inputs/candidates.csv:2: civility « Sir » is unknown: write « M. » (« Monsieur »), « Mme » (« Madame »)",
            "inputs/candidates.csv:4: kind « courrier » is unknown: write letter (« lettre »), program (« programme ») or none (« sans réponse »)",
            "inputs/answers.csv:2: stance « promesse » is unknown",
        ],
    );
}

#[test]
fn answers_naming_unknown_candidates_or_questions_suggest_the_closest() {
    let dir = campaign_copy();
    edit(dir.path(), ANSWERS, |t| t.replacen("basile-imbert,q1,", "basile-imbrt,q5,", 1));
    assert_fails(
        dir.path(),
        &[
            "inputs/answers.csv:2: unknown candidate « basile-imbrt »; did you mean « basile-imbert »?",
            "inputs/answers.csv:2: unknown question « q5 »; did you mean « q1 »?",
        ],
    );
}

#[test]
fn a_missing_source_file() {
    let dir = campaign_copy();
    std::fs::remove_file(dir.path().join("inputs/letters/marc-infantes.txt")).unwrap();
    assert_fails(dir.path(), &["inputs/candidates.csv:4: source « letters/marc-infantes.txt »: no such file"]);
}

#[test]
fn a_source_outside_the_inputs_folder_is_refused() {
    let dir = campaign_copy();
    edit(dir.path(), CANDIDATES, |t| t.replace("letters/marc-infantes.txt", "../../etc/passwd"));
    assert_fails(dir.path(), &["inputs/candidates.csv:4: source « ../../etc/passwd »: must be a path inside inputs/"]);
}

#[test]
fn quotes_without_a_source() {
    let dir = campaign_copy();
    edit(dir.path(), CANDIDATES, |t| t.replace("letters/marc-infantes.txt", ""));
    assert_fails(
        dir.path(),
        &["inputs/candidates.csv:4: candidate « marc-infantes » has quotes in answers.csv but no source"],
    );
}

#[test]
fn unparsable_dates() {
    let dir = campaign_copy();
    edit(dir.path(), CANDIDATES, |t| {
        t.replacen(",letter,,", ",letter,3/03/26,", 1).replacen(",letter,,", ",letter,31/02/2026,", 1)
    });
    edit(dir.path(), "inputs/campaign.toml", |t| t + "\n[forum]\ndate = \"5 mars\"\nplace = \"Alès\"\n");
    assert_fails(
        dir.path(),
        &[
            "inputs/candidates.csv:2: column « received »: « 3/03/26 » is ambiguous: its year has two digits; write it as 03/03/2026 (day/month/year) or 2026-03-03",
            "inputs/candidates.csv:3: column « received »: « 31/02/2026 » is not a day of the calendar",
            "inputs/campaign.toml:25: « 5 mars » is not a date: write it as 03/03/2026",
        ],
    );
}

#[test]
fn communes_that_would_share_a_file_name() {
    let dir = campaign_copy();
    edit(dir.path(), CANDIDATES, |t| t.replace("Authentique\",Alès,", "Authentique\",ALES,"));
    assert_fails(
        dir.path(),
        &[
            "inputs/candidates.csv:4: commune « ALES » and « Alès » (line 2) would both be written to briefings/ales.pdf",
        ],
    );
}

#[test]
fn an_unbalanced_quote() {
    let dir = campaign_copy();
    edit(dir.path(), CANDIDATES, |t| t.replace("\"Alès, C’est Vous !\"", "\"Alès, C’est Vous !"));
    assert_fails(dir.path(), &["inputs/candidates.csv:3: a quoted field opened here is never closed"]);
}

#[test]
fn an_empty_file_and_a_missing_file() {
    let dir = campaign_copy();
    write(dir.path(), "inputs/questions.csv", "");
    std::fs::remove_file(dir.path().join(ANSWERS)).unwrap();
    assert_fails(
        dir.path(),
        &[
            "inputs/questions.csv: the file is empty; it needs a header line: id,title,text",
            "inputs/answers.csv: cannot read",
        ],
    );
}

#[test]
fn unknown_keys_in_campaign_toml() {
    let dir = campaign_copy();
    edit(dir.path(), "inputs/campaign.toml", |t| t.replace("city = ", "ville = \"Alès\"\ncity = "));
    assert_fails(dir.path(), &["inputs/campaign.toml:7: unknown field `ville`"]);
}

#[test]
fn every_problem_of_every_file_in_one_run() {
    let dir = campaign_copy();
    edit(dir.path(), CANDIDATES, |t| t.replace("basile-imbert,M.", "basile-imbert,Dr"));
    edit(dir.path(), ANSWERS, |t| t.replacen("basile-imbert,q1,intent", "basile-imbert,q1,maybe", 1));
    edit(dir.path(), "inputs/questions.csv", |t| t + "q1,Doublon,Une question en double.\n");
    let output = interpel(&["check", dir.path().to_str().unwrap()]);
    let err = stderr(&output);
    assert!(err.contains("candidates.csv:2"), "{err}");
    assert!(err.contains("answers.csv:2"), "{err}");
    assert!(err.contains("questions.csv:6: question id « q1 » is already used on line 2"), "{err}");
    assert!(err.contains("3 problems found"), "{err}");
}

#[test]
fn a_failed_build_keeps_the_previous_outputs() {
    let dir = campaign_copy();
    build(dir.path(), &[]);
    let before = std::fs::read(dir.path().join("out/letters/paul-planque.pdf")).unwrap();
    let zip = std::fs::read(dir.path().join("out/letters.zip")).unwrap();
    edit(dir.path(), CANDIDATES, |t| t.replace("basile-imbert,M.", "basile-imbert,Dr"));
    let output = interpel(&["build", dir.path().to_str().unwrap(), "--date", "2026-12-01"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(std::fs::read(dir.path().join("out/letters/paul-planque.pdf")).unwrap(), before);
    assert_eq!(std::fs::read(dir.path().join("out/letters.zip")).unwrap(), zip);
    // No staging folder is left behind.
    assert_eq!(hidden_entries(dir.path()), Vec::<String>::new());
}

#[test]
fn a_missing_field_in_a_template_names_the_template_line_and_column() {
    let dir = campaign_copy();
    let letter = edit_template(dir.path(), "letter.typ.hbs", "{{appel}},", "{{apel}},");
    let line = letter.lines().position(|l| l.starts_with("{{appel}},")).unwrap() + 1;
    assert_fails(dir.path(), &[&format!("templates/letter.typ.hbs:{line}:1: unknown field « apel »")]);
}

#[test]
fn a_handlebars_syntax_error_names_the_template() {
    let dir = campaign_copy();
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    write(dir.path(), "templates/briefing.typ.hbs", "#import \"/style.typ\": *\n\n{{#each questions}}\n");
    assert_fails(dir.path(), &["templates/briefing.typ.hbs:", "template syntax"]);
}

#[test]
fn a_typst_error_in_a_template_names_the_generated_source() {
    let dir = campaign_copy();
    let letter = edit_template(dir.path(), "letter.typ.hbs", "{{appel}},", "#nonexistent()\n{{appel}},");
    let line = letter.lines().position(|l| l.starts_with("{{appel}},")).unwrap() + 1;
    assert_fails(
        dir.path(),
        &[
            "error: unknown variable: nonexistent",
            "typst/letters/basile-imbert.typ:",
            "#nonexistent()",
            &format!("note: this line of letters/basile-imbert.typ comes from templates/letter.typ.hbs:{line}"),
            "note: the same error stops 3 other document(s)",
        ],
    );
}

/// Regression: a failed build's errors named `out/typst/letters/x.typ`,
/// which the failed build never wrote (the file there, if any, was the
/// last good run's, with other lines).
#[test]
fn a_failed_build_keeps_the_sources_its_errors_name() {
    let dir = campaign_copy();
    let letter = edit_template(dir.path(), "letter.typ.hbs", "{{appel}},", "#nonexistent()\n{{appel}},");
    let err = failed_build(dir.path());
    let (file, line) = first_location(&err, dir.path());
    assert_eq!(file, "out.failed/typst/letters/basile-imbert", "{err}");
    let kept = std::fs::read_to_string(dir.path().join(format!("{file}.typ"))).unwrap();
    assert_eq!(kept.lines().nth(line - 1), Some("#nonexistent()"), "the error's line in the kept source");
    assert!(dir.path().join("out.failed/typst/style.typ").is_file(), "the project's files are kept too");
    assert_contains(&err, "out.failed/ until a build succeeds", "the note");
    assert!(!dir.path().join("out").exists(), "a failed build wrote outputs");

    // The next good build removes them, as they no longer say anything.
    write(dir.path(), "templates/letter.typ.hbs", &letter);
    build(dir.path(), &[]);
    assert!(!dir.path().join("out.failed").exists());
}

#[test]
fn a_typst_error_in_the_print_template_keeps_the_print_source() {
    let dir = campaign_copy();
    edit_template(dir.path(), "print.typ.hbs", "#print-file(", "#nonexistent()\n#print-file(");
    let err = failed_build(dir.path());
    assert_contains(&err, "error: unknown variable: nonexistent", "the error");
    let (file, _) = first_location(&err, dir.path());
    assert!(file.starts_with("out.failed/typst/print/"), "{err}");
    let kept = std::fs::read_to_string(dir.path().join(format!("{file}.typ"))).unwrap();
    assert!(kept.contains("#nonexistent()"), "{kept}");
    assert!(!dir.path().join("out").exists(), "a failed build wrote outputs");
}

/// A folder named like the failing sources' that interpel did not make is
/// left alone.
#[test]
fn a_failed_build_does_not_touch_a_foreign_failed_folder() {
    let dir = campaign_copy();
    std::fs::create_dir_all(dir.path().join("out.failed")).unwrap();
    write(dir.path(), "out.failed/notes.txt", "mine");
    let letter = edit_template(dir.path(), "letter.typ.hbs", "{{appel}},", "#nonexistent()\n{{appel}},");
    let err = failed_build(dir.path());
    assert_contains(&err, "holds files that interpel did not write", "the warning");
    assert!(!err.contains("out.failed/typst"), "errors name no file that was not kept:\n{err}");
    let entries: Vec<_> = std::fs::read_dir(dir.path().join("out.failed")).unwrap().collect();
    assert_eq!(entries.len(), 1);
    write(dir.path(), "templates/letter.typ.hbs", &letter);
    build(dir.path(), &[]);
    assert_eq!(std::fs::read_to_string(dir.path().join("out.failed/notes.txt")).unwrap(), "mine");
}

#[test]
fn a_typst_error_in_the_style_names_the_style_template() {
    let dir = campaign_copy();
    let style = edit_template(dir.path(), "style.typ", "#let note(body) = block(", "#let note(body) = blok(");
    let line = style.lines().position(|l| l.starts_with("#let note(body)")).unwrap() + 1;
    assert_fails(
        dir.path(),
        &["error: unknown variable: blok", &format!("note: style.typ is a copy of templates/style.typ:{line}")],
    );
}

#[test]
fn usage_errors_exit_with_status_2() {
    let dir = campaign_copy();
    let d = dir.path().to_str().unwrap();
    for args in [
        vec!["build", d, "--date", "22/11/2026"],
        vec!["build", d, "--commune", "Paris"],
        vec!["build", d, "--candidate", "nobody"],
        vec!["build", "/no/such/campaign"],
        vec!["frobnicate"],
    ] {
        let output = interpel(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", stderr(&output));
    }
    let output = interpel(&["build", d, "--commune", "Paris"]);
    assert!(stderr(&output).contains("no such commune; known: Alès, Nîmes"));
}

#[test]
fn a_quote_that_is_not_in_the_source_shows_the_closest_passage() {
    let dir = campaign_copy();
    edit(dir.path(), ANSWERS, |t| {
        t.replace("Nous soutiendrons les interventions d'EKKO", "Nous financerons les interventions d'EKKO")
    });
    assert_fails(
        dir.path(),
        &[
            "inputs/answers.csv:",
            "column « quote »: this quote is not in inputs/letters/marc-infantes.txt",
            "milieu scolaire La prévention des addictions commence dès le plus jeune âge. Nous financerons les interventions",
            "the closest passage (inputs/letters/marc-infantes.txt:44) reads: « Agir sur la prévention précoce et le milieu scolaire La prévention des addictions commence dès le plus jeune âge. Nous soutiendrons",
        ],
    );
}

#[test]
fn spreadsheet_exports_are_read_as_they_are() {
    // Excel in a French locale: Windows-1252, semicolons, CRLF, a quoted
    // field over several lines.
    let dir = campaign_copy();
    let path = dir.path().join("inputs/questions.csv");
    let mut semicolons = String::new();
    for (i, fields) in csv_rows(&path).into_iter().enumerate() {
        let text = if i == 1 { format!("\"{}\r\nsur deux lignes\"", fields[2]) } else { fields[2].to_string() };
        // The keywords hold commas, which a semicolon-separated file leaves as they are.
        let rest: String = fields[3..].iter().map(|f| format!(";{f}")).collect();
        semicolons.push_str(&format!("{};{};{text}{rest}\r\n", fields[0], fields[1]));
    }
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&semicolons);
    assert!(!unmappable);
    std::fs::write(&path, bytes).unwrap();
    let output = build(dir.path(), &["--commune", "ales"]);
    let err = stderr(&output);
    assert!(err.contains("note: inputs/questions.csv: not UTF-8, read as Windows-1252"), "{err}");
    assert!(err.contains("note: inputs/questions.csv: columns separated by semicolons"), "{err}");
    let briefing = pdf_text(&dir.path().join("out/briefings/ales.pdf"));
    assert_contains(
        &briefing,
        "La prévention des addictions comme politique municipale à part entière. sur deux lignes",
        "q1",
    );
    assert_contains(&briefing, "L’accompagnement des publics dépendants", "q2");
}

#[test]
fn a_file_in_no_known_encoding_is_refused_with_how_to_reexport() {
    let dir = campaign_copy();
    std::fs::write(dir.path().join("inputs/questions.csv"), b"id,title,text\nq1,\x81\x8d,x\n").unwrap();
    assert_fails(dir.path(), &["inputs/questions.csv:2: this file is neither UTF-8 nor Windows-1252", "CSV UTF-8"]);
}

/// The letters' dates in `out`, as the zip's manifest and the PDFs say.
fn build_date_of(out: &Path) -> String {
    let mut dates: Vec<String> = Vec::new();
    for entry in std::fs::read_dir(out.join("letters")).unwrap() {
        let text = pdf_text(&entry.unwrap().path());
        let date = if squash(&text).contains(&squash("le 22 novembre 2026")) { "A" } else { "B" };
        dates.push(date.into());
    }
    let zip = std::fs::File::open(out.join("letters.zip")).unwrap();
    let zip = zip::ZipArchive::new(zip).expect("letters.zip is a whole zip");
    assert_eq!(zip.len(), dates.len() + 1, "zip and letters disagree");
    dates.dedup();
    assert_eq!(dates.len(), 1, "letters of two different builds side by side");
    dates.pop().unwrap()
}

#[test]
fn a_killed_build_leaves_the_previous_or_the_new_outputs_whole() {
    let dir = campaign_copy();
    build(dir.path(), &[]);
    let bin = assert_cmd::cargo::cargo_bin("interpel");
    for delay_ms in [0, 2, 5, 10, 20, 40, 80, 160] {
        let mut child = std::process::Command::new(&bin)
            .args(["build", dir.path().to_str().unwrap(), "--date", "2026-12-24"])
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        child.wait().unwrap();
        let date = build_date_of(&dir.path().join("out"));
        assert!(date == "A" || date == "B");
        // Back to the first outputs for the next round.
        build(dir.path(), &[]);
        assert_eq!(build_date_of(&dir.path().join("out")), "A");
    }
    assert_eq!(hidden_entries(dir.path()), Vec::<String>::new(), "left behind");
}

#[test]
fn utf8_with_a_bom_and_utf16_exports_are_read() {
    let dir = campaign_copy();
    let path = dir.path().join("inputs/candidates.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat()).unwrap();
    // Excel's « Texte Unicode »: UTF-16 with a byte order mark, tabs.
    let questions = std::fs::read_to_string(dir.path().join("inputs/questions.csv")).unwrap().replace(',', "\t");
    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(questions.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    std::fs::write(dir.path().join("inputs/questions.csv"), utf16).unwrap();
    let output = build(dir.path(), &["--commune", "Nîmes"]);
    let err = stderr(&output);
    assert!(err.contains("note: inputs/questions.csv: read as UTF-16 (little-endian)"), "{err}");
    assert!(err.contains("note: inputs/questions.csv: columns separated by tabs"), "{err}");
    assert!(!err.contains("note: inputs/candidates.csv"), "{err}");
    assert!(!err.lines().any(|l| l.starts_with("inputs/candidates.csv")), "{err}");
    let briefing = pdf_text(&dir.path().join("out/briefings/nimes.pdf"));
    assert_contains(&briefing, "La place accordée aux acteurs de terrain dans la gouvernance locale.", "briefing");
}

#[test]
fn an_output_folder_that_holds_other_files_is_never_replaced() {
    let dir = campaign_copy();
    let d = dir.path().to_str().unwrap();
    let foreign = dir.path().join("documents");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("thesis.odt"), "precious").unwrap();
    for out in [foreign.to_str().unwrap(), d, &format!("{d}/inputs"), &format!("{d}/inputs/letters")] {
        let output = interpel(&["build", d, "--out", out]);
        assert_eq!(output.status.code(), Some(2), "--out {out}: {}", stderr(&output));
    }
    assert!(
        stderr(&interpel(&["build", d, "--out", foreign.to_str().unwrap()]))
            .contains("holds files that interpel did not write")
    );
    assert_eq!(std::fs::read_to_string(foreign.join("thesis.odt")).unwrap(), "precious");
    assert!(dir.path().join("inputs/answers.csv").is_file());
    // Its own output folder is replaced, run after run.
    build(dir.path(), &[]);
    build(dir.path(), &[]);
    assert!(dir.path().join("out/.interpel-output").is_file());
}

// ------------------------------------------------- fair to every list

/// The 1-based line of `dir/rel` that starts with `start`.
fn line_starting(dir: &Path, rel: &str, start: &str) -> usize {
    let text = std::fs::read_to_string(dir.join(rel)).unwrap();
    1 + text.lines().position(|l| l.starts_with(start)).unwrap_or_else(|| panic!("no line « {start} » in {rel}"))
}

/// Runs `check` on `dir`, which must succeed; its standard error.
fn checked(dir: &Path) -> String {
    let output = interpel(&["check", dir.to_str().unwrap(), "--date", "2026-11-22"]);
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    err
}

#[test]
fn a_programme_is_never_graded_and_a_letter_always_is() {
    let dir = campaign_with_programme();
    let lfi = line_starting(dir.path(), ANSWERS, "lfi,q1,,");
    let julien = line_starting(dir.path(), ANSWERS, "julien-plantier,q1,intent,");
    edit(dir.path(), ANSWERS, |t| {
        t.replacen("lfi,q1,,", "lfi,q1,commitment,", 1).replacen(
            "julien-plantier,q1,intent,",
            "julien-plantier,q1,,",
            1,
        )
    });
    assert_fails(
        dir.path(),
        &[
            &format!(
                "inputs/answers.csv:{lfi}: candidate « lfi » is a programme (kind program): a programme is quoted for information, never graded; leave the stance empty"
            ),
            &format!("inputs/answers.csv:{julien}: column « stance » is empty: write commitment, intent or absent"),
        ],
    );
}

#[test]
fn unfair_cuts_and_passages_quoted_twice_are_warned_with_their_line() {
    let dir = campaign_copy();
    // Cut at the end inside a sentence, with no « […] ».
    let cut_end = line_starting(dir.path(), ANSWERS, "julien-plantier,q1,intent,\"La prévention, la santé");
    edit(dir.path(), ANSWERS, |t| {
        t.replacen("\"La prévention, la santé publique et l’accompagnement doivent être pleinement intégrés à l’action municipale.\"", "\"La prévention, la santé publique et l’accompagnement doivent être pleinement intégrés\"", 1)
    });
    // Cut at the start inside a sentence; then the same, marked: no warning.
    let cut_start = line_starting(dir.path(), ANSWERS, "julien-plantier,q2,");
    let rows = [
        "julien-plantier,q4,intent,\"la ville doit être un facilitateur et un coordinateur.\",Résumé.,\n",
        "julien-plantier,q4,intent,\"[…] nous considérons que la ville doit être un facilitateur et un coordinateur.\",Résumé.,\n",
    ];
    edit(dir.path(), ANSWERS, |t| t + rows[0] + rows[1]);
    let total = std::fs::read_to_string(dir.path().join(ANSWERS)).unwrap().lines().count();
    let err = checked(dir.path());
    for expected in [
        format!(
            "warning: inputs/answers.csv:{cut_end}: this quote ends inside a sentence of its source: « …doivent être pleinement intégrés » goes on with « à l’action municipale. Dans l’esprit du… »"
        ),
        format!("warning: inputs/answers.csv:{}: this quote starts inside a sentence of its source", total - 1),
        format!(
            "warning: inputs/answers.csv:{}: this excerpt repeats words already quoted on line {cut_start}, under question « q2 »",
            total - 1
        ),
        format!(
            "warning: inputs/answers.csv:{}: this excerpt repeats words already quoted on line {cut_start}, under question « q2 »",
            total
        ),
    ] {
        assert!(err.contains(&expected), "expected « {expected} » in:\n{err}");
    }
    // The marked cut is not a cut to warn about.
    assert!(!err.contains(&format!("answers.csv:{total}: this quote starts inside")), "{err}");
    assert!(!err.contains(&format!("answers.csv:{total}: this quote ends inside")), "{err}");
}

#[test]
fn a_list_quoted_far_less_than_the_others_is_warned_with_the_figures() {
    let dir = campaign_with_programme();
    // Keep a single excerpt of Alès, Moderne et Authentique.
    let path = dir.path().join(ANSWERS);
    let mut reader = csv::Reader::from_path(&path).unwrap();
    let header = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let mut writer = csv::Writer::from_path(&path).unwrap();
    writer.write_record(&header).unwrap();
    let mut kept = false;
    for row in rows {
        if &row[0] == "marc-infantes" {
            if kept {
                continue;
            }
            kept = true;
        }
        writer.write_record(&row).unwrap();
    }
    writer.flush().unwrap();
    let err = checked(dir.path());
    let line = line_starting(dir.path(), CANDIDATES, "marc-infantes,");
    let expected = format!(
        "warning: inputs/candidates.csv:{line}: « Alès, Moderne et Authentique » is quoted far less than the other lists of Alès: "
    );
    assert!(err.contains(&expected), "expected « {expected} » in:\n{err}");
    assert!(err.contains("% ("), "no figures in:\n{err}");
    // A programme quoted at more length than a list that answered.
    assert!(err.contains("the programme « La France insoumise » is quoted at more length"), "{err}");
}

#[test]
fn legal_mentions_and_the_review_deadline_are_printed_or_warned() {
    let dir = campaign_copy();
    let err = checked(dir.path());
    assert!(err.contains("warning: inputs/campaign.toml: no [publication]"), "{err}");
    assert!(err.contains("warning: inputs/campaign.toml: no [review] deadline"), "{err}");

    edit(dir.path(), "inputs/campaign.toml", |t| {
        t + "\n[publication]\nprinter = \"Imprimerie du Gardon\"\nprinter_address = \"3 rue des Arts, 30100 Alès\"\ndirector = \"Bruno Mangin, président d’EKKO\"\nhost = \"Hébergeur Exemple, 1 rue du Serveur, 75000 Paris, 01 23 45 67 89\"\n\n[review]\ndeadline = \"2026-12-20\"\n"
    });
    let output = build(dir.path(), &[]);
    assert!(!stderr(&output).contains("[publication]"), "{}", stderr(&output));
    assert!(!stderr(&output).contains("[review]"), "{}", stderr(&output));
    for commune in ["ales", "nimes"] {
        let briefing = pdf_text(&dir.path().join(format!("out/briefings/{commune}.pdf")));
        assert_contains(&briefing, "Édition imprimée par Imprimerie du Gardon, 3 rue des Arts, 30100 Alès.", commune);
        assert_contains(&briefing, "Responsable de la publication : Bruno Mangin, président d’EKKO.", commune);
        assert!(!squash(&briefing).contains(&squash("à compléter avant toute diffusion")), "{commune}");
        let page = std::fs::read_to_string(dir.path().join(format!("out/site/{commune}.html"))).unwrap();
        assert!(page.contains("Bruno Mangin, président d’EKKO"), "{commune}.html has no director");
        assert!(page.contains("Hébergement\u{a0}: Hébergeur Exemple, 1 rue du Serveur"), "{commune}.html has no host");
        assert!(!page.contains("à compléter"), "{commune}.html");
    }
    let proof = pdf_text(&dir.path().join("out/proofs/paul-planque.pdf"));
    assert_contains(&proof, "merci de nous la signaler avant le 20 décembre 2026", "proof");
}

#[test]
fn addresses_fit_an_envelope_window_or_are_refused() {
    let dir = campaign_copy();
    edit(dir.path(), CANDIDATES, |t| {
        t.replace("Alès, C’est Vous !\",Alès,,", "Alès, C’est Vous !\",Alès,\"a\nb\nc\nd\ne\n30100 Alès\",")
            .replace(
                "Authentique\",Alès,,",
                "Authentique\",Alès,\"Résidence des Jardins de la Royale, bâtiment C\n30100 Alès\",",
            )
            .replace("Avenir Nîmois,Nîmes,,", "Avenir Nîmois,Nîmes,\"12 rue de la Madeleine\nNîmes\",")
    });
    // Each row's line is where it starts, its address spanning several.
    let paul = line_starting(dir.path(), CANDIDATES, "paul-planque,");
    let marc = line_starting(dir.path(), CANDIDATES, "marc-infantes,");
    let julien = line_starting(dir.path(), CANDIDATES, "julien-plantier,");
    assert_fails(
        dir.path(),
        &[
            &format!(
                "inputs/candidates.csv:{paul}: column « address »: the address has 6 lines; with the name, an envelope window holds 6"
            ),
            &format!(
                "inputs/candidates.csv:{marc}: column « address »: « Résidence des Jardins de la Royale, bâtiment C » has 46 characters; La Poste reads at most 38"
            ),
            &format!(
                "inputs/candidates.csv:{julien}: column « address »: the last line of the address, « Nîmes », must be the postcode and the town"
            ),
        ],
    );
}

#[test]
fn a_letter_with_an_address_is_ready_to_post_and_one_without_is_warned() {
    let dir = campaign_copy();
    edit(dir.path(), CANDIDATES, |t| {
        t.replace("Avenir Nîmois,Nîmes,,", "Avenir Nîmois,Nîmes,\"12 rue de la Madeleine\n30000 Nîmes\",")
    });
    let output = build(dir.path(), &["--commune", "Nîmes"]);
    assert!(!stderr(&output).contains("no postal address for « julien-plantier »"), "{}", stderr(&output));
    let letter = pdf_text(&dir.path().join("out/letters/julien-plantier.pdf"));
    assert_contains(&letter, "M. Julien Plantier 12 rue de la Madeleine 30000 NIMES", "window");
    // The letter names its list, though the window does not.
    assert_contains(&letter, "liste « Avenir Nîmois »", "letter");
    let err = checked(dir.path());
    assert!(err.contains("no postal address for « paul-planque »"), "{err}");
}

#[test]
fn who_was_contacted_is_said_only_from_the_tables() {
    let dir = campaign_copy();
    // Every Alès list contacted on the same day, and a list that did not answer.
    edit(dir.path(), CANDIDATES, |t| {
        t.lines()
            .map(|l| match l.strip_suffix(',').filter(|_| l.contains(",Alès,")) {
                // The last two columns, contacted and reminded, were empty.
                Some(l) => format!("{l}2026-02-02,\n"),
                None => format!("{l}\n"),
            })
            .collect()
    });
    build(dir.path(), &["--commune", "Alès"]);
    let briefing = pdf_text(&dir.path().join("out/briefings/ales.pdf"));
    assert_contains(&briefing, "Le questionnaire a été adressé le 2 février 2026 à 3 listes de cette commune.", "Alès");
    assert_contains(&briefing, "Toutes les listes auxquelles le questionnaire a été adressé ont répondu.", "Alès");

    // A list without an answer, contacted and reminded: named, with the dates.
    edit(dir.path(), CANDIDATES, |t| {
        t + "jeanne-martin,Mme,Jeanne Martin,,Alès Demain,Alès,,,none,,,,2026-02-02,2026-02-20\n"
    });
    build(dir.path(), &["--commune", "Alès"]);
    let briefing = pdf_text(&dir.path().join("out/briefings/ales.pdf"));
    assert_contains(&briefing, "Le questionnaire a été adressé le 2 février 2026 à 4 listes de cette commune.", "Alès");
    assert_contains(&briefing, "une liste n’a pas répondu à la date de ce document", "Alès");
    assert_contains(
        &briefing,
        "Alès Demain (Jeanne Martin ; questionnaire adressé le 2 février 2026, relance le 20 février 2026)",
        "Alès",
    );
}

#[test]
fn a_list_stands_in_a_commune_and_one_said_silent_was_asked() {
    let dir = campaign_copy();
    let julien = line_starting(dir.path(), CANDIDATES, "julien-plantier,");
    edit(dir.path(), CANDIDATES, |t| t.replace("Avenir Nîmois,Nîmes,", "Avenir Nîmois,,"));
    assert_fails(
        dir.path(),
        &[&format!(
            "inputs/candidates.csv:{julien}: column « commune » is empty: a list stands in a commune (only a programme, kind program, may be national)"
        )],
    );

    let dir = campaign_copy();
    edit(dir.path(), CANDIDATES, |t| t + "jeanne-martin,Mme,Jeanne Martin,,Alès Demain,Alès,,,none,\n");
    let line = line_starting(dir.path(), CANDIDATES, "jeanne-martin,");
    let err = checked(dir.path());
    let expected = format!(
        "warning: inputs/candidates.csv:{line}: « jeanne-martin » is listed as not having answered, but no date says when it was sent the questionnaire"
    );
    assert!(err.contains(&expected), "expected « {expected} » in:\n{err}");
}

#[test]
fn the_campaign_sets_its_stance_labels_and_a_past_deadline_is_warned() {
    let dir = campaign_copy();
    edit(dir.path(), "inputs/campaign.toml", |t| {
        t + "\n[review]\ndeadline = \"2026-02-27\"\n\n[stances.commitment]\nlabel = \"Mesure annoncée\"\ndefinition = \"quand la liste nomme une mesure\"\n"
    });
    let output = build(dir.path(), &["--commune", "Nîmes"]);
    let err = stderr(&output);
    assert!(
        err.contains("warning: inputs/campaign.toml: the [review] deadline, 27 février 2026, is before the documents' date, 22 novembre 2026"),
        "{err}"
    );
    let briefing = pdf_text(&dir.path().join("out/briefings/nimes.pdf"));
    assert_contains(&briefing, "Mesure annoncée quand la liste nomme une mesure ;", "note");
    assert_contains(&briefing, "Orientation générale lorsque la réponse exprime un principe", "note");
    assert!(!squash(&briefing).contains(&squash("Engagement précis")), "the default label is still printed");
    let proof = pdf_text(&dir.path().join("out/proofs/julien-plantier.pdf"));
    assert_contains(&proof, "Mesure annoncée", "proof");

    // --no-proofs: no proof, and no warning about their deadline.
    let output = build(dir.path(), &["--commune", "Nîmes", "--no-proofs"]);
    assert!(!dir.path().join("out/proofs").exists());
    assert!(!stderr(&output).contains("deadline"), "{}", stderr(&output));

    // Two stances with one label cannot be told apart.
    let dir = campaign_copy();
    edit(dir.path(), "inputs/campaign.toml", |t| {
        t + "\n[stances.intent]\nlabel = \"Engagement précis\"\ndefinition = \"sinon\"\n"
    });
    assert_fails(dir.path(), &["inputs/campaign.toml: the stance labels in [stances] must differ"]);
}

// ------------------------------------------- the tables as staff write them

/// The shipped tables rewritten as a French spreadsheet would hold them:
/// French column names, words and dates, ids as people write them.
fn french_tables(dir: &Path) {
    let rewrite = |rel: &str, f: &dyn Fn(&mut csv::StringRecord, &[String])| {
        let path = dir.join(rel);
        let mut reader = csv::Reader::from_path(&path).unwrap();
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        let french: Vec<&str> = header
            .iter()
            .map(|h| match h.as_str() {
                "id" => "Identifiant",
                "title" => "Titre",
                "text" => "Texte",
                "civility" => "Civilité",
                "name" => "Nom",
                "role" => "Rôle",
                "list" => "Liste",
                "commune" => "Commune",
                "address" => "Adresse",
                "kind" => "Type de réponse",
                "received" => "Reçu le",
                "dated" => "Date du document",
                "contacted" => "Envoyé le",
                "reminded" => "Relancé le",
                "candidate" => "Candidat",
                "stance" => "Position",
                "quote" => "Citation",
                "summary" => "Résumé",
                "follow_up" => "Question de suivi",
                "context" => "Contexte",
                other => other,
            })
            .collect();
        let mut writer =
            csv::WriterBuilder::new().delimiter(b';').terminator(csv::Terminator::CRLF).from_path(&path).unwrap();
        writer.write_record(&french).unwrap();
        for mut row in rows {
            f(&mut row, &header);
            writer.write_record(&row).unwrap();
        }
        writer.flush().unwrap();
    };
    let set = |row: &mut csv::StringRecord, header: &[String], column: &str, value: &dyn Fn(&str) -> String| {
        let i = header.iter().position(|h| h == column).unwrap();
        let mut fields: Vec<String> = row.iter().map(String::from).collect();
        fields[i] = value(&fields[i]);
        *row = csv::StringRecord::from(fields);
    };
    rewrite("inputs/questions.csv", &|row, header| set(row, header, "id", &|id| id.to_uppercase()));
    rewrite(CANDIDATES, &|row, header| {
        // « paul-planque » → « Paul Planque »
        set(row, header, "id", &|id| {
            id.split('-').map(|w| w[..1].to_uppercase() + &w[1..]).collect::<Vec<_>>().join(" ")
        });
        set(row, header, "civility", &|c| if c == "M." { "Monsieur".into() } else { c.into() });
        set(row, header, "kind", &|k| if k == "letter" { "Lettre".into() } else { k.into() });
        set(row, header, "dated", &|d| {
            if d.is_empty() { String::new() } else { d.split('-').rev().collect::<Vec<_>>().join("/") }
        });
    });
    rewrite(ANSWERS, &|row, header| {
        set(row, header, "candidate", &|c| c.replace('-', " "));
        set(row, header, "stance", &|s| {
            match s {
                "commitment" => "Engagement précis",
                "intent" => "orientation",
                "absent" => "Non abordé",
                other => other,
            }
            .into()
        });
    });
}

#[test]
fn french_words_dates_headers_and_ids_give_the_same_documents() {
    let english = campaign_copy();
    let french = campaign_copy();
    french_tables(french.path());
    let text = std::fs::read_to_string(french.path().join(CANDIDATES)).unwrap();
    assert!(
        text.starts_with("Identifiant;Civilité;Nom")
            && text.contains("Paul Planque;Monsieur")
            && text.contains("03/03/2026"),
        "{text}"
    );
    build(english.path(), &[]);
    let output = build(french.path(), &[]);
    assert!(!stderr(&output).lines().any(|l| l.starts_with("inputs/")), "{}", stderr(&output));
    for f in [
        "briefings/ales.pdf",
        "briefings/nimes.pdf",
        "letters/paul-planque.pdf",
        "proofs/marc-infantes.pdf",
        "letters.zip",
    ] {
        let (a, b) = (english.path().join("out").join(f), french.path().join("out").join(f));
        assert!(std::fs::read(&a).unwrap() == std::fs::read(&b).unwrap(), "{f} differs");
    }
    // The command line names a candidate either way.
    build(french.path(), &["--candidate", "Paul Planque"]);
    assert!(french.path().join("out/letters/paul-planque.pdf").is_file());
}

#[test]
fn every_message_names_the_right_line_whatever_the_line_ends() {
    // Each line end, in each encoding a spreadsheet writes: UTF-8 with and
    // without a byte order mark, Windows-1252, UTF-16 with its mark.
    type Encode = fn(&str) -> Vec<u8>;
    let encodings: [(&str, Encode); 4] = [
        ("UTF-8", |t| t.as_bytes().to_vec()),
        ("UTF-8 BOM", |t| [&b"\xEF\xBB\xBF"[..], t.as_bytes()].concat()),
        ("Windows-1252", |t| {
            let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(t);
            assert!(!unmappable, "the tables hold a character Windows-1252 lacks");
            bytes.into_owned()
        }),
        ("UTF-16", |t| [0xFF, 0xFE].into_iter().chain(t.encode_utf16().flat_map(u16::to_le_bytes)).collect()),
    ];
    for (end, (encoding, encode)) in ["\n", "\r\n", "\r"].iter().flat_map(|e| encodings.iter().map(move |x| (*e, x))) {
        eprintln!("case: {encoding}, line ends {end:?}");
        let dir = campaign_copy();
        let lines = |rel: &str| -> Vec<String> {
            std::fs::read_to_string(dir.path().join(rel)).unwrap().split('\n').map(String::from).collect()
        };
        // Rows 1 to 3 of candidates.csv (lines 2 to 4): a bad date, an
        // unknown civility, an unknown kind; answers: an unknown stance, an
        // unknown candidate and a misquote after a quote over several lines.
        let mut candidates = lines(CANDIDATES);
        candidates[1] = candidates[1].replacen(",letter,,", ",letter,3/3/26,", 1);
        candidates[2] = candidates[2].replacen(",M.,", ",Sir,", 1);
        candidates[3] = candidates[3].replacen(",letter,", ",courrier,", 1);
        // Records over several lines come before both (quotes with line breaks).
        let mut answers = lines(ANSWERS);
        let at = |prefix: &str| answers.iter().position(|l| l.starts_with(prefix)).unwrap();
        let (stance_at, unknown_at) = (at("marc-infantes,q2,"), at("julien-plantier,q1,"));
        answers[stance_at] = answers[stance_at].replacen(",commitment,", ",promesse,", 1);
        answers[unknown_at] = answers[unknown_at].replacen("julien-plantier,", "julien-plantie,", 1);
        answers[1] = answers[1].replacen("la prévention est un axe clé", "la prévention est un axe majeur", 1);
        let records_before = answers[1..unknown_at].iter().filter(|l| l.contains(",q")).count();
        assert!(records_before < unknown_at - 1, "no record over several lines before");
        let write = |rel: &str, lines: &[String]| {
            let text = lines.join("\n").replace('\n', end);
            std::fs::write(dir.path().join(rel), encode(&text)).unwrap();
        };
        write(CANDIDATES, &candidates);
        write(ANSWERS, &answers);
        let (stance_line, unknown_line) = (stance_at + 1, unknown_at + 1);
        assert_fails(
            dir.path(),
            &[
                "inputs/candidates.csv:2: column « received »: « 3/3/26 » is ambiguous",
                "inputs/candidates.csv:3: civility « Sir » is unknown",
                "inputs/candidates.csv:4: kind « courrier » is unknown",
                "inputs/answers.csv:2: column « quote »: this quote is not in inputs/letters/basile-imbert.txt",
                &format!("inputs/answers.csv:{stance_line}: stance « promesse » is unknown"),
                &format!("inputs/answers.csv:{unknown_line}: unknown candidate « julien-plantie »"),
            ],
        );
    }
}

// ------------------------------------------------------------ the workbook

/// The documents that two builds of the shipped campaign must share.
const SAME_DOCUMENTS: [&str; 5] = [
    "briefings/ales.pdf",
    "briefings/nimes.pdf",
    "letters/paul-planque.pdf",
    "proofs/marc-infantes.pdf",
    "letters.zip",
];

fn assert_same_documents(a: &Path, b: &Path) {
    for f in SAME_DOCUMENTS {
        let (x, y) = (a.join("out").join(f), b.join("out").join(f));
        assert!(std::fs::read(&x).unwrap() == std::fs::read(&y).unwrap(), "{f} differs");
    }
}

/// The shipped tables as the sheets of an `.ods` workbook, typed as a
/// person types them in LibreOffice: dates as date cells, a title computed
/// by a formula; the candidates' table starts at B3 under a title line.
fn shipped_as_ods(dir: &Path, change: impl Fn(&str, usize, &str, &str) -> Option<Cell>) -> Vec<u8> {
    let sheet = |file: &str, name: &'static str| {
        let rows = csv_rows(&dir.join("inputs").join(file));
        let header = rows[0].clone();
        let mut cells: Vec<Vec<Cell>> = rows
            .into_iter()
            .enumerate()
            .map(|(r, row)| {
                row.iter()
                    .zip(&header)
                    .map(|(value, column)| {
                        if let Some(cell) = change(file, r, column, value) {
                            return cell;
                        }
                        let is_date = ["received", "dated", "contacted", "reminded"].contains(&column.as_str());
                        match value.as_str() {
                            "" => Cell::Empty,
                            v if r > 0 && is_date => Cell::Date(v.to_string()),
                            v => Cell::Text(v.to_string()),
                        }
                    })
                    .collect()
            })
            .collect();
        if file == "candidates.csv" {
            for row in &mut cells {
                row.insert(0, Cell::Empty);
            }
            cells.insert(0, vec![Cell::Empty, Cell::Text("Listes contactées".into())]);
            cells.insert(1, vec![]);
        }
        (name, cells)
    };
    ods(
        &[
            sheet("questions.csv", "Questions"),
            sheet("candidates.csv", "Candidats"),
            sheet("answers.csv", "Réponses"),
            ("Notes", vec![vec![Cell::Text("à relire".into())]]),
        ],
        false,
    )
}

/// The campaign `dir` with its tables moved into `inputs/campagne.ods`.
fn tables_to_ods(dir: &Path, change: impl Fn(&str, usize, &str, &str) -> Option<Cell>) {
    let book = shipped_as_ods(dir, change);
    std::fs::write(dir.join("inputs/campagne.ods"), book).unwrap();
    for name in ["questions.csv", "candidates.csv", "answers.csv"] {
        std::fs::remove_file(dir.join("inputs").join(name)).unwrap();
    }
}

#[test]
fn the_same_tables_in_a_workbook_give_the_same_documents() {
    let csv = campaign_copy();
    build(csv.path(), &[]);

    // .xlsx, as interpel init writes it: French sheet and column names,
    // date cells.
    let xlsx = campaign_copy();
    tables_to_xlsx(xlsx.path());
    build(xlsx.path(), &[]);
    assert_same_documents(csv.path(), xlsx.path());

    // .ods, typed by a person: a formula, a table that does not start at A1,
    // a sheet of notes beside the tables.
    let ods = campaign_copy();
    tables_to_ods(ods.path(), |file, r, column, value| {
        (file == "questions.csv" && r == 1 && column == "title")
            .then(|| Cell::Formula(format!("of:=\"{value}\""), value.to_string()))
    });
    build(ods.path(), &[]);
    assert_same_documents(csv.path(), ods.path());
}

#[test]
fn workbook_messages_name_the_sheet_the_row_and_the_column() {
    let dir = campaign_copy();
    let answers = csv_rows(&dir.path().join(ANSWERS));
    // The row of the second answer of Marc Infantes, in the sheet: its
    // record's number plus one, whatever lines its quote spans.
    let row = answers.iter().position(|r| r[0] == "marc-infantes" && r[1] == "q2").unwrap() + 1;
    let candidates = csv_rows(&dir.path().join(CANDIDATES));
    let paul = candidates.iter().position(|r| r[0] == "paul-planque").unwrap();
    tables_to_ods(dir.path(), |file, r, column, _| match (file, column) {
        ("answers.csv", "stance") if r + 1 == row => Some(Cell::Text("promesse".into())),
        // A date typed as text in a cell, ambiguous.
        ("candidates.csv", "received") if r == paul => Some(Cell::Text("3/3/26".into())),
        // A formula that failed.
        ("candidates.csv", "role") if r == paul => Some(Cell::Formula("of:=1/0".into(), "#DIV/0!".into())),
        _ => None,
    });
    // The candidates' table starts at B3: its header is on row 3, and
    // each record one row lower.
    let paul_row = paul + 3;
    let column = |table: &[Vec<String>], name: &str, shift: usize| {
        let i = table[0].iter().position(|h| h == name).unwrap() + shift;
        char::from(b'A' + i as u8).to_string()
    };
    let received = column(&candidates, "received", 1);
    let role = column(&candidates, "role", 1);
    assert_fails(
        dir.path(),
        &[
            &format!("inputs/campagne.ods: sheet « Réponses », row {row}, column C: stance « promesse » is unknown"),
            &format!(
                "inputs/campagne.ods: sheet « Candidats », row {paul_row}, column {received}: column « received »: « 3/3/26 » is ambiguous"
            ),
            &format!(
                "inputs/campagne.ods: sheet « Candidats », row {paul_row}, column {role}: this cell shows an error (#DIV/0!)"
            ),
        ],
    );

    // The same in an .xlsx workbook, whose cells are read one by one.
    let dir = campaign_copy();
    let mut rows = answers.clone();
    rows[row - 1][2] = "promesse".into();
    let mut writer = csv::Writer::from_path(dir.path().join(ANSWERS)).unwrap();
    rows.iter().for_each(|r| writer.write_record(r).unwrap());
    writer.flush().unwrap();
    tables_to_xlsx(dir.path());
    assert_fails(
        dir.path(),
        &[&format!("inputs/campagne.xlsx: sheet « réponses », row {row}, column C: stance « promesse » is unknown")],
    );

    // A misquote names the sheet and row; a missing sheet names those there are.
    let dir = campaign_copy();
    tables_to_ods(dir.path(), |file, r, column, value| {
        (file == "answers.csv" && r + 1 == row && column == "quote").then(|| Cell::Text(value.replacen('a', "à", 1)))
    });
    assert_fails(
        dir.path(),
        &[&format!("inputs/campagne.ods: sheet « Réponses », row {row}: column « quote »: this quote is not in")],
    );
    let book = ods(&[("Questions", vec![vec![Cell::Text("id".into())]])], false);
    write_bytes(dir.path(), "inputs/campagne.ods", &book);
    assert_fails(
        dir.path(),
        &[
            "inputs/campagne.ods: no sheet named « candidates » (or « candidats », « listes »); the workbook's sheets are: Questions",
            "inputs/campagne.ods: no sheet named « answers » (or « reponses »)",
            "inputs/campagne.ods: sheet « Questions », row 1: missing column « title »",
        ],
    );
    // A cell beyond the header's columns.
    let book = ods(
        &[(
            "questions",
            vec![
                vec![Cell::Text("id".into()), Cell::Text("title".into()), Cell::Text("text".into())],
                vec![Cell::Text("q1".into()), Cell::Text("T".into()), Cell::Text("Q ?".into()), Cell::Number(3.0)],
            ],
        )],
        false,
    );
    write_bytes(dir.path(), "inputs/campagne.ods", &book);
    assert_fails(
        dir.path(),
        &["inputs/campagne.ods: sheet « questions », row 2, column D: this cell is filled but has no column name"],
    );
}

fn write_bytes(dir: &Path, rel: &str, bytes: &[u8]) {
    std::fs::write(dir.join(rel), bytes).unwrap();
}

#[test]
fn a_folder_with_two_kinds_of_tables_says_which_to_keep() {
    let dir = campaign_copy();
    let tables = std::fs::read(dir.path().join(ANSWERS)).unwrap();
    tables_to_xlsx(dir.path());
    write_bytes(dir.path(), ANSWERS, &tables);
    assert_fails(dir.path(), &["inputs/campagne.xlsx: inputs/ holds both this workbook and answers.csv", "keep one"]);
    std::fs::remove_file(dir.path().join(ANSWERS)).unwrap();
    std::fs::copy(dir.path().join("inputs/campagne.xlsx"), dir.path().join("inputs/copie.ods")).unwrap();
    assert_fails(dir.path(), &["inputs: inputs/ holds 2 workbooks (campagne.xlsx, copie.ods)"]);
    // The lock files of an open workbook are not workbooks.
    std::fs::remove_file(dir.path().join("inputs/copie.ods")).unwrap();
    write_bytes(dir.path(), "inputs/.~lock.campagne.xlsx#", b",hm,host,01.12.2026 10:00,file:///;");
    write_bytes(dir.path(), "inputs/~$campagne.xlsx", b"\x05hm");
    build(dir.path(), &[]);
}

#[test]
fn damaged_locked_or_outsized_workbooks_get_a_message_and_nothing_is_written() {
    let dir = campaign_copy();
    tables_to_xlsx(dir.path());
    let good = std::fs::read(dir.path().join("inputs/campagne.xlsx")).unwrap();

    // A zip whose part claims to unpack to 4 GB: the sizes are read, not
    // trusted by unpacking.
    let mut bomb = good.clone();
    let central = bomb.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
    bomb[central + 24..central + 28].copy_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
    // 2 000 rows of 1 000 cells written as repeated cells: a few bytes.
    let repeated = r#"<table:table-row table:number-rows-repeated="2000"><table:table-cell table:number-columns-repeated="1000" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>"#;
    let crowded = {
        let plain = ods(&[("questions", vec![vec![Cell::Text("ROWS".into())]])], false);
        rezip_content(&plain, |content| {
            content.replace(r#"<table:table-row><table:table-cell office:value-type="string"><text:p>ROWS</text:p></table:table-cell></table:table-row>"#, repeated)
        })
    };
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "campagne.xlsx",
            Vec::new(),
            "the file is empty (0 bytes); open it in LibreOffice Calc or Excel and save it again",
        ),
        ("campagne.xlsx", b"identifiant;titre\nq1;x\n".to_vec(), "is not an .ods or .xlsx workbook"),
        ("campagne.xlsx", [&b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"[..], &[0; 504]].concat(), "protected by a password"),
        ("campagne.xlsx", good[..good.len() / 2].to_vec(), "this workbook is damaged"),
        ("campagne.xlsx", bomb, "unpacks to"),
        ("campagne.ods", ods(&[("questions", vec![])], true), "protected by a password: interpel cannot read it"),
        ("campagne.ods", crowded, "sheet « questions »: this sheet holds more than 1000000 filled cells"),
    ];
    for (name, bytes, says) in cases {
        std::fs::remove_file(dir.path().join("inputs/campagne.xlsx")).ok();
        std::fs::remove_file(dir.path().join("inputs/campagne.ods")).ok();
        write_bytes(dir.path(), &format!("inputs/{name}"), &bytes);
        eprintln!("case: {says}");
        assert_fails(dir.path(), &[&format!("inputs/{name}"), says]);
    }
}

/// `ods` with its content.xml rewritten by `f`.
fn rezip_content(book: &[u8], f: impl Fn(&str) -> String) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(book)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).unwrap();
        let name = part.name().unwrap().to_string();
        let mut text = String::new();
        part.read_to_string(&mut text).unwrap();
        let text = if name == "content.xml" { f(&text) } else { text };
        out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(text.as_bytes()).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// Typst's diagnostics reach the user as the typst CLI shows them: the
/// message, the line with carets under the place, and the calls that led
/// there; a warning is shown the same when its document is taken back
/// unchanged by the next build.
#[test]
fn typst_diagnostics_are_shown_as_typst_shows_them() {
    let dir = campaign_copy();
    let style = edit_template(dir.path(), "style.typ", "", "");
    let lines = style.lines().count();
    write(dir.path(), "templates/style.typ", &format!("{style}\n#let boom(x) = {{\n  x + \"a\"\n}}\n"));
    edit_template(dir.path(), "letter.typ.hbs", "{{appel}},", "#import \"/style.typ\": boom\n#boom(1)\n{{appel}},");
    let err = failed_build(dir.path());
    let boom = lines + 3;
    let root = dir.path().display();
    let expected = format!(
        "error: cannot add integer and string\n    ┌─ {root}/out.failed/typst/style.typ:{boom}:2\n    │\n{boom} │   x + \"a\"\n    │   ^^^^^^^\n\n  while calling `boom` at {root}/out.failed/typst/letters/basile-imbert.typ:"
    );
    assert_contains(&err, &expected, "the error, its snippet and its trace");
    assert_contains(&err, &format!("note: style.typ is a copy of templates/style.typ:{boom}\n"), "the origin");

    // A warning, then the same build again, every document unchanged.
    let dir = campaign_copy();
    edit_template(dir.path(), "briefing.typ.hbs", "#import", "#text(font: \"NoSuchFontAtAll\")[x]\n#import");
    let warning = format!(
        "warning: unknown font family: nosuchfontatall\n  ┌─ {}/out/typst/briefings/ales.typ:",
        dir.path().display()
    );
    let first = stderr(&build(dir.path(), &[]));
    assert_contains(&first, &warning, "the warning");
    let second = stderr(&build(dir.path(), &[]));
    assert_contains(&second, "10 unchanged", "the second build");
    let typst_part = |s: &str| s[s.find("warning: unknown font").unwrap()..s.find("built ").unwrap()].to_string();
    assert_eq!(typst_part(&first), typst_part(&second), "the warning of a document taken back");
}
