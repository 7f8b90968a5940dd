mod common;

use common::{checkpoint, day, upserts};
use offpeak_domain::ConnectionId;
use offpeak_domain::samples::activity;
use offpeak_store::Store;
use sqlx::migrate::Migrator;
use sqlx::sqlite::SqliteConnectOptions;
use std::path::Path;

/// Builds, at `file`, a cache as Offpeak left it after migrations 0001 and 0002, with data.
async fn cache_of_the_0002_era(file: &Path) {
    let only_first_two = tempfile::tempdir().unwrap();
    let migrations = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    for name in ["0001_initial.sql", "0002_accounts.sql"] {
        std::fs::copy(migrations.join(name), only_first_two.path().join(name)).unwrap();
    }
    let migrator = Migrator::new(only_first_two.path()).await.unwrap();
    let options = SqliteConnectOptions::new()
        .filename(file)
        .create_if_missing(true)
        .foreign_keys(true);
    let pool = sqlx::SqlitePool::connect_with(options).await.unwrap();
    migrator.run(&pool).await.unwrap();
    for statement in [
        "INSERT INTO connections (id, provider, origin, client_id, athlete_id, athlete_name, scopes,
           created_at, auth_kind, requested_scopes, status)
         VALUES ('c1', 'velopeak', 'http://127.0.0.1:9', 'client', 'a_1', 'Ana Ruiz',
           'activities:read', '2026-01-05T10:00:00Z', 'oauth', 'activities:read', 'active')",
        "INSERT INTO athletes (connection_id, id, name, is_self, position) VALUES ('c1', 'a_1', 'Ana Ruiz', 1, 0)",
        "INSERT INTO workouts (connection_id, id, athlete_id, date, start_time, sport, name, description,
           planned_duration_s, planned_distance_m, planned_load, structure, updated_at)
         VALUES ('c1', 'w1', 'a_1', '2026-01-06', NULL, 'ride', 'Tempo', NULL, 3600, NULL, 60.0,
           '{\"steps\":[]}', '2026-01-05T10:00:00Z')",
        "INSERT INTO activities (connection_id, id, athlete_id, start_time, timezone, local_date, sport,
           name, elapsed_time_s, moving_time_s, distance_m, elevation_gain_m, avg_power_w, avg_hr, load,
           trainer, planned_workout_id, updated_at)
         VALUES ('c1', 'x1', 'a_1', '2026-01-06T07:30:00Z', 'Europe/Madrid', '2026-01-06', 'run',
           'Morning run', 3700, 3600, 10200.0, 85.0, NULL, 148.0, 55.0, 0, 'w1', '2026-01-06T10:00:00Z')",
        "INSERT INTO sync_state (connection_id, resource, next_cursor, completed_at)
         VALUES ('c1', 'activities', NULL, '2026-01-06T11:00:00Z')",
    ] {
        sqlx::query(statement).execute(&pool).await.unwrap();
    }
    pool.close().await;
}

#[tokio::test]
async fn a_cache_of_the_0002_era_migrates_with_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cache.sqlite");
    cache_of_the_0002_era(&file).await;

    let store = Store::open(&file).await.unwrap();
    store.integrity_check().await.unwrap();
    let id = ConnectionId("c1".into());
    assert_eq!(
        store.connection(&id).await.unwrap().unwrap().athlete_name,
        "Ana Ruiz"
    );
    assert_eq!(store.athletes(&id).await.unwrap().len(), 1);
    let workouts = store.all_workouts(&id).await.unwrap();
    assert_eq!((workouts[0].id.as_str(), workouts[0].race), ("w1", None));
    let old = store.activity(&id, "x1").await.unwrap().unwrap();
    assert_eq!(old.name, "Morning run");
    assert_eq!(old.planned_workout_id.as_deref(), Some("w1"));
    assert!(old.stream_types.is_empty() && !old.stub && old.description.is_none());
    let old_tables: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE name = 'sync_state'")
            .fetch_all(&common::raw(&dir).await)
            .await
            .unwrap();
    assert!(
        old_tables.is_empty(),
        "the superseded sync_state table is dropped"
    );
    // Nothing says the old row has streams until it is synced again.
    assert_eq!(store.count_needing_streams(&id, None).await.unwrap(), 0);

    let resynced = activity("x1", "2026-01-06", Some("w1"));
    let applied = store
        .apply_activities(
            &id,
            "a_1",
            &upserts(vec![resynced.clone()]),
            &checkpoint("a_1", "activities", "s"),
        )
        .await
        .unwrap();
    assert_eq!(applied.updated, 1);
    assert_eq!(
        store
            .stream_task(&id, "x1")
            .await
            .unwrap()
            .unwrap()
            .fingerprint,
        resynced.streams_fingerprint()
    );
    assert_eq!(
        store
            .activities_between(day("2026-01-06"), day("2026-01-06"))
            .await
            .unwrap(),
        [resynced]
    );
    let dangling: Vec<(String, i64, String, i64)> = sqlx::query_as("PRAGMA foreign_key_check")
        .fetch_all(&common::raw(&dir).await)
        .await
        .unwrap();
    assert!(dangling.is_empty(), "{dangling:?}");
    store.integrity_check().await.unwrap();
    store.close().await;

    // Opening again applies nothing twice.
    let again = Store::open(&file).await.unwrap();
    assert_eq!(again.all_activities(&id).await.unwrap().len(), 1);
}
