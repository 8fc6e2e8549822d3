//! Built-in word lists behind the entity rules: places, given names, role words, organisation
//! and place markers, stop words. General knowledge, not tuned to any document.

use super::fasthash::{FastMap as HashMap, FastSet as HashSet};
use std::sync::OnceLock;

/// Countries, with their other names and their demonyms: `names;demonyms`, `|` between
/// alternatives. The first name is the one shown.
const COUNTRIES: &str = "\
Afghanistan;Afghan|Afghans
Albania;Albanian|Albanians
Algeria;Algerian|Algerians
Andorra;Andorran
Angola;Angolan|Angolans
Argentina;Argentine|Argentinian|Argentines
Armenia;Armenian|Armenians
Australia;Australian|Australians
Austria;Austrian|Austrians
Azerbaijan;Azerbaijani|Azeri|Azerbaijanis
Bahamas;Bahamian
Bahrain;Bahraini|Bahrainis
Bangladesh;Bangladeshi|Bangladeshis
Barbados;Barbadian
Belarus;Belarusian|Belarusians
Belgium;Belgian|Belgians
Belize;Belizean
Benin;Beninese
Bhutan;Bhutanese
Bolivia;Bolivian|Bolivians
Bosnia and Herzegovina|Bosnia;Bosnian|Bosnians
Botswana;Botswanan
Brazil;Brazilian|Brazilians
Brunei;Bruneian
Bulgaria;Bulgarian|Bulgarians
Burkina Faso;Burkinabe
Burundi;Burundian
Cambodia;Cambodian|Cambodians
Cameroon;Cameroonian|Cameroonians
Canada;Canadian|Canadians
Cape Verde;Cape Verdean
Central African Republic;
Chad;Chadian|Chadians
Chile;Chilean|Chileans
China;Chinese
Colombia;Colombian|Colombians
Comoros;Comorian
Democratic Republic of the Congo|DR Congo|DRC;Congolese
Republic of the Congo|Congo;
Costa Rica;Costa Rican
Croatia;Croatian|Croat|Croats|Croatians
Cuba;Cuban|Cubans
Cyprus;Cypriot|Cypriots
Czech Republic|Czechia;Czech|Czechs
Denmark;Danish|Dane|Danes
Djibouti;Djiboutian
Dominican Republic;Dominican|Dominicans
Ecuador;Ecuadorian|Ecuadorians
Egypt;Egyptian|Egyptians
El Salvador;Salvadoran|Salvadorans
Equatorial Guinea;
Eritrea;Eritrean|Eritreans
Estonia;Estonian|Estonians
Eswatini|Swaziland;Swazi
Ethiopia;Ethiopian|Ethiopians
Fiji;Fijian
Finland;Finnish|Finn|Finns
France;French
Gabon;Gabonese
Gambia;Gambian
Georgia;Georgian|Georgians
Germany;German|Germans
Ghana;Ghanaian|Ghanaians
Greece;Greek|Greeks
Guatemala;Guatemalan|Guatemalans
Guinea;Guinean
Guinea-Bissau;
Guyana;Guyanese
Haiti;Haitian|Haitians
Honduras;Honduran|Hondurans
Hungary;Hungarian|Hungarians
Iceland;Icelandic|Icelander|Icelanders
India;Indian|Indians
Indonesia;Indonesian|Indonesians
Iran;Iranian|Iranians
Iraq;Iraqi|Iraqis
Ireland;Irish
Israel;Israeli|Israelis
Italy;Italian|Italians
Ivory Coast|Cote d'Ivoire;Ivorian|Ivorians
Jamaica;Jamaican|Jamaicans
Japan;Japanese
Jordan;Jordanian|Jordanians
Kazakhstan;Kazakh|Kazakhs
Kenya;Kenyan|Kenyans
Kosovo;Kosovar|Kosovars
Kuwait;Kuwaiti|Kuwaitis
Kyrgyzstan;Kyrgyz
Laos;Laotian|Lao
Latvia;Latvian|Latvians
Lebanon;Lebanese
Lesotho;Basotho
Liberia;Liberian|Liberians
Libya;Libyan|Libyans
Liechtenstein;
Lithuania;Lithuanian|Lithuanians
Luxembourg;Luxembourgish
Madagascar;Malagasy
Malawi;Malawian|Malawians
Malaysia;Malaysian|Malaysians
Maldives;Maldivian
Mali;Malian|Malians
Malta;Maltese
Mauritania;Mauritanian|Mauritanians
Mauritius;Mauritian
Mexico;Mexican|Mexicans
Moldova;Moldovan|Moldovans
Monaco;Monegasque
Mongolia;Mongolian|Mongolians
Montenegro;Montenegrin
Morocco;Moroccan|Moroccans
Mozambique;Mozambican|Mozambicans
Myanmar|Burma;Burmese
Namibia;Namibian|Namibians
Nepal;Nepali|Nepalese
Netherlands|Holland;Dutch
New Zealand;New Zealander|New Zealanders
Nicaragua;Nicaraguan|Nicaraguans
Niger;Nigerien
Nigeria;Nigerian|Nigerians
North Korea|DPRK;North Korean|North Koreans
North Macedonia|Macedonia;Macedonian
Norway;Norwegian|Norwegians
Oman;Omani|Omanis
Pakistan;Pakistani|Pakistanis
Palestine|Palestinian territories;Palestinian|Palestinians
Panama;Panamanian|Panamanians
Papua New Guinea;
Paraguay;Paraguayan|Paraguayans
Peru;Peruvian|Peruvians
Philippines;Filipino|Filipinos|Philippine
Poland;Polish|Pole|Poles
Portugal;Portuguese
Qatar;Qatari|Qataris
Romania;Romanian|Romanians
Russia|Russian Federation;Russian|Russians
Rwanda;Rwandan|Rwandans
Saudi Arabia;Saudi|Saudis
Senegal;Senegalese
Serbia;Serbian|Serb|Serbs|Serbians
Sierra Leone;Sierra Leonean
Singapore;Singaporean|Singaporeans
Slovakia;Slovak|Slovaks
Slovenia;Slovenian|Slovene|Slovenians
Somalia;Somali|Somalis
South Africa;South African|South Africans
South Korea|Korea|Republic of Korea;South Korean|South Koreans|Korean|Koreans
South Sudan;South Sudanese
Spain;Spanish|Spaniard|Spaniards
Sri Lanka;Sri Lankan|Sri Lankans
Sudan;Sudanese
Suriname;Surinamese
Sweden;Swedish|Swede|Swedes
Switzerland;Swiss
Syria;Syrian|Syrians
Taiwan;Taiwanese
Tajikistan;Tajik|Tajiks
Tanzania;Tanzanian|Tanzanians
Thailand;Thai|Thais
Timor-Leste|East Timor;Timorese
Togo;Togolese
Trinidad and Tobago;Trinidadian
Tunisia;Tunisian|Tunisians
Turkey|Turkiye|Türkiye;Turkish|Turk|Turks
Turkmenistan;Turkmen
Uganda;Ugandan|Ugandans
Ukraine;Ukrainian|Ukrainians
United Arab Emirates|UAE|U.A.E.|Emirates;Emirati|Emiratis
United Kingdom|UK|U.K.|Britain|Great Britain;British|Briton|Britons
United States|US|U.S.|USA|U.S.A.|United States of America|America;American|Americans
Uruguay;Uruguayan|Uruguayans
Uzbekistan;Uzbek|Uzbeks
Vatican|Holy See;
Venezuela;Venezuelan|Venezuelans
Vietnam;Vietnamese
Yemen;Yemeni|Yemenis
Zambia;Zambian|Zambians
Zimbabwe;Zimbabwean|Zimbabweans
";

