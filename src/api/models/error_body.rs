use super::Extra;
use serde::{Deserialize, Serialize};

/// The guide's error body (section 6.0), sent with 400, 404 and 500.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ErrorBody {
    #[serde(deserialize_with = "crate::api::flex::id")]
    pub status_code: i64,
    #[serde(deserialize_with = "crate::api::flex::opt_string")]
    pub message: Option<String>,
    #[serde(deserialize_with = "crate::api::flex::vec")]
    pub api_errors: Vec<ApiErrorItem>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// One entry of `apiErrors`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ApiErrorItem {
    #[serde(deserialize_with = "crate::api::flex::opt_string")]
    pub description: Option<String>,
    /// `dd/mm/yyyy hh:mm:ss`
    #[serde(deserialize_with = "crate::api::flex::opt_string")]
    pub time_stamp: Option<String>,
}
