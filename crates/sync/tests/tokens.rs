//! The token lifecycle against the sandbox: a token that dies while the app holds it is
//! refreshed without asking anyone; concurrent refusals make one refresh; a grant revoked on
//! the platform's connected-apps page, or ended by the reuse of a rotated refresh token, turns
//! the connection into "reconnect needed" — and nothing cached is deleted.

mod common;

use common::{World, approving_person, world};
use offpeak_domain::{ConnectionStatus, Sensitive};
use offpeak_sandbox::{DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, FaultPlan};
use offpeak_store::ConnectionRecord;
use offpeak_sync::ErrorCode;
use std::time::Duration;

async fn counts(w: &World, c: &ConnectionRecord) -> (u64, u64) {
    (
        w.store.workout_count(&c.id).await.unwrap(),
        w.store.activity_count(&c.id).await.unwrap(),
    )
}

#[tokio::test]
async fn a_token_that_dies_while_held_is_refreshed_without_asking_anyone() {
    let w = world().await;
    let c = w.connect().await;
    let syncer = w.syncer();
    syncer.sync(&c.id).await.unwrap();
    let before = w.stored_tokens(&c).await;
    // On the platform's clock the access token is long dead; on ours it has an hour left, so
    // the first request is refused and the sync refreshes in the middle of its work.
    w.sandbox.advance_clock(Duration::from_secs(2 * 3600));
    let report = syncer.sync(&c.id).await.unwrap();
    assert!(report.activities > 0);
    let after = w.stored_tokens(&c).await;
    assert_ne!(before.0, after.0, "a new access token");
    assert_ne!(before.1, after.1, "the refresh token rotated and was saved");
    let stored = w.store.connection(&c.id).await.unwrap().unwrap();
    assert_eq!(stored.status, ConnectionStatus::Active);
    assert!(stored.last_refresh_at.is_some());
    assert!(
        stored.access_expires_at.unwrap() >= c.access_expires_at.unwrap(),
        "{:?} then {:?}",
        c.access_expires_at,
        stored.access_expires_at
    );
}

#[tokio::test]
async fn concurrent_refusals_make_one_refresh_and_the_grant_survives() {
    let w = world().await;
    let c = w.connect().await;
    let (stale, _) = w.stored_tokens(&c).await;
    w.sandbox.advance_clock(Duration::from_secs(2 * 3600));
    let syncer = w.syncer();
    let stale = Sensitive::new(stale);
    // Five tasks see the same token refused at once. Two refreshes with one refresh token
    // would be a reuse, which ends the whole grant.
    let fresh = futures_join(&syncer, &c, &stale).await;
    assert!(
        fresh.windows(2).all(|p| p[0] == p[1]),
        "one refresh, shared"
    );
    assert_ne!(fresh[0], *stale.expose());
    assert!(syncer.sync(&c.id).await.is_ok(), "the grant is alive");
}

#[tokio::test]
async fn a_refresh_whose_caller_gives_up_still_keeps_the_rotated_token() {
    let w = world().await;
    let c = w.connect().await;
    let (stale, _) = w.stored_tokens(&c).await;
    let stale = Sensitive::new(stale);
    let syncer = w.syncer();
    let tokens = syncer.tokens();
    // The platform rotates the refresh token, then its answer is slow to arrive; the sync that
    // asked is cancelled meanwhile.
    w.sandbox.set_faults(FaultPlan {
        token_answer_delay_ms: 500,
        ..FaultPlan::default()
    });
    let given_up = tokio::time::timeout(
        Duration::from_millis(100),
        tokens.after_rejection(&c, &stale),
    )
    .await;
    assert!(given_up.is_err(), "the answer was held back");
    w.sandbox.set_faults(FaultPlan::default());
    // The answer still reached the keychain: the next caller uses it instead of presenting the
    // dead refresh token, which would end the grant.
    let fresh = tokens.after_rejection(&c, &stale).await.unwrap();
    assert_ne!(fresh.token, stale);
    assert_eq!(w.stored_tokens(&c).await.0, *fresh.token.expose());
    assert!(syncer.sync(&c.id).await.is_ok(), "the grant is alive");
    let stored = w.store.connection(&c.id).await.unwrap().unwrap();
    assert_eq!(stored.status, ConnectionStatus::Active);
}

