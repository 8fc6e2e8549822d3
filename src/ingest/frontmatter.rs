//! Front matter: what a user already wrote (kept, it always wins), and the generated file with
//! its `ingest_hash`, which tells a later run whether the user has edited the file since.

use std::collections::BTreeMap;

use crate::content::{DateSource, FrontMatter};
use crate::yaml;

/// The key written last in the generated front matter's hashed part.
const HASH_KEY: &str = "ingest_hash:";

/// Read a user's front matter leniently: fields Dossier knows are taken (a scalar given for a
/// text field is read as text), anything else is kept under `extra`. Returns the front
/// matter, the keys the user set, and problems worth a warning.
pub fn read_user(yaml_text: &str) -> (FrontMatter, Vec<String>, Vec<String>) {
    let mut warnings = Vec::new();
    let map: BTreeMap<String, serde_json::Value> = if yaml_text.trim().is_empty() {
        BTreeMap::new()
    } else {
        match yaml::from_str(yaml_text) {
            Ok(m) => m,
            Err(e) => {
                let at = e
                    .line
                    .map(|l| format!(" (line {})", l + 1))
                    .unwrap_or_default();
                warnings.push(format!(
                    "its front matter is not valid YAML{at}: {}; it was ignored, fix it in the raw file or in the generated one",
                    e.message
                ));
                BTreeMap::new()
            }
        }
    };
    let mut front = FrontMatter::default();
    let mut set = Vec::new();
    for (key, value) in map {
        let single = |v: serde_json::Value| {
            let mut obj = serde_json::Map::new();
            obj.insert(key.clone(), v);
            serde_json::from_value::<FrontMatter>(serde_json::Value::Object(obj))
        };
        let parsed = match single(value.clone()) {
            Ok(f) => Some(f),
            Err(e) if e.to_string().contains("unknown field") => {
                front.extra.insert(key.clone(), value);
                set.push("extra".to_string());
                continue;
            }
            Err(e) => {
                let text = match &value {
                    serde_json::Value::Number(n) => Some(n.to_string()),
                    serde_json::Value::Bool(b) => Some(b.to_string()),
                    _ => None,
                };
                match text.map(|t| single(serde_json::Value::String(t))) {
                    Some(Ok(f)) => Some(f),
                    _ => {
                        warnings.push(format!("its front matter field `{key}` could not be read ({e}); it was ignored"));
                        None
                    }
                }
            }
        };
        // A value the build would refuse must not reach the generated file.
        let parsed = parsed.and_then(|mut f| {
            for p in crate::content::field_problems(&f) {
                if p.key == "topics" && f.topics.len() > crate::content::MAX_TOPICS {
                    f.topics.truncate(crate::content::MAX_TOPICS);
                    warnings.push(format!(
                        "its front matter field `{key}` {}; only the first {} were kept",
                        p.message,
                        crate::content::MAX_TOPICS
                    ));
                    continue;
                }
                warnings.push(format!(
                    "its front matter field `{key}` was ignored: {}",
                    p.message
                ));
                return None;
            }
            Some(f)
        });
        if let Some(f) = parsed {
            merge_user(&mut front, f);
            set.push(key);
        }
    }
    (front, set, warnings)
}

/// The front matter's optional scalar fields, listed once for both merges: `$m!([fields a
/// user's value overrides on [`overlay`]] [fields only [`merge_user`] copies])`.
macro_rules! optional_fields {
    ($m:ident) => {
        $m!(
            [
                title,
                date,
                updated,
                source,
                url,
                section,
                summary,
                kind,
                slug,
                date_source,
                date_evidence,
                image,
                lang,
                author_org
            ]
            [source_file, source_hash, ingest_hash]
        )
    };
}

/// Copy every field `from` sets into `into`.
fn merge_user(into: &mut FrontMatter, from: FrontMatter) {
    macro_rules! take {
        ([$($f:ident),*] [$($g:ident),*]) => {$(
            if from.$f.is_some() { into.$f = from.$f; }
        )* $(
            if from.$g.is_some() { into.$g = from.$g; }
        )*};
    }
    optional_fields!(take);
    if !from.authors.is_empty() {
        into.authors = from.authors;
    }
    if !from.topics.is_empty() {
        into.topics = from.topics;
    }
    if !from.captions.is_empty() {
        into.captions = from.captions;
    }
    if from.draft {
        into.draft = true;
    }
    into.extra.extend(from.extra);
}

