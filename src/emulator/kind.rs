//! Which half of the API a request is in, read from its path, so one handler serves both
//! `/v2/Companies/…` and `/v2/Individuals/…`.

use super::error::ApiError;
use crate::api::CaseKind;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;

pub struct Kind(pub CaseKind);

impl<S: Send + Sync> FromRequestParts<S> for Kind {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let path = parts.uri.path();
        if path.starts_with("/v2/Companies") {
            Ok(Kind(CaseKind::Company))
        } else if path.starts_with("/v2/Individuals") {
            Ok(Kind(CaseKind::Individual))
        } else {
            Err(ApiError::not_found(format!("no case kind in {path}")))
        }
    }
}
