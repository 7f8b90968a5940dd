//! Contract §5: the Velocity-style variant — `/oauth/consent`, JSON token bodies, a public
//! client, one-hour tokens with rotation — and its `vel_` API keys with a workspace slug.

mod common;

use common::*;
use offpeak_sandbox::{DEMO_CLIENT_ID, KeyAccess, RunningSandbox, SandboxConfig, Variant};
use serde_json::{Value, json};
use url::Url;

async fn velocity() -> RunningSandbox {
    start_with(SandboxConfig::for_variant(Variant::Velocity, anchor())).await
}

async fn token_json(origin: &str, body: Value) -> (u16, Value) {
    let response = browser()
        .post(format!("{origin}/api/oauth/token"))
        .json(&body)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

/// Consent at `/oauth/consent` through the scripted person, with a real loopback callback.
async fn velocity_code(origin: &str, scope: &str, challenge: &str) -> (String, String) {
    let (port, callback) = one_shot_callback().await;
    let redirect = format!("http://127.0.0.1:{port}/callback");
    let mut url = Url::parse(&format!("{origin}/oauth/consent")).unwrap();
    url.query_pairs_mut().extend_pairs([
        ("response_type", "code"),
        ("client_id", DEMO_CLIENT_ID),
        ("redirect_uri", redirect.as_str()),
        ("scope", scope),
        ("state", "s1"),
        ("code_challenge", challenge),
        ("code_challenge_method", "S256"),
    ]);
    offpeak_sandbox::approve(url.as_str()).await.unwrap();
    let target = callback.await.unwrap();
    let query: Vec<(String, String)> = Url::parse(&format!("http://x{target}"))
        .unwrap()
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    assert_eq!(param(&query, "state"), Some("s1"));
    (param(&query, "code").unwrap().to_string(), redirect)
}

#[tokio::test]
async fn metadata_points_at_the_velocity_endpoints() {
    let sandbox = velocity().await;
    let origin = sandbox.origin();
    let meta: Value = fetch_json(&format!("{origin}/.well-known/oauth-authorization-server")).await;
    assert_eq!(
        meta["authorization_endpoint"],
        format!("{origin}/oauth/consent")
    );
    assert_eq!(meta["token_endpoint"], format!("{origin}/api/oauth/token"));
    assert_eq!(
        meta["token_endpoint_auth_methods_supported"],
        json!(["none"])
    );
    let old = browser()
        .get(format!("{origin}/api/auth/oauth2/authorize"))
        .send()
        .await
        .unwrap();
    assert_eq!(old.status(), 404);
}

#[tokio::test]
async fn public_client_with_json_token_bodies_and_rotation() {
    let sandbox = velocity().await;
    let origin = sandbox.origin();
    let pkce = pkce();
    let (code, redirect) =
        velocity_code(&origin, "athlete:read workouts:read", &pkce.challenge).await;
    // The form body of the VeloPeak variant is refused here.
    let form = browser()
        .post(format!("{origin}/api/oauth/token"))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", code.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), 400);
    let (status, tokens) = token_json(
        &origin,
        json!({
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect,
            "client_id": DEMO_CLIENT_ID,
            "code_verifier": pkce.verifier,
        }),
    )
    .await;
    assert_eq!(status, 200, "{tokens}");
    assert_eq!(tokens["expires_in"], 3600);
    assert_eq!(tokens["scope"], "athlete:read workouts:read");
    let access = tokens["access_token"].as_str().unwrap();
    assert_eq!(
        api_get(&origin, "/workouts?limit=2", Some(access))
            .await
            .status(),
        200
    );
    assert_eq!(
        api_get(&origin, "/activities", Some(access)).await.status(),
        403
    );
    let (status, fresh) = token_json(
        &origin,
        json!({
            "grant_type": "refresh_token",
            "refresh_token": tokens["refresh_token"],
            "client_id": DEMO_CLIENT_ID,
        }),
    )
    .await;
    assert_eq!(status, 200, "{fresh}");
    assert_ne!(fresh["refresh_token"], tokens["refresh_token"]);
    let (status, replay) = token_json(
        &origin,
        json!({
            "grant_type": "refresh_token",
            "refresh_token": tokens["refresh_token"],
            "client_id": DEMO_CLIENT_ID,
        }),
    )
    .await;
    assert_eq!(
        (status, replay["error"].as_str()),
        (400, Some("invalid_grant"))
    );
}

async fn key_get(origin: &str, path: &str, key: &str, slug: Option<&str>) -> reqwest::Response {
    let mut request = browser()
        .get(format!("{origin}/api/v1{path}"))
        .bearer_auth(key);
    if let Some(slug) = slug {
        request = request.header("x-workspace-slug", slug);
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn api_keys_need_their_workspace() {
    let sandbox = velocity().await;
    let origin = sandbox.origin();
    let key = sandbox.create_api_key("script", KeyAccess::ReadOnly);
    assert!(key.key.starts_with("vel_"));
    assert_eq!(key.workspace, "ana-ruiz");
    let ok = key_get(&origin, "/athlete", &key.key, Some("ana-ruiz")).await;
    assert_eq!(ok.status(), 200);
    let body: Value = ok.json().await.unwrap();
    assert_eq!(body["id"], "a_1042");
    let no_slug = key_get(&origin, "/athlete", &key.key, None).await;
    assert_eq!(no_slug.status(), 401);
    let other = key_get(&origin, "/athlete", &key.key, Some("someone-else")).await;
    assert_eq!(other.status(), 403);
    let unknown = key_get(&origin, "/athlete", "vel_not_a_key", Some("ana-ruiz")).await;
    assert_eq!(unknown.status(), 401);
}

#[tokio::test]
async fn read_only_keys_cannot_write_and_read_write_keys_can() {
    let sandbox = velocity().await;
    let origin = sandbox.origin();
    let reader = sandbox.create_api_key("reader", KeyAccess::ReadOnly);
    let writer = sandbox.create_api_key("writer", KeyAccess::ReadWrite);
    let new_workout = json!({
        "date": "2025-04-12", "sport": "run", "name": "Parkrun 🏃", "planned_duration_s": 1500
    });
    let post = |key: String| {
        let origin = origin.clone();
        let body = new_workout.clone();
        async move {
            browser()
                .post(format!("{origin}/api/v1/workouts"))
                .bearer_auth(key)
                .header("x-workspace-slug", "ana-ruiz")
                .json(&body)
                .send()
                .await
                .unwrap()
        }
    };
    let refused = post(reader.key.clone()).await;
    assert_eq!(refused.status(), 403);
    assert!(
        refused.headers()["www-authenticate"]
            .to_str()
            .unwrap()
            .contains("workouts:write")
    );
    let created = post(writer.key.clone()).await;
    assert_eq!(created.status(), 201);
    let workout: Value = created.json().await.unwrap();
    let id = workout["id"].as_str().unwrap().to_string();
    assert_eq!(workout["athlete_id"], "a_1042");
    assert!(sandbox.truth().workout(&id).is_some());
    let deleted = browser()
        .delete(format!("{origin}/api/v1/workouts/{id}"))
        .bearer_auth(&writer.key)
        .header("x-workspace-slug", "ana-ruiz")
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), 204);
    assert!(sandbox.truth().workout(&id).is_none());
}

#[tokio::test]
async fn a_key_is_shown_once_on_the_settings_page() {
    let sandbox = velocity().await;
    let origin = sandbox.origin();
    let created = browser()
        .post(format!("{origin}/settings/api-keys"))
        .form(&[("name", "laptop"), ("access", "read-only")])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let marker = "<code class=\"key\">";
    let start = created.find(marker).expect("the new key is shown") + marker.len();
    let key = &created[start..start + created[start..].find('<').unwrap()];
    assert!(key.starts_with("vel_"));
    assert_eq!(
        key_get(&origin, "/athlete", key, Some("ana-ruiz"))
            .await
            .status(),
        200
    );
    let later = fetch_text(&format!("{origin}/settings/api-keys")).await;
    assert!(!later.contains(key), "the key must not be shown again");
    assert!(later.contains(&key[..8]));
}

#[tokio::test]
async fn the_velopeak_variant_knows_no_api_keys() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let key = sandbox.create_api_key("script", KeyAccess::ReadOnly);
    assert_eq!(
        key_get(&origin, "/athlete", &key.key, Some(&key.workspace))
            .await
            .status(),
        401
    );
}
