//! Page furniture recognised line by line: families of junk that news sites share, keyed to
//! line shape and to vocabulary lists gathered across many outlets, never to one page.
//!
//! Each family has a stable rule name that the dry run and the report show.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::Regex;

use super::blocks::{has, more_words_than, Unit};
use super::rules::Rule;
use crate::analyze::fasthash::{FastMap, FastSet};

pub const SKIP_LINKS: Rule = Rule::SkipLinks;
pub const NAVIGATION: Rule = Rule::Navigation;
pub const BREADCRUMB: Rule = Rule::Breadcrumb;
pub const READ_TIME: Rule = Rule::ReadTime;
pub const DURATION: Rule = Rule::Duration;
pub const RELATIVE_TIME: Rule = Rule::RelativeTime;
pub const KIND_MARKER: Rule = Rule::KindMarker;
pub const COOKIE_NOTICE: Rule = Rule::CookieNotice;
pub const NEWSLETTER: Rule = Rule::Newsletter;
pub const COMMENT_POLICY: Rule = Rule::CommentPolicy;
pub const RELATED_BLOCK: Rule = Rule::RelatedBlock;
pub const RELATED_INLINE: Rule = Rule::RelatedInline;
pub const IMAGE_CREDIT: Rule = Rule::ImageCredit;
pub const GALLERY_CONTROLS: Rule = Rule::GalleryControls;
pub const AD_MARKER: Rule = Rule::AdMarker;
pub const SHARE_WIDGET: Rule = Rule::ShareWidget;
pub const COPYRIGHT: Rule = Rule::Copyright;
pub const SITE_FOOTER: Rule = Rule::SiteFooter;
pub const APP_PROMO: Rule = Rule::AppPromo;
pub const END_MARK: Rule = Rule::EndMark;

/// The furniture word data (data/furniture.txt), parsed once.
struct Furniture {
    /// Whole lines (lower case, end punctuation removed) that are furniture wherever they
    /// stand.
    exact: Vec<(Rule, Vec<&'static str>)>,
    /// Phrases that mark a line as furniture when found anywhere in a short enough line:
    /// (phrase, rule, at most this many words in the line).
    contains: Vec<(&'static str, Rule, usize)>,
    /// Sets, not lists: every short line is looked up in them.
    end_headers: FastSet<&'static str>,
    inline_related: Vec<&'static str>,
    newsletter_prefixes: Vec<&'static str>,
    newsletter_words: FastSet<&'static str>,
    share_words: FastSet<&'static str>,
    share_networks: FastSet<&'static str>,
    /// Words of buttons and widgets ("sign in", "close", "donate"), which no section label holds.
    widget_words: FastSet<&'static str>,
}

static FURNITURE: LazyLock<Furniture> = LazyLock::new(|| {
    let rule = |name: &str| {
        Rule::ALL
            .into_iter()
            .find(|r| r.name() == name)
            .unwrap_or_else(|| panic!("data/furniture.txt names an unknown rule {name:?}"))
    };
    let mut f = Furniture {
        exact: Vec::new(),
        contains: Vec::new(),
        end_headers: FastSet::default(),
        inline_related: Vec::new(),
        newsletter_prefixes: Vec::new(),
        newsletter_words: FastSet::default(),
        share_words: FastSet::default(),
        share_networks: FastSet::default(),
        widget_words: FastSet::default(),
    };
    let mut section: Vec<&str> = Vec::new();
    for line in include_str!("data/furniture.txt").lines() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(head) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = head.split_whitespace().collect();
            if section[0] == "exact" {
                f.exact.push((rule(section[1]), Vec::new()));
            }
            continue;
        }
        match section.as_slice() {
            ["exact", _] => f.exact.last_mut().expect("a section").1.push(line),
            ["contains", r, n] => f
                .contains
                .push((line, rule(r), n.parse().expect("a number"))),
            ["end-headers"] => {
                f.end_headers.insert(line);
            }
            ["inline-related"] => f.inline_related.push(line),
            ["newsletter-prefixes"] => f.newsletter_prefixes.push(line),
            ["newsletter-words"] => {
                f.newsletter_words.insert(line);
            }
            ["share-words"] => {
                f.share_words.insert(line);
            }
            ["share-networks"] => {
                f.share_networks.insert(line);
            }
            ["widget-words"] => {
                f.widget_words.insert(line);
            }
            other => panic!("data/furniture.txt: a line outside a known section: {other:?}"),
        }
    }
    f
});

static EXACT_MAP: LazyLock<FastMap<&'static str, Rule>> = LazyLock::new(|| {
    let mut m = FastMap::default();
    for (rule, lines) in &FURNITURE.exact {
        for l in lines {
            m.entry(*l).or_insert(*rule);
        }
    }
    m
});

/// The longest whole line `EXACT_MAP` and the end-header set hold, in bytes: a longer line
/// is in neither, and is not hashed to find that out (a rule of dashes runs to kilobytes).
static EXACT_MAX_LEN: LazyLock<usize> = LazyLock::new(|| {
    EXACT_MAP
        .keys()
        .chain(FURNITURE.end_headers.iter())
        .map(|k| k.len())
        .max()
        .unwrap_or(0)
});

/// The rule of a whole line of `EXACT_MAP`.
fn exact_rule(k: &str) -> Option<Rule> {
    if k.len() > *EXACT_MAX_LEN {
        return None;
    }
    EXACT_MAP.get(k).copied()
}

/// The consent words `is_cookie_notice` needs one of.
const COOKIE_WORDS: [&str; 2] = ["cookie", "consent"];
/// `[contains]` phrases, then the two consent words, "comment", the inline-related openings
/// and the newsletter openings: a short line is scanned once for all of them.
static LINE_AC: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        // A few hundred short patterns: the DFA is small and the fastest to scan with.
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(line_patterns())
        .expect("valid patterns")
});

/// `LINE_AC`'s patterns, in its order (a match's pattern id is an index here).
fn line_patterns() -> impl Iterator<Item = &'static str> {
    let f = &*FURNITURE;
    f.contains
        .iter()
        .map(|c| c.0)
        .chain(COOKIE_WORDS)
        .chain(["comment"])
        .chain(f.inline_related.iter().copied())
        .chain(f.newsletter_prefixes.iter().copied())
}

/// The same patterns, leftmost-first: `is_match` says whether the overlapping scan would
/// find anything (a line holds a match of one set exactly when of the other), and stops at
/// the first match, where the overlapping scan reads the line to its end. A DFA, as
/// `LINE_AC`: the builder's default for these patterns (a contiguous NFA) cost more than
/// the scans it saved.
static LINE_GATE: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostFirst)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(line_patterns())
        .expect("valid patterns")
});

/// What one `LINE_AC` pattern id stands for.
enum LinePhrase {
    /// A `[contains]` phrase: its rule and the most words its line may have.
    Contains(Rule, usize),
    Cookie,
    Comment,
    /// An inline-related opening: does it end with a colon?
    Related(bool),
    Newsletter,
}

