//! Pacing, so that a platform's rate limit is kept rather than hit: VeloPeak's budget as its
//! `X-RateLimit-*` headers report it, and Intervals.icu's requests per rolling second, which no
//! header reports.

use chrono::{DateTime, Utc};
use reqwest::header::{DATE, HeaderMap};
use std::collections::VecDeque;
use std::time::Duration;
use tokio::time::Instant;

/// How often a request that may not go yet looks again, when only the answers to the requests
/// in flight can tell when it may.
const RECHECK: Duration = Duration::from_millis(100);

/// The budget of one token as the latest answer reported it: `remaining` requests until
/// `reset_at`, less those sent since (or still in flight when it came), which the platform may
/// not have counted yet. Until the first answer the budget is unknown, and one request at a time
/// goes to learn it; a platform whose answers carry no budget is not held back.
#[derive(Debug, Default)]
pub(crate) struct HeaderBudget {
    answered_once: bool,
    limit: Option<u32>,
    remaining: Option<u32>,
    reset_at: Option<Instant>,
    sent_since: u32,
    in_flight: u32,
}

impl HeaderBudget {
    /// Takes one request from the budget, or says how long to wait before asking again.
    pub(crate) fn take(&mut self, now: Instant) -> Result<(), Duration> {
        if self.reset_at.is_some_and(|reset| now >= reset) {
            // A new window: the whole budget, less what is still on its way.
            self.remaining = self.limit;
            self.reset_at = None;
            self.sent_since = self.in_flight;
        }
        match (self.remaining, self.reset_at) {
            (Some(remaining), Some(reset)) if self.sent_since >= remaining => Err(reset - now),
            (Some(remaining), None) if self.sent_since >= remaining => {
                if self.in_flight == 0 {
                    // Nothing on its way will report the new window: start it afresh.
                    self.sent_since = 0;
                    self.send();
                    Ok(())
                } else {
                    Err(RECHECK)
                }
            }
            (None, _) if !self.answered_once && self.in_flight > 0 => Err(RECHECK),
            _ => {
                self.send();
                Ok(())
            }
        }
    }

    fn send(&mut self) {
        self.sent_since += 1;
        self.in_flight += 1;
    }

    /// A request failed without an answer.
    pub(crate) fn failed(&mut self) {
        self.in_flight = self.in_flight.saturating_sub(1);
    }

    /// An answer came, with or without a report of the budget.
    pub(crate) fn answered(&mut self, report: Option<Report>, now: Instant) {
        self.in_flight = self.in_flight.saturating_sub(1);
        self.answered_once = true;
        if let Some(report) = report {
            self.limit = Some(report.limit);
            self.remaining = Some(report.remaining);
            self.reset_at = Some(now + report.reset_in);
            self.sent_since = self.in_flight;
        }
    }
}

/// What one answer's `X-RateLimit-Limit`, `-Remaining` and `-Reset` say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Report {
    pub limit: u32,
    pub remaining: u32,
    /// Until the window resets, measured on the platform's clock (its `Date` header) when it
    /// sent one, so that a computer whose clock is off still waits the right time.
    pub reset_in: Duration,
}

impl Report {
    pub(crate) fn read(headers: &HeaderMap) -> Option<Report> {
        let number =
            |name: &str| -> Option<i64> { headers.get(name)?.to_str().ok()?.trim().parse().ok() };
        let limit = u32::try_from(number("x-ratelimit-limit")?).ok()?;
        let remaining = u32::try_from(number("x-ratelimit-remaining")?.max(0)).ok()?;
        let reset = number("x-ratelimit-reset")?;
        let server_now = served_at(headers).unwrap_or_else(Utc::now).timestamp();
        let reset_in = Duration::from_secs(u64::try_from(reset - server_now).unwrap_or(0));
        Some(Report {
            limit,
            remaining,
            reset_in,
        })
    }
}

