//! Events, storylines and the articles written about them, from template sentences.
//!
//! Every event carries a few rare terms of its own (a named accord, a venue, a locality, a
//! figure, a code word) and every storyline a recurring cast and name, so documents about the
//! same event share rare words and documents in the same storyline share a vocabulary, while
//! each outlet's wording, order and headline differ.

use crate::rng::Rng;
use crate::world::{
    invented_name, Outlet, OutletKind, Theme, World, COUNTRIES, ORGS, OUTLETS, THEMES, VENUE_CITIES,
};

/// A recurring thread of news: one theme, two countries, a cast, a name.
pub struct Storyline {
    pub theme: usize,
    pub countries: [usize; 2],
    pub people: Vec<usize>,
    pub org: usize,
    /// "the Varesk standoff"
    pub name: String,
    pub start: u32,
    pub len: u32,
}

/// One thing that happened, covered by one or more outlets.
pub struct Event {
    pub theme: usize,
    pub storyline: Option<usize>,
    pub day: u32,
    pub countries: [usize; 2],
    /// The main actor, the counterpart, and someone who reacts.
    pub people: [usize; 3],
    pub city: String,
    pub place: String,
    pub venue: String,
    pub art: String,
    pub art_kind: &'static str,
    pub code: String,
    pub fig: String,
    pub fig_n: String,
    pub org: usize,
    pub seed: u64,
}

const VENUE_KINDS: &[&str] = &[
    "Palace",
    "conference centre",
    "Hotel",
    "Hall",
    "House",
    "summit venue",
];
const PLACE_FORMS: &[&str] = &[
    "the {} valley",
    "{} province",
    "the port of {}",
    "{} district",
    "the town of {}",
    "the {} border region",
];

fn format_number(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + 4);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

fn figure(theme: &Theme, rng: &mut Rng) -> (String, String) {
    let template = *rng.pick(theme.figures);
    let n = if template.contains("percent") {
        let whole = rng.range(2, 64);
        if rng.chance(0.4) {
            format!("{whole}.{}", rng.range(1, 9))
        } else {
            whole.to_string()
        }
    } else if template.contains("basis points") {
        rng.pick(&["25", "50", "75", "100", "150"]).to_string()
    } else if rng.chance(0.5) {
        rng.range(12, 980).to_string()
    } else {
        format_number(rng.range(1_200, 480_000) as u64)
    };
    (template.replace('#', &n), n)
}

impl Event {
    pub fn new(
        world: &World,
        storylines: &[Storyline],
        theme: usize,
        storyline: Option<usize>,
        day: u32,
        rng: &mut Rng,
    ) -> Event {
        let t = &THEMES[theme];
        let (countries, p, p2, org) = match storyline {
            Some(s) => {
                let s = &storylines[s];
                // The storyline's lead appears most often, as in real running stories.
                let main = if rng.chance(0.6) {
                    s.people[0]
                } else {
                    *rng.pick(&s.people)
                };
                let mut other = *rng.pick(&s.people);
                if other == main {
                    other = *rng.pick(&world.by_country[s.countries[1]]);
                }
                (s.countries, main, other, s.org)
            }
            None => {
                let a = rng.below(COUNTRIES.len());
                let mut b = rng.below(COUNTRIES.len());
                if b == a {
                    b = (a + 1) % COUNTRIES.len();
                }
                let p = *rng.pick(&world.by_country[a]);
                let p2 = *rng.pick(&world.by_country[b]);
                ([a, b], p, p2, rng.below(ORGS.len()))
            }
        };
        let p3 = match rng.below(3) {
            0 => *rng.pick(&world.analysts),
            1 => *rng.pick(&world.org_people),
            _ => {
                let c = countries[rng.below(2)];
                *rng.pick(&world.by_country[c])
            }
        };
        let home = &COUNTRIES[countries[0]];
        let city = if rng.chance(0.6) {
            rng.pick(&home.cities).to_string()
        } else {
            rng.pick(VENUE_CITIES).to_string()
        };
        let place = if rng.chance(0.55) {
            rng.pick(PLACE_FORMS).replace("{}", &invented_name(rng))
        } else {
            let c = countries[rng.below(2)];
            rng.pick(&COUNTRIES[c].cities).to_string()
        };
        let venue = format!("the {} {}", invented_name(rng), rng.pick(VENUE_KINDS));
        let art_kind = *rng.pick(t.artefacts);
        let art = format!("the {} {}", invented_name(rng), art_kind);
        let code = invented_name(rng);
        let (fig, fig_n) = figure(t, rng);
        Event {
            theme,
            storyline,
            day,
            countries,
            people: [p, p2, p3],
            city,
            place,
            venue,
            art,
            art_kind,
            code,
            fig,
            fig_n,
            org,
            seed: rng.next_u64(),
        }
    }
}

