//! How much of the cache one connection takes, for the accounts screen and the purge prompt.

use crate::{Store, StoreError};
use offpeak_domain::ConnectionId;

/// What a connection has in the cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CacheUsage {
    pub workouts: u64,
    pub activities: u64,
    pub notes: u64,
    pub wellness_days: u64,
    /// The bytes its encoded streams take (part of `bytes`).
    pub stream_bytes: u64,
    /// The bytes its rows hold (the stored values, without SQLite's page overhead).
    pub bytes: u64,
}

impl Store {
    pub async fn cache_usage(&self, connection: &ConnectionId) -> Result<CacheUsage, StoreError> {
        let (workouts, workout_bytes): (i64, i64) = sqlx::query_as(
            "SELECT COUNT(*), COALESCE(SUM(length(id) + length(athlete_id) + length(date)
                 + COALESCE(length(start_time), 0) + length(sport) + length(name)
                 + COALESCE(length(description), 0) + 8 * 3 + COALESCE(length(structure), 0)
                 + COALESCE(length(race), 0) + length(updated_at)), 0)
             FROM workouts WHERE connection_id = ?",
        )
        .bind(&connection.0)
        .fetch_one(self.pool())
        .await?;
        let (activities, activity_bytes): (i64, i64) = sqlx::query_as(
            "SELECT COUNT(*), COALESCE(SUM(length(id) + length(athlete_id) + length(start_time)
                 + COALESCE(length(timezone), 0) + length(local_date) + length(sport) + length(name)
                 + 8 * 15 + COALESCE(length(planned_workout_id), 0) + length(updated_at)
                 + COALESCE(length(description), 0) + length(stream_types)
                 + length(streams_fingerprint)), 0)
             FROM activities WHERE connection_id = ?",
        )
        .bind(&connection.0)
        .fetch_one(self.pool())
        .await?;
        let (notes, note_bytes): (i64, i64) = sqlx::query_as(
            "SELECT COUNT(*), COALESCE(SUM(length(id) + length(athlete_id) + length(kind)
                 + length(start_date) + length(end_date) + length(name)
                 + COALESCE(length(description), 0) + length(updated_at)), 0)
             FROM calendar_notes WHERE connection_id = ?",
        )
        .bind(&connection.0)
        .fetch_one(self.pool())
        .await?;
        let (wellness_days, wellness_bytes): (i64, i64) = sqlx::query_as(
            "SELECT COUNT(*), COALESCE(SUM(length(athlete_id) + length(date) + 8 * 5
                 + length(updated_at)), 0)
             FROM wellness WHERE connection_id = ?",
        )
        .bind(&connection.0)
        .fetch_one(self.pool())
        .await?;
        let stream_bytes: i64 = sqlx::query_scalar(
            "SELECT COALESCE(SUM(length(kind) + 8 + length(data)), 0)
             FROM activity_streams WHERE connection_id = ?",
        )
        .bind(&connection.0)
        .fetch_one(self.pool())
        .await?;
        let figure_bytes: i64 = sqlx::query_scalar(
            "SELECT COALESCE(SUM(length(activity_id) + length(power_curve) + length(power_zone_s)
                 + length(hr_zone_s) + 8 * 3), 0)
             FROM activity_figures WHERE connection_id = ?",
        )
        .bind(&connection.0)
        .fetch_one(self.pool())
        .await?;
        let count = |n: i64| u64::try_from(n).unwrap_or(0);
        Ok(CacheUsage {
            workouts: count(workouts),
            activities: count(activities),
            notes: count(notes),
            wellness_days: count(wellness_days),
            stream_bytes: count(stream_bytes),
            bytes: [
                workout_bytes,
                activity_bytes,
                note_bytes,
                wellness_bytes,
                stream_bytes,
                figure_bytes,
            ]
            .into_iter()
            .map(count)
            .sum(),
        })
    }
}

impl Store {
    /// The earliest and latest local dates of an athlete's workouts and activities, or `None`
    /// when the cache holds neither. Four index lookups, whatever the history's length.
    pub async fn cached_days(
        &self,
        connection: &ConnectionId,
        athlete_id: &str,
    ) -> Result<Option<(chrono::NaiveDate, chrono::NaiveDate)>, StoreError> {
        let (first, last): (Option<String>, Option<String>) = sqlx::query_as(
            "SELECT MIN(first), MAX(last) FROM (
               SELECT (SELECT MIN(local_date) FROM activities
                        WHERE connection_id = ?1 AND athlete_id = ?2) AS first,
                      (SELECT MAX(local_date) FROM activities
                        WHERE connection_id = ?1 AND athlete_id = ?2) AS last
               UNION ALL
               SELECT (SELECT MIN(date) FROM workouts WHERE connection_id = ?1 AND athlete_id = ?2),
                      (SELECT MAX(date) FROM workouts WHERE connection_id = ?1 AND athlete_id = ?2))",
        )
        .bind(&connection.0)
        .bind(athlete_id)
        .fetch_one(self.pool())
        .await?;
        let parse = |text: Option<String>| {
            text.map(|t| {
                t.parse::<chrono::NaiveDate>()
                    .map_err(|_| StoreError::BadValue(format!("cached date {t}")))
            })
            .transpose()
        };
        Ok(parse(first)?.zip(parse(last)?))
    }
}
