//! The `/api/v1` resources: Bearer checks, scopes, paging, filters, determinism, consistency.

mod common;

use std::collections::BTreeSet;
use std::time::Duration;

use common::*;
use offpeak_sandbox::SandboxConfig;
use serde_json::Value;

async fn token(origin: &str, scope: &str) -> String {
    tokens(origin, scope).await["access_token"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Every page of a list, as (raw bodies, items).
async fn all_pages(origin: &str, path: &str, token: &str, limit: u32) -> (Vec<String>, Vec<Value>) {
    let (mut bodies, mut items) = (Vec::new(), Vec::new());
    let mut cursor: Option<String> = None;
    loop {
        let sep = if path.contains('?') { '&' } else { '?' };
        let mut url = format!("{path}{sep}limit={limit}");
        if let Some(c) = &cursor {
            url.push_str(&format!("&cursor={c}"));
        }
        let response = api_get(origin, &url, Some(token)).await;
        assert_eq!(response.status(), 200);
        let body = response.text().await.unwrap();
        let page: Value = serde_json::from_str(&body).unwrap();
        let data = page["data"].as_array().unwrap();
        assert!(data.len() <= limit as usize);
        items.extend(data.iter().cloned());
        bodies.push(body);
        match page["next_cursor"].as_str() {
            Some(next) => {
                assert!(!data.is_empty());
                cursor = Some(next.to_string());
            }
            None => {
                assert!(page["next_cursor"].is_null());
                break;
            }
        }
        assert!(bodies.len() < 100, "paging does not end");
    }
    (bodies, items)
}

#[tokio::test]
async fn missing_or_unknown_or_expired_token_is_401() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let access = token(&origin, ALL_READ).await;
    for token in [None, Some("vpa_nope")] {
        let response = api_get(&origin, "/athlete", token).await;
        assert_eq!(response.status(), 401);
        let challenge = response.headers()["www-authenticate"]
            .to_str()
            .unwrap()
            .to_string();
        assert!(
            challenge.starts_with("Bearer") && challenge.contains("error=\"invalid_token\""),
            "{challenge}"
        );
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"]["code"], "invalid_token");
        assert!(body["error"]["message"].is_string());
    }
    assert_eq!(
        api_get(&origin, "/workouts", Some(&access)).await.status(),
        200
    );
    sandbox.advance_clock(Duration::from_secs(3601));
    assert_eq!(
        api_get(&origin, "/workouts", Some(&access)).await.status(),
        401
    );
}

#[tokio::test]
async fn missing_scope_is_403_with_the_needed_scope() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let access = token(&origin, "athlete:read workouts:read").await;
    for path in ["/activities", "/activities/act_0000000000"] {
        let response = api_get(&origin, path, Some(&access)).await;
        assert_eq!(response.status(), 403);
        let challenge = response.headers()["www-authenticate"].to_str().unwrap();
        assert!(challenge.starts_with("Bearer "), "{challenge}");
        assert!(
            challenge.contains("error=\"insufficient_scope\""),
            "{challenge}"
        );
        assert!(
            challenge.contains("scope=\"activities:read\""),
            "{challenge}"
        );
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"]["code"], "insufficient_scope");
    }
    assert_eq!(
        api_get(&origin, "/workouts", Some(&access)).await.status(),
        200
    );
}

#[tokio::test]
async fn paging_returns_every_item_exactly_once() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let access = token(&origin, ALL_READ).await;
    for path in ["/workouts", "/activities"] {
        let (_, paged) = all_pages(&origin, path, &access, 7).await;
        let (_, whole) = all_pages(&origin, path, &access, 200).await;
        assert!(paged.len() > 7);
        assert_eq!(paged, whole, "{path}");
        let ids: BTreeSet<&str> = paged.iter().map(|i| i["id"].as_str().unwrap()).collect();
        assert_eq!(ids.len(), paged.len());
    }
    let response = api_get(&origin, "/workouts", Some(&access)).await;
    let page: Value = response.json().await.unwrap();
    assert!(page["data"].as_array().unwrap().len() <= 100);
}

