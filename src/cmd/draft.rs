//! `interpel draft`: propose excerpts of the sources that have no rows yet,
//! into `inputs/answers.draft.csv`; with `--score`, measure the draft
//! against the rows of `answers.csv` instead, writing nothing.

use std::collections::HashSet;
use std::io::Write;

use rayon::prelude::*;

use super::DraftArgs;
use super::term::{Term, plural};
use interpel::Error;
use interpel::campaign::{self, Campaign, Candidate, INPUTS, Received, Stance};
use interpel::diag::{Problem, Problems};
use interpel::draft::score::{Excerpt, Score, score};
use interpel::draft::{PER_QUESTION, propose, table};

pub fn run(args: DraftArgs, term: &Term) -> Result<(), Error> {
    let dir = &args.dir;
    if !dir.join(INPUTS).is_dir() {
        return Err(Error::Usage(format!("{} holds no inputs/ folder: is it a campaign?", dir.display())));
    }
    let campaign = campaign::load(dir).map_err(Error::Problems)?;
    let existing = if args.score { None } else { read_draft(dir)? };
    let chosen = choose(&campaign, &args, existing.as_ref())?;
    // Sources are read (and PDFs taken apart) on every core.
    let texts: Vec<Result<String, Problem>> = chosen
        .par_iter()
        .map(|c| {
            let source = c.source.as_deref().expect("chosen candidates have a source");
            campaign::source_text(dir, source)
                .map_err(|e| campaign.places.candidates.at(c.line, format!("source « {source} » of « {} »: {e}", c.id)))
        })
        .collect();
    let mut problems = Problems::default();
    let texts: Vec<(&Candidate, String)> =
        chosen.iter().zip(texts).filter_map(|(c, t)| t.map_err(|p| problems.push(p)).ok().map(|t| (*c, t))).collect();
    if !problems.is_empty() {
        return Err(Error::Problems(problems));
    }
    if args.score {
        score_draft(&campaign, &texts)
    } else {
        write_draft(dir, &campaign, existing.as_ref(), &texts, term)
    }
}

/// The candidates to draft: those named, else every one with a source and
/// no rows in `answers.csv` nor in the draft. With `--score`, those named,
/// else every one with rows.
fn choose<'c>(
    campaign: &'c Campaign,
    args: &DraftArgs,
    existing: Option<&campaign::DraftFile>,
) -> Result<Vec<&'c Candidate>, Error> {
    let with_rows = |c: &Candidate| -> Result<bool, Error> { Ok(!campaign.answers_of(&c.id)?.is_empty()) };
    if !args.candidates.is_empty() {
        let mut chosen = Vec::new();
        let mut problems = Vec::new();
        for id in &args.candidates {
            match campaign.candidates.iter().find(|c| &c.id == id) {
                Some(c) if chosen.iter().any(|k: &&Candidate| k.id == c.id) => {}
                Some(c) if c.source.is_some() => chosen.push(c),
                Some(_) => problems.push(format!("candidate « {id} » has no source to draft from")),
                None => problems.push(format!("no candidate « {id} » in {}", campaign.places.candidates.name())),
            }
        }
        return if problems.is_empty() { Ok(chosen) } else { Err(Error::Usage(problems.join("\n"))) };
    }
    let drafted: HashSet<&str> = existing.map(|d| d.candidates().into_iter().collect()).unwrap_or_default();
    let mut chosen = Vec::new();
    for c in campaign.candidates.iter().filter(|c| c.source.is_some()) {
        if args.score == with_rows(c)? && (args.score || !drafted.contains(c.id.as_str())) {
            chosen.push(c);
        }
    }
    Ok(chosen)
}

