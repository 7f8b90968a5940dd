//! The Intervals.icu comparison: items are matched by everything they say, since the surface
//! serves ids of its own.

use chrono::{DateTime, NaiveDate, Utc};
use offpeak_domain::{Activity, ConnectionId, Workout};
use offpeak_sandbox::data::{
    Activity as TrueActivity, CalendarNote as TrueNote, Dataset, Wellness as TrueWellness,
    Workout as TrueWorkout,
};
use offpeak_store::Store;
use std::collections::{BTreeMap, HashMap};

/// Milliseconds since the epoch: the precision the Intervals.icu surface sends stamps in.
fn ms(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

/// A name both sides spell the same way (`ride`, `holiday`, `A`).
fn spelled<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_lowercase))
        .unwrap_or_default()
}

fn true_workout_line(w: &TrueWorkout) -> String {
    format!(
        "{} {:?} {} {:?} {:?} {}s load {:?} race {:?} steps {} sport {} stamp {}",
        w.date,
        w.start_time.as_deref().filter(|t| *t != "00:00"),
        w.name,
        w.description,
        w.planned_distance_m,
        w.planned_duration_s,
        w.planned_load,
        w.race.map(|r| spelled(&r)),
        w.structure.is_some(),
        spelled(&w.sport),
        ms(w.updated_at)
    )
}

fn cached_workout_line(w: &Workout) -> String {
    format!(
        "{} {:?} {} {:?} {:?} {}s load {:?} race {:?} steps {} sport {} stamp {}",
        w.date,
        w.start_time.as_deref(),
        w.name,
        w.description,
        w.planned_distance_m,
        w.planned_duration_s,
        w.planned_load.map(|l| l.round() as u32),
        w.race.map(|r| spelled(&r)),
        w.structure.is_some(),
        w.sport.as_str(),
        ms(w.updated_at)
    )
}

fn true_note_line(n: &TrueNote) -> String {
    format!(
        "{}..{} {} {} {:?} stamp {}",
        n.start_date,
        n.end_date,
        spelled(&n.category),
        n.name,
        n.description,
        ms(n.updated_at)
    )
}

fn true_wellness_line(w: &TrueWellness) -> String {
    format!(
        "{} rhr {:?} hrv {:?} kg {:?} sleep {:?} q {:?}",
        w.date, w.resting_hr, w.hrv, w.weight_kg, w.sleep_s, w.sleep_quality
    )
}

fn true_activity_line(a: &TrueActivity, plan: Option<String>) -> String {
    let f = |v: Option<u32>| v.map(f64::from);
    format!(
        "{} {} {} {} {:?} {} {}s/{}s trainer {} streams {:?} watts {:?}/{:?} hr {:?}/{:?} load {:?} plan {:?} stamp {}",
        a.start_time.timestamp(),
        a.timezone,
        a.local_date,
        a.name,
        a.description,
        spelled(&a.sport),
        a.elapsed_time_s,
        a.moving_time_s,
        a.trainer,
        a.stream_types,
        f(a.avg_power_w),
        f(a.normalized_power_w),
        f(a.avg_hr),
        f(a.max_hr),
        f(a.load),
        plan,
        ms(a.updated_at)
    )
}

fn cached_activity_line(a: &Activity, plan: Option<String>) -> String {
    format!(
        "{} {} {} {} {:?} {} {}s/{}s trainer {} streams {:?} watts {:?}/{:?} hr {:?}/{:?} load {:?} plan {:?} stamp {}",
        a.start_time.timestamp(),
        a.timezone.as_deref().unwrap_or("?"),
        a.local_date,
        a.name,
        a.description,
        a.sport.as_str(),
        a.elapsed_time_s,
        a.moving_time_s,
        a.trainer,
        a.stream_types,
        a.avg_power_w,
        a.normalized_power_w,
        a.avg_hr,
        a.max_hr,
        a.load,
        plan,
        ms(a.updated_at)
    )
}

/// Reports descriptions the cache lacks or holds in excess (a duplicate counts as excess).
fn compare_lines(kind: &str, cached: Vec<String>, truth: Vec<String>, found: &mut Vec<String>) {
    let mut count: BTreeMap<String, i64> = BTreeMap::new();
    for line in truth {
        *count.entry(line).or_default() += 1;
    }
    for line in cached {
        *count.entry(line).or_default() -= 1;
    }
    for (line, n) in count.into_iter().filter(|(_, n)| *n != 0).take(8) {
        let what = if n > 0 { "missing from" } else { "extra in" };
        found.push(format!("{kind} {what} the cache ({}×): {line}", n.abs()));
    }
}

