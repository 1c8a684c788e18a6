//! Property: whatever text staff type in a field, the PDF shows that text.
//!
//! Strings are drawn from letters (French and Greek, which the built-in
//! fonts cover), digits, every sign with a meaning in Typst, spaces and line
//! breaks. The comparison ignores white space and hyphens (line breaking)
//! and the form of quote marks (Typst prints ' and " as ’ and « »).

mod common;

use std::path::Path;

use proptest::prelude::*;

/// Text a field may hold: at least one letter, so it is never blank.
fn field() -> impl Strategy<Value = String> {
    "[a-zA-Zéèàçœ][a-zA-Z0-9éèêàùçœÉÀ αβγΩ#$*_`<>@\\[\\]\\\\/=+~.,;:!?'\"(){}%&|^-]{0,40}(\n[a-z#=+\\-/ ]{1,12}){0,2}"
}

fn csv_field(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

fn write_campaign(dir: &Path, name: &str, list: &str, quote: &str, summary: &str, follow_up: &str, question: &str) {
    let inputs = dir.join("inputs");
    std::fs::create_dir_all(inputs.join("letters")).unwrap();
    std::fs::copy(common::shipped().join("inputs/campaign.toml"), inputs.join("campaign.toml")).unwrap();
    std::fs::write(inputs.join("letters/source.txt"), format!("Avant.\n{quote}\nAprès.")).unwrap();
    std::fs::write(
        inputs.join("questions.csv"),
        format!("id,title,text\nq1,Titre,{}\nq2,Autre,Texte.\n", csv_field(question)),
    )
    .unwrap();
    std::fs::write(
        inputs.join("candidates.csv"),
        format!(
            "id,civility,name,role,list,commune,address,source,kind,received\nc,Mme,{},,{},Ville,,letters/source.txt,letter,\n",
            csv_field(name),
            csv_field(list)
        ),
    )
    .unwrap();
    std::fs::write(
        inputs.join("answers.csv"),
        format!(
            "candidate,question,stance,quote,summary,follow_up\nc,q1,intent,{},{},{}\n",
            csv_field(quote),
            csv_field(summary),
            csv_field(follow_up)
        ),
    )
    .unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_text_in_a_field_comes_out_of_the_pdf_as_that_text(
        name in field(), list in field(), quote in field(), summary in field(), follow_up in field(), question in field(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        write_campaign(dir.path(), &name, &list, &quote, &summary, &follow_up, &question);
        let out = dir.path().join("out");
        let config = interpel::Config::new(
            dir.path().to_path_buf(), Some(out.clone()), vec![], vec![], Some("2026-11-22".into()), vec![],
        ).unwrap();
        let built = interpel::build(&config);
        prop_assert!(built.is_ok(), "{}", built.unwrap_err());
        let letter = common::squash(&common::pdf_text(&out.join("letters/c.pdf")));
        let briefing = common::squash(&common::pdf_text(&out.join("briefings/ville.pdf")));
        for (what, text) in [("name", &name), ("list", &list), ("quote", &quote), ("follow-up", &follow_up)] {
            prop_assert!(letter.contains(&common::squash(text)), "letter lacks the {} {:?}:\n{}", what, text, letter);
        }
        for (what, text) in [("name", &name), ("list", &list), ("quote", &quote), ("summary", &summary), ("question", &question)] {
            prop_assert!(briefing.contains(&common::squash(text)), "briefing lacks the {} {:?}:\n{}", what, text, briefing);
        }
    }
}
