//! One raw document → front matter, clean body and the list of what was dropped and why.
//! Pure: bytes in, values out.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use regex::Regex;

use super::blocks::{self, ends_sentence, Mark, Unit};
use super::boilerplate as bp;
use super::bylines;
use super::dates;
use super::decode::{self, NotText};
use super::frontmatter;
use super::kind;
use super::locate;
use super::markdown::{self, Block};
use super::outlet;
use super::pick_authors;
use super::pick_date;
use super::rules::Rule;
use super::{ConvertOptions, Converted, Dropped, Unconvertible};
use crate::analyze::fasthash::{FastMap, FastSet};
use crate::content::{is_web_url, split_front_matter, DateSource, DocDate, FrontMatter};

// Rule names for metadata lines and positional rules (furniture rules live in boilerplate).
pub const TITLE: Rule = Rule::Title;
pub const REPEATED_HEADLINE: Rule = Rule::RepeatedHeadline;
pub const BYLINE: Rule = Rule::Byline;
pub const DATE_LINE: Rule = Rule::DateLine;
pub const URL_LINE: Rule = Rule::UrlLine;
pub const DATELINE: Rule = Rule::Dateline;
pub const SOURCE_LINE: Rule = Rule::SourceLine;
pub const CREDIT_LINE: Rule = Rule::CreditLine;
pub const SECTION_LABEL: Rule = Rule::SectionLabel;
pub const BEFORE_HEADLINE: Rule = Rule::BeforeHeadline;
pub const DUPLICATE_LINE: Rule = Rule::DuplicateLine;
pub const SAME_AS_DROPPED: Rule = Rule::SameAsDropped;
pub const TEASER_AFTER_END: Rule = Rule::TeaserAfterEnd;
pub const CONFIG_BOILERPLATE: Rule = Rule::ConfigBoilerplate;
pub const AFTER_ARTICLE: Rule = Rule::AfterArticle;
pub const PAGE_MESSAGE: Rule = Rule::PageMessage;
pub const STANDFIRST: Rule = Rule::Standfirst;
pub const HEADER_LABEL: Rule = Rule::HeaderLabel;
pub const COMMENT_THREAD: Rule = Rule::CommentThread;
pub const CONTACT_LINE: Rule = Rule::ContactLine;
pub const TRAILER: Rule = Rule::TrailerAfterRule;
pub const NEWSLETTER_BOX: Rule = Rule::NewsletterBox;
pub const INLINE_BOX: Rule = Rule::InlineBox;

static URL_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:url|link|permalink|canonical|source url|short link|shortlink|article link|original article)\s*:\s*)?<?(?P<url>(?:https?://|www\.)[^\s<>]+?)>?$")
        .expect("valid regex")
});
/// "CAIRO (Reuters) -", "GAZA CITY, Gaza Strip, Feb 6 (AP) —", "WASHINGTON, Feb. 6, 2024 /PRNewswire/ --".
static DATELINE_RE: LazyLock<Regex> = LazyLock::new(|| {
    // Latin letters only (with accents): place names in datelines are printed that way, and
    // the small classes keep this regex cheap to run with capture groups.
    Regex::new(r"^(?P<place>[A-ZÀ-Þ][A-ZÀ-Þ .'’-]{1,40}(?:,\s*[A-ZÀ-Þ][A-Za-zÀ-ɏ .'’-]{1,30}?){0,2})?(?:,\s*(?P<date>(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,?\s+\d{4})?|\d{1,2}\s+[A-Z][a-z]{2,8}\.?(?:\s+\d{4})?)))?\s*(?:\((?P<agency>[^()]{1,40})\)|/\s*(?P<wire>[^/]{2,30}?)\s*/)\s*(?:[-–—]{1,2}|:)\s*")
        .expect("valid regex")
});
/// A lead that opens with a place in capitals and a dash, no agency ("GENEVA — ",
/// "GAZA CITY, Gaza Strip -- ").
static PLACE_DASH_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[A-ZÀ-Þ][A-ZÀ-Þ .'’-]{1,40}(?:,\s*[A-ZÀ-Þ][A-Za-zÀ-ɏ .'’-]{1,30}?){0,2}\s+(?:—|–|--)\s*",
    )
    .expect("valid regex")
});
/// A line that is only a dateline ("CNN —", "WASHINGTON (AP) —").
static DATELINE_ONLY_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<head>[\p{L}][\p{L} .,'’&-]{0,40}?)?\s*(?:\((?P<agency>[^()]{1,40})\))?\s*[-–—]{1,2}$").expect("valid regex")
});
static SPEAKER_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\((?P<who>\p{Lu}[^()]{1,150})\):?$").expect("valid regex"));
static CAPTION_RE: LazyLock<Regex> = LazyLock::new(|| {
    let agencies = r"(?:Reuters|REUTERS|AP|AP Photo|Associated Press|AFP|Getty Images|Getty|EPA|EPA-EFE|Anadolu(?: Agency)?|Xinhua|dpa|picture alliance|picture-alliance|Bloomberg|Shutterstock|Alamy|Sipa|SIPA|ZUMA|ZUMA Wire|NurPhoto|Pool|POOL|Handout|HANDOUT|IMAGO|SOPA Images|LightRocket|Sputnik|TASS|UPI|Abaca|AAP|Kyodo|Yonhap|WANA|Agence France-Presse)";
    Regex::new(&format!(
        r"(?:\s|^)(?:\(?(?:Photo|Image|Picture|Credit)s?:?\s*)?(?:[\p{{Lu}}][\p{{L}}'’.-]+\s+){{0,3}}[\p{{Lu}}][\p{{L}}'’.-]+\s*(?:,|/|(?-u:\b)for(?-u:\b)|(?-u:\b)via(?-u:\b))\s*{agencies}(?:\s*(?:/|via)\s*[\p{{L}} ]+)?\)?\.?$|\((?:AP|AFP|Reuters|EPA|Getty)?\s*(?:Photo|Images?)[^)]*\)\.?$|(?-u:\b)(?:REUTERS|AFP|AP|EPA|Reuters)/[\p{{Lu}}][\p{{L}} .'’/-]+\.?$"
    ))
    .expect("valid regex")
});
/// A word each of `CAPTION_RE`'s branches must hold (case-sensitive, as the regex): an
/// agency's name, or "Photo"/"Image". A tail holding none cannot match.
const CAPTION_NEEDS: &[&str] = &[
    "Reuters",
    "REUTERS",
    "AP",
    "Associated Press",
    "AFP",
    "Getty",
    "EPA",
    "Anadolu",
    "Xinhua",
    "dpa",
    "picture",
    "Bloomberg",
    "Shutterstock",
    "Alamy",
    "Sipa",
    "SIPA",
    "ZUMA",
    "Pool",
    "POOL",
    "Handout",
    "HANDOUT",
    "IMAGO",
    "LightRocket",
    "Sputnik",
    "TASS",
    "UPI",
    "Abaca",
    "Kyodo",
    "Yonhap",
    "WANA",
    "Agence",
    "Photo",
    "Image",
];
/// The first bytes of `CAPTION_NEEDS` (one flag per byte), and their first two bytes (all
/// have two or more; one bit per pair): a tail where no byte opens one and no pair of
/// adjacent bytes does holds none of them.
static CAPTION_NEED_OPENINGS: LazyLock<([bool; 256], Box<[u64; 1024]>)> = LazyLock::new(|| {
    let mut firsts = [false; 256];
    let mut pairs = Box::new([0u64; 1024]);
    for need in CAPTION_NEEDS {
        if let [a, b, ..] = need.as_bytes() {
            firsts[usize::from(*a)] = true;
            let k = usize::from(*a) << 8 | usize::from(*b);
            pairs[k >> 6] |= 1 << (k & 63);
        }
    }
    (firsts, pairs)
});

/// Whether `tail` holds one of `CAPTION_NEEDS` (case-sensitive): each byte looked up in a
/// table, the next byte too where it may open one, the words compared only where a pair
/// does. A plain byte loop over a short tail, cheaper than a multi-pattern search.
fn holds_caption_need(tail: &str) -> bool {
    let b = tail.as_bytes();
    let (firsts, pairs) = &*CAPTION_NEED_OPENINGS;
    let Some(last) = b.len().checked_sub(1) else {
        return false;
    };
    b[..last].iter().enumerate().any(|(p, &x)| {
        firsts[usize::from(x)] && {
            let k = usize::from(x) << 8 | usize::from(b[p + 1]);
            pairs[k >> 6] >> (k & 63) & 1 != 0
                && CAPTION_NEEDS
                    .iter()
                    .any(|n| b[p..].starts_with(n.as_bytes()))
        }
    })
}
static CAPTION_LABEL_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Image caption|Photo caption|Caption|Photograph|Media caption)\s*[,:]")
        .expect("valid regex")
});
/// A stock-library credit that closes a line even without a sentence before it.
static STOCK_CREDIT_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:Getty Images|Shutterstock|Alamy(?: Stock Photo)?)\.?\)?$")
        .expect("valid regex")
});
static REPORTING_FROM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Reporting|Reported|Writing) from\s+\p{Lu}[\p{L} ,.'-]*$").expect("valid regex")
});
static CONTRIBUTOR_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)contributed (?:reporting )?to this (?:report|story|article)(?-u:\b)|^this (?:article|story|report) (?:was|has been) (?:updated|amended|corrected)(?-u:\b)")
        .expect("valid regex")
});

/// How a kept unit ends up in the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Text,
    Caption,
    /// A "(Name, Role)" line introducing the next unit, a quotation.
    Speaker,
}

/// State of the conversion of one document.
struct Doc<'a> {
    units: Vec<Unit>,
    /// Why each unit is dropped (None: kept).
    drop: Vec<Option<Rule>>,
    /// Units the user's `keep` patterns protect.
    keep: Vec<bool>,
    role: Vec<Role>,
    /// `norm` of each unit's text, computed once (`Doc::norm_of` reads it).
    norms: Vec<Norm>,
    /// Each unit read as a byline (step 1 reads them all).
    bylines: Vec<Option<bylines::Byline>>,
    /// Each unit read as a date line, when first asked.
    date_lines: Vec<OnceCell<Option<dates::DateLine>>>,
    /// Each unit's `is_metadata_shape`, when first asked (every call comes after step 1,
    /// which writes `bylines`, the one input that is no unit's own).
    metadata: Vec<OnceCell<bool>>,
    opts: &'a ConvertOptions,
    /// The densest run of prose (`locate::article_run`), found after the line-by-line pass.
    run: Option<(usize, usize)>,
    /// The input is Markdown (the user's own writing), not a page's text.
    markdown: bool,
    /// Units most of whose text already stood above them (`locate::repeats_earlier_text`).
    repeated: Vec<bool>,
    /// Each unit's first copy (`blocks::first_same`): rules that read the text alone are
    /// asked there once and their answers reused at every copy.
    same: Vec<u32>,
    /// Those answers, filled at first copies when first asked.
    text_answers: Vec<TextAnswers>,
}

/// Later passes' rules that read nothing but a unit's text, asked at most once per distinct
/// text: the header passes ask the same lines again and again.
#[derive(Clone, Default)]
struct TextAnswers {
    caption: OnceCell<bool>,
    name_line: OnceCell<bool>,
    breadcrumb: OnceCell<bool>,
}

/// `norm` of a unit's text: mostly a trimmed stretch of its lower case, kept as bounds
/// into it instead of a copy of every line.
enum Norm {
    Within(usize, usize),
    Owned(String),
}

impl Norm {
    fn of(u: &Unit) -> Norm {
        let lower = u.lower.as_str();
        match norm_lower_known(lower, u.plain) {
            Cow::Borrowed(s) => {
                let at = s.as_ptr() as usize - lower.as_ptr() as usize;
                Norm::Within(at, at + s.len())
            }
            Cow::Owned(s) => Norm::Owned(s),
        }
    }
}

impl<'a> Doc<'a> {
    /// A page's units before any pass has read them: every unit text, none dropped, the
    /// repeats not yet found.
    fn new(units: Vec<Unit>, opts: &'a ConvertOptions, keep: Vec<bool>, markdown: bool) -> Self {
        let n = units.len();
        Doc {
            norms: units.iter().map(Norm::of).collect(),
            same: blocks::first_same(&units),
            text_answers: vec![TextAnswers::default(); n],
            bylines: vec![None; n],
            date_lines: vec![OnceCell::new(); n],
            metadata: vec![OnceCell::new(); n],
            drop: vec![None; n],
            keep,
            role: vec![Role::Text; n],
            units,
            opts,
            run: None,
            markdown,
            repeated: Vec::new(),
        }
    }
}

impl Doc<'_> {
    /// `norm` of unit `i`'s text.
    fn norm_of(&self, i: usize) -> &str {
        match &self.norms[i] {
            Norm::Within(a, b) => &self.units[i].lower[*a..*b],
            Norm::Owned(s) => s,
        }
    }

    fn dropped(&self, i: usize) -> bool {
        self.drop[i].is_some()
    }

    /// `is_caption` of unit `i`'s text.
    fn caption(&self, i: usize) -> bool {
        let f = self.same[i] as usize;
        *self.text_answers[f]
            .caption
            .get_or_init(|| is_caption(&self.units[f].text))
    }

    /// Whether unit `i`'s text is a name line (`bylines::name_line`).
    fn name_line(&self, i: usize) -> bool {
        let f = self.same[i] as usize;
        *self.text_answers[f]
            .name_line
            .get_or_init(|| bylines::name_line(&self.units[f].text).is_some())
    }

    /// `bp::is_breadcrumb` of unit `i`'s text.
    fn breadcrumb(&self, i: usize) -> bool {
        let f = self.same[i] as usize;
        *self.text_answers[f]
            .breadcrumb
            .get_or_init(|| bp::is_breadcrumb(&self.units[f].text))
    }

    /// `dates::date_line` of unit `i`'s text. It reads nothing but the text and the page's
    /// date order, so a copy of a line (`first_same`) takes its first copy's answer.
    fn date_line(&self, i: usize) -> Option<&dates::DateLine> {
        let f = self.same[i] as usize;
        self.date_lines[f]
            .get_or_init(|| dates::date_line(&self.units[f].text, self.opts.date_order))
            .as_ref()
    }

    /// A line that states metadata (read in step 4), not a label to drop as furniture.
    /// Asked once per unit: the later passes ask the lines around each candidate again and
    /// again.
    fn is_metadata_shape(&self, i: usize) -> bool {
        *self.metadata[i].get_or_init(|| self.metadata_shape_of(i))
    }

    /// `is_metadata_shape`, read from the unit (no answer kept).
    fn metadata_shape_of(&self, i: usize) -> bool {
        let u = &self.units[i];
        // The cheap tests first; the date line (a parse, kept for later) last.
        self.bylines[i].is_some()
            || url_of(u).is_some()
            || dateline_only(&u.text, self.opts).is_some()
            || self.date_line(i).is_some()
    }

    fn set(&mut self, i: usize, rule: Rule) {
        if !self.keep[i] && self.drop[i].is_none() {
            self.drop[i] = Some(rule);
        }
    }
}

/// A short line ending on a preposition, printed again within the next five lines: the credit
/// of a partner's logo, whose name is the picture and not in the text.
fn logo_credits(doc: &mut Doc) {
    let n = doc.units.len();
    for i in 0..n {
        let u = &doc.units[i];
        if doc.dropped(i) || u.words < 2 || u.words > 5 || u.mark == Mark::Code {
            continue;
        }
        let last = u.lower.split_whitespace().last().unwrap_or("");
        if !matches!(
            last,
            "with" | "by" | "mit" | "von" | "avec" | "par" | "con" | "por"
        ) {
            continue;
        }
        let key = doc.norm_of(i).to_string();
        let again = (i + 1..n.min(i + 6)).find(|&j| doc.norm_of(j) == key);
        if let Some(j) = again {
            doc.set(i, bp::IMAGE_CREDIT);
            doc.set(j, bp::IMAGE_CREDIT);
        }
    }
}

/// Evidence found while reading the document.
#[derive(Default)]
struct Evidence {
    authors: Vec<String>,
    name_line_authors: Vec<String>,
    credit_authors: Vec<String>,
    additional_authors: Vec<String>,
    byline_outlet: Option<String>,
    dateline_outlet: Option<String>,
    source_line_outlet: Option<String>,
    title_outlet: Option<String>,
    chrome_outlet: Option<String>,
    /// The name an outlet signs the piece with beside its date, under the headline.
    stamp_outlet: Option<String>,
    url: Option<String>,
    stated: Option<(NaiveDate, String)>,
    updated: Option<NaiveDate>,
    caption_date: Option<(NaiveDate, String)>,
    url_date: Option<(NaiveDate, String)>,
    dateline_month_day: Option<((u32, u32), String)>,
    section: Option<String>,
}

/// Normalised text for comparing lines: lower case, straight quotes, white space collapsed,
/// no end punctuation. One pass, one allocation: it runs on every line.
fn norm(s: &str) -> String {
    if s.is_ascii() {
        return norm_ascii(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        match c {
            '’' | '‘' | '`' => out.push('\''),
            '“' | '”' => out.push('"'),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
    let edge =
        |c: char| c == ' ' || matches!(c, '.' | ':' | '!' | '|' | '-' | '—' | '–' | '"' | '\'');
    let trimmed = out.trim_matches(edge);
    if trimmed.len() == out.len() {
        out
    } else {
        trimmed.to_string()
    }
}

/// The two bytes every curly quote and the dashes `norm` trims open with (E2 80).
static QUOTE_LEAD: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new(b"\xE2\x80"));

/// `norm` of a unit's already lower-cased, collapsed text: usually just a trimmed copy.
#[cfg(test)]
fn norm_lower(lower: &str) -> Cow<'_, str> {
    norm_lower_known(lower, false)
}

/// `norm_lower`, told whether the line is known single-spaced (`Unit::plain`: then the
/// white space searches are skipped).
fn norm_lower_known(lower: &str, plain: bool) -> Cow<'_, str> {
    let b = lower.as_bytes();
    // Byte searches (memchr) rather than one loop per test: this runs on every line.
    if !plain
        && ([b'\t', b'\n', b'\r', 0x0B, 0x0C]
            .iter()
            .any(|c| b.contains(c))
            || b.first() == Some(&b' ')
            || b.last() == Some(&b' ')
            || blocks::has(lower, "  "))
    {
        return norm(lower).into();
    }
    // Curly quotes and the dashes trimmed below are all U+2013-U+201D: E2 80 and a byte.
    // The searcher is built once, not per line; the backtick found with the vector memchr.
    if QUOTE_LEAD.find(b).is_some() || memchr::memchr(b'`', b).is_some() {
        // Already lower case and single-spaced: only the quotes to straighten and the
        // edges to trim (what `norm` does, without lower-casing every character again).
        let out = straighten_quotes(lower);
        let edge =
            |c: char| c == ' ' || matches!(c, '.' | ':' | '!' | '|' | '-' | '—' | '–' | '"' | '\'');
        let trimmed = out.trim_matches(edge);
        return if trimmed.len() == out.len() {
            out.into()
        } else {
            trimmed.to_string().into()
        };
    }
    let edge = |c: char| matches!(c, ' ' | '.' | ':' | '!' | '|' | '-' | '"' | '\'');
    lower.trim_matches(edge).into()
}

/// `lower` with curly quotes (‘ ’ “ ”) and backticks made straight, the rest copied in runs.
fn straighten_quotes(lower: &str) -> String {
    let b = lower.as_bytes();
    let mut out = String::with_capacity(lower.len());
    // Copied up to here (always a character boundary); searched from `from`.
    let (mut copied, mut from) = (0, 0);
    // Each quote is one of U+2018, U+2019, U+201C, U+201D (E2 80 98/99/9C/9D) or a backtick:
    // found by its backtick or its middle byte 80 (rarer than E2, which box-drawing rules
    // repeat thousands of times).
    while let Some(off) = memchr::memchr2(b'`', 0x80, &b[from..]) {
        let found = from + off;
        let (at, with, len) = match (
            b[found],
            found.checked_sub(1).map(|p| b[p]),
            b.get(found + 1),
        ) {
            (b'`', _, _) => (found, '\'', 1),
            (_, Some(0xE2), Some(0x98 | 0x99)) => (found - 1, '\'', 3),
            (_, Some(0xE2), Some(0x9C | 0x9D)) => (found - 1, '"', 3),
            _ => {
                from = found + 1;
                continue;
            }
        };
        out.push_str(&lower[copied..at]);
        out.push(with);
        copied = at + len;
        from = copied;
    }
    out.push_str(&lower[copied..]);
    out
}

