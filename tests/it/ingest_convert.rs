//! Conversion of raw documents written for these tests (no specimen text): wire copy with
//! datelines, a portal page, a liveblog, a press release, an interview, a transcript with
//! speaker lines, Windows-1252 bytes, UTF-16 with CRLF, and Markdown with partial front
//! matter.

use dossier::content::DateSource;
use dossier::ingest::{convert, plain_blocks, ConvertOptions, Converted};

fn conv(text: &str) -> Converted {
    convert(
        text.as_bytes(),
        "content/inbox/doc.txt",
        &ConvertOptions::default(),
    )
    .expect("converts")
}

fn blocks(c: &Converted) -> Vec<String> {
    plain_blocks(&c.body)
}

fn rules_for(c: &Converted, text: &str) -> Vec<String> {
    c.dropped
        .iter()
        .filter(|d| d.text == text)
        .map(|d| d.rule.clone())
        .collect()
}

fn assert_dropped(c: &Converted, text: &str, rule: &str) {
    assert_eq!(rules_for(c, text), [rule], "{text:?} in {:#?}", c.dropped);
    assert!(
        !blocks(c).iter().any(|b| b == text),
        "{text:?} still in body:\n{}",
        c.body
    );
}

fn assert_kept(c: &Converted, text: &str) {
    assert!(
        blocks(c).iter().any(|b| b.contains(text)),
        "{text:?} missing from body:\n{}",
        c.body
    );
}

const AP_STYLE: &str = "Skip to main content
Menu
World
Politics

Talks on port deal stall as ministers leave Geneva

By MARTA KOWALSKI and DEV PATEL
Updated 4:12 PM GMT+1, March 14, 2023
Share
Facebook
Copy link
Email

GENEVA (AP) — Negotiators trying to reopen the grain corridor ended a third day of talks without agreement on Tuesday, officials said.

ADVERTISEMENT

The two delegations are expected to return next week, according to a statement from the host government, which has offered to mediate.

“We are closer than we were, but not close enough,” said one delegate, who asked not to be named because the talks are private.

Associated Press writer Lena Ortiz in Istanbul contributed to this report.

More Stories

Heatwave grips southern Europe as records fall

Flights cancelled after storm hits northern coast

Copyright 2023 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.
";

#[test]
fn ap_style_wire_story() {
    let c = conv(AP_STYLE);
    let f = &c.front;
    assert_eq!(
        f.title.as_deref(),
        Some("Talks on port deal stall as ministers leave Geneva")
    );
    assert_eq!(f.authors, ["Marta Kowalski", "Dev Patel"]);
    assert_eq!(f.date.map(|d| d.to_string()).as_deref(), Some("2023-03-14"));
    assert_eq!(f.date_source, Some(DateSource::Stated));
    assert_eq!(f.source.as_deref(), Some("AP"));
    assert_eq!(f.kind.as_deref(), Some("article"));
    assert!(f
        .summary
        .as_deref()
        .unwrap_or("")
        .starts_with("Negotiators trying to reopen"));
    assert_dropped(&c, "Skip to main content", "skip-links");
    assert_dropped(&c, "Menu", "navigation");
    assert_dropped(&c, "ADVERTISEMENT", "ad-marker");
    assert_dropped(&c, "Copy link", "share-widget");
    assert_dropped(&c, "More Stories", "related-block");
    assert_dropped(
        &c,
        "Heatwave grips southern Europe as records fall",
        "teaser-after-end",
    );
    assert_dropped(&c, "By MARTA KOWALSKI and DEV PATEL", "byline");
    assert_kept(&c, "GENEVA (AP) — Negotiators trying to reopen");
    assert_kept(&c, "contributed to this report.");
    assert!(!c.body.contains("Copyright"), "{}", c.body);
}

const AFP_PORTAL: &str = "Home > World > Africa

Floods displace thousands in river delta

Published on 02/03/2024 at 10:15
Source: AFP

LAGOS, March 2 (AFP) - Heavy rains have forced thousands of families from their homes in the delta region, emergency officials said on Saturday.

Aid agencies said clean water was the most urgent need, as wells in low-lying villages had been contaminated by the flood.

Photo: Ade Bello/AFP

Residents wade through a flooded street in a village near the river, March 2, 2024. Ade Bello/AFP

The regional government has opened schools as temporary shelters and asked residents of riverside districts to move to higher ground.

© AFP

Most Read

Markets rally as central bank holds rates

Investors cheered the decision, which had been widely expected by analysts.
";

#[test]
fn afp_style_portal_page_with_day_first_dates() {
    let mut opts = ConvertOptions::default();
    let config: dossier::Config = dossier::Config::parse(
        std::path::Path::new("site.yaml"),
        "ingest:\n  date_order: dmy\n",
    )
    .unwrap();
    opts = ConvertOptions::from_config(&config).unwrap_or(opts);
    let c = convert(AFP_PORTAL.as_bytes(), "content/inbox/floods.txt", &opts).unwrap();
    let f = &c.front;
    assert_eq!(
        f.title.as_deref(),
        Some("Floods displace thousands in river delta")
    );
    assert_eq!(f.date.map(|d| d.to_string()).as_deref(), Some("2024-03-02"));
    assert_eq!(f.source.as_deref(), Some("AFP"));
    assert_eq!(f.section.as_deref(), Some("Africa"));
    assert!(f.authors.is_empty());
    assert_dropped(&c, "Home > World > Africa", "breadcrumb");
    assert_dropped(&c, "Source: AFP", "source-line");
    assert_dropped(&c, "Photo: Ade Bello/AFP", "image-credit");
    assert_dropped(&c, "Most Read", "related-block");
    assert_dropped(
        &c,
        "Markets rally as central bank holds rates",
        "teaser-after-end",
    );
    // The caption leaves the body for the front matter's `captions`.
    assert!(!c.body.contains("Residents wade through"), "{}", c.body);
    assert!(
        c.front
            .captions
            .iter()
            .any(|t| t.starts_with("Residents wade through")),
        "{:?}",
        c.front.captions
    );
}

const LIVEBLOG: &str = "Live updates: Storm makes landfall on the northern coast

Key events
Show key events only
Please turn on JavaScript to use this feature

14:05 GMT

Officials in the port city say power has been cut to about 40,000 homes as winds reach their peak.

13:40 GMT

The coast guard has suspended all ferry crossings until further notice, the transport ministry said.

12:15 GMT

Forecasters upgraded the storm to the highest warning level on Tuesday, February 6, 2024, urging residents to stay indoors.
";

#[test]
fn liveblog_entries_keep_their_times() {
    let c = conv(LIVEBLOG);
    assert_eq!(c.front.kind.as_deref(), Some("liveblog"));
    assert_eq!(
        c.front.title.as_deref(),
        Some("Live updates: Storm makes landfall on the northern coast")
    );
    assert!(c.body.contains("### 14:05 GMT"), "{}", c.body);
    assert_dropped(&c, "Key events", "navigation");
    assert_dropped(
        &c,
        "Please turn on JavaScript to use this feature",
        "player-notice",
    );
}

const PRESS_RELEASE: &str = "FOR IMMEDIATE RELEASE

Harbor Water Trust announces new desalination plant

SPRINGFIELD, Ill., June 3, 2024 /PRNewswire/ -- Harbor Water Trust today announced plans for a plant that will supply drinking water to 200,000 residents.

\"This is the largest investment in the trust's history,\" said Dana Lee, its chief executive.

About Harbor Water Trust

Harbor Water Trust is a non-profit utility serving the region since 1952.

Media contact: press@harborwater.example

###
";

#[test]
fn press_release() {
    let c = conv(PRESS_RELEASE);
    let f = &c.front;
    assert_eq!(f.kind.as_deref(), Some("statement"));
    assert_eq!(
        f.title.as_deref(),
        Some("Harbor Water Trust announces new desalination plant")
    );
    assert_eq!(f.date.map(|d| d.to_string()).as_deref(), Some("2024-06-03"));
    assert_eq!(f.source.as_deref(), Some("PR Newswire"));
    assert_dropped(&c, "FOR IMMEDIATE RELEASE", "kind-marker");
    assert_dropped(&c, "###", "end-mark");
    assert_kept(&c, "Harbor Water Trust is a non-profit utility");
}

const INTERVIEW: &str = "Interview: The mayor on rebuilding the old harbour

By Ana Ruiz | June 5, 2024

The mayor spoke to us in her office overlooking the quay, a week after the council approved the budget.

Q: Why rebuild now?

A: Because the sea wall will not last another winter, and the engineers told us so in writing.

Q: Who pays for it?

A: The region pays two thirds and the city the rest, over ten years.
";

#[test]
fn interview_in_questions_and_answers() {
    let c = conv(INTERVIEW);
    assert_eq!(c.front.kind.as_deref(), Some("interview"));
    assert_eq!(c.front.authors, ["Ana Ruiz"]);
    assert_eq!(
        c.front.date.map(|d| d.to_string()).as_deref(),
        Some("2024-06-05")
    );
    assert!(c.body.contains("**Q:** Why rebuild now?"), "{}", c.body);
    assert!(c.body.contains("**A:** Because"), "{}", c.body);
}

const TRANSCRIPT: &str = "1. Skip to content
2. Skip to main menu

Ministers meet on river treaty

Sam Okafor
March 1, 2024

[Video transcript]

Delegations from both countries met at the border crossing to discuss the treaty.

(Lina Haddad, water engineer)
\"The river is lower than it has been in forty years.\"

Talks resume next month.

(Lina Haddad, water engineer)
\"We cannot wait another season.\"
";

#[test]
fn video_transcript_with_speaker_lines() {
    let c = conv(TRANSCRIPT);
    let f = &c.front;
    assert_eq!(f.kind.as_deref(), Some("video"));
    assert_eq!(f.authors, ["Sam Okafor"]);
    assert_eq!(f.date.map(|d| d.to_string()).as_deref(), Some("2024-03-01"));
    assert!(
        c.body.contains("> \"The river is lower than it has been in forty years.\"\n>\n> — Lina Haddad, water engineer"),
        "{}",
        c.body
    );
    assert!(
        c.body.contains("> \"We cannot wait another season.\""),
        "{}",
        c.body
    );
    assert_dropped(&c, "Skip to content", "skip-links");
    assert_dropped(&c, "[Video transcript]", "kind-marker");
    assert_dropped(&c, "Sam Okafor", "byline");
}

#[test]
fn windows_1252_page() {
    // “Café owners” protest – in Windows-1252 bytes.
    let mut raw: Vec<u8> = Vec::new();
    raw.extend_from_slice(
        b"\x93Caf\xE9 owners\x94 protest new rent rules \x96 city hall responds\r\n\r\n",
    );
    raw.extend_from_slice(b"By Jo\xEBl Martin\r\n12 April 2024\r\n\r\n");
    raw.extend_from_slice(b"Owners of caf\xE9s in the old town closed their doors for an hour on Friday in protest at the new rules.\r\n");
    let c = convert(&raw, "content/inbox/cafe.txt", &ConvertOptions::default()).unwrap();
    assert_eq!(c.charset, "Windows-1252");
    assert_eq!(
        c.front.title.as_deref(),
        Some("\u{201C}Caf\u{e9} owners\u{201D} protest new rent rules \u{2013} city hall responds")
    );
    assert_eq!(c.front.authors, ["Jo\u{eb}l Martin"]);
    assert_eq!(
        c.front.date.map(|d| d.to_string()).as_deref(),
        Some("2024-04-12")
    );
    assert_kept(&c, "Owners of caf\u{e9}s in the old town");
}

#[test]
fn utf16_with_crlf() {
    let text = "Bridge reopens after repairs\r\n\r\nBy Kim Sato\r\nMay 2, 2024\r\n\r\nThe bridge reopened to traffic on Thursday after eight months of repairs, the city said.\r\n";
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
    let mut be = vec![0xFE, 0xFF];
    be.extend(text.encode_utf16().flat_map(|u| u.to_be_bytes()));
    for (raw, cs) in [(le, "UTF-16LE"), (be, "UTF-16BE")] {
        let c = convert(&raw, "content/inbox/bridge.txt", &ConvertOptions::default()).unwrap();
        assert_eq!(c.charset, cs);
        assert_eq!(
            c.front.title.as_deref(),
            Some("Bridge reopens after repairs")
        );
        assert_eq!(c.front.authors, ["Kim Sato"]);
        assert_eq!(
            c.front.date.map(|d| d.to_string()).as_deref(),
            Some("2024-05-02")
        );
        assert!(!c.body.contains('\r'));
    }
}

#[test]
fn crlf_cr_tabs_and_nbsp() {
    let c = conv("Rail strike\u{a0}ends after\ttwo weeks\r\rBy Lee Park\r\nFeb. 9, 2024\r\n\r\nTrains ran again on Friday after the union accepted the offer, the operator said.\r\n");
    assert_eq!(
        c.front.title.as_deref(),
        Some("Rail strike ends after two weeks")
    );
    assert_eq!(
        c.front.date.map(|d| d.to_string()).as_deref(),
        Some("2024-02-09")
    );
    assert_eq!(
        c.body,
        "Trains ran again on Friday after the union accepted the offer, the operator said.\n"
    );
}

#[test]
fn markdown_with_partial_front_matter_keeps_what_the_user_wrote() {
    let text = "---\ntitle: My own title\ntags: [ports]\n---\n# Port talks stall in Geneva\n\nBy Ana Ruiz\nMarch 3, 2024\n\nThe talks *stalled* again on Monday, [officials said](https://example.org/x).\n";
    let c = convert(
        text.as_bytes(),
        "content/inbox/notes.md",
        &ConvertOptions::default(),
    )
    .unwrap();
    let f = &c.front;
    assert_eq!(f.title.as_deref(), Some("My own title"));
    assert_eq!(f.topics, ["ports"]);
    assert_eq!(f.authors, ["Ana Ruiz"]);
    assert_eq!(f.date.map(|d| d.to_string()).as_deref(), Some("2024-03-03"));
    assert_eq!(
        c.body,
        "The talks *stalled* again on Monday, [officials said](https://example.org/x).\n"
    );
}

#[test]
fn untitled_and_undated_are_reported() {
    let c = convert(
        b"the text has no headline at all and goes on like a sentence with no date anywhere in it, as notes do.\n",
        "content/inbox/field-notes_march.txt",
        &ConvertOptions::default(),
    )
    .unwrap();
    assert_eq!(c.front.title.as_deref(), Some("Field notes march"));
    assert_eq!(
        c.front.extra.get("untitled"),
        Some(&serde_json::Value::Bool(true))
    );
    assert!(c.front.date.is_none() && c.front.date_source.is_none());
    assert!(c
        .warnings
        .iter()
        .any(|w| w.contains("undated") && w.contains("date: YYYY-MM-DD")));
    assert!(c.warnings.iter().any(|w| w.contains("no headline")));
}

#[test]
fn markdown_significant_prose_is_escaped() {
    let c = conv("Numbers and symbols in the news\n\nJan Novak\nJune 1, 2024\n\n1. FC Example won the cup on Saturday after a late goal in extra time.\n\n# of votes cast rose by a third compared with the previous election, officials said.\n\nThe <b> tag and *stars* and a_b are text here, not markup, as the editor said.\n");
    let b = blocks(&c);
    assert!(
        b.contains(
            &"1. FC Example won the cup on Saturday after a late goal in extra time.".to_string()
        ),
        "{}",
        c.body
    );
    assert!(
        b.contains(
            &"# of votes cast rose by a third compared with the previous election, officials said."
                .to_string()
        ),
        "{}",
        c.body
    );
    assert!(
        b.contains(
            &"The <b> tag and *stars* and a_b are text here, not markup, as the editor said."
                .to_string()
        ),
        "{}",
        c.body
    );
}

