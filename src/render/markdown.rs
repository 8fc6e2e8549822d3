//! Markdown body → safe HTML.
//!
//! Bodies come from scraped pages, so nothing in them is trusted: raw HTML is shown as text,
//! link targets other than web, mail and relative addresses are dropped, and heading levels
//! are shifted so the page's own `<h1>` stays the only one.

use std::collections::BTreeSet;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// A rendered body and what the page needs to know about it.
#[derive(Debug, Clone, Default)]
pub struct RenderedBody {
    pub html: String,
    pub words: usize,
    /// Plain text of the first paragraph: the summary when the front matter has none.
    pub lead: String,
}

pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// Parse a body into events (the form the topic linker transforms).
pub fn events(body: &str) -> Vec<Event<'_>> {
    Parser::new_ext(body, options()).collect()
}

/// Is `url` safe to put in an `href` or `src`? Web and mail addresses, fragments and
/// relative paths are; `javascript:`, `data:` and every other scheme are not.
pub fn safe_url(url: &str) -> bool {
    let t = url.trim_start();
    if t.chars().any(|c| c.is_control()) {
        return false;
    }
    match t.find(':') {
        None => true,
        Some(colon) => {
            // A colon after the first `/`, `?` or `#` is not a scheme separator.
            if t[..colon].contains(['/', '?', '#']) {
                return true;
            }
            let scheme = t[..colon].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto")
        }
    }
}

/// Neutralise what a document must not bring into a page: raw HTML becomes text, unsafe
/// link and image targets are dropped.
fn sanitise(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        other => map_destination(other, |is_image, dest| match (safe_url(&dest), is_image) {
            (true, _) => dest,
            (false, false) => CowStr::from("#"),
            (false, true) => CowStr::from(""),
        }),
    }
}

/// The event with the address of its link or image (`f(is_image, address)`) changed; any
/// other event as it is. pulldown-cmark's two tags carry the same fields.
pub fn map_destination<'a>(
    event: Event<'a>,
    f: impl FnOnce(bool, CowStr<'a>) -> CowStr<'a>,
) -> Event<'a> {
    match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: f(false, dest_url),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: f(true, dest_url),
            title,
            id,
        }),
        other => other,
    }
}

/// Turn events into HTML: sanitised, headings shifted down one level with unique ids, the
/// Nth paragraph given `id="pN"` (N counts `Start(Paragraph)` events from 1, the numbering
/// quotes link back to).
pub fn to_html(events: Vec<Event<'_>>) -> RenderedBody {
    let mut words = 0;
    let mut lead = String::new();
    let mut paragraph = 0usize;
    let mut in_first_paragraph = false;
    let mut heading_ids = BTreeSet::new();
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    // The body's top heading level becomes <h2>: the page title is the only <h1>, and no
    // level is skipped.
    let top = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as usize),
            _ => None,
        })
        .min()
        .unwrap_or(2);
    let mut iter = events.into_iter().map(sanitise);
    while let Some(event) = iter.next() {
        match event {
            Event::Text(ref t) | Event::Code(ref t) => {
                words += t.split_whitespace().count();
                if in_first_paragraph {
                    lead.push_str(t);
                }
                out.push(event);
            }
            Event::SoftBreak | Event::HardBreak if in_first_paragraph => {
                lead.push(' ');
                out.push(event);
            }
            Event::Start(Tag::Paragraph) => {
                paragraph += 1;
                in_first_paragraph = lead.is_empty();
                out.push(Event::Html(format!("<p id=\"p{paragraph}\">").into()));
            }
            Event::End(TagEnd::Paragraph) => {
                in_first_paragraph = false;
                out.push(Event::Html("</p>\n".into()));
            }
            Event::Start(Tag::Heading {
                level,
                classes,
                attrs,
                ..
            }) => {
                // Read the heading's events ahead to make its id from its text.
                let mut text = String::new();
                let mut inner = Vec::new();
                for e in iter.by_ref() {
                    if let Event::End(TagEnd::Heading(_)) = e {
                        break;
                    }
                    if let Event::Text(t) | Event::Code(t) = &e {
                        text.push_str(t);
                        words += t.split_whitespace().count();
                    }
                    inner.push(e);
                }
                let base = crate::content::slugify(&text);
                let mut id = base.clone();
                let mut n = 1;
                while !heading_ids.insert(id.clone()) {
                    n += 1;
                    id = format!("{base}-{n}");
                }
                let level = shift(level, top);
                out.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(id)),
                    classes,
                    attrs,
                }));
                out.extend(inner);
                out.push(Event::End(TagEnd::Heading(level)));
            }
            other => out.push(other),
        }
    }
    let mut html = String::with_capacity(out.len() * 16);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    RenderedBody {
        html,
        words,
        lead: lead.split_whitespace().collect::<Vec<_>>().join(" "),
    }
}

