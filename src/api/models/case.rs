//! Cases: list items, details, addresses, properties, and the requests that create or change them.

use super::Extra;
use crate::api::flex::{self, Id};
use serde::{Deserialize, Serialize};

/// `common`: what every case has, company or individual.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CaseCommon {
    #[serde(deserialize_with = "flex::id")]
    pub case_common_id: Id,
    #[serde(deserialize_with = "flex::opt_string")]
    pub case_customer_id: Option<String>,
    #[serde(rename = "type", deserialize_with = "flex::opt_id")]
    pub case_type: Option<i64>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub type_string: Option<String>,
    /// Per cent built: a number on the wire [C] (100 when ready); a boolean is read as 0 or 100.
    #[serde(deserialize_with = "flex::opt_percent")]
    pub complete: Option<u8>,
    /// "Open" or "Closed".
    #[serde(deserialize_with = "flex::opt_string")]
    pub status: Option<String>,
    /// 3 = ready; 0, 9, 50–57 = building; 8 = failed.
    #[serde(deserialize_with = "flex::opt_id")]
    pub status_id: Option<i64>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub status_name: Option<String>,
    /// "Accepted", "Denied" or null.
    #[serde(deserialize_with = "flex::opt_string")]
    pub case_decision: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub case_description: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub country_name: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub risk_rating: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub case_ready_datetime: Option<String>,
    #[serde(rename = "isAMLCase", deserialize_with = "flex::opt_bool")]
    pub is_aml_case: Option<bool>,
    /// "Full" or "AmlOnly".
    #[serde(deserialize_with = "flex::opt_string")]
    pub case_processing_type: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub scheduled_review_date: Option<String>,
    #[serde(deserialize_with = "flex::opt_id")]
    pub assigned_user_id: Option<Id>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub assigned_user_name: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// How far the case has been built, from `statusId`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuildState {
    Ready,
    Building,
    Failed,
    Unknown,
}

impl CaseCommon {
    pub fn build_state(&self) -> BuildState {
        match self.status_id {
            Some(3) => BuildState::Ready,
            Some(0 | 9 | 50..=57) => BuildState::Building,
            Some(8) => BuildState::Failed,
            _ => BuildState::Unknown,
        }
    }

    pub fn is_closed(&self) -> bool {
        self.status
            .as_deref()
            .is_some_and(|s| s.eq_ignore_ascii_case("closed"))
    }
}

/// `company`: the entity part of a company case.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CompanyInfo {
    #[serde(deserialize_with = "flex::opt_id")]
    pub case_company_id: Option<Id>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub entity_name: Option<String>,
    #[serde(rename = "countryCodeISO31662", deserialize_with = "flex::opt_string")]
    pub country_code: Option<String>,
    /// The company type, e.g. "Private Limited Company".
    #[serde(rename = "type", deserialize_with = "flex::opt_string")]
    pub company_type: Option<String>,
    /// Keyed by label, e.g. "Registration Number".
    pub properties: serde_json::Map<String, serde_json::Value>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// `individual`: the person part of an individual case.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct IndividualInfo {
    #[serde(deserialize_with = "flex::opt_id")]
    pub case_individual_id: Option<Id>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub first_name: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub last_name: Option<String>,
    /// `YYYY-MM-DD` in the emulator; the real API's format is not confirmed.
    #[serde(deserialize_with = "flex::opt_string")]
    pub birth_date: Option<String>,
    #[serde(rename = "countryCodeISO31662", deserialize_with = "flex::opt_string")]
    pub country_code: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub country: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub nationality: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl IndividualInfo {
    /// "First Last", whatever is present.
    pub fn full_name(&self) -> String {
        join_name(self.first_name.as_deref(), self.last_name.as_deref())
    }
}

pub(crate) fn join_name(first: Option<&str>, last: Option<&str>) -> String {
    match (first.map(str::trim), last.map(str::trim)) {
        (Some(f), Some(l)) if !f.is_empty() && !l.is_empty() => format!("{f} {l}"),
        (Some(f), _) if !f.is_empty() => f.to_owned(),
        (_, Some(l)) => l.to_owned(),
        _ => String::new(),
    }
}

