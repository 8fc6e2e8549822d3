//! Raw bytes → normalised text: encodings, line endings, odd spaces, binary detection.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// What the bytes were read as, reported when it was not plain UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Charset {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

impl Charset {
    pub fn label(self) -> &'static str {
        match self {
            Charset::Utf8 => "UTF-8",
            Charset::Utf8Bom => "UTF-8 with BOM",
            Charset::Utf16Le => "UTF-16LE",
            Charset::Utf16Be => "UTF-16BE",
            Charset::Windows1252 => "Windows-1252",
        }
    }
}

/// Why bytes cannot be read as a text document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotText {
    Empty,
    Binary(&'static str),
}

/// Decode `raw` into text with `\n` line endings, ordinary spaces and no invisible characters.
pub fn decode(raw: &[u8]) -> Result<(String, Charset), NotText> {
    if let Some(kind) = known_binary(raw) {
        return Err(NotText::Binary(kind));
    }
    let (text, charset) = if let Some(rest) = raw.strip_prefix(b"\xEF\xBB\xBF") {
        (String::from_utf8_lossy(rest).into_owned(), Charset::Utf8Bom)
    } else if let Some(rest) = raw.strip_prefix(b"\xFF\xFE") {
        (decode_with(UTF_16LE, rest), Charset::Utf16Le)
    } else if let Some(rest) = raw.strip_prefix(b"\xFE\xFF") {
        (decode_with(UTF_16BE, rest), Charset::Utf16Be)
    } else if let Some(le) = bomless_utf16(raw) {
        if le {
            (decode_with(UTF_16LE, raw), Charset::Utf16Le)
        } else {
            (decode_with(UTF_16BE, raw), Charset::Utf16Be)
        }
    } else if raw[..raw.len().min(8192)].contains(&0) {
        return Err(NotText::Binary("contains NUL bytes"));
    } else {
        match std::str::from_utf8(raw) {
            Ok(s) => (normalise(s), Charset::Utf8),
            // Not UTF-8: pages saved by older tools are almost always Windows-1252 (a superset
            // of Latin-1 that has the curly quotes and dashes news text is full of).
            Err(_) => (decode_with(WINDOWS_1252, raw), Charset::Windows1252),
        }
    };
    let text = if charset == Charset::Utf8 {
        text
    } else {
        normalise(&text)
    };
    if text.trim().is_empty() {
        return Err(NotText::Empty);
    }
    if looks_binary(&text) {
        return Err(NotText::Binary("is mostly control characters"));
    }
    Ok((text, charset))
}

fn decode_with(enc: &'static Encoding, bytes: &[u8]) -> String {
    enc.decode_without_bom_handling(bytes).0.into_owned()
}

/// File formats people drop by mistake, named so the warning can say what to do.
fn known_binary(raw: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF-", "is a PDF; save its text as a .txt file"),
        (
            b"PK\x03\x04",
            "is a ZIP archive (or a Word/OpenDocument file); save its text as a .txt file",
        ),
        (b"\x89PNG", "is a PNG image"),
        (b"\xFF\xD8\xFF", "is a JPEG image"),
        (b"GIF8", "is a GIF image"),
        (b"\x1F\x8B", "is gzip-compressed"),
        (
            b"\xD0\xCF\x11\xE0",
            "is an old Office document; save its text as a .txt file",
        ),
        (b"{\\rtf", "is an RTF document; save it as plain text"),
    ];
    MAGIC
        .iter()
        .find(|(magic, _)| raw.starts_with(magic))
        .map(|(_, what)| *what)
}

