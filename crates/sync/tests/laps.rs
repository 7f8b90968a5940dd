//! Laps against the sandbox: an Intervals.icu sync that fetches streams fetches each
//! activity's laps with them — an activity that fulfils a structured plan has one lap per step
//! of it — while an activity whose streams were not fetched has none yet (`None`). VeloPeak has
//! no laps, so its activities' laps stay `None` ("never fetched") even with their streams.

mod common;

use chrono::Months;
use common::{World, today, today_config, world_with};
use offpeak_domain::Activity;
use offpeak_sandbox::data::Step;
use offpeak_sandbox::{DatasetSize, Variant};
use offpeak_store::ConnectionRecord;
use offpeak_sync::{StreamsPolicy, SyncSettings};
use std::collections::HashMap;

const MONTHS: u32 = 2;

async fn world_streaming(variant: Variant) -> World {
    let w = world_with(today_config(variant, DatasetSize::Demo)).await;
    SyncSettings {
        streams: StreamsPolicy::RecentMonths { months: MONTHS },
        ..SyncSettings::default()
    }
    .save(&w.store)
    .await
    .unwrap();
    w
}

/// How many intervals a plan's steps make once its repeats are unrolled: each step with a
/// length is one, a repeated block its steps as many times as it repeats.
fn unrolled_steps(steps: &[Step]) -> usize {
    steps
        .iter()
        .map(|step| match (&step.steps, step.repeat) {
            (Some(children), Some(times)) => unrolled_steps(children) * times as usize,
            _ => usize::from(
                step.duration_s.is_some_and(|s| s > 0) || step.distance_m.is_some_and(|m| m > 0.0),
            ),
        })
        .sum()
}

/// The cached activities of `c` that are not stubs, with whether their streams were fetched.
async fn cached(w: &World, c: &ConnectionRecord) -> Vec<(Activity, bool)> {
    let mut out = Vec::new();
    for a in w.store.all_activities(&c.id).await.unwrap() {
        if a.stub || a.stream_types.is_empty() {
            continue;
        }
        let fetched = w.store.streams(&c.id, &a.id).await.unwrap().is_some();
        out.push((a, fetched));
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_intervals_sync_keeps_each_streamed_activitys_laps_one_per_planned_step() {
    let w = world_streaming(Variant::Intervals).await;
    let c = w.connect_intervals_key().await;
    w.syncer().sync(&c.id).await.unwrap();

    let truth = w.sandbox.truth();
    let by_start: HashMap<i64, _> = truth
        .activities
        .iter()
        .map(|a| (a.start_time.timestamp(), a))
        .collect();
    let oldest_streamed = today().checked_sub_months(Months::new(MONTHS)).unwrap();
    let (mut structured, mut unplanned, mut unfetched) = (0, 0, 0);
    for (activity, fetched) in cached(&w, &c).await {
        let laps = w.store.laps(&c.id, &activity.id).await.unwrap();
        if !fetched {
            assert!(activity.local_date < oldest_streamed, "{}", activity.id);
            assert_eq!(laps, None, "{}: no streams, no laps", activity.id);
            unfetched += 1;
            continue;
        }
        let laps = laps.unwrap_or_else(|| panic!("{}: streams without laps", activity.id));
        let known = by_start[&activity.start_time.timestamp()];
        let plan = known
            .planned_workout_id
            .as_deref()
            .and_then(|id| truth.workout(id))
            .and_then(|w| w.structure.as_ref());
        match plan {
            Some(plan) if unrolled_steps(&plan.steps) > 0 => {
                assert_eq!(laps.len(), unrolled_steps(&plan.steps), "{}", activity.id);
                structured += 1;
            }
            _ => {
                assert_eq!(laps.first().and_then(|l| l.label.as_deref()), Some("Lap 1"));
                unplanned += 1;
            }
        }
        let covered: f64 = laps.iter().map(|l| l.duration_s).sum();
        assert_eq!(
            covered,
            f64::from(activity.moving_time_s),
            "{}",
            activity.id
        );
    }
    assert!(
        structured >= 3 && unplanned >= 1 && unfetched >= 1,
        "{structured} structured, {unplanned} unplanned, {unfetched} without streams"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn velopeak_activities_have_no_laps_to_fetch() {
    let w = world_streaming(Variant::VeloPeak).await;
    let c = w.connect().await;
    w.syncer().sync(&c.id).await.unwrap();
    let activities = cached(&w, &c).await;
    assert!(activities.iter().any(|(_, fetched)| *fetched));
    for (activity, _) in activities {
        assert_eq!(w.store.laps(&c.id, &activity.id).await.unwrap(), None);
    }
}
