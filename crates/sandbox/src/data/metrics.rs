//! The numbers of a completed activity — distance, climbing, power, heart rate, cadence,
//! calories, load — drawn around its sport, duration and intensity, with the stream types a
//! recording of that sport (indoors or out) carries.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rand::Rng;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;

use super::athlete::css_pace;
use super::places::Place;
use super::{Activity, Athlete, Ids, Sport, Workout, round};

/// What an activity is made from.
pub(super) struct Spec<'a> {
    pub date: NaiveDate,
    pub start: DateTime<Utc>,
    /// Where it happened: the time zone and where outdoor routes start.
    pub place: &'static Place,
    pub sport: Sport,
    pub name: String,
    pub description: Option<&'static str>,
    pub moving_s: u32,
    pub intensity: f64,
    pub trainer: bool,
    pub hilly: bool,
    /// Known distance (a race); otherwise drawn from speed and time.
    pub distance_m: Option<f64>,
    pub planned: Option<&'a Workout>,
}

const NOTES: [&str; 12] = [
    "Legs felt good today.",
    "Windy on the way back.",
    "Heavy legs after a long week at work.",
    "Hit every interval 💪",
    "Rain for the last hour.",
    "Café con leche at the top ☕",
    "Felt flat, cut the last bit short.",
    "New saddle, so far so good.",
    "Hot! Two bottles weren't enough 🥵",
    "Beautiful sunrise 🌅",
    "Puncture at km 30, fixed it in five minutes.",
    "Sleepy, but glad I went.",
];

