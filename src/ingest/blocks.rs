//! Text → units: one unit per paragraph-like line, with hard-wrapped lines joined back and
//! list/heading/quote markers recognised.

use std::sync::LazyLock;

use regex::Regex;

use crate::analyze::fasthash::FastMap;

/// The structure a line was marked with in the raw text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Plain,
    /// `#` heading (Markdown input only).
    Heading(u8),
    /// `•`, `-`, `*`... list item.
    Bullet,
    /// `1.` list item, with its number.
    Numbered(u32),
    /// `>` quote (Markdown input only).
    Quote,
    /// A fenced code block, kept verbatim (Markdown input only).
    Code,
}

/// One paragraph-like piece of the raw text.
#[derive(Debug, Clone)]
pub struct Unit {
    /// Trimmed text, white space collapsed, list/heading markers removed, Markdown inline
    /// syntax removed: what rules look at.
    pub text: String,
    /// `text` in lower case, for vocabulary tests.
    pub lower: String,
    /// For Markdown input: the line's own Markdown (markers removed), emitted as written.
    pub md: Option<String>,
    /// 1-based line of the raw text the unit starts on.
    pub line: usize,
    pub mark: Mark,
    pub words: usize,
    /// For numbered items: the character after the number (`.` or `)`).
    pub marker_tail: char,
    /// Running prose (`locate::running_prose`), worked out once when the units are final:
    /// every part of the conversion asks it, some more than once per unit.
    pub prose: bool,
    /// Per language of the function-word list, how many of the unit's words are its
    /// function words (counted for sentence-shaped units only, by the same pass over the
    /// words that finds `prose`; `locate::detect_lang` adds them up).
    pub lang_hits: super::locate::LangHits,
    /// `lower` holds no ASCII white space but single spaces between words (no tab or line
    /// break, no space at either end, no two in a row): known from how the unit was made,
    /// so that `convert`'s line key need not search for them again.
    pub plain: bool,
}

impl Unit {
    fn new(text: String, md: Option<String>, line: usize, mark: Mark) -> Unit {
        let lower = lower_case(&text);
        let words = word_count(&text);
        let plain = single_spaced(&lower);
        Unit::with_lower(text, lower, plain, words, md, line, mark)
    }

    /// A unit whose lower case and word count were made with its text (`collapse_lower`).
    fn with_lower(
        text: String,
        lower: String,
        plain: bool,
        words: usize,
        md: Option<String>,
        line: usize,
        mark: Mark,
    ) -> Unit {
        Unit {
            text,
            lower,
            md,
            line,
            mark,
            words,
            marker_tail: '.',
            prose: false,
            lang_hits: [0; super::locate::MAX_LANGS],
            plain,
        }
    }
}

static MD_LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"!?\[([^\]]*)\]\([^)\s]*(?:\s+[^)]*)?\)").expect("valid regex"));
static MD_EMPHASIS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\*\*|__)(\S(?:.*?\S)?)(?:\*\*|__)|(?:^|\s)[*_]([^\s*_](?:.*?[^\s*_])?)[*_]")
        .expect("valid regex")
});

/// `hay.contains(needle)` for the short lines most tests read. The library's search builds
/// a two-way searcher per call when the line is shorter than its vector block (16 bytes
/// past the needle), and a non-ASCII `char` needle ("©", "’") takes that path on every
/// line. Here a short line is scanned for the needle's first byte (memchr) and compared
/// there; a long line keeps the library's vector search. The same answer: a match of a
/// UTF-8 needle in UTF-8 text always starts on a character boundary.
pub fn has(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some(&first) = n.first() else {
        return true;
    };
    if h.len() >= n.len() + 16 {
        return hay.contains(needle);
    }
    memchr::memchr_iter(first, h).any(|i| h[i..].starts_with(n))
}

/// `s.to_lowercase()`, computed faster for what lines hold: runs of ASCII lowered in bulk, and
/// a non-ASCII character's lower case looked up once per run of the same character (rules
/// of box-drawing dashes run to thousands of characters). Every unit's text goes through it.
pub fn lower_case(s: &str) -> String {
    // Most lines hold no character beyond ASCII that has a case: those are copied and their
    // ASCII lowered in one bulk pass.
    if caseless_beyond_ascii(s.as_bytes()) {
        let mut out = s.to_owned();
        out.make_ascii_lowercase();
        return out;
    }
    // A capital sigma lowers by its context (a word's last letter takes ς): the library's
    // rule, kept by leaving such text to it.
    if s.contains('Σ') {
        return s.to_lowercase();
    }
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut last: Option<(char, std::char::ToLowercase)> = None;
    let mut i = 0;
    while i < b.len() {
        let run = b[i..]
            .iter()
            .position(|&c| c >= 0x80)
            .map_or(b.len(), |p| i + p);
        if run > i {
            let start = out.len();
            out.push_str(&s[i..run]);
            out[start..].make_ascii_lowercase();
            i = run;
            continue;
        }
        // `i` is on a character boundary: it moves by whole ASCII runs and characters.
        let Some(ch) = s.get(i..).and_then(|r| r.chars().next()) else {
            break;
        };
        if let Some(l) = lower_latin1_or_mark(ch) {
            out.push(l);
            i += ch.len_utf8();
            continue;
        }
        match &last {
            Some((c, lowered)) if *c == ch => out.extend(lowered.clone()),
            _ => {
                let lowered = ch.to_lowercase();
                out.extend(lowered.clone());
                last = Some((ch, lowered));
            }
        }
        i += ch.len_utf8();
    }
    out
}

/// Whether every character of the UTF-8 text `b` beyond ASCII is one `lower_latin1_or_mark`
/// leaves as it is: U+0080-U+00BF, ß, ×, the small letters of Latin-1, and U+2000-U+20FF
/// and U+2500-U+25FF (punctuation, currency, box drawing). ASCII is skipped eight bytes at
/// a time. A test checks every character against the library.
fn caseless_beyond_ascii(b: &[u8]) -> bool {
    let mut i = 0;
    while i < b.len() {
        if let Some(w) = b.get(i..i + 8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(w);
            if u64::from_ne_bytes(word) & 0x8080_8080_8080_8080 == 0 {
                i += 8;
                continue;
            }
        }
        let c = b[i];
        if c < 0x80 {
            i += 1;
            continue;
        }
        let next = b.get(i + 1).copied().unwrap_or(0);
        // `c` is a lead byte (`i` moves by whole characters): C2 and C3 open two-byte
        // characters, E2 three-byte ones.
        let kept = match c {
            0xC2 => true,
            0xC3 => next == 0x97 || next >= 0x9F,
            0xE2 => matches!(next, 0x80..=0x83 | 0x94..=0x97),
            _ => false,
        };
        if !kept {
            return false;
        }
        if c == 0xE2 {
            // Past copies of this character (rules of box-drawing dashes): the same three
            // bytes are kept again.
            let ch = [c, next, b.get(i + 2).copied().unwrap_or(0)];
            i += 3;
            while b.get(i..).and_then(|r| r.first_chunk::<3>()) == Some(&ch) {
                i += 3;
            }
        } else {
            i += 2;
        }
    }
    true
}

