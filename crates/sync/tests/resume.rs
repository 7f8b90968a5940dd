//! A sync stopped halfway — cancelled, or its process gone — resumes where it stopped: the
//! second sync neither duplicates nor misses anything, and asks only for what was left.

mod common;

use common::compare::differences;
use common::{anchor, roomy, world_with};
use offpeak_sandbox::{DatasetSize, SandboxConfig};
use offpeak_sync::SyncPhase;
use std::sync::Arc;

fn decade() -> SandboxConfig {
    roomy(SandboxConfig {
        dataset: DatasetSize::Decade,
        ..SandboxConfig::demo(anchor())
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_sync_keeps_its_pages_and_the_next_one_finishes_the_job() {
    let world = world_with(decade()).await;
    world.streams_on_demand().await;
    let connection = world.connect().await;
    let syncer = Arc::new(world.syncer());
    let mut reports = syncer.progress().subscribe();
    let running = {
        let (syncer, id) = (syncer.clone(), connection.id.clone());
        tokio::spawn(async move { syncer.sync(&id).await })
    };
    // Cancel once history has started: the calendar window is in, the rest is not.
    loop {
        let report = reports.recv().await.unwrap();
        if report.phase == SyncPhase::History && report.done > 0 {
            assert!(syncer.cancel(&connection.id));
            break;
        }
        assert!(!report.phase.is_final(), "ended before history: {report:?}");
    }
    let error = running.await.unwrap().unwrap_err();
    assert_eq!(error.code(), offpeak_sync::ErrorCode::Cancelled);
    let partial = world
        .store
        .all_activities(&connection.id)
        .await
        .unwrap()
        .len();
    let truth = world.sandbox.truth();
    assert!(
        partial > 0 && partial < truth.activities.len(),
        "{partial} of {}",
        truth.activities.len()
    );
    let stored = world
        .store
        .connection(&connection.id)
        .await
        .unwrap()
        .unwrap();
    assert!(stored.last_error.is_none(), "a cancel is not an error");

    let report = syncer.sync(&connection.id).await.unwrap();
    assert_eq!(
        differences(&world, &connection.id).await,
        Vec::<String>::new()
    );
    assert_eq!(report.activities as usize, truth.activities.len());
    world.store.integrity_check().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sync_with_nothing_new_asks_little_and_writes_nothing() {
    let world = world_with(decade()).await;
    world.streams_on_demand().await;
    let connection = world.connect().await;
    let syncer = world.syncer();
    syncer.sync(&connection.id).await.unwrap();
    syncer.sync(&connection.id).await.unwrap();
    let before = syncer.request_stats(&connection.id);
    let report = syncer.sync(&connection.id).await.unwrap();
    let after = syncer.request_stats(&connection.id);
    // The athletes, one profile, and one change-feed page per resource.
    let requests = after.requests - before.requests;
    assert!(
        requests <= 4,
        "{requests} requests for a sync with no changes"
    );
    assert!(
        after.not_modified > before.not_modified,
        "the ETags were used"
    );
    assert_eq!(
        differences(&world, &connection.id).await,
        Vec::<String>::new()
    );
    assert!(report.streams_fetched == 0);
}
