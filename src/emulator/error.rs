//! Every error the emulator answers with, in the guide's section 6.0 shape, so the client's error
//! handling is exercised against the real body and never against axum's plain-text rejections.

use crate::api::{ApiErrorItem, ErrorBody, Extra};
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// An error answer: a status and a description naming the problem.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub description: String,
}

impl ApiError {
    pub fn new(status: StatusCode, description: impl Into<String>) -> Self {
        ApiError {
            status,
            description: description.into(),
        }
    }

    pub fn bad_request(description: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, description)
    }

    pub fn not_found(description: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, description)
    }

    pub fn unauthorized(description: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, description)
    }

    /// The guide's fixed 500 body: what the gateway says when anything unexpected happened.
    pub fn internal() -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "Internal Error")
    }

    /// The body. The guide puts a title in `message` and the detail in `apiErrors`; a console
    /// shows `message` first, so it carries the detail too, except for the fixed 500 body.
    pub fn body(&self) -> ErrorBody {
        let message = if self.status == StatusCode::INTERNAL_SERVER_ERROR {
            "Api Error".to_owned()
        } else {
            self.description.clone()
        };
        ErrorBody {
            status_code: i64::from(self.status.as_u16()),
            message: Some(message),
            api_errors: vec![ApiErrorItem {
                description: Some(self.description.clone()),
                time_stamp: Some(error_timestamp()),
            }],
            extra: Extra::new(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(self.body())).into_response()
    }
}

/// `dd/mm/yyyy hh:mm:ss`, as in the guide's error bodies.
fn error_timestamp() -> String {
    chrono::Utc::now().format("%d/%m/%Y %H:%M:%S").to_string()
}

pub type ApiResult<T> = Result<T, ApiError>;
