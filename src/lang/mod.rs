//! Languages: which language a document is in (its front matter's `lang`, else detected),
//! which way it is written, the locale its dates are formatted in, the strings of the
//! site's interface (`strings`), and the English weekday and month words (`calendar`).

pub mod calendar;
pub mod strings;

use chrono::{Locale, NaiveDate};

pub use strings::{Strings, Ui};

/// Scripts written right to left, by primary language subtag.
const RIGHT_TO_LEFT: &[&str] = &[
    "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ku", "ps", "sd", "syr", "ug", "ur", "yi",
];

/// Below this many letters a detection is a guess: a document that short keeps the site's
/// language.
const MIN_DETECT_CHARS: usize = 40;
/// Nor does text of fewer words than this (a string of symbols is no sentence).
const MIN_DETECT_WORDS: usize = 8;
/// Text read for detection: the title and the start of the body are enough, and the cost
/// stays bounded per document.
const DETECT_CHARS: usize = 2000;

/// A language tag as BCP 47 writes it ("de", "pt-BR", "zh-Hant"), or `None` when `tag` is
/// not one: a primary subtag of 2 to 3 letters, then subtags of 1 to 8 letters or digits,
/// separated by `-` (or `_`, read as `-`).
pub fn normalise_tag(tag: &str) -> Option<String> {
    let tag = tag.trim();
    let mut parts = tag.split(['-', '_']);
    let primary = parts.next()?;
    if !(2..=3).contains(&primary.len()) || !primary.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let mut out = primary.to_ascii_lowercase();
    for part in parts {
        if part.is_empty() || part.len() > 8 || !part.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return None;
        }
        out.push('-');
        // Conventional case: regions in capitals, scripts capitalised, the rest lower.
        if part.len() == 2 && part.bytes().all(|b| b.is_ascii_alphabetic()) {
            out.push_str(&part.to_ascii_uppercase());
        } else if part.len() == 4 && part.bytes().all(|b| b.is_ascii_alphabetic()) {
            out.push_str(&part[..1].to_ascii_uppercase());
            out.push_str(&part[1..].to_ascii_lowercase());
        } else {
            out.push_str(&part.to_ascii_lowercase());
        }
    }
    Some(out)
}

/// The primary language subtag: `de` for `de-AT`.
pub fn primary(tag: &str) -> &str {
    tag.split(['-', '_']).next().unwrap_or(tag)
}

/// Is this language written right to left?
pub fn is_rtl(tag: &str) -> bool {
    let p = primary(tag).to_ascii_lowercase();
    RIGHT_TO_LEFT.contains(&p.as_str())
}

/// The HTML `dir` of a language: `rtl` or `ltr`.
pub fn dir(tag: &str) -> &'static str {
    if is_rtl(tag) {
        "rtl"
    } else {
        "ltr"
    }
}

/// The language a text is written in, as a tag (`de`), when the detector (whatlang: trigram
/// statistics, deterministic) is confident; `None` for short or mixed text.
pub fn detect(title: &str, body: &str) -> Option<String> {
    let mut text = String::with_capacity(DETECT_CHARS + title.len() + 1);
    text.push_str(title);
    text.push('\n');
    let mut end = body.len().min(DETECT_CHARS);
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    text.push_str(&body[..end]);
    let words = text
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .take(MIN_DETECT_WORDS)
        .count();
    if words < MIN_DETECT_WORDS
        || text.chars().filter(|c| c.is_alphabetic()).count() < MIN_DETECT_CHARS
    {
        return None;
    }
    let info = whatlang::detect(&text)?;
    if !info.is_reliable() {
        return None;
    }
    let code = info.lang().code();
    // whatlang names languages by ISO 639-3; BCP 47 wants the two-letter code where one
    // exists.
    let short = isolang::Language::from_639_3(code).and_then(|l| l.to_639_1());
    Some(short.unwrap_or(code).to_string())
}