fn line_phrase(id: usize) -> LinePhrase {
    let f = &*FURNITURE;
    let c = f.contains.len();
    let r = c + COOKIE_WORDS.len() + 1;
    if let Some(&(_, rule, max)) = f.contains.get(id) {
        LinePhrase::Contains(rule, max)
    } else if id < c + COOKIE_WORDS.len() {
        LinePhrase::Cookie
    } else if id == c + COOKIE_WORDS.len() {
        LinePhrase::Comment
    } else if let Some(p) = f.inline_related.get(id - r) {
        LinePhrase::Related(p.ends_with(':'))
    } else {
        LinePhrase::Newsletter
    }
}

/// Every pattern `LINE_AC` looks for holds an ASCII letter (true of the data; checked, not
/// assumed): a line without one (a rule of dashes, a row of arrows) needs no scan.
static LINE_NEED_LETTER: LazyLock<bool> = LazyLock::new(|| {
    let f = &*FURNITURE;
    f.contains
        .iter()
        .map(|c| c.0)
        .chain(f.inline_related.iter().copied())
        .chain(f.newsletter_prefixes.iter().copied())
        .all(|p| p.bytes().any(|b| b.is_ascii_alphabetic()))
});

/// The most words a line may have and still fall in a `[contains]` family.
static CONTAINS_MAX_WORDS: LazyLock<usize> =
    LazyLock::new(|| FURNITURE.contains.iter().map(|c| c.2).max().unwrap_or(0));

/// The most words of an inline-related line and of a newsletter line opened by its prefix.
const RELATED_MAX_WORDS: usize = 25;
const NEWSLETTER_PREFIX_MAX_WORDS: usize = 30;

static SKIP_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:skip|jump|go|move)\s+(?:to|next|over|past|directly to|navigation)(?-u:\b)|^skip\s+(?:navigation|links?|ad|advert|advertisement)(?-u:\b)")
        .expect("valid regex")
});
static READ_TIME_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:estimated\s+)?(?:reading|read|listening|listen|watch)(?:ing)?\s+time\s*:?\s*|listen\s*:?\s*|watch\s*:?\s*)?(?:about\s+|approx\.?\s+|~\s*)?\d{1,3}\s*(?:-|–)?\s*(?:min|mins|minute|minutes|m)(?-u:\b)\.?(?:\s+(?:read|reading|listen|watch|video|audio))?(?:\s+ago)?$|^(?:less than|under)\s+(?:a|one|\d+)\s+min(?:ute)?s?\s+read$")
        .expect("valid regex")
});
static DURATION_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:video\s+|audio\s+)?duration\s*:?\s*|video\s*|audio\s*|play\s*|watch\s*)?\(?\d{1,2}:\d{2}(?::\d{2})?\)?(?:\s*(?:min|mins|minutes))?$")
        .expect("valid regex")
});
static RELATIVE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:updated|published|posted|last updated)\s*:?\s*)?(?:\d+|an?|one|a few)\s+(?:sec|secs|second|seconds|min|mins|minute|minutes|hr|hrs|hour|hours|day|days|week|weeks|month|months|year|years|h|m|d)\s+ago$|^(?:just now|moments ago)$|^(?:today|yesterday)(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[a-z]{2,4})?)?$")
        .expect("valid regex")
});
static CREDIT_ONLY_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:photo|photos|photograph|image|images|picture|pictures|illustration|graphic|footage|credit|credits|photo credit|image credit|image source|source image|file photo|cover photo|top image|main image|header image|featured image)\s*(?:by)?\s*[:/|,]|(?i)^\(?(?:ap|afp|reuters|epa)\s+photo(?-u:\b)|(?i)^photo(?:graph)?\s+by(?-u:\b)")
        .expect("valid regex")
});
static AGENCY_CREDIT_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)getty images|shutterstock|alamy|afp via getty|reuters/|ap photo|(?-u:\b)ap/|epa-efe|/epa(?-u:\b)|/afp(?-u:\b)|(?-u:\b)imago(?-u:\b)|picture[- ]alliance|(?-u:\b)dpa(?-u:\b)|anadolu|xinhua/|(?-u:\b)pool/|/pool(?-u:\b)|handout|sipa|zuma|nurphoto|(?-u:\b)file(?-u:\b).*/|©")
        .expect("valid regex")
});
/// Wire and press-release end marks: "###", "-30-", "ENDS".
static END_MARK_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:#\s*#\s*#|-\s*30\s*-|–\s*30\s*–|\*\s*\*\s*\*\s*end\s*\*\s*\*\s*\*|-\s*ends?\s*-|ends|\(\s*ends?\s*\)|end of (?:article|story))$")
        .expect("valid regex")
});
static FOLLOW_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^follow\s+(?:\S+\s+){0,4}on\s+(?:twitter|x|facebook|instagram|linkedin|threads|bluesky|telegram|whatsapp|youtube|tiktok|mastodon)")
        .expect("valid regex")
});
static COMMENT_COUNT_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\d+\s+(?:comments?|replies|reactions?)$|^comments?\s*\(\d+\)$")
        .expect("valid regex")
});
static GALLERY_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:image|photo|picture|slide)\s+)?\d{1,3}\s*(?:of|/)\s*\d{1,3}$")
        .expect("valid regex")
});
static BREADCRUMB_SEP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*(?:\s>\s|›|»|→|\s/\s|\s\|\s|\s·\s|\s•\s)\s*").expect("valid regex")
});

/// Can the trimmed line match `END_MARK_RE`? Every end mark opens with one of these.
fn may_be_end_mark(text: &str) -> bool {
    text.trim_start()
        .starts_with(['#', '-', '–', '*', '(', 'e', 'E'])
}

/// The line reduced for vocabulary tests: lower case, list markers, brackets and end
/// punctuation removed, curly apostrophes straightened.
pub fn key(lower: &str) -> std::borrow::Cow<'_, str> {
    // A slice of the line, copied only when a curly apostrophe is straightened (it runs
    // on every short line). Two byte searches rather than one scan decoding every
    // character (`has`: a non-ASCII `char` needle is no memchr in the library).
    // An ASCII line (most) holds neither: one word-at-a-time test instead of two searches.
    if !lower.is_ascii() && (has(lower, "’") || has(lower, "‘")) {
        let straightened = lower.replace(['’', '‘'], "'");
        return key_of(&straightened).to_string().into();
    }
    key_of(lower).into()
}

/// `key` of a line without curly apostrophes: a slice of it.
fn key_of(s: &str) -> &str {
    // "1. skip to content": a menu's numbering is not part of the entry.
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let s = match s[digits..].strip_prefix(['.', ')']) {
        Some(rest) if (1..=2).contains(&digits) && rest.starts_with(' ') => rest,
        _ => s,
    };
    s.trim_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '.' | ':'
                    | '!'
                    | '|'
                    | '>'
                    | '›'
                    | '»'
                    | '<'
                    | '‹'
                    | '«'
                    | '-'
                    | '–'
                    | '—'
                    | '*'
                    | '•'
                    | '['
                    | ']'
                    | '('
                    | ')'
                    | '#'
                    | '+'
                    | '='
                    | '→'
                    | '↑'
            )
    })
}

