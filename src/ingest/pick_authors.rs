//! Pick the authors when the header rules found none: a byline near the headline, in any of
//! the shapes pages print it ("By" on its own line over the name, "date | by Name", "Posted
//! by Name on date", "Name, Role", "Name@handle", a name glued to the next label), in
//! English, German, French or Spanish. Persons only: outlets, staff and wire bylines are not
//! authors.

use std::sync::LazyLock;

use regex::Regex;

use super::blocks::Unit;
use super::bylines;
use super::dates::{self, Order};
use super::pick_date;

/// The byline words (data/byline_words.txt) as one pattern: marker, then the rest.
static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    let words: Vec<String> = include_str!("data/byline_words.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|w| regex::escape(w).replace(' ', r"\s+"))
        .collect();
    Regex::new(&format!(
        r"(?i)(?:^|[\s|•·,]|\d)(?:{})\s*:?(?:\s+|$)",
        words.join("|")
    ))
    .expect("valid regex")
});

/// Where the name part of a byline ends: a handle, an address, a separator, a label glued
/// to the name ("GuzmanView More"), digits (a date or time), a domain ("example.com").
static NAME_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\s[\p{Ll}\d._-]+@|@|\s[|•·/]|\s[-–—]\s|\p{Ll}\p{Lu}|\d|\s+on\s+|\s+(?:in|at)\s+\p{Lu}|\(|\s[\p{L}\d-]+\.\p{Ll}{2,6}(?:\s|$)",
    )
    .expect("valid regex")
});
static SPLIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*(?:,|\s+and\s+|\s*&\s*|\s+und\s+|\s+et\s+|\s+y\s+)\s*").expect("valid regex")
});

/// The names of a line that opens with a byline ("Posted by Jane Roe on March 4, 2024").
pub fn byline_names(text: &str) -> Vec<String> {
    match MARKER.find(text) {
        Some(m) if text[..m.start()].trim().is_empty() => names_in(&text[m.end()..], None),
        _ => Vec::new(),
    }
}

/// A byline word standing alone ("By", "Von", "Par", "Por").
pub fn is_marker(text: &str) -> bool {
    MARKER.find(text).is_some_and(|m| m.end() == text.len())
}

/// The person names at the start of `rest` (a byline after its marker).
fn names_in(rest: &str, outlet: Option<&str>) -> Vec<String> {
    names_and_tail(rest, outlet).0
}

/// The person names at the start of `rest`, and what follows the name part.
fn names_and_tail<'a>(rest: &'a str, outlet: Option<&str>) -> (Vec<String>, &'a str) {
    let rest = rest.trim();
    // Cut where the name part ends; a glued label is cut after its last lower-case letter.
    let cut = NAME_END.find(rest).map_or(rest.len(), |m| {
        if rest[m.start()..].starts_with(|c: char| c.is_lowercase()) {
            m.start() + rest[m.start()..].chars().next().map_or(1, char::len_utf8)
        } else {
            m.start()
        }
    });
    let mut part = rest[..cut]
        .trim()
        .trim_end_matches([',', '.', ':', ';'])
        .trim();
    // A date label or month left after the name ("Jane Roe Updated Nov").
    while let Some((head, last)) = part.rsplit_once(' ') {
        if pick_date::is_label(last) || dates::is_month_name(last) {
            part = head.trim_end();
        } else {
            break;
        }
    }
    let mut out: Vec<String> = Vec::new();
    for name in SPLIT.split(part) {
        let name = name.trim();
        if name.is_empty() {
            continue;
        }
        let name = without_role(name);
        if !bylines::is_person_name(name, true)
            || bylines::outlet_like(name)
            || bylines::is_role(name)
        {
            // Degrees and roles after a comma ("Jane Roe, MS, RD") end the names.
            if out.is_empty() {
                continue;
            }
            break;
        }
        if outlet.is_some_and(|o| name.to_lowercase().contains(&o.to_lowercase())) {
            continue;
        }
        let shown = if name
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
        {
            bylines::title_case_shouted(name)
        } else {
            name.to_string()
        };
        if !out.contains(&shown) {
            out.push(shown);
        }
    }
    (out, &rest[cut..])
}

