//! Random churn: a seeded mix of creations, edits and deletions of workouts and activities, as
//! a platform sees while a client syncs. Each change is published like any other.

use chrono::Duration;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::catalog::{Change, Resource};
use crate::server::AppState;

const RENAMES: [&str; 6] = [
    "Moved: endurance ride",
    "Sweet spot 2×15 (edited)",
    "Tempo run — shortened",
    "Récupération active",
    "Hill repeats ⛰️",
    "Open-water swim 🌊",
];

/// Applies `count` random changes drawn from `seed` and returns them in order.
pub(crate) fn apply(app: &AppState, count: u32, seed: u64) -> Vec<Change> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut changes = Vec::new();
    for _ in 0..count {
        let now = app.clock.now();
        let change = {
            let mut catalog = app.catalog_mut();
            let roll: u32 = rng.random_range(0..6);
            let workouts = &catalog.data.workouts;
            let activities = &catalog.data.activities;
            match roll {
                0 | 1 if !workouts.is_empty() => {
                    let mut w = workouts.choose(&mut rng).expect("non-empty").clone();
                    if roll == 0 {
                        w.id = format!("w_{:010x}", rng.random::<u64>() >> 24);
                        w.date += Duration::days(rng.random_range(-20..=20));
                    } else {
                        w.name = RENAMES.choose(&mut rng).expect("non-empty").to_string();
                        w.planned_duration_s = (w.planned_duration_s / 60 * 60).max(1800)
                            + 60 * rng.random_range(0..30);
                    }
                    Some(vec![catalog.put_workout(w, now)])
                }
                2 if !workouts.is_empty() => {
                    let id = workouts.choose(&mut rng).expect("non-empty").id.clone();
                    Some(catalog.delete(Resource::Workout, &id, now))
                }
                3 | 4 if !activities.is_empty() => {
                    let mut a = activities.choose(&mut rng).expect("non-empty").clone();
                    if roll == 3 {
                        let shift = Duration::days(rng.random_range(-20..=-1));
                        a.id = format!("act_{:010x}", rng.random::<u64>() >> 24);
                        a.start_time += shift;
                        a.local_date += shift;
                        a.planned_workout_id = None;
                    } else {
                        a.name = RENAMES.choose(&mut rng).expect("non-empty").to_string();
                        a.description = Some("Edited after upload.".to_string());
                    }
                    Some(vec![catalog.put_activity(a, now)])
                }
                _ if !activities.is_empty() => {
                    let id = activities.choose(&mut rng).expect("non-empty").id.clone();
                    Some(catalog.delete(Resource::Activity, &id, now))
                }
                _ => None,
            }
        };
        for change in change.unwrap_or_default() {
            app.publish(change.clone());
            changes.push(change);
        }
    }
    changes
}
