//! Disconnecting against the sandbox: the grant is revoked at the platform (RFC 7009), the
//! secrets leave the keychain, and the cache is kept or purged as the person chose. A platform
//! that cannot be reached does not stop it; the person is told what to do.

mod common;

use common::{World, world, world_of};
use offpeak_domain::{ConnectionStatus, Sensitive};
use offpeak_sandbox::{DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_INTERVALS_KEY, Variant};
use offpeak_store::ConnectionRecord;
use offpeak_sync::ErrorCode;

async fn refresh_token(w: &World, c: &ConnectionRecord) -> Sensitive<String> {
    Sensitive::new(w.stored_tokens(c).await.1)
}

#[tokio::test]
async fn disconnect_and_keep_revokes_at_the_platform_and_leaves_the_cache() {
    let w = world().await;
    let c = w.connect().await;
    w.syncer().sync(&c.id).await.unwrap();
    let refresh = refresh_token(&w, &c).await;
    let activities = w.store.activity_count(&c.id).await.unwrap();

    let outcome = w.disconnect(&c, false).await;
    assert!(outcome.revoked_at_server && !outcome.purged);
    assert!(outcome.message.contains("revoked"), "{}", outcome.message);
    assert!(w.secrets_of(&c).await.is_empty(), "no secret left");
    let profile = offpeak_provider::velopeak::oauth_profile(
        &w.sandbox.origin(),
        DEMO_CLIENT_ID,
        Some(Sensitive::new(DEMO_CLIENT_SECRET.into())),
    );
    assert!(
        offpeak_provider::oauth::refresh(&w.http, &profile, &refresh)
            .await
            .is_err(),
        "the platform no longer honours the grant"
    );
    let kept = w.store.connection(&c.id).await.unwrap().unwrap();
    assert_eq!(kept.status, ConnectionStatus::Disconnected);
    assert_eq!(w.store.activity_count(&c.id).await.unwrap(), activities);
    let err = w.syncer().sync(&c.id).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::ReauthRequired);
    // The app registration stays for the next sign-in.
    assert_eq!(w.store.registrations().await.unwrap().len(), 1);
}

#[tokio::test]
async fn disconnect_and_purge_leaves_nothing_of_the_account() {
    let w = world().await;
    let c = w.connect().await;
    w.syncer().sync(&c.id).await.unwrap();
    let outcome = w.disconnect(&c, true).await;
    assert!(outcome.revoked_at_server && outcome.purged);
    assert!(w.store.connection(&c.id).await.unwrap().is_none());
    assert_eq!(w.store.activity_count(&c.id).await.unwrap(), 0);
    assert_eq!(w.store.workout_count(&c.id).await.unwrap(), 0);
    assert!(w.store.athletes(&c.id).await.unwrap().is_empty());
    assert!(w.secrets_of(&c).await.is_empty());
}

#[tokio::test]
async fn with_the_platform_unreachable_the_secrets_still_go_and_the_person_is_told() {
    let mut w = world().await;
    let c = w.connect().await;
    w.syncer().sync(&c.id).await.unwrap();
    // Stop the platform: a sandbox that no longer listens.
    let stopped = std::mem::replace(&mut w.sandbox, common::idle_sandbox().await);
    let origin = stopped.origin();
    stopped.shutdown().await;
    assert_ne!(origin, w.sandbox.origin());
    let outcome = w.disconnect(&c, false).await;
    assert!(!outcome.revoked_at_server);
    assert!(
        outcome.message.contains("could not be told") && outcome.message.contains("connected-apps"),
        "{}",
        outcome.message
    );
    assert!(w.secrets_of(&c).await.is_empty());
    assert!(w.store.activity_count(&c.id).await.unwrap() > 0);
}

#[tokio::test]
async fn disconnecting_a_key_deletes_it_here_and_says_it_still_works_there() {
    let w = world_of(Variant::Intervals).await;
    let c = w
        .connect_key(&w.sandbox.origin(), DEMO_INTERVALS_KEY, "")
        .await
        .unwrap();
    let outcome = w.disconnect(&c, true).await;
    assert!(!outcome.revoked_at_server);
    assert!(
        outcome.message.contains("Developer Settings"),
        "{}",
        outcome.message
    );
    assert!(w.secrets_of(&c).await.is_empty());
    assert!(w.store.connections().await.unwrap().is_empty());
}
