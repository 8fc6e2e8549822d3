//! What readers may want to know about an outlet before weighing its report: where it is
//! based and what kind of outlet it is. A small built-in table of widely cited outlets
//! (public facts, no network calls); an outlet it does not know simply shows neither.

/// Kinds of outlet, as shown on source pages.
pub const WIRE: &str = "news agency";
pub const PUBLIC: &str = "public broadcaster";
pub const BROADCASTER: &str = "broadcaster";
pub const NEWSPAPER: &str = "newspaper";
pub const MAGAZINE: &str = "magazine";
pub const STATE: &str = "state media";
pub const STATE_FUNDED: &str = "state-funded broadcaster";
pub const ONLINE: &str = "online news";
pub const RELEASES: &str = "press-release service";

/// (name as the built-in source table shows it, country, kind)
const OUTLETS: &[(&str, &str, &str)] = &[
    ("ABC News", "United States", BROADCASTER),
    ("AFP", "France", WIRE),
    ("Al Jazeera", "Qatar", STATE_FUNDED),
    ("Anadolu Agency", "Turkey", STATE),
    ("AP", "United States", WIRE),
    ("Axios", "United States", ONLINE),
    ("BBC", "United Kingdom", PUBLIC),
    ("Bloomberg", "United States", WIRE),
    ("Business Wire", "United States", RELEASES),
    ("CBS News", "United States", BROADCASTER),
    ("CNBC", "United States", BROADCASTER),
    ("CNN", "United States", BROADCASTER),
    ("dpa", "Germany", WIRE),
    ("DW", "Germany", PUBLIC),
    ("Financial Times", "United Kingdom", NEWSPAPER),
    ("Fox News", "United States", BROADCASTER),
    ("France 24", "France", PUBLIC),
    ("GlobeNewswire", "United States", RELEASES),
    ("Los Angeles Times", "United States", NEWSPAPER),
    ("Middle East Eye", "United Kingdom", ONLINE),
    ("NBC News", "United States", BROADCASTER),
    ("NPR", "United States", PUBLIC),
    ("Politico", "United States", ONLINE),
    ("PR Newswire", "United States", RELEASES),
    (
        "Radio Free Europe/Radio Liberty",
        "United States",
        STATE_FUNDED,
    ),
    ("Reuters", "United Kingdom", WIRE),
    ("South China Morning Post", "Hong Kong", NEWSPAPER),
    ("The Economist", "United Kingdom", MAGAZINE),
    ("The Guardian", "United Kingdom", NEWSPAPER),
    ("The Hill", "United States", NEWSPAPER),
    ("The Independent", "United Kingdom", ONLINE),
    ("The Japan Times", "Japan", NEWSPAPER),
    ("The Jerusalem Post", "Israel", NEWSPAPER),
    ("The New York Times", "United States", NEWSPAPER),
    ("The Telegraph", "United Kingdom", NEWSPAPER),
    ("The Times", "United Kingdom", NEWSPAPER),
    ("The Times of India", "India", NEWSPAPER),
    ("The Times of Israel", "Israel", ONLINE),
    ("The Wall Street Journal", "United States", NEWSPAPER),
    ("The Washington Post", "United States", NEWSPAPER),
    ("Time", "United States", MAGAZINE),
    ("USA Today", "United States", NEWSPAPER),
    ("Voice of America", "United States", STATE_FUNDED),
    ("Xinhua", "China", STATE),
];

/// Country and kind of an outlet, by its shown name (any case).
pub fn about(name: &str) -> Option<(&'static str, &'static str)> {
    let name = name.trim();
    OUTLETS
        .iter()
        .find(|(n, _, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, country, kind)| (*country, *kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_and_unknown_outlets() {
        assert_eq!(about("reuters"), Some(("United Kingdom", WIRE)));
        assert_eq!(about("DW"), Some(("Germany", PUBLIC)));
        assert_eq!(about("The Daily Planet"), None);
    }

    #[test]
    fn the_table_is_sorted_without_duplicates() {
        let names: Vec<String> = OUTLETS.iter().map(|o| o.0.to_lowercase()).collect();
        let mut sorted = names.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(names, sorted);
    }
}
