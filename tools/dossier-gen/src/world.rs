//! The invented world the synthetic news is about: countries, people, organisations, outlets,
//! themes and their vocabulary. Government offices belong to invented countries so that no
//! generated statement is put in the mouth of a real office holder; real cities and
//! international bodies appear only as venues and background.

use crate::rng::Rng;

/// A subject area with its own vocabulary, so that documents on one theme share words that
/// documents on other themes rarely use.
pub struct Theme {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub section: &'static str,
    pub description: &'static str,
    /// Noun phrases for the matter at hand: "the truce negotiations".
    pub subject: &'static [&'static str],
    /// What the actors want: "a lasting ceasefire".
    pub goal: &'static [&'static str],
    /// What worries people: "civilian casualties".
    pub concern: &'static [&'static str],
    /// Bare verb phrases: "agree on a phased truce".
    pub action: &'static [&'static str],
    /// Vocabulary sprinkled through the text.
    pub terms: &'static [&'static str],
    /// What a named artefact of this theme is called: "accord", "corridor".
    pub artefacts: &'static [&'static str],
    /// What a storyline of this theme is called: "standoff", "crisis".
    pub stories: &'static [&'static str],
    /// Quantities with `#` for the number: "# people displaced".
    pub figures: &'static [&'static str],
    /// Quotations (without the closing punctuation).
    pub quotes: &'static [&'static str],
    /// Headline templates specific to the theme.
    pub headlines: &'static [&'static str],
    pub headings: &'static [&'static str],
}

