mod common;

use common::{at, checkpoint, connected, connection};
use offpeak_domain::ConnectionId;

#[tokio::test]
async fn checkpoints_are_kept_per_athlete_and_resource_and_replaced_in_place() {
    let (_dir, store, id) = connected("c1").await;
    assert_eq!(
        store.checkpoint(&id, "a_1", "activities").await.unwrap(),
        None
    );
    let state = r#"{"cursor":"abc","since":"2026-11-01T00:00:00Z"}"#;
    store
        .save_checkpoint(&id, &checkpoint("a_1", "activities", state))
        .await
        .unwrap();
    store
        .save_checkpoint(&id, &checkpoint("a_1", "workouts", "w"))
        .await
        .unwrap();
    store
        .save_checkpoint(&id, &checkpoint("a_2", "activities", "other"))
        .await
        .unwrap();
    assert_eq!(
        store
            .checkpoint(&id, "a_1", "activities")
            .await
            .unwrap()
            .as_deref(),
        Some(state)
    );
    assert_eq!(
        store
            .checkpoint(&id, "a_2", "activities")
            .await
            .unwrap()
            .as_deref(),
        Some("other")
    );

    store
        .save_checkpoint(&id, &checkpoint("a_1", "activities", "next"))
        .await
        .unwrap();
    assert_eq!(
        store
            .checkpoint(&id, "a_1", "activities")
            .await
            .unwrap()
            .as_deref(),
        Some("next")
    );
    assert_eq!(
        store
            .checkpoint(&id, "a_1", "workouts")
            .await
            .unwrap()
            .as_deref(),
        Some("w")
    );
}

#[tokio::test]
async fn clearing_forgets_one_connections_checkpoints_only() {
    let (_dir, store, id) = connected("c1").await;
    store
        .save_connection(&connection("c2"), at("2026-11-23T17:00:00Z"))
        .await
        .unwrap();
    let other = ConnectionId("c2".into());
    for c in [&id, &other] {
        store
            .save_checkpoint(c, &checkpoint("a_1", "activities", "s"))
            .await
            .unwrap();
        store
            .save_checkpoint(c, &checkpoint("a_2", "notes", "s"))
            .await
            .unwrap();
    }
    store.clear_checkpoints(&id).await.unwrap();
    assert_eq!(
        store.checkpoint(&id, "a_1", "activities").await.unwrap(),
        None
    );
    assert_eq!(store.checkpoint(&id, "a_2", "notes").await.unwrap(), None);
    assert!(
        store
            .checkpoint(&other, "a_1", "activities")
            .await
            .unwrap()
            .is_some()
    );
}

#[tokio::test]
async fn a_checkpoint_of_an_unknown_connection_is_refused() {
    let (_dir, store, _id) = connected("c1").await;
    let nobody = ConnectionId("nobody".into());
    assert!(
        store
            .save_checkpoint(&nobody, &checkpoint("a_1", "activities", "s"))
            .await
            .is_err()
    );
}
