//! The `workouts` table: planned workouts, one row per connection and platform id.

use crate::connections::{instant_text, parse_instant};
use crate::item_table::{item_table, select_items};
use crate::sync_checkpoints::PageCheckpoint;
use crate::{Applied, Changes, Store, StoreError};
use chrono::NaiveDate;
use offpeak_domain::{ConnectionId, RacePriority, Sport, Workout};

item_table! {
    /// Planned workouts, named by id, dated by their day.
    table Workouts {
        name: "workouts",
        item: Workout,
        key: id,
        key_per_athlete: false,
        date: date,
    }
    /// A workout as stored.
    row Row {
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

/// One athlete's workouts dated `?3..=?4`, in the order of their day.
pub(crate) const OF_ATHLETE: &str =
    "WHERE connection_id = ? AND athlete_id = ? AND date BETWEEN ? AND ?
     ORDER BY date, start_time, id";

/// One workout of a connection.
pub(crate) const ONE: &str = "WHERE connection_id = ? AND id = ?";

impl Store {
    /// Applies a page of changes to an athlete's workouts together with its checkpoint, in one
    /// transaction (see [`Changes`]).
    pub async fn apply_workouts(
        &self,
        connection: &ConnectionId,
        athlete_id: &str,
        changes: &Changes<Workout>,
        checkpoint: &PageCheckpoint<'_>,
    ) -> Result<Applied, StoreError> {
        self.apply_changes(connection, athlete_id, changes, checkpoint)
            .await
    }

    /// Planned workouts dated `from..=to` across every connection, by date then name.
    pub async fn workouts_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<Workout>, StoreError> {
        select_items::<Workouts>(
            self,
            "WHERE date BETWEEN ? AND ? ORDER BY date, start_time, name, id",
            &[&from.to_string(), &to.to_string()],
        )
        .await
    }

    /// The workouts of one athlete of a connection dated `from..=to`, by date, start time
    /// (those without one first) and id.
    pub async fn workouts_of(
        &self,
        connection: &ConnectionId,
        athlete_id: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<Workout>, StoreError> {
        select_items::<Workouts>(
            self,
            OF_ATHLETE,
            &[
                &connection.0,
                athlete_id,
                &from.to_string(),
                &to.to_string(),
            ],
        )
        .await
    }

    /// One workout of a connection; `None` when the cache does not hold it.
    pub async fn workout(
        &self,
        connection: &ConnectionId,
        id: &str,
    ) -> Result<Option<Workout>, StoreError> {
        let found = select_items::<Workouts>(self, ONE, &[&connection.0, id]).await?;
        Ok(found.into_iter().next())
    }

    /// Every workout of a connection, by id.
    pub async fn all_workouts(
        &self,
        connection: &ConnectionId,
    ) -> Result<Vec<Workout>, StoreError> {
        select_items::<Workouts>(
            self,
            "WHERE connection_id = ? ORDER BY id",
            &[&connection.0],
        )
        .await
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