impl Storyline {
    pub fn new(world: &World, start: u32, len: u32, rng: &mut Rng) -> Storyline {
        let theme = rng.below(THEMES.len());
        let a = rng.below(COUNTRIES.len());
        let mut b = rng.below(COUNTRIES.len());
        if b == a {
            b = (a + 7) % COUNTRIES.len();
        }
        let mut people = vec![
            *rng.pick(&world.by_country[a]),
            *rng.pick(&world.by_country[b]),
        ];
        let third = *rng.pick(&world.by_country[a]);
        if !people.contains(&third) {
            people.push(third);
        }
        let kind = *rng.pick(THEMES[theme].stories);
        Storyline {
            theme,
            countries: [a, b],
            people,
            org: rng.below(ORGS.len()),
            name: format!("the {} {}", invented_name(rng), kind),
            start,
            len,
        }
    }
}

/// A block of an article's body, independent of the output format.
pub enum Block {
    Para(String),
    Heading(String),
    List(String, Vec<String>),
    Quote {
        text: String,
        who: String,
    },
    /// A transcript's speaker line, "(Name, role)": raw pages only.
    Speaker(String),
}

pub struct Article {
    pub title: String,
    pub summary: String,
    pub kind: &'static str,
    pub section: &'static str,
    pub authors: Vec<String>,
    /// Front-matter topics the "author" filed it under (only some documents have them).
    pub topics: Vec<String>,
    pub blocks: Vec<Block>,
    /// The dateline's city, upper case, for outlets that use one.
    pub dateline_city: String,
    pub caption: String,
    pub photo_credit: String,
    pub correspondent: String,
}

/// Fills `{Slot}` templates for one document about one event.
pub struct Ctx<'a> {
    pub world: &'a World,
    pub ev: &'a Event,
    pub story: Option<&'a Storyline>,
    pub theme: &'static Theme,
    pub outlet: &'static Outlet,
    pub weekday: &'static str,
    pub rng: Rng,
    /// Templates already used in this document (by address), to avoid repeating sentences.
    pub used: Vec<usize>,
}

const WEEKS: &[&str] = &[
    "two weeks",
    "three weeks",
    "a month",
    "six weeks",
    "the coming days",
    "90 days",
    "the next fortnight",
];
const NUMS: &[&str] = &["two", "three", "four", "five", "six", "seven"];
const MONTHS: &[&str] = &[
    "three months",
    "six months",
    "nearly a year",
    "more than two years",
    "eight months",
    "18 months",
];
const SAID: &[&str] = &[
    "said",
    "told reporters",
    "announced",
    "confirmed",
    "said in a statement",
    "said in a televised address",
];

