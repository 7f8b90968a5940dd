use super::*;
use crate::sync_views::{StreamsChoice, SyncPhaseName};
use crate::test_world::{World, approving_browser, world};
use offpeak_sandbox::FaultPlan;
use offpeak_store::Store;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::mpsc::{UnboundedReceiver, unbounded_channel};

impl World {
    /// The progress events of every sync from now on, as the window would receive them.
    fn events(&self) -> (JoinHandle<()>, UnboundedReceiver<SyncProgressView>) {
        let (sender, receiver) = unbounded_channel();
        let hub = self.app.keychain().unwrap().syncer.progress();
        let forwarder = forward_progress(hub, move |view| {
            let _ = sender.send(view);
        });
        (forwarder, receiver)
    }
}

/// Events up to and including the next one that ends a sync.
async fn until_ended(events: &mut UnboundedReceiver<SyncProgressView>) -> Vec<SyncProgressView> {
    let mut seen = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(120);
    while seen.last().is_none_or(|v: &SyncProgressView| !v.ended) {
        let left = deadline.saturating_duration_since(Instant::now());
        let next = tokio::time::timeout(left, events.recv())
            .await
            .expect("a sync ends within two minutes")
            .expect("the progress events go on");
        seen.push(next);
    }
    seen
}

#[tokio::test]
async fn every_step_of_a_sync_reaches_the_window_and_the_latest_stays_for_later_screens() {
    let world = world(FaultPlan::default()).await;
    let account = world.connect().await;
    let (_forwarder, mut events) = world.events();

    let report = world.app.sync_now(account.id.clone()).await.unwrap();
    let seen = until_ended(&mut events).await;

    let phases: Vec<SyncPhaseName> = seen.iter().map(|v| v.phase).collect();
    let calendar = phases.iter().position(|p| *p == SyncPhaseName::Calendar);
    let history = phases.iter().position(|p| *p == SyncPhaseName::History);
    assert!(
        calendar.is_some() && calendar < history,
        "the calendar comes before history: {phases:?}"
    );
    let last = seen.last().unwrap();
    assert_eq!(last.phase, SyncPhaseName::Finished);
    assert_eq!(last.connection_id, account.id);
    assert!(last.bytes > 0.0 && last.requests > 0, "{last:?}");
    assert!(seen.iter().all(|v| v.connection_id == account.id));
    assert!(
        seen.windows(2).all(|pair| pair[0].at <= pair[1].at),
        "reports come in order"
    );
    assert!(report.activities > 0);

    // A screen opened now learns how the last sync ended.
    assert_eq!(world.app.sync_progress(), vec![last.clone()]);
}

#[tokio::test]
async fn a_cancelled_sync_ends_calmly_and_keeps_what_it_fetched() {
    // Slow answers, so the sync is still running when it is cancelled.
    let world = world(FaultPlan {
        latency_ms: 40,
        ..FaultPlan::default()
    })
    .await;
    let account = world.connect().await;
    let (_forwarder, mut events) = world.events();
    assert!(
        !world.app.cancel_sync(account.id.clone()),
        "nothing to cancel yet"
    );

    let app = Arc::new(world.app);
    let sync = tokio::spawn({
        let (app, id) = (app.clone(), account.id.clone());
        async move { app.sync_now(id).await }
    });
    // Once the calendar is in, cancel.
    loop {
        let event = events.recv().await.unwrap();
        assert!(!event.ended, "the sync ended before it was cancelled");
        if event.phase == SyncPhaseName::History {
            break;
        }
    }
    assert!(app.cancel_sync(account.id.clone()));

    let err = sync.await.unwrap().unwrap_err();
    assert_eq!(err.code, "cancelled");
    let last = until_ended(&mut events).await.pop().unwrap();
    assert_eq!(last.phase, SyncPhaseName::Cancelled);
    assert!(last.message.unwrap().contains("kept"));
    let accounts = app.list_accounts().await.unwrap();
    assert!(
        accounts[0].cache.workouts > 0,
        "the calendar window is kept"
    );
    assert_eq!(accounts[0].last_error, None, "a cancel is not an error");
    assert!(!app.cancel_sync(account.id.clone()), "it has stopped");
}

