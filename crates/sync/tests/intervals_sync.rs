//! Syncing Intervals.icu against the sandbox, by personal API key and by OAuth: planned workouts
//! with races and steps, calendar notes, activities with their Strava stubs, wellness and the
//! athlete's profile end up equal to the sandbox's truth; deletions and edits in the recent
//! window reach the next sync, older edits the reconciliation pass.

mod common;

use chrono::{Days, NaiveDate};
use common::compare::intervals_differences;
use common::{World, today, today_config, world_with};
use offpeak_domain::NoteKind;
use offpeak_sandbox::data::Activity as TrueActivity;
use offpeak_sandbox::{DatasetSize, FaultPlan, Resource, Variant};
use offpeak_store::ConnectionRecord;
use offpeak_sync::{SyncPhase, SyncProgress};
use std::collections::HashSet;
use tokio::sync::broadcast::Receiver;
use tokio::sync::broadcast::error::TryRecvError;

async fn intervals_world() -> World {
    world_with(today_config(Variant::Intervals, DatasetSize::Demo)).await
}

/// The phases reported so far.
fn phases(reports: &mut Receiver<SyncProgress>) -> Vec<SyncPhase> {
    let mut seen = Vec::new();
    loop {
        match reports.try_recv() {
            Ok(report) => seen.push(report.phase),
            Err(TryRecvError::Lagged(_)) => continue,
            Err(_) => return seen,
        }
    }
}

/// Asserts the cache equals the truth, and that the truth holds what makes that meaningful.
async fn assert_equal_to_the_server(w: &World, c: &ConnectionRecord) {
    let (diff, stubs) = intervals_differences(w, &c.id).await;
    assert!(diff.is_empty(), "{}", diff.join("\n"));
    assert!(stubs >= 1, "the first activity came from Strava");

    let workouts = w.store.all_workouts(&c.id).await.unwrap();
    assert!(workouts.iter().any(|x| x.race.is_some()), "races are kept");
    assert!(
        workouts.iter().any(|x| x.structure.is_some()),
        "steps are kept"
    );
    let kinds: HashSet<NoteKind> = w
        .store
        .all_notes(&c.id)
        .await
        .unwrap()
        .iter()
        .map(|n| n.kind)
        .collect();
    assert!(
        kinds.len() >= 2 && kinds.iter().any(|k| *k != NoteKind::Note),
        "notes of several kinds: {kinds:?}"
    );
    assert!(!w.store.all_wellness(&c.id).await.unwrap().is_empty());

    let truth = w.sandbox.truth();
    let owner = truth.owner();
    let profile = w
        .store
        .athlete_profile(&c.id, &c.athlete_id)
        .await
        .unwrap()
        .expect("the owner's profile");
    assert_eq!(profile.ftp_w, Some(owner.ftp_w));
    assert_eq!(profile.hr_zones_bpm, owner.hr_zones_bpm);
    assert_eq!(profile.power_zones_w.len(), owner.power_zones_w.len());
    assert!(profile.power_zones_w.windows(2).all(|z| z[0] < z[1]));
}

