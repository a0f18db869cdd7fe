//! Live monitoring: the alert inbox, alert details with their changes, actions, review dates.

use super::Extra;
use crate::api::flex::{self, Id};
use serde::{Deserialize, Serialize};

/// `POST …/lm-cases`: every filter is optional; none means every case with alerts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LmCasesRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_common_id: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee_id: Option<Id>,
    /// "All", "CaseDetailsReview", "ExpiredDocuments", "ManualReview", "Aml".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alert_type: Option<String>,
    /// "New", "Updated".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aml_alert_types: Option<Vec<String>>,
    /// "All", "Entity", "Individual".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_type: Option<String>,
    /// "All", "Root", "Sub".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_level: Option<String>,
    /// "All", "Open", "Closed".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_number: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_size: Option<u32>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LmCases {
    #[serde(deserialize_with = "flex::id")]
    pub item_count: i64,
    #[serde(deserialize_with = "flex::vec")]
    pub items: Vec<LmCase>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A case with active alerts and its four counts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LmCase {
    #[serde(deserialize_with = "flex::id")]
    pub case_common_id: Id,
    #[serde(deserialize_with = "flex::opt_string")]
    pub name: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub case_number: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub address: Option<String>,
    /// "Entity" or "Individual".
    #[serde(deserialize_with = "flex::opt_string")]
    pub case_type: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub jurisdiction: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub case_status: Option<String>,
    #[serde(deserialize_with = "flex::id")]
    pub review_alert_count: i64,
    #[serde(deserialize_with = "flex::id")]
    pub expired_documents_alert_count: i64,
    #[serde(deserialize_with = "flex::id")]
    pub manual_review_alert_count: i64,
    #[serde(deserialize_with = "flex::id")]
    pub aml_alert_count: i64,
    #[serde(flatten)]
    pub extra: Extra,
}

impl LmCase {
    pub fn total_alerts(&self) -> i64 {
        self.review_alert_count
            + self.expired_documents_alert_count
            + self.manual_review_alert_count
            + self.aml_alert_count
    }
}

/// `GET …/lm-alerts`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LmAlerts {
    #[serde(deserialize_with = "flex::opt_string")]
    pub name: Option<String>,
    #[serde(deserialize_with = "flex::id")]
    pub case_id: Id,
    #[serde(deserialize_with = "flex::opt_string")]
    pub case_number: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub address: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub case_type: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub jurisdiction: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub case_status: Option<String>,
    #[serde(deserialize_with = "flex::vec")]
    pub alerts: Vec<Alert>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// The four alert types of live monitoring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AlertType {
    CaseDetailsReview,
    ExpiredDocuments,
    ManualReview,
    Aml,
}

impl AlertType {
    pub const ALL: [AlertType; 4] = [
        AlertType::CaseDetailsReview,
        AlertType::ExpiredDocuments,
        AlertType::ManualReview,
        AlertType::Aml,
    ];

    pub fn parse(s: &str) -> Option<AlertType> {
        let n: String = s
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        match n.as_str() {
            "casedetailsreview" | "review" | "casedetails" => Some(AlertType::CaseDetailsReview),
            "expireddocuments" | "expireddocument" | "expiration" | "poiexpiration" => {
                Some(AlertType::ExpiredDocuments)
            }
            "manualreview" | "manualcasereview" => Some(AlertType::ManualReview),
            "aml" | "amlalert" | "newupdatedamlmatch" => Some(AlertType::Aml),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            AlertType::CaseDetailsReview => "CaseDetailsReview",
            AlertType::ExpiredDocuments => "ExpiredDocuments",
            AlertType::ManualReview => "ManualReview",
            AlertType::Aml => "Aml",
        }
    }

    /// The actions the guide's table (3.8.3) allows for this alert type.
    pub fn allowed_actions(self) -> &'static [AlertAction] {
        match self {
            AlertType::CaseDetailsReview => &[AlertAction::Apply, AlertAction::Exclude],
            AlertType::ManualReview => &[AlertAction::Apply],
            AlertType::Aml => &[AlertAction::Apply, AlertAction::Dismiss],
            AlertType::ExpiredDocuments => &[AlertAction::Dismiss],
        }
    }
}

