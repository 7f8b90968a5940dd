mod common;

use common::{connected, day};
use offpeak_domain::ConnectionId;
use offpeak_domain::samples::activity;

#[tokio::test]
async fn activities_round_trip_without_duplicates() {
    let (_dir, store, id) = connected("c1").await;
    let page = vec![
        activity("a1", "2026-11-02", Some("w1")),
        activity("a2", "2026-11-04", None),
    ];
    for state in ["first", "second"] {
        store
            .apply_activities(
                &id,
                "a_1",
                &common::upserts(page.clone()),
                &common::checkpoint("a_1", "activities", state),
            )
            .await
            .unwrap();
    }

    assert_eq!(store.activity_count(&id).await.unwrap(), 2);
    let got = store
        .activities_between(day("2026-11-01"), day("2026-11-30"))
        .await
        .unwrap();
    assert_eq!(got, page);
    assert_eq!(
        store.checkpoint(&id, "a_1", "activities").await.unwrap(),
        Some("second".into())
    );
}

async fn with_streams(
    store: &offpeak_store::Store,
    id: &ConnectionId,
    activity: &offpeak_domain::Activity,
) {
    let saved = store
        .save_streams(
            id,
            &activity.id,
            &activity.streams_fingerprint(),
            &common::streams(120),
            9_000,
            &common::figures(),
        )
        .await
        .unwrap();
    assert!(saved);
}

#[tokio::test]
async fn every_field_round_trips_through_apply_and_reads_one_by_one() {
    let (_dir, store, id) = connected("c1").await;
    let mut ride = activity("a2", "2026-11-04", None);
    ride.sport = offpeak_domain::Sport::Ride;
    ride.avg_power_w = Some(221.0);
    ride.normalized_power_w = Some(238.5);
    ride.intensity_factor = Some(0.82);
    ride.trainer = true;
    let mut stub = activity("a1", "2026-11-03", None);
    stub.stub = true;
    stub.stream_types = vec![];
    stub.description = None;
    stub.calories = None;
    store
        .apply_activities(
            &id,
            "a_1",
            &common::upserts(vec![ride.clone(), stub.clone()]),
            &common::checkpoint("a_1", "activities", "s"),
        )
        .await
        .unwrap();

    assert_eq!(
        store.all_activities(&id).await.unwrap(),
        [stub.clone(), ride.clone()]
    );
    assert_eq!(store.activity(&id, "a2").await.unwrap(), Some(ride));
    assert_eq!(store.activity(&id, "a3").await.unwrap(), None);
    assert_eq!(
        store
            .activities_between(day("2026-11-03"), day("2026-11-03"))
            .await
            .unwrap(),
        [stub]
    );
}

#[tokio::test]
async fn deleting_an_activity_removes_its_streams_and_figures() {
    let (dir, store, id) = connected("c1").await;
    let cp = common::checkpoint("a_1", "activities", "s");
    let page = vec![
        activity("tomb", "2026-11-02", None),
        activity("windowed", "2026-11-03", None),
        activity("kept", "2026-11-04", None),
    ];
    store
        .apply_activities(&id, "a_1", &common::upserts(page.clone()), &cp)
        .await
        .unwrap();
    for a in &page {
        with_streams(&store, &id, a).await;
    }

    let changes = offpeak_store::Changes {
        upserts: vec![page[2].clone()],
        deleted: vec!["tomb".into()],
        window: common::window("2026-11-03", "2026-11-04"),
    };
    let applied = store
        .apply_activities(&id, "a_1", &changes, &cp)
        .await
        .unwrap();
    assert_eq!((applied.deleted, applied.unchanged), (2, 1));

    for gone in ["tomb", "windowed"] {
        assert_eq!(store.streams(&id, gone).await.unwrap(), None);
        assert_eq!(store.figures(&id, gone).await.unwrap(), None);
    }
    assert!(store.streams(&id, "kept").await.unwrap().is_some());
    let raw = common::raw(&dir).await;
    for table in ["activity_streams", "stream_sets", "activity_figures"] {
        let left: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT DISTINCT activity_id FROM {table}"
        )))
        .fetch_all(&raw)
        .await
        .unwrap();
        assert_eq!(left, ["kept"], "{table}");
    }
}

#[tokio::test]
async fn a_changed_recording_keeps_old_streams_but_makes_them_stale_and_a_rename_does_not() {
    let (_dir, store, id) = connected("c1").await;
    let cp = common::checkpoint("a_1", "activities", "s");
    let original = activity("a1", "2026-11-02", None);
    store
        .apply_activities(&id, "a_1", &common::upserts(vec![original.clone()]), &cp)
        .await
        .unwrap();
    with_streams(&store, &id, &original).await;
    assert_eq!(store.stream_task(&id, "a1").await.unwrap(), None);

    let mut renamed = original.clone();
    renamed.name = "Recovery jog".into();
    let applied = store
        .apply_activities(&id, "a_1", &common::upserts(vec![renamed.clone()]), &cp)
        .await
        .unwrap();
    assert_eq!(applied.updated, 1);
    assert_eq!(store.stream_task(&id, "a1").await.unwrap(), None);

    let mut recut = renamed;
    recut.elapsed_time_s = 3000;
    store
        .apply_activities(&id, "a_1", &common::upserts(vec![recut.clone()]), &cp)
        .await
        .unwrap();
    assert_eq!(
        store.streams(&id, "a1").await.unwrap(),
        Some(common::stored(&common::streams(120)))
    );
    assert_eq!(
        store.figures(&id, "a1").await.unwrap(),
        Some(common::figures())
    );
    let task = store.stream_task(&id, "a1").await.unwrap().unwrap();
    assert_eq!(task.fingerprint, recut.streams_fingerprint());
    assert_ne!(task.fingerprint, original.streams_fingerprint());
}