/// Regions, territories and major cities, with other names after `|`.
const PLACES: &str = "\
Europe|Asia|Africa|Antarctica|Oceania|North America|South America|Latin America|Central America
Middle East|Near East|Far East|Gulf|Persian Gulf|Arabian Peninsula|Levant|Maghreb|Sahel|Horn of Africa
Balkans|Baltics|Caucasus|Central Asia|South Asia|Southeast Asia|East Asia|Scandinavia|Siberia
Eastern Europe|Western Europe|Sub-Saharan Africa|West Africa|East Africa|North Africa|Caribbean|Pacific
Arctic|Atlantic|Indian Ocean|Mediterranean|Red Sea|Black Sea|Baltic Sea|Caspian Sea|Dead Sea
South China Sea|Taiwan Strait|Strait of Hormuz|Suez Canal|Panama Canal|Bab el-Mandeb
Gaza|Gaza Strip
West Bank
East Jerusalem
Golan Heights
Sinai
Kashmir
Crimea
Donbas|Donbass
Kurdistan
Tibet
Xinjiang
Hong Kong
Macau
Greenland
Puerto Rico
Catalonia
Scotland
England
Wales
Northern Ireland
Darfur
Tigray
Nagorno-Karabakh
Transnistria
Abkhazia
Western Sahara
Patagonia
Amazon
Kabul|Tirana|Algiers|Luanda|Buenos Aires|Yerevan|Canberra|Sydney|Melbourne|Vienna|Baku|Manama|Dhaka|Minsk
Brussels|Antwerp|La Paz|Sarajevo|Brasilia|Rio de Janeiro|Sao Paulo|Sofia|Phnom Penh|Yaounde|Ottawa|Toronto
Montreal|Vancouver|Santiago|Beijing|Shanghai|Shenzhen|Guangzhou|Wuhan|Chongqing|Bogota|Havana|Nicosia
Prague|Copenhagen|Santo Domingo|Quito|Cairo|Alexandria|Tallinn|Addis Ababa|Helsinki|Paris|Marseille|Lyon
Tbilisi|Berlin|Munich|Hamburg|Frankfurt|Cologne|Accra|Athens|Guatemala City|Port-au-Prince|Budapest
Reykjavik|New Delhi|Delhi|Mumbai|Kolkata|Chennai|Bangalore|Bengaluru|Hyderabad|Jakarta|Tehran|Baghdad
Mosul|Basra|Erbil|Dublin|Jerusalem|Tel Aviv|Haifa|Rome|Milan|Naples|Kingston|Tokyo|Osaka|Kyoto|Hiroshima
Amman|Astana|Almaty|Nairobi|Mombasa|Pristina|Kuwait City|Bishkek|Vientiane|Riga|Beirut|Monrovia|Tripoli
Benghazi|Vilnius|Kuala Lumpur|Bamako|Valletta|Mexico City|Guadalajara|Chisinau|Ulaanbaatar|Podgorica
Rabat|Casablanca|Maputo|Yangon|Naypyidaw|Kathmandu|Amsterdam|Rotterdam|The Hague|Wellington|Auckland
Managua|Niamey|Abuja|Lagos|Pyongyang|Skopje|Oslo|Muscat|Islamabad|Karachi|Lahore|Ramallah|Panama City
Asuncion|Lima|Manila|Warsaw|Krakow|Lisbon|Porto|Doha|Bucharest|Moscow|St Petersburg|St. Petersburg
Kigali|Riyadh|Jeddah|Mecca|Medina|Dakar|Belgrade|Freetown|Bratislava|Ljubljana|Mogadishu|Johannesburg
Cape Town|Pretoria|Durban|Seoul|Busan|Juba|Madrid|Barcelona|Valencia|Seville|Colombo|Khartoum|Stockholm
Gothenburg|Bern|Geneva|Zurich|Basel|Lausanne|Damascus|Aleppo|Homs|Idlib|Taipei|Dushanbe|Dodoma|Dar es Salaam
Bangkok|Tunis|Ankara|Istanbul|Izmir|Ashgabat|Kampala|Kyiv|Kiev|Kharkiv|Odesa|Odessa|Lviv|Mariupol|Dnipro
Abu Dhabi|Dubai|London|Manchester|Birmingham|Liverpool|Edinburgh|Glasgow|Belfast|Cardiff|Washington
New York|New York City|Los Angeles|Chicago|Houston|Philadelphia|Boston|San Francisco|Seattle|Miami
Atlanta|Dallas|Denver|Detroit|Las Vegas|New Orleans|Montevideo|Tashkent|Caracas|Hanoi|Ho Chi Minh City
Sanaa|Aden|Lusaka|Harare|Luxembourg|Monaco|Singapore|Vatican City|Kinshasa|Brazzaville|Sderot|Hebron
Jenin|Nablus|Bethlehem|Eilat|Jericho|Nice|Strasbourg|Bordeaux|Toulouse|Lille|Venice|Florence|Turin
Stuttgart|Dusseldorf|Leipzig|Dresden|Bonn|Davos|Strasbourg|Minneapolis|Phoenix|San Diego|Austin
Sacramento|Honolulu|Anchorage|Calgary|Edmonton|Quebec|Havana|Kandahar|Herat|Peshawar|Quetta|Lhasa
Hangzhou|Nanjing|Tianjin|Chengdu|Xian|Harbin|Kobe|Yokohama|Nagoya|Sapporo|Incheon|Mandalay|Chittagong
";

