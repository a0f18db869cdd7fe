//! Field-by-field comparison of an AML match with the case subject: the console's own verdict per
//! field, so a reviewer sees at a glance where a hit agrees and where it cannot be the subject.
//!
//! Pure functions only. Names compare without case, accents, punctuation or word order, with
//! initials and common transliterations understood; dates of birth agree within a tolerance;
//! countries compare by ISO 3166 alpha-2 code whatever their spelling.

use crate::api::{AmlMatch, CaseDetails, StepField};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The console's verdict on one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Agrees,
    Partly,
    Conflicts,
    Unknown,
}

impl Verdict {
    /// A glyph that reads without colour.
    pub fn glyph(self) -> &'static str {
        match self {
            Verdict::Agrees => "✔",
            Verdict::Partly => "≈",
            Verdict::Conflicts => "✘",
            Verdict::Unknown => "?",
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            Verdict::Agrees => "agrees",
            Verdict::Partly => "partly agrees",
            Verdict::Conflicts => "conflicts",
            Verdict::Unknown => "unknown",
        }
    }
}

/// What is known of the case subject, in the terms a match uses.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Subject {
    pub name: String,
    pub birth_date: Option<String>,
    pub nationality: Option<String>,
    pub country: Option<String>,
    pub gender: Option<String>,
    /// A company: date of birth, nationality and gender do not apply.
    pub is_company: bool,
}

impl Subject {
    /// The subject of a case, from its details.
    pub fn from_case(d: &CaseDetails) -> Subject {
        let address_country = d
            .case_address
            .as_ref()
            .and_then(|a| a.country_code.clone().or_else(|| a.country.clone()));
        if let Some(c) = &d.company {
            return Subject {
                name: c.entity_name.clone().unwrap_or_default(),
                country: c.country_code.clone().or(address_country),
                is_company: true,
                ..Subject::default()
            };
        }
        let Some(i) = &d.individual else {
            return Subject::default();
        };
        let gender = i
            .extra
            .get("gender")
            .and_then(|v| v.as_str())
            .map(str::to_owned);
        Subject {
            name: i.full_name(),
            birth_date: i.birth_date.clone(),
            nationality: i.nationality.clone(),
            country: i
                .country_code
                .clone()
                .or_else(|| i.country.clone())
                .or(address_country),
            gender,
            is_company: false,
        }
    }
}

impl Subject {
    /// Fill what the case details lack from the identity step's labelled fields ([I]: the
    /// emulator and the guide's screens carry gender only there).
    pub fn with_identity(mut self, fields: &[StepField]) -> Subject {
        if self.is_company {
            return self;
        }
        let get = |label: &str| {
            fields
                .iter()
                .find(|f| {
                    f.label
                        .as_deref()
                        .is_some_and(|l| l.eq_ignore_ascii_case(label))
                })
                .and_then(|f| f.value.clone())
                .filter(|v| !v.trim().is_empty())
        };
        self.gender = self.gender.or_else(|| get("Gender"));
        self.birth_date = self.birth_date.or_else(|| get("Date of birth"));
        self.nationality = self.nationality.or_else(|| get("Nationality"));
        self
    }
}

/// One row of the side-by-side view.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldRow {
    pub field: &'static str,
    pub subject: Option<String>,
    pub candidate: Option<String>,
    pub verdict: Verdict,
    /// Why, when the verdict alone does not say (e.g. "via alias …", "1 year apart").
    pub why: Option<String>,
}

