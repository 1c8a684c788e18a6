//! The campaign workflow through the real binary: starting a campaign,
//! printing, archiving, watching, and what the terminal shows.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::common::*;
use assert_cmd::cargo::CommandCargoExt;

fn texts_by_page(path: &Path) -> Vec<String> {
    let bytes = std::fs::read(path).unwrap();
    pdf_extract::extract_text_from_mem_by_pages(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn page_count(path: &Path) -> usize {
    lopdf::Document::load(path).unwrap().get_pages().len()
}

/// The document information dictionary's `key`, decoded.
fn info(path: &Path, key: &[u8]) -> String {
    let doc = lopdf::Document::load(path).unwrap();
    let info = doc.trailer.get(b"Info").and_then(|o| o.as_reference()).unwrap();
    let dict = doc.get_dictionary(info).unwrap();
    let value = dict.get(key).unwrap_or_else(|_| panic!("{}: no {}", path.display(), String::from_utf8_lossy(key)));
    lopdf::decode_text_string(value).unwrap()
}

#[test]
fn init_writes_an_example_campaign_that_builds_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let campaign = dir.path().join("ma-campagne");
    let output = interpel(&["init", campaign.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    for file in [
        "GUIDE.md",
        "guide-workbook.png",
        "inputs/campaign.toml",
        "inputs/answers.csv",
        "templates/letter.typ.hbs",
        "templates/style.typ",
    ] {
        assert!(campaign.join(file).is_file(), "init did not write {file}");
    }
    let settings = std::fs::read_to_string(campaign.join("inputs/campaign.toml")).unwrap();
    assert!(settings.starts_with("# FICTIONAL EXAMPLE"), "the example is not marked as one");

    let output = build(&campaign, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let letter = pdf_text(&campaign.join("out/letters/sylvie-garnier.pdf"));
    assert_contains(&letter, "Valmont-sur-Exemple, le 22 novembre 2026", "example letter");
    assert_contains(&letter, "Exemple Santé", "example letter");
    // Its logo tells a screen reader what it is (a PDF text string, UTF-16).
    let alt: String = "FEFF"
        .chars()
        .chain("Logo de Exemple Santé".encode_utf16().flat_map(|u| format!("{u:04X}").chars().collect::<Vec<_>>()))
        .collect();
    let bytes =
        String::from_utf8_lossy(&std::fs::read(campaign.join("out/letters/sylvie-garnier.pdf")).unwrap()).into_owned();
    assert!(bytes.contains(&format!("/Alt<{alt}>")), "the logo has no alternative text");
    assert!(campaign.join("out/print/letters.pdf").is_file());
}

#[test]
fn init_can_keep_the_tables_in_a_workbook_that_gives_the_same_documents() {
    let dir = tempfile::tempdir().unwrap();
    let (csv, book) = (dir.path().join("csv"), dir.path().join("book"));
    for (folder, extra) in [(&csv, None), (&book, Some("workbook"))] {
        let mut args = vec!["init", folder.to_str().unwrap()];
        args.extend(extra.map(|t| ["--tables", t]).into_iter().flatten());
        let output = interpel(&args);
        assert!(output.status.success(), "{}", stderr(&output));
    }
    assert!(book.join("inputs/campagne.xlsx").is_file());
    assert!(!book.join("inputs/answers.csv").exists(), "a workbook campaign with CSV tables beside it");
    // The workbook opens as a spreadsheet user expects: French sheet and
    // column names, dates as dates.
    let bytes = std::fs::read(book.join("inputs/campagne.xlsx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut part = |name: &str| {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut text).unwrap();
        text
    };
    let workbook = part("xl/workbook.xml");
    for sheet in ["questions", "candidats", "réponses"] {
        assert!(workbook.contains(&format!("name=\"{sheet}\"")), "no sheet {sheet}: {workbook}");
    }
    assert!(part("xl/sharedStrings.xml").contains("type de réponse"));
    assert!(part("xl/styles.xml").contains("dd/mm/yyyy"));

    build(&csv, &[]);
    build(&book, &[]);
    for f in ["briefings/valmont-sur-exemple.pdf", "letters/sylvie-garnier.pdf", "letters.zip", "print/letters.pdf"] {
        let same = std::fs::read(csv.join("out").join(f)).unwrap() == std::fs::read(book.join("out").join(f)).unwrap();
        assert!(same, "{f} differs");
    }
}

#[test]
fn init_never_replaces_a_campaign() {
    let dir = campaign_copy();
    let answers = std::fs::read(dir.path().join("inputs/answers.csv")).unwrap();
    let output = interpel(&["init", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("already holds inputs"), "{}", stderr(&output));
    assert_eq!(std::fs::read(dir.path().join("inputs/answers.csv")).unwrap(), answers);
    assert!(!dir.path().join("GUIDE.md").exists(), "init wrote into an existing campaign");
}

#[test]
fn the_print_file_starts_every_letter_on_a_right_hand_page() {
    let (_dir, out) = shipped_build();
    let print = out.join("print/letters.pdf");
    let pages = texts_by_page(&print);
    assert_eq!(pages.len(), page_count(&print));
    assert!(page_sizes(&print).iter().all(|&(w, h)| (w - 595.3).abs() < 1.0 && (h - 841.9).abs() < 1.0), "not A4");

    // The cover lists every letter, in the order they follow.
    let ids = ["basile-imbert", "julien-plantier", "marc-infantes", "paul-planque"];
    let names = ["Basile Imbert", "Julien Plantier", "Marc Infantes", "Paul Planque"];
    let cover = squash(&pages[0]);
    let positions: Vec<usize> = names.iter().map(|n| cover.find(&squash(n)).expect("name on the cover")).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "cover out of order: {positions:?}");

    // A letter's first page is the one with « Objet » on it: each on an odd
    // page, in order, with exactly the letter's own pages after it.
    let starts: Vec<usize> = (0..pages.len()).filter(|&i| squash(&pages[i]).contains("Objet")).map(|i| i + 1).collect();
    assert_eq!(starts.len(), ids.len(), "first pages: {starts:?}");
    for (k, (&start, id)) in starts.iter().zip(ids).enumerate() {
        assert_eq!(start % 2, 1, "{id} starts on page {start}, a left-hand page");
        assert!(squash(&pages[start - 1]).contains(&squash(names[k])), "page {start} is not {id}'s letter");
        let own = page_count(&out.join(format!("letters/{id}.pdf")));
        let next = starts.get(k + 1).copied().unwrap_or(pages.len() + 1);
        assert!(
            next - start >= own && next - start <= own + 1,
            "{id}: {own} pages, but {} before the next",
            next - start
        );
        for blank in start + own..next {
            assert!(pages[blank - 1].trim().is_empty(), "page {blank} should be blank");
        }
    }
    let briefings = texts_by_page(&out.join("print/briefings.pdf"));
    assert_contains(&briefings[0], "Alès", "briefings' cover");
    assert_contains(&briefings[0], "Nîmes", "briefings' cover");
}

#[test]
fn letters_are_pdf_a_2a_and_ua_1_and_briefings_pdf_ua_1_with_metadata() {
    let (_dir, out) = shipped_build();

    let letter = out.join("letters/paul-planque.pdf");
    let bytes = String::from_utf8_lossy(&std::fs::read(&letter).unwrap()).into_owned();
    assert!(bytes.contains("<pdfaid:part>2</pdfaid:part>"), "letter not PDF/A-2");
    assert!(bytes.contains("<pdfaid:conformance>A</pdfaid:conformance>"), "letter not PDF/A-2a");
    assert!(bytes.contains("<pdfuaid:part>1</pdfuaid:part>"), "letter not PDF/UA-1");
    assert!(bytes.contains("/Lang(fr-FR)"), "letter language");
    assert_eq!(info(&letter, b"Author"), "EKKO");
    assert_contains(&info(&letter, b"Title"), "lettre à M. Paul Planque", "letter title");
    assert_contains(&info(&letter, b"Subject"), "Prévention des addictions", "letter subject");

    let briefing = out.join("briefings/ales.pdf");
    let bytes = String::from_utf8_lossy(&std::fs::read(&briefing).unwrap()).into_owned();
    assert!(bytes.contains("<pdfuaid:part>1</pdfuaid:part>"), "briefing not PDF/UA-1");
    assert!(bytes.contains("/Lang(fr-FR)"), "briefing language");
    assert!(bytes.contains("/MarkInfo<</Marked true"), "briefing not tagged");
    assert_contains(&info(&briefing, b"Title"), "Alès", "briefing title");
    assert_eq!(info(&briefing, b"Author"), "EKKO");
    assert_contains(&info(&briefing, b"Subject"), "Réponses des listes candidates", "briefing subject");
}

/// A 1×1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x60, 0x60, 0x60, 0xf8, 0x0f, 0x00, 0x01, 0x04, 0x01, 0x00, 0x5f, 0xe5, 0xc3,
    0x4b, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

fn with_images(logo: &[u8], signature: &[u8]) -> tempfile::TempDir {
    let dir = campaign_copy();
    let inputs = dir.path().join("inputs");
    std::fs::write(inputs.join("logo.png"), logo).unwrap();
    std::fs::write(inputs.join("signature.svg"), signature).unwrap();
    let settings = std::fs::read_to_string(inputs.join("campaign.toml"))
        .unwrap()
        .replace("[association]\n", "[association]\nlogo = \"logo.png\"\nsignature = \"signature.svg\"\n");
    std::fs::write(inputs.join("campaign.toml"), settings).unwrap();
    dir
}

#[test]
fn logo_and_signature_are_checked_when_the_campaign_is_loaded() {
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" width="60" height="20"><path d="M0 10 L60 10" stroke="black"/></svg>"#;
    let good = with_images(PNG, svg);
    let output = interpel(&["check", good.path().to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));

    let bad = with_images(b"GIF89a not a png at all", br#"<svg xmlns="http://www.w3.org/2000/svg"><path"#);
    let output = interpel(&["check", bad.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("inputs/campaign.toml: association.logo « logo.png »: is not a PNG, JPEG or SVG image"),
        "{err}"
    );
    assert!(
        err.contains("inputs/campaign.toml: association.signature « signature.svg »: is not a readable SVG"),
        "{err}"
    );
    assert!(err.contains("2 problems found"), "both problems in one run: {err}");
}

#[test]
fn every_command_has_help_with_an_example() {
    for command in ["init", "build", "check", "watch", "completions", "synth"] {
        let output = interpel(&[command, "--help"]);
        assert!(output.status.success());
        let help = String::from_utf8_lossy(&output.stdout);
        assert!(help.contains("Example"), "`interpel {command} --help` has no example:\n{help}");
        assert!(help.contains(&format!("Example:\n  interpel {command}")), "`interpel {command} --help`:\n{help}");
    }
}

#[test]
fn completions_for_bash_zsh_and_fish() {
    for shell in ["bash", "zsh", "fish"] {
        let output = interpel(&["completions", shell]);
        assert!(output.status.success(), "{shell}: {}", stderr(&output));
        let script = String::from_utf8_lossy(&output.stdout);
        for word in ["interpel", "build", "watch", "commune"] {
            assert!(script.contains(word), "{shell} completions lack {word}");
        }
    }
    assert_eq!(interpel(&["completions", "tcsh"]).status.code(), Some(2));
}

#[test]
fn quiet_verbose_and_colour() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let quiet = build(&shipped(), &["--out", out.to_str().unwrap(), "--quiet"]);
    assert!(quiet.status.success());
    assert_eq!(stderr(&quiet), "", "--quiet printed something");

    let normal = build(&shipped(), &["--out", out.to_str().unwrap()]);
    let summary = stderr(&normal);
    assert!(summary.lines().any(|l| l.starts_with("built 2 briefings, 4 letters and 4 proofs (")), "{summary}");
    for line in ["out/print/letters.pdf", "out/letters.zip", "PDF/A-2a", "PDF/UA-1"] {
        assert!(summary.contains(line), "summary lacks {line}: {summary}");
    }
    assert!(!summary.contains("stages:") && !summary.contains('\x1b'), "{summary}");

    let verbose = build(&shipped(), &["--out", out.to_str().unwrap(), "-v"]);
    assert!(stderr(&verbose).contains("stages: load"), "{}", stderr(&verbose));

    let broken = campaign_copy();
    std::fs::write(broken.path().join("inputs/questions.csv"), "id,title\nq1,Prévention\n").unwrap();
    let plain = interpel(&["check", broken.path().to_str().unwrap(), "--color", "never"]);
    assert!(
        stderr(&plain).contains("\nerror: ")
            || stderr(&plain).starts_with("error: ")
            || stderr(&plain).contains("error:")
    );
    assert!(!stderr(&plain).contains('\x1b'), "colour with --color never");
    let coloured = interpel(&["check", broken.path().to_str().unwrap(), "--color", "always"]);
    assert_eq!(coloured.status.code(), Some(1));
    let err = stderr(&coloured);
    assert!(err.contains("\x1b[1;31merror:\x1b[0m"), "no red error label: {err:?}");
    assert!(err.contains("\x1b[1minputs/questions.csv:"), "no bold location: {err:?}");
}

/// Lines of standard error as they come, from a running `interpel watch`.
struct Watch {
    child: std::process::Child,
    lines: mpsc::Receiver<String>,
    seen: String,
}

impl Watch {
    fn start(dir: &Path) -> Watch {
        let mut child = Command::cargo_bin("interpel")
            .unwrap()
            .args(["watch", dir.to_str().unwrap(), "--date", "2026-11-22", "--color", "never"])
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Watch { child, lines, seen: String::new() }
    }

    /// Waits (a minute at most) for a line that starts with `prefix`.
    fn wait_for(&mut self, prefix: &str) -> String {
        loop {
            match self.lines.recv_timeout(Duration::from_secs(60)) {
                Ok(line) => {
                    self.seen.push_str(&line);
                    self.seen.push('\n');
                    if line.starts_with(prefix) {
                        return line;
                    }
                }
                Err(_) => panic!("no line starting with « {prefix} »; watch printed:\n{}", self.seen),
            }
        }
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn watch_rebuilds_on_change_and_keeps_the_last_good_output() {
    let dir = campaign_copy();
    let mut watch = Watch::start(dir.path());
    watch.wait_for("built 2 briefings, 4 letters and 4 proofs");
    watch.wait_for("watching ");
    let letter = dir.path().join("out/letters/paul-planque.pdf");
    let good = std::fs::read(&letter).unwrap();

    // A broken table: the errors are printed, the output stays.
    let candidates = dir.path().join("inputs/candidates.csv");
    let original = std::fs::read_to_string(&candidates).unwrap();
    std::fs::write(&candidates, original.replace("paul-planque,M.,", "paul-planque,Sir,")).unwrap();
    watch.wait_for("changed: inputs/candidates.csv");
    let error = watch.wait_for("inputs/candidates.csv:");
    assert!(error.contains("civility"), "{error}");
    watch.wait_for("note: ");
    assert_eq!(std::fs::read(&letter).unwrap(), good, "a failed build touched the last good output");

    // Mended: built again.
    std::fs::write(&candidates, original.replace("Paul Planque", "Paul Planque-Martin")).unwrap();
    watch.wait_for("built 2 briefings, 4 letters and 4 proofs");
    assert_contains(&pdf_text(&letter), "Paul Planque-Martin", "rebuilt letter");
}

#[test]
fn watch_rebuilds_when_the_workbook_is_saved_and_not_for_its_lock_file() {
    let dir = tempfile::tempdir().unwrap();
    let campaign = dir.path().join("c");
    assert!(interpel(&["init", campaign.to_str().unwrap(), "--tables", "workbook"]).status.success());
    let mut watch = Watch::start(&campaign);
    watch.wait_for("built 1 briefing");
    watch.wait_for("watching ");
    // Opening the workbook leaves a lock file beside it: no build. Saving
    // it does one, which names the workbook only.
    std::fs::write(campaign.join("inputs/.~lock.campagne.xlsx#"), ",hm,host,01.12.2026 10:00;").unwrap();
    let book = std::fs::read(campaign.join("inputs/campagne.xlsx")).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    std::fs::write(campaign.join("inputs/campagne.xlsx"), book).unwrap();
    let changed = watch.wait_for("changed: ");
    assert_eq!(changed, "changed: inputs/campagne.xlsx; building again");
    watch.wait_for("built 1 briefing");
}

#[test]
fn each_commune_has_a_page_in_the_web_edition() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let output = build(&shipped(), &["--out", out.to_str().unwrap()]);
    // Typst gives no warning (the campaign's own warnings are about inputs).
    let typst_warnings =
        stderr(&output).lines().filter(|l| l.starts_with("warning:") && !l.starts_with("warning: inputs/")).count();
    assert_eq!(typst_warnings, 0, "{}", stderr(&output));
    let page = std::fs::read_to_string(out.join("site/ales.html")).unwrap();
    for part in [
        "<html lang=\"fr\">",
        "<title>Alès — Prévention des addictions et réduction des risques — EKKO</title>",
        "<h2 id=\"questions\">Les questions posées</h2>",
        "<thead>",
        "<blockquote>",
        "Alès, C’est Vous\u{202f}!",
    ] {
        assert!(page.contains(part), "site/ales.html lacks {part}");
    }
    assert!(out.join("site/nimes.html").is_file());
    assert!(!out.join("html").exists(), "typst's HTML export is no longer made");
}

#[test]
fn large_campaigns_print_in_volumes_and_print_and_html_can_be_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let campaign = synth_campaign(dir.path(), 120, 2);
    let output = build(&campaign, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let print = campaign.join("out/print");
    let mut names: Vec<String> =
        std::fs::read_dir(&print).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["briefings.pdf", "letters-01.pdf", "letters-02.pdf", "letters-03.pdf"]);
    let cover = &texts_by_page(&print.join("letters-02.pdf"))[0];
    assert_contains(cover, "volume 2 sur 3, lettres 51 à 100", "second volume’s cover");

    let output = build(&campaign, &["--no-print", "--no-html"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!campaign.join("out/print").exists() && !campaign.join("out/site").exists());
    assert!(campaign.join("out/letters.zip").is_file());
}

#[test]
fn check_tries_the_print_templates_too() {
    let dir = campaign_copy();
    let templates = dir.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    let style = include_str!("../../templates/print-style.typ").replace("#let print-file(", "#let print-files(");
    std::fs::write(templates.join("print-style.typ"), style).unwrap();
    let output = interpel(&["check", dir.path().to_str().unwrap(), "--color", "never"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(err.contains("unresolved import"), "{err}");
    assert!(err.contains("comes from <built-in>/print.typ.hbs:"), "{err}");
}
