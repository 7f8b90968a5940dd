//! The `activity_figures` table: what was computed once from an activity's streams (power curve,
//! time in zones, normalized power, intensity, load), so browsing never recomputes history.
//! Written by [`Store::save_streams`](crate::Store::save_streams) together with the streams.

use crate::{Store, StoreError};
use chrono::NaiveDate;
use offpeak_domain::{ActivityFigures, ConnectionId};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};
use std::collections::HashMap;

/// A row's figures, as [`Row`] reads them (each named `f.<column>` in a statement).
macro_rules! figure_columns {
    () => {
        "f.power_curve, f.power_zone_s, f.hr_zone_s, f.normalized_power_w, f.intensity_factor, f.load"
    };
}

/// The figures of one activity.
const ONE: &str = concat!(
    "SELECT ",
    figure_columns!(),
    " FROM activity_figures f WHERE f.connection_id = ? AND f.activity_id = ?"
);

/// The figures of one athlete's activities on local dates `?3..=?4`, each with its activity.
pub(crate) const OF_ATHLETE: &str = concat!(
    "SELECT a.id, ",
    figure_columns!(),
    " FROM activities a
      JOIN activity_figures f ON f.connection_id = a.connection_id AND f.activity_id = a.id
      WHERE a.connection_id = ? AND a.athlete_id = ? AND a.local_date BETWEEN ? AND ?"
);

#[derive(sqlx::FromRow)]
struct Row {
    power_curve: String,
    power_zone_s: String,
    hr_zone_s: String,
    normalized_power_w: Option<f64>,
    intensity_factor: Option<f64>,
    load: Option<f64>,
}

/// `seconds:watts` pairs, comma separated. Rust prints the shortest text that parses back to
/// the same `f64`, so the curve reads back exactly.
fn curve_text(curve: &[(u32, f64)]) -> String {
    curve
        .iter()
        .map(|(seconds, watts)| format!("{seconds}:{watts}"))
        .collect::<Vec<_>>()
        .join(",")
}

fn parse_curve(text: &str) -> Result<Vec<(u32, f64)>, StoreError> {
    text.split(',')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (seconds, watts) = pair.split_once(':').unwrap_or((pair, ""));
            match (seconds.parse(), watts.parse()) {
                (Ok(seconds), Ok(watts)) => Ok((seconds, watts)),
                _ => Err(StoreError::BadValue(format!("power curve point {pair}"))),
            }
        })
        .collect()
}

/// The error for a figure that does not read back.
fn unreadable(what: &'static str) -> impl Fn(serde_json::Error) -> StoreError {
    move |e| StoreError::BadValue(format!("figures {what}: {e}"))
}

/// Figure rows per INSERT statement (8 values each, under SQLite's variable limit).
const ROWS_PER_STATEMENT: usize = 100;

/// Replaces the figures of each activity, many to a statement.
pub(crate) async fn put_all(
    conn: &mut SqliteConnection,
    connection: &ConnectionId,
    figures: &[(&str, &ActivityFigures)],
) -> Result<(), StoreError> {
    let mut rows = Vec::with_capacity(figures.len());
    for (activity_id, figures) in figures {
        rows.push((
            *activity_id,
            curve_text(&figures.power_curve),
            serde_json::to_string(&figures.power_zone_s).map_err(unreadable("power zones"))?,
            serde_json::to_string(&figures.hr_zone_s).map_err(unreadable("heart-rate zones"))?,
            *figures,
        ));
    }
    for chunk in rows.chunks(ROWS_PER_STATEMENT) {
        let mut insert: QueryBuilder<Sqlite> = QueryBuilder::new(
            "INSERT INTO activity_figures (connection_id, activity_id, power_curve, power_zone_s,
               hr_zone_s, normalized_power_w, intensity_factor, load) ",
        );
        insert.push_values(
            chunk,
            |mut values, (activity_id, curve, power, hr, figures)| {
                values
                    .push_bind(&connection.0)
                    .push_bind(*activity_id)
                    .push_bind(curve.as_str())
                    .push_bind(power.as_str())
                    .push_bind(hr.as_str())
                    .push_bind(figures.normalized_power_w)
                    .push_bind(figures.intensity_factor)
                    .push_bind(figures.load);
            },
        );
        insert.push(
            " ON CONFLICT(connection_id, activity_id) DO UPDATE SET
               power_curve = excluded.power_curve, power_zone_s = excluded.power_zone_s,
               hr_zone_s = excluded.hr_zone_s, normalized_power_w = excluded.normalized_power_w,
               intensity_factor = excluded.intensity_factor, load = excluded.load",
        );
        insert.build().execute(&mut *conn).await?;
    }
    Ok(())
}

/// A row's figures with the id of their activity.
#[derive(sqlx::FromRow)]
struct RowOfActivity {
    id: String,
    #[sqlx(flatten)]
    figures: Row,
}

impl TryFrom<Row> for ActivityFigures {
    type Error = StoreError;

    fn try_from(row: Row) -> Result<ActivityFigures, StoreError> {
        Ok(ActivityFigures {
            power_curve: parse_curve(&row.power_curve)?,
            power_zone_s: serde_json::from_str(&row.power_zone_s)
                .map_err(unreadable("power zones"))?,
            hr_zone_s: serde_json::from_str(&row.hr_zone_s)
                .map_err(unreadable("heart-rate zones"))?,
            normalized_power_w: row.normalized_power_w,
            intensity_factor: row.intensity_factor,
            load: row.load,
        })
    }
}

impl Store {
    /// The figures of an activity; `None` until its streams were fetched.
    pub async fn figures(
        &self,
        connection: &ConnectionId,
        activity_id: &str,
    ) -> Result<Option<ActivityFigures>, StoreError> {
        let row: Option<Row> = sqlx::query_as(ONE)
            .bind(&connection.0)
            .bind(activity_id)
            .fetch_optional(self.pool())
            .await?;
        row.map(ActivityFigures::try_from).transpose()
    }

    /// The figures of one athlete's activities on local dates `from..=to`, by activity id;
    /// activities whose streams were never fetched are left out.
    pub async fn figures_of(
        &self,
        connection: &ConnectionId,
        athlete_id: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<HashMap<String, ActivityFigures>, StoreError> {
        let rows: Vec<RowOfActivity> = sqlx::query_as(OF_ATHLETE)
            .bind(&connection.0)
            .bind(athlete_id)
            .bind(from.to_string())
            .bind(to.to_string())
            .fetch_all(self.pool())
            .await?;
        rows.into_iter()
            .map(|row| Ok((row.id, ActivityFigures::try_from(row.figures)?)))
            .collect()
    }
}
