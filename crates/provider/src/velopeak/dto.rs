//! VeloPeak's JSON shapes and their translation into domain types. Unknown fields are ignored;
//! a field that is present but wrong fails the page (better than silently losing an item).

use crate::ProviderError;
use crate::convert::{instant, seconds, whole};
use chrono::NaiveDate;
use offpeak_domain::{Activity, Athlete, Sport, Workout};
use serde::Deserialize;

#[derive(Deserialize)]
pub(super) struct PageDto<T> {
    pub data: Vec<T>,
    #[serde(default)]
    pub next_cursor: Option<String>,
}

#[derive(Deserialize)]
pub(super) struct AthleteListDto {
    pub data: Vec<AthleteDto>,
}

/// The athlete (`/athlete`), or a summary of one (`/athletes`), where only the id, name, role
/// and time zone are given.
#[derive(Deserialize)]
pub(super) struct AthleteDto {
    pub id: String,
    name: String,
    #[serde(default)]
    timezone: Option<String>,
    #[serde(default)]
    weight_kg: Option<f64>,
    #[serde(default)]
    ftp_w: Option<f64>,
    #[serde(default)]
    hr_max: Option<f64>,
    #[serde(default)]
    hr_rest: Option<f64>,
    #[serde(default)]
    threshold_pace_s_per_km: Option<f64>,
    #[serde(default)]
    power_zones_w: Option<Vec<f64>>,
    #[serde(default)]
    hr_zones_bpm: Option<Vec<f64>>,
}

impl From<AthleteDto> for Athlete {
    fn from(dto: AthleteDto) -> Athlete {
        let bounds =
            |list: Option<Vec<f64>>| list.unwrap_or_default().into_iter().map(whole).collect();
        Athlete {
            id: dto.id,
            name: dto.name,
            timezone: dto.timezone,
            ftp_w: dto.ftp_w.map(whole),
            weight_kg: dto.weight_kg,
            hr_max: dto.hr_max.map(whole),
            hr_rest: dto.hr_rest.map(whole),
            threshold_pace_s_per_km: dto.threshold_pace_s_per_km.map(whole),
            power_zones_w: bounds(dto.power_zones_w),
            hr_zones_bpm: bounds(dto.hr_zones_bpm),
        }
    }
}

#[derive(Deserialize)]
pub struct WorkoutDto {
    id: String,
    athlete_id: String,
    date: String,
    #[serde(default)]
    start_time: Option<String>,
    sport: String,
    name: String,
    #[serde(default)]
    description: Option<String>,
    planned_duration_s: f64,
    #[serde(default)]
    planned_distance_m: Option<f64>,
    #[serde(default)]
    planned_load: Option<f64>,
    #[serde(default)]
    structure: Option<serde_json::Value>,
    updated_at: String,
}

impl TryFrom<WorkoutDto> for Workout {
    type Error = ProviderError;

    fn try_from(dto: WorkoutDto) -> Result<Workout, ProviderError> {
        Ok(Workout {
            date: local_date(&dto.date, &dto.id)?,
            updated_at: instant(&dto.updated_at, &dto.id)?,
            sport: Sport::parse(&dto.sport),
            planned_duration_s: seconds(dto.planned_duration_s),
            id: dto.id,
            athlete_id: dto.athlete_id,
            start_time: dto.start_time,
            name: dto.name,
            description: dto.description,
            planned_distance_m: dto.planned_distance_m,
            planned_load: dto.planned_load,
            structure: dto.structure,
            race: None,
        })
    }
}

#[derive(Deserialize)]
pub struct ActivityDto {
    id: String,
    athlete_id: String,
    start_time: String,
    #[serde(default)]
    timezone: Option<String>,
    local_date: String,
    sport: String,
    name: String,
    #[serde(default)]
    description: Option<String>,
    elapsed_time_s: f64,
    moving_time_s: f64,
    #[serde(default)]
    distance_m: Option<f64>,
    #[serde(default)]
    elevation_gain_m: Option<f64>,
    #[serde(default)]
    avg_power_w: Option<f64>,
    #[serde(default)]
    normalized_power_w: Option<f64>,
    #[serde(default)]
    avg_hr: Option<f64>,
    #[serde(default)]
    max_hr: Option<f64>,
    #[serde(default)]
    avg_cadence: Option<f64>,
    #[serde(default)]
    calories: Option<f64>,
    #[serde(default)]
    load: Option<f64>,
    #[serde(default)]
    intensity_factor: Option<f64>,
    #[serde(default)]
    trainer: bool,
    #[serde(default)]
    planned_workout_id: Option<String>,
    #[serde(default)]
    stream_types: Vec<String>,
    updated_at: String,
}

impl TryFrom<ActivityDto> for Activity {
    type Error = ProviderError;