/// One item of `GET /v2/Companies` or `GET /v2/Individuals`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CaseListItem {
    pub common: CaseCommon,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub company: Option<CompanyInfo>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub individual: Option<IndividualInfo>,
    /// [I] Sent by the emulator so the list can mark AML-positive cases without a detail call.
    #[serde(
        rename = "isCaseAMLPositive",
        deserialize_with = "flex::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub is_case_aml_positive: Option<bool>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl CaseListItem {
    pub fn kind(&self) -> super::CaseKind {
        if self.individual.is_some() && self.company.is_none() {
            super::CaseKind::Individual
        } else {
            super::CaseKind::Company
        }
    }

    /// The subject's name: the entity name or "First Last".
    pub fn name(&self) -> String {
        if let Some(c) = &self.company {
            return c.entity_name.clone().unwrap_or_default();
        }
        self.individual
            .as_ref()
            .map(IndividualInfo::full_name)
            .unwrap_or_default()
    }

    /// ISO 3166 code of the jurisdiction (company) or country (individual).
    pub fn country_code(&self) -> Option<&str> {
        self.company
            .as_ref()
            .and_then(|c| c.country_code.as_deref())
            .or_else(|| {
                self.individual
                    .as_ref()
                    .and_then(|i| i.country_code.as_deref())
            })
    }
}

/// `GET /v2/Companies/{id}` and `GET /v2/Individuals/{id}`, the answer to a status change and
/// to a create: `{"caseDetail": {"details": …}}` [C]. A bare `{"details": …}` is read the same
/// way, as a server that answers a change in the import's form must not lose the case.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, from = "DetailsWire")]
pub struct CaseDetailEnvelope {
    pub case_detail: CaseDetailWrap,
    #[serde(flatten)]
    pub extra: Extra,
}

impl CaseDetailEnvelope {
    pub fn new(details: CaseDetails) -> Self {
        CaseDetailEnvelope {
            case_detail: CaseDetailWrap {
                details,
                extra: Extra::new(),
            },
            extra: Extra::new(),
        }
    }
}

/// Either form of an answer that carries a case's details: wrapped in `caseDetail` (the
/// confirmed form) or bare. The wrapper wins when both are present.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct DetailsWire {
    case_detail: Option<CaseDetailWrap>,
    details: Option<CaseDetails>,
    #[serde(flatten)]
    extra: Extra,
}

impl DetailsWire {
    fn into_parts(self) -> (CaseDetailWrap, Extra) {
        let wrap = match (self.case_detail, self.details) {
            (Some(w), _) => w,
            (None, Some(details)) => CaseDetailWrap {
                details,
                extra: Extra::new(),
            },
            (None, None) => CaseDetailWrap::default(),
        };
        (wrap, self.extra)
    }
}

