mod common;

use common::{checkpoint, connected, figures, streams, upserts};
use offpeak_domain::samples::activity;
use offpeak_domain::{Activity, ConnectionId, Streams};
use offpeak_store::{Store, StreamTask};

/// An activity that started at `hour` on `date`.
fn at_hour(id: &str, date: &str, hour: u32) -> Activity {
    let mut a = activity(id, date, None);
    a.start_time = format!("{date}T{hour:02}:00:00Z").parse().unwrap();
    a
}

async fn queue(
    store: &Store,
    id: &ConnectionId,
    newer_than: Option<&str>,
    limit: u32,
) -> Vec<String> {
    store
        .activities_needing_streams(id, newer_than.map(common::day), limit)
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.activity_id)
        .collect()
}

#[tokio::test]
async fn missing_and_stale_streams_are_queued_most_recent_first() {
    let (_dir, store, id) = connected("c1").await;
    let cp = checkpoint("a_1", "activities", "s");
    let mut stub = at_hour("stub", "2026-11-09", 7);
    stub.stub = true;
    let mut manual = at_hour("manual", "2026-11-08", 7);
    manual.stream_types.clear();
    let page = vec![
        at_hour("old", "2026-10-01", 7),
        at_hour("fresh", "2026-11-05", 7),
        at_hour("stale", "2026-11-03", 7),
        at_hour("morning", "2026-11-06", 6),
        at_hour("evening", "2026-11-06", 18),
        stub,
        manual,
    ];
    store
        .apply_activities(&id, "a_1", &upserts(page.clone()), &cp)
        .await
        .unwrap();
    for a in [&page[1], &page[2]] {
        store
            .save_streams(
                &id,
                &a.id,
                &a.streams_fingerprint(),
                &streams(5),
                1,
                &figures(),
            )
            .await
            .unwrap();
    }
    let mut recut = page[2].clone();
    recut.stream_types.push("watts".into());
    store
        .apply_activities(&id, "a_1", &upserts(vec![recut.clone()]), &cp)
        .await
        .unwrap();

    assert_eq!(
        queue(&store, &id, None, 10).await,
        ["evening", "morning", "stale", "old"]
    );
    assert_eq!(queue(&store, &id, None, 2).await, ["evening", "morning"]);
    assert_eq!(
        queue(&store, &id, Some("2026-11-03"), 10).await,
        ["evening", "morning", "stale"]
    );
    assert_eq!(store.count_needing_streams(&id, None).await.unwrap(), 4);
    assert_eq!(
        store
            .count_needing_streams(&id, Some(common::day("2026-11-04")))
            .await
            .unwrap(),
        2
    );

    let task = store.stream_task(&id, "stale").await.unwrap();
    assert_eq!(
        task,
        Some(StreamTask {
            activity_id: "stale".into(),
            athlete_id: "a_1".into(),
            fingerprint: recut.streams_fingerprint(),
            start_time: recut.start_time,
            local_date: recut.local_date,
        })
    );
    for not_queued in ["fresh", "stub", "manual", "unknown"] {
        assert_eq!(
            store.stream_task(&id, not_queued).await.unwrap(),
            None,
            "{not_queued}"
        );
    }
}

#[tokio::test]
async fn fetching_takes_an_activity_off_the_queue_even_when_it_had_no_streams() {
    let (_dir, store, id) = connected("c1").await;
    let a = activity("a1", "2026-11-02", None);
    store
        .apply_activities(
            &id,
            "a_1",
            &upserts(vec![a.clone()]),
            &checkpoint("a_1", "activities", "s"),
        )
        .await
        .unwrap();
    let task = store.stream_task(&id, "a1").await.unwrap().unwrap();
    store
        .save_streams(
            &id,
            "a1",
            &task.fingerprint,
            &Streams::default(),
            2,
            &figures(),
        )
        .await
        .unwrap();
    assert_eq!(store.count_needing_streams(&id, None).await.unwrap(), 0);
    assert!(queue(&store, &id, None, 10).await.is_empty());
}

#[tokio::test]
async fn ten_years_of_activities_queue_in_start_order() {
    let (_dir, store, id) = connected("c1").await;
    let first: chrono::NaiveDate = common::day("2016-01-01");
    let page: Vec<Activity> = (0..4_000u32)
        .map(|i| {
            let date = first + chrono::Days::new(u64::from(i) * 10 / 11);
            at_hour(&format!("a{i:04}"), &date.to_string(), 6 + (i % 11))
        })
        .collect();
    store
        .apply_activities(
            &id,
            "a_1",
            &upserts(page.clone()),
            &checkpoint("a_1", "activities", "s"),
        )
        .await
        .unwrap();
    let mut expected = page.clone();
    expected.sort_by(|a, b| b.start_time.cmp(&a.start_time).then(b.id.cmp(&a.id)));
    let expected: Vec<String> = expected.into_iter().take(25).map(|a| a.id).collect();
    assert_eq!(queue(&store, &id, None, 25).await, expected);
    assert_eq!(store.count_needing_streams(&id, None).await.unwrap(), 4_000);
}
