//! Rebuilding only what changed: a build takes the documents whose inputs
//! did not change from the last good output, and gives the very bytes a
//! build from scratch gives.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::*;

/// Every file under `dir`, by path, with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                // What the system said of the files: a cache, not an output.
                if rel != ".interpel-seen.json" {
                    files.insert(rel, std::fs::read(&path).unwrap());
                }
            }
        }
    }
    files
}

/// How many documents a build's summary says it took unchanged.
fn unchanged(output: &std::process::Output) -> usize {
    let err = stderr(output);
    let line = err.lines().find(|l| l.starts_with("built ")).unwrap_or_else(|| panic!("no summary in:\n{err}"));
    match line.find(" unchanged)") {
        None => 0,
        Some(end) => line[..end].rsplit(' ').next().unwrap().parse().unwrap(),
    }
}

/// Builds `dir` again (into its `out/`) and from scratch (`--force`, into
/// another folder); the two must hold the same files, byte for byte.
/// Returns how many documents the rebuild took unchanged.
fn rebuild_matches_a_full_build(dir: &Path, what: &str) -> usize {
    let again = build(dir, &[]);
    let scratch = tempfile::tempdir().unwrap();
    let full = scratch.path().join("out");
    let from_scratch = build(dir, &["--out", full.to_str().unwrap(), "--force"]);
    assert_eq!(unchanged(&from_scratch), 0, "--force took documents from an output: {}", stderr(&from_scratch));
    let (a, b) = (files(&dir.join("out")), files(&full));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>(), "{what}: not the same files");
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{what}: {path} differs from a build from scratch");
    }
    unchanged(&again)
}

#[test]
fn a_rebuild_compiles_what_changed_and_gives_the_bytes_of_a_full_build() {
    let dir = campaign_copy();
    let first = build(dir.path(), &[]);
    assert_eq!(unchanged(&first), 0);
    // Nothing changed: every document (2 briefings, 4 letters, 4 proofs) is taken back.
    assert_eq!(rebuild_matches_a_full_build(dir.path(), "nothing changed"), 10);

    let edit = |rel: &str, from: &str, to: &str| {
        let path = dir.path().join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} has no « {from} »");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    };
    // The same answers, a candidate written as people write it: nothing to do.
    edit("inputs/answers.csv", "paul-planque,", "Paul Planque,");
    assert_eq!(rebuild_matches_a_full_build(dir.path(), "an answer's id as written"), 10, "same data, same documents");
    let answers = csv_rows(&dir.path().join("inputs/answers.csv"));
    let summary = answers.iter().find(|r| r[0] == "marc-infantes").unwrap()[4].clone();
    assert!(summary.len() > 10, "{summary}");
    // The summary of an answer of Marc Infantes: the Nîmes briefing and his
    // proof print it; his letter's view holds it too (a campaign's own letter
    // template may print it), so the three are made again, the others not.
    edit("inputs/answers.csv", &summary, &format!("{summary} (résumé revu)"));
    assert_eq!(rebuild_matches_a_full_build(dir.path(), "an answer"), 7);
    // A candidate's role.
    edit("inputs/candidates.csv", "Chef de file", "Cheffe de file");
    let n = rebuild_matches_a_full_build(dir.path(), "a candidate");
    assert!(n < 10, "a candidate's change rebuilt nothing");
    // A question's title: every document prints it.
    let questions = std::fs::read_to_string(dir.path().join("inputs/questions.csv")).unwrap();
    let title = questions.lines().nth(1).unwrap().split(',').nth(1).unwrap().to_string();
    edit("inputs/questions.csv", &title, &format!("{title} !"));
    assert_eq!(rebuild_matches_a_full_build(dir.path(), "a question"), 0);
    // The campaign's settings: who signs the letters.
    let settings = std::fs::read_to_string(dir.path().join("inputs/campaign.toml")).unwrap();
    let signer = settings.lines().find(|l| l.starts_with("signatory =")).unwrap().to_string();
    edit("inputs/campaign.toml", &signer, &signer.replace(" = \"", " = \"Dr "));
    let n = rebuild_matches_a_full_build(dir.path(), "the settings");
    assert!(n < 10, "a new signatory rebuilt nothing");
    // The letter's template: the letters, not the briefings.
    let closing = "l’expression de nos salutations distinguées.";
    edit_template(dir.path(), "letter.typ.hbs", closing, closing);
    assert_eq!(rebuild_matches_a_full_build(dir.path(), "a template copied unchanged"), 10);
    edit_template(dir.path(), "letter.typ.hbs", closing, "l’expression de nos sentiments distingués.");
    let n = rebuild_matches_a_full_build(dir.path(), "a template");
    assert!((2..10).contains(&n), "a letter's template rebuilt the briefings, or nothing ({n} unchanged)");
    // A list withdrawn (its rows gone) and a file dropped into the output:
    // the rebuild, which moves its new files into the output folder one by
    // one, leaves neither its letter, its proof, nor the stray file.
    let out = dir.path().join("out");
    std::fs::write(out.join("letters/notes.txt"), "stray").unwrap();
    let withdraw = |rel: &str| {
        let path = dir.path().join(rel);
        let rows = csv_rows(&path);
        let mut writer = csv::Writer::from_path(&path).unwrap();
        // The id as written earlier in this test, or as it was.
        let kept = rows.iter().filter(|r| r[0] != "paul-planque" && r[0] != "Paul Planque");
        kept.for_each(|r| writer.write_record(r).unwrap());
        writer.flush().unwrap();
    };
    withdraw("inputs/candidates.csv");
    withdraw("inputs/answers.csv");
    let n = rebuild_matches_a_full_build(dir.path(), "a list withdrawn");
    assert!(n > 0, "nothing was taken back");
    assert!(!out.join("letters/paul-planque.pdf").exists() && !out.join("letters/notes.txt").exists());
    // The style every document reads: all of them.
    edit_template(dir.path(), "style.typ", "#let", "// edited\n#let");
    assert_eq!(rebuild_matches_a_full_build(dir.path(), "the style"), 0);
}

