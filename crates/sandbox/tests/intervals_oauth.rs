//! Intervals.icu OAuth against a running sandbox: the consent page with a checkbox per scope,
//! approve / untick / deny, the two-minute single-use code, lasting tokens, scope checks on the
//! API and `DELETE /api/v1/disconnect-app`.

#[path = "common/intervals.rs"]
mod icu;

use std::time::Duration;

use icu::*;
use offpeak_sandbox::{DEMO_CLIENT_ID, approve};
use serde_json::json;

fn access(token: &serde_json::Value) -> String {
    token["access_token"].as_str().unwrap().to_string()
}

const EVENTS: &str = "/athlete/0/events?oldest=2025-04-01";
const ACTIVITIES: &str = "/athlete/0/activities?oldest=2025-04-01";
const WELLNESS: &str = "/athlete/0/wellness?oldest=2025-04-01";

#[tokio::test]
async fn approving_every_scope_gives_a_lasting_token_for_everything() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let (port, callback) = one_shot_callback().await;
    let redirect = format!("http://127.0.0.1:{port}/callback");
    let url = authorize_url(
        &origin,
        &[
            ("client_id", DEMO_CLIENT_ID),
            ("redirect_uri", &redirect),
            ("scope", ALL_SCOPES),
            ("state", "xyz"),
        ],
    );
    let page = fetch_text(&url).await;
    assert_eq!(
        checkbox_values(&page),
        ["ACTIVITY:READ", "WELLNESS:READ", "CALENDAR:READ"]
    );
    // The scripted person approves as it finds the page: every box still ticked.
    approve(&url).await.unwrap();
    let target = callback.await.unwrap();
    let query = query_of(&format!("http://127.0.0.1{target}"));
    assert_eq!(param(&query, "state"), Some("xyz"));
    let (status, token) = exchange(&origin, param(&query, "code").unwrap()).await;
    assert_eq!(status, 200, "{token}");
    let keys: Vec<&str> = token
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys.len(), 4, "{keys:?}: no refresh token, no expiry");
    assert_eq!(token["token_type"], "Bearer");
    assert_eq!(token["scope"], ALL_SCOPES);
    assert_eq!(token["athlete"], json!({"id": OWNER, "name": "Ana Ruiz"}));

    let bearer = access(&token);
    for path in [
        EVENTS,
        ACTIVITIES,
        WELLNESS,
        "/athlete/0",
        "/athlete/i1042/athlete-summary",
    ] {
        assert_eq!(
            get(&origin, path, Auth::Bearer(&bearer)).await.0,
            200,
            "{path}"
        );
    }
    sandbox.advance_clock(Duration::from_secs(400 * 24 * 3600));
    assert_eq!(get(&origin, ACTIVITIES, Auth::Bearer(&bearer)).await.0, 200);
    // A token is not a key.
    assert_eq!(get(&origin, "/athlete/0", Auth::Key(&bearer)).await.0, 401);
}

#[tokio::test]
async fn an_unticked_scope_is_not_granted_and_its_endpoints_are_403() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let token = token(&origin, ALL_SCOPES, &["ACTIVITY:READ", "CALENDAR:READ"]).await;
    assert_eq!(token["scope"], "ACTIVITY:READ,CALENDAR:READ");
    let bearer = access(&token);
    let (status, body) = get(&origin, WELLNESS, Auth::Bearer(&bearer)).await;
    assert_eq!(
        (status, body),
        (403, json!({"status": 403, "error": "Access denied"}))
    );
    assert_eq!(get(&origin, ACTIVITIES, Auth::Bearer(&bearer)).await.0, 200);
    assert_eq!(get(&origin, EVENTS, Auth::Bearer(&bearer)).await.0, 200);

    let token = token_for(&origin, &["ACTIVITY:READ", "WELLNESS:READ"]).await;
    let bearer = access(&token);
    assert_eq!(get(&origin, EVENTS, Auth::Bearer(&bearer)).await.0, 403);
    assert_eq!(get(&origin, WELLNESS, Auth::Bearer(&bearer)).await.0, 200);

    let token = token_for(&origin, &["CALENDAR:READ"]).await;
    let bearer = access(&token);
    let activities = get(&origin, ACTIVITIES, Auth::Bearer(&bearer)).await;
    assert_eq!(activities.0, 403);
    let owner_key = get_ok(&origin, "/athlete/0/activities?oldest=2025-04-01").await;
    let id = owner_key[0]["id"].as_str().unwrap();
    for path in [format!("/activity/{id}"), format!("/activity/{id}/streams")] {
        assert_eq!(
            get(&origin, &path, Auth::Bearer(&bearer)).await.0,
            403,
            "{path}"
        );
    }
}

/// A token for `ticked` out of all three read scopes.
async fn token_for(origin: &str, ticked: &[&str]) -> serde_json::Value {
    token(origin, ALL_SCOPES, ticked).await
}

#[tokio::test]
async fn write_scopes_include_read() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let token = token(
        &origin,
        "CALENDAR:WRITE,SETTINGS:READ",
        &["CALENDAR:WRITE", "SETTINGS:READ"],
    )
    .await;
    assert_eq!(token["scope"], "CALENDAR:WRITE,SETTINGS:READ");
    let bearer = access(&token);
    assert_eq!(get(&origin, EVENTS, Auth::Bearer(&bearer)).await.0, 200);
    assert_eq!(get(&origin, ACTIVITIES, Auth::Bearer(&bearer)).await.0, 403);
}