#[test]
fn config_boilerplate_and_keep_are_honoured() {
    let config = dossier::Config::parse(
        std::path::Path::new("site.yaml"),
        "ingest:\n  boilerplate: ['Sponsored by .*']\n  keep: ['Advertisement']\n",
    )
    .unwrap();
    let opts = ConvertOptions::from_config(&config).unwrap();
    let c = convert(
        b"Harbour plan approved\n\nJune 1, 2024\n\nThe council approved the harbour plan on Monday after a long debate, members said.\n\nSponsored by Acme Ropes\n\nAdvertisement\n",
        "content/inbox/a.txt",
        &opts,
    )
    .unwrap();
    assert_eq!(
        rules_for(&c, "Sponsored by Acme Ropes"),
        ["config-boilerplate"]
    );
    assert!(
        blocks(&c).contains(&"Advertisement".to_string()),
        "{}",
        c.body
    );
    let bad = dossier::Config::parse(
        std::path::Path::new("site.yaml"),
        "ingest:\n  keep: ['(']\n",
    )
    .unwrap();
    assert!(ConvertOptions::from_config(&bad).is_err());
}

#[test]
fn guardian_style_title_suffix_and_url_date() {
    let c = conv("Heatwave closes schools across the south | The Guardian\n\nhttps://www.theguardian.com/world/2024/jul/12/heatwave-schools\n\nSchools in the south closed early on Friday as temperatures passed 40C for a third day, officials said.\n");
    assert_eq!(
        c.front.title.as_deref(),
        Some("Heatwave closes schools across the south")
    );
    assert_eq!(c.front.source.as_deref(), Some("The Guardian"));
    assert_eq!(
        c.front.url.as_deref(),
        Some("https://www.theguardian.com/world/2024/jul/12/heatwave-schools")
    );
}

#[test]
fn bbc_style_captions_and_credits() {
    let c = conv("Villagers return after the floods recede\n\n2 hours ago\n\nImage source, Getty Images\n\nImage caption, Families carried what they could save back to their homes\n\nThousands of villagers began returning to their homes on Sunday as the flood waters receded, local officials said.\n\nRelated Topics\n\nFloods\n");
    assert_dropped(&c, "2 hours ago", "relative-time");
    assert_dropped(&c, "Image source, Getty Images", "image-credit");
    assert!(!c.body.contains("Families carried"), "{}", c.body);
    assert!(
        c.front
            .captions
            .iter()
            .any(|t| t.starts_with("Image caption, Families carried")),
        "{:?}",
        c.front.captions
    );
    assert_dropped(&c, "Related Topics", "related-block");
    assert!(!blocks(&c).contains(&"Floods".to_string()));
}

#[test]
fn newspaper_headers_of_several_shapes() {
    // Age notice, standfirst, "Name in Place" over a date with a 24-hour time.
    let c = conv("Harbour cranes fall silent as dockers strike\n\nThis article is more than 1 year old\n\nUnions say the stoppage will last until the port authority reopens pay talks\n\nAna Ruiz in Lisbon\nTue 6 Feb 2024 14.03 GMT\n\nShare\n\nThe cranes at the city's container port stood still on Tuesday as dockers began an open-ended strike, union leaders said.\n");
    assert_eq!(c.front.authors, ["Ana Ruiz"]);
    assert_eq!(
        c.front.date.map(|d| d.to_string()).as_deref(),
        Some("2024-02-06")
    );
    assert_dropped(&c, "This article is more than 1 year old", "age-notice");
    assert_eq!(
        c.front.summary.as_deref(),
        Some("Unions say the stoppage will last until the port authority reopens pay talks")
    );

    // Listen bar, share button, "Reporting from" under the byline.
    let c = conv("Ministers agree on river treaty after decade of talks\n\nListen to this article · 5:42 min Learn more\n\nShare full article\n\nBy Kim Sato\n\nReporting from Geneva\n\nFeb. 6, 2024\n\nThe two governments signed the treaty on Tuesday after more than ten years of negotiations over the shared river, officials said.\n");
    assert_eq!(c.front.authors, ["Kim Sato"]);
    assert_dropped(
        &c,
        "Listen to this article · 5:42 min Learn more",
        "player-notice",
    );
    assert_dropped(&c, "Share full article", "share-widget");
    assert_dropped(&c, "Reporting from Geneva", "byline");
    assert_eq!(
        c.front.date.map(|d| d.to_string()).as_deref(),
        Some("2024-02-06")
    );

    // Date and time glued together, outlet line under the name.
    let c = conv("Central bank holds rates steady for third month\n\nLee Park\nBloomberg\nFebruary 6, 20248:47 AM GMT+1Updated a year ago\n\nThe central bank left its main rate unchanged on Tuesday, as most economists had expected, citing sticky inflation.\n");
    assert_eq!(c.front.authors, ["Lee Park"]);
    assert_eq!(c.front.source.as_deref(), Some("Bloomberg"));
    assert_eq!(
        c.front.date.map(|d| d.to_string()).as_deref(),
        Some("2024-02-06")
    );
    assert_eq!(c.body.lines().count(), 1, "{}", c.body);

    // Navigation panel toggles, relative dates, reading-list prompts, source with agencies.
    let c = conv("Show navigation panel\n\nPort strike spreads to second city\n\nPublished On 6 Feb 2024\n\nSave articles to read later and create your own reading list.\n\nDockers in the second-largest port joined the strike on Tuesday, bringing most of the country's freight traffic to a halt, unions said.\n\nSource: Al Jazeera and news agencies\n");
    assert_dropped(&c, "Show navigation panel", "navigation");
    assert_dropped(
        &c,
        "Save articles to read later and create your own reading list.",
        "share-widget",
    );
    assert_eq!(c.front.source.as_deref(), Some("Al Jazeera"));
    assert_eq!(
        c.front.date.map(|d| d.to_string()).as_deref(),
        Some("2024-02-06")
    );
}

#[test]
fn markdown_lists_stay_tight() {
    let c = convert(
        b"# Notes on the harbour plan\n\nMarch 3, 2024\n\nThe plan has three parts, the council said on Monday in a statement.\n\n- new berths\n- a fish market\n- a sea wall\n",
        "content/inbox/notes.md",
        &ConvertOptions::default(),
    )
    .unwrap();
    assert!(
        c.body
            .ends_with("- new berths\n- a fish market\n- a sea wall\n"),
        "{}",
        c.body
    );
}

const WIRE_PAGE: &str = r#"Skip to main content
Exclusive news, data and analytics for financial market professionals
Learn more about
Refinitiv
Reuters home
World
Business
Markets
Sustainability
Legal
More
My View
Sign In
Register

Middle East
Ports on both sides of the strait reopen after week-long closure
By Omar Khalil and Sara Lindqvist
February 7, 20243:05 PM GMT+1Updated a year ago

Item 1 of 2 A cargo ship waits outside the harbour in the strait, February 6, 2024. REUTERS/Omar Khalil/File Photo
[1/2]A cargo ship waits outside the harbour in the strait, February 6, 2024. REUTERS/Omar Khalil/File Photo Purchase Licensing Rights, opens new tab

DUBAI, Feb 7 (Reuters) - Ports on both sides of the strait reopened on Wednesday after a week-long closure caused by a storm, shipping agents said, easing a backlog of more than 200 vessels.

The closure had pushed up freight rates across the region, according to two brokers who asked not to be named.

"It will take at least ten days to clear the queue," said one agent.

Reporting by Omar Khalil in Dubai and Sara Lindqvist in Stockholm; Editing by Paul Grant

Our Standards: The Thomson Reuters Trust Principles., opens new tab

Suggested Topics:
Shipping

Reuters, the news and media division of Thomson Reuters, is the world’s largest multimedia news provider.
"#;

#[test]
fn wire_page_with_gallery_captions_and_glued_dates() {
    let c = conv(WIRE_PAGE);
    let f = &c.front;
    assert_eq!(
        f.title.as_deref(),
        Some("Ports on both sides of the strait reopen after week-long closure")
    );
    assert_eq!(f.authors, ["Omar Khalil", "Sara Lindqvist"]);
    assert_eq!(f.source.as_deref(), Some("Reuters"));
    assert_eq!(f.section.as_deref(), Some("Middle East"));
    assert_eq!(f.date.map(|d| d.to_string()).as_deref(), Some("2024-02-07"));
    assert!(f
        .summary
        .as_deref()
        .unwrap_or("")
        .starts_with("Ports on both sides of the strait reopened"));
    // One caption, once, without the carousel counter or the link suffix.
    assert_eq!(
        c.front
            .captions
            .iter()
            .filter(|t| t.starts_with("A cargo ship waits"))
            .count(),
        1,
        "{:?}",
        c.front.captions
    );
    assert!(!c.body.contains("A cargo ship waits"), "{}", c.body);
    assert!(
        c.front
            .captions
            .iter()
            .all(|t| !t.contains("opens new tab") && !t.contains("Item 1 of 2")),
        "{:?}",
        c.front.captions
    );
    assert!(
        !c.body.contains("opens new tab") && !c.body.contains("Item 1 of 2"),
        "{}",
        c.body
    );
    assert!(!c.body.contains("Editing by"), "{}", c.body);
    assert!(!c.body.contains("Trust Principles"), "{}", c.body);
    // The lead, the paragraph and the quote: the caption is in `captions`.
    assert_eq!(blocks(&c).len(), 3, "{}", c.body);
}

const BROADCASTER_PAGE: &str = r#"Skip to content
British Broadcasting Corporation
Home
News
Sport
Close menu
BBC News
Menu
World
Africa
Middle East
Storm closes ports across the region
7 February 2024
Share
Save
Amira Nasser
BBC News, Cairo
Getty Images
Ships queued outside the harbour for a week
Ports across the region were closed for a week as a storm swept the coast, disrupting trade worth millions of dollars a day.
Officials said the closure was the longest in a decade.
"We have never seen a queue like this," a port worker told the BBC.
More on this story
Freight rates rise as ports stay shut
Related topics
Shipping
Top stories
Something else happened today
Copyright 2024 BBC. All rights reserved. The BBC is not responsible for the content of external sites. Read about our approach to external linking.
"#;

#[test]
fn broadcaster_page_copied_one_paragraph_per_line() {
    let c = conv(BROADCASTER_PAGE);
    let f = &c.front;
    assert_eq!(
        f.title.as_deref(),
        Some("Storm closes ports across the region")
    );
    assert_eq!(f.authors, ["Amira Nasser"]);
    assert_eq!(f.source.as_deref(), Some("BBC"));
    assert_eq!(f.date.map(|d| d.to_string()).as_deref(), Some("2024-02-07"));
    assert_dropped(&c, "Save", "share-widget");
    assert_dropped(&c, "BBC News, Cairo", "byline");
    assert_dropped(
        &c,
        "Freight rates rise as ports stay shut",
        "teaser-after-end",
    );
    // Lines without blank lines between them stay separate paragraphs.
    assert_kept(
        &c,
        "Officials said the closure was the longest in a decade.",
    );
    assert!(
        blocks(&c).contains(&"Officials said the closure was the longest in a decade.".to_string())
    );
}

/// A wire page whose header date carries a time, a zone and an update clause.
fn wire_page(date_line: &str, caption: &str) -> String {
    format!(
        "Skip to main content\n\nEurope\n\nMinisters agree to extend the fishing accord by a year\n\nBy Clara Weiss\n\n{date_line}\n\nLISBON, Mar 9 (Reuters) - Fisheries ministers agreed on Sunday to extend a regional fishing accord for another year, officials said after talks ran late into the night.\n\nThe extension keeps current quotas in place while scientists finish a new survey of stocks, one delegate said.\n\n{caption}\n\nThe accord, first signed a decade ago, covers boats from five countries.\n"
    )
}

#[test]
fn date_lines_with_time_zone_and_update_clause() {
    for line in [
        "March 9, 2025 7:15 PM GMT+2 Updated 5 hours ago",
        "March 9, 2025 14:05 CET",
        "March 9, 2025, 10:30 a.m. ET",
        "March 9, 2025 18:00 UTC Last updated 2 days ago",
        "Published March 9, 2025, 7:15 PM",
        "Mar 9, 2025 · 7:15 PM",
    ] {
        let c = conv(&wire_page(line, ""));
        let f = &c.front;
        assert_eq!(
            f.date.map(|d| d.to_string()).as_deref(),
            Some("2025-03-09"),
            "{line}"
        );
        assert_eq!(f.date_source, Some(DateSource::Stated), "{line}");
        assert_eq!(f.date_evidence.as_deref(), Some(line), "{line}");
        assert_dropped(&c, line, "date-line");
        assert_ne!(f.summary.as_deref(), Some(line), "{line}");
    }
}

#[test]
fn wire_dateline_alone_does_not_invent_a_year() {
    let c = conv(&wire_page("", ""));
    assert_eq!(c.front.date, None, "{:?}", c.front);
    // A caption dated far from the dateline does not lend its year either.
    let c = conv(&wire_page(
        "",
        "Boats moored in the harbour, October 2, 2019. Photo: Ana Reis",
    ));
    assert_ne!(
        c.front.date.map(|d| d.to_string()).as_deref(),
        Some("2019-03-09")
    );
    assert_ne!(c.front.date_source, Some(DateSource::Inferred));
    // One that agrees does.
    let c = conv(&wire_page(
        "",
        "Ministers arrive for the talks in Lisbon, Portugal, March 8, 2025. Photo: Ana Reis",
    ));
    assert_eq!(
        c.front.date.map(|d| d.to_string()).as_deref(),
        Some("2025-03-09")
    );
}

#[test]
fn captions_that_end_with_a_photo_credit() {
    for caption in [
        "Ministers arrive for the talks in Lisbon, Portugal, March 9, 2025. Pool photo / Agency credit",
        "Ministers arrive for the talks in Lisbon on Sunday. REUTERS/Ana Reis",
        "Ministers arrive for the talks in Lisbon on Sunday. Photo: Ana Reis",
        "Ministers arrive for the talks in Lisbon on Sunday. (AP Photo/Ana Reis)",
        "Ministers arrive for the talks in Lisbon on Sunday. Getty Images",
        "Ministers arrive for the talks in Lisbon on Sunday. Ana Reis/AFP via Getty Images",
        "Ministers arrive for the talks in Lisbon on Sunday. Image: Ministry of Fisheries handout",
        "Ministers arrive for the talks in Lisbon on Sunday. Photo by Ana Reis for The Coast Herald",
    ] {
        let c = conv(&wire_page("March 9, 2025", caption));
        assert_eq!(c.front.captions, [caption], "not a caption:\n{}", c.body);
        assert!(!c.body.contains(caption), "{}", c.body);
    }
    // Prose that merely mentions a photo stays a paragraph.
    let prose = "Officials released the figures on Sunday. The photo of the signing went viral.";
    let c = conv(&wire_page("March 9, 2025", prose));
    assert!(blocks(&c).iter().any(|b| b == prose), "{}", c.body);
}

