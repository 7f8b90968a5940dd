//! Fully filled-in sample values for tests across the workspace (enabled by the `samples`
//! feature, which only test builds turn on).

use crate::training::{Activity, Sport, Workout};
use chrono::{DateTime, NaiveDate, Utc};

fn day(text: &str) -> NaiveDate {
    text.parse().expect("sample dates are YYYY-MM-DD")
}

fn instant(text: &str) -> DateTime<Utc> {
    text.parse().expect("sample instants are RFC 3339")
}

/// A one-hour ride planned on `date` (`YYYY-MM-DD`), named `name`.
pub fn workout(id: &str, date: &str, name: &str) -> Workout {
    Workout {
        id: id.into(),
        athlete_id: "a_1".into(),
        date: day(date),
        start_time: None,
        sport: Sport::Ride,
        name: name.into(),
        description: None,
        planned_duration_s: 3600,
        planned_distance_m: None,
        planned_load: Some(60.0),
        structure: Some(serde_json::json!({"steps": [{"kind": "warmup", "duration_s": 600}]})),
        race: None,
        updated_at: instant("2026-11-01T10:00:00Z"),
    }
}

/// A one-hour run done on `date`, fulfilling the plan `planned` if given.
pub fn activity(id: &str, date: &str, planned: Option<&str>) -> Activity {
    Activity {
        id: id.into(),
        athlete_id: "a_1".into(),
        start_time: instant(&format!("{date}T07:30:00Z")),
        timezone: Some("Europe/Madrid".into()),
        local_date: day(date),
        sport: Sport::Run,
        name: "Morning run ☀".into(),
        elapsed_time_s: 3700,
        moving_time_s: 3600,
        distance_m: Some(10_200.0),
        elevation_gain_m: Some(85.0),
        avg_power_w: None,
        avg_hr: Some(148.0),
        load: Some(55.0),
        trainer: false,
        planned_workout_id: planned.map(str::to_owned),
        description: Some("Easy along the river.".into()),
        normalized_power_w: None,
        max_hr: Some(171.0),
        avg_cadence: Some(172.0),
        calories: Some(690.0),
        intensity_factor: None,
        stream_types: ["time", "distance", "heartrate", "cadence", "latlng"]
            .map(String::from)
            .to_vec(),
        stub: false,
        updated_at: instant("2026-11-02T10:00:00Z"),
    }
}
