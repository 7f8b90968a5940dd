//! Builders shared by the store's tests.
#![allow(dead_code)]

use chrono::{DateTime, NaiveDate, Utc};
use offpeak_domain::{Activity, ConnectionId, ProviderKind, Scope, Sport, Workout};
use offpeak_store::{NewConnection, Store};

pub async fn open_temp() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("cache.sqlite")).await.unwrap();
    (dir, store)
}

pub fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

pub fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

pub fn connection(id: &str) -> NewConnection {
    NewConnection {
        id: ConnectionId(id.to_owned()),
        provider: ProviderKind::Velopeak,
        origin: "http://127.0.0.1:9".into(),
        client_id: "client".into(),
        athlete_id: "a_1".into(),
        athlete_name: "Ana Ruiz".into(),
        scopes: Scope::parse_list("athlete:read workouts:read"),
        access_expires_at: Some(at("2026-11-23T18:00:00Z")),
    }
}

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
        updated_at: at("2026-11-01T10:00:00Z"),
    }
}

pub fn activity(id: &str, date: &str, planned: Option<&str>) -> Activity {
    Activity {
        id: id.into(),
        athlete_id: "a_1".into(),
        start_time: at(&format!("{date}T07:30:00Z")),
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
        updated_at: at("2026-11-02T10:00:00Z"),
    }
}