/// The draft file as it is, if there is one; a file that cannot be read
/// is an error, not a draft to write over.
fn read_draft(dir: &std::path::Path) -> Result<Option<campaign::DraftFile>, Error> {
    let shown = format!("{INPUTS}/{}", campaign::DRAFT);
    let problem = |why: String| Error::Problems(Problems(vec![Problem::file(&shown, why)]));
    match std::fs::read(dir.join(INPUTS).join(campaign::DRAFT)) {
        Ok(bytes) => campaign::DraftFile::read(&bytes)
            .map(Some)
            .map_err(|e| problem(format!("cannot read it ({e}): move it away, then draft again"))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(problem(format!("cannot read it: {e}"))),
    }
}

fn write_draft(
    dir: &std::path::Path,
    campaign: &Campaign,
    existing: Option<&campaign::DraftFile>,
    texts: &[(&Candidate, String)],
    term: &Term,
) -> Result<(), Error> {
    let path = dir.join(INPUTS).join(campaign::DRAFT);
    let shown = format!("{INPUTS}/{}", campaign::DRAFT);
    if texts.is_empty() {
        term.info(&format!(
            "nothing to draft: every candidate with a source has rows in {} or in {shown} (name one with --candidate to draft it again)\n",
            campaign.places.answers.name()
        ));
        return Ok(());
    }
    let rows: Vec<Vec<table::Row>> =
        texts.par_iter().map(|(c, text)| table::rows(&campaign.questions, c, text)).collect();
    let replaced: HashSet<&str> = texts.iter().map(|(c, _)| c.id.as_str()).collect();
    // Drafting a candidate again replaces its rows: not those staff have
    // begun to work on.
    if let Some(draft) = existing {
        let worked: Vec<&str> = draft
            .rows
            .iter()
            .filter(|(_, row)| {
                let id = draft.get(row, "candidate");
                replaced.contains(id)
                    && ["summary", "follow_up", "context"].iter().any(|c| !draft.get(row, c).is_empty())
            })
            .map(|(_, row)| draft.get(row, "candidate"))
            .collect();
        if let Some(id) = worked.first() {
            return Err(Error::Problems(Problems(vec![Problem::file(
                &shown,
                format!(
                    "« {id} » has rows in the draft with a summary, a follow-up or a context written: move them into {} (or delete them from the draft) before drafting « {id} » again",
                    campaign.places.answers.name()
                ),
            )])));
        }
    }
    let all: Vec<table::Row> = rows.iter().flatten().cloned().collect();
    let bytes = table::write(existing, &replaced, &all)
        .map_err(|e| Error::Problems(Problems(vec![Problem::file(&shown, e)])))?;
    // Written beside, then renamed over: an interrupted run leaves the old
    // draft whole.
    let write = || -> std::io::Result<()> {
        let mut file = tempfile::NamedTempFile::new_in(dir.join(INPUTS))?;
        // The draft's permissions, or a new file's (not the temporary file's
        // owner-only ones): other staff read it too.
        let permissions = match std::fs::metadata(&path) {
            Ok(m) => m.permissions(),
            Err(_) => std::fs::metadata(dir.join(INPUTS).join("candidates.csv"))
                .or_else(|_| std::fs::metadata(dir.join(INPUTS)))?
                .permissions(),
        };
        file.as_file().set_permissions(permissions)?;
        file.write_all(&bytes)?;
        file.as_file().sync_all()?;
        file.persist(&path).map_err(|e| e.error)?;
        Ok(())
    };
    write().map_err(|e| Error::Problems(Problems(vec![Problem::file(&shown, format!("cannot write it: {e}"))])))?;
    for ((c, _), rows) in texts.iter().zip(&rows) {
        let answered: HashSet<&str> = rows.iter().map(|r| r.question.as_str()).collect();
        let silent: Vec<&str> =
            campaign.questions.iter().map(|q| q.id.as_str()).filter(|q| !answered.contains(q)).collect();
        let silent =
            if silent.is_empty() { String::new() } else { format!("; nothing found for {}", silent.join(", ")) };
        term.info(&format!("{}: {}{silent}\n", c.id, plural(rows.len(), "passage")));
    }
    term.info(&format!(
        "wrote {shown}: {} for {}. Keep, cut or delete each row, check its stance, write its summary, then move it into {}; nothing in the draft is published.\n",
        plural(all.len(), "proposed row"),
        plural(texts.len(), "candidate"),
        campaign.places.answers.name()
    ));
    Ok(())
}

/// Prints how the draft compares with the rows of `answers.csv`.
fn score_draft(campaign: &Campaign, texts: &[(&Candidate, String)]) -> Result<(), Error> {
    let queries = table::queries(&campaign.questions);
    let mut total = Score::default();
    let mut lines = Vec::new();
    for (c, text) in texts {
        let excerpts: Vec<Excerpt> = campaign
            .answers_of(&c.id)?
            .into_iter()
            .filter_map(|a| {
                let question = campaign.questions.iter().position(|q| q.id == a.question)?;
                let stance = if c.kind == Received::Program { Stance::Ungraded } else { a.stance };
                Some(Excerpt { question, stance, quote: a.quote })
            })
            .collect();
        let proposals = propose(text, &queries, PER_QUESTION);
        let ids: Vec<&str> = campaign.questions.iter().map(|q| q.id.as_str()).collect();
        let s = score(&c.id, &ids, &excerpts, &proposals);
        lines.push(format!("{:<28} {}", c.id, measures(&s)));
        total.add(s);
    }
    let mut out = String::new();
    out.push_str(&format!("{:<28} found in top 3 · proposed passages kept · same stance\n", "candidate"));
    for line in lines {
        out.push_str(&format!("{line}\n"));
    }
    out.push_str(&format!("{:<28} {}\n", "all", measures(&total)));
    out.push_str(&format!(
        "of the excerpts not found, {} {} proposed lower than third and {} under another question\n",
        total.lower,
        if total.lower == 1 { "was" } else { "were" },
        total.elsewhere
    ));
    for miss in &total.misses {
        out.push_str(&format!("  {miss}\n"));
    }
    print!("{out}");
    Ok(())
}

/// « 9/10 (90 %) · 6/12 (50 %) · 8/9 (89 %) ».
fn measures(s: &Score) -> String {
    let share = |n: usize, of: usize| {
        if of == 0 { format!("{n}/{of}") } else { format!("{n}/{of} ({:.0} %)", 100.0 * n as f64 / of as f64) }
    };
    format!("{} · {} · {}", share(s.found, s.excerpts), share(s.kept, s.proposed), share(s.same_stance, s.graded))
}
