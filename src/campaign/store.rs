//! The answers, kept out of memory once validated, so that memory does not
//! grow with the size of the campaign.
//!
//! Answers are most of a campaign's bytes: 13 MB of CSV for 10 000 letters,
//! about 24 MB once parsed, held for the whole run although each document
//! needs only its own candidates' rows. So once the campaign is validated,
//! each candidate's rows are encoded (as JSON lines, by serde_json, which
//! reads back with no set-up per block, unlike a CSV reader) into one
//! block; above [`SPILL_ABOVE`] bytes in all, the blocks go to an anonymous
//! temporary file, which the system deletes when the run ends, however it
//! ends. Each document reads its candidates' blocks back when it is
//! rendered: a few kilobytes, against the milliseconds typst spends on it.
//! Memory keeps only the index, a few dozen bytes per candidate.
//!
//! The store is a copy made at load time: a run never reads `answers.csv`
//! again, so editing it while a build runs cannot mix two versions.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufWriter, Write};

use super::Answer;

/// Below this many bytes of encoded answers, the store stays in memory.
pub const SPILL_ABOVE: usize = 1 << 20;

/// Where one candidate's rows are in the store.
#[derive(Debug, Clone, Copy)]
struct Block {
    start: u64,
    len: usize,
}

#[derive(Debug)]
enum Backing {
    Memory(Vec<u8>),
    /// Read at an offset, by any number of threads at once.
    File(File),
}

/// Every candidate's answer rows, in file order.
#[derive(Debug)]
pub struct AnswerStore {
    backing: Backing,
    blocks: HashMap<String, Block>,
}

impl AnswerStore {
    /// Encodes `answers` and, above `spill_above` bytes, moves them to a
    /// temporary file, dropping each answer once written. When no temporary
    /// file can be made, the answers stay in memory and the second value
    /// says why; when one cannot be written (a full disk), that is the error.
    pub fn new(mut answers: Vec<Answer>, spill_above: usize) -> io::Result<(AnswerStore, Option<String>)> {
        // Each candidate's rows together, in file order: the sort is stable.
        answers.sort_by(|a, b| a.candidate.cmp(&b.candidate));
        let size: usize = answers
            .iter()
            .map(|a| {
                a.candidate.len()
                    + a.question.len()
                    + a.quote.len()
                    + a.summary.len()
                    + a.follow_up.len()
                    + a.context.len()
            })
            .sum();
        if size <= spill_above {
            let (bytes, blocks) = encode(answers, Vec::new())?;
            return Ok((AnswerStore { backing: Backing::Memory(bytes), blocks }, None));
        }
        match tempfile::tempfile() {
            Ok(file) => {
                let (file, blocks) = encode(answers, BufWriter::new(file))?;
                let file = file.into_inner().map_err(io::IntoInnerError::into_error)?;
                Ok((AnswerStore { backing: Backing::File(file), blocks }, None))
            }
            Err(e) => {
                let why = format!(
                    "the answers stay in memory: no temporary file could be made in {} ({e})",
                    std::env::temp_dir().display()
                );
                let (bytes, blocks) = encode(answers, Vec::new())?;
                Ok((AnswerStore { backing: Backing::Memory(bytes), blocks }, Some(why)))
            }
        }
    }

    /// The rows of one candidate, in file order.
    pub fn of(&self, candidate: &str) -> io::Result<Vec<Answer>> {
        let Some(&Block { start, len }) = self.blocks.get(candidate) else { return Ok(Vec::new()) };
        let bytes: Cow<[u8]> = match &self.backing {
            Backing::Memory(bytes) => Cow::Borrowed(&bytes[start as usize..][..len]),
            Backing::File(file) => {
                let mut buffer = vec![0; len];
                read_at(file, &mut buffer, start)?;
                Cow::Owned(buffer)
            }
        };
        serde_json::Deserializer::from_slice(&bytes).into_iter().collect::<Result<_, _>>().map_err(io::Error::other)
    }

    /// True when the answers are in a temporary file.
    pub fn spilled(&self) -> bool {
        matches!(self.backing, Backing::File(_))
    }
}

/// Fills `buffer` from `file` at `offset`, leaving the file's position alone.
#[cfg(unix)]
fn read_at(file: &File, buffer: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buffer, offset)
}

#[cfg(windows)]
fn read_at(file: &File, mut buffer: &mut [u8], mut offset: u64) -> io::Result<()> {
    while !buffer.is_empty() {
        match std::os::windows::fs::FileExt::seek_read(file, buffer, offset)? {
            0 => return Err(io::ErrorKind::UnexpectedEof.into()),
            n => {
                buffer = &mut buffer[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}

/// Writes `answers`, grouped by candidate, to `out` as JSON lines: where
/// each candidate's rows are, and `out`. Each answer is dropped once written.
fn encode<W: Write>(answers: Vec<Answer>, out: W) -> io::Result<(W, HashMap<String, Block>)> {
    let mut writer = Counting { inner: out, written: 0 };
    let mut blocks = HashMap::new();
    let mut current: Option<(String, u64)> = None;
    let mut close = |at: u64, current: Option<(String, u64)>| {
        if let Some((candidate, start)) = current {
            blocks.insert(candidate, Block { start, len: (at - start) as usize });
        }
    };
    for a in answers {
        if current.as_ref().is_none_or(|(c, _)| *c != a.candidate) {
            close(writer.written, current.take());
            current = Some((a.candidate.clone(), writer.written));
        }
        serde_json::to_writer(&mut writer, &a)?;
        writer.write_all(b"\n")?;
    }
    close(writer.written, current);
    writer.flush()?;
    Ok((writer.inner, blocks))
}

/// A writer that counts the bytes it passes on.
struct Counting<W> {
    inner: W,
    written: u64,
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign::Stance;

    fn answer(candidate: &str, question: &str, quote: &str, line: u64) -> Answer {
        Answer {
            candidate: candidate.into(),
            question: question.into(),
            stance: Stance::Intent,
            quote: quote.into(),
            summary: "En bref.".into(),
            follow_up: String::new(),
            context: String::new(),
            line,
            page: None,
        }
    }

    fn rows() -> Vec<Answer> {
        vec![
            answer("a", "q1", "« Nous ferons », dit-il ;\nun \"saut\" de ligne", 2),
            answer("b", "q1", "Autre", 3),
            answer("a", "q2", "", 4),
        ]
    }

    fn check(store: &AnswerStore) {
        let a = store.of("a").unwrap();
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].quote, "« Nous ferons », dit-il ;\nun \"saut\" de ligne");
        assert_eq!((a[0].question.as_str(), a[0].line, a[0].stance), ("q1", 2, Stance::Intent));
        assert_eq!((a[1].question.as_str(), a[1].quote.as_str(), a[1].line), ("q2", "", 4));
        assert_eq!(store.of("b").unwrap()[0].quote, "Autre");
        assert!(store.of("nobody").unwrap().is_empty());
    }

    #[test]
    fn small_answers_stay_in_memory() {
        let (store, why) = AnswerStore::new(rows(), SPILL_ABOVE).unwrap();
        assert!(!store.spilled() && why.is_none());
        check(&store);
    }

    #[test]
    fn large_answers_go_to_a_temporary_file_and_read_back_the_same() {
        let (store, why) = AnswerStore::new(rows(), 0).unwrap();
        assert!(store.spilled(), "{why:?}");
        check(&store);
    }
}
