//! Tokens after sign-in: rotating refreshes with reuse detection (RFC 9700 §4.14.2),
//! revocation (RFC 7009) and Intervals.icu's disconnect.

mod common;

use common::*;
use offpeak_domain::Sensitive;
use offpeak_provider::oauth::{self, TokenTypeHint};
use offpeak_provider::{ProviderError, http_client};
use offpeak_sandbox::Variant;

#[tokio::test]
async fn a_refresh_rotates_and_a_reused_refresh_token_kills_the_grant() {
    let sandbox = start(Variant::VeloPeak).await;
    let profile = velopeak_profile(&sandbox);
    let tokens = sign_in(profile.clone(), "athlete:read").await;
    let first = tokens.refresh_token.unwrap();
    let fresh = oauth::refresh(&http_client(), &profile, &first)
        .await
        .unwrap();
    let newest = fresh.refresh_token.clone().unwrap();
    assert_ne!(newest.expose(), first.expose());
    assert_ne!(fresh.access_token.expose(), tokens.access_token.expose());

    let reused = oauth::refresh(&http_client(), &profile, &first).await;
    assert!(
        matches!(reused, Err(ProviderError::ReauthRequired)),
        "{reused:?}"
    );
    let after = oauth::refresh(&http_client(), &profile, &newest).await;
    assert!(
        matches!(after, Err(ProviderError::ReauthRequired)),
        "the whole grant is dead: {after:?}"
    );
    assert!(velopeak_rejects(&sandbox, &fresh.access_token).await);
}

#[tokio::test]
async fn revoking_the_refresh_token_ends_the_grant() {
    let sandbox = start(Variant::VeloPeak).await;
    let profile = velopeak_profile(&sandbox);
    let tokens = sign_in(profile.clone(), "athlete:read").await;
    let refresh = tokens.refresh_token.unwrap();
    assert!(
        velopeak_client(&sandbox)
            .athlete(&tokens.access_token)
            .await
            .is_ok()
    );
    revoke_refresh(&profile, &refresh).await.unwrap();
    assert!(matches!(
        oauth::refresh(&http_client(), &profile, &refresh).await,
        Err(ProviderError::ReauthRequired)
    ));
    assert!(velopeak_rejects(&sandbox, &tokens.access_token).await);
    // Revoking again is still fine: the platform answers 200 for tokens it does not know.
    revoke_refresh(&profile, &refresh).await.unwrap();
}

#[tokio::test]
async fn revoking_with_a_wrong_secret_is_refused() {
    let sandbox = start(Variant::VeloPeak).await;
    let profile = velopeak_profile(&sandbox);
    let tokens = sign_in(profile.clone(), "athlete:read").await;
    let mut wrong = profile;
    wrong.client_secret = Some(Sensitive::new("not-the-secret".into()));
    let refused = revoke_refresh(&wrong, &tokens.refresh_token.unwrap()).await;
    assert!(
        matches!(refused, Err(ProviderError::InvalidClient)),
        "{refused:?}"
    );
}

#[tokio::test]
async fn an_unreachable_platform_is_offline() {
    let sandbox = start(Variant::VeloPeak).await;
    let profile = velopeak_profile(&sandbox);
    sandbox.shutdown().await;
    let token = Sensitive::new("vpr_whatever".to_owned());
    let result = revoke_refresh(&profile, &token).await;
    assert!(
        matches!(result, Err(ProviderError::Offline { .. })),
        "{result:?}"
    );
}

#[tokio::test]
async fn intervals_revocation_disconnects_the_app() {
    let sandbox = start(Variant::Intervals).await;
    let profile = intervals_profile(&sandbox);
    let tokens = sign_in(profile.clone(), "ACTIVITY:READ,CALENDAR:READ").await;
    let client = intervals_bearer(&sandbox, &tokens.access_token);
    assert!(client.athlete("0").await.is_ok());
    oauth::revoke(
        &http_client(),
        &profile,
        &tokens.access_token,
        TokenTypeHint::AccessToken,
    )
    .await
    .unwrap();
    assert!(matches!(
        client.athlete("0").await,
        Err(ProviderError::AccessTokenRejected)
    ));
}

#[tokio::test]
async fn the_intervals_client_disconnects_its_bearer() {
    let sandbox = start(Variant::Intervals).await;
    let tokens = sign_in(intervals_profile(&sandbox), "ACTIVITY:READ").await;
    let client = intervals_bearer(&sandbox, &tokens.access_token);
    assert!(client.athlete("").await.is_ok());
    client.disconnect_app(&tokens.access_token).await.unwrap();
    assert!(matches!(
        client.athlete("").await,
        Err(ProviderError::AccessTokenRejected)
    ));
    assert_eq!(grants_of_offpeak(&sandbox).await, 0);
}
