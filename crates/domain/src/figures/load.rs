//! Intensity and training load: normalized power, the power-based training stress score and a
//! heart-rate based load for activities without power.

use crate::training::Athlete;

/// The rolling window of normalized power, in seconds.
const NP_WINDOW_S: usize = 30;

/// Banister's TRIMP exponent (the men's value; the athlete's sex is not known here). Only the
/// exponent matters: the load is a ratio to an hour at threshold, so the TRIMP factor cancels.
const TRIMP_EXPONENT: f64 = 1.92;

/// Whole heart rates up to this many beats per minute have their TRIMP weight tabled.
const WHOLE_BPM_TABLE: u16 = 255;

/// Normalized power of power on a one-second grid: the 30-second rolling mean, raised to the
/// 4th power, averaged, and its 4th root taken. `None` for less than 30 seconds.
pub(crate) fn normalized_power(per_second: &[f64]) -> Option<f64> {
    if per_second.len() < NP_WINDOW_S {
        return None;
    }
    let window = NP_WINDOW_S as f64;
    let mut window_sum: f64 = per_second[..NP_WINDOW_S].iter().sum();
    let mut fourth_powers = (window_sum / window).powi(4);
    for (entering, leaving) in per_second[NP_WINDOW_S..].iter().zip(per_second) {
        window_sum += entering - leaving;
        fourth_powers += (window_sum / window).powi(4);
    }
    let windows = (per_second.len() - NP_WINDOW_S + 1) as f64;
    Some((fourth_powers / windows).sqrt().sqrt())
}

/// Training stress score: `hours × IF² × 100`, so an hour at FTP scores 100.
pub(crate) fn power_load(duration_s: usize, intensity_factor: f64) -> f64 {
    duration_s as f64 / 3600.0 * intensity_factor * intensity_factor * 100.0
}

/// The threshold heart rate used for heart-rate load: the upper bound of zone 4 when the athlete
/// has five heart-rate zones (the usual five-zone layouts end zone 4 at threshold), otherwise 90%
/// of the maximum heart rate.
pub(crate) fn threshold_heart_rate(athlete: &Athlete) -> Option<f64> {
    match athlete.hr_zones_bpm.as_slice() {
        [_, _, _, zone_4, _] => Some(f64::from(*zone_4)),
        _ => athlete.hr_max.map(|max| 0.9 * f64::from(max)),
    }
}

/// Heart-rate load (hrTSS-like): the activity's TRIMP relative to one hour at threshold heart
/// rate, × 100. TRIMP weighs each second by `x·e^(1.92·x)`, `x` the fraction of heart-rate reserve
/// `(hr − rest) / (max − rest)` (never below 0). Each sample counts for its weight in seconds;
/// dropouts count nothing. `None` without resting and maximum heart rates (max above rest), a
/// threshold above rest, or any heart-rate sample.
pub(crate) fn heart_rate_load(
    heartrate: &[Option<f64>],
    weights: &[f64],
    athlete: &Athlete,
) -> Option<f64> {
    let rest = f64::from(athlete.hr_rest?);
    let max = f64::from(athlete.hr_max?);
    let threshold = threshold_heart_rate(athlete)?;
    if max <= rest || threshold <= rest {
        return None;
    }
    let trimp_per_second = |bpm: f64| {
        let reserve = ((bpm - rest) / (max - rest)).max(0.0);
        reserve * (TRIMP_EXPONENT * reserve).exp()
    };
    // Platforms send whole beats per minute: their TRIMP is looked up, not recomputed.
    let whole_bpm: Vec<f64> = (0..=WHOLE_BPM_TABLE)
        .map(|bpm| trimp_per_second(f64::from(bpm)))
        .collect();
    let mut trimp = 0.0;
    let mut any = false;
    for (bpm, weight) in heartrate.iter().zip(weights) {
        if let Some(bpm) = bpm.filter(|b| b.is_finite()) {
            let per_second =
                if bpm.fract() == 0.0 && (0.0..=f64::from(WHOLE_BPM_TABLE)).contains(&bpm) {
                    whole_bpm[bpm as usize]
                } else {
                    trimp_per_second(bpm)
                };
            trimp += weight * per_second;
            any = true;
        }
    }
    any.then(|| trimp / (3600.0 * trimp_per_second(threshold)) * 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalized_power_needs_thirty_seconds() {
        assert_eq!(normalized_power(&[200.0; 29]), None);
        assert_eq!(normalized_power(&[200.0; 30]), Some(200.0));
    }

    #[test]
    fn threshold_falls_back_to_ninety_percent_of_max() {
        let athlete = Athlete {
            hr_max: Some(190),
            hr_zones_bpm: vec![120, 140, 160],
            ..Athlete::default()
        };
        assert_eq!(threshold_heart_rate(&athlete), Some(171.0));
        let five_zones = Athlete {
            hr_zones_bpm: vec![110, 130, 150, 170, 250],
            ..athlete
        };
        assert_eq!(threshold_heart_rate(&five_zones), Some(170.0));
    }
}
