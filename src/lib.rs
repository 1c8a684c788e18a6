//! `interpel` turns candidates' answers to an association's questionnaire
//! into printed French documents: a side-by-side briefing per commune and a
//! follow-up letter per candidate, compiled in process with Typst.
//!
//! The stages, each in its own module:
//! 1. [`campaign`]: load and validate the campaign folder;
//! 2. [`view`], [`render`], [`documents`]: fill Handlebars templates into
//!    Typst sources (pure);
//! 3. [`world`], [`compile`]: compile them in memory into PDFs; the web
//!    edition's pages are rendered from templates of their own;
//! 4. [`bundle`]: zip the letters with a manifest; [`print`](mod@print): the print
//!    files, from the PDFs written; [`mail`]: the letters by e-mail;
//!    [`data`]: the open data; [`reuse`]: take back from the last good
//!    output what did not change;
//! 5. [`output`]: replace the output folder atomically; [`layout`]: where
//!    each file goes in it.
//!
//! [`pipeline`] runs them as a short list of stages; [`schedule`] makes
//! every kind of document ([`documents::DocKind`]) on every core at once,
//! [`sink`] writes them, [`failed`] reports those that fail; [`init`]
//! writes a new campaign.

pub mod bundle;
pub mod campaign;
pub mod compile;
pub mod config;
pub mod data;
pub mod diag;
pub mod documents;
pub mod draft;
pub mod error;
pub mod escape;
pub mod failed;
pub mod french;
pub mod init;
pub mod layout;
pub mod mail;
pub mod output;
pub mod pipeline;
pub mod postal;
pub mod print;
pub mod render;
pub mod reuse;
pub mod schedule;
pub mod sink;
pub mod synth;
pub mod utils;
pub mod view;
pub mod world;

pub use config::{Config, Shard};
pub use error::Error;
pub use pipeline::{Report, build, check};
