//! Properties of the conversion on arbitrary input: no panic, the generated file always
//! parses as a document, nothing dropped comes back in the body, and prose round-trips
//! through the Markdown escaping.

use std::path::Path;

use dossier::ingest::{convert, plain_blocks, ConvertOptions, Unconvertible};
use proptest::prelude::*;

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lines that look like news pages: furniture words, dates, names, markers, prose.
fn newsish_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Skip to content".to_string()),
        Just("1. Skip to main menu".to_string()),
        Just("By Jane Roe and John Doe, Reuters".to_string()),
        Just("Jane Roe | John Doe".to_string()),
        Just("February 6, 2024".to_string()),
        Just("| Last update :".to_string()),
        Just("4 min read".to_string()),
        Just("01:52".to_string()),
        Just("Related Articles".to_string()),
        Just("Reporting by Jane Roe in Cairo; Editing by John Doe".to_string()),
        Just("(Jane Roe, minister)".to_string()),
        Just("[Video transcript]".to_string()),
        Just("We use cookies to improve your experience.".to_string()),
        Just("Source: Newsroom".to_string()),
        Just("https://example.com/2024/02/06/story".to_string()),
        Just("CAIRO (Reuters) - The talks resumed on Tuesday, officials said.".to_string()),
        Just("###".to_string()),
        Just("# not a heading".to_string()),
        Just(String::new()),
        "[A-Z][a-z]{2,8}( [a-z]{2,8}){2,9}",
        "[A-Z][a-z]{2,8}( [a-z]{2,8}){12,30}\\.",
        "[ -~]{0,80}",
        "\\PC{0,60}",
    ]
}

fn check(raw: &[u8], name: &str) -> Result<(), TestCaseError> {
    let c = match convert(raw, name, &ConvertOptions::default()) {
        Ok(c) => c,
        Err(Unconvertible::Empty) | Err(Unconvertible::Binary(_)) => return Ok(()),
    };
    let file = c
        .file_text()
        .map_err(|e| TestCaseError::fail(format!("front matter: {e}")))?;
    let doc = dossier::content::parse_document(Path::new("a.md"), "a.md", file.as_bytes());
    prop_assert!(
        doc.is_ok(),
        "generated file does not parse: {:?}\n{}",
        doc.err(),
        file
    );
    if name.ends_with(".txt") {
        let blocks: Vec<String> = plain_blocks(&c.body).iter().map(|b| collapse(b)).collect();
        for d in &c.dropped {
            if d.rule == "duplicate-line" {
                continue;
            }
            let t = collapse(&d.text);
            prop_assert!(
                !blocks.contains(&t),
                "dropped ({}) but in body: {:?}\n{}",
                d.rule,
                t,
                c.body
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(raw in proptest::collection::vec(any::<u8>(), 0..2000)) {
        check(&raw, "content/inbox/x.txt")?;
        check(&raw, "content/inbox/x.md")?;
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        check(text.as_bytes(), "content/inbox/x.txt")?;
        check(text.as_bytes(), "content/inbox/x.md")?;
    }

    #[test]
    fn news_shaped_documents(lines in proptest::collection::vec(newsish_line(), 0..40), crlf in any::<bool>()) {
        let sep = if crlf { "\r\n" } else { "\n" };
        let text = lines.join(sep);
        check(text.as_bytes(), "content/inbox/x.txt")?;
        check(text.as_bytes(), "content/inbox/x.md")?;
    }

    /// One line of prose, whatever its characters, reads back as itself from the body.
    #[test]
    fn prose_round_trips_through_markdown(line in "[ -~\u{a0}-\u{17f}“”’–—…]{1,120}") {
        let text = format!("A headline for the round trip\n\nMarch 3, 2024\n\nThe first paragraph is long enough to be prose and it ends like a sentence, they said.\n\n{line}\n");
        let c = convert(text.as_bytes(), "content/inbox/x.txt", &ConvertOptions::default()).unwrap();
        let body_blocks: Vec<String> = plain_blocks(&c.body).iter().map(|b| collapse(b)).collect();
        // Decoding normalises spaces, soft hyphens and typewriter double quotes ('').
        let want = collapse(&line.replace('\u{a0}', " ").replace('\u{ad}', "").replace("''", "\""));
        let dropped = c.dropped.iter().any(|d| collapse(&d.text) == want);
        // The line is either dropped by a rule (and listed) or found in the body as written,
        // possibly with a list marker or quote taken off.
        // A numbered menu item copied without its space ("1.Skip") gets the space back.
        let digits = want.bytes().take_while(u8::is_ascii_digit).count();
        let respaced = (1..=3).contains(&digits)
            && want[digits..].starts_with('.')
            && want[digits + 1..].starts_with(char::is_alphabetic);
        let want_spaced = if respaced { format!("{}. {}", &want[..digits], &want[digits + 1..]) } else { want.clone() };
        let found = body_blocks.iter().any(|b| {
            *b == want || *b == want_spaced || want.ends_with(b.as_str()) && !b.is_empty()
        });
        prop_assert!(dropped || found || want.is_empty(), "{want:?} lost:\n{}", c.body);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// The escaping alone: any single line renders back to exactly its text.
    #[test]
    fn escaped_paragraphs_render_as_their_text(line in "[ -~]{1,100}") {
        let line = collapse(&line);
        prop_assume!(!line.is_empty());
        let text = format!("A headline for the escape test\n\nMarch 3, 2024\n\n{line}\n");
        let c = convert(text.as_bytes(), "content/inbox/x.txt", &ConvertOptions::default()).unwrap();
        for b in plain_blocks(&c.body) {
            prop_assert!(!b.contains('\\') || line.contains('\\'), "escape leaked: {b:?} from {line:?}");
        }
    }
}