/// `activity` starting at `start` (RFC 3339), on `date` where it was recorded.
fn started(id: &str, date: &str, start: &str) -> offpeak_domain::Activity {
    offpeak_domain::Activity {
        start_time: common::at(start),
        ..activity(id, date, None)
    }
}

#[tokio::test]
async fn activities_of_one_athlete_of_one_connection_in_inclusive_dates_in_order() {
    let (_dir, store, c1) = connected("c1").await;
    let c2 = common::add_connection(&store, "c2").await;
    common::put(
        &store,
        &c1,
        "a_1",
        vec![
            started("after", "2026-11-09", "2026-11-09T06:00:00Z"),
            started("last", "2026-11-08", "2026-11-08T06:00:00Z"),
            started("evening", "2026-11-05", "2026-11-05T18:00:00Z"),
            started("morning_b", "2026-11-05", "2026-11-05T07:00:00Z"),
            started("morning_a", "2026-11-05", "2026-11-05T07:00:00Z"),
            started("first", "2026-11-02", "2026-11-02T06:00:00Z"),
            started("before", "2026-11-01", "2026-11-01T23:00:00Z"),
        ],
    )
    .await;
    common::put(
        &store,
        &c1,
        "a_2",
        vec![common::activity_of("a_2", "other_athlete", "2026-11-04")],
    )
    .await;
    common::put(
        &store,
        &c2,
        "a_1",
        vec![activity("other_connection", "2026-11-04", None)],
    )
    .await;

    let got = store
        .activities_of(&c1, "a_1", day("2026-11-02"), day("2026-11-08"))
        .await
        .unwrap();
    let ids: Vec<&str> = got.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["first", "morning_a", "morning_b", "evening", "last"]);
    assert_eq!(
        got[0],
        started("first", "2026-11-02", "2026-11-02T06:00:00Z")
    );
}

#[tokio::test]
async fn the_last_activity_is_the_athletes_latest_start_whatever_its_local_date() {
    let (_dir, store, c1) = connected("c1").await;
    let c2 = common::add_connection(&store, "c2").await;
    // Recorded in Los Angeles on the 1st, after the ride recorded in Tokyo on the 2nd.
    let latest = started("los_angeles", "2026-11-01", "2026-11-02T04:00:00Z");
    common::put(
        &store,
        &c1,
        "a_1",
        vec![
            started("tokyo", "2026-11-02", "2026-11-01T23:00:00Z"),
            latest.clone(),
            started("older", "2026-10-30", "2026-10-30T07:00:00Z"),
        ],
    )
    .await;
    common::put(
        &store,
        &c1,
        "a_2",
        vec![common::activity_of("a_2", "other_athlete", "2026-11-20")],
    )
    .await;
    common::put(
        &store,
        &c2,
        "a_1",
        vec![activity("other_connection", "2026-11-21", None)],
    )
    .await;

    assert_eq!(store.last_activity(&c1, "a_1").await.unwrap(), Some(latest));
    assert_eq!(store.last_activity(&c1, "a_3").await.unwrap(), None);
    let theirs = store.last_activity(&c1, "a_2").await.unwrap().unwrap();
    assert_eq!(theirs.id, "other_athlete");
}

#[tokio::test]
async fn daily_loads_sum_each_days_activities_preferring_computed_loads() {
    let (_dir, store, c1) = connected("c1").await;
    let c2 = common::add_connection(&store, "c2").await;
    let with_load = |id: &str, date: &str, load: Option<f64>| offpeak_domain::Activity {
        load,
        ..activity(id, date, None)
    };
    let computed = with_load("computed", "2026-11-02", Some(50.0));
    let unknown = with_load("unknown", "2026-11-04", None);
    let computed_only = with_load("computed_only", "2026-11-06", None);
    common::put(
        &store,
        &c1,
        "a_1",
        vec![
            with_load("before", "2026-11-01", Some(500.0)),
            computed.clone(),
            with_load("platform", "2026-11-02", Some(30.5)),
            unknown.clone(),
            computed_only.clone(),
            with_load("on_last_day", "2026-11-08", Some(12.0)),
            with_load("after", "2026-11-09", Some(500.0)),
        ],
    )
    .await;
    let figures_with = |load| offpeak_domain::ActivityFigures {
        load,
        ..common::figures()
    };
    for (a, load) in [
        (&computed, Some(71.25)),
        (&unknown, None),
        (&computed_only, Some(40.0)),
    ] {
        store
            .save_streams(
                &c1,
                &a.id,
                "f",
                &common::streams(10),
                1,
                &figures_with(load),
            )
            .await
            .unwrap();
    }
    common::put(
        &store,
        &c1,
        "a_2",
        vec![common::activity_of("a_2", "other_athlete", "2026-11-02")],
    )
    .await;
    common::put(
        &store,
        &c2,
        "a_1",
        vec![activity("other_connection", "2026-11-02", None)],
    )
    .await;

    let loads = store
        .daily_loads(&c1, "a_1", day("2026-11-02"), day("2026-11-08"))
        .await
        .unwrap();
    assert_eq!(
        loads,
        [
            (day("2026-11-02"), 71.25 + 30.5),
            (day("2026-11-06"), 40.0),
            (day("2026-11-08"), 12.0),
        ]
    );
}
