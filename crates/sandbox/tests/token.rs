//! The token endpoint: code exchange, PKCE, client authentication, code replay, refresh rotation.

mod common;

use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use common::*;
use offpeak_sandbox::{DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, RegisteredClient, SandboxConfig};

#[tokio::test]
async fn code_exchange_returns_the_contract_response() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let body = tokens(&origin, "athlete:read workouts:read").await;
    assert!(body["access_token"].as_str().unwrap().starts_with("vpa_"));
    assert!(body["refresh_token"].as_str().unwrap().starts_with("vpr_"));
    assert_eq!(body["access_token"].as_str().unwrap().len(), 4 + 43);
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 3600);
    assert_eq!(body["scope"], "athlete:read workouts:read");
    assert_eq!(
        body["athlete"],
        serde_json::json!({"id": "a_1042", "name": "Ana Ruiz"})
    );
    let athlete = api_get(&origin, "/athlete", body["access_token"].as_str()).await;
    assert_eq!(athlete.status(), 200);
}

#[tokio::test]
async fn wrong_verifier_is_invalid_grant_and_the_code_still_works() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let pkce = pkce();
    let code = code_for(&origin, REDIRECT, "athlete:read", &pkce.challenge).await;
    let other = common::pkce();
    let (status, body) = exchange(&origin, &code, REDIRECT, &other.verifier).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant"))
    );
    assert!(body["error_description"].is_string());
    let (status, _) = exchange(&origin, &code, REDIRECT, &"short".repeat(2)).await;
    assert_eq!(status, 400);
    let (status, body) = exchange(&origin, &code, REDIRECT, &pkce.verifier).await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn redirect_uri_must_match_exactly_including_the_port() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let pkce = pkce();
    let code = code_for(&origin, REDIRECT, "athlete:read", &pkce.challenge).await;
    let (status, body) = exchange(
        &origin,
        &code,
        "http://127.0.0.1:53683/callback",
        &pkce.verifier,
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant"))
    );
}

#[tokio::test]
async fn reused_code_is_refused_and_revokes_its_tokens() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let pkce = pkce();
    let code = code_for(&origin, REDIRECT, "athlete:read", &pkce.challenge).await;
    let (status, first) = exchange(&origin, &code, REDIRECT, &pkce.verifier).await;
    assert_eq!(status, 200);
    let access = first["access_token"].as_str().unwrap();
    assert_eq!(
        api_get(&origin, "/athlete", Some(access)).await.status(),
        200
    );

    let (status, body) = exchange(&origin, &code, REDIRECT, &pkce.verifier).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant"))
    );

    let response = api_get(&origin, "/athlete", Some(access)).await;
    assert_eq!(response.status(), 401);
    let (status, body) = token_request(
        &origin,
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", first["refresh_token"].as_str().unwrap()),
            ("client_id", DEMO_CLIENT_ID),
            ("client_secret", DEMO_CLIENT_SECRET),
        ],
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant"))
    );
}

#[tokio::test]
async fn expired_code_is_refused() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let pkce = pkce();
    let code = code_for(&origin, REDIRECT, "athlete:read", &pkce.challenge).await;
    sandbox.advance_clock(Duration::from_secs(61));
    let (status, body) = exchange(&origin, &code, REDIRECT, &pkce.verifier).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant"))
    );
}

#[tokio::test]
async fn confidential_client_needs_its_secret() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let pkce = pkce();
    let code = code_for(&origin, REDIRECT, "athlete:read", &pkce.challenge).await;
    let base = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", REDIRECT),
        ("client_id", DEMO_CLIENT_ID),
        ("code_verifier", pkce.verifier.as_str()),
    ];
    let (status, body) = token_request(&origin, &base).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (401, Some("invalid_client"))
    );
    let mut wrong = base.to_vec();
    wrong.push(("client_secret", "guess"));
    let (status, body) = token_request(&origin, &wrong).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (401, Some("invalid_client"))
    );
    let mut unknown = base.to_vec();
    unknown.retain(|(k, _)| *k != "client_id");
    unknown.push(("client_id", "nobody"));
    unknown.push(("client_secret", DEMO_CLIENT_SECRET));
    let (status, _) = token_request(&origin, &unknown).await;
    assert_eq!(status, 401);

    // HTTP Basic works as well, and failed attempts did not use the code up.
    let response = browser()
        .post(format!("{origin}/api/auth/oauth2/token"))
        .header(
            "authorization",
            format!(
                "Basic {}",
                STANDARD.encode(format!("{DEMO_CLIENT_ID}:{DEMO_CLIENT_SECRET}"))
            ),
        )
        .form(&base)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);

    let wrong_basic = browser()
        .post(format!("{origin}/api/auth/oauth2/token"))
        .header(
            "authorization",
            format!(
                "Basic {}",
                STANDARD.encode(format!("{DEMO_CLIENT_ID}:nope"))
            ),
        )
        .form(&base)
        .send()
        .await
        .unwrap();
    assert_eq!(wrong_basic.status(), 401);
    assert!(
        wrong_basic.headers()["www-authenticate"]
            .to_str()
            .unwrap()
            .starts_with("Basic")
    );
}

