//! Faults on demand and rate limits: every fault of the plan shows up as a client would see
//! it, and the control endpoint changes them while the server runs.

mod common;

use std::time::Duration;

use common::*;
use offpeak_sandbox::{FaultPlan, RateLimits, SandboxConfig};
use serde_json::{Value, json};

async fn token(origin: &str) -> String {
    tokens(origin, ALL_READ).await["access_token"]
        .as_str()
        .unwrap()
        .to_string()
}

async fn control_put_faults(origin: &str, plan: Value) -> reqwest::Response {
    browser()
        .put(format!("{origin}/_control/faults"))
        .json(&plan)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn rate_limit_headers_and_429_with_retry_after() {
    let sandbox = start_with(SandboxConfig {
        rate_limits: RateLimits {
            per_window: 4,
            window: Duration::from_secs(10),
            per_day: 1000,
        },
        ..SandboxConfig::demo(anchor())
    })
    .await;
    let origin = sandbox.origin();
    let token = token(&origin).await;
    let mut remaining = Vec::new();
    for _ in 0..4 {
        let response = api_get(&origin, "/athlete", Some(&token)).await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["x-ratelimit-limit"], "4");
        let reset: i64 = response.headers()["x-ratelimit-reset"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!(reset > chrono::Utc::now().timestamp() - 1);
        remaining.push(
            response.headers()["x-ratelimit-remaining"]
                .to_str()
                .unwrap()
                .to_string(),
        );
    }
    assert_eq!(remaining, ["3", "2", "1", "0"]);
    let refused = api_get(&origin, "/athlete", Some(&token)).await;
    assert_eq!(refused.status(), 429);
    let wait: u64 = refused.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=10).contains(&wait), "Retry-After {wait}");
    let body: Value = refused.json().await.unwrap();
    assert_eq!(body["error"]["code"], "rate_limited");
    sandbox.advance_clock(Duration::from_secs(wait));
    assert_eq!(
        api_get(&origin, "/athlete", Some(&token)).await.status(),
        200
    );
}

#[tokio::test]
async fn server_errors_come_as_json_500_or_proxy_html() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let token = token(&origin).await;
    sandbox.set_faults(FaultPlan {
        server_errors: 1.0,
        ..FaultPlan::default()
    });
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..30 {
        let response = api_get(&origin, "/workouts", Some(&token)).await;
        let status = response.status().as_u16();
        let content_type = response.headers()["content-type"]
            .to_str()
            .unwrap()
            .to_string();
        match status {
            500 => assert!(content_type.starts_with("application/json")),
            502 | 503 => assert!(content_type.starts_with("text/html")),
            other => panic!("status {other}"),
        }
        seen.insert(status);
    }
    assert_eq!(seen.len(), 3, "{seen:?}");
    // Pages outside the API are not hit.
    let page = browser()
        .get(format!("{origin}/settings/connected-apps"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
}

#[tokio::test]
async fn a_429_burst_then_normal_service() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let token = token(&origin).await;
    let response = control_put_faults(&origin, json!({"burst_429": 2, "retry_after_s": 7})).await;
    assert_eq!(response.status(), 200);
    for _ in 0..2 {
        let response = api_get(&origin, "/athlete", Some(&token)).await;
        assert_eq!(response.status(), 429);
        assert_eq!(response.headers()["retry-after"], "7");
    }
    assert_eq!(
        api_get(&origin, "/athlete", Some(&token)).await.status(),
        200
    );
}

#[tokio::test]
async fn truncated_malformed_and_dropped_bodies() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let token = token(&origin).await;
    let whole = api_get(&origin, "/activities?limit=50", Some(&token))
        .await
        .bytes()
        .await
        .unwrap();
    assert!(serde_json::from_slice::<Value>(&whole).is_ok());

    sandbox.set_faults(FaultPlan {
        truncated: 1.0,
        ..FaultPlan::default()
    });
    let cut = api_get(&origin, "/activities?limit=50", Some(&token)).await;
    assert_eq!(cut.status(), 200);
    let cut = cut.bytes().await.unwrap();
    assert_eq!(cut.len(), whole.len() / 2);
    assert!(serde_json::from_slice::<Value>(&cut).is_err());

    sandbox.set_faults(FaultPlan {
        malformed: 1.0,
        ..FaultPlan::default()
    });
    let bad = api_get(&origin, "/activities?limit=50", Some(&token)).await;
    assert_eq!(bad.headers()["content-type"], "application/json");
    assert!(serde_json::from_slice::<Value>(&bad.bytes().await.unwrap()).is_err());

    sandbox.set_faults(FaultPlan {
        dropped: 1.0,
        ..FaultPlan::default()
    });
    let dropped = browser()
        .get(format!("{origin}/api/v1/activities?limit=50"))
        .bearer_auth(&token)
        .send()
        .await;
    // The connection goes away mid-answer: the client sees an incomplete message, either
    // before the head arrives or while reading the body.
    let failed = match dropped {
        Err(e) => format!("{e:?}").contains("IncompleteMessage") || e.is_body() || e.is_request(),
        Ok(response) => response.bytes().await.is_err(),
    };
    assert!(failed, "the answer should break off");

    sandbox.set_faults(FaultPlan::default());
    let again = api_get(&origin, "/activities?limit=50", Some(&token))
        .await
        .bytes()
        .await
        .unwrap();
    assert_eq!(again, whole);
}

#[tokio::test]
async fn tokens_can_die_before_their_expiry() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let tokens = tokens(&origin, ALL_READ).await;
    assert_eq!(tokens["expires_in"], 3600);
    let access = tokens["access_token"].as_str().unwrap();
    sandbox.set_faults(FaultPlan {
        token_life_s: Some(60),
        ..FaultPlan::default()
    });
    assert_eq!(
        api_get(&origin, "/athlete", Some(access)).await.status(),
        200
    );
    sandbox.advance_clock(Duration::from_secs(61));
    assert_eq!(
        api_get(&origin, "/athlete", Some(access)).await.status(),
        401
    );
}

#[tokio::test]
async fn the_control_endpoint_checks_its_input_and_tells_the_truth() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let bad = control_put_faults(&origin, json!({"server_errors": 1.5})).await;
    assert_eq!(bad.status(), 400);
    let unknown = control_put_faults(&origin, json!({"gremlins": 1})).await;
    assert_eq!(unknown.status(), 422);
    let state: Value = fetch_json(&format!("{origin}/_control/state")).await;
    assert_eq!(state["dataset"], "demo");
    assert_eq!(state["variant"], "velopeak");
    let churn: Value = browser()
        .post(format!("{origin}/_control/churn"))
        .json(&json!({"count": 12, "seed": 5}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(churn.as_array().unwrap().len() >= 12);
    let truth: Value = fetch_json(&format!("{origin}/_control/truth")).await;
    let served = truth["activities"].as_array().unwrap().len();
    assert_eq!(served, sandbox.truth().activities.len());
    let missing = browser()
        .delete(format!("{origin}/_control/activities/act_none"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
}

#[test]
fn the_faults_flag_is_checked() {
    assert!(FaultPlan::parse_flag("dropped=0.2,seed=4").is_ok());
    assert!(FaultPlan::parse_flag("dropped=-1").is_err());
}