/// UTF-16 saved without a BOM shows as a zero in every other byte of ASCII text.
/// Returns Some(true) for little-endian, Some(false) for big-endian.
fn bomless_utf16(raw: &[u8]) -> Option<bool> {
    let sample = &raw[..raw.len().min(4096) & !1];
    // Without a zero byte neither half can hold the 70 % it needs (one memchr, not two
    // counting passes).
    if sample.len() < 8 || memchr::memchr(0, sample).is_none() {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_zero = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_zero = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if odd_zero * 10 >= pairs * 7 && even_zero * 10 <= pairs {
        Some(true)
    } else if even_zero * 10 >= pairs * 7 && odd_zero * 10 <= pairs {
        Some(false)
    } else {
        None
    }
}

/// `normalise` removes every control character but `\n` (C0, DEL and C1 alike), so in its
/// output only U+FFFD (EF BF BD) can count: text without an EF byte is settled by one memchr
/// instead of classing 8,192 characters.
fn looks_binary(text: &str) -> bool {
    if memchr::memchr(0xEF, text.as_bytes()).is_none() {
        return false;
    }
    looks_binary_slow(text)
}

fn looks_binary_slow(text: &str) -> bool {
    let mut total = 0usize;
    let mut bad = 0usize;
    for c in text.chars().take(8192) {
        total += 1;
        if c == '\u{FFFD}' || (c.is_control() && c != '\n') {
            bad += 1;
        }
    }
    total > 0 && bad * 10 > total
}

/// Bytes that can open what `normalise` replaces: ASCII controls but `\n`, DEL, the
/// apostrophe (doubled), and the lead bytes C2, E1, E2, E3, EF.
const MAY_OPEN: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = b != b'\n' as usize;
        b += 1;
    }
    t[b'\'' as usize] = true;
    t[0x7F] = true;
    t[0xC2] = true;
    t[0xE1] = true;
    t[0xE2] = true;
    t[0xE3] = true;
    t[0xEF] = true;
    t
};

/// None of the first 32 bytes of `w` can open what `normalise` replaces: no ASCII control
/// but `\n`, no DEL, no apostrophe, no lead byte C2, E1, E3 or EF, and no E2 followed by 80
/// or 81 (the 33rd byte is read for the 32nd's neighbour). Curly quotes and dashes (E2 80)
/// make a chunk busy; accented letters, box-drawing rules (E2 94) and other scripts do
/// not. Written as one pass of bitwise tests without branches, which the compiler turns
/// into vector compares.
#[inline]
fn quiet(w: &[u8; 33]) -> bool {
    let mut any = false;
    for k in 0..32 {
        let (b, next) = (w[k], w[k + 1]);
        any |= (b < 0x20) & (b != b'\n')
            | (b == b'\'')
            | (b == 0x7F)
            | (b == 0xC2)
            | (b == 0xE1)
            | (b == 0xE3)
            | (b == 0xEF)
            | (b == 0xE2) & (next & 0xFE == 0x80);
    }
    !any
}

/// The length of the UTF-8 character a byte opens (1 for ASCII; a continuation byte, never
/// asked here, counts 1).
#[inline]
fn utf8_len(b: u8) -> usize {
    match b {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xFF => 4,
        _ => 1,
    }
}

/// Whether the character at `i` (its lead byte `b`, which `MAY_OPEN` lets through) is one
/// `normalise` replaces or removes, read from its first bytes: ASCII controls but `\n`,
/// DEL, a doubled apostrophe, C1 controls, no-break space and soft hyphen (C2 80-A0, C2 AD),
/// U+1680 (E1 9A 80), U+2000-U+200D, U+2028, U+2029, U+202F (E2 80), U+205F and U+2060
/// (E2 81), U+3000 (E3 80 80) and U+FEFF (EF BB BF). Curly quotes and dashes (E2 80 9x),
/// "©" or "«" are not: they were decoded and kept.
#[inline]
fn replaced_at(bytes: &[u8], i: usize, b: u8) -> bool {
    let at = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
    match b {
        0xC2 => matches!(at(1), 0x80..=0xA0 | 0xAD),
        0xE1 => at(1) == 0x9A && at(2) == 0x80,
        0xE2 => matches!(
            (at(1), at(2)),
            (0x80, 0x80..=0x8D | 0xA8 | 0xA9 | 0xAF) | (0x81, 0x9F | 0xA0)
        ),
        0xE3 => at(1) == 0x80 && at(2) == 0x80,
        0xEF => at(1) == 0xBB && at(2) == 0xBF,
        b'\'' => at(1) == b'\'',
        _ => b < 0x20 && b != b'\n' || b == 0x7F,
    }
}

