//! Bylines and credit lines: "By A and B, Outlet", "A | B", a name line under the headline,
//! "Reporting by A in X and B in Y; Editing by C", "Source: Newsroom".

use std::sync::LazyLock;

use regex::Regex;

use super::blocks::more_words_than;
use super::dates::{self, Order};
use super::sources::Sources;
use crate::analyze::fasthash::FastSet;

/// What a byline says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Byline {
    pub authors: Vec<String>,
    /// The outlet named in the byline, as shown in the sources table (or as printed when the
    /// table does not know it).
    pub outlet: Option<String>,
    pub published: Option<chrono::NaiveDate>,
    pub updated: Option<chrono::NaiveDate>,
}

/// Words that never occur in a person's name but do in desks, sections and page furniture.
const NOT_NAME_WORDS: &[&str] = &[
    "news",
    "staff",
    "desk",
    "agency",
    "agencies",
    "newsroom",
    "editorial",
    "team",
    "reporters",
    "reporter",
    "correspondent",
    "correspondents",
    "wires",
    "wire",
    "online",
    "bureau",
    "writer",
    "writers",
    "editor",
    "editors",
    "service",
    "services",
    "press",
    "media",
    "network",
    "times",
    "post",
    "daily",
    "world",
    "the",
    "international",
    "digital",
    "live",
    "video",
    "videos",
    "tv",
    "radio",
    "middle",
    "east",
    "west",
    "north",
    "south",
    "africa",
    "europe",
    "asia",
    "america",
    "americas",
    "politics",
    "business",
    "opinion",
    "analysis",
    "sport",
    "sports",
    "health",
    "science",
    "tech",
    "technology",
    "culture",
    "conflicts",
    "conflict",
    "war",
    "home",
    "menu",
    "section",
    "top",
    "story",
    "stories",
    "more",
    "latest",
    "breaking",
    "update",
    "updates",
    "source",
    "sources",
    "share",
    "contributors",
    "photo",
    "photos",
    "image",
    "images",
    "getty",
    "briefing",
    "newsletter",
    "podcast",
    "edition",
    "review",
    "exclusive",
    "explainer",
    "watch",
    "listen",
    "read",
    "min",
    "minutes",
    "skip",
    "content",
    // A question opens a headline or a teaser, never a name ("Why Jane Roe Loves ...").
    "why",
    "how",
    "what",
    "when",
    "where",
    "who",
    "warum",
    "wieso",
    "weshalb",
    "pourquoi",
    "comment",
    "quand",
    "qué",
    "cómo",
    "cuándo",
    "dónde",
    "quién",
    "main",
    "related",
    "articles",
    "of",
    "for",
    "in",
    "on",
    "to",
    "with",
    "by",
    "is",
    "was",
    "are",
    "has",
    "have",
    "said",
    "says",
    "economy",
    "markets",
    "environment",
    "climate",
    "travel",
    "lifestyle",
    "entertainment",
    "new",
    "old",
    "report",
    "reports",
    "magazine",
    "journal",
    "herald",
    "tribune",
    "gazette",
    "chronicle",
    "observer",
    "guardian",
    "telegraph",
    "independent",
    "channel",
    "global",
    "national",
    "local",
    "region",
    "regional",
    "today",
    "yesterday",
    "advertisement",
    "sponsored",
    "cookie",
    "cookies",
    "policy",
    "privacy",
    "terms",
    "contact",
    "about",
    "us",
    "subscribe",
    "sign",
    "log",
    "login",
    "search",
    // Organisations sign as bylines too ("By Example Foundation"): not persons.
    "redaktion",
    "rédaction",
    "redacción",
    "foundation",
    "institute",
    "association",
    "university",
    "council",
    "committee",
    "department",
    "ministry",
    "company",
    "corporation",
    "group",
    "society",
    "union",
    "stiftung",
    "verband",
    "verein",
    "institut",
    "universität",
    "gruppe",
    "fondation",
    "université",
    "groupe",
    "fundación",
    "asociación",
    "instituto",
    "universidad",
    "grupo",
];

