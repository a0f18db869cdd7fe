//! Case steps: the grouped list, per-step details, and status changes.

use super::{AmlMatch, Extra};
use crate::api::flex::{self, Id};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A step's review status. The API writes `NotReviewed`/`Passed`/`Failed`/`SystemUpdated`, the
/// guide `NOT REVIEWED`/`PASSED`/`FAILED`; both parse. Anything else is kept as it came.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum StepStatus {
    /// The server gave no status (absent, `null` or empty). Told apart from `NotReviewed` so a
    /// short answer is never read as "not reviewed": the screen says the status is not known.
    #[default]
    Unknown,
    NotReviewed,
    SystemUpdated,
    Passed,
    Failed,
    Other(String),
}

impl StepStatus {
    pub fn parse(s: &str) -> StepStatus {
        let norm: String = s
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        match norm.as_str() {
            "" => StepStatus::Unknown,
            "notreviewed" => StepStatus::NotReviewed,
            "systemupdated" => StepStatus::SystemUpdated,
            "passed" | "pass" => StepStatus::Passed,
            "failed" | "fail" => StepStatus::Failed,
            _ => StepStatus::Other(s.to_owned()),
        }
    }

    /// The wire form.
    pub fn as_str(&self) -> &str {
        match self {
            StepStatus::Unknown => "",
            StepStatus::NotReviewed => "NotReviewed",
            StepStatus::SystemUpdated => "SystemUpdated",
            StepStatus::Passed => "Passed",
            StepStatus::Failed => "Failed",
            StepStatus::Other(s) => s,
        }
    }

    /// The word shown to a reviewer.
    pub fn label(&self) -> &str {
        match self {
            StepStatus::Unknown => "status not given",
            StepStatus::NotReviewed => "not reviewed",
            StepStatus::SystemUpdated => "system updated",
            StepStatus::Passed => "passed",
            StepStatus::Failed => "failed",
            StepStatus::Other(s) => s,
        }
    }
}

impl fmt::Display for StepStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for StepStatus {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for StepStatus {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(flex::opt_string(d)?
            .map(|s| StepStatus::parse(&s))
            .unwrap_or_default())
    }
}

/// One group of `GET /v2/CaseSteps/{id}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct StepGroup {
    #[serde(deserialize_with = "flex::opt_string")]
    pub group: Option<String>,
    #[serde(deserialize_with = "flex::opt_id")]
    pub total: Option<i64>,
    #[serde(deserialize_with = "flex::vec")]
    pub steps: Vec<Step>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A step in the list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Step {
    #[serde(deserialize_with = "flex::opt_string")]
    pub name: Option<String>,
    /// `Identity`, `Address`, `Document`, `Aml`, `Officer`, `Shareholder`, `Ubo`, `LinkedCase`.
    #[serde(rename = "type", deserialize_with = "flex::opt_string")]
    pub step_type: Option<String>,
    pub status: StepStatus,
    #[serde(deserialize_with = "flex::id")]
    pub case_step_id: Id,
    #[serde(deserialize_with = "flex::bool")]
    pub is_deactivated: bool,
    #[serde(deserialize_with = "flex::opt_id")]
    pub linked_case_common_id: Option<Id>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// `GET /v2/CaseSteps/{id}/details/{stepId}`: the step plus what its type carries.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct StepDetails {
    #[serde(deserialize_with = "flex::id")]
    pub case_step_id: Id,
    #[serde(deserialize_with = "flex::opt_string")]
    pub name: Option<String>,
    #[serde(rename = "type", deserialize_with = "flex::opt_string")]
    pub step_type: Option<String>,
    pub status: StepStatus,
    #[serde(deserialize_with = "flex::bool")]
    pub is_deactivated: bool,
    /// [I] Labelled facts for identity, address, officer, shareholder and UBO steps.
    #[serde(deserialize_with = "flex::vec", skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<StepField>,
    /// Document steps.
    #[serde(deserialize_with = "flex::vec", skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<StepDocument>,
    /// AML steps holding one match.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aml_match: Option<AmlMatch>,
    /// AML steps holding several matches (World-Check groups them under one step); read
    /// through [`StepDetails::matches`], which takes either shape.
    #[serde(deserialize_with = "flex::vec", skip_serializing_if = "Vec::is_empty")]
    pub aml_matches: Vec<AmlMatch>,
    /// Linked-case steps.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub linked_case: Option<LinkedCase>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl StepDetails {
    /// Every AML match the step holds, whichever shape the server answered with: one
    /// `amlMatch`, a list `amlMatches`, or both (a match in both is given once, by `matchId`).
    pub fn matches(&self) -> impl Iterator<Item = &AmlMatch> {
        let single = self.aml_match.as_ref().filter(|one| {
            !self
                .aml_matches
                .iter()
                .any(|m| m.match_id.is_some() && m.match_id == one.match_id)
        });
        single.into_iter().chain(&self.aml_matches)
    }
}

/// [I] One labelled fact of a step.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct StepField {
    #[serde(deserialize_with = "flex::opt_string")]
    pub label: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub value: Option<String>,
}

