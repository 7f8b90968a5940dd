//! The sandbox's data set, in three sizes: `demo` (Ana Ruiz, six months and the next week or
//! two of plan), `season` (a coach and five athletes around the world, one year) and `decade`
//! (Ana Ruiz, ten years, about 4,000 activities). Each athlete's years are periodized towards
//! A races; the plan follows the phase, activities follow, exceed or miss the plan, and life
//! happens: trips to other time zones, holidays, colds, injuries, and the wellness that shows it.
//!
//! Everything is drawn from `ChaCha8Rng`s seeded from the sandbox's seed, in a fixed order,
//! so the same seed, anchor and size always give the same values, ids and JSON bytes. The types
//! below serialize to exactly the field names of the VeloPeak contract.

mod activities;
mod athlete;
mod generate;
mod life;
mod metrics;
mod people;
mod places;
mod plan;
mod races;
mod rides;
mod runs;
mod season;
mod sessions;
mod steps;
pub mod streams;
mod swims;
mod templates;
mod tz;
mod unplanned;
mod wellness;

use chrono::{DateTime, NaiveDate, Utc};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

/// The demo owner's (Ana Ruiz's) IANA time zone.
pub const TIMEZONE: &str = "Europe/Madrid";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sport {
    Ride,
    Run,
    Swim,
    Strength,
    Other,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Athlete {
    pub id: String,
    pub name: String,
    pub role: String,
    pub timezone: String,
    pub sex: String,
    pub weight_kg: f64,
    pub ftp_w: u32,
    pub hr_max: u32,
    pub hr_rest: u32,
    pub threshold_pace_s_per_km: u32,
    /// Upper bounds of the seven power zones.
    pub power_zones_w: Vec<u32>,
    /// Upper bounds of the five heart-rate zones.
    pub hr_zones_bpm: Vec<u32>,
    /// The coach this athlete shares their data with, if any (not part of the athlete's JSON).
    #[serde(skip)]
    pub coach_id: Option<String>,
    /// Where this athlete's outdoor routes start, as (latitude, longitude).
    #[serde(skip)]
    pub home: (f64, f64),
    /// Critical swim speed as a pace, s per km (not part of the athlete's JSON; 0: derived from
    /// the threshold run pace).
    #[serde(skip)]
    pub css_pace_s_per_km: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Workout {
    pub id: String,
    pub athlete_id: String,
    pub date: NaiveDate,
    /// Local `HH:MM`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time: Option<String>,
    pub sport: Sport,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub planned_duration_s: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub planned_distance_m: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub planned_load: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub intensity: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub structure: Option<Structure>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Set when the planned session is a race (VeloPeak shows it only in the name; Intervals.icu
    /// files it as `RACE_A|B|C`).
    #[serde(skip)]
    pub race: Option<RacePriority>,
}

/// How much a race matters to the season.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RacePriority {
    A,
    B,
    C,
}

/// What a calendar note marks (Intervals.icu event categories other than workouts and races).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum NoteCategory {
    Note,
    Holiday,
    Sick,
    Injured,
}

/// A note on the calendar, possibly spanning days: a rest-day reminder, a holiday, an illness.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CalendarNote {
    pub id: String,
    pub athlete_id: String,
    pub category: NoteCategory,
    pub start_date: NaiveDate,
    /// Inclusive; the same as `start_date` for a one-day note.
    pub end_date: NaiveDate,
    pub name: String,
    pub description: Option<String>,
    pub updated_at: DateTime<Utc>,
}

