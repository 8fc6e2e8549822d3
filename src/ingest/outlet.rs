//! Pick the source: the outlet that published the page, from how the page names itself when
//! the text carries no URL: the copyright line of its footer ("© 2019 Outlet"), a "Follow
//! Outlet on ..." prompt, the outlet's own domain printed as a name ("Outlet.com"). Each
//! candidate counts for more when the page repeats it. Never from a headline.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::blocks::Unit;
use super::sources::Sources;

/// "© 2019 Outlet", "Copyright © 2000-2019 Outlet, Inc.", "Copyright 2019 Outlet. All rights".
static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:©|\(c\)|copyright)\s*(?:©\s*|copyright\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*[,-]?\s*)?(?:by\s+)?(?-i:(?P<name>[\p{Lu}\d][\p{L}\d&'’-]*(?:\.[\p{L}\d]+)*(?:\s+[\p{L}\d&'’-]+(?:\.[\p{L}\d]+)*){0,5}?))(?:\s*\d{4})?\s*(?:[.,|©–—-]\s|\.$|,|\s+all\s+rights|\s+is\s|\s+\(|$)")
        .expect("valid regex")
});
/// "Follow Outlet on Twitter".
static FOLLOW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^Follow\s+(?P<name>\p{Lu}[\p{L}\d&'’.-]*(?:\s+\p{Lu}[\p{L}\d&'’.-]*){0,4})\s+on\s+\p{Lu}",
    )
    .expect("valid regex")
});
/// A domain printed as a name: "Cleveland.com", "Phys.org".
static DOMAIN_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[\s(])(?P<name>[A-Za-z0-9][A-Za-z0-9-]{1,40}\.(?:com|org|net|co\.uk|in|ca|co|info|news))(?:$|[\s.,;:)|])")
        .expect("valid regex")
});

/// A staff address on the outlet's own domain: "jane@example-news.com".
static EMAIL_DOMAIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z0-9._-]+@(?P<host>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[a-z]{2,})")
        .expect("valid regex")
});

/// Words that make a copyright "owner" not a name.
fn is_generic(name: &str) -> bool {
    let l = name.to_lowercase();
    l.is_empty()
        || l.starts_with("all ")
        || l == "all"
        || l.contains("rights")
        || l.starts_with("policy")
        || l.starts_with("notice")
        || l.starts_with("the author")
        || l.starts_with("infringement")
        || l.starts_with("designed")
        || l.starts_with("powered")
}

/// The owner named by a copyright line, as printed.
pub fn copyright_owner(text: &str) -> Option<String> {
    if text.split_whitespace().count() > 60 {
        return None;
    }
    let c = COPYRIGHT.captures(text)?;
    let name = c.name("name")?.as_str();
    let name = name
        .trim_end_matches(['.', ',', ' '])
        .trim_end_matches(" Inc")
        .trim_end_matches(" LLC")
        .trim_end_matches(" Ltd")
        .trim_end_matches(',')
        .trim();
    (!is_generic(name) && name.chars().any(char::is_alphabetic) && !name.contains("Image"))
        .then(|| name.to_string())
}

