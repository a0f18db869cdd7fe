//! How the client behaves on the wire, against a tiny local mock: tokens (reuse, renewal,
//! 401 handling, concurrency), retries, timeouts, connection failures, error kinds, secrecy,
//! multipart uploads and downloads. Timeouts are short so the whole file runs in seconds.

use axum::Form;
use axum::Router;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use base64::Engine as _;
use kyc_console::api::{
    CaseKind, Client, ClientConfig, CreateCompanyRequest, ErrorKind, SearchRequest, Secret, Upload,
};
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::Notify;

const CLIENT_ID: &str = "console-client";
const SECRET: &str = "s3cr3t-VALUE-never-shown";

/// What the mock saw and how it should answer.
#[derive(Default)]
struct Mock {
    token_requests: AtomicUsize,
    /// `expires_in` of issued tokens (seconds); 0 means 600.
    ttl: AtomicU64,
    /// How many token requests to answer 503 before issuing tokens.
    token_failures: AtomicUsize,
    /// While set, token requests wait for `tokens_released` (a renewal kept in flight).
    hold_tokens: AtomicBool,
    tokens_released: Notify,
    revoked: Mutex<HashSet<String>>,
    last_form: Mutex<HashMap<String, String>>,
    last_basic: Mutex<Option<String>>,
    /// API calls that reached a handler.
    hits: AtomicUsize,
    fields: Mutex<HashMap<String, String>>,
}

type Shared = Arc<Mock>;

async fn token(
    State(m): State<Shared>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let n = m.token_requests.fetch_add(1, Ordering::SeqCst) + 1;
    if m.token_failures
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |f| f.checked_sub(1))
        .is_ok()
    {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    *m.last_basic.lock().expect("lock") = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let secret_ok = form.get("client_secret").map(String::as_str) == Some(SECRET);
    *m.last_form.lock().expect("lock") = form;
    while m.hold_tokens.load(Ordering::SeqCst) {
        let released = m.tokens_released.notified();
        if !m.hold_tokens.load(Ordering::SeqCst) {
            break;
        }
        released.await;
    }
    if !secret_ok {
        return json(
            StatusCode::UNAUTHORIZED,
            r#"{"statusCode":401,"message":"Invalid client credentials"}"#.into(),
        );
    }
    let ttl = match m.ttl.load(Ordering::SeqCst) {
        0 => 600,
        t => t,
    };
    json(
        StatusCode::OK,
        format!(
            r#"{{"access_token":"tok-{n}","token_type":"Bearer","expires_in":{ttl},"scope":"PublicApi"}}"#
        ),
    )
}

/// Whether the bearer token is one the mock issued and has not revoked.
fn authorized(m: &Mock, headers: &HeaderMap) -> bool {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    match token {
        Some(t) => t.starts_with("tok-") && !m.revoked.lock().expect("lock").contains(t),
        None => false,
    }
}

fn json(status: StatusCode, body: String) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

fn unauthorized() -> Response {
    StatusCode::UNAUTHORIZED.into_response()
}

