//! The interface's words: a table per language (`strings/*.yaml`, embedded), English the
//! reference, site.yaml's `strings:` over both. A key the site's language lacks falls back
//! to English, with a warning that names it.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::{Locale, NaiveDate};
use serde_json::Value;

use crate::config::Config;

/// The built-in tables: language subtag and YAML text.
const TABLES: &[(&str, &str)] = &[
    ("en", include_str!("strings/en.yaml")),
    ("de", include_str!("strings/de.yaml")),
    ("fr", include_str!("strings/fr.yaml")),
    ("es", include_str!("strings/es.yaml")),
];

pub type Strings = BTreeMap<String, String>;

fn parse(lang: &str, text: &str) -> Strings {
    // The tables are part of the program and a test reads each one: a broken table is a
    // bug caught there, not a user's error.
    serde_yaml::from_str(text).unwrap_or_else(|e| panic!("built-in strings/{lang}.yaml: {e}"))
}

/// The built-in table of a language subtag, if there is one.
pub fn builtin(lang: &str) -> Option<&'static Strings> {
    static PARSED: OnceLock<Vec<(&'static str, Strings)>> = OnceLock::new();
    let all = PARSED.get_or_init(|| TABLES.iter().map(|(l, t)| (*l, parse(l, t))).collect());
    all.iter().find(|(l, _)| *l == lang).map(|(_, s)| s)
}

/// The English table: every key the theme uses.
pub fn english() -> &'static Strings {
    builtin("en").unwrap_or_else(|| unreachable!("the English table is built in"))
}

/// Is `key` a string of the interface (one site.yaml's `strings:` may set)?
pub fn is_key(key: &str) -> bool {
    english().contains_key(key)
}

