//! `interpel build`: make every document and replace the output folder.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::BuildArgs;
use interpel::{Error, Report};

pub fn run(args: BuildArgs) -> Result<(), Error> {
    let verbose = args.campaign.verbose;
    let mut config = args.campaign.config(args.out, args.communes, args.candidates)?;
    config.shard = args.shard;
    let report = with_progress(|progress| interpel::pipeline::run(&config, true, progress))?;
    print_warnings(&report);
    if verbose {
        print_stages(&report);
    }
    eprintln!(
        "built {} briefing(s) and {} letter(s), {} page(s), in {} ({:.2} s)",
        report.briefings,
        report.letters,
        report.pages,
        config.out.display(),
        report.elapsed.as_secs_f64()
    );
    Ok(())
}

/// Runs `f` with a progress bar on standard error, shown only when it is a
/// terminal and the batch is large enough to wait for.
pub fn with_progress<T>(f: impl FnOnce(&(dyn Fn(usize, usize) + Sync)) -> T) -> T {
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
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

/// Where the time went, on one line (the benchmark reads it).
pub fn print_stages(report: &Report) {
    let s = &report.stages;
    eprintln!(
        "stages: load {:.3} s, render {:.3} s, compile {:.3} s (summed over {} threads), write {:.3} s, zip {:.3} s, total {:.3} s",
        s.load.as_secs_f64(),
        s.render.as_secs_f64(),
        s.compile.as_secs_f64(),
        s.threads,
        s.write.as_secs_f64(),
        s.zip.as_secs_f64(),
        report.elapsed.as_secs_f64()
    );
}

/// The notes on how the inputs were read, and Typst's warnings, once each.
pub fn print_warnings(report: &Report) {
    for note in &report.notes {
        eprintln!("note: {note}");
    }
    for w in &report.warnings {
        eprint!("{w}");
    }
}
