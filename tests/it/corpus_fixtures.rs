//! Grouping on small corpora written for these tests: alias folding, blocking and renaming,
//! front-matter topics, undated documents, stories on one day, related lists, links.

use std::path::PathBuf;

use chrono::NaiveDate;
use dossier::analyze::entity_key;
use dossier::config::{Config, TopicConfig, TopicKind};
use dossier::content::{DocDate, Document, FrontMatter};

use crate::common::analyze_and_group;
use dossier::corpus::{link_first_mentions, Grouping, MentionTargets};
use pulldown_cmark::{html, Parser};

fn doc(name: &str, title: &str, date: Option<&str>, source: &str, body: &str) -> Document {
    let date = date.map(|d| DocDate::Day(NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap()));
    Document {
        path: PathBuf::from(format!("content/articles/{name}.md")),
        rel_path: format!("articles/{name}.md"),
        front: FrontMatter {
            title: Some(title.into()),
            date,
            source: Some(source.into()),
            ..Default::default()
        },
        title: title.into(),
        slug: name.into(),
        date,
        body: body.into(),
        body_released: false,
        body_line: 5,
        hash: blake3::hash(body.as_bytes()).to_hex()[..32].to_string(),
        lang: None,
    }
}

fn with_topics(mut d: Document, topics: &[&str]) -> Document {
    d.front.topics = topics.iter().map(|t| t.to_string()).collect();
    d
}

/// A small news corpus: a port strike and a cup final in Rotterdam on the same day, a
/// foreign minister's tour over two weeks, and unrelated background pieces.
fn corpus() -> Vec<Document> {
    vec![
        doc(
            "strike-a",
            "Rotterdam dockworkers walk out over wages",
            Some("2024-05-14"),
            "Harbour Daily",
            "Dockworkers at the Port of Rotterdam stopped work on Tuesday in a dispute over wages \
             and night shifts, leaving container ships waiting at the Maasvlakte terminals.\n\n\
             Union leader Marta Visser said the crane operators would stay out until the terminal \
             operators offered a raise above inflation. \"We are not going back for less than we \
             lost last year,\" Visser said.\n\n\
             Shipping lines diverted vessels to Antwerp and Hamburg as queues of trucks grew \
             outside the container gates.",
        ),
        doc(
            "strike-b",
            "Port of Rotterdam halted as crane operators strike",
            Some("2024-05-14"),
            "Lowlands Wire",
            "Crane operators at the Maasvlakte container terminals walked out on Tuesday, \
             halting most cargo handling at the Port of Rotterdam.\n\n\
             Marta Visser, who leads the dockworkers union, told reporters the strike over wages \
             and night shifts would continue until terminal operators improved their offer.\n\n\
             Several shipping lines sent vessels to Antwerp instead, and trucks queued at the \
             container gates.",
        ),
        doc(
            "strike-c",
            "Container backlog grows in Rotterdam strike",
            Some("2024-05-15"),
            "Europort News",
            "A backlog of containers built up at the Maasvlakte terminals on Wednesday as the \
             crane operators strike at the Port of Rotterdam entered its second day.\n\n\
             Terminal operators called the wage demand by Marta Visser's dockworkers union \
             unaffordable, while shipping lines rerouted vessels to Antwerp and Hamburg.",
        ),
        doc(
            "final-a",
            "Feyenoord win the cup final at De Kuip",
            Some("2024-05-14"),
            "Harbour Daily",
            "Feyenoord beat Ajax three goals to one in the cup final at De Kuip stadium in \
             Rotterdam on Tuesday night, with striker Joris Bakker scoring twice.\n\n\
             Fans filled the stands and celebrated the trophy long after the final whistle, \
             while coach Ruud Vermeer praised the defence.\n\n\
             Bakker headed the opener before half-time and sealed the win with a late penalty.",
        ),
        doc(
            "final-b",
            "Bakker double gives Feyenoord the cup",
            Some("2024-05-14"),
            "Sports Lowlands",
            "Joris Bakker scored twice as Feyenoord defeated Ajax three to one in the cup final \
             at De Kuip on Tuesday.\n\n\
             Coach Ruud Vermeer lifted the trophy in front of the fans, and Bakker converted a \
             penalty in the closing minutes after his first-half header.",
        ),
        doc(
            "tour-1",
            "Foreign Minister Lena Okafor opens talks in Nairobi",
            Some("2024-04-02"),
            "Continental Post",
            "Foreign Minister Lena Okafor opened two days of talks on grain exports and river \
             water rights in Nairobi on Tuesday, the first stop of a tour of East Africa.\n\n\
             Okafor met trade officials and said the region needed a shared plan for the drought.",
        ),
        doc(
            "tour-2",
            "Okafor presses grain deal in Addis Ababa",
            Some("2024-04-12"),
            "Continental Post",
            "Okafor arrived in Addis Ababa on Friday to press for a regional grain deal and a \
             drought fund, continuing her tour of East Africa.\n\n\
             Officials said the talks on river water rights would resume next month.",
        ),
        doc(
            "tour-3",
            "Lena Okafor ends tour with drought fund pledge",
            Some("2024-04-24"),
            "Savanna Times",
            "Lena Okafor ended her East Africa tour in Kampala on Wednesday with a pledge to \
             open a drought fund and a grain exports agreement.\n\n\
             The minister said the river water rights talks had moved forward.",
        ),
        doc(
            "weather",
            "Storm brings heavy rain to the coast",
            Some("2024-05-14"),
            "Weather Desk",
            "A spring storm brought heavy rain and gusts to the coast on Tuesday, flooding low \
             roads and delaying ferries.\n\nForecasters expect drier air by the weekend.",
        ),
        doc(
            "chips",
            "Chipmaker opens new plant",
            Some("2024-03-01"),
            "Tech Ledger",
            "A chipmaker opened a new plant for memory chips, hiring engineers and technicians \
             from the region.\n\nThe company said output would double next year.",
        ),
    ]
}

