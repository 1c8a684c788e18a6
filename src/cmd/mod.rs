//! The command line: one file per subcommand.

pub mod build;
pub mod check;
pub mod synth;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use interpel::{Config, Error};

/// Turns candidates' answers to an association's questionnaire into printed
/// French briefings (one per commune) and follow-up letters (one per
/// candidate).
#[derive(Debug, Parser)]
#[command(name = "interpel", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the briefings, the letters and the zip of the letters.
    #[command(
        after_help = "Example:\n  interpel build . --date 2026-11-22\n  interpel build campaign --commune Alès --out /tmp/ales"
    )]
    Build(BuildArgs),
    /// Validate the inputs and templates and compile every document; write nothing.
    #[command(after_help = "Example:\n  interpel check .")]
    Check(CheckArgs),
    /// Write a synthetic campaign (fictional candidates and letters) for
    /// benchmarks and trials at scale.
    #[command(after_help = "Example:\n  interpel synth /tmp/big --letters 1000 && interpel build /tmp/big")]
    Synth(SynthArgs),
}

#[derive(Debug, Args)]
pub struct SynthArgs {
    /// The campaign folder to create; it must not hold inputs/ yet.
    pub dir: PathBuf,
    /// How many candidates get a letter.
    #[arg(long, default_value_t = 100)]
    pub letters: usize,
    /// How many communes they stand in [default: one per ten letters].
    #[arg(long)]
    pub communes: Option<usize>,
    /// The seed: the same seed gives the same campaign.
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
}

/// Where the campaign is.
#[derive(Debug, Args)]
pub struct CampaignArgs {
    /// The campaign folder, holding inputs/ and optionally templates/.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The date printed on the documents (YYYY-MM-DD); default: campaign.toml's
    /// `date`, else SOURCE_DATE_EPOCH, else today.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// A folder of extra fonts; may be repeated.
    #[arg(long = "font-path", value_name = "DIR")]
    pub font_paths: Vec<PathBuf>,
    /// Print the time each stage took.
    #[arg(long, short)]
    pub verbose: bool,
    /// How many documents to compile at once [default: all cores].
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub campaign: CampaignArgs,
    /// The output folder, replaced as a whole by each successful build
    /// [default: DIR/out].
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Only this commune's briefing and letters (name or file name); may be repeated.
    #[arg(long = "commune", value_name = "NAME")]
    pub communes: Vec<String>,
    /// Only this candidate's letter; may be repeated.
    #[arg(long = "candidate", value_name = "ID")]
    pub candidates: Vec<String>,
    /// Only share K of N (e.g. 3/8), split by commune: run the N shares
    /// anywhere and merge their output folders by copying.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<interpel::Shard>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub campaign: CampaignArgs,
}

impl CampaignArgs {
    fn config(self, out: Option<PathBuf>, communes: Vec<String>, candidates: Vec<String>) -> Result<Config, Error> {
        let mut config = Config::new(self.dir, out, communes, candidates, self.date, self.font_paths)?;
        config.jobs = self.jobs.map(usize::from);
        Ok(config)
    }
}

/// Runs the command; the result's error carries the exit status.
pub fn run(cli: Cli) -> Result<(), Error> {
    match cli.command {
        Command::Build(args) => build::run(args),
        Command::Check(args) => check::run(args),
        Command::Synth(args) => synth::run(args),
    }
}
