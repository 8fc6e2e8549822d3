//! Publishers: a built-in table of major outlets (names, domains, short-link hosts, aliases),
//! extended and overridden by `sources:` in site.yaml.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::config::SourceConfig;

/// Built-in outlets whose copy other sites carry under their own names: news agencies and
/// press-release wires. A page that carries it is published by the site that shows it.
const WIRE_SERVICES: &[&str] = &[
    "Reuters",
    "AP",
    "AFP",
    "dpa",
    "EFE",
    "ANSA",
    "Xinhua",
    "Anadolu Agency",
    "Kyodo News",
    "Yonhap",
    "PR Newswire",
    "Business Wire",
    "GlobeNewswire",
];

/// (shown name, domains incl. short-link hosts, aliases as printed in bylines and datelines)
const BUILTIN: &[(&str, &[&str], &[&str])] = &[
    (
        "Reuters",
        &["reuters.com", "reut.rs", "thomsonreuters.com"],
        &["Reuters", "Thomson Reuters", "REUTERS"],
    ),
    (
        "AP",
        &["apnews.com", "ap.org", "apne.ws"],
        &["AP", "Associated Press", "The Associated Press"],
    ),
    (
        "AFP",
        &["afp.com"],
        &["AFP", "Agence France-Presse", "Agence France Presse"],
    ),
    (
        "DW",
        &["dw.com", "p.dw.com", "dw.de"],
        &["DW", "Deutsche Welle", "DW News"],
    ),
    (
        "BBC",
        &["bbc.com", "bbc.co.uk", "bbc.in"],
        &["BBC", "BBC News", "BBC World Service"],
    ),
    ("CNN", &["cnn.com", "cnn.it"], &["CNN", "CNN International"]),
    (
        "Al Jazeera",
        &["aljazeera.com", "aljazeera.net", "aje.io", "aje.news"],
        &["Al Jazeera", "Al Jazeera English", "Aljazeera"],
    ),
    (
        "The New York Times",
        &["nytimes.com", "nyti.ms"],
        &["New York Times", "The New York Times", "NYT", "NY Times"],
    ),
    (
        "The Washington Post",
        &["washingtonpost.com", "wapo.st"],
        &["Washington Post", "The Washington Post"],
    ),
    (
        "The Guardian",
        &["theguardian.com", "guardian.co.uk", "gu.com"],
        &["The Guardian", "Guardian"],
    ),
    (
        "France 24",
        &["france24.com", "f24.my"],
        &["France 24", "FRANCE 24", "France24"],
    ),
    (
        "NPR",
        &["npr.org", "n.pr"],
        &["NPR", "National Public Radio"],
    ),
    (
        "Bloomberg",
        &["bloomberg.com", "bloom.bg"],
        &["Bloomberg", "Bloomberg News"],
    ),
    (
        "Financial Times",
        &["ft.com", "on.ft.com"],
        &["Financial Times", "FT"],
    ),
    (
        "The Wall Street Journal",
        &["wsj.com", "on.wsj.com"],
        &["Wall Street Journal", "The Wall Street Journal", "WSJ"],
    ),
    (
        "The Economist",
        &["economist.com", "econ.st"],
        &["The Economist"],
    ),
    (
        "Politico",
        &["politico.com", "politico.eu"],
        &["Politico", "POLITICO"],
    ),
    ("Axios", &["axios.com"], &["Axios"]),
    ("ABC News", &["abcnews.go.com", "abc.net.au"], &["ABC News"]),
    ("CBS News", &["cbsnews.com", "cbsn.ws"], &["CBS News"]),
    ("NBC News", &["nbcnews.com", "nbcnews.to"], &["NBC News"]),
    ("Fox News", &["foxnews.com"], &["Fox News"]),
    ("CNBC", &["cnbc.com", "cnb.cx"], &["CNBC"]),
    ("USA Today", &["usatoday.com"], &["USA Today", "USA TODAY"]),
    (
        "Los Angeles Times",
        &["latimes.com"],
        &["Los Angeles Times", "LA Times"],
    ),
    ("The Hill", &["thehill.com"], &["The Hill"]),
    ("Time", &["time.com"], &["TIME"]),
    ("Newsweek", &["newsweek.com"], &["Newsweek"]),
    ("Sky News", &["news.sky.com", "sky.com"], &["Sky News"]),
    (
        "The Independent",
        &["independent.co.uk"],
        &["The Independent"],
    ),
    (
        "The Telegraph",
        &["telegraph.co.uk"],
        &["The Telegraph", "Daily Telegraph"],
    ),
    (
        "The Times",
        &["thetimes.co.uk", "thetimes.com"],
        &["The Times"],
    ),
    ("Euronews", &["euronews.com"], &["Euronews"]),
    ("Le Monde", &["lemonde.fr"], &["Le Monde"]),
    ("Der Spiegel", &["spiegel.de"], &["Der Spiegel", "Spiegel"]),
    (
        "dpa",
        &["dpa.com", "dpa-international.com"],
        &["dpa", "Deutsche Presse-Agentur"],
    ),
    ("EFE", &["efe.com"], &["EFE", "Agencia EFE"]),
    ("ANSA", &["ansa.it"], &["ANSA"]),
    ("RFI", &["rfi.fr"], &["RFI", "Radio France Internationale"]),
    (
        "Voice of America",
        &["voanews.com"],
        &["Voice of America", "VOA"],
    ),
    (
        "Radio Free Europe/Radio Liberty",
        &["rferl.org"],
        &["RFE/RL", "Radio Free Europe"],
    ),
    (
        "Xinhua",
        &["xinhuanet.com", "news.cn", "english.news.cn"],
        &["Xinhua"],
    ),
    ("Kyodo News", &["kyodonews.net"], &["Kyodo", "Kyodo News"]),
    ("Yonhap", &["yna.co.kr", "en.yna.co.kr"], &["Yonhap"]),
    (
        "Anadolu Agency",
        &["aa.com.tr"],
        &["Anadolu Agency", "Anadolu"],
    ),
    ("TRT World", &["trtworld.com"], &["TRT World"]),
    ("Daily Sabah", &["dailysabah.com"], &["Daily Sabah"]),
    (
        "The Times of Israel",
        &["timesofisrael.com"],
        &["Times of Israel", "The Times of Israel"],
    ),
    ("Haaretz", &["haaretz.com"], &["Haaretz"]),
    (
        "The Jerusalem Post",
        &["jpost.com"],
        &["Jerusalem Post", "The Jerusalem Post"],
    ),
    (
        "Middle East Eye",
        &["middleeasteye.net"],
        &["Middle East Eye"],
    ),
    ("Arab News", &["arabnews.com"], &["Arab News"]),
    ("The National", &["thenationalnews.com"], &["The National"]),
    (
        "South China Morning Post",
        &["scmp.com"],
        &["South China Morning Post", "SCMP"],
    ),
    (
        "The Japan Times",
        &["japantimes.co.jp"],
        &["The Japan Times", "Japan Times"],
    ),
    ("The Hindu", &["thehindu.com"], &["The Hindu"]),
    (
        "The Times of India",
        &["timesofindia.indiatimes.com", "indiatimes.com"],
        &["Times of India", "The Times of India"],
    ),
    ("ProPublica", &["propublica.org"], &["ProPublica"]),
    ("The Atlantic", &["theatlantic.com"], &["The Atlantic"]),
    ("Vox", &["vox.com"], &["Vox"]),
    ("UN News", &["news.un.org"], &["UN News"]),
    (
        "PR Newswire",
        &["prnewswire.com"],
        &["PRNewswire", "PR Newswire"],
    ),
    (
        "Business Wire",
        &["businesswire.com"],
        &["Business Wire", "BUSINESS WIRE"],
    ),
    (
        "GlobeNewswire",
        &["globenewswire.com"],
        &["GlobeNewswire", "GLOBE NEWSWIRE"],
    ),
];