fn index(docs: &[Document], slug: &str) -> usize {
    docs.iter().position(|d| d.slug == slug).unwrap()
}

fn topic(g: &Grouping, name: &str) -> Option<usize> {
    g.topics
        .iter()
        .position(|t| entity_key(&t.name) == entity_key(name))
}

fn group(docs: &[Document], config: &Config) -> Grouping {
    analyze_and_group(docs, config).1
}

#[test]
fn two_stories_on_one_day_in_one_city_stay_apart() {
    let docs = corpus();
    let g = group(&docs, &Config::default());
    let strike = g.doc_story[index(&docs, "strike-a")].expect("strike story");
    let fin = g.doc_story[index(&docs, "final-a")].expect("final story");
    assert_ne!(strike, fin);
    let mut s = g.stories[strike].docs.clone();
    s.sort_unstable();
    assert_eq!(
        s,
        vec![
            index(&docs, "strike-a"),
            index(&docs, "strike-b"),
            index(&docs, "strike-c")
        ]
    );
    let mut f = g.stories[fin].docs.clone();
    f.sort_unstable();
    assert_eq!(f, vec![index(&docs, "final-a"), index(&docs, "final-b")]);
    // The weather piece of the same day is in no story; stories list dates then sources.
    assert_eq!(g.doc_story[index(&docs, "weather")], None);
    let st = &g.stories[strike];
    assert_eq!(st.first_day.to_string(), "2024-05-14");
    assert_eq!(st.last_day.to_string(), "2024-05-15");
    assert_eq!(
        st.docs,
        vec![
            index(&docs, "strike-a"),
            index(&docs, "strike-b"),
            index(&docs, "strike-c")
        ]
    );
    let visser = topic(&g, "Marta Visser").expect("Marta Visser topic");
    assert!(st.topics.contains(&visser));
    // The tour over three weeks is a storyline of three one-document stories, not a story.
    let t1 = g.doc_story[index(&docs, "tour-1")].expect("tour-1 is in a storyline");
    let line = g.story_storyline[t1].expect("storyline");
    assert_eq!(g.storylines[line].stories.len(), 3);
    assert!(
        g.storylines[line].title.contains("Lena Okafor"),
        "{}",
        g.storylines[line].title
    );
}

#[test]
fn surnames_fold_into_full_names_within_and_across_documents() {
    let docs = corpus();
    let g = group(&docs, &Config::default());
    let okafor = topic(&g, "Lena Okafor").expect("Lena Okafor topic");
    assert!(
        topic(&g, "Okafor").is_none(),
        "the surname alone is no topic"
    );
    let mut d = g.topic_docs[okafor].clone();
    d.sort_unstable();
    // tour-2 names only "Okafor".
    assert_eq!(
        d,
        vec![
            index(&docs, "tour-1"),
            index(&docs, "tour-2"),
            index(&docs, "tour-3")
        ]
    );
    assert_eq!(format!("{:?}", g.topics[okafor].kind), "Person");
    assert!(g.topics[okafor].aliases.contains(&"Okafor".to_string()));
    assert_eq!(g.topics[okafor].description, "Foreign Minister");
    // Newest first.
    assert_eq!(g.topic_docs[okafor][0], index(&docs, "tour-3"));
    // Visser's quote is filed under her topic, with its paragraph.
    let visser = topic(&g, "Marta Visser").unwrap();
    let q: Vec<_> = g.topic_quotes[visser]
        .iter()
        .map(|&k| &g.quotes[k])
        .collect();
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].paragraph, 2);
    assert_eq!(q[0].doc, index(&docs, "strike-a"));
    assert!(q[0].text.starts_with("We are not going back"));
}

