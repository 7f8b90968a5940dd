//! Checks that the reads behind the calendar and analysis screens are answered through an
//! index — never a full scan of a table — so they stay fast on a cache of many years.

use crate::item_table::{ItemTable, select_sql};
use crate::{Store, activities, calendar_notes, figures, workouts};

/// SQLite's plan for `sql`, one line per step.
async fn plan(store: &Store, sql: &str) -> Vec<String> {
    let rows: Vec<(i64, i64, i64, String)> =
        sqlx::query_as(sqlx::AssertSqlSafe(format!("EXPLAIN QUERY PLAN {sql}")))
            .fetch_all(store.pool())
            .await
            .unwrap();
    rows.into_iter().map(|(_, _, _, detail)| detail).collect()
}

/// Fails unless every table `sql` reads is searched (none scanned) and `index` is used.
async fn assert_searched(store: &Store, sql: &str, index: &str) {
    let steps = plan(store, sql).await;
    assert!(
        steps.iter().all(|step| !step.starts_with("SCAN")),
        "{sql}\n{steps:#?}"
    );
    assert!(
        steps.iter().any(|step| step.contains(index)),
        "{sql} does not use {index}\n{steps:#?}"
    );
}

fn select<T: ItemTable>(clause: &str) -> String {
    select_sql::<T>(clause)
}

#[tokio::test]
async fn the_screens_reads_search_an_index() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("cache.sqlite")).await.unwrap();
    let checks = [
        (
            select::<workouts::Workouts>(workouts::OF_ATHLETE),
            "workouts_by_athlete_date",
        ),
        (select::<workouts::Workouts>(workouts::ONE), "PRIMARY KEY"),
        (
            select::<activities::Activities>(activities::OF_ATHLETE),
            "activities_by_athlete_date",
        ),
        (
            select::<activities::Activities>(activities::LAST_OF_ATHLETE),
            "activities_by_athlete_start",
        ),
        (
            activities::DAILY_LOADS.to_owned(),
            "activities_by_athlete_date",
        ),
        (
            select::<calendar_notes::CalendarNotes>(calendar_notes::OF_ATHLETE),
            "calendar_notes_by_athlete_date",
        ),
        (figures::OF_ATHLETE.to_owned(), "activities_by_athlete_date"),
    ];
    for (sql, index) in checks {
        assert_searched(&store, &sql, index).await;
    }
}
