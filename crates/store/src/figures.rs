//! The `activity_figures` table: what was computed once from an activity's streams (power curve,
//! time in zones, normalized power, intensity, load), so browsing never recomputes history.
//! Written by [`Store::save_streams`](crate::Store::save_streams) together with the streams.

use crate::{Store, StoreError};
use offpeak_domain::{ActivityFigures, ConnectionId};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

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

impl Store {
    /// The figures of an activity; `None` until its streams were fetched.
    pub async fn figures(
        &self,
        connection: &ConnectionId,
        activity_id: &str,
    ) -> Result<Option<ActivityFigures>, StoreError> {
        let row: Option<Row> = sqlx::query_as(
            "SELECT power_curve, power_zone_s, hr_zone_s, normalized_power_w, intensity_factor, load
             FROM activity_figures WHERE connection_id = ? AND activity_id = ?",
        )
        .bind(&connection.0)
        .bind(activity_id)
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        Ok(Some(ActivityFigures {
            power_curve: parse_curve(&row.power_curve)?,
            power_zone_s: serde_json::from_str(&row.power_zone_s)
                .map_err(unreadable("power zones"))?,
            hr_zone_s: serde_json::from_str(&row.hr_zone_s)
                .map_err(unreadable("heart-rate zones"))?,
            normalized_power_w: row.normalized_power_w,
            intensity_factor: row.intensity_factor,
            load: row.load,
        }))
    }
}
