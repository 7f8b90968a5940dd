//! Contract §3, streams: `/activities/{id}/streams` with `types=`, equal-length arrays, nulls
//! for dropouts, the same bytes from the same seed.

mod common;

use common::*;
use serde_json::Value;

async fn token(origin: &str, scope: &str) -> String {
    tokens(origin, scope).await["access_token"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn streams_have_the_activitys_types_and_equal_lengths() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let token = token(&origin, ALL_READ).await;
    let truth = sandbox.truth();
    let outdoor = truth
        .activities
        .iter()
        .find(|a| {
            a.stream_types.iter().any(|t| t == "latlng")
                && a.stream_types.iter().any(|t| t == "watts")
        })
        .expect("an outdoor ride");
    let response = api_get(
        &origin,
        &format!("/activities/{}/streams", outdoor.id),
        Some(&token),
    )
    .await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["etag"]
            .to_str()
            .unwrap()
            .starts_with("W/")
    );
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["activity_id"], outdoor.id.as_str());
    assert_eq!(body["resolution_s"], 1);
    let streams = body["streams"].as_object().unwrap();
    let mut names: Vec<&String> = streams.keys().collect();
    names.sort();
    let mut expected: Vec<&String> = outdoor.stream_types.iter().collect();
    expected.sort();
    assert_eq!(names, expected);
    for (name, values) in streams {
        assert_eq!(
            values.as_array().unwrap().len(),
            outdoor.elapsed_time_s as usize,
            "{name}"
        );
    }
    let first = &streams["latlng"].as_array().unwrap()[0];
    assert_eq!(first.as_array().unwrap().len(), 2);
    assert!(
        streams["watts"]
            .as_array()
            .unwrap()
            .iter()
            .all(|w| w.is_null() || w.as_f64().is_some_and(|w| (0.0..3000.0).contains(&w)))
    );
}

#[tokio::test]
async fn types_select_and_unknown_types_are_refused() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let token = token(&origin, ALL_READ).await;
    let truth = sandbox.truth();
    let activity = truth.activities.last().unwrap();
    let path = format!("/activities/{}/streams", activity.id);
    let some: Value = api_get(
        &origin,
        &format!("{path}?types=time,heartrate"),
        Some(&token),
    )
    .await
    .json()
    .await
    .unwrap();
    let mut keys: Vec<&String> = some["streams"].as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(keys, ["heartrate", "time"]);
    let bad = api_get(&origin, &format!("{path}?types=time,power"), Some(&token)).await;
    assert_eq!(bad.status(), 400);
    let missing = api_get(&origin, "/activities/act_none/streams", Some(&token)).await;
    assert_eq!(missing.status(), 404);
    let no_scope = token_for_scope(&origin, "athlete:read workouts:read").await;
    assert_eq!(api_get(&origin, &path, Some(&no_scope)).await.status(), 403);
}

async fn token_for_scope(origin: &str, scope: &str) -> String {
    token(origin, scope).await
}

#[tokio::test]
async fn the_same_seed_gives_the_same_stream_bytes() {
    let first = start().await;
    let second = start().await;
    let truth = first.truth();
    let id = &truth.activities[truth.activities.len() / 2].id;
    let mut bodies = Vec::new();
    for sandbox in [&first, &second] {
        let origin = sandbox.origin();
        let token = token(&origin, ALL_READ).await;
        let body = api_get(&origin, &format!("/activities/{id}/streams"), Some(&token))
            .await
            .bytes()
            .await
            .unwrap();
        bodies.push(body);
    }
    assert_eq!(bodies[0], bodies[1]);
    assert!(bodies[0].len() > 1000);
}
