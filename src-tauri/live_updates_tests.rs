use super::*;
use crate::test_world::world;
use offpeak_sandbox::FaultPlan;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn live_updates_need_their_permission_then_bring_each_change_as_it_happens() {
    let world = world(FaultPlan::default()).await;
    let (told, mut changed) = tokio::sync::mpsc::unbounded_channel();
    world
        .app
        .resume_live_updates(move |connection| drop(told.send(connection)))
        .await;
    let account = world.connect().await;
    assert!(account.live_updates_offered);
    assert!(!account.live_updates_allowed);
    assert_eq!(account.live_updates_url, None);

    // Without the permission: a clear refusal, and Reconnect asks for it.
    let refused = world
        .app
        .set_live_updates(account.id.clone(), true)
        .await
        .unwrap_err();
    assert_eq!(refused.code, "scope_needed");
    assert!(refused.message.contains("Reconnect"), "{}", refused.message);
    let account = world.app.reconnect(account.id.clone(), true).await.unwrap();
    assert!(account.live_updates_allowed, "{:?}", account.scopes_granted);

    let account = world
        .app
        .set_live_updates(account.id.clone(), true)
        .await
        .unwrap();
    let url = account.live_updates_url.clone().expect("live updates on");
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");

    // A plan changed on the platform reaches the cache, and the window is told.
    let mut workout = world.sandbox.truth().workouts[2].clone();
    workout.name = "Moved by the coach".into();
    world.sandbox.put_workout(workout.clone());
    let connection = tokio::time::timeout(Duration::from_secs(30), changed.recv())
        .await
        .expect("the change arrives")
        .unwrap();
    assert_eq!(connection, account.id);
    let cached = world
        .app
        .store
        .all_workouts(&ConnectionId(account.id.clone()))
        .await
        .unwrap();
    assert!(
        cached
            .iter()
            .any(|w| w.id == workout.id && w.name == workout.name)
    );

    // Reconnecting keeps the permission; turning live updates off ends the subscription.
    let account = world
        .app
        .reconnect(account.id.clone(), false)
        .await
        .unwrap();
    assert!(account.live_updates_allowed);
    let account = world
        .app
        .set_live_updates(account.id.clone(), false)
        .await
        .unwrap();
    assert_eq!(account.live_updates_url, None);
}
