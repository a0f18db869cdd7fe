use super::Extra;
use crate::api::flex::{self, Id};
use serde::{Deserialize, Serialize};

/// `POST /v2/User/list`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserListRequest {
    pub page_number: u32,
    pub page_size: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search: Option<String>,
}

impl Default for UserListRequest {
    fn default() -> Self {
        UserListRequest {
            page_number: 1,
            page_size: 100,
            search: None,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct User {
    #[serde(deserialize_with = "flex::id")]
    pub user_id: Id,
    #[serde(deserialize_with = "flex::opt_string")]
    pub user_name: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub email: Option<String>,
    #[serde(deserialize_with = "flex::bool")]
    pub is_active: bool,
    #[serde(flatten)]
    pub extra: Extra,
}
