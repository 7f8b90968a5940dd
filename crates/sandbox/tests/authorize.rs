//! The authorization endpoint: consent page, error page, error redirects, decisions.

mod common;

use common::*;
use offpeak_sandbox::{DEMO_CLIENT_ID, RegisteredClient, SandboxConfig};

#[tokio::test]
async fn consent_page_lists_exactly_the_requested_scopes() {
    let sandbox = start().await;
    let pkce = pkce();
    let url = demo_authorize_url(
        &sandbox.origin(),
        REDIRECT,
        "activities:read athlete:read",
        &pkce.challenge,
    );
    let response = browser().get(url).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let page = response.text().await.unwrap();
    assert_eq!(page.matches("data-scope=").count(), 2);
    assert!(page.contains("data-scope=\"activities:read\""));
    assert!(page.contains("data-scope=\"athlete:read\""));
    assert!(!page.contains("workouts:read"));
    assert!(page.contains("Ana Ruiz"), "the signed-in athlete is shown");
    assert!(page.contains("Offpeak"), "the client is named");
    assert!(page.contains("method=\"post\" action=\"/api/auth/oauth2/authorize\""));
    assert!(page.contains("name=\"decision\" value=\"approve\""));
    assert!(page.contains("name=\"decision\" value=\"deny\""));
    assert!(!request_id(&page).is_empty());
}

#[tokio::test]
async fn unknown_client_and_unregistered_redirect_show_an_error_page() {
    let sandbox = start().await;
    let pkce = pkce();
    let origin = sandbox.origin();
    let cases = [
        ("someone-else", REDIRECT),
        (DEMO_CLIENT_ID, "http://127.0.0.1:53682/elsewhere"),
        (DEMO_CLIENT_ID, "http://localhost:53682/callback"),
        (DEMO_CLIENT_ID, "https://evil.example/callback"),
    ];
    for (client_id, redirect_uri) in cases {
        let url = authorize_url(
            &origin,
            &[
                ("response_type", "code"),
                ("client_id", client_id),
                ("redirect_uri", redirect_uri),
                ("scope", "athlete:read"),
                ("state", "s"),
                ("code_challenge", &pkce.challenge),
                ("code_challenge_method", "S256"),
            ],
        );
        let response = browser().get(url).send().await.unwrap();
        assert_eq!(response.status(), 400, "{client_id} {redirect_uri}");
        assert!(response.headers().get("location").is_none());
        let page = response.text().await.unwrap();
        assert!(page.contains("class=\"error\""));
        assert!(!page.contains("<form"));
    }
}

#[tokio::test]
async fn loopback_redirect_accepts_any_port() {
    let sandbox = start().await;
    let pkce = pkce();
    for redirect in [
        "http://127.0.0.1:1/callback",
        "http://127.0.0.1:65000/callback",
        "http://[::1]:8123/callback",
    ] {
        let url = demo_authorize_url(&sandbox.origin(), redirect, "athlete:read", &pkce.challenge);
        let response = browser().get(url).send().await.unwrap();
        assert_eq!(response.status(), 200, "{redirect}");
    }
}

/// A parameter to replace (`Some`) or drop (`None`).
type Override<'a> = (&'a str, Option<&'a str>);

async fn error_redirect(origin: &str, overrides: &[Override<'_>]) -> Vec<(String, String)> {
    let pkce = pkce();
    let mut pairs: Vec<(&str, &str)> = vec![
        ("response_type", "code"),
        ("client_id", DEMO_CLIENT_ID),
        ("redirect_uri", REDIRECT),
        ("scope", "athlete:read"),
        ("state", "xyz"),
        ("code_challenge", &pkce.challenge),
        ("code_challenge_method", "S256"),
    ];
    for (name, value) in overrides {
        pairs.retain(|(k, _)| k != name);
        if let Some(value) = value {
            pairs.push((name, value));
        }
    }
    let response = browser()
        .get(authorize_url(origin, &pairs))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 302, "{overrides:?}");
    let location = response.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with(REDIRECT), "{location}");
    let query = location_query(&response);
    assert_eq!(param(&query, "state"), Some("xyz"));
    assert_eq!(param(&query, "code"), None);
    query
}

