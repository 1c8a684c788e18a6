//! Fuzzes the loading of a campaign: any bytes in the four input files and
//! the draft must give a campaign or a list of problems, never a panic or a
//! hang.
#![no_main]

use interpel::campaign::{InputFiles, TableFiles, parse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The input is cut into the four files and the draft at 0xFF bytes
    // (never in UTF-8).
    let mut parts = data.splitn(5, |&b| b == 0xFF).map(<[u8]>::to_vec);
    let mut next = || Ok(parts.next().unwrap_or_default());
    let settings = next();
    let tables = TableFiles::Csv { questions: next(), candidates: next(), answers: next() };
    let draft = parts.next();
    let files = InputFiles { settings, tables, draft };
    // Every source text is the same small letter.
    let _ = parse(&files, &|_| Ok(b"Nous soutiendrons la prevention.\n".to_vec()));
});
