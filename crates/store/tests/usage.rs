mod common;

use common::{at, checkpoint, connection, open_temp, upserts};
use offpeak_domain::ConnectionId;
use offpeak_domain::samples::{activity, workout};

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
    store
        .apply_workouts(
            &id,
            "a_1",
            &upserts(vec![workout("w1", "2026-11-03", "Tempo")]),
            &checkpoint("a_1", "workouts", "s"),
        )
        .await
        .unwrap();
    let one = store.cache_usage(&id).await.unwrap();
    assert_eq!((one.workouts, one.activities), (1, 0));
    assert!(one.bytes > 50, "{one:?}");
    store
        .apply_activities(
            &id,
            "a_1",
            &upserts(vec![activity("x1", "2026-11-03", Some("w1"))]),
            &checkpoint("a_1", "activities", "s"),
        )
        .await
        .unwrap();
    let two = store.cache_usage(&id).await.unwrap();
    assert_eq!((two.workouts, two.activities), (1, 1));
    assert!(two.bytes > one.bytes);
    assert_eq!(store.cache_usage(&other).await.unwrap().bytes, 0);
}

#[tokio::test]
async fn usage_counts_notes_wellness_and_stream_bytes() {
    use common::{figures, note, streams, wellness};
    let (_dir, store) = open_temp().await;
    store
        .save_connection(&connection("c1"), at("2026-11-23T17:00:00Z"))
        .await
        .unwrap();
    let id = ConnectionId("c1".into());
    let a = activity("x1", "2026-11-03", None);
    store
        .apply_activities(
            &id,
            "a_1",
            &upserts(vec![a.clone()]),
            &checkpoint("a_1", "activities", "s"),
        )
        .await
        .unwrap();
    let before = store.cache_usage(&id).await.unwrap();

    store
        .apply_notes(
            &id,
            "a_1",
            &upserts(vec![
                note("n1", "2026-11-03", "2026-11-04"),
                note("n2", "2026-11-05", "2026-11-05"),
            ]),
            &checkpoint("a_1", "notes", "s"),
        )
        .await
        .unwrap();
    store
        .apply_wellness(
            &id,
            "a_1",
            &upserts(vec![wellness("a_1", "2026-11-03")]),
            &checkpoint("a_1", "wellness", "s"),
        )
        .await
        .unwrap();
    let with_notes = store.cache_usage(&id).await.unwrap();
    assert_eq!((with_notes.notes, with_notes.wellness_days), (2, 1));
    assert!(with_notes.bytes > before.bytes);
    assert_eq!(with_notes.stream_bytes, 0);

    store
        .save_streams(
            &id,
            "x1",
            &a.streams_fingerprint(),
            &streams(3_600),
            400_000,
            &figures(),
        )
        .await
        .unwrap();
    let with_streams = store.cache_usage(&id).await.unwrap();
    let stored = store.stream_storage(Some(&id)).await.unwrap().stored_bytes;
    assert!(with_streams.stream_bytes >= stored, "{with_streams:?}");
    assert!(
        with_streams.bytes >= with_notes.bytes + stored,
        "{with_streams:?}"
    );
}

#[tokio::test]
async fn cached_days_span_an_athletes_workouts_and_activities() {
    let (_dir, store) = open_temp().await;
    let id = ConnectionId("c1".into());
    store
        .save_connection(&connection("c1"), at("2026-11-23T17:00:00Z"))
        .await
        .unwrap();
    assert_eq!(store.cached_days(&id, "a_1").await.unwrap(), None);
    store
        .apply_activities(
            &id,
            "a_1",
            &upserts(vec![
                activity("x1", "2025-03-02", None),
                activity("x2", "2026-10-01", None),
            ]),
            &checkpoint("a_1", "activities", "s"),
        )
        .await
        .unwrap();
    store
        .apply_workouts(
            &id,
            "a_1",
            &upserts(vec![workout("w1", "2026-12-20", "Tempo")]),
            &checkpoint("a_1", "workouts", "s"),
        )
        .await
        .unwrap();
    let days = store.cached_days(&id, "a_1").await.unwrap().unwrap();
    assert_eq!(
        (days.0.to_string(), days.1.to_string()),
        ("2025-03-02".to_owned(), "2026-12-20".to_owned())
    );
    assert_eq!(store.cached_days(&id, "someone_else").await.unwrap(), None);
}
