//! How the emulator answers a change. The contract's answers to changes are mostly inferred, and
//! a real server may answer with far less (`{}`, `{"ok": true}`); the console must then read the
//! resource back rather than show defaults as the new state. [`Answers::Empty`] and
//! [`Answers::Ok`] let a test (or a reviewer trying the console) meet such a server: the change
//! still happens, only the answer shrinks.

use axum::Json;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The body of a successful change.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Answers {
    /// The contract's shapes (the default).
    #[default]
    Full,
    /// `200 {}`.
    Empty,
    /// `200 {"ok": true}`.
    Ok,
}

impl Answers {
    /// What replaces a successful change's answer; `None` keeps it.
    fn body(self) -> Option<serde_json::Value> {
        match self {
            Answers::Full => None,
            Answers::Empty => Some(serde_json::json!({})),
            Answers::Ok => Some(serde_json::json!({"ok": true})),
        }
    }
}

/// Middleware on every change route (the route table decides which are changes): lets the
/// handler act, then swaps a success for the minimal body. Errors keep the guide's body, so
/// a refused change still says why.
pub async fn shrink(State(answers): State<Answers>, req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    match answers.body() {
        Some(body) if res.status().is_success() => (StatusCode::OK, Json(body)).into_response(),
        _ => res,
    }
}