/// US states and similar first-level divisions often named without their country.
const SUBDIVISIONS: &str = "\
Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Hawaii|Idaho|Illinois
Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi
Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|North Carolina|North Dakota|Ohio
Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont
Virginia|West Virginia|Wisconsin|Wyoming|Ontario|Quebec|British Columbia|Alberta|Bavaria|Saxony
Queensland|New South Wales|Victoria|Punjab|Bengal|Kerala|Tamil Nadu|Gujarat|Sindh|Balochistan
";

/// Titles and office words that come before a person's name (compared case-insensitively,
/// without a final dot). Words that can be part of a longer role ("Prime", "Foreign") are in
/// [`ROLE_MODIFIERS`].
const ROLE_HEADS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "president",
    "vice-president",
    "minister",
    "secretary",
    "secretary-general",
    "chancellor",
    "premier",
    "king",
    "queen",
    "prince",
    "princess",
    "crown",
    "emir",
    "amir",
    "sheikh",
    "sultan",
    "ayatollah",
    "pope",
    "cardinal",
    "archbishop",
    "bishop",
    "rabbi",
    "imam",
    "reverend",
    "rev",
    "pastor",
    "father",
    "senator",
    "sen",
    "representative",
    "rep",
    "congressman",
    "congresswoman",
    "governor",
    "gov",
    "mayor",
    "ambassador",
    "envoy",
    "director",
    "chairman",
    "chairwoman",
    "chair",
    "chief",
    "ceo",
    "cfo",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "commissioner",
    "commander",
    "general",
    "gen",
    "lieutenant",
    "lt",
    "colonel",
    "col",
    "major",
    "maj",
    "captain",
    "capt",
    "sergeant",
    "sgt",
    "admiral",
    "adm",
    "marshal",
    "judge",
    "justice",
    "speaker",
    "leader",
    "mp",
    "mep",
    "deputy",
    "attorney",
    "prosecutor",
    "inspector",
    "officer",
    "coach",
    "manager",
    "founder",
    "councillor",
    "councilor",
    "chairperson",
    "treasurer",
    "negotiator",
    "adviser",
    "advisor",
    "aide",
    "nominee",
    "candidate",
    "head",
    "hon",
    "vp",
];

