//! Page furniture recognised line by line: families of junk that news sites share, keyed to
//! line shape and to vocabulary lists gathered across many outlets, never to one page.
//!
//! Each family has a stable rule name that the dry run and the report show.

use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::Regex;

use super::blocks::Unit;
use super::rules::Rule;

pub const SKIP_LINKS: Rule = Rule::SkipLinks;
pub const NAVIGATION: Rule = Rule::Navigation;
pub const BREADCRUMB: Rule = Rule::Breadcrumb;
pub const READ_TIME: Rule = Rule::ReadTime;
pub const DURATION: Rule = Rule::Duration;
pub const RELATIVE_TIME: Rule = Rule::RelativeTime;
pub const PLAYER_NOTICE: Rule = Rule::PlayerNotice;
pub const KIND_MARKER: Rule = Rule::KindMarker;
pub const COOKIE_NOTICE: Rule = Rule::CookieNotice;
pub const NEWSLETTER: Rule = Rule::Newsletter;
pub const COMMENT_POLICY: Rule = Rule::CommentPolicy;
pub const RELATED_BLOCK: Rule = Rule::RelatedBlock;
pub const RELATED_INLINE: Rule = Rule::RelatedInline;
pub const BACK_TO_TOP: Rule = Rule::BackToTop;
pub const IMAGE_CREDIT: Rule = Rule::ImageCredit;
pub const GALLERY_CONTROLS: Rule = Rule::GalleryControls;
pub const AD_MARKER: Rule = Rule::AdMarker;
pub const SHARE_WIDGET: Rule = Rule::ShareWidget;
pub const COPYRIGHT: Rule = Rule::Copyright;
pub const SITE_FOOTER: Rule = Rule::SiteFooter;
pub const APP_PROMO: Rule = Rule::AppPromo;
pub const END_MARK: Rule = Rule::EndMark;
pub const AGE_NOTICE: Rule = Rule::AgeNotice;