/// A gallery's or a list's position counter closing a label: "(1 of 9)", "2 von 5",
/// "3 sur 8", "4 de 10", "5/12".
static COUNTER_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s\(?\d{1,3}\s*(?:of|von|sur|de|/)\s*\d{1,3}\)?$").expect("valid regex")
});

/// The furniture rule a line falls under by itself, if any.
pub fn line_rule(u: &Unit) -> Option<Rule> {
    // Furniture is short; the longest family (consent texts) stays under 80 words, and a
    // line of thousands of bytes with few spaces (an encoded blob) is no furniture either.
    if u.words > 80 || u.text.len() > 4000 {
        return None;
    }
    if u.words <= 5 && may_be_end_mark(&u.text) && END_MARK_RE.is_match(u.text.trim()) {
        return Some(END_MARK);
    }
    // Long lines are never one of the exact phrases: skip building their key.
    let k: std::borrow::Cow<str> = if u.words <= 12 {
        key(&u.lower)
    } else {
        u.lower.trim().into()
    };
    if k.is_empty() {
        // A line of only punctuation or arrows ("↑", "|", "—").
        return Some(NAVIGATION);
    }
    if u.words <= 4 && is_bracketed_marker(&u.text) || is_markup_placeholder(&u.text) {
        return Some(KIND_MARKER);
    }
    if let Some(rule) = exact_rule(&k) {
        return Some(rule);
    }
    let words = u.words;
    if (k.starts_with('©') || k.starts_with("(c) ") || k.starts_with("copyright ")) && words <= 30
    {
        return Some(COPYRIGHT);
    }
    // Each regex below runs only on lines with what every one of its matches holds (an
    // opening word, a digit, a colon): most short lines have none, and a regex call costs
    // more than these byte tests.
    if k.starts_with(['s', 'j', 'g', 'm']) && SKIP_RE.is_match(&k) {
        return Some(SKIP_LINKS);
    }
    if words <= 8 {
        // `\d` in the regexes is any Unicode decimal digit.
        let digit = k.bytes().any(|b| b.is_ascii_digit()) || !k.is_ascii() && any_numeric(&k);
        if (digit || k.starts_with("less than") || k.starts_with("under"))
            && READ_TIME_RE.is_match(&k)
        {
            return Some(READ_TIME);
        }
        if digit && k.contains(':') && DURATION_RE.is_match(&k) {
            return Some(DURATION);
        }
        if (k.ends_with("ago")
            || k.ends_with("now")
            || k.starts_with("today")
            || k.starts_with("yesterday"))
            && RELATIVE_RE.is_match(&k)
        {
            return Some(RELATIVE_TIME);
        }
        if digit && GALLERY_RE.is_match(&k) {
            return Some(GALLERY_CONTROLS);
        }
        if digit && COMMENT_COUNT_RE.is_match(&k) {
            return Some(COMMENT_POLICY);
        }
        if is_end_header(&k) {
            return Some(RELATED_BLOCK);
        }
        // "More videos (1 of 9)": a counter after a label.
        let counted = k.ends_with(|c: char| c.is_ascii_digit() || c == ')');
        if let Some(m) = counted
            .then(|| COUNTER_RE.find(&k))
            .flatten()
            .filter(|m| m.start() > 0)
        {
            let label = k[..m.start()].trim_end();
            if let Some(rule) = exact_rule(label) {
                return Some(rule);
            }
            if is_end_header(label) {
                return Some(RELATED_BLOCK);
            }
        }
        if is_bracketed_marker(&u.text) {
            return Some(KIND_MARKER);
        }
        if is_share_bar(&k) || k.starts_with("follow") && FOLLOW_RE.is_match(&k) {
            return Some(SHARE_WIDGET);
        }
        if names_ad_slot(&k)
            || k.starts_with("ad ") && k[3..].chars().all(|c| c.is_ascii_digit() || c == ' ')
        {
            return Some(AD_MARKER);
        }
        if is_image_credit(&u.text) {
            return Some(IMAGE_CREDIT);
        }
    }
    // One scan finds the phrase families, the openings of inline-related and newsletter
    // lines and the words the consent and comment tests need; a line longer than any of
    // these allows needs only the two words.
    let (mut cookie, mut comment, mut phrase) = (false, false, None);
    let (mut related, mut newsletter) = (false, false);
    if words > (*CONTAINS_MAX_WORDS).max(NEWSLETTER_PREFIX_MAX_WORDS) {
        cookie = k.contains("cookie") || k.contains("consent");
        comment = k.contains("comment");
    } else if (!*LINE_NEED_LETTER || k.bytes().any(|b| b.is_ascii_alphabetic()))
        && LINE_GATE.is_match(k.as_ref())
    {
        for m in LINE_AC.find_overlapping_iter(k.as_ref()) {
            match line_phrase(m.pattern().as_usize()) {
                LinePhrase::Contains(rule, max) => {
                    if phrase.is_none() && words <= max {
                        phrase = Some(rule);
                    }
                }
                LinePhrase::Cookie => cookie = true,
                LinePhrase::Comment => comment = true,
                // The openings count at the line's start only; an inline-related one ends
                // there or before a space or a colon unless it ends with its own colon.
                LinePhrase::Related(colon) if m.start() == 0 => {
                    let rest = &k[m.end()..];
                    related |= rest.is_empty() || colon || rest.starts_with([' ', ':']);
                }
                LinePhrase::Newsletter if m.start() == 0 => newsletter = true,
                LinePhrase::Related(_) | LinePhrase::Newsletter => {}
            }
        }
    }
    if related && words <= RELATED_MAX_WORDS {
        return Some(RELATED_INLINE);
    }
    if newsletter && words <= NEWSLETTER_PREFIX_MAX_WORDS {
        return Some(NEWSLETTER);
    }
    if cookie && is_cookie_notice(&k, words) {
        return Some(COOKIE_NOTICE);
    }
    if comment && is_comment_policy(&k, words) {
        return Some(COMMENT_POLICY);
    }
    phrase
}

/// Whether a word of `k` split at white space is "banner", "advert" or "adslot": the words
/// are looked for where their first bytes stand ('a' or 'b', by memchr2), not by splitting
/// the line, and each match taken when white space or the line's edge stands on both sides
/// (the three are ASCII, so a match starts and ends on a character boundary).
fn names_ad_slot(k: &str) -> bool {
    let b = k.as_bytes();
    memchr::memchr2_iter(b'a', b'b', b).any(|j| {
        let w = &b[j..];
        (w.starts_with(b"banner") || w.starts_with(b"advert") || w.starts_with(b"adslot"))
            && k[..j].chars().next_back().is_none_or(char::is_whitespace)
            && k[j + 6..].chars().next().is_none_or(char::is_whitespace)
    })
}

/// Any numeric character in `s` (ASCII digits aside: the caller tests those bytes first),
/// each run of one repeated character looked up once (a rule of dashes is thousands long).
fn any_numeric(s: &str) -> bool {
    let mut last = '\0';
    s.chars().any(|c| {
        if c.is_ascii() || c == last {
            return false;
        }
        last = c;
        c.is_numeric()
    })
}

