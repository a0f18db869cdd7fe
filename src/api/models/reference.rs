//! Reference data: jurisdictions, company types, the API version.

use super::Extra;
use crate::api::flex::{self, Id};
use serde::{Deserialize, Serialize};

/// `GET /v2/Jurisdictions`: `{"jurisdictions": {"jurisdiction": […]}}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct JurisdictionsEnvelope {
    pub jurisdictions: JurisdictionList,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct JurisdictionList {
    #[serde(deserialize_with = "flex::vec")]
    pub jurisdiction: Vec<Jurisdiction>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Jurisdiction {
    #[serde(deserialize_with = "flex::opt_string")]
    pub name: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub codeiso31662: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub area: Option<String>,
    /// Whether the registry is searched live (create from a search result).
    #[serde(deserialize_with = "flex::bool")]
    pub isautomated: bool,
    #[serde(rename = "dataSources", deserialize_with = "flex::vec")]
    pub data_sources: Vec<serde_json::Value>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// `GET /v2/CompanyTypes`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CompanyType {
    #[serde(deserialize_with = "flex::id")]
    pub company_type_id: Id,
    #[serde(deserialize_with = "flex::opt_string")]
    pub name: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub codeiso31662: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// `GET /v2/Version`: shape unconfirmed; whatever comes is kept.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct VersionInfo {
    #[serde(deserialize_with = "flex::opt_string")]
    pub version: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}
