//! What the sync commands do — sync now, cancel, the latest progress, the settings, an opened
//! activity's streams — and the app's background work: the schedule and the progress events.
//! Free of Tauri: the events leave through a function the shell passes in, so all of it is
//! tested without a window.

use crate::app::App;
use crate::error::ApiError;
use crate::sync_views::{SyncProgressView, SyncSettingsView};
use crate::views::SyncReport;
use offpeak_domain::ConnectionId;
use offpeak_sync::{ProgressHub, Schedule, SyncSettings};
use tokio::sync::broadcast::error::RecvError;
use tokio::task::JoinHandle;

/// The work that runs while the app is open: the background schedule and the task that turns
/// progress reports into events. Dropping it stops both.
pub(crate) struct Background {
    schedule: Schedule,
    forwarder: JoinHandle<()>,
}

impl Drop for Background {
    fn drop(&mut self) {
        // The schedule stops itself when dropped.
        self.forwarder.abort();
    }
}

/// Hands every progress report of `hub` to `emit`, as a view, until the task is aborted. A
/// receiver that fell behind skips what it missed and goes on: the next report of a connection
/// tells where it stands.
pub fn forward_progress(
    hub: &ProgressHub,
    emit: impl Fn(SyncProgressView) + Send + 'static,
) -> JoinHandle<()> {
    let mut reports = hub.subscribe();
    tokio::spawn(async move {
        loop {
            match reports.recv().await {
                Ok(report) => emit(report.into()),
                Err(RecvError::Lagged(missed)) => {
                    tracing::debug!("progress events skipped {missed} reports");
                }
                Err(RecvError::Closed) => break,
            }
        }
    })
}

impl App {
    /// Syncs one connection now. A sync cancelled by the person ends with the code `cancelled`,
    /// an unreachable platform with `offline`: neither is a failure of Offpeak.
    pub async fn sync_now(&self, connection_id: String) -> Result<SyncReport, ApiError> {
        Ok(self
            .keychain()?
            .syncer
            .sync(&ConnectionId(connection_id))
            .await?
            .into())
    }

    /// Stops the connection's sync under way; false when none was running.
    pub fn cancel_sync(&self, connection_id: String) -> bool {
        self.keychain()
            .is_ok_and(|keychain| keychain.syncer.cancel(&ConnectionId(connection_id)))
    }

    /// The latest report of every connection that synced since start-up, for a screen that
    /// opens in the middle of a sync.
    pub fn sync_progress(&self) -> Vec<SyncProgressView> {
        let Ok(keychain) = self.keychain() else {
            return Vec::new();
        };
        let mut latest: Vec<SyncProgressView> = keychain
            .syncer
            .progress()
            .latest()
            .into_iter()
            .map(SyncProgressView::from)
            .collect();
        latest.sort_by(|a, b| a.connection_id.cmp(&b.connection_id));
        latest
    }

    pub async fn sync_settings(&self) -> Result<SyncSettingsView, ApiError> {
        Ok(SyncSettings::load(&self.store).await?.into())
    }

    /// Checks and keeps the settings, then wakes the schedule so a new interval applies at once.
    pub async fn save_sync_settings(
        &self,
        settings: SyncSettingsView,
    ) -> Result<SyncSettingsView, ApiError> {
        let settings = SyncSettings::try_from(settings)?;
        settings.save(&self.store).await?;
        if let Some(background) = self.background().as_ref() {
            background.schedule.wake();
        }
        Ok(settings.into())
    }

    /// Fetches the streams of an activity the person opened, when the cache lacks them or holds
    /// stale ones. True when they were fetched.
    pub async fn open_activity(
        &self,
        connection_id: String,
        activity_id: String,
    ) -> Result<bool, ApiError> {
        Ok(self
            .keychain()?
            .syncer
            .fetch_streams_now(&ConnectionId(connection_id), &activity_id)
            .await?)
    }

    /// Starts the background schedule (its first round runs at once) and the progress events,
    /// when the keychain is available. Runs inside the async runtime.
    pub fn start_background(&self, emit: impl Fn(SyncProgressView) + Send + 'static) {
        let Ok(keychain) = self.keychain() else {
            return;
        };
        let forwarder = forward_progress(keychain.syncer.progress(), emit);
        let schedule = Schedule::start(keychain.syncer.clone(), self.store.clone());
        *self.background() = Some(Background {
            schedule,
            forwarder,
        });
    }

    /// Stops the schedule and the progress events (the app is closing).
    pub fn stop_background(&self) {
        self.background().take();
    }

    fn background(&self) -> std::sync::MutexGuard<'_, Option<Background>> {
        self.background
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
#[path = "syncing_tests.rs"]
mod tests;