#[test]
fn a_damaged_or_foreign_output_is_never_taken_back() {
    let dir = campaign_copy();
    build(dir.path(), &[]);
    let out = dir.path().join("out");
    // A letter damaged since (a viewer saved over it, a disk error).
    let letter = out.join("letters/paul-planque.pdf");
    let mut bytes = std::fs::read(&letter).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xFF;
    std::fs::write(&letter, &bytes).unwrap();
    assert_eq!(rebuild_matches_a_full_build(dir.path(), "a damaged letter"), 9);
    // The same, with its time of modification put back: size and mtime
    // as recorded, only the time of change tells.
    let letter = out.join("letters/marc-infantes.pdf");
    let modified = std::fs::metadata(&letter).unwrap().modified().unwrap();
    let mut bytes = std::fs::read(&letter).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xFF;
    std::fs::write(&letter, &bytes).unwrap();
    std::fs::File::options().write(true).open(&letter).unwrap().set_modified(modified).unwrap();
    assert_eq!(rebuild_matches_a_full_build(dir.path(), "a letter damaged behind its time"), 9);
    // A record of keys that is not interpel's.
    std::fs::write(out.join(".interpel-keys.json"), b"{\"files\": 3}").unwrap();
    assert_eq!(rebuild_matches_a_full_build(dir.path(), "a foreign record"), 0);
    // A record that claims a file another build wrote: the digest tells.
    let keys = std::fs::read_to_string(out.join(".interpel-keys.json")).unwrap();
    std::fs::copy(out.join("letters/marc-infantes.pdf"), out.join("letters/julien-plantier.pdf")).unwrap();
    assert!(keys.contains("letters/julien-plantier.pdf"));
    assert_eq!(rebuild_matches_a_full_build(dir.path(), "a swapped letter"), 9);
}

/// Every file under `dir` but the record of keys, which says how they were made.
fn outputs(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = files(dir);
    files.remove(".interpel-keys.json");
    files
}

/// The staging folders left beside the output folder.
fn leftovers(dir: &Path) -> Vec<std::ffi::OsString> {
    let names = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name());
    names.filter(|n| n.to_string_lossy().starts_with(".out")).collect()
}

