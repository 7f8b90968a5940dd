mod common;

use chrono::TimeDelta;
use common::{at, connected};

#[tokio::test]
async fn a_delivery_is_new_once_and_a_replay_is_recognised() {
    let (_dir, store, id) = connected("c1").await;
    let now = at("2026-11-23T17:00:00Z");
    assert!(store.record_delivery("d1", Some(&id), now).await.unwrap());
    assert!(
        !store
            .record_delivery("d1", Some(&id), now + TimeDelta::minutes(5))
            .await
            .unwrap()
    );
    assert!(
        !store
            .record_delivery("d1", None, now + TimeDelta::days(29))
            .await
            .unwrap()
    );
    assert!(store.record_delivery("d2", None, now).await.unwrap());
}

#[tokio::test]
async fn deliveries_are_forgotten_after_thirty_days() {
    let (dir, store, id) = connected("c1").await;
    let then = at("2026-10-01T12:00:00Z");
    assert!(store.record_delivery("old", Some(&id), then).await.unwrap());
    assert!(
        store
            .record_delivery("recent", Some(&id), then + TimeDelta::days(20))
            .await
            .unwrap()
    );

    assert!(
        store
            .record_delivery("new", None, then + TimeDelta::days(31))
            .await
            .unwrap()
    );
    let raw = common::raw(&dir).await;
    let left: Vec<String> =
        sqlx::query_scalar("SELECT delivery_id FROM webhook_deliveries ORDER BY delivery_id")
            .fetch_all(&raw)
            .await
            .unwrap();
    assert_eq!(left, ["new", "recent"]);
    assert!(
        store
            .record_delivery("old", None, then + TimeDelta::days(32))
            .await
            .unwrap()
    );
    assert!(
        !store
            .record_delivery("recent", None, then + TimeDelta::days(32))
            .await
            .unwrap()
    );
}

#[tokio::test]
async fn a_delivery_for_an_unknown_connection_is_refused() {
    let (_dir, store, _id) = connected("c1").await;
    let nobody = offpeak_domain::ConnectionId("nobody".into());
    assert!(
        store
            .record_delivery("d1", Some(&nobody), at("2026-11-23T17:00:00Z"))
            .await
            .is_err()
    );
}
