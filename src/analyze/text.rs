//! From a Markdown body to plain-text blocks and word tokens.
//!
//! Paragraph numbers follow one definition shared with the renderer: the N-th
//! `Start(Tag::Paragraph)` event (1-based) of a pulldown-cmark parse of the body with
//! [`markdown_options`] is paragraph N, and the renderer gives it `id="pN"`.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::lexicon::lexicon;

/// The parser options paragraph numbers are defined with.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// What kind of block a piece of text came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BlockKind {
    Title,
    Heading,
    /// A paragraph, with its 1-based number.
    Paragraph(u32),
    /// Text outside paragraphs: tight list items, table cells.
    Other,
}

#[derive(Debug, Clone)]
pub(crate) struct Block {
    pub kind: BlockKind,
    /// Inside a block quote.
    pub quoted: bool,
    /// Soft and hard line breaks are kept as `\n`.
    pub text: String,
    /// Offset of this block's first byte in the document's plain text (title, then blocks,
    /// each followed by a blank line).
    pub offset: u32,
}

/// The title and the body's text blocks, in order. Code, HTML and image descriptions are
/// left out; link text is kept.
pub(crate) fn blocks(title: &str, body: &str) -> Vec<Block> {
    let mut out = vec![Block {
        kind: BlockKind::Title,
        quoted: false,
        text: title.trim().to_string(),
        offset: 0,
    }];
    let mut paragraphs = 0u32;
    let mut quote_depth = 0usize;
    let mut skip_depth = 0usize;
    let mut current: Option<Block> = None;
    let mut offset = title.trim().len() as u32 + 2;
    let flush = |current: &mut Option<Block>, out: &mut Vec<Block>, offset: &mut u32| {
        if let Some(mut b) = current.take() {
            let trimmed = b.text.trim();
            if !trimmed.is_empty() {
                if trimmed.len() != b.text.len() {
                    b.text = trimmed.to_string();
                }
                b.offset = *offset;
                *offset += b.text.len() as u32 + 2;
                out.push(b);
            }
        }
    };
    let start = |kind: BlockKind, quoted: bool| Block {
        kind,
        quoted,
        text: String::new(),
        offset: 0,
    };
    for event in Parser::new_ext(body, markdown_options()) {
        match event {
            Event::Start(Tag::Paragraph) => {
                paragraphs += 1;
                flush(&mut current, &mut out, &mut offset);
                current = Some(start(BlockKind::Paragraph(paragraphs), quote_depth > 0));
            }
            Event::Start(Tag::Heading { .. }) => {
                flush(&mut current, &mut out, &mut offset);
                current = Some(start(BlockKind::Heading, quote_depth > 0));
            }
            Event::Start(Tag::Item) | Event::Start(Tag::TableCell) => {
                flush(&mut current, &mut out, &mut offset);
                current = Some(start(BlockKind::Other, quote_depth > 0));
            }
            Event::End(TagEnd::Paragraph)
            | Event::End(TagEnd::Heading(_))
            | Event::End(TagEnd::Item)
            | Event::End(TagEnd::TableCell) => flush(&mut current, &mut out, &mut offset),
            Event::Start(Tag::BlockQuote(_)) => {
                flush(&mut current, &mut out, &mut offset);
                quote_depth += 1;
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                flush(&mut current, &mut out, &mut offset);
                quote_depth = quote_depth.saturating_sub(1);
            }
            Event::Start(Tag::CodeBlock(_))
            | Event::Start(Tag::HtmlBlock)
            | Event::Start(Tag::Image { .. })
            | Event::Start(Tag::MetadataBlock(_)) => skip_depth += 1,
            Event::End(TagEnd::CodeBlock)
            | Event::End(TagEnd::HtmlBlock)
            | Event::End(TagEnd::Image)
            | Event::End(TagEnd::MetadataBlock(_)) => skip_depth = skip_depth.saturating_sub(1),
            Event::Text(t) | Event::Code(t) if skip_depth == 0 => {
                let block = current.get_or_insert_with(|| start(BlockKind::Other, quote_depth > 0));
                block.text.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak if skip_depth == 0 => {
                if let Some(b) = current.as_mut() {
                    b.text.push('\n');
                }
            }
            _ => {}
        }
    }
    flush(&mut current, &mut out, &mut offset);
    out
}

/// A word of running text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token<'a> {
    /// The word without a possessive ending, e.g. `Blinken` for `Blinken's`.
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    /// First word of a sentence, line, quotation or parenthesis.
    pub sentence_start: bool,
    /// Something other than a space follows: punctuation, a possessive, a line break. Name
    /// runs end here.
    pub break_after: bool,
    pub possessive: bool,
}

