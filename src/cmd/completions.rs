//! `interpel completions`: a completion script for a shell, on standard output.

use clap::CommandFactory;

use super::{Cli, CompletionsArgs};
use interpel::Error;

pub fn run(args: CompletionsArgs) -> Result<(), Error> {
    clap_complete::generate(args.shell, &mut Cli::command(), "interpel", &mut std::io::stdout());
    Ok(())
}
