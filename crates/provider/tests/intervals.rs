//! The Intervals.icu client with a personal API key against the sandbox: the scheme, the
//! athlete id, what a person is told when something is refused, and the data mapped.

mod common;

use chrono::Days;
use common::*;
use offpeak_domain::{Sensitive, Sport};
use offpeak_provider::intervals::{IntervalsAuth, IntervalsClient};
use offpeak_provider::{ProviderError, http_client};
use offpeak_sandbox::{DEMO_INTERVALS_KEY, RunningSandbox, Variant};
use std::collections::HashSet;

fn with_key(sandbox: &RunningSandbox, key: &str) -> IntervalsClient {
    IntervalsClient::new(
        http_client(),
        &sandbox.origin(),
        IntervalsAuth::ApiKey(Sensitive::new(key.to_owned())),
    )
}

#[tokio::test]
async fn the_key_reads_its_owner_by_id_zero_empty_or_explicit() {
    let sandbox = start(Variant::Intervals).await;
    let client = with_key(&sandbox, DEMO_INTERVALS_KEY);
    let owner = client.athlete("0").await.unwrap();
    assert_eq!(owner.id, OWNER_ICU_ID);
    assert_eq!(owner.name, OWNER_NAME);
    assert!(owner.ftp_w.is_some());
    assert_eq!(client.athlete("").await.unwrap(), owner);
    assert_eq!(client.athlete(OWNER_ICU_ID).await.unwrap(), owner);
}

#[tokio::test]
async fn a_wrong_key_is_refused_with_a_message_to_enter_it_again() {
    let sandbox = start(Variant::Intervals).await;
    let client = with_key(&sandbox, "0000000000000000000000000000dead");
    match client.athlete("0").await {
        Err(e @ ProviderError::ApiKeyRefused) => {
            let message = e.to_string();
            assert!(message.contains("enter the key again"), "{message}");
            assert!(!message.contains("dead"));
        }
        other => panic!("expected the key to be refused, got {other:?}"),
    }
}

#[tokio::test]
async fn the_key_works_only_as_basic_which_the_client_always_sends() {
    let sandbox = start(Variant::Intervals).await;
    let by_hand = plain_client()
        .get(format!("{}/api/v1/athlete/0", sandbox.origin()))
        .bearer_auth(DEMO_INTERVALS_KEY)
        .send()
        .await
        .unwrap();
    assert_eq!(by_hand.status().as_u16(), 403);
    assert!(
        with_key(&sandbox, DEMO_INTERVALS_KEY)
            .athlete("0")
            .await
            .is_ok()
    );
    let as_bearer = intervals_bearer(&sandbox, &Sensitive::new(DEMO_INTERVALS_KEY.to_owned()));
    assert!(matches!(
        as_bearer.athlete("0").await,
        Err(ProviderError::AccessTokenRejected)
    ));
}

#[tokio::test]
async fn an_athlete_the_key_does_not_own_is_explained() {
    let sandbox = start(Variant::Intervals).await;
    let client = with_key(&sandbox, DEMO_INTERVALS_KEY);
    match client.athlete("i999999").await {
        Err(e @ ProviderError::AthleteNotShared { .. }) => {
            let message = e.to_string();
            assert!(message.contains("i999999"), "{message}");
            assert!(message.contains("leave the athlete ID empty"), "{message}");
        }
        other => panic!("expected athlete-not-shared, got {other:?}"),
    }
    assert!(matches!(
        client.athlete("0/fitness").await,
        Err(ProviderError::InvalidInput(_))
    ));
}

#[tokio::test]
async fn an_address_the_platform_does_not_have_is_a_bug_to_report() {
    let sandbox = start(Variant::Intervals).await;
    // A misconfigured base makes every path one the platform does not have.
    let client = IntervalsClient::new(
        http_client(),
        &format!("{}/api/v1", sandbox.origin()),
        IntervalsAuth::ApiKey(Sensitive::new(DEMO_INTERVALS_KEY.to_owned())),
    );
    match client.athlete("0").await {
        Err(e @ ProviderError::UnknownPath { .. }) => {
            let message = e.to_string();
            assert!(message.contains("/api/v1/api/v1/athlete/0"), "{message}");
            assert!(message.contains("please report it"), "{message}");
            assert!(
                !message.contains("Not Found"),
                "no raw server text: {message}"
            );
        }
        other => panic!("expected an unknown path, got {other:?}"),
    }
}

#[tokio::test]
async fn a_month_of_calendar_and_activities_maps_to_domain_types() {
    let sandbox = start(Variant::Intervals).await;
    let client = with_key(&sandbox, DEMO_INTERVALS_KEY);
    let newest = anchor();
    let oldest = newest - Days::new(30);
    let workouts = client.calendar("0", oldest, newest).await.unwrap().workouts;
    assert!(workouts.len() >= 10, "{} workouts", workouts.len());
    for w in &workouts {
        assert!(
            w.date >= oldest && w.date <= newest,
            "{} on {}",
            w.id,
            w.date
        );
        assert_eq!(w.athlete_id, OWNER_ICU_ID);
        assert!(!w.name.is_empty());
    }
    assert!(workouts.iter().any(|w| w.sport == Sport::Ride));
    assert!(workouts.iter().any(|w| w.structure.is_some()));

    let listed = client.activities_in("0", oldest, newest).await.unwrap();
    let full: Vec<_> = listed.iter().filter(|a| !a.stub).collect();
    assert!(full.len() >= 10, "{} activities", full.len());
    for a in &listed {
        assert!(a.local_date >= oldest && a.local_date <= newest, "{}", a.id);
        assert_eq!(a.athlete_id, OWNER_ICU_ID);
    }
    for a in &full {
        assert!(a.moving_time_s > 0 && a.elapsed_time_s >= a.moving_time_s);
    }
    let planned: HashSet<&str> = workouts.iter().map(|w| w.id.as_str()).collect();
    assert!(
        full.iter()
            .filter_map(|a| a.planned_workout_id.as_deref())
            .any(|id| planned.contains(id)),
        "activities link to the planned workouts they fulfil"
    );

    // Every item the platform listed is accounted for: mapped, or kept as a stub.
    let raw: Vec<serde_json::Value> = plain_client()
        .get(format!(
            "{}/api/v1/athlete/0/activities?oldest={oldest}&newest={newest}",
            sandbox.origin()
        ))
        .basic_auth("API_KEY", Some(DEMO_INTERVALS_KEY))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(raw.len(), listed.len());
}