/// One publisher as the table knows it.
#[derive(Debug, Clone)]
pub struct Outlet {
    pub name: String,
    pub domains: Vec<String>,
    pub aliases: Vec<String>,
}

/// The lookup structure: by host and by alias found in text.
#[derive(Debug, Clone)]
pub struct Sources {
    outlets: Vec<Outlet>,
    by_domain: HashMap<String, usize>,
    by_alias: HashMap<String, usize>,
    finder: AhoCorasick,
    /// Per finder pattern: (outlet, alias as written).
    patterns: Vec<(usize, String)>,
}

impl Default for Sources {
    fn default() -> Self {
        Sources::new(&[])
    }
}

impl Sources {
    /// The built-in table with `config` entries in front: an entry whose name or alias names a
    /// built-in outlet replaces that outlet's shown name and adds to its domains and aliases.
    pub fn new(config: &[SourceConfig]) -> Sources {
        let mut outlets: Vec<Outlet> = BUILTIN
            .iter()
            .map(|(name, domains, aliases)| Outlet {
                name: name.to_string(),
                domains: domains.iter().map(|d| d.to_string()).collect(),
                aliases: aliases.iter().map(|a| a.to_string()).collect(),
            })
            .collect();
        let mut first: Vec<Outlet> = Vec::new();
        for c in config {
            let names: Vec<String> = std::iter::once(&c.name)
                .chain(&c.aliases)
                .map(|s| s.to_lowercase())
                .collect();
            let hit = outlets.iter().position(|o| {
                std::iter::once(&o.name)
                    .chain(&o.aliases)
                    .any(|a| names.contains(&a.to_lowercase()))
            });
            let mut outlet = match hit {
                Some(i) => outlets.remove(i),
                None => Outlet {
                    name: c.name.clone(),
                    domains: Vec::new(),
                    aliases: Vec::new(),
                },
            };
            let old_name = std::mem::replace(&mut outlet.name, c.name.trim().to_string());
            outlet.aliases.push(old_name);
            outlet.aliases.extend(c.aliases.iter().cloned());
            outlet
                .domains
                .extend(c.domains.iter().map(|d| normalise_host(d)));
            first.push(outlet);
        }
        first.extend(outlets);
        Sources::index(first)
    }

