//! The yardstick for a full sync: the very requests the sync made, sent again with the same
//! client settings and the same number in flight — the summaries one after another in the
//! sync's order, then the streams several at a time — each body read whole (decompressed) and
//! dropped: no parsing, no storing.

use crate::relay::Request;
use futures_util::StreamExt;
use std::time::{Duration, Instant};

/// What the plain fetch did.
#[derive(Debug, Clone, Copy, Default)]
pub struct Fetched {
    pub requests: u64,
    /// Body bytes, decompressed.
    pub bytes: u64,
    /// Answers other than 200.
    pub not_ok: u64,
    pub elapsed: Duration,
}

/// True for a request for an activity's streams.
pub fn is_streams(request: &Request) -> bool {
    request
        .api_path()
        .is_some_and(|path| path.ends_with("/streams"))
}

/// GETs `requests` with `http` and the bearer `token`: all but the streams one at a time in
/// their order, then the streams `in_flight` at a time.
pub async fn fetch(
    http: &reqwest::Client,
    token: &str,
    requests: &[Request],
    in_flight: usize,
) -> Fetched {
    let started = Instant::now();
    let mut fetched = Fetched::default();
    for request in requests.iter().filter(|r| !is_streams(r)) {
        fetched.add(get(http, token, &request.url).await);
    }
    let mut streams = futures_util::stream::iter(requests.iter().filter(|r| is_streams(r)))
        .map(|request| get(http, token, &request.url))
        .buffer_unordered(in_flight);
    while let Some(answer) = streams.next().await {
        fetched.add(answer);
    }
    fetched.elapsed = started.elapsed();
    fetched
}

impl Fetched {
    fn add(&mut self, (ok, bytes): (bool, u64)) {
        self.requests += 1;
        self.bytes += bytes;
        self.not_ok += u64::from(!ok);
    }
}

/// One GET, its body read whole: whether it answered 200, and the body's size.
async fn get(http: &reqwest::Client, token: &str, url: &str) -> (bool, u64) {
    let Ok(response) = http.get(url).bearer_auth(token).send().await else {
        return (false, 0);
    };
    let ok = response.status() == reqwest::StatusCode::OK;
    match response.bytes().await {
        Ok(body) => (ok, body.len() as u64),
        Err(_) => (false, 0),
    }
}
