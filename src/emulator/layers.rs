//! The request path's middleware stack, outermost first: panic guard (catching, and marking
//! the handling as contained so the console's panic hook leaves it to the guard), latency, then
//! fault injection (innermost, so a fault strikes right around the handler it replaces or
//! garbles), and a test's deliberate panic.

use super::clock::Clock;
use super::error::ApiError;
use super::faults::{self, Faults};
use axum::Router;
use axum::extract::{Request, State};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use std::any::Any;
use std::time::Duration;
use tower_http::catch_panic::CatchPanicLayer;

/// Per-request behaviour of the whole server.
#[derive(Debug, Clone)]
pub struct LayerConfig {
    /// Added before every answer, to feel like a remote API.
    pub latency: Duration,
    /// Faults to inject into `/v2` answers, if any.
    pub faults: Option<Faults>,
    /// What the latency is waited on (so a test can move it instead of waiting).
    pub clock: Clock,
    /// A request to exactly this path panics (see `Config::panic_on`).
    pub panic_on: Option<String>,
}

/// Wraps the routes in the stack.
pub fn apply(router: Router, cfg: LayerConfig) -> Router {
    let router = match cfg.panic_on {
        Some(path) => router.layer(middleware::from_fn_with_state(path, panic_on)),
        None => router,
    };
    let router = match cfg.faults {
        Some(f) => router.layer(middleware::from_fn_with_state(f, faults::inject)),
        None => router,
    };
    router
        .layer(middleware::from_fn_with_state(
            (cfg.latency, cfg.clock),
            latency,
        ))
        .layer(middleware::from_fn(contain))
        .layer(CatchPanicLayer::custom(panic_response))
}

/// Runs the request's handling as contained code: a panic in it is the catch-panic layer's to
/// answer, and the console's hook (`term`) does not end the process for it.
async fn contain(req: Request, next: Next) -> Response {
    crate::panic_scope::Contained::new(next.run(req)).await
}

/// A test's stand-in for a bug in a handler.
async fn panic_on(State(path): State<String>, req: Request, next: Next) -> Response {
    if req.uri().path() == path {
        panic!("deliberate panic on {path} (emulator Config::panic_on)");
    }
    next.run(req).await
}

async fn latency(
    State((delay, clock)): State<(Duration, Clock)>,
    req: Request,
    next: Next,
) -> Response {
    if !delay.is_zero() {
        clock.sleep(delay).await;
    }
    next.run(req).await
}

/// A bug must still answer with the guide's 500 body, never a dropped connection.
fn panic_response(_: Box<dyn Any + Send + 'static>) -> Response {
    ApiError::internal().into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::routing::get;

    async fn boom() -> &'static str {
        panic!("a bug in a handler")
    }

    #[tokio::test]
    async fn a_panicking_handler_answers_the_guide_500() {
        let app = apply(
            Router::new().route("/boom", get(boom)),
            LayerConfig {
                latency: Duration::ZERO,
                faults: None,
                clock: Clock::system(),
                panic_on: None,
            },
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let server = tokio::spawn(async move { axum::serve(listener, app).await });
        let _ = rustls::crypto::ring::default_provider().install_default();
        let r = reqwest::get(format!("http://{addr}/boom")).await.unwrap();
        assert_eq!(r.status(), 500);
        let body: crate::api::ErrorBody = r.json().await.unwrap();
        assert_eq!(body.status_code, 500);
        assert_eq!(body.message.as_deref(), Some("Api Error"));
        assert_eq!(
            body.api_errors[0].description.as_deref(),
            Some("Internal Error")
        );
        server.abort();
    }

    /// The hook (`term`) leaves a panic alone while `panic_scope::is_contained` says so: true
    /// inside the handler, false again for whatever the thread runs next.
    #[tokio::test]
    async fn a_handler_runs_contained() {
        async fn probe() -> String {
            crate::panic_scope::is_contained().to_string()
        }
        let app = apply(
            Router::new().route("/probe", get(probe)),
            LayerConfig {
                latency: Duration::ZERO,
                faults: None,
                clock: Clock::system(),
                panic_on: None,
            },
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let server = tokio::spawn(async move { axum::serve(listener, app).await });
        let _ = rustls::crypto::ring::default_provider().install_default();
        let r = reqwest::get(format!("http://{addr}/probe")).await.unwrap();
        assert_eq!(r.text().await.unwrap(), "true");
        assert!(!crate::panic_scope::is_contained());
        server.abort();
    }
}