/// Stubs are kept as such and never asked for streams.
async fn assert_stubs_have_no_streams(w: &World, c: &ConnectionRecord) {
    let syncer = w.syncer();
    for stub in w
        .store
        .all_activities(&c.id)
        .await
        .unwrap()
        .iter()
        .filter(|a| a.stub)
    {
        assert_eq!(w.store.stream_task(&c.id, &stub.id).await.unwrap(), None);
        assert!(!syncer.fetch_streams_now(&c.id, &stub.id).await.unwrap());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_api_key_connection_syncs_everything_as_the_server_has_it() {
    let w = intervals_world().await;
    let c = w.connect_intervals_key().await;
    let report = w.syncer().sync(&c.id).await.unwrap();
    assert!(report.workouts > 0 && report.activities > 0, "{report:?}");
    assert_equal_to_the_server(&w, &c).await;
    assert_stubs_have_no_streams(&w, &c).await;
    let stored = w.store.connection(&c.id).await.unwrap().unwrap();
    assert!(stored.last_sync_at.is_some() && stored.last_error.is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_oauth_connection_syncs_everything_as_the_server_has_it() {
    let w = intervals_world().await;
    let c = w.connect_intervals_oauth().await;
    assert_eq!(c.auth_kind, offpeak_domain::AuthKind::OAuth);
    w.syncer().sync(&c.id).await.unwrap();
    assert_equal_to_the_server(&w, &c).await;
    assert_stubs_have_no_streams(&w, &c).await;
}

/// Activities of the owner listed whole (not as Strava stubs), dated within `days`.
async fn whole_activities(
    w: &World,
    c: &ConnectionRecord,
    days: impl Fn(NaiveDate) -> bool,
) -> Vec<TrueActivity> {
    let cached = w.store.all_activities(&c.id).await.unwrap();
    let whole: HashSet<i64> = cached
        .iter()
        .filter(|a| !a.stub)
        .map(|a| a.start_time.timestamp())
        .collect();
    w.sandbox
        .truth()
        .activities
        .into_iter()
        .filter(|a| days(a.local_date) && whole.contains(&a.start_time.timestamp()))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deletions_and_edits_in_the_recent_window_reach_the_next_sync() {
    let w = intervals_world().await;
    let c = w.connect_intervals_key().await;
    let syncer = w.syncer();
    syncer.sync(&c.id).await.unwrap();
    let today = today();
    let truth = w.sandbox.truth();
    let recent = |d: NaiveDate| d > today - Days::new(30) && d <= today;

    let ahead = truth
        .workouts
        .iter()
        .find(|x| x.date > today)
        .expect("a plan ahead");
    w.sandbox.delete(Resource::Workout, &ahead.id);
    let mut edited = truth
        .workouts
        .iter()
        .find(|x| recent(x.date))
        .expect("a recent plan")
        .clone();
    edited.name = "Moved to the evening".into();
    edited.planned_duration_s += 900;
    w.sandbox.put_workout(edited);

    let activities = whole_activities(&w, &c, recent).await;
    assert!(
        activities.len() >= 2,
        "{} recent activities",
        activities.len()
    );
    w.sandbox.delete(Resource::Activity, &activities[0].id);
    let mut renamed = activities[1].clone();
    renamed.name = "Renamed after upload".into();
    renamed.description = Some("Legs felt great.".into());
    w.sandbox.put_activity(renamed);

    let mut reports = syncer.progress().subscribe();
    syncer.sync(&c.id).await.unwrap();
    assert!(!phases(&mut reports).contains(&SyncPhase::Reconcile));
    assert_equal_to_the_server(&w, &c).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_old_edit_is_found_by_the_reconciliation_pass_when_asked_for() {
    let w = intervals_world().await;
    let c = w.connect_intervals_key().await;
    let syncer = w.syncer();
    syncer.sync(&c.id).await.unwrap();
    let today = today();
    let old = |d: NaiveDate| d < today - Days::new(60);

    let mut renamed = whole_activities(&w, &c, old)
        .await
        .into_iter()
        .next()
        .expect("an old activity");
    renamed.name = "Renamed months later".into();
    w.sandbox.put_activity(renamed.clone());
    let truth = w.sandbox.truth();
    let gone = truth
        .workouts
        .iter()
        .find(|x| old(x.date))
        .expect("an old plan");
    w.sandbox.delete(Resource::Workout, &gone.id);

    // The recent window does not reach that far back.
    let mut reports = syncer.progress().subscribe();
    syncer.sync(&c.id).await.unwrap();
    assert!(!phases(&mut reports).contains(&SyncPhase::Reconcile));
    let (diff, _) = intervals_differences(&w, &c.id).await;
    assert!(
        diff.iter().any(|d| d.contains("Renamed months later")),
        "{diff:?}"
    );

    assert!(syncer.request_reconciliation(&c.id).await.unwrap());
    syncer.sync(&c.id).await.unwrap();
    assert!(phases(&mut reports).contains(&SyncPhase::Reconcile));
    assert_equal_to_the_server(&w, &c).await;

    // Asked once, done once.
    syncer.sync(&c.id).await.unwrap();
    assert!(!phases(&mut reports).contains(&SyncPhase::Reconcile));
}

#[tokio::test]
async fn a_platform_with_a_change_feed_needs_no_reconciliation() {
    let w = common::world().await;
    let c = w.connect().await;
    assert!(!w.syncer().request_reconciliation(&c.id).await.unwrap());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_first_pass_spread_over_two_syncs_reconciles_as_of_its_start() {
    let w = intervals_world().await;
    let c = w.connect_intervals_key().await;
    let syncer = std::sync::Arc::new(w.syncer());
    let today = today();
    let old = |d: NaiveDate| d < today - Days::new(60);
    // Slow answers leave time to stop the first sync once an old activity is in.
    w.sandbox.set_faults(FaultPlan {
        latency_ms: 100,
        ..FaultPlan::default()
    });
    let mut reports = syncer.progress().subscribe();
    let running = {
        let (syncer, id) = (syncer.clone(), c.id.clone());
        tokio::spawn(async move { syncer.sync(&id).await })
    };
    let read_early = loop {
        let report = reports.recv().await.unwrap();
        assert!(
            !report.phase.is_final(),
            "ended before stopping: {report:?}"
        );
        if report.phase == SyncPhase::History
            && let Some(activity) = whole_activities(&w, &c, old).await.into_iter().next()
        {
            assert!(syncer.cancel(&c.id));
            break activity;
        }
    };
    assert!(running.await.unwrap().is_err());
    w.sandbox.set_faults(FaultPlan::default());

    // Between the two runs: an edit to a window the first pass has read already, and a
    // request to check everything again.
    let mut renamed = read_early;
    renamed.name = "Renamed between two runs".into();
    w.sandbox.put_activity(renamed);
    assert!(syncer.request_reconciliation(&c.id).await.unwrap());

    // The second run ends the first pass without reading that window again. The request came
    // after the pass began, so the pass does not answer it: a reconciliation follows at once.
    let _ = phases(&mut reports);
    syncer.sync(&c.id).await.unwrap();
    assert!(phases(&mut reports).contains(&SyncPhase::Reconcile));
    assert_equal_to_the_server(&w, &c).await;

    syncer.sync(&c.id).await.unwrap();
    assert!(!phases(&mut reports).contains(&SyncPhase::Reconcile));
}
