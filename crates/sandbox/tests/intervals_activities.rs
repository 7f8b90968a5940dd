//! Activities on the Intervals.icu surface against a running sandbox: the required `oldest`,
//! newest-first order, `limit` and `fields`, change detection and paired events, Strava stubs
//! and streams as a list.

#[path = "common/intervals.rs"]
mod icu;

use std::collections::BTreeSet;

use icu::*;
use serde_json::Value;

#[tokio::test]
async fn activities_need_oldest_and_come_newest_first() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let (status, body) = get(&origin, "/athlete/0/activities", Auth::Key(KEY)).await;
    assert_eq!(status, 422);
    assert_eq!(body["status"], 422);
    assert!(body["error"].as_str().unwrap().contains("oldest"), "{body}");
    let (status, _) = get(
        &origin,
        "/athlete/0/activities?oldest=last-week",
        Auth::Key(KEY),
    )
    .await;
    assert_eq!(status, 422);

    let all = all_activities(&origin).await;
    let starts: Vec<&str> = all
        .iter()
        .map(|a| a["start_date_local"].as_str().unwrap())
        .collect();
    let mut sorted = starts.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(starts, sorted);
    assert!(starts[0] < "2025-04-11");

    let window = get_ok(
        &origin,
        "/athlete/0/activities?oldest=2025-03-10&newest=2025-03-16",
    )
    .await;
    let window = window.as_array().unwrap();
    let expected: Vec<&Value> = all
        .iter()
        .filter(|a| {
            let d = &a["start_date_local"].as_str().unwrap()[..10];
            ("2025-03-10"..="2025-03-16").contains(&d)
        })
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(window.iter().collect::<Vec<_>>(), expected);

    let limited = get_ok(
        &origin,
        &format!("/athlete/0/activities?{ALL_TIME}&limit=3"),
    )
    .await;
    assert_eq!(limited.as_array().unwrap(), &all[..3]);

    let fields = get_ok(
        &origin,
        &format!("/athlete/0/activities?{ALL_TIME}&fields=id,start_date_local,icu_training_load"),
    )
    .await;
    for a in fields.as_array().unwrap() {
        let keys: BTreeSet<&str> = a.as_object().unwrap().keys().map(String::as_str).collect();
        if is_stub(a) {
            continue;
        }
        assert!(
            keys.is_subset(&BTreeSet::from([
                "id",
                "start_date_local",
                "icu_training_load"
            ])),
            "{keys:?}"
        );
        assert!(keys.contains("id"));
    }
}

#[tokio::test]
async fn change_detection_fields_and_paired_events() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let activities = all_activities(&origin).await;
    let events = get_ok(
        &origin,
        "/athlete/0/events?oldest=2024-01-01&newest=2026-01-01",
    )
    .await;
    let event_ids: BTreeSet<i64> = events
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_i64().unwrap())
        .collect();
    assert_eq!(
        event_ids.len(),
        events.as_array().unwrap().len(),
        "event ids are unique"
    );
    let mut paired = 0;
    for a in activities.iter().filter(|a| !is_stub(a)) {
        assert!(a["icu_sync_date"].as_str().unwrap().ends_with('Z'));
        assert!(a["analyzed"].is_string());
        if let Some(event) = a["paired_event_id"].as_i64() {
            assert!(event_ids.contains(&event));
            paired += 1;
        }
    }
    assert!(paired > 10);
    assert!(
        activities
            .iter()
            .any(|a| a["paired_event_id"].is_null() && !is_stub(a))
    );
    for e in events.as_array().unwrap() {
        assert!(e["updated"].as_str().unwrap().ends_with('Z'));
    }
}

#[tokio::test]
async fn strava_activities_come_back_as_stubs() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let activities = all_activities(&origin).await;
    let stubs: Vec<&Value> = activities.iter().filter(|a| is_stub(a)).collect();
    assert!(!stubs.is_empty());
    assert!(stubs.len() * 10 < activities.len(), "{} stubs", stubs.len());
    for stub in &stubs {
        let keys: BTreeSet<&str> = stub
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            BTreeSet::from([
                "id",
                "icu_athlete_id",
                "start_date_local",
                "source",
                "_note"
            ])
        );
        assert_eq!(stub["icu_athlete_id"], OWNER);
        let id = stub["id"].as_str().unwrap();
        assert_eq!(get_ok(&origin, &format!("/activity/{id}")).await, **stub);
        let (status, body) = get(&origin, &format!("/activity/{id}/streams"), Auth::Key(KEY)).await;
        assert_eq!((status, body["status"].as_u64()), (422, Some(422)));
    }
    assert!(
        activities
            .iter()
            .filter(|a| !is_stub(a))
            .all(|a| a["type"].is_string())
    );
}

#[tokio::test]
async fn streams_are_a_list_with_the_platforms_names() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let activities = all_activities(&origin).await;
    let a = activities.iter().find(|a| !is_stub(a)).unwrap();
    let id = a["id"].as_str().unwrap();
    let all = get_ok(&origin, &format!("/activity/{id}/streams")).await;
    let all = all.as_array().unwrap();
    assert!(!all.is_empty());
    for s in all {
        assert!(s["type"].is_string() && s["data"].is_array(), "{s}");
        assert!(s.as_object().unwrap().contains_key("name"));
        assert_ne!(s["type"], "watts", "without types watts is raw_watts");
        assert_ne!(s["type"], "velocity", "the platform says velocity_smooth");
    }
    let chosen = get_ok(
        &origin,
        &format!("/activity/{id}/streams?types=latlng,time,bogus"),
    )
    .await;
    let chosen = chosen.as_array().unwrap();
    let names: Vec<&str> = chosen.iter().map(|s| s["type"].as_str().unwrap()).collect();
    assert!(
        names.ends_with(&["time"]) && !names.contains(&"bogus"),
        "{names:?}"
    );
    if let Some(latlng) = chosen.iter().find(|s| s["type"] == "latlng") {
        let (lat, lng) = (
            latlng["data"].as_array().unwrap(),
            latlng["data2"].as_array().unwrap(),
        );
        assert_eq!(lat.len(), lng.len());
        assert!(
            lat.iter()
                .filter_map(Value::as_f64)
                .all(|x| (-90.0..=90.0).contains(&x))
        );
    }
}