/// The lower case of the non-ASCII characters news text is mostly made of, without the
/// library's table search: Latin-1 (accented capitals are 0x20 below their small letters,
/// except ×), and punctuation, dashes, currency and box-drawing signs, which have no case.
/// None for any other character. A test checks every character it answers for.
fn lower_latin1_or_mark(ch: char) -> Option<char> {
    match ch as u32 {
        0xC0..=0xD6 | 0xD8..=0xDE => char::from_u32(ch as u32 + 0x20),
        0x80..=0xBF | 0xD7 | 0xDF..=0xFF | 0x2000..=0x20FF | 0x2500..=0x25FF => Some(ch),
        _ => None,
    }
}

/// `collapse(s)`, its `lower_case` and its word count. A line is mostly single-spaced
/// already: that is checked with whole-slice scans (no loop that classes every byte), and
/// the line is copied once and lowered.
pub fn collapse_lower(s: &str) -> (String, String, usize) {
    let b = s.as_bytes();
    let shape = Shape::of(b);
    if shape.plain_spacing(s) {
        let words = if b.is_empty() { 0 } else { shape.spaces + 1 };
        // An ASCII line (about two in five) lowers without the search for cased characters.
        let lower = if shape.beyond_ascii {
            lower_case(s)
        } else {
            s.to_ascii_lowercase()
        };
        return (s.to_owned(), lower, words);
    }
    let text = collapse(s);
    let lower = lower_case(&text);
    let words = word_count(&text);
    (text, lower, words)
}

/// What `collapse_lower` needs to know of a line's bytes, found in one pass that runs in
/// vector steps (no early exit): any ASCII control, any byte beyond ASCII, the spaces and
/// whether two come in a row.
struct Shape {
    control: bool,
    beyond_ascii: bool,
    double_space: bool,
    spaces: usize,
}

impl Shape {
    /// The shape of `b`, read eight bytes at a time as one number (three masks and an add a
    /// word, not three tests a byte); the last bytes as `of_bytes` reads them.
    fn of(b: &[u8]) -> Shape {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGH: u64 = ONES * 0x80;
        const LOW: u64 = ONES * 0x7F;
        let (mut control, mut high, mut spaces) = (0u64, 0u64, 0usize);
        // Per byte lane, how many spaces (at most 255 words between two folds).
        let mut lanes = 0u64;
        let mut chunks = b.chunks_exact(8);
        for (k, c) in (&mut chunks).enumerate() {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            let x = u64::from_le_bytes(w);
            high |= x;
            // Each byte's low seven bits plus 0x60 carry into its high bit exactly when they
            // are 0x20 or more (no carry leaves the byte): a control is a byte where neither
            // that sum nor the byte itself has the high bit.
            control |= !(((x & LOW) + ONES * 0x60) | x) & HIGH;
            // A space is a zero byte of `x ^ 0x20..`: the same trick, exact per byte.
            let t = x ^ (ONES * 0x20);
            lanes += (!(((t & LOW) + LOW) | t) & HIGH) >> 7;
            if k % 255 == 254 {
                spaces += fold_lanes(lanes);
                lanes = 0;
            }
        }
        spaces += fold_lanes(lanes);
        let rest = Shape::of_bytes(chunks.remainder());
        let control = control != 0 || rest.control;
        let beyond_ascii = high & HIGH != 0 || rest.beyond_ascii;
        let spaces = spaces + rest.spaces;
        Shape {
            control,
            beyond_ascii,
            double_space: spaces > 1 && double_space(b),
            spaces,
        }
    }

    /// `Shape::of` a byte at a time (the reference, and the last bytes of a line).
    fn of_bytes(b: &[u8]) -> Shape {
        let (mut control, mut beyond_ascii, mut spaces) = (false, false, 0usize);
        for &c in b {
            control |= c < 0x20;
            beyond_ascii |= c >= 0x80;
            spaces += usize::from(c == b' ');
        }
        Shape {
            control,
            beyond_ascii,
            double_space: spaces > 1 && double_space(b),
            spaces,
        }
    }

    /// Whether `collapse` would leave `s` (these bytes) as it is: no space at either end,
    /// no two spaces in a row, no other white space. Any ASCII control answers no
    /// (`collapse` then decides).
    fn plain_spacing(&self, s: &str) -> bool {
        let b = s.as_bytes();
        if self.control || self.double_space || b.first() == Some(&b' ') || b.last() == Some(&b' ')
        {
            return false;
        }
        !self.beyond_ascii || !has_wide_space(b)
    }
}

/// The sum of the eight byte lanes of `lanes` (each at most 255).
#[inline]
fn fold_lanes(lanes: u64) -> usize {
    let pairs = (lanes & 0x00FF_00FF_00FF_00FF) + (lanes >> 8 & 0x00FF_00FF_00FF_00FF);
    (pairs.wrapping_mul(0x0001_0001_0001_0001) >> 48) as usize
}

/// Any white-space character beyond ASCII (U+0085, U+00A0, U+1680, U+2000-U+200A, U+2028,
/// U+2029, U+202F, U+205F, U+3000) in the UTF-8 text `b`: `white_space_at` at every byte,
/// as one fold over byte triples without an early exit (vector steps). Their lead bytes C2
/// and E2 open most curly quotes, dashes and rules of news text, so a search that stops at
/// each lead byte stops often.
fn has_wide_space(b: &[u8]) -> bool {
    let n = b.len();
    if n < 2 {
        return false;
    }
    // A two-byte character ending the text has no third byte to pair with.
    let last = b[n - 2] == 0xC2 && matches!(b[n - 1], 0x85 | 0xA0);
    let (Some(second), Some(third)) = (b.get(1..), b.get(2..)) else {
        return last;
    };
    last | b
        .iter()
        .zip(second)
        .zip(third)
        .fold(false, |any, ((&x, &y), &z)| {
            let c2 = (x == 0xC2) & ((y == 0x85) | (y == 0xA0));
            let e1 = (x == 0xE1) & (y == 0x9A) & (z == 0x80);
            let e2_80 = (y == 0x80)
                & ((0x80..=0x8A).contains(&z) | (z == 0xA8) | (z == 0xA9) | (z == 0xAF));
            let e2 = (x == 0xE2) & (e2_80 | ((y == 0x81) & (z == 0x9F)));
            let e3 = (x == 0xE3) & (y == 0x80) & (z == 0x80);
            any | c2 | e1 | e2 | e3
        })
}

/// Two spaces in a row: a fold over byte pairs without an early exit (vector steps; a
/// substring search costs more to set up than a short line takes to read).
fn double_space(b: &[u8]) -> bool {
    let Some(rest) = b.get(1..) else {
        return false;
    };
    b.iter()
        .zip(rest)
        .fold(false, |any, (&x, &y)| any | ((x == b' ') & (y == b' ')))
}

/// No ASCII white space but single spaces between words (what `Unit::plain` says).
pub fn single_spaced(s: &str) -> bool {
    let b = s.as_bytes();
    b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && !b.iter().fold(false, |any, &c| {
            any | matches!(c, b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)
        })
        && !double_space(b)
}