/// Replace each `{name}` in `text` by its value; with `n` given and forms separated by `|`
/// (`one|other`), the first form for 1, the second otherwise.
pub fn fill(text: &str, n: Option<i64>, args: &[(&str, &str)]) -> String {
    let form = match (n, text.split_once('|')) {
        (Some(1), Some((one, _))) => one,
        (Some(_), Some((_, other))) => other,
        _ => text,
    };
    let mut out = form.to_string();
    if let Some(n) = n {
        out = out.replace("{n}", &n.to_string());
    }
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// The interface of one site: its language and direction, its strings and how it writes
/// dates.
#[derive(Debug, Clone)]
pub struct Ui {
    /// The site's language tag (site.yaml `language`).
    pub lang: String,
    /// `ltr` or `rtl`.
    pub dir: &'static str,
    strings: Strings,
    /// The strings as the `t` variable of templates (built once per build).
    pub value: Value,
    locale: Option<Locale>,
    long: String,
    short: String,
    month: String,
}

impl Ui {
    /// The interface for `config`, and a warning for each string it lacks in its language
    /// (English shown instead).
    pub fn new(config: &Config) -> (Ui, Vec<String>) {
        let lang = super::normalise_tag(&config.language).unwrap_or_else(|| "en".into());
        let primary = super::primary(&lang).to_string();
        let own = builtin(&primary);
        let mut strings = Strings::new();
        let mut missing = Vec::new();
        for (key, english) in english() {
            let value = config
                .strings
                .get(key)
                .or_else(|| own.and_then(|t| t.get(key)));
            match value {
                Some(v) => {
                    strings.insert(key.clone(), v.clone());
                }
                None => {
                    missing.push(key.as_str());
                    strings.insert(key.clone(), english.clone());
                }
            }
        }
        let mut warnings = Vec::new();
        if !missing.is_empty() {
            let shown: Vec<&str> = missing.iter().take(8).copied().collect();
            let more = if missing.len() > shown.len() {
                format!(" and {} more", missing.len() - shown.len())
            } else {
                String::new()
            };
            warnings.push(format!(
                "no `{lang}` text for the interface string{} {}{more}: shown in English",
                if missing.len() == 1 { "" } else { "s" },
                shown
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
            ));
        }
        let pattern = |set: &Option<String>, key: &str| {
            set.clone()
                .unwrap_or_else(|| strings.get(key).cloned().unwrap_or_default())
        };
        let long = pattern(&config.date_format.long, "date_long");
        let short = pattern(&config.date_format.short, "date_short");
        let month = pattern(&config.date_format.month, "date_month");
        let value = serde_json::to_value(&strings).unwrap_or(Value::Null);
        let ui = Ui {
            dir: super::dir(&lang),
            locale: super::locale(&lang),
            lang,
            strings,
            value,
            long,
            short,
            month,
        };
        (ui, warnings)
    }

    /// The string `key` (English when the table lacks it; the key itself when no table has
    /// it, which a test rules out for the keys the program uses).
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.strings.get(key).map(String::as_str).unwrap_or(key)
    }

    /// [`fill`] with the string `key`.
    pub fn fill(&self, key: &str, n: Option<i64>, args: &[(&str, &str)]) -> String {
        fill(self.get(key), n, args)
    }

    /// A day in the long form ("Tuesday, 6 February 2024", "Dienstag, 6. Februar 2024").
    pub fn long(&self, day: NaiveDate) -> String {
        super::format_day(day, &self.long, self.locale)
    }

    /// A day in the short form ("6 Feb 2024").
    pub fn short(&self, day: NaiveDate) -> String {
        super::format_day(day, &self.short, self.locale)
    }

    /// A day in any strftime `pattern`, in the site's language.
    pub fn format(&self, day: NaiveDate, pattern: &str) -> String {
        super::format_day(day, pattern, self.locale)
    }

    /// A month ("February 2024").
    pub fn month(&self, day: NaiveDate) -> String {
        super::format_day(day, &self.month, self.locale)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn config(yaml: &str) -> Config {
        Config::parse(Path::new("site.yaml"), yaml).unwrap()
    }

    #[test]
    fn every_table_has_every_key_and_no_other() {
        let en = english();
        for (lang, _) in TABLES {
            let table = builtin(lang).unwrap();
            let missing: Vec<&String> = en.keys().filter(|k| !table.contains_key(*k)).collect();
            let extra: Vec<&String> = table.keys().filter(|k| !en.contains_key(*k)).collect();
            assert!(missing.is_empty(), "strings/{lang}.yaml lacks {missing:?}");
            assert!(
                extra.is_empty(),
                "strings/{lang}.yaml has unknown keys {extra:?}"
            );
            // Placeholders and plural forms agree with English.
            for (k, v) in table {
                let marks = |s: &str| {
                    let mut m: Vec<String> = s
                        .split('{')
                        .skip(1)
                        .filter_map(|p| p.split_once('}').map(|(a, _)| a.to_string()))
                        .collect();
                    m.sort();
                    m.dedup();
                    (m, s.contains('|'))
                };
                assert_eq!(marks(v), marks(&en[k]), "strings/{lang}.yaml: {k}");
            }
        }
    }

    #[test]
    fn docs_list_every_key() {
        let docs = include_str!("../../docs/content.md");
        for key in english().keys() {
            assert!(
                docs.contains(&format!("| `{key}` |")),
                "docs/content.md does not list the string `{key}`"
            );
        }
    }

    #[test]
    fn german_site_speaks_german_and_writes_german_dates() {
        let (ui, warnings) = Ui::new(&config("language: de\n"));
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(ui.get("nav_latest"), "Aktuell");
        let day = NaiveDate::from_ymd_opt(2024, 2, 6).unwrap();
        assert_eq!(ui.long(day), "Dienstag, 6. Februar 2024");
        assert_eq!(ui.fill("reports", Some(1), &[]), "1 Bericht");
        assert_eq!(ui.fill("reports", Some(3), &[]), "3 Berichte");
        assert_eq!(ui.dir, "ltr");
    }

    #[test]
    fn english_stays_as_it_was() {
        let (ui, warnings) = Ui::new(&config(""));
        assert!(warnings.is_empty());
        let day = NaiveDate::from_ymd_opt(2024, 2, 6).unwrap();
        assert_eq!(ui.long(day), "Tuesday, 6 February 2024");
        assert_eq!(ui.short(day), "6 Feb 2024");
        assert_eq!(ui.fill("trend_up", Some(5), &[]), "+5 this week");
    }

    #[test]
    fn site_yaml_overrides_any_string_and_date_format_wins() {
        let (ui, warnings) = Ui::new(&config(
            "language: fr\nstrings:\n  nav_latest: À la une\ndate_format:\n  long: \"%d/%m/%Y\"\n",
        ));
        assert!(warnings.is_empty());
        assert_eq!(ui.get("nav_latest"), "À la une");
        assert_eq!(ui.get("nav_topics"), "Sujets");
        let day = NaiveDate::from_ymd_opt(2024, 2, 6).unwrap();
        assert_eq!(ui.long(day), "06/02/2024");
        assert_eq!(ui.short(day), "6 févr. 2024");
    }

    #[test]
    fn a_language_without_a_table_falls_back_to_english_and_says_which_keys() {
        let (ui, warnings) = Ui::new(&config(
            "language: it\nstrings:\n  nav_latest: Ultime notizie\n",
        ));
        assert_eq!(ui.get("nav_latest"), "Ultime notizie");
        assert_eq!(ui.get("nav_topics"), "Topics");
        assert_eq!(warnings.len(), 1);
        let w = &warnings[0];
        // The first keys by name, then how many more.
        assert!(w.contains("`it`") && w.contains("`about_topic`"), "{w}");
        assert!(
            w.contains(&format!("and {} more", english().len() - 9)),
            "{w}"
        );
        assert!(!w.contains("`nav_latest`"), "{w}");
        // Dates still come in the language's own words.
        let day = NaiveDate::from_ymd_opt(2024, 2, 6).unwrap();
        assert_eq!(ui.month(day), "febbraio 2024");
    }

    #[test]
    fn fill_picks_the_form_and_fills_names() {
        assert_eq!(fill("{n} report|{n} reports", Some(1), &[]), "1 report");
        assert_eq!(fill("{n} report|{n} reports", Some(0), &[]), "0 reports");
        assert_eq!(
            fill("More from {source}", None, &[("source", "AP")]),
            "More from AP"
        );
    }
}