/// `norm` for ASCII text, byte by byte.
fn norm_ascii(s: &str) -> String {
    let mut out: Vec<u8> = Vec::with_capacity(s.len());
    let mut space = false;
    for &b in s.as_bytes() {
        if b.is_ascii_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(b' ');
            space = false;
        }
        out.push(if b == b'`' {
            b'\''
        } else {
            b.to_ascii_lowercase()
        });
    }
    let edge = |b: &u8| matches!(b, b' ' | b'.' | b':' | b'!' | b'|' | b'-' | b'"' | b'\'');
    let start = out.iter().position(|b| !edge(b)).unwrap_or(out.len());
    let end = out.iter().rposition(|b| !edge(b)).map_or(start, |e| e + 1);
    String::from_utf8_lossy(&out[start..end.max(start)]).into_owned()
}

/// The author's name glued to the link to their other pieces ("Jane RoeView More Articles")
/// right under a headline-shaped line: a byline. Under anything else (a menu, "You are signed
/// in as") such a line is the page's own furniture.
fn glued_byline(units: &[Unit], i: usize, name: String) -> Option<bylines::Byline> {
    // Most lines have no glue point (`glued_name`, asked by the caller): that test comes first.
    let above = units.get(i.checked_sub(1)?)?;
    // A headline has four words or more ("Buy Now" over a product's name is a button).
    if above.words < 4
        || !headline_like(above)
        || locate::addresses_reader(above)
        || bp::is_breadcrumb(&above.text)
    {
        return None;
    }
    Some(bylines::Byline {
        authors: vec![name],
        ..Default::default()
    })
}

/// What step 1 of `convert` learns from a line's text alone (`blocks::first_same`).
#[derive(Clone)]
struct LineAnswers {
    /// A configured boilerplate pattern matches.
    config: bool,
    parsed: Option<bylines::Byline>,
    /// `glued_name`, asked when `parsed` is none.
    glued: Option<String>,
    /// `line_rule`, once a copy of the line needed it.
    rule: Option<Option<Rule>>,
}

fn is_prose(u: &Unit) -> bool {
    u.mark != Mark::Code
        && u.mark != Mark::Heading(1)
        && (u.words >= 12 && ends_sentence(&u.text) || u.words >= 25)
}

/// A quotation mark or Spanish opening mark a headline may start with: German opens a
/// quote low („), French and Spanish with guillemets («), Spanish a question with ¿ and an
/// exclamation with ¡.
fn opens_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '‘' | '\'' | '„' | '«' | '¿' | '¡')
}

fn headline_like(u: &Unit) -> bool {
    if !matches!(u.mark, Mark::Plain | Mark::Heading(_)) {
        return false;
    }
    let t = u.text.as_str();
    let opens = |s: &str| {
        let first = s.chars().next().unwrap_or(' ');
        first.is_uppercase() || first.is_ascii_digit() || opens_quote(first)
    };
    // A bracketed tag may open a headline ("[Video] Storm hits the coast"): the tag and the
    // words after it both open as a headline does.
    let opening = match t.strip_prefix('[').and_then(|r| r.split_once(']')) {
        Some((tag, rest)) => opens(tag) && opens(rest.trim_start()),
        None => opens(t),
    };
    (2..=30).contains(&u.words)
        && t.chars().count() <= 220
        && !t.ends_with(['.', ',', ';', ':', '…'])
        && opening
        && t.split_whitespace().any(|w| {
            w.trim_start_matches(|c: char| !c.is_alphanumeric())
                .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        })
        && !t.starts_with('(')
        && t.chars().any(|c| c.is_alphabetic())
}

/// A headline in title case that ends with a full stop ("Stock Falls After Earnings. Why
/// You Shouldn't Worry."): prose never capitalises most of its words.
fn title_case_headline(u: &Unit) -> bool {
    if u.mark != Mark::Plain || !(4..=20).contains(&u.words) || !u.text.ends_with('.') {
        return false;
    }
    let long: Vec<&str> = u
        .text
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .collect();
    let caps = long
        .iter()
        .filter(|w| {
            w.trim_start_matches(|c: char| !c.is_alphanumeric())
                .starts_with(char::is_uppercase)
        })
        .count();
    long.len() >= 3 && caps * 10 >= long.len() * 8
}

fn subheading_like(u: &Unit) -> bool {
    u.mark == Mark::Plain
        && (2..=14).contains(&u.words)
        && u.text.chars().count() <= 110
        && !u.text.ends_with(['.', ',', ';', ':', '"', '”', '…'])
        && u.text
            .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        && !u.text.starts_with('(')
}

/// A `(Name, Role)` speaker line: the attribution text.
fn speaker_line(u: &Unit) -> Option<String> {
    if u.mark != Mark::Plain || u.words > 20 || !u.text.starts_with('(') {
        return None;
    }
    let c = SPEAKER_LINE.captures(&u.text)?;
    let who = c["who"].trim();
    let name = who.split(',').next().unwrap_or(who).trim();
    // The first part names someone (or a described speaker: "Protester in Rafah").
    let ok = bylines::is_person_name(name, true)
        || !blocks::more_words_than(name, 6) && !who.ends_with('.');
    ok.then(|| who.to_string())
}

pub fn is_caption(text: &str) -> bool {
    // Five words or more (the byte loop of `more_words_than` rather than a decoding split).
    if text.len() > 600 || !blocks::more_words_than(text, 4) {
        return false;
    }
    // The credit ends the line: only its tail (and a caption label at the start) can match.
    let tail = blocks::tail(text, 160);
    holds_caption_need(tail) && CAPTION_RE.is_match(tail)
        || text.starts_with(['I', 'P', 'C', 'M']) && CAPTION_LABEL_RE.is_match(text)
        || ends_with_stock_credit(tail) && STOCK_CREDIT_END.is_match(tail)
        || sentence_ends(tail).any(|end| is_credit_segment(&tail[end..]))
        || glued_credit(tail)
}

/// A credit glued to the caption's last word, the space lost with the markup between them
/// ("...sought treatmentCredit: EPA", "...the harbourFoto: Anna Berg"): a lower-case letter
/// then a capital that opens a credit.
fn glued_credit(tail: &str) -> bool {
    // Most tails have no lower-case letter before a capital: one byte pass says so.
    if !bp::may_have_glue_point(tail) {
        return false;
    }
    let b = tail.as_bytes();
    let (mut prev_lower, mut at) = (false, 0usize);
    while at < b.len() {
        // ASCII classed by its byte (most of a caption); other characters decoded.
        let (upper, lower, len) = if b[at] < 0x80 {
            (b[at].is_ascii_uppercase(), b[at].is_ascii_lowercase(), 1)
        } else {
            // `at` moves by whole characters: always a boundary.
            let c = tail.get(at..).and_then(|r| r.chars().next()).unwrap_or(' ');
            (c.is_uppercase(), c.is_lowercase(), c.len_utf8())
        };
        if prev_lower && upper && is_credit_segment(&tail[at..]) {
            return true;
        }
        prev_lower = lower;
        at += len;
    }
    false
}

/// Where a sentence ends inside a caption, so the short credit after it can be read alone:
/// the end of each match of `[.!?]["”’)]?\s+`, left to right without overlap, as a regex's
/// `find_iter` gives them. A byte scan (a stop is ASCII; white space is decoded only there):
/// every caption is asked, and the regex cost more than the scan.
fn sentence_ends(tail: &str) -> impl Iterator<Item = usize> + '_ {
    let b = tail.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        // The stops found by a byte search (memchr), not by testing every byte.
        while let Some(off) = b
            .get(at..)
            .and_then(|rest| memchr::memchr3(b'.', b'!', b'?', rest))
        {
            let stop = at + off;
            at = stop + 1;
            // The end of the white space run from `from`, if it holds one character or more.
            let white_end = |from: usize| {
                let rest = tail.get(from..)?;
                let end = rest
                    .char_indices()
                    .find(|&(_, c)| !c.is_whitespace())
                    .map_or(rest.len(), |(i, _)| i);
                (end > 0).then_some(from + end)
            };
            let quote = tail[at..]
                .chars()
                .next()
                .filter(|c| matches!(c, '"' | '”' | '’' | ')'))
                .map_or(0, char::len_utf8);
            let end = (quote > 0)
                .then(|| white_end(at + quote))
                .flatten()
                .or_else(|| white_end(at));
            if let Some(end) = end {
                at = end;
                return Some(end);
            }
        }
        None
    })
}

/// Can `STOCK_CREDIT_END` match? Its credits close the line, before at most "." and ")".
fn ends_with_stock_credit(tail: &str) -> bool {
    let t = tail.strip_suffix(')').unwrap_or(tail);
    let t = t.strip_suffix('.').unwrap_or(t);
    t.ends_with("Getty Images")
        || t.ends_with("Shutterstock")
        || t.ends_with("Alamy")
        || t.ends_with("Alamy Stock Photo")
}

/// Words a photo credit may hold in lower case (every other word is a name, capitalised),
/// each with whether it makes a short trailing segment a credit rather than a name or a
/// sentence.
const CREDIT_WORDS: &[(&str, bool)] = &[
    ("photo", true),
    ("photos", true),
    ("photograph", true),
    ("photographer", true),
    ("photography", false),
    ("picture", true),
    ("pictures", true),
    ("image", true),
    ("images", true),
    ("credit", true),
    ("credits", true),
    ("courtesy", true),
    ("of", false),
    ("via", false),
    ("for", false),
    ("by", false),
    ("handout", true),
    ("file", false),
    ("pool", true),
    ("staff", false),
    ("and", false),
    ("stock", false),
    ("illustration", true),
    ("video", false),
    ("still", false),
    ("screenshot", true),
    ("screengrab", true),
    ("from", false),
    ("the", false),
    ("de", false),
    ("van", false),
    ("von", false),
    ("al", false),
    ("el", false),
    ("bin", false),
    ("getty", true),
    // The same credit words in German, French and Spanish.
    ("foto", true),
    ("fotos", true),
    ("bild", true),
    ("crédit", true),
    ("crédits", true),
    ("crédito", true),
    ("créditos", true),
];

/// `CREDIT_WORDS` by their length in bytes, each in the table's order.
static CREDIT_WORDS_BY_LEN: LazyLock<Vec<Vec<(&'static str, bool)>>> = LazyLock::new(|| {
    let longest = CREDIT_WORDS.iter().map(|(c, _)| c.len()).max().unwrap_or(0);
    let mut by_len = vec![Vec::new(); longest + 1];
    for &(c, marks) in CREDIT_WORDS {
        by_len[c.len()].push((c, marks));
    }
    by_len
});

/// The credit word `w` is, if any: lower-cased as `to_lowercase` would (without a copy for
/// ASCII words), compared only with the credit words of its length (a word equal to one
/// has its length), the first in the table's order.
fn credit_word(w: &str) -> Option<&'static (&'static str, bool)> {
    let lower = (!w.is_ascii()).then(|| w.to_lowercase());
    let len = lower.as_ref().map_or(w.len(), String::len);
    CREDIT_WORDS_BY_LEN
        .get(len)?
        .iter()
        .find(|(c, _)| match &lower {
            Some(l) => l == c,
            None => w.eq_ignore_ascii_case(c),
        })
}

/// The short run after a caption's last sentence that credits the picture: "Pool photo /
/// Agency credit", "Photo: Jane Doe", "Courtesy of the family", "Jane Doe for The Outlet".
fn is_credit_segment(seg: &str) -> bool {
    let seg = seg
        .trim()
        .trim_end_matches(['.', ')'])
        .trim_start_matches('(');
    // Dashes and other marks between the parts are no words ("Getty - Contributor").
    let words = seg
        .split(|c: char| c.is_whitespace() || matches!(c, '/' | ':' | ',' | '|'))
        .filter(|w| w.chars().any(char::is_alphanumeric));
    // Read word by word, stopping at the first that settles it (most tails are sentences:
    // a lower-case word that is no credit word, or an eleventh word).
    let (mut n, mut marked) = (0, false);
    for w in words {
        n += 1;
        if n > 10 {
            return false;
        }
        // The credit word `w` is, if any.
        let credit = credit_word(w);
        let name = w
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        if !name && credit.is_none() {
            return false;
        }
        marked |= credit.is_some_and(|(_, marks)| *marks);
    }
    n > 0 && marked
}

/// Whether a lower-cased line holds "http" or "www.": one byte search for both openings.
fn may_hold_url(lower: &[u8]) -> bool {
    memchr::memchr2_iter(b'h', b'w', lower)
        .any(|j| lower[j..].starts_with(b"http") || lower[j..].starts_with(b"www."))
}

fn url_of(u: &Unit) -> Option<String> {
    if u.words > 3 || u.mark == Mark::Code {
        return None;
    }
    // `URL_RE` needs "http" or "www." (no other character folds to these letters): most
    // short lines have neither and skip the regex.
    if !may_hold_url(u.lower.as_bytes()) {
        return None;
    }
    let c = URL_RE.captures(&u.text)?;
    let mut url = c["url"].trim_end_matches(['.', ',', ')']).to_string();
    if url.to_lowercase().starts_with("www.") {
        url = format!("https://{url}");
    }
    is_web_url(&url).then_some(url)
}

fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?', '#']).next().unwrap_or(rest)
}

/// Truncate a summary to about `max` characters at a sentence or word boundary.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    if let Some(p) = cut.rfind(". ").filter(|&p| p > max / 2) {
        return cut[..=p].to_string();
    }
    let at = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end_matches([',', ';', ':']))
}

/// A title from a file name: "blinken-cairo_talks.txt" → "Blinken cairo talks".
pub fn title_from_file_name(source_file: &str) -> String {
    let name = source_file.rsplit('/').next().unwrap_or(source_file);
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let spaced: String = stem
        .chars()
        .map(|c| if c == '-' || c == '_' { ' ' } else { c })
        .collect();
    let spaced = blocks::collapse(&spaced);
    let mut chars = spaced.chars();
    match chars.next() {
        Some(f) => f.to_uppercase().chain(chars).collect(),
        None => "Untitled".to_string(),
    }
}