/// Compare a match with the subject, field by field.
pub fn compare(subject: &Subject, m: &AmlMatch) -> Vec<FieldRow> {
    let mut rows = Vec::new();
    let (verdict, mut why) = best_name(&subject.name, m);
    let hidden = std::iter::once(&subject.name)
        .chain(m.name.iter())
        .chain(m.aliases.iter())
        .any(|n| crate::sanitize::has_hidden(n));
    if hidden {
        let note = "hidden characters ignored to compare";
        why = Some(why.map_or(note.to_owned(), |w| format!("{w}; {note}")));
    }
    rows.push(FieldRow {
        field: "Name",
        subject: non_empty(Some(&subject.name)),
        candidate: non_empty(m.name.as_ref()),
        verdict,
        why,
    });
    if !subject.is_company {
        let (verdict, why) =
            compare_dates(subject.birth_date.as_deref(), m.date_of_birth.as_deref());
        rows.push(FieldRow {
            field: "Date of birth",
            subject: subject.birth_date.clone(),
            candidate: m.date_of_birth.clone(),
            verdict,
            why,
        });
        let (verdict, why) =
            compare_countries(subject.nationality.as_deref(), m.nationality.as_deref());
        rows.push(FieldRow {
            field: "Nationality",
            subject: subject.nationality.clone(),
            candidate: m.nationality.clone(),
            verdict,
            why,
        });
    }
    let (mut verdict, mut why) =
        compare_countries(subject.country.as_deref(), m.country.as_deref());
    // Living elsewhere than the subject is weaker evidence against when the match lives in the
    // subject's country of nationality (or the other way round).
    if verdict == Verdict::Conflicts {
        let cross = compare_countries(subject.nationality.as_deref(), m.country.as_deref()).0
            == Verdict::Agrees
            || compare_countries(subject.country.as_deref(), m.nationality.as_deref()).0
                == Verdict::Agrees;
        if cross {
            verdict = Verdict::Partly;
            why = Some("matches the other side's nationality".to_owned());
        }
    }
    rows.push(FieldRow {
        field: "Country",
        subject: subject.country.clone(),
        candidate: m.country.clone(),
        verdict,
        why,
    });
    if !subject.is_company {
        let (verdict, why) = compare_gender(subject.gender.as_deref(), m.gender.as_deref());
        rows.push(FieldRow {
            field: "Gender",
            subject: subject.gender.clone(),
            candidate: m.gender.clone(),
            verdict,
            why,
        });
    }
    rows
}

fn non_empty(s: Option<&String>) -> Option<String> {
    s.filter(|s| !s.trim().is_empty()).cloned()
}

fn rank(v: Verdict) -> u8 {
    match v {
        Verdict::Agrees => 3,
        Verdict::Partly => 2,
        Verdict::Conflicts => 1,
        Verdict::Unknown => 0,
    }
}

/// The best verdict of the subject's name against the match's name and each of its aliases.
fn best_name(subject: &str, m: &AmlMatch) -> (Verdict, Option<String>) {
    let mut best = (Verdict::Unknown, None);
    let candidates = m
        .name
        .iter()
        .map(|n| (n, false))
        .chain(m.aliases.iter().map(|a| (a, true)));
    for (name, alias) in candidates {
        let (v, why) = compare_names(subject, name);
        if rank(v) > rank(best.0) {
            let why = if alias {
                Some(match why {
                    Some(w) => format!("via alias “{name}”: {w}"),
                    None => format!("via alias “{name}”"),
                })
            } else {
                why
            };
            best = (v, why);
        }
    }
    best
}

// ───────────────────────────── names ─────────────────────────────

/// Particles that are often left out or written together with the next word.
const JOINING: &[&str] = &[
    "al", "el", "ul", "abd", "abdul", "van", "von", "de", "der", "di", "da", "le", "la", "du",
    "mac", "mc",
];
/// Particles dropped altogether: "son of", often omitted in list entries.
const DROPPED: &[&str] = &["bin", "ibn", "bint", "binti", "ben"];
/// Legal forms written several ways, mapped to one spelling.
const LEGAL_FORMS: &[(&str, &str)] = &[
    ("ltd", "limited"),
    ("inc", "incorporated"),
    ("corp", "corporation"),
    ("co", "company"),
    ("plc", "plc"),
];

/// Whether a character is invisible or a control: such characters are removed before names are
/// compared (so a zero-width space cannot split a name) and flagged on screen by the pane.
fn is_hidden(c: char) -> bool {
    let mut buf = [0u8; 4];
    crate::sanitize::has_hidden(c.encode_utf8(&mut buf))
}