/// A build puts the documents in place before the print files and the zip
/// that bind them, when the print template is the last output's. When the
/// print files then fail, the output keeps the new documents beside the
/// last good print files, whole, and says so; the next build makes them
/// again, to the bytes of a full build. A changed print template that
/// fails leaves the output as it was.
#[test]
fn a_failure_after_the_documents_leaves_the_last_print_files_for_the_next_build() {
    let dir = campaign_copy();
    // A print template of the campaign's own that fails on some data: a
    // name with « (bis) » in it.
    let shipped = edit_template(
        dir.path(),
        "print.typ.hbs",
        "#print-file(",
        "{{#each entries}}\n#assert(not {{typst-string alt}}.contains(\"(bis)\"), message: \"no (bis)\")\n{{/each}}\n#print-file(",
    );
    build(dir.path(), &[]);
    let out = dir.path().join("out");
    let before = outputs(&out);
    let failed_build = || {
        let output = interpel(&["build", dir.path().to_str().unwrap(), "--date", "2026-11-22"]);
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{err}");
        err
    };

    // An answer's summary (a proof and a briefing print it) and a print
    // template that typst cannot compile: nothing is written.
    let answers = dir.path().join("inputs/answers.csv");
    let summary = csv_rows(&answers).iter().find(|r| r[0] == "marc-infantes").unwrap()[4].clone();
    let text = std::fs::read_to_string(&answers).unwrap();
    std::fs::write(&answers, text.replacen(&summary, &format!("{summary} (revu)"), 1)).unwrap();
    let template = dir.path().join("templates/print.typ.hbs");
    let own = std::fs::read_to_string(&template).unwrap();
    std::fs::write(&template, own.replace("#print-file(", "#nonexistent()\n#print-file(")).unwrap();
    let err = failed_build();
    assert_contains(&err, "the output folder was left as it was", "what became of the output");
    assert!(outputs(&out) == before, "a failed print template changed the output");
    assert!(leftovers(dir.path()).is_empty());

    // The template as it was, and a name it fails on: the letter goes in,
    // the letters' print file fails after it.
    std::fs::write(&template, &own).unwrap();
    let candidates = dir.path().join("inputs/candidates.csv");
    let text = std::fs::read_to_string(&candidates).unwrap();
    std::fs::write(&candidates, text.replacen("Paul Planque", "Paul Planque (bis)", 1)).unwrap();
    let err = failed_build();
    assert_contains(&err, "no (bis)", "typst's error");
    assert_contains(
        &err,
        "typst could not compile the print files; the new documents were put in the output folder, but its print files and zip of letters may still be the last good build's",
        "what became of the output",
    );
    let after = outputs(&out);
    // The documents are this build's: those of a full build without the print files.
    let scratch = tempfile::tempdir().unwrap();
    let full = scratch.path().join("out");
    build(dir.path(), &["--out", full.to_str().unwrap(), "--force", "--no-print"]);
    let full = outputs(&full);
    for (path, bytes) in full.iter().filter(|(p, _)| *p != "letters.zip") {
        assert!(after.get(path) == Some(bytes), "{path} is not this build's");
    }
    for changed in ["letters/paul-planque.pdf", "proofs/marc-infantes.pdf", "briefings/ales.pdf"] {
        assert!(after[changed] != before[changed], "{changed} was not made again");
    }
    // The print files are the last good build's, whole; the zip, made
    // beside them, is the last good build's or this one's.
    let printed = |files: &BTreeMap<String, Vec<u8>>| -> Vec<(String, Vec<u8>)> {
        files.iter().filter(|(p, _)| p.starts_with("print/")).map(|(p, b)| (p.clone(), b.clone())).collect()
    };
    assert_eq!(printed(&after).len(), 2, "{:?}", after.keys());
    assert!(printed(&after) == printed(&before), "the print files changed");
    let zip = &after["letters.zip"];
    assert!(
        zip == &before["letters.zip"] || zip == &full["letters.zip"],
        "the zip is neither the last one nor this one"
    );
    assert!(leftovers(dir.path()).is_empty());
    assert!(dir.path().join("out.failed/typst/print").is_dir(), "the failing source is kept");

    // The name it no longer fails on: the print files and the zip are made
    // again, and the output is a full build's.
    let text = std::fs::read_to_string(&candidates).unwrap();
    std::fs::write(&candidates, text.replacen("Paul Planque (bis)", "Paul Planque (ter)", 1)).unwrap();
    let n = rebuild_matches_a_full_build(dir.path(), "after a failed print file");
    assert_eq!(n, 7, "only the renamed candidate's letter, proof and briefing are made again");
    assert!(!dir.path().join("out.failed").exists());
    // And the shipped template again: every print file is made again.
    std::fs::write(&template, shipped).unwrap();
    assert_eq!(rebuild_matches_a_full_build(dir.path(), "the shipped print template"), 10);
}
