//! Faults on demand: added latency, a share of 5xx answers, 429 bursts, truncated or malformed
//! bodies, dropped connections, tokens that die early and token answers held back. Set at start (`--faults`) or later
//! through the control endpoint; applied to everything under `/api/`.
//!
//! Which requests are hit is drawn from a seeded generator, so a failing run can be replayed.

use std::sync::Mutex;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::metadata::paths;
use crate::server::Shared;

/// The faults to inject. All shares are between 0 and 1; the default injects nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FaultPlan {
    /// Added before every answer under `/api/`.
    pub latency_ms: u64,
    /// Share of requests answered 500, 502 or 503.
    pub server_errors: f64,
    /// The next this many requests are answered 429 with `Retry-After`.
    pub burst_429: u32,
    /// The `Retry-After` of those 429s, in seconds.
    pub retry_after_s: u64,
    /// Share of successful answers cut off halfway (with a `Content-Length` that matches the cut).
    pub truncated: f64,
    /// Share of successful answers whose body is not the JSON that was asked for.
    pub malformed: f64,
    /// Share of successful answers whose connection is dropped halfway through the body.
    pub dropped: f64,
    /// Access tokens stop working this many seconds after they were issued, whatever their
    /// `expires_in` said.
    pub token_life_s: Option<u64>,
    /// The token endpoint's answers are held back this long after the tokens were issued: the
    /// platform has rotated the refresh token, and the client has not heard yet.
    pub token_answer_delay_ms: u64,
    /// Seeds the choice of which requests are hit.
    pub seed: u64,
}

impl Default for FaultPlan {
    fn default() -> Self {
        FaultPlan {
            latency_ms: 0,
            server_errors: 0.0,
            burst_429: 0,
            retry_after_s: 1,
            truncated: 0.0,
            malformed: 0.0,
            dropped: 0.0,
            token_life_s: None,
            token_answer_delay_ms: 0,
            seed: 0,
        }
    }
}

impl FaultPlan {
    /// Parses the `--faults` flag: `name=value` pairs separated by commas, e.g.
    /// `server_errors=0.1,burst_429=3,latency_ms=20`.
    pub fn parse_flag(flag: &str) -> Result<FaultPlan, String> {
        let mut object = serde_json::Map::new();
        for pair in flag.split(',').filter(|p| !p.trim().is_empty()) {
            let (name, value) = pair
                .split_once('=')
                .ok_or_else(|| format!("fault {pair:?} needs a value: name=value"))?;
            let value: serde_json::Value = serde_json::from_str(value.trim())
                .map_err(|_| format!("fault {name}: {value:?} is not a number"))?;
            object.insert(name.trim().to_string(), value);
        }
        let plan: FaultPlan = serde_json::from_value(serde_json::Value::Object(object))
            .map_err(|e| format!("faults: {e}"))?;
        plan.check()?;
        Ok(plan)
    }

    /// Refuses shares outside 0–1.
    pub fn check(&self) -> Result<(), String> {
        for (name, share) in [
            ("server_errors", self.server_errors),
            ("truncated", self.truncated),
            ("malformed", self.malformed),
            ("dropped", self.dropped),
        ] {
            if !(0.0..=1.0).contains(&share) {
                return Err(format!("{name} must be between 0 and 1, not {share}"));
            }
        }
        Ok(())
    }
}

/// The plan in force and the generator that decides which requests it hits.
#[derive(Debug)]
pub(crate) struct Faults {
    inner: Mutex<(FaultPlan, ChaCha8Rng)>,
}

/// What happens to one request.
enum Hit {
    None,
    TooMany(u64),
    ServerError(StatusCode),
    Truncate,
    Malform,
    Drop,
}

impl Faults {
    pub(crate) fn new(plan: FaultPlan) -> Faults {
        let rng = ChaCha8Rng::seed_from_u64(plan.seed);
        Faults {
            inner: Mutex::new((plan, rng)),
        }
    }

    pub(crate) fn set(&self, plan: FaultPlan) {
        let rng = ChaCha8Rng::seed_from_u64(plan.seed);
        *self.lock() = (plan, rng);
    }

