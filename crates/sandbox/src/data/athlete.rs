//! Physiology derived from an athlete's profile.

use super::Athlete;

/// Lactate threshold heart rate, used for heart-rate targets.
pub(super) fn lthr(athlete: &Athlete) -> u32 {
    (athlete.hr_max * 90 + 50) / 100
}

/// Critical swim speed as a pace (s per km): about 1:45–1:57 per 100 m for a threshold runner
/// at 4:28–4:52 per km, unless the athlete's own is known.
pub(super) fn css_pace(athlete: &Athlete) -> u32 {
    if athlete.css_pace_s_per_km > 0 {
        return athlete.css_pace_s_per_km;
    }
    (1050 + i64::from(athlete.threshold_pace_s_per_km) * 6 - 268 * 6).clamp(850, 1500) as u32
}