/// Words that build a role together with a head word ("Prime Minister", "Foreign Minister",
/// "Senate Majority Leader"); alone they are not names either.
const ROLE_MODIFIERS: &[&str] = &[
    "prime",
    "foreign",
    "defense",
    "defence",
    "interior",
    "finance",
    "health",
    "vice",
    "deputy",
    "acting",
    "former",
    "senior",
    "chief",
    "executive",
    "general",
    "state",
    "senate",
    "house",
    "majority",
    "minority",
    "supreme",
    "attorney",
    "national",
    "security",
    "crown",
    "grand",
    "high",
    "top",
    "federal",
    "economy",
    "trade",
    "education",
    "energy",
    "justice",
    "labor",
    "labour",
    "environment",
    "culture",
    "transport",
    "agriculture",
    "home",
    "first",
    "chief",
    "military",
    "intelligence",
    "opposition",
    "party",
    "parliamentary",
    "interim",
    "outgoing",
    "incoming",
    "special",
    "assistant",
    "associate",
    "managing",
    "commanding",
    "press",
];

/// Lower-case words that, right before a name, say it is a person's ("leader Abdul Malik",
/// "member Benny Gantz").
const PERSON_CUES: &[&str] = &[
    "leader",
    "member",
    "minister",
    "president",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "official",
    "director",
    "chief",
    "secretary",
    "envoy",
    "ambassador",
    "senator",
    "governor",
    "mayor",
    "commander",
    "general",
    "adviser",
    "advisor",
    "aide",
    "negotiator",
    "chairman",
    "chairwoman",
    "head",
    "founder",
    "candidate",
    "lawmaker",
    "legislator",
    "diplomat",
    "reporter",
    "correspondent",
    "analyst",
    "professor",
    "researcher",
    "economist",
    "author",
    "activist",
    "lawyer",
    "judge",
    "coach",
    "player",
    "striker",
    "actor",
    "actress",
    "singer",
    "writer",
    "premier",
    "king",
    "queen",
    "prince",
    "princess",
    "emir",
    "sheikh",
    "mr",
    "mrs",
    "ms",
    "dr",
];

/// Words after a single name that make it a group's ("Hamas official").
const GROUP_CUES: &[&str] = &[
    "official",
    "officials",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "fighters",
    "militants",
    "members",
    "leadership",
    "leaders",
    "chief",
    "executives",
    "employees",
    "staff",
    "reporter",
    "correspondent",
    "statement",
    "forces",
    "troops",
    "gunmen",
];