/// A weekday's or month's full name, unless it is also a family name ("Theresa May").
fn is_calendar_name(lower: &str) -> bool {
    crate::lang::calendar::word(lower).is_some_and(|w| w.full && !w.family_name)
}

/// Lower-case particles that may start a name token or stand alone inside a name.
const PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "bint", "abu", "de", "da", "das", "dos", "del", "della", "der",
    "den", "van", "von", "la", "le", "du", "di", "y", "e", "ter", "ten", "zu", "ben", "mac",
];

/// Words that describe a byline person's job rather than name them.
const ROLE_WORDS: &[&str] = &[
    "correspondent",
    "editor",
    "reporter",
    "writer",
    "contributor",
    "producer",
    "analyst",
    "columnist",
    "chief",
    "senior",
    "staff",
    "special",
    "political",
    "diplomatic",
    "bureau",
    "photographer",
    "journalist",
    "presenter",
    "anchor",
    "host",
    "contributing",
    "freelance",
    "author",
    "investigations",
    "investigative",
    "economics",
    "security",
    "affairs",
    "deputy",
    // German, French, Spanish.
    "korrespondent",
    "korrespondentin",
    "redakteur",
    "redakteurin",
    "chefredakteur",
    "chefredakteurin",
    "reporterin",
    "correspondant",
    "correspondante",
    "rédacteur",
    "rédactrice",
    "journaliste",
    "corresponsal",
    "redactor",
    "redactora",
    "periodista",
];

/// `NOT_NAME_WORDS` as a set: every token of every name candidate is looked up.
static NOT_NAME_SET: LazyLock<FastSet<&'static str>> =
    LazyLock::new(|| NOT_NAME_WORDS.iter().copied().collect());

/// Is `s` shaped like a person's name ("Jane Roe", "Nidal al-Mughrabi", "J. K. Doe")?
/// `caps_ok` allows ALL-CAPS names, which only a "By" line makes believable.
pub fn is_person_name(s: &str, caps_ok: bool) -> bool {
    let tokens: Vec<&str> = s.split_whitespace().collect();
    if !(2..=5).contains(&tokens.len()) || s.chars().count() > 60 {
        return false;
    }
    let mut capitalised = 0;
    for (i, t) in tokens.iter().enumerate() {
        match name_token(t, i > 0 && i + 1 < tokens.len(), caps_ok) {
            None => return false,
            Some(true) => capitalised += 1,
            Some(false) => {}
        }
    }
    capitalised >= 2 || (capitalised >= 1 && tokens.len() >= 2 && tokens[0].ends_with('.'))
}

/// One token of a name: `None` when no name holds it, else whether it counts as a
/// capitalised part. `inner`: neither the first nor the last token, where a lone particle
/// may stand ("Ursula von der Leyen").
fn name_token(t: &str, inner: bool, caps_ok: bool) -> Option<bool> {
    if !t
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
    {
        return None;
    }
    let lower = t.to_lowercase();
    let bare = lower.trim_matches(|c: char| !c.is_alphabetic());
    if NOT_NAME_SET.contains(bare) || is_calendar_name(bare) {
        return None;
    }
    // A possessive ("This Week's Flyers") belongs to a phrase, never to a name.
    if bare.ends_with("'s") || bare.ends_with("’s") {
        return None;
    }
    let first = t.chars().next().unwrap_or(' ');
    if first.is_uppercase() {
        // "JOHN" only in a By line; "McDonald" and "O'Neil" are fine.
        let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
        if letters.len() > 2 && letters.iter().all(|c| c.is_uppercase()) && !caps_ok {
            return None;
        }
        Some(true)
    } else if PARTICLES.contains(&bare) && inner {
        Some(false)
    } else if let Some((prefix, rest)) = t.split_once(['-', '\'', '’']) {
        // "al-Mughrabi", "d'Estaing"
        if !(PARTICLES.contains(&prefix) || prefix == "d") || !rest.starts_with(char::is_uppercase)
        {
            return None;
        }
        Some(true)
    } else {
        None
    }
}

