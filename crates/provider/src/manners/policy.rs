//! How patient a connection is: how often a request is tried, how long it backs off between
//! tries, how long it will wait when a platform asks it to, and how large an answer it reads.

use rand::Rng;
use std::time::Duration;

/// The limits every request of a connection keeps. [`RetryPolicy::default`] suits the real
/// platforms; tests and benchmarks shrink the delays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Tries of one request, the first included, before a passing fault (5xx, timeout, dropped
    /// connection, cut-off or unreadable body, 429) becomes the error.
    pub attempts: u32,
    /// Tries while the platform cannot be reached at all (connection refused, no DNS, no
    /// route) before the request reports the connection offline.
    pub offline_attempts: u32,
    /// The first back-off; each later one may be twice as long, up to `cap`.
    pub base: Duration,
    /// The longest single back-off.
    pub cap: Duration,
    /// The longest a request waits at once because the platform asked it to (`Retry-After`,
    /// an exhausted rate-limit window); a longer wait is reported as
    /// [`crate::ProviderError::RateLimited`] instead.
    pub max_wait: Duration,
    /// The largest answer body read, after decompression.
    pub max_body_bytes: u64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            attempts: 6,
            offline_attempts: 2,
            base: Duration::from_millis(250),
            cap: Duration::from_secs(8),
            max_wait: Duration::from_secs(120),
            max_body_bytes: 64 * 1024 * 1024,
        }
    }
}

impl RetryPolicy {
    /// The back-off after failed try number `tries` (1 for the first): "full jitter", a random
    /// wait between zero and `min(cap, base · 2^(tries − 1))`, so that many clients failing at
    /// once do not come back at once.
    pub(crate) fn backoff(&self, tries: u32) -> Duration {
        let doubling = 2u32.saturating_pow(tries.saturating_sub(1).min(30));
        let ceiling = self.base.saturating_mul(doubling).min(self.cap);
        let nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
        Duration::from_nanos(rand::rng().random_range(0..=nanos))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_with_the_tries_and_stops_at_the_cap() {
        let policy = RetryPolicy {
            base: Duration::from_millis(100),
            cap: Duration::from_millis(500),
            ..RetryPolicy::default()
        };
        for _ in 0..200 {
            assert!(policy.backoff(1) <= Duration::from_millis(100));
            assert!(policy.backoff(2) <= Duration::from_millis(200));
            assert!(policy.backoff(9) <= Duration::from_millis(500));
            assert!(policy.backoff(u32::MAX) <= Duration::from_millis(500));
        }
        let late: Vec<Duration> = (0..200).map(|_| policy.backoff(9)).collect();
        assert!(
            late.iter().any(|d| *d > Duration::from_millis(200)),
            "later back-offs reach past the first ones"
        );
    }
}
