//! Countries compared by ISO 3166 alpha-2 code whatever their spelling: a code (alpha-2 or
//! alpha-3), a name, a common variant or a demonym, as registries and lists write them.

use super::Verdict;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