pub fn convert(
    raw: &[u8],
    source_file: &str,
    opts: &ConvertOptions,
) -> Result<Converted, Unconvertible> {
    let (text, charset) = decode::decode(raw).map_err(|e| match e {
        NotText::Empty => Unconvertible::Empty,
        NotText::Binary(why) => Unconvertible::Binary(why.to_string()),
    })?;
    let lower_name = source_file.to_lowercase();
    let markdown = lower_name.ends_with(".md") || lower_name.ends_with(".markdown");
    let mut warnings = Vec::new();

    // Markdown with front matter: the user's fields win; the body is cleaned like any text.
    let (user, user_keys, body_text, line_offset) =
        match markdown.then(|| split_front_matter(&text)).flatten() {
            Some((yaml_text, body, body_line)) => {
                let (user, keys, w) = frontmatter::read_user(yaml_text);
                warnings.extend(w);
                (Some(user), keys, body, body_line - 1)
            }
            // Borrowed, not copied: the whole page's text is only read from here on.
            None => (None, Vec::new(), &text[..], 0),
        };

    let mut units = blocks::units(body_text, markdown);
    for u in &mut units {
        u.line += line_offset;
    }
    let n = units.len();
    // Language and the reading of numeric dates are the document's own.
    let lang = locate::detect_lang(&units);
    let order = dates::document_order(body_text, lang, opts.date_order);
    let doc_opts;
    let opts = if order == opts.date_order {
        opts
    } else {
        doc_opts = ConvertOptions {
            date_order: order,
            ..opts.clone()
        };
        &doc_opts
    };
    let keep: Vec<bool> = units
        .iter()
        .map(|u| opts.keep.iter().any(|r| r.is_match(&u.text)))
        .collect();
    let mut doc = Doc::new(units, opts, keep, markdown);
    doc.repeated = locate::repeats_earlier_text_with_copies(&doc.units, &doc.same);
    let mut ev = Evidence::default();

    // 1. Furniture, line by line. What the text alone decides is asked once per distinct
    // text: a line printed again (a menu twice, share bars) takes the first one's answers.
    let mut answers: Vec<Option<LineAnswers>> = vec![None; n];
    for i in 0..n {
        let u = &doc.units[i];
        if u.mark == Mark::Code {
            continue;
        }
        let a = answers[doc.same[i] as usize].get_or_insert_with(|| {
            let parsed = bylines::parse_byline(&u.text, &opts.sources, opts.date_order);
            LineAnswers {
                config: opts.boilerplate.iter().any(|r| r.is_match(&u.text)),
                glued: if parsed.is_none() {
                    bylines::glued_name(&u.text)
                } else {
                    None
                },
                parsed,
                rule: None,
            }
        });
        // Gluing also reads the line above, so it is asked again at each copy.
        let byline = a.parsed.clone().or_else(|| {
            a.glued
                .clone()
                .and_then(|name| glued_byline(&doc.units, i, name))
        });
        let is_byline = byline.is_some();
        // `is_metadata_shape` reads this: no answer may have been kept before it is set.
        debug_assert!(doc.metadata[i].get().is_none());
        doc.bylines[i] = byline;
        let rule = if a.config {
            Some(CONFIG_BOILERPLATE)
        } else if is_byline {
            // Bylines are read below; furniture words in them ("Staff") must not hide them.
            None
        } else {
            *a.rule.get_or_insert_with(|| bp::line_rule(u))
        };
        if let Some(rule) = rule {
            doc.set(i, rule);
        }
    }

    // 1a. A credit that ends on its preposition ("In partnership with", "Präsentiert von") is
    // a logo's caption; printed twice close together (a line and a heading) it is the layout's.
    logo_credits(&mut doc);

    // 1b. A box of links set between the story's paragraphs, after which the story runs on:
    // furniture, but no end of the article.
    if !doc.markdown {
        inline_boxes(&mut doc);
    }

    // 2. Where the article is, then its headline.
    let furniture: Vec<bool> = doc.drop.iter().map(Option::is_some).collect();
    let comment_headers: Vec<bool> = doc
        .drop
        .iter()
        .map(|r| *r == Some(bp::COMMENT_POLICY))
        .collect();
    doc.run = locate::article_run(&doc.units, &furniture, &doc.repeated, &comment_headers);
    doc.run = doc.run.map(|r| header_inside_run(&doc, r));
    let title_idx = find_title(&doc);
    let title = title_idx.map(|i| doc.units[i].text.clone());
    if let Some(t) = title_idx {
        doc.set(t, TITLE);
        // Before the headline: section labels and breadcrumbs (metadata lines are read below).
        let mut labels = Vec::new();
        for i in 0..t {
            if doc.dropped(i) {
                continue;
            }
            let u = &doc.units[i];
            if doc.is_metadata_shape(i) {
                continue;
            }
            if doc.breadcrumb(i) || (u.words <= 4 && headline_like(u)) {
                labels.push(i);
                doc.set(
                    i,
                    if doc.breadcrumb(i) {
                        bp::BREADCRUMB
                    } else {
                        SECTION_LABEL
                    },
                );
            } else {
                doc.set(i, BEFORE_HEADLINE);
            }
        }
        // The label nearest the headline that names a part names its section: read from
        // the headline up, only until one does.
        if let Some(section) = labels
            .iter()
            .rev()
            .find_map(|&i| section_label(&doc.units[i].text))
        {
            ev.section = section;
        }
    }
    let title = title.map(|t| strip_outlet_suffix(&t, opts, &mut ev));

    // 3. Repeated headlines.
    if let (Some(t), Some(ti)) = (&title, title_idx) {
        let key = norm(t);
        let full = doc.norm_of(ti).to_string();
        for i in 0..n {
            if i != ti && !doc.dropped(i) {
                let k = doc.norm_of(i);
                if k == key || k == full {
                    doc.set(i, REPEATED_HEADLINE);
                }
            }
        }
    }

    // 3b. Between the headline and the lead, the page's messages to its reader.
    if let (Some(t), Some((lead, _))) = (title_idx, doc.run) {
        for i in t + 1..lead {
            if !doc.dropped(i)
                && !doc.is_metadata_shape(i)
                && locate::addresses_reader(&doc.units[i])
            {
                doc.set(i, PAGE_MESSAGE);
            }
        }
    }

    // 4. Metadata lines near the top: bylines, dates, URLs, datelines.
    let start = title_idx.map_or(0, |t| t + 1);
    let zone_end = top_zone_end(&doc, start);
    read_top_metadata(&mut doc, &mut ev, title_idx, zone_end);
    if let (Some(t), Some((lead, _))) = (title_idx, doc.run) {
        drop_description_printed_twice(&mut doc, t, lead);
    }
    // 4b. Bare labels between the headline and the lead ("Shares", "Author:").
    if let (Some(t), Some((lead, _))) = (title_idx, doc.run) {
        drop_header_labels(&mut doc, t, lead);
    }

    // 5. The end of the article: after it, other stories' teasers and page furniture.
    // A marked end (credit line, end mark, "Related" block) or the end of the densest run of
    // prose, whichever comes first.
    let marked_end = find_end(&mut doc, &mut ev, start);
    let (mut end, mut end_rule) = match (marked_end, article_end(&doc, start)) {
        (Some(a), Some(b)) if b < a => (Some(b), AFTER_ARTICLE),
        (None, Some(b)) => (Some(b), AFTER_ARTICLE),
        (a, _) => (a, TEASER_AFTER_END),
    };
    // Readers' comments without a header: their date-and-time stamps.
    if let Some(c) = comment_thread_start(&doc).filter(|_| !doc.markdown) {
        if c >= start && end.is_none_or(|e| c < e) {
            (end, end_rule) = (Some(c), COMMENT_THREAD);
        }
    }
    // A rule line with one or two paragraphs under it at the article's end: a trailer set
    // apart from the story (a press release's "About X", an editor's note).
    if let Some(c) = trailer_after_rule(&doc, start, end.unwrap_or(n)).filter(|_| !doc.markdown) {
        (end, end_rule) = (Some(c), TRAILER);
    }
    // The writer's address and the outlet's follow prompts close the article.
    if let Some(c) = contact_tail(&doc, start, end.unwrap_or(n)).filter(|_| !doc.markdown) {
        (end, end_rule) = (Some(c), CONTACT_LINE);
    }
    if let Some(e) = end {
        for i in e..n {
            doc.set(i, end_rule);
        }
    }

    // 6. Body-wide metadata: credit lines, source lines, captions, speaker lines.
    let body_end = end.unwrap_or(n);
    for i in start..body_end {
        if doc.dropped(i) {
            continue;
        }
        let u = &doc.units[i];
        if u.mark == Mark::Code {
            continue;
        }
        if bylines::is_credit_line(&u.text) {
            let (main, extra) = bylines::credit_authors(&u.text);
            push_all(&mut ev.credit_authors, main);
            push_all(&mut ev.additional_authors, extra);
            doc.set(i, CREDIT_LINE);
        } else if let Some(s) = bylines::source_line(&u.text) {
            if let Some(o) = opts.sources.by_name(s).or_else(|| opts.sources.find_in(s)) {
                ev.source_line_outlet.get_or_insert_with(|| o.to_string());
            }
            doc.set(i, SOURCE_LINE);
        } else if doc.caption(i) {
            doc.role[i] = Role::Caption;
            if ev.caption_date.is_none() {
                if let Some(f) = dates::find_dates(&u.text, opts.date_order).first() {
                    ev.caption_date = Some((f.date, u.text[f.start..f.end].to_string()));
                }
            }
        } else if speaker_line(u).is_some() {
            doc.role[i] = Role::Speaker;
        }
    }

    // Outlets named by the page's own furniture ("More stories from X", "Skip to more X sites").
    for i in 0..n {
        if let Some(rule) = &doc.drop[i] {
            let chrome = matches!(
                *rule,
                bp::SKIP_LINKS
                    | bp::NAVIGATION
                    | bp::RELATED_BLOCK
                    | bp::NEWSLETTER
                    | bp::COPYRIGHT
                    | bp::SITE_FOOTER
                    | bp::APP_PROMO
                    | bp::BREADCRUMB
                    | SECTION_LABEL
            );
            if chrome {
                if let Some(o) = opts.sources.find_in(&doc.units[i].text) {
                    ev.chrome_outlet = Some(o.to_string());
                    break;
                }
            }
        }
    }

    // 6b. A box of links the furniture rules found by its heading ("Most Popular") before
    // the lead: its list items are the box's teasers, not the story.
    if let Some((lead, _)) = doc.run.filter(|_| !doc.markdown) {
        let mut in_box = false;
        for i in start..lead.min(n) {
            let u = &doc.units[i];
            if doc.drop[i] == Some(bp::RELATED_BLOCK) {
                in_box = true;
            } else if in_box && matches!(u.mark, Mark::Bullet | Mark::Numbered(_)) {
                if !doc.dropped(i) && !doc.keep[i] {
                    doc.set(i, bp::RELATED_BLOCK);
                }
            } else if !doc.dropped(i) {
                in_box = false;
            }
        }
    }

    // 7. Kind (liveblog stamps are kept as entry headings, not dropped as durations).
    let kind = kind::detect_with_copies(title.as_deref().unwrap_or(""), &doc.units, &doc.same);
    if kind == kind::LIVEBLOG {
        for i in start..body_end {
            if doc.drop[i] == Some(bp::DURATION)
                && kind::is_clock(&doc.units[i].text)
                && !doc.keep[i]
            {
                doc.drop[i] = None;
            }
        }
    }

    // 8. Lines said twice are said once; a text dropped somewhere is dropped everywhere.
    dedupe(&mut doc);

    // Every date the page prints, weighed by where and how it is printed, before the header
    // rules' first dated line (a masthead's "today" above the headline, a photo's caption);
    // a date stamp picked between the headline and the lead is metadata, not body.
    let layout = pick_date::Layout {
        title: title_idx,
        run: doc.run,
    };
    let picked_date = pick_date::pick(&doc.units, &layout, opts.date_order);
    if let (Some((_, _, at)), Some(t), Some((lead, _))) = (&picked_date, title_idx, doc.run) {
        if *at > t && *at < lead && doc.units[*at].words <= 14 {
            doc.set(*at, DATE_LINE);
        }
    }

    let mut front = FrontMatter::default();
    match &title {
        Some(t) => front.title = Some(t.clone()),
        None => {
            front.title = Some(title_from_file_name(source_file));
            front
                .extra
                .insert("untitled".into(), serde_json::Value::Bool(true));
        }
    }
    front.authors = if !ev.authors.is_empty() {
        ev.authors.clone()
    } else if !ev.name_line_authors.is_empty() {
        ev.name_line_authors.clone()
    } else {
        // "Additional reporting by X" names a contributor: the byline the picker reads below
        // comes first.
        ev.credit_authors.clone()
    };
    let url_outlet = ev
        .url
        .as_deref()
        .and_then(|u| opts.sources.by_host(host_of(u)))
        .map(str::to_string);
    // The page's own URL first, then how the page names itself (byline outlet, footer,
    // follow prompts, its domain), then wire datelines and source lines.
    let url_host = ev
        .url
        .as_deref()
        .map(|u| super::sources::normalise_host(host_of(u)));
    // A newsletter box names its newsletter ("Morning Briefing Newsletter"), not the outlet.
    let furniture: Vec<bool> = doc
        .drop
        .iter()
        .map(|r| r.is_some_and(|r| r != NEWSLETTER_BOX))
        .collect();
    let self_named =
        || outlet::self_named_with_copies(&doc.units, &furniture, &opts.sources, &doc.same);
    let byline_outlet = ev.byline_outlet.clone();
    // A wire's byline on another site's page ("By Jane Roe, Reuters"): the site that carries
    // the story published it, when the page names itself; the wire otherwise.
    let named = match byline_outlet {
        Some(wire) if opts.sources.is_wire(&wire) => self_named()
            .filter(|own| !opts.sources.is_wire(own))
            .or(Some(wire)),
        Some(outlet) => Some(outlet),
        None => self_named(),
    };
    front.source = url_outlet
        .or(url_host)
        .or(named)
        .or(ev.stamp_outlet.clone())
        .or(ev.dateline_outlet.clone())
        .or(ev.source_line_outlet.clone())
        .or(ev.title_outlet.clone())
        .or(ev.chrome_outlet.clone());
    // An outlet the table does not know is known by its own host when the page prints it
    // ("Rutgers" and "accessibility@rutgers.edu"): the host names it exactly. With no name
    // at all, the host the page prints most.
    if ev.url.is_none() {
        // Read only when needed: a name the table knows keeps its form.
        let hosts = || outlet::printed_hosts(&doc.units, &furniture);
        front.source = match front.source.take() {
            Some(name) if opts.sources.by_name(&name).is_none() => {
                Some(outlet::host_of_name(&name, &hosts()).unwrap_or(name))
            }
            Some(name) => Some(name),
            None => outlet::most_printed_host(&hosts()),
        };
    }
    if front.authors.is_empty() {
        // No byline where the header rules look: any byline shape between the headline (or
        // a little above it) and the lead.
        let lead = doc.run.map(|r| r.0);
        let (from, unmarked_from, to) = match (title_idx, lead) {
            (Some(t), Some(l)) if l > t => (t.saturating_sub(2), t + 1, l + 1),
            (Some(t), _) => (t.saturating_sub(2), t + 1, t + 12),
            (None, Some(l)) => (l.saturating_sub(12), l.saturating_sub(4), l + 1),
            (None, None) => (0, 0, 0),
        };
        // Furniture other than what the header rules took as metadata.
        let furniture: Vec<bool> = doc
            .drop
            .iter()
            .map(|r| {
                r.is_some_and(|r| {
                    !matches!(
                        r,
                        BYLINE
                            | DATE_LINE
                            | TEASER_AFTER_END
                            | AFTER_ARTICLE
                            | BEFORE_HEADLINE
                            | STANDFIRST
                            | HEADER_LABEL
                    )
                })
            })
            .collect();
        front.authors = pick_authors::pick(
            &doc.units,
            &furniture,
            (from, unmarked_from, to),
            front.source.as_deref(),
            opts.date_order,
        );
    }
    if front.authors.is_empty() {
        front.authors = ev.additional_authors.clone();
    }
    if front.authors.is_empty() {
        // Wire, staff and outlet bylines: not authors, but worth keeping.
        let (from, to) = match title_idx {
            Some(t) => (t.saturating_sub(2), t + 12),
            None => (0, 0),
        };
        front.author_org = ev.byline_outlet.clone().or_else(|| {
            let (name, at) = pick_authors::org_byline(&doc.units, from, to, opts.date_order)?;
            // The staff byline is metadata, not body ("By Metro Desk Staff | Nov 18").
            doc.set(at, BYLINE);
            Some(name)
        });
    }
    // The byline said again in the body ("Posted by Jane Roe on ...") and the author's box
    // ("About Jane Roe", "Jane Roe is a staff writer...") are about the article, not in it.
    if !front.authors.is_empty() {
        for i in start..n {
            if doc.dropped(i) || doc.units[i].words > 80 {
                continue;
            }
            let u = &doc.units[i];
            let by_again = u.words <= 20
                && (doc.bylines[i]
                    .as_ref()
                    .is_some_and(|b| b.authors.iter().any(|a| front.authors.contains(a)))
                    || pick_authors::byline_names(&u.text)
                        .iter()
                        .any(|a| front.authors.contains(a)));
            // The author's name alone after the lead: the heading of the author's box.
            let box_heading =
                doc.run.is_some_and(|(s, _)| i > s) && front.authors.contains(&u.text);
            if by_again
                || box_heading
                || front
                    .authors
                    .iter()
                    .any(|a| pick_authors::introduces(&u.text, a))
            {
                doc.set(i, BYLINE);
            }
        }
    }
    // A byline the picker read between the headline and the lead is metadata, not body.
    if let (false, Some(t), Some((lead, _))) = (front.authors.is_empty(), title_idx, doc.run) {
        for i in t + 1..lead {
            let u = &doc.units[i];
            let bare_marker = u.words == 1 && pick_authors::is_marker(&u.text);
            if !doc.dropped(i)
                && u.words <= 12
                && (bare_marker || front.authors.iter().any(|a| u.text.contains(a.as_str())))
            {
                doc.set(i, BYLINE);
            }
        }
    }

    drop_field_labels(&mut doc, start, zone_end);
    // A standfirst over the byline or date (all read by now) is the summary, not the body.
    let standfirst = title_idx
        .filter(|_| doc.run.is_some())
        .and_then(|t| drop_standfirst(&mut doc, t));

    // 9. Assemble.
    let (blocks, captions) = build_blocks(&doc, kind);
    let body = markdown::render(&blocks);
    let summary = standfirst.or_else(|| find_summary(&doc, start, body_end));

    let mut dropped: Vec<Dropped> = Vec::new();
    for (i, rule) in doc.drop.iter().enumerate() {
        if let Some(rule) = rule {
            dropped.push(Dropped {
                line: doc.units[i].line,
                text: doc.units[i].text.clone(),
                // The name itself (what `Display` writes), without the formatting machinery.
                rule: rule.name().to_string(),
            });
        }
    }

    front.url = ev.url.clone();
    front.section = ev.section.clone();
    front.kind = Some(kind.to_string());
    front.lang = lang.map(str::to_string);
    front.summary = summary;
    front.captions = captions;
    front.source_file = Some(source_file.to_string());
    front.source_hash = Some(blake3::hash(raw).to_hex().to_string());
    // A photo's caption dates the photo: the header rules' dated lines come first then.
    let (date, date_source, evidence) = match picked_date {
        Some((d, e, at)) if !is_caption(&doc.units[at].text) => {
            (Some(d), DateSource::Stated, Some(e))
        }
        _ => match (choose_date(&ev), picked_date) {
            ((None, _, _), Some((d, e, _))) => (Some(d), DateSource::Stated, Some(e)),
            ((None, _, _), None) => match pick_date::pick_without_year(&doc.units, &layout)
                .or_else(|| pick_date::pick_from_comments(&doc.units, &layout, opts.date_order))
            {
                Some((d, e, _)) => (Some(d), DateSource::Inferred, Some(e)),
                None => (None, DateSource::Stated, None),
            },
            (chosen, _) => chosen,
        },
    };
    front.date = date.map(DocDate::Day);
    front.date_source = date.map(|_| date_source);
    front.date_evidence = evidence;
    if let (Some(d), Some(u)) = (date, ev.updated) {
        if u > d {
            front.updated = Some(DocDate::Day(u));
        }
    }

    let front = match user {
        Some(user) => frontmatter::overlay(front, user, &user_keys),
        None => front,
    };
    if front.extra.get("untitled") == Some(&serde_json::Value::Bool(true)) {
        warnings.push(format!(
            "no headline found; the title {:?} was made from the file name (marked `untitled: true` under `extra`): write the real `title:` in the generated file's front matter",
            front.title.as_deref().unwrap_or("")
        ));
    }
    if front.date.is_none() {
        warnings.push(
            "no publication date found, so it is undated: add `date: YYYY-MM-DD` to the generated file's front matter".to_string(),
        );
    }
    if blocks.is_empty() {
        warnings.push("nothing was left of the text after removing page furniture; check the dropped lines with `dossier ingest --dry-run`".to_string());
    }

    Ok(Converted {
        front,
        body,
        dropped,
        warnings,
        charset: charset.label(),
    })
}

/// What a section label or breadcrumb line says of the page's section: None when it names
/// no part beyond "home" and "news"; else its last such part, or no section when that part
/// is a button ("Donate Become a member": a menu line, and an older label further up does not
/// stand in for it).
fn section_label(text: &str) -> Option<Option<String>> {
    let parts = bp::breadcrumb_parts(text);
    let last = parts
        .iter()
        .rev()
        .find(|p| !matches!(p.to_lowercase().as_str(), "home" | "news" | "homepage"))?;
    Some((!bp::names_widget(last)).then(|| last.clone()))
}

fn push_all(into: &mut Vec<String>, names: Vec<String>) {
    for n in names {
        if !into.contains(&n) {
            into.push(n);
        }
    }
}

/// "Title | Outlet", "Title - Outlet": the outlet suffix of a page title is evidence, not title.
fn strip_outlet_suffix(title: &str, opts: &ConvertOptions, ev: &mut Evidence) -> String {
    for sep in [" | ", " - ", " – ", " — ", " :: "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            if let Some(o) = opts.sources.by_name(tail) {
                ev.title_outlet = Some(o.to_string());
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// Where the article ends: after the densest run of prose, and the sentence-shaped lines
/// that directly follow it (a last short paragraph).
fn article_end(doc: &Doc, start: usize) -> Option<usize> {
    let run = doc.run?;
    if run.1 <= start || doc.markdown {
        // A Markdown file is the user's own writing: no page around it to cut away.
        return None;
    }
    let furniture: Vec<bool> = doc.drop.iter().map(Option::is_some).collect();
    let mut e = locate::cohesive_end(&doc.units, &furniture, &doc.repeated, run);
    while e < doc.units.len() {
        let u = &doc.units[e];
        // Short sentences, speaker lines of a transcript, and the source or credit line
        // that closes a story still belong to it.
        let sentence = u.words >= 3 && ends_sentence(&u.text);
        let closing = speaker_line(u).is_some()
            || bylines::is_credit_line(&u.text)
            || bylines::source_line(&u.text).is_some();
        if locate::addresses_reader(u) && !doc.keep[e] {
            break;
        }
        if doc.keep[e] || (!doc.dropped(e) && (sentence || closing)) {
            e += 1;
        } else {
            break;
        }
    }
    // A last line that announces a list ("The tour dates:") is followed by that list: its
    // items run on up to the first line the page's furniture rules took.
    let announces = e > start && !doc.dropped(e - 1) && doc.units[e - 1].text.ends_with(':');
    if announces {
        let items = (e..doc.units.len())
            .take_while(|&j| {
                let u = &doc.units[j];
                !doc.dropped(j)
                    && u.words <= 30
                    && !locate::is_comment_marker(u)
                    && !locate::addresses_reader(u)
            })
            .count();
        // A list of data (dates, prices, scores, amounts): most items carry a number.
        // Teaser titles and captions after "Related:" or "See more photos:" seldom do.
        let numbered = (e..e + items)
            .filter(|&j| doc.units[j].text.bytes().any(|b| b.is_ascii_digit()))
            .count();
        if items >= 2 && numbered * 2 > items {
            e += items;
        }
    } else if let Some(items) = data_list_under_heading(doc, e) {
        e += 1 + items;
    }
    Some(e)
}

/// Paragraphs of running prose that must follow a box of links for it to be set inside the
/// story: a teaser list's summaries stand one, at most two, between their titles.
const INLINE_BOX_PROSE_AFTER: usize = 3;
/// The most lines a box set into a story spans (its heading, teaser titles, their labels).
const INLINE_BOX_LINES: usize = 20;

/// A box of links the furniture rules found by its heading ("Related", "Most read in World")
/// with a paragraph of prose right above it, only short lines (its teaser titles) under it,
/// and then three paragraphs of running prose (at most one short subheading between two):
/// the story goes on around the box. Its heading and items become `inline-box`, furniture
/// that ends nothing, so the densest run reaches over it and the article's end is not put
/// there.
fn inline_boxes(doc: &mut Doc) {
    let n = doc.units.len();
    let mut i = 0;
    // The nearest kept line above `i`, carried along (a scan back per box line would be
    // quadratic in a long box).
    let mut above: Option<usize> = None;
    while i < n {
        if doc.drop[i] != Some(bp::RELATED_BLOCK) {
            if !doc.dropped(i) {
                above = Some(i);
            }
            i += 1;
            continue;
        }
        if !above.is_some_and(|j| doc.units[j].prose) {
            i += 1;
            continue;
        }
        // The box: short lines (a teaser's title may end like a sentence) up to the first
        // paragraph that the story's prose runs on from.
        let mut box_end = None;
        let mut j = i + 1;
        while j < n && j - i <= INLINE_BOX_LINES && !doc.keep[j] {
            let kept = doc.drop[j].is_none();
            if kept && doc.units[j].prose && story_runs_on(doc, j) >= INLINE_BOX_PROSE_AFTER {
                box_end = Some(j);
                break;
            }
            if kept && doc.units[j].words > 20 {
                break;
            }
            j += 1;
        }
        let Some(j) = box_end else {
            i += 1;
            continue;
        };
        for b in i..j {
            if matches!(doc.drop[b], None | Some(bp::RELATED_BLOCK)) && !doc.keep[b] {
                doc.drop[b] = Some(INLINE_BOX);
            }
        }
        i = j;
    }
}

/// How many paragraphs of running prose follow from unit `j` on (up to the count an inline
/// box asks), furniture set between them skipped, at most one short subheading between two,
/// and a box or a footer stopping the count.
fn story_runs_on(doc: &Doc, j: usize) -> usize {
    let mut paragraphs = 0;
    let mut last_prose = true;
    // A bounded look: the test runs for every line of a box.
    for k in j..doc.units.len().min(j + 40) {
        if paragraphs >= INLINE_BOX_PROSE_AFTER {
            break;
        }
        let u = &doc.units[k];
        match doc.drop[k] {
            Some(
                bp::RELATED_BLOCK
                | bp::COMMENT_POLICY
                | bp::SITE_FOOTER
                | bp::COPYRIGHT
                | bp::END_MARK,
            ) => break,
            Some(_) => continue,
            None => {}
        }
        if u.prose && !doc.repeated[k] {
            paragraphs += 1;
            last_prose = true;
        } else if last_prose && k > j && u.words <= 8 && !locate::is_comment_marker(u) {
            last_prose = false;
        } else {
            break;
        }
    }
    paragraphs
}

/// A short heading right after the story over a list of data ("Qualified teams" / "England
/// (Group A): 10th appearance", "Wales (Group E): Second appearance", ...): the number of
/// its items. Data items are short and repeat a field's word after their first word; the
/// titles of a teaser box run longer and share none.
fn data_list_under_heading(doc: &Doc, h: usize) -> Option<usize> {
    let u = doc.units.get(h)?;
    if doc.dropped(h) || !subheading_like(u) || u.words > 6 || bp::is_end_header(&bp::key(&u.lower))
    {
        return None;
    }
    // List items, or plain lines set one under the other with no blank line between (a
    // table's rows: "June 9 – Tampa, FL @ Arena").
    let items = (h + 1..doc.units.len())
        .take_while(|&j| {
            let v = &doc.units[j];
            let row = v.mark == Mark::Plain && (j == h + 1 || doc.units[j - 1].line + 1 == v.line);
            !doc.dropped(j)
                && (matches!(v.mark, Mark::Bullet | Mark::Numbered(_)) || row)
                && v.words <= 16
        })
        .count();
    let words: usize = (h + 1..h + 1 + items).map(|j| doc.units[j].words).sum();
    if items < 3 {
        return None;
    }
    // Rows of data: almost every one carries a number (a date, a score, a price).
    let numbered = (h + 1..h + 1 + items)
        .filter(|&j| doc.units[j].text.bytes().any(|b| b.is_ascii_digit()))
        .count();
    if numbered * 4 >= items * 3 && words <= items * 12 {
        return Some(items);
    }
    let items = (h + 1..h + 1 + items)
        .take_while(|&j| {
            let v = &doc.units[j];
            matches!(v.mark, Mark::Bullet | Mark::Numbered(_)) && v.words <= 12
        })
        .count();
    let words: usize = (h + 1..h + 1 + items).map(|j| doc.units[j].words).sum();
    if items < 3 || words > items * 7 {
        return None;
    }
    // Per word after each item's first: in how many items it stands.
    let mut counts: FastMap<&str, usize> = FastMap::default();
    for j in h + 1..h + 1 + items {
        let mut seen: Vec<&str> = Vec::new();
        for w in locate::alnum_words(&doc.units[j].lower, false).skip(1) {
            if w.chars().count() >= 4 && !locate::is_stop_word(w) && !seen.contains(&w) {
                seen.push(w);
                *counts.entry(w).or_default() += 1;
            }
        }
    }
    let shared = counts.values().copied().max().unwrap_or(0);
    (shared * 4 >= items * 3).then_some(items)
}

/// The headline: among the headline-shaped lines just above the densest run of prose, the
/// one that shares most words with the lead, sits nearest to it and is followed by a
/// byline or date.
fn title_above_run(
    doc: &Doc,
    counts: &FastMap<&str, usize>,
    captions: &FastSet<&str>,
) -> Option<usize> {
    let (s, _) = doc.run?;
    let furniture: Vec<bool> = doc.drop.iter().map(Option::is_some).collect();
    let lead = locate::lead_words(&doc.units, s, &furniture);
    let cards = teaser_cards(doc, s);
    let mut best: Option<(f64, usize)> = None;
    let mut distance = 0usize;
    let mut blocks = 0usize;
    let mut prev_bullet = false;
    let mut prev_card = false;
    for i in (0..s).rev() {
        if doc.dropped(i) || doc.units[i].mark == Mark::Code {
            continue;
        }
        // A run of teaser cards is one block of the layout, and none of its titles is the
        // page's headline.
        let card = i.checked_sub(s - cards.len()).is_some_and(|k| cards[k]);
        if card {
            if !prev_card {
                blocks += 1;
                distance += 1;
            }
            prev_card = true;
            continue;
        }
        prev_card = false;
        // Labelled fields ("Author:" / name) state metadata too: they do not part a
        // headline from its lead.
        if doc.is_metadata_shape(i) || is_bare_label(&doc.units[i]) || is_field_value(doc, i) {
            continue;
        }
        // A gallery's captions listed under the headline do not part it from its lead.
        if is_listed_line(doc, i) {
            continue;
        }
        let u = &doc.units[i];
        // A list is one block of the layout, however many items it has: `blocks` counts it
        // once.
        if !(u.mark == Mark::Bullet && prev_bullet) {
            blocks += 1;
        }
        prev_bullet = u.mark == Mark::Bullet;
        distance += 1;
        if distance > 40 {
            break;
        }
        if !could_be_headline(doc, i, counts) || captions.contains(doc.norm_of(i)) {
            continue;
        }
        let mut score = headline_length_score(u.words);
        score += standfirst_bonus(doc, i, s);
        score += 5.0 * locate::lead_overlap(&u.lower, &lead);
        // A headline with its byline or date under it closes its header: the lists between
        // that header and the lead (rows of share buttons) are one block each.
        let far = if byline_or_date_under(doc, i) {
            blocks
        } else {
            distance
        };
        score -= 0.4 * (far - 1) as f64;
        // Standfirsts and captions share many words with the lead too, but run longer.
        score -= 0.12 * u.words.saturating_sub(12) as f64;
        if locate::addresses_reader(u) {
            // "You are signed in as": the page speaking, most likely.
            score -= 2.0;
        }
        if under_byline(doc, i) {
            score -= 3.0;
        }
        score += headline_signals(doc, i, counts);
        // The second of two headline-shaped lines is the first's standfirst: it costs what a
        // line under a byline costs.
        if standfirst_of_line_above(doc, i, counts) {
            score -= 3.0;
        }
        // A shorter telling of the header's headline (a video's title) is no headline.
        if retells_header_above(doc, i, counts) {
            continue;
        }
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, i));
        }
    }
    best.filter(|(b, _)| *b >= 3.0).map(|(_, i)| i)
}