/// "Related Articles", "More stories from X", "X's Top Story", "Skip next section X".
/// A newsletter box's heading: a short line, no sentence, that names a newsletter ("Morning
/// Briefing Newsletter", "See All Newsletters", "Unsere Newsletter", "Nuestros boletines").
pub fn is_newsletter_header(u: &Unit) -> bool {
    (1..=4).contains(&u.words)
        && !u.text.ends_with(['.', '!', '?', ':', ',', ';'])
        // The split without its empty pieces (no list word is empty), a rule of dashes'
        // characters classed once per run rather than one by one.
        && super::locate::alnum_words(&u.lower, false)
            .any(|w| FURNITURE.newsletter_words.contains(w))
}

pub fn is_end_header(k: &str) -> bool {
    let k = k.strip_prefix("skip next section").map_or(k, str::trim);
    // One pass over the words: their count (a header has at most seven), the first and the
    // last (`more_of_kind`).
    let Some((count, first, last)) = words_up_to(k, 7) else {
        return false;
    };
    // Headers that take a short complement: "More from Europe", "Most read in World".
    const OPEN: &[&str] = &[
        "more from",
        "more stories from",
        "more on",
        "more in",
        "also on",
        "latest news",
        "more news",
        "more stories",
        "top stories",
        "related",
        "related stories",
        "related articles",
        "most read",
        "most popular",
        "most viewed",
        "trending",
    ];
    let matches = |s: &str| {
        s.len() <= *EXACT_MAX_LEN && FURNITURE.end_headers.contains(s)
            // Every opening above starts with one of these letters.
            || s.starts_with(['m', 'a', 'l', 't', 'r'])
                && OPEN.iter().any(|h| {
                    s.strip_prefix(h).is_some_and(|rest| {
                        rest.starts_with(' ') && !more_words_than(rest, 3)
                    })
                })
    };
    if matches(k) || more_of_kind(count, first, last) {
        return true;
    }
    // "DW's top story", "CNN's most read": the line up to its first space. When the first
    // word opens the line and a space ends it, that is the word, without a search.
    let split = if first.as_ptr() == k.as_ptr() && k.as_bytes().get(first.len()) == Some(&b' ') {
        Some((first, &k[first.len() + 1..]))
    } else {
        k.split_once(' ')
    };
    if let Some((first, rest)) = split {
        if first.ends_with("'s") || first.ends_with("s'") {
            return matches(rest);
        }
    }
    false
}

/// The number of whitespace-separated words of `s` with its first and last (empty for no
/// word), or `None` past `max` words: one pass, stopping there.
fn words_up_to(s: &str, max: usize) -> Option<(usize, &str, &str)> {
    if !s.is_ascii() {
        return words_up_to_chars(s, max);
    }
    // ASCII (most short lines): bytes, without decoding characters. The white space is
    // what `char::is_whitespace` says of ASCII.
    let white = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r');
    let b = s.as_bytes();
    let (mut count, mut first, mut last) = (0, "", "");
    let mut i = 0;
    loop {
        while i < b.len() && white(b[i]) {
            i += 1;
        }
        if i == b.len() {
            return Some((count, first, last));
        }
        let start = i;
        while i < b.len() && !white(b[i]) {
            i += 1;
        }
        count += 1;
        if count > max {
            return None;
        }
        if count == 1 {
            first = &s[start..i];
        }
        last = &s[start..i];
    }
}

/// `words_up_to` by the library's split, for text with non-ASCII characters.
fn words_up_to_chars(s: &str, max: usize) -> Option<(usize, &str, &str)> {
    let (mut count, mut first, mut last) = (0, "", "");
    for w in s.split_whitespace() {
        count += 1;
        if count > max {
            return None;
        }
        if count == 1 {
            first = w;
        }
        last = w;
    }
    Some((count, first, last))
}

/// "More great Outlet stories", "Weitere Artikel", "Plus d'articles", "Más noticias": a
/// header of up to five words that opens with "more" and ends with what a teaser list holds.
fn more_of_kind(count: usize, first: &str, last: &str) -> bool {
    let first = first.split('\'').next().unwrap_or(first);
    (2..=5).contains(&count)
        && matches!(
            first,
            "more" | "mehr" | "weitere" | "plus" | "autres" | "más" | "mas" | "otras" | "otros"
        )
        && matches!(
            last.rsplit('\'').next().unwrap_or(last),
            "stories"
                | "articles"
                | "news"
                | "reads"
                | "posts"
                | "videos"
                | "artikel"
                | "nachrichten"
                | "beiträge"
                | "geschichten"
                | "actualités"
                | "infos"
                | "noticias"
                | "artículos"
                | "historias"
        )
}

/// Markup a renderer or a CMS left as text, which no reader is meant to see: an empty element
/// marker ("[INS::INS]", "[AD: :AD]") and a line opened by a shortcode ("[gallery ids=\"1,2\"]",
/// "[button link=...] Text[/button]", "[embed]...[/embed]").
fn is_markup_placeholder(text: &str) -> bool {
    let t = text.trim();
    let Some(rest) = t.strip_prefix('[') else {
        return false;
    };
    let Some(close) = rest.find(']') else {
        return false;
    };
    let inner = &rest[..close];
    // "TAG::TAG" / "TAG: :TAG": the same upper-case tag on both sides of nothing.
    if let Some((a, b)) = inner.split_once(':') {
        let b = b.trim_start_matches([':', ' ']);
        if close + 2 == t.len()
            && !a.is_empty()
            && a == b
            && a.bytes().all(|c| c.is_ascii_uppercase())
        {
            return true;
        }
    }
    // A shortcode: a lower-case name, then attributes (`name=`) or a closing `[/name]`.
    let name_len = inner
        .bytes()
        .take_while(|c| c.is_ascii_lowercase() || *c == b'_' || *c == b'-')
        .count();
    if name_len == 0 {
        return false;
    }
    let name = &inner[..name_len];
    let after = &inner[name_len..];
    let attrs = after.starts_with(' ') && after.contains('=');
    let closed = (after.is_empty() || attrs)
        && t.ends_with(']')
        && t.len() > name_len + 3
        && t[..t.len() - 1].ends_with(name)
        && t[..t.len() - 1 - name_len].ends_with("[/");
    attrs && close + 2 == t.len() || closed
}

/// A short line naming a button or widget ("Sign In", "Toggle search Search", "Donate Become a
/// member"), a close mark ("Hub ✕") or a prompt ("Sharing is caring!"): never a section's name.
pub fn names_widget(text: &str) -> bool {
    if text.trim_end().ends_with(['!', '?']) || text.contains(['✕', '×', '✖']) {
        return true;
    }
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
                .to_lowercase()
        })
        .collect();
    (0..words.len()).any(|i| {
        FURNITURE.widget_words.contains(words[i].as_str())
            || words.get(i + 1).is_some_and(|n| {
                FURNITURE
                    .widget_words
                    .contains(format!("{} {n}", words[i]).as_str())
            })
    })
}

