//! The shipped campaign, built through the real binary: the files a user
//! gets and what a reader finds in them.

use std::io::Read;
use std::sync::OnceLock;

use crate::common::*;

/// The shipped campaign built once into a temporary folder for all tests.
fn built() -> &'static std::path::Path {
    static OUT: OnceLock<tempfile::TempDir> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = tempfile::tempdir().unwrap();
        let target = out.path().join("out");
        build(&shipped(), &["--out", target.to_str().unwrap()]);
        out
    })
    .path()
}

fn out(rel: &str) -> std::path::PathBuf {
    built().join("out").join(rel)
}

const LETTERS: [(&str, &str, &str); 4] = [
    ("basile-imbert", "Basile Imbert", "Alès Commun"),
    ("paul-planque", "Paul Planque", "Alès, C’est Vous !"),
    ("marc-infantes", "Marc Infantes", "Alès, Moderne et Authentique"),
    ("julien-plantier", "Julien Plantier", "Avenir Nîmois"),
];

#[test]
fn the_output_folder_holds_every_document() {
    for f in ["briefings/ales.pdf", "briefings/nimes.pdf", "letters.zip", "typst/style.typ"] {
        assert!(out(f).is_file(), "{f} is missing");
    }
    for (id, _, _) in LETTERS {
        assert!(out(&format!("letters/{id}.pdf")).is_file(), "letter {id} is missing");
        assert!(out(&format!("typst/letters/{id}.typ")).is_file(), "source of {id} is missing");
    }
    // A published programme gets no letter.
    assert!(!out("letters/lfi.pdf").exists());
    let briefings: Vec<_> = std::fs::read_dir(out("briefings")).unwrap().collect();
    assert_eq!(briefings.len(), 2);
}

#[test]
fn each_letter_names_its_candidate_and_list_and_quotes_them() {
    let answers = csv::Reader::from_path(shipped().join("inputs/answers.csv")).unwrap().into_records();
    let answers: Vec<csv::StringRecord> = answers.map(Result::unwrap).collect();
    for (id, name, list) in LETTERS {
        let text = pdf_text(&out(&format!("letters/{id}.pdf")));
        assert_contains(&text, name, id);
        assert_contains(&text, list, id);
        assert_contains(&text, "Alès, le 22 novembre 2026", id);
        assert_contains(&text, "Objet : suite à votre réponse", id);
        assert_contains(&text, &format!("la réponse de la liste « {list} »"), id);
        assert_contains(&text, "Nous vous prions d’agréer, Monsieur, l’expression", id);
        assert_contains(&text, "Bruno Mangin", id);
        let quotes: Vec<&str> = answers.iter().filter(|r| &r[0] == id).map(|r| &r[3]).collect();
        assert!(!quotes.is_empty());
        for quote in quotes {
            assert_contains(&text, quote, id);
        }
    }
}

#[test]
fn the_ales_briefing_compares_the_three_ales_lists() {
    let text = pdf_text(&out("briefings/ales.pdf"));
    for list in ["Alès Commun", "Alès, C’est Vous !", "Alès, Moderne et Authentique"] {
        assert_contains(&text, list, "Alès briefing");
    }
    assert!(!squash(&text).contains(&squash("Avenir Nîmois")), "the Nîmes list leaked into Alès");
    // The shipped campaign quotes no party's programme.
    assert!(!squash(&text).contains(&squash("Programmes publiés")), "Alès briefing");
    assert_contains(&text, "Engagement précis", "Alès briefing");
    // Lists in alphabetical order of list name, accents and punctuation aside.
    let s = squash(&text);
    let at = |l: &str| s.find(&squash(l)).unwrap();
    assert!(at("Alès, C’est Vous !") < at("Alès Commun"));
    assert!(at("Alès Commun") < at("Alès, Moderne et Authentique"));

    let nimes = pdf_text(&out("briefings/nimes.pdf"));
    assert_contains(&nimes, "Avenir Nîmois", "Nîmes briefing");
    assert!(!squash(&nimes).contains(&squash("La France insoumise")));
    assert!(!squash(&nimes).contains(&squash("Alès Commun")));
}

