//! What sort of piece a document is: article, video, liveblog, statement, transcript or
//! interview, from transcript markers, player notices and page labels.

use std::sync::LazyLock;

use regex::Regex;

use super::blocks::{has, Unit};

pub const ARTICLE: &str = "article";
pub const VIDEO: &str = "video";
pub const LIVEBLOG: &str = "liveblog";
pub const STATEMENT: &str = "statement";
pub const TRANSCRIPT: &str = "transcript";
pub const INTERVIEW: &str = "interview";

static SPEAKER_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<who>Q|A|[\p{Lu}][\p{Lu}.'’\- ]{1,40}|[\p{Lu}][\p{L}.'’\-]+(?: [\p{Lu}][\p{L}.'’\-]+){0,3})\s*:\s+\S")
        .expect("valid regex")
});
/// The wire-service word of a long line's dateline, its searcher built once (building one
/// per line cost more than the search itself).
static NEWSWIRE: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new(b"newswire"));
static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+(?:gmt|utc|et|bst|cet|est|edt|pt|[a-z]{2,4}t))?$")
        .expect("valid regex")
});

/// "NAME: text" or "Q: text": the speaker label and the text.
pub fn speaker_label(text: &str) -> Option<(&str, &str)> {
    if !may_be_speaker_label(text) {
        return None;
    }
    // `who` holds no colon and only white space stands between it and the colon, so when
    // the regex matches, `who` is the text before the first colon, trimmed: its own tests
    // go first, and the regex is asked for its whole match only (the capture engine cost
    // about 20,000 instructions a line).
    let colon = memchr::memchr(b':', text.as_bytes())?;
    let who = text[..colon].trim();
    // A label is short and names someone, not the start of a sentence with a colon.
    let words = who.split_whitespace().count();
    let caps = !who.chars().any(char::is_lowercase);
    if who.is_empty() || words > 4 || (!caps && words < 2) {
        return None;
    }
    // Letters (`\p{L}` is alphabetic), ". ' ’ -" and spaces only, or the regex cannot match.
    if !who
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-' | ' '))
    {
        return None;
    }
    let m = SPEAKER_LABEL.find(text)?;
    // The match ends with the first character of the text.
    let end = m.end();
    let start = text[..end].char_indices().last().map_or(end, |(i, _)| i);
    Some((who, &text[start..]))
}

/// Can `SPEAKER_LABEL` match? It opens with a capital (`\p{Lu}` is upper case) and holds a
/// colon with white space after it: most lines fail one, and these tests cost less than
/// the regex's captures.
fn may_be_speaker_label(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_uppercase)
        && text.match_indices(':').any(|(at, _)| {
            text[at + 1..]
                .chars()
                .next()
                .is_some_and(char::is_whitespace)
        })
}

/// A lone clock time: a liveblog entry's stamp ("14:05", "2.05pm", "9:30 a.m. ET").
pub fn is_clock(text: &str) -> bool {
    // It opens with a digit (`\d` is numeric): most short lines fail that before the regex,
    // and a long one is not trimmed.
    if text.len() > 20 {
        return false;
    }
    let t = text.trim();
    t.starts_with(|c: char| c.is_numeric()) && CLOCK.is_match(t)
}

/// Lines shorter than this are read byte by byte for `short_line_words` (a search per word
/// costs more on them than the pass).
const SHORT_LINE: usize = 32;
const VIDEO_WORD: u8 = 1;
const TRANSCRIPT_WORD: u8 = 2;
const RELEASE_WORD: u8 = 4;
const WIRE_WORD: u8 = 8;

/// Which of "video", "transcript", "release" and "wire" `l` holds, a bit each, in one pass.
fn short_line_words(l: &[u8]) -> u8 {
    let mut mask = 0;
    for (i, &c) in l.iter().enumerate() {
        let (word, bit): (&[u8], u8) = match c {
            b'v' => (b"video", VIDEO_WORD),
            b't' => (b"transcript", TRANSCRIPT_WORD),
            b'r' => (b"release", RELEASE_WORD),
            b'w' => (b"wire", WIRE_WORD),
            _ => continue,
        };
        if l[i..].starts_with(word) {
            mask |= bit;
        }
    }
    mask
}

