//! Contract §3: the `updated_since` change feed with tombstones, `athlete_id`, ETag/304 and
//! gzip.

mod common;

use std::collections::BTreeMap;

use common::*;
use offpeak_sandbox::{Resource, SandboxConfig};
use serde_json::Value;

async fn token(origin: &str) -> String {
    tokens(origin, ALL_READ).await["access_token"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Every item of the change feed after `since`, following cursors.
async fn feed(origin: &str, path: &str, since: &str, token: &str, limit: u32) -> Vec<Value> {
    let mut items = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut url = format!("{path}?updated_since={since}&limit={limit}");
        if let Some(c) = &cursor {
            url.push_str(&format!("&cursor={c}"));
        }
        let response = api_get(origin, &url, Some(token)).await;
        assert_eq!(response.status(), 200);
        let page: Value = response.json().await.unwrap();
        items.extend(page["data"].as_array().unwrap().iter().cloned());
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_string()),
            None => return items,
        }
        assert!(items.len() < 100_000);
    }
}

fn stamp(item: &Value) -> (String, String) {
    let at = item["updated_at"]
        .as_str()
        .or(item["deleted_at"].as_str())
        .unwrap()
        .to_string();
    (at, item["id"].as_str().unwrap().to_string())
}

#[tokio::test]
async fn the_feed_returns_changes_in_order_with_tombstones() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let token = token(&origin).await;
    let everything = feed(&origin, "/activities", "2000-01-01T00:00:00Z", &token, 50).await;
    assert_eq!(everything.len(), sandbox.truth().activities.len());
    let order: Vec<(String, String)> = everything.iter().map(stamp).collect();
    let mut sorted = order.clone();
    sorted.sort_by(|a, b| {
        let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
        (t(&a.0), &a.1).cmp(&(t(&b.0), &b.1))
    });
    assert_eq!(order, sorted, "feed is ordered by (updated_at, id)");
    let last_seen = everything.last().unwrap()["updated_at"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        feed(&origin, "/activities", &last_seen, &token, 50)
            .await
            .is_empty()
    );

    // Delete one, edit one: the feed after the last instant seen has exactly those.
    let truth = sandbox.truth();
    let gone = truth.activities[3].id.clone();
    let mut edited = truth.activities[7].clone();
    edited.name = "Renamed — ☀️ morning".to_string();
    sandbox.delete(Resource::Activity, &gone);
    sandbox.put_activity(edited.clone());
    let changes = feed(&origin, "/activities", &last_seen, &token, 1).await;
    assert_eq!(changes.len(), 2, "{changes:?}");
    assert_eq!(changes[0]["id"], gone.as_str());
    assert_eq!(changes[0]["deleted"], true);
    assert!(changes[0]["deleted_at"].is_string());
    assert_eq!(changes[1]["id"], edited.id.as_str());
    assert_eq!(changes[1]["name"], "Renamed — ☀️ morning");
    // The item is gone from plain listings and single reads.
    assert_eq!(
        api_get(&origin, &format!("/activities/{gone}"), Some(&token))
            .await
            .status(),
        404
    );
}

#[tokio::test]
async fn deleting_a_plan_unlinks_its_activity_in_the_feed() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let token = token(&origin).await;
    let truth = sandbox.truth();
    let paired = truth
        .activities
        .iter()
        .find(|a| a.planned_workout_id.is_some())
        .unwrap();
    let plan = paired.planned_workout_id.clone().unwrap();
    let before = sandbox.put_activity(paired.clone()).at;
    let since = before.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let changes = sandbox.delete(Resource::Workout, &plan);
    assert_eq!(changes.len(), 2);
    let workouts = feed(&origin, "/workouts", &since, &token, 10).await;
    assert_eq!(workouts.len(), 1);
    assert_eq!(workouts[0]["deleted"], true);
    let activities = feed(&origin, "/activities", &since, &token, 10).await;
    assert_eq!(activities.len(), 1);
    assert_eq!(activities[0]["id"], paired.id.as_str());
    assert!(activities[0]["planned_workout_id"].is_null());
}

