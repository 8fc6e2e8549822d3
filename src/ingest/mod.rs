//! Raw news documents → front-mattered Markdown.
//!
//! [`convert`] is pure (bytes in, front matter + clean body + what was dropped out); [`run`]
//! finds raw files, converts the new and changed ones in parallel and writes them under
//! `articles_dir` without ever overwriting a file the user edited.
//!
//! The conversion, by part: `decode` (bytes → text); `blocks` (text → units, one per
//! paragraph-like line); `boilerplate` (furniture recognised line by line); `locate` (score
//! blocks: the article is the densest run of prose, from shallow features of every line —
//! length, sentence shape, function-word share, repetition on the page, lexical cohesion —
//! and the document's language); `convert` (the headline near that run, header metadata,
//! the article's end); the pickers `pick_date`, `pick_authors` and `outlet` (date, byline
//! and source when the header rules find none); `markdown` (the body). Word data lives in
//! `data/*.txt` (function words, month names, date labels, byline words, self-naming cues, comment-section
//! and reader-address words of English, German, French and Spanish).
//!
//! Every block left out of a body is listed with the rule that left it out (dry run and
//! `ingest.report`). The rule names are stable:
//!
//! - page furniture, recognised line by line: `skip-links`, `navigation`, `breadcrumb`,
//!   `section-label`, `before-headline` (anything else above the headline), `read-time`,
//!   `duration`, `relative-time`, `player-notice`, `kind-marker` ("[Video transcript]",
//!   "FOR IMMEDIATE RELEASE"), `cookie-notice`, `newsletter`, `comment-policy`,
//!   `related-block`, `related-inline`, `back-to-top`, `image-credit`, `gallery-controls`,
//!   `ad-marker`, `share-widget`, `copyright`, `site-footer`, `app-promo`, `age-notice`,
//!   `end-mark` ("###", "-30-"), `config-boilerplate` (`ingest.boilerplate` in site.yaml);
//! - metadata moved to the front matter: `title`, `repeated-headline`, `byline`, `date-line`,
//!   `url-line`, `dateline`, `source-line`, `credit-line`;
//! - position and repetition: `teaser-after-end` (after a credit line, an end mark or a
//!   "Related"/"More stories" block), `after-article` (after the densest run of prose and
//!   what coheres with it), `page-message` (a short line addressing the reader between the
//!   headline and the lead), `duplicate-line` (a line said twice is kept once),
//!   `same-as-dropped` (a line whose text was dropped elsewhere).

mod blocks;
mod boilerplate;
mod bylines;
mod convert;
pub mod dates;
mod decode;
mod frontmatter;
pub mod html;
mod images;
pub use images::DEFAULT_MAX_BYTES as IMAGE_MAX_BYTES;
mod kind;
mod locate;
mod manifest;
mod markdown;
mod outlet;
mod pick_authors;
mod pick_date;
mod report;
mod rules;
mod run;
mod sources;

use regex::Regex;

use crate::config::Config;
use crate::content::FrontMatter;
use crate::error::{Diagnostic, Error};

pub use convert::{convert, title_from_file_name};
pub use frontmatter::{file_state, render_file, FileState};
pub use markdown::plain_blocks;
pub use report::{DocResult, DocStatus, RunReport};
pub use rules::Rule;
pub use run::{run, RunOptions, MAX_RAW_BYTES};
pub use sources::Sources;

/// Settings of the conversion, compiled once per run.
#[derive(Debug, Clone)]
pub struct ConvertOptions {
    pub date_order: dates::Order,
    pub sources: Sources,
    /// Extra furniture: whole trimmed lines matching one of these are dropped.
    pub boilerplate: Vec<Regex>,
    /// Whole trimmed lines matching one of these are always kept.
    pub keep: Vec<Regex>,
}

impl Default for ConvertOptions {
    fn default() -> Self {
        ConvertOptions {
            date_order: dates::Order::Mdy,
            sources: Sources::default(),
            boilerplate: Vec::new(),
            keep: Vec::new(),
        }
    }
}

impl ConvertOptions {
    /// From site.yaml: `ingest.date_order`, `ingest.boilerplate`, `ingest.keep`, `sources`.
    pub fn from_config(config: &Config) -> Result<ConvertOptions, Error> {
        let compile = |key: &str, patterns: &[String]| -> Result<Vec<Regex>, Error> {
            patterns
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    // Matched against whole lines, as documented.
                    Regex::new(&format!("^(?:{p})$")).map_err(|e| {
                        Error::Config(Box::new(
                            Diagnostic::error("site.yaml", format!("`ingest.{key}[{i}]`: {p:?} is not a valid regular expression: {e}"))
                                .hint("fix the pattern; it is matched against whole trimmed lines"),
                        ))
                    })
                })
                .collect()
        };
        Ok(ConvertOptions {
            date_order: dates::Order::parse(&config.ingest.date_order),
            sources: Sources::new(&config.sources),
            boilerplate: compile("boilerplate", &config.ingest.boilerplate)?,
            keep: compile("keep", &config.ingest.keep)?,
        })
    }
}

/// A block of the raw text that was left out of the body, and the rule that left it out.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Dropped {
    /// 1-based line of the raw text.
    pub line: usize,
    pub text: String,
    /// A stable rule name such as `skip-links`, `cookie-notice`, `teaser-after-end`.
    pub rule: String,
}

/// The result of converting one raw document.
#[derive(Debug, Clone)]
pub struct Converted {
    /// Front matter without `ingest_hash` (set when the file is rendered).
    pub front: FrontMatter,
    /// The clean Markdown body.
    pub body: String,
    pub dropped: Vec<Dropped>,
    /// Problems the user should fix in the generated file (undated, untitled...).
    pub warnings: Vec<String>,
    /// The character set the bytes were read as.
    pub charset: &'static str,
}

impl Converted {
    /// The generated file's text, with its `ingest_hash`.
    pub fn file_text(&self) -> Result<String, crate::yaml::YamlError> {
        render_file(&self.front, &self.body)
    }
}

/// Why a raw file cannot be converted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unconvertible {
    /// No text at all (or only white space).
    Empty,
    /// Not text: what it looks like.
    Binary(String),
}
