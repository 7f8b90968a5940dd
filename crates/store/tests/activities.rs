mod common;

use common::{at, connected, day, open_temp};
use offpeak_domain::ConnectionId;
use offpeak_domain::samples::activity;
use offpeak_store::{Checkpoint, Resource};

#[tokio::test]
async fn activities_round_trip_without_duplicates() {
    let (_dir, store, id) = connected("c1").await;
    let page = vec![
        activity("a1", "2026-11-02", Some("w1")),
        activity("a2", "2026-11-04", None),
    ];
    store
        .save_activities_page(
            &id,
            &page,
            &Checkpoint::Complete(at("2026-11-23T17:02:00Z")),
        )
        .await
        .unwrap();
    store
        .save_activities_page(
            &id,
            &page,
            &Checkpoint::Complete(at("2026-11-23T17:03:00Z")),
        )
        .await
        .unwrap();

    assert_eq!(store.activity_count(&id).await.unwrap(), 2);
    let got = store
        .activities_between(day("2026-11-01"), day("2026-11-30"))
        .await
        .unwrap();
    assert_eq!(got, page);
    let state = store.sync_state(&id, Resource::Activities).await.unwrap();
    assert_eq!(state.completed_at, Some(at("2026-11-23T17:03:00Z")));
}

#[tokio::test]
async fn items_of_an_unknown_connection_are_refused() {
    let (_dir, store) = open_temp().await;
    let id = ConnectionId("nobody".into());
    let result = store
        .save_activities_page(
            &id,
            &[activity("a1", "2026-11-02", None)],
            &Checkpoint::Continue("c".into()),
        )
        .await;
    assert!(result.is_err());
    assert_eq!(store.activity_count(&id).await.unwrap(), 0);
}
