//! One request sent with manners: paced, tried again when a passing fault allows it, its body
//! read within the cap and parsed, and the final answer or error handed back.

use super::Manners;
use super::body::{BodyError, read_capped};
use super::limiter::Report;
use crate::ProviderError;
use reqwest::header::{HeaderMap, RETRY_AFTER};
use std::time::Duration;
use tokio::time::Instant;

/// The most requests Intervals.icu takes in any rolling second, and the window it is counted
/// over: a second and a margin, so that requests never land in one wall-clock second of the
/// platform's however the network delays them.
const PER_SECOND_WINDOW: Duration = Duration::from_millis(1100);

/// How a platform limits requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pacing {
    /// The answers' `X-RateLimit-*` headers say (VeloPeak).
    RateLimitHeaders,
    /// At most this many in any second; no headers (Intervals.icu).
    PerSecond(u32),
}

/// What a request is, as far as its manners need to know.
pub(crate) struct Call<'a> {
    /// For an offline error: the platform that could not be reached.
    pub origin: &'a str,
    /// For an error: the path asked.
    pub path: &'a str,
    pub pacing: Pacing,
    /// Whether sending it twice does no harm (GET, DELETE). A request that is not is tried again
    /// only when it surely did not arrive: a 429, or no connection at all.
    pub idempotent: bool,
}

/// The final answer to a request.
pub(crate) enum Reply<T> {
    /// A 2xx with its body parsed, its headers and the body's size (decompressed).
    Fresh {
        value: T,
        headers: HeaderMap,
        bytes: u64,
    },
    /// `304 Not Modified`.
    NotModified,
    /// Any other 4xx but 429: the platform's answer, for the client to explain.
    Refused { status: u16, headers: HeaderMap },
}

/// How one try went.
enum Try<T> {
    Done(Result<Reply<T>, ProviderError>),
    /// A 429: the platform acted on nothing; try again after `after` (or a back-off).
    TurnedAway {
        after: Option<Duration>,
    },
    /// A 5xx, a timeout, a dropped connection, a body cut off or unreadable.
    Failed(ProviderError),
    /// No connection at all.
    Unreachable(ProviderError),
}

impl Manners {
    /// Sends the request `build` makes (once per try), parsing a 2xx body with `parse`. A body
    /// that is not JSON, or is cut off, is tried again; JSON of the wrong shape is not (it would
    /// come back the same).
    pub(crate) async fn send<T>(
        &self,
        call: &Call<'_>,
        build: impl Fn() -> reqwest::RequestBuilder,
        parse: impl Fn(&[u8]) -> Result<T, serde_json::Error>,
    ) -> Result<Reply<T>, ProviderError> {
        let policy = self.policy().clone();
        let mut tries = 0u32;
        let mut unreachable = 0u32;
        loop {
            self.pace(call.pacing).await?;
            tries += 1;
            Manners::count(&self.inner.counters.requests);
            let wait = match self.try_once(call, build(), &parse).await {
                Try::Done(result) => return result,
                Try::Unreachable(error) => {
                    unreachable += 1;
                    if unreachable >= policy.offline_attempts {
                        return Err(error);
                    }
                    policy.base.min(policy.cap)
                }
                Try::TurnedAway { after } => {
                    let wait = after.unwrap_or_else(|| policy.backoff(tries));
                    if tries >= policy.attempts || wait > policy.max_wait {
                        return Err(ProviderError::RateLimited { retry_after: wait });
                    }
                    wait
                }
                Try::Failed(error) => {
                    if tries >= policy.attempts || !call.idempotent {
                        return Err(error);
                    }
                    policy.backoff(tries)
                }
            };
            Manners::count(&self.inner.counters.retries);
            self.wait(wait).await;
        }
    }

    /// Waits until the platform's limit allows one more request, and takes it.
    async fn pace(&self, pacing: Pacing) -> Result<(), ProviderError> {
        loop {
            let now = Instant::now();
            let verdict = match pacing {
                Pacing::RateLimitHeaders => self.budget().take(now),
                Pacing::PerSecond(n) => self.log().take(now, n, PER_SECOND_WINDOW),
            };
            match verdict {
                Ok(()) => return Ok(()),
                Err(wait) if wait > self.policy().max_wait => {
                    return Err(ProviderError::RateLimited { retry_after: wait });
                }
                Err(wait) => self.wait(wait).await,
            }
        }
    }