/// One athlete's morning measurements on one day.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Wellness {
    pub athlete_id: String,
    pub date: NaiveDate,
    pub resting_hr: Option<u32>,
    /// rMSSD, ms.
    pub hrv: Option<f64>,
    pub weight_kg: Option<f64>,
    pub sleep_s: Option<u32>,
    /// 1 (poor) to 4 (great), as the person rated it.
    pub sleep_quality: Option<u8>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Structure {
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StepKind {
    Warmup,
    Interval,
    Recovery,
    Cooldown,
    Repeat,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Step {
    pub kind: StepKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_s: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distance_m: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<Target>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repeat: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub steps: Option<Vec<Step>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TargetKind {
    Power,
    Hr,
    Pace,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TargetUnit {
    #[serde(rename = "%ftp")]
    PercentFtp,
    #[serde(rename = "w")]
    Watts,
    #[serde(rename = "bpm")]
    Bpm,
    #[serde(rename = "s_per_km")]
    SecondsPerKm,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct Target {
    #[serde(rename = "type")]
    pub kind: TargetKind,
    pub low: u32,
    pub high: u32,
    pub unit: TargetUnit,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Activity {
    pub id: String,
    pub athlete_id: String,
    pub start_time: DateTime<Utc>,
    pub timezone: String,
    pub local_date: NaiveDate,
    pub sport: Sport,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub elapsed_time_s: u32,
    pub moving_time_s: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distance_m: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub elevation_gain_m: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub avg_power_w: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub normalized_power_w: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub avg_hr: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_hr: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub avg_cadence: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub calories: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub load: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub intensity_factor: Option<f64>,
    pub trainer: bool,
    /// The planned workout this activity fulfils; `null` for an unplanned one.
    pub planned_workout_id: Option<String>,
    pub stream_types: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Where an outdoor route starts: home, or wherever the athlete was travelling. `None`
    /// (an item made through the control endpoint) starts at the athlete's home.
    #[serde(skip)]
    pub start_latlng: Option<(f64, f64)>,
}

impl Workout {
    /// The list order: `(date, id)`, as one string that sorts the same way.
    pub fn sort_key(&self) -> String {
        format!("{}|{}", self.date, self.id)
    }
}

impl Activity {
    /// The wall-clock start in the activity's own time zone.
    /// An unknown zone reads as UTC.
    pub fn local_start(&self) -> chrono::NaiveDateTime {
        match self.timezone.parse::<chrono_tz::Tz>() {
            Ok(zone) => tz::to_local(zone, self.start_time),
            Err(_) => self.start_time.naive_utc(),
        }
    }

    /// The list order: `(local_date, start_time, id)`, as one string that sorts the same way.
    pub fn sort_key(&self) -> String {
        format!(
            "{}|{}|{}",
            self.local_date,
            self.start_time.format("%Y-%m-%dT%H:%M:%SZ"),
            self.id
        )
    }
}

/// The named sizes of data set a sandbox can serve.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DatasetSize {
    /// One athlete, six months up to the anchor date and a week or two of plan after it.
    #[default]
    Demo,
    /// A coach and five athletes who share with them, one year.
    Season,
    /// One athlete, ten years, about 4,000 activities.
    Decade,
}

impl DatasetSize {
    pub const ALL: [DatasetSize; 3] = [DatasetSize::Demo, DatasetSize::Season, DatasetSize::Decade];

    pub fn as_str(self) -> &'static str {
        match self {
            DatasetSize::Demo => "demo",
            DatasetSize::Season => "season",
            DatasetSize::Decade => "decade",
        }
    }

    pub fn parse(s: &str) -> Option<DatasetSize> {
        DatasetSize::ALL.into_iter().find(|d| d.as_str() == s)
    }
}

/// The whole data set of one sandbox, lists already in their API order.
#[derive(Debug, Clone)]
pub struct Dataset {
    pub size: DatasetSize,
    /// The person who signs in comes first; the athletes who share with them as coach follow.
    pub athletes: Vec<Athlete>,
    /// Every athlete's planned workouts, in `(date, id)` order.
    pub workouts: Vec<Workout>,
    /// Every athlete's activities, in `(local_date, start_time, id)` order.
    pub activities: Vec<Activity>,
    /// Every athlete's calendar notes, in `(start_date, id)` order.
    pub notes: Vec<CalendarNote>,
    /// Every athlete's daily wellness, in `(date, athlete_id)` order.
    pub wellness: Vec<Wellness>,
}

impl Dataset {
    /// Draws the data set of `size` for `seed` around `anchor` ("today").
    pub fn generate(seed: u64, anchor: NaiveDate, size: DatasetSize) -> Dataset {
        generate::dataset(seed, anchor, size)
    }

    /// The person who signs in.
    pub fn owner(&self) -> &Athlete {
        &self.athletes[0]
    }

    pub fn athlete(&self, id: &str) -> Option<&Athlete> {
        self.athletes.iter().find(|a| a.id == id)
    }

    /// Whether `viewer` may read `athlete_id`'s data: their own, or an athlete they coach.
    pub fn may_read(&self, viewer: &str, athlete_id: &str) -> bool {
        viewer == athlete_id
            || self
                .athlete(athlete_id)
                .is_some_and(|a| a.coach_id.as_deref() == Some(viewer))
    }

    /// The athletes `viewer` may read: themselves first, then those they coach.
    pub fn readable_by(&self, viewer: &str) -> Vec<&Athlete> {
        let mut list: Vec<&Athlete> = self.athlete(viewer).into_iter().collect();
        list.extend(
            self.athletes
                .iter()
                .filter(|a| a.id != viewer && a.coach_id.as_deref() == Some(viewer)),
        );
        list
    }

    pub fn workout(&self, id: &str) -> Option<&Workout> {
        self.workouts.iter().find(|w| w.id == id)
    }

    pub fn activity(&self, id: &str) -> Option<&Activity> {
        self.activities.iter().find(|a| a.id == id)
    }
}

/// Draws unique ids like `w_3f9c0a1b2d` from the data set's random stream.
#[derive(Debug, Default)]
struct Ids {
    used: std::collections::HashSet<String>,
}

impl Ids {
    fn next(&mut self, rng: &mut ChaCha8Rng, prefix: &str) -> String {
        use rand::Rng;
        loop {
            let id = format!("{prefix}{:010x}", rng.random::<u64>() >> 24);
            if self.used.insert(id.clone()) {
                return id;
            }
        }
    }
}

/// Rounds to `decimals` places.
fn round(x: f64, decimals: i32) -> f64 {
    let f = 10f64.powi(decimals);
    (x * f).round() / f
}

#[cfg(test)]
mod tests;
