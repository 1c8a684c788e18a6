//! `interpel build`: make every document and replace the output folder.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::BuildArgs;
use super::term::Term;
use interpel::{Config, Error, Report};

pub fn run(args: BuildArgs, term: &Term) -> Result<(), Error> {
    let config = config(&args)?;
    let report =
        with_progress(term, |progress| interpel::pipeline::run(&config, interpel::pipeline::Mode::Build, progress))?;
    print_report(&report, &config, term);
    Ok(())
}

/// The configuration of a build, checked before any work.
pub fn config(args: &BuildArgs) -> Result<Config, Error> {
    let mut config = args.campaign.config(args.out.clone(), args.communes.clone(), args.candidates.clone())?;
    config.shard = args.shard;
    config.print = !args.no_print;
    config.html = !args.no_html;
    config.proofs = !args.no_proofs;
    config.rebuild = if args.force { interpel::reuse::Rebuild::All } else { interpel::reuse::Rebuild::Changed };
    Ok(config)
}

/// Notes and warnings, stage times with `--verbose`, and what was built,
/// where, and how long it took.
pub fn print_report(report: &Report, config: &Config, term: &Term) {
    print_warnings(report, term);
    print_stages(report, term);
    let out = config.out.display();
    use super::term::plural;
    let unchanged = match report.unchanged_documents() {
        0 => String::new(),
        n => format!(", {n} unchanged"),
    };
    let mut summary = format!(
        "built {} ({}{unchanged}) in {:.2} s:\n",
        made(report),
        plural(report.pages, "page"),
        report.elapsed.as_secs_f64()
    );
    use interpel::documents::DocKind;
    use interpel::layout;
    let zipped = format!("the letters and {}", layout::MANIFEST);
    let mut lines: Vec<(String, &str)> = Vec::new();
    for kind in DocKind::ALL.into_iter().filter(|&kind| report.made(kind) > 0) {
        let description = kind.describe();
        if let Some(what) = description.summary {
            lines.push((format!("{out}/{}/", layout::folder(kind)), what));
        }
        if description.zipped {
            lines.push((format!("{out}/{}", layout::ZIP), &zipped));
        }
    }
    let duplex = "to print duplex: each document starts on a right-hand page";
    let volumes = format!(
        "{} volumes of up to {} documents or {} pages, {duplex}",
        report.print_files.len(),
        interpel::print::VOLUME,
        interpel::print::VOLUME_PAGES
    );
    match report.print_files.as_slice() {
        files if files.len() <= 2 => lines.extend(files.iter().map(|file| (format!("{out}/{file}"), duplex))),
        _ => lines.push((format!("{out}/{}/", layout::PRINT), &volumes)),
    }
    if report.mail > 0 {
        lines.push((
            format!("{out}/{}/", layout::MAIL),
            "the letters by e-mail: a message each, ready to send, and letters.mbox",
        ));
    }
    lines.push((format!("{out}/{}/", layout::DATA), "the open data: every excerpt as CSV and JSON, the questions"));
    lines.push((format!("{out}/{}/", layout::TYPST), "the Typst sources"));
    let width = lines.iter().map(|(path, _)| path.chars().count()).max().unwrap_or(0);
    for (path, what) in lines {
        summary.push_str(&format!("  {path:width$}  {what}\n"));
    }
    term.info(&summary);
}

/// « 2 briefings, 4 letters and 4 proofs », « 1 briefing and 3 letters »:
/// the documents of each kind made, print files and web pages aside.
pub fn made(report: &Report) -> String {
    use interpel::documents::DocKind;
    let mut parts: Vec<String> = DocKind::ALL
        .into_iter()
        .filter(|kind| kind.describe().is_document())
        .filter_map(|kind| {
            let (one, many) = kind.describe().noun;
            match report.made(kind) {
                0 => None,
                1 => Some(format!("1 {one}")),
                n => Some(format!("{n} {many}")),
            }
        })
        .collect();
    let Some(last) = parts.pop() else { return "no document".into() };
    match parts.is_empty() {
        true => last,
        false => format!("{} and {last}", parts.join(", ")),
    }
}

/// Runs `f` with a progress bar on standard error, shown only when it is a
/// terminal, the batch is large enough to wait for, and not `--quiet`.
pub fn with_progress<T>(term: &Term, f: impl FnOnce(&(dyn Fn(usize, usize) + Sync)) -> T) -> T {
    let target = if term.quiet { ProgressDrawTarget::hidden() } else { ProgressDrawTarget::stderr() };
    let bar = ProgressBar::with_draw_target(None, target);
    bar.set_style(
        ProgressStyle::with_template("{spinner} {wide_bar} {pos}/{len} documents, {eta} left")
            .expect("a valid template"),
    );
    let update = |done: usize, total: usize| {
        if total >= 50 {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        }
    };
    let result = f(&update);
    bar.finish_and_clear();
    result
}

/// Where the time went, on one line (the benchmark reads it), with `--verbose`.
pub fn print_stages(report: &Report, term: &Term) {
    let s = &report.stages;
    term.detail(&format!(
        "stages: load {:.3} s, render {:.3} s, compile {:.3} s (summed over {} threads), write {:.3} s, zip {:.3} s, print {:.3} s, total {:.3} s\n",
        s.load.as_secs_f64(),
        s.render.as_secs_f64(),
        s.compile.as_secs_f64(),
        s.threads,
        s.write.as_secs_f64(),
        s.zip.as_secs_f64(),
        s.print.as_secs_f64(),
        report.elapsed.as_secs_f64()
    ));
    if let Some(published) = s.published {
        term.detail(&format!("documents in place after {:.3} s\n", published.as_secs_f64()));
    }
}

/// The notes on how the inputs were read, and Typst's warnings, once each.
pub fn print_warnings(report: &Report, term: &Term) {
    for note in &report.notes {
        term.info(&format!("note: {note}\n"));
    }
    for w in &report.warnings {
        term.info(&super::show::warning(w, term.color));
    }
}