#[test]
fn blocked_and_renamed_topics() {
    let docs = corpus();
    let plain = group(&docs, &Config::default());
    assert!(topic(&plain, "Antwerp").is_some());
    assert!(topic(&plain, "Joris Bakker").is_some());
    let mut config = Config::default();
    config.grouping.block = vec!["Antwerp".into(), "joris-bakker".into()];
    config
        .grouping
        .rename
        .insert("Lena Okafor".into(), "Lena A. Okafor".into());
    let g = group(&docs, &config);
    assert!(topic(&g, "Antwerp").is_none(), "blocked by name");
    assert!(topic(&g, "Joris Bakker").is_none(), "blocked by slug");
    assert!(topic(&g, "Lena Okafor").is_none());
    let renamed = topic(&g, "Lena A. Okafor").expect("renamed topic");
    assert_eq!(g.topics[renamed].slug, "lena-a-okafor");
    assert_eq!(g.topic_docs[renamed].len(), 3);
}

#[test]
fn entity_min_docs_decides_automatic_topics() {
    let docs = corpus();
    let mut config = Config::default();
    config.grouping.entity_min_docs = 3;
    let g = group(&docs, &config);
    assert!(topic(&g, "Lena Okafor").is_some()); // three documents
    assert!(topic(&g, "Joris Bakker").is_none()); // two
    for (t, list) in g.topic_docs.iter().enumerate() {
        assert!(
            list.len() >= 3 || g.topics[t].from_config,
            "{}",
            g.topics[t].name
        );
        assert_eq!(g.topics[t].doc_count, list.len());
    }
}

#[test]
fn front_matter_topics_always_win() {
    let mut docs = corpus();
    let weather = index(&docs, "weather");
    let chips = index(&docs, "chips");
    // A configured topic by one of its aliases, a known name the text never mentions, and a
    // new topic.
    docs[weather] = with_topics(
        docs[weather].clone(),
        &["walkout", "Lena Okafor", "Coastal Flooding"],
    );
    docs[chips] = with_topics(docs[chips].clone(), &["coastal flooding"]);
    let config = Config {
        topics: vec![TopicConfig {
            name: "Labour disputes".into(),
            slug: Some("labour".into()),
            description: "Strikes and wage talks".into(),
            aliases: vec!["strike".into(), "walkout".into()],
            kind: None,
        }],
        ..Config::default()
    };
    let g = group(&docs, &config);
    let labour = topic(&g, "Labour disputes").expect("configured topic");
    assert_eq!(g.topics[labour].slug, "labour");
    assert!(g.topics[labour].from_config);
    assert_eq!(format!("{:?}", g.topics[labour].kind), "Theme");
    let okafor = topic(&g, "Lena Okafor").unwrap();
    let flooding = topic(&g, "Coastal Flooding").expect("created from front matter");
    assert!(!g.topics[flooding].from_config);
    assert_eq!(g.doc_topics[weather][..3], [labour, okafor, flooding]);
    assert_eq!(g.doc_topics[chips][0], flooding);
    assert_eq!(g.topic_docs[flooding].len(), 2);
    // The configured topic also files the strike reports by its lower-case alias.
    for slug in ["strike-b", "strike-c"] {
        assert!(g.doc_topics[index(&docs, slug)].contains(&labour), "{slug}");
    }
}