/// Teaser cards above unit `end`: three or more cards in a row, each a title with a bare
/// date line under it and at most a short label (a section's name) over it, nothing else
/// between them ("AUTO NEWS" / "Sedan launched" / "May 2, 2019", again and again). Returns,
/// for the units `end - len .. end`, whether each is part of such a run. Bounded look-back.
fn teaser_cards(doc: &Doc, end: usize) -> Vec<bool> {
    let lo = end.saturating_sub(300);
    let mut out = vec![false; end - lo];
    let kept: Vec<usize> = (lo..end).filter(|&j| !doc.dropped(j)).collect();
    let is_date = |j: usize| doc.date_line(j).is_some() && doc.units[j].words <= 8;
    let is_title = |j: usize| {
        let u = &doc.units[j];
        u.words >= 2 && u.words <= 25 && !doc.is_metadata_shape(j) && !locate::is_running_prose(u)
    };
    let is_label = |j: usize| {
        let u = &doc.units[j];
        u.words <= 3 && !doc.is_metadata_shape(j) && !locate::is_running_prose(u)
    };
    // Cards found in a row so far: (first kept index of the run, cards).
    let mut k = 0usize;
    while k < kept.len() {
        let start = k;
        let mut cards = 0usize;
        let mut at = k;
        loop {
            // Optional label, then title, then date.
            let mut t = at;
            if t + 2 < kept.len()
                && is_label(kept[t])
                && is_title(kept[t + 1])
                && is_date(kept[t + 2])
            {
                t += 1;
            }
            if t + 1 < kept.len() && is_title(kept[t]) && is_date(kept[t + 1]) {
                cards += 1;
                at = t + 2;
            } else {
                break;
            }
        }
        if cards >= 3 {
            for &j in &kept[start..at] {
                out[j - lo] = true;
            }
            k = at;
        } else {
            k += 1;
        }
    }
    out
}

/// The second of two headline-shaped lines in a row is the first's standfirst: a headline
/// of six words or more (no kicker or section label) stands right above it, and this line
/// runs half as long again or reads as two clauses ("X is next week, but Y"). A line of
/// about the same length or shorter, without a comma, under a headline-shaped one is the
/// headline under a teaser or a quote.
fn standfirst_of_line_above(doc: &Doc, i: usize, counts: &FastMap<&str, usize>) -> bool {
    let Some(p) = (i.saturating_sub(8)..i)
        .rev()
        .find(|&j| !doc.dropped(j) && !doc.is_metadata_shape(j))
    else {
        return false;
    };
    let a = &doc.units[p];
    let u = &doc.units[i];
    if 2 * u.words < 3 * a.words && !u.text.contains(',') {
        return false;
    }
    a.words >= 6
        && headline_like(a)
        && !locate::is_running_prose(a)
        && could_be_headline(doc, p, counts)
        && !under_byline(doc, p)
}

/// A line that retells a headline above it (a video's title, "Storm Hits Coast" under
/// "Storm Hits Coast Overnight" with its byline): every word of it is printed in a longer
/// headline-shaped line higher up the header, which has its byline or date under it.
fn retells_header_above(doc: &Doc, i: usize, counts: &FastMap<&str, usize>) -> bool {
    let u = &doc.units[i];
    let words: Vec<&str> = locate::alnum_words(&u.lower, false).collect();
    if words.len() < 3 {
        return false;
    }
    (i.saturating_sub(60)..i).any(|k| {
        let v = &doc.units[k];
        if doc.dropped(k) || v.words <= u.words || !byline_or_date_under(doc, k) {
            return false;
        }
        // A breadcrumb run into the headline ("Home News <headline>") holds it verbatim.
        if v.lower.contains(u.lower.as_str()) {
            return false;
        }
        let theirs: FastSet<&str> = locate::alnum_words(&v.lower, false).collect();
        words.iter().all(|w| theirs.contains(w)) && could_be_headline(doc, k, counts)
    })
}

/// The header of the article inside the densest run: when the run opens with one or two
/// paragraphs (a section's blurb, the page's description) and then a headline-shaped line
/// with its byline or date under it, the article starts under that header.
fn header_inside_run(doc: &Doc, (s, e): (usize, usize)) -> (usize, usize) {
    let mut paragraphs = 0usize;
    for i in s..e.min(s + 16) {
        if doc.dropped(i) {
            continue;
        }
        let u = &doc.units[i];
        if locate::is_running_prose(u) {
            paragraphs += 1;
            if paragraphs > 2 {
                break;
            }
            continue;
        }
        if paragraphs == 0
            || !headline_like(u)
            || doc.is_metadata_shape(i)
            || doc.breadcrumb(i)
            || doc.name_line(i)
            || doc.caption(i)
            || !stamped_before_prose(doc, i, e)
            || printed_often(doc, i)
        {
            continue;
        }
        // The article's lead: the first paragraph under the header.
        if let Some(lead) =
            (i + 1..e).find(|&j| !doc.dropped(j) && locate::is_running_prose(&doc.units[j]))
        {
            return (lead, e);
        }
    }
    (s, e)
}

/// A line printed three times or more: a gallery's or a list's label, no article's header.
fn printed_often(doc: &Doc, i: usize) -> bool {
    (0..doc.units.len())
        .filter(|&j| doc.norm_of(j) == doc.norm_of(i))
        .take(3)
        .count()
        >= 3
}

/// A byline or date read as such under line `i`, within four kept units and before any
/// running prose.
fn stamped_before_prose(doc: &Doc, i: usize, e: usize) -> bool {
    (i + 1..e)
        .filter(|&j| !doc.dropped(j))
        .take(4)
        .take_while(|&j| !locate::is_running_prose(&doc.units[j]))
        .any(|j| doc.bylines[j].is_some() || doc.date_line(j).is_some_and(|d| !d.is_label_only()))
}

/// A headline written as a sentence, full stop and all ("Town doubles down on its slogan.
/// It might just work."), stamped by the date or byline on the very next line; the line
/// above it is no headline of its own (a headline over its standfirst keeps its place).
fn stamped_sentence(doc: &Doc, i: usize) -> bool {
    let u = &doc.units[i];
    if !matches!(u.mark, Mark::Plain | Mark::Heading(_))
        || !(5..=20).contains(&u.words)
        || !u.text.ends_with('.')
        || !u
            .text
            .starts_with(|c: char| c.is_uppercase() || opens_quote(c))
    {
        return false;
    }
    // A time stamp without a year ("Posted Nov 18, 8:19 PM") stamps it too.
    let stamped = doc.units.get(i + 1).is_some_and(|next| {
        doc.bylines[i + 1].is_some()
            || doc.date_line(i + 1).is_some_and(|d| !d.is_label_only())
            || mostly_date(&next.text, doc.opts)
    });
    if !stamped {
        return false;
    }
    // Bounded look-back: per-candidate work stays constant.
    let above = (i.saturating_sub(40)..i)
        .rev()
        .find(|&j| !doc.dropped(j) && !doc.is_metadata_shape(j));
    !above.is_some_and(|j| {
        let a = &doc.units[j];
        headline_like(a) && !locate::addresses_reader(a) && !doc.breadcrumb(j)
    })
}

/// Whether a line may be a headline at all: headline-shaped, and not a breadcrumb, a speaker
/// or name line, a caption, a date, an outlet's name or a widget's label.
fn could_be_headline(doc: &Doc, i: usize, counts: &FastMap<&str, usize>) -> bool {
    let u = &doc.units[i];
    (headline_like(u) || title_case_headline(u) || stamped_sentence(doc, i))
        && !doc.breadcrumb(i)
        && speaker_line(u).is_none()
        && !doc.name_line(i)
        && !doc.caption(i)
        && !caption_goes_on(doc, i)
        && !mostly_date(&u.text, doc.opts)
        // An outlet's name is its masthead, never a headline.
        && doc.opts.sources.by_name(&u.text).is_none()
        // "Share this story: <headline>": a widget's label around another line's text.
        && !labels_another_line(&u.text, counts)
        && !is_field_value(doc, i)
        && !is_kicker(doc, i)
        && !is_listed_line(doc, i)
}

/// A short line of the header, 3 to 8 words that end no sentence: a headline, a kicker, or
/// one of a gallery's captions set between the headline and its stamp.
fn short_header_line(doc: &Doc, j: usize) -> bool {
    let u = &doc.units[j];
    u.mark == Mark::Plain
        && (3..=8).contains(&u.words)
        && !doc.is_metadata_shape(j)
        && !ends_sentence(&u.text)
}

/// An item of an unmarked list between a headline and its byline or date: three or more
/// short lines in a row run into the header's stamp, and this is not the first (a
/// gallery's captions, "Jane Roe 100 metres" / "Ann Lee long jump", under the headline
/// they illustrate). The first line of such a run may still be the headline.
fn is_listed_line(doc: &Doc, i: usize) -> bool {
    if !short_header_line(doc, i) {
        return false;
    }
    let kept = |j: &usize| !doc.dropped(*j);
    let Some(prev) = (i.saturating_sub(8)..i).rev().find(kept) else {
        return false;
    };
    if !short_header_line(doc, prev) {
        return false;
    }
    let mut after = 0usize;
    for j in (i + 1..doc.units.len().min(i + 24)).filter(kept) {
        if short_header_line(doc, j) {
            after += 1;
            continue;
        }
        // The run ends at the header's byline or date (and holds three lines or more).
        return (after >= 1 || prev_short(doc, prev))
            && (doc.bylines[j].is_some() || doc.date_line(j).is_some_and(|d| !d.is_label_only()));
    }
    false
}

/// Whether the kept line above `prev` is a short header line too.
fn prev_short(doc: &Doc, prev: usize) -> bool {
    (prev.saturating_sub(8)..prev)
        .rev()
        .find(|&j| !doc.dropped(j))
        .is_some_and(|j| short_header_line(doc, j))
}

/// A caption the layout broke over lines: the next unit, on the very next line of the page
/// (no blank line between), ends with the picture's credit ("... engines. (credit: Agency)").
fn caption_goes_on(doc: &Doc, i: usize) -> bool {
    doc.units
        .get(i + 1)
        .is_some_and(|next| next.line == doc.units[i].line + 1 && doc.caption(i + 1))
}

/// A kicker: a short line over the headline that repeats its subject ("Dancing with the
/// Stars" over "Star eliminated from 'Dancing with the Stars' after ..."): every word of it
/// is printed again in the next kept line, a longer headline-shaped one.
fn is_kicker(doc: &Doc, i: usize) -> bool {
    let u = &doc.units[i];
    if u.words > 5 {
        return false;
    }
    let next =
        (i + 1..doc.units.len().min(i + 4)).find(|&j| !doc.dropped(j) && !doc.is_metadata_shape(j));
    next.is_some_and(|j| {
        let v = &doc.units[j];
        let words: FastSet<&str> = locate::alnum_words(&v.lower, false).collect();
        v.words > u.words
            && headline_like(v)
            && locate::alnum_words(&u.lower, false).all(|w| words.contains(w))
    })
}

/// A byline closes the article's header: a line a few kept lines under one is the
/// article's standfirst, a picture's caption or a video's title, not its headline.
fn under_byline(doc: &Doc, i: usize) -> bool {
    // Date lines in the header do not count as lines between; a bare "By" over the name
    // line is the byline's start.
    (0..i)
        .rev()
        .filter(|&j| !doc.dropped(j) && (doc.bylines[j].is_some() || !doc.is_metadata_shape(j)))
        .take(3)
        .any(|j| {
            doc.bylines[j].is_some()
                || doc.units[j].words == 1 && pick_authors::is_marker(&doc.units[j].text)
        })
}

/// A line between two bare labels ("Author:" / X / "Published:") is the first label's
/// value in a list of labelled fields, not a headline.
fn is_field_value(doc: &Doc, i: usize) -> bool {
    let bare_label = |j: usize| doc.units.get(j).is_some_and(is_bare_label);
    i > 0 && bare_label(i - 1) && bare_label(i + 1)
}

/// A bare label ("Author:", "Publish date:") over a byline or date line read as metadata
/// leaves the body with it.
fn drop_field_labels(doc: &mut Doc, start: usize, end: usize) {
    for i in start..end.min(doc.units.len().saturating_sub(1)) {
        if let Some(rule @ (BYLINE | DATE_LINE)) = doc.drop[i + 1] {
            if is_bare_label(&doc.units[i]) {
                doc.set(i, rule);
            }
        }
    }
}

/// A sentence printed twice between the headline and the lead (under the headline and
/// again over the picture) is the page's description, not the article's text: both leave.
fn drop_description_printed_twice(doc: &mut Doc, title: usize, lead: usize) {
    let mut first: FastMap<&str, usize> = FastMap::default();
    let mut twice = Vec::new();
    for i in title + 1..lead {
        if doc.dropped(i) || doc.units[i].words < 5 || !ends_sentence(&doc.units[i].text) {
            continue;
        }
        if let Some(&f) = first.get(doc.norm_of(i)) {
            twice.extend([f, i]);
        } else {
            first.insert(doc.norm_of(i), i);
        }
    }
    for i in twice {
        doc.set(i, DUPLICATE_LINE);
    }
}

/// A label alone on its line: one to three words ending with a colon ("Author:").
fn is_bare_label(u: &Unit) -> bool {
    // French sets the colon apart ("Auteur :"): it is no word.
    u.words <= 4
        && u.text.ends_with(':')
        && u.text.starts_with(char::is_alphabetic)
        && u.text
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
            <= 3
}

/// What marks a line as the headline around it: printed twice on the page (title bar and
/// heading), a byline, date or reading time right under it, and a heading's mark.
fn headline_signals(doc: &Doc, i: usize, counts: &FastMap<&str, usize>) -> f64 {
    let mut score = 0.0;
    if counts.get(doc.norm_of(i)).copied().unwrap_or(0) >= 2 {
        score += 1.0;
    }
    let n = doc.units.len();
    let is_meta = |j: usize| {
        matches!(doc.drop[j], Some(bp::READ_TIME) | Some(bp::DURATION))
            || doc.bylines[j].is_some()
            || doc.date_line(j).is_some_and(|d| !d.is_label_only())
            || doc.name_line(j)
    };
    let next_meta = (i + 1..n.min(i + 5)).any(is_meta);
    if next_meta {
        score += 2.0;
    }
    if doc.units[i].mark != Mark::Plain {
        score += 1.0;
    }
    score
}

/// A byline or date read as such within four units under line `i` (a bare name line, which
/// a menu's two capitalised words resemble, does not count).
fn byline_or_date_under(doc: &Doc, i: usize) -> bool {
    (i + 1..doc.units.len().min(i + 5))
        .any(|j| doc.bylines[j].is_some() || doc.date_line(j).is_some_and(|d| !d.is_label_only()))
}

/// A headline's length, as a score: most run 6 to 18 words.
fn headline_length_score(words: usize) -> f64 {
    // Four- and five-word lines are more often kickers and section labels than headlines.
    match words {
        0..=2 => -1.0,
        3 => 0.5,
        4 => 1.5,
        5 => 2.5,
        6..=18 => 3.0,
        19..=25 => 2.0,
        _ => 0.0,
    }
}

/// A headline often has a standfirst right under it: the first of two headline-shaped lines
/// (the next kept line before `end`) is the headline.
fn standfirst_bonus(doc: &Doc, i: usize, end: usize) -> f64 {
    let u = &doc.units[i];
    let next = (i + 1..end.min(i + 50))
        .find(|&j| !doc.dropped(j) && !doc.is_metadata_shape(j) && !is_listed_line(doc, j));
    match next {
        Some(j) => {
            let v = &doc.units[j];
            if u.words >= 4
                // A standfirst runs longer than its headline; a shorter line under a long
                // one is the headline under a caption or a teaser.
                && v.words > u.words
                && v.words >= 4
                && (headline_like(v) || v.words <= 45 && ends_sentence(&v.text))
            {
                1.2
            } else {
                0.0
            }
        }
        None => 0.0,
    }
}

