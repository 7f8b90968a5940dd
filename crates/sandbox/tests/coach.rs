//! Contract §3 for coaches: `/athletes` lists the caller first and then the athletes who share
//! with them, and `athlete_id` selects whose items a list, a single item or streams come from.

mod common;

use common::*;
use offpeak_sandbox::{DatasetSize, SandboxConfig};
use serde_json::Value;

async fn season_token() -> (offpeak_sandbox::RunningSandbox, String) {
    let sandbox = start_with(SandboxConfig {
        dataset: DatasetSize::Season,
        ..SandboxConfig::demo(anchor())
    })
    .await;
    let token = tokens(&sandbox.origin(), ALL_READ).await["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    (sandbox, token)
}

#[tokio::test]
async fn athletes_lists_the_coach_first_then_who_shares() {
    let (sandbox, token) = season_token().await;
    let origin = sandbox.origin();
    let me: Value = api_get(&origin, "/athlete", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["role"], "coach");
    let list: Value = api_get(&origin, "/athletes", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    let list = list["data"].as_array().unwrap();
    assert_eq!(list.len(), 6);
    assert_eq!(list[0]["id"], me["id"]);
    let truth = sandbox.truth();
    for athlete in &list[1..] {
        let id = athlete["id"].as_str().unwrap();
        let known = truth.athlete(id).expect("a real athlete");
        assert_eq!(known.coach_id.as_deref(), me["id"].as_str());
        assert!(athlete["name"].is_string() && athlete["timezone"].is_string());
    }
}

#[tokio::test]
async fn athlete_id_selects_whose_items_come_back() {
    let (sandbox, token) = season_token().await;
    let origin = sandbox.origin();
    let truth = sandbox.truth();
    let athlete = &truth.athletes[1];
    let response = api_get(
        &origin,
        &format!("/activities?athlete_id={}&limit=200", athlete.id),
        Some(&token),
    )
    .await;
    assert_eq!(response.status(), 200);
    let page: Value = response.json().await.unwrap();
    let items = page["data"].as_array().unwrap();
    assert!(!items.is_empty());
    assert!(items.iter().all(|a| a["athlete_id"] == athlete.id.as_str()));
    // Without athlete_id, the coach's own (possibly empty) list, never an athlete's.
    let own: Value = api_get(&origin, "/activities?limit=200", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    let coach = &truth.athletes[0].id;
    assert!(
        own["data"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["athlete_id"] == coach.as_str())
    );
    // Single items and streams of a shared athlete are readable too.
    let id = items[0]["id"].as_str().unwrap();
    assert_eq!(
        api_get(&origin, &format!("/activities/{id}"), Some(&token))
            .await
            .status(),
        200
    );
    assert_eq!(
        api_get(
            &origin,
            &format!("/activities/{id}/streams?types=time"),
            Some(&token)
        )
        .await
        .status(),
        200
    );
    // The change feed honours athlete_id as well.
    let feed: Value = api_get(
        &origin,
        &format!(
            "/workouts?athlete_id={}&updated_since=2000-01-01T00:00:00Z&limit=200",
            athlete.id
        ),
        Some(&token),
    )
    .await
    .json()
    .await
    .unwrap();
    assert!(
        feed["data"]
            .as_array()
            .unwrap()
            .iter()
            .all(|w| w["athlete_id"] == athlete.id.as_str())
    );
}