/// `GET /v2/Version` that checks the token and counts.
async fn version(State(m): State<Shared>, headers: HeaderMap) -> Response {
    if !authorized(&m, &headers) {
        return unauthorized();
    }
    m.hits.fetch_add(1, Ordering::SeqCst);
    json(StatusCode::OK, r#"{"version":"2.0.0"}"#.into())
}

async fn start(api: Router<Shared>) -> (String, Shared) {
    let mock: Shared = Arc::default();
    let router = api
        .route("/connect/token", post(token))
        .with_state(mock.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    tokio::spawn(async move { axum::serve(listener, router).await.ok() });
    (format!("http://{addr}"), mock)
}

fn config(base: &str) -> ClientConfig {
    let mut cfg = ClientConfig::new(base, CLIENT_ID, Secret::new(SECRET));
    cfg.connect_timeout = Duration::from_millis(500);
    cfg.request_timeout = Duration::from_secs(2);
    cfg.search_timeout = Duration::from_secs(2);
    cfg.backoff_base = Duration::from_millis(5);
    cfg
}

fn client(base: &str) -> Client {
    Client::new(config(base)).expect("client")
}

#[tokio::test]
async fn one_token_serves_many_calls_and_is_requested_properly() {
    let (base, mock) = start(Router::new().route("/v2/Version", get(version))).await;
    let client = client(&base);
    for _ in 0..5 {
        let v = client.version().await.expect("version");
        assert_eq!(v.version.as_deref(), Some("2.0.0"));
    }
    let clone = client.clone();
    clone.version().await.expect("clones share the token");
    assert_eq!(mock.token_requests.load(Ordering::SeqCst), 1);
    assert_eq!(mock.hits.load(Ordering::SeqCst), 6);

    let form = mock.last_form.lock().expect("lock").clone();
    assert_eq!(form["grant_type"], "client_credentials");
    assert_eq!(form["client_id"], CLIENT_ID);
    assert_eq!(form["client_secret"], SECRET);
    assert_eq!(form["audience"], "PublicApi");
    assert_eq!(form["scope"], "PublicApi");
    let basic = mock
        .last_basic
        .lock()
        .expect("lock")
        .clone()
        .expect("basic header");
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(basic.strip_prefix("Basic ").expect("Basic scheme"))
        .expect("base64");
    assert_eq!(decoded, format!("{CLIENT_ID}:{SECRET}").as_bytes());
}

#[tokio::test]
async fn token_is_renewed_shortly_before_expiry() {
    let (base, mock) = start(Router::new().route("/v2/Version", get(version))).await;
    // A 1 s token is renewed after 90 % of its life.
    mock.ttl.store(1, Ordering::SeqCst);
    let client = client(&base);
    client.version().await.expect("first");
    client.version().await.expect("still fresh");
    assert_eq!(mock.token_requests.load(Ordering::SeqCst), 1);
    // The client's timers run on tokio's clock: move it on 950 ms, with no request in flight.
    tokio::time::pause();
    tokio::time::advance(Duration::from_millis(950)).await;
    tokio::time::resume();
    client.version().await.expect("after renewal");
    assert_eq!(mock.token_requests.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_401_renews_once_and_retries_once() {
    let (base, mock) = start(Router::new().route("/v2/Version", get(version)).route(
        "/v2/CompanyTypes",
        get(|State(m): State<Shared>| async move {
            m.hits.fetch_add(1, Ordering::SeqCst);
            unauthorized()
        }),
    ))
    .await;
    let client = client(&base);
    client.version().await.expect("warm up");
    // The server forgets the token (restart, revocation): the client renews and carries on.
    mock.revoked.lock().expect("lock").insert("tok-1".into());
    client.version().await.expect("renewed");
    assert_eq!(mock.token_requests.load(Ordering::SeqCst), 2);
    assert_eq!(mock.hits.load(Ordering::SeqCst), 2);

    // A 401 that persists is reported after one renewal, not looped on.
    mock.hits.store(0, Ordering::SeqCst);
    let err = client.company_types().await.expect_err("always 401");
    assert_eq!(err.kind, ErrorKind::Unauthorized);
    assert_eq!(err.status, Some(401));
    assert_eq!(err.operation, "GET /v2/CompanyTypes");
    assert_eq!(mock.hits.load(Ordering::SeqCst), 2);
    assert_eq!(mock.token_requests.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn concurrent_calls_share_one_renewal() {
    let (base, mock) = start(Router::new().route("/v2/Version", get(version))).await;
    let client = client(&base);
    // Each renewal is held at the token endpoint until all ten calls are waiting for it.
    mock.hold_tokens.store(true, Ordering::SeqCst);
    let calls: Vec<_> = (0..10)
        .map(|_| {
            let c = client.clone();
            tokio::spawn(async move { c.version().await })
        })
        .collect();
    release_tokens_once_requested(&mock, 1).await;
    for call in calls {
        call.await.expect("join").expect("version");
    }
    assert_eq!(mock.token_requests.load(Ordering::SeqCst), 1);

    // Every call holding the revoked token gets a 401; they still renew only once.
    mock.revoked.lock().expect("lock").insert("tok-1".into());
    mock.hold_tokens.store(true, Ordering::SeqCst);
    let calls: Vec<_> = (0..10)
        .map(|_| {
            let c = client.clone();
            tokio::spawn(async move { c.version().await })
        })
        .collect();
    release_tokens_once_requested(&mock, 2).await;
    for call in calls {
        call.await.expect("join").expect("version after renewal");
    }
    assert_eq!(mock.token_requests.load(Ordering::SeqCst), 2);
}

/// Lets held token requests go once the `n`th has reached the endpoint: by then every call
/// spawned before it has asked for a token and waits on that one renewal.
async fn release_tokens_once_requested(mock: &Mock, n: usize) {
    crate::common::eventually("the renewal reached the token endpoint", || {
        mock.token_requests.load(Ordering::SeqCst) >= n
    })
    .await;
    mock.hold_tokens.store(false, Ordering::SeqCst);
    mock.tokens_released.notify_waiters();
}

/// Answers 503 the first `n` times, then 200.
fn flaky(
    n: usize,
    body: &'static str,
) -> impl Fn(State<Shared>) -> std::future::Ready<Response> + Clone {
    move |State(m): State<Shared>| {
        let hit = m.hits.fetch_add(1, Ordering::SeqCst);
        std::future::ready(if hit < n {
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        } else {
            json(StatusCode::OK, body.into())
        })
    }
}

#[tokio::test]
async fn a_503_on_get_is_retried() {
    let (base, mock) =
        start(Router::new().route("/v2/Version", get(flaky(2, r#"{"version":"2"}"#)))).await;
    let v = client(&base).version().await.expect("retried");
    assert_eq!(v.version.as_deref(), Some("2"));
    assert_eq!(mock.hits.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn retries_stop_at_the_configured_count() {
    let (base, mock) = start(Router::new().route("/v2/Version", get(flaky(100, "{}")))).await;
    let mut cfg = config(&base);
    cfg.retries = 2;
    let err = Client::new(cfg)
        .expect("client")
        .version()
        .await
        .expect_err("503");
    assert_eq!(err.status, Some(503));
    assert!(err.is_retryable());
    assert_eq!(mock.hits.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn retry_after_is_honoured_for_429() {
    let hits_at = Arc::new(Mutex::new(Vec::new()));
    let seen = hits_at.clone();
    let (base, mock) = start(Router::new().route(
        "/v2/Version",
        get(move |State(m): State<Shared>| {
            seen.lock().expect("lock").push(tokio::time::Instant::now());
            async move {
                if m.hits.fetch_add(1, Ordering::SeqCst) == 0 {
                    (StatusCode::TOO_MANY_REQUESTS, [(header::RETRY_AFTER, "1")]).into_response()
                } else {
                    json(StatusCode::OK, "{}".into())
                }
            }
        }),
    ))
    .await;
    let mut cfg = config(&base);
    // Moving the clock must not run out the time limit of an answer still on its way.
    cfg.request_timeout = Duration::from_secs(600);
    let client = Client::new(cfg).expect("client");
    let call = tokio::spawn(async move { client.version().await });
    crate::common::eventually("the first attempt was answered 429", || {
        mock.hits.load(Ordering::SeqCst) >= 1
    })
    .await;
    // The client waits on tokio's clock: move it past the second asked for instead of waiting.
    // (Should the 429 still be on its way, the client waits the second for real: slower, and
    // the check below still holds.)
    tokio::time::pause();
    tokio::time::advance(Duration::from_secs(1)).await;
    tokio::time::resume();
    call.await.expect("join").expect("after waiting");
    assert_eq!(mock.hits.load(Ordering::SeqCst), 2);
    let at = hits_at.lock().expect("lock").clone();
    assert!(
        at[1] - at[0] >= Duration::from_secs(1),
        "the retry came {:?} after the 429 on the client's clock",
        at[1] - at[0]
    );
}

#[tokio::test]
async fn post_is_not_retried_but_read_only_posts_are() {
    let (base, mock) = start(
        Router::new()
            .route("/v2/Companies", post(flaky(1, "{}")))
            .route("/v2/User/list", post(flaky(1, "[]"))),
    )
    .await;
    let client = client(&base);
    let err = client
        .create_company(&CreateCompanyRequest::default())
        .await
        .expect_err("503 once");
    assert_eq!(err.status, Some(503));
    assert_eq!(err.operation, "POST /v2/Companies");
    assert_eq!(mock.hits.load(Ordering::SeqCst), 1);

    mock.hits.store(0, Ordering::SeqCst);
    let users = client
        .list_users(&Default::default())
        .await
        .expect("User/list only reads");
    assert!(users.is_empty());
    assert_eq!(mock.hits.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_failing_token_request_is_retried_even_for_a_post() {
    let (base, mock) = start(Router::new().route("/v2/Companies", post(flaky(0, "{}")))).await;
    mock.token_failures.store(2, Ordering::SeqCst);
    client(&base)
        .create_company(&CreateCompanyRequest::default())
        .await
        .expect("the POST itself was sent once");
    assert_eq!(mock.token_requests.load(Ordering::SeqCst), 3);
    assert_eq!(mock.hits.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn an_empty_504_is_a_gateway_timeout() {
    let (base, mock) = start(Router::new().route(
        "/v2/Companies/search",
        post(|State(m): State<Shared>| async move {
            m.hits.fetch_add(1, Ordering::SeqCst);
            StatusCode::GATEWAY_TIMEOUT
        }),
    ))
    .await;
    let err = client(&base)
        .search_companies(&SearchRequest {
            query: "insight".into(),
            codeiso31662: "GB".into(),
        })
        .await
        .expect_err("504");
    assert_eq!(err.kind, ErrorKind::GatewayTimeout);
    assert_eq!(err.operation, "POST /v2/Companies/search");
    let text = err.to_string();
    assert!(
        text.starts_with("504 Gateway Timeout from POST /v2/Companies/search"),
        "{text}"
    );
    // The client's words are neutral; the search's own advice is added by `op::create`.
    assert!(
        text.ends_with("the gateway gave up waiting; try again"),
        "{text}"
    );
    assert_eq!(
        mock.hits.load(Ordering::SeqCst),
        1,
        "a search is never repeated"
    );
}

#[tokio::test]
async fn a_slow_answer_is_a_timeout() {
    let (base, _mock) = start(Router::new().route(
        "/v2/Companies/{id}/identity",
        // A server that never answers: only the client's own time limit ends the call.
        axum::routing::put(std::future::pending::<StatusCode>),
    ))
    .await;
    let mut cfg = config(&base);
    cfg.request_timeout = Duration::from_millis(300);
    let err = Client::new(cfg)
        .expect("client")
        .update_identity(CaseKind::Company, 1, &Default::default())
        .await
        .expect_err("timeout");
    assert!(
        matches!(err.kind, ErrorKind::Timeout { sent: true, .. }),
        "{err:?}"
    );
    assert!(err.is_outcome_unknown());
    assert_eq!(err.operation, "PUT /v2/Companies/{id}/identity");
    assert!(err.to_string().contains("check before repeating"), "{err}");
}

#[tokio::test]
async fn a_refused_connection_is_connect() {
    let (token_base, _mock) = start(Router::new()).await;
    // A port nothing listens on.
    let dead = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let dead_addr = dead.local_addr().expect("address");
    drop(dead);
    let mut cfg = config(&format!("http://{dead_addr}"));
    cfg.token_url = Some(format!("{token_base}/connect/token"));
    cfg.retries = 1;
    let err = Client::new(cfg)
        .expect("client")
        .version()
        .await
        .expect_err("refused");
    assert!(matches!(err.kind, ErrorKind::Connect { .. }), "{err:?}");
    assert_eq!(err.operation, "GET /v2/Version");
    assert!(err.is_retryable());
    assert!(!err.is_outcome_unknown());
}

#[tokio::test]
async fn rejected_credentials_are_their_own_kind_and_the_secret_stays_hidden() {
    let (base, _mock) = start(Router::new().route("/v2/Version", get(version))).await;
    let wrong = "wrong-SECRET-value";
    let mut cfg = config(&base);
    cfg.client_secret = Secret::new(wrong);
    let shown_cfg = format!("{cfg:?}");
    let client = Client::new(cfg).expect("client");
    let err = client.version().await.expect_err("rejected");
    assert_eq!(err.kind, ErrorKind::CredentialsRejected);
    assert_eq!(err.operation, "POST /connect/token");
    assert_eq!(err.status, Some(401));
    assert!(err.to_string().contains("client id and secret"), "{err}");
    for text in [
        shown_cfg,
        format!("{client:?}"),
        format!("{err}"),
        format!("{err:?}"),
        format!("{:?}", config(&base)),
    ] {
        assert!(!text.contains(wrong) && !text.contains(SECRET), "{text}");
    }
}

#[tokio::test]
async fn the_token_request_does_not_follow_redirects() {
    let (base, mock) = start(Router::new().route(
        "/elsewhere/token",
        post(|| async {
            (
                StatusCode::TEMPORARY_REDIRECT,
                [(header::LOCATION, "/connect/token")],
            )
        }),
    ))
    .await;
    let mut cfg = config(&base);
    cfg.token_url = Some(format!("{base}/elsewhere/token"));
    let err = Client::new(cfg)
        .expect("client")
        .version()
        .await
        .expect_err("redirect");
    assert!(matches!(err.kind, ErrorKind::Config { .. }), "{err:?}");
    assert_eq!(mock.token_requests.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn multipart_upload_fields_arrive() {
    let (base, mock) = start(Router::new().route(
        "/v2/Individuals/{id}/documents/upload",
        post(|State(m): State<Shared>, mut form: Multipart| async move {
            while let Ok(Some(field)) = form.next_field().await {
                let name = field.name().unwrap_or_default().to_owned();
                let meta = format!(
                    "{}|{}",
                    field.file_name().unwrap_or_default(),
                    field.content_type().unwrap_or_default()
                );
                let bytes = field.bytes().await.expect("field bytes");
                let value = String::from_utf8_lossy(&bytes).into_owned();
                let mut fields = m.fields.lock().expect("lock");
                if name == "file" {
                    fields.insert("file.meta".into(), meta);
                }
                fields.insert(name, value);
            }
            json(
                StatusCode::OK,
                r#"{"caseDocumentId":"55","caseStepId":9,"name":"Passport","category":"photoid","link":"/v2/document/55","prevalidationMessages":[{"key":"quality","value":"ok"}]}"#.into(),
            )
        }),
    ))
    .await;
    let upload = Upload {
        name: "Passport".into(),
        file_cat: "photoid".into(),
        create_new_step: true,
        file_name: "passport.pdf".into(),
        content_type: "application/pdf".into(),
        bytes: b"%PDF-1.4 test".to_vec(),
    };
    let result = client(&base)
        .upload_document(CaseKind::Individual, 1000003802, &upload)
        .await
        .expect("upload");
    assert_eq!(result.case_document_id, Some(55));
    assert_eq!(result.prevalidation_messages.len(), 1);
    let fields = mock.fields.lock().expect("lock").clone();
    assert_eq!(fields["name"], "Passport");
    assert_eq!(fields["fileCat"], "photoid");
    assert_eq!(fields["caseCommonId"], "1000003802");
    assert_eq!(fields["isCompany"], "false");
    assert_eq!(fields["createNewStep"], "true");
    assert_eq!(fields["fileName"], "passport.pdf");
    assert_eq!(fields["file"], "%PDF-1.4 test");
    assert_eq!(fields["file.meta"], "passport.pdf|application/pdf");
}

#[tokio::test]
async fn download_falls_back_to_the_sandbox_path() {
    let (base, mock) = start(
        Router::new()
            .route(
                "/v2/Documents/{id}/document",
                get(|State(m): State<Shared>| async move {
                    m.hits.fetch_add(1, Ordering::SeqCst);
                    json(
                        StatusCode::NOT_FOUND,
                        r#"{"statusCode":404,"message":"Not Found","apiErrors":[]}"#.into(),
                    )
                }),
            )
            .route(
                "/v2/Documents/{id}",
                get(|Path(id): Path<String>| async move {
                    (
                        [
                            (header::CONTENT_TYPE, "application/pdf".to_owned()),
                            (
                                header::CONTENT_DISPOSITION,
                                format!("attachment; filename=\"doc-{id}.pdf\""),
                            ),
                        ],
                        "%PDF-1.4",
                    )
                }),
            ),
    )
    .await;
    let file = client(&base)
        .download_document("3368")
        .await
        .expect("download");
    assert_eq!(file.content_type.as_deref(), Some("application/pdf"));
    assert_eq!(file.file_name.as_deref(), Some("doc-3368.pdf"));
    assert_eq!(file.bytes, b"%PDF-1.4");
    assert_eq!(mock.hits.load(Ordering::SeqCst), 1, "404 is not retried");
}

#[tokio::test]
async fn a_409_report_is_building_and_path_segments_are_encoded() {
    let (base, _mock) = start(
        Router::new()
            .route(
                "/v2/Companies/{id}/report",
                get(|| async {
                    json(
                        StatusCode::CONFLICT,
                        r#"{"statusCode":409,"message":"Case is still building","apiErrors":[]}"#
                            .into(),
                    )
                }),
            )
            .route(
                "/v2/Companies/{id}/properties/{data_type}",
                delete(|Path((id, data_type)): Path<(i64, String)>| async move {
                    assert_eq!(id, 7);
                    assert_eq!(data_type, "Registration Number/Old");
                    StatusCode::NO_CONTENT
                }),
            ),
    )
    .await;
    let client = client(&base);
    let err = client.report(CaseKind::Company, 7).await.expect_err("409");
    assert_eq!(err.kind, ErrorKind::Building);
    assert!(err.to_string().contains("still being built"), "{err}");
    client
        .delete_property(CaseKind::Company, 7, "Registration Number/Old")
        .await
        .expect("encoded segment");
}