pub const THEMES: &[Theme] = &[
    Theme {
        name: "Ceasefire talks",
        aliases: &["truce talks", "ceasefire negotiations", "peace talks"],
        section: "World",
        description:
            "Negotiations to halt fighting, exchange prisoners and open humanitarian corridors.",
        subject: &[
            "the truce negotiations",
            "the ceasefire talks",
            "the peace process",
            "the prisoner exchange",
            "the border fighting",
        ],
        goal: &[
            "a lasting ceasefire",
            "a phased truce",
            "a prisoner exchange",
            "an end to the shelling",
            "a monitored pullback of troops",
        ],
        concern: &[
            "civilian casualties",
            "renewed shelling",
            "the fate of detainees",
            "attacks on aid convoys",
            "violations along the front line",
        ],
        action: &[
            "accept a phased truce",
            "withdraw heavy artillery",
            "release detainees",
            "open a humanitarian corridor",
            "allow ceasefire monitors in",
        ],
        terms: &[
            "mediators",
            "front line",
            "artillery",
            "detainees",
            "monitors",
            "buffer zone",
            "truce lines",
            "militia commanders",
            "checkpoints",
            "shelling",
            "humanitarian corridor",
            "prisoner lists",
        ],
        artefacts: &["accord", "framework", "truce plan", "corridor agreement"],
        stories: &["conflict", "standoff", "border war", "insurgency"],
        figures: &[
            "# people displaced",
            "# detainees",
            "# ceasefire violations",
            "# civilians killed",
        ],
        quotes: &[
            "We are closer to a ceasefire than at any point this year, but we are not there yet",
            "Every day without a truce costs lives on both sides of the line",
            "Our troops will hold their positions until the other side keeps its word",
            "The monitors must be allowed to see the front line for themselves",
            "A truce that cannot be verified is not a truce",
        ],
        headlines: &[
            "Mediators press {Country} and {Country2} to accept {Art}",
            "Shelling near {Place} threatens fragile truce",
            "{P_last} says {Goal} within reach after talks at {Venue}",
            "{Fig} as fighting flares near {Place}",
            "Prisoner lists hold up {Art}, officials say",
        ],
        headings: &[
            "The front line",
            "Who is mediating",
            "Prisoners and detainees",
            "Monitoring the truce",
        ],
    },
    Theme {
        name: "Elections",
        aliases: &["election", "polls", "vote count"],
        section: "Politics",
        description: "Campaigns, votes, results and disputes over them.",
        subject: &[
            "the election campaign",
            "the vote count",
            "the coalition talks",
            "the presidential race",
            "the electoral reform",
        ],
        goal: &[
            "a stable coalition",
            "a clear majority",
            "a recount in disputed districts",
            "a peaceful handover",
            "a runoff vote",
        ],
        concern: &[
            "vote buying",
            "low turnout",
            "irregularities at polling stations",
            "attacks on candidates",
            "disinformation online",
        ],
        action: &[
            "call an early election",
            "accept the preliminary results",
            "form a coalition government",
            "demand a recount",
            "postpone the vote",
        ],
        terms: &[
            "ballots",
            "polling stations",
            "turnout",
            "electoral commission",
            "coalition partners",
            "runoff",
            "candidates",
            "observers",
            "constituencies",
            "preliminary results",
            "campaign rallies",
            "voter rolls",
        ],
        artefacts: &[
            "coalition deal",
            "electoral law",
            "power-sharing pact",
            "reform bill",
        ],
        stories: &[
            "election",
            "coalition crisis",
            "vote dispute",
            "leadership race",
        ],
        figures: &[
            "# percent turnout",
            "# seats",
            "# polling stations",
            "# complaints filed",
        ],
        quotes: &[
            "The voters have spoken and we will respect their decision",
            "We will not recognise a result produced by fraud",
            "This coalition will govern for everyone, not only for those who voted for us",
            "The count must be finished before anyone declares victory",
            "Our observers saw problems in too many districts to ignore",
        ],
        headlines: &[
            "{Country} votes in tight race between {P_last} and {P2_last}",
            "{P_last} claims victory as count drags on",
            "Observers report irregularities at polling stations in {Place}",
            "{Art} gives {P_last} a narrow majority",
            "{Country} election: {Fig} in early count",
        ],
        headings: &[
            "The count",
            "Coalition arithmetic",
            "What observers saw",
            "The campaign",
        ],
    },
    Theme {
        name: "Energy supply",
        aliases: &["energy security", "gas supply", "oil supply"],
        section: "Business",
        description: "Gas, oil and power: pipelines, prices, outages and the deals behind them.",
        subject: &[
            "the gas supply dispute",
            "the pipeline project",
            "the power shortages",
            "the fuel price row",
            "the grid expansion",
        ],
        goal: &[
            "a long-term supply contract",
            "lower fuel prices",
            "a reliable winter supply",
            "a new interconnector",
            "an end to rolling blackouts",
        ],
        concern: &[
            "winter shortages",
            "rising household bills",
            "sabotage of infrastructure",
            "dependence on a single supplier",
            "grid failures",
        ],
        action: &[
            "resume gas deliveries",
            "cap retail energy prices",
            "build a second pipeline",
            "release strategic reserves",
            "ration electricity",
        ],
        terms: &[
            "pipeline",
            "gas storage",
            "refinery",
            "power grid",
            "wholesale prices",
            "liquefied gas",
            "transit fees",
            "reserves",
            "barrels",
            "turbines",
            "blackouts",
            "interconnector",
        ],
        artefacts: &[
            "pipeline",
            "supply contract",
            "energy pact",
            "interconnector",
        ],
        stories: &[
            "gas dispute",
            "energy crisis",
            "pipeline row",
            "blackout crisis",
        ],
        figures: &[
            "# barrels a day",
            "# million cubic metres of gas",
            "# homes without power",
            "# megawatts",
        ],
        quotes: &[
            "No household should have to choose between heating and eating this winter",
            "The pipeline is a commercial project and should be judged as one",
            "We have enough gas in storage to get through the cold months",
            "Energy must never again be used as a weapon against us",
            "The grid was not built for the demand we are seeing",
        ],
        headlines: &[
            "{Country} halts gas flows through {Art}",
            "Blackouts hit {Place} as grid operator rations power",
            "{P_last} signs {Art} with {Country2}",
            "Energy prices jump after outage at {Place} plant",
            "{Fig} at stake in {Country}'s pipeline row",
        ],
        headings: &[
            "Prices and bills",
            "The pipeline",
            "Storage levels",
            "Winter outlook",
        ],
    },
    Theme {
        name: "Trade dispute",
        aliases: &["tariffs", "trade war", "trade talks"],
        section: "Business",
        description: "Tariffs, export bans, trade deals and the quarrels between trading partners.",
        subject: &[
            "the tariff dispute",
            "the trade negotiations",
            "the export ban",
            "the customs union talks",
            "the steel quarrel",
        ],
        goal: &[
            "a free trade agreement",
            "the lifting of tariffs",
            "a quota deal",
            "an end to the export ban",
            "mutual recognition of standards",
        ],
        concern: &[
            "job losses at ports",
            "higher consumer prices",
            "retaliatory tariffs",
            "shortages of components",
            "a flood of cheap imports",
        ],
        action: &[
            "lift tariffs on steel",
            "suspend the export ban",
            "file a complaint with trade arbiters",
            "impose anti-dumping duties",
            "open its grain market",
        ],
        terms: &[
            "tariffs",
            "exporters",
            "customs officials",
            "quotas",
            "anti-dumping duties",
            "supply chains",
            "shipping containers",
            "trade surplus",
            "components",
            "grain exports",
            "steel mills",
            "importers",
        ],
        artefacts: &[
            "trade deal",
            "tariff truce",
            "customs protocol",
            "quota agreement",
        ],
        stories: &[
            "trade war",
            "tariff row",
            "export dispute",
            "customs standoff",
        ],
        figures: &[
            "# percent tariffs",
            "# billion dollars in exports",
            "# containers",
            "# tonnes of steel",
        ],
        quotes: &[
            "Tariffs are a tax on our own consumers",
            "We will respond in kind if our exporters are treated unfairly",
            "A deal is possible, but not at any price",
            "Our factories cannot wait another quarter for an answer",
            "Rules-based trade only works if everyone follows the rules",
        ],
        headlines: &[
            "{Country} slaps tariffs on {Country2} steel",
            "Trade talks in {City} end without deal on {Art}",
            "{P_last} warns of retaliation over export ban",
            "Exporters in {Place} count cost of tariff row",
            "{Fig} hit as {Country} widens trade curbs",
        ],
        headings: &[
            "Who pays",
            "The tariffs",
            "Exporters' worries",
            "Retaliation",
        ],
    },
    Theme {
        name: "Floods and drought",
        aliases: &["flooding", "drought", "extreme weather"],
        section: "Climate",
        description: "Floods, droughts, storms and what governments do before and after them.",
        subject: &[
            "the flood response",
            "the drought emergency",
            "the storm recovery",
            "the water rationing",
            "the reconstruction effort",
        ],
        goal: &[
            "rebuilt flood defences",
            "emergency water deliveries",
            "compensation for farmers",
            "a national adaptation plan",
            "early warning systems",
        ],
        concern: &[
            "crop failures",
            "waterborne disease",
            "collapsed river banks",
            "failing dams",
            "rising food prices",
        ],
        action: &[
            "declare a state of emergency",
            "evacuate low-lying districts",
            "release emergency funds",
            "ration tap water",
            "rebuild the levees",
        ],
        terms: &[
            "river levels",
            "levees",
            "rainfall",
            "reservoirs",
            "evacuation centres",
            "harvest",
            "rescue teams",
            "sandbags",
            "irrigation",
            "forecasters",
            "dams",
            "relief supplies",
        ],
        artefacts: &[
            "relief fund",
            "recovery plan",
            "dam project",
            "adaptation plan",
        ],
        stories: &["floods", "drought", "storm season", "water crisis"],
        figures: &[
            "# homes flooded",
            "# hectares of crops lost",
            "# people evacuated",
            "# millimetres of rain",
        ],
        quotes: &[
            "We lost everything we planted this season",
            "The defences held in most places, but not everywhere",
            "This is what the climate scientists warned us about",
            "Nobody will be left without clean water",
            "We need to build for the rainfall of the future, not of the past",
        ],
        headlines: &[
            "{Fig} as floods hit {Place}",
            "{Country} declares emergency as drought grips {Place}",
            "{P_last} promises {Art} after storm damage",
            "River bursts its banks near {City}",
            "Farmers in {Place} count losses as reservoirs run dry",
        ],
        headings: &[
            "The damage",
            "Rescue and relief",
            "Counting the cost",
            "Warnings ignored?",
        ],
    },
    Theme {
        name: "Disease outbreak",
        aliases: &["outbreak", "epidemic", "public health"],
        section: "Health",
        description: "Outbreaks, vaccination campaigns and the strain on health systems.",
        subject: &[
            "the outbreak response",
            "the vaccination campaign",
            "the hospital crisis",
            "the quarantine measures",
            "the contact tracing",
        ],
        goal: &[
            "containment of the outbreak",
            "vaccines for every district",
            "reopened clinics",
            "more hospital beds",
            "an end to the quarantine",
        ],
        concern: &[
            "overcrowded wards",
            "vaccine shortages",
            "undetected cases",
            "spread across borders",
            "exhausted medical staff",
        ],
        action: &[
            "impose a regional quarantine",
            "start mass vaccination",
            "close schools for two weeks",
            "build field hospitals",
            "ask for international help",
        ],
        terms: &[
            "infections",
            "vaccination teams",
            "isolation wards",
            "health workers",
            "test kits",
            "epidemiologists",
            "quarantine",
            "clinics",
            "symptoms",
            "case numbers",
            "field hospitals",
            "contact tracing",
        ],
        artefacts: &[
            "vaccination drive",
            "response plan",
            "health emergency",
            "quarantine order",
        ],
        stories: &[
            "outbreak",
            "epidemic",
            "health emergency",
            "hospital crisis",
        ],
        figures: &[
            "# confirmed cases",
            "# deaths",
            "# doses delivered",
            "# hospital beds",
        ],
        quotes: &[
            "The number of new cases is falling, but it is too early to relax",
            "Our nurses have been working double shifts for weeks",
            "Vaccines are arriving, and they are going first to the worst-hit districts",
            "We did not see the scale of this coming",
            "Every unreported case is a risk to the next village",
        ],
        headlines: &[
            "{Fig} reported as outbreak spreads to {Place}",
            "{Country} launches {Art} in hard-hit districts",
            "Hospitals in {City} near capacity, doctors warn",
            "{P_last} defends quarantine as cases climb",
            "Vaccine shipment lands in {City}",
        ],
        headings: &[
            "The numbers",
            "Inside the wards",
            "Vaccines",
            "Quarantine rules",
        ],
    },
    Theme {
        name: "Inflation and interest rates",
        aliases: &["inflation", "interest rates", "central bank"],
        section: "Economy",
        description: "Prices, wages, interest rate decisions and the cost of living.",
        subject: &[
            "the rate decision",
            "the cost-of-living squeeze",
            "the currency slide",
            "the budget talks",
            "the debt restructuring",
        ],
        goal: &[
            "lower inflation",
            "a stable currency",
            "an IMF loan",
            "a balanced budget",
            "wage rises that keep pace with prices",
        ],
        concern: &[
            "rising rents",
            "a run on the currency",
            "mortgage arrears",
            "food price inflation",
            "a recession",
        ],
        action: &[
            "raise interest rates",
            "cut fuel subsidies",
            "devalue the currency",
            "freeze public sector pay",
            "restructure its foreign debt",
        ],
        terms: &[
            "central bank",
            "inflation",
            "interest rates",
            "bond yields",
            "currency",
            "subsidies",
            "budget deficit",
            "creditors",
            "mortgages",
            "consumer prices",
            "wages",
            "economists",
        ],
        artefacts: &["rescue package", "budget", "loan programme", "debt deal"],
        stories: &[
            "currency crisis",
            "debt crisis",
            "inflation squeeze",
            "budget crisis",
        ],
        figures: &[
            "# percent inflation",
            "# basis points",
            "# billion in debt",
            "# percent of GDP",
        ],
        quotes: &[
            "Inflation is the cruellest tax on the poorest households",
            "We will do whatever it takes to bring prices under control",
            "Our creditors know we intend to pay, but on terms we can meet",
            "Raising rates now would choke the recovery",
            "Families are feeling this at the supermarket every week",
        ],
        headlines: &[
            "{Country}'s central bank raises rates to fight inflation",
            "Currency slides as {P_last} unveils {Art}",
            "Latest figures in {Country}: {Fig}",
            "Creditors back {Art} for {Country}",
            "Shoppers in {City} feel the pinch as prices climb",
        ],
        headings: &[
            "The rate decision",
            "Prices at the till",
            "Creditors",
            "Markets",
        ],
    },
    Theme {
        name: "Migration and borders",
        aliases: &["migration", "asylum", "border crossings"],
        section: "World",
        description: "People on the move, asylum rules and border policy.",
        subject: &[
            "the asylum reform",
            "the border crisis",
            "the migration pact",
            "the deportation flights",
            "the refugee camps",
        ],
        goal: &[
            "a shared asylum system",
            "safe legal routes",
            "faster asylum decisions",
            "fewer deaths at sea",
            "funding for host communities",
        ],
        concern: &[
            "overcrowded camps",
            "drownings at sea",
            "pushbacks at the border",
            "smuggling networks",
            "children travelling alone",
        ],
        action: &[
            "tighten border controls",
            "process asylum claims abroad",
            "suspend deportations",
            "open a reception centre",
            "share responsibility for arrivals",
        ],
        terms: &[
            "asylum seekers",
            "border guards",
            "reception centres",
            "smugglers",
            "coast guard",
            "refugees",
            "deportations",
            "work permits",
            "migrants",
            "asylum claims",
            "camps",
            "rescue ships",
        ],
        artefacts: &[
            "migration pact",
            "return agreement",
            "asylum law",
            "border plan",
        ],
        stories: &[
            "border crisis",
            "migration row",
            "asylum dispute",
            "camp crisis",
        ],
        figures: &[
            "# arrivals",
            "# asylum claims",
            "# people rescued at sea",
            "# people in camps",
        ],
        quotes: &[
            "Nobody risks their life at sea unless they have no other choice",
            "We must know who is crossing our border",
            "The camps were built for a fraction of the people now living there",
            "Solidarity cannot only mean money",
            "The smugglers are the only ones who profit from this chaos",
        ],
        headlines: &[
            "{Fig} as crossings surge near {Place}",
            "{Country} and {Country2} sign {Art}",
            "Rescue ship docks in {City} after days at sea",
            "{P_last} defends tougher border rules",
            "Camps in {Place} overcrowded, aid groups say",
        ],
        headings: &[
            "At the border",
            "Life in the camps",
            "The new rules",
            "Politics of arrivals",
        ],
    },
    Theme {
        name: "Technology regulation",
        aliases: &["tech regulation", "data protection", "online platforms"],
        section: "Technology",
        description:
            "Rules for platforms, data and artificial intelligence, and the fights over them.",
        subject: &[
            "the platform law",
            "the data protection case",
            "the AI rules",
            "the antitrust probe",
            "the chip export curbs",
        ],
        goal: &[
            "binding rules for large platforms",
            "stronger privacy protections",
            "an AI safety regime",
            "a fair app store market",
            "secure supply of chips",
        ],
        concern: &[
            "data leaks",
            "algorithmic discrimination",
            "market dominance",
            "online disinformation",
            "surveillance of citizens",
        ],
        action: &[
            "fine the platform",
            "ban facial recognition in public spaces",
            "open an antitrust investigation",
            "require algorithm audits",
            "restrict chip exports",
        ],
        terms: &[
            "platforms",
            "regulators",
            "algorithms",
            "user data",
            "fines",
            "antitrust",
            "chips",
            "privacy",
            "moderators",
            "app stores",
            "data centres",
            "encryption",
        ],
        artefacts: &["digital act", "privacy ruling", "AI code", "data law"],
        stories: &[
            "antitrust case",
            "platform fight",
            "privacy scandal",
            "chip standoff",
        ],
        figures: &[
            "# million users",
            "# million in fines",
            "# complaints",
            "# data centres",
        ],
        quotes: &[
            "No company is too big to follow the law",
            "Innovation and regulation are not enemies",
            "Users deserve to know how decisions about them are made",
            "These rules will be obsolete before they come into force",
            "We will appeal, and we expect to win",
        ],
        headlines: &[
            "Regulators in {City} fine platform over {Concern}",
            "{Country} adopts {Art} after months of lobbying",
            "{P_last} vows to rein in tech giants",
            "Regulators in {Country} probe data leak at {Place} firm",
            "Chipmakers warn of shortages as {Country} tightens curbs",
        ],
        headings: &[
            "What the rules say",
            "The industry's answer",
            "Users' rights",
            "Enforcement",
        ],
    },
    Theme {
        name: "Corruption trial",
        aliases: &["corruption", "graft", "bribery case"],
        section: "Justice",
        description: "Investigations, trials and verdicts in cases of graft and abuse of office.",
        subject: &[
            "the bribery trial",
            "the corruption probe",
            "the procurement scandal",
            "the money laundering case",
            "the judicial reform",
        ],
        goal: &[
            "a fair trial",
            "the return of stolen funds",
            "an independent prosecutor",
            "tougher anti-graft laws",
            "a full inquiry",
        ],
        concern: &[
            "political interference",
            "witness intimidation",
            "missing public funds",
            "delays in court",
            "leaked evidence",
        ],
        action: &[
            "lift the minister's immunity",
            "freeze the suspects' assets",
            "appoint a special prosecutor",
            "publish the audit",
            "extradite the businessman",
        ],
        terms: &[
            "prosecutors",
            "judges",
            "defendants",
            "testimony",
            "bribes",
            "contracts",
            "auditors",
            "witnesses",
            "verdict",
            "indictment",
            "appeal",
            "shell companies",
        ],
        artefacts: &["indictment", "audit report", "plea deal", "inquiry report"],
        stories: &[
            "scandal",
            "bribery affair",
            "graft case",
            "procurement affair",
        ],
        figures: &[
            "# million in bribes",
            "# defendants",
            "# witnesses",
            "# contracts",
        ],
        quotes: &[
            "My client is innocent and will prove it in court",
            "Nobody is above the law, whatever office they hold",
            "This money was meant for hospitals and schools",
            "The evidence speaks for itself",
            "This trial is politically motivated from start to finish",
        ],
        headlines: &[
            "Former minister {P_last} goes on trial in {City}",
            "{Art} details {Fig} in procurement scandal",
            "Prosecutors seek prison term for {P_last}",
            "Court in {City} freezes assets of {P2_last}",
            "Witness in {Code} case says she was threatened",
        ],
        headings: &[
            "In court",
            "The money trail",
            "The defence",
            "Political fallout",
        ],
    },
    Theme {
        name: "Labour strikes",
        aliases: &["strike", "strikes", "industrial action", "unions"],
        section: "Business",
        description: "Walkouts, wage talks and the unions and employers behind them.",
        subject: &[
            "the wage talks",
            "the port strike",
            "the rail walkout",
            "the pension reform protests",
            "the teachers' strike",
        ],
        goal: &[
            "a pay rise above inflation",
            "a new collective agreement",
            "safer working hours",
            "the withdrawal of the pension reform",
            "binding arbitration",
        ],
        concern: &[
            "empty supermarket shelves",
            "cancelled trains",
            "closed schools",
            "lost wages",
            "backlogs at the ports",
        ],
        action: &[
            "call a general strike",
            "accept the pay offer",
            "go to arbitration",
            "extend the walkout",
            "withdraw the reform",
        ],
        terms: &[
            "unions",
            "walkout",
            "picket lines",
            "employers",
            "pay offer",
            "shifts",
            "collective bargaining",
            "dock workers",
            "train drivers",
            "overtime",
            "arbitration",
            "strike fund",
        ],
        artefacts: &[
            "pay deal",
            "collective agreement",
            "pension reform",
            "arbitration ruling",
        ],
        stories: &["strike", "walkout", "pay dispute", "pension protests"],
        figures: &[
            "# workers on strike",
            "# percent pay rise",
            "# cancelled trains",
            "# ships waiting",
        ],
        quotes: &[
            "Our members cannot live on promises",
            "The offer on the table is fair and it is final",
            "Nobody wants to strike, but we have been left no choice",
            "The country cannot afford another week of this",
            "We will be back on the picket lines on Monday if there is no deal",
        ],
        headlines: &[
            "Strike talks collapse as unions cite {Fig}",
            "Ports in {Place} paralysed by strike",
            "{P_last} urges unions to accept {Art}",
            "Rail strike in {Country} enters second week",
            "Unions and employers reach {Art} in {City}",
        ],
        headings: &[
            "On the picket line",
            "The offer",
            "Who is affected",
            "The government's role",
        ],
    },
];

