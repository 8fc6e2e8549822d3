//! Sanitised article HTML → Markdown: headings, paragraphs, lists, block quotes, links,
//! images with their alt text, preformatted text; figure captions are handed back apart. Everything else becomes the
//! text it holds. The input has been through `ammonia`, so only safe tags and http(s)
//! addresses are left; the renderer escapes raw HTML again on its side.

use dom_query::{Document, NodeRef};

use super::metadata::words;

/// Below this depth an element's content is read as plain text: deep nesting costs no stack.
const MAX_DEPTH: usize = 64;

#[derive(Default)]
struct Writer {
    blocks: Vec<String>,
    line: String,
    /// Figure captions, kept out of the running text (see [`Markdown::captions`]).
    captions: Vec<String>,
}

/// Markdown's special characters in running text.
fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '[' | ']' | '<' | '`') {
            out.push('\\');
        }
        out.push(c);
    }
}

/// A paragraph must not start with what Markdown reads as a block marker.
fn guard_start(p: &str) -> String {
    let t = p.trim_start();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let numbered = digits > 0 && matches!(t.as_bytes().get(digits), Some(b'.' | b')'));
    let marker =
        t.starts_with(['#', '>', '-', '+', '=', '|', '~']) || t.starts_with("    ") || numbered;
    if marker {
        if numbered {
            format!("{}\\{}", &t[..digits], &t[digits..])
        } else {
            format!("\\{t}")
        }
    } else {
        t.to_string()
    }
}

impl Writer {
    fn space(&mut self) {
        if !self.line.is_empty() && !self.line.ends_with([' ', '\n']) {
            self.line.push(' ');
        }
    }

    fn text(&mut self, t: &str) {
        let mut first = true;
        let starts_space = t.starts_with(char::is_whitespace);
        for w in t.split_whitespace() {
            if !first || starts_space {
                self.space();
            }
            first = false;
            escape_into(&mut self.line, w);
        }
        if t.ends_with(char::is_whitespace) && !t.trim().is_empty() {
            self.space();
        }
    }

    fn flush(&mut self) {
        let l = self.line.trim();
        if !l.is_empty() {
            let para: Vec<String> = l.lines().map(|x| guard_start(x.trim())).collect();
            self.blocks.push(para.join("  \n"));
        }
        self.line.clear();
    }

    /// The Markdown of `node`'s content; captions met inside go to `self.captions`.
    fn inline_of(&mut self, node: &NodeRef, depth: usize) -> String {
        let mut w = Writer::default();
        w.children(node, depth);
        w.flush();
        self.captions.append(&mut w.captions);
        w.blocks.join("\n\n")
    }

    fn children(&mut self, node: &NodeRef, depth: usize) {
        for c in node.children_it(false) {
            self.node(&c, depth + 1);
        }
    }

