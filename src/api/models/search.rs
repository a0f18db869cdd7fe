use super::Extra;
use crate::api::flex::{self, Id};
use serde::{Deserialize, Serialize};

/// `POST /v2/Companies/search`: `{"query": "insight", "codeiso31662": "GI"}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchRequest {
    pub query: String,
    pub codeiso31662: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SearchResponse {
    pub company_search: SearchResults,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchResults {
    #[serde(deserialize_with = "flex::vec")]
    pub results: Vec<SearchResult>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A registry hit: use `name` (exactly) and `registrationNumber` to create the case.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SearchResult {
    #[serde(deserialize_with = "flex::opt_string")]
    pub name: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub rawname: Option<String>,
    #[serde(rename = "type", deserialize_with = "flex::opt_string")]
    pub company_type: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub external_code: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub registration_number: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub company_status: Option<String>,
    /// Set when a case already exists for this entity.
    #[serde(deserialize_with = "flex::opt_id")]
    pub case_common_id: Option<Id>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub data_source: Option<String>,
    #[serde(rename = "countryCodeISO31662", deserialize_with = "flex::opt_string")]
    pub country_code: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub raw_address: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub city: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub zip: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub street: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}