/// Collapse runs of white space to one space and trim.
pub fn collapse(s: &str) -> String {
    if is_collapsed(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Already trimmed, single-spaced, no other white space (the common case: a cheap byte scan).
fn is_collapsed(s: &str) -> bool {
    let b = s.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    let mut prev_space = false;
    let mut ascii = true;
    for &c in b {
        match c {
            b' ' if prev_space => return false,
            b' ' => prev_space = true,
            b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => return false,
            c => {
                prev_space = false;
                ascii &= c < 0x80;
            }
        }
    }
    ascii || !s.chars().any(|c| !c.is_ascii() && c.is_whitespace())
}

/// `s.split_whitespace().count() > n`, stopping at word `n + 1`: short-line tests are asked
/// of every unit, paragraphs too, whose words need not all be counted.
pub fn more_words_than(s: &str, n: usize) -> bool {
    // Two tight byte loops (the gaps, then a word), one table lookup a byte; only a byte
    // that can open a non-ASCII white-space character is decoded. A continuation byte
    // never opens one, so a word is walked byte by byte.
    let b = s.as_bytes();
    let (mut words, mut i) = (0usize, 0usize);
    loop {
        // The gap: ASCII white space and non-ASCII white-space characters, whole.
        loop {
            let Some(&c) = b.get(i) else {
                return false;
            };
            match SPACE_CLASS[usize::from(c)] {
                SPACE => i += 1,
                MAY_OPEN_SPACE => match white_space_at(s, i) {
                    Some(len) => i += len,
                    None => break,
                },
                _ => break,
            }
        }
        words += 1;
        if words > n {
            return true;
        }
        // The word, up to the next white space.
        loop {
            let Some(&c) = b.get(i) else {
                return false;
            };
            match SPACE_CLASS[usize::from(c)] {
                SPACE => break,
                MAY_OPEN_SPACE if white_space_at(s, i).is_some() => break,
                _ => i += 1,
            }
        }
    }
}

/// `SPACE_CLASS` values: a byte of a word, ASCII white space, or a lead byte that opens a
/// non-ASCII white-space character in some cases (U+0085 and U+00A0 after 0xC2, U+1680
/// after 0xE1, U+2000-U+205F after 0xE2, U+3000 after 0xE3).
const IN_WORD: u8 = 0;
const SPACE: u8 = 1;
const MAY_OPEN_SPACE: u8 = 2;

static SPACE_CLASS: [u8; 256] = {
    let mut t = [IN_WORD; 256];
    t[b' ' as usize] = SPACE;
    t[b'\t' as usize] = SPACE;
    t[b'\n' as usize] = SPACE;
    t[0x0B] = SPACE;
    t[0x0C] = SPACE;
    t[b'\r' as usize] = SPACE;
    t[0xC2] = MAY_OPEN_SPACE;
    t[0xE1] = MAY_OPEN_SPACE;
    t[0xE2] = MAY_OPEN_SPACE;
    t[0xE3] = MAY_OPEN_SPACE;
    t
};

/// The length of the non-ASCII white-space character at byte `i` of `s`, if one is there:
/// read from its bytes (U+0085, U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F,
/// U+205F, U+3000; a test checks every character).
fn white_space_at(s: &str, i: usize) -> Option<usize> {
    let b = s.as_bytes();
    let at = |k: usize| b.get(i + k).copied().unwrap_or(0);
    let len = match (at(0), at(1), at(2)) {
        (0xC2, 0x85 | 0xA0, _) => 2,
        (0xE1, 0x9A, 0x80) => 3,
        (0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF) => 3,
        (0xE2, 0x81, 0x9F) => 3,
        (0xE3, 0x80, 0x80) => 3,
        _ => return None,
    };
    Some(len)
}

/// Words of collapsed text.
fn word_count(collapsed: &str) -> usize {
    if collapsed.is_empty() {
        0
    } else {
        collapsed.bytes().filter(|&b| b == b' ').count() + 1
    }
}

static LINK_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i),?\s*\(?opens (?:in )?(?:a )?new (?:tab|window)\)?\s*$").expect("valid regex")
});
static CAROUSEL_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Item \d{1,3} of \d{1,3}\s+|\[\d{1,3}/\d{1,3}\]\s*)").expect("valid regex")
});

/// The last `n` bytes of `s` or a little fewer, cut on a character boundary.
pub fn tail(s: &str, n: usize) -> &str {
    let mut cut = s.len().saturating_sub(n);
    while !s.is_char_boundary(cut) {
        cut += 1;
    }
    &s[cut..]
}

/// `contains("new ")` on a short tail, without setting up a substring search per line.
fn has_new(b: &[u8]) -> bool {
    memchr::memchr_iter(b'n', b).any(|i| b[i..].starts_with(b"new "))
}

/// Words a screen reader gets but a reader never sees: "…, opens new tab" after a link,
/// "Item 1 of 3" / "[1/3]" before a gallery caption.
fn strip_widget_text(text: String) -> String {
    let mut t = text;
    if t.len() > 12 && has_new(tail(&t, 40).as_bytes()) {
        if let Some(m) = LINK_SUFFIX.find(&t) {
            t.truncate(m.start());
        }
    }
    if t.starts_with("Item ") || t.starts_with('[') {
        if let Some(m) = CAROUSEL_PREFIX.find(&t) {
            t = t[m.end()..].to_string();
        }
    }
    t
}

/// Strip a list marker: returns the mark and the rest.
fn list_marker(s: &str, markdown: bool) -> Option<(Mark, &str)> {
    // Every marker opens with a digit, `-`, `*`, `+` or a character beyond ASCII: a line
    // opening with any other ASCII byte (most) has none.
    if s.as_bytes()
        .first()
        .is_some_and(|&c| c < 0x80 && !matches!(c, b'-' | b'*' | b'+' | b'0'..=b'9'))
    {
        return None;
    }
    list_marker_any(s, markdown)
}

/// `list_marker` without its gate (the reference the gate must agree with).
fn list_marker_any(s: &str, markdown: bool) -> Option<(Mark, &str)> {
    let mut chars = s.char_indices();
    let (_, first) = chars.next()?;
    if matches!(
        first,
        '•' | '◦' | '▪' | '▫' | '●' | '○' | '‣' | '·' | '■' | '□' | '➢' | '►'
    ) || (matches!(first, '-' | '*' | '+' | '–') && s[first.len_utf8()..].starts_with(' '))
    {
        let rest = s[first.len_utf8()..].trim_start();
        // A lone dash or a dash line (`---`) is not a list item.
        if rest.is_empty() || rest.chars().all(|c| c == '-' || c == '*' || c == ' ') {
            return None;
        }
        return Some((Mark::Bullet, rest));
    }
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let after = &s[digits..];
        let rest = after
            .strip_prefix(". ")
            .or_else(|| after.strip_prefix(") "));
        // Browser copies of numbered menus lose the space: "1.Skip". Markdown needs it.
        let rest = rest.or_else(|| {
            (!markdown)
                .then(|| after.strip_prefix('.'))
                .flatten()
                .filter(|r| r.starts_with(|c: char| c.is_alphabetic()))
        });
        if let Some(rest) = rest {
            let n = s[..digits].parse().unwrap_or(0);
            // "8. August 2018 um 15:17": a day before its month and year is a date stamp,
            // not the eighth item of a list.
            if !markdown && after.starts_with('.') && (1..=31).contains(&n) && day_first_date(rest)
            {
                return None;
            }
            return Some((Mark::Numbered(n), rest.trim_start()));
        }
    }
    None
}

