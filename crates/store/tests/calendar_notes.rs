mod common;

use common::{checkpoint, connected, day, note, upserts, window};
use offpeak_domain::{CalendarNote, NoteKind};
use offpeak_store::{Applied, Changes};

fn ids(notes: &[CalendarNote]) -> Vec<&str> {
    notes.iter().map(|n| n.id.as_str()).collect()
}

#[tokio::test]
async fn notes_round_trip_and_are_found_by_any_day_they_cover() {
    let (_dir, store, id) = connected("c1").await;
    let mut sick = note("sick", "2026-11-10", "2026-11-10");
    sick.kind = NoteKind::Sick;
    sick.description = None;
    let notes = vec![
        note("trip", "2026-10-28", "2026-11-02"),
        sick,
        note("later", "2026-12-01", "2026-12-03"),
    ];
    let applied = store
        .apply_notes(
            &id,
            "a_1",
            &upserts(notes.clone()),
            &checkpoint("a_1", "notes", "s"),
        )
        .await
        .unwrap();
    assert_eq!(applied.inserted, 3);

    assert_eq!(
        store.all_notes(&id).await.unwrap(),
        [notes[2].clone(), notes[1].clone(), notes[0].clone()]
    );
    let november = store
        .notes_between(&id, day("2026-11-01"), day("2026-11-30"))
        .await
        .unwrap();
    assert_eq!(november, [notes[0].clone(), notes[1].clone()]);
    let one_day = store
        .notes_between(&id, day("2026-11-02"), day("2026-11-02"))
        .await
        .unwrap();
    assert_eq!(ids(&one_day), ["trip"]);
    let gap = store
        .notes_between(&id, day("2026-11-03"), day("2026-11-09"))
        .await
        .unwrap();
    assert!(gap.is_empty());
}

#[tokio::test]
async fn a_window_over_start_dates_reveals_deleted_notes_of_that_athlete_only() {
    let (_dir, store, id) = connected("c1").await;
    let mut theirs = note("theirs", "2026-11-05", "2026-11-05");
    theirs.athlete_id = "a_2".into();
    let mine = vec![
        note("spanning-in", "2026-10-30", "2026-11-03"),
        note("inside", "2026-11-04", "2026-11-04"),
        note("listed", "2026-11-06", "2026-11-08"),
    ];
    store
        .apply_notes(
            &id,
            "a_1",
            &upserts(mine.clone()),
            &checkpoint("a_1", "notes", "s"),
        )
        .await
        .unwrap();
    store
        .apply_notes(
            &id,
            "a_2",
            &upserts(vec![theirs]),
            &checkpoint("a_2", "notes", "s"),
        )
        .await
        .unwrap();
    let changes = Changes {
        upserts: vec![mine[2].clone()],
        deleted: vec![],
        window: window("2026-11-01", "2026-11-30"),
    };
    let applied = store
        .apply_notes(&id, "a_1", &changes, &checkpoint("a_1", "notes", "t"))
        .await
        .unwrap();
    assert_eq!(
        applied,
        Applied {
            unchanged: 1,
            deleted: 1,
            ..Applied::default()
        }
    );
    assert_eq!(
        ids(&store.all_notes(&id).await.unwrap()),
        ["listed", "spanning-in", "theirs"]
    );
}

#[tokio::test]
async fn a_note_deleted_at_the_platform_is_removed() {
    let (_dir, store, id) = connected("c1").await;
    let cp = checkpoint("a_1", "notes", "s");
    store
        .apply_notes(
            &id,
            "a_1",
            &upserts(vec![note("n1", "2026-11-01", "2026-11-02")]),
            &cp,
        )
        .await
        .unwrap();
    let changes = Changes {
        deleted: vec!["n1".into()],
        ..Changes::default()
    };
    assert_eq!(
        store
            .apply_notes(&id, "a_1", &changes, &cp)
            .await
            .unwrap()
            .deleted,
        1
    );
    assert!(store.all_notes(&id).await.unwrap().is_empty());
}

#[tokio::test]
async fn notes_of_one_athlete_overlapping_a_range_by_start_date() {
    let (_dir, store, c1) = connected("c1").await;
    let c2 = common::add_connection(&store, "c2").await;
    common::put(
        &store,
        &c1,
        "a_1",
        vec![
            note("starts_on_last_day", "2026-11-08", "2026-11-12"),
            note("ends_day_before", "2026-10-25", "2026-11-01"),
            note("spans_first_day", "2026-10-28", "2026-11-02"),
            note("inside", "2026-11-04", "2026-11-04"),
            note("starts_day_after", "2026-11-09", "2026-11-09"),
            note("covers_all", "2026-10-01", "2026-12-01"),
        ],
    )
    .await;
    let theirs = CalendarNote {
        athlete_id: "a_2".into(),
        ..note("other_athlete", "2026-11-04", "2026-11-04")
    };
    common::put(&store, &c1, "a_2", vec![theirs]).await;
    common::put(
        &store,
        &c2,
        "a_1",
        vec![note("other_connection", "2026-11-04", "2026-11-04")],
    )
    .await;

    let got = store
        .notes_of(
            &c1,
            "a_1",
            common::day("2026-11-02"),
            common::day("2026-11-08"),
        )
        .await
        .unwrap();
    assert_eq!(
        ids(&got),
        [
            "covers_all",
            "spans_first_day",
            "inside",
            "starts_on_last_day"
        ]
    );
    assert_eq!(got[1], note("spans_first_day", "2026-10-28", "2026-11-02"));
}
