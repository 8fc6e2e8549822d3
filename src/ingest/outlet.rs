//! Pick the source: the outlet that published the page, from how the page names itself when
//! the text carries no URL: the copyright line of its footer ("© 2019 Outlet"), a "Follow
//! Outlet on ..." prompt, the outlet's own domain printed as a name ("Outlet.com"). Each
//! candidate counts for more when the page repeats it. Never from a headline.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;

use super::blocks::Unit;
use super::sources::Sources;
use crate::analyze::fasthash::{FastMap, FastSet};

/// "© 2019 Outlet", "Copyright © 2000-2019 Outlet, Inc.", "Copyright 2019 Outlet. All rights".
static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:©|\(c\)|copyright)\s*(?:©\s*|copyright\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*(?:©\s*)?[,-]?\s*)?(?:by\s+)?(?-i:(?P<name>[\p{Lu}\d][\p{L}\d&'’-]*(?:\.[\p{L}\d]+)*(?:\s+[\p{L}\d&'’-]+(?:\.[\p{L}\d]+)*){0,5}?))(?:\s*\d{4})?\s*(?:[.,|©–—-]\s|\.$|,|\s+all\s+rights|\s+is\s|\s+\(|$)")
        .expect("valid regex")
});
/// A domain printed as a name: "Cleveland.com", "Phys.org".
static DOMAIN_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[\s(])(?P<name>[A-Za-z0-9][A-Za-z0-9-]{1,40}\.(?:com|org|net|co\.uk|in|ca|co|info|news))(?:$|[\s.,;:)|])")
        .expect("valid regex")
});

/// A '.' between a letter, digit or hyphen and a lower-case letter ("example.com"): what
/// every domain `DOMAIN_NAME` and `PRINTED_HOST` read has, and a sentence's full stop
/// (before a space or at the end) has not. A byte scan that spares most prose lines the
/// regexes.
fn may_print_domain(t: &str) -> bool {
    let b = t.as_bytes();
    // Only the full stops are looked at (memchr), not every byte of every line.
    memchr::memchr_iter(b'.', b).any(|i| {
        i >= 1
            && i + 1 < b.len()
            && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'-')
            && b[i + 1].is_ascii_lowercase()
    })
}

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
    if super::blocks::more_words_than(text, 60) {
        return None;
    }
    let c = COPYRIGHT.captures(text)?;
    let name = c.name("name")?;
    // A notice has its sign or its year; a bare "Copyright" is a footer menu's link
    // ("Terms Copyright Ad Registry").
    let head = &text[c.get(0)?.start()..name.start()];
    if !(head.contains('©') || head.contains("(c)") || head.bytes().any(|b| b.is_ascii_digit())) {
        return None;
    }
    let name = name_words_only(name.as_str());
    let name = without_legal_form(name);
    (!is_generic(name) && name.chars().any(char::is_alphabetic) && !name.contains("Image"))
        .then(|| name.to_string())
}

/// A company's name without its legal form: "Coastline Media, Inc." → "Coastline Media".
fn without_legal_form(name: &str) -> &str {
    name.trim_end_matches(['.', ',', ' '])
        .trim_end_matches(" Inc")
        .trim_end_matches(" LLC")
        .trim_end_matches(" Ltd")
        .trim_end_matches(',')
        .trim()
}

/// A copyright owner's name without what runs on after it in lower case or as years: "The
/// Republic unless otherwise noted", "The Harbour Post 2011-2019" → the name. Lower-case
/// words inside a name ("Times of Israel") stay when a capitalised word follows them.
fn name_words_only(name: &str) -> &str {
    let mut end = 0;
    for (at, word) in name.split_whitespace().map(|w| {
        let at = w.as_ptr() as usize - name.as_ptr() as usize;
        (at, w)
    }) {
        let first = word.chars().next().unwrap_or(' ');
        let years = word
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '–'))
            && word.chars().filter(char::is_ascii_digit).count() >= 4;
        if years {
            break;
        }
        if first.is_uppercase() || first.is_ascii_digit() || word == "&" {
            end = at + word.len();
        } else if !CONNECTORS.contains(&word) {
            break;
        }
    }
    if end == 0 {
        name
    } else {
        &name[..end]
    }
}

/// What a cue of `data/self_naming.txt` says about the name beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CueKind {
    /// The outlet's name follows ("Follow X").
    Before,
    /// The outlet's name comes before ("X Staff").
    After,
    /// The name before is the outlet, the one after its owner ("X is part of Y").
    Parent,
    /// A job at the outlet, anywhere in an author's box ("Science writer at X").
    Job,
}

/// The cues of `data/self_naming.txt`, found in one pass over a line.
struct Cues {
    finder: AhoCorasick,
    /// Per finder pattern: what it says (a cue may stand in two sections).
    kinds: Vec<Vec<CueKind>>,
    /// The `[parent]` cues alone: all a line outside the framed furniture is searched for
    /// (most of a page's lines, and a smaller automaton is a faster scan).
    parent_finder: AhoCorasick,
    /// `finder` and `parent_finder`'s cues, leftmost-first: whether a line holds any cue at
    /// all (most hold none), asked with the library's vector prefilter, which the
    /// overlapping search cannot use.
    gate: AhoCorasick,
    parent_gate: AhoCorasick,
    generic: FastSet<&'static str>,
    /// Last words of a company's name, not an outlet's (`[company]`).
    company: FastSet<&'static str>,
    /// The page's word for itself after a cue ("Follow us", `[us]`).
    us: FastSet<&'static str>,
    /// Every cue holds an ASCII letter (true of the data; checked, not assumed): a line
    /// without one (a rule of dashes) needs no scan.
    need_letter: bool,
}

static CUES: LazyLock<Cues> = LazyLock::new(|| {
    let mut patterns: Vec<(&'static str, Vec<CueKind>)> = Vec::new();
    let mut generic = FastSet::default();
    let mut company = FastSet::default();
    let mut us = FastSet::default();
    let mut section = "";
    for line in include_str!("data/self_naming.txt").lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with('[') {
            section = line;
            continue;
        }
        let kind = match section {
            "[before]" => CueKind::Before,
            "[after]" => CueKind::After,
            "[parent]" => CueKind::Parent,
            "[job]" => CueKind::Job,
            "[generic]" => {
                generic.insert(line);
                continue;
            }
            "[company]" => {
                company.insert(line);
                continue;
            }
            "[us]" => {
                us.insert(line);
                continue;
            }
            _ => continue,
        };
        match patterns.iter_mut().find(|(p, _)| *p == line) {
            Some((_, kinds)) => kinds.push(kind),
            None => patterns.push((line, vec![kind])),
        }
    }
    // A few hundred bytes of patterns: the DFA is small and the fastest to scan with.
    let dfa = |patterns: Vec<&str>| {
        AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(patterns)
            .expect("cues compile")
    };
    let need_letter = patterns
        .iter()
        .all(|(p, _)| p.bytes().any(|b| b.is_ascii_alphabetic()));
    let all: Vec<&str> = patterns.iter().map(|(p, _)| *p).collect();
    let parents: Vec<&str> = patterns
        .iter()
        .filter(|(_, k)| k.contains(&CueKind::Parent))
        .map(|(p, _)| *p)
        .collect();
    let leftmost = |patterns: &[&str]| {
        AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .build(patterns)
            .expect("cues compile")
    };
    Cues {
        gate: leftmost(&all),
        parent_gate: leftmost(&parents),
        finder: dfa(all),
        parent_finder: dfa(parents),
        kinds: patterns.into_iter().map(|(_, k)| k).collect(),
        generic,
        company,
        us,
        need_letter,
    }
});

/// Lower-case words allowed inside a name ("Times of Israel", "Le Courrier du Port").
const CONNECTORS: &[&str] = &[
    "of", "de", "du", "des", "la", "le", "el", "del", "der", "die", "das", "&",
];

/// One word of a name, as printed: a capital or a digit first ("9to5Mac", "IndieWire",
/// "Phys.org"), end punctuation and a possessive removed. Returns the word and whether
/// punctuation closed it.
fn name_word(token: &str) -> Option<(&str, bool)> {
    let trimmed = token.trim_end_matches([',', '.', ':', ';', '!', '?', ')', '"', '”', '»']);
    let closed = trimmed.len() < token.len();
    let w = trimmed
        .strip_suffix("'s")
        .or_else(|| trimmed.strip_suffix("’s"))
        .unwrap_or(trimmed);
    let first = w.chars().next()?;
    let ok = (first.is_uppercase() || first.is_ascii_digit())
        && w.chars().any(char::is_alphabetic)
        && w.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '&' | '\'' | '’' | '®'));
    ok.then_some((w.trim_end_matches('®'), closed || w.len() < trimmed.len()))
}

