//! Live updates: the local receiver takes VeloPeak's signed deliveries. A good one makes the
//! named object sync at once; forged, stale and replayed ones are refused or ignored.

mod common;

use common::{World, anchor, roomy, world_with};
use offpeak_sandbox::SandboxConfig;
use offpeak_store::ConnectionRecord;
use offpeak_sync::{Syncer, WebhookReceiver};
use std::sync::Arc;
use std::time::{Duration, Instant};

const DEADLINE: Duration = Duration::from_secs(20);

async fn subscribed(world: &World) -> (ConnectionRecord, Arc<Syncer>, WebhookReceiver) {
    world.streams_on_demand().await;
    let connection = world.connect_with_webhooks().await;
    let syncer = Arc::new(world.syncer());
    syncer.sync(&connection.id).await.unwrap();
    let receiver = WebhookReceiver::start(
        syncer.clone(),
        world.store.clone(),
        world.vault.clone(),
        ([127, 0, 0, 1], 0).into(),
    )
    .await
    .unwrap();
    receiver.enable(&connection.id).await.unwrap();
    (connection, syncer, receiver)
}

/// Posts `body` to the receiver as the platform would, signed with `secret` at `t`.
async fn deliver(url: &str, secret: &str, t: i64, body: &str) -> u16 {
    reqwest::Client::new()
        .post(url)
        .header("content-type", "application/json")
        .header(
            "x-velopeak-signature",
            offpeak_sandbox::sign(secret, t, body.as_bytes()),
        )
        .body(body.to_owned())
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

async fn webhook_secret(world: &World, connection: &ConnectionRecord) -> String {
    world
        .vault
        .get(&format!("connection/{}/webhook-secret", connection.id))
        .await
        .unwrap()
        .expect("the signing secret is in the keychain")
        .expose()
        .clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_at_the_platform_reaches_the_cache_through_its_webhook() {
    let world = world_with(roomy(SandboxConfig::demo(anchor()))).await;
    let (connection, _syncer, receiver) = subscribed(&world).await;
    let mut synced = receiver.synced();
    let subscription = world
        .store
        .webhook_subscription(&connection.id)
        .await
        .unwrap();
    assert!(subscription.is_some(), "the subscription is recorded");
    let mut workout = world.sandbox.truth().workouts[3].clone();
    workout.name = "Moved by the coach".into();
    world.sandbox.put_workout(workout.clone());
    let started = Instant::now();
    loop {
        let cached = world.store.all_workouts(&connection.id).await.unwrap();
        if cached
            .iter()
            .any(|w| w.id == workout.id && w.name == workout.name)
        {
            break;
        }
        assert!(
            started.elapsed() < DEADLINE,
            "the webhook never brought the change"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let told = tokio::time::timeout(DEADLINE, synced.recv()).await;
    assert_eq!(told.unwrap().unwrap(), connection.id, "a window is told");
    let deleted = world.sandbox.truth().activities[5].id.clone();
    world
        .sandbox
        .delete(offpeak_sandbox::Resource::Activity, &deleted);
    loop {
        if world
            .store
            .activity(&connection.id, &deleted)
            .await
            .unwrap()
            .is_none()
        {
            break;
        }
        assert!(started.elapsed() < DEADLINE, "the deletion never arrived");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forged_stale_and_replayed_deliveries_change_nothing() {
    let world = world_with(roomy(SandboxConfig::demo(anchor()))).await;
    let (connection, _syncer, receiver) = subscribed(&world).await;
    let url = receiver.callback_url(&connection.id);
    let secret = webhook_secret(&world, &connection).await;
    let workout = world.sandbox.truth().workouts[0].clone();
    let body = format!(
        r#"{{"id":"dlv_test_1","type":"workout.deleted","athlete_id":"{}","object_id":"{}","occurred_at":"2026-11-23T08:00:00Z"}}"#,
        workout.athlete_id, workout.id
    );
    let now = chrono::Utc::now().timestamp();
    assert_eq!(
        deliver(&url, "whsec_forged", now, &body).await,
        401,
        "forged"
    );
    assert_eq!(deliver(&url, &secret, now - 301, &body).await, 401, "stale");
    let tampered = body.replace("workout.deleted", "activity.deleted");
    let header = offpeak_sandbox::sign(&secret, now, body.as_bytes());
    let status = reqwest::Client::new()
        .post(&url)
        .header("x-velopeak-signature", header)
        .body(tampered)
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, 401, "a body that is not the one signed");
    let cached = world.store.all_workouts(&connection.id).await.unwrap();
    assert!(
        cached.iter().any(|w| w.id == workout.id),
        "nothing was deleted"
    );

    // A genuine delivery is acted on once; its replay is acknowledged and ignored.
    assert_eq!(deliver(&url, &secret, now, &body).await, 202);
    assert_eq!(deliver(&url, &secret, now, &body).await, 200, "replayed");
}
