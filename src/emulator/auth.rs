//! `POST /connect/token` (client credentials, as a form or HTTP Basic) and the bearer check in
//! front of every `/v2` route.

use super::error::{ApiError, ApiResult};
use super::state::{AppState, Caller, IssuedToken};
use axum::Json;
use axum::extract::{FromRequest, Request, State};
use axum::http::HeaderMap;
use axum::http::header::AUTHORIZATION;
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The token answer: the contract's `{"access_token","token_type","expires_in","scope"}`.
#[derive(Debug, Serialize, Deserialize)]
pub struct TokenResponse {
    pub access_token: String,
    pub token_type: String,
    pub expires_in: u64,
    pub scope: String,
}

const SCOPE: &str = "PublicApi";

pub async fn token(State(st): State<AppState>, req: Request) -> ApiResult<Json<TokenResponse>> {
    let basic = basic_credentials(req.headers())?;
    let axum::Form(form) = axum::Form::<HashMap<String, String>>::from_request(req, &())
        .await
        .map_err(|e| ApiError::bad_request(format!("Invalid token request: {}", e.body_text())))?;
    match form.get("grant_type").map(String::as_str) {
        Some("client_credentials") => {}
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "unsupported grant_type {other:?}: only client_credentials is supported"
            )));
        }
        None => return Err(ApiError::bad_request("grant_type is required")),
    }
    for key in ["scope", "audience"] {
        if let Some(v) = form.get(key)
            && !v.split_whitespace().any(|s| s == SCOPE)
        {
            return Err(ApiError::bad_request(format!(
                "invalid {key} {v:?}: the only scope is {SCOPE}"
            )));
        }
    }
    let (id, secret) = match basic {
        Some(pair) => pair,
        None => (
            form.get("client_id").cloned().unwrap_or_default(),
            form.get("client_secret").cloned().unwrap_or_default(),
        ),
    };
    if id != st.config.client_id || secret != st.config.client_secret {
        return Err(ApiError::unauthorized("invalid client credentials"));
    }
    let access_token: String = std::iter::repeat_with(fastrand::alphanumeric)
        .take(40)
        .collect();
    let now = st.config.clock.now();
    let mut tokens = st.tokens();
    tokens.retain(|_, t| t.expires > now);
    tokens.insert(
        access_token.clone(),
        IssuedToken {
            client_id: id,
            expires: now + st.config.token_ttl,
        },
    );
    Ok(Json(TokenResponse {
        access_token,
        token_type: "Bearer".into(),
        expires_in: st.config.token_ttl.as_secs(),
        scope: SCOPE.into(),
    }))
}

/// `Authorization: Basic base64(id:secret)` with ISO-8859-1 text, as the guide's example builds it.
fn basic_credentials(headers: &HeaderMap) -> ApiResult<Option<(String, String)>> {
    let Some(value) = headers.get(AUTHORIZATION) else {
        return Ok(None);
    };
    let Some(encoded) = value.to_str().ok().and_then(|v| v.strip_prefix("Basic ")) else {
        return Ok(None);
    };
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .map_err(|_| ApiError::unauthorized("malformed Basic authorization header"))?;
    // ISO-8859-1: every byte is the code point of the same value.
    let text: String = bytes.iter().map(|&b| char::from(b)).collect();
    let (id, secret) = text
        .split_once(':')
        .ok_or_else(|| ApiError::unauthorized("malformed Basic authorization header"))?;
    Ok(Some((id.to_owned(), secret.to_owned())))
}

/// Rejects a missing, unknown or expired bearer token with 401; otherwise records the caller.
pub async fn require_bearer(
    State(st): State<AppState>,
    mut req: Request,
    next: Next,
) -> Result<Response, ApiError> {
    let token = req
        .headers()
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .ok_or_else(|| ApiError::unauthorized("missing bearer token"))?;
    let caller = {
        let now = st.config.clock.now();
        let mut tokens = st.tokens();
        match tokens.get(token) {
            Some(t) if t.expires > now => t.client_id.clone(),
            Some(_) => {
                tokens.remove(token);
                return Err(ApiError::unauthorized("the bearer token has expired"));
            }
            None => return Err(ApiError::unauthorized("unknown bearer token")),
        }
    };
    req.extensions_mut().insert(Caller(caller));
    Ok(next.run(req).await)
}
