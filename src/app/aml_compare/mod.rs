//! Field-by-field comparison of an AML match with the case subject: the console's own verdict per
//! field, so a reviewer sees at a glance where a hit agrees and where it cannot be the subject.
//!
//! Pure functions only. Names compare without case, accents, punctuation or word order, with
//! initials and common transliterations understood; dates of birth agree within a tolerance;
//! countries compare by ISO 3166 alpha-2 code whatever their spelling.
//!
//! One file per kind of field: [`names`] (words, initials, transliteration), [`dates`] (dates
//! of birth as precise as they were written), [`countries`] (ISO codes however spelt); the
//! subject's side is gathered in [`subject`]. This module puts them together into the rows of the
//! side-by-side view.

mod countries;
mod dates;
mod names;
mod subject;

pub use countries::{compare_countries, country_code};
pub use dates::{DOB_TOLERANCE_YEARS, Date, compare_dates, parse_date};
pub use names::{compare_names, name_tokens};
pub use subject::Subject;

use crate::api::AmlMatch;

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
