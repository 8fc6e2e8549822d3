//! The clean body as Markdown: blocks rendered with their text escaped so that a renderer
//! reads back exactly the words of the raw document.

/// One block of the converted body.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(String),
    /// A subheading (rendered `##`, or deeper when the source said so).
    Heading(u8, String),
    /// A quotation with the speaker, when the text names one.
    Quote {
        text: String,
        attribution: Option<String>,
    },
    /// A transcript paragraph with its speaker label ("BLINKEN: ...").
    Speaker {
        speaker: String,
        text: String,
    },
    Item {
        number: Option<u32>,
        text: String,
    },
    /// A list item written in Markdown by the user, emitted as written.
    RawItem {
        number: Option<u32>,
        md: String,
    },
    /// Markdown written by the user (Markdown input), emitted as written.
    Raw(String),
    Code(String),
    /// A break between parts of the article, drawn in the raw text as a line of dashes or
    /// box-drawing characters: rendered as a thematic break, never as a paragraph of
    /// hundreds of unbreakable characters.
    Rule,
}

/// The bytes `escape_inline` may escape (each settled by `escapes_at`); every other byte is
/// copied as it is.
const MAY_ESCAPE: [bool; 256] = {
    let mut t = [false; 256];
    let bytes = b"\\`*_[]<~|&!";
    let mut i = 0;
    while i < bytes.len() {
        t[bytes[i] as usize] = true;
        i += 1;
    }
    t
};

/// Whether `escape_inline` puts a backslash before `bytes[i]`.
#[inline]
fn escapes_at(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        b'\\' | b'`' | b'*' | b'_' | b'[' | b']' | b'<' | b'~' | b'|' => true,
        // Only what would read as an entity (`&amp;`, `&#39;`) needs the escape.
        b'&' => bytes[i + 1..]
            .iter()
            .take(33)
            .position(|&c| c == b';')
            .is_some_and(|end| {
                end > 0
                    && bytes[i + 1..i + 1 + end]
                        .iter()
                        .all(|c| c.is_ascii_alphanumeric() || *c == b'#')
            }),
        b'!' => bytes.get(i + 1) == Some(&b'['),
        _ => false,
    }
}

/// Escape `text` so Markdown renders it as these exact characters on one line.
pub fn escape_inline(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 8);
    // Every character that needs care is ASCII: copy the runs between them whole. Eight
    // bytes none of which may need an escape (most of a paragraph) are passed by one test
    // of their table entries, not a test each.
    let n = bytes.len();
    let (mut run, mut i) = (0, 0);
    // An edit mark (":DEL]", ":INS]") holds a ']': without one, none to rewrite.
    let mut bracket = false;
    while i < n {
        if let Some(c) = bytes.get(i..i + 8) {
            // The eight entries or-ed together, one branch for the eight bytes.
            if !c
                .iter()
                .fold(false, |any, &b| any | MAY_ESCAPE[usize::from(b)])
            {
                i += 8;
                continue;
            }
        }
        let stop = (i + 8).min(n);
        while i < stop {
            if MAY_ESCAPE[usize::from(bytes[i])] {
                bracket |= bytes[i] == b']';
                if escapes_at(bytes, i) {
                    out.push_str(&text[run..i]);
                    out.push('\\');
                    run = i;
                }
            }
            i += 1;
        }
    }
    out.push_str(&text[run..]);
    if bracket && (text.contains(":DEL]") || text.contains(":INS]")) {
        return edit_marks(&out);
    }
    out
}

/// `escape_inline` read a byte at a time: the reference for its eight-byte steps.
#[cfg(test)]
fn escape_inline_by_bytes(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 8);
    let mut run = 0;
    for i in 0..bytes.len() {
        if escapes_at(bytes, i) {
            out.push_str(&text[run..i]);
            out.push('\\');
            run = i;
        }
    }
    out.push_str(&text[run..]);
    if text.contains(":DEL]") || text.contains(":INS]") {
        return edit_marks(&out);
    }
    out
}

