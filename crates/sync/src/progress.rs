//! Sync progress as people see it: which phase a connection's sync is in, how many items are
//! done out of how many, how many bytes came in, and when it should end. The engine reports
//! through a [`ProgressTracker`]; the app turns each [`SyncProgress`] into an event for the
//! progress bar of the connection, the CLI prints it.

use chrono::{DateTime, Utc};
use offpeak_domain::ConnectionId;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;
use tokio::sync::broadcast;

/// Where a sync stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SyncPhase {
    /// Reading the athletes and their thresholds and zones.
    Profile,
    /// The weeks around today: the calendar is usable once this phase ends.
    Calendar,
    /// Older history, backwards from the calendar window.
    History,
    /// Changes since the last sync (change feed or recent windows).
    Changes,
    /// Re-reading all history to catch what a date-window platform cannot announce.
    Reconcile,
    /// Activity streams, most recent first.
    Streams,
    Finished,
    Cancelled,
    /// The platform cannot be reached; the cache is shown as it is.
    Offline,
    Failed,
}

impl SyncPhase {
    pub fn as_str(self) -> &'static str {
        match self {
            SyncPhase::Profile => "profile",
            SyncPhase::Calendar => "calendar",
            SyncPhase::History => "history",
            SyncPhase::Changes => "changes",
            SyncPhase::Reconcile => "reconcile",
            SyncPhase::Streams => "streams",
            SyncPhase::Finished => "finished",
            SyncPhase::Cancelled => "cancelled",
            SyncPhase::Offline => "offline",
            SyncPhase::Failed => "failed",
        }
    }

    /// True once the sync has ended, one way or another.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            SyncPhase::Finished | SyncPhase::Cancelled | SyncPhase::Offline | SyncPhase::Failed
        )
    }
}

/// One report on a connection's sync.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SyncProgress {
    pub connection_id: ConnectionId,
    pub phase: SyncPhase,
    /// Items (or, in the streams phase, activities) done in this phase.
    pub done: u64,
    /// How many there are in this phase, when known.
    pub total: Option<u64>,
    /// Bytes received since the sync started.
    pub bytes: u64,
    /// Requests made since the sync started.
    pub requests: u64,
    /// Seconds left in this phase, when they can be estimated.
    pub eta_s: Option<u64>,
    /// A short sentence for a final phase: what happened and what to do.
    pub message: Option<String>,
    pub at: DateTime<Utc>,
}

/// Where progress reports go: every subscriber, and the latest one per connection for screens
/// that open in the middle of a sync.
#[derive(Debug, Clone)]
pub struct ProgressHub {
    sender: broadcast::Sender<SyncProgress>,
    latest: Arc<Mutex<HashMap<ConnectionId, SyncProgress>>>,
}

impl Default for ProgressHub {
    fn default() -> Self {
        ProgressHub {
            sender: broadcast::channel(256).0,
            latest: Arc::default(),
        }
    }
}

impl ProgressHub {
    pub fn subscribe(&self) -> broadcast::Receiver<SyncProgress> {
        self.sender.subscribe()
    }

    /// The latest report of every connection that has synced since start-up.
    pub fn latest(&self) -> Vec<SyncProgress> {
        let latest = self.latest.lock().unwrap_or_else(|e| e.into_inner());
        latest.values().cloned().collect()
    }

    pub(crate) fn publish(&self, progress: SyncProgress) {
        self.latest
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(progress.connection_id.clone(), progress.clone());
        // Nobody listening is fine.
        let _ = self.sender.send(progress);
    }
}

/// Counts one sync's progress and publishes it, at most a few times a second within a phase.
#[derive(Debug)]
pub(crate) struct ProgressTracker {
    hub: ProgressHub,
    connection: ConnectionId,
    state: Mutex<TrackerState>,
}

#[derive(Debug)]
struct TrackerState {
    phase: SyncPhase,
    done: u64,
    total: Option<u64>,
    phase_started: Instant,
    last_sent: Option<Instant>,
}

/// Publish within a phase no more often than this.
const REPORT_EVERY: std::time::Duration = std::time::Duration::from_millis(200);

impl ProgressTracker {
    pub(crate) fn new(hub: ProgressHub, connection: ConnectionId) -> ProgressTracker {
        ProgressTracker {
            hub,
            connection,
            state: Mutex::new(TrackerState {
                phase: SyncPhase::Profile,
                done: 0,
                total: None,
                phase_started: Instant::now(),
                last_sent: None,
            }),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, TrackerState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Enters `phase` (a no-op when already in it, so resumed passes keep counting).
    pub(crate) fn phase(&self, phase: SyncPhase, total: Option<u64>, counters: (u64, u64)) {
        {
            let mut state = self.state();
            if state.phase == phase {
                if total.is_some() {
                    state.total = total;
                }
                return;
            }
            state.phase = phase;
            state.done = 0;
            state.total = total;
            state.phase_started = Instant::now();
            state.last_sent = None;
        }
        self.send(counters, None, true);
    }

    /// Counts `n` more items done in the current phase.
    pub(crate) fn advance(&self, n: u64, counters: (u64, u64)) {
        self.state().done += n;
        self.send(counters, None, false);
    }

    /// Ends the sync in a final phase with a sentence for the person.
    pub(crate) fn finish(&self, phase: SyncPhase, message: Option<String>, counters: (u64, u64)) {
        {
            let mut state = self.state();
            state.phase = phase;
        }
        self.send(counters, message, true);
    }

    /// `counters` are (requests, bytes) since the sync started.
    fn send(&self, (requests, bytes): (u64, u64), message: Option<String>, force: bool) {
        let report = {
            let mut state = self.state();
            let now = Instant::now();
            if !force && state.last_sent.is_some_and(|t| now - t < REPORT_EVERY) {
                return;
            }
            state.last_sent = Some(now);
            SyncProgress {
                connection_id: self.connection.clone(),
                phase: state.phase,
                done: state.done,
                total: state.total,
                bytes,
                requests,
                eta_s: eta(state.done, state.total, now - state.phase_started),
                message,
                at: Utc::now(),
            }
        };
        self.hub.publish(report);
    }
}

/// Seconds left at the pace so far; `None` until there is a pace and a total.
fn eta(done: u64, total: Option<u64>, elapsed: std::time::Duration) -> Option<u64> {
    let total = total?;
    if done == 0 || done >= total {
        return (done >= total).then_some(0);
    }
    let per_item = elapsed.as_secs_f64() / done as f64;
    Some((per_item * (total - done) as f64).ceil() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn eta_follows_the_pace_so_far() {
        assert_eq!(eta(0, Some(10), Duration::from_secs(5)), None);
        assert_eq!(eta(5, None, Duration::from_secs(5)), None);
        assert_eq!(eta(5, Some(10), Duration::from_secs(5)), Some(5));
        assert_eq!(eta(10, Some(10), Duration::from_secs(5)), Some(0));
    }

    #[test]
    fn the_hub_keeps_the_latest_report_per_connection() {
        let hub = ProgressHub::default();
        let mut receiver = hub.subscribe();
        let tracker = ProgressTracker::new(hub.clone(), ConnectionId("c1".into()));
        tracker.phase(SyncPhase::Calendar, None, (1, 100));
        tracker.advance(3, (2, 200));
        tracker.finish(SyncPhase::Finished, None, (3, 300));
        let first = receiver.try_recv().unwrap();
        assert_eq!(first.phase, SyncPhase::Calendar);
        let latest = hub.latest();
        assert_eq!(latest.len(), 1);
        assert_eq!(latest[0].phase, SyncPhase::Finished);
        assert_eq!(latest[0].bytes, 300);
    }
}
