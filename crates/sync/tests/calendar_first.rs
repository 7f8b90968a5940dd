//! The calendar first: at the first report of the history phase, the current month and the plan
//! ahead are already complete in the cache, on both kinds of platform, while ten years of
//! history have barely begun.

mod common;

use chrono::{Datelike, NaiveDate};
use common::truth::{intervals_differences, velopeak_differences};
use common::{World, today, today_config, world_with};
use offpeak_domain::ConnectionId;
use offpeak_sandbox::{DatasetSize, Variant};
use offpeak_sync::{SyncPhase, Syncer};
use std::sync::Arc;
use tokio::sync::broadcast::error::RecvError;

fn first_of_this_month() -> NaiveDate {
    today().with_day(1).unwrap()
}

/// Differences between the cache and the truth from the first of this month on.
async fn this_month_on(w: &World, connection: &ConnectionId, variant: Variant) -> Vec<String> {
    let truth = w.sandbox.truth();
    let from = Some(first_of_this_month());
    match variant {
        Variant::Intervals => {
            intervals_differences(&w.store, &truth, connection, from)
                .await
                .0
        }
        _ => velopeak_differences(&w.store, &truth, connection, &truth.owner().id, from).await,
    }
}

/// Syncs until the first history report, checks the calendar there, then lets the sync finish.
async fn the_calendar_is_complete_when_history_starts(variant: Variant) {
    let w = world_with(today_config(variant, DatasetSize::Decade)).await;
    let c = match variant {
        Variant::Intervals => w.connect_intervals_key().await,
        _ => w.connect().await,
    };
    let syncer = Arc::new(w.syncer());
    let mut reports = syncer.progress().subscribe();
    let running = {
        let (syncer, id): (Arc<Syncer>, ConnectionId) = (syncer.clone(), c.id.clone());
        tokio::spawn(async move { syncer.sync(&id).await })
    };
    loop {
        match reports.recv().await {
            Ok(report) if report.phase == SyncPhase::History => break,
            Ok(report) => assert!(!report.phase.is_final(), "ended first: {report:?}"),
            Err(RecvError::Lagged(_)) => continue,
            Err(RecvError::Closed) => panic!("no more reports"),
        }
    }
    let diff = this_month_on(&w, &c.id, variant).await;
    assert!(diff.is_empty(), "{variant:?}:\n{}", diff.join("\n"));
    let truth = w.sandbox.truth();
    let ahead = w
        .store
        .workouts_between(today(), today() + chrono::Days::new(400))
        .await
        .unwrap();
    assert!(!ahead.is_empty(), "the plan ahead is there");

    // History had only begun.
    syncer.cancel(&c.id);
    let _ = running.await.unwrap();
    let cached = w.store.activity_count(&c.id).await.unwrap() as usize;
    assert!(
        cached < truth.activities.len() / 2,
        "{cached} of {} activities",
        truth.activities.len()
    );
    syncer.sync(&c.id).await.unwrap();
    assert!(this_month_on(&w, &c.id, variant).await.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn velopeak_calendar_first() {
    the_calendar_is_complete_when_history_starts(Variant::VeloPeak).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn intervals_calendar_first() {
    the_calendar_is_complete_when_history_starts(Variant::Intervals).await;
}