/// Can [`name_line`] find names in `line`? Its first part is a name of two tokens or more,
/// and those are the line's first two: the first runs to a space, a comma or "&" (either
/// of the last two ends the part), the second to a space, a comma, "&" or "(" (a trailing
/// "(...)" is cut from a part). When the line opens with a space or a separator, the part
/// may start later: yes.
fn may_open_name_line(line: &str) -> bool {
    let sep = |c: char| c.is_whitespace() || c == ',' || c == '&';
    if line.starts_with(sep) {
        return true;
    }
    let end = line.find(sep).unwrap_or(line.len());
    let (first, rest) = line.split_at(end);
    if !rest.starts_with(char::is_whitespace) {
        return false;
    }
    let rest = rest.trim_start();
    let second = &rest[..rest.find(|c| sep(c) || c == '(').unwrap_or(rest.len())];
    // The tests most lines fail first: a sentence's second word is in lower case.
    name_token(second, true, false).is_some() && name_token(first, false, false).is_some()
}

static BY_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    // English, and the German, French and Spanish "Von", "Par", "Por".
    Regex::new(r"(?i)^(?:by|written by|words by|story by|reported by|posted by|text by|video by|authors?|by:|von|par|por)\s*:?\s+")
        .expect("valid regex")
});
static SEGMENT_SPLIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*(?:\||·|•|;|\s[-–—]\s)\s*").expect("valid regex"));
static NAME_SPLIT: LazyLock<Regex> = LazyLock::new(|| {
    // "and" and its German, French and Spanish forms.
    Regex::new(r"\s*(?:,\s*(?:and\s+)?|\s+(?:and|und|et|y)\s+|\s*&\s*|\s+with\s+)\s*")
        .expect("valid regex")
});
static IN_PLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s+(?:in|from|at)\s+\p{Lu}[\p{L} .'-]*$|\s*\([^)]*\)$").expect("valid regex")
});
static FOR_OUTLET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s+for\s+(.+)$").expect("valid regex"));
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:additional|further)\s+)?(?:reporting|writing|written|compiled|reported)\s+by(?-u:\b)")
        .expect("valid regex")
});
static CREDIT_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(additional\s+|further\s+)?(reporting|writing|written|compiled|reported|editing|edited|graphics|photos?|translation|translated|production|fact[- ]checking|research|additional)(?-u:\b)[^:]*?(?-u:\b)by\s+(.+)$")
        .expect("valid regex")
});

/// Words that make an unknown byline segment an outlet ("The Daily Planet").
const OUTLET_WORDS: &[&str] = &[
    "news",
    "times",
    "post",
    "press",
    "agency",
    "network",
    "herald",
    "tribune",
    "journal",
    "daily",
    "media",
    "tv",
    "radio",
    "magazine",
    "gazette",
    "observer",
    "chronicle",
    "wire",
    "online",
    "telegraph",
    "review",
    "broadcasting",
    "newswire",
    "today",
    // German, French, Spanish.
    "zeitung",
    "nachrichten",
    "rundschau",
    "magazin",
    "quotidien",
    "hebdo",
    "diario",
    "noticias",
    "periódico",
    "revista",
];

pub fn outlet_like(s: &str) -> bool {
    let lower = s.to_lowercase();
    lower.starts_with("the ")
        || lower
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| OUTLET_WORDS.contains(&w))
}

pub fn is_role(s: &str) -> bool {
    let lower = s.to_lowercase();
    lower
        .split(|c: char| !c.is_alphabetic())
        .any(|w| ROLE_WORDS.contains(&w))
}

fn is_read_time(s: &str) -> bool {
    let l = s.to_lowercase();
    let l = l.trim();
    (l.contains("min") && l.chars().any(|c| c.is_ascii_digit()) && !more_words_than(l, 4))
        || l.ends_with(" read")
}

