//! The command line: one file per subcommand.

pub mod build;
pub mod check;
pub mod completions;
pub mod draft;
pub mod init;
pub mod show;
pub mod synth;
pub mod term;
pub mod watch;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use interpel::{Config, Error};

/// Turns candidates' answers to an association's questionnaire into printed
/// French briefings (one per commune) and follow-up letters (one per
/// candidate).
#[derive(Debug, Parser)]
#[command(
    name = "interpel",
    version,
    about,
    long_about = None,
    after_help = "Example, from a new campaign to printed letters:\n  interpel init ma-campagne\n  interpel watch ma-campagne        # rebuilds as you edit inputs/ and templates/\n  interpel build ma-campagne        # then print ma-campagne/out/print/letters.pdf duplex"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    #[command(flatten)]
    pub term: TermArgs,
}

/// How much to print, and in colour or not; valid before or after the command.
#[derive(Debug, Args, Clone, Copy)]
pub struct TermArgs {
    /// Print only errors.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Also print the time each stage took (and, for init, every file written).
    #[arg(long, short, global = true)]
    pub verbose: bool,
    /// Colour the messages: auto (when standard error is a terminal and
    /// NO_COLOR is not set), always or never.
    #[arg(long, global = true, value_name = "WHEN", default_value = "auto")]
    pub color: clap::ColorChoice,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start a new campaign folder: a fictional example campaign, the default
    /// templates and a guide to filling the tables. It builds as it is.
    #[command(
        after_help = "Example:\n  interpel init ma-campagne && interpel build ma-campagne\n  interpel init ma-campagne --tables workbook"
    )]
    Init(InitArgs),
    /// Build the briefings, the letters and the zip of the letters.
    #[command(
        after_help = "Example:\n  interpel build . --date 2026-11-22\n  interpel build campaign --commune Alès --out /tmp/ales"
    )]
    Build(BuildArgs),
    /// Validate the inputs and templates and compile every document; write nothing.
    #[command(after_help = "Example:\n  interpel check .")]
    Check(CheckArgs),
    /// Build, then build again whenever a file of inputs/ or templates/
    /// changes; a failed build prints its errors and keeps the last good
    /// output. Stop with Ctrl+C.
    #[command(after_help = "Example:\n  interpel watch ma-campagne --commune Alès")]
    Watch(BuildArgs),
    /// Propose excerpts of the letters that have no rows yet: for each
    /// question, the passages likeliest to answer it, verbatim, with a
    /// proposed stance and why. Writes inputs/answers.draft.csv, never
    /// answers.csv; nothing in the draft is published.
    #[command(
        after_help = "Example:\n  interpel draft ma-campagne\n  interpel draft ma-campagne --candidate paul-planque\n  interpel draft ma-campagne --score      # compare with the rows of answers.csv"
    )]
    Draft(DraftArgs),
    /// Print a completion script for a shell, to save where the shell reads them.
    #[command(
        after_help = "Example:\n  interpel completions bash > ~/.local/share/bash-completion/completions/interpel\n  interpel completions zsh > ~/.zfunc/_interpel\n  interpel completions fish > ~/.config/fish/completions/interpel.fish"
    )]
    Completions(CompletionsArgs),
    /// Write a synthetic campaign (fictional candidates and letters) for
    /// benchmarks and trials at scale.
    #[command(after_help = "Example:\n  interpel synth /tmp/big --letters 1000 && interpel build /tmp/big")]
    Synth(SynthArgs),
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create; it may exist if it holds no campaign.
    pub dir: PathBuf,
    /// How the example keeps its tables: three CSV files, or the sheets of
    /// one workbook (inputs/campagne.xlsx, which LibreOffice Calc and Excel
    /// open).
    #[arg(long, value_enum, default_value = "csv")]
    pub tables: interpel::init::Tables,
}

#[derive(Debug, Args)]
pub struct DraftArgs {
    /// The campaign folder, holding inputs/.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Draft this candidate's source (again, replacing its rows in the
    /// draft), even if it has rows; may be repeated [default: every
    /// candidate with a source and no rows in answers.csv or the draft].
    #[arg(long = "candidate", value_name = "ID")]
    pub candidates: Vec<String>,
    /// Write nothing: compare the draft of each candidate that has rows in
    /// answers.csv with those rows, and print the share of its excerpts
    /// found, of the passages kept, and of stances alike.
    #[arg(long)]
    pub score: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    pub shell: clap_complete::Shell,
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
    /// How many national programmes (quoted in every briefing) to add.
    #[arg(long, default_value_t = 0)]
    pub programmes: usize,
    /// The seed: the same seed gives the same campaign.
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
}

/// Where the campaign is.
#[derive(Debug, Args, Clone)]
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
    /// How many documents to compile at once [default: all cores].
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
}

#[derive(Debug, Args, Clone)]
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
    /// Skip the print files (out/print/).
    #[arg(long)]
    pub no_print: bool,
    /// Skip the web edition (out/site/).
    #[arg(long)]
    pub no_html: bool,
    /// Skip the lists' proofs (out/proofs/), once they have been sent.
    #[arg(long)]
    pub no_proofs: bool,
    /// Compile every document, even those whose inputs did not change since
    /// the last build (which are otherwise taken from it).
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub campaign: CampaignArgs,
}

impl CampaignArgs {
    fn config(&self, out: Option<PathBuf>, communes: Vec<String>, candidates: Vec<String>) -> Result<Config, Error> {
        let mut config =
            Config::new(self.dir.clone(), out, communes, candidates, self.date.clone(), self.font_paths.clone())?;
        config.jobs = self.jobs.map(usize::from);
        config.trim_heap = Some(crate::trim_heap);
        Ok(config)
    }
}

/// Runs the command; the result's error carries the exit status.
pub fn run(command: Command, term: &term::Term) -> Result<(), Error> {
    match command {
        Command::Init(args) => init::run(args, term),
        Command::Build(args) => build::run(args, term),
        Command::Check(args) => check::run(args, term),
        Command::Watch(args) => watch::run(args, term),
        Command::Draft(args) => draft::run(args, term),
        Command::Completions(args) => completions::run(args),
        Command::Synth(args) => synth::run(args, term),
    }
}
