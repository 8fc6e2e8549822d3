//! Bytes of a saved page → text. The order browsers use: a byte-order mark, then the charset
//! the page declares (`<meta charset>` or `http-equiv`) or its MHTML part declares, then
//! detection (valid UTF-8, else `chardetng`'s guess, which reads Windows-1252 and Latin-1
//! pages right).

use std::sync::LazyLock;

use encoding_rs::{Encoding, UTF_8};
use regex::bytes::Regex;

/// How far into the page a charset declaration is looked for (browsers stop at 1024 bytes;
/// saved pages often carry long comments or scripts before it, so look further).
const PRESCAN: usize = 16 * 1024;

static META_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i-u)<meta\s[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)"#).expect("valid regex")
});

/// The text and the name of the character set it was read as.
pub struct Decoded {
    pub text: String,
    pub charset: &'static str,
    /// Where the character set came from: `bom`, `declared`, `meta`, `utf-8`, `detected`.
    pub how: &'static str,
}

/// The encoding a label names, with the HTML rule that a page declaring UTF-16 in its own
/// bytes is really an ASCII-compatible page (UTF-8).
fn label_encoding(label: &[u8]) -> Option<&'static Encoding> {
    let e = Encoding::for_label(label)?;
    Some(
        if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE {
            UTF_8
        } else {
            e
        },
    )
}

/// The charset the page's own markup declares, if any.
pub fn declared_in_markup(raw: &[u8]) -> Option<&'static Encoding> {
    let head = &raw[..raw.len().min(PRESCAN)];
    META_CHARSET
        .captures_iter(head)
        .filter_map(|c| c.get(1))
        .find_map(|m| label_encoding(m.as_bytes()))
}

/// Decode `raw`. `declared` is a charset label from outside the page (an MHTML part header).
pub fn decode(raw: &[u8], declared: Option<&str>) -> Decoded {
    if let Some((enc, bom_len)) = Encoding::for_bom(raw) {
        let (text, _) = enc.decode_without_bom_handling(&raw[bom_len..]);
        return Decoded {
            text: text.into_owned(),
            charset: enc.name(),
            how: "bom",
        };
    }
    let outside = declared.and_then(|l| label_encoding(l.trim().as_bytes()));
    let (stated, how) = match outside {
        Some(e) => (Some(e), "declared"),
        None => (declared_in_markup(raw), "meta"),
    };
    let valid_utf8 = std::str::from_utf8(raw).is_ok();
    if let Some(enc) = stated {
        // A page that says UTF-8 but is not (re-saved by an editor in another charset) is
        // detected instead of filled with replacement characters.
        if enc != UTF_8 || valid_utf8 {
            let (text, _, _) = enc.decode(raw);
            return Decoded {
                text: text.into_owned(),
                charset: enc.name(),
                how,
            };
        }
    }
    if valid_utf8 {
        return Decoded {
            text: String::from_utf8_lossy(raw).into_owned(),
            charset: UTF_8.name(),
            how: "utf-8",
        };
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(raw, true);
    let enc = detector.guess(None, chardetng::Utf8Detection::Allow);
    let (text, _, _) = enc.decode(raw);
    Decoded {
        text: text.into_owned(),
        charset: enc.name(),
        how: "detected",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_windows_1252() {
        let mut page = b"<html><head><meta charset=\"windows-1252\"><title>Caf".to_vec();
        page.push(0xE9); // é
        page.extend_from_slice(b" \x93quoted\x94</title></head></html>");
        let d = decode(&page, None);
        assert_eq!(d.charset, "windows-1252");
        assert_eq!(d.how, "meta");
        assert!(d.text.contains("Café “quoted”"), "{}", d.text);
    }

    #[test]
    fn http_equiv_latin1_is_read_as_windows_1252() {
        let mut page =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"><p>Se"
                .to_vec();
        page.push(0xF1); // ñ
        page.extend_from_slice(b"or</p>");
        let d = decode(&page, None);
        assert_eq!(d.charset, "windows-1252");
        assert!(d.text.contains("Señor"));
    }

    #[test]
    fn undeclared_latin_text_is_detected() {
        let text = "<p>Le président a déclaré à la presse que la réunion était terminée. Ça a été une journée très chargée, où l'on a parlé de l'économie française.</p>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        let d = decode(&bytes, None);
        assert_eq!(d.how, "detected");
        assert_eq!(d.text, text);
    }

    #[test]
    fn bom_wins_and_is_removed() {
        let d = decode(b"\xEF\xBB\xBF<p>x</p>", Some("windows-1252"));
        assert_eq!(
            (d.charset, d.how, d.text.as_str()),
            ("UTF-8", "bom", "<p>x</p>")
        );
        let mut with_bom = vec![0xFF, 0xFE];
        for u in "<p>é</p>".encode_utf16() {
            with_bom.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&with_bom, None);
        assert_eq!((d.charset, d.text.as_str()), ("UTF-16LE", "<p>é</p>"));
    }

    #[test]
    fn a_false_utf8_declaration_is_detected_instead() {
        // Says UTF-8, is Windows-1252: "Zürich" with a lone 0xFC byte.
        let mut page = b"<meta charset=utf-8><p>Z".to_vec();
        page.extend_from_slice(&[0xFC]);
        page.extend_from_slice(
            b"rich is a city on a lake, and the old town lies on both banks of the river.</p>",
        );
        let d = decode(&page, None);
        assert_eq!(d.how, "detected");
        assert_ne!(d.charset, "UTF-8");
        assert!(d.text.contains("Zürich"), "{}", d.text);
    }
}
