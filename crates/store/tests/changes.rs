mod common;

use common::{
    checkpoint, connected, fail_inserts, log_writes, raw, upserts, window, workout_of, writes,
};
use offpeak_domain::ConnectionId;
use offpeak_domain::samples::workout;
use offpeak_store::{Applied, Changes, Store};

fn page(range: std::ops::Range<usize>) -> Vec<offpeak_domain::Workout> {
    range
        .map(|i| workout(&format!("w{i:03}"), "2026-11-10", "Rep"))
        .collect()
}

async fn ids(store: &Store, id: &ConnectionId) -> Vec<String> {
    store
        .all_workouts(id)
        .await
        .unwrap()
        .into_iter()
        .map(|w| w.id)
        .collect()
}

#[tokio::test]
async fn a_page_that_fails_midway_leaves_neither_its_items_nor_its_checkpoint() {
    let (dir, store, id) = connected("c1").await;
    store
        .apply_workouts(
            &id,
            "a_1",
            &upserts(page(0..3)),
            &checkpoint("a_1", "workouts", "p1"),
        )
        .await
        .unwrap();
    let raw = raw(&dir).await;
    // The page spans several INSERT statements; one near its end fails.
    fail_inserts(&raw, "workouts", "id", "w150").await;

    let mut changed = page(0..200);
    changed[1].name = "Renamed".into();
    let changes = Changes {
        upserts: changed,
        deleted: vec!["w002".into()],
        window: None,
    };
    let result = store
        .apply_workouts(&id, "a_1", &changes, &checkpoint("a_1", "workouts", "p2"))
        .await;

    assert!(result.is_err());
    assert_eq!(ids(&store, &id).await, ["w000", "w001", "w002"]);
    assert_eq!(store.all_workouts(&id).await.unwrap()[1].name, "Rep");
    assert_eq!(
        store
            .checkpoint(&id, "a_1", "workouts")
            .await
            .unwrap()
            .as_deref(),
        Some("p1")
    );
}

#[tokio::test]
async fn a_checkpoint_that_cannot_be_saved_takes_its_page_down_with_it() {
    let (dir, store, id) = connected("c1").await;
    fail_inserts(&raw(&dir).await, "sync_checkpoints", "state", "doomed").await;
    let result = store
        .apply_workouts(
            &id,
            "a_1",
            &upserts(page(0..10)),
            &checkpoint("a_1", "workouts", "doomed"),
        )
        .await;
    assert!(result.is_err());
    assert_eq!(store.workout_count(&id).await.unwrap(), 0);
    assert_eq!(
        store.checkpoint(&id, "a_1", "workouts").await.unwrap(),
        None
    );
}

#[tokio::test]
async fn items_of_an_unknown_connection_are_refused_with_their_checkpoint() {
    let (_dir, store, _id) = connected("c1").await;
    let nobody = ConnectionId("nobody".into());
    let result = store
        .apply_workouts(
            &nobody,
            "a_1",
            &upserts(page(0..2)),
            &checkpoint("a_1", "workouts", "x"),
        )
        .await;
    assert!(result.is_err());
    assert_eq!(store.workout_count(&nobody).await.unwrap(), 0);
    assert_eq!(
        store.checkpoint(&nobody, "a_1", "workouts").await.unwrap(),
        None
    );
}

#[tokio::test]
async fn rows_listed_again_unchanged_are_not_rewritten() {
    let (dir, store, id) = connected("c1").await;
    let raw = raw(&dir).await;
    log_writes(&raw, "workouts", "id").await;
    let cp = checkpoint("a_1", "workouts", "s");

    let first = store
        .apply_workouts(&id, "a_1", &upserts(page(0..3)), &cp)
        .await
        .unwrap();
    assert_eq!(
        first,
        Applied {
            inserted: 3,
            ..Applied::default()
        }
    );

    let mut again = page(0..4);
    again[2].planned_load = Some(61.0);
    let second = store
        .apply_workouts(&id, "a_1", &upserts(again.clone()), &cp)
        .await
        .unwrap();
    assert_eq!(
        second,
        Applied {
            inserted: 1,
            updated: 1,
            unchanged: 2,
            deleted: 0
        }
    );

    let third = store
        .apply_workouts(&id, "a_1", &upserts(again.clone()), &cp)
        .await
        .unwrap();
    assert_eq!(
        third,
        Applied {
            unchanged: 4,
            ..Applied::default()
        }
    );
    assert_eq!(writes(&raw).await, ["w000", "w001", "w002", "w002", "w003"]);
    assert_eq!(store.all_workouts(&id).await.unwrap(), again);
}