    fn try_from(dto: ActivityDto) -> Result<Activity, ProviderError> {
        Ok(Activity {
            start_time: instant(&dto.start_time, &dto.id)?,
            local_date: local_date(&dto.local_date, &dto.id)?,
            updated_at: instant(&dto.updated_at, &dto.id)?,
            sport: Sport::parse(&dto.sport),
            elapsed_time_s: seconds(dto.elapsed_time_s),
            moving_time_s: seconds(dto.moving_time_s),
            id: dto.id,
            athlete_id: dto.athlete_id,
            timezone: dto.timezone,
            name: dto.name,
            distance_m: dto.distance_m,
            elevation_gain_m: dto.elevation_gain_m,
            avg_power_w: dto.avg_power_w,
            avg_hr: dto.avg_hr,
            load: dto.load,
            trainer: dto.trainer,
            planned_workout_id: dto.planned_workout_id,
            description: dto.description,
            normalized_power_w: dto.normalized_power_w,
            max_hr: dto.max_hr,
            avg_cadence: dto.avg_cadence,
            calories: dto.calories,
            intensity_factor: dto.intensity_factor,
            stream_types: dto.stream_types,
            stub: false,
        })
    }
}

fn local_date(text: &str, id: &str) -> Result<NaiveDate, ProviderError> {
    text.parse()
        .map_err(|_| ProviderError::BadResponse(format!("item {id} has the date “{text}”")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_workout_parses_with_unknown_fields_and_optional_ones_missing() {
        let dto: WorkoutDto = serde_json::from_str(
            r#"{"id":"w_1","athlete_id":"a_1","date":"2026-11-03","sport":"ride","name":"Sweet spot",
                "planned_duration_s":3600,"updated_at":"2026-10-30T08:00:00Z","brand_new_field":{"x":1}}"#,
        )
        .unwrap();
        let w = Workout::try_from(dto).unwrap();
        assert_eq!(w.date.to_string(), "2026-11-03");
        assert_eq!(w.sport, Sport::Ride);
        assert_eq!(w.planned_duration_s, 3600);
        assert!(w.structure.is_none());
    }

    #[test]
    fn an_activity_keeps_its_plan_link_and_local_date() {
        let dto: ActivityDto = serde_json::from_str(
            r#"{"id":"act_1","athlete_id":"a_1","start_time":"2026-11-02T23:30:00Z","timezone":"Europe/Madrid",
                "local_date":"2026-11-03","sport":"Run","name":"Midnight run","elapsed_time_s":3700.4,
                "moving_time_s":3600,"trainer":false,"planned_workout_id":"w_9","stream_types":["time"],
                "updated_at":"2026-11-03T01:00:00+01:00"}"#,
        )
        .unwrap();
        let a = Activity::try_from(dto).unwrap();
        assert_eq!(a.local_date.to_string(), "2026-11-03");
        assert_eq!(a.elapsed_time_s, 3700);
        assert_eq!(a.planned_workout_id.as_deref(), Some("w_9"));
        assert_eq!(a.updated_at.to_rfc3339(), "2026-11-03T00:00:00+00:00");
        assert_eq!(a.stream_types, ["time"]);
        assert!(!a.stub);
    }

    #[test]
    fn the_full_profile_keeps_thresholds_and_zones_and_a_summary_has_none() {
        let full: AthleteDto = serde_json::from_str(
            r#"{"id":"a_1","name":"Ana","role":"athlete","timezone":"Europe/Madrid","sex":"F",
                "weight_kg":58.4,"ftp_w":251,"hr_max":188,"hr_rest":46,"threshold_pace_s_per_km":268,
                "power_zones_w":[138,188,226,264,301,377,2000],"hr_zones_bpm":[113,132,150,169,188]}"#,
        )
        .unwrap();
        let a = Athlete::from(full);
        assert_eq!(
            (a.ftp_w, a.hr_max, a.hr_rest),
            (Some(251), Some(188), Some(46))
        );
        assert_eq!(a.weight_kg, Some(58.4));
        assert_eq!(a.threshold_pace_s_per_km, Some(268));
        assert_eq!(a.power_zones_w.len(), 7);
        assert_eq!(a.hr_zones_bpm, [113, 132, 150, 169, 188]);
        let summary: AthleteDto = serde_json::from_str(
            r#"{"id":"a_2","name":"Bo","role":"athlete","timezone":"Asia/Tokyo"}"#,
        )
        .unwrap();
        let b = Athlete::from(summary);
        assert_eq!(b.timezone.as_deref(), Some("Asia/Tokyo"));
        assert!(b.ftp_w.is_none() && b.power_zones_w.is_empty());
    }

    #[test]
    fn a_bad_date_fails_the_item_with_its_id() {
        let dto: WorkoutDto = serde_json::from_str(
            r#"{"id":"w_2","athlete_id":"a","date":"03/11/2026","sport":"run","name":"x","planned_duration_s":1,"updated_at":"2026-10-30T08:00:00Z"}"#,
        )
        .unwrap();
        let err = Workout::try_from(dto).unwrap_err();
        assert!(err.to_string().contains("w_2"));
    }
}
