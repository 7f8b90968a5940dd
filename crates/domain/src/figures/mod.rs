//! Per-activity figures computed once, when an activity's streams arrive, so that browsing never
//! recomputes history: the power-duration curve, time in power and heart-rate zones, normalized
//! power and training load.
//!
//! Conventions, all in one place:
//! - Time comes from the `time` stream when there is one, else the samples are one second apart.
//! - Power is laid on a one-second grid: seconds the recording skipped (a gap in
//!   the time stream) count as 0 W, as do dropouts — GoldenCheetah's convention. The power
//!   curve, normalized power and the power-based load are computed on that grid.
//! - Time in zones and heart-rate load weigh each sample by the time to the next sample, capped
//!   at [`MAX_SAMPLE_WEIGHT_S`] so a paused recorder does not count as effort.
//! - Rounding: watts and load to 0.1, intensity factor to 0.01, zones to whole seconds.

mod load;
mod power_curve;
mod timeline;
mod zones;

pub(crate) use load::threshold_heart_rate;
pub use power_curve::DURATIONS_S;
pub use timeline::{MAX_GRID_S, MAX_SAMPLE_WEIGHT_S};

use crate::streams::{StreamKind, Streams};
use crate::training::Athlete;
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

/// Computes an activity's figures from its `streams` and the athlete's thresholds;
/// `platform_load` is the load the platform reported for it.
///
/// - `power_curve`: best mean power for each of [`DURATIONS_S`] that fits in the recording.
/// - `power_zone_s` / `hr_zone_s`: seconds in each of the athlete's zones (a value at or below
///   bound `i` is in zone `i`, above the last bound in the last zone).
/// - `normalized_power_w`: 30-second rolling mean, 4th-power mean, 4th root (30 s at least).
/// - `intensity_factor`: normalized power / FTP.
/// - `load`: `hours × IF² × 100` with power and FTP; else a heart-rate load (TRIMP relative to
///   an hour at threshold heart rate: zone 4's upper bound of five heart-rate zones, else 90% of
///   the maximum); else `platform_load`.
///
/// A series whose samples are all missing counts as absent. Linear in the number of samples.
pub fn compute(
    platform_load: Option<f64>,
    athlete: Option<&Athlete>,
    streams: &Streams,
) -> ActivityFigures {
    let samples = streams
        .series
        .iter()
        .map(|(_, d)| d.len())
        .max()
        .unwrap_or(0);
    let times = timeline::sample_times(streams, samples);
    let weights = timeline::sample_weights(&times);
    let watts = recorded(streams, StreamKind::Watts);
    let heartrate = recorded(streams, StreamKind::Heartrate);

    let power = watts.map(|w| timeline::per_second(&times, w));
    let power = power.as_deref();
    let power_curve = power
        .map(power_curve::best_efforts)
        .unwrap_or_default()
        .into_iter()
        .map(|(seconds, watts)| (seconds, round_to(watts, 1)))
        .collect();
    let in_zones =
        |series: Option<&[Option<f64>]>, bounds: fn(&Athlete) -> &[u32]| match (series, athlete) {
            (Some(series), Some(athlete)) => {
                zones::seconds_in_zones(series, &weights, bounds(athlete))
            }
            _ => Vec::new(),
        };
    let power_zone_s = in_zones(watts, |a| &a.power_zones_w);
    let hr_zone_s = in_zones(heartrate, |a| &a.hr_zones_bpm);

    let normalized_power = power.and_then(load::normalized_power);
    let ftp = athlete
        .and_then(|a| a.ftp_w)
        .filter(|&ftp| ftp > 0)
        .map(f64::from);
    let intensity_factor = normalized_power.zip(ftp).map(|(np, ftp)| np / ftp);
    let power_load = power
        .zip(intensity_factor)
        .map(|(power, intensity)| load::power_load(power.len(), intensity));
    let heart_rate_load = || {
        heartrate
            .zip(athlete)
            .and_then(|(hr, athlete)| load::heart_rate_load(hr, &weights, athlete))
    };
    let load = power_load
        .or_else(heart_rate_load)
        .map(|load| round_to(load, 1))
        .or(platform_load);

    ActivityFigures {
        power_curve,
        power_zone_s,
        hr_zone_s,
        normalized_power_w: normalized_power.map(|np| round_to(np, 1)),
        intensity_factor: intensity_factor.map(|i| round_to(i, 2)),
        load,
    }
}

/// A scalar series with at least one sample.
fn recorded(streams: &Streams, kind: StreamKind) -> Option<&[Option<f64>]> {
    streams
        .scalar(kind)
        .filter(|series| series.iter().any(Option::is_some))
}

fn round_to(value: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (value * scale).round() / scale
}