/// Whole lines (lower case, end punctuation removed) that are furniture wherever they stand.
const EXACT: &[(Rule, &[&str])] = &[
    (
        NAVIGATION,
        &[
            "menu",
            "main menu",
            "open menu",
            "close menu",
            "toggle menu",
            "toggle navigation",
            "navigation",
            "main navigation",
            "open navigation",
            "close navigation",
            "search",
            "open search",
            "close search",
            "search query",
            "submit search",
            "sign in",
            "log in",
            "login",
            "log out",
            "logout",
            "register",
            "sign up",
            "my account",
            "account",
            "home",
            "homepage",
            "sections",
            "all sections",
            "more",
            "close",
            "open",
            "edition",
            "change edition",
            "change language",
            "languages",
            "language",
            "all topics",
            "topics",
            "latest",
            "live tv",
            "podcasts",
            "newsletters",
            "subscribe",
            "subscribe now",
            "donate",
            "contact us",
            "contact",
            "about us",
            "about",
            "privacy policy",
            "privacy",
            "privacy notice",
            "terms of use",
            "terms of service",
            "terms and conditions",
            "terms & conditions",
            "accessibility",
            "accessibility statement",
            "sitemap",
            "site map",
            "advertise",
            "advertise with us",
            "careers",
            "jobs",
            "rss",
            "rss feed",
            "follow us",
            "you are here",
            "next",
            "previous",
            "prev",
            "next article",
            "previous article",
            "next story",
            "previous story",
            "loading",
            "please wait",
            "world",
            "us",
            "u.s",
            "uk",
            "politics",
            "business",
            "tech",
            "technology",
            "science",
            "health",
            "sport",
            "sports",
            "culture",
            "entertainment",
            "travel",
            "style",
            "opinion",
            "opinions",
            "video",
            "videos",
            "audio",
            "live",
            "watch",
            "listen",
            "weather",
            "markets",
            "lifestyle",
            "news",
            "more news",
            "top news",
            "breaking news",
            "featured",
            "explore",
            "discover",
            "in pictures",
            "photos",
            "galleries",
            "press releases",
            "cookie settings",
            "manage cookies",
            "do not sell my personal information",
            "do not sell or share my personal information",
            "your privacy choices",
            "feedback",
            "help",
            "faq",
            "imprint",
            "impressum",
            "legal notice",
            "corrections",
            "archive",
            "archives",
            "print edition",
            "e-paper",
            "epaper",
            "apps",
            "mobile apps",
            "skip",
            "expand",
            "collapse",
            "show more",
            "show less",
            "load more",
            "view all",
            "see all",
            "see more",
            "top of form",
            "bottom of form",
            "key events",
            "show key events only",
            "filter",
            "sort by",
            "all",
            "more sections",
            "quick links",
            "useful links",
            "in this article",
            "table of contents",
            "contents",
            "jump to",
            "on this page",
        ],
    ),
    (
        SHARE_WIDGET,
        &[
            "share",
            "save",
            "saved",
            "bookmark",
            "print",
            "email",
            "e-mail",
            "copy link",
            "gift this article",
            "gift article",
            "share this",
            "share article",
            "share story",
        ],
    ),
    (
        BACK_TO_TOP,
        &[
            "back to top",
            "back to top button",
            "to top",
            "top",
            "top of page",
            "return to top",
            "scroll to top",
            "go to top",
            "jump to top",
            "back to the top",
            "back to top of page",
        ],
    ),
    (
        AD_MARKER,
        &[
            "advertisement",
            "advertisements",
            "advert",
            "ad",
            "ads",
            "sponsored",
            "sponsored content",
            "paid content",
            "promoted",
            "promoted content",
            "partner content",
            "paid post",
            "scroll to continue",
            "scroll to continue with content",
            "story continues below",
            "story continues below advertisement",
            "article continues below",
            "article continues below advertisement",
            "continue reading below",
            "continue reading",
            "continue reading the main story",
            "ad feedback",
            "adchoices",
            "report this ad",
            "remove ads",
            "advertisement - scroll to continue",
            "supported by",
            "content from our partners",
            "from our partners",
            "sponsored links",
        ],
    ),
    (
        COMMENT_POLICY,
        &[
            "comments",
            "comment",
            "view comments",
            "show comments",
            "hide comments",
            "leave a comment",
            "post a comment",
            "add a comment",
            "add comment",
            "write a comment",
            "join the conversation",
            "join the discussion",
            "be the first to comment",
            "comments are closed",
            "comments have been closed",
            "leave a reply",
            "reply",
            "discussion",
            "no comments yet",
            "load comments",
        ],
    ),
    (
        COOKIE_NOTICE,
        &[
            "accept",
            "accept all",
            "reject all",
            "allow all",
            "accept cookies",
            "accept all cookies",
            "reject cookies",
            "decline",
            "i agree",
            "i accept",
            "agree",
            "got it",
            "manage preferences",
            "manage settings",
            "cookie preferences",
            "privacy settings",
            "save preferences",
            "save and close",
            "confirm my choices",
            "customize",
            "customise",
            "strictly necessary cookies",
            "necessary cookies",
            "performance cookies",
            "functional cookies",
            "targeting cookies",
            "analytics cookies",
            "advertising cookies",
            "marketing cookies",
            "manage consent",
            "consent preferences",
        ],
    ),
    (
        PLAYER_NOTICE,
        &[
            "play",
            "pause",
            "mute",
            "unmute",
            "fullscreen",
            "full screen",
            "exit fullscreen",
            "captions",
            "subtitles",
            "settings",
            "volume",
            "replay",
            "play video",
            "play audio",
            "watch video",
            "watch now",
            "now playing",
            "up next",
            "autoplay",
            "media player",
            "video player",
            "audio player",
            "listen to this article",
            "listen to article",
            "listen to this story",
            "click to play",
            "tap to play",
            "press play",
            "loading video",
        ],
    ),
    (
        GALLERY_CONTROLS,
        &[
            "enlarge this image",
            "enlarge image",
            "expand image",
            "toggle caption",
            "hide caption",
            "show caption",
            "view gallery",
            "open gallery",
            "view image",
            "view images",
            "image gallery",
            "photo gallery",
            "previous image",
            "next image",
            "zoom",
            "view larger",
        ],
    ),
    (
        KIND_MARKER,
        &[
            "video transcript",
            "transcript",
            "full transcript",
            "read the transcript",
            "watch the video",
            "for immediate release",
            "press release",
            "news release",
            "press statement",
            "media statement",
            "live updates",
            "live blog",
            "live coverage",
            "live reporting",
            "as it happened",
            "watch live",
        ],
    ),
    (
        SITE_FOOTER,
        &[
            "our standards",
            "the thomson reuters trust principles",
            "our standards: the thomson reuters trust principles",
            "editorial standards",
            "editorial guidelines",
            "corrections policy",
            "ethics policy",
            "masthead",
        ],
    ),
    (
        APP_PROMO,
        &[
            "download the app",
            "download our app",
            "get the app",
            "open in app",
            "open the app",
            "open app",
            "install the app",
        ],
    ),
];