/// The bundled sample's inbox documents: no page messages in the bodies, and the DW page's
/// source from its footer, mapped through site.yaml.
#[test]
fn the_sample_inbox_converts_without_page_messages() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = dossier::Config::load(&root.join("site.yaml")).expect("site.yaml");
    let opts = ConvertOptions::from_config(&config).expect("options");
    let mut seen = 0;
    for entry in std::fs::read_dir(root.join("content/inbox")).expect("sample inbox") {
        let path = entry.expect("entry").path();
        let raw = std::fs::read(&path).expect("readable");
        let name = format!(
            "content/inbox/{}",
            path.file_name().unwrap().to_string_lossy()
        );
        let c = convert(&raw, &name, &opts).expect("converts");
        for message in [
            "How we report",
            "We value your privacy",
            "Your browser cannot play this video",
        ] {
            assert!(
                !c.body.contains(message),
                "{name}: {message:?} in\n{}",
                c.body
            );
        }
        if name.contains("dw-") {
            assert_eq!(c.front.source.as_deref(), Some("DW"), "{name}");
        }
        seen += 1;
    }
    assert!(seen >= 2);
}

/// Pages in German, French and Spanish, written for this test: headline, byline, date in the
/// language's own form, language kept in the front matter, furniture around them.
#[test]
fn pages_in_german_french_and_spanish() {
    let pages = [
        (
            "de",
            "Startseite\n\nPolitik\n\nWirtschaft\n\nSport\n\nHafen der Stadt öffnet nach dem Sturm wieder\n\nVon Anna Berg\n\n06.02.2024, 14:30 Uhr\n\nDer Hafen der kleinen Stadt wurde am Dienstag wieder geöffnet, nachdem ein Sturm ihn drei Tage lang geschlossen hatte, teilte die Hafenbehörde mit.\n\nDie Boote, die vor der Mole gewartet hatten, kamen am Morgen einzeln herein, und die erste Fähre fuhr am Mittag mit vollem Deck ab.\n\nDie Behörde will nun prüfen, ob die Mole nach dem Sturm noch sicher ist, und hat dafür eine Untersuchung in Auftrag gegeben.\n\nMehr zum Thema\n\nNeue Brücke für die Altstadt\n\nSchule gewinnt Preis\n\n© 2024 Hafenblatt\n",
            "Hafen der Stadt öffnet nach dem Sturm wieder",
            "Anna Berg",
            "2024-02-06",
        ),
        (
            "fr",
            "Accueil\n\nInternational\n\nÉconomie\n\nLe port de la ville rouvre après la tempête\n\nPar Jeanne Roux\n\nPublié le 6 février 2024 à 14h30\n\nLe port de la petite ville a rouvert mardi après une tempête qui l'avait fermé pendant trois jours, a indiqué la capitainerie dans un communiqué.\n\nLes bateaux qui attendaient devant la digue sont entrés un par un dans la matinée, et le premier ferry est parti à midi avec un pont plein.\n\nLa capitainerie doit maintenant vérifier si la digue est encore sûre après la tempête, et elle a demandé une expertise.\n\nSur le même sujet\n\nUn nouveau pont pour la vieille ville\n\nL'école remporte un prix\n\n© 2024 Le Courrier du Port\n",
            "Le port de la ville rouvre après la tempête",
            "Jeanne Roux",
            "2024-02-06",
        ),
        (
            "es",
            "Inicio\n\nInternacional\n\nEconomía\n\nEl puerto de la ciudad reabre tras la tormenta\n\nPor Ana Ruiz\n\n6 de febrero de 2024\n\nEl puerto de la pequeña ciudad volvió a abrir el martes después de que una tormenta lo cerrara durante tres días, según informó la autoridad portuaria.\n\nLos barcos que esperaban fuera del rompeolas entraron uno a uno por la mañana, y el primer ferry salió al mediodía con la cubierta llena.\n\nLa autoridad portuaria debe comprobar ahora si el rompeolas sigue siendo seguro después de la tormenta, y ha encargado un estudio.\n\nMás noticias\n\nUn nuevo puente para el casco antiguo\n\nLa escuela gana un premio\n\n© 2024 El Diario del Puerto\n",
            "El puerto de la ciudad reabre tras la tormenta",
            "Ana Ruiz",
            "2024-02-06",
        ),
    ];
    for (lang, text, title, author, date) in pages {
        let c = conv(text);
        let f = &c.front;
        assert_eq!(f.title.as_deref(), Some(title), "{lang}");
        assert_eq!(f.authors, [author], "{lang}");
        assert_eq!(
            f.date.map(|d| d.to_string()).as_deref(),
            Some(date),
            "{lang}"
        );
        assert_eq!(f.lang.as_deref(), Some(lang), "{lang}");
        assert!(f.source.is_some(), "{lang}: no source");
        assert!(
            !c.body.contains("Startseite")
                && !c.body.contains("Accueil")
                && !c.body.contains("Inicio"),
            "{lang}: {}",
            c.body
        );
        assert!(!c.body.contains("©"), "{lang}: {}", c.body);
        assert_eq!(
            c.body.matches("\n\n").count() + 1,
            3,
            "{lang}: three paragraphs\n{}",
            c.body
        );
    }
}

/// A masthead that names a known outlet is never the headline, and a byline read between
/// the headline and the lead leaves the body (English and German pages written for this test).
#[test]
fn masthead_is_no_headline_and_the_byline_leaves_the_body() {
    let en = "The Guardian\n\nWorld\n\nHarbour reopens after three days of storms\n\nBy\n\nJane Roe\n\nThe harbour reopened on Tuesday after three days of storms, the port authority said in a statement on its website.\n\nShips queued outside the breakwater through the night, and the first ferry docked shortly after dawn, officials said.\n\nThe authority said repairs to the northern quay would take another month and cost about two million euros.\n";
    let c = conv(en);
    assert_eq!(
        c.front.title.as_deref(),
        Some("Harbour reopens after three days of storms")
    );
    assert_eq!(c.front.authors, ["Jane Roe"]);
    assert!(c.body.starts_with("The harbour reopened"), "{}", c.body);
    assert!(!c.body.contains("Jane Roe"), "{}", c.body);

    let de = "Der Spiegel\n\nPolitik\n\nHafen öffnet nach drei Tagen Sturm wieder\n\nVon\n\nAnna Schmidt\n\nDer Hafen wurde am Dienstag nach drei Tagen Sturm wieder geöffnet, teilte die Hafenbehörde auf ihrer Internetseite mit.\n\nDie Schiffe warteten die ganze Nacht vor der Mole, und die erste Fähre legte kurz nach Sonnenaufgang an, sagten die Behörden.\n\nDie Reparatur des nördlichen Kais werde noch einen Monat dauern und etwa zwei Millionen Euro kosten, hieß es.\n";
    let c = conv(de);
    assert_eq!(
        c.front.title.as_deref(),
        Some("Hafen öffnet nach drei Tagen Sturm wieder")
    );
    assert_eq!(c.front.authors, ["Anna Schmidt"]);
    assert!(c.body.starts_with("Der Hafen wurde"), "{}", c.body);
    assert_eq!(c.front.lang.as_deref(), Some("de"));
}

/// The byline said again in the body and the author's box leave the body; "Click to ..."
/// share buttons are furniture (English and French pages written for this test).
#[test]
fn author_box_and_click_to_share_buttons_leave_the_body() {
    let en = "Harbour reopens after three days of storms\n\nBy Jane Roe\n\nThe harbour reopened on Tuesday after three days of storms, the port authority said in a statement on its website.\n\nPosted by Jane Roe on March 4, 2024\n\nShips queued outside the breakwater through the night, and the first ferry docked shortly after dawn, officials said.\n\n• Click to share on Reddit (Opens in new window)\n• Click to print (Opens in new window)\n• Click to email this to a friend (Opens in new window)\n\nAbout Jane Roe\n\nJane Roe is a staff writer who covers the coast and its ports.\n";
    let c = conv(en);
    assert_eq!(c.front.authors, ["Jane Roe"]);
    for gone in ["Posted by", "Click to", "About Jane Roe", "staff writer"] {
        assert!(!c.body.contains(gone), "{gone:?} in {}", c.body);
    }
    assert!(c.body.contains("first ferry docked"), "{}", c.body);

    let fr = "Le port rouvre après trois jours de tempête\n\nPar Claire Dubois\n\nLe port a rouvert mardi après trois jours de tempête, a indiqué l'autorité portuaire dans un communiqué publié sur son site.\n\nLes navires ont attendu toute la nuit devant la digue, et le premier ferry a accosté peu après l'aube, selon les autorités.\n\nÀ propos de Claire Dubois\n\nClaire Dubois est journaliste au service économie depuis 2015.\n";
    let c = conv(fr);
    assert_eq!(c.front.authors, ["Claire Dubois"]);
    assert!(!c.body.contains("journaliste au service"), "{}", c.body);
    assert!(c.body.contains("premier ferry"), "{}", c.body);
}

/// An outlet the table does not know is named by the host the page prints for it: the
/// footer's name matched to its staff address or its domain, cut to the domain that spells
/// the name; with no name at all, the host the page prints most (pages in four languages,
/// written for this test).
#[test]
fn an_unknown_outlet_is_named_by_its_printed_host() {
    let pages = [
        (
            "Harbour reopens after three days of storms\n\nBy Jane Roe\n\nThe harbour reopened on Tuesday after three days of storms, the port authority said in a statement on its website.\n\nShips queued outside the breakwater through the night, and the first ferry docked shortly after dawn, officials said.\n\nTips: newsdesk@harbourgazette.co.uk\n\n© 2024 Harbour Gazette Ltd. All rights reserved.\n",
            "harbourgazette.co.uk",
        ),
        (
            "Hafen öffnet nach drei Tagen Sturm wieder\n\nVon Anna Schmidt\n\nDer Hafen wurde am Dienstag nach drei Tagen Sturm wieder geöffnet, teilte die Hafenbehörde auf ihrer Internetseite mit.\n\nDie Schiffe warteten die ganze Nacht vor der Mole, und die erste Fähre legte kurz nach Sonnenaufgang an, sagten die Behörden.\n\nAbo-Angebote: abo.rheinblatt.de\n\n© 2024 Rheinblatt. Alle Rechte vorbehalten.\n",
            "rheinblatt.de",
        ),
        (
            "Le port rouvre après trois jours de tempête\n\nPar Claire Dubois\n\nLe port a rouvert mardi après trois jours de tempête, a indiqué l'autorité portuaire dans un communiqué publié sur son site.\n\nLes navires ont attendu toute la nuit devant la digue, et le premier ferry a accosté peu après l'aube, selon les autorités.\n\nÉcrivez-nous : redaction@courrierduport.fr\n",
            "courrierduport.fr",
        ),
        (
            "El puerto reabre tras tres días de tormenta\n\nPor Lucía Gómez\n\nEl puerto volvió a abrir el martes después de tres días de tormenta, según informó la autoridad portuaria en un comunicado publicado en su web.\n\nLos barcos esperaron toda la noche frente al rompeolas y el primer ferry atracó poco después del amanecer, dijeron las autoridades.\n\n© 2024 El Diario del Puerto Todos los derechos reservados. www.diariodelpuerto.es\n",
            "diariodelpuerto.es",
        ),
    ];
    for (text, host) in pages {
        let c = conv(text);
        assert_eq!(c.front.source.as_deref(), Some(host), "{text}");
    }
    // A known outlet keeps its table name, whatever hosts the page prints.
    let known = "Harbour reopens after three days of storms\n\nBy Jane Roe\n\nThe harbour reopened on Tuesday after three days of storms, the port authority said in a statement on its website.\n\nShips queued outside the breakwater through the night, and the first ferry docked shortly after dawn, officials said.\n\nContact: desk@dw.com\n\n© 2024 Deutsche Welle\n";
    assert_eq!(conv(known).front.source.as_deref(), Some("DW"));
}

/// The date of the day printed in a masthead above the headline is not the publication date:
/// every date on the page is weighed, and the stamp under the headline with its clock time
/// wins (pages in four languages, written for this test).
#[test]
fn todays_date_in_the_masthead_loses_to_the_article_stamp() {
    let pages = [
        ("Thursday, November 2, 2023", "Harbour reopens after three days of storms", "By Jane Roe", "Published on October 29, 2023, at 4:28 am", "The harbour reopened on Tuesday after three days of storms, the port authority said in a statement on its website.", "Ships queued outside the breakwater through the night, and the first ferry docked shortly after dawn, officials said."),
        ("Donnerstag, 2. November 2023", "Hafen öffnet nach drei Tagen Sturm wieder", "Von Anna Schmidt", "Veröffentlicht am 29. Oktober 2023, 04:28 Uhr", "Der Hafen wurde am Dienstag nach drei Tagen Sturm wieder geöffnet, teilte die Hafenbehörde auf ihrer Internetseite mit.", "Die Schiffe warteten die ganze Nacht vor der Mole, und die erste Fähre legte kurz nach Sonnenaufgang an, sagten die Behörden."),
        ("Jeudi 2 novembre 2023", "Le port rouvre après trois jours de tempête", "Par Claire Dubois", "Publié le 29 octobre 2023 à 04h28", "Le port a rouvert mardi après trois jours de tempête, a indiqué l'autorité portuaire dans un communiqué publié sur son site.", "Les navires ont attendu toute la nuit devant la digue, et le premier ferry a accosté peu après l'aube, selon les autorités."),
        ("Jueves, 2 de noviembre de 2023", "El puerto reabre tras tres días de tormenta", "Por Lucía Gómez", "Publicado el 29 de octubre de 2023, 04:28", "El puerto volvió a abrir el martes después de tres días de tormenta, según informó la autoridad portuaria en un comunicado.", "Los barcos esperaron toda la noche frente al rompeolas y el primer ferry atracó poco después del amanecer, dijeron las autoridades."),
    ];
    for (today, headline, byline, stamp, lead, second) in pages {
        let text = format!("{today}\n\nHome\n\nWorld\n\nSport\n\nWeather\n\nBusiness\n\nCulture\n\nTravel\n\nVideo\n\n{headline}\n\n{byline}\n\n{stamp}\n\n{lead}\n\n{second}\n");
        let c = conv(&text);
        assert_eq!(
            c.front.date.map(|d| d.to_string()).as_deref(),
            Some("2023-10-29"),
            "{text}"
        );
        assert_eq!(c.front.title.as_deref(), Some(headline));
        assert!(!c.body.contains(stamp), "{}", c.body);
    }
}

/// A list of other stories' headlines right above the article: the last of them is no
/// headline with the article's headline as its standfirst (a standfirst runs longer than its
/// headline). English and Spanish pages written for this test.
#[test]
fn the_last_teaser_above_the_article_is_not_its_headline() {
    let pages = [
        ("Most read", "Council votes to close the old swimming pool of the harbour district after a long debate (142)", "Harbour bakery wins a national prize for its rye bread and its harbour cinnamon rolls (97)", "Harbour reopens after the storm", "Posted by Jane Roe on March 4, 2024, 6:21 AM", "The harbour reopened on Tuesday after three days of storms, the port authority said in a statement on its website.", "Ships queued outside the breakwater through the night, and the first ferry docked shortly after dawn, officials said."),
        ("Lo más leído", "El ayuntamiento vota cerrar la vieja piscina del barrio del puerto tras un largo debate (142)", "Una panadería del puerto gana un premio nacional por su pan de centeno y sus bollos (97)", "El puerto reabre tras la tormenta", "Publicado por Lucía Gómez el 4 de marzo de 2024, 06:21", "El puerto volvió a abrir el martes después de tres días de tormenta, según informó la autoridad portuaria en un comunicado.", "Los barcos esperaron toda la noche frente al rompeolas y el primer ferry atracó poco después del amanecer, dijeron las autoridades."),
    ];
    for (label, first, last, headline, byline, lead, second) in pages {
        let text = format!(
            "{label}\n\n{first}\n\n{last}\n\n{headline}\n\n{byline}\n\n{lead}\n\n{second}\n"
        );
        let c = conv(&text);
        assert_eq!(c.front.title.as_deref(), Some(headline), "{text}");
    }
}