#[tokio::test]
async fn public_client_needs_no_secret() {
    let public = RegisteredClient {
        client_id: "cli".into(),
        client_secret: None,
        redirect_uris: vec!["http://127.0.0.1/callback".into()],
        name: "Offpeak CLI".into(),
    };
    let sandbox = start_with(SandboxConfig {
        clients: vec![public],
        ..SandboxConfig::demo(anchor())
    })
    .await;
    let origin = sandbox.origin();
    let pkce = pkce();
    let url = authorize_url(
        &origin,
        &[
            ("response_type", "code"),
            ("client_id", "cli"),
            ("redirect_uri", REDIRECT),
            ("scope", "athlete:read"),
            ("code_challenge", &pkce.challenge),
            ("code_challenge_method", "S256"),
        ],
    );
    let page = browser()
        .get(url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let response = browser()
        .post(format!("{origin}/api/auth/oauth2/authorize"))
        .form(&[
            ("request_id", request_id(&page).as_str()),
            ("decision", "approve"),
        ])
        .send()
        .await
        .unwrap();
    let query = location_query(&response);
    assert_eq!(
        param(&query, "state"),
        None,
        "no state was sent, none comes back"
    );
    let code = param(&query, "code").unwrap();
    let (status, body) = token_request(
        &origin,
        &[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", REDIRECT),
            ("client_id", "cli"),
            ("code_verifier", &pkce.verifier),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
}

/// Every refresh rotates; presenting a rotated token again revokes the whole grant
/// (RFC 9700 §4.14.2), so the newest refresh and access tokens die too.
#[tokio::test]
async fn refresh_rotates_and_a_replayed_refresh_token_revokes_the_grant() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let first = tokens(&origin, "athlete:read activities:read").await;
    let refresh = |token: String| {
        let origin = origin.clone();
        async move {
            token_request(
                &origin,
                &[
                    ("grant_type", "refresh_token"),
                    ("refresh_token", &token),
                    ("client_id", DEMO_CLIENT_ID),
                    ("client_secret", DEMO_CLIENT_SECRET),
                ],
            )
            .await
        }
    };
    let old = first["refresh_token"].as_str().unwrap().to_string();
    let (status, second) = refresh(old.clone()).await;
    assert_eq!(status, 200, "{second}");
    assert_ne!(second["refresh_token"], first["refresh_token"]);
    assert_ne!(second["access_token"], first["access_token"]);
    assert_eq!(second["scope"], "athlete:read activities:read");
    assert_eq!(second["expires_in"], 3600);
    let (status, body) = refresh(old).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant"))
    );
    let (status, body) = refresh(second["refresh_token"].as_str().unwrap().to_string()).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant"))
    );
    assert_eq!(
        api_get(&origin, "/athlete", second["access_token"].as_str())
            .await
            .status(),
        401
    );
}

#[tokio::test]
async fn malformed_token_requests_are_rfc_errors() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let creds = [
        ("client_id", DEMO_CLIENT_ID),
        ("client_secret", DEMO_CLIENT_SECRET),
    ];
    let (status, body) = token_request(&origin, &creds).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_request"))
    );
    let mut password = creds.to_vec();
    password.push(("grant_type", "password"));
    let (status, body) = token_request(&origin, &password).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("unsupported_grant_type"))
    );
    let json = browser()
        .post(format!("{origin}/api/auth/oauth2/token"))
        .json(&serde_json::json!({"grant_type": "refresh_token"}))
        .send()
        .await
        .unwrap();
    assert_eq!(json.status(), 400);
}