/// Latin letters for a Cyrillic one (a plain, reversible-enough scheme for matching).
fn cyrillic(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' | 'і' => "i",
        'й' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ы' => "y",
        'ю' => "yu",
        'я' => "ya",
        'ї' => "yi",
        'є' => "ye",
        'ґ' => "g",
        _ => return None,
    })
}

/// A name as words: lower case, no accents, no punctuation, Cyrillic transliterated, particles
/// joined or dropped, legal forms in one spelling.
pub fn name_tokens(name: &str) -> Vec<String> {
    let mut flat = String::with_capacity(name.len());
    for c in name.chars().filter(|c| !is_hidden(*c)).nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        for lc in c.to_lowercase() {
            if let Some(latin) = cyrillic(lc) {
                flat.push_str(latin);
            } else if lc.is_alphanumeric() {
                flat.push(lc);
            } else if lc == '\'' || lc == '’' {
                // O'Brien and Ma'mun: the apostrophe joins.
            } else {
                flat.push(' ');
            }
        }
    }
    let words: Vec<&str> = flat.split_whitespace().collect();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        if DROPPED.contains(&w) && words.len() > 2 {
            i += 1;
            continue;
        }
        if JOINING.contains(&w) && i + 1 < words.len() && words[i + 1].chars().count() > 1 {
            out.push(format!("{w}{}", words[i + 1]));
            i += 2;
            continue;
        }
        let w = LEGAL_FORMS
            .iter()
            .find(|(short, _)| *short == w)
            .map_or(w, |(_, long)| long);
        out.push(w.to_owned());
        i += 1;
    }
    out
}

/// The consonant skeleton of a word, for transliteration variants: Mohammed/Mohamed,
/// Rashid/Rashed, Sergeyevich/Sergeevich.
fn skeleton(w: &str) -> String {
    let mut out = String::new();
    let mut last = None;
    for c in w.chars() {
        if matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'h' | 'w') {
            continue;
        }
        // x is "ks" (Alexander/Aleksandr), f and v are often "ph" or "w" in another scheme.
        let sounds: &[char] = match c {
            'k' | 'q' | 'c' => &['c'],
            'x' => &['c', 's'],
            'z' => &['s'],
            'j' => &['g'],
            'f' | 'v' | 'p' => &['p'],
            _ => &[c],
        };
        for &c in sounds {
            if last != Some(c) {
                out.push(c);
            }
            last = Some(c);
        }
    }
    out
}

/// Whether two words start alike: the same letter, or both a vowel sound (Yevgeny/Evgeni).
fn same_start(a: &str, b: &str) -> bool {
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    match (a.chars().next(), b.chars().next()) {
        (Some(x), Some(y)) => x == y || (vowel(x) && vowel(y)),
        _ => false,
    }
}

/// How two words relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum WordMatch {
    None,
    Initial,
    Variant,
    Same,
}