/// The name printed right after byte `at` of `text` (up to four words).
fn name_after(text: &str, at: usize) -> Option<String> {
    let mut words: Vec<&str> = Vec::new();
    let mut tokens = text[at..].split_whitespace().peekable();
    if let Some(t) = tokens.peek() {
        if *t == "the" {
            tokens.next();
        }
    }
    for t in tokens {
        if words.len() == 4 {
            break;
        }
        if !words.is_empty() && CONNECTORS.contains(&t) {
            words.push(t);
            continue;
        }
        // A number inside a name ("Channel 4 News", "France 24").
        let number = t.trim_end_matches([',', '.', ':', ';']);
        if !words.is_empty()
            && (1..=3).contains(&number.len())
            && number.bytes().all(|b| b.is_ascii_digit())
        {
            words.push(number);
            if number.len() < t.len() {
                break;
            }
            continue;
        }
        let Some((w, closed)) = name_word(t) else {
            break;
        };
        words.push(w);
        if closed {
            break;
        }
    }
    while words.last().is_some_and(|w| CONNECTORS.contains(w)) {
        words.pop();
    }
    (!words.is_empty()).then(|| words.join(" "))
}

/// The name printed right before byte `at` of `text` (up to four words), with the byte
/// where it starts.
fn name_before(text: &str, at: usize) -> Option<(String, usize)> {
    let head = &text[..at];
    // Tokens with their start, last first.
    let mut tokens: Vec<(usize, &str)> = Vec::new();
    let mut start = None;
    for (i, c) in head.char_indices() {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                tokens.push((s, &head[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        tokens.push((s, &head[s..]));
    }
    let mut words: Vec<(usize, &str)> = Vec::new();
    for &(s, t) in tokens.iter().rev() {
        if words.len() == 4 {
            break;
        }
        if !words.is_empty() && CONNECTORS.contains(&t) {
            words.push((s, t));
            continue;
        }
        match name_word(t) {
            // "Eric Song, IGN Staff": the comma ends the name before it.
            Some((w, false)) => words.push((s, w)),
            Some((w, true)) if words.is_empty() && w.len() + 1 >= t.len() => {
                words.push((s, w));
            }
            _ => break,
        }
    }
    while words.last().is_some_and(|w| CONNECTORS.contains(&w.1)) {
        words.pop();
    }
    let from = words.last()?.0;
    words.reverse();
    Some((
        words.iter().map(|w| w.1).collect::<Vec<_>>().join(" "),
        from,
    ))
}

/// Whether byte `at` of `text` opens a phrase: the start of the line or after a separator
/// ("Follow X", "… | About X", "By Jane Roe, X Staff"), not inside a sentence or headline.
fn opens_phrase(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end();
    before.is_empty()
        || before.ends_with([
            '.', ',', ':', ';', '|', '•', '!', '?', '-', '–', '—', '/', '·',
        ])
}

/// Whether `lower[start..end]` stands as whole words.
fn whole_words(lower: &str, start: usize, end: usize) -> bool {
    let edge = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    edge(lower[..start].chars().next_back()) && edge(lower[end..].chars().next())
}

/// The key two spellings of one outlet share: "Live Science", "LiveScience.com" and "The
/// Star", "thestar.com" meet as "livescience" and "star".
fn name_key(name: &str) -> String {
    let l = name.to_lowercase();
    let l = l.strip_prefix("the ").unwrap_or(&l);
    let l = match l.rsplit_once('.') {
        Some((head, tld)) if !head.contains(' ') && tld.len() <= 4 => head,
        _ => l,
    };
    let key: String = l.chars().filter(|c| c.is_alphanumeric()).collect();
    key.strip_prefix("the")
        .filter(|k| l.starts_with("the") && k.len() >= 3 && !l.contains(' '))
        .map_or(key.clone(), str::to_string)
}

/// A company's name, by its last word ("Coastline Media Group", "Küstenverlag GmbH") or, in
/// French and Spanish, its first ("Groupe Littoral", "Grupo Costa"): a name of two words or
/// more (a single word is a brand).
fn is_company_name(name: &str) -> bool {
    let words: Vec<String> = name
        .split_whitespace()
        .map(|w| w.trim_matches(['.', ',']).to_lowercase())
        .collect();
    words.len() >= 2
        && [words.first(), words.last()]
            .into_iter()
            .flatten()
            .any(|w| CUES.company.contains(w.as_str()))
}

/// A name made only of generic or function words is no outlet ("About Us", "Follow Me").
fn is_generic_name(name: &str) -> bool {
    name.split_whitespace().all(|w| {
        let w = w.to_lowercase();
        CUES.generic.contains(w.as_str()) || super::locate::is_stop_word(&w)
    }) || name.chars().filter(|c| c.is_alphanumeric()).count() < 2
}

#[derive(Default)]
struct Candidate {
    score: f64,
    /// Spellings as printed, with how often each was read.
    forms: Vec<(String, usize)>,
}

/// Whether `short` is printed as the initials of `name` ("TRD" / "The Real Deal", "TOI" /
/// "Times of Israel"): capitals only, one per word of the name, every word or every word
/// but an article.
fn initials_of(name: &str, short: &str) -> bool {
    let n = short.chars().count();
    if !(2..=6).contains(&n) || !short.chars().all(|c| c.is_uppercase()) {
        return false;
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 2 {
        return false;
    }
    let letters = |ws: &[&str]| -> String {
        ws.iter()
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_uppercase)
            .collect()
    };
    let all = letters(&words);
    let no_article = match words.split_first() {
        Some((first, rest)) if ARTICLES.contains(&first.to_lowercase().as_str()) => letters(rest),
        _ => all.clone(),
    };
    short == all || short == no_article
}

/// Candidate names, by key.
#[derive(Default)]
struct Candidates(FastMap<String, Candidate>);

impl Candidates {
    /// A name read in a frame ("By TOI Staff", "Follow X"): a generic word that opens it is
    /// the frame's, not the name's.
    fn add(&mut self, name: &str, score: f64) {
        let name = name.trim();
        // "By TOI Staff": a byline word opens no name.
        let name = match name.split_once(' ') {
            Some((first, rest))
                if CUES.generic.contains(first.to_lowercase().as_str())
                    && !matches!(
                        first,
                        "The" | "Le" | "La" | "Les" | "El" | "Los" | "Las" | "Der" | "Die" | "Das"
                    ) =>
            {
                rest
            }
            _ => name,
        };
        self.add_as_printed(name, score);
    }

    /// The owner a copyright line names. Its frame (sign, year) is strong enough that a name
    /// of capitalised common words counts too ("Global News", "Local Times"), where in other
    /// frames such words are a menu's ("Top News", "More").
    fn add_owner(&mut self, name: &str, score: f64) {
        let words: Vec<&str> = name.split_whitespace().collect();
        let proper = words.len() >= 2
            && words.iter().all(|w| {
                w.starts_with(|c: char| c.is_uppercase())
                    && !super::locate::is_stop_word(&w.to_lowercase())
            });
        if proper {
            self.count(name.trim(), score);
        } else {
            self.add_as_printed(name, score);
        }
    }

    /// A name the page also prints by its initials ("The Real Deal" and "TRD") takes the
    /// initials' evidence: both are read as one outlet.
    fn merge_initialisms(&mut self) {
        let mut keys: Vec<String> = self.0.keys().cloned().collect();
        keys.sort();
        for short in &keys {
            let Some(c) = self.0.get(short) else { continue };
            let Some((form, _)) = c.forms.first() else {
                continue;
            };
            let form = form.clone();
            let long = keys.iter().find(|k| {
                *k != short
                    && self
                        .0
                        .get(*k)
                        .is_some_and(|l| l.forms.iter().any(|(f, _)| initials_of(f, &form)))
            });
            if let Some(long) = long.cloned() {
                let c = self.0.remove(short).expect("present");
                let l = self.0.get_mut(&long).expect("present");
                l.score += c.score;
                l.forms.extend(c.forms);
            }
        }
    }

    /// A name as printed in full, where no frame word can open it (a copyright line's
    /// owner: "© 2019 News Nation").
    fn add_as_printed(&mut self, name: &str, score: f64) {
        let name = name.trim();
        if !is_generic_name(name) {
            self.count(name, score);
        }
    }

    /// `score` for the candidate `name` is a spelling of, and one more reading of that spelling.
    fn count(&mut self, name: &str, score: f64) {
        let key = name_key(name);
        if key.is_empty() {
            return;
        }
        let c = self.0.entry(key).or_default();
        c.score += score;
        match c.forms.iter_mut().find(|(f, _)| f == name) {
            Some(f) => f.1 += 1,
            None => c.forms.push((name.to_string(), 1)),
        }
    }
}

/// A possessive "'s " ("’s ", "‘s ") in a unit: the apostrophe's offset and the offset
/// after the space, where the possessed name starts.
struct Possessive {
    unit: usize,
    apostrophe: usize,
    after: usize,
}

/// Where a line's possessives are (pushed to `out`). Only the apostrophes are looked at
/// (memchr on the ASCII one and on the last byte of '’' and '‘'), not every byte.
fn possessives_in(t: &str, unit: usize, out: &mut Vec<Possessive>) {
    let b = t.as_bytes();
    for j in memchr::memchr3_iter(b'\'', 0x98, 0x99, b) {
        // '’' and '‘' are E2 80 99 and E2 80 98; the apostrophe starts at `start`.
        let start = match b[j] {
            b'\'' => j,
            _ if j >= 2 && b[j - 2] == 0xE2 && b[j - 1] == 0x80 => j - 2,
            _ => continue,
        };
        if b[j + 1..].starts_with(b"s ") {
            out.push(Possessive {
                unit,
                apostrophe: start,
                after: j + 3,
            });
        }
    }
}

/// A candidate the page prints as another name's possession ("The Daily Planet's Deep Water
/// series", "Le Courrier's Weekend") is that outlet's section, series or product, not the
/// outlet: it counts against, as a parent company does, and its owner is read as a name.
fn owned_sections(cands: &mut Candidates, units: &[Unit]) {
    if cands.0.is_empty() {
        return;
    }
    let mut forms: Vec<(&String, &str)> = cands
        .0
        .iter()
        .flat_map(|(k, c)| {
            c.forms
                .iter()
                .filter(|(f, _)| !f.contains('.'))
                .map(move |(f, _)| (k, f.as_str()))
        })
        .collect();
    if forms.is_empty() {
        return;
    }
    forms.sort();
    // Only the lines holding a possessive can own a name: found only on a page with a
    // name to own.
    let mut possessives: Vec<Possessive> = Vec::new();
    for (i, u) in units.iter().enumerate() {
        possessives_in(&u.text, i, &mut possessives);
    }
    let mut owned: Vec<(String, String)> = Vec::new();
    for group in possessives.chunk_by(|a, b| a.unit == b.unit) {
        let t = &units[group[0].unit].text;
        let mut consider = |key: &String, at: usize, owner_end: usize, form: &str| {
            let after = t[at + form.len()..].chars().next();
            if after.is_some_and(char::is_alphanumeric) {
                return;
            }
            let Some((owner, _)) = name_before(t, owner_end) else {
                return;
            };
            if name_key(&owner) != *key
                && !is_generic_name(&owner)
                && !owned.iter().any(|(k, o)| k == key && *o == owner)
            {
                owned.push((key.clone(), owner));
            }
        };
        for (key, form) in &forms {
            // A form that could overlap its own earlier match across the possessive is
            // searched as `match_indices` does (non-overlapping matches); any other is
            // matched at each possessive's end alone, which finds the same occurrences.
            let self_overlap =
                form.is_empty() || form.starts_with(['s', ' ']) || form.contains(['\'', '’', '‘']);
            if self_overlap {
                for (at, _) in t.match_indices(form) {
                    let Some(head) = t[..at].strip_suffix("s ") else {
                        continue;
                    };
                    let Some(owner_end) = head.strip_suffix(['\'', '’', '‘']).map(str::len)
                    else {
                        continue;
                    };
                    consider(key, at, owner_end, form);
                }
            } else {
                for p in group {
                    if t[p.after..].starts_with(form) {
                        consider(key, p.after, p.apostrophe, form);
                    }
                }
            }
        }
    }
    for (key, owner) in owned {
        if let Some(c) = cands.0.get_mut(&key) {
            c.score -= PARENT;
        }
        cands.add(&owner, FRAME);
    }
}

/// Whether a line (`t`, and `lower` its lower case) prints "©", "(c)" or "copyright": byte
/// searches that set nothing up per line (a substring search did, on every furniture line).
fn names_copyright(t: &str, lower: &str) -> bool {
    let b = t.as_bytes();
    // '©' is C2 A9; "(c)" opens with '('.
    memchr::memchr2_iter(0xA9, b'(', b).any(|j| match b[j] {
        b'(' => b[j + 1..].starts_with(b"c)"),
        _ => j > 0 && b[j - 1] == 0xC2,
    }) || {
        let l = lower.as_bytes();
        memchr::memchr_iter(b'y', l)
            .any(|j| j >= 3 && l[j - 3..j] == *b"cop" && l[j + 1..].starts_with(b"right"))
    }
}

/// The outlet the page names itself by, mapped through the outlet table.
///
/// Every name the page prints in a self-naming frame is a candidate: after "Follow",
/// "About", "Subscribe to"; before "Staff", "Newsletter", "is part of"; the owner of the
/// footer's copyright line; the page's own domain; a short masthead line at the top. Each
/// counts for more the more lines of the page repeat it; an owner named after "is part of"
/// counts against (the parent company, not the outlet).
#[cfg(test)]
pub fn self_named(units: &[Unit], dropped: &[bool], sources: &Sources) -> Option<String> {
    // Every unit its own first copy: each line read.
    let own: Vec<u32> = (0..units.len())
        .map(|i| u32::try_from(i).unwrap_or(u32::MAX))
        .collect();
    self_named_with_copies(units, dropped, sources, &own)
}

/// The byte searches of `self_named` that read nothing but a line's text and lower case,
/// asked once per distinct text (`TextTests`): each has a bit saying it was asked and one
/// holding its answer.
const HAS_AT: u16 = 1;
const NAMES_COPYRIGHT: u16 = 1 << 2;
const PRINTS_DOMAIN: u16 = 1 << 4;
/// The cue gates: their answer bit is set when the gate finds no cue.
const NO_FRAME_CUE: u16 = 1 << 6;
const NO_PARENT_CUE: u16 = 1 << 8;

/// Answers of `self_named`'s text tests, kept at each line's first copy.
struct TextTests<'a> {
    same: &'a [u32],
    memo: Vec<u16>,
}

impl TextTests<'_> {
    /// The answer of the test `bit` for line `i`: its first copy's, or `test`'s, kept there.
    #[inline]
    fn ask(&mut self, i: usize, bit: u16, test: impl FnOnce() -> bool) -> bool {
        let f = self.same.get(i).map_or(i, |&f| (f as usize).min(i));
        let m = &mut self.memo[f];
        if *m & bit == 0 {
            *m |= bit | if test() { bit << 1 } else { 0 };
        }
        *m & (bit << 1) != 0
    }
}

/// `self_named`, given each unit's first copy (`blocks::first_same`: the same text, lower
/// case and word count). The byte searches and cue gates below read a line's text and lower
/// case alone, so a copy takes its first copy's answers; what a line adds (candidates,
/// domains, the copyright owner) is still added at every copy.
pub fn self_named_with_copies(
    units: &[Unit],
    dropped: &[bool],
    sources: &Sources,
    same: &[u32],
) -> Option<String> {
    let mut cands = Candidates::default();
    let mut last_copyright: Option<String> = None;
    let mut domains: FastMap<String, usize> = FastMap::default();
    let mut parents: Vec<String> = Vec::new();
    let mut tests = TextTests {
        same,
        memo: vec![0; units.len()],
    };
    for (i, u) in units.iter().enumerate() {
        let t = &u.text;
        if tests.ask(i, HAS_AT, || memchr::memchr(b'@', t.as_bytes()).is_some()) {
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
            && tests.ask(i, NAMES_COPYRIGHT, || names_copyright(t, &u.lower))
        {
            if let Some(name) = copyright_owner(t) {
                last_copyright = Some(name);
            }
            // "Outlet © 2019 Owner": the name before the sign is the site's.
            if let Some(at) = t.find('©') {
                if let Some((name, from)) = name_before(t, at) {
                    if opens_phrase(t, from) {
                        cands.add(&name, FRAME);
                    }
                }
            }
        }
        // A page names its own domain in its furniture and short lines, not in prose.
        if (dropped[i] || u.words <= 40) && tests.ask(i, PRINTS_DOMAIN, || may_print_domain(t)) {
            for c in DOMAIN_NAME.captures_iter(t) {
                let name = &c["name"];
                // Printed with a capital, as a name ("Cleveland.com"), not a link.
                if name.starts_with(|c: char| c.is_ascii_uppercase()) || dropped[i] {
                    *domains.entry(name.to_lowercase()).or_default() += 1;
                }
            }
        }
        // Self-naming frames live in short lines; offsets of `lower` must be those of `text`.
        if u.words > 60 || u.lower.len() != t.len() {
            continue;
        }
        let lower = u.lower.as_str();
        if CUES.need_letter && !lower.bytes().any(|b| b.is_ascii_alphabetic()) {
            continue;
        }
        let framed = u.words <= 25 && dropped[i];
        let (finder, all_kinds) = if framed {
            (&CUES.finder, true)
        } else {
            (&CUES.parent_finder, false)
        };
        // Most lines hold no cue: the same cues in a leftmost automaton (whose prefilter
        // is a vector search over the whole line) say so before the overlapping scan.
        let (gate, no_cue) = if framed {
            (&CUES.gate, NO_FRAME_CUE)
        } else {
            (&CUES.parent_gate, NO_PARENT_CUE)
        };
        // A copy of a line without a cue has none either; at a copy of a line with one,
        // the gate is asked again.
        let mut found = None;
        if tests.ask(i, no_cue, || {
            found = gate.find(lower);
            found.is_none()
        }) {
            continue;
        }
        // No cue starts before the leftmost one: the overlapping scan starts there.
        let Some(first) = found.or_else(|| gate.find(lower)) else {
            continue;
        };
        let from = aho_corasick::Input::new(lower).span(first.start()..lower.len());
        for m in finder.find_overlapping_iter(from) {
            let (at, end) = (m.start(), m.end());
            if !whole_words(lower, at, end) {
                continue;
            }
            let kinds: &[CueKind] = if all_kinds {
                &CUES.kinds[m.pattern().as_usize()]
            } else {
                &[CueKind::Parent]
            };
            for kind in kinds {
                match kind {
                    CueKind::Parent => {
                        if let Some(name) = name_after(t, end) {
                            parents.push(name_key(without_legal_form(&name)));
                        }
                        if let Some((name, from)) = name_before(t, at) {
                            if opens_phrase(t, from) {
                                cands.add(&name, SELF_DESCRIBED);
                            }
                        }
                    }
                    CueKind::Before if framed && opens_phrase(t, at) => {
                        // "Follow us: Facebook Twitter" names the platforms, not the page.
                        let to_us = t[end..].split_whitespace().next().is_some_and(|w| {
                            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                            CUES.us.contains(w.to_lowercase().as_str())
                        });
                        // The name follows the cue: no frame word opens it ("More from
                        // Open Future").
                        if let Some(name) = name_after(t, end).filter(|_| !to_us) {
                            cands.add_as_printed(&name, FRAME);
                        }
                    }
                    CueKind::Job if framed => {
                        if let Some(name) = name_after(t, end) {
                            cands.add_as_printed(&name, FRAME);
                        }
                    }
                    CueKind::After if framed => {
                        if let Some((name, from)) = name_before(t, at) {
                            if opens_phrase(t, from) {
                                cands.add(&name, FRAME);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    // The masthead: a short name line at the very top.
    for u in units.iter().take(3) {
        // A menu's first entries are bullets; a masthead stands alone.
        if u.words <= 3 && u.mark == super::blocks::Mark::Plain {
            if let Some(name) = name_after(&u.text, 0) {
                if name.len() + 2 >= u.text.len() {
                    cands.add(&name, MASTHEAD);
                }
            }
        }
    }
    if let Some(name) = last_copyright {
        cands.add_owner(&name, COPYRIGHT_OWNER);
    }
    if let Some((name, n)) = domains
        .iter()
        .filter(|(_, &n)| n >= 2)
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
    {
        cands.add(name, 1.0 + (*n as f64).min(3.0));
    }
    // A name the page also prints as its domain ("National Post" and "NationalPost.com"):
    // the page naming itself twice over.
    let mut own: Vec<String> = domains.keys().map(|d| name_key(d)).collect();
    own.sort();
    own.dedup();
    for key in own {
        if let Some(c) = cands.0.get_mut(&key) {
            if c.forms.iter().any(|(f, _)| !f.contains('.')) {
                c.score += SPELLS_DOMAIN;
            }
        }
    }
    for p in &parents {
        if let Some(c) = cands.0.get_mut(p) {
            c.score -= PARENT;
        }
    }
    cands.merge_initialisms();
    owned_sections(&mut cands, units);
    if cands.0.is_empty() {
        // No name read: nothing to count, no automaton to build.
        return None;
    }
    // Repetition on the page: a name the page prints again and again is its own.
    let mut keys: Vec<&String> = cands.0.keys().collect();
    keys.sort();
    let patterns: Vec<(usize, String)> = keys
        .iter()
        .enumerate()
        .flat_map(|(k, key)| {
            let forms = &cands.0[*key].forms;
            forms.iter().map(move |(f, _)| {
                let f = f.to_lowercase();
                let f = match f.rsplit_once('.') {
                    Some((head, tld)) if !head.contains(' ') && tld.len() <= 4 => head.to_string(),
                    _ => f,
                };
                (k, f)
            })
        })
        .collect();
    let mut repeats = vec![0; keys.len()];
    // A company's legal or group name ("X Media Group", "X Broadcasting", "X Network Inc")
    // is the page's owner: the outlet only when no other name is read.
    let company = |c: &Candidate| c.forms.iter().all(|(f, _)| is_company_name(f));
    // A lone name that already scores enough is the answer whatever its repeats add (they
    // only rank names against each other): no automaton to build. So is a name, not a
    // company's, that scores enough and leads every other such name by more than the most
    // repeats can add.
    let lone = keys.len() == 1 && cands.0[keys[0]].score >= MIN_SCORE;
    let (mut top, mut second) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
    for c in cands.0.values().filter(|c| !company(c)) {
        if c.score > top {
            second = top;
            top = c.score;
        } else if c.score > second {
            second = c.score;
        }
    }
    let decided = lone || top >= MIN_SCORE && top > second + REPEAT * MAX_REPEATS as f64;
    if !decided {
        repeats = if patterns.iter().any(|p| p.1.is_empty()) {
            repeats_by_automaton(&patterns, keys.len(), units, dropped)
        } else {
            repeats_by_word_starts(&patterns, keys.len(), units, dropped)
        };
    }
    let scored: Vec<(f64, &String, &Candidate)> = keys
        .iter()
        .zip(&repeats)
        .map(|(key, &n)| {
            let c = &cands.0[*key];
            (c.score + REPEAT * n.min(MAX_REPEATS) as f64, *key, c)
        })
        .filter(|(score, _, _)| *score >= MIN_SCORE)
        .collect();
    let best = scored
        .iter()
        .filter(|(_, _, c)| !company(c))
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(a.1)))
        .or_else(|| {
            scored
                .iter()
                .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(a.1)))
        })?;
    // Shown as the page spells it most often, in full rather than by its initials; a
    // spelled name over a domain.
    let spelled = |f: &String| !best.2.forms.iter().any(|(g, _)| initials_of(g, f));
    let (name, _) = best
        .2
        .forms
        .iter()
        .filter(|(f, _)| spelled(f))
        .max_by(|a, b| {
            a.1.cmp(&b.1)
                .then((!a.0.contains('.')).cmp(&!b.0.contains('.')))
                .then(a.0.len().cmp(&b.0.len()))
                .then(b.0.cmp(&a.0))
        })?;
    if let Some(known) = sources.by_name(name).or_else(|| sources.find_in(name)) {
        return Some(known.to_string());
    }
    Some(full_name(name, units, dropped).unwrap_or_else(|| name.clone()))
}

/// The lines scanned for a name's repeats: the furniture and short lines (a name repeated
/// in the article's prose is its subject, not its publisher).
fn counts_repeats(u: &Unit, dropped: bool) -> bool {
    dropped || u.words <= 12
}

/// How many scanned lines print each key's names (`patterns`: a key's index and one of its
/// lower-cased forms) as whole words: one automaton built for the page, every match found
/// and its edges checked. What `repeats_by_word_starts` must agree with.
fn repeats_by_automaton(
    patterns: &[(usize, String)],
    keys: usize,
    units: &[Unit],
    dropped: &[bool],
) -> Vec<usize> {
    let mut repeats = vec![0; keys];
    let Ok(finder) = AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::NoncontiguousNFA))
        .build(patterns.iter().map(|p| p.1.as_str()))
    else {
        return repeats;
    };
    let mut seen = vec![usize::MAX; keys];
    for (i, u) in units.iter().enumerate() {
        if !counts_repeats(u, dropped[i]) {
            continue;
        }
        for m in finder.find_overlapping_iter(u.lower.as_str()) {
            let k = patterns[m.pattern().as_usize()].0;
            if seen[k] != i && whole_words(&u.lower, m.start(), m.end()) {
                seen[k] = i;
                repeats[k] += 1;
            }
        }
    }
    repeats
}

/// `repeats_by_automaton` without building an automaton for every page (the build cost
/// more than the scan): only the bytes that open a name are visited (found by memchr when
/// the names open with three different bytes or fewer), and a name compared there when the
/// character before is no letter or digit. Every name must be non-empty: a byte that opens
/// one is then no UTF-8 continuation byte, so it stands on a character boundary, and the
/// name ends on one wherever it matches.
fn repeats_by_word_starts(
    patterns: &[(usize, String)],
    keys: usize,
    units: &[Unit],
    dropped: &[bool],
) -> Vec<usize> {
    let mut repeats = vec![0; keys];
    // The names by their first byte.
    let first_byte = |p: &&(usize, String)| p.1.as_bytes().first().copied();
    let mut by_first: Vec<&(usize, String)> = patterns.iter().collect();
    by_first.sort_by_key(first_byte);
    let mut opening: Vec<u8> = by_first.iter().filter_map(first_byte).collect();
    opening.dedup();
    let mut opens = [false; 256];
    for &b in &opening {
        opens[usize::from(b)] = true;
    }
    let mut seen = vec![usize::MAX; keys];
    for (i, u) in units.iter().enumerate() {
        if !counts_repeats(u, dropped[i]) {
            continue;
        }
        let lower = u.lower.as_str();
        let b = lower.as_bytes();
        let mut at_name_start = |at: usize| {
            let byte = b[at];
            let edge_before = match at.checked_sub(1).map(|p| b[p]) {
                None => true,
                Some(prev) if prev < 0x80 => !prev.is_ascii_alphanumeric(),
                Some(_) => lower[..at]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric()),
            };
            if !edge_before {
                return;
            }
            let first = by_first.partition_point(|p| first_byte(p) < Some(byte));
            for (k, name) in by_first[first..]
                .iter()
                .take_while(|p| first_byte(p) == Some(byte))
                .map(|p| (p.0, p.1.as_str()))
            {
                if seen[k] != i
                    && lower[at..].starts_with(name)
                    && whole_words(lower, at, at + name.len())
                {
                    seen[k] = i;
                    repeats[k] += 1;
                }
            }
        };
        match opening[..] {
            [] => {}
            [x] => memchr::memchr_iter(x, b).for_each(&mut at_name_start),
            [x, y] => memchr::memchr2_iter(x, y, b).for_each(&mut at_name_start),
            [x, y, z] => memchr::memchr3_iter(x, y, z, b).for_each(&mut at_name_start),
            _ => (0..b.len())
                .filter(|&at| opens[usize::from(b[at])])
                .for_each(&mut at_name_start),
        }
    }
    repeats
}

/// A one-word name in full when the page prints it, at least twice in its short lines, with
/// an outlet's word after it: "Quanta" read in "About Quanta", "Quanta Magazine" printed.
fn full_name(name: &str, units: &[Unit], dropped: &[bool]) -> Option<String> {
    let core = name
        .strip_prefix("The ")
        .or_else(|| name.strip_prefix("the "))
        .unwrap_or(name);
    // A one-word brand only: a longer name is already a full one.
    if core.contains(['.', ' ']) || core.is_empty() {
        return None;
    }
    let mut found: Vec<(String, usize)> = Vec::new();
    // One searcher for the page, not one set up per line; it yields the matches
    // `match_indices` would (left to right, none overlapping).
    let finder = memchr::memmem::Finder::new(core);
    for (i, u) in units.iter().enumerate() {
        if !dropped[i] && u.words > 40 {
            continue;
        }
        let t = u.text.as_str();
        for at in finder.find_iter(t.as_bytes()) {
            let before = t[..at].chars().next_back();
            if before.is_some_and(char::is_alphanumeric) {
                continue;
            }
            let Some(next) = t[at + core.len()..].strip_prefix(' ') else {
                continue;
            };
            let word: &str = next
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            if word.starts_with(char::is_uppercase) && super::bylines::outlet_like(word) {
                let full = format!("{core} {word}");
                match found.iter_mut().find(|(f, _)| *f == full) {
                    Some(f) => f.1 += 1,
                    None => found.push((full, 1)),
                }
                break;
            }
        }
    }
    found
        .into_iter()
        .filter(|(_, n)| *n >= 2)
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(f, _)| f)
}

/// A host printed anywhere on a line: "www.example-news.com", "Example.co.uk",
/// "tips@example.org". The top-level label is lower case, so "ended.The" is no host.
static PRINTED_HOST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\w.-])(?:[\w.+-]+@)?(?P<host>(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[a-z]{2,6})(?:$|[^\w-])")
        .expect("valid regex")
});