/// "[Video transcript]", "[Video]", "(Audio)": bracketed page labels.
fn is_bracketed_marker(text: &str) -> bool {
    let t = text.trim();
    let inner = t
        .strip_prefix('[')
        .and_then(|r| r.strip_suffix(']'))
        .or_else(|| t.strip_prefix('(').and_then(|r| r.strip_suffix(')')));
    let Some(inner) = inner else { return false };
    let inner = inner.trim().to_lowercase();
    let words: Vec<&str> = inner.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 4
        && words.iter().any(|w| {
            matches!(
                *w,
                "video"
                    | "audio"
                    | "transcript"
                    | "photos"
                    | "gallery"
                    | "podcast"
                    | "graphic"
                    | "interactive"
                    | "live"
                    | "watch"
                    | "listen"
                    | "map"
                    | "chart"
                    | "embed"
            )
        })
}

fn is_share_bar(k: &str) -> bool {
    // One pass that stops at the first word that is no share word (most lines' first).
    let (mut words, mut network) = (0usize, false);
    for w in k
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '/' | '·' | '•'))
        .filter(|w| !w.is_empty())
    {
        words += 1;
        let w = super::locate::trim_to_word(w, '-');
        if words > 12 || !FURNITURE.share_words.contains(w) {
            return false;
        }
        network |= FURNITURE.share_networks.contains(w);
    }
    words > 0 && network
}

/// A short line that only credits a picture ("Photo: Jane Roe/Reuters", "Getty Images").
pub fn is_image_credit(text: &str) -> bool {
    // The word count last: `line_rule` asks only lines of at most eight words (by
    // `Unit::words`), which nearly all pass it, and most fail the tests before.
    (may_open_credit(text) && CREDIT_ONLY_RE.is_match(text)
        || may_name_agency(text) && AGENCY_CREDIT_RE.is_match(text))
        && !more_words_than(text, 8)
}

/// Can `AGENCY_CREDIT_RE` match? Each of its branches holds a letter or "©"; a letter of its
/// case-insensitive branches is an ASCII letter or one of the two non-ASCII characters that
/// fold to one (ſ to s, the Kelvin sign to k). A line of symbols (a rule of dashes) has none.
fn may_name_agency(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_alphabetic())
        || text.contains('©')
        || text.contains('\u{17F}')
        || text.contains('\u{212A}')
}

/// Can `CREDIT_ONLY_RE` match? Each of its openings starts with one of these letters (or
/// "(") in either case; a letter outside ASCII is left to the regex (case folding).
fn may_open_credit(text: &str) -> bool {
    text.chars().next().is_some_and(|c| {
        !c.is_ascii()
            || matches!(
                c.to_ascii_lowercase(),
                'p' | 'i' | 'g' | 'f' | 'c' | 's' | 't' | 'm' | 'h' | '(' | 'a' | 'r' | 'e'
            )
    })
}

/// Cookie banners address the reader ("we use cookies", "your preferences").
fn is_cookie_notice(k: &str, words: usize) -> bool {
    if !k.contains("cookie") && !k.contains("consent") {
        return false;
    }
    if words <= 6 {
        return true;
    }
    let addressed = super::locate::alnum_words(k, true)
        .any(|w| matches!(w, "we" | "our" | "you" | "your" | "us" | "we're" | "you're"));
    let vocab = [
        "use cookies",
        "uses cookies",
        "cookie policy",
        "cookie settings",
        "cookie preferences",
        "necessary cookies",
        "consent",
        "accept",
        "browser",
        "partners",
        "personalis",
        "personaliz",
        "preferences",
        "third-party",
        "third party",
        "analytics",
        "experience",
        "functionality",
        "store and/or access",
        "opt out",
        "opt-out",
    ];
    addressed && vocab.iter().any(|v| k.contains(v))
}

/// Comment rules and prompts address the reader; news prose about "comments" does not.
fn is_comment_policy(k: &str, words: usize) -> bool {
    if !k.contains("comment") {
        return false;
    }
    if words > 80 {
        return false;
    }
    let tokens: Vec<&str> = super::locate::alnum_words(k, false).collect();
    let policy = tokens.iter().any(|w| {
        matches!(
            *w,
            "policy"
                | "guidelines"
                | "moderated"
                | "moderation"
                | "approved"
                | "insults"
                | "offensive"
                | "swearing"
                | "abusive"
                | "closed"
                | "reply"
                | "rules"
                | "respectful"
                | "civil"
                | "spam"
                | "published"
                | "reviewed"
        )
    });
    let addressed = tokens.first().is_some_and(|w| {
        matches!(
            *w,
            "warning"
                | "note"
                | "please"
                | "comments"
                | "comment"
                | "leave"
                | "post"
                | "add"
                | "join"
                | "log"
                | "sign"
                | "we"
                | "our"
                | "your"
                | "readers"
        )
    }) || tokens
        .iter()
        .any(|w| matches!(*w, "you" | "your" | "please"));
    policy && addressed
}

/// Before the headline, a run of short labels is section furniture: "World › Middle East",
/// "ConflictsMiddle East" (labels copied without their separator).
pub fn is_breadcrumb(text: &str) -> bool {
    // Over 100 characters, without counting a whole paragraph's.
    if text.len() > 100 && text.chars().nth(100).is_some() || text.ends_with(['.', '?', '!']) {
        return false;
    }
    // Every separator holds one of these characters; without one the line is one part.
    if text.contains(['>', '/', '|', '›', '»', '→', '·', '•']) {
        let parts: Vec<&str> = BREADCRUMB_SEP
            .split(text)
            .filter(|p| !p.is_empty())
            .collect();
        if parts.len() >= 2 && parts.iter().all(|p| !more_words_than(p, 4)) {
            return true;
        }
    }
    glued_labels(text).len() >= 2
}

/// Lines longer than this are asked their word count before the byte pass.
const GLUE_WORDS_FIRST: usize = 48;

/// Can `glued_labels` find labels in `text`: a glue point, at most six words? It is asked of
/// every line. A short line takes the byte pass first, which most lines fail; a long one
/// the word count, which stops at the seventh word where the byte pass reads the whole line
/// (a paragraph). The three tests read the text alone, so their order changes no answer.
// The two branches are the same conjunction on purpose: only the order of its tests
// differs, which is the point (clippy sees pure tests and calls them the same block).
#[allow(clippy::if_same_then_else)]
fn may_split_into_labels(text: &str) -> bool {
    if text.len() > GLUE_WORDS_FIRST {
        !more_words_than(text, 6) && may_have_glue_point(text) && has_glue_point(text)
    } else {
        may_have_glue_point(text) && !more_words_than(text, 6) && has_glue_point(text)
    }
}

