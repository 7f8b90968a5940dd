//! The `workouts` table: planned workouts, one row per connection and platform id.

use crate::connections::{instant_text, parse_instant};
use crate::sync_state::{self, Checkpoint, Resource};
use crate::{Store, StoreError};
use chrono::NaiveDate;
use offpeak_domain::{ConnectionId, Sport, Workout};
use sqlx::{QueryBuilder, Sqlite};

/// Rows per INSERT statement: 13 columns × 60 stays well under SQLite's variable limit.
const ROWS_PER_STATEMENT: usize = 60;

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    athlete_id: String,
    date: String,
    start_time: Option<String>,
    sport: String,
    name: String,
    description: Option<String>,
    planned_duration_s: i64,
    planned_distance_m: Option<f64>,
    planned_load: Option<f64>,
    structure: Option<String>,
    updated_at: String,
}

impl TryFrom<Row> for Workout {
    type Error = StoreError;

    fn try_from(row: Row) -> Result<Workout, StoreError> {
        Ok(Workout {
            date: row
                .date
                .parse()
                .map_err(|_| StoreError::BadValue(format!("date {}", row.date)))?,
            structure: row
                .structure
                .as_deref()
                .map(serde_json::from_str)
                .transpose()
                .map_err(|e| StoreError::BadValue(format!("workout structure: {e}")))?,
            updated_at: parse_instant(&row.updated_at)?,
            id: row.id,
            athlete_id: row.athlete_id,
            start_time: row.start_time,
            sport: Sport::parse(&row.sport),
            name: row.name,
            description: row.description,
            race: None,
            planned_duration_s: u32::try_from(row.planned_duration_s).unwrap_or(0),
            planned_distance_m: row.planned_distance_m,
            planned_load: row.planned_load,
        })
    }
}

impl Store {
    /// Writes one synced page of workouts and the checkpoint after it, in one transaction.
    pub async fn save_workouts_page(
        &self,
        connection: &ConnectionId,
        workouts: &[Workout],
        checkpoint: &Checkpoint,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool().begin().await?;
        for chunk in workouts.chunks(ROWS_PER_STATEMENT) {
            let mut insert: QueryBuilder<Sqlite> = QueryBuilder::new(
                "INSERT INTO workouts (connection_id, id, athlete_id, date, start_time, sport, name, description, \
                 planned_duration_s, planned_distance_m, planned_load, structure, updated_at) ",
            );
            insert.push_values(chunk, |mut row, w| {
                row.push_bind(&connection.0)
                    .push_bind(&w.id)
                    .push_bind(&w.athlete_id)
                    .push_bind(w.date.to_string())
                    .push_bind(&w.start_time)
                    .push_bind(w.sport.as_str())
                    .push_bind(&w.name)
                    .push_bind(&w.description)
                    .push_bind(i64::from(w.planned_duration_s))
                    .push_bind(w.planned_distance_m)
                    .push_bind(w.planned_load)
                    .push_bind(w.structure.as_ref().map(|s| s.to_string()))
                    .push_bind(instant_text(w.updated_at));
            });
            insert.push(
                " ON CONFLICT(connection_id, id) DO UPDATE SET athlete_id = excluded.athlete_id, date = excluded.date, \
                 start_time = excluded.start_time, sport = excluded.sport, name = excluded.name, \
                 description = excluded.description, planned_duration_s = excluded.planned_duration_s, \
                 planned_distance_m = excluded.planned_distance_m, planned_load = excluded.planned_load, \
                 structure = excluded.structure, updated_at = excluded.updated_at",
            );
            insert.build().execute(&mut *tx).await?;
        }
        sync_state::put(&mut tx, connection, Resource::Workouts, checkpoint).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Planned workouts dated `from..=to` across every connection, by date then name.
    pub async fn workouts_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<Workout>, StoreError> {
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT id, athlete_id, date, start_time, sport, name, description, planned_duration_s, \
             planned_distance_m, planned_load, structure, updated_at
             FROM workouts WHERE date BETWEEN ? AND ? ORDER BY date, start_time, name, id",
        )
        .bind(from.to_string())
        .bind(to.to_string())
        .fetch_all(self.pool())
        .await?;
        rows.into_iter().map(Workout::try_from).collect()
    }

    /// How many workouts the cache holds for a connection.
    pub async fn workout_count(&self, connection: &ConnectionId) -> Result<u64, StoreError> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM workouts WHERE connection_id = ?")
            .bind(&connection.0)
            .fetch_one(self.pool())
            .await?;
        Ok(n as u64)
    }
}