#[test]
fn undated_documents() {
    let mut docs = corpus();
    // A fourth report of the strike, undated: strongly similar, it joins the strike story.
    docs.push(doc(
        "strike-undated",
        "Rotterdam crane operators keep port closed",
        None,
        "Delta Courier",
        "Crane operators kept the Maasvlakte container terminals at the Port of Rotterdam \
         closed on Wednesday as the strike over wages and night shifts went on.\n\n\
         Marta Visser, leader of the dockworkers union, said terminal operators had not \
         improved their offer, and shipping lines diverted more vessels to Antwerp and \
         Hamburg while trucks queued at the container gates.",
    ));
    // An undated piece on nothing in particular: no story.
    docs.push(doc(
        "garden-undated",
        "How to grow tomatoes on a balcony",
        None,
        "Home Pages",
        "Tomatoes grow well in large pots on a sunny balcony if they are watered every \
         morning.\n\nPinch out side shoots and feed the plants weekly.",
    ));
    let g = group(&docs, &Config::default());
    let u = index(&docs, "strike-undated");
    let strike = g.doc_story[index(&docs, "strike-a")].unwrap();
    assert_eq!(g.doc_story[u], Some(strike));
    // Undated documents come last in a story, and the story's days are the dated ones.
    assert_eq!(*g.stories[strike].docs.last().unwrap(), u);
    assert_eq!(g.stories[strike].last_day.to_string(), "2024-05-15");
    assert_eq!(g.doc_story[index(&docs, "garden-undated")], None);
    // Undated documents come last in topic lists.
    let visser = topic(&g, "Marta Visser").unwrap();
    assert_eq!(*g.topic_docs[visser].last().unwrap(), u);
    // Related lists still work for them.
    assert!(g.related[u].contains(&index(&docs, "strike-b")));
}

#[test]
fn undated_document_naming_other_weekdays_stays_out() {
    let mut docs = corpus();
    // Same words as the strike, but it speaks of Friday and Saturday: written at another
    // time (a later strike), so not put into the Tuesday/Wednesday story.
    docs.push(doc(
        "strike-later",
        "Rotterdam crane operators strike again",
        None,
        "Delta Courier",
        "Crane operators at the Maasvlakte container terminals of the Port of Rotterdam \
         walked out again on Friday over wages and night shifts.\n\n\
         Marta Visser of the dockworkers union said on Saturday that shipping lines would \
         have to divert vessels to Antwerp and Hamburg again.",
    ));
    let g = group(&docs, &Config::default());
    assert_eq!(g.doc_story[index(&docs, "strike-later")], None);
}

#[test]
fn related_lists_are_stable_across_runs_and_thread_counts() {
    let docs = corpus();
    let config = Config::default();
    let first = group(&docs, &config);
    for threads in [1, 2, 3] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let again = pool.install(|| group(&docs, &config));
        assert_eq!(first, again, "{threads} threads");
    }
    let a = index(&docs, "strike-a");
    assert_eq!(
        first.related[a].len(),
        config
            .grouping
            .related
            .min(docs.len() - 1)
            .min(first.related[a].len())
    );
    assert!(first.related[a][..2].contains(&index(&docs, "strike-b")));
    assert!(first.related[a][..2].contains(&index(&docs, "strike-c")));
    assert!(!first.related[a].contains(&a));
    let chips = index(&docs, "chips");
    assert!(
        first.related[chips].is_empty(),
        "nothing shares enough with the chip plant: {:?}",
        first.related[chips]
            .iter()
            .map(|&d| &docs[d].slug)
            .collect::<Vec<_>>()
    );
}

#[test]
fn topic_relations_by_co_occurrence() {
    let docs = corpus();
    let g = group(&docs, &Config::default());
    let bakker = topic(&g, "Joris Bakker").unwrap();
    let feyenoord = topic(&g, "Feyenoord").unwrap();
    assert!(g.topic_related[bakker].contains(&feyenoord));
    let okafor = topic(&g, "Lena Okafor").unwrap();
    assert!(!g.topic_related[bakker].contains(&okafor));
}

fn render(md: &str, targets: &MentionTargets) -> String {
    let events: Vec<_> = Parser::new_ext(md, dossier::analyze::markdown_options()).collect();
    let linked = link_first_mentions(events, targets);
    let mut out = String::new();
    html::push_html(&mut out, linked.into_iter());
    out
}