async fn futures_join(
    syncer: &offpeak_sync::Syncer,
    c: &ConnectionRecord,
    stale: &Sensitive<String>,
) -> Vec<String> {
    let t = syncer.tokens();
    let (a, b, c2, d, e) = tokio::join!(
        t.after_rejection(c, stale),
        t.after_rejection(c, stale),
        t.after_rejection(c, stale),
        t.after_rejection(c, stale),
        t.after_rejection(c, stale),
    );
    [a, b, c2, d, e]
        .into_iter()
        .map(|r| r.unwrap().token.expose().clone())
        .collect()
}

#[tokio::test]
async fn a_grant_revoked_on_the_connected_apps_page_means_reconnect_and_nothing_is_deleted() {
    let w = world().await;
    let c = w.connect().await;
    let syncer = w.syncer();
    syncer.sync(&c.id).await.unwrap();
    let before = counts(&w, &c).await;

    let revoked = offpeak_sandbox::revoke_app(&w.sandbox.origin(), "Offpeak")
        .await
        .unwrap();
    assert_eq!(revoked, 1);
    let err = syncer.sync(&c.id).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::ReauthRequired);
    let message = err.message();
    assert!(
        message.contains("VeloPeak no longer accepts")
            && message.contains("Reconnect")
            && message.contains("kept"),
        "{message}"
    );
    let stored = w.store.connection(&c.id).await.unwrap().unwrap();
    assert_eq!(stored.status, ConnectionStatus::ReauthRequired);
    assert!(stored.last_error.is_some());
    assert_eq!(counts(&w, &c).await, before, "the cache is intact");

    // Reconnecting brings it back, same connection, same cache.
    let again = offpeak_sync::reconnect(
        &w.store,
        &w.vault,
        &w.http,
        &c.id,
        offpeak_sync::LoginControl::default(),
        approving_person,
    )
    .await
    .unwrap();
    assert_eq!(again.id, c.id);
    assert_eq!(again.status, ConnectionStatus::Active);
    assert_eq!(counts(&w, &c).await, before);
    syncer.sync(&c.id).await.unwrap();
}

#[tokio::test]
async fn reusing_a_rotated_refresh_token_ends_the_grant_and_asks_for_a_reconnect() {
    let w = world().await;
    let c = w.connect().await;
    let syncer = w.syncer();
    syncer.sync(&c.id).await.unwrap();
    let (_, first_refresh) = w.stored_tokens(&c).await;
    w.sandbox.advance_clock(Duration::from_secs(2 * 3600));
    syncer.sync(&c.id).await.unwrap();
    let before = counts(&w, &c).await;

    // A stale copy of the first refresh token is presented again (a leaked token, say).
    let profile = offpeak_provider::velopeak::oauth_profile(
        &w.sandbox.origin(),
        DEMO_CLIENT_ID,
        Some(Sensitive::new(DEMO_CLIENT_SECRET.into())),
    );
    let replay =
        offpeak_provider::oauth::refresh(&w.http, &profile, &Sensitive::new(first_refresh)).await;
    assert!(matches!(
        replay,
        Err(offpeak_provider::ProviderError::ReauthRequired)
    ));

    // The platform ended the whole grant: the app's own tokens are dead too.
    w.sandbox.advance_clock(Duration::from_secs(2 * 3600));
    let err = syncer.sync(&c.id).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::ReauthRequired);
    let stored = w.store.connection(&c.id).await.unwrap().unwrap();
    assert_eq!(stored.status, ConnectionStatus::ReauthRequired);
    assert_eq!(counts(&w, &c).await, before);
}
