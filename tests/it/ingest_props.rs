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
        let dropped_texts: Vec<String> = c.dropped.iter().map(|d| collapse(&d.text)).collect();
        // The line is either dropped by a rule (and listed) or found in the body as written,
        // possibly with a list marker or quote taken off.
        // A numbered menu item copied without its space ("1.Skip") gets the space back.
        let digits = want.bytes().take_while(u8::is_ascii_digit).count();
        let respaced = (1..=3).contains(&digits)
            && want[digits..].starts_with('.')
            && want[digits + 1..].starts_with(char::is_alphabetic);
        let want_spaced = if respaced { format!("{}. {}", &want[..digits], &want[digits + 1..]) } else { want.clone() };
        // A dropped line is listed as the body would have shown it (a list marker or quote
        // taken off, as in the body: "* ©" is listed as "©").
        let dropped = dropped_texts.iter().any(|t| {
            *t == want || *t == want_spaced || !t.is_empty() && want.ends_with(t.as_str())
        });
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

// ---------------------------------------------------------------------------------------------
// Front matter: what `ingest` writes, the loader reads back unchanged.

mod front_matter_round_trip {
    use std::collections::BTreeMap;
    use std::path::Path;

    use chrono::{FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
    use dossier::content::{check_slug, parse_document, DateSource, DocDate, FrontMatter};
    use dossier::ingest::render_file;
    use proptest::prelude::*;

    fn naive_date() -> impl Strategy<Value = NaiveDate> {
        (1i32..=9999, 1u32..=366)
            .prop_filter_map("no such day", |(y, o)| NaiveDate::from_yo_opt(y, o))
    }

    fn naive_time() -> impl Strategy<Value = NaiveTime> {
        (0u32..24, 0u32..60, 0u32..60)
            .prop_filter_map("no such time", |(h, m, s)| NaiveTime::from_hms_opt(h, m, s))
    }

    pub fn doc_date() -> impl Strategy<Value = DocDate> {
        prop_oneof![
            naive_date().prop_map(DocDate::Day),
            (naive_date(), naive_time())
                .prop_map(|(d, t)| DocDate::Local(NaiveDateTime::new(d, t))),
            // Offsets in whole minutes, as people write them.
            (naive_date(), naive_time(), -(23 * 60 + 59)..=(23 * 60 + 59)).prop_filter_map(
                "outside the years the front matter takes",
                |(d, t, minutes)| {
                    let offset = FixedOffset::east_opt(minutes * 60)?;
                    let m = offset
                        .from_local_datetime(&NaiveDateTime::new(d, t))
                        .single()?;
                    // The check is on the day as written, which is this one.
                    Some(DocDate::Moment(m))
                }
            ),
        ]
    }

    /// Text with the characters that trouble YAML: quotes, colons, hashes, leading dashes and
    /// spaces, line breaks, non-ASCII.
    fn text(max: usize) -> impl Strategy<Value = String> {
        prop_oneof![
            re(&format!("[ -~]{{0,{max}}}")),
            re(&format!("\\PC{{0,{max}}}")),
            re(&format!("[a-z:#'\"\\-\\n \u{e9}\u{201c}]{{0,{max}}}")),
            Just("yes".to_string()),
            Just("null".to_string()),
            Just("2024-02-06".to_string()),
            Just("- item".to_string()),
            Just("---".to_string()),
            Just("  leading and trailing  ".to_string()),
        ]
    }

    fn re(pattern: &str) -> proptest::string::RegexGeneratorStrategy<String> {
        proptest::string::string_regex(pattern).expect("valid pattern")
    }

    fn title() -> impl Strategy<Value = String> {
        text(80).prop_filter("the loader requires a title", |t| !t.trim().is_empty())
    }

    fn slug() -> impl Strategy<Value = String> {
        "[a-z0-9][a-z0-9_-]{0,30}".prop_filter("a valid slug", |s| check_slug(s).is_ok())
    }

    fn extra_value() -> impl Strategy<Value = serde_json::Value> {
        prop_oneof![
            text(30).prop_map(serde_json::Value::from),
            any::<i64>().prop_map(serde_json::Value::from),
            any::<bool>().prop_map(serde_json::Value::from),
            Just(serde_json::Value::Null),
            proptest::collection::vec(text(10), 0..4).prop_map(serde_json::Value::from),
        ]
    }

    prop_compose! {
        fn front_matter()(
            title in title(),
            date in proptest::option::of(doc_date()),
            updated in proptest::option::of(doc_date()),
            authors in proptest::collection::vec(text(30), 0..4),
            texts in proptest::collection::vec(proptest::option::of(text(120)), 7),
            url in proptest::option::of("https://[a-z]{1,10}\\.test/[a-zA-Z0-9/_.-]{0,30}"),
            topics in proptest::collection::vec(text(20), 0..5),
            captions in proptest::collection::vec(text(60), 0..3),
            slug in proptest::option::of(slug()),
            draft in any::<bool>(),
            date_source in proptest::option::of(prop_oneof![
                Just(DateSource::Stated),
                Just(DateSource::Caption),
                Just(DateSource::Inferred),
                Just(DateSource::User),
            ]),
            extra in proptest::collection::btree_map("[a-z_]{1,12}", extra_value(), 0..4),
        ) -> FrontMatter {
            let mut t = texts.into_iter();
            let mut next = || t.next().flatten();
            FrontMatter {
                title: Some(title),
                date,
                updated,
                authors,
                source: next(),
                url,
                section: next(),
                image: None,
                topics,
                summary: next(),
                captions,
                kind: next(),
                lang: None,
                author_org: None,
                slug,
                draft,
                date_source,
                date_evidence: next(),
                source_file: next(),
                source_hash: next(),
                ingest_hash: None,
                extra: extra.into_iter().collect::<BTreeMap<_, _>>(),
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        /// Written as `ingest` writes it, read as the build reads it: the same front matter
        /// and body, and the file reads as generated (not as a user's edit).
        #[test]
        fn written_front_matter_reads_back(front in front_matter(), body in text(200)) {
            let file = render_file(&front, &body).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let doc = parse_document(Path::new("a.md"), "articles/a.md", file.as_bytes())
                .map_err(|d| TestCaseError::fail(format!("{d:?}\n{file}")))?;
            let mut read = doc.front.clone();
            prop_assert!(read.ingest_hash.is_some(), "no ingest_hash:\n{file}");
            read.ingest_hash = None;
            prop_assert_eq!(&read, &front, "\n{}", file);
            let want_body = if body.is_empty() { String::new() } else { format!("\n{body}") };
            prop_assert_eq!(doc.body, want_body);
            prop_assert_eq!(
                dossier::ingest::file_state(&file),
                dossier::ingest::FileState::Generated
            );
        }

        /// Every date the front matter can hold prints as a form it accepts, and reads back.
        #[test]
        fn doc_dates_print_and_parse_back(date in doc_date()) {
            let printed = date.to_string();
            let again = DocDate::parse(&printed).map_err(TestCaseError::fail)?;
            prop_assert_eq!(again, date);
            if let (DocDate::Moment(a), DocDate::Moment(b)) = (again, date) {
                prop_assert_eq!(a.offset(), b.offset());
            }
        }

        /// The forms the front matter documents, written by hand, read as the date they say.
        #[test]
        fn documented_front_matter_forms_parse(d in naive_date(), t in naive_time(), minutes in -(14 * 60)..=(14 * 60)) {
            let local = NaiveDateTime::new(d, t);
            let day = d.format("%Y-%m-%d").to_string();
            prop_assert_eq!(DocDate::parse(&day), Ok(DocDate::Day(d)));
            prop_assert_eq!(DocDate::parse(&format!(" {day}\n")), Ok(DocDate::Day(d)));
            for f in ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"] {
                prop_assert_eq!(DocDate::parse(&local.format(f).to_string()), Ok(DocDate::Local(local)));
            }
            let minute = NaiveDateTime::new(d, NaiveTime::from_hms_opt(t.hour(), t.minute(), 0).unwrap());
            for f in ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"] {
                prop_assert_eq!(DocDate::parse(&local.format(f).to_string()), Ok(DocDate::Local(minute)));
            }
            let offset = FixedOffset::east_opt(minutes * 60).unwrap();
            if let Some(m) = offset.from_local_datetime(&local).single() {
                let written = m.format("%Y-%m-%dT%H:%M:%S%:z").to_string();
                let parsed = DocDate::parse(&written);
                prop_assert!(matches!(parsed, Ok(DocDate::Moment(p)) if p == m && p.offset() == m.offset()), "{written}: {parsed:?}");
                let short = m.format("%Y-%m-%dT%H:%M%:z").to_string();
                let parsed = DocDate::parse(&short);
                prop_assert!(matches!(parsed, Ok(DocDate::Moment(p)) if p.naive_local() == minute), "{short}: {parsed:?}");
            }
            let utc = chrono::Utc.from_utc_datetime(&minute).fixed_offset();
            let zulu = minute.format("%Y-%m-%dT%H:%MZ").to_string();
            prop_assert_eq!(DocDate::parse(&zulu), Ok(DocDate::Moment(utc)), "{}", zulu);
        }
    }

    use chrono::Timelike;
}

// ---------------------------------------------------------------------------------------------
// The ingest date finder: any date printed the ways pages print it is found as that date.

mod printed_dates {
    use chrono::NaiveDate;
    use dossier::ingest::dates::{date_line, find_dates, Order};
    use proptest::prelude::*;

