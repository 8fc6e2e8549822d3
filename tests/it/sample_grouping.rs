//! The bundled sample (content/, site.yaml): its designed multi-outlet events are grouped into
//! stories, and nothing else is.
//!
//! The sample has five events covered by several outlets on the same day or overnight. Other
//! pieces of the same weeks share most of their vocabulary with them (the same people, the
//! same trip) but report other events: the next day's stop, a later Security Council vote,
//! another piece by the same outlet. They must stay out.

use std::collections::BTreeSet;
use std::path::PathBuf;

use dossier::content::load_dir;

use crate::common::analyze_and_group;
use dossier::Config;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The designed events, by file (relative to content/).
const EVENTS: &[&[&str]] = &[
    // 7 January, Doha.
    &[
        "articles/2024/01/blinken-doha-keep-war-from-spreading.md",
        "articles/2024/01/journalists-killed-as-blinken-meets-qatari-leaders.md",
    ],
    // 6 February: Hamas' reply reaches the mediators.
    &[
        "articles/2024/02/blinken-cairo-doha-hamas-weighs-plan.md",
        "articles/2024/02/blinken-returns-as-rafah-fills.md",
        "articles/2024/02/qatar-hamas-reply-mediators.md",
    ],
    // 7 February: the two news conferences.
    &[
        "articles/2024/02/analysis-two-news-conferences-one-evening.md",
        "articles/2024/02/blinken-non-starters-space-for-agreement.md",
        "articles/2024/02/netanyahu-rejects-hamas-terms-blinken-israel.md",
    ],
    // 2 March: the first US airdrop.
    &[
        "articles/2024/03/gazans-say-airdrops-no-substitute-for-crossings.md",
        "articles/2024/03/how-the-first-us-airdrop-worked.md",
        "articles/2024/03/us-first-airdrop-aid-gaza.md",
    ],
    // 22 March: Blinken in Tel Aviv, the vetoed draft.
    &[
        "articles/2024/03/blinken-meets-war-cabinet-tel-aviv.md",
        "articles/2024/03/blinken-warns-netanyahu-rafah-isolation.md",
        "articles/2024/03/russia-china-veto-us-ceasefire-draft.md",
    ],
];

fn multi_document_stories(drafts: bool) -> (Vec<BTreeSet<String>>, Vec<String>) {
    let root = root();
    let config = Config::load(&root.join("site.yaml")).expect("site.yaml loads");
    let loaded = load_dir(&root.join("content"), &[root.join("content/inbox")], drafts);
    assert!(
        loaded.diagnostics.iter().all(|d| !d.is_error()),
        "sample content has errors"
    );
    let docs = loaded.documents;
    let (_, grouping) = analyze_and_group(&docs, &config);
    let mut stories: Vec<BTreeSet<String>> = grouping
        .stories
        .iter()
        .filter(|s| s.is_multi_document())
        .map(|s| s.docs.iter().map(|&d| docs[d].rel_path.clone()).collect())
        .collect();
    stories.sort();
    for s in grouping.stories.iter().filter(|s| s.is_multi_document()) {
        assert!(
            s.is_multi_source(),
            "{} has one outlet: {:?}",
            s.slug,
            s.sources
        );
    }
    (stories, docs.iter().map(|d| d.rel_path.clone()).collect())
}

fn check(drafts: bool) {
    let (found, all) = multi_document_stories(drafts);
    let mut want: Vec<BTreeSet<String>> = EVENTS
        .iter()
        .map(|e| e.iter().map(|s| s.to_string()).collect())
        .collect();
    want.sort();
    for event in &want {
        for doc in event {
            assert!(all.contains(doc), "sample lacks {doc}");
        }
    }
    assert_eq!(
        found, want,
        "the sample's stories differ from its designed events"
    );
}

#[test]
fn sample_groups_its_designed_events_and_nothing_else() {
    check(false);
}

#[test]
fn a_draft_on_a_related_topic_does_not_join_an_event() {
    // The draft reports a Security Council vote three days after the 22 March events.
    check(true);
}

#[test]
fn a_story_is_filed_under_what_it_is_about() {
    // The 22 March story: Blinken's talks with the war cabinet, his warning on Rafah, and the
    // vetoed draft (which names Russia and China in its title). It is about Blinken's visit,
    // not about China.
    let root = root();
    let config = Config::load(&root.join("site.yaml")).expect("site.yaml loads");
    let docs = load_dir(&root.join("content"), &[root.join("content/inbox")], false).documents;
    let (_, g) = analyze_and_group(&docs, &config);
    let d = docs
        .iter()
        .position(|d| d.rel_path == "articles/2024/03/russia-china-veto-us-ceasefire-draft.md")
        .expect("sample document");
    let story = &g.stories[g.doc_story[d].expect("in a story")];
    let main = story.main_topic.expect("a main topic");
    assert_eq!(g.topics[main].name, "Antony Blinken");
    // Every multi-document story has a main topic, a title and a summary.
    for s in g.stories.iter().filter(|s| s.is_multi_document()) {
        assert!(s.main_topic.is_some() && !s.title.is_empty() && !s.summary.is_empty());
    }
}
