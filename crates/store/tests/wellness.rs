mod common;

use common::{checkpoint, connected, day, raw, upserts, wellness, window};
use offpeak_domain::Wellness;
use offpeak_store::{Applied, Changes, StoreError};

fn dates(days: &[Wellness]) -> Vec<String> {
    days.iter()
        .map(|w| format!("{}/{}", w.athlete_id, w.date))
        .collect()
}

#[tokio::test]
async fn days_round_trip_per_athlete_and_read_by_range() {
    let (_dir, store, id) = connected("c1").await;
    let mut sparse = wellness("a_1", "2026-11-03");
    sparse.hrv = None;
    sparse.sleep_quality = None;
    let mine = vec![
        wellness("a_1", "2026-11-01"),
        wellness("a_1", "2026-11-02"),
        sparse,
    ];
    store
        .apply_wellness(
            &id,
            "a_1",
            &upserts(mine.clone()),
            &checkpoint("a_1", "wellness", "s"),
        )
        .await
        .unwrap();
    store
        .apply_wellness(
            &id,
            "a_2",
            &upserts(vec![wellness("a_2", "2026-11-02")]),
            &checkpoint("a_2", "wellness", "s"),
        )
        .await
        .unwrap();

    let got = store
        .wellness_between(&id, "a_1", day("2026-11-02"), day("2026-11-03"))
        .await
        .unwrap();
    assert_eq!(got, mine[1..]);
    assert_eq!(
        dates(&store.all_wellness(&id).await.unwrap()),
        [
            "a_1/2026-11-01",
            "a_1/2026-11-02",
            "a_1/2026-11-03",
            "a_2/2026-11-02"
        ]
    );
}

#[tokio::test]
async fn days_are_named_by_date_for_changes_deletions_and_windows() {
    let (_dir, store, id) = connected("c1").await;
    let cp = checkpoint("a_1", "wellness", "s");
    let days: Vec<Wellness> = (1..=6)
        .map(|d| wellness("a_1", &format!("2026-11-0{d}")))
        .collect();
    store
        .apply_wellness(&id, "a_1", &upserts(days.clone()), &cp)
        .await
        .unwrap();
    store
        .apply_wellness(
            &id,
            "a_2",
            &upserts(vec![wellness("a_2", "2026-11-04")]),
            &checkpoint("a_2", "wellness", "s"),
        )
        .await
        .unwrap();

    let mut heavier = days[1].clone();
    heavier.weight_kg = Some(69.0);
    let changes = Changes {
        upserts: vec![heavier, days[2].clone()],
        deleted: vec!["2026-11-01".into(), "2026-12-25".into()],
        window: window("2026-11-02", "2026-11-05"),
    };
    let applied = store
        .apply_wellness(&id, "a_1", &changes, &cp)
        .await
        .unwrap();
    assert_eq!(
        applied,
        Applied {
            inserted: 0,
            updated: 1,
            unchanged: 1,
            deleted: 3,
        }
    );
    assert_eq!(
        dates(&store.all_wellness(&id).await.unwrap()),
        [
            "a_1/2026-11-02",
            "a_1/2026-11-03",
            "a_1/2026-11-06",
            "a_2/2026-11-04"
        ]
    );
}

#[tokio::test]
async fn a_day_of_another_athlete_is_refused_and_nothing_is_written() {
    let (dir, store, id) = connected("c1").await;
    let changes = upserts(vec![
        wellness("a_1", "2026-11-01"),
        wellness("a_2", "2026-11-01"),
    ]);
    let result = store
        .apply_wellness(&id, "a_1", &changes, &checkpoint("a_1", "wellness", "s"))
        .await;
    assert!(
        matches!(result, Err(StoreError::ForeignItem { .. })),
        "{result:?}"
    );
    assert_eq!(common::rows_of(&raw(&dir).await, "wellness", &id).await, 0);
    assert_eq!(
        store.checkpoint(&id, "a_1", "wellness").await.unwrap(),
        None
    );
}
