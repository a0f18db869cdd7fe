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
use super::closed::{self, OnClosed};
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

/// What an operation does to state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Effect {
    /// Reads only (every GET, and the POSTs that only read: a search, a list, a check).
    Read,
    /// Changes state; how a closed case takes it is stated with the route.
    Write(OnClosed),
}

struct Op {
    method: M,
    path: String,
    route: MethodRouter<AppState>,
    effect: Effect,
}

/// Collects the operations; the `both_*` forms register a case operation under Companies and
/// Individuals. A change cannot be registered without saying how a closed case takes it.
#[derive(Default)]
struct Table(Vec<Op>);

impl Table {
    fn add<H, T>(&mut self, method: M, path: &str, handler: H, effect: Effect)
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.0.push(Op {
            method,
            path: path.to_owned(),
            route: on(method.filter(), handler),
            effect,
        });
    }

    fn get<H, T>(&mut self, path: &str, handler: H)
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.add(M::Get, path, handler, Effect::Read);
    }

    /// A POST that only reads (a search, a list, a check): it answers in full whatever
    /// [`Answers`] says.
    fn read<H, T>(&mut self, path: &str, handler: H)
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.add(M::Post, path, handler, Effect::Read);
    }

    fn write<H, T>(&mut self, method: M, path: &str, handler: H, closed: OnClosed)
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.add(method, path, handler, Effect::Write(closed));
    }

    fn both_get<H, T>(&mut self, tail: &str, handler: H)
    where
        H: Handler<T, AppState> + Clone,
        T: 'static,
    {
        self.get(&format!("/v2/Companies{tail}"), handler.clone());
        self.get(&format!("/v2/Individuals{tail}"), handler);
    }

    fn both_write<H, T>(&mut self, method: M, tail: &str, handler: H, closed: OnClosed)
    where
        H: Handler<T, AppState> + Clone,
        T: 'static,
    {
        self.write(
            method,
            &format!("/v2/Companies{tail}"),
            handler.clone(),
            closed,
        );
        self.write(method, &format!("/v2/Individuals{tail}"), handler, closed);
    }
}

/// Every `/v2` operation (all behind the bearer check).
fn v2_table() -> Table {
    use M::*;
    use OnClosed::{Allowed, NoCase, Refused};
    let mut t = Table::default();
    t.get("/v2/Jurisdictions", reference::jurisdictions);
    t.get("/v2/CompanyTypes", reference::company_types);
    t.get("/v2/Version", reference::version);
    t.read("/v2/User/list", reference::users);
    t.write(
        Put,
        "/v2/AssignUser/{id}/assign/{userId}",
        reference::assign,
        Allowed,
    );

    t.read("/v2/Companies/search", create::search);
    t.write(Post, "/v2/Companies", create::create_company, NoCase);
    t.write(Post, "/v2/Companies/import", create::import_company, NoCase);
    t.write(Post, "/v2/Individuals", create::create_individual, NoCase);
    t.write(
        Post,
        "/v2/Individuals/import",
        create::import_individual,
        NoCase,
    );

    t.both_get("", cases::list);
    t.both_get("/{id}", cases::get);
    t.both_write(Delete, "/{id}", cases::delete, Refused);
    t.both_get("/{id}/properties", cases::properties);
    t.both_write(Post, "/{id}/properties", cases::set_properties, Refused);
    t.both_write(
        Delete,
        "/{id}/properties/{dataType}",
        cases::delete_property,
        Refused,
    );
    t.both_write(Put, "/{id}/identity", cases::identity, Refused);
    t.both_write(Patch, "/{id}/status", cases::status, Allowed);
    t.both_get("/{id}/amlchecks", cases::aml_checks);
    t.both_get("/{id}/report", cases::report);
    t.both_get("/{id}/audittrail", cases::audit_trail);

    t.get("/v2/Companies/{id}/org-chart", org::org_chart);
    t.get("/v2/Companies/{id}/members", org::members);
    t.both_write(Post, "/{parentId}/link/{id}", steps::link, Refused);
    t.write(
        Post,
        "/v2/Companies/{id}/activate/{caseStepId}",
        steps::activate,
        Refused,
    );

    t.both_get("/{id}/documents", documents::list);
    t.get(
        "/v2/Companies/{id}/documents/rules/mandatory",
        documents::mandatory_company,
    );
    t.get(
        "/v2/Individuals/{id}/documents/mandatory",
        documents::mandatory_individual,
    );
    t.both_write(Post, "/{id}/documents/upload", documents::upload, Refused);
    t.both_write(Post, "/{id}/documents/request", documents::request, Refused);
    t.read(
        "/v2/Individuals/documents/prevalidate",
        documents::prevalidate,
    );
    t.get("/v2/Documents/{documentId}/document", documents::download);
    t.get("/v2/Documents/{documentId}", documents::download);

    t.read("/v2/Companies/lm-cases", monitoring::lm_cases);
    t.read("/v2/Individuals/lm-cases", monitoring::lm_cases);
    t.both_get("/{id}/lm-alerts", monitoring::lm_alerts);
    t.both_write(
        Post,
        "/{id}/lm-alerts-action",
        monitoring::alert_action,
        Allowed,
    );
    t.both_write(Put, "/{id}/review-date", monitoring::review_date, Allowed);

    t.get("/v2/CaseSteps/{id}", steps::list);
    t.get("/v2/CaseSteps/{id}/details/{stepId}", steps::details);
    t.write(
        Patch,
        "/v2/CaseSteps/{id}/status/{stepId}",
        steps::set_status,
        Refused,
    );
    t.write(
        Patch,
        "/v2/CaseSteps/{id}/exclude/{stepId}",
        steps::exclude,
        Refused,
    );

    t.get("/v2/CaseStepNotes/{id}/{stepId}", steps::notes);
    t.write(
        Post,
        "/v2/CaseStepNotes/{id}/{stepId}",
        steps::add_note,
        Allowed,
    );
    t.write(
        Delete,
        "/v2/CaseStepNotes/{id}/{stepId}/{stepNoteId}",
        steps::delete_note,
        Allowed,
    );
    t
}

/// Routes outside the bearer check.
fn open_table() -> Table {
    let mut t = Table::default();
    t.write(M::Post, "/connect/token", auth::token, OnClosed::NoCase);
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
        .filter(|op| matches!(op.effect, Effect::Write(_)))
        .map(|op| (op.method.name(), op.path))
        .collect()
}

/// The routes, with the change routes' answers shrunk as `answers` says and closed cases
/// refused where the table says: one place, so no handler can forget either.
fn mount(table: Table, answers: Answers, state: &AppState) -> Router<AppState> {
    table.0.into_iter().fold(Router::new(), |r, op| {
        let mut route = op.route;
        if op.effect == Effect::Write(OnClosed::Refused) {
            route = route.layer(axum::middleware::from_fn_with_state(
                state.clone(),
                closed::refuse_closed,
            ));
        }
        if matches!(op.effect, Effect::Write(_)) && answers != Answers::Full {
            route = route.layer(axum::middleware::from_fn_with_state(
                answers,
                answers::shrink,
            ));
        }
        r.route(&op.path, route)
    })
}

pub fn router(state: AppState) -> Router {
    let answers = state.config.answers;
    let v2 = mount(v2_table(), answers, &state).route_layer(axum::middleware::from_fn_with_state(
        state.clone(),
        auth::require_bearer,
    ));
    mount(open_table(), Answers::Full, &state)
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
