//! Request limits. VeloPeak counts per token: 100 requests in each 10-second window and 20,000
//! a day, reported on every answer in `X-RateLimit-Limit`, `-Remaining` and `-Reset` (epoch
//! seconds), with 429 and `Retry-After` past the limit. A window opens with a token's first request. Intervals.icu allows about 10 requests
//! a second per address with a short burst and sends no such headers.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Mutex;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use crate::config::{RateLimits, Variant};
use crate::server::Shared;

/// Counts in the current short window and the current UTC day.
#[derive(Debug, Default, Clone, Copy)]
struct Usage {
    window_start: i64,
    in_window: u32,
    day: i64,
    in_day: u32,
}

/// The verdict on one request.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Verdict {
    pub allowed: bool,
    pub limit: u32,
    pub remaining: u32,
    /// Epoch seconds when the binding window resets.
    pub reset: i64,
}

#[derive(Debug, Default)]
pub(crate) struct RateLimiter {
    usage: Mutex<HashMap<[u8; 32], Usage>>,
}

impl RateLimiter {
    /// Counts a request of `key` at `now` (refused requests count too, as on most platforms).
    pub(crate) fn check(&self, key: &[u8], now: DateTime<Utc>, limits: &RateLimits) -> Verdict {
        let key: [u8; 32] = Sha256::digest(key).into();
        let window_s = i64::try_from(limits.window.as_secs().max(1)).unwrap_or(10);
        let t = now.timestamp();
        let day = t.div_euclid(86_400);
        let mut usage = self.usage.lock().unwrap_or_else(|e| e.into_inner());
        let u = usage.entry(key).or_default();
        // A window opens with the first request after the previous one closed, so a burst is
        // never split by a boundary that has nothing to do with the caller.
        if u.in_window == 0 || t >= u.window_start + window_s {
            u.window_start = t;
            u.in_window = 0;
        }
        if u.day != day {
            u.day = day;
            u.in_day = 0;
        }
        u.in_window = u.in_window.saturating_add(1);
        u.in_day = u.in_day.saturating_add(1);
        if u.in_day > limits.per_day {
            return Verdict {
                allowed: false,
                limit: limits.per_day,
                remaining: 0,
                reset: (day + 1) * 86_400,
            };
        }
        Verdict {
            allowed: u.in_window <= limits.per_window,
            limit: limits.per_window,
            remaining: limits.per_window.saturating_sub(u.in_window),
            reset: u.window_start + window_s,
        }
    }
}

fn set(headers: &mut HeaderMap, name: &'static str, value: i64) {
    if let Ok(v) = HeaderValue::from_str(&value.to_string()) {
        headers.insert(name, v);
    }
}

/// The middleware, for everything under `/api/v1/`.
pub(crate) async fn limit(
    State(app): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
    next: Next,
) -> Response {
    let now = app.clock.now();
    if !request.uri().path().starts_with("/api/v1/") {
        let mut response = next.run(request).await;
        set_date(&mut response, now);
        return response;
    }
    let limits = app.config.rate_limits;
    if app.config.variant == Variant::Intervals {
        // Per address, about ten a second: a one-second window of ten with no headers.
        let per_second = RateLimits {
            per_window: 10,
            window: std::time::Duration::from_secs(1),
            per_day: u32::MAX,
        };
        let verdict = app
            .limiter
            .check(peer.ip().to_string().as_bytes(), now, &per_second);
        if !verdict.allowed {
            let body = serde_json::json!({"status": 429, "error": "Too Many Requests"});
            let mut response = (StatusCode::TOO_MANY_REQUESTS, axum::Json(body)).into_response();
            set_date(&mut response, now);
            return response;
        }
        let mut response = next.run(request).await;
        set_date(&mut response, now);
        return response;
    }
    let key = request
        .headers()
        .get(header::AUTHORIZATION)
        .map(|v| v.as_bytes().to_vec())
        .unwrap_or_else(|| format!("anonymous {}", peer.ip()).into_bytes());
    let verdict = app.limiter.check(&key, now, &limits);
    let mut response = if verdict.allowed {
        next.run(request).await
    } else {
        let body = serde_json::json!({"error": {"code": "rate_limited", "message": "rate limit exceeded; retry after the time in Retry-After"}});
        let mut response = (StatusCode::TOO_MANY_REQUESTS, axum::Json(body)).into_response();
        set(
            response.headers_mut(),
            "retry-after",
            (verdict.reset - now.timestamp()).max(1),
        );
        response
    };
    let headers = response.headers_mut();
    set(headers, "x-ratelimit-limit", i64::from(verdict.limit));
    set(
        headers,
        "x-ratelimit-remaining",
        i64::from(verdict.remaining),
    );
    set(headers, "x-ratelimit-reset", verdict.reset);
    set_date(&mut response, now);
    response
}

/// The `Date` header from the server's own clock (which tests move forward), so that it agrees
/// with `X-RateLimit-Reset` and every stamp the server hands out.
fn set_date(response: &mut Response, now: DateTime<Utc>) {
    let text = now.format("%a, %d %b %Y %H:%M:%S GMT").to_string();
    if let Ok(value) = HeaderValue::from_str(&text) {
        response.headers_mut().insert(header::DATE, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn window_and_day_limits() {
        let limiter = RateLimiter::default();
        let limits = RateLimits {
            per_window: 3,
            window: std::time::Duration::from_secs(10),
            per_day: 5,
        };
        let t0 = Utc.with_ymd_and_hms(2026, 1, 1, 12, 0, 1).unwrap();
        let verdicts: Vec<Verdict> = (0..4).map(|_| limiter.check(b"a", t0, &limits)).collect();
        assert_eq!(verdicts[0].remaining, 2);
        assert!(verdicts[2].allowed && !verdicts[3].allowed);
        assert_eq!(verdicts[3].reset, t0.timestamp() + 10);
        // Another token has its own budget.
        assert!(limiter.check(b"b", t0, &limits).allowed);
        // The next window allows again, until the day runs out.
        let t1 = t0 + chrono::Duration::seconds(10);
        assert!(limiter.check(b"a", t1, &limits).allowed);
        let over_day = limiter.check(b"a", t1, &limits);
        assert!(!over_day.allowed);
        assert_eq!(over_day.limit, 5);
        assert_eq!(
            over_day.reset,
            Utc.with_ymd_and_hms(2026, 1, 2, 0, 0, 0)
                .unwrap()
                .timestamp()
        );
    }
}
