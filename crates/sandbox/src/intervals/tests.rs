//! The parts of the surface that need data the generator does not make yet (a coach with a
//! followed athlete, races, calendar notes, wellness), built by hand into a running server's
//! catalog, and checked against the OpenAPI description too.

use std::net::SocketAddr;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::{NaiveDate, TimeZone, Utc};
use serde_json::{Value, json};

use crate::config::{DEMO_INTERVALS_KEY, SandboxConfig, Variant};
use crate::data::{CalendarNote, NoteCategory, RacePriority, Wellness};
use crate::server::RunningSandbox;

#[path = "../../tests/common/openapi.rs"]
mod openapi;

const COACHED_KEY: &str = "key-of-the-coached-athlete";

fn anchor() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 4, 10).unwrap()
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 4, d).unwrap()
}

async fn start() -> RunningSandbox {
    let mut config = SandboxConfig::for_variant(Variant::Intervals, anchor());
    config.intervals_keys = vec![
        ("a_1042".to_string(), DEMO_INTERVALS_KEY.to_string()),
        ("i2001".to_string(), COACHED_KEY.to_string()),
    ];
    RunningSandbox::start(config, SocketAddr::from(([127, 0, 0, 1], 0)))
        .await
        .unwrap()
}

/// `GET /api/v1{path}` with a key, retried while rate limited.
async fn get(sandbox: &RunningSandbox, path: &str, key: &str) -> (u16, Value) {
    let auth = format!("Basic {}", STANDARD.encode(format!("API_KEY:{key}")));
    for _ in 0..100 {
        let response = reqwest::Client::new()
            .get(format!("{}/api/v1{path}", sandbox.origin()))
            .header("authorization", &auth)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        if status != 429 {
            return (status, response.json().await.unwrap_or(Value::Null));
        }
        tokio::time::sleep(std::time::Duration::from_millis(120)).await;
    }
    panic!("rate limited");
}

async fn get_ok(sandbox: &RunningSandbox, path: &str) -> Value {
    let (status, body) = get(sandbox, path, DEMO_INTERVALS_KEY).await;
    assert_eq!(status, 200, "{path}: {body}");
    body
}

/// Adds an athlete who shares with the owner as coach, with one activity, and one who does not.
fn add_athletes(sandbox: &RunningSandbox) {
    let mut catalog = sandbox.state.catalog_mut();
    let data = &mut catalog.data;
    let owner = data.owner().clone();
    let mut coached = owner.clone();
    coached.id = "a_2001".to_string();
    coached.name = "Luis Gómez".to_string();
    coached.coach_id = Some(owner.id.clone());
    let mut stranger = owner.clone();
    stranger.id = "a_3001".to_string();
    stranger.coach_id = None;
    data.athletes.push(coached);
    data.athletes.push(stranger);
    let mut activity = data
        .activities
        .iter()
        .rev()
        .find(|a| a.local_date < anchor())
        .unwrap()
        .clone();
    activity.id = "a_coached0001".to_string();
    activity.athlete_id = "a_2001".to_string();
    activity.planned_workout_id = None;
    data.activities.push(activity);
    data.activities.sort_by_key(crate::data::Activity::sort_key);
}

