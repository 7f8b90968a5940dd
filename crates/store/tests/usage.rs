mod common;

use common::{at, connection, open_temp};
use offpeak_domain::ConnectionId;
use offpeak_domain::samples::{activity, workout};
use offpeak_store::Checkpoint;

#[tokio::test]
async fn usage_counts_a_connections_items_and_grows_with_them() {
    let (_dir, store) = open_temp().await;
    let id = ConnectionId("c1".into());
    let other = ConnectionId("c2".into());
    for c in ["c1", "c2"] {
        store
            .save_connection(&connection(c), at("2026-11-23T17:00:00Z"))
            .await
            .unwrap();
    }
    assert_eq!(store.cache_usage(&id).await.unwrap().bytes, 0);
    let done = Checkpoint::Complete(at("2026-11-23T17:01:00Z"));
    store
        .save_workouts_page(&id, &[workout("w1", "2026-11-03", "Tempo")], &done)
        .await
        .unwrap();
    let one = store.cache_usage(&id).await.unwrap();
    assert_eq!((one.workouts, one.activities), (1, 0));
    assert!(one.bytes > 50, "{one:?}");
    store
        .save_activities_page(&id, &[activity("x1", "2026-11-03", Some("w1"))], &done)
        .await
        .unwrap();
    let two = store.cache_usage(&id).await.unwrap();
    assert_eq!((two.workouts, two.activities), (1, 1));
    assert!(two.bytes > one.bytes);
    assert_eq!(store.cache_usage(&other).await.unwrap().bytes, 0);
}