/// Second-level labels under a country's domain ("co.uk", "com.au", "ac.jp").
const SECOND_LEVEL: &[&str] = &["co", "com", "org", "net", "ac", "gov", "edu", "ne", "or"];

/// Articles that open an outlet's name in the four languages.
const ARTICLES: &[&str] = &[
    "the", "der", "die", "das", "le", "la", "les", "l'", "el", "los", "las",
];

/// Mail services whose addresses say nothing about the page's outlet.
const MAIL_SERVICES: &[&str] = &[
    "gmail",
    "yahoo",
    "hotmail",
    "outlook",
    "aol",
    "icloud",
    "protonmail",
    "gmx",
    "web",
];

/// The labels of a host that name it, without "www" and the public suffix:
/// "news.example.co.uk" -> ["news", "example"].
fn naming_labels(host: &str) -> Vec<&str> {
    let mut labels: Vec<&str> = host.split('.').collect();
    let tld = labels.pop().unwrap_or("");
    if tld.len() == 2 && labels.len() >= 2 && SECOND_LEVEL.contains(&labels[labels.len() - 1]) {
        labels.pop();
    }
    labels.retain(|l| *l != "www" && l.len() >= 2);
    labels
}

/// The hosts a page prints (addresses, domains written as names, staff e-mail domains), each
/// with how many lines print it, in order of first appearance. Prose is read only for
/// "www." and e-mail forms: a full stop between two words of a sentence is no host.
pub fn printed_hosts(units: &[Unit], dropped: &[bool]) -> Vec<(String, usize)> {
    let mut hosts: Vec<(String, usize)> = Vec::new();
    for (i, u) in units.iter().enumerate() {
        let t = &u.text;
        let short = dropped[i] || u.words <= 40;
        if !may_print_domain(t) || !(short || t.contains("www.") || t.contains('@')) {
            continue;
        }
        let mut on_line: Vec<String> = Vec::new();
        for c in PRINTED_HOST.captures_iter(t) {
            let m = c.name("host").expect("group");
            let printed = m.as_str();
            let mailed = t[..m.start()].ends_with('@');
            if !short && !mailed && !printed.to_ascii_lowercase().starts_with("www.") {
                continue;
            }
            let host = super::sources::normalise_host(printed);
            let labels = naming_labels(&host);
            if labels.is_empty() || labels.iter().any(|l| MAIL_SERVICES.contains(l)) {
                continue;
            }
            if !on_line.contains(&host) {
                on_line.push(host);
            }
        }
        for host in on_line {
            match hosts.iter_mut().find(|(h, _)| *h == host) {
                Some(h) => h.1 += 1,
                None => hosts.push((host, 1)),
            }
        }
    }
    hosts
}

