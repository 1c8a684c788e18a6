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

/// Keeps the kernel from backing interpel's heap with transparent huge
/// pages, unless `MIMALLOC_ALLOW_THP` says otherwise. mimalloc asks for them
/// (`MADV_HUGEPAGE`) and, where the kernel grants them on request,
/// khugepaged folds sparse 2 MiB ranges of freed pages back into resident
/// huge pages: on 12 500 letters in 40 communes with long briefings, the
/// peak went from 278 to 345 MiB that way, for a build about 10 % faster;
/// on 1 000 letters, 20 MB more for no speed beyond the host's noise.
/// Bounded memory is the default; `MIMALLOC_ALLOW_THP=1` trades it for that
/// speed on long documents (BENCHMARKS.md). The flag covers the whole
/// process, so it is set before any thread starts.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("MIMALLOC_ALLOW_THP").is_none() {
        // Refused only by kernels older than 3.15, which keep the default.
        let _ = rustix::thread::disable_transparent_huge_pages(true);
    }
}

fn main() {
    no_huge_pages();
    let cli = cmd::Cli::parse();
    let term = cmd::term::Term::new(cli.term);
    if let Err(e) = cmd::run(cli.command, &term) {
        term.error(&cmd::show::error(&e, term.color));
        std::process::exit(e.exit_code());
    }
}
