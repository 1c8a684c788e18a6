//! `interpel synth`: write a synthetic campaign.

use super::SynthArgs;
use super::term::Term;
use interpel::Error;
use interpel::synth::Spec;
use interpel::utils::fs::IoError;

pub fn run(args: SynthArgs, term: &Term) -> Result<(), Error> {
    if args.dir.join("inputs").exists() {
        return Err(Error::Usage(format!("{}: already holds a campaign (inputs/)", args.dir.display())));
    }
    let mut spec = Spec::letters(args.letters);
    spec.seed = args.seed;
    spec.programmes = args.programmes;
    if let Some(communes) = args.communes {
        spec.communes = communes.max(1);
    }
    interpel::synth::write(&args.dir, spec).map_err(IoError::at(&args.dir))?;
    term.info(&format!(
        "wrote a synthetic campaign of {} letters in {} communes, {} national programmes, to {}\n",
        spec.letters,
        spec.communes,
        spec.programmes,
        args.dir.display()
    ));
    Ok(())
}
