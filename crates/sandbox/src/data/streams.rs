//! One activity's 1 Hz time series, drawn on request.
//!
//! Nothing is stored: [`generate`] rebuilds an activity's streams from the data-set seed and the
//! activity itself, whose summary fixes the totals the streams must add up to. Each activity has
//! its own random stream (seed and id mixed through SHA-256), so the same inputs always give the
//! same bytes. Each sport has its model:
//! - rides ([`ride`]): power that follows the planned structure ([`shape`]), speed from the
//!   cycling power equation along a route from home ([`route`]), or on flat ground indoors;
//! - runs and hikes ([`foot`]): a pace around the average, slowed by climbs;
//! - swims ([`pool`]): 25 m lengths with rests at the wall;
//! - strength and the like ([`gym`]): sets and rests.
//!
//! Stops ([`stops`]) fill the gap between elapsed and moving time. Heart rate follows effort with
//! a lag in every sport ([`heart`]). Sensors drop out now and then (`null` samples).

mod foot;
mod gym;
mod heart;
mod json;
mod numbers;
mod pool;
mod ride;
mod route;
mod shape;
mod stops;

use chrono::{Datelike, Timelike};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sha2::{Digest, Sha256};

use super::{Activity, Athlete, Sport, Workout};
use numbers::{Normalized, Wander, apportion, gauss, round};

/// The stream types of the contract, in the contract's order.
pub const TYPES: [&str; 9] = [
    "time",
    "distance",
    "altitude",
    "velocity",
    "heartrate",
    "cadence",
    "watts",
    "temp",
    "latlng",
];

/// Inputs the generator needs besides the activity itself.
#[derive(Debug, Clone, Copy)]
pub struct StreamContext<'a> {
    /// The data set's seed; mixed with the activity's id for the activity's own random stream.
    pub seed: u64,
    pub athlete: &'a Athlete,
    /// The planned workout the activity fulfils, if any.
    pub plan: Option<&'a Workout>,
    /// `(lat, lng)` where outdoor routes start.
    pub home: (f64, f64),
}

/// An activity's streams: columns of one sample per second, all the same length. Only the types
/// the activity lists (and `time`) are present. Values are already rounded to what the JSON
/// carries; `None` is a dropout.
#[derive(Debug, Clone, Default)]
pub struct Streams {
    time: Vec<u32>,
    moving: Vec<bool>,
    distance: Option<Vec<f64>>,
    altitude: Option<Vec<f64>>,
    velocity: Option<Vec<f64>>,
    heartrate: Option<Vec<Option<f64>>>,
    cadence: Option<Vec<f64>>,
    watts: Option<Vec<Option<f64>>>,
    temp: Option<Vec<f64>>,
    latlng: Option<Vec<Option<(f64, f64)>>>,
}

impl Streams {
    pub fn len(&self) -> usize {
        self.time.len()
    }

    pub fn is_empty(&self) -> bool {
        self.time.is_empty()
    }

    /// Whether the streams hold the type `kind` (one of [`TYPES`]).
    pub fn has(&self, kind: &str) -> bool {
        match kind {
            "time" => true,
            "distance" => self.distance.is_some(),
            "altitude" => self.altitude.is_some(),
            "velocity" => self.velocity.is_some(),
            "heartrate" => self.heartrate.is_some(),
            "cadence" => self.cadence.is_some(),
            "watts" => self.watts.is_some(),
            "temp" => self.temp.is_some(),
            "latlng" => self.latlng.is_some(),
            _ => false,
        }
    }

    /// Seconds from the start: 0, 1, 2, …
    pub fn time(&self) -> &[u32] {
        &self.time
    }

    /// Whether the athlete was moving at each second (not stopped or resting).
    pub fn moving(&self) -> &[bool] {
        &self.moving
    }

    /// Metres, cumulative.
    pub fn distance(&self) -> Option<&[f64]> {
        self.distance.as_deref()
    }

    /// Metres above sea level.
    pub fn altitude(&self) -> Option<&[f64]> {
        self.altitude.as_deref()
    }

