//! Intervals.icu by personal API key against the sandbox: the happy path with and without an
//! athlete id, and the platform's refusals as sentences a person can act on.

mod common;

use common::{World, world_of};
use offpeak_domain::{AuthKind, ProviderKind, Sensitive};
use offpeak_sandbox::{DEMO_INTERVALS_KEY, Variant};
use offpeak_store::ConnectionRecord;
use offpeak_sync::{ApiKeyInput, ErrorCode, SyncError};

async fn connect(w: &World, key: &str, athlete: &str) -> Result<ConnectionRecord, SyncError> {
    w.connect_key(&w.sandbox.origin(), key, athlete).await
}

#[tokio::test]
async fn a_key_connects_its_owner_and_syncs_the_calendar() {
    let w = world_of(Variant::Intervals).await;
    let c = connect(&w, DEMO_INTERVALS_KEY, "").await.unwrap();
    assert_eq!(c.auth_kind, AuthKind::ApiKey);
    assert_eq!(c.athlete_name, "Ana Ruiz");
    assert_eq!(c.access_expires_at, None);
    let report = w.syncer().sync(&c.id).await.unwrap();
    assert!(report.workouts > 50 && report.activities > 50, "{report:?}");

    // Naming the owner's own id is the same connection, not a second one.
    let again = connect(&w, &format!(" {DEMO_INTERVALS_KEY} "), &c.athlete_id)
        .await
        .unwrap();
    assert_eq!(again.id, c.id);
    assert_eq!(w.store.connections().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_wrong_key_is_explained_and_nothing_is_kept() {
    let w = world_of(Variant::Intervals).await;
    let err = connect(&w, "0123456789abcdef0123456789abcdef", "")
        .await
        .unwrap_err();
    assert!(err.message().contains("key"), "{}", err.message());
    assert!(err.message().contains("again"), "{}", err.message());
    assert!(w.store.connections().await.unwrap().is_empty());
}

#[tokio::test]
async fn the_key_works_as_basic_auth_and_is_refused_as_bearer() {
    let w = world_of(Variant::Intervals).await;
    let bearer = reqwest::Client::new()
        .get(format!("{}/api/v1/athlete/0", w.sandbox.origin()))
        .bearer_auth(DEMO_INTERVALS_KEY)
        .send()
        .await
        .unwrap();
    assert_eq!(
        bearer.status(),
        403,
        "the platform refuses a key sent as Bearer"
    );
    assert!(connect(&w, DEMO_INTERVALS_KEY, "0").await.is_ok());
}

#[tokio::test]
async fn an_athlete_the_key_does_not_own_is_named_with_what_to_do() {
    let w = world_of(Variant::Intervals).await;
    let err = connect(&w, DEMO_INTERVALS_KEY, "i424242")
        .await
        .unwrap_err();
    assert_ne!(err.code(), ErrorCode::Internal);
    let message = err.message();
    assert!(message.contains("i424242"), "{message}");
    assert!(
        message.contains("empty") || message.contains(" 0"),
        "{message}"
    );
    assert!(w.store.connections().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_key_that_is_not_intervals_is_refused_up_front() {
    let w = world_of(Variant::Intervals).await;
    let result = offpeak_sync::connect_api_key(
        &w.store,
        &w.vault,
        &w.http,
        ApiKeyInput {
            provider: ProviderKind::Velopeak,
            origin: w.sandbox.origin(),
            api_key: Sensitive::new("x".into()),
            athlete_id: String::new(),
        },
    )
    .await;
    assert_eq!(result.unwrap_err().code(), ErrorCode::InvalidInput);
}
