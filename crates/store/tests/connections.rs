mod common;

use common::{at, connected, connection, open_temp};
use offpeak_domain::samples::workout;
use offpeak_domain::{AuthKind, ConnectionId, ConnectionStatus};
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
    let (_dir, store, id) = connected("c1").await;
    store
        .record_sync_error(&id, "offline", "The server could not be reached.")
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
    let (_dir, store, id) = connected("c1").await;
    store
        .record_sync_error(&id, "server", "boom")
        .await
        .unwrap();
    store
        .record_sync_success(&id, at("2026-11-23T17:05:00Z"))
        .await
        .unwrap();
    let c = store.connection(&id).await.unwrap().unwrap();
    assert_eq!(c.last_sync_at, Some(at("2026-11-23T17:05:00Z")));
    assert_eq!(c.last_error, None);
    store.integrity_check().await.unwrap();
}

#[tokio::test]
async fn a_new_connection_is_active_and_remembers_what_it_asked_for() {
    let (_dir, store) = open_temp().await;
    store
        .save_connection(&connection("c1"), at("2026-11-23T17:00:00Z"))
        .await
        .unwrap();
    let c = store
        .connection(&ConnectionId("c1".into()))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(c.status, ConnectionStatus::Active);
    assert_eq!(c.auth_kind, AuthKind::OAuth);
    assert_eq!(c.requested_scopes.len(), 3);
    assert_eq!(c.scopes.len(), 2);
    assert_eq!(c.registration_id.as_deref(), Some("r1"));
    assert_eq!(c.last_refresh_at, None);
}

#[tokio::test]
async fn a_refresh_moves_the_expiry_and_is_timestamped() {
    let (_dir, store, id) = connected("c1").await;
    store
        .record_refresh(
            &id,
            at("2026-11-23T17:59:00Z"),
            Some(at("2026-11-23T18:59:00Z")),
        )
        .await
        .unwrap();
    let c = store.connection(&id).await.unwrap().unwrap();
    assert_eq!(c.last_refresh_at, Some(at("2026-11-23T17:59:00Z")));
    assert_eq!(c.access_expires_at, Some(at("2026-11-23T18:59:00Z")));
}

#[tokio::test]
async fn reauth_required_keeps_the_cache_and_a_reconnect_makes_it_active_again() {
    let (_dir, store, id) = connected("c1").await;
    store
        .apply_workouts(
            &id,
            "a_1",
            &common::upserts(vec![workout("w1", "2026-11-20", "Tempo")]),
            &common::checkpoint("a_1", "workouts", "s"),
        )
        .await
        .unwrap();
    store
        .mark_reauth_required(&id, "VeloPeak no longer accepts this sign-in.")
        .await
        .unwrap();
    let c = store.connection(&id).await.unwrap().unwrap();
    assert_eq!(c.status, ConnectionStatus::ReauthRequired);
    assert_eq!(c.last_error_code.as_deref(), Some("reauth_required"));
    assert_eq!(store.workout_count(&id).await.unwrap(), 1);

    store
        .save_connection(&connection("c1"), at("2026-11-23T18:00:00Z"))
        .await
        .unwrap();
    let c = store.connection(&id).await.unwrap().unwrap();
    assert_eq!(c.status, ConnectionStatus::Active);
    assert_eq!(c.last_error, None);
    assert_eq!(store.workout_count(&id).await.unwrap(), 1);
}

