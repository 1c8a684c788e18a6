//! The `interpel` binary: parse the command line, run, map the outcome to an
//! exit status (0 success, 1 a problem in the inputs, 2 a usage error).

mod cmd;

use clap::Parser;

fn main() {
    let cli = cmd::Cli::parse();
    if let Err(e) = cmd::run(cli) {
        eprint!("{e}");
        std::process::exit(e.exit_code());
    }
}
