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

/// `(done, planned)` totals per sport of the items given, sports in the order of
/// `Sport`'s declaration, sports without items left out. Done time is moving time; an
/// activity's load is `load_of(activity)` (the figures' load when the streams gave one), missing
/// loads and distances count as zero. Stubs count as sessions only.
pub fn totals(
    workouts: &[Workout],
    activities: &[Activity],
    load_of: impl Fn(&Activity) -> Option<f64>,
) -> (Vec<SportTotals>, Vec<SportTotals>) {
    let _ = (workouts, activities, load_of);
    todo!()
}