/// Where `needle` first is in `text`, line breaks and hyphens aside.
fn position(text: &str, needle: &str) -> Option<usize> {
    squash(text).find(&squash(needle))
}

#[test]
fn a_programme_is_a_reference_never_graded_nor_in_the_overview() {
    let dir = campaign_with_programme();
    let output = build(dir.path(), &[]);
    // One party's programme alone is a warning, with its line.
    assert!(
        stderr(&output).contains(
            "warning: inputs/candidates.csv:6: only « La France insoumise » has a published programme quoted"
        ),
        "{}",
        stderr(&output)
    );
    assert!(!dir.path().join("out/letters/lfi.pdf").exists(), "a programme gets no letter");
    assert!(!dir.path().join("out/proofs/lfi.pdf").exists(), "a programme gets no proof");
    for commune in ["ales", "nimes"] {
        let text = pdf_text(&dir.path().join(format!("out/briefings/{commune}.pdf")));
        let section = position(&text, "Programmes publiés, pour information").expect("a programmes section");
        // The programme's name appears nowhere before its own section:
        // neither in the overview nor among the lists' answers.
        assert!(position(&text, "La France insoumise").unwrap() > section, "{commune}: programme before its section");
        let sources = position(&text, "Sources").unwrap();
        let programme = &squash(&text)[section..sources];
        for label in ["Engagement précis", "Orientation générale", "Non abordé"] {
            assert!(!programme.contains(&squash(label)), "{commune}: the programme is graded « {label} »");
        }
        for said in [
            "ne sont pas des réponses",
            "Nature du document : boîte à outils programmatique",
            "texte coupé à « Lire la suite »",
            "Précision du document : Moyennes et grandes communes, intercommunalités",
            "l’absence d’une question ne signifie pas que le document ne l’aborde pas",
        ] {
            assert_contains(&text, said, commune);
        }
    }
}

#[test]
fn the_method_note_says_only_what_the_tables_back() {
    let ales = pdf_text(&out("briefings/ales.pdf"));
    // Derived from the tables: three letters in Alès, one in Nîmes.
    assert_contains(&ales, "Ce document cite les réponses écrites de 3 listes.", "Alès");
    let nimes = pdf_text(&out("briefings/nimes.pdf"));
    assert_contains(&nimes, "Ce document cite la réponse écrite d’une liste.", "Nîmes");
    for text in [&ales, &nimes] {
        // The tables say nothing of who was contacted: no claim about it.
        assert!(!squash(text).contains(&squash("Listes sans réponse")));
        assert!(!squash(text).contains(&squash("Le questionnaire a été adressé")));
        assert_contains(text, "mention la plus précise parmi les extraits de la liste", "the overview's rule");
        assert_contains(text, "Les extraits sont cités mot pour mot", "extracts");
        assert_contains(text, "Résumé par l’association :", "summaries marked");
        assert_contains(text, "Engagement précis lorsque la réponse annonce une mesure identifiable", "definitions");
        // No printer is known for the shipped campaign, and none is invented.
        assert_contains(text, "Mentions légales à compléter avant toute diffusion", "legal mentions");
    }
}

#[test]
fn each_list_that_answered_gets_a_proof_of_its_entry() {
    let answers: Vec<csv::StringRecord> = csv::Reader::from_path(shipped().join("inputs/answers.csv"))
        .unwrap()
        .into_records()
        .map(Result::unwrap)
        .collect();
    for (id, name, list) in LETTERS {
        let pdf = out(&format!("proofs/{id}.pdf"));
        let text = pdf_text(&pdf);
        assert_contains(&text, &format!("Épreuve — liste « {list} »"), id);
        assert_contains(&text, name, id);
        assert_contains(&text, "erreur de transcription", id);
        assert_contains(&text, "dans les meilleurs délais", id);
        for row in answers.iter().filter(|r| &r[0] == id) {
            assert_contains(&text, &row[3], id);
            assert_contains(&text, &row[4], id);
        }
        for (w, h) in page_sizes(&pdf) {
            assert!((w - 595.28).abs() < 0.5 && (h - 841.89).abs() < 0.5, "{id}: {w}×{h} pt");
        }
    }
    assert_eq!(std::fs::read_dir(out("proofs")).unwrap().count(), LETTERS.len());
}