/// Split labels copied without their separator: "ConflictsMiddle East" → [Conflicts, Middle East].
pub fn glued_labels(text: &str) -> Vec<String> {
    if !may_split_into_labels(text) {
        return Vec::new();
    }
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut prev: Option<char> = None;
    // Letters of the word so far: a glue point needs a whole label (three letters or more)
    // before it, so "WeWork" and "McDonald" stay one word.
    let mut word_letters = 0usize;
    for c in text.chars() {
        if let Some(p) = prev {
            if p.is_lowercase() && c.is_uppercase() && word_letters >= 3 {
                parts.push(std::mem::take(&mut current));
                word_letters = 0;
            }
        }
        if c.is_whitespace() {
            word_letters = 0;
        } else if c.is_alphabetic() {
            word_letters += 1;
        }
        current.push(c);
        prev = Some(c);
    }
    parts.push(current);
    let parts: Vec<String> = parts
        .into_iter()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    // "McDonald", "iPhone", "YouTube": a glue point inside one word followed by a short tail
    // is a name, not two labels; labels are at least three letters each.
    if parts.len() >= 2
        && parts
            .iter()
            .all(|p| p.chars().filter(|c| c.is_alphabetic()).count() >= 3)
    {
        parts
    } else {
        Vec::new()
    }
}

/// Can `text` have a glue point (a lower-case letter, then a capital)? A byte pass without
/// branches that most lines fail: a lower-case letter ends in a-z or in a UTF-8
/// continuation byte; a capital starts with A-Z or a lead byte from 0xC3 on (0xC2 holds
/// no capital), and after 0xE2 the second byte is one of the blocks that hold capitals
/// (letterlike symbols, number forms, enclosed letters, 0xB0 on), not punctuation, arrows,
/// box drawing or symbols: a curly quote or a dash after a word is no glue point.
pub fn may_have_glue_point(text: &str) -> bool {
    let lowerish = |c: u8| c.wrapping_sub(b'a') < 26 || c & 0xC0 == 0x80;
    let b = text.as_bytes();
    let Some(&[before, last]) = b.len().checked_sub(2).map(|at| &b[at..]) else {
        return false;
    };
    // The last byte can only open an ASCII capital.
    lowerish(before) & last.is_ascii_uppercase()
        || b.windows(3).fold(false, |hit, w| {
            hit | (lowerish(w[0]) & may_open_capital(w[1], w[2]))
        })
}

/// Can a character whose UTF-8 form starts with `lead`, then `next`, be a capital?
fn may_open_capital(lead: u8, next: u8) -> bool {
    lead.wrapping_sub(b'A') < 26
        || lead >= 0xC3
            && !(lead == 0xE2 && matches!(next, 0x80..=0x83 | 0x87..=0x91 | 0x94..=0xAF))
}

/// Does `text` have a point where `glued_labels` would cut (a lower-case letter closing a
/// word of three letters or more, then a capital)? Without one it is a single part: no
/// labels, nothing to copy (most lines).
fn has_glue_point(text: &str) -> bool {
    let mut prev: Option<char> = None;
    let mut word_letters = 0usize;
    for c in text.chars() {
        if let Some(p) = prev {
            if p.is_lowercase() && c.is_uppercase() && word_letters >= 3 {
                return true;
            }
        }
        if c.is_whitespace() {
            word_letters = 0;
        } else if c.is_alphabetic() {
            word_letters += 1;
        }
        prev = Some(c);
    }
    false
}

