//! Dossier: a static site generator for briefing digests built from news documents.
//!
//! The pipeline (see `DESIGN.md` in the shared folder and README.md):
//! raw documents → [`ingest`] → front-mattered Markdown → [`content`] → [`analyze`] →
//! [`corpus`] → render → output.

pub mod analyze;
pub mod config;
pub mod content;
pub mod corpus;
pub mod error;
pub mod ingest;
pub mod yaml;

pub use config::Config;
pub use content::{Document, FrontMatter};
pub use error::{Diagnostic, Error, Result};
