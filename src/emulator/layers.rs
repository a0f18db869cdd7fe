//! The request path's middleware stack, outermost first: panic guard, then latency. Fault
//! injection slots in here as one more layer without touching the routes.

use super::error::ApiError;
use axum::Router;
use axum::extract::{Request, State};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use std::any::Any;
use std::time::Duration;
use tower_http::catch_panic::CatchPanicLayer;

/// Per-request behaviour of the whole server.
#[derive(Debug, Clone, Copy)]
pub struct LayerConfig {
    /// Added before every answer, to feel like a remote API.
    pub latency: Duration,
}

/// Wraps the routes in the stack.
pub fn apply(router: Router, cfg: LayerConfig) -> Router {
    router
        .layer(middleware::from_fn_with_state(cfg.latency, latency))
        .layer(CatchPanicLayer::custom(panic_response))
}

async fn latency(State(delay): State<Duration>, req: Request, next: Next) -> Response {
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    next.run(req).await
}

/// A bug must still answer with the guide's 500 body, never a dropped connection.
fn panic_response(_: Box<dyn Any + Send + 'static>) -> Response {
    ApiError::internal().into_response()
}
