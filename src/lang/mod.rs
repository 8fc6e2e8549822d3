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
    if clearly_english(&text) {
        return Some("en".to_string());
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

/// English function words: in English prose they are a quarter or more of the words.
/// Sorted, for a binary search.
const ENGLISH_FUNCTION_WORDS: &[&str] = &[
    "about", "after", "also", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for",
    "from", "had", "has", "have", "he", "her", "his", "in", "into", "is", "it", "its", "more",
    "not", "of", "on", "or", "said", "she", "than", "that", "the", "their", "there", "they",
    "this", "to", "was", "we", "were", "what", "when", "which", "who", "will", "with", "would",
];

/// Frequent function words of the other languages written in English's alphabet (German,
/// French, Spanish, Portuguese, Italian, Catalan, Dutch, the Scandinavian languages). Sorted.
const OTHER_FUNCTION_WORDS: &[&str] = &[
    "af", "att", "au", "auch", "auf", "ce", "che", "con", "da", "das", "del", "della", "dem",
    "den", "der", "des", "det", "di", "die", "du", "een", "ein", "eine", "el", "em", "er", "es",
    "est", "et", "het", "ikke", "il", "im", "ist", "la", "las", "le", "les", "lo", "los", "mit",
    "nicht", "niet", "och", "og", "op", "os", "par", "pas", "per", "por", "pour", "que", "qui",
    "se", "sich", "som", "sono", "sont", "sur", "til", "una", "und", "une", "van", "von", "wird",
    "zijn", "zu",
];

/// A word of up to eight ASCII letters as one number (zero bytes after its end), so a lookup
/// compares integers instead of strings: the fast path reads every word of a document's
/// start while a large site loads.
fn word_key(word: &[u8]) -> u64 {
    let mut bytes = [0u8; 8];
    bytes[..word.len()].copy_from_slice(word);
    u64::from_le_bytes(bytes)
}

/// Both function-word lists as sorted keys, each marked English or not.
fn function_word_keys() -> &'static [(u64, bool)] {
    static KEYS: std::sync::OnceLock<Vec<(u64, bool)>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        let english = ENGLISH_FUNCTION_WORDS
            .iter()
            .map(|w| (word_key(w.as_bytes()), true));
        let other = OTHER_FUNCTION_WORDS
            .iter()
            .map(|w| (word_key(w.as_bytes()), false));
        let mut keys: Vec<(u64, bool)> = english.chain(other).collect();
        keys.sort_unstable();
        keys
    })
}