/// The answer's `Date` header: when the platform sent it, on its own clock.
pub(crate) fn served_at(headers: &HeaderMap) -> Option<DateTime<Utc>> {
    let text = headers.get(DATE)?.to_str().ok()?;
    DateTime::parse_from_rfc2822(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// At most `per_window` requests in any `window`: the send times of the latest ones.
#[derive(Debug, Default)]
pub(crate) struct SlidingLog {
    sent: VecDeque<Instant>,
}

impl SlidingLog {
    pub(crate) fn take(
        &mut self,
        now: Instant,
        per_window: u32,
        window: Duration,
    ) -> Result<(), Duration> {
        while self
            .sent
            .front()
            .is_some_and(|first| now.duration_since(*first) >= window)
        {
            self.sent.pop_front();
        }
        match self.sent.front() {
            Some(first) if self.sent.len() >= per_window.max(1) as usize => {
                Err(*first + window - now)
            }
            _ => {
                self.sent.push_back(now);
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn report(limit: u32, remaining: u32, reset_s: u64) -> Option<Report> {
        Some(Report {
            limit,
            remaining,
            reset_in: Duration::from_secs(reset_s),
        })
    }

    #[test]
    fn a_spent_budget_waits_for_the_reset_then_has_the_whole_limit() {
        let t0 = Instant::now();
        let mut budget = HeaderBudget::default();
        assert!(
            budget.take(t0).is_ok(),
            "an unknown budget does not hold back"
        );
        budget.answered(report(3, 1, 10), t0);
        assert!(budget.take(t0).is_ok());
        assert_eq!(budget.take(t0), Err(Duration::from_secs(10)));
        budget.answered(report(3, 0, 9), t0 + Duration::from_secs(1));
        assert_eq!(
            budget.take(t0 + Duration::from_secs(4)),
            Err(Duration::from_secs(6))
        );
        let later = t0 + Duration::from_secs(10);
        for _ in 0..3 {
            assert!(budget.take(later).is_ok());
        }
        assert!(
            budget.take(later).is_err(),
            "the new window's limit holds until an answer reports it"
        );
    }

    #[test]
    fn one_request_at_a_time_learns_the_budget_and_none_is_no_limit() {
        let t0 = Instant::now();
        let mut budget = HeaderBudget::default();
        budget.take(t0).unwrap();
        assert_eq!(budget.take(t0), Err(RECHECK));
        budget.failed();
        budget.take(t0).unwrap();
        budget.answered(None, t0);
        for _ in 0..50 {
            budget.take(t0).unwrap();
        }
    }

    #[test]
    fn requests_in_flight_count_against_the_budget() {
        let t0 = Instant::now();
        let mut budget = HeaderBudget::default();
        budget.take(t0).unwrap();
        budget.answered(report(10, 3, 10), t0);
        for _ in 0..3 {
            budget.take(t0).unwrap();
        }
        assert!(budget.take(t0).is_err());
        // The first answer reports 2 left, but two of ours were still on their way.
        budget.answered(report(10, 2, 10), t0);
        assert!(budget.take(t0).is_err());
    }

    #[test]
    fn the_reset_is_read_on_the_platforms_clock() {
        let mut headers = HeaderMap::new();
        headers.insert("x-ratelimit-limit", HeaderValue::from_static("100"));
        headers.insert("x-ratelimit-remaining", HeaderValue::from_static("7"));
        headers.insert("x-ratelimit-reset", HeaderValue::from_static("1794305107"));
        headers.insert(
            DATE,
            HeaderValue::from_static("Tue, 10 Nov 2026 10:04:58 GMT"),
        );
        assert_eq!(
            served_at(&headers).map(|t| t.timestamp()),
            Some(1_794_305_098)
        );
        assert_eq!(Report::read(&headers), report(100, 7, 9));
        headers.remove("x-ratelimit-reset");
        assert_eq!(Report::read(&headers), None);
    }

    #[test]
    fn the_log_allows_so_many_in_any_window() {
        let t0 = Instant::now();
        let window = Duration::from_millis(1100);
        let mut log = SlidingLog::default();
        for i in 0..3 {
            assert!(
                log.take(t0 + Duration::from_millis(i * 10), 3, window)
                    .is_ok()
            );
        }
        let at = t0 + Duration::from_millis(500);
        assert_eq!(log.take(at, 3, window), Err(Duration::from_millis(600)));
        assert!(log.take(t0 + window, 3, window).is_ok());
        assert!(log.take(t0 + window, 3, window).is_err());
    }
}
