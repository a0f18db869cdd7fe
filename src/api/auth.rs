//! OAuth2 client credentials: one cached bearer token, renewed shortly before it expires.
//!
//! Tokens live ten minutes. Every call asks [`TokenSource::bearer`]; the refresh runs under a
//! `tokio::sync::Mutex`, so when many calls find the token stale only the first fetches a new
//! one and the others wait for it and reuse it. A 401 on an API call invalidates exactly the
//! token that was refused ([`TokenSource::invalidate`]), so concurrent 401s renew once.

use super::error::{ApiError, ErrorKind};
use super::flex;
use super::secret::Secret;
use base64::Engine as _;
use reqwest::header::{AUTHORIZATION, HeaderValue, LOCATION};
use serde::Deserialize;
use std::time::Duration;
use tokio::sync::Mutex;
use tokio::time::Instant;

/// The operation name errors of the token request carry.
pub(crate) const TOKEN_OP: &str = "POST /connect/token";

/// Lifetime assumed when the token response does not say (the guide's ten minutes).
const DEFAULT_LIFETIME: Duration = Duration::from_secs(600);
/// Renew this long before expiry at the latest…
const RENEW_MARGIN: Duration = Duration::from_secs(60);
/// …or after this share of the lifetime has passed, for short-lived tokens.
const RENEW_SHARE: u32 = 10;

/// Fetches and caches the bearer token.
pub(crate) struct TokenSource {
    /// A client that never follows redirects: a redirect would carry the secret elsewhere.
    http: reqwest::Client,
    url: String,
    client_id: String,
    secret: Secret,
    connect_timeout: Duration,
    timeout: Duration,
    cache: Mutex<Option<CachedToken>>,
}

struct CachedToken {
    token: Secret,
    renew_at: Instant,
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: Secret,
    #[serde(default, deserialize_with = "flex::opt_id")]
    expires_in: Option<i64>,
}

impl TokenSource {
    pub(crate) fn new(
        http: reqwest::Client,
        url: String,
        client_id: String,
        secret: Secret,
        connect_timeout: Duration,
        timeout: Duration,
    ) -> TokenSource {
        TokenSource {
            http,
            url,
            client_id,
            secret,
            connect_timeout,
            timeout,
            cache: Mutex::new(None),
        }
    }

    /// A token that is not about to expire: the cached one, or a fresh one.
    pub(crate) async fn bearer(&self) -> Result<Secret, ApiError> {
        let mut slot = self.cache.lock().await;
        if let Some(cached) = slot.as_ref() {
            if Instant::now() < cached.renew_at {
                return Ok(cached.token.clone());
            }
        }
        let fresh = self.fetch().await?;
        let token = fresh.token.clone();
        *slot = Some(fresh);
        Ok(token)
    }

    /// Forget `rejected` if it is still the cached token (a newer one is kept).
    pub(crate) async fn invalidate(&self, rejected: &Secret) {
        let mut slot = self.cache.lock().await;
        if slot.as_ref().is_some_and(|c| &c.token == rejected) {
            *slot = None;
        }
    }

    async fn fetch(&self) -> Result<CachedToken, ApiError> {
        let basic = basic_authorization(&self.client_id, &self.secret)?;
        let form = [
            ("grant_type", "client_credentials"),
            ("client_id", self.client_id.as_str()),
            ("client_secret", self.secret.expose()),
            ("audience", "PublicApi"),
            ("scope", "PublicApi"),
        ];
        let started = Instant::now();
        let response = self
            .http
            .post(&self.url)
            .header(AUTHORIZATION, basic)
            .form(&form)
            .timeout(self.timeout)
            .send()
            .await
            .map_err(|e| self.transport_error(&e))?;
        let status = response.status();
        if status.is_redirection() {
            let to = response
                .headers()
                .get(LOCATION)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("elsewhere")
                .to_owned();
            let mut e = ApiError::new(
                TOKEN_OP,
                ErrorKind::Config {
                    problem: format!(
                        "the token URL {} redirects to {to}; redirects are not followed so the \
                         secret is not sent elsewhere: configure the final URL",
                        self.url
                    ),
                },
            );
            e.status = Some(status.as_u16());
            return Err(e);
        }
        let body = response
            .bytes()
            .await
            .map_err(|e| self.transport_error(&e))?;
        if !status.is_success() {
            let mut e = ApiError::from_status(TOKEN_OP, status, &body, None);
            if refuses_client(status.as_u16(), &body) {
                e.kind = ErrorKind::CredentialsRejected;
            }
            return Err(e);
        }
        let mut de = serde_json::Deserializer::from_slice(&body);
        let parsed: TokenResponse = serde_path_to_error::deserialize(&mut de)
            .map_err(|e| ApiError::decode(TOKEN_OP, &e, &body, false))?;
        let lifetime = parsed
            .expires_in
            .and_then(|s| u64::try_from(s).ok())
            .filter(|&s| s > 0)
            .map_or(DEFAULT_LIFETIME, Duration::from_secs);
        let margin = RENEW_MARGIN.min(lifetime / RENEW_SHARE);
        Ok(CachedToken {
            token: parsed.access_token,
            renew_at: started + lifetime - margin,
        })
    }

    fn transport_error(&self, err: &reqwest::Error) -> ApiError {
        ApiError::from_reqwest(TOKEN_OP, err, self.connect_timeout, self.timeout)
    }
}

/// Whether the token endpoint's error means "these client credentials are not accepted":
/// 401/403, or OAuth's `invalid_client` / `unauthorized_client` on a 400.
fn refuses_client(status: u16, body: &[u8]) -> bool {
    match status {
        401 | 403 => true,
        400 => {
            let text = String::from_utf8_lossy(body);
            text.contains("invalid_client") || text.contains("unauthorized_client")
        }
        _ => false,
    }
}

/// `Basic base64(id:secret)` with the pair encoded as ISO-8859-1, as the guide shows.
fn basic_authorization(client_id: &str, secret: &Secret) -> Result<HeaderValue, ApiError> {
    let mut raw = zeroize::Zeroizing::new(Vec::new());
    for part in [client_id, ":", secret.expose()] {
        for c in part.chars() {
            let byte = u8::try_from(u32::from(c)).map_err(|_| {
                ApiError::new(
                    TOKEN_OP,
                    ErrorKind::Config {
                        problem: "the client id or secret contains a character outside \
                                  ISO-8859-1, which HTTP Basic authentication cannot carry"
                            .to_owned(),
                    },
                )
            })?;
            raw.push(byte);
        }
    }
    let encoded = zeroize::Zeroizing::new(base64::engine::general_purpose::STANDARD.encode(&*raw));
    let header = zeroize::Zeroizing::new(format!("Basic {}", encoded.as_str()));
    let mut value = HeaderValue::from_str(&header).map_err(|_| {
        ApiError::new(
            TOKEN_OP,
            ErrorKind::Config {
                problem: "the Basic authorization header could not be built".to_owned(),
            },
        )
    })?;
    value.set_sensitive(true);
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_is_latin1() {
        let v = basic_authorization("id", &Secret::new("pé")).expect("latin-1");
        // "id:p\xe9" in base64
        assert_eq!(v.to_str().ok(), Some("Basic aWQ6cOk="));
        assert!(v.is_sensitive());
    }

    #[test]
    fn non_latin1_is_refused() {
        let e = basic_authorization("id", &Secret::new("p€")).expect_err("not latin-1");
        assert!(matches!(e.kind, ErrorKind::Config { .. }));
        assert!(!e.to_string().contains('€'));
    }
}
