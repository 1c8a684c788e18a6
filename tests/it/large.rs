//! Very large inputs give a correct build or a clear error, never a crash or
//! a hang.

use std::fmt::Write;

use crate::common::*;

/// French-looking prose of about `len` bytes, sentences of varied length.
fn prose(len: usize, seed: u64) -> String {
    const WORDS: &[&str] = &[
        "la",
        "prévention",
        "des",
        "addictions",
        "doit",
        "être",
        "renforcée",
        "dès",
        "le",
        "plus",
        "jeune",
        "âge",
        "avec",
        "les",
        "établissements",
        "scolaires",
        "familles",
        "acteurs",
        "de",
        "terrain",
        "réduction",
        "risques",
    ];
    let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    let mut next = |n: usize| {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (state >> 33) as usize % n
    };
    let mut text = String::with_capacity(len + 200);
    while text.len() < len {
        let words = 6 + next(20);
        for i in 0..words {
            let w = WORDS[next(WORDS.len())];
            if i == 0 {
                let mut c = w.chars();
                text.extend(c.next().unwrap().to_uppercase());
                text.push_str(c.as_str());
            } else {
                text.push(' ');
                text.push_str(w);
            }
        }
        text.push_str(if next(8) == 0 { ".\n" } else { ". " });
    }
    text
}

fn add_candidate(dir: &std::path::Path, id: &str, commune: &str, source: &str) {
    std::fs::write(dir.join(format!("inputs/letters/{id}.txt")), source).unwrap();
    let mut candidates = std::fs::read_to_string(dir.join("inputs/candidates.csv")).unwrap();
    writeln!(candidates, "{id},M.,Nom {id},,Liste {id},{commune},,letters/{id}.txt,letter,").unwrap();
    std::fs::write(dir.join("inputs/candidates.csv"), candidates).unwrap();
}

#[test]
fn a_one_megabyte_answer_builds_and_a_one_megabyte_quote_is_refused() {
    let dir = campaign_copy();
    let source = prose(1 << 20, 7);
    add_candidate(dir.path(), "long", "Alès", &source);
    // A quote from the end of the 1 MB letter: found, and printed.
    let last = source.trim_end().rsplit(". ").next().unwrap().trim();
    let mut answers = std::fs::read_to_string(dir.path().join("inputs/answers.csv")).unwrap();
    writeln!(answers, "long,q1,intent,\"{last}\",Un résumé.,").unwrap();
    std::fs::write(dir.path().join("inputs/answers.csv"), &answers).unwrap();
    build(dir.path(), &["--candidate", "long"]);
    assert_contains(&pdf_text(&dir.path().join("out/letters/long.pdf")), last, "letter");

    // The whole letter as one quote: a clear error, not a 300-page letter.
    writeln!(answers, "long,q2,intent,\"{}\",Un résumé.,", source.trim()).unwrap();
    std::fs::write(dir.path().join("inputs/answers.csv"), &answers).unwrap();
    let output = interpel(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("column « quote » holds"), "{err}");
    assert!(err.contains("more than the 50000 a document can print legibly"), "{err}");
    assert!(err.len() < 2_000, "the message repeats the megabyte: {} bytes", err.len());
}

#[test]
fn ten_thousand_answer_rows_build() {
    let dir = campaign_copy();
    let inputs = dir.path().join("inputs");
    let mut candidates = std::fs::read_to_string(inputs.join("candidates.csv")).unwrap();
    let mut answers = std::fs::read_to_string(inputs.join("answers.csv")).unwrap();
    let existing = answers.lines().count() - 1;
    let (lists, rows_each) = (250, 40);
    for i in 0..lists {
        let id = format!("liste-{i:04}");
        let source = prose(6_000, i as u64);
        let sentences: Vec<&str> = source.split(". ").map(str::trim).filter(|s| s.len() > 20).collect();
        std::fs::write(inputs.join(format!("letters/{id}.txt")), &source).unwrap();
        writeln!(candidates, "{id},Mme,Nom {i},,Liste {i},Commune {},,letters/{id}.txt,letter,", i % 25).unwrap();
        for r in 0..rows_each {
            let quote = sentences[r % sentences.len()];
            writeln!(answers, "{id},q{},intent,\"{quote}\",Résumé {r}.,Question {r} ?", 1 + r % 4).unwrap();
        }
    }
    std::fs::write(inputs.join("candidates.csv"), candidates).unwrap();
    std::fs::write(inputs.join("answers.csv"), answers).unwrap();
    assert_eq!(lists * rows_each, 10_000);

    let output = build(dir.path(), &["--commune", "Commune 7"]);
    assert!(stderr(&output).contains("built 1 briefing, 10 letters and 10 proofs"), "{}", stderr(&output));
    let briefing = pdf_text(&dir.path().join("out/briefings/commune-7.pdf"));
    assert_contains(&briefing, "Liste 7", "briefing");
    assert_contains(&briefing, "Liste 232", "briefing");
    let output = interpel(&["check", dir.path().to_str().unwrap(), "--date", "2026-11-22"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let expected = format!("{} briefings, {} letters and {} proofs", 25 + 2, lists + 4, lists + 4);
    assert!(stderr(&output).contains(&expected), "{}", stderr(&output));
    let _ = existing;
}

/// Above a megabyte, answers wait in a temporary file once validated and
/// each document reads its own back: what it prints must be what the CSV
/// says, for the first candidate, the last, and one in between.
#[test]
fn answers_kept_in_a_temporary_file_read_back_into_the_right_letters() {
    let dir = tempfile::tempdir().unwrap();
    let campaign = synth_campaign(dir.path(), 1000, 100);
    let answers = std::fs::read(campaign.join("inputs/answers.csv")).unwrap();
    assert!(answers.len() > interpel::campaign::SPILL_ABOVE, "{} bytes do not spill", answers.len());
    let loaded = interpel::campaign::load(&campaign).unwrap();
    assert!(loaded.answers_spilled());

    let mut quotes: Vec<(String, String)> = Vec::new();
    for row in csv::Reader::from_reader(&answers[..]).records() {
        let row = row.unwrap();
        if !row[3].is_empty() && quotes.last().is_none_or(|(id, _)| id != &row[0]) {
            quotes.push((row[0].to_string(), row[3].to_string()));
        }
    }
    let picked = [&quotes[0], &quotes[quotes.len() / 2], &quotes[quotes.len() - 1]];
    let mut args = Vec::new();
    for (id, _) in picked {
        args.extend(["--candidate", id.as_str()]);
    }
    build(&campaign, &[&["--no-print", "--no-html"][..], &args].concat());
    for (id, quote) in picked {
        let text = pdf_text(&campaign.join(format!("out/letters/{id}.pdf")));
        let start: String = quote.chars().take(60).collect();
        assert_contains(&text, &start, &format!("letter {id}"));
        // And no one else's quote.
        for (other, quote) in picked.iter().filter(|(other, _)| other != id) {
            let start: String = quote.chars().take(60).collect();
            assert!(!squash(&text).contains(&squash(&start)), "letter {id} quotes {other}");
        }
    }
}
