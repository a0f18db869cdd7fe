//! The route table: one list drives both the router and [`operations`], so the OpenAPI document
//! can be checked against what is actually served.

mod cases;
mod create;
mod documents;
mod monitoring;
mod org;
mod reference;
mod steps;

use super::answers::{self, Answers};
use super::auth;
use super::error::ApiError;
use super::state::AppState;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::handler::Handler;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::{MethodFilter, MethodRouter, on};

/// The OpenAPI document served at `/swagger/v2/swagger.json`.
pub const OPENAPI: &str = include_str!("../../../assets/openapi.json");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum M {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl M {
    fn filter(self) -> MethodFilter {
        match self {
            M::Get => MethodFilter::GET,
            M::Post => MethodFilter::POST,
            M::Put => MethodFilter::PUT,
            M::Patch => MethodFilter::PATCH,
            M::Delete => MethodFilter::DELETE,
        }
    }

    fn name(self) -> &'static str {
        match self {
            M::Get => "get",
            M::Post => "post",
            M::Put => "put",
            M::Patch => "patch",
            M::Delete => "delete",
        }
    }
}

struct Op {
    method: M,
    path: String,
    route: MethodRouter<AppState>,
    /// Whether it changes state: every method but GET, except the POSTs that only read.
    changes: bool,
}

/// Collects the operations; `both` registers a case operation under Companies and Individuals.
#[derive(Default)]
struct Table(Vec<Op>);

impl Table {
    fn add<H, T>(&mut self, method: M, path: &str, handler: H)
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.0.push(Op {
            method,
            path: path.to_owned(),
            route: on(method.filter(), handler),
            changes: method != M::Get,
        });
    }

    /// A POST that only reads (a search, a list, a check): it answers in full whatever
    /// [`Answers`] says.
    fn read<H, T>(&mut self, method: M, path: &str, handler: H)
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.add(method, path, handler);
        if let Some(op) = self.0.last_mut() {
            op.changes = false;
        }
    }

    fn both<H, T>(&mut self, method: M, tail: &str, handler: H)
    where
        H: Handler<T, AppState> + Clone,
        T: 'static,
    {
        self.add(method, &format!("/v2/Companies{tail}"), handler.clone());
        self.add(method, &format!("/v2/Individuals{tail}"), handler);
    }
}

/// Every `/v2` operation (all behind the bearer check).
fn v2_table() -> Table {
    use M::*;
    let mut t = Table::default();
    t.add(Get, "/v2/Jurisdictions", reference::jurisdictions);
    t.add(Get, "/v2/CompanyTypes", reference::company_types);
    t.add(Get, "/v2/Version", reference::version);
    t.read(Post, "/v2/User/list", reference::users);
    t.add(
        Put,
        "/v2/AssignUser/{id}/assign/{userId}",
        reference::assign,
    );

    t.read(Post, "/v2/Companies/search", create::search);
    t.add(Post, "/v2/Companies", create::create_company);
    t.add(Post, "/v2/Companies/import", create::import_company);
    t.add(Post, "/v2/Individuals", create::create_individual);
    t.add(Post, "/v2/Individuals/import", create::create_individual);

    t.both(Get, "", cases::list);
    t.both(Get, "/{id}", cases::get);
    t.both(Delete, "/{id}", cases::delete);
    t.both(Get, "/{id}/properties", cases::properties);
    t.both(Post, "/{id}/properties", cases::set_properties);
    t.both(
        Delete,
        "/{id}/properties/{dataType}",
        cases::delete_property,
    );
    t.both(Put, "/{id}/identity", cases::identity);
    t.both(Patch, "/{id}/status", cases::status);
    t.both(Get, "/{id}/amlchecks", cases::aml_checks);
    t.both(Get, "/{id}/report", cases::report);
    t.both(Get, "/{id}/audittrail", cases::audit_trail);

    t.add(Get, "/v2/Companies/{id}/org-chart", org::org_chart);
    t.add(Get, "/v2/Companies/{id}/members", org::members);
    t.both(Post, "/{parentId}/link/{id}", steps::link);
    t.add(
        Post,
        "/v2/Companies/{id}/activate/{caseStepId}",
        steps::activate,
    );

    t.both(Get, "/{id}/documents", documents::list);
    t.add(
        Get,
        "/v2/Companies/{id}/documents/rules/mandatory",
        documents::mandatory_company,
    );
    t.add(
        Get,
        "/v2/Individuals/{id}/documents/mandatory",
        documents::mandatory_individual,
    );
    t.both(Post, "/{id}/documents/upload", documents::upload);
    t.both(Post, "/{id}/documents/request", documents::request);
    t.read(
        Post,
        "/v2/Individuals/documents/prevalidate",
        documents::prevalidate,
    );
    t.add(
        Get,
        "/v2/Documents/{documentId}/document",
        documents::download,
    );
    t.add(Get, "/v2/Documents/{documentId}", documents::download);

    t.read(Post, "/v2/Companies/lm-cases", monitoring::lm_cases);
    t.read(Post, "/v2/Individuals/lm-cases", monitoring::lm_cases);
    t.both(Get, "/{id}/lm-alerts", monitoring::lm_alerts);
    t.both(Post, "/{id}/lm-alerts-action", monitoring::alert_action);
    t.both(Put, "/{id}/review-date", monitoring::review_date);

    t.add(Get, "/v2/CaseSteps/{id}", steps::list);
    t.add(Get, "/v2/CaseSteps/{id}/details/{stepId}", steps::details);
    t.add(
        Patch,
        "/v2/CaseSteps/{id}/status/{stepId}",
        steps::set_status,
    );
    t.add(Patch, "/v2/CaseSteps/{id}/exclude/{stepId}", steps::exclude);

    t.add(Get, "/v2/CaseStepNotes/{id}/{stepId}", steps::notes);
    t.add(Post, "/v2/CaseStepNotes/{id}/{stepId}", steps::add_note);
    t.add(
        Delete,
        "/v2/CaseStepNotes/{id}/{stepId}/{stepNoteId}",
        steps::delete_note,
    );
    t
}

