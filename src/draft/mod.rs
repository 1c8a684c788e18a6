//! A first draft of the extraction (`interpel draft`): for each question,
//! the passages of a source most likely to answer it, cut at sentence or
//! list-item boundaries and verbatim by construction, each with a proposed
//! stance and the phrase that decided it. Pure: text in, proposals out.
//!
//! Nothing here is ever published: the rows go to `answers.draft.csv`,
//! which staff read, cut and move into `answers.csv` themselves.

pub mod rank;
pub mod score;
pub mod segment;
pub mod stance;
pub mod table;

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use segment::BlockKind;

/// How many passages a question gets at most.
pub const PER_QUESTION: usize = 3;

/// A passage proposed for a question.
#[derive(Debug, Clone)]
pub struct Proposal {
    /// The question's index in the questionnaire.
    pub question: usize,
    /// 1 for the likeliest passage of its question.
    pub rank: usize,
    /// Where the passage is in the source text.
    pub span: Range<usize>,
    /// The passage as a quote: the source's words, its line breaks joined.
    pub quote: String,
    /// The stance its wording suggests, and why.
    pub guess: stance::Guess,
    /// How well it matches its question, for ordering (0 to ~2).
    pub score: f32,
}

/// How much being under a heading that names the question adds to a
/// sentence's score (whose own match is scaled to at most 1).
const SECTION: f32 = 0.6;
/// What answering in the questions' order adds to a sentence's score for
/// the question its place gives, when no heading gives it one.
const ORDER: f32 = 0.5;
/// The share of the sum of its blocks' best matches that a labelling in the
/// questions' order must keep for the letter to be read as answering in
/// order.
const ORDERED: f32 = 0.85;
/// The longest passage cut out of a paragraph, in sentences.
const LONGEST: usize = 4;
/// The longest list item or paragraph proposed whole, in sentences.
const LONGEST_ITEM: usize = 8;
/// A passage's score is the sum of its sentences' over its length in
/// sentences to this power: a passage grows by a sentence that matches
/// less than the others only if that sentence brings enough.
const LENGTH: f32 = 0.4;
/// The longest passage proposed, in bytes (a long paragraph of a letter;
/// far under the quote check's limit).
const LONGEST_QUOTE: usize = 4000;
/// The share of a joined run's value that each of its halves keeps when
/// the run is not proposed because it joins a pledge to a refusal or a
/// hedge.
const INHERITED: f32 = 0.9;
/// A passage of a paragraph shorter than this, in words, is a transition.
const TRANSITION: usize = 7;
/// What a keyword weighs, against a word of the question itself.
const KEYWORD: f32 = 0.5;
/// A passage weaker than this share of its question's best is not proposed.
const FLOOR: f32 = 0.35;

/// What a question is looked for by.
#[derive(Debug, Clone)]
pub struct Query {
    /// Its title and text, as the association asked it.
    pub asked: String,
    /// Words its answers may use that its text does not.
    pub keywords: String,
}

