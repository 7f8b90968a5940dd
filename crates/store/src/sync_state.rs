//! The `sync_state` table: per connection and resource, the checkpoint a sync resumes from.

use crate::connections::instant_text;
use crate::{Store, StoreError};
use chrono::{DateTime, Utc};
use offpeak_domain::ConnectionId;
use sqlx::SqliteConnection;

/// A kind of synced item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource {
    Workouts,
    Activities,
}

impl Resource {
    pub fn as_str(self) -> &'static str {
        match self {
            Resource::Workouts => "workouts",
            Resource::Activities => "activities",
        }
    }
}

/// Where a pass over one resource stands after a page has been written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Checkpoint {
    /// More pages follow; the next one is fetched with this cursor.
    Continue(String),
    /// The pass is complete.
    Complete(DateTime<Utc>),
}

/// What the cache remembers of the last pass over a resource.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncState {
    /// The cursor to resume an interrupted pass from.
    pub next_cursor: Option<String>,
    pub completed_at: Option<DateTime<Utc>>,
}

pub(crate) async fn put(
    conn: &mut SqliteConnection,
    connection: &ConnectionId,
    resource: Resource,
    checkpoint: &Checkpoint,
) -> Result<(), StoreError> {
    let (cursor, completed) = match checkpoint {
        Checkpoint::Continue(cursor) => (Some(cursor.as_str()), None),
        Checkpoint::Complete(at) => (None, Some(instant_text(*at))),
    };
    sqlx::query(
        "INSERT INTO sync_state (connection_id, resource, next_cursor, completed_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(connection_id, resource) DO UPDATE SET next_cursor = excluded.next_cursor,
           completed_at = COALESCE(excluded.completed_at, sync_state.completed_at)",
    )
    .bind(&connection.0)
    .bind(resource.as_str())
    .bind(cursor)
    .bind(completed)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

impl Store {
    pub async fn sync_state(
        &self,
        connection: &ConnectionId,
        resource: Resource,
    ) -> Result<SyncState, StoreError> {
        let row: Option<(Option<String>, Option<String>)> =
            sqlx::query_as("SELECT next_cursor, completed_at FROM sync_state WHERE connection_id = ? AND resource = ?")
                .bind(&connection.0)
                .bind(resource.as_str())
                .fetch_optional(self.pool())
                .await?;
        let Some((next_cursor, completed_at)) = row else {
            return Ok(SyncState::default());
        };
        let completed_at = completed_at
            .as_deref()
            .map(crate::connections::parse_instant)
            .transpose()?;
        Ok(SyncState {
            next_cursor,
            completed_at,
        })
    }
}