#[tokio::test]
async fn disconnecting_with_keep_leaves_the_data_and_purge_removes_everything() {
    let (_dir, store) = open_temp().await;
    let kept = ConnectionId("kept".into());
    let purged = ConnectionId("purged".into());
    for id in [&kept, &purged] {
        store
            .save_connection(&connection(&id.0), at("2026-11-23T17:00:00Z"))
            .await
            .unwrap();
        store
            .apply_workouts(
                id,
                "a_1",
                &common::upserts(vec![workout("w1", "2026-11-20", "Tempo")]),
                &common::checkpoint("a_1", "workouts", "s"),
            )
            .await
            .unwrap();
    }
    store.mark_disconnected(&kept).await.unwrap();
    store.delete_connection(&purged).await.unwrap();

    let c = store.connection(&kept).await.unwrap().unwrap();
    assert_eq!(c.status, ConnectionStatus::Disconnected);
    assert_eq!(c.access_expires_at, None);
    assert_eq!(store.workout_count(&kept).await.unwrap(), 1);
    assert!(store.connection(&purged).await.unwrap().is_none());
    assert_eq!(store.workout_count(&purged).await.unwrap(), 0);
    store.integrity_check().await.unwrap();
}

/// Fills every table that holds a connection's data.
async fn fill(store: &Store, id: &ConnectionId) {
    use common::{checkpoint, figures, note, streams, upserts, wellness};
    use offpeak_domain::samples::activity;
    let cp = |resource| checkpoint("a_1", resource, "s");
    store
        .apply_workouts(
            id,
            "a_1",
            &upserts(vec![workout("w1", "2026-11-20", "Tempo")]),
            &cp("workouts"),
        )
        .await
        .unwrap();
    let a = activity("x1", "2026-11-20", Some("w1"));
    store
        .apply_activities(id, "a_1", &upserts(vec![a.clone()]), &cp("activities"))
        .await
        .unwrap();
    store
        .save_streams(
            id,
            "x1",
            &a.streams_fingerprint(),
            &streams(30),
            900,
            &figures(),
        )
        .await
        .unwrap();
    store
        .apply_notes(
            id,
            "a_1",
            &upserts(vec![note("n1", "2026-11-20", "2026-11-21")]),
            &cp("notes"),
        )
        .await
        .unwrap();
    store
        .apply_wellness(
            id,
            "a_1",
            &upserts(vec![wellness("a_1", "2026-11-20")]),
            &cp("wellness"),
        )
        .await
        .unwrap();
    store
        .save_athlete_profile(
            id,
            &offpeak_domain::Athlete {
                id: "a_1".into(),
                name: "Ana".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    store
        .save_athletes(
            id,
            &[offpeak_store::AthleteRecord {
                id: "a_1".into(),
                name: "Ana".into(),
                is_self: true,
            }],
        )
        .await
        .unwrap();
    store
        .save_webhook_subscription(
            id,
            &offpeak_store::WebhookSubscription {
                subscription_id: "s1".into(),
                callback_url: "https://hooks.example.org/x".into(),
                created_at: at("2026-11-23T17:00:00Z"),
            },
        )
        .await
        .unwrap();
    store
        .record_delivery(&format!("d-{}", id.0), Some(id), at("2026-11-23T17:00:00Z"))
        .await
        .unwrap();
}

#[tokio::test]
async fn purging_a_connection_removes_everything_cached_for_it_and_nothing_else() {
    let (dir, store) = open_temp().await;
    let kept = ConnectionId("kept".into());
    let purged = ConnectionId("purged".into());
    for id in [&kept, &purged] {
        store
            .save_connection(&connection(&id.0), at("2026-11-23T17:00:00Z"))
            .await
            .unwrap();
        fill(&store, id).await;
    }
    let tables = [
        "workouts",
        "activities",
        "sync_checkpoints",
        "calendar_notes",
        "wellness",
        "athlete_profiles",
        "athletes",
        "stream_sets",
        "activity_streams",
        "activity_figures",
        "webhook_deliveries",
        "webhook_subscriptions",
    ];
    let raw = common::raw(&dir).await;
    for table in tables {
        assert!(common::rows_of(&raw, table, &purged).await > 0, "{table}");
    }

    store.delete_connection(&purged).await.unwrap();

    for table in tables {
        assert_eq!(common::rows_of(&raw, table, &purged).await, 0, "{table}");
        assert!(common::rows_of(&raw, table, &kept).await > 0, "{table}");
    }
    store.integrity_check().await.unwrap();
}
