//! Completed activities: for every planned workout before the anchor date, about 75% are done
//! as planned (duration within ±10%), 10% overdone (+15–40%) and 15% missed; plus about one
//! unplanned activity every two weeks. Nothing happens after the anchor date.

use chrono::{Datelike, Duration, NaiveDate, NaiveTime};
use rand::Rng;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;

use super::sessions::Kind;
use super::{Activity, Athlete, Ids, Sport, TIMEZONE, Workout, madrid, plan, round};

/// What an activity is made from.
struct Spec<'a> {
    date: NaiveDate,
    local_start: NaiveTime,
    sport: Sport,
    name: String,
    moving_s: u32,
    intensity: f64,
    trainer: bool,
    hilly: bool,
    planned: Option<&'a Workout>,
}

const NOTES: [&str; 8] = [
    "Legs felt good today.",
    "Windy on the way back.",
    "Heavy legs after a long week at work.",
    "Hit every interval 💪",
    "Rain for the last hour.",
    "Café con leche at the top ☕",
    "Felt flat, cut the last bit short.",
    "New saddle, so far so good.",
];

const UNPLANNED: [(Sport, &str, u32, u32, f64, bool); 5] = [
    (
        Sport::Ride,
        "Coffee ride to Colmenar",
        5400,
        7200,
        0.62,
        false,
    ),
    (
        Sport::Ride,
        "Gravel loop in Casa de Campo",
        4500,
        6300,
        0.68,
        false,
    ),
    (
        Sport::Ride,
        "Vuelta a la Sierra — Puerto de Navacerrada",
        12600,
        16200,
        0.70,
        true,
    ),
    (
        Sport::Run,
        "Evening run by the Manzanares",
        2400,
        3300,
        0.78,
        false,
    ),
    (Sport::Other, "Hike in La Pedriza", 10800, 16200, 0.55, true),
];

pub(super) fn generate(
    rng: &mut ChaCha8Rng,
    ids: &mut Ids,
    athlete: &Athlete,
    plan: &[(Workout, Kind)],
    anchor: NaiveDate,
) -> Vec<Activity> {
    let mut activities = Vec::new();
    for (workout, kind) in plan.iter().filter(|(w, _)| w.date < anchor) {
        let roll: f64 = rng.random();
        let (factor, exceeded) = if roll < 0.75 {
            (rng.random_range(0.92..=1.08), false)
        } else if roll < 0.85 {
            (rng.random_range(1.15..=1.40), true)
        } else {
            continue;
        };
        let spec = planned_spec(rng, workout, *kind, factor, exceeded);
        activities.push(build(rng, ids, athlete, spec));
    }
    let start = plan::first_monday(anchor);
    for block in 0..plan::weeks() / 2 {
        let date = start + Duration::weeks(block * 2) + Duration::days(rng.random_range(0..14));
        let &(sport, name, low, high, intensity, hilly) = UNPLANNED.choose(rng).expect("non-empty");
        let weekend = date.weekday().num_days_from_monday() >= 5;
        let hour = if weekend {
            rng.random_range(8..=10)
        } else {
            rng.random_range(17..=19)
        };
        let spec = Spec {
            date,
            local_start: time(hour, rng.random_range(0..60), rng.random_range(0..60)),
            sport,
            name: name.to_string(),
            moving_s: rng.random_range(low..=high),
            intensity: intensity + rng.random_range(-0.03..=0.03),
            trainer: false,
            hilly,
            planned: None,
        };
        if date < anchor {
            activities.push(build(rng, ids, athlete, spec));
        }
    }
    activities
}

fn time(hour: u32, minute: u32, second: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(hour, minute, second).expect("valid time")
}

fn planned_spec<'a>(
    rng: &mut ChaCha8Rng,
    w: &'a Workout,
    kind: Kind,
    factor: f64,
    exceeded: bool,
) -> Spec<'a> {
    let weekday = w.date.weekday().num_days_from_monday();
    let planned_start = w
        .start_time
        .as_deref()
        .and_then(|t| NaiveTime::parse_from_str(t, "%H:%M").ok());
    let base = planned_start.unwrap_or_else(|| {
        let hours: &[u32] = if weekday >= 5 {
            &[8, 9, 10]
        } else {
            &[6, 7, 12, 18, 19]
        };
        time(
            *hours.choose(rng).expect("non-empty"),
            rng.random_range(0..4) * 15,
            0,
        )
    });
    let local_start = base + Duration::seconds(rng.random_range(-600..=1200));
    let indoor_kind = matches!(
        kind,
        Kind::SweetSpot3x12
            | Kind::SweetSpot2x20
            | Kind::Vo2max5x4
            | Kind::Threshold2x20
            | Kind::OverUnders
            | Kind::TempoRide
    );
    let trainer = match kind {
        Kind::RecoverySpin => rng.random_bool(0.7),
        _ if indoor_kind && weekday < 5 => rng.random_bool(0.5),
        _ => false,
    };
    let hilly = kind == Kind::Madeleine || (kind == Kind::LongRide && rng.random_bool(0.3));
    let sport_word = match w.sport {
        Sport::Ride => "Ride",
        Sport::Run => "Run",
        Sport::Swim => "Swim",
        _ => "Workout",
    };
    let part = match local_start.hour() {
        0..=10 => "Morning",
        11..=13 => "Lunch",
        14..=17 => "Afternoon",
        _ => "Evening",
    };
    let name = if exceeded && w.sport == Sport::Ride && rng.random_bool(0.5) {
        format!("{} + extra loop", w.name)
    } else if rng.random_bool(0.2) {
        format!("{part} {sport_word}")
    } else {
        w.name.clone()
    };
    let planned_if = w.intensity.unwrap_or(0.6);
    let drift = if exceeded { -0.03 } else { 0.0 };
    Spec {
        date: w.date,
        local_start,
        sport: w.sport,
        name,
        moving_s: (f64::from(w.planned_duration_s) * factor).round() as u32,
        intensity: (planned_if + drift + rng.random_range(-0.03..=0.03)).max(0.4),
        trainer,
        hilly,
        planned: Some(w),
    }
}

use chrono::Timelike;

fn build(rng: &mut ChaCha8Rng, ids: &mut Ids, a: &Athlete, s: Spec<'_>) -> Activity {
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
            let pace = f64::from(super::athlete::css_pace(a)) / intensity;
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
    let start_time = madrid::local_to_utc(s.date.and_time(s.local_start));
    let created_at =
        start_time + Duration::seconds(i64::from(elapsed) + rng.random_range(180..=2400));
    let updated_at = if rng.random_bool(0.25) {
        created_at + Duration::minutes(rng.random_range(10..=360))
    } else {
        created_at
    };
    let description = rng
        .random_bool(0.25)
        .then(|| NOTES.choose(rng).expect("non-empty").to_string());
    Activity {
        id: ids.next(rng, "act_"),
        athlete_id: a.id.clone(),
        start_time,
        timezone: TIMEZONE.to_string(),
        local_date: s.date,
        sport: s.sport,
        name: s.name,
        description,
        elapsed_time_s: elapsed,
        moving_time_s: moving,
        distance_m: distance_km.map(|km| round(km * 1000.0, 1)),
        elevation_gain_m: distance_km
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
