//! When a sync moved on to its streams, read from its progress reports: the summaries (every
//! planned workout and activity) were all in the cache by then.

use offpeak_sync::{SyncPhase, SyncProgress};
use std::time::{Duration, Instant};
use tokio::sync::broadcast::{Receiver, error::RecvError};
use tokio::task::JoinHandle;

/// The time from `since` to the first report of the streams phase; `None` if the sync ended
/// without one.
pub fn streams_started(
    mut reports: Receiver<SyncProgress>,
    since: Instant,
) -> JoinHandle<Option<Duration>> {
    tokio::spawn(async move {
        loop {
            match reports.recv().await {
                Ok(report) if report.phase == SyncPhase::Streams => return Some(since.elapsed()),
                Ok(report) if report.phase.is_final() => return None,
                Ok(_) | Err(RecvError::Lagged(_)) => {}
                Err(RecvError::Closed) => return None,
            }
        }
    })
}