/// The printed host that is the outlet `name`'s own: one of its labels spells the name
/// ("Rutgers" / "rutgers.edu"), starts it ("Stuff Limited" / "stuff.co.nz"), or is its
/// initials ("The Wall Street Journal" / "wsj.com").
pub fn host_of_name(name: &str, hosts: &[(String, usize)]) -> Option<String> {
    let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
    // "El Diario del Puerto" is "diariodelpuerto.es": the article is no part of the host.
    let words = match words.split_first() {
        Some((first, rest)) if !rest.is_empty() && ARTICLES.contains(&first.as_str()) => {
            rest.to_vec()
        }
        _ => words,
    };
    let key = name_key(&words.join(" "));
    let initials: String = words.iter().filter_map(|w| w.chars().next()).collect();
    if key.len() < 2 {
        return None;
    }
    let spells = |l: &str| {
        let l: String = l.chars().filter(|c| c.is_alphanumeric()).collect();
        l == key
            || l.len() >= 4 && key.starts_with(&l)
            || key.len() >= 4 && l.starts_with(&key)
            || words.len() >= 2 && l == initials
    };
    // Cut to the label that spells the name: "prices.example.com" is "example.com".
    let mut found: Vec<(String, usize)> = Vec::new();
    for (h, n) in hosts {
        let Some(l) = naming_labels(h).into_iter().find(|l| spells(l)) else {
            continue;
        };
        let at = h
            .find(&format!("{l}."))
            .filter(|&at| at == 0 || h[..at].ends_with('.'));
        let host = at.map_or(h.as_str(), |at| &h[at..]).to_string();
        match found.iter_mut().find(|(f, _)| *f == host) {
            Some(f) => f.1 += n,
            None => found.push((host, *n)),
        }
    }
    most_printed_host(&found)
}

