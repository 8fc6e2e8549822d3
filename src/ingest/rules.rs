//! The rules that leave a block out of a body. Their names are stable: they are printed by
//! `dossier ingest --dry-run` and written to `ingest.report`.

use std::fmt;

/// Why a block was left out of the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// page furniture: skip links
    SkipLinks,
    /// page furniture: menus
    Navigation,
    /// page furniture: breadcrumb trails
    Breadcrumb,
    /// "4 min read"
    ReadTime,
    /// a video's running time
    Duration,
    /// "3 hours ago"
    RelativeTime,
    /// media player notices
    PlayerNotice,
    /// "[Video transcript]", "FOR IMMEDIATE RELEASE"
    KindMarker,
    /// cookie banners
    CookieNotice,
    /// newsletter prompts
    Newsletter,
    /// comment rules
    CommentPolicy,
    /// "Related" / "More stories" headers
    RelatedBlock,
    /// "Read more: ..." inside the article
    RelatedInline,
    /// "Back to top"
    BackToTop,
    /// a picture credit alone on its line
    ImageCredit,
    /// gallery buttons and counters
    GalleryControls,
    /// "Advertisement"
    AdMarker,
    /// share buttons
    ShareWidget,
    /// copyright lines
    Copyright,
    /// footer links
    SiteFooter,
    /// app store prompts
    AppPromo,
    /// "###", "-30-"
    EndMark,
    /// "This article is more than 1 year old"
    AgeNotice,
    /// `ingest.boilerplate` patterns of site.yaml
    ConfigBoilerplate,
    /// the headline, moved to the front matter
    Title,
    /// the headline printed again
    RepeatedHeadline,
    /// the byline, moved to the front matter
    Byline,
    /// a date line, moved to the front matter
    DateLine,
    /// the page's URL, moved to the front matter
    UrlLine,
    /// a dateline alone on its line ("CNN —")
    Dateline,
    /// "Source: ..."
    SourceLine,
    /// "Reporting by ...; Editing by ..."
    CreditLine,
    /// a section label above the headline
    SectionLabel,
    /// anything else above the headline
    BeforeHeadline,
    /// a line said twice is kept once
    DuplicateLine,
    /// a line whose text was dropped elsewhere
    SameAsDropped,
    /// after a credit line, an end mark or a related block
    TeaserAfterEnd,
    /// after the densest run of prose and what coheres with it
    AfterArticle,
    /// a short line addressing the reader near the headline
    PageMessage,
    Standfirst,
    HeaderLabel,
    CommentThread,
    ContactLine,
    TrailerAfterRule,
    /// a newsletter sign-up box after the story: its heading and the lines under it
    NewsletterBox,
    /// a box of links set between the story's paragraphs: its heading and its items
    InlineBox,
}

impl Rule {
    /// Every rule, in the order of the list above.
    pub const ALL: [Rule; 46] = [
        Rule::SkipLinks,
        Rule::Navigation,
        Rule::Breadcrumb,
        Rule::ReadTime,
        Rule::Duration,
        Rule::RelativeTime,
        Rule::PlayerNotice,
        Rule::KindMarker,
        Rule::CookieNotice,
        Rule::Newsletter,
        Rule::CommentPolicy,
        Rule::RelatedBlock,
        Rule::RelatedInline,
        Rule::BackToTop,
        Rule::ImageCredit,
        Rule::GalleryControls,
        Rule::AdMarker,
        Rule::ShareWidget,
        Rule::Copyright,
        Rule::SiteFooter,
        Rule::AppPromo,
        Rule::EndMark,
        Rule::AgeNotice,
        Rule::ConfigBoilerplate,
        Rule::Title,
        Rule::RepeatedHeadline,
        Rule::Byline,
        Rule::DateLine,
        Rule::UrlLine,
        Rule::Dateline,
        Rule::SourceLine,
        Rule::CreditLine,
        Rule::SectionLabel,
        Rule::BeforeHeadline,
        Rule::DuplicateLine,
        Rule::SameAsDropped,
        Rule::TeaserAfterEnd,
        Rule::AfterArticle,
        Rule::PageMessage,
        Rule::Standfirst,
        Rule::HeaderLabel,
        Rule::CommentThread,
        Rule::ContactLine,
        Rule::TrailerAfterRule,
        Rule::NewsletterBox,
        Rule::InlineBox,
    ];

    /// The stable name.
    pub const fn name(self) -> &'static str {
        match self {
            Rule::SkipLinks => "skip-links",
            Rule::Navigation => "navigation",
            Rule::Breadcrumb => "breadcrumb",
            Rule::ReadTime => "read-time",
            Rule::Duration => "duration",
            Rule::RelativeTime => "relative-time",
            Rule::PlayerNotice => "player-notice",
            Rule::KindMarker => "kind-marker",
            Rule::CookieNotice => "cookie-notice",
            Rule::Newsletter => "newsletter",
            Rule::CommentPolicy => "comment-policy",
            Rule::RelatedBlock => "related-block",
            Rule::RelatedInline => "related-inline",
            Rule::BackToTop => "back-to-top",
            Rule::ImageCredit => "image-credit",
            Rule::GalleryControls => "gallery-controls",
            Rule::AdMarker => "ad-marker",
            Rule::ShareWidget => "share-widget",
            Rule::Copyright => "copyright",
            Rule::SiteFooter => "site-footer",
            Rule::AppPromo => "app-promo",
            Rule::EndMark => "end-mark",
            Rule::AgeNotice => "age-notice",
            Rule::ConfigBoilerplate => "config-boilerplate",
            Rule::Title => "title",
            Rule::RepeatedHeadline => "repeated-headline",
            Rule::Byline => "byline",
            Rule::DateLine => "date-line",
            Rule::UrlLine => "url-line",
            Rule::Dateline => "dateline",
            Rule::SourceLine => "source-line",
            Rule::CreditLine => "credit-line",
            Rule::SectionLabel => "section-label",
            Rule::BeforeHeadline => "before-headline",
            Rule::DuplicateLine => "duplicate-line",
            Rule::SameAsDropped => "same-as-dropped",
            Rule::TeaserAfterEnd => "teaser-after-end",
            Rule::AfterArticle => "after-article",
            Rule::PageMessage => "page-message",
            Rule::Standfirst => "standfirst",
            Rule::HeaderLabel => "header-label",
            Rule::CommentThread => "comment-thread",
            Rule::ContactLine => "contact-line",
            Rule::TrailerAfterRule => "trailer-after-rule",
            Rule::NewsletterBox => "newsletter-box",
            Rule::InlineBox => "inline-box",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_kebab_case() {
        let mut seen = std::collections::HashSet::new();
        for r in Rule::ALL {
            let n = r.name();
            assert!(seen.insert(n), "{n} twice");
            assert!(
                n.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{n}"
            );
        }
    }
}
