//! The letters by e-mail: for each letter whose candidate's row gives an
//! address, a complete message with the letter's PDF attached
//! (`mail/<id>.eml`, ready to send from a mail program), and all of them in
//! one mbox file to import at once. interpel sends nothing and holds no
//! password.
//!
//! Pure: from the campaign, a candidate and the letter's bytes to the
//! message's bytes, the same for the same inputs (the date, the message's
//! id and its MIME boundary are derived, never drawn).

use chrono::NaiveDate;
use mail_builder::MessageBuilder;
use mail_builder::headers::address::Address;
use mail_builder::headers::content_type::ContentType;
use mail_builder::headers::raw::Raw;
use mail_builder::mime::{BodyPart, MimePart};

use crate::campaign::{Campaign, Candidate};
use crate::french;
use crate::view;

/// The mbox of every message, in `mail/`.
pub const MBOX: &str = "letters.mbox";

/// One letter's message: the candidate's id (its file name) and its bytes.
pub struct Message {
    pub id: String,
    pub bytes: Vec<u8>,
}

/// The message that carries `c`'s letter, `pdf`, dated `date`; `None` when
/// the candidate has no address or the campaign no sender (which loading
/// refuses when an address is given).
pub fn message(campaign: &Campaign, c: &Candidate, pdf: &[u8], date: NaiveDate) -> Option<Message> {
    let to = c.email.as_deref()?;
    let mail = campaign.settings.mail.as_ref()?;
    let association = &campaign.settings.association;
    let title = &campaign.settings.campaign.title;
    let from = mail.from.get_ref().trim();
    let subject = format!("«\u{a0}{title}\u{a0}»\u{a0}: le courrier de l’association {}", association.name);
    let role = match c.role.is_empty() {
        true => String::new(),
        false => format!(", {}", french::in_text(&c.role)),
    };
    let commune = c.commune.as_deref().map(|commune| format!(" ({commune})")).unwrap_or_default();
    let body = format!(
        "{appel},\r\n\r\nVeuillez trouver ci-joint le courrier que l’association {name} adresse à {who}{role}, pour la liste «\u{a0}{list}\u{a0}»{commune}, au sujet de son questionnaire «\u{a0}{title}\u{a0}».\r\n\r\n{signatory}\r\n{signatory_title}\r\n{name}\r\n",
        appel = view::appel(c),
        name = association.name,
        who = c.civility.with_name(&c.name),
        list = c.list,
        signatory = association.signatory,
        signatory_title = association.signatory_title,
    );
    let digest = crate::reuse::sha256(pdf);
    let boundary = format!("=_interpel_{}", &digest[..32]);
    let attachment_name = format!("{}.pdf", c.id);
    let parts = vec![
        MimePart::new(ContentType::new("text/plain").attribute("charset", "utf-8"), BodyPart::Text(body.into())),
        MimePart::new(ContentType::new("application/pdf"), BodyPart::Binary(pdf.into())).attachment(attachment_name),
    ];
    let body = MimePart::new(ContentType::new("multipart/mixed").attribute("boundary", boundary), parts);
    let sent = date.and_hms_opt(9, 0, 0).expect("9:00 is a time").and_utc().timestamp();
    let domain = from.rsplit('@').next().unwrap_or("localhost");
    let mut builder = MessageBuilder::new()
        .from(Address::new_address(Some(association.name.as_str()), from))
        .to(Address::new_address(Some(c.civility.with_name(&c.name)), to.to_string()))
        .subject(subject)
        .date(sent)
        .message_id(format!("{}.{}.{}@{domain}", c.id, date, &digest[..16]))
        // Outlook opens a message marked unsent as a draft, ready to send.
        .header("X-Unsent", Raw::new("1"))
        .body(body);
    if let Some(reply_to) = &mail.reply_to {
        builder = builder.reply_to(Address::new_address(Some(association.name.as_str()), reply_to.get_ref().trim()));
    }
    let bytes = builder.write_to_vec().expect("writing to memory");
    Some(Message { id: c.id.clone(), bytes })
}

/// The messages as one mbox file (mboxrd: a line of a message that starts
/// with « From », after any « > », gets one more « > »).
pub fn mbox(messages: &[Message], from: &str, date: NaiveDate) -> Vec<u8> {
    // The separator's date, in the asctime form mbox readers expect.
    let stamp = date.and_hms_opt(9, 0, 0).expect("9:00 is a time").format("%a %b %e %H:%M:%S %Y");
    let mut out = Vec::new();
    for message in messages {
        out.extend_from_slice(format!("From {from} {stamp}\n").as_bytes());
        let text = message.bytes.split(|b| *b == b'\n');
        for line in text {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            let quoted = line.iter().position(|b| *b != b'>').is_some_and(|at| line[at..].starts_with(b"From "));
            if quoted {
                out.push(b'>');
            }
            out.extend_from_slice(line);
            out.push(b'\n');
        }
        out.push(b'\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mbox_quotes_lines_that_would_start_a_message() {
        let message =
            Message { id: "x".into(), bytes: b"Subject: a\r\n\r\nFrom here\r\n>From there\r\nFine\r\n".to_vec() };
        let date = NaiveDate::from_ymd_opt(2026, 3, 3).unwrap();
        let mbox = String::from_utf8(mbox(&[message], "a@example.org", date)).unwrap();
        assert_eq!(
            mbox,
            "From a@example.org Tue Mar  3 09:00:00 2026\nSubject: a\n\n>From here\n>>From there\nFine\n\n\n"
        );
    }
}