/// The outlet the page names itself by, mapped through the outlet table.
pub fn self_named(units: &[Unit], dropped: &[bool], sources: &Sources) -> Option<String> {
    // (score, first unit) per candidate name.
    let mut cands: HashMap<String, (f64, usize)> = HashMap::new();
    let mut add = |name: &str, score: f64, at: usize| {
        let e = cands.entry(name.to_string()).or_insert((0.0, at));
        e.0 += score;
    };
    let mut last_copyright: Option<(String, usize)> = None;
    let mut domains: HashMap<String, usize> = HashMap::new();
    for (i, u) in units.iter().enumerate() {
        let t = &u.text;
        if t.contains('@') {
            for c in EMAIL_DOMAIN.captures_iter(t) {
                let host = c["host"].to_lowercase();
                if !matches!(
                    host.split('.').next(),
                    Some(
                        "gmail"
                            | "yahoo"
                            | "hotmail"
                            | "outlook"
                            | "aol"
                            | "icloud"
                            | "protonmail"
                            | "gmx"
                            | "web"
                    )
                ) {
                    *domains.entry(host).or_default() += 1;
                }
            }
        }
        // The footer's copyright line, not one quoted in the article (a book excerpt).
        if dropped[i]
            && u.words <= 60
            && (t.contains('©') || u.lower.contains("copyright") || t.contains("(c)"))
        {
            if let Some(name) = copyright_owner(t) {
                last_copyright = Some((name, i));
            }
        }
        if let Some(c) = t
            .starts_with("Follow ")
            .then(|| FOLLOW.captures(t))
            .flatten()
        {
            let name = &c["name"];
            if !matches!(name, "Us" | "Me") {
                add(name, 2.0, i);
            }
        }
        // A page names its own domain in its furniture and short lines, not in prose.
        if (dropped[i] || u.words <= 40) && t.contains('.') {
            for c in DOMAIN_NAME.captures_iter(t) {
                let name = &c["name"];
                // Printed with a capital, as a name ("Cleveland.com"), not a link.
                if name.starts_with(|c: char| c.is_ascii_uppercase()) || dropped[i] {
                    *domains.entry(name.to_lowercase()).or_default() += 1;
                }
            }
        }
    }
    if let Some((name, at)) = last_copyright {
        add(&name, 3.0, at);
    }
    if let Some((name, n)) = domains
        .iter()
        .filter(|(_, &n)| n >= 2)
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
    {
        add(name, 1.0 + (*n as f64).min(3.0), 0);
    }
    // Repetition on the page: a name the page prints again and again is its own.
    let names: Vec<String> = cands.keys().cloned().collect();
    for name in names {
        let key = name.to_lowercase();
        let short = key.trim_end_matches(".com").trim_start_matches("the ");
        let n = units
            .iter()
            .filter(|u| u.lower.contains(short))
            .take(5)
            .count();
        if let Some(e) = cands.get_mut(&name) {
            e.0 += 0.3 * n as f64;
        }
    }
    let (name, _) = cands.into_iter().max_by(|a, b| {
        a.1 .0
            .total_cmp(&b.1 .0)
            .then(b.1 .1.cmp(&a.1 .1))
            .then(b.0.cmp(&a.0))
    })?;
    Some(
        sources
            .by_name(&name)
            .or_else(|| sources.find_in(&name))
            .map_or(name, str::to_string),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::blocks;

    #[test]
    fn copyright_lines_name_their_owner() {
        assert_eq!(
            copyright_owner("© 2019 Harbour Gazette. All rights reserved.").as_deref(),
            Some("Harbour Gazette")
        );
        assert_eq!(
            copyright_owner("Copyright © 2000-2019 Valley Times, Inc.").as_deref(),
            Some("Valley Times")
        );
        assert_eq!(
            copyright_owner("© Copyright 2020, The River Post | Terms").as_deref(),
            Some("The River Post")
        );
        assert_eq!(
            copyright_owner("© 2024 Rheinblatt GmbH. Alle Rechte vorbehalten.").as_deref(),
            Some("Rheinblatt GmbH")
        );
        assert_eq!(
            copyright_owner("© 2024 Le Courrier du Port. Tous droits réservés.").as_deref(),
            Some("Le Courrier du Port")
        );
        assert_eq!(
            copyright_owner("© 2024 El Diario del Puerto. Todos los derechos reservados.")
                .as_deref(),
            Some("El Diario del Puerto")
        );
        assert_eq!(copyright_owner("All rights reserved ©"), None);
    }

    #[test]
    fn the_footer_and_follow_prompts_name_the_outlet() {
        let text = "Harbour reopens\n\nThe harbour reopened on Tuesday after the storm, the port authority said.\n\nFollow Harbour Gazette on Twitter\n\n© 2024 Harbour Gazette. All rights reserved.\n";
        let units = blocks::units(text, false);
        // The footer was left out of the body as furniture.
        let dropped: Vec<bool> = units.iter().map(|u| u.text.starts_with('©')).collect();
        assert_eq!(
            self_named(&units, &dropped, &Sources::default()).as_deref(),
            Some("Harbour Gazette")
        );
    }

    #[test]
    fn a_known_outlet_is_shown_by_its_table_name() {
        let text = "Story\n\n© 2024 Deutsche Welle\n";
        let units = blocks::units(text, false);
        let dropped = vec![true; units.len()];
        assert_eq!(
            self_named(&units, &dropped, &Sources::default()).as_deref(),
            Some("DW")
        );
    }

    #[test]
    fn a_page_without_self_naming_has_no_source() {
        let units = blocks::units("Story\n\nThe harbour reopened on Tuesday.\n", false);
        let dropped = vec![false; units.len()];
        assert_eq!(self_named(&units, &dropped, &Sources::default()), None);
    }
}
