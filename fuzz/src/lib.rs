//! The checks the fuzz targets run: each asserts invariants beyond "no panic". Shared so that
//! every target states its properties once and a crash names the property it broke.

use std::path::Path;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use dossier::content::{check_slug, is_web_url, parse_document, split_front_matter, DocDate};
use dossier::ingest::dates::{self, Order};
use dossier::ingest::{convert, file_state, ConvertOptions, Converted, FileState};

static OPTS: LazyLock<ConvertOptions> = LazyLock::new(ConvertOptions::default);

/// Convert `raw` twice: same result both times; a converted document's file re-reads as the
/// same front matter and body, and says it was generated.
pub fn check_convert(raw: &[u8], name: &str) {
    let first = convert(raw, name, &OPTS);
    let second = convert(raw, name, &OPTS);
    match (first, second) {
        (Err(a), Err(b)) => assert_eq!(a, b, "refusal differs between two runs"),
        (Ok(a), Ok(b)) => {
            assert_same(&a, &b, "two conversions of the same bytes");
            check_converted(&a);
        }
        (a, b) => panic!(
            "converted once and refused once: {:?} / {:?}",
            a.err(),
            b.err()
        ),
    }
}

fn assert_same(a: &Converted, b: &Converted, what: &str) {
    assert_eq!(a.front, b.front, "{what}: front matter differs");
    assert_eq!(a.body, b.body, "{what}: body differs");
    assert_eq!(a.dropped, b.dropped, "{what}: dropped blocks differ");
    assert_eq!(a.warnings, b.warnings, "{what}: warnings differ");
}

fn check_converted(c: &Converted) {
    assert!(
        !c.body.contains(['\r', '\0']),
        "body keeps a CR or NUL: {:?}",
        c.body
    );
    let file = c
        .file_text()
        .unwrap_or_else(|e| panic!("front matter cannot be written: {e}"));
    let doc = parse_document(Path::new("fuzz.md"), "articles/fuzz.md", file.as_bytes())
        .unwrap_or_else(|d| panic!("generated file does not load: {d:?}\n{file}"));
    let mut read = doc.front.clone();
    read.ingest_hash = None;
    let mut written = c.front.clone();
    written.ingest_hash = None;
    assert_eq!(read, written, "front matter changed on re-reading:\n{file}");
    let want_body = if c.body.is_empty() {
        String::new()
    } else {
        format!("\n{}", c.body)
    };
    assert_eq!(doc.body, want_body, "body changed on re-reading:\n{file}");
    assert_eq!(
        file_state(&file),
        FileState::Generated,
        "a fresh file reads as edited:\n{file}"
    );
}

/// The same text as UTF-8, UTF-16LE and UTF-16BE (with BOMs) converts to the same document.
pub fn check_encodings_agree(text: &str, name: &str) {
    // NUL makes UTF-8 read as binary, by design; UTF-16 is full of zero bytes anyway.
    if text.contains('\0') {
        return;
    }
    let Ok(utf8) = convert(text.as_bytes(), name, &OPTS) else {
        return;
    };
    for (bom, le) in [([0xFF, 0xFE], true), ([0xFE, 0xFF], false)] {
        let mut raw = bom.to_vec();
        for unit in text.encode_utf16() {
            raw.extend(if le {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            });
        }
        let other = convert(&raw, name, &OPTS)
            .unwrap_or_else(|e| panic!("UTF-8 converts but UTF-16 is refused: {e:?}"));
        let mut a = utf8.clone();
        let mut b = other;
        // The raw bytes differ, so does their hash.
        a.front.source_hash = None;
        b.front.source_hash = None;
        assert_same(&a, &b, "UTF-8 and UTF-16 of one text");
    }
}