/// Verbs of speech: a name before them is a speaker, so not a place.
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "stated",
    "announced",
    "warned",
    "claimed",
    "denied",
    "confirmed",
    "reported",
];

/// Words after which a name is a place ("in Rafah", "into Khan Younis"). Not "to" or
/// "from": people are talked to and heard from.
const PLACE_CUES: &[&str] = &[
    "in",
    "into",
    "near",
    "across",
    "outside",
    "inside",
    "toward",
    "towards",
    "around",
    "throughout",
    "within",
];

/// Words that make a capitalised name an organisation.
const ORG_MARKERS: &[&str] = &[
    "ministry",
    "department",
    "council",
    "party",
    "agency",
    "authority",
    "organization",
    "organisation",
    "institute",
    "institution",
    "university",
    "college",
    "school",
    "academy",
    "committee",
    "commission",
    "court",
    "union",
    "association",
    "federation",
    "foundation",
    "fund",
    "bank",
    "company",
    "corporation",
    "corp",
    "inc",
    "ltd",
    "llc",
    "plc",
    "group",
    "movement",
    "front",
    "brigades",
    "brigade",
    "army",
    "forces",
    "force",
    "navy",
    "police",
    "service",
    "services",
    "office",
    "bureau",
    "board",
    "assembly",
    "parliament",
    "senate",
    "congress",
    "cabinet",
    "administration",
    "government",
    "network",
    "news",
    "times",
    "post",
    "journal",
    "press",
    "alliance",
    "coalition",
    "league",
    "society",
    "center",
    "centre",
    "hospital",
    "church",
    "club",
    "airlines",
    "airways",
    "industries",
    "holdings",
    "partners",
    "trust",
    "guard",
    "corps",
    "command",
    "directorate",
    "secretariat",
    "tribunal",
    "assembly",
    "caucus",
    "cartel",
    "militia",
    "council",
    "team",
    "fc",
    "party",
    "house",
    "kremlin",
    "pentagon",
    "knesset",
    "duma",
    "bundestag",
    "reserve",
    "exchange",
    "programme",
    "program",
    "institute",
    "observatory",
    "crescent",
    "cross",
    "watch",
    "international",
    "initiative",
];

/// Words that make a capitalised name a place.
const PLACE_MARKERS: &[&str] = &[
    "strip",
    "city",
    "province",
    "region",
    "county",
    "district",
    "island",
    "islands",
    "sea",
    "ocean",
    "river",
    "lake",
    "valley",
    "mountains",
    "mountain",
    "mount",
    "mt",
    "desert",
    "gulf",
    "peninsula",
    "canal",
    "heights",
    "square",
    "street",
    "avenue",
    "airport",
    "port",
    "bay",
    "coast",
    "border",
    "crossing",
    "camp",
    "governorate",
    "oblast",
    "prefecture",
    "territory",
    "territories",
    "village",
    "town",
    "state",
    "republic",
    "kingdom",
    "emirate",
    "hills",
    "plain",
    "basin",
    "cape",
    "falls",
    "park",
    "bridge",
    "harbour",
    "harbor",
    "palace",
    "castle",
];

/// Lower-case connectors allowed inside a capitalised name ("Mohammed bin Salman",
/// "Charles de Gaulle"). "of" joins only after an institution, place or role word ("Bank of
/// England", "Secretary of State"), never "Kane of Reuters".
const NAME_CONNECTORS: &[&str] = &[
    "of", "bin", "ibn", "bint", "al", "el", "de", "da", "di", "del", "della", "der", "den", "van",
    "von", "du", "dos", "das", "la", "le", "ben", "abu", "y",
];

