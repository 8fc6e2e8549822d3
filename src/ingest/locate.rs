//! Score blocks: where on the page the article is, from shallow features that hold on any
//! page (after Kohlschütter et al., 2010, and density-based extractors).
//!
//! Each unit gets a weight from its own shape: running prose (many words, sentence punctuation,
//! a prose-like share of function words) counts for its words; a short line (menu entry,
//! label, teaser headline, date) counts against. The article is the run of units with the
//! largest total weight (the densest run of prose), found in one linear pass. The headline is
//! then picked among the headline-shaped lines just above that run.

use std::sync::LazyLock;

use super::blocks::{ends_sentence, Mark, Unit};
use crate::analyze::fasthash::{FastMap, FastSet};

#[cfg(test)]
static STOP_WORDS: LazyLock<FastSet<&'static str>> = LazyLock::new(|| {
    include_str!("data/stopwords.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// The longest function word, in bytes (the references' gate; `FunctionWords` keeps its own).
#[cfg(test)]
static STOP_MAX_LEN: LazyLock<usize> =
    LazyLock::new(|| STOP_WORDS.iter().map(|w| w.len()).max().unwrap_or(0));

static COMMENT_WORDS: LazyLock<WordList> =
    LazyLock::new(|| WordList::new(include_str!("data/comment_words.txt")));

static READER_WORDS: LazyLock<WordList> =
    LazyLock::new(|| WordList::new(include_str!("data/reader_words.txt")));

/// A short list of words (one a line, `#` comments) with a gate before its set: a word whose
/// length or first byte no listed word has is in no list, and most words of a line are
/// turned away there, before their hash.
struct WordList {
    set: FastSet<&'static str>,
    /// The listed words' first bytes, a bit per byte value.
    first: [u64; 4],
    /// The shortest and longest listed word, in bytes.
    min_len: usize,
    max_len: usize,
}

impl WordList {
    fn new(list: &'static str) -> WordList {
        let set: FastSet<&'static str> = list
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        let mut first = [0u64; 4];
        for w in &set {
            if let Some(&b) = w.as_bytes().first() {
                first[usize::from(b >> 6)] |= 1 << (b & 63);
            }
        }
        WordList {
            min_len: set.iter().map(|w| w.len()).min().unwrap_or(usize::MAX),
            max_len: set.iter().map(|w| w.len()).max().unwrap_or(0),
            first,
            set,
        }
    }

    /// `set.contains(w)`.
    #[inline]
    fn contains(&self, w: &str) -> bool {
        let b = w.as_bytes();
        let Some(&c) = b.first() else {
            return self.set.contains(w);
        };
        (self.min_len..=self.max_len).contains(&b.len())
            && self.first[usize::from(c >> 6)] & 1 << (c & 63) != 0
            && self.set.contains(w)
    }
}

/// A function word of one of the four languages ("the", "und", "les", "los").
#[inline]
pub fn is_stop_word(lower_word: &str) -> bool {
    // The language list holds exactly the function words (a test checks).
    FUNCTION_WORDS.get(lower_word.as_bytes()).is_some()
}

/// The words of a text split at every character that is not alphanumeric (and, with
/// `apostrophe`, not `'`), empty pieces skipped: what `split(|c| !c.is_alphanumeric())`
/// yields without its empty strings. ASCII is read byte by byte; a non-ASCII character's
/// class is looked up once per run of the same character (rules of box-drawing dashes run
/// to thousands of characters), since every short-line test splits every line.
pub fn alnum_words(text: &str, apostrophe: bool) -> AlnumWords<'_> {
    AlnumWords {
        text,
        pos: 0,
        class: if apostrophe {
            &BYTE_CLASS[1]
        } else {
            &BYTE_CLASS[0]
        },
        last: ('\0', false),
    }
}

/// A byte's class for `alnum_words`: inside a word (an ASCII letter or digit, and with
/// apostrophes `'`), a separator (any other ASCII byte), or the first byte of a non-ASCII
/// character (classed by decoding it). Continuation bytes are never read: a non-ASCII
/// character is stepped over whole.
const WORD: u8 = 0;
const SEPARATOR: u8 = 1;
const NON_ASCII: u8 = 2;

/// `BYTE_CLASS[0]` splits at apostrophes, `BYTE_CLASS[1]` keeps them in words.
static BYTE_CLASS: [[u8; 256]; 2] = {
    let mut t = [[NON_ASCII; 256]; 2];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        let class = if c.is_ascii_alphanumeric() {
            WORD
        } else {
            SEPARATOR
        };
        t[0][b] = class;
        t[1][b] = if c == b'\'' { WORD } else { class };
        b += 1;
    }
    t
};

/// The iterator of `alnum_words`.
pub struct AlnumWords<'a> {
    text: &'a str,
    pos: usize,
    /// `BYTE_CLASS` for the apostrophe setting.
    class: &'static [u8; 256],
    /// The last non-ASCII character read and whether it is alphanumeric.
    last: (char, bool),
}

impl AlnumWords<'_> {
    /// Whether the non-ASCII character at byte `i` (a character boundary) is alphanumeric,
    /// and its length in bytes.
    #[inline]
    fn non_ascii(&mut self, i: usize) -> (bool, usize) {
        // The characters beyond ASCII that news text is mostly made of, classed from their
        // first two bytes (a lead byte of valid UTF-8 has a second byte after it): Latin-1's
        // U+00A0-U+00FF (C2 A0-BF, C3 80-BF; `known_alnum`'s answers), U+2000-U+203F (E2
        // 80: quotes, dashes, spaces) and U+2500-U+26FF (E2 94-9B: box drawing, blocks,
        // shapes, symbols), none alphanumeric (a test checks every character).
        if let Some(&[lead, next]) = self.text.as_bytes().get(i..i + 2) {
            match lead {
                0xC3 => return (next != 0x97 && next != 0xB7, 2),
                0xC2 if next >= 0xA0 => {
                    return (
                        matches!(next, 0xAA | 0xB2 | 0xB3 | 0xB5 | 0xB9 | 0xBA | 0xBC..=0xBE),
                        2,
                    )
                }
                0xE2 if matches!(next, 0x80 | 0x94..=0x9B) => return (false, 3),
                _ => {}
            }
        }
        self.non_ascii_decoded(i)
    }

    /// `non_ascii` for any character: decoded, its class looked up once per run of the same
    /// character.
    fn non_ascii_decoded(&mut self, i: usize) -> (bool, usize) {
        let (ch, len) = char_at(self.text.as_bytes(), i);
        if ch != self.last.0 {
            self.last = (ch, known_alnum(ch).unwrap_or_else(|| ch.is_alphanumeric()));
        }
        (self.last.1, len)
    }
}

/// The character whose first byte is at `i` of valid UTF-8 (`i` on a boundary, below the
/// end) and its length: decoded directly, without the library's validating iterator.
fn char_at(b: &[u8], i: usize) -> (char, usize) {
    let lead = b.get(i).map_or(0, |&c| u32::from(c));
    let cont = |k: usize| b.get(i + k).map_or(0, |&c| u32::from(c & 0x3F));
    let (code, len) = if lead < 0x80 {
        (lead, 1)
    } else if lead < 0xE0 {
        ((lead & 0x1F) << 6 | cont(1), 2)
    } else if lead < 0xF0 {
        ((lead & 0x0F) << 12 | cont(1) << 6 | cont(2), 3)
    } else {
        (
            (lead & 0x07) << 18 | cont(1) << 12 | cont(2) << 6 | cont(3),
            4,
        )
    };
    (char::from_u32(code).unwrap_or(' '), len)
}

