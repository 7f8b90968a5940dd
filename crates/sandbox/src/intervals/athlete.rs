//! `GET /api/v1/athlete/{id}`: the athlete with `sportSettings[]` (the OpenAPI's
//! `WithSportSettings`), and the sport names and thresholds the other modules share.

use axum::Json;
use axum::extract::Path;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::auth::{self, Call};
use super::errors::IcuError;
use super::ids;
use super::query::{Obj, round};
use crate::data::{Athlete, Dataset, Sport};

/// Lactate threshold heart rate: 90% of max, as the data set computes it for its targets.
pub(crate) fn lthr(a: &Athlete) -> u32 {
    (a.hr_max * 90 + 50) / 100
}

/// Critical swim speed as seconds per km, by the data set's own rule (`data/athlete.rs`).
pub(crate) fn css_s_per_km(a: &Athlete) -> u32 {
    1050 + a.threshold_pace_s_per_km.saturating_sub(268) * 6
}

/// Threshold pace in seconds per km for the sport's pace targets.
pub(crate) fn threshold_s_per_km(a: &Athlete, sport: Sport) -> u32 {
    if sport == Sport::Swim {
        css_s_per_km(a)
    } else {
        a.threshold_pace_s_per_km
    }
}

/// Seconds per km as metres per second, the unit of `threshold_pace`.
pub(crate) fn metres_per_second(s_per_km: u32) -> f64 {
    round(1000.0 / f64::from(s_per_km.max(1)), 4)
}

/// The platform's activity type for a sport.
pub(crate) fn sport_type(sport: Sport, indoor: bool) -> &'static str {
    match (sport, indoor) {
        (Sport::Ride, true) => "VirtualRide",
        (Sport::Ride, false) => "Ride",
        (Sport::Run, true) => "VirtualRun",
        (Sport::Run, false) => "Run",
        (Sport::Swim, _) => "Swim",
        (Sport::Strength, _) => "WeightTraining",
        (Sport::Other, _) => "Other",
    }
}

const POWER_ZONE_NAMES: [&str; 7] = [
    "Active Recovery",
    "Endurance",
    "Tempo",
    "Threshold",
    "VO2 Max",
    "Anaerobic",
    "Neuromuscular",
];
const HR_ZONE_NAMES: [&str; 5] = ["Recovery", "Aerobic", "Tempo", "Threshold", "Anaerobic"];
const PACE_ZONES: [f64; 7] = [77.5, 87.7, 94.3, 100.0, 103.4, 111.5, 999.0];
const PACE_ZONE_NAMES: [&str; 7] = [
    "Zone 1", "Zone 2", "Zone 3", "Zone 4", "Zone 5a", "Zone 5b", "Zone 5c",
];

/// Power zones as the platform keeps them: upper bounds in % of FTP, the last 999.
fn power_zones_pct(a: &Athlete) -> Vec<u32> {
    let n = a.power_zones_w.len();
    a.power_zones_w
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if i + 1 == n {
                999
            } else {
                (w * 100 + a.ftp_w / 2) / a.ftp_w.max(1)
            }
        })
        .collect()
}

fn heart(a: &Athlete, obj: Obj) -> Obj {
    obj.set("lthr", lthr(a))
        .set("max_hr", a.hr_max)
        .set("hr_zones", a.hr_zones_bpm.clone())
        .set("hr_zone_names", json!(HR_ZONE_NAMES))
        .set("hr_load_type", "HRSS")
}

/// The athlete's settings for rides, runs and swims.
pub(crate) fn sport_settings(a: &Athlete) -> Vec<Value> {
    let n = i64::try_from(ids::athlete_number(&a.id)).unwrap_or(0) % 100_000_000;
    let base = |k: i64, types: &[&str]| {
        Obj::default()
            .set("id", n * 10 + k)
            .set("athlete_id", ids::athlete_id(&a.id))
            .set("types", json!(types))
    };
    let ride = heart(
        a,
        base(
            1,
            &["Ride", "VirtualRide", "GravelRide", "MountainBikeRide"],
        )
        .set("ftp", a.ftp_w)
        .set("indoor_ftp", a.ftp_w)
        .set("power_zones", power_zones_pct(a))
        .set("power_zone_names", json!(POWER_ZONE_NAMES))
        .set("sweet_spot_min", 84)
        .set("sweet_spot_max", 97)
        .set("warmup_time", 1200)
        .set("cooldown_time", 600),
    );
    let pace = |obj: Obj, s_per_km: u32, units: &str, load: &str| {
        obj.set("threshold_pace", metres_per_second(s_per_km))
            .set("pace_units", units)
            .set("pace_zones", json!(PACE_ZONES))
            .set("pace_zone_names", json!(PACE_ZONE_NAMES))
            .set("pace_load_type", load)
    };
    let run = heart(
        a,
        pace(
            base(2, &["Run", "VirtualRun", "TrailRun"]),
            a.threshold_pace_s_per_km,
            "MINS_KM",
            "RUN",
        ),
    );
    let swim = heart(
        a,
        pace(
            base(3, &["Swim", "OpenWaterSwim"]),
            css_s_per_km(a),
            "SECS_100M",
            "SWIM",
        ),
    );
    vec![ride.value(), run.value(), swim.value()]
}

pub(crate) fn profile_json(a: &Athlete, data: &Dataset) -> Value {
    let (first, last) = a.name.split_once(' ').unwrap_or((&a.name, ""));
    let coaches = data
        .athletes
        .iter()
        .any(|other| other.coach_id.as_deref() == Some(a.id.as_str()));
    Obj::default()
        .set("id", ids::athlete_id(&a.id))
        .set("name", a.name.clone())
        .set("firstname", first)
        .set("lastname", last)
        .set("sex", a.sex.clone())
        .set("city", "Madrid")
        .set("country", "Spain")
        .set("timezone", a.timezone.clone())
        .set("locale", "en")
        .set("measurement_preference", "meters")
        .set("weight_pref_lb", false)
        .set("fahrenheit", false)
        .set("weight", a.weight_kg)
        .set("icu_weight", a.weight_kg)
        .set("icu_resting_hr", a.hr_rest)
        .set("visibility", "PRIVATE")
        .set("status", "ACTIVE")
        .set("icu_coach", coaches)
        .set("sportSettings", sport_settings(a))
        .value()
}

pub(crate) async fn profile(
    Path(id): Path<String>,
    Call { app, caller, .. }: Call,
) -> Result<Response, IcuError> {
    let catalog = app.catalog();
    let athlete = auth::athlete(&catalog.data, &caller, &id)?;
    Ok(Json(profile_json(athlete, &catalog.data)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn zones_are_percent_of_ftp_and_paces_are_metres_per_second() {
        let data = Dataset::generate(
            42,
            NaiveDate::from_ymd_opt(2025, 4, 10).unwrap(),
            crate::data::DatasetSize::Demo,
        );
        let a = data.owner();
        let zones = power_zones_pct(a);
        assert_eq!(zones.len(), 7);
        assert_eq!(zones[0], 55);
        assert_eq!(zones[6], 999);
        let settings = sport_settings(a);
        assert_eq!(settings[0]["ftp"], a.ftp_w);
        assert_eq!(settings[0]["types"][0], "Ride");
        let run_pace = settings[1]["threshold_pace"].as_f64().unwrap();
        assert!((run_pace - 1000.0 / f64::from(a.threshold_pace_s_per_km)).abs() < 1e-3);
        assert!(settings[2]["threshold_pace"].as_f64().unwrap() < run_pace);
        assert_eq!(settings[2]["pace_units"], "SECS_100M");
    }
}
