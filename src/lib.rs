//! Dossier: a static site generator for briefing digests built from news documents.
//!
//! The pipeline, one module per stage:
//! raw documents → [`ingest`] → front-mattered Markdown → [`content`] (load) → [`analyze`]
//! (per document) → [`corpus`] (whole corpus) → [`site`] (the model) → [`render`] (pages)
//! → [`output`] (the output folder). [`build`] runs them in order.

pub mod analyze;
pub mod build;
pub mod check;
pub mod config;
pub mod content;
pub mod corpus;
pub mod error;
pub mod ingest;
pub mod lang;
pub mod output;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod site;
pub mod watch;
pub mod yaml;

pub use build::{build, check, BuildOptions, BuildReport};
pub use config::Config;
pub use content::{Document, FrontMatter};
pub use error::{Diagnostic, Error, Result};
