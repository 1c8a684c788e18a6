//! Scoring a draft against a person's extraction of the same source: how
//! many of the person's excerpts the draft found, how many of its passages
//! the person kept, and whether they agree on the stance.

use std::collections::HashSet;

use super::Proposal;
use crate::campaign::Stance;

/// An excerpt a person took: its question's index, stance and quote.
#[derive(Debug, Clone)]
pub struct Excerpt {
    pub question: usize,
    pub stance: Stance,
    pub quote: String,
}

/// The measures of one draft, as counts, with what went wrong.
#[derive(Debug, Default, Clone)]
pub struct Score {
    /// The person's excerpts (with a quote).
    pub excerpts: usize,
    /// Those held for the most part by one of the first three passages
    /// proposed for their question.
    pub found: usize,
    /// Excerpts not found but held by a passage proposed lower than third
    /// for their question, or proposed under another question.
    pub lower: usize,
    pub elsewhere: usize,
    /// Passages proposed.
    pub proposed: usize,
    /// Passages that overlap for the most part an excerpt of their question.
    pub kept: usize,
    /// Found excerpts of a letter (graded), and those whose passage has the
    /// person's stance.
    pub graded: usize,
    pub same_stance: usize,
    /// One line per excerpt not found and per stance not agreed.
    pub misses: Vec<String>,
}

impl Score {
    /// Adds another draft's counts to these.
    pub fn add(&mut self, other: Score) {
        self.excerpts += other.excerpts;
        self.found += other.found;
        self.lower += other.lower;
        self.elsewhere += other.elsewhere;
        self.proposed += other.proposed;
        self.kept += other.kept;
        self.graded += other.graded;
        self.same_stance += other.same_stance;
        self.misses.extend(other.misses);
    }
}

/// The words of a text, lower case, `[…]` and punctuation aside.
fn words(text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// The share of `part`'s words that `whole` holds.
fn held(part: &HashSet<String>, whole: &HashSet<String>) -> f32 {
    if part.is_empty() { 0.0 } else { part.intersection(whole).count() as f32 / part.len() as f32 }
}

/// Scores `proposals` against `excerpts`, both of one source; `label`
/// names the source in the misses, `ids` the questions.
pub fn score(label: &str, ids: &[&str], excerpts: &[Excerpt], proposals: &[Proposal]) -> Score {
    let mut score = Score { proposed: proposals.len(), ..Score::default() };
    let passage_words: Vec<HashSet<String>> = proposals.iter().map(|p| words(&p.quote)).collect();
    let excerpt_words: Vec<HashSet<String>> = excerpts.iter().map(|e| words(&e.quote)).collect();
    for (e, excerpt) in excerpts.iter().enumerate() {
        if excerpt.quote.trim().is_empty() {
            continue;
        }
        score.excerpts += 1;
        let finder = proposals
            .iter()
            .enumerate()
            .filter(|(_, p)| p.question == excerpt.question && p.rank <= 3)
            .find(|(i, _)| held(&excerpt_words[e], &passage_words[*i]) > 0.5);
        let Some((_, passage)) = finder else {
            // Why: proposed lower than third, under another question, or
            // not at all (or cut too short).
            let holder = proposals.iter().enumerate().find(|(i, _)| held(&excerpt_words[e], &passage_words[*i]) > 0.5);
            let why = match holder {
                Some((_, p)) if p.question == excerpt.question => {
                    score.lower += 1;
                    format!("proposed {}th", p.rank)
                }
                Some((_, p)) => {
                    score.elsewhere += 1;
                    format!("proposed under {}", ids[p.question])
                }
                None => "not proposed".to_string(),
            };
            score.misses.push(format!(
                "{label} {}: {why}: « {} »",
                ids[excerpt.question],
                excerpt.quote.chars().take(70).collect::<String>().replace('\n', " ")
            ));
            continue;
        };
        score.found += 1;
        if excerpt.stance != Stance::Ungraded {
            score.graded += 1;
            if passage.guess.stance == excerpt.stance {
                score.same_stance += 1;
            } else {
                score.misses.push(format!(
                    "{label} {}: stance {} for {} (« {} »): « {} »",
                    ids[excerpt.question],
                    passage.guess.stance.code(),
                    excerpt.stance.code(),
                    passage.guess.phrase,
                    excerpt.quote.chars().take(80).collect::<String>()
                ));
            }
        }
    }
    for (i, p) in proposals.iter().enumerate() {
        let kept = excerpts.iter().enumerate().any(|(e, excerpt)| {
            excerpt.question == p.question
                && (held(&excerpt_words[e], &passage_words[i]) > 0.5
                    || held(&passage_words[i], &excerpt_words[e]) > 0.5)
        });
        score.kept += usize::from(kept);
    }
    score
}