/// When no headline stands above the densest run: a headline-shaped line followed closely by running prose that is part of
/// the densest run; scored by the words it shares with that lead, its nearness to it, the
/// byline or date under it, and its repetition on the page.
fn title_near_run(
    doc: &Doc,
    counts: &FastMap<&str, usize>,
    captions: &FastSet<&str>,
) -> Option<usize> {
    let (s, e) = doc.run?;
    let furniture: Vec<bool> = doc.drop.iter().map(Option::is_some).collect();
    let prose: Vec<bool> = (0..e)
        .map(|i| !furniture[i] && locate::is_running_prose(&doc.units[i]))
        .collect();
    // prose_before[i]: how many prose units stand before unit i.
    let mut prose_before = Vec::with_capacity(e + 1);
    let mut count = 0usize;
    for &p in &prose {
        prose_before.push(count);
        count += usize::from(p);
    }
    prose_before.push(count);
    // The lead's words, per first lead paragraph (many candidates share one lead).
    let mut leads: FastMap<usize, crate::analyze::fasthash::FastSet<&str>> = FastMap::default();
    let mut best: Option<(f64, usize)> = None;
    for i in 0..e {
        // A run may open with its headline: a question (or exclamation) headline reads as
        // prose, for it ends a sentence.
        // So does a sentence headline stamped by its date on the next line.
        let opens_run = i == s
            && (doc.units[i].words <= 18 && doc.units[i].text.ends_with(['?', '!'])
                || stamped_sentence(doc, i));
        if doc.dropped(i) || doc.units[i].mark == Mark::Code || prose[i] && !opens_run {
            continue;
        }
        let u = &doc.units[i];
        if doc.is_metadata_shape(i)
            || !could_be_headline(doc, i, counts)
            || captions.contains(doc.norm_of(i))
        {
            continue;
        }
        // The first prose paragraph under it, and how many lines stand between.
        let mut distance = 0usize;
        let mut lead_at = None;
        // Bounded look-ahead: per-candidate work stays constant (no quadratic pass).
        for (j, &is_prose) in prose.iter().enumerate().take(e.min(i + 200)).skip(i + 1) {
            if is_prose {
                lead_at = Some(j);
                break;
            }
            if !doc.dropped(j) && !doc.is_metadata_shape(j) {
                distance += 1;
                if distance > 12 {
                    break;
                }
            }
        }
        let Some(p) = lead_at else { continue };
        let lead = leads
            .entry(p)
            .or_insert_with(|| locate::lead_words(&doc.units, p, &furniture));
        let mut score = headline_length_score(u.words);
        score += 5.0 * locate::lead_overlap(&u.lower, lead);
        score -= 0.4 * distance as f64;
        if p < s {
            // Its prose is not the article's: a teaser above the article.
            score -= 3.0;
        }
        if i > s && prose_before[i] > prose_before[s] {
            // Prose of the run above it: more likely a subheading.
            score -= 2.0;
        }
        score += standfirst_bonus(doc, i, e);
        score += headline_signals(doc, i, counts);
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, i));
        }
    }
    best.filter(|(b, _)| *b >= 3.0).map(|(_, i)| i)
}

/// Whether `text` is a label, then ": ", then the text of another line of the page.
fn labels_another_line(text: &str, counts: &FastMap<&str, usize>) -> bool {
    text.split_once(": ")
        .is_some_and(|(_, tail)| counts.contains_key(norm(tail).as_str()))
}

/// A line that is mostly a date or time stamp ("Updated Nov. 19, 2019 8:21 am ET"), not a
/// headline that mentions a date.
fn mostly_date(text: &str, opts: &ConvertOptions) -> bool {
    let has_time = text
        .as_bytes()
        .windows(3)
        .any(|w| w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit());
    // A clock time on a short line is a time stamp, with or without a year.
    if has_time && !blocks::more_words_than(text, 14) {
        return true;
    }
    let found = dates::find_dates(text, opts.date_order);
    if found.is_empty() {
        return false;
    }
    let date_bytes: usize = found.iter().map(|f| f.end - f.start).sum();
    has_time || date_bytes * 3 >= text.len()
}

fn find_title(doc: &Doc) -> Option<usize> {
    let n = doc.units.len();
    // Markdown: a level-one heading near the top is the title.
    for (i, u) in doc.units.iter().enumerate().take(40) {
        if u.mark == Mark::Heading(1) && !doc.dropped(i) {
            return Some(i);
        }
        if is_prose(u) && !doc.dropped(i) {
            break;
        }
    }
    // Sized up front, as `dedupe`'s sets (looked up, never iterated in an order that counts).
    let mut counts: FastMap<&str, usize> = FastMap::default();
    counts.reserve(n.min(400));
    for (i, u) in doc.units.iter().enumerate().take(400) {
        if !doc.dropped(i) && u.words <= 30 {
            *counts.entry(doc.norm_of(i)).or_default() += 1;
        }
    }
    // A line printed twice or more inside the article's run, between its paragraphs, is a
    // picture's caption or a label set under each picture: no headline, however near the lead.
    let mut in_run: FastMap<&str, usize> = FastMap::default();
    if let Some((s, e)) = doc.run {
        in_run.reserve(e.saturating_sub(s));
        for i in s..e {
            if doc.units[i].words >= 3 {
                *in_run.entry(doc.norm_of(i)).or_default() += 1;
            }
        }
    }
    let captions: FastSet<&str> = in_run
        .into_iter()
        .filter(|&(_, c)| c >= 2)
        .map(|(k, _)| k)
        .collect();
    if let Some(t) =
        title_above_run(doc, &counts, &captions).or_else(|| title_near_run(doc, &counts, &captions))
    {
        return Some(t);
    }
    let mut best: Option<(i32, usize)> = None;
    let mut seen = 0;
    for i in 0..n {
        if doc.dropped(i) {
            continue;
        }
        let u = &doc.units[i];
        if is_prose(u) {
            break;
        }
        seen += 1;
        if seen > 25 {
            break;
        }
        if !headline_like(u)
            || doc.is_metadata_shape(i)
            || doc.breadcrumb(i)
            || speaker_line(u).is_some()
        {
            continue;
        }
        if doc.name_line(i) {
            continue;
        }
        let mut score: i32 = match u.words {
            0..=2 => -1,
            3 => 1,
            4..=25 => 3,
            _ => 1,
        };
        if counts.get(doc.norm_of(i)).copied().unwrap_or(0) >= 2 {
            score += 2;
        }
        // Followed by byline, date or reading time: how article headers are laid out.
        let next_meta = (i + 1..n.min(i + 4)).any(|j| {
            matches!(doc.drop[j], Some(bp::READ_TIME) | Some(bp::DURATION))
                || doc.bylines[j].is_some()
                || doc.date_line(j).is_some_and(|d| !d.is_label_only())
                || doc.name_line(j)
        });
        if next_meta {
            score += 1;
        }
        if u.words <= 3
            && u.text
                .split_whitespace()
                .all(|w| w.starts_with(char::is_uppercase))
        {
            score -= 1;
        }
        if u.mark != Mark::Plain {
            score += 1;
        }
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, i));
        }
    }
    best.filter(|(s, _)| *s >= 1).map(|(_, i)| i)
}

/// The header zone ends a few prose paragraphs after the headline.
fn top_zone_end(doc: &Doc, start: usize) -> usize {
    let mut prose = 0;
    for i in start..doc.units.len() {
        if !doc.dropped(i) && is_prose(&doc.units[i]) {
            prose += 1;
            if prose > 3 {
                return i;
            }
        }
    }
    doc.units.len()
}

/// A line that is only a dateline: the outlet it names.
fn dateline_only(text: &str, opts: &ConvertOptions) -> Option<String> {
    if text.len() > 120 || !text.ends_with(['-', '–', '—']) {
        return None;
    }
    let c = DATELINE_ONLY_RE.captures(text)?;
    if let Some(a) = c.name("agency") {
        return Some(
            opts.sources
                .by_name(a.as_str())
                .map_or_else(|| a.as_str().trim().to_string(), str::to_string),
        );
    }
    let head = c.name("head")?.as_str().trim();
    if let Some(o) = opts.sources.by_name(head) {
        return Some(o.to_string());
    }
    // "WASHINGTON —": a place in capitals, no outlet.
    (!head.chars().any(char::is_lowercase) && head.chars().any(char::is_alphabetic))
        .then(String::new)
}

/// A name an outlet signs with: one or two capitalised words, neither a person's name
/// nor a date label or a weekday.
fn is_signing_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    (1..=2).contains(&words.len())
        && words.iter().all(|w| {
            w.starts_with(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphanumeric() || c == '.' || c == '-')
                && !pick_date::is_label(w)
                && !crate::lang::calendar::is_weekday(&w.to_lowercase())
        })
        && !bylines::is_person_name(name, true)
}

/// A line that is only a social handle ("@janeroe") or an e-mail address.
fn is_contact(text: &str) -> bool {
    let t = text.trim();
    if t.contains(char::is_whitespace) || t.len() < 3 {
        return false;
    }
    let handle = t.strip_prefix('@').is_some_and(|h| {
        !h.is_empty()
            && h.chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
    });
    let email = t.split_once('@').is_some_and(|(user, host)| {
        !user.is_empty()
            && host.contains('.')
            && !host.starts_with('.')
            && !host.ends_with('.')
            && host
                .chars()
                .all(|c| c.is_alphanumeric() || c == '.' || c == '-')
    });
    handle || email
}

fn read_top_metadata(doc: &mut Doc, ev: &mut Evidence, title_idx: Option<usize>, zone_end: usize) {
    let opts = doc.opts;
    let start = title_idx.map_or(0, |t| t + 1);
    let mut first_prose_seen = false;
    let mut inline_dateline_done = false;
    for i in 0..zone_end {
        if doc.dropped(i) || doc.units[i].mark == Mark::Code {
            continue;
        }
        let u = doc.units[i].clone();
        if i < start && u.mark == Mark::Bullet && doc.bylines[i].is_some() {
            // A menu entry above the headline ("• Sponsor BrandVoice | Paid Program"): the
            // page's navigation, not the article's byline.
            doc.set(i, BEFORE_HEADLINE);
            continue;
        }
        if let Some(b) = doc.bylines[i].clone() {
            push_all(&mut ev.authors, b.authors);
            if ev.byline_outlet.is_none() {
                ev.byline_outlet = b.outlet;
            }
            if let Some(p) = b.published.or(b.updated) {
                ev.stated.get_or_insert((p, u.text.clone()));
            }
            if b.published.is_some() {
                ev.updated = ev.updated.or(b.updated);
            }
            doc.set(i, BYLINE);
            continue;
        }
        if let Some(dl) = doc.date_line(i).cloned() {
            if let Some(p) = dl.published.or(dl.updated) {
                if ev.stated.is_none() {
                    ev.stated = Some((p, u.text.clone()));
                    if dl.published.is_some() {
                        ev.updated = dl.updated;
                    }
                } else if dl.published.is_none() {
                    ev.updated = ev.updated.or(dl.updated);
                }
            }
            doc.set(i, DATE_LINE);
            continue;
        }
        if let Some(url) = url_of(&u) {
            if i < start + 12
                || !first_prose_seen
                || ev.url.is_none() && opts.sources.by_host(host_of(&url)).is_some()
            {
                if ev.url.is_none() {
                    if let Some(d) = dates::url_date(&url) {
                        ev.url_date = Some((d, url.clone()));
                    }
                    ev.url = Some(url);
                }
                doc.set(i, URL_LINE);
            }
            continue;
        }
        if let Some(outlet) = dateline_only(&u.text, opts) {
            if !outlet.is_empty() {
                ev.dateline_outlet.get_or_insert(outlet);
            }
            doc.set(i, DATELINE);
            continue;
        }
        if i < start {
            continue;
        }
        if is_contact(&u.text) {
            // The author's handle or address printed with the byline ("@janeroe",
            // "jane.roe@example.com"): part of the byline, not of the article.
            doc.set(i, BYLINE);
            continue;
        }
        if !first_prose_seen && u.words <= 8 {
            // Under a byline: the outlet's name ("BBC News"), the author's job ("Diplomatic
            // correspondent") or where they report from.
            let after_byline = i > 0 && matches!(doc.drop[i - 1], Some(BYLINE));
            // "BBC News, Cairo": the outlet and where the author is.
            let head = u.text.split(',').next().unwrap_or(&u.text);
            if let Some(o) = opts
                .sources
                .by_name(&u.text)
                .or_else(|| opts.sources.by_name(head))
            {
                ev.byline_outlet.get_or_insert_with(|| o.to_string());
                doc.set(i, BYLINE);
                continue;
            }
            if REPORTING_FROM.is_match(&u.text)
                || after_byline && u.words <= 5 && bylines::is_role(&u.text)
            {
                doc.set(i, BYLINE);
                continue;
            }
        }
        // "November 20, 2019 Jane Roe": a stamp, then the byline's name.
        if i >= start && ev.authors.is_empty() && u.words <= 12 {
            let dated = dates::find_dates(&u.text, opts.date_order);
            let names = dated
                .first()
                .filter(|f| f.start == 0)
                .and_then(|_| dated.last())
                .and_then(|f| bylines::name_line(u.text[f.end..].trim()));
            if let Some(names) = names {
                push_all(&mut ev.name_line_authors, names);
                doc.set(i, BYLINE);
                continue;
            }
            // "Harbourpost October 6, 2018" right under the headline: the outlet signs the
            // piece with its name and the date.
            let signed = dated
                .last()
                .filter(|f| f.end == u.text.len() && f.start > 0 && i == start)
                .map(|f| u.text[..f.start].trim());
            if let Some(name) = signed.filter(|n| is_signing_name(n)) {
                ev.stamp_outlet.get_or_insert_with(|| {
                    opts.sources
                        .by_name(name)
                        .map_or_else(|| name.to_string(), str::to_string)
                });
            }
        }
        // A name line right under the headline, or next to a date line.
        if !first_prose_seen && ev.authors.is_empty() {
            // Most lines are no name line: the answer asked once per text says so.
            let names = doc
                .name_line(i)
                .then(|| bylines::name_line(&u.text))
                .flatten();
            if let Some(names) = names {
                let near_title = title_idx.is_some_and(|t| (t + 1..i).all(|j| doc.dropped(j)));
                let near_date = [i.wrapping_sub(1), i + 1].iter().any(|&j| {
                    j < doc.units.len() && doc.date_line(j).is_some_and(|d| !d.is_label_only())
                });
                // One block of name lines: a name further down is something else
                // ("Al Root" / date / "Order Reprints").
                let first_block =
                    ev.name_line_authors.is_empty() || i > 0 && doc.drop[i - 1] == Some(BYLINE);
                if (near_title || near_date) && first_block {
                    push_all(&mut ev.name_line_authors, names);
                    doc.set(i, BYLINE);
                    continue;
                }
            }
        }
        if is_prose(&u) {
            if !inline_dateline_done {
                inline_dateline_done = true;
                read_inline_dateline(&u.text, opts, ev);
            }
            // A standfirst (right under the headline, or above the article's run) is
            // header, not yet the article: the byline often stands under it.
            let standfirst = title_idx.is_some_and(|t| (t + 1..i).all(|j| doc.dropped(j)))
                || doc.run.is_some_and(|(s, _)| i < s);
            first_prose_seen |= !standfirst;
        }
    }
}

/// The dateline that opens a wire story's first paragraph: outlet and (partial) date.
fn read_inline_dateline(text: &str, opts: &ConvertOptions, ev: &mut Evidence) {
    let head: String = text.chars().take(160).collect();
    let found = DATELINE_RE.find(&head).map(|m| &head[..m.end()]);
    if let Some(c) = found.and_then(|h| DATELINE_RE.captures(h)) {
        let agency = c
            .name("agency")
            .or_else(|| c.name("wire"))
            .map(|m| m.as_str().trim());
        if let Some(a) = agency {
            // "(Reuters)", "(AP)", "/PRNewswire/": only known outlets or agency-shaped names.
            if let Some(o) = opts.sources.by_name(a).or_else(|| opts.sources.find_in(a)) {
                ev.dateline_outlet.get_or_insert(o.to_string());
            }
        }
        if let Some(d) = c.name("date") {
            let snippet = c.get(0).map_or("", |m| m.as_str()).trim().to_string();
            if let Some(f) = dates::find_dates(d.as_str(), opts.date_order).first() {
                ev.stated.get_or_insert((f.date, snippet));
            } else if let Some(md) = dates::find_month_day(d.as_str()) {
                ev.dateline_month_day.get_or_insert((md, snippet));
            }
        }
    }
}

fn find_end(doc: &mut Doc, ev: &mut Evidence, start: usize) -> Option<usize> {
    let n = doc.units.len();
    let total_prose = (start..n)
        .filter(|&i| !doc.dropped(i) && is_prose(&doc.units[i]))
        .count();
    let mut prose = 0;
    for i in start..n {
        let u = &doc.units[i];
        if doc.keep[i] {
            continue;
        }
        let rule = doc.drop[i];
        if rule.is_none() && is_prose(u) {
            prose += 1;
            continue;
        }
        if prose == 0 {
            continue;
        }
        if rule.is_none() && bylines::is_credit_line(&u.text) {
            let (main, extra) = bylines::credit_authors(&u.text);
            push_all(&mut ev.credit_authors, main);
            push_all(&mut ev.additional_authors, extra);
            doc.set(i, CREDIT_LINE);
            return Some(i + 1);
        }
        if rule.is_none() && CONTRIBUTOR_NOTE.is_match(&u.text) && i + 1 < n {
            return Some(i + 1);
        }
        if rule == Some(bp::END_MARK) {
            return Some(i + 1);
        }
        // A newsletter box's heading after the story opens the sign-up box (its pitch, the
        // consent line, the thanks), unless more of the article's prose follows it.
        if rule.is_none()
            && prose >= 2
            && matches!(u.mark, Mark::Plain | Mark::Heading(_))
            && bp::is_newsletter_header(u)
            && !doc.run.is_some_and(|(_, run_end)| {
                i < run_end && {
                    let furniture: Vec<bool> = doc.drop.iter().map(Option::is_some).collect();
                    locate::goes_on_after(&doc.units, &furniture, start, i, run_end)
                }
            })
        {
            // The box: its heading and the lines under it, up to the next furniture line.
            let mut j = i;
            while j < n && doc.drop[j].is_none() && !doc.keep[j] {
                doc.set(j, NEWSLETTER_BOX);
                j += 1;
            }
            return Some(i);
        }
        // Link lists end the article once it has begun, unless more of the article follows
        // than came before (an inline box after the first paragraph).
        let prose_after = total_prose - prose;
        if prose >= 2 || prose_after <= prose {
            let k = bp::key(&u.lower);
            let ends = match rule {
                // A box of links or a photo's "© Name" credit set into the densest run,
                // with more of the article's prose after it than before, is no end.
                Some(bp::RELATED_BLOCK) | Some(bp::COPYRIGHT) => {
                    !doc.run.is_some_and(|(_, run_end)| {
                        i < run_end && {
                            let furniture: Vec<bool> =
                                doc.drop.iter().map(Option::is_some).collect();
                            locate::goes_on_after(&doc.units, &furniture, start, i, run_end)
                        }
                    })
                }
                Some(bp::SKIP_LINKS) => k.starts_with("skip next section") || bp::is_end_header(&k),
                Some(bp::SITE_FOOTER) | Some(bp::COMMENT_POLICY) => true,
                _ => false,
            };
            if ends {
                return Some(i);
            }
        }
    }
    None
}

fn dedupe(doc: &mut Doc) {
    let n = doc.units.len();
    // Borrowed keys on the fast hasher: nothing here is ordered by hash or leaves the run.
    // Both sets sized for the page up front: grown line by line they were rehashed again and
    // again (only looked up, never iterated: their order reaches nothing).
    let dropped = (0..n)
        .filter(|&i| doc.drop[i].is_some_and(|r| r != DUPLICATE_LINE))
        .map(|i| doc.norm_of(i));
    let mut dropped_texts: FastSet<&str> = FastSet::default();
    dropped_texts.reserve(n);
    dropped_texts.extend(dropped);
    let mut seen: FastSet<&str> = FastSet::default();
    seen.reserve(n);
    let mut decisions: Vec<(usize, Rule)> = Vec::new();
    for i in 0..n {
        if doc.dropped(i) || doc.keep[i] || doc.units[i].mark == Mark::Code {
            continue;
        }
        let k = doc.norm_of(i);
        // A drawn rule repeats by nature: one dropped in the header says nothing of another
        // that parts the article.
        if k.is_empty() || is_rule_line(&doc.units[i].text) {
            continue;
        }
        if dropped_texts.contains(k) {
            decisions.push((i, SAME_AS_DROPPED));
            continue;
        }
        // Speaker lines repeat by nature; short lines ("Yes.") may too.
        if doc.role[i] == Role::Speaker || doc.units[i].words < 5 {
            continue;
        }
        if !seen.insert(k) {
            decisions.push((i, DUPLICATE_LINE));
        }
    }
    for (i, rule) in decisions {
        doc.set(i, rule);
    }
}

