//! English weekday and month words, in one table for every stage that must tell them from
//! other words: date lines (`ingest::dates`), names in bylines (`ingest::bylines`,
//! `ingest::html::fields`) and figures beside a month (`corpus::compare`). Dates in four
//! languages are parsed from `ingest/data/months.txt`; this table is the English words as
//! words.

/// What a calendar word names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Weekday,
    Month,
}

/// One calendar word, lower case.
#[derive(Debug, Clone, Copy)]
pub struct Word {
    pub text: &'static str,
    pub kind: Kind,
    /// The full name ("monday"), not an abbreviation ("mon", "tues").
    pub full: bool,
    /// Also a given name ("April Ryan", "June Carter"): not proof that a name is no person's.
    pub given_name: bool,
    /// Also a family name ("Theresa May"): not proof that a byline's token is no name.
    pub family_name: bool,
}

const fn w(text: &'static str, kind: Kind, full: bool) -> Word {
    Word {
        text,
        kind,
        full,
        given_name: false,
        family_name: false,
    }
}

const fn given(word: Word) -> Word {
    Word {
        given_name: true,
        ..word
    }
}

const fn family(word: Word) -> Word {
    Word {
        family_name: true,
        ..word
    }
}

use Kind::{Month, Weekday};

/// Every English weekday and month word, full names and the abbreviations pages print.
pub const WORDS: &[Word] = &[
    w("monday", Weekday, true),
    w("mon", Weekday, false),
    w("tuesday", Weekday, true),
    w("tue", Weekday, false),
    w("tues", Weekday, false),
    w("wednesday", Weekday, true),
    w("wed", Weekday, false),
    w("thursday", Weekday, true),
    w("thu", Weekday, false),
    w("thur", Weekday, false),
    w("thurs", Weekday, false),
    w("friday", Weekday, true),
    w("fri", Weekday, false),
    w("saturday", Weekday, true),
    w("sat", Weekday, false),
    w("sunday", Weekday, true),
    w("sun", Weekday, false),
    w("january", Month, true),
    w("jan", Month, false),
    w("february", Month, true),
    w("feb", Month, false),
    w("march", Month, true),
    w("mar", Month, false),
    given(w("april", Month, true)),
    w("apr", Month, false),
    family(given(w("may", Month, true))),
    given(w("june", Month, true)),
    w("jun", Month, false),
    w("july", Month, true),
    w("jul", Month, false),
    given(w("august", Month, true)),
    w("aug", Month, false),
    w("september", Month, true),
    w("sep", Month, false),
    w("sept", Month, false),
    w("october", Month, true),
    w("oct", Month, false),
    w("november", Month, true),
    w("nov", Month, false),
    w("december", Month, true),
    w("dec", Month, false),
];

/// The table's entry for a lower-case word.
pub fn word(lower: &str) -> Option<&'static Word> {
    WORDS.iter().find(|w| w.text == lower)
}

/// A weekday, full or abbreviated ("monday", "tues").
pub fn is_weekday(lower: &str) -> bool {
    word(lower).is_some_and(|w| w.kind == Weekday)
}

/// A month, full or abbreviated ("september", "sept").
pub fn is_month(lower: &str) -> bool {
    word(lower).is_some_and(|w| w.kind == Month)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seven_days_and_twelve_months_each_once() {
        let full = |k: Kind| WORDS.iter().filter(|w| w.kind == k && w.full).count();
        assert_eq!((full(Weekday), full(Month)), (7, 12));
        let mut texts: Vec<&str> = WORDS.iter().map(|w| w.text).collect();
        texts.sort_unstable();
        let n = texts.len();
        texts.dedup();
        assert_eq!(texts.len(), n, "a word is listed twice");
        assert!(WORDS
            .iter()
            .all(|w| w.text == w.text.to_lowercase() && !w.text.is_empty()));
    }

    #[test]
    fn lookups() {
        assert!(is_weekday("thurs") && is_weekday("sunday") && !is_weekday("sept"));
        assert!(is_month("sept") && is_month("may") && !is_month("monday"));
        assert!(
            !is_month("Sept"),
            "the table is lower case; callers lower-case"
        );
        assert!(word("may").is_some_and(|w| w.given_name && w.family_name));
        assert!(word("june").is_some_and(|w| w.given_name && !w.family_name));
    }
}