/// A "Related" box or a photo's "© Name" credit set into the article after its first
/// paragraphs does not end it when more of the article, in full-length paragraphs, follows
/// (a page written for this test).
#[test]
fn an_inline_related_box_does_not_end_the_article() {
    let p1 = "The harbour of the small town reopened on Tuesday after a storm had closed it for three days, the port authority said in a statement on its website.";
    let p0 = "Officials said the closure, the longest in a decade, had held up more than two hundred vessels in the strait.";
    let p2 = "Ships that had waited outside the breakwater through the night came in one by one during the morning, and the first ferry docked shortly after dawn with a full deck of cars, lorries and foot passengers who had been stranded on the island since the weekend.";
    let p3 = "The authority said repairs to the northern quay, where the storm surge tore away a stretch of the old stone wall and flooded two warehouses, would take at least another month and cost about two million euros, most of it paid by the regional government.";
    let p4 = "Fishermen, who lost three days of work, asked the town council on Wednesday for help with the cost of the damage to their nets and moorings, and the mayor promised an answer before the end of the month after a meeting with the regional minister.";
    let text = format!("Harbour reopens after three days of storms\n\nBy Jane Roe\n\n{p1}\n\n{p0}\n\nRelated\n\nCouncil votes on budget\n\n{p2}\n\n{p3}\n\n{p4}\n\nMore stories\n\nSchool wins prize\n");
    let c = conv(&text);
    assert!(c.body.contains("Fishermen, who lost"), "{}", c.body);
    assert!(!c.body.contains("School wins prize"), "{}", c.body);
    // Nor does a photo's "© Name" credit set into it.
    let text = text.replace(
        "Related\n\nCouncil votes on budget",
        "© Ana Reis Boats moored in the harbour after the storm",
    );
    let c = conv(&text);
    assert!(c.body.contains("Fishermen, who lost"), "{}", c.body);
}

#[test]
fn menu_entries_above_the_headline_are_no_byline_and_a_job_after_the_name_is_cut() {
    let pages = [
        (
            "• Partner Voice | Paid Program\n• Bank Voice | Paid Program\n• Markets\n\nHarbour reopens after the storm\n\nJane Roe Senior Contributor\n\nThe harbour of the small town reopened on Tuesday after a storm had closed it for three days, the port authority said in a statement.\n\nBoats that had waited outside the breakwater came in one by one during the morning, and the first ferry left at noon with a full deck.\n",
            "Jane Roe",
        ),
        (
            "• Partner Stimme | Anzeige\n• Bank Stimme | Anzeige\n• Märkte\n\nHafen öffnet nach dem Sturm wieder\n\nAnna Berger Redakteurin\n\nDer Hafen der kleinen Stadt wurde am Dienstag wieder geöffnet, nachdem ein Sturm ihn drei Tage lang geschlossen hatte, teilte die Hafenbehörde mit.\n\nDie Boote, die vor der Mole gewartet hatten, kamen am Morgen einzeln herein, und die erste Fähre fuhr am Mittag mit vollem Deck ab.\n",
            "Anna Berger",
        ),
        (
            "• Voix Partenaire | Publicité\n• Voix Banque | Publicité\n• Marchés\n\nLe port rouvre après la tempête\n\nClaire Dubois Rédactrice\n\nLe port de la petite ville a rouvert mardi après une tempête qui l'avait fermé pendant trois jours, a indiqué la capitainerie dans un communiqué.\n\nLes bateaux qui attendaient devant la digue sont entrés un par un dans la matinée, et le premier ferry est parti à midi avec un pont plein.\n",
            "Claire Dubois",
        ),
        (
            "• Voz Socio | Publicidad\n• Voz Banco | Publicidad\n• Mercados\n\nEl puerto reabre tras la tormenta\n\nAna Ruiz Periodista\n\nEl puerto de la pequeña ciudad volvió a abrir el martes después de que una tormenta lo cerrara durante tres días, según informó la autoridad portuaria.\n\nLos barcos que esperaban fuera del rompeolas entraron uno a uno por la mañana, y el primer ferry salió al mediodía con la cubierta llena.\n",
            "Ana Ruiz",
        ),
    ];
    for (text, author) in pages {
        let c = conv(text);
        assert_eq!(c.front.authors, [author], "{text}");
    }
}

#[test]
fn a_domain_after_the_byline_name_and_a_recommendation_box_end() {
    // (headline, byline, two article paragraphs, the box's header, two teaser summaries that
    // read like prose, the author)
    let pages = [
        (
            "Harbour reopens after the storm",
            "By Jane Roe\nharbourgazette.com",
            "The harbour of the small town reopened on Tuesday after a storm had closed it for three days, the port authority said in a statement.\n\nBoats that had waited outside the breakwater came in one by one during the morning, and the first ferry left at noon with a full deck.",
            "We Recommend",
            "The gulls of the northern cliffs have returned earlier than in any year since the records began, and the wardens say that the mild winter is the reason for it.",
            "Jane Roe",
        ),
        (
            "Hafen öffnet nach dem Sturm wieder",
            "Von Anna Berger\nhafenblatt.de",
            "Der Hafen der kleinen Stadt wurde am Dienstag wieder geöffnet, nachdem ein Sturm ihn drei Tage lang geschlossen hatte, teilte die Hafenbehörde mit.\n\nDie Boote, die vor der Mole gewartet hatten, kamen am Morgen einzeln herein, und die erste Fähre fuhr am Mittag mit vollem Deck ab.",
            "Wir empfehlen",
            "Die Möwen der nördlichen Klippen sind früher als in jedem Jahr seit Beginn der Aufzeichnungen zurückgekehrt, und die Wächter sagen, dass der milde Winter der Grund dafür ist.",
            "Anna Berger",
        ),
        (
            "Le port rouvre après la tempête",
            "Par Claire Dubois\ncourrierduport.fr",
            "Le port de la petite ville a rouvert mardi après une tempête qui l'avait fermé pendant trois jours, a indiqué la capitainerie dans un communiqué.\n\nLes bateaux qui attendaient devant la digue sont entrés un par un dans la matinée, et le premier ferry est parti à midi avec un pont plein.",
            "Nous vous recommandons",
            "Les mouettes des falaises du nord sont revenues plus tôt que lors de toutes les années depuis le début des relevés, et les gardes disent que l'hiver doux en est la cause.",
            "Claire Dubois",
        ),
        (
            "El puerto reabre tras la tormenta",
            "Por Ana Ruiz\ndiariodelpuerto.es",
            "El puerto de la pequeña ciudad volvió a abrir el martes después de que una tormenta lo cerrara durante tres días, según informó la autoridad portuaria.\n\nLos barcos que esperaban fuera del rompeolas entraron uno a uno por la mañana, y el primer ferry salió al mediodía con la cubierta llena.",
            "Te recomendamos",
            "Las gaviotas de los acantilados del norte han vuelto antes que en cualquier año desde que empezaron los registros, y los guardas dicen que el invierno suave es la causa de ello.",
            "Ana Ruiz",
        ),
    ];
    for (title, byline, article, boxed, teaser, author) in pages {
        let text = format!(
            "{title}\n{byline}\n\n{article}\n\n{boxed}\n\n{teaser}\n\n{teaser}\n\n{teaser}\n"
        );
        let c = conv(&text);
        assert_eq!(c.front.title.as_deref(), Some(title), "{byline}");
        assert_eq!(c.front.authors, [author], "{byline}");
        let first_teaser_words: String = teaser.split(' ').take(3).collect::<Vec<_>>().join(" ");
        assert!(!c.body.contains(&first_teaser_words), "{}", c.body);
    }
}

#[test]
fn the_authors_handle_and_address_under_the_byline_leave_the_body() {
    for (title, byline, lead) in [
        ("Harbour reopens after the storm", "By Jane Roe", "The harbour of the small town reopened on Tuesday after a storm had closed it for three days, the port authority said in a statement."),
        ("Hafen öffnet nach dem Sturm wieder", "Von Anna Berger", "Der Hafen der kleinen Stadt wurde am Dienstag wieder geöffnet, nachdem ein Sturm ihn drei Tage lang geschlossen hatte, teilte die Hafenbehörde mit."),
        ("Le port rouvre après la tempête", "Par Claire Dubois", "Le port de la petite ville a rouvert mardi après une tempête qui l'avait fermé pendant trois jours, a indiqué la capitainerie dans un communiqué."),
        ("El puerto reabre tras la tormenta", "Por Ana Ruiz", "El puerto de la pequeña ciudad volvió a abrir el martes después de que una tormenta lo cerrara durante tres días, según informó la autoridad portuaria."),
    ] {
        let text = format!("{title}\n\n{byline}\n\n• @harbourwriter\n• writer.name@example-gazette.com\n\n{lead}\n\n{lead}\n");
        let c = conv(&text);
        assert!(!c.body.contains("harbourwriter"), "{}", c.body);
        assert!(!c.body.contains("example-gazette"), "{}", c.body);
        assert!(c.body.contains(lead), "{}", c.body);
    }
}

#[test]
fn the_byline_under_a_standfirst_and_a_name_after_its_date_stamp() {
    for (title, standfirst, lead, under, author) in [
        (
            "Harbour reopens after the storm",
            "The port authority has unveiled a plan to help the harbour reopen after the storm that closed it for three days this week.",
            "The harbour of the small town reopened on Tuesday after a storm had closed it for three days, the port authority said in a statement today.",
            ["November 20, 2019 Jane Roe", "• Jane Roe\n\n• Published 20 November 2019"],
            "Jane Roe",
        ),
        (
            "Hafen öffnet nach dem Sturm wieder",
            "Die Hafenbehörde hat einen Plan vorgestellt, mit dem der Hafen nach dem Sturm, der ihn in dieser Woche drei Tage lang schloss, wieder öffnen soll.",
            "Der Hafen der kleinen Stadt wurde am Dienstag wieder geöffnet, nachdem ein Sturm ihn drei Tage lang geschlossen hatte, teilte die Hafenbehörde heute mit.",
            ["20. November 2019 Anna Berger", "• Anna Berger\n\n• Veröffentlicht am 20. November 2019"],
            "Anna Berger",
        ),
        (
            "Le port rouvre après la tempête",
            "La capitainerie a présenté un plan pour aider le port à rouvrir après la tempête qui l'a fermé pendant trois jours cette semaine.",
            "Le port de la petite ville a rouvert mardi après une tempête qui l'avait fermé pendant trois jours, a indiqué la capitainerie dans un communiqué aujourd'hui.",
            ["20 novembre 2019 Claire Dubois", "• Claire Dubois\n\n• Publié le 20 novembre 2019"],
            "Claire Dubois",
        ),
        (
            "El puerto reabre tras la tormenta",
            "La autoridad portuaria ha presentado un plan para ayudar al puerto a reabrir tras la tormenta que lo cerró durante tres días esta semana.",
            "El puerto de la pequeña ciudad volvió a abrir el martes después de que una tormenta lo cerrara durante tres días, según informó hoy la autoridad portuaria.",
            ["20 de noviembre de 2019 Ana Ruiz", "• Ana Ruiz\n\n• Publicado el 20 de noviembre de 2019"],
            "Ana Ruiz",
        ),
    ] {
        for byline in under {
            let text = format!("{title}\n\n{standfirst}\n\n{byline}\n\n{lead}\n\n{lead}\n");
            let c = conv(&text);
            assert_eq!(c.front.authors, [author], "{byline}");
            assert_eq!(
                c.front.date.map(|d| d.to_string()).as_deref(),
                Some("2019-11-20"),
                "{byline}"
            );
            assert!(!c.body.contains(author), "{}", c.body);
        }
    }
}

#[test]
fn an_outlet_signing_beside_the_date_under_the_headline_is_the_source() {
    for (title, stamp, lead) in [
        ("Harbour reopens after the storm", "Harbourpost February 6, 2024", "The harbour of the small town reopened on Tuesday after a storm had closed it for three days, the port authority said in a statement."),
        ("Hafen öffnet nach dem Sturm wieder", "Hafenpost 6. Februar 2024", "Der Hafen der kleinen Stadt wurde am Dienstag wieder geöffnet, nachdem ein Sturm ihn drei Tage lang geschlossen hatte, teilte die Hafenbehörde mit."),
        ("Le port rouvre après la tempête", "PortInfo 6 février 2024", "Le port de la petite ville a rouvert mardi après une tempête qui l'avait fermé pendant trois jours, a indiqué la capitainerie dans un communiqué."),
        ("El puerto reabre tras la tormenta", "PuertoHoy 6 de febrero de 2024", "El puerto de la pequeña ciudad volvió a abrir el martes después de que una tormenta lo cerrara durante tres días, según informó la autoridad portuaria."),
    ] {
        let text = format!("{title}\n\n{stamp}\n\n{lead}\n\n{lead}\n");
        let c = conv(&text);
        let name = stamp.split(' ').next().unwrap();
        assert_eq!(c.front.source.as_deref(), Some(name), "{stamp}");
        assert_eq!(
            c.front.date.map(|d| d.to_string()).as_deref(),
            Some("2024-02-06"),
            "{stamp}"
        );
        assert!(c.front.authors.is_empty(), "{stamp}");
    }
    // A person's name beside the date is a byline, not an outlet.
    let c = conv("Harbour reopens after the storm\n\nJane Roe February 6, 2024\n\nThe harbour of the small town reopened on Tuesday after a storm had closed it for three days, the port authority said.\n");
    assert_ne!(c.front.source.as_deref(), Some("Jane Roe"));
}

#[test]
fn the_author_box_heading_and_its_links_leave_the_body() {
    for (title, byline, lead, more, author) in [
        ("Harbour reopens after the storm", "By Jane Roe", "The harbour of the small town reopened on Tuesday after a storm had closed it for three days, the port authority said in a statement.", "More articles from Jane Roe", "Jane Roe"),
        ("Hafen öffnet nach dem Sturm wieder", "Von Anna Berger", "Der Hafen der kleinen Stadt wurde am Dienstag wieder geöffnet, nachdem ein Sturm ihn drei Tage lang geschlossen hatte, teilte die Hafenbehörde mit.", "Weitere Artikel von Anna Berger", "Anna Berger"),
        ("Le port rouvre après la tempête", "Par Claire Dubois", "Le port de la petite ville a rouvert mardi après une tempête qui l'avait fermé pendant trois jours, a indiqué la capitainerie dans un communiqué.", "Tous les articles de Claire Dubois", "Claire Dubois"),
        ("El puerto reabre tras la tormenta", "Por Ana Ruiz", "El puerto de la pequeña ciudad volvió a abrir el martes después de que una tormenta lo cerrara durante tres días, según informó la autoridad portuaria.", "Más artículos de Ana Ruiz", "Ana Ruiz"),
    ] {
        // The box set between the article's paragraphs, as some pages print it.
        let text = format!(
            "{title}\n\n{byline}\n\n{lead}\n\n{author}\n\n{more}\n\n{lead}\n\n{lead}\n"
        );
        let c = conv(&text);
        assert_eq!(c.front.authors, [author], "{byline}");
        assert!(!c.body.contains(author), "{}", c.body);
    }
}

