//! Names of people, places and organisations found in one document.
//!
//! A name is a run of capitalised words (with connectors such as "of" or "bin") that is not a
//! sentence-initial common word, a month or weekday, a demonym or a bare role. Role words
//! before a name make it a person's ("Prime Minister Benjamin Netanyahu"); a built-in list
//! makes places; marker words ("Ministry", "Council", "Strip") and acronyms make
//! organisations or places; a surname alone folds into the full name used in the same
//! document. What is still uncertain is kept as evidence and decided over the whole corpus.

use super::fasthash::FastMap as HashMap;

use serde::Serialize;

use super::lexicon::{lexicon, name_key, Lexicon};
use super::text::Token;

/// Evidence for each kind of name, summed over mentions (and, in the corpus, documents).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct KindEvidence {
    pub person: u32,
    pub place: u32,
    pub organisation: u32,
}

impl KindEvidence {
    pub fn add(&mut self, other: KindEvidence) {
        self.person += other.person;
        self.place += other.place;
        self.organisation += other.organisation;
    }
}

/// A name mentioned in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entity {
    /// The fullest form used in the document ("Antony Blinken"; places as the built-in list
    /// names them: "United States" for "U.S.").
    pub name: String,
    pub evidence: KindEvidence,
    /// Mentions, folded forms included.
    pub count: u32,
    /// Byte offset of the first mention in the document's plain text (title first).
    pub first: u32,
    pub in_title: bool,
    /// Every mention was the first word of a sentence and a single word, or the document
    /// also writes the word in lower case: it may be a common word ("Overland crossings
    /// ...", "Heat to boiling" beside "the heat").
    pub initial_only: bool,
    /// Other forms used in the document ("Blinken", "U.S."), sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forms: Vec<String>,
    /// Role words written before the name ("U.S. Secretary of State"), at most three.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
}

impl Entity {
    pub fn key(&self) -> String {
        name_key(&self.name)
    }

    /// Whether the document itself says which kind of name this is.
    pub fn is_multiword(&self) -> bool {
        self.name.contains(' ')
    }
}

/// Strong votes: a built-in place or a marker word settles the kind.
const STRONG: u32 = 8;
const MAX_ROLES: usize = 3;

#[derive(Debug)]
struct Candidate {
    name: String,
    /// Surface forms and how often each was used.
    forms: HashMap<String, u32>,
    evidence: KindEvidence,
    count: u32,
    first: u32,
    in_title: bool,
    initial_only: bool,
    roles: Vec<String>,
    /// From the built-in place list: never folded into a person's name.
    listed_place: bool,
}

/// Collects names block by block, then folds them.
#[derive(Default)]
pub(crate) struct EntityCollector {
    candidates: HashMap<String, Candidate>,
    /// Capitalised words of the document's language that never start or continue a name:
    /// its function words ("Der", "Les", "El") and role words ("Bürgermeisterin"). English
    /// has its own rules in the lexicon; `None` there.
    not_names: Option<&'static std::collections::HashSet<String>>,
}

/// One name found in a run of words.
struct Found {
    start: usize,
    end: usize,
    /// Text shown (for places from the list: their listed name).
    name: String,
    surface: String,
    evidence: KindEvidence,
    role: Option<String>,
    listed_place: bool,
    initial_single: bool,
}

impl EntityCollector {
    /// A collector for a document in `lang` (a BCP 47 tag).
    pub fn for_language(lang: &str) -> EntityCollector {
        EntityCollector {
            not_names: super::terms::function_words(lang),
            ..EntityCollector::default()
        }
    }

    /// Is this token a word of the document's language that names nothing?
    fn not_a_name(&self, t: &Token<'_>) -> bool {
        self.not_names
            .is_some_and(|set| with_lower(t, |w| set.contains(w) || super::quotes::is_role_word(w)))
    }