/// Lay the user's front matter over the extracted one: what the user wrote wins, the rest is
/// filled in. A user-given date is marked as such.
pub fn overlay(extracted: FrontMatter, user: FrontMatter, user_keys: &[String]) -> FrontMatter {
    let mut out = extracted;
    let has = |k: &str| {
        user_keys
            .iter()
            .any(|u| u == k || (k == "authors" && u == "author") || (k == "topics" && u == "tags"))
    };
    if has("date") {
        out.date_source = Some(DateSource::User);
        out.date_evidence = None;
    }
    let mut extra = std::mem::take(&mut out.extra);
    let user_extra = user.extra.clone();
    macro_rules! user_wins {
        ([$($f:ident),*] [$($_g:ident),*]) => {$(
            if has(stringify!($f)) { out.$f = user.$f.clone(); }
        )*};
    }
    optional_fields!(user_wins);
    if has("authors") {
        out.authors = user.authors.clone();
    }
    if has("topics") {
        out.topics = user.topics.clone();
    }
    if has("captions") {
        out.captions = user.captions.clone();
    }
    if has("draft") {
        out.draft = user.draft;
    }
    if has("title") {
        extra.remove("untitled");
    }
    extra.extend(user_extra);
    out.extra = extra;
    out
}

/// The generated file for `front` and `body`, with `ingest_hash` set to the hash of the file
/// as it would read without that line.
pub fn render_file(front: &FrontMatter, body: &str) -> Result<String, yaml::YamlError> {
    let mut unhashed = front.clone();
    unhashed.ingest_hash = None;
    let plain = assemble(&yaml::to_string(&unhashed)?, body);
    let mut hashed = unhashed;
    hashed.ingest_hash = Some(blake3::hash(plain.as_bytes()).to_hex().to_string());
    let text = assemble(&yaml::to_string(&hashed)?, body);
    // The hash must be checkable by removing one line; if serialisation ever moved other
    // lines, fall back to the unhashed file (read as "not generated", never overwritten).
    if without_hash_line(&text).as_deref() == Some(plain.as_str()) {
        Ok(text)
    } else {
        Ok(plain)
    }
}

fn assemble(yaml_text: &str, body: &str) -> String {
    let mut s = String::with_capacity(yaml_text.len() + body.len() + 10);
    s.push_str("---\n");
    s.push_str(yaml_text);
    if !yaml_text.ends_with('\n') {
        s.push('\n');
    }
    s.push_str("---\n");
    if !body.is_empty() {
        s.push('\n');
        s.push_str(body);
    }
    s
}

/// The file with its top-level `ingest_hash:` line removed, if the front matter has one.
fn without_hash_line(text: &str) -> Option<String> {
    let (start, end, _) = hash_line(text)?;
    Some(format!("{}{}", &text[..start], &text[end..]))
}

/// Byte range of the `ingest_hash:` line (with its newline) inside the front matter, and the
/// value. Only a plain text search: no YAML parse.
fn hash_line(text: &str) -> Option<(usize, usize, &str)> {
    let rest = text.strip_prefix("---\n")?;
    let mut offset = 4;
    for line in rest.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\n', '\r']);
        if bare == "---" {
            return None;
        }
        if let Some(v) = bare.strip_prefix(HASH_KEY) {
            let v = v.trim().trim_matches(['\'', '"']);
            return Some((offset, offset + line.len(), v));
        }
        offset += line.len();
    }
    None
}

/// What a generated file says about itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileState {
    /// As `ingest` wrote it.
    Generated,
    /// Changed since (or never written by `ingest`): the user's, never overwritten.
    Edited,
}

