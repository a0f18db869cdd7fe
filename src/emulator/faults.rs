//! Fault injection: the emulator misbehaves, at given rates, the ways a real gateway and network
//! do, so the console's handling of them can be tried and tested.
//!
//! Faults apply to `/v2` only. The token endpoint is left alone: a failed token request never
//! sends the call it was for and the client already retries it, so faults there would only slow
//! a session down without testing anything new, and the counts would no longer be per API call.
//!
//! Where a fault strikes matters for a change. A `500` answers *instead of* the handler (nothing
//! changed: the console may offer to send again). A `504` and a reset strike, half the time
//! each, *before* the handler (the request never got through) or *after* it (the change was
//! made, the answer is lost): the console cannot tell the two apart from the answer, which is
//! exactly why it reads back before it offers to repeat a change. A malformed, truncated or
//! slow answer comes *after* the handler ran.
//!
//! Each draw depends only on the seed, the request's method and path, and how many times that
//! method and path came before: a session meets the same faults on every run, even when its
//! requests race each other and arrive in a different order.

use super::clock::Clock;
use super::error::ApiError;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures::StreamExt;
use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

/// One way of misbehaving.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FaultKind {
    /// The guide's 500 body, before the handler runs.
    Internal,
    /// 504 with no body after the delay; half of them after the handler ran (the gateway gave
    /// up while the service went on), half before it (the request never got through).
    GatewayTimeout,
    /// The handler's status and headers with a body that is not JSON.
    Malformed,
    /// Half the body, then the connection drops.
    Truncate,
    /// The connection drops before any answer; like a 504, before or after the handler.
    Reset,
    /// The real answer, trickled out in small pieces over the slow time.
    Slow,
}

impl FaultKind {
    pub const ALL: [FaultKind; 6] = [
        FaultKind::Internal,
        FaultKind::GatewayTimeout,
        FaultKind::Malformed,
        FaultKind::Truncate,
        FaultKind::Reset,
        FaultKind::Slow,
    ];

    /// The name in a fault spec (`500=0.05,…`) and in the counts.
    pub fn name(self) -> &'static str {
        match self {
            FaultKind::Internal => "500",
            FaultKind::GatewayTimeout => "504",
            FaultKind::Malformed => "malformed",
            FaultKind::Truncate => "truncate",
            FaultKind::Reset => "reset",
            FaultKind::Slow => "slow",
        }
    }

    fn from_name(s: &str) -> Option<FaultKind> {
        FaultKind::ALL.into_iter().find(|k| k.name() == s)
    }
}

/// Which faults, how often, and how slow.
#[derive(Debug, Clone, PartialEq)]
pub struct FaultSpec {
    /// The chance of each kind per request; together at most 1.
    pub rates: BTreeMap<FaultKind, f64>,
    pub seed: u64,
    /// How long a 504 takes to come.
    pub gateway_delay: Duration,
    /// How long a slow answer takes to trickle out.
    pub slow_for: Duration,
}

impl Default for FaultSpec {
    fn default() -> Self {
        FaultSpec {
            rates: BTreeMap::new(),
            seed: 1,
            gateway_delay: Duration::from_secs(1),
            slow_for: Duration::from_secs(2),
        }
    }
}

impl FaultSpec {
    /// `500=0.05,504=0.02,malformed=0.02,truncate=0.02,reset=0.02,slow=0.05`, optionally with
    /// `delay=MS` (how long a 504 takes and a slow answer trickles; default 1000 and 2000).
    pub fn parse(s: &str) -> Result<FaultSpec, String> {
        let mut spec = FaultSpec::default();
        for item in s.split(',').map(str::trim).filter(|i| !i.is_empty()) {
            let (name, value) = item
                .split_once('=')
                .ok_or_else(|| format!("{item:?}: expected KIND=RATE, e.g. 500=0.05"))?;
            let (name, value) = (name.trim(), value.trim());
            if name == "delay" {
                let ms = value
                    .parse::<u64>()
                    .map_err(|_| format!("delay={value}: milliseconds, a whole number"))?;
                spec.gateway_delay = Duration::from_millis(ms);
                spec.slow_for = Duration::from_millis(ms);
                continue;
            }
            let kind = FaultKind::from_name(name).ok_or_else(|| {
                format!(
                    "unknown fault {name:?}: use {} or delay",
                    FaultKind::ALL.map(FaultKind::name).join(", ")
                )
            })?;
            let rate = value
                .parse::<f64>()
                .ok()
                .filter(|r| (0.0..=1.0).contains(r))
                .ok_or_else(|| format!("{item:?}: the rate must be between 0 and 1"))?;
            spec.rates.insert(kind, rate);
        }
        let total: f64 = spec.rates.values().sum();
        if total > 1.0 + 1e-9 {
            return Err(format!("the rates add up to {total}, more than 1"));
        }
        Ok(spec)
    }
}

