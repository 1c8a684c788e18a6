//! `interpel check`: validate everything and compile every document in
//! memory, writing nothing.

use super::CheckArgs;
use super::term::{Term, plural};
use interpel::Error;

pub fn run(args: CheckArgs, term: &Term) -> Result<(), Error> {
    let config = args.campaign.config(None, Vec::new(), Vec::new())?;
    let report = super::build::with_progress(term, |progress| {
        interpel::pipeline::run(&config, interpel::pipeline::Mode::Check, progress)
    })?;
    super::build::print_warnings(&report, term);
    super::build::print_stages(&report, term);
    term.info(&format!("ok: {} would be built ({})\n", super::build::made(&report), plural(report.pages, "page")));
    Ok(())
}
