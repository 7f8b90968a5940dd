//! How much of the cache one connection takes, for the accounts screen.

use crate::{Store, StoreError};
use offpeak_domain::ConnectionId;

/// What a connection has in the cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CacheUsage {
    pub workouts: u64,
    pub activities: u64,
    /// The bytes its rows hold (the stored values, without SQLite's page overhead).
    pub bytes: u64,
}

impl Store {
    pub async fn cache_usage(&self, connection: &ConnectionId) -> Result<CacheUsage, StoreError> {
        let (workouts, workout_bytes): (i64, i64) = sqlx::query_as(
            "SELECT COUNT(*), COALESCE(SUM(length(id) + length(athlete_id) + length(date)
                 + COALESCE(length(start_time), 0) + length(sport) + length(name)
                 + COALESCE(length(description), 0) + 8 * 3 + COALESCE(length(structure), 0)
                 + length(updated_at)), 0)
             FROM workouts WHERE connection_id = ?",
        )
        .bind(&connection.0)
        .fetch_one(self.pool())
        .await?;
        let (activities, activity_bytes): (i64, i64) = sqlx::query_as(
            "SELECT COUNT(*), COALESCE(SUM(length(id) + length(athlete_id) + length(start_time)
                 + COALESCE(length(timezone), 0) + length(local_date) + length(sport) + length(name)
                 + 8 * 9 + COALESCE(length(planned_workout_id), 0) + length(updated_at)), 0)
             FROM activities WHERE connection_id = ?",
        )
        .bind(&connection.0)
        .fetch_one(self.pool())
        .await?;
        let count = |n: i64| u64::try_from(n).unwrap_or(0);
        Ok(CacheUsage {
            workouts: count(workouts),
            activities: count(activities),
            bytes: count(workout_bytes) + count(activity_bytes),
        })
    }
}
