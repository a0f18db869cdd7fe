//! The one error type of the API client.
//!
//! A reviewer reads these messages on a pane, so each one names the operation, the HTTP status
//! and what the server said, in one line; [`ApiError::details`] lists the rest. Callers decide
//! what to offer (retry, re-authenticate, check before repeating) from [`ErrorKind`],
//! [`ApiError::is_retryable`] and [`ApiError::is_outcome_unknown`].

use super::models::ErrorBody;
use reqwest::StatusCode;
use std::time::Duration;

/// How long a snippet of an undecodable body may be: enough to recognise an HTML error page.
const SNIPPET_CHARS: usize = 160;

/// What went wrong, as far as the caller needs to tell cases apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// The server answered with an error status; `body` holds what it said, if anything.
    Http,
    /// 401, 403 or 410 on an API call: the access token was rejected or has expired.
    Unauthorized,
    /// The token endpoint refused the client id and secret.
    CredentialsRejected,
    /// No answer in time. `sent`: the request had left, so the server may have acted on it.
    Timeout { after: Duration, sent: bool },
    /// DNS failure, connection refused: nothing reached the server.
    Connect { cause: String },
    /// The connection closed after the request was written and before an answer came: the
    /// server may have acted on it.
    Dropped { cause: String },
    /// 504 with no body: the gateway gave up waiting (on a slow registry, or on anything else).
    GatewayTimeout,
    /// The body could not be read as the expected shape.
    Decode(Box<DecodeFailure>),
    /// 409: the case is still being built (report requested too early).
    Building,
    /// The body could not be read or the request could not be written.
    Io { cause: String },
    /// The configuration cannot work (bad URL, a secret that cannot be sent).
    Config { problem: String },
}

/// Where and why a body did not have the expected shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeFailure {
    /// serde's message, e.g. `invalid type: string "x", expected a sequence`.
    pub message: String,
    /// Where in the body, e.g. `caseDetail.details.stepDataSource` (empty at the top level).
    pub path: String,
    pub line: usize,
    pub column: usize,
    /// The start of the body, on one line (empty for bodies that may hold a credential).
    pub snippet: String,
}

/// An error of one API operation.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}", self.summary())]
pub struct ApiError {
    /// The operation as the contract names it, e.g. `GET /v2/Companies/{id}`.
    pub operation: &'static str,
    /// The HTTP status, when the server answered.
    pub status: Option<u16>,
    /// The guide's error body (section 6.0), when the server sent one.
    pub body: Option<Box<ErrorBody>>,
    pub kind: ErrorKind,
    /// From `Retry-After` (seconds), when the server asked to wait.
    pub retry_after: Option<Duration>,
}

impl ApiError {
    pub(crate) fn new(operation: &'static str, kind: ErrorKind) -> ApiError {
        ApiError {
            operation,
            status: None,
            body: None,
            kind,
            retry_after: None,
        }
    }

    /// An error status from an API call, with whatever body came with it.
    pub(crate) fn from_status(
        operation: &'static str,
        status: StatusCode,
        body: &[u8],
        retry_after: Option<Duration>,
    ) -> ApiError {
        let parsed = parse_error_body(body);
        let kind = match status.as_u16() {
            401 | 403 | 410 => ErrorKind::Unauthorized,
            409 => ErrorKind::Building,
            504 if body.iter().all(u8::is_ascii_whitespace) => ErrorKind::GatewayTimeout,
            _ => ErrorKind::Http,
        };
        ApiError {
            operation,
            status: Some(status.as_u16()),
            body: parsed,
            kind,
            retry_after,
        }
    }

    /// A transport failure: no (complete) answer. `connect` and `total` are the limits that
    /// applied, so a timeout can say which one ran out.
    pub(crate) fn from_reqwest(
        operation: &'static str,
        err: &reqwest::Error,
        connect: Duration,
        total: Duration,
    ) -> ApiError {
        let cause = root_cause(err);
        let kind = if err.is_timeout() {
            let sent = !err.is_connect();
            ErrorKind::Timeout {
                after: if sent { total } else { connect },
                sent,
            }
        } else if err.is_connect() {
            ErrorKind::Connect { cause }
        } else if err.is_request() {
            // The connection was up: the request (or part of it) was written. A pooled
            // connection that had closed before anything was written is retried inside hyper
            // and never shows up here.
            ErrorKind::Dropped { cause }
        } else {
            ErrorKind::Io { cause }
        };
        let mut e = ApiError::new(operation, kind);
        e.status = err.status().map(|s| s.as_u16());
        e
    }

    /// A body that is not the expected shape. `keep_snippet` is false for bodies that may hold
    /// a credential (the token response).
    pub(crate) fn decode(
        operation: &'static str,
        err: &serde_path_to_error::Error<serde_json::Error>,
        body: &[u8],
        keep_snippet: bool,
    ) -> ApiError {
        let inner = err.inner();
        let path = err.path().to_string();
        ApiError::new(
            operation,
            ErrorKind::Decode(Box::new(DecodeFailure {
                message: strip_position(&inner.to_string()),
                path: if path == "." { String::new() } else { path },
                line: inner.line(),
                column: inner.column(),
                snippet: if keep_snippet {
                    snippet(body)
                } else {
                    String::new()
                },
            })),
        )
    }

