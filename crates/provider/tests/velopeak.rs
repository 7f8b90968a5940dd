//! The VeloPeak client against the sandbox: sign in as the person would, then read.

mod common;

use common::*;
use offpeak_domain::{Scope, Sensitive};
use offpeak_provider::oauth::TokenSet;
use offpeak_provider::{ProviderError, http_client};
use offpeak_sandbox::{RunningSandbox, Variant};
use std::collections::HashSet;

async fn sandbox() -> RunningSandbox {
    start(Variant::VeloPeak).await
}

async fn login(sandbox: &RunningSandbox, scopes: &str) -> TokenSet {
    let waiting = begin(velopeak_profile(sandbox), scopes).await;
    let url = &waiting.authorize_url;
    assert!(
        url.contains("code_challenge_method=S256")
            && url.contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A")
    );
    let page = offpeak_sandbox::approve(url).await.unwrap();
    assert!(
        page.contains("return to Offpeak"),
        "the browser tab tells the person what to do: {page}"
    );
    waiting.outcome().await.unwrap()
}

#[tokio::test]
async fn every_page_of_workouts_and_activities_is_read_once() {
    let sandbox = sandbox().await;
    let tokens = login(&sandbox, "athlete:read workouts:read activities:read").await;
    let client = velopeak_client(&sandbox);
    assert_eq!(
        client.athlete(&tokens.access_token).await.unwrap().name,
        "Ana Ruiz"
    );

    let mut ids = HashSet::new();
    let mut cursor = None;
    loop {
        let page = client
            .workouts_page(&tokens.access_token, cursor.as_deref())
            .await
            .unwrap();
        for w in page.items {
            assert!(ids.insert(w.id.clone()), "workout {} came twice", w.id);
        }
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    assert!(ids.len() >= 40, "{} workouts", ids.len());
    let activities = client
        .activities_page(&tokens.access_token, None)
        .await
        .unwrap();
    assert!(!activities.items.is_empty());
}

#[tokio::test]
async fn a_missing_scope_is_named() {
    let sandbox = sandbox().await;
    let tokens = login(&sandbox, "athlete:read").await;
    assert_eq!(tokens.scopes, Scope::parse_list("athlete:read"));
    let client = velopeak_client(&sandbox);
    match client.activities_page(&tokens.access_token, None).await {
        Err(ProviderError::InsufficientScope(scope)) => assert_eq!(scope, "activities:read"),
        other => panic!("expected insufficient_scope, got {other:?}"),
    }
}

#[tokio::test]
async fn refresh_rotates_and_a_bad_token_is_rejected() {
    let sandbox = sandbox().await;
    let tokens = login(&sandbox, "athlete:read").await;
    let profile = velopeak_profile(&sandbox);
    let old_refresh = tokens.refresh_token.clone().unwrap();
    let fresh = offpeak_provider::oauth::refresh(&http_client(), &profile, &old_refresh)
        .await
        .unwrap();
    assert_ne!(
        fresh.refresh_token.as_ref().unwrap().expose(),
        old_refresh.expose()
    );
    let again = offpeak_provider::oauth::refresh(&http_client(), &profile, &old_refresh).await;
    assert!(
        matches!(again, Err(ProviderError::ReauthRequired)),
        "{again:?}"
    );

    let client = velopeak_client(&sandbox);
    let bogus = Sensitive::new("vpa_not_a_token".to_owned());
    assert!(matches!(
        client.athlete(&bogus).await,
        Err(ProviderError::AccessTokenRejected)
    ));
}