/// A text browser prints struck-out text (`<del>`, an old price, a corrected claim) as
/// "[DEL:text:DEL]" and inserted text as "[INS:text:INS]". Given the escaped line, the struck
/// text becomes Markdown strikethrough and the inserted text plain; an empty mark goes.
fn edit_marks(escaped: &str) -> String {
    let mut out = String::with_capacity(escaped.len());
    let mut rest = escaped;
    loop {
        let del = rest.find("\\[DEL:");
        let ins = rest.find("\\[INS:");
        let (at, tag) = match (del, ins) {
            (Some(d), Some(i)) if i < d => (i, "INS"),
            (Some(d), _) => (d, "DEL"),
            (None, Some(i)) => (i, "INS"),
            (None, None) => break,
        };
        let open = at + "\\[DEL:".len();
        let close = format!(":{tag}\\]");
        let Some(len) = rest[open..].find(&close) else {
            break;
        };
        out.push_str(&rest[..at]);
        let inner = rest[open..open + len].trim();
        if !inner.is_empty() {
            if tag == "DEL" {
                out.push_str("~~");
                out.push_str(inner);
                out.push_str("~~");
            } else {
                out.push_str(inner);
            }
        }
        rest = &rest[open + len + close.len()..];
    }
    out.push_str(rest);
    out
}

/// Escape a whole line that starts a block: what would open a list, heading, quote, thematic
/// break, setext underline or code block is escaped too.
pub fn escape_block(text: &str) -> String {
    let inner = escape_inline(text);
    let first = inner.chars().next().unwrap_or(' ');
    match first {
        '#' | '>' | '+' | '=' => return format!("\\{inner}"),
        '-' if inner.len() == 1
            || inner.starts_with("- ")
            || inner.chars().all(|c| c == '-' || c == ' ') =>
        {
            return format!("\\{inner}")
        }
        _ => {}
    }
    if inner.chars().all(|c| c == '=' || c == ' ') {
        return format!("\\{inner}");
    }
    // "1. " or "1) " opens an ordered list.
    let digits = inner.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=9).contains(&digits) {
        let rest = &inner[digits..];
        if let Some(after) = rest.strip_prefix('.').or_else(|| rest.strip_prefix(')')) {
            if after.is_empty() || after.starts_with(' ') {
                let mark = &rest[..1];
                return format!("{}\\{mark}{after}", &inner[..digits]);
            }
        }
    }
    inner
}

/// Escape heading text: `#` at the end would close the heading.
fn escape_heading(text: &str) -> String {
    escape_inline(text).replace('#', "\\#")
}

