//! The `activities` table: completed activities, one row per connection and platform id.

use crate::connections::{instant_text, parse_instant};
use crate::sync_state::{self, Checkpoint, Resource};
use crate::{Store, StoreError};
use chrono::NaiveDate;
use offpeak_domain::{Activity, ConnectionId, Sport};
use sqlx::{QueryBuilder, Sqlite};

/// Rows per INSERT statement: 18 columns × 50 stays well under SQLite's variable limit.
const ROWS_PER_STATEMENT: usize = 50;

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    athlete_id: String,
    start_time: String,
    timezone: Option<String>,
    local_date: String,
    sport: String,
    name: String,
    elapsed_time_s: i64,
    moving_time_s: i64,
    distance_m: Option<f64>,
    elevation_gain_m: Option<f64>,
    avg_power_w: Option<f64>,
    avg_hr: Option<f64>,
    load: Option<f64>,
    trainer: bool,
    planned_workout_id: Option<String>,
    updated_at: String,
}

impl TryFrom<Row> for Activity {
    type Error = StoreError;

    fn try_from(row: Row) -> Result<Activity, StoreError> {
        Ok(Activity {
            start_time: parse_instant(&row.start_time)?,
            local_date: row
                .local_date
                .parse()
                .map_err(|_| StoreError::BadValue(format!("date {}", row.local_date)))?,
            updated_at: parse_instant(&row.updated_at)?,
            id: row.id,
            athlete_id: row.athlete_id,
            timezone: row.timezone,
            sport: Sport::parse(&row.sport),
            name: row.name,
            elapsed_time_s: u32::try_from(row.elapsed_time_s).unwrap_or(0),
            moving_time_s: u32::try_from(row.moving_time_s).unwrap_or(0),
            distance_m: row.distance_m,
            elevation_gain_m: row.elevation_gain_m,
            avg_power_w: row.avg_power_w,
            avg_hr: row.avg_hr,
            load: row.load,
            trainer: row.trainer,
            planned_workout_id: row.planned_workout_id,
            description: None,
            normalized_power_w: None,
            max_hr: None,
            avg_cadence: None,
            calories: None,
            intensity_factor: None,
            stream_types: Vec::new(),
            stub: false,
        })
    }
}

impl Store {
    /// Writes one synced page of activities and the checkpoint after it, in one transaction.
    pub async fn save_activities_page(
        &self,
        connection: &ConnectionId,
        activities: &[Activity],
        checkpoint: &Checkpoint,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool().begin().await?;
        for chunk in activities.chunks(ROWS_PER_STATEMENT) {
            let mut insert: QueryBuilder<Sqlite> = QueryBuilder::new(
                "INSERT INTO activities (connection_id, id, athlete_id, start_time, timezone, local_date, sport, name, \
                 elapsed_time_s, moving_time_s, distance_m, elevation_gain_m, avg_power_w, avg_hr, load, trainer, \
                 planned_workout_id, updated_at) ",
            );
            insert.push_values(chunk, |mut row, a| {
                row.push_bind(&connection.0)
                    .push_bind(&a.id)
                    .push_bind(&a.athlete_id)
                    .push_bind(instant_text(a.start_time))
                    .push_bind(&a.timezone)
                    .push_bind(a.local_date.to_string())
                    .push_bind(a.sport.as_str())
                    .push_bind(&a.name)
                    .push_bind(i64::from(a.elapsed_time_s))
                    .push_bind(i64::from(a.moving_time_s))
                    .push_bind(a.distance_m)
                    .push_bind(a.elevation_gain_m)
                    .push_bind(a.avg_power_w)
                    .push_bind(a.avg_hr)
                    .push_bind(a.load)
                    .push_bind(a.trainer)
                    .push_bind(&a.planned_workout_id)
                    .push_bind(instant_text(a.updated_at));
            });
            insert.push(
                " ON CONFLICT(connection_id, id) DO UPDATE SET athlete_id = excluded.athlete_id, \
                 start_time = excluded.start_time, timezone = excluded.timezone, local_date = excluded.local_date, \
                 sport = excluded.sport, name = excluded.name, elapsed_time_s = excluded.elapsed_time_s, \
                 moving_time_s = excluded.moving_time_s, distance_m = excluded.distance_m, \
                 elevation_gain_m = excluded.elevation_gain_m, avg_power_w = excluded.avg_power_w, \
                 avg_hr = excluded.avg_hr, load = excluded.load, trainer = excluded.trainer, \
                 planned_workout_id = excluded.planned_workout_id, updated_at = excluded.updated_at",
            );
            insert.build().execute(&mut *tx).await?;
        }
        sync_state::put(&mut tx, connection, Resource::Activities, checkpoint).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Activities on local dates `from..=to` across every connection, in the order they happened.
    pub async fn activities_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<Activity>, StoreError> {
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT id, athlete_id, start_time, timezone, local_date, sport, name, elapsed_time_s, moving_time_s, \
             distance_m, elevation_gain_m, avg_power_w, avg_hr, load, trainer, planned_workout_id, updated_at
             FROM activities WHERE local_date BETWEEN ? AND ? ORDER BY local_date, start_time, id",
        )
        .bind(from.to_string())
        .bind(to.to_string())
        .fetch_all(self.pool())
        .await?;
        rows.into_iter().map(Activity::try_from).collect()
    }

    /// How many activities the cache holds for a connection.
    pub async fn activity_count(&self, connection: &ConnectionId) -> Result<u64, StoreError> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM activities WHERE connection_id = ?")
            .bind(&connection.0)
            .fetch_one(self.pool())
            .await?;
        Ok(n as u64)
    }
}