impl<'a> Ctx<'a> {
    fn person(&self, i: usize) -> &'a crate::world::Person {
        &self.world.people[self.ev.people[i]]
    }

    fn slot(&mut self, name: &str, out: &mut String) {
        let ev = self.ev;
        let t = self.theme;
        match name {
            "P" => out.push_str(&self.person(0).full()),
            "P_last" => out.push_str(&self.person(0).last),
            "P_role" => out.push_str(&self.person(0).role_phrase()),
            "P_title" => out.push_str(&self.person(0).title_phrase()),
            "P2" => out.push_str(&self.person(1).full()),
            "P2_last" => out.push_str(&self.person(1).last),
            "P2_role" => out.push_str(&self.person(1).role_phrase()),
            "P3" => out.push_str(&self.person(2).full()),
            "P3_last" => out.push_str(&self.person(2).last),
            "P3_role" => out.push_str(&self.person(2).role_phrase()),
            "Country" => out.push_str(COUNTRIES[ev.countries[0]].name),
            "Country2" => out.push_str(COUNTRIES[ev.countries[1]].name),
            "Demonym" => out.push_str(COUNTRIES[ev.countries[0]].demonym),
            "Demonym2" => out.push_str(COUNTRIES[ev.countries[1]].demonym),
            "City" => out.push_str(&ev.city),
            "Place" => out.push_str(&ev.place),
            "Venue" => out.push_str(&ev.venue),
            "Org" => out.push_str(ORGS[ev.org].0),
            "Org_short" => out.push_str(ORGS[ev.org].1),
            "Art" => out.push_str(&ev.art),
            "ArtKind" => out.push_str(ev.art_kind),
            "Code" => out.push_str(&ev.code),
            "Fig" => out.push_str(&ev.fig),
            "Fig_n" => out.push_str(&ev.fig_n),
            "Story" => match self.story {
                Some(s) => out.push_str(&s.name),
                None => out.push_str(self.rng.word(t.subject)),
            },
            "Subj" => out.push_str(self.rng.word(t.subject)),
            "Goal" => out.push_str(self.rng.word(t.goal)),
            "Concern" => out.push_str(self.rng.word(t.concern)),
            "Action" => out.push_str(self.rng.word(t.action)),
            "Term" | "Term2" => out.push_str(self.rng.word(t.terms)),
            "Day" => {
                out.push_str("on ");
                out.push_str(self.weekday);
            }
            "Weekday" => out.push_str(self.weekday),
            "Outlet" => out.push_str(self.outlet.name),
            "Weeks" => out.push_str(self.rng.word(WEEKS)),
            "Num" => out.push_str(self.rng.word(NUMS)),
            "Months" => out.push_str(self.rng.word(MONTHS)),
            "Said" => out.push_str(self.rng.word(SAID)),
            "Q" => {
                let q = if self.rng.chance(0.6) {
                    self.fresh(t.quotes)
                } else {
                    self.fresh(GENERIC_QUOTES)
                };
                let filled = capitalise(self.fill_raw(q));
                out.push_str(&filled);
            }
            other => {
                // A template names a slot that does not exist: a bug in this file, which the
                // generator's test finds by this mark.
                out.push('⟦');
                out.push_str(other);
                out.push('⟧');
            }
        }
    }

    fn fill_raw(&mut self, template: &str) -> String {
        let mut out = String::with_capacity(template.len() + 64);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) => {
                    self.slot(&after[..close], &mut out);
                    rest = &after[close + 1..];
                }
                None => {
                    out.push_str(&rest[open..]);
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// Fill a template and capitalise its first letter.
    pub fn fill(&mut self, template: &str) -> String {
        capitalise(self.fill_raw(template))
    }

    /// Fill a template picked from `pool`, preferring one this document has not used yet.
    pub fn fill_from(&mut self, pool: &[&'static str]) -> String {
        let template = self.fresh(pool);
        self.fill(template)
    }

    fn fresh(&mut self, pool: &[&'static str]) -> &'static str {
        let mut template = *self.rng.pick(pool);
        for _ in 0..6 {
            if !self.used.contains(&(template.as_ptr() as usize)) {
                break;
            }
            template = *self.rng.pick(pool);
        }
        self.used.push(template.as_ptr() as usize);
        template
    }
}

pub fn capitalise(s: String) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_lowercase() => c.to_uppercase().chain(chars).collect(),
        _ => s,
    }
}

const GENERIC_HEADLINES: &[&str] = &[
    "{P_last} heads to {City} as pressure builds over {Subj}",
    "{Org_short} warns of {Concern} in {Place}",
    "{Country} ready to {Action}, {P_last} says",
    "Talks at {Venue} end without agreement on {Art}",
    "{Demonym} leaders weigh {Art} as {Concern} grows",
    "{Country} and {Country2} trade blame over {Subj}",
    "{P_last} and {P2_last} meet in {City} on {Goal}",
    "{Art} in doubt after {Country2} objects",
];

const ANALYSIS_HEADLINES: &[&str] = &[
    "What {Art} means for {Country}",
    "Why progress on {Subj} keeps stalling",
    "{Story}: the questions nobody in {City} wants to answer",
    "Can {P_last} deliver {Goal}?",
    "Five things to know about {Art}",
];

const GENERIC_QUOTES: &[&str] = &[
    "We have made progress, but nothing is agreed until everything is agreed",
    "This is not the end of the process, it is the beginning",
    "Our priority remains the people of {Place}",
    "We will not accept terms that ignore {Concern}",
    "The next few days will be decisive",
    "Nobody should underestimate how difficult this will be",
    "We came to {City} to listen, and we have listened",
    "{Art} is the best chance we have had in years",
];

const LEADS: &[&str] = &[
    "{P}, {P_role}, {Said} {Day} that {Country} was ready to {Action}, raising hopes for {Goal} after weeks of deadlock over {Subj}.",
    "{Country} and {Country2} moved closer {Day} to {Goal}, as officials meeting at {Venue} discussed {Art} for the first time in public.",
    "Officials in {City} {Said} {Day} that {Art} would go ahead despite mounting concern over {Concern}.",
    "Officials in {Place} reported {Fig} {Day}, adding urgency to {Subj} as {P_title} {P} prepared to travel to {City}.",
    "{P_title} {P} arrived in {City} {Day} for talks on {Art}, the latest attempt to break the impasse over {Subj}.",
    "The fate of {Art} hung in the balance {Day} after {Org} warned that {Concern} could derail {Subj}.",
    "{Demonym} authorities {Said} {Day} they would {Action}, a step {Country2} has demanded for {Months}.",
];

const LEAD_SECOND: &[&str] = &[
    "The talks at {Venue} brought together officials from {Country}, {Country2} and {Org}.",
    "It was the clearest sign yet that {Story} may be entering a new phase.",
    "The announcement came hours after officials in {Place} reported {Fig}.",
    "{P2}, {P2_role}, was expected to respond within {Weeks}.",
    "Few details were released, but officials said {Art} covers {Term} and {Term2}.",
];

const DEVELOPMENT: &[&str] = &[
    "According to two officials familiar with the discussions, {Art} would require {Country} to {Action} within {Weeks}.",
    "A draft seen by {Outlet} sets out a timetable of {Weeks} and names {Org} as a guarantor.",
    "{P_last} met {P2}, {P2_role}, at {Venue} for more than {Num} hours.",
    "The so-called {Code} clause, which deals with {Term}, remained the main sticking point, officials said.",
    "Negotiators have focused on {Term} and {Term2}, the two issues that sank earlier attempts.",
    "Delegations from {Country2} left {City} late in the evening without a joint statement.",
    "Under the proposal, {Fig} would be dealt with first, with {Term} left to a second stage.",
    "Officials in {City} said a decision on {Art} was expected within {Weeks}.",
    "{Org} said it had not been consulted on the latest version of {Art}.",
    "The plan, known informally as the {Code} formula, was first floated in {City} last year.",
    "People briefed on the talks said {Country2} wanted firmer guarantees on {Term}.",
    "{P_last}'s office released a photograph of the meeting at {Venue} but no account of what was said.",
    "Officials from {Country2} arrived at {Venue} with a list of objections, one of them covering {Term}.",
    "The latest version of {Art} was circulated to delegations late on {Weekday}, a diplomat said.",
    "{P2_last} is understood to have asked for more time to consult {Country2}'s cabinet.",
    "A senior official said the two sides had narrowed their differences on {Term} but not on {Term2}.",
    "{Org} has offered to host a further round at {Venue} if both sides agree.",
    "Technical teams worked through the night on the wording of the {Code} annex.",
    "Those close to {P_last} say the priority is {Goal}, even at the price of concessions on {Term}.",
    "The {ArtKind} would be reviewed after {Weeks}, according to the draft.",
    "Diplomats described the mood at {Venue} as tense but businesslike.",
    "An earlier draft, rejected by {Country2}, had left {Term} out entirely.",
    "The text runs to {Num} pages and refers repeatedly to {Term}, according to a copy shared with journalists.",
    "Both sides agreed to set up a working group on {Term2}, which is due to meet within {Weeks}.",
    "Officials cited a figure of {Fig} since the last round of talks.",
];

const REACTION: &[&str] = &[
    "Opposition figures in {Country} criticised the move, saying it ignored {Concern}.",
    "{P3}, {P3_role}, called the proposal a step in the right direction but warned against expecting quick results.",
    "In {City}, reaction was mixed: some welcomed {Art}, while critics asked how {Concern} would be addressed.",
    "{Org} said in a statement that it was studying the text and would respond in due course.",
    "Residents of {Place} said they had heard such promises before and would wait to see results.",
    "Markets reacted cautiously, and {Demonym} bonds were little changed by the close.",
    "{Demonym2} officials dismissed the announcement as a gesture aimed at a domestic audience.",
    "Aid groups working in {Place} said any agreement would matter only if it changed conditions on the ground.",
    "{P3_last} said the real test would be whether {Country} was willing to {Action}.",
    "Business leaders in {City} said uncertainty over {Art} was already weighing on investment.",
    "A spokesperson for {Org} said it stood ready to help but had not received a formal request.",
    "Critics in {Country2}'s parliament accused {P2_last} of giving too much away.",
    "On social media, many in {Country} questioned whether {Art} would change anything.",
    "{P3} said {Concern} had been underestimated from the start.",
    "Civil society groups in {Place} demanded a say in how {Art} is carried out.",
];

const CONTEXT: &[&str] = &[
    "The first signs of {Story} appeared {Months} ago; since then {Country2} and {Org} have been drawn in.",
    "Previous efforts on {Subj} foundered over {Term}.",
    "{Country} has long tied {Goal} to progress on {Term}.",
    "{Org} has counted {Fig} since the start of the year.",
    "The dispute over {Term} goes back to an agreement signed in {City} more than a decade ago.",
    "Analysts say {Country}'s position has hardened since the last round of talks.",
    "{Place} has been at the centre of {Story} from the beginning.",
    "{Demonym} officials have repeatedly pointed to {Concern} as the reason for their caution.",
    "{Place} has seen {Concern} worsen over the past {Months}.",
    "The {Code} episode last year left deep mistrust between {Country} and {Country2}.",
    "{Org} first raised the alarm about {Concern} in a report published {Months} ago.",
    "Relations between {Country} and {Country2} have swung between cooperation and open hostility for years.",
    "Much of the dispute turns on {Term}, which both governments see as a matter of principle.",
];

const OUTLOOK: &[&str] = &[
    "Further talks are scheduled in {City} next week.",
    "{P_last} is expected to brief {Country}'s parliament on {Art} before the end of the month.",
    "Officials said the next test would come when {Org} meets in {Weeks}.",
    "Whether {Art} survives may depend on {Concern}, diplomats said.",
    "{P2_last} is due to travel to {City} within {Weeks} for a follow-up meeting.",
    "Neither side would say when the {Code} talks might resume.",
    "A fuller statement is expected after {Country}'s cabinet meets on {Weekday}.",
    "{Org} said it would publish its own assessment within {Weeks}.",
    "For now, the people of {Place} are left waiting.",
];

const QUOTE_FRAMES: &[&str] = &[
    "\"{Q},\" {P} said.",
    "\"{Q},\" said {P}, {P_role}.",
    "{P} said: \"{Q}.\"",
    "\"{Q},\" {P_last} told {Outlet}.",
    "\"{Q},\" {P2_last} told reporters in {City}. \"{Q}.\"",
    "{P3_last} put it bluntly: \"{Q}.\"",
    "\"{Q},\" said {P3}, {P3_role}.",
];

const HEADINGS: &[&str] = &[
    "What comes next",
    "The sticking points",
    "Reaction in {City}",
    "A long road",
    "Pressure from {Country2}",
    "Inside the talks",
    "Why it matters",
    "The view from {Place}",
    "Behind the numbers",
    "Doubts remain",
];

const SUMMARIES: &[&str] = &[
    "{P_title} {P} {Said} {Country} was ready to {Action}, as talks on {Art} continued in {City}.",
    "{Fig} have raised the stakes for {Subj}, and {Org} warns of {Concern}.",
    "Officials meeting at {Venue} discussed {Art}, but {Concern} remains the main obstacle.",
    "{Country} and {Country2} are at odds over {Art}; the {Code} clause is the sticking point.",
    "How {Story} reached {Place}, and what {P_last} can still do about it.",
];

const LIST_INTROS: &[&str] = &[
    "Key points of {Art}:",
    "What we know so far:",
    "The main demands on the table:",
    "At a glance:",
];
const LIST_ITEMS: &[&str] = &[
    "{Term} to be reviewed within {Weeks}",
    "{Fig}",
    "a role for {Org} as guarantor",
    "a commitment to {Action}",
    "talks on {Term2} to follow",
    "the {Code} clause on {Term}",
    "a deadline of {Weeks} for {Country2} to respond",
];

const CAPTIONS: &[&str] = &[
    "{P} speaks to reporters in {City}",
    "Delegates arrive at {Venue} for talks on {Art}",
    "A view of {Place} on {Weekday}",
    "{P_title} {P} and {P2} shake hands at {Venue}",
    "Residents of {Place} gather outside a government building",
];

/// Which kind of document an outlet publishes, by how it works.
fn kind_for(outlet: &Outlet, rng: &mut Rng) -> &'static str {
    let options: &[(&str, u32)] = match outlet.kind {
        OutletKind::Wire => &[("article", 90), ("analysis", 10)],
        OutletKind::Newspaper => &[
            ("article", 75),
            ("analysis", 12),
            ("opinion", 8),
            ("video", 5),
        ],
        OutletKind::Broadcaster => &[("video", 45), ("article", 50), ("analysis", 5)],
        OutletKind::Digital => &[("article", 80), ("video", 10), ("analysis", 10)],
        OutletKind::Magazine => &[("analysis", 50), ("article", 35), ("opinion", 15)],
    };
    let weights: Vec<u32> = options.iter().map(|(_, w)| *w).collect();
    options[rng.weighted(&weights)].0
}