    /// Metres per second.
    pub fn velocity(&self) -> Option<&[f64]> {
        self.velocity.as_deref()
    }

    /// Beats per minute.
    pub fn heartrate(&self) -> Option<&[Option<f64>]> {
        self.heartrate.as_deref()
    }

    /// Revolutions per minute (for runs: steps per minute / 2).
    pub fn cadence(&self) -> Option<&[f64]> {
        self.cadence.as_deref()
    }

    /// Watts.
    pub fn watts(&self) -> Option<&[Option<f64>]> {
        self.watts.as_deref()
    }

    /// Degrees Celsius.
    pub fn temp(&self) -> Option<&[f64]> {
        self.temp.as_deref()
    }

    /// `(lat, lng)` in degrees.
    pub fn latlng(&self) -> Option<&[Option<(f64, f64)>]> {
        self.latlng.as_deref()
    }

    /// The contract's body:
    /// `{"activity_id":"…","resolution_s":1,"streams":{"time":[…],"watts":[…],…}}`, with the
    /// types of `types` that these streams hold, in the contract's order. Dropouts are `null`.
    pub fn to_json(&self, activity_id: &str, types: &[&str]) -> String {
        json::write(self, activity_id, types)
    }
}

/// Draws the streams of `activity`.
pub fn generate(activity: &Activity, ctx: &StreamContext<'_>) -> Streams {
    let mut rng = rng_for(ctx.seed, &activity.id);
    let wants = Wants::of(activity);
    let motion = match activity.sport {
        Sport::Ride => ride::simulate(&mut rng, activity, ctx, &wants),
        Sport::Run => foot::simulate(&mut rng, activity, ctx, &wants, foot::Gait::Run),
        Sport::Other if activity.distance_m.is_some_and(|d| d > 0.0) => {
            foot::simulate(&mut rng, activity, ctx, &wants, foot::Gait::Hike)
        }
        Sport::Swim => pool::simulate(&mut rng, activity, ctx),
        Sport::Strength | Sport::Other => gym::simulate(&mut rng, activity),
    };
    assemble(&mut rng, activity, ctx, motion, &wants)
}

/// The activity's own random stream.
fn rng_for(seed: u64, activity_id: &str) -> ChaCha8Rng {
    let mut hash = Sha256::new();
    hash.update(b"offpeak-sandbox streams v1\0");
    hash.update(seed.to_le_bytes());
    hash.update(activity_id.as_bytes());
    ChaCha8Rng::from_seed(hash.finalize().into())
}

/// Which types the activity lists.
#[derive(Debug, Clone, Copy)]
struct Wants([bool; TYPES.len()]);

impl Wants {
    fn of(activity: &Activity) -> Wants {
        let mut wants = [false; TYPES.len()];
        for (want, kind) in wants.iter_mut().zip(TYPES) {
            *want = kind == "time" || activity.stream_types.iter().any(|t| t == kind);
        }
        Wants(wants)
    }

    fn has(&self, kind: &str) -> bool {
        TYPES
            .iter()
            .position(|t| *t == kind)
            .is_some_and(|i| self.0[i])
    }
}

/// What a sport's model produces, before heart rate, dropouts and rounding. Every column has one
/// value per elapsed second.
struct Motion {
    moving: Vec<bool>,
    /// How hard the athlete works at each second, for the heart: about 1 at threshold, 0 at rest.
    effort: Vec<f64>,
    heart: heart::Heart,
    distance: Option<Vec<f64>>,
    velocity: Option<Vec<f64>>,
    watts: Option<Vec<f64>>,
    cadence: Option<Vec<f64>>,
    altitude: Option<Vec<f64>>,
    route: Option<route::Route>,
}