/// Read a byline. `require_by`: only accept lines with a "By"-like prefix or `|`-separated
/// segments; a bare name is a name line, read by [`name_line`].
pub fn parse_byline(line: &str, sources: &Sources, order: Order) -> Option<Byline> {
    if line.len() > 300 {
        return None;
    }
    // Every opening `BY_PREFIX` knows starts with one of these pairs of ASCII letters in
    // either case (no other character folds to one of them), so most lines that open with
    // a letter are not run through the regex.
    let lower = |i: usize| line.as_bytes().get(i).map_or(b' ', u8::to_ascii_lowercase);
    let may_have_prefix = matches!(
        (lower(0), lower(1)),
        (b'b', b'y')
            | (b'w', b'r' | b'o')
            | (b's', b't')
            | (b'r', b'e')
            | (b'p', b'o' | b'a')
            | (b't', b'e')
            | (b'v', b'i' | b'o')
            | (b'a', b'u')
    );
    if !may_have_prefix && !line.contains('|') && !super::blocks::has(line, " · ") {
        return None;
    }
    let (prefixed, body) = match may_have_prefix.then(|| BY_PREFIX.find(line)).flatten() {
        Some(m) => (true, &line[m.end()..]),
        None => (false, line),
    };
    if !prefixed && !line.contains('|') && !super::blocks::has(line, " · ") {
        return None;
    }
    let mut out = Byline::default();
    let mut unknown = 0;
    for seg in SEGMENT_SPLIT
        .split(body)
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        if let Some(dl) = dates::date_line(seg, order) {
            if !dl.is_label_only() {
                out.published = out.published.or(dl.published);
                out.updated = out.updated.or(dl.updated);
            }
            continue;
        }
        if is_read_time(seg) {
            continue;
        }
        if let Some(o) = sources.by_name(seg) {
            out.outlet.get_or_insert_with(|| o.to_string());
            continue;
        }
        for part in NAME_SPLIT
            .split(seg)
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            let mut part = part.to_string();
            if let Some(c) = FOR_OUTLET.captures(&part) {
                let outlet = c[1].trim().to_string();
                let start = c.get(0).map_or(part.len(), |m| m.start());
                out.outlet.get_or_insert_with(|| {
                    sources
                        .by_name(&outlet)
                        .map_or(outlet.clone(), str::to_string)
                });
                part.truncate(start);
            }
            let mut part = IN_PLACE.replace(&part, "").trim().to_string();
            if part.is_empty() {
                continue;
            }
            // "SAMY MAGDY Associated Press", "Suleiman Al-Khalidi Reuters": a byline that
            // runs the outlet on after a name.
            if let Some((start, o)) = sources.find_at_end(&part) {
                if start > 0 && is_person_name(part[..start].trim(), prefixed) {
                    out.outlet.get_or_insert_with(|| o.to_string());
                    part = part[..start].trim().to_string();
                }
            }
            // "By Jane Roe 2019-11-18T22:05Z Science": a date run on after the name ends it.
            if part.bytes().any(|b| b.is_ascii_digit()) {
                if let Some(f) = dates::find_dates(&part, order).first() {
                    let name = part[..f.start].trim();
                    if f.start > 0 && is_person_name(name, prefixed) {
                        out.published = out.published.or(Some(f.date));
                        part = name.to_string();
                    }
                }
            }
            // "By Jane Roe example.com": the outlet's domain run on after the name.
            if let Some((name, host)) = part.rsplit_once(' ') {
                let name = name.trim();
                if is_domain(host) && is_person_name(name, prefixed) {
                    out.outlet.get_or_insert_with(|| {
                        sources
                            .by_host(host)
                            .map_or_else(|| host.to_string(), str::to_string)
                    });
                    part = name.to_string();
                }
            }
            if is_person_name(&part, prefixed) {
                let part = title_case_shouted(&part);
                if !out.authors.contains(&part) {
                    out.authors.push(part);
                }
            } else if let Some(o) = sources.by_name(&part) {
                out.outlet.get_or_insert_with(|| o.to_string());
            } else if is_role(&part) {
            } else if prefixed && outlet_like(&part) && !out.authors.is_empty() {
                out.outlet.get_or_insert(part);
            } else {
                unknown += 1;
            }
        }
    }
    // A By line may carry a stray phrase; a bare `A | B` line must be names and metadata only.
    let ok = if prefixed {
        !out.authors.is_empty() || out.outlet.is_some()
    } else {
        !out.authors.is_empty() && unknown == 0
    };
    ok.then_some(out)
}

