//! Pairing planned workouts with the activities that fulfil them: the platform's own link
//! first, else an activity of the same sport on the same day.

use crate::training::{Activity, Workout};
use std::collections::HashMap;

/// Why an activity was paired with a workout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairedBy {
    /// The platform links them (`Activity::planned_workout_id`).
    Platform,
    /// Same local date and same sport, neither linked elsewhere.
    SameDayAndSport,
}

/// A workout (index into the workouts given) and the activity (index into the activities
/// given) that fulfils it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pair {
    pub workout: usize,
    pub activity: usize,
    pub by: PairedBy,
}

/// Pairs one-to-one: every activity whose `planned_workout_id` names a workout given is paired
/// with it, whatever the day; then, per day and sport, the remaining workouts and activities
/// are paired, the closest durations first (planned duration vs moving time), ties broken by
/// order given. Stubs pair like any other activity. Pairs come sorted by workout index.
///
/// When several activities link the same workout, the first given keeps the link and the
/// others take part in same-day pairing, as does an activity whose link names a workout not
/// given. When two workouts share an id, the first given is the one linked.
pub fn pair(workouts: &[Workout], activities: &[Activity]) -> Vec<Pair> {
    let mut workout_taken = vec![false; workouts.len()];
    let mut activity_taken = vec![false; activities.len()];
    let mut pairs = Vec::new();

    let mut workout_by_id: HashMap<&str, usize> = HashMap::new();
    for (index, workout) in workouts.iter().enumerate() {
        workout_by_id.entry(workout.id.as_str()).or_insert(index);
    }
    for (a, activity) in activities.iter().enumerate() {
        let linked = activity
            .planned_workout_id
            .as_deref()
            .and_then(|id| workout_by_id.get(id).copied());
        if let Some(w) = linked.filter(|w| !workout_taken[*w]) {
            workout_taken[w] = true;
            activity_taken[a] = true;
            pairs.push(Pair {
                workout: w,
                activity: a,
                by: PairedBy::Platform,
            });
        }
    }

    // Every same-day, same-sport candidate, closest durations first, then by order given.
    let mut candidates: Vec<(u32, usize, usize)> = Vec::new();
    for (w, workout) in workouts.iter().enumerate() {
        if workout_taken[w] {
            continue;
        }
        for (a, activity) in activities.iter().enumerate() {
            if !activity_taken[a]
                && activity.local_date == workout.date
                && activity.sport == workout.sport
            {
                let gap = workout.planned_duration_s.abs_diff(activity.moving_time_s);
                candidates.push((gap, w, a));
            }
        }
    }
    candidates.sort_unstable();
    for (_, w, a) in candidates {
        if !workout_taken[w] && !activity_taken[a] {
            workout_taken[w] = true;
            activity_taken[a] = true;
            pairs.push(Pair {
                workout: w,
                activity: a,
                by: PairedBy::SameDayAndSport,
            });
        }
    }

    pairs.sort_by_key(|p| p.workout);
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples::{activity, workout};
    use crate::training::Sport;

    fn ride(id: &str, date: &str, planned_s: u32) -> Workout {
        Workout {
            planned_duration_s: planned_s,
            ..workout(id, date, id)
        }
    }

    fn done_ride(id: &str, date: &str, moving_s: u32, linked: Option<&str>) -> Activity {
        Activity {
            sport: Sport::Ride,
            moving_time_s: moving_s,
            ..activity(id, date, linked)
        }
    }

    fn pair_of(w: usize, a: usize, by: PairedBy) -> Pair {
        Pair {
            workout: w,
            activity: a,
            by,
        }
    }

    #[test]
    fn the_platform_link_wins_even_across_days() {
        let workouts = [
            ride("w1", "2026-11-10", 3600),
            ride("w2", "2026-11-11", 3600),
        ];
        // Done on the 11th but linked to the plan of the 10th: the plan of the 11th stays open.
        let activities = [done_ride("a1", "2026-11-11", 3600, Some("w1"))];
        assert_eq!(
            pair(&workouts, &activities),
            vec![pair_of(0, 0, PairedBy::Platform)]
        );
    }

    #[test]
    fn same_day_and_sport_pairs_without_a_link() {
        let workouts = [ride("w1", "2026-11-10", 3600)];
        let activities = [done_ride("a1", "2026-11-10", 3000, None)];
        assert_eq!(
            pair(&workouts, &activities),
            vec![pair_of(0, 0, PairedBy::SameDayAndSport)]
        );
    }

    #[test]
    fn another_day_or_sport_does_not_pair() {
        let workouts = [ride("w1", "2026-11-10", 3600)];
        // The sample activity is a run.
        let run_same_day = [activity("a1", "2026-11-10", None)];
        assert!(pair(&workouts, &run_same_day).is_empty());
        let ride_next_day = [done_ride("a1", "2026-11-11", 3600, None)];
        assert!(pair(&workouts, &ride_next_day).is_empty());
    }

    #[test]
    fn two_plans_one_activity_pairs_the_closest_duration() {
        let workouts = [
            ride("long", "2026-11-10", 3 * 3600),
            ride("short", "2026-11-10", 3600),
        ];
        let activities = [done_ride("a1", "2026-11-10", 3300, None)];
        assert_eq!(
            pair(&workouts, &activities),
            vec![pair_of(1, 0, PairedBy::SameDayAndSport)]
        );
    }

    #[test]
    fn pairing_is_one_to_one_and_sorted_by_workout() {
        let workouts = [
            ride("long", "2026-11-10", 3 * 3600),
            ride("short", "2026-11-10", 3600),
        ];
        let activities = [
            done_ride("a_short", "2026-11-10", 3500, None),
            done_ride("a_long", "2026-11-10", 10_000, None),
            done_ride("a_extra", "2026-11-10", 3600, None),
        ];
        // a_extra fits "short" exactly (gap 0 s); for "long", a_long is closer than a_short
        // (800 s vs 7300 s); a_short is left over.
        assert_eq!(
            pair(&workouts, &activities),
            vec![
                pair_of(0, 1, PairedBy::SameDayAndSport),
                pair_of(1, 2, PairedBy::SameDayAndSport),
            ]
        );
    }

    #[test]
    fn equal_gaps_pair_in_the_order_given() {
        let workouts = [
            ride("w1", "2026-11-10", 3600),
            ride("w2", "2026-11-10", 3600),
        ];
        let activities = [done_ride("a1", "2026-11-10", 3000, None)];
        assert_eq!(
            pair(&workouts, &activities),
            vec![pair_of(0, 0, PairedBy::SameDayAndSport)]
        );
    }

    #[test]
    fn a_link_to_an_unknown_workout_falls_back_to_the_same_day() {
        let workouts = [ride("w1", "2026-11-10", 3600)];
        let activities = [done_ride("a1", "2026-11-10", 3600, Some("w_gone"))];
        assert_eq!(
            pair(&workouts, &activities),
            vec![pair_of(0, 0, PairedBy::SameDayAndSport)]
        );
    }

    #[test]
    fn a_linked_workout_is_not_paired_again_on_its_day() {
        let workouts = [ride("w1", "2026-11-10", 3600)];
        let activities = [
            done_ride("same_day", "2026-11-10", 3600, None),
            done_ride("linked", "2026-11-12", 1200, Some("w1")),
        ];
        assert_eq!(
            pair(&workouts, &activities),
            vec![pair_of(0, 1, PairedBy::Platform)]
        );
    }

    #[test]
    fn stubs_pair_like_any_activity() {
        let workouts = [
            ride("w1", "2026-11-10", 3600),
            ride("w2", "2026-11-11", 3600),
        ];
        let stub = |id: &str, date: &str, linked| Activity {
            stub: true,
            moving_time_s: 0,
            distance_m: None,
            ..done_ride(id, date, 0, linked)
        };
        let activities = [
            stub("s1", "2026-11-10", None),
            stub("s2", "2026-11-13", Some("w2")),
        ];
        assert_eq!(
            pair(&workouts, &activities),
            vec![
                pair_of(0, 0, PairedBy::SameDayAndSport),
                pair_of(1, 1, PairedBy::Platform),
            ]
        );
    }
}
