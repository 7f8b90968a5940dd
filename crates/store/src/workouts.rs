//! The `workouts` table: planned workouts, one row per connection and platform id.

use crate::changes::{self, Applied, Changes, ItemTable, column_list};
use crate::connections::{instant_text, parse_instant};
use crate::sync_checkpoints::PageCheckpoint;
use crate::sync_state::{self, Checkpoint, Resource};
use crate::{Store, StoreError};
use chrono::NaiveDate;
use offpeak_domain::{ConnectionId, RacePriority, Sport, Workout};
use sqlx::Sqlite;
use sqlx::query_builder::Separated;

/// A workout as stored.
#[derive(Debug, PartialEq, sqlx::FromRow)]
pub(crate) struct Row {
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
    race: Option<String>,
    updated_at: String,
}

impl From<&Workout> for Row {
    fn from(w: &Workout) -> Row {
        Row {
            id: w.id.clone(),
            athlete_id: w.athlete_id.clone(),
            date: w.date.to_string(),
            start_time: w.start_time.clone(),
            sport: w.sport.as_str().to_owned(),
            name: w.name.clone(),
            description: w.description.clone(),
            planned_duration_s: i64::from(w.planned_duration_s),
            planned_distance_m: w.planned_distance_m,
            planned_load: w.planned_load,
            structure: w.structure.as_ref().map(|s| s.to_string()),
            race: w.race.map(|r| r.as_str().to_owned()),
            updated_at: instant_text(w.updated_at),
        }
    }
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
            race: row
                .race
                .as_deref()
                .map(|r| {
                    RacePriority::parse(r)
                        .ok_or_else(|| StoreError::BadValue(format!("race priority {r}")))
                })
                .transpose()?,
            updated_at: parse_instant(&row.updated_at)?,
            id: row.id,
            athlete_id: row.athlete_id,
            start_time: row.start_time,
            sport: Sport::parse(&row.sport),
            name: row.name,
            description: row.description,
            planned_duration_s: u32::try_from(row.planned_duration_s).unwrap_or(0),
            planned_distance_m: row.planned_distance_m,
            planned_load: row.planned_load,
        })
    }
}

pub(crate) struct Workouts;

impl ItemTable for Workouts {
    type Row = Row;
    const TABLE: &'static str = "workouts";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "athlete_id",
        "date",
        "start_time",
        "sport",
        "name",
        "description",
        "planned_duration_s",
        "planned_distance_m",
        "planned_load",
        "structure",
        "race",
        "updated_at",
    ];
    const KEY: &'static str = "id";
    const KEY_PER_ATHLETE: bool = false;
    const DATE: &'static str = "date";

    fn key(row: &Row) -> &str {
        &row.id
    }

    fn push_row(values: &mut Separated<'_, Sqlite, &'static str>, row: &Row) {
        values
            .push_bind(&row.id)
            .push_bind(&row.athlete_id)
            .push_bind(&row.date)
            .push_bind(&row.start_time)
            .push_bind(&row.sport)
            .push_bind(&row.name)
            .push_bind(&row.description)
            .push_bind(row.planned_duration_s)
            .push_bind(row.planned_distance_m)
            .push_bind(row.planned_load)
            .push_bind(&row.structure)
            .push_bind(&row.race)
            .push_bind(&row.updated_at);
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
        let rows: Vec<Row> = workouts.iter().map(Row::from).collect();
        let mut tx = self.pool().begin().await?;
        changes::write_rows::<Workouts>(&mut tx, connection, &rows.iter().collect::<Vec<_>>())
            .await?;
        sync_state::put(&mut tx, connection, Resource::Workouts, checkpoint).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Applies a page of changes to an athlete's workouts together with its checkpoint, in one
    /// transaction (see [`Changes`]).
    pub async fn apply_workouts(
        &self,
        connection: &ConnectionId,
        athlete_id: &str,
        changes: &Changes<Workout>,
        checkpoint: &PageCheckpoint<'_>,
    ) -> Result<Applied, StoreError> {
        let rows = changes.upserts.iter().map(Row::from).collect();
        changes::apply::<Workouts>(
            self,
            connection,
            athlete_id,
            rows,
            &changes.deleted,
            changes.window.as_ref(),
            checkpoint,
        )
        .await
    }

    /// Planned workouts dated `from..=to` across every connection, by date then name.
    pub async fn workouts_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<Workout>, StoreError> {
        let sql = format!(
            "SELECT {} FROM workouts WHERE date BETWEEN ? AND ? ORDER BY date, start_time, name, id",
            column_list::<Workouts>()
        );
        let rows: Vec<Row> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(from.to_string())
            .bind(to.to_string())
            .fetch_all(self.pool())
            .await?;
        rows.into_iter().map(Workout::try_from).collect()
    }

    /// Every workout of a connection, by id.
    pub async fn all_workouts(
        &self,
        connection: &ConnectionId,
    ) -> Result<Vec<Workout>, StoreError> {
        let sql = format!(
            "SELECT {} FROM workouts WHERE connection_id = ? ORDER BY id",
            column_list::<Workouts>()
        );
        let rows: Vec<Row> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(&connection.0)
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