/// The live fault injector, shared by the server and whoever holds the [`super::Running`]:
/// it counts what it injected and can be paused (a test reads the final state fault-free).
#[derive(Debug, Clone)]
pub struct Faults {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    spec: FaultSpec,
    /// How many times each method and path has been drawn for.
    seen: Mutex<HashMap<String, u64>>,
    counts: Mutex<BTreeMap<FaultKind, u64>>,
    /// How many 504s and resets struck before the handler ran.
    before: AtomicU64,
    paused: AtomicBool,
    /// What a 504's delay and a slow answer's trickle are waited on.
    clock: Clock,
}

/// A poisoned lock only means another request panicked holding it; the data is still sound.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Faults {
    pub fn new(spec: FaultSpec, clock: Clock) -> Faults {
        Faults {
            inner: Arc::new(Inner {
                seen: Mutex::new(HashMap::new()),
                spec,
                counts: Mutex::new(BTreeMap::new()),
                before: AtomicU64::new(0),
                paused: AtomicBool::new(false),
                clock,
            }),
        }
    }

    /// Stop (or resume) injecting; paused requests draw nothing, so the sequence resumes intact.
    pub fn pause(&self, paused: bool) {
        self.inner.paused.store(paused, Ordering::SeqCst);
    }

    /// How many of each kind were injected so far.
    pub fn counts(&self) -> BTreeMap<FaultKind, u64> {
        lock(&self.inner.counts).clone()
    }

    /// How many of the injected 504s and resets struck before the handler ran (nothing done).
    pub fn before_handler(&self) -> u64 {
        self.inner.before.load(Ordering::SeqCst)
    }

    /// Draw the fate of one request, named by method and path (`PATCH /v2/CaseSteps/1/status/2`):
    /// the fault, and whether it strikes before the handler runs.
    fn draw(&self, request: &str) -> Option<(FaultKind, bool)> {
        if self.inner.paused.load(Ordering::SeqCst) || self.inner.spec.rates.is_empty() {
            return None;
        }
        let nth = {
            let mut seen = lock(&self.inner.seen);
            let n = seen.entry(request.to_owned()).or_insert(0);
            *n += 1;
            *n
        };
        let bits = mix(fnv1a(self.inner.spec.seed, request, nth));
        // The top 53 bits as a fraction in [0, 1).
        let roll = (bits >> 11) as f64 / (1u64 << 53) as f64;
        let mut edge = 0.0;
        let kind = self.inner.spec.rates.iter().find_map(|(&kind, &rate)| {
            edge += rate;
            (roll < edge).then_some(kind)
        })?;
        // The lowest bit (unused by the roll) picks the side for the kinds that have two.
        let before = match kind {
            FaultKind::Internal => true,
            FaultKind::GatewayTimeout | FaultKind::Reset => bits & 1 == 1,
            FaultKind::Malformed | FaultKind::Truncate | FaultKind::Slow => false,
        };
        Some((kind, before))
    }

    fn count(&self, kind: FaultKind) {
        *lock(&self.inner.counts).entry(kind).or_insert(0) += 1;
    }
}

/// FNV-1a over the seed, the request and its count: stable across runs and builds.
fn fnv1a(seed: u64, request: &str, nth: u64) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let bytes = seed
        .to_le_bytes()
        .into_iter()
        .chain(request.bytes())
        .chain(nth.to_le_bytes());
    for b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// splitmix64's finaliser: every input bit reaches every output bit, so requests whose
