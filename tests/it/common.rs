//! Shared helpers for the integration tests: campaign fixtures in temporary
//! folders, running the real binary, and reading text back out of PDFs.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// The shipped campaign (the repository itself).
pub fn shipped() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of the shipped campaign's inputs in a fresh temporary folder
/// (without templates/, so the built-in ones are used).
pub fn campaign_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&shipped().join("inputs"), &dir.path().join("inputs"));
    dir
}

/// Gives the campaign `dir` its own copy of the shipped template `name`
/// (under `templates/`), with `from` replaced by `to`; returns the shipped
/// text, to restore it or find lines in it.
pub fn edit_template(dir: &Path, name: &str, from: &str, to: &str) -> String {
    let shipped = std::fs::read_to_string(shipped().join("templates").join(name)).unwrap();
    assert!(shipped.contains(from), "templates/{name} has no « {from} »");
    std::fs::create_dir_all(dir.join("templates")).unwrap();
    std::fs::write(dir.join("templates").join(name), shipped.replace(from, to)).unwrap();
    shipped
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Runs the `interpel` binary with `args`.
pub fn interpel(args: &[&str]) -> Output {
    Command::cargo_bin("interpel").unwrap().args(args).env_remove("SOURCE_DATE_EPOCH").output().unwrap()
}

/// Runs `interpel build DIR --date 2026-11-22 [extra…]`, asserting success.
pub fn build(dir: &Path, extra: &[&str]) -> Output {
    let dir = dir.to_str().unwrap();
    let mut args = vec!["build", dir, "--date", "2026-11-22"];
    args.extend_from_slice(extra);
    let output = interpel(&args);
    assert!(output.status.success(), "build failed:\n{}", stderr(&output));
    output
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The text of a PDF, as a reader would copy it, without the page footers
/// (« … page 2 / 5 ») so that a quote across a page break reads as one.
pub fn pdf_text(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let text = pdf_extract::extract_text_from_mem(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines().filter(|l| !is_footer(l)).collect::<Vec<_>>().join("\n")
}

/// True for a line that ends with « page N / M ».
fn is_footer(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let n = words.len();
    n >= 4
        && words[n - 4] == "page"
        && words[n - 2] == "/"
        && words[n - 3].parse::<u32>().is_ok()
        && words[n - 1].parse::<u32>().is_ok()
}

/// Text reduced for comparison across line breaks and hyphenation: no
/// white space (including no-break spaces), no hyphens, and every quote
/// mark and apostrophe folded to `"` (Typst makes straight quotes
/// typographic, and its choice depends on what surrounds them).
pub fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '\u{ad}' && *c != '\u{2011}')
        .map(|c| match c {
            '\'' | '’' | '‘' | '«' | '»' | '“' | '”' | '‹' | '›' | '„' | '′' | '″' => '"',
            c => c,
        })
        .collect()
}

/// Asserts that `needle` appears in the PDF text, line breaks aside.
pub fn assert_contains(haystack: &str, needle: &str, what: &str) {
    assert!(squash(haystack).contains(&squash(needle)), "{what}: « {needle} » not found in:\n{haystack}");
}

/// The size of each page, in points.
pub fn page_sizes(path: &Path) -> Vec<(f32, f32)> {
    let doc = lopdf::Document::load(path).unwrap();
    doc.get_pages()
        .values()
        .map(|&id| {
            let page = doc.get_object(id).unwrap().as_dict().unwrap();
            let mediabox = page.get(b"MediaBox").unwrap().as_array().unwrap();
            let n: Vec<f32> =
                mediabox.iter().map(|o| o.as_float().unwrap_or_else(|_| o.as_i64().unwrap() as f32)).collect();
            (n[2] - n[0], n[3] - n[1])
        })
        .collect()
}

/// A synthetic campaign of `letters` letters in `communes` communes, in
/// `dir/campaign`.
pub fn synth_campaign(dir: &Path, letters: usize, communes: usize) -> PathBuf {
    let campaign = dir.join("campaign");
    let output = interpel(&[
        "synth",
        campaign.to_str().unwrap(),
        "--letters",
        &letters.to_string(),
        "--communes",
        &communes.to_string(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    campaign
}

/// The shipped campaign built into a new temporary folder's `out/`.
pub fn shipped_build() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build(&shipped(), &["--out", out.to_str().unwrap()]);
    (dir, out)
}

/// A copy of the shipped campaign with a published national programme
/// added (La France insoumise's toolbox, from `tests/fixtures/programme/`):
/// the shipped campaign quotes no programme.
pub fn campaign_with_programme() -> tempfile::TempDir {
    let dir = campaign_copy();
    let fixture = shipped().join("tests/fixtures/programme");
    let inputs = dir.path().join("inputs");
    std::fs::copy(fixture.join("lfi-programme.txt"), inputs.join("letters/lfi-programme.txt")).unwrap();
    for table in ["candidates.csv", "answers.csv"] {
        let mut text = std::fs::read_to_string(inputs.join(table)).unwrap();
        text.push_str(&std::fs::read_to_string(fixture.join(table)).unwrap());
        std::fs::write(inputs.join(table), text).unwrap();
    }
    dir
}

/// A cell of an `.ods` sheet made by [`ods`], typed as LibreOffice types it.
pub enum Cell {
    Empty,
    Text(String),
    /// A date cell (`office:date-value`), shown as 03/03/2026.
    Date(String),
    Number(f64),
    /// A formula and the text it last computed.
    Formula(String, String),
}

/// An `.ods` workbook with `sheets` (name, rows of cells), written as
/// LibreOffice Calc writes one; `encrypted` marks its content as protected
/// by a password, as a file saved with one is.
pub fn ods(sheets: &[(&str, Vec<Vec<Cell>>)], encrypted: bool) -> Vec<u8> {
    use std::io::Write;
    let escape = |t: &str| t.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
    let paragraphs = |t: &str| t.split('\n').map(|l| format!("<text:p>{}</text:p>", escape(l))).collect::<String>();
    let mut content = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.3"><office:body><office:spreadsheet>"#,
    );
    for (name, rows) in sheets {
        content.push_str(&format!(r#"<table:table table:name="{}">"#, escape(name)));
        for row in rows {
            content.push_str("<table:table-row>");
            for cell in row {
                content.push_str(&match cell {
                    Cell::Empty => "<table:table-cell/>".to_string(),
                    Cell::Text(t) => format!(
                        r#"<table:table-cell office:value-type="string">{}</table:table-cell>"#,
                        paragraphs(t)
                    ),
                    Cell::Date(iso) => {
                        let shown: Vec<&str> = iso.split('-').rev().collect();
                        format!(
                            r#"<table:table-cell office:value-type="date" office:date-value="{iso}"><text:p>{}</text:p></table:table-cell>"#,
                            shown.join("/")
                        )
                    }
                    Cell::Number(n) => format!(
                        r#"<table:table-cell office:value-type="float" office:value="{n}"><text:p>{n}</text:p></table:table-cell>"#
                    ),
                    Cell::Formula(formula, shown) => format!(
                        r#"<table:table-cell table:formula="{}" office:value-type="string" office:string-value="{}"><text:p>{}</text:p></table:table-cell>"#,
                        escape(formula),
                        escape(shown),
                        escape(shown)
                    ),
                });
            }
            content.push_str("</table:table-row>");
        }
        content.push_str("</table:table>");
    }
    content.push_str("</office:spreadsheet></office:body></office:document-content>");
    let encryption = if encrypted {
        r#"<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x"><manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="x"/></manifest:encryption-data>"#
    } else {
        ""
    };
    let manifest = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">{encryption}</manifest:file-entry></manifest:manifest>"#
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet").unwrap();
    zip.start_file("content.xml", deflated).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.start_file("META-INF/manifest.xml", deflated).unwrap();
    zip.write_all(manifest.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

/// The rows of the CSV table `path`, header first, each cell as text.
pub fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(path).unwrap();
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(bytes);
    reader.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect()
}

/// Rewrites `inputs/answers.csv` of `dir` without the rows of `candidate`;
/// returns the rows taken out.
pub fn remove_rows(dir: &Path, candidate: &str) -> Vec<Vec<String>> {
    let path = dir.join("inputs/answers.csv");
    let rows = csv_rows(&path);
    let (removed, kept): (Vec<_>, Vec<_>) =
        rows.into_iter().enumerate().partition(|(i, r)| *i > 0 && r[0] == candidate);
    let mut out = csv::Writer::from_path(&path).unwrap();
    for (_, row) in kept {
        out.write_record(&row).unwrap();
    }
    out.flush().unwrap();
    removed.into_iter().map(|(_, r)| r).collect()
}

/// Moves the three CSV tables of the campaign `dir` into one workbook,
/// `inputs/campagne.xlsx`, written by interpel's own writer.
pub fn tables_to_xlsx(dir: &Path) {
    let inputs = dir.join("inputs");
    let read = |name: &str| std::fs::read_to_string(inputs.join(name)).unwrap();
    let (q, c, a) = (read("questions.csv"), read("candidates.csv"), read("answers.csv"));
    let date = chrono::NaiveDate::from_ymd_opt(2026, 2, 16).unwrap();
    let book = interpel::campaign::write_workbook([&q, &c, &a], date).unwrap();
    std::fs::write(inputs.join("campagne.xlsx"), book).unwrap();
    for name in ["questions.csv", "candidates.csv", "answers.csv"] {
        std::fs::remove_file(inputs.join(name)).unwrap();
    }
}
