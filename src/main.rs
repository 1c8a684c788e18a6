//! The `interpel` binary: parse the command line, run, map the outcome to an
//! exit status (0 success, 1 a problem in the inputs, 2 a usage error).

mod cmd;

use clap::Parser;

/// mimalloc (its v2, which holds 50 MB less than v3 for the same speed):
/// typst allocates and frees small objects at a high rate from every
/// compiling thread; measured on 1 000 letters, 8 % less wall time than
/// glibc's malloc, 17 % at 10 000 (BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Returns the pages mimalloc holds freed to the system now rather than
/// when it next needs them: loading 10 000 letters frees about 50 MB, which
/// otherwise stay resident for the whole build.
fn trim_heap() {
    // SAFETY: mi_collect takes no pointers and may be called at any time.
    unsafe { libmimalloc_sys::mi_collect(true) }
}

fn main() {
    let cli = cmd::Cli::parse();
    let term = cmd::term::Term::new(cli.term);
    if let Err(e) = cmd::run(cli.command, &term) {
        term.error(&cmd::show::error(&e, term.color));
        std::process::exit(e.exit_code());
    }
}
