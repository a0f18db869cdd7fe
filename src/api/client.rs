//! The client: configuration, construction, and the shared state behind a cheap `Clone`.

use super::auth::TokenSource;
use super::error::{ApiError, ErrorKind};
use super::secret::Secret;
use std::fmt;
use std::sync::{Arc, Once};
use std::time::Duration;

/// Where and how to reach the API.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// e.g. `https://api-uat.knowyourcustomer.com` (no `/v2`).
    pub base_url: String,
    /// The identity host is not always the API host; `None` means `{base_url}/connect/token`.
    pub token_url: Option<String>,
    pub client_id: String,
    pub client_secret: Secret,
    /// Limit for establishing a connection.
    pub connect_timeout: Duration,
    /// Limit for a whole request, answer included.
    pub request_timeout: Duration,
    /// Limit for registry searches, which take up to 150 s (the gateway stops at 300 s).
    pub search_timeout: Duration,
    /// How many times an idempotent request is repeated after a transient failure.
    pub retries: u32,
    /// First back-off step; each retry waits a random time up to `backoff_base * 2^attempt`.
    pub backoff_base: Duration,
    pub user_agent: String,
}

impl ClientConfig {
    /// A configuration with the default limits.
    pub fn new(
        base_url: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: Secret,
    ) -> ClientConfig {
        ClientConfig {
            base_url: base_url.into(),
            token_url: None,
            client_id: client_id.into(),
            client_secret,
            connect_timeout: Duration::from_secs(5),
            request_timeout: Duration::from_secs(30),
            search_timeout: Duration::from_secs(300),
            retries: 3,
            backoff_base: Duration::from_millis(250),
            user_agent: concat!("kyc-console/", env!("CARGO_PKG_VERSION")).to_owned(),
        }
    }

    /// The token URL this configuration uses.
    pub fn effective_token_url(&self) -> String {
        match &self.token_url {
            Some(url) => url.clone(),
            None => format!("{}/connect/token", self.base_url.trim_end_matches('/')),
        }
    }
}

/// The API client. Cloning is cheap; clones share the connection pool and the token.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) http: reqwest::Client,
    /// Base URL without a trailing slash.
    pub(crate) base: String,
    pub(crate) auth: TokenSource,
    pub(crate) connect_timeout: Duration,
    pub(crate) request_timeout: Duration,
    pub(crate) search_timeout: Duration,
    pub(crate) retries: u32,
    pub(crate) backoff_base: Duration,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base)
            .finish_non_exhaustive()
    }
}

/// The operation name of errors raised while building the client.
const SETUP_OP: &str = "client setup";

impl Client {
    pub fn new(cfg: ClientConfig) -> Result<Client, ApiError> {
        install_crypto_provider();
        let base = cfg.base_url.trim_end_matches('/').to_owned();
        let token_url = cfg.effective_token_url();
        for url in [&base, &token_url] {
            reqwest::Url::parse(url)
                .map_err(|e| config_error(format!("{url:?} is not a URL: {e}")))?;
        }
        let builder = || {
            reqwest::Client::builder()
                .user_agent(cfg.user_agent.clone())
                .connect_timeout(cfg.connect_timeout)
        };
        let http = builder()
            .build()
            .map_err(|e| config_error(format!("the HTTP client cannot be built: {e}")))?;
        let token_http = builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| config_error(format!("the HTTP client cannot be built: {e}")))?;
        let auth = TokenSource::new(
            token_http,
            token_url,
            cfg.client_id,
            cfg.client_secret,
            cfg.connect_timeout,
            cfg.request_timeout,
        );
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base,
                auth,
                connect_timeout: cfg.connect_timeout,
                request_timeout: cfg.request_timeout,
                search_timeout: cfg.search_timeout,
                retries: cfg.retries,
                backoff_base: cfg.backoff_base,
            }),
        })
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.inner.base
    }
}

fn config_error(problem: String) -> ApiError {
    ApiError::new(SETUP_OP, ErrorKind::Config { problem })
}

/// reqwest is built without a TLS provider of its own; install ring's once per process.
/// Another part of the process may have installed one already, which is just as good.
fn install_crypto_provider() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let _already_installed = rustls::crypto::ring::default_provider().install_default();
    });
}