    fn node(&mut self, n: &NodeRef, depth: usize) {
        if n.is_text() {
            self.text(&n.text());
            return;
        }
        if !n.is_element() {
            return;
        }
        if depth > MAX_DEPTH {
            self.text(&n.text());
            return;
        }
        let name = n
            .node_name()
            .map(|t| t.to_ascii_lowercase())
            .unwrap_or_default();
        match name.as_str() {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                let level = (name.as_bytes()[1] - b'0').max(2) as usize;
                let t = self.inline_of(n, depth).replace('\n', " ");
                if !t.trim().is_empty() {
                    self.blocks
                        .push(format!("{} {}", "#".repeat(level), t.trim()));
                }
            }
            "br" => self.line.push('\n'),
            "hr" => {
                self.flush();
                self.blocks.push("---".into());
            }
            "ul" | "ol" => {
                self.flush();
                let mut items = Vec::new();
                let mut k = 1;
                for li in n.element_children() {
                    let body = self.inline_of(&li, depth + 1);
                    if body.trim().is_empty() {
                        continue;
                    }
                    let marker = if name == "ol" {
                        format!("{k}. ")
                    } else {
                        "- ".into()
                    };
                    k += 1;
                    let pad = " ".repeat(marker.len());
                    let mut item = String::new();
                    for (i, l) in body.lines().enumerate() {
                        if i == 0 {
                            item.push_str(&marker);
                        } else {
                            item.push('\n');
                            if !l.is_empty() {
                                item.push_str(&pad);
                            }
                        }
                        item.push_str(l);
                    }
                    items.push(item);
                }
                if !items.is_empty() {
                    self.blocks.push(items.join("\n"));
                }
            }
            "blockquote" => {
                self.flush();
                let body = self.inline_of(n, depth);
                if !body.trim().is_empty() {
                    let q: Vec<String> = body
                        .lines()
                        .map(|l| {
                            if l.is_empty() {
                                ">".into()
                            } else {
                                format!("> {l}")
                            }
                        })
                        .collect();
                    self.blocks.push(q.join("\n"));
                }
            }
            "pre" => {
                self.flush();
                let t = n.text();
                let t = t.trim_matches('\n');
                if !t.trim().is_empty() {
                    let fence = if t.contains("```") { "~~~~" } else { "```" };
                    self.blocks.push(format!("{fence}\n{t}\n{fence}"));
                }
            }
            "img" => {
                // A lazy-loading page's `srcset` copied into `src` ("a.jpg 335w, b.jpg
                // 480w"): the first address.
                let src = n
                    .attr("src")
                    .and_then(|s| s.split_whitespace().next().map(str::to_string))
                    .unwrap_or_default();
                if src.starts_with("https://") || src.starts_with("http://") {
                    let mut alt = n.attr("alt").map(|a| a.to_string()).unwrap_or_default();
                    // The caption below says it already: the alt text would repeat it.
                    let figcaption = n
                        .ancestors_it(Some(4))
                        .find(|a| a.has_name("figure"))
                        .and_then(|f| f.descendants_it().find(|d| d.has_name("figcaption")));
                    // The caption stays with its picture, as the image's title: it describes
                    // the picture, and is not part of the running text.
                    let title = figcaption
                        .map(|c| c.text().split_whitespace().collect::<Vec<_>>().join(" "))
                        .filter(|t| !t.is_empty())
                        .map(|t| format!(" \"{}\"", t.replace('\\', "\\\\").replace('"', "\\\"")))
                        .unwrap_or_default();
                    let caption = figcaption.map(|c| words(&c.text()));
                    if caption.is_some_and(|c| {
                        let a = words(&alt);
                        !a.is_empty() && c.starts_with(&a)
                    }) {
                        alt.clear();
                    }
                    let mut alt_md = String::new();
                    escape_into(&mut alt_md, &super::metadata::clean(&alt));
                    self.space();
                    self.line.push_str(&format!(
                        "![{alt_md}](<{}>{title})",
                        src.replace(['<', '>', ' '], "")
                    ));
                    self.space();
                }
            }
            "figcaption" => {
                self.flush();
                let t = self.inline_of(n, depth).replace('\n', " ");
                if !t.trim().is_empty() {
                    self.captions.push(t.trim().to_string());
                }
            }
            "a" => {
                let text = self.inline_of(n, depth).replace('\n', " ");
                let href = n.attr("href").map(|s| s.to_string()).unwrap_or_default();
                let ok = href.starts_with("https://")
                    || href.starts_with("http://")
                    || href.starts_with("mailto:");
                if text.trim().is_empty() {
                    return;
                }
                if ok && !text.contains("![") {
                    if self.line.ends_with(|c: char| c.is_alphanumeric()) {
                        self.space();
                    }
                    self.line.push_str(&format!(
                        "[{}](<{}>)",
                        text.trim(),
                        href.replace(['<', '>', ' '], "")
                    ));
                } else {
                    self.line.push_str(text.trim());
                }
            }
            "strong" | "b" | "em" | "i" => {
                let text = self.inline_of(n, depth).replace('\n', " ");
                let mark = if name == "strong" || name == "b" {
                    "**"
                } else {
                    "*"
                };
                let t = text.trim();
                if t.is_empty() {
                    return;
                }
                if text.starts_with(' ') {
                    self.space();
                }
                if t.contains('*') || t.contains("![") || t.contains("](") {
                    self.line.push_str(t);
                } else {
                    self.line.push_str(&format!("{mark}{t}{mark}"));
                }
                if text.ends_with(' ') {
                    self.space();
                }
            }
            "code" => {
                let t = n.text();
                let t = super::metadata::clean(&t);
                if !t.is_empty() {
                    let tick = if t.contains('`') { "``" } else { "`" };
                    self.line.push_str(&format!("{tick} {t} {tick}"));
                }
            }
            "tr" => {
                self.flush();
                let cells: Vec<String> = n
                    .element_children()
                    .iter()
                    .map(|c| self.inline_of(c, depth + 1).replace('\n', " "))
                    .filter(|c| !c.trim().is_empty())
                    .collect();
                if !cells.is_empty() {
                    self.blocks.push(guard_start(&cells.join(" · ")));
                }
            }
            "p" | "div" | "section" | "article" | "main" | "header" | "footer" | "figure"
            | "table" | "tbody" | "thead" | "tfoot" | "dl" | "dd" | "dt" | "address" | "li"
            | "details" | "summary" | "center" | "aside" | "nav" | "caption" => {
                self.flush();
                self.children(n, depth);
                self.flush();
            }
            _ => self.children(n, depth),
        }
    }
}

/// An article in Markdown.
pub struct Markdown {
    pub text: String,
    /// The `<figcaption>`s, left out of `text`: a caption describes its picture beside the
    /// running text (and often credits the photographer), and a digest's body is the text
    /// a reader reads through. Listed among the dropped blocks.
    pub captions: Vec<String>,
}

/// Markdown of an HTML fragment.
pub fn markdown(fragment_html: &str) -> Markdown {
    let doc = Document::fragment(fragment_html);
    let mut w = Writer::default();
    let root = doc.root();
    w.children(&root, 0);
    w.flush();
    let mut out = w.blocks.join("\n\n");
    out.push('\n');
    Markdown {
        text: if out.trim().is_empty() {
            String::new()
        } else {
            out
        },
        captions: w.captions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn structure() {
        let md = markdown(
            r#"<h2>Why</h2><p>A <a href="https://x.example/a">link</a> and <em>stress</em>.</p>
            <ul><li>one</li><li>two <b>bold</b></li></ul><ol><li>first</li></ol>
            <blockquote><p>Said it.</p><p>Twice.</p></blockquote>
            <figure><img src="https://x.example/i.jpg" alt="A dock"><figcaption>The dock at dawn</figcaption></figure>
            <p>1. not a list * star [x]</p><pre>code  here</pre>"#,
        );
        assert_eq!(
            md.text,
            "## Why\n\nA [link](<https://x.example/a>) and *stress*.\n\n- one\n- two **bold**\n\n1. first\n\n> Said it.\n>\n> Twice.\n\n![A dock](<https://x.example/i.jpg> \"The dock at dawn\")\n\n1\\. not a list \\* star \\[x\\]\n\n```\ncode  here\n```\n"
        );
        // The caption stays with its picture (its title), out of the running text.
        assert_eq!(md.captions, ["The dock at dawn"]);
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let html = format!(
            "{}deep text{}",
            "<div><span>".repeat(5000),
            "</span></div>".repeat(5000)
        );
        let md = markdown(&html);
        assert!(md.text.contains("deep text"));
    }
}
