//! `approve` and `deny` play the person against a real sandbox and a loopback "app".

mod common;

use common::*;
use offpeak_sandbox::{PersonError, approve, deny};

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
