//! Differential test: random server mutations — creations, edits, deletions, time-zone moves,
//! activities across midnight and across the DST changes — each round followed by an
//! incremental sync, after which the cache must equal the sandbox's truth item by item.

mod common;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use common::compare::differences;
use common::{World, anchor, world_with};
use offpeak_sandbox::data::{Activity as TrueActivity, Workout as TrueWorkout};
use offpeak_sandbox::{RateLimits, Resource, SandboxConfig};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};

const ROUNDS: usize = 200;
const ZONES: [&str; 6] = [
    "Europe/Madrid",
    "America/Denver",
    "Asia/Tokyo",
    "Pacific/Auckland",
    "Atlantic/Canary",
    "America/St_Johns",
];

/// One random change to the server; returns what it did, for the failure message.
fn mutate(world: &World, rng: &mut StdRng) -> String {
    let truth = world.sandbox.truth();
    let owner = truth.owner().id.clone();
    let workouts: Vec<&TrueWorkout> = truth
        .workouts
        .iter()
        .filter(|w| w.athlete_id == owner)
        .collect();
    let activities: Vec<&TrueActivity> = truth
        .activities
        .iter()
        .filter(|a| a.athlete_id == owner)
        .collect();
    let fresh_id =
        |rng: &mut StdRng, prefix: &str| format!("{prefix}_t{:08x}", rng.random::<u32>());
    match rng.random_range(0..9) {
        0 => {
            let mut w = (*workouts.choose(rng).unwrap()).clone();
            w.id = fresh_id(rng, "w");
            w.date += Duration::days(rng.random_range(-30..=30));
            w.name = "Added: tempo".into();
            world.sandbox.put_workout(w.clone());
            format!("created workout {} on {}", w.id, w.date)
        }
        1 => {
            let mut w = (*workouts.choose(rng).unwrap()).clone();
            w.name = format!("Edited {}", rng.random::<u16>());
            w.planned_duration_s = 60 * rng.random_range(20..240);
            w.date += Duration::days(rng.random_range(-2..=2));
            world.sandbox.put_workout(w.clone());
            format!("edited workout {}", w.id)
        }
        2 => {
            let id = workouts.choose(rng).unwrap().id.clone();
            world.sandbox.delete(Resource::Workout, &id);
            format!("deleted workout {id}")
        }
        3 => {
            let mut a = (*activities.choose(rng).unwrap()).clone();
            a.id = fresh_id(rng, "act");
            a.planned_workout_id = None;
            world.sandbox.put_activity(a.clone());
            format!("created activity {}", a.id)
        }
        4 => {
            let mut a = (*activities.choose(rng).unwrap()).clone();
            a.name = format!("Renamed {}", rng.random::<u16>());
            a.description = Some("Edited after upload.".into());
            world.sandbox.put_activity(a.clone());
            format!("renamed activity {}", a.id)
        }
        5 => {
            let mut a = (*activities.choose(rng).unwrap()).clone();
            let zone = *ZONES.choose(rng).unwrap();
            move_to_zone(&mut a, zone);
            world.sandbox.put_activity(a.clone());
            format!("moved activity {} to {zone} ({})", a.id, a.local_date)
        }
        6 => {
            let mut a = (*activities.choose(rng).unwrap()).clone();
            let zone = *ZONES.choose(rng).unwrap();
            let day = a.local_date;
            start_at(
                &mut a,
                zone,
                day,
                NaiveTime::from_hms_opt(23, rng.random_range(30..60), 0).unwrap(),
            );
            a.elapsed_time_s = 3600 + rng.random_range(0..7200);
            world.sandbox.put_activity(a.clone());
            format!("activity {} now crosses midnight in {zone}", a.id)
        }
        7 => {
            // Night rides across both DST changes of the owner's zone.
            let mut a = (*activities.choose(rng).unwrap()).clone();
            let year = anchor().format("%Y").to_string().parse::<i32>().unwrap();
            let day = if rng.random_bool(0.5) {
                NaiveDate::from_ymd_opt(year, 3, 29).unwrap()
            } else {
                NaiveDate::from_ymd_opt(year, 10, 25).unwrap()
            };
            start_at(
                &mut a,
                "Europe/Madrid",
                day,
                NaiveTime::from_hms_opt(1, 30, 0).unwrap(),
            );
            a.elapsed_time_s = 3 * 3600;
            world.sandbox.put_activity(a.clone());
            format!("activity {} moved across the DST change of {day}", a.id)
        }
        _ => {
            let id = activities.choose(rng).unwrap().id.clone();
            world.sandbox.delete(Resource::Activity, &id);
            format!("deleted activity {id}")
        }
    }
}

/// The same instant, seen from another zone: the local date follows.
fn move_to_zone(a: &mut TrueActivity, zone: &str) {
    let tz: Tz = zone.parse().unwrap();
    a.timezone = zone.into();
    a.local_date = a.start_time.with_timezone(&tz).date_naive();
}

/// Starts the activity at a local wall-clock time in `zone` (the earlier instant when the
/// clock shows it twice, an hour later when it skips it).
fn start_at(a: &mut TrueActivity, zone: &str, day: NaiveDate, time: NaiveTime) {
    let tz: Tz = zone.parse().unwrap();
    let local = day.and_time(time);
    let start: DateTime<Utc> = match tz.from_local_datetime(&local) {
        chrono::LocalResult::Single(t) | chrono::LocalResult::Ambiguous(t, _) => t.to_utc(),
        chrono::LocalResult::None => tz
            .from_local_datetime(&(local + Duration::hours(1)))
            .earliest()
            .unwrap()
            .to_utc(),
    };
    a.timezone = zone.into();
    a.start_time = start;
    a.local_date = start.with_timezone(&tz).date_naive();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_rounds_of_mutations_leave_the_cache_equal_to_the_server() {
    let world = world_with(SandboxConfig {
        rate_limits: RateLimits {
            per_window: 100_000,
            window: std::time::Duration::from_secs(10),
            per_day: 1_000_000,
        },
        ..SandboxConfig::demo(anchor())
    })
    .await;
    world.streams_on_demand().await;
    let connection = world.connect().await;
    let syncer = world.syncer();
    syncer.sync(&connection.id).await.unwrap();
    assert_eq!(
        differences(&world, &connection.id).await,
        Vec::<String>::new(),
        "after the first sync"
    );
    let mut rng = StdRng::seed_from_u64(0x0ff_9ea6);
    let mut total_changes = 0;
    for round in 1..=ROUNDS {
        let mut done = Vec::new();
        for _ in 0..rng.random_range(1..=4) {
            done.push(mutate(&world, &mut rng));
        }
        total_changes += done.len();
        syncer.sync(&connection.id).await.unwrap();
        let diff = differences(&world, &connection.id).await;
        assert!(
            diff.is_empty(),
            "round {round} after {done:?}:\n{}",
            diff.join("\n")
        );
    }
    assert!(total_changes >= ROUNDS);
    world.store.integrity_check().await.unwrap();
}
