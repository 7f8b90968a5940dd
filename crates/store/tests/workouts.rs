mod common;

use common::{at, checkpoint, connected, day, upserts};
use offpeak_domain::samples::{activity, workout};

#[tokio::test]
async fn applying_the_same_page_twice_duplicates_nothing_and_updates_in_place() {
    let (_dir, store, id) = connected("c1").await;
    let page = vec![
        workout("w1", "2026-11-03", "Sweet spot"),
        workout("w2", "2026-11-05", "Long ride"),
    ];
    store
        .apply_workouts(
            &id,
            "a_1",
            &upserts(page.clone()),
            &checkpoint("a_1", "workouts", "first"),
        )
        .await
        .unwrap();
    let mut changed = page.clone();
    changed[1].name = "Long ride, shortened".into();
    let applied = store
        .apply_workouts(
            &id,
            "a_1",
            &upserts(changed.clone()),
            &checkpoint("a_1", "workouts", "second"),
        )
        .await
        .unwrap();

    assert_eq!((applied.updated, applied.unchanged), (1, 1));
    assert_eq!(store.workout_count(&id).await.unwrap(), 2);
    let got = store
        .workouts_between(day("2026-11-01"), day("2026-11-30"))
        .await
        .unwrap();
    assert_eq!(got, changed);
    assert_eq!(
        store.checkpoint(&id, "a_1", "workouts").await.unwrap(),
        Some("second".into())
    );
}

#[tokio::test]
async fn large_pages_are_written_whole() {
    let (_dir, store, id) = connected("c1").await;
    let page: Vec<_> = (0..200)
        .map(|i| workout(&format!("w{i:03}"), "2026-11-10", "Rep"))
        .collect();
    let applied = store
        .apply_workouts(
            &id,
            "a_1",
            &upserts(page),
            &checkpoint("a_1", "workouts", "x"),
        )
        .await
        .unwrap();
    assert_eq!(applied.inserted, 200);
    assert_eq!(store.workout_count(&id).await.unwrap(), 200);
}

#[tokio::test]
async fn ranges_are_inclusive_and_deleting_a_connection_purges_its_items() {
    let (_dir, store, id) = connected("c1").await;
    let page = vec![
        workout("w0", "2026-10-31", "a"),
        workout("w1", "2026-11-01", "b"),
        workout("w2", "2026-11-30", "c"),
        workout("w3", "2026-12-01", "d"),
    ];
    store
        .apply_workouts(
            &id,
            "a_1",
            &upserts(page),
            &checkpoint("a_1", "workouts", "x"),
        )
        .await
        .unwrap();
    store
        .apply_activities(
            &id,
            "a_1",
            &upserts(vec![activity("a1", "2026-11-01", Some("w1"))]),
            &checkpoint("a_1", "activities", "y"),
        )
        .await
        .unwrap();
    let got = store
        .workouts_between(day("2026-11-01"), day("2026-11-30"))
        .await
        .unwrap();
    assert_eq!(
        got.iter().map(|w| w.id.as_str()).collect::<Vec<_>>(),
        ["w1", "w2"]
    );

    store.delete_connection(&id).await.unwrap();
    assert_eq!(store.workout_count(&id).await.unwrap(), 0);
    assert_eq!(store.activity_count(&id).await.unwrap(), 0);
    assert_eq!(
        store.checkpoint(&id, "a_1", "workouts").await.unwrap(),
        None
    );
}

#[tokio::test]
async fn races_and_every_field_round_trip() {
    let (_dir, store, id) = connected("c1").await;
    let mut race = workout("w1", "2026-11-08", "Gran Fondo");
    race.race = Some(offpeak_domain::RacePriority::A);
    race.description = Some("Goal of the year".into());
    race.start_time = Some("08:30".into());
    race.planned_distance_m = Some(160_000.0);
    let mut b = workout("w2", "2026-11-09", "Crit");
    b.race = Some(offpeak_domain::RacePriority::C);
    b.structure = None;

    store
        .apply_workouts(
            &id,
            "a_1",
            &upserts(vec![race.clone(), b.clone()]),
            &checkpoint("a_1", "workouts", "s"),
        )
        .await
        .unwrap();

    assert_eq!(
        store.all_workouts(&id).await.unwrap(),
        [race.clone(), b.clone()]
    );
    assert_eq!(
        store
            .workouts_between(day("2026-11-08"), day("2026-11-09"))
            .await
            .unwrap(),
        [race, b]
    );
}