#[tokio::test]
async fn an_item_listed_twice_in_a_page_is_written_once_as_last_listed() {
    let (_dir, store, id) = connected("c1").await;
    let mut later = workout("w1", "2026-11-10", "Later");
    later.planned_duration_s = 1800;
    let changes = upserts(vec![workout("w1", "2026-11-10", "Earlier"), later.clone()]);
    let applied = store
        .apply_workouts(&id, "a_1", &changes, &checkpoint("a_1", "workouts", "s"))
        .await
        .unwrap();
    assert_eq!(applied.inserted, 1);
    assert_eq!(store.all_workouts(&id).await.unwrap(), [later]);
}

#[tokio::test]
async fn tombstones_delete_what_is_cached_and_ignore_the_rest() {
    let (_dir, store, id) = connected("c1").await;
    let cp = checkpoint("a_1", "workouts", "s");
    store
        .apply_workouts(&id, "a_1", &upserts(page(0..4)), &cp)
        .await
        .unwrap();
    let changes = Changes {
        upserts: vec![],
        deleted: vec![
            "w001".into(),
            "w003".into(),
            "never-seen".into(),
            "w001".into(),
        ],
        window: None,
    };
    let applied = store
        .apply_workouts(&id, "a_1", &changes, &cp)
        .await
        .unwrap();
    assert_eq!(applied.deleted, 2);
    assert_eq!(ids(&store, &id).await, ["w000", "w002"]);
}

#[tokio::test]
async fn a_window_deletes_only_that_athletes_unlisted_items_dated_inside_it() {
    let (_dir, store, id) = connected("c1").await;
    let cp = checkpoint("a_1", "workouts", "s");
    let mine = vec![
        workout_of("a_1", "before", "2026-11-02"),
        workout_of("a_1", "first-day", "2026-11-03"),
        workout_of("a_1", "kept", "2026-11-05"),
        workout_of("a_1", "gone", "2026-11-06"),
        workout_of("a_1", "last-day", "2026-11-07"),
        workout_of("a_1", "after", "2026-11-08"),
    ];
    let theirs = vec![workout_of("a_2", "client", "2026-11-05")];
    store
        .apply_workouts(&id, "a_1", &upserts(mine.clone()), &cp)
        .await
        .unwrap();
    store
        .apply_workouts(
            &id,
            "a_2",
            &upserts(theirs),
            &checkpoint("a_2", "workouts", "s"),
        )
        .await
        .unwrap();

    let changes = Changes {
        upserts: vec![mine[2].clone()],
        deleted: vec![],
        window: window("2026-11-03", "2026-11-07"),
    };
    let applied = store
        .apply_workouts(&id, "a_1", &changes, &cp)
        .await
        .unwrap();

    assert_eq!(
        applied,
        Applied {
            unchanged: 1,
            deleted: 3,
            ..Applied::default()
        }
    );
    assert_eq!(
        ids(&store, &id).await,
        ["after", "before", "client", "kept"]
    );
}

#[tokio::test]
async fn a_window_keeps_an_item_moved_into_it_by_the_same_page() {
    let (_dir, store, id) = connected("c1").await;
    let cp = checkpoint("a_1", "workouts", "s");
    store
        .apply_workouts(
            &id,
            "a_1",
            &upserts(vec![workout("moved", "2026-12-20", "x")]),
            &cp,
        )
        .await
        .unwrap();
    let changes = Changes {
        upserts: vec![workout("moved", "2026-11-04", "x")],
        deleted: vec![],
        window: window("2026-11-01", "2026-11-30"),
    };
    let applied = store
        .apply_workouts(&id, "a_1", &changes, &cp)
        .await
        .unwrap();
    assert_eq!((applied.updated, applied.deleted), (1, 0));
    assert_eq!(
        store.all_workouts(&id).await.unwrap()[0].date.to_string(),
        "2026-11-04"
    );
}

#[tokio::test]
async fn a_page_with_no_change_still_moves_its_checkpoint() {
    let (_dir, store, id) = connected("c1").await;
    store
        .apply_workouts(
            &id,
            "a_1",
            &upserts(page(0..2)),
            &checkpoint("a_1", "workouts", "one"),
        )
        .await
        .unwrap();
    let applied = store
        .apply_workouts(
            &id,
            "a_1",
            &upserts(page(0..2)),
            &checkpoint("a_1", "workouts", "two"),
        )
        .await
        .unwrap();
    assert_eq!(applied.unchanged, 2);
    assert_eq!(
        store
            .checkpoint(&id, "a_1", "workouts")
            .await
            .unwrap()
            .as_deref(),
        Some("two")
    );
}
