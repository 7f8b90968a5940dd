//! The `wellness` table: an athlete's morning measurements, one row per connection, athlete and
//! local date. A day is named by its date (`YYYY-MM-DD`) in changes and deletions.

use crate::changes::{self, Applied, Changes, ItemTable, column_list};
use crate::connections::{instant_text, parse_instant};
use crate::sync_checkpoints::PageCheckpoint;
use crate::{Store, StoreError};
use chrono::NaiveDate;
use offpeak_domain::{ConnectionId, Wellness};
use sqlx::Sqlite;
use sqlx::query_builder::Separated;

/// A day of wellness as stored.
#[derive(Debug, PartialEq, sqlx::FromRow)]
pub(crate) struct Row {
    athlete_id: String,
    date: String,
    resting_hr: Option<i64>,
    hrv: Option<f64>,
    weight_kg: Option<f64>,
    sleep_s: Option<i64>,
    sleep_quality: Option<i64>,
    updated_at: String,
}

impl From<&Wellness> for Row {
    fn from(w: &Wellness) -> Row {
        Row {
            athlete_id: w.athlete_id.clone(),
            date: w.date.to_string(),
            resting_hr: w.resting_hr.map(i64::from),
            hrv: w.hrv,
            weight_kg: w.weight_kg,
            sleep_s: w.sleep_s.map(i64::from),
            sleep_quality: w.sleep_quality.map(i64::from),
            updated_at: instant_text(w.updated_at),
        }
    }
}

impl TryFrom<Row> for Wellness {
    type Error = StoreError;

    fn try_from(row: Row) -> Result<Wellness, StoreError> {
        let bad = |what: &str, n: i64| StoreError::BadValue(format!("wellness {what} {n}"));
        Ok(Wellness {
            date: row
                .date
                .parse()
                .map_err(|_| StoreError::BadValue(format!("date {}", row.date)))?,
            resting_hr: row
                .resting_hr
                .map(|n| u32::try_from(n).map_err(|_| bad("resting heart rate", n)))
                .transpose()?,
            sleep_s: row
                .sleep_s
                .map(|n| u32::try_from(n).map_err(|_| bad("sleep", n)))
                .transpose()?,
            sleep_quality: row
                .sleep_quality
                .map(|n| u8::try_from(n).map_err(|_| bad("sleep quality", n)))
                .transpose()?,
            updated_at: parse_instant(&row.updated_at)?,
            athlete_id: row.athlete_id,
            hrv: row.hrv,
            weight_kg: row.weight_kg,
        })
    }
}

pub(crate) struct WellnessDays;

impl ItemTable for WellnessDays {
    type Row = Row;
    const TABLE: &'static str = "wellness";
    const COLUMNS: &'static [&'static str] = &[
        "athlete_id",
        "date",
        "resting_hr",
        "hrv",
        "weight_kg",
        "sleep_s",
        "sleep_quality",
        "updated_at",
    ];
    const KEY: &'static str = "date";
    const KEY_PER_ATHLETE: bool = true;
    const DATE: &'static str = "date";

    fn key(row: &Row) -> &str {
        &row.date
    }

    fn push_row(values: &mut Separated<'_, Sqlite, &'static str>, row: &Row) {
        values
            .push_bind(&row.athlete_id)
            .push_bind(&row.date)
            .push_bind(row.resting_hr)
            .push_bind(row.hrv)
            .push_bind(row.weight_kg)
            .push_bind(row.sleep_s)
            .push_bind(row.sleep_quality)
            .push_bind(&row.updated_at);
    }
}

impl Store {
    /// Applies a page of changes to an athlete's wellness days together with its checkpoint, in
    /// one transaction (see [`Changes`]). Days are named by their dates, and every upserted day
    /// must be `athlete_id`'s.
    pub async fn apply_wellness(
        &self,
        connection: &ConnectionId,
        athlete_id: &str,
        changes: &Changes<Wellness>,
        checkpoint: &PageCheckpoint<'_>,
    ) -> Result<Applied, StoreError> {
        if let Some(foreign) = changes.upserts.iter().find(|w| w.athlete_id != athlete_id) {
            return Err(StoreError::ForeignItem {
                expected: athlete_id.to_owned(),
                found: foreign.athlete_id.clone(),
            });
        }
        let rows = changes.upserts.iter().map(Row::from).collect();
        changes::apply::<WellnessDays>(
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

    /// An athlete's wellness on dates `from..=to`, by date.
    pub async fn wellness_between(
        &self,
        connection: &ConnectionId,
        athlete_id: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<Wellness>, StoreError> {
        let sql = format!(
            "SELECT {} FROM wellness
             WHERE connection_id = ? AND athlete_id = ? AND date BETWEEN ? AND ? ORDER BY date",
            column_list::<WellnessDays>()
        );
        let rows: Vec<Row> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(&connection.0)
            .bind(athlete_id)
            .bind(from.to_string())
            .bind(to.to_string())
            .fetch_all(self.pool())
            .await?;
        rows.into_iter().map(Wellness::try_from).collect()
    }

    /// Every wellness day of a connection, by athlete then date.
    pub async fn all_wellness(
        &self,
        connection: &ConnectionId,
    ) -> Result<Vec<Wellness>, StoreError> {
        let sql = format!(
            "SELECT {} FROM wellness WHERE connection_id = ? ORDER BY athlete_id, date",
            column_list::<WellnessDays>()
        );
        let rows: Vec<Row> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(&connection.0)
            .fetch_all(self.pool())
            .await?;
        rows.into_iter().map(Wellness::try_from).collect()
    }
}
