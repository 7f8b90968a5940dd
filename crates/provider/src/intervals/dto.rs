//! Intervals.icu's JSON shapes (names from its OpenAPI description) and their translation into
//! domain types. Ids arrive as numbers or text and are kept as text; unknown fields are ignored;
//! a present but unreadable date fails the item with its id.

use crate::ProviderError;
use crate::convert::{instant, seconds};
use chrono::{NaiveDate, Utc};
use offpeak_domain::{Activity, Athlete, Sport, Workout};
use serde::{Deserialize, Deserializer};

/// A number or a string, as text (`1042`, `"i1042"`).
fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(match serde_json::Value::deserialize(d)? {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    })
}

fn optional_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Option::<serde_json::Value>::deserialize(d)? {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) => Some(s),
        Some(other) => Some(other.to_string()),
    })
}

#[derive(Deserialize)]
pub(super) struct AthleteDto {
    #[serde(deserialize_with = "text")]
    id: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    timezone: Option<String>,
    #[serde(default, rename = "sportSettings")]
    sport_settings: Vec<SportSettingsDto>,
}

#[derive(Deserialize)]
struct SportSettingsDto {
    #[serde(default)]
    types: Vec<String>,
    #[serde(default)]
    ftp: Option<f64>,
}

impl From<AthleteDto> for Athlete {
    fn from(dto: AthleteDto) -> Athlete {
        let ftp_w = dto
            .sport_settings
            .iter()
            .find(|s| s.types.iter().any(|t| t == "Ride"))
            .and_then(|s| s.ftp)
            .map(|w| w.round().max(0.0) as u32);
        Athlete {
            name: dto.name.unwrap_or_else(|| dto.id.clone()),
            id: dto.id,
            timezone: dto.timezone,
            ftp_w,
            ..Athlete::default()
        }
    }
}

/// A calendar event; only `WORKOUT`s become [`Workout`]s.
#[derive(Deserialize)]
pub(super) struct EventDto {
    #[serde(deserialize_with = "text")]
    id: String,
    #[serde(default, deserialize_with = "optional_text")]
    athlete_id: Option<String>,
    start_date_local: String,
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default, rename = "type")]
    sport: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    moving_time: Option<f64>,
    #[serde(default)]
    time_target: Option<f64>,
    #[serde(default)]
    distance: Option<f64>,
    #[serde(default)]
    distance_target: Option<f64>,
    #[serde(default)]
    icu_training_load: Option<f64>,
    #[serde(default)]
    load_target: Option<f64>,
    #[serde(default)]
    workout_doc: Option<serde_json::Value>,
    #[serde(default)]
    updated: Option<String>,
}

impl EventDto {
    /// The planned workout, for the athlete whose calendar this is when the event does not say.
    pub(super) fn into_workout(self, athlete: &str) -> Result<Workout, ProviderError> {
        let (date, time) = local_start(&self.start_date_local, &self.id)?;
        Ok(Workout {
            date,
            start_time: time,
            updated_at: match &self.updated {
                Some(t) => instant(t, &self.id)?,
                // Without a change stamp the workout counts as just changed.
                None => Utc::now(),
            },
            sport: Sport::parse(self.sport.as_deref().unwrap_or_default()),
            planned_duration_s: seconds(self.moving_time.or(self.time_target).unwrap_or(0.0)),
            athlete_id: self.athlete_id.unwrap_or_else(|| athlete.to_owned()),
            name: self.name.unwrap_or_else(|| "Workout".into()),
            description: self.description.filter(|d| !d.is_empty()),
            planned_distance_m: self.distance.or(self.distance_target),
            planned_load: self.icu_training_load.or(self.load_target),
            structure: self.workout_doc.filter(|d| !d.is_null()),
            race: None,
            id: self.id,
        })
    }
}

/// An activity, or the stub the platform sends for one imported from Strava.
#[derive(Deserialize)]
pub(super) struct ActivityDto {
    #[serde(deserialize_with = "text")]
    id: String,
    #[serde(default, deserialize_with = "optional_text")]
    icu_athlete_id: Option<String>,
    start_date_local: String,
    #[serde(default)]
    start_date: Option<String>,
    #[serde(default)]
    timezone: Option<String>,
    #[serde(default, rename = "type")]
    sport: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    moving_time: Option<f64>,
    #[serde(default)]
    elapsed_time: Option<f64>,
    #[serde(default)]
    distance: Option<f64>,
    #[serde(default)]
    total_elevation_gain: Option<f64>,
    #[serde(default)]
    icu_average_watts: Option<f64>,
    #[serde(default)]
    average_heartrate: Option<f64>,
    #[serde(default)]
    icu_training_load: Option<f64>,
    #[serde(default)]
    trainer: Option<bool>,
    #[serde(default, deserialize_with = "optional_text")]
    paired_event_id: Option<String>,
    #[serde(default)]
    icu_sync_date: Option<String>,
    #[serde(default)]
    created: Option<String>,
    #[serde(default)]
    source: Option<String>,
}

/// An activity the platform will not pass on because it came from Strava: only its id and
/// local start are known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StravaStub {
    pub id: String,
    pub start_date_local: String,
}

pub(super) enum Listed {
    Activity(Box<Activity>),
    Stub(StravaStub),
}

