//! Signing in end to end against each platform the sandbox plays, as the person would.

mod common;

use chrono::Utc;
use common::*;
use offpeak_domain::Scope;
use offpeak_provider::http_client;
use offpeak_provider::oauth;
use offpeak_provider::{ProviderError, intervals};
use offpeak_sandbox::Variant;

#[tokio::test]
async fn velopeak_confidential_app_gets_what_was_granted_with_an_expiry() {
    let sandbox = start(Variant::VeloPeak).await;
    let waiting = begin(velopeak_profile(&sandbox), VELOPEAK_SCOPES).await;
    let url = url::Url::parse(&waiting.authorize_url).unwrap();
    assert_eq!(
        query(&url, "code_challenge_method").as_deref(),
        Some("S256")
    );
    assert!(query(&url, "state").unwrap().len() >= 43);
    // Parsed scope lists are sorted; the request carries them space separated.
    assert_eq!(
        query(&url, "scope").as_deref(),
        Some("activities:read athlete:read workouts:read")
    );
    assert!(waiting.redirect_uri.starts_with("http://127.0.0.1:"));
    offpeak_sandbox::approve(&waiting.authorize_url)
        .await
        .unwrap();
    let tokens = waiting.outcome().await.unwrap();
    assert_eq!(tokens.scopes, Scope::parse_list(VELOPEAK_SCOPES));
    assert!(tokens.expires_at.unwrap() > Utc::now());
    assert!(tokens.refresh_token.is_some());
    let athlete = tokens.athlete.unwrap();
    assert_eq!(athlete.name, OWNER_NAME);

    let client = velopeak_client(&sandbox);
    let athletes = client.athletes(&tokens.access_token).await.unwrap();
    assert_eq!(athletes[0].id, athlete.id, "the caller comes first");
    assert_eq!(athletes[0].name, OWNER_NAME);
}

#[tokio::test]
async fn velocity_public_client_signs_in_and_revokes_with_json_bodies() {
    let sandbox = start(Variant::Velocity).await;
    let profile = velocity_profile(&sandbox);
    assert!(profile.client_secret.is_none());
    let tokens = sign_in(profile.clone(), "athlete:read workouts:read").await;
    assert_eq!(
        tokens.scopes,
        Scope::parse_list("athlete:read workouts:read")
    );
    let client = velopeak_client(&sandbox);
    assert_eq!(
        client.athlete(&tokens.access_token).await.unwrap().name,
        OWNER_NAME
    );
    let refresh = tokens.refresh_token.unwrap();
    let fresh = oauth::refresh(&http_client(), &profile, &refresh)
        .await
        .unwrap();
    let newest = fresh.refresh_token.unwrap();
    revoke_refresh(&profile, &newest).await.unwrap();
    assert!(velopeak_rejects(&sandbox, &fresh.access_token).await);
}

#[tokio::test]
async fn velocity_refuses_a_form_body_so_the_profile_matters() {
    let sandbox = start(Variant::Velocity).await;
    let mut profile = velocity_profile(&sandbox);
    profile.token_body = oauth::TokenBody::Form;
    let waiting = begin(profile, "athlete:read").await;
    offpeak_sandbox::approve(&waiting.authorize_url)
        .await
        .unwrap();
    let refused = waiting.outcome().await;
    assert!(
        matches!(&refused, Err(ProviderError::OAuth { error, .. }) if error == "invalid_request"),
        "{refused:?}"
    );
}

#[tokio::test]
async fn intervals_oauth_has_comma_scopes_no_refresh_and_no_expiry() {
    let sandbox = start(Variant::Intervals).await;
    let waiting = begin(
        intervals_profile(&sandbox),
        "ACTIVITY:READ CALENDAR:READ WELLNESS:READ",
    )
    .await;
    let url = url::Url::parse(&waiting.authorize_url).unwrap();
    assert_eq!(
        query(&url, "scope").as_deref(),
        Some("ACTIVITY:READ,CALENDAR:READ,WELLNESS:READ")
    );
    offpeak_sandbox::approve(&waiting.authorize_url)
        .await
        .unwrap();
    let tokens = waiting.outcome().await.unwrap();
    assert_eq!(tokens.scopes, intervals::requested_scopes());
    assert!(tokens.refresh_token.is_none());
    assert!(tokens.expires_at.is_none());
    let athlete = tokens.athlete.unwrap();
    assert_eq!(athlete.id, OWNER_ICU_ID);

    let client = intervals_bearer(&sandbox, &tokens.access_token);
    assert_eq!(client.athlete("0").await.unwrap().id, OWNER_ICU_ID);
}

#[tokio::test]
async fn an_unticked_intervals_scope_is_not_granted_and_its_data_says_so() {
    let sandbox = start(Variant::Intervals).await;
    let waiting = begin(intervals_profile(&sandbox), "ACTIVITY:READ,CALENDAR:READ").await;
    let callback = offpeak_sandbox::approve_scopes(&waiting.authorize_url, &["ACTIVITY:READ"])
        .await
        .unwrap();
    deliver(&callback).await.unwrap();
    let tokens = waiting.outcome().await.unwrap();
    assert_eq!(tokens.scopes, Scope::parse_list("ACTIVITY:READ"));

    let client = intervals_bearer(&sandbox, &tokens.access_token);
    let day = anchor();
    assert!(
        client
            .activities_in("0", day - chrono::Days::new(7), day)
            .await
            .is_ok()
    );
    match client.calendar("0", day - chrono::Days::new(7), day).await {
        Err(ProviderError::InsufficientScope(scope)) => assert_eq!(scope, "CALENDAR:READ"),
        other => panic!("expected a missing scope, got {other:?}"),
    }
}

#[tokio::test]
async fn a_secret_never_shows_in_a_profile_or_tokens() {
    let sandbox = start(Variant::VeloPeak).await;
    let profile = velopeak_profile(&sandbox);
    assert!(!format!("{profile:?}").contains(offpeak_sandbox::DEMO_CLIENT_SECRET));
    let tokens = sign_in(profile, "athlete:read").await;
    let printed = format!("{tokens:?}");
    assert!(!printed.contains(tokens.access_token.expose().as_str()));
    assert!(!printed.contains(tokens.refresh_token.unwrap().expose().as_str()));
}
