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

/// What a node is, as far as the data the real API sends can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    Company,
    Person,
    /// Nothing in the node says: the caller decides from where it stands (a repeat of an
    /// ancestor, a holding in the ownership graph).
    Unknown,
}

/// Roles only a natural person holds.
const PERSON_ROLES: &[&str] = &[
    "ultimatebeneficialowner",
    "beneficialowner",
    "associatedindividual",
];

/// Roles only a company holds.
const COMPANY_ROLES: &[&str] = &[
    "associatedcompany",
    "corporatedirector",
    "corporatesecretary",
    "corporateshareholder",
    "parentcompany",
    "subsidiary",
];

impl OrgNode {
    /// The node's kind. No confirmed node shape carries a company/person flag (`entityType` is
    /// our invention, so it is not read); in the sandbox's answers a company carries
    /// `jurisdictionId` and a person `nationalityId`, and some roles tell the rest. Having no
    /// children proves nothing: the API cuts an ownership loop by repeating the company bare.
    pub fn kind(&self) -> NodeKind {
        let has = |v: &Option<String>| v.as_deref().is_some_and(|s| !s.trim().is_empty());
        if has(&self.jurisdiction_id) {
            return NodeKind::Company;
        }
        if has(&self.nationality_id) {
            return NodeKind::Person;
        }
        let role = self
            .role
            .as_deref()
            .unwrap_or("")
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if PERSON_ROLES.contains(&role.as_str()) {
            NodeKind::Person
        } else if COMPANY_ROLES.contains(&role.as_str()) {
            NodeKind::Company
        } else {
            NodeKind::Unknown
        }
    }

    /// Whether the node says it is a company (see [`OrgNode::kind`]).
    pub fn is_company(&self) -> bool {
        self.kind() == NodeKind::Company
    }
}