#[test]
fn links_first_mentions_outside_headings_links_code_and_html() {
    let targets = MentionTargets::new(vec![
        (
            vec!["Lena Okafor".to_string(), "Okafor".to_string()],
            "topics/lena-okafor/".to_string(),
        ),
        (vec!["Nairobi".to_string()], "topics/nairobi/".to_string()),
        (vec!["US".to_string()], "topics/united-states/".to_string()),
    ]);
    let md = "# Okafor in Nairobi\n\n\
              See [Okafor's page](https://example.org/okafor) and `Okafor` in code.\n\n\
              <a href=\"x\">Okafor</a> in HTML.\n\n\
              ```\nOkafor in a code block\n```\n\n\
              The Nairobi Sprouts Fund gave. \
              Then Lena Okafor spoke; later Okafor spoke again in Nairobi and Nairobi. \
              Let us thank the US.\n\n\
              ![Okafor photo](p.jpg)\n";
    let html = render(md, &targets);
    assert_eq!(
        html.matches("href=\"topics/lena-okafor/\"").count(),
        1,
        "{html}"
    );
    assert_eq!(
        html.matches("href=\"topics/nairobi/\"").count(),
        1,
        "{html}"
    );
    assert!(html.contains("<h1>Okafor in Nairobi</h1>"), "{html}");
    assert!(
        html.contains("<a href=\"topics/lena-okafor/\">Lena Okafor</a> spoke"),
        "{html}"
    );
    // The first "Nairobi" starts a longer name: the link waits for the city itself.
    assert!(html.contains("The Nairobi Sprouts Fund"), "{html}");
    assert!(
        html.contains("again in <a href=\"topics/nairobi/\">Nairobi</a> and"),
        "{html}"
    );
    assert!(html.contains("<code>Okafor</code>"), "{html}");
    assert!(html.contains("<a href=\"x\">Okafor</a>"), "{html}");
    assert!(html.contains("<pre><code>Okafor in a code block"), "{html}");
    assert!(
        html.contains("Let us thank the <a href=\"topics/united-states/\">US</a>"),
        "{html}"
    );
    // Views: only some targets, and a prefix for pages deeper in the site.
    let only = targets.only(&[1]).with_href_prefix("../../");
    let html = render("Lena Okafor in Nairobi.", &only);
    assert_eq!(
        html,
        "<p>Lena Okafor in <a href=\"../../topics/nairobi/\">Nairobi</a>.</p>\n"
    );
}

#[test]
fn links_from_a_grouping_are_deterministic() {
    let docs = corpus();
    let g = group(&docs, &Config::default());
    let targets = MentionTargets::from_topics(&g.topics, |_, t| format!("/topics/{}/", t.slug));
    let d = index(&docs, "tour-2");
    let view = targets.only(&g.doc_topics[d]);
    let a = render(&docs[d].body, &view);
    let b = render(&docs[d].body, &view);
    assert_eq!(a, b);
    assert!(
        a.contains("<a href=\"/topics/lena-okafor/\">Okafor</a> arrived"),
        "{a}"
    );
    assert!(
        a.contains("<a href=\"/topics/east-africa/\">East Africa</a>"),
        "{a}"
    );
    // Addis Ababa is named by one document only: no topic, no link.
    assert!(!a.contains("addis-ababa"), "{a}");
}

