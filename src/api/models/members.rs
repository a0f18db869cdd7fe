use super::Extra;
use crate::api::flex::{self, Id};
use serde::{Deserialize, Serialize};

/// `GET /v2/Companies/{id}/members`, in the API's four groups.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Members {
    #[serde(deserialize_with = "flex::vec")]
    pub controlling_entities_and_individuals: Vec<MemberEntry>,
    #[serde(deserialize_with = "flex::vec")]
    pub shareholders_and_beneficial_owners: Vec<MemberEntry>,
    #[serde(deserialize_with = "flex::vec")]
    pub ultimate_beneficial_owners: Vec<MemberEntry>,
    #[serde(deserialize_with = "flex::vec")]
    pub persons_with_significant_control: Vec<MemberEntry>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Members {
    /// The groups with the titles a reviewer reads.
    pub fn groups(&self) -> [(&'static str, &[MemberEntry]); 4] {
        [
            (
                "Controlling entities and individuals",
                &self.controlling_entities_and_individuals,
            ),
            (
                "Shareholders and beneficial owners",
                &self.shareholders_and_beneficial_owners,
            ),
            (
                "Ultimate beneficial owners",
                &self.ultimate_beneficial_owners,
            ),
            (
                "Persons with significant control",
                &self.persons_with_significant_control,
            ),
        ]
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MemberEntry {
    #[serde(deserialize_with = "flex::opt_string")]
    pub role: Option<String>,
    /// "Individual" or "Company".
    #[serde(deserialize_with = "flex::opt_string")]
    pub member_type: Option<String>,
    #[serde(deserialize_with = "flex::opt_id")]
    pub case_step_id: Option<Id>,
    #[serde(deserialize_with = "flex::opt_f64")]
    pub percentage: Option<f64>,
    #[serde(deserialize_with = "flex::opt_f64")]
    pub shares: Option<f64>,
    #[serde(rename = "isKYCed", deserialize_with = "flex::bool")]
    pub is_kyced: bool,
    #[serde(rename = "isCaseAMLPositive", deserialize_with = "flex::bool")]
    pub is_case_aml_positive: bool,
    pub member: MemberInfo,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A member: a company (`entityName` or `name`) or a person (`firstName` + `lastName`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MemberInfo {
    #[serde(
        deserialize_with = "flex::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub name: Option<String>,
    #[serde(
        deserialize_with = "flex::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub first_name: Option<String>,
    #[serde(
        deserialize_with = "flex::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_name: Option<String>,
    #[serde(
        deserialize_with = "flex::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub entity_name: Option<String>,
    #[serde(deserialize_with = "flex::opt_id")]
    pub case_common_id: Option<Id>,
    #[serde(rename = "codeISO31662", deserialize_with = "flex::opt_string")]
    pub code_iso31662: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub nationality: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub address: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl MemberInfo {
    pub fn display_name(&self) -> String {
        if let Some(n) = self.entity_name.as_deref().or(self.name.as_deref()) {
            return n.to_owned();
        }
        super::case::join_name(self.first_name.as_deref(), self.last_name.as_deref())
    }
}
