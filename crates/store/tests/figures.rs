mod common;

use common::{checkpoint, connected, figures, streams, upserts};
use offpeak_domain::ActivityFigures;
use offpeak_domain::samples::activity;

#[tokio::test]
async fn figures_round_trip_exactly_and_are_replaced_with_the_streams() {
    let (_dir, store, id) = connected("c1").await;
    store
        .apply_activities(
            &id,
            "a_1",
            &upserts(vec![activity("a1", "2026-11-02", None)]),
            &checkpoint("a_1", "activities", "s"),
        )
        .await
        .unwrap();
    assert_eq!(store.figures(&id, "a1").await.unwrap(), None);

    let mut first = figures();
    first.power_curve.push((1200, 0.1 + 0.2));
    store
        .save_streams(&id, "a1", "f", &streams(10), 1, &first)
        .await
        .unwrap();
    assert_eq!(store.figures(&id, "a1").await.unwrap(), Some(first));

    let none = ActivityFigures {
        load: Some(40.0),
        ..ActivityFigures::default()
    };
    store
        .save_streams(&id, "a1", "f", &streams(10), 1, &none)
        .await
        .unwrap();
    assert_eq!(store.figures(&id, "a1").await.unwrap(), Some(none));
}

#[tokio::test]
async fn platform_loads_are_read_for_cached_activities_only() {
    let (_dir, store, id) = connected("c1").await;
    let mut without_load = activity("a2", "2026-11-03", None);
    without_load.load = None;
    store
        .apply_activities(
            &id,
            "a_1",
            &upserts(vec![activity("a1", "2026-11-02", None), without_load]),
            &checkpoint("a_1", "activities", "s"),
        )
        .await
        .unwrap();
    let loads = store
        .platform_loads(&id, &["a1", "gone", "a2"])
        .await
        .unwrap();
    let expected = [("a1".to_owned(), activity("a1", "2026-11-02", None).load)];
    assert_eq!(
        loads,
        expected
            .into_iter()
            .chain([("a2".to_owned(), None)])
            .collect()
    );
    assert!(store.platform_loads(&id, &[]).await.unwrap().is_empty());
    let other = offpeak_domain::ConnectionId("c2".to_owned());
    assert!(
        store
            .platform_loads(&other, &["a1"])
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn figures_of_one_athletes_activities_in_inclusive_dates_by_activity() {
    let (_dir, store, c1) = connected("c1").await;
    let c2 = common::add_connection(&store, "c2").await;
    let mine = [
        ("before", "2026-11-01"),
        ("first", "2026-11-02"),
        ("last", "2026-11-08"),
        ("after", "2026-11-09"),
    ];
    common::put(
        &store,
        &c1,
        "a_1",
        mine.iter()
            .map(|(id, date)| activity(id, date, None))
            .chain([activity("no_streams", "2026-11-05", None)])
            .collect(),
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
    let numbered = |n: f64| ActivityFigures {
        load: Some(n),
        ..figures()
    };
    let saved = mine
        .iter()
        .map(|(id, _)| (*id, &c1))
        .chain([("other_athlete", &c1), ("other_connection", &c2)]);
    for (n, (activity_id, connection)) in saved.enumerate() {
        store
            .save_streams(
                connection,
                activity_id,
                "f",
                &streams(10),
                1,
                &numbered(n as f64),
            )
            .await
            .unwrap();
    }

    let got = store
        .figures_of(
            &c1,
            "a_1",
            common::day("2026-11-02"),
            common::day("2026-11-08"),
        )
        .await
        .unwrap();
    let expected = [
        ("first".to_owned(), numbered(1.0)),
        ("last".to_owned(), numbered(2.0)),
    ];
    assert_eq!(got, expected.into_iter().collect());
}