/// `is_alphanumeric` of the non-ASCII characters most common in news text, without the
/// library's table search: Latin-1 (letters but × and ÷; ª, º, µ and the superscript and
/// fraction digits), Latin Extended-A (all letters) and General Punctuation (none: curly
/// quotes, dashes, spaces). A test checks every character answered for.
fn known_alnum(c: char) -> Option<bool> {
    match u32::from(c) {
        0x80..=0xBF => Some(matches!(
            u32::from(c),
            0xAA | 0xB2 | 0xB3 | 0xB5 | 0xB9 | 0xBA | 0xBC..=0xBE
        )),
        0xC0..=0xFF => Some(!matches!(c, '×' | '÷')),
        0x100..=0x17F => Some(true),
        0x2000..=0x206F => Some(false),
        _ => None,
    }
}

impl<'a> Iterator for AlnumWords<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        let text = self.text;
        let b = text.as_bytes();
        let class = self.class;
        let mut i = self.pos;
        // Two tight loops, the separators and then the word, each byte classed by one
        // table lookup (`i` moves by whole characters: always a boundary).
        let start = loop {
            let Some(&c) = b.get(i) else {
                self.pos = b.len();
                return None;
            };
            match class[usize::from(c)] {
                WORD => break i,
                SEPARATOR => i += 1,
                _ => match self.non_ascii(i) {
                    (true, _) => break i,
                    (false, len) => i = past_copies(b, i, len),
                },
            }
        };
        loop {
            let Some(&c) = b.get(i) else {
                self.pos = b.len();
                return text.get(start..);
            };
            match class[usize::from(c)] {
                WORD => i += 1,
                SEPARATOR => {
                    self.pos = i + 1;
                    return text.get(start..i);
                }
                _ => match self.non_ascii(i) {
                    (true, len) => i += len,
                    (false, len) => {
                        self.pos = i + len;
                        return text.get(start..i);
                    }
                },
            }
        }
    }
}

/// Past the character of `len` bytes at `i` and the copies of it that follow (a rule of
/// box-drawing dashes runs to thousands of characters): one compare a character, not a
/// class each.
#[inline]
fn past_copies(b: &[u8], i: usize, len: usize) -> usize {
    match len {
        1 => copies_of::<1>(b, i),
        2 => copies_of::<2>(b, i),
        3 => copies_of::<3>(b, i),
        _ => copies_of::<4>(b, i),
    }
}

/// `past_copies` of a character of `N` bytes: compared whole (no call to a byte compare),
/// and past four copies, eight copies at a time as `N` words of eight bytes.
#[inline(always)]
fn copies_of<const N: usize>(b: &[u8], i: usize) -> usize {
    let Some(&ch) = b.get(i..).and_then(|r| r.first_chunk::<N>()) else {
        return b.len();
    };
    let same = |j: usize| b.get(j..).and_then(|r| r.first_chunk::<N>()) == Some(&ch);
    let mut j = i + N;
    for _ in 0..4 {
        if !same(j) {
            return j;
        }
        j += N;
    }
    // A long run (a rule): eight copies of the character make `N` whole words.
    let mut eight = [0u8; 64];
    for (k, x) in eight.iter_mut().take(8 * N).enumerate() {
        *x = ch[k % N];
    }
    let mut words = [0u64; N];
    for (k, w) in words.iter_mut().enumerate() {
        *w = load8(&eight[8 * k..8 * k + 8]);
    }
    while let Some(r) = b.get(j..j + 8 * N) {
        if (0..N).any(|k| load8(&r[8 * k..8 * k + 8]) != words[k]) {
            break;
        }
        j += 8 * N;
    }
    while same(j) {
        j += N;
    }
    j
}

/// `s.trim_matches(|c| !c.is_alphanumeric() && c != extra)`, with a non-ASCII character's
/// class looked up once per run of the same character (a rule of dashes is one "word" of
/// thousands of characters).
pub fn trim_to_word(s: &str, extra: char) -> &str {
    let mut last = ('\0', false);
    let mut keep = |c: char| {
        if c.is_ascii() {
            return c.is_ascii_alphanumeric() || c == extra;
        }
        if c != last.0 {
            last = (c, c.is_alphanumeric() || c == extra);
        }
        last.1
    };
    let Some((start, _)) = s.char_indices().find(|&(_, c)| keep(c)) else {
        return "";
    };
    let end = s
        .char_indices()
        .rev()
        .find(|&(_, c)| keep(c))
        .map_or(s.len(), |(i, c)| i + c.len_utf8());
    &s[start..end]
}

/// A short line in which the page speaks to its reader or for itself ("Your browser cannot
/// play this video", "We value your privacy"): outside the article's prose, a page message.
pub fn addresses_reader(u: &Unit) -> bool {
    // Quoted speech says "we" and "you" too.
    let quoted = u
        .text
        .starts_with(['"', '“', '„', '«', '‘', '\'', '»', '”']);
    u.words <= 8 && !quoted && alnum_words(&u.lower, false).any(|w| READER_WORDS.contains(w))
}

/// A short line that opens or labels a comment section ("34 Comments", "Leave a reply").
pub fn is_comment_marker(u: &Unit) -> bool {
    u.words <= 10
        && !ends_sentence(&u.text)
        && alnum_words(&u.lower, false).any(|w| COMMENT_WORDS.contains(w))
}

/// For each unit: most of its word 4-grams were already on the page above it (a teaser
/// repeating the lead, a dump of the whole article in page metadata).
#[cfg(test)]
pub fn repeats_earlier_text(units: &[Unit]) -> Vec<bool> {
    // Every unit its own first copy: each line read.
    let own: Vec<u32> = (0..units.len())
        .map(|i| u32::try_from(i).unwrap_or(u32::MAX))
        .collect();
    repeats_earlier_text_with_copies(units, &own)
}

/// `repeats_earlier_text`, given each unit's first copy (`blocks::first_same`: the same text,
/// lower case and word count). A copy's words give its first copy's 4-grams, all held by
/// that copy or a unit before it: every one is old and none is recorded, so the copy
/// repeats earlier text exactly when it has at least eight, its first copy's count.
pub fn repeats_earlier_text_with_copies(units: &[Unit], same: &[u32]) -> Vec<bool> {
    // One 4-gram per word at most: sized once, never grown while the page is read. Each
    // 4-gram maps to the first unit that held it: one lookup per 4-gram both asks whether an
    // earlier unit had it and records it (a 4-gram twice in one unit is not old).
    let mut first = FirstHolder::with_room(units.iter().map(|u| u.words).sum());
    let mut out = Vec::with_capacity(units.len());
    // Each first copy's 4-gram count (at least eight: enough to repeat, when copied).
    let mut enough = vec![false; units.len()];
    for (i, u) in units.iter().enumerate() {
        if let Some(&f) = same.get(i).filter(|&&f| (f as usize) < i) {
            out.push(enough[f as usize]);
            continue;
        }
        let at = i;
        let i = u32::try_from(i).unwrap_or(u32::MAX);
        // Each word is keyed once; a 4-gram's key combines its words' keys, the last three
        // kept as the words go by.
        let (mut grams, mut old) = (0usize, 0usize);
        let (mut seen, mut last) = (0usize, [0u64; 3]);
        let mut add = |k: u64| {
            if seen >= 3 {
                let g =
                    last[0].rotate_left(48) ^ last[1].rotate_left(32) ^ last[2].rotate_left(16) ^ k;
                grams += 1;
                old += usize::from(first.get_or_insert(g, i) < i);
            }
            last = [last[1], last[2], k];
            seen += 1;
        };
        if u.plain {
            plain_word_keys(u.lower.as_bytes(), &mut add);
        } else {
            for w in u.lower.split_ascii_whitespace() {
                add(word_key(w.as_bytes()));
            }
        }
        enough[at] = grams >= 8;
        out.push(grams >= 8 && old * 10 >= grams * 6);
    }
    out
}

