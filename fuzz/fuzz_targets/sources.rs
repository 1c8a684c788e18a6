//! Fuzzes the source readers: any bytes, named as a PDF, DOCX, ODT, e-mail
//! or text file, must give a text or a sentence saying why not, never a
//! panic that escapes or a hang.
#![no_main]

use interpel::campaign::sources::text;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte chooses the kind of file.
    let Some((&kind, bytes)) = data.split_first() else { return };
    let name = ["a.pdf", "a.docx", "a.odt", "a.eml", "a.txt"][kind as usize % 5];
    let _ = text(name, bytes);
});
