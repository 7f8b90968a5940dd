//! The `wellness` table: an athlete's morning measurements, one row per connection, athlete and
//! local date. A day is named by its date (`YYYY-MM-DD`) in changes and deletions.

use crate::connections::{instant_text, parse_instant};
use crate::item_table::{item_table, select_items};
use crate::sync_checkpoints::PageCheckpoint;
use crate::{Applied, Changes, Store, StoreError};
use chrono::NaiveDate;
use offpeak_domain::{ConnectionId, Wellness};

item_table! {
    /// Wellness days, named by their date within their athlete.
    table WellnessDays {
        name: "wellness",
        item: Wellness,
        key: date,
        key_per_athlete: true,
        date: date,
    }
    /// A day of wellness as stored.
    row Row {
        athlete_id: String,
        date: String,
        resting_hr: Option<i64>,
        hrv: Option<f64>,
        weight_kg: Option<f64>,
        sleep_s: Option<i64>,
        sleep_quality: Option<i64>,
        updated_at: String,
    }
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
        self.apply_changes(connection, athlete_id, changes, checkpoint)
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
        select_items::<WellnessDays>(
            self,
            "WHERE connection_id = ? AND athlete_id = ? AND date BETWEEN ? AND ? ORDER BY date",
            &[
                &connection.0,
                athlete_id,
                &from.to_string(),
                &to.to_string(),
            ],
        )
        .await
    }

    /// Every wellness day of a connection, by athlete then date.
    pub async fn all_wellness(
        &self,
        connection: &ConnectionId,
    ) -> Result<Vec<Wellness>, StoreError> {
        select_items::<WellnessDays>(
            self,
            "WHERE connection_id = ? ORDER BY athlete_id, date",
            &[&connection.0],
        )
        .await
    }
}