pub(super) fn build(
    rng: &mut ChaCha8Rng,
    ids: &mut Ids,
    a: &Athlete,
    s: Spec<'_>,
    cutoff: DateTime<Utc>,
) -> Activity {
    let intensity = round(s.intensity, 2);
    let moving = s.moving_s;
    let hours = f64::from(moving) / 3600.0;
    let pause = match (s.sport, s.trainer) {
        (Sport::Ride, true) => rng.random_range(0.0..0.02),
        (Sport::Ride, false) => rng.random_range(0.03..0.12),
        (Sport::Run, _) => rng.random_range(0.01..0.06),
        (Sport::Swim, _) => rng.random_range(0.10..0.25),
        _ => rng.random_range(0.15..0.30),
    };
    let elapsed = (f64::from(moving) * (1.0 + pause)).round() as u32;
    let hr_span = f64::from(a.hr_max - a.hr_rest);
    let mut avg_hr =
        f64::from(a.hr_rest) + hr_span * (0.42 + 0.40 * intensity) + rng.random_range(-3.0..3.0);
    let load = Some((hours * intensity * intensity * 100.0).round() as u32);
    let km_at = |pace_s_per_km: f64| f64::from(moving) / pace_s_per_km;
    let (mut distance_km, mut climb_per_km) = (None, None);
    let (mut np, mut avg_power, mut cadence, mut if_out) = (None, None, None, Some(intensity));
    let calories;
    let mut load_out = load;
    let stream_types: &[&str] = match s.sport {
        Sport::Ride => {
            let norm = (intensity * f64::from(a.ftp_w)).round();
            let variability = if s.trainer {
                rng.random_range(0.95..0.99)
            } else {
                rng.random_range(0.86..0.94)
            };
            let avg = (norm * variability).round();
            np = Some(norm as u32);
            avg_power = Some(avg as u32);
            cadence = Some(if s.trainer {
                rng.random_range(86..=95)
            } else {
                rng.random_range(80..=91)
            });
            calories = Some((avg * f64::from(moving) / 1000.0).round() as u32);
            let speed = if s.trainer {
                rng.random_range(29.0..33.0)
            } else if s.hilly {
                rng.random_range(20.0..24.0)
            } else {
                23.0 + 12.0 * (intensity - 0.5) + rng.random_range(-1.5..1.5)
            };
            distance_km = Some(hours * speed);
            if !s.trainer {
                climb_per_km = Some(if s.hilly {
                    rng.random_range(18.0..26.0)
                } else {
                    rng.random_range(5.0..14.0)
                });
            }
            if s.trainer {
                &[
                    "time",
                    "watts",
                    "heartrate",
                    "cadence",
                    "distance",
                    "velocity",
                ]
            } else {
                &[
                    "time",
                    "watts",
                    "heartrate",
                    "cadence",
                    "distance",
                    "altitude",
                    "velocity",
                    "latlng",
                ]
            }
        }
        Sport::Run => {
            let pace = f64::from(a.threshold_pace_s_per_km) / intensity;
            distance_km = Some(km_at(pace));
            climb_per_km = Some(rng.random_range(4.0..12.0));
            cadence = Some(rng.random_range(82..=88));
            calories = Some((a.weight_kg * km_at(pace)).round() as u32);
            &[
                "time",
                "heartrate",
                "cadence",
                "distance",
                "altitude",
                "velocity",
                "latlng",
            ]
        }
        Sport::Swim => {
            let pace = f64::from(css_pace(a)) / intensity;
            distance_km = Some((km_at(pace) * 40.0).round() / 40.0);
            avg_hr -= 12.0;
            calories = Some((hours * 480.0).round() as u32);
            &["time", "distance", "heartrate"]
        }
        Sport::Strength => {
            avg_hr = f64::from(rng.random_range(100..=118));
            calories = Some((hours * 300.0).round() as u32);
            load_out = Some((hours * 40.0).round() as u32);
            if_out = None;
            &["time", "heartrate"]
        }
        // The only planned "other" session is yoga and mobility: indoors, heart rate only.
        // Unplanned ones are walks and hikes.
        Sport::Other if s.planned.is_some() => {
            calories = Some((hours * 250.0).round() as u32);
            load_out = Some((hours * 25.0).round() as u32);
            if_out = None;
            &["time", "heartrate"]
        }
        Sport::Other => {
            distance_km = Some(hours * rng.random_range(3.8..4.8));
            climb_per_km = Some(rng.random_range(60.0..95.0));
            calories = Some((hours * 380.0).round() as u32);
            &[
                "time",
                "heartrate",
                "distance",
                "altitude",
                "velocity",
                "latlng",
            ]
        }
    };
    let avg_hr = avg_hr
        .round()
        .clamp(f64::from(a.hr_rest + 20), f64::from(a.hr_max - 8)) as u32;
    let max_hr = (avg_hr + rng.random_range(12..=30) + (intensity * 10.0) as u32).min(a.hr_max);
    let start_time = s.start;
    let created_at = (start_time
        + Duration::seconds(i64::from(elapsed) + rng.random_range(180..=2400)))
    .min(cutoff);
    let updated_at = if rng.random_bool(0.25) {
        (created_at + Duration::minutes(rng.random_range(10..=360))).min(cutoff)
    } else {
        created_at
    };
    let description = s.description.map(str::to_string).or_else(|| {
        rng.random_bool(0.22)
            .then(|| NOTES.choose(rng).expect("non-empty").to_string())
    });
    Activity {
        id: ids.next(rng, "act_"),
        athlete_id: a.id.clone(),
        start_time,
        timezone: s.place.tz.to_string(),
        start_latlng: Some(s.place.latlng),
        local_date: s.date,
        sport: s.sport,
        name: s.name,
        description,
        elapsed_time_s: elapsed,
        moving_time_s: moving,
        distance_m: s
            .distance_m
            .or(distance_km.map(|km| km * 1000.0))
            .map(|m| round(m, 1)),
        elevation_gain_m: s
            .distance_m
            .map(|m| m / 1000.0)
            .or(distance_km)
            .zip(climb_per_km)
            .map(|(km, c)| round(km * c, 1)),
        avg_power_w: avg_power,
        normalized_power_w: np,
        avg_hr: Some(avg_hr),
        max_hr: Some(max_hr),
        avg_cadence: cadence,
        calories,
        load: load_out,
        intensity_factor: if_out,
        trainer: s.trainer,
        planned_workout_id: s.planned.map(|w| w.id.clone()),
        stream_types: stream_types.iter().map(|t| t.to_string()).collect(),
        created_at,
        updated_at,
    }
}