impl Token<'_> {
    pub fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// An acronym such as `UN`, `NATO`, `U.S.`: at least two letters, all upper case.
    pub fn is_acronym(&self) -> bool {
        let letters = self.text.chars().filter(|c| c.is_alphabetic()).count();
        letters >= 2
            && self
                .text
                .chars()
                .all(|c| c.is_uppercase() || c == '.' || c.is_ascii_digit())
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Split text into words. Hyphenated words whose parts are capitalised ("Israel-Hamas") are
/// split; a capitalised part before a lower-case one ("Hamas-ruled") becomes its own word.
/// Lower-case particles stay joined to a name ("al-Sisi").
#[cfg(test)]
pub(crate) fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    tokenize_into(text, &mut tokens);
    tokens
}

/// [`tokenize`] into a buffer reused across the blocks of a document.
pub(crate) fn tokenize_into<'a>(text: &'a str, tokens: &mut Vec<Token<'a>>) {
    tokens.clear();
    let lx = lexicon();
    let mut sentence_start = true;
    let mut i = 0;
    let n = text.len();
    // Byte offsets throughout, each character decoded where it is read: no table of
    // character positions, and ASCII (most text) costs a byte comparison.
    while i < n {
        let c = char_at(text, i);
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
            i += c.len_utf8();
            continue;
        }
        // A word: alphanumerics joined by single apostrophes, hyphens or dots.
        let start = i;
        let mut j = i;
        let (mut hyphen, mut apostrophe) = (false, false);
        while j < n {
            let b = text.as_bytes()[j];
            if b.is_ascii_alphanumeric() {
                j += 1;
                continue;
            }
            let c = char_at(text, j);
            let next = j + c.len_utf8();
            let joiner = (c == '-' || c == '.' || is_apostrophe(c))
                && next < n
                && char_at(text, next).is_alphanumeric();
            if c.is_alphanumeric() || joiner {
                hyphen |= c == '-';
                apostrophe |= joiner && c != '-' && c != '.';
                j = next;
            } else {
                break;
            }
        }
        // Keep the final dot of an acronym ("U.S.") or an abbreviation ("Mr.").
        let mut end = j;
        let word = &text[start..end];
        let mut dotted = false;
        if text.as_bytes().get(end) == Some(&b'.')
            && (word.contains('.') || is_abbreviation(word, lx))
        {
            end += 1;
            dotted = true;
        }
        let word = &text[start..end];
        if hyphen {
            for (ps, pe, forced_break) in split_hyphenated(word, start) {
                let part = &text[ps..pe];
                let apostrophe = part.contains(['\'', '’']);
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
        } else {
            push_word(
                text,
                start,
                end,
                false,
                apostrophe,
                &mut sentence_start,
                tokens,
            );
        }
        let mut next = end;
        if !dotted && next < n && is_apostrophe(char_at(text, next)) {
            if let Some(t) = tokens.last_mut() {
                if t.text.ends_with(['s', 'S']) {
                    t.possessive = true;
                    t.break_after = true;
                }
            }
            next += char_at(text, next).len_utf8();
        }
        i = next;
        if dotted {
            // The dot of "U.S." can also end a sentence: decide by what follows.
            let after = text[i..].chars().find(|c| !c.is_whitespace());
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

/// The runs of letters and digits of `text`, in order: the pieces of [`tokenize_into`]'s
/// tokens once they are split at their joiners (`-`, `.`, apostrophes) and possessive
/// endings, since a token never cuts a run: what the search index counts. The index reads
/// them in one pass of its own (`search::words_into`, held to these runs by a test); a test
/// holds these to the tokenizer.
#[cfg(test)]
pub(crate) fn word_runs(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    // Whether the character at `i` is a letter or digit, and its length. The loops below
    // test ASCII bytes inline (this runs on every byte the search index reads).
    let wide = move |i: usize| -> (bool, usize) {
        let c = char_at(text, i);
        (c.is_alphanumeric(), c.len_utf8())
    };
    std::iter::from_fn(move || {
        while i < n {
            let b = bytes[i];
            if b.is_ascii() {
                if b.is_ascii_alphanumeric() {
                    break;
                }
                i += 1;
            } else {
                let (alnum, len) = wide(i);
                if alnum {
                    break;
                }
                i += len;
            }
        }
        if i >= n {
            return None;
        }
        let start = i;
        while i < n {
            let b = bytes[i];
            if b.is_ascii() {
                if !b.is_ascii_alphanumeric() {
                    break;
                }
                i += 1;
            } else {
                let (alnum, len) = wide(i);
                if !alnum {
                    break;
                }
                i += len;
            }
        }
        Some(&text[start..i])
    })
}

/// The character starting at byte `i` of `text` (a character boundary).
#[inline]
pub(super) fn char_at(text: &str, i: usize) -> char {
    let b = text.as_bytes()[i];
    if b.is_ascii() {
        char::from(b)
    } else {
        text[i..]
            .chars()
            .next()
            .unwrap_or(char::REPLACEMENT_CHARACTER)
    }
}

/// One word (or part of a hyphenated word) as a token, its possessive ending split off.
/// `apostrophe`: the word has one inside.
fn push_word<'a>(
    text: &'a str,
    ps: usize,
    pe: usize,
    forced_break: bool,
    apostrophe: bool,
    sentence_start: &mut bool,
    tokens: &mut Vec<Token<'a>>,
) {
    let mut t = Token {
        text: &text[ps..pe],
        start: ps,
        end: pe,
        sentence_start: *sentence_start,
        break_after: forced_break,
        possessive: false,
    };
    *sentence_start = false;
    // Possessive endings: `'s` inside the word, or a bare apostrophe after an s.
    let apostrophe = apostrophe && t.text.len() > 2;
    for suffix in ["'s", "’s", "'S", "’S"].into_iter().filter(|_| apostrophe) {
        if let Some(stripped) = t.text.strip_suffix(suffix) {
            if !stripped.is_empty() {
                t.text = stripped;
                t.end = ps + stripped.len();
                t.possessive = true;
                t.break_after = true;
            }
        }
    }
    tokens.push(t);
}

fn is_abbreviation(word: &str, lx: &super::lexicon::Lexicon) -> bool {
    let bare = word.trim_end_matches('.');
    if bare.len() > 5 {
        return false;
    }
    let mut buf = [0u8; 5];
    let known = if bare.is_ascii() {
        let b = &mut buf[..bare.len()];
        b.copy_from_slice(bare.as_bytes());
        b.make_ascii_lowercase();
        std::str::from_utf8(b).is_ok_and(|l| lx.abbreviations.contains(l))
    } else {
        lx.abbreviations.contains(bare.to_lowercase().as_str())
    };
    known || (bare.contains('.') && bare.split('.').all(|p| p.chars().count() == 1))
}

/// Split a hyphenated word where its parts should be separate words. Returns byte ranges
/// and whether a name run must end after the part.
fn split_hyphenated(word: &str, base: usize) -> Vec<(usize, usize, bool)> {
    let parts: Vec<&str> = word.split('-').collect();
    let caps = |p: &str| p.chars().next().is_some_and(char::is_uppercase);
    // A lower-case particle before a name stays attached: al-Sisi, el-Sheikh, bin-Laden.
    if parts.len() == 2 && !caps(parts[0]) && parts[0].len() <= 3 && caps(parts[1]) {
        return vec![(base, base + word.len(), false)];
    }
    if !caps(parts[0]) {
        return vec![(base, base + word.len(), false)];
    }
    // Capitalised parts are names of their own only when one of them is a known name (a
    // listed place, people or organisation: "Israel-Hamas", "Franco-German"); otherwise they
    // are one name ("Wi-Fi", "Coca-Cola", "Jean-Luc"), whose parts alone name nothing.
    let caps_end = parts.iter().position(|p| !caps(p)).unwrap_or(parts.len());
    if caps_end >= 2 && !parts[..caps_end].iter().any(|p| is_known_name(p)) {
        let joined = parts[..caps_end].iter().map(|p| p.len()).sum::<usize>() + caps_end - 1;
        let mut out = vec![(base, base + joined, false)];
        if caps_end < parts.len() {
            // The lower-case remainder is one word, as below.
            out.push((base + joined + 1, base + word.len(), false));
        }
        return out;
    }
    let mut out = Vec::new();
    let mut pos = base;
    let mut k = 0;
    while k < parts.len() {
        let p = parts[k];
        if caps(p) {
            out.push((pos, pos + p.len(), true));
            pos += p.len() + 1;
            k += 1;
        } else {
            // The lower-case remainder is one word: "ruled", "backed-up".
            out.push((pos, base + word.len(), false));
            break;
        }
    }
    out
}

/// A word the built-in lists know as a name on its own: a place, a people, a listed
/// organisation.
fn is_known_name(word: &str) -> bool {
    let lx = lexicon();
    let lower = word.to_lowercase();
    lx.places.contains_key(lower.as_str())
        || lx.demonyms.contains(lower.as_str())
        || lx.listed.contains_key(&super::lexicon::name_key(word))
}

/// The tokenizer as it was before it read byte offsets directly (a table of character
/// positions for non-ASCII text): the reference the current one must agree with.
#[cfg(test)]
#[path = "text_reference.rs"]
mod reference;

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text).collect()
    }

    #[test]
    fn word_runs_are_the_pieces_of_tokens() {
        let texts = [
            "the U.S. envoy's plan for Gaza’s Hamas-ruled south, 3.5% up (al-Sisi) O'Brien",
            "Mr. Smith said: \"It's done.\" Jones' dog; e-mail: a.b@c.de — 1,000 km/h",
            "Ça a été l'été d'Anne-Sophie. Über 50 Menschen, São Paulo: ½ 2ª x\u{301}y",
            "Israel-Hamas-Iran talks, backed-up U.N.-led plan... 'quoted' ‘curly’ end's",
            "",
            "   ,,, ",
        ];
        for text in texts {
            let mut pieces = Vec::new();
            for t in tokenize(text) {
                pieces.extend(t.text.split(|c: char| !c.is_alphanumeric()));
            }
            pieces.retain(|p| !p.is_empty());
            // A possessive `'s` is cut from its token: only the lone `s` may differ.
            let runs: Vec<&str> = word_runs(text).collect();
            let without_s: Vec<&str> = runs
                .iter()
                .copied()
                .filter(|r| !matches!(*r, "s" | "S"))
                .collect();
            let pieces_without_s: Vec<&str> = pieces
                .into_iter()
                .filter(|r| !matches!(*r, "s" | "S"))
                .collect();
            assert_eq!(without_s, pieces_without_s, "{text}");
        }
        assert_eq!(
            word_runs("Gaza’s Hamas-ruled, 3.5").collect::<Vec<_>>(),
            ["Gaza", "s", "Hamas", "ruled", "3", "5"]
        );
    }

    #[test]
    fn possessives_acronyms_and_hyphens() {
        assert_eq!(
            words("the U.S. envoy's plan for Gaza’s Hamas-ruled south"),
            ["the", "U.S.", "envoy", "plan", "for", "Gaza", "Hamas", "ruled", "south"]
        );
        assert_eq!(
            words("the Israel-Hamas war; al-Sisi met Mr. Jones"),
            ["the", "Israel", "Hamas", "war", "al-Sisi", "met", "Mr.", "Jones"]
        );
        let t = tokenize("Hamas’ leadership");
        assert!(t[0].possessive && t[0].break_after && t[0].text == "Hamas");
    }

    #[test]
    fn a_hyphenated_name_of_unknown_parts_is_one_word() {
        assert_eq!(
            words("Wi-Fi 7 routers and Wi-Fi-enabled lamps"),
            ["Wi-Fi", "7", "routers", "and", "Wi-Fi", "enabled", "lamps"]
        );
        let t = tokenize("Jean-Luc Picard met the Coca-Cola Company and Franco-German envoys");
        let texts: Vec<&str> = t.iter().map(|t| t.text).collect();
        assert_eq!(
            texts,
            [
                "Jean-Luc",
                "Picard",
                "met",
                "the",
                "Coca-Cola",
                "Company",
                "and",
                "Franco",
                "German",
                "envoys"
            ]
        );
        // One name runs on past a joined word; a known name's parts stay apart.
        assert!(!t[0].break_after);
        assert!(t[7].break_after);
    }

    #[test]
    fn sentence_starts() {
        let t = tokenize("He left. The talks in the U.S. Congress began.\nNew line");
        let starts: Vec<&str> = t
            .iter()
            .filter(|t| t.sentence_start)
            .map(|t| t.text)
            .collect();
        assert_eq!(starts, ["He", "The", "New"]);
    }

    /// Tokens as comparable values.
    fn fields(t: &[Token<'_>]) -> Vec<(String, usize, usize, bool, bool, bool)> {
        t.iter()
            .map(|t| {
                let f = (t.sentence_start, t.break_after, t.possessive);
                (t.text.to_string(), t.start, t.end, f.0, f.1, f.2)
            })
            .collect()
    }

    #[test]
    fn tokenizer_agrees_with_the_reference_on_edge_cases() {
        for text in [
            "",
            "U.S. envoy's talks. Mr. Jones' plan — and al-Sisi’s “Hamas-ruled” Gaza…",
            "Ünal Çelik said: «Ça va.» 3-D A.B.C. e.g. x.y z'",
            "end with dot. And apostrophe' \u{b}vertical\u{c}feed\r\nCRLF Z.",
            "Israel-Hamas-Fatah-led talks. Co-op. -lead 'quoted' ’’ ’s 's",
            "naïve café résumé—Straße. ΑΘΗΝΑ Αθήνα. 北京 Tokyo",
        ] {
            let mut tokens = Vec::new();
            tokenize_into(text, &mut tokens);
            assert_eq!(
                fields(&tokens),
                fields(&reference::tokenize(text)),
                "{text:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn tokenizer_agrees_with_the_reference(
            text in "([a-zA-Z0-9]{1,6}|[ .,'’\\-:;\"“”()\n\t\u{b}!?|•—–]|[ÉéßÜü北Α]|Mr|U\\.S|e\\.g){0,40}"
        ) {
            let mut tokens = Vec::new();
            tokenize_into(&text, &mut tokens);
            proptest::prop_assert_eq!(fields(&tokens), fields(&reference::tokenize(&text)));
        }
    }

    #[test]
    fn blocks_number_paragraphs_like_the_renderer() {
        let md = "# Head\n\nFirst para.\n\n> quoted para\n\n- tight item\n\n```\ncode\n```\n\nLast *one*.";
        let b = blocks("Title", md);
        let kinds: Vec<BlockKind> = b.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Title,
                BlockKind::Heading,
                BlockKind::Paragraph(1),
                BlockKind::Paragraph(2),
                BlockKind::Other,
                BlockKind::Paragraph(3)
            ]
        );
        assert!(b[3].quoted);
        assert_eq!(b[5].text, "Last one.");
        assert!(!b.iter().any(|b| b.text.contains("code")));
    }
}