/// Headers of link lists that other stories fill: after the article they end it.
const END_HEADERS: &[&str] = &[
    "related",
    "related articles",
    "related stories",
    "related content",
    "related news",
    "related coverage",
    "related topics",
    "related links",
    "related posts",
    "related videos",
    "related reading",
    "more stories",
    "more news",
    "more articles",
    "more from",
    "more stories from",
    "more on this story",
    "more on this topic",
    "more on this",
    "more on",
    "more in",
    "more like this",
    "more to explore",
    "more videos",
    "more to read",
    "top story",
    "top stories",
    "you may also like",
    "you might also like",
    "you may be interested in",
    "you might be interested in",
    "recommended",
    "recommended stories",
    "recommended for you",
    "recommended articles",
    "recommended reading",
    "most read",
    "most popular",
    "most viewed",
    "most shared",
    "most watched",
    "popular",
    "popular now",
    "popular stories",
    "trending",
    "trending now",
    "trending stories",
    "latest news",
    "latest stories",
    "latest videos",
    "latest articles",
    "also read",
    "see also",
    "don't miss",
    "do not miss",
    "editor's picks",
    "editors' picks",
    "editors picks",
    "what to read next",
    "further reading",
    "explore more",
    "in case you missed it",
    "other news",
    "around the web",
    "sponsored stories",
    "promoted stories",
    "keep reading",
    "read next",
    "watch more",
    "related video",
    "more from our correspondents",
    "elsewhere",
    "what's next",
    "next up",
    "also on",
    "stories you may have missed",
    "read more stories",
    "more top stories",
];

/// Single-line teaser labels inside an article ("Related: ...", "READ MORE: ...").
const INLINE_RELATED: &[&str] = &[
    "related article",
    "related story",
    "related:",
    "read more:",
    "read more",
    "also read:",
    "also read",
    "read also:",
    "read also",
    "see also:",
    "more:",
    "related video",
    "recommended:",
    "must read:",
    "don't miss:",
    "more on this:",
];

/// Phrases that mark a line as furniture when found anywhere in a short enough line:
/// (phrase, rule, at most this many words in the line).
const CONTAINS: &[(&str, Rule, usize)] = &[
    ("does not support the video", PLAYER_NOTICE, 30),
    ("doesn't support the video", PLAYER_NOTICE, 30),
    ("does not support video", PLAYER_NOTICE, 30),
    ("does not support the audio", PLAYER_NOTICE, 30),
    ("does not support html5", PLAYER_NOTICE, 30),
    ("does not support the iframe", PLAYER_NOTICE, 30),
    ("browser does not support", PLAYER_NOTICE, 30),
    ("browser doesn't support", PLAYER_NOTICE, 30),
    ("enable javascript", PLAYER_NOTICE, 30),
    ("javascript is disabled", PLAYER_NOTICE, 30),
    ("javascript is required", PLAYER_NOTICE, 30),
    ("javascript must be enabled", PLAYER_NOTICE, 30),
    ("turn on javascript", PLAYER_NOTICE, 30),
    ("video unavailable", PLAYER_NOTICE, 20),
    ("video is unavailable", PLAYER_NOTICE, 20),
    ("video is not available", PLAYER_NOTICE, 20),
    ("video cannot be played", PLAYER_NOTICE, 20),
    ("video can not be played", PLAYER_NOTICE, 20),
    ("video player is loading", PLAYER_NOTICE, 20),
    ("this is a modal window", PLAYER_NOTICE, 30),
    ("upgrade your browser", PLAYER_NOTICE, 30),
    ("update your browser", PLAYER_NOTICE, 30),
    ("unsupported browser", PLAYER_NOTICE, 30),
    ("to view this video", PLAYER_NOTICE, 30),
    ("to watch this video", PLAYER_NOTICE, 30),
    ("to play this video", PLAYER_NOTICE, 30),
    ("media playback is unsupported", PLAYER_NOTICE, 30),
    ("ad blocker", AD_MARKER, 30),
    ("adblocker", AD_MARKER, 30),
    ("ad-blocker", AD_MARKER, 30),
    ("story continues below", AD_MARKER, 8),
    ("article continues below", AD_MARKER, 8),
    ("all rights reserved", COPYRIGHT, 30),
    ("may not be published, broadcast, rewritten", COPYRIGHT, 60),
    ("may not be reproduced", COPYRIGHT, 40),
    ("trust principles", SITE_FOOTER, 12),
    ("download the app", APP_PROMO, 15),
    ("download our app", APP_PROMO, 15),
    ("get the app", APP_PROMO, 15),
    ("in your inbox", NEWSLETTER, 30),
    ("to your inbox", NEWSLETTER, 30),
    ("straight to your inbox", NEWSLETTER, 30),
    ("unsubscribe at any time", NEWSLETTER, 40),
    ("by subscribing", NEWSLETTER, 40),
    ("by signing up", NEWSLETTER, 40),
    ("sign up for our", NEWSLETTER, 30),
    ("subscribe to our", NEWSLETTER, 30),
    ("our newsletter", NEWSLETTER, 30),
    ("enter your email", NEWSLETTER, 30),
    ("your email address", NEWSLETTER, 30),
    ("thank you for subscribing", NEWSLETTER, 30),
    ("thanks for subscribing", NEWSLETTER, 30),
    ("already a subscriber", NEWSLETTER, 30),
    ("already have an account", NEWSLETTER, 30),
    ("support independent journalism", NEWSLETTER, 40),
    ("support our journalism", NEWSLETTER, 40),
    ("start your free trial", NEWSLETTER, 30),
    ("subscribers only", NEWSLETTER, 30),
    ("to continue reading", NEWSLETTER, 15),
    ("available on the app store", APP_PROMO, 15),
    ("get it on google play", APP_PROMO, 15),
    ("create a free account", NEWSLETTER, 30),
    ("follow us on", SHARE_WIDGET, 12),
    ("purchase licensing rights", IMAGE_CREDIT, 20),
    ("licensing rights", IMAGE_CREDIT, 8),
    ("reading list", SHARE_WIDGET, 15),
    ("read later", SHARE_WIDGET, 15),
    ("save this article", SHARE_WIDGET, 8),
    ("navigation", NAVIGATION, 4),
    ("send us your feedback", NAVIGATION, 8),
    ("listen to this article", PLAYER_NOTICE, 12),
    ("listen to this story", PLAYER_NOTICE, 12),
    ("this article is more than", AGE_NOTICE, 12),
    ("this article was published more than", AGE_NOTICE, 14),
    ("this story is more than", AGE_NOTICE, 12),
    ("this content is more than", AGE_NOTICE, 12),
    ("share this article", SHARE_WIDGET, 10),
    ("share this story", SHARE_WIDGET, 10),
    ("share on facebook", SHARE_WIDGET, 10),
    ("share on twitter", SHARE_WIDGET, 10),
    ("share via email", SHARE_WIDGET, 10),
    ("copy link", SHARE_WIDGET, 10),
    ("link copied", SHARE_WIDGET, 10),
];

