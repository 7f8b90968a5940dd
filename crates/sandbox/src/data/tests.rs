//! Tests of the data set, by theme. Large data sets are generated once and shared.

mod calendar;
mod integrity;
mod seasons;
mod sizes;
mod travel;

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::{DateTime, NaiveDate, Utc};

use super::*;

pub(super) fn anchor() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 4, 10).unwrap()
}

pub(super) fn cutoff() -> DateTime<Utc> {
    anchor().and_hms_opt(23, 59, 59).unwrap().and_utc()
}

pub(super) fn decade() -> &'static Dataset {
    static D: OnceLock<Dataset> = OnceLock::new();
    D.get_or_init(|| Dataset::generate(42, anchor(), DatasetSize::Decade))
}

pub(super) fn season() -> &'static Dataset {
    static D: OnceLock<Dataset> = OnceLock::new();
    D.get_or_init(|| Dataset::generate(42, anchor(), DatasetSize::Season))
}

pub(super) fn demo() -> &'static Dataset {
    static D: OnceLock<Dataset> = OnceLock::new();
    D.get_or_init(|| Dataset::generate(42, anchor(), DatasetSize::Demo))
}

/// The whole data set as JSON, the way the server would show it.
pub(super) fn json(d: &Dataset) -> String {
    serde_json::to_string(&(
        &d.athletes,
        &d.workouts,
        &d.activities,
        &d.notes,
        &d.wellness,
    ))
    .unwrap()
}

pub(super) fn workouts_by_id(d: &Dataset) -> HashMap<&str, &Workout> {
    d.workouts.iter().map(|w| (w.id.as_str(), w)).collect()
}

/// The local date of an activity's start in its own time zone, worked out independently.
pub(super) fn local_start(a: &Activity) -> chrono::NaiveDateTime {
    let zone: chrono_tz::Tz = a.timezone.parse().unwrap();
    a.start_time.with_timezone(&zone).naive_local()
}
