//! `site.yaml`: the site's settings, read strictly (unknown keys and wrong types are errors).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Diagnostic, Error, Result};
use crate::yaml;

/// The whole of `site.yaml`. Every field has a default, so an empty file is a valid site.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub title: String,
    pub description: String,
    /// Absolute URL the site is published at, used only where a format needs one
    /// (feeds, sitemap, canonical links, Open Graph). Internal links are always relative.
    pub base_url: String,
    /// BCP 47 language tag: `<html lang>`, feeds, the interface's strings and dates, and
    /// the language of documents that neither say nor show theirs.
    pub language: String,
    /// IANA time zone the site's days are counted in.
    pub timezone: String,
    pub publisher: String,
    /// Written to `public/CNAME` for a GitHub Pages custom domain.
    pub cname: Option<String>,
    /// End internal links in `index.html` so the site also works opened from disk
    /// (`file://`); set to false for clean links when it is only ever served over HTTP.
    pub link_index_html: bool,
    /// Build the search page, its index (`search/`) and the masthead's search box.
    pub search: bool,
    /// Where raw documents are dropped, relative to the site root.
    pub inbox: PathBuf,
    /// Where `dossier ingest` writes converted documents, relative to the site root.
    pub articles_dir: PathBuf,
    pub topics: Vec<TopicConfig>,
    pub sources: Vec<SourceConfig>,
    pub pagination: Pagination,
    pub feed: FeedConfig,
    pub date_format: DateFormats,
    pub ingest: IngestConfig,
    pub grouping: GroupingConfig,
    /// Publish documents dated after the build's time (held back by default until their
    /// date, as Hugo does; `dossier build --future` does the same for one build).
    pub build_future: bool,
    /// The picture shared pages show (Open Graph, Twitter cards) when a document has no
    /// `image:` of its own: a web address, or a path relative to the site root (a file in
    /// `static/`).
    pub image: Option<String>,
    /// The interface's strings, over the built-in table of `language` (src/lang/strings/).
    pub strings: BTreeMap<String, String>,
    /// Free-form values for templates (`config.extra.*`).
    pub extra: BTreeMap<String, serde_json::Value>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "Briefing".into(),
            description: String::new(),
            base_url: "http://localhost/".into(),
            language: "en".into(),
            timezone: "UTC".into(),
            publisher: String::new(),
            cname: None,
            link_index_html: true,
            search: true,
            inbox: PathBuf::from("content/inbox"),
            articles_dir: PathBuf::from("content/articles"),
            topics: Vec::new(),
            sources: Vec::new(),
            pagination: Pagination::default(),
            feed: FeedConfig::default(),
            date_format: DateFormats::default(),
            ingest: IngestConfig::default(),
            grouping: GroupingConfig::default(),
            build_future: false,
            image: None,
            strings: BTreeMap::new(),
            extra: BTreeMap::new(),
        }
    }
}

/// A topic the user defines: matched in titles and bodies by its name and aliases.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TopicConfig {
    pub name: String,
    pub slug: Option<String>,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// person, place, organisation or theme (the default).
    pub kind: Option<String>,
}

/// A publisher: how to recognise it (domains, aliases) and what to call it.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SourceConfig {
    pub name: String,
    pub slug: Option<String>,
    #[serde(default)]
    pub domains: Vec<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The publisher's home page, linked from its source page.
    pub url: Option<String>,
    /// Where the outlet is based, shown on its source page (over the built-in table's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// What kind of outlet it is ("news agency", "public broadcaster", "newspaper", "state
    /// media"...), shown on its source page (over the built-in table's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Pagination {
    /// Entries per list page (topic, source, archive pages).
    pub per_page: usize,
    /// Days shown on the home page.
    pub home_days: usize,
}

