//! One async method per API operation, grouped by the contract's sections, plus the table of
//! every operation the client implements (checked against the emulator's OpenAPI document).

mod cases;
mod documents;
mod monitoring;
mod notes;
mod reference;
mod steps;
mod users;

pub use cases::Page;

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

/// The operation name for a case kind, e.g. `by_kind!(kind, "GET", "/{id}")` gives
/// `GET /v2/Companies/{id}` or `GET /v2/Individuals/{id}`. Error messages carry it.
macro_rules! by_kind {
    ($kind:expr, $method:literal, $rest:literal) => {
        match $kind {
            $crate::api::CaseKind::Company => concat!($method, " /v2/Companies", $rest),
            $crate::api::CaseKind::Individual => concat!($method, " /v2/Individuals", $rest),
        }
    };
}
pub(crate) use by_kind;

/// Characters that cannot stand in a path segment as they are (RFC 3986 `pchar` complement).
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// Text from the user or the server, made safe to stand as one path segment.
pub(crate) fn segment(text: &str) -> String {
    utf8_percent_encode(text, SEGMENT).to_string()
}

/// Every (method, path template) the client calls.
pub fn operation_table() -> &'static [(&'static str, &'static str)] {
    OPERATIONS
}

/// Whether `op` (`"GET /v2/…"`) is in [`operation_table`].
pub(crate) fn is_known(op: &str) -> bool {
    OPERATIONS.iter().any(|(method, path)| {
        op.strip_prefix(method)
            .and_then(|rest| rest.strip_prefix(' '))
            .is_some_and(|rest| rest == *path)
    })
}

const OPERATIONS: &[(&str, &str)] = &[
    // reference
    ("GET", "/v2/Jurisdictions"),
    ("GET", "/v2/CompanyTypes"),
    ("GET", "/v2/Version"),
    // companies
    ("POST", "/v2/Companies/search"),
    ("GET", "/v2/Companies"),
    ("POST", "/v2/Companies"),
    ("POST", "/v2/Companies/import"),
    ("GET", "/v2/Companies/{id}"),
    ("GET", "/v2/Companies/{id}/properties"),
    ("POST", "/v2/Companies/{id}/properties"),
    ("DELETE", "/v2/Companies/{id}/properties/{dataType}"),
    ("GET", "/v2/Companies/{id}/org-chart"),
    ("GET", "/v2/Companies/{id}/members"),
    ("POST", "/v2/Companies/{parentId}/link/{id}"),
    ("POST", "/v2/Companies/{id}/activate/{caseStepId}"),
    ("GET", "/v2/Companies/{id}/documents"),
    ("GET", "/v2/Companies/{id}/documents/rules/mandatory"),
    ("POST", "/v2/Companies/{id}/documents/upload"),
    ("POST", "/v2/Companies/{id}/documents/request"),
    ("GET", "/v2/Companies/{id}/amlchecks"),
    ("PUT", "/v2/Companies/{id}/identity"),
    ("PATCH", "/v2/Companies/{id}/status"),
    ("DELETE", "/v2/Companies/{id}"),
    ("GET", "/v2/Companies/{id}/report"),
    ("GET", "/v2/Companies/{id}/audittrail"),
    // company monitoring
    ("POST", "/v2/Companies/lm-cases"),
    ("GET", "/v2/Companies/{id}/lm-alerts"),
    ("POST", "/v2/Companies/{id}/lm-alerts-action"),
    ("PUT", "/v2/Companies/{id}/review-date"),
    // individuals
    ("POST", "/v2/Individuals"),
    ("POST", "/v2/Individuals/import"),
    ("GET", "/v2/Individuals"),
    ("GET", "/v2/Individuals/{id}"),
    ("GET", "/v2/Individuals/{id}/properties"),
    ("POST", "/v2/Individuals/{id}/properties"),
    ("DELETE", "/v2/Individuals/{id}/properties/{dataType}"),
    ("POST", "/v2/Individuals/{parentId}/link/{id}"),
    ("GET", "/v2/Individuals/{id}/documents"),
    ("GET", "/v2/Individuals/{id}/documents/mandatory"),
    ("POST", "/v2/Individuals/documents/prevalidate"),
    ("POST", "/v2/Individuals/{id}/documents/upload"),
    ("POST", "/v2/Individuals/{id}/documents/request"),
    ("GET", "/v2/Individuals/{id}/amlchecks"),
    ("PUT", "/v2/Individuals/{id}/identity"),
    ("PATCH", "/v2/Individuals/{id}/status"),
    ("DELETE", "/v2/Individuals/{id}"),
    ("GET", "/v2/Individuals/{id}/report"),
    ("GET", "/v2/Individuals/{id}/audittrail"),
    // individual monitoring
    ("POST", "/v2/Individuals/lm-cases"),
    ("GET", "/v2/Individuals/{id}/lm-alerts"),
    ("POST", "/v2/Individuals/{id}/lm-alerts-action"),
    ("PUT", "/v2/Individuals/{id}/review-date"),
    // steps
    ("GET", "/v2/CaseSteps/{id}"),
    ("GET", "/v2/CaseSteps/{id}/details/{stepId}"),
    ("PATCH", "/v2/CaseSteps/{id}/status/{stepId}"),
    ("PATCH", "/v2/CaseSteps/{id}/exclude/{stepId}"),
    // notes
    ("GET", "/v2/CaseStepNotes/{id}/{stepId}"),
    ("POST", "/v2/CaseStepNotes/{id}/{stepId}"),
    ("DELETE", "/v2/CaseStepNotes/{id}/{stepId}/{stepNoteId}"),
    // documents
    ("GET", "/v2/Documents/{documentId}/document"),
    ("GET", "/v2/Documents/{documentId}"),
    // users
    ("POST", "/v2/User/list"),
    ("PUT", "/v2/AssignUser/{id}/assign/{userId}"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn table_has_no_duplicates() {
        let set: HashSet<_> = OPERATIONS.iter().collect();
        assert_eq!(set.len(), OPERATIONS.len());
        assert!(is_known("GET /v2/Companies/{id}"));
        assert!(!is_known("GET /v2/Companies/{id}/nothing"));
    }

    #[test]
    fn segments_are_escaped() {
        assert_eq!(segment("Registration Number"), "Registration%20Number");
        assert_eq!(segment("a/b?c#d%"), "a%2Fb%3Fc%23d%25");
    }
}