fn next_kept(doc: &Doc, i: usize) -> Option<usize> {
    (i + 1..doc.units.len()).find(|&j| !doc.dropped(j))
}

/// The body's blocks and, apart, the captions of its pictures and videos: a text copy has no
/// picture, so a caption in the body would read as a stray sentence.
fn build_blocks(doc: &Doc, kind: &str) -> (Vec<Block>, Vec<String>) {
    let mut out = Vec::new();
    let mut captions = Vec::new();
    let n = doc.units.len();
    let mut i = 0;
    let mut prev_kept: Option<usize> = None;
    let transcript = matches!(kind, kind::TRANSCRIPT | kind::INTERVIEW);
    while i < n {
        if doc.dropped(i) {
            i += 1;
            continue;
        }
        let u = &doc.units[i];
        let md = u.md.as_ref();
        let text = u.text.clone();
        let block = match (u.mark, doc.role[i]) {
            (Mark::Code, _) => Block::Code(md.cloned().unwrap_or(text)),
            (Mark::Heading(level), _) => {
                // A level-one heading other than the title is a section heading of the body.
                let level = level.max(2);
                match md {
                    Some(m) => Block::Raw(format!("{} {}", "#".repeat(level as usize), m)),
                    None => Block::Heading(level, text),
                }
            }
            (Mark::Bullet, _) => match md {
                Some(m) => Block::RawItem {
                    number: None,
                    md: m.clone(),
                },
                None => Block::Item { number: None, text },
            },
            (Mark::Numbered(k), _) => match md {
                Some(m) => Block::RawItem {
                    number: Some(k),
                    md: m.clone(),
                },
                None => Block::Item {
                    number: Some(k),
                    text,
                },
            },
            (Mark::Quote, _) => match md {
                Some(m) => Block::Raw(format!("> {m}")),
                None => Block::Quote {
                    text,
                    attribution: None,
                },
            },
            (Mark::Plain, Role::Caption) => {
                captions.push(text);
                prev_kept = Some(i);
                i += 1;
                continue;
            }
            (Mark::Plain, Role::Speaker) => {
                if let (Some(who), Some(j)) = (speaker_line(u), next_kept(doc, i)) {
                    let q = &doc.units[j];
                    if q.mark == Mark::Plain
                        && doc.role[j] == Role::Text
                        && speaker_line(q).is_none()
                    {
                        out.push(Block::Quote {
                            text: q.text.clone(),
                            attribution: Some(who),
                        });
                        prev_kept = Some(j);
                        i = j + 1;
                        continue;
                    }
                }
                Block::Paragraph(text)
            }
            (Mark::Plain, Role::Text) => {
                if md.is_none() && is_rule_line(&text) {
                    Block::Rule
                } else if kind == kind::LIVEBLOG && kind::is_clock(&text) {
                    Block::Heading(3, text)
                } else if let (true, Some((who, said))) =
                    (transcript && md.is_none(), kind::speaker_label(&text))
                {
                    Block::Speaker {
                        speaker: who.to_string(),
                        text: said.to_string(),
                    }
                } else if prev_kept.is_some()
                    && subheading_like(u)
                    && next_kept(doc, i).is_some_and(|j| {
                        let v = &doc.units[j];
                        v.mark == Mark::Plain && v.words >= 10 && doc.role[j] == Role::Text
                    })
                {
                    match md {
                        Some(m) => Block::Raw(format!("## {m}")),
                        None => Block::Heading(2, text),
                    }
                } else {
                    match md {
                        Some(m) => Block::Raw(m.clone()),
                        None => Block::Paragraph(text),
                    }
                }
            }
        };
        // A break only parts two blocks: none first, none last, never two in a row.
        if block != Block::Rule || out.last().is_some_and(|b| *b != Block::Rule) {
            out.push(block);
        }
        prev_kept = Some(i);
        i += 1;
    }
    if out.last() == Some(&Block::Rule) {
        out.pop();
    }
    (out, captions)
}

/// A standfirst: the first line under the headline, a sentence or more, with the byline or
/// the date line under it before the lead. It is the header's summary, not the article's
/// first paragraph: returned for the summary and dropped from the body.
fn drop_standfirst(doc: &mut Doc, title: usize) -> Option<String> {
    let n = doc.units.len();
    let i = (title + 1..n).find(|&i| !doc.dropped(i))?;
    let u = &doc.units[i];
    if u.mark != Mark::Plain || u.words < 8 || u.words > 60 || doc.caption(i) {
        return None;
    }
    let mut header = false;
    for j in i + 1..n.min(i + 30) {
        if doc.dropped(j) {
            header |= matches!(doc.drop[j], Some(BYLINE) | Some(DATE_LINE));
            continue;
        }
        if is_prose(&doc.units[j]) {
            if !header {
                return None;
            }
            let text = shorten(without_dateline(&doc.units[i].text), 300);
            doc.set(i, STANDFIRST);
            return doc.dropped(i).then_some(text);
        }
    }
    None
}

/// Between the headline and the article's first longer line, a line of one to three words
/// that ends no sentence is a label of the page's header ("Shares", "Author:", a photo's
/// credit), not the article. Further down such lines are the article's own (table cells,
/// a fact check's "Claim" and "Rating").
fn drop_header_labels(doc: &mut Doc, title: usize, lead: usize) {
    for i in title + 1..lead.min(doc.units.len()) {
        let u = &doc.units[i];
        if doc.dropped(i) || u.mark == Mark::Code {
            continue;
        }
        if u.words > 3 {
            break;
        }
        // Lines the later rules read stay for them: a source or credit line ("Source: AFP"),
        // metadata, a liveblog entry's time ("14:05 GMT").
        let read_later = doc.is_metadata_shape(i)
            || bylines::source_line(&u.text).is_some()
            || bylines::is_credit_line(&u.text)
            || kind::is_clock(&u.text);
        if !read_later && !u.text.ends_with(['.', '!', '?']) {
            doc.set(i, HEADER_LABEL);
        }
    }
}

static CLOCK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b\d{1,2}[:.h]\d{2}\b").expect("valid regex"));

/// A comment's stamp: a short line that is a full date with its clock time
/// ("August 8, 2018 at 3:17 pm", "Mittwoch, 8. August 2018, 15:17 Uhr", "8 de agosto de
/// 2018 a las 15:17").
fn is_comment_stamp(doc: &Doc, i: usize) -> bool {
    let u = &doc.units[i];
    u.words <= 8
        && CLOCK.is_match(&u.text)
        && !dates::find_dates(&u.text, doc.opts.date_order).is_empty()
}

/// Where a thread of readers' comments without a header starts: two comment stamps within a
/// few lines of each other after the article's first paragraphs; the thread opens with the
/// short lines above the first stamp (its count, the commenter's name).
fn comment_thread_start(doc: &Doc) -> Option<usize> {
    let (s, _) = doc.run?;
    let mut prose_words = 0;
    let mut first: Option<usize> = None;
    for i in s..doc.units.len() {
        let u = &doc.units[i];
        if !doc.dropped(i) && is_prose(u) {
            prose_words += u.words;
        }
        if prose_words < 80 || !is_comment_stamp(doc, i) {
            continue;
        }
        match first {
            Some(f) if i - f <= 12 => {
                let mut head = f;
                let mut kept = 0;
                for j in (s + 1..f).rev() {
                    if doc.dropped(j) {
                        continue;
                    }
                    let v = &doc.units[j];
                    if kept >= 4 || v.words > 20 || v.text.ends_with(['.', '!', '?']) {
                        break;
                    }
                    kept += 1;
                    head = j;
                }
                return Some(head);
            }
            _ => first = Some(i),
        }
    }
    None
}

/// A trailer is under 1/TRAILER_SHARE of the story above its rule (2 and 3 scored on half
/// A, where 2 is better; half B is the same at both: see CONVERSION.md).
const TRAILER_SHARE: usize = 2;

/// A horizontal rule drawn with characters ("━━━━", "-----", "* * *").
fn is_rule_line(text: &str) -> bool {
    // One pass that stops at the first character no rule is drawn with: on prose, the first
    // letter (every kept unit is asked, in `dedupe` and `build_blocks`); a rule is read once,
    // its marks counted on the way. `matches!` rather than a search of a string of the
    // characters: a few compares each.
    let mut marks = 0usize;
    for c in text.chars() {
        if c.is_whitespace() {
            continue;
        }
        if !matches!(
            c,
            '━' | '─' | '-' | '_' | '=' | '*' | '~' | '═' | '—' | '–' | '·' | '•'
        ) {
            return false;
        }
        marks += 1;
    }
    marks >= 3
}

/// The last rule line of the article, when what follows it up to the end is one or two
/// paragraphs and much less than the story above it: a trailer, not the story.
fn trailer_after_rule(doc: &Doc, start: usize, end: usize) -> Option<usize> {
    let end = end.min(doc.units.len());
    let r = (start..end)
        .rev()
        .find(|&i| is_rule_line(&doc.units[i].text))?;
    let prose = |range: std::ops::Range<usize>| {
        range
            .filter(|&i| !doc.dropped(i) && is_prose(&doc.units[i]))
            .fold((0, 0), |(w, p), i| (w + doc.units[i].words, p + 1))
    };
    let (before, _) = prose(start..r);
    let (after, paragraphs) = prose(r + 1..end);
    // A subheading under the rule opens one more section of the story.
    let opens_section = (r + 1..end)
        .find(|&i| !doc.dropped(i))
        .is_some_and(|i| !is_prose(&doc.units[i]));
    ((1..=2).contains(&paragraphs) && after * TRAILER_SHARE < before && !opens_section).then_some(r)
}

static CONTACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\w.+-]+@[\w-]+\.[a-z]{2,}|(?:^|[\s:])@\w{2,}").expect("valid regex")
});

/// The article's last lines that give the writer's address or handle ("Email the writer at
/// ...", "Follow her @...") and whatever follows them: where the article ends. An embedded
/// post's signature "(@handle)" is no such line.
fn contact_tail(doc: &Doc, start: usize, end: usize) -> Option<usize> {
    let mut cut = None;
    let mut kept = 0;
    for i in (start..end.min(doc.units.len())).rev() {
        if doc.dropped(i) || doc.units[i].words == 0 {
            continue;
        }
        kept += 1;
        if kept > 4 {
            break;
        }
        let u = &doc.units[i];
        if u.words <= 60 && CONTACT.is_match(&u.text) {
            cut = Some(i);
        }
    }
    cut
}

/// The standfirst (a lead paragraph printed under the headline) or else the first paragraph.
fn find_summary(doc: &Doc, start: usize, end: usize) -> Option<String> {
    let mut first = true;
    for i in start..end {
        if doc.dropped(i) {
            continue;
        }
        let u = &doc.units[i];
        if doc.role[i] != Role::Text || u.mark != Mark::Plain {
            first = false;
            continue;
        }
        // The first line under the header is the standfirst even without a full stop; later
        // short lines are subheadings.
        if u.words >= 10 && (first || !subheading_like(u)) || is_prose(u) {
            return Some(shorten(without_dateline(&u.text), 300));
        }
        first = false;
    }
    None
}

/// `text` without the dateline that opens it ("CAIRO (Reuters) - ", "WASHINGTON, Feb. 6, 2024
/// /PRNewswire/ -- ", "GENEVA — "): a summary shown out of its story does not need where the
/// story was filed, while the body keeps it.
fn without_dateline(text: &str) -> &str {
    let head_end = text.char_indices().nth(160).map_or(text.len(), |(i, _)| i);
    let head = &text[..head_end];
    let end = DATELINE_RE.find(head).map(|m| m.end()).or_else(|| {
        PLACE_DASH_RE
            .find(head)
            // A place, not one capital letter ("A — ").
            .filter(|m| m.as_str().chars().filter(|c| c.is_alphabetic()).count() >= 2)
            .map(|m| m.end())
    });
    match end {
        Some(end) if text[end..].chars().any(char::is_alphanumeric) => text[end..].trim_start(),
        _ => text,
    }
}

fn choose_date(ev: &Evidence) -> (Option<NaiveDate>, DateSource, Option<String>) {
    let snip = |s: &str| {
        let s: String = s.chars().take(120).collect();
        Some(s)
    };
    if let Some((d, e)) = &ev.stated {
        return (Some(*d), DateSource::Stated, snip(e));
    }
    if let Some((d, e)) = &ev.url_date {
        return (Some(*d), DateSource::Inferred, snip(e));
    }
    if let Some(((m, day), e)) = &ev.dateline_month_day {
        // A dateline gives month and day; the year comes from a full date on the caption or
        // the URL, and only if that date agrees (within a few days: a photo may be taken the
        // day before). Otherwise no year is invented.
        let agreeing = [ev.caption_date.as_ref(), ev.url_date.as_ref()]
            .into_iter()
            .flatten()
            .find_map(|(full, _)| {
                let d = NaiveDate::from_ymd_opt(full.year(), *m, *day)?;
                ((d - *full).num_days().abs() <= 3).then_some(d)
            });
        if let Some(d) = agreeing {
            return (Some(d), DateSource::Inferred, snip(e));
        }
    }
    // The story's own dateline outranks the day a photo was taken.
    if let Some((d, e)) = &ev.caption_date {
        return (Some(*d), DateSource::Caption, snip(e));
    }
    (None, DateSource::Stated, None)
}

#[cfg(test)]
mod summary_tests {
    use super::*;

    #[test]
    fn a_lower_case_line_normalises_as_its_text_does() {
        // `norm_lower` takes a shortcut for a unit's lower-cased text; it must agree with
        // `norm` of that text, curly quotes, dashes and edges included (the Greek line keeps
        // the final sigma that lower-casing the whole line gave it).
        for text in [
            "“We will act,” the Minister said.",
            "„Wir handeln“, sagte die Ministerin – am Montag.",
            "« Nous agirons », a déclaré la ministre…",
            "‘Actuaremos’, dijo la ministra — el lunes.",
            "— Related: Ministers’ talks —",
            "`Quoted` text: ",
            "ΟΔΟΣ ΣΤΗΝ ΑΘΗΝΑ",
            // Symbols that share the quotes' lead byte E2 but are no quotes: a rule of
            // box-drawing dashes, arrows, an ellipsis, a bullet, dashes at the edges.
            "━━━━━━━━━━━━━━━━",
            "→ Weiterlesen ←",
            "– Suite … de l’article •",
            "—Más información—",
            "Prix\u{2009}: 3\u{00A0}€ ‰",
        ] {
            let u = blocks::units(text, false).remove(0);
            assert_eq!(norm_lower(&u.lower), norm(&u.lower), "{text}");
            // What `Norm::of` reads: the searches skipped on a line known single-spaced.
            assert_eq!(
                norm_lower_known(&u.lower, u.plain),
                norm(&u.lower),
                "{text}"
            );
        }
    }

    #[test]
    fn text_answers_are_asked_once_per_text_and_read_the_same_at_every_copy() {
        // Each line printed twice or three times, a copy first or last; the answers kept
        // at first copies must be those the functions give each copy's own text.
        let text = "Startseite > Welt > Europa\n\nAnna Berg\n\n\
            Menschen warten am Hafen, Dienstag. Anna Berg/dpa\n\n\
            Accueil / Monde / Europe\n\nJean Dupont\n\n\
            Des manifestants à Paris, mardi. Jean Dupont, AFP\n\n\
            Vecinos en la plaza del pueblo. (AP Photo/Ana Ruiz)\n\nAna Ruiz\n\n\
            Die Fähre fährt ab Montag wieder nach Norden.\n\n\
            Anna Berg\n\nAccueil / Monde / Europe\n\n\
            Vecinos en la plaza del pueblo. (AP Photo/Ana Ruiz)\n\n\
            Home > World > Europe\n\nAna Ruiz\n\nStartseite > Welt > Europa\n\n\
            Menschen warten am Hafen, Dienstag. Anna Berg/dpa\n\nAnna Berg\n";
        let units = blocks::units(text, false);
        let opts = ConvertOptions::default();
        let n = units.len();
        let doc = Doc::new(units, &opts, vec![false; n], false);
        assert!(doc.same.iter().enumerate().any(|(i, &f)| f as usize != i));
        // Later copies first, so their answers are asked at the first copy.
        for i in (0..n).rev().chain(0..n) {
            let t = &doc.units[i].text;
            assert_eq!(doc.caption(i), is_caption(t), "{t}");
            assert_eq!(doc.name_line(i), bylines::name_line(t).is_some(), "{t}");
            assert_eq!(doc.breadcrumb(i), bp::is_breadcrumb(t), "{t}");
        }
        let count = |f: &dyn Fn(usize) -> bool| (0..n).filter(|&i| f(i)).count();
        assert!(count(&|i| doc.caption(i)) >= 4);
        assert!(count(&|i| doc.name_line(i)) >= 4);
        assert!(count(&|i| doc.breadcrumb(i)) >= 4);
        // Only first copies hold answers: a later copy reads its first copy's.
        for i in (0..n).filter(|&i| doc.same[i] as usize != i) {
            let a = &doc.text_answers[i];
            assert!(a.caption.get().is_none() && a.name_line.get().is_none());
            assert!(a.breadcrumb.get().is_none());
        }
    }

    #[test]
    fn date_lines_are_read_once_per_text_and_the_same_at_every_copy() {
        // Date lines in four languages, each printed two or three times among prose and
        // labels; a copy asked before its first.
        let text = "12. März 2024\n\nAktualisiert am 13.03.2024, 08:15 Uhr\n\n\
            mardi 12 mars 2024\n\nPublié le 12/03/2024 à 10h05\n\n\
            12 de marzo de 2024\n\nMarch 12, 2024 9:30 a.m. ET\n\n\
            Der Hafen öffnet wieder am Dienstag.\n\nUpdated\n\n12. März 2024\n\n\
            March 12, 2024 9:30 a.m. ET\n\nmardi 12 mars 2024\n\nUpdated\n\n\
            12 de marzo de 2024\n\n12. März 2024\n\nLe port rouvre mardi.\n";
        let units = blocks::units(text, false);
        let opts = ConvertOptions::default();
        let n = units.len();
        let doc = Doc::new(units, &opts, vec![false; n], false);
        assert!(doc.same.iter().enumerate().any(|(i, &f)| f as usize != i));
        for i in (0..n).rev().chain(0..n) {
            let t = &doc.units[i].text;
            assert_eq!(
                doc.date_line(i),
                dates::date_line(t, opts.date_order).as_ref(),
                "{t}"
            );
        }
        let found: Vec<&str> = (0..n)
            .filter(|&i| doc.date_line(i).is_some())
            .map(|i| doc.units[i].text.as_str())
            .collect();
        assert!(found.len() >= 10, "{found:?}");
        for i in (0..n).filter(|&i| doc.same[i] as usize != i) {
            assert!(doc.date_lines[i].get().is_none());
        }
    }

    #[test]
    fn the_metadata_shape_kept_per_unit_is_the_one_read_from_it() {
        // Addresses, bylines, dates and datelines in four languages among prose and labels,
        // one printed twice; asked backwards, then forwards, then again.
        let text = "https://www.hafenzeitung.de/artikel/hafen-123\n\nVon Anna Berg\n\n\
            12. März 2024\n\nDer Hafen öffnet wieder am Dienstag, teilte die Behörde mit.\n\n\
            PARIS (AFP) —\n\nPar Jean Dupont\n\nmardi 12 mars 2024\n\n\
            Le port rouvre mardi après la tempête.\n\nPor Ana Ruiz\n\n12 de marzo de 2024\n\n\
            El puerto reabre el martes.\n\nWASHINGTON —\n\nBy Jane Roe\n\nMarch 12, 2024\n\n\
            www.harbour-post.com\n\nWeather\n\nVon Anna Berg\n\nThe harbour reopened on Tuesday.\n";
        let units = blocks::units(text, false);
        let opts = ConvertOptions::default();
        let n = units.len();
        let mut doc = Doc::new(units, &opts, vec![false; n], false);
        for i in 0..n {
            doc.bylines[i] =
                bylines::parse_byline(&doc.units[i].text, &opts.sources, opts.date_order);
        }
        for i in (0..n).rev().chain(0..n).chain(0..n) {
            assert_eq!(
                doc.is_metadata_shape(i),
                doc.metadata_shape_of(i),
                "{}",
                doc.units[i].text
            );
        }
        let shapes = (0..n).filter(|&i| doc.is_metadata_shape(i)).count();
        assert!(shapes >= 10 && shapes + 5 <= n, "{shapes} of {n}");
    }

    #[test]
    fn the_url_gate_finds_what_the_two_substring_searches_find() {
        for line in [
            "https://www.hafenzeitung.de/artikel",
            "quelle: http://le-courrier.fr",
            "www.diario-del-puerto.es",
            "wwW. hat kein punkt",
            "htt p://kein link · ww.w",
            "weiterlesen auf whatsapp",
            "el puerto reabre el martes.",
            "",
        ] {
            assert_eq!(
                may_hold_url(line.as_bytes()),
                line.contains("http") || line.contains("www."),
                "{line}"
            );
        }
    }

