//! Users and case assignment.

use crate::api::client::Client;
use crate::api::error::ApiError;
use crate::api::flex::Id;
use crate::api::models::{CaseCommon, User, UserListRequest};
use crate::api::transport::Call;

impl Client {
    /// A read-only POST, so it is retried like a GET.
    pub async fn list_users(&self, request: &UserListRequest) -> Result<Vec<User>, ApiError> {
        let call = Call::post("POST /v2/User/list", "/v2/User/list".to_owned())
            .json(request)?
            .read_only();
        self.fetch_json(call).await
    }

    /// Assign case `id` to `user_id`; answers the case's `common`.
    pub async fn assign_user(&self, id: Id, user_id: Id) -> Result<CaseCommon, ApiError> {
        let call = Call::put(
            "PUT /v2/AssignUser/{id}/assign/{userId}",
            format!("/v2/AssignUser/{id}/assign/{user_id}"),
        );
        self.fetch_json(call).await
    }
}