#[tokio::test]
async fn lists_are_ordered_and_filtered_by_local_date() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let access = token(&origin, ALL_READ).await;
    let (_, workouts) = all_pages(&origin, "/workouts", &access, 50).await;
    let keys: Vec<(String, String)> = workouts
        .iter()
        .map(|w| {
            (
                w["date"].as_str().unwrap().to_string(),
                w["id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(keys.windows(2).all(|p| p[0] < p[1]));
    let (_, window) = all_pages(
        &origin,
        "/workouts?oldest=2025-03-03&newest=2025-03-09",
        &access,
        2,
    )
    .await;
    assert!((4..=6).contains(&window.len()), "{}", window.len());
    assert!(
        window
            .iter()
            .all(|w| ("2025-03-03".."2025-03-10").contains(&w["date"].as_str().unwrap()))
    );
    let (_, acts) = all_pages(&origin, "/activities?newest=2025-03-09", &access, 50).await;
    assert!(
        acts.iter()
            .all(|a| a["local_date"].as_str().unwrap() <= "2025-03-09")
    );
    let (_, all_acts) = all_pages(&origin, "/activities", &access, 200).await;
    let keys: Vec<(&str, &str, &str)> = all_acts
        .iter()
        .map(|a| {
            (
                a["local_date"].as_str().unwrap(),
                a["start_time"].as_str().unwrap(),
                a["id"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(keys.windows(2).all(|p| p[0] < p[1]));
}

#[tokio::test]
async fn bad_list_parameters_are_400() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let access = token(&origin, ALL_READ).await;
    for query in [
        "limit=0",
        "limit=201",
        "limit=ten",
        "cursor=%%%",
        "cursor=Zm9v",
        "oldest=2025-13-01",
    ] {
        let response = api_get(&origin, &format!("/workouts?{query}"), Some(&access)).await;
        assert_eq!(response.status(), 400, "{query}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"]["code"], "invalid_request", "{query}");
    }
    // A workouts cursor is not an activities cursor.
    let page: Value = api_get(&origin, "/workouts?limit=1", Some(&access))
        .await
        .json()
        .await
        .unwrap();
    let cursor = page["next_cursor"].as_str().unwrap();
    let response = api_get(
        &origin,
        &format!("/activities?cursor={cursor}"),
        Some(&access),
    )
    .await;
    assert_eq!(response.status(), 400);
}

#[tokio::test]
async fn single_items_and_not_found() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let access = token(&origin, ALL_READ).await;
    let (_, workouts) = all_pages(&origin, "/workouts", &access, 200).await;
    let (_, activities) = all_pages(&origin, "/activities", &access, 200).await;
    for (path, item) in [("/workouts", &workouts[3]), ("/activities", &activities[3])] {
        let id = item["id"].as_str().unwrap();
        let one: Value = api_get(&origin, &format!("{path}/{id}"), Some(&access))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(&one, item);
        let response = api_get(&origin, &format!("{path}/nope_1"), Some(&access)).await;
        assert_eq!(response.status(), 404);
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"]["code"], "not_found");
    }
}

#[tokio::test]
async fn items_have_the_contract_fields() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let access = token(&origin, ALL_READ).await;
    let athlete: Value = api_get(&origin, "/athlete", Some(&access))
        .await
        .json()
        .await
        .unwrap();
    for field in [
        "id",
        "name",
        "role",
        "timezone",
        "sex",
        "weight_kg",
        "ftp_w",
        "hr_max",
        "hr_rest",
        "power_zones_w",
        "hr_zones_bpm",
    ] {
        assert!(!athlete[field].is_null(), "athlete.{field}");
    }
    assert_eq!(athlete["id"], "a_1042");
    let (_, workouts) = all_pages(&origin, "/workouts", &access, 200).await;
    for w in &workouts {
        for field in [
            "id",
            "athlete_id",
            "date",
            "sport",
            "name",
            "planned_duration_s",
            "created_at",
            "updated_at",
        ] {
            assert!(!w[field].is_null(), "workout.{field} in {w}");
        }
        assert!(w["id"].as_str().unwrap().starts_with("w_"));
    }
    assert!(workouts.iter().any(|w| {
        w["structure"]["steps"]
            .as_array()
            .is_some_and(|s| s.iter().any(|s| s["kind"] == "repeat"))
    }));
    let (_, activities) = all_pages(&origin, "/activities", &access, 200).await;
    for a in &activities {
        for field in [
            "id",
            "athlete_id",
            "start_time",
            "timezone",
            "local_date",
            "sport",
            "name",
            "elapsed_time_s",
            "moving_time_s",
            "trainer",
            "stream_types",
            "created_at",
            "updated_at",
        ] {
            assert!(!a[field].is_null(), "activity.{field} in {a}");
        }
        assert!(a.as_object().unwrap().contains_key("planned_workout_id"));
        assert!(a["id"].as_str().unwrap().starts_with("act_"));
        assert!(a["start_time"].as_str().unwrap().ends_with('Z'));
    }
}

#[tokio::test]
async fn planned_workout_ids_point_to_workouts_on_the_same_local_date() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let access = token(&origin, ALL_READ).await;
    let (_, workouts) = all_pages(&origin, "/workouts", &access, 200).await;
    let (_, activities) = all_pages(&origin, "/activities", &access, 200).await;
    let anchor = anchor().to_string();
    let mut linked = 0;
    for a in &activities {
        assert!(a["local_date"].as_str().unwrap() < anchor.as_str());
        if let Some(id) = a["planned_workout_id"].as_str() {
            let w = workouts
                .iter()
                .find(|w| w["id"] == id)
                .expect("the planned workout exists");
            assert_eq!(w["date"], a["local_date"]);
            linked += 1;
        }
    }
    assert!(linked > 20);
    assert!(linked < activities.len(), "some activities are unplanned");
}

async fn snapshot(seed: u64) -> Vec<String> {
    let sandbox = start_with(SandboxConfig {
        seed,
        ..SandboxConfig::demo(anchor())
    })
    .await;
    let origin = sandbox.origin();
    let access = token(&origin, ALL_READ).await;
    let mut bodies = vec![
        api_get(&origin, "/athlete", Some(&access))
            .await
            .text()
            .await
            .unwrap(),
    ];
    bodies.extend(all_pages(&origin, "/workouts", &access, 7).await.0);
    bodies.extend(all_pages(&origin, "/activities", &access, 7).await.0);
    sandbox.shutdown().await;
    bodies
}

#[tokio::test]
async fn same_seed_gives_identical_bytes_and_another_seed_does_not() {
    let first = snapshot(42).await;
    assert_eq!(first, snapshot(42).await);
    assert_ne!(first, snapshot(43).await);
}

#[tokio::test]
async fn unknown_paths_are_json_404() {
    let sandbox = start().await;
    let response = api_get(&sandbox.origin(), "/nothing-here", None).await;
    assert_eq!(response.status(), 404);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "not_found");
}
