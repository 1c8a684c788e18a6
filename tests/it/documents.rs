//! What the documents say in the cases the shipped campaign does not have:
//! a list that did not answer, a known postal address, an unknown civility,
//! a forum, a question left unanswered.

use crate::common::*;

fn campaign_with_extra_lists() -> tempfile::TempDir {
    let dir = campaign_copy();
    let inputs = dir.path().join("inputs");
    let mut candidates = std::fs::read_to_string(inputs.join("candidates.csv")).unwrap();
    candidates.push_str(
        "jeanne-martin,Mme,Jeanne Martin,Tête de liste,Alès Demain,Alès,\"12 rue des Lilas\n30100 Alès\",,none,\n",
    );
    candidates.push_str(
        "collectif,,Collectif Citoyen,,Ensemble pour Alès,Alès,,letters/paul-planque.txt,letter,2026-03-03\n",
    );
    std::fs::write(inputs.join("candidates.csv"), candidates).unwrap();
    let mut answers = std::fs::read_to_string(inputs.join("answers.csv")).unwrap();
    answers.push_str("collectif,q2,intent,\"Dans le cadre de notre action municipale\",Un résumé.,\n");
    std::fs::write(inputs.join("answers.csv"), answers).unwrap();
    let mut settings = std::fs::read_to_string(inputs.join("campaign.toml")).unwrap();
    settings.push_str("\n[forum]\ndate = \"2026-03-05\"\nplace = \"Salle des fêtes\"\n");
    std::fs::write(inputs.join("campaign.toml"), settings).unwrap();
    dir
}

#[test]
fn a_list_without_answer_gets_a_reminder_and_is_named_in_the_briefing() {
    let dir = campaign_with_extra_lists();
    build(dir.path(), &[]);
    let letter = pdf_text(&dir.path().join("out/letters/jeanne-martin.pdf"));
    assert_contains(&letter, "Objet : relance", "reminder");
    assert_contains(&letter, "Madame,", "reminder");
    assert_contains(&letter, "nous n’avons pas reçu à ce jour de réponse de la liste « Alès Demain »", "reminder");
    assert_contains(&letter, "L’accompagnement des publics dépendants dans une logique de santé publique.", "reminder");
    assert_contains(&letter, "Nous vous prions d’agréer, Madame, l’expression", "reminder");
    // The role under the name; the postal address replaces the list and
    // commune in the window.
    assert_contains(&letter, "Mme Jeanne Martin Tête de liste 12 rue des Lilas 30100 ALES", "address block");

    let briefing = pdf_text(&dir.path().join("out/briefings/ales.pdf"));
    assert_contains(&briefing, "nous n’avons pas reçu de réponse des listes suivantes :", "briefing");
    assert_contains(&briefing, "Alès Demain (Jeanne Martin, tête de liste)", "briefing");
    assert_contains(&briefing, "Forum du 5 mars 2026, Salle des fêtes", "briefing");
    assert_contains(&briefing, "3 mars 2026", "sources");
}

/// The `role` column was read but printed nowhere.
#[test]
fn the_role_column_is_printed_after_the_name() {
    let (_dir, out) = shipped_build();
    let briefing = pdf_text(&out.join("briefings/ales.pdf"));
    assert_contains(&briefing, "Alès Commun — Basile Imbert, chef de file", "briefing entry");
    assert_contains(&briefing, "Alès, Moderne et Authentique — Marc Infantes, candidat", "briefing entry");
    // No role, no comma.
    assert_contains(&briefing, "Alès, C’est Vous ! — Paul Planque Engagement précis", "briefing entry");
    let letter = pdf_text(&out.join("letters/basile-imbert.pdf"));
    assert_contains(&letter, "M. Basile Imbert Chef de file Liste « Alès Commun » Alès", "address block");
}

#[test]
fn a_letter_names_the_questions_left_unanswered_and_thanks_for_the_dated_answer() {
    let dir = campaign_with_extra_lists();
    build(dir.path(), &["--candidate", "collectif"]);
    let letter = pdf_text(&dir.path().join("out/letters/collectif.pdf"));
    assert_contains(&letter, "Madame, Monsieur,", "appel");
    assert_contains(
        &letter,
        "Nous vous remercions de la réponse de la liste « Ensemble pour Alès », reçue le 3 mars 2026,",
        "thanks",
    );
    assert_contains(
        &letter,
        "Nous n’avons pas trouvé dans votre réponse d’élément sur les points suivants",
        "unanswered",
    );
    assert_contains(&letter, "La prévention des addictions comme politique municipale à part entière.", "unanswered");
    assert_contains(&letter, "Nous vous prions d’agréer, Madame, Monsieur, l’expression", "politesse");
    assert_contains(&letter, "Collectif Citoyen Liste « Ensemble pour Alès » Alès", "address block");
}