    fn index(outlets: Vec<Outlet>) -> Sources {
        let mut by_domain = HashMap::new();
        let mut by_alias = HashMap::new();
        let mut patterns = Vec::new();
        for (i, o) in outlets.iter().enumerate() {
            for d in &o.domains {
                by_domain.entry(normalise_host(d)).or_insert(i);
            }
            for a in std::iter::once(&o.name).chain(&o.aliases) {
                let a = a.trim();
                if a.is_empty() {
                    continue;
                }
                by_alias.entry(a.to_lowercase()).or_insert(i);
                patterns.push((i, a.to_string()));
            }
        }
        // Longest first so "Al Jazeera English" wins over "Al Jazeera".
        patterns.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
        patterns.dedup_by(|a, b| a.1 == b.1);
        let finder = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(patterns.iter().map(|p| p.1.as_str()))
            .unwrap_or_else(|_| AhoCorasick::new(Vec::<&str>::new()).expect("empty automaton"));
        Sources {
            outlets,
            by_domain,
            by_alias,
            finder,
            patterns,
        }
    }

    /// Whether `name` names a news agency or press-release wire of the built-in table (any
    /// of its aliases): copy that other sites publish.
    pub fn is_wire(&self, name: &str) -> bool {
        self.by_name(name)
            .is_some_and(|shown| WIRE_SERVICES.contains(&shown))
    }

    /// The outlet of a URL's host (`www.` and subdomains stripped until one is known).
    pub fn by_host(&self, host: &str) -> Option<&str> {
        let mut h = normalise_host(host);
        loop {
            if let Some(&i) = self.by_domain.get(&h) {
                return Some(&self.outlets[i].name);
            }
            let (_, rest) = h.split_once('.')?;
            if !rest.contains('.') {
                return None;
            }
            h = rest.to_string();
        }
    }

    /// The outlet `text` names exactly (any alias, any case).
    pub fn by_name(&self, text: &str) -> Option<&str> {
        let t = text.trim().trim_end_matches(['.', ',', ':']).trim();
        let t = t
            .strip_prefix("the ")
            .or_else(|| t.strip_prefix("The "))
            .map_or(t, |r| r);
        self.by_alias
            .get(&t.to_lowercase())
            .or_else(|| self.by_alias.get(&text.trim().to_lowercase()))
            .map(|&i| self.outlets[i].name.as_str())
    }

    /// The first outlet named in `text` as a whole word.
    pub fn find_in(&self, text: &str) -> Option<&str> {
        self.find_with_start(text).map(|(_, name)| name)
    }

