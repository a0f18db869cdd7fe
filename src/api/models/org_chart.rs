//! The org chart: one recursive node per entity or person.

use super::Extra;
use crate::api::flex::{self, Id};
use serde::{Deserialize, Serialize};

/// A node of `GET /v2/Companies/{id}/org-chart`. The root is the case's company. A corporate
/// shareholder carries its own `shareholders`; the same entity can appear under several parents.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct OrgNode {
    #[serde(deserialize_with = "flex::opt_string")]
    pub name: Option<String>,
    /// "UltimateBeneficialOwner", "Director", "Secretary", "Shareholder",
    /// "PersonWithSignificantControl", …
    #[serde(deserialize_with = "flex::opt_string")]
    pub role: Option<String>,
    /// [I] "Individual" or "Company".
    #[serde(deserialize_with = "flex::opt_string")]
    pub entity_type: Option<String>,
    /// Direct holding in the parent, in percent.
    #[serde(deserialize_with = "flex::opt_f64")]
    pub shares: Option<f64>,
    /// The API's figure for the holding in the root company, in percent.
    #[serde(deserialize_with = "flex::opt_f64")]
    pub effective_percentage: Option<f64>,
    #[serde(deserialize_with = "flex::opt_id")]
    pub case_common_id: Option<Id>,
    #[serde(deserialize_with = "flex::opt_id")]
    pub case_step_id: Option<Id>,
    #[serde(deserialize_with = "flex::opt_id")]
    pub case_link_id: Option<Id>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub jurisdiction_id: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub nationality_id: Option<String>,
    #[serde(deserialize_with = "flex::bool")]
    pub is_general_partner: bool,
    pub validation: Option<serde_json::Value>,
    #[serde(rename = "isUnresolvedAML", deserialize_with = "flex::bool")]
    pub is_unresolved_aml: bool,
    #[serde(rename = "isUpdatedAML", deserialize_with = "flex::bool")]
    pub is_updated_aml: bool,
    #[serde(deserialize_with = "flex::vec")]
    pub officers: Vec<OrgNode>,
    #[serde(deserialize_with = "flex::vec")]
    pub shareholders: Vec<OrgNode>,
    #[serde(deserialize_with = "flex::vec")]
    pub others: Vec<OrgNode>,
    #[serde(deserialize_with = "flex::vec")]
    pub joint_shareholder_members: Vec<OrgNode>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl OrgNode {
    /// Whether the node is a company (by `entityType`, or by having holders of its own).
    pub fn is_company(&self) -> bool {
        match self.entity_type.as_deref() {
            Some(t) => t.eq_ignore_ascii_case("company") || t.eq_ignore_ascii_case("entity"),
            None => !self.shareholders.is_empty() || !self.officers.is_empty(),
        }
    }
}