impl From<DetailsWire> for CaseDetailEnvelope {
    fn from(w: DetailsWire) -> Self {
        let (case_detail, extra) = w.into_parts();
        CaseDetailEnvelope { case_detail, extra }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CaseDetailWrap {
    pub details: CaseDetails,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Everything the case overview shows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CaseDetails {
    pub common: CaseCommon,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub company: Option<CompanyInfo>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub individual: Option<IndividualInfo>,
    pub case_address: Option<CaseAddress>,
    pub case_aml_summary: Option<AmlSummary>,
    #[serde(rename = "isCaseAMLPositive", deserialize_with = "flex::opt_bool")]
    pub is_case_aml_positive: Option<bool>,
    /// "Yes" / "No".
    #[serde(deserialize_with = "flex::opt_string")]
    pub all_ubos_identified: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub case_review_date: Option<String>,
    #[serde(deserialize_with = "flex::vec")]
    pub step_data_source: Vec<StepDataSource>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl CaseDetails {
    pub fn kind(&self) -> super::CaseKind {
        if self.individual.is_some() && self.company.is_none() {
            super::CaseKind::Individual
        } else {
            super::CaseKind::Company
        }
    }

    pub fn name(&self) -> String {
        if let Some(c) = &self.company {
            return c.entity_name.clone().unwrap_or_default();
        }
        self.individual
            .as_ref()
            .map(IndividualInfo::full_name)
            .unwrap_or_default()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CaseAddress {
    #[serde(deserialize_with = "flex::opt_string")]
    pub address: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub raw_address: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub address_line1: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub address_line2: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub city: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub state_province: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub postcode: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub country: Option<String>,
    #[serde(rename = "countryCodeISO31662", deserialize_with = "flex::opt_string")]
    pub country_code: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// `caseAmlSummary`: "NoMatches" / "HasMatches" / "NA" per provider.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AmlSummary {
    #[serde(deserialize_with = "flex::opt_string")]
    pub world_check_summary: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub lexis_nexis_check_summary: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct StepDataSource {
    #[serde(deserialize_with = "flex::opt_string")]
    pub step_name: Option<String>,
    #[serde(deserialize_with = "flex::vec")]
    pub data_sources: Vec<DataSource>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DataSource {
    #[serde(deserialize_with = "flex::opt_string")]
    pub title: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub source: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub source_domain: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub collection_date_timestamp: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A case property: `{"dataType", "data"}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Property {
    #[serde(deserialize_with = "flex::opt_string")]
    pub data_type: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub data: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Property {
    pub fn new(data_type: impl Into<String>, data: impl Into<String>) -> Self {
        Property {
            data_type: Some(data_type.into()),
            data: Some(data.into()),
            extra: Extra::new(),
        }
    }
}

/// `POST /v2/Companies`: a registered entity (exact name and registration number from search),
/// or a non-automated / unregistered one (`companyType`, `isRegistered: false`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateCompanyRequest {
    pub rawname: String,
    pub codeiso31662: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_registered: Option<bool>,
    /// "Full" (default) or "AmlOnly".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_processing_type: Option<String>,
}

/// `POST /v2/Companies/import`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportCompanyRequest {
    pub entity_name: String,
    pub codeiso31662: String,
    pub company_type: String,
    #[serde(default)]
    pub properties: Vec<Property>,
}

/// `POST /v2/Individuals` and `POST /v2/Individuals/import`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateIndividualRequest {
    pub first_name: String,
    pub last_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nationality_codeiso31662: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_line1: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_line2: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postcode: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_codeiso31662: Option<String>,
    #[serde(default)]
    pub properties: Vec<Property>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_processing_type: Option<String>,
}

/// The answer to a create or import. A create answers `{"caseDetail": {"details": …}}` [C], an
/// import `{"details": {"common": {"caseCommonId"}, …}}` [C]; both are read (see
/// [`CaseDetailEnvelope`]). Written in the import's bare form.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, from = "DetailsWire")]
pub struct CreatedCase {
    pub details: CaseDetails,
    #[serde(flatten)]
    pub extra: Extra,
}

impl From<DetailsWire> for CreatedCase {
    fn from(w: DetailsWire) -> Self {
        let (wrap, extra) = w.into_parts();
        CreatedCase {
            details: wrap.details,
            extra,
        }
    }
}

/// `PUT …/identity`: only the fields to change are sent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IdentityUpdate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nationality_codeiso31662: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_line1: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_line2: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_province: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postcode: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_codeiso31662: Option<String>,
}

/// `PATCH …/status`: `{"status": "Close"|"Open", "caseDecision": "Accepted"|"Denied"}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseStatusRequest {
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_decision: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A create answers in the case-detail form [C], an import bare [C]; an older server sent
    /// `complete` as a boolean. Every form reads to the same case.
    #[test]
    fn created_case_reads_the_wrapped_and_the_bare_form() {
        let wrapped = r#"{"caseDetail":{"details":{"common":{"caseCommonId":7,"statusId":50,"complete":0}}}}"#;
        let bare = r#"{"details":{"common":{"caseCommonId":7,"statusId":50,"complete":false}}}"#;
        for text in [wrapped, bare] {
            let c: CreatedCase = serde_json::from_str(text).unwrap();
            assert_eq!(c.details.common.case_common_id, 7, "{text}");
            assert_eq!(c.details.common.build_state(), BuildState::Building);
            assert_eq!(c.details.common.complete, Some(0));
            let e: CaseDetailEnvelope = serde_json::from_str(text).unwrap();
            assert_eq!(e.case_detail.details.common.case_common_id, 7, "{text}");
        }
        let ready: CaseDetailEnvelope =
            serde_json::from_str(r#"{"caseDetail":{"details":{"common":{"complete":true}}}}"#)
                .unwrap();
        assert_eq!(ready.case_detail.details.common.complete, Some(100));
    }

    #[test]
    fn the_envelope_is_written_wrapped() {
        let e = CaseDetailEnvelope::new(CaseDetails::default());
        let v = serde_json::to_value(&e).unwrap();
        assert!(v["caseDetail"]["details"]["common"].is_object(), "{v}");
    }
}