impl ActivityDto {
    pub(super) fn into_listed(self, athlete: &str) -> Result<Listed, ProviderError> {
        let Some(start) = self.start_date.as_deref() else {
            if self.source.as_deref() == Some("STRAVA") {
                return Ok(Listed::Stub(StravaStub {
                    id: self.id,
                    start_date_local: self.start_date_local,
                }));
            }
            return Err(ProviderError::BadResponse(format!(
                "activity {} has no start time",
                self.id
            )));
        };
        let start_time = instant(start, &self.id)?;
        let (local_date, _) = local_start(&self.start_date_local, &self.id)?;
        let updated_at = match self.icu_sync_date.as_deref().or(self.created.as_deref()) {
            Some(t) => instant(t, &self.id)?,
            None => start_time,
        };
        let moving = self.moving_time.unwrap_or(0.0);
        Ok(Listed::Activity(Box::new(Activity {
            start_time,
            local_date,
            updated_at,
            sport: Sport::parse(self.sport.as_deref().unwrap_or_default()),
            elapsed_time_s: seconds(self.elapsed_time.unwrap_or(moving)),
            moving_time_s: seconds(moving),
            athlete_id: self.icu_athlete_id.unwrap_or_else(|| athlete.to_owned()),
            timezone: self.timezone,
            name: self.name.unwrap_or_else(|| "Activity".into()),
            distance_m: self.distance,
            elevation_gain_m: self.total_elevation_gain,
            avg_power_w: self.icu_average_watts,
            avg_hr: self.average_heartrate,
            load: self.icu_training_load,
            trainer: self.trainer.unwrap_or(false),
            planned_workout_id: self.paired_event_id,
            description: None,
            normalized_power_w: None,
            max_hr: None,
            avg_cadence: None,
            calories: None,
            intensity_factor: None,
            stream_types: Vec::new(),
            stub: false,
            id: self.id,
        })))
    }
}

/// `2025-04-10T06:30:00` (or a bare date) → the date, and `HH:MM` unless it is midnight, which
/// the platform uses for events without a time.
fn local_start(text: &str, id: &str) -> Result<(NaiveDate, Option<String>), ProviderError> {
    let bad = || ProviderError::BadResponse(format!("item {id} has the date “{text}”"));
    let date = text.get(..10).ok_or_else(bad)?.parse().map_err(|_| bad())?;
    let time = text
        .get(11..16)
        .filter(|t| *t != "00:00")
        .map(str::to_owned);
    Ok((date, time))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_becomes_a_workout_with_its_time_and_steps() {
        let dto: EventDto = serde_json::from_str(
            r#"{"id":41234567,"athlete_id":"i1042","start_date_local":"2025-04-12T07:30:00",
                "category":"WORKOUT","type":"Ride","name":"Sweet spot","moving_time":5400,
                "icu_training_load":88,"workout_doc":{"steps":[]},"updated":"2025-04-01T10:00:00.000Z"}"#,
        )
        .unwrap();
        let w = dto.into_workout("0").unwrap();
        assert_eq!(
            (w.id.as_str(), w.athlete_id.as_str()),
            ("41234567", "i1042")
        );
        assert_eq!(w.date.to_string(), "2025-04-12");
        assert_eq!(w.start_time.as_deref(), Some("07:30"));
        assert_eq!((w.sport, w.planned_duration_s), (Sport::Ride, 5400));
        assert!(w.structure.is_some());
    }

    #[test]
    fn a_strava_stub_is_kept_apart_and_a_full_activity_is_mapped() {
        let stub: ActivityDto = serde_json::from_str(
            r#"{"id":"i55","icu_athlete_id":"i1042","start_date_local":"2025-04-09T06:00:00",
                "source":"STRAVA","_note":"STRAVA activities are not available via the API"}"#,
        )
        .unwrap();
        assert!(matches!(stub.into_listed("0").unwrap(), Listed::Stub(s) if s.id == "i55"));
        let full: ActivityDto = serde_json::from_str(
            r#"{"id":"i56","icu_athlete_id":"i1042","start_date_local":"2025-04-10T00:30:00",
                "start_date":"2025-04-09T22:30:00Z","type":"VirtualRide","name":"Zwift",
                "moving_time":3600,"elapsed_time":3700,"trainer":true,"paired_event_id":123,
                "icu_sync_date":"2025-04-10T01:00:00.000Z","source":"ZWIFT"}"#,
        )
        .unwrap();
        let Listed::Activity(a) = full.into_listed("0").unwrap() else {
            panic!("a full activity is not a stub");
        };
        assert_eq!(a.local_date.to_string(), "2025-04-10");
        assert_eq!(a.planned_workout_id.as_deref(), Some("123"));
        assert_eq!(
            (a.sport, a.trainer, a.elapsed_time_s),
            (Sport::Ride, true, 3700)
        );
    }

    #[test]
    fn numeric_athlete_ids_stay_text_and_ftp_comes_from_the_ride_settings() {
        let dto: AthleteDto = serde_json::from_str(
            r#"{"id":1042,"name":"Ana","sportSettings":[{"types":["Run"],"ftp":null},{"types":["Ride"],"ftp":251.4}]}"#,
        )
        .unwrap();
        let a = Athlete::from(dto);
        assert_eq!((a.id.as_str(), a.ftp_w), ("1042", Some(251)));
    }
}
