//! Network manners: how every request of a connection behaves towards a platform, whichever
//! client sends it.
//!
//! - It keeps the platform's rate limit: VeloPeak's budget as its `X-RateLimit-*` headers
//!   report it (with the requests still in flight counted against it), Intervals.icu's requests
//!   per rolling second (`limiter`).
//! - It waits as long as a 429's `Retry-After` asks (within [`RetryPolicy::max_wait`]), backs
//!   off with full jitter after 5xx answers, timeouts, dropped connections and bodies that are
//!   cut off or do not parse, and reports a platform that cannot be reached at all as offline
//!   after a couple of quick tries. 400, 401, 403 and 404 are answers, never retried.
//! - It reads bodies in chunks up to a cap (`body`) and counts what it did ([`RequestStats`]).
//!
//! Every wait is a `tokio::time::sleep`: dropping the request's future cancels it at once.

mod body;
mod limiter;
mod policy;
mod send;

pub(crate) use limiter::served_at;
pub use policy::RetryPolicy;
pub(crate) use send::{Call, Pacing, Reply};

use limiter::{HeaderBudget, SlidingLog};
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

/// The manners of one connection: its retry policy, its place in the platform's rate limit and
/// its counters. Cheap to clone; clones share everything, so give every client of one connection
/// the same value and no other connection's.
#[derive(Clone, Default)]
pub struct Manners {
    inner: Arc<Inner>,
}

#[derive(Default)]
struct Inner {
    policy: RetryPolicy,
    budget: Mutex<HeaderBudget>,
    log: Mutex<SlidingLog>,
    counters: Counters,
}

#[derive(Default)]
struct Counters {
    requests: AtomicU64,
    retries: AtomicU64,
    not_modified: AtomicU64,
    rate_limited: AtomicU64,
    bytes: AtomicU64,
    waited_ms: AtomicU64,
}

/// What a connection's requests have done so far, for progress and benchmarks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RequestStats {
    /// Requests sent, every try counted.
    pub requests: u64,
    /// Tries after the first, for any reason.
    pub retries: u64,
    /// Answers `304 Not Modified`.
    pub not_modified: u64,
    /// Answers `429 Too Many Requests`.
    pub rate_limited: u64,
    /// Body bytes received, after decompression.
    pub bytes: u64,
    /// Time spent waiting: for the rate limit, for `Retry-After`, backing off.
    pub waited_ms: u64,
}

impl Manners {
    /// Manners with the [`RetryPolicy::default`].
    pub fn new() -> Manners {
        Manners::default()
    }

    pub fn with_policy(policy: RetryPolicy) -> Manners {
        Manners {
            inner: Arc::new(Inner {
                policy,
                ..Inner::default()
            }),
        }
    }

    pub fn policy(&self) -> &RetryPolicy {
        &self.inner.policy
    }

    pub fn stats(&self) -> RequestStats {
        let c = &self.inner.counters;
        let read = |n: &AtomicU64| n.load(Ordering::Relaxed);
        RequestStats {
            requests: read(&c.requests),
            retries: read(&c.retries),
            not_modified: read(&c.not_modified),
            rate_limited: read(&c.rate_limited),
            bytes: read(&c.bytes),
            waited_ms: read(&c.waited_ms),
        }
    }

    fn budget(&self) -> MutexGuard<'_, HeaderBudget> {
        self.inner.budget.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn log(&self) -> MutexGuard<'_, SlidingLog> {
        self.inner.log.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn count(counter: &AtomicU64) {
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// Sleeps `wait`, counting it; dropping the future ends the sleep.
    async fn wait(&self, wait: Duration) {
        tokio::time::sleep(wait).await;
        let ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX);
        self.inner
            .counters
            .waited_ms
            .fetch_add(ms, Ordering::Relaxed);
    }
}

impl fmt::Debug for Manners {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Manners")
            .field("policy", self.policy())
            .field("stats", &self.stats())
            .finish()
    }
}