#[test]
fn quotation_marks_inside_a_quotation_are_english_ones() {
    let text = pdf_text(&out("briefings/ales.pdf"));
    let joined: String = text.split_whitespace().collect();
    assert!(joined.contains("“compétencespsychosociales”"), "no nested quotes in:\n{text}");
}

#[test]
fn briefing_pages_are_numbered_n_of_m() {
    let bytes = std::fs::read(out("briefings/ales.pdf")).unwrap();
    let raw = pdf_extract::extract_text_from_mem(&bytes).unwrap();
    let pages = page_sizes(&out("briefings/ales.pdf")).len();
    assert!(pages > 1);
    for n in 1..=pages {
        assert!(raw.contains(&format!("page {n} / {pages}")), "no « page {n} / {pages} » in:\n{raw}");
    }
}

#[test]
fn every_page_is_a4() {
    let mut pdfs = vec![out("briefings/ales.pdf"), out("briefings/nimes.pdf")];
    pdfs.extend(LETTERS.iter().map(|(id, _, _)| out(&format!("letters/{id}.pdf"))));
    for pdf in pdfs {
        for (w, h) in page_sizes(&pdf) {
            assert!((w - 595.28).abs() < 0.5 && (h - 841.89).abs() < 0.5, "{}: {w}×{h} pt", pdf.display());
        }
    }
}

#[test]
fn the_zip_holds_every_letter_and_a_manifest() {
    let file = std::fs::File::open(out("letters.zip")).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut names: Vec<String> = (0..zip.len()).map(|i| zip.by_index(i).unwrap().name().unwrap().to_string()).collect();
    names.sort();
    let mut expected: Vec<String> = LETTERS.iter().map(|(id, _, _)| format!("{id}.pdf")).collect();
    expected.push("manifest.csv".into());
    expected.sort();
    assert_eq!(names, expected);

    let mut manifest = String::new();
    zip.by_name("manifest.csv").unwrap().read_to_string(&mut manifest).unwrap();
    let mut rows = csv::Reader::from_reader(manifest.as_bytes());
    assert_eq!(rows.headers().unwrap(), vec!["candidate", "list", "commune", "file", "pages", "sha256"]);
    let rows: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4);
    for row in rows {
        let mut pdf = Vec::new();
        zip.by_name(&row[3]).unwrap().read_to_end(&mut pdf).unwrap();
        assert_eq!(pdf, std::fs::read(out(&format!("letters/{}", &row[3]))).unwrap());
        let sha: String = sha2::Digest::finalize(<sha2::Sha256 as sha2::Digest>::new_with_prefix(&pdf))
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(&row[5], sha);
        assert_eq!(row[4].parse::<usize>().unwrap(), page_sizes(&out(&format!("letters/{}", &row[3]))).len());
    }
}

#[test]
fn the_same_inputs_give_the_same_bytes() {
    let again = tempfile::tempdir().unwrap();
    let target = again.path().join("out");
    build(&shipped(), &["--out", target.to_str().unwrap()]);
    for f in ["letters/paul-planque.pdf", "briefings/ales.pdf", "letters.zip"] {
        assert!(std::fs::read(target.join(f)).unwrap() == std::fs::read(out(f)).unwrap(), "{f} differs");
    }
}

#[test]
fn the_generated_typst_project_is_self_contained() {
    let source = std::fs::read_to_string(out("typst/letters/paul-planque.typ")).unwrap();
    assert!(source.contains("#import \"/style.typ\""));
    assert!(source.contains("Paul Planque"));
}

