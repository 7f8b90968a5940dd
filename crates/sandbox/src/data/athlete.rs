//! The sandbox athlete, with physiology drawn from the seed.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::{Athlete, TIMEZONE, round};

pub(super) const ATHLETE_ID: &str = "a_1042";

pub(super) fn generate(rng: &mut ChaCha8Rng) -> Athlete {
    let ftp_w: u32 = rng.random_range(235..=258);
    let weight_kg = round(56.0 + f64::from(rng.random_range(0..=40u32)) / 10.0, 1);
    let hr_max: u32 = rng.random_range(184..=192);
    let hr_rest: u32 = rng.random_range(44..=50);
    let threshold_pace_s_per_km: u32 = rng.random_range(268..=292);
    let pct = |p: u32| (ftp_w * p + 50) / 100;
    let power_zones_w = vec![
        pct(55),
        pct(75),
        pct(90),
        pct(105),
        pct(120),
        pct(150),
        2000,
    ];
    let hr_zones_bpm = [60u32, 70, 80, 90, 100]
        .iter()
        .map(|p| (hr_max * p + 50) / 100)
        .collect();
    Athlete {
        id: ATHLETE_ID.to_string(),
        name: "Ana Ruiz".to_string(),
        role: "athlete".to_string(),
        timezone: TIMEZONE.to_string(),
        sex: "F".to_string(),
        weight_kg,
        ftp_w,
        hr_max,
        hr_rest,
        threshold_pace_s_per_km,
        power_zones_w,
        hr_zones_bpm,
        coach_id: None,
        home: (40.4168, -3.7038),
    }
}

/// Lactate threshold heart rate, used for heart-rate targets.
pub(super) fn lthr(athlete: &Athlete) -> u32 {
    (athlete.hr_max * 90 + 50) / 100
}

/// Critical swim speed as a pace (s per km): about 1:45–1:57 per 100 m, slower for a slower runner.
pub(super) fn css_pace(athlete: &Athlete) -> u32 {
    1050 + athlete.threshold_pace_s_per_km.saturating_sub(268) * 6
}