fn assemble(
    rng: &mut ChaCha8Rng,
    a: &Activity,
    ctx: &StreamContext<'_>,
    m: Motion,
    wants: &Wants,
) -> Streams {
    let n = m.moving.len();
    let keep = |kind: &str, column: Option<Vec<f64>>, decimals: usize| {
        column.filter(|_| wants.has(kind)).map(|c| {
            c.into_iter()
                .map(|x| round(x, decimals))
                .collect::<Vec<_>>()
        })
    };
    let altitude = m
        .altitude
        .filter(|_| wants.has("altitude") || wants.has("temp"));
    let latlng = match (&m.route, &m.distance) {
        (Some(route), Some(distance)) if wants.has("latlng") => {
            Some(route.track(rng, distance, &m.moving))
        }
        _ => None,
    };
    let temp = wants
        .has("temp")
        .then(|| temperature(rng, a, altitude.as_deref(), n));
    let heartrate = wants.has("heartrate").then(|| {
        let avg = a.avg_hr.map_or_else(
            || f64::from(ctx.athlete.hr_rest + ctx.athlete.hr_max) / 2.0,
            f64::from,
        );
        let bpm = heart::rate(rng, ctx.athlete, m.effort, &m.moving, avg, m.heart);
        with_dropouts(rng, bpm, 0, 3..=25)
    });
    let watts = m
        .watts
        .filter(|_| wants.has("watts"))
        .map(|w| with_dropouts(rng, w, 0, 2..=12));
    Streams {
        time: (0..n as u32).collect(),
        distance: keep("distance", m.distance, 1),
        altitude: keep("altitude", altitude, 1),
        velocity: keep("velocity", m.velocity, 2),
        heartrate,
        cadence: keep("cadence", m.cadence, 0),
        watts,
        temp,
        latlng: latlng.map(|ll| {
            ll.into_iter()
                .map(|p| p.map(|(lat, lng)| (round(lat, 6), round(lng, 6))))
                .collect()
        }),
        moving: m.moving,
    }
}

/// Rounds a column to integers and blanks out a few short runs of samples (a sensor hiccup), in
/// all under 0.8% of the samples.
fn with_dropouts(
    rng: &mut ChaCha8Rng,
    values: Vec<f64>,
    decimals: usize,
    run: std::ops::RangeInclusive<usize>,
) -> Vec<Option<f64>> {
    let n = values.len();
    let mut out: Vec<Option<f64>> = values
        .into_iter()
        .map(|x| Some(round(x, decimals)))
        .collect();
    let mut budget = n * 8 / 1000;
    let hiccups = match rng.random_range(0..10) {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    };
    for _ in 0..hiccups {
        let len = rng.random_range(run.clone()).min(budget);
        if len == 0 || n <= len {
            break;
        }
        let start = rng.random_range(0..n - len);
        out[start..start + len].fill(None);
        budget -= len;
    }
    out
}

/// Air temperature: the month's usual weather in Madrid, warmer in the afternoon, cooler higher
/// up; indoors a room that warms up slowly.
fn temperature(rng: &mut ChaCha8Rng, a: &Activity, altitude: Option<&[f64]>, n: usize) -> Vec<f64> {
    const MONTHLY: [f64; 12] = [
        7.0, 9.0, 12.0, 14.0, 18.0, 24.0, 27.0, 27.0, 22.0, 16.0, 11.0, 8.0,
    ];
    let local = a.local_start();
    let start_h = f64::from(local.hour()) + f64::from(local.minute()) / 60.0;
    let base = MONTHLY[local.date().month0() as usize] + rng.random_range(-3.0..3.0);
    let mut wander = Wander::new(rng, 0.4, 600.0);
    let alt0 = altitude.and_then(|h| h.first().copied()).unwrap_or(0.0);
    (0..n)
        .map(|i| {
            let t = if a.trainer {
                20.0 + 2.5 * (1.0 - (-(i as f64) / 1800.0).exp())
            } else {
                let hour = start_h + i as f64 / 3600.0;
                let diurnal = -5.0 * (std::f64::consts::TAU * (hour - 3.0) / 24.0).cos();
                let lapse = altitude.map_or(0.0, |h| -0.0065 * (h[i] - alt0));
                base + diurnal + lapse
            };
            round(t + wander.next(rng), 0)
        })
        .collect()
}

#[cfg(test)]
mod tests;