    async fn try_once<T>(
        &self,
        call: &Call<'_>,
        request: reqwest::RequestBuilder,
        parse: &impl Fn(&[u8]) -> Result<T, serde_json::Error>,
    ) -> Try<T> {
        let in_flight = InFlight {
            manners: self,
            pacing: call.pacing,
            done: false,
        };
        let response = match request.send().await {
            Ok(response) => response,
            Err(error) => return transport_failure(call, &error),
        };
        in_flight.answered(response.headers());
        let status = response.status().as_u16();
        if status == 429 {
            Manners::count(&self.inner.counters.rate_limited);
            return Try::TurnedAway {
                after: retry_after(response.headers()),
            };
        }
        if status >= 500 {
            // The body may be a proxy's page or an exception's text: never shown.
            return Try::Failed(ProviderError::Server { status });
        }
        if status == 304 {
            Manners::count(&self.inner.counters.not_modified);
            return Try::Done(Ok(Reply::NotModified));
        }
        let headers = response.headers().clone();
        if !(200..300).contains(&status) {
            return Try::Done(Ok(Reply::Refused { status, headers }));
        }
        let cap = self.policy().max_body_bytes;
        let body = match read_capped(response, cap, &self.inner.counters.bytes).await {
            Ok(body) => body,
            Err(BodyError::TooLarge) => return Try::Done(Err(too_large(call.path, cap))),
            Err(BodyError::Cut(error)) => return transport_failure(call, &error),
        };
        match parse(&body) {
            Ok(value) => Try::Done(Ok(Reply::Fresh {
                value,
                headers,
                bytes: body.len() as u64,
            })),
            Err(error) => {
                let unreadable = ProviderError::BadResponse(format!("{}: {error}", call.path));
                if error.is_data() {
                    Try::Done(Err(unreadable))
                } else {
                    Try::Failed(unreadable)
                }
            }
        }
    }
}

/// A request on its way, as the rate-limit budget counts it: answered, or else (failed, or
/// its future dropped) given back when this goes.
struct InFlight<'a> {
    manners: &'a Manners,
    pacing: Pacing,
    done: bool,
}

impl InFlight<'_> {
    fn answered(mut self, headers: &HeaderMap) {
        self.done = true;
        if self.pacing == Pacing::RateLimitHeaders {
            let report = Report::read(headers);
            self.manners.budget().answered(report, Instant::now());
        }
    }
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        if !self.done && self.pacing == Pacing::RateLimitHeaders {
            self.manners.budget().failed();
        }
    }
}

/// `Retry-After` in seconds (the form platforms use for rate limits).
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let seconds: u64 = headers
        .get(RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()?;
    Some(Duration::from_secs(seconds))
}

fn transport_failure<T>(call: &Call<'_>, error: &reqwest::Error) -> Try<T> {
    if error.is_connect() {
        return Try::Unreachable(ProviderError::Offline {
            origin: call.origin.to_owned(),
            reason: "connection refused or no network".into(),
        });
    }
    if error.is_timeout() {
        return Try::Failed(ProviderError::Timeout);
    }
    if error.is_body() || error.is_decode() {
        return Try::Failed(ProviderError::BadResponse(format!(
            "{}: the answer was cut off",
            call.path
        )));
    }
    Try::Failed(ProviderError::Offline {
        origin: call.origin.to_owned(),
        reason: "the connection was interrupted".into(),
    })
}

/// The error for a body past the cap, with the cap in words.
pub(crate) fn too_large(path: &str, cap: u64) -> ProviderError {
    const MIB: u64 = 1024 * 1024;
    let limit = if cap >= MIB && cap.is_multiple_of(MIB) {
        format!("{} MiB", cap / MIB)
    } else {
        format!("{cap} bytes")
    };
    ProviderError::BadResponse(format!(
        "{path}: the answer is larger than {limit}, the most Offpeak reads at once"
    ))
}
