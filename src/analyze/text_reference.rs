//! The tokenizer as it was before it read byte offsets directly (a table of character
//! positions for non-ASCII text): the reference the current one must agree with.

use super::super::lexicon::lexicon;
use super::{is_abbreviation, is_apostrophe, push_word, split_hyphenated, Token};

pub(crate) fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    if text.is_ascii() {
        scan(text, &Ascii(text.as_bytes()), &mut tokens);
    } else {
        let wide = Wide {
            chars: text.char_indices().collect(),
            len: text.len(),
        };
        scan(text, &wide, &mut tokens);
    }
    tokens
}

/// Character positions of a text.
trait Positions {
    /// Number of characters.
    fn count(&self) -> usize;
    fn char_at(&self, k: usize) -> Option<char>;
    /// Byte offset of character `k` (the text's length past the end).
    fn byte_at(&self, k: usize) -> usize;
}

struct Ascii<'a>(&'a [u8]);

impl Positions for Ascii<'_> {
    #[inline]
    fn count(&self) -> usize {
        self.0.len()
    }
    #[inline]
    fn char_at(&self, k: usize) -> Option<char> {
        self.0.get(k).map(|&b| b as char)
    }
    #[inline]
    fn byte_at(&self, k: usize) -> usize {
        k.min(self.0.len())
    }
}

struct Wide {
    chars: Vec<(usize, char)>,
    len: usize,
}

impl Positions for Wide {
    fn count(&self) -> usize {
        self.chars.len()
    }
    fn char_at(&self, k: usize) -> Option<char> {
        self.chars.get(k).map(|&(_, c)| c)
    }
    fn byte_at(&self, k: usize) -> usize {
        self.chars.get(k).map_or(self.len, |&(b, _)| b)
    }
}

fn scan<'a, P: Positions>(text: &'a str, pos: &P, tokens: &mut Vec<Token<'a>>) {
    let lx = lexicon();
    let mut sentence_start = true;
    let mut i = 0;
    let n = pos.count();
    let char_at = |k: usize| pos.char_at(k);
    let byte_at = |k: usize| pos.byte_at(k);
    while i < n {
        let Some(c) = char_at(i) else { break };
        if !c.is_alphanumeric() {
            match c {
                '.' | '!' | '?' | '\n' | ':' | ';' | '"' | '“' | '”' | '(' | ')' | '[' | ']'
                | '—' | '–' | '|' | '•' => {
                    if c != '.' || !tokens.last().is_some_and(|t| is_abbreviation(t.text, lx)) {
                        sentence_start = true;
                    }
                    if let Some(t) = tokens.last_mut() {
                        t.break_after = true;
                    }
                }
                c if c.is_whitespace() => {}
                _ => {
                    if let Some(t) = tokens.last_mut() {
                        t.break_after = true;
                    }
                }
            }
            i += 1;
            continue;
        }
        // A word: alphanumerics joined by single apostrophes, hyphens or dots.
        let start = i;
        let mut j = i;
        while j < n {
            let Some(c) = char_at(j) else { break };
            let joiner = (c == '-' || c == '.' || is_apostrophe(c))
                && char_at(j + 1).is_some_and(char::is_alphanumeric);
            if c.is_alphanumeric() || joiner {
                j += 1;
            } else {
                break;
            }
        }
        // Keep the final dot of an acronym ("U.S.") or an abbreviation ("Mr.").
        let mut end = j;
        let word = &text[byte_at(start)..byte_at(end)];
        let mut dotted = false;
        if char_at(end) == Some('.') && (word.contains('.') || is_abbreviation(word, lx)) {
            end += 1;
            dotted = true;
        }
        let (sb, eb) = (byte_at(start), byte_at(end));
        let mut next = end;
        let word = &text[sb..eb];
        let parts = if word.contains('-') {
            split_word(word, sb)
        } else {
            Parts::One([(sb, eb, false)])
        };
        for part in parts.as_slice().iter().copied() {
            let (ps, pe, forced_break) = part;
            let apostrophe = text[ps..pe].contains(['\'', '’']);
            push_word(
                text,
                ps,
                pe,
                forced_break,
                apostrophe,
                &mut sentence_start,
                tokens,
            );
        }
        if !dotted && char_at(next).is_some_and(is_apostrophe) {
            if let Some(t) = tokens.last_mut() {
                if t.text.ends_with(['s', 'S']) {
                    t.possessive = true;
                    t.break_after = true;
                }
            }
            next += 1;
        }
        i = next;
        if dotted {
            // The dot of "U.S." can also end a sentence: decide by what follows.
            let after = text[byte_at(i)..].chars().find(|c| !c.is_whitespace());
            let last = tokens.last().map(|t| t.text).unwrap_or_default();
            if !is_abbreviation(last, lx)
                && after.is_some_and(char::is_uppercase)
                && !last.contains('.')
            {
                sentence_start = true;
            }
        }
    }
}

/// The parts of a word: almost always one, so no allocation for it.
enum Parts {
    One([(usize, usize, bool); 1]),
    Many(Vec<(usize, usize, bool)>),
}

impl Parts {
    fn as_slice(&self) -> &[(usize, usize, bool)] {
        match self {
            Parts::One(a) => a,
            Parts::Many(v) => v,
        }
    }
}

/// Split a hyphenated word where its parts should be separate words. Returns byte ranges
/// and whether a name run must end after the part.
fn split_word(word: &str, base: usize) -> Parts {
    Parts::Many(split_hyphenated(word, base))
}
