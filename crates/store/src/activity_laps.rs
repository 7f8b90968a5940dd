//! The `activity_laps` table: an activity's laps where its platform has them, one row per
//! activity holding them all as a JSON array (always read whole, never searched by lap).
//! Written by [`Store::save_stream_batch`](crate::Store::save_stream_batch) in the transaction
//! of the activity's streams, replaced when they are refetched, and gone with the activity or
//! its connection.

use crate::{Store, StoreError};
use offpeak_domain::{ConnectionId, Lap};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

/// Rows per INSERT statement (3 values each, under SQLite's variable limit).
const ROWS_PER_STATEMENT: usize = 300;

/// Writes (or replaces) the laps of each activity, many to a statement.
pub(crate) async fn put_all(
    conn: &mut SqliteConnection,
    connection: &ConnectionId,
    laps: &[(&str, &[Lap])],
) -> Result<(), StoreError> {
    let mut rows = Vec::with_capacity(laps.len());
    for (activity_id, laps) in laps {
        let json = serde_json::to_string(laps)
            .map_err(|e| StoreError::BadValue(format!("laps of activity {activity_id}: {e}")))?;
        rows.push((*activity_id, json));
    }
    for chunk in rows.chunks(ROWS_PER_STATEMENT) {
        let mut insert: QueryBuilder<Sqlite> =
            QueryBuilder::new("INSERT INTO activity_laps (connection_id, activity_id, laps) ");
        insert.push_values(chunk, |mut values, (activity_id, json)| {
            values
                .push_bind(&connection.0)
                .push_bind(*activity_id)
                .push_bind(json.as_str());
        });
        insert.push(" ON CONFLICT(connection_id, activity_id) DO UPDATE SET laps = excluded.laps");
        insert.build().execute(&mut *conn).await?;
    }
    Ok(())
}

/// Forgets the laps of these activities (their streams are being refetched).
pub(crate) async fn delete_all(
    conn: &mut SqliteConnection,
    connection: &ConnectionId,
    ids: &[&str],
) -> Result<(), StoreError> {
    for chunk in ids.chunks(crate::streams::IDS_PER_STATEMENT) {
        let mut delete: QueryBuilder<Sqlite> =
            QueryBuilder::new("DELETE FROM activity_laps WHERE connection_id = ");
        delete
            .push_bind(&connection.0)
            .push(" AND activity_id IN (");
        let mut list = delete.separated(", ");
        for id in chunk {
            list.push_bind(*id);
        }
        delete.push(")");
        delete.build().execute(&mut *conn).await?;
    }
    Ok(())
}

impl Store {
    /// The activity's laps, in order: `None` when they were never fetched (its streams were
    /// not, or its platform has no laps to ask for), empty when the platform has none.
    pub async fn laps(
        &self,
        connection: &ConnectionId,
        activity_id: &str,
    ) -> Result<Option<Vec<Lap>>, StoreError> {
        let json: Option<String> = sqlx::query_scalar(
            "SELECT laps FROM activity_laps WHERE connection_id = ? AND activity_id = ?",
        )
        .bind(&connection.0)
        .bind(activity_id)
        .fetch_optional(self.pool())
        .await?;
        json.map(|json| {
            serde_json::from_str(&json)
                .map_err(|e| StoreError::BadValue(format!("laps of activity {activity_id}: {e}")))
        })
        .transpose()
    }
}
