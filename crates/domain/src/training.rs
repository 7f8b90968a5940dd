//! Athletes, planned workouts and completed activities, as Offpeak understands them whatever
//! platform they came from.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The sport of a workout or activity. Platforms name more; what Offpeak does not know is `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sport {
    Ride,
    Run,
    Swim,
    Strength,
    Other,
}

impl Sport {
    /// Reads a platform's sport name; anything unknown becomes `Other` rather than an error.
    pub fn parse(name: &str) -> Sport {
        match name.to_ascii_lowercase().as_str() {
            "ride" | "virtualride" | "bike" | "cycling" => Sport::Ride,
            "run" | "virtualrun" | "trailrun" | "running" => Sport::Run,
            "swim" | "openwaterswim" | "swimming" => Sport::Swim,
            "strength" | "weighttraining" => Sport::Strength,
            _ => Sport::Other,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Sport::Ride => "ride",
            Sport::Run => "run",
            Sport::Swim => "swim",
            Sport::Strength => "strength",
            Sport::Other => "other",
        }
    }
}

/// The person whose training is synced, with the thresholds and zones that turn their streams
/// into figures (time in zones, load). Zones are upper bounds, lowest zone first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Athlete {
    pub id: String,
    pub name: String,
    pub timezone: Option<String>,
    pub ftp_w: Option<u32>,
    pub weight_kg: Option<f64>,
    pub hr_max: Option<u32>,
    pub hr_rest: Option<u32>,
    pub threshold_pace_s_per_km: Option<u32>,
    pub power_zones_w: Vec<u32>,
    pub hr_zones_bpm: Vec<u32>,
}

/// How much a race matters to the season (A: the goal of the year).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RacePriority {
    A,
    B,
    C,
}

impl RacePriority {
    pub fn as_str(self) -> &'static str {
        match self {
            RacePriority::A => "A",
            RacePriority::B => "B",
            RacePriority::C => "C",
        }
    }

    pub fn parse(text: &str) -> Option<RacePriority> {
        match text {
            "A" => Some(RacePriority::A),
            "B" => Some(RacePriority::B),
            "C" => Some(RacePriority::C),
            _ => None,
        }
    }
}

/// A workout on the plan, on a local date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Workout {
    pub id: String,
    pub athlete_id: String,
    pub date: NaiveDate,
    pub start_time: Option<String>,
    pub sport: Sport,
    pub name: String,
    pub description: Option<String>,
    pub planned_duration_s: u32,
    pub planned_distance_m: Option<f64>,
    pub planned_load: Option<f64>,
    /// The workout's steps as the platform sent them (kept whole, rendered later).
    pub structure: Option<serde_json::Value>,
    /// Set when the planned session is a race.
    pub race: Option<RacePriority>,
    pub updated_at: DateTime<Utc>,
}

/// A completed activity; `local_date` is the day it happened where it happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Activity {
    pub id: String,
    pub athlete_id: String,
    pub start_time: DateTime<Utc>,
    pub timezone: Option<String>,
    pub local_date: NaiveDate,
    pub sport: Sport,
    pub name: String,
    pub elapsed_time_s: u32,
    pub moving_time_s: u32,
    pub distance_m: Option<f64>,
    pub elevation_gain_m: Option<f64>,
    pub avg_power_w: Option<f64>,
    pub avg_hr: Option<f64>,
    pub load: Option<f64>,
    pub trainer: bool,
    pub planned_workout_id: Option<String>,
    pub description: Option<String>,
    pub normalized_power_w: Option<f64>,
    pub max_hr: Option<f64>,
    pub avg_cadence: Option<f64>,
    pub calories: Option<f64>,
    pub intensity_factor: Option<f64>,
    /// The stream types the platform holds for it (`watts`, `heartrate`, `latlng`, …).
    pub stream_types: Vec<String>,
    /// A placeholder the platform keeps for an activity it may not pass on (Intervals.icu's
    /// Strava imports): only its id, start and name are known, and it has no streams.
    pub stub: bool,
    /// When the platform last changed it (for Intervals.icu, its last sync or analysis).
    pub updated_at: DateTime<Utc>,
}

impl Activity {
    /// What decides the activity's streams: when they change, streams fetched before are
    /// stale. A rename or a new description keeps them.
    pub fn streams_fingerprint(&self) -> String {
        format!(
            "{}|{}|{}|{}",
            self.start_time.timestamp(),
            self.elapsed_time_s,
            self.sport.as_str(),
            self.stream_types.join(",")
        )
    }
}
