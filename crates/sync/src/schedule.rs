//! The background schedule: every connection syncs every few minutes (the person's interval),
//! and at once when someone presses "Sync now". When the platforms cannot be reached the
//! schedule waits longer and longer (up to the interval) instead of retrying in a storm; the
//! cache is shown as it is meanwhile.

use crate::settings::SyncSettings;
use crate::{ErrorCode, Syncer};
use offpeak_domain::ConnectionStatus;
use offpeak_store::Store;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;
use tokio::task::JoinHandle;

/// First wait after a round that found everything offline; doubles each time.
const OFFLINE_FIRST_RETRY: Duration = Duration::from_secs(60);

/// The running schedule; dropping it stops it.
pub struct Schedule {
    wake: Arc<Notify>,
    task: JoinHandle<()>,
}

impl Drop for Schedule {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Schedule {
    /// Starts the schedule; the first round runs at once.
    pub fn start(syncer: Arc<Syncer>, store: Store) -> Schedule {
        let wake = Arc::new(Notify::new());
        let task = tokio::spawn(run(syncer, store, wake.clone()));
        Schedule { wake, task }
    }

    /// Runs a round now (and re-reads the interval, which may have changed).
    pub fn wake(&self) {
        self.wake.notify_one();
    }
}

async fn run(syncer: Arc<Syncer>, store: Store, wake: Arc<Notify>) {
    let mut offline_wait = OFFLINE_FIRST_RETRY;
    loop {
        let all_offline = round(&syncer, &store).await;
        let interval = match SyncSettings::load(&store).await {
            Ok(settings) => settings.interval(),
            Err(e) => {
                tracing::warn!(
                    "sync settings unreadable, using the defaults: {}",
                    e.message()
                );
                SyncSettings::default().interval()
            }
        };
        let wait = match (all_offline, interval) {
            (true, Some(interval)) => {
                let wait = offline_wait.min(interval);
                offline_wait = (offline_wait * 2).min(interval);
                Some(wait)
            }
            (false, interval) => {
                offline_wait = OFFLINE_FIRST_RETRY;
                interval
            }
            (true, None) => None,
        };
        match wait {
            Some(wait) => {
                tokio::select! {
                    () = tokio::time::sleep(wait) => {}
                    () = wake.notified() => {}
                }
            }
            None => wake.notified().await,
        }
    }
}

/// Syncs every active connection, one after the other; true when at least one was tried and
/// every one tried was offline.
async fn round(syncer: &Syncer, store: &Store) -> bool {
    let connections = match store.connections().await {
        Ok(connections) => connections,
        Err(e) => {
            tracing::warn!("scheduled sync: cache unreadable: {e}");
            return false;
        }
    };
    let mut tried = 0;
    let mut offline = 0;
    for connection in connections {
        if connection.status != ConnectionStatus::Active {
            continue;
        }
        tried += 1;
        if let Err(e) = syncer.sync(&connection.id).await
            && e.code() == ErrorCode::Offline
        {
            offline += 1;
        }
    }
    tried > 0 && offline == tried
}
