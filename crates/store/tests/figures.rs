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