/// An invented country: name, demonym, capital and two more cities.
pub struct Country {
    pub name: &'static str,
    pub demonym: &'static str,
    pub cities: [&'static str; 3],
}

pub const COUNTRIES: &[Country] = &[
    Country {
        name: "Lorvania",
        demonym: "Lorvanian",
        cities: ["Veska", "Ostrel", "Kamen Bay"],
    },
    Country {
        name: "Kestria",
        demonym: "Kestrian",
        cities: ["Port Arlen", "Dunmarrow", "Sel"],
    },
    Country {
        name: "Marovia",
        demonym: "Marovian",
        cities: ["Tiravel", "Brask", "Oleno"],
    },
    Country {
        name: "Sundara",
        demonym: "Sundaran",
        cities: ["Kalipur", "Mesh Anor", "Tavi"],
    },
    Country {
        name: "Aldoria",
        demonym: "Aldorian",
        cities: ["New Halm", "Restin", "Carrow"],
    },
    Country {
        name: "Quessar",
        demonym: "Quessari",
        cities: ["Al Nasira", "Dhuwan", "Qirat"],
    },
    Country {
        name: "Belmark",
        demonym: "Belmarkish",
        cities: ["Hollstad", "Vinter", "Ekby"],
    },
    Country {
        name: "Tavoria",
        demonym: "Tavorian",
        cities: ["Santa Irena", "Puerto Alba", "Lomas"],
    },
    Country {
        name: "Ostrelia",
        demonym: "Ostrelian",
        cities: ["Gradin", "Vukovo", "Beljan"],
    },
    Country {
        name: "Numera",
        demonym: "Numeran",
        cities: ["Abeku", "Lake Tsinde", "Maroko"],
    },
    Country {
        name: "Calvessa",
        demonym: "Calvessan",
        cities: ["Mirabel", "Torre Nova", "Vallisca"],
    },
    Country {
        name: "Darvand",
        demonym: "Darvandi",
        cities: ["Esfahal", "Kerman Rud", "Tabrel"],
    },
    Country {
        name: "Helvoria",
        demonym: "Helvorian",
        cities: ["Brenn", "Lauterau", "Sankt Oda"],
    },
    Country {
        name: "Koryan",
        demonym: "Koryani",
        cities: ["Haesong", "Mun-do", "Pyeokgang"],
    },
    Country {
        name: "Westmere",
        demonym: "Westmerian",
        cities: ["Ashford Reach", "Kingsholm", "Lynmouth"],
    },
    Country {
        name: "Zambara",
        demonym: "Zambaran",
        cities: ["Kitu", "Mbeleni", "Shirazo"],
    },
    Country {
        name: "Elbonia",
        demonym: "Elbonian",
        cities: ["Stary Mor", "Kovel", "Drinsk"],
    },
    Country {
        name: "Taressa",
        demonym: "Taressan",
        cities: ["Liora", "Sabena", "Kefira"],
    },
    Country {
        name: "Norvik",
        demonym: "Norvikian",
        cities: ["Fjelby", "Tromsvik", "Aaland"],
    },
    Country {
        name: "Pelagos",
        demonym: "Pelagian",
        cities: ["Akropoli", "Lefkira", "Thassos Bay"],
    },
    Country {
        name: "Ramasia",
        demonym: "Ramasian",
        cities: ["Jaya Kota", "Seri Laut", "Batu Merah"],
    },
    Country {
        name: "Vostara",
        demonym: "Vostaran",
        cities: ["Krasnyar", "Belogorsk", "Ustye"],
    },
    Country {
        name: "Maldora",
        demonym: "Maldoran",
        cities: ["Sao Bento", "Rio Claro", "Vila Franca"],
    },
    Country {
        name: "Ishkar",
        demonym: "Ishkari",
        cities: ["Bandar Sefid", "Qal'at Nur", "Zarin"],
    },
];

/// Real cities where international talks are plausibly held.
pub const VENUE_CITIES: &[&str] = &[
    "Geneva",
    "Vienna",
    "Doha",
    "Cairo",
    "Nairobi",
    "Singapore",
    "Brussels",
    "New York",
    "Oslo",
    "Istanbul",
    "Addis Ababa",
    "Jakarta",
    "Montevideo",
    "Rabat",
    "Helsinki",
];

/// International bodies, real and invented.
pub const ORGS: &[(&str, &str)] = &[
    ("the United Nations", "UN"),
    ("the World Health Organization", "WHO"),
    ("the International Monetary Fund", "IMF"),
    ("the World Bank", "World Bank"),
    ("the European Union", "EU"),
    ("the African Union", "AU"),
    ("the Red Cross", "Red Cross"),
    ("the World Food Programme", "WFP"),
    ("the Northern Sea Council", "NSC"),
    ("the Continental Trade Organisation", "CTO"),
    ("the Atlantic Development Bank", "ADB"),
    ("the Coalition for Open Borders", "COB"),
    ("the Inland Water Commission", "IWC"),
    ("the Global Grain Alliance", "GGA"),
];

pub const THINK_TANKS: &[&str] = &[
    "the Halden Institute",
    "the Centre for Regional Studies",
    "Meridian Policy Group",
    "the Institute for Open Economies",
    "the Varn Foundation",
    "Crossroads Analytics",
    "the Lakeside Forum",
    "the Bureau of Strategic Affairs",
];

const FIRST: &[&str] = &[
    "Amara", "Lukas", "Sofia", "Tomasz", "Leila", "Daniel", "Ines", "Kwame", "Mei", "Omar",
    "Elena", "Rafael", "Hana", "Jonas", "Nadia", "Pavel", "Aisha", "Marco", "Yuki", "Samuel",
    "Freya", "Ahmed", "Clara", "Dmitri", "Priya", "Mateo", "Lina", "Oskar", "Zainab", "Viktor",
    "Chloe", "Tariq", "Ingrid", "Felipe", "Noor", "Anders", "Rosa", "Kenji", "Maya", "Idris",
    "Greta", "Hugo", "Salma", "Milan", "Ayla", "Ruben", "Esther", "Karim", "Lucia", "Emil",
    "Fatima", "Teodor", "Nina", "Bashir", "Vera", "Arjun", "Paula", "Stefan", "Yara", "Julien",
    "Adaeze", "Goran", "Keiko", "Luis", "Miriam", "Nikolai", "Olga", "Pedro", "Rania", "Soren",
    "Thandiwe", "Ulla", "Wen", "Xavier", "Yasmin", "Zoran", "Beatriz", "Cyrus", "Dalia", "Erik",
];

const LAST: &[&str] = &[
    "Okafor",
    "Brandt",
    "Novak",
    "Haddad",
    "Lindqvist",
    "Moreau",
    "Tanaka",
    "Mensah",
    "Petrov",
    "Rahman",
    "Silva",
    "Kowalski",
    "Nasser",
    "Jensen",
    "Costa",
    "Ivanova",
    "Adeyemi",
    "Fischer",
    "Karimi",
    "Rossi",
    "Sato",
    "Demir",
    "Castillo",
    "Eriksen",
    "Osei",
    "Volkov",
    "Aziz",
    "Keller",
    "Marsh",
    "Reyes",
    "Bianchi",
    "Kaya",
    "Mwangi",
    "Horvat",
    "Dubois",
    "Farouk",
    "Lund",
    "Ferreira",
    "Yilmaz",
    "Quinn",
    "Abara",
    "Stern",
    "Vasquez",
    "Holm",
    "Nakamura",
    "Obi",
    "Sandoval",
    "Weber",
    "Zielinski",
    "Anand",
    "Bakr",
    "Cerny",
    "Duarte",
    "Ekwueme",
    "Falk",
    "Gallo",
    "Hassan",
    "Iyer",
    "Jovanovic",
    "Kamau",
    "Larsen",
    "Moretti",
    "Ndiaye",
    "Orlov",
    "Pereira",
    "Qureshi",
    "Rinaldi",
    "Salo",
    "Toivonen",
    "Umarov",
    "Varga",
    "Wolff",
    "Yusuf",
    "Zamora",
    "Achebe",
    "Berg",
    "Chaudhry",
    "Dlamini",
    "Engel",
    "Fontaine",
];

/// Syllables for invented proper names (artefacts, venues, places, storylines).
const SYL_A: &[&str] = &[
    "Va", "Ta", "Ke", "Lo", "Mi", "Dra", "Sor", "Bel", "Cor", "Ne", "Ru", "Os", "Tal", "Ver", "Ka",
    "Zan", "Pol", "Ish", "Mar", "Ost", "Fen", "Gal", "Hal", "Jor", "Lin", "Myr", "Nor", "Pra",
    "Quin", "Sel", "Tor", "Ul", "Vel", "Wyn", "Yar", "Zel",
];
const SYL_B: &[&str] = &[
    "", "", "", "la", "ri", "ven", "do", "ma", "ste", "ko", "ne", "ta",
];
const SYL_C: &[&str] = &[
    "resk", "mira", "vin", "dor", "ana", "elle", "ovo", "stan", "ara", "eni", "oth", "ask", "ium",
    "ero", "gard", "hold", "mont", "ria", "sund", "ter", "ul", "wick", "yse", "zan",
];

pub fn invented_name(rng: &mut Rng) -> String {
    let mut s = String::with_capacity(12);
    s.push_str(rng.word(SYL_A));
    s.push_str(rng.word(SYL_B));
    s.push_str(rng.word(SYL_C));
    s
}

pub fn person_name(rng: &mut Rng) -> (String, String) {
    (rng.pick(FIRST).to_string(), rng.pick(LAST).to_string())
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum RoleScope {
    /// "Lorvanian foreign minister"
    Government,
    /// "opposition leader in Lorvania"
    Opposition,
    /// "spokesperson for the UN"
    Organisation,
    /// "an analyst at the Halden Institute"
    Analyst,
}

const GOVERNMENT_ROLES: &[&str] = &[
    "foreign minister",
    "prime minister",
    "president",
    "finance minister",
    "interior minister",
    "health minister",
    "energy minister",
    "trade minister",
    "defence minister",
    "central bank governor",
    "justice minister",
    "labour minister",
    "chief negotiator",
    "government spokesperson",
];
const OPPOSITION_ROLES: &[&str] = &[
    "opposition leader",
    "union leader",
    "mayor",
    "member of parliament",
    "party chair",
    "chief executive of the national port authority",
    "head of the farmers' association",
];
const ORG_ROLES: &[&str] = &[
    "spokesperson",
    "envoy",
    "director",
    "regional director",
    "chief economist",
    "head of mission",
];

pub struct Person {
    pub first: String,
    pub last: String,
    pub scope: RoleScope,
    pub role: &'static str,
    pub country: usize,
    pub org: usize,
    pub think_tank: usize,
}

impl Person {
    pub fn full(&self) -> String {
        format!("{} {}", self.first, self.last)
    }

    /// "Lorvania's foreign minister", "an analyst at ...", "the UN's envoy".
    pub fn role_phrase(&self) -> String {
        let c = &COUNTRIES[self.country];
        match self.scope {
            RoleScope::Government => format!("{}'s {}", c.name, self.role),
            RoleScope::Opposition => format!("{} in {}", with_article(self.role), c.name),
            RoleScope::Organisation => {
                format!("{} for {}", with_article(self.role), ORGS[self.org].0)
            }
            RoleScope::Analyst => format!("an analyst at {}", THINK_TANKS[self.think_tank]),
        }
    }

    /// "Lorvanian Foreign Minister" style title before a name, where one exists.
    pub fn title_phrase(&self) -> String {
        let c = &COUNTRIES[self.country];
        match self.scope {
            RoleScope::Government => format!("{} {}", c.demonym, title_case(self.role)),
            RoleScope::Opposition => format!("{} {}", c.demonym, self.role),
            RoleScope::Organisation => format!("{} {}", ORGS[self.org].1, self.role),
            RoleScope::Analyst => "analyst".to_string(),
        }
    }
}

fn with_article(role: &str) -> String {
    // "a union leader", "an envoy".
    let an = role.starts_with(['a', 'e', 'i', 'o'])
        || (role.starts_with('u') && !role.starts_with("uni"));
    format!("{} {role}", if an { "an" } else { "a" })
}

pub fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) if !matches!(w, "of" | "the" | "for" | "and") => {
                    f.to_uppercase().chain(c).collect::<String>()
                }
                _ => w.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// How an outlet lays out its pages when copied as text.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum OutletKind {
    Wire,
    Newspaper,
    Broadcaster,
    Digital,
    Magazine,
}