fn word_match(a: &str, b: &str) -> WordMatch {
    if a == b {
        return WordMatch::Same;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    if (la == 1 && b.starts_with(a)) || (lb == 1 && a.starts_with(b)) {
        return WordMatch::Initial;
    }
    if la >= 3 && lb >= 3 && same_start(a, b) {
        let (sa, sb) = (skeleton(a), skeleton(b));
        if sa.len() >= 2 && sa == sb {
            return WordMatch::Variant;
        }
    }
    WordMatch::None
}

/// Compare two names: word order, case, accents and punctuation do not matter; initials and
/// transliteration variants make a partial agreement, as does a missing middle name.
pub fn compare_names(a: &str, b: &str) -> (Verdict, Option<String>) {
    let (ta, tb) = (name_tokens(a), name_tokens(b));
    if ta.is_empty() || tb.is_empty() {
        return (Verdict::Unknown, None);
    }
    let mut sa = ta.clone();
    let mut sb = tb.clone();
    sa.sort();
    sb.sort();
    if sa == sb {
        let why = (ta != tb).then(|| "same words, other order".to_owned());
        return (Verdict::Agrees, why);
    }
    if ta.concat() == tb.concat() {
        return (
            Verdict::Agrees,
            Some("same letters, split differently".to_owned()),
        );
    }
    // Abd al-Rahman / Abdulrahman: split and spelt differently, the same consonants in order.
    let (ca, cb) = (skeleton(&ta.concat()), skeleton(&tb.concat()));
    if ca.len() >= 4 && ca == cb && same_start(&ta.concat(), &tb.concat()) && ta.len() != tb.len() {
        return (
            Verdict::Partly,
            Some("spelling variant, split differently".to_owned()),
        );
    }
    // Align the shorter name's words with distinct words of the longer, best matches first.
    let (short, long) = if ta.len() <= tb.len() {
        (&ta, &tb)
    } else {
        (&tb, &ta)
    };
    let mut used = vec![false; long.len()];
    let mut kinds = Vec::new();
    for w in short {
        let best = long
            .iter()
            .enumerate()
            .filter(|(i, _)| !used[*i])
            .map(|(i, l)| (word_match(w, l), i))
            .max();
        match best {
            Some((m, i)) if m != WordMatch::None => {
                used[i] = true;
                kinds.push(m);
            }
            _ => kinds.push(WordMatch::None),
        }
    }
    let full = kinds
        .iter()
        .filter(|k| matches!(k, WordMatch::Same | WordMatch::Variant))
        .count();
    if kinds.contains(&WordMatch::None) || full == 0 {
        let why = (full > 0).then(|| format!("{full} of {} words in common", long.len()));
        return (Verdict::Conflicts, why);
    }
    let mut why = Vec::new();
    if kinds.contains(&WordMatch::Initial) {
        why.push("initials");
    }
    if kinds.contains(&WordMatch::Variant) {
        why.push("spelling variant");
    }
    if short.len() < long.len() {
        why.push("a name missing");
    }
    (Verdict::Partly, Some(why.join(", ")))
}

// ───────────────────────────── dates ─────────────────────────────

/// A date as precise as it was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

/// Read `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, `DD/MM/YYYY`, `DD.MM.YYYY` (a time part is ignored).
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if s.chars().any(char::is_alphabetic) && !s.contains('T') {
        return parse_worded_date(s);
    }
    let s = s.split(['T', ' ']).next().unwrap_or(s);
    let nums: Vec<&str> = s.split(['-', '/', '.']).collect();
    let n = |x: &str| x.parse::<u32>().ok();
    let valid = |d: Date| {
        let month_ok = d.month.is_none_or(|m| (1..=12).contains(&m));
        let day_ok = d.day.is_none_or(|x| (1..=31).contains(&x));
        ((1000..=2999).contains(&d.year) && month_ok && day_ok).then_some(d)
    };
    let year = |x: &str| x.parse::<i32>().ok().filter(|_| x.len() == 4);
    match nums.as_slice() {
        [y] => valid(Date {
            year: year(y)?,
            month: None,
            day: None,
        }),
        [y, m] if y.len() == 4 => valid(Date {
            year: year(y)?,
            month: n(m),
            day: None,
        }),
        [y, m, d] if y.len() == 4 => valid(Date {
            year: year(y)?,
            month: Some(n(m)?),
            day: Some(n(d)?),
        }),
        [d, m, y] if y.len() == 4 => valid(Date {
            year: year(y)?,
            month: Some(n(m)?),
            day: Some(n(d)?),
        }),
        _ => None,
    }
}

/// `23 Sep 1971`, `September 23, 1971`, `Sep 1971`.
fn parse_worded_date(s: &str) -> Option<Date> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let (mut year, mut month, mut day) = (None, None, None);
    for part in s.split(|c: char| c.is_whitespace() || c == ',' || c == '-' || c == '.') {
        let lower = part.to_lowercase();
        if let Some(m) = MONTHS.iter().position(|m| lower.starts_with(m)) {
            month = u32::try_from(m + 1).ok();
        } else if let Ok(n) = part.parse::<u32>() {
            if part.len() == 4 {
                year = i32::try_from(n).ok();
            } else if (1..=31).contains(&n) {
                day = Some(n);
            }
        }
    }
    let day = day.filter(|_| month.is_some());
    Some(Date {
        year: year?,
        month,
        day,
    })
}