/// When nothing else names the outlet: the host its staff addresses or its furniture print
/// most often (first printed on a tie).
pub fn most_printed_host(hosts: &[(String, usize)]) -> Option<String> {
    let mut best: Option<&(String, usize)> = None;
    for h in hosts {
        if best.is_none_or(|b| h.1 > b.1) {
            best = Some(h);
        }
    }
    // A service's subdomain ("static.example.com") stands for its domain.
    best.map(|(h, _)| match naming_labels(h).last() {
        Some(l) => h
            .rfind(&format!("{l}."))
            .filter(|&at| at == 0 || h[..at].ends_with('.'))
            .map_or_else(|| h.clone(), |at| h[at..].to_string()),
        None => h.clone(),
    })
}

/// Weights of the evidence (see CONVERSION.md for how they were set).
const FRAME: f64 = 1.5;
const SELF_DESCRIBED: f64 = 3.0;
const MASTHEAD: f64 = 1.0;
const COPYRIGHT_OWNER: f64 = 2.0;
const PARENT: f64 = 4.0;
const REPEAT: f64 = 0.5;
/// Repeats counted at most.
const MAX_REPEATS: usize = 8;
const MIN_SCORE: f64 = 2.0;
const SPELLS_DOMAIN: f64 = 1.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cue_gates_find_a_line_with_a_cue_exactly_when_the_scans_do() {
        for line in [
            "",
            "follow the harbour post on social media",
            "the harbour post is part of northern media group",
            "a division of the same company, owned by nobody",
            "the minister said talks would resume on tuesday",
            "mehr von der hafenzeitung · folgen sie uns",
            "le courrier du port fait partie de groupe nord",
            "el diario del puerto forma parte de grupo sur",
            "departments and apartments, in part",
            "━━━━━━━━",
            "subscribe",
        ] {
            assert_eq!(
                CUES.gate.is_match(line),
                CUES.finder.find_overlapping_iter(line).next().is_some(),
                "{line:?}"
            );
            assert_eq!(
                CUES.parent_gate.is_match(line),
                CUES.parent_finder
                    .find_overlapping_iter(line)
                    .next()
                    .is_some(),
                "{line:?}"
            );
        }
    }
    #[test]
    fn the_overlapping_cue_scan_from_the_leftmost_cue_misses_none() {
        for line in [
            "about us · follow the harbour post · more from the harbour post",
            "the harbour post is part of northern media group, a division of nord",
            "research at home: homeless shelters owned by the city",
            "abonnez-vous à la lettre · plus de le courrier · à propos de nous",
            "no cue in this line at all",
        ] {
            for (gate, finder) in [
                (&CUES.gate, &CUES.finder),
                (&CUES.parent_gate, &CUES.parent_finder),
            ] {
                let all: Vec<_> = finder.find_overlapping_iter(line).collect();
                let from: Vec<_> = match gate.find(line) {
                    Some(first) => finder
                        .find_overlapping_iter(
                            aho_corasick::Input::new(line).span(first.start()..line.len()),
                        )
                        .collect(),
                    None => Vec::new(),
                };
                assert_eq!(all, from, "{line:?}");
            }
        }
    }

    #[test]
    fn possessives_are_found_after_each_printed_apostrophe() {
        fn found(t: &str) -> Vec<(&str, &str)> {
            let mut out = Vec::new();
            possessives_in(t, 7, &mut out);
            out.iter()
                .map(|p| {
                    assert_eq!(p.unit, 7);
                    (&t[..p.apostrophe], &t[p.after..])
                })
                .collect()
        }
        assert_eq!(
            found("The Gazette's Weekend and Hafenblatt’s Sport, Le Port‘s Week"),
            vec![
                (
                    "The Gazette",
                    "Weekend and Hafenblatt’s Sport, Le Port‘s Week"
                ),
                (
                    "The Gazette's Weekend and Hafenblatt",
                    "Sport, Le Port‘s Week"
                ),
                (
                    "The Gazette's Weekend and Hafenblatt’s Sport, Le Port",
                    "Week"
                ),
            ]
        );
        // Not a possessive: a plural's apostrophe, a contraction, a line's last word, and
        // letters whose UTF-8 shares a byte with the curly apostrophes ("ę" is C4 99).
        for t in [
            "the editors' picks",
            "they’re late, don't wait",
            "the Gazette's",
            "Pięs señal ę s",
            "’",
            "'s",
        ] {
            assert!(found(t).is_empty(), "{t:?}");
        }
        assert_eq!(found("’s x"), vec![("", "x")]);
    }

    use crate::ingest::blocks;

    #[test]
    fn the_dot_check_lets_printed_domains_through_and_spares_sentences() {
        for text in [
            "Read more on Cleveland.com",
            "Kontakt: redaktion@beispiel-zeitung.de",
            "Suivez-nous sur www.exemple.fr",
            "Más noticias en el-diario.es.",
        ] {
            assert!(may_print_domain(text), "{text}");
        }
        for text in [
            "The minister spoke. Then she left.",
            "Die Ministerin sprach. Dann ging sie.",
            "Version 2.0 est sortie.",
            "Dijo que sí...",
        ] {
            assert!(!may_print_domain(text), "{text}");
            assert!(DOMAIN_NAME.captures_iter(text).next().is_none(), "{text}");
            assert!(PRINTED_HOST.captures_iter(text).next().is_none(), "{text}");
        }
    }

    #[test]
    fn the_dot_check_reads_only_full_stops_as_the_byte_loop_did() {
        let byte_loop = |t: &str| {
            let b = t.as_bytes();
            (1..b.len().saturating_sub(1)).any(|i| {
                b[i] == b'.'
                    && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'-')
                    && b[i + 1].is_ascii_lowercase()
            })
        };
        for text in [
            "",
            ".",
            ".com",
            "a.",
            "a.b",
            "x-.y",
            "A.B",
            "Ende.",
            "…ça.fr",
            "été.es",
            "s.",
            "Noticias en el-diario.es y más.",
            "Lesen Sie mehr auf zeitung.de.",
        ] {
            assert_eq!(may_print_domain(text), byte_loop(text), "{text:?}");
        }
    }

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
        assert_eq!(
            copyright_owner("Copyright 2020 © The River Post. All rights reserved.").as_deref(),
            Some("The River Post")
        );
        assert_eq!(copyright_owner("All rights reserved ©"), None);
        // What runs on after the name in lower case, or as years, is not the name.
        assert_eq!(
            copyright_owner("© 2019 The Harbour Post unless otherwise noted. All rights reserved.")
                .as_deref(),
            Some("The Harbour Post")
        );
        assert_eq!(
            copyright_owner("Some fine print. ©The Lakeside Diary 2011-2019").as_deref(),
            Some("The Lakeside Diary")
        );
        assert_eq!(
            copyright_owner("© 2024 Diario del Puerto salvo indicación contraria.").as_deref(),
            Some("Diario del Puerto")
        );
        assert_eq!(
            copyright_owner("© 2024 Kurier der Küste, sofern nicht anders angegeben").as_deref(),
            Some("Kurier der Küste")
        );
        assert_eq!(
            copyright_owner("© 2024 Gazette du Port sauf mention contraire").as_deref(),
            Some("Gazette du Port")
        );
        assert_eq!(
            copyright_owner("Privacy - Terms Copyright Ad Registry"),
            None
        );
    }

    /// Copies take their first copy's search answers: `self_named_with_copies` given
    /// `first_same` names what `self_named` names reading every line, on pages in four
    /// languages whose follow prompts, domains, addresses, copyright lines and menus are
    /// printed again, dropped or kept at each copy; and every kept answer is the search's
    /// on the copy's own text.
    #[test]
    fn copies_name_the_outlet_as_their_first_copies() {
        let pages = [
            "Harbour Gazette\n\nFollow Harbour Gazette on Twitter\n\nThe harbour reopened on Tuesday after the storm, the port authority said.\n\nFollow Harbour Gazette on Twitter\n\nHarbourGazette.com\n\nHarbourGazette.com\n\n© 2024 Harbour Gazette. All rights reserved.\n",
            "Startseite\n\nFolgen Sie Hafenblatt\n\nDer Hafen wurde am Dienstag wieder geöffnet, sagte die Hafenbehörde.\n\nFolgen Sie Hafenblatt\n\nredaktion@hafenblatt.de\n\nredaktion@hafenblatt.de\n\n© 2024 Hafenblatt\n\n© 2024 Hafenblatt\n",
            "Accueil\n\nSuivez Le Courrier Portuaire\n\nLe port a rouvert mardi après la tempête, a dit la capitainerie.\n\nAccueil\n\nSuivez Le Courrier Portuaire\n\nLe Courrier Portuaire fait partie de Groupe Littoral\n\nLe Courrier Portuaire fait partie de Groupe Littoral\n",
            "Portada\n\nSigue a El Diario Costero\n\nEl puerto volvió a abrir el martes tras la tormenta, dijo la autoridad portuaria.\n\nPortada\n\nSigue a El Diario Costero\n\nDiarioCostero.es\n\nDiarioCostero.es\n\n© 2024 El Diario Costero\n",
        ];
        for text in pages {
            let units = blocks::units(text, false);
            let same = blocks::first_same(&units);
            assert!(
                same.iter().enumerate().any(|(i, &f)| (f as usize) < i),
                "{text}"
            );
            let n = units.len();
            let droppings: [Vec<bool>; 5] = [
                vec![true; n],
                vec![false; n],
                units.iter().map(|u| u.words <= 6).collect(),
                (0..n).map(|i| i % 2 == 0).collect(),
                (0..n).map(|i| i % 3 != 1).collect(),
            ];
            let mut named = 0;
            for dropped in &droppings {
                let want = self_named(&units, dropped, &Sources::default());
                named += usize::from(want.is_some());
                assert_eq!(
                    self_named_with_copies(&units, dropped, &Sources::default(), &same),
                    want,
                    "{text} {dropped:?}"
                );
            }
            assert!(named > 0, "{text}");
            // The kept answers, asked at every unit backwards and forwards.
            let mut tests = TextTests {
                same: &same,
                memo: vec![0; n],
            };
            for i in (0..n).rev().chain(0..n) {
                let (t, l) = (&units[i].text, units[i].lower.as_str());
                let at = memchr::memchr(b'@', t.as_bytes()).is_some();
                assert_eq!(tests.ask(i, HAS_AT, || at), at);
                let c = names_copyright(t, l);
                assert_eq!(tests.ask(i, NAMES_COPYRIGHT, || c), c);
                let d = may_print_domain(t);
                assert_eq!(tests.ask(i, PRINTS_DOMAIN, || d), d);
                let no_frame = !CUES.gate.is_match(l);
                assert_eq!(tests.ask(i, NO_FRAME_CUE, || no_frame), no_frame);
                let no_parent = !CUES.parent_gate.is_match(l);
                assert_eq!(tests.ask(i, NO_PARENT_CUE, || no_parent), no_parent);
            }
        }
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
    fn a_section_the_page_prints_as_its_outlets_possession_yields_to_it() {
        // The section's frame ("More from X") and its label printed twice would make it the
        // outlet; the prose names it as the outlet's own.
        // The possessive is English; the outlets' own names in the four languages, the
        // apostrophe in its three printed forms.
        for (prose, outlet) in [
            (
                "Harbour Gazette's Deep Water series asked her three questions.",
                "Harbour Gazette",
            ),
            (
                "Hafenblatt’s Deep Water series asked her three questions.",
                "Hafenblatt",
            ),
            (
                "Le Courrier Portuaire‘s Deep Water series asked her three questions.",
                "Le Courrier Portuaire",
            ),
            (
                "El Diario Costero's Deep Water series asked her three questions.",
                "El Diario Costero",
            ),
        ] {
            let text = format!("{outlet}\n\nHarbour reopens after the storm\n\n5 March 2024\n\nDeep Water\n\nDeep Water\n\n{prose} The harbour reopened on Tuesday after the storm, the port authority said on Wednesday.\n\nMore from Deep Water\n\n• Deep Water\n");
            let units = blocks::units(&text, false);
            let dropped: Vec<bool> = units.iter().map(|u| u.words <= 4).collect();
            assert_eq!(
                self_named(&units, &dropped, &Sources::default()).as_deref(),
                Some(outlet),
                "{prose}"
            );
        }
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
    fn a_copyright_owner_keeps_its_first_word() {
        // "News", "Online", "Magazin": words a frame would drop, but a copyright line names
        // its owner in full.
        for (footer, name) in [
            ("© 2019 News Harbour. All rights reserved.", "News Harbour"),
            (
                "© 2019 Online Hafenblatt. Alle Rechte vorbehalten.",
                "Online Hafenblatt",
            ),
            (
                "© 2019 Magazine Portuaire. Tous droits réservés.",
                "Magazine Portuaire",
            ),
            (
                "© 2019 Noticias Puerto. Todos los derechos reservados.",
                "Noticias Puerto",
            ),
        ] {
            let text = format!("Story\n\nThe harbour reopened on Tuesday.\n\n{footer}\n");
            assert_eq!(named(&text, &["©"]).as_deref(), Some(name), "{footer}");
        }
    }

    #[test]
    fn a_menu_entry_at_the_top_is_no_masthead() {
        // The same menu printed in the header and the footer: its first entry is not the
        // outlet, in any language.
        for menu in [
            "Free Courses",
            "Kostenlose Kurse",
            "Cours gratuits",
            "Cursos gratis",
        ] {
            let text = format!("• {menu}\n• Blog\n\nStory\n\nThe harbour reopened on Tuesday.\n\n• {menu}\n• Blog\n");
            let units = blocks::units(&text, false);
            let dropped: Vec<bool> = units.iter().map(|u| u.words <= 2).collect();
            assert_eq!(
                self_named(&units, &dropped, &Sources::default()),
                None,
                "{menu}"
            );
        }
        // A name standing alone at the top, said again in the footer, is the masthead.
        let text = "Harbour Gazette\n\nStory\n\nThe harbour reopened on Tuesday.\n\nAbout Harbour Gazette\n";
        let units = blocks::units(text, false);
        let dropped: Vec<bool> = units.iter().map(|u| u.words <= 3).collect();
        assert_eq!(
            self_named(&units, &dropped, &Sources::default()).as_deref(),
            Some("Harbour Gazette")
        );
    }

    #[test]
    fn repeats_read_at_word_starts_are_those_the_automaton_finds() {
        // Names that overlap, share first bytes, open with a letter beyond ASCII, stand
        // inside longer words or at a line's edges, in four languages; every third line
        // is prose too long to count unless dropped.
        let text = "Harbour Gazette\n\nFollow the Harbour Gazette · harbourgazette\n\n\
            The Harbour Gazetteer is another paper\n\n\
            Über Rheinblatt · Rheinblatt-Newsletter · rheinblatter\n\n\
            Der Hafen wurde am Dienstag nach dem Sturm wieder geöffnet, teilte Rheinblatt am Abend mit.\n\n\
            Le Courrier du Port · le courrier · Courrier-du-Port\n\n\
            Suivez Le Courrier du Port sur les réseaux, écrit le courrier du port ce matin même.\n\n\
            Élan Diario · élan diario · ÉLAN DIARIO\n\n\
            Síguenos: Élan Diario, el diario del puerto, publica Élan Diario cada mañana y tarde.\n\n\
            the star · thestar · the stars · star\n\n\
            aaa aa a\n";
        let units = blocks::units(text, false);
        let patterns: Vec<(usize, String)> = [
            "harbour gazette",
            "harbourgazette",
            "harbour",
            "rheinblatt",
            "le courrier du port",
            "courrier",
            "élan diario",
            "diario",
            "the star",
            "star",
            "aa",
            "a",
            "-du",
        ]
        .iter()
        .enumerate()
        .map(|(k, f)| (k % 9, f.to_string()))
        .collect();
        for dropped in [
            vec![false; units.len()],
            vec![true; units.len()],
            (0..units.len()).map(|i| i % 2 == 0).collect(),
        ] {
            let want = repeats_by_automaton(&patterns, 9, &units, &dropped);
            assert!(want.iter().filter(|&&n| n > 0).count() >= 6, "{want:?}");
            assert_eq!(repeats_by_word_starts(&patterns, 9, &units, &dropped), want);
        }
    }

    #[test]
    fn a_pages_searcher_finds_a_name_where_match_indices_does() {
        for (line, name) in [
            ("Quanta Magazine · Quanta · QuantaQuanta", "Quanta"),
            (
                "Über Rheinblatt · Rheinblatt Zeitung · Rheinblatt-Newsletter",
                "Rheinblatt",
            ),
            (
                "Le Courrier · Courrier International · courrier",
                "Courrier",
            ),
            ("El Diario · Diario Sur · DiarioDiarioDiario", "Diario"),
            ("aaaa aaa", "aa"),
            ("Élan Élan", "Élan"),
            ("", "Quanta"),
        ] {
            let finder = memchr::memmem::Finder::new(name);
            let found: Vec<usize> = finder.find_iter(line.as_bytes()).collect();
            let want: Vec<usize> = line.match_indices(name).map(|(at, _)| at).collect();
            assert_eq!(found, want, "{line:?} {name:?}");
        }
    }

    #[test]
    fn copyright_lines_are_found_by_their_bytes_as_by_substring_search() {
        let has = |h: &str, n: &str| h.contains(n);
        for line in [
            "© 2024 Harbour Gazette",
            "Copyright 2024 Rheinblatt. Alle Rechte vorbehalten.",
            "(c) Le Courrier du Port",
            "(C) Élan Diario",
            "COPYRIGHT ÉLAN DIARIO",
            "Alle Rechte vorbehalten ©",
            "copyrigh t · cop yright · (c · c)",
            "Derechos reservados (cc) 2024",
            "Ein Satz über Häfen und Schiffe (mit Klammer).",
            "«Le port rouvre», écrit le journal.",
            "",
        ] {
            let lower = line.to_lowercase();
            assert_eq!(
                names_copyright(line, &lower),
                has(line, "©") || has(&lower, "copyright") || has(line, "(c)"),
                "{line}"
            );
        }
    }

    #[test]
    fn a_page_without_self_naming_has_no_source() {
        let units = blocks::units("Story\n\nThe harbour reopened on Tuesday.\n", false);
        let dropped = vec![false; units.len()];
        assert_eq!(self_named(&units, &dropped, &Sources::default()), None);
    }

    /// Units of `text`, the lines `furniture` says were left out of the body marked dropped.
    fn named(text: &str, furniture: &[&str]) -> Option<String> {
        let units = blocks::units(text, false);
        let dropped: Vec<bool> = units
            .iter()
            .map(|u| furniture.iter().any(|f| u.text.starts_with(f)))
            .collect();
        self_named(&units, &dropped, &Sources::default())
    }

    #[test]
    fn the_brand_beats_the_parent_company_of_the_copyright_line() {
        let text = "Harbour Gazette\n\nHarbour reopens\n\nThe harbour reopened on Tuesday after the storm, the port authority said.\n\nFollow Harbour Gazette on Twitter\n\nSign up for the Harbour Gazette newsletter\n\nAbout Harbour Gazette\n\nHarbour Gazette is part of Coastline Media Group.\n\n© 2024 Coastline Media Group. All rights reserved.\n";
        let furniture = ["Follow", "Sign up", "About", "Harbour Gazette is", "©"];
        assert_eq!(named(text, &furniture).as_deref(), Some("Harbour Gazette"));
    }

    #[test]
    fn self_naming_in_german_french_and_spanish() {
        let de = "Hafen öffnet wieder\n\nDer Hafen wurde am Dienstag nach dem Sturm wieder geöffnet, teilte die Behörde mit.\n\nFolgen Sie Rheinblatt auf Twitter\n\nÜber Rheinblatt\n\nRheinblatt ist Teil von Medienhaus Süd.\n\n© 2024 Medienhaus Süd. Alle Rechte vorbehalten.\n";
        let furniture = ["Folgen", "Über", "Rheinblatt ist", "©"];
        assert_eq!(named(de, &furniture).as_deref(), Some("Rheinblatt"));
        let fr = "Le port rouvre\n\nLe port a rouvert mardi après la tempête, a indiqué l'autorité portuaire.\n\nSuivez Le Courrier du Port sur Facebook\n\nLe Courrier du Port fait partie de Groupe Littoral.\n\n© 2024 Groupe Littoral. Tous droits réservés.\n";
        let furniture = ["Suivez", "Le Courrier du Port fait", "©"];
        assert_eq!(
            named(fr, &furniture).as_deref(),
            Some("Le Courrier du Port")
        );
        let es = "El puerto reabre\n\nEl puerto reabrió el martes tras la tormenta, según la autoridad portuaria.\n\nSigue a El Diario del Puerto en Twitter\n\nEl Diario del Puerto forma parte de Grupo Costa.\n\n© 2024 Grupo Costa. Todos los derechos reservados.\n";
        let furniture = ["Sigue", "El Diario del Puerto forma", "©"];
        assert_eq!(
            named(es, &furniture).as_deref(),
            Some("El Diario del Puerto")
        );
    }

    #[test]
    fn a_company_name_loses_to_the_outlet_the_page_names() {
        for (about, footer, outlet) in [
            (
                "About Harbour Gazette",
                "© 2024 Coastline Media Group. All rights reserved.",
                "Harbour Gazette",
            ),
            (
                "Über Rheinblatt",
                "© 2024 Küstenverlag GmbH. Alle Rechte vorbehalten.",
                "Rheinblatt",
            ),
            (
                "À propos de Courrier Portuaire",
                "© 2024 Groupe Littoral. Tous droits réservés.",
                "Courrier Portuaire",
            ),
            (
                "Acerca de Diario Portuario",
                "© 2024 Grupo Costa. Todos los derechos reservados.",
                "Diario Portuario",
            ),
        ] {
            let text =
                format!("Story\n\nThe harbour reopened on Tuesday.\n\n{about}\n\n{footer}\n");
            let furniture = [about, "©"];
            assert_eq!(
                named(&text, &furniture).as_deref(),
                Some(outlet),
                "{footer}"
            );
            // With no other name on the page, the company's is the best there is.
            let text = format!("Story\n\nThe harbour reopened on Tuesday.\n\n{footer}\n");
            let company = copyright_owner(footer).unwrap();
            assert_eq!(named(&text, &["©"]), Some(company), "{footer}");
        }
    }

    #[test]
    fn follow_us_names_platforms_not_the_outlet() {
        for prompt in [
            "Follow us Facebook Twitter YouTube",
            "Folgen Sie uns Facebook Twitter",
            "Suivez-nous Facebook Twitter",
            "Acerca de nosotros Facebook Twitter",
        ] {
            let text = format!("Story\n\nThe harbour reopened on Tuesday.\n\n{prompt}\n");
            assert_eq!(named(&text, &[prompt]), None, "{prompt}");
        }
    }

    #[test]
    fn a_name_and_its_initials_are_one_outlet() {
        for (footer, staff, outlet) in [
            (
                "© 2024 The Harbour Gazette. All rights reserved.",
                "THG Staff",
                "The Harbour Gazette",
            ),
            (
                "© 2024 Der Hafen Bote. Alle Rechte vorbehalten.",
                "HB Redaktion",
                "Der Hafen Bote",
            ),
            (
                "© 2024 Le Courrier Portuaire. Tous droits réservés.",
                "LCP Rédaction",
                "Le Courrier Portuaire",
            ),
            (
                "© 2024 El Diario Portuario. Todos los derechos reservados.",
                "EDP Redacción",
                "El Diario Portuario",
            ),
        ] {
            let text = format!(
                "Story\n\nThe harbour reopened on Tuesday.\n\n{staff}\n\n{staff}\n\n{footer}\n"
            );
            assert_eq!(
                named(&text, &[staff, "©"]).as_deref(),
                Some(outlet),
                "{footer}"
            );
        }
        assert!(initials_of("Times of Israel", "TOI"));
        assert!(!initials_of("Times of Israel", "TOIL"));
        assert!(!initials_of("Harbour", "H"));
    }

    #[test]
    fn a_name_printed_as_its_domain_too_outweighs_a_banner() {
        // A topic banner at the top, repeated in teaser headlines, against the outlet's name
        // in the footer and its domain in the search box.
        let text = "FLOODS\n\nStory\n\nThe harbour reopened on Tuesday after the floods.\n\nFloods close school\n\nFloods hit ferry\n\nFloods cut road\n\nFloods reach mill\n\nFloods: what next\n\nFloods in pictures\n\nSearch HarbourPost.com\n\n© 2024 Harbour Post. All rights reserved.\n";
        assert_eq!(
            named(text, &["FLOODS", "Floods", "Search", "©"]).as_deref(),
            Some("Harbour Post")
        );
    }

    #[test]
    fn a_name_leading_past_what_repeats_can_add_is_read_without_counting_them() {
        // "Harbour Post" in four frames (6.0) leads the banner (1.0, at most 5.0 with its
        // repeats) by more than repeats can add: the answer is the same as with them counted.
        let text = "FLOODS\n\nStory\n\nThe harbour reopened on Tuesday after the floods.\n\nFloods close school\n\nFloods hit ferry\n\nFloods cut road\n\nFloods reach mill\n\nFloods: what next\n\nFloods in pictures\n\nFloods and farms\n\nFloods at night\n\nAbout Harbour Post\n\nFollow Harbour Post\n\nSubscribe to Harbour Post\n\nAdvertise with Harbour Post\n";
        let furniture = [
            "FLOODS",
            "Floods",
            "About",
            "Follow",
            "Subscribe",
            "Advertise",
        ];
        assert_eq!(named(text, &furniture).as_deref(), Some("Harbour Post"));
        // Two names close together still have their repeats counted: the banner repeated
        // eight times overtakes a name read in one frame.
        let text = "FLOODS\n\nStory\n\nThe harbour reopened on Tuesday after the floods.\n\nFloods close school\n\nFloods hit ferry\n\nFloods cut road\n\nFloods reach mill\n\nFloods: what next\n\nFloods in pictures\n\nFloods and farms\n\nFloods at night\n\nFollow Harbour Post\n";
        let furniture = ["FLOODS", "Floods", "Follow"];
        let with_repeats = named(text, &furniture);
        assert_ne!(with_repeats.as_deref(), Some("Harbour Post"));
    }

    #[test]
    fn a_job_at_the_outlet_in_the_author_box_names_it() {
        for box_line in [
            "Science writer at Harbour Gazette and keen sailor",
            "Jana ist Redakteurin bei Harbour Gazette",
            "Claire est journaliste chez Harbour Gazette",
            "Ana es periodista en Harbour Gazette",
        ] {
            let text = format!("Story\n\nThe harbour reopened on Tuesday.\n\n{box_line}\n");
            assert_eq!(
                named(&text, &[box_line]).as_deref(),
                Some("Harbour Gazette"),
                "{box_line}"
            );
        }
    }

    #[test]
    fn a_one_word_name_is_shown_in_full_when_the_page_prints_it() {
        for (about, full) in [
            ("About Harbour", "Harbour Magazine"),
            ("Über Hafen", "Hafen Zeitung"),
            ("À propos de Port", "Port Journal"),
            ("Acerca de Puerto", "Puerto Diario"),
        ] {
            let text = format!("Story\n\nThe harbour reopened on Tuesday.\n\n{about}\n\nGet {full} in your inbox\n\nIllustration for {full}\n");
            assert_eq!(named(&text, &[about]).as_deref(), Some(full), "{full}");
        }
        // Printed once: the name as read.
        let text = "Story\n\nThe harbour reopened on Tuesday.\n\nAbout Harbour\n\nGet Harbour Magazine in your inbox\n";
        assert_eq!(named(text, &["About"]).as_deref(), Some("Harbour"));
    }

    #[test]
    fn generic_prompts_name_no_outlet() {
        let text = "Harbour reopens\n\nThe harbour reopened on Tuesday after the storm, the port authority said.\n\nFollow us on Twitter\n\nAbout Us\n\nBack To Main Menu\n\nSign up for our newsletter\n";
        let furniture = ["Follow", "About", "Back", "Sign"];
        assert_eq!(named(text, &furniture), None);
    }

    #[test]
    fn names_are_read_beside_their_cue() {
        assert_eq!(
            name_after("Follow Dawgs By Nature online:", 6).as_deref(),
            Some("Dawgs By Nature")
        );
        assert_eq!(
            name_after("Get The Times of Israel's Daily Edition", 3).as_deref(),
            Some("The Times of Israel")
        );
        // A number inside a name, in four languages.
        for (text, at, name) in [
            ("About Harbour 4 News", 6, "Harbour 4 News"),
            ("Folgen Sie Kanal 7 auf X", 11, "Kanal 7"),
            ("Suivez Radio 24 sur X", 7, "Radio 24"),
            ("Sigue a Canal 13.", 8, "Canal 13"),
        ] {
            assert_eq!(name_after(text, at).as_deref(), Some(name), "{text}");
        }
        assert_eq!(name_after("Follow 2024", 7), None);
        assert_eq!(
            name_before("By Eric Song, IGN Staff", 18),
            Some(("IGN".to_string(), 14))
        );
        assert_eq!(name_key("The Star"), name_key("thestar.com"));
        assert_eq!(name_key("Live Science"), name_key("LiveScience.com"));
    }
}
