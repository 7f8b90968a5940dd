//! Webhooks (contract §4), the delivery side: signed deliveries for changes an app may see,
//! retries with exponential back-off, deauthorization. A real sandbox and a real receiver on
//! loopback; waits are on channels, never on sleeps.

mod common;
#[path = "common/webhooks.rs"]
mod hooks;

use std::time::Duration;

use common::*;
use hooks::*;
use offpeak_sandbox::{DeliveryState, WebhookDelivery};
use serde_json::json;

// ---------------------------------------------------------------------------------------------
// Deliveries.

#[tokio::test]
async fn changes_are_delivered_signed_with_type_object_and_athlete() {
    let (sandbox, origin, _token, mut receiver, created) = subscribed(
        Receiver::ok().await,
        &["activity.created", "workout.deleted"],
    )
    .await;
    let secret = created["secret"].as_str().unwrap();
    let owner = owner_id(&origin).await;

    let change = create_activity(&origin, "a_webhook_1").await;
    let delivery = receiver.next_event().await;
    delivery.assert_signed_with(secret);
    assert_eq!(delivery.content_type, "application/json");
    let body = delivery.json();
    assert_eq!(body["type"], "activity.created");
    assert_eq!(body["object_id"], "a_webhook_1");
    assert_eq!(body["athlete_id"], owner.as_str());
    assert_eq!(body["id"], delivery.delivery.as_str());
    assert!(delivery.delivery.starts_with("dlv_"));
    let occurred = chrono::DateTime::parse_from_rfc3339(body["occurred_at"].as_str().unwrap())
        .expect("occurred_at is RFC 3339");
    let changed_at = chrono::DateTime::parse_from_rfc3339(change["at"].as_str().unwrap()).unwrap();
    assert_eq!(occurred, changed_at);

    let workout = first_workout_id(&origin).await;
    control(
        &origin,
        reqwest::Method::DELETE,
        &format!("/workouts/{workout}"),
        None,
    )
    .await;
    let delivery = receiver.next_event().await;
    delivery.assert_signed_with(secret);
    let body = delivery.json();
    assert_eq!(body["type"], "workout.deleted");
    assert_eq!(body["object_id"], workout.as_str());
    assert_eq!(body["athlete_id"], owner.as_str());

    let entry = settled(&sandbox, &delivery.delivery).await;
    assert_eq!(entry.state, DeliveryState::Delivered);
    assert_eq!(entry.attempts, 1);
    assert_eq!(entry.last_status, Some(200));
    assert_eq!(entry.subscription_id, created["id"].as_str().unwrap());
    assert_eq!(entry.event, "workout.deleted");
    assert_eq!(entry.object_id, workout);
}

#[tokio::test]
async fn event_types_not_subscribed_are_not_delivered() {
    let (sandbox, origin, _token, mut receiver, _) =
        subscribed(Receiver::ok().await, &["workout.deleted"]).await;

    create_activity(&origin, "a_webhook_2").await;
    let workout = first_workout_id(&origin).await;
    control(
        &origin,
        reqwest::Method::DELETE,
        &format!("/workouts/{workout}"),
        None,
    )
    .await;
    // Events are planned in order, so by the time the workout's delivery exists, the
    // activity's would have been logged too.
    let delivery = receiver.next_event().await;
    assert_eq!(delivery.kind(), "workout.deleted");
    assert_eq!(delivery.json()["object_id"], workout.as_str());
    let log = sandbox.webhook_deliveries();
    assert!(
        log.iter().all(|d| !d.event.starts_with("activity.")),
        "{log:#?}"
    );
    assert_eq!(log.len(), 2, "the ping and the workout: {log:#?}");
}

#[tokio::test]
async fn a_delivery_that_fails_twice_is_retried_with_growing_gaps() {
    let receiver = Receiver::start(&[500, 503], 200).await;
    let (sandbox, origin, _token, mut receiver, created) =
        subscribed(receiver, &["activity.created"]).await;
    let secret = created["secret"].as_str().unwrap();

    create_activity(&origin, "a_webhook_3").await;
    let attempts = [
        receiver.next_event().await,
        receiver.next_event().await,
        receiver.next_event().await,
    ];
    for attempt in &attempts {
        attempt.assert_signed_with(secret);
        assert_eq!(
            attempt.delivery, attempts[0].delivery,
            "one delivery, retried"
        );
        assert_eq!(attempt.body, attempts[0].body, "the same body each time");
    }
    let gaps: Vec<Duration> = attempts.windows(2).map(|w| w[1].at - w[0].at).collect();
    assert!(gaps[0] >= BACKOFF, "{gaps:?}");
    assert!(gaps[1] >= BACKOFF * 2, "{gaps:?}");

    let entry = settled(&sandbox, &attempts[0].delivery).await;
    assert_eq!(entry.state, DeliveryState::Delivered);
    assert_eq!(entry.attempts, 3);
    assert_eq!(entry.last_status, Some(200));
    assert!(receiver.pending().is_empty(), "no attempt after success");
}

