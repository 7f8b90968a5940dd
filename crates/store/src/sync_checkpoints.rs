//! The `sync_checkpoints` table: per connection, athlete and resource, where the sync engine
//! stands. The state is the engine's own JSON; the store keeps it and never reads it.

use crate::connections::instant_text;
use crate::{Store, StoreError};
use chrono::Utc;
use offpeak_domain::ConnectionId;
use sqlx::SqliteConnection;

/// Where a sync of one resource of one athlete stands after a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageCheckpoint<'a> {
    pub athlete_id: &'a str,
    pub resource: &'a str,
    /// Opaque to the store.
    pub state: &'a str,
}

pub(crate) async fn put(
    conn: &mut SqliteConnection,
    connection: &ConnectionId,
    checkpoint: &PageCheckpoint<'_>,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO sync_checkpoints (connection_id, athlete_id, resource, state, updated_at)
         VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(connection_id, athlete_id, resource)
         DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
    )
    .bind(&connection.0)
    .bind(checkpoint.athlete_id)
    .bind(checkpoint.resource)
    .bind(checkpoint.state)
    .bind(instant_text(Utc::now()))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

impl Store {
    /// The state last saved for a resource of an athlete; `None` when it was never synced.
    pub async fn checkpoint(
        &self,
        connection: &ConnectionId,
        athlete_id: &str,
        resource: &str,
    ) -> Result<Option<String>, StoreError> {
        Ok(sqlx::query_scalar(
            "SELECT state FROM sync_checkpoints
             WHERE connection_id = ? AND athlete_id = ? AND resource = ?",
        )
        .bind(&connection.0)
        .bind(athlete_id)
        .bind(resource)
        .fetch_optional(self.pool())
        .await?)
    }

    /// Saves a checkpoint on its own (a page that changed nothing still moves the sync on).
    pub async fn save_checkpoint(
        &self,
        connection: &ConnectionId,
        checkpoint: &PageCheckpoint<'_>,
    ) -> Result<(), StoreError> {
        let mut conn = self.pool().acquire().await?;
        put(&mut conn, connection, checkpoint).await
    }

    /// Forgets every checkpoint of a connection, so its next sync starts from scratch.
    pub async fn clear_checkpoints(&self, connection: &ConnectionId) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM sync_checkpoints WHERE connection_id = ?")
            .bind(&connection.0)
            .execute(self.pool())
            .await?;
        Ok(())
    }
}