/// How far apart two dates of birth may be and still partly agree, in years: a year off by one
/// is a common data-entry or calendar-conversion error.
pub const DOB_TOLERANCE_YEARS: i32 = 1;

/// Compare dates of birth: the same date agrees; the same year where one side knows only the
/// year, a day and month swapped, or a year within the tolerance partly agrees.
pub fn compare_dates(a: Option<&str>, b: Option<&str>) -> (Verdict, Option<String>) {
    let (Some(ra), Some(rb)) = (
        a.filter(|s| !s.trim().is_empty()),
        b.filter(|s| !s.trim().is_empty()),
    ) else {
        return (Verdict::Unknown, Some("not known on both sides".to_owned()));
    };
    let (Some(da), Some(db)) = (parse_date(ra), parse_date(rb)) else {
        return (Verdict::Unknown, Some("date not readable".to_owned()));
    };
    let full = |d: &Date| d.month.is_some() && d.day.is_some();
    if da == db {
        return if full(&da) {
            (Verdict::Agrees, None)
        } else {
            (
                Verdict::Partly,
                Some("same, but only partly known".to_owned()),
            )
        };
    }
    let years = (da.year - db.year).abs();
    if da.year == db.year && (!full(&da) || !full(&db)) {
        let months_differ = matches!((da.month, db.month), (Some(x), Some(y)) if x != y);
        if !months_differ {
            return (
                Verdict::Partly,
                Some("same year; only the year is known".to_owned()),
            );
        }
    }
    if da.year == db.year && da.month == db.day && da.day == db.month {
        return (Verdict::Partly, Some("day and month swapped".to_owned()));
    }
    if years <= DOB_TOLERANCE_YEARS {
        let why = if years == 0 {
            "same year, other day".to_owned()
        } else {
            format!("{years} year apart")
        };
        return (Verdict::Partly, Some(why));
    }
    (Verdict::Conflicts, Some(format!("{years} years apart")))
}

// ───────────────────────────── countries ─────────────────────────────

