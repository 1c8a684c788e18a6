//! `interpel check`: validate everything and compile every document in
//! memory, writing nothing.

use super::CheckArgs;
use super::term::Term;
use interpel::Error;

pub fn run(args: CheckArgs, term: &Term) -> Result<(), Error> {
    let mut config = args.campaign.config(None, Vec::new(), Vec::new())?;
    config.color = term.color;
    let report = super::build::with_progress(term, |progress| interpel::pipeline::run(&config, false, progress))?;
    super::build::print_warnings(&report, term);
    super::build::print_stages(&report, term);
    term.info(&format!(
        "ok: {} briefing(s) and {} letter(s) would be built, {} page(s)\n",
        report.briefings, report.letters, report.pages
    ));
    Ok(())
}
