//! Builders shared by the store's tests.
#![allow(dead_code)]

use chrono::{DateTime, NaiveDate, Utc};
use offpeak_domain::samples;
use offpeak_domain::{
    Activity, ActivityFigures, AuthKind, CalendarNote, ConnectionId, NoteKind, ProviderKind, Scope,
    StreamData, StreamKind, Streams, Wellness, Workout,
};
use offpeak_store::{Changes, DateWindow, NewConnection, PageCheckpoint, Store};

pub async fn open_temp() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("cache.sqlite")).await.unwrap();
    (dir, store)
}

pub fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

pub fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

pub fn connection(id: &str) -> NewConnection {
    NewConnection {
        id: ConnectionId(id.to_owned()),
        provider: ProviderKind::Velopeak,
        auth_kind: AuthKind::OAuth,
        origin: "http://127.0.0.1:9".into(),
        client_id: "client".into(),
        registration_id: Some("r1".into()),
        athlete_id: "a_1".into(),
        athlete_name: "Ana Ruiz".into(),
        scopes: Scope::parse_list("athlete:read workouts:read"),
        requested_scopes: Scope::parse_list("athlete:read workouts:read activities:read"),
        access_expires_at: Some(at("2026-11-23T18:00:00Z")),
    }
}

/// A fresh cache with one connection, `id`, recorded in it.
pub async fn connected(id: &str) -> (tempfile::TempDir, Store, ConnectionId) {
    let (dir, store) = open_temp().await;
    store
        .save_connection(&connection(id), at("2026-11-23T17:00:00Z"))
        .await
        .unwrap();
    (dir, store, ConnectionId(id.to_owned()))
}

/// Records one more connection, `id`, in `store`.
pub async fn add_connection(store: &Store, id: &str) -> ConnectionId {
    store
        .save_connection(&connection(id), at("2026-11-23T17:30:00Z"))
        .await
        .unwrap();
    ConnectionId(id.to_owned())
}

/// Applies `items` of `athlete_id` as one page of `connection`.
pub async fn put<T: offpeak_store::CachedItem>(
    store: &Store,
    connection: &ConnectionId,
    athlete_id: &str,
    items: Vec<T>,
) {
    store
        .apply_changes(
            connection,
            athlete_id,
            &upserts(items),
            &checkpoint(athlete_id, "items", "s"),
        )
        .await
        .unwrap();
}

/// A second pool on the cache file, for what the store's API does not offer: planting a trigger
/// that makes a write fail, or counting rows of any table.
pub async fn raw(dir: &tempfile::TempDir) -> sqlx::SqlitePool {
    let options = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(dir.path().join("cache.sqlite"))
        .foreign_keys(true);
    sqlx::SqlitePool::connect_with(options).await.unwrap()
}

/// Makes every insert into `table` of the row whose `column` is `value` fail.
pub async fn fail_inserts(pool: &sqlx::SqlitePool, table: &str, column: &str, value: &str) {
    let sql = format!(
        "CREATE TRIGGER fail_{table} BEFORE INSERT ON {table} WHEN NEW.{column} = '{value}'
         BEGIN SELECT RAISE(ABORT, 'forced failure'); END"
    );
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .execute(pool)
        .await
        .unwrap();
}

/// Logs every insert into and update of `table` (by key `column`) in a `writes` table.
pub async fn log_writes(pool: &sqlx::SqlitePool, table: &str, column: &str) {
    sqlx::query("CREATE TABLE IF NOT EXISTS writes (item TEXT NOT NULL)")
        .execute(pool)
        .await
        .unwrap();
    for event in ["INSERT", "UPDATE"] {
        let sql = format!(
            "CREATE TRIGGER log_{event}_{table} AFTER {event} ON {table}
             BEGIN INSERT INTO writes (item) VALUES (NEW.{column}); END"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(pool)
            .await
            .unwrap();
    }
}

/// The keys the `writes` log holds, in the order they were written.
pub async fn writes(pool: &sqlx::SqlitePool) -> Vec<String> {
    sqlx::query_scalar("SELECT item FROM writes ORDER BY rowid")
        .fetch_all(pool)
        .await
        .unwrap()
}

/// How many rows of `table` belong to `connection`.
pub async fn rows_of(pool: &sqlx::SqlitePool, table: &str, connection: &ConnectionId) -> i64 {
    let sql = format!("SELECT COUNT(*) FROM {table} WHERE connection_id = ?");
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .bind(&connection.0)
        .fetch_one(pool)
        .await
        .unwrap()
}

pub fn checkpoint<'a>(
    athlete_id: &'a str,
    resource: &'a str,
    state: &'a str,
) -> PageCheckpoint<'a> {
    PageCheckpoint {
        athlete_id,
        resource,
        state,
    }
}