#[test]
fn a_staff_byline_leaves_the_body() {
    for (title, byline, lead) in [
        ("Harbour reopens after the storm", "By Metro Desk Staff | February 6, 2024 at 2:26 PM", "The harbour of the small town reopened on Tuesday after a storm had closed it for three days, the port authority said in a statement."),
        ("Hafen öffnet nach dem Sturm wieder", "Von Hafenblatt Redaktion | 6. Februar 2024", "Der Hafen der kleinen Stadt wurde am Dienstag wieder geöffnet, nachdem ein Sturm ihn drei Tage lang geschlossen hatte, teilte die Hafenbehörde mit."),
        ("Le port rouvre après la tempête", "Par la rédaction du Courrier | 6 février 2024", "Le port de la petite ville a rouvert mardi après une tempête qui l'avait fermé pendant trois jours, a indiqué la capitainerie dans un communiqué."),
        ("El puerto reabre tras la tormenta", "Por Redacción Puerto | 6 de febrero de 2024", "El puerto de la pequeña ciudad volvió a abrir el martes después de que una tormenta lo cerrara durante tres días, según informó la autoridad portuaria."),
    ] {
        let text = format!("{title}\n\n{byline}\n\n{lead}\n\n{lead}\n");
        let c = conv(&text);
        assert!(c.front.authors.is_empty(), "{byline}");
        assert!(c.front.author_org.is_some(), "{byline}");
        assert!(!c.body.contains(" | "), "{}", c.body);
    }
}

/// A page that lays its header out as labelled fields ("Author:" / name / "Publish date:" /
/// date): the name between two labels is no headline, the labels leave the body with their
/// values, and the description printed under the headline and again over the picture is
/// not the article's text (pages in four languages, written for this test).
#[test]
fn labelled_header_fields_are_no_headline() {
    let pages = [
        ("Harbour reopens after three days of storms", "Ships may dock again from Tuesday, the port authority says.", "Author:", "Jane Roe", "Publish date:", "Mar 4, 2024", "The harbour reopened on Tuesday after three days of storms, the port authority said in a statement on its website.", "Ships queued outside the breakwater through the night, and the first ferry docked shortly after dawn, officials said."),
        ("Hafen öffnet nach drei Tagen Sturm wieder", "Schiffe dürfen ab Dienstag wieder anlegen, sagt die Hafenbehörde.", "Autorin:", "Anna Schmidt", "Veröffentlicht am:", "04.03.2024", "Der Hafen wurde am Dienstag nach drei Tagen Sturm wieder geöffnet, teilte die Hafenbehörde auf ihrer Internetseite mit.", "Die Schiffe warteten die ganze Nacht vor der Mole, und die erste Fähre legte kurz nach Sonnenaufgang an, sagten die Behörden."),
        ("Le port rouvre après trois jours de tempête", "Les navires peuvent de nouveau accoster depuis mardi, selon la capitainerie.", "Auteur :", "Claire Dubois", "Date de publication :", "4 mars 2024", "Le port a rouvert mardi après trois jours de tempête, a indiqué l'autorité portuaire dans un communiqué publié sur son site.", "Les navires ont attendu toute la nuit devant la digue, et le premier ferry a accosté peu après l'aube, selon les autorités."),
        ("El puerto reabre tras tres días de tormenta", "Los barcos pueden volver a atracar desde el martes, según la autoridad portuaria.", "Autora:", "Lucía Gómez", "Fecha de publicación:", "4 de marzo de 2024", "El puerto volvió a abrir el martes después de tres días de tormenta, según informó la autoridad portuaria en un comunicado.", "Los barcos esperaron toda la noche frente al rompeolas y el primer ferry atracó poco después del amanecer, dijeron las autoridades."),
    ];
    for (headline, description, author_label, name, date_label, date, lead, second) in pages {
        let text = format!("Home\n\nNews\n\n{headline}\n\n{description}\n\n{author_label}\n    {name}\n{date_label}\n    {date}\n\n{description}\n\n{lead}\n\n{second}\n");
        let c = conv(&text);
        assert_eq!(c.front.title.as_deref(), Some(headline), "{text}");
        assert_eq!(
            c.front.date.map(|d| d.to_string()).as_deref(),
            Some("2024-03-04"),
            "{text}"
        );
        for gone in [author_label, date_label, description] {
            assert!(!c.body.contains(gone), "{gone:?} in {}", c.body);
        }
        assert!(c.body.starts_with(&lead[..20]), "{}", c.body);
    }
    // A field's value that is no person (a newsletter's name) is no headline either.
    let letter = "Harbour reopens after three days of storms\n\nShips may dock again from Tuesday, the port authority says.\n\nAuthor:\n    The Harbour Letter Morning Desk\nPublish date:\n    Mar 4, 2024\n\nShips may dock again from Tuesday, the port authority says.\n\nStart your week with The Harbour Letter Morning Desk, the morning letter that tells readers of the harbour what the port is doing.\n\nThe harbour reopened on Tuesday after three days of storms, the port authority said in a statement on its website.\n\nShips queued outside the breakwater through the night, and the first ferry docked shortly after dawn, officials said.\n";
    assert_eq!(
        conv(letter).front.title.as_deref(),
        Some("Harbour reopens after three days of storms")
    );
}

/// A kicker that repeats the headline's subject above it is no headline, and neither is a
/// video's title set under the byline, right above the article's first paragraph (pages in
/// four languages, written for this test).
#[test]
fn a_kicker_over_the_headline_and_a_video_title_under_the_byline_are_no_headline() {
    let pages = [
        ("Storms on the coast", "Harbour reopens after three days of storms on the coast", "By Jane Roe", "Video", "Harbour reopens after the storms on the coast", "The harbour reopened on Tuesday after three days of storms on the coast, the port authority said in a statement.", "Ships queued outside the breakwater through the night, and the first ferry docked shortly after dawn, officials said."),
        ("Sturm an der Küste", "Hafen öffnet nach drei Tagen Sturm an der Küste wieder", "Von Anna Schmidt", "Video", "Hafen nach dem Sturm an der Küste wieder geöffnet", "Der Hafen wurde am Dienstag nach drei Tagen Sturm an der Küste wieder geöffnet, teilte die Hafenbehörde mit.", "Die Schiffe warteten die ganze Nacht vor der Mole, und die erste Fähre legte kurz nach Sonnenaufgang an, sagten die Behörden."),
        ("Tempête sur la côte", "Le port rouvre après trois jours de tempête sur la côte", "Par Claire Dubois", "Vidéo", "Le port rouvre après la tempête sur la côte", "Le port a rouvert mardi après trois jours de tempête sur la côte, a indiqué l'autorité portuaire dans un communiqué.", "Les navires ont attendu toute la nuit devant la digue, et le premier ferry a accosté peu après l'aube, selon les autorités."),
        ("Tormenta en la costa", "El puerto reabre tras tres días de tormenta en la costa", "Por Lucía Gómez", "Vídeo", "El puerto reabre tras la tormenta en la costa", "El puerto volvió a abrir el martes tras tres días de tormenta en la costa, según informó la autoridad portuaria.", "Los barcos esperaron toda la noche frente al rompeolas y el primer ferry atracó poco después del amanecer, dijeron las autoridades."),
    ];
    for (kicker, headline, byline, label, video, lead, second) in pages {
        let text = format!("Home\n\nNews\n\n{kicker}\n\n{headline}\n\n{byline}\n\n• Facebook\n• Twitter\n• Email\n\n{label}\n\n{video}\n\n{lead}\n\n{second}\n");
        let c = conv(&text);
        assert_eq!(c.front.title.as_deref(), Some(headline), "{text}");
    }
    // The video's title alone, its words in the lead too.
    let videos = [
        ("Harbour reopens after winter storms kept the ferries in port for three days", "By Jane Roe", "Video", "Harbour reopens after the winter storms", "The harbour reopened after the winter storms on Tuesday, the port authority said in a statement on its website.", "Ships queued outside the breakwater through the night, and the first ferry docked shortly after dawn, officials said."),
        ("Hafen öffnet wieder, nachdem Sturm Ciara die Fähren drei Tage lang festhielt", "Von Anna Schmidt", "Video", "Der Hafen nach Sturm Ciara", "Der Hafen wurde nach Sturm Ciara am Dienstag wieder geöffnet, teilte die Hafenbehörde auf ihrer Internetseite mit.", "Die Schiffe warteten die ganze Nacht vor der Mole, und die erste Fähre legte kurz nach Sonnenaufgang an, sagten die Behörden."),
        ("Le port rouvre après que la tempête Ciara a bloqué les ferries pendant trois jours", "Par Claire Dubois", "Vidéo", "Le port après la tempête Ciara", "Le port a rouvert mardi après la tempête Ciara, a indiqué l'autorité portuaire dans un communiqué publié sur son site.", "Les navires ont attendu toute la nuit devant la digue, et le premier ferry a accosté peu après l'aube, selon les autorités."),
        ("El puerto reabre después de que la tormenta Ciara retuviera los ferris tres días", "Por Lucía Gómez", "Vídeo", "El puerto tras la tormenta Ciara", "El puerto volvió a abrir el martes tras la tormenta Ciara, según informó la autoridad portuaria en un comunicado.", "Los barcos esperaron toda la noche frente al rompeolas y el primer ferry atracó poco después del amanecer, dijeron las autoridades."),
    ];
    for (headline, byline, label, video, lead, second) in videos {
        let text = format!("Home\n\nNews\n\n{headline}\n\n{byline}\n\n• Facebook\n• Twitter\n• Email\n\n{label}\n\n{video}\n\n{lead}\n\n{second}\n");
        let c = conv(&text);
        assert_eq!(c.front.title.as_deref(), Some(headline), "{text}");
    }
    // The byline's word alone on its line over the name, then the date: the same.
    for (headline, byline, _, video, lead, second) in videos {
        let (marker, name) = byline.split_once(' ').expect("marker and name");
        let text = format!("Home\n\nNews\n\n{headline}\n\n{marker}\n\n{name}\n\n04.03.2024\n\n• Facebook\n• Twitter\n• Email\n\n{video}\n\n{lead}\n\n{second}\n");
        let c = conv(&text);
        assert_eq!(c.front.title.as_deref(), Some(headline), "{text}");
        assert_eq!(c.front.authors, [name], "{text}");
    }
}

/// A headline over its standfirst: the second of two headline-shaped lines is the
/// standfirst when it runs longer or reads as two clauses, though it sits nearer the date
/// and shares more words with the lead (pages in four languages, written for this test).
#[test]
fn a_headline_over_its_standfirst_is_the_headline() {
    let pages = [
        ("Why small towns still need their boats", "An interview with Jane Roe, the port engineer, about the harbour works and the winter ferries to the islands", "June 18th 2024", "Jane Roe has run the harbour works of the port for twelve years, and the winter ferries to the islands depend on them, she says.", "The port engineer answered five questions about the harbour works, the ferries and the islands they serve in winter."),
        ("Warum kleine Häfen ihre Fähren behalten", "Ein Gespräch mit Anna Schmidt, der Hafeningenieurin, über die Arbeiten am Hafen und die Fähren zu den Inseln im Winter", "18.06.2024", "Anna Schmidt leitet seit zwölf Jahren die Arbeiten am Hafen, und die Fähren zu den Inseln im Winter hängen von ihnen ab, sagt sie.", "Die Hafeningenieurin beantwortete fünf Fragen zu den Arbeiten am Hafen, den Fähren und den Inseln, die sie im Winter anfahren."),
        ("Pourquoi les petits ports gardent leurs ferries", "Un entretien avec Claire Dubois, l'ingénieure du port, sur les travaux du port et les ferries d'hiver vers les îles", "18 juin 2024", "Claire Dubois dirige les travaux du port depuis douze ans, et les ferries d'hiver vers les îles en dépendent, explique-t-elle.", "L'ingénieure du port a répondu à cinq questions sur les travaux du port, les ferries et les îles qu'ils desservent en hiver."),
        ("Por qué los puertos pequeños conservan sus ferris", "Una entrevista con Lucía Gómez, la ingeniera del puerto, sobre las obras del puerto y los ferris de invierno a las islas", "18 de junio de 2024", "Lucía Gómez dirige las obras del puerto desde hace doce años, y los ferris de invierno a las islas dependen de ellas, explica.", "La ingeniera del puerto respondió cinco preguntas sobre las obras del puerto, los ferris y las islas que atienden en invierno."),
    ];
    for (headline, standfirst, date, lead, second) in pages {
        let text = format!(
            "Menu\n\nSearch\n\n{headline}\n\n{standfirst}\n\n{date}\n\n{lead}\n\n{second}\n"
        );
        let c = conv(&text);
        assert_eq!(c.front.title.as_deref(), Some(headline), "{text}");
    }
    // A long headline over a shorter standfirst of two clauses, the byline under it.
    let long = [
        ("Harbour Deals: More Ferry Tickets Go on Sale Early, Including Island Passes, Night Crossings and Family Fares", "The Season Starts Next Week, But Several Fares Open Today", "By Jane Roe", "The first ferry tickets of the season went on sale on Monday, a week before the season starts, the harbour office said.", "Island passes and night crossings sold fastest, and family fares open on Friday, the office added."),
        ("Hafenangebote: Mehr Fährtickets Schon Jetzt im Verkauf, mit Inselpässen, Nachtfahrten und Familientarifen", "Die Saison Beginnt Nächste Woche, Aber Einige Tarife Gelten Heute", "Von Anna Schmidt", "Die ersten Fährtickets der Saison kamen am Montag in den Verkauf, eine Woche vor Saisonbeginn, teilte das Hafenamt mit.", "Inselpässe und Nachtfahrten waren am schnellsten verkauft, die Familientarife folgen am Freitag, so das Amt."),
        ("Offres du Port : Plus de Billets de Ferry en Vente, Dont des Passes Îles, des Traversées de Nuit et des Tarifs Famille", "La Saison Commence la Semaine Prochaine, Mais Plusieurs Tarifs Ouvrent Aujourd'hui", "Par Claire Dubois", "Les premiers billets de ferry de la saison ont été mis en vente lundi, une semaine avant le début de la saison, selon la capitainerie.", "Les passes îles et les traversées de nuit sont partis le plus vite, les tarifs famille ouvrent vendredi, a ajouté la capitainerie."),
        ("Ofertas del Puerto: Más Billetes de Ferri a la Venta, Con Pases a las Islas, Travesías Nocturnas y Tarifas Familiares", "La Temporada Empieza la Semana que Viene, Pero Varias Tarifas Abren Hoy", "Por Lucía Gómez", "Los primeros billetes de ferri de la temporada salieron a la venta el lunes, una semana antes del inicio de la temporada, informó la capitanía.", "Los pases a las islas y las travesías nocturnas se vendieron antes, y las tarifas familiares abren el viernes, añadió la capitanía."),
    ];
    for (headline, standfirst, byline, lead, second) in long {
        let text = format!(
            "Menu\n\nSearch\n\n{headline}\n\n{standfirst}\n\n{byline}\n\n{lead}\n\n{second}\n"
        );
        let c = conv(&text);
        assert_eq!(c.front.title.as_deref(), Some(headline), "{text}");
    }
}

