//! The Intervals.icu API surface against a running sandbox: Basic `API_KEY` auth, athlete ids,
//! every endpoint once, events and their date window, and the platform's error bodies.
//! Activities in detail are in `intervals_activities.rs`.

#[path = "common/intervals.rs"]
mod icu;

use std::collections::BTreeSet;

use icu::*;
use serde_json::{Value, json};

#[tokio::test]
async fn each_endpoint_answers_the_owners_key() {
    let sandbox = start().await;
    let origin = sandbox.origin();

    let profile = get_ok(&origin, "/athlete/0").await;
    assert_eq!(profile["id"], OWNER);
    assert_eq!(profile["name"], "Ana Ruiz");
    let settings = profile["sportSettings"].as_array().unwrap();
    let types: Vec<&str> = settings
        .iter()
        .map(|s| s["types"][0].as_str().unwrap())
        .collect();
    assert_eq!(types, ["Ride", "Run", "Swim"]);
    assert!(settings[0]["ftp"].as_u64().unwrap() > 200);
    assert_eq!(settings[0]["power_zones"].as_array().unwrap().len(), 7);
    for s in settings {
        assert!(s["lthr"].as_u64().unwrap() > 140 && s["max_hr"].as_u64().unwrap() > 180);
        assert!(!s["hr_zones"].as_array().unwrap().is_empty());
    }
    assert!(settings[1]["threshold_pace"].as_f64().unwrap() > 3.0);

    let events = get_ok(
        &origin,
        "/athlete/0/events?oldest=2025-03-01&newest=2025-03-31",
    )
    .await;
    let events = events.as_array().unwrap();
    assert!(events.len() > 10);
    assert!(
        events
            .iter()
            .all(|e| e["id"].is_i64() && e["category"].is_string())
    );
    assert!(events.iter().any(|e| e["workout_doc"]["steps"].is_array()));
    assert!(
        events
            .iter()
            .filter(|e| e["category"] == "WORKOUT")
            .all(|e| e["workout_doc"]["steps"].is_array() || e["workout_doc"].is_null())
    );

    let activities = all_activities(&origin).await;
    assert!(activities.len() > 30);
    let full = activities.iter().find(|a| !is_stub(a)).unwrap();
    let id = full["id"].as_str().unwrap();
    assert!(id.starts_with('i'));
    assert_eq!(full["icu_athlete_id"], OWNER);

    let one = get_ok(&origin, &format!("/activity/{id}")).await;
    assert_eq!(&one, full);
    assert!(one.get("icu_intervals").is_none());
    let with = get_ok(&origin, &format!("/activity/{id}?intervals=true")).await;
    let intervals = with["icu_intervals"].as_array().unwrap();
    assert!(!intervals.is_empty());
    let last = intervals.last().unwrap();
    assert_eq!(last["end_index"], one["moving_time"]);

    let streams = get_ok(&origin, &format!("/activity/{id}/streams")).await;
    let time = streams
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["type"] == "time")
        .expect("time stream");
    assert_eq!(
        time["data"].as_array().unwrap().len() as u64,
        one["elapsed_time"].as_u64().unwrap()
    );

    let wellness = get_ok(
        &origin,
        "/athlete/0/wellness?oldest=2025-04-01&newest=2025-04-10",
    )
    .await;
    let days: Vec<&str> = wellness
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["id"].as_str().unwrap())
        .collect();
    assert_eq!(days.len(), 10);
    assert_eq!((days[0], days[9]), ("2025-04-01", "2025-04-10"));
    assert!(wellness[9]["ctl"].as_f64().unwrap() > 0.0);

    let summary = get_ok(&origin, "/athlete/0/athlete-summary").await;
    let rows = summary.as_array().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["athlete_id"], OWNER);
    assert_eq!(rows[0]["date"], "2025-04-04");
    let week = activities
        .iter()
        .filter(|a| {
            let d = &a["start_date_local"].as_str().unwrap()[..10];
            ("2025-04-04"..="2025-04-10").contains(&d)
        })
        .count();
    assert_eq!(rows[0]["count"], week);
}

#[tokio::test]
async fn a_key_sent_as_bearer_is_403_and_a_wrong_key_401() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let (status, body) = get(&origin, "/athlete/0", Auth::Bearer(KEY)).await;
    assert_eq!(
        (status, body),
        (403, json!({"status": 403, "error": "Access denied"}))
    );
    for auth in [
        Auth::Key("0123456789abcdef"),
        Auth::Basic(OWNER, KEY),
        Auth::Basic("api_key", KEY),
        Auth::Bearer("not-a-token"),
        Auth::None,
    ] {
        let (status, body) = get(&origin, "/athlete/0", auth).await;
        assert_eq!(status, 401, "{auth:?}");
        assert_eq!(body["status"], 401);
    }
}

#[tokio::test]
async fn configured_keys_replace_the_demo_key() {
    let mut config = config();
    config.intervals_keys = vec![("i1042".to_string(), "my-own-key".to_string())];
    let sandbox = start_with(config).await;
    let origin = sandbox.origin();
    assert_eq!(get(&origin, "/athlete/0", Auth::Key(KEY)).await.0, 401);
    let (status, body) = get(&origin, "/athlete/0", Auth::Key("my-own-key")).await;
    assert_eq!((status, body["id"].as_str()), (200, Some(OWNER)));
}