#[tokio::test]
async fn all_workouts_holds_only_that_connections_items_by_id() {
    let (_dir, store, id) = connected("c1").await;
    store
        .save_connection(&common::connection("c2"), at("2026-11-23T17:00:00Z"))
        .await
        .unwrap();
    let other = offpeak_domain::ConnectionId("c2".into());
    let cp = common::checkpoint("a_1", "workouts", "s");
    store
        .apply_workouts(
            &id,
            "a_1",
            &common::upserts(vec![
                workout("b", "2026-11-01", "x"),
                workout("a", "2026-11-02", "y"),
            ]),
            &cp,
        )
        .await
        .unwrap();
    store
        .apply_workouts(
            &other,
            "a_1",
            &common::upserts(vec![workout("c", "2026-11-01", "z")]),
            &cp,
        )
        .await
        .unwrap();
    let ids: Vec<String> = store
        .all_workouts(&id)
        .await
        .unwrap()
        .into_iter()
        .map(|w| w.id)
        .collect();
    assert_eq!(ids, ["a", "b"]);
}

#[tokio::test]
async fn workouts_of_one_athlete_of_one_connection_in_inclusive_dates_by_day_and_time() {
    let (_dir, store, c1) = connected("c1").await;
    let c2 = common::add_connection(&store, "c2").await;
    let timed = |id: &str, date: &str, time: Option<&str>| offpeak_domain::Workout {
        start_time: time.map(str::to_owned),
        ..workout(id, date, "Ride")
    };
    common::put(
        &store,
        &c1,
        "a_1",
        vec![
            timed("before", "2026-11-01", None),
            timed("last", "2026-11-08", None),
            timed("evening", "2026-11-05", Some("18:00")),
            timed("morning", "2026-11-05", Some("07:00")),
            timed("untimed", "2026-11-05", None),
            timed("first", "2026-11-02", None),
            timed("after", "2026-11-09", None),
        ],
    )
    .await;
    common::put(
        &store,
        &c1,
        "a_2",
        vec![common::workout_of("a_2", "other_athlete", "2026-11-04")],
    )
    .await;
    common::put(
        &store,
        &c2,
        "a_1",
        vec![workout("other_connection", "2026-11-04", "Ride")],
    )
    .await;

    let got = store
        .workouts_of(&c1, "a_1", day("2026-11-02"), day("2026-11-08"))
        .await
        .unwrap();
    let ids: Vec<&str> = got.iter().map(|w| w.id.as_str()).collect();
    assert_eq!(ids, ["first", "untimed", "morning", "evening", "last"]);
    let theirs = store
        .workouts_of(&c1, "a_2", day("2026-11-02"), day("2026-11-08"))
        .await
        .unwrap();
    assert_eq!(
        theirs,
        [common::workout_of("a_2", "other_athlete", "2026-11-04")]
    );
}

#[tokio::test]
async fn one_workout_is_read_by_id_within_its_connection() {
    let (_dir, store, c1) = connected("c1").await;
    let c2 = common::add_connection(&store, "c2").await;
    let planned = workout("w1", "2026-11-03", "Sweet spot");
    common::put(&store, &c1, "a_1", vec![planned.clone()]).await;
    assert_eq!(store.workout(&c1, "w1").await.unwrap(), Some(planned));
    assert_eq!(store.workout(&c1, "missing").await.unwrap(), None);
    assert_eq!(store.workout(&c2, "w1").await.unwrap(), None);
}