#[test]
fn a_quote_repeated_by_outlets_is_listed_once_and_any_speaker_is_credited() {
    let mut docs = corpus();
    // Lowlands Wire quotes Visser's words again, with other quotation marks, a capital and
    // a final full stop; and a harbour pilot who is no topic speaks once.
    docs.push(doc(
        "strike-repeat",
        "Crane operators stay out at Rotterdam",
        Some("2024-05-15"),
        "Lowlands Wire",
        "The strike at the Maasvlakte terminals went into a second day on Wednesday.\n\n\
         \u{201c}We Are not going back for less than we lost last year.\u{201d} Visser said.\n\n\
         \"Nothing moves in or out of the basin tonight,\" said Joris Bakker, a harbour pilot.",
    ));
    let g = group(&docs, &Config::default());
    let visser = topic(&g, "Marta Visser").unwrap();
    let same: Vec<_> = g
        .quotes
        .iter()
        .filter(|q| q.text.to_lowercase().starts_with("we are not going back"))
        .collect();
    assert_eq!(same.len(), 1, "{same:?}");
    assert_eq!(same[0].speaker, Some(visser));
    // Kept from the first report, the repeat listed beside it.
    assert_eq!(same[0].doc, index(&docs, "strike-a"));
    assert_eq!(same[0].also, vec![index(&docs, "strike-repeat")]);
    // The pilot is credited by name on the "who said what" list.
    let pilot = g
        .speakers
        .iter()
        .find(|s| s.name == "Joris Bakker")
        .unwrap_or_else(|| panic!("the pilot is a speaker: {:?}", g.speakers));
    assert_eq!(pilot.quotes.len(), 1);
    assert!(g.quotes[pilot.quotes[0]].text.starts_with("Nothing moves"));
    let names: Vec<&str> = g.speakers.iter().map(|s| s.name.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort_by_key(|n| n.to_lowercase());
    assert_eq!(names, sorted, "speakers by name");
}

#[test]
fn aliases_fold_and_kinds_come_from_evidence_and_the_gazetteer() {
    let docs = vec![
        doc(
            "council-a",
            "Council meets on the Sahel drought",
            Some("2024-04-02"),
            "Desk One",
            "The United Nations Security Council met on Tuesday to discuss the drought in the \
             Sahel. The United Nations said food stocks in Niamey would last two weeks.\n\n\
             Ambassador Lena Okoro told reporters the council would vote on Friday.",
        ),
        doc(
            "council-b",
            "U.N. appeals for Sahel food aid",
            Some("2024-04-03"),
            "Desk Two",
            "The U.N. appealed for food aid on Wednesday as the UN Security Council prepared a \
             vote. The UN's food agency said convoys left Niamey during Ramadan.\n\n\
             Lena Okoro, the ambassador of Ghana to the UN, said the vote would pass.",
        ),
        doc(
            "council-c",
            "Ramadan markets open in Niamey",
            Some("2024-04-04"),
            "Desk Three",
            "Markets in Niamey stayed open late for Ramadan, traders said, while the UN \
             warned of higher prices across the Sahel.",
        ),
    ];
    let g = group(&docs, &Config::default());
    let names: Vec<&str> = g.topics.iter().map(|t| t.name.as_str()).collect();
    // "the U.N.", "UN", "the UN's" and "United Nations" are one topic; the Security
    // Council, with or without "UN" spelt out, another.
    let un: Vec<&&str> = names
        .iter()
        .filter(|n| ["un", "u.n.", "united nations"].contains(&n.to_lowercase().as_str()))
        .collect();
    assert_eq!(un, [&"United Nations"], "{names:?}");
    let council: Vec<&&str> = names
        .iter()
        .filter(|n| n.to_lowercase().contains("security council"))
        .collect();
    assert_eq!(council, [&"United Nations Security Council"], "{names:?}");
    let kind = |name: &str| format!("{:?}", g.topics[topic(&g, name).unwrap()].kind);
    assert_eq!(kind("United Nations"), "Organisation");
    assert_eq!(kind("Ramadan"), "Theme");
    assert_eq!(kind("Niamey"), "Place");
    assert_eq!(kind("Lena Okoro"), "Person");
    let un = &g.topics[topic(&g, "United Nations").unwrap()];
    assert_eq!(un.doc_count, 3);
}

#[test]
fn unrelated_documents_leave_the_stories_of_a_corpus_as_they_were() {
    let docs = corpus();
    let before = group(&docs, &Config::default());
    let stories = |g: &Grouping, n: usize| -> Vec<Vec<usize>> {
        let mut v: Vec<Vec<usize>> = g
            .stories
            .iter()
            .filter(|s| s.is_multi_document())
            .map(|s| {
                let mut d: Vec<usize> = s.docs.iter().copied().filter(|&d| d < n).collect();
                d.sort_unstable();
                d
            })
            // Stories of the added documents alone are not the question here.
            .filter(|d| !d.is_empty())
            .collect();
        v.sort();
        v
    };
    let want = stories(&before, docs.len());
    assert!(!want.is_empty());
    // Twenty pieces on other things, some on the same days, two of them one event.
    let mut more = docs.clone();
    let subjects = [
        (
            "orchard",
            "Apple growers in Kent count a late frost",
            "orchards",
        ),
        (
            "library",
            "A town library reopens after its roof repair",
            "readers",
        ),
        (
            "cycling",
            "Hill climb race draws riders to the valley",
            "riders",
        ),
        (
            "bakery",
            "Bakers' guild awards its rye bread prize",
            "bakers",
        ),
        (
            "ferry",
            "Island ferry timetable changes for summer",
            "passengers",
        ),
    ];
    for k in 0..20 {
        let (slug, title, who) = subjects[k % subjects.len()];
        let day = format!("2024-05-{:02}", 10 + k % 8);
        more.push(doc(
            &format!("{slug}-{k}"),
            &format!("{title} ({k})"),
            Some(&day),
            &format!("Local Paper {}", k % 7),
            &format!(
                "The {who} gathered early on the {k}th morning of the season, and the organisers \
                 said the turnout was the largest they had seen in years.\n\n\
                 Volunteers served tea and handed out leaflets about next year's plans, \
                 while the council thanked everyone who had helped."
            ),
        ));
    }
    let after = group(&more, &Config::default());
    assert_eq!(stories(&after, docs.len()), want);
}

#[test]
fn pieces_on_the_same_names_leave_the_stories_of_a_corpus_as_they_were() {
    // Adding documents that name the same people and places (the union leader, the port,
    // the club, its striker) in other events of other weeks makes those names common: the
    // strike's and the final's reports must still form the same stories, and none of the
    // new pieces may join them.
    let docs = corpus();
    let members = |g: &Grouping, slug: &str, all: &[Document]| -> Vec<String> {
        let s = g.doc_story[index(all, slug)].expect("in a story");
        let mut v: Vec<String> = g.stories[s]
            .docs
            .iter()
            .map(|&d| all[d].slug.clone())
            .collect();
        v.sort();
        v
    };
    let before = group(&docs, &Config::default());
    let strike = members(&before, "strike-a", &docs);
    let fin = members(&before, "final-a", &docs);
    assert_eq!(strike, ["strike-a", "strike-b", "strike-c"]);
    assert_eq!(fin, ["final-a", "final-b"]);
    let mut more = docs.clone();
    let other_events = [
        (
            "Marta Visser re-elected to lead the dockworkers union",
            "Marta Visser was re-elected to lead the dockworkers union at its congress in \
             Rotterdam, promising members a campaign on pensions and safety at the Port of \
             Rotterdam.",
        ),
        (
            "Port of Rotterdam reports record transshipment",
            "The Port of Rotterdam handled a record volume of containers in the first quarter, \
             its annual report said, with the Maasvlakte terminals busier than ever.",
        ),
        (
            "Feyenoord sign a new goalkeeper",
            "Feyenoord signed a goalkeeper from Utrecht on a three-year contract, coach Ruud \
             Vermeer said at De Kuip, before the summer tour.",
        ),
        (
            "Joris Bakker named player of the month",
            "Joris Bakker of Feyenoord was named player of the month after scoring in four \
             league games in a row at De Kuip and away.",
        ),
        (
            "Antwerp and Hamburg compete for Rotterdam cargo",
            "Antwerp and Hamburg courted shipping lines with lower fees as both ports sought \
             cargo that usually passes through Rotterdam.",
        ),
    ];
    for k in 0..15 {
        let (title, body) = other_events[k % other_events.len()];
        // Weeks before and after the corpus's May days, never within its story window.
        let day = if k % 2 == 0 {
            format!("2024-03-{:02}", 4 + k)
        } else {
            format!("2024-06-{:02}", 4 + k)
        };
        more.push(doc(
            &format!("other-{k}"),
            &format!("{title} ({k})"),
            Some(&day),
            &format!("Local Paper {}", k % 4),
            &format!("{body}\n\nThe piece, number {k} in a series, ran in the weekend edition."),
        ));
    }
    let after = group(&more, &Config::default());
    assert_eq!(members(&after, "strike-a", &more), strike);
    assert_eq!(members(&after, "final-a", &more), fin);
}

#[test]
fn a_common_word_capitalised_by_one_report_is_no_topic() {
    // "Check" is a name candidate in two reports: once after a comma (read as a name), once
    // opening a sentence; four other reports write "check" as the common word it is.
    // "Medicare" is used the same way in two reports, and nowhere in lower case.
    let mut docs = vec![
        doc(
            "leaflet",
            "Council prints a new leaflet",
            Some("2024-03-01"),
            "Town Crier",
            "The advice on the leaflet, Check twice before you sign, was printed in red.\n\n\
             Costs under the plan, Medicare covers most of them, rose in the spring.",
        ),
        doc(
            "list",
            "What to bring to the clinic",
            Some("2024-03-02"),
            "Town Crier",
            "Check the list before the visit.\n\nMedicare pays for the first visit.",
        ),
    ];
    for (i, text) in [
        "The check cleared on Monday and the bank said nothing more.",
        "A safety check of the bridge found rust on two beams.",
        "Inspectors will check every lift in the building this week.",
        "The spot check took an hour and found nothing wrong.",
    ]
    .iter()
    .enumerate()
    {
        docs.push(doc(
            &format!("other-{i}"),
            &format!("Local note {i}"),
            Some("2024-03-03"),
            "Town Crier",
            text,
        ));
    }
    let (features, g) = analyze_and_group(&docs, &Config::default());
    let named = |d: usize, name: &str| {
        features[d]
            .entities
            .iter()
            .find(|e| e.name == name)
            .map(|e| !e.initial_only)
    };
    // The premise: each word is read as a name in one report and only opens a sentence in
    // the other.
    assert_eq!(named(0, "Check"), Some(true));
    assert_eq!(named(1, "Check"), Some(false));
    assert_eq!(named(0, "Medicare"), Some(true));
    assert_eq!(named(1, "Medicare"), Some(false));
    assert!(topic(&g, "Check").is_none(), "a common word is no topic");
    assert!(
        topic(&g, "Medicare").is_some(),
        "a name used only as a name stays"
    );

    // A surname two people share is used in more reports than it stands alone in, inside
    // their full names: a name's part, not a common word.
    let mut docs = vec![
        doc(
            "vote-a",
            "Envoys meet after the vote",
            Some("2024-03-04"),
            "Town Crier",
            "The envoys met on Monday, and Lindqvist spoke first about the count.",
        ),
        doc(
            "vote-b",
            "Turnout questioned",
            Some("2024-03-05"),
            "Town Crier",
            "Lindqvist questioned the turnout figures in a statement.",
        ),
    ];
    for (i, who) in ["Nikolai Lindqvist", "Priya Lindqvist"]
        .iter()
        .cycle()
        .take(4)
        .enumerate()
    {
        docs.push(doc(
            &format!("quote-{i}"),
            &format!("Analysts weigh in {i}"),
            Some("2024-03-06"),
            "Town Crier",
            &format!("The figures were low, said {who}, an analyst at the institute."),
        ));
    }
    let (features, g) = analyze_and_group(&docs, &Config::default());
    assert_eq!(
        features[0]
            .entities
            .iter()
            .find(|e| e.name == "Lindqvist")
            .map(|e| !e.initial_only),
        Some(true)
    );
    assert!(topic(&g, "Lindqvist").is_some());
}

#[test]
fn german_nouns_are_no_topics_but_german_names_are() {
    // German writes every noun with a capital: "Steuer", "Kritik" and "Ausbau der Bahn" are
    // in every report here and name nothing; the people and the city do.
    let german = |name: &str, title: &str, date: &str, body: &str| {
        let mut d = doc(name, title, Some(date), "Tagesblatt", body);
        d.lang = Some("de".into());
        d
    };
    let docs = vec![
        german(
            "steuer-a",
            "Regierung plant neue Steuer auf Flugtickets",
            "2024-03-01",
            "Die Regierung in Berlin will eine neue Steuer auf Flugtickets einführen. \
             Finanzminister Jonas Keller sagte am Montag, das Geld solle in den Ausbau der Bahn \
             fließen.\n\nKritik kam von der Opposition. Die Steuer treffe vor allem Familien, \
             sagte Anna Berg. Auch die Fluggesellschaften warnten vor höheren Preisen.",
        ),
        german(
            "steuer-b",
            "Kritik an der geplanten Steuer wächst",
            "2024-03-02",
            "Nach der Ankündigung wächst die Kritik an der neuen Steuer auf Flugtickets. Anna \
             Berg sagte, die Familien würden am stärksten belastet.\n\nFinanzminister Jonas \
             Keller verteidigte den Plan und den Ausbau der Bahn. Das Geld werde gebraucht, \
             sagte Keller in Berlin.",
        ),
        german(
            "steuer-c",
            "Bahn erwartet mehr Fahrgäste",
            "2024-03-03",
            "Die Bahn rechnet mit mehr Fahrgästen, wenn die Steuer auf Flugtickets kommt. Ein \
             Sprecher sagte, die Preise für Familien sollten stabil bleiben.\n\nDie Kritik am \
             Ausbau der Bahn wies er zurück. In Berlin sollen neue Züge fahren.",
        ),
    ];
    let g = group(&docs, &Config::default());
    let mut names: Vec<&str> = g.topics.iter().map(|t| t.name.as_str()).collect();
    names.sort();
    assert_eq!(names, ["Anna Berg", "Berlin", "Jonas Keller"]);
}

#[test]
fn a_run_of_capitals_with_a_common_word_is_a_thing_not_a_person() {
    // No sign of kind for either name: neither is quoted, has a role or a marker word. "Cold
    // War" holds a word most reports here use as a common word; "Avinoam Rubinstain" does not.
    let mut docs = vec![
        doc(
            "history-a",
            "A museum of the Cold War opens",
            Some("2024-03-01"),
            "Town Crier",
            "The museum, which tells the story of the Cold War in the region, opened on \
             Friday. Avinoam Rubinstain designed its first hall.",
        ),
        doc(
            "history-b",
            "Visitors queue for the new museum",
            Some("2024-03-02"),
            "Town Crier",
            "Visitors queued for hours to see the exhibits on the Cold War. The hall by \
             Avinoam Rubinstain drew the longest line.",
        ),
    ];
    for (i, text) in [
        "A cold wind kept most people indoors on Monday.",
        "The cold snap closed two schools.",
        "Cold weather is expected to last into the week.",
        "Shelters opened early as the cold deepened.",
    ]
    .iter()
    .enumerate()
    {
        docs.push(doc(
            &format!("weather-{i}"),
            &format!("Weather note {i}"),
            Some("2024-03-03"),
            "Town Crier",
            text,
        ));
    }
    let g = group(&docs, &Config::default());
    let kind = |name: &str| g.topics[topic(&g, name).expect(name)].kind;
    assert_eq!(kind("Cold War"), TopicKind::Theme);
    assert_eq!(kind("Avinoam Rubinstain"), TopicKind::Person);
}