/// A name with its role run on after it, without a comma ("Jane Roe International Editor",
/// "Jane Roe China Correspondent"): the name. Names of two words are tried first.
fn without_role(text: &str) -> &str {
    let starts: Vec<usize> = text
        .char_indices()
        .filter(|&(i, c)| i > 0 && c.is_whitespace())
        .map(|(i, _)| i)
        .collect();
    if starts.len() < 2 || !bylines::is_role(text) {
        return text;
    }
    for &cut in starts.iter().skip(1).take(2) {
        let (name, role) = (text[..cut].trim(), text[cut..].trim());
        if bylines::is_role(role)
            && !bylines::is_role(name)
            && bylines::is_person_name(name, true)
            && !bylines::outlet_like(name)
        {
            return name;
        }
    }
    text
}

/// What may follow a name on a name-only line: a date or time, a handle, a short role.
fn metadata_tail(tail: &str, order: Order) -> bool {
    let t = tail.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '|' | '•' | '·' | '/' | '-' | '–' | '—' | ',')
    });
    t.is_empty()
        || t.starts_with('@')
        || !dates::find_dates(t, order).is_empty()
        || !super::blocks::more_words_than(t, 3)
}

/// The authors of a byline near the article's start, between `from` and `to` (units).
pub fn pick(
    units: &[Unit],
    dropped: &[bool],
    (from, unmarked_from, to): (usize, usize, usize),
    outlet: Option<&str>,
    order: Order,
) -> Vec<String> {
    let to = to.min(units.len());
    // A marked byline first ("By Jane Roe").
    for i in from..to {
        let u = &units[i];
        if u.words > 30 {
            continue;
        }
        let Some(m) = MARKER.find(&u.text) else {
            continue;
        };
        // The marker must open the line or follow a date, a separator or a stamp.
        let before = u.text[..m.start()].trim();
        if !before.is_empty()
            && dates::find_dates(before, order).is_empty()
            && !before.ends_with(['|', '•', '·', ','])
            && super::blocks::more_words_than(before, 4)
        {
            continue;
        }
        let rest = &u.text[m.end()..];
        let names = if rest.trim().is_empty() {
            units
                .get(i + 1)
                .map_or_else(Vec::new, |n| names_in(&n.text, outlet))
        } else {
            names_in(rest, outlet)
        };
        if !names.is_empty() {
            return names;
        }
        if let Some(name) = one_word_name(rest, order).filter(|n| named_again(units, i, n)) {
            return vec![name];
        }
    }
    // Else a line that is only a name (and perhaps a role or stamp) under the headline, not
    // one the page's furniture rules already took for a label.
    for (i, u) in units.iter().enumerate().take(to).skip(unmarked_from) {
        if dropped[i] || u.words > 12 || u.words < 2 {
            continue;
        }
        let (mut names, tail) = names_and_tail(&u.text, outlet);
        if !names.is_empty() && metadata_tail(tail, order) {
            // A second author on the next line: "& Jane Roe, Role", "und Anna Berg".
            if let Some(next) = units.get(i + 1) {
                let t = next.text.trim_start();
                let rest = ["& ", "and ", "und ", "et ", "y "]
                    .iter()
                    .find_map(|joiner| t.strip_prefix(joiner));
                if let Some(rest) = rest.filter(|_| next.words <= 16) {
                    let (more, more_tail) = names_and_tail(rest, outlet);
                    if metadata_tail(more_tail, order) {
                        for name in more {
                            if !names.contains(&name) {
                                names.push(name);
                            }
                        }
                    }
                }
            }
            return names;
        }
    }
    // Else a name line a little above the headline or the lead (where pages print the
    // author over the section label), even one the furniture rules took for a label, when
    // the page names that person again at the start of another line: the author's box
    // ("Jane Roe is a staff writer...", "About Jane Roe", "Jane Roe View More Articles").
    for (i, u) in units
        .iter()
        .enumerate()
        .take(to)
        .skip(from.saturating_sub(3))
    {
        if u.words > 6 || u.words < 2 || u.text.ends_with(['.', '?', '!', ':']) {
            continue;
        }
        let (names, tail) = names_and_tail(&u.text, outlet);
        if names.len() != 1 || !metadata_tail(tail, order) {
            continue;
        }
        if named_again(units, i, &names[0]) {
            return names;
        }
    }
    Vec::new()
}

