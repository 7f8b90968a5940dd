//! Offpeak's local cache: one SQLite file in the app's data directory that every screen reads,
//! so the calendar works with no network at all.
//!
//! The schema is built by `sqlx::migrate!` from `migrations/` (a landed migration is never
//! edited; changes come as new files). Each table has its own module holding its row type and
//! its queries; the four tables of synced items (workouts, activities, calendar notes, wellness)
//! are declared the same way and share their reads and writes. A page of synced items is
//! written in one transaction together with its sync checkpoint, so a killed process leaves
//! either the whole page and its checkpoint or neither ([`changes`] holds that machinery; rows
//! listed again unchanged are not rewritten). Streams are kept as one encoded blob per series,
//! with the figures computed from them and the activity's laps where its platform has them
//! ([`activity_laps`]), and a queue query says which activities' streams are
//! missing or stale ([`stream_tasks`]).
//! This crate knows nothing of HTTP or of any platform.

mod activities;
pub mod activity_laps;
pub mod app_registrations;
pub mod athlete_profiles;
pub mod athletes;
mod calendar_notes;
pub mod changes;
pub mod codec;
pub mod connections;
mod error;
pub mod figures;
mod item_table;
#[cfg(test)]
mod query_plans;
pub mod settings;
pub mod stream_tasks;
pub mod streams;
pub mod sync_checkpoints;
pub mod usage;
pub mod webhook_deliveries;
pub mod webhook_subscriptions;
mod wellness;
mod workouts;

pub use app_registrations::AppRegistration;
pub use athletes::AthleteRecord;
pub use changes::{Applied, CachedItem, Changes, DateWindow};
pub use connections::{ConnectionRecord, NewConnection};
pub use error::StoreError;
pub use stream_tasks::StreamTask;
pub use streams::{EncodedStreams, StreamStorage, StreamsToSave};
pub use sync_checkpoints::PageCheckpoint;
pub use usage::CacheUsage;
pub use webhook_subscriptions::WebhookSubscription;

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use std::path::Path;
use std::time::Duration;

/// The cache. Cheap to clone; all clones share one connection pool.
#[derive(Clone, Debug)]
pub struct Store {
    pool: SqlitePool,
}

impl Store {
    /// Opens (creating if needed) the cache file at `path` and brings its schema up to date.
    pub async fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::Open {
                path: path.to_owned(),
                reason: e.to_string(),
            })?;
        }
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5))
            // 512 KiB of pages per connection rather than SQLite's 2 MiB: the system's file cache
            // keeps the file already, and four full caches were 6 MB of the app's memory.
            .pragma("cache_size", "-512");
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .map_err(|e| StoreError::Open {
                path: path.to_owned(),
                reason: e.to_string(),
            })?;
        sqlx::migrate!("./migrations")
            .run(&pool)
            .await
            .map_err(|e| StoreError::Migrate(e.to_string()))?;
        Ok(Store { pool })
    }

    pub(crate) fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// Runs SQLite's own consistency check; `Ok(())` when it answers "ok".
    pub async fn integrity_check(&self) -> Result<(), StoreError> {
        let answer: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&self.pool)
            .await?;
        if answer == "ok" {
            Ok(())
        } else {
            Err(StoreError::Corrupt(answer))
        }
    }

    /// Closes the pool, flushing the write-ahead log.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}
