//! A bound on nesting before the page is parsed. An HTML tree builder checks the stack of
//! open elements at every start tag, so markup nested tens of thousands deep (hostile or
//! broken) costs quadratic time. Like browsers, which stop nesting at 512, tags beyond
//! [`MAX_DEPTH`] are left out; the text inside them is kept.

/// Deeper start tags (and their end tags) are dropped.
pub const MAX_DEPTH: usize = 512;

/// Elements that never hold content, or whose end tag is optional: they are not counted, so
/// a page of unclosed `<p>` or `<li>` is not taken for a deep one.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody",
    "thead", "tfoot", "colgroup", "rb", "rt", "rp", "caption", "image", "keygen",
];

/// Elements whose content is raw text (no tags inside).
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "plaintext",
    "noembed",
    "noframes",
    "iframe",
];

/// The page with its over-deep tags removed, or `None` when no tag is deeper than
/// [`MAX_DEPTH`] (the common case: nothing is copied).
pub fn flatten(html: &str) -> Option<String> {
    let b = html.as_bytes();
    let mut depth = 0usize;
    let mut dropped_open = 0usize;
    // Byte ranges to leave out, found in one pass.
    let mut cut: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while let Some(off) = memchr(b'<', &b[i..]) {
        let start = i + off;
        i = start + 1;
        if b[i..].starts_with(b"!--") {
            i = find(b, i + 3, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        let closing = b.get(i) == Some(&b'/');
        let name_start = if closing { i + 1 } else { i };
        let name_end = b[name_start..]
            .iter()
            .position(|c| !c.is_ascii_alphanumeric() && *c != b'-' && *c != b':')
            .map_or(b.len(), |p| name_start + p);
        if name_end == name_start || !b[name_start].is_ascii_alphabetic() {
            continue;
        }
        let Some(end) = memchr(b'>', &b[name_end..]).map(|p| name_end + p) else {
            break;
        };
        let name = html[name_start..name_end].to_ascii_lowercase();
        i = end + 1;
        if NOT_NESTING.contains(&name.as_str()) {
            continue;
        }
        if closing {
            if dropped_open > 0 {
                dropped_open -= 1;
                cut.push((start, end + 1));
            } else {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        let self_closing = end > 0 && b[end - 1] == b'/';
        if RAW_TEXT.contains(&name.as_str()) {
            // Skip to the end tag: its content is not markup.
            let close = format!("</{name}");
            let stop = find_ci(b, i, close.as_bytes()).unwrap_or(b.len());
            i = stop;
            continue;
        }
        if self_closing {
            continue;
        }
        if depth >= MAX_DEPTH {
            dropped_open += 1;
            cut.push((start, end + 1));
        } else {
            depth += 1;
        }
    }
    if cut.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    for (s, e) in cut {
        out.push_str(&html[at..s]);
        at = e;
    }
    out.push_str(&html[at..]);
    Some(out)
}

fn memchr(c: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&x| x == c)
}

fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

fn find_ci(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_are_left_alone() {
        let page = "<html><body><ul><li>a<li>b</ul><p>one<p>two<div><span>x</span></div><script>if (a<b) {}</script><!-- <div> --></body></html>";
        assert!(flatten(page).is_none());
        let unclosed_paragraphs = format!("<body>{}</body>", "<p>text ".repeat(5000));
        assert!(flatten(&unclosed_paragraphs).is_none());
    }

    #[test]
    fn deep_tags_go_and_their_text_stays() {
        let n = 2000;
        let page = format!(
            "<body>{}deep text{}<p>after</p></body>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        let flat = flatten(&page).unwrap();
        assert_eq!(flat.matches("<div>").count(), MAX_DEPTH - 1);
        assert_eq!(flat.matches("</div>").count(), MAX_DEPTH - 1);
        assert!(flat.contains("deep text") && flat.contains("<p>after</p>"));
    }
}
