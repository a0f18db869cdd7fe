use super::Extra;
use crate::api::flex::{self, Id};
use serde::{Deserialize, Serialize};

/// One line of a case's audit trail (newest first).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AuditEntry {
    #[serde(deserialize_with = "flex::id")]
    pub audit_id: Id,
    #[serde(deserialize_with = "flex::opt_string")]
    pub time_stamp: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub user_name: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub action: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub step_name: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub details: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}