/// A byline signed with one name ("by Regan September 15, 2014", "par Claire"): the name,
/// when a capitalised word of letters opens the rest and only metadata follows it. Taken only
/// when the page's author box introduces the same name: one word alone is too often a label.
fn one_word_name(rest: &str, order: Order) -> Option<String> {
    let rest = rest.trim();
    let (word, tail) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    let word = word.trim_end_matches([',', '|', '•', '·']);
    let letters = word.chars().count();
    (letters >= 3
        && word.chars().all(char::is_alphabetic)
        && word.starts_with(char::is_uppercase)
        && word.chars().skip(1).all(char::is_lowercase)
        && (tail.trim().is_empty() || metadata_tail(tail.trim(), order)))
    .then(|| word.to_string())
}

/// Whether another line of the page introduces `name` as its author box does.
fn named_again(units: &[Unit], at: usize, name: &str) -> bool {
    units
        .iter()
        .enumerate()
        .any(|(j, u)| j != at && u.words <= 80 && introduces(&u.text, name))
}

/// Whether `text` introduces `name` as an author box does: "About Jane Roe", "Jane Roe is a
/// staff writer", "Jane Roe (@janeroe) covers...", "Jane Roe View More Articles", "More
/// articles from Jane Roe", in any of the four languages.
pub fn introduces(text: &str, name: &str) -> bool {
    if let Some(rest) = [
        "About ",
        "Über ",
        "À propos de ",
        "Sobre ",
        "Acerca de ",
        // Its links to the author's other pieces.
        "More articles from ",
        "More articles by ",
        "More stories by ",
        "More from ",
        "More by ",
        "Read more from ",
        "Mehr von ",
        "Weitere Artikel von ",
        "Tous les articles de ",
        "Plus d'articles de ",
        "Más artículos de ",
        "Más de ",
    ]
    .iter()
    .find_map(|p| text.strip_prefix(p))
    {
        return rest.trim_end() == name;
    }
    text.strip_prefix(name).is_some_and(|rest| {
        [
            " is ", " was ", " (@", " @", "View", " ist ", " war ", " est ", " es ", " writes ",
            " covers ",
        ]
        .iter()
        .any(|p| rest.starts_with(p))
    })
}