impl StepField {
    pub fn new(label: impl Into<String>, value: impl Into<String>) -> Self {
        StepField {
            label: Some(label.into()),
            value: Some(value.into()),
        }
    }
}

/// A document of a document step.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct StepDocument {
    #[serde(deserialize_with = "flex::opt_string")]
    pub category: Option<String>,
    #[serde(deserialize_with = "flex::bool")]
    pub document_available: bool,
    #[serde(deserialize_with = "flex::opt_string")]
    pub verification_status: Option<String>,
    #[serde(
        rename = "caseDocumentId",
        alias = "caseDocumentID",
        deserialize_with = "flex::opt_id"
    )]
    pub case_document_id: Option<Id>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub name: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub link: Option<String>,
    /// [I] When the document was issued (`YYYY-MM-DD`), where the data has it.
    #[serde(
        deserialize_with = "flex::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub issue_date: Option<String>,
    /// [I] When the document stops being valid (`YYYY-MM-DD`), for documents that expire.
    #[serde(
        deserialize_with = "flex::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub expiry_date: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// The case a linked-case step points to, and how it relates.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LinkedCase {
    #[serde(deserialize_with = "flex::opt_id")]
    pub case_common_id: Option<Id>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub name: Option<String>,
    /// "Company" or "Individual".
    #[serde(rename = "type", deserialize_with = "flex::opt_string")]
    pub case_type: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub relation: Option<String>,
    #[serde(deserialize_with = "flex::opt_f64")]
    pub percentage: Option<f64>,
    pub properties: serde_json::Map<String, serde_json::Value>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// `PATCH …/status/{stepId}`: `{"status": "Passed", "isCollapsed": false}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StepStatusRequest {
    pub status: StepStatus,
    #[serde(default)]
    pub is_collapsed: bool,
}

/// `PATCH …/exclude/{stepId}`: an optional reason.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExcludeRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// The relations a linked case can have to its parent ("type of association", guide 3.4.3 and
/// 4.4.3), in the API's spelling. A relation outside this list is refused before sending: the
/// server would file it under a role no view knows.
pub const LINK_RELATIONS: &[&str] = &[
    "Director",
    "Secretary",
    "Shareholder",
    "UltimateBeneficialOwner",
    "PersonWithSignificantControl",
    "GeneralPartner",
    "AssociatedCompany",
    "AssociatedIndividual",
];

/// [I] `POST …/{parentId}/link/{id}`: how the linked case relates to the parent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LinkRequest {
    /// "Director", "Shareholder", "UltimateBeneficialOwner", "Secretary",
    /// "PersonWithSignificantControl", "AssociatedCompany", "AssociatedIndividual", …
    pub relation: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percentage: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shares: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A status the server did not give is not "not reviewed": absent, `null` and `""` read as
    /// unknown, and the guide's and the API's spellings as themselves.
    #[test]
    fn a_missing_status_is_unknown_not_unreviewed() {
        for body in [
            serde_json::json!({"caseStepId": 5}),
            serde_json::json!({"caseStepId": 5, "status": null}),
            serde_json::json!({"caseStepId": 5, "status": ""}),
        ] {
            let s: Step = serde_json::from_value(body.clone()).unwrap();
            assert_eq!(s.status, StepStatus::Unknown, "{body}");
            assert_eq!(s.status.label(), "status not given");
        }
        for (wire, status) in [
            ("NotReviewed", StepStatus::NotReviewed),
            ("NOT REVIEWED", StepStatus::NotReviewed),
            ("Passed", StepStatus::Passed),
            ("FAILED", StepStatus::Failed),
        ] {
            assert_eq!(StepStatus::parse(wire), status, "{wire}");
        }
    }

    /// A step answers one `amlMatch`, a list `amlMatches` (World-Check's grouped steps), or
    /// both; `matches` gives each match once, whichever shape came.
    #[test]
    fn step_details_take_one_match_or_several() {
        let one: StepDetails = serde_json::from_value(serde_json::json!({
            "caseStepId": 5, "type": "Aml",
            "amlMatch": {"caseStepId": 5, "matchId": "WC-1", "isExcluded": true}
        }))
        .unwrap();
        let ids = |d: &StepDetails| {
            d.matches()
                .map(|m| m.match_id.clone().unwrap_or_default())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&one), ["WC-1"]);
        let several: StepDetails = serde_json::from_value(serde_json::json!({
            "caseStepId": "5", "type": "Aml",
            "amlMatches": [{"matchId": "WC-1"}, {"matchId": "WC-2"}]
        }))
        .unwrap();
        assert_eq!(ids(&several), ["WC-1", "WC-2"]);
        let both: StepDetails = serde_json::from_value(serde_json::json!({
            "caseStepId": 5,
            "amlMatch": {"matchId": "WC-1"},
            "amlMatches": [{"matchId": "WC-1"}, {"matchId": "WC-2"}]
        }))
        .unwrap();
        assert_eq!(ids(&both), ["WC-1", "WC-2"]);
        let none: StepDetails = serde_json::from_value(serde_json::json!({})).unwrap();
        assert_eq!(none.matches().count(), 0);
    }
}