#[derive(Clone, Copy)]
pub enum BylineStyle {
    /// "By A and B"
    ByAnd,
    /// "A | B"
    Pipes,
    /// "By A, Outlet"
    ByOutlet,
    /// "Author: A" / "Authors: A, B"
    Label,
    /// "A" on one line, "Correspondent" on the next
    NameRole,
}

#[derive(Clone, Copy)]
pub enum DateStyle {
    /// "February 6, 2024"
    UsLong,
    /// "February 6, 2024 9:48 PM GMT+3 Updated 3 hours ago"
    UsLongTime,
    /// "6 February 2024"
    DayMonth,
    /// "Published 6 Feb 2024, 14:05 GMT"
    Published,
    /// "2024-02-06 14:05"
    Iso,
    /// "06.02.2024"
    Dotted,
    /// "02/06/2024"
    Numeric,
    /// "Tuesday, 6 February 2024"
    Weekday,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum DatelineStyle {
    /// "VESKA, Feb 6 (Meridian) -"
    Wire,
    /// "VESKA (NPA) —"
    Agency,
    /// "VESKA —"
    Plain,
    None,
}

pub struct Outlet {
    pub name: &'static str,
    /// Used in datelines and credits: "(Meridian)".
    pub short: &'static str,
    pub domain: &'static str,
    pub aliases: &'static [&'static str],
    pub kind: OutletKind,
    pub skip: &'static [&'static str],
    pub numbered_skip: bool,
    pub crumb_sep: &'static str,
    pub byline: BylineStyle,
    pub date: DateStyle,
    pub dateline: DatelineStyle,
    pub player: &'static str,
    pub cookie: &'static [&'static str],
    pub newsletter: &'static [&'static str],
    pub related: &'static str,
    pub read_time: bool,
    pub footer: &'static [&'static str],
    pub credit_line: bool,
    /// Minutes east of UTC of the newsroom's clock.
    pub utc_offset: i32,
    pub tz_label: &'static str,
}