/// The parts of a breadcrumb (for the section).
pub fn breadcrumb_parts(text: &str) -> Vec<String> {
    let parts: Vec<String> = BREADCRUMB_SEP
        .split(text)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect();
    if parts.len() >= 2 {
        return parts;
    }
    let glued = glued_labels(text);
    if glued.is_empty() {
        vec![text.trim().to_string()]
    } else {
        glued
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_word_counts_agree_with_the_split() {
        for text in [
            "",
            " ",
            "more from europe",
            "  weitere  artikel ",
            "plus\td'articles",
            "más\u{0B}noticias",
            "a\u{0C}b\rc\nd",
            "one two three four five six seven",
            "one two three four five six seven eight",
            "x\u{1F}y",
        ] {
            for max in [0, 1, 3, 7] {
                assert_eq!(
                    words_up_to(text, max),
                    words_up_to_chars(text, max),
                    "{text:?} {max}"
                );
            }
        }
    }

    #[test]
    fn newsletter_headers_in_four_languages_and_no_rule_of_dashes() {
        let header = |t: &str| is_newsletter_header(&crate::ingest::blocks::units(t, false)[0]);
        assert!(header("Morning Briefing Newsletter"));
        assert!(header("Unsere Newsletter"));
        assert!(header("Nos infolettres — gratuites"));
        assert!(header("Nuestros boletines"));
        assert!(!header("Newsletter kommt am Montag."));
        assert!(!header(
            "Los boletines del tiempo y del mar llegan cada día"
        ));
        assert!(!header(&"━".repeat(500)));
        assert!(header(&format!("{} Newsletter", "━".repeat(500))));
    }

    #[test]
    fn rules_of_symbols_are_no_furniture_phrase_or_credit() {
        // A line without letters (a rule of dashes, arrows) skips the phrase scan and the
        // agency regex; what a line with letters gets is unchanged.
        assert!(!may_name_agency("━━━━━━ → ━━━━━━"));
        assert!(may_name_agency("© 2024"));
        assert!(is_image_credit("Foto: Anna Berg/dpa"));
        assert!(!is_image_credit("━━━━━━━━━━━━━━━━━━━━"));
        assert!(any_numeric("Seite ٣ von ٥"));
        assert!(!any_numeric("━━━━━━━━ é ━━━━"));
        let rule = "━".repeat(1000);
        let u = &crate::ingest::blocks::units(&rule, false)[0];
        assert_eq!(line_rule(u), None);
    }
    use crate::ingest::blocks::units;

    /// `names_ad_slot` answers as splitting the line at white space does: the words alone,
    /// inside longer words, glued to punctuation, between spaces beyond ASCII, at the
    /// line's edges, in lines of four languages.
    #[test]
    fn ad_slot_words_by_their_first_bytes_are_the_split_words() {
        let split = |k: &str| {
            k.split_whitespace()
                .any(|w| w == "banner" || w == "advert" || w == "adslot")
        };
        let lines = [
            "anzeige banner oben",
            "publicité bannière haut",
            "anuncio banner arriba",
            "advert",
            "top adslot",
            "advertisement",
            "advertiser banners",
            "bannerad adverts",
            "werbung: banner",
            "(banner)",
            "banner\u{a0}oben",
            "\u{3000}advert\u{3000}",
            "abanner",
            "banner\u{2003}",
            "é advert é",
            "ad\u{85}slot adslot\u{85}",
            "a b ab ba bann banne banner",
            "",
            "aaaaaa bbbbbb",
        ];
        for line in lines {
            assert_eq!(names_ad_slot(line), split(line), "{line:?}");
            for pad in [" ", "x", "\u{a0}", "—", "\t"] {
                let text = format!("{pad}{line}{pad}");
                assert_eq!(names_ad_slot(&text), split(&text), "{text:?}");
            }
        }
    }

    /// The glue test in either order answers as the byte pass first did: short and long
    /// lines of four languages, with and without glue points, at most six words and more,
    /// around the length where the order changes.
    #[test]
    fn the_glue_test_answers_in_either_order() {
        let plain = |t: &str| may_have_glue_point(t) && !more_words_than(t, 6) && has_glue_point(t);
        let lines = [
            "PoliticsMiddle East",
            "ÉconomieSociété",
            "Nachrichten Welt NahostAlle Artikel",
            "PolíticaInternacional América Latina",
            "one two three four five six sevenEight",
            "The harbour reopened on Tuesday after the storm had closed it for three days.",
            "Der Hafen wurde am Dienstag wieder geöffnet, sagte die Hafenbehörde am Mittwoch.",
            "Le port a rouvert mardi après la tempête, a dit la capitainerie du port.",
            "El puerto volvió a abrir el martes tras la tormenta, dijo la autoridad portuaria.",
            "AVeryLongGluedLabelWithoutAnySpacesAtAllThatGoesOnAndOnForSeveralDozenBytesToo",
            "McDonald's opens in Moscow",
            "iPhone sales",
            "",
        ];
        for line in lines {
            assert_eq!(may_split_into_labels(line), plain(line), "{line:?}");
            for pad in 0..60 {
                let text = format!("{}{line}", "x".repeat(pad));
                assert_eq!(may_split_into_labels(&text), plain(&text), "{text:?}");
                let text = format!("{line} {}Teil", "wort ".repeat(pad % 9));
                assert_eq!(may_split_into_labels(&text), plain(&text), "{text:?}");
            }
        }
    }

    fn rule(line: &str) -> Option<Rule> {
        units(line, false).first().and_then(line_rule)
    }

    #[test]
    fn markup_placeholders_and_shortcodes() {
        assert_eq!(rule("[INS::INS]"), Some(KIND_MARKER));
        assert_eq!(rule("[AD: :AD]"), Some(KIND_MARKER));
        assert_eq!(rule("[gallery ids=\"4,5,6\"]"), Some(KIND_MARKER));
        assert_eq!(
            rule("[embed]https://example.org/v/1[/embed]"),
            Some(KIND_MARKER)
        );
        // A source credit or an editor's insertion in brackets is text.
        assert_eq!(rule("[The Daily Ledger]"), None);
        assert_eq!(rule("[sic]"), None);
        assert_eq!(rule("[1] Smith J. Alarm fatigue. 2015."), None);
    }

    #[test]
    fn button_lines_name_no_section() {
        for menu in [
            "Donate Become a member",
            "Toggle search Search",
            "Suche schließen",
            "Rechercher Fermer",
            "Buscar Cerrar",
            "Hub ✕",
            "Sharing is caring!",
        ] {
            assert!(names_widget(menu), "{menu}");
        }
        for label in [
            "French Politics",
            "Wirtschaft",
            "Société",
            "Deportes",
            "Crime & Legal",
        ] {
            assert!(!names_widget(label), "{label}");
        }
    }

    #[test]
    fn more_of_a_kind_headers() {
        for h in [
            "more great ledger stories",
            "weitere artikel",
            "plus d'articles",
            "más noticias",
        ] {
            assert!(is_end_header(h), "{h}");
        }
        assert!(!is_end_header(
            "more people moved to the city than left it in the last ten years of news"
        ));
        assert!(!is_end_header("more rain is on the way"));
    }

    #[test]
    fn a_counter_after_a_furniture_label() {
        assert_eq!(rule("More videos (1 of 9)"), Some(RELATED_BLOCK));
        assert_eq!(rule("Photo gallery 2 von 5"), Some(GALLERY_CONTROLS));
        assert_eq!(rule("Photo gallery (3 sur 8)"), Some(GALLERY_CONTROLS));
        assert_eq!(rule("Related 4 de 10"), Some(RELATED_BLOCK));
        assert_eq!(rule("More videos 5/12"), Some(RELATED_BLOCK));
        assert_eq!(
            rule("Harbour reopens after 3 of 4 piers are repaired"),
            None
        );
    }

    #[test]
    fn skip_links_and_navigation() {
        assert_eq!(rule("1. Skip to content"), Some(SKIP_LINKS));
        assert_eq!(rule("Skip to main navigation"), Some(SKIP_LINKS));
        assert_eq!(rule("Jump to content"), Some(SKIP_LINKS));
        assert_eq!(rule("Skip next section Latest Headlines"), Some(SKIP_LINKS));
        assert_eq!(rule("Sign in"), Some(NAVIGATION));
        assert_eq!(rule("Toggle navigation"), Some(NAVIGATION));
        assert_eq!(rule("Back to top ↑"), Some(Rule::BackToTop));
    }

    #[test]
    fn timing_lines() {
        for l in [
            "4 min",
            "5 min read",
            "Reading time: 3 minutes",
            "3-minute read",
        ] {
            assert_eq!(rule(l), Some(READ_TIME), "{l}");
        }
        for l in ["01:52", "(2:03)", "Duration 1:02:03", "Video 03:10"] {
            assert_eq!(rule(l), Some(DURATION), "{l}");
        }
        assert_eq!(rule("2 hours ago"), Some(RELATIVE_TIME));
        assert_eq!(rule("Updated 5 mins ago"), Some(RELATIVE_TIME));
        assert_eq!(rule("He waited 4 minutes before speaking."), None);
    }

    #[test]
    fn players_and_markers() {
        assert_eq!(
            rule("Your browser doesn't support HTML5 video."),
            Some(Rule::PlayerNotice)
        );
        assert_eq!(
            rule("Please enable JavaScript to watch this video"),
            Some(Rule::PlayerNotice)
        );
        assert_eq!(rule("[Video transcript]"), Some(KIND_MARKER));
        assert_eq!(rule("(Audio)"), Some(KIND_MARKER));
        assert_eq!(rule("Listen to this article"), Some(Rule::PlayerNotice));
    }

    #[test]
    fn consent_subscriptions_comments() {
        assert_eq!(
            rule("We use cookies to personalise content and ads, and to analyse our traffic."),
            Some(COOKIE_NOTICE)
        );
        assert_eq!(rule("Accept all"), Some(COOKIE_NOTICE));
        assert_eq!(
            rule("The regulator fined the firm over cookie tracking in 2023."),
            None
        );
        assert_eq!(
            rule("Sign up for our daily briefing, delivered to your inbox"),
            Some(NEWSLETTER)
        );
        assert_eq!(
            rule("Get the latest headlines every morning"),
            Some(NEWSLETTER)
        );
        assert_eq!(
            rule("Please keep comments respectful; abusive comments will not be published."),
            Some(COMMENT_POLICY)
        );
        assert_eq!(rule("12 comments"), Some(COMMENT_POLICY));
        assert_eq!(
            rule("The minister's comments drew sharp criticism from rivals."),
            None
        );
    }

    /// The openings read from the one phrase scan count at the line's start only, at a word's
    /// end (or their own colon), and within their word limits.
    #[test]
    fn openings_from_the_shared_scan() {
        assert_eq!(
            rule("Read also: the vote, hour by hour"),
            Some(RELATED_INLINE)
        );
        assert_eq!(rule("Related:the vote, hour by hour"), Some(RELATED_INLINE));
        assert_eq!(rule("Read more"), Some(RELATED_INLINE));
        // Not at the start, or not at a word's end.
        assert_eq!(
            rule("Voters who read more about it changed their minds"),
            None
        );
        assert_eq!(rule("Read moreover the ruling itself"), None);
        // Over the word limit: 26 words.
        let long = format!("Read more: {}", ["word"; 24].join(" "));
        assert_eq!(rule(&long), None);
        assert_eq!(
            rule("Join our readers club for the weekly edition"),
            Some(NEWSLETTER)
        );
        assert_eq!(rule("They did not join our protest, the union said"), None);
        let long = format!("Sign up for {}", ["word"; 28].join(" "));
        assert_eq!(rule(&long), None);
    }

    #[test]
    fn end_header_words_in_one_pass() {
        assert_eq!(
            words_up_to("  more  great  stories ", 7),
            Some((3, "more", "stories"))
        );
        assert_eq!(words_up_to("", 7), Some((0, "", "")));
        assert_eq!(words_up_to("a b c d e f g h", 7), None);
        assert_eq!(words_up_to("a b c d e f g", 7), Some((7, "a", "g")));
        for h in [
            "weitere artikel",
            "más noticias",
            "more great planet stories",
        ] {
            assert!(is_end_header(h), "{h}");
        }
        for h in ["more", "more of the best stories you can read", "plus tard"] {
            assert!(!is_end_header(h), "{h}");
        }
    }

    #[test]
    fn related_and_share_and_ads() {
        for l in [
            "Related Articles",
            "More stories from The Planet",
            "CNN's Top Stories",
            "You may also like",
        ] {
            assert_eq!(rule(l), Some(RELATED_BLOCK), "{l}");
        }
        assert_eq!(
            rule("READ MORE: Talks resume next week"),
            Some(RELATED_INLINE)
        );
        assert_eq!(rule("Share on Facebook"), Some(SHARE_WIDGET));
        assert_eq!(rule("Facebook Twitter WhatsApp Email"), Some(SHARE_WIDGET));
        assert_eq!(rule("ADVERTISEMENT"), Some(AD_MARKER));
        assert_eq!(rule("Homepage banner 2"), Some(AD_MARKER));
        assert_eq!(rule("Photo: Jane Roe/Reuters"), Some(IMAGE_CREDIT));
        assert_eq!(rule("AFP via Getty Images"), Some(IMAGE_CREDIT));
        assert_eq!(
            rule("© 2024 The Daily Planet. All rights reserved."),
            Some(COPYRIGHT)
        );
        assert_eq!(rule("3 of 12"), Some(GALLERY_CONTROLS));
    }

    #[test]
    fn breadcrumbs() {
        assert!(is_breadcrumb("Home > World > Middle East"));
        assert!(is_breadcrumb("News / Europe"));
        assert!(is_breadcrumb("BusinessMarkets"));
        assert_eq!(
            glued_labels("PoliticsMiddle East"),
            ["Politics", "Middle East"]
        );
        assert!(glued_labels("McDonald's opens in Moscow").is_empty());
        assert!(glued_labels("iPhone sales").is_empty());
        assert!(!is_breadcrumb("A sentence that ends. With a period."));
    }

    #[test]
    fn the_byte_gate_for_glued_labels_passes_every_glue_point() {
        // A glue point always passes the gate, in any script; most lines fail it.
        for line in [
            "PoliticsMiddle East",
            "Anna BergerAlle Artikel",
            "ÉconomieSociété",
            "la caféÉcole",
            "Ana RuizVer más",
            "naïveÇa",
            "straßeÄrger",
        ] {
            assert!(has_glue_point(line), "{line:?}");
            assert!(may_have_glue_point(line), "{line:?}");
        }
        for line in [
            "Ann Lee",
            "GERMANY",
            "the talks went on",
            "Ça va",
            "Économie",
            "",
            "a",
            "the minister’s “last” word—and more…",
            "━━━━━━━━━━",
        ] {
            assert!(!may_have_glue_point(line), "{line:?}");
        }
        assert!(may_have_glue_point("aB"));
        assert!(may_have_glue_point("roomℂ"));
        // Every capital passes `may_open_capital`, every lower-case letter ends in a byte
        // that `may_have_glue_point` takes for one: the gate never misses a glue point.
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            if c.is_uppercase() {
                let next = bytes.get(1).copied().unwrap_or(0);
                assert!(may_open_capital(bytes[0], next), "{c:?}");
                assert!(may_have_glue_point(&format!("ab{c}")), "{c:?}");
            }
            if c.is_lowercase() {
                assert!(may_have_glue_point(&format!("{c}A")), "{c:?}");
            }
        }
        assert_eq!(glued_labels("ÉconomieSociété"), ["Économie", "Société"]);
        assert_eq!(
            glued_labels("Nachrichten Welt NahostAlle Artikel"),
            ["Nachrichten Welt Nahost", "Alle Artikel"]
        );
        assert!(glued_labels("one two three four five six sevenEight").is_empty());
    }

    #[test]
    fn possessive_end_headers_with_and_without_the_shortcut() {
        // A possessive first word up to the first space: the rest decides.
        for rest in [
            "top stories",
            "most read",
            "more from europe",
            "the minister",
        ] {
            let plain = is_end_header(rest);
            assert_eq!(is_end_header(&format!("dw's {rest}")), plain, "{rest}");
            assert_eq!(is_end_header(&format!("echos' {rest}")), plain, "{rest}");
            // A tab ends the first word, not the piece up to the first space.
            assert!(!is_end_header(&format!("dw's\t{rest}")), "{rest}");
            assert!(!is_end_header(&format!("x dw's {rest}")), "{rest}");
        }
        assert!(is_end_header("dw's top stories"));
        assert!(!is_end_header("dw's"));
    }

    #[test]
    fn keys_of_ascii_and_curly_apostrophes() {
        assert_eq!(key("1. skip to content"), "skip to content");
        assert_eq!(key("« plus d’articles »"), "plus d'articles");
        assert_eq!(key("‘más noticias’"), "'más noticias'");
        assert_eq!(key("— weitere artikel —"), "weitere artikel");
    }

    #[test]
    fn the_line_gate_finds_a_phrase_exactly_when_the_overlapping_scan_does() {
        for line in [
            "",
            "the minister said on tuesday",
            "read more: the harbour talks",
            "sign up for our morning newsletter",
            "leave a comment",
            "we use cookies to improve your experience",
            "lire aussi : les négociations",
            "lesen sie auch",
            "suscríbete a nuestro boletín",
            "más noticias del día",
            "━━━━ ━━━━",
        ] {
            assert_eq!(
                LINE_GATE.is_match(line),
                LINE_AC.find_overlapping_iter(line).next().is_some(),
                "{line:?}"
            );
        }
        assert!(LINE_GATE.is_match("we use cookies to improve your experience"));
    }
}
