//! What a closed case accepts. A closed case carries a decision; changing its steps, identity,
//! properties, documents or links underneath that decision would make the decision describe a
//! case that no longer exists, so those writes are refused until the case is reopened. The guide
//! does allow some writes on a closed case, and the route table says which, once per route
//! ([`OnClosed`]): a change route that does not say cannot be registered.

use super::error::ApiError;
use super::state::AppState;
use crate::api::{CaseKind, Id};
use axum::extract::{RawPathParams, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// How a change route treats a closed case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnClosed {
    /// Refused with a 400 until the case is reopened: step status, AML exclusion, activation,
    /// links, properties, identity, uploads, document requests, deletion.
    Refused,
    /// Allowed, the handler applying its own rules: reopening (and not closing twice), the
    /// live-monitoring actions of guide 3.8.3 and review dates (live monitoring is for closed
    /// cases), assignment, and step notes (the console records an alert action's reason as a
    /// note on the alert's step).
    Allowed,
    /// The route names no existing case (creating one, a token).
    NoCase,
}

/// Middleware on every [`OnClosed::Refused`] route: the case the route writes (`parentId` on a
/// link, else `id`) must not be closed. An unknown or deleted case passes, for the handler's 404.
pub async fn refuse_closed(
    State(st): State<AppState>,
    params: RawPathParams,
    req: Request,
    next: Next,
) -> Response {
    let written = params
        .iter()
        .find(|(k, _)| *k == "parentId")
        .or_else(|| params.iter().find(|(k, _)| *k == "id"))
        .and_then(|(_, v)| v.parse::<Id>().ok());
    if let Some(id) = written {
        let path = req.uri().path();
        let kind = if path.starts_with("/v2/Companies") {
            Some(CaseKind::Company)
        } else if path.starts_with("/v2/Individuals") {
            Some(CaseKind::Individual)
        } else {
            None
        };
        let refusal = st.read().case(id, kind).ok().and_then(|rec| {
            let common = &rec.detail.common;
            common.is_closed().then(|| {
                closed_case(
                    id,
                    common.case_decision.as_deref(),
                    "reopen it (PATCH …/status {\"status\": \"Open\"}) before changing it",
                )
            })
        });
        if let Some(e) = refusal {
            return e.into_response();
        }
    }
    next.run(req).await
}

/// The 400 for a change a closed case does not accept.
pub fn closed_case(id: Id, decision: Option<&str>, what_to_do: &str) -> ApiError {
    let decided = decision
        .map(|d| format!(", decision {d}"))
        .unwrap_or_default();
    ApiError::invalid(
        "status",
        format!("case {id} is closed{decided}: {what_to_do}"),
    )
}