    #[test]
    fn a_credit_word_is_found_among_those_of_its_length_as_in_the_whole_table() {
        let whole = |w: &str| {
            let lower = (!w.is_ascii()).then(|| w.to_lowercase());
            CREDIT_WORDS.iter().find(|(c, _)| match &lower {
                Some(l) => l == c,
                None => w.eq_ignore_ascii_case(c),
            })
        };
        let caption = "Photo: Anna Berg/dpa · FOTO Bild Courtesy of the family · Crédit \
            CRÉDITOS créditos Foto von Jean Dupont via Getty Images · Photographer \
            ILLUSTRATION screengrab Handout pool de el bin al staff still video Ministerin \
            Fähre puerto martes photographies Bildrechte K\u{212a} \u{1e9e}";
        let mut found = 0;
        for w in caption.split([' ', ':', '/', '·']) {
            assert_eq!(credit_word(w), whole(w), "{w:?}");
            found += usize::from(whole(w).is_some());
        }
        assert!(found >= 25, "{found}");
    }

    #[test]
    fn the_section_read_from_the_headline_up_is_the_last_one_read_top_down() {
        let pages: [&[&str]; 6] = [
            &["Startseite > Politik > Europa", "Politik", "Home"],
            &["Accueil / Monde", "Donate Become a member", "News"],
            &["Inicio › Deportes", "Home > News", "Portada"],
            &["Home", "News"],
            &["World", "Home > World > Europe", "Spenden Mitglied werden"],
            &[],
        ];
        let (mut named, mut none) = (0, 0);
        for lines in pages {
            // Every label overwrites the one before it when it names a part.
            let top_down = lines
                .iter()
                .fold(None, |s, l| section_label(l).map_or(s, Some));
            let bottom_up = lines.iter().rev().find_map(|l| section_label(l));
            assert_eq!(bottom_up, top_down, "{lines:?}");
            named += usize::from(matches!(bottom_up, Some(Some(_))));
            none += usize::from(bottom_up.is_none());
        }
        assert!(named >= 2 && none >= 2, "{named} {none}");
    }

    #[test]
    fn a_dropped_lines_rule_is_written_by_its_name() {
        for rule in crate::ingest::rules::Rule::ALL {
            assert_eq!(rule.name().to_string(), rule.to_string());
        }
    }

    #[test]
    fn a_units_norm_is_kept_as_bounds_or_a_copy_and_reads_the_same() {
        let text = "Minister says talks are over.\n\n“Quoted,” she said.\n\n  Ende:  \n\n…";
        let units = blocks::units(text, false);
        let opts = ConvertOptions::default();
        let n = units.len();
        let doc = Doc::new(units, &opts, vec![false; n], false);
        assert!(matches!(doc.norms[0], Norm::Within(..)));
        assert!(matches!(doc.norms[1], Norm::Owned(_)));
        for i in 0..n {
            assert_eq!(doc.norm_of(i), norm(&doc.units[i].text), "{i}");
        }
    }

    #[test]
    fn the_caption_words_are_found_by_byte_pairs_as_by_substring_search() {
        for tail in [
            "Menschen am Hafen, Dienstag. Anna Berg/dpa",
            "Menschen am Hafen, Dienstag. Anna Berg/dp",
            "Des manifestants à Paris, mardi. Jean Dupont, AFP",
            "Des manifestants à Paris, mardi. (AF)",
            "Vecinos en la plaza. (AP Photo/Ana Ruiz)",
            "Vecinos en la plaza. Fotografía: Ana Ruiz",
            "Residents on the quay. REUTERS/Lee Park",
            "Residents on the quay, a pictured scene. Imagery by Lee",
            "Residents on the quay. Pho to: Lee Park · Pool",
            "Émeutes à Paris — Getty",
            "Kyiv, Yonhap, Xinhua, Sputnik, TASS, UPI, WANA, Abaca, Sipa, SIPA",
            "Residents on the quay on Tuesday morning.",
            "AP",
            "A",
            "",
        ] {
            for t in [tail, blocks::tail(tail, 12), blocks::tail(tail, 3)] {
                assert_eq!(
                    holds_caption_need(t),
                    CAPTION_NEEDS.iter().any(|n| t.contains(n)),
                    "{t}"
                );
            }
        }
    }

    #[test]
    fn the_caption_gate_passes_every_tail_the_regex_matches() {
        for tail in [
            "Menschen am Hafen, Dienstag. Anna Berg/dpa",
            "Des manifestants à Paris, mardi. Jean Dupont, AFP",
            "Vecinos en la plaza. (AP Photo/Ana Ruiz)",
            "Residents on the quay. REUTERS/Lee Park",
            "Residents on the quay. Jane Roe for Agence France-Presse",
            "Residents on the quay. (Images: family handout)",
            "Residents on the quay on Tuesday morning.",
        ] {
            if CAPTION_RE.is_match(tail) {
                assert!(holds_caption_need(tail), "{tail}");
            }
        }
        assert!(is_caption(
            "Menschen warten am Hafen, Dienstag. Anna Berg/dpa"
        ));
        assert!(!is_caption("Menschen warten am Hafen auf die Fähre."));
    }

    #[test]
    fn a_credit_glued_to_the_last_word_in_ascii_and_not() {
        // The byte pass reads ASCII by its byte and decodes the rest: a glue point after
        // or before an accented letter is found as before.
        assert!(glued_credit("la foule sur la placeFoto: Ana Ruiz"));
        assert!(glued_credit("les gens à la caféCrédit: Jean Dupont"));
        assert!(glued_credit("la gente en la plazaÉdition: Foto Ana Ruiz"));
        assert!(!glued_credit("la gente en la plaza. Foto: Ana Ruiz"));
        assert!(!glued_credit("the McDonald's on the corner"));
        assert!(!glued_credit(""));
    }

    fn convert_text(text: &str) -> Converted {
        convert(text.as_bytes(), "inbox/x.txt", &ConvertOptions::default()).expect("converts")
    }

    #[test]
    fn a_line_printed_twice_is_read_by_its_own_neighbours() {
        // Step 1 asks a line's rules once per distinct text; a name glued to its link is a
        // byline under the headline only, whichever copy comes first, and a share bar
        // printed twice is dropped twice.
        let pages = [
            ("Harbour town opens its new ferry terminal after two years of work", "Jane RoeView More Articles", "Jane Roe", "Share on Facebook", "The harbour town opened its new ferry terminal on Tuesday, two years after work began, and the first passengers boarded the morning ferry.", "The terminal has a larger waiting hall, a cafe and covered walkways to the ferry, and it can handle two ferries at once."),
            ("Hafenstadt eröffnet nach zwei Jahren Bauzeit ihr neues Fährterminal", "Anna SchmidtAlle Artikel ansehen", "Anna Schmidt", "Auf Facebook teilen", "Die Hafenstadt hat am Dienstag ihr neues Fährterminal eröffnet, zwei Jahre nach Baubeginn, und die ersten Fahrgäste stiegen in die Morgenfähre.", "Das Terminal hat eine größere Wartehalle, ein Café und überdachte Wege zur Fähre, und es kann zwei Fähren zugleich abfertigen."),
            ("La ville portuaire ouvre son nouveau terminal de ferry après deux ans de travaux", "Claire DuboisVoir tous ses articles", "Claire Dubois", "Partager sur Facebook", "La ville portuaire a ouvert mardi son nouveau terminal de ferry, deux ans après le début des travaux, et les premiers passagers ont pris le ferry du matin.", "Le terminal a une plus grande salle d'attente, un café et des passages couverts vers le ferry, et il peut accueillir deux ferries à la fois."),
            ("La ciudad portuaria abre su nueva terminal de ferri tras dos años de obras", "Lucía GómezVer más artículos", "Lucía Gómez", "Compartir en Facebook", "La ciudad portuaria abrió el martes su nueva terminal de ferri, dos años después del inicio de las obras, y los primeros pasajeros tomaron el ferri de la mañana.", "La terminal tiene una sala de espera más grande, una cafetería y pasillos cubiertos hasta el ferri, y puede atender dos ferris a la vez."),
        ];
        for (headline, glued, name, share, lead, second) in pages {
            for text in [
                format!("Menu\n\n{glued}\n\nSearch\n\n{headline}\n\n{glued}\n\n{share}\n\n{lead}\n\n{share}\n\n{second}\n"),
                format!("Menu\n\nSearch\n\n{headline}\n\n{glued}\n\n{share}\n\n{lead}\n\n{share}\n\n{second}\n\nMenu\n\n{glued}\n"),
            ] {
                let c = convert_text(&text);
                assert_eq!(c.front.title.as_deref(), Some(headline), "{text}");
                assert_eq!(c.front.authors, [name], "{text}");
                assert!(!c.body.contains(share), "{}", c.body);
                assert!(c.body.contains(lead) && c.body.contains(second), "{}", c.body);
            }
        }
    }

    #[test]
    fn datelines_leave_the_summary_but_stay_in_the_body() {
        let leads = [
            ("LAGOS (Wire News) - The central bank raised its main rate by half a point on Tuesday, its governor said.", "The central bank raised"),
            ("BRUSSELS, March 3 (AFP) — Farm ministers failed to agree on new fishing quotas after talks ran late into the night.", "Farm ministers failed"),
            ("SÃO PAULO, Brazil (AP) — Heavy rain flooded dozens of streets in the city's east on Monday, officials said.", "Heavy rain flooded"),
            ("PORTSMOUTH, England, 6 March 2025 /PRNewswire/ -- The harbour authority opened a new ferry terminal on Thursday, it said.", "The harbour authority"),
            ("GENEVA — Negotiators from both sides left the talks on Friday without a date for the next round, diplomats said.", "Negotiators from both"),
            ("GAZA CITY, Gaza Strip -- Aid lorries crossed into the territory on Sunday for the first time in a week, the agency said.", "Aid lorries crossed"),
        ];
        for (lead, summary_start) in leads {
            let text = format!("Ministers meet again over quotas\n\nMarch 3, 2025\n\n{lead}\n\nA second paragraph follows with more of the story, as reporters wrote it.\n");
            let c = convert_text(&text);
            let summary = c.front.summary.as_deref().unwrap_or("");
            assert!(summary.starts_with(summary_start), "{lead}\n→ {summary:?}");
            assert!(
                c.body.contains(&lead[..12]),
                "the body lost the dateline: {}",
                c.body
            );
        }
    }

    #[test]
    fn leads_that_are_not_datelines_are_kept_whole() {
        for lead in [
            "The UN (United Nations) - its agencies and funds - asked donors for more money on Monday, officials said.",
            "US-China talks resumed on Monday in a neutral capital after a pause of several months, both sides said.",
            "A — the letter on the ballot — marked the option most voters chose in the local referendum, officials said.",
            "Officials in GENEVA — where the talks were held — declined to comment on the outcome, reporters were told.",
        ] {
            assert_eq!(without_dateline(lead), lead);
        }
        // A dateline and nothing after it is not emptied.
        assert_eq!(without_dateline("CAIRO (Reuters) -"), "CAIRO (Reuters) -");
    }
}

#[cfg(test)]
mod line_scan_tests {
    use super::*;

    #[test]
    fn sentence_ends_are_the_regex_matches() {
        let re = Regex::new(r#"[.!?]["”’)]?\s+"#).expect("valid regex");
        for tail in [
            "",
            ".",
            ". ",
            "Crowds wait at the port. Photo: Ann Lee",
            "He left.\u{a0}Foto: Anna Berg/dpa",
            "Es regnet!  Bild: Max Roth",
            "« Nous restons. »\u{2003} Crédit : Claire Dubois",
            "¿Vendrán?\tFoto: Ana Ruiz",
            "It ended.\" Photo: Bo Chen",
            "It ended.” Photo: Bo Chen",
            "It ended.’x then. ",
            "(See above.) Credit: Cy Dart",
            "Wait...  what? ! .\" .)x",
            "A.\"B. C",
            "U.S. officials met. Getty",
            "Ende.”",
            "?” ",
        ] {
            let want: Vec<usize> = re.find_iter(tail).map(|m| m.end()).collect();
            let got: Vec<usize> = sentence_ends(tail).collect();
            assert_eq!(got, want, "{tail:?}");
        }
    }

    #[test]
    fn rule_lines() {
        for line in [
            "━━━━━━",
            "- - -",
            "* * *",
            "___",
            "═══",
            "~~~",
            "—–—",
            "· · ·",
            "•••",
        ] {
            assert!(is_rule_line(line), "{line}");
        }
        for line in ["--", "Ann Lee", "-- x --", "***Ende***", "", "   "] {
            assert!(!is_rule_line(line), "{line}");
        }
    }

    #[test]
    fn a_rule_line_read_in_one_pass_is_one_by_the_two_pass_test() {
        let two_passes = |text: &str| {
            text.chars().all(|c| {
                c.is_whitespace()
                    || matches!(
                        c,
                        '━' | '─' | '-' | '_' | '=' | '*' | '~' | '═' | '—' | '–' | '·' | '•'
                    )
            }) && text.chars().filter(|c| !c.is_whitespace()).count() >= 3
        };
        for line in [
            "━━━━━━",
            " ━ ━ ",
            "━━ ━━ Mehr zum Thema ━━",
            "— Suite de l’article —",
            "– – –\u{a0}–",
            "·\u{2009}·\u{2009}·",
            "•• Más información",
            "-- -",
            "=\t=\n=",
            "Der Hafen öffnet wieder.",
            "Le port rouvre mardi.",
            "El puerto reabre el martes.",
            "_",
            "",
        ] {
            assert_eq!(is_rule_line(line), two_passes(line), "{line:?}");
        }
    }
}

#[cfg(test)]
mod headline_tests {
    use super::*;

    fn unit(text: &str) -> Unit {
        blocks::units(text, false).remove(0)
    }

    /// The "http"/"www." gate before the regex lets every address through, in any case.
    #[test]
    fn url_lines_pass_the_gate() {
        for (line, url) in [
            (
                "https://news.example.org/a/b",
                Some("https://news.example.org/a/b"),
            ),
            (
                "Link: HTTP://Example.test/x.",
                Some("HTTP://Example.test/x"),
            ),
            ("WWW.Example.test", Some("https://WWW.Example.test")),
            ("Quelle: <www.beispiel.test/seite>", None),
            ("Read more", None),
        ] {
            assert_eq!(url_of(&unit(line)).as_deref(), url, "{line}");
        }
    }

    /// A caption goes on only on the very next line: a headline set apart from the caption
    /// under it by a blank line stays the headline.
    #[test]
    fn a_caption_goes_on_only_on_the_next_line() {
        let pages = [
            ("Ferries sail again after the storm", "Ships wait outside the breakwater. (Photo: Jane Roe / Port Authority)", "The ferries sailed again on Tuesday morning after the storm, the harbour authority said in a statement."),
            ("Die Fähren fahren nach dem Sturm wieder", "Schiffe warten vor der Mole. (Foto: Anna Schmidt / Hafenbehörde)", "Die Fähren fahren seit Dienstagmorgen nach dem Sturm wieder, teilte die Hafenbehörde in einer Erklärung mit."),
            ("Les ferries reprennent la mer après la tempête", "Des navires attendent devant la digue. (Photo : Claire Dubois / Port)", "Les ferries ont repris la mer mardi matin après la tempête, a indiqué l'autorité portuaire dans un communiqué."),
            ("Los ferris vuelven a zarpar tras la tormenta", "Barcos esperan frente al rompeolas. (Foto: Lucía Gómez / Puerto)", "Los ferris volvieron a zarpar el martes por la mañana tras la tormenta, según un comunicado de la autoridad portuaria."),
        ];
        for (headline, caption, lead) in pages {
            // A teaser above would be the headline if the caption took the headline with it.
            let teaser = "Council Votes To Rebuild The Old Lighthouse";
            let apart =
                format!("Home\n\n{teaser}\n\n{headline}\n\n{caption}\n\n{lead}\n\n{lead}\n");
            let c = convert(apart.as_bytes(), "inbox/x.txt", &ConvertOptions::default())
                .expect("converts");
            assert_eq!(c.front.title.as_deref(), Some(headline), "{apart}");
            let doc = blocks::units(&format!("{headline}\n{caption}\n\n{lead}\n"), false);
            assert_eq!(doc[1].line, doc[0].line + 1, "{headline}");
            assert!(is_caption(&doc[1].text), "{caption}");
        }
    }

    #[test]
    fn a_bracketed_tag_may_open_a_headline() {
        for text in [
            "[Video] Harbour reopens after three days of storms",
            "[Kommentar] Der Hafen öffnet nach dem Sturm wieder",
            "[Vidéo] Le port rouvre après trois jours de tempête",
            "[Opinión] El puerto reabre tras la tormenta",
        ] {
            assert!(headline_like(&unit(text)), "{text}");
        }
        // A tag alone, or one that opens a sentence in lower case, is no headline.
        for text in ["[Video]", "[1] and then the harbour reopened"] {
            assert!(!headline_like(&unit(text)), "{text}");
        }
    }

    #[test]
    fn a_credit_glued_to_the_caption_makes_it_a_caption() {
        for text in [
            "The harbour master inspects the northern quay after the stormCredit: Jane Roe",
            "Der Hafenmeister prüft den nördlichen Kai nach dem SturmFoto: Anna Schmidt",
            "Le capitaine du port inspecte le quai nord après la tempêteCrédit : Claire Dubois",
            "El capitán del puerto revisa el muelle norte tras la tormentaFoto: Lucía Gómez",
            "Workers clear the quay after the storm hit the coastCredit: Getty - Contributor",
        ] {
            assert!(is_caption(text), "{text}");
        }
        // A name in camel case inside a headline is no credit.
        for text in [
            "McLaren unveils its new road car at the Geneva show",
            "Harbour reopens after three days of stormsAnd more to come",
        ] {
            assert!(!is_caption(text), "{text}");
        }
    }
}

#[cfg(test)]
mod body_tests {
    //! The article's header and end, on pages written for these tests in four languages.
    use super::*;

    fn convert_text(text: &str) -> Converted {
        convert(text.as_bytes(), "inbox/x.txt", &ConvertOptions::default()).expect("converts")
    }

    /// A page: a menu, the headline, `header` lines, three paragraphs, then `tail` lines.
    /// The test story ("Harbour reopens after the storm", by Jane Roe) with `paragraphs`
    /// and `tail` after it, converted.
    fn harbour_story(paragraphs: &[&str; 3], tail: &[&str]) -> Converted {
        convert_text(&page(
            "Harbour reopens after the storm",
            &["By Jane Roe"],
            paragraphs,
            tail,
        ))
    }

    fn page(headline: &str, header: &[&str], paragraphs: &[&str; 3], tail: &[&str]) -> String {
        let mut out = String::from("Home\n\nNews\n\nSport\n\n");
        for line in std::iter::once(&headline)
            .chain(header)
            .chain(paragraphs)
            .chain(tail)
        {
            out.push_str(line);
            out.push_str("\n\n");
        }
        out
    }

    const EN: [&str; 3] = [
        "The harbour of the small town reopened on Tuesday after a storm had closed it for three days, the port authority said in a statement to the press.",
        "Boats that had waited outside the breakwater came in one by one during the morning, and the first ferry left at noon with a full deck of passengers.",
        "Crews worked through the night to clear the wreckage of two fishing boats from the channel, and divers checked the quay walls for damage before dawn.",
    ];
    const DE: [&str; 3] = [
        "Der Hafen der kleinen Stadt ist am Dienstag wieder geöffnet worden, nachdem ein Sturm ihn drei Tage lang geschlossen hatte, teilte die Hafenbehörde mit.",
        "Die Boote, die vor der Mole gewartet hatten, liefen im Laufe des Vormittags nacheinander ein, und die erste Fähre legte mittags mit vielen Pendlern an Bord voll besetzt ab.",
        "Arbeiter hatten die ganze Nacht die Trümmer zweier Fischerboote aus der Fahrrinne geräumt, und Taucher prüften noch vor dem Morgengrauen die Kaimauern auf Schäden, bevor die ersten Schiffe kamen.",
    ];
    const FR: [&str; 3] = [
        "Le port de la petite ville a rouvert mardi après qu'une tempête l'avait fermé pendant trois jours, a indiqué l'autorité portuaire dans un communiqué.",
        "Les bateaux qui attendaient derrière la digue sont entrés les uns après les autres dans la matinée, et le premier ferry est parti à midi avec un pont plein.",
        "Des équipes ont travaillé toute la nuit pour dégager les épaves de deux bateaux de pêche du chenal, et des plongeurs ont vérifié les quais avant l'aube.",
    ];
    const ES: [&str; 3] = [
        "El puerto de la pequeña ciudad reabrió el martes después de que una tormenta lo hubiera cerrado durante tres días, según informó la autoridad portuaria.",
        "Los barcos que esperaban fuera del rompeolas entraron uno tras otro durante la mañana, y el primer ferri salió a mediodía con la cubierta llena de pasajeros.",
        "Los equipos trabajaron toda la noche para retirar los restos de dos barcos pesqueros del canal, y los buzos revisaron los muelles en busca de daños antes del amanecer y de la llegada de los barcos.",
    ];