#[test]
fn check_validates_the_shipped_campaign_and_writes_nothing() {
    let dir = campaign_copy();
    let output = interpel(&["check", dir.path().to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(err.contains("ok: 2 briefings, 4 letters and 4 proofs would be built ("), "{err}");
    // What staff must judge before publishing, as warnings.
    assert!(err.contains("warning: inputs/campaign.toml: no [publication]"), "{err}");
    assert!(err.contains("warning: inputs/candidates.csv:2: no postal address for « basile-imbert »"), "{err}");
    assert!(!dir.path().join("out").exists());
}

#[test]
fn commune_and_candidate_select_what_is_built() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out");
    build(&shipped(), &["--out", target.to_str().unwrap(), "--commune", "Nîmes", "--candidate", "paul-planque"]);
    assert!(target.join("briefings/nimes.pdf").is_file());
    assert!(!target.join("briefings/ales.pdf").exists());
    assert!(target.join("letters/julien-plantier.pdf").is_file());
    assert!(target.join("letters/paul-planque.pdf").is_file());
    assert!(!target.join("letters/basile-imbert.pdf").exists());
}

#[test]
fn the_date_defaults_to_source_date_epoch() {
    let dir = campaign_copy();
    let output = assert_cmd::Command::cargo_bin("interpel")
        .unwrap()
        .args(["build", dir.path().to_str().unwrap(), "--candidate", "paul-planque"])
        .env("SOURCE_DATE_EPOCH", "1772496000") // 2026-03-03
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let text = pdf_text(&dir.path().join("out/letters/paul-planque.pdf"));
    assert_contains(&text, "Alès, le 3 mars 2026", "letter date");
}

#[test]
fn shards_split_the_campaign_by_commune_and_merge_by_copying() {
    let dir = tempfile::tempdir().unwrap();
    let campaign = synth_campaign(dir.path(), 40, 8);
    let whole = dir.path().join("whole");
    build(&campaign, &["--out", whole.to_str().unwrap()]);
    let files = |out: &std::path::Path, folder: &str| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(out.join(folder))
            .map(|d| d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect())
            .unwrap_or_default();
        names.sort();
        names
    };
    let communes: std::collections::HashMap<String, String> =
        csv::Reader::from_path(campaign.join("inputs/candidates.csv"))
            .unwrap()
            .records()
            .map(|r| r.unwrap())
            .map(|r| (r[0].to_string(), r[5].to_string()))
            .collect();
    let mut merged_briefings = Vec::new();
    let mut merged_letters = Vec::new();
    for k in 1..=3 {
        let out = dir.path().join(format!("shard-{k}"));
        build(&campaign, &["--out", out.to_str().unwrap(), "--shard", &format!("{k}/3")]);
        let briefings = files(&out, "briefings");
        // Every letter of the share is from a commune whose briefing is in it.
        for letter in files(&out, "letters") {
            let id = letter.trim_end_matches(".pdf");
            let slug = interpel::french::slug(&communes[id]);
            assert!(briefings.contains(&format!("{slug}.pdf")), "{letter} of shard {k}: no {slug}.pdf beside it");
            assert_eq!(
                std::fs::read(out.join("letters").join(&letter)).unwrap(),
                std::fs::read(whole.join("letters").join(&letter)).unwrap(),
                "{letter} differs from the whole build"
            );
        }
        merged_briefings.extend(briefings);
        merged_letters.extend(files(&out, "letters"));
    }
    merged_briefings.sort();
    merged_letters.sort();
    assert_eq!(merged_briefings, files(&whole, "briefings"), "briefings lost or doubled");
    assert_eq!(merged_letters, files(&whole, "letters"), "letters lost or doubled");
    assert_eq!(interpel(&["build", campaign.to_str().unwrap(), "--shard", "4/3"]).status.code(), Some(2));
}

/// Regression: since threads take documents as they free up, results come
/// in any order; the zip and its manifest must not follow them.
#[test]
fn the_zip_is_the_same_whatever_the_number_of_threads() {
    let dir = tempfile::tempdir().unwrap();
    let campaign = synth_campaign(dir.path(), 30, 3);
    let zips: Vec<Vec<u8>> = ["1", "4"]
        .iter()
        .map(|jobs| {
            let out = dir.path().join(format!("out-{jobs}"));
            build(&campaign, &["--out", out.to_str().unwrap(), "--jobs", jobs]);
            std::fs::read(out.join("letters.zip")).unwrap()
        })
        .collect();
    assert!(zips[0] == zips[1], "letters.zip differs between --jobs 1 and --jobs 4");
}

