//! Morning measurements: resting heart rate and HRV that answer to training load (acute vs.
//! chronic, as ATL and CTL) and to illness, weight that follows the season, sleep that suffers
//! from jet lag and late sessions. Not every day is filled in, nor every field.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate, Offset, TimeZone, Timelike};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::life::{Life, Window};
use super::people::Profile;
use super::season::{Phase, Season};
use super::{Activity, Wellness, round, tz};

/// Hours between a place's offset and home's on `date`.
fn hours_away(home: &str, here: &str, date: NaiveDate) -> i32 {
    let noon = date.and_hms_opt(12, 0, 0).expect("valid time");
    let off = |z: &str| {
        tz::zone(z)
            .offset_from_utc_datetime(&noon)
            .fix()
            .local_minus_utc()
    };
    ((off(here) - off(home)) / 3600).abs()
}

fn weight_offset(phase: Phase) -> f64 {
    match phase {
        Phase::OffSeason | Phase::Transition => 1.2,
        Phase::Base => 0.6,
        Phase::Late => 0.3,
        Phase::Build => 0.0,
        Phase::Peak | Phase::Taper | Phase::Race => -0.4,
    }
}

pub(super) fn generate(
    rng: &mut ChaCha8Rng,
    p: &Profile,
    season: &Season,
    life: &Life,
    activities: &[Activity],
    w: &Window,
) -> Vec<Wellness> {
    let a = &p.athlete;
    let mut load: HashMap<NaiveDate, f64> = HashMap::new();
    let mut late: HashMap<NaiveDate, bool> = HashMap::new();
    for act in activities {
        *load.entry(act.local_date).or_default() += f64::from(act.load.unwrap_or(0));
        let end = act.start_time + Duration::seconds(i64::from(act.elapsed_time_s));
        let end = tz::to_local(tz::zone(&act.timezone), end);
        if end.date() > act.local_date || end.hour() >= 22 {
            late.insert(act.local_date, true);
        }
    }
    let hrv_base = 130.0 - f64::from(a.hr_rest) * 1.2 + rng.random_range(-8.0..8.0);
    // Lighter now than years ago: a kilo every five years or so.
    let drift_per_day = rng.random_range(0.1..0.25) / 365.25;
    let (mut atl, mut ctl) = (40.0, 45.0);
    let mut offset = weight_offset(season.weeks.first().map_or(Phase::Base, |wk| wk.phase));
    let mut gap = 0;
    let mut away_days = 0;
    let mut rows = Vec::new();
    let mut date = w.first;
    while date <= w.anchor {
        let day = *life.day(date);
        let today = load.get(&date).copied().unwrap_or(0.0);
        let fatigue = ((atl - ctl) / f64::max(ctl, 25.0)).clamp(-0.5, 1.0);
        let yesterday = load
            .get(&(date - Duration::days(1)))
            .copied()
            .unwrap_or(0.0);
        atl += (today - atl) / 7.0;
        ctl += (today - ctl) / 42.0;
        if let Some(wk) = season.week_of(date) {
            offset += (weight_offset(wk.phase) - offset) / 21.0;
        }
        away_days = if day.trip.is_some() { away_days + 1 } else { 0 };
        if gap == 0 && rng.random_bool(0.008) {
            gap = rng.random_range(3..=10);
        }
        let skip = gap > 0 || rng.random_bool(0.09);
        gap = i32::max(gap - 1, 0);
        let jet_lag =
            day.trip.is_some() && away_days <= 3 && hours_away(p.home.tz, day.place.tz, date) >= 3;
        let sick = day.sick;
        let mut hrv = hrv_base * (1.0 - 0.35 * fatigue) * rng.random_range(0.9..1.1);
        let mut rhr = f64::from(a.hr_rest) + 6.0 * fatigue + rng.random_range(-2.0..2.0);
        if yesterday > 150.0 {
            hrv *= 0.9;
            rhr += 2.0;
        }
        if sick {
            hrv *= 0.7;
            rhr += 7.0;
        }
        if jet_lag {
            hrv *= 0.88;
            rhr += 3.0;
        }
        let mut sleep_h: f64 = 7.3 + rng.random_range(-0.8..0.8);
        if late
            .get(&(date - Duration::days(1)))
            .copied()
            .unwrap_or(false)
        {
            sleep_h -= 1.0;
        }
        if jet_lag {
            sleep_h -= 1.2;
        }
        if sick {
            sleep_h += 0.8;
        }
        let quality: u8 = if sick || sleep_h < 6.3 {
            rng.random_range(1..=2)
        } else if sleep_h >= 8.0 {
            rng.random_range(3..=4)
        } else {
            rng.random_range(2..=4)
        };
        let past = (w.anchor - date).num_days() as f64;
        let weight = a.weight_kg + offset + past * drift_per_day + rng.random_range(-0.4..0.4);
        let at_home = day.trip.is_none();
        let row = Wellness {
            athlete_id: a.id.clone(),
            date,
            resting_hr: rng
                .random_bool(0.96)
                .then(|| rhr.round().clamp(35.0, 90.0) as u32),
            hrv: rng
                .random_bool(0.94)
                .then(|| round(hrv.clamp(12.0, 160.0), 1)),
            weight_kg: (at_home && rng.random_bool(0.45)).then(|| round(weight, 1)),
            sleep_s: rng
                .random_bool(0.92)
                .then(|| (sleep_h.clamp(3.5, 10.5) * 3600.0).round() as u32 / 60 * 60),
            sleep_quality: None,
            updated_at: w.cutoff,
        };
        let quality = row
            .sleep_s
            .filter(|_| rng.random_bool(0.8))
            .map(|_| quality);
        let local = date
            .and_hms_opt(
                rng.random_range(6..=9),
                rng.random_range(0..60),
                rng.random_range(0..60),
            )
            .expect("valid time");
        let updated_at = tz::to_utc(tz::zone(day.place.tz), local).min(w.cutoff);
        let empty = row.resting_hr.is_none()
            && row.hrv.is_none()
            && row.sleep_s.is_none()
            && row.weight_kg.is_none();
        if !skip && !empty {
            rows.push(Wellness {
                sleep_quality: quality,
                updated_at,
                ..row
            });
        }
        date += Duration::days(1);
    }
    rows
}
