//! The `stream_sets` and `activity_streams` tables: an activity's time series, one encoded blob
//! per series (see [`crate::codec`]), and one set row per activity whose streams were
//! fetched — also when it had none — holding the activity's streams fingerprint at the time, so
//! the streams of a changed activity are known to be stale. A sync saves many activities'
//! streams in one transaction ([`Store::save_stream_batch`]), their series encoded before it
//! begins.

use crate::connections::instant_text;
use crate::{Store, StoreError, codec, figures};
use chrono::Utc;
use offpeak_domain::{ActivityFigures, ConnectionId, StreamKind, Streams};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

/// Series per INSERT statement (5 values each, under SQLite's variable limit).
const SERIES_PER_STATEMENT: usize = 150;

/// How much room the cached streams take.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StreamStorage {
    /// Activities whose streams were fetched.
    pub activities: u64,
    /// Series kept.
    pub series: u64,
    /// What the platforms sent, as JSON.
    pub json_bytes: u64,
    /// What the encoded series take here.
    pub stored_bytes: u64,
}

/// One activity's streams as [`Store::save_stream_batch`] takes them: the activity, its
/// streams fingerprint when they were fetched, the streams, the size of the JSON the platform
/// sent, and the figures computed from them.
#[derive(Debug, Clone, Copy)]
pub struct StreamsToSave<'a> {
    pub activity_id: &'a str,
    pub fingerprint: &'a str,
    pub streams: &'a Streams,
    pub json_bytes: u64,
    pub figures: &'a ActivityFigures,
}

