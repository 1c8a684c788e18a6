//! The letters by e-mail: each message parsed back as a mail program reads
//! it (French names and subject encoded right, the letter's PDF attached
//! byte for byte), the mbox holding them all, and an address that is not
//! one refused with its line.

use mail_parser::{MessageParser, MimeHeaders};

use crate::common::*;

/// `interpel init`'s example, built: its candidates' rows give e-mail
/// addresses and its settings a sender.
fn example_build() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let campaign = dir.path().join("campagne");
    let output = interpel(&["init", campaign.to_str().unwrap(), "-q"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let output = build(&campaign, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains("/mail/"), "the summary names the mail folder: {}", stderr(&output));
    (dir, campaign.join("out"))
}

#[test]
fn each_letter_with_an_address_is_a_message_ready_to_send() {
    let (_dir, out) = example_build();
    let mut names: Vec<String> = std::fs::read_dir(out.join("mail"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    // Odile Ferrand's row gives no address: no message for her.
    assert_eq!(names, ["letters.mbox", "sylvie-garnier.eml", "thomas-renaud.eml"]);

    let bytes = std::fs::read(out.join("mail/sylvie-garnier.eml")).unwrap();
    assert!(bytes.is_ascii(), "headers and body are encoded for any mail server");
    let message = MessageParser::default().parse(&bytes).unwrap();
    let from = message.from().unwrap().first().unwrap();
    assert_eq!((from.name(), from.address()), (Some("Exemple Santé"), Some("contact@example.org")));
    let reply_to = message.reply_to().unwrap().first().unwrap();
    assert_eq!(reply_to.address(), Some("presidence@example.org"));
    let to = message.to().unwrap().first().unwrap();
    assert_eq!((to.name(), to.address()), (Some("Mme Sylvie Garnier"), Some("valmont.ensemble@example.org")));
    let subject = message.subject().unwrap();
    assert!(subject.contains("«\u{a0}Prévention santé et qualité de vie\u{a0}»"), "{subject}");
    assert!(subject.contains("l’association Exemple Santé"), "{subject}");
    assert_eq!(message.header_raw("X-Unsent").map(str::trim), Some("1"), "opens as a draft in Outlook");
    let body = message.body_text(0).unwrap();
    assert!(body.starts_with("Madame,"), "{body}");
    assert_contains(&body, "Hélène Marchais", "the body is signed");
    assert_eq!(message.attachment_count(), 1);
    let attachment = message.attachment(0).unwrap();
    assert_eq!(attachment.attachment_name(), Some("sylvie-garnier.pdf"));
    assert_eq!(attachment.contents(), std::fs::read(out.join("letters/sylvie-garnier.pdf")).unwrap());

    // The mbox holds both messages, the same ones.
    let mbox = std::fs::read(out.join("mail/letters.mbox")).unwrap();
    let messages: Vec<_> = mail_parser::mailbox::mbox::MessageIterator::new(&mbox[..]).map(|m| m.unwrap()).collect();
    assert_eq!(messages.len(), 2);
    for (boxed, id) in messages.iter().zip(["sylvie-garnier", "thomas-renaud"]) {
        let message = MessageParser::default().parse(boxed.contents()).unwrap();
        let pdf = std::fs::read(out.join(format!("letters/{id}.pdf"))).unwrap();
        assert_eq!(message.attachment(0).unwrap().contents(), pdf, "{id} in the mbox");
    }
}

#[test]
fn the_messages_are_the_same_bytes_build_after_build() {
    let (dir, out) = example_build();
    let first = std::fs::read(out.join("mail/letters.mbox")).unwrap();
    let again = build(&dir.path().join("campagne"), &["--force"]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(std::fs::read(out.join("mail/letters.mbox")).unwrap(), first);
}

#[test]
fn an_address_that_is_not_one_is_an_input_error_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let campaign = dir.path().join("campagne");
    assert!(interpel(&["init", campaign.to_str().unwrap(), "-q"]).status.success());
    let candidates = campaign.join("inputs/candidates.csv");
    let text = std::fs::read_to_string(&candidates).unwrap();
    std::fs::write(&candidates, text.replace("t.renaud@example.org", "t.renaud at example.org")).unwrap();
    let settings = campaign.join("inputs/campaign.toml");
    let text = std::fs::read_to_string(&settings).unwrap();
    std::fs::write(&settings, text.replace("\"presidence@example.org\"", "\"présidence\"")).unwrap();
    let output = interpel(&["build", campaign.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let err = stderr(&output);
    // Both problems at once, each with its place.
    assert!(err.contains("inputs/candidates.csv:5"), "{err}");
    assert!(err.contains("« t.renaud at example.org » is not an e-mail address"), "{err}");
    assert!(err.contains("inputs/campaign.toml:"), "{err}");
    assert!(err.contains("[mail] reply_to: « présidence »"), "{err}");
    assert!(!campaign.join("out").exists(), "nothing is written");
}

#[test]
fn addresses_without_a_sender_are_an_input_error() {
    let dir = campaign_copy();
    let candidates = dir.path().join("inputs/candidates.csv");
    let mut rows = csv_rows(&candidates);
    rows[0].push("email".into());
    for (i, row) in rows.iter_mut().enumerate().skip(1) {
        row.push(if i == 1 { "liste@example.org".into() } else { String::new() });
    }
    let mut writer = csv::Writer::from_path(&candidates).unwrap();
    rows.iter().for_each(|r| writer.write_record(r).unwrap());
    writer.flush().unwrap();
    let output = interpel(&["build", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(err.contains("inputs/campaign.toml: candidates.csv gives e-mail addresses (line 2 first)"), "{err}");
    assert!(err.contains("add a [mail] section with from ="), "{err}");
}