pub const OUTLETS: &[Outlet] = &[
    Outlet {
        name: "Meridian Wire", short: "Meridian", domain: "meridianwire.com", aliases: &["Meridian", "Meridian News Agency"],
        kind: OutletKind::Wire,
        skip: &["Jump to main content", "Jump to search"], numbered_skip: false, crumb_sep: " > ",
        byline: BylineStyle::ByAnd, date: DateStyle::UsLongTime, dateline: DatelineStyle::Wire,
        player: "Video unavailable in this browser",
        cookie: &["We value your privacy", "We and our partners use cookies to run this site, measure audiences and tailor what you see. Select Accept to agree or Settings to choose.", "Accept", "Settings"],
        newsletter: &["Get the world briefing in your inbox every weekday", "Sign up"],
        related: "Related stories", read_time: true,
        footer: &["All quotes delayed a minimum of 15 minutes.", "© Meridian Wire. All rights reserved."],
        credit_line: true, utc_offset: 0, tz_label: "GMT",
    },
    Outlet {
        name: "Northern Ledger", short: "Ledger", domain: "northernledger.co.uk", aliases: &["The Northern Ledger"],
        kind: OutletKind::Newspaper,
        skip: &["Skip to main content", "Skip to navigation"], numbered_skip: false, crumb_sep: " / ",
        byline: BylineStyle::ByAnd, date: DateStyle::Weekday, dateline: DatelineStyle::None,
        player: "Your device does not support this media",
        cookie: &["This site uses cookies", "Some are essential; others help us improve your experience and show relevant advertising. You can manage your choices at any time.", "Yes, I'm happy", "Manage choices"],
        newsletter: &["Morning Ledger: the news you need before breakfast", "Enter your email address", "Subscribe"],
        related: "More on this story", read_time: false,
        footer: &["Back to top", "© Northern Ledger Media Ltd"],
        credit_line: false, utc_offset: 0, tz_label: "GMT",
    },
    Outlet {
        name: "Channel Forty", short: "C40", domain: "channel40news.com", aliases: &["C40", "Channel 40"],
        kind: OutletKind::Broadcaster,
        skip: &["Skip to content"], numbered_skip: false, crumb_sep: "",
        byline: BylineStyle::ByOutlet, date: DateStyle::UsLongTime, dateline: DatelineStyle::Agency,
        player: "This video cannot be played. Try refreshing the page.",
        cookie: &["We use cookies and similar technologies to personalise content and ads. By continuing you agree to our use of cookies.", "Got it"],
        newsletter: &["Sign up for our Evening Update newsletter", "Sign up"],
        related: "Related Articles", read_time: false,
        footer: &["Back to top button", "Terms of Use | Privacy Policy | Ad Choices"],
        credit_line: false, utc_offset: -300, tz_label: "ET",
    },
    Outlet {
        name: "Atlas Broadcasting", short: "Atlas", domain: "atlasbroadcast.de", aliases: &["Atlas", "Atlas TV"],
        kind: OutletKind::Broadcaster,
        skip: &["Go to content", "Go to navigation", "Go to other Atlas sites"], numbered_skip: true, crumb_sep: "",
        byline: BylineStyle::Pipes, date: DateStyle::UsLong, dateline: DatelineStyle::None,
        player: "Your browser cannot play this video.",
        cookie: &["We use cookies to improve our service. More information can be found in our privacy policy.", "OK"],
        newsletter: &["Want the day's top stories? Subscribe to our evening newsletter."],
        related: "More from Atlas", read_time: false,
        footer: &["© Atlas Broadcasting"],
        credit_line: false, utc_offset: 60, tz_label: "CET",
    },
    Outlet {
        name: "The Daily Lantern", short: "Lantern", domain: "dailylantern.com", aliases: &["Daily Lantern", "Lantern"],
        kind: OutletKind::Newspaper,
        skip: &["Skip to main content"], numbered_skip: false, crumb_sep: " | ",
        byline: BylineStyle::NameRole, date: DateStyle::Published, dateline: DatelineStyle::None,
        player: "Video player is loading.",
        cookie: &["Your privacy matters to us", "We and 142 partners store and access information on your device to serve personalised ads and content.", "Accept all", "Reject all"],
        newsletter: &["Don't miss a story", "Get the Lantern's best journalism in your inbox", "Sign up now"],
        related: "Most read", read_time: false,
        footer: &["Advertisement", "© The Daily Lantern"],
        credit_line: false, utc_offset: 0, tz_label: "GMT",
    },
    Outlet {
        name: "Harbor Times", short: "Harbor Times", domain: "harbortimes.com", aliases: &["The Harbor Times"],
        kind: OutletKind::Newspaper,
        skip: &["Skip to content", "Skip to site index"], numbered_skip: false, crumb_sep: " › ",
        byline: BylineStyle::ByAnd, date: DateStyle::UsLong, dateline: DatelineStyle::Plain,
        player: "Video playback is not supported here.",
        cookie: &["We use cookies to give you the best experience. See our cookie policy.", "Continue"],
        newsletter: &["The Morning Tide newsletter: sign up to get it in your inbox.", "Sign up"],
        related: "Read more", read_time: true,
        footer: &["Site Index", "© Harbor Times Company"],
        credit_line: false, utc_offset: -300, tz_label: "EST",
    },
    Outlet {
        name: "Eastbridge Post", short: "Eastbridge", domain: "eastbridgepost.com", aliases: &["The Eastbridge Post"],
        kind: OutletKind::Digital,
        skip: &["Skip to main content", "Skip to footer"], numbered_skip: false, crumb_sep: " > ",
        byline: BylineStyle::Label, date: DateStyle::Iso, dateline: DatelineStyle::None,
        player: "Loading video…",
        cookie: &["Cookie settings", "This website uses cookies for analytics and personalisation. Necessary cookies cannot be switched off.", "Allow all", "Necessary only"],
        newsletter: &["Subscribe to our newsletter", "Weekly digest, no spam."],
        related: "You may also like", read_time: true,
        footer: &["Share this article", "Facebook", "X", "WhatsApp", "Email"],
        credit_line: false, utc_offset: 480, tz_label: "GMT+8",
    },
    Outlet {
        name: "Sahel Review", short: "Sahel Review", domain: "sahelreview.org", aliases: &["The Sahel Review"],
        kind: OutletKind::Magazine,
        skip: &["Skip to content"], numbered_skip: false, crumb_sep: " » ",
        byline: BylineStyle::ByAnd, date: DateStyle::DayMonth, dateline: DatelineStyle::None,
        player: "Audio and video require JavaScript.",
        cookie: &["By using this site you accept our use of cookies.", "I agree"],
        newsletter: &["Support independent journalism: become a member", "Join today"],
        related: "Further reading", read_time: true,
        footer: &["About us | Contact | Donate", "© Sahel Review"],
        credit_line: false, utc_offset: 0, tz_label: "GMT",
    },
    Outlet {
        name: "Pacific Current", short: "Current", domain: "pacificcurrent.net", aliases: &["The Pacific Current"],
        kind: OutletKind::Digital,
        skip: &["Skip to main content"], numbered_skip: false, crumb_sep: " / ",
        byline: BylineStyle::Pipes, date: DateStyle::Numeric, dateline: DatelineStyle::None,
        player: "Press play to watch",
        cookie: &["We use cookies", "Essential and analytics cookies help us run and improve this site.", "Accept", "Customise"],
        newsletter: &["Get Current in your inbox", "Sign me up"],
        related: "Trending now", read_time: false,
        footer: &["Advertisement", "Back to top"],
        credit_line: false, utc_offset: 600, tz_label: "AEST",
    },
    Outlet {
        name: "Continental Observer", short: "Observer", domain: "continentalobserver.eu", aliases: &["The Continental Observer", "Observer EU"],
        kind: OutletKind::Newspaper,
        skip: &["Zum Inhalt springen / Skip to content"], numbered_skip: false, crumb_sep: " > ",
        byline: BylineStyle::Label, date: DateStyle::Dotted, dateline: DatelineStyle::Plain,
        player: "Activate JavaScript to watch this video",
        cookie: &["Privacy settings", "We process personal data with our partners to run this site and to measure reach. You can withdraw your consent at any time.", "Agree and continue", "Settings"],
        newsletter: &["The Observer Brief, every Friday", "Register"],
        related: "Also of interest", read_time: false,
        footer: &["Imprint | Data protection | Contact"],
        credit_line: false, utc_offset: 60, tz_label: "CET",
    },
    Outlet {
        name: "Gulf Dispatch", short: "Dispatch", domain: "gulfdispatch.com", aliases: &["The Gulf Dispatch"],
        kind: OutletKind::Digital,
        skip: &["Skip to main content"], numbered_skip: false, crumb_sep: " | ",
        byline: BylineStyle::ByOutlet, date: DateStyle::Published, dateline: DatelineStyle::Agency,
        player: "Watch: video is loading",
        cookie: &["This website uses cookies to ensure you get the best experience.", "Learn more", "Got it!"],
        newsletter: &["Stay informed: subscribe to Dispatch Daily"],
        related: "Read Next", read_time: false,
        footer: &["Back to top", "© Gulf Dispatch"],
        credit_line: false, utc_offset: 240, tz_label: "GST",
    },
    Outlet {
        name: "The Civic Record", short: "Civic Record", domain: "civicrecord.org", aliases: &["Civic Record"],
        kind: OutletKind::Magazine,
        skip: &["Skip to content", "Accessibility statement"], numbered_skip: false, crumb_sep: " / ",
        byline: BylineStyle::NameRole, date: DateStyle::UsLong, dateline: DatelineStyle::None,
        player: "Media could not be loaded.",
        cookie: &["We only use cookies that are needed to run this site.", "Dismiss"],
        newsletter: &["Nonprofit news relies on readers like you. Donate today."],
        related: "Related coverage", read_time: true,
        footer: &["Republish this story", "© The Civic Record"],
        credit_line: false, utc_offset: -360, tz_label: "CST",
    },
    Outlet {
        name: "Rapid News Network", short: "RNN", domain: "rnn.tv", aliases: &["RNN"],
        kind: OutletKind::Broadcaster,
        skip: &["Skip to main content", "Skip to live stream"], numbered_skip: true, crumb_sep: " > ",
        byline: BylineStyle::ByOutlet, date: DateStyle::UsLongTime, dateline: DatelineStyle::Agency,
        player: "Live TV: this stream is not available in your region.",
        cookie: &["We care about your privacy", "We use cookies to remember your settings and to show you relevant ads.", "Accept cookies"],
        newsletter: &["Breaking news alerts: turn on notifications"],
        related: "Watch more", read_time: false,
        footer: &["Back to top", "© Rapid News Network"],
        credit_line: false, utc_offset: -300, tz_label: "ET",
    },
    Outlet {
        name: "Capital Monitor", short: "Monitor", domain: "capitalmonitor.com", aliases: &["The Capital Monitor"],
        kind: OutletKind::Wire,
        skip: &["Skip to main content"], numbered_skip: false, crumb_sep: " > ",
        byline: BylineStyle::ByAnd, date: DateStyle::DayMonth, dateline: DatelineStyle::Wire,
        player: "Video is unavailable.",
        cookie: &["We use cookies to provide our services and for analytics and marketing.", "Accept all cookies", "Cookie preferences"],
        newsletter: &["Markets in 5 minutes: our free morning newsletter", "Sign up"],
        related: "More from Markets", read_time: true,
        footer: &["Data is provided for information only.", "© Capital Monitor"],
        credit_line: true, utc_offset: 0, tz_label: "GMT",
    },
];