/// Whether `rest` (what follows "8.") opens with a month's name and a year: "August 2018",
/// "août 2018", "Aug. 2018".
fn day_first_date(rest: &str) -> bool {
    let mut words = rest.split_whitespace();
    let month = words.next().unwrap_or("").trim_end_matches(',');
    let year = words.next().unwrap_or("").trim_end_matches([',', ';']);
    super::dates::is_month_name(month)
        && year.len() == 4
        && year.bytes().all(|b| b.is_ascii_digit())
}

fn markdown_heading(s: &str) -> Option<(u8, &str)> {
    let hashes = s.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let rest = &s[hashes..];
    if !(rest.is_empty() || rest.starts_with(' ')) {
        return None;
    }
    let rest = rest.trim().trim_end_matches('#').trim_end();
    Some((hashes as u8, rest))
}

/// Plain text of a line of Markdown inline syntax (links to their text, emphasis removed,
/// backslash escapes resolved).
fn strip_inline_markdown(s: &str) -> String {
    let s = MD_LINK.replace_all(s, "$1");
    let s = MD_EMPHASIS.replace_all(&s, |c: &regex::Captures| {
        let lead = if c.get(2).is_some() && c[0].starts_with(char::is_whitespace) {
            " "
        } else {
            ""
        };
        let inner = c.get(1).or_else(|| c.get(2)).map_or("", |m| m.as_str());
        format!("{lead}{inner}")
    });
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(&n) = chars.peek() {
                if n.is_ascii_punctuation() {
                    out.push(n);
                    chars.next();
                    continue;
                }
            }
        }
        out.push(c);
    }
    collapse(&out)
}

/// Does a line end the way a sentence or a closed quotation ends?
pub fn ends_sentence(s: &str) -> bool {
    s.ends_with(['.', '!', '?', ':', ';', '"', '”', '’', '\'', ')', ']', '…'])
}

/// Can `next` continue the line `prev`? In a hard-wrapped document a long line that stops
/// mid-sentence goes on in the next; in a page copied one paragraph per line only a line
/// starting in lower case after an unfinished one does.
fn continues(prev: &str, next: &str, wrapped: bool) -> bool {
    if next.starts_with('(') && next.ends_with(')') || next.starts_with("http") {
        return false;
    }
    if ends_sentence(prev) {
        return wrapped && next.starts_with(|c: char| c.is_lowercase());
    }
    if next.starts_with(|c: char| c.is_lowercase()) {
        return true;
    }
    wrapped && prev.chars().count() >= 40 && !next.starts_with("By ")
}

/// Is the text hard-wrapped (e-mailed wire copy, terminal dumps): no long lines, and several
/// long-ish lines that stop mid-sentence with text on the next line?
fn is_hard_wrapped(text: &str) -> bool {
    let mut max = 0;
    let mut broken = 0;
    // The previous line and its length in characters (counted once).
    let mut prev: Option<(&str, usize)> = None;
    for line in text.split('\n').map(str::trim) {
        let len = line.chars().count();
        max = max.max(len);
        if max > 100 {
            return false;
        }
        if let Some((p, p_len)) = prev {
            if !line.is_empty() && p_len >= 45 && !ends_sentence(p) {
                broken += 1;
            }
        }
        prev = Some((line, len));
    }
    broken >= 2
}

/// Split normalised text into units.
/// `text.split('\n')`, the line ends found by the vector byte search.
fn raw_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len()));
    let mut start = 0;
    std::iter::from_fn(move || {
        let end = ends.next()?;
        // Both ends are at a line break or the text's end: character boundaries.
        let line = text.get(start..end)?;
        start = end + 1;
        Some(line)
    })
}

pub fn units(text: &str, markdown: bool) -> Vec<Unit> {
    // At most one unit a line: reserved once (a unit is large, and growing the vector
    // copied every unit made so far).
    let mut out: Vec<Unit> =
        Vec::with_capacity(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1);
    let wrapped = is_hard_wrapped(text);
    // Whether the previous raw line can be continued by the next (same blank-line group).
    let mut open = false;
    let mut fence: Option<(String, usize, String)> = None;
    for (i, raw) in raw_lines(text).enumerate() {
        let line_no = i + 1;
        if let Some((marker, start, body)) = fence.as_mut() {
            if raw.trim_start().starts_with(marker.as_str()) {
                let code = std::mem::take(body);
                let start = *start;
                fence = None;
                let mut u = Unit::new(collapse(&code), Some(code), start, Mark::Code);
                u.words = 0;
                out.push(u);
            } else {
                if !body.is_empty() {
                    body.push('\n');
                }
                body.push_str(raw.trim_end());
            }
            continue;
        }
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            open = false;
            continue;
        }
        if markdown && (trimmed.starts_with("```") || trimmed.starts_with("~~~")) {
            fence = Some((trimmed[..3].to_string(), line_no, String::new()));
            open = false;
            continue;
        }
        let (mark, content) = if markdown {
            if let Some((level, rest)) = markdown_heading(trimmed) {
                (Mark::Heading(level), rest)
            } else if let Some(rest) = trimmed.strip_prefix('>') {
                (Mark::Quote, rest.trim_start())
            } else if let Some((m, rest)) = list_marker(trimmed, true) {
                (m, rest)
            } else {
                (Mark::Plain, trimmed)
            }
        } else if let Some((m, rest)) = list_marker(trimmed, false) {
            (m, rest)
        } else {
            (Mark::Plain, trimmed)
        };
        // Plain text: the text, its lower case and its words in one go; the widget words
        // stripped after (rare: then the lower case and words are made again).
        let (text, md, made) = if markdown {
            (
                strip_inline_markdown(content),
                Some(collapse(content)),
                None,
            )
        } else {
            let (text, lower, words) = collapse_lower(content);
            let len = text.len();
            let text = strip_widget_text(text);
            // It only cuts: the same length is the same text.
            let made = (text.len() == len).then_some((lower, words));
            (text, None, made)
        };
        if text.is_empty() && mark != Mark::Quote {
            open = false;
            continue;
        }
        if open && mark == Mark::Plain {
            if let Some(prev) = out.last_mut() {
                if matches!(
                    prev.mark,
                    Mark::Plain | Mark::Bullet | Mark::Numbered(_) | Mark::Quote
                ) && continues(&prev.text, &text, wrapped)
                {
                    prev.text.push(' ');
                    prev.text.push_str(&text);
                    if let (Some(pm), Some(m)) = (prev.md.as_mut(), md) {
                        pm.push(' ');
                        pm.push_str(&m);
                    }
                    // The space between keeps lower-casing from reading across the join,
                    // so the joined line's lower case is the two parts' (not the whole
                    // paragraph lower-cased again for every wrapped line).
                    prev.lower.push(' ');
                    match made {
                        // Collapsed text, lowered: single-spaced (no character lowers to
                        // white space).
                        Some((lower, _)) => prev.lower.push_str(&lower),
                        None => {
                            let lower = lower_case(&text);
                            prev.plain &= single_spaced(&lower);
                            prev.lower.push_str(&lower);
                        }
                    }
                    prev.words = word_count(&prev.text);
                    continue;
                }
            }
        }
        open = matches!(
            mark,
            Mark::Plain | Mark::Bullet | Mark::Numbered(_) | Mark::Quote
        );
        let mut unit = match made {
            Some((lower, words)) => Unit::with_lower(text, lower, true, words, md, line_no, mark),
            None => Unit::new(text, md, line_no, mark),
        };
        if matches!(mark, Mark::Numbered(_)) {
            let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
            unit.marker_tail = trimmed[digits..].chars().next().unwrap_or('.');
        }
        out.push(unit);
    }
    if let Some((_, start, body)) = fence {
        // An unclosed fence: keep what it held as code rather than lose it.
        let mut u = Unit::new(collapse(&body), Some(body), start, Mark::Code);
        u.words = 0;
        out.push(u);
    }
    out.retain(|u| !(u.mark == Mark::Quote && u.text.is_empty()));
    if !markdown {
        // In plain text a lone "1. ..." line is prose that starts with a number ("1. FC Köln
        // won", a copied footnote); only runs of numbered lines are lists.
        let numbered: Vec<bool> = out
            .iter()
            .map(|u| matches!(u.mark, Mark::Numbered(_)))
            .collect();
        for i in 0..out.len() {
            if let Mark::Numbered(n) = out[i].mark {
                let neighbour =
                    (i > 0 && numbered[i - 1]) || numbered.get(i + 1).copied().unwrap_or(false);
                if !neighbour {
                    let u = &mut out[i];
                    u.text = format!("{n}{} {}", u.marker_tail, u.text);
                    u.lower = lower_case(&u.text);
                    u.plain = single_spaced(&u.lower);
                    u.words += 1;
                    u.mark = Mark::Plain;
                }
            }
        }
    }
    for u in &mut out {
        (u.prose, u.lang_hits) = super::locate::prose_features(u);
    }
    out
}