/// Every difference between an Intervals.icu connection's cache and the truth for the data
/// set's owner, for items dated from `from` on: planned workouts and races, notes, activities
/// (each listed Strava stub standing for one activity at its local start), the plan each
/// activity fulfils, and wellness days with measurements. The number of Strava stubs found is
/// returned too.
pub async fn intervals_differences(
    store: &Store,
    truth: &Dataset,
    connection: &ConnectionId,
    from: Option<NaiveDate>,
) -> (Vec<String>, usize) {
    let dated = |d: NaiveDate| from.is_none_or(|f| d >= f);
    let owner = truth.owner().id.clone();
    let mut found = Vec::new();

    let cached_w = store.all_workouts(connection).await.unwrap();
    let true_w: Vec<&TrueWorkout> = truth
        .workouts
        .iter()
        .filter(|w| w.athlete_id == owner)
        .collect();
    compare_lines(
        "workout",
        cached_w
            .iter()
            .filter(|w| dated(w.date))
            .map(cached_workout_line)
            .collect(),
        true_w
            .iter()
            .filter(|w| dated(w.date))
            .map(|w| true_workout_line(w))
            .collect(),
        &mut found,
    );

    let cached_n = store.all_notes(connection).await.unwrap();
    compare_lines(
        "note",
        cached_n
            .iter()
            .filter(|n| dated(n.end_date))
            .map(|n| {
                format!(
                    "{}..{} {} {} {:?} stamp {}",
                    n.start_date,
                    n.end_date,
                    n.kind.as_str(),
                    n.name,
                    n.description,
                    ms(n.updated_at)
                )
            })
            .collect(),
        truth
            .notes
            .iter()
            .filter(|n| n.athlete_id == owner && dated(n.end_date))
            .map(true_note_line)
            .collect(),
        &mut found,
    );

    // The plan an activity fulfils, told by what the plan says (the ids differ).
    let cached_plans: HashMap<&str, String> = cached_w
        .iter()
        .map(|w| (w.id.as_str(), cached_workout_line(w)))
        .collect();
    let cached_a: Vec<Activity> = store
        .all_activities(connection)
        .await
        .unwrap()
        .into_iter()
        .filter(|a| dated(a.local_date))
        .collect();
    let (stubs, full): (Vec<&Activity>, Vec<&Activity>) = cached_a.iter().partition(|a| a.stub);
    let mut true_a: Vec<&TrueActivity> = truth
        .activities
        .iter()
        .filter(|a| a.athlete_id == owner && dated(a.local_date))
        .collect();
    let true_line = |a: &TrueActivity| {
        let plan = a.planned_workout_id.as_deref().map(|id| {
            truth
                .workout(id)
                .map_or_else(|| "gone".into(), true_workout_line)
        });
        true_activity_line(a, plan)
    };
    // A stub stands for the activity that starts at its local start and is not listed whole.
    let full_lines: Vec<String> = full
        .iter()
        .map(|a| {
            let plan = a.planned_workout_id.as_deref().map(|id| {
                cached_plans
                    .get(id)
                    .cloned()
                    .unwrap_or_else(|| format!("not cached ({id})"))
            });
            cached_activity_line(a, plan)
        })
        .collect();
    let mut listed_whole: BTreeMap<&str, usize> = BTreeMap::new();
    for line in &full_lines {
        *listed_whole.entry(line.as_str()).or_default() += 1;
    }
    let mut stub_starts: Vec<chrono::NaiveDateTime> =
        stubs.iter().map(|s| s.start_time.naive_utc()).collect();
    stub_starts.sort();
    true_a.retain(|a| {
        let line = true_line(a);
        match listed_whole.get_mut(line.as_str()) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => match stub_starts.binary_search(&a.local_start()) {
                Ok(at) => {
                    stub_starts.remove(at);
                    false
                }
                Err(_) => true,
            },
        }
    });
    for start in &stub_starts {
        found.push(format!(
            "a Strava stub at {start} stands for no activity of the server"
        ));
    }
    compare_lines(
        "activity",
        full_lines,
        true_a.iter().map(|a| true_line(a)).collect(),
        &mut found,
    );
    for stub in &stubs {
        if !stub.stream_types.is_empty() || stub.avg_hr.is_some() {
            found.push(format!("stub {} carries figures or streams", stub.id));
        }
    }

    let cached_days = store.all_wellness(connection).await.unwrap();
    compare_lines(
        "wellness day",
        cached_days
            .iter()
            .filter(|w| dated(w.date))
            .filter(|w| {
                w.resting_hr.is_some()
                    || w.hrv.is_some()
                    || w.weight_kg.is_some()
                    || w.sleep_s.is_some()
                    || w.sleep_quality.is_some()
            })
            .map(|w| {
                format!(
                    "{} rhr {:?} hrv {:?} kg {:?} sleep {:?} q {:?}",
                    w.date, w.resting_hr, w.hrv, w.weight_kg, w.sleep_s, w.sleep_quality
                )
            })
            .collect(),
        truth
            .wellness
            .iter()
            .filter(|w| w.athlete_id == owner && dated(w.date))
            .filter(|w| {
                w.resting_hr.is_some()
                    || w.hrv.is_some()
                    || w.weight_kg.is_some()
                    || w.sleep_s.is_some()
                    || w.sleep_quality.is_some()
            })
            .map(true_wellness_line)
            .collect(),
        &mut found,
    );
    (found, stubs.len())
}