    fn page_date() -> impl Strategy<Value = NaiveDate> {
        (1900i32..=2100, 1u32..=366)
            .prop_filter_map("no such day", |(y, o)| NaiveDate::from_yo_opt(y, o))
    }

    fn order() -> impl Strategy<Value = Order> {
        prop_oneof![Just(Order::Mdy), Just(Order::Dmy), Just(Order::Ymd)]
    }

    /// Forms pages print, and the numeric ones the order says how to read.
    fn forms(order: Order) -> Vec<&'static str> {
        let mut f = vec![
            "%B %-d, %Y",
            "%B %d, %Y",
            "%b %-d, %Y",
            "%b. %-d, %Y",
            "%A, %B %-d, %Y",
            "%a, %b %-d, %Y",
            "%A %-d %B %Y",
            "%-d %B %Y",
            "%-d %b %Y",
            "%-d %B, %Y",
            "%Y-%m-%d",
            "%Y/%m/%d",
            "%Y-%m-%dT08:15:00Z",
        ];
        match order {
            Order::Mdy => f.extend(["%m/%d/%Y", "%-m/%-d/%Y", "%-m/%-d/%y"]),
            Order::Dmy => f.extend(["%d/%m/%Y", "%d.%m.%Y", "%-d/%-m/%Y"]),
            Order::Ymd => {}
        }
        f
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        #[test]
        fn printed_dates_are_found(date in page_date(), order in order(), upper in any::<bool>()) {
            for f in forms(order) {
                if f.contains("%y") && !(2000..2100).contains(&chrono::Datelike::year(&date)) {
                    continue; // two-digit years are read as 20xx
                }
                let mut printed = date.format(f).to_string();
                if upper {
                    printed = printed.to_uppercase();
                }
                let text = format!("Officials met on {printed} in the capital, they said.");
                let found = find_dates(&text, order);
                prop_assert_eq!(found.len(), 1, "{} → {:?}", text, found);
                prop_assert_eq!(found[0].date, date, "{}", text);
                let span = &text[found[0].start..found[0].end];
                let want = printed.trim_end_matches("T08:15:00Z").trim_end_matches("T08:15:00z");
                prop_assert_eq!(span, want, "{}", text);
                // And alone on a line under a label, it is the publication date.
                let line = date_line(&format!("Published {printed}"), order);
                prop_assert_eq!(line.and_then(|l| l.published), Some(date), "Published {}", printed);
            }
        }
    }
}