/// names differ in one byte (or one count) draw independently.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The middleware: draws a fault for each `/v2` request and carries it out.
pub async fn inject(State(faults): State<Faults>, req: Request, next: Next) -> Response {
    if !req.uri().path().starts_with("/v2/") {
        return next.run(req).await;
    }
    let name = format!("{} {}", req.method(), req.uri());
    let Some((mut kind, before)) = faults.draw(&name) else {
        return next.run(req).await;
    };
    if before {
        faults.count(kind);
        if kind != FaultKind::Internal {
            faults.inner.before.fetch_add(1, Ordering::SeqCst);
        }
        return match kind {
            FaultKind::GatewayTimeout => {
                faults
                    .inner
                    .clock
                    .sleep(faults.inner.spec.gateway_delay)
                    .await;
                StatusCode::GATEWAY_TIMEOUT.into_response()
            }
            FaultKind::Reset => reset(),
            _ => ApiError::internal().into_response(),
        };
    }
    let response = next.run(req).await;
    let (mut parts, body) = response.into_parts();
    // The handler's answers are small and already complete: reading them cannot wait long.
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    // A 204 has no body to garble or cut: its connection drops instead.
    if bytes.is_empty() && matches!(kind, FaultKind::Malformed | FaultKind::Truncate) {
        kind = FaultKind::Reset;
    }
    faults.count(kind);
    let spec = &faults.inner.spec;
    match kind {
        FaultKind::GatewayTimeout => {
            faults.inner.clock.sleep(spec.gateway_delay).await;
            StatusCode::GATEWAY_TIMEOUT.into_response()
        }
        FaultKind::Malformed => {
            let garbled = Bytes::from_static(b"{\"caseDetail\": <html>Service Unavailable");
            parts.headers.insert(
                header::CONTENT_LENGTH,
                HeaderValue::from(garbled.len() as u64),
            );
            Response::from_parts(parts, Body::from(garbled))
        }
        FaultKind::Truncate => {
            // The length promises the whole body; half comes, then the connection breaks.
            // The pause lets the status line and the first half reach the client first.
            let half = bytes.slice(..bytes.len() / 2);
            parts.headers.insert(
                header::CONTENT_LENGTH,
                HeaderValue::from(bytes.len() as u64),
            );
            let stream = futures::stream::iter([Ok(half), Err(())]).then(|piece| async move {
                match piece {
                    Ok(b) => Ok(b),
                    Err(()) => {
                        tokio::time::sleep(Duration::from_millis(20)).await;
                        Err(dropped())
                    }
                }
            });
            Response::from_parts(parts, Body::from_stream(stream))
        }
        FaultKind::Reset => reset(),
        FaultKind::Slow => Response::from_parts(
            parts,
            trickle(bytes, spec.slow_for, faults.inner.clock.clone()),
        ),
        FaultKind::Internal => ApiError::internal().into_response(),
    }
}

/// A response whose body fails at once: hyper closes the connection before the status line.
fn reset() -> Response {
    let pieces: Vec<Result<Bytes, std::io::Error>> = vec![Err(dropped())];
    Body::from_stream(futures::stream::iter(pieces)).into_response()
}

fn dropped() -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::ConnectionReset, "fault injected")
}

/// The body in ten pieces, spread evenly over `over` on `clock`.
fn trickle(bytes: Bytes, over: Duration, clock: Clock) -> Body {
    const PIECES: usize = 10;
    let step = bytes.len().div_ceil(PIECES).max(1);
    let pause = over / PIECES as u32;
    let stream = futures::stream::unfold(0usize, move |at| {
        let bytes = bytes.clone();
        let clock = clock.clone();
        async move {
            if at >= bytes.len() {
                return None;
            }
            clock.sleep(pause).await;
            let end = (at + step).min(bytes.len());
            Some((Ok::<_, std::io::Error>(bytes.slice(at..end)), end))
        }
    });
    Body::from_stream(stream)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_parse_with_clear_errors() {
        let s = FaultSpec::parse("500=0.05, 504=0.02,reset=0.1,delay=250").unwrap();
        assert_eq!(s.rates.get(&FaultKind::Internal), Some(&0.05));
        assert_eq!(s.rates.get(&FaultKind::Reset), Some(&0.1));
        assert_eq!(s.gateway_delay, Duration::from_millis(250));
        assert!(
            FaultSpec::parse("503=0.1")
                .unwrap_err()
                .contains("unknown fault")
        );
        assert!(FaultSpec::parse("500").unwrap_err().contains("KIND=RATE"));
        assert!(
            FaultSpec::parse("500=2")
                .unwrap_err()
                .contains("between 0 and 1")
        );
        assert!(
            FaultSpec::parse("500=0.6,slow=0.6")
                .unwrap_err()
                .contains("more than 1")
        );
    }

    #[test]
    fn draws_repeat_for_a_seed_and_follow_the_rates() {
        let spec = FaultSpec::parse("500=0.2,slow=0.3").unwrap();
        // One request, drawn again and again: each time independently.
        let draws = |f: &Faults| {
            (0..1000)
                .map(|_| f.draw("GET /v2/Companies/1000003004/lm-alerts"))
                .collect::<Vec<_>>()
        };
        let (a, b) = (
            Faults::new(spec.clone(), Clock::system()),
            Faults::new(spec, Clock::system()),
        );
        let first = draws(&a);
        assert_eq!(first, draws(&b));
        let n = |k| {
            first
                .iter()
                .filter(|d| d.map(|(kind, _)| kind) == Some(k))
                .count()
        };
        assert!(
            first
                .iter()
                .flatten()
                .all(|(k, before)| *before == (*k == FaultKind::Internal))
        );
        assert!(
            (150..250).contains(&n(FaultKind::Internal)),
            "{}",
            n(FaultKind::Internal)
        );
        assert!(
            (250..350).contains(&n(FaultKind::Slow)),
            "{}",
            n(FaultKind::Slow)
        );
        a.pause(true);
        assert_eq!(a.draw("GET /v2/Version"), None);
    }
}