    #[test]
    fn a_standfirst_over_the_byline_is_the_summary_not_the_body() {
        let cases: [(&str, &str, &str, &str, &[&str; 3]); 4] = [
            ("Harbour reopens after the storm", "Ferries run again after three days in which nothing could leave the town.", "By Jane Roe", "March 3, 2025", &EN),
            ("Hafen nach dem Sturm wieder offen", "Nach drei Tagen, in denen nichts die Stadt verlassen konnte, fahren die Fähren wieder.", "Von Anna Schmidt", "3. März 2025", &DE),
            ("Le port rouvre après la tempête", "Les ferries circulent de nouveau après trois jours pendant lesquels rien ne pouvait quitter la ville.", "Par Claire Martin", "3 mars 2025", &FR),
            ("El puerto reabre tras la tormenta", "Los ferris vuelven a navegar tras tres días en los que nada pudo salir de la ciudad.", "Por Ana Ruiz", "3 de marzo de 2025", &ES),
        ];
        for (headline, standfirst, byline, date, paragraphs) in cases {
            let c = convert_text(&page(
                headline,
                &[standfirst, byline, date],
                paragraphs,
                &[],
            ));
            assert_eq!(c.front.summary.as_deref(), Some(standfirst), "{headline}");
            assert!(!c.body.contains(standfirst), "{headline}: {}", c.body);
            assert!(
                c.body.contains(&paragraphs[0][..40]),
                "{headline}: {}",
                c.body
            );
            assert!(c.dropped.iter().any(|d| d.rule == "standfirst"));
        }
        // Without a byline or date under it, the first paragraph is the article's own.
        let c = convert_text(&page(
            "Harbour reopens after the storm",
            &["Ferries run again after three days in which nothing could leave the town."],
            &EN,
            &[],
        ));
        assert!(c.body.contains("Ferries run again"), "{}", c.body);
    }

    #[test]
    fn bare_labels_between_the_headline_and_the_lead_leave_the_body() {
        for (label, byline, paragraphs) in [
            ("Shares", "By Jane Roe", &EN),
            ("Teilen", "Von Anna Schmidt", &DE),
            ("Partager", "Par Claire Martin", &FR),
            ("Compartir", "Por Ana Ruiz", &ES),
        ] {
            let c = convert_text(&page(
                "Harbour reopens after the storm",
                &[byline, label, "Author:"],
                paragraphs,
                &[],
            ));
            assert!(!c.body.contains(label), "{label}: {}", c.body);
            assert!(c.dropped.iter().any(|d| d.rule == "header-label"));
            assert!(!c.body.contains("Author:"), "{}", c.body);
            assert!(c.body.contains(&paragraphs[2][..40]), "{}", c.body);
        }
    }

    #[test]
    fn a_comment_thread_without_a_header_is_found_by_its_stamps() {
        for (stamps, paragraphs) in [
            (
                ["August 8, 2018 at 3:17 pm", "August 8, 2018 at 7:07 pm"],
                &EN,
            ),
            (
                [
                    "Mittwoch, 8. August 2018, 15:17 Uhr",
                    "Mittwoch, 8. August 2018, 19:07 Uhr",
                ],
                &DE,
            ),
            (["8 août 2018 à 15:17", "8 août 2018 à 19:07"], &FR),
            (
                [
                    "8 de agosto de 2018 a las 15:17",
                    "8 de agosto de 2018 a las 19:07",
                ],
                &ES,
            ),
        ] {
            let c = convert_text(&page(
                "Harbour reopens after the storm",
                &["By Jane Roe"],
                paragraphs,
                &[
                    "1. Tom Baker",
                    stamps[0],
                    "Good news for the whole town, and about time too after a week like this one, in which the ferries stood still and the shops ran out of bread.",
                    "2. Ann Lee",
                    stamps[1],
                    "I watched the first ferry leave from the quay and it was completely full of people, most of them workers who had missed three days of pay.",
                ],
            ));
            assert!(c.body.contains(&paragraphs[2][..40]), "{}", c.body);
            assert!(
                c.dropped.iter().any(|d| d.rule == "comment-thread"),
                "{stamps:?}"
            );
            for gone in ["Tom Baker", "Good news", "Ann Lee", "first ferry leave"] {
                assert!(!c.body.contains(gone), "{gone}: {}", c.body);
            }
        }
    }

    #[test]
    fn the_writers_address_and_follow_lines_end_the_article() {
        for (contact, paragraphs) in [
            ("Email the writer at jane.roe@example.com or follow her @janeroe.", &EN),
            ("Schreiben Sie der Autorin an anna.schmidt@example.de oder folgen Sie ihr @annaschmidt.", &DE),
            ("Écrivez à l'autrice à claire.martin@example.fr ou suivez-la @clairemartin.", &FR),
            ("Escriba a la autora a ana.ruiz@example.es o sígala en @anaruiz.", &ES),
        ] {
            let c = convert_text(&page(
                "Harbour reopens after the storm",
                &["By Jane Roe"],
                paragraphs,
                &[contact, "Join our forums to keep talking about the news of the coast!"],
            ));
            assert!(c.body.contains(&paragraphs[2][..40]), "{}", c.body);
            assert!(!c.body.contains("example"), "{}", c.body);
            assert!(!c.body.contains("forums"), "{}", c.body);
            assert!(c.dropped.iter().any(|d| d.rule == "contact-line"));
        }
        // An account named in brackets (a post's signature, a source) ends nothing.
        let c = convert_text(&page(
            "Harbour reopens after the storm",
            &["By Jane Roe"],
            &EN,
            &["The port authority posted the news on its account (@harbouroffice) on Tuesday morning, and the post was shared hundreds of times."],
        ));
        assert!(c.body.contains("(@harbouroffice)"), "{}", c.body);
    }

    #[test]
    fn a_trailer_under_a_rule_line_leaves_the_body() {
        for (about, paragraphs) in [
            ("About Example Ferries: Example Ferries is a leading operator of coastal ferry services with twelve ships and a staff of four hundred people.", &EN),
            ("Über Beispiel Fähren: Beispiel Fähren ist ein führender Betreiber von Fährlinien an der Küste mit zwölf Schiffen und vierhundert Beschäftigten.", &DE),
            ("À propos d'Exemple Ferries : Exemple Ferries est un exploitant de premier plan de lignes côtières avec douze navires et quatre cents employés.", &FR),
            ("Acerca de Ejemplo Ferris: Ejemplo Ferris es un operador líder de líneas costeras de ferri con doce barcos y una plantilla de cuatrocientas personas.", &ES),
        ] {
            let c = convert_text(&page(
                "Harbour reopens after the storm",
                &["By Jane Roe"],
                paragraphs,
                &["━━━━━━━━━━━━━━━━━━━━", about],
            ));
            assert!(c.body.contains(&paragraphs[2][..40]), "{}", c.body);
            assert!(!c.body.contains(&about[..20]), "{}", c.body);
            assert!(c.dropped.iter().any(|d| d.rule == "trailer-after-rule"));
        }
        // A subheading under the rule opens one more section of the story.
        let c = convert_text(&page(
            "Harbour reopens after the storm",
            &["By Jane Roe"],
            &EN,
            &[
                "━━━━━━━━━━━━━━━━━━━━",
                "What comes next",
                "The port authority will decide next week whether the old quay can stay open through the winter or must be rebuilt before the spring.",
            ],
        ));
        assert!(
            c.body.contains("The port authority will decide"),
            "{}",
            c.body
        );
    }

    #[test]
    fn a_list_announced_by_the_last_line_stays_with_the_article() {
        for (intro, items, paragraphs) in [
            (
                "The winter timetable:",
                [
                    "Dec. 1 -- 07:30, North Quay",
                    "Dec. 8 -- 09:15, South Quay",
                    "Dec. 15 -- 11:00, Old Pier",
                ],
                &EN,
            ),
            (
                "Der neue Winterfahrplan:",
                [
                    "Montag, 1. Dez. -- 07:30, Nordkai",
                    "Montag, 8. Dez. -- 09:15, Südkai",
                    "Montag, 15. Dez. -- 11:00, Alter Pier",
                ],
                &DE,
            ),
            (
                "Les nouveaux horaires d'hiver :",
                [
                    "1er déc. -- 07h30, quai Nord",
                    "8 déc. -- 09h15, quai Sud",
                    "15 déc. -- 11h00, vieux môle",
                ],
                &FR,
            ),
            (
                "El nuevo horario de invierno:",
                [
                    "1 dic. -- 07:30, muelle norte",
                    "8 dic. -- 09:15, muelle sur",
                    "15 dic. -- 11:00, muelle viejo",
                ],
                &ES,
            ),
        ] {
            let mut tail = vec![intro];
            tail.extend(items);
            let c = harbour_story(paragraphs, &tail);
            for item in items {
                assert!(c.body.contains(item), "{item}: {}", c.body);
            }
        }
    }

    /// A newsletter box's heading after the story closes it: the pitch, the consent line and
    /// the thanks under it are the box, in any of the four languages.
    #[test]
    fn a_box_of_links_between_paragraphs_is_no_end_when_the_story_runs_on() {
        // A box's heading, its teaser titles, the story after it, the story before it.
        type BoxCase = (
            &'static str,
            [&'static str; 2],
            [&'static str; 3],
            &'static [&'static str; 3],
        );
        let cases: [BoxCase; 4] = [
            (
                "Most read",
                [
                    "Lighthouse keeper retires after forty years",
                    "Fish prices climb at the Saturday market",
                ],
                [
                    "The harbour master said the ferry timetable would be back to normal by Friday.",
                    "Fishermen who lost nets in the storm can ask the town for help with repairs.",
                    "The council will meet next week to discuss a higher sea wall for the old quay.",
                ],
                &EN,
            ),
            (
                "Meistgelesen",
                [
                    "Leuchtturmwärter geht nach vierzig Jahren in Rente",
                    "Fischpreise steigen auf dem Samstagsmarkt",
                ],
                [
                    "Der Hafenmeister sagte, der Fahrplan der Fähren werde bis Freitag wieder normal sein.",
                    "Fischer, die im Sturm ihre Netze verloren haben, können bei der Stadt Hilfe beantragen.",
                    "Der Gemeinderat will nächste Woche über eine höhere Mauer am alten Kai beraten.",
                ],
                &DE,
            ),
            (
                "Les plus lus",
                [
                    "Le gardien du phare prend sa retraite",
                    "Le prix du poisson grimpe au marché",
                ],
                [
                    "Le capitaine du port a dit que les horaires des ferries seraient normaux dès vendredi.",
                    "Les pêcheurs qui ont perdu leurs filets pendant la tempête peuvent demander une aide à la ville.",
                    "Le conseil municipal se réunira la semaine prochaine pour parler d'une digue plus haute.",
                ],
                &FR,
            ),
            (
                "Lo más leído",
                [
                    "El farero se jubila tras cuarenta años",
                    "Sube el precio del pescado en el mercado",
                ],
                [
                    "El capitán del puerto dijo que los horarios de los ferris volverán a la normalidad el viernes.",
                    "Los pescadores que perdieron sus redes en la tormenta pueden pedir ayuda al ayuntamiento.",
                    "El concejo se reunirá la semana próxima para hablar de un muro más alto en el muelle viejo.",
                ],
                &ES,
            ),
        ];
        for (heading, teasers, after, paragraphs) in cases {
            let mut tail = vec![heading];
            tail.extend(teasers);
            tail.extend(after);
            let c = harbour_story(paragraphs, &tail);
            for line in after {
                assert!(c.body.contains(line), "{line}: {}", c.body);
            }
            for line in teasers {
                assert!(!c.body.contains(line), "{line}: {}", c.body);
            }
            assert!(
                c.dropped
                    .iter()
                    .any(|d| d.rule == "inline-box" && d.text == heading),
                "{heading}: {:?}",
                c.dropped
            );
        }
        // A teaser list whose summaries stand one between two titles ends the story.
        let tail = [
            "Most read",
            "Lighthouse keeper retires after forty years on the northern cape",
            "The keeper climbed the tower every night since the winter of the great flood.",
            "Fish prices climb at the Saturday market as the boats stay in port",
            "Traders say a kilo of cod now costs twice what it did in the spring.",
        ];
        let c = harbour_story(&EN, &tail);
        assert!(c.body.contains(EN[2]), "{}", c.body);
        for line in &tail[1..] {
            assert!(!c.body.contains(line), "{line}: {}", c.body);
        }
    }

    #[test]
    fn rows_of_data_under_a_heading_stay_with_the_article() {
        let cases: [(&str, &str, &[&str; 3]); 4] = [
            (
                "Ferry sailings this summer",
                "Tuesday, June 9 – North Quay, Harbour Hall\nFriday, June 12 – Island Dock, Old Pier\nMonday, June 15 – South Quay, Ferry Terminal\nThursday, June 18 – North Quay, Harbour Hall",
                &EN,
            ),
            (
                "Fähren in diesem Sommer",
                "Di, 9. Juni – Nordkai, Hafenhalle\nFr, 12. Juni – Inselanleger, Alter Pier\nMo, 15. Juni – Südkai, Fährterminal\nDo, 18. Juni – Nordkai, Hafenhalle",
                &DE,
            ),
            (
                "Les ferries cet été",
                "Mardi 9 juin – Quai Nord, salle du port\nVendredi 12 juin – Embarcadère, vieux môle\nLundi 15 juin – Quai Sud, gare maritime\nJeudi 18 juin – Quai Nord, salle du port",
                &FR,
            ),
            (
                "Los ferris este verano",
                "Martes 9 de junio – Muelle norte, sala del puerto\nViernes 12 de junio – Embarcadero, muelle viejo\nLunes 15 de junio – Muelle sur, terminal\nJueves 18 de junio – Muelle norte, sala del puerto",
                &ES,
            ),
        ];
        for (heading, rows, paragraphs) in cases {
            let c = harbour_story(paragraphs, &[heading, rows]);
            for row in rows.lines() {
                assert!(c.body.contains(row), "{row}: {}", c.body);
            }
        }
        // Teaser titles set one under the other carry no numbers: they leave.
        let teasers = "Lighthouse keeper retires after forty years\nFish prices climb at the Saturday market\nFerry strike called off after late talks";
        let c = harbour_story(&EN, &["Editors' choice", teasers]);
        assert!(!c.body.contains("Lighthouse keeper"), "{}", c.body);
    }

    #[test]
    fn additional_reporting_yields_to_the_byline() {
        let mut tail: Vec<&str> = vec!["Additional reporting by John Doe"];
        tail.push("Most read");
        let c = convert_text(&page(
            "Harbour reopens after the storm",
            &["By", "Jane Roe", "Jane Roe", "Reporter"],
            &EN,
            &tail,
        ));
        assert_eq!(c.front.authors, vec!["Jane Roe".to_string()]);
    }

    #[test]
    fn a_newsletter_box_after_the_story_ends_it() {
        let cases: [(&[&str], &[&str; 3]); 4] = [
            (
                &[
                    "Harbour Morning Newsletter",
                    "The day's shipping news and the tide tables, every weekday before breakfast, written by our port reporters.",
                    "I agree that the publisher may send me the newsletter and understand that I can withdraw at any time.",
                    "Thanks for signing up!",
                ],
                &EN,
            ),
            (
                &[
                    "Unser Newsletter",
                    "Die wichtigsten Nachrichten aus dem Hafen und der Region jeden Morgen direkt in Ihr Postfach, kostenlos und jederzeit kündbar.",
                    "Ich bin einverstanden, dass mir der Verlag den Newsletter schickt, und weiß, dass ich jederzeit widersprechen kann.",
                ],
                &DE,
            ),
            (
                &[
                    "Notre infolettre",
                    "Les nouvelles du port et de la région chaque matin dans votre boîte de réception, gratuitement et sans engagement aucun.",
                    "J'accepte que l'éditeur m'envoie sa lettre et je sais que je peux me désinscrire à tout moment sans frais.",
                ],
                &FR,
            ),
            (
                &[
                    "Nuestro boletín diario",
                    "Las noticias del puerto y de la región cada mañana en su correo, gratis y sin compromiso, escritas por nuestros periodistas.",
                    "Acepto que el editor me envíe el boletín y sé que puedo darme de baja en cualquier momento sin ningún coste.",
                ],
                &ES,
            ),
        ];
        for (tail, paragraphs) in cases {
            let c = harbour_story(paragraphs, tail);
            for line in tail {
                assert!(!c.body.contains(line), "{line}: {}", c.body);
            }
            assert!(c.body.contains(paragraphs[2]), "{}", c.body);
            assert!(c.dropped.iter().any(|d| d.rule == "newsletter-box"));
            // The box names its newsletter, not the outlet.
            assert_eq!(c.front.source, None, "{:?}", c.front.source);
        }
        // A sentence that mentions a newsletter is prose, not the box's heading.
        let tail = [
            "The newsletter was read in every house.",
            "Ferries ran again.",
        ];
        let c = harbour_story(&EN, &tail);
        assert!(c.body.contains(tail[0]), "{}", c.body);
    }

    /// A short heading after the story over a list of data whose items repeat a field's word
    /// stays with the story; a teaser box's titles share no word and stay out.
    #[test]
    fn a_list_of_data_under_a_heading_stays_with_the_article() {
        let cases: [(&str, [&str; 4], &[&str; 3]); 4] = [
            (
                "Ferries back in service",
                [
                    "- North Quay (Line 1): daily departures",
                    "- South Quay (Line 2): hourly departures",
                    "- Old Pier (Line 3): weekend departures",
                    "- Island Dock (Line 4): daily departures",
                ],
                &EN,
            ),
            (
                "Wieder fahrende Fähren",
                [
                    "- Nordkai (Linie 1): tägliche Abfahrten",
                    "- Südkai (Linie 2): stündliche Abfahrten",
                    "- Alter Pier (Linie 3): Abfahrten am Wochenende",
                    "- Inselanleger (Linie 4): tägliche Abfahrten",
                ],
                &DE,
            ),
            (
                "Ferries de nouveau en service",
                [
                    "- Quai Nord (ligne 1) : départs quotidiens",
                    "- Quai Sud (ligne 2) : départs horaires",
                    "- Vieux môle (ligne 3) : départs le weekend",
                    "- Embarcadère (ligne 4) : départs quotidiens",
                ],
                &FR,
            ),
            (
                "Ferris de nuevo en servicio",
                [
                    "- Muelle norte (línea 1): salidas diarias",
                    "- Muelle sur (línea 2): salidas cada hora",
                    "- Muelle viejo (línea 3): salidas del fin de semana",
                    "- Embarcadero (línea 4): salidas diarias",
                ],
                &ES,
            ),
        ];
        for (heading, items, paragraphs) in cases {
            let mut tail = vec![heading];
            tail.extend(items);
            let c = harbour_story(paragraphs, &tail);
            for item in items {
                let item = item.trim_start_matches("- ");
                assert!(c.body.contains(item), "{item}: {}", c.body);
            }
        }
        let teasers = [
            "Editors' choice",
            "- Council votes to rebuild the old lighthouse before the summer season",
            "- Fishing fleet sets out early as prices at the market keep rising",
            "- Ferry strike called off after a late night of talks with the unions",
        ];
        let c = harbour_story(&EN, &teasers);
        assert!(!c.body.contains("lighthouse"), "{}", c.body);
    }

    /// The list under a "Most Popular" box between the byline and the lead is that box's
    /// teasers, not the story's first lines.
    #[test]
    fn the_items_of_a_link_box_above_the_lead_leave_the_body() {
        for (box_head, items, paragraphs) in [
            (
                "Most Popular",
                [
                    "1. Council votes to rebuild the old lighthouse",
                    "2. Fishing fleet sets out early this year",
                ],
                &EN,
            ),
            (
                "Meistgelesen",
                [
                    "1. Stadtrat beschließt den Neubau des alten Leuchtturms",
                    "2. Fischer fahren in diesem Jahr früher hinaus",
                ],
                &DE,
            ),
            (
                "Les plus lus",
                [
                    "1. Le conseil vote la reconstruction du vieux phare",
                    "2. Les pêcheurs partent plus tôt cette année",
                ],
                &FR,
            ),
            (
                "Lo más leído",
                [
                    "1. El concejo aprueba reconstruir el viejo faro",
                    "2. Los pescadores salen antes este año",
                ],
                &ES,
            ),
        ] {
            let mut header = vec!["By Jane Roe", box_head];
            header.extend(items);
            let c = convert_text(&page(
                "Harbour reopens after the storm",
                &header,
                paragraphs,
                &[],
            ));
            for item in items {
                assert!(!c.body.contains(&item[3..]), "{item}: {}", c.body);
            }
            assert!(c.body.contains(paragraphs[0]), "{}", c.body);
        }
    }
}