#[tokio::test]
async fn a_coach_reads_followed_athletes_and_nobody_else() {
    let sandbox = start().await;
    add_athletes(&sandbox);
    let profile = get_ok(&sandbox, "/athlete/i2001").await;
    assert_eq!(profile["id"], "i2001");
    assert_eq!(get_ok(&sandbox, "/athlete/0").await["icu_coach"], true);
    let (status, body) = get(&sandbox, "/athlete/i3001", DEMO_INTERVALS_KEY).await;
    assert_eq!(
        (status, body),
        (403, json!({"status": 403, "error": "Access denied"}))
    );

    let theirs = get_ok(&sandbox, "/athlete/2001/activities?oldest=2025-01-01").await;
    let theirs = theirs.as_array().unwrap();
    assert_eq!(theirs.len(), 1);
    assert_eq!(theirs[0]["icu_athlete_id"], "i2001");
    let id = theirs[0]["id"].as_str().unwrap();
    assert_eq!(
        get_ok(&sandbox, &format!("/activity/{id}")).await,
        theirs[0]
    );

    // The followed athlete's own key reaches neither the coach nor the coach's activities.
    assert_eq!(get(&sandbox, "/athlete/i1042", COACHED_KEY).await.0, 403);
    let (status, own) = get(&sandbox, "/athlete/0", COACHED_KEY).await;
    assert_eq!((status, own["id"].as_str()), (200, Some("i2001")));
    let coach_activity = get_ok(&sandbox, "/athlete/0/activities?oldest=2025-04-01").await;
    let coach_id = coach_activity
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["source"] != "STRAVA")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        get(&sandbox, &format!("/activity/{coach_id}"), COACHED_KEY)
            .await
            .0,
        403
    );

    let start = theirs[0]["start_date_local"].as_str().unwrap()[..10].to_string();
    let summary = get_ok(
        &sandbox,
        &format!("/athlete/0/athlete-summary?start={start}&end={start}"),
    )
    .await;
    let rows = summary.as_array().unwrap();
    let who: Vec<&str> = rows
        .iter()
        .map(|r| r["athlete_id"].as_str().unwrap())
        .collect();
    assert_eq!(who, ["i1042", "i2001"]);
    assert_eq!(rows[1]["athlete_name"], "Luis Gómez");
    assert_eq!(rows[1]["count"], 1);
    assert_eq!(rows[1]["byCategory"][0]["count"], 1);
    let (_, alone) = get(&sandbox, "/athlete/0/athlete-summary", COACHED_KEY).await;
    assert_eq!(alone.as_array().unwrap().len(), 1);
    openapi::load().assert_all("SummaryWithCats", rows);
}

#[tokio::test]
async fn races_and_calendar_notes_are_events() {
    let sandbox = start().await;
    let race_id = {
        let mut catalog = sandbox.state.catalog_mut();
        let data = &mut catalog.data;
        let race = data
            .workouts
            .iter_mut()
            .find(|w| w.date == day(12))
            .unwrap();
        race.race = Some(RacePriority::A);
        let race_id = race.id.clone();
        let updated_at = Utc.with_ymd_and_hms(2025, 4, 1, 8, 0, 0).unwrap();
        let note = |id: &str, category, from, to, name: &str| CalendarNote {
            id: id.to_string(),
            athlete_id: "a_1042".to_string(),
            category,
            start_date: day(from),
            end_date: day(to),
            name: name.to_string(),
            description: Some("From the doctor".to_string()),
            updated_at,
        };
        data.notes = vec![
            note("n_1", NoteCategory::Sick, 8, 10, "Flu"),
            note("n_2", NoteCategory::Note, 11, 11, "Easy week"),
            note("n_3", NoteCategory::Holiday, 20, 27, "Mallorca"),
            note("n_4", NoteCategory::Injured, 11, 11, "Sore knee"),
        ];
        race_id
    };
    let events = get_ok(
        &sandbox,
        "/athlete/0/events?oldest=2025-04-10&newest=2025-04-12",
    )
    .await;
    let list = events.as_array().unwrap();
    let categories: Vec<&str> = list
        .iter()
        .map(|e| e["category"].as_str().unwrap())
        .collect();
    assert!(
        categories.contains(&"SICK") && categories.contains(&"NOTE"),
        "{categories:?}"
    );
    assert!(
        categories.contains(&"INJURED") && categories.contains(&"RACE_A"),
        "{categories:?}"
    );
    assert!(!categories.contains(&"HOLIDAY"));
    let sick = list.iter().find(|e| e["category"] == "SICK").unwrap();
    assert_eq!(sick["start_date_local"], "2025-04-08T00:00:00");
    assert_eq!(sick["end_date_local"], "2025-04-11T00:00:00");
    assert_eq!(sick["name"], "Flu");
    let race = list.iter().find(|e| e["category"] == "RACE_A").unwrap();
    assert_eq!(race["id"], super::ids::event_id(&race_id));
    assert!(
        race["start_date_local"]
            .as_str()
            .unwrap()
            .starts_with("2025-04-12")
    );

    let ill = get_ok(
        &sandbox,
        "/athlete/0/events?oldest=2025-04-01&newest=2025-04-30&category=SICK,INJURED",
    )
    .await;
    let names: Vec<&str> = ill
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Flu", "Sore knee"]);
    let holidays = get_ok(
        &sandbox,
        "/athlete/0/events?oldest=2025-04-25&category=HOLIDAY",
    )
    .await;
    assert_eq!(
        holidays.as_array().unwrap().len(),
        1,
        "a note spanning the window's start"
    );
    openapi::load().assert_all("Event", list);
}