/// A video player between the header and the lead prints the video's title, a shorter
/// telling of the headline, three times: the headline with its byline and date stays the
/// headline (pages in four languages, written for this test).
#[test]
fn a_video_title_retelling_the_headline_is_no_headline() {
    let pages = [
        ("'We Found Them!': Video Shows Rescue of Two Hikers on Ridge Trail", "'We Found Them!' Video Shows Rescue of Two Hikers", "By Jane Roe", "Published Jun 3, 2024 at 4:07 PM", "Up next", "A video showing the rescue of two hikers on the ridge trail was released by the mountain rescue team on Monday morning.", "The two hikers had been missing for two days before a helicopter crew found them near the ridge, the team said."),
        ("„Wir haben sie!“: Video zeigt Rettung von zwei Wanderern am Gratweg", "„Wir haben sie!“ Video zeigt Rettung von zwei Wanderern", "Von Anna Schmidt", "Veröffentlicht am 03.06.2024, 16:07 Uhr", "Als Nächstes", "Ein Video der Rettung von zwei Wanderern am Gratweg wurde am Montagmorgen von der Bergwacht veröffentlicht.", "Die beiden Wanderer waren zwei Tage vermisst, bevor eine Hubschrauberbesatzung sie am Grat fand, teilte die Bergwacht mit."),
        ("« On les a ! » : une vidéo montre le sauvetage de deux randonneurs sur la crête", "« On les a ! » Une vidéo montre le sauvetage de deux randonneurs", "Par Claire Dubois", "Publié le 3 juin 2024 à 16h07", "À suivre", "Une vidéo du sauvetage de deux randonneurs sur le sentier de la crête a été publiée lundi matin par les secours en montagne.", "Les deux randonneurs étaient portés disparus depuis deux jours quand l'équipage d'un hélicoptère les a trouvés près de la crête."),
        ("«¡Los tenemos!»: un vídeo muestra el rescate de dos senderistas en la cresta", "«¡Los tenemos!» Un vídeo muestra el rescate de dos senderistas", "Por Lucía Gómez", "Publicado el 3 de junio de 2024 a las 16:07", "A continuación", "Un vídeo del rescate de dos senderistas en el sendero de la cresta fue publicado el lunes por la mañana por el equipo de rescate.", "Los dos senderistas llevaban dos días desaparecidos cuando la tripulación de un helicóptero los encontró cerca de la cresta."),
    ];
    for (headline, video, byline, date, next, lead, second) in pages {
        let text = format!(
            "Menu\n\nWatch live\n\n{headline}\n\n{byline}\n\n{date}\n\nNewsletters\n\n{next}\n\n{video}\n\n• Link\n• Embed\n\nCopy\n\nClose\n\nLink\n\nCopy\n\nClose\n\nEmbed\n\nReplay\n\n{video}\n\n{lead}\n\n{second}\n\n{video}\n\n{second}\n"
        );
        let c = conv(&text);
        assert_eq!(c.front.title.as_deref(), Some(headline), "{text}");
    }
}

/// A gallery's captions set as short lines between the headline and its date are the items
/// of a list, not the headline, though they name the people the article names (pages in
/// four languages, written for this test).
#[test]
fn captions_listed_between_the_headline_and_its_date_are_no_headline() {
    let pages = [
        ("County relay championship results", ["Jane Roe 400 metres relay", "Ann Lee high jump final", "Tom Diaz Riverside College"], "Posted: Fri 6:45 PM, Feb 16, 2024", "Jane Roe and Ann Lee won the 400 metres relay for Riverside College on Friday, the county athletics board said.", "Tom Diaz finished third in the high jump final after a long day of heats at the county stadium."),
        ("Ergebnisse der Kreismeisterschaft im Staffellauf", ["Anna Schmidt 400 Meter Staffel", "Lena Vogel Hochsprung Finale", "Jonas Weber Gymnasium am Fluss"], "16.02.2024, 18:45 Uhr", "Anna Schmidt und Lena Vogel gewannen am Freitag die 400 Meter Staffel für das Gymnasium am Fluss, teilte der Kreisverband mit.", "Jonas Weber wurde im Hochsprung Finale nach einem langen Tag im Kreisstadion Dritter."),
        ("Résultats du championnat régional de relais", ["Claire Dubois relais 400 mètres", "Marie Petit finale du saut", "Paul Martin lycée du Fleuve"], "Publié le 16 février 2024 à 18h45", "Claire Dubois et Marie Petit ont remporté vendredi le relais 400 mètres pour le lycée du Fleuve, a indiqué la ligue régionale.", "Paul Martin a terminé troisième de la finale du saut après une longue journée au stade régional."),
        ("Resultados del campeonato provincial de relevos", ["Lucía Gómez relevo 400 metros", "Ana Ruiz final de salto", "Pedro Gil colegio del Río"], "Publicado el 16 de febrero de 2024 a las 18:45", "Lucía Gómez y Ana Ruiz ganaron el viernes el relevo de 400 metros para el colegio del Río, informó la federación provincial.", "Pedro Gil terminó tercero en la final de salto tras una larga jornada en el estadio provincial."),
    ];
    for (headline, captions, stamp, lead, second) in pages {
        let [a, b, c] = captions;
        let text = format!(
            "Home\n\nSport\n\n{headline}\n\n{a}\n\n{b}\n\n{c}\n\n{stamp}\n\n{lead}\n\n{second}\n"
        );
        let conv = conv(&text);
        assert_eq!(conv.front.title.as_deref(), Some(headline), "{text}");
    }
}

/// A question for a headline reads as a sentence: when the densest run of prose opens with
/// it, it is still the headline, not a lead to look above (pages in four languages, written
/// for this test).
#[test]
fn a_question_headline_at_the_top_of_the_article_is_its_headline() {
    let pages = [
        ("Menu", "Markets at a record high while the economy slows down; is it time to be careful?", "The markets rose to a record high on Wednesday morning even as the economy slowed for a third quarter, traders said.", "Analysts said the rally was driven by hopes of lower interest rates and by a tax cut announced in the autumn.", "Some warned that prices had run ahead of earnings and that a correction could follow before the end of the year."),
        ("Menü", "Die Börse auf Rekordhoch, während die Wirtschaft schwächelt: Ist jetzt Vorsicht geboten?", "Die Börse stieg am Mittwochmorgen auf ein Rekordhoch, obwohl die Wirtschaft das dritte Quartal in Folge schwächelte, sagten Händler.", "Analysten sagten, die Rally werde von der Hoffnung auf niedrigere Zinsen und von einer Steuersenkung im Herbst getragen.", "Einige warnten, die Kurse seien den Gewinnen vorausgeeilt und eine Korrektur könne noch vor Jahresende folgen."),
        ("Menu", "La Bourse au plus haut alors que l'économie ralentit : faut-il se montrer prudent ?", "La Bourse a atteint un record mercredi matin alors que l'économie ralentit pour le troisième trimestre, selon les courtiers.", "Les analystes expliquent la hausse par l'espoir d'une baisse des taux et par une baisse d'impôts annoncée à l'automne.", "Certains préviennent que les cours ont devancé les bénéfices et qu'une correction pourrait suivre avant la fin de l'année."),
        ("Menú", "La bolsa en máximos mientras la economía se frena: ¿es hora de ser prudentes con ella?", "La bolsa alcanzó un máximo histórico el miércoles por la mañana aunque la economía se frenó por tercer trimestre, dijeron los operadores.", "Los analistas atribuyeron la subida a la esperanza de tipos más bajos y a una rebaja de impuestos anunciada en otoño.", "Algunos advirtieron de que los precios se habían adelantado a los beneficios y de que podría llegar una corrección antes de fin de año."),
    ];
    for (menu, question, lead, second, third) in pages {
        let text = format!("{menu}\n\n{question}\n\n{lead}\n\n{second}\n\n{third}\n");
        let c = conv(&text);
        assert_eq!(c.front.title.as_deref(), Some(question), "{text}");
        assert!(c.body.starts_with(&lead[..20]), "{}", c.body);
    }
}

#[test]
fn a_wire_story_on_a_site_that_names_itself_is_the_sites() {
    // A regional site carrying an agency's story: the agency signs the byline, the site
    // names itself in its footer. The site published the page; the agency stays the byline's
    // organisation.
    for (title, byline, lead, footer, site) in [
        ("Harbour reopens after the storm", "By Jane Roe, Reuters", "The harbour of the small town reopened on Tuesday after a storm had closed it for three days, the port authority said in a statement.", "© 2024 Harbour Gazette. All rights reserved.", "Harbour Gazette"),
        ("Hafen öffnet nach dem Sturm wieder", "Von Anna Berger, dpa", "Der Hafen der kleinen Stadt wurde am Dienstag wieder geöffnet, nachdem ein Sturm ihn drei Tage lang geschlossen hatte, teilte die Hafenbehörde mit.", "© 2024 Kurier der Küste. Alle Rechte vorbehalten.", "Kurier der Küste"),
        ("Le port rouvre après la tempête", "Par Claire Dubois, AFP", "Le port de la petite ville a rouvert mardi après une tempête qui l'avait fermé pendant trois jours, a indiqué la capitainerie dans un communiqué.", "© 2024 Gazette du Littoral. Tous droits réservés.", "Gazette du Littoral"),
        ("El puerto reabre tras la tormenta", "Por Ana Ruiz, EFE", "El puerto de la pequeña ciudad volvió a abrir el martes después de que una tormenta lo cerrara durante tres días, según informó la autoridad portuaria.", "© 2024 Diario Costero. Todos los derechos reservados.", "Diario Costero"),
    ] {
        let text = format!("{title}\n\n{byline}\n\n{lead}\n\n{lead}\n\n{lead}\n\n{footer}\n");
        let c = conv(&text);
        assert_eq!(c.front.source.as_deref(), Some(site), "{byline}");
        // Without the footer, the page names no site but the agency's.
        let text = format!("{title}\n\n{byline}\n\n{lead}\n\n{lead}\n\n{lead}\n");
        let c = conv(&text);
        let agency = byline.rsplit(", ").next().unwrap();
        assert_eq!(c.front.source.as_deref(), Some(agency), "{byline}");
    }
}

#[test]
fn a_copyright_owner_of_common_words_names_the_site() {
    // "Local News" and the like are names when a copyright line signs with them; their
    // parent company, named after "a division of", is not the site.
    let lead = "The harbour of the small town reopened on Tuesday after a storm had closed it for three days, the port authority said in a statement.";
    let text = format!(
        "Harbour reopens after the storm\n\n{lead}\n\n{lead}\n\n{lead}\n\nTop News Home\n\n©2024 Local News, a division of Harbour Holdings Inc. All rights reserved.\n\nHarbour Holdings Home\n"
    );
    let c = conv(&text);
    assert_eq!(c.front.source.as_deref(), Some("Local News"));
}

/// A headline with its byline and date under it stays the headline when lists (topic tags,
/// section links) stand between its header and the lead: a list is one block of the layout,
/// however many items it has. Counted item by item, they set the headline too far from its
/// lead, and a teaser after the article won (pages in four languages, written for this test).
#[test]
fn lists_under_the_byline_do_not_part_the_headline_from_its_lead() {
    let pages = [
        ("Harbour reopens after three days of storms kept every ferry in port", "By Jane Roe", "4 March 2024", "Text size", ["Storms", "Ferries", "Weather", "Transport", "Harbours", "Coast", "Shipping", "Travel"], ["Local news", "Regional news", "World news", "Business", "Sport", "Culture", "Opinion", "Podcasts"], "Ships sailed again on Tuesday morning as the port authority lifted its closure of the quays, it said in a statement.", "Ships queued outside the breakwater through the night, and the first ferry docked shortly after dawn, officials said on the quay.", "Most read", "Council votes to rebuild the old lighthouse on the northern cliffs", "The council voted on Monday evening to rebuild the old lighthouse on the northern cliffs, ending a debate that had lasted for years."),
        ("Hafen öffnet wieder, nachdem drei Tage Sturm jede Fähre im Hafen hielten", "Von Anna Schmidt", "4. März 2024", "Schriftgröße", ["Sturm", "Fähren", "Wetter", "Verkehr", "Häfen", "Küste", "Schifffahrt", "Reisen"], ["Lokales", "Region", "Welt", "Wirtschaft", "Sport", "Kultur", "Meinung", "Podcasts"], "Am Dienstagmorgen legten die Schiffe wieder ab, als die Behörde die Sperrung der Kais aufhob, wie sie in einer Mitteilung erklärte.", "Die Schiffe warteten die ganze Nacht vor der Mole, und die erste Fähre legte kurz nach Sonnenaufgang an, sagten die Behörden am Kai.", "Meistgelesen", "Stadtrat beschließt den Wiederaufbau des alten Leuchtturms an der Nordküste", "Der Stadtrat hat am Montagabend beschlossen, den alten Leuchtturm an der Nordküste wieder aufzubauen, und damit einen jahrelangen Streit beendet."),
        ("Le port rouvre après trois jours de tempête qui ont bloqué tous les ferries", "Par Claire Dubois", "4 mars 2024", "Taille du texte", ["Tempêtes", "Ferries", "Météo", "Transports", "Ports", "Littoral", "Navigation", "Voyages"], ["Local", "Région", "Monde", "Économie", "Sport", "Culture", "Opinions", "Podcasts"], "Mardi matin, les navires ont repris la mer quand l'autorité a levé la fermeture des quais, a-t-elle annoncé dans un communiqué.", "Les navires ont attendu toute la nuit devant la digue, et le premier ferry a accosté peu après l'aube, selon les autorités du quai.", "Les plus lus", "Le conseil vote la reconstruction du vieux phare sur les falaises du nord", "Le conseil a voté lundi soir la reconstruction du vieux phare sur les falaises du nord, mettant fin à un débat qui durait depuis des années."),
        ("El puerto reabre tras tres días de tormenta que retuvieron todos los ferris", "Por Lucía Gómez", "4 de marzo de 2024", "Tamaño del texto", ["Tormentas", "Ferris", "Tiempo", "Transporte", "Puertos", "Costa", "Navegación", "Viajes"], ["Local", "Región", "Mundo", "Economía", "Deportes", "Cultura", "Opinión", "Pódcasts"], "El martes por la mañana los ferris del puerto volvieron a zarpar cuando la autoridad levantó el cierre de los muelles, según un comunicado.", "Los barcos esperaron toda la noche frente al rompeolas y el primer ferry atracó poco después del amanecer, dijeron las autoridades del muelle.", "Lo más leído", "El ayuntamiento aprueba reconstruir el viejo faro de los acantilados del norte", "El ayuntamiento aprobó el lunes por la noche reconstruir el viejo faro de los acantilados del norte, poniendo fin a un debate de años."),
    ];
    let list = |items: [&str; 8]| items.map(|t| format!("• {t}\n")).concat();
    for (headline, byline, date, size, tags, sections, lead, second, most_read, teaser, summary) in
        pages
    {
        let (tags, sections) = (list(tags), list(sections));
        let text = format!("Home\n\nNews\n\n{headline}\n\n{byline}\n{date}\n\n{tags}\n{size}\n-A\nA+\n\n{sections}\n{lead}\n\n{second}\n\n{most_read}\n\n{teaser}\n\n{summary}\n");
        let c = conv(&text);
        assert_eq!(c.front.title.as_deref(), Some(headline), "{text}");
    }
}