/// Prefixes (of the lower-case line) of newsletter and subscription prompts.
const NEWSLETTER_PREFIXES: &[&str] = &[
    "subscribe to",
    "subscribe for",
    "sign up for",
    "sign up to",
    "sign up and",
    "get our",
    "get the latest",
    "get the best",
    "get breaking news",
    "join our",
    "become a member",
    "become a subscriber",
    "stay informed",
    "stay up to date",
    "stay up-to-date",
    "receive our",
    "want more",
    "don't miss out",
    "never miss",
];

/// Words of a share bar; a line made of nothing else is the bar.
const SHARE_WORDS: &[&str] = &[
    "share",
    "sharing",
    "facebook",
    "twitter",
    "x",
    "whatsapp",
    "telegram",
    "linkedin",
    "reddit",
    "email",
    "e-mail",
    "mail",
    "print",
    "copy",
    "link",
    "copied",
    "url",
    "pinterest",
    "messenger",
    "tweet",
    "flipboard",
    "this",
    "article",
    "story",
    "page",
    "on",
    "via",
    "save",
    "bookmark",
    "gift",
    "comment",
    "comments",
    "sms",
    "tumblr",
    "vk",
    "weibo",
    "wechat",
    "threads",
    "bluesky",
    "mastodon",
    "instagram",
    "youtube",
    "tiktok",
    "follow",
    "us",
    "the",
    "and",
    "or",
    "to",
    "clipboard",
    "full",
    "saved",
    "share:",
    "opens",
    "new",
    "window",
    "tab",
];
const SHARE_NETWORKS: &[&str] = &[
    "share",
    "facebook",
    "twitter",
    "whatsapp",
    "telegram",
    "linkedin",
    "reddit",
    "email",
    "e-mail",
    "print",
    "pinterest",
    "messenger",
    "tweet",
    "flipboard",
    "copy",
    "bookmark",
    "instagram",
    "youtube",
    "tiktok",
    "bluesky",
    "threads",
    "mastodon",
];

static EXACT_MAP: LazyLock<HashMap<&'static str, Rule>> = LazyLock::new(|| {
    let mut m = HashMap::new();
    for (rule, lines) in EXACT {
        for l in *lines {
            m.entry(*l).or_insert(*rule);
        }
    }
    m
});

static CONTAINS_AC: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        // A few hundred short patterns: the DFA is small and the fastest to scan with.
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(
            CONTAINS
                .iter()
                .map(|c| c.0)
                .chain(["cookie", "consent", "comment"]),
        )
        .expect("valid patterns")
});

