//! Field names and types: everything the Intervals.icu surface emits is checked against the
//! schemas of the platform's OpenAPI description (`Event`, `Activity`,
//! `ActivityWithIntervals`, `Hidden` for Strava stubs, `ActivityStream`, `Wellness`,
//! `WithSportSettings` with `SportSettings`, `SummaryWithCats`).

#[path = "common/intervals.rs"]
mod icu;
#[path = "common/openapi.rs"]
mod openapi;

use icu::*;
use serde_json::{Value, json};

fn items(v: &Value) -> Vec<&Value> {
    v.as_array().expect("a list").iter().collect()
}

#[test]
fn the_checker_catches_unknown_keys_wrong_types_and_enum_values() {
    let spec = openapi::load();
    assert!(
        spec.check("Event", &json!({"id": 1, "category": "WORKOUT"}))
            .is_empty()
    );
    assert!(
        spec.check("Event", &json!({"id": 1, "name": null}))
            .is_empty()
    );
    assert_eq!(spec.check("Event", &json!({"event_id": 1})).len(), 1);
    assert_eq!(spec.check("Event", &json!({"id": "i1"})).len(), 1);
    assert_eq!(
        spec.check("Event", &json!({"id": 3_000_000_000u64})).len(),
        1
    );
    assert_eq!(spec.check("Event", &json!({"category": "PARTY"})).len(), 1);
    assert_eq!(
        spec.check("Activity", &json!({"moving_time": 1.5})).len(),
        1
    );
    assert_eq!(
        spec.check("Activity", &json!({"stream_types": ["time", 3]}))
            .len(),
        1
    );
    assert_eq!(
        spec.check(
            "WithSportSettings",
            &json!({"sportSettings": [{"ftp": "250"}]})
        )
        .len(),
        1
    );
    assert_eq!(spec.check("Wellness", &json!({"restingHr": 50})).len(), 1);
}

#[tokio::test]
async fn everything_emitted_has_the_openapi_names_and_types() {
    let spec = openapi::load();
    let sandbox = start().await;
    let origin = sandbox.origin();

    let events = get_ok(
        &origin,
        "/athlete/0/events?oldest=2025-01-01&newest=2025-06-30&resolve=true",
    )
    .await;
    spec.assert_all("Event", items(&events));

    let activities = all_activities(&origin).await;
    let (stubs, full): (Vec<&Value>, Vec<&Value>) = activities.iter().partition(|a| is_stub(a));
    spec.assert_all("Activity", full.iter().copied());
    spec.assert_all("Hidden", stubs.iter().copied());

    for a in full.iter().take(6) {
        let id = a["id"].as_str().unwrap();
        let one = get_ok(&origin, &format!("/activity/{id}?intervals=true")).await;
        spec.assert_all("ActivityWithIntervals", [&one]);
        let streams = get_ok(&origin, &format!("/activity/{id}/streams")).await;
        spec.assert_all("ActivityStream", items(&streams));
        let chosen = get_ok(
            &origin,
            &format!("/activity/{id}/streams?types=time,latlng,watts,heartrate"),
        )
        .await;
        if let Some(list) = chosen.as_array().filter(|l| !l.is_empty()) {
            spec.assert_all("ActivityStream", list);
        }
    }

    let wellness = get_ok(&origin, "/athlete/0/wellness?oldest=2025-03-01").await;
    spec.assert_all("Wellness", items(&wellness));
    let profile = get_ok(&origin, "/athlete/0").await;
    spec.assert_all("WithSportSettings", [&profile]);
    let summary = get_ok(&origin, "/athlete/0/athlete-summary?start=2025-03-01").await;
    spec.assert_all("SummaryWithCats", items(&summary));
}