    /// The descriptions of `apiErrors`, each with its timestamp.
    pub fn details(&self) -> Vec<String> {
        let Some(body) = &self.body else {
            return Vec::new();
        };
        body.api_errors
            .iter()
            .filter_map(|item| {
                let d = item.description.as_deref()?.trim();
                if d.is_empty() {
                    return None;
                }
                Some(match item.time_stamp.as_deref() {
                    Some(t) if !t.trim().is_empty() => format!("{d} ({})", t.trim()),
                    _ => d.to_owned(),
                })
            })
            .collect()
    }

    /// Whether trying the same request again later can succeed without changing anything.
    /// For a change that timed out, also ask [`ApiError::is_outcome_unknown`] before repeating.
    pub fn is_retryable(&self) -> bool {
        match &self.kind {
            ErrorKind::Connect { .. }
            | ErrorKind::Dropped { .. }
            | ErrorKind::GatewayTimeout
            | ErrorKind::Building => true,
            ErrorKind::Timeout { .. } => true,
            ErrorKind::Http => matches!(self.status, Some(429 | 502 | 503 | 504)),
            _ => false,
        }
    }

    /// The request left but no (readable) answer came: a change may or may not have been
    /// applied, so read back before sending it again. That is a timeout after sending, a
    /// connection dropped after sending, a 504 (the gateway gave up, the service may have gone
    /// on), a body cut off half-way, and a success whose body cannot be read.
    pub fn is_outcome_unknown(&self) -> bool {
        match &self.kind {
            ErrorKind::Timeout { sent, .. } => *sent,
            ErrorKind::Dropped { .. }
            | ErrorKind::GatewayTimeout
            | ErrorKind::Io { .. }
            | ErrorKind::Decode(_) => true,
            _ => false,
        }
    }

    /// What the server said in one line: the first description, else the message.
    fn server_says(&self) -> Option<String> {
        let body = self.body.as_ref()?;
        let mut described = body
            .api_errors
            .iter()
            .filter_map(|i| i.description.as_deref())
            .map(str::trim)
            .filter(|d| !d.is_empty());
        let first = described.next();
        let more = described.count();
        let message = body
            .message
            .as_deref()
            .map(str::trim)
            .filter(|m| !m.is_empty());
        let text = match (first, message) {
            (Some(d), _) => d.to_owned(),
            (None, Some(m)) => m.to_owned(),
            (None, None) => return None,
        };
        Some(if more > 0 {
            format!("{text} (and {more} more)")
        } else {
            text
        })
    }

    fn status_line(&self) -> String {
        match self.status {
            Some(code) => {
                let reason = StatusCode::from_u16(code)
                    .ok()
                    .and_then(|s| s.canonical_reason())
                    .unwrap_or("");
                format!("{code} {reason}").trim_end().to_owned()
            }
            None => String::new(),
        }
    }

    fn summary(&self) -> String {
        let op = self.operation;
        let status = self.status_line();
        let said = self.server_says();
        match &self.kind {
            ErrorKind::Http => match said {
                Some(s) => format!("{status} from {op}: {s}"),
                None => format!("{status} from {op}"),
            },
            ErrorKind::Unauthorized => format!(
                "{status} from {op}: the access token was rejected or has expired; check that \
                 the API credentials of this environment are still valid{}",
                said.map(|s| format!(" ({s})")).unwrap_or_default()
            ),
            ErrorKind::CredentialsRejected => format!(
                "{status} from {op}: the token endpoint rejected the client id and secret; check \
                 the credentials configured for this environment{}",
                said.map(|s| format!(" ({s})")).unwrap_or_default()
            ),
            ErrorKind::Timeout { after, sent } => {
                let secs = after.as_secs_f64();
                if *sent {
                    format!(
                        "{op} got no answer within {secs} s; the server may still have carried \
                         it out, so check before repeating it"
                    )
                } else {
                    format!("{op} could not connect within {secs} s; check the network and retry")
                }
            }
            ErrorKind::Connect { cause } => {
                format!("{op} could not reach the server: {cause}; check the URL, network or proxy")
            }
            ErrorKind::Dropped { cause } => format!(
                "{op} lost its connection before the answer came ({cause}); the server may have \
                 carried it out, so check before repeating it"
            ),
            // Neutral on purpose: any operation can meet a 504, and advice about slow registries
            // on a case's overview misleads. Registry searches word their own 504 (`op::create`).
            ErrorKind::GatewayTimeout => {
                format!("504 Gateway Timeout from {op}: the gateway gave up waiting; try again")
            }
            ErrorKind::Decode(d) => {
                let at = if d.path.is_empty() {
                    String::new()
                } else {
                    format!(" at {}", d.path)
                };
                format!(
                    "{op} answered in an unexpected shape: {}{at} (line {}, column {})",
                    d.message, d.line, d.column
                )
            }
            ErrorKind::Building => format!(
                "{status} from {op}: the case is still being built; try again when it is ready{}",
                said.map(|s| format!(" ({s})")).unwrap_or_default()
            ),
            ErrorKind::Io { cause } => format!("{op} failed: {cause}"),
            ErrorKind::Config { problem } => format!("{op} cannot be sent: {problem}"),
        }
    }
}