/// A text as a map key hashed by its length and, beyond `WHOLE_HASH` bytes, its first and
/// last 16 bytes only, not all its bytes (rules of dashes and paragraphs run to thousands):
/// texts are still told apart by comparing them whole (`Eq`), so the map answers as one
/// keyed by the text; two long texts that differ only in the middle share a hash and are
/// compared. Lines up to `WHOLE_HASH` bytes (menus, table rows of one width) are hashed
/// whole, so many such lines cannot pile onto one hash.
#[derive(PartialEq, Eq)]
struct EdgeKeyed<'a>(&'a str);

/// Texts up to this many bytes are hashed whole (see `EdgeKeyed`).
const WHOLE_HASH: usize = 128;

impl std::hash::Hash for EdgeKeyed<'_> {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        let b = self.0.as_bytes();
        h.write_usize(b.len());
        if b.len() <= WHOLE_HASH {
            h.write(b);
        } else {
            h.write(&b[..16]);
            h.write(&b[b.len() - 16..]);
        }
    }
}

/// For each unit, the first unit with the same text, lower case and word count (itself when
/// none came before): what the per-line rules read, so a line printed again (a menu twice,
/// share bars) takes the earlier line's answers instead of asking every rule again.
pub fn first_same(units: &[Unit]) -> Vec<u32> {
    let mut first: FastMap<EdgeKeyed, u32> = FastMap::default();
    first.reserve(units.len());
    let mut out = Vec::with_capacity(units.len());
    for (i, u) in units.iter().enumerate() {
        let i = u32::try_from(i).unwrap_or(u32::MAX);
        let j = *first.entry(EdgeKeyed(u.text.as_str())).or_insert(i);
        // The same text is lowered and counted the same way except across a wrapped
        // line's join (lowered in parts): then the unit stands alone.
        let same = j < i && {
            let e = &units[j as usize];
            e.words == u.words && e.lower == u.lower
        };
        out.push(if same { j } else { i });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_same_points_each_copy_at_the_first() {
        let text = "Home\n\nTeilen\n\nLa página de inicio\n\nDie Fähre fährt ab Montag wieder.\n\nHome\n\nPartager\n\nTeilen\n\nHome\n\nhome\n\nLa página de inicio\n";
        let us = units(text, false);
        let texts: Vec<&str> = us.iter().map(|u| u.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Home",
                "Teilen",
                "La página de inicio",
                "Die Fähre fährt ab Montag wieder.",
                "Home",
                "Partager",
                "Teilen",
                "Home",
                "home",
                "La página de inicio"
            ]
        );
        assert_eq!(first_same(&us), [0, 1, 2, 3, 0, 5, 1, 0, 8, 2]);
        // The same text lowered otherwise (a wrapped line joined after lowering its parts)
        // or counted otherwise stands alone.
        let a = Unit::new("ΟΔΟΣ ΣΤΑΘΜΟΥ".into(), None, 1, Mark::Plain);
        let mut b = a.clone();
        b.lower.push('x');
        let mut c = a.clone();
        c.words += 1;
        assert_eq!(first_same(&[a.clone(), b, c, a]), [0, 1, 2, 0]);
        assert!(first_same(&[]).is_empty());
    }

    /// `Shape::of` eight bytes at a time says what the byte-by-byte reading says, on lines of
    /// every length up to three words of eight bytes past the cut, with controls, spaces and
    /// bytes beyond ASCII in every lane, and on lines long enough to fold the space counts.
    #[test]
    fn the_shape_by_words_is_the_shape_by_bytes() {
        let same = |b: &[u8]| {
            let (fast, slow) = (Shape::of(b), Shape::of_bytes(b));
            assert_eq!(fast.control, slow.control, "{b:?}");
            assert_eq!(fast.beyond_ascii, slow.beyond_ascii, "{b:?}");
            assert_eq!(fast.spaces, slow.spaces, "{b:?}");
            assert_eq!(
                fast.double_space,
                slow.spaces > 1 && double_space(b),
                "{b:?}"
            );
        };
        let lines = [
            "The ferries run again from Monday, the mayor said.",
            "Die Fähre fährt ab Montag wieder,  sagte die Sprecherin.",
            "Le maire a dit : « les bateaux sont rentrés »\tau port.",
            "El alcalde dijo que los barcos\u{1f} volvieron — según él.",
            " \x7f\x1f\x20\x21\x00\u{80}\u{a0}~!",
        ];
        for line in lines {
            let b = line.as_bytes();
            for end in 0..=b.len() {
                same(&b[..end]);
                same(&b[end..]);
            }
        }
        for byte in 0..=255u8 {
            for at in 0..24 {
                let mut b = vec![b'a'; 24];
                b[at] = byte;
                same(&b);
            }
        }
        for n in [2039, 2040, 2041, 4096, 5000] {
            same(" ".repeat(n).as_bytes());
            same("a ".repeat(n).as_bytes());
            same("ü ".repeat(n).as_bytes());
        }
    }

    /// The list-marker gate and the caseless scan's run skip agree with the plain readings
    /// and the library, on lines of English, German, French and Spanish, every character
    /// alone and around a letter, and rules of box-drawing dashes; the hard-wrap test
    /// (the previous line's length counted once) on wrapped and unwrapped text.
    #[test]
    fn the_byte_wise_line_reading_agrees_with_the_plain_one() {
        let lines = [
            "The ferries run again from Monday, the mayor said.",
            "Die Fähre fährt ab Montag wieder, sagte die Sprecherin.",
            "« Les bateaux sont rentrés au port », a dit le maire.",
            "El alcalde dijo que los barcos volvieron — según él.",
            "━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━",
            "━━━━━━━━Ä━━",
            "━━━━━━━━━━━━━━━━━━━┃━━━━━",
            "—–—–Straße—",
            "• Bullet",
            "- dash item",
            "1. First",
            "12) Twelve",
            "8. August 2018 um 15:17",
            "+ plus",
            "* star",
            "–  en dash",
            "·middle",
            "x- not a list",
            "2024. A year",
            "-",
            "--- rule",
            "- - -",
            "",
            " ",
            "\u{a0}Non-breaking\u{a0}",
            "\u{2003}em\u{3000}",
            "\t tab \u{b}\u{c}\r",
            "\u{85}next line\u{2028}",
            "\u{1f}unit\u{1c}",
            "ÄÖÜ äöü ß",
        ];
        for line in lines {
            for markdown in [false, true] {
                assert_eq!(
                    list_marker(line, markdown),
                    list_marker_any(line, markdown),
                    "{line:?}"
                );
            }
            assert_eq!(lower_case(line), line.to_lowercase(), "{line:?}");
        }
        for c in (0u32..0x3100).filter_map(char::from_u32) {
            for line in [
                format!("{c}"),
                format!("{c}a{c}"),
                format!(" {c} "),
                format!("a{c}"),
            ] {
                assert_eq!(list_marker(&line, false), list_marker_any(&line, false));
            }
        }
        // The hard-wrap test with each line's length counted twice, as it was.
        let plain = |text: &str| {
            let (mut max, mut broken, mut prev) = (0, 0, None::<&str>);
            for line in text.split('\n').map(str::trim) {
                max = line.chars().count().max(max);
                if max > 100 {
                    return false;
                }
                if let Some(p) = prev {
                    if !line.is_empty() && p.chars().count() >= 45 && !ends_sentence(p) {
                        broken += 1;
                    }
                }
                prev = Some(line);
            }
            broken >= 2
        };
        for text in [
            "The ferries will run again from Monday after the storm that\nclosed the harbour for three days, the mayor of the small town\nsaid on Tuesday.",
            "Die Fähren fahren ab Montag wieder, nachdem der Sturm den Hafen\ndrei Tage lang geschlossen hatte, sagte die Bürgermeisterin\nam Dienstag.",
            "Les bateaux sont rentrés au port.\n\nLe maire l'a dit mardi.",
            "El alcalde dijo que los barcos volverán el lunes al puerto del pueblo\ny que la tormenta ya pasó por completo según los servicios del tiempo\nesta mañana.",
            "",
            "one\n",
        ] {
            assert_eq!(is_hard_wrapped(text), plain(text), "{text:?}");
        }
        assert!(is_hard_wrapped(
            "The ferries will run again from Monday after the storm that\nclosed the harbour for three days, the mayor of the small town\nsaid on Tuesday."
        ));
    }

    /// `first_same` keyed by a text's edges answers as the map keyed by the whole text, on
    /// long lines of four languages that differ only in the middle, copies of them and
    /// rules of dashes of the same length.
    #[test]
    fn first_same_by_edges_is_first_same_by_text() {
        let plain = |units: &[Unit]| -> Vec<u32> {
            let mut first: FastMap<&str, u32> = FastMap::default();
            units
                .iter()
                .enumerate()
                .map(|(i, u)| {
                    let i = i as u32;
                    let j = *first.entry(u.text.as_str()).or_insert(i);
                    let e = &units[j as usize];
                    if j < i && e.words == u.words && e.lower == u.lower {
                        j
                    } else {
                        i
                    }
                })
                .collect()
        };
        let mut text = String::new();
        for line in [
            "The ferries run again from Monday after three days of storms and closed roads along the whole coast, the mayor of the small harbour town said.",
            "The ferries run again from Sunday after three days of storms and closed roads along the whole coast, the mayor of the small harbour town said.",
            "Die Fähre fährt ab Montag wieder nach drei Tagen mit Sturm und gesperrten Straßen an der ganzen Küste, sagte die Bürgermeisterin heute.",
            "Die Fähre fährt ab Freitag wieder nach drei Tagen mit Sturm und gesperrten Straßen an der ganzen Küste, sagte die Bürgermeisterin heute.",
            "Les bateaux sont rentrés au port lundi après trois jours de tempête et de routes fermées sur toute la côte, a dit le maire de la ville.",
            "Los barcos volvieron al puerto el lunes tras tres días de temporal y carreteras cortadas en toda la costa, dijo el alcalde del pueblo.",
            "━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━",
            "━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┃━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━",
            "| 1 | Ferry timetable from the harbour | 08:15 |",
            "| 2 | Ferry timetable from the harbour | 08:15 |",
            "Home",
            "short",
            "exactly thirty-two bytes long!!!",
            "exactly thirty-two bytes long!?!",
        ] {
            for _ in 0..2 {
                text.push_str(line);
                text.push_str("\n\n");
            }
        }
        let us = units(&text, false);
        assert_eq!(us.len(), 28);
        assert!(us[..12].iter().all(|u| u.text.len() > WHOLE_HASH));
        let got = first_same(&us);
        assert_eq!(got, plain(&us));
        assert_eq!(got[..4], [0, 0, 2, 2]);
    }

    #[test]
    fn has_agrees_with_the_library() {
        let lines = [
            "",
            "s",
            "© 2024",
            "Copyright (c) 2023 The Harbour Post",
            "Weitere Artikel · Kommentare",
            "L’article d’hier ‘cité’",
            "El niño dijo: ¿qué?  Año",
            "Watch the video transcript",
            "━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━",
            "The council's reply came on Monday after the vote, and the ferries ran again.",
            "Die Stadträtin sagte, die Fähren führen wieder · ab Montag",
        ];
        let needles = [
            "",
            "s ",
            "©",
            "’",
            "‘",
            "(c)",
            " · ",
            "  ",
            "video",
            "copyright",
            "ñ",
            "━",
            "after",
            "wieder · ab",
            "x",
        ];
        for hay in lines {
            for needle in needles {
                assert_eq!(
                    has(hay, needle),
                    hay.contains(needle),
                    "{hay:?} / {needle:?}"
                );
            }
        }
    }

    #[test]
    fn more_words_than_agrees_with_the_library() {
        for text in [
            "",
            " ",
            "one",
            "  two  words ",
            "a\tb\nc\u{b}d\u{c}e\rf",
            "nbsp\u{a0}joined\u{2009}thin\u{3000}ideographic\u{85}next",
            "Straße — Élan vital, l’été; año ¿qué?",
            "━━━━ ━━━━",
        ] {
            for n in 0..10 {
                let want = text.split_whitespace().count() > n;
                assert_eq!(more_words_than(text, n), want, "{text:?} {n}");
            }
        }
    }

    #[test]
    fn every_white_space_character_opens_with_a_byte_the_word_count_reads() {
        // `more_words_than` decodes only at `MAY_OPEN_SPACE` bytes: every white-space
        // character must open with one (or be ASCII white space), and no other byte may be
        // taken for white space.
        for c in (0u32..0x11_0000).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let first = c.encode_utf8(&mut buf).as_bytes()[0];
            let class = SPACE_CLASS[usize::from(first)];
            if c.is_whitespace() {
                assert!(class != IN_WORD, "U+{:04X}", c as u32);
            }
            if class == SPACE {
                assert!(c.is_whitespace(), "U+{:04X}", c as u32);
            }
            let text = format!("a{c}b{c}{c}c d");
            for n in 0..5 {
                let want = text.split_whitespace().count() > n;
                assert_eq!(more_words_than(&text, n), want, "U+{:04X} {n}", c as u32);
            }
        }
    }

    #[test]
    fn the_latin1_and_mark_lower_case_is_the_library_s() {
        for c in (0x80u32..0x3000).filter_map(char::from_u32) {
            if let Some(l) = lower_latin1_or_mark(c) {
                assert_eq!(
                    c.to_lowercase().collect::<String>(),
                    l.to_string(),
                    "U+{:04X}",
                    c as u32
                );
            }
        }
    }

    #[test]
    fn no_character_lowers_to_white_space() {
        // What lets a collapsed line's lower case count as single-spaced unchecked.
        for c in (0u32..0x11_0000).filter_map(char::from_u32) {
            if !c.is_whitespace() {
                assert!(
                    !c.to_lowercase().any(char::is_whitespace),
                    "U+{:04X}",
                    c as u32
                );
            }
        }
    }

    #[test]
    fn the_plain_flag_is_what_a_search_of_the_lower_case_finds() {
        for text in [
            "One line\n\nTwo  spaced   line\nwrapped on\tthe next",
            "Caption of a photo, opens new tab\n\nA link , opens new tab\n\nItem 1 of 3 A gallery",
            "1. Lone item with  two spaces\n\nDie Straße\u{a0}war gesperrt\n\nL’été à Paris",
            "The Minister said on Monday that the talks in the capital would resume\nlater in the week, officials in the capital told reporters on Tuesday.",
        ] {
            for u in units(text, false).iter().chain(&units(text, true)) {
                assert_eq!(u.plain, single_spaced(&u.lower), "{:?}", u.lower);
            }
        }
    }

    #[test]
    fn collapse_lower_agrees_with_its_parts() {
        for text in [
            "",
            "one",
            "Minister Says TALKS Are Over",
            " leading space",
            "trailing space ",
            "two  spaces",
            "tab\there",
            "nbsp\u{a0}joined",
            "thin\u{2009}space, ideographic\u{3000}space, ogham\u{1680}mark, next\u{85}line",
            "L’ÉTAT A DIT « NON » — À PARIS",
            "Die Ministerin sagte: GESPRÄCHE ÜBER STRASSE × 2 ÷ 3",
            "EL NIÑO DIJO: ¿QUÉ? AÑO — “CITA”",
            "ΟΔΟΣ ΣΤΗΝ ΑΘΗΝΑ",
            "東京の駅 と ━━━━ ÀÀÀ ǅ İSTANBUL",
            "control\u{1}char",
        ] {
            let (t, l, w) = collapse_lower(text);
            let want = collapse(text);
            assert_eq!(t, want, "{text:?}");
            assert_eq!(l, want.to_lowercase(), "{text:?}");
            assert_eq!(w, want.split_whitespace().count(), "{text:?}");
        }
    }

    #[test]
    fn the_line_shape_agrees_with_byte_searches() {
        // The one-pass shape against the searches it replaced: a substring search for two
        // spaces, a decoded test of each character for white space, a count of the spaces.
        let lines = [
            "",
            " ",
            "  ",
            "a  b",
            "a b ",
            "Minister says talks are over",
            "Die Fähre fährt  ab Montag",
            "Le bac\u{a0}du port reprend",
            "El ferri\u{2009}sale — a las siete",
            "Ferry\u{3000}terminal\u{1680}opens\u{85}today",
            "━━━━━━━━━━━━━━━━━━━━ “quoted” ‘words’ ·",
            "tab\there",
            "a long line of ordinary words that runs well past thirty-two bytes,  then two spaces",
        ];
        for line in lines {
            let b = line.as_bytes();
            let shape = Shape::of(b);
            assert_eq!(shape.double_space, line.contains("  "), "{line:?}");
            assert_eq!(shape.spaces, line.matches(' ').count(), "{line:?}");
            assert_eq!(shape.beyond_ascii, !line.is_ascii(), "{line:?}");
            assert_eq!(shape.control, b.iter().any(|&c| c < 0x20), "{line:?}");
            let plain = !line.starts_with(' ')
                && !line.ends_with(' ')
                && !line.contains("  ")
                && !line.chars().any(|c| c.is_whitespace() && c != ' ');
            assert_eq!(shape.plain_spacing(line), plain, "{line:?}");
            let single = !line.starts_with(' ')
                && !line.ends_with(' ')
                && !line.contains("  ")
                && !line.contains(['\t', '\n', '\r', '\u{b}', '\u{c}']);
            assert_eq!(single_spaced(line), single, "{line:?}");
        }
        for text in ["", "\n", "one", "one\n", "one\n\ntwo", "\nÄ\r\n„x“\n\n"] {
            let got: Vec<&str> = raw_lines(text).collect();
            let want: Vec<&str> = text.split('\n').collect();
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn has_wide_space_agrees_with_the_library() {
        // Every character alone, at either end and inside a line.
        for ch in (0x80..=0x10FFFFu32).filter_map(char::from_u32) {
            for text in [
                ch.to_string(),
                format!("a{ch}"),
                format!("{ch}bc"),
                format!("Ab{ch}cd "),
            ] {
                assert_eq!(
                    has_wide_space(text.as_bytes()),
                    ch.is_whitespace(),
                    "{ch:?} in {text:?}"
                );
            }
        }
        assert!(!has_wide_space(b""));
        assert!(!has_wide_space("“Zitat” — ━━ café à l’été".as_bytes()));
        assert!(has_wide_space("El ferri sale\u{a0}a las siete".as_bytes()));
    }

    #[test]
    fn has_new_agrees_with_contains() {
        for t in [
            "",
            "new",
            "new ",
            "news",
            "a new tab",
            "nnew x",
            "Opens in new window",
            "année nouvelle",
            "renew it",
        ] {
            assert_eq!(has_new(t.as_bytes()), t.contains("new "), "{t:?}");
        }
    }

    #[test]
    fn caseless_beyond_ascii_agrees_with_the_library() {
        // Every character, alone and between ASCII of both cases (across the eight-byte
        // steps): where the scan says the text is caseless, lowering its ASCII is the
        // library's lower case.
        for ch in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            for text in [
                ch.to_string(),
                format!("ABCDEFG{ch}HIJ"),
                format!("Abc{ch}{ch}Q"),
            ] {
                if caseless_beyond_ascii(text.as_bytes()) {
                    assert_eq!(text.to_ascii_lowercase(), text.to_lowercase(), "{ch:?}");
                }
                assert_eq!(lower_case(&text), text.to_lowercase(), "{ch:?}");
            }
        }
        assert!(caseless_beyond_ascii(
            b"Plain ASCII Line, Longer Than Eight"
        ));
        assert!(caseless_beyond_ascii("Straße – “Zitat” £5 ━━".as_bytes()));
        assert!(!caseless_beyond_ascii("Ärger".as_bytes()));
        assert!(!caseless_beyond_ascii("L'ÉTAT".as_bytes()));
        assert!(!caseless_beyond_ascii("ΟΔΟΣ".as_bytes()));
    }

    #[test]
    fn lower_case_agrees_with_the_library() {
        for text in [
            "Minister Says TALKS Are Over",
            "Die Ministerin Sagte: GESPRÄCHE ÜBER STRASSE",
            "L’ÉTAT A DIT « NON » — À PARIS",
            "EL NIÑO DIJO: ¿QUÉ? AÑO",
            "━━━━━━━━ÀÀÀÀ━━━━",
            "İSTANBUL ǅ ǈ Ω K",
            // A capital sigma lowers by its place: left to the library.
            "ΟΔΟΣ ΣΤΗΝ ΑΘΗΝΑ",
            "",
        ] {
            assert_eq!(lower_case(text), text.to_lowercase(), "{text}");
        }
    }

    fn texts(us: &[Unit]) -> Vec<&str> {
        us.iter().map(|u| u.text.as_str()).collect()
    }

    #[test]
    fn one_unit_per_line_and_blank_group() {
        let us = units(
            "Headline of a piece\n\nJane Roe\nMarch 3, 2024\n\nFirst paragraph.",
            false,
        );
        assert_eq!(
            texts(&us),
            [
                "Headline of a piece",
                "Jane Roe",
                "March 3, 2024",
                "First paragraph."
            ]
        );
        assert_eq!(us[2].line, 4);
    }

    #[test]
    fn a_joined_paragraph_keeps_the_lower_case_and_prose_reading_of_its_whole_text() {
        // Lower case is appended line by line as wrapped lines join; it must be the whole
        // paragraph's, and the prose flag what `running_prose` says of the joined unit.
        for text in [
            "The Minister said on Monday that the talks in the capital would resume\nlater in the week, officials in the capital told reporters on Tuesday.\nNext.",
            "Die Ministerin sagte am Montag, dass die Gespräche in der Hauptstadt\nspäter in der Woche weitergehen würden, sagten Beamte in Berlin.\nWeiter.",
            "La ministre a déclaré lundi que les négociations dans la capitale\nreprendraient plus tard dans la semaine, selon des responsables.\nSuite.",
            "La ministra dijo el lunes que las conversaciones en la capital\nse reanudarían más tarde en la semana, según los funcionarios.\nSigue.",
            "ΟΔΟΣ ΣΤΗΝ ΑΘΗΝΑ ΚΑΙ ΣΤΗ ΘΕΣΣΑΛΟΝΙΚΗ ΠΟΥ ΚΛΕΙΣΤΗΚΕ ΧΘΕΣ ΤΟ ΑΠΟΓΕΥΜΑ ΓΙΑ ΤΟΥΣ\nσταθμους του μετρο και τα λεωφορεια της πολης ΟΛΟΣ.\nΤΕΛΟΣ.",
        ] {
            let us = units(text, false);
            assert_eq!(us.len(), 2, "{:?}", texts(&us));
            assert_eq!(us[0].lower, us[0].text.to_lowercase());
            assert_eq!(us[0].prose, super::super::locate::running_prose(&us[0]));
            assert_eq!(
                us[0].lang_hits,
                super::super::locate::lang_hits_of(&us[0].lower),
                "{text}"
            );
        }
        let us = units(
            "The Minister said on Monday that the talks in the capital would resume\nlater in the week, officials in the capital told reporters on Tuesday.",
            false,
        );
        assert!(us[0].prose);
    }

    #[test]
    fn hard_wrapped_paragraphs_are_joined() {
        let text = "The ministry said on Monday that the talks would resume\nlater in the week, officials in the capital said.\nA new paragraph starts here.";
        let us = units(text, false);
        assert_eq!(us.len(), 2, "{:?}", texts(&us));
        assert!(us[0].text.ends_with("capital said."));
    }

    #[test]
    fn a_day_before_its_month_is_no_list_number() {
        let us = units(
            "8. August 2018 um 15:17\n\n9. août 2018 à 10h02\n\n10. Aug. 2018, 09:12\n\n1. Enero es frío\n2. Febrero también\n",
            false,
        );
        assert_eq!(us[0].mark, Mark::Plain);
        assert_eq!(us[0].text, "8. August 2018 um 15:17");
        assert_eq!(us[1].text, "9. août 2018 à 10h02");
        assert_eq!(us[2].text, "10. Aug. 2018, 09:12");
        // A list item opening with a month's name but no year stays an item.
        assert_eq!(us[3].mark, Mark::Numbered(1));
        assert_eq!(us[4].mark, Mark::Numbered(2));
    }

    #[test]
    fn list_markers() {
        let us = units(
            "1. First item\n  2. Second item\n• Bullet item\n- dash item\n2024. A year\n\n3) A lone numbered line is prose",
            false,
        );
        assert_eq!(us[0].mark, Mark::Numbered(1));
        assert_eq!(us[1].mark, Mark::Numbered(2));
        assert_eq!(us[2].mark, Mark::Bullet);
        assert_eq!(us[2].text, "Bullet item");
        assert_eq!(us[3].mark, Mark::Bullet);
        assert_eq!(us[4].mark, Mark::Plain);
        assert_eq!(us[5].mark, Mark::Plain);
        assert_eq!(us[5].text, "3) A lone numbered line is prose");
    }

    #[test]
    fn markdown_structure() {
        let us = units("# Title here\n\nSome [linked text](https://x.test) and **bold**.\n\n> quoted\n\n```\ncode  here\n```", true);
        assert_eq!(us[0].mark, Mark::Heading(1));
        assert_eq!(us[0].text, "Title here");
        assert_eq!(us[1].text, "Some linked text and bold.");
        assert_eq!(
            us[1].md.as_deref(),
            Some("Some [linked text](https://x.test) and **bold**.")
        );
        assert_eq!(us[2].mark, Mark::Quote);
        assert_eq!(us[3].mark, Mark::Code);
        assert_eq!(us[3].md.as_deref(), Some("code  here"));
    }

    #[test]
    fn widget_text_is_cut_on_character_boundaries() {
        assert_eq!(tail("ab🕴cd", 4), "cd");
        let us = units(
            "Caption of a photo with an emoji at the end🕴🕴🕴🕴🕴🕴🕴🕴🕴, opens new tab",
            false,
        );
        assert!(us[0].text.ends_with('🕴'));
    }

    #[test]
    fn one_paragraph_per_line_pages_are_not_joined() {
        let text = "Ships queued outside the harbour for a whole week\nPorts across the region were closed for a week as a storm swept the coast.\nOfficials said the closure was the longest in a decade.";
        assert_eq!(units(text, false).len(), 3);
    }

    #[test]
    fn speaker_line_is_not_joined_to_its_quote() {
        let us = units(
            "(Jane Roe, minister of things and stuff)\n\"We will act.\"",
            false,
        );
        assert_eq!(us.len(), 2);
    }
}