    /// Add the names of one block. `offset`: the block's offset in the plain text.
    /// `restricted`: the block is a headline in Title Case, where capitals say nothing, so
    /// only names already known from the rest of the document (or listed places) count.
    pub fn add_block(
        &mut self,
        text: &str,
        tokens: &[Token<'_>],
        offset: u32,
        in_title: bool,
        restricted: bool,
    ) {
        let lx = lexicon();
        let mut i = 0;
        while i < tokens.len() {
            if !is_name_word(&tokens[i], lx) || self.not_a_name(&tokens[i]) {
                i += 1;
                continue;
            }
            let mut j = i;
            while j + 1 < tokens.len() && !tokens[j].break_after {
                if is_name_word(&tokens[j + 1], lx) && !self.not_a_name(&tokens[j + 1]) {
                    j += 1;
                } else if j + 2 < tokens.len()
                    && is_connector(&tokens[j + 1], lx)
                    && (tokens[j + 1].text != "of" || joins_with_of(&tokens[j], lx))
                    && !tokens[j + 1].break_after
                    && is_name_word(&tokens[j + 2], lx)
                {
                    j += 2;
                } else {
                    break;
                }
            }
            let found = if restricted {
                self.known_in_run(text, tokens, i, j + 1, lx)
            } else {
                analyze_run(text, tokens, i, j + 1, lx)
            };
            for f in found {
                self.record(f, tokens, offset, in_title);
            }
            i = j + 1;
        }
    }

    /// Names already known in this document (or listed places) inside a Title Case run,
    /// longest first.
    fn known_in_run(
        &self,
        text: &str,
        tokens: &[Token<'_>],
        a: usize,
        b: usize,
        lx: &Lexicon,
    ) -> Vec<Found> {
        let known = |key: &str| {
            self.candidates.contains_key(key)
                || self
                    .candidates
                    .keys()
                    .any(|k| k.contains(' ') && surname_keys(k).iter().any(|s| s == key))
        };
        let mut out = Vec::new();
        let mut p = a;
        while p < b {
            let hit = (1..=5.min(b - p)).rev().find_map(|len| {
                let key = key_of(&tokens[p..p + len]);
                if let Some(listed) = lx.places.get(key.as_str()) {
                    return Some((len, listed.to_string(), true));
                }
                known(&key).then(|| {
                    let surface = text[tokens[p].start..tokens[p + len - 1].end].to_string();
                    (len, clean_name(&surface), false)
                })
            });
            match hit {
                Some((len, name, listed_place)) => {
                    let surface = text[tokens[p].start..tokens[p + len - 1].end].to_string();
                    out.push(Found {
                        start: p,
                        end: p + len,
                        name,
                        surface,
                        evidence: KindEvidence {
                            place: if listed_place { STRONG } else { 0 },
                            ..Default::default()
                        },
                        role: None,
                        listed_place,
                        initial_single: false,
                    });
                    p += len;
                }
                None => p += 1,
            }
        }
        out
    }

    fn record(&mut self, f: Found, tokens: &[Token<'_>], offset: u32, in_title: bool) {
        let lx = lexicon();
        let mut evidence = f.evidence;
        // Context: "in Rafah" says place; "leader Abdul Malik" says person; "Reuters said"
        // says a speaker (person or organisation: left to the other cues).
        if f.start > 0 {
            let prev = &tokens[f.start - 1];
            // Cue words are lower case as written: no case folding needed.
            if !prev.break_after && !prev.is_capitalised() {
                if lx.place_cues.contains(prev.text) {
                    evidence.place += 1;
                }
                if lx.person_cues.contains(prev.text.trim_end_matches('.')) {
                    evidence.person += 1;
                }
            }
        }
        // "Hamas official", "Reuters reporter": a group's; "X said": a speaker, not a place.
        if f.end < tokens.len() && !tokens[f.end - 1].break_after {
            let next = tokens[f.end].text;
            if lx.group_cues.contains(next) {
                evidence.organisation += 1;
            } else if lx.speech_verbs.contains(next) {
                if f.end - f.start > 1 {
                    evidence.person += 1;
                } else {
                    evidence.organisation += 1;
                }
            }
        }
        let key = name_key(&f.name);
        let first = offset + tokens[f.start].start as u32;
        let c = self.candidates.entry(key).or_insert_with(|| Candidate {
            name: f.name.clone(),
            forms: HashMap::default(),
            evidence: KindEvidence::default(),
            count: 0,
            first,
            in_title: false,
            initial_only: true,
            roles: Vec::new(),
            listed_place: f.listed_place,
        });
        c.count += 1;
        c.first = c.first.min(first);
        c.in_title |= in_title;
        c.initial_only &= f.initial_single;
        c.evidence.add(evidence);
        c.listed_place |= f.listed_place;
        *c.forms.entry(f.surface).or_insert(0) += 1;
        if let Some(role) = f.role {
            if c.roles.len() < MAX_ROLES && !c.roles.contains(&role) {
                c.roles.push(role);
            }
        }
    }

    /// A quote's speaker is a person, and is mentioned where the quote is.
    pub fn add_speaker(&mut self, name: &str, role: Option<&str>, offset: u32) {
        let key = name_key(name);
        let c = self.candidates.entry(key).or_insert_with(|| Candidate {
            name: name.to_string(),
            forms: HashMap::default(),
            evidence: KindEvidence::default(),
            count: 0,
            first: offset,
            in_title: false,
            initial_only: false,
            roles: Vec::new(),
            listed_place: false,
        });
        if c.count == 0 {
            c.count = 1;
            c.forms.insert(name.to_string(), 1);
        }
        c.initial_only = false;
        c.evidence.person += 2;
        if let Some(role) = role {
            let role = role.trim().to_string();
            if !role.is_empty() && c.roles.len() < MAX_ROLES && !c.roles.contains(&role) {
                c.roles.push(role);
            }
        }
    }

    /// Fold surnames into full names and return the names, sorted by key. Also returns the
    /// map from every folded key to the key it went into.
    pub fn finish(self) -> (Vec<Entity>, HashMap<String, String>) {
        let lx = lexicon();
        let mut cands: Vec<(String, Candidate)> = self.candidates.into_iter().collect();
        cands.sort_by(|a, b| a.0.cmp(&b.0));
        // Surname → full names that end with it (people only: not listed places, not
        // organisations by marker).
        let mut by_surname: HashMap<String, Vec<usize>> = HashMap::default();
        for (idx, (key, c)) in cands.iter().enumerate() {
            if !key.contains(' ') || c.listed_place || looks_institutional(c) {
                continue;
            }
            for s in surname_keys(key) {
                by_surname.entry(s).or_default().push(idx);
            }
        }
        let mut target: Vec<Option<usize>> = vec![None; cands.len()];
        for (idx, (key, c)) in cands.iter().enumerate() {
            if key.contains(' ') || c.listed_place || lx.places.contains_key(key.as_str()) {
                continue;
            }
            if let Some(full) = by_surname.get(key) {
                // Several people share the surname: the most mentioned, then the first.
                let best = full.iter().copied().max_by(|&a, &b| {
                    cands[a]
                        .1
                        .count
                        .cmp(&cands[b].1.count)
                        .then(cands[b].1.first.cmp(&cands[a].1.first))
                });
                target[idx] = best;
            }
        }
        let mut folded_keys = HashMap::default();
        let mut merged: Vec<Option<Candidate>> = Vec::with_capacity(cands.len());
        let mut keys = Vec::with_capacity(cands.len());
        for (key, c) in cands {
            keys.push(key);
            merged.push(Some(c));
        }
        for idx in 0..merged.len() {
            let Some(t) = target[idx] else { continue };
            if let Some(part) = merged[idx].take() {
                folded_keys.insert(keys[idx].clone(), keys[t].clone());
                if let Some(full) = merged[t].as_mut() {
                    full.count += part.count;
                    full.first = full.first.min(part.first);
                    full.in_title |= part.in_title;
                    full.initial_only &= part.initial_only;
                    full.evidence.add(part.evidence);
                    for (form, n) in part.forms {
                        *full.forms.entry(form).or_insert(0) += n;
                    }
                    for role in part.roles {
                        if full.roles.len() < MAX_ROLES && !full.roles.contains(&role) {
                            full.roles.push(role);
                        }
                    }
                }
            }
        }
        // A fresh, exact buffer (see `TermCounter::finish`): collected in place, the list
        // would keep the larger candidates' allocation for the life of the features.
        let mut entities = Vec::with_capacity(merged.iter().flatten().count());
        entities.extend(merged.into_iter().flatten().map(|c| {
            let mut forms: Vec<String> = c.forms.into_keys().filter(|f| *f != c.name).collect();
            forms.sort();
            Entity {
                name: c.name,
                evidence: c.evidence,
                count: c.count,
                first: c.first,
                in_title: c.in_title,
                initial_only: c.initial_only,
                forms,
                roles: c.roles,
            }
        }));
        (entities, folded_keys)
    }
}

/// A single capitalised word that the document also writes in lower case ("Heat the jam"
/// in a recipe that says "the heat" too; "Contact the author" under a story that says "all
/// contact") is a common word a line, button or teaser capitalised: it counts as
/// `initial_only`, so this document does not confirm it as a name. A name a reader knows
/// is rarely a word its own story uses in lower case. Acronyms ("US"), inner capitals
/// ("McCain", "iPhone") and listed places are left alone.
pub(crate) fn mark_lower_case_twins(entities: &mut [Entity], body: &str) {
    let lx = lexicon();
    for e in entities.iter_mut() {
        if e.initial_only || e.name.contains(' ') {
            continue;
        }
        let mut chars = e.name.chars();
        let capitalised = chars.next().is_some_and(char::is_uppercase);
        if !capitalised || !chars.all(char::is_lowercase) {
            continue;
        }
        let lower = e.name.to_lowercase();
        if lx.places.contains_key(lower.as_str()) {
            continue;
        }
        if written_in_lower(body, &lower) {
            e.initial_only = true;
        }
    }
}

/// In a language that capitalises every noun, a single word or a run joined by a lower-case
/// word, with no sign of its kind (no given name, role, listed place or marker word:
/// "Steuer", "Ausbau der Bahn"), is most likely a noun or a noun phrase: this document does
/// not confirm it as a name (see [`Entity::initial_only`]). Runs of capitalised words alone
/// ("Jonas Keller", "Deutsche Bahn": such a language joins nouns into one word, so two
/// capitals in a row are a name) and names with a sign are left alone; a name another
/// document confirms still counts there.
pub(crate) fn unconfirm_bare_capitals(entities: &mut [Entity]) {
    for e in entities.iter_mut() {
        let ev = e.evidence;
        let bare = ev.person == 0 && ev.place == 0 && ev.organisation == 0;
        let capitals_only = e.name.contains(' ')
            && e.name
                .split(' ')
                .all(|w| w.chars().next().is_some_and(char::is_uppercase));
        if bare && !capitals_only {
            e.initial_only = true;
        }
    }
}

/// Whether `text` holds `word` (lower case) as a word of its own: after a space, a line
/// start or an opening mark, and before a space, punctuation or a possessive. Inside a link
/// or a host ("/heat/", "apple.com") it does not count.
fn written_in_lower(text: &str, word: &str) -> bool {
    memchr::memmem::find_iter(text.as_bytes(), word.as_bytes()).any(|at| {
        // `word` is valid UTF-8, so a match starts and ends on character boundaries.
        let (Some(head), Some(tail)) = (text.get(..at), text.get(at + word.len()..)) else {
            return false;
        };
        let opens = head.chars().next_back().is_none_or(|c| {
            c.is_whitespace() || matches!(c, '(' | '"' | '\'' | '\u{201c}' | '\u{2018}')
        });
        let mut rest = tail.chars();
        let closes = match rest.next() {
            None => true,
            Some(c) if c.is_whitespace() => true,
            Some(
                ',' | ';' | ':' | '!' | '?' | ')' | '-' | '"' | '\'' | '\u{201d}' | '\u{2019}',
            ) => true,
            Some('.') => rest.next().is_none_or(|c| !c.is_alphanumeric()),
            Some(_) => false,
        };
        opens && closes
    })
}

fn looks_institutional(c: &Candidate) -> bool {
    c.evidence.organisation >= STRONG || c.evidence.place >= STRONG
}

/// Keys a full name can be referred to by: its last word, and without a lower-case particle
/// ("al-sisi" → "sisi").
pub(crate) fn surname_keys(key: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(last) = key.rsplit(' ').next() {
        out.push(last.to_string());
        if let Some((particle, rest)) = last.split_once('-') {
            if particle.len() <= 3 && !rest.is_empty() {
                out.push(rest.to_string());
            }
        }
    }
    out
}

fn lower(t: &Token<'_>) -> String {
    let w = t.text.trim_end_matches('.');
    if w.is_ascii() {
        return w.to_ascii_lowercase();
    }
    w.to_lowercase().replace('’', "'")
}

/// `f` of [`lower`]`(t)`, without allocating for short ASCII words (nearly all of them).
fn with_lower<R>(t: &Token<'_>, f: impl FnOnce(&str) -> R) -> R {
    let w = t.text.trim_end_matches('.');
    let mut buf = [0u8; 32];
    if w.len() <= buf.len() && w.is_ascii() {
        let b = &mut buf[..w.len()];
        b.copy_from_slice(w.as_bytes());
        b.make_ascii_lowercase();
        // ASCII in, ASCII out.
        if let Ok(s) = std::str::from_utf8(b) {
            return f(s);
        }
    }
    f(&lower(t))
}

/// Capitalised, or a capitalised name behind a lower-case particle ("al-Sisi").
fn is_name_word(t: &Token<'_>, lx: &Lexicon) -> bool {
    if !t.is_capitalised() {
        // A particle is at most three bytes before the first hyphen: look no further.
        let dash = t.text.bytes().take(4).position(|b| b == b'-');
        let particle_name = dash.is_some_and(|k| {
            let (p, rest) = (&t.text[..k], &t.text[k + 1..]);
            p.chars().all(char::is_lowercase) && rest.chars().next().is_some_and(char::is_uppercase)
        });
        if !particle_name {
            return false;
        }
    }
    // "I" is never a name; nor are months and weekdays.
    t.text != "I" && !is_calendar(t, lx)
}

/// Month and weekday names; short forms that are also given names ("Jan", "Sat") only with
/// their dot.
pub(crate) fn is_calendar(t: &Token<'_>, lx: &Lexicon) -> bool {
    // Cheap rejection first: month and weekday names are short and start with one of these.
    if t.text.len() > 10
        || !t
            .text
            .starts_with(['J', 'F', 'M', 'A', 'S', 'O', 'N', 'D', 'T', 'W'])
    {
        return false;
    }
    with_lower(t, |w| {
        lx.calendar.contains(w)
            && (t.text.ends_with('.')
                || !matches!(w, "jan" | "mar" | "sun" | "sat" | "wed" | "mon"))
    })
}

fn is_connector(t: &Token<'_>, lx: &Lexicon) -> bool {
    !t.is_capitalised() && lx.connectors.contains(t.text)
}

fn joins_with_of(before: &Token<'_>, lx: &Lexicon) -> bool {
    with_lower(before, |w| {
        lx.org_markers.contains(w) || lx.place_markers.contains(w) || lx.role_heads.contains(w)
    })
}

fn is_demonym(word: &str, lx: &Lexicon) -> bool {
    lx.demonyms.contains(word)
}

/// Split a run of name words `tokens[a..b]` into names.
fn analyze_run(text: &str, tokens: &[Token<'_>], a: usize, b: usize, lx: &Lexicon) -> Vec<Found> {
    let mut out = Vec::new();
    let words: Vec<String> = tokens[a..b].iter().map(lower).collect();
    let span = |s: usize, e: usize| text[tokens[s].start..tokens[e - 1].end].to_string();
    let mut s = a;
    let mut e = b;
    // Trailing connectors cannot end a name.
    while e > s && is_connector(&tokens[e - 1], lx) {
        e -= 1;
    }
    // Leading sentence words ("The", "But") and stray connectors.
    while s < e
        && (lx.capital_stops.contains(words[s - a].as_str()) || is_connector(&tokens[s], lx))
        && !lx.places.contains_key(key_of(&tokens[s..e]).as_str())
    {
        s += 1;
    }
    if s >= e {
        return out;
    }
    // The whole run is a listed place ("West Bank", not a bank).
    if lx.places.contains_key(key_of(&tokens[s..e]).as_str()) {
        out.push(listed_place_at(text, tokens, s, e - s, lx));
        return out;
    }
    // Organisation: the run ends in a marker ("State Department", "Israel Democracy
    // Institute"); a leading demonym belongs to it ("Palestinian Authority").
    let last = words[e - 1 - a].as_str();
    let marker_of = (s..e.saturating_sub(2)).any(|k| {
        lx.org_markers.contains(words[k - a].as_str())
            && matches!(words[k + 1 - a].as_str(), "of" | "for" | "on")
    });
    if e - s >= 2 && (lx.org_markers.contains(last) || marker_of) {
        let surface = span(s, e);
        let name = clean_name(&surface);
        out.push(Found {
            start: s,
            end: e,
            name,
            surface,
            evidence: KindEvidence {
                organisation: STRONG,
                ..Default::default()
            },
            role: None,
            listed_place: false,
            initial_single: false,
        });
        return out;
    }
    // A role before a name: the last role head followed by name words.
    if let Some(k) = last_role_head(&words[s - a..e - a], lx) {
        let head = s + k;
        let mut name_start = head + 1;
        // "Secretary of State Antony Blinken", "Minister of Defence Ben Wallace".
        if name_start + 1 < e && words[name_start - a] == "of" {
            name_start += 2;
        }
        // Prefix: listed places and acronyms ("U.S.", "CIA") are names of their own.
        out.extend(places_in(
            text,
            tokens,
            s,
            role_prefix_end(s, head, &words, a, lx),
            lx,
        ));
        let mut ne = e;
        while ne > name_start && is_connector(&tokens[ne - 1], lx) {
            ne -= 1;
        }
        if name_start < ne {
            let role_start = role_start(s, head, &words, a, lx);
            let role = clean_name(&span(role_start, name_start));
            let surface = span(name_start, ne);
            let is_role_only = (name_start..ne).all(|x| {
                let w = words[x - a].as_str();
                lx.role_heads.contains(w) || lx.role_modifiers.contains(w)
            });
            if !is_role_only {
                out.push(Found {
                    start: name_start,
                    end: ne,
                    name: clean_name(&surface),
                    surface,
                    evidence: KindEvidence {
                        person: 3,
                        ..Default::default()
                    },
                    role: Some(role),
                    listed_place: false,
                    initial_single: false,
                });
            }
        }
        return out;
    }
    // Otherwise: listed places where they are, and what is between them.
    let mut p = s;
    let mut chunk_start = s;
    while p < e {
        if let Some(len) = longest_place(tokens, p, e, lx) {
            // A listed place followed by more name words is part of a longer name when the
            // place is also a given name ("Jordan Peterson"); otherwise it stands alone.
            let given = len == 1 && lx.given_names.contains(words[p - a].as_str());
            if !(given && p + 1 < e && chunk_start == p) {
                out.extend(unknown_chunk(text, tokens, chunk_start, p, lx));
                out.push(listed_place_at(text, tokens, p, len, lx));
                p += len;
                chunk_start = p;
                continue;
            }
        }
        p += 1;
    }
    out.extend(unknown_chunk(text, tokens, chunk_start, e, lx));
    out
}

fn key_of(tokens: &[Token<'_>]) -> String {
    let mut key = String::new();
    key_into(tokens, &mut key);
    key
}

/// [`name_key`] of the words joined by spaces, into a reused buffer.
fn key_into(tokens: &[Token<'_>], key: &mut String) {
    key.clear();
    for (k, t) in tokens.iter().enumerate() {
        if k > 0 {
            key.push(' ');
        }
        for c in t.text.chars() {
            match c {
                '.' => {}
                '’' | '‘' => key.push('\''),
                c if c.is_ascii() => key.push(c.to_ascii_lowercase()),
                c => key.extend(c.to_lowercase()),
            }
        }
    }
}

fn longest_place(tokens: &[Token<'_>], p: usize, e: usize, lx: &Lexicon) -> Option<usize> {
    let mut key = String::new();
    (1..=4.min(e - p)).rev().find(|&len| {
        key_into(&tokens[p..p + len], &mut key);
        lx.places.contains_key(key.as_str())
    })
}

fn last_role_head(words: &[String], lx: &Lexicon) -> Option<usize> {
    // A head needs a name word after it (skipping "of X").
    (0..words.len()).rev().find(|&k| {
        let w = words[k].as_str();
        if !lx.role_heads.contains(w) {
            return false;
        }
        let mut next = k + 1;
        if next + 1 < words.len() && words[next] == "of" {
            next += 2;
        }
        next < words.len()
    })
}

/// Where the role words before `head` begin: modifiers ("Prime", "Foreign", "Senate
/// Minority") and demonyms or places ("Israeli", "U.S.") are part of it.
fn role_start(s: usize, head: usize, words: &[String], a: usize, lx: &Lexicon) -> usize {
    let mut r = head;
    while r > s {
        let w = words[r - 1 - a].as_str();
        if lx.role_heads.contains(w)
            || lx.role_modifiers.contains(w)
            || is_demonym(w, lx)
            || lx.places.contains_key(name_key(w).as_str())
            || w == "of"
        {
            r -= 1;
        } else {
            break;
        }
    }
    r
}

/// End of the part before a role that may hold names of its own.
fn role_prefix_end(s: usize, head: usize, words: &[String], a: usize, lx: &Lexicon) -> usize {
    let mut r = head;
    while r > s {
        let w = words[r - 1 - a].as_str();
        if lx.role_heads.contains(w) || lx.role_modifiers.contains(w) {
            r -= 1;
        } else {
            break;
        }
    }
    r
}

/// The listed place at `tokens[p..p + len]`, under the gazetteer's name for it.
fn listed_place_at(text: &str, tokens: &[Token<'_>], p: usize, len: usize, lx: &Lexicon) -> Found {
    let surface = text[tokens[p].start..tokens[p + len - 1].end].to_string();
    let name = lx
        .places
        .get(key_of(&tokens[p..p + len]).as_str())
        .map(|n| n.to_string())
        .unwrap_or_else(|| clean_name(&surface));
    Found {
        start: p,
        end: p + len,
        name,
        surface,
        evidence: KindEvidence {
            place: STRONG,
            ..Default::default()
        },
        role: None,
        listed_place: true,
        initial_single: false,
    }
}

/// Listed places and acronyms in `tokens[s..e]` (a role's prefix).
fn places_in(text: &str, tokens: &[Token<'_>], s: usize, e: usize, lx: &Lexicon) -> Vec<Found> {
    let mut out = Vec::new();
    let mut p = s;
    while p < e {
        if let Some(len) = longest_place(tokens, p, e, lx) {
            out.push(listed_place_at(text, tokens, p, len, lx));
            p += len;
        } else {
            if tokens[p].is_acronym() && !with_lower(&tokens[p], |w| is_demonym(w, lx)) {
                let surface = tokens[p].text.to_string();
                out.push(Found {
                    start: p,
                    end: p + 1,
                    name: clean_name(&surface),
                    surface,
                    evidence: KindEvidence {
                        organisation: 2,
                        ..Default::default()
                    },
                    role: None,
                    listed_place: false,
                    initial_single: false,
                });
            }
            p += 1;
        }
    }
    out
}

/// An English function word or very common word (`STOP_TERMS`: "get", "things", "my"), or a
/// contraction of one or of a sentence word ("you're", "i've"): never a name by itself. A
/// one-letter head other than "I" is an initial ("D'Angelo"), not a contraction.
fn is_common_word(w: &str, lx: &Lexicon) -> bool {
    lx.stop_terms.contains(w)
        || w.split_once('\'').is_some_and(|(head, _)| {
            (head.len() >= 2 || head == "i")
                && (lx.stop_terms.contains(head) || lx.capital_stops.contains(head))
        })
}

/// A run of name words that is not a listed place and has no role before it.
fn unknown_chunk(
    text: &str,
    tokens: &[Token<'_>],
    s: usize,
    e: usize,
    lx: &Lexicon,
) -> Option<Found> {
    let mut s = s;
    let mut e = e;
    // Demonyms and sentence words at the edges: "Israeli", "Palestinians", "The".
    while s < e {
        let edge = with_lower(&tokens[s], |w| {
            is_demonym(w, lx)
                || lx.capital_stops.contains(w)
                || (lx.role_modifiers.contains(w) && s + 1 < e)
        });
        if edge || is_connector(&tokens[s], lx) {
            s += 1;
        } else {
            break;
        }
    }
    while e > s
        && (is_connector(&tokens[e - 1], lx) || with_lower(&tokens[e - 1], |w| is_demonym(w, lx)))
    {
        e -= 1;
    }
    if s >= e {
        return None;
    }
    let words: Vec<String> = tokens[s..e].iter().map(lower).collect();
    // Lone role words, marker words and sentence words are not names ("the Secretary",
    // "the Strip", "Overall"); nor are common words capitalised by a headline or a button
    // ("Get", "Things", "You're"), unless written as an acronym ("US").
    if words.iter().zip(&tokens[s..e]).all(|(w, t)| {
        lx.role_heads.contains(w.as_str())
            || lx.role_modifiers.contains(w.as_str())
            || lx.capital_stops.contains(w.as_str())
            || lx.org_markers.contains(w.as_str())
            || lx.place_markers.contains(w.as_str())
            || (!t.is_acronym() && is_common_word(w, lx))
    }) {
        return None;
    }
    let single = e - s == 1;
    let first = &tokens[s];
    let surface = text[first.start..tokens[e - 1].end].to_string();
    if single && (looks_demonym_plural(first.text) || first.text.chars().count() < 2) {
        return None;
    }
    // Shouted words of one letter, or numbers with a capital ("3D") are not names.
    if !first.text.chars().next().is_some_and(char::is_alphabetic) {
        return None;
    }
    let mut evidence = KindEvidence::default();
    let last = words.last().map(String::as_str).unwrap_or_default();
    if !single && lx.given_names.contains(words[0].as_str()) {
        evidence.person += 2;
    }
    if single && first.is_acronym() {
        evidence.organisation += 2;
    }
    if !single && lx.place_markers.contains(last) {
        evidence.place += STRONG;
    }
    if !single && lx.org_markers.contains(last) {
        evidence.organisation += STRONG;
    }
    Some(Found {
        start: s,
        end: e,
        name: clean_name(&surface),
        surface,
        evidence,
        role: None,
        listed_place: false,
        initial_single: single && first.sentence_start,
    })
}

/// "Palestinians", "Gazans", "Europeans": people named by where they are from.
fn looks_demonym_plural(word: &str) -> bool {
    let lower = word.to_lowercase();
    lower.len() > 5
        && (lower.ends_with("ians") || lower.ends_with("eans") || lower.ends_with("ans"))
        && !lower.ends_with("leans")
}

/// The shown form of a name: single spaces, straight apostrophes kept as written.
fn clean_name(surface: &str) -> String {
    surface.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Is a block a headline in Title Case (most longer words capitalised)?
/// Capitalised common words ("About", "Says") or nearly every word capitalised tell it from
/// a sentence-case headline full of names ("Envoy in Middle East for talks").
pub(crate) fn is_title_case(tokens: &[Token<'_>]) -> bool {
    let lx = lexicon();
    let long: Vec<&Token> = tokens
        .iter()
        .filter(|t| t.text.chars().count() >= 4 && t.text.chars().all(char::is_alphabetic))
        .collect();
    let caps = long.iter().filter(|t| t.is_capitalised()).count();
    if long.len() < 3 || caps * 10 < long.len() * 7 {
        return false;
    }
    let common_capitalised = long.iter().any(|t| {
        let w = t.text.to_lowercase();
        !t.sentence_start
            && t.is_capitalised()
            && (lx.stop_terms.contains(w.as_str()) || lx.capital_stops.contains(w.as_str()))
    });
    common_capitalised || (long.len() >= 5 && caps * 10 >= long.len() * 9)
}

/// Is a block shouted (mostly capitals)? Such text names nothing reliably.
pub(crate) fn is_shouted(tokens: &[Token<'_>]) -> bool {
    let (mut words, mut shouted) = (0usize, 0usize);
    for t in tokens.iter().filter(|t| t.text.len() >= 3) {
        words += 1;
        // Only a capitalised word can be an acronym.
        if t.text.starts_with(|c: char| c.is_uppercase()) && t.is_acronym() {
            shouted += 1;
        }
    }
    words >= 4 && shouted * 2 > words
}

#[cfg(test)]
mod tests {
    use super::super::text::tokenize;
    use super::*;

    fn extract(text: &str) -> Vec<Entity> {
        let mut c = EntityCollector::default();
        let tokens = tokenize(text);
        c.add_block(text, &tokens, 0, false, false);
        c.finish().0
    }

    fn names(text: &str) -> Vec<String> {
        extract(text).into_iter().map(|e| e.name).collect()
    }

    #[test]
    fn roles_make_people_and_surnames_fold() {
        let e = extract(
            "Foreign Minister Maria Kowalska met Prime Minister Jan de Vries in Oslo. \
             Kowalska said the talks went well.",
        );
        let kowalska = e.iter().find(|x| x.name == "Maria Kowalska").unwrap();
        assert_eq!(kowalska.count, 2);
        assert_eq!(kowalska.forms, ["Kowalska"]);
        assert_eq!(kowalska.roles, ["Foreign Minister"]);
        assert!(kowalska.evidence.person > 0);
        assert!(e.iter().any(|x| x.name == "Jan de Vries"), "{e:?}");
        let oslo = e.iter().find(|x| x.name == "Oslo").unwrap();
        assert!(oslo.evidence.place >= STRONG);
    }

    #[test]
    fn sentence_words_months_and_demonyms_are_not_names() {
        let n = names("The Dutch delegation arrived on Monday. But Overall, Norwegian officials in March said nothing.");
        assert_eq!(n, Vec::<String>::new());
    }

    #[test]
    fn common_words_capitalised_mid_sentence_are_not_names() {
        // A button's or a teaser's words, capitalised inside running text.
        let n = names(
            "Readers can Get the app, or read Things the council did, and You’re told \
             what I'll say: the US agrees, said Dana D'Angelo of Harrow.",
        );
        assert!(!n.iter().any(|x| x == "Get" || x == "Things"), "{n:?}");
        assert!(
            !n.iter()
                .any(|x| x.starts_with("You") || x.starts_with("I'")),
            "{n:?}"
        );
        // An acronym and a name with an initial before its apostrophe stay.
        assert!(n.iter().any(|x| x == "United States"), "{n:?}");
        assert!(n.iter().any(|x| x.contains("D'Angelo")), "{n:?}");
    }

    #[test]
    fn places_and_organisations() {
        let e = extract(
            "The U.S. and the United Nations Security Council met the Health Ministry of Ruritania \
             in the Gaza Strip and in Tel Aviv.",
        );
        let n: Vec<&str> = e.iter().map(|x| x.name.as_str()).collect();
        assert!(n.contains(&"United States"), "{n:?}");
        assert!(n.contains(&"Gaza Strip"), "{n:?}");
        assert!(n.contains(&"Tel Aviv"), "{n:?}");
        let council = e
            .iter()
            .find(|x| x.name == "United Nations Security Council")
            .unwrap();
        assert!(council.evidence.organisation >= STRONG);
        let us = e.iter().find(|x| x.name == "United States").unwrap();
        assert_eq!(us.forms, ["U.S."]);
    }

    #[test]
    fn role_prefix_places_and_acronyms() {
        let e = extract("U.S. Secretary of State Ann Ortiz and CIA Director Bob Kane arrived.");
        let n: Vec<&str> = e.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(n, ["Ann Ortiz", "Bob Kane", "CIA", "United States"]);
        let ortiz = &e[0];
        assert_eq!(ortiz.roles, ["U.S. Secretary of State"]);
    }

    #[test]
    fn title_case_blocks_only_confirm_known_names() {
        let mut c = EntityCollector::default();
        let body = "Envoy Lena Park visited Quito.";
        c.add_block(body, &tokenize(body), 0, false, false);
        let head = "Lena Park Says Talks Are Going Well In Quito";
        let toks = tokenize(head);
        assert!(is_title_case(&toks));
        c.add_block(head, &toks, 40, true, true);
        let (e, _) = c.finish();
        let n: Vec<&str> = e.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(n, ["Lena Park", "Quito"]);
        assert!(e[0].in_title);
    }

    #[test]
    fn initial_only_single_words_are_flagged() {
        let e = extract("Overland routes are closed. Trucks wait at Kerem.");
        let over = e.iter().find(|x| x.name == "Overland").unwrap();
        assert!(over.initial_only);
        let kerem = e.iter().find(|x| x.name == "Kerem").unwrap();
        assert!(!kerem.initial_only);
        assert!(kerem.evidence.place == 0);
    }

    #[test]
    fn a_word_also_written_in_lower_case_is_no_confirmed_name() {
        let body = "Stir the fruit. Then, Heat to a boil and lower the heat. \
                    We asked Marlow, or Contact us. Lasko joined Veritone last year.";
        let mut e = extract(body);
        let all: Vec<&str> = e.iter().map(|x| x.name.as_str()).collect();
        for n in ["Heat", "Contact", "Marlow", "Veritone"] {
            let x = e
                .iter()
                .find(|x| x.name == n)
                .unwrap_or_else(|| panic!("{n} in {all:?}"));
            assert!(!x.initial_only, "{n} before the check");
        }
        mark_lower_case_twins(&mut e, body);
        let flagged = |n: &str| e.iter().find(|x| x.name == n).unwrap().initial_only;
        // "heat" is written in lower case; "contact" is not, so Contact stays.
        assert!(flagged("Heat"));
        assert!(!flagged("Contact"));
        assert!(!flagged("Marlow"));
        assert!(!flagged("Veritone"));
        // Only a word of its own counts: inside a host or a path it does not.
        assert!(!written_in_lower("see apple.com or /apple/ now", "apple"));
        assert!(written_in_lower("an apple. Then", "apple"));
        assert!(written_in_lower("(apple's core)", "apple"));
        assert!(written_in_lower("Die Hitze, la chaleur, el calor", "calor"));
        assert!(!written_in_lower("el calorímetro", "calor"));
    }
}