/// Proposes passages of `text` (a source's text, as `sources::text` gives
/// it) for each of `queries`, at most `per_question` each, more for a
/// question the letter answers under a heading of its own.
pub fn propose(text: &str, queries: &[Query], per_question: usize) -> Vec<Proposal> {
    let terms = rank::Terms::default();
    let blocks = segment::blocks(text);
    // The sentences that may be quoted, with the block they belong to and
    // the question their section's heading names.
    struct Sentence {
        block: usize,
        span: Range<usize>,
        terms: Vec<String>,
        section: Option<usize>,
    }
    let asked: Vec<HashSet<String>> = queries.iter().map(|q| terms.of(&q.asked).into_iter().collect()).collect();
    // A question's own words weigh more than its keywords.
    let weighted: Vec<HashMap<String, f32>> = queries
        .iter()
        .map(|q| {
            let mut weights: HashMap<String, f32> = terms.of(&q.keywords).into_iter().map(|t| (t, KEYWORD)).collect();
            weights.extend(terms.of(&q.asked).into_iter().map(|t| (t, 1.0)));
            weights
        })
        .collect();
    let query_terms: Vec<HashSet<String>> = weighted.iter().map(|w| w.keys().cloned().collect()).collect();
    let mut sentences: Vec<Sentence> = Vec::new();
    let mut section = None;
    let (first, last) = body(text, &blocks);
    for (b, block) in blocks.iter().enumerate().take(last).skip(first) {
        let words = terms.of(&text[block.span.clone()]);
        if block.kind == BlockKind::Heading {
            section = heading_question(&text[block.span.clone()], &words, &query_terms);
            continue;
        }
        // A letter that copies out a question before its answer.
        if let Some(q) = restated(&text[block.span.clone()], &words, &asked) {
            section = Some(q);
            continue;
        }
        for span in &block.sentences {
            let words = terms.of(&text[span.clone()]);
            if words.is_empty() || is_courtesy(&text[span.clone()]) {
                continue;
            }
            sentences.push(Sentence { block: b, span: span.clone(), terms: words, section });
        }
    }
    if sentences.is_empty() || queries.is_empty() {
        return Vec::new();
    }
    // What each sentence's wording says of its stance: a passage never
    // joins a sentence that commits to one that, in words, does not.
    let starts_item: Vec<bool> = sentences
        .iter()
        .map(|s| blocks[s.block].kind == BlockKind::Item && blocks[s.block].sentences.first() == Some(&s.span))
        .collect();
    let guesses: Vec<stance::Guess> = sentences
        .iter()
        .zip(&starts_item)
        .map(|(s, &item_start)| {
            let place = if item_start { stance::Place::ItemStart } else { stance::Place::Paragraph };
            stance::guess(&text[s.span.clone()], place)
        })
        .collect();
    let all_terms: Vec<Vec<String>> = sentences.iter().map(|s| s.terms.clone()).collect();
    let bm25 = rank::Bm25::new(&all_terms);

    // Each sentence's score for each question: its BM25 match scaled by the
    // question's best, plus the weight of a heading naming the question.
    let matched: Vec<Vec<f32>> = weighted
        .iter()
        .map(|query| {
            let raw: Vec<f32> = sentences.iter().map(|s| bm25.score(query, &s.terms)).collect();
            let best = raw.iter().copied().fold(0.0f32, f32::max);
            raw.iter().map(|&r| if best > 0.0 { r / best } else { 0.0 }).collect()
        })
        .collect();
    // A letter that answers in the questions' order without headings
    // places each answer between the previous question's and the next's.
    let blocks_of: Vec<usize> = sentences.iter().map(|s| s.block).collect();
    // (Also in a letter with headings for some answers only: numbered
    // answers that the cutting reads as list items get no section.)
    let in_order = order(&matched, &blocks_of);
    let scores: Vec<Vec<f32>> = matched
        .iter()
        .enumerate()
        .map(|(q, matched)| {
            matched
                .iter()
                .zip(&sentences)
                .enumerate()
                .map(|(i, (&m, s))| {
                    let placed = match s.section {
                        Some(section) if section == q => SECTION,
                        None if in_order.as_ref().is_some_and(|o| o[i] == q) => ORDER,
                        _ => 0.0,
                    };
                    m + placed
                })
                .collect()
        })
        .collect();

    // Passages: runs of sentences of one block (a list item whole, a
    // lead-in with its list), scored by the sum of their sentences' scores
    // over a power of their length.
    // The list items whose sentences say opposite things, to be cut.
    let mut torn = HashSet::new();
    let mut start = 0;
    for block in blocks_of.chunk_by(|a, b| a == b) {
        if blocks[block[0]].kind == BlockKind::Item && stance::torn(&guesses[start..start + block.len()]) {
            torn.insert(block[0]);
        }
        start += block.len();
    }
    let runs = runs(text, &blocks, &blocks_of, &torn);
    // A run that joins a pledge to a refusal or a hedge is never proposed,
    // but what it says of its paragraph's relevance passes to its halves:
    // each sentence keeps the best value of such a run holding it.
    let mut inherited = vec![vec![0.0f32; sentences.len()]; queries.len()];
    let mut kept: Vec<(Range<usize>, Vec<f32>)> = Vec::new();
    for run in &runs {
        let span = sentences[run.start].span.start..sentences[run.end - 1].span.end;
        // A passage no briefing could print whole is not proposed.
        if span.len() > LONGEST_QUOTE {
            continue;
        }
        // A bare transition (« Revenons aux pistes cyclables. ») answers
        // nothing on its own, though it may open a passage; a short pledge
        // or refusal (« Nous y sommes opposés. ») does.
        let run_guesses = &guesses[run.clone()];
        if blocks[sentences[run.start].block].kind != BlockKind::Item
            && text[span].split_whitespace().count() < TRANSITION
            && run_guesses.iter().all(|g| matches!(g.why, stance::Why::Nothing | stance::Why::Wording))
        {
            continue;
        }
        let values: Vec<f32> = scores
            .iter()
            .map(|score| score[run.clone()].iter().sum::<f32>() / (run.len() as f32).powf(LENGTH))
            .collect();
        if stance::torn(run_guesses) {
            // Only the halves of a paragraph inherit: the items of a list
            // each have their own subject, whatever the list as a whole
            // matches.
            let one_block = sentences[run.start].block == sentences[run.end - 1].block;
            for (q, &value) in values.iter().enumerate().filter(|_| one_block) {
                run.clone().for_each(|i| inherited[q][i] = inherited[q][i].max(value));
            }
            continue;
        }
        kept.push((run.clone(), values));
    }
    let mut candidates: Vec<(f32, usize, Range<usize>)> = Vec::new();
    for (run, values) in kept {
        // Only a half that says something inherits, not a neutral sentence
        // of the same paragraph.
        let says = guesses[run.clone()].iter().any(|g| g.why != stance::Why::Nothing);
        for (q, &value) in values.iter().enumerate() {
            let from_whole =
                if says { run.clone().map(|i| inherited[q][i]).fold(f32::INFINITY, f32::min) } else { 0.0 };
            let value = value.max(INHERITED * from_whole);
            if value > 0.0 {
                candidates.push((value, q, run.clone()));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.start.cmp(&b.2.start)));
    // A question answered under a heading of its own gets every block of
    // that section, however many.
    let mut section_blocks = vec![HashSet::new(); queries.len()];
    for s in &sentences {
        if let Some(q) = s.section {
            section_blocks[q].insert(s.block);
        }
    }
    let cap: Vec<usize> = section_blocks.iter().map(|b| b.len().max(per_question)).collect();
    // The best passage each question gets (the best of all may have gone
    // to another question).
    let mut best: Vec<Option<f32>> = vec![None; queries.len()];
    let mut used = vec![vec![false; sentences.len()]; queries.len()];
    let mut picked: Vec<(usize, f32, Range<usize>)> = Vec::new();
    let mut count = vec![0usize; queries.len()];
    for (value, q, run) in candidates {
        if count[q] >= cap[q] || best[q].is_some_and(|b| value < FLOOR * b) || run.clone().any(|i| used[q][i]) {
            continue;
        }
        best[q].get_or_insert(value);
        run.clone().for_each(|i| used[q][i] = true);
        count[q] += 1;
        picked.push((q, value, run));
    }
    picked.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
    let mut proposals = Vec::with_capacity(picked.len());
    let mut rank = 0;
    for (i, (q, value, run)) in picked.iter().enumerate() {
        rank = if i > 0 && picked[i - 1].0 == *q { rank + 1 } else { 1 };
        let span = sentences[run.start].span.start..sentences[run.end - 1].span.end;
        let quote = crate::campaign::sources::joined(&text[span.clone()], text);
        let mut guess = stance::combine(&guesses[run.clone()]);
        // A list item that only names a measure takes the stance of what
        // announces its list.
        if matches!(guess.why, stance::Why::Measure | stance::Why::Nothing)
            && starts_item[run.start]
            && let Some(announced) = announcement(text, &blocks, sentences[run.start].block, first)
        {
            guess = announced;
        }
        proposals.push(Proposal { question: *q, rank, span, guess, quote, score: *value });
    }
    proposals
}

/// The question each sentence answers by its place, when the letter
/// answers in the questions' order: the labelling of its blocks by
/// questions, never going back, that matches them best, if its sum keeps
/// at least [`ORDERED`] of the sum of each block's best match (so a block
/// out of order may lose its own), and it goes through at least three
/// questions. `matched[q][i]` is how well
/// sentence `i` matches question `q`; `block_of[i]` its block.
fn order(matched: &[Vec<f32>], block_of: &[usize]) -> Option<Vec<usize>> {
    let questions = matched.len();
    // Each block's match with each question: its best sentence's.
    let mut blocks: Vec<(usize, Vec<f32>)> = Vec::new();
    for (i, &b) in block_of.iter().enumerate() {
        if blocks.last().is_none_or(|(last, _)| *last != b) {
            blocks.push((b, vec![0.0; questions]));
        }
        let (_, best) = blocks.last_mut().expect("pushed above");
        for q in 0..questions {
            best[q] = best[q].max(matched[q][i]);
        }
    }
    if questions < 3 || blocks.len() < 3 {
        return None;
    }
    // value[k][q]: the best sum for blocks 0..=k with block k labelled q.
    let mut value = vec![vec![0.0f32; questions]; blocks.len()];
    let mut from = vec![vec![0usize; questions]; blocks.len()];
    for (k, (_, m)) in blocks.iter().enumerate() {
        for q in 0..questions {
            let (p, before) = if k == 0 {
                (q, 0.0)
            } else {
                // On a tie, the earlier question: a block that matches
                // nothing stays with the last question answered.
                (0..=q)
                    .map(|p| (p, value[k - 1][p]))
                    .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
                    .expect("q >= 0")
            };
            value[k][q] = before + m[q];
            from[k][q] = p;
        }
    }
    let last = blocks.len() - 1;
    let (mut q, total) = value[last]
        .iter()
        .copied()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        .expect("questions >= 3");
    let free: f32 = blocks.iter().map(|(_, m)| m.iter().copied().fold(0.0, f32::max)).sum();
    let mut labels = vec![0; blocks.len()];
    for k in (0..blocks.len()).rev() {
        labels[k] = q;
        q = from[k][q];
    }
    // The questions the letter answers in order: a block that matches
    // nothing answers none.
    let mut seen: Vec<usize> = labels.iter().zip(&blocks).filter(|&(&l, (_, m))| m[l] > 0.0).map(|(&l, _)| l).collect();
    seen.dedup();
    if free <= 0.0 || total < ORDERED * free || seen.len() < 3 {
        return None;
    }
    let label_of: HashMap<usize, usize> = blocks.iter().zip(&labels).map(|((b, _), &l)| (*b, l)).collect();
    Some(block_of.iter().map(|b| label_of[b]).collect())
}

/// The runs of sentences that may make a passage, as ranges of indices
/// into the sentences, given the block of each: the whole of a block of up
/// to [`LONGEST_ITEM`] sentences; in a paragraph, a list item of more than
/// two sentences or one whose sentences say opposite things (`torn`, by
/// block), every run of up to [`LONGEST`] sentences.
fn runs(text: &str, blocks: &[segment::Block], block_of: &[usize], torn: &HashSet<usize>) -> Vec<Range<usize>> {
    let ends_with_colon = |b: &segment::Block| text[b.span.clone()].trim_end().ends_with(':');
    let mut runs = Vec::new();
    let mut start = 0;
    while start < block_of.len() {
        let block = block_of[start];
        let end = start + block_of[start..].iter().take_while(|&&b| b == block).count();
        let whole = end - start <= LONGEST_ITEM;
        if whole {
            runs.push(start..end);
        }
        // Its parts too; a short list item only when a person would quote
        // its sentences as two rows (« …que nous imposerons dans le plan
        // local d'urbanisme. Et nous aimerions qu'une vélo-école… »).
        if blocks[block].kind != BlockKind::Item || end - start > 2 || torn.contains(&block) {
            for first in start..end {
                for last in first..end.min(first + LONGEST) {
                    if !(first == start && last + 1 == end && whole) {
                        runs.push(first..last + 1);
                    }
                }
            }
        }
        // A lead-in ending with a colon and the list it opens, whole.
        let lead_in = &blocks[block];
        if lead_in.kind != BlockKind::Item && ends_with_colon(lead_in) {
            let mut stop = end;
            while stop < block_of.len() && blocks[block_of[stop]].kind == BlockKind::Item {
                stop += 1;
            }
            if stop > end && stop - (end - 1) <= LONGEST_ITEM + 1 {
                runs.push(end - 1..stop);
            }
        }
        start = end;
    }
    runs
}

/// What a list item says by the text that announces its list: a list of
/// bare measures (« – Une zone 30 dans tout le bourg. ») after « voici ce
/// que nous ferons pendant le mandat » is a list of pledges. The item at
/// block `block` is announced by the last sentence of the paragraph, or of
/// the line ending with a colon, before its list (past its headings and the
/// lists before it, under the same announcement), within the letter's body
/// (from block `first`), when that sentence pledges (« Nos propositions : »
/// too), or refuses or leaves its measures to others (« voici ce que nous
/// aimerions voir un jour : »); `None` for a paragraph, or when the
/// sentence does neither.
fn announcement(text: &str, blocks: &[segment::Block], block: usize, first: usize) -> Option<stance::Guess> {
    if blocks[block].kind != BlockKind::Item {
        return None;
    }
    // A paragraph, or a line standing alone that announces proposals;
    // not a heading that names a theme (« Transports : »), which is passed.
    let lead_in = (first..block).rev().find(|&b| {
        blocks[b].kind == BlockKind::Paragraph
            || blocks[b].kind == BlockKind::Heading && proposals(&text[blocks[b].span.clone()]).is_some()
    })?;
    let sentence = &text[blocks[lead_in].sentences.last()?.clone()];
    let guess = stance::guess(sentence, stance::Place::Paragraph);
    if matches!(guess.why, stance::Why::Pledge | stance::Why::Refusal | stance::Why::Hedge) {
        return Some(guess);
    }
    proposals(sentence).map(|phrase| stance::Guess {
        stance: crate::campaign::Stance::Commitment,
        phrase: phrase.to_string(),
        why: stance::Why::Pledge,
    })
}

/// The words of a short line ending with a colon that announces the
/// list's proposals (« Nos propositions : », « Nos engagements pour le
/// mandat : »), if it does.
fn proposals(line: &str) -> Option<&str> {
    let line = line.trim();
    let lower = line.to_lowercase();
    let announced = ["nos propositions", "notre proposition", "nos engagements", "notre engagement"]
        .into_iter()
        .find(|p| lower.starts_with(p))?;
    // The prefixes are ASCII but for their case: their length is the same.
    (lower.ends_with(':') && line.split_whitespace().count() <= 8).then(|| &line[..announced.len()])
}

/// The question a heading names: by its words, else by its number
/// (« 2. », « Question 2 »); `None` when it names none.
fn heading_question(heading: &str, words: &[String], queries: &[HashSet<String>]) -> Option<usize> {
    let words: HashSet<&String> = words.iter().collect();
    let overlap = |q: &HashSet<String>| q.iter().filter(|t| words.contains(t)).count();
    let by_words = (0..queries.len()).max_by_key(|&q| (overlap(&queries[q]), std::cmp::Reverse(q)));
    if let Some(q) = by_words
        && overlap(&queries[q]) > 0
    {
        return Some(q);
    }
    let digits: String = heading
        .trim_start_matches(|c: char| !c.is_ascii_digit() && !c.is_alphabetic())
        .trim_start_matches(|c: char| c.is_alphabetic())
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let number: usize = digits
        .parse()
        .ok()
        .or_else(|| heading.trim_start().chars().take_while(char::is_ascii_digit).collect::<String>().parse().ok())?;
    (1..=queries.len()).contains(&number).then(|| number - 1)
}

/// The question a short block copies out (most of the words it was asked
/// with, and few others), if any.
fn restated(block: &str, words: &[String], asked: &[HashSet<String>]) -> Option<usize> {
    // A question copied out ends with « ? » or « : », or speaks in no person:
    // « Nous ouvrirons une maison de santé pour l'accompagnement des publics
    // dépendants. » is an answer in the question's words.
    let block = block.trim_end();
    let speaks = block
        .split(|c: char| !c.is_alphabetic())
        .any(|w| matches!(w.to_lowercase().as_str(), "nous" | "je" | "j" | "notre" | "nos" | "mon" | "ma" | "mes"));
    if words.is_empty() || words.len() > 24 || (speaks && !block.ends_with(['?', ':'])) {
        return None;
    }
    let unique: HashSet<&String> = words.iter().collect();
    (0..asked.len()).find(|&q| {
        let shared = asked[q].iter().filter(|t| unique.contains(t)).count();
        asked[q].len() >= 2 && shared * 10 >= asked[q].len() * 6 && shared * 10 >= unique.len() * 6
    })
}

/// Greetings, formulas of politeness and the recall of the questionnaire,
/// which answer nothing: a short sentence with a formula (« Veuillez
/// agréer… », « Merci pour votre questionnaire. », « Vous nous avez
/// interrogés sur… »), not a sentence that says more around it or pledges.
fn is_courtesy(sentence: &str) -> bool {
    let lower = sentence.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ");
    let words = sentence.split_whitespace().count();
    // A recall names the questionnaire's subjects, so it may run longer,
    // but it opens its sentence.
    let opening: String = lower.chars().take(RECALL_OPENING).collect();
    let formula = words <= 30 && CLOSINGS.iter().chain(THANKS).any(|f| lower.contains(f))
        || words <= 60 && RECALLS.iter().any(|f| opening.contains(f));
    // « Quant à vos questions sur la vidéoprotection, nous y sommes
    // opposés » answers.
    formula
        && !matches!(
            stance::guess(sentence, stance::Place::Paragraph).why,
            stance::Why::Pledge | stance::Why::Refusal | stance::Why::Hedge
        )
}

/// The formulas that close a letter: what follows is its signature.
const CLOSINGS: &[&str] = &[
    "veuillez agréer",
    "veuillez recevoir",
    "je vous prie d",
    "nous vous prions d",
    "salutations",
    "cordialement",
    "bien à vous",
    "mes sentiments",
    "nos sentiments",
    "sentiments les meilleurs",
    "sentiments distingués",
    "sentiments dévoués",
    "considération distinguée",
];
/// How far into a sentence a recall of the questionnaire opens it, in
/// characters.
const RECALL_OPENING: usize = 60;
/// What recalls the association's letter, which answers nothing either.
const RECALLS: &[&str] = &[
    "vous nous avez interrog",
    "vous nous interrog",
    "votre courrier",
    "votre questionnaire",
    "votre lettre",
    "vos questions",
    "avons bien reçu",
    "ai bien reçu",
    "vous avez souhaité connaître",
    "vous trouverez ci-dessous",
];
/// Thanks, which answer nothing either.
const THANKS: &[&str] = &["remercier", "remercions", "remercie", "merci pour", "merci de", "merci à", "merci d"];

/// The blocks that hold the letter's body: after its salutation (« Monsieur
/// le Président, »), when one opens the first half of the text, and before
/// its closing formula, when one ends the second half. The letterhead, the
/// object line and the signature are not answers.
fn body(text: &str, blocks: &[segment::Block]) -> (usize, usize) {
    let half = text.len() / 2;
    let first = blocks
        .iter()
        .position(|b| {
            let line = text[b.span.clone()].trim();
            let lower = line.to_lowercase();
            b.span.start < half
                && line.ends_with(',')
                && line.split_whitespace().count() <= 8
                && ["madame", "monsieur", "mesdames", "messieurs", "cher", "chère", "chers", "bonjour"]
                    .iter()
                    .any(|w| lower.starts_with(w))
        })
        .map_or(0, |b| b + 1);
    let last = blocks
        .iter()
        .enumerate()
        .skip(first)
        .position(|(_, b)| {
            let block = &text[b.span.clone()];
            let lower = block.to_lowercase();
            b.span.start > half && block.split_whitespace().count() <= 60 && CLOSINGS.iter().any(|c| lower.contains(c))
        })
        .map_or(blocks.len(), |i| first + i);
    (first, last)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign::quotes;
    use proptest::prelude::*;

    fn query((asked, keywords): (&str, &str)) -> Query {
        Query { asked: asked.to_string(), keywords: keywords.to_string() }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// Property: whatever the text, drafting it never panics and every
        /// passage proposed is found in it by the quote check.
        #[test]
        fn every_passage_is_verbatim(text in "(Prévention|sécurité|associations|Nous créerons|Madame,|1\\. |• |- |[a-zéèà’'«» .,;:!?…()-]|\n|\n\n|\u{c}|\u{ad}|ﬁ|[A-Z]){0,120}") {
            // Three questions, so that a letter may be read as answering in order.
            let queries = [
                ("Prévention. La prévention.", ""),
                ("Sécurité.", "police, associations"),
                ("Partenariat. Créerons-nous ?", "madame"),
            ]
            .map(query);
            let folded = quotes::fold(&text);
            for p in propose(&text, &queries, 3) {
                prop_assert!(quotes::find(&p.quote, &folded, &text).is_ok(), "{:?} not in {:?}", p.quote, text);
                prop_assert!(!p.quote.is_empty());
            }
        }
    }

    #[test]
    fn quotes_join_lines_and_words_cut_at_line_ends() {
        let text = "Un plan intercom-\nmunal et\nun plan sous-\nrégional. Un plan sous-régional.";
        assert_eq!(
            crate::campaign::sources::joined(text, text),
            "Un plan intercommunal et un plan sous-régional. Un plan sous-régional."
        );
    }

    #[test]
    fn a_heading_gives_its_section_to_the_question_it_names() {
        let queries = [
            ("Prévention. La prévention des addictions comme politique municipale.", ""),
            ("Sécurité. L’équilibre entre réponse sécuritaire et action sociale.", ""),
        ]
        .map(query);
        let text = "Sur la sécurité\n\nNous voulons des rues calmes. Un poste sera créé.\n\nPrévention\n\nLes jeunes d’abord. Nous irons dans les écoles.";
        let proposals = propose(text, &queries, 3);
        let of = |q: usize| proposals.iter().filter(|p| p.question == q).map(|p| p.quote.as_str()).collect::<Vec<_>>();
        assert_eq!(of(0), vec!["Les jeunes d’abord. Nous irons dans les écoles."]);
        assert_eq!(of(1), vec!["Nous voulons des rues calmes. Un poste sera créé."]);
        assert_eq!(proposals[1].guess.stance, crate::campaign::Stance::Commitment);
    }

    #[test]
    fn a_bare_list_item_takes_the_pledge_that_announces_its_list() {
        let queries =
            [("Écoles. La sécurité aux abords des écoles.", "zone 30, pédibus"), ("Vélo.", "arceaux")].map(query);
        let pledged = "Madame,\n\nVoici ce que nous ferons pendant le mandat.\n\nLes écoles\n– Une zone 30 devant les écoles.\n– Un pédibus.\n\nLe vélo\n– Des arceaux couverts.\n\nBien à vous.";
        let stances = |text: &str| -> Vec<(String, crate::campaign::Stance)> {
            propose(text, &queries, 3).into_iter().map(|p| (p.quote, p.guess.stance)).collect()
        };
        let commitment = crate::campaign::Stance::Commitment;
        assert!(!stances(pledged).is_empty());
        for (quote, stance) in stances(pledged) {
            assert_eq!(stance, commitment, "{quote}");
        }
        // Announced by a wish, the same items are intents, past a heading
        // ending with a colon that names a theme.
        let wished =
            pledged.replace("Voici ce que nous ferons pendant le mandat.", "Voici ce que nous aimerions voir un jour.");
        assert!(stances(&wished).iter().all(|(_, stance)| *stance != commitment), "{:?}", stances(&wished));
        let themed = wished.replace("Les écoles\n", "Les écoles :\n");
        assert!(stances(&themed).iter().all(|(_, stance)| *stance != commitment), "{:?}", stances(&themed));
    }

    #[test]
    fn items_under_our_proposals_are_pledges_and_keep_their_own_subjects() {
        let queries = [
            ("Minibus. Comment faciliterez-vous les déplacements ?", "minibus, transport"),
            ("École. Comment accueillerez-vous les enfants à l’école ?", "AESH"),
            ("Information. Comment rendrez-vous l’information accessible ?", "bulletin, audio"),
        ]
        .map(query);
        let text = "Madame,\n\nNos propositions :\n\n• la gratuité du minibus pour les personnes handicapées ;\n                    • le bulletin municipal en version audio ;\n                    • plus d’AESH dans les écoles : c’est à l’État de les payer, nous le dirons au député.\n\nBien à vous.";
        let proposals = propose(text, &queries, 3);
        let of = |q: usize, start: &str| proposals.iter().find(|p| p.question == q && p.quote.starts_with(start));
        let minibus = of(0, "la gratuité").expect("the minibus item under q1");
        assert_eq!(minibus.guess.stance, crate::campaign::Stance::Commitment);
        let bulletin = of(2, "le bulletin").expect("the bulletin item under q3");
        assert_eq!(bulletin.guess.stance, crate::campaign::Stance::Commitment, "{bulletin:?}");
        // The list as a whole joins a pledge to a hedge and is not proposed;
        // its items do not inherit its match with the AESH question.
        let aesh = proposals.iter().find(|p| p.question == 1 && p.rank == 1).expect("a passage for q2");
        assert!(aesh.quote.starts_with("plus d’AESH"), "{proposals:?}");
        assert_eq!(aesh.guess.stance, crate::campaign::Stance::Intent);
        assert!(!proposals.iter().any(|p| p.quote.starts_with("Nos propositions")), "{proposals:?}");
    }

    #[test]
    fn a_letter_that_answers_in_order_places_each_answer_between_its_neighbours() {
        // Rows are blocks of one sentence each, columns questions.
        let matched =
            |rows: &[[f32; 3]]| -> Vec<Vec<f32>> { (0..3).map(|q| rows.iter().map(|r| r[q]).collect()).collect() };
        // The third block matches no question by its words, and sits
        // between the answers to q2 and q3.
        let ordered = matched(&[[1.0, 0.1, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 0.0], [0.1, 0.0, 1.0]]);
        let placed = order(&ordered, &[0, 1, 2, 3]).expect("in order");
        assert_eq!(placed[..2], [0, 1]);
        assert!(placed[2] == 1 || placed[2] == 2, "{placed:?}");
        assert_eq!(placed[3], 2);
        // Two questions answered, then a closing that matches none: the
        // closing answers no third question.
        let two = matched(&[[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 0.0]]);
        assert_eq!(order(&two, &[0, 1, 2]), None);
        // Answers in reverse order: no order to go by.
        let reversed = matched(&[[0.0, 0.0, 1.0], [0.0, 1.0, 0.0], [1.0, 0.0, 0.0]]);
        assert_eq!(order(&reversed, &[0, 1, 2]), None);
        // Through the whole draft: a paragraph that answers q2 only by its
        // place, in a letter that answers in order.
        let queries = [
            ("Cantine. Comment améliorerez-vous la cantine scolaire ?", ""),
            ("Marché. Que ferez-vous pour le marché de producteurs ?", ""),
            ("Jardins. Comment développerez-vous les jardins partagés ?", ""),
        ]
        .map(query);
        let text = "Madame,\n\nÀ la cantine scolaire, nous servirons des repas bio.\n\n\
                    Pour le marché de producteurs, nous offrirons les places.\n\n\
                    Ses producteurs livreront aussi la cantine, chaque jeudi.\n\n\
                    Enfin, nous créerons deux jardins partagés.\n\nBien à vous.";
        let proposals = propose(text, &queries, 3);
        // The sentence names the canteen as much as the market; its place
        // gives it to the market.
        let best = proposals
            .iter()
            .filter(|p| p.quote.starts_with("Ses producteurs"))
            .max_by(|a, b| a.score.total_cmp(&b.score))
            .unwrap_or_else(|| panic!("{proposals:?}"));
        assert_eq!(best.question, 1, "{proposals:?}");
    }

    #[test]
    fn a_list_item_that_pledges_then_wishes_is_proposed_in_two() {
        let queries = [("Stationnement. Où garer les vélos ?", "arceaux, local vélo, vélo-école")].map(query);
        let text = "Madame,\n\n3) Stationnement : des arceaux et un local vélo fermé, que nous imposerons dans \
                    le plan local d'urbanisme. Et nous aimerions qu'une vélo-école voie le jour.\n\nBien à vous.";
        let quotes: Vec<String> = propose(text, &queries, 3).into_iter().map(|p| p.quote).collect();
        assert!(quotes.iter().any(|q| q.contains("imposerons") && !q.contains("aimerions")), "{quotes:?}");
        assert!(quotes.iter().any(|q| q.starts_with("Et nous aimerions")), "{quotes:?}");
    }

    #[test]
    fn a_refusal_and_a_pledge_are_never_one_passage() {
        let queries = [("Aide à domicile. Comment soutiendrez-vous l’aide à domicile ?", "service, CCAS")].map(query);
        let text = "Madame,\n\nPour l’aide à domicile, nous recruterons en 2026 une coordinatrice au CCAS. \
                    Je ne suis pas favorable à ce que la commune crée son propre service d’aide à domicile.\n\nBien à vous.";
        let proposals = propose(text, &queries, 3);
        assert_eq!(proposals.len(), 2, "{proposals:?}");
        for p in &proposals {
            let expected = if p.quote.contains("recruterons") {
                crate::campaign::Stance::Commitment
            } else {
                crate::campaign::Stance::Intent
            };
            assert!(!(p.quote.contains("recruterons") && p.quote.contains("favorable")), "{}", p.quote);
            assert_eq!(p.guess.stance, expected, "{}", p.quote);
        }
    }

    #[test]
    fn transitions_and_the_recall_of_the_questionnaire_are_not_proposed() {
        let queries = [("Pistes cyclables. Comment développerez-vous les pistes cyclables ?", "")].map(query);
        let text = "Madame,\n\nVous nous avez interrogés sur les pistes cyclables de la commune.\n\n\
                    Par votre courrier, vous avez souhaité connaître la position de notre liste, « Vélo pour tous », \
                    sur les pistes cyclables, les arceaux, les zones 30, les rues scolaires, la sécurité des \
                    enfants et des cyclistes débutants dans notre commune.\n\n\
                    Revenons aux pistes cyclables. Nous créerons deux pistes cyclables le long du canal.\n\nBien à vous.";
        let quotes: Vec<String> = propose(text, &queries, 3).into_iter().map(|p| p.quote).collect();
        assert!(quotes.iter().any(|q| q.contains("Nous créerons deux pistes")), "{quotes:?}");
        assert!(
            !quotes
                .iter()
                .any(|q| q.contains("interrogés") || q.contains("courrier") || q == "Revenons aux pistes cyclables."),
            "{quotes:?}"
        );
    }

    #[test]
    fn the_halves_of_a_split_paragraph_keep_its_relevance() {
        let queries =
            [("Rénovation. Comment aiderez-vous la rénovation des logements ?", "ravalement, isolation")].map(query);
        // The second sentence shares no word with the question: alone, it
        // would never be proposed; it is, as the other half of its
        // paragraph.
        let text = "Madame,\n\nPour la rénovation des logements, nous poursuivrons l’aide aux ravalements et à \
                    l’isolation. Une étude sera lancée dès cette année sur le centre ancien.\n\nBien à vous.";
        let proposals = propose(text, &queries, 3);
        let quotes: Vec<&str> = proposals.iter().map(|p| p.quote.as_str()).collect();
        assert!(quotes.iter().any(|q| q.starts_with("Pour la rénovation") && !q.contains("étude")), "{quotes:?}");
        assert!(quotes.contains(&"Une étude sera lancée dès cette année sur le centre ancien."), "{quotes:?}");
    }

    #[test]
    fn a_short_refusal_is_an_answer_and_a_recall_that_refuses_too() {
        let queries = [("Vidéoprotection. Que pensez-vous de la vidéoprotection ?", "caméras")].map(query);
        let short = "Madame,\n\nNous refusons la vidéoprotection.\n\nBien à vous.";
        let quotes: Vec<String> = propose(short, &queries, 3).into_iter().map(|p| p.quote).collect();
        assert_eq!(quotes, ["Nous refusons la vidéoprotection."]);
        assert!(!is_courtesy("Quant à vos questions sur la vidéoprotection, nous y sommes opposés."));
        assert!(is_courtesy("Vous nous avez interrogés sur la vidéoprotection et les caméras."));
    }
}
