//! Property: whatever text staff type in a field, the PDF shows that text.
//!
//! Strings are drawn from letters (French and Greek, which the built-in
//! fonts cover), digits, every sign with a meaning in Typst, spaces and line
//! breaks. The comparison ignores white space and hyphens (line breaking)
//! and the form of quote marks (Typst prints ' and " as ’ and « »).

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
    std::fs::copy(crate::common::shipped().join("inputs/campaign.toml"), inputs.join("campaign.toml")).unwrap();
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
        let letter = crate::common::squash(&crate::common::pdf_text(&out.join("letters/c.pdf")));
        let briefing = crate::common::squash(&crate::common::pdf_text(&out.join("briefings/ville.pdf")));
        for (what, text) in [("name", &name), ("list", &list), ("quote", &quote), ("follow-up", &follow_up)] {
            prop_assert!(letter.contains(&crate::common::squash(text)), "letter lacks the {} {:?}:\n{}", what, text, letter);
        }
        for (what, text) in [("name", &name), ("list", &list), ("quote", &quote), ("summary", &summary), ("question", &question)] {
            prop_assert!(briefing.contains(&crate::common::squash(text)), "briefing lacks the {} {:?}:\n{}", what, text, briefing);
        }
    }
}

/// The example's tables as an `.xlsx` workbook, and as an `.ods` one.
fn workbooks() -> [(&'static str, Vec<u8>); 2] {
    let example = crate::common::shipped().join("example/inputs");
    let read = |name: &str| std::fs::read_to_string(example.join(name)).unwrap();
    let (q, c, a) = (read("questions.csv"), read("candidates.csv"), read("answers.csv"));
    let date = chrono::NaiveDate::from_ymd_opt(2026, 2, 16).unwrap();
    let xlsx = interpel::campaign::write_workbook([&q, &c, &a], date).unwrap();
    let sheet = |text: &str| -> Vec<Vec<crate::common::Cell>> {
        let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
        reader
            .records()
            .map(|r| r.unwrap().iter().map(|v| crate::common::Cell::Text(v.to_string())).collect())
            .collect()
    };
    let ods = crate::common::ods(&[("questions", sheet(&q)), ("candidats", sheet(&c)), ("réponses", sheet(&a))], false);
    [("inputs/campagne.xlsx", xlsx), ("inputs/campagne.ods", ods)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Property: a workbook damaged anywhere (bytes changed, or cut short)
    /// gives a campaign or a list of problems, never a panic.
    #[test]
    fn a_damaged_workbook_never_crashes_the_loader(
        which in 0usize..2,
        changes in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in proptest::option::of(any::<prop::sample::Index>()),
    ) {
        let [xlsx, ods] = workbooks();
        let (path, mut bytes) = if which == 0 { xlsx } else { ods };
        for (at, byte) in changes {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        if let Some(cut) = cut {
            bytes.truncate(cut.index(bytes.len()));
        }
        let tables = interpel::campaign::TableFiles::Workbook { path: path.to_string(), bytes: Ok(bytes) };
        let settings = std::fs::read(crate::common::shipped().join("example/inputs/campaign.toml")).unwrap();
        let files = interpel::campaign::InputFiles { settings: Ok(settings), tables, draft: None };
        let _ = interpel::campaign::parse(&files, &|rel| {
            std::fs::read(crate::common::shipped().join("example/inputs").join(rel)).map_err(|e| e.to_string())
        });
    }
}