/// Common given names of many languages: a first token among these makes a name a person's.
const GIVEN_NAMES: &str = "\
aaron abdel abdul abdullah abdulla abu adam adrian ahmad ahmed aisha alan alastair albert
alberto alejandro aleksandr alex alexander alexandra alexei alexey ali alice alicia alison
amanda amir amy ana anders andre andrea andreas andrei andrew andrzej angela angelina anil
ann anna anne annalena anthony antonio antony anwar ariel arnold arthur ashraf ashley avi
barack barbara bashar ben benjamin benny bernard bernie beth betty bill binyamin bob boris
brad brandon brian bruce carl carlos caroline catherine cecilia charles charlie charlotte chen
chris christian christina christine christopher chuck claire claudia colin cristina cyril
dan daniel danielle daria david dean deborah denis dennis diana diane dmitry dmitri donald
doug douglas ed eddie edward elena eli elizabeth ellen emily emma emmanuel eric erik ernest
eva evan fatima felipe fernando francis francisco frank franz friedrich gabriel gareth gary
george georgia gerald gideon gilad giorgia giuseppe gordon grace greg gregory gustavo hamad
hamid hannah hans harold harry hassan heather hector heinz helen henry hillary hossein hugo
hussein ian ibrahim igor ilham imran ingrid irina isaac ismail ivan jack jacob jake james
jan jane janet jared jason javier jean jeff jeffrey jennifer jeremy jerome jessica jim jimmy
joan joe joel johann johannes john jonathan jordan jorge jose josef joseph josh joshua juan
judith julia julian julie justin kamala karen karim karl kate katherine kathleen keir kemal
ken kenneth kevin khaled khalid kim klaus kristi kurt larry laura lauren lee leila leo leon
leonid linda lisa liz lloyd lois lorenzo louis lucas luis luke lula maria marie marina mario
mark marco marcus margaret maria mariam marine marta martin mary matteo matthew max maxim
mehmet melissa merrick michael michel michelle miguel mikhail mike mikey mohamed mohammad
mohammed moshe muhammad mustafa nancy naftali nasser natalia natalie nathan neil nicholas
nick nicola nicolas nidal nikki nikolai nina noah noam nuri oleg olaf olivia omar oscar
pablo pamela patricia patrick paul paula pedro penny peter petr philip philippe pierre
rachel rafael rahul rajesh ralph ramzan ran randy raul ray recep reza ricardo richard rick
rishi rob robert roberto rodrigo roger roman ron ronald rosa ross ruth ryan saad sadiq
saeed salah salim salman sam samantha samir samuel sandra sara sarah saul scott sean sebastian
sergei sergey shimon sigrid simon sofia sophie stefan stephane stephanie stephen steve steven
susan tamim ted teresa theresa thomas tim timothy tom tony ursula valentina valerie vanessa
victor viktor vincent vladimir volodymyr walter wang wei william xavier yael yair yasser
yevgeny yitzhak yoav yossi youssef yuri yusuf zhang zoe zelensky
";

/// Capitalised words that start sentences or headlines but never a name by themselves.
const CAPITAL_STOPS: &str = "\
a an the to this that these those there here it its it's i i'm we we're our us you your he his him
she her they their them who whom whose what which when where why how if while because since
although though unless until after before during as at by for from in into of on onto over
under with without within about above across against along among around behind below
beneath beside besides between beyond but and or nor so yet also then than thus hence
however meanwhile moreover furthermore additionally nevertheless nonetheless instead
otherwise still already again even just only once now today tonight tomorrow yesterday
earlier later recently currently finally first second third next last another other others
some many much more most few several all both each every any no none not nothing something
everything anything someone everyone anyone nobody one two three four five six seven eight
nine ten hundreds thousands millions dozens is are was were be been being has have had do
does did will would shall should can could may might must let lets please yes okay ok well
oh according despite amid amidst throughout toward towards upon via per unlike like such
asked said says told added noted reported speaking writing read watch listen see click
subscribe share follow sign log skip related more advertisement advertising sponsored
photo photos video videos image images picture file caption credit source sources update
updated published posted breaking live exclusive opinion analysis editorial comment comments
warning note editor's new old big top latest full last major minor key main senior junior
overall total meanwhile elsewhere overnight indeed perhaps maybe certainly clearly
reporting additional writing editing compiled further related
";

/// Month and weekday names (full and abbreviated): never names, and they end name runs.
const CALENDAR: &str = "\
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
saturday sunday mon tue tues wed thu thur thurs fri sat sun
";

/// Words of affiliation used like demonyms: adjectives or groups of people, not names.
const AFFILIATIONS: &str = "\
european europeans african africans asian asians arab arabs western eastern northern southern
middle-eastern latin islamic islamist islamists muslim muslims christian christians jewish jews
sunni sunnis shia shiite shiites kurdish kurds catholic catholics protestant protestants
evangelical evangelicals democratic democrat democrats republican republicans conservative
conservatives liberal liberals socialist socialists communist communists nationalist
nationalists orthodox hindu hindus buddhist buddhists nordic baltic balkan gazan gazans
";