static SKIP_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:skip|jump|go|move)\s+(?:to|next|over|past|directly to|navigation)(?-u:\b)|^skip\s+(?:navigation|links?|ad|advert|advertisement)(?-u:\b)")
        .expect("valid regex")
});
static READ_TIME_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:estimated\s+)?(?:reading|read|listening|listen|watch)(?:ing)?\s+time\s*:?\s*|listen\s*:?\s*|watch\s*:?\s*)?(?:about\s+|approx\.?\s+|~\s*)?\d{1,3}\s*(?:-|–)?\s*(?:min|mins|minute|minutes|m)(?-u:\b)\.?(?:\s+(?:read|reading|listen|watch|video|audio))?(?:\s+ago)?$|^(?:less than|under)\s+(?:a|one|\d+)\s+min(?:ute)?s?\s+read$")
        .expect("valid regex")
});
static DURATION_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:video\s+|audio\s+)?duration\s*:?\s*|video\s*|audio\s*|play\s*|watch\s*)?\(?\d{1,2}:\d{2}(?::\d{2})?\)?(?:\s*(?:min|mins|minutes))?$")
        .expect("valid regex")
});
static RELATIVE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:updated|published|posted|last updated)\s*:?\s*)?(?:\d+|an?|one|a few)\s+(?:sec|secs|second|seconds|min|mins|minute|minutes|hr|hrs|hour|hours|day|days|week|weeks|month|months|year|years|h|m|d)\s+ago$|^(?:just now|moments ago)$|^(?:today|yesterday)(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[a-z]{2,4})?)?$")
        .expect("valid regex")
});
static CREDIT_ONLY_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:photo|photos|photograph|image|images|picture|pictures|illustration|graphic|footage|credit|credits|photo credit|image credit|image source|source image|file photo|cover photo|top image|main image|header image|featured image)\s*(?:by)?\s*[:/|,]|(?i)^\(?(?:ap|afp|reuters|epa)\s+photo(?-u:\b)|(?i)^photo(?:graph)?\s+by(?-u:\b)")
        .expect("valid regex")
});
static AGENCY_CREDIT_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)getty images|shutterstock|alamy|afp via getty|reuters/|ap photo|(?-u:\b)ap/|epa-efe|/epa(?-u:\b)|/afp(?-u:\b)|(?-u:\b)imago(?-u:\b)|picture[- ]alliance|(?-u:\b)dpa(?-u:\b)|anadolu|xinhua/|(?-u:\b)pool/|/pool(?-u:\b)|handout|sipa|zuma|nurphoto|(?-u:\b)file(?-u:\b).*/|©")
        .expect("valid regex")
});
/// Wire and press-release end marks: "###", "-30-", "ENDS".
static END_MARK_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:#\s*#\s*#|-\s*30\s*-|–\s*30\s*–|\*\s*\*\s*\*\s*end\s*\*\s*\*\s*\*|-\s*ends?\s*-|ends|\(\s*ends?\s*\)|end of (?:article|story))$")
        .expect("valid regex")
});
static FOLLOW_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^follow\s+(?:\S+\s+){0,4}on\s+(?:twitter|x|facebook|instagram|linkedin|threads|bluesky|telegram|whatsapp|youtube|tiktok|mastodon)")
        .expect("valid regex")
});
static COMMENT_COUNT_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\d+\s+(?:comments?|replies|reactions?)$|^comments?\s*\(\d+\)$")
        .expect("valid regex")
});
static GALLERY_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:image|photo|picture|slide)\s+)?\d{1,3}\s*(?:of|/)\s*\d{1,3}$")
        .expect("valid regex")
});
static BREADCRUMB_SEP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*(?:\s>\s|›|»|→|\s/\s|\s\|\s|\s·\s|\s•\s)\s*").expect("valid regex")
});

/// The line reduced for vocabulary tests: lower case, list markers, brackets and end
/// punctuation removed, curly apostrophes straightened.
pub fn key(lower: &str) -> String {
    let s = if lower.contains(['’', '‘']) {
        lower.replace(['’', '‘'], "'")
    } else {
        lower.to_string()
    };
    // "1. skip to content": a menu's numbering is not part of the entry.
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let s = match s[digits..].strip_prefix(['.', ')']) {
        Some(rest) if (1..=2).contains(&digits) && rest.starts_with(' ') => rest.to_string(),
        _ => s,
    };
    let s = s.trim_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '.' | ':'
                    | '!'
                    | '|'
                    | '>'
                    | '›'
                    | '»'
                    | '<'
                    | '‹'
                    | '«'
                    | '-'
                    | '–'
                    | '—'
                    | '*'
                    | '•'
                    | '['
                    | ']'
                    | '('
                    | ')'
                    | '#'
                    | '+'
                    | '='
                    | '→'
                    | '↑'
            )
    });
    s.to_string()
}