#[tokio::test]
async fn a_delivery_that_always_fails_is_tried_six_times_then_given_up() {
    let receiver = Receiver::start(&[], 500).await;
    let (sandbox, origin, _token, mut receiver, created) =
        subscribed(receiver, &["activity.created"]).await;

    create_activity(&origin, "a_webhook_4").await;
    let first = receiver.next_event().await;
    let entry = settled(&sandbox, &first.delivery).await;
    assert_eq!(entry.state, DeliveryState::Failed);
    assert_eq!(entry.attempts, 6);
    assert_eq!(entry.last_status, Some(500));
    assert!(entry.last_error.is_some());
    assert_eq!(entry.subscription_id, created["id"].as_str().unwrap());

    // Every attempt reached the receiver before the delivery was given up.
    let mut attempts = vec![first];
    attempts.extend(receiver.pending());
    assert_eq!(attempts.len(), 6, "1 attempt + 5 retries");
    assert!(attempts.iter().all(|a| a.delivery == entry.id));
    let gaps: Vec<Duration> = attempts.windows(2).map(|w| w[1].at - w[0].at).collect();
    for (i, gap) in gaps.iter().enumerate() {
        assert!(*gap >= BACKOFF * 2u32.pow(i as u32), "gap {i}: {gaps:?}");
    }
}

#[tokio::test]
async fn revoking_the_grant_sends_deauthorized_and_stops_deliveries_for_that_app() {
    let sandbox = start_with(config()).await;
    let origin = sandbox.origin();
    let owner = owner_id(&origin).await;

    let token = access_token(&origin, WEBHOOKS).await;
    let mut first = Receiver::ok().await;
    let created = subscribe(
        &origin,
        &token,
        &first.url,
        &["activity.created", "athlete.deauthorized"],
    )
    .await;
    let secret = created["secret"].as_str().unwrap();
    assert_eq!(first.next().await.kind(), "webhook.ping");

    let revoked = control(
        &origin,
        reqwest::Method::POST,
        "/grants/revoke",
        Some(json!({})),
    )
    .await;
    assert_eq!(revoked["revoked"], 1);
    let delivery = first.next_event().await;
    delivery.assert_signed_with(secret);
    let body = delivery.json();
    assert_eq!(body["type"], "athlete.deauthorized");
    assert_eq!(body["athlete_id"], owner.as_str());
    assert_eq!(body["object_id"], owner.as_str());

    // Another app, authorized after the revocation, sees the next change; the first does not.
    let other = other_app_token(&origin, WEBHOOKS).await;
    let mut second = Receiver::ok().await;
    subscribe(&origin, &other, &second.url, &["activity.created"]).await;
    assert_eq!(second.next().await.kind(), "webhook.ping");
    let (_, listed) = list(&origin, &other).await;
    assert_eq!(listed["data"].as_array().unwrap().len(), 1, "{listed}");
    assert_ne!(listed["data"][0]["id"], created["id"]);
    assert_eq!(
        delete_webhook(&origin, &other, created["id"].as_str().unwrap())
            .await
            .status(),
        404,
        "another app's subscription is not found"
    );

    create_activity(&origin, "a_webhook_5").await;
    let seen = second.next_event().await;
    assert_eq!(seen.json()["object_id"], "a_webhook_5");
    // Deliveries of one event are all logged before any is sent.
    let log = sandbox.webhook_deliveries();
    let to_first: Vec<&WebhookDelivery> = log
        .iter()
        .filter(|d| d.subscription_id == created["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        to_first.len(),
        2,
        "the ping and the deauthorization: {log:#?}"
    );
    assert!(first.pending().is_empty());

    // The first app's old token is dead with its grant.
    assert_eq!(
        api_get(&origin, "/webhooks", Some(&token)).await.status(),
        401
    );
}