/// The open data: one record per excerpt, the same quotes as the inputs,
/// the questions, and a note on the fields and the licence.
#[test]
fn the_open_data_holds_every_excerpt_quoted() {
    let (_dir, out) = shipped_build();
    let records = csv_rows(&out.join("data/answers.csv"));
    assert_eq!(
        records[0],
        [
            "commune",
            "list",
            "candidate",
            "kind",
            "question",
            "question_title",
            "stance",
            "stance_label",
            "quote",
            "summary",
            "context",
            "source",
            "dated",
            "received"
        ]
    );
    let inputs = csv_rows(&shipped().join("inputs/answers.csv"));
    assert_eq!(records.len(), inputs.len(), "one record per excerpt");
    // Every quote verbatim, as answers.csv has it.
    let mut quoted: Vec<&str> = records[1..].iter().map(|r| r[8].as_str()).collect();
    let mut expected: Vec<&str> = inputs[1..].iter().map(|r| r[3].as_str()).collect();
    quoted.sort();
    expected.sort();
    assert_eq!(quoted, expected);
    let planque = records.iter().find(|r| r[2] == "Paul Planque").unwrap();
    assert_eq!((planque[0].as_str(), planque[3].as_str()), ("Alès", "réponse"));
    assert_eq!((planque[12].as_str(), planque[13].as_str()), ("2026-03-03", ""), "dated, received");
    assert_eq!(planque[11], "Lettre datée du 3 mars 2026");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("data/answers.json")).unwrap()).unwrap();
    assert_eq!(json["records"].as_array().unwrap().len(), records.len() - 1);
    assert_eq!(json["publisher"], "EKKO");
    assert_eq!(csv_rows(&out.join("data/questions.csv")).len(), 5);
    let note = std::fs::read_to_string(out.join("data/LISEZMOI.txt")).unwrap();
    assert_contains(&note, "Licence : non précisée", "the note, without a licence");
}

/// The text of a web page, without its tags, its entities decoded.
fn page_text(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#x27;", "'").replace("&amp;", "&")
}

#[test]
fn the_web_edition_has_a_page_per_commune_with_every_quote_and_the_open_data() {
    let (_dir, out) = shipped_build();
    let site = out.join("site");
    for file in ["index.html", "ales.html", "nimes.html", "style.css", "data/answers.csv", "data/LISEZMOI.txt"] {
        assert!(site.join(file).is_file(), "site/{file} is missing");
    }
    assert_eq!(
        std::fs::read(site.join("data/answers.csv")).unwrap(),
        std::fs::read(out.join("data/answers.csv")).unwrap()
    );
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    for link in ["href=\"ales.html\"", "href=\"nimes.html\"", "href=\"data/answers.csv\"", "href=\"style.css\""] {
        assert!(index.contains(link), "the home page has no {link}");
    }
    // How many lists answered, as the tables say, and no claim of how many stand.
    assert!(index.contains("3\u{a0}listes ont répondu") && index.contains("1\u{a0}liste a répondu"), "{index}");
    let inputs = csv_rows(&shipped().join("inputs/answers.csv"));
    let candidates = csv_rows(&shipped().join("inputs/candidates.csv"));
    for (page, commune) in [("ales.html", "Alès"), ("nimes.html", "Nîmes")] {
        let html = std::fs::read_to_string(site.join(page)).unwrap();
        // A page people can find their way in, on a phone or with a screen reader.
        for part in ["<html lang=\"fr\">", "name=\"viewport\"", "<main id=\"contenu\">", "href=\"#contenu\"", "<h1>"] {
            assert!(html.contains(part), "{page} has no {part}");
        }
        assert!(
            html.contains("<th scope=\"col\">Liste</th>") && html.contains("<th scope=\"row\">"),
            "{page}: header cells"
        );
        // No internal path, no paths of the project's files.
        assert!(!html.contains("letters/") && !html.contains(".txt") && !html.contains("typst"), "{page} shows a path");
        // Every quote of the commune's lists, verbatim, and the national programmes'.
        let text = page_text(&html);
        let here: Vec<&str> =
            candidates[1..].iter().filter(|c| c[5] == commune || c[5].is_empty()).map(|c| c[0].as_str()).collect();
        let quotes = inputs[1..].iter().filter(|r| here.contains(&r[0].as_str())).map(|r| r[3].as_str());
        let mut count = 0;
        for quote in quotes {
            assert_contains(&text, &quote.replace('"', "”"), &format!("{page}, a quote"));
            count += 1;
        }
        assert!(count > 0, "{page}: no quote checked");
        // The stances in words, as in the PDF briefing.
        let pdf = pdf_text(&out.join(format!("briefings/{}", page.replace(".html", ".pdf"))));
        for label in ["Engagement précis", "Orientation générale", "Non abordé"] {
            assert_eq!(pdf.contains(label), text.contains(label), "{page}: « {label} » in one edition only");
        }
    }
}

