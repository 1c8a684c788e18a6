//! The same pipeline through the library API, as another Rust program would
//! embed it.

use interpel::{Config, Error};

fn config(dir: &std::path::Path, out: &std::path::Path) -> Config {
    Config::new(dir.to_path_buf(), Some(out.to_path_buf()), vec![], vec![], Some("2026-11-22".into()), vec![]).unwrap()
}

#[test]
fn build_reports_what_it_made() {
    let out = tempfile::tempdir().unwrap();
    let report = interpel::build(&config(&crate::common::shipped(), &out.path().join("out"))).unwrap();
    use interpel::documents::DocKind;
    assert_eq!((report.made(DocKind::Briefing), report.made(DocKind::Letter), report.made(DocKind::Proof)), (2, 4, 4));
    assert!(report.pages >= 6, "{report:?}");
    let text = crate::common::pdf_text(&out.path().join("out/letters/julien-plantier.pdf"));
    crate::common::assert_contains(&text, "Julien Plantier", "letter");
    crate::common::assert_contains(&text, "Avenir Nîmois", "letter");
}

#[test]
fn load_collects_every_problem_with_its_position() {
    let dir = crate::common::campaign_copy();
    let path = dir.path().join("inputs/candidates.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace(",letter,", ",courrier,")).unwrap();
    let problems = interpel::campaign::load(dir.path()).unwrap_err();
    let lines: Vec<u64> = problems.0.iter().map(|p| p.line.unwrap()).collect();
    assert_eq!(lines, [2, 3, 4, 5]);
    assert!(problems.0.iter().all(|p| p.path == "inputs/candidates.csv" && p.message.contains("courrier")));
}

/// The editor's review of a campaign is data, each warning with its file
/// and line, for another program to show as it likes.
#[test]
fn the_review_of_a_campaign_is_data_with_positions() {
    let campaign = interpel::campaign::load(&crate::common::shipped()).unwrap();
    let all: Vec<String> = campaign.warnings.iter().map(ToString::to_string).collect();
    assert!(all.iter().any(|w| w.starts_with("inputs/campaign.toml: no [publication]")), "{all:?}");
    let unaddressed: Vec<u64> = campaign
        .warnings
        .iter()
        .filter(|p| p.message.starts_with("no postal address"))
        .map(|p| p.line.unwrap())
        .collect();
    assert_eq!(unaddressed, [2, 3, 4, 5]);
    // The shipped quotes are cut at sentence ends, each passage quoted once,
    // and no list is quoted far less than the others.
    assert!(campaign.warnings.iter().all(|p| p.path != "inputs/answers.csv"), "{all:?}");
    assert!(!all.iter().any(|w| w.contains("quoted far less") || w.contains("more length")), "{all:?}");
}

#[test]
fn check_fails_with_problems_and_exit_status_1() {
    let dir = crate::common::campaign_copy();
    std::fs::write(dir.path().join("inputs/questions.csv"), "id,title\nq1,Prévention\n").unwrap();
    let err = interpel::check(&config(dir.path(), &dir.path().join("out"))).unwrap_err();
    assert_eq!(err.exit_code(), 1);
    let Error::Problems(problems) = err else { panic!("expected problems") };
    assert_eq!(
        problems.0[0].to_string(),
        "inputs/questions.csv:1: missing column « text »; the columns are: id,title,text"
    );
}

/// A build that typst stops says where it kept the failing sources, and
/// every diagnostic names a file in that folder.
#[test]
fn a_compile_failure_names_the_folder_of_kept_sources() {
    let dir = crate::common::campaign_copy();
    crate::common::edit_template(dir.path(), "letter.typ.hbs", "{{appel}},", "#oops()\n{{appel}},");
    let out = dir.path().join("out");
    let err = interpel::build(&config(dir.path(), &out)).unwrap_err();
    assert_eq!(err.exit_code(), 1);
    // As a std::error::Error, plain text: no labels, no colours.
    let shown = (&err as &dyn std::error::Error).to_string();
    assert!(!shown.contains("error:") && !shown.contains('\x1b'), "{shown}");
    crate::common::assert_contains(&shown, "unknown variable: oops", "the error as text");
    let Error::Compile { failures, kept: interpel::error::Kept::In(kept) } = err else {
        panic!("expected a compile error whose sources were kept")
    };
    assert_eq!(kept, dir.path().join("out.failed"));
    assert_eq!(failures.len(), 1, "one error, shown once: {failures:?}");
    assert_eq!(failures[0].others, 3, "it stops the four letters");
    let diagnostic = &failures[0].diagnostics[0];
    assert_eq!(diagnostic.severity, interpel::diag::Severity::Error);
    assert_eq!(diagnostic.message, "unknown variable: oops");
    // Kept with its span: the file as the user finds it, line and column.
    let place = diagnostic.place().expect("a place");
    let named = format!("{}/typst/letters/basile-imbert.typ:", kept.display());
    assert!(place.starts_with(&named), "{place}");
    let label = &diagnostic.labels[0];
    assert_eq!(&diagnostic.files[label.file].text[label.range.clone()], "oops");
    let origin = &failures[0].origins[0];
    assert!(origin.contains("comes from templates/letter.typ.hbs:"), "{origin}");
    assert!(kept.join("typst/letters/basile-imbert.typ").is_file());
    assert!(!out.exists());
}

/// Typst interns file ids for the life of the process and has 65 535 of
/// them; a national campaign has more documents than that.
#[test]
fn file_ids_do_not_grow_with_the_number_of_documents() {
    use typst::syntax::{FileId, RootedPath, VirtualPath, VirtualRoot};
    let next_id =
        || FileId::unique(RootedPath::new(VirtualRoot::Project, VirtualPath::new("/probe").unwrap())).into_raw();
    let dir = tempfile::tempdir().unwrap();
    interpel::synth::write(dir.path(), interpel::synth::Spec::letters(300)).unwrap();
    let mut config = config(dir.path(), &dir.path().join("out"));
    config.jobs = Some(2);
    let before = next_id().get();
    let report = interpel::check(&config).unwrap();
    let used = next_id().get() - before - 1;
    let (letters, briefings) =
        (report.made(interpel::documents::DocKind::Letter), report.made(interpel::documents::DocKind::Briefing));
    assert!(letters > 250, "{report:?}");
    assert!(used <= 64, "{used} file ids for {} documents", letters + briefings);
}

/// Many lists and national programmes: the review stays readable, one
/// warning per programme however many lists it outweighs, and a list's
/// share compared with the average of the others rather than each of them.
#[test]
fn the_review_of_a_large_campaign_stays_readable() {
    let dir = tempfile::tempdir().unwrap();
    let mut spec = interpel::synth::Spec::letters(400);
    spec.communes = 2;
    spec.programmes = 12;
    interpel::synth::write(dir.path(), spec).unwrap();
    let campaign = interpel::campaign::load(dir.path()).unwrap();
    let programmes: Vec<&interpel::diag::Problem> =
        campaign.warnings.iter().filter(|p| p.message.starts_with("the programme")).collect();
    assert!(!programmes.is_empty() && programmes.len() <= 12, "{programmes:?}");
    assert!(programmes.iter().any(|p| p.message.contains(" lists that answered: ") && p.message.contains(" more")));
    for p in campaign.warnings.iter().filter(|p| p.message.contains("quoted far less")) {
        assert!(p.message.contains("on average for the"), "{}", p.message);
        assert!(p.message.len() < 400, "{}", p.message);
    }
}