/// An activity's series, encoded before the write transaction begins.
struct Encoded {
    series: Vec<(&'static str, i64, Vec<u8>)>,
    stored_bytes: usize,
}

fn encode(streams: &Streams) -> Encoded {
    let series: Vec<(&'static str, i64, Vec<u8>)> = streams
        .series
        .iter()
        .map(|(kind, data)| {
            let samples = i64::try_from(data.len()).unwrap_or(i64::MAX);
            (kind.as_str(), samples, codec::encode(data))
        })
        .collect();
    let stored_bytes = series.iter().map(|(_, _, blob)| blob.len()).sum();
    Encoded {
        series,
        stored_bytes,
    }
}

impl Store {
    /// Replaces the activity's streams and figures in one transaction, remembering `fingerprint`
    /// (the activity's streams fingerprint when they were fetched) and the `json_bytes` the
    /// platform sent. `Ok(false)`, and nothing written, when the activity is no longer cached.
    pub async fn save_streams(
        &self,
        connection: &ConnectionId,
        activity_id: &str,
        fingerprint: &str,
        streams: &Streams,
        json_bytes: u64,
        figures: &ActivityFigures,
    ) -> Result<bool, StoreError> {
        let one = StreamsToSave {
            activity_id,
            fingerprint,
            streams,
            json_bytes,
            figures,
        };
        Ok(self.save_stream_batch(connection, &[one]).await?[0])
    }

    /// Saves several activities' streams as [`Store::save_streams`] does each, all in one
    /// transaction: a sync that fetched many saves them without a commit for every one. Says
    /// for each whether it was saved (not when the activity is no longer cached).
    pub async fn save_stream_batch(
        &self,
        connection: &ConnectionId,
        batch: &[StreamsToSave<'_>],
    ) -> Result<Vec<bool>, StoreError> {
        let encoded: Vec<Encoded> = batch.iter().map(|item| encode(item.streams)).collect();
        let mut saved = Vec::with_capacity(batch.len());
        let mut tx = self.pool().begin_with("BEGIN IMMEDIATE").await?;
        for (item, encoded) in batch.iter().zip(&encoded) {
            let cached: Option<i64> =
                sqlx::query_scalar("SELECT 1 FROM activities WHERE connection_id = ? AND id = ?")
                    .bind(&connection.0)
                    .bind(item.activity_id)
                    .fetch_optional(&mut *tx)
                    .await?;
            saved.push(cached.is_some());
            if cached.is_some() {
                put(&mut tx, connection, item, encoded).await?;
            }
        }
        tx.commit().await?;
        Ok(saved)
    }

    /// The activity's streams as last fetched (possibly stale, possibly none at all); `None`
    /// when they were never fetched.
    pub async fn streams(
        &self,
        connection: &ConnectionId,
        activity_id: &str,
    ) -> Result<Option<Streams>, StoreError> {
        // One read transaction: a concurrent save cannot show half its series.
        let mut tx = self.pool().begin().await?;
        let fetched: Option<i64> = sqlx::query_scalar(
            "SELECT 1 FROM stream_sets WHERE connection_id = ? AND activity_id = ?",
        )
        .bind(&connection.0)
        .bind(activity_id)
        .fetch_optional(&mut *tx)
        .await?;
        if fetched.is_none() {
            return Ok(None);
        }
        let rows: Vec<(String, Vec<u8>)> = sqlx::query_as(
            "SELECT kind, data FROM activity_streams WHERE connection_id = ? AND activity_id = ?",
        )
        .bind(&connection.0)
        .bind(activity_id)
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        let mut streams = Streams::default();
        for (kind, blob) in rows {
            let kind = StreamKind::parse(&kind)
                .ok_or_else(|| StoreError::BadValue(format!("stream kind {kind}")))?;
            let data = codec::decode(&blob).map_err(|e| StoreError::BadValue(e.to_string()))?;
            streams.insert(kind, data);
        }
        Ok(Some(streams))
    }

    /// How much room the streams of one connection (or of all, with `None`) take.
    pub async fn stream_storage(
        &self,
        connection: Option<&ConnectionId>,
    ) -> Result<StreamStorage, StoreError> {
        let connection = connection.map(|c| c.0.as_str());
        let (activities, json_bytes, stored_bytes): (i64, i64, i64) = sqlx::query_as(
            "SELECT COUNT(*), COALESCE(SUM(json_bytes), 0), COALESCE(SUM(stored_bytes), 0)
             FROM stream_sets WHERE ?1 IS NULL OR connection_id = ?1",
        )
        .bind(connection)
        .fetch_one(self.pool())
        .await?;
        let series: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM activity_streams WHERE ?1 IS NULL OR connection_id = ?1",
        )
        .bind(connection)
        .fetch_one(self.pool())
        .await?;
        let count = |n: i64| u64::try_from(n).unwrap_or(0);
        Ok(StreamStorage {
            activities: count(activities),
            series: count(series),
            json_bytes: count(json_bytes),
            stored_bytes: count(stored_bytes),
        })
    }
}

/// Writes one cached activity's series, set row and figures (inside the caller's transaction).
async fn put(
    conn: &mut SqliteConnection,
    connection: &ConnectionId,
    item: &StreamsToSave<'_>,
    encoded: &Encoded,
) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM activity_streams WHERE connection_id = ? AND activity_id = ?")
        .bind(&connection.0)
        .bind(item.activity_id)
        .execute(&mut *conn)
        .await?;
    for chunk in encoded.series.chunks(SERIES_PER_STATEMENT) {
        let mut insert: QueryBuilder<Sqlite> = QueryBuilder::new(
            "INSERT INTO activity_streams (connection_id, activity_id, kind, samples, data) ",
        );
        insert.push_values(chunk, |mut values, (kind, samples, blob)| {
            values
                .push_bind(&connection.0)
                .push_bind(item.activity_id)
                .push_bind(*kind)
                .push_bind(*samples)
                .push_bind(blob.as_slice());
        });
        insert.build().execute(&mut *conn).await?;
    }
    sqlx::query(
        "INSERT INTO stream_sets (connection_id, activity_id, fingerprint, fetched_at, json_bytes, stored_bytes)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(connection_id, activity_id) DO UPDATE SET fingerprint = excluded.fingerprint,
           fetched_at = excluded.fetched_at, json_bytes = excluded.json_bytes,
           stored_bytes = excluded.stored_bytes",
    )
    .bind(&connection.0)
    .bind(item.activity_id)
    .bind(item.fingerprint)
    .bind(instant_text(Utc::now()))
    .bind(i64::try_from(item.json_bytes).unwrap_or(i64::MAX))
    .bind(i64::try_from(encoded.stored_bytes).unwrap_or(i64::MAX))
    .execute(&mut *conn)
    .await?;
    figures::put(conn, connection, item.activity_id, item.figures).await
}
