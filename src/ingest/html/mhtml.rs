//! MHTML (`.mhtml`, `.mht`): the MIME multipart a browser's "save as single file" writes. The
//! page is its first `text/html` part; the part's `Content-Location` (or the archive's
//! `Snapshot-Content-Location`) is the address it was saved from.

use mail_parser::{HeaderName, HeaderValue, MessageParser, MessagePart, PartType};

/// The page inside an archive.
pub struct Page {
    pub html: String,
    /// The address the page was saved from.
    pub location: Option<String>,
}

/// Why an archive gave no page.
#[derive(Debug, PartialEq, Eq)]
pub enum NoPage {
    NotMime,
    NoHtmlPart,
}

fn header_text<'a>(part: &'a MessagePart<'_>, name: &str) -> Option<&'a str> {
    part.headers.iter().find_map(|h| {
        let hit = match &h.name {
            HeaderName::ContentLocation => name.eq_ignore_ascii_case("content-location"),
            HeaderName::Other(n) => n.eq_ignore_ascii_case(name),
            _ => false,
        };
        if !hit {
            return None;
        }
        match &h.value {
            HeaderValue::Text(t) => Some(t.as_ref()),
            HeaderValue::TextList(l) => l.first().map(|t| t.as_ref()),
            _ => None,
        }
    })
}

/// The first HTML part of an MHTML archive.
pub fn page(raw: &[u8]) -> Result<Page, NoPage> {
    let message = MessageParser::default().parse(raw).ok_or(NoPage::NotMime)?;
    let root = message.parts.first().ok_or(NoPage::NotMime)?;
    let snapshot = header_text(root, "snapshot-content-location").map(str::to_string);
    for part in &message.parts {
        if let PartType::Html(html) = &part.body {
            let location = header_text(part, "content-location")
                .map(|s| s.trim().to_string())
                .filter(|s| s.starts_with("http://") || s.starts_with("https://"))
                .or(snapshot);
            return Ok(Page {
                html: html.to_string(),
                location,
            });
        }
    }
    Err(NoPage::NoHtmlPart)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARCHIVE: &str = "From: <Saved by Blink>\r\nSnapshot-Content-Location: https://news.example/a/story\r\nSubject: A story\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"----MultipartBoundary--abc\"\r\n\r\n------MultipartBoundary--abc\r\nContent-Type: text/html\r\nContent-ID: <frame-1@mhtml.blink>\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Location: https://news.example/a/story\r\n\r\n<html><head><meta charset=3D\"utf-8\"></head><body><h1>Caf=C3=A9 opens</h1></body></html>\r\n------MultipartBoundary--abc\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\nContent-Location: https://news.example/logo.png\r\n\r\niVBORw0KGgo=\r\n------MultipartBoundary--abc--\r\n";

    #[test]
    fn the_html_part_and_its_address() {
        let p = page(ARCHIVE.as_bytes()).unwrap();
        assert!(p.html.contains("<h1>Café opens</h1>"), "{}", p.html);
        assert_eq!(p.location.as_deref(), Some("https://news.example/a/story"));
    }

    #[test]
    fn an_archive_without_html() {
        let a = "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: image/png\r\n\r\nxx\r\n--b--\r\n";
        assert_eq!(page(a.as_bytes()).err(), Some(NoPage::NoHtmlPart));
    }
}