impl Default for Pagination {
    fn default() -> Self {
        Pagination {
            per_page: 25,
            home_days: 7,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct FeedConfig {
    /// Entries in each Atom feed.
    pub size: usize,
    /// Also write a feed per topic.
    pub per_topic: bool,
}

impl Default for FeedConfig {
    fn default() -> Self {
        FeedConfig {
            size: 20,
            per_topic: true,
        }
    }
}

/// chrono `strftime` patterns used by the default theme; unset, the language's own
/// (`date_long`, `date_short` and `date_month` of its strings).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct DateFormats {
    pub long: Option<String>,
    pub short: Option<String>,
    pub month: Option<String>,
}

/// Settings of the raw-document conversion (`dossier ingest`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct IngestConfig {
    /// How to read all-numeric dates such as 03/04/2024: "mdy" or "dmy".
    pub date_order: String,
    /// Extra boilerplate: regular expressions matched against whole trimmed lines.
    pub boilerplate: Vec<String>,
    /// Lines that must always be kept: regular expressions matched against whole trimmed lines.
    pub keep: Vec<String>,
    /// Write the removed-blocks report to this file (relative to the site root) on build.
    pub report: Option<PathBuf>,
    /// Fetch each converted page's lead image into `static/images/inbox/` (as
    /// `dossier ingest --download-images` does), instead of keeping its web address.
    pub download_images: bool,
    /// Images larger than this many bytes are not downloaded.
    pub image_max_bytes: u64,
}

impl Default for IngestConfig {
    fn default() -> Self {
        IngestConfig {
            date_order: "mdy".into(),
            boilerplate: Vec::new(),
            keep: Vec::new(),
            report: None,
            download_images: false,
            image_max_bytes: crate::ingest::IMAGE_MAX_BYTES,
        }
    }
}

/// Settings of topic detection, stories and cross-links.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct GroupingConfig {
    /// An entity found automatically becomes a topic when this many documents name it.
    pub entity_min_docs: usize,
    /// Documents about the same event must lie within this many days of each other.
    pub story_window_days: i64,
    /// Stories sharing leading topics join a storyline when at most this many days apart.
    pub storyline_gap_days: i64,
    /// How many related articles each article page lists.
    pub related: usize,
    /// Link the first mention of each topic in an article body to the topic page.
    pub link_topics: bool,
    /// Topic names or slugs never to create automatically.
    pub block: Vec<String>,
    /// Rename automatically found topics: found name -> shown name.
    pub rename: BTreeMap<String, String>,
}

impl Default for GroupingConfig {
    fn default() -> Self {
        GroupingConfig {
            entity_min_docs: 2,
            story_window_days: 3,
            storyline_gap_days: 45,
            related: 5,
            link_topics: true,
            block: Vec::new(),
            rename: BTreeMap::new(),
        }
    }
}