/// The furniture rule a line falls under by itself, if any.
pub fn line_rule(u: &Unit) -> Option<Rule> {
    // Furniture is short; the longest family (consent texts) stays under 80 words, and a
    // line of thousands of bytes with few spaces (an encoded blob) is no furniture either.
    if u.words > 80 || u.text.len() > 4000 {
        return None;
    }
    if u.words <= 5 && END_MARK_RE.is_match(u.text.trim()) {
        return Some(END_MARK);
    }
    // Long lines are never one of the exact phrases: skip building their key.
    let k: std::borrow::Cow<str> = if u.words <= 12 {
        key(&u.lower).into()
    } else {
        u.lower.trim().into()
    };
    if k.is_empty() {
        // A line of only punctuation or arrows ("↑", "|", "—").
        return Some(NAVIGATION);
    }
    if u.words <= 4 && is_bracketed_marker(&u.text) {
        return Some(KIND_MARKER);
    }
    if let Some(rule) = EXACT_MAP.get(k.as_ref()) {
        return Some(*rule);
    }
    let words = u.words;
    if (k.starts_with('©') || k.starts_with("(c) ") || k.starts_with("copyright ")) && words <= 30
    {
        return Some(COPYRIGHT);
    }
    if SKIP_RE.is_match(&k) {
        return Some(SKIP_LINKS);
    }
    if words <= 8 {
        if READ_TIME_RE.is_match(&k) {
            return Some(READ_TIME);
        }
        if DURATION_RE.is_match(&k) {
            return Some(DURATION);
        }
        if RELATIVE_RE.is_match(&k) {
            return Some(RELATIVE_TIME);
        }
        if GALLERY_RE.is_match(&k) {
            return Some(GALLERY_CONTROLS);
        }
        if COMMENT_COUNT_RE.is_match(&k) {
            return Some(COMMENT_POLICY);
        }
        if is_end_header(&k) {
            return Some(RELATED_BLOCK);
        }
        if is_bracketed_marker(&u.text) {
            return Some(KIND_MARKER);
        }
        if is_share_bar(&k) || FOLLOW_RE.is_match(&k) {
            return Some(SHARE_WIDGET);
        }
        if k.split_whitespace()
            .any(|w| w == "banner" || w == "advert" || w == "adslot")
            || k.starts_with("ad ") && k[3..].chars().all(|c| c.is_ascii_digit() || c == ' ')
        {
            return Some(AD_MARKER);
        }
        if is_image_credit(&u.text) {
            return Some(IMAGE_CREDIT);
        }
    }
    if inline_related(&k) && words <= 25 {
        return Some(RELATED_INLINE);
    }
    if words <= 30 && NEWSLETTER_PREFIXES.iter().any(|p| k.starts_with(p)) {
        return Some(NEWSLETTER);
    }
    // One scan finds the phrase families and the words the consent and comment tests need.
    let (mut cookie, mut comment, mut phrase) = (false, false, None);
    for m in CONTAINS_AC.find_overlapping_iter(k.as_ref()) {
        match CONTAINS.get(m.pattern().as_usize()) {
            Some(&(_, rule, max)) => {
                if phrase.is_none() && words <= max {
                    phrase = Some(rule);
                }
            }
            None if m.pattern().as_usize() == CONTAINS.len() + 2 => comment = true,
            None => cookie = true,
        }
    }
    if cookie && is_cookie_notice(&k, words) {
        return Some(COOKIE_NOTICE);
    }
    if comment && is_comment_policy(&k, words) {
        return Some(COMMENT_POLICY);
    }
    phrase
}

/// "Related Articles", "More stories from X", "X's Top Story", "Skip next section X".
pub fn is_end_header(k: &str) -> bool {
    let k = k.strip_prefix("skip next section").map_or(k, str::trim);
    if k.split_whitespace().count() > 7 {
        return false;
    }
    // Headers that take a short complement: "More from Europe", "Most read in World".
    const OPEN: &[&str] = &[
        "more from",
        "more stories from",
        "more on",
        "more in",
        "also on",
        "latest news",
        "more news",
        "more stories",
        "top stories",
        "related",
        "related stories",
        "related articles",
        "most read",
        "most popular",
        "most viewed",
        "trending",
    ];
    let matches = |s: &str| {
        END_HEADERS.contains(&s)
            || OPEN.iter().any(|h| {
                s.strip_prefix(h).is_some_and(|rest| {
                    rest.starts_with(' ') && rest.split_whitespace().count() <= 3
                })
            })
    };
    if matches(k) {
        return true;
    }
    // "DW's top story", "CNN's most read"
    if let Some((first, rest)) = k.split_once(' ') {
        if first.ends_with("'s") || first.ends_with("s'") {
            return matches(rest);
        }
    }
    false
}

fn inline_related(k: &str) -> bool {
    INLINE_RELATED.iter().any(|p| {
        k.strip_prefix(p)
            .is_some_and(|rest| rest.is_empty() || p.ends_with(':') || rest.starts_with([' ', ':']))
    })
}

/// "[Video transcript]", "[Video]", "(Audio)": bracketed page labels.
fn is_bracketed_marker(text: &str) -> bool {
    let t = text.trim();
    let inner = t
        .strip_prefix('[')
        .and_then(|r| r.strip_suffix(']'))
        .or_else(|| t.strip_prefix('(').and_then(|r| r.strip_suffix(')')));
    let Some(inner) = inner else { return false };
    let inner = inner.trim().to_lowercase();
    let words: Vec<&str> = inner.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 4
        && words.iter().any(|w| {
            matches!(
                *w,
                "video"
                    | "audio"
                    | "transcript"
                    | "photos"
                    | "gallery"
                    | "podcast"
                    | "graphic"
                    | "interactive"
                    | "live"
                    | "watch"
                    | "listen"
                    | "map"
                    | "chart"
                    | "embed"
            )
        })
}