/// A bare domain ("example.com", "News.example.co.uk"): labels of letters, digits and
/// hyphens, the last one a lower-case top-level domain.
fn is_domain(token: &str) -> bool {
    let Some((head, tld)) = token.rsplit_once('.') else {
        return false;
    };
    (2..=6).contains(&tld.len())
        && tld.bytes().all(|b| b.is_ascii_lowercase())
        && !head.is_empty()
        && head
            .split('.')
            .all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
}

/// "MARTA KOWALSKI" → "Marta Kowalski", "AL-MUGHRABI" → "Al-Mughrabi"; names written in
/// mixed case are left as they are.
pub fn title_case_shouted(name: &str) -> String {
    if name.chars().any(char::is_lowercase) {
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len());
    let mut start = true;
    for c in name.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphabetic();
    }
    out
}

/// A name with job words run on after it ("Jane Roe Senior Contributor", "Ana Ruiz
/// Redakteurin"): the name, when at least two words stay.
fn without_trailing_role(part: &str) -> &str {
    let mut end = part.len();
    loop {
        let head = part[..end].trim_end();
        let Some((rest, last)) = head.rsplit_once(' ') else {
            return part[..end].trim_end();
        };
        let last = last
            .trim_matches(|c: char| !c.is_alphabetic())
            .to_lowercase();
        if !ROLE_WORDS.contains(&last.as_str()) || !more_words_than(rest, 1) {
            return head;
        }
        end = rest.len();
    }
}

/// A line that is only a name or names ("Jane Roe", "Jane Roe and John Doe").
pub fn name_line(line: &str) -> Option<Vec<String>> {
    if line.chars().count() > 120 || line.ends_with(['.', '?', '!', ':']) && !line.ends_with("Jr.")
    {
        return None;
    }
    // Most short lines are no names, and their first two words say so before the regexes.
    if !may_open_name_line(line) {
        return None;
    }
    names_of_line(line)
}

/// [`name_line`] past its tests of the whole line: each part a name, or `None`.
fn names_of_line(line: &str) -> Option<Vec<String>> {
    let mut names = Vec::new();
    for part in NAME_SPLIT
        .split(line)
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        // "Jane Roe in Jerusalem": the place is not part of the name.
        let part = IN_PLACE.replace(part, "");
        let part = without_trailing_role(part.trim());
        // "Senior Contributor": a job, no name.
        let only_job = part.split_whitespace().all(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase();
            ROLE_WORDS.contains(&w.as_str())
        });
        if only_job || !is_person_name(part, false) {
            return None;
        }
        names.push(part.to_string());
    }
    (!names.is_empty()).then_some(names)
}

/// A person's name glued to the label of the link beside it ("Jane RoeView More Articles",
/// "Anna BergerAlle Artikel"): the space was lost with the markup between them. Returns the
/// name when the line is exactly two such parts, the name first and a label of two to four
/// words after it (one word after a glue point is a brand's inner capital: "RoundUps").
pub fn glued_name(line: &str) -> Option<String> {
    let parts = super::boilerplate::glued_labels(line);
    let [name, label] = parts.as_slice() else {
        return None;
    };
    ((2..=4).contains(&label.split_whitespace().count())
        && is_person_name(name, false)
        && !outlet_like(name)
        && !is_role(name))
    .then(|| name.clone())
}

/// Is this a wire credit line ("Reporting by ...; Editing by ...")?
pub fn is_credit_line(line: &str) -> bool {
    CREDIT.is_match(line) && line.len() < 400
}