#[tokio::test]
async fn invalid_requests_redirect_with_an_error() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let cases: [(&[Override], &str); 7] = [
        (
            &[("code_challenge_method", Some("plain"))],
            "invalid_request",
        ),
        (&[("code_challenge_method", None)], "invalid_request"),
        (&[("code_challenge", None)], "invalid_request"),
        (&[("code_challenge", Some("too-short"))], "invalid_request"),
        (
            &[("response_type", Some("token"))],
            "unsupported_response_type",
        ),
        (&[("scope", Some("athlete:read admin"))], "invalid_scope"),
        (&[("scope", None)], "invalid_scope"),
    ];
    for (overrides, expected) in cases {
        let query = error_redirect(&origin, overrides).await;
        assert_eq!(param(&query, "error"), Some(expected), "{overrides:?}");
    }
}

#[tokio::test]
async fn deny_redirects_with_access_denied_and_the_state() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let pkce = pkce();
    let page = browser()
        .get(demo_authorize_url(
            &origin,
            REDIRECT,
            "athlete:read",
            &pkce.challenge,
        ))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let form = [
        ("request_id", request_id(&page)),
        ("decision", "deny".to_string()),
    ];
    let url = format!("{origin}/api/auth/oauth2/authorize");
    let response = browser().post(&url).form(&form).send().await.unwrap();
    assert_eq!(response.status(), 303);
    let query = location_query(&response);
    assert_eq!(param(&query, "error"), Some("access_denied"));
    assert_eq!(param(&query, "state"), Some("st&te=1 2"));
    assert_eq!(param(&query, "code"), None);
    // The request was answered: a second answer finds nothing.
    let again = browser().post(&url).form(&form).send().await.unwrap();
    assert_eq!(again.status(), 400);
}

#[tokio::test]
async fn approve_keeps_an_existing_query_of_the_redirect_uri() {
    let client = RegisteredClient {
        client_id: "web".into(),
        client_secret: None,
        redirect_uris: vec!["https://app.example/cb?tenant=7".into()],
        name: "Web app".into(),
    };
    let sandbox = start_with(SandboxConfig {
        clients: vec![client],
        ..SandboxConfig::demo(anchor())
    })
    .await;
    let origin = sandbox.origin();
    let pkce = pkce();
    let url = authorize_url(
        &origin,
        &[
            ("response_type", "code"),
            ("client_id", "web"),
            ("redirect_uri", "https://app.example/cb?tenant=7"),
            ("scope", "workouts:read"),
            ("state", "a/b+c"),
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
    assert!(page.contains("Web app"));
    let response = browser()
        .post(format!("{origin}/api/auth/oauth2/authorize"))
        .form(&[
            ("request_id", request_id(&page).as_str()),
            ("decision", "approve"),
        ])
        .send()
        .await
        .unwrap();
    let location = response.headers()["location"].to_str().unwrap();
    assert!(
        location.starts_with("https://app.example/cb?tenant=7&code="),
        "{location}"
    );
    assert!(location.ends_with("&state=a%2Fb%2Bc"), "{location}");
}

#[tokio::test]
async fn unknown_request_id_is_an_error_page() {
    let sandbox = start().await;
    let response = browser()
        .post(format!("{}/api/auth/oauth2/authorize", sandbox.origin()))
        .form(&[("request_id", "nope"), ("decision", "approve")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    assert!(response.headers().get("location").is_none());
}

#[tokio::test]
async fn consent_request_expires_after_ten_minutes() {
    let sandbox = start().await;
    let origin = sandbox.origin();
    let pkce = pkce();
    let page = browser()
        .get(demo_authorize_url(
            &origin,
            REDIRECT,
            "athlete:read",
            &pkce.challenge,
        ))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    sandbox.advance_clock(std::time::Duration::from_secs(601));
    let response = browser()
        .post(format!("{origin}/api/auth/oauth2/authorize"))
        .form(&[
            ("request_id", request_id(&page).as_str()),
            ("decision", "approve"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
}