    /// The outlet that ends `text` ("Jane Roe Associated Press"), with where its name starts.
    pub fn find_at_end(&self, text: &str) -> Option<(usize, &str)> {
        let mut last = None;
        let mut from = 0;
        while let Some((start, name)) = self.find_with_start(&text[from..]) {
            last = Some((from + start, name));
            // Continue after this match's first character.
            from += start
                + text[from + start..]
                    .chars()
                    .next()
                    .map_or(1, char::len_utf8);
        }
        let (start, name) = last?;
        let tail = text[start..].trim_end_matches(['.', ',']);
        (self.by_name(tail) == Some(name)).then_some((start, name))
    }

    fn find_with_start(&self, text: &str) -> Option<(usize, &str)> {
        for m in self.finder.find_iter(text) {
            let (outlet, pattern) = &self.patterns[m.pattern().as_usize()];
            let found = &text[m.start()..m.end()];
            // Names count as written or in capitals: "the national" in a sentence is not
            // The National, and "ap" inside a word is never AP.
            let shouted = !found.chars().any(char::is_lowercase);
            if found != pattern && !(shouted && pattern.chars().any(char::is_lowercase)) {
                continue;
            }
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
            if boundary(before) && boundary(after) {
                return Some((m.start(), &self.outlets[*outlet].name));
            }
        }
        None
    }
}

/// Lower-case host without scheme, `www.`, port or path.
pub fn normalise_host(host: &str) -> String {
    let h = host.trim().to_lowercase();
    let h = h
        .strip_prefix("https://")
        .or_else(|| h.strip_prefix("http://"))
        .unwrap_or(&h);
    let h = h.split(['/', '?', '#']).next().unwrap_or(h);
    let h = h.rsplit_once('@').map_or(h, |(_, r)| r);
    let h = h.split(':').next().unwrap_or(h);
    let h = h.trim_end_matches('.');
    h.strip_prefix("www.").unwrap_or(h).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_and_short_links() {
        let s = Sources::default();
        assert_eq!(s.by_host("p.dw.com"), Some("DW"));
        assert_eq!(
            s.by_host("https://www.reuters.com/world/x"),
            Some("Reuters")
        );
        assert_eq!(s.by_host("edition.cnn.com"), Some("CNN"));
        assert_eq!(s.by_host("apnews.com"), Some("AP"));
        assert_eq!(s.by_host("example.com"), None);
        assert_eq!(s.by_host("com"), None);
    }

    #[test]
    fn aliases_in_text_respect_case_and_words() {
        let s = Sources::default();
        assert_eq!(s.find_in("More stories from DW"), Some("DW"));
        assert_eq!(s.find_in("WASHINGTON (AP) —"), Some("AP"));
        assert_eq!(s.find_in("a happy apricot map"), None);
        assert_eq!(s.find_in("reported by Agence France-Presse."), Some("AFP"));
        assert_eq!(
            s.find_in("Watch Al Jazeera English live"),
            Some("Al Jazeera")
        );
        assert_eq!(s.by_name("The Associated Press"), Some("AP"));
        assert_eq!(s.by_name("Newsroom"), None);
        assert_eq!(
            s.find_at_end("SAMY MAGDY Associated Press"),
            Some((11, "AP"))
        );
        assert_eq!(s.find_at_end("Associated Press reporters"), None);
    }

    #[test]
    fn config_overrides_and_extends() {
        let cfg = vec![
            SourceConfig {
                name: "Deutsche Welle".into(),
                slug: None,
                domains: vec![],
                aliases: vec!["DW".into()],
                url: None,
                country: None,
                kind: None,
            },
            SourceConfig {
                name: "The Daily Planet".into(),
                slug: None,
                domains: vec!["dailyplanet.example".into()],
                aliases: vec!["Planet".into()],
                url: None,
                country: None,
                kind: None,
            },
        ];
        let s = Sources::new(&cfg);
        assert_eq!(s.by_host("p.dw.com"), Some("Deutsche Welle"));
        assert_eq!(s.find_in("Skip to more DW sites"), Some("Deutsche Welle"));
        assert_eq!(
            s.by_host("news.dailyplanet.example"),
            Some("The Daily Planet")
        );
        assert_eq!(s.by_name("planet"), Some("The Daily Planet"));
    }
}