/// An organisation, wire or staff byline near the article's start ("By Metro Desk Staff",
/// "By The Associated Press"): a marked byline whose name part is not a person, and the unit
/// it stands on.
pub fn org_byline(units: &[Unit], from: usize, to: usize, order: Order) -> Option<(String, usize)> {
    for (i, u) in units
        .iter()
        .enumerate()
        .take(to.min(units.len()))
        .skip(from)
    {
        if u.words > 30 {
            continue;
        }
        let Some(m) = MARKER.find(&u.text) else {
            continue;
        };
        if !u.text[..m.start()].trim().is_empty() {
            continue;
        }
        let rest = u.text[m.end()..].trim();
        let cut = NAME_END.find(rest).map_or(rest.len(), |m| m.start());
        let mut part = rest[..cut]
            .trim()
            .trim_end_matches([',', '.', ':', ';', '|', '-', '–', '—', '•', '·', ' ']);
        while let Some((head, last)) = part.rsplit_once(' ') {
            if dates::is_month_name(last) || pick_date::is_label(last) {
                part = head.trim_end();
            } else {
                break;
            }
        }
        // "Jane Roe example.com": a person after all.
        let tokens: Vec<&str> = part.split_whitespace().collect();
        let odd_tail = tokens
            .iter()
            .skip(2)
            .any(|t| t.contains('.') || t.starts_with(char::is_lowercase));
        if odd_tail && !names_in(&tokens[..2].join(" "), None).is_empty() {
            continue;
        }
        let words = tokens.len();
        if (1..=6).contains(&words)
            && part.starts_with(char::is_alphabetic)
            && names_in(part, None).is_empty()
            && dates::find_dates(part, order).is_empty()
        {
            return Some((part.to_string(), i));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::blocks;

    fn authors(text: &str) -> Vec<String> {
        let units = blocks::units(text, false);
        let dropped = vec![false; units.len()];
        pick(
            &units,
            &dropped,
            (0, 0, units.len()),
            Some("Harbour Gazette"),
            Order::Mdy,
        )
    }

    #[test]
    fn bylines_of_several_shapes() {
        assert_eq!(authors("By\n\nAna Ruiz\n"), ["Ana Ruiz"]);
        assert_eq!(authors("October 9, 2018 | by Ana Ruiz"), ["Ana Ruiz"]);
        assert_eq!(authors("11/19/2019 by Ana Ruiz"), ["Ana Ruiz"]);
        assert_eq!(
            authors("Posted by Ana Ruiz on November 19, 2019, 6:21 AM"),
            ["Ana Ruiz"]
        );
        assert_eq!(
            authors("By Ana Ruiz@AnaRuizWrites Nov 18, 2019"),
            ["Ana Ruiz"]
        );
        assert_eq!(authors("BY: Ana Ruiz, MS, RDN"), ["Ana Ruiz"]);
        assert_eq!(
            authors("By Ana Ruiz and Kim Sato"),
            ["Ana Ruiz", "Kim Sato"]
        );
        assert_eq!(authors("Ana RuizView More Articles"), ["Ana Ruiz"]);
        assert_eq!(authors("Ana Ruiz, Harbour Gazette"), ["Ana Ruiz"]);
        assert_eq!(
            authors("By Ana Ruiz Updated Nov 13, 2019, 10:28am EST"),
            ["Ana Ruiz"]
        );
        assert_eq!(
            authors("By Ana Ruiz anar@example.com(509) 555-0100"),
            ["Ana Ruiz"]
        );
        assert_eq!(
            authors("Ana Ruiz - Nov 19, 2019, 10:31 pm CST"),
            ["Ana Ruiz"]
        );
    }

    #[test]
    fn bylines_in_german_french_and_spanish() {
        assert_eq!(
            authors("Von Anna Berg und Jonas Keller"),
            ["Anna Berg", "Jonas Keller"]
        );
        assert_eq!(
            authors("Par Jeanne Roux et Luc Martin"),
            ["Jeanne Roux", "Luc Martin"]
        );
        assert_eq!(
            authors("Por Ana Ruiz y Pedro Gil"),
            ["Ana Ruiz", "Pedro Gil"]
        );
    }

    #[test]
    fn a_one_word_byline_confirmed_by_the_author_box() {
        for (text, name) in [
            (
                "by Regan September 15, 2014\n\nText.\n\nRegan is a writer who lives by the sea.\n",
                "Regan",
            ),
            (
                "Von Greta | 15.09.2014\n\nText.\n\nGreta ist Redakteurin in Kiel.\n",
                "Greta",
            ),
            (
                "Par Claire\n\nTexte.\n\nClaire est journaliste à Brest.\n",
                "Claire",
            ),
            (
                "Por Lucía, 15 de septiembre de 2014\n\nTexto.\n\nLucía es periodista en Cádiz.\n",
                "Lucía",
            ),
        ] {
            assert_eq!(authors(text), [name], "{text}");
        }
        // Not introduced anywhere: one word is no author.
        assert!(authors("by Regan September 15, 2014\n\nText.\n").is_empty());
        assert!(authors("By Admin\n\nText.\n\nAbout us\n").is_empty());
    }

    #[test]
    fn a_role_run_on_after_the_name_is_cut() {
        assert_eq!(authors("Ana Ruiz International Editor"), ["Ana Ruiz"]);
        assert_eq!(authors("Von Anna Berg Chefredakteurin"), ["Anna Berg"]);
        assert_eq!(authors("Par Jeanne Roux Correspondante"), ["Jeanne Roux"]);
        assert_eq!(authors("Por Ana Ruiz Corresponsal"), ["Ana Ruiz"]);
    }

    #[test]
    fn a_second_author_on_the_next_line() {
        for (text, second) in [
            ("Ana Ruiz, Staff Writer\n& Pedro Gil, Editor\n", "Pedro Gil"),
            // Printed on lines of their own (a lower-case joiner would continue the line).
            (
                "Anna Berg, Redakteurin\n\nund Jonas Keller, Korrespondent\n",
                "Jonas Keller",
            ),
            (
                "Jeanne Roux, journaliste\n\net Luc Martin, correspondant\n",
                "Luc Martin",
            ),
            (
                "Ana Ruiz, periodista\n\ny Pedro Gil, corresponsal\n",
                "Pedro Gil",
            ),
        ] {
            let got = authors(text);
            assert_eq!(got.len(), 2, "{text}: {got:?}");
            assert_eq!(got[1], second);
        }
    }

    #[test]
    fn a_domain_after_the_name_ends_it() {
        assert_eq!(authors("By Ana Ruiz harbourgazette.com"), ["Ana Ruiz"]);
        assert_eq!(authors("Von Anna Berg rheinblatt.de"), ["Anna Berg"]);
        assert_eq!(authors("Par Jeanne Roux courrier.fr"), ["Jeanne Roux"]);
        assert_eq!(authors("Por Ana Ruiz diario.es"), ["Ana Ruiz"]);
    }

    #[test]
    fn the_author_boxs_links_introduce_the_author() {
        for (line, name) in [
            ("More articles from Jane Roe", "Jane Roe"),
            ("Weitere Artikel von Anna Berger", "Anna Berger"),
            ("Tous les articles de Claire Dubois", "Claire Dubois"),
            ("Más artículos de Ana Ruiz", "Ana Ruiz"),
        ] {
            assert!(introduces(line, name), "{line}");
            assert!(!introduces(line, "Bo Chen"), "{line}");
        }
    }

    #[test]
    fn outlets_and_staff_are_not_authors() {
        assert!(authors("By Harbour Gazette Staff").is_empty());
        assert!(authors("By The Associated Press").is_empty());
        let org = |t: &str| {
            let units = blocks::units(t, false);
            org_byline(&units, 0, units.len(), Order::Mdy).map(|(name, _)| name)
        };
        assert_eq!(
            org("By Harbour Gazette Staff").as_deref(),
            Some("Harbour Gazette Staff")
        );
        assert_eq!(
            org("Par la rédaction du Courrier").as_deref(),
            Some("la rédaction du Courrier")
        );
        assert_eq!(org("By Ana Ruiz"), None);
        // An organisation's byline run into its date stamp.
        for (line, name) in [
            (
                "By Harbour Foundation•15 January 2020",
                "Harbour Foundation",
            ),
            ("Von Hafen Stiftung•15. Januar 2020", "Hafen Stiftung"),
            ("Par Fondation du Port•15 janvier 2020", "Fondation du Port"),
            (
                "Por Fundación Puerto•15 de enero de 2020",
                "Fundación Puerto",
            ),
        ] {
            assert_eq!(org(line).as_deref(), Some(name), "{line}");
            assert!(authors(line).is_empty(), "{line}");
        }
    }

    /// The name line sits above the headline (unit 2) and is marked as a label; the lead is
    /// unit 3.
    fn boxed_author(text: &str) -> Vec<String> {
        let units = blocks::units(text, false);
        let mut dropped = vec![false; units.len()];
        dropped[0] = true;
        dropped[1] = true;
        pick(&units, &dropped, (0, 3, 4), None, Order::Dmy)
    }

    #[test]
    fn a_name_over_the_headline_counts_when_the_author_box_names_it_again() {
        let lead = "The harbour reopened on Tuesday after three days of storms, the port authority said in a statement.";
        let en = format!("Jane Roe\n\nIdeas\n\nHarbour reopens after the storm\n\n{lead}\n\nJane Roe is a staff writer covering the coast.\n");
        assert_eq!(boxed_author(&en), vec!["Jane Roe"]);
        let de = format!("Anna Schmidt\n\nWirtschaft\n\nHafen öffnet wieder\n\n{lead}\n\nAnna Schmidt ist Redakteurin im Ressort Wirtschaft.\n");
        assert_eq!(boxed_author(&de), vec!["Anna Schmidt"]);
        let fr = format!(
            "Claire Dubois\n\nÉconomie\n\nLe port rouvre\n\n{lead}\n\nÀ propos de Claire Dubois\n"
        );
        assert_eq!(boxed_author(&fr), vec!["Claire Dubois"]);
        let es = format!("Lucía Fernández\n\nEconomía\n\nEl puerto reabre\n\n{lead}\n\nLucía Fernández es periodista de la sección de economía.\n");
        assert_eq!(boxed_author(&es), vec!["Lucía Fernández"]);
    }

    #[test]
    fn a_menu_entry_said_twice_is_no_author() {
        let lead = "The harbour reopened on Tuesday after three days of storms, the port authority said in a statement.";
        let text = format!("Car Reviews\n\nNews\n\nHarbour reopens after the storm\n\n{lead}\n\nCar Reviews\n\nCar Reviews of the week\n");
        assert!(boxed_author(&text).is_empty());
    }
}