/// Split and parse a Markdown file; a parsed front matter, written back, reads the same.
pub fn check_front_matter(rel_path: &str, bytes: &[u8]) {
    if let Ok(text) = std::str::from_utf8(bytes) {
        if let Some((yaml, body, body_line)) = split_front_matter(text) {
            let start = text.len() - body.len();
            assert!(text.ends_with(body));
            assert!(
                text[..start].contains(yaml),
                "front matter outside the header"
            );
            let bare = text.strip_prefix('\u{feff}').unwrap_or(text);
            let before_body = &bare[..bare.len() - body.len()];
            // A closing fence without a newline ends the file: the (empty) body is on the
            // line after it.
            let lines = before_body.matches('\n').count() + 1;
            let want = lines + usize::from(!before_body.ends_with('\n'));
            assert_eq!(body_line, want, "body line miscounted");
        }
    }
    let path = Path::new("content/fuzz.md");
    let doc = match parse_document(path, rel_path, bytes) {
        Ok(doc) => doc,
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty(), "refused without a reason");
            let lines = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
            for d in &diagnostics {
                assert_eq!(d.path, path, "diagnostic names another file");
                assert!(!d.message.is_empty());
                if let Some(line) = d.line {
                    assert!(
                        (1..=lines + 1).contains(&line),
                        "diagnostic on line {line} of a {lines}-line file: {d}"
                    );
                }
            }
            return;
        }
    };
    assert!(!doc.title.is_empty() && doc.title == doc.title.trim());
    assert!(
        check_slug(&doc.slug).is_ok(),
        "unsafe slug {:?} from {rel_path:?}",
        doc.slug
    );
    if let Some(url) = &doc.front.url {
        assert!(is_web_url(url), "url {url:?} accepted");
    }
    for date in [doc.front.date, doc.front.updated].into_iter().flatten() {
        check_doc_date(&date.to_string());
    }
    // Write the parsed front matter back (as `ingest` and a re-save would) and read it again.
    let yaml = dossier::yaml::to_string(&doc.front)
        .unwrap_or_else(|e| panic!("parsed front matter cannot be written: {e}"));
    let file = format!("---\n{yaml}---\n{}", doc.body);
    let again = parse_document(path, rel_path, file.as_bytes())
        .unwrap_or_else(|d| panic!("written front matter does not load: {d:?}\n{file}"));
    assert_eq!(again.front, doc.front, "front matter changed:\n{file}");
    assert_eq!(again.body, doc.body);
    assert_eq!(again.title, doc.title);
    assert_eq!(again.slug, doc.slug);
}

/// A front matter date that parses re-formats and re-parses to the same value.
pub fn check_doc_date(text: &str) {
    let Ok(date) = DocDate::parse(text) else {
        return;
    };
    let printed = date.to_string();
    let again = DocDate::parse(&printed)
        .unwrap_or_else(|e| panic!("{text:?} parsed, but its printed form {printed:?} not: {e}"));
    assert_eq!(again, date, "{text:?} → {printed:?} reads as another date");
    if let (DocDate::Moment(a), DocDate::Moment(b)) = (date, again) {
        assert_eq!(a.offset(), b.offset(), "{text:?}: offset lost");
    }
    assert_eq!(again.to_string(), printed);
}

/// The ingest date finder: spans are sane, each found date is found again in its own span
/// and in every printed form the finder supports.
pub fn check_date_finder(text: &str, order_byte: u8) {
    let order = [Order::Mdy, Order::Dmy, Order::Ymd][usize::from(order_byte % 3)];
    let found = dates::find_dates(text, order);
    let mut last_end = 0;
    for f in &found {
        assert!(
            last_end <= f.start && f.start < f.end,
            "bad or overlapping span"
        );
        last_end = f.end;
        let span = text.get(f.start..f.end).expect("span on char boundaries");
        assert!(plausible(f.date), "implausible {}", f.date);
        let again = dates::find_dates(span, order);
        assert!(
            again
                .first()
                .is_some_and(|g| g.date == f.date && g.start == 0),
            "{span:?} gave {} in {text:?} but {again:?} alone",
            f.date
        );
        check_printed_forms(f.date, order);
    }
    if let Some(line) = dates::date_line(text, order) {
        assert!(text.len() <= 160);
        for d in [line.published, line.updated].into_iter().flatten() {
            assert!(plausible(d), "date line gave {d}");
        }
    }
    if let Some(d) = dates::url_date(text) {
        assert!(plausible(d), "URL date {d}");
    }
    if let Some((m, d)) = dates::find_month_day(text) {
        assert!((1..=12).contains(&m) && (1..=31).contains(&d), "{m}/{d}");
    }
}

fn plausible(d: NaiveDate) -> bool {
    (1900..=2100).contains(&d.year())
}

/// The written forms of a date the finder must read back whole.
pub fn printed_forms(date: NaiveDate, order: Order) -> Vec<String> {
    let mut formats = vec![
        "%B %-d, %Y",
        "%b %-d, %Y",
        "%b. %-d, %Y",
        "%A, %B %-d, %Y",
        "%a, %b %-d, %Y",
        "%-d %B %Y",
        "%-d %b %Y",
        "%Y-%m-%d",
        "%Y/%m/%d",
    ];
    match order {
        Order::Mdy => formats.extend(["%m/%d/%Y", "%-m/%-d/%Y"]),
        Order::Dmy => formats.extend(["%d/%m/%Y", "%d.%m.%Y"]),
        Order::Ymd => {}
    }
    formats
        .into_iter()
        .map(|f| date.format(f).to_string())
        .collect()
}

fn check_printed_forms(date: NaiveDate, order: Order) {
    for printed in printed_forms(date, order) {
        let found = dates::find_dates(&printed, order);
        assert!(
            found.len() == 1
                && found[0].date == date
                && found[0].start == 0
                && found[0].end == printed.len(),
            "{date} printed as {printed:?} reads as {found:?}"
        );
    }
}