#[tokio::test]
async fn wellness_records_carry_the_mornings_measurements() {
    let sandbox = start().await;
    let measured_at = Utc.with_ymd_and_hms(2025, 4, 9, 6, 30, 0).unwrap();
    sandbox.state.catalog_mut().data.wellness = vec![
        Wellness {
            athlete_id: "a_1042".to_string(),
            date: day(9),
            resting_hr: Some(46),
            hrv: Some(71.5),
            weight_kg: Some(58.2),
            sleep_s: Some(27_000),
            sleep_quality: Some(4),
            updated_at: measured_at,
        },
        Wellness {
            athlete_id: "a_1042".to_string(),
            date: day(10),
            resting_hr: None,
            hrv: None,
            weight_kg: None,
            sleep_s: Some(21_600),
            sleep_quality: Some(2),
            updated_at: measured_at,
        },
    ];
    let list = get_ok(
        &sandbox,
        "/athlete/0/wellness?oldest=2025-04-08&newest=2025-04-10",
    )
    .await;
    let list = list.as_array().unwrap();
    let ids: Vec<&str> = list.iter().map(|w| w["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["2025-04-08", "2025-04-09", "2025-04-10"]);
    let nine = &list[1];
    assert_eq!(nine["restingHR"], 46);
    assert_eq!(nine["hrv"], 71.5);
    assert_eq!(nine["weight"], 58.2);
    assert_eq!(nine["sleepSecs"], 27_000);
    assert_eq!(nine["sleepQuality"], 1, "4 of 4 is the platform's 1, great");
    // `updated` is the later of the measurement and the last change to an activity its
    // fitness figures depend on.
    let depends = sandbox
        .truth()
        .activities
        .iter()
        .filter(|a| a.athlete_id == "a_1042" && a.local_date <= day(9))
        .map(|a| a.updated_at)
        .max()
        .unwrap_or(measured_at)
        .max(measured_at);
    assert_eq!(
        nine["updated"],
        depends.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
    );
    assert!(list[0]["restingHR"].is_null() && list[0]["ctl"].is_number());
    assert_eq!(list[2]["sleepQuality"], 3);
    let fields = get_ok(
        &sandbox,
        "/athlete/0/wellness?oldest=2025-04-08&newest=2025-04-10&fields=id,restingHR",
    )
    .await;
    assert_eq!(
        fields,
        json!([{"id": "2025-04-08"}, {"id": "2025-04-09", "restingHR": 46}, {"id": "2025-04-10"}])
    );
    let summary = get_ok(&sandbox, "/athlete/0/athlete-summary").await;
    assert_eq!(summary[0]["mostRecentWellnessId"], "2025-04-10");
    assert_eq!(summary[0]["weight"], 58.2, "the latest weight measured");
    openapi::load().assert_all("Wellness", list);
}
