//! API values as a person reads them (issue 16 item 7): one mapping from the API's vocabulary
//! (`UltimateBeneficialOwner`, `AdverseMedia`, `NotReviewed`, `NOT REVIEWED`) to words
//! ("ultimate beneficial owner", "adverse media", "not reviewed"), and one date format
//! ([`dates`]). Every pane shows API values through here, so no enum name reaches the screen.
//!
//! The mapping is a generic CamelCase splitter plus a small table of exceptions (acronyms and
//! brand names the splitter would break). What it does not recognise it still splits: an API
//! value added tomorrow reads as words too.

pub mod dates;

pub use dates::DateFormat;

/// Whole values that are not split the generic way.
const EXCEPTIONS: &[(&str, &str)] = &[
    ("lexisnexis", "LexisNexis"),
    ("worldcheck", "World-Check"),
    ("amlonly", "AML only"),
    ("pep", "PEP"),
    ("kyc", "KYC"),
    ("publicapi", "public API"),
];

/// Words that keep their capitals wherever they appear in a value.
const ACRONYMS: &[(&str, &str)] = &[
    ("aml", "AML"),
    ("api", "API"),
    ("pep", "PEP"),
    ("soe", "SOE"),
    ("kyc", "KYC"),
    ("ubo", "UBO"),
    ("psc", "PSC"),
    ("id", "ID"),
    ("lp", "LP"),
    ("gp", "GP"),
];

/// An API value as words: `UltimateBeneficialOwner` → "ultimate beneficial owner",
/// `AdverseMedia` → "adverse media", `NOT_REVIEWED` → "not reviewed", `PEP` → "PEP". Text
/// that already reads as words ("Certificate of Incorporation") is left as it came.
pub fn words(value: &str) -> String {
    let trimmed = value.trim();
    let key: String = trimmed
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    if let Some((_, w)) = EXCEPTIONS.iter().find(|(k, _)| *k == key) {
        return (*w).to_owned();
    }
    // Prose (several words, not shouted): as sent.
    let has_lower = trimmed.chars().any(|c| c.is_lowercase());
    if trimmed.contains(' ') && has_lower && !is_camel(trimmed) {
        return trimmed.to_owned();
    }
    let parts = split(trimmed);
    // One short word in capitals is an acronym (`LEI`, `SOE`); a shouted phrase is not.
    let keep_caps = has_lower || (parts.len() == 1 && trimmed.chars().count() <= 4);
    parts
        .iter()
        .map(|w| word(w, keep_caps))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The API's vocabularies as the contract and the demo write them: what [`words_in`] recognises
/// in free text (a name such as "McDonald" is left alone), and what the tests check reads as
/// words.
pub const VOCABULARY: &[&str] = &[
    // step statuses, as the API and the guide write them
    "NotReviewed",
    "SystemUpdated",
    "Passed",
    "Failed",
    "NOT REVIEWED",
    "PASSED",
    // step types and groups
    "Identity",
    "Aml",
    "Document",
    "LinkedCase",
    // roles
    "UltimateBeneficialOwner",
    "BeneficialOwner",
    "PersonWithSignificantControl",
    "Director",
    "Secretary",
    "Shareholder",
    "GeneralPartner",
    "LimitedPartner",
    "AssociatedIndividual",
    "AssociatedCompany",
    "CorporateDirector",
    "CorporateSecretary",
    "CorporateShareholder",
    // AML
    "PEP",
    "Sanctions",
    "AdverseMedia",
    "Enforcement",
    "SOE",
    "Exact",
    "Strong",
    "Medium",
    "Weak",
    "HasMatches",
    "NoMatches",
    // alerts
    "CaseDetailsReview",
    "ExpiredDocuments",
    "ManualReview",
    "New",
    "Updated",
    // documents and sources
    "AnnualReturn",
    "RegisterExtract",
    "ShareholderList",
    "NotVerified",
    "Verified",
    "InProgress",
    "LexisNexis",
    "PublicApi",
    // cases
    "AmlOnly",
    "Full",
    "Entity",
    "Individual",
    "Company",
    "Open",
    "Closed",
    "Accepted",
    "Denied",
];

/// Free text that quotes API values (an audit entry's "NotReviewed → Passed"): each token of
/// the [`VOCABULARY`] written in CamelCase as words, the rest (names too) as it came.
pub fn words_in(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut token = String::new();
    let flush = |token: &mut String, out: &mut String| {
        if is_camel(token) && VOCABULARY.contains(&token.as_str()) {
            out.push_str(&words(token));
        } else {
            out.push_str(token);
        }
        token.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            token.push(c);
        } else {
            flush(&mut token, &mut out);
            out.push(c);
        }
    }
    flush(&mut token, &mut out);
    out
}