#[test]
fn the_logo_and_the_signature_are_drawn_from_the_inputs() {
    let dir = campaign_copy();
    let inputs = dir.path().join("inputs");
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20"/></svg>"#;
    // A 4×2 black PNG.
    const PNG: &str = "89504e470d0a1a0a0000000d4948445200000004000000020802000000f0caea340000000b49444154789c6360c00500001a0001bc3ce0410000000049454e44ae426082";
    let png: Vec<u8> = (0..PNG.len()).step_by(2).map(|i| u8::from_str_radix(&PNG[i..i + 2], 16).unwrap()).collect();
    std::fs::write(inputs.join("logo.png"), png).unwrap();
    std::fs::write(inputs.join("signature.svg"), svg).unwrap();
    let settings = std::fs::read_to_string(inputs.join("campaign.toml")).unwrap();
    let settings =
        settings.replace("signatory_title", "signature = \"signature.svg\"\nlogo = \"logo.png\"\nsignatory_title");
    std::fs::write(inputs.join("campaign.toml"), settings).unwrap();
    build(dir.path(), &["--candidate", "paul-planque"]);
    assert!(dir.path().join("out/typst/assets/logo.png").is_file());
    assert!(dir.path().join("out/typst/assets/signature.svg").is_file());
    let source = std::fs::read_to_string(dir.path().join("out/typst/letters/paul-planque.typ")).unwrap();
    assert!(source.contains("\"/assets/logo.png\""), "{source}");
    let pdf = lopdf::Document::load(dir.path().join("out/letters/paul-planque.pdf")).unwrap();
    let images = pdf
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").and_then(|t| t.as_name()).is_ok_and(|n| n == b"Image"))
        .count();
    assert!(images >= 1, "the logo is not in the PDF");

    std::fs::write(
        inputs.join("campaign.toml"),
        std::fs::read_to_string(inputs.join("campaign.toml")).unwrap().replace("logo.png", "logo.gif"),
    )
    .unwrap();
    let output = interpel(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("inputs/campaign.toml: association.logo « logo.gif » must be a PNG, JPEG or SVG file")
    );
}

#[test]
fn a_campaign_may_publish_each_answer_in_full_in_an_annex_and_on_the_site() {
    let dir = campaign_copy();
    let settings = dir.path().join("inputs/campaign.toml");
    let mut toml = std::fs::read_to_string(&settings).unwrap();
    toml.push_str(
        "\n[publication]\nprinter = \"Imprimé par nos soins\"\nprinter_address = \"551 route de la Royale, 30100 Alès\"\ndirector = \"Bruno Mangin, président d’EKKO\"\nfull_text = true\n",
    );
    std::fs::write(&settings, toml).unwrap();
    build(dir.path(), &[]);
    let briefing = squash(&pdf_text(&dir.path().join("out/briefings/ales.pdf")));
    let annex = briefing.find(&squash("Annexe : les réponses en texte intégral")).expect("an annex");
    // Every list of the commune, in the lists' order, each with words of
    // its letter that no excerpt quotes (its greeting, its signature).
    let mut at = annex;
    for (list, words) in [
        ("Alès, C’est Vous !", "Tout d’abord je tiens à vous présenter toutes nos excuses"),
        ("Alès Commun", "Nous tenons dans un premier temps à vous remercier"),
        ("Alès, Moderne et Authentique", "Par votre courrier, vous avez souhaité connaître la position"),
    ] {
        let found = briefing[at..].find(&squash(list)).unwrap_or_else(|| panic!("{list} after the annex's start"));
        at += found;
        let text = briefing[at..].find(&squash(words)).unwrap_or_else(|| panic!("{words} in {list}'s text"));
        at += text;
    }
    let page = std::fs::read_to_string(dir.path().join("out/site/ales.html")).unwrap();
    assert_contains(&page, "<h2 id=\"texte-integral\">Les réponses en texte intégral</h2>", "site");
    assert_contains(&page, "<summary>Alès Commun — Lettre non datée</summary>", "site");
    assert_contains(&page, "Tout d’abord je tiens à vous présenter toutes nos excuses", "site");

    // Off by default: the shipped campaign quotes, it does not reproduce.
    let shipped = campaign_copy();
    build(shipped.path(), &[]);
    let briefing = pdf_text(&shipped.path().join("out/briefings/ales.pdf"));
    assert!(!briefing.contains("texte intégral"), "{briefing}");
}

#[test]
fn a_list_that_answered_without_a_source_file_is_said_to_have_no_text_in_the_annex() {
    let dir = campaign_copy();
    let settings = dir.path().join("inputs/campaign.toml");
    let mut toml = std::fs::read_to_string(&settings).unwrap();
    toml.push_str("\n[publication]\nprinter = \"Imprimé par nos soins\"\nprinter_address = \"Alès\"\ndirector = \"Bruno Mangin\"\nfull_text = true\n");
    std::fs::write(&settings, toml).unwrap();
    // Julien Plantier (Nîmes) answered on paper: no source, no quote.
    let candidates = dir.path().join("inputs/candidates.csv");
    let text = std::fs::read_to_string(&candidates).unwrap();
    std::fs::write(&candidates, text.replace("letters/julien-plantier.txt", "")).unwrap();
    remove_rows(dir.path(), "julien-plantier");
    let output = build(dir.path(), &[]);
    assert_contains(&stderr(&output), "« julien-plantier » answered but has no source", "warning");
    let briefing = squash(&pdf_text(&dir.path().join("out/briefings/nimes.pdf")));
    assert!(
        briefing.contains(&squash("Avenir Nîmois M. Julien Plantier. Lettre non datée. Le texte de cette réponse n’est pas disponible sous forme numérique")),
        "{briefing}"
    );
}
