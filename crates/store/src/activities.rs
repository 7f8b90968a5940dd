//! The `activities` table: completed activities, one row per connection and platform id. Each
//! row keeps the fingerprint of what decides its streams, so streams fetched for an older version
//! of the activity are known to be stale.

use crate::connections::{instant_text, parse_instant};
use crate::item_table::{item_table, select_items};
use crate::sync_checkpoints::PageCheckpoint;
use crate::{Applied, Changes, Store, StoreError};
use chrono::NaiveDate;
use offpeak_domain::{Activity, ConnectionId, Sport};
use sqlx::{QueryBuilder, Sqlite};
use std::collections::HashMap;

item_table! {
    /// Completed activities, named by id, dated by their local start day.
    table Activities {
        name: "activities",
        item: Activity,
        key: id,
        key_per_athlete: false,
        date: local_date,
    }
    /// An activity as stored.
    row Row {
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
        description: Option<String>,
        normalized_power_w: Option<f64>,
        max_hr: Option<f64>,
        avg_cadence: Option<f64>,
        calories: Option<f64>,
        intensity_factor: Option<f64>,
        stream_types: String,
        stub: bool,
        streams_fingerprint: String,
        updated_at: String,
    }
}

impl From<&Activity> for Row {
    fn from(a: &Activity) -> Row {
        Row {
            id: a.id.clone(),
            athlete_id: a.athlete_id.clone(),
            start_time: instant_text(a.start_time),
            timezone: a.timezone.clone(),
            local_date: a.local_date.to_string(),
            sport: a.sport.as_str().to_owned(),
            name: a.name.clone(),
            elapsed_time_s: i64::from(a.elapsed_time_s),
            moving_time_s: i64::from(a.moving_time_s),
            distance_m: a.distance_m,
            elevation_gain_m: a.elevation_gain_m,
            avg_power_w: a.avg_power_w,
            avg_hr: a.avg_hr,
            load: a.load,
            trainer: a.trainer,
            planned_workout_id: a.planned_workout_id.clone(),
            description: a.description.clone(),
            normalized_power_w: a.normalized_power_w,
            max_hr: a.max_hr,
            avg_cadence: a.avg_cadence,
            calories: a.calories,
            intensity_factor: a.intensity_factor,
            stream_types: a.stream_types.join(","),
            stub: a.stub,
            streams_fingerprint: a.streams_fingerprint(),
            updated_at: instant_text(a.updated_at),
        }
    }
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
            stream_types: row
                .stream_types
                .split(',')
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect(),
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
            description: row.description,
            normalized_power_w: row.normalized_power_w,
            max_hr: row.max_hr,
            avg_cadence: row.avg_cadence,
            calories: row.calories,
            intensity_factor: row.intensity_factor,
            stub: row.stub,
        })
    }
}

/// One athlete's activities on local dates `?3..=?4`, in the order they happened.
pub(crate) const OF_ATHLETE: &str =
    "WHERE connection_id = ? AND athlete_id = ? AND local_date BETWEEN ? AND ?
     ORDER BY local_date, start_time, id";

/// One athlete's most recent activity.
pub(crate) const LAST_OF_ATHLETE: &str = "WHERE connection_id = ? AND athlete_id = ?
     ORDER BY start_time DESC, id DESC LIMIT 1";

/// One athlete's load per local date in `?3..=?4`: each activity's computed load, else the
/// platform's; days where neither is known are left out.
pub(crate) const DAILY_LOADS: &str =
    "SELECT a.local_date, SUM(COALESCE(f.load, a.load)) AS day_load
     FROM activities a
     LEFT JOIN activity_figures f ON f.connection_id = a.connection_id AND f.activity_id = a.id
     WHERE a.connection_id = ? AND a.athlete_id = ? AND a.local_date BETWEEN ? AND ?
     GROUP BY a.local_date HAVING day_load IS NOT NULL ORDER BY a.local_date";