/// Abbreviations written with a final dot that does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt",
    "maj", "adm", "jr", "sr", "inc", "corp", "co", "ltd", "no", "vs", "rev", "hon", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt",
];

/// English function words and very common words: not used as terms for similarity.
const STOP_TERMS: &str = "\
a about above across after afterwards again against all almost alone along already also
although always am among amongst an and another any anyhow anyone anything anyway anywhere
are around as at back be became because become becomes becoming been before beforehand
behind being below beside besides between beyond both but by can cannot could did do does
doing done down due during each either else elsewhere enough etc even ever every everyone
everything everywhere except few first for former formerly from further get gets getting
give given go goes going gone got had has have having he hence her here hereafter hereby
herein hers herself him himself his how however i if in indeed into is it its itself just
keep last latter least less made make makes making many may me meanwhile might mine more
moreover most mostly much must my myself namely neither never nevertheless next no nobody
none noone nor not nothing now nowhere of off often on once one only onto or other others
otherwise our ours ourselves out over own part per perhaps please put quite rather re
really said same say saying says see seem seemed seeming seems several she should show
side since so some somehow someone something sometime sometimes somewhere still such take
than that the their theirs them themselves then thence there thereafter thereby therefore
therein thereupon these they thing things this those though through throughout thru thus to
together too toward towards under until up upon us use used using very via was we well were
what whatever when whence whenever where whereafter whereas whereby wherein whereupon
wherever whether which while whither who whoever whole whom whose why will with within
without would yet you your yours yourself yourselves also told tell told asked ask added
including include includes included new news time times year years day days week weeks month
months today yesterday tomorrow
people like just year according percent per cent mr mrs ms dr s t don didn doesn isn wasn
aren weren won wouldn couldn shouldn ll ve re d m two three four five six seven eight nine
ten hundred thousand million billion
";

/// An organisation or a named occasion of the built-in gazetteer (`data/gazetteer.txt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Listed {
    /// The name shown.
    pub name: &'static str,
    /// A named occasion ("Ramadan"), not an organisation.
    pub theme: bool,
}

/// The gazetteer: `kind: Shown name|other name|...` lines, `#` comments.
const GAZETTEER: &str = include_str!("data/gazetteer.txt");

pub(crate) struct Lexicon {
    /// Gazetteer entries by the key of each of their names.
    pub listed: HashMap<String, Listed>,
    /// Lower-case, dot-free place name → shown name (countries: the first name).
    pub places: HashMap<String, &'static str>,
    /// Lower-case demonyms ("israeli", "french"): adjectives, not names.
    pub demonyms: HashSet<String>,
    pub role_heads: HashSet<&'static str>,
    pub role_modifiers: HashSet<&'static str>,
    pub person_cues: HashSet<&'static str>,
    pub place_cues: HashSet<&'static str>,
    pub group_cues: HashSet<&'static str>,
    pub speech_verbs: HashSet<&'static str>,
    pub org_markers: HashSet<&'static str>,
    pub place_markers: HashSet<&'static str>,
    pub connectors: HashSet<&'static str>,
    pub given_names: HashSet<&'static str>,
    pub capital_stops: HashSet<&'static str>,
    pub calendar: HashSet<&'static str>,
    pub abbreviations: HashSet<&'static str>,
    pub stop_terms: HashSet<&'static str>,
}

/// The key names are compared by: lower case, no dots, single spaces, straight apostrophes.
pub fn name_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    name_key_into(name, &mut key);
    key
}

/// [`name_key`] into a reused buffer.
pub fn name_key_into(name: &str, key: &mut String) {
    key.clear();
    let mut space = false;
    // Most names are ASCII: byte by byte, with no per-character case tables.
    if name.is_ascii() {
        for &b in name.as_bytes() {
            match b {
                b'.' => {}
                b if char::from(b).is_whitespace() => space = !key.is_empty(),
                b => {
                    if space {
                        key.push(' ');
                        space = false;
                    }
                    key.push(char::from(b.to_ascii_lowercase()));
                }
            }
        }
        return;
    }
    name_key_by_chars(name, key);
}

/// The general case of [`name_key_into`] (and its reference): any text, character by character.
fn name_key_by_chars(name: &str, key: &mut String) {
    key.clear();
    let mut space = false;
    for c in name.chars() {
        match c {
            '.' => {}
            '’' | '‘' => key.push('\''),
            c if c.is_whitespace() => space = !key.is_empty(),
            c => {
                if space {
                    key.push(' ');
                    space = false;
                }
                // Diacritics folded: "Erdoğan" and "Erdogan" are one name.
                let mut base = String::new();
                super::fold::push_folded(c, &mut base);
                for b in base.chars() {
                    key.extend(b.to_lowercase());
                }
            }
        }
    }
}