    pub(crate) fn plan(&self) -> FaultPlan {
        self.lock().0.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, (FaultPlan, ChaCha8Rng)> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Decides the fate of one request; `(latency, before, after)` where `before` answers
    /// instead of the handler and `after` spoils the handler's answer.
    fn draw(&self) -> (Duration, Hit, Hit) {
        let mut guard = self.lock();
        let (plan, rng) = &mut *guard;
        let latency = Duration::from_millis(plan.latency_ms);
        let before = if plan.burst_429 > 0 {
            plan.burst_429 -= 1;
            Hit::TooMany(plan.retry_after_s)
        } else if rng.random_bool(plan.server_errors) {
            let status = [
                StatusCode::INTERNAL_SERVER_ERROR,
                StatusCode::BAD_GATEWAY,
                StatusCode::SERVICE_UNAVAILABLE,
            ][rng.random_range(0..3)];
            Hit::ServerError(status)
        } else {
            Hit::None
        };
        let after = if rng.random_bool(plan.truncated) {
            Hit::Truncate
        } else if rng.random_bool(plan.malformed) {
            Hit::Malform
        } else if rng.random_bool(plan.dropped) {
            Hit::Drop
        } else {
            Hit::None
        };
        (latency, before, after)
    }
}

/// The middleware: applies the plan to every request under `/api/`.
pub(crate) async fn inject(State(app): State<Shared>, request: Request, next: Next) -> Response {
    if !request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    let token_endpoint = request.uri().path() == paths(app.config.variant).1;
    let (latency, before, after) = app.faults.draw();
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    match before {
        Hit::TooMany(retry_after) => return too_many(retry_after),
        Hit::ServerError(status) => return server_error(status),
        _ => {}
    }
    let response = next.run(request).await;
    let hold = app.faults.plan().token_answer_delay_ms;
    if token_endpoint && hold > 0 {
        tokio::time::sleep(Duration::from_millis(hold)).await;
    }
    if !response.status().is_success() || matches!(after, Hit::None) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.remove(header::ETAG);
    let body = match after {
        Hit::Truncate => Body::from(bytes.slice(..bytes.len() / 2)),
        Hit::Malform => Body::from(malformed(&bytes)),
        _ => dropped_halfway(bytes),
    };
    Response::from_parts(parts, body)
}

fn too_many(retry_after: u64) -> Response {
    let body = serde_json::json!({"error": {"code": "rate_limited", "message": "too many requests; slow down"}});
    let mut response = (StatusCode::TOO_MANY_REQUESTS, axum::Json(body)).into_response();
    if let Ok(value) = HeaderValue::from_str(&retry_after.to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}

/// A 500 carries the server's JSON error; a 502 or 503 comes from the proxy in front, as HTML.
fn server_error(status: StatusCode) -> Response {
    if status == StatusCode::INTERNAL_SERVER_ERROR {
        let body = serde_json::json!({"error": {"code": "internal", "message": "java.lang.NullPointerException at ActivityService.java:212"}});
        return (status, axum::Json(body)).into_response();
    }
    let reason = status.canonical_reason().unwrap_or("Error");
    let html = format!(
        "<html><head><title>{code} {reason}</title></head><body><center><h1>{code} {reason}</h1></center><hr><center>nginx</center></body></html>",
        code = status.as_u16()
    );
    let mut response = (status, html).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html"));
    response
}

/// Something that is not the JSON asked for: a cut-off object with a stray byte, still labelled
/// `application/json`.
fn malformed(bytes: &Bytes) -> Bytes {
    let keep = bytes.len() / 3;
    let mut out = bytes.slice(..keep).to_vec();
    out.extend_from_slice(b"\x00<!-- upstream reset -->");
    Bytes::from(out)
}

/// A body that sends its first half and then fails, so the server drops the connection.
fn dropped_halfway(bytes: Bytes) -> Body {
    let half = bytes.slice(..bytes.len() / 2);
    let chunks: Vec<Result<Bytes, std::io::Error>> = vec![
        Ok(half),
        Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "fault: connection dropped",
        )),
    ];
    Body::from_stream(futures_util::stream::iter(chunks))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_parses_pairs_and_refuses_bad_shares() {
        let plan = FaultPlan::parse_flag("server_errors=0.1, burst_429=3,latency_ms=20").unwrap();
        assert_eq!(plan.server_errors, 0.1);
        assert_eq!(plan.burst_429, 3);
        assert_eq!(plan.latency_ms, 20);
        assert_eq!(plan.retry_after_s, 1);
        assert!(FaultPlan::parse_flag("server_errors=2").is_err());
        assert!(FaultPlan::parse_flag("teapots=1").is_err());
        assert!(FaultPlan::parse_flag("dropped").is_err());
        assert_eq!(FaultPlan::parse_flag("").unwrap(), FaultPlan::default());
    }

    #[test]
    fn same_seed_hits_the_same_requests() {
        let plan = FaultPlan {
            server_errors: 0.3,
            truncated: 0.2,
            seed: 9,
            ..FaultPlan::default()
        };
        let pattern = |faults: &Faults| -> Vec<(bool, bool)> {
            (0..50)
                .map(|_| {
                    let (_, before, after) = faults.draw();
                    (
                        matches!(before, Hit::ServerError(_)),
                        matches!(after, Hit::Truncate),
                    )
                })
                .collect()
        };
        let a = pattern(&Faults::new(plan.clone()));
        let b = pattern(&Faults::new(plan));
        assert_eq!(a, b);
        assert!(a.iter().any(|(e, _)| *e) && a.iter().any(|(e, _)| !*e));
    }

    #[test]
    fn a_burst_hits_exactly_its_count() {
        let faults = Faults::new(FaultPlan {
            burst_429: 2,
            ..FaultPlan::default()
        });
        let hits = (0..5)
            .filter(|_| matches!(faults.draw().1, Hit::TooMany(1)))
            .count();
        assert_eq!(hits, 2);
    }
}
