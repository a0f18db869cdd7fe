//! The one request path every operation goes through:
//! build → bearer token → send → map the status → decode, naming the operation on every error.
//!
//! Retries happen here and only here: a 401 renews the token once and repeats the request
//! once (the server did not act on it); transient failures (connection errors, a connection
//! dropped or a body cut off before the answer was whole, 429, 502, 503, 504) are repeated with
//! exponential back-off and full jitter, but only for requests that are safe to repeat, or
//! when it was the token request that failed (the call itself never left).

use super::client::Client;
use super::error::{ApiError, ErrorKind};
use super::models::Download;
use super::secret::Secret;
use reqwest::header::{CONTENT_DISPOSITION, CONTENT_TYPE, HeaderMap, RETRY_AFTER};
use reqwest::{Method, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::time::Duration;

/// Longest wait a `Retry-After` header can impose before a retry.
const RETRY_AFTER_CAP: Duration = Duration::from_secs(30);
/// Longest back-off step.
const BACKOFF_CAP: Duration = Duration::from_secs(8);

/// One request, described so it can be sent again.
pub(crate) struct Call {
    op: &'static str,
    method: Method,
    path: String,
    query: Vec<(&'static str, String)>,
    body: Body,
    idempotent: bool,
    slow: bool,
}

enum Body {
    Empty,
    Json(Vec<u8>),
    Multipart(Vec<(&'static str, Field)>),
}

/// One multipart field; the form is rebuilt for every attempt.
pub(crate) enum Field {
    Text(String),
    File {
        file_name: String,
        content_type: String,
        bytes: Vec<u8>,
    },
}

impl Call {
    fn new(op: &'static str, method: Method, path: String) -> Call {
        debug_assert!(
            op.starts_with(method.as_str()),
            "{op} is not a {method} operation"
        );
        debug_assert!(
            super::ops::is_known(op),
            "{op} is missing from operation_table()"
        );
        let idempotent = matches!(method, Method::GET | Method::PUT | Method::DELETE);
        Call {
            op,
            method,
            path,
            query: Vec::new(),
            body: Body::Empty,
            idempotent,
            slow: false,
        }
    }

    pub(crate) fn get(op: &'static str, path: String) -> Call {
        Call::new(op, Method::GET, path)
    }
    pub(crate) fn post(op: &'static str, path: String) -> Call {
        Call::new(op, Method::POST, path)
    }
    pub(crate) fn put(op: &'static str, path: String) -> Call {
        Call::new(op, Method::PUT, path)
    }
    pub(crate) fn patch(op: &'static str, path: String) -> Call {
        Call::new(op, Method::PATCH, path)
    }
    pub(crate) fn delete(op: &'static str, path: String) -> Call {
        Call::new(op, Method::DELETE, path)
    }

    pub(crate) fn json<B: Serialize + ?Sized>(mut self, body: &B) -> Result<Call, ApiError> {
        let bytes = serde_json::to_vec(body).map_err(|e| {
            ApiError::new(
                self.op,
                ErrorKind::Io {
                    cause: format!("the request body cannot be written: {e}"),
                },
            )
        })?;
        self.body = Body::Json(bytes);
        Ok(self)
    }

    pub(crate) fn multipart(mut self, fields: Vec<(&'static str, Field)>) -> Call {
        self.body = Body::Multipart(fields);
        self
    }

    pub(crate) fn query(mut self, name: &'static str, value: impl ToString) -> Call {
        self.query.push((name, value.to_string()));
        self
    }

    /// A POST that only reads (`lm-cases`, `User/list`): safe to repeat.
    pub(crate) fn read_only(mut self) -> Call {
        self.idempotent = true;
        self
    }

    /// A registry search: gets the long time limit.
    pub(crate) fn slow(mut self) -> Call {
        self.slow = true;
        self
    }
}

impl Client {
    /// Send `call` and decode its JSON answer.
    pub(crate) async fn fetch_json<T: DeserializeOwned>(&self, call: Call) -> Result<T, ApiError> {
        Ok(self.fetch_json_with_headers(call).await?.0)
    }

    /// Like [`Client::fetch_json`], also returning the response headers.
    pub(crate) async fn fetch_json_with_headers<T: DeserializeOwned>(
        &self,
        call: Call,
    ) -> Result<(T, HeaderMap), ApiError> {
        let (headers, body) = self.execute_whole(&call).await?;
        Ok((decode_json(call.op, &body)?, headers))
    }

    /// Send `call`, expecting no body of interest (204).
    pub(crate) async fn fetch_empty(&self, call: Call) -> Result<(), ApiError> {
        self.execute_whole(&call).await.map(drop)
    }

    /// Send `call` and keep the body as a file.
    pub(crate) async fn fetch_download(&self, call: Call) -> Result<Download, ApiError> {
        let (headers, bytes) = self.execute_whole(&call).await?;
        let header = |name| {
            headers
                .get(name)
                .and_then(|v: &reqwest::header::HeaderValue| v.to_str().ok())
                .map(str::to_owned)
        };
        let content_type = header(CONTENT_TYPE);
        let file_name = header(CONTENT_DISPOSITION)
            .as_deref()
            .and_then(disposition_file_name);
        Ok(Download {
            content_type,
            file_name,
            bytes,
        })
    }

    fn timeout_of(&self, call: &Call) -> Duration {
        if call.slow {
            self.inner.search_timeout
        } else {
            self.inner.request_timeout
        }
    }

    fn transport_error(&self, call: &Call, err: &reqwest::Error) -> ApiError {
        ApiError::from_reqwest(
            call.op,
            err,
            self.inner.connect_timeout,
            self.timeout_of(call),
        )
    }

    /// Send with [`Client::execute`] and read the whole body. A body cut off half-way is a
    /// network failure like a dropped connection: a call that is safe to repeat is sent again
    /// (with the same back-off); for any other the caller must read back (`is_outcome_unknown`).
    async fn execute_whole(&self, call: &Call) -> Result<(HeaderMap, Vec<u8>), ApiError> {
        let mut attempt: u32 = 0;
        loop {
            let response = self.execute(call).await?;
            let headers = response.headers().clone();
            match self.read_body(call, response).await {
                Ok(body) => return Ok((headers, body)),
                Err(e)
                    if call.idempotent
                        && attempt < self.inner.retries
                        && matches!(e.kind, ErrorKind::Io { .. }) =>
                {
                    tokio::time::sleep(self.backoff(attempt, None)).await;
                    attempt += 1;
                }
                Err(e) => return Err(e),
            }
        }
    }

    async fn read_body(&self, call: &Call, response: Response) -> Result<Vec<u8>, ApiError> {
        response
            .bytes()
            .await
            .map(|b| b.to_vec())
            .map_err(|e| self.transport_error(call, &e))
    }

    /// Send with token handling and retries; a successful status or an [`ApiError`].
    async fn execute(&self, call: &Call) -> Result<Response, ApiError> {
        let mut renewed = false;
        let mut attempt: u32 = 0;
        loop {
            let err = match self.inner.auth.bearer().await {
                // Nothing of `call` has been sent yet, so even a POST may wait and try again.
                Err(err) => err,
                Ok(token) => match self.send_once(call, &token).await {
                    Ok(response) => return Ok(response),
                    // The server refused the token, not the request: renew once, send once more.
                    Err(err) if err.status == Some(401) && !renewed => {
                        self.inner.auth.invalidate(&token).await;
                        renewed = true;
                        continue;
                    }
                    Err(err) if !call.idempotent => return Err(err),
                    Err(err) => err,
                },
            };
            if attempt < self.inner.retries && transient(&err) {
                tokio::time::sleep(self.backoff(attempt, err.retry_after)).await;
                attempt += 1;
                continue;
            }
            return Err(err);
        }
    }

    /// Full jitter: a random wait up to `base * 2^attempt` (capped), or what the server asked.
    fn backoff(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        if let Some(wait) = retry_after {
            return wait.min(RETRY_AFTER_CAP);
        }
        let ceiling = self
            .inner
            .backoff_base
            .saturating_mul(1u32 << attempt.min(16))
            .min(BACKOFF_CAP);
        let millis = u64::try_from(ceiling.as_millis()).unwrap_or(u64::MAX);
        Duration::from_millis(fastrand::u64(0..=millis))
    }

    async fn send_once(&self, call: &Call, token: &Secret) -> Result<Response, ApiError> {
        let timeout = self.timeout_of(call);
        let url = format!("{}{}", self.inner.base, call.path);
        let mut request = self
            .inner
            .http
            .request(call.method.clone(), url)
            .bearer_auth(token.expose())
            .timeout(timeout);
        if !call.query.is_empty() {
            request = request.query(&call.query);
        }
        request = match &call.body {
            Body::Empty => request,
            Body::Json(bytes) => request
                .header(CONTENT_TYPE, "application/json")
                .body(bytes.clone()),
            Body::Multipart(fields) => request.multipart(build_form(call.op, fields)?),
        };
        let response = request
            .send()
            .await
            .map_err(|e| self.transport_error(call, &e))?;
        let status = response.status();
        if status.is_success() {
            return Ok(response);
        }
        let retry_after = response
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        // An error body that cannot be read is treated as no body.
        let body = response
            .bytes()
            .await
            .map(|b| b.to_vec())
            .unwrap_or_default();
        Err(ApiError::from_status(call.op, status, &body, retry_after))
    }
}

/// Failures worth repeating unchanged: nothing reached the server, or it asked to come back, or
/// (for requests safe to repeat, the only ones `execute` repeats) the connection dropped.
fn transient(err: &ApiError) -> bool {
    match err.kind {
        ErrorKind::Connect { .. } | ErrorKind::Dropped { .. } | ErrorKind::GatewayTimeout => true,
        ErrorKind::Timeout { sent, .. } => !sent,
        ErrorKind::Http => matches!(err.status, Some(429 | 502 | 503 | 504)),
        _ => false,
    }
}

fn build_form(
    op: &'static str,
    fields: &[(&'static str, Field)],
) -> Result<reqwest::multipart::Form, ApiError> {
    let mut form = reqwest::multipart::Form::new();
    for (name, field) in fields {
        form = match field {
            Field::Text(text) => form.text(*name, text.clone()),
            Field::File {
                file_name,
                content_type,
                bytes,
            } => {
                let part = reqwest::multipart::Part::bytes(bytes.clone())
                    .file_name(file_name.clone())
                    .mime_str(content_type)
                    .map_err(|_| {
                        ApiError::new(
                            op,
                            ErrorKind::Config {
                                problem: format!("{content_type:?} is not a content type"),
                            },
                        )
                    })?;
                form.part(*name, part)
            }
        };
    }
    Ok(form)
}

/// Decode a JSON body; errors name the operation and where in the body the shape broke.
pub(crate) fn decode_json<T: DeserializeOwned>(
    op: &'static str,
    body: &[u8],
) -> Result<T, ApiError> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut de)
        .map_err(|e| ApiError::decode(op, &e, body, true))?;
    Ok(value)
}

/// The file name of `Content-Disposition`: `filename*=UTF-8''…` (percent-decoded) wins over
/// `filename="…"`. Only the last path segment is kept, so a name can never point elsewhere.
fn disposition_file_name(header: &str) -> Option<String> {
    let mut plain = None;
    let mut extended = None;
    for param in header.split(';').map(str::trim) {
        let Some((key, value)) = param.split_once('=') else {
            continue;
        };
        let value = value.trim();
        match key.trim().to_ascii_lowercase().as_str() {
            "filename*" => {
                let encoded = value.rsplit('\'').next().unwrap_or(value);
                extended = percent_encoding::percent_decode_str(encoded)
                    .decode_utf8()
                    .ok()
                    .map(|s| s.into_owned());
            }
            "filename" => plain = Some(value.trim_matches('"').to_owned()),
            _ => {}
        }
    }
    let name = extended.or(plain)?;
    let base = name.rsplit(['/', '\\']).next().unwrap_or(&name).trim();
    (!base.is_empty() && base != "." && base != "..").then(|| base.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disposition_names() {
        assert_eq!(
            disposition_file_name(r#"attachment; filename="report 1.pdf""#).as_deref(),
            Some("report 1.pdf")
        );
        assert_eq!(
            disposition_file_name(
                "attachment; filename=a.pdf; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf"
            )
            .as_deref(),
            Some("résumé.pdf")
        );
        assert_eq!(
            disposition_file_name(r#"attachment; filename="../../etc/passwd""#).as_deref(),
            Some("passwd")
        );
        assert_eq!(disposition_file_name("inline"), None);
    }
}