fn is_share_bar(k: &str) -> bool {
    let words: Vec<&str> = k
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '/' | '·' | '•'))
        .filter(|w| !w.is_empty())
        .collect();
    !words.is_empty()
        && words.len() <= 12
        && words.iter().all(|w| {
            SHARE_WORDS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
        })
        && words.iter().any(|w| {
            SHARE_NETWORKS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
        })
}

/// A short line that only credits a picture ("Photo: Jane Roe/Reuters", "Getty Images").
pub fn is_image_credit(text: &str) -> bool {
    text.split_whitespace().count() <= 8
        && (CREDIT_ONLY_RE.is_match(text) || AGENCY_CREDIT_RE.is_match(text))
}

/// Cookie banners address the reader ("we use cookies", "your preferences").
fn is_cookie_notice(k: &str, words: usize) -> bool {
    if !k.contains("cookie") && !k.contains("consent") {
        return false;
    }
    if words <= 6 {
        return true;
    }
    let addressed = k
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .any(|w| matches!(w, "we" | "our" | "you" | "your" | "us" | "we're" | "you're"));
    let vocab = [
        "use cookies",
        "uses cookies",
        "cookie policy",
        "cookie settings",
        "cookie preferences",
        "necessary cookies",
        "consent",
        "accept",
        "browser",
        "partners",
        "personalis",
        "personaliz",
        "preferences",
        "third-party",
        "third party",
        "analytics",
        "experience",
        "functionality",
        "store and/or access",
        "opt out",
        "opt-out",
    ];
    addressed && vocab.iter().any(|v| k.contains(v))
}

/// Comment rules and prompts address the reader; news prose about "comments" does not.
fn is_comment_policy(k: &str, words: usize) -> bool {
    if !k.contains("comment") {
        return false;
    }
    if words > 80 {
        return false;
    }
    let tokens: Vec<&str> = k
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let policy = tokens.iter().any(|w| {
        matches!(
            *w,
            "policy"
                | "guidelines"
                | "moderated"
                | "moderation"
                | "approved"
                | "insults"
                | "offensive"
                | "swearing"
                | "abusive"
                | "closed"
                | "reply"
                | "rules"
                | "respectful"
                | "civil"
                | "spam"
                | "published"
                | "reviewed"
        )
    });
    let addressed = tokens.first().is_some_and(|w| {
        matches!(
            *w,
            "warning"
                | "note"
                | "please"
                | "comments"
                | "comment"
                | "leave"
                | "post"
                | "add"
                | "join"
                | "log"
                | "sign"
                | "we"
                | "our"
                | "your"
                | "readers"
        )
    }) || tokens
        .iter()
        .any(|w| matches!(*w, "you" | "your" | "please"));
    policy && addressed
}

/// Before the headline, a run of short labels is section furniture: "World › Middle East",
/// "ConflictsMiddle East" (labels copied without their separator).
pub fn is_breadcrumb(text: &str) -> bool {
    if text.chars().count() > 100 || text.ends_with(['.', '?', '!']) {
        return false;
    }
    let parts: Vec<&str> = BREADCRUMB_SEP
        .split(text)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() >= 2 && parts.iter().all(|p| p.split_whitespace().count() <= 4) {
        return true;
    }
    glued_labels(text).len() >= 2
}

/// Split labels copied without their separator: "ConflictsMiddle East" → [Conflicts, Middle East].
pub fn glued_labels(text: &str) -> Vec<String> {
    if text.split_whitespace().count() > 6 {
        return Vec::new();
    }
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut prev: Option<char> = None;
    // Letters of the word so far: a glue point needs a whole label (three letters or more)
    // before it, so "WeWork" and "McDonald" stay one word.
    let mut word_letters = 0usize;
    for c in text.chars() {
        if let Some(p) = prev {
            if p.is_lowercase() && c.is_uppercase() && word_letters >= 3 {
                parts.push(std::mem::take(&mut current));
                word_letters = 0;
            }
        }
        if c.is_whitespace() {
            word_letters = 0;
        } else if c.is_alphabetic() {
            word_letters += 1;
        }
        current.push(c);
        prev = Some(c);
    }
    parts.push(current);
    let parts: Vec<String> = parts
        .into_iter()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    // "McDonald", "iPhone", "YouTube": a glue point inside one word followed by a short tail
    // is a name, not two labels; labels are at least three letters each.
    if parts.len() >= 2
        && parts
            .iter()
            .all(|p| p.chars().filter(|c| c.is_alphabetic()).count() >= 3)
    {
        parts
    } else {
        Vec::new()
    }
}

