//! Against the sandbox on 127.0.0.1:0, the test plays the person: it follows the authorize URL,
//! submits the consent form, and the app's loopback listener receives the code. Then it syncs
//! and reads the month back from the SQLite file.

mod common;

use common::compare::differences;
use common::{World, approving_person, denying_person, world};
use offpeak_domain::{Month, ProviderKind};
use offpeak_sandbox::DEMO_CLIENT_ID;
use offpeak_sync::ErrorCode;
use std::time::Duration;

async fn connect(world: &World) -> offpeak_store::ConnectionRecord {
    world.connect().await
}

#[tokio::test]
async fn login_sync_and_read_the_month_back() {
    let w = world().await;
    let connection = connect(&w).await;
    assert_eq!(connection.athlete_name, "Ana Ruiz");
    let scopes: Vec<&str> = connection.scopes.iter().map(|s| s.as_str()).collect();
    assert_eq!(scopes, ["activities:read", "athlete:read", "workouts:read"]);
    assert!(connection.access_expires_at.is_some());

    let syncer = w.syncer();
    let report = syncer.sync(&connection.id).await.unwrap();
    assert!(report.workouts >= 40, "12 weeks of plans: {report:?}");
    assert!(
        report.activities >= 30,
        "10 weeks of activities: {report:?}"
    );

    let month: Month = "2026-11".parse().unwrap();
    let grid = month.grid();
    let workouts = w
        .store
        .workouts_between(grid.start, grid.end)
        .await
        .unwrap();
    let activities = w
        .store
        .activities_between(grid.start, grid.end)
        .await
        .unwrap();
    assert!(workouts.iter().any(|x| month.contains(x.date)));
    assert!(activities.iter().any(|x| month.contains(x.local_date)));
    let planned_ids: Vec<&str> = workouts.iter().map(|x| x.id.as_str()).collect();
    assert!(
        activities
            .iter()
            .filter_map(|a| a.planned_workout_id.as_deref())
            .any(|id| planned_ids.contains(&id))
    );

    let stored = w.store.connection(&connection.id).await.unwrap().unwrap();
    assert!(stored.last_sync_at.is_some() && stored.last_error.is_none());
    // The first pass is over: both resources follow the change feed, at its end.
    for resource in ["workouts", "activities"] {
        let state = feed_state(&w, &connection, resource).await;
        assert_eq!(state["stage"], "following", "{resource}: {state}");
        assert!(state["cursor"].is_null(), "{resource}: {state}");
    }
    let profile = w
        .store
        .checkpoint(&connection.id, &connection.athlete_id, "profile")
        .await
        .unwrap();
    assert!(profile.is_some(), "the profile's ETag is kept");
}

/// The engine's checkpoint of one resource of the connection's own athlete.
async fn feed_state(
    w: &World,
    connection: &offpeak_store::ConnectionRecord,
    resource: &str,
) -> serde_json::Value {
    let text = w
        .store
        .checkpoint(&connection.id, &connection.athlete_id, resource)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no checkpoint for {resource}"));
    serde_json::from_str(&text).unwrap()
}

#[tokio::test]
async fn a_second_sync_and_a_reconnect_duplicate_nothing() {
    let w = world().await;
    let connection = connect(&w).await;
    let syncer = w.syncer();
    let first = syncer.sync(&connection.id).await.unwrap();
    let again = connect(&w).await;
    assert_eq!(
        again.id, connection.id,
        "the same athlete keeps one connection"
    );
    let after_first: Vec<serde_json::Value> = feed_states(&w, &again).await;
    let second = syncer.sync(&connection.id).await.unwrap();
    assert_eq!(
        (first.workouts, first.activities),
        (second.workouts, second.activities)
    );
    assert_eq!(w.store.connections().await.unwrap().len(), 1);
    // Nothing changed at the server: the feed stands where it stood, and its empty page's
    // ETag is remembered so the next sync asks with it.
    let after_second = feed_states(&w, &again).await;
    assert_eq!(after_first, after_second);
    for state in &after_second {
        assert!(state["etag"].is_string(), "{state}");
    }
    assert!(
        differences(&w, &connection.id).await.is_empty(),
        "the reconnect kept the cache as it was"
    );
}

/// The checkpoints of both resources.
async fn feed_states(
    w: &World,
    connection: &offpeak_store::ConnectionRecord,
) -> Vec<serde_json::Value> {
    let mut states = Vec::new();
    for resource in ["workouts", "activities"] {
        states.push(feed_state(w, connection, resource).await);
    }
    states
}

#[tokio::test]
async fn an_expired_access_token_is_refreshed_without_asking_anyone() {
    let w = world().await;
    let connection = connect(&w).await;
    w.sandbox.advance_clock(Duration::from_secs(2 * 3600));
    let syncer = w.syncer();
    let report = syncer.sync(&connection.id).await.unwrap();
    assert!(report.activities > 0);
}

#[tokio::test]
async fn a_wrong_client_secret_is_reported_and_connects_nothing() {
    let w = world().await;
    let registration = w
        .register(
            ProviderKind::Velopeak,
            DEMO_CLIENT_ID,
            Some("not-the-secret"),
        )
        .await;
    let result = w.login_as(&registration, approving_person).await;
    let err = result.unwrap_err();
    assert_eq!(err.code(), ErrorCode::AuthFailed);
    assert!(
        err.message().contains("client ID or secret"),
        "{}",
        err.message()
    );
    assert!(w.store.connections().await.unwrap().is_empty());
}

#[tokio::test]
async fn denying_consent_connects_nothing() {
    let w = world().await;
    let registration = w.register_velopeak().await;
    let err = w.login_as(&registration, denying_person).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::AuthDenied);
    assert!(w.store.connections().await.unwrap().is_empty());
}

#[tokio::test]
async fn with_the_server_gone_the_sync_says_offline_and_the_cache_stays() {
    let w = world().await;
    let connection = connect(&w).await;
    let syncer = w.syncer();
    let before = syncer.sync(&connection.id).await.unwrap();
    w.sandbox.shutdown().await;
    let err = syncer.sync(&connection.id).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::Offline);
    let stored = w.store.connection(&connection.id).await.unwrap().unwrap();
    assert!(stored.last_error.unwrap().contains("could not be reached"));
    assert_eq!(
        w.store.activity_count(&connection.id).await.unwrap(),
        before.activities
    );
}
