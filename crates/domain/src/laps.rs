//! Laps: the stretches an activity was divided into — by the device's lap button, or by the
//! steps of the structured workout it fulfilled — with what was measured over each, as the
//! platform worked them out. Only some platforms have them.

use serde::{Deserialize, Serialize};

/// One lap of an activity. Times are in seconds from the activity's start; the figures are
/// the platform's, each absent when it gave none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lap {
    /// When the lap began, in seconds elapsed since the activity's start.
    pub start_s: f64,
    /// How long it lasted, pauses included.
    pub duration_s: f64,
    /// How long of it was spent moving.
    pub moving_s: Option<f64>,
    pub distance_m: Option<f64>,
    pub avg_power_w: Option<f64>,
    pub normalized_power_w: Option<f64>,
    pub avg_hr: Option<f64>,
    pub max_hr: Option<f64>,
    pub avg_cadence: Option<f64>,
    pub avg_speed_mps: Option<f64>,
    pub elevation_gain_m: Option<f64>,
    /// What the platform calls it (`Warmup`, `Interval`, `Lap 3`), or whether it was work or
    /// recovery when it has no name.
    pub label: Option<String>,
}
