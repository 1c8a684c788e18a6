//! The integration tests, as one binary (as ripgrep and mdBook keep theirs):
//! typst, pdf-extract and lopdf are linked once, not once per file. Each
//! module tests one side of interpel through the built binary and the
//! library; `common` holds the helpers they share.

mod common;

mod build;
mod documents;
mod draft;
mod errors;
mod escaping;
mod large;
mod library;
mod mail;
mod properties;
mod rebuild;
mod sources;
mod workflow;