pub(crate) fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(build)
}

fn words(text: &'static str) -> HashSet<&'static str> {
    text.split_whitespace().collect()
}

fn build() -> Lexicon {
    let mut places = HashMap::default();
    let mut demonyms = HashSet::default();
    for line in COUNTRIES.lines().filter(|l| !l.trim().is_empty()) {
        let (names, dems) = line.split_once(';').unwrap_or((line, ""));
        let mut names = names.split('|');
        let shown = names.next().unwrap_or_default();
        places.insert(name_key(shown), shown);
        for alias in names {
            places.insert(name_key(alias), shown);
        }
        for d in dems.split('|').filter(|d| !d.is_empty()) {
            demonyms.insert(name_key(d));
        }
    }
    demonyms.extend(AFFILIATIONS.split_whitespace().map(name_key));
    for line in PLACES.lines().chain(SUBDIVISIONS.lines()) {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        for name in line.split('|') {
            places.entry(name_key(name)).or_insert(name);
        }
    }
    let mut listed = HashMap::default();
    for line in GAZETTEER.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((kind, names)) = line.split_once(':') else {
            continue;
        };
        let mut names = names.split('|').map(str::trim);
        let shown = names.next().unwrap_or_default();
        let entry = Listed {
            name: shown,
            theme: kind.trim() == "theme",
        };
        listed.insert(name_key(shown), entry);
        for alias in names {
            listed.entry(name_key(alias)).or_insert(entry);
        }
    }
    Lexicon {
        listed,
        places,
        demonyms,
        role_heads: ROLE_HEADS.iter().copied().collect(),
        role_modifiers: ROLE_MODIFIERS.iter().copied().collect(),
        person_cues: PERSON_CUES.iter().copied().collect(),
        place_cues: PLACE_CUES.iter().copied().collect(),
        group_cues: GROUP_CUES.iter().copied().collect(),
        speech_verbs: SPEECH_VERBS.iter().copied().collect(),
        org_markers: ORG_MARKERS.iter().copied().collect(),
        place_markers: PLACE_MARKERS.iter().copied().collect(),
        connectors: NAME_CONNECTORS.iter().copied().collect(),
        given_names: words(GIVEN_NAMES),
        capital_stops: words(CAPITAL_STOPS),
        calendar: words(CALENDAR),
        abbreviations: ABBREVIATIONS.iter().copied().collect(),
        stop_terms: words(STOP_TERMS),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_fold_their_aliases() {
        let lx = lexicon();
        assert_eq!(lx.places.get("us"), Some(&"United States"));
        assert_eq!(lx.places.get("united states"), Some(&"United States"));
        assert_eq!(lx.places.get("uk"), Some(&"United Kingdom"));
        assert!(lx.demonyms.contains("israeli"));
        assert!(lx.places.contains_key("tel aviv"));
    }

    #[test]
    fn the_gazetteer_folds_acronyms_with_and_without_dots() {
        let lx = lexicon();
        let un = lx.listed.get("un").expect("UN is listed");
        assert_eq!(un.name, "United Nations");
        assert!(!un.theme);
        assert_eq!(lx.listed.get(&name_key("U.N.")), Some(un));
        assert_eq!(
            lx.listed
                .get(&name_key("U.N. Security Council"))
                .map(|l| l.name),
            Some("United Nations Security Council")
        );
        assert!(lx.listed.get("ramadan").is_some_and(|l| l.theme));
    }

    #[test]
    fn name_key_ignores_dots_case_and_spacing() {
        assert_eq!(name_key("U.S."), "us");
        assert_eq!(name_key("  Antony   Blinken "), "antony blinken");
        assert_eq!(name_key("Cote d’Ivoire"), "cote d'ivoire");
    }

    #[test]
    fn ascii_name_keys_match_the_general_rule() {
        let mut reference = String::new();
        for name in [
            "U.S. Secretary of State",
            " Mr.  Antony\tBlinken\r\n",
            "A\u{b}B\u{c}C",
            "O'Neill-Smith 3rd",
            "...",
            "",
        ] {
            name_key_by_chars(name, &mut reference);
            assert_eq!(name_key(name), reference, "{name:?}");
        }
    }
}
