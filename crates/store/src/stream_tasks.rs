//! Which activities' streams to fetch: those never fetched, and those fetched for an older
//! version of the activity (their streams fingerprint changed), most recent first. Stubs and
//! activities the platform holds no streams for are never asked for.

use crate::connections::parse_instant;
use crate::{Store, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use offpeak_domain::ConnectionId;

/// One activity whose streams are to be fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamTask {
    pub activity_id: String,
    pub athlete_id: String,
    /// The activity's streams fingerprint now; saved with the streams once fetched.
    pub fingerprint: String,
    pub start_time: DateTime<Utc>,
    /// The day it started on, where it was recorded.
    pub local_date: NaiveDate,
}

/// The activities of connection `?1` whose streams are missing or stale.
macro_rules! needing_streams {
    () => {
        " FROM activities a
          LEFT JOIN stream_sets s ON s.connection_id = a.connection_id AND s.activity_id = a.id
          WHERE a.connection_id = ?1 AND a.stub = 0 AND a.stream_types <> ''
            AND (s.fingerprint IS NULL OR s.fingerprint <> a.streams_fingerprint)"
    };
}

/// The queue, most recent start first; `?2`: oldest local date or NULL, `?3`: how many.
const QUEUE: &str = concat!(
    "SELECT a.id, a.athlete_id, a.streams_fingerprint, a.start_time, a.local_date",
    needing_streams!(),
    " AND (?2 IS NULL OR a.local_date >= ?2) ORDER BY a.start_time DESC, a.id DESC LIMIT ?3"
);

type TaskRow = (String, String, String, String, String);

fn task(
    (activity_id, athlete_id, fingerprint, start_time, local_date): TaskRow,
) -> Result<StreamTask, StoreError> {
    Ok(StreamTask {
        start_time: parse_instant(&start_time)?,
        local_date: local_date
            .parse()
            .map_err(|e| StoreError::Corrupt(format!("activity date {local_date:?}: {e}")))?,
        activity_id,
        athlete_id,
        fingerprint,
    })
}

impl Store {
    /// Up to `limit` activities whose streams are missing or stale, most recent start first;
    /// only those on local dates from `newer_than` on, when given.
    pub async fn activities_needing_streams(
        &self,
        connection: &ConnectionId,
        newer_than: Option<NaiveDate>,
        limit: u32,
    ) -> Result<Vec<StreamTask>, StoreError> {
        let rows: Vec<TaskRow> = sqlx::query_as(QUEUE)
            .bind(&connection.0)
            .bind(newer_than.map(|d| d.to_string()))
            .bind(i64::from(limit))
            .fetch_all(self.pool())
            .await?;
        rows.into_iter().map(task).collect()
    }

    /// The same test for one activity (the one a person opened): `Some` when its streams are to
    /// be fetched.
    pub async fn stream_task(
        &self,
        connection: &ConnectionId,
        activity_id: &str,
    ) -> Result<Option<StreamTask>, StoreError> {
        let row: Option<TaskRow> = sqlx::query_as(concat!(
            "SELECT a.id, a.athlete_id, a.streams_fingerprint, a.start_time, a.local_date",
            needing_streams!(),
            " AND a.id = ?2"
        ))
        .bind(&connection.0)
        .bind(activity_id)
        .fetch_optional(self.pool())
        .await?;
        row.map(task).transpose()
    }

    /// How many activities' streams are missing or stale (from `newer_than` on, when given).
    pub async fn count_needing_streams(
        &self,
        connection: &ConnectionId,
        newer_than: Option<NaiveDate>,
    ) -> Result<u64, StoreError> {
        let n: i64 = sqlx::query_scalar(concat!(
            "SELECT COUNT(*)",
            needing_streams!(),
            " AND (?2 IS NULL OR a.local_date >= ?2)"
        ))
        .bind(&connection.0)
        .bind(newer_than.map(|d| d.to_string()))
        .fetch_one(self.pool())
        .await?;
        Ok(u64::try_from(n).unwrap_or(0))
    }
}

#[cfg(test)]
mod tests {
    use super::QUEUE;
    use crate::Store;

    /// Ten years of activities must not be sorted on every call: the queue walks an index in
    /// start order and stops at the limit.
    #[tokio::test]
    async fn the_queue_walks_the_start_index_without_sorting() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("cache.sqlite")).await.unwrap();
        let plan: Vec<(i64, i64, i64, String)> =
            sqlx::query_as(sqlx::AssertSqlSafe(format!("EXPLAIN QUERY PLAN {QUEUE}")))
                .fetch_all(store.pool())
                .await
                .unwrap();
        let details: Vec<&str> = plan.iter().map(|(_, _, _, d)| d.as_str()).collect();
        assert!(
            details.iter().any(|d| d.contains("activities_by_start")),
            "{details:?}"
        );
        assert!(
            !details.iter().any(|d| d.contains("TEMP B-TREE")),
            "{details:?}"
        );
        assert!(
            details
                .iter()
                .any(|d| d.contains("PRIMARY KEY (connection_id=? AND activity_id=?)")),
            "{details:?}"
        );
    }
}
