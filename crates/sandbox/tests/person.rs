//! `approve` and `deny` play the person against a real sandbox and a loopback "app".

mod common;

use common::*;
use offpeak_sandbox::{Decision, PersonError, approve, approve_scopes, consent, deny};

#[tokio::test]
async fn approve_lands_on_the_callback_with_a_code() {
    let sandbox = start().await;
    let (port, callback) = one_shot_callback().await;
    let redirect = format!("http://127.0.0.1:{port}/callback");
    let pkce = pkce();
    let url = demo_authorize_url(
        &sandbox.origin(),
        &redirect,
        "athlete:read",
        &pkce.challenge,
    );
    let body = approve(&url).await.unwrap();
    let target = callback.await.unwrap();
    assert_eq!(body, format!("callback received {target}"));
    assert!(target.starts_with("/callback?code="), "{target}");
    assert!(target.ends_with("&state=st%26te%3D1+2"), "{target}");
    let code = url::Url::parse(&format!("http://x{target}"))
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "code")
        .unwrap()
        .1
        .into_owned();
    let (status, _) = exchange(&sandbox.origin(), &code, &redirect, &pkce.verifier).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn deny_lands_on_the_callback_with_access_denied() {
    let sandbox = start().await;
    let (port, callback) = one_shot_callback().await;
    let redirect = format!("http://127.0.0.1:{port}/callback");
    let url = demo_authorize_url(
        &sandbox.origin(),
        &redirect,
        "athlete:read",
        &pkce().challenge,
    );
    let body = deny(&url).await.unwrap();
    let target = callback.await.unwrap();
    assert!(
        body.starts_with("callback received /callback?error=access_denied"),
        "{body}"
    );
    assert!(target.contains("state=st%26te%3D1+2"), "{target}");
    assert!(!target.contains("code="));
}

#[tokio::test]
async fn approve_reports_an_error_page() {
    let sandbox = start().await;
    let url = demo_authorize_url(
        &sandbox.origin(),
        "http://127.0.0.1:9/nowhere",
        "athlete:read",
        &pkce().challenge,
    );
    match approve(&url).await {
        Err(PersonError::ErrorPage { status, message }) => {
            assert_eq!(status, 400);
            assert!(message.contains("not registered"), "{message}");
        }
        other => panic!("expected an error page, got {other:?}"),
    }
}

fn query(url: &url::Url, name: &str) -> Option<String> {
    url.query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

#[tokio::test]
async fn consent_returns_the_callback_without_visiting_it() {
    let sandbox = start().await;
    // Nothing listens on port 9: the callback is only returned, never visited.
    let url = demo_authorize_url(
        &sandbox.origin(),
        "http://127.0.0.1:9/callback",
        "athlete:read",
        &pkce().challenge,
    );
    let callback = consent(&url, Decision::Approve).await.unwrap();
    assert_eq!(callback.port(), Some(9));
    assert_eq!(callback.path(), "/callback");
    assert!(query(&callback, "code").is_some(), "{callback}");
    assert_eq!(query(&callback, "state").as_deref(), Some("st&te=1 2"));

    let url = demo_authorize_url(
        &sandbox.origin(),
        "http://127.0.0.1:9/callback",
        "athlete:read",
        &pkce().challenge,
    );
    let denied = consent(&url, Decision::Deny).await.unwrap();
    assert_eq!(query(&denied, "error").as_deref(), Some("access_denied"));
}

#[tokio::test]
async fn approve_scopes_unticks_the_others() {
    let sandbox = start_with(offpeak_sandbox::SandboxConfig::for_variant(
        offpeak_sandbox::Variant::Intervals,
        anchor(),
    ))
    .await;
    let mut url = url::Url::parse(&format!("{}/oauth/authorize", sandbox.origin())).unwrap();
    url.query_pairs_mut()
        .append_pair("client_id", offpeak_sandbox::DEMO_CLIENT_ID)
        .append_pair("redirect_uri", "http://127.0.0.1:9/callback")
        .append_pair("scope", "ACTIVITY:READ,CALENDAR:READ")
        .append_pair("state", "s");
    let callback = approve_scopes(url.as_str(), &["ACTIVITY:READ"])
        .await
        .unwrap();
    let code = query(&callback, "code").unwrap();
    let response = browser()
        .post(format!("{}/api/oauth/token", sandbox.origin()))
        .form(&[
            ("client_id", offpeak_sandbox::DEMO_CLIENT_ID),
            ("client_secret", offpeak_sandbox::DEMO_CLIENT_SECRET),
            ("code", code.as_str()),
        ])
        .send()
        .await
        .unwrap();
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["scope"], "ACTIVITY:READ", "{body}");
}