/// A value's words as shown: an acronym keeps its capitals, anything else is lowercase.
fn word(w: &str, keep_caps: bool) -> String {
    let lower = w.to_lowercase();
    if let Some((_, a)) = ACRONYMS.iter().find(|(k, _)| *k == lower) {
        return (*a).to_owned();
    }
    // In a mixed-case value an all-capitals word is an acronym (`PEPMatch` → "PEP match"); a
    // shouted value (`NOT REVIEWED`) is lowercased whole.
    let caps = w.chars().all(|c| !c.is_lowercase()) && w.chars().any(char::is_uppercase);
    if keep_caps && caps && w.chars().count() > 1 {
        return w.to_owned();
    }
    lower
}

/// Whether a word of the value is CamelCase (a lowercase letter followed by a capital).
fn is_camel(s: &str) -> bool {
    s.split_whitespace().any(|w| {
        w.chars()
            .zip(w.chars().skip(1))
            .any(|(a, b)| a.is_lowercase() && b.is_uppercase())
    })
}

/// Split at spaces and `_`, and inside a word at each case change: `PEPMatch` →
/// `PEP`, `Match`; `AdverseMedia` → `Adverse`, `Media`.
fn split(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in s.split([' ', '_']).filter(|p| !p.is_empty()) {
        let chars: Vec<char> = part.chars().collect();
        let mut cur = String::new();
        for (i, &c) in chars.iter().enumerate() {
            let prev = i.checked_sub(1).map(|j| chars[j]);
            let next = chars.get(i + 1).copied();
            let boundary = c.is_uppercase()
                && prev.is_some_and(|p| {
                    p.is_lowercase()
                        || p.is_ascii_digit()
                        || (p.is_uppercase() && next.is_some_and(char::is_lowercase))
                });
            if boundary && !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            cur.push(c);
        }
        if !cur.is_empty() {
            out.push(cur);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{AlertAction, AlertType, CaseKind, StepStatus};

    fn camel_left(s: &str) -> bool {
        // Brand names keep their spelling; everything else reads as words.
        s != "LexisNexis" && is_camel(s)
    }

    #[test]
    fn every_api_value_reads_as_words() {
        let enums: Vec<String> = AlertType::ALL
            .iter()
            .map(|t| t.as_str().to_owned())
            .chain(
                [
                    AlertAction::Apply,
                    AlertAction::Exclude,
                    AlertAction::Dismiss,
                ]
                .iter()
                .map(|a| a.as_str().to_owned()),
            )
            .chain(
                [
                    StepStatus::NotReviewed,
                    StepStatus::SystemUpdated,
                    StepStatus::Passed,
                    StepStatus::Failed,
                ]
                .iter()
                .map(|s| s.as_str().to_owned()),
            )
            .chain(
                [CaseKind::Company, CaseKind::Individual]
                    .iter()
                    .map(|k| format!("{k:?}")),
            )
            .collect();
        for v in VOCABULARY
            .iter()
            .copied()
            .chain(enums.iter().map(String::as_str))
        {
            let w = words(v);
            assert!(!camel_left(&w), "{v} → {w}");
            assert!(!w.contains('_'), "{v} → {w}");
            assert!(!w.is_empty(), "{v} → {w}");
        }
    }

    #[test]
    fn the_issue_s_examples() {
        assert_eq!(
            words("UltimateBeneficialOwner"),
            "ultimate beneficial owner"
        );
        assert_eq!(words("AdverseMedia"), "adverse media");
        assert_eq!(words("NotReviewed"), "not reviewed");
        assert_eq!(words("AnnualReturn"), "annual return");
        assert_eq!(words("NOT REVIEWED"), "not reviewed");
        assert_eq!(words("CaseDetailsReview"), "case details review");
        assert_eq!(words("Aml"), "AML");
        assert_eq!(words("AmlOnly"), "AML only");
        assert_eq!(words("PEP"), "PEP");
        assert_eq!(words("PEPMatch"), "PEP match");
        assert_eq!(
            words("PersonWithSignificantControl"),
            "person with significant control"
        );
        assert_eq!(words("Open"), "open");
        assert_eq!(words("LEI"), "LEI");
        assert_eq!(words("PASSED"), "passed");
    }

    #[test]
    fn values_quoted_in_text_read_as_words() {
        assert_eq!(words_in("NotReviewed → Passed"), "not reviewed → Passed");
        assert_eq!(
            words_in("role: UltimateBeneficialOwner."),
            "role: ultimate beneficial owner."
        );
        assert_eq!(
            words_in("KYC-2026-003001 at 09:05"),
            "KYC-2026-003001 at 09:05"
        );
    }

    #[test]
    fn prose_and_brand_names_are_left_as_they_came() {
        assert_eq!(
            words("Certificate of Incorporation"),
            "Certificate of Incorporation"
        );
        assert_eq!(words("LexisNexis"), "LexisNexis");
        assert_eq!(words("Companies House"), "Companies House");
        assert_eq!(words(""), "");
    }
}