/// Country names and codes as they appear in registries and lists → ISO 3166 alpha-2.
/// Keys are compared after [`country_key`] (lower case, no accents, letters only).
const COUNTRIES: &[(&str, &[&str])] = &[
    (
        "AE",
        &["are", "unitedarabemirates", "uae", "emirati", "emirates"],
    ),
    ("AT", &["aut", "austria", "austrian"]),
    ("AU", &["aus", "australia", "australian"]),
    ("BE", &["bel", "belgium", "belgian"]),
    ("BG", &["bgr", "bulgaria", "bulgarian"]),
    ("BR", &["bra", "brazil", "brasil", "brazilian"]),
    ("BY", &["blr", "belarus", "belarusian"]),
    ("CA", &["can", "canada", "canadian"]),
    ("CH", &["che", "switzerland", "swiss", "schweiz", "suisse"]),
    (
        "CN",
        &["chn", "china", "chinese", "peoplesrepublicofchina", "prc"],
    ),
    ("CY", &["cyp", "cyprus", "cypriot", "republicofcyprus"]),
    ("CZ", &["cze", "czechia", "czechrepublic", "czech"]),
    ("DE", &["deu", "germany", "german", "deutschland"]),
    ("DK", &["dnk", "denmark", "danish"]),
    ("EE", &["est", "estonia", "estonian"]),
    ("ES", &["esp", "spain", "spanish", "espana"]),
    ("FI", &["fin", "finland", "finnish"]),
    ("FR", &["fra", "france", "french"]),
    (
        "GB",
        &[
            "gbr",
            "uk",
            "unitedkingdom",
            "greatbritain",
            "british",
            "england",
            "scotland",
            "wales",
            "northernireland",
            "unitedkingdomofgreatbritainandnorthernireland",
        ],
    ),
    ("GI", &["gib", "gibraltar"]),
    ("GR", &["grc", "greece", "greek", "hellenicrepublic"]),
    (
        "HK",
        &["hkg", "hongkong", "hongkongsar", "hongkongsarchina"],
    ),
    ("IE", &["irl", "ireland", "irish"]),
    ("IL", &["isr", "israel", "israeli"]),
    ("IN", &["ind", "india", "indian"]),
    ("IQ", &["irq", "iraq", "iraqi"]),
    ("IR", &["irn", "iran", "iranian", "islamicrepublicofiran"]),
    ("IT", &["ita", "italy", "italian", "italia"]),
    ("JE", &["jey", "jersey"]),
    ("JP", &["jpn", "japan", "japanese"]),
    (
        "KP",
        &[
            "prk",
            "northkorea",
            "democraticpeoplesrepublicofkorea",
            "dprk",
        ],
    ),
    (
        "KR",
        &["kor", "southkorea", "korea", "republicofkorea", "korean"],
    ),
    ("KY", &["cym", "caymanislands", "cayman"]),
    ("KZ", &["kaz", "kazakhstan", "kazakh"]),
    ("LT", &["ltu", "lithuania", "lithuanian"]),
    ("LU", &["lux", "luxembourg", "luxembourgish"]),
    ("LV", &["lva", "latvia", "latvian"]),
    ("MT", &["mlt", "malta", "maltese"]),
    ("MX", &["mex", "mexico", "mexican"]),
    ("NG", &["nga", "nigeria", "nigerian"]),
    (
        "NL",
        &["nld", "netherlands", "thenetherlands", "holland", "dutch"],
    ),
    ("NO", &["nor", "norway", "norwegian"]),
    ("PA", &["pan", "panama", "panamanian"]),
    ("PL", &["pol", "poland", "polish"]),
    ("PT", &["prt", "portugal", "portuguese"]),
    ("QA", &["qat", "qatar", "qatari"]),
    ("RO", &["rou", "romania", "romanian"]),
    ("RU", &["rus", "russia", "russian", "russianfederation"]),
    ("SA", &["sau", "saudiarabia", "saudi"]),
    ("SE", &["swe", "sweden", "swedish"]),
    ("SG", &["sgp", "singapore", "singaporean"]),
    ("SY", &["syr", "syria", "syrian", "syrianarabrepublic"]),
    ("TR", &["tur", "turkey", "turkiye", "turkish"]),
    ("UA", &["ukr", "ukraine", "ukrainian"]),
    (
        "US",
        &[
            "usa",
            "unitedstates",
            "unitedstatesofamerica",
            "american",
            "us",
        ],
    ),
    ("VG", &["vgb", "britishvirginislands", "bvi"]),
    ("ZA", &["zaf", "southafrica", "southafrican"]),
];

fn country_key(s: &str) -> String {
    s.nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .filter(char::is_ascii_alphabetic)
        .collect()
}

/// The ISO 3166 alpha-2 code of a country however it is written: a code (alpha-2 or alpha-3),
/// a name, a common variant or a demonym. `None` when the table does not know it.
pub fn country_code(s: &str) -> Option<&'static str> {
    let key = country_key(s);
    if key.is_empty() {
        return None;
    }
    COUNTRIES
        .iter()
        .find(|(code, names)| code.eq_ignore_ascii_case(&key) || names.contains(&key.as_str()))
        .map(|(code, _)| *code)
}

/// Compare two countries by ISO code.
pub fn compare_countries(a: Option<&str>, b: Option<&str>) -> (Verdict, Option<String>) {
    let (Some(a), Some(b)) = (
        a.filter(|s| !s.trim().is_empty()),
        b.filter(|s| !s.trim().is_empty()),
    ) else {
        return (Verdict::Unknown, Some("not known on both sides".to_owned()));
    };
    match (country_code(a), country_code(b)) {
        (Some(x), Some(y)) if x == y => (Verdict::Agrees, None),
        (Some(x), Some(y)) => (Verdict::Conflicts, Some(format!("{x} ≠ {y}"))),
        _ if country_key(a) == country_key(b) => (Verdict::Agrees, None),
        _ => (Verdict::Unknown, Some("country not recognised".to_owned())),
    }
}