/// The first unit that held each 4-gram, for `repeats_earlier_text`: open addressing on
/// the 4-gram's key, whose bits are already mixed, so a lookup is a multiply, a shift and
/// (mostly) one slot, not a general map's hashing and group probe.
struct FirstHolder {
    /// (4-gram, unit); `VACANT` as the unit marks a free slot.
    slots: Vec<(u64, u32)>,
    /// 64 minus log2 of the slot count: a key's slot is its product's top bits.
    shift: u32,
    len: usize,
}

const VACANT: u32 = u32::MAX;

impl FirstHolder {
    /// Room for `n` 4-grams at most half full: short probe runs.
    fn with_room(n: usize) -> Self {
        let cap = (n.max(8) * 2).next_power_of_two();
        FirstHolder {
            slots: vec![(0, VACANT); cap],
            shift: 64 - cap.trailing_zeros(),
            len: 0,
        }
    }

    /// The unit recorded for `g`, after recording `i` if none was. (A unit numbered
    /// `VACANT` is never recorded, and every later unit shares its number: it reads as
    /// new, as the map read it.)
    #[inline(always)]
    fn get_or_insert(&mut self, g: u64, i: u32) -> u32 {
        // Grown past half full (more 4-grams than the words counted): never full, so the
        // probe below ends.
        if self.len * 2 >= self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut at = (g.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize;
        loop {
            let slot = &mut self.slots[at];
            if slot.1 == VACANT {
                *slot = (g, i);
                self.len += 1;
                return i;
            }
            if slot.0 == g {
                return slot.1;
            }
            at = (at + 1) & mask;
        }
    }

    #[cold]
    #[inline(never)]
    fn grow(&mut self) {
        let old = std::mem::take(&mut self.slots);
        *self = FirstHolder::with_room(old.len());
        for (g, i) in old {
            if i != VACANT {
                self.get_or_insert(g, i);
            }
        }
    }
}

/// One step of `word_key`: multiply-and-rotate (a bijection of `h` for a fixed `v`).
#[inline]
fn key_mix(h: u64, v: u64) -> u64 {
    (h.rotate_left(5) ^ v).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The last step of `word_key`: the word's last bytes (at most seven, zero-padded, in the
/// low bytes) and its length (top byte); the high bits folded down, since a multiply mixes
/// upwards only. A word of at most seven bytes gets a key of its own (every step is a
/// bijection).
#[inline]
fn key_end(h: u64, tail: u64, len: usize) -> u64 {
    let h = key_mix(h, tail | (len as u64) << 56);
    h ^ (h >> 29)
}

/// A word's key for `repeats_earlier_text`: its bytes read eight at a time, the last piece
/// zero-padded, and its length. `plain_word_keys` computes the same keys.
fn word_key(w: &[u8]) -> u64 {
    let mut h = 0;
    let mut chunks = w.chunks_exact(8);
    for c in &mut chunks {
        h = key_mix(h, load8(c));
    }
    key_end(h, load8(chunks.remainder()), w.len())
}

/// Up to eight bytes as a little-endian number, zero-padded.
#[inline]
fn load8(b: &[u8]) -> u64 {
    if let Some(c) = b.first_chunk::<8>() {
        return u64::from_le_bytes(*c);
    }
    let mut t = [0u8; 8];
    t[..b.len()].copy_from_slice(b);
    u64::from_le_bytes(t)
}

/// The `word_key` of each word of a single-spaced text (`Unit::plain`), in order, split at
/// its spaces eight bytes at a time: one load per word (and per further eight bytes of a
/// long word) and the first space found with a bit trick, not a test per byte
/// (`split_ascii_whitespace` and the hash cost about 85 instructions a word here).
#[inline]
fn plain_word_keys(b: &[u8], mut each: impl FnMut(u64)) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    const LOW: u64 = ONES * 0x7F;
    let n = b.len();
    let mut i = 0;
    while i < n {
        if b[i] == b' ' {
            // Not in a plain unit's text; skipped as the library's split would.
            i += 1;
            continue;
        }
        let start = i;
        let mut h = 0;
        loop {
            let (x, avail) = match b.get(i..i + 8) {
                Some(c) => (load8(c), 8),
                None => (load8(b.get(i..).unwrap_or_default()), n - i),
            };
            // The high bit of each byte of `x` that is a space, i.e. a zero byte of `t`
            // (exact: the masked add carries into no other byte).
            let t = x ^ (ONES * 0x20);
            let spaces = !(((t & LOW) + LOW) | t) & HIGH;
            // The word's end in this chunk: its first space or the text's end.
            let k = ((spaces.trailing_zeros() >> 3) as usize).min(avail);
            if k == 8 {
                h = key_mix(h, x);
                i += 8;
                continue;
            }
            each(key_end(h, x & !(u64::MAX << (8 * k)), i + k - start));
            i += k + 1;
            break;
        }
    }
}

/// The languages of the function-word list (the `# xx` sections of data/stopwords.txt),
/// and for each word a bit per language it belongs to (one lookup per word).
static LANGS: LazyLock<(Vec<&'static str>, FastMap<&'static str, u8>)> = LazyLock::new(|| {
    let mut codes: Vec<&'static str> = Vec::new();
    let mut words: FastMap<&'static str, u8> = FastMap::default();
    for line in include_str!("data/stopwords.txt").lines().map(str::trim) {
        if let Some(code) = line.strip_prefix("# ") {
            if code.len() == 2 {
                codes.push(code);
            }
        } else if !line.is_empty() && !line.starts_with('#') && !codes.is_empty() {
            *words.entry(line).or_default() |= 1 << (codes.len() - 1);
        }
    }
    (codes, words)
});

/// The function words (`LANGS`: each word's languages) in a table read without hashing a
/// string, for the lookup of every word of every paragraph: a word of at most seven bytes is
/// its own key (`short_key`: its bytes and its length in one number), placed by a multiply
/// and a shift in a table at most an eighth full, so a lookup is two loads, a multiply and
/// mostly one compare. Longer function words (none in the list now) sit in a general map.
struct FunctionWords {
    /// (key, languages); key 0 marks a free slot (a word's key holds its length: never 0).
    slots: Vec<(u64, u8)>,
    /// 64 minus log2 of the slot count: a key's slot is its product's top bits.
    shift: u32,
    long: FastMap<&'static str, u8>,
    /// The longest function word, in bytes: a longer word is looked up nowhere.
    max_len: usize,
}

static FUNCTION_WORDS: LazyLock<FunctionWords> = LazyLock::new(|| FunctionWords::new(&LANGS.1));

impl FunctionWords {
    fn new(words: &FastMap<&'static str, u8>) -> FunctionWords {
        let cap = (words.len().max(8) * 8).next_power_of_two();
        let mut table = FunctionWords {
            slots: vec![(0, 0); cap],
            shift: 64 - cap.trailing_zeros(),
            long: FastMap::default(),
            max_len: words.keys().map(|w| w.len()).max().unwrap_or(0),
        };
        for (&w, &bits) in words {
            let Some(key) = short_key(w.as_bytes()) else {
                table.long.insert(w, bits);
                continue;
            };
            let mask = cap - 1;
            let mut at = table.slot(key);
            while table.slots[at].0 != 0 {
                at = (at + 1) & mask;
            }
            table.slots[at] = (key, bits);
        }
        table
    }

