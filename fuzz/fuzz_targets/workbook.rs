//! Fuzzes the workbook reader: any bytes, named as an `.ods` or `.xlsx`
//! workbook, must give a list of problems, never a panic, a
//! hang or an allocation beyond the reader's limits.
#![no_main]

use interpel::campaign::{InputFiles, TableFiles, parse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte chooses the kind of workbook.
    let Some((&kind, bytes)) = data.split_first() else { return };
    let path = if kind % 2 == 0 { "inputs/campagne.ods" } else { "inputs/campagne.xlsx" };
    let tables = TableFiles::Workbook { path: path.to_string(), bytes: Ok(bytes.to_vec()) };
    let files = InputFiles { settings: Ok(Vec::new()), tables, draft: None };
    let _ = parse(&files, &|_| Ok(b"Nous soutiendrons la prevention.\n".to_vec()));
});
