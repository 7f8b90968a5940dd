//! The training plan: twelve weeks (ten before the anchor's week, that week, one after), four to
//! six sessions a week, Monday always a rest day.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use rand::Rng;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;

use super::sessions::{self, Kind};
use super::{Athlete, Ids, Workout};

/// Weeks before the anchor's week.
pub(super) const WEEKS_BEFORE: i64 = 10;
/// Weeks after the anchor's week.
pub(super) const WEEKS_AFTER: i64 = 1;

/// The Monday that starts the plan.
pub(super) fn first_monday(anchor: NaiveDate) -> NaiveDate {
    let monday = anchor - Duration::days(i64::from(anchor.weekday().num_days_from_monday()));
    monday - Duration::weeks(WEEKS_BEFORE)
}

pub(super) fn weeks() -> i64 {
    WEEKS_BEFORE + 1 + WEEKS_AFTER
}

const KEY_RIDES: [Kind; 6] = [
    Kind::SweetSpot3x12,
    Kind::Vo2max5x4,
    Kind::Threshold2x20,
    Kind::OverUnders,
    Kind::SweetSpot2x20,
    Kind::Madeleine,
];

/// One week's sessions as (day offset from Monday, kind).
fn week_template(rng: &mut ChaCha8Rng, week: i64) -> Vec<(i64, Kind)> {
    let key = KEY_RIDES[(week as usize + rng.random_range(0..2)) % KEY_RIDES.len()];
    let mut days = vec![(1, key)];
    if rng.random_bool(0.7) {
        let wednesday = if week % 2 == 0 {
            *[Kind::SwimTechnique, Kind::SwimEndurance]
                .choose(rng)
                .expect("non-empty")
        } else {
            *[Kind::EasyRun, Kind::RunIntervals]
                .choose(rng)
                .expect("non-empty")
        };
        days.push((2, wednesday));
    }
    let thursday = *[Kind::EnduranceRide, Kind::TempoRide, Kind::EasyRun]
        .choose(rng)
        .expect("non-empty");
    days.push((3, thursday));
    if rng.random_bool(0.6) {
        let friday = if rng.random_bool(0.5) {
            Kind::Strength
        } else {
            Kind::RecoverySpin
        };
        days.push((4, friday));
    }
    let long = if rng.random_bool(0.3) {
        Kind::LongRideTempo
    } else {
        Kind::LongRide
    };
    days.push((5, long));
    let sunday = if rng.random_bool(0.6) {
        Kind::LongRun
    } else {
        Kind::EnduranceRide
    };
    days.push((6, sunday));
    days
}

fn start_time(rng: &mut ChaCha8Rng, weekday: i64, kind: Kind) -> Option<String> {
    if !rng.random_bool(0.45) {
        return None;
    }
    let options: &[&str] = match (weekday, kind) {
        (_, Kind::Strength) => &["19:00", "07:30"],
        (5 | 6, _) => &["08:30", "09:00", "09:30"],
        (_, Kind::SwimTechnique | Kind::SwimEndurance) => &["07:00", "13:30"],
        _ => &["07:00", "12:30", "18:00", "18:30"],
    };
    options.choose(rng).map(|s| s.to_string())
}

/// When the coach wrote the session (and last touched it): days before its date, in UTC.
fn authored(rng: &mut ChaCha8Rng, date: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
    let day = date - Duration::days(rng.random_range(3..=20));
    let created = day
        .and_hms_opt(
            rng.random_range(6..=21),
            rng.random_range(0..60),
            rng.random_range(0..60),
        )
        .expect("valid time")
        .and_utc();
    let updated = if rng.random_bool(0.35) {
        created + Duration::minutes(rng.random_range(5..=36 * 60))
    } else {
        created
    };
    (created, updated)
}

pub(super) fn generate(
    rng: &mut ChaCha8Rng,
    ids: &mut Ids,
    athlete: &Athlete,
    anchor: NaiveDate,
) -> Vec<(Workout, Kind)> {
    let start = first_monday(anchor);
    let mut workouts = Vec::new();
    for week in 0..weeks() {
        for (day, kind) in week_template(rng, week) {
            let date = start + Duration::weeks(week) + Duration::days(day);
            let session = sessions::build(kind, athlete, rng);
            let start_time = start_time(rng, day, kind);
            let (created_at, updated_at) = authored(rng, date);
            let workout = Workout {
                id: ids.next(rng, "w_"),
                athlete_id: athlete.id.clone(),
                date,
                start_time,
                sport: session.sport,
                name: session.name,
                description: session.description,
                planned_duration_s: session.duration_s,
                planned_distance_m: session.distance_m,
                planned_load: session.load,
                intensity: session.intensity,
                structure: session.structure,
                created_at,
                updated_at,
                race: None,
            };
            workouts.push((workout, kind));
        }
    }
    workouts
}