/// The parts of a breadcrumb (for the section).
pub fn breadcrumb_parts(text: &str) -> Vec<String> {
    let parts: Vec<String> = BREADCRUMB_SEP
        .split(text)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect();
    if parts.len() >= 2 {
        return parts;
    }
    let glued = glued_labels(text);
    if glued.is_empty() {
        vec![text.trim().to_string()]
    } else {
        glued
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::blocks::units;

    fn rule(line: &str) -> Option<Rule> {
        units(line, false).first().and_then(line_rule)
    }

    #[test]
    fn skip_links_and_navigation() {
        assert_eq!(rule("1. Skip to content"), Some(SKIP_LINKS));
        assert_eq!(rule("Skip to main navigation"), Some(SKIP_LINKS));
        assert_eq!(rule("Jump to content"), Some(SKIP_LINKS));
        assert_eq!(rule("Skip next section Latest Headlines"), Some(SKIP_LINKS));
        assert_eq!(rule("Sign in"), Some(NAVIGATION));
        assert_eq!(rule("Toggle navigation"), Some(NAVIGATION));
        assert_eq!(rule("Back to top ↑"), Some(BACK_TO_TOP));
    }

    #[test]
    fn timing_lines() {
        for l in [
            "4 min",
            "5 min read",
            "Reading time: 3 minutes",
            "3-minute read",
        ] {
            assert_eq!(rule(l), Some(READ_TIME), "{l}");
        }
        for l in ["01:52", "(2:03)", "Duration 1:02:03", "Video 03:10"] {
            assert_eq!(rule(l), Some(DURATION), "{l}");
        }
        assert_eq!(rule("2 hours ago"), Some(RELATIVE_TIME));
        assert_eq!(rule("Updated 5 mins ago"), Some(RELATIVE_TIME));
        assert_eq!(rule("He waited 4 minutes before speaking."), None);
    }

    #[test]
    fn players_and_markers() {
        assert_eq!(
            rule("Your browser doesn't support HTML5 video."),
            Some(PLAYER_NOTICE)
        );
        assert_eq!(
            rule("Please enable JavaScript to watch this video"),
            Some(PLAYER_NOTICE)
        );
        assert_eq!(rule("[Video transcript]"), Some(KIND_MARKER));
        assert_eq!(rule("(Audio)"), Some(KIND_MARKER));
        assert_eq!(rule("Listen to this article"), Some(PLAYER_NOTICE));
    }

    #[test]
    fn consent_subscriptions_comments() {
        assert_eq!(
            rule("We use cookies to personalise content and ads, and to analyse our traffic."),
            Some(COOKIE_NOTICE)
        );
        assert_eq!(rule("Accept all"), Some(COOKIE_NOTICE));
        assert_eq!(
            rule("The regulator fined the firm over cookie tracking in 2023."),
            None
        );
        assert_eq!(
            rule("Sign up for our daily briefing, delivered to your inbox"),
            Some(NEWSLETTER)
        );
        assert_eq!(
            rule("Get the latest headlines every morning"),
            Some(NEWSLETTER)
        );
        assert_eq!(
            rule("Please keep comments respectful; abusive comments will not be published."),
            Some(COMMENT_POLICY)
        );
        assert_eq!(rule("12 comments"), Some(COMMENT_POLICY));
        assert_eq!(
            rule("The minister's comments drew sharp criticism from rivals."),
            None
        );
    }

    #[test]
    fn related_and_share_and_ads() {
        for l in [
            "Related Articles",
            "More stories from The Planet",
            "CNN's Top Stories",
            "You may also like",
        ] {
            assert_eq!(rule(l), Some(RELATED_BLOCK), "{l}");
        }
        assert_eq!(
            rule("READ MORE: Talks resume next week"),
            Some(RELATED_INLINE)
        );
        assert_eq!(rule("Share on Facebook"), Some(SHARE_WIDGET));
        assert_eq!(rule("Facebook Twitter WhatsApp Email"), Some(SHARE_WIDGET));
        assert_eq!(rule("ADVERTISEMENT"), Some(AD_MARKER));
        assert_eq!(rule("Homepage banner 2"), Some(AD_MARKER));
        assert_eq!(rule("Photo: Jane Roe/Reuters"), Some(IMAGE_CREDIT));
        assert_eq!(rule("AFP via Getty Images"), Some(IMAGE_CREDIT));
        assert_eq!(
            rule("© 2024 The Daily Planet. All rights reserved."),
            Some(COPYRIGHT)
        );
        assert_eq!(rule("3 of 12"), Some(GALLERY_CONTROLS));
    }

    #[test]
    fn breadcrumbs() {
        assert!(is_breadcrumb("Home > World > Middle East"));
        assert!(is_breadcrumb("News / Europe"));
        assert!(is_breadcrumb("BusinessMarkets"));
        assert_eq!(
            glued_labels("PoliticsMiddle East"),
            ["Politics", "Middle East"]
        );
        assert!(glued_labels("McDonald's opens in Moscow").is_empty());
        assert!(glued_labels("iPhone sales").is_empty());
        assert!(!is_breadcrumb("A sentence that ends. With a period."));
    }
}
