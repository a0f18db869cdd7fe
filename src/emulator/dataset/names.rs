//! Name tables for generated entities: syllables that combine into plausible company names,
//! streets, cities and legal suffixes per jurisdiction. People's names are in [`super::pool`].

const HEADS: [&str; 16] = [
    "Ash", "Brook", "Cal", "Dun", "Elm", "Fair", "Glen", "Hart", "Ivy", "Kings", "Lang", "Mar",
    "North", "Oak", "Pem", "Red",
];
const TAILS: [&str; 16] = [
    "ford", "ley", "wick", "mere", "bridge", "field", "stone", "worth", "dale", "gate", "haven",
    "croft", "moor", "ridge", "ton", "wood",
];
const STREETS: [&str; 8] = [
    "High Street",
    "Station Road",
    "Church Lane",
    "King Street",
    "Queen's Road",
    "Mill Lane",
    "Park Avenue",
    "Victoria Street",
];
/// A unique two-syllable stem for `i < 256` ("Ashford", "Brookley", …).
pub fn company_stem(i: u64) -> String {
    format!(
        "{}{}",
        HEADS[(i % 16) as usize],
        TAILS[((i / 16) % 16) as usize]
    )
}

/// A street name.
pub fn street(i: u64) -> &'static str {
    STREETS[(i % STREETS.len() as u64) as usize]
}

/// A city of the jurisdiction.
pub fn city(code: &str, i: u64) -> &'static str {
    let cities: &[&str] = match code {
        "GB" => &["London", "Manchester", "Leeds", "Bristol", "Edinburgh"],
        "IE" => &["Dublin", "Cork", "Galway"],
        "SG" => &["Singapore"],
        "HK" => &["Hong Kong", "Kowloon"],
        "DE" => &["Berlin", "München", "Hamburg", "Frankfurt am Main"],
        "FR" => &["Paris", "Lyon", "Marseille"],
        "NL" => &["Amsterdam", "Rotterdam", "Den Haag"],
        "AE" => &["Dubai", "Abu Dhabi"],
        "CY" => &["Limassol", "Nicosia", "Larnaca"],
        "LU" => &["Luxembourg"],
        "US-DE" => &["Wilmington", "Dover"],
        "US-NY" => &["New York", "Buffalo"],
        "CH" => &["Zürich", "Genève", "Zug"],
        "JE" => &["St Helier"],
        "VG" => &["Road Town"],
        _ => &["Capital City"],
    };
    cities[(i % cities.len() as u64) as usize]
}

/// The legal-form suffix used in generated names of a jurisdiction.
pub fn legal_suffix(code: &str) -> &'static str {
    match code {
        "GB" | "HK" | "CY" | "VG" | "JE" => "Limited",
        "IE" => "Designated Activity Company",
        "SG" => "Pte. Ltd.",
        "DE" => "GmbH",
        "CH" => "AG",
        "FR" => "SAS",
        "NL" => "B.V.",
        "AE" => "FZE",
        "LU" => "S.à r.l.",
        _ => "Inc.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_are_unique() {
        let set: std::collections::HashSet<String> = (0..256).map(company_stem).collect();
        assert_eq!(set.len(), 256);
    }
}
