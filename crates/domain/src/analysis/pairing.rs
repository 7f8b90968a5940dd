//! Pairing planned workouts with the activities that fulfil them: the platform's own link
//! first, else an activity of the same sport on the same day.

use crate::training::{Activity, Workout};

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
pub fn pair(workouts: &[Workout], activities: &[Activity]) -> Vec<Pair> {
    let _ = (workouts, activities);
    todo!()
}
