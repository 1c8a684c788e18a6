//! `interpel init`: start a new campaign from the built-in example.

use super::InitArgs;
use super::term::Term;
use interpel::Error;

pub fn run(args: InitArgs, term: &Term) -> Result<(), Error> {
    let written = interpel::init::write(&args.dir, args.tables)?;
    let dir = args.dir.display();
    for path in &written {
        term.detail(&format!("  wrote {}\n", path.display()));
    }
    term.info(&format!(
        "wrote a new campaign ({} files) to {dir}:\n  {dir}/inputs/      a fictional example campaign: replace it with yours\n  {dir}/templates/   the documents' templates, yours to change\n  {dir}/GUIDE.md     how to fill the tables\nnext: interpel build {dir}   (or interpel watch {dir} while you edit)\n",
        written.len()
    ));
    Ok(())
}