/// The guide's error body, if the body is one (some 401s and all 504s have none).
fn parse_error_body(body: &[u8]) -> Option<Box<ErrorBody>> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    match serde_json::from_slice::<ErrorBody>(body) {
        Ok(b) => Some(Box::new(b)),
        // Not JSON (an HTML page from a proxy, plain text): keep its start as the message.
        Err(_) => Some(Box::new(ErrorBody {
            message: Some(snippet(body)).filter(|s| !s.is_empty()),
            ..ErrorBody::default()
        })),
    }
}

/// The start of a body, on one line, with control characters replaced.
fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let mut out: String = text
        .chars()
        .take(SNIPPET_CHARS)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if text.chars().count() > SNIPPET_CHARS {
        out.push('…');
    }
    out.trim().to_owned()
}

/// serde_json appends " at line L column C"; the message carries line and column separately.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

/// The innermost cause, which says what actually failed ("Connection refused (os error 111)").
fn root_cause(err: &reqwest::Error) -> String {
    let mut cause: &dyn std::error::Error = err;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn travels_between_tasks() {
        fn send_sync<T: Send + Sync + Clone + 'static>() {}
        send_sync::<ApiError>();
    }

    #[test]
    fn http_error_reads_like_the_guide() {
        let body = br#"{"statusCode":400,"message":"Bad Request","apiErrors":[{"description":"More than 200 records found in United Kingdom, please refine your search criteria","timeStamp":"30/11/2026 10:00:00"}]}"#;
        let e = ApiError::from_status(
            "POST /v2/Companies/search",
            StatusCode::BAD_REQUEST,
            body,
            None,
        );
        assert_eq!(
            e.to_string(),
            "400 Bad Request from POST /v2/Companies/search: More than 200 records found in \
             United Kingdom, please refine your search criteria"
        );
        assert_eq!(
            e.details(),
            vec![
                "More than 200 records found in United Kingdom, please refine your search \
                 criteria (30/11/2026 10:00:00)"
                    .to_owned()
            ]
        );
        assert!(!e.is_retryable());
    }

    #[test]
    fn empty_504_is_a_gateway_timeout() {
        let e = ApiError::from_status(
            "POST /v2/Companies/search",
            StatusCode::GATEWAY_TIMEOUT,
            b"",
            None,
        );
        assert_eq!(e.kind, ErrorKind::GatewayTimeout);
        assert!(e.to_string().contains("try again"), "{e}");
        assert!(e.is_retryable());
    }

    /// Issue 15 item 14: the advice to narrow belongs to registry searches (worded in
    /// `op::create`), never to a case's overview or audit trail.
    #[test]
    fn a_504_elsewhere_does_not_advise_narrowing_a_search() {
        for op in [
            "GET /v2/Companies/{id}",
            "GET /v2/Companies/{id}/audittrail",
            "PATCH /v2/CaseSteps/{id}/status/{stepId}",
        ] {
            let e = ApiError::from_status(op, StatusCode::GATEWAY_TIMEOUT, b"", None);
            let text = e.to_string();
            assert_eq!(
                text,
                format!("504 Gateway Timeout from {op}: the gateway gave up waiting; try again")
            );
            assert!(
                !text.contains("narrow") && !text.contains("registry"),
                "{text}"
            );
        }
    }

    #[test]
    fn html_body_becomes_the_message() {
        let e = ApiError::from_status(
            "GET /v2/Version",
            StatusCode::BAD_GATEWAY,
            b"<html>\n<body>bad gateway</body></html>",
            None,
        );
        assert!(
            e.to_string()
                .starts_with("502 Bad Gateway from GET /v2/Version: <html>")
        );
        assert!(e.is_retryable());
    }

    #[test]
    fn decode_names_operation_and_path() {
        let body = br#"{"caseDetail":{"details":{"stepDataSource":"x"}}}"#;
        let mut de = serde_json::Deserializer::from_slice(body);
        let err = serde_path_to_error::deserialize::<_, crate::api::CaseDetailEnvelope>(&mut de)
            .expect_err("wrong shape");
        let e = ApiError::decode("GET /v2/Companies/{id}", &err, body, true);
        let text = e.to_string();
        assert!(
            text.starts_with("GET /v2/Companies/{id} answered"),
            "{text}"
        );
        assert!(text.contains("caseDetail.details.stepDataSource"), "{text}");
        assert!(matches!(&e.kind, ErrorKind::Decode(d) if d.snippet.contains("stepDataSource")));
    }
}
