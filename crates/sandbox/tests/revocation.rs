//! Contract §1: RFC 8414 metadata, RFC 7009 revocation, and grants revoked by the person on the
//! connected-apps page.

mod common;

use common::*;
use offpeak_sandbox::{DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};
use serde_json::Value;

async fn revoke(origin: &str, form: &[(&str, &str)]) -> reqwest::Response {
    browser()
        .post(format!("{origin}/api/auth/oauth2/revoke"))
        .form(form)
        .send()
        .await
        .unwrap()
}

/// A revocation request from the demo app, authenticated with its secret.
async fn revoke_as_app(origin: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    let mut form = fields.to_vec();
    form.extend([
        ("client_id", DEMO_CLIENT_ID),
        ("client_secret", DEMO_CLIENT_SECRET),
    ]);
    revoke(origin, &form).await
}

async fn refresh(origin: &str, refresh_token: &str) -> (u16, Value) {
    token_request(
        origin,
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token),
            ("client_id", DEMO_CLIENT_ID),
            ("client_secret", DEMO_CLIENT_SECRET),
        ],
    )
    .await
}

#[tokio::test]
async fn metadata_names_this_server_and_its_endpoints() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let response = browser()
        .get(format!("{origin}/.well-known/oauth-authorization-server"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let meta: Value = response.json().await.unwrap();
    assert_eq!(meta["issuer"], origin);
    assert_eq!(
        meta["authorization_endpoint"],
        format!("{origin}/api/auth/oauth2/authorize")
    );
    assert_eq!(
        meta["token_endpoint"],
        format!("{origin}/api/auth/oauth2/token")
    );
    assert_eq!(
        meta["revocation_endpoint"],
        format!("{origin}/api/auth/oauth2/revoke")
    );
    assert_eq!(
        meta["code_challenge_methods_supported"],
        serde_json::json!(["S256"])
    );
    assert_eq!(
        meta["response_types_supported"],
        serde_json::json!(["code"])
    );
    let scopes: Vec<&str> = meta["scopes_supported"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert_eq!(
        scopes,
        [
            "athlete:read",
            "workouts:read",
            "activities:read",
            "webhooks"
        ]
    );
}

#[tokio::test]
async fn revoking_the_refresh_token_ends_the_grant() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let tokens = tokens(&origin, ALL_READ).await;
    let access = tokens["access_token"].as_str().unwrap();
    let refresh_token = tokens["refresh_token"].as_str().unwrap();
    assert_eq!(
        api_get(&origin, "/athlete", Some(access)).await.status(),
        200
    );
    let response = revoke_as_app(
        &origin,
        &[
            ("token", refresh_token),
            ("token_type_hint", "refresh_token"),
        ],
    )
    .await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        api_get(&origin, "/athlete", Some(access)).await.status(),
        401
    );
    let (status, body) = refresh(&origin, refresh_token).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant"))
    );
}

#[tokio::test]
async fn revoking_an_access_token_keeps_the_refresh_token() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let tokens = tokens(&origin, ALL_READ).await;
    let access = tokens["access_token"].as_str().unwrap();
    let response = revoke_as_app(&origin, &[("token", access)]).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        api_get(&origin, "/athlete", Some(access)).await.status(),
        401
    );
    let (status, fresh) = refresh(&origin, tokens["refresh_token"].as_str().unwrap()).await;
    assert_eq!(status, 200, "{fresh}");
    let fresh_access = fresh["access_token"].as_str().unwrap();
    assert_eq!(
        api_get(&origin, "/athlete", Some(fresh_access))
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn unknown_tokens_are_200_and_bad_clients_are_refused() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let tokens = tokens(&origin, ALL_READ).await;
    let access = tokens["access_token"].as_str().unwrap();
    let unknown = revoke_as_app(&origin, &[("token", "vpr_never_issued")]).await;
    assert_eq!(unknown.status(), 200);
    let wrong_secret = revoke(
        &origin,
        &[
            ("token", access),
            ("client_id", DEMO_CLIENT_ID),
            ("client_secret", "wrong"),
        ],
    )
    .await;
    assert_eq!(wrong_secret.status(), 401);
    let body: Value = wrong_secret.json().await.unwrap();
    assert_eq!(body["error"], "invalid_client");
    let bad_hint = revoke_as_app(
        &origin,
        &[("token", access), ("token_type_hint", "id_token")],
    )
    .await;
    assert_eq!(bad_hint.status(), 400);
    let no_token = revoke_as_app(&origin, &[]).await;
    assert_eq!(no_token.status(), 400);
    // None of the refused requests touched the token.
    assert_eq!(
        api_get(&origin, "/athlete", Some(access)).await.status(),
        200
    );
}

#[tokio::test]
async fn the_person_revokes_an_app_on_the_connected_apps_page() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let tokens = tokens(&origin, "athlete:read workouts:read").await;
    let access = tokens["access_token"].as_str().unwrap();
    let page = fetch_text(&format!("{origin}/settings/connected-apps")).await;
    assert!(page.contains("<h2 class=\"client\">Offpeak</h2>"), "{page}");
    assert!(page.contains("athlete:read workouts:read"));
    assert_eq!(
        offpeak_sandbox::revoke_app(&origin, "Offpeak")
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        api_get(&origin, "/athlete", Some(access)).await.status(),
        401
    );
    let (status, body) = refresh(&origin, tokens["refresh_token"].as_str().unwrap()).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant"))
    );
    let page = fetch_text(&format!("{origin}/settings/connected-apps")).await;
    assert!(page.contains("No app has access"), "{page}");
    assert_eq!(
        offpeak_sandbox::revoke_app(&origin, "Offpeak")
            .await
            .unwrap(),
        0
    );
}
