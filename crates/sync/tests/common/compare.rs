//! Comparing the cache with the sandbox's truth, item by item, for the owner of the data set.

use super::World;
use offpeak_domain::ConnectionId;
use offpeak_sandbox::data::{Activity as TrueActivity, Workout as TrueWorkout};

/// Every difference between the cache and the server's truth, as sentences.
pub async fn differences(world: &World, connection: &ConnectionId) -> Vec<String> {
    let truth = world.sandbox.truth();
    let owner = truth.owner().id.clone();
    let mut found = Vec::new();
    let mut cached_w = world.store.all_workouts(connection).await.unwrap();
    cached_w.sort_by(|a, b| a.id.cmp(&b.id));
    let mut true_w: Vec<&TrueWorkout> = truth
        .workouts
        .iter()
        .filter(|w| w.athlete_id == owner)
        .collect();
    true_w.sort_by(|a, b| a.id.cmp(&b.id));
    let cached_ids: Vec<&str> = cached_w.iter().map(|w| w.id.as_str()).collect();
    let true_ids: Vec<&str> = true_w.iter().map(|w| w.id.as_str()).collect();
    if cached_ids != true_ids {
        found.push(format!(
            "workout ids differ: cache has {} items, server {}: missing {:?}, extra {:?}",
            cached_ids.len(),
            true_ids.len(),
            true_ids
                .iter()
                .filter(|id| !cached_ids.contains(id))
                .take(5)
                .collect::<Vec<_>>(),
            cached_ids
                .iter()
                .filter(|id| !true_ids.contains(id))
                .take(5)
                .collect::<Vec<_>>()
        ));
    }
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
    let mut cached_a = world.store.all_activities(connection).await.unwrap();
    cached_a.sort_by(|a, b| a.id.cmp(&b.id));
    let mut true_a: Vec<&TrueActivity> = truth
        .activities
        .iter()
        .filter(|a| a.athlete_id == owner)
        .collect();
    true_a.sort_by(|a, b| a.id.cmp(&b.id));
    let cached_ids: Vec<&str> = cached_a.iter().map(|a| a.id.as_str()).collect();
    let true_ids: Vec<&str> = true_a.iter().map(|a| a.id.as_str()).collect();
    if cached_ids != true_ids {
        found.push(format!(
            "activity ids differ: cache has {} items, server {}: missing {:?}, extra {:?}",
            cached_ids.len(),
            true_ids.len(),
            true_ids
                .iter()
                .filter(|id| !cached_ids.contains(id))
                .take(5)
                .collect::<Vec<_>>(),
            cached_ids
                .iter()
                .filter(|id| !true_ids.contains(id))
                .take(5)
                .collect::<Vec<_>>()
        ));
    }
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