pub fn file_state(text: &str) -> FileState {
    match hash_line(text) {
        Some((start, end, value)) => {
            let mut plain = String::with_capacity(text.len());
            plain.push_str(&text[..start]);
            plain.push_str(&text[end..]);
            if blake3::hash(plain.as_bytes()).to_hex().as_str() == value {
                FileState::Generated
            } else {
                FileState::Edited
            }
        }
        None => FileState::Edited,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_detects_edits() {
        let front = FrontMatter {
            title: Some("A title".into()),
            source_hash: Some("abc".into()),
            ..Default::default()
        };
        let text = render_file(&front, "Body text.\n").unwrap();
        assert!(text.contains("\ningest_hash: "), "{text}");
        assert_eq!(file_state(&text), FileState::Generated);
        assert_eq!(
            file_state(&text.replace("Body", "Edited body")),
            FileState::Edited
        );
        assert_eq!(
            file_state(&text.replace("A title", "My title")),
            FileState::Edited
        );
        assert_eq!(file_state("---\ntitle: x\n---\nbody\n"), FileState::Edited);
        let doc =
            crate::content::parse_document(std::path::Path::new("a.md"), "a.md", text.as_bytes())
                .unwrap();
        assert_eq!(doc.front.ingest_hash.as_deref().map(str::len), Some(64));
    }

    #[test]
    fn values_the_build_refuses_are_dropped_with_a_warning() {
        let topics: String = (0..150).map(|i| format!("  - t{i}\n")).collect();
        let yaml = format!("title: \"a\\0b\"\nslug: ../x\nurl: javascript:alert(1)\nsection: Ok\ntopics:\n{topics}");
        let (front, keys, warnings) = read_user(&yaml);
        assert_eq!(front.title, None);
        assert_eq!(front.slug, None);
        assert_eq!(front.url, None);
        assert_eq!(front.section.as_deref(), Some("Ok"));
        assert_eq!(front.topics.len(), crate::content::MAX_TOPICS);
        assert_eq!(keys, vec!["section", "topics"]);
        assert_eq!(warnings.len(), 4, "{warnings:#?}");
        assert!(crate::content::field_problems(&front).is_empty());
    }

    #[test]
    fn user_front_matter_wins_and_unknown_keys_are_kept() {
        let (user, keys, warnings) =
            read_user("title: Mine\ndate: 2024-03-01\ncategory: world\nauthor: Jane Roe\n");
        assert!(warnings.is_empty(), "{warnings:?}");
        let extracted = FrontMatter {
            title: Some("Found".into()),
            source: Some("Reuters".into()),
            date_source: Some(DateSource::Stated),
            ..Default::default()
        };
        let f = overlay(extracted, user, &keys);
        assert_eq!(f.title.as_deref(), Some("Mine"));
        assert_eq!(f.source.as_deref(), Some("Reuters"));
        assert_eq!(f.authors, ["Jane Roe"]);
        assert_eq!(f.date_source, Some(DateSource::User));
        assert_eq!(f.extra.get("category"), Some(&serde_json::json!("world")));
        let (u, _, w) = read_user("title: [unclosed\n");
        assert!(u.title.is_none() && w.len() == 1);
        let (u, _, w) = read_user("title: 2024\n");
        assert_eq!((u.title.as_deref(), w.len()), (Some("2024"), 0));
    }

    #[test]
    fn every_optional_field_is_read_and_the_users_override_on_overlay() {
        let yaml = "title: T\ndate: 2024-03-01\nupdated: 2024-03-02\nsource: S\nurl: https://x.example/a\nsection: Sec\nsummary: Sum\nkind: article\nslug: sl\nimage: https://x.example/i.jpg\nlang: de\nauthor_org: Org\nsource_file: content/inbox/a.txt\nsource_hash: h1\n";
        let (user, keys, warnings) = read_user(yaml);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(user.image.as_deref(), Some("https://x.example/i.jpg"));
        assert_eq!(user.lang.as_deref(), Some("de"));
        assert_eq!(user.author_org.as_deref(), Some("Org"));
        assert_eq!(user.source_file.as_deref(), Some("content/inbox/a.txt"));
        assert_eq!(user.source_hash.as_deref(), Some("h1"));
        let extracted = FrontMatter {
            updated: Some(crate::content::DocDate::Day(
                chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(),
            )),
            url: Some("https://y.example/b".into()),
            section: Some("Found".into()),
            summary: Some("Found".into()),
            kind: Some("note".into()),
            slug: Some("found".into()),
            ..Default::default()
        };
        let f = overlay(extracted, user.clone(), &keys);
        assert_eq!(f.updated, user.updated);
        assert_eq!(f.url.as_deref(), Some("https://x.example/a"));
        assert_eq!(f.section.as_deref(), Some("Sec"));
        assert_eq!(f.summary.as_deref(), Some("Sum"));
        assert_eq!(f.kind.as_deref(), Some("article"));
        assert_eq!(f.slug.as_deref(), Some("sl"));
        // A user's picture, language and byline organisation are kept too (they were lost).
        assert_eq!(f.image.as_deref(), Some("https://x.example/i.jpg"));
        assert_eq!(f.lang.as_deref(), Some("de"));
        assert_eq!(f.author_org.as_deref(), Some("Org"));
        // What only the conversion knows stays the conversion's.
        assert_eq!(f.source_file, None);
        assert_eq!(f.source_hash, None);
    }

    /// The captions a user wrote or edited win over the converted ones, as every field's do;
    /// without the key, the converted captions stay.
    #[test]
    fn captions_a_user_wrote_are_kept() {
        let extracted = FrontMatter {
            title: Some("Found".into()),
            captions: vec!["El puerto al amanecer. Foto: Ana Reis".into()],
            ..Default::default()
        };
        let (user, keys, warnings) =
            read_user("captions:\n  - 'El puerto al amanecer, en 2024. Foto: Ana Reis'\n");
        assert!(warnings.is_empty(), "{warnings:?}");
        let f = overlay(extracted.clone(), user, &keys);
        assert_eq!(
            f.captions,
            ["El puerto al amanecer, en 2024. Foto: Ana Reis"]
        );
        assert_eq!(f.title.as_deref(), Some("Found"));
        let (user, keys, _) = read_user("title: Mine\n");
        assert_eq!(
            overlay(extracted.clone(), user, &keys).captions,
            extracted.captions
        );
        // An emptied list is the user's too.
        let (user, keys, _) = read_user("captions: []\n");
        assert!(overlay(extracted, user, &keys).captions.is_empty());
    }
}
