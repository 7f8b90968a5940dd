//! Comparing a cache with a sandbox's truth, item by item, with no test world around it: the
//! sync tests and the CLI's crash test (which includes this module) both use it.
//!
//! A VeloPeak-style platform serves the data set's own ids, so items are matched by id. The
//! Intervals.icu surface serves ids of its own, so there items are matched by everything they
//! say (a multiset of descriptions): a missing, extra, duplicated or differing item shows up.
#![allow(dead_code)]

mod intervals;

pub use intervals::intervals_differences;

use chrono::NaiveDate;
use offpeak_domain::{Activity, ConnectionId, Workout};
use offpeak_sandbox::data::{Activity as TrueActivity, Dataset, Workout as TrueWorkout};
use offpeak_store::Store;

/// Every difference between the cache and the truth for `athlete` (a data set id) on a
/// VeloPeak-style platform, for items dated from `from` on (all of them with `None`).
pub async fn velopeak_differences(
    store: &Store,
    truth: &Dataset,
    connection: &ConnectionId,
    athlete: &str,
    from: Option<NaiveDate>,
) -> Vec<String> {
    let dated = |d: NaiveDate| from.is_none_or(|f| d >= f);
    let mut found = Vec::new();
    let mut cached_w: Vec<Workout> = store
        .all_workouts(connection)
        .await
        .unwrap()
        .into_iter()
        .filter(|w| w.athlete_id == athlete && dated(w.date))
        .collect();
    cached_w.sort_by(|a, b| a.id.cmp(&b.id));
    let mut true_w: Vec<&TrueWorkout> = truth
        .workouts
        .iter()
        .filter(|w| w.athlete_id == athlete && dated(w.date))
        .collect();
    true_w.sort_by(|a, b| a.id.cmp(&b.id));
    compare_ids(
        "workout",
        cached_w.iter().map(|w| w.id.as_str()),
        true_w.iter().map(|w| w.id.as_str()),
        &mut found,
    );
    for (c, t) in cached_w
        .iter()
        .zip(true_w.iter())
        .filter(|(c, t)| c.id == t.id)
    {
        let same = c.date == t.date
            && c.name == t.name
            && c.planned_duration_s == t.planned_duration_s
            && c.start_time == t.start_time
            && c.description == t.description
            && c.planned_load.map(|l| l.round() as u32) == t.planned_load
            && c.updated_at == t.updated_at
            && c.structure.is_some() == t.structure.is_some();
        if !same {
            found.push(format!(
                "workout {} differs: cache {:?} vs server {:?}",
                c.id,
                (c.date, &c.name, c.planned_duration_s, c.updated_at),
                (t.date, &t.name, t.planned_duration_s, t.updated_at)
            ));
        }
    }
    let mut cached_a: Vec<Activity> = store
        .all_activities(connection)
        .await
        .unwrap()
        .into_iter()
        .filter(|a| a.athlete_id == athlete && dated(a.local_date))
        .collect();
    cached_a.sort_by(|a, b| a.id.cmp(&b.id));
    let mut true_a: Vec<&TrueActivity> = truth
        .activities
        .iter()
        .filter(|a| a.athlete_id == athlete && dated(a.local_date))
        .collect();
    true_a.sort_by(|a, b| a.id.cmp(&b.id));
    compare_ids(
        "activity",
        cached_a.iter().map(|a| a.id.as_str()),
        true_a.iter().map(|a| a.id.as_str()),
        &mut found,
    );
    for (c, t) in cached_a
        .iter()
        .zip(true_a.iter())
        .filter(|(c, t)| c.id == t.id)
    {
        let same = c.start_time == t.start_time
            && c.timezone.as_deref() == Some(t.timezone.as_str())
            && c.local_date == t.local_date
            && c.name == t.name
            && c.description == t.description
            && c.elapsed_time_s == t.elapsed_time_s
            && c.moving_time_s == t.moving_time_s
            && c.planned_workout_id == t.planned_workout_id
            && c.stream_types == t.stream_types
            && c.updated_at == t.updated_at;
        if !same {
            found.push(format!(
                "activity {} differs: cache {:?} vs server {:?}",
                c.id,
                (
                    c.start_time,
                    &c.timezone,
                    c.local_date,
                    &c.name,
                    &c.planned_workout_id,
                    c.updated_at
                ),
                (
                    t.start_time,
                    &t.timezone,
                    t.local_date,
                    &t.name,
                    &t.planned_workout_id,
                    t.updated_at
                )
            ));
        }
    }
    found
}

/// Reports ids missing from the cache, extra in it, or held twice.
fn compare_ids<'a>(
    kind: &str,
    cached: impl Iterator<Item = &'a str>,
    truth: impl Iterator<Item = &'a str>,
    found: &mut Vec<String>,
) {
    let cached: Vec<&str> = cached.collect();
    let truth: Vec<&str> = truth.collect();
    if cached != truth {
        found.push(format!(
            "{kind} ids differ: cache has {} items, server {}: missing {:?}, extra {:?}",
            cached.len(),
            truth.len(),
            truth
                .iter()
                .filter(|id| !cached.contains(id))
                .take(5)
                .collect::<Vec<_>>(),
            cached
                .iter()
                .filter(|id| !truth.contains(id))
                .take(5)
                .collect::<Vec<_>>()
        ));
    }
}
