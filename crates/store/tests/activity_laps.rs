mod common;

use common::{connected, figures, streams};
use offpeak_domain::samples::activity;
use offpeak_domain::{ConnectionId, Lap};
use offpeak_store::{EncodedStreams, Store, StreamsToSave, codec};

/// `count` laps of five minutes, the `n`th labelled `Interval n` with `watts + n` watts.
fn laps(count: usize, watts: f64) -> Vec<Lap> {
    (0..count)
        .map(|n| Lap {
            start_s: n as f64 * 300.0,
            duration_s: 300.0,
            moving_s: Some(295.5),
            distance_m: Some(2_500.25),
            avg_power_w: Some(watts + n as f64),
            normalized_power_w: None,
            avg_hr: Some(150.0),
            max_hr: Some(171.0),
            avg_cadence: Some(90.0),
            avg_speed_mps: Some(8.475),
            elevation_gain_m: None,
            label: Some(format!("Interval {} ✓", n + 1)),
        })
        .collect()
}

/// Saves streams for each `(activity, laps)` in one batch.
async fn save(store: &Store, id: &ConnectionId, batch: &[(&str, Option<&[Lap]>)]) -> Vec<bool> {
    let encoded = EncodedStreams::new(&streams(30), &mut codec::Encoder::new());
    let figures = figures();
    let items: Vec<StreamsToSave<'_>> = batch
        .iter()
        .map(|(activity_id, laps)| StreamsToSave {
            activity_id,
            fingerprint: "fp",
            streams: &encoded,
            json_bytes: 1,
            figures: &figures,
            laps: *laps,
        })
        .collect();
    store.save_stream_batch(id, &items).await.unwrap()
}

async fn cached(store: &Store, id: &ConnectionId, ids: &[&str]) {
    common::put(
        store,
        id,
        "a_1",
        ids.iter()
            .map(|a| activity(a, "2026-11-02", None))
            .collect(),
    )
    .await;
}

#[tokio::test]
async fn laps_are_saved_with_the_streams_and_read_back_in_order() {
    let (_dir, store, id) = connected("c1").await;
    cached(&store, &id, &["with", "none", "unasked", "unfetched"]).await;
    let five = laps(5, 200.0);
    let saved = save(
        &store,
        &id,
        &[
            ("with", Some(&five)),
            ("none", Some(&[])),
            ("unasked", None),
            ("vanished", Some(&five)),
        ],
    )
    .await;
    assert_eq!(saved, [true, true, true, false]);

    assert_eq!(store.laps(&id, "with").await.unwrap(), Some(five));
    assert_eq!(store.laps(&id, "none").await.unwrap(), Some(vec![]));
    assert_eq!(store.laps(&id, "unasked").await.unwrap(), None);
    assert_eq!(store.laps(&id, "unfetched").await.unwrap(), None);
    assert_eq!(store.laps(&id, "vanished").await.unwrap(), None);
    let other = common::add_connection(&store, "c2").await;
    assert_eq!(store.laps(&other, "with").await.unwrap(), None);
}

#[tokio::test]
async fn refetched_streams_replace_the_laps_or_forget_them() {
    let (_dir, store, id) = connected("c1").await;
    cached(&store, &id, &["a1", "a2"]).await;
    save(
        &store,
        &id,
        &[("a1", Some(&laps(8, 200.0))), ("a2", Some(&laps(2, 100.0)))],
    )
    .await;

    let three = laps(3, 250.0);
    save(&store, &id, &[("a1", Some(&three)), ("a2", None)]).await;
    assert_eq!(store.laps(&id, "a1").await.unwrap(), Some(three));
    assert_eq!(store.laps(&id, "a2").await.unwrap(), None);
}

#[tokio::test]
async fn laps_go_with_their_activity_and_with_a_purged_connection() {
    let (dir, store, id) = connected("c1").await;
    let other = common::add_connection(&store, "c2").await;
    cached(&store, &id, &["tomb", "kept"]).await;
    cached(&store, &other, &["theirs"]).await;
    let two = laps(2, 180.0);
    save(&store, &id, &[("tomb", Some(&two)), ("kept", Some(&two))]).await;
    save(&store, &other, &[("theirs", Some(&two))]).await;

    let deleted = offpeak_store::Changes {
        deleted: vec!["tomb".into()],
        ..offpeak_store::Changes::default()
    };
    store
        .apply_activities(&id, "a_1", &deleted, &common::checkpoint("a_1", "a", "s"))
        .await
        .unwrap();
    assert_eq!(store.laps(&id, "tomb").await.unwrap(), None);
    assert_eq!(store.laps(&id, "kept").await.unwrap(), Some(two.clone()));

    store.delete_connection(&id).await.unwrap();
    let raw = common::raw(&dir).await;
    assert_eq!(common::rows_of(&raw, "activity_laps", &id).await, 0);
    assert_eq!(common::rows_of(&raw, "activity_laps", &other).await, 1);
    assert_eq!(store.laps(&other, "theirs").await.unwrap(), Some(two));
}

#[tokio::test]
async fn streams_are_never_left_without_their_laps() {
    let (dir, store, id) = connected("c1").await;
    cached(&store, &id, &["a1"]).await;
    let raw = common::raw(&dir).await;
    common::fail_inserts(&raw, "activity_laps", "activity_id", "a1").await;

    let encoded = EncodedStreams::new(&streams(30), &mut codec::Encoder::new());
    let figures = figures();
    let four = laps(4, 200.0);
    let item = StreamsToSave {
        activity_id: "a1",
        fingerprint: "fp",
        streams: &encoded,
        json_bytes: 1,
        figures: &figures,
        laps: Some(&four),
    };
    assert!(store.save_stream_batch(&id, &[item]).await.is_err());
    assert_eq!(store.streams(&id, "a1").await.unwrap(), None);
    assert_eq!(store.figures(&id, "a1").await.unwrap(), None);
    assert_eq!(store.laps(&id, "a1").await.unwrap(), None);
}
