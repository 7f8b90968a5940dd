mod common;

use common::{at, connected, connection};
use offpeak_domain::{Athlete, ConnectionId};

fn ana() -> Athlete {
    Athlete {
        id: "a_1".into(),
        name: "Ana Ruiz".into(),
        timezone: Some("Europe/Madrid".into()),
        ftp_w: Some(265),
        weight_kg: Some(61.5),
        hr_max: Some(188),
        hr_rest: Some(44),
        threshold_pace_s_per_km: Some(238),
        power_zones_w: vec![146, 199, 238, 278, 318, 398],
        hr_zones_bpm: vec![131, 150, 163, 172, 188],
    }
}

#[tokio::test]
async fn a_profile_round_trips_with_its_zones_and_is_replaced_in_place() {
    let (_dir, store, id) = connected("c1").await;
    assert_eq!(store.athlete_profile(&id, "a_1").await.unwrap(), None);
    store.save_athlete_profile(&id, &ana()).await.unwrap();
    assert_eq!(
        store.athlete_profile(&id, "a_1").await.unwrap(),
        Some(ana())
    );

    let unknown = Athlete {
        id: "a_1".into(),
        name: "Ana".into(),
        ..Athlete::default()
    };
    store.save_athlete_profile(&id, &unknown).await.unwrap();
    assert_eq!(
        store.athlete_profile(&id, "a_1").await.unwrap(),
        Some(unknown)
    );
}

#[tokio::test]
async fn profiles_belong_to_one_connection() {
    let (_dir, store, id) = connected("c1").await;
    store
        .save_connection(&connection("c2"), at("2026-11-23T17:00:00Z"))
        .await
        .unwrap();
    let other = ConnectionId("c2".into());
    store.save_athlete_profile(&id, &ana()).await.unwrap();
    assert_eq!(store.athlete_profile(&other, "a_1").await.unwrap(), None);
    assert_eq!(store.athlete_profile(&id, "a_2").await.unwrap(), None);
    store.delete_connection(&id).await.unwrap();
    assert_eq!(store.athlete_profile(&id, "a_1").await.unwrap(), None);
}