/// The three alert actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AlertAction {
    Apply,
    Exclude,
    Dismiss,
}

impl AlertAction {
    pub fn as_str(self) -> &'static str {
        match self {
            AlertAction::Apply => "Apply",
            AlertAction::Exclude => "Exclude",
            AlertAction::Dismiss => "Dismiss",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Alert {
    #[serde(deserialize_with = "flex::id")]
    pub alert_id: Id,
    #[serde(deserialize_with = "flex::opt_string")]
    pub alert_type: Option<String>,
    #[serde(deserialize_with = "flex::opt_id")]
    pub case_step_id: Option<Id>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub created_on: Option<String>,
    #[serde(deserialize_with = "flex::vec")]
    pub changes: Vec<Change>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Alert {
    pub fn kind(&self) -> Option<AlertType> {
        self.alert_type.as_deref().and_then(AlertType::parse)
    }
}

/// One change of an alert: `changeId` plus exactly one of the optional parts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Change {
    #[serde(deserialize_with = "flex::id")]
    pub change_id: Id,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub property: Option<PropertyChange>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub officer: Option<OfficerChange>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shareholder: Option<ShareholderChange>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person_with_significant_control: Option<PscChange>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_document: Option<DocumentName>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated_document: Option<DocumentName>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub removed_document: Option<DocumentName>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aml_alert: Option<AmlAlert>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiration_alert: Option<ExpirationAlert>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PropertyChange {
    #[serde(deserialize_with = "flex::opt_string")]
    pub property_name: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub new_value: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub old_value: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct OfficerChange {
    #[serde(deserialize_with = "flex::opt_string")]
    pub name: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub address: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub role: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ShareholderChange {
    #[serde(deserialize_with = "flex::opt_string")]
    pub name: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub address: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub shares_held: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PscChange {
    #[serde(deserialize_with = "flex::opt_string")]
    pub name: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub address: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub nature_of_control: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DocumentName {
    #[serde(deserialize_with = "flex::opt_string")]
    pub name: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AmlAlert {
    #[serde(deserialize_with = "flex::opt_string")]
    pub name: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub aml_match_type: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub country: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub updated_on: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub biography: Option<String>,
    #[serde(deserialize_with = "flex::bool")]
    pub is_new: bool,
    /// [I] The match an updated-match alert is about (`isNew: false`): a match is identified
    /// by its `matchId`, never by its name, which two matches may share.
    #[serde(
        deserialize_with = "flex::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub match_id: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ExpirationAlert {
    /// "Expired document found" or "POI is about to expire".
    #[serde(deserialize_with = "flex::opt_string")]
    pub explanation: Option<String>,
    /// Days until expiry ("Expiration in").
    #[serde(deserialize_with = "flex::opt_string")]
    pub expiration: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub name: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub expiration_date: Option<String>,
}

/// `POST …/lm-alerts-action`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AlertActionRequest {
    pub case_common_id: Id,
    pub alert_id: Id,
    pub action: AlertAction,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_step_id: Option<Id>,
}

/// [I] The answer to an alert action.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AlertActionResult {
    #[serde(deserialize_with = "flex::id")]
    pub alert_id: Id,
    #[serde(deserialize_with = "flex::opt_string")]
    pub action: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub result: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// The review-date choices besides a DD/MM/YYYY date, as the contract spells them.
pub const REVIEW_CHOICES: [&str; 10] = [
    "Do not review",
    "Review now",
    "3 months",
    "6 months",
    "9 months",
    "1 year",
    "2 years",
    "3 years",
    "5 years",
    "10 years",
];

/// `PUT …/review-date`: `{"reviewDate": …}`, answered the same way.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ReviewDate {
    #[serde(deserialize_with = "flex::opt_string")]
    pub review_date: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}
