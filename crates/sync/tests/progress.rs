//! Progress reports: a sync walks its phases in order — profile, calendar, history, changes —
//! with growing counters, and ends with one final report, also when it cannot even start.

mod common;

use common::world;
use offpeak_sync::{SyncPhase, SyncProgress};

fn drain(receiver: &mut tokio::sync::broadcast::Receiver<SyncProgress>) -> Vec<SyncProgress> {
    let mut reports = Vec::new();
    while let Ok(report) = receiver.try_recv() {
        reports.push(report);
    }
    reports
}

#[tokio::test]
async fn a_first_sync_reports_its_phases_in_order_and_ends_once() {
    let w = world().await;
    let connection = w.connect().await;
    let syncer = w.syncer();
    let mut receiver = syncer.progress().subscribe();
    syncer.sync(&connection.id).await.unwrap();
    let reports = drain(&mut receiver);
    let mut phases: Vec<SyncPhase> = reports.iter().map(|r| r.phase).collect();
    phases.dedup();
    let rank = |p: SyncPhase| {
        [
            SyncPhase::Profile,
            SyncPhase::Calendar,
            SyncPhase::History,
            SyncPhase::Changes,
            SyncPhase::Streams,
            SyncPhase::Finished,
        ]
        .iter()
        .position(|q| *q == p)
        .unwrap_or_else(|| panic!("unexpected phase {p:?}"))
    };
    assert!(
        phases.windows(2).all(|w| rank(w[0]) < rank(w[1])),
        "{phases:?}"
    );
    assert!(phases.contains(&SyncPhase::Calendar) && phases.contains(&SyncPhase::History));
    assert_eq!(phases.last(), Some(&SyncPhase::Finished));
    assert_eq!(reports.iter().filter(|r| r.phase.is_final()).count(), 1);
    assert!(
        reports
            .windows(2)
            .all(|w| w[0].bytes <= w[1].bytes && w[0].requests <= w[1].requests)
    );
    assert!(reports.last().unwrap().bytes > 0);
    assert_eq!(syncer.progress().latest().len(), 1);
}

#[tokio::test]
async fn a_sync_that_cannot_start_still_ends_with_a_report() {
    let w = world().await;
    let connection = w.connect().await;
    w.store
        .mark_reauth_required(&connection.id, "revoked")
        .await
        .unwrap();
    let syncer = w.syncer();
    let mut receiver = syncer.progress().subscribe();
    let error = syncer.sync(&connection.id).await.unwrap_err();
    let reports = drain(&mut receiver);
    assert_eq!(reports.len(), 1, "{reports:?}");
    assert_eq!(reports[0].phase, SyncPhase::Failed);
    assert_eq!(
        reports[0].message.as_deref(),
        Some(error.message().as_str())
    );
    assert!(error.message().contains("Reconnect"), "{}", error.message());
}