/// Is this text plainly English? At least 40 words, a quarter of them English function
/// words, hardly any other language's function words and hardly a letter outside ASCII.
/// whatlang compares a text with each of its forty Latin-script languages (about 0.2 ms a
/// document, most of a large site's loading); for such a text its answer is English, so the
/// comparison is skipped (`fast_path_agrees_with_whatlang` holds the two together on real
/// pages).
fn clearly_english(text: &str) -> bool {
    const LONGEST: usize = 8;
    let (mut words, mut english, mut other) = (0usize, 0usize, 0usize);
    let (mut letters, mut non_ascii) = (0usize, 0usize);
    let mut word = [0u8; LONGEST];
    // Letters of the current word; past LONGEST (or with a non-ASCII letter) it is no listed
    // word.
    let mut len = 0usize;
    let keys = function_word_keys();
    let mut end_word = |len: usize, word: &[u8; LONGEST]| {
        if len == 0 {
            return;
        }
        words += 1;
        if len <= LONGEST {
            match keys.binary_search_by_key(&word_key(&word[..len]), |&(k, _)| k) {
                Ok(i) if keys[i].1 => english += 1,
                Ok(_) => other += 1,
                Err(_) => {}
            }
        }
    };
    for c in text.chars() {
        if c.is_alphabetic() {
            letters += 1;
            if c.is_ascii() {
                if len < LONGEST {
                    word[len] = c.to_ascii_lowercase() as u8;
                }
                len += 1;
            } else {
                non_ascii += 1;
                len = LONGEST + 1;
            }
        } else {
            end_word(len, &word);
            len = 0;
        }
    }
    end_word(len, &word);
    words >= 40 && english * 4 >= words && other * 20 <= english && non_ascii * 100 <= letters
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
    fn a_word_key_finds_exactly_the_listed_words() {
        let keys = function_word_keys();
        let look = |w: &str| {
            keys.binary_search_by_key(&word_key(w.as_bytes()), |&(k, _)| k)
                .ok()
                .map(|i| keys[i].1)
        };
        for w in ENGLISH_FUNCTION_WORDS {
            assert_eq!(look(w), Some(true), "{w}");
        }
        for w in OTHER_FUNCTION_WORDS {
            assert_eq!(look(w), Some(false), "{w}");
        }
        // Prefixes, extensions and words of eight letters are not listed words.
        for w in [
            "th", "thee", "theirs", "a", "und2", "abcdefgh", "die ", "wit", "sonos",
        ] {
            assert_eq!(look(w), None, "{w}");
        }
    }

    #[test]
    fn function_word_lists_are_sorted_and_apart() {
        for list in [ENGLISH_FUNCTION_WORDS, OTHER_FUNCTION_WORDS] {
            assert!(
                list.windows(2).all(|w| w[0] < w[1]),
                "{list:?} is not sorted"
            );
            assert!(list.iter().all(|w| w.len() <= 8 && w.is_ascii()));
        }
        for w in ENGLISH_FUNCTION_WORDS {
            assert!(
                OTHER_FUNCTION_WORDS.binary_search(w).is_err(),
                "{w} in both lists"
            );
        }
    }

    /// Paragraphs written for this test, about the same made-up event in four languages.
    const COUNCIL_EN: &str = "The city council voted on Tuesday to close the old bridge over \
        the river for repairs, after engineers said that its steel frame was weaker than it \
        had been when it was last inspected. Buses will run from the station to the market \
        while the work goes on, and the mayor said that the bridge would open again in the \
        spring if the weather was kind to the crews.";
    const COUNCIL_DE: &str = "Der Stadtrat hat am Dienstag beschlossen, die alte Brücke über \
        den Fluss für Reparaturen zu sperren, nachdem Ingenieure erklärt hatten, dass ihr \
        Stahlgerüst schwächer ist als bei der letzten Prüfung. Busse fahren während der \
        Arbeiten vom Bahnhof zum Markt, und die Bürgermeisterin sagte, die Brücke werde im \
        Frühjahr wieder geöffnet, wenn das Wetter mitspielt.";
    const COUNCIL_FR: &str = "Le conseil municipal a voté mardi la fermeture du vieux pont sur \
        la rivière pour des travaux, après que des ingénieurs ont indiqué que sa structure en \
        acier était plus faible que lors de la dernière inspection. Des bus circuleront de la \
        gare au marché pendant les travaux, et la maire a dit que le pont rouvrirait au \
        printemps si le temps le permet.";
    const COUNCIL_ES: &str = "El ayuntamiento votó el martes cerrar el viejo puente sobre el \
        río para repararlo, después de que los ingenieros dijeran que su estructura de acero \
        era más débil que en la última inspección. Los autobuses irán de la estación al \
        mercado mientras duren las obras, y la alcaldesa dijo que el puente volverá a abrir \
        en primavera si el tiempo lo permite.";

    #[test]
    fn only_plain_english_takes_the_fast_path() {
        assert!(clearly_english(COUNCIL_EN));
        assert_eq!(detect("Bridge to close", COUNCIL_EN).as_deref(), Some("en"));
        for (text, tag) in [(COUNCIL_DE, "de"), (COUNCIL_FR, "fr"), (COUNCIL_ES, "es")] {
            assert!(!clearly_english(text), "{tag} taken for English");
            assert_eq!(detect("", text).as_deref(), Some(tag));
        }
        // Too few words to judge, and English with a long foreign quotation.
        assert!(!clearly_english("The bridge is closed for the winter."));
        let mixed = format!("{COUNCIL_EN} {COUNCIL_DE}");
        assert!(!clearly_english(&mixed));
    }

    /// Where the fast path answers, whatlang answers the same: on the dev set's articles
    /// (title and body as a converted document holds them) and on its raw pages with all
    /// their menus, real text from about a hundred outlets.
    #[test]
    fn fast_path_agrees_with_whatlang() {
        let agrees = |what: &str, text: &str| {
            let mut end = text.len().min(DETECT_CHARS);
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let text = &text[..end];
            if !clearly_english(text) {
                return false;
            }
            let info = whatlang::detect(text).expect("whatlang answers");
            assert!(
                info.lang() == whatlang::Lang::Eng && info.is_reliable(),
                "{what}: whatlang says {info:?}"
            );
            true
        };
        let truth = std::fs::read_to_string("../shared/devset/truth.jsonl")
            .expect("the dev set beside the checkout (../shared)");
        let (mut articles, mut taken) = (0, 0);
        for line in truth.lines() {
            let page: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            let (Some(title), Some(body)) = (page["title"].as_str(), page["body"].as_str()) else {
                continue;
            };
            articles += 1;
            if agrees(
                page["id"].as_str().unwrap_or("?"),
                &format!("{title}\n{body}"),
            ) {
                taken += 1;
            }
        }
        // These articles are in English: the test would say nothing if few were taken.
        assert!(
            articles >= 90 && taken * 10 >= articles * 9,
            "{taken} of {articles}"
        );
        for entry in std::fs::read_dir("../shared/devset/docs")
            .expect("dev set pages")
            .flatten()
        {
            if let Ok(text) = std::fs::read_to_string(entry.path()) {
                agrees(&entry.path().display().to_string(), &text);
            }
        }
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
