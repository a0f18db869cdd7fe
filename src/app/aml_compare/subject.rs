//! The case subject's side of the comparison: what the case details (and, failing them, the
//! identity step) say of the person or company, in the terms an AML match uses.

use crate::api::{CaseDetails, StepField};

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