/// Changes that only upsert `items`.
pub fn upserts<T>(items: Vec<T>) -> Changes<T> {
    Changes {
        upserts: items,
        ..Changes::default()
    }
}

pub fn window(oldest: &str, newest: &str) -> Option<DateWindow> {
    Some(DateWindow {
        oldest: day(oldest),
        newest: day(newest),
    })
}

/// `workout` of another athlete.
pub fn workout_of(athlete_id: &str, id: &str, date: &str) -> Workout {
    Workout {
        athlete_id: athlete_id.into(),
        ..samples::workout(id, date, "Intervals")
    }
}

/// `activity` of another athlete.
pub fn activity_of(athlete_id: &str, id: &str, date: &str) -> Activity {
    Activity {
        athlete_id: athlete_id.into(),
        ..samples::activity(id, date, None)
    }
}

/// A note from `start` to `end` (inclusive).
pub fn note(id: &str, start: &str, end: &str) -> CalendarNote {
    CalendarNote {
        id: id.into(),
        athlete_id: "a_1".into(),
        kind: NoteKind::Holiday,
        start_date: day(start),
        end_date: day(end),
        name: "Alps".into(),
        description: Some("No bike ✈".into()),
        updated_at: at("2026-11-02T09:00:00Z"),
    }
}

/// A fully measured morning.
pub fn wellness(athlete_id: &str, date: &str) -> Wellness {
    Wellness {
        athlete_id: athlete_id.into(),
        date: day(date),
        resting_hr: Some(46),
        hrv: Some(72.5),
        weight_kg: Some(68.4),
        sleep_s: Some(27_900),
        sleep_quality: Some(3),
        updated_at: at("2026-11-02T07:00:00Z"),
    }
}

/// `samples` seconds of a ride with time, power, heart rate (with a dropout) and position.
pub fn streams(samples: usize) -> Streams {
    let mut streams = Streams::default();
    let seconds = (0..samples).map(|i| i as f64);
    streams.insert(
        StreamKind::Time,
        StreamData::Scalar(seconds.clone().map(Some).collect()),
    );
    streams.insert(
        StreamKind::Watts,
        StreamData::Scalar(seconds.clone().map(|s| Some(200.0 + s % 40.0)).collect()),
    );
    streams.insert(
        StreamKind::Heartrate,
        StreamData::Scalar(
            seconds
                .clone()
                .map(|s| (s as usize % 50 != 7).then_some(140.0 + s % 9.0))
                .collect(),
        ),
    );
    streams.insert(
        StreamKind::Latlng,
        StreamData::LatLng(
            seconds
                .map(|s| Some([40.4168 + s * 1e-5, -3.7038 - s * 1e-5]))
                .collect(),
        ),
    );
    streams
}

pub fn figures() -> ActivityFigures {
    ActivityFigures {
        power_curve: vec![(5, 412.5), (60, 301.25), (300, 262.0)],
        power_zone_s: vec![600, 1200, 900, 300, 60, 0, 0],
        hr_zone_s: vec![300, 1800, 900, 100, 0],
        normalized_power_w: Some(243.7),
        intensity_factor: Some(0.87),
        load: Some(71.2),
    }
}

/// `streams` as the cache gives them back: each series through the stream codec (which may
/// round its samples).
pub fn stored(streams: &Streams) -> Streams {
    Streams {
        series: streams
            .series
            .iter()
            .map(|(kind, data)| {
                let blob = offpeak_store::codec::encode(data);
                (*kind, offpeak_store::codec::decode(&blob).unwrap())
            })
            .collect(),
    }
}