/// One pass: CRLF/CR → LF, tabs and exotic spaces → space, invisible characters removed,
/// typewriter doubled apostrophes → a double quote. Lines keep their text; trimming and
/// collapsing happen per line later.
pub fn normalise(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    // Copy runs of ordinary text in one go. Chunks of 32 bytes that hold nothing to replace
    // (`quiet`) are skipped whole; in others, and in the last bytes, a byte that opens
    // nothing replaced is settled by one table lookup (`MAY_OPEN`) and a lead byte by the
    // character's first bytes (`replaced_at`).
    let n = bytes.len();
    let mut run = 0;
    let mut i = 0;
    while i < n {
        let stop = match bytes.get(i..).and_then(<[u8]>::first_chunk::<33>) {
            Some(w) if quiet(w) => {
                i += 32;
                continue;
            }
            Some(_) => i + 32,
            None => n,
        };
        while i < stop {
            let b = bytes[i];
            if !MAY_OPEN[b as usize] {
                i += 1;
                continue;
            }
            if !replaced_at(bytes, i, b) {
                i += utf8_len(b);
                continue;
            }
            let Some(c) = text[i..].chars().next() else {
                i = n;
                break;
            };
            let len = c.len_utf8();
            let replacement: Option<&str> = match c {
                '\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        Some("")
                    } else {
                        Some("\n")
                    }
                }
                '\u{2028}' | '\u{2029}' | '\u{0B}' | '\u{0C}' | '\u{85}' => Some("\n"),
                '\t'
                | '\u{A0}'
                | '\u{1680}'
                | '\u{2000}'..='\u{200A}'
                | '\u{202F}'
                | '\u{205F}'
                | '\u{3000}' => Some(" "),
                '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}' => Some(""),
                '\'' => Some("\""),
                c if c.is_control() => Some(""),
                _ => None,
            };
            match replacement {
                Some(r) => {
                    out.push_str(&text[run..i]);
                    out.push_str(r);
                    // A doubled apostrophe consumes both.
                    let used = if c == '\'' { 2 } else { len };
                    i += used;
                    run = i;
                }
                None => i += len,
            }
        }
    }
    out.push_str(&text[run..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let (t, c) = decode("caf\u{e9}\n".as_bytes()).unwrap();
        assert_eq!((t.as_str(), c), ("caf\u{e9}\n", Charset::Utf8));
        let (t, c) = decode(b"\xEF\xBB\xBFhello").unwrap();
        assert_eq!((t.as_str(), c), ("hello", Charset::Utf8Bom));
    }

    #[test]
    fn windows_1252_smart_quotes() {
        // “Quoted” – dash, café, in Windows-1252 bytes.
        let raw = b"\x93Quoted\x94 \x96 dash, caf\xE9";
        let (t, c) = decode(raw).unwrap();
        assert_eq!(c, Charset::Windows1252);
        assert_eq!(t, "\u{201C}Quoted\u{201D} \u{2013} dash, caf\u{e9}");
    }

    #[test]
    fn utf16_both_orders_with_and_without_bom() {
        let text = "Headline here\r\nBody text\u{2019}s line";
        let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        let want = "Headline here\nBody text\u{2019}s line";
        let with_bom = |bom: &[u8], body: &[u8]| [bom, body].concat();
        assert_eq!(
            decode(&with_bom(b"\xFF\xFE", &le)).unwrap(),
            (want.into(), Charset::Utf16Le)
        );
        assert_eq!(
            decode(&with_bom(b"\xFE\xFF", &be)).unwrap(),
            (want.into(), Charset::Utf16Be)
        );
        assert_eq!(decode(&le).unwrap(), (want.into(), Charset::Utf16Le));
        assert_eq!(decode(&be).unwrap(), (want.into(), Charset::Utf16Be));
    }

    #[test]
    fn line_endings_and_spaces() {
        let (t, _) = decode(b"a\r\nb\rc\n\td\xC2\xA0e\xE2\x80\x8Bf").unwrap();
        assert_eq!(t, "a\nb\nc\n d ef");
    }

    #[test]
    fn empty_and_binary() {
        assert_eq!(decode(b""), Err(NotText::Empty));
        assert_eq!(decode(b" \r\n\t\n"), Err(NotText::Empty));
        assert!(matches!(decode(b"%PDF-1.7 ..."), Err(NotText::Binary(_))));
        assert!(matches!(
            decode(b"ab\0\0\x01\x02cd\0"),
            Err(NotText::Binary(_))
        ));
    }

    #[test]
    fn symbols_that_share_a_lead_byte_with_odd_spaces_are_kept() {
        // E2 opens both the odd spaces (U+2000-U+200A, U+2028) and dashes, rules and arrows;
        // E3 both the ideographic space and CJK text.
        assert_eq!(
            normalise("━━━\u{2003}→ suite\u{2028}— más\u{3000}東京\u{1680}x\u{FEFF}y"),
            "━━━ → suite\n— más 東京 xy"
        );
    }

    #[test]
    fn the_binary_test_reads_normalised_text_as_the_full_count_does() {
        // Controls of every kind go in; after `normalise` only U+FFFD can count.
        let mut samples: Vec<String> = vec![
            "Plain English text, a line.\nAnother.".into(),
            "Die Straße war gesperrt; l’été à Paris; año \u{FFFD} uno".into(),
            "\u{FFFD}\u{FFFD}\u{FFFD}ab".into(),
            "\u{1}\u{2}\u{7f}\u{85}\u{9f}\u{FFFD}x\r\n\t\u{b}\u{c}".into(),
            "\u{FEFF}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}abc".into(),
            "ｅｆ full width, 東京 and ━━━".into(),
        ];
        samples.push("\u{FFFD}".repeat(9000) + &"a".repeat(100));
        samples.push("a".repeat(9000) + &"\u{FFFD}".repeat(100));
        for raw in &samples {
            let text = normalise(raw);
            assert!(
                !text.chars().any(|c| c.is_control() && c != '\n'),
                "{raw:?}"
            );
            assert_eq!(looks_binary(&text), looks_binary_slow(&text), "{raw:?}");
        }
        assert!(looks_binary(&normalise("\u{FFFD}\u{FFFD}ab")));
    }

    #[test]
    fn every_character_normalises_as_the_full_test_reads_it() {
        // Each control, space and invisible character between letters: the byte table must
        // not skip a lead byte that a replacement needs.
        for c in (0u32..0x3100)
            .chain(0xFE00..0x10000)
            .filter_map(char::from_u32)
        {
            let r = match c {
                '\n' => "\n".to_string(),
                '\r' | '\u{2028}' | '\u{2029}' | '\u{0B}' | '\u{0C}' | '\u{85}' => "\n".into(),
                '\t'
                | '\u{A0}'
                | '\u{1680}'
                | '\u{2000}'..='\u{200A}'
                | '\u{202F}'
                | '\u{205F}'
                | '\u{3000}' => " ".into(),
                '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}' => String::new(),
                c if c.is_control() => String::new(),
                c => c.to_string(),
            };
            let want = if c == '\'' {
                "a'b\"c'".to_string()
            } else {
                format!("a{r}b\"c{r}")
            };
            assert_eq!(
                normalise(&format!("a{c}b''c{c}")),
                want,
                "U+{:04X}",
                c as u32
            );
        }
    }

    /// `normalise` read one character at a time: the reference for its chunked scan.
    fn normalise_by_chars(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\r' if chars.peek() == Some(&'\n') => {}
                '\'' if chars.peek() == Some(&'\'') => {
                    chars.next();
                    out.push('"');
                }
                '\r' | '\u{2028}' | '\u{2029}' | '\u{0B}' | '\u{0C}' | '\u{85}' => out.push('\n'),
                '\t'
                | '\u{A0}'
                | '\u{1680}'
                | '\u{2000}'..='\u{200A}'
                | '\u{202F}'
                | '\u{205F}'
                | '\u{3000}' => out.push(' '),
                '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}' => {}
                c if c.is_control() && c != '\n' => {}
                c => out.push(c),
            }
        }
        out
    }

    #[test]
    fn the_chunked_scan_finds_every_replacement_at_every_offset() {
        // Each kept or replaced character at every position of the 32-byte chunks,
        // between ASCII, accented letters and curly quotes; apostrophes split by a step.
        let specials = [
            "\r\n", "\r", "\t", "\u{A0}", "\u{AD}", "\u{85}", "\u{9F}", "\u{1}", "\u{7F}", "''",
            "'", "’", "“", "—", "–", "©", "«", "»", "\u{2003}", "\u{200B}", "\u{2028}", "\u{202F}",
            "\u{205F}", "\u{2060}", "\u{2061}", "\u{3000}", "\u{3001}", "\u{1680}", "\u{FEFF}",
            "\u{FFFD}", "━", "é", "ß", "東", "😀", "\n",
        ];
        for special in specials {
            for pad in 0..70 {
                for tail in ["", "x", "'", "é abc", "Straße ’’ l’été"] {
                    let text = format!("{}{special}{tail}{special}", "a".repeat(pad));
                    assert_eq!(normalise(&text), normalise_by_chars(&text), "{text:?}");
                }
            }
        }
        let long =
            "Der Bürgermeister sagte: ''Wir öffnen\u{A0}den Hafen.'' L’été,\tañO\r\n".repeat(9);
        assert_eq!(normalise(&long), normalise_by_chars(&long));
    }

    #[test]
    fn doubled_apostrophes_become_quotes() {
        assert_eq!(normalise("''Hello'' she said"), "\"Hello\" she said");
    }
}
