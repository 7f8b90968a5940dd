mod common;

use common::{checkpoint, connected, figures, raw, stored, streams, upserts};
use offpeak_domain::samples::activity;
use offpeak_domain::{ActivityFigures, ConnectionId, StreamKind, Streams};
use offpeak_store::{EncodedStreams, StreamStorage, StreamsToSave, codec};

fn encoded(streams: &Streams) -> EncodedStreams {
    EncodedStreams::new(streams, &mut codec::Encoder::new())
}

async fn cached(store: &offpeak_store::Store, id: &ConnectionId, ids: &[&str]) {
    let page = ids
        .iter()
        .map(|a| activity(a, "2026-11-02", None))
        .collect();
    store
        .apply_activities(
            id,
            "a_1",
            &upserts(page),
            &checkpoint("a_1", "activities", "s"),
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn streams_round_trip_through_the_codec_and_replace_what_was_there() {
    let (_dir, store, id) = connected("c1").await;
    cached(&store, &id, &["a1"]).await;
    assert_eq!(store.streams(&id, "a1").await.unwrap(), None);

    let first = streams(600);
    assert!(
        store
            .save_streams(&id, "a1", "fp1", &first, 50_000, &figures())
            .await
            .unwrap()
    );
    assert_eq!(
        store.streams(&id, "a1").await.unwrap(),
        Some(stored(&first))
    );

    let mut fewer = streams(30);
    fewer.series.truncate(2);
    assert!(
        store
            .save_streams(&id, "a1", "fp2", &fewer, 2_000, &figures())
            .await
            .unwrap()
    );
    assert_eq!(
        store.streams(&id, "a1").await.unwrap(),
        Some(stored(&fewer))
    );
}

#[tokio::test]
async fn an_activity_without_streams_is_remembered_as_fetched() {
    let (_dir, store, id) = connected("c1").await;
    cached(&store, &id, &["a1"]).await;
    assert!(
        store
            .save_streams(
                &id,
                "a1",
                "fp",
                &Streams::default(),
                2,
                &ActivityFigures::default()
            )
            .await
            .unwrap()
    );
    assert_eq!(
        store.streams(&id, "a1").await.unwrap(),
        Some(Streams::default())
    );
}

#[tokio::test]
async fn saving_streams_of_a_vanished_activity_writes_nothing() {
    let (dir, store, id) = connected("c1").await;
    cached(&store, &id, &["a1"]).await;
    let saved = store
        .save_streams(&id, "gone", "fp", &streams(60), 4_000, &figures())
        .await
        .unwrap();
    assert!(!saved);
    assert_eq!(store.streams(&id, "gone").await.unwrap(), None);
    assert_eq!(store.figures(&id, "gone").await.unwrap(), None);
    let raw = raw(&dir).await;
    for table in ["activity_streams", "stream_sets", "activity_figures"] {
        assert_eq!(common::rows_of(&raw, table, &id).await, 0, "{table}");
    }
}

#[tokio::test]
async fn a_batch_saves_every_cached_activity_in_one_go_and_skips_a_vanished_one() {
    let (_dir, store, id) = connected("c1").await;
    cached(&store, &id, &["a1", "a2"]).await;
    let (long, short, none) = (streams(600), streams(30), Streams::default());
    let (long_encoded, short_encoded, none_encoded) =
        (encoded(&long), encoded(&short), encoded(&none));
    let no_figures = ActivityFigures::default();
    let item = |activity_id, streams, json_bytes| StreamsToSave {
        activity_id,
        fingerprint: "fp",
        streams,
        json_bytes,
        figures: &no_figures,
        laps: None,
    };
    let figures = figures();
    let saved = store
        .save_stream_batch(
            &id,
            &[
                StreamsToSave {
                    figures: &figures,
                    ..item("a1", &long_encoded, 50_000)
                },
                item("gone", &short_encoded, 3_000),
                item("a2", &none_encoded, 2),
            ],
        )
        .await
        .unwrap();
    assert_eq!(saved, [true, false, true]);
    assert_eq!(store.streams(&id, "a1").await.unwrap(), Some(stored(&long)));
    assert_eq!(store.figures(&id, "a1").await.unwrap(), Some(figures));
    assert_eq!(store.streams(&id, "a2").await.unwrap(), Some(none));
    assert_eq!(store.streams(&id, "gone").await.unwrap(), None);
    let storage = store.stream_storage(Some(&id)).await.unwrap();
    assert_eq!((storage.activities, storage.json_bytes), (2, 50_002));
}

#[tokio::test]
async fn a_batch_replaces_earlier_streams_and_keeps_the_last_entry_of_an_activity_named_twice() {
    let (_dir, store, id) = connected("c1").await;
    cached(&store, &id, &["a1", "a2"]).await;
    let (first, long, short) = (streams(600), streams(300), streams(30));
    let mut fewer = streams(20);
    fewer
        .series
        .retain(|(kind, _)| *kind != StreamKind::Heartrate);
    assert!(fewer.series.len() < first.series.len());
    let [first_encoded, long_encoded, short_encoded, fewer_encoded] =
        [&first, &long, &short, &fewer].map(encoded);
    let no_figures = ActivityFigures::default();
    let item = |activity_id, streams, json_bytes| StreamsToSave {
        activity_id,
        fingerprint: "fp",
        streams,
        json_bytes,
        figures: &no_figures,
        laps: None,
    };
    let saved = store
        .save_stream_batch(&id, &[item("a1", &first_encoded, 1)])
        .await
        .unwrap();
    assert_eq!(saved, [true]);
    let figures = figures();
    let saved = store
        .save_stream_batch(
            &id,
            &[
                item("a1", &long_encoded, 2),
                item("a2", &short_encoded, 3),
                StreamsToSave {
                    figures: &figures,
                    ..item("a1", &fewer_encoded, 4)
                },
            ],
        )
        .await
        .unwrap();
    assert_eq!(saved, [true, true, true]);
    assert_eq!(
        store.streams(&id, "a1").await.unwrap(),
        Some(stored(&fewer))
    );
    assert_eq!(store.figures(&id, "a1").await.unwrap(), Some(figures));
    assert_eq!(
        store.streams(&id, "a2").await.unwrap(),
        Some(stored(&short))
    );
    let storage = store.stream_storage(Some(&id)).await.unwrap();
    assert_eq!((storage.activities, storage.json_bytes), (2, 7));
    let series = (fewer.series.len() + short.series.len()) as u64;
    assert_eq!(storage.series, series);
}

#[tokio::test]
async fn storage_adds_up_per_connection_and_overall() {
    let (_dir, store, id) = connected("c1").await;
    store
        .save_connection(
            &common::connection("c2"),
            common::at("2026-11-23T17:00:00Z"),
        )
        .await
        .unwrap();
    let other = ConnectionId("c2".into());
    cached(&store, &id, &["a1", "a2"]).await;
    cached(&store, &other, &["b1"]).await;
    assert_eq!(
        store.stream_storage(None).await.unwrap(),
        StreamStorage::default()
    );

    let ride = streams(300);
    let blob_bytes: u64 = ride
        .series
        .iter()
        .map(|(_, data)| codec::encode(data).len() as u64)
        .sum();
    store
        .save_streams(&id, "a1", "f", &ride, 10_000, &figures())
        .await
        .unwrap();
    store
        .save_streams(&id, "a2", "f", &Streams::default(), 2, &figures())
        .await
        .unwrap();
    store
        .save_streams(&other, "b1", "f", &ride, 7_000, &figures())
        .await
        .unwrap();

    let mine = store.stream_storage(Some(&id)).await.unwrap();
    assert_eq!(
        mine,
        StreamStorage {
            activities: 2,
            series: ride.series.len() as u64,
            json_bytes: 10_002,
            stored_bytes: blob_bytes,
        }
    );
    let all = store.stream_storage(None).await.unwrap();
    assert_eq!(all.activities, 3);
    assert_eq!(all.series, 2 * ride.series.len() as u64);
    assert_eq!(all.json_bytes, 17_002);
    assert_eq!(all.stored_bytes, 2 * blob_bytes);
}