/// Everything the generator draws on: fixed pools plus people and staff made from the seed.
pub struct World {
    pub people: Vec<Person>,
    /// For each country, the indexes of its government and opposition people.
    pub by_country: Vec<Vec<usize>>,
    pub analysts: Vec<usize>,
    pub org_people: Vec<usize>,
    /// For each outlet, its journalists.
    pub staff: Vec<Vec<String>>,
    pub photographers: Vec<String>,
}

impl World {
    pub fn new(rng: &mut Rng) -> World {
        let mut people = Vec::new();
        let mut by_country = vec![Vec::new(); COUNTRIES.len()];
        let mut analysts = Vec::new();
        let mut org_people = Vec::new();
        let mut taken = std::collections::HashSet::new();
        let mut add = |scope: RoleScope, role: &'static str, country: usize, rng: &mut Rng| {
            // Distinct names keep "Okafor said" unambiguous within the world.
            let (first, last) = loop {
                let (f, l) = person_name(rng);
                if taken.insert(format!("{f} {l}")) {
                    break (f, l);
                }
            };
            let org = rng.below(ORGS.len());
            let think_tank = rng.below(THINK_TANKS.len());
            people.push(Person {
                first,
                last,
                scope,
                role,
                country,
                org,
                think_tank,
            });
            people.len() - 1
        };
        for (c, slot) in by_country.iter_mut().enumerate() {
            for role in GOVERNMENT_ROLES {
                slot.push(add(RoleScope::Government, role, c, rng));
            }
            for _ in 0..4 {
                let role = *rng.pick(OPPOSITION_ROLES);
                slot.push(add(RoleScope::Opposition, role, c, rng));
            }
        }
        for _ in 0..40 {
            let c = rng.below(COUNTRIES.len());
            analysts.push(add(RoleScope::Analyst, "analyst", c, rng));
        }
        for _ in 0..40 {
            let c = rng.below(COUNTRIES.len());
            let role = *rng.pick(ORG_ROLES);
            org_people.push(add(RoleScope::Organisation, role, c, rng));
        }
        let staff = OUTLETS
            .iter()
            .map(|_| {
                (0..14)
                    .map(|_| {
                        let (f, l) = person_name(rng);
                        format!("{f} {l}")
                    })
                    .collect()
            })
            .collect();
        let photographers = (0..30)
            .map(|_| {
                let (f, l) = person_name(rng);
                format!("{f} {l}")
            })
            .collect();
        World {
            people,
            by_country,
            analysts,
            org_people,
            staff,
            photographers,
        }
    }
}