/// A picture's caption the layout broke over two lines, its credit ending the second, is no
/// headline, however many words it shares with the lead: the headline is the line over the
/// byline (pages in four languages, written for this test).
#[test]
fn a_caption_broken_over_lines_before_its_credit_is_no_headline() {
    let pages = [
        ("The harbour authority reopened the quays to ferries after the storm on Tuesday morning", "Ships wait outside the breakwater. (Photo: Jane Roe / Port Authority)", "Ferries sail again", "By Jane Roe", "The harbour authority reopened the quays to ferries on Tuesday morning after the storm, it said in a statement.", "Ships had queued outside the breakwater through the night, and the first ferry docked shortly after dawn."),
        ("Die Hafenbehörde öffnete die Kais nach dem Sturm am Dienstagmorgen wieder für Fähren", "Schiffe warten vor der Mole. (Foto: Anna Schmidt / Hafenbehörde)", "Die Fähren fahren wieder", "Von Anna Schmidt", "Die Hafenbehörde öffnete die Kais am Dienstagmorgen nach dem Sturm wieder für Fähren, teilte sie mit.", "Die Schiffe hatten die ganze Nacht vor der Mole gewartet, und die erste Fähre legte kurz nach Sonnenaufgang an."),
        ("L'autorité portuaire a rouvert les quais aux ferries après la tempête mardi matin", "Des navires attendent devant la digue. (Photo : Claire Dubois / Port)", "Les ferries reprennent la mer", "Par Claire Dubois", "L'autorité portuaire a rouvert les quais aux ferries mardi matin après la tempête, a-t-elle indiqué dans un communiqué.", "Les navires avaient attendu toute la nuit devant la digue, et le premier ferry a accosté peu après l'aube."),
        ("La autoridad portuaria reabrió los muelles a los ferris tras la tormenta el martes por la mañana", "Barcos esperan frente al rompeolas. (Foto: Lucía Gómez / Puerto)", "Los ferris vuelven a zarpar", "Por Lucía Gómez", "La autoridad portuaria reabrió los muelles a los ferris el martes por la mañana tras la tormenta, según un comunicado.", "Los barcos habían esperado toda la noche frente al rompeolas, y el primer ferry atracó poco después del amanecer."),
    ];
    for (caption, credit_line, headline, byline, lead, second) in pages {
        let text = format!("Home\n\n{caption}\n{credit_line}\n\n{headline}\n\n{byline}\n4.3.2024\n\n{lead}\n\n{second}\n\n{second}\n");
        let c = conv(&text);
        assert_eq!(c.front.title.as_deref(), Some(headline), "{text}");
    }
}

/// A headline written as a sentence, full stop and all, with its date stamp on the very next
/// line is the headline; a headline over such a standfirst keeps its place (pages in four
/// languages, written for this test).
#[test]
fn a_sentence_headline_stamped_by_its_date_is_the_headline() {
    let pages = [
        ("Harbour town doubles down on its new slogan. It might just work.", "Posted 4 March 2024, 08:15", "The town council of the small harbour town voted on Monday to keep its new slogan, although many residents had laughed at it.", "The slogan, printed on every bus and ferry, was meant to bring visitors back after a quiet winter, the mayor said.", "Shop owners said on Tuesday that more visitors had come in the first weeks than in the whole of the last spring."),
        ("Hafenstadt hält an ihrem neuen Slogan fest. Vielleicht wirkt er ja.", "Veröffentlicht am 4. März 2024, 08:15", "Der Stadtrat der kleinen Hafenstadt hat am Montag beschlossen, den neuen Slogan zu behalten, obwohl viele Einwohner darüber gelacht hatten.", "Der Slogan, der auf jedem Bus und jeder Fähre steht, soll nach einem ruhigen Winter wieder Besucher bringen, sagte der Bürgermeister.", "Ladenbesitzer sagten am Dienstag, in den ersten Wochen seien mehr Besucher gekommen als im ganzen letzten Frühjahr."),
        ("La ville portuaire persiste avec son nouveau slogan. Il pourrait bien marcher.", "Publié le 4 mars 2024 à 08h15", "Le conseil municipal de la petite ville portuaire a voté lundi pour garder son nouveau slogan, même si beaucoup d'habitants en avaient ri.", "Le slogan, imprimé sur chaque bus et chaque ferry, doit ramener les visiteurs après un hiver calme, a expliqué le maire.", "Les commerçants ont dit mardi que plus de visiteurs étaient venus en quelques semaines que pendant tout le printemps dernier."),
        ("La ciudad portuaria mantiene su nuevo eslogan. Quizá funcione.", "Publicado el 4 de marzo de 2024, 08:15", "El ayuntamiento de la pequeña ciudad portuaria votó el lunes mantener su nuevo eslogan, aunque muchos vecinos se habían reído de él.", "El eslogan, impreso en cada autobús y cada ferri, debía atraer de nuevo a los visitantes tras un invierno tranquilo, dijo el alcalde.", "Los comerciantes dijeron el martes que en las primeras semanas habían llegado más visitantes que en toda la primavera pasada."),
    ];
    for (headline, stamp, lead, second, third) in pages {
        let text = format!("Menu\n\n{headline}\n\n{stamp}\n\n{lead}\n\n{second}\n\n{third}\n");
        let c = conv(&text);
        assert_eq!(c.front.title.as_deref(), Some(headline), "{text}");
        assert!(c.body.starts_with(&lead[..20]), "{}", c.body);
        // A shorter headline over it: the sentence is its standfirst.
        let text = format!("Menu\n\nSlogan stays in the harbour town\n\n{headline}\n\n{stamp}\n\n{lead}\n\n{second}\n\n{third}\n");
        let c = conv(&text);
        assert_eq!(
            c.front.title.as_deref(),
            Some("Slogan stays in the harbour town"),
            "{text}"
        );
    }
}

/// A comment section's header read as furniture ("Comments") closes the search for the
/// article: a long moderation notice under it does not outweigh a short wire story above it
/// (pages in four languages, written for this test).
#[test]
fn a_comment_policy_under_its_header_does_not_outweigh_a_short_story() {
    let pages = [
        ("Ferry strike ends after two days of talks", "The ferry crews ended their strike on Monday after two days of talks with the operator, the union said in a statement.", "Crossings to the islands will run to the normal timetable from Tuesday morning, the operator said, and tickets bought for the cancelled sailings will be valid for a month.", "Comments", "We welcome your views on our stories and ask you to keep them civil and on topic. Comments are read by our moderators before they appear and may take up to an hour to show. We will remove anything offensive or off topic. You will receive an e-mail when someone replies to your comment or when a thread you follow is updated. Please read our community guidelines for more details on how we moderate and how to change your e-mail settings. Thank you for taking part in the conversation."),
        ("Fährstreik endet nach zwei Tagen Verhandlungen", "Die Fährbesatzungen haben ihren Streik am Montag nach zwei Tagen Verhandlungen mit dem Betreiber beendet, teilte die Gewerkschaft mit.", "Die Überfahrten zu den Inseln laufen ab Dienstagmorgen wieder nach dem normalen Fahrplan, sagte der Betreiber, und Fahrkarten für die ausgefallenen Fahrten gelten noch einen Monat lang.", "Kommentare", "Wir freuen uns über Ihre Meinung zu unseren Artikeln und bitten Sie, sachlich und beim Thema zu bleiben. Kommentare werden von unserer Redaktion geprüft, bevor sie erscheinen, und das kann bis zu einer Stunde dauern. Wir entfernen beleidigende Beiträge und solche ohne Bezug zum Thema. Sie erhalten eine E-Mail, wenn jemand auf Ihren Kommentar antwortet oder eine Diskussion, der Sie folgen, weitergeht. Bitte lesen Sie unsere Regeln für die Diskussion, um mehr darüber zu erfahren, wie wir moderieren und wie Sie Ihre Einstellungen ändern. Vielen Dank für Ihre Beiträge."),
        ("La grève des ferries prend fin après deux jours de discussions", "Les équipages des ferries ont mis fin à leur grève lundi après deux jours de discussions avec l'exploitant, a indiqué le syndicat dans un communiqué.", "Les traversées vers les îles reprendront selon les horaires habituels dès mardi matin, a précisé l'exploitant, et les billets des traversées annulées resteront valables pendant un mois.", "Commentaires", "Nous accueillons vos avis sur nos articles et vous demandons de rester courtois et de ne pas vous écarter du sujet. Les commentaires sont lus par nos modérateurs avant leur publication, ce qui peut prendre jusqu'à une heure. Nous supprimons tout propos injurieux ou hors sujet. Vous recevrez un e-mail quand quelqu'un répondra à votre commentaire ou quand une discussion que vous suivez sera mise à jour. Merci de lire notre charte pour en savoir plus sur notre modération et sur la façon de changer vos réglages. Merci de participer à la discussion."),
        ("La huelga de los ferris termina tras dos días de negociaciones", "Las tripulaciones de los ferris pusieron fin a su huelga el lunes tras dos días de negociaciones con la naviera, informó el sindicato en un comunicado.", "Las travesías a las islas volverán al horario habitual desde el martes por la mañana, indicó la naviera, y los billetes de los viajes cancelados serán válidos durante un mes.", "Comentarios", "Agradecemos sus opiniones sobre nuestros artículos y le pedimos que sean respetuosas y se ciñan al tema. Los comentarios son revisados por nuestros moderadores antes de publicarse, lo que puede tardar hasta una hora. Eliminaremos todo lo ofensivo o ajeno al tema. Recibirá un correo cuando alguien responda a su comentario o cuando se actualice una conversación que sigue. Por favor, lea nuestras normas de participación para saber más sobre cómo moderamos y cómo cambiar sus ajustes de correo. Gracias por participar en la conversación."),
    ];
    for (headline, lead, second, header, policy) in pages {
        let text = format!("{headline}\n\n{lead}\n\n{second}\n\n{header}\n\n{policy}\n");
        let c = conv(&text);
        assert_eq!(c.front.title.as_deref(), Some(headline), "{text}");
        assert!(c.body.starts_with(&lead[..20]), "{}", c.body);
        assert!(!c.body.contains(&policy[..30]), "{}", c.body);
    }
}

/// A series' blurb printed over the article's own header (a section title, a paragraph that
/// introduces the series, then the headline with its date and byline) opens the densest run:
/// the article starts under the header, and the headline is the one with the date and byline
/// (pages in four languages, written for this test).
#[test]
fn a_headline_with_its_byline_inside_the_run_is_the_articles_header() {
    let pages = [
        ("Harbour week explained", "The harbour has been at the centre of the town's life for three centuries, and its future is now in question. These stories explain how the port works, who pays for it, what the storms have done to its quays and what the council plans to do about it next year.", "Storms have damaged a third of the old quays, a new survey shows", "4 March 2024", "By Jane Roe", "A survey of the harbour published on Monday found that a third of the old quays were damaged by the winter's storms.", "Engineers said the worst damage was on the northern side, where the sea wall had been breached twice since January.", "The council said it would decide on repairs in the spring, once the insurers had seen the survey's findings."),
        ("Die Hafenwoche erklärt", "Der Hafen steht seit drei Jahrhunderten im Mittelpunkt des Lebens der Stadt, und seine Zukunft ist nun ungewiss. Diese Artikel erklären, wie der Hafen funktioniert, wer für ihn bezahlt, was die Stürme an seinen Kais angerichtet haben und was der Stadtrat im nächsten Jahr plant.", "Stürme haben ein Drittel der alten Kais beschädigt, zeigt ein Gutachten", "4. März 2024", "Von Anna Berger", "Ein am Montag veröffentlichtes Gutachten über den Hafen ergab, dass ein Drittel der alten Kais durch die Stürme des Winters beschädigt wurde.", "Die Ingenieure sagten, die schwersten Schäden gebe es auf der Nordseite, wo die Mauer seit Januar zweimal gebrochen sei.", "Der Stadtrat will im Frühjahr über die Reparaturen entscheiden, sobald die Versicherer das Gutachten gesehen haben."),
        ("La semaine du port expliquée", "Le port est au centre de la vie de la ville depuis trois siècles, et son avenir est désormais en question. Ces articles expliquent comment fonctionne le port, qui le paie, ce que les tempêtes ont fait à ses quais et ce que le conseil prévoit de faire l'an prochain.", "Les tempêtes ont endommagé un tiers des vieux quais, selon une étude", "4 mars 2024", "Par Claire Dubois", "Une étude du port publiée lundi a montré qu'un tiers des vieux quais avaient été endommagés par les tempêtes de l'hiver.", "Les ingénieurs ont indiqué que les dégâts les plus graves se trouvaient au nord, où la digue a cédé deux fois depuis janvier.", "Le conseil a dit qu'il déciderait des réparations au printemps, une fois que les assureurs auraient vu l'étude."),
        ("La semana del puerto, explicada", "El puerto ha estado en el centro de la vida de la ciudad durante tres siglos, y su futuro está ahora en duda. Estos artículos explican cómo funciona el puerto, quién lo paga, qué han hecho las tormentas en sus muelles y qué planea hacer el ayuntamiento el año que viene.", "Las tormentas han dañado un tercio de los viejos muelles, según un estudio", "4 de marzo de 2024", "Por Ana Ruiz", "Un estudio del puerto publicado el lunes reveló que un tercio de los viejos muelles había sido dañado por las tormentas del invierno.", "Los ingenieros dijeron que los peores daños estaban en el lado norte, donde el dique se rompió dos veces desde enero.", "El ayuntamiento dijo que decidiría sobre las reparaciones en primavera, cuando las aseguradoras hubieran visto el estudio."),
    ];
    for (series, blurb, headline, date, byline, lead, second, third) in pages {
        let text = format!("Special series\n\n{series}\n\n{blurb}\n\n{headline}\n\n{date}\n\n{byline}\n\n{lead}\n\n{second}\n\n{third}\n");
        let c = conv(&text);
        assert_eq!(c.front.title.as_deref(), Some(headline), "{text}");
        assert_eq!(
            c.front.date.map(|d| d.to_string()).as_deref(),
            Some("2024-03-04")
        );
        assert!(c.body.starts_with(&lead[..20]), "{}", c.body);
    }
}