/// The [`RenderedBody::lead`] that [`to_html`] finds in `events`, without making the HTML: a
/// one-off build needs every body's lead for the lists before any article page, and converts
/// each body to HTML only for its article page. Neither the topic links nor the rewritten
/// link targets that the page's conversion adds change the lead: they split or merge text
/// events and wrap some in links, and the lead is the first paragraph's text joined.
pub fn lead_of(events: &[Event<'_>]) -> String {
    let mut lead = String::new();
    let mut in_first_paragraph = false;
    for event in events {
        match event {
            // Raw HTML is text once sanitised, as in `to_html`.
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t)
                if in_first_paragraph =>
            {
                lead.push_str(t)
            }
            Event::SoftBreak | Event::HardBreak if in_first_paragraph => lead.push(' '),
            Event::Start(Tag::Paragraph) => in_first_paragraph = lead.is_empty(),
            Event::End(TagEnd::Paragraph) => in_first_paragraph = false,
            _ => {}
        }
    }
    lead.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn shift(level: HeadingLevel, top: usize) -> HeadingLevel {
    match (level as usize + 2).saturating_sub(top) {
        0..=2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// The text of a body, a space after each element, white space as written (for the search
/// index, whose tokenizer skips white space anyway).
pub fn text_of(body: &str) -> String {
    text_of_events(&events(body), body.len())
}

/// [`text_of`] of a body already parsed (`events`, before any rewriting): the page's own
/// parse serves the index too. `len`: the body's length, a guess at the text's.
pub fn text_of_events(events: &[Event<'_>], len: usize) -> String {
    let mut s = String::with_capacity(len);
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => s.push(' '),
            _ => {}
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(md: &str) -> String {
        to_html(events(md)).html
    }

    #[test]
    fn the_lead_alone_is_the_lead_of_the_html() {
        let bodies = [
            "",
            "One paragraph only.",
            "First  line\nsoft break  and `code` and *emphasis*.\n\nSecond paragraph.",
            "# Heading first\n\nThen the lead, with <b>inline html</b> &amp; an entity.",
            "![only an image](x.png)\n\nThe lead is this one.",
            "<div>\nAn HTML block\n</div>\n\nAfter the block.",
            "A hard break  \nin the lead.\n\n> quoted later",
            "> A quote first\n\nThen text.",
            "- a list item first\n- second\n\nThen a paragraph.",
            "Text with a footnote[^1].\n\n[^1]: The note's own paragraph.",
            "| a | b |\n|---|---|\n| c | d |\n\nAfter the table.",
            "```\ncode block\n```\n\n   Indented  spaces   and\ttabs.  ",
            "Brussels Sprouts and New York [a link](https://example.org/x) here.",
        ];
        for body in bodies {
            let parsed = events(body);
            let lead = lead_of(&parsed);
            assert_eq!(lead, to_html(parsed).lead, "{body:?}");
        }
        // An image's text is text of its paragraph: a picture-only first paragraph with an
        // alt text is the lead.
        assert_eq!(lead_of(&events("![i](x.png)\n\nThe  lead\nhere.")), "i");
        assert_eq!(
            lead_of(&events("![](x.png)\n\nThe  lead\nhere.")),
            "The lead here."
        );
        assert_eq!(
            lead_of(&events("First  line\nand <b>more</b>.\n\nSecond.")),
            "First line and <b>more</b>."
        );
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let h = html("Hello <script>alert(1)</script>\n\n<div onclick=x>block</div>\n");
        assert!(!h.contains("<script"), "{h}");
        assert!(!h.contains("<div"), "{h}");
        assert!(h.contains("&lt;script&gt;"), "{h}");
    }

    #[test]
    fn unsafe_links_are_neutralised() {
        let h = html("[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) ![i](data:text/html,hi)");
        assert!(!h.to_lowercase().contains("javascript:"), "{h}");
        assert!(!h.contains("data:"), "{h}");
        assert!(html("[ok](https://example.org/a:b)").contains("https://example.org/a:b"));
        assert!(html("[rel](../x/index.html)").contains("../x/index.html"));
    }

    #[test]
    fn paragraphs_are_numbered_and_headings_shifted() {
        let r = to_html(events("# Top\n\nFirst one.\n\n## Top\n\nSecond.\n"));
        assert!(to_html(events("### Only\n"))
            .html
            .contains("<h2 id=\"only\">"));
        assert!(r.html.contains("<p id=\"p1\">First one.</p>"), "{}", r.html);
        assert!(r.html.contains("<p id=\"p2\">Second.</p>"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"top\">Top</h2>"), "{}", r.html);
        assert!(r.html.contains("<h3 id=\"top-2\">Top</h3>"), "{}", r.html);
        assert_eq!(r.lead, "First one.");
        assert_eq!(r.words, 5);
    }

    #[test]
    fn safe_url_rules() {
        assert!(safe_url("https://a.b/c"));
        assert!(safe_url("mailto:a@b.c"));
        assert!(safe_url("#x"));
        assert!(safe_url("a/b:c"));
        assert!(!safe_url(" javascript:x"));
        assert!(!safe_url("vbscript:x"));
        assert!(!safe_url("java\tscript:x"));
    }
}