#[tokio::test]
async fn churn_while_paging_the_feed_misses_nothing() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let token = token(&origin).await;
    let start_at = "2000-01-01T00:00:00Z";
    // A client mirrors the feed page by page while the server churns between pages.
    let mut mirror: BTreeMap<String, Value> = BTreeMap::new();
    let mut since = start_at.to_string();
    for round in 0..6u64 {
        let mut cursor: Option<String> = None;
        loop {
            let mut url = format!("/workouts?updated_since={since}&limit=7");
            if let Some(c) = &cursor {
                url.push_str(&format!("&cursor={c}"));
            }
            let page: Value = api_get(&origin, &url, Some(&token))
                .await
                .json()
                .await
                .unwrap();
            for item in page["data"].as_array().unwrap() {
                let id = item["id"].as_str().unwrap().to_string();
                let (at, _) = stamp(item);
                if item["deleted"] == true {
                    mirror.remove(&id);
                } else {
                    mirror.insert(id, item.clone());
                }
                if chrono::DateTime::parse_from_rfc3339(&at).unwrap()
                    > chrono::DateTime::parse_from_rfc3339(&since).unwrap()
                {
                    since = at;
                }
            }
            sandbox.churn(2, round * 100 + mirror.len() as u64);
            match page["next_cursor"].as_str() {
                Some(next) => cursor = Some(next.to_string()),
                None => break,
            }
        }
    }
    // One last catch-up pass with no churn, then the mirror equals the truth.
    for item in feed(&origin, "/workouts", &since, &token, 50).await {
        let id = item["id"].as_str().unwrap().to_string();
        if item["deleted"] == true {
            mirror.remove(&id);
        } else {
            mirror.insert(id, item);
        }
    }
    let truth: BTreeMap<String, Value> = sandbox
        .truth()
        .workouts
        .iter()
        .filter(|w| w.athlete_id == "a_1042")
        .map(|w| (w.id.clone(), serde_json::to_value(w).unwrap()))
        .collect();
    assert_eq!(mirror.len(), truth.len());
    assert!(mirror == truth, "the mirror differs from the server");
}

#[tokio::test]
async fn bad_updated_since_is_400() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let token = token(&origin).await;
    let response = api_get(&origin, "/workouts?updated_since=yesterday", Some(&token)).await;
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "invalid_request");
}

#[tokio::test]
async fn etag_answers_304_until_the_list_changes() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let token = token(&origin).await;
    let first = api_get(&origin, "/workouts?limit=5", Some(&token)).await;
    assert_eq!(first.status(), 200);
    let tag = first.headers()["etag"].to_str().unwrap().to_string();
    let conditional = || {
        browser()
            .get(format!("{origin}/api/v1/workouts?limit=5"))
            .bearer_auth(&token)
            .header("if-none-match", &tag)
            .send()
    };
    let again = conditional().await.unwrap();
    assert_eq!(again.status(), 304);
    assert_eq!(again.headers()["etag"].to_str().unwrap(), tag);
    assert!(again.bytes().await.unwrap().is_empty());
    let mut first_workout = sandbox.truth().workouts[0].clone();
    first_workout.name = "Changed".to_string();
    sandbox.put_workout(first_workout);
    let changed = conditional().await.unwrap();
    assert_eq!(changed.status(), 200);
    assert_ne!(changed.headers()["etag"].to_str().unwrap(), tag);
}

#[tokio::test]
async fn gzip_is_honoured() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let token = token(&origin).await;
    let raw = reqwest::Client::builder().no_gzip().build().unwrap();
    let plain = raw
        .get(format!("{origin}/api/v1/activities?limit=200"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert!(plain.headers().get("content-encoding").is_none());
    let plain_len = plain.bytes().await.unwrap().len();
    let zipped = raw
        .get(format!("{origin}/api/v1/activities?limit=200"))
        .bearer_auth(&token)
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(zipped.headers()["content-encoding"], "gzip");
    let zipped_len = zipped.bytes().await.unwrap().len();
    assert!(zipped_len * 3 < plain_len, "{zipped_len} vs {plain_len}");
}

#[tokio::test]
async fn athlete_id_of_someone_else_is_refused() {
    let sandbox = start_with(SandboxConfig::demo(anchor())).await;
    let origin = sandbox.origin();
    let token = token(&origin).await;
    let own = api_get(&origin, "/workouts?athlete_id=a_1042&limit=3", Some(&token)).await;
    assert_eq!(own.status(), 200);
    let nobody = api_get(&origin, "/workouts?athlete_id=a_9999", Some(&token)).await;
    assert_eq!(nobody.status(), 404);
}
