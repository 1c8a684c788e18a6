//! `interpel check`: validate everything and compile every document in
//! memory, writing nothing.

use super::CheckArgs;
use interpel::Error;

pub fn run(args: CheckArgs) -> Result<(), Error> {
    let verbose = args.campaign.verbose;
    let config = args.campaign.config(None, Vec::new(), Vec::new())?;
    let report = super::build::with_progress(|progress| interpel::pipeline::run(&config, false, progress))?;
    super::build::print_warnings(&report);
    if verbose {
        super::build::print_stages(&report);
    }
    eprintln!(
        "ok: {} briefing(s) and {} letter(s) would be built, {} page(s)",
        report.briefings, report.letters, report.pages
    );
    Ok(())
}
