mod common;

use common::{at, connection, open_temp};
use offpeak_domain::ConnectionId;
use offpeak_store::Store;

#[tokio::test]
async fn a_connection_is_recorded_and_survives_reopening() {
    let (dir, store) = open_temp().await;
    store
        .save_connection(&connection("c1"), at("2026-11-23T17:00:00Z"))
        .await
        .unwrap();
    store.close().await;

    let store = Store::open(&dir.path().join("cache.sqlite")).await.unwrap();
    let all = store.connections().await.unwrap();
    assert_eq!(all.len(), 1);
    let c = &all[0];
    assert_eq!(c.id, ConnectionId("c1".into()));
    assert_eq!(c.athlete_name, "Ana Ruiz");
    assert_eq!(
        c.scopes.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
        ["athlete:read", "workouts:read"]
    );
    assert_eq!(c.access_expires_at, Some(at("2026-11-23T18:00:00Z")));
    assert_eq!(c.last_sync_at, None);
}

#[tokio::test]
async fn reconnecting_updates_in_place_and_clears_the_last_error() {
    let (_dir, store) = open_temp().await;
    let id = ConnectionId("c1".into());
    store
        .save_connection(&connection("c1"), at("2026-11-23T17:00:00Z"))
        .await
        .unwrap();
    store
        .record_sync_error(&id, "The server could not be reached.")
        .await
        .unwrap();
    assert_eq!(
        store
            .connection(&id)
            .await
            .unwrap()
            .unwrap()
            .last_error
            .as_deref(),
        Some("The server could not be reached.")
    );

    let mut again = connection("c1");
    again.athlete_name = "Ana Ruiz García".into();
    store
        .save_connection(&again, at("2026-11-23T17:30:00Z"))
        .await
        .unwrap();
    let all = store.connections().await.unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].athlete_name, "Ana Ruiz García");
    assert_eq!(all[0].created_at, at("2026-11-23T17:00:00Z"));
    assert_eq!(all[0].last_error, None);
}

#[tokio::test]
async fn a_successful_sync_is_timestamped_and_clears_the_error() {
    let (_dir, store) = open_temp().await;
    let id = ConnectionId("c1".into());
    store
        .save_connection(&connection("c1"), at("2026-11-23T17:00:00Z"))
        .await
        .unwrap();
    store.record_sync_error(&id, "boom").await.unwrap();
    store
        .record_sync_success(&id, at("2026-11-23T17:05:00Z"))
        .await
        .unwrap();
    let c = store.connection(&id).await.unwrap().unwrap();
    assert_eq!(c.last_sync_at, Some(at("2026-11-23T17:05:00Z")));
    assert_eq!(c.last_error, None);
    store.integrity_check().await.unwrap();
}