#[test]
fn beyond_five_national_programmes_are_quoted_once_in_their_own_document() {
    let dir = campaign_with_programme();
    let inputs = dir.path().join("inputs");
    // Five more national programmes, each quoting the same toolbox.
    let fixture = shipped().join("tests/fixtures/programme");
    let (candidate, answers) = (
        std::fs::read_to_string(fixture.join("candidates.csv")).unwrap(),
        std::fs::read_to_string(fixture.join("answers.csv")).unwrap(),
    );
    for k in 2..=6 {
        let mut table = std::fs::read_to_string(inputs.join("candidates.csv")).unwrap();
        table.push_str(&candidate.replacen("lfi,", &format!("lfi{k},"), 1).replace(
            ",La France insoumise,,La France insoumise,",
            &format!(",Parti national {k},,Parti national {k},"),
        ));
        std::fs::write(inputs.join("candidates.csv"), table).unwrap();
        let mut table = std::fs::read_to_string(inputs.join("answers.csv")).unwrap();
        table.push_str(&answers.lines().map(|l| format!("lfi{k}{}\n", &l[3..])).collect::<String>());
        std::fs::write(inputs.join("answers.csv"), table).unwrap();
    }
    let output = build(dir.path(), &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let out = dir.path().join("out");
    let summary = format!("{}{}", String::from_utf8_lossy(&output.stdout), stderr(&output));
    assert!(summary.contains("programmes/"), "{summary}");

    // Quoted once, in their own document, all six, never graded.
    let national = pdf_text(&out.join("programmes/nationaux.pdf"));
    for said in [
        "Programmes publiés au niveau national",
        "ce ne sont pas des réponses",
        "La France insoumise",
        "Parti national 2",
        "Parti national 6",
        "Développer des campagnes de prévention et de sensibilisation aux dangers des addictions",
        // The shipped campaign gives no publisher: the same legal note as the briefings'.
        "Mentions légales à compléter avant toute diffusion",
    ] {
        assert_contains(&national, said, "programmes/nationaux.pdf");
    }
    for label in ["Engagement précis", "Orientation générale", "Non abordé"] {
        assert!(!squash(&national).contains(&squash(label)), "a programme graded « {label} »");
    }
    assert!(out.join("typst/programmes/nationaux.typ").is_file());

    // Each briefing names the document instead of quoting them.
    for commune in ["ales", "nimes"] {
        let text = pdf_text(&out.join(format!("briefings/{commune}.pdf")));
        assert_contains(&text, "Les 6 programmes publiés au niveau national", commune);
        assert_contains(&text, "réunis dans un document distinct, commun à toutes les communes", commune);
        for absent in ["La France insoumise", "Parti national", "Développer des campagnes de prévention"] {
            assert!(position(&text, absent).is_none(), "{commune}: « {absent} » is quoted in the briefing");
        }
        let page = std::fs::read_to_string(out.join(format!("site/{commune}.html"))).unwrap();
        assert!(page.contains("réunis dans un document distinct"), "{commune}.html");
        assert!(!page.contains("Parti national"), "{commune}.html quotes a national programme");
    }
    // The open data still holds every excerpt, with its programme.
    let data = std::fs::read_to_string(out.join("data/answers.csv")).unwrap();
    let rows = data.lines().filter(|l| l.starts_with(",Parti national 4,Parti national 4,programme,")).count();
    assert_eq!(rows, answers.lines().count(), "{data}");
}