/// The CLDR-derived locale (through chrono's `unstable-locales`) dates are written in for a
/// language, or `None` for English, which chrono's own names already are.
pub fn locale(tag: &str) -> Option<Locale> {
    let p = primary(tag).to_ascii_lowercase();
    if p == "en" {
        return None;
    }
    let region = tag
        .split(['-', '_'])
        .skip(1)
        .find(|s| s.len() == 2 && s.bytes().all(|b| b.is_ascii_alphabetic()));
    let mut tries = Vec::new();
    if let Some(r) = region {
        tries.push(format!("{p}_{}", r.to_ascii_uppercase()));
    }
    // The country most of a language's speakers write dates in, where it is not the
    // language code itself.
    let usual = match p.as_str() {
        "ar" => "EG",
        "he" | "iw" => "IL",
        "fa" => "IR",
        "ur" => "PK",
        "ja" => "JP",
        "zh" => "CN",
        "ko" => "KR",
        "uk" => "UA",
        "el" => "GR",
        "sv" => "SE",
        "da" => "DK",
        "cs" => "CZ",
        "hi" => "IN",
        "bn" => "BD",
        "sq" => "AL",
        "ca" => "ES",
        "et" => "EE",
        "ga" => "IE",
        "ms" => "MY",
        "nb" | "nn" => "NO",
        "sl" => "SI",
        "sr" => "RS",
        "vi" => "VN",
        "ka" => "GE",
        "kk" => "KZ",
        "hy" => "AM",
        "be" => "BY",
        _ => "",
    };
    if !usual.is_empty() {
        tries.push(format!("{p}_{usual}"));
    }
    tries.push(format!("{p}_{}", p.to_ascii_uppercase()));
    tries
        .iter()
        .find_map(|name| Locale::try_from(name.as_str()).ok())
}

/// A day written with a strftime `pattern` in `locale` (month and weekday names), or in
/// English without one.
pub fn format_day(day: NaiveDate, pattern: &str, locale: Option<Locale>) -> String {
    match locale {
        Some(l) => day.format_localized(pattern, l).to_string(),
        None => day.format(pattern).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_normalised_and_checked() {
        assert_eq!(normalise_tag("DE").as_deref(), Some("de"));
        assert_eq!(normalise_tag("pt_br").as_deref(), Some("pt-BR"));
        assert_eq!(normalise_tag("zh-hant-tw").as_deref(), Some("zh-Hant-TW"));
        for bad in ["", "german", "d", "de-", "de--AT", "1e", "de-toolongtag"] {
            assert_eq!(normalise_tag(bad), None, "{bad}");
        }
    }

    #[test]
    fn right_to_left_languages() {
        assert_eq!(dir("ar"), "rtl");
        assert_eq!(dir("he-IL"), "rtl");
        assert_eq!(dir("fa"), "rtl");
        assert_eq!(dir("de"), "ltr");
        assert_eq!(dir("en"), "ltr");
    }

    #[test]
    fn dates_follow_the_locale() {
        let day = NaiveDate::from_ymd_opt(2024, 2, 6).unwrap();
        assert_eq!(
            format_day(day, "%-d. %B %Y", locale("de")),
            "6. Februar 2024"
        );
        assert_eq!(
            format_day(day, "%A %-d %B %Y", locale("fr")),
            "mardi 6 février 2024"
        );
        assert_eq!(
            format_day(day, "%-d de %B de %Y", locale("es")),
            "6 de febrero de 2024"
        );
        assert_eq!(
            format_day(day, "%A, %-d %B %Y", locale("en")),
            "Tuesday, 6 February 2024"
        );
        assert!(format_day(day, "%B", locale("ar"))
            .chars()
            .any(|c| ('\u{600}'..='\u{6ff}').contains(&c)));
        assert_eq!(format_day(day, "%B", locale("de-AT")), "Februar");
    }

    #[test]
    fn detects_the_language_of_running_text() {
        let de = "Die Bundesregierung hat am Dienstag in Berlin ein neues Gesetz beschlossen, \
                  das die Förderung von Wärmepumpen in den kommenden Jahren deutlich ausweitet.";
        let fr = "Le gouvernement a présenté mardi à Paris un projet de loi qui doit renforcer \
                  le soutien aux collectivités locales touchées par les inondations de l'hiver.";
        let ar = "أعلنت الحكومة يوم الثلاثاء عن خطة جديدة لدعم المزارعين المتضررين من موجة الجفاف \
                  التي ضربت المنطقة خلال الصيف الماضي.";
        assert_eq!(detect("", de).as_deref(), Some("de"));
        assert_eq!(detect("", fr).as_deref(), Some("fr"));
        assert_eq!(detect("", ar).as_deref(), Some("ar"));
        assert_eq!(detect("Short", "Too short."), None);
    }
}