/// The headline: its own random stream so titles can be made (and de-duplicated) before the
/// bodies are generated in parallel. `position` is the document's place among the outlets
/// covering the event: each gets a different template, as each desk writes its own headline.
pub fn headline(ctx: &mut Ctx, kind: &str, position: usize) -> String {
    let theme = ctx.theme;
    let base = (ctx.ev.seed % 1024) as usize + position;
    let template = if kind == "analysis" || kind == "opinion" {
        ANALYSIS_HEADLINES[base % ANALYSIS_HEADLINES.len()]
    } else {
        let n = theme.headlines.len() + GENERIC_HEADLINES.len();
        let i = base % n;
        match theme.headlines.get(i) {
            Some(t) => t,
            None => GENERIC_HEADLINES[i - theme.headlines.len()],
        }
    };
    let title = ctx.fill(template);
    match kind {
        "analysis" if ctx.rng.chance(0.5) => format!("Analysis: {title}"),
        "opinion" => format!("Opinion: {title}"),
        _ => title,
    }
}

/// The headline other pages use when they tease this event.
pub fn teaser(world: &World, ev: &Event, weekday: &'static str) -> String {
    let mut ctx = Ctx {
        world,
        ev,
        story: None,
        theme: &THEMES[ev.theme],
        outlet: &OUTLETS[0],
        weekday,
        rng: Rng::new(ev.seed),
        used: Vec::new(),
    };
    headline(&mut ctx, "article", 0)
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Write one document: `ctx` is the body stream; `title` was made beforehand.
pub fn compose(ctx: &mut Ctx, title: String, kind: &'static str, outlet_index: usize) -> Article {
    let outlet = ctx.outlet;
    let world = ctx.world;
    let staff = &world.staff[outlet_index];
    let n_authors = [0usize, 1, 2, 3][ctx.rng.weighted(&[15, 55, 25, 5])];
    let mut authors: Vec<String> = Vec::with_capacity(n_authors);
    while authors.len() < n_authors {
        let a = ctx.rng.pick(staff).clone();
        if !authors.contains(&a) {
            authors.push(a);
        }
    }
    let correspondent = ctx.rng.pick(staff).clone();
    let photographer = ctx.rng.pick(&world.photographers).clone();
    // Skewed toward shorter pieces, as news is: 300 to 1200 words.
    let target = 300 + (900.0 * ctx.rng.unit().powf(1.7)) as usize;

    let mut body = Body::default();
    if kind == "video" {
        let line = format!("({correspondent}, correspondent in {})", ctx.ev.city);
        body.push(Block::Speaker(line));
    }
    let mut lead = ctx.fill_from(LEADS);
    if ctx.rng.chance(0.6) {
        lead.push(' ');
        lead.push_str(&ctx.fill_from(LEAD_SECOND));
    }
    body.push(Block::Para(lead));

    let headings_ok = outlet.kind != OutletKind::Wire && target > 450;
    let mut since_heading = 0;
    let mut used_list = false;
    let mut used_quote = false;
    // Paragraph kinds in a loose rotation: (pool, is a quotation).
    let order: [(&[&str], bool); 6] = [
        (DEVELOPMENT, false),
        (QUOTE_FRAMES, true),
        (CONTEXT, false),
        (REACTION, false),
        (DEVELOPMENT, false),
        (QUOTE_FRAMES, true),
    ];
    let mut step = ctx.rng.below(order.len());
    while body.words < target {
        if headings_ok && since_heading >= 3 && ctx.rng.chance(0.45) {
            let pool = if ctx.rng.chance(0.5) {
                ctx.theme.headings
            } else {
                HEADINGS
            };
            let h = ctx.fill_from(pool);
            body.push(Block::Heading(h));
            since_heading = 0;
        }
        if !used_list && outlet.kind != OutletKind::Wire && ctx.rng.chance(0.08) {
            let intro = ctx.fill_from(LIST_INTROS);
            let n = ctx.rng.range(3, 5);
            let items = (0..n).map(|_| ctx.fill_from(LIST_ITEMS)).collect();
            body.push(Block::List(intro, items));
            used_list = true;
            continue;
        }
        if !used_quote && ctx.rng.chance(0.06) {
            let text = format!("\"{}.\"", ctx.fill("{Q}"));
            let who = ctx.fill("{P}, {P_role}");
            body.push(Block::Quote { text, who });
            used_quote = true;
            continue;
        }
        let (pool, quotation) = order[step % order.len()];
        step += 1;
        let sentences = if quotation { 1 } else { ctx.rng.range(2, 3) };
        let mut para = String::new();
        for i in 0..sentences {
            if i > 0 {
                para.push(' ');
            }
            para.push_str(&ctx.fill_from(pool));
        }
        if quotation && ctx.rng.chance(0.6) {
            para.push(' ');
            para.push_str(&ctx.fill_from(REACTION));
        }
        // Leave room for the closing paragraph and Markdown marks: stay under 1200 words.
        if body.words + word_count(&para) > 1100 {
            break;
        }
        body.push(Block::Para(para));
        since_heading += 1;
    }
    let outlook = ctx.fill_from(OUTLOOK);
    body.push(Block::Para(outlook));

    let summary = ctx.fill_from(SUMMARIES);
    let caption = ctx.fill_from(CAPTIONS);
    let mut topics = Vec::new();
    if ctx.rng.chance(0.3) {
        topics.push(ctx.theme.name.to_string());
        if ctx.rng.chance(0.5) {
            topics.push(COUNTRIES[ctx.ev.countries[0]].name.to_string());
        }
    }
    Article {
        title,
        summary,
        kind,
        section: ctx.theme.section,
        authors,
        topics,
        blocks: body.blocks,
        dateline_city: ctx.ev.city.to_uppercase(),
        caption,
        photo_credit: photographer,
        correspondent,
    }
}

#[derive(Default)]
struct Body {
    blocks: Vec<Block>,
    words: usize,
}

impl Body {
    fn push(&mut self, block: Block) {
        self.words += match &block {
            Block::Para(t) | Block::Heading(t) | Block::Speaker(t) => word_count(t),
            Block::List(intro, items) => {
                word_count(intro) + items.iter().map(|s| word_count(s)).sum::<usize>()
            }
            Block::Quote { text, who } => word_count(text) + word_count(who),
        };
        self.blocks.push(block);
    }
}

pub fn pick_kind(outlet: &Outlet, rng: &mut Rng) -> &'static str {
    kind_for(outlet, rng)
}
