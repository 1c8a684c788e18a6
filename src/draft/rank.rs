//! Ranking a source's passages against a question: French words reduced to
//! their stems (Snowball), common words dropped, and Okapi BM25 over the
//! source's sentences.

use std::collections::{HashMap, HashSet};

use rust_stemmers::{Algorithm, Stemmer};

/// Turns text into the terms BM25 counts.
pub struct Terms {
    stemmer: Stemmer,
    stop: HashSet<&'static str>,
}

impl Default for Terms {
    fn default() -> Self {
        Terms {
            stemmer: Stemmer::create(Algorithm::French),
            stop: stop_words::get(stop_words::Language::French)
                .iter()
                .copied()
                .chain(EXTRA_STOP.iter().copied())
                .collect(),
        }
    }
}

/// Words of letters that say nothing of their subject, beyond the common
/// words of French: forms of address, politeness, filler verbs.
const EXTRA_STOP: &[&str] = &[
    "madame",
    "monsieur",
    "mesdames",
    "messieurs",
    "président",
    "présidente",
    "cette",
    "cet",
    "ces",
    "tout",
    "tous",
    "toute",
    "toutes",
    "ainsi",
    "aussi",
    "plus",
    "très",
    "bien",
    "comme",
    "dont",
    "où",
    "si",
    "car",
    "donc",
    "cela",
    "ceci",
    "faire",
    "fait",
    "être",
    "avoir",
    "entre",
    "afin",
    "leurs",
    "sans",
    "sous",
    "chez",
    "vers",
    "non",
];

impl Terms {
    /// The stems of the words of `text` that carry meaning, in order.
    pub fn of(&self, text: &str) -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .filter(|w| {
                w.chars().count() > 1 && !self.stop.contains(w.as_str()) && !w.chars().all(|c| c.is_ascii_digit())
            })
            .map(|w| self.stemmer.stem(&w).into_owned())
            .collect()
    }
}

/// BM25's usual constants.
const K1: f32 = 1.2;
const B: f32 = 0.75;

/// Okapi BM25 over the sentences of one source: how rare each term is
/// among them, and their mean length.
pub struct Bm25 {
    documents: f32,
    frequency: HashMap<String, u32>,
    mean_length: f32,
}

impl Bm25 {
    /// Statistics of `sentences`, each given as its terms.
    pub fn new(sentences: &[Vec<String>]) -> Self {
        let mut frequency: HashMap<String, u32> = HashMap::new();
        for terms in sentences {
            let unique: HashSet<&String> = terms.iter().collect();
            for term in unique {
                *frequency.entry(term.clone()).or_default() += 1;
            }
        }
        let total: usize = sentences.iter().map(Vec::len).sum();
        Bm25 {
            documents: sentences.len().max(1) as f32,
            frequency,
            mean_length: (total as f32 / sentences.len().max(1) as f32).max(1.0),
        }
    }

    /// How much a term tells: rarer among the sentences, more.
    fn idf(&self, term: &str) -> f32 {
        let n = self.frequency.get(term).copied().unwrap_or(0) as f32;
        ((self.documents - n + 0.5) / (n + 0.5) + 1.0).ln()
    }

    /// The BM25 score of a passage (its terms) for a query (its distinct
    /// terms, each with its weight).
    pub fn score(&self, query: &HashMap<String, f32>, passage: &[String]) -> f32 {
        let length = passage.len() as f32;
        let mut counts: HashMap<&str, (u32, f32)> = HashMap::new();
        for term in passage {
            if let Some(&weight) = query.get(term) {
                counts.entry(term).or_insert((0, weight)).0 += 1;
            }
        }
        counts
            .into_iter()
            .map(|(term, (count, weight))| {
                let tf = count as f32;
                weight * self.idf(term) * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * length / self.mean_length))
            })
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_join_the_forms_of_a_word_and_drop_common_words() {
        let terms = Terms::default();
        assert_eq!(terms.of("Les addictions"), terms.of("l’addiction"));
        assert_eq!(terms.of("nous et les vôtres, Madame"), vec![terms.of("vôtres")[0].clone()]);
        assert!(terms.of("de la, et 2026").is_empty());
    }

    #[test]
    fn a_rarer_word_weighs_more() {
        let terms = Terms::default();
        let sentences: Vec<Vec<String>> =
            ["la prévention des jeunes", "la sécurité des jeunes", "la sécurité des rues"]
                .iter()
                .map(|s| terms.of(s))
                .collect();
        let bm25 = Bm25::new(&sentences);
        let query: HashMap<String, f32> = terms.of("prévention jeunes").into_iter().map(|t| (t, 1.0)).collect();
        assert!(bm25.score(&query, &sentences[0]) > bm25.score(&query, &sentences[1]));
        assert_eq!(bm25.score(&query, &sentences[2]), 0.0);
    }
}