/// Render blocks as a Markdown body ending in one newline (empty for no blocks).
pub fn render(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut prev_item: Option<bool> = None;
    for b in blocks {
        let item_kind = match b {
            Block::Item { number, .. } | Block::RawItem { number, .. } => Some(number.is_some()),
            _ => None,
        };
        if !out.is_empty() {
            // Items of one list stay together; anything else gets a blank line.
            if item_kind.is_some() && item_kind == prev_item {
                out.push('\n');
            } else {
                out.push_str("\n\n");
            }
        }
        prev_item = item_kind;
        match b {
            Block::Paragraph(t) => out.push_str(&escape_block(t)),
            Block::Heading(level, t) => {
                let level = (*level).clamp(2, 6) as usize;
                out.push_str(&"#".repeat(level));
                out.push(' ');
                out.push_str(&escape_heading(t));
            }
            Block::Quote { text, attribution } => {
                out.push_str("> ");
                out.push_str(&escape_block(text));
                if let Some(a) = attribution {
                    out.push_str("\n>\n> — ");
                    out.push_str(&escape_inline(a));
                }
            }
            Block::Speaker { speaker, text } => {
                out.push_str("**");
                out.push_str(&escape_inline(speaker));
                out.push_str(":** ");
                out.push_str(&escape_inline(text));
            }
            Block::Item { number, text } => {
                match number {
                    Some(n) => out.push_str(&format!("{n}. ")),
                    None => out.push_str("- "),
                }
                out.push_str(&escape_block(text));
            }
            Block::Raw(md) => out.push_str(md),
            Block::RawItem { number, md } => {
                match number {
                    Some(n) => out.push_str(&format!("{n}. ")),
                    None => out.push_str("- "),
                }
                out.push_str(md);
            }
            Block::Rule => out.push_str("* * *"),
            Block::Code(code) => {
                let fence = if code.contains("```") { "~~~~" } else { "```" };
                out.push_str(fence);
                out.push('\n');
                out.push_str(code);
                out.push('\n');
                out.push_str(fence);
            }
        }
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// The plain text of a Markdown body, one line per block (soft and hard breaks too), as a
/// renderer would show it. Used to check round trips and to compare bodies.
pub fn plain_blocks(md: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut blocks = Vec::new();
    let mut cur = String::new();
    let flush = |cur: &mut String, blocks: &mut Vec<String>| {
        let t = crate::ingest::blocks::collapse(cur);
        if !t.is_empty() {
            blocks.push(t);
        }
        cur.clear();
    };
    let opts = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
    for ev in Parser::new_ext(md, opts) {
        match ev {
            Event::Text(t) | Event::Code(t) => cur.push_str(&t),
            Event::Html(t) | Event::InlineHtml(t) => cur.push_str(&t),
            Event::SoftBreak | Event::HardBreak => flush(&mut cur, &mut blocks),
            Event::Start(Tag::Item)
            | Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::CodeBlock,
            ) => flush(&mut cur, &mut blocks),
            _ => {}
        }
    }
    flush(&mut cur, &mut blocks);
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(text: &str) -> String {
        plain_blocks(&render(&[Block::Paragraph(text.to_string())])).join(" ")
    }

    #[test]
    fn prose_that_looks_like_markdown_survives() {
        for t in [
            "1. Not a list but a sentence",
            "2024. A year to remember",
            "# not a heading",
            "> not a quote",
            "- not an item",
            "+ plus",
            "---",
            "===",
            "<b>tags</b> in text",
            "a_b_c and *stars* and `ticks` and [brackets](x)",
            "AT&T and &amp; and &#39;",
            "back\\slash at end\\",
            "1) also a list",
            "![image](x.png)",
            "~~struck~~",
        ] {
            assert_eq!(round_trip(t), t, "{t}");
        }
    }

    /// The eight-byte steps of `escape_inline` escape what the byte-by-byte reading escapes:
    /// lines in four languages with every escaped byte (and the entity and image cases) put
    /// at every offset of the steps, and edit marks split across them.
    #[test]
    fn escapes_by_eight_bytes_are_the_escapes_by_bytes() {
        let lines = [
            "The harbour reopened on Tuesday after the storm, the mayor said.",
            "Der Hafen wurde am Dienstag wieder geöffnet, sagte die Bürgermeisterin.",
            "Le port a rouvert mardi après la tempête, a dit le maire.",
            "El puerto volvió a abrir el martes tras la tormenta, dijo el alcalde.",
        ];
        let specials = [
            "\\",
            "`",
            "*",
            "_",
            "[",
            "]",
            "<",
            "~",
            "|",
            "&",
            "&amp;",
            "&#39;",
            "& x;",
            "&;",
            "!",
            "![",
            "!x",
            "é",
            "━",
            "[DEL:alt:DEL]",
            "[INS:neu:INS]",
            ":DEL]",
            "[DEL:",
            "\n",
        ];
        for line in lines {
            assert_eq!(escape_inline(line), escape_inline_by_bytes(line));
            for special in specials {
                for at in 0..line.len().min(40) {
                    if !line.is_char_boundary(at) {
                        continue;
                    }
                    let text = format!("{}{special}{}", &line[..at], &line[at..]);
                    assert_eq!(
                        escape_inline(&text),
                        escape_inline_by_bytes(&text),
                        "{text}"
                    );
                    let twice = format!("{text} {special}{special}");
                    assert_eq!(
                        escape_inline(&twice),
                        escape_inline_by_bytes(&twice),
                        "{twice}"
                    );
                }
            }
        }
        for text in [
            "",
            "&",
            "!",
            "a",
            "abcdefgh",
            "abcdefg]",
            "[DEL:x:DEL]",
            "x:INS]",
        ] {
            assert_eq!(escape_inline(text), escape_inline_by_bytes(text), "{text}");
        }
    }

    #[test]
    fn edit_marks_of_a_text_browser() {
        let md = render(&[Block::Paragraph(
            "Now $19.99 [DEL:was $24.99:DEL] and [INS:new:INS] [DEL::DEL]stock".to_string(),
        )]);
        assert_eq!(md, "Now $19.99 ~~was $24.99~~ and new stock\n");
        // pulldown-cmark reads the struck words back as words of the line.
        assert_eq!(plain_blocks(&md), ["Now $19.99 was $24.99 and new stock"]);
        // An unclosed mark is left as the text said it, escaped.
        assert_eq!(escape_inline("[DEL:open"), "\\[DEL:open");
        assert_eq!(escape_inline("a ~ b"), "a \\~ b");
    }

    #[test]
    fn blocks_render() {
        let md = render(&[
            Block::Heading(2, "Talks # resume".into()),
            Block::Quote {
                text: "\"We act.\"".into(),
                attribution: Some("Jane Roe, minister".into()),
            },
            Block::Item {
                number: None,
                text: "one".into(),
            },
            Block::Item {
                number: None,
                text: "two".into(),
            },
        ]);
        assert_eq!(
            md,
            "## Talks \\# resume\n\n> \"We act.\"\n>\n> — Jane Roe, minister\n\n- one\n- two\n"
        );
        assert_eq!(
            plain_blocks(&md),
            [
                "Talks # resume",
                "\"We act.\"",
                "— Jane Roe, minister",
                "one",
                "two"
            ]
        );
    }
}