/// Teaser cards between the article's header and its lead ("SECTION" / title / date, again
/// and again) are one block of the layout, and none of their titles is the headline, though
/// each has a date under it and stands nearer the lead (pages in four languages, written for
/// this test).
#[test]
fn teaser_cards_between_the_header_and_the_lead_are_no_headline() {
    let pages = [
        ("New harbour ferry makes its first crossing to the islands", "By Jane Roe", "More stories like this", ["NEWS", "FEATURES", "NEWS", "REVIEWS", "NEWS"], ["Ferry timetable changes for the summer", "A day on the old island ferry", "Harbour dredging to start in spring", "The new ferry's cabin, tested", "Island council backs a second ferry route"], ["May 2, 2021", "June 14, 2020", "March 3, 2022", "July 9, 2021", "April 1, 2023"], "The new harbour ferry made its first crossing to the islands on Tuesday morning, carrying 300 passengers and a dozen cars, the port said.", "The ferry replaces a vessel that had served the route for thirty years and was often out of service in winter storms."),
        ("Neue Hafenfähre fährt zum ersten Mal zu den Inseln", "Von Anna Schmidt", "Mehr Geschichten wie diese", ["NEWS", "REPORTAGEN", "NEWS", "TESTS", "NEWS"], ["Fahrplan der Fähre ändert sich im Sommer", "Ein Tag auf der alten Inselfähre", "Baggerarbeiten im Hafen beginnen im Frühjahr", "Die Kabine der neuen Fähre im Test", "Inselrat will eine zweite Fährlinie"], ["02.05.2021", "14.06.2020", "03.03.2022", "09.07.2021", "01.04.2023"], "Die neue Hafenfähre hat am Dienstagmorgen zum ersten Mal die Inseln angefahren und 300 Fahrgäste sowie ein Dutzend Autos befördert, teilte der Hafen mit.", "Die Fähre ersetzt ein Schiff, das die Linie dreißig Jahre lang bedient hatte und bei Winterstürmen oft ausfiel."),
        ("Le nouveau ferry du port effectue sa première traversée vers les îles", "Par Claire Dubois", "Plus d'articles comme celui-ci", ["INFOS", "REPORTAGES", "INFOS", "ESSAIS", "INFOS"], ["Les horaires du ferry changent cet été", "Une journée sur le vieux ferry des îles", "Le dragage du port commencera au printemps", "La cabine du nouveau ferry à l'essai", "Le conseil des îles soutient une seconde ligne"], ["2 mai 2021", "14 juin 2020", "3 mars 2022", "9 juillet 2021", "1 avril 2023"], "Le nouveau ferry du port a effectué mardi matin sa première traversée vers les îles avec 300 passagers et une douzaine de voitures, a indiqué le port.", "Le ferry remplace un navire qui desservait la ligne depuis trente ans et tombait souvent en panne lors des tempêtes d'hiver."),
        ("El nuevo ferri del puerto hace su primera travesía a las islas", "Por Lucía Gómez", "Más historias como esta", ["NOTICIAS", "REPORTAJES", "NOTICIAS", "PRUEBAS", "NOTICIAS"], ["Cambian los horarios del ferri en verano", "Un día en el viejo ferri de las islas", "El dragado del puerto empezará en primavera", "Probamos la cabina del nuevo ferri", "El consejo insular apoya una segunda ruta"], ["2 de mayo de 2021", "14 de junio de 2020", "3 de marzo de 2022", "9 de julio de 2021", "1 de abril de 2023"], "El nuevo ferri del puerto hizo el martes por la mañana su primera travesía a las islas con 300 pasajeros y una docena de coches, informó el puerto.", "El ferri sustituye a un barco que cubrió la ruta durante treinta años y que a menudo quedaba fuera de servicio con los temporales."),
    ];
    for (headline, byline, more, labels, titles, days, lead, second) in pages {
        let mut text = format!("Menu\n\nSearch\n\n{headline}\n\n{byline}\n\n{more}\n\n");
        for k in 0..5 {
            text.push_str(&format!(
                "{}\n\n{}\n\n{}\n\n",
                labels[k], titles[k], days[k]
            ));
        }
        text.push_str(&format!("{lead}\n\n{second}\n\n{lead}\n"));
        let c = conv(&text);
        assert_eq!(c.front.title.as_deref(), Some(headline), "{text}");
    }
}

/// A picture's caption printed again and again between the article's paragraphs is no
/// headline, though it shares the lead's words and stands right over it (pages in four
/// languages, written for this test).
#[test]
fn a_caption_printed_between_the_paragraphs_is_no_headline() {
    let pages = [
        ("Spring fair opens on the market square with music and food stalls", "Posted on April 6, 2024 by the editors", "Spring fair 2024 on the market square, music stage", ["The spring fair opened on the market square on Saturday with music and more than forty food stalls.", "The music stage hosted six local bands over the weekend, and the food stalls stayed open until late at night.", "The organisers said more than ten thousand visitors came to the market square over the two days of the fair."]),
        ("Frühlingsfest auf dem Marktplatz eröffnet mit Musik und Essensständen", "Veröffentlicht am 06.04.2024 von der Redaktion", "Frühlingsfest 2024 auf dem Marktplatz, Musikbühne", ["Das Frühlingsfest auf dem Marktplatz wurde am Samstag mit Musik und mehr als vierzig Essensständen eröffnet.", "Auf der Musikbühne spielten am Wochenende sechs Bands aus der Stadt, und die Essensstände blieben bis spät in die Nacht geöffnet.", "Die Veranstalter zählten an den zwei Tagen des Festes mehr als zehntausend Besucher auf dem Marktplatz."]),
        ("La foire de printemps ouvre sur la place du marché avec musique et stands", "Publié le 6 avril 2024 par la rédaction", "Foire de printemps 2024 sur la place du marché, scène musicale", ["La foire de printemps s'est ouverte samedi sur la place du marché avec de la musique et plus de quarante stands.", "La scène musicale a accueilli six groupes de la ville pendant le week-end, et les stands sont restés ouverts tard dans la nuit.", "Les organisateurs ont compté plus de dix mille visiteurs sur la place du marché pendant les deux jours de la foire."]),
        ("La feria de primavera abre en la plaza del mercado con música y puestos", "Publicado el 6 de abril de 2024 por la redacción", "Feria de primavera 2024 en la plaza del mercado, escenario musical", ["La feria de primavera abrió el sábado en la plaza del mercado con música y más de cuarenta puestos de comida.", "El escenario musical acogió a seis grupos de la ciudad durante el fin de semana, y los puestos abrieron hasta tarde.", "Los organizadores contaron más de diez mil visitantes en la plaza del mercado durante los dos días de la feria."]),
    ];
    for (headline, stamp, caption, [a, b, c]) in pages {
        let text = format!(
            "Menu\n\nBlog\n\n{headline}\n\n{stamp}\n\n{caption}\n\n{a}\n\n{caption}\n\n{b}\n\n{caption}\n\n{c}\n\n{caption}\n\n{a}\n"
        );
        let conv = conv(&text);
        assert_eq!(conv.front.title.as_deref(), Some(headline), "{text}");
    }
}

/// The author's name glued to the link beside it ("Jane RoeView More Articles") is the
/// byline under the headline: the headline-shaped line under it is the article's
/// sub-headline, not its headline (pages in four languages, written for this test).
#[test]
fn a_name_glued_to_its_link_is_the_byline_under_the_headline() {
    let pages = [
        ("Harbour town opens its new ferry terminal after two years of work", "Jane RoeView More Articles", "Jane Roe", "New ferry terminal welcomes its first passengers in the harbour town", "Photo: Port authority May 2, 2021 10:15", "The harbour town opened its new ferry terminal on Tuesday, two years after work began, and the first passengers boarded the morning ferry to the islands.", "The terminal has a larger waiting hall, a cafe and covered walkways to the ferry, and it can handle two ferries at the same time."),
        ("Hafenstadt eröffnet nach zwei Jahren Bauzeit ihr neues Fährterminal", "Anna SchmidtAlle Artikel ansehen", "Anna Schmidt", "Neues Fährterminal begrüßt die ersten Fahrgäste in der Hafenstadt", "Foto: Hafenamt 02.05.2021 10:15", "Die Hafenstadt hat am Dienstag ihr neues Fährterminal eröffnet, zwei Jahre nach Baubeginn, und die ersten Fahrgäste stiegen in die Morgenfähre zu den Inseln.", "Das Terminal hat eine größere Wartehalle, ein Café und überdachte Wege zur Fähre, und es kann zwei Fähren zugleich abfertigen."),
        ("La ville portuaire ouvre son nouveau terminal de ferry après deux ans de travaux", "Claire DuboisVoir tous ses articles", "Claire Dubois", "Le nouveau terminal de ferry accueille ses premiers passagers dans la ville portuaire", "Photo : Autorité portuaire 2 mai 2021 10:15", "La ville portuaire a ouvert mardi son nouveau terminal de ferry, deux ans après le début des travaux, et les premiers passagers ont pris le ferry du matin vers les îles.", "Le terminal a une plus grande salle d'attente, un café et des passages couverts vers le ferry, et il peut accueillir deux ferries à la fois."),
        ("La ciudad portuaria abre su nueva terminal de ferri tras dos años de obras", "Lucía GómezVer más artículos", "Lucía Gómez", "La nueva terminal de ferri recibe a sus primeros pasajeros en la ciudad portuaria", "Foto: Autoridad portuaria 2 de mayo de 2021 10:15", "La ciudad portuaria abrió el martes su nueva terminal de ferri, dos años después del inicio de las obras, y los primeros pasajeros tomaron el ferri de la mañana a las islas.", "La terminal tiene una sala de espera más grande, una cafetería y pasillos cubiertos hasta el ferri, y puede atender dos ferris a la vez."),
    ];
    for (headline, glued, name, sub, stamp, lead, second) in pages {
        let text = format!(
            "Menu\n\nSearch\n\n{headline}\n\n{glued}\n\n{sub}\n\n{stamp}\n\n{lead}\n\n{second}\n"
        );
        let c = conv(&text);
        assert_eq!(c.front.title.as_deref(), Some(headline), "{text}");
        assert_eq!(c.front.authors, [name], "{text}");
    }
}

/// Markup a renderer or a CMS left in the text (an empty ad slot, a shortcode), a widget's
/// notice that it needs JavaScript and a logo's credit printed twice: none of it reaches the
/// body (pages in four languages, written for this test).
#[test]
fn placeholders_widget_notices_and_logo_credits_leave_the_body() {
    let pages = [
        ("Harbour ferry returns after a winter of repairs", "By Ann Moss", "In partnership with", "This slideshow requires JavaScript.", ["The harbour ferry returned to service on Monday after a winter of repairs to its engine and deck.", "Passengers waited on the pier from early morning, and the first crossing left on time at seven.", "The operator said the ferry would run every hour until the end of the summer season."]),
        ("Hafenfähre fährt nach Reparaturen im Winter wieder", "Von Anna Moos", "In Zusammenarbeit mit", "Diese Bildergalerie erfordert JavaScript.", ["Die Hafenfähre hat am Montag nach einem Winter voller Reparaturen an Motor und Deck den Betrieb wieder aufgenommen.", "Die Fahrgäste warteten schon am frühen Morgen auf dem Steg, und die erste Überfahrt legte pünktlich um sieben ab.", "Der Betreiber sagte, die Fähre fahre bis zum Ende der Sommersaison jede Stunde."]),
        ("Le bac du port reprend du service après un hiver de réparations", "Par Anne Mousse", "En partenariat avec", "Ce diaporama nécessite JavaScript.", ["Le bac du port a repris du service lundi après un hiver de réparations du moteur et du pont.", "Les passagers attendaient sur la jetée dès le petit matin, et la première traversée est partie à sept heures.", "L'exploitant a indiqué que le bac circulerait toutes les heures jusqu'à la fin de la saison d'été."]),
        ("El ferry del puerto vuelve tras un invierno de reparaciones", "Por Ana Musgo", "En colaboración con", "Esta galería requiere JavaScript.", ["El ferry del puerto volvió al servicio el lunes después de un invierno de reparaciones del motor y la cubierta.", "Los pasajeros esperaban en el muelle desde primera hora, y la primera travesía salió puntual a las siete.", "La empresa dijo que el ferry saldrá cada hora hasta el final de la temporada de verano."]),
    ];
    for (headline, byline, credit, notice, [a, b, c]) in pages {
        let text = format!(
            "Menu\n\n{headline}\n\n{byline}\n\n{credit}\n\nDonate\n\n{credit}\n\n{a}\n\n[INS::INS]\n\n{notice}\n\n━━━━━━━━━━━━━━━━━━━━\n\n{b}\n\n[gallery ids=\"12,13,14\"]\n\n[button link=\"/tips\" type=\"big\"] Send us a tip[/button]\n\n{c}\n"
        );
        let conv = conv(&text);
        let body = &conv.body;
        for gone in [credit, notice, "INS", "gallery", "button", "Send us a tip"] {
            assert!(!body.contains(gone), "{gone:?} in {body}");
        }
        for kept in [a, b, c] {
            assert!(body.contains(kept), "{kept:?} not in {body}");
        }
    }
}

/// A header that opens with "more" and names what a teaser list holds ends the article; a
/// section label taken from a line of buttons ("Donate Become a member") names no section.
#[test]
fn more_stories_headers_end_the_article_and_menu_lines_name_no_section() {
    let pages = [
        ("Donate Become a member", "More great Harbour Post stories", ["The city council voted on Tuesday to extend the night bus service to the outer districts.", "The new routes start in June and will run every twenty minutes between midnight and five.", "Council members said the cost would be met from the transport budget without a rise in fares."]),
        ("Suche Anmelden", "Weitere Artikel", ["Der Stadtrat hat am Dienstag beschlossen, den Nachtbus bis in die äußeren Bezirke zu verlängern.", "Die neuen Linien starten im Juni und fahren zwischen Mitternacht und fünf Uhr alle zwanzig Minuten.", "Die Kosten sollen nach Angaben des Rates aus dem Verkehrshaushalt ohne höhere Fahrpreise gedeckt werden."]),
        ("Rechercher Connexion", "Plus d'articles", ["Le conseil municipal a voté mardi la prolongation du bus de nuit vers les quartiers périphériques.", "Les nouvelles lignes démarrent en juin et passeront toutes les vingt minutes entre minuit et cinq heures.", "Selon les élus, le coût sera couvert par le budget des transports sans hausse des tarifs."]),
        ("Buscar Iniciar sesión", "Más noticias", ["El ayuntamiento aprobó el martes ampliar el autobús nocturno a los barrios de las afueras.", "Las nuevas líneas empiezan en junio y pasarán cada veinte minutos entre la medianoche y las cinco.", "Según los concejales, el coste saldrá del presupuesto de transporte sin subir las tarifas."]),
    ];
    let headline = "Night buses to reach the outer districts";
    for (menu, more, [a, b, c]) in pages {
        let text = format!(
            "{menu}\n\n{headline}\n\n{a}\n\n{b}\n\n{c}\n\n{more}\n\nBridge repairs close the river road for a week\n\nSchool year to start a week later\n\nNew library opens in the old station\n"
        );
        let conv = conv(&text);
        assert_eq!(conv.front.title.as_deref(), Some(headline), "{text}");
        assert_eq!(conv.front.section, None, "{text}");
        assert!(conv.body.contains(c), "{}", conv.body);
        assert!(!conv.body.contains("New library"), "{}", conv.body);
    }
}

/// A line of box-drawing dashes between two parts of an article (as a text browser prints a
/// page's `<hr>`) becomes one thematic break between them, never a paragraph of hundreds of
/// unbreakable characters; breaks at the ends and doubled breaks go.
#[test]
fn drawn_rules_become_thematic_breaks() {
    let rule = "━".repeat(300);
    let text = format!(
        "Harbour cranes idle as dock strike enters its third week

By Ines Calloway

{rule}

Dock workers in the northern port walked out again on Tuesday, leaving container ships \
waiting at anchor and lorries queued along the coast road for several kilometres.

The union says the employers' latest offer does not cover the rising cost of housing near \
the harbour, and its members voted by a wide margin to continue the action.

{rule}

{rule}

Talks are due to resume on Friday under a mediator appointed by the regional government, \
who said both sides had agreed to meet without preconditions.

Employers warned that perishable cargo would be diverted to other ports if the strike lasts \
into next month, a move that could cost the region hundreds of jobs.

{rule}
"
    );
    let c = conv(&text);
    assert!(!c.body.contains('━'), "a drawn rule stayed:\n{}", c.body);
    assert_eq!(c.body.matches("* * *").count(), 1, "{}", c.body);
    let parts: Vec<&str> = c.body.split("* * *").collect();
    assert!(parts[0].contains("wide margin"), "{}", c.body);
    assert!(parts[1].contains("mediator"), "{}", c.body);
    assert!(!c.body.trim_end().ends_with("* * *"), "{}", c.body);
}
