//! The `stream_sets` and `activity_streams` tables: an activity's time series, one encoded blob
//! per series (see [`crate::codec`]), and one set row per activity whose streams were
//! fetched — also when it had none — holding the activity's streams fingerprint at the time, so
//! the streams of a changed activity are known to be stale. A sync saves many activities'
//! streams in one transaction of a few statements ([`Store::save_stream_batch`]), their series
//! encoded ([`EncodedStreams`]) before it begins.

use crate::connections::instant_text;
use crate::{Store, StoreError, activity_laps, codec, figures};
use chrono::Utc;
use offpeak_domain::{ActivityFigures, ConnectionId, Lap, StreamKind, Streams};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};
use std::collections::{HashMap, HashSet};

/// Series per INSERT statement (5 values each, under SQLite's variable limit).
const SERIES_PER_STATEMENT: usize = 150;

/// Set rows per INSERT statement (6 values each).
const SETS_PER_STATEMENT: usize = 150;

/// Activity ids per `IN (…)` list.
pub(crate) const IDS_PER_STATEMENT: usize = 500;

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
/// streams fingerprint when they were fetched, the streams (encoded), the size of the JSON the
/// platform sent, the figures computed from them, and its laps when they were fetched with
/// them (`None` where the platform has no laps to ask for).
#[derive(Debug, Clone, Copy)]
pub struct StreamsToSave<'a> {
    pub activity_id: &'a str,
    pub fingerprint: &'a str,
    pub streams: &'a EncodedStreams,
    pub json_bytes: u64,
    pub figures: &'a ActivityFigures,
    pub laps: Option<&'a [Lap]>,
}