#[tokio::test]
async fn an_unreachable_platform_is_reported_as_offline() {
    let world = world(FaultPlan::default()).await;
    let account = world.connect().await;
    let (_forwarder, mut events) = world.events();
    world.sandbox.shutdown().await;

    let err = world.app.sync_now(account.id.clone()).await.unwrap_err();
    assert_eq!(err.code, "offline");
    let last = until_ended(&mut events).await.pop().unwrap();
    assert_eq!(last.phase, SyncPhaseName::Offline);
    assert!(last.ended);
}

#[tokio::test]
async fn settings_are_checked_and_kept_and_saving_wakes_the_schedule() {
    let world = world(FaultPlan::default()).await;
    let account = world.connect().await;
    let (sender, mut events) = unbounded_channel();
    world.app.start_background(move |view| {
        let _ = sender.send(view);
    });

    // The schedule's first round runs at once and syncs the connection.
    let first = until_ended(&mut events).await.pop().unwrap();
    assert_eq!(
        (first.phase, first.connection_id.as_str()),
        (SyncPhaseName::Finished, account.id.as_str())
    );

    let wanted = SyncSettingsView {
        interval_minutes: 180,
        streams: StreamsChoice::RecentMonths,
        months: 2,
    };
    assert_eq!(world.app.save_sync_settings(wanted).await.unwrap(), wanted);
    assert_eq!(world.app.sync_settings().await.unwrap(), wanted);
    // Saving woke the schedule: another round runs now, with the new streams policy.
    let woken = until_ended(&mut events).await;
    assert_eq!(woken.last().unwrap().phase, SyncPhaseName::Finished);
    assert!(
        woken.iter().any(|v| v.phase == SyncPhaseName::Streams),
        "the new policy fetched streams: {:?}",
        woken.iter().map(|v| v.phase).collect::<Vec<_>>()
    );

    let refused = world
        .app
        .save_sync_settings(SyncSettingsView {
            months: 0,
            ..wanted
        })
        .await
        .unwrap_err();
    assert_eq!(refused.code, "invalid_input");
    assert_eq!(world.app.sync_settings().await.unwrap(), wanted);

    // Closing the app stops the events: the forwarder lets go of its sender.
    world.app.stop_background();
    assert!(events.recv().await.is_none());
}

#[tokio::test]
async fn an_opened_activity_gets_its_streams_at_once_and_only_once() {
    let world = world(FaultPlan::default()).await;
    let account = world.connect().await;
    world.app.sync_now(account.id.clone()).await.unwrap();
    let connection = ConnectionId(account.id.clone());
    let activity = world
        .app
        .store
        .all_activities(&connection)
        .await
        .unwrap()
        .pop()
        .expect("the demo athlete has activities");
    let cached = || world.app.store.streams(&connection, &activity.id);
    assert!(cached().await.unwrap().is_none(), "streams only on demand");

    assert!(
        world
            .app
            .open_activity(account.id.clone(), activity.id.clone())
            .await
            .unwrap()
    );
    assert!(cached().await.unwrap().is_some());
    assert!(
        !world
            .app
            .open_activity(account.id.clone(), activity.id.clone())
            .await
            .unwrap(),
        "fresh streams are not fetched again"
    );
}

#[tokio::test]
async fn without_a_keychain_settings_still_open_and_there_is_nothing_to_follow() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("cache.sqlite")).await.unwrap();
    let unavailable = ApiError {
        code: "keychain".into(),
        message: "The system keychain is not available.".into(),
    };
    let app = App::with_parts(store, Err(unavailable), approving_browser());
    app.start_background(|_| panic!("no syncer, no events"));

    assert!(app.sync_progress().is_empty());
    assert!(!app.cancel_sync("c_1".into()));
    assert_eq!(
        app.open_activity("c_1".into(), "a_1".into())
            .await
            .unwrap_err()
            .code,
        "keychain"
    );
    let defaults = app.sync_settings().await.unwrap();
    assert_eq!(defaults, SyncSettings::default().into());
    let off = SyncSettingsView {
        interval_minutes: 0,
        ..defaults
    };
    assert_eq!(app.save_sync_settings(off).await.unwrap(), off);
    app.stop_background();
}