/// `detect_with_copies` reading every line: its reference.
#[cfg(test)]
pub fn detect(title: &str, units: &[Unit]) -> &'static str {
    // Every unit its own first copy: each line read.
    let own: Vec<u32> = (0..units.len())
        .map(|i| u32::try_from(i).unwrap_or(u32::MAX))
        .collect();
    detect_with_copies(title, units, &own)
}

/// A line's speaker label and clock, as `detect` counts them (`TALLY_*` bits).
const TALLY_QA: u8 = 1;
const TALLY_SPEAKER: u8 = 2;
const TALLY_CLOCK: u8 = 4;

/// Decide the kind. `title` is the found title (may be empty); `same`, each unit's first copy
/// (`blocks::first_same`: the same text, lower case and word count). Every flag below is an "or" over the lines of what a line's text, lower
/// case and word count say, so a copy adds nothing its first copy did not; only the counts
/// (speaker labels, clocks) take the copy again, from its first copy's tally.
pub fn detect_with_copies(title: &str, units: &[Unit], same: &[u32]) -> &'static str {
    let t = title.to_lowercase();
    let mut video = t.starts_with("video:") || t.starts_with("watch:");
    let mut live = t.starts_with("live:")
        || t.starts_with("live updates")
        || t.contains("live updates")
        || t.contains("as it happened")
        || t.contains("live blog")
        || t.ends_with("- live");
    let mut statement = t.starts_with("statement by")
        || t.starts_with("statement from")
        || t.starts_with("statement on")
        || t.starts_with("joint statement")
        || t.starts_with("readout of")
        || t.starts_with("press release");
    let mut transcript_marker = false;
    let mut interview =
        t.starts_with("interview") || t.contains(" interview: ") || t.starts_with("q&a");
    let mut speakers = 0usize;
    let mut qa = 0usize;
    let mut clocks = 0usize;
    let mut tallies = vec![0u8; units.len()];
    for (i, u) in units.iter().enumerate() {
        let first = same.get(i).map_or(i, |&f| f as usize);
        if first < i {
            let t = tallies[first];
            qa += usize::from(t & TALLY_QA != 0);
            speakers += usize::from(t & TALLY_SPEAKER != 0);
            clocks += usize::from(t & TALLY_CLOCK != 0);
            continue;
        }
        let l = u.lower.as_str();
        let tb = u.text.as_bytes();
        let label_colon = memchr::memchr(b':', &tb[..tb.len().min(48)]).is_some();
        if let Some((who, _)) = label_colon.then(|| speaker_label(&u.text)).flatten() {
            if who == "Q" || who == "A" {
                qa += 1;
                tallies[i] |= TALLY_QA;
            } else {
                speakers += 1;
                tallies[i] |= TALLY_SPEAKER;
            }
        }
        if l.len() > 160 {
            // Markers are short lines; a long one can only carry a wire-service dateline in
            // its first 200 characters (at most 800 bytes: the byte search goes first, the
            // characters are counted only when it finds the word).
            let near = &l.as_bytes()[..l.len().min(800)];
            if !statement && NEWSWIRE.find(near).is_some() {
                let head = l.char_indices().nth(200).map_or(l, |(i, _)| &l[..i]);
                if has(head, "newswire") {
                    statement = true;
                }
            }
            continue;
        }
        // Each flag, once set, stays set: its phrases need not be looked for again. Every
        // phrase of a group shares a word ("video", "release", "wire"), looked for first: in
        // one pass over a short line, one search each over a longer one.
        let short = l.len() < SHORT_LINE;
        let words = if short {
            short_line_words(l.as_bytes())
        } else {
            0
        };
        let holds = |bit: u8, word: &str| {
            if short {
                words & bit != 0
            } else {
                has(l, word)
            }
        };
        if !video
            && holds(VIDEO_WORD, "video")
            && (has(l, "video transcript")
                || has(l, "support the video")
                || has(l, "video player")
                || has(l, "[video]")
                || l == "(video)")
        {
            video = true;
        }
        if u.words <= 4 && holds(TRANSCRIPT_WORD, "transcript") {
            transcript_marker = true;
        }
        if l == "live updates"
            || l == "key events"
            || l == "show key events only"
            || l == "live blog"
            || l.starts_with("pinned post")
        {
            live = true;
        }
        if !statement
            && ((holds(RELEASE_WORD, "release") || holds(WIRE_WORD, "wire"))
                && (has(l, "for immediate release")
                    || has(l, "/prnewswire/")
                    || has(l, "/ prnewswire /")
                    || has(l, "/globe newswire/")
                    || has(l, "-- business wire"))
                || l.starts_with("media contact")
                || l.starts_with("press contact")
                || l.starts_with("press release")
                || l.starts_with("news release")
                || l.starts_with("press statement")
                || l == "###"
                || l == "# # #")
        {
            statement = true;
        }
        if is_clock(&u.text) {
            clocks += 1;
            tallies[i] |= TALLY_CLOCK;
        }
    }
    if clocks >= 3 {
        live = true;
    }
    if qa >= 2 {
        interview = true;
    }
    if statement {
        STATEMENT
    } else if live {
        LIVEBLOG
    } else if video {
        VIDEO
    } else if interview && (qa >= 2 || speakers >= 2) {
        INTERVIEW
    } else if transcript_marker || speakers >= 3 {
        TRANSCRIPT
    } else {
        ARTICLE
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::blocks::units;

    fn kind(text: &str, title: &str) -> &'static str {
        detect(title, &units(text, false))
    }

    /// A copy of a line answers as its first copy: `detect_with_copies` given
    /// `first_same` says what `detect` says reading every line, on pages in four languages
    /// whose repeated lines are speaker labels, Q and A, clocks and markers, and on which the
    /// copies' counts decide the kind.
    #[test]
    fn copies_answer_as_their_first_copies() {
        let pages = [
            // Three clocks, two of them one line printed twice: a liveblog only if copies count.
            ("Harbour latest", "14:05\n\nThe ferry left the harbour.\n\n14:05\n\nBoats came in.\n\n9:30 a.m. ET\n"),
            ("Hafen aktuell", "14.05\n\nDie Fähre hat abgelegt.\n\n14.05\n\nDie Boote kamen herein.\n"),
            // Q and A, one label line printed twice.
            ("Entretien avec la maire", "Q: Le port rouvre-t-il mardi ?\n\nR: Oui.\n\nQ: Le port rouvre-t-il mardi ?\n\nA: Oui, mardi.\n"),
            ("Interview: the mayor", "Q: Will the harbour reopen?\n\nQ: Will the harbour reopen?\n\nThe mayor smiled.\n"),
            // Speakers, a label printed again: a transcript at three.
            ("Pleno municipal", "ALCALDESA GARCÍA: El puerto abre el martes.\n\nCONCEJAL RUIZ: ¿Y los barcos?\n\nALCALDESA GARCÍA: El puerto abre el martes.\n"),
            ("Council meeting", "MAYOR SMITH: The harbour opens on Tuesday.\n\nMAYOR SMITH: The harbour opens on Tuesday.\n\nMenu\n\nMenu\n"),
            // Markers printed twice, and lines with none.
            ("Stadtrat", "Video player\n\nTranscript\n\nVideo player\n\nTranscript\n\nDer Rat tagt.\n"),
            ("Le conseil", "Menu\n\nAccueil\n\nMenu\n\nLe conseil se réunit mardi.\n\nAccueil\n"),
            ("Nota de prensa", "Para publicación inmediata\n\nFor immediate release\n\nFor immediate release\n\n###\n"),
        ];
        let mut kinds = Vec::new();
        for (title, text) in pages {
            let us = units(text, false);
            let same = crate::ingest::blocks::first_same(&us);
            assert!(
                same.iter().enumerate().any(|(i, &f)| (f as usize) < i),
                "{text}"
            );
            let want = detect(title, &us);
            assert_eq!(detect_with_copies(title, &us, &same), want, "{text}");
            kinds.push(want);
        }
        // The copies' counts decide: without them these pages would read as articles.
        assert_eq!(kinds[0], LIVEBLOG);
        assert_eq!(kinds[3], INTERVIEW);
        assert_eq!(kinds[4], TRANSCRIPT);
    }

    #[test]
    fn a_wire_dateline_counts_in_a_long_lines_first_200_characters() {
        let filler = "Die Firma meldete heute ein höheres Ergebnis für das Jahr. ".repeat(4);
        let near = format!("BERLIN, 3. März /PRNewswire/ -- {filler}");
        assert_eq!(kind(&near, "Ergebnis"), STATEMENT);
        // Past the 200th character (the filler's "ö" and "ü" take two bytes each) the word
        // is only text.
        let far = format!("{filler}{filler} Newswire");
        assert!(far.len() > 160);
        assert_eq!(kind(&far, "Ergebnis"), ARTICLE);
    }

    #[test]
    fn the_prebuilt_newswire_finder_agrees_with_a_search_built_per_line() {
        for line in [
            "berlin, 3. märz 2024 /prnewswire/ -- die firma meldete heute ein höheres ergebnis",
            "paris, 3 mars 2024 /prnewswire/ -- la société a publié ses résultats annuels",
            "madrid, 3 de marzo de 2024 /prnewswire/ -- la empresa presentó sus resultados",
            "new york, march 3, 2024 /globe newswire/ -- acme corp reported higher sales",
            "the newswir e is not the word, nor is news wire",
            "newswire",
            "",
        ] {
            assert_eq!(
                NEWSWIRE.find(line.as_bytes()),
                memchr::memmem::find(line.as_bytes(), b"newswire"),
                "{line}"
            );
        }
    }

    #[test]
    fn short_line_words_agree_with_a_search_per_word() {
        let mut lines: Vec<String> = [
            "for immediate release",
            "video transcript",
            "[video]",
            "(video)",
            "transcripción del vídeo",
            "transkript des videos",
            "transcription de la vidéo",
            "-- business wire",
            "wirelease videotranscript",
            "",
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        let parts = [
            "vid", "eo", "video", "trans", "cript", "re", "lease", "wi", "re", "wire", " ", "é",
            "v", "t", "r", "w",
        ];
        let mut state = 24u64;
        for _ in 0..4000 {
            let mut line = String::new();
            for _ in 0..8 {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                line.push_str(parts[(state >> 33) as usize % parts.len()]);
            }
            lines.push(line);
        }
        for l in &lines {
            let mask = short_line_words(l.as_bytes());
            for (bit, word) in [
                (VIDEO_WORD, "video"),
                (TRANSCRIPT_WORD, "transcript"),
                (RELEASE_WORD, "release"),
                (WIRE_WORD, "wire"),
            ] {
                assert_eq!(mask & bit != 0, has(l, word), "{l:?} {word}");
            }
        }
    }

    #[test]
    fn kinds() {
        assert_eq!(kind("[Video transcript]\n\nText.", "A title"), VIDEO);
        assert_eq!(
            kind("Your browser does not support the video tag.", "A title"),
            VIDEO
        );
        assert_eq!(
            kind(
                "Text.\n\n14:05\n\nEntry.\n\n13:40\n\nEntry.\n\n12:15\n\nEntry.",
                "War news"
            ),
            LIVEBLOG
        );
        assert_eq!(kind("Text.", "Live updates: talks resume"), LIVEBLOG);
        assert_eq!(
            kind(
                "FOR IMMEDIATE RELEASE\n\nAcme Corp announced.\n\n###",
                "Acme"
            ),
            STATEMENT
        );
        assert_eq!(
            kind(
                "Q: Why now?\n\nA: Because.\n\nQ: And then?\n\nA: We wait.",
                "A chat"
            ),
            INTERVIEW
        );
        assert_eq!(
            kind(
                "MR. ROE: Good morning.\n\nMS. DOE: Thank you.\n\nMR. ROE: Next question.",
                "Briefing"
            ),
            TRANSCRIPT
        );
        assert_eq!(
            kind("Plain reporting.\n\nMore reporting.", "Title"),
            ARTICLE
        );
    }

    #[test]
    fn the_label_gate_passes_every_line_the_regex_matches() {
        for text in [
            "SECRETARY BLINKEN: Thank you.",
            "Q: And then?",
            "Jane Roe:\u{a0}We will.",
            "ÉLODIE MARTIN :  Oui.",
            "Ministra García: Sí, claro.",
            "Der Sprecher sagte: nein.",
            "He said this: nothing.",
            "Ölçü:x",
            "",
        ] {
            if SPEAKER_LABEL.is_match(text) {
                assert!(may_be_speaker_label(text), "{text}");
            }
        }
    }

    /// `speaker_label` as it read the regex's captures: the reference.
    fn speaker_label_by_captures(text: &str) -> Option<(&str, &str)> {
        let c = SPEAKER_LABEL.captures(text)?;
        let who = c.name("who")?.as_str().trim();
        let words = who.split_whitespace().count();
        let caps = !who.chars().any(char::is_lowercase);
        if who.is_empty() || words > 4 || (!caps && words < 2) {
            return None;
        }
        let end = c.get(0)?.end();
        let start = text[..end].char_indices().last().map_or(end, |(i, _)| i);
        Some((who, &text[start..]))
    }

    #[test]
    fn labels_read_without_captures_agree_with_the_captures() {
        for text in [
            "Q: What now?",
            "A: Nothing.",
            "QA: test",
            "Q : spaced",
            "SECRETARY BLINKEN: Thank you.",
            "SECRETARY BLINKEN :\tThank you.",
            "MR. O’NEILL-SMITH: Yes: twice.",
            "Jane Roe: We will.",
            "Jane van Roe: We will.",
            "Jane Roe Smith Jones Brown: Too many.",
            "A B C D E F: letters",
            "He said this: nothing.",
            "MINISTERIN: Nein.",
            "Die Ministerin Sagte: nein",
            "ÉLODIE MARTIN :  Oui.",
            "ÉLODIE MARTIN:Oui.",
            "Ministra García: Sí, claro.",
            "JOSÉ PÉREZ: ¿Qué?",
            "ANA: “Ölçü”",
            "Time: 10:30 today",
            "UPDATE 2: Talks resume",
            "BREAKING:",
            "BREAKING: ",
            "X: y",
            "",
        ] {
            assert_eq!(
                speaker_label(text),
                speaker_label_by_captures(text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn labels() {
        assert_eq!(
            speaker_label("SECRETARY BLINKEN: Thank you."),
            Some(("SECRETARY BLINKEN", "Thank you."))
        );
        assert_eq!(
            speaker_label("Jane Roe: We will."),
            Some(("Jane Roe", "We will."))
        );
        assert_eq!(speaker_label("He said this: nothing."), None);
        assert_eq!(
            speaker_label("MINISTERIN: Nein."),
            Some(("MINISTERIN", "Nein."))
        );
        assert_eq!(
            speaker_label("ÉLODIE MARTIN :  Oui."),
            Some(("ÉLODIE MARTIN", "Oui."))
        );
        assert_eq!(speaker_label("ÉLODIE MARTIN:Oui."), None);
        assert_eq!(speaker_label("élodie martin: oui."), None);
        assert_eq!(speaker_label("ANA: “Ölçü”"), Some(("ANA", "“Ölçü”")));
        assert!(is_clock("9:30 a.m. ET"));
        assert!(is_clock("14.05 GMT"));
        assert!(!is_clock("01:52:10 long"));
        // The digit gate agrees with the regex alone.
        for text in [
            "14:05",
            " 9.30pm ",
            "٣:٠٥",
            "９:３０",
            "2.05 p.m. CET",
            "Noon",
            "at 14:05",
            "",
            "½:30",
            "          14:05          ",
            "14:05 Uhr, Lagebericht aus Berlin",
        ] {
            let want = text.len() <= 20 && CLOCK.is_match(text.trim());
            assert_eq!(is_clock(text), want, "{text:?}");
        }
    }
}