fn compare_gender(a: Option<&str>, b: Option<&str>) -> (Verdict, Option<String>) {
    let norm = |s: &str| match s.trim().to_lowercase().as_str() {
        "m" | "male" | "man" => Some('m'),
        "f" | "female" | "woman" => Some('f'),
        _ => None,
    };
    match (a.and_then(norm), b.and_then(norm)) {
        (Some(x), Some(y)) if x == y => (Verdict::Agrees, None),
        (Some(_), Some(_)) => (Verdict::Conflicts, None),
        _ => (Verdict::Unknown, Some("not known on both sides".to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(a: &str, b: &str) -> Verdict {
        compare_names(a, b).0
    }

    #[test]
    fn names_ignore_case_accents_punctuation_and_order() {
        assert_eq!(name("Jean-Luc Dupré", "DUPRE, Jean Luc"), Verdict::Agrees);
        assert_eq!(name("Klaus Müller", "klaus muller"), Verdict::Agrees);
        assert_eq!(name("Wong Mei Ling", "Mei Ling Wong"), Verdict::Agrees);
        assert_eq!(
            name("Société Lumière SAS", "Societe Lumiere S.A.S."),
            Verdict::Agrees
        );
        assert_eq!(name("Hassan Al-Amiri", "Hassan Alamiri"), Verdict::Agrees);
        assert_eq!(
            name(
                "Kyrenia Maritime Holdings Ltd",
                "Kyrenia Maritime Holdings Limited"
            ),
            Verdict::Agrees
        );
    }

    #[test]
    fn initials_and_missing_middle_names_partly_agree() {
        let (v, why) = compare_names("Ivan Sokolov", "I. S. Sokolov");
        assert_eq!(v, Verdict::Partly);
        assert!(why.unwrap_or_default().contains("initials"));
        assert_eq!(
            name("Ivan Sokolov", "Ivan Sergeyevich Sokolov"),
            Verdict::Partly
        );
        assert_eq!(name("Olga V. Petrova", "Olga Petrova"), Verdict::Partly);
    }

    #[test]
    fn transliterations_partly_agree() {
        assert_eq!(
            name("Mohamed Rashed Alfalasi", "Mohammed Bin Rashid Al Falasi"),
            Verdict::Partly
        );
        assert_eq!(name("Ivan Sokolov", "Иван Соколов"), Verdict::Agrees);
        assert_eq!(
            name("Ivan Sergeevich Sokolov", "Ivan Sergeyevich Sokolov"),
            Verdict::Partly
        );
        assert_eq!(name("Dmitriy Volkov", "Dmitri Volkov"), Verdict::Partly);
        assert_eq!(
            name("Aleksandr Ivanov", "Alexander Ivanov"),
            Verdict::Partly
        );
        assert_eq!(name("Yevgeny Petrov", "Evgeni Petrov"), Verdict::Partly);
        assert_eq!(name("Stephan Meyer", "Stefan Meier"), Verdict::Partly);
        assert_eq!(
            name("Abd al-Rahman Hassan", "Abdulrahman Hassan"),
            Verdict::Partly
        );
    }

    #[test]
    fn different_people_conflict() {
        assert_eq!(name("Zhang Wei", "Zhang Min"), Verdict::Conflicts);
        assert_eq!(name("Olga Petrova", "Irina Sokolova"), Verdict::Conflicts);
        assert_eq!(name("", "Olga Petrova"), Verdict::Unknown);
    }

    #[test]
    fn hidden_characters_do_not_split_a_name() {
        assert_eq!(
            name("Viktor Petrenko", "Vik\u{200B}tor Petrenko"),
            Verdict::Agrees
        );
        assert_eq!(
            name("Viktor Petrenko", "\u{202E}Viktor Petrenko"),
            Verdict::Agrees
        );
    }

    #[test]
    fn best_name_uses_aliases() {
        let m = AmlMatch {
            name: Some("Ivan Sergeyevich Sokolov".into()),
            aliases: vec!["Иван Сергеевич Соколов".into(), "Ivan Sokolov".into()],
            ..Default::default()
        };
        let (v, why) = best_name("Ivan Sokolov", &m);
        assert_eq!(v, Verdict::Agrees);
        assert!(why.unwrap_or_default().contains("via alias"));
    }

    #[test]
    fn dates_agree_within_a_tolerance() {
        let d = |a, b| compare_dates(Some(a), Some(b)).0;
        assert_eq!(d("1971-09-23", "1971-09-23"), Verdict::Agrees);
        assert_eq!(d("1971-09-23", "23/09/1971"), Verdict::Agrees);
        assert_eq!(d("1971-09-23", "1972-09-23"), Verdict::Partly);
        assert_eq!(d("1977-05-04", "1977"), Verdict::Partly);
        assert_eq!(d("1971-09-03", "1971-03-09"), Verdict::Partly);
        assert_eq!(d("1971-09-23", "1949-02-14"), Verdict::Conflicts);
        assert_eq!(d("1971-09-23", "1973-09-23"), Verdict::Conflicts);
        assert_eq!(compare_dates(None, Some("1971")).0, Verdict::Unknown);
        assert_eq!(d("unknown", "1971"), Verdict::Unknown);
        assert_eq!(d("1971-09-23", "23 Sep 1971"), Verdict::Agrees);
        assert_eq!(d("1971-09-23", "September 23, 1971"), Verdict::Agrees);
        assert_eq!(d("1971-09-23", "Sep 1971"), Verdict::Partly);
    }

    #[test]
    fn countries_compare_by_iso_code() {
        assert_eq!(country_code("United Kingdom"), Some("GB"));
        assert_eq!(country_code("GBR"), Some("GB"));
        assert_eq!(country_code("russian federation"), Some("RU"));
        assert_eq!(country_code("Türkiye"), Some("TR"));
        assert_eq!(country_code("Atlantis"), None);
        let c = |a, b| compare_countries(Some(a), Some(b)).0;
        assert_eq!(c("UAE", "AE"), Verdict::Agrees);
        assert_eq!(c("Cyprus", "RU"), Verdict::Conflicts);
        assert_eq!(c("Atlantis", "GB"), Verdict::Unknown);
        assert_eq!(compare_countries(Some("GB"), None).0, Verdict::Unknown);
    }

    #[test]
    fn a_whole_match_side_by_side() {
        let subject = Subject {
            name: "Ivan Sokolov".into(),
            birth_date: Some("1971-09-23".into()),
            nationality: Some("Russian".into()),
            country: Some("CY".into()),
            gender: None,
            is_company: false,
        };
        let weak = AmlMatch {
            name: Some("Ivan Sokolov".into()),
            date_of_birth: Some("1949-02-14".into()),
            nationality: Some("RU".into()),
            country: Some("RU".into()),
            gender: Some("Male".into()),
            ..Default::default()
        };
        let rows = compare(&subject, &weak);
        let v: Vec<(&str, Verdict)> = rows.iter().map(|r| (r.field, r.verdict)).collect();
        assert_eq!(
            v,
            [
                ("Name", Verdict::Agrees),
                ("Date of birth", Verdict::Conflicts),
                ("Nationality", Verdict::Agrees),
                ("Country", Verdict::Partly),
                ("Gender", Verdict::Unknown),
            ]
        );
    }

    #[test]
    fn the_identity_step_fills_the_gender() {
        let fields = [
            StepField::new("Gender", "Male"),
            StepField::new("Nationality", "GB"),
        ];
        let s = Subject {
            name: "Chinedu Okafor".into(),
            nationality: Some("NG".into()),
            ..Subject::default()
        }
        .with_identity(&fields);
        assert_eq!(s.gender.as_deref(), Some("Male"));
        assert_eq!(s.nationality.as_deref(), Some("NG"), "the case details win");
    }

    #[test]
    fn companies_compare_name_and_country_only() {
        let subject = Subject {
            name: "Al Noor Trading FZE".into(),
            country: Some("United Arab Emirates".into()),
            is_company: true,
            ..Default::default()
        };
        let m = AmlMatch {
            name: Some("AL-NOOR TRADING F.Z.E.".into()),
            country: Some("AE".into()),
            ..Default::default()
        };
        let rows = compare(&subject, &m);
        assert_eq!(rows.len(), 2);
        assert!(
            rows.iter().all(|r| r.verdict == Verdict::Agrees),
            "{rows:?}"
        );
    }
}