    #[inline(always)]
    fn slot(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// The languages of `w` if it is a function word (`LANGS.1.get(w)`).
    #[inline(always)]
    fn get(&self, w: &[u8]) -> Option<u8> {
        if w.len() > self.max_len || w.is_empty() {
            return None;
        }
        let Some(key) = short_key(w) else {
            return std::str::from_utf8(w)
                .ok()
                .and_then(|w| self.long.get(w).copied());
        };
        let mask = self.slots.len() - 1;
        let mut at = self.slot(key);
        loop {
            let (k, bits) = *self.slots.get(at)?;
            if k == key {
                return Some(bits);
            }
            if k == 0 {
                return None;
            }
            at = (at + 1) & mask;
        }
    }
}

/// A word of one to seven bytes as one number: its bytes in the low seven bytes (zero-padded)
/// and its length in the top byte, so two words have the same key exactly when they are the
/// same. Read in two loads at most, without a copy into a buffer. None for an empty word
/// or one of eight bytes or more.
#[inline(always)]
fn short_key(w: &[u8]) -> Option<u64> {
    let n = w.len();
    let bytes = if let (Some(lo), Some(hi)) = (w.first_chunk::<4>(), w.last_chunk::<4>()) {
        if n > 7 {
            return None;
        }
        // Four to seven bytes: the first four and the last four, overlapping in the middle
        // (the same bytes there, so the two loads' OR is the word).
        u64::from(u32::from_le_bytes(*lo)) | u64::from(u32::from_le_bytes(*hi)) << (8 * (n - 4))
    } else {
        // One to three bytes: the first, the middle and the last (some the same byte).
        let (&first, &last) = (w.first()?, w.last()?);
        let mid = w.get(n / 2).copied().unwrap_or(first);
        u64::from(first) | u64::from(mid) << (8 * (n / 2)) | u64::from(last) << (8 * (n - 1))
    };
    Some(bytes | (n as u64) << 56)
}

/// How many languages `LangHits` counts (the list has four; a fifth would not be counted).
pub const MAX_LANGS: usize = 4;

/// Per language of the function-word list (its order), a count of function words.
pub type LangHits = [u32; MAX_LANGS];

/// Add a function word's languages (`LANGS` bits) to the counts.
fn add_langs(hits: &mut LangHits, bits: u8) {
    for (k, h) in hits.iter_mut().enumerate() {
        if bits & (1 << k) != 0 {
            *h += 1;
        }
    }
}

/// Per language, the function words among the words of `lower` split without apostrophes
/// (`alnum_words(lower, false)`): what `detect_lang` counts (the reference for
/// `prose_features`).
#[cfg(test)]
pub fn lang_hits_of(lower: &str) -> LangHits {
    let mut hits = [0; MAX_LANGS];
    for w in alnum_words(lower, false).filter(|w| w.len() <= *STOP_MAX_LEN) {
        if let Some(&bits) = LANGS.1.get(w) {
            add_langs(&mut hits, bits);
        }
    }
    hits
}

/// `running_prose` and, for a sentence-shaped unit (`is_running_prose_shape`), its
/// `lang_hits_of`: one pass over the words, one lookup per word for both (the language
/// list holds exactly the function words). A word split with apostrophes ("l'avait") is
/// the words split without them joined by "'": those are looked up again.
pub fn prose_features(u: &Unit) -> (bool, LangHits) {
    let mut hits = [0; MAX_LANGS];
    if !is_running_prose_shape(u) {
        return (false, hits);
    }
    let words = &*FUNCTION_WORDS;
    // A line without an apostrophe (most) has none in any word: one search, not one a word.
    let elided = memchr::memchr(b'\'', u.lower.as_bytes()).is_some();
    let (mut total, mut stop) = (0usize, 0usize);
    for w in alnum_words(&u.lower, true) {
        total += 1;
        let bits = words.get(w.as_bytes());
        stop += usize::from(bits.is_some());
        if !elided || !w.as_bytes().contains(&b'\'') {
            if let Some(bits) = bits {
                add_langs(&mut hits, bits);
            }
            continue;
        }
        // An empty piece is no function word (`get` answers None).
        for p in w.as_bytes().split(|&c| c == b'\'') {
            if let Some(bits) = words.get(p) {
                add_langs(&mut hits, bits);
            }
        }
    }
    let ratio = if total == 0 {
        0.0
    } else {
        stop as f64 / total as f64
    };
    let prose = !matches!(u.mark, Mark::Heading(1)) && ratio >= 0.12;
    (prose, hits)
}

/// The language of a text, from the function words of its prose: "en", "de", "fr" or "es",
/// or None when too few words say.
pub fn detect_lang(units: &[Unit]) -> Option<&'static str> {
    let codes = &LANGS.0;
    let mut hits = vec![0usize; codes.len()];
    let mut seen = 0usize;
    for u in units.iter().filter(|u| is_running_prose_shape(u)) {
        // Counted once per unit by `blocks::units` (`prose_features`).
        for (h, &n) in hits.iter_mut().zip(&u.lang_hits) {
            *h += n as usize;
        }
        seen += u.words;
        if seen > 2000 {
            break;
        }
    }
    let (k, &n) = hits
        .iter()
        .enumerate()
        .max_by_key(|(k, &n)| (n, usize::MAX - k))?;
    (n >= 5).then(|| codes[k])
}

/// Sentence-shaped and long, whatever the language (for detecting the language itself).
fn is_running_prose_shape(u: &Unit) -> bool {
    u.mark != Mark::Code && (u.words >= 12 && ends_sentence(&u.text) || u.words >= 25)
}

/// What a short line costs the run it sits in, in words of prose.
const SHORT_LINE_COST: f64 = 10.0;
/// What a line already recognised as furniture costs.
const FURNITURE_COST: f64 = 4.0;

/// The share of a text's words that are function words ("the", "und", "les", "por"): the
/// reference for `prose_features`.
#[cfg(test)]
pub fn stop_word_ratio(lower: &str) -> f64 {
    let mut total = 0usize;
    let mut stop = 0usize;
    for w in alnum_words(lower, true) {
        total += 1;
        if is_stop_word(w) {
            stop += 1;
        }
    }
    if total == 0 {
        0.0
    } else {
        stop as f64 / total as f64
    }
}

/// Running prose: long enough, shaped like sentences, with function words in it (worked
/// out once per unit, by `blocks::units`).
pub fn is_running_prose(u: &Unit) -> bool {
    u.prose
}

/// What `is_running_prose` says of a unit, computed from its text (the reference that
/// `prose_features` must agree with).
#[cfg(test)]
pub fn running_prose(u: &Unit) -> bool {
    if matches!(u.mark, Mark::Code | Mark::Heading(1)) {
        return false;
    }
    let sentence = u.words >= 12 && ends_sentence(&u.text) || u.words >= 25;
    sentence && stop_word_ratio(&u.lower) >= 0.12
}

/// The weight of one unit in the search for the densest run of prose.
fn weight(u: &Unit, furniture: bool) -> f64 {
    if furniture {
        return -FURNITURE_COST;
    }
    if u.mark == Mark::Code {
        return 0.0;
    }
    if is_running_prose(u) {
        // Long paragraphs count fully; very long ones are capped so that one wall of text
        // (a comment dump, a legal notice) cannot outweigh a whole article.
        return (u.words as f64).min(120.0);
    }
    // A list item or a short sentence inside an article costs little; a bare label more.
    if u.words >= 8 && ends_sentence(&u.text) {
        return 0.0;
    }
    -SHORT_LINE_COST
}

/// The densest run of prose: `start..end` over units (end exclusive), or None when the page
/// has no running prose at all. `furniture[i]` says unit i was already recognised as page
/// furniture line by line.
pub fn article_run(
    units: &[Unit],
    furniture: &[bool],
    repeated: &[bool],
    comment_headers: &[bool],
) -> Option<(usize, usize)> {
    let weights: Vec<f64> = units
        .iter()
        .enumerate()
        .map(|(i, u)| weight(u, furniture[i] || repeated[i]))
        .collect();
    let run = densest(&weights, 0, units.len())?;
    // A comment section's header already read as furniture ("Comments" over the policy)
    // closes the search only for a run of one or two paragraphs after it: a comment policy or
    // a short thread, not an article under a share bar's "Comment" button.
    let short_run = (run.0..run.1).filter(|&i| weights[i] > 0.0).count() <= 2;
    // Readers' comments come after the article: the first comment-section line that follows
    // some prose closes the search, so a long thread cannot outweigh a short article.
    let mut prose_words = 0usize;
    for (i, u) in units.iter().enumerate() {
        if weights[i] > 0.0 {
            prose_words += u.words;
        }
        if prose_words < 40 || !is_comment_marker(u) {
            continue;
        }
        if !furniture[i] {
            if run.0 > i {
                return densest(&weights, 0, i).or(Some(run));
            }
            return Some((run.0, run.1.min(i)));
        }
        if comment_headers[i] && short_run && run.0 > i {
            if let Some(before) = densest(&weights, 0, i) {
                return Some(before);
            }
        }
    }
    Some(run)
}

/// The maximum-sum run of `weights[from..to]` (Kadane), from its first positive unit.
fn densest(weights: &[f64], from: usize, to: usize) -> Option<(usize, usize)> {
    let mut best: Option<(f64, usize, usize)> = None;
    let mut sum = 0.0;
    let mut start = from;
    for (i, &w) in weights.iter().enumerate().take(to).skip(from) {
        if sum <= 0.0 {
            sum = 0.0;
            start = i;
        }
        sum += w;
        if w > 0.0 && best.is_none_or(|(b, _, _)| sum > b) {
            best = Some((sum, start, i + 1));
        }
    }
    best.map(|(_, s, e)| {
        let s = (s..e).find(|&i| weights[i] > 0.0).unwrap_or(s);
        (s, e)
    })
}

/// Where the article really ends: the densest run can stop at a stretch of short lines (a
/// table, a list of dates, an embedded post) that the article goes on after. Prose after
/// such a gap still belongs to the article when it keeps to its subject: most of its content
/// words were already used by the article (lexical cohesion). Teasers for other stories
/// share few.
pub fn cohesive_end(
    units: &[Unit],
    furniture: &[bool],
    repeated: &[bool],
    run: (usize, usize),
) -> usize {
    let (s, e) = run;
    // The article's words, gathered only when a paragraph after the run asks (most pages
    // end in furniture, a comment header or nothing at all).
    let article_vocab = || {
        let prose = || {
            units
                .iter()
                .enumerate()
                .take(e)
                .skip(s)
                .filter(|&(i, u)| !furniture[i] && is_running_prose(u))
                .map(|(_, u)| u)
        };
        // Room for every word at once (only asked, never walked), not grown on the way.
        let mut vocab: FastSet<&str> = FastSet::default();
        vocab.reserve(prose().map(|u| u.words).sum());
        for u in prose() {
            vocab.extend(content_words(&u.lower));
        }
        vocab
    };
    let mut vocab: Option<FastSet<&str>> = None;
    let mut end = e;
    let mut gap = 0;
    for j in e..units.len() {
        let u = &units[j];
        if furniture[j] {
            continue;
        }
        if is_comment_marker(u) {
            break;
        }
        if !repeated[j] && is_running_prose(u) {
            let words: Vec<&str> = content_words(&u.lower).collect();
            if words.len() >= 5 {
                let vocab = vocab.get_or_insert_with(article_vocab);
                let hit = words.iter().filter(|w| vocab.contains(*w)).count();
                if hit * 10 >= words.len() * COHESION_TENTHS {
                    end = j + 1;
                    gap = 0;
                    vocab.extend(words);
                    continue;
                }
            }
            break;
        }
        gap += 1;
        if gap > 12 {
            break;
        }
    }
    end
}

/// Whether the article goes on after a box of links at unit `at` (a "Related" block set
/// into it): inside the densest run (up to `to`), more of the article's prose follows the
/// box than stands before it (from `from`), in paragraphs as long as an article's, not the
/// short summaries of a teaser list.
pub fn goes_on_after(
    units: &[Unit],
    furniture: &[bool],
    from: usize,
    at: usize,
    to: usize,
) -> bool {
    let prose = |range: std::ops::Range<usize>| {
        let (mut words, mut paragraphs) = (0usize, 0usize);
        for i in range {
            if !furniture[i] && is_running_prose(&units[i]) {
                words += units[i].words;
                paragraphs += 1;
            }
        }
        (words, paragraphs)
    };
    let (before, _) = prose(from..at);
    let (after, paragraphs) = prose(at + 1..to.min(units.len()));
    paragraphs > 0 && after > before && after >= ARTICLE_PARAGRAPH_WORDS * paragraphs
}

/// The mean length, in words, of the paragraphs that carry an article on after a box of
/// links (a teaser list's summaries run shorter). Tuned by outlet halves: see CONVERSION.md.
const ARTICLE_PARAGRAPH_WORDS: usize = 30;

/// The share (in tenths) of a paragraph's content words the article must already have used
/// for the paragraph to keep to its subject.
const COHESION_TENTHS: usize = 4;

/// Content words of a text (lower case, longer than three letters, not function words).
fn content_words(lower: &str) -> impl Iterator<Item = &str> {
    // No empty piece has more than three characters: skipping them changes nothing.
    alnum_words(lower, false).filter(|w| more_than_three_chars(w) && !is_stop_word(w))
}

/// `w.chars().count() > 3`, from the byte length where it decides (a character is one to
/// four bytes) and otherwise by counting the bytes that open a character (not 80-BF).
#[inline]
fn more_than_three_chars(w: &str) -> bool {
    let b = w.as_bytes();
    match b.len() {
        0..=3 => false,
        16.. => true,
        _ => b.iter().filter(|&&c| !(0x80..0xC0).contains(&c)).count() > 3,
    }
}

/// The share of a line's content words that occur in `lead` (the words of the first
/// paragraphs): a headline announces what its lead then says.
pub fn lead_overlap(lower: &str, lead: &FastSet<&str>) -> f64 {
    let mut n = 0usize;
    let mut hit = 0usize;
    for w in content_words(lower) {
        n += 1;
        // Inflected forms ("launches" / "launched"): compare on a common stem.
        let stem: String = w.chars().take(5).collect();
        if lead.contains(w) || lead.contains(stem.as_str()) {
            hit += 1;
        }
    }
    if n == 0 {
        0.0
    } else {
        hit as f64 / n as f64
    }
}

/// The words (and five-letter stems) of the first prose paragraphs from `start`.
pub fn lead_words<'a>(units: &'a [Unit], start: usize, furniture: &[bool]) -> FastSet<&'a str> {
    let lead = || {
        units
            .iter()
            .enumerate()
            .skip(start)
            .filter(|&(i, u)| !furniture[i] && is_running_prose(u))
            .take(3)
            .map(|(_, u)| u)
    };
    // Room for every word and stem at once (the set is only asked, never walked: its
    // order does not matter), not grown and rehashed on the way.
    let mut set = FastSet::default();
    set.reserve(lead().map(|u| 2 * u.words).sum());
    let mut paragraphs = 0;
    for (i, u) in units.iter().enumerate().skip(start) {
        if furniture[i] || !is_running_prose(u) {
            continue;
        }
        for w in content_words(&u.lower) {
            set.insert(w);
            let cut = w.char_indices().nth(5).map_or(w.len(), |(b, _)| b);
            set.insert(&w[..cut]);
        }
        paragraphs += 1;
        if paragraphs >= 3 {
            break;
        }
    }
    set
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The two-byte fast path of `non_ascii` and the decoding path both class every
    /// character as the library does, with its length.
    #[test]
    fn non_ascii_classes_every_character_as_the_library() {
        for c in (0x80u32..0x11_0000).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            let want = (c.is_alphanumeric(), c.len_utf8());
            let mut words = alnum_words(&text, false);
            assert_eq!(words.non_ascii(1), want, "U+{:04X}", c as u32);
            assert_eq!(words.non_ascii_decoded(1), want, "U+{:04X}", c as u32);
            // At the text's end (no byte after the character).
            let end = format!("a{c}");
            assert_eq!(
                alnum_words(&end, true).non_ascii(1),
                want,
                "U+{:04X}",
                c as u32
            );
        }
    }

    /// A word list's gate turns away only words its set does not hold: the comment and
    /// reader words, words one letter off, and the words of English, German, French and
    /// Spanish lines; a list of words beyond ASCII and an empty list too.
    #[test]
    fn a_word_list_answers_as_its_set() {
        let lines = "34 Comments · Leave a reply · Kommentare (12) · Réagir à cet article · \
            Comentarios: 5 · We value your privacy · Ihre Daten sind uns wichtig · \
            Votre avis nous intéresse · Nuestros lectores y usted · über Ärger émoi ñu";
        let own = WordList::new("# a list\nüber\nÄrger\némoi\n\nñu\n  zz  \n");
        let empty = WordList::new("# nothing\n\n");
        for list in [&*COMMENT_WORDS, &*READER_WORDS, &own, &empty] {
            let mut words: Vec<String> = alnum_words(&blocks::lower_case(lines), false)
                .chain(alnum_words(lines, false))
                .map(str::to_owned)
                .collect();
            for w in &list.set {
                words.push(w.to_string());
                words.push(format!("{w}s"));
                words.push(format!("x{w}"));
                words.push(w.to_uppercase());
                let mut cut = w.to_string();
                cut.pop();
                words.push(cut);
            }
            words.push(String::new());
            for w in &words {
                assert_eq!(list.contains(w), list.set.contains(w.as_str()), "{w:?}");
            }
        }
        assert!(own.contains("über") && own.contains("zz") && !own.contains("Über"));
        assert!(!empty.contains("") && !empty.contains("a"));
    }

    /// The function-word table answers as the map it is built from: every function word,
    /// and words of English, German, French and Spanish text that are not, among them words
    /// one letter longer or shorter than a function word; a table built with words of eight
    /// bytes and more (the general map) too.
    #[test]
    fn the_function_word_table_answers_as_the_map() {
        let table = &*FUNCTION_WORDS;
        for (w, &bits) in LANGS.1.iter() {
            assert_eq!(table.get(w.as_bytes()), Some(bits), "{w}");
            assert!(is_stop_word(w), "{w}");
        }
        let text = "the harbour's boats didn't come in and the town's mayor said it wasn't \
            der hafen war gestern geschlossen weil's stürmte und die boote blieben draußen \
            l'équipe n'a pas pu rentrer au port qu'il a dit et c'est la première fois \
            el alcalde dijo que los barcos no volvieron al puerto del pueblo según él \
            über für dès où año déjà à è ü ß œuvre qu' 'l ' '' x xx xxx abcdefgh nosotros \
            zwischen pourquoi through";
        let mut words: Vec<String> = alnum_words(text, true)
            .chain(alnum_words(text, false))
            .chain(text.split(' '))
            .map(str::to_owned)
            .collect();
        for w in LANGS.1.keys() {
            words.push(format!("{w}s"));
            words.push(format!("a{w}"));
            words.push(format!("{w}\0"));
            words.push(format!("{w}{w}"));
            let mut cut = w.to_string();
            cut.pop();
            words.push(cut);
        }
        words.push(String::new());
        words.push("ñäöü".into());
        words.push("ñäö".into());
        words.push("🙂🙂🙂🙂".into());
        words.push("日本語".into());
        words.push("éééééééé".into());
        for w in &words {
            assert_eq!(more_than_three_chars(w), w.chars().count() > 3, "{w:?}");
            assert_eq!(
                table.get(w.as_bytes()),
                LANGS.1.get(w.as_str()).copied(),
                "{w:?}"
            );
            assert_eq!(is_stop_word(w), STOP_WORDS.contains(w.as_str()), "{w:?}");
        }
        // Keys: the same exactly for the same word.
        let keyed: Vec<(&String, u64)> = words
            .iter()
            .filter_map(|w| Some((w, short_key(w.as_bytes())?)))
            .collect();
        for (a, ka) in &keyed {
            for (b, kb) in &keyed {
                assert_eq!(ka == kb, a == b, "{a:?} {b:?}");
            }
        }
        // Long words go to the general map.
        let mut map: FastMap<&'static str, u8> = FastMap::default();
        for (w, bits) in [("zwischen", 2), ("nosotros", 8), ("the", 1), ("a", 5)] {
            map.insert(w, bits);
        }
        let long = FunctionWords::new(&map);
        for w in [
            "zwischen",
            "nosotros",
            "the",
            "a",
            "zwischen!",
            "nosotro",
            "b",
            "",
            "th",
        ] {
            assert_eq!(long.get(w.as_bytes()), map.get(w).copied(), "{w:?}");
        }
    }

    #[test]
    fn the_quick_character_classes_are_the_library_s() {
        for c in (0x80u32..0x11_0000).filter_map(char::from_u32) {
            if let Some(alnum) = known_alnum(c) {
                assert_eq!(alnum, c.is_alphanumeric(), "U+{:04X}", c as u32);
            }
            let mut buf = [0u8; 4];
            let s = c.encode_utf8(&mut buf);
            let text = format!("a{s}b");
            assert_eq!(
                char_at(text.as_bytes(), 1),
                (c, s.len()),
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn word_splits_agree_with_the_library_split() {
        // `alnum_words` is `split` at non-alphanumeric characters without the empty pieces;
        // the memo of the last non-ASCII character must not carry a class across characters.
        for text in [
            "the minister's talks, said: \"we're done\" (2024)",
            "die ministerin sagte, dass die gespräche über 3½ stunden dauerten",
            "l’état a dit « non » — à 20 h",
            "el niño dijo: ¿qué? ¡sí! año 2024",
            "━━━━━━━━━━━━━━━━━━━━",
            "━━━a━━━é━━━ßß━━1━━",
            "a——–—b —— « » «» ☆☆☆★★ 5 ━━━━┃┃━━ x ‘’‘ é",
            "der Preis: 5 €/Stück ·· ½ · ×× ÷ µ ª º ¹²³ ¼ • ••• ende",
            "日本語のテキスト、東京。",
            "",
            "   ",
            "ünïcödé",
        ] {
            for apostrophe in [false, true] {
                let want: Vec<&str> = text
                    .split(|c: char| !(c.is_alphanumeric() || apostrophe && c == '\''))
                    .filter(|w| !w.is_empty())
                    .collect();
                let got: Vec<&str> = alnum_words(text, apostrophe).collect();
                assert_eq!(got, want, "{text:?} {apostrophe}");
            }
            let want = text.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
            assert_eq!(trim_to_word(text, '-'), want, "{text:?}");
        }
        assert_eq!(trim_to_word("━━-Facebook-━━", '-'), "-Facebook-");
        // Runs of a separator of two, three and four bytes, of every length around the
        // eight-copy steps, ended by a word, by a character sharing its first bytes, or by
        // the text's end.
        for sep in ['«', '━', '—', '🙂', '·'] {
            for n in 0..40 {
                let run = sep.to_string().repeat(n);
                for text in [
                    format!("{run}x{sep}{sep}ab"),
                    format!("a{run}┃{run}é"),
                    format!("{run}–{run}"),
                    format!("b{run}"),
                ] {
                    for apostrophe in [false, true] {
                        let want: Vec<&str> = text
                            .split(|c: char| !(c.is_alphanumeric() || apostrophe && c == '\''))
                            .filter(|w| !w.is_empty())
                            .collect();
                        let got: Vec<&str> = alnum_words(&text, apostrophe).collect();
                        assert_eq!(got, want, "{text:?}");
                    }
                }
            }
        }
        for b in [&b"aaaaaaaaaaaaaaaaaaaaaaab"[..], b"ab", b"a", b""] {
            for i in 0..b.len() {
                let want = i + 1 + b[i + 1..].iter().take_while(|&&c| c == b[i]).count();
                assert_eq!(past_copies(b, i, 1), want, "{b:?} {i}");
            }
        }
    }
    use crate::ingest::blocks;

    fn run_of(text: &str) -> Option<(usize, usize)> {
        let units = blocks::units(text, false);
        let furniture = vec![false; units.len()];
        article_run(
            &units,
            &furniture,
            &repeats_earlier_text(&units),
            &vec![false; units.len()],
        )
    }

    #[test]
    fn a_repeat_needs_an_earlier_unit() {
        // Eight 4-grams or more, six in ten seen in an earlier unit; a line repeating its
        // own words is no repeat of the page above it.
        let lead = "Die Regierung hat am Montag neue Regeln für den Hafen der Stadt beschlossen und damit einen langen Streit beendet";
        let teaser =
            "Die Regierung hat am Montag neue Regeln für den Hafen der Stadt beschlossen, sagt man";
        let twice = "uno dos tres cuatro cinco seis siete ocho nueve diez uno dos tres cuatro cinco seis siete ocho nueve diez";
        let text = format!("{lead}\n\n{teaser}\n\n{twice}\n\nShort line");
        let units = blocks::units(&text, false);
        assert_eq!(repeats_earlier_text(&units), [false, true, false, false]);
        let text = format!("{twice}\n\n{twice}");
        let units = blocks::units(&text, false);
        assert_eq!(repeats_earlier_text(&units), [false, true]);
    }

    /// A copy of a line answers as the 4-gram pass read it: `repeats_earlier_text_with_copies`
    /// given `first_same` says what reading every line says, on pages in four languages with
    /// long and short lines printed again (after other lines, right after themselves, a
    /// teaser and its copy), so that copies with eight 4-grams or more, with fewer, and of
    /// lines that already repeat are all met.
    #[test]
    fn copies_repeat_as_the_pass_reads_them() {
        let lines = [
            "The harbour of the small town reopened on Tuesday after a storm had closed it for three days",
            "Der Hafen der kleinen Stadt wurde am Dienstag wieder geöffnet, nachdem ein Sturm ihn geschlossen hatte",
            "Le port de la petite ville a rouvert mardi après une tempête qui l'avait fermé pendant trois jours",
            "El puerto de la pequeña ciudad volvió a abrir el martes después de que una tormenta lo cerrara",
            "The harbour of the small town reopened on Tuesday, the mayor said",
            "Menu",
            "Teilen Sie diesen Artikel",
            "uno dos tres cuatro cinco seis siete ocho nueve diez uno dos tres cuatro cinco seis siete ocho",
        ];
        for order in [
            &[0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3, 4, 5, 6, 7][..],
            &[5, 0, 0, 4, 4, 6, 1, 6, 2, 3, 7, 7, 3, 2, 1, 5],
            &[4, 7, 5, 4, 0, 4, 7, 6, 6, 6, 1],
        ] {
            let text: Vec<&str> = order.iter().map(|&k| lines[k]).collect();
            let units = blocks::units(&text.join("\n\n"), false);
            let same = blocks::first_same(&units);
            assert!(same.iter().enumerate().any(|(i, &f)| (f as usize) < i));
            let want = repeats_earlier_text(&units);
            assert!(want.iter().any(|&r| r) && want.iter().any(|&r| !r));
            assert_eq!(
                repeats_earlier_text_with_copies(&units, &same),
                want,
                "{order:?}"
            );
        }
    }

    #[test]
    fn the_first_holder_answers_as_a_map_and_grows_past_its_room() {
        // Room for eight, fed a thousand keys (some repeated, some in the same slot's run):
        // each lookup gives what a map's `entry().or_insert()` gives.
        let mut table = FirstHolder::with_room(8);
        let mut map: FastMap<u64, u32> = FastMap::default();
        for n in 0..1000u64 {
            let g = if n % 3 == 0 { n / 3 } else { n << 40 };
            let i = u32::try_from(n / 7).expect("small");
            assert_eq!(table.get_or_insert(g, i), *map.entry(g).or_insert(i), "{n}");
        }
        assert!(table.slots.len() >= 2 * map.len());
        // Units near the top of the numbering, the last one (`VACANT`) never recorded: each
        // answer is the map's, the top unit's read as new.
        let mut table = FirstHolder::with_room(8);
        for (g, i) in [
            (1, u32::MAX - 1),
            (1, u32::MAX),
            (2, u32::MAX),
            (2, u32::MAX),
            (3, 0),
        ] {
            let want = if i == u32::MAX && g == 2 {
                i
            } else {
                *map.entry(g << 50).or_insert(i)
            };
            assert_eq!(table.get_or_insert(g << 50, i), want, "{g} {i}");
        }
    }

    #[test]
    fn plain_word_keys_are_the_keys_of_the_split_words() {
        // Words of every length around the eight-byte steps, non-ASCII letters, a text
        // ending on a chunk's edge, and stray spaces (not in plain units, still read right).
        let texts = [
            "",
            "a",
            "abcdefgh",
            "abcdefgh ijklmnop",
            "abcdefghi jk lmnopqrstuvwxyz0123 x",
            "the minister said that the talks were over",
            "der bürgermeister läßt grüßen, außerdem: straßenbahn",
            "l’été à paris — très chaud « oui »",
            "el año pasado también llovió mucho",
            " two  spaces and ends ",
            "12345678 1234567 123456789",
        ];
        for t in texts {
            let mut fast = Vec::new();
            plain_word_keys(t.as_bytes(), |k| fast.push(k));
            let slow: Vec<u64> = t
                .split_ascii_whitespace()
                .map(|w| word_key(w.as_bytes()))
                .collect();
            assert_eq!(fast, slow, "{t:?}");
        }
        // Different words, different keys; the same word, the same key wherever it stands.
        let mut all = Vec::new();
        plain_word_keys(b"a ab abc abcdefg abcdefgh abcdefgha b ba", |k| all.push(k));
        let distinct: FastSet<u64> = all.iter().copied().collect();
        assert_eq!(distinct.len(), all.len());
        let mut twice = Vec::new();
        plain_word_keys(b"haus und haus", |k| twice.push(k));
        assert_eq!(twice[0], twice[2]);
        assert_ne!(twice[0], twice[1]);
    }

    #[test]
    fn function_words_of_four_languages() {
        assert!(stop_word_ratio("the minister said that the talks were over") > 0.4);
        assert!(stop_word_ratio("der minister sagte, dass die gespräche vorbei sind") > 0.3);
        assert!(stop_word_ratio("le ministre a dit que les pourparlers sont finis") > 0.3);
        assert!(stop_word_ratio("el ministro dijo que las conversaciones terminaron") > 0.2);
        assert!(stop_word_ratio("home news sport weather business") < 0.1);
    }

    #[test]
    fn the_run_skips_menus_and_teasers() {
        let text = "Home\n\nNews\n\nSport\n\nWeather\n\n\
            Harbour reopens after the storm\n\n\
            The harbour of the small town reopened on Tuesday after a storm had closed it for three days, the port authority said in a statement.\n\n\
            Boats that had waited outside the breakwater came in one by one during the morning, and the first ferry left at noon with a full deck.\n\n\
            More stories\n\nCouncil votes on budget\n\nSchool wins prize\n\nNew bakery opens\n\nContact us\n";
        let (s, e) = run_of(text).expect("a run");
        let units = blocks::units(text, false);
        assert!(
            units[s].text.starts_with("The harbour"),
            "{}",
            units[s].text
        );
        assert!(
            units[e - 1].text.starts_with("Boats"),
            "{}",
            units[e - 1].text
        );
    }

    #[test]
    fn the_run_holds_in_german_french_and_spanish() {
        for (lead, second) in [
            ("Der Hafen der kleinen Stadt wurde am Dienstag wieder geöffnet, nachdem ein Sturm ihn drei Tage lang geschlossen hatte.",
             "Die Boote, die vor der Mole gewartet hatten, kamen am Morgen einzeln herein, und die erste Fähre fuhr am Mittag ab."),
            ("Le port de la petite ville a rouvert mardi après une tempête qui l'avait fermé pendant trois jours, a indiqué la capitainerie.",
             "Les bateaux qui attendaient devant la digue sont entrés un par un dans la matinée, et le premier ferry est parti à midi."),
            ("El puerto de la pequeña ciudad volvió a abrir el martes después de que una tormenta lo cerrara durante tres días, según la autoridad portuaria.",
             "Los barcos que esperaban fuera del rompeolas entraron uno a uno por la mañana, y el primer ferry salió al mediodía."),
        ] {
            let text = format!("Start\n\nMenü\n\nSuche\n\nTitel der Seite hier\n\n{lead}\n\n{second}\n\nImpressum\n\nKontakt\n\nDatenschutz\n");
            let units = blocks::units(&text, false);
            let (s, e) = run_of(&text).expect("a run");
            assert_eq!(units[s].text, lead);
            assert_eq!(units[e - 1].text, second);
        }
    }

    #[test]
    fn a_headline_shares_words_with_its_lead() {
        let text = "Harbour reopens after the storm\n\nThe harbour of the small town reopened on Tuesday after a storm had closed it for three days, the port authority said.\n";
        let units = blocks::units(text, false);
        let furniture = vec![false; units.len()];
        let lead = lead_words(&units, 1, &furniture);
        assert!(lead_overlap("harbour reopens after the storm", &lead) > 0.9);
        assert!(lead_overlap("sign up for our newsletter", &lead) < 0.1);
    }

    /// `prose_features`' one pass agrees with its two references on sentences with
    /// apostrophes and elisions, in the four languages.
    #[test]
    fn prose_features_agree_with_the_separate_passes() {
        assert!(LANGS.0.len() <= MAX_LANGS);
        // The language list holds exactly the function words: one lookup answers both.
        let keys: FastSet<&str> = LANGS.1.keys().copied().collect();
        assert_eq!(keys, *STOP_WORDS);
        for text in [
            "The harbour's boats didn't come in, and the town's mayor said it wasn't the first time that it had happened.",
            "Der Hafen war gestern geschlossen, weil's stürmte, und die Boote blieben draußen, sagte der Bürgermeister.",
            "L'équipe n'a pas pu rentrer au port, qu'il a dit, et c'est la première fois que l'on voit ça depuis des années.",
            "El alcalde dijo que los barcos no volvieron al puerto del pueblo y que no es la primera vez que pasa algo así.",
            "# Heading 'one' of the page with enough words to be shaped like a sentence in it.",
            "' '' ''' a'b 'c d' of the and 'the' l'la",
            "Die Fähre fährt ab Montag wieder, sagte die Sprecherin der Reederei am Dienstag in der Stadt.",
            "Le maire a dit que les bateaux ne sont pas rentrés au port de la ville depuis trois jours déjà.",
            "Según el alcalde, los barcos del puerto no salieron ayer por la tormenta que llegó de noche.",
            "The mayor said the ferries would run again from Monday, after three days in the harbour.",
            "Les élèves de l’école n’ont pas eu cours, a dit le maire, qu’on a vu près du port ce jour-là.",
        ] {
            for u in blocks::units(text, true) {
                let (prose, hits) = prose_features(&u);
                assert_eq!(prose, running_prose(&u), "{text}");
                let want = if is_running_prose_shape(&u) {
                    lang_hits_of(&u.lower)
                } else {
                    [0; MAX_LANGS]
                };
                assert_eq!(hits, want, "{text}");
            }
        }
    }

    #[test]
    fn the_language_of_four_texts() {
        for (text, lang) in [
            ("The harbour of the small town reopened on Tuesday after a storm had closed it for three days, and the boats came in one by one.", "en"),
            ("Der Hafen der kleinen Stadt wurde am Dienstag wieder geöffnet, nachdem ein Sturm ihn für drei Tage geschlossen hatte, und die Boote kamen herein.", "de"),
            ("Le port de la petite ville a rouvert mardi après une tempête qui l'avait fermé pendant trois jours, et les bateaux sont entrés un par un dans le port.", "fr"),
            ("El puerto de la pequeña ciudad volvió a abrir el martes después de que una tormenta lo cerrara durante tres días, y los barcos entraron uno a uno por la mañana.", "es"),
        ] {
            let units = blocks::units(text, false);
            assert_eq!(detect_lang(&units), Some(lang), "{text}");
        }
        assert_eq!(detect_lang(&blocks::units("Home\n\nNews\n", false)), None);
    }

    #[test]
    fn page_messages_address_the_reader() {
        for (text, yes) in [
            ("Your browser cannot play this video.", true),
            ("Ihr Browser kann dieses Video nicht abspielen.", true),
            ("Votre navigateur ne peut pas lire cette vidéo.", true),
            ("Suscríbase a nuestro boletín", true),
            ("Harbour reopens after the storm", false),
            ("The harbour of the small town reopened on Tuesday after a storm had closed it, and we were there to see it.", false),
        ] {
            let units = blocks::units(text, false);
            assert_eq!(addresses_reader(&units[0]), yes, "{text}");
        }
    }

    #[test]
    fn an_article_goes_on_after_an_inline_box_but_a_teaser_list_does_not() {
        // One lead paragraph, a box of links, then long paragraphs of the same article.
        let long = |lang: &str| {
            match lang {
            "en" => "The harbour of the small town reopened on Tuesday after a storm had closed it for three days, and the port authority said that the boats which had waited outside the breakwater could now come in one by one, while the first ferry would leave at noon with a full deck and the repairs to the northern quay would take another month.",
            "de" => "Der Hafen der kleinen Stadt wurde am Dienstag wieder geöffnet, nachdem ein Sturm ihn drei Tage lang geschlossen hatte, und die Hafenbehörde teilte mit, dass die Boote, die vor der Mole gewartet hatten, nun einzeln hereinkommen könnten, während die erste Fähre am Mittag ablegen werde und die Reparatur des nördlichen Kais noch einen Monat dauere.",
            "fr" => "Le port de la petite ville a rouvert mardi après une tempête qui l'avait fermé pendant trois jours, et la capitainerie a indiqué que les bateaux qui attendaient devant la digue pourraient désormais entrer un par un, tandis que le premier ferry partirait à midi avec un pont plein et que la réparation du quai nord prendrait encore un mois.",
            _ => "El puerto de la pequeña ciudad volvió a abrir el martes después de que una tormenta lo cerrara durante tres días, y la autoridad portuaria dijo que los barcos que esperaban fuera del rompeolas podrían entrar uno a uno, mientras el primer ferry saldría al mediodía con la cubierta llena y la reparación del muelle norte tardaría otro mes.",
        }
        };
        let short = "Council votes on the budget for the new school and the old swimming pool of the harbour district tonight.";
        for lang in ["en", "de", "fr", "es"] {
            let p = long(lang);
            let article =
                format!("{p}\n\nRelated\n\nCouncil votes on budget\n\n{p}\n\n{p}\n\n{p}\n");
            let units = blocks::units(&article, false);
            let furniture: Vec<bool> = units.iter().map(|u| u.text == "Related").collect();
            assert!(
                goes_on_after(&units, &furniture, 0, 1, units.len()),
                "{lang}"
            );
            // Teasers: headline and one-sentence summary, again and again.
            let teasers = format!("{p}\n\nRelated\n\nCouncil votes\n\n{short}\n\nSchool opens\n\n{short}\n\nPool closes\n\n{short}\n\nFerry late\n\n{short}\n");
            let units = blocks::units(&teasers, false);
            let furniture: Vec<bool> = units.iter().map(|u| u.text == "Related").collect();
            assert!(
                !goes_on_after(&units, &furniture, 0, 1, units.len()),
                "{lang}"
            );
        }
    }

    #[test]
    fn no_prose_no_run() {
        assert_eq!(run_of("Home\n\nNews\n\nContact\n"), None);
    }
}
