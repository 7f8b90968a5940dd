//! Totals per sport over a span (a calendar week): sessions, time, distance and load, done and
//! planned.

use crate::training::{Activity, Sport, Workout};

/// One sport's totals.
#[derive(Debug, Clone, PartialEq)]
pub struct SportTotals {
    pub sport: Sport,
    pub sessions: u32,
    pub time_s: u64,
    pub distance_m: f64,
    pub load: f64,
}

/// Every sport, in the order of its declaration.
const SPORTS: [Sport; 5] = [
    Sport::Ride,
    Sport::Run,
    Sport::Swim,
    Sport::Strength,
    Sport::Other,
];

impl SportTotals {
    fn empty(sport: Sport) -> SportTotals {
        SportTotals {
            sport,
            sessions: 0,
            time_s: 0,
            distance_m: 0.0,
            load: 0.0,
        }
    }
}

/// `(done, planned)` totals per sport of the items given, sports in the order of
/// `Sport`'s declaration, sports without items left out. Done time is moving time; an
/// activity's load is `load_of(activity)` (the figures' load when the streams gave one), missing
/// loads and distances count as zero. Stubs count as sessions only.
pub fn totals(
    workouts: &[Workout],
    activities: &[Activity],
    load_of: impl Fn(&Activity) -> Option<f64>,
) -> (Vec<SportTotals>, Vec<SportTotals>) {
    let mut done = SPORTS.map(SportTotals::empty);
    for activity in activities {
        let sum = &mut done[slot(activity.sport)];
        sum.sessions += 1;
        if !activity.stub {
            sum.time_s += u64::from(activity.moving_time_s);
            sum.distance_m += activity.distance_m.unwrap_or(0.0);
            sum.load += load_of(activity).unwrap_or(0.0);
        }
    }
    let mut planned = SPORTS.map(SportTotals::empty);
    for workout in workouts {
        let sum = &mut planned[slot(workout.sport)];
        sum.sessions += 1;
        sum.time_s += u64::from(workout.planned_duration_s);
        sum.distance_m += workout.planned_distance_m.unwrap_or(0.0);
        sum.load += workout.planned_load.unwrap_or(0.0);
    }
    let kept = |sums: [SportTotals; 5]| sums.into_iter().filter(|s| s.sessions > 0).collect();
    (kept(done), kept(planned))
}

fn slot(sport: Sport) -> usize {
    SPORTS
        .iter()
        .position(|s| *s == sport)
        .expect("every sport is listed")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples::{activity, workout};

    #[test]
    fn done_and_planned_add_up_per_sport_in_declaration_order() {
        let swim = Activity {
            sport: Sport::Swim,
            moving_time_s: 1800,
            distance_m: Some(1500.0),
            load: Some(30.0),
            ..activity("s1", "2026-11-24", None)
        };
        let run_without_distance = Activity {
            moving_time_s: 1200,
            distance_m: None,
            ..activity("r2", "2026-11-25", None)
        };
        // The sample activity is a run: 3600 s moving, 10.2 km, platform load 55.
        let activities = [
            swim,
            activity("r1", "2026-11-23", None),
            run_without_distance,
        ];
        let run_plan = Workout {
            sport: Sport::Run,
            planned_duration_s: 2400,
            planned_distance_m: Some(8000.0),
            planned_load: None,
            ..workout("w3", "2026-11-25", "run")
        };
        // The sample workout is a one-hour ride with a planned load of 60.
        let workouts = [
            run_plan,
            workout("w1", "2026-11-23", "ride"),
            workout("w2", "2026-11-24", "ride"),
        ];
        // The figures know a load of 70 for r1 only; the platform's figure is not used.
        let (done, planned) = totals(&workouts, &activities, |a| (a.id == "r1").then_some(70.0));
        assert_eq!(
            done,
            vec![
                SportTotals {
                    sport: Sport::Run,
                    sessions: 2,
                    time_s: 4800,
                    distance_m: 10_200.0,
                    load: 70.0,
                },
                SportTotals {
                    sport: Sport::Swim,
                    sessions: 1,
                    time_s: 1800,
                    distance_m: 1500.0,
                    load: 0.0,
                },
            ]
        );
        assert_eq!(
            planned,
            vec![
                SportTotals {
                    sport: Sport::Ride,
                    sessions: 2,
                    time_s: 7200,
                    distance_m: 0.0,
                    load: 120.0,
                },
                SportTotals {
                    sport: Sport::Run,
                    sessions: 1,
                    time_s: 2400,
                    distance_m: 8000.0,
                    load: 0.0,
                },
            ]
        );
    }

    #[test]
    fn stubs_count_as_sessions_only() {
        let stub = Activity {
            stub: true,
            ..activity("s1", "2026-11-23", None)
        };
        let (done, planned) = totals(&[], &[stub, activity("r1", "2026-11-24", None)], |a| a.load);
        assert!(planned.is_empty());
        assert_eq!(
            done,
            vec![SportTotals {
                sport: Sport::Run,
                sessions: 2,
                time_s: 3600,
                distance_m: 10_200.0,
                load: 55.0,
            }]
        );
    }

    #[test]
    fn nothing_gives_no_sports() {
        assert_eq!(totals(&[], &[], |a| a.load), (vec![], vec![]));
    }
}