/// One encoded series: its kind's name, its number of samples and its blob.
type EncodedSeries = (&'static str, i64, Vec<u8>);

/// An activity's series encoded for the cache ([`crate::codec`]). Encoding is computation
/// only, done before the write transaction begins, wherever the caller likes: a sync does it
/// away from its async tasks.
#[derive(Debug, Clone, PartialEq)]
pub struct EncodedStreams {
    series: Vec<EncodedSeries>,
    stored_bytes: usize,
}

impl EncodedStreams {
    /// Encodes every series of `streams` with `encoder`.
    pub fn new(streams: &Streams, encoder: &mut codec::Encoder) -> EncodedStreams {
        let series: Vec<EncodedSeries> = streams
            .series
            .iter()
            .map(|(kind, data)| {
                let samples = i64::try_from(data.len()).unwrap_or(i64::MAX);
                (kind.as_str(), samples, encoder.encode(data))
            })
            .collect();
        let stored_bytes = series.iter().map(|(_, _, blob)| blob.len()).sum();
        EncodedStreams {
            series,
            stored_bytes,
        }
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
        let encoded = EncodedStreams::new(streams, &mut codec::Encoder::new());
        let one = StreamsToSave {
            activity_id,
            fingerprint,
            streams: &encoded,
            json_bytes,
            figures,
            laps: None,
        };
        Ok(self.save_stream_batch(connection, &[one]).await?[0])
    }

    /// Saves several activities' streams as [`Store::save_streams`] does each, with their laps
    /// (the laps of a refetched activity are replaced, or forgotten when none come with it),
    /// all in one transaction and a few statements: a sync that fetched many saves them
    /// without a commit or a round trip for every one. Says for each whether it was saved (not when the activity
    /// is no longer cached). An activity named twice is saved as its last entry has it.
    pub async fn save_stream_batch(
        &self,
        connection: &ConnectionId,
        batch: &[StreamsToSave<'_>],
    ) -> Result<Vec<bool>, StoreError> {
        let ids: Vec<&str> = batch.iter().map(|item| item.activity_id).collect();
        let mut tx = self.pool().begin_with("BEGIN IMMEDIATE").await?;
        let cached = cached_with_streams(&mut tx, connection, &ids).await?;
        let saved: Vec<bool> = ids.iter().map(|id| cached.contains_key(id)).collect();
        // The last entry of each cached activity.
        let mut seen = HashSet::new();
        let mut items: Vec<&StreamsToSave<'_>> = batch
            .iter()
            .rev()
            .filter(|item| cached.contains_key(item.activity_id) && seen.insert(item.activity_id))
            .collect();
        items.reverse();
        let refetched: Vec<&str> = items
            .iter()
            .map(|item| item.activity_id)
            .filter(|id| cached.get(id) == Some(&true))
            .collect();
        delete_series(&mut tx, connection, &refetched).await?;
        activity_laps::delete_all(&mut tx, connection, &refetched).await?;
        insert_series(&mut tx, connection, &items).await?;
        upsert_sets(&mut tx, connection, &items).await?;
        let figures: Vec<(&str, &ActivityFigures)> = items
            .iter()
            .map(|item| (item.activity_id, item.figures))
            .collect();
        figures::put_all(&mut tx, connection, &figures).await?;
        let laps: Vec<(&str, &[Lap])> = items
            .iter()
            .filter_map(|item| Some((item.activity_id, item.laps?)))
            .collect();
        activity_laps::put_all(&mut tx, connection, &laps).await?;
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

/// Which of `ids` are cached activities, each with whether its streams were fetched before.
async fn cached_with_streams<'a>(
    conn: &mut SqliteConnection,
    connection: &ConnectionId,
    ids: &[&'a str],
) -> Result<HashMap<&'a str, bool>, StoreError> {
    let mut cached = HashMap::new();
    for chunk in ids.chunks(IDS_PER_STATEMENT) {
        let mut select: QueryBuilder<Sqlite> = QueryBuilder::new(
            "SELECT a.id, s.activity_id IS NOT NULL FROM activities a
             LEFT JOIN stream_sets s ON s.connection_id = a.connection_id AND s.activity_id = a.id
             WHERE a.connection_id = ",
        );
        select.push_bind(&connection.0).push(" AND a.id IN (");
        let mut list = select.separated(", ");
        for id in chunk {
            list.push_bind(*id);
        }
        select.push(")");
        let rows: Vec<(String, bool)> = select.build_query_as().fetch_all(&mut *conn).await?;
        for (id, fetched) in rows {
            if let Some(id) = chunk.iter().find(|candidate| **candidate == id) {
                cached.insert(*id, fetched);
            }
        }
    }
    Ok(cached)
}

/// Removes the series of activities whose streams are being replaced.
async fn delete_series(
    conn: &mut SqliteConnection,
    connection: &ConnectionId,
    ids: &[&str],
) -> Result<(), StoreError> {
    for chunk in ids.chunks(IDS_PER_STATEMENT) {
        let mut delete: QueryBuilder<Sqlite> =
            QueryBuilder::new("DELETE FROM activity_streams WHERE connection_id = ");
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

/// Writes the series of every item, many to a statement.
async fn insert_series(
    conn: &mut SqliteConnection,
    connection: &ConnectionId,
    items: &[&StreamsToSave<'_>],
) -> Result<(), StoreError> {
    let rows: Vec<(&str, &EncodedSeries)> = items
        .iter()
        .flat_map(|item| item.streams.series.iter().map(|s| (item.activity_id, s)))
        .collect();
    for chunk in rows.chunks(SERIES_PER_STATEMENT) {
        let mut insert: QueryBuilder<Sqlite> = QueryBuilder::new(
            "INSERT INTO activity_streams (connection_id, activity_id, kind, samples, data) ",
        );
        insert.push_values(chunk, |mut values, (activity_id, (kind, samples, blob))| {
            values
                .push_bind(&connection.0)
                .push_bind(*activity_id)
                .push_bind(*kind)
                .push_bind(*samples)
                .push_bind(blob.as_slice());
        });
        insert.build().execute(&mut *conn).await?;
    }
    Ok(())
}

/// Writes (or replaces) the set row of every item.
async fn upsert_sets(
    conn: &mut SqliteConnection,
    connection: &ConnectionId,
    items: &[&StreamsToSave<'_>],
) -> Result<(), StoreError> {
    let fetched_at = instant_text(Utc::now());
    for chunk in items.chunks(SETS_PER_STATEMENT) {
        let mut insert: QueryBuilder<Sqlite> = QueryBuilder::new(
            "INSERT INTO stream_sets (connection_id, activity_id, fingerprint, fetched_at,
               json_bytes, stored_bytes) ",
        );
        insert.push_values(chunk, |mut values, item| {
            values
                .push_bind(&connection.0)
                .push_bind(item.activity_id)
                .push_bind(item.fingerprint)
                .push_bind(&fetched_at)
                .push_bind(i64::try_from(item.json_bytes).unwrap_or(i64::MAX))
                .push_bind(i64::try_from(item.streams.stored_bytes).unwrap_or(i64::MAX));
        });
        insert.push(
            " ON CONFLICT(connection_id, activity_id) DO UPDATE SET
               fingerprint = excluded.fingerprint, fetched_at = excluded.fetched_at,
               json_bytes = excluded.json_bytes, stored_bytes = excluded.stored_bytes",
        );
        insert.build().execute(&mut *conn).await?;
    }
    Ok(())
}