impl Config {
    /// Read `site.yaml` at `path`. A missing file is an error: every site has one.
    pub fn load(path: &Path) -> Result<Config> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                Error::Config(Box::new(Diagnostic::error(path, "no site.yaml here").hint(
                    "run the command in a site folder, pass --root DIR, or create a site with `dossier init DIR`",
                )))
            } else {
                Error::io(path, "reading", e)
            }
        })?;
        Config::parse(path, &text)
    }

    /// Parse and check site.yaml text; `path` is only used in messages.
    pub fn parse(path: &Path, text: &str) -> Result<Config> {
        let config: Config = if text.trim().is_empty() {
            Config::default()
        } else {
            yaml::from_str(text).map_err(|e| {
                Error::Config(Box::new(
                    Diagnostic::error(path, e.message)
                        .at(e.line, e.column)
                        .hint("fix this key in site.yaml; docs/content.md (in Dossier's repository) lists every setting"),
                ))
            })?
        };
        config.validate(path)?;
        Ok(config)
    }

    fn validate(&self, path: &Path) -> Result<()> {
        let fail = |key: &str, message: String, hint: &str| {
            Err(Error::Config(Box::new(
                Diagnostic::error(path, format!("`{key}`: {message}")).hint(hint),
            )))
        };
        if self.timezone.parse::<chrono_tz::Tz>().is_err() {
            return fail(
                "timezone",
                format!("unknown time zone {:?}", self.timezone),
                "use an IANA name such as UTC, Europe/Berlin or America/New_York",
            );
        }
        if !(self.base_url.starts_with("http://") || self.base_url.starts_with("https://")) {
            return fail(
                "base_url",
                format!("{:?} is not an absolute http(s) URL", self.base_url),
                "write the address the site is published at, e.g. https://user.github.io/repo/",
            );
        }
        if self.pagination.per_page == 0 {
            return fail(
                "pagination.per_page",
                "must be at least 1".into(),
                "set it to the number of entries per list page",
            );
        }
        if !matches!(self.ingest.date_order.as_str(), "mdy" | "dmy" | "ymd") {
            return fail(
                "ingest.date_order",
                format!("{:?} is not one of mdy, dmy, ymd", self.ingest.date_order),
                "mdy reads 03/04/2024 as March 4, dmy as 3 April, ymd expects 2024/03/04",
            );
        }
        if crate::lang::normalise_tag(&self.language).is_none() {
            return fail(
                "language",
                format!("{:?} is not a language tag", self.language),
                "use a BCP 47 tag such as en, de, fr, es, ar or pt-BR",
            );
        }
        for key in self.strings.keys() {
            if !crate::lang::strings::is_key(key) {
                return fail(
                    &format!("strings.{key}"),
                    "is not a string of the interface".into(),
                    "docs/content.md lists the strings; the built-in tables are src/lang/strings/*.yaml",
                );
            }
        }
        let date_strings =
            ["date_long", "date_short", "date_month"].map(|k| (k, self.strings.get(k)));
        for (key, pattern) in [
            ("date_format.long", self.date_format.long.as_ref()),
            ("date_format.short", self.date_format.short.as_ref()),
            ("date_format.month", self.date_format.month.as_ref()),
        ]
        .into_iter()
        .chain(date_strings)
        .filter_map(|(k, p)| Some((k, p?)))
        {
            let bad = chrono::format::StrftimeItems::new(pattern)
                .any(|item| matches!(item, chrono::format::Item::Error));
            if bad {
                return fail(
                    key,
                    format!("{pattern:?} is not a valid date pattern"),
                    "use strftime fields such as %-d %B %Y (see chrono's strftime documentation)",
                );
            }
        }
        for (i, topic) in self.topics.iter().enumerate() {
            if topic.name.trim().is_empty() {
                return fail(
                    &format!("topics[{i}].name"),
                    "is empty".into(),
                    "give every topic a name",
                );
            }
            if let Some(kind) = &topic.kind {
                if TopicKind::known(kind).is_none() {
                    return fail(
                        &format!("topics[{i}].kind"),
                        format!("{kind:?} is not a kind of topic"),
                        "use person, place, organisation or theme (or leave it out to let Dossier decide)",
                    );
                }
            }
        }
        for (i, source) in self.sources.iter().enumerate() {
            if source.name.trim().is_empty() {
                return fail(
                    &format!("sources[{i}].name"),
                    "is empty".into(),
                    "give every source a name",
                );
            }
        }
        Ok(())
    }

    /// The site's time zone (validated on load).
    pub fn tz(&self) -> chrono_tz::Tz {
        self.timezone.parse().unwrap_or(chrono_tz::UTC)
    }

    /// `base_url` with exactly one trailing slash.
    pub fn base_url(&self) -> String {
        format!("{}/", self.base_url.trim_end_matches('/'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config> {
        Config::parse(Path::new("site.yaml"), text)
    }

    #[test]
    fn empty_file_gives_defaults() {
        let c = parse("").unwrap();
        assert_eq!(c.pagination.per_page, 25);
        assert_eq!(c.tz(), chrono_tz::UTC);
    }

    #[test]
    fn unknown_key_names_key_and_line() {
        let err = parse("title: X\nfeed:\n  size: 3\n  colour: red\n").unwrap_err();
        let Error::Config(d) = err else {
            panic!("wrong error kind")
        };
        assert_eq!(d.line, Some(4));
        assert!(d.message.contains("colour"), "{}", d.message);
    }

    #[test]
    fn wrong_type_names_line() {
        let err = parse("title: X\npagination:\n  per_page: lots\n").unwrap_err();
        let Error::Config(d) = err else {
            panic!("wrong error kind")
        };
        assert_eq!(d.line, Some(3));
    }

    #[test]
    fn bad_timezone_is_rejected() {
        assert!(parse("timezone: Mars/Olympus\n").is_err());
    }

    #[test]
    fn bad_date_pattern_is_rejected() {
        assert!(parse("date_format:\n  long: \"%Q\"\n").is_err());
    }

    #[test]
    fn unknown_topic_kind_is_rejected() {
        let err =
            parse("topics:\n  - name: Gaza\n    kind: place\n  - name: Ek\n    kind: peson\n")
                .unwrap_err();
        let Error::Config(d) = err else {
            panic!("wrong error kind")
        };
        assert!(d.message.contains("topics[1].kind"), "{}", d.message);
        assert!(d.message.contains("peson"), "{}", d.message);
        for kind in ["person", "Place", "organization", "theme"] {
            assert!(parse(&format!("topics:\n  - name: X\n    kind: {kind}\n")).is_ok());
        }
    }

    #[test]
    fn topics_parse() {
        let c = parse("topics:\n  - name: Gaza\n    aliases: [Gaza Strip]\n").unwrap();
        assert_eq!(c.topics[0].aliases, vec!["Gaza Strip".to_string()]);
    }
}

/// What a topic names (site.yaml's `kind:`, and what the corpus stage decides for a found
/// name). Here, with the settings, so that no stage imports a later one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TopicKind {
    Person,
    Place,
    Organisation,
    Theme,
}

impl TopicKind {
    /// Read `kind:` from site.yaml: person, place, organisation (or organization), theme.
    /// Anything else is a theme (site.yaml's check refuses it first: see [`TopicKind::known`]).
    pub fn parse(text: &str) -> TopicKind {
        TopicKind::known(text).unwrap_or(TopicKind::Theme)
    }

    /// The kind a `kind:` value names, if it names one.
    pub fn known(text: &str) -> Option<TopicKind> {
        match text.trim().to_lowercase().as_str() {
            "person" | "people" => Some(TopicKind::Person),
            "place" | "location" => Some(TopicKind::Place),
            "organisation" | "organization" | "org" => Some(TopicKind::Organisation),
            "theme" => Some(TopicKind::Theme),
            _ => None,
        }
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            TopicKind::Person => "person",
            TopicKind::Place => "place",
            TopicKind::Organisation => "organisation",
            TopicKind::Theme => "theme",
        }
    }
}