impl Store {
    /// The load the platform reported for each of these activities, which their figures fall
    /// back on when the streams give none; an activity no longer cached is left out.
    pub async fn platform_loads(
        &self,
        connection: &ConnectionId,
        activity_ids: &[&str],
    ) -> Result<HashMap<String, Option<f64>>, StoreError> {
        let mut loads = HashMap::with_capacity(activity_ids.len());
        for chunk in activity_ids.chunks(crate::streams::IDS_PER_STATEMENT) {
            let mut select: QueryBuilder<Sqlite> =
                QueryBuilder::new("SELECT id, load FROM activities WHERE connection_id = ");
            select.push_bind(&connection.0).push(" AND id IN (");
            let mut list = select.separated(", ");
            for id in chunk {
                list.push_bind(*id);
            }
            select.push(")");
            let rows: Vec<(String, Option<f64>)> =
                select.build_query_as().fetch_all(self.pool()).await?;
            loads.extend(rows);
        }
        Ok(loads)
    }

    /// Applies a page of changes to an athlete's activities together with its checkpoint, in one
    /// transaction (see [`Changes`]). A deleted activity takes its streams and figures with it;
    /// an updated one keeps them, stale if its streams fingerprint changed.
    pub async fn apply_activities(
        &self,
        connection: &ConnectionId,
        athlete_id: &str,
        changes: &Changes<Activity>,
        checkpoint: &PageCheckpoint<'_>,
    ) -> Result<Applied, StoreError> {
        self.apply_changes(connection, athlete_id, changes, checkpoint)
            .await
    }

    /// Activities on local dates `from..=to` across every connection, in the order they happened.
    pub async fn activities_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<Activity>, StoreError> {
        select_items::<Activities>(
            self,
            "WHERE local_date BETWEEN ? AND ? ORDER BY local_date, start_time, id",
            &[&from.to_string(), &to.to_string()],
        )
        .await
    }

    /// The activities of one athlete of a connection on local dates `from..=to`, in the order
    /// they happened (local date, start time, id).
    pub async fn activities_of(
        &self,
        connection: &ConnectionId,
        athlete_id: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<Activity>, StoreError> {
        select_items::<Activities>(
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

    /// The athlete's activity with the latest start; `None` when the cache holds none.
    pub async fn last_activity(
        &self,
        connection: &ConnectionId,
        athlete_id: &str,
    ) -> Result<Option<Activity>, StoreError> {
        let found =
            select_items::<Activities>(self, LAST_OF_ATHLETE, &[&connection.0, athlete_id]).await?;
        Ok(found.into_iter().next())
    }

    /// The athlete's training load per local date in `from..=to`, oldest first: the sum over
    /// the day's activities of the load computed from each one's streams, or the platform's
    /// where there is none. Days without any known load are left out.
    pub async fn daily_loads(
        &self,
        connection: &ConnectionId,
        athlete_id: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<(NaiveDate, f64)>, StoreError> {
        let rows: Vec<(String, f64)> = sqlx::query_as(DAILY_LOADS)
            .bind(&connection.0)
            .bind(athlete_id)
            .bind(from.to_string())
            .bind(to.to_string())
            .fetch_all(self.pool())
            .await?;
        rows.into_iter()
            .map(|(date, load)| {
                let date = date
                    .parse()
                    .map_err(|_| StoreError::BadValue(format!("date {date}")))?;
                Ok((date, load))
            })
            .collect()
    }

    /// Every activity of a connection, by id.
    pub async fn all_activities(
        &self,
        connection: &ConnectionId,
    ) -> Result<Vec<Activity>, StoreError> {
        select_items::<Activities>(
            self,
            "WHERE connection_id = ? ORDER BY id",
            &[&connection.0],
        )
        .await
    }

    /// One activity of a connection.
    pub async fn activity(
        &self,
        connection: &ConnectionId,
        id: &str,
    ) -> Result<Option<Activity>, StoreError> {
        let found = select_items::<Activities>(
            self,
            "WHERE connection_id = ? AND id = ?",
            &[&connection.0, id],
        )
        .await?;
        Ok(found.into_iter().next())
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
