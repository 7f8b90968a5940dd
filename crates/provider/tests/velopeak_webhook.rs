//! Webhooks: the receiver's signature check against the sandbox's own signer, reading
//! deliveries, and a subscription proven by the platform's signed ping and fed by a change.

mod common;

use common::wire::{Received, webhook_receiver};
use common::*;
use offpeak_provider::velopeak::webhook::{
    DeliveryKind, SignatureError, TOLERANCE_S, parse_delivery, verify_signature,
};
use offpeak_sandbox::{SIGNATURE_TOLERANCE_S, Variant, sign};
use std::time::Duration;
use tokio::sync::mpsc::UnboundedReceiver;

const SECRET: &str = "whsec_3f9c0a1b2d4e5f60";
const BODY: &[u8] = br#"{"id":"dlv_1","type":"activity.created","athlete_id":"a_1","object_id":"act_1","occurred_at":"2026-11-23T10:00:00Z"}"#;
const T: i64 = 1_795_428_000;

/// The `v1=` value of a header made by `sign`.
fn v1(header: &str) -> &str {
    header.split_once(",v1=").unwrap().1
}

#[test]
fn a_body_signed_by_the_platform_verifies_within_five_minutes() {
    assert_eq!(TOLERANCE_S, SIGNATURE_TOLERANCE_S);
    let header = sign(SECRET, T, BODY);
    for now in [T, T + 10, T - 10, T + 300, T - 300] {
        assert_eq!(verify_signature(SECRET, &header, BODY, now), Ok(T), "{now}");
    }
    assert_eq!(
        verify_signature(SECRET, &header, BODY, T + 301),
        Err(SignatureError::Stale { age_s: 301 })
    );
    assert_eq!(
        verify_signature(SECRET, &header, BODY, T - 400),
        Err(SignatureError::Stale { age_s: -400 })
    );
}

#[test]
fn forged_and_tampered_deliveries_are_refused() {
    let header = sign(SECRET, T, BODY);
    assert_eq!(
        verify_signature("whsec_guessed", &header, BODY, T),
        Err(SignatureError::Mismatch)
    );
    let tampered = String::from_utf8_lossy(BODY).replace("act_1", "act_2");
    assert_eq!(
        verify_signature(SECRET, &header, tampered.as_bytes(), T),
        Err(SignatureError::Mismatch)
    );
    // The same signature moved to another time does not fit.
    let moved = format!("t={},v1={}", T + 1, v1(&header));
    assert_eq!(
        verify_signature(SECRET, &moved, BODY, T),
        Err(SignatureError::Mismatch)
    );
    let signature = v1(&header);
    let last = if signature.ends_with('0') { '1' } else { '0' };
    let flipped = format!("t={T},v1={}{last}", &signature[..63]);
    assert_eq!(
        verify_signature(SECRET, &flipped, BODY, T),
        Err(SignatureError::Mismatch)
    );
}

#[test]
fn garbage_headers_are_malformed() {
    let header = sign(SECRET, T, BODY);
    for garbage in [
        String::new(),
        "garbage".to_owned(),
        format!("v1={}", v1(&header)),
        format!("t={T}"),
        format!("t=yesterday,v1={}", v1(&header)),
        format!("t={T},t={T},v1={}", v1(&header)),
    ] {
        assert_eq!(
            verify_signature(SECRET, &garbage, BODY, T),
            Err(SignatureError::Malformed),
            "{garbage:?}"
        );
    }
}

#[test]
fn one_good_signature_among_several_is_enough() {
    let good = v1(&sign(SECRET, T, BODY)).to_owned();
    let old = v1(&sign("whsec_rotated_out", T, BODY)).to_owned();
    let rotating = format!("t={T},v1={old},v1=zz,v1={good}");
    assert_eq!(verify_signature(SECRET, &rotating, BODY, T), Ok(T));
    let none_good = format!("t={T},v1={old},v1=zz");
    assert_eq!(
        verify_signature(SECRET, &none_good, BODY, T),
        Err(SignatureError::Mismatch)
    );
}

async fn next(received: &mut UnboundedReceiver<Received>) -> Received {
    tokio::time::timeout(Duration::from_secs(10), received.recv())
        .await
        .expect("a delivery within ten seconds")
        .expect("the receiver is running")
}

#[tokio::test]
async fn a_subscription_is_proven_by_a_signed_ping_and_fed_by_changes() {
    let sandbox = start(Variant::VeloPeak).await;
    let token = sign_in(
        velopeak_profile(&sandbox),
        &format!("{VELOPEAK_SCOPES} webhooks"),
    )
    .await
    .access_token;
    let client = velopeak_client(&sandbox);
    let (callback, mut received) = webhook_receiver().await;
    let subscription = client
        .subscribe_webhook(&token, &callback, &["workout.updated", "workout.deleted"])
        .await
        .unwrap();
    assert_eq!(subscription.callback_url, callback);
    assert!(!format!("{subscription:?}").contains(subscription.secret.expose()));
    let secret = subscription.secret.expose();

    let ping = next(&mut received).await;
    let header = ping.header("x-velopeak-signature").unwrap();
    let now = chrono::Utc::now().timestamp();
    verify_signature(secret, header, &ping.body, now).unwrap();
    assert!(verify_signature("whsec_other", header, &ping.body, now).is_err());
    let delivery = parse_delivery(&ping.body).unwrap();
    assert_eq!(delivery.kind, DeliveryKind::Ping);
    assert_eq!(
        Some(delivery.id.as_str()),
        ping.header("x-velopeak-delivery")
    );

    let mut workout = sandbox.truth().workouts[0].clone();
    workout.name = "Moved to the evening".into();
    let change = sandbox.put_workout(workout.clone());
    let update = next(&mut received).await;
    let header = update.header("x-velopeak-signature").unwrap();
    verify_signature(secret, header, &update.body, now).unwrap();
    let delivery = parse_delivery(&update.body).unwrap();
    assert_eq!(delivery.kind, DeliveryKind::WorkoutChanged);
    assert_eq!(delivery.object_id.as_deref(), Some(workout.id.as_str()));
    assert_eq!(delivery.athlete_id, workout.athlete_id);
    assert_eq!(delivery.occurred_at, change.at);

    client
        .delete_webhook(&token, &subscription.id)
        .await
        .unwrap();
    client
        .delete_webhook(&token, &subscription.id)
        .await
        .expect("a subscription already gone counts as removed");
}

#[tokio::test]
async fn a_callback_that_does_not_answer_is_refused_with_its_address() {
    let sandbox = start(Variant::VeloPeak).await;
    let token = sign_in(
        velopeak_profile(&sandbox),
        &format!("{VELOPEAK_SCOPES} webhooks"),
    )
    .await
    .access_token;
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let callback = format!("http://{}/hook", closed.local_addr().unwrap());
    drop(closed);
    let client = velopeak_client(&sandbox);
    let refused = client
        .subscribe_webhook(&token, &callback, &["activity.created"])
        .await
        .unwrap_err();
    assert!(refused.to_string().contains(&callback), "{refused}");
    let without_scope = velopeak_token(&sandbox).await;
    assert!(matches!(
        client.subscribe_webhook(&without_scope, &callback, &["activity.created"]).await,
        Err(offpeak_provider::ProviderError::InsufficientScope(s)) if s == "webhooks"
    ));
}
