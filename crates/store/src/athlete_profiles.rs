//! The `athlete_profiles` table: per connection and athlete, the thresholds and zones that turn
//! streams into figures. (The `athletes` table lists whom a connection reads; this one holds
//! what is known of each.)

use crate::connections::instant_text;
use crate::{Store, StoreError};
use chrono::Utc;
use offpeak_domain::{Athlete, ConnectionId};

#[derive(sqlx::FromRow)]
struct Row {
    athlete_id: String,
    name: String,
    timezone: Option<String>,
    ftp_w: Option<i64>,
    weight_kg: Option<f64>,
    hr_max: Option<i64>,
    hr_rest: Option<i64>,
    threshold_pace_s_per_km: Option<i64>,
    power_zones_w: String,
    hr_zones_bpm: String,
}

fn whole(what: &str, n: Option<i64>) -> Result<Option<u32>, StoreError> {
    n.map(|n| u32::try_from(n).map_err(|_| StoreError::BadValue(format!("athlete {what} {n}"))))
        .transpose()
}

fn zones(what: &str, text: &str) -> Result<Vec<u32>, StoreError> {
    serde_json::from_str(text).map_err(|e| StoreError::BadValue(format!("athlete {what}: {e}")))
}

fn zones_text(zones: &[u32]) -> String {
    serde_json::to_string(zones).unwrap_or_else(|_| "[]".to_owned())
}

impl TryFrom<Row> for Athlete {
    type Error = StoreError;

    fn try_from(row: Row) -> Result<Athlete, StoreError> {
        Ok(Athlete {
            ftp_w: whole("FTP", row.ftp_w)?,
            hr_max: whole("maximum heart rate", row.hr_max)?,
            hr_rest: whole("resting heart rate", row.hr_rest)?,
            threshold_pace_s_per_km: whole("threshold pace", row.threshold_pace_s_per_km)?,
            power_zones_w: zones("power zones", &row.power_zones_w)?,
            hr_zones_bpm: zones("heart-rate zones", &row.hr_zones_bpm)?,
            id: row.athlete_id,
            name: row.name,
            timezone: row.timezone,
            weight_kg: row.weight_kg,
        })
    }
}

impl Store {
    /// Records (or replaces) what a connection knows of an athlete.
    pub async fn save_athlete_profile(
        &self,
        connection: &ConnectionId,
        athlete: &Athlete,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO athlete_profiles (connection_id, athlete_id, name, timezone, ftp_w, weight_kg,
               hr_max, hr_rest, threshold_pace_s_per_km, power_zones_w, hr_zones_bpm, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT(connection_id, athlete_id) DO UPDATE SET name = excluded.name,
               timezone = excluded.timezone, ftp_w = excluded.ftp_w, weight_kg = excluded.weight_kg,
               hr_max = excluded.hr_max, hr_rest = excluded.hr_rest,
               threshold_pace_s_per_km = excluded.threshold_pace_s_per_km,
               power_zones_w = excluded.power_zones_w, hr_zones_bpm = excluded.hr_zones_bpm,
               updated_at = excluded.updated_at",
        )
        .bind(&connection.0)
        .bind(&athlete.id)
        .bind(&athlete.name)
        .bind(&athlete.timezone)
        .bind(athlete.ftp_w.map(i64::from))
        .bind(athlete.weight_kg)
        .bind(athlete.hr_max.map(i64::from))
        .bind(athlete.hr_rest.map(i64::from))
        .bind(athlete.threshold_pace_s_per_km.map(i64::from))
        .bind(zones_text(&athlete.power_zones_w))
        .bind(zones_text(&athlete.hr_zones_bpm))
        .bind(instant_text(Utc::now()))
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// What a connection knows of an athlete, if it was ever saved.
    pub async fn athlete_profile(
        &self,
        connection: &ConnectionId,
        athlete_id: &str,
    ) -> Result<Option<Athlete>, StoreError> {
        let row: Option<Row> = sqlx::query_as(
            "SELECT athlete_id, name, timezone, ftp_w, weight_kg, hr_max, hr_rest,
               threshold_pace_s_per_km, power_zones_w, hr_zones_bpm
             FROM athlete_profiles WHERE connection_id = ? AND athlete_id = ?",
        )
        .bind(&connection.0)
        .bind(athlete_id)
        .fetch_optional(self.pool())
        .await?;
        row.map(Athlete::try_from).transpose()
    }
}