#[tokio::test]
async fn athlete_zero_is_the_owner_and_ids_come_with_or_without_the_i() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let zero = get_ok(&origin, "/athlete/0").await;
    assert_eq!(get_ok(&origin, "/athlete/i1042").await, zero);
    assert_eq!(get_ok(&origin, "/athlete/1042").await, zero);
    let by_zero = get_ok(&origin, "/athlete/0/events?oldest=2025-04-01").await;
    assert_eq!(
        get_ok(&origin, "/athlete/1042/events?oldest=2025-04-01").await,
        by_zero
    );
    assert!(!by_zero.as_array().unwrap().is_empty());
}

#[tokio::test]
async fn an_athlete_the_key_does_not_own_is_403() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    for path in [
        "/athlete/i87631",
        "/athlete/87631/activities?oldest=2025-01-01",
        "/athlete/i1043/events",
        "/athlete/i1042x/wellness",
        "/athlete/a_1042",
    ] {
        let (status, body) = get(&origin, path, Auth::Key(KEY)).await;
        assert_eq!(status, 403, "{path}");
        assert_eq!(body, json!({"status": 403, "error": "Access denied"}));
    }
}

#[tokio::test]
async fn events_default_to_a_week_from_today_and_filter_by_category() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let default = get_ok(&origin, "/athlete/0/events").await;
    let explicit = get_ok(
        &origin,
        "/athlete/0/events?oldest=2025-04-10&newest=2025-04-16",
    )
    .await;
    assert_eq!(default, explicit);
    let days: Vec<&str> = default
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["start_date_local"].as_str().unwrap()[..10])
        .collect();
    assert!(days.len() >= 3, "{days:?}");
    assert!(
        days.iter()
            .all(|d| ("2025-04-10"..="2025-04-16").contains(d)),
        "{days:?}"
    );
    let mut sorted = days.clone();
    sorted.sort();
    assert_eq!(days, sorted);
    let only_start = get_ok(&origin, "/athlete/0/events?oldest=2025-04-12").await;
    assert!(only_start.as_array().unwrap().iter().all(|e| {
        let d = &e["start_date_local"].as_str().unwrap()[..10];
        ("2025-04-12"..="2025-04-18").contains(&d)
    }));

    let month = "oldest=2025-03-01&newest=2025-04-30";
    let workouts = get_ok(
        &origin,
        &format!("/athlete/0/events?{month}&category=WORKOUT"),
    )
    .await;
    assert!(!workouts.as_array().unwrap().is_empty());
    let notes = get_ok(
        &origin,
        &format!("/athlete/0/events?{month}&category=NOTE,RACE_A"),
    )
    .await;
    let notes = notes.as_array().unwrap();
    assert!(
        notes
            .iter()
            .all(|e| e["category"] == "NOTE" || e["category"] == "RACE_A")
    );
    let only_notes = notes.iter().filter(|e| e["category"] == "NOTE").count();
    let both = get_ok(
        &origin,
        &format!("/athlete/0/events?{month}&category=NOTE,WORKOUT"),
    )
    .await;
    let both = both.as_array().unwrap();
    assert_eq!(both.len(), workouts.as_array().unwrap().len() + only_notes);
    assert!(
        both.iter()
            .all(|e| e["category"] == "NOTE" || e["category"] == "WORKOUT")
    );
    let all = get_ok(&origin, &format!("/athlete/0/events?{month}")).await;
    let limited = get_ok(&origin, &format!("/athlete/0/events?{month}&limit=2")).await;
    assert_eq!(limited.as_array().unwrap(), &all.as_array().unwrap()[..2]);
}

#[tokio::test]
async fn workout_docs_carry_targets_reps_and_nested_steps() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let events = get_ok(
        &origin,
        "/athlete/0/events?oldest=2025-01-01&newest=2025-05-31&resolve=true",
    )
    .await;
    let docs: Vec<&Value> = events
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e.get("workout_doc").filter(|d| d.is_object()))
        .collect();
    assert!(!docs.is_empty());
    let mut seen = BTreeSet::new();
    for doc in docs {
        for step in doc["steps"].as_array().unwrap() {
            if let Some(reps) = step["reps"].as_u64() {
                assert!(reps >= 2);
                assert!(!step["steps"].as_array().unwrap().is_empty());
                seen.insert("reps");
            }
            for key in ["power", "hr", "pace"] {
                if let Some(t) = step.get(key) {
                    assert!(t["units"].is_string() && t["start"].is_number());
                    assert!(
                        step.get(format!("_{key}").as_str()).is_some(),
                        "resolve=true"
                    );
                    seen.insert(key);
                }
            }
        }
    }
    assert!(seen.contains("reps") && seen.contains("power"), "{seen:?}");
}

#[tokio::test]
async fn unknown_paths_and_items_get_the_platforms_404() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    for path in [
        "/athlete-profile",
        "/athlete/i1042/fitness",
        "/athlete/0/events.csv",
        "/activity/i1/streams",
        "/activity/i1",
    ] {
        let (status, body) = get(&origin, path, Auth::Key(KEY)).await;
        assert_eq!(status, 404, "{path}");
        assert_eq!(body["status"], 404);
        assert_eq!(body["error"], "Not Found");
        assert_eq!(body["path"], format!("/api/v1{path}"));
        let at = body["timestamp"].as_str().unwrap();
        assert!(at.ends_with("+00:00") && at.len() == 29, "{at}");
    }
    let url = format!("{origin}/api/v1/athlete-profile");
    let response = send(reqwest::Method::POST, &url, Auth::Key(KEY)).await;
    assert_eq!(response.status(), 404);
}
