//! The integration tests, one binary: each module was a test binary of its own, and
//! linking the whole crate once instead of two dozen times saves most of the suite's build
//! time on a small machine. `common` holds the shared helpers (sites, runs, trees, links).

mod common;

mod briefing;
mod build;
mod corpus_fixtures;
mod corpus_specimens;
mod errors;
mod fuzz_regressions;
mod ingest_convert;
mod ingest_devset;
mod ingest_html;
mod ingest_html_devset;
mod ingest_images;
mod ingest_props;
mod ingest_run;
mod ingest_seeds;
mod init;
mod languages;
mod robustness_crash;
mod robustness_injection;
mod robustness_inputs;
mod sample_content;
mod sample_grouping;
mod sample_site;
mod serve;
mod snapshots;
mod templates;