#[tokio::test]
async fn deny_sends_access_denied_back_to_the_app() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let query = consent(&origin, ALL_SCOPES, "deny", &["ACTIVITY:READ"]).await;
    assert_eq!(param(&query, "error"), Some("access_denied"));
    assert_eq!(param(&query, "state"), Some("s t&1"));
    assert_eq!(param(&query, "code"), None);
}

#[tokio::test]
async fn a_code_works_once_and_for_two_minutes() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let query = consent(&origin, ALL_SCOPES, "approve", &["ACTIVITY:READ"]).await;
    let code = param(&query, "code").unwrap();
    let (status, first) = exchange(&origin, code).await;
    assert_eq!(status, 200);
    let (status, again) = exchange(&origin, code).await;
    assert_eq!(
        (status, again["error"].as_str()),
        (400, Some("invalid_grant"))
    );
    assert_eq!(
        get(&origin, ACTIVITIES, Auth::Bearer(&access(&first)))
            .await
            .0,
        200
    );

    let query = consent(&origin, ALL_SCOPES, "approve", &["ACTIVITY:READ"]).await;
    let in_time = param(&query, "code").unwrap().to_string();
    let query = consent(&origin, ALL_SCOPES, "approve", &["ACTIVITY:READ"]).await;
    let late = param(&query, "code").unwrap().to_string();
    sandbox.advance_clock(Duration::from_secs(110));
    assert_eq!(exchange(&origin, &in_time).await.0, 200);
    sandbox.advance_clock(Duration::from_secs(11));
    let (status, body) = exchange(&origin, &late).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant"))
    );
    assert_eq!(exchange(&origin, "made-up").await.0, 400);
}

#[tokio::test]
async fn the_token_endpoint_checks_the_app() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let query = consent(&origin, ALL_SCOPES, "approve", &["ACTIVITY:READ"]).await;
    let code = param(&query, "code").unwrap();
    let response = browser()
        .post(format!("{origin}/api/oauth/token"))
        .form(&[
            ("client_id", DEMO_CLIENT_ID),
            ("client_secret", "wrong"),
            ("code", code),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    // The code survives a failed client authentication.
    assert_eq!(exchange(&origin, code).await.0, 200);
}

#[tokio::test]
async fn disconnect_app_revokes_the_token() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let bearer = access(&token_for(&origin, &["ACTIVITY:READ"]).await);
    let other = access(&token_for(&origin, &["ACTIVITY:READ"]).await);
    let page = fetch_text(&format!("{origin}/settings/connected-apps")).await;
    assert_eq!(page.matches("data-client=\"offpeak-demo\"").count(), 2);
    assert!(
        page.contains("activities:read"),
        "the nearest VeloPeak scope is shown"
    );

    let url = format!("{origin}/api/v1/disconnect-app");
    let response = send(reqwest::Method::DELETE, &url, Auth::Bearer(&bearer)).await;
    assert_eq!(response.status(), 200);
    let (status, body) = get(&origin, ACTIVITIES, Auth::Bearer(&bearer)).await;
    assert_eq!((status, body["status"].as_u64()), (401, Some(401)));
    let again = send(reqwest::Method::DELETE, &url, Auth::Bearer(&bearer)).await;
    assert_eq!(again.status(), 401);
    assert_eq!(
        send(reqwest::Method::DELETE, &url, Auth::Key(KEY))
            .await
            .status(),
        401
    );
    // Only that grant ended.
    assert_eq!(get(&origin, ACTIVITIES, Auth::Bearer(&other)).await.0, 200);
}

/// Opens the authorize page of `client` for every read scope, to come back to `redirect`.
async fn open_authorize(origin: &str, client: &str, redirect: &str) -> reqwest::Response {
    let url = authorize_url(
        origin,
        &[
            ("client_id", client),
            ("redirect_uri", redirect),
            ("scope", ALL_SCOPES),
        ],
    );
    browser().get(url).send().await.unwrap()
}

#[tokio::test]
async fn unknown_apps_and_redirects_get_an_error_page_without_a_redirect() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let cases = [
        ("nobody", REDIRECT),
        (DEMO_CLIENT_ID, "https://evil.example/callback"),
        (DEMO_CLIENT_ID, "http://127.0.0.1:53682/elsewhere"),
    ];
    for (client, redirect) in cases {
        let response = open_authorize(&origin, client, redirect).await;
        assert_eq!(response.status(), 400, "{client} {redirect}");
        assert!(response.headers().get("location").is_none());
        assert!(response.text().await.unwrap().contains("class=\"error\""));
    }
    for redirect in ["http://localhost/", "http://localhost:8765/oauth/done"] {
        let response = open_authorize(&origin, DEMO_CLIENT_ID, redirect).await;
        assert_eq!(response.status(), 200, "{redirect} is always allowed");
    }
    let url = authorize_url(
        &origin,
        &[
            ("client_id", DEMO_CLIENT_ID),
            ("redirect_uri", REDIRECT),
            ("scope", "ACTIVITY:READ,FITNESS:READ"),
            ("state", "q"),
        ],
    );
    let response = browser().get(url).send().await.unwrap();
    assert_eq!(response.status(), 302);
    let query = query_of(response.headers()["location"].to_str().unwrap());
    assert_eq!(param(&query, "error"), Some("invalid_scope"));
    assert_eq!(param(&query, "state"), Some("q"));
}
