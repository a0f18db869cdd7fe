//! Strict input: what the emulator accepts is what the guide allows, and anything else is a 400
//! in the guide's body naming the field and the rule. The console's client is tolerant of what
//! servers send (it reads `"pass"` as passed); the emulator must not be tolerant of what
//! clients send, or the console's tests would pass against a server more lenient than the real
//! one. Bodies whose shape the shared models read tolerantly get strict types of their own here.

use super::countries;
use super::error::ApiError;
use crate::api::{CompanyType, Jurisdiction, LINK_RELATIONS, StepStatus};
use serde::Deserialize;

impl ApiError {
    /// A 400 naming the field and the rule it broke.
    pub fn invalid(field: &str, rule: impl std::fmt::Display) -> Self {
        ApiError::bad_request(format!("{field}: {rule}"))
    }
}

/// The statuses a client may write (guide 3.5: PASSED, FAILED, NOT REVIEWED). `SystemUpdated`
/// is the system's own word, and the guide's spellings are not the API's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum WritableStatus {
    NotReviewed,
    Passed,
    Failed,
}

impl From<WritableStatus> for StepStatus {
    fn from(s: WritableStatus) -> StepStatus {
        match s {
            WritableStatus::NotReviewed => StepStatus::NotReviewed,
            WritableStatus::Passed => StepStatus::Passed,
            WritableStatus::Failed => StepStatus::Failed,
        }
    }
}

/// `PATCH …/status/{stepId}`, strictly: a missing, null, empty or unknown status is refused by
/// deserialisation, whose message names `status` and the three words allowed.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StepStatusBody {
    pub status: WritableStatus,
}

/// One case property, strictly: both parts are strings (`{"dataType": 42}` is refused).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PropertyBody {
    pub data_type: String,
    pub data: String,
}

impl PropertyBody {
    pub fn check(&self, at: usize) -> Result<(), ApiError> {
        if self.data_type.trim().is_empty() {
            return Err(ApiError::invalid(
                &format!("[{at}].dataType"),
                "must not be empty",
            ));
        }
        Ok(())
    }
}

/// A required text field: present and not blank.
pub fn not_blank(field: &str, v: &str) -> Result<(), ApiError> {
    if v.trim().is_empty() {
        return Err(ApiError::invalid(field, "must not be empty"));
    }
    Ok(())
}

/// A date of birth: `YYYY-MM-DD` (a date and time of that day is read as the day).
pub fn birth_date(field: &str, v: &str) -> Result<(), ApiError> {
    let t = v.trim();
    let ok = chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d").is_ok()
        || chrono::NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S").is_ok();
    if !ok {
        return Err(ApiError::invalid(
            field,
            format!("{v:?} is not a date (YYYY-MM-DD)"),
        ));
    }
    Ok(())
}

/// A nationality or an address country: an ISO 3166-1 alpha-2 code.
pub fn country(field: &str, v: &str) -> Result<(), ApiError> {
    if !countries::is_country(v.trim()) {
        return Err(ApiError::invalid(
            field,
            format!("{v:?} is not an ISO 3166-1 alpha-2 country code"),
        ));
    }
    Ok(())
}

/// An address country: an ISO 3166-1 alpha-2 code, or one of the registry jurisdictions
/// (which include subdivisions such as `US-DE`).
pub fn address_country(
    field: &str,
    v: &str,
    jurisdictions: &[Jurisdiction],
) -> Result<(), ApiError> {
    let t = v.trim();
    let known = jurisdictions.iter().any(|j| {
        j.codeiso31662
            .as_deref()
            .is_some_and(|c| c.eq_ignore_ascii_case(t))
    });
    if known {
        return Ok(());
    }
    country(field, v)
}

/// A link's relation: one of the guide's types of association.
pub fn relation(v: &str) -> Result<(), ApiError> {
    if !LINK_RELATIONS.contains(&v) {
        return Err(ApiError::invalid(
            "relation",
            format!("{v:?} is not one of {}", LINK_RELATIONS.join(", ")),
        ));
    }
    Ok(())
}

/// A company type: the name of one of `GET /v2/CompanyTypes` for the jurisdiction.
pub fn company_type(v: &str, code: &str, types: &[CompanyType]) -> Result<(), ApiError> {
    let of_jurisdiction = |t: &&CompanyType| {
        t.codeiso31662
            .as_deref()
            .is_none_or(|c| c.eq_ignore_ascii_case(code))
    };
    if types
        .iter()
        .filter(of_jurisdiction)
        .any(|t| t.name.as_deref() == Some(v.trim()))
    {
        return Ok(());
    }
    let names: Vec<&str> = types
        .iter()
        .filter(of_jurisdiction)
        .filter_map(|t| t.name.as_deref())
        .collect();
    Err(ApiError::invalid(
        "companyType",
        format!(
            "{v:?} is not a company type of {code} (GET /v2/CompanyTypes: {})",
            names.join(", ")
        ),
    ))
}

/// An e-mail address: one `@` between a local part and a dotted domain, no spaces.
pub fn email(field: &str, v: &str) -> Result<(), ApiError> {
    let t = v.trim();
    let ok = match t.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.split('.').count() >= 2
                && domain.split('.').all(|p| !p.is_empty())
                && !t.chars().any(char::is_whitespace)
        }
        None => false,
    };
    if !ok {
        return Err(ApiError::invalid(
            field,
            format!("{v:?} is not an e-mail address"),
        ));
    }
    Ok(())
}

/// What a document may be: a PDF or a JPEG or PNG image (scans and photos).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentType {
    Pdf,
    Jpeg,
    Png,
}

impl DocumentType {
    /// The type the bytes are, by their signature; `None` for anything else.
    pub fn sniff(bytes: &[u8]) -> Option<DocumentType> {
        if bytes.starts_with(b"%PDF-") {
            Some(DocumentType::Pdf)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(DocumentType::Jpeg)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(DocumentType::Png)
        } else {
            None
        }
    }

    /// The type a file name's extension says; `None` for any other extension.
    pub fn of_name(name: &str) -> Option<DocumentType> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "pdf" => Some(DocumentType::Pdf),
            "jpg" | "jpeg" => Some(DocumentType::Jpeg),
            "png" => Some(DocumentType::Png),
            _ => None,
        }
    }
}

/// The rule an uploaded or pre-validated file breaks, said once for both.
pub const DOCUMENT_RULE: &str = "must be a PDF, JPEG or PNG document";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        for ok in ["a@b.co", "first.last+kyc@example.com"] {
            assert!(email("email", ok).is_ok(), "{ok}");
        }
        for bad in [
            "not-an-email",
            "@b.co",
            "a@b",
            "a@@b.co",
            "a b@c.de",
            "a@b..c",
        ] {
            assert!(email("email", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn documents_by_bytes_and_name() {
        assert_eq!(DocumentType::sniff(b"%PDF-1.7\n"), Some(DocumentType::Pdf));
        assert_eq!(DocumentType::sniff(b"MZ\x90\0"), None);
        assert_eq!(DocumentType::of_name("scan.JPG"), Some(DocumentType::Jpeg));
        assert_eq!(DocumentType::of_name("setup.exe"), None);
        assert_eq!(DocumentType::of_name("noext"), None);
    }
}
