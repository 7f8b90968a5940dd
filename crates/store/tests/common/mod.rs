//! Builders shared by the store's tests.
#![allow(dead_code)]

use chrono::{DateTime, NaiveDate, Utc};
use offpeak_domain::{AuthKind, ConnectionId, ProviderKind, Scope};
use offpeak_store::{NewConnection, Store};

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
