//! `interpel build`: make every document and replace the output folder.

use super::BuildArgs;
use interpel::{Error, Report};

pub fn run(args: BuildArgs) -> Result<(), Error> {
    let config = args.campaign.config(args.out, args.communes, args.candidates)?;
    let report = interpel::build(&config)?;
    print_warnings(&report);
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

/// The notes on how the inputs were read, and Typst's warnings, once each.
pub fn print_warnings(report: &Report) {
    for note in &report.notes {
        eprintln!("note: {note}");
    }
    for w in &report.warnings {
        eprint!("{w}");
    }
}