/// Routes outside the bearer check.
fn open_table() -> Table {
    let mut t = Table::default();
    t.add(M::Post, "/connect/token", auth::token);
    t
}

/// `(method, path)` of every operation served (besides the swagger document itself), with
/// lowercase methods and OpenAPI-style `{param}` paths.
pub fn operations() -> Vec<(&'static str, String)> {
    open_table()
        .0
        .into_iter()
        .chain(v2_table().0)
        .map(|op| (op.method.name(), op.path))
        .collect()
}

/// `(method, path)` of every `/v2` operation that changes state: those [`Answers`] shrinks.
pub fn changes() -> Vec<(&'static str, String)> {
    v2_table()
        .0
        .into_iter()
        .filter(|op| op.changes)
        .map(|op| (op.method.name(), op.path))
        .collect()
}

/// The routes, with the change routes' answers shrunk as `answers` says: one place, so no
/// handler can forget it.
fn mount(table: Table, answers: Answers) -> Router<AppState> {
    table.0.into_iter().fold(Router::new(), |r, op| {
        let route = if op.changes && answers != Answers::Full {
            op.route.layer(axum::middleware::from_fn_with_state(
                answers,
                answers::shrink,
            ))
        } else {
            op.route
        };
        r.route(&op.path, route)
    })
}

pub fn router(state: AppState) -> Router {
    let answers = state.config.answers;
    let v2 = mount(v2_table(), answers).route_layer(axum::middleware::from_fn_with_state(
        state.clone(),
        auth::require_bearer,
    ));
    mount(open_table(), Answers::Full)
        .merge(v2)
        .route(
            "/swagger/v2/swagger.json",
            axum::routing::get(|| async {
                ([(header::CONTENT_TYPE, "application/json")], OPENAPI)
            }),
        )
        .fallback(|uri: axum::http::Uri| async move {
            ApiError::not_found(format!("No route for {}", uri.path()))
        })
        .method_not_allowed_fallback(
            |method: axum::http::Method, uri: axum::http::Uri| async move {
                ApiError::new(
                    StatusCode::METHOD_NOT_ALLOWED,
                    format!("{method} is not supported on {}", uri.path()),
                )
                .into_response()
            },
        )
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(state)
}

/// Uploaded documents (scans, PDFs) are larger than axum's 2 MB default allows.
const BODY_LIMIT: usize = 32 * 1024 * 1024;