/// The reporters of a credit line (main, additional). Editors, photographers and translators
/// are not authors.
pub fn credit_authors(line: &str) -> (Vec<String>, Vec<String>) {
    let mut main = Vec::new();
    let mut additional = Vec::new();
    for clause in line.split([';', '\n']).map(str::trim) {
        let clause = clause.trim_end_matches('.');
        let Some(c) = CREDIT_CLAUSE.captures(clause) else {
            continue;
        };
        let role = c[2].to_lowercase();
        if !matches!(
            role.as_str(),
            "reporting" | "writing" | "written" | "compiled" | "reported" | "additional"
        ) {
            continue;
        }
        let target = if c.get(1).is_some() || role == "additional" {
            &mut additional
        } else {
            &mut main
        };
        for part in NAME_SPLIT.split(&c[3]).map(str::trim) {
            let part = IN_PLACE.replace(part, "").trim().to_string();
            if is_person_name(&part, false) && !target.contains(&part) {
                target.push(part);
            }
        }
    }
    (main, additional)
}

/// "Source: X" (a short attribution line): returns X.
pub fn source_line(line: &str) -> Option<&str> {
    if line.len() > 160 {
        return None;
    }
    let (label, rest) = line.split_once(':')?;
    let label = label.trim().to_lowercase();
    if !matches!(
        label.as_str(),
        "source" | "sources" | "via" | "credit" | "from"
    ) {
        return None;
    }
    let rest = rest.trim();
    (!rest.is_empty() && !more_words_than(rest, 6) && !rest.ends_with('.')).then_some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by(line: &str) -> Option<Byline> {
        parse_byline(line, &Sources::default(), Order::Mdy)
    }

    #[test]
    fn a_date_or_a_domain_run_on_after_the_name_ends_it() {
        for (line, authors, date) in [
            (
                "By Jane Roe, Ann Lee 2024-02-06T10:05:36Z Science",
                vec!["Jane Roe", "Ann Lee"],
                Some("2024-02-06"),
            ),
            (
                "Von Anna Berger 6. Februar 2024 Wissenschaft",
                vec!["Anna Berger"],
                Some("2024-02-06"),
            ),
            (
                "Par Claire Dubois 6 février 2024",
                vec!["Claire Dubois"],
                Some("2024-02-06"),
            ),
            ("Por Ana Ruiz diariodelpuerto.es", vec!["Ana Ruiz"], None),
            ("By Jane Roe harbourgazette.com", vec!["Jane Roe"], None),
        ] {
            let b = by(line).unwrap_or_else(|| panic!("{line}"));
            assert_eq!(b.authors, authors, "{line}");
            assert_eq!(
                b.published.map(|d| d.to_string()).as_deref(),
                date,
                "{line}"
            );
        }
        assert_eq!(
            by("Por Ana Ruiz diariodelpuerto.es")
                .unwrap()
                .outlet
                .as_deref(),
            Some("diariodelpuerto.es")
        );
    }

    #[test]
    fn names() {
        for good in [
            "Jane Roe",
            "Nidal al-Mughrabi",
            "J. K. Doe",
            "Ursula von der Leyen",
            "Seán Ó Dúill",
            "Mary-Kate O'Neil",
        ] {
            assert!(is_person_name(good, false), "{good}");
        }
        for bad in [
            "Example Foundation",
            "Hafen Stiftung",
            "Fondation du Port",
            "Fundación Puerto",
            "Middle East",
            "Source Newsroom",
            "Reuters",
            "CAIRO EGYPT",
            "Talks not expected",
            "World News Desk",
            "The Editors",
            "Skip to content",
        ] {
            assert!(!is_person_name(bad, false), "{bad}");
        }
    }

    #[test]
    fn a_question_word_opens_no_name() {
        // A teaser's or headline's opening, in the four languages: the words after it are
        // capitalised as a name's would be.
        for bad in [
            "Why Jane Roe",
            "How Anna Berg",
            "Warum Anna Berg",
            "Pourquoi Jeanne Roux",
            "Cómo Ana Ruiz",
        ] {
            assert!(!is_person_name(bad, false), "{bad}");
        }
        assert!(is_person_name("Jane Roe", false));
    }

    #[test]
    fn a_possessive_makes_no_name() {
        for bad in [
            "This Week's Flyers",
            "Today’s Top Stories",
            "Editor's Picks",
        ] {
            assert!(!is_person_name(bad, false), "{bad}");
        }
        // Apostrophes inside names of four languages stay names.
        for good in [
            "Mary-Kate O'Neil",
            "Jean d'Ormesson",
            "Anna D'Angelo",
            "Lucía O'Donnell",
            "Hans O'Reilly",
        ] {
            assert!(is_person_name(good, false), "{good}");
        }
    }

    #[test]
    fn by_lines() {
        let b = by("By Jane Roe and John Doe, Reuters").unwrap();
        assert_eq!(b.authors, ["Jane Roe", "John Doe"]);
        assert_eq!(b.outlet.as_deref(), Some("Reuters"));
        let b = by("By ANN LEE and BO CHEN Associated Press").unwrap();
        assert_eq!(b.authors, ["Ann Lee", "Bo Chen"]);
        assert_eq!(b.outlet.as_deref(), Some("AP"));
        let b = by("By Ann Lee, Bo Chen and Cy Dart").unwrap();
        assert_eq!(b.authors, ["Ann Lee", "Bo Chen", "Cy Dart"]);
        let b = by("By Ann Lee, Senior Diplomatic Correspondent").unwrap();
        assert_eq!(b.authors, ["Ann Lee"]);
        let b = by("by Ann Lee for The Daily Planet").unwrap();
        assert_eq!(b.outlet.as_deref(), Some("The Daily Planet"));
        let b = by("By ANN LEE | Associated Press | Feb 6, 2024 | 3 min read").unwrap();
        assert_eq!(b.authors, ["Ann Lee"]);
        assert_eq!(b.outlet.as_deref(), Some("AP"));
        assert_eq!(b.published.unwrap().to_string(), "2024-02-06");
    }

    #[test]
    fn pipe_lines() {
        assert_eq!(
            by("Ann Lee | Bo Chen").unwrap().authors,
            ["Ann Lee", "Bo Chen"]
        );
        assert!(by("World | Middle East").is_none());
        assert!(by("Home | News | Sport").is_none());
    }

    #[test]
    fn name_lines() {
        assert_eq!(name_line("Ann Lee").unwrap(), ["Ann Lee"]);
        assert_eq!(
            name_line("Ann Lee and Bo Chen").unwrap(),
            ["Ann Lee", "Bo Chen"]
        );
        assert!(name_line("Middle East").is_none());
        assert!(name_line("Talks not expected to be easy").is_none());
        assert_eq!(name_line("Ann Lee in Jerusalem").unwrap(), ["Ann Lee"]);
        // Job words run on after the name, in four languages.
        for (line, name) in [
            ("Ann Lee Senior Contributor", "Ann Lee"),
            ("Anna Berger Redakteurin", "Anna Berger"),
            ("Claire Dubois Rédactrice", "Claire Dubois"),
            ("Ana Ruiz Periodista", "Ana Ruiz"),
        ] {
            assert_eq!(name_line(line).unwrap(), [name], "{line}");
        }
        assert!(name_line("Senior Contributor").is_none());
    }

    #[test]
    fn the_name_line_gate_passes_every_name_line() {
        // The gate reads the first two words; past it, the parts are split and cut
        // ("in Place", "(...)", job words). It may let a line through that has no names, never
        // stop one that has.
        let lines = [
            "Ann Lee",
            "Ann Lee, Bo Chen",
            "Ann Lee & Bo Chen",
            "Ann Lee und Bo Chen",
            "Anna Berger et Claire Dubois",
            "Ana Ruiz y Luis Gómez",
            "Ann Lee with Bo Chen",
            " Ann Lee",
            ", Ann Lee",
            "& Ann Lee",
            "Ann Lee (AP)",
            "Ann Lee(AP)",
            "Ann Lee in Jerusalem",
            "Ann(AP) Lee",
            "Ann, Lee",
            "Ann",
            "Ann Lee Senior Contributor",
            "Senior Contributor",
            "Ursula von der Leyen",
            "Nidal al-Mughrabi",
            "al-Mughrabi Nidal",
            "d'Estaing Valéry",
            "J. K. Doe",
            "Ann von",
            "ANN LEE",
            "Élodie Martin",
            "Ölçü Şahin",
            "The minister said",
            "Der Minister sagte",
            "Le ministre a dit",
            "El ministro dijo",
            "Ann\tLee",
            "Ann\u{a0}Lee",
            "Ann Lee’s Flyers",
            "Monday Lee",
            "News Desk",
            "Ann 2Lee",
            "",
        ];
        for line in lines {
            if names_of_line(line).is_some() {
                assert!(may_open_name_line(line), "{line:?}");
            }
        }
        assert!(may_open_name_line("Ann Lee"));
        assert!(!may_open_name_line("The minister said"));
        // Nouns are capitalised in German: the gate lets "Der Minister" through, and the
        // name test after it says no.
        assert!(may_open_name_line("Der Minister sagte"));
        assert!(name_line("Der Minister sagte").is_none());
        assert!(!may_open_name_line("Es regnet heute"));
        assert!(!may_open_name_line("Le ministre a dit"));
        assert!(!may_open_name_line("El ministro dijo"));
        assert_eq!(name_line("Ann Lee(AP)").unwrap(), ["Ann Lee"]);
        assert_eq!(
            name_line("Ann Lee, Bo Chen").unwrap(),
            ["Ann Lee", "Bo Chen"]
        );
    }

    #[test]
    fn byline_openings_pass_the_pair_gate() {
        let sources = Sources::default();
        for line in [
            "By Ann Lee",
            "BY ANN LEE",
            "Written by Ann Lee",
            "Words by Ann Lee",
            "Story by Ann Lee",
            "Reported by Ann Lee",
            "Posted by Ann Lee",
            "Text by Ann Lee",
            "Video by Ann Lee",
            "Author: Ann Lee",
            "Authors: Ann Lee and Bo Chen",
            "By: Ann Lee",
            "Von Anna Berger",
            "Par Claire Dubois",
            "Por Ana Ruiz",
        ] {
            let by = parse_byline(line, &sources, Order::Dmy).expect(line);
            assert!(!by.authors.is_empty(), "{line}");
        }
        // A sentence opening with the same first letter is no byline.
        assert!(parse_byline("Beyond the harbour", &sources, Order::Dmy).is_none());
        assert!(parse_byline("Viele Menschen warten", &sources, Order::Dmy).is_none());
    }

    #[test]
    fn a_name_glued_to_its_link() {
        for (line, name) in [
            ("Ann LeeView More Articles", "Ann Lee"),
            ("Anna BergerAlle Artikel", "Anna Berger"),
            ("Claire DuboisTous ses articles", "Claire Dubois"),
            ("Ana RuizMás artículos", "Ana Ruiz"),
        ] {
            assert_eq!(glued_name(line).as_deref(), Some(name), "{line}");
        }
        // Menus glued together are no names.
        assert!(glued_name("PoliticsMiddle East").is_none());
        assert!(glued_name("Latest NewsMost Read").is_none());
        assert!(glued_name("Ann Lee").is_none());
        assert!(glued_name("McDonald opens in Moscow").is_none());
        assert!(glued_name("Weekly RoundUps").is_none());
    }

    #[test]
    fn credits() {
        let line = "Reporting by Ann Lee in Doha and Bo Chen in Cairo; Additional reporting by Cy Dart; Editing by Di Eng";
        assert!(is_credit_line(line));
        let (main, extra) = credit_authors(line);
        assert_eq!(main, ["Ann Lee", "Bo Chen"]);
        assert_eq!(extra, ["Cy Dart"]);
        assert!(!is_credit_line("Editors are not reporters"));
        assert_eq!(
            credit_authors("Writing by Ann Lee; Editing by Bo Chen and Cy Dart").0,
            ["Ann Lee"]
        );
    }

    #[test]
    fn source_lines() {
        assert_eq!(source_line("Source: Newsroom"), Some("Newsroom"));
        assert_eq!(source_line("Sources: AFP, Reuters"), Some("AFP, Reuters"));
        assert_eq!(
            source_line("Source: a sentence that says a lot more than an attribution."),
            None
        );
    }
}
